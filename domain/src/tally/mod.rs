//! The one call the server, the CLI and the browser make: Pabulib text in, a
//! [`TallyReport`] out — who is funded, what it costs, and a reason for every
//! project.

mod area;
mod report;

pub use area::{AreaTally, tally_by_area};
pub use report::{ProjectOutcome, TallyReport};

pub use crate::count::{
    Completion, CountError, ParseCompletionError, ParseRuleError, ParseSatisfactionError, Reason,
    Rule, Satisfaction, Stage, TieBreak,
};

use crate::count::{Profile, ProfileBuilder, count};
use crate::pabulib::{PbError, PbFile, VoteType, read_into};

/// How to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TallyOptions {
    /// The counting rule.
    pub rule: Rule,
    /// What Equal Shares does with money it leaves (must be `None` for other rules).
    pub completion: Completion,
    /// Overrides the rule's satisfaction measure (see [`Rule::default_satisfaction`]).
    pub satisfaction: Option<Satisfaction>,
    /// How exact ties are broken (default: project id as text, as pabutools).
    pub tie_break: TieBreak,
}

impl TallyOptions {
    /// `rule` with no completion and its default satisfaction.
    pub fn new(rule: Rule) -> Self {
        TallyOptions {
            rule,
            completion: Completion::None,
            satisfaction: None,
            tie_break: TieBreak::ProjectId,
        }
    }

    /// The same options with `completion`.
    pub fn with_completion(self, completion: Completion) -> Self {
        TallyOptions { completion, ..self }
    }

    /// The same options with `tie_break`.
    pub fn with_tie_break(self, tie_break: TieBreak) -> Self {
        TallyOptions { tie_break, ..self }
    }

    /// The same options with `satisfaction`.
    pub fn with_satisfaction(self, satisfaction: Satisfaction) -> Self {
        TallyOptions {
            satisfaction: Some(satisfaction),
            ..self
        }
    }
}

