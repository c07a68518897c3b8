//! The politicians' review of a round, before they decide: the result and its explanation,
//! who took part against the population, every proposal (rejected ones with their reasons)
//! with its comments, and a link to record the decision on each project. Made to be printed
//! for the meeting papers (see the print styles).

use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::decisions::load_political_review;
use crate::components::error_text::ErrorNotice;
use crate::components::format::sek;
use crate::i18n::{t, t_string, use_i18n};
use crate::locale::{I18n, use_href, use_page_locale};
use crate::model::ProposalStatus;
use crate::model::politics::Participation;
use crate::model::politics::PoliticalReview;
use crate::model::politics::ReviewedProposal;
use crate::names;
use crate::pages::results::project_tables;

/// The review page.
#[component]
pub fn PoliticalReviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_page_locale();
    let params = use_params_map();
    let review = Resource::new(
        move || (params.read().get("slug").unwrap_or_default(), locale.get()),
        |(slug, l)| load_political_review(slug, l.as_str().to_owned()),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || review.get().map(|r| match r {
                Ok(review) => review_view(i18n, review).into_any(),
                Err(error) => view! { <div class="page"><ErrorNotice error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

/// A share in percent with one decimal, or a dash when there is nothing to divide by.
fn percent(part: u64, whole: i64) -> String {
    if whole <= 0 {
        return "–".to_owned();
    }
    format!("{:.1} %", part as f64 * 100.0 / whole as f64)
}

fn participation_view(i18n: I18n, p: &Participation) -> impl IntoView + use<> {
    let rows = p
        .by_area
        .iter()
        .map(|a| {
            view! {
                <tr>
                    <th scope="row">{a.name.clone()}</th>
                    <td>{a.voters}</td>
                    <td>{a.population}</td>
                    <td>{percent(a.voters, a.population)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="participation-heading">
            <h2 id="participation-heading">{t!(i18n, politics.participation)}</h2>
            <ul>
                <li>{t!(i18n, politics.ballots, count = p.ballots)}</li>
                <li>{t!(i18n, politics.proposals, count = p.proposals, proposers = p.proposers)}</li>
                <li>{t!(i18n, politics.supports, supports = p.supports, comments = p.comments)}</li>
            </ul>
            <table class="table">
                <caption>{t!(i18n, politics.by_area)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, politics.area)}</th>
                        <th scope="col">{t!(i18n, politics.voters)}</th>
                        <th scope="col">{t!(i18n, politics.population)}</th>
                        <th scope="col">{t!(i18n, politics.share)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows}
                    <tr>
                        <th scope="row">{t!(i18n, politics.elsewhere)}</th>
                        <td>{p.elsewhere}</td>
                        <td>"–"</td>
                        <td>"–"</td>
                    </tr>
                </tbody>
            </table>
        </section>
    }
}

fn proposal_item(
    i18n: I18n,
    p: ReviewedProposal,
    may_decide: bool,
    href: impl Fn(&str) -> String + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let l = use_page_locale().get_untracked();
    let decide = (may_decide && p.status == ProposalStatus::Feasible).then(|| {
        let label = t_string!(i18n, politics.decide, title = p.title.clone()).to_string();
        view! { <p class="no-print"><a class="button button--secondary" href=href(&crate::paths::decision(p.id))>{label}</a></p> }
    });
    let outcome = vote_outcome(i18n, &p);
    let decision = decided(i18n, &p);
    let comments = comments(i18n, p.comments);
    view! {
        <li class="card">
            <h3>{p.title.clone()}</h3>
            <p>
                {names::status(i18n, p.status)} " · " {sek(l, p.cost)}
                {p.area.clone().map(|a| format!(" · {a}"))}
                " · " {t!(i18n, politics.supported_by, count = p.supports)}
            </p>
            {p.reason.clone().map(|r| view! { <p>{t!(i18n, politics.reason)} ": " {r}</p> })}
            {outcome.map(|o| view! { <p>{o}</p> })}
            {decision.map(|d| view! { <p><strong>{d}</strong></p> })}
            {comments}
            {decide}
        </li>
    }
}

/// The proposal's votes and whether it was funded, once the round is counted.
fn vote_outcome(i18n: I18n, p: &ReviewedProposal) -> Option<String> {
    let (votes, funded) = (p.votes?, p.funded?);
    Some(
        t_string!(
            i18n,
            politics.vote_outcome,
            votes = votes,
            outcome = if funded {
                t_string!(i18n, results.funded)
            } else {
                t_string!(i18n, results.not_funded)
            }
        )
        .to_string(),
    )
}

/// The decision taken on the proposal, with its protocol paragraph.
fn decided(i18n: I18n, p: &ReviewedProposal) -> Option<String> {
    p.decision.as_ref().map(|d| {
        t_string!(
            i18n,
            politics.decided,
            outcome = names::decision(i18n, d.outcome),
            section = d.protocol_section.clone()
        )
        .to_string()
    })
}

/// The residents' comments, folded away.
fn comments(i18n: I18n, comments: Vec<String>) -> Option<impl IntoView> {
    (!comments.is_empty()).then(|| {
        let count = comments.len();
        let items = comments
            .into_iter()
            .map(|c| view! { <li>{c}</li> })
            .collect_view();
        view! {
            <details>
                <summary>{t!(i18n, politics.comments, count = count)}</summary>
                <ul>{items}</ul>
            </details>
        }
    })
}

fn review_view(i18n: I18n, r: PoliticalReview) -> impl IntoView {
    let href = use_href();
    let query = use_query_map();
    let l = use_page_locale().get_untracked();
    let heading = t_string!(i18n, politics.title, round = r.title.clone()).to_string();
    let flash = move || {
        query.read().get("decided").map(|_| {
            view! { <p class="notice notice--success" role="status">{t!(i18n, politics.saved)}</p> }
        })
    };
    let result = match &r.result {
        Some(result) => view! {
            <section aria-labelledby="result-heading">
                <h2 id="result-heading">{t!(i18n, politics.result)}</h2>
                <p>{t!(i18n, results.summary, voters = result.voters, cost = sek(l, result.cost), budget = sek(l, result.budget))}</p>
                <p>{t!(i18n, results.rule, rule = names::rule(i18n, result.rule))}</p>
                {project_tables(i18n, result, l)}
            </section>
        }
        .into_any(),
        None => view! { <p class="notice">{t!(i18n, politics.not_counted)}</p> }.into_any(),
    };
    let items = r
        .proposals
        .into_iter()
        .map(|p| proposal_item(i18n, p, r.may_decide, href))
        .collect_view();
    view! {
        <Title text=heading.clone() />
        <div class="page">
            <p class="no-print"><a href=href(&crate::paths::round(&r.slug))>{t!(i18n, vote.back_to_round)}</a></p>
            <h1>{heading}</h1>
            {flash}
            <p class="lead">{t!(i18n, politics.lead, namnd = r.namnd.clone(), phase = crate::names::phase_name(i18n, r.phase))}</p>
            <p class="no-print">{t!(i18n, politics.print_hint)}</p>
            {result}
            {participation_view(i18n, &r.participation)}
            <p><a href=href(&crate::paths::evaluation(&r.slug))>{t!(i18n, evaluation.link)}</a></p>
            <section aria-labelledby="proposals-heading">
                <h2 id="proposals-heading">{t!(i18n, politics.all_proposals)}</h2>
                <ul class="card-list">{items}</ul>
            </section>
        </div>
    }
}
