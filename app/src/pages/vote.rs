//! Voting: the ballot (one "Rösta" button, no separate confirmation step) and the receipt.
//! Without JavaScript the server checks the ballot and explains what is wrong; with it, the
//! page also counts choices and kronor as you choose.

use domain::Code;
use std::collections::BTreeMap;

use domain::round::BallotFormat;
use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::participation::AnswerQuestions;
use crate::api::voting::{CastBallot, SaveVoterProfile, load_ballot, load_receipt};
use crate::components::error_text::{ErrorNotice, error_text};
use crate::components::field::{ErrorSummary, FormResult, shown_value};
use crate::components::format::sek;
use crate::i18n::{t, t_string, use_i18n};
use crate::locale::{I18n, use_href, use_page_locale};
use crate::model::voting::{BallotProject, BallotView};
use crate::pages::questions::{AskedAt, questions_form};

/// The ballot page.
#[component]
pub fn VotePage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_page_locale();
    let params = use_params_map();
    let action = ServerAction::<CastBallot>::new();
    let profile = ServerAction::<SaveVoterProfile>::new();
    let ballot = Resource::new(
        move || {
            (
                params.read().get("slug").unwrap_or_default(),
                locale.get(),
                profile.version().get(),
            )
        },
        |(slug, l, _)| load_ballot(slug, l.as_str().to_owned()),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || ballot.get().map(|result| match result {
                Ok(view) => view! {
                    {profile_form(i18n, &view, profile)}
                    {ballot_view(i18n, view, action)}
                }.into_any(),
                Err(error) => view! { <div class="page"><ErrorNotice error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

/// The eligibility questions, when the round asks something the voter has not answered or
/// their answers do not let them vote (so they can correct a mistake).
fn profile_form(
    i18n: I18n,
    ballot: &BallotView,
    action: ServerAction<SaveVoterProfile>,
) -> impl IntoView + use<> {
    use crate::components::field::{Control, Field};
    use crate::model::Choice;
    let asks = ballot.not_eligible.is_some_and(|code| {
        matches!(
            code,
            Code::ProfileNeeded
                | Code::NotEligibleTooYoung
                | Code::NotEligibleTooOld
                | Code::NotEligibleResidence
        )
    });
    let locale = use_page_locale();
    let result: FormResult = Signal::derive(move || action.value().get());
    let mut areas = vec![
        Choice {
            value: String::new(),
            label: t_string!(i18n, vote.choose_area).to_string(),
        },
        Choice {
            value: "none".into(),
            label: t_string!(i18n, vote.lives_elsewhere).to_string(),
        },
    ];
    areas.extend(ballot.areas.clone());
    let (slug, profile) = (ballot.slug.clone(), ballot.profile.clone());
    asks.then(move || view! {
        <div class="page page--narrow">
            <section class="panel" aria-labelledby="profile-heading">
                <h2 id="profile-heading">{t!(i18n, vote.profile_heading)}</h2>
                <p>{t!(i18n, vote.profile_lead)}</p>
                <ErrorSummary result />
                <ActionForm action attr:class="form" attr:novalidate="">
                    <input type="hidden" name="slug" value=slug />
                    <input type="hidden" name="locale" value=move || locale.get().as_str() />
                    {birth_year_field(i18n, result, profile.birth_year.clone(), profile.birth_year_verified)}
                    <Field result name="home_area" label=t_string!(i18n, vote.home_area).to_string()
                        control=Control::Select(areas) initial=profile.home_area />
                    <div class="checkbox">
                        <input type="checkbox" id="works_here" name="works_here" value="yes" checked=profile.works_here />
                        <label for="works_here">{t!(i18n, vote.works_here)}</label>
                    </div>
                    <button type="submit" class="button">{t!(i18n, vote.profile_submit)}</button>
                </ActionForm>
            </section>
        </div>
    })
}

/// The birth year: asked, or — when it came from an eID sign-in — shown and sent as it is
/// (the server keeps the verified one whatever is sent).
fn birth_year_field(i18n: I18n, result: FormResult, year: String, verified: bool) -> AnyView {
    use crate::components::field::Field;
    if verified {
        view! {
            <p>{t!(i18n, eid.verified_birth_year, year = year.clone())}</p>
            <input type="hidden" name="birth_year" value=year />
        }
        .into_any()
    } else {
        view! {
            <Field result name="birth_year" label=t_string!(i18n, vote.birth_year).to_string()
                initial=year inputmode="numeric" autocomplete="bday-year" required=true />
        }
        .into_any()
    }
}

fn ballot_view(i18n: I18n, ballot: BallotView, action: ServerAction<CastBallot>) -> impl IntoView {
    let locale = use_page_locale();
    let result: FormResult = Signal::derive(move || action.value().get());
    let heading = t_string!(i18n, vote.title, round = ballot.round_title.clone()).to_string();
    let can_vote = ballot.open && ballot.not_eligible.is_none();
    // What is chosen now, for the running count (with JavaScript).
    let chosen: RwSignal<BTreeMap<i64, i64>> = RwSignal::new(
        ballot
            .projects
            .iter()
            .filter(|p| ballot.current.choice.contains_key(&p.id.to_string()))
            .map(|p| (p.id, p.cost))
            .collect(),
    );
    let counter = counter(i18n, &ballot, chosen);
    let projects = ballot
        .projects
        .iter()
        .cloned()
        .map(|p| project_row(i18n, &ballot, p, result, chosen, "project"))
        .collect_view();
    view! {
        <Title text=heading.clone() />
        <div class="page">
            <h1>{heading}</h1>
            {notices(i18n, &ballot)}
            <p>{instructions(i18n, &ballot)}</p>
            <ErrorSummary result />
            <ActionForm action attr:class="form ballot" attr:novalidate="">
                <input type="hidden" name="slug" value=ballot.slug.clone() />
                <input type="hidden" name="locale" value=move || locale.get().as_str() />
                <fieldset class="fieldset" id="ballot">
                    <legend>{t!(i18n, vote.projects)}</legend>
                    <ul class="ballot-list">{projects}</ul>
                </fieldset>
                {counter}
                <button type="submit" class="button" disabled=!can_vote>{t!(i18n, vote.submit)}</button>
            </ActionForm>
            {ballot.kiosk.then(|| crate::components::kiosk_forms::hand_back_form(i18n, false))}
        </div>
    }
}

/// Why this person cannot vote (voting closed, not eligible), and whether they have voted.
fn notices(i18n: I18n, ballot: &BallotView) -> impl IntoView + use<> {
    let closed = (!ballot.open).then(|| view! { <p class="notice notice--error" role="alert">{error_text(i18n, Code::VotingClosed)}</p> });
    let refused = ballot.not_eligible.map(
        |code| view! { <p class="notice notice--error" role="alert">{error_text(i18n, code)}</p> },
    );
    let needs_eid = matches!(
        ballot.not_eligible,
        Some(Code::NotEligibleEid | Code::RollNeedsIdentity)
    );
    // A kiosk voter is identified by staff, not by signing in on the shared device.
    let eid = (ballot.open && needs_eid && !ballot.kiosk).then(|| {
        let pathname = leptos_router::hooks::use_location().pathname;
        view! {
            <section class="panel" aria-labelledby="eid-heading">
                <h2 id="eid-heading">{t!(i18n, eid.title)}</h2>
                <p>{t!(i18n, eid.offer_lead)}</p>
                <crate::components::eid::EidSignIn back=pathname />
                <p>{t!(i18n, eid.in_person)}</p>
            </section>
        }
    });
    let voted = ballot
        .has_voted
        .then(|| view! { <p class="notice">{t!(i18n, vote.already_voted)}</p> });
    view! {
        {closed}
        {refused}
        {eid}
        {voted}
    }
}

/// How to fill in this round's ballot format.
fn instructions(i18n: I18n, ballot: &BallotView) -> String {
    let l = use_page_locale().get_untracked();
    match ballot.format {
        BallotFormat::Approval => t_string!(
            i18n,
            vote.how_approval,
            count = ballot.max_choices.unwrap_or(0)
        )
        .to_string(),
        BallotFormat::Knapsack => {
            t_string!(i18n, vote.how_knapsack, budget = sek(l, ballot.budget)).to_string()
        }
        BallotFormat::Cumulative => t_string!(
            i18n,
            vote.how_cumulative,
            points = ballot.points_total.unwrap_or(0),
            max = ballot.points_max_per_project.unwrap_or(0)
        )
        .to_string(),
        BallotFormat::Ranked => t_string!(
            i18n,
            vote.how_ranked,
            count = ballot.max_choices.unwrap_or(0)
        )
        .to_string(),
    }
}

/// The running count of choices or kronor as you choose (with JavaScript), for approval and
/// knapsack ballots.
fn counter(
    i18n: I18n,
    ballot: &BallotView,
    chosen: RwSignal<BTreeMap<i64, i64>>,
) -> Option<impl IntoView + use<>> {
    let l = use_page_locale().get_untracked();
    let (max, budget, format) = (ballot.max_choices, ballot.budget, ballot.format);
    matches!(format, BallotFormat::Approval | BallotFormat::Knapsack).then(|| {
        view! {
            <p class="ballot-counter" aria-live="polite">
                {move || {
                    let picked = chosen.get();
                    let total: i64 = picked.values().sum();
                    match format {
                        BallotFormat::Knapsack => t_string!(i18n, vote.used_budget, used = sek(l, total), budget = sek(l, budget)).to_string(),
                        _ => t_string!(i18n, vote.chosen_count, count = picked.len(), max = max.unwrap_or(0)).to_string(),
                    }
                }}
            </p>
        }
    })
}

pub(crate) fn project_row(
    i18n: I18n,
    ballot: &BallotView,
    p: BallotProject,
    result: FormResult,
    chosen: RwSignal<BTreeMap<i64, i64>>,
    id_prefix: &'static str,
) -> impl IntoView + use<> {
    let l = use_page_locale().get_untracked();
    let key = p.id.to_string();
    let input_id = format!("{id_prefix}-{}", p.id);
    let label = view! {
        <label for=input_id.clone()>
            <span class="ballot-list__title">{p.title.clone()}</span>
            " · " {sek(l, p.cost)}
            {p.area.clone().map(|a| format!(" · {a}"))}
        </label>
    };
    let control = match ballot.format {
        BallotFormat::Approval | BallotFormat::Knapsack => {
            let field = format!("choice[{key}]");
            let initial = ballot.current.choice.get(&key).cloned().unwrap_or_default();
            let value = shown_value(result, field.clone(), initial);
            let checked = move || !value().is_empty();
            let (id, cost) = (p.id, p.cost);
            view! {
                <input type="checkbox" id=input_id.clone() name=format!("ballot[choice][{key}]") value=key.clone()
                    checked=checked.clone() prop:checked=checked
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        chosen.update(|c| { if on { c.insert(id, cost); } else { c.remove(&id); } });
                    } />
            }
            .into_any()
        }
        BallotFormat::Cumulative | BallotFormat::Ranked => {
            let (map, field) = if ballot.format == BallotFormat::Cumulative {
                (&ballot.current.points, "points")
            } else {
                (&ballot.current.rank, "rank")
            };
            let initial = map.get(&key).cloned().unwrap_or_default();
            let value = shown_value(result, format!("{field}[{key}]"), initial);
            view! {
                <input type="text" inputmode="numeric" class="ballot-list__number" id=input_id.clone()
                    name=format!("ballot[{field}][{key}]") prop:value=value.clone() value=value />
            }
            .into_any()
        }
    };
    let _ = i18n;
    view! {
        <li class="ballot-list__item">
            {control}
            {label}
            <p class="ballot-list__description">{p.description}</p>
        </li>
    }
}

/// The receipt page.
#[component]
pub fn ReceiptPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_page_locale();
    let params = use_params_map();
    let href = use_href();
    let answer = ServerAction::<AnswerQuestions>::new();
    let query = use_query_map();
    let receipt = Resource::new(
        move || {
            (
                params.read().get("slug").unwrap_or_default(),
                locale.get(),
                answer.version().get(),
            )
        },
        |(slug, l, _)| load_receipt(slug, l.as_str().to_owned()),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || receipt.get().map(|result| match result {
                Ok(r) => {
                    let heading = t_string!(i18n, vote.receipt_title, round = r.round_title.clone()).to_string();
                    let lines = r.lines.into_iter().map(|line| {
                        let detail = match (line.points, line.rank) {
                            (Some(points), _) => Some(t_string!(i18n, vote.points_detail, points = points).to_string()),
                            (_, Some(rank)) => Some(t_string!(i18n, vote.rank_detail, rank = rank).to_string()),
                            _ => None,
                        };
                        view! { <li>{line.title}{detail.map(|d| format!(" ({d})"))}</li> }
                    }).collect_view();
                    view! {
                        <Title text=heading.clone() />
                        <div class="page page--narrow">
                            <h1>{heading}</h1>
                            <p class="notice notice--success" role="status">{t!(i18n, vote.receipt_lead)}</p>
                            <h2>{t!(i18n, vote.you_chose)}</h2>
                            <ul>{lines}</ul>
                            {r.open.then(|| view! {
                                <p>{t!(i18n, vote.change_hint)} " "
                                    <a href=href(&crate::paths::vote(&r.slug))>{t!(i18n, vote.change_link)}</a>
                                </p>
                            })}
                            <p>{t!(i18n, vote.secret_hint)}</p>
                            <p><a href=href(&crate::paths::round(&r.slug))>{t!(i18n, vote.back_to_round)}</a></p>
                            {(!r.answered).then(|| questions_form(i18n, r.slug.clone(), r.areas.clone(), answer, AskedAt::Receipt))}
                            {(r.answered && query.read().get("answered").is_some()).then(|| view! {
                                <p class="notice notice--success" role="status">{t!(i18n, participation.answers_thanks)}</p>
                            })}
                        </div>
                    }.into_any()
                }
                Err(error) => view! { <div class="page"><ErrorNotice error /></div> }.into_any(),
            })}
        </Suspense>
    }
}
