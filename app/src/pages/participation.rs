//! Who takes part in a round, for its staff, while the round runs: participants' voluntary
//! answers against the population per group (share with a 95 % interval, share of the
//! population, ratio with its interval, groups clearly under their share flagged), women and
//! men apart, a trend by day, the outreach log, and the baseline (imported or typed by hand).
//! Small counts never show. A partner association gets its own view (`pages::partner`).

use domain::participation::{Dimension, Figure, Group, GroupFigure, Scope, Slice};
use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::participation::{
    RecordOutreach, SaveBaseline, SaveBaselineCounts, load_participation,
};
use crate::components::error_text::ErrorNotice;
use crate::components::field::{Control, ErrorSummary, Field, FormResult};
use crate::components::names;
use crate::i18n::{t, t_string, use_i18n};
use crate::locale::{I18n, use_href, use_page_locale};
use crate::model::participation::{OutreachView, ParticipationView};
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

fn percent(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), |v| format!("{:.1} %", v * 100.0))
}

fn interval(value: Option<(f64, f64)>, scale: f64, unit: &str) -> String {
    value.map_or_else(String::new, |(low, high)| {
        format!(" ({:.1}–{:.1}{unit})", low * scale, high * scale)
    })
}

fn count_text(i18n: I18n, g: Option<&GroupFigure>) -> String {
    match g {
        Some(g) if !g.suppressed => g.count.map(|c| c.to_string()).unwrap_or_default(),
        Some(_) => t_string!(i18n, participation.suppressed).to_string(),
        None => "–".to_owned(),
    }
}

