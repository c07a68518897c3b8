//! The electoral roll on a round's staff page: how many people are on it, the upload form (a
//! plain multipart form posting to `paths::electoral_roll`, which comes back with
//! `?roll_imported=<n>` or `?roll_error=<code>` and, for bad lines, `bad` and `bad_total`),
//! and the button that removes it. With a roll, only people on it may vote, and only when they
//! are identified: the panel says so before anyone uploads.

use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_router::hooks::use_query_map;

use crate::api::rounds::ClearRoll;
use crate::components::error_text::{error_text, query_code, query_error_text};
use crate::components::field::{ErrorSummary, FormResult};
use crate::i18n::{t, t_string};
use crate::locale::{I18n, use_page_locale};
use crate::model::round::RollView;
use domain::electoral_roll::bad_lines_from_query;

/// The roll panel of the round `slug`.
pub fn roll_panel(
    i18n: I18n,
    slug: &str,
    roll: RollView,
    clear: ServerAction<ClearRoll>,
) -> impl IntoView + use<> {
    view! {
        <section class="panel" id="roll" aria-labelledby="roll-heading">
            <h2 id="roll-heading">{t!(i18n, roll.heading)}</h2>
            <p>{t!(i18n, roll.lead)}</p>
            <p class="notice">{t!(i18n, roll.warning)}</p>
            {flash(i18n)}
            {roll_body(i18n, slug, roll, clear)}
        </section>
    }
}

/// The confirmation after an import or a removal.
fn flash(i18n: I18n) -> impl IntoView {
    let query = use_query_map();
    move || {
        let q = query.read();
        let text = if let Some(count) = q.get("roll_imported") {
            t_string!(i18n, roll.imported, count = count).to_string()
        } else if q.get("roll_cleared").is_some() {
            t_string!(i18n, roll.cleared).to_string()
        } else {
            return None;
        };
        Some(view! { <p class="notice notice--success" role="status">{text}</p> })
    }
}

fn roll_body(
    i18n: I18n,
    slug: &str,
    view: RollView,
    clear: ServerAction<ClearRoll>,
) -> impl IntoView + use<> {
    let status = match &view.imported_at {
        Some(at) if view.count > 0 => t_string!(
            i18n,
            roll.status,
            count = view.count.to_string(),
            at = at.clone()
        )
        .to_string(),
        _ => t_string!(i18n, roll.none).to_string(),
    };
    let forms = if view.editable {
        let remove = (view.count > 0).then(|| clear_form(i18n, slug, clear));
        view! { {upload_form(i18n, slug)} {remove} }.into_any()
    } else {
        view! { <p>{t!(i18n, roll.locked)}</p> }.into_any()
    };
    view! {
        <p data-roll-count=view.count.to_string()>{status}</p>
        {forms}
    }
}

/// The file field, with what was wrong with the last file (and its bad lines) beside it.
fn upload_form(i18n: I18n, slug: &str) -> impl IntoView + use<> {
    let locale = use_page_locale();
    let query = use_query_map();
    let problem = move || query.read().get("roll_error");
    let bad = move || {
        let q = query.read();
        let lines = bad_lines_from_query(&q.get("bad").unwrap_or_default());
        let total: usize = q.get("bad_total").and_then(|t| t.parse().ok()).unwrap_or(0);
        (lines, total)
    };
    let bad_list = move || {
        let (lines, total) = bad();
        if lines.is_empty() {
            return None;
        }
        let more = total.saturating_sub(lines.len());
        let items = lines
            .into_iter()
            .map(|b| {
                let text = error_text(i18n, b.code);
                let line = t_string!(i18n, error.on_line, line = b.line.to_string(), text = text);
                view! { <li>{line.to_string()}</li> }
            })
            .collect_view();
        Some(view! {
            <ul class="field-error" id="roll-lines">{items}</ul>
            {(more > 0).then(|| view! { <p>{t!(i18n, roll.more_lines, count = more.to_string())}</p> })}
        })
    };
    let described = move || {
        if problem().is_some() {
            "roll-hint roll-error"
        } else {
            "roll-hint"
        }
    };
    let action = crate::paths::electoral_roll(slug).into_string();
    view! {
        <form method="post" action=action enctype="multipart/form-data" class="form">
            <input type="hidden" name="locale" value=move || locale.get().as_str() />
            <div class="field" class:field--error=move || problem().is_some()>
                <label for="roll-file">{t!(i18n, roll.file)}</label>
                <p class="hint" id="roll-hint">{t!(i18n, roll.file_hint)}</p>
                {move || problem().map(|code| view! {
                    <p class="field-error" id="roll-error" data-code=query_code(&code).as_str() role="alert">{query_error_text(i18n, &code)}</p>
                })}
                {bad_list}
                <input id="roll-file" name="roll" type="file" accept=".csv,.txt,text/csv,text/plain"
                    aria-describedby=described
                    aria-invalid=move || problem().is_some().then_some("true") />
            </div>
            <button type="submit" class="button button--secondary">{t!(i18n, roll.upload)}</button>
        </form>
    }
}

/// Removing the roll: residence is declared again.
fn clear_form(i18n: I18n, slug: &str, clear: ServerAction<ClearRoll>) -> impl IntoView + use<> {
    let locale = use_page_locale();
    let result: FormResult = Signal::derive(move || clear.value().get());
    let slug = slug.to_owned();
    view! {
        <ErrorSummary result />
        <ActionForm action=clear attr:class="form">
            <input type="hidden" name="slug" value=slug />
            <input type="hidden" name="locale" value=move || locale.get().as_str() />
            <button type="submit" class="button button--secondary">{t!(i18n, roll.clear)}</button>
        </ActionForm>
    }
}
