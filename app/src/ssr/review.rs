//! Staff review of proposals: the criteria checklist, feasible or not with a public reason,
//! the staff's cost estimate (the cost used in voting), an internal note, merging duplicates,
//! and the mail that tells the proposer the outcome. Rules are `domain::round::parse_review`'s.

use chrono::Utc;
use domain::Code;
use domain::Phase;
use domain::round::{Feasibility, ReviewForm};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, TransactionTrait,
};

use super::access::{Permission, proposal_for};
use super::context::ServerContext;
use super::entity::{proposal, proposal_support};
use super::proposals::{detail_of, insert_support};
use super::{audit, mail, outbox};
use crate::error::AppError;
use crate::i18n::{Locale, td_string};
use crate::model::Choice;
use crate::model::ProposalStatus;
use crate::model::SessionUser;
use crate::model::proposal::{ReviewEditor, ReviewFormData};

/// Whether proposals of a round in `phase` may still be reviewed or merged.
fn reviewable(phase: Phase) -> bool {
    matches!(phase, Phase::Proposals | Phase::Review)
}

/// The review page of a proposal.
#[tracing::instrument(skip_all, fields(id))]
pub async fn editor(
    db: &DatabaseConnection,
    id: i64,
    locale: Locale,
    user: &SessionUser,
) -> Result<ReviewEditor, AppError> {
    let (row, round) = proposal_for(db, id, user, Permission::Manage).await?;
    let settings = round.settings();
    let criteria_met: Vec<bool> = row
        .criteria_met
        .as_deref()
        .and_then(|json| serde_json::from_str(json).ok())
        .unwrap_or_default();
    let feasibility = match row.status() {
        ProposalStatus::Feasible => "feasible",
        ProposalStatus::NotFeasible => "not_feasible",
        _ => "",
    };
    let merge_targets = proposal::Entity::find()
        .filter(proposal::Column::RoundId.eq(round.id))
        .filter(proposal::Column::Id.ne(row.id))
        .filter(proposal::Column::Status.is_in([
            ProposalStatus::Submitted.as_str(),
            ProposalStatus::Feasible.as_str(),
            ProposalStatus::NotFeasible.as_str(),
        ]))
        .order_by_asc(proposal::Column::Title)
        .all(db)
        .await?
        .into_iter()
        .map(|p| Choice {
            value: p.id.to_string(),
            label: p.title,
        })
        .collect();
    let reason = row.public_reason.clone().unwrap_or_default();
    let staff_cost = row.staff_cost.map(|c| c.to_string()).unwrap_or_default();
    let internal_note = row.internal_note.clone().unwrap_or_default();
    let budget_total = round.budget_total;
    Ok(ReviewEditor {
        criteria_met: (0..settings.criteria.len())
            .map(|i| criteria_met.get(i).copied().unwrap_or(false))
            .collect(),
        criteria: settings.criteria,
        feasibility: feasibility.to_owned(),
        reason,
        staff_cost,
        internal_note,
        merge_targets,
        budget_total,
        proposal: detail_of(db, row, &round, locale, Some(user)).await?,
    })
}

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
    if !reviewable(round.phase()) {
        return Err(AppError::from_issues(
            &[domain::FieldIssue {
                field: "",
                code: Code::ReviewClosed,
            }],
            form,
        ));
    }
    if !matches!(
        row.status(),
        ProposalStatus::Submitted | ProposalStatus::Feasible | ProposalStatus::NotFeasible
    ) {
        return Err(AppError::from_issues(
            &[domain::FieldIssue {
                field: "",
                code: Code::ReviewNotSubmitted,
            }],
            form,
        ));
    }
    let criteria_count = round.settings().criteria.len();
    let checked: Vec<bool> = (0..criteria_count)
        .map(|i| form.criteria_met.contains_key(&i.to_string()))
        .collect();
    let review = domain::round::parse_review(
        &ReviewForm {
            feasibility: form.feasibility.clone(),
            reason: form.reason.clone(),
            staff_cost: form.staff_cost.clone(),
            criteria_met: checked,
        },
        round.budget_total,
    )
    .map_err(|issues| AppError::from_issues(&issues, form))?;
    let status = match review.feasibility {
        Feasibility::Feasible => ProposalStatus::Feasible,
        Feasibility::NotFeasible => ProposalStatus::NotFeasible,
    };
    let note = form.internal_note.trim();
    let author = row.author_id;
    let title = row.title.clone();
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
    active.update(&txn).await?;
    audit::record(
        &txn,
        Some(user.id),
        Some(round.id),
        "proposal.review",
        format!("proposal:{id}"),
        status.as_str().to_owned(),
    )
    .await?;
    let (email, locale) = super::entity::account::email_and_locale(&txn, author).await?;
    let outcome = match status {
        ProposalStatus::Feasible => td_string!(locale, mail.review_feasible).to_string(),
        _ => td_string!(locale, mail.review_not_feasible).to_string(),
    };
    let mut before = vec![
        td_string!(
            locale,
            mail.review_body,
            title = title.clone(),
            round = round.title_in(locale)
        )
        .to_string(),
        outcome,
    ];
    if let Some(reason) = &review.reason {
        before.push(td_string!(locale, mail.review_reason, reason = reason.clone()).to_string());
    }
    let message = mail::notice(
        locale,
        &ctx.settings.municipality,
        mail::Notice {
            subject: td_string!(locale, mail.review_subject, title = title).to_string(),
            before,
            link: Some((
                td_string!(locale, mail.proposal_link).to_string(),
                super::mail::proposal_url(ctx, locale, &round.slug, id),
            )),
            after: Vec::new(),
            unsubscribe: Vec::new(),
        },
    );
    outbox::enqueue(
        &txn,
        &format!("review:{id}:{}", status.as_str()),
        &email,
        Some(round.id),
        message,
    )
    .await?;
    txn.commit().await?;
    Ok((round.slug, id))
}

