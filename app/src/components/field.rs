//! Form parts that follow the accessible pattern: an error summary at the top that links to
//! the fields, and each error next to its field, tied to it with `aria-describedby`.

use crate::form_flash::{FormFlash, flashed};
use leptos::prelude::*;

use super::error_text::{field_error_text, general_error_text};
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
                    let text = field_error_text(i18n, e);
                    let code = e.code.as_str();
                    if e.field.is_empty() {
                        view! { <li data-code=code>{text}</li> }.into_any()
                    } else {
                        let target = format!("#{}", field_id(&e.field));
                        view! { <li data-code=code data-field=e.field.clone()><a href=target>{text}</a></li> }.into_any()
                    }
                })
                .collect_view()
                .into_any(),
            None => view! { <li data-code=err.code().as_str()>{general_error_text(i18n, &err)}</li> }.into_any(),
        };
        Some(view! {
            <div class="error-summary" role="alert" tabindex="-1" autofocus node_ref=summary>
                <h2>{t!(i18n, error.summary)}</h2>
                <ul>{items}</ul>
            </div>
        })
    }
}

/// The error message for one field, or nothing. Its id is `<field id>-error`.
#[component]
pub fn FieldErrorText(result: FormResult, #[prop(into)] field: String) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let err = result.get()?.err()?;
        let error = err.form()?.for_field(&field)?.clone();
        Some(view! {
            <p class="field-error" id=format!("{}-error", field_id(&field)) data-code=error.code.as_str()>
                {field_error_text(i18n, &error)}
            </p>
        })
    }
}

/// The HTML id of a field: its name with map brackets turned into dashes
/// (`area_budget[3]` → `area_budget-3`).
pub fn field_id(name: &str) -> String {
    name.replace('[', "-").replace(']', "")
}

/// What a field shows: after a failed submission, what was typed; otherwise `initial`.
pub fn shown_value(
    result: FormResult,
    field: String,
    initial: String,
) -> impl Fn() -> String + Clone {
    let flash = use_context::<FormFlash>().unwrap_or_default();
    move || match result.get() {
        Some(Err(err)) if err.form().is_some() => typed(&err, &flash, &field).unwrap_or_default(),
        _ => initial.clone(),
    }
}

/// What was typed into `field` in a refused submission: carried by the error (a refusal
/// answered to the script), or else by the form cookie (a refusal of a plain post, whose URL
/// holds no values, see `crate::form_flash`).
fn typed(err: &crate::error::AppError, flash: &FormFlash, field: &str) -> Option<String> {
    let form = err.form()?;
    match form.value(field) {
        Some(value) => Some(value.to_owned()),
        None if form.values.is_empty() => flashed(flash, field),
        None => None,
    }
}

/// The kind of control a [`Field`] is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Control {
    /// `<input type=…>`.
    Input(&'static str),
    /// A `<textarea>` with this many rows.
    Text(u32),
    /// A `<select>` with these (value, label) options.
    Select(Vec<crate::model::Choice>),
}

/// A labelled form field with an optional hint, its error next to it (tied with
/// `aria-describedby`, marked `aria-invalid`), refilled with what was typed after a failed
/// submission. Posted as `form[name]` when `form` is given, else as `name`.
#[component]
pub fn Field(
    result: FormResult,
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    #[prop(optional)] form: Option<&'static str>,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(default = Control::Input("text"))] control: Control,
    #[prop(optional, into)] initial: String,
    #[prop(optional)] required: bool,
    #[prop(optional)] disabled: bool,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
) -> impl IntoView {
    let id = field_id(&name);
    let value = shown_value(result, name.clone(), initial);
    let invalid = field_invalid(result, name.clone());
    let hint_id = hint.as_ref().map(|_| format!("{id}-hint"));
    let attrs = ControlAttrs {
        id: id.clone(),
        posted_name: posted_name(form, &name),
        required,
        disabled,
        autocomplete,
        inputmode,
    };
    let input = control_view(
        control,
        attrs,
        value,
        described_by(id.clone(), hint_id.clone(), invalid.clone()),
        {
            let invalid = invalid.clone();
            move || invalid().then_some("true")
        },
    );
    view! {
        <div class="field" class:field--error=invalid>
            <label for=id>{label}</label>
            {hint.map(|hint| view! { <p class="hint" id=hint_id.clone()>{hint}</p> })}
            <FieldErrorText result field=name />
            {input}
        </div>
    }
}

