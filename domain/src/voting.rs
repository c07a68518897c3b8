//! A ballot as the voting page posts it, turned into a [`Ballot`] of the round's format and
//! checked against the round's rules, with one stable code for whatever is wrong. The page
//! posts `choice[<project id>]` (approval, knapsack), `points[<project id>]` (cumulative) or
//! `rank[<project id>]` (ranked); empty fields mean "not chosen".

use crate::Code;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::ballot::{Ballot, BallotError, BallotFormat, BallotRules};
use crate::money::Money;

/// The ballot form as posted: text per project id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BallotPost {
    /// Approval and knapsack: the ticked projects (any non-empty value).
    pub choice: BTreeMap<String, String>,
    /// Cumulative: points per project.
    pub points: BTreeMap<String, String>,
    /// Ranked: the rank per project (1 = most preferred).
    pub rank: BTreeMap<String, String>,
}

/// Why a posted ballot cannot be accepted: a stable code (translated by the app under
/// `error.`) and, where it helps, the project it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotProblem {
    /// `ballot_empty`, `ballot_unknown_project`, `ballot_too_many`, `ballot_over_budget`,
    /// `ballot_too_many_points`, `ballot_points_per_project`, `ballot_points_invalid`,
    /// `ballot_rank_invalid` or `ballot_invalid`.
    pub code: Code,
    /// The project the problem is about, if one.
    pub project: Option<String>,
}

impl BallotProblem {
    fn new(code: Code, project: Option<&str>) -> Self {
        BallotProblem {
            code,
            project: project.map(str::to_owned),
        }
    }
}

fn filled(map: &BTreeMap<String, String>) -> impl Iterator<Item = (&String, &str)> {
    map.iter()
        .map(|(id, value)| (id, value.trim()))
        .filter(|(_, value)| !value.is_empty())
}

/// The posted ballot in the round's format, valid under `rules`.
pub fn parse_ballot(post: &BallotPost, rules: &BallotRules) -> Result<Ballot, BallotProblem> {
    let ballot = match rules.format {
        BallotFormat::Approval { .. } => {
            Ballot::Approval(filled(&post.choice).map(|(id, _)| id.clone()).collect())
        }
        BallotFormat::Knapsack { .. } => {
            Ballot::Knapsack(filled(&post.choice).map(|(id, _)| id.clone()).collect())
        }
        BallotFormat::Cumulative { .. } => {
            let mut points = Vec::new();
            for (id, text) in filled(&post.points) {
                let n: u32 = text
                    .parse()
                    .map_err(|_| BallotProblem::new(Code::BallotPointsInvalid, Some(id)))?;
                if n > 0 {
                    points.push((id.clone(), n));
                }
            }
            Ballot::Cumulative(points)
        }
        BallotFormat::Ranked { .. } => {
            let mut ranked: Vec<(u32, &String)> = Vec::new();
            for (id, text) in filled(&post.rank) {
                let rank: u32 = text
                    .parse()
                    .ok()
                    .filter(|r| *r >= 1)
                    .ok_or_else(|| BallotProblem::new(Code::BallotRankInvalid, Some(id)))?;
                if ranked.iter().any(|(r, _)| *r == rank) {
                    return Err(BallotProblem::new(Code::BallotRankInvalid, Some(id)));
                }
                ranked.push((rank, id));
            }
            ranked.sort();
            Ballot::Ranked(ranked.into_iter().map(|(_, id)| id.clone()).collect())
        }
    };
    ballot.validate(rules).map_err(|err| problem_of(&err))?;
    Ok(ballot)
}

