//! Mail contents: every mail has a plain-text and an HTML part in the recipient's language,
//! with all sentences from the translation files. HTML is rendered by Leptos, which escapes.

use leptos::prelude::*;
use leptos_i18n::Locale as _;

use crate::i18n::{Locale, td_string};

/// A mail ready for the outbox.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenderedMail {
    pub locale: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// The one-click unsubscribe address (`List-Unsubscribe`), for notifications.
    pub unsubscribe: Option<String>,
}

/// The login-link mail.
pub fn login_link(locale: Locale, municipality: &str, link: &str) -> RenderedMail {
    notice(
        locale,
        municipality,
        Notice {
            subject: td_string!(locale, mail.login_subject).to_string(),
            before: vec![
                td_string!(locale, mail.login_greeting).to_string(),
                td_string!(locale, mail.login_body).to_string(),
            ],
            link: Some((
                td_string!(locale, mail.login_button).to_string(),
                link.to_owned(),
            )),
            after: vec![td_string!(locale, mail.login_ignore).to_string()],
            unsubscribe: Vec::new(),
        },
    )
}

/// The content of a plain notice mail: paragraphs, an optional link, more paragraphs.
pub struct Notice {
    pub subject: String,
    pub before: Vec<String>,
    /// The link's label and address; the address is also shown as text.
    pub link: Option<(String, String)>,
    pub after: Vec<String>,
    /// Unsubscribe links (label, address), narrowest first, shown under the footer.
    pub unsubscribe: Vec<(String, String)>,
}

/// Renders a notice as text and HTML, with the municipality's footer.
pub fn notice(locale: Locale, municipality: &str, notice: Notice) -> RenderedMail {
    let footer =
        td_string!(locale, mail.footer, municipality = municipality.to_owned()).to_string();
    let mut text = String::new();
    for paragraph in &notice.before {
        text.push_str(paragraph);
        text.push_str("\n\n");
    }
    if let Some((_, url)) = &notice.link {
        text.push_str(url);
        text.push_str("\n\n");
    }
    for paragraph in &notice.after {
        text.push_str(paragraph);
        text.push_str("\n\n");
    }
    text.push_str(&format!("-- \n{footer}\n"));
    for (label, url) in &notice.unsubscribe {
        text.push_str(&format!("{label}: {url}\n"));
    }
    let unsubscribe_links = notice
        .unsubscribe
        .into_iter()
        .map(|(label, url)| view! { <p><a href=url>{label}</a></p> })
        .collect_view();
    let paragraphs = |list: Vec<String>| {
        list.into_iter()
            .map(|p| view! { <p>{p}</p> })
            .collect_view()
    };
    let link = notice.link.map(|(label, url)| {
        view! {
            <p><a href=url.clone()>{label}</a></p>
            <p>{url}</p>
        }
    });
    let html = html_document(
        locale,
        &notice.subject,
        view! {
            {paragraphs(notice.before)}
            {link}
            {paragraphs(notice.after)}
            <hr />
            <p>{footer}</p>
            {unsubscribe_links}
        },
    );
    RenderedMail {
        locale: locale.as_str().to_owned(),
        subject: notice.subject,
        text,
        html,
        unsubscribe: None,
    }
}

/// Wraps mail content in a minimal, readable HTML document.
fn html_document(locale: Locale, title: &str, content: impl IntoView + 'static) -> String {
    let title = title.to_owned();
    let page = view! {
        <html lang=locale.as_str() dir=locale.direction().as_str()>
            <head>
                <meta charset="utf-8" />
                <title>{title}</title>
            </head>
            <body style="font-family: sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a;">
                {content}
            </body>
        </html>
    };
    format!("<!DOCTYPE html>{}", page.to_html())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_login_mail_is_swedish_or_english_and_carries_the_link_in_both_parts() {
        let sv = login_link(
            Locale::sv,
            "Exempelkommun",
            "https://x.se/login/verify?token=a&b",
        );
        assert!(sv.subject.contains("inloggningslänk"));
        assert!(sv.text.contains("https://x.se/login/verify?token=a&b"));
        assert!(sv.html.contains("https://x.se/login/verify?token=a&amp;b"));
        assert!(sv.html.contains("lang=\"sv\""));
        let en = login_link(Locale::en, "Exempelkommun", "https://x.se/l");
        assert!(en.subject.contains("login link"));
        assert!(en.text.contains("Exempelkommun"));
    }

    #[test]
    fn html_in_the_municipality_name_is_escaped() {
        let mail = login_link(Locale::sv, "<script>", "https://x.se/l");
        assert!(!mail.html.contains("<script>"));
        assert!(mail.html.contains("&lt;script&gt;"));
    }
}

/// The link to a proposal's page, for mail.
pub fn proposal_url(
    ctx: &super::context::ServerContext,
    locale: Locale,
    round_slug: &str,
    id: i64,
) -> String {
    format!(
        "{}{}",
        ctx.settings.public_url,
        crate::locale::href(locale, &crate::paths::proposal(round_slug, id))
    )
}

/// What a notification says, in one language (the unsubscribe links are added).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Message {
    pub subject: String,
    pub before: Vec<String>,
    pub link: Option<(String, String)>,
}
