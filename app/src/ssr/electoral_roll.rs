//! A round's electoral roll on the server. Staff of the round's nämnd upload the file with a
//! plain multipart form on the round's staff page (so it works without JavaScript); the
//! numbers are checked all or nothing by `domain::electoral_roll`, and only their keyed
//! digests are stored, replacing the earlier roll in one transaction. Someone who reads the
//! database without the secret learns how many people are on the roll, nothing more; the log
//! and the audit trail hold the count, never a number.

use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use chrono::Utc;
use domain::Code;
use domain::electoral_roll::{RollError, bad_lines_to_query, parse_roll, roll_editable};
use domain::identity_number::IdentityNumber;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, TransactionTrait,
};

use super::access::managed_round;
use super::audit;
use super::context::ServerContext;
use super::entity::{electoral_roll, round};
use super::keys::Keys;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::model::SessionUser;
use crate::model::round::RollView;

/// The largest roll file: about a million lines of a 12-digit number, which import in about
/// 15 s (`benches/roll_import.rs`), inside the server's 30 s request timeout.
pub const FILE_MAX_BYTES: usize = 16 * 1024 * 1024;
/// The largest request the upload route reads: the file and the form's small fields.
pub const UPLOAD_LIMIT_BYTES: usize = FILE_MAX_BYTES + 64 * 1024;
/// Rows per insert statement (three parameters each, well under every database's limit).
const CHUNK: usize = 1_000;

