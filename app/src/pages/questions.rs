//! The voluntary questions to a participant (after voting): each with "rather not say" first,
//! and skipping them all is one link, as easy as answering. The answers are kept apart from
//! who answered and how they voted.

use domain::participation::Dimension;
use leptos::prelude::*;
use leptos_i18n::Locale as _;

use crate::api::participation::AnswerQuestions;
use crate::components::field::{Control, ErrorSummary, Field, FormResult};
use crate::components::names;
use crate::i18n::{t, t_string};
use crate::locale::{I18n, use_href, use_page_locale};
use crate::model::round::Choice;

/// The questions form of a round.
pub fn questions_form(
    i18n: I18n,
    slug: String,
    areas: Vec<Choice>,
    action: ServerAction<AnswerQuestions>,
) -> impl IntoView {
    let locale = use_page_locale();
    let href = use_href();
    let l = locale.get_untracked();
    let result: FormResult = Signal::derive(move || action.value().get());
    let skip = Choice {
        value: String::new(),
        label: t_string!(i18n, participation.skip).to_string(),
    };
    let fields = Dimension::ALL
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
        .collect_view();
    let back = href(&format!("/rounds/{slug}"));
    view! {
        <section class="panel" aria-labelledby="questions-heading">
            <h2 id="questions-heading">{t!(i18n, participation.answers_title)}</h2>
            <p>{t!(i18n, participation.answers_lead)}</p>
            <ErrorSummary result />
            <ActionForm action attr:class="form" attr:novalidate="">
                <input type="hidden" name="slug" value=slug />
                <input type="hidden" name="locale" value=move || locale.get().as_str() />
                {fields}
                <div class="actions">
                    <button type="submit" class="button">{t!(i18n, participation.answers_submit)}</button>
                    <a href=back>{t!(i18n, participation.answers_skip)}</a>
                </div>
            </ActionForm>
        </section>
    }
}
