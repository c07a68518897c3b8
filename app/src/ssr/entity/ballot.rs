//! An anonymous ballot: its round, the HMAC link to its voter (`paper:<serial>` for a paper
//! ballot), and its choices and channel sealed (see `ssr::voting::ballot_box`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ballot")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub round_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub voter_link: String,
    /// The sealed `{"channel":…,"ballot":…}`.
    #[sea_orm(column_type = "Text")]
    pub choices: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
