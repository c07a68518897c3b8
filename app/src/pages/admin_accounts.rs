//! Administration: accounts and their roles (staff, politicians and partner associations
//! belong to a nämnd; a partner names its organisation and the groups it works with), the
//! nämnder, and the areas with their population. Others are told to log in or that they may not.

use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_meta::Title;

use crate::api::admin::{CreateNamnd, SaveArea, SetAccountRole, load_admin_overview};
use crate::components::error_text::ErrorNotice;
use crate::components::field::{Control, ErrorSummary, Field, FieldErrorText, FormResult};
use crate::i18n::{t, t_string, use_i18n};
use crate::locale::{I18n, use_page_locale};
use crate::model::Choice;
use crate::model::{AccountRow, AdminOverview, AreaRow, Role};
use crate::names;
use domain::participation::Dimension;

/// The administration page.
#[component]
pub fn AdminAccountsPage() -> impl IntoView {
    let i18n = use_i18n();
    let role = ServerAction::<SetAccountRole>::new();
    let namnd = ServerAction::<CreateNamnd>::new();
    let area = ServerAction::<SaveArea>::new();
    let overview = Resource::new(
        move || role.version().get() + namnd.version().get() + area.version().get(),
        |_| load_admin_overview(),
    );
    view! {
        <Title text=move || t_string!(i18n, admin.accounts_title).to_string() />
        <div class="page">
            <h1>{t!(i18n, admin.accounts_title)}</h1>
            <Suspense fallback=|| ()>
                {move || overview.get().map(|result| match result {
                    Ok(data) => admin_view(i18n, data, role, namnd, area).into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                })}
            </Suspense>
        </div>
    }
}

fn admin_view(
    i18n: I18n,
    data: AdminOverview,
    role: ServerAction<SetAccountRole>,
    namnd: ServerAction<CreateNamnd>,
    area: ServerAction<SaveArea>,
) -> impl IntoView {
    let role_form = role_panel(i18n, &data, role);
    let namnd_form = namnd_panel(i18n, &data, namnd);
    view! {
        {accounts_table(i18n, data.accounts)}
        {role_form}
        {namnd_form}
        {area_panel(i18n, data.areas, area)}
    }
}

