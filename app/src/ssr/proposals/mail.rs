//! The mail that tells an author their proposal was received, with what happens next.

use sea_orm::ConnectionTrait;

use crate::error::AppError;
use crate::i18n::{Locale, td_string};
use crate::model::SessionUser;
use crate::ssr::context::ServerContext;
use crate::ssr::entity::{account, round};
use crate::ssr::mail::{self, Notice, RenderedMail};
use crate::ssr::outbox;

/// The receipt of a submitted proposal, in the author's language.
fn received(
    ctx: &ServerContext,
    locale: Locale,
    round: &round::Model,
    id: i64,
    title: &str,
) -> RenderedMail {
    let round_title = round.title_in(locale);
    mail::notice(
        locale,
        &ctx.settings.municipality,
        Notice {
            subject: td_string!(locale, mail.received_subject, title = title.to_owned())
                .to_string(),
            before: vec![
                td_string!(
                    locale,
                    mail.received_body,
                    title = title.to_owned(),
                    round = round_title
                )
                .to_string(),
                td_string!(locale, mail.received_next).to_string(),
            ],
            link: Some((
                td_string!(locale, mail.proposal_link).to_string(),
                mail::proposal_url(ctx, locale, &round.slug, id),
            )),
            after: Vec::new(),
            unsubscribe: Vec::new(),
        },
    )
}

/// Queues the receipt of proposal `id` for its author `user`, once per proposal.
pub(super) async fn queue_received<C: ConnectionTrait>(
    ctx: &ServerContext,
    db: &C,
    user: &SessionUser,
    round: &round::Model,
    id: i64,
    title: &str,
) -> Result<(), AppError> {
    let (email, locale) = account::email_and_locale(db, user.id).await?;
    outbox::enqueue(
        db,
        &format!("proposal-received:{id}"),
        &email,
        Some(round.id),
        received(ctx, locale, round, id, title),
    )
    .await
}
