//! Voting: the ballot box and the voter register, kept apart (DESIGN.md, "Secret and
//! one-person-one-vote"). A ballot carries no account id and no time: only its round, an HMAC
//! of (account, round) under the server secret so its voter can replace it until voting
//! closes, the choices and how it was cast. The register says who voted, never what. The
//! result of the count is stored when voting closes.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261123_000003_voting"
    }
}

#[derive(DeriveIden)]
enum Round {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
    BirthYear,
    HomeAreaId,
    WorksInMunicipality,
}

#[derive(DeriveIden)]
enum Ballot {
    Table,
    RoundId,
    VoterLink,
    Choices,
    Channel,
}

#[derive(DeriveIden)]
enum PaperEntry {
    Table,
    Id,
    RoundId,
    Serial,
    StaffId,
    Choices,
    CreatedAt,
}

#[derive(DeriveIden)]
enum RoundResult {
    Table,
    RoundId,
    Report,
    Pabulib,
    ComputedAt,
    PublishedAt,
}

#[derive(DeriveIden)]
enum VoterRegister {
    Table,
    Id,
    RoundId,
    AccountId,
    Channel,
    FirstVotedAt,
    LastVotedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // What a voter declares for a round's eligibility rules: birth year, the area they live
        // in (none: not in the municipality), whether they work or study here.
        for column in [
            ColumnDef::new(Account::BirthYear)
                .integer()
                .null()
                .to_owned(),
            ColumnDef::new(Account::HomeAreaId)
                .big_integer()
                .null()
                .to_owned(),
            ColumnDef::new(Account::WorksInMunicipality)
                .boolean()
                .null()
                .to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Account::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        // The key is (round, link): no sequential id that would line ballots up with the
        // register's rows.
        manager
            .create_table(
                Table::create()
                    .table(Ballot::Table)
                    .col(ColumnDef::new(Ballot::RoundId).big_integer().not_null())
                    .col(ColumnDef::new(Ballot::VoterLink).string().not_null())
                    .col(ColumnDef::new(Ballot::Choices).text().not_null())
                    .col(ColumnDef::new(Ballot::Channel).string().not_null())
                    .primary_key(Index::create().col(Ballot::RoundId).col(Ballot::VoterLink))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Ballot::Table, Ballot::RoundId)
                            .to(Round::Table, Round::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(VoterRegister::Table)
                    .col(
                        ColumnDef::new(VoterRegister::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(VoterRegister::RoundId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(VoterRegister::AccountId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(VoterRegister::Channel).string().not_null())
                    .col(
                        ColumnDef::new(VoterRegister::FirstVotedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(VoterRegister::LastVotedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(VoterRegister::Table, VoterRegister::RoundId)
                            .to(Round::Table, Round::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(VoterRegister::Table, VoterRegister::AccountId)
                            .to(Account::Table, Account::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // One person, one entry per round, also when two casts race.
        manager
            .create_index(
                Index::create()
                    .name("voter_register_once")
                    .table(VoterRegister::Table)
                    .col(VoterRegister::RoundId)
                    .col(VoterRegister::AccountId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // Paper ballots are typed in twice, by two staff; only matching entries become ballots.
        manager
            .create_table(
                Table::create()
                    .table(PaperEntry::Table)
                    .col(
                        ColumnDef::new(PaperEntry::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(PaperEntry::RoundId).big_integer().not_null())
                    .col(ColumnDef::new(PaperEntry::Serial).string().not_null())
                    .col(ColumnDef::new(PaperEntry::StaffId).big_integer().not_null())
                    .col(ColumnDef::new(PaperEntry::Choices).text().not_null())
                    .col(
                        ColumnDef::new(PaperEntry::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(PaperEntry::Table, PaperEntry::RoundId)
                            .to(Round::Table, Round::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(PaperEntry::Table, PaperEntry::StaffId)
                            .to(Account::Table, Account::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("paper_entry_once_per_staff")
                    .table(PaperEntry::Table)
                    .col(PaperEntry::RoundId)
                    .col(PaperEntry::Serial)
                    .col(PaperEntry::StaffId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // The count made when voting closed: the explained result and the anonymised ballots in
        // Pabulib format it was counted from; public once staff publish it.
        manager
            .create_table(
                Table::create()
                    .table(RoundResult::Table)
                    .col(
                        ColumnDef::new(RoundResult::RoundId)
                            .big_integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(RoundResult::Report).text().not_null())
                    .col(ColumnDef::new(RoundResult::Pabulib).text().not_null())
                    .col(
                        ColumnDef::new(RoundResult::ComputedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RoundResult::PublishedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RoundResult::Table, RoundResult::RoundId)
                            .to(Round::Table, Round::Id),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration(
            "medborgarbudget migrations are forward-only".into(),
        ))
    }
}
