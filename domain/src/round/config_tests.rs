use super::*;
use crate::Code;
use crate::round::{
    BallotFormat, CountingRule, Residence, SEK_MAX, TieBreak, Verification, parse_date,
};
use proptest::prelude::*;

fn valid_form() -> RoundForm {
    RoundForm {
        title_sv: " Medborgarbudget Norra 2026 ".into(),
        summary_sv: "Föreslå hur en miljon ska användas.".into(),
        budget_total: "1 000 000 kr".into(),
        residence: "lives_or_works".into(),
        verification: "email".into(),
        ballot_format: "approval".into(),
        rule: "mes".into(),
        tie_break: "lower_cost".into(),
        max_choices: "5".into(),
        criteria: DEFAULT_CRITERIA_SV.join("\n"),
        ..RoundForm::default()
    }
}

fn issues_of(form: &RoundForm) -> Vec<FieldIssue> {
    parse_round(form, &[]).unwrap_err()
}

fn one(field: &'static str, code: Code) -> Vec<FieldIssue> {
    vec![FieldIssue::new(field, code)]
}

fn area(area_id: i64, amount: &str) -> AreaBudgetInput {
    AreaBudgetInput {
        area_id,
        amount: amount.into(),
    }
}

#[test]
fn a_complete_form_becomes_a_trimmed_typed_configuration() {
    let mut form = valid_form();
    form.title_en = "  ".into();
    form.min_age = " 12 ".into();
    form.voting_date = "2026-09-01".into();
    let config = parse_round(&form, &[]).unwrap();
    assert_eq!(config.title_sv, "Medborgarbudget Norra 2026");
    assert_eq!(config.title_en, None);
    assert_eq!(config.budget_total, 1_000_000);
    assert_eq!(
        (config.settings.min_age, config.settings.max_age),
        (Some(12), None)
    );
    assert_eq!(config.settings.residence, Residence::LivesOrWorksIn);
    assert_eq!(config.settings.verification, Verification::EmailLink);
    assert_eq!(config.settings.ballot_format, BallotFormat::Approval);
    assert_eq!(config.settings.rule, CountingRule::EqualShares);
    assert_eq!(config.settings.tie_break, TieBreak::LowerCostFirst);
    assert_eq!(config.settings.max_choices, Some(5));
    assert_eq!(
        (
            config.settings.points_total,
            config.settings.points_max_per_project
        ),
        (None, None)
    );
    assert_eq!(config.settings.criteria.len(), 5);
    assert_eq!(config.settings.dates.voting, parse_date("2026-09-01"));
    assert!(config.settings.area_budgets.is_empty());
}

#[test]
fn an_empty_form_reports_every_required_field_at_once() {
    let issues = issues_of(&RoundForm::default());
    let expected = [
        ("title_sv", Code::TitleSvEmpty),
        ("summary_sv", Code::SummarySvEmpty),
        ("budget_total", Code::BudgetEmpty),
        ("residence", Code::ChoiceInvalid),
        ("verification", Code::ChoiceInvalid),
        ("ballot_format", Code::ChoiceInvalid),
        ("rule", Code::ChoiceInvalid),
        ("tie_break", Code::ChoiceInvalid),
        ("criteria", Code::CriteriaEmpty),
    ];
    assert_eq!(issues, expected.map(|(f, c)| FieldIssue::new(f, c)));
}

#[test]
fn titles_are_at_most_120_characters() {
    let mut form = valid_form();
    form.title_sv = "ö".repeat(TITLE_MAX);
    form.title_en = "e".repeat(TITLE_MAX);
    assert!(parse_round(&form, &[]).is_ok());
    form.title_sv = "ö".repeat(TITLE_MAX + 1);
    form.title_en = "e".repeat(TITLE_MAX + 1);
    let expected = [
        ("title_sv", Code::TitleSvTooLong),
        ("title_en", Code::TitleEnTooLong),
    ];
    assert_eq!(
        issues_of(&form),
        expected.map(|(f, c)| FieldIssue::new(f, c))
    );
}

