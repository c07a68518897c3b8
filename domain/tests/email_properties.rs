//! Email addresses: what `Email::parse` accepts and how it normalises, over
//! many generated inputs.

use domain::email::{Email, EmailError, MAX_LENGTH};
use proptest::prelude::*;

fn plausible() -> impl Strategy<Value = (String, String, String)> {
    (
        "[a-zA-Z0-9._%+-]{1,20}",
        "[a-zA-Z0-9]([a-zA-Z0-9-]{0,10}[a-zA-Z0-9])?",
        "[a-zA-Z]{2,6}",
    )
}

proptest! {
    #[test]
    fn a_plausible_address_parses_with_its_domain_lowercased((local, host, tld) in plausible(), pad in "[ \t]{0,3}") {
        let text = format!("{pad}{local}@{host}.{tld}{pad}");
        let email = Email::parse(&text).unwrap();
        prop_assert_eq!(email.as_str(), format!("{local}@{}.{}", host.to_lowercase(), tld.to_lowercase()));
    }

    #[test]
    fn parsing_a_parsed_address_changes_nothing((local, host, tld) in plausible()) {
        let email = Email::parse(&format!("{local}@{host}.{tld}")).unwrap();
        prop_assert_eq!(Email::parse(email.as_str()), Ok(email.clone()));
    }

    #[test]
    fn text_without_an_at_sign_is_never_an_address(text in "[^@]{0,40}") {
        prop_assert!(Email::parse(&text).is_err());
    }

    #[test]
    fn whatever_parses_is_short_trimmed_and_has_one_at(text in "\\PC{0,300}") {
        if let Ok(email) = Email::parse(&text) {
            prop_assert!(email.as_str().chars().count() <= MAX_LENGTH);
            prop_assert_eq!(email.as_str().trim(), email.as_str());
            prop_assert_eq!(email.as_str().matches('@').count(), 1);
            prop_assert_eq!(email.domain().to_lowercase(), email.domain());
        }
    }

    #[test]
    fn an_address_with_a_space_inside_is_refused((local, host, tld) in plausible(), at in 0usize..3) {
        let mut parts = [local, host, tld];
        parts[at].insert(1.min(parts[at].len()), ' ');
        let text = format!("{}@{}.{}", parts[0], parts[1], parts[2]);
        prop_assert_eq!(Email::parse(&text), Err(EmailError::BadCharacter(' ')));
    }
}
