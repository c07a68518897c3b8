//! The voluntary questions: a participant answers once per round, and only after taking part.
//! The answers are stored apart from who gave them, under a random key and sealed with the
//! day; a marker says that the person answered, not what.

use chrono::{NaiveDate, Utc};
use domain::Code;
use domain::participation::{Answers, AnswersForm, Participation, parse_answers};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    TransactionTrait,
};
use serde::{Deserialize, Serialize};

use super::alerts::notify_new_flags;
use crate::error::AppError;
use crate::model::ProposalStatus;
use crate::model::SessionUser;
use crate::ssr::access::visible_round;
use crate::ssr::context::ServerContext;
use crate::ssr::entity::{
    area, participation_marker, proposal, round, sealed_answer, voter_register,
};
use crate::ssr::keys::Keys;

/// Whether `account` took part in the round: voted, or submitted a proposal.
async fn took_part<C: ConnectionTrait>(db: &C, round: i64, account: i64) -> Result<bool, AppError> {
    let voted = voter_register::Entity::find()
        .filter(voter_register::Column::RoundId.eq(round))
        .filter(voter_register::Column::AccountId.eq(account))
        .count(db)
        .await?
        > 0;
    if voted {
        return Ok(true);
    }
    Ok(proposal::Entity::find()
        .filter(proposal::Column::RoundId.eq(round))
        .filter(proposal::Column::AuthorId.eq(account))
        .filter(proposal::Column::Status.ne(ProposalStatus::Draft.as_str()))
        .count(db)
        .await?
        > 0)
}

/// Whether `account` has answered the questions of the round.
#[tracing::instrument(skip_all, fields(round))]
pub async fn answered<C: ConnectionTrait>(
    db: &C,
    round: i64,
    account: i64,
) -> Result<bool, AppError> {
    Ok(participation_marker::Entity::find()
        .filter(participation_marker::Column::RoundId.eq(round))
        .filter(participation_marker::Column::AccountId.eq(account))
        .count(db)
        .await?
        > 0)
}

/// Stores a participant's answers once per round, apart from who they are. Returns the round.
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn answer(
    ctx: &ServerContext,
    user: &SessionUser,
    slug: &str,
    form: &AnswersForm,
) -> Result<round::Model, AppError> {
    let txn = ctx.db.begin().await?;
    let round = visible_round(&txn, slug, Some(user)).await?;
    if user.kiosk.is_some_and(|k| k.round != round.id) {
        return Err(AppError::Forbidden.with_status());
    }
    if !took_part(&txn, round.id, user.id).await? {
        return Err(AppError::invalid("", Code::AnswersNotParticipant, &[]));
    }
    if answered(&txn, round.id, user.id).await? {
        return Ok(round);
    }
    let ids: Vec<i64> = area::all(&txn).await?.iter().map(|a| a.id).collect();
    let answers: Answers =
        parse_answers(form, &ids).map_err(|issues| AppError::from_issues(&issues, form))?;
    // The marker first: of two answers sent at once, only the one that adds it is stored.
    if !mark_answered(&txn, round.id, user.id).await? {
        return Ok(round);
    }
    store_answers(&txn, &ctx.keys, round.id, &answers).await?;
    notify_new_flags(ctx, &txn, &round).await?;
    txn.commit().await?;
    Ok(round)
}

