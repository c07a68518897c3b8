//! Writing mail to the outbox. Callers pass the same transaction as the event that causes the
//! mail, so the mail exists exactly when the event does; the unique (event_key, recipient)
//! index makes a repeated enqueue a no-op, so each person gets each mail once.
//!
//! A mail that holds a credential (a login link) is queued with its bodies sealed: whoever
//! reads the database while it waits finds no live link. The worker opens it to send it.

use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};

use super::entity::outbox;
use super::keys::Keys;
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

/// Sealed bodies start with this.
const SEALED: &str = "sealed:";

/// What a sealed body is bound to: its mail and which body it is.
fn body_context(event_key: &str, recipient: &str, part: &str) -> Vec<u8> {
    format!("mail:{event_key}:{recipient}:{part}").into_bytes()
}

/// Queues a rendered mail like [`enqueue`], its bodies sealed (see the module's doc).
#[tracing::instrument(skip_all)]
pub async fn enqueue_sealed<C: ConnectionTrait>(
    db: &C,
    keys: &Keys,
    event_key: &str,
    recipient: &str,
    mut mail: RenderedMail,
) -> Result<(), AppError> {
    for (part, body) in [("text", &mut mail.text), ("html", &mut mail.html)] {
        let context = body_context(event_key, recipient, part);
        *body = format!("{SEALED}{}", keys.mail.seal(body.as_bytes(), 0, &context));
    }
    enqueue(db, event_key, recipient, None, mail).await
}

/// A mail's text and HTML bodies as they are sent: opened when sealed; `None` when a sealed
/// body does not open (the secret changed since it was queued).
pub fn bodies(mail: &outbox::Model, keys: &Keys) -> Option<(String, String)> {
    let open = |part: &str, body: &str| match body.strip_prefix(SEALED) {
        None => Some(body.to_owned()),
        Some(sealed) => {
            let context = body_context(&mail.event_key, &mail.recipient, part);
            String::from_utf8(keys.mail.open(sealed, &context)?).ok()
        }
    };
    Some((
        open("text", &mail.body_text)?,
        open("html", &mail.body_html)?,
    ))
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
