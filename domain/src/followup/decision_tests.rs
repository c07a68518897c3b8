use super::*;
use crate::Code;
use proptest::prelude::*;

fn approved() -> DecisionForm {
    DecisionForm {
        outcome: "approved".into(),
        motivation: String::new(),
        protocol_section: "§ 45".into(),
        meeting_date: "2026-09-14".into(),
        minutes_url: String::new(),
    }
}

fn with_outcome(outcome: &str) -> DecisionForm {
    DecisionForm {
        outcome: outcome.into(),
        ..approved()
    }
}

fn one(field: &'static str, code: Code) -> Vec<FieldIssue> {
    vec![FieldIssue::new(field, code)]
}

fn day(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn an_approval_of_a_funded_project_needs_no_motivation() {
    let decision = parse_decision(&approved(), true).unwrap();
    assert_eq!(decision.outcome, DecisionOutcome::Approved);
    assert_eq!(decision.motivation, None);
    assert_eq!(decision.protocol_section, "§ 45");
    assert_eq!(decision.meeting_date, day(2026, 9, 14));
    assert_eq!(decision.minutes_url, None);
}

#[test]
fn a_full_decision_keeps_its_trimmed_motivation_and_link() {
    let form = DecisionForm {
        outcome: " not_approved ".into(),
        motivation: "  Marken ska säljas.  ".into(),
        protocol_section: " §12a ".into(),
        meeting_date: " 2026-10-01 ".into(),
        minutes_url: " https://kommun.se/protokoll/2026-10-01.pdf ".into(),
    };
    let decision = parse_decision(&form, true).unwrap();
    assert_eq!(decision.outcome, DecisionOutcome::NotApproved);
    assert_eq!(decision.motivation.as_deref(), Some("Marken ska säljas."));
    assert_eq!(decision.protocol_section, "§ 12a");
    assert_eq!(decision.meeting_date, day(2026, 10, 1));
    assert_eq!(
        decision.minutes_url.as_deref(),
        Some("https://kommun.se/protokoll/2026-10-01.pdf")
    );
}

#[test]
fn a_decision_differs_from_the_residents_exactly_when_it_goes_against_the_vote() {
    use DecisionOutcome::*;
    assert!(!differs_from_residents(Approved, true));
    assert!(differs_from_residents(Approved, false));
    assert!(differs_from_residents(NotApproved, true));
    assert!(!differs_from_residents(NotApproved, false));
    assert!(differs_from_residents(Postponed, true));
    assert!(!differs_from_residents(Postponed, false));
}

#[test]
fn a_motivation_is_required_where_the_decision_differs_and_for_every_postponement() {
    let cases = [
        ("approved", true, false),
        ("approved", false, true),
        ("not_approved", true, true),
        ("not_approved", false, false),
        ("postponed", true, true),
        ("postponed", false, true),
    ];
    for (outcome, funded, required) in cases {
        let result = parse_decision(&with_outcome(outcome), funded);
        if required {
            assert_eq!(
                result.unwrap_err(),
                one("motivation", Code::MotivationRequired),
                "{outcome} {funded}"
            );
        } else {
            assert!(result.is_ok(), "{outcome} {funded}");
        }
        let motivated = DecisionForm {
            motivation: "Skäl.".into(),
            ..with_outcome(outcome)
        };
        assert!(parse_decision(&motivated, funded).is_ok(), "{outcome}");
    }
}

#[test]
fn a_blank_motivation_counts_as_missing() {
    let form = DecisionForm {
        motivation: " \n\t ".into(),
        ..with_outcome("postponed")
    };
    assert_eq!(
        parse_decision(&form, false).unwrap_err(),
        one("motivation", Code::MotivationRequired)
    );
}

#[test]
fn a_motivation_is_at_most_2000_characters() {
    let at_max = DecisionForm {
        motivation: "å".repeat(MOTIVATION_MAX),
        ..approved()
    };
    assert!(parse_decision(&at_max, true).is_ok());
    let over = DecisionForm {
        motivation: "å".repeat(MOTIVATION_MAX + 1),
        ..with_outcome("postponed")
    };
    assert_eq!(
        parse_decision(&over, true).unwrap_err(),
        one("motivation", Code::TextTooLong)
    );
}

#[test]
fn an_unknown_outcome_is_an_invalid_choice_and_asks_for_no_motivation() {
    for text in ["", "yes", "Approved", "approved!"] {
        assert_eq!(
            parse_decision(&with_outcome(text), false).unwrap_err(),
            one("outcome", Code::ChoiceInvalid),
            "{text}"
        );
    }
}

#[test]
fn every_outcome_round_trips_through_its_name_and_json() {
    for outcome in DecisionOutcome::ALL {
        assert_eq!(outcome.as_str().parse(), Ok(outcome));
        let json = serde_json::to_string(&outcome).unwrap();
        assert_eq!(json, format!("\"{outcome}\""));
    }
    assert_eq!(
        DecisionOutcome::ALL.map(DecisionOutcome::as_str),
        ["approved", "not_approved", "postponed"]
    );
}

#[test]
fn a_protocol_section_is_normalised_to_a_paragraph_sign_a_space_and_the_number() {
    let cases = [
        ("§ 45", "§ 45"),
        ("§45", "§ 45"),
        ("45", "§ 45"),
        ("  §   45 ", "§ 45"),
        ("§ 1", "§ 1"),
        ("§ 9999", "§ 9999"),
        ("45a", "§ 45a"),
        ("§ 45B", "§ 45b"),
        ("45:2", "§ 45:2"),
        ("§ 112:13", "§ 112:13"),
    ];
    for (text, expected) in cases {
        assert_eq!(normalise_section(text).as_deref(), Some(expected), "{text}");
        let form = DecisionForm {
            protocol_section: text.into(),
            ..approved()
        };
        assert_eq!(
            parse_decision(&form, true).unwrap().protocol_section,
            expected
        );
    }
}

#[test]
fn a_protocol_section_that_is_not_a_paragraph_number_is_invalid() {
    for text in [
        "§",
        "§ §45",
        "§§ 45",
        "paragraf 45",
        "45 §",
        "045",
        "§ 0",
        "12345",
        "45ab",
        "45 a",
        "45:",
        "45:0",
        "45:2a",
        "45-47",
        "4 5",
        "-45",
        "+45",
        "٤٥",
        "45.",
        "abc",
    ] {
        assert_eq!(normalise_section(text), None, "{text}");
        let form = DecisionForm {
            protocol_section: text.into(),
            ..approved()
        };
        assert_eq!(
            parse_decision(&form, true).unwrap_err(),
            one("protocol_section", Code::ProtocolSectionInvalid),
            "{text}"
        );
    }
}

#[test]
fn a_protocol_section_is_required_and_at_most_40_characters() {
    let blank = DecisionForm {
        protocol_section: "  ".into(),
        ..approved()
    };
    assert_eq!(
        parse_decision(&blank, true).unwrap_err(),
        one("protocol_section", Code::ProtocolSectionEmpty)
    );
    let long = DecisionForm {
        protocol_section: format!("§ {}", "4".repeat(PROTOCOL_SECTION_MAX - 1)),
        ..approved()
    };
    assert_eq!(
        parse_decision(&long, true).unwrap_err(),
        one("protocol_section", Code::ProtocolSectionTooLong)
    );
}

#[test]
fn a_meeting_date_is_required_and_a_real_iso_day() {
    let cases = [
        ("", Code::DateEmpty),
        (" ", Code::DateEmpty),
        ("14/9 2026", Code::DateInvalid),
        ("2026-02-30", Code::DateInvalid),
        ("2026-9-14", Code::DateInvalid),
    ];
    for (text, code) in cases {
        let form = DecisionForm {
            meeting_date: text.into(),
            ..approved()
        };
        assert_eq!(
            parse_decision(&form, true).unwrap_err(),
            one("meeting_date", code),
            "{text}"
        );
    }
}

#[test]
fn a_minutes_link_is_a_web_address_with_a_host() {
    let cases = [
        ("http://kommun.se", "http://kommun.se"),
        ("https://www.kommun.se/", "https://www.kommun.se/"),
        ("HTTPS://Kommun.se/KS/§45", "https://Kommun.se/KS/§45"),
        ("https://malmö.se/protokoll", "https://malmö.se/protokoll"),
        (
            "https://kommun.se:8443/a?b=c#d",
            "https://kommun.se:8443/a?b=c#d",
        ),
        ("https://kommun.se?id=5", "https://kommun.se?id=5"),
        (
            "https://sub-domain.kommun.se#p",
            "https://sub-domain.kommun.se#p",
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(parse_web_url(text).as_deref(), Some(expected), "{text}");
    }
}

#[test]
fn a_minutes_link_without_scheme_host_or_with_spaces_is_invalid() {
    for text in [
        "kommun.se/protokoll",
        "www.kommun.se",
        "ftp://kommun.se/a.pdf",
        "javascript:alert(1)",
        "javascript://kommun.se/%0aalert(1)",
        "https://",
        "https:///path",
        "https://localhost/a",
        "https://10.0.0.1/a",
        "https://kommun..se",
        "https://-kommun.se",
        "https://kommun.se:/a",
        "https://kommun.se:99999",
        "https://kommun.se:0",
        "https://user:pass@kommun.se",
        "https://kommun.se@evil.se",
        "https://kommun.se/mitt protokoll.pdf",
        "https://kommun.se/\"onmouseover",
        "https://kommun.se/<script>",
        "https://kommun.se/a\tb",
        "https://[::1]/a",
    ] {
        assert_eq!(parse_web_url(text), None, "{text}");
        let form = DecisionForm {
            minutes_url: text.into(),
            ..approved()
        };
        assert_eq!(
            parse_decision(&form, true).unwrap_err(),
            one("minutes_url", Code::UrlInvalid),
            "{text}"
        );
    }
}

#[test]
fn a_minutes_link_is_at_most_500_characters() {
    let prefix = "https://kommun.se/";
    let at_max = format!("{prefix}{}", "a".repeat(MINUTES_URL_MAX - prefix.len()));
    let form = DecisionForm {
        minutes_url: at_max.clone(),
        ..approved()
    };
    assert_eq!(
        parse_decision(&form, true).unwrap().minutes_url,
        Some(at_max)
    );
    let form = DecisionForm {
        minutes_url: format!("{prefix}{}", "a".repeat(MINUTES_URL_MAX)),
        ..approved()
    };
    assert_eq!(
        parse_decision(&form, true).unwrap_err(),
        one("minutes_url", Code::UrlTooLong)
    );
}

#[test]
fn an_empty_form_reports_every_required_field_at_once() {
    assert_eq!(
        parse_decision(&DecisionForm::default(), true).unwrap_err(),
        [
            FieldIssue::new("outcome", Code::ChoiceInvalid),
            FieldIssue::new("protocol_section", Code::ProtocolSectionEmpty),
            FieldIssue::new("meeting_date", Code::DateEmpty),
        ]
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let form = DecisionForm {
        outcome: "postponed".into(),
        motivation: String::new(),
        protocol_section: "soon".into(),
        meeting_date: "tomorrow".into(),
        minutes_url: "protokoll.pdf".into(),
    };
    assert_eq!(
        parse_decision(&form, false).unwrap_err(),
        [
            FieldIssue::new("motivation", Code::MotivationRequired),
            FieldIssue::new("protocol_section", Code::ProtocolSectionInvalid),
            FieldIssue::new("meeting_date", Code::DateInvalid),
            FieldIssue::new("minutes_url", Code::UrlInvalid),
        ]
    );
}

#[test]
fn a_form_missing_fields_in_json_reads_them_as_empty() {
    let form: DecisionForm = serde_json::from_str(r#"{"outcome":"approved"}"#).unwrap();
    let expected = DecisionForm {
        outcome: "approved".into(),
        ..DecisionForm::default()
    };
    assert_eq!(form, expected);
}

proptest! {
    #[test]
    fn every_section_number_normalises_and_is_then_stable(
        sign in "(§ *)?",
        number in 1u32..10_000,
        suffix in "([a-zA-Z]|:[1-9][0-9]{0,3})?",
    ) {
        let text = format!("{sign}{number}{suffix}");
        let section = normalise_section(&text).unwrap();
        prop_assert_eq!(&section, &format!("§ {number}{}", suffix.to_ascii_lowercase()));
        prop_assert_eq!(normalise_section(&section), Some(section.clone()));
    }

    #[test]
    fn parse_decision_never_panics_and_keeps_its_promises(
        texts in prop::collection::vec("\\PC{0,30}|§ ?[0-9]{1,5}[a-z]?|https?://[a-z.]{1,12}/\\PC{0,10}|20[0-9]{2}-[01][0-9]-[0-3][0-9]", 5),
        outcome in prop::sample::select(vec!["approved", "not_approved", "postponed", "x"]),
        funded in any::<bool>(),
    ) {
        let [motivation, protocol_section, meeting_date, minutes_url, _]: [String; 5] =
            texts.try_into().unwrap();
        let form = DecisionForm {
            outcome: outcome.into(),
            motivation,
            protocol_section,
            meeting_date,
            minutes_url,
        };
        match parse_decision(&form, funded) {
            Ok(decision) => {
                let needs = decision.outcome == DecisionOutcome::Postponed
                    || differs_from_residents(decision.outcome, funded);
                prop_assert!(!needs || decision.motivation.is_some());
                prop_assert!(decision.protocol_section.starts_with("§ "));
                prop_assert_eq!(
                    normalise_section(&decision.protocol_section),
                    Some(decision.protocol_section.clone())
                );
                if let Some(url) = decision.minutes_url {
                    prop_assert!(url.starts_with("http://") || url.starts_with("https://"));
                    prop_assert!(!url.contains(char::is_whitespace));
                }
            }
            Err(issues) => {
                prop_assert!(!issues.is_empty());
                for issue in issues {
                    prop_assert!(crate::issue::FIELDS.contains(&issue.field));
                    let _: crate::Code = issue.code;
                }
            }
        }
    }
}

#[test]
fn decisions_are_recorded_only_between_the_count_and_implementation() {
    use crate::Phase;
    let open: Vec<Phase> = Phase::ALL
        .iter()
        .copied()
        .filter(|&p| decisions_open(p))
        .collect();
    assert_eq!(open, [Phase::Deliberation, Phase::Decided]);
}
