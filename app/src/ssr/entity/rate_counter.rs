//! Counted requests per limited key and time window (see `ssr::rate_limit`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rate_counter")]
pub struct Model {
    /// What is counted, whose, and which window: `<limit>:<key>:<window number>`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub bucket: String,
    pub hits: i64,
    /// The end of the window; the row is deleted after it.
    pub expires_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
