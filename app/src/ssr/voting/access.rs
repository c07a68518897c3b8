//! Who may vote in a round: a voter let in at a kiosk only in that kiosk's round, and only
//! someone whose verification and declared profile meet the round's rules.

use chrono::{Datelike, Utc};
use domain::Code;
use domain::round::{RoundSettings, VoterProfile, check_eligibility};
use domain::voting_rules::verification_refusal;
use sea_orm::{ConnectionTrait, EntityTrait};

use crate::error::AppError;
use crate::model::SessionUser;
use crate::ssr::entity::{account, round};

/// A voter let in at a kiosk votes only in that kiosk's round.
pub(super) fn kiosk_may_vote(user: &SessionUser, round: &round::Model) -> Result<(), AppError> {
    match user.kiosk {
        Some(kiosk) if kiosk.round != round.id => Err(AppError::Forbidden.with_status()),
        _ => Ok(()),
    }
}

/// Why `account` may not vote in this round, as an error code; `None` when they may.
/// Accounts are verified by their email link, in person when let in at a kiosk
/// (`in_person`), or with eID. Age comes from the identity number for an eID-verified
/// account (the birth year cannot be declared over it), else from what the voter declared;
/// residence is declared.
pub(super) fn eligibility(
    settings: &RoundSettings,
    account: &account::Model,
    in_person: bool,
) -> Option<Code> {
    if let Some(refusal) = verification_refusal(settings.verification, in_person, account.eid_verified()) {
        return Some(refusal);
    }
    check_eligibility(
        settings.min_age,
        settings.max_age,
        settings.residence,
        &profile_of(account),
        Utc::now().year(),
    )
    .err()
    .map(|why| why.code())
}

/// What an account has declared for eligibility.
fn profile_of(account: &account::Model) -> VoterProfile {
    VoterProfile {
        birth_year: account.birth_year,
        lives_here: account
            .works_in_municipality
            .map(|_| account.home_area_id.is_some()),
        works_here: account.works_in_municipality,
    }
}

/// The signed-in person's account row.
pub(super) async fn account_of<C: ConnectionTrait>(
    db: &C,
    user: &SessionUser,
) -> Result<account::Model, AppError> {
    account::Entity::find_by_id(user.id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::Unauthorized.with_status())
}
