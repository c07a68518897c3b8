//! The staff view of a round's mail: how many are queued, sent and failed, which ones are
//! waiting or failed and why, and a retry for failed mail (it goes back in the queue with a
//! fresh set of attempts; the worker sends it once).

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use super::access::managed_round;
use super::entity::outbox::{self, status};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::model::SessionUser;
use crate::model::followup::{MailRow, RoundMail};

/// Mails listed at most.
const LISTED: u64 = 200;

/// The round's mail for its staff.
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn round_mail(
    db: &DatabaseConnection,
    user: &SessionUser,
    slug: &str,
    locale: Locale,
) -> Result<RoundMail, AppError> {
    let round = managed_round(db, slug, user).await?;
    let count = |state: &'static str| {
        outbox::Entity::find()
            .filter(outbox::Column::RoundId.eq(round.id))
            .filter(outbox::Column::Status.eq(state))
            .count(db)
    };
    let (queued, sending, sent, failed) = (
        count(status::QUEUED).await?,
        count(status::SENDING).await?,
        count(status::SENT).await?,
        count(status::FAILED).await?,
    );
    let waiting = outbox::Entity::find()
        .filter(outbox::Column::RoundId.eq(round.id))
        .filter(outbox::Column::Status.ne(status::SENT))
        .order_by_desc(outbox::Column::Id)
        .limit(LISTED)
        .all(db)
        .await?
        .into_iter()
        .map(|m| MailRow {
            id: m.id,
            recipient: m.recipient,
            subject: m.subject,
            status: m.status,
            attempts: m.attempts,
            next_attempt_at: m.next_attempt_at.format("%Y-%m-%d %H:%M").to_string(),
            last_error: m.last_error,
        })
        .collect();
    Ok(RoundMail {
        slug: round.slug.clone(),
        title: round.title_in(locale),
        queued,
        sending,
        sent,
        failed,
        waiting,
    })
}

/// Puts the round's failed mail (all, or the one with `id`) back in the queue, due now.
/// Returns how many.
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn retry(
    db: &DatabaseConnection,
    user: &SessionUser,
    slug: &str,
    id: Option<i64>,
) -> Result<u64, AppError> {
    let round = managed_round(db, slug, user).await?;
    let mut update = outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(status::QUEUED))
        .col_expr(outbox::Column::Attempts, Expr::value(0))
        .col_expr(outbox::Column::NextAttemptAt, Expr::value(Utc::now()))
        .filter(outbox::Column::RoundId.eq(round.id))
        .filter(outbox::Column::Status.eq(status::FAILED));
    if let Some(id) = id {
        update = update.filter(outbox::Column::Id.eq(id));
    }
    let done = update.exec(db).await?;
    tracing::info!(round = %round.slug, mails = done.rows_affected, "failed mail queued again");
    Ok(done.rows_affected)
}
