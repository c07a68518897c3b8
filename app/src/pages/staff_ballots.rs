//! Staff enter ballots: assisted voting for a person verified in person (stored exactly like
//! their own ballot), and paper ballots, each typed in by two staff members and compared.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::voting::{AssistVote, EnterPaperBallot, SavePaperRoll, load_staff_ballot};
use crate::components::error_text::ErrorNotice;
use crate::components::field::{Control, ErrorSummary, Field, FormResult};
use crate::components::kiosk_forms::id_documents;
use crate::i18n::{t, t_string, use_i18n};
use crate::locale::{I18n, use_href, use_page_locale};
use crate::model::voting::{BallotView, PaperState, PaperStatus, PaperView};
use crate::pages::vote::project_row;

/// The staff ballots page.
#[component]
pub fn StaffBallotsPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_page_locale();
    let params = use_params_map();
    let assist = ServerAction::<AssistVote>::new();
    let paper = ServerAction::<EnterPaperBallot>::new();
    let roll = ServerAction::<SavePaperRoll>::new();
    let data = Resource::new(
        move || {
            (
                params.read().get("slug").unwrap_or_default(),
                locale.get(),
                assist.version().get() + paper.version().get() + roll.version().get(),
            )
        },
        |(slug, l, _)| load_staff_ballot(slug, l.as_str().to_owned()),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || data.get().map(|r| match r {
                Ok((ballot, view)) => page(i18n, ballot, view, Actions { assist, paper, roll }).into_any(),
                Err(error) => view! { <div class="page"><ErrorNotice error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

fn ballot_fields(
    i18n: I18n,
    ballot: &BallotView,
    result: FormResult,
    id: &'static str,
) -> impl IntoView + use<> {
    let chosen = RwSignal::new(BTreeMap::new());
    let rows = ballot
        .projects
        .iter()
        .cloned()
        .map(|p| project_row(i18n, ballot, p, result, chosen, id))
        .collect_view();
    view! {
        <fieldset class="fieldset">
            <legend>{t!(i18n, vote.projects)}</legend>
            <ul class="ballot-list">{rows}</ul>
        </fieldset>
    }
}

/// The page's forms.
#[derive(Clone, Copy)]
struct Actions {
    assist: ServerAction<AssistVote>,
    paper: ServerAction<EnterPaperBallot>,
    roll: ServerAction<SavePaperRoll>,
}

fn page(i18n: I18n, ballot: BallotView, view: PaperView, actions: Actions) -> impl IntoView {
    let href = use_href();
    let kiosk_start = crate::components::kiosk_forms::start_form(i18n, ballot.slug.clone());
    let heading = t_string!(
        i18n,
        staff_ballots.title,
        round = ballot.round_title.clone()
    )
    .to_string();
    let round_link = href(&crate::paths::staff_round(&ballot.slug));
    view! {
        <Title text=heading.clone() />
        <div class="page">
            <p><a href=round_link>{ballot.round_title.clone()}</a></p>
            <h1>{heading}</h1>
            {flash(i18n)}
            {assist_panel(i18n, &ballot, actions.assist)}
            {roll_panel(i18n, &ballot.slug, view.roll, actions.roll)}
            {paper_panel(i18n, &ballot, view.statuses, actions.paper)}
            {kiosk_start}
        </div>
    }
}

/// The confirmation after an assisted vote or a paper ballot.
fn flash(i18n: I18n) -> impl IntoView {
    let query = use_query_map();
    move || {
        let q = query.read();
        let text = if q.get("assisted").is_some() {
            t_string!(i18n, staff_ballots.flash_assisted)
        } else if q.get("roll").is_some() {
            t_string!(i18n, staff_ballots.flash_roll)
        } else {
            match q.get("paper").as_deref() {
                Some("waiting") => t_string!(i18n, staff_ballots.flash_waiting),
                Some("matched") => t_string!(i18n, staff_ballots.flash_matched),
                Some("mismatch") => t_string!(i18n, staff_ballots.flash_mismatch),
                _ => return None,
            }
        };
        Some(view! { <p class="notice notice--success" role="status">{text}</p> })
    }
}

/// Assisted voting: the voter's address and their choices.
fn assist_panel(
    i18n: I18n,
    ballot: &BallotView,
    assist: ServerAction<AssistVote>,
) -> impl IntoView + use<> {
    let locale = use_page_locale();
    let assist_result: FormResult = Signal::derive(move || assist.value().get());
    let assist_fields = ballot_fields(i18n, ballot, assist_result, "assist");
    let slug = ballot.slug.clone();
    view! {
        <section class="panel" aria-labelledby="assist-heading">
            <h2 id="assist-heading">{t!(i18n, staff_ballots.assist_heading)}</h2>
            <p>{t!(i18n, staff_ballots.assist_lead)}</p>
            <ErrorSummary result=assist_result />
            <ActionForm action=assist attr:class="form" attr:novalidate="">
                <input type="hidden" name="slug" value=slug />
                <input type="hidden" name="locale" value=move || locale.get().as_str() />
                <Field result=assist_result name="email" label=t_string!(i18n, staff_ballots.email).to_string()
                    control=Control::Input("email") autocomplete="off" required=true />
                <Field result=assist_result name="id_document" label=t_string!(i18n, id_document.label).to_string()
                    hint=t_string!(i18n, id_document.hint).to_string() control=Control::Select(id_documents(i18n)) required=true />
                <Field result=assist_result name="identity_number" label=t_string!(i18n, id_document.number).to_string()
                    hint=t_string!(i18n, id_document.number_hint).to_string() inputmode="numeric" autocomplete="off" />
                {assist_fields}
                <button type="submit" class="button">{t!(i18n, staff_ballots.assist_submit)}</button>
            </ActionForm>
        </section>
    }
}

/// The round's printed paper serials and the number checked off the paper voter list.
fn roll_panel(
    i18n: I18n,
    slug: &str,
    roll: domain::paper::PaperRollForm,
    action: ServerAction<SavePaperRoll>,
) -> impl IntoView + use<> {
    let locale = use_page_locale();
    let result: FormResult = Signal::derive(move || action.value().get());
    let slug = slug.to_owned();
    view! {
        <section class="panel" aria-labelledby="roll-heading">
            <h2 id="roll-heading">{t!(i18n, staff_ballots.roll_heading)}</h2>
            <p>{t!(i18n, staff_ballots.roll_lead)}</p>
            <ErrorSummary result />
            <ActionForm action attr:class="form" attr:novalidate="">
                <input type="hidden" name="slug" value=slug />
                <input type="hidden" name="locale" value=move || locale.get().as_str() />
                <Field result form="form" name="first_serial" label=t_string!(i18n, staff_ballots.first_serial).to_string()
                    initial=roll.first_serial required=true />
                <Field result form="form" name="last_serial" label=t_string!(i18n, staff_ballots.last_serial).to_string()
                    initial=roll.last_serial required=true />
                <Field result form="form" name="checked_off" label=t_string!(i18n, staff_ballots.checked_off).to_string()
                    hint=t_string!(i18n, staff_ballots.checked_off_hint).to_string() initial=roll.checked_off inputmode="numeric" />
                <button type="submit" class="button">{t!(i18n, staff_ballots.roll_submit)}</button>
            </ActionForm>
        </section>
    }
}

/// Paper ballots: the serial and the choices, and the ballots typed in so far.
fn paper_panel(
    i18n: I18n,
    ballot: &BallotView,
    statuses: Vec<PaperStatus>,
    paper: ServerAction<EnterPaperBallot>,
) -> impl IntoView + use<> {
    let locale = use_page_locale();
    let paper_result: FormResult = Signal::derive(move || paper.value().get());
    let paper_fields = ballot_fields(i18n, ballot, paper_result, "paper");
    let slug = ballot.slug.clone();
    view! {
        <section class="panel" aria-labelledby="paper-heading">
            <h2 id="paper-heading">{t!(i18n, staff_ballots.paper_heading)}</h2>
            <p>{t!(i18n, staff_ballots.paper_lead)}</p>
            <ErrorSummary result=paper_result />
            <ActionForm action=paper attr:class="form" attr:novalidate="">
                <input type="hidden" name="slug" value=slug />
                <input type="hidden" name="locale" value=move || locale.get().as_str() />
                <Field result=paper_result name="serial" label=t_string!(i18n, staff_ballots.serial).to_string() required=true />
                {paper_fields}
                <button type="submit" class="button">{t!(i18n, staff_ballots.paper_submit)}</button>
            </ActionForm>
            {paper_table(i18n, statuses)}
        </section>
    }
}

/// Each paper ballot's serial, how many have typed it in, and whether the entries match.
fn paper_table(i18n: I18n, statuses: Vec<PaperStatus>) -> impl IntoView {
    let rows = statuses
        .into_iter()
        .map(|p| {
            let state = match p.state {
                PaperState::Waiting => t_string!(i18n, staff_ballots.state_waiting),
                PaperState::Matched => t_string!(i18n, staff_ballots.state_matched),
                PaperState::Mismatch => t_string!(i18n, staff_ballots.state_mismatch),
            };
            view! { <tr class:error=p.state == PaperState::Mismatch><td>{p.serial}</td><td>{p.entries}</td><td>{state}</td></tr> }
        })
        .collect_view();
    view! {
        <table class="table">
            <caption>{t!(i18n, staff_ballots.paper_caption)}</caption>
            <thead><tr>
                <th scope="col">{t!(i18n, staff_ballots.serial)}</th>
                <th scope="col">{t!(i18n, staff_ballots.entries)}</th>
                <th scope="col">{t!(i18n, staff_ballots.state)}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
