//! Checking a ballot against the round's rules, in the order a voter would
//! want to hear about problems: wrong kind of ballot, empty, unknown or
//! repeated projects, then the format's own limits.

use std::collections::BTreeSet;

use super::{Ballot, BallotError, BallotFormat, BallotRules};
use crate::money::Money;

impl Ballot {
    /// Checks this ballot against `rules`.
    pub fn validate(&self, rules: &BallotRules) -> Result<(), BallotError> {
        let matches_format = matches!(
            (self, &rules.format),
            (Ballot::Approval(_), BallotFormat::Approval { .. })
                | (Ballot::Knapsack(_), BallotFormat::Knapsack { .. })
                | (Ballot::Cumulative(_), BallotFormat::Cumulative { .. })
                | (Ballot::Ranked(_), BallotFormat::Ranked { .. })
        );
        if !matches_format {
            return Err(BallotError::WrongFormat {
                expected: rules.format.name(),
                got: self.format_name(),
            });
        }
        let ids = self.projects();
        if ids.is_empty() {
            return Err(BallotError::Empty);
        }
        let mut seen = BTreeSet::new();
        for id in &ids {
            if !rules.projects.contains_key(*id) {
                return Err(BallotError::UnknownProject((*id).to_owned()));
            }
            if !seen.insert(*id) {
                return Err(BallotError::DuplicateProject((*id).to_owned()));
            }
        }
        match (&rules.format, self) {
            (BallotFormat::Approval { max_choices: max }, _)
            | (BallotFormat::Ranked { max_ranks: max }, _) => {
                if ids.len() > *max as usize {
                    return Err(BallotError::TooManyChoices {
                        max: *max,
                        got: ids.len(),
                    });
                }
            }
            (BallotFormat::Knapsack { budget }, _) => {
                let total: Money = ids.iter().filter_map(|id| rules.projects.get(*id)).sum();
                if &total > budget {
                    return Err(BallotError::OverBudget {
                        budget: Box::new(budget.clone()),
                        total: Box::new(total),
                    });
                }
            }
            (
                BallotFormat::Cumulative {
                    total_points,
                    max_per_project,
                },
                Ballot::Cumulative(points),
            ) => {
                check_points(points, *total_points, *max_per_project)?;
            }
            (BallotFormat::Cumulative { .. }, _) => {}
        }
        Ok(())
    }
}

fn check_points(points: &[(String, u32)], total: u32, per_project: u32) -> Result<(), BallotError> {
    for (project, given) in points {
        if *given == 0 {
            return Err(BallotError::ZeroPoints(project.clone()));
        }
        if *given > per_project {
            return Err(BallotError::TooManyPointsForProject {
                project: project.clone(),
                max: per_project,
                got: *given,
            });
        }
    }
    let sum: u64 = points.iter().map(|(_, p)| u64::from(*p)).sum();
    if sum > u64::from(total) {
        return Err(BallotError::TooManyPoints {
            max: total,
            got: sum,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(format: BallotFormat) -> BallotRules {
        let projects = [("a", 60), ("b", 50), ("c", 40)]
            .map(|(id, cost)| (id.to_owned(), Money::from_integer(cost)));
        BallotRules::new(format, projects)
    }

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn an_approval_ballot_within_the_limit_is_valid_and_one_over_is_too_many() {
        let rules = rules(BallotFormat::Approval { max_choices: 2 });
        assert_eq!(Ballot::Approval(ids(&["a", "c"])).validate(&rules), Ok(()));
        let err = Ballot::Approval(ids(&["a", "b", "c"])).validate(&rules);
        assert_eq!(err, Err(BallotError::TooManyChoices { max: 2, got: 3 }));
    }

    #[test]
    fn unknown_duplicate_and_empty_choices_are_named() {
        let rules = rules(BallotFormat::Ranked { max_ranks: 3 });
        assert_eq!(
            Ballot::Ranked(ids(&["z"])).validate(&rules),
            Err(BallotError::UnknownProject("z".into()))
        );
        assert_eq!(
            Ballot::Ranked(ids(&["a", "a"])).validate(&rules),
            Err(BallotError::DuplicateProject("a".into()))
        );
        assert_eq!(
            Ballot::Ranked(vec![]).validate(&rules),
            Err(BallotError::Empty)
        );
    }

    #[test]
    fn a_knapsack_ballot_over_the_budget_reports_both_amounts() {
        let rules = rules(BallotFormat::Knapsack {
            budget: Money::from_integer(100),
        });
        assert_eq!(Ballot::Knapsack(ids(&["a", "c"])).validate(&rules), Ok(()));
        let err = Ballot::Knapsack(ids(&["a", "b"]))
            .validate(&rules)
            .unwrap_err();
        assert_eq!(
            err,
            BallotError::OverBudget {
                budget: Box::new(Money::from_integer(100)),
                total: Box::new(Money::from_integer(110))
            }
        );
    }

    #[test]
    fn cumulative_points_respect_the_total_and_the_per_project_limit() {
        let rules = rules(BallotFormat::Cumulative {
            total_points: 10,
            max_per_project: 5,
        });
        let ballot = |p: &[(&str, u32)]| {
            Ballot::Cumulative(p.iter().map(|(i, n)| ((*i).to_owned(), *n)).collect())
        };
        assert_eq!(ballot(&[("a", 5), ("b", 5)]).validate(&rules), Ok(()));
        assert_eq!(
            ballot(&[("a", 5), ("b", 5), ("c", 1)]).validate(&rules),
            Err(BallotError::TooManyPoints { max: 10, got: 11 })
        );
        assert!(matches!(
            ballot(&[("a", 6)]).validate(&rules),
            Err(BallotError::TooManyPointsForProject { .. })
        ));
        assert_eq!(
            ballot(&[("a", 0)]).validate(&rules),
            Err(BallotError::ZeroPoints("a".into()))
        );
    }

    #[test]
    fn a_ballot_of_another_format_is_refused() {
        let rules = rules(BallotFormat::Approval { max_choices: 2 });
        let err = Ballot::Ranked(ids(&["a"])).validate(&rules);
        assert_eq!(
            err,
            Err(BallotError::WrongFormat {
                expected: "approval",
                got: "ranked"
            })
        );
    }
}
