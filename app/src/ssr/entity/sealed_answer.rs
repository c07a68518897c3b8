//! One participant's voluntary answers in a round, sealed with the day they were given: a
//! random key, the round, the sealed answers (see `ssr::participation::answers`). Nothing links
//! it to an account or a ballot, and without the server's key it says nothing.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sealed_answer")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    pub round_id: i64,
    #[sea_orm(column_type = "Text")]
    pub sealed: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
