//! Kiosk mode on the server (DESIGN.md: assisted voting). Staff of the nämnd start a kiosk on
//! a shared device during voting: the device gets a kiosk token and loses any personal
//! session. For each voter, staff check the person's identity in person and type their
//! address and the kiosk's PIN; the device then holds a short session for that voter alone,
//! counted as verified in person, which ends when the ballot is cast (or the next voter is let
//! in). Rules are `domain::kiosk`'s; the PIN is kept as a salted hash and never echoed back.

use chrono::{Duration, Utc};
use domain::Phase;
use domain::kiosk::{
    KIOSK_HOURS, KioskForm, NextVoterForm, PinOutcome, judge_pin, parse_kiosk_start,
    parse_next_voter,
};
use domain::round::FieldIssue;
use rand::RngCore as _;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, IntoActiveModel, TransactionTrait};
use sha2::{Digest, Sha256};

use super::context::ServerContext;
use super::entity::{kiosk, round};
use super::rounds::{managed_round, phase_of, title_in};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::model::SessionUser;
use crate::model::voting::KioskView;
use leptos_i18n::Locale as _;

/// `salt$sha256(salt, pin)`, hex.
fn pin_hash(pin: &str) -> String {
    let mut salt = [0u8; 16];
    rand::rng().fill_bytes(&mut salt);
    let salt = hex::encode(salt);
    format!("{salt}${}", digest(&salt, pin))
}

fn digest(salt: &str, pin: &str) -> String {
    hex::encode(Sha256::digest(format!("{salt}:{pin}").as_bytes()))
}

fn pin_matches(stored: &str, pin: &str) -> bool {
    stored
        .split_once('$')
        .is_some_and(|(salt, hash)| digest(salt, pin.trim()) == hash)
}

/// Whether a kiosk still lets voters in: not ended, within its day, its round voting.
fn active(row: &kiosk::Model, round: &round::Model) -> bool {
    row.ended_at.is_none()
        && Utc::now() < row.started_at + Duration::hours(KIOSK_HOURS)
        && phase_of(round) == Phase::Voting
}

/// Starts a kiosk for the round `slug` (its staff, while voting). Returns the kiosk.
pub async fn start(
    ctx: &ServerContext,
    staff: &SessionUser,
    slug: &str,
    form: &KioskForm,
) -> Result<kiosk::Model, AppError> {
    let shown = KioskForm {
        place: form.place.clone(),
        pin: String::new(),
    };
    let txn = ctx.db.begin().await?;
    let round = managed_round(&txn, slug, staff).await?;
    if phase_of(&round) != Phase::Voting {
        return Err(AppError::from_issues(
            &[FieldIssue::new("", "voting_closed")],
            &shown,
        ));
    }
    let start = parse_kiosk_start(form).map_err(|issues| AppError::from_issues(&issues, &shown))?;
    let row = kiosk::ActiveModel {
        round_id: Set(round.id),
        place: Set(start.place.clone()),
        pin_hash: Set(pin_hash(&start.pin)),
        started_by: Set(staff.id),
        started_at: Set(Utc::now()),
        ended_at: Set(None),
        voters: Set(0),
        pin_failures: Set(0),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    super::audit::record(
        &txn,
        Some(staff.id),
        Some(round.id),
        "kiosk.start",
        format!("kiosk:{}", row.id),
        start.place,
    )
    .await?;
    txn.commit().await?;
    tracing::info!(round = %round.slug, kiosk = row.id, "kiosk started");
    Ok(row)
}

async fn load<C: sea_orm::ConnectionTrait>(
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

/// Lets the next voter in at kiosk `id`: checks the PIN (counting wrong ones, ending the
/// kiosk after too many) and returns the voter's account and the round's slug.
pub async fn let_in(
    ctx: &ServerContext,
    id: i64,
    locale: Locale,
    form: &NextVoterForm,
) -> Result<(i64, String), AppError> {
    let shown = NextVoterForm {
        email: form.email.clone(),
        pin: String::new(),
    };
    let txn = ctx.db.begin().await?;
    let (row, round) = load(&txn, id).await?;
    if !active(&row, &round) {
        return Err(AppError::from_issues(
            &[FieldIssue::new("", "kiosk_ended")],
            &shown,
        ));
    }
    let email = parse_next_voter(form).map_err(|issues| AppError::from_issues(&issues, &shown))?;
    let outcome = judge_pin(pin_matches(&row.pin_hash, &form.pin), row.pin_failures);
    let (failures, voters) = (row.pin_failures, row.voters);
    let mut update = row.into_active_model();
    match outcome {
        PinOutcome::Accepted => {
            update.voters = Set(voters + 1);
            update.update(&txn).await?;
            let person =
                super::login_link::find_or_create_account(&txn, email.as_str(), locale.as_str())
                    .await?;
            super::audit::record(
                &txn,
                None,
                Some(round.id),
                "kiosk.voter",
                format!("kiosk:{id}"),
                format!("account:{}", person.id),
            )
            .await?;
            txn.commit().await?;
            Ok((person.id, round.slug))
        }
        PinOutcome::Refused(now) => {
            update.pin_failures = Set(now);
            update.update(&txn).await?;
            txn.commit().await?;
            tracing::info!(kiosk = id, failures = now, "wrong kiosk PIN");
            Err(AppError::from_issues(
                &[FieldIssue::new("pin", "pin_wrong")],
                &shown,
            ))
        }
        PinOutcome::Locked => {
            update.pin_failures = Set(failures + 1);
            update.ended_at = Set(Some(Utc::now()));
            update.update(&txn).await?;
            txn.commit().await?;
            tracing::warn!(kiosk = id, "kiosk ended after too many wrong PINs");
            Err(AppError::from_issues(
                &[FieldIssue::new("", "kiosk_ended")],
                &shown,
            ))
        }
    }
}

/// Ends kiosk `id` (from the device itself).
pub async fn end(ctx: &ServerContext, id: i64) -> Result<(), AppError> {
    let (row, round) = load(&ctx.db, id).await?;
    if row.ended_at.is_none() {
        let mut update = row.into_active_model();
        update.ended_at = Set(Some(Utc::now()));
        update.update(&ctx.db).await?;
        tracing::info!(round = %round.slug, kiosk = id, "kiosk ended");
    }
    Ok(())
}

/// What the kiosk device shows.
pub async fn view(ctx: &ServerContext, id: i64, locale: Locale) -> Result<KioskView, AppError> {
    let (row, round) = load(&ctx.db, id).await?;
    Ok(KioskView {
        active: active(&row, &round),
        round_slug: round.slug.clone(),
        round_title: title_in(&round, locale),
        place: row.place,
        voters: row.voters.max(0) as u32,
    })
}
