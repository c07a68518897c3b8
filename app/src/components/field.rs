//! Form parts that follow the accessible pattern: an error summary at the top that links to
//! the fields, and each error next to its field, tied to it with `aria-describedby`.

use leptos::prelude::*;

use super::error_text::{error_text, general_error_text};
use crate::error::AppError;
use crate::i18n::{t, use_i18n};

/// The outcome of the last submission of a form, as a signal the parts below read.
pub type FormResult = Signal<Option<Result<(), AppError>>>;

/// Lists every problem of the last submission, each a link to its field; also shows errors
/// that belong to no field. Announced to screen readers when it appears.
#[component]
pub fn ErrorSummary(result: FormResult) -> impl IntoView {
    let i18n = use_i18n();
    let summary = NodeRef::<leptos::html::Div>::new();
    // With JavaScript the summary appears without a page load: move focus to it, as
    // `autofocus` does when it arrives in the first HTML.
    Effect::new(move |_| {
        if result.get().is_some_and(|r| r.is_err())
            && let Some(element) = summary.get()
        {
            let _ = element.focus();
        }
    });
    move || {
        let err = result.get()?.err()?;
        let items = match err.form() {
            Some(form) => form
                .errors
                .iter()
                .map(|e| {
                    let target = format!("#{}", e.field);
                    view! { <li><a href=target>{error_text(i18n, &e.code)}</a></li> }
                })
                .collect_view()
                .into_any(),
            None => view! { <li>{general_error_text(i18n, &err)}</li> }.into_any(),
        };
        Some(view! {
            <div class="error-summary" role="alert" tabindex="-1" autofocus node_ref=summary>
                <h2>{t!(i18n, error.summary)}</h2>
                <ul>{items}</ul>
            </div>
        })
    }
}

/// The error message for one field, or nothing. Its id is `<field>-error`.
#[component]
pub fn FieldErrorText(result: FormResult, field: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let err = result.get()?.err()?;
        let code = err.form()?.for_field(field)?.to_owned();
        Some(view! {
            <p class="field-error" id=format!("{field}-error")>{error_text(i18n, &code)}</p>
        })
    }
}

/// What was typed into `field` in the last failed submission (so nothing typed is lost).
pub fn kept_value(result: FormResult, field: &'static str) -> impl Fn() -> String + Copy {
    move || {
        result
            .get()
            .and_then(|r| r.err())
            .and_then(|e| e.form().and_then(|f| f.value(field)).map(str::to_owned))
            .unwrap_or_default()
    }
}

/// Whether `field` has an error in the last submission (for `aria-invalid`).
pub fn has_error(result: FormResult, field: &'static str) -> impl Fn() -> bool + Copy {
    move || {
        result
            .get()
            .and_then(|r| r.err())
            .is_some_and(|e| e.form().is_some_and(|f| f.for_field(field).is_some()))
    }
}
