//! Equal participation (målgruppsanalys): the voluntary answers of participants, kept apart
//! from identities and ballots (a response has a random key, a day and the answers; a separate
//! marker says only that a person has answered in a round, so nobody is counted twice), the
//! round's population baseline as imported, and which groups are currently flagged as
//! under-represented (so staff are told once when a group falls under the threshold).

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261201_000005_participation"
    }
}

#[derive(DeriveIden)]
enum Round {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ParticipantResponse {
    Table,
    Key,
    RoundId,
    Day,
    Gender,
    Age,
    AreaId,
    Born,
    Education,
    Occupation,
    Disability,
}

#[derive(DeriveIden)]
enum ParticipationMarker {
    Table,
    Id,
    RoundId,
    AccountId,
}

#[derive(DeriveIden)]
enum PopulationBaseline {
    Table,
    RoundId,
    Csv,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ParticipationAlert {
    Table,
    Id,
    RoundId,
    GroupKey,
    FlaggedAt,
}

fn id<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name)
        .big_integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .to_owned()
}

fn text<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name).string().null().to_owned()
}

fn round_fk<T: IntoIden + 'static>(table: T, column: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(Round::Table, Round::Id)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // No account, no ballot link, no time of day: only the day, for the trend.
        manager
            .create_table(
                Table::create()
                    .table(ParticipantResponse::Table)
                    .col(
                        ColumnDef::new(ParticipantResponse::Key)
                            .string()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(ParticipantResponse::RoundId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(ParticipantResponse::Day).date().not_null())
                    .col(text(ParticipantResponse::Gender))
                    .col(text(ParticipantResponse::Age))
                    .col(
                        ColumnDef::new(ParticipantResponse::AreaId)
                            .big_integer()
                            .null(),
                    )
                    .col(text(ParticipantResponse::Born))
                    .col(text(ParticipantResponse::Education))
                    .col(text(ParticipantResponse::Occupation))
                    .col(text(ParticipantResponse::Disability))
                    .foreign_key(&mut round_fk(
                        ParticipantResponse::Table,
                        ParticipantResponse::RoundId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("participant_response_round")
                    .table(ParticipantResponse::Table)
                    .col(ParticipantResponse::RoundId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ParticipationMarker::Table)
                    .col(id(ParticipationMarker::Id))
                    .col(
                        ColumnDef::new(ParticipationMarker::RoundId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ParticipationMarker::AccountId)
                            .big_integer()
                            .not_null(),
                    )
                    .foreign_key(&mut round_fk(
                        ParticipationMarker::Table,
                        ParticipationMarker::RoundId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("participation_marker_round_account")
                    .table(ParticipationMarker::Table)
                    .col(ParticipationMarker::RoundId)
                    .col(ParticipationMarker::AccountId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PopulationBaseline::Table)
                    .col(
                        ColumnDef::new(PopulationBaseline::RoundId)
                            .big_integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(PopulationBaseline::Csv).text().not_null())
                    .col(
                        ColumnDef::new(PopulationBaseline::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut round_fk(
                        PopulationBaseline::Table,
                        PopulationBaseline::RoundId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ParticipationAlert::Table)
                    .col(id(ParticipationAlert::Id))
                    .col(
                        ColumnDef::new(ParticipationAlert::RoundId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ParticipationAlert::GroupKey)
                            .string()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ParticipationAlert::FlaggedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut round_fk(
                        ParticipationAlert::Table,
                        ParticipationAlert::RoundId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("participation_alert_round_group")
                    .table(ParticipationAlert::Table)
                    .col(ParticipationAlert::RoundId)
                    .col(ParticipationAlert::GroupKey)
                    .unique()
                    .to_owned(),
            )
            .await
    }
}
