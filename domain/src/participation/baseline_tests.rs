use super::*;
use crate::Code;
use crate::participation::{AgeBand, Birthplace, Gender};
use proptest::prelude::*;

fn areas() -> Vec<(i64, String)> {
    vec![
        (1, "centrum".into()),
        (2, "norra-berget".into()),
        (3, "Sörby".into()),
    ]
}

fn errors_of(csv: &str) -> Vec<(usize, Code, String)> {
    let errors = parse_baseline_csv(csv, &areas()).unwrap_err();
    errors
        .into_iter()
        .map(|e| (e.line, e.code, e.value))
        .collect()
}

fn error(line: usize, code: Code, value: &str) -> (usize, Code, String) {
    (line, code, value.to_owned())
}

const YOUNG: Group = Group::Age(AgeBand::From16To19);
const ABROAD: Group = Group::Born(Birthplace::Abroad);

#[test]
fn a_semicolon_csv_is_read_for_the_municipality_and_its_areas() {
    let csv = "area;dimension;group;count\n\
               all;age;16-19;540\n\
               all;born;abroad;2 310\n\
               centrum;age;16-19;120\n\
               all;area;norra-berget;4100\n";
    let baseline = parse_baseline_csv(csv, &areas()).unwrap();
    assert_eq!(baseline.count(Scope::All, YOUNG), Some(540));
    assert_eq!(baseline.count(Scope::All, ABROAD), Some(2310));
    assert_eq!(baseline.count(Scope::Area(1), YOUNG), Some(120));
    assert_eq!(baseline.count(Scope::All, Group::Area(2)), Some(4100));
    assert_eq!(baseline.count(Scope::Area(2), YOUNG), None);
    assert_eq!(baseline.counts().count(), 4);
}

#[test]
fn commas_quotes_a_byte_order_mark_and_windows_line_ends_are_accepted() {
    let csv = "\u{feff}Area,Dimension,Group,Count\r\n\
               \"all\",\"born\",\"abroad\",\"1 200\"\r\n\
               \r\n\
               ALL , Gender , Woman , 3400\r\n\
               sörby,age,16–19,88\r\n";
    let baseline = parse_baseline_csv(csv, &areas()).unwrap();
    assert_eq!(baseline.count(Scope::All, ABROAD), Some(1200));
    assert_eq!(
        baseline.count(Scope::All, Group::Gender(Gender::Woman)),
        Some(3400)
    );
    assert_eq!(baseline.count(Scope::Area(3), YOUNG), Some(88));
}

#[test]
fn a_quoted_field_may_hold_the_separator_and_doubled_quotes() {
    let areas = vec![(5, "a;b \"c\"".to_string())];
    let csv = "area;dimension;group;count\n\"a;b \"\"c\"\"\" ;age;80+;7\n";
    let baseline = parse_baseline_csv(csv, &areas).unwrap();
    assert_eq!(
        baseline.count(Scope::Area(5), Group::Age(AgeBand::From80)),
        Some(7)
    );
}

#[test]
fn an_empty_count_is_unknown_and_left_out() {
    let csv = "area;dimension;group;count\nall;disability;yes;\nall;disability;no;900\n";
    let baseline = parse_baseline_csv(csv, &areas()).unwrap();
    assert_eq!(baseline.counts().count(), 1);
    assert_eq!(
        baseline.count(
            Scope::All,
            Group::Disability(crate::participation::Disability::Yes)
        ),
        None
    );
}

#[test]
fn an_empty_file_or_a_header_alone_is_empty() {
    assert_eq!(errors_of(""), [error(1, Code::BaselineEmpty, "")]);
    assert_eq!(errors_of("\n \n"), [error(1, Code::BaselineEmpty, "")]);
    assert_eq!(
        errors_of("\narea;dimension;group;count\n"),
        [error(2, Code::BaselineEmpty, "")]
    );
}

