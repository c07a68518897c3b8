//! How an eID sign-in ended when it did not simply sign in: why it was refused
//! (`?result=state|cancelled|token|number|unavailable`), that the identity belongs to no
//! account yet or to another person, or the offer to merge the signed-in account into the
//! one holding the person's identity (`?result=merge`).

use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::eid::{MergeEidAccount, eid_merge_offer};
use crate::components::eid::EidSignIn;
use crate::i18n::{t, t_string, use_i18n};
use crate::locale::{I18n, use_href, use_page_locale};

/// The eID result page.
#[component]
pub fn EidResultPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let result = move || query.read().get("result").unwrap_or_default();
    let href = use_href();
    let back = Signal::derive(move || href(&crate::paths::home()));
    view! {
        <Title text=move || t_string!(i18n, eid.title).to_string() />
        <div class="page page--narrow">
            <h1>{t!(i18n, eid.title)}</h1>
            {move || match result().as_str() {
                "merge" => merge_offer(i18n).into_any(),
                "no_account" => view! {
                    <p class="notice" role="status">{t!(i18n, eid.no_account)}</p>
                    <p><a href=href(&crate::paths::login())>{t!(i18n, eid.login_by_email)}</a></p>
                }.into_any(),
                other => view! {
                    <p class="notice notice--error" role="alert">{refusal(i18n, other)}</p>
                    <h2>{t!(i18n, eid.try_again)}</h2>
                    <EidSignIn back />
                }.into_any(),
            }}
        </div>
    }
}

/// Why the sign-in did not sign in.
fn refusal(i18n: I18n, result: &str) -> String {
    match result {
        "cancelled" => t_string!(i18n, eid.cancelled),
        "token" => t_string!(i18n, eid.token),
        "number" => t_string!(i18n, eid.number),
        "unavailable" => t_string!(i18n, eid.unavailable),
        "other_person" => t_string!(i18n, eid.other_person),
        "merge_expired" => t_string!(i18n, eid.merge_expired),
        _ => t_string!(i18n, eid.state),
    }
    .to_string()
}

/// The offer to merge: which account holds the identity (masked), what merging does, and the
/// button. Without a standing offer, that it expired.
fn merge_offer(i18n: I18n) -> impl IntoView {
    let locale = use_page_locale();
    let href = use_href();
    let action = ServerAction::<MergeEidAccount>::new();
    let offer = Resource::new(|| (), |_| eid_merge_offer());
    view! {
        <Suspense fallback=|| ()>
            {move || offer.get().map(|found| match found {
                Ok(Some(email)) => view! {
                    <p>{t!(i18n, eid.merge_lead, email = email.clone())}</p>
                    <p>{t!(i18n, eid.merge_what)}</p>
                    <ActionForm action attr:class="form">
                        <input type="hidden" name="locale" value=move || locale.get().as_str() />
                        <button type="submit" class="button">{t!(i18n, eid.merge_submit)}</button>
                    </ActionForm>
                    <p><a href=href(&crate::paths::home())>{t!(i18n, eid.merge_cancel)}</a></p>
                }.into_any(),
                _ => view! {
                    <p class="notice notice--error" role="alert">{t!(i18n, eid.merge_expired)}</p>
                }.into_any(),
            })}
        </Suspense>
    }
}
