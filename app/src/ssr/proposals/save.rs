//! A resident writing their own proposal: saving it as a draft, submitting it, changing it
//! while it is not reviewed, withdrawing it, all during the proposal phase only. Input rules
//! are `domain::round::parse_proposal`'s, status rules `rules`'.

use chrono::{DateTime, Utc};
use domain::Code;
use domain::phase_rules::proposals_open;
use domain::round::{ProposalForm, ProposalInput, ProposalRules};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DatabaseConnection, EntityTrait,
    TransactionTrait,
};

use super::editor::{own_proposal, own_proposal_in};
use super::mail::queue_received;
use super::rules::{author_may_change, status_after_save};
use crate::error::AppError;
use crate::model::ProposalStatus;
use crate::model::SessionUser;
use crate::ssr::access::visible_round;
use crate::ssr::context::ServerContext;
use crate::ssr::entity::{area, proposal, round};

/// An error for the whole form (not one field), keeping what was typed.
fn form_error(code: Code, form: &ProposalForm) -> AppError {
    AppError::from_issues(&[domain::FieldIssue { field: "", code }], form)
}

/// Saves a proposal (new when `id` is `None`) as a draft, or submits it (`submit`); returns
/// its id. Only during the proposal phase, only by its author, never once reviewed.
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn save(
    ctx: &ServerContext,
    user: &SessionUser,
    slug: &str,
    id: Option<i64>,
    form: &ProposalForm,
    submit: bool,
) -> Result<i64, AppError> {
    let txn = ctx.db.begin().await?;
    let round = visible_round(&txn, slug, Some(user)).await?;
    let existing = match id {
        Some(id) => Some(own_proposal_in(&txn, id, user, &round).await?),
        None => None,
    };
    if !proposals_open(round.phase()) {
        return Err(form_error(Code::ProposalsClosed, form));
    }
    let input = parse(&txn, &round, form).await?;
    let current = match &existing {
        Some(row) if !row.status().is_editable() => {
            return Err(form_error(Code::ProposalLocked, form));
        }
        Some(row) => row.status(),
        None => ProposalStatus::Draft,
    };
    let (status, first_submission) = status_after_save(current, submit);
    let now = Utc::now();
    let submitted_at = first_submission.then_some(now);
    let id = match existing {
        Some(row) => update(&txn, row, &input, status, submitted_at, now).await?,
        None => insert(&txn, &round, user, &input, status, submitted_at, now).await?,
    };
    if first_submission {
        queue_received(ctx, &txn, user, &round, id, &input.title).await?;
    }
    txn.commit().await?;
    tracing::info!(proposal = id, submit, "proposal saved");
    Ok(id)
}

/// The posted form as a proposal of this round: cost within its budget, one of its areas.
async fn parse<C: ConnectionTrait>(
    db: &C,
    round: &round::Model,
    form: &ProposalForm,
) -> Result<ProposalInput, AppError> {
    let area_ids = area::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.id)
        .collect();
    let rules = ProposalRules {
        max_cost: round.budget_total,
        area_ids,
    };
    domain::round::parse_proposal(form, &rules)
        .map_err(|issues| AppError::from_issues(&issues, form))
}

/// Stores the author's change; `submitted_at` is set on the first submission only.
async fn update<C: ConnectionTrait>(
    db: &C,
    row: proposal::Model,
    input: &ProposalInput,
    status: ProposalStatus,
    submitted_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let id = row.id;
    let mut active: proposal::ActiveModel = row.into();
    fill(&mut active, input);
    active.status = Set(status.as_str().to_owned());
    if submitted_at.is_some() {
        active.submitted_at = Set(submitted_at);
    }
    active.updated_at = Set(now);
    active.update(db).await?;
    Ok(id)
}

/// Stores a new proposal of `user` in `round`; returns its id.
async fn insert<C: ConnectionTrait>(
    db: &C,
    round: &round::Model,
    user: &SessionUser,
    input: &ProposalInput,
    status: ProposalStatus,
    submitted_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let mut active = proposal::ActiveModel {
        round_id: Set(round.id),
        author_id: Set(user.id),
        status: Set(status.as_str().to_owned()),
        submitted_at: Set(submitted_at),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    fill(&mut active, input);
    Ok(proposal::Entity::insert(active)
        .exec(db)
        .await?
        .last_insert_id)
}

fn fill(active: &mut proposal::ActiveModel, input: &ProposalInput) {
    active.title = Set(input.title.clone());
    active.description = Set(input.description.clone());
    active.area_id = Set(input.area_id);
    active.place = Set(input.place.clone());
    active.latitude = Set(input.position.map(|p| p.0));
    active.longitude = Set(input.position.map(|p| p.1));
    active.cost = Set(input.cost);
}

/// Withdraws the author's own proposal during the proposal phase.
#[tracing::instrument(skip_all, fields(id))]
pub async fn withdraw(
    db: &DatabaseConnection,
    user: &SessionUser,
    id: i64,
) -> Result<String, AppError> {
    let txn = db.begin().await?;
    let row = own_proposal(&txn, id, user).await?;
    let round = round::Entity::find_by_id(row.round_id)
        .one(&txn)
        .await?
        .ok_or(AppError::Internal)?;
    if !author_may_change(round.phase(), row.status()) {
        return Err(AppError::invalid("", Code::ProposalLocked, &[]));
    }
    let mut active: proposal::ActiveModel = row.into();
    active.status = Set(ProposalStatus::Withdrawn.as_str().to_owned());
    active.updated_at = Set(Utc::now());
    active.update(&txn).await?;
    txn.commit().await?;
    Ok(round.slug)
}
