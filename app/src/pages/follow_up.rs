//! The part of a proposal's page that tells what happened after the vote: the politicians'
//! decision with its motivation and protocol reference, the implementation timeline, and for
//! the nämnd's staff the form to post the next update.

use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_router::hooks::use_query_map;

use crate::api::updates::SaveUpdate;
use crate::components::error_text::{query_code, query_error_text};
use crate::components::field::{Control, ErrorSummary, Field, FormResult};
use crate::i18n::{t, t_string};
use crate::locale::{I18n, use_page_locale};
use crate::model::Choice;
use crate::model::followup::{FollowUp, UpdateView};
use crate::names;
use crate::pages::results::decision_text;

fn update_item(i18n: I18n, u: UpdateView, may_update: bool) -> AnyView {
    let photo = u.photo.clone().map(|alt| {
        // A photo stored without a description (none are) is decorative rather than unnamed.
        view! { <img class="proposal-image" src=crate::paths::update_image(u.id).into_string() alt=alt /> }
    });
    let form = may_update.then(|| photo_form(i18n, u.id, u.photo.is_some()));
    view! {
        <li class="timeline-item" id=format!("update-{}", u.id)>
            <p class="timeline-date"><time datetime=u.date.clone()>{u.date.clone()}</time></p>
            <p>
                <strong>{names::implementation(i18n, u.status)}</strong>
                " · " {t!(i18n, follow_up.percent_done, percent = u.percent)}
            </p>
            <progress max="100" value=u.percent.to_string() aria-hidden="true"></progress>
            <p>{u.text}</p>
            {photo}
            {form}
        </li>
    }
    .into_any()
}

/// The photo form under an update, for its staff: a plain multipart form posting to
/// `/updates/{id}/image`, which comes back with `?photo=saved&photo_for=<id>` or the problems and the typed
/// description (`photo_for`, `image_error`, `description_error`, `description`).
fn photo_form(i18n: I18n, id: i64, has_photo: bool) -> AnyView {
    let locale = use_page_locale();
    let query = use_query_map();
    let mine = move || query.read().get("photo_for") == Some(id.to_string());
    let problem = move |name: &str| mine().then(|| query.read().get(name)).flatten();
    let saved = move || query.read().get("photo").is_some();
    let typed = move || {
        if mine() {
            query.read().get("description").unwrap_or_default()
        } else {
            String::new()
        }
    };
    let (file, text) = (format!("photo-{id}"), format!("photo-description-{id}"));
    let described = move |field: &str, name: &'static str| {
        let hint = format!("{field}-hint");
        if problem(name).is_some() {
            format!("{hint} {field}-error")
        } else {
            hint
        }
    };
    let (file_for, text_for) = (file.clone(), text.clone());
    view! {
        <details class="photo-form" open=move || mine().then_some("")>
            <summary>{if has_photo { t!(i18n, follow_up.photo_replace).into_any() } else { t!(i18n, follow_up.photo_add).into_any() }}</summary>
            {move || (saved() && mine()).then(|| view! { <p class="notice notice--success" role="status">{t!(i18n, follow_up.photo_saved)}</p> })}
            <form method="post" action=crate::paths::update_image(id).into_string() enctype="multipart/form-data" class="form">
                <input type="hidden" name="locale" value=move || locale.get().as_str() />
                <div class="field" class:field--error=move || problem("image_error").is_some()>
                    <label for=file.clone()>{t!(i18n, follow_up.photo)}</label>
                    <p class="hint" id=format!("{file}-hint")>{t!(i18n, proposal_form.image_hint)}</p>
                    {let id = file.clone(); move || problem("image_error").map(|code| view! {
                        <p class="field-error" id=format!("{id}-error") data-code=query_code(&code).as_str() role="alert">{query_error_text(i18n, &code)}</p>
                    })}
                    <input id=file.clone() name="image" type="file" accept="image/jpeg,image/png,image/webp"
                        aria-describedby=move || described(&file_for, "image_error")
                        aria-invalid=move || problem("image_error").is_some().then_some("true") />
                </div>
                <div class="field" class:field--error=move || problem("description_error").is_some()>
                    <label for=text.clone()>{t!(i18n, follow_up.photo_description)}</label>
                    <p class="hint" id=format!("{text}-hint")>{t!(i18n, follow_up.photo_description_hint)}</p>
                    {let id = text.clone(); move || problem("description_error").map(|code| view! {
                        <p class="field-error" id=format!("{id}-error") data-code=query_code(&code).as_str() role="alert">{query_error_text(i18n, &code)}</p>
                    })}
                    <input id=text.clone() name="description" type="text" maxlength="300" prop:value=typed value=typed
                        aria-describedby=move || described(&text_for, "description_error")
                        aria-invalid=move || problem("description_error").is_some().then_some("true") />
                </div>
                <button type="submit" class="button button--secondary">{t!(i18n, follow_up.photo_upload)}</button>
            </form>
        </details>
    }
    .into_any()
}

