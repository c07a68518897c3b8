//! A dated implementation update of an approved project (status, percent done, text, photo).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "implementation_update")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub proposal_id: i64,
    pub round_id: i64,
    pub status: String,
    pub percent: i32,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    pub update_date: Date,
    #[sea_orm(column_type = "Blob", nullable)]
    pub image: Option<Vec<u8>>,
    pub image_type: Option<String>,
    /// What the photo shows, its alternative text.
    pub image_alt: Option<String>,
    pub posted_by: i64,
    pub posted_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// The update's status (an unknown name is logged and read as planned).
    pub fn status(&self) -> domain::followup::ImplementationStatus {
        self.status.parse().unwrap_or_else(|_| {
            tracing::error!(update = self.id, status = %self.status, "unknown implementation status");
            domain::followup::ImplementationStatus::Planned
        })
    }
}
