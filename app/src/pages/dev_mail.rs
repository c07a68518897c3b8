//! Development mode only: the mails the platform has sent, with clickable links, so a newcomer
//! can log in without a mail server.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::dev::dev_mails;
use crate::components::error_text::ErrorNotice;
use crate::i18n::{t, t_string, use_i18n};
use crate::model::DevMail;

/// The sent-mail page.
#[component]
pub fn DevMailPage() -> impl IntoView {
    let i18n = use_i18n();
    let mails = Resource::new(|| (), |_| dev_mails());
    view! {
        <Title text=move || t_string!(i18n, dev_mail.title).to_string() />
        <div class="page">
            <h1>{t!(i18n, dev_mail.title)}</h1>
            <p>{t!(i18n, dev_mail.lead)}</p>
            <Suspense fallback=|| ()>
                {move || mails.get().map(|result| match result {
                    Ok(list) if list.is_empty() => view! { <p class="empty-state">{t!(i18n, dev_mail.empty)}</p> }.into_any(),
                    Ok(list) => view! {
                        <ol class="mail-list">{list.into_iter().map(mail_item).collect_view()}</ol>
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                })}
            </Suspense>
        </div>
    }
}

fn mail_item(mail: DevMail) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <li class="card mail">
            <h2 class="mail__subject">{mail.subject}</h2>
            <dl class="mail__meta">
                <dt>{t!(i18n, dev_mail.to)}</dt><dd>{mail.recipient}</dd>
                <dt>{t!(i18n, dev_mail.status)}</dt><dd>{mail.status}</dd>
                <dt>{t!(i18n, dev_mail.sent_at)}</dt><dd>{mail.created_at}</dd>
            </dl>
            <div class="mail__body">{linkify(&mail.body_text)}</div>
        </li>
    }
}

/// The text body with each line that is a URL turned into a link.
fn linkify(text: &str) -> impl IntoView + use<> {
    text.lines()
        .map(|line| {
            let line = line.to_owned();
            if line.starts_with("http://") || line.starts_with("https://") {
                let href = line.clone();
                view! { <p><a href=href class="mail__link">{line}</a></p> }.into_any()
            } else {
                view! { <p>{line}</p> }.into_any()
            }
        })
        .collect_view()
}
