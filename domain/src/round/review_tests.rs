use super::*;
use crate::Code;

const BUDGET: i64 = 1_000_000;

fn feasible() -> ReviewForm {
    ReviewForm {
        feasibility: "feasible".into(),
        reason: String::new(),
        staff_cost: "150 000".into(),
        criteria_met: vec![true; 5],
    }
}

fn not_feasible() -> ReviewForm {
    ReviewForm {
        feasibility: "not_feasible".into(),
        reason: " Marken ägs inte av kommunen. ".into(),
        staff_cost: String::new(),
        criteria_met: vec![true, false, true, true, true],
    }
}

fn one(field: &'static str, code: Code) -> Vec<FieldIssue> {
    vec![FieldIssue::new(field, code)]
}

#[test]
fn a_feasible_review_has_a_cost_and_every_criterion_met() {
    let review = parse_review(&feasible(), BUDGET).unwrap();
    assert_eq!(review.feasibility, Feasibility::Feasible);
    assert_eq!((review.reason, review.staff_cost), (None, Some(150_000)));
    assert_eq!(review.criteria_met, [true; 5]);
}

#[test]
fn a_not_feasible_review_has_a_trimmed_public_reason() {
    let review = parse_review(&not_feasible(), BUDGET).unwrap();
    assert_eq!(review.feasibility, Feasibility::NotFeasible);
    assert_eq!(
        review.reason.as_deref(),
        Some("Marken ägs inte av kommunen.")
    );
    assert_eq!(review.staff_cost, None);
}

#[test]
fn an_unknown_feasibility_is_an_invalid_choice() {
    for text in ["", "maybe", "Feasible"] {
        let form = ReviewForm {
            feasibility: text.into(),
            ..feasible()
        };
        assert_eq!(
            parse_review(&form, BUDGET).unwrap_err(),
            one("feasibility", Code::ChoiceInvalid)
        );
    }
}

#[test]
fn a_not_feasible_review_requires_a_reason() {
    let form = ReviewForm {
        reason: " \n ".into(),
        ..not_feasible()
    };
    assert_eq!(
        parse_review(&form, BUDGET).unwrap_err(),
        one("reason", Code::ReasonRequired)
    );
}

#[test]
fn a_reason_is_at_most_2000_characters() {
    let form = ReviewForm {
        reason: "å".repeat(TEXT_MAX + 1),
        ..not_feasible()
    };
    assert_eq!(
        parse_review(&form, BUDGET).unwrap_err(),
        one("reason", Code::TextTooLong)
    );
    let feasible_with_note = ReviewForm {
        reason: "å".repeat(TEXT_MAX),
        ..feasible()
    };
    assert!(
        parse_review(&feasible_with_note, BUDGET)
            .unwrap()
            .reason
            .is_some()
    );
}

#[test]
fn a_feasible_review_requires_a_staff_cost() {
    let form = ReviewForm {
        staff_cost: "  ".into(),
        ..feasible()
    };
    assert_eq!(
        parse_review(&form, BUDGET).unwrap_err(),
        one("staff_cost", Code::StaffCostRequired)
    );
}

#[test]
fn each_kind_of_bad_staff_cost_has_its_own_code() {
    for (text, code) in [
        ("ungefär 5000", Code::StaffCostInvalid),
        ("0", Code::StaffCostNotPositive),
        ("-5", Code::StaffCostNotPositive),
        ("1 000 001", Code::StaffCostOverBudget),
        ("20 000 000 000", Code::StaffCostOverBudget),
    ] {
        let form = ReviewForm {
            staff_cost: text.into(),
            ..feasible()
        };
        assert_eq!(
            parse_review(&form, BUDGET).unwrap_err(),
            one("staff_cost", code),
            "{text}"
        );
    }
}

#[test]
fn a_not_feasible_proposal_may_be_estimated_above_the_budget() {
    let form = ReviewForm {
        staff_cost: "3 000 000".into(),
        ..not_feasible()
    };
    assert_eq!(
        parse_review(&form, BUDGET).unwrap().staff_cost,
        Some(3_000_000)
    );
    let bad = ReviewForm {
        staff_cost: "mycket".into(),
        ..not_feasible()
    };
    assert_eq!(
        parse_review(&bad, BUDGET).unwrap_err(),
        one("staff_cost", Code::StaffCostInvalid)
    );
}

#[test]
fn a_feasible_review_requires_every_criterion_met() {
    let form = ReviewForm {
        criteria_met: vec![true, true, false],
        ..feasible()
    };
    assert_eq!(
        parse_review(&form, BUDGET).unwrap_err(),
        one("criteria", Code::CriteriaNotMet)
    );
}

#[test]
fn an_empty_feasible_review_reports_cost_and_criteria_together() {
    let form = ReviewForm {
        staff_cost: String::new(),
        criteria_met: vec![false],
        ..feasible()
    };
    let expected = [
        ("staff_cost", Code::StaffCostRequired),
        ("criteria", Code::CriteriaNotMet),
    ];
    assert_eq!(
        parse_review(&form, BUDGET).unwrap_err(),
        expected.map(|(f, c)| FieldIssue::new(f, c))
    );
}

#[test]
fn feasibility_names_round_trip() {
    for choice in Feasibility::ALL {
        assert_eq!(choice.as_str().parse::<Feasibility>(), Ok(choice));
        assert_eq!(
            serde_json::to_string(&choice).unwrap(),
            format!("\"{choice}\"")
        );
    }
    assert_eq!(Feasibility::NotFeasible.as_str(), "not_feasible");
}

#[test]
fn a_comment_is_trimmed_and_1_to_2000_characters() {
    assert_eq!(parse_comment("  Bra idé!\n"), Ok("Bra idé!".to_owned()));
    assert!(parse_comment(&"ö".repeat(COMMENT_MAX)).is_ok());
    assert_eq!(
        parse_comment(" \n"),
        Err(FieldIssue::new("body", Code::CommentEmpty))
    );
    assert_eq!(
        parse_comment(&"ö".repeat(COMMENT_MAX + 1)),
        Err(FieldIssue::new("body", Code::CommentTooLong))
    );
}

#[test]
fn a_hide_reason_is_required_and_at_most_500_characters() {
    assert_eq!(
        parse_hide_reason(" Personuppgifter "),
        Ok("Personuppgifter".to_owned())
    );
    assert!(parse_hide_reason(&"x".repeat(HIDE_REASON_MAX)).is_ok());
    assert_eq!(
        parse_hide_reason(""),
        Err(FieldIssue::new("reason", Code::ReasonRequired))
    );
    assert_eq!(
        parse_hide_reason(&"x".repeat(HIDE_REASON_MAX + 1)),
        Err(FieldIssue::new("reason", Code::TextTooLong))
    );
}
