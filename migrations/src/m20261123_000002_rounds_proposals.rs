//! Rounds in full, areas, proposals and staff review: the round's configuration (texts,
//! allocation, eligibility, ballot and counting settings, criteria, dates) as one JSON
//! document, a log of phase changes, proposals with their images, supports and comments, and
//! an audit log for moderation and review.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261123_000002_rounds_proposals"
    }
}

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Round {
    Table,
    Id,
    Config,
    BudgetTotal,
}

#[derive(DeriveIden)]
enum Area {
    Table,
    Id,
    Slug,
    Name,
    Population,
    CreatedAt,
}

#[derive(DeriveIden)]
enum RoundPhaseChange {
    Table,
    Id,
    RoundId,
    FromPhase,
    ToPhase,
    AccountId,
    At,
}

#[derive(DeriveIden)]
enum Proposal {
    Table,
    Id,
    RoundId,
    AuthorId,
    AreaId,
    Title,
    Description,
    Place,
    Latitude,
    Longitude,
    Cost,
    Status,
    StaffCost,
    PublicReason,
    InternalNote,
    CriteriaMet,
    MergedInto,
    ReviewedBy,
    ReviewedAt,
    SubmittedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ProposalImage {
    Table,
    ProposalId,
    ContentType,
    Data,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ProposalSupport {
    Table,
    Id,
    ProposalId,
    AccountId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Comment {
    Table,
    Id,
    ProposalId,
    AuthorId,
    Body,
    CreatedAt,
    HiddenAt,
    HiddenBy,
    HiddenReason,
}

#[derive(DeriveIden)]
enum AuditEvent {
    Table,
    Id,
    At,
    AccountId,
    RoundId,
    Action,
    Subject,
    Detail,
}

fn id(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .big_integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .to_owned()
}

fn timestamp(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

fn optional_timestamp(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .null()
        .to_owned()
}

fn reference(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).big_integer().not_null().to_owned()
}

fn optional_reference(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).big_integer().null().to_owned()
}

fn fk(
    from_table: impl IntoIden,
    from_col: impl IntoIden,
    to_table: impl IntoIden,
    to_col: impl IntoIden,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from_table, from_col)
        .to(to_table, to_col)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        manager
            .alter_table(
                Table::alter()
                    .table(Round::Table)
                    .add_column(
                        ColumnDef::new(Round::Config)
                            .text()
                            .not_null()
                            .default("{}"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Round::Table)
                    .add_column(
                        ColumnDef::new(Round::BudgetTotal)
                            .big_integer()
                            .not_null()
                            .default(0),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Area::Table)
                    .col(id(Area::Id))
                    .col(ColumnDef::new(Area::Slug).string().not_null().unique_key())
                    .col(ColumnDef::new(Area::Name).string().not_null())
                    .col(ColumnDef::new(Area::Population).big_integer().not_null())
                    .col(timestamp(Area::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RoundPhaseChange::Table)
                    .col(id(RoundPhaseChange::Id))
                    .col(reference(RoundPhaseChange::RoundId))
                    .col(
                        ColumnDef::new(RoundPhaseChange::FromPhase)
                            .string()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RoundPhaseChange::ToPhase)
                            .string()
                            .not_null(),
                    )
                    .col(optional_reference(RoundPhaseChange::AccountId))
                    .col(timestamp(RoundPhaseChange::At))
                    .foreign_key(&mut fk(
                        RoundPhaseChange::Table,
                        RoundPhaseChange::RoundId,
                        Round::Table,
                        Round::Id,
                    ))
                    .foreign_key(&mut fk(
                        RoundPhaseChange::Table,
                        RoundPhaseChange::AccountId,
                        Account::Table,
                        Account::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Proposal::Table)
                    .col(id(Proposal::Id))
                    .col(reference(Proposal::RoundId))
                    .col(reference(Proposal::AuthorId))
                    .col(optional_reference(Proposal::AreaId))
                    .col(ColumnDef::new(Proposal::Title).string().not_null())
                    .col(ColumnDef::new(Proposal::Description).text().not_null())
                    .col(ColumnDef::new(Proposal::Place).string().null())
                    .col(ColumnDef::new(Proposal::Latitude).double().null())
                    .col(ColumnDef::new(Proposal::Longitude).double().null())
                    .col(ColumnDef::new(Proposal::Cost).big_integer().not_null())
                    .col(ColumnDef::new(Proposal::Status).string().not_null())
                    .col(ColumnDef::new(Proposal::StaffCost).big_integer().null())
                    .col(ColumnDef::new(Proposal::PublicReason).text().null())
                    .col(ColumnDef::new(Proposal::InternalNote).text().null())
                    .col(ColumnDef::new(Proposal::CriteriaMet).text().null())
                    .col(optional_reference(Proposal::MergedInto))
                    .col(optional_reference(Proposal::ReviewedBy))
                    .col(optional_timestamp(Proposal::ReviewedAt))
                    .col(optional_timestamp(Proposal::SubmittedAt))
                    .col(timestamp(Proposal::CreatedAt))
                    .col(timestamp(Proposal::UpdatedAt))
                    .foreign_key(&mut fk(
                        Proposal::Table,
                        Proposal::RoundId,
                        Round::Table,
                        Round::Id,
                    ))
                    .foreign_key(&mut fk(
                        Proposal::Table,
                        Proposal::AuthorId,
                        Account::Table,
                        Account::Id,
                    ))
                    .foreign_key(&mut fk(
                        Proposal::Table,
                        Proposal::AreaId,
                        Area::Table,
                        Area::Id,
                    ))
                    .foreign_key(&mut fk(
                        Proposal::Table,
                        Proposal::MergedInto,
                        Proposal::Table,
                        Proposal::Id,
                    ))
                    .foreign_key(&mut fk(
                        Proposal::Table,
                        Proposal::ReviewedBy,
                        Account::Table,
                        Account::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("proposal_round_status")
                    .table(Proposal::Table)
                    .col(Proposal::RoundId)
                    .col(Proposal::Status)
                    .to_owned(),
            )
            .await?;
        // The public list: newest first within a round, without sorting the whole round.
        manager
            .create_index(
                Index::create()
                    .name("proposal_round_submitted")
                    .table(Proposal::Table)
                    .col(Proposal::RoundId)
                    .col(Proposal::SubmittedAt)
                    .col(Proposal::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProposalImage::Table)
                    .col(
                        ColumnDef::new(ProposalImage::ProposalId)
                            .big_integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(ProposalImage::ContentType)
                            .string()
                            .not_null(),
                    )
                    .col(ColumnDef::new(ProposalImage::Data).blob().not_null())
                    .col(timestamp(ProposalImage::CreatedAt))
                    .foreign_key(
                        &mut fk(
                            ProposalImage::Table,
                            ProposalImage::ProposalId,
                            Proposal::Table,
                            Proposal::Id,
                        )
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProposalSupport::Table)
                    .col(id(ProposalSupport::Id))
                    .col(reference(ProposalSupport::ProposalId))
                    .col(reference(ProposalSupport::AccountId))
                    .col(timestamp(ProposalSupport::CreatedAt))
                    .foreign_key(&mut fk(
                        ProposalSupport::Table,
                        ProposalSupport::ProposalId,
                        Proposal::Table,
                        Proposal::Id,
                    ))
                    .foreign_key(&mut fk(
                        ProposalSupport::Table,
                        ProposalSupport::AccountId,
                        Account::Table,
                        Account::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        // One support per person and proposal, also when two requests race.
        manager
            .create_index(
                Index::create()
                    .name("proposal_support_once")
                    .table(ProposalSupport::Table)
                    .col(ProposalSupport::ProposalId)
                    .col(ProposalSupport::AccountId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Comment::Table)
                    .col(id(Comment::Id))
                    .col(reference(Comment::ProposalId))
                    .col(reference(Comment::AuthorId))
                    .col(ColumnDef::new(Comment::Body).text().not_null())
                    .col(timestamp(Comment::CreatedAt))
                    .col(optional_timestamp(Comment::HiddenAt))
                    .col(optional_reference(Comment::HiddenBy))
                    .col(ColumnDef::new(Comment::HiddenReason).text().null())
                    .foreign_key(&mut fk(
                        Comment::Table,
                        Comment::ProposalId,
                        Proposal::Table,
                        Proposal::Id,
                    ))
                    .foreign_key(&mut fk(
                        Comment::Table,
                        Comment::AuthorId,
                        Account::Table,
                        Account::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AuditEvent::Table)
                    .col(id(AuditEvent::Id))
                    .col(timestamp(AuditEvent::At))
                    .col(optional_reference(AuditEvent::AccountId))
                    .col(optional_reference(AuditEvent::RoundId))
                    .col(ColumnDef::new(AuditEvent::Action).string().not_null())
                    .col(ColumnDef::new(AuditEvent::Subject).string().not_null())
                    .col(ColumnDef::new(AuditEvent::Detail).text().not_null())
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
