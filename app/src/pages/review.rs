//! Staff review one proposal: the round's criteria as a checklist, feasible or not, the
//! public reason, the staff's cost estimate, an internal note; and merging a duplicate into
//! another proposal of the round.

use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::review::{MergeProposal, SaveReview, load_review_editor};
use crate::components::error_text::ErrorNotice;
use crate::components::field::{Control, ErrorSummary, Field, FieldErrorText, FormResult};
use crate::components::format::sek;
use crate::i18n::{t, t_string, use_i18n};
use crate::locale::{I18n, use_href, use_page_locale};
use crate::model::Choice;
use crate::model::proposal::ReviewEditor;

/// The review page.
#[component]
pub fn ReviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_page_locale();
    let params = use_params_map();
    let save = ServerAction::<SaveReview>::new();
    let merge = ServerAction::<MergeProposal>::new();
    let editor = Resource::new(
        move || {
            (
                params
                    .read()
                    .get("id")
                    .and_then(|id| id.parse::<i64>().ok())
                    .unwrap_or(0),
                locale.get(),
            )
        },
        |(id, l)| load_review_editor(id, l.as_str().to_owned()),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || editor.get().map(|result| match result {
                Ok(editor) => review_view(i18n, editor, save, merge).into_any(),
                Err(error) => view! { <div class="page"><ErrorNotice error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

fn review_view(
    i18n: I18n,
    editor: ReviewEditor,
    save: ServerAction<SaveReview>,
    merge: ServerAction<MergeProposal>,
) -> impl IntoView {
    let href = use_href();
    let p = editor.proposal.clone();
    let heading = t_string!(i18n, review.title, title = p.title.clone()).to_string();
    view! {
        <Title text=heading.clone() />
        <div class="page">
            <p><a href=href(&crate::paths::staff_round(&p.round_slug))>{p.round_title.clone()}</a></p>
            <h1>{heading}</h1>
            {proposal_panel(i18n, &editor)}
            {review_form(i18n, &editor, save)}
            {merge_panel(i18n, &editor, merge)}
        </div>
    }
}

/// The proposal as its author wrote it, with a link to its public page.
fn proposal_panel(i18n: I18n, editor: &ReviewEditor) -> impl IntoView + use<> {
    let href = use_href();
    let l = use_page_locale().get_untracked();
    let p = editor.proposal.clone();
    view! {
        <section class="panel" aria-labelledby="proposal-heading">
            <h2 id="proposal-heading">{t!(i18n, review.proposal)}</h2>
            <p class="description">{p.description.clone()}</p>
            <p>{t!(i18n, proposal.cost, amount = sek(l, p.cost))}</p>
            {p.area.clone().map(|a| view! { <p>{t!(i18n, proposal.area)} ": " {a}</p> })}
            {p.place.clone().map(|a| view! { <p>{t!(i18n, proposal.place)} ": " {a}</p> })}
            <p><a href=href(&crate::paths::proposal(&p.round_slug, p.id))>{t!(i18n, review.public_page)}</a></p>
        </section>
    }
}

/// The review: the criteria met, feasible or not, the public reason, the staff's cost and an
/// internal note.
fn review_form(
    i18n: I18n,
    editor: &ReviewEditor,
    save: ServerAction<SaveReview>,
) -> impl IntoView + use<> {
    let locale = use_page_locale();
    let l = locale.get_untracked();
    let result: FormResult = Signal::derive(move || save.value().get());
    let id = editor.proposal.id;
    let boxes = criteria(editor, result);
    let max = sek(l, editor.budget_total);
    let (feasible, reason) = (editor.feasibility.clone(), editor.reason.clone());
    let (staff_cost, note) = (editor.staff_cost.clone(), editor.internal_note.clone());
    let feasibility = vec![
        choice("", t_string!(i18n, review.choose)),
        choice("feasible", t_string!(i18n, status.feasible)),
        choice("not_feasible", t_string!(i18n, status.not_feasible)),
    ];
    view! {
        <ErrorSummary result />
        <ActionForm action=save attr:class="form" attr:novalidate="">
            <input type="hidden" name="id" value=id />
            <input type="hidden" name="locale" value=move || locale.get().as_str() />
            <fieldset class="fieldset" id="criteria">
                <legend>{t!(i18n, review.criteria)}</legend>
                <FieldErrorText result field="criteria" />
                {boxes}
            </fieldset>
            <Field result form="form" name="feasibility" label=t_string!(i18n, review.feasibility).to_string()
                control=Control::Select(feasibility) initial=feasible required=true />
            <Field result form="form" name="reason" label=t_string!(i18n, review.reason).to_string()
                hint=t_string!(i18n, review.reason_hint).to_string() control=Control::Text(4) initial=reason />
            <Field result form="form" name="staff_cost" label=t_string!(i18n, review.staff_cost).to_string()
                hint=t_string!(i18n, review.staff_cost_hint, max = max).to_string()
                initial=staff_cost inputmode="numeric" />
            <Field result form="form" name="internal_note" label=t_string!(i18n, review.internal_note).to_string()
                hint=t_string!(i18n, review.internal_note_hint).to_string() control=Control::Text(3) initial=note />
            <button type="submit" class="button">{t!(i18n, review.save)}</button>
        </ActionForm>
    }
}

/// One box per criterion of the round; after a failed submission the boxes show what was
/// ticked then.
fn criteria(editor: &ReviewEditor, result: FormResult) -> impl IntoView + use<> {
    let ticked = move |i: usize, stored: bool| {
        move || match result.get() {
            Some(Err(err)) if err.form().is_some() => err
                .form()
                .is_some_and(|f| f.value(&format!("criteria_met[{i}]")).is_some()),
            _ => stored,
        }
    };
    editor
        .criteria
        .iter()
        .enumerate()
        .map(|(i, criterion)| {
            let id = format!("criterion-{i}");
            let stored = editor.criteria_met.get(i).copied().unwrap_or(false);
            let checked = ticked(i, stored);
            view! {
                <div class="checkbox">
                    <input type="checkbox" id=id.clone() name=format!("form[criteria_met][{i}]") value=i.to_string()
                        checked=checked prop:checked=checked />
                    <label for=id>{criterion.clone()}</label>
                </div>
            }
        })
        .collect_view()
}

/// Merging this proposal into another of the round, as a duplicate.
fn merge_panel(
    i18n: I18n,
    editor: &ReviewEditor,
    merge: ServerAction<MergeProposal>,
) -> impl IntoView + use<> {
    let locale = use_page_locale();
    let merge_result: FormResult = Signal::derive(move || merge.value().get());
    let id = editor.proposal.id;
    let mut targets = vec![choice("", t_string!(i18n, review.choose))];
    targets.extend(editor.merge_targets.clone());
    view! {
        <section class="panel" aria-labelledby="merge-heading">
            <h2 id="merge-heading">{t!(i18n, review.merge_heading)}</h2>
            <p>{t!(i18n, review.merge_lead)}</p>
            <ErrorSummary result=merge_result />
            <ActionForm action=merge attr:class="form" attr:novalidate="">
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="locale" value=move || locale.get().as_str() />
                <Field result=merge_result name="into" label=t_string!(i18n, review.merge_into).to_string()
                    control=Control::Select(targets) />
                <button type="submit" class="button button--secondary">{t!(i18n, review.merge_submit)}</button>
            </ActionForm>
        </section>
    }
}

/// A select option.
fn choice(value: &str, label: &str) -> Choice {
    Choice {
        value: value.to_owned(),
        label: label.to_owned(),
    }
}
