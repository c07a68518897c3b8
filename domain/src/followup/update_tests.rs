use super::*;
use crate::Code;
use proptest::prelude::*;

fn day(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd_opt(y, m, d).unwrap()
}

fn today() -> Date {
    day(2027, 5, 20)
}

fn started() -> UpdateForm {
    UpdateForm {
        status: "started".into(),
        percent: "40".into(),
        text: "  Marken är förberedd; bänkarna kommer i juni. ".into(),
        date: "2027-05-18".into(),
    }
}

fn one(field: &'static str, code: Code) -> Vec<FieldIssue> {
    vec![FieldIssue::new(field, code)]
}

fn issues_of(form: &UpdateForm) -> Vec<FieldIssue> {
    parse_update(form, today()).unwrap_err()
}

#[test]
fn a_valid_update_is_parsed_and_its_text_trimmed() {
    let update = parse_update(&started(), today()).unwrap();
    assert_eq!(update.status, ImplementationStatus::Started);
    assert_eq!(update.percent, 40);
    assert_eq!(update.text, "Marken är förberedd; bänkarna kommer i juni.");
    assert_eq!(update.date, day(2027, 5, 18));
}

#[test]
fn a_percentage_may_carry_a_percent_sign_with_or_without_a_space() {
    for (text, expected) in [
        ("40", 40),
        ("40%", 40),
        ("40 %", 40),
        (" 40  % ", 40),
        ("0", 0),
        ("0 %", 0),
        ("100", 100),
        ("100%", 100),
        ("007", 7),
    ] {
        let form = UpdateForm {
            percent: text.into(),
            ..started()
        };
        assert_eq!(
            parse_update(&form, today()).unwrap().percent,
            expected,
            "{text}"
        );
    }
}

#[test]
fn a_percentage_that_is_not_a_whole_number_is_invalid() {
    for text in [
        "abc", "%", "40.5", "40,5", "4 0", "40 %%", "% 40", "+40", "fyrtio", "٤٠",
    ] {
        let form = UpdateForm {
            percent: text.into(),
            ..started()
        };
        assert_eq!(
            issues_of(&form),
            one("percent", Code::PercentInvalid),
            "{text}"
        );
    }
}

#[test]
fn a_percentage_outside_0_to_100_is_out_of_range() {
    for text in ["101", "140", "140 %", "-1", "-0", "99999999999999999999999"] {
        let form = UpdateForm {
            percent: text.into(),
            ..started()
        };
        assert_eq!(
            issues_of(&form),
            one("percent", Code::PercentRange),
            "{text}"
        );
    }
}

#[test]
fn a_percentage_is_required() {
    let form = UpdateForm {
        percent: "  ".into(),
        ..started()
    };
    assert_eq!(issues_of(&form), one("percent", Code::PercentEmpty));
}

#[test]
fn a_done_project_is_at_100_percent() {
    let done = |percent: &str| UpdateForm {
        status: "done".into(),
        percent: percent.into(),
        ..started()
    };
    assert_eq!(issues_of(&done("99")), one("percent", Code::DoneNeeds100));
    assert_eq!(issues_of(&done("0")), one("percent", Code::DoneNeeds100));
    let update = parse_update(&done("100 %"), today()).unwrap();
    assert_eq!(
        (update.status, update.percent),
        (ImplementationStatus::Done, 100)
    );
    assert_eq!(
        issues_of(&done("abc")),
        one("percent", Code::PercentInvalid)
    );
}

#[test]
fn other_statuses_allow_any_percentage_including_100() {
    for status in ["planned", "started", "delayed", "cancelled"] {
        for percent in ["0", "55", "100"] {
            let form = UpdateForm {
                status: status.into(),
                percent: percent.into(),
                ..started()
            };
            assert!(parse_update(&form, today()).is_ok(), "{status} {percent}");
        }
    }
}

#[test]
fn an_unknown_status_is_an_invalid_choice() {
    for text in ["", "finished", "Done", "klar"] {
        let form = UpdateForm {
            status: text.into(),
            ..started()
        };
        assert_eq!(
            issues_of(&form),
            one("status", Code::ChoiceInvalid),
            "{text}"
        );
    }
}

#[test]
fn only_done_and_cancelled_are_final() {
    let finals: Vec<_> = ImplementationStatus::ALL
        .into_iter()
        .filter(|status| status.is_final())
        .collect();
    assert_eq!(
        finals,
        [ImplementationStatus::Done, ImplementationStatus::Cancelled]
    );
}

#[test]
fn every_status_round_trips_through_its_name_and_json() {
    assert_eq!(
        ImplementationStatus::ALL.map(ImplementationStatus::as_str),
        ["planned", "started", "delayed", "done", "cancelled"]
    );
    for status in ImplementationStatus::ALL {
        assert_eq!(status.as_str().parse(), Ok(status));
        let json = serde_json::to_string(&status).unwrap();
        assert_eq!(
            serde_json::from_str::<ImplementationStatus>(&json).unwrap(),
            status
        );
    }
}

