//! The identity document staff check before a person votes in person, at a kiosk or with
//! staff's help. Its kind is recorded in the voter register beside who let the person in —
//! never its number — so a municipality can answer how each in-person voter was identified.

use chrono::NaiveDate;

use crate::Code;
use crate::identity_number::IdentityNumber;

/// The kinds of identification accepted in person (as at a Swedish polling station).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdDocument {
    Passport,
    /// The national identity card (nationellt id-kort).
    NationalIdCard,
    /// Another approved identity card (Skatteverket's or one with the SIS mark).
    IdCard,
    DrivingLicence,
    /// Personally known to the staff member (personlig kännedom).
    PersonallyKnown,
}

impl IdDocument {
    /// Every kind, in the order a form offers them.
    pub const ALL: [IdDocument; 5] = [
        IdDocument::Passport,
        IdDocument::NationalIdCard,
        IdDocument::IdCard,
        IdDocument::DrivingLicence,
        IdDocument::PersonallyKnown,
    ];

    /// The name stored in the register and posted by forms.
    pub fn as_str(self) -> &'static str {
        match self {
            IdDocument::Passport => "passport",
            IdDocument::NationalIdCard => "national_id_card",
            IdDocument::IdCard => "id_card",
            IdDocument::DrivingLicence => "driving_licence",
            IdDocument::PersonallyKnown => "personally_known",
        }
    }

    /// The kind posted by a form: refused with [`Code::IdDocumentMissing`] when none (or an
    /// unknown one) was chosen.
    pub fn parse(posted: &str) -> Result<IdDocument, Code> {
        let posted = posted.trim();
        IdDocument::ALL
            .into_iter()
            .find(|kind| kind.as_str() == posted)
            .ok_or(Code::IdDocumentMissing)
    }
}

/// The personal identity number staff may type from the document (optional): `None` when
/// left empty, else the number or why it is not one. Only its keyed digest is kept, so the
/// same person is one voter across kiosks, assisted votes and eID.
pub fn parse_typed_number(text: &str, today: NaiveDate) -> Result<Option<IdentityNumber>, Code> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    IdentityNumber::parse(text, today)
        .map(Some)
        .map_err(Code::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_number_is_optional_and_checked_when_given() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
        assert_eq!(parse_typed_number("  ", today), Ok(None));
        assert_eq!(
            parse_typed_number("19121212-1212", today).map(|n| n.map(|n| n.as_digits())),
            Ok(Some("191212121212".to_owned()))
        );
        let table = [
            ("19121212-1213", Code::IdentityNumberCheckDigit),
            ("1212121212x", Code::IdentityNumberFormat),
            ("19121232-1212", Code::IdentityNumberDate),
        ];
        for (text, code) in table {
            assert_eq!(parse_typed_number(text, today), Err(code), "{text}");
        }
    }

    #[test]
    fn every_kind_reads_back_from_its_name() {
        for kind in IdDocument::ALL {
            assert_eq!(IdDocument::parse(kind.as_str()), Ok(kind));
        }
        assert_eq!(IdDocument::parse(" passport "), Ok(IdDocument::Passport));
    }

    #[test]
    fn nothing_or_something_else_is_refused() {
        for posted in ["", "  ", "bank_id", "Passport"] {
            assert_eq!(
                IdDocument::parse(posted),
                Err(Code::IdDocumentMissing),
                "{posted:?}"
            );
        }
    }
}
