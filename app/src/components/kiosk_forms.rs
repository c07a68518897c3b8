//! The kiosk's forms that other pages show too: starting a kiosk (staff and partner pages)
//! and handing the device back (after the cast, on the questions page); and the identity
//! document choice of every in-person vote (kiosk and assisted).

use crate::api::kiosk::{LeaveKioskBallot, StartKiosk};
use crate::components::field::{Control, ErrorSummary, Field, FormResult};
use crate::i18n::{t, t_string};
use crate::locale::{I18n, use_page_locale};
use leptos::prelude::*;
use leptos_i18n::Locale as _;
use server_fn::ServerFn as _;

/// The start form, on the staff's ballot page of a round.
pub fn start_form(i18n: I18n, slug: String) -> impl IntoView {
    let locale = use_page_locale();
    let start = ServerAction::<StartKiosk>::new();
    let result: FormResult = Signal::derive(move || start.value().get());
    view! {
        <section class="panel" aria-labelledby="kiosk-heading">
            <h2 id="kiosk-heading">{t!(i18n, kiosk.start_heading)}</h2>
            <p>{t!(i18n, kiosk.start_lead)}</p>
            <ErrorSummary result />
            <form method="post" action=StartKiosk::url() class="form" novalidate="" autocomplete="off">
                <input type="hidden" name="slug" value=slug />
                <input type="hidden" name="locale" value=move || locale.get().as_str() />
                <Field result form="form" name="place" label=t_string!(i18n, kiosk.place).to_string()
                    hint=t_string!(i18n, kiosk.place_hint).to_string() required=true />
                <Field result form="form" name="pin" label=t_string!(i18n, kiosk.pin).to_string()
                    hint=t_string!(i18n, kiosk.pin_hint).to_string() control=Control::Input("password") inputmode="numeric" required=true />
                <button type="submit" class="button">{t!(i18n, kiosk.start)}</button>
            </form>
        </section>
    }
}

/// Hands the device back: from the ballot without voting (`after_cast` false), or after the
/// cast without answering the questions (the kiosk then thanks the voter).
pub fn hand_back_form(i18n: I18n, after_cast: bool) -> impl IntoView {
    let locale = use_page_locale();
    let label = if after_cast {
        t_string!(i18n, kiosk.skip_questions)
    } else {
        t_string!(i18n, kiosk.hand_back)
    };
    view! {
        <form method="post" action=LeaveKioskBallot::url() class="inline-form">
            <input type="hidden" name="locale" value=move || locale.get().as_str() />
            <button type="submit" class="button button--secondary">{label}</button>
        </form>
    }
}

/// The kinds of identity document staff may have checked, for the `id_document` select.
pub fn id_documents(i18n: I18n) -> Vec<crate::model::Choice> {
    use domain::id_document::IdDocument;
    let label = |kind: IdDocument| match kind {
        IdDocument::Passport => t_string!(i18n, id_document.passport),
        IdDocument::NationalIdCard => t_string!(i18n, id_document.national_id_card),
        IdDocument::IdCard => t_string!(i18n, id_document.id_card),
        IdDocument::DrivingLicence => t_string!(i18n, id_document.driving_licence),
        IdDocument::PersonallyKnown => t_string!(i18n, id_document.personally_known),
    };
    let none = crate::model::Choice {
        value: String::new(),
        label: t_string!(i18n, id_document.choose).to_string(),
    };
    std::iter::once(none)
        .chain(
            IdDocument::ALL
                .into_iter()
                .map(|kind| crate::model::Choice {
                    value: kind.as_str().to_owned(),
                    label: label(kind).to_string(),
                }),
        )
        .collect()
}
