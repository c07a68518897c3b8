//! The eID sign-in offer: one plain link per configured provider (`/auth/eid/{id}/start`),
//! coming back to `back`. Links, not a form: the provider's page is another site, and a form
//! posting there would need the policy to allow it.

use leptos::prelude::*;
use leptos_i18n::Locale as _;

use crate::api::eid::eid_providers;
use crate::i18n::{t, use_i18n};
use crate::locale::use_page_locale;

/// The providers' sign-in links, returning to `back` (a path on this site, with its locale
/// prefix); a sentence instead when none is configured.
#[component]
pub fn EidSignIn(#[prop(into)] back: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_page_locale();
    let providers = Resource::new(
        move || locale.get(),
        |l| eid_providers(l.as_str().to_owned()),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || providers.get().map(|found| match found {
                Ok(list) if !list.is_empty() => view! {
                    <ul class="eid-list">
                        {list.into_iter().map(|p| {
                            let name = p.name.clone();
                            let href = move || crate::paths::eid_start(&p.id)
                                .query("return", back.get())
                                .into_string();
                            view! {
                                <li>
                                    <a class="button" href=href>{t!(i18n, eid.sign_in_with, provider = name.clone())}</a>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
                _ => view! { <p>{t!(i18n, eid.none_configured)}</p> }.into_any(),
            })}
        </Suspense>
    }
}
