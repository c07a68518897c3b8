//! A medborgarbudget round: the frame a nämnd sets for proposals, voting and decisions. The
//! configuration staff edit (allocation, eligibility, ballot, rule, criteria, dates) is one
//! JSON document, `config`, read through `ssr::rounds::RoundSettings`.

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
    #[sea_orm(column_type = "Text")]
    pub config: String,
    pub budget_total: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
