//! One outreach action of a round: where, on which day, for which group, how many reached.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outreach_action")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub round_id: i64,
    pub day: Date,
    pub place: String,
    /// `dimension:value`; `None` for everyone.
    pub group_key: Option<String>,
    pub reached: Option<i32>,
    #[sea_orm(column_type = "Text", nullable)]
    pub note: Option<String>,
    pub recorded_by: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
