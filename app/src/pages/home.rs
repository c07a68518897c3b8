//! The start page: what medborgarbudget is, and the rounds (or a clear empty state).

use domain::Phase;
use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_meta::Title;

use crate::api::rounds::list_rounds;
use crate::components::error_text::ErrorNotice;
use crate::i18n::{t, use_i18n};
use crate::locale::I18n;
use crate::locale::use_page_locale;
use crate::model::RoundSummary;
use crate::names::phase_name;

/// The start page.
#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_page_locale();
    let rounds = Resource::new(move || locale.get(), |l| list_rounds(l.as_str().to_owned()));
    let query = leptos_router::hooks::use_query_map();
    view! {
        <Title text="" />
        <div class="page">
            <h1>{t!(i18n, home.title)}</h1>
            {move || query.read().get("erased").map(|_| view! {
                <p class="notice notice--success" role="status">{t!(i18n, account.erased)}</p>
            })}
            <p class="lead">{t!(i18n, home.lead)}</p>
            <h2>{t!(i18n, home.rounds_heading)}</h2>
            <Suspense fallback=|| ()>
                {move || rounds.get().map(|result| match result {
                    Ok(list) if list.is_empty() => view! {
                        <p class="empty-state">{t!(i18n, home.no_rounds)}</p>
                    }.into_any(),
                    Ok(list) => {
                        let (past, current): (Vec<_>, Vec<_>) =
                            list.into_iter().partition(|r| r.phase == Phase::Closed);
                        let archive = (!past.is_empty()).then(|| view! {
                            <section aria-labelledby="archive-heading">
                                <h2 id="archive-heading">{t!(i18n, home.archive_heading)}</h2>
                                <p>{t!(i18n, home.archive_lead)}</p>
                                <ul class="card-list">
                                    {past.into_iter().map(|r| round_card(i18n, r)).collect_view()}
                                </ul>
                            </section>
                        });
                        view! {
                            <ul class="card-list">
                                {current.into_iter().map(|r| round_card(i18n, r)).collect_view()}
                            </ul>
                            {archive}
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                })}
            </Suspense>
        </div>
    }
}

fn round_card(i18n: I18n, round: RoundSummary) -> impl IntoView {
    let phase = phase_name(i18n, round.phase);
    let link = crate::locale::use_href()(&crate::paths::round(&round.slug));
    view! {
        <li class="card">
            <h3><a href=link>{round.title}</a></h3>
            <p>{round.summary}</p>
            <p class="meta">
                <span class="badge">{t!(i18n, home.phase, phase = phase.clone())}</span>
                " "
                <span>{t!(i18n, home.by_namnd, namnd = round.namnd.clone())}</span>
            </p>
        </li>
    }
}