/// Marks that `account` answered in the round; false when it already was.
async fn mark_answered<C: ConnectionTrait>(
    db: &C,
    round: i64,
    account: i64,
) -> Result<bool, AppError> {
    let marked = participation_marker::Entity::insert(participation_marker::ActiveModel {
        round_id: Set(round),
        account_id: Set(account),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            participation_marker::Column::RoundId,
            participation_marker::Column::AccountId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(marked == 1)
}

/// The answers as sealed: the day and each answer as its stored text (`None` = skipped), the
/// same fields the table had in the clear before answers were sealed.
#[derive(Debug, Default, Serialize, Deserialize)]
struct StoredAnswers {
    day: NaiveDate,
    gender: Option<String>,
    age: Option<String>,
    area_id: Option<i64>,
    born: Option<String>,
    education: Option<String>,
    occupation: Option<String>,
    disability: Option<String>,
}

/// Every sealed answer pads to this length, so their lengths say nothing either.
const SEALED_SIZE: usize = 320;

fn seal_context(round: i64, key: &str) -> Vec<u8> {
    format!("answers:{round}:{key}").into_bytes()
}

fn seal(keys: &Keys, round: i64, key: &str, stored: &StoredAnswers) -> String {
    let plain = serde_json::to_vec(stored).expect("answers serialise");
    keys.answers
        .seal(&plain, SEALED_SIZE, &seal_context(round, key))
}

/// Stores the answers under a random key, sealed with the day: nothing links them to a
/// person, and without the server's key not even the day or the answers can be read (the
/// marker, written in the same transaction, sits beside them in the database's own order).
async fn store_answers<C: ConnectionTrait>(
    db: &C,
    keys: &Keys,
    round: i64,
    answers: &Answers,
) -> Result<(), AppError> {
    let mut key = [0u8; 16];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut key);
    let key = hex::encode(key);
    let stored = StoredAnswers {
        day: Utc::now().date_naive(),
        gender: text_of(answers.gender),
        age: text_of(answers.age),
        area_id: answers.area_id,
        born: text_of(answers.born),
        education: text_of(answers.education),
        occupation: text_of(answers.occupation),
        disability: text_of(answers.disability),
    };
    sealed_answer::Entity::insert(sealed_answer::ActiveModel {
        sealed: Set(seal(keys, round, &key, &stored)),
        key: Set(key),
        round_id: Set(round),
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

fn text_of<T: std::fmt::Display>(value: Option<T>) -> Option<String> {
    value.map(|v| v.to_string())
}

fn parse_stored<T: std::str::FromStr>(value: &Option<String>) -> Option<T> {
    value.as_deref().and_then(|v| v.parse().ok())
}

/// Everyone's answers in a round, opened (an answer that does not open is logged and left
/// out).
pub async fn opened_answers<C: ConnectionTrait>(
    db: &C,
    keys: &Keys,
    round: i64,
) -> Result<Vec<Participation>, AppError> {
    let rows = sealed_answer::Entity::find()
        .filter(sealed_answer::Column::RoundId.eq(round))
        .all(db)
        .await?;
    Ok(rows
        .iter()
        .filter_map(|row| open(keys, row))
        .map(|r| Participation {
            date: r.day,
            answers: Answers {
                gender: parse_stored(&r.gender),
                age: parse_stored(&r.age),
                area_id: r.area_id,
                born: parse_stored(&r.born),
                education: parse_stored(&r.education),
                occupation: parse_stored(&r.occupation),
                disability: parse_stored(&r.disability),
            },
        })
        .collect())
}

/// Seals every answer still stored in plain JSON (moved so by the migration that sealed the
/// answers; a migration has no key). Run at start-up. Returns how many it sealed.
#[tracing::instrument(skip_all)]
pub async fn seal_plain_answers<C: ConnectionTrait>(
    db: &C,
    keys: &Keys,
) -> Result<usize, AppError> {
    let plain = sealed_answer::Entity::find()
        .filter(sealed_answer::Column::Sealed.starts_with("{"))
        .all(db)
        .await?;
    for row in &plain {
        let stored: StoredAnswers = serde_json::from_str(&row.sealed).map_err(|err| {
            tracing::error!(round = row.round_id, error = %err, "a plain answer that does not read");
            AppError::Internal
        })?;
        reseal(db, keys, row, &stored).await?;
    }
    Ok(plain.len())
}

/// Stores `stored` sealed again in the place of `row`.
async fn reseal<C: ConnectionTrait>(
    db: &C,
    keys: &Keys,
    row: &sealed_answer::Model,
    stored: &StoredAnswers,
) -> Result<(), AppError> {
    sealed_answer::Entity::update_many()
        .col_expr(
            sealed_answer::Column::Sealed,
            sea_orm::sea_query::Expr::value(seal(keys, row.round_id, &row.key, stored)),
        )
        .filter(sealed_answer::Column::Key.eq(&row.key))
        .exec(db)
        .await?;
    Ok(())
}

/// A stored answer, opened; `None` (and logged) when it does not open or read.
fn open(keys: &Keys, row: &sealed_answer::Model) -> Option<StoredAnswers> {
    let plain = keys
        .answers
        .open(&row.sealed, &seal_context(row.round_id, &row.key));
    let stored = plain.and_then(|p| serde_json::from_slice(&p).ok());
    if stored.is_none() {
        tracing::error!(round = row.round_id, "an answer that does not open");
    }
    stored
}

/// Moves the answers under `answer_keys` to `day` (opened and sealed again): for the demo
/// loader, whose history is loaded today but happened on the days its file gives.
pub async fn backdate_answers<C: ConnectionTrait>(
    db: &C,
    keys: &Keys,
    answer_keys: &[String],
    day: NaiveDate,
) -> Result<(), AppError> {
    let rows = sealed_answer::Entity::find()
        .filter(sealed_answer::Column::Key.is_in(answer_keys.iter().cloned()))
        .all(db)
        .await?;
    for row in &rows {
        if let Some(mut stored) = open(keys, row) {
            stored.day = day;
            reseal(db, keys, row, &stored).await?;
        }
    }
    Ok(())
}
