//! What a resident proposes: a title, a description, where (an area of the
//! municipality, a place name and optionally a point on the map) and what it
//! would cost. A proposal that costs more than the whole round could never
//! be funded, so it is refused at the door rather than in review.

use crate::Code;
use serde::{Deserialize, Serialize};

use super::{Issues, SekError, optional_text, parse_sek, required_text};
use crate::FieldIssue;

/// Longest title of a proposal or a round, in characters.
pub const TITLE_MAX: usize = 120;
/// Longest description, in characters.
pub const DESCRIPTION_MAX: usize = 5000;
/// Longest place name, in characters.
pub const PLACE_MAX: usize = 200;

/// A proposal as posted by the form: raw text throughout.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProposalForm {
    /// A short name for the proposal.
    pub title: String,
    /// What and why.
    pub description: String,
    /// The area's id; empty for the whole municipality.
    pub area_id: String,
    /// A place name, optional.
    pub place: String,
    /// Decimal degrees, point or comma (`59,33`); empty with `longitude`.
    pub latitude: String,
    /// Decimal degrees, point or comma; empty with `latitude`.
    pub longitude: String,
    /// Estimated cost in whole kronor.
    pub cost: String,
}

/// What a proposal is checked against.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalRules {
    /// The round's total budget: no proposal may cost more.
    pub max_cost: i64,
    /// The areas of the municipality.
    pub area_ids: Vec<i64>,
}

/// A valid proposal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProposalInput {
    /// Trimmed, 1 to [`TITLE_MAX`] characters.
    pub title: String,
    /// Trimmed, 1 to [`DESCRIPTION_MAX`] characters.
    pub description: String,
    /// One of the rules' areas; `None` for the whole municipality.
    pub area_id: Option<i64>,
    /// Trimmed, at most [`PLACE_MAX`] characters.
    pub place: Option<String>,
    /// (latitude, longitude) in decimal degrees.
    pub position: Option<(f64, f64)>,
    /// Whole kronor, 1 to the round's budget.
    pub cost: i64,
}

/// Parses a resident's proposal, with every problem at once.
pub fn parse_proposal(
    form: &ProposalForm,
    rules: &ProposalRules,
) -> Result<ProposalInput, Vec<FieldIssue>> {
    let mut issues = Issues::default();
    let title = required_text(
        &mut issues,
        &form.title,
        "title",
        (Code::TitleEmpty, Code::TitleTooLong),
        TITLE_MAX,
    );
    let description = required_text(
        &mut issues,
        &form.description,
        "description",
        (Code::DescriptionEmpty, Code::DescriptionTooLong),
        DESCRIPTION_MAX,
    );
    let area_id = parse_area(&mut issues, &form.area_id, &rules.area_ids);
    let place = optional_text(
        &mut issues,
        &form.place,
        "place",
        Code::PlaceTooLong,
        PLACE_MAX,
    );
    let position = parse_position(&form.latitude, &form.longitude);
    if position.is_none() {
        issues.push("latitude", Code::PositionInvalid);
    }
    let cost = parse_cost(&mut issues, &form.cost, rules.max_cost);
    let (Some(title), Some(description), Some(area_id), Some(place), Some(position), Some(cost)) =
        (title, description, area_id, place, position, cost)
    else {
        return issues.finish(None);
    };
    let proposal = ProposalInput {
        title,
        description,
        area_id,
        place,
        position,
        cost,
    };
    issues.finish(Some(proposal))
}

/// An area of the municipality, or `Some(None)` for all of it.
fn parse_area(issues: &mut Issues, text: &str, area_ids: &[i64]) -> Option<Option<i64>> {
    let text = text.trim();
    if text.is_empty() {
        return Some(None);
    }
    let area = text.parse().ok().filter(|id| area_ids.contains(id));
    if area.is_none() {
        issues.push("area_id", Code::AreaInvalid);
    }
    area.map(Some)
}

/// Decimal degrees, with a decimal point or a Swedish decimal comma.
fn parse_degrees(text: &str, limit: f64) -> Option<f64> {
    let text = text.trim().replacen(',', ".", 1);
    let plain = text
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-' || b == b'+');
    let degrees: f64 = text.parse().ok().filter(|_| plain)?;
    (degrees.abs() <= limit).then_some(degrees)
}

/// Both coordinates or neither: `Some(None)` for no position, `None` when invalid.
pub fn parse_position(latitude: &str, longitude: &str) -> Option<Option<(f64, f64)>> {
    match (latitude.trim().is_empty(), longitude.trim().is_empty()) {
        (true, true) => Some(None),
        (false, false) => Some(Some((
            parse_degrees(latitude, 90.0)?,
            parse_degrees(longitude, 180.0)?,
        ))),
        _ => None,
    }
}

/// A cost in kronor within the round's budget, with `cost_*` codes.
fn parse_cost(issues: &mut Issues, text: &str, max_cost: i64) -> Option<i64> {
    let code = match parse_sek(text) {
        Ok(cost) if cost <= max_cost => return Some(cost),
        Ok(_) | Err(SekError::TooLarge) => Code::CostOverBudget,
        Err(SekError::Empty) => Code::CostEmpty,
        Err(SekError::NotANumber) => Code::CostInvalid,
        Err(SekError::NotPositive) => Code::CostNotPositive,
    };
    issues.push("cost", code);
    None
}

#[cfg(test)]
#[path = "proposal_tests.rs"]
mod tests;
