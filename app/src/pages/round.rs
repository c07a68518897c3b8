//! The public page of a round: what it is about, the money, the rules, the timeline with the
//! current phase, and the way to its proposals.

use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::rounds::round_page;
use crate::api::subscriptions::Subscribe;
use crate::components::error_text::ErrorNotice;
use crate::components::field::{Control, ErrorSummary, Field, FormResult};
use crate::components::format::sek;
use crate::i18n::{t, t_string, use_i18n};
use crate::locale::{I18n, use_href, use_page_locale};
use crate::model::round::RoundView;
use crate::names;
use crate::names::phase_name;
use domain::round::{BallotFormat, Residence, RoundSettings};

/// The round page.
#[component]
pub fn RoundPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_page_locale();
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let subscribe = ServerAction::<Subscribe>::new();
    let round = Resource::new(
        move || (slug(), locale.get()),
        |(slug, l)| round_page(slug, l.as_str().to_owned()),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || round.get().map(|result| match result {
                Ok(round) => round_view(i18n, round, subscribe).into_any(),
                Err(error) => view! { <div class="page"><ErrorNotice error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

fn round_view(i18n: I18n, round: RoundView, subscribe: ServerAction<Subscribe>) -> impl IntoView {
    let title = round.title.clone();
    view! {
        <Title text=title.clone() />
        <div class="page">
            <p class="meta">{round.namnd.clone()}</p>
            <h1>{title}</h1>
            <p class="meta"><span class="badge">{t!(i18n, home.phase, phase = phase_name(i18n, round.phase))}</span></p>
            <p class="lead">{round.summary.clone()}</p>
            {actions(i18n, &round)}
            {own_proposals(i18n, &round)}
            {round.settings.easy_read_sv.clone().map(|text| view! {
                <section class="easy-read" aria-labelledby="easy-read-heading">
                    <h2 id="easy-read-heading">{t!(i18n, round.easy_read)}</h2>
                    <p>{text}</p>
                </section>
            })}
            {timeline(i18n, &round)}
            {money(i18n, &round)}
            {rules(i18n, &round.settings, round.has_roll)}
            {follow_form(i18n, round.slug.clone(), subscribe)}
            {(round.phase >= domain::Phase::Deliberation).then(|| open_data(i18n, &round.slug))}
        </div>
    }
}

/// What a visitor can do in this phase: read, vote, see results, propose, manage, review.
fn actions(i18n: I18n, round: &RoundView) -> impl IntoView + use<> {
    let href = use_href();
    let slug = &round.slug;
    let phase = round.phase;
    view! {
        <div class="actions">
            <a class="button" href=href(&crate::paths::proposals(slug))>{t!(i18n, round.see_proposals)}</a>
            {(phase == domain::Phase::Voting).then(|| view! {
                <a class="button" href=href(&crate::paths::vote(slug))>{t!(i18n, round.vote)}</a>
            })}
            {(phase >= domain::Phase::Deliberation).then(|| view! {
                <a class="button button--secondary" href=href(&crate::paths::results(slug))>{t!(i18n, round.results)}</a>
            })}
            {(phase == domain::Phase::Proposals).then(|| view! {
                <a class="button button--secondary" href=href(&crate::paths::propose(slug))>{t!(i18n, round.propose)}</a>
            })}
            {round.managed_by_viewer.then(|| view! {
                <a class="button button--secondary" href=href(&crate::paths::staff_round(slug))>{t!(i18n, round.manage)}</a>
            })}
            {(round.deliberated_by_viewer && phase >= domain::Phase::Deliberation).then(|| view! {
                <a class="button button--secondary" href=href(&crate::paths::political_review(slug))>{t!(i18n, round.political_review)}</a>
            })}
        </div>
    }
}

/// The viewer's own proposals, editable while proposals are open.
fn own_proposals(i18n: I18n, round: &RoundView) -> Option<impl IntoView + use<>> {
    if round.own_proposals.is_empty() {
        return None;
    }
    let href = use_href();
    let proposals_open = round.phase == domain::Phase::Proposals;
    let items = round.own_proposals.iter().map(|p| {
        let link = if proposals_open && p.status.is_editable() {
            href(&crate::paths::edit_proposal(&round.slug, p.id))
        } else {
            href(&crate::paths::proposal(&round.slug, p.id))
        };
        view! { <li><a href=link>{p.title.clone()}</a> " (" {names::status(i18n, p.status)} ")"</li> }
    }).collect_view();
    Some(view! {
        <section class="panel" aria-labelledby="own-heading">
            <h2 id="own-heading">{t!(i18n, round.own_proposals)}</h2>
            <ul>{items}</ul>
        </section>
    })
}

/// The phases with their dates, the current one marked.
fn timeline(i18n: I18n, round: &RoundView) -> impl IntoView + use<> {
    let steps = round
        .timeline
        .iter()
        .map(|entry| {
            let current = entry.phase == round.phase;
            let done = entry.phase < round.phase;
            view! {
                <li class="timeline__step" class:timeline__step--current=current class:timeline__step--done=done
                    aria-current=current.then_some("step")>
                    <span class="timeline__name">{phase_name(i18n, entry.phase)}</span>
                    {entry.date.clone().map(|d| view! { " " <span class="timeline__date">{d}</span> })}
                    {current.then(|| view! { " " <span class="badge">{t!(i18n, round.now)}</span> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">{t!(i18n, round.timeline)}</h2>
            <ol class="timeline">{steps}</ol>
        </section>
    }
}

/// The allocation, and its split per area when there is one.
fn money(i18n: I18n, round: &RoundView) -> impl IntoView + use<> {
    let locale = i18n.get_locale_untracked();
    let area_budgets = (!round.area_budgets.is_empty()).then(|| {
        let rows = round
            .area_budgets
            .iter()
            .map(|b| view! { <li>{b.area.clone()} ": " {sek(locale, b.amount)}</li> })
            .collect_view();
        view! { <ul class="plain-list">{rows}</ul> }
    });
    view! {
        <section aria-labelledby="money-heading">
            <h2 id="money-heading">{t!(i18n, round.money)}</h2>
            <p>{t!(i18n, round.budget, amount = sek(locale, round.budget_total))}</p>
            {area_budgets}
        </section>
    }
}

/// How residence is checked: against the round's electoral roll, or by the voter's word.
fn residence_note(i18n: I18n, residence: Residence, has_roll: bool) -> Option<impl IntoView> {
    if has_roll {
        Some(view! { <p data-residence="roll">{t!(i18n, round.residence_roll)}</p> }.into_any())
    } else if residence != Residence::Anyone {
        Some(
            view! { <p data-residence="declared">{t!(i18n, round.residence_declared)}</p> }
                .into_any(),
        )
    } else {
        None
    }
}

/// Who may take part, the ballot, the counting rule and the screening criteria.
fn rules(i18n: I18n, settings: &RoundSettings, has_roll: bool) -> impl IntoView + use<> {
    let age = match (settings.min_age, settings.max_age) {
        (Some(min), Some(max)) => {
            Some(t_string!(i18n, round.age_between, min = min, max = max).to_string())
        }
        (Some(min), None) => Some(t_string!(i18n, round.age_from, min = min).to_string()),
        (None, Some(max)) => Some(t_string!(i18n, round.age_up_to, max = max).to_string()),
        (None, None) => None,
    };
    let choices = match settings.ballot_format {
        BallotFormat::Approval | BallotFormat::Ranked => settings
            .max_choices
            .map(|k| t_string!(i18n, round.max_choices, count = k).to_string()),
        BallotFormat::Cumulative => settings
            .points_total
            .map(|p| t_string!(i18n, round.points, count = p).to_string()),
        BallotFormat::Knapsack => None,
    };
    let criteria = settings
        .criteria
        .iter()
        .map(|c| view! { <li>{c.clone()}</li> })
        .collect_view();
    view! {
        <section aria-labelledby="rules-heading">
            <h2 id="rules-heading">{t!(i18n, round.rules)}</h2>
            <dl class="facts">
                <dt>{t!(i18n, round.who_may_take_part)}</dt>
                <dd>{names::residence(i18n, settings.residence)}{age.map(|a| format!(", {a}"))}</dd>
                <dt>{t!(i18n, round.verification)}</dt>
                <dd>{names::verification(i18n, settings.verification)}</dd>
                <dt>{t!(i18n, round.ballot)}</dt>
                <dd>{names::ballot_format(i18n, settings.ballot_format)}{choices.map(|c| format!(", {c}"))}</dd>
                <dt>{t!(i18n, round.rule)}</dt>
                <dd>{names::rule(i18n, settings.rule)}</dd>
                <dt>{t!(i18n, round.tie_break)}</dt>
                <dd>{names::tie_break(i18n, settings.tie_break)}</dd>
            </dl>
            {(settings.verification == domain::round::Verification::EId)
                .then(|| view! { <p>{t!(i18n, eid.round_why)}</p> })}
            {residence_note(i18n, settings.residence, has_roll)}
            <h3>{t!(i18n, round.criteria)}</h3>
            <ul>{criteria}</ul>
        </section>
    }
}

/// The round's open data, once the votes are counted.
fn open_data(i18n: I18n, slug: &str) -> impl IntoView + use<> {
    let href = use_href();
    view! {
        <section aria-labelledby="open-data-heading">
            <h2 id="open-data-heading">{t!(i18n, open_data.heading)}</h2>
            <p>{t!(i18n, open_data.lead)}</p>
            <ul>
                <li><a href=crate::paths::open_data_csv(slug).into_string()>{t!(i18n, open_data.csv)}</a></li>
                <li><a href=crate::paths::open_data_json(slug).into_string()>{t!(i18n, open_data.json)}</a></li>
                <li><a href=crate::paths::ballots_pb(slug).into_string()>{t!(i18n, open_data.pabulib)}</a></li>
                <li><a href=href(&crate::paths::evaluation(slug))>{t!(i18n, evaluation.link)}</a></li>
            </ul>
        </section>
    }
}

/// "Follow this round by email": an address, double opt-in.
fn follow_form(i18n: I18n, slug: String, subscribe: ServerAction<Subscribe>) -> impl IntoView {
    let locale = use_page_locale();
    let query = use_query_map();
    let result: FormResult = Signal::derive(move || subscribe.value().get());
    let sent = move || {
        query.read().get("subscribed").map(|_| {
            view! { <p class="notice notice--success" role="status">{t!(i18n, round.follow_sent)}</p> }
        })
    };
    view! {
        <section class="panel" aria-labelledby="follow-heading">
            <h2 id="follow-heading">{t!(i18n, round.follow)}</h2>
            <p>{t!(i18n, round.follow_lead)}</p>
            {sent}
            <ErrorSummary result />
            <ActionForm action=subscribe attr:class="form" attr:novalidate="">
                <input type="hidden" name="slug" value=slug />
                <input type="hidden" name="locale" value=move || locale.get().as_str() />
                <Field result form="form" name="email" label=t_string!(i18n, round.follow_email).to_string()
                    control=Control::Input("email") autocomplete="email" required=true />
                <button type="submit" class="button button--secondary">{t!(i18n, round.follow_button)}</button>
            </ActionForm>
        </section>
    }
}
