//! Sealing: what a person chose or answered, and the mail that holds a credential, is stored
//! encrypted (XChaCha20-Poly1305, a random 24-byte nonce per value) under a key derived from
//! the server's secret, so that whoever reads the database files, dumps or backups without
//! the secret learns nothing from it.
//!
//! Why sealing rather than hiding the order of rows: a ballot and its register entry are
//! written in one transaction, and on PostgreSQL they then share `xmin` and sit at
//! neighbouring `ctid`s, on SQLite at neighbouring rowids; shuffled batches would hide that
//! only once a batch is mixed, and a snapshot taken before would still pair them. A sealed
//! value may sit next to its voter: without the key it says nothing. Its length says nothing
//! either: the plaintext is padded to a size the caller fixes for all values of a kind (a
//! round's ballots all seal to the same length), and equal plaintexts seal differently.
//!
//! The associated data binds a sealed value to where it belongs (a ballot to its round and
//! link), so a value copied to another row does not open there.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore as _;

/// Sealed values are padded to a multiple of this many bytes.
const BLOCK: usize = 64;
/// The byte that ends the plaintext inside the padding (ISO/IEC 7816-4).
const END: u8 = 0x80;
/// The nonce's length.
const NONCE: usize = 24;

/// A key that seals and opens values of one kind.
pub struct Sealer(XChaCha20Poly1305);

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sealer(..)")
    }
}

impl Sealer {
    /// The sealer for the key derived for this purpose (see [`super::Keys`]).
    pub(super) fn new(key: [u8; 32]) -> Sealer {
        Sealer(XChaCha20Poly1305::new(&key.into()))
    }

    /// `plaintext` sealed for `context`, padded to at least `min_len` bytes (rounded up to a
    /// whole block), as URL-safe base64 text.
    pub fn seal(&self, plaintext: &[u8], min_len: usize, context: &[u8]) -> String {
        let mut padded = plaintext.to_vec();
        padded.push(END);
        let len = padded.len().max(min_len).div_ceil(BLOCK) * BLOCK;
        padded.resize(len, 0);
        let mut nonce = [0u8; NONCE];
        rand::rng().fill_bytes(&mut nonce);
        let sealed = self
            .0
            .encrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: &padded,
                    aad: context,
                },
            )
            .expect("XChaCha20-Poly1305 seals any length this server stores");
        let mut out = nonce.to_vec();
        out.extend(sealed);
        URL_SAFE_NO_PAD.encode(out)
    }

    /// The plaintext of a value sealed by [`Sealer::seal`] for `context`; `None` when it was
    /// sealed under another key or context, or altered.
    pub fn open(&self, sealed: &str, context: &[u8]) -> Option<Vec<u8>> {
        let bytes = URL_SAFE_NO_PAD.decode(sealed).ok()?;
        if bytes.len() < NONCE {
            return None;
        }
        let (nonce, body) = bytes.split_at(NONCE);
        let nonce: [u8; NONCE] = nonce.try_into().ok()?;
        let mut padded = self
            .0
            .decrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: body,
                    aad: context,
                },
            )
            .ok()?;
        let end = padded.iter().rposition(|b| *b != 0)?;
        if padded[end] != END {
            return None;
        }
        padded.truncate(end);
        Some(padded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sealer(byte: u8) -> Sealer {
        Sealer::new([byte; 32])
    }

    #[test]
    fn a_sealed_value_opens_with_its_key_and_context_only() {
        let sealed = sealer(1).seal(b"{\"Approval\":[\"3\"]}", 0, b"round:1");
        assert_eq!(
            sealer(1).open(&sealed, b"round:1").as_deref(),
            Some(&b"{\"Approval\":[\"3\"]}"[..])
        );
        assert_eq!(sealer(2).open(&sealed, b"round:1"), None);
        assert_eq!(sealer(1).open(&sealed, b"round:2"), None);
        assert_eq!(sealer(1).open("not base64 at all!", b"round:1"), None);
    }

    #[test]
    fn values_padded_to_one_size_seal_to_one_length_and_equal_values_differ() {
        let s = sealer(1);
        let short = s.seal(b"a", 256, b"");
        let long = s.seal(&[b'x'; 200], 256, b"");
        let again = s.seal(b"a", 256, b"");
        assert_eq!(short.len(), long.len());
        assert_ne!(short, again, "a fresh nonce each time");
        let over = s.seal(&[b'x'; 300], 256, b"");
        assert!(
            over.len() > short.len(),
            "a value longer than the size is not cut"
        );
        assert_eq!(s.open(&over, b"").unwrap(), vec![b'x'; 300]);
    }

    #[test]
    fn plaintexts_ending_in_zero_bytes_or_empty_survive_the_padding() {
        let s = sealer(3);
        for text in [&b""[..], b"\0", b"a\0\0", &[END], &[END, 0]] {
            assert_eq!(s.open(&s.seal(text, 64, b"c"), b"c").unwrap(), text);
        }
    }

    #[test]
    fn an_altered_value_does_not_open() {
        let s = sealer(1);
        let sealed = s.seal(b"secret", 64, b"");
        let mut bytes = URL_SAFE_NO_PAD.decode(&sealed).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        assert_eq!(s.open(&URL_SAFE_NO_PAD.encode(bytes), b""), None);
    }
}
