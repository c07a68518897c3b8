//! Signing in with Swedish eID (BankID, Freja eID) through an identity broker that speaks
//! OpenID Connect: the authorization code flow with PKCE, state and nonce, the ID token's
//! signature, issuer, audience, expiry and nonce checked (`openidconnect`), discovery from the
//! issuer's metadata, and no redirects followed.
//!
//! What is kept of a person: a keyed digest of their personal identity number on their
//! account (`keys::IdentityKey`), never the number, and the birth year the number holds
//! (verified: it cannot be declared over). One identity is one account: signing in with eID
//! on a second account offers to merge it into the one that holds the identity.
//!
//! - [`providers`]: the configured providers and their discovered clients.
//! - [`flow`]: `GET /auth/eid/{provider}/start` and `GET /auth/eid/callback`.
//! - [`link`]: what a verified identity does to accounts (`domain::eid_link` decides).

pub mod flow;
pub mod link;
pub mod providers;

pub use providers::{ConfigError, ProviderConfig, Providers, ProvidersFile};

/// Where providers send people back to (registered with the broker as
/// `<public URL>/auth/eid/callback`).
pub const CALLBACK: &str = "/auth/eid/callback";
/// Where a sign-in with provider `{provider}` starts (a plain link).
pub const START: &str = "/auth/eid/{provider}/start";

/// `value` as JSON, sealed for a cookie under the eID key and bound to `context` (the sign-in
/// under way and the merge offer both ride in cookies).
fn seal<T: serde::Serialize>(keys: &crate::ssr::keys::Keys, value: &T, context: &[u8]) -> String {
    keys.eid_flow
        .seal(&serde_json::to_vec(value).unwrap_or_default(), 0, context)
}

/// What [`seal`] sealed under `context`, if the cookie is genuine.
fn open<T: serde::de::DeserializeOwned>(
    keys: &crate::ssr::keys::Keys,
    sealed: &str,
    context: &[u8],
) -> Option<T> {
    serde_json::from_slice(&keys.eid_flow.open(sealed, context)?).ok()
}

/// Why an eID sign-in ended without signing in. Each has a message on the eID page
/// (`/login/eid?result=…`); the cause is logged where it happens (never a token).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EidError {
    /// The sign-in under way is missing, expired or does not match the answer (state).
    #[error("the sign-in under way is missing, expired or does not match")]
    State,
    /// The person cancelled at the provider, or the provider refused.
    #[error("cancelled or refused at the provider")]
    Cancelled,
    /// The provider's answer did not verify (signature, issuer, audience, expiry, nonce).
    #[error("the ID token did not verify")]
    Token,
    /// The provider sent no valid personal identity number.
    #[error("no valid identity number")]
    Number,
    /// The provider could not be reached or is not configured.
    #[error("the provider is unavailable")]
    Unavailable,
}

impl EidError {
    /// The word naming it in the eID page's address.
    pub fn as_str(self) -> &'static str {
        match self {
            EidError::State => "state",
            EidError::Cancelled => "cancelled",
            EidError::Token => "token",
            EidError::Number => "number",
            EidError::Unavailable => "unavailable",
        }
    }
}
