//! Tillgänglighetsredogörelse: the accessibility statement the law requires of public sites.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::{t, t_string, use_i18n};

/// The accessibility statement.
#[component]
pub fn AccessibilityPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, a11y.title).to_string() />
        <div class="page page--prose">
            <h1>{t!(i18n, a11y.title)}</h1>
            <p>{t!(i18n, a11y.intro)}</p>
            <h2>{t!(i18n, a11y.status_heading)}</h2>
            <p>{t!(i18n, a11y.status)}</p>
            <h2>{t!(i18n, a11y.known_issues_heading)}</h2>
            <p>{t!(i18n, a11y.known_issues)}</p>
            <h2>{t!(i18n, a11y.feedback_heading)}</h2>
            <p>{t!(i18n, a11y.feedback)}</p>
            <h2>{t!(i18n, a11y.supervision_heading)}</h2>
            <p>{t!(i18n, a11y.supervision)}</p>
        </div>
    }
}
