//! Saving a review: staff decide whether a proposal is feasible, with the public reason and
//! their cost estimate; the review is audited and the proposer told by mail.

use chrono::Utc;
use domain::phase_rules::review_open;
use domain::round::{Feasibility, ReviewForm, ReviewInput};
use domain::{Code, FieldIssue};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, TransactionTrait};

use super::mail::queue_outcome;
use crate::error::AppError;
use crate::model::ProposalStatus;
use crate::model::SessionUser;
use crate::model::proposal::ReviewFormData;
use crate::ssr::access::{Permission, proposal_for};
use crate::ssr::audit;
use crate::ssr::context::ServerContext;
use crate::ssr::entity::{proposal, round};
use crate::ssr::proposals::rules::reviewable;

/// Saves a review and queues the mail that tells the proposer the outcome and the reason.
#[tracing::instrument(skip_all, fields(id))]
pub async fn save(
    ctx: &ServerContext,
    user: &SessionUser,
    id: i64,
    form: &ReviewFormData,
) -> Result<(String, i64), AppError> {
    let txn = ctx.db.begin().await?;
    let (row, round) = proposal_for(&txn, id, user, Permission::Manage).await?;
    let refuse = |code| AppError::from_issues(&[FieldIssue::new("", code)], form);
    if !review_open(round.phase()) {
        return Err(refuse(Code::ReviewClosed));
    }
    if !reviewable(row.status()) {
        return Err(refuse(Code::ReviewNotSubmitted));
    }
    let review = parse(form, &round)?;
    let reviewed = store(&txn, row, &review, form.internal_note.trim(), user).await?;
    let status = reviewed.status();
    audit::record(
        &txn,
        Some(user.id),
        Some(round.id),
        "proposal.review",
        format!("proposal:{id}"),
        status.as_str().to_owned(),
    )
    .await?;
    queue_outcome(ctx, &txn, &round, &reviewed).await?;
    txn.commit().await?;
    Ok((round.slug, id))
}

/// The posted review, with one checkbox per criterion of the round.
fn parse(form: &ReviewFormData, round: &round::Model) -> Result<ReviewInput, AppError> {
    let criteria_count = round.settings().criteria.len();
    let checked: Vec<bool> = (0..criteria_count)
        .map(|i| form.criteria_met.contains_key(&i.to_string()))
        .collect();
    domain::round::parse_review(
        &ReviewForm {
            feasibility: form.feasibility.clone(),
            reason: form.reason.clone(),
            staff_cost: form.staff_cost.clone(),
            criteria_met: checked,
        },
        round.budget_total,
    )
    .map_err(|issues| AppError::from_issues(&issues, form))
}

/// Stores the review on the proposal (an empty note is none); returns the reviewed row.
async fn store<C: ConnectionTrait>(
    db: &C,
    row: proposal::Model,
    review: &ReviewInput,
    note: &str,
    user: &SessionUser,
) -> Result<proposal::Model, AppError> {
    let status = match review.feasibility {
        Feasibility::Feasible => ProposalStatus::Feasible,
        Feasibility::NotFeasible => ProposalStatus::NotFeasible,
    };
    let mut active: proposal::ActiveModel = row.into();
    active.status = Set(status.as_str().to_owned());
    active.public_reason = Set(review.reason.clone());
    active.staff_cost = Set(review.staff_cost);
    active.internal_note = Set((!note.is_empty()).then(|| note.to_owned()));
    active.criteria_met = Set(Some(
        serde_json::to_string(&review.criteria_met).unwrap_or_default(),
    ));
    active.reviewed_by = Set(Some(user.id));
    active.reviewed_at = Set(Some(Utc::now()));
    active.updated_at = Set(Utc::now());
    Ok(active.update(db).await?)
}
