//! The demo's past. The services stamp what they store with the moment they run, so a round
//! loaded today would say it was created, voted on and decided today (and `/projects` would
//! file a 2025 round under this year). No service can record something as having happened
//! earlier, so this is the one place the loader writes rows itself: it moves those stamps back
//! to the days the file gives, and changes nothing else — no status, count or text.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};

use app::ssr::entity::{
    comment, decision, implementation_update, proposal, round, round_phase_change, round_result,
    sealed_answer, voter_register,
};

use super::context::{Demo, Keys};
use super::data::Round;

/// `day` at `hour` o'clock (UTC).
fn at(day: NaiveDate, hour: u32) -> DateTime<Utc> {
    day.and_hms_opt(hour, 0, 0).expect("a valid hour").and_utc()
}

/// Dates the round, its phase moves, its proposals and its follow-up to the file's days.
pub async fn backdate(demo: &Demo, data: &Round, id: i64, keys: &Keys) -> anyhow::Result<()> {
    date_round(demo, data, id).await?;
    date_proposals(demo, data, keys).await?;
    date_follow_up(demo.db(), id).await
}

/// Created the morning it was announced (so `/projects` files it under that year); each
/// phase began on its day; counted when voting closed and published the day after.
async fn date_round(demo: &Demo, data: &Round, id: i64) -> anyhow::Result<()> {
    let db = demo.db();
    let day = |offset: i64| demo.day(offset);
    round::ActiveModel {
        id: Set(id),
        created_at: Set(at(day(data.days.information), 8)),
        ..Default::default()
    }
    .update(db)
    .await?;
    let moves = round_phase_change::Entity::find()
        .filter(round_phase_change::Column::RoundId.eq(id))
        .all(db)
        .await?;
    for change in moves {
        let phase = change.to_phase.parse()?;
        let Some(offset) = data.days.of(phase) else {
            continue;
        };
        let mut row: round_phase_change::ActiveModel = change.into();
        row.at = Set(at(day(offset), 9));
        row.update(db).await?;
    }
    if let Some(result) = round_result::Entity::find_by_id(id).one(db).await? {
        let published = result
            .published_at
            .map(|_| at(day(data.days.voting_end + 1), 9));
        let mut row: round_result::ActiveModel = result.into();
        row.computed_at = Set(at(day(data.days.voting_end), 9));
        row.published_at = Set(published);
        row.update(db).await?;
    }
    Ok(())
}

/// Proposals came in every other day of the proposal phase and were reviewed in the days of
/// the review phase; a comment came the day after its proposal.
async fn date_proposals(demo: &Demo, data: &Round, keys: &Keys) -> anyhow::Result<()> {
    let db = demo.db();
    let days = &data.days;
    for (n, p) in (0_i64..).zip(&data.proposals) {
        let submitted = (days.proposals + 2 + 2 * n).min(days.review - 1).min(-1);
        let reviewed = (days.review + 1 + n).min(days.voting - 1).min(0);
        let row = proposal::Entity::find_by_id(keys[&p.key])
            .one(db)
            .await?
            .ok_or_else(|| anyhow::anyhow!("proposal {} is gone", p.key))?;
        let was_reviewed = row.reviewed_at.is_some();
        let mut active: proposal::ActiveModel = row.into();
        active.created_at = Set(at(demo.day(submitted), 10));
        active.submitted_at = Set(Some(at(demo.day(submitted), 10)));
        let last = if was_reviewed { reviewed } else { submitted };
        active.updated_at = Set(at(demo.day(last), 10));
        if was_reviewed {
            active.reviewed_at = Set(Some(at(demo.day(reviewed), 10)));
        }
        active.update(db).await?;
        comment::Entity::update_many()
            .col_expr(
                comment::Column::CreatedAt,
                Expr::value(at(demo.day(submitted + 1), 18)),
            )
            .filter(comment::Column::ProposalId.eq(keys[&p.key]))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Decisions recorded on their meeting day, updates posted on the day they describe.
async fn date_follow_up<C: ConnectionTrait>(db: &C, round_id: i64) -> anyhow::Result<()> {
    let decisions = decision::Entity::find()
        .filter(decision::Column::RoundId.eq(round_id))
        .all(db)
        .await?;
    for d in decisions {
        let day = d.meeting_date;
        let mut row: decision::ActiveModel = d.into();
        row.recorded_at = Set(at(day, 15));
        row.update(db).await?;
    }
    let updates = implementation_update::Entity::find()
        .filter(implementation_update::Column::RoundId.eq(round_id))
        .all(db)
        .await?;
    for u in updates {
        let day = u.update_date;
        let mut row: implementation_update::ActiveModel = u.into();
        row.posted_at = Set(at(day, 12));
        row.update(db).await?;
    }
    Ok(())
}

/// The keys of the answers given in a round so far (answers are anonymous: the keys that are
/// new after a group answered are how its answers are found again).
pub async fn answer_keys<C: ConnectionTrait>(
    db: &C,
    round_id: i64,
) -> anyhow::Result<HashSet<String>> {
    Ok(sealed_answer::Entity::find()
        .filter(sealed_answer::Column::RoundId.eq(round_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.key)
        .collect())
}

/// A group of voters voted, and gave `answers`, on `offset`: their register entries and
/// those answers move to that day.
pub async fn date_votes(
    demo: &Demo,
    round_id: i64,
    voters: &[i64],
    answers: &[String],
    offset: i64,
) -> anyhow::Result<()> {
    let db = demo.db();
    let when = at(demo.day(offset), 12);
    voter_register::Entity::update_many()
        .col_expr(voter_register::Column::FirstVotedAt, Expr::value(when))
        .col_expr(voter_register::Column::LastVotedAt, Expr::value(when))
        .filter(voter_register::Column::RoundId.eq(round_id))
        .filter(voter_register::Column::AccountId.is_in(voters.iter().copied()))
        .exec(db)
        .await?;
    app::ssr::participation::backdate_answers(db, &demo.ctx.keys, answers, demo.day(offset))
        .await
        .map_err(|err| anyhow::anyhow!("dating the answers: {err}"))?;
    Ok(())
}
