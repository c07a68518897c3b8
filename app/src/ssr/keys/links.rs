//! Keys that link without revealing: the link between a voter and their ballot (an HMAC the
//! database reader cannot recompute), and the signatures of links in mail and of kiosk PINs.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The key that links ballots to voters.
pub struct BallotKey(Vec<u8>);

impl std::fmt::Debug for BallotKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BallotKey(..)")
    }
}

impl BallotKey {
    /// The key derived for this purpose (see [`super::Keys`]).
    pub(super) fn new(key: [u8; 32]) -> BallotKey {
        BallotKey(key.to_vec())
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
    /// Not a link: the key of a ballot's receipt mail, which must tell the same ballot cast
    /// twice at once apart from a changed one without saying what either holds.
    Receipt,
}

impl Purpose {
    fn label(self) -> &'static str {
        match self {
            Purpose::Unsubscribe => "unsubscribe",
            Purpose::Confirm => "confirm",
            Purpose::KioskPin => "kiosk pin",
            Purpose::Receipt => "receipt",
        }
    }
}

impl LinkKey {
    /// The key derived for this purpose (see [`super::Keys`]).
    pub(super) fn new(key: [u8; 32]) -> LinkKey {
        LinkKey(key.to_vec())
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