/// The code for a rule the ballot breaks.
pub fn problem_of(err: &BallotError) -> BallotProblem {
    match err {
        BallotError::Empty => BallotProblem::new(Code::BallotEmpty, None),
        BallotError::UnknownProject(id) => BallotProblem::new(Code::BallotUnknownProject, Some(id)),
        BallotError::TooManyChoices { .. } => BallotProblem::new(Code::BallotTooMany, None),
        BallotError::OverBudget { .. } => BallotProblem::new(Code::BallotOverBudget, None),
        BallotError::TooManyPoints { .. } => BallotProblem::new(Code::BallotTooManyPoints, None),
        BallotError::TooManyPointsForProject { project, .. } => {
            BallotProblem::new(Code::BallotPointsPerProject, Some(project))
        }
        BallotError::WrongFormat { .. }
        | BallotError::DuplicateProject(_)
        | BallotError::ZeroPoints(_) => BallotProblem::new(Code::BallotInvalid, None),
    }
}

/// A project on the ballot, for [`election`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElectionProject {
    /// Its id on the ballot.
    pub id: String,
    /// Its cost in whole kronor.
    pub cost: u64,
    /// Its name.
    pub name: String,
    /// The area whose budget it competes for, when the round's budget is split per area.
    pub area: Option<String>,
}

/// The PROJECTS column of [`election`] that holds a project's area (see
/// [`crate::tally::tally_by_area`]).
pub const AREA_COLUMN: &str = "area";

