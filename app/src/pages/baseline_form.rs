//! The round's population baseline on the staff dashboard: imported as CSV (SCB tables), or
//! the totals of one scope — the whole municipality or the area chosen above the figures —
//! typed by hand, one field per group under each question. Both are plain forms; a refused
//! one keeps what was typed, each error next to its line or field.

use domain::participation::{Dimension, Scope, scope_groups};
use leptos::prelude::*;
use leptos_i18n::Locale as _;

use crate::api::participation::{SaveBaseline, SaveBaselineCounts};
use crate::components::field::{Control, ErrorSummary, Field, FormResult};
use crate::components::figures::area_namer;
use crate::i18n::{t, t_string};
use crate::locale::{I18n, use_page_locale};
use crate::model::participation::ParticipationView;
use crate::model::participation::count_field;
use crate::names;

/// The CSV import.
pub fn csv_form(
    i18n: I18n,
    v: &ParticipationView,
    save: ServerAction<SaveBaseline>,
) -> impl IntoView + use<> {
    let locale = use_page_locale();
    let result: FormResult = Signal::derive(move || save.value().get());
    let (slug, csv) = (v.slug.clone(), v.baseline_csv.clone());
    view! {
        <section class="panel" aria-labelledby="baseline-heading">
            <h2 id="baseline-heading">{t!(i18n, participation.baseline)}</h2>
            <ErrorSummary result />
            <ActionForm action=save attr:class="form" attr:novalidate="">
                <input type="hidden" name="slug" value=slug />
                <input type="hidden" name="locale" value=move || locale.get().as_str() />
                <Field result name="csv" label=t_string!(i18n, participation.baseline).to_string()
                    hint=t_string!(i18n, participation.baseline_hint).to_string()
                    control=Control::Text(12) initial=csv />
                <button type="submit" class="button">{t!(i18n, participation.baseline_save)}</button>
            </ActionForm>
        </section>
    }
}

/// The totals of `scope` typed by hand: a [`count_field`] for each group of [`scope_groups`].
pub fn hand_form(
    i18n: I18n,
    v: &ParticipationView,
    scope: Scope,
    typed: ServerAction<SaveBaselineCounts>,
) -> impl IntoView + use<> {
    let locale = use_page_locale();
    let l = i18n.get_locale_untracked();
    let result: FormResult = Signal::derive(move || typed.value().get());
    let slug = v.slug.clone();
    let area_name = area_namer(&v.areas);
    let ids: Vec<i64> = v.areas.iter().map(|(id, _)| *id).collect();
    let groups = scope_groups(scope, &ids);
    let (scope_value, scope_name) = match scope {
        Scope::All => (
            "all".to_owned(),
            t_string!(i18n, participation.whole_municipality).to_string(),
        ),
        Scope::Area(id) => (id.to_string(), area_name(id)),
    };
    let questions = Dimension::ALL
        .into_iter()
        .filter_map(|d| {
            let fields = groups
                .iter()
                .filter(|g| g.dimension() == d)
                .map(|&g| {
                    let stored = v.baseline.count(scope, g).map(|c| c.to_string());
                    view! {
                        <Field result name=count_field(g) label=names::group(l, g, &area_name)
                            initial=stored.unwrap_or_default() inputmode="numeric" />
                    }
                })
                .collect::<Vec<_>>();
            (!fields.is_empty()).then(|| {
                view! {
                    <fieldset class="fieldset counts">
                        <legend>{names::dimension(l, d)}</legend>
                        {fields}
                    </fieldset>
                }
            })
        })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="hand-heading">
            <h2 id="hand-heading">{t!(i18n, participation.hand_heading, scope = scope_name)}</h2>
            <p>{t!(i18n, participation.hand_lead)}</p>
            <ErrorSummary result />
            <ActionForm action=typed attr:class="form" attr:novalidate="">
                <input type="hidden" name="slug" value=slug />
                <input type="hidden" name="locale" value=move || locale.get().as_str() />
                <input type="hidden" name="scope" value=scope_value />
                {questions}
                <button type="submit" class="button">{t!(i18n, participation.hand_save)}</button>
            </ActionForm>
        </section>
    }
}
