//! The page language comes from the URL alone: `/…` is Swedish (the default), `/en/…` is
//! English, `/ar/…` Arabic (the voting flow; right to left). So the language switch is a plain link, works without JavaScript, and a shared
//! link shows the same language to everyone.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

pub use leptos_i18n::Locale as _;

use crate::i18n::Locale;

/// The translation context of this app.
pub type I18n = leptos_i18n::I18nContext<Locale>;

/// The URL prefix of a non-default locale.
pub fn prefix(locale: Locale) -> &'static str {
    match locale {
        Locale::sv => "",
        Locale::en => "/en",
        Locale::ar => "/ar",
    }
}

/// The locale a path is in.
pub fn from_path(path: &str) -> Locale {
    [Locale::en, Locale::ar]
        .into_iter()
        .find(|&locale| {
            let pre = prefix(locale);
            path.strip_prefix(pre)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        })
        .unwrap_or(Locale::sv)
}

/// The locale named by a form's hidden `locale` field; anything unknown is the default.
pub fn from_code(code: &str) -> Locale {
    match code {
        "en" => Locale::en,
        "ar" => Locale::ar,
        _ => Locale::sv,
    }
}

/// `path` (starting with `/`) in `locale`.
pub fn href(locale: Locale, path: &str) -> String {
    match (prefix(locale), path) {
        ("", p) => p.to_owned(),
        // The start page of a prefixed locale is `/en`: the router knows no `/en/`.
        (pre, "/") => pre.to_owned(),
        (pre, p) => format!("{pre}{p}"),
    }
}

/// A text staff wrote in Swedish and perhaps English, for `locale`: Arabic pages get the
/// English (their fallback language), and Swedish where there is no English.
pub fn in_locale(locale: Locale, sv: &str, en: Option<&String>) -> String {
    match (locale, en) {
        (Locale::sv, _) | (_, None) => sv.to_owned(),
        (Locale::en | Locale::ar, Some(en)) => en.clone(),
    }
}

/// The same page in the other language.
pub fn switch_path(path: &str, to: Locale) -> String {
    let rest = path.strip_prefix(prefix(from_path(path))).unwrap_or(path);
    // One leading slash only: `//host` would be a link to another site.
    let rest = format!("/{}", rest.trim_start_matches('/'));
    href(to, &rest)
}

/// The locale of the current page, following client-side navigation.
pub fn use_page_locale() -> Memo<Locale> {
    let location = use_location();
    Memo::new(move |_| from_path(&location.pathname.get()))
}

/// Builds a link to `path` in the current page's locale.
pub fn use_href() -> impl Fn(&str) -> String + Copy + Send + Sync + 'static {
    let locale = use_page_locale();
    move |path| href(locale.get_untracked(), path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_without_prefix_is_swedish_and_en_prefix_is_english() {
        assert_eq!(from_path("/"), Locale::sv);
        assert_eq!(from_path("/login"), Locale::sv);
        assert_eq!(from_path("/en"), Locale::en);
        assert_eq!(from_path("/en/login"), Locale::en);
        assert_eq!(from_path("/english"), Locale::sv);
        assert_eq!(from_path("/ar"), Locale::ar);
        assert_eq!(from_path("/ar/rounds/x/vote"), Locale::ar);
        assert_eq!(from_path("/arkiv"), Locale::sv);
    }

    #[test]
    fn switching_language_keeps_the_page() {
        assert_eq!(switch_path("/login", Locale::en), "/en/login");
        assert_eq!(switch_path("/en/login", Locale::sv), "/login");
        assert_eq!(switch_path("/", Locale::en), "/en");
        assert_eq!(switch_path("/en", Locale::sv), "/");
        assert_eq!(switch_path("/en/", Locale::sv), "/");
        assert_eq!(switch_path("/en/login", Locale::ar), "/ar/login");
        assert_eq!(switch_path("/ar", Locale::en), "/en");
        assert_eq!(
            switch_path("/ar/rounds/x/vote", Locale::sv),
            "/rounds/x/vote"
        );
    }

    #[test]
    fn switching_language_never_links_to_another_site() {
        assert_eq!(
            switch_path("/en//evil.example", Locale::sv),
            "/evil.example"
        );
        assert_eq!(
            switch_path("//evil.example", Locale::en),
            "/en/evil.example"
        );
    }
}
