//! The one configuration type of a round besides its texts and total: who may take part, the
//! ballot and counting rule, the criteria, the dates. The staff form parses into it
//! ([`parse_round`](super::parse_round)), the database keeps it as one JSON document, services
//! read it to check eligibility and count, and views show it. Defaults apply to fields a stored
//! document does not have (rounds saved before the field existed).

use serde::{Deserialize, Serialize};

use super::{
    BallotFormat, CountingRule, DEFAULT_CRITERIA_SV, Date, PhaseDates, Residence, RoundConfig,
    RoundForm, TieBreak, Verification,
};

/// A round's settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[allow(missing_docs)]
pub struct RoundSettings {
    /// The plain-language text (lättläst), Swedish.
    pub easy_read_sv: Option<String>,
    /// (area id, kronor); empty, or summing to exactly the round's budget.
    pub area_budgets: Vec<(i64, i64)>,
    pub min_age: Option<u8>,
    pub max_age: Option<u8>,
    pub residence: Residence,
    pub verification: Verification,
    pub ballot_format: BallotFormat,
    /// `Some` exactly for approval and ranked ballots.
    pub max_choices: Option<u32>,
    /// `Some` exactly for cumulative ballots.
    pub points_total: Option<u32>,
    /// `Some` exactly for cumulative ballots; at most `points_total`.
    pub points_max_per_project: Option<u32>,
    pub rule: CountingRule,
    pub tie_break: TieBreak,
    pub criteria: Vec<String>,
    pub dates: PhaseDates,
}

impl Default for RoundSettings {
    /// What a new round starts from: an approval ballot of five choices, counted greedily, open
    /// to everyone who lives or works here with an email link, screened against SKR's criteria.
    fn default() -> Self {
        RoundSettings {
            easy_read_sv: None,
            area_budgets: Vec::new(),
            min_age: None,
            max_age: None,
            residence: Residence::LivesOrWorksIn,
            verification: Verification::EmailLink,
            ballot_format: BallotFormat::Approval,
            max_choices: Some(5),
            points_total: None,
            points_max_per_project: None,
            rule: CountingRule::Greedy,
            tie_break: TieBreak::LowerCostFirst,
            criteria: DEFAULT_CRITERIA_SV
                .iter()
                .map(|c| (*c).to_owned())
                .collect(),
            dates: PhaseDates::default(),
        }
    }
}

impl RoundSettings {
    /// The settings as the staff form shows them (texts and budget left empty);
    /// [`parse_round`](super::parse_round) reads them back to the same settings.
    pub fn to_form(&self) -> RoundForm {
        let number = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
        let age = |v: Option<u8>| v.map(|n| n.to_string()).unwrap_or_default();
        let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default(); // ISO 8601
        RoundForm {
            easy_read_sv: self.easy_read_sv.clone().unwrap_or_default(),
            min_age: age(self.min_age),
            max_age: age(self.max_age),
            residence: self.residence.as_str().to_owned(),
            verification: self.verification.as_str().to_owned(),
            ballot_format: self.ballot_format.as_str().to_owned(),
            max_choices: number(self.max_choices),
            points_total: number(self.points_total),
            points_max_per_project: number(self.points_max_per_project),
            rule: self.rule.as_str().to_owned(),
            tie_break: self.tie_break.as_str().to_owned(),
            criteria: self.criteria.join("\n"),
            information_date: date(self.dates.information),
            proposals_date: date(self.dates.proposals),
            review_date: date(self.dates.review),
            voting_date: date(self.dates.voting),
            voting_end_date: date(self.dates.voting_end),
            ..RoundForm::default()
        }
    }
}

impl RoundConfig {
    /// The configuration as the staff form shows it (area amounts aside: they are
    /// `settings.area_budgets`); [`parse_round`](super::parse_round) reads it back unchanged.
    pub fn to_form(&self) -> RoundForm {
        RoundForm {
            title_sv: self.title_sv.clone(),
            title_en: self.title_en.clone().unwrap_or_default(),
            summary_sv: self.summary_sv.clone(),
            summary_en: self.summary_en.clone().unwrap_or_default(),
            budget_total: self.budget_total.to_string(),
            ..self.settings.to_form()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_without_fields_reads_as_the_defaults() {
        let settings: RoundSettings = serde_json::from_str("{}").unwrap();
        assert_eq!(settings, RoundSettings::default());
    }

    #[test]
    fn a_stored_document_keeps_what_it_has_and_defaults_the_rest() {
        let settings: RoundSettings =
            serde_json::from_str(r#"{"min_age":13,"ballot_format":"cumulative"}"#).unwrap();
        assert_eq!(settings.min_age, Some(13));
        assert_eq!(settings.ballot_format, BallotFormat::Cumulative);
        assert_eq!(settings.max_choices, Some(5));
        assert_eq!(settings.criteria.len(), DEFAULT_CRITERIA_SV.len());
    }
}
