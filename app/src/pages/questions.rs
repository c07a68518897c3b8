//! The voluntary questions to a participant — after voting (online or at a kiosk) and after
//! submitting a proposal: each with "rather not say" first, and skipping them all is one link
//! (at a kiosk one button, which hands the device back), as easy as answering. The answers are
//! kept apart from who answered and how they voted.

use domain::participation::Dimension;
use leptos::prelude::*;
use leptos_i18n::Locale as _;
use server_fn::ServerFn as _;

use crate::api::participation::AnswerQuestions;
use crate::components::field::{Control, ErrorSummary, Field, FormResult};
use crate::i18n::{t, t_string};
use crate::locale::{I18n, use_href, use_page_locale};
use crate::model::Choice;
use crate::names;

/// Where the questions are asked, which decides where "skip" leads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AskedAt {
    /// The receipt of an online ballot: skipping goes to the round.
    Receipt,
    /// The author's proposal `id` just submitted: skipping stays on the proposal.
    Proposal(i64),
    /// A kiosk after the cast: skipping hands the device back.
    Kiosk,
}

/// The questions form of a round.
pub fn questions_form(
    i18n: I18n,
    slug: String,
    areas: Vec<Choice>,
    action: ServerAction<AnswerQuestions>,
    at: AskedAt,
) -> impl IntoView {
    let result: FormResult = Signal::derive(move || action.value().get());
    let contents = form_contents(i18n, slug, &areas, result, at);
    // A kiosk's forms are plain forms: each step a full page load (see `pages::kiosk`).
    let form = if at == AskedAt::Kiosk {
        view! {
            <form method="post" action=AnswerQuestions::url() class="form" novalidate="">{contents}</form>
            {crate::components::kiosk_forms::hand_back_form(i18n, true)}
        }
        .into_any()
    } else {
        view! { <ActionForm action attr:class="form" attr:novalidate="">{contents}</ActionForm> }
            .into_any()
    };
    view! {
        <section class="panel" aria-labelledby="questions-heading">
            <h2 id="questions-heading">{t!(i18n, participation.answers_title)}</h2>
            <p>{t!(i18n, participation.answers_lead)}</p>
            <ErrorSummary result />
            {form}
        </section>
    }
}

/// What the form posts: the round, the proposal it was asked after, one select per question,
/// and the submit button with the way to skip.
fn form_contents(
    i18n: I18n,
    slug: String,
    areas: &[Choice],
    result: FormResult,
    at: AskedAt,
) -> impl IntoView + use<> {
    let locale = use_page_locale();
    let href = use_href();
    let fields = question_fields(i18n, areas, result);
    let skip_link = match at {
        AskedAt::Receipt => Some(href(&crate::paths::round(&slug))),
        AskedAt::Proposal(id) => Some(href(&crate::paths::proposal(&slug, id))),
        AskedAt::Kiosk => None,
    };
    let proposal = match at {
        AskedAt::Proposal(id) => Some(id),
        _ => None,
    };
    view! {
        <input type="hidden" name="slug" value=slug />
        <input type="hidden" name="locale" value=move || locale.get().as_str() />
        {proposal.map(|id| view! { <input type="hidden" name="proposal" value=id /> })}
        {fields}
        <div class="actions">
            <button type="submit" class="button">{t!(i18n, participation.answers_submit)}</button>
            {skip_link.map(|back| view! { <a href=back>{t!(i18n, participation.answers_skip)}</a> })}
        </div>
    }
}

/// One select per question, "rather not say" first.
fn question_fields(i18n: I18n, areas: &[Choice], result: FormResult) -> impl IntoView + use<> {
    let l = use_page_locale().get_untracked();
    let skip = Choice {
        value: String::new(),
        label: t_string!(i18n, participation.skip).to_string(),
    };
    Dimension::ALL
        .into_iter()
        .map(|d| {
            let ids: Vec<i64> = areas.iter().filter_map(|a| a.value.parse().ok()).collect();
            let area_name = |id: i64| {
                areas
                    .iter()
                    .find(|a| a.value == id.to_string())
                    .map(|a| a.label.clone())
                    .unwrap_or_default()
            };
            let options: Vec<Choice> = std::iter::once(skip.clone())
                .chain(d.groups(&ids).into_iter().map(|g| Choice {
                    value: g.value().into_owned(),
                    label: names::group(l, g, area_name),
                }))
                .collect();
            view! {
                <Field result form="form" name=d.field() label=names::dimension(l, d)
                    control=Control::Select(options) />
            }
        })
        .collect_view()
}
