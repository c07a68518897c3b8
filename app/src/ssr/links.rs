//! Signed links in mail: one-click unsubscribe and confirming a subscription. A link carries
//! what it does (the address and the scope) in the clear and an HMAC of it under a key derived
//! from the server secret, so a changed address or scope is refused and no table of tokens is
//! needed. Unsubscribing is idempotent: using a link again changes nothing.

use super::keys::{LinkKey, Purpose};

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
    use crate::ssr::keys::Keys;

    #[test]
    fn a_link_verifies_only_for_what_it_was_signed_for() {
        let key = Keys::from_secret(b"secret").mail_link;
        let t = key.sign(Purpose::Unsubscribe, "a@example.se", "round:3");
        assert!(key.verify(Purpose::Unsubscribe, "a@example.se", "round:3", &t));
        assert!(!key.verify(Purpose::Unsubscribe, "b@example.se", "round:3", &t));
        assert!(!key.verify(Purpose::Unsubscribe, "a@example.se", "all", &t));
        assert!(!key.verify(Purpose::Confirm, "a@example.se", "round:3", &t));
        assert!(!key.verify(Purpose::Unsubscribe, "a@example.se", "round:3", "zz"));
        let other = Keys::from_secret(b"other secret").mail_link;
        assert!(!other.verify(Purpose::Unsubscribe, "a@example.se", "round:3", &t));
    }

    #[test]
    fn the_query_carries_the_address_encoded() {
        let key = Keys::from_secret(b"secret").mail_link;
        let q = query(&key, Purpose::Unsubscribe, "a+b@example.se", "all");
        assert!(q.starts_with("e=a%2Bb%40example.se&s=all&t="), "{q}");
    }
}