#[test]
fn a_wrong_header_is_the_only_error_reported() {
    let csv = "område;dimension;grupp;antal\nall;age;x;y\n";
    assert_eq!(
        errors_of(csv),
        [error(
            1,
            Code::BaselineHeader,
            "område;dimension;grupp;antal"
        )]
    );
    assert_eq!(
        errors_of("area;dimension;group\n")[0].1,
        Code::BaselineHeader
    );
    assert_eq!(
        errors_of("\"area;dimension;group;count\n")[0].1,
        Code::BaselineHeader
    );
}

#[test]
fn every_bad_line_is_reported_at_once_with_its_number_and_text() {
    let csv = "area;dimension;group;count\n\
               all;age;16-19;540\n\
               söder;age;16-19;10\n\
               all;kön;kvinna;10\n\
               all;age;0-15;10\n\
               all;born;abroad;-3\n\
               all;born;abroad;12.5\n\
               all;age;16-19;541\n\
               centrum;area;centrum;100\n\
               all;age;16-19\n\
               all;age;\"16-19;5\n\
               all;a\"ge;16-19;5\n\
               all;age;20-29;1 23\n\
               all;age;30-44;99999999999999999999999\n";
    assert_eq!(
        errors_of(csv),
        [
            error(3, Code::BaselineAreaUnknown, "söder"),
            error(4, Code::BaselineDimensionUnknown, "kön"),
            error(5, Code::BaselineGroupUnknown, "0-15"),
            error(6, Code::BaselineCountInvalid, "-3"),
            error(7, Code::BaselineCountInvalid, "12.5"),
            error(8, Code::BaselineDuplicate, "all;age;16-19"),
            error(9, Code::BaselineAreaScope, "centrum"),
            error(10, Code::BaselineColumns, "all;age;16-19"),
            error(11, Code::BaselineQuote, "all;age;\"16-19;5"),
            error(12, Code::BaselineQuote, "all;a\"ge;16-19;5"),
            error(13, Code::BaselineCountInvalid, "1 23"),
            error(14, Code::BaselineCountInvalid, "99999999999999999999999"),
        ]
    );
}

#[test]
fn one_line_can_have_several_problems() {
    let csv = "area;dimension;group;count\nsöder;born;mars;many\n";
    assert_eq!(
        errors_of(csv),
        [
            error(2, Code::BaselineAreaUnknown, "söder"),
            error(2, Code::BaselineGroupUnknown, "mars"),
            error(2, Code::BaselineCountInvalid, "many"),
        ]
    );
}

#[test]
fn an_unknown_area_slug_as_a_group_is_an_unknown_group() {
    let csv = "area;dimension;group;count\nall;area;söder;100\n";
    assert_eq!(
        errors_of(csv),
        [error(2, Code::BaselineGroupUnknown, "söder")]
    );
}

#[test]
fn hand_entered_rows_are_numbered_from_one() {
    let row = |area: &str, dimension: &str, group: &str, count: &str| BaselineRow {
        area: area.into(),
        dimension: dimension.into(),
        group: group.into(),
        count: count.into(),
    };
    let rows = [
        row("all", "born", "abroad", "2000"),
        row("all", "born", "sweden", ""),
        row("norra-berget", "born", "abroad", "x"),
    ];
    let errors = parse_baseline_rows(&rows, &areas()).unwrap_err();
    assert_eq!(
        errors,
        [BaselineLineError::new(3, Code::BaselineCountInvalid, "x")]
    );
    let baseline = parse_baseline_rows(&rows[..2], &areas()).unwrap();
    assert_eq!(baseline.count(Scope::All, ABROAD), Some(2000));
    assert_eq!(baseline.counts().count(), 1);
}

