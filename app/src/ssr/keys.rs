//! The server's keys, each derived from `MEDBORGARBUDGET_SECRET` under its own purpose label,
//! so that one can never stand in for another: session tokens (JWT, HS256), the link between
//! a voter and their ballot, and the signatures of links in mail (and kiosk PINs). Whoever
//! holds the secret can link a ballot to its voter; nobody else can (see the README).

use hmac::{Hmac, Mac};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::AppError;

/// How long a session lasts.
pub const SESSION_DAYS: i64 = 14;

/// The claims in a session token (and a kiosk's device token, whose `sub` is `kiosk:<id>`).
#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    sub: String,
    iat: i64,
    exp: i64,
    /// Set for a voter let in at a kiosk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    kiosk: Option<i64>,
    /// The kiosk voter's nonce, which the kiosk must still hold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    jti: Option<String>,
}

/// What a genuine session token says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub account: i64,
    /// The kiosk the voter was let in at and their nonce, for a kiosk session.
    pub kiosk: Option<(i64, String)>,
}

/// Signing and checking keys for session tokens, from the server's secret.
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
    pub fn new(secret: &[u8]) -> Self {
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
        }
    }

    /// A fresh session token for an account.
    pub fn issue(&self, account_id: i64) -> Result<String, AppError> {
        self.sign(account_id.to_string(), SESSION_DAYS * 86_400, None)
    }

    /// A short session for a voter let in at `kiosk`, valid while the kiosk holds `nonce`.
    pub fn issue_kiosk_voter(
        &self,
        account_id: i64,
        kiosk: i64,
        nonce: String,
    ) -> Result<String, AppError> {
        let seconds = domain::kiosk::VOTER_MINUTES * 60;
        self.sign(account_id.to_string(), seconds, Some((kiosk, nonce)))
    }

    /// The token that makes a device the kiosk `kiosk`.
    pub fn issue_kiosk_device(&self, kiosk: i64) -> Result<String, AppError> {
        let seconds = domain::kiosk::KIOSK_HOURS * 3600;
        self.sign(format!("kiosk:{kiosk}"), seconds, None)
    }

    fn sign(
        &self,
        sub: String,
        seconds: i64,
        kiosk: Option<(i64, String)>,
    ) -> Result<String, AppError> {
        let now = chrono::Utc::now().timestamp();
        let (kiosk, jti) = kiosk.unzip();
        let claims = Claims {
            sub,
            iat: now,
            exp: now + seconds,
            kiosk,
            jti,
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

    /// What a session token says, if it is genuine and unexpired.
    pub fn verify(&self, token: &str) -> Option<Session> {
        let claims = self.claims(token)?;
        Some(Session {
            account: claims.sub.parse().ok()?,
            kiosk: claims.kiosk.zip(claims.jti),
        })
    }

    /// The kiosk a device token names, if it is genuine and unexpired.
    pub fn verify_kiosk_device(&self, token: &str) -> Option<i64> {
        self.claims(token)?.sub.strip_prefix("kiosk:")?.parse().ok()
    }
}

/// The key that links ballots to voters.
pub struct BallotKey(Vec<u8>);

impl std::fmt::Debug for BallotKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BallotKey(..)")
    }
}

impl BallotKey {
    /// A key derived from the server's secret (its own purpose, so it differs from the session
    /// key made from the same secret).
    pub fn new(secret: &[u8]) -> BallotKey {
        let mut hash = Sha256::new();
        hash.update(b"medborgarbudget ballot link\0");
        hash.update(secret);
        BallotKey(hash.finalize().to_vec())
    }

    /// The link between `account` and its ballot in `round`.
    pub fn voter_link(&self, account: i64, round: i64) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(format!("round:{round};account:{account}").as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }
}

/// The key that signs links in mail.
pub struct LinkKey(Vec<u8>);

impl std::fmt::Debug for LinkKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LinkKey(..)")
    }
}

/// What a signed link is for; part of what is signed, so a link for one purpose is worthless
/// for another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Unsubscribe,
    Confirm,
    /// Not a link: a kiosk's PIN, kept as its signature (`email` is the kiosk's salt).
    KioskPin,
}

impl Purpose {
    fn label(self) -> &'static str {
        match self {
            Purpose::Unsubscribe => "unsubscribe",
            Purpose::Confirm => "confirm",
            Purpose::KioskPin => "kiosk pin",
        }
    }
}

impl LinkKey {
    /// A key derived from the server's secret, with its own purpose label.
    pub fn new(secret: &[u8]) -> LinkKey {
        let mut hash = Sha256::new();
        hash.update(b"medborgarbudget mail link\0");
        hash.update(secret);
        LinkKey(hash.finalize().to_vec())
    }

    fn mac(&self, purpose: Purpose, email: &str, scope: &str) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key length");
        for part in [purpose.label(), email, scope] {
            mac.update(part.as_bytes());
            mac.update(b"\0");
        }
        mac
    }

    /// The signature of a link for `email` and `scope`.
    pub fn sign(&self, purpose: Purpose, email: &str, scope: &str) -> String {
        hex::encode(self.mac(purpose, email, scope).finalize().into_bytes())
    }

    /// Whether `signature` was made by [`LinkKey::sign`] for exactly these values (compared in
    /// constant time).
    pub fn verify(&self, purpose: Purpose, email: &str, scope: &str, signature: &str) -> bool {
        hex::decode(signature)
            .is_ok_and(|bytes| self.mac(purpose, email, scope).verify_slice(&bytes).is_ok())
    }
}
