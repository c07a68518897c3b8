//! Casting a ballot: the voter's own (online or at a kiosk), or one cast by staff for a person
//! they verified in person. Either way the ballot goes in the box, the voter in the register,
//! and the receipt in the outbox, in one transaction.

use chrono::Utc;
use domain::Code;
use domain::Phase;
use domain::voting::BallotPost;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait, TransactionTrait};

use super::access::{Voter, eligibility, kiosk_may_vote, voter_of};
use super::ballot_box::{Boxed, ballot_error, checked_ballot, pairs, store_ballot, typed_choices};
use super::mail::queue_receipt;
use crate::error::AppError;
use crate::model::SessionUser;
use crate::ssr::access::{managed_round, visible_round};
use crate::ssr::context::ServerContext;
use crate::ssr::entity::{kiosk, round, voter_register};
use crate::ssr::{audit, login_link};
use domain::id_document::{IdDocument, parse_typed_number};

/// Casts (or replaces) `user`'s own ballot online. Nothing is stored when anything is wrong.
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn cast(
    ctx: &ServerContext,
    user: &SessionUser,
    slug: &str,
    post: &BallotPost,
) -> Result<(), AppError> {
    let txn = ctx.db.begin().await?;
    let round = visible_round(&txn, slug, Some(user)).await?;
    kiosk_may_vote(user, &round)?;
    let voter = voter_of(&txn, user).await?;
    if round.phase() == Phase::Voting
        && let Some(code) = eligibility(&txn, &round, &voter).await?
    {
        return Err(ballot_error(code, post));
    }
    let channel = match user.kiosk {
        Some(voter) => Channel::Kiosk(kiosk_operator(&txn, voter.kiosk).await?),
        None => Channel::Online,
    };
    cast_for(ctx, &txn, &round, &voter, channel, post).await?;
    txn.commit().await?;
    tracing::info!(round = %round.slug, "ballot cast");
    Ok(())
}

/// Staff cast the ballot of a person they have verified in person (assisted voting). The
/// ballot is stored exactly like the person's own; staff see who they help, the audit log
/// records that they helped, never what was chosen.
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn assist(
    ctx: &ServerContext,
    staff: &SessionUser,
    slug: &str,
    person: &AssistedPerson<'_>,
    post: &BallotPost,
) -> Result<(), AppError> {
    let txn = ctx.db.begin().await?;
    let round = managed_round(&txn, slug, staff).await?;
    // Whatever is refused, the form keeps the address, document and number as typed.
    let keep = |err: AppError| {
        err.keeping("email", person.email)
            .keeping("id_document", person.id_document)
            .keeping("identity_number", person.identity_number)
    };
    let mut typed = typed_choices(post);
    typed.push(("email".to_owned(), person.email.to_owned()));
    typed.push(("id_document".to_owned(), person.id_document.to_owned()));
    typed.push((
        "identity_number".to_owned(),
        person.identity_number.to_owned(),
    ));
    let refuse = |field: &str, code: Code| AppError::invalid(field, code, &pairs(&typed));
    let address =
        domain::Email::parse(person.email).map_err(|_| refuse("email", Code::EmailInvalid))?;
    let document =
        IdDocument::parse(person.id_document).map_err(|code| refuse("id_document", code))?;
    let number = parse_typed_number(person.identity_number, Utc::now().date_naive())
        .map_err(|code| refuse("identity_number", code))?;
    let account = login_link::find_or_create_account(&txn, &address, "sv").await?;
    let typed_digest = number.map(|n| ctx.keys.identity.digest(&n));
    let voter =
        Voter::new(account, true, typed_digest).map_err(|code| refuse("identity_number", code))?;
    if round.phase() == Phase::Voting
        && let Some(code) = eligibility(&txn, &round, &voter).await?
    {
        return Err(keep(ballot_error(code, post)));
    }
    let channel = Channel::Assisted(InPerson {
        operator: staff.id,
        document: Some(document),
    });
    let person_id = voter.account.id;
    if let Err(err) = cast_for(ctx, &txn, &round, &voter, channel, post).await {
        if err.has_code(Code::AlreadyVotedElsewhere) {
            drop(txn);
            audit_told_has_voted(ctx, staff, round.id, person_id).await?;
        }
        return Err(keep(err));
    }
    audit::record(
        &txn,
        Some(staff.id),
        Some(round.id),
        "ballot.assisted",
        format!("account:{person_id}"),
        String::new(),
    )
    .await?;
    txn.commit().await?;
    tracing::info!(round = %round.slug, staff = staff.id, "assisted ballot cast");
    Ok(())
}

/// What staff typed about the person they help: address, kind of identity document, and
/// (optionally) the personal identity number on it.
pub struct AssistedPerson<'a> {
    pub email: &'a str,
    pub id_document: &'a str,
    pub identity_number: &'a str,
}

/// Telling an operator that a person has voted is telling them something: each time is
/// audited (after the refused cast is rolled back), so looking people up leaves a trace.
async fn audit_told_has_voted(
    ctx: &ServerContext,
    staff: &SessionUser,
    round: i64,
    person: i64,
) -> Result<(), AppError> {
    audit::record(
        &ctx.db,
        Some(staff.id),
        Some(round),
        "ballot.assisted_refused",
        format!("account:{person}"),
        String::new(),
    )
    .await
}

