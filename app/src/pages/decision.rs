//! A politician records the decision on one project: approved, not approved or postponed,
//! the public motivation (required where it goes against the residents' result), the
//! protocol paragraph, the meeting day and a link to the minutes.

use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::decisions::{SaveDecision, load_decision_editor};
use crate::components::error_text::ErrorNotice;
use crate::components::field::{Control, ErrorSummary, Field, FormResult};
use crate::i18n::{t, t_string, use_i18n};
use crate::locale::{I18n, use_href, use_page_locale};
use crate::model::Choice;
use crate::model::politics::DecisionEditor;

/// The decision page.
#[component]
pub fn DecisionPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_page_locale();
    let params = use_params_map();
    let save = ServerAction::<SaveDecision>::new();
    let editor = Resource::new(
        move || {
            (
                params
                    .read()
                    .get("id")
                    .and_then(|id| id.parse::<i64>().ok())
                    .unwrap_or(0),
                locale.get(),
            )
        },
        |(id, l)| load_decision_editor(id, l.as_str().to_owned()),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || editor.get().map(|result| match result {
                Ok(editor) => decision_view(i18n, editor, save).into_any(),
                Err(error) => view! { <div class="page"><ErrorNotice error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

fn decision_view(i18n: I18n, e: DecisionEditor, save: ServerAction<SaveDecision>) -> impl IntoView {
    let href = use_href();
    let heading = t_string!(i18n, decision.title, title = e.title.clone()).to_string();
    let recorded = e.recorded.clone().map(|(by, at)| {
        view! { <p>{t!(i18n, decision.recorded, by = by, at = at)}</p> }
    });
    view! {
        <Title text=heading.clone() />
        <div class="page">
            <p><a href=href(&crate::paths::political_review(&e.round_slug))>{t!(i18n, decision.back, round = e.round_title.clone())}</a></p>
            <h1>{heading}</h1>
            <p class="lead">{vote_outcome(i18n, &e)}</p>
            {recorded}
            {decision_form(i18n, &e, save)}
        </div>
    }
}

/// How the residents voted on the project: its votes and whether it was funded.
fn vote_outcome(i18n: I18n, e: &DecisionEditor) -> String {
    match e.votes {
        Some(votes) => t_string!(
            i18n,
            politics.vote_outcome,
            votes = votes,
            outcome = if e.funded {
                t_string!(i18n, results.funded)
            } else {
                t_string!(i18n, results.not_funded)
            }
        )
        .to_string(),
        None => t_string!(i18n, politics.not_counted).to_string(),
    }
}

/// The decision: outcome, motivation, protocol paragraph, meeting day and minutes.
fn decision_form(
    i18n: I18n,
    e: &DecisionEditor,
    save: ServerAction<SaveDecision>,
) -> impl IntoView + use<> {
    let locale = use_page_locale();
    let result: FormResult = Signal::derive(move || save.value().get());
    let (id, form) = (e.id, e.form.clone());
    view! {
        <ErrorSummary result />
        <ActionForm action=save attr:class="form" attr:novalidate="">
            <input type="hidden" name="id" value=id />
            <input type="hidden" name="locale" value=move || locale.get().as_str() />
            <Field result form="form" name="outcome" label=t_string!(i18n, decision.outcome).to_string()
                control=Control::Select(outcomes(i18n)) initial=form.outcome.clone() required=true />
            <Field result form="form" name="motivation" label=t_string!(i18n, decision.motivation).to_string()
                hint=t_string!(i18n, decision.motivation_hint).to_string() control=Control::Text(5) initial=form.motivation.clone() />
            <Field result form="form" name="protocol_section" label=t_string!(i18n, decision.protocol_section).to_string()
                hint=t_string!(i18n, decision.protocol_section_hint).to_string() initial=form.protocol_section.clone() required=true />
            <Field result form="form" name="meeting_date" label=t_string!(i18n, decision.meeting_date).to_string()
                control=Control::Input("date") initial=form.meeting_date.clone() required=true />
            <Field result form="form" name="minutes_url" label=t_string!(i18n, decision.minutes_url).to_string()
                hint=t_string!(i18n, decision.minutes_url_hint).to_string() control=Control::Input("url") initial=form.minutes_url.clone() />
            <button type="submit" class="button">{t!(i18n, decision.save)}</button>
        </ActionForm>
    }
}

/// The outcomes to choose from, "choose" first.
fn outcomes(i18n: I18n) -> Vec<Choice> {
    [
        ("", t_string!(i18n, review.choose)),
        ("approved", t_string!(i18n, decision.approved)),
        ("not_approved", t_string!(i18n, decision.not_approved)),
        ("postponed", t_string!(i18n, decision.postponed)),
    ]
    .into_iter()
    .map(|(value, label)| Choice {
        value: value.to_owned(),
        label: label.to_owned(),
    })
    .collect()
}
