//! The part of a proposal's page that tells what happened after the vote: the politicians'
//! decision with its motivation and protocol reference, the implementation timeline, and for
//! the nämnd's staff the form to post the next update.

use leptos::prelude::*;
use leptos_i18n::Locale as _;

use crate::api::updates::SaveUpdate;
use crate::components::field::{Control, ErrorSummary, Field, FormResult};
use crate::components::names;
use crate::i18n::{t, t_string};
use crate::locale::{I18n, use_page_locale};
use crate::model::followup::{FollowUp, UpdateView};
use crate::model::round::Choice;
use crate::pages::results::decision_text;

fn update_item(i18n: I18n, u: UpdateView) -> impl IntoView {
    view! {
        <li class="timeline-item">
            <p class="timeline-date"><time datetime=u.date.clone()>{u.date.clone()}</time></p>
            <p>
                <strong>{names::implementation(i18n, u.status)}</strong>
                " · " {t!(i18n, follow_up.percent_done, percent = u.percent)}
            </p>
            <progress max="100" value=u.percent.to_string() aria-hidden="true"></progress>
            <p>{u.text}</p>
            {u.has_image.then(|| view! {
                <img class="proposal-image" src=format!("/updates/{}/image", u.id) alt=t_string!(i18n, follow_up.image_alt).to_string() />
            })}
        </li>
    }
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
            .map(|u| update_item(i18n, u))
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