/// Merges proposal `id` into `into` (same round): its supporters move to `into` (once each),
/// its author stays listed, and it is shown as merged.
#[tracing::instrument(skip_all, fields(id))]
pub async fn merge(
    db: &DatabaseConnection,
    user: &SessionUser,
    id: i64,
    into: &str,
) -> Result<(String, i64), AppError> {
    let typed = [("into", into)];
    let invalid = || AppError::invalid("into", Code::MergeTargetInvalid, &typed);
    let into: i64 = into.trim().parse().map_err(|_| invalid())?;
    let txn = db.begin().await?;
    let (row, round) = proposal_for(&txn, id, user, Permission::Manage).await?;
    if !reviewable(round.phase()) {
        return Err(AppError::invalid("into", Code::ReviewClosed, &typed));
    }
    let target = proposal::Entity::find_by_id(into)
        .one(&txn)
        .await?
        .ok_or_else(invalid)?;
    let target_ok = target.round_id == round.id
        && target.id != row.id
        && matches!(
            target.status(),
            ProposalStatus::Submitted | ProposalStatus::Feasible | ProposalStatus::NotFeasible
        );
    if !target_ok || row.status() == ProposalStatus::Merged || !row.status().is_public() {
        return Err(invalid());
    }
    let supporters = proposal_support::Entity::find()
        .filter(proposal_support::Column::ProposalId.eq(row.id))
        .all(&txn)
        .await?;
    for support in &supporters {
        insert_support(&txn, target.id, support.account_id, support.created_at).await?;
    }
    proposal_support::Entity::delete_many()
        .filter(proposal_support::Column::ProposalId.eq(row.id))
        .exec(&txn)
        .await?;
    let mut active: proposal::ActiveModel = row.into();
    active.status = Set(ProposalStatus::Merged.as_str().to_owned());
    active.merged_into = Set(Some(target.id));
    active.updated_at = Set(Utc::now());
    active.update(&txn).await?;
    audit::record(
        &txn,
        Some(user.id),
        Some(round.id),
        "proposal.merge",
        format!("proposal:{id}"),
        format!(
            "into proposal:{}; {} supporters moved",
            target.id,
            supporters.len()
        ),
    )
    .await?;
    txn.commit().await?;
    Ok((round.slug, target.id))
}
