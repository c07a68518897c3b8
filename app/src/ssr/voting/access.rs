//! Who may vote in a round: a voter let in at a kiosk only in that kiosk's round, and only
//! someone whose verification and declared profile meet the round's rules.

use chrono::{Datelike, Utc};
use domain::Code;
use domain::electoral_roll::RollCheck;
use domain::round::{Residence, VoterProfile, check_eligibility};
use domain::voting_rules::{one_identity, verification_refusal};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::error::AppError;
use crate::model::SessionUser;
use crate::ssr::entity::{account, electoral_roll, kiosk, round};

/// A voter let in at a kiosk votes only in that kiosk's round.
pub(super) fn kiosk_may_vote(user: &SessionUser, round: &round::Model) -> Result<(), AppError> {
    match user.kiosk {
        Some(kiosk) if kiosk.round != round.id => Err(AppError::Forbidden.with_status()),
        _ => Ok(()),
    }
}

/// Who is voting: their account, whether staff let them in in person, and the keyed digest of
/// their identity number when known (eID, or typed by staff from an identity document).
pub(super) struct Voter {
    pub account: account::Model,
    pub in_person: bool,
    pub digest: Option<String>,
}

impl Voter {
    /// The voter behind `account`; `typed` is the digest staff typed in person. Refused when
    /// it names another person than the account's eID. In person only what staff typed from
    /// the document counts: an address is no proof of whose eID account it is.
    pub fn new(
        account: account::Model,
        in_person: bool,
        typed: Option<String>,
    ) -> Result<Voter, Code> {
        let known = one_identity(account.identity_digest.as_deref(), typed.as_deref())?;
        let digest = if in_person {
            typed
        } else {
            known.map(str::to_owned)
        };
        Ok(Voter {
            account,
            in_person,
            digest,
        })
    }
}

/// The signed-in voter: their account and, at a kiosk, the identity typed when they were let in.
pub(super) async fn voter_of<C: ConnectionTrait>(
    db: &C,
    user: &SessionUser,
) -> Result<Voter, AppError> {
    let account = account_of(db, user).await?;
    let typed = match user.kiosk {
        Some(voter) => kiosk::Entity::find_by_id(voter.kiosk)
            .one(db)
            .await?
            .and_then(|k| k.voter_identity),
        None => None,
    };
    Voter::new(account, user.kiosk.is_some(), typed)
        .map_err(|code| AppError::invalid("identity_number", code, &[]))
}

/// Why `voter` may not vote in `round`, as an error code; `None` when they may. Accounts are
/// verified by their email link, in person when let in by staff, or with eID. Age comes from
/// the identity number for an eID-verified account (the birth year cannot be declared over
/// it), else from what the voter declared. Residence is declared, unless the round has an
/// electoral roll: then the voter's identity must be known and on it.
pub(super) async fn eligibility<C: ConnectionTrait>(
    db: &C,
    round: &round::Model,
    voter: &Voter,
) -> Result<Option<Code>, AppError> {
    let settings = round.settings();
    let verification = verification_refusal(
        settings.verification,
        voter.in_person,
        voter.account.eid_verified(),
    );
    if verification.is_some() {
        return Ok(verification);
    }
    let roll = roll_check(db, round.id, voter.digest.as_deref()).await?;
    let residence = if roll.has_roll() {
        Residence::Anyone
    } else {
        settings.residence
    };
    let declared = check_eligibility(
        settings.min_age,
        settings.max_age,
        residence,
        &profile_of(&voter.account),
        Utc::now().year(),
    );
    Ok(declared.err().map(|why| why.code()).or(roll.refusal()))
}

/// What the round's electoral roll says about the person with `digest`.
pub async fn roll_check<C: ConnectionTrait>(
    db: &C,
    round: i64,
    digest: Option<&str>,
) -> Result<RollCheck, AppError> {
    // Existence checks (LIMIT 1 on the unique index), never a count of a roll of a million.
    let on_roll = |digest: Option<&str>| {
        let mut query =
            electoral_roll::Entity::find().filter(electoral_roll::Column::RoundId.eq(round));
        if let Some(digest) = digest {
            query = query.filter(electoral_roll::Column::IdentityDigest.eq(digest));
        }
        query.one(db)
    };
    if on_roll(None).await?.is_none() {
        return Ok(RollCheck::NoRoll);
    }
    Ok(match digest {
        None => RollCheck::Unknown,
        Some(digest) if on_roll(Some(digest)).await?.is_some() => RollCheck::On,
        Some(_) => RollCheck::Off,
    })
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
