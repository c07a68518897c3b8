//! Kiosk mode on the server (DESIGN.md: assisted voting). Staff of the nämnd start a kiosk on
//! a shared device during voting: the device gets a kiosk token and loses any personal
//! session. For each voter, staff check the person's identity in person and type their
//! address and the kiosk's PIN; the device then holds a short session for that voter alone,
//! counted as verified in person, valid only for the kiosk's round and only until the voter
//! has voted and answered (or skipped) the voluntary questions, handed the device back, or the
//! next voter or the end came (the session carries a nonce the kiosk row must still hold; after
//! the cast a new one, which only answers the questions). Rules are `domain::kiosk`'s; the PIN is kept signed
//! with the server's key, never echoed back, and every attempt is counted before it is
//! checked, so parallel guesses cannot get past the limit.

use chrono::Utc;
use domain::Code;
use domain::FieldIssue;
use domain::Phase;
use domain::kiosk::{
    KioskForm, MAX_PIN_FAILURES, NextVoterForm, locked, parse_kiosk_start, parse_next_voter,
};
use domain::voting_rules::one_identity;
use leptos_i18n::Locale as _;
use rand::RngCore as _;
use sea_orm::sea_query::{Expr, ExprTrait as _};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction,
    EntityTrait, QueryFilter, TransactionTrait,
};

use super::access::assisted_round;
use super::context::ServerContext;
use super::entity::kiosk;
use super::keys::Purpose;
use super::kiosk_session::{ANSWERING, active, load};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::model::SessionUser;
use crate::model::voting::{KioskQuestions, KioskView};

fn random_hex() -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// `salt$signature` of a PIN.
fn pin_hash(ctx: &ServerContext, pin: &str) -> String {
    let salt = random_hex();
    let signature = ctx.keys.mail_link.sign(Purpose::KioskPin, &salt, pin);
    format!("{salt}${signature}")
}

fn pin_matches(ctx: &ServerContext, stored: &str, pin: &str) -> bool {
    stored.split_once('$').is_some_and(|(salt, signature)| {
        ctx.keys
            .mail_link
            .verify(Purpose::KioskPin, salt, pin.trim(), signature)
    })
}

