//! The frame of every page: skip link, header with the municipality and navigation, the
//! language switch, the main landmark and the footer.

use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::api::session::{Logout, session_info};
use crate::i18n::{Locale, t, td_string, use_i18n};
use crate::locale::{href, switch_path, use_page_locale};
use crate::model::Role;

/// Wraps the routed page in the site frame.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_page_locale();
    let location = use_location();
    let logout = ServerAction::<Logout>::new();
    let main = NodeRef::<leptos::html::Main>::new();
    // After a client-side navigation, move focus to the new page's content, as a full page
    // load would, so screen readers start reading there.
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.as_ref().is_some_and(|p| *p != path)
            && let Some(element) = main.get_untracked()
        {
            let _ = element.focus();
        }
        path
    });
    // Who is signed in can change with any page (a kiosk lets a voter in and out): asked again
    // on every navigation; `Transition` keeps the old header until the answer comes.
    let info = Resource::new(
        move || (logout.version().get(), location.pathname.get()),
        |_| session_info(),
    );
    let link = move |path: fn() -> crate::paths::Path| move || href(locale.get(), &path());
    // Every other language, each named in itself (and marked as that language).
    let others = move || {
        let current = locale.get();
        Locale::get_all()
            .iter()
            .copied()
            .filter(move |&l| l != current)
            .map(move |other| {
                view! {
                    <li>
                        <a
                            href=switch_path(&location.pathname.get(), other)
                            hreflang=other.as_str()
                            lang=other.as_str()
                            dir=other.direction().as_str()
                        >
                            {td_string!(other, site.autonym)}
                        </a>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <a class="skip-link" href="#main">{t!(i18n, site.skip_link)}</a>
        <header class="site-header">
            <div class="site-header__inner">
                <a class="brand" href=link(crate::paths::home)>
                    <span class="brand__municipality">
                        <Transition fallback=|| ()>
                            {move || info.get().and_then(|r| r.ok()).map(|i| i.municipality)}
                        </Transition>
                    </span>
                    <span class="brand__name">{t!(i18n, site.name)}</span>
                </a>
                <nav aria-label=move || t_label(i18n)>
                    <ul class="nav">
                        <li><A href=link(crate::paths::home)>{t!(i18n, nav.home)}</A></li>
                        <li><A href=link(crate::paths::projects)>{t!(i18n, nav.projects)}</A></li>
                        <Transition fallback=|| ()>
                            {move || {
                                let user = info.get().and_then(|r| r.ok()).and_then(|i| i.user);
                                match user {
                                    Some(user) => view! {
                                        {matches!(user.role, Role::Staff | Role::Admin).then(|| view! {
                                            <li><A href=link(crate::paths::staff)>{t!(i18n, nav.staff)}</A></li>
                                        })}
                                        {(user.role == Role::Partner).then(|| view! {
                                            <li><A href=link(crate::paths::partner)>{t!(i18n, nav.partner)}</A></li>
                                        })}
                                        {(user.role == Role::Admin).then(|| view! {
                                            <li><A href=link(crate::paths::admin_accounts)>{t!(i18n, nav.accounts)}</A></li>
                                        })}
                                        <li class="nav__user">{t!(i18n, nav.signed_in_as, email = user.email.clone())}</li>
                                        <li>
                                            <ActionForm action=logout attr:class="inline-form">
                                                <input type="hidden" name="locale" value=move || locale.get().as_str() />
                                                <button type="submit" class="link-button">{t!(i18n, nav.logout)}</button>
                                            </ActionForm>
                                        </li>
                                    }.into_any(),
                                    None => view! {
                                        <li><A href=link(crate::paths::login)>{t!(i18n, nav.login)}</A></li>
                                    }.into_any(),
                                }
                            }}
                        </Transition>
                        {others}
                    </ul>
                </nav>
            </div>
        </header>
        <main id="main" tabindex="-1" node_ref=main>{children()}</main>
        <footer class="site-footer">
            <nav aria-label=move || footer_label(i18n)>
                <ul class="nav">
                    <li><A href=link(crate::paths::accessibility)>{t!(i18n, nav.accessibility)}</A></li>
                    <li><a href=link(crate::paths::display)>{t!(i18n, nav.display)}</a></li>
                    <li><A href=link(crate::paths::easy_read)>{t!(i18n, nav.easy_read)}</A></li>
                    <Transition fallback=|| ()>
                        {move || info.get().and_then(|r| r.ok()).filter(|i| i.dev_mode).map(|_| view! {
                            <li><A href=link(crate::paths::dev_mail)>{t!(i18n, nav.dev_mail)}</A></li>
                        })}
                    </Transition>
                </ul>
            </nav>
            <p>{t!(i18n, site.footer_about)}</p>
        </footer>
    }
}

fn t_label(i18n: crate::locale::I18n) -> String {
    crate::i18n::t_string!(i18n, site.main_nav).to_string()
}

fn footer_label(i18n: crate::locale::I18n) -> String {
    crate::i18n::t_string!(i18n, site.footer_nav).to_string()
}
