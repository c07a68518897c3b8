//! The identity document staff check before a person votes in person, at a kiosk or with
//! staff's help. Its kind is recorded in the voter register beside who let the person in —
//! never its number — so a municipality can answer how each in-person voter was identified.

use crate::Code;

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

#[cfg(test)]
mod tests {
    use super::*;

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
