//! The display mode a visitor chose on the display page: high contrast and large text. Kept in
//! a cookie (`mb_display`) so it holds on every page and needs no account; the server renders
//! it as attributes of `<html>` (`data-contrast`, `data-text`) that the stylesheet follows, and
//! the browser reads it back from there when it hydrates, so both render the same.

use leptos::prelude::*;

/// Name of the cookie that keeps the display mode.
pub const DISPLAY_COOKIE: &str = "mb_display";

/// How the pages are shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DisplayMode {
    /// Light text on black, yellow links and actions.
    pub high_contrast: bool,
    /// All text a quarter larger.
    pub large_text: bool,
}

impl DisplayMode {
    /// Reads the cookie's value (`contrast.text`, e.g. `high.large`); anything else is normal.
    pub fn parse(value: &str) -> DisplayMode {
        let mut parts = value.split('.');
        DisplayMode {
            high_contrast: parts.next() == Some("high"),
            large_text: parts.next() == Some("large"),
        }
    }

    /// The cookie's value.
    pub fn to_cookie(self) -> String {
        format!("{}.{}", self.contrast(), self.text())
    }

    /// The value of `<html data-contrast>`.
    pub fn contrast(self) -> &'static str {
        if self.high_contrast { "high" } else { "normal" }
    }

    /// The value of `<html data-text>`.
    pub fn text(self) -> &'static str {
        if self.large_text { "large" } else { "normal" }
    }

    /// The mode of the page being rendered: from the request's cookie on the server, from
    /// `<html>` in the browser.
    pub fn current() -> DisplayMode {
        #[cfg(feature = "ssr")]
        {
            use_context::<http::request::Parts>()
                .and_then(|parts| {
                    parts
                        .headers
                        .get_all(http::header::COOKIE)
                        .iter()
                        .filter_map(|v| v.to_str().ok())
                        .flat_map(|v| v.split(';'))
                        .find_map(|pair| {
                            let (name, value) = pair.trim().split_once('=')?;
                            (name == DISPLAY_COOKIE).then(|| DisplayMode::parse(value))
                        })
                })
                .unwrap_or_default()
        }
        #[cfg(not(feature = "ssr"))]
        {
            let root = document().document_element();
            let attr = |name: &str| root.as_ref().and_then(|r| r.get_attribute(name));
            DisplayMode {
                high_contrast: attr("data-contrast").as_deref() == Some("high"),
                large_text: attr("data-text").as_deref() == Some("large"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_value_round_trips_and_anything_unknown_is_normal() {
        for high_contrast in [false, true] {
            for large_text in [false, true] {
                let mode = DisplayMode {
                    high_contrast,
                    large_text,
                };
                assert_eq!(DisplayMode::parse(&mode.to_cookie()), mode);
            }
        }
        assert_eq!(DisplayMode::parse(""), DisplayMode::default());
        assert_eq!(DisplayMode::parse("<script>"), DisplayMode::default());
        assert_eq!(DisplayMode::parse("normal.large").text(), "large");
    }
}
