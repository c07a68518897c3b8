//! A round's result: per project its votes, funded or not and why, the rule used, and the
//! anonymised ballots to download and recount. Staff see it before it is public and publish it.

use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::voting::{PublishResult, load_result};
use crate::components::error_text::ErrorNotice;
use crate::components::field::{ErrorSummary, FormResult};
use crate::components::format::sek;
use crate::components::names;
use crate::i18n::{t, t_string, use_i18n};
use crate::locale::{I18n, use_href, use_page_locale};
use crate::model::result::{RoundResultView, Why};

/// The results page.
#[component]
pub fn ResultsPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_page_locale();
    let params = use_params_map();
    let publish = ServerAction::<PublishResult>::new();
    let result = Resource::new(
        move || {
            (
                params.read().get("slug").unwrap_or_default(),
                locale.get(),
                publish.version().get(),
            )
        },
        |(slug, l, _)| load_result(slug, l.as_str().to_owned()),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || result.get().map(|r| match r {
                Ok(view) => results_view(i18n, view, publish).into_any(),
                Err(error) => view! { <div class="page"><ErrorNotice error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

fn why_text(i18n: I18n, why: &Why, l: crate::i18n::Locale) -> String {
    match why {
        Why::Funded {
            step,
            completion: false,
        } => t_string!(i18n, results.why_funded, step = *step).to_string(),
        Why::Funded {
            step,
            completion: true,
        } => t_string!(i18n, results.why_funded_completion, step = *step).to_string(),
        Why::DoesNotFit { remaining } => t_string!(
            i18n,
            results.why_does_not_fit,
            remaining = sek(l, *remaining)
        )
        .to_string(),
        Why::SupportersLackMoney { money } => {
            t_string!(i18n, results.why_lack_money, money = sek(l, *money)).to_string()
        }
        Why::NoVotes => t_string!(i18n, results.why_no_votes).to_string(),
        Why::CostExceedsBudget => t_string!(i18n, results.why_too_expensive).to_string(),
        Why::CountStopped => t_string!(i18n, results.why_stopped).to_string(),
    }
}

fn results_view(
    i18n: I18n,
    r: RoundResultView,
    publish: ServerAction<PublishResult>,
) -> impl IntoView {
    let href = use_href();
    let locale = use_page_locale();
    let l = locale.get_untracked();
    let result: FormResult = Signal::derive(move || publish.value().get());
    let heading = t_string!(i18n, results.title, round = r.round_title.clone()).to_string();
    let rows = r
        .projects
        .iter()
        .map(|p| {
            view! {
                <tr>
                    <th scope="row">{p.title.clone()}</th>
                    <td>{p.votes}{p.points.map(|pts| format!(" ({pts})"))}</td>
                    <td>{sek(l, p.cost)}</td>
                    <td>{if p.funded { t_string!(i18n, results.funded) } else { t_string!(i18n, results.not_funded) }}</td>
                    <td>{why_text(i18n, &p.why, l)}</td>
                </tr>
            }
        })
        .collect_view();
    let slug = r.slug.clone();
    let publish_form = (r.viewer_manages && !r.published).then(move || {
        view! {
            <section class="panel" aria-labelledby="publish-heading">
                <h2 id="publish-heading">{t!(i18n, results.not_public)}</h2>
                <ErrorSummary result />
                <ActionForm action=publish attr:class="inline-form">
                    <input type="hidden" name="slug" value=slug />
                    <input type="hidden" name="locale" value=move || locale.get().as_str() />
                    <button type="submit" class="button">{t!(i18n, results.publish)}</button>
                </ActionForm>
            </section>
        }
    });
    view! {
        <Title text=heading.clone() />
        <div class="page">
            <p><a href=href(&format!("/rounds/{}", r.slug))>{t!(i18n, vote.back_to_round)}</a></p>
            <h1>{heading}</h1>
            {publish_form}
            <p class="lead">{t!(i18n, results.summary, voters = r.voters, cost = sek(l, r.cost), budget = sek(l, r.budget))}</p>
            <p>{t!(i18n, results.rule, rule = names::rule(i18n, r.rule))}</p>
            <table class="table">
                <caption>{t!(i18n, results.caption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, results.project)}</th>
                        <th scope="col">{t!(i18n, results.votes)}</th>
                        <th scope="col">{t!(i18n, results.cost)}</th>
                        <th scope="col">{t!(i18n, results.outcome)}</th>
                        <th scope="col">{t!(i18n, results.why)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <p>
                <a href=format!("/rounds/{}/ballots.pb", r.slug) download="">{t!(i18n, results.download)}</a>
                " " {t!(i18n, results.download_hint)}
            </p>
        </div>
    }
}