#[test]
fn summaries_and_the_easy_read_text_are_at_most_2000_characters() {
    let mut form = valid_form();
    form.summary_en = "x".repeat(TEXT_MAX);
    form.easy_read_sv = " Lättläst text ".into();
    let config = parse_round(&form, &[]).unwrap();
    assert_eq!(
        config.settings.easy_read_sv.as_deref(),
        Some("Lättläst text")
    );
    let long = "å".repeat(TEXT_MAX + 1);
    form.summary_sv = long.clone();
    form.summary_en = long.clone();
    form.easy_read_sv = long;
    let expected = [
        ("summary_sv", Code::TextTooLong),
        ("summary_en", Code::TextTooLong),
        ("easy_read_sv", Code::TextTooLong),
    ];
    assert_eq!(
        issues_of(&form),
        expected.map(|(f, c)| FieldIssue::new(f, c))
    );
}

#[test]
fn each_kind_of_bad_budget_has_its_own_code() {
    for (text, code) in [
        ("", Code::BudgetEmpty),
        ("en miljon", Code::BudgetInvalid),
        ("1000000,50", Code::BudgetInvalid),
        ("0 kr", Code::BudgetNotPositive),
        ("-500", Code::BudgetNotPositive),
        ("10 000 000 001", Code::BudgetTooLarge),
    ] {
        let form = RoundForm {
            budget_total: text.into(),
            ..valid_form()
        };
        assert_eq!(issues_of(&form), one("budget_total", code), "{text}");
    }
}

#[test]
fn area_budgets_left_empty_are_not_budgeted_separately() {
    let config = parse_round(&valid_form(), &[area(1, ""), area(2, "  ")]).unwrap();
    assert!(config.settings.area_budgets.is_empty());
}

#[test]
fn area_budgets_must_sum_to_exactly_the_total() {
    let form = valid_form();
    let config = parse_round(
        &form,
        &[area(1, "600 000"), area(2, ""), area(3, "400000 kr")],
    )
    .unwrap();
    assert_eq!(config.settings.area_budgets, [(1, 600_000), (3, 400_000)]);
    let short = parse_round(&form, &[area(1, "600 000"), area(3, "399 999")]).unwrap_err();
    assert_eq!(short, one("area_budget", Code::AreaBudgetsSum));
}

#[test]
fn each_area_budget_must_be_an_amount() {
    let areas = [
        area(1, "mycket"),
        area(2, "0"),
        area(3, "-1"),
        area(4, "99999999999"),
    ];
    let expected = [
        ("area_budget", Code::BudgetInvalid),
        ("area_budget", Code::BudgetNotPositive),
        ("area_budget", Code::BudgetTooLarge),
    ];
    assert_eq!(
        parse_round(&valid_form(), &areas).unwrap_err(),
        expected.map(|(f, c)| FieldIssue::new(f, c))
    );
}

#[test]
fn area_budgets_are_not_summed_against_an_invalid_total() {
    let form = RoundForm {
        budget_total: "x".into(),
        ..valid_form()
    };
    assert_eq!(
        parse_round(&form, &[area(1, "5")]).unwrap_err(),
        one("budget_total", Code::BudgetInvalid)
    );
}

#[test]
fn ages_are_whole_years_up_to_120_or_empty() {
    for (min, max) in [("0", "120"), ("", "17"), ("16", "")] {
        let form = RoundForm {
            min_age: min.into(),
            max_age: max.into(),
            ..valid_form()
        };
        assert!(parse_round(&form, &[]).is_ok(), "{min}..{max}");
    }
    let form = RoundForm {
        min_age: "-1".into(),
        max_age: "121".into(),
        ..valid_form()
    };
    let expected = [("min_age", Code::AgeInvalid), ("max_age", Code::AgeInvalid)];
    assert_eq!(
        issues_of(&form),
        expected.map(|(f, c)| FieldIssue::new(f, c))
    );
    let form = RoundForm {
        min_age: "16,5".into(),
        ..valid_form()
    };
    assert_eq!(issues_of(&form), one("min_age", Code::AgeInvalid));
}

