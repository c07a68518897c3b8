//! Picking and running a counting rule: which satisfaction each rule uses by
//! default for each ballot format (as in the Pabulib README's mapping), and
//! which combinations make no sense.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use super::greedy::greedy;
use super::mes::{Completion, MesSat, PointsTooFine, equal_shares};
use super::outcome::{Outcome, Stage};
use super::phragmen::sequential_phragmen;
use super::profile::Profile;
use super::satisfaction::Satisfaction;
use crate::pabulib::VoteType;

/// A counting rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// Most votes first (most points for cumulative ballots), skip what does not fit.
    Greedy,
    /// Most supporters per krona first.
    GreedyPerCost,
    /// The Method of Equal Shares.
    Mes,
    /// Sequential Phragmén (approval ballots).
    Phragmen,
}

impl Rule {
    /// All rules.
    pub const ALL: [Rule; 4] = [Rule::Greedy, Rule::GreedyPerCost, Rule::Mes, Rule::Phragmen];

    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Greedy => "greedy",
            Rule::GreedyPerCost => "greedy-per-cost",
            Rule::Mes => "mes",
            Rule::Phragmen => "phragmen",
        }
    }

    /// The satisfaction the rule uses for `vote_type` unless told otherwise.
    pub fn default_satisfaction(self, vote_type: VoteType) -> Option<Satisfaction> {
        match self {
            Rule::Greedy if vote_type.has_points() => Some(Satisfaction::PointsTimesCost),
            Rule::Greedy => Some(Satisfaction::Cost),
            Rule::GreedyPerCost => Some(Satisfaction::Cardinality),
            Rule::Mes => Some(Satisfaction::Cost),
            Rule::Phragmen => None,
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A rule name that is not one of ours.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown rule '{0}' (expected greedy, greedy-per-cost, mes or phragmen)")]
pub struct ParseRuleError(pub String);

impl FromStr for Rule {
    type Err = ParseRuleError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Rule::ALL
            .into_iter()
            .find(|r| r.as_str() == text.trim())
            .ok_or_else(|| ParseRuleError(text.to_owned()))
    }
}

/// A rule, completion and satisfaction that cannot be counted together.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CountError {
    /// Completions only apply to Equal Shares.
    #[error("completion '{completion}' only applies to the mes rule, not to {rule}")]
    CompletionNeedsMes {
        /// The rule asked for.
        rule: Rule,
        /// The completion asked for.
        completion: Completion,
    },
    /// Phragmén is defined for approval ballots only.
    #[error("phragmen needs approval ballots, these are {0:?}")]
    PhragmenNeedsApproval(VoteType),
    /// The satisfaction needs information the ballots do not have.
    #[error("satisfaction '{satisfaction}' cannot be used with {vote_type:?} ballots")]
    SatisfactionNeedsOtherBallots {
        /// The satisfaction asked for.
        satisfaction: Satisfaction,
        /// The ballots at hand.
        vote_type: VoteType,
    },
    /// The rule cannot use this satisfaction.
    #[error("rule {rule} cannot use satisfaction '{satisfaction}'")]
    SatisfactionNotForRule {
        /// The rule asked for.
        rule: Rule,
        /// The satisfaction asked for.
        satisfaction: Satisfaction,
    },
    /// Points cannot be scaled to whole numbers.
    #[error(transparent)]
    PointsTooFine(#[from] PointsTooFine),
}

fn check_ballots(satisfaction: Satisfaction, vote_type: VoteType) -> Result<(), CountError> {
    let fits = match satisfaction {
        Satisfaction::Points | Satisfaction::PointsTimesCost => vote_type.has_points(),
        Satisfaction::Borda => vote_type == VoteType::Ordinal,
        Satisfaction::Cost | Satisfaction::Cardinality => true,
    };
    if fits {
        Ok(())
    } else {
        Err(CountError::SatisfactionNeedsOtherBallots {
            satisfaction,
            vote_type,
        })
    }
}

/// Counts `profile` with `rule` (and `completion`, for Equal Shares).
/// `satisfaction` overrides the rule's default (see [`Rule::default_satisfaction`]).
pub fn count(
    profile: &Profile,
    rule: Rule,
    completion: Completion,
    satisfaction: Option<Satisfaction>,
) -> Result<Outcome, CountError> {
    if rule != Rule::Mes && completion != Completion::None {
        return Err(CountError::CompletionNeedsMes { rule, completion });
    }
    let satisfaction = satisfaction.or(rule.default_satisfaction(profile.vote_type));
    if let Some(satisfaction) = satisfaction {
        check_ballots(satisfaction, profile.vote_type)?;
    }
    let empty = Outcome::empty(profile.len());
    match (rule, satisfaction) {
        (Rule::Greedy | Rule::GreedyPerCost, Some(s)) => {
            Ok(greedy(profile, s, empty, Stage::Greedy))
        }
        (Rule::Mes, Some(Satisfaction::Cost)) => {
            Ok(equal_shares(profile, MesSat::Cost, completion)?)
        }
        (Rule::Mes, Some(Satisfaction::Points)) => {
            Ok(equal_shares(profile, MesSat::Points, completion)?)
        }
        (Rule::Phragmen, None) if profile.vote_type == VoteType::Approval => {
            Ok(sequential_phragmen(profile))
        }
        (Rule::Phragmen, None) => Err(CountError::PhragmenNeedsApproval(profile.vote_type)),
        (rule, Some(satisfaction)) => {
            Err(CountError::SatisfactionNotForRule { rule, satisfaction })
        }
        (rule, None) => Err(CountError::SatisfactionNotForRule {
            rule,
            satisfaction: Satisfaction::Cost,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pabulib::read_pabulib;

    fn cumulative() -> Profile {
        let text = "META\nkey;value\nbudget;10\nvote_type;cumulative\nPROJECTS\nproject_id;cost\na;5\nb;5\n\
            VOTES\nvoter_id;vote;points\n1;a,b;1,4\n2;a;2\n";
        Profile::from_file(&read_pabulib(text).unwrap())
    }

    #[test]
    fn greedy_on_cumulative_ballots_orders_by_points_by_default() {
        let outcome = count(&cumulative(), Rule::Greedy, Completion::None, None).unwrap();
        // b has 4 points, a has 3 (but two supporters).
        assert_eq!(outcome.selected[0], 1);
        let by_supporters = count(
            &cumulative(),
            Rule::Greedy,
            Completion::None,
            Some(Satisfaction::Cost),
        )
        .unwrap();
        assert_eq!(by_supporters.selected[0], 0);
    }

    #[test]
    fn phragmen_refuses_ballots_that_are_not_approval() {
        let err = count(&cumulative(), Rule::Phragmen, Completion::None, None).unwrap_err();
        assert_eq!(err, CountError::PhragmenNeedsApproval(VoteType::Cumulative));
    }

    #[test]
    fn a_satisfaction_the_ballots_cannot_give_is_refused() {
        let text = "META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\na;5\n\
            VOTES\nvoter_id;vote\n1;a\n";
        let approval = Profile::from_file(&read_pabulib(text).unwrap());
        let err = count(
            &approval,
            Rule::Mes,
            Completion::None,
            Some(Satisfaction::Points),
        )
        .unwrap_err();
        assert!(matches!(
            err,
            CountError::SatisfactionNeedsOtherBallots { .. }
        ));
        let err = count(
            &approval,
            Rule::Mes,
            Completion::None,
            Some(Satisfaction::Cardinality),
        )
        .unwrap_err();
        assert!(matches!(err, CountError::SatisfactionNotForRule { .. }));
    }
}
