use super::*;
use crate::Code;
use crate::participation::stats::Slice;
use crate::participation::{
    AgeBand, Answers, Baseline, Birthplace, Dimension, Participation, Scope, StatsOptions,
    representativeness,
};

const YOUNG: Group = Group::Age(AgeBand::From16To19);
const ABROAD: Group = Group::Born(Birthplace::Abroad);

fn form(organisation: &str, groups: &[&str]) -> PartnerForm {
    PartnerForm {
        organisation: organisation.to_owned(),
        groups: groups
            .iter()
            .enumerate()
            .map(|(i, g)| (i.to_string(), (*g).to_owned()))
            .collect(),
    }
}

fn codes(result: Result<Partner, Vec<FieldIssue>>) -> Vec<(&'static str, Code)> {
    result
        .unwrap_err()
        .iter()
        .map(|i| (i.field, i.code))
        .collect()
}

#[test]
fn a_partner_names_its_organisation_and_groups_each_once_in_order() {
    let partner = parse_partner(
        &form(
            " Somaliska föreningen ",
            &["born:abroad", "age:16-19", "born:abroad", ""],
        ),
        &[1, 2],
    )
    .unwrap();
    assert_eq!(partner.organisation, "Somaliska föreningen");
    assert_eq!(partner.groups, [YOUNG, ABROAD]);
    assert_eq!(groups_text(&partner.groups), "age:16-19,born:abroad");
    assert_eq!(parse_groups_text("age:16-19, born:abroad"), partner.groups);
}

#[test]
fn a_partner_without_name_or_groups_is_refused_at_each_field() {
    assert_eq!(
        codes(parse_partner(&form("  ", &[]), &[1])),
        [
            ("organisation", Code::OrganisationEmpty),
            ("groups", Code::GroupsEmpty)
        ]
    );
    let long = "x".repeat(ORGANISATION_MAX + 1);
    assert_eq!(
        codes(parse_partner(&form(&long, &["age:16-19"]), &[1])),
        [("organisation", Code::OrganisationTooLong)]
    );
    assert_eq!(
        codes(parse_partner(&form("Förening", &["age:0-5"]), &[1])),
        [("groups", Code::ChoiceInvalid)]
    );
    assert_eq!(
        codes(parse_partner(&form("Förening", &["area:9"]), &[1])),
        [("groups", Code::ChoiceInvalid)],
        "an area that does not exist"
    );
    assert!(parse_partner(&form("Förening", &["area:1"]), &[1]).is_ok());
}

#[test]
fn stored_groups_that_no_longer_exist_are_left_out() {
    assert_eq!(parse_groups_text(""), []);
    assert_eq!(
        parse_groups_text("age:16-19,nothing:here,age:16-19"),
        [YOUNG]
    );
}

#[test]
fn a_partner_aims_at_its_groups_or_everyone() {
    assert_eq!(partner_may_aim(&[YOUNG], Some(YOUNG)), Ok(()));
    assert_eq!(partner_may_aim(&[YOUNG], None), Ok(()));
    assert_eq!(
        partner_may_aim(&[YOUNG], Some(ABROAD)),
        Err(FieldIssue::new("group", Code::GroupNotPartner))
    );
}

/// 30 participants: 20 born in Sweden aged 45–64, 10 born abroad aged 16–19, on two days.
fn stats() -> Representativeness {
    let day = |n: u64| chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap() + chrono::Days::new(n);
    let person = |i: usize| Participation {
        date: day((i % 2) as u64),
        answers: Answers {
            age: Some(if i < 10 {
                AgeBand::From16To19
            } else {
                AgeBand::From45To64
            }),
            born: Some(if i < 10 {
                Birthplace::Abroad
            } else {
                Birthplace::Sweden
            }),
            ..Answers::default()
        },
    };
    let participants: Vec<Participation> = (0..30).map(person).collect();
    let mut baseline = Baseline::default();
    baseline.insert(Scope::All, ABROAD, 500);
    baseline.insert(Scope::All, Group::Born(Birthplace::Sweden), 500);
    representativeness(&participants, &baseline, &[1], &StatsOptions::default())
}

#[test]
fn a_partner_sees_its_groups_and_nothing_more() {
    let all = stats();
    let seen = for_partner(&all, &[ABROAD]);
    assert_eq!(seen.participants, None, "not the number of participants");
    assert!(
        seen.figures.iter().all(|f| f.answered.is_none()),
        "nor who answered"
    );
    let shown: Vec<Group> = seen
        .figures
        .iter()
        .flat_map(|f| f.groups.iter().map(|g| g.group))
        .collect();
    assert!(!shown.is_empty());
    assert!(shown.iter().all(|&g| g == ABROAD), "{shown:?}");
    assert!(seen.figures.iter().all(|f| f.dimension == Dimension::Born));
    let theirs = seen
        .figure(Scope::All, Slice::All, Dimension::Born)
        .unwrap();
    let everyones = all.figure(Scope::All, Slice::All, Dimension::Born).unwrap();
    let abroad = everyones.groups.iter().find(|g| g.group == ABROAD).unwrap();
    assert_eq!(theirs.groups, [*abroad], "the same figure as staff see");
    assert!(everyones.answered.is_some());
    assert_eq!(abroad.count, Some(10));
    assert!(seen.trend.iter().all(|s| s.group == Some(ABROAD)));
    assert!(!seen.trend.is_empty());
    assert_eq!(
        seen.under_represented(),
        all.under_represented()
            .into_iter()
            .filter(|&g| g == ABROAD)
            .collect::<Vec<_>>()
    );
}

#[test]
fn a_partner_of_groups_nobody_answered_sees_no_figures() {
    let seen = for_partner(&stats(), &[Group::Area(7)]);
    assert!(seen.figures.is_empty());
    assert!(seen.trend.is_empty());
}
