//! Claiming due mail and recording what became of it. On PostgreSQL the claim uses
//! `FOR UPDATE SKIP LOCKED`, so several instances share the queue without sending a mail
//! twice; on SQLite (one instance) the same statements run without the lock clause.

use chrono::{Duration, Utc};
use sea_orm::sea_query::{Expr, LockBehavior, LockType};
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    TransactionTrait,
};

use app::ssr::entity::outbox::{self, status};
use app::ssr::outbox::is_private;

/// How long a claim holds before another worker may take the mail again. A pass claims at most
/// `super::BATCH` mails and each send times out after 20 s, so a pass ends well within it.
const LEASE_MINUTES: i64 = 10;
/// After this many failed attempts a mail is marked failed and left for staff to retry.
pub const MAX_ATTEMPTS: i32 = 12;

/// Claims up to `limit` mails that are due: queued mail whose time has come, and mail whose
/// claim has run out (its worker died).
pub async fn claim_due(db: &DatabaseConnection, limit: u64) -> Result<Vec<outbox::Model>, DbErr> {
    let now = Utc::now();
    let txn = db.begin().await?;
    let due = outbox::Entity::find()
        .filter(outbox::Column::Status.is_in([status::QUEUED, status::SENDING]))
        .filter(outbox::Column::NextAttemptAt.lte(now))
        .order_by_asc(outbox::Column::NextAttemptAt)
        .order_by_asc(outbox::Column::Id)
        .limit(limit)
        .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        .all(&txn)
        .await?;
    if due.is_empty() {
        txn.commit().await?;
        return Ok(due);
    }
    let ids: Vec<i64> = due.iter().map(|m| m.id).collect();
    outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(status::SENDING))
        .col_expr(
            outbox::Column::NextAttemptAt,
            Expr::value(now + Duration::minutes(LEASE_MINUTES)),
        )
        .filter(outbox::Column::Id.is_in(ids))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(due)
}

/// Marks mails sent, in one transaction (a worker that dies before it records a pass's mail
/// leaves it to be sent again once the claim runs out). Private mails (login links, ballot
/// receipts) lose their bodies unless `keep_login_bodies` (development mode, for the mail page).
pub async fn record_sent(
    db: &DatabaseConnection,
    mails: &[outbox::Model],
    keep_login_bodies: bool,
) -> Result<(), DbErr> {
    use sea_orm::sea_query::ExprTrait as _;
    if mails.is_empty() {
        return Ok(());
    }
    let (private, public): (Vec<&outbox::Model>, Vec<&outbox::Model>) = mails
        .iter()
        .partition(|mail| !keep_login_bodies && is_private(&mail.event_key));
    let now = Utc::now();
    let txn = db.begin().await?;
    for (group, blank) in [(public, false), (private, true)] {
        if group.is_empty() {
            continue;
        }
        let mut update = outbox::Entity::update_many()
            .col_expr(outbox::Column::Status, Expr::value(status::SENT))
            .col_expr(outbox::Column::SentAt, Expr::value(now))
            .col_expr(
                outbox::Column::Attempts,
                Expr::col(outbox::Column::Attempts).add(1),
            )
            .col_expr(
                outbox::Column::LastError,
                Expr::value(Option::<String>::None),
            );
        if blank {
            update = update
                .col_expr(outbox::Column::BodyText, Expr::value(BLANKED))
                .col_expr(outbox::Column::BodyHtml, Expr::value(BLANKED));
        }
        update
            .filter(outbox::Column::Id.is_in(group.iter().map(|mail| mail.id)))
            // Only while still claimed: mail whose claim ran out and was sent again by another
            // worker meanwhile is not recorded twice.
            .filter(outbox::Column::Status.eq(status::SENDING))
            .exec(&txn)
            .await?;
    }
    txn.commit().await
}

/// How long sent and failed mail keeps its bodies (staff see what was sent, and retry what
/// failed); after that only who, when and the subject remain.
pub const KEEP_BODIES_DAYS: i64 = 30;

/// What a blanked body reads.
const BLANKED: &str = "[removed after sending]";

/// Blanks the bodies of sent and failed mail older than [`KEEP_BODIES_DAYS`] at `now`.
/// Returns how many mails it blanked.
pub async fn blank_old_bodies(
    db: &DatabaseConnection,
    now: chrono::DateTime<Utc>,
) -> Result<u64, DbErr> {
    let blanked = outbox::Entity::update_many()
        .col_expr(outbox::Column::BodyText, Expr::value(BLANKED))
        .col_expr(outbox::Column::BodyHtml, Expr::value(BLANKED))
        .filter(outbox::Column::Status.is_in([status::SENT, status::FAILED]))
        .filter(outbox::Column::CreatedAt.lt(now - Duration::days(KEEP_BODIES_DAYS)))
        .filter(outbox::Column::BodyText.ne(BLANKED))
        .exec(db)
        .await?;
    Ok(blanked.rows_affected)
}

/// Records a failed attempt and schedules the next one (30 s, 1 min, 2 min … at most 1 h).
pub async fn record_failure(
    db: &DatabaseConnection,
    mail: &outbox::Model,
    error: &str,
) -> Result<(), DbErr> {
    let attempts = mail.attempts + 1;
    let state = if attempts >= MAX_ATTEMPTS {
        status::FAILED
    } else {
        status::QUEUED
    };
    outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(state))
        .col_expr(outbox::Column::Attempts, Expr::value(attempts))
        .col_expr(
            outbox::Column::NextAttemptAt,
            Expr::value(Utc::now() + backoff(attempts)),
        )
        .col_expr(outbox::Column::LastError, Expr::value(truncate(error, 500)))
        .filter(outbox::Column::Id.eq(mail.id))
        // Only while still ours: a worker whose lease ran out must not overwrite the new owner.
        .filter(outbox::Column::Status.eq(status::SENDING))
        .exec(db)
        .await?;
    Ok(())
}

/// The wait before attempt `attempts + 1`.
pub fn backoff(attempts: i32) -> Duration {
    let doublings = (attempts.clamp(1, 20) - 1) as u32;
    let seconds = 30i64.saturating_mul(1i64 << doublings);
    Duration::seconds(seconds.min(3600))
}

fn truncate(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_thirty_seconds_up_to_an_hour() {
        assert_eq!(backoff(0), Duration::seconds(30));
        assert_eq!(backoff(1), Duration::seconds(30));
        assert_eq!(backoff(2), Duration::seconds(60));
        assert_eq!(backoff(3), Duration::seconds(120));
        assert_eq!(backoff(8), Duration::seconds(3600));
        assert_eq!(backoff(50), Duration::seconds(3600));
    }
}
