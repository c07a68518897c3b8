//! Casting a ballot: the voter's own (online or at a kiosk), or one cast by staff for a person
//! they verified in person. Either way the ballot goes in the box, the voter in the register,
//! and the receipt in the outbox, in one transaction.

use chrono::Utc;
use domain::Code;
use domain::Phase;
use domain::voting::BallotPost;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait, TransactionTrait};

use super::access::{account_of, eligibility, kiosk_may_vote};
use super::ballot_box::{Boxed, ballot_error, checked_ballot, pairs, store_ballot, typed_choices};
use super::mail::queue_receipt;
use crate::error::AppError;
use crate::model::SessionUser;
use crate::ssr::access::{managed_round, visible_round};
use crate::ssr::context::ServerContext;
use crate::ssr::entity::{round, voter_register};
use crate::ssr::{audit, login_link};

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
    let in_person = user.kiosk.is_some();
    if round.phase() == Phase::Voting
        && let Some(code) =
            eligibility(&round.settings(), &account_of(&txn, user).await?, in_person)
    {
        return Err(ballot_error(code, post));
    }
    let channel = if in_person { "kiosk" } else { "online" };
    cast_for(ctx, &txn, &round, user.id, channel, post).await?;
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
    email: &str,
    post: &BallotPost,
) -> Result<(), AppError> {
    let txn = ctx.db.begin().await?;
    let round = managed_round(&txn, slug, staff).await?;
    let mut typed = typed_choices(post);
    typed.push(("email".to_owned(), email.to_owned()));
    let address = domain::Email::parse(email)
        .map_err(|_| AppError::invalid("email", Code::EmailInvalid, &pairs(&typed)))?;
    let person = login_link::find_or_create_account(&txn, &address, "sv").await?;
    if round.phase() == Phase::Voting
        && let Some(code) = eligibility(&round.settings(), &person, true)
    {
        return Err(ballot_error(code, post).keeping("email", email));
    }
    cast_for(ctx, &txn, &round, person.id, "assisted", post)
        .await
        .map_err(|err| err.keeping("email", email))?;
    audit::record(
        &txn,
        Some(staff.id),
        Some(round.id),
        "ballot.assisted",
        format!("account:{}", person.id),
        String::new(),
    )
    .await?;
    txn.commit().await?;
    tracing::info!(round = %round.slug, staff = staff.id, "assisted ballot cast");
    Ok(())
}

/// Casts (or replaces) `account`'s ballot, records them in the voter register with
/// `channel`, and queues their receipt. Only the person themselves, online, replaces a
/// ballot: at a kiosk or with staff's help a person who has voted is refused (typing an
/// address there must not overwrite that person's own vote); they change it themselves.
async fn cast_for<C: ConnectionTrait>(
    ctx: &ServerContext,
    db: &C,
    round: &round::Model,
    account: i64,
    channel: &str,
    post: &BallotPost,
) -> Result<(), AppError> {
    let (cast, projects) = checked_ballot(db, round, post).await?;
    if channel != "online" && has_voted(db, round.id, account).await? {
        return Err(ballot_error(Code::AlreadyVotedElsewhere, post));
    }
    let link = ctx.keys.ballot_link.voter_link(account, round.id);
    let boxed = Boxed {
        channel: channel.to_owned(),
        ballot: cast,
    };
    store_ballot(db, &ctx.keys, round.id, link, &boxed, projects.len()).await?;
    register(db, round.id, account, channel).await?;
    queue_receipt(ctx, db, account, round, &boxed.ballot).await
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

/// Records in the voter register that `account` voted (first and last time, and how).
async fn register<C: ConnectionTrait>(
    db: &C,
    round_id: i64,
    account: i64,
    channel: &str,
) -> Result<(), AppError> {
    let now = Utc::now();
    let entry = voter_register::ActiveModel {
        round_id: Set(round_id),
        account_id: Set(account),
        channel: Set(channel.to_owned()),
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
            ])
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}
