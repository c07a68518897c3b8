//! Email addresses: every login link, receipt and decision goes to one, so an
//! address is parsed once into an [`Email`] — trimmed, domain lowercased,
//! shape checked — the same way in the browser and on the server. This is a
//! sanity check, not RFC 5322: the login link proves the address works.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Longest address (RFC 5321 path limit).
pub const MAX_LENGTH: usize = 254;
/// Longest local part.
pub const MAX_LOCAL_LENGTH: usize = 64;

/// A plausible email address: `local@domain`, domain in lowercase.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

/// Why a text is not an email address.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    /// Nothing was entered.
    #[error("the email address is empty")]
    Empty,
    /// Longer than [`MAX_LENGTH`].
    #[error("the email address is longer than {MAX_LENGTH} characters")]
    TooLong,
    /// No `@`, or more than one.
    #[error("an email address has exactly one @")]
    NotOneAt,
    /// Nothing before the `@`, or more than [`MAX_LOCAL_LENGTH`] characters.
    #[error("the part before @ must be 1 to {MAX_LOCAL_LENGTH} characters")]
    BadLocalPart,
    /// A space, control character or one of `"(),:;<>[\]` in the address.
    #[error("the email address contains '{0}', which is not allowed")]
    BadCharacter(char),
    /// The part after `@` is not a domain such as `example.se`.
    #[error("the part after @ is not a domain name such as kommun.se")]
    BadDomain,
}

fn bad_character(c: char) -> bool {
    c.is_whitespace() || c.is_control() || "\"(),:;<>[\\]".contains(c)
}

fn valid_label(label: &str) -> bool {
    let ok_chars = label.chars().all(|c| c.is_alphanumeric() || c == '-');
    !label.is_empty()
        && label.len() <= 63
        && ok_chars
        && !label.starts_with('-')
        && !label.ends_with('-')
}

impl Email {
    /// Parses a typed address: surrounding whitespace is dropped and the
    /// domain lowercased (the local part keeps its case).
    pub fn parse(text: &str) -> Result<Email, EmailError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(EmailError::Empty);
        }
        if text.chars().count() > MAX_LENGTH {
            return Err(EmailError::TooLong);
        }
        if let Some(c) = text.chars().find(|&c| bad_character(c)) {
            return Err(EmailError::BadCharacter(c));
        }
        let mut parts = text.split('@');
        let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(EmailError::NotOneAt);
        };
        if local.is_empty() || local.chars().count() > MAX_LOCAL_LENGTH {
            return Err(EmailError::BadLocalPart);
        }
        let domain = domain.to_lowercase();
        let labels: Vec<&str> = domain.split('.').collect();
        let tld_ok = labels
            .last()
            .is_some_and(|tld| tld.chars().any(|c| !c.is_ascii_digit()));
        if labels.len() < 2 || !labels.iter().all(|l| valid_label(l)) || !tld_ok {
            return Err(EmailError::BadDomain);
        }
        Ok(Email(format!("{local}@{domain}")))
    }

    /// The address as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part after `@`.
    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map_or("", |(_, d)| d)
    }

    /// The address with most of the mailbox name hidden, to tell a person which of their
    /// addresses is meant without showing it to someone looking over their shoulder:
    /// `anna.andersson@exempel.se` is `a…n@exempel.se`, `ab@x.se` is `a…@x.se`.
    pub fn masked(&self) -> String {
        let (local, domain) = self.0.rsplit_once('@').unwrap_or((&self.0, ""));
        let mut chars = local.chars();
        let first = chars.next().unwrap_or('?');
        let last = if local.chars().count() > 3 {
            chars.last().map(String::from).unwrap_or_default()
        } else {
            String::new()
        };
        format!("{first}…{last}@{domain}")
    }

    /// The form that names one mailbox, so that one person is one account whatever they
    /// type: the whole address in lowercase, a `+tag` removed, and for Gmail (where
    /// `googlemail.com` is the same service) the dots of the local part ignored.
    /// `Anna+2@X.se` and `anna@x.se` are one account; `a.nna@googlemail.com` and
    /// `anna@gmail.com` too.
    pub fn canonical(&self) -> String {
        let (local, domain) = self.0.rsplit_once('@').unwrap_or((&self.0, ""));
        let local = local.to_lowercase();
        let untagged = match local.split_once('+') {
            Some((base, _)) if !base.is_empty() => base,
            _ => &local,
        };
        match domain {
            "gmail.com" | "googlemail.com" => format!("{}@gmail.com", untagged.replace('.', "")),
            _ => format!("{untagged}@{domain}"),
        }
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Email {
    type Error = EmailError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Email::parse(&value)
    }
}