/// The name a field is posted as: `area_budget[3]` in form `form` is posted as
/// `form[area_budget][3]`.
fn posted_name(form: Option<&'static str>, name: &str) -> String {
    match (form, name.split_once('[')) {
        (Some(form), Some((base, rest))) => format!("{form}[{base}][{rest}"),
        (Some(form), None) => format!("{form}[{name}]"),
        (None, _) => name.to_owned(),
    }
}

/// Whether the last submission has an error for the field `name`.
fn field_invalid(result: FormResult, name: String) -> impl Fn() -> bool + Clone + Send + Sync {
    move || {
        result
            .get()
            .and_then(|r| r.err())
            .is_some_and(|e| e.form().is_some_and(|f| f.for_field(&name).is_some()))
    }
}

/// The ids that describe a control: its hint, and its error when it has one.
fn described_by(
    id: String,
    hint_id: Option<String>,
    invalid: impl Fn() -> bool + Clone + Send + Sync,
) -> impl Fn() -> Option<String> + Clone + Send + Sync {
    move || {
        let mut ids: Vec<String> = hint_id.iter().cloned().collect();
        if invalid() {
            ids.push(format!("{id}-error"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// The attributes every kind of control has.
struct ControlAttrs {
    id: String,
    posted_name: String,
    required: bool,
    disabled: bool,
    autocomplete: Option<&'static str>,
    inputmode: Option<&'static str>,
}

/// The `<input>`, `<textarea>` or `<select>` of a field.
fn control_view(
    control: Control,
    attrs: ControlAttrs,
    value: impl Fn() -> String + Clone + Send + Sync + 'static,
    described_by: impl Fn() -> Option<String> + Clone + Send + Sync + 'static,
    aria_invalid: impl Fn() -> Option<&'static str> + Clone + Send + Sync + 'static,
) -> AnyView {
    let ControlAttrs {
        id,
        posted_name,
        required,
        disabled,
        autocomplete,
        inputmode,
    } = attrs;
    match control {
        Control::Input(kind) => {
            let value2 = value.clone();
            view! {
                <input id=id.clone() name=posted_name type=kind required=required disabled=disabled
                    autocomplete=autocomplete inputmode=inputmode
                    aria-describedby=described_by aria-invalid=aria_invalid
                    prop:value=value value=value2 />
            }
            .into_any()
        }
        Control::Text(rows) => view! {
            <textarea id=id.clone() name=posted_name rows=rows required=required disabled=disabled
                aria-describedby=described_by aria-invalid=aria_invalid
                prop:value=value.clone()>{value.clone()}</textarea>
        }
        .into_any(),
        Control::Select(options) => view! {
            <select id=id.clone() name=posted_name required=required disabled=disabled
                aria-describedby=described_by aria-invalid=aria_invalid>
                {select_options(options, value)}
            </select>
        }
        .into_any(),
    }
}

/// A select's options, the shown value selected.
fn select_options(
    options: Vec<crate::model::Choice>,
    value: impl Fn() -> String + Clone + Send + Sync + 'static,
) -> impl IntoView {
    options
        .into_iter()
        .map(|choice| {
            let value = value.clone();
            let chosen = choice.value.clone();
            view! {
                <option value=choice.value selected=move || value() == chosen>{choice.label}</option>
            }
        })
        .collect_view()
}

/// What was typed into `field` in the last failed submission (so nothing typed is lost).
pub fn kept_value(result: FormResult, field: &'static str) -> impl Fn() -> String + Clone {
    let flash = use_context::<FormFlash>().unwrap_or_default();
    move || {
        result
            .get()
            .and_then(|r| r.err())
            .and_then(|e| typed(&e, &flash, field))
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
