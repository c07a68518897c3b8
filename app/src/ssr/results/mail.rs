//! The notification that a round's result is public, with a link to it.

use crate::i18n::{Locale, td_string};
use crate::ssr::context::ServerContext;
use crate::ssr::entity::round;
use crate::ssr::mail::Message;

/// The news that `round`'s result is published, in `locale`.
pub(super) fn published(ctx: &ServerContext, locale: Locale, round: &round::Model) -> Message {
    let title = round.title_in(locale);
    Message {
        subject: td_string!(locale, mail.results_subject, round = title.clone()).to_string(),
        before: vec![td_string!(locale, mail.results_body, round = title).to_string()],
        link: Some((
            td_string!(locale, mail.results_link).to_string(),
            format!(
                "{}{}",
                ctx.settings.public_url,
                crate::locale::href(locale, &crate::paths::results(&round.slug))
            ),
        )),
    }
}
