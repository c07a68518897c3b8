//! Session 10: Swedish eID (issue 16).
//!
//! - `account.identity_digest`: a keyed digest (HMAC under a key from the server's secret) of
//!   the person's personal identity or coordination number, set when they sign in with eID.
//!   The number itself is never stored. Unique: one person is one account.
//! - `account.eid_verified_at`: when the person last proved who they are with eID.
//!
//! A birth year taken from the number counts as verified while the digest is set.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261205_000010_eid"
    }
}

#[derive(DeriveIden)]
enum Account {
    Table,
    IdentityDigest,
    EidVerifiedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite takes one new column per statement.
        for column in [
            ColumnDef::new(Account::IdentityDigest)
                .string()
                .null()
                .to_owned(),
            ColumnDef::new(Account::EidVerifiedAt)
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
        ] {
            let mut column = column;
            manager
                .alter_table(
                    Table::alter()
                        .table(Account::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("account_identity_digest")
                    .table(Account::Table)
                    .col(Account::IdentityDigest)
                    .unique()
                    .to_owned(),
            )
            .await
    }
}
