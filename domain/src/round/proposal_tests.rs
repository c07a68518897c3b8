use super::*;
use crate::Code;
use proptest::prelude::*;

fn rules() -> ProposalRules {
    ProposalRules {
        max_cost: 500_000,
        area_ids: vec![3, 7],
    }
}

fn valid_form() -> ProposalForm {
    ProposalForm {
        title: "  Utegym vid Ängen ".into(),
        description: "Ett utegym för alla åldrar.".into(),
        cost: "120 000 kr".into(),
        ..ProposalForm::default()
    }
}

fn issues_of(form: &ProposalForm) -> Vec<FieldIssue> {
    parse_proposal(form, &rules()).unwrap_err()
}

fn one(field: &'static str, code: Code) -> Vec<FieldIssue> {
    vec![FieldIssue::new(field, code)]
}

#[test]
fn a_minimal_proposal_is_for_the_whole_municipality_without_a_place() {
    let proposal = parse_proposal(&valid_form(), &rules()).unwrap();
    assert_eq!(proposal.title, "Utegym vid Ängen");
    assert_eq!(proposal.area_id, None);
    assert_eq!(proposal.place, None);
    assert_eq!(proposal.position, None);
    assert_eq!(proposal.cost, 120_000);
}

#[test]
fn a_full_proposal_keeps_its_area_place_and_position() {
    let form = ProposalForm {
        area_id: " 7 ".into(),
        place: " Ängsparken ".into(),
        latitude: "59,334".into(),
        longitude: " 18.063 ".into(),
        ..valid_form()
    };
    let proposal = parse_proposal(&form, &rules()).unwrap();
    assert_eq!(proposal.area_id, Some(7));
    assert_eq!(proposal.place.as_deref(), Some("Ängsparken"));
    assert_eq!(proposal.position, Some((59.334, 18.063)));
}

#[test]
fn an_empty_form_reports_title_description_and_cost() {
    let expected = [
        ("title", Code::TitleEmpty),
        ("description", Code::DescriptionEmpty),
        ("cost", Code::CostEmpty),
    ];
    assert_eq!(
        issues_of(&ProposalForm::default()),
        expected.map(|(f, c)| FieldIssue::new(f, c))
    );
}

#[test]
fn a_title_is_at_most_120_characters() {
    assert!(
        parse_proposal(
            &ProposalForm {
                title: "ä".repeat(TITLE_MAX),
                ..valid_form()
            },
            &rules()
        )
        .is_ok()
    );
    let form = ProposalForm {
        title: "ä".repeat(TITLE_MAX + 1),
        ..valid_form()
    };
    assert_eq!(issues_of(&form), one("title", Code::TitleTooLong));
}

#[test]
fn a_blank_title_is_empty() {
    assert_eq!(
        issues_of(&ProposalForm {
            title: " \n\t".into(),
            ..valid_form()
        }),
        one("title", Code::TitleEmpty)
    );
}

#[test]
fn a_description_is_required_and_counted_in_characters_not_bytes() {
    let at_limit = ProposalForm {
        description: "ö".repeat(DESCRIPTION_MAX),
        ..valid_form()
    };
    assert!(parse_proposal(&at_limit, &rules()).is_ok());
    let over = ProposalForm {
        description: "o".repeat(DESCRIPTION_MAX + 1),
        ..valid_form()
    };
    assert_eq!(
        issues_of(&over),
        one("description", Code::DescriptionTooLong)
    );
    let blank = ProposalForm {
        description: "   ".into(),
        ..valid_form()
    };
    assert_eq!(
        issues_of(&blank),
        one("description", Code::DescriptionEmpty)
    );
}

#[test]
fn an_area_must_be_one_of_the_municipality() {
    for text in ["4", "norr", "3.0", "-3"] {
        let form = ProposalForm {
            area_id: text.into(),
            ..valid_form()
        };
        assert_eq!(
            issues_of(&form),
            one("area_id", Code::AreaInvalid),
            "{text}"
        );
    }
}

#[test]
fn a_place_is_at_most_200_characters() {
    let form = ProposalForm {
        place: "p".repeat(PLACE_MAX + 1),
        ..valid_form()
    };
    assert_eq!(issues_of(&form), one("place", Code::PlaceTooLong));
}

#[test]
fn a_position_needs_both_coordinates_within_range() {
    for (lat, lon) in [
        ("59.3", ""),
        ("", "18.0"),
        ("90.1", "18"),
        ("-91", "18"),
        ("59", "180,5"),
        ("59", "-181"),
        ("NaN", "18"),
        ("inf", "18"),
        ("59,3,3", "18"),
        ("59.3°", "18"),
        ("1e1", "18"),
        ("norr", "öster"),
    ] {
        let form = ProposalForm {
            latitude: lat.into(),
            longitude: lon.into(),
            ..valid_form()
        };
        assert_eq!(
            issues_of(&form),
            one("latitude", Code::PositionInvalid),
            "{lat} {lon}"
        );
    }
    let edges = ProposalForm {
        latitude: "-90".into(),
        longitude: "180,0".into(),
        ..valid_form()
    };
    assert_eq!(
        parse_proposal(&edges, &rules()).unwrap().position,
        Some((-90.0, 180.0))
    );
}

#[test]
fn each_kind_of_bad_cost_has_its_own_code() {
    for (text, code) in [
        ("", Code::CostEmpty),
        ("gratis", Code::CostInvalid),
        ("100,50", Code::CostInvalid),
        ("0", Code::CostNotPositive),
        ("-100", Code::CostNotPositive),
    ] {
        let form = ProposalForm {
            cost: text.into(),
            ..valid_form()
        };
        assert_eq!(issues_of(&form), one("cost", code), "{text}");
    }
}

#[test]
fn a_proposal_may_cost_the_whole_budget_but_no_more() {
    let all = ProposalForm {
        cost: "500 000".into(),
        ..valid_form()
    };
    assert_eq!(parse_proposal(&all, &rules()).unwrap().cost, 500_000);
    for text in ["500 001", "99999999999999999999"] {
        let form = ProposalForm {
            cost: text.into(),
            ..valid_form()
        };
        assert_eq!(
            issues_of(&form),
            one("cost", Code::CostOverBudget),
            "{text}"
        );
    }
}

proptest! {
    #[test]
    fn parse_proposal_never_panics_on_arbitrary_text(
        texts in prop::collection::vec("\\PC{0,40}|-?[0-9]{1,3}[.,][0-9]{0,6}|[0-9 ]{0,12}", 7),
        max_cost in any::<i64>(),
        area_ids in prop::collection::vec(any::<i64>(), 0..4),
    ) {
        let [title, description, area_id, place, latitude, longitude, cost]: [String; 7] = texts.try_into().unwrap();
        let form = ProposalForm { title, description, area_id, place, latitude, longitude, cost };
        let rules = ProposalRules { max_cost, area_ids };
        match parse_proposal(&form, &rules) {
            Ok(proposal) => {
                prop_assert!(proposal.cost >= 1 && proposal.cost <= max_cost);
                prop_assert!(!proposal.title.is_empty() && proposal.title.chars().count() <= TITLE_MAX);
                prop_assert!(proposal.area_id.is_none_or(|id| rules.area_ids.contains(&id)));
                if let Some((lat, lon)) = proposal.position {
                    prop_assert!(lat.abs() <= 90.0 && lon.abs() <= 180.0);
                }
            }
            Err(issues) => prop_assert!(!issues.is_empty()),
        }
    }
}
