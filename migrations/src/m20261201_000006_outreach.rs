//! Session 4's additions: the description (alternative text) of an implementation update's
//! photo, so the photo can be told to those who cannot see it; and kiosks, the shared devices
//! where staff let voters in one after another (assisted voting), with how many voters each
//! let in and how many wrong PINs it met; the outreach log of a round (where, when, which group,
//! how many reached), read beside participation by day.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261201_000006_outreach"
    }
}

#[derive(DeriveIden)]
enum ImplementationUpdate {
    Table,
    ImageAlt,
}

#[derive(DeriveIden)]
enum Round {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Kiosk {
    Table,
    Id,
    RoundId,
    Place,
    PinHash,
    StartedBy,
    StartedAt,
    EndedAt,
    Voters,
    PinFailures,
    VoterNonce,
}

#[derive(DeriveIden)]
enum OutreachAction {
    Table,
    Id,
    RoundId,
    Day,
    Place,
    GroupKey,
    Reached,
    Note,
    RecordedBy,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(ImplementationUpdate::Table)
                    .add_column(
                        ColumnDef::new(ImplementationUpdate::ImageAlt)
                            .string()
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Kiosk::Table)
                    .col(
                        ColumnDef::new(Kiosk::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Kiosk::RoundId).big_integer().not_null())
                    .col(ColumnDef::new(Kiosk::Place).string().not_null())
                    .col(ColumnDef::new(Kiosk::PinHash).string().not_null())
                    .col(ColumnDef::new(Kiosk::StartedBy).big_integer().not_null())
                    .col(
                        ColumnDef::new(Kiosk::StartedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Kiosk::EndedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(Kiosk::Voters)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(
                        ColumnDef::new(Kiosk::PinFailures)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(ColumnDef::new(Kiosk::VoterNonce).string().null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(Kiosk::Table, Kiosk::RoundId)
                            .to(Round::Table, Round::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OutreachAction::Table)
                    .col(
                        ColumnDef::new(OutreachAction::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(OutreachAction::RoundId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(OutreachAction::Day).date().not_null())
                    .col(ColumnDef::new(OutreachAction::Place).string().not_null())
                    .col(ColumnDef::new(OutreachAction::GroupKey).string().null())
                    .col(ColumnDef::new(OutreachAction::Reached).integer().null())
                    .col(ColumnDef::new(OutreachAction::Note).text().null())
                    .col(
                        ColumnDef::new(OutreachAction::RecordedBy)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(OutreachAction::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(OutreachAction::Table, OutreachAction::RoundId)
                            .to(Round::Table, Round::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("outreach_action_round")
                    .table(OutreachAction::Table)
                    .col(OutreachAction::RoundId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
