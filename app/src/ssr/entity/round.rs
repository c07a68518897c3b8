//! A medborgarbudget round: the frame a nämnd sets for proposals, voting and decisions.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "round")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub slug: String,
    pub namnd_id: i64,
    pub title_sv: String,
    pub title_en: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub summary_sv: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub summary_en: Option<String>,
    pub phase: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