#[test]
fn the_lowest_age_may_not_exceed_the_highest() {
    let same = RoundForm {
        min_age: "18".into(),
        max_age: "18".into(),
        ..valid_form()
    };
    assert!(parse_round(&same, &[]).is_ok());
    let form = RoundForm {
        min_age: "19".into(),
        max_age: "18".into(),
        ..valid_form()
    };
    assert_eq!(issues_of(&form), one("max_age", Code::AgeRange));
}

#[test]
fn unknown_choices_are_reported_on_their_field() {
    for field in [
        "residence",
        "verification",
        "ballot_format",
        "rule",
        "tie_break",
    ] {
        let mut form = valid_form();
        let value = match field {
            "residence" => &mut form.residence,
            "verification" => &mut form.verification,
            "ballot_format" => &mut form.ballot_format,
            "rule" => &mut form.rule,
            _ => &mut form.tie_break,
        };
        *value = "Approval".into();
        assert_eq!(issues_of(&form), one(field, Code::ChoiceInvalid), "{field}");
    }
}

#[test]
fn every_choice_name_round_trips_through_from_str_and_serde() {
    fn check<T>(all: &[T])
    where
        T: std::str::FromStr
            + std::fmt::Display
            + Serialize
            + serde::de::DeserializeOwned
            + PartialEq
            + std::fmt::Debug,
        T::Err: std::fmt::Debug,
    {
        for choice in all {
            let name = choice.to_string();
            assert_eq!(&name.parse::<T>().unwrap(), choice);
            assert_eq!(
                serde_json::to_string(choice).unwrap(),
                format!("\"{name}\"")
            );
            assert_eq!(
                &serde_json::from_str::<T>(&format!("\"{name}\"")).unwrap(),
                choice
            );
        }
    }
    check(&BallotFormat::ALL);
    check(&CountingRule::ALL);
    check(&TieBreak::ALL);
    check(&Residence::ALL);
    check(&Verification::ALL);
    let names = |all: &[&str]| all.join(",");
    assert_eq!(
        names(&CountingRule::ALL.map(CountingRule::as_str)),
        "greedy,mes,phragmen"
    );
    assert_eq!(
        names(&TieBreak::ALL.map(TieBreak::as_str)),
        "lower_cost,seeded_draw"
    );
    assert_eq!(
        names(&Residence::ALL.map(Residence::as_str)),
        "anyone,lives,lives_or_works"
    );
    assert_eq!(
        names(&Verification::ALL.map(Verification::as_str)),
        "email,in_person,eid"
    );
    assert_eq!(
        names(&BallotFormat::ALL.map(BallotFormat::as_str)),
        "approval,knapsack,cumulative,ranked"
    );
    assert_eq!(
        "Greedy".parse::<CountingRule>(),
        Err(crate::round::ParseChoiceError("Greedy".into()))
    );
}

#[test]
fn phragmen_is_counted_only_on_approval_ballots() {
    let approval = RoundForm {
        rule: "phragmen".into(),
        ..valid_form()
    };
    assert_eq!(
        parse_round(&approval, &[]).unwrap().settings.rule,
        CountingRule::Phragmen
    );
    for format in ["knapsack", "cumulative", "ranked"] {
        let form = RoundForm {
            ballot_format: format.into(),
            points_total: "10".into(),
            points_max_per_project: "5".into(),
            ..approval.clone()
        };
        assert_eq!(
            issues_of(&form),
            one("rule", Code::RuleNeedsApproval),
            "{format}"
        );
    }
}

#[test]
fn approval_and_ranked_ballots_need_a_number_of_choices() {
    for format in ["approval", "ranked"] {
        let form = RoundForm {
            ballot_format: format.into(),
            max_choices: " ".into(),
            ..valid_form()
        };
        assert_eq!(
            issues_of(&form),
            one("max_choices", Code::MaxChoicesRequired)
        );
    }
}

#[test]
fn the_number_of_choices_is_1_to_50() {
    let form = RoundForm {
        ballot_format: "ranked".into(),
        max_choices: "50".into(),
        ..valid_form()
    };
    assert_eq!(
        parse_round(&form, &[]).unwrap().settings.max_choices,
        Some(50)
    );
    for text in ["0", "51", "tre", "2.5", "-1"] {
        let form = RoundForm {
            max_choices: text.into(),
            ..valid_form()
        };
        assert_eq!(
            issues_of(&form),
            one("max_choices", Code::MaxChoicesInvalid),
            "{text}"
        );
    }
}

