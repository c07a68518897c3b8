//! A kiosk: a shared device where staff let voters in one after another (assisted voting).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "kiosk")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub round_id: i64,
    pub place: String,
    /// `salt$signature`: the PIN signed with the server's link key (`Purpose::KioskPin`).
    pub pin_hash: String,
    pub started_by: i64,
    pub started_at: DateTimeUtc,
    pub ended_at: Option<DateTimeUtc>,
    /// How many voters were let in.
    pub voters: i32,
    /// Wrong PINs in a row.
    pub pin_failures: i32,
    /// The voter let in now: their session carries it, and it is cleared when they have
    /// voted, handed the device back, or the next voter or the end came.
    pub voter_nonce: Option<String>,
    /// The kind of identity document checked for the voter let in (`domain::kiosk::IdDocument`).
    pub voter_document: Option<String>,
    /// The digest of the identity number typed for that voter, if any (`Keys.identity`).
    pub voter_identity: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
