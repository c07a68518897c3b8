//! sea-orm entities: one file per table, mirroring the `migration` crate's schema.
//! Only server code sees these; pages get view types from the server functions.

pub mod account;
pub mod login_token;
pub mod namnd;
pub mod outbox;
pub mod round;