/// Starts a kiosk for the round `slug` (its staff or a partner association, while voting).
/// Returns the kiosk.
#[tracing::instrument(skip_all, fields(slug = %slug))]
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
    let round = assisted_round(&txn, slug, staff).await?;
    if round.phase() != Phase::Voting {
        return Err(AppError::from_issues(
            &[FieldIssue::new("", Code::VotingClosed)],
            &shown,
        ));
    }
    let start = parse_kiosk_start(form).map_err(|issues| AppError::from_issues(&issues, &shown))?;
    let row = kiosk::ActiveModel {
        round_id: Set(round.id),
        place: Set(start.place.clone()),
        pin_hash: Set(pin_hash(ctx, &start.pin)),
        started_by: Set(staff.id),
        started_at: Set(Utc::now()),
        ended_at: Set(None),
        voters: Set(0),
        pin_failures: Set(0),
        voter_nonce: Set(None),
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

fn refusal(code: Code, field: &'static str) -> AppError {
    // Nothing typed is sent back: the device is shared, and a URL stays in its history.
    AppError::from_issues(&[FieldIssue::new(field, code)], &NextVoterForm::default())
}

/// Counts a PIN attempt before checking it (the row is locked by the update, so parallel
/// attempts queue), then checks it: right resets the count, wrong keeps it, and the
/// attempt that reaches the limit ends the kiosk. `Err` when the kiosk is (now) ended.
async fn check_pin<C: ConnectionTrait>(
    ctx: &ServerContext,
    db: &C,
    id: i64,
    pin: &str,
) -> Result<bool, AppError> {
    let reserved = kiosk::Entity::update_many()
        .col_expr(
            kiosk::Column::PinFailures,
            Expr::col(kiosk::Column::PinFailures).add(1),
        )
        .filter(kiosk::Column::Id.eq(id))
        .filter(kiosk::Column::EndedAt.is_null())
        .filter(kiosk::Column::PinFailures.lt(MAX_PIN_FAILURES))
        .exec(db)
        .await?
        .rows_affected;
    if reserved == 0 {
        return Err(refusal(Code::KioskEnded, ""));
    }
    let (row, _) = load(db, id).await?;
    if pin_matches(ctx, &row.pin_hash, pin) {
        let mut update: kiosk::ActiveModel = row.into();
        update.pin_failures = Set(0);
        update.update(db).await?;
        return Ok(true);
    }
    if locked(row.pin_failures) {
        let mut update: kiosk::ActiveModel = row.into();
        update.ended_at = Set(Some(Utc::now()));
        update.voter_nonce = Set(None);
        update.voter_identity = Set(None);
        update.update(db).await?;
        tracing::warn!(kiosk = id, "kiosk ended after too many wrong PINs");
        return Err(refusal(Code::KioskEnded, ""));
    }
    tracing::info!(kiosk = id, failures = row.pin_failures, "wrong kiosk PIN");
    Ok(false)
}

/// Checks a PIN in `txn` and gives the transaction back when it is right; otherwise commits
/// the counted attempt (whatever the answer, it stays counted) and refuses, the code on
/// `field` (or the whole form when the kiosk has ended).
async fn pin_or_refuse(
    ctx: &ServerContext,
    txn: DatabaseTransaction,
    id: i64,
    pin: &str,
    field: &'static str,
) -> Result<DatabaseTransaction, AppError> {
    let refused = match check_pin(ctx, &txn, id, pin).await {
        Ok(true) => return Ok(txn),
        Ok(false) => refusal(Code::PinWrong, field),
        Err(err) => err,
    };
    txn.commit().await?;
    Err(refused)
}

/// Lets the next voter in at kiosk `id`: checks the PIN and returns the voter's account, the
/// round's slug and the nonce their session must carry.
#[tracing::instrument(skip_all, fields(id))]
pub async fn let_in(
    ctx: &ServerContext,
    id: i64,
    locale: Locale,
    form: &NextVoterForm,
) -> Result<(i64, String, String), AppError> {
    let let_in = parse_next_voter(form, Utc::now().date_naive())
        .map_err(|issues| AppError::from_issues(&issues, &NextVoterForm::default()))?;
    let typed = let_in.number.map(|n| ctx.keys.identity.digest(&n));
    let txn = ctx.db.begin().await?;
    let (_, round) = load(&txn, id).await?;
    if round.phase() != Phase::Voting {
        return Err(refusal(Code::KioskEnded, ""));
    }
    let txn = pin_or_refuse(ctx, txn, id, &form.pin, "pin").await?;
    let (row, round) = load(&txn, id).await?;
    if !active(&row, &round) {
        return Err(refusal(Code::KioskEnded, ""));
    }
    let nonce = random_hex();
    kiosk::Entity::update_many()
        .col_expr(
            kiosk::Column::Voters,
            Expr::col(kiosk::Column::Voters).add(1),
        )
        .col_expr(kiosk::Column::VoterNonce, Expr::value(nonce.clone()))
        .col_expr(
            kiosk::Column::VoterDocument,
            Expr::value(let_in.document.as_str()),
        )
        .col_expr(kiosk::Column::VoterIdentity, Expr::value(typed.clone()))
        .filter(kiosk::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    let person =
        super::login_link::find_or_create_account(&txn, &let_in.email, locale.as_str()).await?;
    if let Err(code) = one_identity(person.identity_digest.as_deref(), typed.as_deref()) {
        // Rolled back: the PIN was right, so nothing else needs keeping.
        return Err(refusal(code, "identity_number"));
    }
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
    Ok((person.id, round.slug, nonce))
}

/// After the cast at kiosk `id` by the session holding `nonce`: that session gives way to one
/// that may only answer the voluntary questions. Returns its nonce; `None` when the kiosk no
/// longer holds `nonce` (the next voter was let in, or the kiosk page opened, meanwhile).
#[tracing::instrument(skip_all, fields(id))]
pub async fn to_questions<C: ConnectionTrait>(
    db: &C,
    id: i64,
    nonce: &str,
) -> Result<Option<String>, AppError> {
    let next = format!("{ANSWERING}{}", random_hex());
    let swapped = kiosk::Entity::update_many()
        .col_expr(kiosk::Column::VoterNonce, Expr::value(next.clone()))
        .filter(kiosk::Column::Id.eq(id))
        .filter(kiosk::Column::VoterNonce.eq(nonce))
        .exec(db)
        .await?
        .rows_affected;
    Ok((swapped == 1).then_some(next))
}

/// Ends the current voter's session at kiosk `id` (voted, handed back, or walked away).
#[tracing::instrument(skip_all, fields(id))]
pub async fn finish_voter<C: ConnectionTrait>(db: &C, id: i64) -> Result<(), AppError> {
    kiosk::Entity::update_many()
        .col_expr(
            kiosk::Column::VoterNonce,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            kiosk::Column::VoterIdentity,
            Expr::value(Option::<String>::None),
        )
        .filter(kiosk::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Ends kiosk `id` from the device: staff type the PIN, so a voter cannot end it.
#[tracing::instrument(skip_all, fields(id))]
pub async fn end(ctx: &ServerContext, id: i64, pin: &str) -> Result<(), AppError> {
    let txn = ctx.db.begin().await?;
    let txn = pin_or_refuse(ctx, txn, id, pin, "end_pin").await?;
    kiosk::Entity::update_many()
        .col_expr(kiosk::Column::EndedAt, Expr::value(Some(Utc::now())))
        .col_expr(
            kiosk::Column::VoterNonce,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            kiosk::Column::VoterIdentity,
            Expr::value(Option::<String>::None),
        )
        .filter(kiosk::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    tracing::info!(kiosk = id, "kiosk ended");
    Ok(())
}

/// The voluntary questions for the kiosk voter `user` whose ballot is cast; `None` once they
/// have answered.
#[tracing::instrument(skip_all)]
pub async fn questions(
    ctx: &ServerContext,
    user: &SessionUser,
    locale: Locale,
) -> Result<Option<KioskQuestions>, AppError> {
    let Some(voter) = user.kiosk.filter(|k| k.answering) else {
        return Ok(None);
    };
    let (_, round) = load(&ctx.db, voter.kiosk).await?;
    if super::participation::answered(&ctx.db, round.id, user.id).await? {
        return Ok(None);
    }
    Ok(Some(KioskQuestions {
        round_title: round.title_in(locale),
        slug: round.slug,
        areas: super::entity::area::choices(&ctx.db).await?,
    }))
}

/// What the kiosk device shows.
#[tracing::instrument(skip_all, fields(id))]
pub async fn view(ctx: &ServerContext, id: i64, locale: Locale) -> Result<KioskView, AppError> {
    let (row, round) = load(&ctx.db, id).await?;
    Ok(KioskView {
        active: active(&row, &round),
        round_slug: round.slug.clone(),
        round_title: round.title_in(locale),
        place: row.place,
        voters: u32::try_from(row.voters).unwrap_or(0),
    })
}
