//! Who has voted in a round (for one person, one vote and for mail), never what.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "voter_register")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub round_id: i64,
    pub account_id: i64,
    pub channel: String,
    pub first_voted_at: DateTimeUtc,
    pub last_voted_at: DateTimeUtc,
    /// Kiosk and assisted votes: the staff member who let the person in (for a kiosk, who
    /// started it and holds its PIN).
    pub operator_id: Option<i64>,
    /// Kiosk and assisted votes: the kind of identity document checked, never its number.
    pub id_document: Option<String>,
    /// The keyed digest of the person's identity number, when known (eID or typed in person):
    /// unique per round, so one person is one voter across accounts and channels.
    pub identity_digest: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