#[test]
fn limits_of_other_ballot_formats_are_ignored() {
    let form = RoundForm {
        ballot_format: "knapsack".into(),
        max_choices: "nonsense".into(),
        points_total: "nonsense".into(),
        ..valid_form()
    };
    let config = parse_round(&form, &[]).unwrap();
    assert_eq!(
        (
            config.settings.max_choices,
            config.settings.points_total,
            config.settings.points_max_per_project
        ),
        (None, None, None)
    );
}

#[test]
fn cumulative_ballots_need_1_to_1000_points_and_a_maximum_per_project_within_them() {
    let base = RoundForm {
        ballot_format: "cumulative".into(),
        max_choices: "x".into(),
        ..valid_form()
    };
    let form = RoundForm {
        points_total: "1000".into(),
        points_max_per_project: "1000".into(),
        ..base.clone()
    };
    let config = parse_round(&form, &[]).unwrap();
    assert_eq!(
        (
            config.settings.points_total,
            config.settings.points_max_per_project,
            config.settings.max_choices
        ),
        (Some(1000), Some(1000), None)
    );
    let over_total = RoundForm {
        points_total: "10".into(),
        points_max_per_project: "11".into(),
        ..base.clone()
    };
    assert_eq!(
        issues_of(&over_total),
        one("points_max_per_project", Code::PointsInvalid)
    );
    let bad_total = RoundForm {
        points_total: "1001".into(),
        points_max_per_project: "5".into(),
        ..base.clone()
    };
    assert_eq!(
        issues_of(&bad_total),
        one("points_total", Code::PointsInvalid)
    );
    let expected = [
        ("points_total", Code::PointsInvalid),
        ("points_max_per_project", Code::PointsInvalid),
    ];
    assert_eq!(
        issues_of(&base),
        expected.map(|(f, c)| FieldIssue::new(f, c))
    );
    let zero = RoundForm {
        points_total: "0".into(),
        points_max_per_project: "0".into(),
        ..base
    };
    assert_eq!(
        issues_of(&zero),
        expected.map(|(f, c)| FieldIssue::new(f, c))
    );
}

#[test]
fn criteria_are_one_per_line_ignoring_blank_lines() {
    let form = RoundForm {
        criteria: "\r\n Ryms inom budgeten \r\n\n  \nKommer många till nytta\n".into(),
        ..valid_form()
    };
    assert_eq!(
        parse_round(&form, &[]).unwrap().settings.criteria,
        ["Ryms inom budgeten", "Kommer många till nytta"]
    );
    let blank = RoundForm {
        criteria: "\n \n".into(),
        ..valid_form()
    };
    assert_eq!(issues_of(&blank), one("criteria", Code::CriteriaEmpty));
}

#[test]
fn a_round_has_at_most_12_criteria_of_at_most_200_characters() {
    let twelve = vec!["ä".repeat(CRITERION_MAX); CRITERIA_MAX].join("\n");
    assert!(
        parse_round(
            &RoundForm {
                criteria: twelve,
                ..valid_form()
            },
            &[]
        )
        .is_ok()
    );
    let thirteen = vec!["k"; CRITERIA_MAX + 1].join("\n");
    assert_eq!(
        issues_of(&RoundForm {
            criteria: thirteen,
            ..valid_form()
        }),
        one("criteria", Code::CriteriaTooMany)
    );
    let long = format!("kort\n{}", "ä".repeat(CRITERION_MAX + 1));
    assert_eq!(
        issues_of(&RoundForm {
            criteria: long,
            ..valid_form()
        }),
        one("criteria", Code::CriterionTooLong)
    );
}

#[test]
fn the_default_criteria_are_valid_criteria() {
    let config = parse_round(&valid_form(), &[]).unwrap();
    assert_eq!(config.settings.criteria, DEFAULT_CRITERIA_SV);
}

