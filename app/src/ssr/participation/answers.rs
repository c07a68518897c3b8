//! The voluntary questions: a participant answers once per round, and only after taking part.
//! The answers are stored apart from who gave them, under a random key and sealed with the
//! day; a marker says that the person answered, not what.

use domain::Code;
use domain::participation::{Answers, AnswersForm, parse_answers};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    TransactionTrait,
};

use super::alerts::notify_new_flags;
use super::answer_box::store_answers;
use crate::error::AppError;
use crate::model::ProposalStatus;
use crate::model::SessionUser;
use crate::ssr::access::visible_round;
use crate::ssr::context::ServerContext;
use crate::ssr::entity::{area, participation_marker, proposal, round, voter_register};

/// Whether `account` took part in the round: voted, or submitted a proposal.
async fn took_part<C: ConnectionTrait>(db: &C, round: i64, account: i64) -> Result<bool, AppError> {
    let voted = voter_register::Entity::find()
        .filter(voter_register::Column::RoundId.eq(round))
        .filter(voter_register::Column::AccountId.eq(account))
        .count(db)
        .await?
        > 0;
    if voted {
        return Ok(true);
    }
    Ok(proposal::Entity::find()
        .filter(proposal::Column::RoundId.eq(round))
        .filter(proposal::Column::AuthorId.eq(account))
        .filter(proposal::Column::Status.ne(ProposalStatus::Draft.as_str()))
        .count(db)
        .await?
        > 0)
}

/// Whether `account` has answered the questions of the round.
#[tracing::instrument(skip_all, fields(round))]
pub async fn answered<C: ConnectionTrait>(
    db: &C,
    round: i64,
    account: i64,
) -> Result<bool, AppError> {
    Ok(participation_marker::Entity::find()
        .filter(participation_marker::Column::RoundId.eq(round))
        .filter(participation_marker::Column::AccountId.eq(account))
        .count(db)
        .await?
        > 0)
}

/// Stores a participant's answers once per round, apart from who they are. Returns the round.
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn answer(
    ctx: &ServerContext,
    user: &SessionUser,
    slug: &str,
    form: &AnswersForm,
) -> Result<round::Model, AppError> {
    let txn = ctx.db.begin().await?;
    let round = visible_round(&txn, slug, Some(user)).await?;
    if user.kiosk.is_some_and(|k| k.round != round.id) {
        return Err(AppError::Forbidden.with_status());
    }
    if !took_part(&txn, round.id, user.id).await? {
        return Err(AppError::invalid("", Code::AnswersNotParticipant, &[]));
    }
    if answered(&txn, round.id, user.id).await? {
        return Ok(round);
    }
    let ids: Vec<i64> = area::all(&txn).await?.iter().map(|a| a.id).collect();
    let answers: Answers =
        parse_answers(form, &ids).map_err(|issues| AppError::from_issues(&issues, form))?;
    // The marker first: of two answers sent at once, only the one that adds it is stored.
    if !mark_answered(&txn, round.id, user.id).await? {
        return Ok(round);
    }
    store_answers(&txn, &ctx.keys, round.id, &answers).await?;
    notify_new_flags(ctx, &txn, &round).await?;
    txn.commit().await?;
    Ok(round)
}

/// Marks that `account` answered in the round; false when it already was.
async fn mark_answered<C: ConnectionTrait>(
    db: &C,
    round: i64,
    account: i64,
) -> Result<bool, AppError> {
    let marked = participation_marker::Entity::insert(participation_marker::ActiveModel {
        round_id: Set(round),
        account_id: Set(account),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            participation_marker::Column::RoundId,
            participation_marker::Column::AccountId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(marked == 1)
}
