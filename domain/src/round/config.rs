//! A round's configuration as staff enter it: texts, budget (optionally
//! split per area), who may take part, the ballot format and counting rule,
//! the criteria every proposal is screened against, and the phase dates.
//! Combinations that cannot be counted (Phragmén on a ranked ballot, a
//! cumulative ballot without points) are refused here, before the round is
//! saved, rather than when the votes are in.

use crate::Code;
use serde::{Deserialize, Serialize};

use super::ballot_setup::parse_ballot;
use super::choice::parse_choice;
use super::{
    Issues, PhaseDates, RoundSettings, SekError, TITLE_MAX, char_count, optional_text, parse_sek,
    required_text,
};
use crate::FieldIssue;

/// Longest summary, plain-language text or public reason, in characters.
pub const TEXT_MAX: usize = 2000;
/// Highest age limit.
pub const AGE_MAX: u8 = 120;
/// Highest number of choices on an approval or ranked ballot.
pub const MAX_CHOICES_MAX: u32 = 50;
/// Most points on a cumulative ballot.
pub const POINTS_MAX: u32 = 1000;
/// Most criteria in a round.
pub const CRITERIA_MAX: usize = 12;
/// Longest criterion, in characters.
pub const CRITERION_MAX: usize = 200;

/// The criteria SKR suggests for screening proposals, to prefill the form.
pub const DEFAULT_CRITERIA_SV: [&str; 5] = [
    "Kommunen har rådighet över frågan",
    "Ryms inom budgeten",
    "Ger inga nya driftkostnader",
    "Genomförs på kommunens mark",
    "Kommer många till nytta",
];

/// A round's configuration as posted by the staff form: raw text throughout.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[allow(missing_docs)]
pub struct RoundForm {
    pub title_sv: String,
    pub title_en: String,
    pub summary_sv: String,
    pub summary_en: String,
    pub easy_read_sv: String,
    /// Whole kronor: `250000`, `250 000`, `250000 kr`.
    pub budget_total: String,
    /// Empty means no limit.
    pub min_age: String,
    /// Empty means no limit.
    pub max_age: String,
    pub residence: String,
    pub verification: String,
    pub ballot_format: String,
    pub rule: String,
    pub tie_break: String,
    /// Approval and ranked ballots only.
    pub max_choices: String,
    /// Cumulative ballots only.
    pub points_total: String,
    /// Cumulative ballots only.
    pub points_max_per_project: String,
    /// One criterion per line; blank lines are ignored.
    pub criteria: String,
    pub information_date: String,
    pub proposals_date: String,
    pub review_date: String,
    pub voting_date: String,
    pub voting_end_date: String,
}

/// One area's share of the budget as posted; an empty amount means the area
/// is not budgeted separately.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaBudgetInput {
    /// The area.
    pub area_id: i64,
    /// Whole kronor, or empty.
    pub amount: String,
}

/// A valid round configuration: the texts and the total, which have their own columns, and
/// the [`RoundSettings`] stored as one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct RoundConfig {
    pub title_sv: String,
    pub title_en: Option<String>,
    pub summary_sv: String,
    pub summary_en: Option<String>,
    /// Whole kronor.
    pub budget_total: i64,
    pub settings: RoundSettings,
}

/// Parses the staff form of a round, with every problem at once.
pub fn parse_round(
    form: &RoundForm,
    area_budgets: &[AreaBudgetInput],
) -> Result<RoundConfig, Vec<FieldIssue>> {
    let mut issues = Issues::default();
    let texts = parse_texts(&mut issues, form);
    let budget_total = parse_budget(&mut issues, &form.budget_total, "budget_total");
    let areas = parse_area_budgets(&mut issues, area_budgets, budget_total);
    let ages = parse_ages(&mut issues, form);
    let residence = parse_choice(&mut issues, &form.residence, "residence");
    let verification = parse_choice(&mut issues, &form.verification, "verification");
    let ballot = parse_ballot(&mut issues, form);
    let criteria = parse_criteria(&mut issues, &form.criteria);
    let dates = PhaseDates::parse(
        &mut issues,
        [
            (&form.information_date, "information_date"),
            (&form.proposals_date, "proposals_date"),
            (&form.review_date, "review_date"),
            (&form.voting_date, "voting_date"),
            (&form.voting_end_date, "voting_end_date"),
        ],
    );
    let (
        Some(texts),
        Some(budget_total),
        Some(area_budgets),
        Some((min_age, max_age)),
        Some(residence),
        Some(verification),
        Some(ballot),
        Some(criteria),
        Some(dates),
    ) = (
        texts,
        budget_total,
        areas,
        ages,
        residence,
        verification,
        ballot,
        criteria,
        dates,
    )
    else {
        return issues.finish(None);
    };
    issues.finish(Some(RoundConfig {
        title_sv: texts.title_sv,
        title_en: texts.title_en,
        summary_sv: texts.summary_sv,
        summary_en: texts.summary_en,
        budget_total,
        settings: RoundSettings {
            easy_read_sv: texts.easy_read_sv,
            area_budgets,
            min_age,
            max_age,
            residence,
            verification,
            ballot_format: ballot.format,
            rule: ballot.rule,
            tie_break: ballot.tie_break,
            max_choices: ballot.max_choices,
            points_total: ballot.points.map(|(total, _)| total),
            points_max_per_project: ballot.points.map(|(_, max)| max),
            criteria,
            dates,
        },
    }))
}

