//! The key that names a person without naming them: a personal identity number becomes a
//! keyed digest (HMAC-SHA-256 under a key from the server's secret). A plain hash would not
//! do: there are only some hundred million numbers, and anyone can hash them all. Without the
//! secret, the digest in the database says nothing; with it, a number can be checked against
//! it, which is what signing in with eID and importing an electoral roll do.

use domain::identity_number::IdentityNumber;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The key that digests identity numbers.
pub struct IdentityKey(Vec<u8>);

impl std::fmt::Debug for IdentityKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("IdentityKey(..)")
    }
}

impl IdentityKey {
    /// The key derived for this purpose (see [`super::Keys`]).
    pub(super) fn new(key: [u8; 32]) -> IdentityKey {
        IdentityKey(key.to_vec())
    }

    /// The digest of `number`, in its 12-digit form (so every way of writing it gives one
    /// digest).
    pub fn digest(&self, number: &IdentityNumber) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(b"identity number:");
        mac.update(number.as_digits().as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    /// A pseudonym of `text` (a client address, say) under `label`, for counting without
    /// storing what is counted: 32 hex digits, the same for the same text and label.
    pub fn pseudonym(&self, label: &str, text: &str) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(label.as_bytes());
        mac.update(b":");
        mac.update(text.as_bytes());
        let mut digest = hex::encode(mac.finalize().into_bytes());
        digest.truncate(32);
        digest
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn number(text: &str) -> IdentityNumber {
        IdentityNumber::parse(text, NaiveDate::from_ymd_opt(2026, 12, 5).unwrap()).unwrap()
    }

    #[test]
    fn one_person_has_one_digest_however_the_number_is_written_and_only_under_one_key() {
        let key = IdentityKey::new([7; 32]);
        let digest = key.digest(&number("199001012385"));
        assert_eq!(digest, key.digest(&number("900101-2385")));
        assert_eq!(digest, key.digest(&number("19900101-2385")));
        assert_ne!(digest, key.digest(&number("198112289874")));
        assert_ne!(
            digest,
            IdentityKey::new([8; 32]).digest(&number("199001012385"))
        );
        assert!(
            !digest.contains("2385"),
            "the digest does not carry the number"
        );
    }
}
