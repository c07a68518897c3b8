//! The mail outbox worker: claims due mail, builds each message with lettre (plain text and
//! HTML), sends it through the configured transport, and records the outcome. Failures are
//! retried with exponential backoff; a claimed mail carries a lease, so mail claimed by an
//! instance that died is picked up again once the lease runs out.

mod claim;
mod message;
mod transport;

pub use claim::{KEEP_BODIES_DAYS, blank_old_bodies, claim_due, record_failure, record_sent};
pub use message::build_message;
pub use transport::{MailTransport, SendError};

use std::sync::Arc;
use std::time::Duration;

use app::ssr::keys::Keys;
use app::ssr::outbox;
use sea_orm::DatabaseConnection;
use tokio::sync::Notify;

/// How many mails one pass claims at most.
pub const BATCH: u64 = 10;
/// How often the worker blanks the bodies of old mail.
const RETENTION_EVERY: Duration = Duration::from_secs(3600);

/// Runs the worker until `shutdown` is notified.
pub async fn run(
    db: DatabaseConnection,
    transport: Arc<MailTransport>,
    keys: Arc<Keys>,
    poll: Duration,
    keep_login_bodies: bool,
    shutdown: Arc<Notify>,
) {
    tracing::info!(transport = transport.name(), "mail worker started");
    let mut blanked_at: Option<std::time::Instant> = None;
    loop {
        if blanked_at.is_none_or(|at| at.elapsed() >= RETENTION_EVERY) {
            blanked_at = Some(std::time::Instant::now());
            match blank_old_bodies(&db, chrono::Utc::now()).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(mails = n, "old mail bodies blanked"),
                Err(err) => tracing::error!(error = %err, "blanking old mail bodies failed"),
            }
        }
        match send_due(&db, &transport, &keys, keep_login_bodies).await {
            Ok(0) => {}
            Ok(n) => {
                tracing::debug!(sent_or_tried = n, "mail worker pass");
                continue;
            }
            Err(err) => tracing::error!(error = %err, "mail worker pass failed"),
        }
        tokio::select! {
            _ = tokio::time::sleep(poll) => {}
            // `notify_one` leaves a permit when the worker is busy sending, so it is never missed.
            _ = shutdown.notified() => break,
        }
    }
    tracing::info!("mail worker stopped");
}

/// One pass: claims due mail and tries to send each. Returns how many were tried.
pub async fn send_due(
    db: &DatabaseConnection,
    transport: &MailTransport,
    keys: &Keys,
    keep_login_bodies: bool,
) -> Result<usize, sea_orm::DbErr> {
    let claimed = claim_due(db, BATCH).await?;
    let tried = claimed.len();
    let mut sent = Vec::with_capacity(tried);
    for mail in claimed {
        let outcome = match outbox::bodies(&mail, keys)
            .ok_or_else(|| SendError::Build("a sealed body does not open".to_owned()))
            .and_then(|bodies| build_message(&mail, bodies, transport.from()))
        {
            Ok(message) => transport.send(message).await,
            Err(err) => Err(err),
        };
        match outcome {
            Ok(()) => sent.push(mail),
            Err(err) => {
                tracing::warn!(mail = mail.id, attempt = mail.attempts + 1, error = %err, "sending mail failed");
                record_failure(db, &mail, &err.to_string()).await?;
            }
        }
    }
    record_sent(db, &sent, keep_login_bodies).await?;
    Ok(tried)
}
