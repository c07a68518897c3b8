//! The ballot receipt mail: that a ballot was registered, when, and how to see or change it —
//! never what it holds. A mail listing the choices would be a proof of vote for anyone who
//! wants to buy or check one, and would hand political opinions to mail providers; the
//! choices are shown only to the signed-in voter, on the receipt page.

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

use crate::error::AppError;
use crate::i18n::{Locale, td_string};
use crate::ssr::context::ServerContext;
use crate::ssr::entity::{account, round};
use crate::ssr::keys::Purpose;
use crate::ssr::mail::{self, Notice, RenderedMail};
use crate::ssr::outbox;
use domain::ballot::Ballot;

/// The receipt of a ballot registered `at`, in `locale`.
fn receipt(
    ctx: &ServerContext,
    locale: Locale,
    round: &round::Model,
    at: DateTime<Utc>,
) -> RenderedMail {
    let round_title = round.title_in(locale);
    let receipt_url = format!(
        "{}{}",
        ctx.settings.public_url,
        crate::locale::href(locale, &crate::paths::receipt(&round.slug))
    );
    mail::notice(
        locale,
        &ctx.settings.municipality,
        Notice {
            subject: td_string!(locale, mail.receipt_subject, round = round_title.clone())
                .to_string(),
            before: vec![
                td_string!(
                    locale,
                    mail.receipt_body,
                    round = round_title,
                    date = at.format("%Y-%m-%d").to_string(),
                    time = at.format("%H:%M").to_string()
                )
                .to_string(),
                td_string!(locale, mail.receipt_private).to_string(),
            ],
            link: Some((
                td_string!(locale, mail.receipt_link).to_string(),
                receipt_url,
            )),
            after: vec![td_string!(locale, mail.receipt_secret).to_string()],
            unsubscribe: Vec::new(),
        },
    )
}

/// Queues the receipt for `account`'s `ballot`: one per distinct ballot, so the same ballot
/// sent twice at once gives one mail and a changed one another. The event key carries a
/// keyed signature of the ballot, not the ballot: without the server's secret nobody can tell
/// from it, or test against it, what was chosen.
pub(super) async fn queue_receipt<C: ConnectionTrait>(
    ctx: &ServerContext,
    db: &C,
    voter: &account::Model,
    round: &round::Model,
    ballot: &Ballot,
) -> Result<(), AppError> {
    let account = voter.id;
    let locale = crate::locale::from_code(&voter.locale);
    let message = receipt(ctx, locale, round, Utc::now());
    let choices = serde_json::to_string(ballot).map_err(|_| AppError::Internal)?;
    let signed = ctx.keys.mail_link.sign(
        Purpose::Receipt,
        &account.to_string(),
        &format!("{}:{choices}", round.id),
    );
    let key = format!(
        "{}{}:{account}:{}",
        outbox::RECEIPT_EVENT_PREFIX,
        round.id,
        &signed[..16]
    );
    outbox::enqueue(db, &key, &voter.email, Some(round.id), message).await
}
