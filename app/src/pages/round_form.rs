//! Staff configure a round: the texts, the allocation (total or per area), eligibility,
//! ballot format, counting rule, tie-break, criteria and dates; on a stored round also the
//! phase move (with the log of earlier moves) and the proposals waiting for review.

use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::proposals::list_proposals;
use crate::api::rounds::{ClearRoll, MovePhase, SaveRound, load_round_editor};
use crate::components::error_text::ErrorNotice;
use crate::components::field::{Control, ErrorSummary, Field, FormResult};
use crate::i18n::{t, t_string, use_i18n};
use crate::locale::{I18n, use_href, use_page_locale};
use crate::model::Choice;
use crate::model::proposal::ProposalFilter;
use crate::model::round::RoundEditor;
use crate::names;
use crate::names::phase_name;
use crate::pages::electoral_roll::roll_panel;
use domain::round::{BallotFormat, CountingRule, Residence, RoundForm, TieBreak, Verification};

/// A new round.
#[component]
pub fn NewRoundPage() -> impl IntoView {
    round_page(false)
}

/// A stored round's staff page.
#[component]
pub fn EditRoundPage() -> impl IntoView {
    round_page(true)
}

fn round_page(existing: bool) -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let save = ServerAction::<SaveRound>::new();
    let moves = ServerAction::<MovePhase>::new();
    let clear = ServerAction::<ClearRoll>::new();
    let editor = Resource::new(
        move || {
            let slug = if existing {
                params.read().get("slug").unwrap_or_default()
            } else {
                String::new()
            };
            (slug, moves.version().get() + clear.version().get())
        },
        |(slug, _)| load_round_editor(slug),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || editor.get().map(|result| match result {
                Ok(editor) => editor_view(i18n, editor, save, Actions { moves, clear }).into_any(),
                Err(error) => view! { <div class="page"><ErrorNotice error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

/// Select options from (value, label) pairs.
fn choices(pairs: impl Iterator<Item = (&'static str, String)>) -> Vec<Choice> {
    pairs
        .map(|(value, label)| Choice {
            value: value.to_owned(),
            label,
        })
        .collect()
}

/// The actions whose success reloads the editor.
#[derive(Clone, Copy)]
struct Actions {
    moves: ServerAction<MovePhase>,
    clear: ServerAction<ClearRoll>,
}

fn editor_view(
    i18n: I18n,
    editor: RoundEditor,
    save: ServerAction<SaveRound>,
    Actions { moves, clear }: Actions,
) -> impl IntoView {
    let href = use_href();
    let heading = match &editor.slug {
        Some(_) => editor.title.clone(),
        None => t_string!(i18n, round_form.new_title).to_string(),
    };
    view! {
        <Title text=heading.clone() />
        <div class="page">
            <p><a href=href(&crate::paths::staff())>{t!(i18n, staff.title)}</a></p>
            <h1>{heading}</h1>
            {flash(i18n)}
            {phase_section(i18n, &editor, moves)}
            {settings_form(i18n, &editor, save)}
            {editor.slug.clone().zip(editor.roll.clone()).map(|(slug, roll)| roll_panel(i18n, &slug, roll, clear))}
        </div>
    }
}

/// The confirmation after a save, a phase move or a review.
fn flash(i18n: I18n) -> impl IntoView {
    let query = use_query_map();
    move || {
        let q = query.read();
        let text = if q.get("saved").is_some() {
            t_string!(i18n, round_form.saved)
        } else if q.get("moved").is_some() {
            t_string!(i18n, round_form.moved)
        } else if q.get("reviewed").is_some() {
            t_string!(i18n, round_form.reviewed)
        } else {
            return None;
        };
        Some(view! { <p class="notice notice--success" role="status">{text}</p> })
    }
}

/// A stored round's phase: the move form, the log, the links to the round's other staff
/// pages, and the proposals waiting for review.
fn phase_section(
    i18n: I18n,
    editor: &RoundEditor,
    moves: ServerAction<MovePhase>,
) -> Option<impl IntoView + use<>> {
    let slug = editor.slug.clone()?;
    let href = use_href();
    let locale = use_page_locale();
    let move_result: FormResult = Signal::derive(move || moves.value().get());
    let targets = editor
        .moves
        .iter()
        .map(|p| Choice {
            value: p.as_str().to_owned(),
            label: phase_name(i18n, *p),
        })
        .collect::<Vec<_>>();
    let current = editor
        .phase
        .map(|p| phase_name(i18n, p))
        .unwrap_or_default();
    let log = editor
        .log
        .iter()
        .map(|entry| {
            let by = entry.by.clone().unwrap_or_else(|| t_string!(i18n, round_form.by_date).to_string());
            view! {
                <li>{entry.at.clone()} ": " {phase_name(i18n, entry.from)} " → " {phase_name(i18n, entry.to)} " (" {by} ")"</li>
            }
        })
        .collect_view();
    let links = [
        (
            crate::paths::round(&slug),
            t_string!(i18n, round_form.public_page),
        ),
        (
            crate::paths::staff_ballots(&slug),
            t_string!(i18n, round_form.ballots_link),
        ),
        (
            crate::paths::staff_mail(&slug),
            t_string!(i18n, round_form.mail_link),
        ),
        (
            crate::paths::participation(&slug),
            t_string!(i18n, round_form.participation_link),
        ),
        (
            crate::paths::political_review(&slug),
            t_string!(i18n, round_form.politics_link),
        ),
    ]
    .map(|(path, text)| view! { <p><a href=href(&path)>{text}</a></p> });
    let form_slug = slug.clone();
    Some(view! {
        <section class="panel" aria-labelledby="phase-heading">
            <h2 id="phase-heading">{t!(i18n, round_form.phase_heading)}</h2>
            <p>{t!(i18n, round_form.current_phase, phase = current)}</p>
            <ErrorSummary result=move_result />
            <ActionForm action=moves attr:class="form" attr:novalidate="">
                <input type="hidden" name="slug" value=form_slug />
                <input type="hidden" name="locale" value=move || locale.get().as_str() />
                <Field result=move_result name="to" label=t_string!(i18n, round_form.move_to).to_string()
                    control=Control::Select(targets) />
                <button type="submit" class="button">{t!(i18n, round_form.move_submit)}</button>
            </ActionForm>
            <h3>{t!(i18n, round_form.log)}</h3>
            <ul>{log}</ul>
            {links}
        </section>
        <ReviewQueue slug />
    })
}

/// The round's settings form, in fieldsets.
fn settings_form(
    i18n: I18n,
    editor: &RoundEditor,
    save: ServerAction<SaveRound>,
) -> impl IntoView + use<> {
    let locale = use_page_locale();
    let result: FormResult = Signal::derive(move || save.value().get());
    let form = &editor.form;
    let locked = !editor.ballot_settings_open;
    let namnd_field = (editor.slug.is_none() && editor.namnder.len() > 1).then(|| {
        view! {
            <Field result name="namnd_id" label=t_string!(i18n, round_form.namnd).to_string()
                control=Control::Select(editor.namnder.clone()) initial=editor.namnd_id.clone() />
        }
    });
    let hidden_namnd = (editor.namnder.len() == 1).then(|| editor.namnder[0].value.clone());
    let slug = editor.slug.clone().unwrap_or_default();
    let fieldsets = (
        texts_fieldset(i18n, result, form),
        money_fieldset(i18n, result, editor),
        eligibility_fieldset(i18n, result, form),
        voting_fieldset(i18n, result, form, locked),
    );
    let criteria = form.criteria.clone();
    let dates = dates_fieldset(i18n, result, form);
    view! {
        <section aria-labelledby="settings-heading">
            <h2 id="settings-heading">{t!(i18n, round_form.settings)}</h2>
            <ErrorSummary result />
            <ActionForm action=save attr:class="form" attr:novalidate="">
                <input type="hidden" name="slug" value=slug />
                <input type="hidden" name="locale" value=move || locale.get().as_str() />
                {hidden_namnd.map(|id| view! { <input type="hidden" name="namnd_id" value=id /> })}
                {namnd_field}
                {fieldsets}
                <Field result form="form" name="criteria" label=t_string!(i18n, round_form.criteria).to_string() hint=t_string!(i18n, round_form.criteria_hint).to_string() control=Control::Text(6) initial=criteria />
                {dates}
                <button type="submit" class="button">{t!(i18n, round_form.save)}</button>
            </ActionForm>
        </section>
    }
}

fn texts_fieldset(i18n: I18n, result: FormResult, form: &RoundForm) -> AnyView {
    view! {
        <fieldset class="fieldset">
            <legend>{t!(i18n, round_form.texts)}</legend>
            <Field result form="form" name="title_sv" label=t_string!(i18n, round_form.title_sv).to_string() initial=form.title_sv.clone() required=true />
            <Field result form="form" name="summary_sv" label=t_string!(i18n, round_form.summary_sv).to_string() control=Control::Text(5) initial=form.summary_sv.clone() required=true />
            <Field result form="form" name="easy_read_sv" label=t_string!(i18n, round_form.easy_read_sv).to_string() hint=t_string!(i18n, round_form.easy_read_hint).to_string() control=Control::Text(4) initial=form.easy_read_sv.clone() />
            <Field result form="form" name="title_en" label=t_string!(i18n, round_form.title_en).to_string() initial=form.title_en.clone() />
            <Field result form="form" name="summary_en" label=t_string!(i18n, round_form.summary_en).to_string() control=Control::Text(5) initial=form.summary_en.clone() />
        </fieldset>
    }
    .into_any()
}

/// The total and the amounts per area; locked once ballots may exist.
fn money_fieldset(i18n: I18n, result: FormResult, editor: &RoundEditor) -> AnyView {
    let locked = !editor.ballot_settings_open;
    let area_fields = editor
        .areas
        .iter()
        .map(|area| {
            let name = format!("area_budget[{}]", area.value);
            let initial = editor.area_budget.get(&area.value).cloned().unwrap_or_default();
            view! {
                <Field result name=name label=area.label.clone() initial inputmode="numeric" disabled=locked />
            }
        })
        .collect_view();
    view! {
        <fieldset class="fieldset">
            <legend>{t!(i18n, round_form.money)}</legend>
            {locked.then(|| view! { <p class="notice">{t!(i18n, round_form.locked)}</p> })}
            <Field result form="form" name="budget_total" label=t_string!(i18n, round_form.budget_total).to_string() hint=t_string!(i18n, round_form.budget_hint).to_string() initial=editor.form.budget_total.clone() inputmode="numeric" required=true disabled=locked />
            <fieldset class="fieldset" id="area_budget">
                <legend>{t!(i18n, round_form.area_budgets)}</legend>
                <p class="hint">{t!(i18n, round_form.area_budgets_hint)}</p>
                {area_fields}
            </fieldset>
        </fieldset>
    }
    .into_any()
}

fn eligibility_fieldset(i18n: I18n, result: FormResult, form: &RoundForm) -> AnyView {
    let residences = choices(
        Residence::ALL
            .iter()
            .map(|r| (r.as_str(), names::residence(i18n, *r))),
    );
    let verifications = choices(
        Verification::ALL
            .iter()
            .map(|r| (r.as_str(), names::verification(i18n, *r))),
    );
    view! {
        <fieldset class="fieldset">
            <legend>{t!(i18n, round_form.eligibility)}</legend>
            <Field result form="form" name="min_age" label=t_string!(i18n, round_form.min_age).to_string() initial=form.min_age.clone() inputmode="numeric" />
            <Field result form="form" name="max_age" label=t_string!(i18n, round_form.max_age).to_string() initial=form.max_age.clone() inputmode="numeric" />
            <Field result form="form" name="residence" label=t_string!(i18n, round_form.residence).to_string() control=Control::Select(residences) initial=form.residence.clone() />
            <Field result form="form" name="verification" label=t_string!(i18n, round_form.verification).to_string() control=Control::Select(verifications) initial=form.verification.clone() />
        </fieldset>
    }
    .into_any()
}

/// The ballot format, its limits, the counting rule and the tie-break; locked once ballots
/// may exist.
fn voting_fieldset(i18n: I18n, result: FormResult, form: &RoundForm, locked: bool) -> AnyView {
    let ballot_formats = choices(
        BallotFormat::ALL
            .iter()
            .map(|f| (f.as_str(), names::ballot_format(i18n, *f))),
    );
    let rules = choices(
        CountingRule::ALL
            .iter()
            .map(|r| (r.as_str(), names::rule(i18n, *r))),
    );
    let ties = choices(
        TieBreak::ALL
            .iter()
            .map(|r| (r.as_str(), names::tie_break(i18n, *r))),
    );
    view! {
        <fieldset class="fieldset">
            <legend>{t!(i18n, round_form.voting)}</legend>
            <Field result form="form" name="ballot_format" label=t_string!(i18n, round_form.ballot_format).to_string() control=Control::Select(ballot_formats) initial=form.ballot_format.clone() disabled=locked />
            <Field result form="form" name="max_choices" label=t_string!(i18n, round_form.max_choices).to_string() hint=t_string!(i18n, round_form.max_choices_hint).to_string() initial=form.max_choices.clone() inputmode="numeric" disabled=locked />
            <Field result form="form" name="points_total" label=t_string!(i18n, round_form.points_total).to_string() initial=form.points_total.clone() inputmode="numeric" disabled=locked />
            <Field result form="form" name="points_max_per_project" label=t_string!(i18n, round_form.points_max).to_string() initial=form.points_max_per_project.clone() inputmode="numeric" disabled=locked />
            <Field result form="form" name="rule" label=t_string!(i18n, round_form.rule).to_string() control=Control::Select(rules) initial=form.rule.clone() disabled=locked />
            <Field result form="form" name="tie_break" label=t_string!(i18n, round_form.tie_break).to_string() control=Control::Select(ties) initial=form.tie_break.clone() disabled=locked />
        </fieldset>
    }
    .into_any()
}

fn dates_fieldset(i18n: I18n, result: FormResult, form: &RoundForm) -> AnyView {
    view! {
        <fieldset class="fieldset">
            <legend>{t!(i18n, round_form.dates)}</legend>
            <p class="hint">{t!(i18n, round_form.dates_hint)}</p>
            <Field result form="form" name="information_date" label=phase_name(i18n, domain::Phase::Information) control=Control::Input("date") initial=form.information_date.clone() />
            <Field result form="form" name="proposals_date" label=phase_name(i18n, domain::Phase::Proposals) control=Control::Input("date") initial=form.proposals_date.clone() />
            <Field result form="form" name="review_date" label=phase_name(i18n, domain::Phase::Review) control=Control::Input("date") initial=form.review_date.clone() />
            <Field result form="form" name="voting_date" label=phase_name(i18n, domain::Phase::Voting) control=Control::Input("date") initial=form.voting_date.clone() />
            <Field result form="form" name="voting_end_date" label=t_string!(i18n, round_form.voting_end).to_string() control=Control::Input("date") initial=form.voting_end_date.clone() />
        </fieldset>
    }
    .into_any()
}

/// The proposals of a round that wait for review, with links to review them.
#[component]
fn ReviewQueue(slug: String) -> impl IntoView {
    let i18n = use_i18n();
    let href = use_href();
    let locale = use_page_locale();
    let filter = ProposalFilter {
        status: "submitted".to_owned(),
        page: 1,
        ..Default::default()
    };
    let queue = Resource::new(
        move || (slug.clone(), locale.get()),
        move |(slug, l)| list_proposals(slug, filter.clone(), l.as_str().to_owned()),
    );
    view! {
        <section class="panel" aria-labelledby="queue-heading">
            <h2 id="queue-heading">{t!(i18n, round_form.queue)}</h2>
            <Suspense fallback=|| ()>
                {move || queue.get().map(|result| match result {
                    Ok(page) if page.items.is_empty() => view! { <p>{t!(i18n, round_form.queue_empty)}</p> }.into_any(),
                    Ok(page) => view! {
                        <p>{t!(i18n, proposals.count, count = page.total)}</p>
                        <ul>
                            {page.items.into_iter().map(|p| view! {
                                <li><a href=href(&crate::paths::review(p.id))>{t!(i18n, round_form.review_link, title = p.title.clone())}</a></li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}
