//! The ballot part of a round's configuration: format, counting rule and tie
//! break, and the limits each format needs (choices for approval and ranked
//! ballots, points for cumulative ones). Limits of other formats are
//! ignored, since the form keeps every input and hides the irrelevant ones.

use super::choice::parse_choice;
use super::{BallotFormat, CountingRule, Issues, MAX_CHOICES_MAX, POINTS_MAX, RoundForm, TieBreak};
use crate::Code;

/// The ballot part of a round.
pub(super) struct Ballot {
    pub(super) format: BallotFormat,
    pub(super) rule: CountingRule,
    pub(super) tie_break: TieBreak,
    pub(super) max_choices: Option<u32>,
    /// (total, most per project).
    pub(super) points: Option<(u32, u32)>,
}

/// A whole number in `1..=max`, or `None`.
fn parse_count(text: &str, max: u32) -> Option<u32> {
    text.trim().parse().ok().filter(|n| (1..=max).contains(n))
}

/// The ballot format, counting rule and tie break, with the limits the format needs.
pub(super) fn parse_ballot(issues: &mut Issues, form: &RoundForm) -> Option<Ballot> {
    let format: Option<BallotFormat> = parse_choice(issues, &form.ballot_format, "ballot_format");
    let rule = parse_choice(issues, &form.rule, "rule");
    let tie_break = parse_choice(issues, &form.tie_break, "tie_break");
    if rule == Some(CountingRule::Phragmen) && format.is_some_and(|f| f != BallotFormat::Approval) {
        issues.push("rule", Code::RuleNeedsApproval);
    }
    let chooses = matches!(format, Some(BallotFormat::Approval | BallotFormat::Ranked));
    let max_choices = if !chooses {
        None
    } else if form.max_choices.trim().is_empty() {
        issues.push("max_choices", Code::MaxChoicesRequired);
        None
    } else {
        let parsed = parse_count(&form.max_choices, MAX_CHOICES_MAX);
        if parsed.is_none() {
            issues.push("max_choices", Code::MaxChoicesInvalid);
        }
        parsed
    };
    let points = if format == Some(BallotFormat::Cumulative) {
        let total = parse_count(&form.points_total, POINTS_MAX);
        if total.is_none() {
            issues.push("points_total", Code::PointsInvalid);
        }
        let per_project = parse_count(&form.points_max_per_project, total.unwrap_or(POINTS_MAX));
        if per_project.is_none() {
            issues.push("points_max_per_project", Code::PointsInvalid);
        }
        Some((total?, per_project?))
    } else {
        None
    };
    let phragmen_ok =
        rule != Some(CountingRule::Phragmen) || format == Some(BallotFormat::Approval);
    if (chooses && max_choices.is_none()) || !phragmen_ok {
        return None;
    }
    Some(Ballot {
        format: format?,
        rule: rule?,
        tie_break: tie_break?,
        max_choices,
        points,
    })
}
