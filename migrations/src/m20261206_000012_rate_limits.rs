//! Session 13: rate limits in the database (issue 17), so that every instance behind one proxy
//! counts the same requests and a restart forgets nothing.
//!
//! - `rate_counter`: one row per limited key and time window (`bucket`, e.g.
//!   `login-client:192.0.2.7:29876543`), its `hits`, and when the row may be deleted.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261206_000012_rate_limits"
    }
}

#[derive(DeriveIden)]
enum RateCounter {
    Table,
    Bucket,
    Hits,
    ExpiresAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RateCounter::Table)
                    .col(
                        ColumnDef::new(RateCounter::Bucket)
                            .string()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(RateCounter::Hits).big_integer().not_null())
                    .col(
                        ColumnDef::new(RateCounter::ExpiresAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("rate_counter_expires_at")
                    .table(RateCounter::Table)
                    .col(RateCounter::ExpiresAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RateCounter::Table).to_owned())
            .await
    }
}
