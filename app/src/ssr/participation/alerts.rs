//! Alerts when a group falls under the threshold: each group is told to the round's staff once
//! when it falls, and forgotten when it recovers (so a new fall is told again). The stored
//! alerts are the memory; their unique key decides between two answers at the same moment.

use chrono::Utc;
use domain::participation::{Group, newly_under};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::figures::{RoundFigures, options, statistics};
use super::mail::queue_alerts;
use crate::error::AppError;
use crate::ssr::context::ServerContext;
use crate::ssr::entity::{participation_alert, round};

/// Mails the round's staff once about each group that has just fallen under the threshold,
/// and forgets groups that have recovered (so a new fall is told again).
pub(crate) async fn notify_new_flags<C: ConnectionTrait>(
    ctx: &ServerContext,
    db: &C,
    round: &round::Model,
) -> Result<(), AppError> {
    let RoundFigures { stats, areas, .. } = statistics(db, &ctx.keys, round.id, &options()).await?;
    let fresh = update_alerts(db, round.id, &stats.under_represented()).await?;
    if fresh.is_empty() {
        return Ok(());
    }
    queue_alerts(ctx, db, round, &fresh, &areas).await
}

/// Brings the stored alerts in line with the groups flagged now: forgets those that
/// recovered and stores those that fell. Returns the groups this call flagged (another answer
/// at the same moment may have flagged one first: it tells staff).
async fn update_alerts<C: ConnectionTrait>(
    db: &C,
    round: i64,
    now_flagged: &[Group],
) -> Result<Vec<Group>, AppError> {
    let stored = participation_alert::Entity::find()
        .filter(participation_alert::Column::RoundId.eq(round))
        .all(db)
        .await?;
    let before: Vec<Group> = stored
        .iter()
        .filter_map(|a| a.group_key.parse().ok())
        .collect();
    let fresh = newly_under(&before, now_flagged);
    let recovered: Vec<i64> = stored
        .iter()
        .filter(|a| {
            a.group_key
                .parse()
                .is_ok_and(|g: Group| !now_flagged.contains(&g))
        })
        .map(|a| a.id)
        .collect();
    if !recovered.is_empty() {
        participation_alert::Entity::delete_many()
            .filter(participation_alert::Column::Id.is_in(recovered))
            .exec(db)
            .await?;
    }
    let mut told = Vec::new();
    for group in fresh {
        if add_alert(db, round, group).await? {
            told.push(group);
        }
    }
    Ok(told)
}

/// Stores that `group` is flagged in the round; false when it already was.
async fn add_alert<C: ConnectionTrait>(db: &C, round: i64, group: Group) -> Result<bool, AppError> {
    let added = participation_alert::Entity::insert(participation_alert::ActiveModel {
        round_id: Set(round),
        group_key: Set(group.key()),
        flagged_at: Set(Utc::now()),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            participation_alert::Column::RoundId,
            participation_alert::Column::GroupKey,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(added == 1)
}
