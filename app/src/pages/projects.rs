//! Every approved project of every round and where its implementation stands, filterable by
//! nämnd, area, year and status with a plain GET form (works without JavaScript, filtered
//! lists can be shared), with the open-data downloads of each round.

use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::updates::list_projects;
use crate::components::error_text::ErrorNotice;
use crate::i18n::{t, t_string, use_i18n};
use crate::locale::{I18n, use_href, use_page_locale};
use crate::model::Choice;
use crate::model::followup::{ProjectFilter, ProjectOverview, ProjectRow};
use crate::names;

/// The overview page.
#[component]
pub fn ProjectsPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_page_locale();
    let query = use_query_map();
    let filter = move || {
        let q = query.read();
        ProjectFilter {
            namnd: q.get("namnd").unwrap_or_default(),
            area: q.get("area").unwrap_or_default(),
            year: q.get("year").unwrap_or_default(),
            status: q.get("status").unwrap_or_default(),
        }
    };
    let page = Resource::new(
        move || (filter(), locale.get()),
        |(filter, l)| list_projects(l.as_str().to_owned(), filter),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || page.get().map(|result| match result {
                Ok(page) => overview_view(i18n, page, filter()).into_any(),
                Err(error) => view! { <div class="page"><ErrorNotice error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

fn options(choices: &[Choice], chosen: &str) -> impl IntoView + use<> {
    choices
        .iter()
        .map(|c| {
            let selected = c.value == chosen;
            view! { <option value=c.value.clone() selected=selected>{c.label.clone()}</option> }
        })
        .collect_view()
}

fn select(
    name: &'static str,
    label: String,
    all: String,
    choices: Vec<Choice>,
    chosen: &str,
) -> impl IntoView + use<> {
    view! {
        <div class="field">
            <label for=name>{label}</label>
            <select id=name name=name>
                <option value="">{all}</option>
                {options(&choices, chosen)}
            </select>
        </div>
    }
}

fn project_item(i18n: I18n, p: ProjectRow) -> impl IntoView {
    let href = use_href();
    let link = href(&crate::paths::proposal(&p.round_slug, p.id).fragment("follow-up"));
    view! {
        <tr>
            <th scope="row"><a href=link>{p.title}</a></th>
            <td><a href=href(&crate::paths::round(&p.round_slug))>{p.round_title}</a></td>
            <td>{p.namnd}</td>
            <td>{p.area.unwrap_or_default()}</td>
            <td>{p.year}</td>
            <td>{names::implementation(i18n, p.status)} " · " {t!(i18n, follow_up.percent_done, percent = p.percent)}</td>
            <td>{p.updated.unwrap_or_default()}</td>
        </tr>
    }
}

fn overview_view(i18n: I18n, page: ProjectOverview, filter: ProjectFilter) -> impl IntoView {
    let heading = t_string!(i18n, projects.title).to_string();
    let count = page.projects.len();
    let form = filter_form(i18n, &page, &filter);
    view! {
        <Title text=heading.clone() />
        <div class="page">
            <h1>{heading}</h1>
            <p class="lead">{t!(i18n, projects.lead)}</p>
            {form}
            <p role="status">{t!(i18n, projects.count, count = count)}</p>
            {project_table(i18n, page.projects)}
        </div>
    }
}

/// The plain GET form: nämnd, area, year and status.
fn filter_form(
    i18n: I18n,
    page: &ProjectOverview,
    filter: &ProjectFilter,
) -> impl IntoView + use<> {
    let years: Vec<Choice> = page
        .years
        .iter()
        .map(|y| Choice {
            value: y.to_string(),
            label: y.to_string(),
        })
        .collect();
    let statuses: Vec<Choice> = domain::followup::ImplementationStatus::ALL
        .into_iter()
        .map(|s| Choice {
            value: s.as_str().to_owned(),
            label: names::implementation(i18n, s),
        })
        .collect();
    let all = || t_string!(i18n, projects.all).to_string();
    view! {
        <form method="get" class="filters" role="search">
            {select("namnd", t_string!(i18n, projects.namnd).to_string(), all(), page.namnder.clone(), &filter.namnd)}
            {select("area", t_string!(i18n, projects.area).to_string(), all(), page.areas.clone(), &filter.area)}
            {select("year", t_string!(i18n, projects.year).to_string(), all(), years, &filter.year)}
            {select("status", t_string!(i18n, projects.status).to_string(), all(), statuses, &filter.status)}
            <button type="submit" class="button">{t!(i18n, proposals.filter)}</button>
        </form>
    }
}

/// The projects as a table, or that there are none.
fn project_table(i18n: I18n, projects: Vec<ProjectRow>) -> AnyView {
    if projects.is_empty() {
        return view! { <p class="empty-state">{t!(i18n, projects.none)}</p> }.into_any();
    }
    let rows = projects
        .into_iter()
        .map(|p| project_item(i18n, p))
        .collect_view();
    view! {
        <table class="table">
            <caption>{t!(i18n, projects.caption)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, projects.project)}</th>
                    <th scope="col">{t!(i18n, projects.round)}</th>
                    <th scope="col">{t!(i18n, projects.namnd)}</th>
                    <th scope="col">{t!(i18n, projects.area)}</th>
                    <th scope="col">{t!(i18n, projects.year)}</th>
                    <th scope="col">{t!(i18n, projects.status)}</th>
                    <th scope="col">{t!(i18n, projects.updated)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}
