use super::*;
use crate::Code;
use chrono::NaiveDate;
use proptest::prelude::*;

fn at(day: u32, hour: u32, minute: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 9, day)
        .unwrap()
        .and_hms_opt(hour, minute, 0)
        .unwrap()
}

#[test]
fn a_scope_has_a_stable_text_form() {
    assert_eq!(Scope::All.to_string(), "all");
    assert_eq!(Scope::Round(12).to_string(), "round:12");
    assert_eq!(Scope::Project(34).to_string(), "project:34");
    assert_eq!(Scope::parse("all"), Ok(Scope::All));
    assert_eq!(Scope::parse("round:12"), Ok(Scope::Round(12)));
    assert_eq!("project:34".parse(), Ok(Scope::Project(34)));
}

#[test]
fn a_scope_is_read_only_in_its_exact_text_form() {
    for text in [
        "",
        "All",
        " all",
        "round",
        "round:",
        "round:x",
        "round: 12",
        "round:12 ",
        "round:+12",
        "round:012",
        "round:-0",
        "Round:12",
        "project:3:4",
        "proposal:3",
        "round:99999999999999999999",
    ] {
        assert_eq!(
            Scope::parse(text),
            Err(ParseScopeError(text.to_owned())),
            "{text}"
        );
    }
}

#[test]
fn a_scope_goes_through_json_as_its_text() {
    let json = serde_json::to_string(&Scope::Round(7)).unwrap();
    assert_eq!(json, r#""round:7""#);
    assert_eq!(
        serde_json::from_str::<Scope>(&json).unwrap(),
        Scope::Round(7)
    );
    assert!(serde_json::from_str::<Scope>(r#""round:seven""#).is_err());
}

#[test]
fn a_scope_covers_its_round_or_project_and_all_covers_everything() {
    assert!(Scope::All.covers(1, None));
    assert!(Scope::All.covers(1, Some(5)));
    assert!(Scope::Round(1).covers(1, None));
    assert!(Scope::Round(1).covers(1, Some(5)));
    assert!(!Scope::Round(2).covers(1, Some(5)));
    assert!(Scope::Project(5).covers(1, Some(5)));
    assert!(!Scope::Project(5).covers(1, Some(6)));
    assert!(!Scope::Project(5).covers(5, None));
}

#[test]
fn every_notification_kind_has_a_stable_name() {
    assert_eq!(
        NotificationKind::ALL.map(NotificationKind::as_str),
        [
            "voting_open",
            "results_published",
            "decision_recorded",
            "implementation_update"
        ]
    );
    for kind in NotificationKind::ALL {
        assert_eq!(kind.as_str().parse(), Ok(kind));
        let json = serde_json::to_string(&kind).unwrap();
        assert_eq!(json, format!("\"{kind}\""));
    }
}

#[test]
fn a_first_digest_is_always_due() {
    assert!(digest_due(None, at(1, 0, 0)));
}

#[test]
fn a_digest_is_due_24_hours_after_the_last_and_not_a_minute_before() {
    let last = at(1, 18, 30);
    assert!(!digest_due(Some(last), at(1, 18, 30)));
    assert!(!digest_due(Some(last), at(2, 8, 0)));
    assert!(!digest_due(Some(last), at(2, 18, 29)));
    assert!(digest_due(Some(last), at(2, 18, 30)));
    assert!(digest_due(Some(last), at(9, 7, 0)));
}

#[test]
fn a_last_digest_in_the_future_waits() {
    assert!(!digest_due(Some(at(3, 12, 0)), at(1, 12, 0)));
}

#[test]
fn a_subscription_is_a_trimmed_email_address() {
    let form = SubscribeForm {
        email: "  Anna@Kommun.SE ".into(),
    };
    assert_eq!(parse_subscribe(&form).unwrap().as_str(), "Anna@kommun.se");
}

#[test]
fn a_bad_address_is_reported_on_the_email_field() {
    let long = format!("a@{}.se", "b".repeat(260));
    for (text, code) in [
        ("", Code::EmailEmpty),
        ("   ", Code::EmailEmpty),
        ("anna", Code::EmailInvalid),
        ("anna@localhost", Code::EmailInvalid),
        ("an na@kommun.se", Code::EmailInvalid),
        (long.as_str(), Code::EmailTooLong),
    ] {
        let form = SubscribeForm { email: text.into() };
        assert_eq!(
            parse_subscribe(&form).unwrap_err(),
            [FieldIssue::new("email", code)],
            "{text}"
        );
    }
}

#[test]
fn a_subscribe_form_without_an_email_reads_as_empty() {
    let form: SubscribeForm = serde_json::from_str("{}").unwrap();
    assert_eq!(form, SubscribeForm::default());
}

proptest! {
    #[test]
    fn every_scope_round_trips_through_its_text(kind in 0u8..3, id in any::<i64>()) {
        let scope = match kind {
            0 => Scope::All,
            1 => Scope::Round(id),
            _ => Scope::Project(id),
        };
        prop_assert_eq!(Scope::parse(&scope.to_string()), Ok(scope));
    }

    #[test]
    fn a_parsed_scope_writes_back_the_same_text(text in "\\PC{0,16}|(round|project):-?[0-9]{0,20}") {
        if let Ok(scope) = Scope::parse(&text) {
            prop_assert_eq!(scope.to_string(), text);
        }
    }

    #[test]
    fn a_digest_is_due_exactly_when_a_day_has_passed(
        start in 0i64..1_000_000_000,
        gap in -200_000i64..200_000,
    ) {
        let last = chrono::DateTime::from_timestamp(start, 0).unwrap().naive_utc();
        let now = last + TimeDelta::seconds(gap);
        prop_assert_eq!(digest_due(Some(last), now), gap >= 86_400);
    }

    #[test]
    fn parse_subscribe_agrees_with_email_parse(email in "\\PC{0,30}|[a-z]{1,8}@[a-z]{1,8}\\.se") {
        let form = SubscribeForm { email: email.clone() };
        prop_assert_eq!(parse_subscribe(&form).ok(), Email::parse(&email).ok());
    }
}
