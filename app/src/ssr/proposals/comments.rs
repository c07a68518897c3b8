//! Comments on proposals: residents adding them to public proposals, the round's staff hiding
//! one with a reason shown in its place (its text stays, for the audit log).

use chrono::Utc;
use domain::Code;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DatabaseConnection, EntityTrait,
    TransactionTrait,
};

use super::detail::visible_proposal;
use super::rules::commentable;
use crate::error::AppError;
use crate::model::SessionUser;
use crate::ssr::audit;
use crate::ssr::entity::{comment, proposal, round};

/// Adds `user`'s comment to a public proposal.
#[tracing::instrument(skip_all, fields(id))]
pub async fn add_comment(
    db: &DatabaseConnection,
    user: &SessionUser,
    id: i64,
    body: &str,
) -> Result<String, AppError> {
    let typed = [("body", body)];
    let body = domain::round::parse_comment(body)
        .map_err(|issue| AppError::invalid(issue.field, issue.code, &typed))?;
    let (row, round) = visible_proposal(db, id, Some(user)).await?;
    if !commentable(row.status()) {
        return Err(AppError::invalid("body", Code::CommentClosed, &typed));
    }
    let comment = comment::ActiveModel {
        proposal_id: Set(row.id),
        author_id: Set(user.id),
        body: Set(body),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    comment::Entity::insert(comment)
        .exec_without_returning(db)
        .await?;
    Ok(round.slug)
}

/// Hides a comment, with a reason shown in its place; the text stays for the audit log.
/// Returns the proposal's (round slug, id).
#[tracing::instrument(skip_all)]
pub async fn hide_comment(
    db: &DatabaseConnection,
    user: &SessionUser,
    comment_id: i64,
    reason: &str,
) -> Result<(String, i64), AppError> {
    let typed = [("reason", reason)];
    let reason = domain::round::parse_hide_reason(reason)
        .map_err(|issue| AppError::invalid(issue.field, issue.code, &typed))?;
    let txn = db.begin().await?;
    let (row, proposal, round) = comment_with_round(&txn, comment_id).await?;
    if !user.manages(round.namnd_id) {
        return Err(AppError::Forbidden.with_status());
    }
    let body = row.body.clone();
    let mut active: comment::ActiveModel = row.into();
    active.hidden_at = Set(Some(Utc::now()));
    active.hidden_by = Set(Some(user.id));
    active.hidden_reason = Set(Some(reason.clone()));
    active.update(&txn).await?;
    audit::record(
        &txn,
        Some(user.id),
        Some(round.id),
        "comment.hide",
        format!("comment:{comment_id}"),
        format!("reason: {reason}\ntext: {body}"),
    )
    .await?;
    txn.commit().await?;
    Ok((round.slug, proposal.id))
}

/// A comment with its proposal and round (404 when any of them is missing).
async fn comment_with_round<C: ConnectionTrait>(
    db: &C,
    comment_id: i64,
) -> Result<(comment::Model, proposal::Model, round::Model), AppError> {
    let not_found = || AppError::NotFound.with_status();
    let row = comment::Entity::find_by_id(comment_id)
        .one(db)
        .await?
        .ok_or_else(not_found)?;
    let proposal = proposal::Entity::find_by_id(row.proposal_id)
        .one(db)
        .await?
        .ok_or_else(not_found)?;
    let round = round::Entity::find_by_id(proposal.round_id)
        .one(db)
        .await?
        .ok_or_else(not_found)?;
    Ok((row, proposal, round))
}
