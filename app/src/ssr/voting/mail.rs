//! The ballot receipt mail: what was cast and how to change it. Its body says how someone
//! voted, so its event key marks it private (the worker blanks it once sent).

use domain::ballot::Ballot;
use sea_orm::ConnectionTrait;
use sha2::{Digest, Sha256};

use super::receipt::receipt_lines;
use crate::error::AppError;
use crate::i18n::{Locale, td_string};
use crate::model::voting::ReceiptLine;
use crate::ssr::context::ServerContext;
use crate::ssr::entity::{account, proposal, round};
use crate::ssr::mail::{self, Notice, RenderedMail};
use crate::ssr::outbox;

/// The receipt of a ballot with these `lines`, in `locale`.
fn receipt(
    ctx: &ServerContext,
    locale: Locale,
    round: &round::Model,
    lines: &[ReceiptLine],
) -> RenderedMail {
    let round_title = round.title_in(locale);
    let mut before =
        vec![td_string!(locale, mail.receipt_body, round = round_title.clone()).to_string()];
    before.extend(lines.iter().map(|line| line_text(locale, line)));
    let vote_url = format!(
        "{}{}",
        ctx.settings.public_url,
        crate::locale::href(locale, &crate::paths::vote(&round.slug))
    );
    mail::notice(
        locale,
        &ctx.settings.municipality,
        Notice {
            subject: td_string!(locale, mail.receipt_subject, round = round_title).to_string(),
            before,
            link: Some((
                td_string!(locale, mail.receipt_change).to_string(),
                vote_url,
            )),
            after: vec![td_string!(locale, mail.receipt_secret).to_string()],
            unsubscribe: Vec::new(),
        },
    )
}

/// One line of the receipt: a project, with its points or rank where the ballot has them.
fn line_text(locale: Locale, line: &ReceiptLine) -> String {
    match (line.points, line.rank) {
        (Some(points), _) => td_string!(
            locale,
            mail.receipt_points,
            title = line.title.clone(),
            points = points
        )
        .to_string(),
        (_, Some(rank)) => td_string!(
            locale,
            mail.receipt_rank,
            title = line.title.clone(),
            rank = rank
        )
        .to_string(),
        _ => format!("– {}", line.title),
    }
}

/// Queues the receipt for `account`. One per distinct ballot content (`choices`), so the same
/// ballot sent twice at once gives one mail.
pub(super) async fn queue_receipt<C: ConnectionTrait>(
    ctx: &ServerContext,
    db: &C,
    account: i64,
    round: &round::Model,
    cast: &Ballot,
    projects: &[proposal::Model],
    choices: &str,
) -> Result<(), AppError> {
    let (email, locale) = account::email_and_locale(db, account).await?;
    let message = receipt(ctx, locale, round, &receipt_lines(cast, projects));
    let digest = hex::encode(&Sha256::digest(choices.as_bytes())[..8]);
    let key = format!(
        "{}{}:{account}:{digest}",
        outbox::RECEIPT_EVENT_PREFIX,
        round.id
    );
    outbox::enqueue(db, &key, &email, Some(round.id), message).await
}