/// A round's ballots as a Pabulib election: the file anyone can download and recount, and
/// the one the round's result is counted from. Voters are numbered in the order given (give
/// them in an order that says nothing about who they are). Choices of projects that are no
/// longer on the ballot are left out.
pub fn election(
    description: &str,
    format: crate::round::BallotFormat,
    budget: u64,
    projects: &[ElectionProject],
    ballots: &[Ballot],
) -> crate::pabulib::PbFile {
    use crate::pabulib::{PbFile, PbProject, PbVote, VoteType};
    use num_rational::Rational64;

    let vote_type = match format {
        crate::round::BallotFormat::Approval | crate::round::BallotFormat::Knapsack => {
            VoteType::Approval
        }
        crate::round::BallotFormat::Cumulative => VoteType::Cumulative,
        crate::round::BallotFormat::Ranked => VoteType::Ordinal,
    };
    let index = |id: &str| projects.iter().position(|p| p.id == id).map(|i| i as u32);
    let with_areas = projects.iter().any(|p| p.area.is_some());
    let votes = ballots
        .iter()
        .enumerate()
        .map(|(n, ballot)| {
            let (chosen, points): (Vec<u32>, Option<Vec<Rational64>>) = match ballot {
                Ballot::Cumulative(given) => {
                    let kept: Vec<(u32, u32)> = given
                        .iter()
                        .filter_map(|(id, p)| Some((index(id)?, *p)))
                        .collect();
                    (
                        kept.iter().map(|(i, _)| *i).collect(),
                        Some(
                            kept.iter()
                                .map(|(_, p)| Rational64::from_integer(i64::from(*p)))
                                .collect(),
                        ),
                    )
                }
                other => (
                    other.projects().into_iter().filter_map(index).collect(),
                    None,
                ),
            };
            PbVote {
                voter_id: (n + 1).to_string(),
                projects: chosen,
                points,
                fields: vec![],
            }
        })
        .collect::<Vec<_>>();
    let meta = [
        ("description", description.to_owned()),
        ("country", "Sweden".to_owned()),
        ("currency", "SEK".to_owned()),
        ("num_projects", projects.len().to_string()),
        ("num_votes", votes.len().to_string()),
        ("budget", budget.to_string()),
        ("vote_type", vote_type.as_meta().to_owned()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    PbFile {
        meta,
        budget: Money::from_integer(budget),
        vote_type,
        project_columns: if with_areas {
            vec!["name".to_owned(), AREA_COLUMN.to_owned()]
        } else {
            vec!["name".to_owned()]
        },
        projects: projects
            .iter()
            .map(|p| PbProject {
                id: p.id.clone(),
                cost: Money::from_integer(p.cost),
                fields: std::iter::once(Some(p.name.clone()))
                    .chain(with_areas.then(|| p.area.clone()))
                    .collect(),
            })
            .collect(),
        vote_columns: vec![],
        votes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(format: BallotFormat) -> BallotRules {
        BallotRules::new(
            format,
            [("1", 100u64), ("2", 200), ("3", 300)]
                .into_iter()
                .map(|(id, cost)| (id.to_owned(), Money::from_integer(cost))),
        )
    }

    fn post(field: &str, pairs: &[(&str, &str)]) -> BallotPost {
        let map: BTreeMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        match field {
            "choice" => BallotPost {
                choice: map,
                ..Default::default()
            },
            "points" => BallotPost {
                points: map,
                ..Default::default()
            },
            _ => BallotPost {
                rank: map,
                ..Default::default()
            },
        }
    }

    #[test]
    fn ticked_projects_make_an_approval_ballot() {
        let rules = rules(BallotFormat::Approval { max_choices: 2 });
        let ballot = parse_ballot(&post("choice", &[("1", "1"), ("3", "3")]), &rules).unwrap();
        assert_eq!(ballot, Ballot::Approval(vec!["1".into(), "3".into()]));
    }

    #[test]
    fn empty_values_are_not_choices_and_an_empty_ballot_is_refused() {
        let rules = rules(BallotFormat::Approval { max_choices: 2 });
        let problem = parse_ballot(&post("choice", &[("1", " ")]), &rules).unwrap_err();
        assert_eq!(problem.code, Code::BallotEmpty);
    }

    #[test]
    fn too_many_choices_are_refused() {
        let rules = rules(BallotFormat::Approval { max_choices: 2 });
        let all = post("choice", &[("1", "1"), ("2", "2"), ("3", "3")]);
        assert_eq!(
            parse_ballot(&all, &rules).unwrap_err().code,
            Code::BallotTooMany
        );
    }

    #[test]
    fn a_project_not_on_the_ballot_is_named() {
        let rules = rules(BallotFormat::Approval { max_choices: 2 });
        let problem = parse_ballot(&post("choice", &[("9", "9")]), &rules).unwrap_err();
        assert_eq!(
            problem,
            BallotProblem::new(Code::BallotUnknownProject, Some("9"))
        );
    }

    #[test]
    fn a_knapsack_ballot_over_the_budget_is_refused() {
        let rules = rules(BallotFormat::Knapsack {
            budget: Money::from_integer(400),
        });
        let fits = post("choice", &[("1", "1"), ("3", "3")]);
        assert!(parse_ballot(&fits, &rules).is_ok());
        let over = post("choice", &[("2", "2"), ("3", "3")]);
        assert_eq!(
            parse_ballot(&over, &rules).unwrap_err().code,
            Code::BallotOverBudget
        );
    }

    #[test]
    fn cumulative_points_are_numbers_within_the_limits() {
        let format = BallotFormat::Cumulative {
            total_points: 5,
            max_per_project: 3,
        };
        let ok = parse_ballot(
            &post("points", &[("1", "3"), ("2", "2"), ("3", "0")]),
            &rules(format.clone()),
        );
        assert_eq!(
            ok.unwrap(),
            Ballot::Cumulative(vec![("1".into(), 3), ("2".into(), 2)])
        );
        let words = parse_ballot(&post("points", &[("1", "tre")]), &rules(format.clone()));
        assert_eq!(
            words.unwrap_err(),
            BallotProblem::new(Code::BallotPointsInvalid, Some("1"))
        );
        let many = parse_ballot(
            &post("points", &[("1", "3"), ("2", "3")]),
            &rules(format.clone()),
        );
        assert_eq!(many.unwrap_err().code, Code::BallotTooManyPoints);
        let one = parse_ballot(&post("points", &[("1", "4")]), &rules(format));
        assert_eq!(one.unwrap_err().code, Code::BallotPointsPerProject);
    }

    #[test]
    fn ranks_order_the_ballot_and_must_be_distinct_positive_numbers() {
        let format = BallotFormat::Ranked { max_ranks: 3 };
        let ok = parse_ballot(
            &post("rank", &[("1", "2"), ("3", "1")]),
            &rules(format.clone()),
        );
        assert_eq!(ok.unwrap(), Ballot::Ranked(vec!["3".into(), "1".into()]));
        let twice = parse_ballot(
            &post("rank", &[("1", "1"), ("3", "1")]),
            &rules(format.clone()),
        );
        assert_eq!(twice.unwrap_err().code, Code::BallotRankInvalid);
        let zero = parse_ballot(&post("rank", &[("1", "0")]), &rules(format));
        assert_eq!(zero.unwrap_err().code, Code::BallotRankInvalid);
    }
}

#[cfg(test)]
mod election_tests {
    use super::*;
    use crate::tally::{Rule, TallyOptions, tally, tally_file};

    fn projects() -> Vec<ElectionProject> {
        [("1", 60, "Park"), ("2", 50, "Bänk"), ("3", 40, "Ljus")]
            .into_iter()
            .map(|(id, cost, name)| ElectionProject {
                id: id.into(),
                cost,
                name: name.into(),
                area: None,
            })
            .collect()
    }

    #[test]
    fn an_approval_election_is_counted_like_its_pabulib_file() {
        let ballots = vec![
            Ballot::Approval(vec!["1".into(), "3".into()]),
            Ballot::Approval(vec!["1".into()]),
            Ballot::Approval(vec!["2".into(), "3".into(), "9".into()]),
        ];
        let file = election(
            "test",
            crate::round::BallotFormat::Approval,
            100,
            &projects(),
            &ballots,
        );
        let report = tally_file(&file, &TallyOptions::new(Rule::Greedy)).unwrap();
        assert_eq!(report.selected, ["1", "3"]);
        assert_eq!(report.voters, 3);
        // The file written out and read back counts the same: anyone can recount it.
        let text = crate::pabulib::write_pabulib(&file);
        assert!(text.contains("Bänk"));
        assert_eq!(
            tally(&text, &TallyOptions::new(Rule::Greedy))
                .unwrap()
                .selected,
            ["1", "3"]
        );
    }

    #[test]
    fn cumulative_points_and_rankings_keep_their_shape() {
        let points = vec![Ballot::Cumulative(vec![("2".into(), 3), ("3".into(), 1)])];
        let file = election(
            "p",
            crate::round::BallotFormat::Cumulative,
            100,
            &projects(),
            &points,
        );
        assert_eq!(file.votes[0].projects, [1, 2]);
        assert_eq!(file.votes[0].points.as_ref().unwrap().len(), 2);
        let ranks = vec![Ballot::Ranked(vec!["3".into(), "1".into()])];
        let file = election(
            "r",
            crate::round::BallotFormat::Ranked,
            100,
            &projects(),
            &ranks,
        );
        assert_eq!(file.votes[0].projects, [2, 0], "most preferred first");
    }

    #[test]
    fn areas_are_written_as_a_column_and_counted_with_their_own_budgets() {
        use crate::money::Money;
        use crate::tally::tally_by_area;
        let mut projects = projects();
        projects[0].area = Some("7".into());
        projects[1].area = Some("7".into());
        projects[2].area = Some("8".into());
        let ballots = vec![
            Ballot::Approval(vec!["1".into(), "2".into()]),
            Ballot::Approval(vec!["2".into()]),
            Ballot::Approval(vec!["3".into()]),
        ];
        let file = election(
            "a",
            crate::round::BallotFormat::Approval,
            100,
            &projects,
            &ballots,
        );
        let text = crate::pabulib::write_pabulib(&file);
        assert!(text.contains("project_id;cost;name;area"), "{text}");
        let budgets = [
            ("7".to_owned(), Money::from_integer(60)),
            ("8".to_owned(), Money::from_integer(40)),
        ];
        let split = tally_by_area(
            &file,
            AREA_COLUMN,
            &budgets,
            &TallyOptions::new(Rule::Greedy),
        )
        .unwrap();
        // Area 7: "2" has two votes and fits in 60; "1" (60) then does not.
        assert_eq!(split.areas[0].1.selected, ["2"]);
        assert_eq!(split.areas[0].1.voters, 2);
        assert_eq!(split.areas[1].1.selected, ["3"]);
        assert_eq!(split.selected, ["2", "3"]);
    }
}
