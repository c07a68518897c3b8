//! Session 11: the electoral roll and one identity across channels (issue 16).
//!
//! - `electoral_roll`: a round's roll as keyed digests of personal identity numbers (the same
//!   digest as `account.identity_digest`), never the numbers; unique per round.
//! - `voter_register.identity_digest`: the digest of the person who voted, when known (eID, or
//!   a number staff typed from an identity document). Unique per round, so one person is one
//!   voter whichever account or channel they came through.
//! - `kiosk.voter_identity`: the digest typed when a voter was let in at a kiosk, carried to
//!   their cast like `kiosk.voter_document`.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261205_000011_roll"
    }
}

#[derive(DeriveIden)]
enum ElectoralRoll {
    Table,
    Id,
    RoundId,
    IdentityDigest,
    ImportedAt,
}

#[derive(DeriveIden)]
enum VoterRegister {
    Table,
    RoundId,
    IdentityDigest,
}

#[derive(DeriveIden)]
enum Kiosk {
    Table,
    VoterIdentity,
}

#[derive(DeriveIden)]
enum Round {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ElectoralRoll::Table)
                    .col(
                        ColumnDef::new(ElectoralRoll::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(ElectoralRoll::RoundId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ElectoralRoll::IdentityDigest)
                            .string()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ElectoralRoll::ImportedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ElectoralRoll::Table, ElectoralRoll::RoundId)
                            .to(Round::Table, Round::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("electoral_roll_round_digest")
                    .table(ElectoralRoll::Table)
                    .col(ElectoralRoll::RoundId)
                    .col(ElectoralRoll::IdentityDigest)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // SQLite takes one new column per statement.
        for (table, column) in [
            (
                VoterRegister::Table.into_iden(),
                ColumnDef::new(VoterRegister::IdentityDigest)
                    .string()
                    .null()
                    .to_owned(),
            ),
            (
                Kiosk::Table.into_iden(),
                ColumnDef::new(Kiosk::VoterIdentity)
                    .string()
                    .null()
                    .to_owned(),
            ),
        ] {
            let mut column = column;
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("voter_register_round_identity")
                    .table(VoterRegister::Table)
                    .col(VoterRegister::RoundId)
                    .col(VoterRegister::IdentityDigest)
                    .unique()
                    .to_owned(),
            )
            .await
    }
}