fn update_form(i18n: I18n, id: i64, save: ServerAction<SaveUpdate>) -> impl IntoView {
    let locale = use_page_locale();
    let result: FormResult = Signal::derive(move || save.value().get());
    let statuses = std::iter::once(Choice {
        value: String::new(),
        label: t_string!(i18n, review.choose).to_string(),
    })
    .chain(
        domain::followup::ImplementationStatus::ALL
            .into_iter()
            .map(|s| Choice {
                value: s.as_str().to_owned(),
                label: names::implementation(i18n, s),
            }),
    )
    .collect::<Vec<_>>();
    view! {
        <section class="panel" aria-labelledby="update-heading">
            <h3 id="update-heading">{t!(i18n, follow_up.new_update)}</h3>
            <ErrorSummary result />
            <ActionForm action=save attr:class="form" attr:novalidate="">
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="locale" value=move || locale.get().as_str() />
                <Field result form="form" name="status" label=t_string!(i18n, follow_up.status).to_string()
                    control=Control::Select(statuses) required=true />
                <Field result form="form" name="percent" label=t_string!(i18n, follow_up.percent).to_string()
                    hint=t_string!(i18n, follow_up.percent_hint).to_string() inputmode="numeric" required=true />
                <Field result form="form" name="date" label=t_string!(i18n, follow_up.date).to_string()
                    control=Control::Input("date") required=true />
                <Field result form="form" name="text" label=t_string!(i18n, follow_up.text).to_string()
                    hint=t_string!(i18n, follow_up.text_hint).to_string() control=Control::Text(4) required=true />
                <button type="submit" class="button">{t!(i18n, follow_up.publish)}</button>
            </ActionForm>
        </section>
    }
}

/// The decision and timeline of a project, with the update form for its staff.
pub fn follow_up_section(
    i18n: I18n,
    id: i64,
    f: FollowUp,
    save: ServerAction<SaveUpdate>,
) -> Option<AnyView> {
    if f.decision.is_none() && f.updates.is_empty() && !f.may_update {
        return None;
    }
    let decision = f.decision.map(|d| {
        view! {
            <div class="reason-box">
                <h3>{t!(i18n, follow_up.decision)}</h3>
                {decision_text(i18n, &d)}
            </div>
        }
    });
    let timeline = (!f.updates.is_empty()).then(|| {
        let items = f
            .updates
            .into_iter()
            .map(|u| update_item(i18n, u, f.may_update))
            .collect_view();
        view! {
            <h3>{t!(i18n, follow_up.timeline)}</h3>
            <ol class="timeline">{items}</ol>
        }
    });
    let form = f.may_update.then(|| update_form(i18n, id, save));
    Some(
        view! {
            <section id="follow-up" aria-labelledby="follow-up-heading">
                <h2 id="follow-up-heading">{t!(i18n, follow_up.heading)}</h2>
                {decision}
                {timeline}
                {form}
            </section>
        }
        .into_any(),
    )
}
