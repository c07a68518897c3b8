//! Where mail goes: `.eml` files in a folder (the default, for development and demos) or an
//! SMTP server.

use std::path::PathBuf;

use lettre::message::Mailbox;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// Why a mail could not be sent.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    #[error("building the message: {0}")]
    Build(String),
    #[error("file transport: {0}")]
    File(String),
    #[error("smtp: {0}")]
    Smtp(String),
    #[error("bad mail configuration: {0}")]
    Config(String),
}

enum Inner {
    File(AsyncFileTransport<Tokio1Executor>),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

/// A configured transport with its sender address.
pub struct MailTransport {
    inner: Inner,
    from: Mailbox,
}

impl MailTransport {
    /// Writes each mail to `dir/<id>.eml`.
    pub fn file(dir: PathBuf, from: &str) -> Result<Self, SendError> {
        std::fs::create_dir_all(&dir)
            .map_err(|e| SendError::Config(format!("{}: {e}", dir.display())))?;
        Ok(Self {
            inner: Inner::File(AsyncFileTransport::new(dir)),
            from: parse_from(from)?,
        })
    }

    /// Sends over SMTP; `url` as lettre reads it (`smtp://host:port`, `smtps://…`).
    pub fn smtp(url: &str, from: &str) -> Result<Self, SendError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| SendError::Config(e.to_string()))?
            .timeout(Some(std::time::Duration::from_secs(20)))
            .build();
        Ok(Self {
            inner: Inner::Smtp(transport),
            from: parse_from(from)?,
        })
    }

    /// The sender of every mail.
    pub fn from(&self) -> &Mailbox {
        &self.from
    }

    /// A short name for logs.
    pub fn name(&self) -> &'static str {
        match self.inner {
            Inner::File(_) => "file",
            Inner::Smtp(_) => "smtp",
        }
    }

    /// Sends one message.
    pub async fn send(&self, message: Message) -> Result<(), SendError> {
        match &self.inner {
            Inner::File(t) => t
                .send(message)
                .await
                .map(drop)
                .map_err(|e| SendError::File(e.to_string())),
            Inner::Smtp(t) => t
                .send(message)
                .await
                .map(drop)
                .map_err(|e| SendError::Smtp(e.to_string())),
        }
    }
}

fn parse_from(from: &str) -> Result<Mailbox, SendError> {
    from.parse()
        .map_err(|e| SendError::Config(format!("MAIL_FROM: {e}")))
}