#[test]
fn dates_must_be_real_and_follow_the_phases() {
    let form = RoundForm {
        information_date: "2026-02-29".into(),
        proposals_date: "2026-03-01".into(),
        review_date: "2026-02-01".into(),
        voting_date: "2026-04-01".into(),
        voting_end_date: "2026-04-01".into(),
        ..valid_form()
    };
    let expected = [
        ("information_date", Code::DateInvalid),
        ("review_date", Code::DateOrder),
        ("voting_end_date", Code::DateOrder),
    ];
    assert_eq!(
        issues_of(&form),
        expected.map(|(f, c)| FieldIssue::new(f, c))
    );
    let leap = RoundForm {
        information_date: "2028-02-29".into(),
        ..valid_form()
    };
    assert_eq!(
        parse_round(&leap, &[]).unwrap().settings.dates.information,
        parse_date("2028-02-29")
    );
}

#[test]
fn a_configuration_round_trips_through_json() {
    let config = parse_round(&valid_form(), &[area(1, "1 000 000")]).unwrap();
    let json = serde_json::to_string(&config).unwrap();
    assert_eq!(serde_json::from_str::<RoundConfig>(&json).unwrap(), config);
}

proptest! {
    #[test]
    fn parse_round_never_panics_and_accepts_only_what_it_checked(
        texts in prop::collection::vec("\\PC{0,12}|[0-9 ]{0,8}|approval|cumulative|phragmen", 22),
    ) {
        let mut form = valid_form();
        let fields = [
            &mut form.title_sv, &mut form.title_en, &mut form.summary_sv, &mut form.summary_en,
            &mut form.easy_read_sv, &mut form.budget_total, &mut form.min_age, &mut form.max_age,
            &mut form.residence, &mut form.verification, &mut form.ballot_format, &mut form.rule,
            &mut form.tie_break, &mut form.max_choices, &mut form.points_total,
            &mut form.points_max_per_project, &mut form.criteria, &mut form.information_date,
            &mut form.proposals_date, &mut form.review_date, &mut form.voting_date, &mut form.voting_end_date,
        ];
        for (field, text) in fields.into_iter().zip(texts) {
            *field = text;
        }
        match parse_round(&form, &[area(1, "5")]) {
            Ok(config) => {
                prop_assert!((1..=SEK_MAX).contains(&config.budget_total));
                prop_assert!(!config.settings.criteria.is_empty());
                prop_assert!(config.settings.rule != CountingRule::Phragmen || config.settings.ballot_format == BallotFormat::Approval);
            }
            Err(issues) => prop_assert!(!issues.is_empty()),
        }
    }
}

/// The editor shows a stored round through `to_form`; saving it unchanged must keep it.
fn area_inputs(config: &RoundConfig) -> Vec<AreaBudgetInput> {
    config
        .settings
        .area_budgets
        .iter()
        .map(|(id, amount)| area(*id, &amount.to_string()))
        .collect()
}

#[test]
fn a_configuration_shown_in_the_form_parses_back_to_itself() {
    let forms = [
        valid_form(),
        RoundForm {
            title_en: "Norra 2026".into(),
            summary_en: "Decide on a million.".into(),
            easy_read_sv: "Lättläst.".into(),
            min_age: "13".into(),
            max_age: "25".into(),
            ballot_format: "cumulative".into(),
            rule: "greedy".into(),
            max_choices: String::new(),
            points_total: "10".into(),
            points_max_per_project: "4".into(),
            voting_end_date: "2026-10-01".into(),
            ..valid_form()
        },
    ];
    for form in forms {
        let config = parse_round(&form, &[area(1, "600 000"), area(3, "400 000")]).unwrap();
        assert_eq!(
            parse_round(&config.to_form(), &area_inputs(&config)),
            Ok(config)
        );
    }
}

#[test]
fn the_default_settings_in_the_form_parse_back_to_the_defaults() {
    let form = RoundForm {
        title_sv: "Ny omgång".into(),
        summary_sv: "Text.".into(),
        budget_total: "100000".into(),
        ..RoundSettings::default().to_form()
    };
    assert_eq!(
        parse_round(&form, &[]).unwrap().settings,
        RoundSettings::default()
    );
}