/// Every account with its role, nämnd and when it was made.
fn accounts_table(i18n: I18n, accounts: Vec<AccountRow>) -> impl IntoView {
    view! {
        <table class="table">
            <caption>{t!(i18n, admin.accounts_caption)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, admin.email)}</th>
                    <th scope="col">{t!(i18n, admin.role)}</th>
                    <th scope="col">{t!(i18n, admin.namnd)}</th>
                    <th scope="col">{t!(i18n, admin.created)}</th>
                </tr>
            </thead>
            <tbody>
                {accounts.into_iter().map(|r| view! {
                    <tr>
                        <td>{r.email}</td>
                        <td>{role_name(i18n, r.role)}{r.organisation.map(|o| format!(" ({o})"))}</td>
                        <td>{r.namnd.unwrap_or_default()}</td>
                        <td>{r.created_at}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// Giving an account a role (with its nämnd, and a partner's organisation and groups).
fn role_panel(
    i18n: I18n,
    data: &AdminOverview,
    role: ServerAction<SetAccountRole>,
) -> impl IntoView + use<> {
    let locale = use_page_locale();
    let role_result: FormResult = Signal::derive(move || role.value().get());
    let roles = [
        Role::Resident,
        Role::Staff,
        Role::Politician,
        Role::Partner,
        Role::Admin,
    ]
    .into_iter()
    .map(|r| Choice {
        value: r.as_str().to_owned(),
        label: role_name(i18n, r).to_owned(),
    })
    .collect::<Vec<_>>();
    let mut namnder = vec![Choice {
        value: String::new(),
        label: t_string!(i18n, admin.no_namnd).to_string(),
    }];
    namnder.extend(data.namnder.clone());
    let area_ids: Vec<i64> = data.areas.iter().map(|a| a.id).collect();
    let area_names: Vec<(i64, String)> =
        data.areas.iter().map(|a| (a.id, a.name.clone())).collect();
    let partner_groups = group_boxes(i18n, role_result, &area_ids, &area_names);
    view! {
        <section class="panel" aria-labelledby="role-heading">
            <h2 id="role-heading">{t!(i18n, admin.role_heading)}</h2>
            <ErrorSummary result=role_result />
            <ActionForm action=role attr:class="form" attr:novalidate="">
                <input type="hidden" name="locale" value=move || locale.get().as_str() />
                <Field result=role_result name="email" label=t_string!(i18n, admin.email).to_string()
                    control=Control::Input("email") autocomplete="off" required=true />
                <Field result=role_result name="role" label=t_string!(i18n, admin.role).to_string() control=Control::Select(roles) />
                <Field result=role_result name="namnd_id" label=t_string!(i18n, admin.namnd).to_string()
                    hint=t_string!(i18n, admin.namnd_hint).to_string() control=Control::Select(namnder) />
                <Field result=role_result name="organisation" label=t_string!(i18n, admin.organisation).to_string()
                    hint=t_string!(i18n, admin.organisation_hint).to_string() />
                {partner_groups}
                <button type="submit" class="button">{t!(i18n, admin.role_submit)}</button>
            </ActionForm>
        </section>
    }
}

/// The nämnder, and the form for a new one.
fn namnd_panel(
    i18n: I18n,
    data: &AdminOverview,
    namnd: ServerAction<CreateNamnd>,
) -> impl IntoView + use<> {
    let locale = use_page_locale();
    let namnd_result: FormResult = Signal::derive(move || namnd.value().get());
    let names = data
        .namnder
        .iter()
        .map(|n| view! { <li>{n.label.clone()}</li> })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="namnd-heading">
            <h2 id="namnd-heading">{t!(i18n, admin.namnder)}</h2>
            <ul>{names}</ul>
            <ErrorSummary result=namnd_result />
            <ActionForm action=namnd attr:class="form" attr:novalidate="">
                <input type="hidden" name="locale" value=move || locale.get().as_str() />
                <Field result=namnd_result name="name" label=t_string!(i18n, admin.namnd_name).to_string() required=true />
                <button type="submit" class="button">{t!(i18n, admin.namnd_submit)}</button>
            </ActionForm>
        </section>
    }
}

/// The areas with their population, and the form for one.
fn area_panel(i18n: I18n, areas: Vec<AreaRow>, area: ServerAction<SaveArea>) -> impl IntoView {
    let locale = use_page_locale();
    let area_result: FormResult = Signal::derive(move || area.value().get());
    view! {
        <section class="panel" aria-labelledby="area-heading">
            <h2 id="area-heading">{t!(i18n, admin.areas)}</h2>
            <table class="table">
                <caption>{t!(i18n, admin.areas_caption)}</caption>
                <thead><tr><th scope="col">{t!(i18n, admin.area_name)}</th><th scope="col">{t!(i18n, admin.population)}</th></tr></thead>
                <tbody>
                    {areas.into_iter().map(|a| view! { <tr><td>{a.name}</td><td>{a.population}</td></tr> }).collect_view()}
                </tbody>
            </table>
            <ErrorSummary result=area_result />
            <ActionForm action=area attr:class="form" attr:novalidate="">
                <input type="hidden" name="locale" value=move || locale.get().as_str() />
                <Field result=area_result name="name" label=t_string!(i18n, admin.area_name).to_string() required=true />
                <Field result=area_result name="population" label=t_string!(i18n, admin.population).to_string() inputmode="numeric" required=true />
                <button type="submit" class="button">{t!(i18n, admin.area_submit)}</button>
            </ActionForm>
        </section>
    }
}

/// The groups a partner works with: one box per group, under each question; after a refused
/// submission the boxes show what was ticked.
fn group_boxes(
    i18n: I18n,
    result: FormResult,
    area_ids: &[i64],
    areas: &[(i64, String)],
) -> impl IntoView + use<> {
    let l = i18n.get_locale_untracked();
    let area_name = crate::components::figures::area_namer(areas);
    let questions = Dimension::ALL
        .into_iter()
        .map(|d| {
            let boxes = d
                .groups(area_ids)
                .into_iter()
                .map(|g| {
                    let key = g.key();
                    let id = format!("group-{}", key.replace([':', '+'], "-"));
                    let posted = format!("groups[{key}]");
                    let checked = {
                        let posted = posted.clone();
                        move || {
                            result.get().and_then(|r| r.err()).is_some_and(|e| {
                                e.form().is_some_and(|f| f.value(&posted).is_some())
                            })
                        }
                    };
                    view! {
                        <div class="checkbox">
                            <input type="checkbox" id=id.clone() name=posted value=key
                                checked=checked.clone() prop:checked=checked />
                            <label for=id>{names::group(l, g, &area_name)}</label>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="fieldset fieldset--inner">
                    <legend>{names::dimension(l, d)}</legend>
                    {boxes}
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <fieldset class="fieldset" id="groups">
            <legend>{t!(i18n, admin.partner_groups)}</legend>
            <p class="hint">{t!(i18n, admin.partner_groups_hint)}</p>
            <FieldErrorText result field="groups" />
            {questions}
        </fieldset>
    }
}

/// The translated name of a role.
fn role_name(i18n: I18n, role: Role) -> &'static str {
    match role {
        Role::Resident => t_string!(i18n, role.resident),
        Role::Staff => t_string!(i18n, role.staff),
        Role::Politician => t_string!(i18n, role.politician),
        Role::Partner => t_string!(i18n, role.partner),
        Role::Admin => t_string!(i18n, role.admin),
    }
}
