//! The display page: high contrast and large text, for everyone, without an account. A plain
//! form that posts to `/display`, which keeps the choice in a cookie and comes back here.

use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::display::DisplayMode;
use crate::i18n::{t, t_string, use_i18n};
use crate::locale::use_page_locale;

/// One radio button of a choice.
fn option(name: &'static str, value: &'static str, checked: bool, label: String) -> impl IntoView {
    let id = format!("{name}-{value}");
    view! {
        <div class="radio">
            <input type="radio" id=id.clone() name=name value=value checked=checked />
            <label for=id>{label}</label>
        </div>
    }
}

/// The display settings.
#[component]
pub fn DisplayPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_page_locale();
    let query = use_query_map();
    let mode = DisplayMode::current();
    view! {
        <Title text=move || t_string!(i18n, display.title).to_string() />
        <div class="page page--prose">
            <h1>{t!(i18n, display.title)}</h1>
            <p>{t!(i18n, display.lead)}</p>
            {move || query.read().get("saved").map(|_| view! {
                <p class="notice notice--success" role="status">{t!(i18n, display.saved)}</p>
            })}
            <form method="post" action=crate::paths::display().into_string() class="form">
                <input type="hidden" name="locale" value=move || locale.get().as_str() />
                <fieldset>
                    <legend>{t!(i18n, display.contrast)}</legend>
                    {option("contrast", "normal", !mode.high_contrast, t_string!(i18n, display.contrast_normal).to_string())}
                    {option("contrast", "high", mode.high_contrast, t_string!(i18n, display.contrast_high).to_string())}
                </fieldset>
                <fieldset>
                    <legend>{t!(i18n, display.text)}</legend>
                    {option("text", "normal", !mode.large_text, t_string!(i18n, display.text_normal).to_string())}
                    {option("text", "large", mode.large_text, t_string!(i18n, display.text_large).to_string())}
                </fieldset>
                <button type="submit" class="button">{t!(i18n, display.save)}</button>
            </form>
        </div>
    }
}
