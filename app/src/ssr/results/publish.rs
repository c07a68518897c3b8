//! Publishing a counted result: staff make it public once voting is over, and the round's
//! voters and subscribers are told (once).

use chrono::Utc;
use domain::Code;
use domain::followup::Scope;
use domain::phase_rules::voting_over;
use sea_orm::{ActiveValue::Set, EntityTrait, TransactionTrait};

use super::mail::published;
use super::report::read_report;
use crate::error::AppError;
use crate::model::SessionUser;
use crate::ssr::access::managed_round;
use crate::ssr::context::ServerContext;
use crate::ssr::entity::round_result;
use crate::ssr::notify::{self, Recipients};

/// Makes a counted result public and tells the round's voters and subscribers (once).
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn publish(ctx: &ServerContext, user: &SessionUser, slug: &str) -> Result<(), AppError> {
    let txn = ctx.db.begin().await?;
    let round = managed_round(&txn, slug, user).await?;
    let missing = || AppError::invalid("", Code::ResultMissing, &[]);
    if !voting_over(round.phase()) {
        return Err(missing());
    }
    let result = round_result::Entity::find_by_id(round.id)
        .one(&txn)
        .await?
        .ok_or_else(missing)?;
    if result.published_at.is_some() {
        return Ok(());
    }
    if read_report(&result)?.mismatched() {
        return Err(AppError::invalid("", Code::BallotsRegisterMismatch, &[]));
    }
    let mut active: round_result::ActiveModel = result.into();
    active.published_at = Set(Some(Utc::now()));
    sea_orm::ActiveModelTrait::update(active, &txn).await?;
    let mut people = Recipients::default();
    people.add_voters(&txn, round.id).await?;
    people.add_subscribers(&txn, round.id).await?;
    notify::send(
        ctx,
        &txn,
        &round,
        Scope::Round(round.id),
        &format!("results:{}", round.id),
        people,
        |locale| published(ctx, locale, &round),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
