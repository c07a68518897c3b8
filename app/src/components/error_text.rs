//! Turns stable error codes into sentences in the page's language.

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::{t, t_string, use_i18n};
use crate::locale::I18n;

/// The translated sentence for an error code (`error.<code>`); unknown codes get a general one.
pub fn error_text(i18n: I18n, code: &str) -> String {
    let text = match code {
        "unauthorized" => t_string!(i18n, error.unauthorized),
        "forbidden" => t_string!(i18n, error.forbidden),
        "not_found" => t_string!(i18n, error.not_found),
        "rate_limited" => t_string!(i18n, error.rate_limited),
        "internal" => t_string!(i18n, error.internal),
        "email_empty" => t_string!(i18n, error.email_empty),
        "email_invalid" => t_string!(i18n, error.email_invalid),
        "email_too_long" => t_string!(i18n, error.email_too_long),
        _ => t_string!(i18n, error.unknown),
    };
    text.to_string()
}

/// The sentence for an error that is not tied to one field.
pub fn general_error_text(i18n: I18n, err: &AppError) -> String {
    error_text(i18n, err.code())
}

/// An error shown in place of a page's content; "log in first" comes with a link to log in.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    let href = crate::locale::use_href();
    let login = (error == AppError::Unauthorized).then(|| {
        view! { " " <a href=href("/login")>{t!(i18n, error.login_link)}</a> }
    });
    view! {
        <p class="notice notice--error" role="alert">{general_error_text(i18n, &error)}{login}</p>
    }
}