fn figure_table(
    i18n: I18n,
    all: &Figure,
    women: Option<&Figure>,
    men: Option<&Figure>,
    area_name: &dyn Fn(i64) -> String,
) -> impl IntoView + use<> {
    let l = i18n.get_locale_untracked();
    let question = names::dimension(l, all.dimension);
    // The caption names the area too, so a table read on its own says whose figures it holds.
    let caption = match all.scope {
        Scope::All => t_string!(i18n, participation.caption, question = question).to_string(),
        Scope::Area(id) => t_string!(
            i18n,
            participation.caption_area,
            question = question,
            area = area_name(id)
        )
        .to_string(),
    };
    let rows = all
        .groups
        .iter()
        .map(|g| {
            let in_slice = |f: Option<&Figure>| {
                f.and_then(|f| f.groups.iter().find(|x| x.group == g.group))
                    .cloned()
            };
            let (w, m) = (in_slice(women), in_slice(men));
            let share = if g.suppressed {
                t_string!(i18n, participation.suppressed).to_string()
            } else {
                format!(
                    "{}{}",
                    percent(g.share),
                    interval(g.share_interval, 100.0, " %")
                )
            };
            let ratio = g
                .ratio
                .map(|r| format!("{r:.2}{}", interval(g.ratio_interval, 1.0, "")))
                .unwrap_or_else(|| "–".to_owned());
            let flag = if g.under_represented {
                view! { <strong class="flag">{t!(i18n, participation.under)}</strong> }.into_any()
            } else {
                view! { {t!(i18n, participation.ok)} }.into_any()
            };
            view! {
                <tr class:row--flagged=g.under_represented>
                    <th scope="row">{names::group(l, g.group, area_name)}</th>
                    <td>{count_text(i18n, Some(g))}</td>
                    <td>{share}</td>
                    <td>{percent(g.population_share)}</td>
                    <td>{ratio}</td>
                    <td>{flag}</td>
                    <td>{count_text(i18n, w.as_ref())}</td>
                    <td>{count_text(i18n, m.as_ref())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="table">
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, participation.group)}</th>
                    <th scope="col">{t!(i18n, participation.count)}</th>
                    <th scope="col">{t!(i18n, participation.share)}</th>
                    <th scope="col">{t!(i18n, participation.population)}</th>
                    <th scope="col">{t!(i18n, participation.ratio)}</th>
                    <th scope="col">{t!(i18n, participation.flag)}</th>
                    <th scope="col">{t!(i18n, participation.women)}</th>
                    <th scope="col">{t!(i18n, participation.men)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// The name of an area by id, from the view's (id, name) list.
pub(crate) fn area_namer(areas: &[(i64, String)]) -> impl Fn(i64) -> String + Clone + 'static {
    let areas = areas.to_vec();
    move |id| {
        areas
            .iter()
            .find(|(a, _)| *a == id)
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    }
}

/// One outreach action as a list item: (the day,) place, group aimed at, how many reached,
/// the note.
pub(crate) fn outreach_item(
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

/// The form that records an outreach action, aimed at everyone or one of `groups` (every
/// group when `None`).
pub(crate) fn outreach_form(
    i18n: I18n,
    slug: String,
    areas: &[(i64, String)],
    groups: Option<&[Group]>,
    record: ServerAction<RecordOutreach>,
) -> impl IntoView + use<> {
    use crate::model::round::Choice;
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

/// The scope chosen with `?area=<id>` (one of the round's areas), else the whole municipality.
pub(crate) fn chosen_scope(v: &ParticipationView) -> Scope {
    let query = use_query_map();
    let chosen = query
        .read_untracked()
        .get("area")
        .and_then(|a| a.parse::<i64>().ok());
    match chosen {
        Some(id) if v.areas.iter().any(|(a, _)| *a == id) => Scope::Area(id),
        _ => Scope::All,
    }
}

/// The figures of one scope: how many took part, the flagged groups, a table per question
/// with women and men apart, and a plain GET form to choose the area.
pub(crate) fn figures(i18n: I18n, v: &ParticipationView) -> impl IntoView + use<> {
    let l = i18n.get_locale_untracked();
    let scope = chosen_scope(v);
    let area_name = area_namer(&v.areas);
    let stats = &v.stats;
    // A partner sees its groups' figures, not how many took part.
    let participants = v.partner.is_none().then(|| match stats.participants {
        Some(n) => t_string!(i18n, participation.participants, count = n).to_string(),
        None => t_string!(i18n, participation.participants_few).to_string(),
    });
    let flagged: Vec<String> = stats
        .figures
        .iter()
        .filter(|f| f.scope == scope && f.slice == Slice::All)
        .flat_map(|f| f.groups.iter().filter(|g| g.under_represented))
        .map(|g| names::group(l, g.group, &area_name))
        .collect();
    let flags = if flagged.is_empty() {
        t_string!(i18n, participation.none_flagged).to_string()
    } else {
        t_string!(i18n, participation.flagged, groups = flagged.join(", ")).to_string()
    };
    let tables = Dimension::ALL
        .into_iter()
        .filter_map(|d| {
            let all = stats.figure(scope, Slice::All, d)?;
            let women = stats.figure(scope, Slice::Women, d);
            let men = stats.figure(scope, Slice::Men, d);
            Some(figure_table(i18n, all, women, men, &area_name))
        })
        .collect_view();
    let selected = match scope {
        Scope::Area(id) => id.to_string(),
        Scope::All => String::new(),
    };
    let options = std::iter::once((
        String::new(),
        t_string!(i18n, participation.whole_municipality).to_string(),
    ))
    .chain(
        v.areas
            .iter()
            .map(|(id, name)| (id.to_string(), name.clone())),
    )
    .map(|(value, label)| {
        let chosen = value == selected;
        view! { <option value=value selected=chosen>{label}</option> }
    })
    .collect_view();
    view! {
        <form method="get" class="filters">
            <div class="field">
                <label for="area">{t!(i18n, participation.scope)}</label>
                <select id="area" name="area">{options}</select>
            </div>
            <button type="submit" class="button button--secondary">{t!(i18n, participation.show)}</button>
        </form>
        {participants.map(|p| view! { <p>{p}</p> })}
        <p role="status"><strong>{flags}</strong></p>
        {tables}
    }
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
