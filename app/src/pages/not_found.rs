//! The page for any address that is not a page: a 404 with a way back.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::{t, t_string, use_i18n};

/// Answers 404 and offers the start page.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    let i18n = use_i18n();
    let href = crate::locale::use_href();
    view! {
        <Title text=move || t_string!(i18n, not_found.title).to_string() />
        <div class="page">
            <h1>{t!(i18n, not_found.title)}</h1>
            <p>{t!(i18n, not_found.lead)}</p>
            <p><a href=href(&crate::paths::home())>{t!(i18n, not_found.back)}</a></p>
        </div>
    }
}
