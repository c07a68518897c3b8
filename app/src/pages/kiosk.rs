//! Kiosk mode pages: the device page between voters (`/kiosk`: staff let the next voter in,
//! or end the kiosk), the voluntary questions after the cast (`/kiosk/questions`), the start
//! form on the staff's ballot page (and a partner's page), and the buttons that hand the device
//! back from the ballot without voting or from the questions without answering. Nothing of one voter is shown to the next: the
//! device page knows only how many were let in. The kiosk's forms are plain forms even with
//! JavaScript: each step is a full page load, so nothing of the page before stays in memory.
//! (The server action still reads a refusal back from the URL to show it at the field.)

use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn as _;

use crate::api::kiosk::{EndKiosk, KioskNextVoter, load_kiosk, load_kiosk_questions};
use crate::api::participation::AnswerQuestions;
use crate::components::error_text::ErrorNotice;
use crate::components::field::{Control, ErrorSummary, Field, FormResult};
use crate::components::kiosk_forms::hand_back_form;
use crate::components::kiosk_forms::id_documents;
use crate::i18n::{t, t_string, use_i18n};
use crate::locale::{I18n, use_page_locale};
use crate::model::voting::KioskView;
use crate::pages::questions::{AskedAt, questions_form};

/// `/kiosk`: what a kiosk device shows between voters.
#[component]
pub fn KioskPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_page_locale();
    let next = ServerAction::<KioskNextVoter>::new();
    let end = ServerAction::<EndKiosk>::new();
    let kiosk = Resource::new(move || locale.get(), |l| load_kiosk(l.as_str().to_owned()));
    view! {
        <Title text=move || t_string!(i18n, kiosk.title).to_string() />
        <div class="page page--narrow">
            <Suspense fallback=|| ()>
                {move || kiosk.get().map(|result| match result {
                    Ok(Some(view)) => device(i18n, view, next, end).into_any(),
                    Ok(None) => not_a_kiosk(i18n).into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                })}
            </Suspense>
        </div>
    }
}

fn not_a_kiosk(i18n: I18n) -> impl IntoView {
    let query = use_query_map();
    view! {
        <h1>{t!(i18n, kiosk.title)}</h1>
        {move || query.read().get("ended").map(|_| view! {
            <p class="notice notice--success" role="status">{t!(i18n, kiosk.ended)}</p>
        })}
        <p>{t!(i18n, kiosk.not_a_kiosk)}</p>
    }
}

fn device(
    i18n: I18n,
    view: KioskView,
    next: ServerAction<KioskNextVoter>,
    end: ServerAction<EndKiosk>,
) -> impl IntoView {
    let locale = use_page_locale();
    let query = use_query_map();
    let result: FormResult = Signal::derive(move || next.value().get());
    let end_result: FormResult = Signal::derive(move || end.value().get());
    let letting_in = view.active.then(|| view! {
        <section class="panel" aria-labelledby="next-heading">
            <h2 id="next-heading">{t!(i18n, kiosk.next_heading)}</h2>
            <p>{t!(i18n, kiosk.next_lead)}</p>
            <form method="post" action=KioskNextVoter::url() class="form" novalidate="" autocomplete="off">
                <input type="hidden" name="locale" value=move || locale.get().as_str() />
                <Field result form="form" name="email" label=t_string!(i18n, kiosk.email).to_string()
                    hint=t_string!(i18n, kiosk.email_hint).to_string() control=Control::Input("email") required=true />
                <Field result form="form" name="id_document" label=t_string!(i18n, id_document.label).to_string()
                    hint=t_string!(i18n, id_document.hint).to_string() control=Control::Select(id_documents(i18n)) required=true />
                <Field result form="form" name="identity_number" label=t_string!(i18n, id_document.number).to_string()
                    hint=t_string!(i18n, id_document.number_hint).to_string() inputmode="numeric" />
                <Field result form="form" name="pin" label=t_string!(i18n, kiosk.pin).to_string()
                    control=Control::Input("password") inputmode="numeric" required=true />
                <button type="submit" class="button">{t!(i18n, kiosk.let_in)}</button>
            </form>
        </section>
    });
    view! {
        <h1>{t!(i18n, kiosk.title)}</h1>
        <p class="lead">{t!(i18n, kiosk.location, round = view.round_title.clone(), place = view.place.clone())}</p>
        {move || query.read().get("voted").map(|_| view! {
            <p class="notice notice--success" role="status">{t!(i18n, kiosk.voted)}</p>
        })}
        // Outside the form: a refusal that ended the kiosk is still explained.
        <ErrorSummary result />
        {(!view.active).then(|| view! { <p class="notice notice--error">{t!(i18n, kiosk.inactive)}</p> })}
        {letting_in}
        <p>{t!(i18n, kiosk.count, count = view.voters)}</p>
        <details class="panel" open=move || end_result.get().is_some().then_some("")>
            <summary>{t!(i18n, kiosk.end_heading)}</summary>
            <ErrorSummary result=end_result />
            <form method="post" action=EndKiosk::url() class="form" novalidate="" autocomplete="off">
                <input type="hidden" name="locale" value=move || locale.get().as_str() />
                <Field result=end_result name="end_pin" label=t_string!(i18n, kiosk.pin).to_string()
                    control=Control::Input("password") inputmode="numeric" required=true />
                <button type="submit" class="button button--secondary">{t!(i18n, kiosk.end)}</button>
            </form>
        </details>
    }
}

/// `/kiosk/questions`: after the cast, the voter may answer the voluntary questions or hand
/// the device back; nothing of their ballot is shown.
#[component]
pub fn KioskQuestionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_page_locale();
    let answer = ServerAction::<AnswerQuestions>::new();
    let asked = Resource::new(
        move || locale.get(),
        |l| load_kiosk_questions(l.as_str().to_owned()),
    );
    view! {
        <div class="page page--narrow">
            <Suspense fallback=|| ()>
                {move || asked.get().map(|result| match result {
                    Ok(Some(q)) => view! {
                        <Title text=t_string!(i18n, kiosk.voted_title).to_string() />
                        <h1>{t!(i18n, kiosk.voted_title)}</h1>
                        <p class="notice notice--success" role="status">{t!(i18n, kiosk.voted_questions)}</p>
                        {questions_form(i18n, q.slug, q.areas, answer, AskedAt::Kiosk)}
                    }.into_any(),
                    Ok(None) => view! {
                        <Title text=t_string!(i18n, kiosk.title).to_string() />
                        <h1>{t!(i18n, kiosk.title)}</h1>
                        <p>{t!(i18n, kiosk.no_questions)}</p>
                        {hand_back_form(i18n, false)}
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                })}
            </Suspense>
        </div>
    }
}
