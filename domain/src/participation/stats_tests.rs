use super::*;
use crate::participation::grid::Grid;
use crate::participation::suppression::tests::leaks;
use crate::participation::{AgeBand, Birthplace, Education, Gender, newly_under};
use proptest::prelude::*;

const AREAS: [i64; 3] = [1, 2, 3];

fn day(n: i64) -> Date {
    Date::from_ymd_opt(2027, 3, 1).unwrap() + chrono::Days::new(n as u64)
}

fn options() -> StatsOptions {
    StatsOptions::default()
}

/// SCB-like residents of a municipality of 8 880 aged 12 and over.
fn demo_baseline() -> Baseline {
    let mut baseline = Baseline::default();
    let ages = [500, 480, 1300, 1900, 2500, 1600, 600];
    for (band, count) in AgeBand::ALL.into_iter().zip(ages) {
        baseline.insert(Scope::All, Group::Age(band), count);
    }
    baseline.insert(Scope::All, Group::Born(Birthplace::Sweden), 7100);
    baseline.insert(Scope::All, Group::Born(Birthplace::Abroad), 1780);
    baseline.insert(Scope::All, Group::Gender(Gender::Woman), 4450);
    baseline.insert(Scope::All, Group::Gender(Gender::Man), 4430);
    for area in AREAS {
        baseline.insert(Scope::All, Group::Area(area), 2960);
    }
    baseline
}

/// 400 participants over 20 days: few under 30 (26) and few born abroad (24).
fn demo_participants() -> Vec<Participation> {
    let ages = [4, 6, 16, 100, 150, 94, 30];
    let bands = AgeBand::ALL
        .into_iter()
        .zip(ages)
        .flat_map(|(band, n)| vec![band; n]);
    bands
        .enumerate()
        .map(|(i, band)| Participation {
            date: day((i % 20) as i64),
            answers: Answers {
                age: Some(band),
                born: Some(if (i * 7) % 400 < 24 {
                    Birthplace::Abroad
                } else {
                    Birthplace::Sweden
                }),
                gender: Some(if (i * 13) % 400 < 210 {
                    Gender::Woman
                } else {
                    Gender::Man
                }),
                area_id: Some(AREAS[i % 3]),
                education: (i % 4 != 0).then_some(Education::UpperSecondary),
                ..Answers::default()
            },
        })
        .collect()
}

#[test]
fn skewed_demo_data_flags_exactly_the_young_and_those_born_abroad() {
    let stats = representativeness(&demo_participants(), &demo_baseline(), &AREAS, &options());
    assert_eq!(
        stats.under_represented(),
        [
            Group::Age(AgeBand::From12To15),
            Group::Age(AgeBand::From16To19),
            Group::Age(AgeBand::From20To29),
            Group::Born(Birthplace::Abroad),
        ]
    );
    let born = stats
        .figure(Scope::All, Slice::All, Dimension::Born)
        .unwrap();
    let abroad = born.groups[1];
    assert_eq!(abroad.count, Some(24));
    assert!((abroad.share.unwrap() - 0.06).abs() < 1e-12);
    assert!((abroad.population_share.unwrap() - 1780.0 / 8880.0).abs() < 1e-12);
    let (low, high) = abroad.ratio_interval.unwrap();
    assert!(low < abroad.ratio.unwrap() && abroad.ratio.unwrap() < high && high < 0.8);
    assert_eq!(stats.participants, Some(400));
}

#[test]
fn the_module_example_holds() {
    let areas = [(1, "centrum".to_string()), (2, "norr".to_string())];
    let csv = "area;dimension;group;count\nall;born;sweden;8000\nall;born;abroad;2000\n";
    let baseline = crate::participation::parse_baseline_csv(csv, &areas).unwrap();
    let form = crate::participation::AnswersForm {
        born: "sweden".into(),
        age: "skip".into(),
        ..Default::default()
    };
    let answers = crate::participation::parse_answers(&form, &[1, 2]).unwrap();
    assert_eq!(answers.age, None);
    let participants = vec![
        Participation {
            date: day(0),
            answers
        };
        60
    ];
    let stats = representativeness(&participants, &baseline, &[1, 2], &options());
    assert_eq!(stats.under_represented(), [Group::Born(Birthplace::Abroad)]);
    let born = stats
        .figure(Scope::All, Slice::All, Dimension::Born)
        .unwrap();
    assert_eq!(born.groups[1].count, None);
}

