//! `/account`: the signed-in person's own data. A download of everything stored about them, and
//! erasing the account (a plain form with a confirmation box, so it works without JavaScript and
//! cannot happen by one click).

use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_meta::Title;

use crate::api::account::EraseAccount;
use crate::api::session::session_info;
use crate::components::field::{ErrorSummary, FieldErrorText, FormResult, has_error};
use crate::i18n::{t, t_string, use_i18n};
use crate::locale::{href, use_page_locale};

#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_page_locale();
    let session = Resource::new(|| (), |_| session_info());
    let heading = t_string!(i18n, account.title).to_string();
    view! {
        <Title text=heading.clone() />
        <div class="page page--prose">
            <h1>{heading}</h1>
            <Suspense fallback=|| ()>
                {move || session.get().map(|s| match s.ok().and_then(|s| s.user) {
                    Some(user) if user.kiosk.is_none() => signed_in().into_any(),
                    _ => view! {
                        <p>
                            <a href=move || href(locale.get(), &crate::paths::login())>
                                {t!(i18n, account.sign_in_first)}
                            </a>
                        </p>
                    }.into_any(),
                })}
            </Suspense>
        </div>
    }
}

fn signed_in() -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_page_locale();
    let action = ServerAction::<EraseAccount>::new();
    let result: FormResult = Signal::derive(move || action.value().get());
    let invalid = has_error(result, "confirm");
    view! {
        <p>{t!(i18n, account.lead)}</p>
        <section aria-labelledby="download-heading">
            <h2 id="download-heading">{t!(i18n, account.download_heading)}</h2>
            <p>{t!(i18n, account.download_lead)}</p>
            <p>
                <a href=crate::paths::account_data().into_string() download="medborgarbudget.json" rel="external">
                    {t!(i18n, account.download)}
                </a>
            </p>
        </section>
        <section aria-labelledby="erase-heading">
            <h2 id="erase-heading">{t!(i18n, account.erase_heading)}</h2>
            <p>{t!(i18n, account.erase_lead)}</p>
            <ErrorSummary result />
            <ActionForm action attr:class="form">
                <input type="hidden" name="locale" value=move || locale.get().as_str() />
                <div class="checkbox">
                    <input type="checkbox" id="confirm" name="confirm" value="yes"
                        aria-invalid=move || invalid().then_some("true")
                        aria-describedby=move || invalid().then_some("confirm-error") />
                    <label for="confirm">{t!(i18n, account.erase_confirm)}</label>
                </div>
                <FieldErrorText result field="confirm" />
                <button type="submit" class="button button--danger">{t!(i18n, account.erase_button)}</button>
            </ActionForm>
        </section>
    }
}