#[test]
fn the_text_is_required_and_at_most_2000_characters() {
    let blank = UpdateForm {
        text: " \n ".into(),
        ..started()
    };
    assert_eq!(issues_of(&blank), one("text", Code::TextEmpty));
    let at_max = UpdateForm {
        text: "ä".repeat(UPDATE_TEXT_MAX),
        ..started()
    };
    assert!(parse_update(&at_max, today()).is_ok());
    let over = UpdateForm {
        text: "ä".repeat(UPDATE_TEXT_MAX + 1),
        ..started()
    };
    assert_eq!(issues_of(&over), one("text", Code::TextTooLong));
}

#[test]
fn the_date_is_a_required_iso_day() {
    for (text, code) in [
        ("", Code::DateEmpty),
        ("2027-5-18", Code::DateInvalid),
        ("18/5/2027", Code::DateInvalid),
        ("2027-02-29", Code::DateInvalid),
    ] {
        let form = UpdateForm {
            date: text.into(),
            ..started()
        };
        assert_eq!(issues_of(&form), one("date", code), "{text}");
    }
}

#[test]
fn the_date_may_be_today_but_not_after() {
    let on = |date: &str| UpdateForm {
        date: date.into(),
        ..started()
    };
    assert_eq!(
        parse_update(&on("2027-05-20"), today()).unwrap().date,
        today()
    );
    assert!(parse_update(&on("2020-01-01"), today()).is_ok());
    assert_eq!(
        issues_of(&on("2027-05-21")),
        one("date", Code::DateInFuture)
    );
}

#[test]
fn an_empty_form_reports_every_field_at_once() {
    assert_eq!(
        issues_of(&UpdateForm::default()),
        [
            FieldIssue::new("status", Code::ChoiceInvalid),
            FieldIssue::new("percent", Code::PercentEmpty),
            FieldIssue::new("text", Code::TextEmpty),
            FieldIssue::new("date", Code::DateEmpty),
        ]
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let form = UpdateForm {
        status: "done".into(),
        percent: "90".into(),
        text: "x".repeat(UPDATE_TEXT_MAX + 1),
        date: "2030-01-01".into(),
    };
    assert_eq!(
        issues_of(&form),
        [
            FieldIssue::new("percent", Code::DoneNeeds100),
            FieldIssue::new("text", Code::TextTooLong),
            FieldIssue::new("date", Code::DateInFuture),
        ]
    );
}

proptest! {
    #[test]
    fn every_whole_percentage_is_read_in_every_spelling(
        percent in 0u32..=1000,
        sign in prop::sample::select(vec!["", "%", " %", "  % "]),
    ) {
        let form = UpdateForm { percent: format!(" {percent}{sign}"), ..started() };
        let result = parse_update(&form, today());
        if percent <= 100 {
            prop_assert_eq!(result.unwrap().percent as u32, percent);
        } else {
            prop_assert_eq!(result.unwrap_err(), one("percent", Code::PercentRange));
        }
    }

    #[test]
    fn parse_update_never_panics_and_keeps_its_promises(
        status in prop::sample::select(vec!["planned", "started", "delayed", "done", "cancelled", "?"]),
        percent in "\\PC{0,8}|-?[0-9]{1,4} ?%?",
        text in "\\PC{0,40}",
        date in "\\PC{0,12}|20[0-9]{2}-[01][0-9]-[0-3][0-9]",
        today_offset in 0u64..30_000,
    ) {
        let today = day(2000, 1, 1) + chrono::Days::new(today_offset);
        let form = UpdateForm { status: status.into(), percent, text, date };
        match parse_update(&form, today) {
            Ok(update) => {
                prop_assert!(update.percent <= 100);
                prop_assert!(update.status != ImplementationStatus::Done || update.percent == 100);
                prop_assert!(update.date <= today);
                prop_assert!(!update.text.is_empty());
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
fn a_photo_needs_a_description_of_what_it_shows() {
    assert_eq!(
        parse_photo_description("  Nya bänkar vid dammen. "),
        Ok("Nya bänkar vid dammen.".to_owned())
    );
    assert_eq!(
        parse_photo_description(" \n "),
        Err(one("description", Code::PhotoDescriptionEmpty))
    );
    let long = "å".repeat(PHOTO_DESCRIPTION_MAX + 1);
    assert_eq!(
        parse_photo_description(&long),
        Err(one("description", Code::PhotoDescriptionTooLong))
    );
    assert!(parse_photo_description(&"å".repeat(PHOTO_DESCRIPTION_MAX)).is_ok());
}