#[test]
fn the_notice_for_each_flagged_group_goes_out_once_during_the_round() {
    let participants = demo_participants();
    let mut previous = Vec::new();
    let mut notices = Vec::new();
    for last_day in [9, 14, 19, 19] {
        let so_far: Vec<Participation> = participants
            .iter()
            .copied()
            .filter(|p| p.date <= day(last_day))
            .collect();
        let flags =
            representativeness(&so_far, &demo_baseline(), &AREAS, &options()).under_represented();
        notices.extend(newly_under(&previous, &flags));
        previous = flags;
    }
    notices.sort();
    assert_eq!(
        notices,
        representativeness(&participants, &demo_baseline(), &AREAS, &options()).under_represented()
    );
}

#[test]
fn the_demo_dashboard_shows_most_counts() {
    let stats = representativeness(&demo_participants(), &demo_baseline(), &AREAS, &options());
    let age = stats
        .figure(Scope::All, Slice::All, Dimension::Age)
        .unwrap();
    let counts: Vec<Option<u64>> = age.groups.iter().map(|g| g.count).collect();
    // 4 is suppressed, and 6 with it: 400 − the rest would give the 4 away.
    assert_eq!(
        counts,
        [
            None,
            None,
            Some(16),
            Some(100),
            Some(150),
            Some(94),
            Some(30)
        ]
    );
    assert!(age.groups[..3].iter().all(|g| g.under_represented));
    assert_eq!(age.answered, Some(400));
    let women = stats
        .figure(Scope::All, Slice::Women, Dimension::Age)
        .unwrap();
    assert!(
        women.groups[3..].iter().all(|g| g.count.is_some()),
        "{women:?}"
    );
    assert_eq!(
        women.groups[3].population_share, None,
        "no baseline by gender"
    );
    assert!(!women.groups.iter().any(|g| g.under_represented));
}

#[test]
fn every_figure_is_made_once_and_split_by_gender_where_it_can_be() {
    let stats = representativeness(&demo_participants(), &demo_baseline(), &AREAS, &options());
    // gender: 4 scopes unsplit; area: whole municipality × 3 slices;
    // five other questions × 4 scopes × 3 slices.
    assert_eq!(stats.figures.len(), 4 + 3 + 5 * 4 * 3);
    assert!(
        stats
            .figure(Scope::All, Slice::Women, Dimension::Gender)
            .is_none()
    );
    assert!(
        stats
            .figure(Scope::Area(1), Slice::All, Dimension::Area)
            .is_none()
    );
    let split = stats.by_gender(Scope::Area(2), Dimension::Born);
    assert!(split.women.is_some() && split.men.is_some() && split.all.is_some());
    assert_eq!(split.get(Slice::Men).unwrap().slice, Slice::Men);
}

#[test]
fn shown_counts_are_the_true_counts_of_each_slice() {
    let participants = demo_participants();
    let stats = representativeness(&participants, &demo_baseline(), &AREAS, &options());
    let raw = split_by_gender(&participants, |chosen| {
        Birthplace::ALL.map(|b| chosen.iter().filter(|p| p.answers.born == Some(b)).count() as u64)
    });
    for slice in Slice::ALL {
        let figure = stats.figure(Scope::All, slice, Dimension::Born).unwrap();
        for (group, &count) in figure.groups.iter().zip(raw.get(slice)) {
            assert!(
                group.count.is_none_or(|shown| shown == count),
                "{slice} {group:?}"
            );
        }
    }
    assert_eq!(
        raw.women.iter().sum::<u64>() + raw.men.iter().sum::<u64>(),
        400
    );
}

#[test]
fn the_trend_rises_day_by_day_and_ends_at_the_figure() {
    let stats = representativeness(&demo_participants(), &demo_baseline(), &AREAS, &options());
    assert_eq!(stats.days.len(), 20);
    assert_eq!(stats.days[0], day(0));
    let everyone = stats.series(Slice::All, None, None).unwrap();
    assert_eq!(
        everyone.cumulative,
        (1..=20).map(|d| Some(20 * d)).collect::<Vec<_>>()
    );
    for series in &stats.trend {
        assert_eq!(series.cumulative.len(), 20);
        let shown: Vec<u64> = series.cumulative.iter().flatten().copied().collect();
        assert!(shown.windows(2).all(|w| w[1] - w[0] >= 5), "{series:?}");
    }
    let older = Some(Group::Age(AgeBand::From45To64));
    let series = stats
        .series(Slice::All, Some(Dimension::Age), older)
        .unwrap();
    assert_eq!(series.cumulative[19], Some(150));
    let women = stats
        .series(Slice::Women, Some(Dimension::Area), Some(Group::Area(2)))
        .unwrap();
    assert!(women.cumulative.iter().flatten().count() > 0);
}

