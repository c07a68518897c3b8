//! The server's keys, each derived from the one `MEDBORGARBUDGET_SECRET` under its own purpose
//! label, so that one can never stand in for another: session tokens, the link between a voter
//! and their ballot, the signatures of links in mail (and kiosk PINs), the sealing of ballots,
//! voluntary answers and private mail, and the digest of identity numbers. Whoever holds the
//! secret can link a ballot to its voter; nobody else can (the threat model is in the README).

mod identity;
mod links;
mod seal;
mod session;

use sha2::{Digest, Sha256};

pub use identity::IdentityKey;
pub use links::{BallotKey, LinkKey, Purpose};
pub use seal::Sealer;
pub use session::{SESSION_DAYS, Session, SessionKeys};

/// Every key, from one secret.
#[derive(Debug)]
pub struct Keys {
    /// Signs session tokens.
    pub session: SessionKeys,
    /// Links a ballot to its voter, so they can change it.
    pub ballot_link: BallotKey,
    /// Signs links in mail and kiosk PINs.
    pub mail_link: LinkKey,
    /// Seals the ballots in the box.
    pub ballots: Sealer,
    /// Seals the voluntary answers.
    pub answers: Sealer,
    /// Seals the bodies of private mail (login links) in the outbox.
    pub mail: Sealer,
    /// Seals what was typed into a refused no-JavaScript form, carried to the page it goes
    /// back to in a cookie instead of the URL (`ssr::form_flash`).
    pub form: Sealer,
    /// Digests personal identity numbers (eID sign-in, electoral rolls): the number is never
    /// stored.
    pub identity: IdentityKey,
    /// Seals an eID sign-in under way (state, nonce, PKCE verifier) in its cookie.
    pub eid_flow: Sealer,
}

impl Keys {
    /// Every key derived from `secret`.
    pub fn from_secret(secret: &[u8]) -> Keys {
        Keys {
            session: SessionKeys::new(derive(secret, "session")),
            ballot_link: BallotKey::new(derive(secret, "ballot link")),
            mail_link: LinkKey::new(derive(secret, "mail link")),
            ballots: Sealer::new(derive(secret, "ballot box")),
            answers: Sealer::new(derive(secret, "answers")),
            mail: Sealer::new(derive(secret, "sealed mail")),
            form: Sealer::new(derive(secret, "form flash")),
            identity: IdentityKey::new(derive(secret, "identity number")),
            eid_flow: Sealer::new(derive(secret, "eid flow")),
        }
    }

    /// The same keys, but sessions signed with a random key: for development with the
    /// published default secret, where anyone could otherwise forge a session (sessions then
    /// end at restart).
    pub fn with_random_sessions(mut self) -> Keys {
        let mut key = [0u8; 32];
        rand::RngCore::fill_bytes(&mut rand::rng(), &mut key);
        self.session = SessionKeys::new(key);
        self
    }
}

/// The key for `purpose`: SHA-256 over a label naming the purpose and the secret. (The ballot
/// and mail link keys were derived this way from the start, so links made before stay valid.)
fn derive(secret: &[u8], purpose: &str) -> [u8; 32] {
    let mut hash = Sha256::new();
    hash.update(b"medborgarbudget ");
    hash.update(purpose.as_bytes());
    hash.update(b"\0");
    hash.update(secret);
    hash.finalize().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_purpose_has_its_own_key() {
        let purposes = [
            "session",
            "ballot link",
            "mail link",
            "ballot box",
            "answers",
            "sealed mail",
            "form flash",
            "identity number",
            "eid flow",
        ];
        let keys: std::collections::HashSet<[u8; 32]> =
            purposes.iter().map(|p| derive(b"s", p)).collect();
        assert_eq!(keys.len(), purposes.len());
        assert_ne!(derive(b"s", "session"), derive(b"t", "session"));
    }

    #[test]
    fn a_token_signed_with_one_secret_is_refused_under_another() {
        let token = Keys::from_secret(b"one").session.issue(7, 0).unwrap();
        assert!(Keys::from_secret(b"one").session.verify(&token).is_some());
        assert!(Keys::from_secret(b"two").session.verify(&token).is_none());
    }
}
