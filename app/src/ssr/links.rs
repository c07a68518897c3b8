//! Signed links in mail: one-click unsubscribe and confirming a subscription. A link carries
//! what it does (the address and the scope) in the clear and an HMAC of it under a key derived
//! from the server secret, so a changed address or scope is refused and no table of tokens is
//! needed. Unsubscribing is idempotent: using a link again changes nothing.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

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

/// The query string of a signed link: `e`, `s` and `t`, URL-encoded.
pub fn query(key: &LinkKey, purpose: Purpose, email: &str, scope: &str) -> String {
    form_urlencoded::Serializer::new(String::new())
        .append_pair("e", email)
        .append_pair("s", scope)
        .append_pair("t", &key.sign(purpose, email, scope))
        .finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_verifies_only_for_what_it_was_signed_for() {
        let key = LinkKey::new(b"secret");
        let t = key.sign(Purpose::Unsubscribe, "a@example.se", "round:3");
        assert!(key.verify(Purpose::Unsubscribe, "a@example.se", "round:3", &t));
        assert!(!key.verify(Purpose::Unsubscribe, "b@example.se", "round:3", &t));
        assert!(!key.verify(Purpose::Unsubscribe, "a@example.se", "all", &t));
        assert!(!key.verify(Purpose::Confirm, "a@example.se", "round:3", &t));
        assert!(!key.verify(Purpose::Unsubscribe, "a@example.se", "round:3", "zz"));
        let other = LinkKey::new(b"other secret");
        assert!(!other.verify(Purpose::Unsubscribe, "a@example.se", "round:3", &t));
    }

    #[test]
    fn the_query_carries_the_address_encoded() {
        let key = LinkKey::new(b"secret");
        let q = query(&key, Purpose::Unsubscribe, "a+b@example.se", "all");
        assert!(q.starts_with("e=a%2Bb%40example.se&s=all&t="), "{q}");
    }
}