/// Who let a person vote in person, and on which identity document (none recorded for a kiosk
/// voter let in before documents were recorded).
#[derive(Clone, Copy)]
struct InPerson {
    operator: i64,
    document: Option<IdDocument>,
}

/// How a ballot came.
#[derive(Clone, Copy)]
enum Channel {
    Online,
    Kiosk(InPerson),
    Assisted(InPerson),
}

impl Channel {
    fn name(self) -> &'static str {
        match self {
            Channel::Online => "online",
            Channel::Kiosk(_) => "kiosk",
            Channel::Assisted(_) => "assisted",
        }
    }

    fn in_person(self) -> Option<InPerson> {
        match self {
            Channel::Online => None,
            Channel::Kiosk(p) | Channel::Assisted(p) => Some(p),
        }
    }
}

/// The operator of a kiosk voter's cast: who started the kiosk (and holds its PIN), with the
/// document checked when the voter was let in.
async fn kiosk_operator<C: ConnectionTrait>(db: &C, kiosk_id: i64) -> Result<InPerson, AppError> {
    let row = kiosk::Entity::find_by_id(kiosk_id)
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    Ok(InPerson {
        operator: row.started_by,
        document: row
            .voter_document
            .as_deref()
            .and_then(|d| IdDocument::parse(d).ok()),
    })
}

/// Casts (or replaces) `voter`'s ballot, records them in the voter register with
/// `channel`, and queues their receipt. Only the person themselves, online, replaces a
/// ballot: at a kiosk or with staff's help a person who has voted is refused (typing an
/// address there must not overwrite that person's own vote); they change it themselves. A
/// person whose identity is known votes once whichever account they come with.
async fn cast_for<C: ConnectionTrait>(
    ctx: &ServerContext,
    db: &C,
    round: &round::Model,
    voter: &Voter,
    channel: Channel,
    post: &BallotPost,
) -> Result<(), AppError> {
    let account = voter.account.id;
    let (cast, projects) = checked_ballot(db, round, post).await?;
    if channel.in_person().is_some() && has_voted(db, round.id, account).await? {
        return Err(ballot_error(Code::AlreadyVotedElsewhere, post));
    }
    if let Some(digest) = &voter.digest
        && voted_as_other_account(db, round.id, account, digest).await?
    {
        return Err(ballot_error(Code::AlreadyVotedElsewhere, post));
    }
    let link = ctx.keys.ballot_link.voter_link(account, round.id);
    let boxed = Boxed {
        channel: channel.name().to_owned(),
        ballot: cast,
    };
    store_ballot(db, &ctx.keys, round.id, link, &boxed, projects.len()).await?;
    register(db, round.id, voter, channel).await?;
    queue_receipt(ctx, db, &voter.account, round, &boxed.ballot).await
}

/// Whether `account` is in the round's voter register.
async fn has_voted<C: ConnectionTrait>(db: &C, round: i64, account: i64) -> Result<bool, AppError> {
    use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter};
    Ok(voter_register::Entity::find()
        .filter(voter_register::Column::RoundId.eq(round))
        .filter(voter_register::Column::AccountId.eq(account))
        .count(db)
        .await?
        > 0)
}

/// Whether the person with `digest` is in the round's voter register under another account.
async fn voted_as_other_account<C: ConnectionTrait>(
    db: &C,
    round: i64,
    account: i64,
    digest: &str,
) -> Result<bool, AppError> {
    use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter};
    Ok(voter_register::Entity::find()
        .filter(voter_register::Column::RoundId.eq(round))
        .filter(voter_register::Column::IdentityDigest.eq(digest))
        .filter(voter_register::Column::AccountId.ne(account))
        .count(db)
        .await?
        > 0)
}

/// Records in the voter register that `voter` voted (first and last time, how, and for an
/// in-person vote who let them in on which kind of document).
async fn register<C: ConnectionTrait>(
    db: &C,
    round_id: i64,
    voter: &Voter,
    channel: Channel,
) -> Result<(), AppError> {
    let now = Utc::now();
    let in_person = channel.in_person();
    let entry = voter_register::ActiveModel {
        round_id: Set(round_id),
        account_id: Set(voter.account.id),
        identity_digest: Set(voter.digest.clone()),
        channel: Set(channel.name().to_owned()),
        operator_id: Set(in_person.map(|p| p.operator)),
        id_document: Set(in_person
            .and_then(|p| p.document)
            .map(|d| d.as_str().to_owned())),
        first_voted_at: Set(now),
        last_voted_at: Set(now),
        ..Default::default()
    };
    voter_register::Entity::insert(entry)
        .on_conflict(
            OnConflict::columns([
                voter_register::Column::RoundId,
                voter_register::Column::AccountId,
            ])
            .update_columns([
                voter_register::Column::LastVotedAt,
                voter_register::Column::Channel,
                voter_register::Column::OperatorId,
                voter_register::Column::IdDocument,
            ])
            // A vote that comes without a known identity keeps the one recorded before: the
            // person stays bound to this row for every later check.
            .value(
                voter_register::Column::IdentityDigest,
                Expr::cust("COALESCE(excluded.identity_digest, voter_register.identity_digest)"),
            )
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}
