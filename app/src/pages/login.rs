//! Logging in: the email form, the page that says to check the mail, and the page a login
//! link opens, which says whose address signs in and signs in only when its button is
//! pressed. Errors from an expired, used or unknown link arrive as
//! `?link=expired|used|unknown`.

use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::login::{LinkCheck, RequestLoginLink, UseLoginLink};
use crate::components::field::{ErrorSummary, FieldErrorText, FormResult, has_error, kept_value};
use crate::i18n::{t, t_string, use_i18n};
use crate::locale::{I18n, use_page_locale};

/// The login form.
#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_page_locale();
    let action = ServerAction::<RequestLoginLink>::new();
    let result: FormResult = Signal::derive(move || action.value().get());
    view! {
        <Title text=move || t_string!(i18n, login.title).to_string() />
        <div class="page page--narrow">
            <h1>{t!(i18n, login.title)}</h1>
            {link_problem(i18n)}
            <ErrorSummary result />
            <p>{t!(i18n, login.lead)}</p>
            <ActionForm action attr:novalidate="" attr:class="form">
                <input type="hidden" name="locale" value=move || locale.get().as_str() />
                {email_field(i18n, result)}
                <button type="submit" class="button">{t!(i18n, login.submit)}</button>
            </ActionForm>
        </div>
    }
}

/// The text saying why a login link did not work.
fn problem_text(i18n: I18n, reason: &str) -> Option<String> {
    Some(
        match reason {
            "expired" => t_string!(i18n, login.link_expired),
            "used" => t_string!(i18n, login.link_used),
            "unknown" => t_string!(i18n, login.link_unknown),
            _ => return None,
        }
        .to_string(),
    )
}

/// Why a login link did not work (expired, used, unknown), or that the person logged out.
fn link_problem(i18n: I18n) -> impl IntoView {
    let query = use_query_map();
    move || {
        let reason = query.read().get("link").unwrap_or_default();
        let text = match reason.as_str() {
            "logged_out" => {
                return Some(
                    view! { <p class="notice" role="status">{t!(i18n, login.logged_out)}</p> }
                        .into_any(),
                );
            }
            other => problem_text(i18n, other)?,
        };
        Some(view! { <p class="notice notice--error" role="alert">{text}</p> }.into_any())
    }
}

/// The address field, with its hint and error.
fn email_field(i18n: I18n, result: FormResult) -> impl IntoView {
    let invalid = has_error(result, "email");
    let described_by = move || {
        if invalid() {
            "email-hint email-error"
        } else {
            "email-hint"
        }
    };
    view! {
        <div class="field" class:field--error=invalid>
            <label for="email">{t!(i18n, login.email_label)}</label>
            <p class="hint" id="email-hint">{t!(i18n, login.email_hint)}</p>
            <FieldErrorText result field="email" />
            <input
                id="email"
                name="email"
                type="email"
                autocomplete="email"
                inputmode="email"
                required
                aria-describedby=described_by
                aria-invalid=move || invalid().then_some("true")
                prop:value=kept_value(result, "email")
                value=kept_value(result, "email")
            />
        </div>
    }
}

/// Shown after a login link was sent.
#[component]
pub fn LoginSentPage() -> impl IntoView {
    let i18n = use_i18n();
    let info = Resource::new(|| (), |_| crate::api::session::session_info());
    let href = crate::locale::use_href();
    view! {
        <Title text=move || t_string!(i18n, login.sent_title).to_string() />
        <div class="page page--narrow">
            <h1>{t!(i18n, login.sent_title)}</h1>
            <p role="status">{t!(i18n, login.sent_lead)}</p>
            <Suspense fallback=|| ()>
                {move || info.get().and_then(|r| r.ok()).filter(|i| i.dev_mode).map(|_| view! {
                    <p class="notice">
                        {t!(i18n, login.sent_dev_hint)} " "
                        <a href=href(&crate::paths::dev_mail())>{t!(i18n, nav.dev_mail)}</a>
                    </p>
                })}
            </Suspense>
        </div>
    }
}

/// The page a login link opens: whose address signs in, and one button that signs in (a
/// POST). Opening the link changes nothing, so a mail scanner cannot use it up, and a link
/// for someone else's account planted on a person shows that address before they press.
#[component]
pub fn LoginVerifyPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let check = Resource::new(token, crate::api::login::check_login_link);
    view! {
        <Title text=move || t_string!(i18n, login.verify_title).to_string() />
        <div class="page page--narrow">
            <h1>{t!(i18n, login.verify_title)}</h1>
            <Suspense fallback=|| ()>
                {move || check.get().map(|found| match found {
                    Ok(LinkCheck::SignsIn(email)) => confirm_form(i18n, token(), email).into_any(),
                    Ok(LinkCheck::Expired) => refused_link(i18n, "expired").into_any(),
                    Ok(LinkCheck::Used) => refused_link(i18n, "used").into_any(),
                    _ => refused_link(i18n, "unknown").into_any(),
                })}
            </Suspense>
        </div>
    }
}

/// The address the link signs in and the button that does it.
fn confirm_form(i18n: I18n, token: String, email: String) -> impl IntoView {
    let locale = use_page_locale();
    let action = ServerAction::<UseLoginLink>::new();
    view! {
        <p>{t!(i18n, login.verify_lead, email = email)}</p>
        <ActionForm action attr:class="form">
            <input type="hidden" name="token" value=token />
            <input type="hidden" name="locale" value=move || locale.get().as_str() />
            <button type="submit" class="button">{t!(i18n, login.verify_submit)}</button>
        </ActionForm>
        <p class="hint">{t!(i18n, login.verify_not_you)}</p>
    }
}

/// Why the link does not work, and the way to a new one.
fn refused_link(i18n: I18n, reason: &str) -> impl IntoView {
    let href = crate::locale::use_href();
    view! {
        <p class="notice notice--error" role="alert">{problem_text(i18n, reason)}</p>
        <p><a href=href(&crate::paths::login())>{t!(i18n, login.verify_new_link)}</a></p>
    }
}