impl From<Email> for String {
    fn from(email: Email) -> String {
        email.0
    }
}

impl AsRef<str> for Email {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_masked_address_shows_the_first_and_last_letter_and_the_domain() {
        let table = [
            ("anna.andersson@exempel.se", "a…n@exempel.se"),
            ("bob@x.se", "b…@x.se"),
            ("ab@x.se", "a…@x.se"),
            ("a@x.se", "a…@x.se"),
            ("Åsa-Li@kommun.se", "Å…i@kommun.se"),
        ];
        for (address, masked) in table {
            assert_eq!(Email::parse(address).unwrap().masked(), masked, "{address}");
        }
    }

    #[test]
    fn an_address_is_trimmed_and_its_domain_lowercased() {
        let email = Email::parse("  Anna.Svensson@Kommun.SE \n").unwrap();
        assert_eq!(email.as_str(), "Anna.Svensson@kommun.se");
        assert_eq!(email.domain(), "kommun.se");
    }

    #[test]
    fn swedish_letters_are_allowed_in_the_domain() {
        assert_eq!(Email::parse("a@Malmö.se").unwrap().as_str(), "a@malmö.se");
    }

    #[test]
    fn each_malformed_address_gets_its_own_error() {
        assert_eq!(Email::parse("   "), Err(EmailError::Empty));
        assert_eq!(Email::parse("anna.kommun.se"), Err(EmailError::NotOneAt));
        assert_eq!(Email::parse("a@b@c.se"), Err(EmailError::NotOneAt));
        assert_eq!(Email::parse("@kommun.se"), Err(EmailError::BadLocalPart));
        assert_eq!(
            Email::parse("anna svensson@kommun.se"),
            Err(EmailError::BadCharacter(' '))
        );
        assert_eq!(Email::parse("anna@localhost"), Err(EmailError::BadDomain));
        assert_eq!(Email::parse("anna@-kommun.se"), Err(EmailError::BadDomain));
        assert_eq!(Email::parse("anna@kommun..se"), Err(EmailError::BadDomain));
        assert_eq!(Email::parse("anna@10.0.0.1"), Err(EmailError::BadDomain));
        let long = format!("{}@kommun.se", "a".repeat(65));
        assert_eq!(Email::parse(&long), Err(EmailError::BadLocalPart));
        let huge = format!("a@{}.se", "b".repeat(260));
        assert_eq!(Email::parse(&huge), Err(EmailError::TooLong));
    }

    fn canonical(text: &str) -> String {
        Email::parse(text).unwrap().canonical()
    }

    #[test]
    fn variants_of_one_mailbox_have_one_canonical_form() {
        for variant in [
            "Anna@x.se",
            "anna@X.SE",
            "anna+2@x.se",
            "ANNA+röstning@x.se",
        ] {
            assert_eq!(canonical(variant), "anna@x.se", "{variant}");
        }
        for variant in [
            "a.nna@gmail.com",
            "A.N.N.A+x@googlemail.com",
            "anna@Gmail.com",
        ] {
            assert_eq!(canonical(variant), "anna@gmail.com", "{variant}");
        }
    }

    #[test]
    fn different_mailboxes_stay_apart() {
        // Dots matter outside Gmail; a leading + is the address, not a tag.
        assert_eq!(canonical("a.nna@x.se"), "a.nna@x.se");
        assert_ne!(canonical("anna@x.se"), canonical("anna@y.se"));
        assert_eq!(canonical("+anna@x.se"), "+anna@x.se");
        assert_eq!(canonical("Åsa@x.se"), "åsa@x.se");
    }

    #[test]
    fn serde_goes_through_parse() {
        let email: Email = serde_json::from_str("\"x@Y.se\"").unwrap();
        assert_eq!(email.as_str(), "x@y.se");
        assert!(serde_json::from_str::<Email>("\"nope\"").is_err());
    }
}
