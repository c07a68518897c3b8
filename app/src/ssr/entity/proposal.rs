//! A resident's proposal, and the staff review of it (status, public reason, staff cost,
//! internal note, criteria checked, merge into another proposal).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "proposal")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub round_id: i64,
    pub author_id: i64,
    pub area_id: Option<i64>,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub place: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub cost: i64,
    pub status: String,
    pub staff_cost: Option<i64>,
    #[sea_orm(column_type = "Text", nullable)]
    pub public_reason: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub internal_note: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub criteria_met: Option<String>,
    pub merged_into: Option<i64>,
    pub reviewed_by: Option<i64>,
    pub reviewed_at: Option<DateTimeUtc>,
    pub submitted_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// The proposal's status (an unknown name is logged and read as draft, which hides it).
    pub fn status(&self) -> crate::model::ProposalStatus {
        use crate::model::ProposalStatus;
        ProposalStatus::parse(&self.status).unwrap_or_else(|| {
            tracing::error!(proposal = self.id, status = %self.status, "unknown proposal status");
            ProposalStatus::Draft
        })
    }
}
