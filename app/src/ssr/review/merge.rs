//! Merging a duplicate proposal into another of the same round: its supporters move over
//! (once each), its author stays listed, and it is shown as merged.

use chrono::Utc;
use domain::Code;
use domain::phase_rules::review_open;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, TransactionTrait,
};

use crate::error::AppError;
use crate::model::ProposalStatus;
use crate::model::SessionUser;
use crate::ssr::access::{Permission, proposal_for};
use crate::ssr::audit;
use crate::ssr::entity::{proposal, proposal_support};
use crate::ssr::proposals::insert_support;
use crate::ssr::proposals::rules::{mergeable, reviewable};

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
    if !review_open(round.phase()) {
        return Err(AppError::invalid("into", Code::ReviewClosed, &typed));
    }
    let target = proposal::Entity::find_by_id(into)
        .one(&txn)
        .await?
        .ok_or_else(invalid)?;
    if !may_merge(&row, &target) {
        return Err(invalid());
    }
    let moved = move_supporters(&txn, row.id, target.id).await?;
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
        format!("into proposal:{}; {moved} supporters moved", target.id),
    )
    .await?;
    txn.commit().await?;
    Ok((round.slug, target.id))
}

/// Whether `row` may be merged into `target`: another reviewable proposal of the same round,
/// and `row` itself public and not merged yet.
fn may_merge(row: &proposal::Model, target: &proposal::Model) -> bool {
    target.round_id == row.round_id
        && target.id != row.id
        && reviewable(target.status())
        && mergeable(row.status())
}

/// Moves the supports of proposal `from` to `to` (once per person); returns how many moved.
async fn move_supporters<C: ConnectionTrait>(
    db: &C,
    from: i64,
    to: i64,
) -> Result<usize, AppError> {
    let supporters = proposal_support::Entity::find()
        .filter(proposal_support::Column::ProposalId.eq(from))
        .all(db)
        .await?;
    for support in &supporters {
        insert_support(db, to, support.account_id, support.created_at).await?;
    }
    proposal_support::Entity::delete_many()
        .filter(proposal_support::Column::ProposalId.eq(from))
        .exec(db)
        .await?;
    Ok(supporters.len())
}