/// The texts of a round.
struct Texts {
    title_sv: String,
    title_en: Option<String>,
    summary_sv: String,
    summary_en: Option<String>,
    easy_read_sv: Option<String>,
}

fn parse_texts(issues: &mut Issues, form: &RoundForm) -> Option<Texts> {
    let (title_codes, summary_codes) = (
        (Code::TitleSvEmpty, Code::TitleSvTooLong),
        (Code::SummarySvEmpty, Code::TextTooLong),
    );
    let title_sv = required_text(issues, &form.title_sv, "title_sv", title_codes, TITLE_MAX);
    let title_en = optional_text(
        issues,
        &form.title_en,
        "title_en",
        Code::TitleEnTooLong,
        TITLE_MAX,
    );
    let summary_sv = required_text(
        issues,
        &form.summary_sv,
        "summary_sv",
        summary_codes,
        TEXT_MAX,
    );
    let summary_en = optional_text(
        issues,
        &form.summary_en,
        "summary_en",
        Code::TextTooLong,
        TEXT_MAX,
    );
    let easy_read_sv = optional_text(
        issues,
        &form.easy_read_sv,
        "easy_read_sv",
        Code::TextTooLong,
        TEXT_MAX,
    );
    Some(Texts {
        title_sv: title_sv?,
        title_en: title_en?,
        summary_sv: summary_sv?,
        summary_en: summary_en?,
        easy_read_sv: easy_read_sv?,
    })
}

/// A budget amount, with `budget_*` codes on `field`.
fn parse_budget(issues: &mut Issues, text: &str, field: &'static str) -> Option<i64> {
    let code = match parse_sek(text) {
        Ok(amount) => return Some(amount),
        Err(SekError::Empty) => Code::BudgetEmpty,
        Err(SekError::NotANumber) => Code::BudgetInvalid,
        Err(SekError::NotPositive) => Code::BudgetNotPositive,
        Err(SekError::TooLarge) => Code::BudgetTooLarge,
    };
    issues.push(field, code);
    None
}

/// The areas budgeted separately; together they must be the whole budget.
fn parse_area_budgets(
    issues: &mut Issues,
    inputs: &[AreaBudgetInput],
    total: Option<i64>,
) -> Option<Vec<(i64, i64)>> {
    let given = inputs
        .iter()
        .filter(|input| !input.amount.trim().is_empty());
    let parsed: Option<Vec<(i64, i64)>> = given
        .map(|input| {
            Some((
                input.area_id,
                parse_budget(issues, &input.amount, "area_budget")?,
            ))
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect();
    let parsed = parsed?;
    let sum: i128 = parsed.iter().map(|&(_, amount)| i128::from(amount)).sum();
    match total {
        Some(total) if !parsed.is_empty() && sum != i128::from(total) => {
            issues.push("area_budget", Code::AreaBudgetsSum);
            None
        }
        _ => Some(parsed),
    }
}

/// An age limit: empty for none, otherwise 0 to [`AGE_MAX`].
fn parse_age(issues: &mut Issues, text: &str, field: &'static str) -> Option<Option<u8>> {
    let text = text.trim();
    if text.is_empty() {
        return Some(None);
    }
    match text.parse::<u8>() {
        Ok(age) if age <= AGE_MAX => Some(Some(age)),
        _ => {
            issues.push(field, Code::AgeInvalid);
            None
        }
    }
}

fn parse_ages(issues: &mut Issues, form: &RoundForm) -> Option<(Option<u8>, Option<u8>)> {
    let min = parse_age(issues, &form.min_age, "min_age");
    let max = parse_age(issues, &form.max_age, "max_age");
    match (min?, max?) {
        (Some(min), Some(max)) if min > max => {
            issues.push("max_age", Code::AgeRange);
            None
        }
        ages => Some(ages),
    }
}

/// One criterion per non-blank line.
fn parse_criteria(issues: &mut Issues, text: &str) -> Option<Vec<String>> {
    let criteria: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect();
    let mut valid = true;
    if criteria.is_empty() {
        issues.push("criteria", Code::CriteriaEmpty);
        valid = false;
    }
    if criteria.len() > CRITERIA_MAX {
        issues.push("criteria", Code::CriteriaTooMany);
        valid = false;
    }
    if criteria.iter().any(|c| char_count(c) > CRITERION_MAX) {
        issues.push("criteria", Code::CriterionTooLong);
        valid = false;
    }
    valid.then_some(criteria)
}

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;