#[test]
fn no_participants_show_nothing_and_flag_nothing() {
    let stats = representativeness(&[], &demo_baseline(), &AREAS, &options());
    assert_eq!(stats.participants, None);
    assert!(stats.days.is_empty());
    assert!(stats.trend.iter().all(|s| s.cumulative.is_empty()));
    assert!(stats.figures.iter().all(|f| f.answered.is_none()));
    assert!(stats.under_represented().is_empty());
}

#[test]
fn no_share_is_shown_when_the_number_who_answered_is_hidden() {
    // 4 answered education in area 1: the total is small, so all is hidden.
    let participants: Vec<Participation> = (0..30)
        .map(|i| Participation {
            date: day(0),
            answers: Answers {
                area_id: Some(1),
                education: (i < 4).then_some(Education::Compulsory),
                ..Answers::default()
            },
        })
        .collect();
    let stats = representativeness(&participants, &Baseline::default(), &AREAS, &options());
    let figure = stats
        .figure(Scope::Area(1), Slice::All, Dimension::Education)
        .unwrap();
    assert_eq!(figure.answered, None);
    assert!(
        figure
            .groups
            .iter()
            .all(|g| g.suppressed && g.share.is_none())
    );
}

#[test]
fn an_area_is_compared_with_its_own_residents() {
    let mut baseline = Baseline::default();
    baseline.insert(Scope::Area(1), Group::Born(Birthplace::Abroad), 500);
    baseline.insert(Scope::Area(1), Group::Born(Birthplace::Sweden), 500);
    // Area 1: 10 of 100 born abroad; areas 2 and 3: 8 and 6 of 50.
    let participants: Vec<Participation> = [(1, 10, 100), (2, 8, 50), (3, 6, 50)]
        .into_iter()
        .flat_map(|(area, abroad, all)| {
            (0..all).map(move |i| Participation {
                date: day(0),
                answers: Answers {
                    area_id: Some(area),
                    born: Some(if i < abroad {
                        Birthplace::Abroad
                    } else {
                        Birthplace::Sweden
                    }),
                    ..Answers::default()
                },
            })
        })
        .collect();
    let stats = representativeness(&participants, &baseline, &AREAS, &options());
    let area = stats
        .figure(Scope::Area(1), Slice::All, Dimension::Born)
        .unwrap();
    assert_eq!(area.groups[1].population_share, Some(0.5));
    assert!((area.groups[1].ratio.unwrap() - 0.2).abs() < 1e-12);
    assert!(area.groups[1].under_represented);
    // The municipality sums its areas' baseline here.
    let all = stats
        .figure(Scope::All, Slice::All, Dimension::Born)
        .unwrap();
    assert_eq!(all.groups[1].population_share, Some(0.5));
    assert_eq!(stats.under_represented(), [Group::Born(Birthplace::Abroad)]);
}

#[test]
fn a_group_without_a_baseline_has_counts_but_no_ratio_or_flag() {
    let participants = demo_participants();
    let stats = representativeness(&participants, &Baseline::default(), &AREAS, &options());
    let figure = stats
        .figure(Scope::All, Slice::All, Dimension::Born)
        .unwrap();
    assert_eq!(figure.groups[0].count, Some(376));
    assert!(figure.groups[0].share_interval.is_some());
    assert!(
        figure
            .groups
            .iter()
            .all(|g| g.ratio.is_none() && !g.under_represented)
    );
}

#[test]
fn representativeness_reads_back_from_json() {
    let stats = representativeness(&demo_participants(), &demo_baseline(), &AREAS, &options());
    let json = serde_json::to_string(&stats).unwrap();
    let back: Representativeness = serde_json::from_str(&json).unwrap();
    assert_eq!(back.under_represented(), stats.under_represented());
    assert_eq!(back.figures.len(), stats.figures.len());
}

/// Participants of a scope and slice in a group, counted plainly.
fn true_count(participants: &[Participation], scope: Scope, slice: Slice, group: Group) -> u64 {
    let in_scope = |p: &&Participation| match scope {
        Scope::All => true,
        Scope::Area(id) => p.answers.area_id == Some(id),
    };
    let in_slice = |p: &&Participation| match slice {
        Slice::All => true,
        Slice::Women => p.answers.gender == Some(Gender::Woman),
        Slice::Men => p.answers.gender == Some(Gender::Man),
    };
    let chosen = participants.iter().filter(in_scope).filter(in_slice);
    chosen
        .filter(|p| p.answers.group(group.dimension()) == Some(group))
        .count() as u64
}