/// Why a tally could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TallyError {
    /// The `.pb` text is not a valid Pabulib file.
    #[error("the Pabulib file is invalid: {0}")]
    Pabulib(#[from] PbError),
    /// The rule cannot count these ballots this way.
    #[error(transparent)]
    Count(#[from] CountError),
}

/// Reads `.pb` text and counts it.
///
/// The same as [`tally_file`] on [`read_pabulib`](crate::pabulib::read_pabulib)'s result, but the votes go
/// straight from the text into the counting profile instead of being stored
/// one by one first.
pub fn tally(pb_text: &str, options: &TallyOptions) -> Result<TallyReport, TallyError> {
    let (file, builder) = read_into(pb_text, ProfileBuilder::new(VoteType::Approval, 0))?;
    count_profile(&file, builder.finish(&file), options)
}

/// Counts an election already read.
pub fn tally_file(file: &PbFile, options: &TallyOptions) -> Result<TallyReport, TallyError> {
    count_profile(file, Profile::from_file(file), options)
}

fn count_profile(
    file: &PbFile,
    mut profile: Profile,
    options: &TallyOptions,
) -> Result<TallyReport, TallyError> {
    if options.tie_break != TieBreak::ProjectId {
        profile.apply_tie_break(options.tie_break);
    }
    let outcome = count(
        &profile,
        options.rule,
        options.completion,
        options.satisfaction,
    )?;
    Ok(TallyReport::new(file, &profile, options, &outcome))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pabulib::read_pabulib;

    const PB: &str = "META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost;name\n\
        1;60;Park\n2;50;Bench\n3;40;Lights\n4;500;Pool\n5;10;Sign\nVOTES\nvoter_id;vote\na;1,3\nb;1\nc;2,3\nd;4\n";

    #[test]
    fn greedy_funds_by_votes_and_explains_every_project() {
        let report = tally(PB, &TallyOptions::new(Rule::Greedy)).unwrap();
        assert_eq!(report.selected, ["1", "3"]);
        assert_eq!(report.cost.to_string(), "100");
        let reasons: Vec<&Reason> = report.projects.iter().map(|p| &p.reason).collect();
        assert!(matches!(reasons[1], Reason::DoesNotFit { .. }));
        assert!(matches!(reasons[3], Reason::CostExceedsBudget { .. }));
        assert!(matches!(reasons[4], Reason::NoVotes));
    }

    #[test]
    fn the_report_serialises_selected_and_cost_as_json() {
        let report = tally(PB, &TallyOptions::new(Rule::Mes)).unwrap();
        let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
        assert!(json["selected"].is_array());
        assert!(json["cost"].is_number());
        assert_eq!(json["selected"], serde_json::json!(["3"]));
        assert_eq!(json["projects"][2]["reason"]["kind"], "funded");
        assert_eq!(
            json["projects"][0]["reason"]["kind"],
            "supporters_lack_money"
        );
    }

    #[test]
    fn a_published_tie_rule_can_prefer_the_cheaper_project() {
        // "a" and "b" tie on votes; by id "a" wins, by cost the cheaper "b" does.
        let pb = "META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\n\
            a;6\nb;5\nVOTES\nvoter_id;vote\n1;a\n2;b\n";
        let by_id = tally(pb, &TallyOptions::new(Rule::Greedy)).unwrap();
        assert_eq!(by_id.selected, ["a"]);
        let cheaper =
            TallyOptions::new(Rule::Greedy).with_tie_break(TieBreak::LowerCostThenDraw { seed: 1 });
        assert_eq!(tally(pb, &cheaper).unwrap().selected, ["b"]);
    }

    #[test]
    fn counting_straight_from_the_text_equals_counting_the_file_read() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/testdata/pabulib");
        let mut texts: Vec<String> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "pb"))
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .collect();
        texts.push(PB.to_owned());
        let head = "META\nkey;value\nbudget;9\nvote_type;approval\nPROJECTS\nproject_id;cost\n\
            1;2\n10;3\n2;4\nVOTES\nvoter_id;vote\n";
        for votes in [
            "a;1,10,2\nb; 10 ,2\nc;2,1,1\nd;1,\ne;,2\nf;None\ng;\n",
            "a;1\nb;02\n",
            "a;1\nb;100000000000000000000\n",
            "a;1\nb;1;extra\n",
        ] {
            texts.push(format!("{head}{votes}"));
        }
        for text in &texts {
            for rule in [Rule::Mes, Rule::Greedy] {
                let options = TallyOptions::new(rule);
                let straight = tally(text, &options);
                let via_file = read_pabulib(text)
                    .map_err(TallyError::from)
                    .and_then(|file| tally_file(&file, &options));
                assert_eq!(straight, via_file);
            }
        }
    }

    #[test]
    fn completions_are_refused_for_rules_other_than_mes() {
        let options = TallyOptions::new(Rule::Greedy).with_completion(Completion::Add1);
        assert!(matches!(
            tally(PB, &options),
            Err(TallyError::Count(CountError::CompletionNeedsMes { .. }))
        ));
    }

    #[test]
    fn rule_and_completion_names_parse_and_unknown_names_say_what_is_expected() {
        assert_eq!("greedy-per-cost".parse::<Rule>(), Ok(Rule::GreedyPerCost));
        assert_eq!(
            "budget-increase-greedy".parse::<Completion>(),
            Ok(Completion::BudgetIncreaseGreedy)
        );
        let err = "mess".parse::<Rule>().unwrap_err().to_string();
        assert_eq!(
            err,
            "unknown rule 'mess' (expected greedy, greedy-per-cost, mes or phragmen)"
        );
        assert!(
            "add2"
                .parse::<Completion>()
                .unwrap_err()
                .to_string()
                .contains("add1-greedy")
        );
    }

    #[test]
    fn the_text_report_names_the_rule_and_every_project() {
        let text = tally(PB, &TallyOptions::new(Rule::Phragmen))
            .unwrap()
            .render_text();
        assert!(text.contains("phragmen"));
        for name in ["Park", "Bench", "Lights", "Pool", "Sign"] {
            assert!(text.contains(name), "{name} missing from\n{text}");
        }
    }
}
