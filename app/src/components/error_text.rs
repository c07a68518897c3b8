//! Turns stable error codes into sentences in the page's language.

use crate::error::AppError;
use crate::i18n::t_string;
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
