//! A round's mail for its staff: queued, sent and failed counts, the mail still waiting or
//! failed with the reason, and a retry for failed mail.

use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::rounds::{RetryMail, load_round_mail};
use crate::components::error_text::ErrorNotice;
use crate::components::field::{ErrorSummary, FormResult};
use crate::i18n::{t, t_string, use_i18n};
use crate::locale::{I18n, use_href, use_page_locale};
use crate::model::followup::{MailRow, RoundMail};

/// The staff mail page.
#[component]
pub fn StaffMailPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_page_locale();
    let params = use_params_map();
    let retry = ServerAction::<RetryMail>::new();
    let mail = Resource::new(
        move || {
            (
                params.read().get("slug").unwrap_or_default(),
                locale.get(),
                retry.version().get(),
            )
        },
        |(slug, l, _)| load_round_mail(slug, l.as_str().to_owned()),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || mail.get().map(|r| match r {
                Ok(m) => mail_view(i18n, m, retry).into_any(),
                Err(error) => view! { <div class="page"><ErrorNotice error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

fn state_name(i18n: I18n, state: &str) -> String {
    match state {
        "queued" => t_string!(i18n, staff_mail.queued),
        "sending" => t_string!(i18n, staff_mail.sending),
        _ => t_string!(i18n, staff_mail.failed),
    }
    .to_string()
}

fn mail_row(i18n: I18n, slug: String, m: MailRow, retry: ServerAction<RetryMail>) -> impl IntoView {
    let locale = use_page_locale();
    let failed = m.status == "failed";
    view! {
        <tr>
            <td>{m.recipient}</td>
            <td>{m.subject}</td>
            <td>{state_name(i18n, &m.status)}</td>
            <td>{m.attempts}</td>
            <td>{m.next_attempt_at}</td>
            <td>{m.last_error.unwrap_or_default()}</td>
            <td>
                {failed.then(|| view! {
                    <ActionForm action=retry attr:class="inline-form">
                        <input type="hidden" name="slug" value=slug />
                        <input type="hidden" name="id" value=m.id />
                        <input type="hidden" name="locale" value=move || locale.get().as_str() />
                        <button type="submit" class="button button--secondary">{t!(i18n, staff_mail.retry)}</button>
                    </ActionForm>
                })}
            </td>
        </tr>
    }
}

fn mail_view(i18n: I18n, m: RoundMail, retry: ServerAction<RetryMail>) -> impl IntoView {
    let href = use_href();
    let locale = use_page_locale();
    let query = use_query_map();
    let result: FormResult = Signal::derive(move || retry.value().get());
    let heading = t_string!(i18n, staff_mail.title, round = m.title.clone()).to_string();
    let flash = move || {
        query.read().get("retried").map(|n| {
            view! { <p class="notice notice--success" role="status">{t!(i18n, staff_mail.retried, count = n)}</p> }
        })
    };
    let slug = m.slug.clone();
    let rows = m
        .waiting
        .into_iter()
        .map(|row| mail_row(i18n, slug.clone(), row, retry))
        .collect_view();
    let retry_all = (m.failed > 0).then(|| {
        let slug = m.slug.clone();
        view! {
            <ActionForm action=retry attr:class="inline-form">
                <input type="hidden" name="slug" value=slug />
                <input type="hidden" name="locale" value=move || locale.get().as_str() />
                <button type="submit" class="button">{t!(i18n, staff_mail.retry_all)}</button>
            </ActionForm>
        }
    });
    view! {
        <Title text=heading.clone() />
        <div class="page">
            <p><a href=href(&crate::paths::staff_round(&m.slug))>{t!(i18n, staff_mail.back)}</a></p>
            <h1>{heading}</h1>
            {flash}
            <ErrorSummary result />
            <dl class="facts">
                <dt>{t!(i18n, staff_mail.queued)}</dt><dd>{m.queued + m.sending}</dd>
                <dt>{t!(i18n, staff_mail.sent)}</dt><dd>{m.sent}</dd>
                <dt>{t!(i18n, staff_mail.failed)}</dt><dd>{m.failed}</dd>
            </dl>
            {retry_all}
            <table class="table">
                <caption>{t!(i18n, staff_mail.caption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, staff_mail.recipient)}</th>
                        <th scope="col">{t!(i18n, staff_mail.subject)}</th>
                        <th scope="col">{t!(i18n, staff_mail.state)}</th>
                        <th scope="col">{t!(i18n, staff_mail.attempts)}</th>
                        <th scope="col">{t!(i18n, staff_mail.next)}</th>
                        <th scope="col">{t!(i18n, staff_mail.error)}</th>
                        <th scope="col">{t!(i18n, staff_mail.action)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
