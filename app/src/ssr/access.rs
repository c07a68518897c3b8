//! Who may reach which round or proposal: the lookups services start with, each answering
//! 404 for what does not exist (or may not be seen) and 403 for what is not the user's to
//! change. Checks that depend on more than the round (a proposal's author, a politician's
//! nämnd) are still made in the services that need them.

use domain::Phase;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::entity::{proposal, round};
use crate::error::AppError;
use crate::model::SessionUser;

/// The phases in which partners work in a round: from its announcement to the end of voting.
pub const PARTNER_PHASES: [Phase; 4] = [
    Phase::Information,
    Phase::Proposals,
    Phase::Review,
    Phase::Voting,
];

/// The round with this slug that `viewer` may see: drafts only for those who manage them.
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn visible_round<C: ConnectionTrait>(
    db: &C,
    slug: &str,
    viewer: Option<&SessionUser>,
) -> Result<round::Model, AppError> {
    let round = round_by_slug(db, slug).await?;
    let public = round.phase() != Phase::Draft;
    if public || viewer.is_some_and(|v| v.manages(round.namnd_id)) {
        Ok(round)
    } else {
        Err(AppError::NotFound.with_status())
    }
}

/// The round this slug names, for someone who must manage it: 404 if there is none, 403 for
/// anyone who is not staff of its nämnd.
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn managed_round<C: ConnectionTrait>(
    db: &C,
    slug: &str,
    user: &SessionUser,
) -> Result<round::Model, AppError> {
    round_where(db, slug, |namnd| user.manages(namnd)).await
}

/// The round `slug` if `user` may run kiosks and log outreach in it: its staff, or a partner
/// association of its nämnd while the round runs (404 when it does not exist or, for a
/// partner, is not under way; 403 when not theirs).
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn assisted_round<C: ConnectionTrait>(
    db: &C,
    slug: &str,
    user: &SessionUser,
) -> Result<round::Model, AppError> {
    let round = round_where(db, slug, |namnd| user.assists(namnd)).await?;
    let running = PARTNER_PHASES.contains(&round.phase());
    if user.manages(round.namnd_id) || running {
        Ok(round)
    } else {
        Err(AppError::NotFound.with_status())
    }
}

async fn round_where<C: ConnectionTrait>(
    db: &C,
    slug: &str,
    allowed: impl Fn(i64) -> bool,
) -> Result<round::Model, AppError> {
    let round = round_by_slug(db, slug).await?;
    if allowed(round.namnd_id) {
        Ok(round)
    } else {
        Err(AppError::Forbidden.with_status())
    }
}

/// The round with this slug, or 404.
async fn round_by_slug<C: ConnectionTrait>(db: &C, slug: &str) -> Result<round::Model, AppError> {
    round::Entity::find()
        .filter(round::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or_else(|| AppError::NotFound.with_status())
}

/// A proposal and its round, if the proposal exists.
#[tracing::instrument(skip_all, fields(id))]
pub async fn with_round<C: ConnectionTrait>(
    db: &C,
    id: i64,
) -> Result<Option<(proposal::Model, round::Model)>, sea_orm::DbErr> {
    let Some(row) = proposal::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    Ok(round::Entity::find_by_id(row.round_id)
        .one(db)
        .await?
        .map(|round| (row, round)))
}

/// What a user asks to do with a proposal: manage it (staff review) or decide on it
/// (politicians).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permission {
    Manage,
    Decide,
}

/// A proposal and its round, for someone with `permission` in the round's nämnd: 404 when
/// there is no such proposal, 403 when it is not theirs to handle.
pub async fn proposal_for<C: ConnectionTrait>(
    db: &C,
    id: i64,
    user: &SessionUser,
    permission: Permission,
) -> Result<(proposal::Model, round::Model), AppError> {
    let (row, round) = with_round(db, id)
        .await?
        .ok_or_else(|| AppError::NotFound.with_status())?;
    let allowed = match permission {
        Permission::Manage => user.manages(round.namnd_id),
        Permission::Decide => user.decides(round.namnd_id),
    };
    if allowed {
        Ok((row, round))
    } else {
        Err(AppError::Forbidden.with_status())
    }
}
