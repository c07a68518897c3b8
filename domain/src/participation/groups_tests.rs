use super::*;
use crate::Code;
use proptest::prelude::*;

fn every_group() -> Vec<Group> {
    Dimension::ALL
        .iter()
        .flat_map(|d| d.groups(&[3, 17]))
        .collect()
}

#[test]
fn group_keys_are_dimension_colon_value() {
    assert_eq!(Group::Gender(Gender::Woman).key(), "gender:woman");
    assert_eq!(Group::Age(AgeBand::From80).key(), "age:80+");
    assert_eq!(Group::Age(AgeBand::From12To15).key(), "age:12-15");
    assert_eq!(Group::Area(17).key(), "area:17");
    assert_eq!(Group::Born(Birthplace::Abroad).key(), "born:abroad");
    assert_eq!(
        Group::Education(Education::PostSecondaryShort).key(),
        "education:post_secondary_short"
    );
    assert_eq!(
        Group::Occupation(Occupation::Retired).key(),
        "occupation:retired"
    );
    assert_eq!(
        Group::Disability(Disability::Yes).to_string(),
        "disability:yes"
    );
}

#[test]
fn every_group_key_is_unique_and_reads_back_as_text_and_json() {
    let groups = every_group();
    let mut keys: Vec<String> = groups.iter().map(|g| g.key()).collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), groups.len());
    for group in groups {
        assert_eq!(group.key().parse::<Group>(), Ok(group));
        let json = serde_json::to_string(&group).unwrap();
        assert_eq!(json, format!("\"{}\"", group.key()));
        assert_eq!(serde_json::from_str::<Group>(&json).unwrap(), group);
        assert_eq!(Group::parse(group.dimension(), &group.value()), Ok(group));
    }
}

#[test]
fn unknown_group_keys_are_refused() {
    for key in [
        "",
        "gender",
        "gender:",
        "sex:woman",
        "age:0-15",
        "age:80",
        "area:x",
        "Gender:woman",
    ] {
        assert_eq!(
            key.parse::<Group>(),
            Err(ParseGroupError(key.to_owned())),
            "{key}"
        );
    }
    assert!(serde_json::from_str::<Group>("\"born:mars\"").is_err());
}

#[test]
fn each_question_offers_its_groups_in_form_order() {
    let count = |d: Dimension| d.groups(&[3, 17]).len();
    assert_eq!(count(Dimension::Gender), 3);
    assert_eq!(count(Dimension::Age), 7);
    assert_eq!(count(Dimension::Area), 2);
    assert_eq!(count(Dimension::Born), 2);
    assert_eq!(count(Dimension::Education), 4);
    assert_eq!(count(Dimension::Occupation), 5);
    assert_eq!(count(Dimension::Disability), 2);
    assert_eq!(
        Dimension::Area.groups(&[3, 17]),
        [Group::Area(3), Group::Area(17)]
    );
    for dimension in Dimension::ALL {
        assert!(
            dimension
                .groups(&[1])
                .iter()
                .all(|g| g.dimension() == dimension)
        );
    }
}

#[test]
fn groups_order_by_question_then_form_order() {
    let groups = every_group();
    let mut sorted = groups.clone();
    sorted.sort();
    assert_eq!(sorted, groups);
}

#[test]
fn ages_fall_in_their_bands_and_under_twelve_has_none() {
    let cases = [
        (0, None),
        (11, None),
        (12, Some(AgeBand::From12To15)),
        (15, Some(AgeBand::From12To15)),
        (16, Some(AgeBand::From16To19)),
        (19, Some(AgeBand::From16To19)),
        (20, Some(AgeBand::From20To29)),
        (29, Some(AgeBand::From20To29)),
        (30, Some(AgeBand::From30To44)),
        (44, Some(AgeBand::From30To44)),
        (45, Some(AgeBand::From45To64)),
        (64, Some(AgeBand::From45To64)),
        (65, Some(AgeBand::From65To79)),
        (79, Some(AgeBand::From65To79)),
        (80, Some(AgeBand::From80)),
        (104, Some(AgeBand::From80)),
    ];
    for (age, band) in cases {
        assert_eq!(AgeBand::of_age(age), band, "{age}");
    }
}

#[test]
fn the_field_of_each_question_is_its_name_except_the_area() {
    assert_eq!(Dimension::Area.field(), "area_id");
    assert_eq!(Dimension::Born.field(), "born");
    for dimension in Dimension::ALL {
        assert!(
            crate::issue::FIELDS.contains(&dimension.field()),
            "{dimension}"
        );
    }
}

#[test]
fn an_empty_form_is_every_question_skipped() {
    let answers = parse_answers(&AnswersForm::default(), &[1]).unwrap();
    assert_eq!(answers, Answers::default());
    assert_eq!(answers.groups(), []);
}

#[test]
fn skip_and_blank_answers_are_skipped_questions() {
    let form = AnswersForm {
        gender: "skip".into(),
        age: "   ".into(),
        area_id: " skip ".into(),
        born: "\t".into(),
        ..AnswersForm::default()
    };
    assert_eq!(parse_answers(&form, &[1]).unwrap(), Answers::default());
}

