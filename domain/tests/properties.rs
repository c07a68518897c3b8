//! Properties that must hold for every election, not just the reference ones:
//! budgets are respected, voters' names and order do not matter, a project
//! everybody wants is funded, and Pabulib files survive a write and a read.

use domain::money::Money;
use domain::pabulib::{PbFile, PbProject, PbVote, VoteType, read_pabulib, write_pabulib};
use domain::tally::{Completion, Rule, TallyOptions, tally_file};
use num_rational::Rational64;
use proptest::prelude::*;

/// A random approval election: costs, a budget and ballots as project lists.
fn approval_election() -> impl Strategy<Value = PbFile> {
    (1usize..8).prop_flat_map(|n| {
        (
            prop::collection::vec(1u64..100, n),
            1u64..300,
            prop::collection::vec(prop::collection::btree_set(0..n as u32, 0..=n), 0..30),
        )
            .prop_map(|(costs, budget, ballots)| election(&costs, budget, ballots))
    })
}

fn election(costs: &[u64], budget: u64, ballots: Vec<std::collections::BTreeSet<u32>>) -> PbFile {
    let projects = costs
        .iter()
        .enumerate()
        .map(|(i, &c)| PbProject {
            id: format!("p{i}"),
            cost: Money::from_integer(c),
            fields: vec![],
        })
        .collect();
    let votes = ballots
        .into_iter()
        .enumerate()
        .map(|(i, b)| PbVote {
            voter_id: format!("v{i}"),
            projects: b.into_iter().collect(),
            points: None,
            fields: vec![],
        })
        .collect();
    PbFile {
        meta: vec![
            ("budget".into(), budget.to_string()),
            ("vote_type".into(), "approval".into()),
        ],
        budget: Money::from_integer(budget),
        vote_type: VoteType::Approval,
        project_columns: vec![],
        projects,
        vote_columns: vec![],
        votes,
    }
}

fn all_options() -> Vec<TallyOptions> {
    let mut options = vec![
        TallyOptions::new(Rule::Greedy),
        TallyOptions::new(Rule::GreedyPerCost),
    ];
    options.push(TallyOptions::new(Rule::Phragmen));
    options.extend(Completion::ALL.map(|c| TallyOptions::new(Rule::Mes).with_completion(c)));
    options
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn no_rule_ever_spends_more_than_the_budget(file in approval_election()) {
        for options in all_options() {
            let report = tally_file(&file, &options).unwrap();
            prop_assert!(report.cost <= report.budget, "{:?} spent {} of {}", options, report.cost, report.budget);
        }
    }

    #[test]
    fn greedy_fills_the_budget_until_nothing_else_fits(file in approval_election()) {
        let report = tally_file(&file, &TallyOptions::new(Rule::Greedy)).unwrap();
        let left = report.budget.checked_sub(&report.cost).unwrap();
        for project in report.projects.iter().filter(|p| !p.selected) {
            prop_assert!(project.cost > left);
        }
    }

    #[test]
    fn equal_shares_does_not_depend_on_the_order_or_names_of_voters(file in approval_election(), seed in any::<u64>()) {
        let mut shuffled = file.clone();
        let mut state = seed;
        for i in (1..shuffled.votes.len()).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.votes.swap(i, (state >> 33) as usize % (i + 1));
        }
        for (i, vote) in shuffled.votes.iter_mut().enumerate() {
            vote.voter_id = format!("x{i}");
        }
        for completion in Completion::ALL {
            let options = TallyOptions::new(Rule::Mes).with_completion(completion);
            let mut a = tally_file(&file, &options).unwrap().selected;
            let mut b = tally_file(&shuffled, &options).unwrap().selected;
            a.sort();
            b.sort();
            prop_assert_eq!(a, b);
        }
    }

    #[test]
    fn a_project_everybody_wants_that_fits_is_funded(file in approval_election(), pick in any::<prop::sample::Index>()) {
        let mut file = file;
        let chosen = pick.index(file.projects.len()) as u32;
        prop_assume!(file.projects[chosen as usize].cost <= file.budget);
        for vote in &mut file.votes {
            if !vote.projects.contains(&chosen) {
                vote.projects.push(chosen);
            }
        }
        // One voter wants only this project, so no other project is wanted by everybody.
        file.votes.push(PbVote { voter_id: "only".into(), projects: vec![chosen], points: None, fields: vec![] });
        let id = file.projects[chosen as usize].id.clone();
        let mut options = vec![TallyOptions::new(Rule::Greedy)];
        options.extend(Completion::ALL.map(|c| TallyOptions::new(Rule::Mes).with_completion(c)));
        for options in options {
            let report = tally_file(&file, &options).unwrap();
            prop_assert!(report.selected.contains(&id), "{:?} did not fund {}", options, id);
        }
    }
}

