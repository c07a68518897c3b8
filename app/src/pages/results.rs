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
use crate::i18n::Locale;
use crate::i18n::{t, t_string, use_i18n};
use crate::locale::{I18n, use_href, use_page_locale};
use crate::model::followup::DecisionView;
use crate::model::result::{ProjectResult, RoundResultView, Why};
use crate::names;
use domain::channels::ChannelCount;

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

fn why_text(i18n: I18n, why: &Why, l: Locale) -> String {
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
        Why::OutsideAreas => t_string!(i18n, results.why_outside_areas).to_string(),
    }
}

/// One table of projects with their outcome.
fn project_table(
    i18n: I18n,
    caption: String,
    projects: &[&ProjectResult],
    l: Locale,
) -> impl IntoView + use<> {
    let with_decisions = projects.iter().any(|p| p.decision.is_some());
    let rows = projects
        .iter()
        .map(|p| {
            view! {
                <tr>
                    <th scope="row">{p.title.clone()}</th>
                    <td>{p.votes}{p.points.map(|pts| format!(" ({pts})"))}</td>
                    <td>{sek(l, p.cost)}</td>
                    <td>{if p.funded { t_string!(i18n, results.funded) } else { t_string!(i18n, results.not_funded) }}</td>
                    <td>{why_text(i18n, &p.why, l)}</td>
                    {with_decisions.then(|| view! { <td>{p.decision.as_ref().map(|d| decision_text(i18n, d))}</td> })}
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="table">
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, results.project)}</th>
                    <th scope="col">{t!(i18n, results.votes)}</th>
                    <th scope="col">{t!(i18n, results.cost)}</th>
                    <th scope="col">{t!(i18n, results.outcome)}</th>
                    <th scope="col">{t!(i18n, results.why)}</th>
                    {with_decisions.then(|| view! { <th scope="col">{t!(i18n, results.decision)}</th> })}
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// The politicians' decision on a project, with the motivation where it differs from the
/// residents' result, and the protocol reference.
pub(crate) fn decision_text(i18n: I18n, d: &DecisionView) -> AnyView {
    let motivation = d.motivation.clone().map(|m| {
        let class = if d.differs {
            "decision-motivation decision-motivation--differs"
        } else {
            "decision-motivation"
        };
        view! { <p class=class>{m}</p> }
    });
    let reference = t_string!(
        i18n,
        decision.reference,
        section = d.protocol_section.clone(),
        date = d.meeting_date.clone()
    )
    .to_string();
    let minutes = d
        .minutes_url
        .clone()
        .map(|url| view! { " " <a href=url>{t!(i18n, decision.minutes)}</a> });
    view! {
        <strong>{names::decision(i18n, d.outcome)}</strong>
        {d.differs.then(|| view! { " " <span class="badge">{t!(i18n, decision.differs)}</span> })}
        {motivation}
        <p class="decision-reference">{reference}{minutes}</p>
    }
    .into_any()
}

/// The projects in one table, or per area with each area's budget when the budget is split.
pub(crate) fn project_tables(i18n: I18n, r: &RoundResultView, l: Locale) -> impl IntoView + use<> {
    if r.areas.is_empty() {
        let all: Vec<&ProjectResult> = r.projects.iter().collect();
        return project_table(i18n, t_string!(i18n, results.caption).to_string(), &all, l)
            .into_any();
    }
    let mut sections: Vec<_> = r
        .areas
        .iter()
        .map(|a| {
            let projects: Vec<&ProjectResult> =
                r.projects.iter().filter(|p| p.area_id == Some(a.area_id)).collect();
            let heading_id = format!("area-{}", a.area_id);
            let labelled_by = heading_id.clone();
            view! {
                <section aria-labelledby=labelled_by>
                    <h2 id=heading_id>{a.name.clone()}</h2>
                    <p>{t!(i18n, results.area_summary, voters = a.voters, cost = sek(l, a.cost), budget = sek(l, a.budget))}</p>
                    {project_table(i18n, t_string!(i18n, results.area_caption, area = a.name.clone()).to_string(), &projects, l)}
                </section>
            }
            .into_any()
        })
        .collect();
    let outside: Vec<&ProjectResult> = r
        .projects
        .iter()
        .filter(|p| p.why == Why::OutsideAreas)
        .collect();
    if !outside.is_empty() {
        sections.push(
            view! {
                <section aria-labelledby="area-none">
                    <h2 id="area-none">{t!(i18n, results.outside_areas)}</h2>
                    {project_table(i18n, t_string!(i18n, results.outside_areas).to_string(), &outside, l)}
                </section>
            }
            .into_any(),
        );
    }
    sections.collect_view().into_any()
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
    let tables = project_tables(i18n, &r, l);
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
            <p><a href=href(&crate::paths::round(&r.slug))>{t!(i18n, vote.back_to_round)}</a></p>
            <h1>{heading}</h1>
            {publish_form}
            <p class="lead">{t!(i18n, results.summary, voters = r.voters, cost = sek(l, r.cost), budget = sek(l, r.budget))}</p>
            <p>{t!(i18n, results.rule, rule = names::rule(i18n, r.rule))}</p>
            {tables}
            <p>
                <a href=crate::paths::ballots_pb(&r.slug).into_string() download="">{t!(i18n, results.download)}</a>
                " " {t!(i18n, results.download_hint)}
            </p>
            {channel_table(i18n, &r.channels)}
        </div>
    }
}

/// Ballots per channel against the register: the check made when voting closed.
fn channel_table(i18n: I18n, channels: &[ChannelCount]) -> impl IntoView + use<> {
    let rows = channels
        .iter()
        .map(|c| {
            let name = match c.channel.as_str() {
                "online" => t_string!(i18n, results.channel_online).to_string(),
                "kiosk" => t_string!(i18n, results.channel_kiosk).to_string(),
                "assisted" => t_string!(i18n, results.channel_assisted).to_string(),
                "paper" => t_string!(i18n, results.channel_paper).to_string(),
                other => other.to_owned(),
            };
            let check = if c.mismatched() {
                t_string!(i18n, results.channel_mismatch)
            } else {
                t_string!(i18n, results.channel_agrees)
            };
            let registered = c.registered.map(|n| n.to_string()).unwrap_or_default();
            view! {
                <tr class:error=c.mismatched() data-channel=c.channel.clone()>
                    <th scope="row">{name}</th><td>{c.ballots}</td><td>{registered}</td><td>{check}</td>
                </tr>
            }
        })
        .collect_view();
    (!channels.is_empty()).then(|| {
        view! {
            <table class="table">
                <caption>{t!(i18n, results.channels_caption)}</caption>
                <thead><tr>
                    <th scope="col">{t!(i18n, results.channel)}</th>
                    <th scope="col">{t!(i18n, results.ballots)}</th>
                    <th scope="col">{t!(i18n, results.registered)}</th>
                    <th scope="col">{t!(i18n, results.check)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
    })
}
