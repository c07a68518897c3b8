//! The frame of every page: skip link, header with the municipality and navigation, the
//! language switch, the main landmark and the footer.

use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::api::session::{Logout, SiteSession, session_info};
use crate::error::AppError;
use crate::i18n::{Locale, t, td_string, use_i18n};
use crate::locale::{I18n, href, switch_path, use_page_locale};
use crate::model::{Role, SessionUser};

/// Who is signed in and the site facts, asked again on every navigation.
type SiteInfo = Resource<Result<SiteSession, AppError>>;

/// Wraps the routed page in the site frame.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_page_locale();
    let pathname = use_location().pathname;
    let logout = ServerAction::<Logout>::new();
    let main = NodeRef::<leptos::html::Main>::new();
    focus_main_after_navigation(pathname, main);
    // Who is signed in can change with any page (a kiosk lets a voter in and out): asked again
    // on every navigation; `Transition` keeps the old header until the answer comes.
    let info = Resource::new(
        move || (logout.version().get(), pathname.get()),
        |_| session_info(),
    );
    view! {
        <a class="skip-link" href="#main">{t!(i18n, site.skip_link)}</a>
        {site_header(i18n, locale, pathname, info, logout)}
        <main id="main" tabindex="-1" node_ref=main>
            {eid_needed(i18n, info, pathname)}
            {children()}
        </main>
        {site_footer(i18n, locale, info)}
    }
}

/// After a client-side navigation, move focus to the new page's content, as a full page
/// load would, so screen readers start reading there.
fn focus_main_after_navigation(pathname: Memo<String>, main: NodeRef<leptos::html::Main>) {
    Effect::new(move |previous: Option<String>| {
        let path = pathname.get();
        if previous.as_ref().is_some_and(|p| *p != path)
            && let Some(element) = main.get_untracked()
        {
            let _ = element.focus();
        }
        path
    });
}

/// For a staff member whose role needs an eID sign-in this session lacks: why they act as a
/// resident, and the sign-in.
fn eid_needed(i18n: I18n, info: SiteInfo, pathname: Memo<String>) -> impl IntoView {
    view! {
        <Transition fallback=|| ()>
            {move || {
                info.get()
                    .and_then(|r| r.ok())
                    .and_then(|i| i.user)
                    .filter(|u| u.eid_needed)
                    .map(|_| view! {
                        <div class="page">
                            <section class="panel" aria-labelledby="eid-needed-heading">
                                <h2 id="eid-needed-heading">{t!(i18n, eid.title)}</h2>
                                <p>{t!(i18n, eid.staff_needed)}</p>
                                <crate::components::eid::EidSignIn back=pathname />
                            </section>
                        </div>
                    })
            }}
        </Transition>
    }
}

/// A link to a page in the current language, following client-side navigation.
fn link(
    locale: Memo<Locale>,
    path: fn() -> crate::paths::Path,
) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    move || href(locale.get(), &path())
}

/// The header: the municipality and the site's name, the main navigation and the languages.
fn site_header(
    i18n: I18n,
    locale: Memo<Locale>,
    pathname: Memo<String>,
    info: SiteInfo,
    logout: ServerAction<Logout>,
) -> impl IntoView {
    view! {
        <header class="site-header">
            <div class="site-header__inner">
                <a class="brand" href=link(locale, crate::paths::home)>
                    <span class="brand__municipality">
                        <Transition fallback=|| ()>
                            {move || info.get().and_then(|r| r.ok()).map(|i| i.municipality)}
                        </Transition>
                    </span>
                    <span class="brand__name">{t!(i18n, site.name)}</span>
                </a>
                <nav aria-label=move || t_label(i18n)>
                    <ul class="nav">
                        <li><A href=link(locale, crate::paths::home)>{t!(i18n, nav.home)}</A></li>
                        <li><A href=link(locale, crate::paths::projects)>{t!(i18n, nav.projects)}</A></li>
                        <Transition fallback=|| ()>
                            {move || {
                                let user = info.get().and_then(|r| r.ok()).and_then(|i| i.user);
                                account_links(i18n, locale, user, logout)
                            }}
                        </Transition>
                        {language_links(locale, pathname)}
                    </ul>
                </nav>
            </div>
        </header>
    }
}

/// The signed-in person's pages (by role), who they are and the logout button; or the login
/// link.
fn account_links(
    i18n: I18n,
    locale: Memo<Locale>,
    user: Option<SessionUser>,
    logout: ServerAction<Logout>,
) -> AnyView {
    match user {
        Some(user) => view! {
            {matches!(user.role, Role::Staff | Role::Admin).then(|| view! {
                <li><A href=link(locale, crate::paths::staff)>{t!(i18n, nav.staff)}</A></li>
            })}
            {(user.role == Role::Partner).then(|| view! {
                <li><A href=link(locale, crate::paths::partner)>{t!(i18n, nav.partner)}</A></li>
            })}
            {(user.role == Role::Admin).then(|| view! {
                <li><A href=link(locale, crate::paths::admin_accounts)>{t!(i18n, nav.accounts)}</A></li>
            })}
            {user.kiosk.is_none().then(|| view! {
                <li><A href=link(locale, crate::paths::account)>{t!(i18n, nav.account)}</A></li>
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
            <li><A href=link(locale, crate::paths::login)>{t!(i18n, nav.login)}</A></li>
        }.into_any(),
    }
}

/// Every other language, each named in itself (and marked as that language).
fn language_links(locale: Memo<Locale>, pathname: Memo<String>) -> impl IntoView {
    move || {
        let current = locale.get();
        Locale::get_all()
            .iter()
            .copied()
            .filter(move |&l| l != current)
            .map(move |other| {
                view! {
                    <li>
                        <a
                            href=switch_path(&pathname.get(), other)
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
    }
}

/// The footer: accessibility, display and easy-read pages (and the development mail), and
/// what the site is.
fn site_footer(i18n: I18n, locale: Memo<Locale>, info: SiteInfo) -> impl IntoView {
    view! {
        <footer class="site-footer">
            <nav aria-label=move || footer_label(i18n)>
                <ul class="nav">
                    <li><A href=link(locale, crate::paths::accessibility)>{t!(i18n, nav.accessibility)}</A></li>
                    <li><a href=link(locale, crate::paths::display)>{t!(i18n, nav.display)}</a></li>
                    <li><A href=link(locale, crate::paths::easy_read)>{t!(i18n, nav.easy_read)}</A></li>
                    <Transition fallback=|| ()>
                        {move || info.get().and_then(|r| r.ok()).filter(|i| i.dev_mode).map(|_| view! {
                            <li><A href=link(locale, crate::paths::dev_mail)>{t!(i18n, nav.dev_mail)}</A></li>
                        })}
                    </Transition>
                </ul>
            </nav>
            <p>{t!(i18n, site.footer_about)}</p>
        </footer>
    }
}

fn t_label(i18n: I18n) -> String {
    crate::i18n::t_string!(i18n, site.main_nav).to_string()
}

fn footer_label(i18n: I18n) -> String {
    crate::i18n::t_string!(i18n, site.footer_nav).to_string()
}
