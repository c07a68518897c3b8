//! The review page of a proposal: the stored review as the form's fields, the proposals it
//! may be merged into, and the proposal as its page shows it.

use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};

use crate::error::AppError;
use crate::i18n::Locale;
use crate::model::Choice;
use crate::model::ProposalStatus;
use crate::model::SessionUser;
use crate::model::proposal::ReviewEditor;
use crate::ssr::access::{Permission, proposal_for};
use crate::ssr::entity::proposal;
use crate::ssr::proposals::detail_of;
use crate::ssr::proposals::rules::reviewable;

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
    let merge_targets = merge_targets(db, &row).await?;
    Ok(ReviewEditor {
        criteria_met: (0..settings.criteria.len())
            .map(|i| criteria_met.get(i).copied().unwrap_or(false))
            .collect(),
        criteria: settings.criteria,
        feasibility: feasibility.to_owned(),
        reason: row.public_reason.clone().unwrap_or_default(),
        staff_cost: row.staff_cost.map(|c| c.to_string()).unwrap_or_default(),
        internal_note: row.internal_note.clone().unwrap_or_default(),
        merge_targets,
        budget_total: round.budget_total,
        proposal: detail_of(db, row, &round, locale, Some(user)).await?,
    })
}

/// The other proposals of the round that `row` may be merged into (reviewable ones), by title.
async fn merge_targets<C: ConnectionTrait>(
    db: &C,
    row: &proposal::Model,
) -> Result<Vec<Choice>, AppError> {
    Ok(proposal::Entity::find()
        .filter(proposal::Column::RoundId.eq(row.round_id))
        .filter(proposal::Column::Id.ne(row.id))
        .filter(proposal::Column::Status.is_in(reviewable_names()))
        .order_by_asc(proposal::Column::Title)
        .all(db)
        .await?
        .into_iter()
        .map(|p| Choice {
            value: p.id.to_string(),
            label: p.title,
        })
        .collect())
}

/// The stored names of the statuses staff may review.
fn reviewable_names() -> Vec<&'static str> {
    ProposalStatus::ALL
        .into_iter()
        .filter(|s| reviewable(*s))
        .map(ProposalStatus::as_str)
        .collect()
}
