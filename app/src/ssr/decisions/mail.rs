//! The notification of a decision: the nämnd's outcome on a project, its motivation and the
//! protocol reference.

use domain::followup::{DecisionInput, DecisionOutcome};

use crate::i18n::{Locale, td_string};
use crate::ssr::context::ServerContext;
use crate::ssr::entity::round;
use crate::ssr::mail::{self, Message};

/// The news of decision `input` by `namnd` on project `id` titled `title`, in `locale`.
pub(super) fn decision_message(
    ctx: &ServerContext,
    locale: Locale,
    round: &round::Model,
    namnd: &str,
    title: &str,
    id: i64,
    input: &DecisionInput,
) -> Message {
    let outcome = match input.outcome {
        DecisionOutcome::Approved => td_string!(locale, decision.approved),
        DecisionOutcome::NotApproved => td_string!(locale, decision.not_approved),
        DecisionOutcome::Postponed => td_string!(locale, decision.postponed),
    }
    .to_string();
    let mut before = vec![
        td_string!(
            locale,
            mail.decision_body,
            namnd = namnd.to_owned(),
            title = title.to_owned(),
            round = round.title_in(locale)
        )
        .to_string(),
        td_string!(locale, mail.decision_outcome, outcome = outcome).to_string(),
    ];
    if let Some(motivation) = &input.motivation {
        before.push(
            td_string!(
                locale,
                mail.decision_motivation,
                motivation = motivation.clone()
            )
            .to_string(),
        );
    }
    before.push(
        td_string!(
            locale,
            mail.decision_protocol,
            section = input.protocol_section.clone(),
            date = input.meeting_date.to_string()
        )
        .to_string(),
    );
    Message {
        subject: td_string!(locale, mail.decision_subject, title = title.to_owned()).to_string(),
        before,
        link: Some((
            td_string!(locale, mail.proposal_link).to_string(),
            mail::proposal_url(ctx, locale, &round.slug, id),
        )),
    }
}
