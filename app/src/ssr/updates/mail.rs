//! The notification of an implementation update: the project, its status and percent on the
//! update's date, and the staff's text.

use domain::followup::{ImplementationStatus, UpdateInput};

use crate::i18n::{Locale, td_string};
use crate::ssr::context::ServerContext;
use crate::ssr::entity::round;
use crate::ssr::mail::{self, Message};

/// The news of update `input` on project `id` titled `title`, in `locale`.
pub(super) fn update_message(
    ctx: &ServerContext,
    locale: Locale,
    round: &round::Model,
    title: &str,
    id: i64,
    input: &UpdateInput,
) -> Message {
    let status = match input.status {
        ImplementationStatus::Planned => td_string!(locale, implementation.planned),
        ImplementationStatus::Started => td_string!(locale, implementation.started),
        ImplementationStatus::Delayed => td_string!(locale, implementation.delayed),
        ImplementationStatus::Done => td_string!(locale, implementation.done),
        ImplementationStatus::Cancelled => td_string!(locale, implementation.cancelled),
    }
    .to_string();
    Message {
        subject: td_string!(locale, mail.update_subject, title = title.to_owned()).to_string(),
        before: vec![
            td_string!(
                locale,
                mail.update_body,
                title = title.to_owned(),
                round = round.title_in(locale)
            )
            .to_string(),
            td_string!(
                locale,
                mail.update_status,
                status = status,
                percent = input.percent,
                date = input.date.to_string()
            )
            .to_string(),
            input.text.clone(),
        ],
        link: Some((
            td_string!(locale, mail.proposal_link).to_string(),
            mail::proposal_url(ctx, locale, &round.slug, id),
        )),
    }
}