fn answers() -> impl Strategy<Value = (i64, Answers)> {
    let pick = |n: usize| prop::option::weighted(0.8, 0..n);
    (
        0i64..4,
        prop::option::weighted(0.8, 0..3usize),
        pick(3),
        pick(7),
        pick(2),
        pick(4),
    )
        .prop_map(|(date, area, gender, age, born, education)| {
            let answers = Answers {
                area_id: area.map(|a| AREAS[a]),
                gender: gender.map(|g| Gender::ALL[g]),
                age: age.map(|a| AgeBand::ALL[a]),
                born: born.map(|b| Birthplace::ALL[b]),
                education: education.map(|e| Education::ALL[e]),
                ..Answers::default()
            };
            (date, answers)
        })
}

fn participants() -> impl Strategy<Value = Vec<Participation>> {
    prop::collection::vec(answers(), 0..90).prop_map(|all| {
        all.into_iter()
            .map(|(d, answers)| Participation {
                date: day(d),
                answers,
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn no_figure_shows_or_lets_one_derive_a_count_below_the_threshold(
        participants in participants(),
        min_count in 1u64..7,
        show_zeros in any::<bool>(),
    ) {
        let options = StatsOptions { min_count, show_zeros, ..StatsOptions::default() };
        let stats = representativeness(&participants, &demo_baseline(), &AREAS, &options);
        let small = |count: &Option<u64>| {
            count.is_some_and(|c| c < min_count && !(show_zeros && c == 0))
        };
        prop_assert!(!small(&stats.participants));
        for figure in &stats.figures {
            prop_assert!(!small(&figure.answered));
            // One hidden group beside a shown total is derivable, so it
            // may only be a large one hidden for another figure's sake.
            let mut hidden = figure.groups.iter().filter(|g| g.count.is_none());
            if let (Some(_), Some(only), None) = (figure.answered, hidden.next(), hidden.next()) {
                let count = true_count(&participants, figure.scope, figure.slice, only.group);
                prop_assert!(count >= min_count || (show_zeros && count == 0), "{:?}", figure);
            }
            for group in &figure.groups {
                prop_assert!(!small(&group.count));
                let count = true_count(&participants, figure.scope, figure.slice, group.group);
                prop_assert!(group.count.is_none_or(|shown| shown == count));
                prop_assert_eq!(group.suppressed, group.count.is_none());
                if group.count.is_none() || figure.answered.is_none() {
                    prop_assert!(group.share.is_none() && group.ratio.is_none());
                }
                if let (Some(share), Some((low, high))) = (group.share, group.share_interval) {
                    prop_assert!(low <= share && share <= high);
                }
                if let (Some(ratio), Some((low, high))) = (group.ratio, group.ratio_interval) {
                    prop_assert!(low <= ratio && ratio <= high);
                }
            }
        }
        for series in &stats.trend {
            prop_assert!(!series.cumulative.iter().any(small));
        }
        let grid = Grid::new(&participants, &AREAS);
        let suppression = grid.table.suppress(min_count, show_zeros);
        prop_assert_eq!(leaks(&grid.table, &suppression, min_count, show_zeros), Vec::<usize>::new());
    }

    #[test]
    fn a_perfectly_representative_sample_has_ratios_of_one(
        residents in prop::collection::vec(1u64..400, 7),
        per_resident in 1u64..4,
    ) {
        let mut baseline = Baseline::default();
        let mut participants = Vec::new();
        for (band, &count) in AgeBand::ALL.iter().zip(&residents) {
            baseline.insert(Scope::All, Group::Age(*band), count * 10);
            let answers = Answers { age: Some(*band), ..Answers::default() };
            let n = count * per_resident;
            participants.extend((0..n).map(|_| Participation { date: day(0), answers }));
        }
        let stats = representativeness(&participants, &baseline, &AREAS, &options());
        let figure = stats.figure(Scope::All, Slice::All, Dimension::Age).unwrap();
        for group in &figure.groups {
            prop_assert!(!group.under_represented);
            if let Some(ratio) = group.ratio {
                prop_assert!((ratio - 1.0).abs() < 1e-9);
                let (low, high) = group.ratio_interval.unwrap();
                prop_assert!(low <= 1.0 && 1.0 <= high);
            }
        }
        prop_assert!(stats.under_represented().is_empty());
    }
}
