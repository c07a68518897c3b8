//! Kiosk mode (assisted voting on a shared device at a library or meeting place): the rules
//! for starting a kiosk and for letting the next voter in. Staff start a kiosk with the name
//! of the place and a PIN of their own choosing; before each voter they check the person's
//! identity in person and type the person's address and the PIN. A wrong PIN is counted, and
//! after [`MAX_PIN_FAILURES`] the kiosk ends, so a voter left alone at the device cannot let
//! others vote in someone else's name.
//!
//! # Error codes
//!
//! | form | field | codes |
//! | --- | --- | --- |
//! | start | `place` | `place_empty`, `place_too_long` |
//! | start | `pin` | `pin_invalid` |
//! | next voter | `email` | `email_empty`, `email_invalid`, `email_too_long` |
//! | next voter | `pin` | `pin_empty`, `pin_wrong` |
//! | next voter, assisted vote | `id_document` | `id_document_missing` |
//! | next voter, assisted vote | `identity_number` (optional) | `identity_number_format`, `identity_number_date`, `identity_number_check_digit`, `identity_number_mismatch` |
//! | electoral roll upload | `roll` | `roll_empty`, `roll_bad_lines` |
//! | next voter | (whole form) | `kiosk_ended` |
//! | end | `end_pin` | `pin_wrong` |

use crate::Code;
use crate::id_document::{IdDocument, parse_typed_number};
use crate::identity_number::IdentityNumber;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::FieldIssue;
use crate::email::Email;
use crate::round::{Issues, required_email, required_text};

/// Longest place name, in characters.
pub const PLACE_MAX: usize = 100;
/// Wrong PINs a kiosk tolerates; the next one ends it.
pub const MAX_PIN_FAILURES: i32 = 5;
/// How long a voter's session at the kiosk lasts, in minutes.
pub const VOTER_MINUTES: i64 = 15;
/// How long a kiosk lasts without being ended, in hours (a working day).
pub const KIOSK_HOURS: i64 = 12;

/// The form that starts a kiosk.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct KioskForm {
    /// Where the device stands, e.g. "Stadsbiblioteket".
    pub place: String,
    /// 4 to 8 digits, chosen by the staff member.
    pub pin: String,
}

/// A valid kiosk start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KioskStart {
    pub place: String,
    pub pin: String,
}

/// The form that lets the next voter in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NextVoterForm {
    /// The voter's address (their receipt goes there).
    pub email: String,
    /// The kiosk's PIN, typed by the staff member.
    pub pin: String,
    /// The kind of identity document the staff member checked ([`IdDocument`]).
    pub id_document: String,
    /// The personal identity number on the document, when staff typed it (optional).
    pub identity_number: String,
}

/// A voter let in: their address, the document checked and, when typed, its number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetIn {
    pub email: Email,
    pub document: IdDocument,
    pub number: Option<IdentityNumber>,
}

/// Whether `pin` has the form of a PIN: 4 to 8 digits.
fn pin_shaped(pin: &str) -> bool {
    (4..=8).contains(&pin.len()) && pin.bytes().all(|b| b.is_ascii_digit())
}

/// Parses the kiosk start form, every problem at once.
pub fn parse_kiosk_start(form: &KioskForm) -> Result<KioskStart, Vec<FieldIssue>> {
    let mut issues = Issues::default();
    let place = required_text(
        &mut issues,
        &form.place,
        "place",
        (Code::PlaceEmpty, Code::PlaceTooLong),
        PLACE_MAX,
    );
    let pin = form.pin.trim();
    if !pin_shaped(pin) {
        issues.push("pin", Code::PinInvalid);
    }
    issues.finish(place.map(|place| KioskStart {
        place,
        pin: pin.to_owned(),
    }))
}

/// Parses the next-voter form (the PIN is checked against the kiosk's own); `today` dates a
/// 10-digit identity number.
pub fn parse_next_voter(form: &NextVoterForm, today: NaiveDate) -> Result<LetIn, Vec<FieldIssue>> {
    let mut issues = Issues::default();
    let email = required_email(&mut issues, &form.email, "email");
    let document = IdDocument::parse(&form.id_document)
        .map_err(|code| issues.push("id_document", code))
        .ok();
    let number = parse_typed_number(&form.identity_number, today)
        .map_err(|code| issues.push("identity_number", code))
        .ok();
    if form.pin.trim().is_empty() {
        issues.push("pin", Code::PinEmpty);
    }
    issues.finish(email.zip(document).zip(number).map(|((email, document), number)| LetIn {
        email,
        document,
        number,
    }))
}

/// Whether a kiosk with this many wrong PINs in a row is locked (and so ended).
pub fn locked(failures: i32) -> bool {
    failures >= MAX_PIN_FAILURES
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(field: &'static str, code: Code) -> Vec<FieldIssue> {
        vec![FieldIssue::new(field, code)]
    }

    #[test]
    fn a_kiosk_needs_a_place_and_a_pin_of_four_to_eight_digits() {
        let start = parse_kiosk_start(&KioskForm {
            place: "  Stadsbiblioteket ".into(),
            pin: " 4711 ".into(),
        })
        .unwrap();
        assert_eq!(start.place, "Stadsbiblioteket");
        assert_eq!(start.pin, "4711");
        for pin in ["", "123", "123456789", "12a4", "12 34", "١٢٣٤"] {
            let form = KioskForm {
                place: "Träffpunkten".into(),
                pin: pin.into(),
            };
            assert_eq!(
                parse_kiosk_start(&form),
                Err(one("pin", Code::PinInvalid)),
                "{pin:?}"
            );
        }
        let form = KioskForm {
            place: "x".repeat(PLACE_MAX + 1),
            pin: String::new(),
        };
        assert_eq!(
            parse_kiosk_start(&form),
            Err(vec![
                FieldIssue::new("place", Code::PlaceTooLong),
                FieldIssue::new("pin", Code::PinInvalid),
            ])
        );
    }

    #[test]
    fn the_next_voter_needs_an_address_and_a_pin() {
        let form = NextVoterForm {
            email: "Ana@Exempel.se".into(),
            pin: "4711".into(),
            id_document: "driving_licence".into(),
            identity_number: String::new(),
        };
        let today = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
        let let_in = parse_next_voter(&form, today).unwrap();
        assert_eq!(
            (let_in.email.as_str(), let_in.document, let_in.number),
            ("Ana@exempel.se", IdDocument::DrivingLicence, None)
        );
        let form = NextVoterForm {
            identity_number: "121212-1212".into(),
            ..form
        };
        assert_eq!(
            parse_next_voter(&form, today).unwrap().number.map(|n| n.as_digits()),
            Some("201212121212".to_owned())
        );
        let form = NextVoterForm {
            email: "inte en adress".into(),
            pin: " ".into(),
            id_document: String::new(),
            identity_number: "121212-1213".into(),
        };
        assert_eq!(
            parse_next_voter(&form, today),
            Err(vec![
                FieldIssue::new("email", Code::EmailInvalid),
                FieldIssue::new("id_document", Code::IdDocumentMissing),
                FieldIssue::new("identity_number", Code::IdentityNumberCheckDigit),
                FieldIssue::new("pin", Code::PinEmpty),
            ])
        );
    }

    #[test]
    fn the_fifth_wrong_pin_in_a_row_locks_the_kiosk() {
        assert!(!locked(0));
        assert!(!locked(MAX_PIN_FAILURES - 1));
        assert!(locked(MAX_PIN_FAILURES));
        assert_eq!(MAX_PIN_FAILURES, 5);
    }
}
