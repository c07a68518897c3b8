//! Session 9: one person, one ballot, whatever channel (issue 15).
//!
//! - `account.canonical_email`: the address in the form that names one mailbox
//!   (`domain::email::Email::canonical`). The server fills it and folds accounts that turn out
//!   to be one person when it starts (the fold re-links ballots, which needs the key a
//!   migration does not have), then makes it unique (`app::ssr::account_fold`).
//! - `voter_register.operator_id` and `.id_document`: for kiosk and assisted votes, who let the
//!   person in and which kind of identity document they checked (the kind only, no number);
//!   `kiosk.voter_document` carries the kind from letting a voter in to their cast.
//! - `paper_roll`: a round's printed paper serials (first and last) and how many people were
//!   checked off the paper voter list, counted beside the other channels at the close.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261205_000009_one_person"
    }
}

#[derive(DeriveIden)]
enum Account {
    Table,
    CanonicalEmail,
}

#[derive(DeriveIden)]
enum VoterRegister {
    Table,
    OperatorId,
    IdDocument,
}

#[derive(DeriveIden)]
enum Kiosk {
    Table,
    VoterDocument,
}

#[derive(DeriveIden)]
enum PaperRoll {
    Table,
    RoundId,
    FirstSerial,
    LastSerial,
    CheckedOff,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Round {
    Table,
    Id,
}

/// Adds one nullable column (SQLite takes one per statement).
async fn add_column(
    manager: &SchemaManager<'_>,
    table: impl IntoIden,
    mut column: ColumnDef,
) -> Result<(), DbErr> {
    manager
        .alter_table(
            Table::alter()
                .table(table)
                .add_column(column.null())
                .to_owned(),
        )
        .await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add_column(
            manager,
            Account::Table,
            ColumnDef::new(Account::CanonicalEmail).string().to_owned(),
        )
        .await?;
        add_column(
            manager,
            VoterRegister::Table,
            ColumnDef::new(VoterRegister::OperatorId)
                .big_integer()
                .to_owned(),
        )
        .await?;
        add_column(
            manager,
            VoterRegister::Table,
            ColumnDef::new(VoterRegister::IdDocument)
                .string()
                .to_owned(),
        )
        .await?;
        add_column(
            manager,
            Kiosk::Table,
            ColumnDef::new(Kiosk::VoterDocument).string().to_owned(),
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(PaperRoll::Table)
                    .col(
                        ColumnDef::new(PaperRoll::RoundId)
                            .big_integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(PaperRoll::FirstSerial).string().not_null())
                    .col(ColumnDef::new(PaperRoll::LastSerial).string().not_null())
                    .col(ColumnDef::new(PaperRoll::CheckedOff).big_integer().null())
                    .col(
                        ColumnDef::new(PaperRoll::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(PaperRoll::Table, PaperRoll::RoundId)
                            .to(Round::Table, Round::Id),
                    )
                    .to_owned(),
            )
            .await
    }
}