/// Text that survives a field of a `.pb` file: no surrounding blanks, not `None`.
fn field_text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9åäöÅÄÖ;\",.\\- \n]{0,12}"
        .prop_map(|s| s.trim().to_owned())
        .prop_filter("None means no value", |s| !s.eq_ignore_ascii_case("none"))
}

fn name(prefix: &'static str) -> impl Strategy<Value = String> {
    "[a-z0-9_]{1,6}".prop_map(move |s| format!("{prefix}{s}"))
}

fn money() -> impl Strategy<Value = Money> {
    (0u64..10_000_000, 0u64..100)
        .prop_map(|(whole, cents)| Money::parse(&format!("{whole}.{cents:02}")).unwrap())
}

fn any_file() -> impl Strategy<Value = PbFile> {
    let vote_type = prop_oneof![
        Just(VoteType::Approval),
        Just(VoteType::Cumulative),
        Just(VoteType::Ordinal)
    ];
    (
        vote_type,
        money(),
        prop::collection::btree_map(name("m_"), field_text(), 0..4),
        prop::collection::btree_set(name("c_"), 0..3),
        prop::collection::btree_set(name("e_"), 0..3),
        1usize..6,
    )
        .prop_flat_map(
            |(vote_type, budget, meta, project_columns, vote_columns, n)| {
                let (pc, vc) = (project_columns.len(), vote_columns.len());
                let project = (
                    money(),
                    prop::collection::vec(prop::option::of(field_text()), pc),
                );
                let vote = (
                    prop::collection::vec((0..n as u32, -5i64..20), 0..5),
                    prop::collection::vec(prop::option::of(field_text()), vc),
                );
                (
                    Just((vote_type, budget, meta, project_columns, vote_columns)),
                    prop::collection::vec(project, n),
                    prop::collection::vec(vote, 0..8),
                )
            },
        )
        .prop_map(
            |((vote_type, budget, meta, project_columns, vote_columns), projects, votes)| {
                let mut meta: Vec<(String, String)> = meta.into_iter().collect();
                meta.push(("budget".into(), budget.to_string()));
                meta.push(("vote_type".into(), vote_type.as_meta().into()));
                let projects = projects
                    .into_iter()
                    .enumerate()
                    .map(|(i, (cost, fields))| PbProject {
                        id: format!("{}", i * 7 + 1),
                        cost,
                        fields,
                    })
                    .collect();
                let votes = votes
                    .into_iter()
                    .enumerate()
                    .map(|(i, (ballot, fields))| PbVote {
                        voter_id: format!("v{i}"),
                        projects: ballot.iter().map(|&(p, _)| p).collect(),
                        points: vote_type.has_points().then(|| {
                            ballot
                                .iter()
                                .map(|&(_, pts)| Rational64::new(pts, 2))
                                .collect()
                        }),
                        fields,
                    })
                    .collect();
                PbFile {
                    meta,
                    budget,
                    vote_type,
                    project_columns: project_columns.into_iter().collect(),
                    projects,
                    vote_columns: vote_columns.into_iter().collect(),
                    votes,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn a_written_pabulib_file_reads_back_as_the_same_election(file in any_file()) {
        let text = write_pabulib(&file);
        let read = read_pabulib(&text);
        prop_assert_eq!(read.as_ref(), Ok(&file), "text was:\n{}", text);
    }
}
