//! What happens after the vote (DESIGN.md, steps 7–8 and "Återkoppling"): the politicians'
//! decision per project, dated implementation updates, people following a round by email
//! without an account (double opt-in), opt-outs from one-click unsubscribe links, the digest
//! option (at most one mail a day per round) with the notifications a digest gathers, and the
//! round each outbox mail belongs to (so staff can follow a round's mail) and its one-click
//! unsubscribe address (sent as `List-Unsubscribe`).

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261130_000004_followup"
    }
}

#[derive(DeriveIden)]
enum Round {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Proposal {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Recipient,
    RoundId,
    UnsubscribeUrl,
}

#[derive(DeriveIden)]
enum Decision {
    Table,
    Id,
    ProposalId,
    RoundId,
    Outcome,
    Motivation,
    ProtocolSection,
    MeetingDate,
    MinutesUrl,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden)]
enum ImplementationUpdate {
    Table,
    Id,
    ProposalId,
    RoundId,
    Status,
    Percent,
    Body,
    UpdateDate,
    Image,
    ImageType,
    PostedBy,
    PostedAt,
}

#[derive(DeriveIden)]
enum Subscription {
    Table,
    Id,
    Email,
    RoundId,
    Locale,
    ConfirmedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum MailPreference {
    Table,
    Email,
    Digest,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum DigestItem {
    Table,
    Id,
    OutboxId,
    Message,
    CreatedAt,
}

#[derive(DeriveIden)]
enum MailOptOut {
    Table,
    Id,
    Email,
    Scope,
    CreatedAt,
}

fn id<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name)
        .big_integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .to_owned()
}

fn at<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

fn fk(
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One decision per project; recorded again = replaced (the page says who and when).
        manager
            .create_table(
                Table::create()
                    .table(Decision::Table)
                    .col(id(Decision::Id))
                    .col(
                        ColumnDef::new(Decision::ProposalId)
                            .big_integer()
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(Decision::RoundId).big_integer().not_null())
                    .col(ColumnDef::new(Decision::Outcome).string().not_null())
                    .col(ColumnDef::new(Decision::Motivation).text().null())
                    .col(
                        ColumnDef::new(Decision::ProtocolSection)
                            .string()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Decision::MeetingDate).date().not_null())
                    .col(ColumnDef::new(Decision::MinutesUrl).string().null())
                    .col(
                        ColumnDef::new(Decision::RecordedBy)
                            .big_integer()
                            .not_null(),
                    )
                    .col(at(Decision::RecordedAt))
                    .foreign_key(&mut fk(
                        (Decision::Table, Decision::ProposalId),
                        (Proposal::Table, Proposal::Id),
                    ))
                    .foreign_key(&mut fk(
                        (Decision::Table, Decision::RoundId),
                        (Round::Table, Round::Id),
                    ))
                    .foreign_key(&mut fk(
                        (Decision::Table, Decision::RecordedBy),
                        (Account::Table, Account::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ImplementationUpdate::Table)
                    .col(id(ImplementationUpdate::Id))
                    .col(
                        ColumnDef::new(ImplementationUpdate::ProposalId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ImplementationUpdate::RoundId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ImplementationUpdate::Status)
                            .string()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ImplementationUpdate::Percent)
                            .integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(ImplementationUpdate::Body).text().not_null())
                    .col(
                        ColumnDef::new(ImplementationUpdate::UpdateDate)
                            .date()
                            .not_null(),
                    )
                    .col(ColumnDef::new(ImplementationUpdate::Image).blob().null())
                    .col(
                        ColumnDef::new(ImplementationUpdate::ImageType)
                            .string()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(ImplementationUpdate::PostedBy)
                            .big_integer()
                            .not_null(),
                    )
                    .col(at(ImplementationUpdate::PostedAt))
                    .foreign_key(&mut fk(
                        (
                            ImplementationUpdate::Table,
                            ImplementationUpdate::ProposalId,
                        ),
                        (Proposal::Table, Proposal::Id),
                    ))
                    .foreign_key(&mut fk(
                        (ImplementationUpdate::Table, ImplementationUpdate::RoundId),
                        (Round::Table, Round::Id),
                    ))
                    .foreign_key(&mut fk(
                        (ImplementationUpdate::Table, ImplementationUpdate::PostedBy),
                        (Account::Table, Account::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("implementation_update_proposal")
                    .table(ImplementationUpdate::Table)
                    .col(ImplementationUpdate::ProposalId)
                    .col(ImplementationUpdate::UpdateDate)
                    .to_owned(),
            )
            .await?;
        // An address following a round without an account; mail goes out only once confirmed.
        manager
            .create_table(
                Table::create()
                    .table(Subscription::Table)
                    .col(id(Subscription::Id))
                    .col(ColumnDef::new(Subscription::Email).string().not_null())
                    .col(
                        ColumnDef::new(Subscription::RoundId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Subscription::Locale).string().not_null())
                    .col(
                        ColumnDef::new(Subscription::ConfirmedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(at(Subscription::CreatedAt))
                    .foreign_key(&mut fk(
                        (Subscription::Table, Subscription::RoundId),
                        (Round::Table, Round::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("subscription_email_round")
                    .table(Subscription::Table)
                    .col(Subscription::Email)
                    .col(Subscription::RoundId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // "Send me nothing more about <scope>" (all, a round or a project), by address.
        manager
            .create_table(
                Table::create()
                    .table(MailOptOut::Table)
                    .col(id(MailOptOut::Id))
                    .col(ColumnDef::new(MailOptOut::Email).string().not_null())
                    .col(ColumnDef::new(MailOptOut::Scope).string().not_null())
                    .col(at(MailOptOut::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("mail_opt_out_email_scope")
                    .table(MailOptOut::Table)
                    .col(MailOptOut::Email)
                    .col(MailOptOut::Scope)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // "At most one mail a day per round" (the digest option), by address.
        manager
            .create_table(
                Table::create()
                    .table(MailPreference::Table)
                    .col(
                        ColumnDef::new(MailPreference::Email)
                            .string()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(MailPreference::Digest).boolean().not_null())
                    .col(at(MailPreference::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        // The notifications gathered in a digest mail still queued (re-rendered on each one).
        manager
            .create_table(
                Table::create()
                    .table(DigestItem::Table)
                    .col(id(DigestItem::Id))
                    .col(
                        ColumnDef::new(DigestItem::OutboxId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(DigestItem::Message).text().not_null())
                    .col(at(DigestItem::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("digest_item_outbox")
                    .table(DigestItem::Table)
                    .col(DigestItem::OutboxId)
                    .to_owned(),
            )
            .await?;
        // SQLite alters one column per statement.
        for column in [
            ColumnDef::new(Outbox::RoundId)
                .big_integer()
                .null()
                .to_owned(),
            ColumnDef::new(Outbox::UnsubscribeUrl)
                .string()
                .null()
                .to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Outbox::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("outbox_round")
                    .table(Outbox::Table)
                    .col(Outbox::RoundId)
                    .to_owned(),
            )
            .await?;
        // A recipient's digest of a round is looked up as each notification arrives.
        manager
            .create_index(
                Index::create()
                    .name("outbox_recipient_round")
                    .table(Outbox::Table)
                    .col(Outbox::Recipient)
                    .col(Outbox::RoundId)
                    .to_owned(),
            )
            .await
    }
}