#[test]
fn the_municipality_sums_its_areas_when_given_only_per_area() {
    let mut baseline = Baseline::default();
    baseline.insert(Scope::Area(1), ABROAD, 300);
    baseline.insert(Scope::Area(2), ABROAD, 200);
    baseline.insert(Scope::Area(1), Group::Born(Birthplace::Sweden), 700);
    assert_eq!(baseline.count(Scope::All, ABROAD), Some(500));
    assert_eq!(
        baseline.total(Scope::All, crate::participation::Dimension::Born),
        Some(1200)
    );
    // Once the municipality has its own counts, they are used as given.
    baseline.insert(Scope::All, Group::Born(Birthplace::Sweden), 9000);
    assert_eq!(baseline.count(Scope::All, ABROAD), None);
}

#[test]
fn shares_are_over_the_counted_groups_of_the_question() {
    let mut baseline = Baseline::default();
    baseline.insert(Scope::All, ABROAD, 250);
    baseline.insert(Scope::All, Group::Born(Birthplace::Sweden), 750);
    baseline.insert(Scope::All, YOUNG, 0);
    assert_eq!(baseline.share(Scope::All, ABROAD), Some(0.25));
    assert_eq!(baseline.share(Scope::All, YOUNG), None, "no one counted");
    assert_eq!(baseline.share(Scope::Area(1), ABROAD), None);
    assert_eq!(
        baseline.total(Scope::All, crate::participation::Dimension::Gender),
        None
    );
}

#[test]
fn the_template_lists_every_group_of_every_scope_and_reads_back() {
    let template = baseline_csv(&Baseline::default(), &areas());
    let lines: Vec<&str> = template.lines().collect();
    assert_eq!(lines[0], "area;dimension;group;count");
    // all: 3+7+3+2+4+5+2 groups; each of 3 areas: the same without `area`.
    assert_eq!(lines.len(), 1 + 26 + 3 * 23);
    assert!(lines.contains(&"all;area;Sörby;"));
    assert!(lines.contains(&"norra-berget;age;80+;"));
    assert_eq!(
        parse_baseline_csv(&template, &areas()),
        Ok(Baseline::default())
    );
}

#[test]
fn a_baseline_line_error_reads_back_from_json_only_with_a_known_code() {
    let error = BaselineLineError::new(4, Code::BaselineDuplicate, " all;age;16-19 ");
    let json = serde_json::to_string(&error).unwrap();
    assert_eq!(
        json,
        r#"{"line":4,"code":"baseline_duplicate","value":"all;age;16-19"}"#
    );
    assert_eq!(
        serde_json::from_str::<BaselineLineError>(&json).unwrap(),
        error
    );
    let unknown = r#"{"line":4,"code":"nope","value":""}"#;
    assert!(serde_json::from_str::<BaselineLineError>(unknown).is_err());
}

#[test]
fn a_baseline_round_trips_through_json() {
    let mut baseline = Baseline::default();
    baseline.insert(Scope::All, YOUNG, 5);
    baseline.insert(Scope::Area(2), ABROAD, 7);
    let json = serde_json::to_string(&baseline).unwrap();
    assert_eq!(serde_json::from_str::<Baseline>(&json).unwrap(), baseline);
}

#[test]
fn hand_entered_counts_replace_only_their_scope() {
    let mut before = Baseline::default();
    before.insert(Scope::All, YOUNG, 5);
    before.insert(Scope::Area(2), ABROAD, 7);
    before.insert(Scope::Area(2), YOUNG, 9);
    let groups = scope_groups(Scope::Area(2), &[1, 2, 3]);
    assert_eq!(groups.len(), 23, "no area question within an area");
    assert!(!groups.iter().any(|g| matches!(g, Group::Area(_))));
    let typed = |g: Group| {
        if g == ABROAD {
            "1 250".to_owned()
        } else {
            String::new()
        }
    };
    let after = with_scope_typed(&before, Scope::Area(2), &areas(), typed).unwrap();
    assert_eq!(after.count(Scope::Area(2), ABROAD), Some(1250));
    assert_eq!(after.count(Scope::Area(2), YOUNG), None, "emptied");
    assert_eq!(after.count(Scope::All, YOUNG), Some(5), "other scopes kept");
    assert_eq!(after.counts().count(), 2);
}

