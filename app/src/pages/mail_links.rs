//! The pages behind the links in mail: unsubscribing (from a project, a round or everything)
//! and confirming that an address wants to follow a round. Each says what the link does and
//! does it with one button (a plain form: a link checker that opens the page changes nothing).

use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::subscriptions::{
    ChooseDigest, ConfirmSubscription, Unsubscribe, load_confirm, load_unsubscribe,
};
use crate::components::error_text::ErrorNotice;
use crate::components::field::{ErrorSummary, FormResult};
use crate::i18n::{t, t_string, use_i18n};
use crate::locale::{I18n, use_page_locale};
use crate::model::followup::LinkView;

/// The link's parameters from the query string.
fn link_params() -> impl Fn() -> (String, String, String) + Copy + Send + Sync + 'static {
    let query = use_query_map();
    move || {
        let q = query.read();
        (
            q.get("e").unwrap_or_default(),
            q.get("s").unwrap_or_default(),
            q.get("t").unwrap_or_default(),
        )
    }
}

/// Hidden fields that post the link back.
fn hidden_link(v: &LinkView, t: String) -> impl IntoView + use<> {
    view! {
        <input type="hidden" name="e" value=v.email.clone() />
        <input type="hidden" name="s" value=v.scope.clone() />
        <input type="hidden" name="t" value=t />
    }
}

fn invalid(i18n: I18n) -> impl IntoView {
    view! { <p class="notice" role="alert">{t!(i18n, links.invalid)}</p> }
}

/// `/unsubscribe?e=…&s=…&t=…`.
#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_page_locale();
    let params = link_params();
    let action = ServerAction::<Unsubscribe>::new();
    let digest = ServerAction::<ChooseDigest>::new();
    let view_of = Resource::new(
        move || {
            (
                params(),
                locale.get(),
                action.version().get() + digest.version().get(),
            )
        },
        |((e, s, t), l, _)| load_unsubscribe(e, s, t, l.as_str().to_owned()),
    );
    let heading = t_string!(i18n, links.unsubscribe_title).to_string();
    view! {
        <Title text=heading.clone() />
        <div class="page">
            <h1>{heading}</h1>
            <Suspense fallback=|| ()>
                {move || view_of.get().map(|r| match r {
                    Ok(v) if !v.valid => invalid(i18n).into_any(),
                    Ok(v) => view! {
                        {unsubscribe_view(i18n, v.clone(), params().2, action)}
                        {digest_view(i18n, v, params().2, digest)}
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                })}
            </Suspense>
        </div>
    }
}

fn what(i18n: I18n, v: &LinkView) -> String {
    match (&v.title, v.scope.split(':').next()) {
        (Some(title), Some("project")) => {
            t_string!(i18n, links.scope_project, title = title.clone()).to_string()
        }
        (Some(title), _) => t_string!(i18n, links.scope_round, title = title.clone()).to_string(),
        (None, _) => t_string!(i18n, links.scope_all).to_string(),
    }
}

fn unsubscribe_view(
    i18n: I18n,
    v: LinkView,
    token: String,
    action: ServerAction<Unsubscribe>,
) -> impl IntoView {
    let locale = use_page_locale();
    let result: FormResult = Signal::derive(move || action.value().get());
    let what = what(i18n, &v);
    if v.done {
        return view! {
            <p class="notice notice--success" role="status">{t!(i18n, links.unsubscribed, email = v.email.clone(), what = what)}</p>
        }
        .into_any();
    }
    view! {
        <p>{t!(i18n, links.unsubscribe_lead, email = v.email.clone(), what = what)}</p>
        <ErrorSummary result />
        <ActionForm action attr:class="inline-form">
            {hidden_link(&v, token)}
            <input type="hidden" name="locale" value=move || locale.get().as_str() />
            <button type="submit" class="button">{t!(i18n, links.unsubscribe_button)}</button>
        </ActionForm>
    }
    .into_any()
}

/// The middle way: at most one mail a day per round instead of none.
fn digest_view(
    i18n: I18n,
    v: LinkView,
    token: String,
    action: ServerAction<ChooseDigest>,
) -> impl IntoView {
    let locale = use_page_locale();
    let on = !v.digest;
    view! {
        <section class="panel" aria-labelledby="digest-heading">
            <h2 id="digest-heading">{t!(i18n, links.digest_title)}</h2>
            <p>{if v.digest { t!(i18n, links.digest_on).into_any() } else { t!(i18n, links.digest_lead).into_any() }}</p>
            <ActionForm action attr:class="inline-form">
                {hidden_link(&v, token)}
                <input type="hidden" name="locale" value=move || locale.get().as_str() />
                <input type="hidden" name="on" value=on.to_string() />
                <button type="submit" class="button button--secondary">
                    {if on { t!(i18n, links.digest_button_on).into_any() } else { t!(i18n, links.digest_button_off).into_any() }}
                </button>
            </ActionForm>
        </section>
    }
}

/// `/subscribe/confirm?e=…&s=…&t=…`.
#[component]
pub fn ConfirmPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_page_locale();
    let params = link_params();
    let action = ServerAction::<ConfirmSubscription>::new();
    let view_of = Resource::new(
        move || (params(), locale.get(), action.version().get()),
        |((e, s, t), l, _)| load_confirm(e, s, t, l.as_str().to_owned()),
    );
    let heading = t_string!(i18n, links.confirm_title).to_string();
    view! {
        <Title text=heading.clone() />
        <div class="page">
            <h1>{heading}</h1>
            <Suspense fallback=|| ()>
                {move || view_of.get().map(|r| match r {
                    Ok(v) if !v.valid => invalid(i18n).into_any(),
                    Ok(v) => confirm_view(i18n, v, params().2, action).into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                })}
            </Suspense>
        </div>
    }
}

fn confirm_view(
    i18n: I18n,
    v: LinkView,
    token: String,
    action: ServerAction<ConfirmSubscription>,
) -> impl IntoView {
    let locale = use_page_locale();
    let result: FormResult = Signal::derive(move || action.value().get());
    let title = v.title.clone().unwrap_or_default();
    if v.done {
        return view! {
            <p class="notice notice--success" role="status">{t!(i18n, links.confirmed, email = v.email.clone(), round = title)}</p>
        }
        .into_any();
    }
    view! {
        <p>{t!(i18n, links.confirm_lead, email = v.email.clone(), round = title)}</p>
        <ErrorSummary result />
        <ActionForm action attr:class="inline-form">
            {hidden_link(&v, token)}
            <input type="hidden" name="locale" value=move || locale.get().as_str() />
            <button type="submit" class="button">{t!(i18n, links.confirm_button)}</button>
        </ActionForm>
    }
    .into_any()
}
