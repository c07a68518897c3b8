//! Paper ballots: each is typed in by two different staff members under its serial number
//! (normalised: "012" and "12" are one serial); when two different staff read it alike the
//! ballot goes into the box (channel `paper`, linked only to its serial); readings that differ
//! flag the serial for a check of the paper, and a counted ballot leaves the box only when a
//! second person confirms another reading (`domain::paper::agreement`). A serial must be one
//! of the round's printed ones (its paper roll, registered first); the roll also holds how many
//! people were checked off the paper voter list, which the close compares with the paper
//! ballots.

use domain::Code;
use std::collections::BTreeMap;

use chrono::Utc;
use domain::ballot::Ballot;
use domain::voting::BallotPost;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, TransactionTrait,
};

use super::access::managed_round;
use super::context::ServerContext;
use super::entity::{ballot, paper_entry, paper_roll};
use super::voting::{Boxed, checked_ballot, store_ballot};
use crate::error::AppError;
use crate::model::SessionUser;
use crate::model::voting::{PaperState, PaperStatus, PaperView};
use domain::paper::{
    Agreement, PaperRollForm, SerialRange, agreement, normalize_serial, parse_roll,
};

/// Records `staff`'s entry of the paper ballot `serial`; returns its state afterwards.
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn enter(
    ctx: &ServerContext,
    staff: &SessionUser,
    slug: &str,
    serial: &str,
    post: &BallotPost,
) -> Result<PaperState, AppError> {
    let txn = ctx.db.begin().await?;
    let round = managed_round(&txn, slug, staff).await?;
    let typed = serial;
    let serial = normalize_serial(typed).map_err(|code| serial_error(code, typed.trim()))?;
    let printed = printed_range(&txn, round.id)
        .await?
        .ok_or_else(|| serial_error(Code::PaperRangeMissing, typed.trim()))?;
    if !printed.contains(&serial) {
        return Err(serial_error(Code::SerialOutOfRange, typed.trim()));
    }
    let (cast, projects) = checked_ballot(&txn, &round, post)
        .await
        .map_err(|err| err.keeping("serial", typed))?;
    add_entry(&txn, round.id, &serial, staff, &cast).await?;
    let entries = paper_entry::Entity::find()
        .filter(paper_entry::Column::RoundId.eq(round.id))
        .filter(paper_entry::Column::Serial.eq(&serial))
        .all(&txn)
        .await?;
    let link = format!("paper:{serial}");
    match agreement(&readings(&entries)) {
        Agreement::Agreed(read) => {
            let ballot: Ballot = serde_json::from_str(read).map_err(|_| AppError::Internal)?;
            let boxed = Boxed {
                channel: "paper".to_owned(),
                ballot,
            };
            store_ballot(&txn, &ctx.keys, round.id, link, &boxed, projects.len()).await?;
        }
        // Two confirmed readings stand against each other: out of the box until checked.
        Agreement::Disputed => {
            ballot::Entity::delete_by_id((round.id, link))
                .exec(&txn)
                .await?;
        }
        Agreement::Waiting => {}
    }
    txn.commit().await?;
    Ok(state_of(&entries))
}

/// The round's printed serials, if registered.
async fn printed_range<C: ConnectionTrait>(
    db: &C,
    round_id: i64,
) -> Result<Option<SerialRange>, AppError> {
    let Some(roll) = paper_roll::Entity::find_by_id(round_id).one(db).await? else {
        return Ok(None);
    };
    SerialRange::parse(&roll.first_serial, &roll.last_serial)
        .map(Some)
        .map_err(|_| {
            tracing::error!(round = round_id, "a stored paper range that does not parse");
            AppError::Internal
        })
}

/// Registers the round's printed serials and the number checked off the paper voter list
/// (its staff, until the result is published). The range cannot change once a paper ballot
/// has been entered; when the round is already counted, its check of channels is made again.
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn save_roll(
    ctx: &ServerContext,
    staff: &SessionUser,
    slug: &str,
    form: &PaperRollForm,
) -> Result<(), AppError> {
    let (range, checked_off) =
        parse_roll(form).map_err(|issues| AppError::from_issues(&issues, form))?;
    let txn = ctx.db.begin().await?;
    let round = managed_round(&txn, slug, staff).await?;
    if range_moves(&txn, round.id, &range).await? {
        return Err(AppError::from_issues(
            &[domain::FieldIssue::new(
                "last_serial",
                Code::PaperRangeLocked,
            )],
            form,
        ));
    }
    store_roll(&txn, round.id, &range, checked_off).await?;
    let detail = format!(
        "{}..{}; checked off: {}",
        range.first(),
        range.last(),
        checked_off.map_or("-".to_owned(), |n| n.to_string())
    );
    super::audit::record(
        &txn,
        Some(staff.id),
        Some(round.id),
        "paper.roll",
        format!("round:{}", round.id),
        detail,
    )
    .await?;
    super::results::recheck_channels(&txn, &ctx.keys, &round).await?;
    txn.commit().await?;
    Ok(())
}