#[test]
fn hand_entered_counts_name_each_bad_position() {
    let groups = scope_groups(Scope::All, &[1, 2, 3]);
    assert_eq!(groups.len(), 26);
    assert!(groups.contains(&Group::Area(3)));
    let at = |i: usize| groups[i];
    let typed = |g: Group| match g {
        g if g == at(0) => "12".to_owned(),
        g if g == at(4) => "tolv".to_owned(),
        g if g == at(25) => "-3".to_owned(),
        _ => String::new(),
    };
    let errors = with_scope_typed(&Baseline::default(), Scope::All, &areas(), typed).unwrap_err();
    let found: Vec<(usize, Code, &str)> = errors
        .iter()
        .map(|e| (e.line, e.code, e.value.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (5, Code::BaselineCountInvalid, "tolv"),
            (26, Code::BaselineCountInvalid, "-3")
        ]
    );
}

#[test]
fn every_area_group_is_typed_by_hand_and_reads_back_through_csv() {
    let groups = scope_groups(Scope::All, &[1, 2, 3]);
    let typed = |g: Group| (groups.iter().position(|&x| x == g).unwrap() * 10).to_string();
    let baseline = with_scope_typed(&Baseline::default(), Scope::All, &areas(), typed).unwrap();
    for (i, group) in groups.iter().enumerate() {
        assert_eq!(baseline.count(Scope::All, *group), Some(i as u64 * 10));
    }
    let csv = baseline_csv(&baseline, &areas());
    assert_eq!(parse_baseline_csv(&csv, &areas()), Ok(baseline));
}

fn scope() -> impl Strategy<Value = Scope> {
    prop_oneof![Just(Scope::All), (1i64..=3).prop_map(Scope::Area)]
}

fn group() -> impl Strategy<Value = Group> {
    let groups: Vec<Group> = crate::participation::Dimension::ALL
        .iter()
        .flat_map(|d| d.groups(&[1, 2, 3]))
        .collect();
    prop::sample::select(groups)
}

proptest! {
    #[test]
    fn any_baseline_reads_back_from_its_csv(
        counts in prop::collection::vec((scope(), group(), 0u64..20_000_000), 0..40),
    ) {
        let mut baseline = Baseline::default();
        for (scope, group, count) in counts {
            if !(matches!(group, Group::Area(_)) && scope != Scope::All) {
                baseline.insert(scope, group, count);
            }
        }
        let csv = baseline_csv(&baseline, &areas());
        prop_assert_eq!(parse_baseline_csv(&csv, &areas()), Ok(baseline.clone()));
        let commas = csv.replace(';', ",");
        prop_assert_eq!(parse_baseline_csv(&commas, &areas()), Ok(baseline));
    }

    #[test]
    fn counts_read_with_or_without_thousands_spaces(count in any::<u64>(), space in prop::sample::select(vec![" ", "\u{a0}", "\u{202f}"])) {
        let digits = count.to_string();
        let mut grouped = String::new();
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push_str(space);
            }
            grouped.push(digit);
        }
        prop_assert_eq!(parse_count(&digits), Ok(Some(count)));
        prop_assert_eq!(parse_count(&grouped), Ok(Some(count)));
    }

    #[test]
    fn any_text_gives_a_baseline_or_numbered_errors_without_panicking(text in "(.{0,30}\n){0,6}") {
        let csv = format!("area;dimension;group;count\n{text}");
        if let Err(errors) = parse_baseline_csv(&csv, &areas()) {
            let lines = csv.split('\n').count();
            for error in errors {
                prop_assert!(error.line >= 1 && error.line <= lines);
                prop_assert!(error.code.as_str().starts_with("baseline_"));
            }
        }
    }
}
