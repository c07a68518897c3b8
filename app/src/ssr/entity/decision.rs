//! The politicians' decision on one project (one per project; recording again replaces it).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "decision")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub proposal_id: i64,
    pub round_id: i64,
    pub outcome: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub motivation: Option<String>,
    pub protocol_section: String,
    pub meeting_date: Date,
    pub minutes_url: Option<String>,
    pub recorded_by: i64,
    pub recorded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
