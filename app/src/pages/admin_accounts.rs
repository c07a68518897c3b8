//! Administrators' list of accounts and roles. Others are told to log in or that they may not.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::admin::admin_accounts;
use crate::components::error_text::ErrorNotice;
use crate::i18n::{t, t_string, use_i18n};
use crate::locale::I18n;
use crate::model::Role;

/// The accounts page.
#[component]
pub fn AdminAccountsPage() -> impl IntoView {
    let i18n = use_i18n();
    let accounts = Resource::new(|| (), |_| admin_accounts());
    view! {
        <Title text=move || t_string!(i18n, admin.accounts_title).to_string() />
        <div class="page">
            <h1>{t!(i18n, admin.accounts_title)}</h1>
            <Suspense fallback=|| ()>
                {move || accounts.get().map(|result| match result {
                    Ok(rows) => view! {
                        <table class="table">
                            <caption>{t!(i18n, admin.accounts_caption)}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{t!(i18n, admin.email)}</th>
                                    <th scope="col">{t!(i18n, admin.role)}</th>
                                    <th scope="col">{t!(i18n, admin.created)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {rows.into_iter().map(|r| view! {
                                    <tr><td>{r.email}</td><td>{role_name(i18n, r.role)}</td><td>{r.created_at}</td></tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                })}
            </Suspense>
        </div>
    }
}

/// The translated name of a role.
fn role_name(i18n: I18n, role: Role) -> &'static str {
    match role {
        Role::Resident => t_string!(i18n, role.resident),
        Role::Staff => t_string!(i18n, role.staff),
        Role::Politician => t_string!(i18n, role.politician),
        Role::Admin => t_string!(i18n, role.admin),
    }
}
