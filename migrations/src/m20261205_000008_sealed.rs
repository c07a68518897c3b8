//! Session 8: what a person chose or answered is sealed (issue 15, the README's threat model).
//!
//! - `ballot.channel` moves inside the ballot's payload, which becomes
//!   `{"channel":…,"ballot":…}`; the server seals every payload still in plain JSON when it
//!   starts (a migration has no key), and writes only sealed ones from then on.
//! - The voluntary answers move from `participant_response`, one column per question and the
//!   day in the clear, to `sealed_answer` (key, round, sealed payload): the same values as one
//!   JSON object, sealed by the server at start like the ballots.
//! - `account.session_epoch`: raising it ends every session issued before.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261205_000008_sealed"
    }
}

#[derive(DeriveIden)]
enum Ballot {
    Table,
    Channel,
}

#[derive(DeriveIden)]
enum SealedAnswer {
    Table,
    Key,
    RoundId,
    Sealed,
}

#[derive(DeriveIden)]
enum ParticipantResponse {
    Table,
}

#[derive(DeriveIden)]
enum Round {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Account {
    Table,
    SessionEpoch,
}

/// The answers of `participant_response` as the JSON object the server seals.
const ANSWERS_AS_JSON: &str = "'day', day, 'gender', gender, 'age', age, 'area_id', area_id, \
     'born', born, 'education', education, 'occupation', occupation, 'disability', disability";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared(
            r#"UPDATE ballot SET choices = '{"channel":"' || channel || '","ballot":' || choices || '}'"#,
        )
        .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Ballot::Table)
                    .drop_column(Ballot::Channel)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SealedAnswer::Table)
                    .col(
                        ColumnDef::new(SealedAnswer::Key)
                            .string()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(SealedAnswer::RoundId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(SealedAnswer::Sealed).text().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(SealedAnswer::Table, SealedAnswer::RoundId)
                            .to(Round::Table, Round::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("sealed_answer_round")
                    .table(SealedAnswer::Table)
                    .col(SealedAnswer::RoundId)
                    .to_owned(),
            )
            .await?;
        let json = match manager.get_database_backend() {
            DbBackend::Postgres => format!("json_build_object({ANSWERS_AS_JSON})::text"),
            _ => format!("json_object({ANSWERS_AS_JSON})"),
        };
        db.execute_unprepared(&format!(
            r#"INSERT INTO sealed_answer ("key", round_id, sealed)
               SELECT "key", round_id, {json} FROM participant_response"#
        ))
        .await?;
        manager
            .drop_table(Table::drop().table(ParticipantResponse::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Account::Table)
                    .add_column(
                        ColumnDef::new(Account::SessionEpoch)
                            .big_integer()
                            .not_null()
                            .default(0),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
