//! Which kiosk session a request belongs to: the lookups that decide whether a kiosk voter's
//! session still counts (the kiosk is active and still holds the voter's nonce). Kept apart
//! from the kiosk service so that reading who is signed in (`auth`) needs nothing above it.

use chrono::{Duration, Utc};
use domain::Phase;
use domain::kiosk::KIOSK_HOURS;
use sea_orm::{ConnectionTrait, EntityTrait};

use super::entity::{kiosk, round};
use crate::error::AppError;

/// Whether a kiosk still lets voters in: not ended, within its day, its round voting.
pub(super) fn active(row: &kiosk::Model, round: &round::Model) -> bool {
    row.ended_at.is_none()
        && Utc::now() < row.started_at + Duration::hours(KIOSK_HOURS)
        && round.phase() == Phase::Voting
}

/// A kiosk and its round (404 when either is gone).
pub(super) async fn load<C: ConnectionTrait>(
    db: &C,
    id: i64,
) -> Result<(kiosk::Model, round::Model), AppError> {
    let row = kiosk::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::NotFound.with_status())?;
    let round = round::Entity::find_by_id(row.round_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::NotFound.with_status())?;
    Ok((row, round))
}

/// The round a kiosk voter's session (kiosk `id`, `nonce`) may vote in, if the session is
/// still the kiosk's current voter and the kiosk is active.
#[tracing::instrument(skip_all, fields(id))]
pub async fn voter_round<C: ConnectionTrait>(
    db: &C,
    id: i64,
    nonce: &str,
) -> Result<Option<i64>, AppError> {
    let Ok((row, round)) = load(db, id).await else {
        return Ok(None);
    };
    let current = row.voter_nonce.as_deref() == Some(nonce);
    Ok((current && active(&row, &round)).then_some(round.id))
}

/// The prefix of the nonce of a kiosk voter who has cast their ballot and may now only answer
/// the voluntary questions.
pub(super) const ANSWERING: &str = "q:";

/// Whether a kiosk voter's nonce is that of one who has cast their ballot.
pub fn answering(nonce: &str) -> bool {
    nonce.starts_with(ANSWERING)
}
