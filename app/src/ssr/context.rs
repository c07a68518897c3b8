//! What every server function may reach: the database and the keys, built once at
//! start-up by `server` and handed to Leptos as context and to axum as state.

use std::sync::Arc;

use sea_orm::DatabaseConnection;

use super::keys::Keys;

/// Settings the server functions need, decided once at start-up.
#[derive(Clone, Debug)]
pub struct SiteSettings {
    /// The address residents reach the site at, used in links in mail (no trailing slash).
    pub public_url: String,
    /// Development mode: the mail page is shown and cookies may go over plain http.
    pub dev_mode: bool,
    /// The municipality's name, shown in the header and in mail.
    pub municipality: String,
    /// Login-link requests per client address per minute are twice this; mails per address
    /// per day too (see `api::login`, `ssr::login_link`).
    pub login_limit: u32,
    /// The header a trusted reverse proxy puts the client's address in (`X-Forwarded-For`,
    /// `X-Real-IP`); without it, the socket's address is the client's.
    pub client_address_header: Option<String>,
    /// Staff, politicians and administrators must sign in with eID to act as such (they see
    /// personal data); until they do, they are residents.
    pub staff_eid: bool,
}

/// Shared state of the running server.
#[derive(Clone, Debug)]
pub struct ServerContext {
    pub db: DatabaseConnection,
    /// Every key, derived from the server's secret (see `ssr::keys`).
    pub keys: Arc<Keys>,
    pub settings: Arc<SiteSettings>,
    /// Login-link requests per client address.
    /// The eID providers (none configured: no eID sign-in).
    pub eid: Arc<super::eid::Providers>,
}

impl ServerContext {
    /// The context of the current request, as provided by `server` to every route.
    pub fn current() -> Result<ServerContext, crate::error::AppError> {
        leptos::prelude::use_context::<ServerContext>().ok_or_else(|| {
            tracing::error!("ServerContext missing from the Leptos context");
            crate::error::AppError::Internal
        })
    }

    /// Whether session cookies must carry `Secure` (they must whenever the site is on https).
    pub fn secure_cookies(&self) -> bool {
        self.settings.public_url.starts_with("https://")
    }
}
