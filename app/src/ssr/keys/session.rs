//! Session tokens (JWT, HS256): who is signed in, until when, and under which of the account's
//! session epochs. The account row holds the current epoch; raising it (logout, a role
//! change, "sign out everywhere") ends every token issued before, though they are unexpired.

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// How long a session lasts.
pub const SESSION_DAYS: i64 = 14;

/// The claims in a session token (and a kiosk's device token, whose `sub` is `kiosk:<id>`).
#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    sub: String,
    iat: i64,
    exp: i64,
    /// The account's session epoch when the token was issued.
    #[serde(default)]
    ep: i64,
    /// Set for a voter let in at a kiosk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    kiosk: Option<i64>,
    /// The kiosk voter's nonce, which the kiosk must still hold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    jti: Option<String>,
    /// Set when the person signed in with eID (a setting may ask it of staff).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    eid: bool,
}

/// What a genuine session token says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub account: i64,
    /// The account's session epoch at issue; the session counts only while it is current.
    pub epoch: i64,
    /// The kiosk the voter was let in at and their nonce, for a kiosk session.
    pub kiosk: Option<(i64, String)>,
    /// Whether the person signed in with eID.
    pub eid: bool,
}

/// Signing and checking keys for session tokens.
pub struct SessionKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

impl std::fmt::Debug for SessionKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionKeys(..)")
    }
}

impl SessionKeys {
    /// The keys for the key derived for this purpose (see [`super::Keys`]).
    pub(super) fn new(key: [u8; 32]) -> Self {
        Self {
            encoding: EncodingKey::from_secret(&key),
            decoding: DecodingKey::from_secret(&key),
        }
    }

    /// A fresh session token for an account at its current session `epoch`.
    pub fn issue(&self, account_id: i64, epoch: i64) -> Result<String, AppError> {
        self.sign(
            account_id.to_string(),
            SESSION_DAYS * 86_400,
            epoch,
            None,
            false,
        )
    }

    /// A fresh session token for an account whose person signed in with eID.
    pub fn issue_eid(&self, account_id: i64, epoch: i64) -> Result<String, AppError> {
        self.sign(
            account_id.to_string(),
            SESSION_DAYS * 86_400,
            epoch,
            None,
            true,
        )
    }

    /// A short session for a voter let in at `kiosk`, valid while the kiosk holds `nonce`
    /// (the kiosk, not the epoch, ends it: staff end the kiosk, the next voter replaces it).
    pub fn issue_kiosk_voter(
        &self,
        account_id: i64,
        kiosk: i64,
        nonce: String,
    ) -> Result<String, AppError> {
        let seconds = domain::kiosk::VOTER_MINUTES * 60;
        self.sign(
            account_id.to_string(),
            seconds,
            0,
            Some((kiosk, nonce)),
            false,
        )
    }

    /// The token that makes a device the kiosk `kiosk`.
    pub fn issue_kiosk_device(&self, kiosk: i64) -> Result<String, AppError> {
        let seconds = domain::kiosk::KIOSK_HOURS * 3600;
        self.sign(format!("kiosk:{kiosk}"), seconds, 0, None, false)
    }

    fn sign(
        &self,
        sub: String,
        seconds: i64,
        epoch: i64,
        kiosk: Option<(i64, String)>,
        eid: bool,
    ) -> Result<String, AppError> {
        let now = chrono::Utc::now().timestamp();
        let (kiosk, jti) = kiosk.unzip();
        let claims = Claims {
            sub,
            iat: now,
            exp: now + seconds,
            ep: epoch,
            kiosk,
            jti,
            eid,
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding).map_err(|err| {
            tracing::error!(error = %err, "could not sign a session token");
            AppError::Internal
        })
    }

    fn claims(&self, token: &str) -> Option<Claims> {
        let validation = Validation::new(Algorithm::HS256);
        Some(
            decode::<Claims>(token, &self.decoding, &validation)
                .ok()?
                .claims,
        )
    }

    /// What a session token says, if it is genuine and unexpired (the caller compares its
    /// epoch with the account's).
    pub fn verify(&self, token: &str) -> Option<Session> {
        let claims = self.claims(token)?;
        Some(Session {
            account: claims.sub.parse().ok()?,
            epoch: claims.ep,
            kiosk: claims.kiosk.zip(claims.jti),
            eid: claims.eid,
        })
    }

    /// The kiosk a device token names, if it is genuine and unexpired.
    pub fn verify_kiosk_device(&self, token: &str) -> Option<i64> {
        self.claims(token)?.sub.strip_prefix("kiosk:")?.parse().ok()
    }
}