/// Whether saving `range` would move the printed range of a round that already has paper
/// ballots typed in (refused: they were checked against the range as it was).
async fn range_moves<C: ConnectionTrait>(
    db: &C,
    round_id: i64,
    range: &SerialRange,
) -> Result<bool, AppError> {
    let Some(before) = paper_roll::Entity::find_by_id(round_id).one(db).await? else {
        return Ok(false);
    };
    let moved = (before.first_serial, before.last_serial) != (range.first(), range.last());
    let entered = paper_entry::Entity::find()
        .filter(paper_entry::Column::RoundId.eq(round_id))
        .one(db)
        .await?
        .is_some();
    Ok(moved && entered)
}

/// Stores a round's paper roll, replacing the one before.
async fn store_roll<C: ConnectionTrait>(
    db: &C,
    round_id: i64,
    range: &SerialRange,
    checked_off: Option<u64>,
) -> Result<(), AppError> {
    let row = paper_roll::ActiveModel {
        round_id: Set(round_id),
        first_serial: Set(range.first()),
        last_serial: Set(range.last()),
        checked_off: Set(checked_off.map(|n| n as i64)),
        updated_at: Set(Utc::now()),
    };
    paper_roll::Entity::insert(row)
        .on_conflict(
            OnConflict::column(paper_roll::Column::RoundId)
                .update_columns([
                    paper_roll::Column::FirstSerial,
                    paper_roll::Column::LastSerial,
                    paper_roll::Column::CheckedOff,
                    paper_roll::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// A refusal of the serial number, keeping it.
fn serial_error(code: Code, serial: &str) -> AppError {
    AppError::invalid("serial", code, &[("serial", serial)])
}

/// Stores `staff`'s entry of `serial`; refused when they already entered it (the second
/// entry must be someone else's).
async fn add_entry<C: ConnectionTrait>(
    db: &C,
    round_id: i64,
    serial: &str,
    staff: &SessionUser,
    cast: &Ballot,
) -> Result<(), AppError> {
    let choices = serde_json::to_string(cast).map_err(|_| AppError::Internal)?;
    let entry = paper_entry::ActiveModel {
        round_id: Set(round_id),
        serial: Set(serial.to_owned()),
        staff_id: Set(staff.id),
        choices: Set(choices),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    let inserted = paper_entry::Entity::insert(entry)
        .on_conflict(
            OnConflict::columns([
                paper_entry::Column::RoundId,
                paper_entry::Column::Serial,
                paper_entry::Column::StaffId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    if inserted == 0 {
        return Err(serial_error(Code::PaperEnteredTwice, serial));
    }
    Ok(())
}

/// A serial's readings: who read it, and the ballot they read (as stored, one text per ballot).
fn readings(entries: &[paper_entry::Model]) -> Vec<(i64, &str)> {
    entries
        .iter()
        .map(|e| (e.staff_id, e.choices.as_str()))
        .collect()
}

/// What staff see of a serial: waiting for a second reading, matched, or — whenever two
/// readings differ, counted or not — a mismatch to check against the paper.
fn state_of(entries: &[paper_entry::Model]) -> PaperState {
    let readings = readings(entries);
    let differ = readings.iter().any(|(_, b)| *b != readings[0].1);
    match agreement(&readings) {
        _ if differ => PaperState::Mismatch,
        Agreement::Agreed(_) => PaperState::Matched,
        Agreement::Waiting | Agreement::Disputed => PaperState::Waiting,
    }
}

/// The round's paper roll as its form shows it, and every paper serial with its state,
/// mismatches first.
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn paper_view(
    db: &DatabaseConnection,
    staff: &SessionUser,
    slug: &str,
) -> Result<PaperView, AppError> {
    let round = managed_round(db, slug, staff).await?;
    let roll = paper_roll::Entity::find_by_id(round.id)
        .one(db)
        .await?
        .map(|r| PaperRollForm {
            first_serial: r.first_serial,
            last_serial: r.last_serial,
            checked_off: r.checked_off.map(|n| n.to_string()).unwrap_or_default(),
        })
        .unwrap_or_default();
    let entries = paper_entry::Entity::find()
        .filter(paper_entry::Column::RoundId.eq(round.id))
        .order_by_asc(paper_entry::Column::Serial)
        .all(db)
        .await?;
    let mut by_serial: BTreeMap<String, Vec<paper_entry::Model>> = BTreeMap::new();
    for entry in entries {
        by_serial
            .entry(entry.serial.clone())
            .or_default()
            .push(entry);
    }
    let mut list: Vec<PaperStatus> = by_serial
        .into_iter()
        .map(|(serial, entries)| PaperStatus {
            entries: entries.len() as u32,
            state: state_of(&entries),
            serial,
        })
        .collect();
    list.sort_by_key(|p| (p.state != PaperState::Mismatch, p.serial.clone()));
    Ok(PaperView {
        roll,
        statuses: list,
    })
}
