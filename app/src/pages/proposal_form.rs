//! Writing a proposal: the form for a new one and for editing one's own (save as draft, or
//! submit), and on the edit page the image upload, a plain multipart form that posts to
//! `/proposals/{id}/image` and comes back with `?image=saved` or `?image_error=<code>`.

use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::proposals::{SaveProposal, load_proposal_editor};
use crate::components::error_text::{ErrorNotice, query_code, query_error_text};
use crate::components::field::{Control, ErrorSummary, Field, FormResult};
use crate::components::format::sek;
use crate::i18n::{t, t_string, use_i18n};
use crate::locale::{I18n, use_href, use_page_locale};
use crate::model::Choice;
use crate::model::ProposalStatus;
use crate::model::proposal::ProposalEditor;
use domain::round::ProposalForm;

/// A new proposal in the round of the URL.
#[component]
pub fn NewProposalPage() -> impl IntoView {
    editor_page(false)
}

/// Editing one's own proposal.
#[component]
pub fn EditProposalPage() -> impl IntoView {
    editor_page(true)
}

fn editor_page(existing: bool) -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_page_locale();
    let params = use_params_map();
    let action = ServerAction::<SaveProposal>::new();
    let editor = Resource::new(
        move || {
            let p = params.read();
            let id = if existing {
                p.get("id").and_then(|id| id.parse::<i64>().ok())
            } else {
                None
            };
            (p.get("slug").unwrap_or_default(), id, locale.get())
        },
        |(slug, id, l)| load_proposal_editor(slug, id, l.as_str().to_owned()),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || editor.get().map(|result| match result {
                Ok(editor) => form_view(i18n, editor, action).into_any(),
                Err(error) => view! { <div class="page"><ErrorNotice error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

fn form_view(
    i18n: I18n,
    editor: ProposalEditor,
    action: ServerAction<SaveProposal>,
) -> impl IntoView {
    let href = use_href();
    let result: FormResult = Signal::derive(move || action.value().get());
    let heading = if editor.id.is_some() {
        t_string!(i18n, proposal_form.edit_title).to_string()
    } else {
        t_string!(i18n, proposal_form.new_title).to_string()
    };
    let image_section = editor.id.map(|id| image_form(i18n, id, editor.has_image));
    view! {
        <Title text=heading.clone() />
        <div class="page page--narrow">
            <p><a href=href(&crate::paths::round(&editor.round_slug))>{editor.round_title.clone()}</a></p>
            <h1>{heading}</h1>
            {saved(i18n)}
            <ErrorSummary result />
            {proposal_form(i18n, &editor, action, result)}
            {image_section}
        </div>
    }
}

/// The confirmation after saving a draft.
fn saved(i18n: I18n) -> impl IntoView {
    let query = use_query_map();
    move || {
        query.read().get("saved").map(|_| {
            view! {
                <p class="notice notice--success" role="status">{t!(i18n, proposal_form.saved)}</p>
            }
        })
    }
}

/// The proposal's fields, and the buttons to submit it or keep it as a draft.
fn proposal_form(
    i18n: I18n,
    editor: &ProposalEditor,
    action: ServerAction<SaveProposal>,
    result: FormResult,
) -> impl IntoView + use<> {
    let locale = use_page_locale();
    let l = locale.get_untracked();
    let mut areas = vec![Choice {
        value: String::new(),
        label: t_string!(i18n, proposal_form.whole_municipality).to_string(),
    }];
    areas.extend(editor.areas.clone());
    let form = editor.form.clone();
    let slug = editor.round_slug.clone();
    let id = editor.id.map(|id| id.to_string()).unwrap_or_default();
    let max = sek(l, editor.budget_total);
    let position = position_fields(i18n, &form, result);
    let buttons = buttons(
        i18n,
        editor.status.is_none_or(|s| s == ProposalStatus::Draft),
    );
    view! {
        <ActionForm action attr:class="form" attr:novalidate="">
            <input type="hidden" name="slug" value=slug />
            <input type="hidden" name="id" value=id />
            <input type="hidden" name="locale" value=move || locale.get().as_str() />
            <Field result form="form" name="title" label=t_string!(i18n, proposal_form.title).to_string()
                hint=t_string!(i18n, proposal_form.title_hint).to_string() initial=form.title.clone() required=true />
            <Field result form="form" name="description" label=t_string!(i18n, proposal_form.description).to_string()
                hint=t_string!(i18n, proposal_form.description_hint).to_string() control=Control::Text(8)
                initial=form.description.clone() required=true />
            <Field result form="form" name="area_id" label=t_string!(i18n, proposal_form.area).to_string()
                control=Control::Select(areas) initial=form.area_id.clone() />
            <Field result form="form" name="place" label=t_string!(i18n, proposal_form.place).to_string()
                hint=t_string!(i18n, proposal_form.place_hint).to_string() initial=form.place.clone()
                autocomplete="street-address" />
            {position}
            <Field result form="form" name="cost" label=t_string!(i18n, proposal_form.cost).to_string()
                hint=t_string!(i18n, proposal_form.cost_hint, max = max).to_string()
                initial=form.cost.clone() inputmode="numeric" required=true />
            {buttons}
        </ActionForm>
    }
}

/// Where exactly, as latitude and longitude.
fn position_fields(i18n: I18n, form: &ProposalForm, result: FormResult) -> impl IntoView + use<> {
    let (latitude, longitude) = (form.latitude.clone(), form.longitude.clone());
    view! {
        <fieldset class="fieldset">
            <legend>{t!(i18n, proposal_form.position)}</legend>
            <p class="hint">{t!(i18n, proposal_form.position_hint)}</p>
            <Field result form="form" name="latitude" label=t_string!(i18n, proposal_form.latitude).to_string()
                initial=latitude inputmode="decimal" />
            <Field result form="form" name="longitude" label=t_string!(i18n, proposal_form.longitude).to_string()
                initial=longitude inputmode="decimal" />
        </fieldset>
    }
}

/// Submit (or save the changes of a submitted proposal), and for a draft "save as draft".
fn buttons(i18n: I18n, is_draft: bool) -> impl IntoView {
    view! {
        <div class="actions">
            <button type="submit" name="intent" value="submit" class="button">
                {if is_draft { t!(i18n, proposal_form.submit).into_any() } else { t!(i18n, proposal_form.save_changes).into_any() }}
            </button>
            {is_draft.then(|| view! {
                <button type="submit" name="intent" value="draft" class="button button--secondary">{t!(i18n, proposal_form.save_draft)}</button>
            })}
        </div>
    }
}

fn image_form(i18n: I18n, id: i64, has_image: bool) -> impl IntoView {
    let locale = use_page_locale();
    let query = use_query_map();
    let problem = move || query.read().get("image_error");
    let saved = move || query.read().get("image").is_some();
    view! {
        <section class="panel" aria-labelledby="image-heading">
            <h2 id="image-heading">{t!(i18n, proposal_form.image_heading)}</h2>
            {move || saved().then(|| view! { <p class="notice notice--success" role="status">{t!(i18n, proposal_form.image_saved)}</p> })}
            {has_image.then(|| view! {
                <img class="proposal-image" src=crate::paths::proposal_image(id).into_string() alt=t_string!(i18n, proposal_form.current_image).to_string() />
            })}
            <form method="post" action=crate::paths::proposal_image(id).into_string() enctype="multipart/form-data" class="form">
                <input type="hidden" name="locale" value=move || locale.get().as_str() />
                <div class="field" class:field--error=move || problem().is_some()>
                    <label for="image">{t!(i18n, proposal_form.image)}</label>
                    <p class="hint" id="image-hint">{t!(i18n, proposal_form.image_hint)}</p>
                    {move || problem().map(|code| view! {
                        <p class="field-error" id="image-error" data-code=query_code(&code).as_str() role="alert">{query_error_text(i18n, &code)}</p>
                    })}
                    <input id="image" name="image" type="file" accept="image/jpeg,image/png,image/webp"
                        aria-describedby=move || if problem().is_some() { "image-hint image-error" } else { "image-hint" }
                        aria-invalid=move || problem().is_some().then_some("true") />
                </div>
                <button type="submit" class="button button--secondary">{t!(i18n, proposal_form.upload)}</button>
            </form>
        </section>
    }
}
