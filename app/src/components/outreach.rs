//! The outreach log: one action as a list item, and the form that records one (staff and
//! partner associations).

use crate::api::participation::RecordOutreach;
use crate::components::field::{Control, ErrorSummary, Field, FormResult};
use crate::components::figures::area_namer;
use crate::i18n::{t, t_string};
use crate::locale::{I18n, use_page_locale};
use crate::model::participation::OutreachView;
use crate::names;
use domain::participation::{Dimension, Group};
use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_router::hooks::use_query_map;

/// One outreach action as a list item: (the day,) place, group aimed at, how many reached,
/// the note.
pub fn outreach_item(
    i18n: I18n,
    a: &OutreachView,
    area_name: &dyn Fn(i64) -> String,
    with_day: bool,
) -> impl IntoView + use<> {
    let l = i18n.get_locale_untracked();
    let group = a.group.map_or_else(
        || t_string!(i18n, participation.outreach_everyone).to_string(),
        |g| names::group(l, g, area_name),
    );
    let reached = a
        .reached
        .map(|n| t_string!(i18n, participation.outreach_reached, count = n).to_string());
    view! {
        <li>
            {with_day.then(|| format!("{} · ", a.day))}
            <strong>{a.place.clone()}</strong> " · " {group}
            {reached.map(|r| format!(" · {r}"))}
            {a.note.clone().map(|n| format!(" – {n}"))}
        </li>
    }
}

/// The form that records an outreach action, aimed at everyone or one of `groups` (every
/// group when `None`).
pub fn outreach_form(
    i18n: I18n,
    slug: String,
    areas: &[(i64, String)],
    groups: Option<&[Group]>,
    record: ServerAction<RecordOutreach>,
) -> impl IntoView + use<> {
    use crate::model::Choice;
    let locale = use_page_locale();
    let query = use_query_map();
    let result: FormResult = Signal::derive(move || record.value().get());
    let l = i18n.get_locale_untracked();
    let ids: Vec<i64> = areas.iter().map(|(id, _)| *id).collect();
    let area_name = area_namer(areas);
    let groups = std::iter::once(Choice {
        value: String::new(),
        label: t_string!(i18n, participation.outreach_everyone).to_string(),
    })
    .chain(
        Dimension::ALL
            .into_iter()
            .flat_map(|d| d.groups(&ids))
            .filter(|g| groups.is_none_or(|only| only.contains(g)))
            .map(|g| Choice {
                value: g.key(),
                label: format!(
                    "{}: {}",
                    names::dimension(l, g.dimension()),
                    names::group(l, g, &area_name)
                ),
            }),
    )
    .collect::<Vec<_>>();
    view! {
        <section class="panel" aria-labelledby="outreach-heading">
            <h2 id="outreach-heading">{t!(i18n, participation.outreach)}</h2>
            <p>{t!(i18n, participation.outreach_lead)}</p>
            {move || query.read().get("outreach").map(|_| view! {
                <p class="notice notice--success" role="status">{t!(i18n, participation.outreach_saved)}</p>
            })}
            <ErrorSummary result />
            <ActionForm action=record attr:class="form" attr:novalidate="">
                <input type="hidden" name="slug" value=slug />
                <input type="hidden" name="locale" value=move || locale.get().as_str() />
                <Field result form="form" name="day" label=t_string!(i18n, participation.outreach_day).to_string()
                    control=Control::Input("date") required=true />
                <Field result form="form" name="place" label=t_string!(i18n, participation.outreach_place).to_string() required=true />
                <Field result form="form" name="group" label=t_string!(i18n, participation.outreach_group).to_string()
                    control=Control::Select(groups) />
                <Field result form="form" name="reached" label=t_string!(i18n, participation.outreach_reached_label).to_string()
                    hint=t_string!(i18n, participation.outreach_reached_hint).to_string() inputmode="numeric" />
                <Field result form="form" name="note" label=t_string!(i18n, participation.outreach_note).to_string()
                    control=Control::Text(3) />
                <button type="submit" class="button">{t!(i18n, participation.outreach_save)}</button>
            </ActionForm>
        </section>
    }
}
