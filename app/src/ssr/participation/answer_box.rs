//! The box of voluntary answers: each participant's answers sealed with the day under a random
//! key (`sealed_answer`), and read back, opened, for the figures. Apart from the answering
//! service (`answers`) so that the figures read the box without depending on it.

use chrono::{NaiveDate, Utc};
use domain::participation::{Answers, Participation};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::ssr::entity::sealed_answer;
use crate::ssr::keys::Keys;

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
pub(super) async fn store_answers<C: ConnectionTrait>(
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