#[test]
fn a_full_form_is_parsed_with_its_answers_trimmed() {
    let form = AnswersForm {
        gender: " woman ".into(),
        age: "16-19".into(),
        area_id: " 17".into(),
        born: "abroad".into(),
        education: "upper_secondary".into(),
        occupation: "studying".into(),
        disability: "no".into(),
    };
    let answers = parse_answers(&form, &[3, 17]).unwrap();
    assert_eq!(
        answers,
        Answers {
            gender: Some(Gender::Woman),
            age: Some(AgeBand::From16To19),
            area_id: Some(17),
            born: Some(Birthplace::Abroad),
            education: Some(Education::UpperSecondary),
            occupation: Some(Occupation::Studying),
            disability: Some(Disability::No),
        }
    );
    assert_eq!(answers.groups().len(), 7);
    assert_eq!(answers.group(Dimension::Area), Some(Group::Area(17)));
}

#[test]
fn every_invalid_answer_is_reported_at_once_on_its_field() {
    let form = AnswersForm {
        gender: "female".into(),
        age: "0-15".into(),
        area_id: "99".into(),
        born: "Sweden".into(),
        education: "phd".into(),
        occupation: "boss".into(),
        disability: "maybe".into(),
    };
    let issues = parse_answers(&form, &[3, 17]).unwrap_err();
    let expected = [
        ("area_id", Code::AreaInvalid),
        ("gender", Code::ChoiceInvalid),
        ("age", Code::ChoiceInvalid),
        ("born", Code::ChoiceInvalid),
        ("education", Code::ChoiceInvalid),
        ("occupation", Code::ChoiceInvalid),
        ("disability", Code::ChoiceInvalid),
    ];
    let expected: Vec<FieldIssue> = expected
        .iter()
        .map(|&(f, c)| FieldIssue::new(f, c))
        .collect();
    assert_eq!(issues, expected);
}

#[test]
fn an_area_must_be_one_of_the_rounds_areas_by_id() {
    for text in ["x", "3.0", "-3", "4"] {
        let form = AnswersForm {
            area_id: text.into(),
            ..AnswersForm::default()
        };
        let issues = parse_answers(&form, &[3, 17]).unwrap_err();
        assert_eq!(
            issues,
            [FieldIssue::new("area_id", Code::AreaInvalid)],
            "{text}"
        );
    }
}

#[test]
fn scopes_serialize_in_snake_case() {
    assert_eq!(serde_json::to_string(&Scope::All).unwrap(), "\"all\"");
    assert_eq!(
        serde_json::to_string(&Scope::Area(4)).unwrap(),
        "{\"area\":4}"
    );
}

fn option_of<T: Copy + std::fmt::Debug + 'static>(
    all: &'static [T],
) -> impl Strategy<Value = Option<T>> {
    prop::option::of(prop::sample::select(all))
}

proptest! {
    #[test]
    fn answers_read_back_from_their_names(
        gender in option_of(&Gender::ALL),
        age in option_of(&AgeBand::ALL),
        area_id in prop::option::of(prop::sample::select(vec![3i64, 17])),
        born in option_of(&Birthplace::ALL),
        education in option_of(&Education::ALL),
        occupation in option_of(&Occupation::ALL),
        disability in option_of(&Disability::ALL),
        skip_word in prop::bool::ANY,
    ) {
        let answers = Answers { gender, age, area_id, born, education, occupation, disability };
        let skipped = if skip_word { "skip".to_owned() } else { String::new() };
        let text = |group: Option<Group>| group.map_or(skipped.clone(), |g| g.value().into_owned());
        let form = AnswersForm {
            gender: text(answers.group(Dimension::Gender)),
            age: text(answers.group(Dimension::Age)),
            area_id: text(answers.group(Dimension::Area)),
            born: text(answers.group(Dimension::Born)),
            education: text(answers.group(Dimension::Education)),
            occupation: text(answers.group(Dimension::Occupation)),
            disability: text(answers.group(Dimension::Disability)),
        };
        prop_assert_eq!(parse_answers(&form, &[3, 17]), Ok(answers));
    }

    #[test]
    fn any_text_gives_answers_or_issues_on_known_fields_without_panicking(
        texts in prop::collection::vec(".{0,12}", 7),
    ) {
        let form = AnswersForm {
            gender: texts[0].clone(),
            age: texts[1].clone(),
            area_id: texts[2].clone(),
            born: texts[3].clone(),
            education: texts[4].clone(),
            occupation: texts[5].clone(),
            disability: texts[6].clone(),
        };
        if let Err(issues) = parse_answers(&form, &[3, 17]) {
            prop_assert!(!issues.is_empty());
            for issue in issues {
                prop_assert!(crate::issue::FIELDS.contains(&issue.field));
                let _: crate::Code = issue.code;
            }
        }
    }
}
