//! Who takes part in a round, for its staff, while the round runs: participants' voluntary
//! answers against the population per group (share with a 95 % interval, share of the
//! population, ratio with its interval, groups clearly under their share flagged), women and
//! men apart, a trend by day, the outreach log, and the baseline (imported or typed by hand).
//! Small counts never show. A partner association gets its own view (`pages::partner`).

use domain::participation::Slice;
use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::participation::{
    RecordOutreach, SaveBaseline, SaveBaselineCounts, load_participation,
};
use crate::components::error_text::ErrorNotice;
use crate::components::figures::{area_namer, chosen_scope, figures};
use crate::components::outreach::{outreach_form, outreach_item};
use crate::i18n::{t, t_string, use_i18n};
use crate::locale::{I18n, use_href, use_page_locale};
use crate::model::participation::ParticipationView;
use crate::pages::baseline_form;

/// The dashboard page.
#[component]
pub fn ParticipationPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_page_locale();
    let params = use_params_map();
    let save = ServerAction::<SaveBaseline>::new();
    let typed = ServerAction::<SaveBaselineCounts>::new();
    let record = ServerAction::<RecordOutreach>::new();
    let view_of = Resource::new(
        move || {
            (
                params.read().get("slug").unwrap_or_default(),
                locale.get(),
                save.version().get() + typed.version().get() + record.version().get(),
            )
        },
        |(slug, l, _)| load_participation(slug, l.as_str().to_owned()),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || view_of.get().map(|r| match r {
                Ok(v) => dashboard(i18n, v, save, typed, record),
                Err(error) => view! { <div class="page"><ErrorNotice error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

/// Participation and outreach on one timeline: each day with participants so far and the
/// outreach actions of that day.
fn timeline(i18n: I18n, v: &ParticipationView) -> impl IntoView + use<> {
    let stats = &v.stats;
    let cumulative = stats
        .series(Slice::All, None, None)
        .map(|s| s.cumulative.clone())
        .unwrap_or_default();
    let mut days: Vec<domain::round::Date> = stats.days.clone();
    days.extend(v.outreach.iter().map(|a| a.day));
    days.sort_unstable();
    days.dedup();
    let area_name = area_namer(&v.areas);
    // A day with outreach only shows the participants so far.
    let mut so_far = "–".to_owned();
    days.into_iter()
        .map(|day| {
            if let Some(i) = stats.days.iter().position(|d| *d == day) {
                so_far = cumulative.get(i).copied().flatten().map_or_else(
                    || t_string!(i18n, participation.suppressed).to_string(),
                    |c| c.to_string(),
                );
            }
            let count = so_far.clone();
            let actions = v
                .outreach
                .iter()
                .filter(|a| a.day == day)
                .map(|a| outreach_item(i18n, a, &area_name, false))
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{day.to_string()}</th>
                    <td>{count}</td>
                    <td><ul class="plain-list">{actions}</ul></td>
                </tr>
            }
        })
        .collect_view()
}

fn dashboard(
    i18n: I18n,
    v: ParticipationView,
    save: ServerAction<SaveBaseline>,
    typed: ServerAction<SaveBaselineCounts>,
    record: ServerAction<RecordOutreach>,
) -> AnyView {
    if v.partner.is_some() {
        return crate::pages::partner::partner_dashboard(i18n, v, record).into_any();
    }
    let href = use_href();
    let query = use_query_map();
    let heading = t_string!(i18n, participation.title, round = v.title.clone()).to_string();
    let figures = figures(i18n, &v);
    let trend = timeline(i18n, &v);
    let saved = move || {
        query.read().get("saved").map(|_| {
            view! { <p class="notice notice--success" role="status">{t!(i18n, participation.baseline_saved)}</p> }
        })
    };
    let no_baseline = v.baseline.is_empty().then(|| {
        view! { <p class="notice">{t!(i18n, participation.no_baseline)}</p> }
    });
    let scope = chosen_scope(&v);
    view! {
        <Title text=heading.clone() />
        <div class="page">
            <p><a href=href(&crate::paths::staff_round(&v.slug))>{t!(i18n, participation.back)}</a></p>
            <h1>{heading}</h1>
            {saved}
            <p class="lead">{t!(i18n, participation.lead)}</p>
            {no_baseline}
            {figures}
            <p><a href=href(&crate::paths::evaluation(&v.slug))>{t!(i18n, participation.report_link)}</a></p>
            <section aria-labelledby="trend-heading">
                <h2 id="trend-heading">{t!(i18n, participation.trend)}</h2>
                <table class="table">
                    <caption>{t!(i18n, participation.trend_caption)}</caption>
                    <thead><tr>
                        <th scope="col">{t!(i18n, participation.day)}</th>
                        <th scope="col">{t!(i18n, participation.cumulative)}</th>
                        <th scope="col">{t!(i18n, participation.outreach_actions)}</th>
                    </tr></thead>
                    <tbody>{trend}</tbody>
                </table>
            </section>
            {outreach_form(i18n, v.slug.clone(), &v.areas, None, record)}
            {baseline_form::csv_form(i18n, &v, save)}
            {baseline_form::hand_form(i18n, &v, scope, typed)}
        </div>
    }
    .into_any()
}
