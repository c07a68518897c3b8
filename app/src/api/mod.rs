//! Server functions, grouped by what they serve. Each is thin: context, current user, parse,
//! authorise, call the domain or a service, persist, answer with a view type.

pub mod account;
pub mod admin;
pub mod decisions;
pub mod dev;
pub mod eid;
pub mod kiosk;
pub mod login;
pub mod participation;
pub mod proposals;
pub mod review;
pub mod rounds;
pub mod session;
pub mod subscriptions;
pub mod updates;
pub mod voting;

/// Answers a form posted without JavaScript with a redirect to `path` (locale-free, as the
/// builders of `crate::paths` make it) in `locale`.
#[cfg(feature = "ssr")]
pub fn redirect_to(locale: crate::i18n::Locale, path: &str) {
    leptos_axum::redirect(&crate::locale::href(locale, path));
}
