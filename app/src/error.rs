//! The one error type of the app layer. Server functions return it; pages show it translated
//! by its stable code. Causes of internal errors are logged where they happen, never sent.

use domain::Code;
use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

/// One problem with one form field (the app's side of `domain::FieldIssue`, with owned field
/// names, so that a field of a map such as `count[age-16-19]` can carry one too).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub code: Code,
    /// The line of a pasted text (an imported file) the problem is on, from 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

impl FieldError {
    /// A problem with `field` as a whole.
    pub fn new(field: impl Into<String>, code: Code) -> FieldError {
        FieldError {
            field: field.into(),
            code,
            line: None,
        }
    }
}

/// Everything wrong with a submitted form, and what was typed, so that a form posted without
/// JavaScript comes back filled in (the error travels in the redirect URL).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormErrors {
    pub errors: Vec<FieldError>,
    pub values: Vec<(String, String)>,
}

impl FormErrors {
    /// The error for `field`, if it has one.
    pub fn for_field(&self, field: &str) -> Option<&FieldError> {
        self.errors.iter().find(|e| e.field == field)
    }

    /// What was typed into `field`.
    pub fn value(&self, field: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, v)| v.as_str())
    }
}

/// What went wrong, as the user may be told.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Not signed in (or the session is invalid or expired).
    #[error("unauthorized")]
    Unauthorized,
    /// Signed in, but this role may not do this.
    #[error("forbidden")]
    Forbidden,
    /// The thing asked for does not exist (or is not visible to this user).
    #[error("not found")]
    NotFound,
    /// Too many requests of this kind; try again later.
    #[error("rate limited")]
    RateLimited,
    /// One or more form fields hold values that cannot be accepted.
    #[error("invalid input: {0:?}")]
    Invalid(FormErrors),
    /// Something unexpected failed on the server; the cause is in the server log.
    #[error("internal error")]
    Internal,
    /// The request was malformed (a field missing or not decodable).
    #[error("bad request: {0}")]
    BadRequest(String),
    /// The request never reached the function or the answer never came back.
    #[error("transport: {0}")]
    Transport(String),
}

impl AppError {
    /// A form error on one field, keeping what was typed into the form.
    pub fn invalid(field: &str, code: Code, values: &[(&str, &str)]) -> AppError {
        let err = AppError::Invalid(FormErrors {
            errors: vec![FieldError::new(field, code)],
            values: values
                .iter()
                .map(|(f, v)| ((*f).to_owned(), (*v).to_owned()))
                .collect(),
        });
        #[cfg(feature = "ssr")]
        let err = err.with_status();
        err
    }

    /// An input error that also keeps what was typed into `field` (a field outside the part
    /// of the form that produced the error); other errors pass unchanged.
    pub fn keeping(self, field: &str, value: &str) -> AppError {
        match self {
            AppError::Invalid(mut form) => {
                form.values.push((field.to_owned(), value.to_owned()));
                AppError::Invalid(form)
            }
            other => other,
        }
    }

    /// Whether this is an input error with `code` (on any field).
    pub fn has_code(&self, code: Code) -> bool {
        self.form()
            .is_some_and(|f| f.errors.iter().any(|e| e.code == code))
    }

    /// The form errors, when this is an input error.
    pub fn form(&self) -> Option<&FormErrors> {
        match self {
            AppError::Invalid(form) => Some(form),
            _ => None,
        }
    }

    /// The code pages translate for the error as a whole.
    pub fn code(&self) -> Code {
        match self {
            AppError::Unauthorized => Code::Unauthorized,
            AppError::Forbidden => Code::Forbidden,
            AppError::NotFound => Code::NotFound,
            AppError::RateLimited => Code::RateLimited,
            AppError::Invalid(_) | AppError::BadRequest(_) => Code::Unknown,
            AppError::Internal | AppError::Transport(_) => Code::Internal,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        let err = match value {
            ServerFnErrorErr::Args(msg) | ServerFnErrorErr::Deserialization(msg) => {
                AppError::BadRequest(msg)
            }
            other => AppError::Transport(other.to_string()),
        };
        #[cfg(feature = "ssr")]
        let err = err.with_status();
        err
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        tracing::error!(error = %err, "database error");
        AppError::Internal.with_status()
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    /// Sets the HTTP status that matches this error on the current response, then returns the
    /// error: a page that shows "log in first" answers 401, a fetch that sent bad input gets
    /// 422. A form posted without JavaScript keeps its 302 back to the form, since a browser
    /// follows a redirect only with a 3xx status.
    pub fn with_status(self) -> AppError {
        use http::StatusCode;
        use leptos::prelude::use_context;
        let is_plain_form_post = use_context::<http::request::Parts>().is_some_and(|parts| {
            parts.uri.path().starts_with("/api/")
                && parts
                    .headers
                    .get(http::header::ACCEPT)
                    .and_then(|v| v.to_str().ok())
                    .is_some_and(|v| v.contains("text/html"))
        });
        if let (false, Some(response)) = (
            is_plain_form_post,
            use_context::<leptos_axum::ResponseOptions>(),
        ) {
            response.set_status(match &self {
                AppError::Unauthorized => StatusCode::UNAUTHORIZED,
                AppError::Forbidden => StatusCode::FORBIDDEN,
                AppError::NotFound => StatusCode::NOT_FOUND,
                AppError::RateLimited => StatusCode::TOO_MANY_REQUESTS,
                AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
                AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
                AppError::Internal | AppError::Transport(_) => StatusCode::INTERNAL_SERVER_ERROR,
            });
        }
        self
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    /// The field problems the domain found in a posted form, with everything that was typed
    /// in it (read from the form's own serialisation, so no field is forgotten).
    pub fn from_issues(issues: &[domain::FieldIssue], form: &impl Serialize) -> AppError {
        AppError::Invalid(FormErrors {
            errors: issues
                .iter()
                .map(|issue| FieldError::new(issue.field, issue.code))
                .collect(),
            values: typed_values(form),
        })
        .with_status()
    }
}

/// A form's fields as (name, text) pairs; a map field `m` gives `m[key]` pairs.
#[cfg(feature = "ssr")]
fn typed_values(form: &impl Serialize) -> Vec<(String, String)> {
    let Ok(serde_json::Value::Object(fields)) = serde_json::to_value(form) else {
        return Vec::new();
    };
    let mut values = Vec::new();
    for (name, value) in fields {
        match value {
            serde_json::Value::String(text) => values.push((name, text)),
            serde_json::Value::Object(entries) => {
                for (key, value) in entries {
                    if let serde_json::Value::String(text) = value {
                        values.push((format!("{name}[{key}]"), text));
                    }
                }
            }
            _ => {}
        }
    }
    values
}
