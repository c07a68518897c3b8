//! The public list of a round's proposals: filters (area, status), text search and pages, all
//! in the URL, so the filter form is a plain GET form that works without JavaScript and a
//! filtered list can be shared. Rejected proposals stay listed with their reason.

use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::proposals::list_proposals;
use crate::components::error_text::ErrorNotice;
use crate::components::format::sek;
use crate::i18n::{t, t_string, use_i18n};
use crate::locale::{I18n, use_href, use_page_locale};
use crate::model::ProposalStatus;
use crate::model::proposal::{ProposalCard, ProposalFilter, ProposalPage};
use crate::names;

/// The proposal list page.
#[component]
pub fn ProposalListPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_page_locale();
    let params = use_params_map();
    let query = use_query_map();
    let filter = move || {
        let q = query.read();
        ProposalFilter {
            area: q.get("area").unwrap_or_default(),
            status: q.get("status").unwrap_or_default(),
            q: q.get("q").unwrap_or_default(),
            page: q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
        }
    };
    let page = Resource::new(
        move || {
            (
                params.read().get("slug").unwrap_or_default(),
                filter(),
                locale.get(),
            )
        },
        |(slug, filter, l)| list_proposals(slug, filter, l.as_str().to_owned()),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || page.get().map(|result| match result {
                Ok(page) => list_view(i18n, page, filter()).into_any(),
                Err(error) => view! { <div class="page"><ErrorNotice error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

fn list_view(i18n: I18n, page: ProposalPage, filter: ProposalFilter) -> impl IntoView {
    let href = use_href();
    let slug = page.round_slug.clone();
    let heading = t_string!(i18n, proposals.title, round = page.round_title.clone()).to_string();
    let form = filter_form(i18n, &page, &filter);
    let pagination = pagination(i18n, &page, &filter);
    view! {
        <Title text=heading.clone() />
        <div class="page">
            <p><a href=href(&crate::paths::round(&slug))>{t!(i18n, proposals.back_to_round)}</a></p>
            <h1>{heading}</h1>
            {form}
            <p role="status">{t!(i18n, proposals.count, count = page.total)}</p>
            {cards(i18n, &slug, page.items)}
            {pagination}
        </div>
    }
}

/// The plain GET form: text search, area and status.
fn filter_form(i18n: I18n, page: &ProposalPage, filter: &ProposalFilter) -> impl IntoView + use<> {
    let area_options = page
        .areas
        .iter()
        .map(|a| {
            let selected = a.value == filter.area;
            view! { <option value=a.value.clone() selected=selected>{a.label.clone()}</option> }
        })
        .collect_view();
    let status_options = [
        ProposalStatus::Submitted,
        ProposalStatus::Feasible,
        ProposalStatus::NotFeasible,
        ProposalStatus::Merged,
    ]
    .into_iter()
    .map(|s| {
        let selected = s.as_str() == filter.status;
        view! { <option value=s.as_str() selected=selected>{names::status(i18n, s)}</option> }
    })
    .collect_view();
    view! {
        <form method="get" class="filters" role="search">
            <div class="field">
                <label for="q">{t!(i18n, proposals.search)}</label>
                <input id="q" name="q" type="search" value=filter.q.clone() />
            </div>
            <div class="field">
                <label for="area">{t!(i18n, proposals.area)}</label>
                <select id="area" name="area">
                    <option value="">{t!(i18n, proposals.all_areas)}</option>
                    {area_options}
                </select>
            </div>
            <div class="field">
                <label for="status">{t!(i18n, proposals.status)}</label>
                <select id="status" name="status">
                    <option value="">{t!(i18n, proposals.all_statuses)}</option>
                    {status_options}
                </select>
            </div>
            <button type="submit" class="button">{t!(i18n, proposals.filter)}</button>
        </form>
    }
}

/// The proposals of this page, or that there are none.
fn cards(i18n: I18n, slug: &str, items: Vec<ProposalCard>) -> AnyView {
    let locale = i18n.get_locale_untracked();
    if items.is_empty() {
        view! { <p class="empty-state">{t!(i18n, proposals.none)}</p> }.into_any()
    } else {
        let cards = items
            .into_iter()
            .map(|card| proposal_card(i18n, locale, slug, card))
            .collect_view();
        view! { <ul class="card-list">{cards}</ul> }.into_any()
    }
}

/// Previous and next page, when there is more than one.
fn pagination(
    i18n: I18n,
    page: &ProposalPage,
    filter: &ProposalFilter,
) -> Option<impl IntoView + use<>> {
    let (current, pages) = (page.page, page.pages);
    let link = |n: u64| page_link(&page.round_slug, filter, n);
    (pages > 1).then(|| {
        let previous = (current > 1).then(|| {
            view! { <a rel="prev" href=link(current - 1)>{t!(i18n, proposals.previous)}</a> }
        });
        let next = (current < pages).then(|| {
            view! { <a rel="next" href=link(current + 1)>{t!(i18n, proposals.next)}</a> }
        });
        view! {
            <nav class="pagination" aria-label=t_string!(i18n, proposals.pages_label)>
                {previous}
                <span>{t!(i18n, proposals.page_of, page = current, pages = pages)}</span>
                {next}
            </nav>
        }
    })
}

/// The list's page `n` with the same filters.
fn page_link(slug: &str, filter: &ProposalFilter, n: u64) -> String {
    let href = use_href();
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (key, value) in [
        ("area", &filter.area),
        ("status", &filter.status),
        ("q", &filter.q),
    ] {
        if !value.is_empty() {
            query.append_pair(key, value);
        }
    }
    let query = query.append_pair("page", &n.to_string()).finish();
    href(&crate::paths::proposals(slug).encoded_query(&query))
}

fn proposal_card(
    i18n: I18n,
    locale: crate::i18n::Locale,
    slug: &str,
    card: ProposalCard,
) -> impl IntoView {
    let href = use_href();
    let link = href(&crate::paths::proposal(slug, card.id));
    view! {
        <li class="card">
            <h2 class="card__title"><a href=link>{card.title}</a></h2>
            <p class="meta">
                <span class="badge" class:badge--negative=card.status == ProposalStatus::NotFeasible>
                    {names::status(i18n, card.status)}
                </span>
                " " {card.area.map(|a| format!("{a} · "))}
                {sek(locale, card.cost)} " · "
                {t!(i18n, proposals.supports, count = card.supports)}
            </p>
            {card.reason.map(|r| view! { <p class="reason"><strong>{t!(i18n, proposals.reason)}</strong> " " {r}</p> })}
        </li>
    }
}
