//! How long what is stored about people's use of the service is kept, in one place (the README
//! states the same schedule): login links for a day (the daily cap on link mails counts them),
//! audit details for a year, sent and failed mail for a year (its bodies are blanked after 30
//! days by the mail worker, private ones as soon as they are sent), rate-limit counters for their
//! window (`rate_limit::purge`). Run by the clock every hour.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::entity::{audit_event, login_token, outbox};

/// Login links (used, expired or replaced) are deleted this long after they were made.
pub const LOGIN_TOKEN_DAYS: i64 = 1;
/// Audit entries keep who did what to which subject; their free-text detail goes after this.
pub const AUDIT_DETAIL_DAYS: i64 = 365;
/// Sent and failed mail is deleted this long after it was queued.
pub const MAIL_DAYS: i64 = 365;

/// What one purge removed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Purged {
    pub login_tokens: u64,
    pub audit_details: u64,
    pub mails: u64,
}

impl Purged {
    pub fn total(self) -> u64 {
        self.login_tokens + self.audit_details + self.mails
    }
}

/// Deletes (or blanks) whatever is past its time at `now`.
#[tracing::instrument(skip_all)]
pub async fn purge<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> Result<Purged, DbErr> {
    let login_tokens = login_token::Entity::delete_many()
        .filter(login_token::Column::CreatedAt.lt(now - Duration::days(LOGIN_TOKEN_DAYS)))
        .exec(db)
        .await?
        .rows_affected;
    let audit_details = audit_event::Entity::update_many()
        .col_expr(audit_event::Column::Detail, Expr::value(""))
        .filter(audit_event::Column::At.lt(now - Duration::days(AUDIT_DETAIL_DAYS)))
        .filter(audit_event::Column::Detail.ne(""))
        .exec(db)
        .await?
        .rows_affected;
    let mails = outbox::Entity::delete_many()
        .filter(outbox::Column::CreatedAt.lt(now - Duration::days(MAIL_DAYS)))
        .filter(outbox::Column::Status.is_in([outbox::status::SENT, outbox::status::FAILED]))
        .exec(db)
        .await?
        .rows_affected;
    Ok(Purged {
        login_tokens,
        audit_details,
        mails,
    })
}
