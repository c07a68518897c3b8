//! The mail that tells a proposer how their proposal was reviewed, with the public reason.

use sea_orm::ConnectionTrait;

use crate::error::AppError;
use crate::i18n::{Locale, td_string};
use crate::model::ProposalStatus;
use crate::ssr::context::ServerContext;
use crate::ssr::entity::{account, proposal, round};
use crate::ssr::mail::{self, Notice, RenderedMail};
use crate::ssr::outbox;

/// The outcome of the review of `reviewed` (feasible or not, and why), in `locale`.
fn outcome(
    ctx: &ServerContext,
    locale: Locale,
    round: &round::Model,
    reviewed: &proposal::Model,
) -> RenderedMail {
    let title = reviewed.title.clone();
    let verdict = match reviewed.status() {
        ProposalStatus::Feasible => td_string!(locale, mail.review_feasible).to_string(),
        _ => td_string!(locale, mail.review_not_feasible).to_string(),
    };
    let mut before = vec![
        td_string!(
            locale,
            mail.review_body,
            title = title.clone(),
            round = round.title_in(locale)
        )
        .to_string(),
        verdict,
    ];
    if let Some(reason) = &reviewed.public_reason {
        before.push(td_string!(locale, mail.review_reason, reason = reason.clone()).to_string());
    }
    mail::notice(
        locale,
        &ctx.settings.municipality,
        Notice {
            subject: td_string!(locale, mail.review_subject, title = title).to_string(),
            before,
            link: Some((
                td_string!(locale, mail.proposal_link).to_string(),
                mail::proposal_url(ctx, locale, &round.slug, reviewed.id),
            )),
            after: Vec::new(),
            unsubscribe: Vec::new(),
        },
    )
}

/// Queues the outcome mail for the proposer, once per (proposal, outcome).
pub(super) async fn queue_outcome<C: ConnectionTrait>(
    ctx: &ServerContext,
    db: &C,
    round: &round::Model,
    reviewed: &proposal::Model,
) -> Result<(), AppError> {
    let (email, locale) = account::email_and_locale(db, reviewed.author_id).await?;
    outbox::enqueue(
        db,
        &format!("review:{}:{}", reviewed.id, reviewed.status().as_str()),
        &email,
        Some(round.id),
        outcome(ctx, locale, round, reviewed),
    )
    .await
}
