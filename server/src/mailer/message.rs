//! Turns an outbox row into a lettre message: plain text and HTML alternatives, the
//! recipient's language in `Content-Language`, and a Message-ID derived from the row so that a
//! resend after a crash is recognisable as the same mail; notifications carry the one-click
//! unsubscribe headers of RFC 8058.

use lettre::Message;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};

use super::transport::SendError;
use app::ssr::entity::outbox;

/// Builds the message for a queued mail with its (opened) `text` and `html` bodies.
pub fn build_message(
    mail: &outbox::Model,
    (text, html): (String, String),
    from: &Mailbox,
) -> Result<Message, SendError> {
    let to: Mailbox = mail
        .recipient
        .parse()
        .map_err(|e| SendError::Build(format!("recipient: {e}")))?;
    let domain = from.email.domain().to_owned();
    let mut builder = Message::builder();
    if let Some(url) = &mail.unsubscribe_url {
        // RFC 8058: mail programs offer "unsubscribe" and POST to the address themselves.
        builder = builder
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{url}>"),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".to_owned(),
            ));
    }
    builder
        .from(from.clone())
        .to(to)
        .subject(mail.subject.clone())
        .message_id(Some(format!("<outbox-{}@{domain}>", mail.id)))
        .raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("Content-Language"),
            mail.locale.clone(),
        ))
        .multipart(
            MultiPart::alternative()
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_PLAIN)
                        .body(text),
                )
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_HTML)
                        .body(html),
                ),
        )
        .map_err(|e| SendError::Build(e.to_string()))
}
