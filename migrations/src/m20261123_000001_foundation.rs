//! The foundation: accounts and roles, nämnder, one-time login links, the mail outbox, and a
//! minimal round row so the start page has something to list.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261123_000001_foundation"
    }
}

#[derive(DeriveIden)]
enum Namnd {
    Table,
    Id,
    Slug,
    Name,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
    Email,
    Role,
    NamndId,
    Locale,
    CreatedAt,
}

#[derive(DeriveIden)]
enum LoginToken {
    Table,
    Id,
    AccountId,
    TokenHash,
    ExpiresAt,
    UsedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Id,
    EventKey,
    Recipient,
    Locale,
    Subject,
    BodyText,
    BodyHtml,
    Status,
    Attempts,
    NextAttemptAt,
    LastError,
    CreatedAt,
    SentAt,
}

#[derive(DeriveIden)]
enum Round {
    Table,
    Id,
    Slug,
    NamndId,
    TitleSv,
    TitleEn,
    SummarySv,
    SummaryEn,
    Phase,
    CreatedAt,
}

fn id(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .big_integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .to_owned()
}

/// Timestamps are always written by the application: SQLite's `CURRENT_TIMESTAMP` text
/// (`2026-11-23 18:00:00`) would not compare correctly with sqlx's (`2026-11-23T18:00:00+00:00`).
fn created_at(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Namnd::Table)
                    .col(id(Namnd::Id))
                    .col(ColumnDef::new(Namnd::Slug).string().not_null().unique_key())
                    .col(ColumnDef::new(Namnd::Name).string().not_null())
                    .col(created_at(Namnd::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Account::Table)
                    .col(id(Account::Id))
                    .col(
                        ColumnDef::new(Account::Email)
                            .string()
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(Account::Role)
                            .string()
                            .not_null()
                            .default("resident"),
                    )
                    .col(ColumnDef::new(Account::NamndId).big_integer().null())
                    .col(
                        ColumnDef::new(Account::Locale)
                            .string()
                            .not_null()
                            .default("sv"),
                    )
                    .col(created_at(Account::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Account::Table, Account::NamndId)
                            .to(Namnd::Table, Namnd::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(LoginToken::Table)
                    .col(id(LoginToken::Id))
                    .col(
                        ColumnDef::new(LoginToken::AccountId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(LoginToken::TokenHash)
                            .string()
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(LoginToken::ExpiresAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(LoginToken::UsedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(created_at(LoginToken::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(LoginToken::Table, LoginToken::AccountId)
                            .to(Account::Table, Account::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Outbox::Table)
                    .col(id(Outbox::Id))
                    .col(ColumnDef::new(Outbox::EventKey).string().not_null())
                    .col(ColumnDef::new(Outbox::Recipient).string().not_null())
                    .col(ColumnDef::new(Outbox::Locale).string().not_null())
                    .col(ColumnDef::new(Outbox::Subject).string().not_null())
                    .col(ColumnDef::new(Outbox::BodyText).text().not_null())
                    .col(ColumnDef::new(Outbox::BodyHtml).text().not_null())
                    .col(
                        ColumnDef::new(Outbox::Status)
                            .string()
                            .not_null()
                            .default("queued"),
                    )
                    .col(
                        ColumnDef::new(Outbox::Attempts)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(
                        ColumnDef::new(Outbox::NextAttemptAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Outbox::LastError).text().null())
                    .col(created_at(Outbox::CreatedAt))
                    .col(
                        ColumnDef::new(Outbox::SentAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        // Exactly once per (event, recipient): a second enqueue of the same pair is refused here.
        manager
            .create_index(
                Index::create()
                    .name("outbox_event_recipient")
                    .table(Outbox::Table)
                    .col(Outbox::EventKey)
                    .col(Outbox::Recipient)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("outbox_due")
                    .table(Outbox::Table)
                    .col(Outbox::Status)
                    .col(Outbox::NextAttemptAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Round::Table)
                    .col(id(Round::Id))
                    .col(ColumnDef::new(Round::Slug).string().not_null().unique_key())
                    .col(ColumnDef::new(Round::NamndId).big_integer().not_null())
                    .col(ColumnDef::new(Round::TitleSv).string().not_null())
                    .col(ColumnDef::new(Round::TitleEn).string().null())
                    .col(ColumnDef::new(Round::SummarySv).text().not_null())
                    .col(ColumnDef::new(Round::SummaryEn).text().null())
                    .col(
                        ColumnDef::new(Round::Phase)
                            .string()
                            .not_null()
                            .default("draft"),
                    )
                    .col(created_at(Round::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Round::Table, Round::NamndId)
                            .to(Namnd::Table, Namnd::Id),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        // Forward-only: the schema is never rolled back in place.
        Err(DbErr::Migration(
            "medborgarbudget migrations are forward-only".into(),
        ))
    }
}
