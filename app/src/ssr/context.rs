//! What every server function may reach: the database and the keys, built once at
//! start-up by `server` and handed to Leptos as context and to axum as state.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
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
    /// Login links per address per validity window (see [`login_limiter`]).
    pub login_limit: u32,
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
    pub login_limiter: Arc<LoginLimiter>,
    /// The eID providers (none configured: no eID sign-in).
    pub eid: Arc<super::eid::Providers>,
}

/// Rate limiter for login-link requests, keyed by client address.
pub type LoginLimiter = DefaultKeyedRateLimiter<IpAddr>;

/// Twice `login_limit` login-link requests at once per client address, then as many per
/// minute (with the default of 5: ten at once, then one every six seconds).
pub fn login_limiter(login_limit: u32) -> LoginLimiter {
    let twice = NonZeroU32::new(login_limit.saturating_mul(2)).unwrap_or(NonZeroU32::MIN);
    RateLimiter::keyed(Quota::per_minute(twice).allow_burst(twice))
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