/// `POST /rounds/{slug}/electoral-roll`: imports the file (field `roll`) and goes back to the
/// roll on the round's staff page with `?roll_imported=<count>`, or with
/// `?roll_error=<code>` (for bad lines also `&bad=<line:code,…>&bad_total=<n>`).
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn upload(
    State(ctx): State<ServerContext>,
    Path(slug): Path<String>,
    jar: CookieJar,
    mut multipart: Multipart,
) -> Response {
    let user = match super::auth::viewer(&ctx, &jar).await {
        Ok(Some(user)) => user,
        Ok(None) => return Redirect::to(crate::paths::login().as_str()).into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let round = match managed_round(&ctx.db, &slug, &user).await {
        Ok(round) => round,
        Err(AppError::NotFound) => return StatusCode::NOT_FOUND.into_response(),
        Err(AppError::Forbidden) => return StatusCode::FORBIDDEN.into_response(),
        Err(err) => {
            tracing::error!(error = %err, "could not load the round for its roll");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let (locale, file) = read_form(&mut multipart).await;
    let imported = match file {
        Ok(bytes) => import(&ctx.db, &ctx.keys, user.id, &round, &bytes).await,
        Err(code) => Err(Refusal::Code(code)),
    };
    let query = match imported {
        Ok(count) => format!("roll_imported={count}"),
        Err(refusal) => refusal.query(),
    };
    let path = crate::paths::staff_round(&slug)
        .encoded_query(&query)
        .fragment("roll");
    Redirect::to(&crate::locale::href(locale, &path)).into_response()
}

/// Why an upload imported nothing.
#[derive(Debug)]
pub enum Refusal {
    Code(Code),
    BadLines(Vec<domain::electoral_roll::BadLine>),
}

impl Refusal {
    /// The query that tells the staff page what was wrong.
    fn query(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        match self {
            Refusal::Code(code) => {
                query.append_pair("roll_error", code.as_str());
            }
            Refusal::BadLines(bad) => {
                query.append_pair("roll_error", Code::RollBadLines.as_str());
                query.append_pair("bad", &bad_lines_to_query(bad));
                query.append_pair("bad_total", &bad.len().to_string());
            }
        }
        query.finish()
    }
}

/// Checks the file and replaces the round's roll with it, for staff member `account`; the
/// number of people imported.
pub async fn import(
    db: &DatabaseConnection,
    keys: &Keys,
    account: i64,
    round: &round::Model,
    bytes: &[u8],
) -> Result<usize, Refusal> {
    if !roll_editable(round.phase()) {
        return Err(Refusal::Code(Code::RollLocked));
    }
    let text = String::from_utf8_lossy(bytes);
    let numbers = parse_roll(&text, Utc::now().date_naive()).map_err(|err| match err {
        RollError::Empty => Refusal::Code(Code::RollEmpty),
        RollError::BadLines(bad) => Refusal::BadLines(bad),
    })?;
    let count = numbers.len();
    replace(db, keys, account, round.id, &numbers)
        .await
        .map_err(|err| {
            tracing::error!(error = %err, round = round.id, "could not store the electoral roll");
            Refusal::Code(Code::Internal)
        })?;
    tracing::info!(round = round.id, count, "electoral roll imported");
    Ok(count)
}

/// Replaces the round's roll with the digests of `numbers`, audited with the count.
async fn replace(
    db: &DatabaseConnection,
    keys: &Keys,
    account: i64,
    round: i64,
    numbers: &[IdentityNumber],
) -> Result<(), AppError> {
    let now = Utc::now();
    let txn = db.begin().await?;
    delete_roll(&txn, round).await?;
    for chunk in numbers.chunks(CHUNK) {
        let rows = chunk.iter().map(|number| electoral_roll::ActiveModel {
            round_id: Set(round),
            identity_digest: Set(keys.identity.digest(number)),
            imported_at: Set(now),
            ..Default::default()
        });
        electoral_roll::Entity::insert_many(rows).exec(&txn).await?;
    }
    let detail = format!("count:{}", numbers.len());
    audit::record(
        &txn,
        Some(account),
        Some(round),
        "round.roll_imported",
        format!("round:{round}"),
        detail,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

async fn delete_roll<C: ConnectionTrait>(db: &C, round: i64) -> Result<(), AppError> {
    electoral_roll::Entity::delete_many()
        .filter(electoral_roll::Column::RoundId.eq(round))
        .exec(db)
        .await?;
    Ok(())
}

/// Removes the round's roll: residence is declared again. Audited.
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn clear(ctx: &ServerContext, user: &SessionUser, slug: &str) -> Result<(), AppError> {
    let txn = ctx.db.begin().await?;
    let round = managed_round(&txn, slug, user).await?;
    if !roll_editable(round.phase()) {
        return Err(AppError::invalid("roll", Code::RollLocked, &[]));
    }
    delete_roll(&txn, round.id).await?;
    let subject = format!("round:{}", round.id);
    audit::record(
        &txn,
        Some(user.id),
        Some(round.id),
        "round.roll_cleared",
        subject,
        String::new(),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The round's roll as its staff see it: how many people, since when, and whether it may
/// still change.
pub async fn roll_view<C: ConnectionTrait>(
    db: &C,
    round: &round::Model,
) -> Result<RollView, AppError> {
    let on_roll =
        electoral_roll::Entity::find().filter(electoral_roll::Column::RoundId.eq(round.id));
    let count = on_roll.clone().count(db).await?;
    // One import writes every row with the same time: any row tells it (no sort of the roll).
    let imported_at = on_roll
        .one(db)
        .await?
        .map(|row| row.imported_at.format("%Y-%m-%d %H:%M").to_string());
    Ok(RollView {
        count,
        imported_at,
        editable: roll_editable(round.phase()),
    })
}

/// The page's locale and the file, kept up to one byte over the limit (enough to know it is
/// too large).
async fn read_form(multipart: &mut Multipart) -> (Locale, Result<Vec<u8>, Code>) {
    let mut locale = Locale::sv;
    let mut file = Err(Code::RollEmpty);
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => match field.name() {
                Some("locale") => {
                    locale = crate::locale::from_code(&field.text().await.unwrap_or_default());
                }
                Some("roll") => {
                    file = match super::images::read_capped(field, FILE_MAX_BYTES).await {
                        Ok(bytes) if bytes.len() <= FILE_MAX_BYTES => Ok(bytes),
                        Ok(_) => Err(Code::RollTooLarge),
                        Err(err) => {
                            tracing::info!(error = %err, "roll upload not read");
                            return (locale, Err(Code::RollTooLarge));
                        }
                    };
                }
                _ => {}
            },
            Ok(None) => return (locale, file),
            Err(err) => {
                tracing::info!(error = %err, "roll upload refused");
                return (locale, Err(Code::RollTooLarge));
            }
        }
    }
}
