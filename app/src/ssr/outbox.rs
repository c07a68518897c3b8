//! Writing mail to the outbox. Callers pass the same transaction as the event that causes the
//! mail, so the mail exists exactly when the event does; the unique (event_key, recipient)
//! index makes a repeated enqueue a no-op, so each person gets each mail once.

use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};

use super::entity::outbox;
use super::mail::RenderedMail;
use crate::error::AppError;

/// Event keys of login-link mails start with this; their bodies hold a live credential.
pub const LOGIN_EVENT_PREFIX: &str = "login:";
/// Event keys of ballot receipts start with this; their bodies say how someone voted.
pub const RECEIPT_EVENT_PREFIX: &str = "receipt:";

/// Whether a mail's body is private (a credential or a vote): the worker blanks such bodies
/// once sent, outside development mode, so the outbox does not keep them.
pub fn is_private(event_key: &str) -> bool {
    event_key.starts_with(LOGIN_EVENT_PREFIX) || event_key.starts_with(RECEIPT_EVENT_PREFIX)
}

/// Queues a rendered mail for `recipient`, once per `event_key`; `round` is the round it is
/// about (staff follow a round's mail by it).
#[tracing::instrument(skip_all)]
pub async fn enqueue<C: ConnectionTrait>(
    db: &C,
    event_key: &str,
    recipient: &str,
    round: Option<i64>,
    mail: RenderedMail,
) -> Result<(), AppError> {
    let now = Utc::now();
    let row = outbox::ActiveModel {
        event_key: Set(event_key.to_owned()),
        recipient: Set(recipient.to_owned()),
        locale: Set(mail.locale),
        subject: Set(mail.subject),
        body_text: Set(mail.text),
        body_html: Set(mail.html),
        status: Set(outbox::status::QUEUED.to_owned()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        round_id: Set(round),
        unsubscribe_url: Set(mail.unsubscribe),
        ..Default::default()
    };
    outbox::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([outbox::Column::EventKey, outbox::Column::Recipient])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}
