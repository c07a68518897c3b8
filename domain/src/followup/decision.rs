//! The politicians' decision on one project, as recorded after the vote:
//! approved, not approved or postponed, at which meeting, under which
//! protocol paragraph (§), with a link to the minutes. Residents are owed an
//! explanation whenever the decision differs from their result, so the
//! public motivation is then required (and always for a postponement).

use crate::Code;
use serde::{Deserialize, Serialize};

use super::required_date;
use crate::FieldIssue;
use crate::round::{Date, Issues, char_count, choice_enum, optional_text, parse_choice};

/// Longest public motivation, in characters.
pub const MOTIVATION_MAX: usize = 2000;
/// Longest protocol reference as typed, in characters.
pub const PROTOCOL_SECTION_MAX: usize = 40;
/// Longest link to the minutes, in characters.
pub const MINUTES_URL_MAX: usize = 500;

choice_enum! {
    /// What the politicians decided about one project.
    pub enum DecisionOutcome {
        /// The project is to be carried out.
        Approved = "approved",
        /// The project will not be carried out.
        NotApproved = "not_approved",
        /// The decision is put off to a later meeting.
        Postponed = "postponed",
    }
}

/// A decision as posted by the politicians' form: raw text throughout.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DecisionForm {
    /// `approved`, `not_approved` or `postponed`.
    pub outcome: String,
    /// The public motivation; required when the decision differs from the
    /// residents' result, and for a postponement.
    pub motivation: String,
    /// The protocol paragraph: `§ 45`, `§45` or `45` (also `45a`, `45:2`).
    pub protocol_section: String,
    /// The day of the meeting, `YYYY-MM-DD`.
    pub meeting_date: String,
    /// A link to the minutes, optional.
    pub minutes_url: String,
}

/// A valid decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionInput {
    /// What was decided.
    pub outcome: DecisionOutcome,
    /// Trimmed, at most [`MOTIVATION_MAX`] characters; always `Some` when
    /// [`differs_from_residents`] or postponed.
    pub motivation: Option<String>,
    /// Normalised to `§ 45` (`§ 45a`, `§ 45:2`).
    pub protocol_section: String,
    /// The day of the meeting.
    pub meeting_date: Date,
    /// An `http(s)://` address with a host, at most [`MINUTES_URL_MAX`] characters.
    pub minutes_url: Option<String>,
}

/// Whether politicians may record decisions in a round in `phase`: once the votes are
/// counted (deliberation) and until implementation starts.
pub fn decisions_open(phase: crate::Phase) -> bool {
    matches!(phase, crate::Phase::Deliberation | crate::Phase::Decided)
}

/// Whether `outcome` goes against the residents' result: approved although
/// the vote did not fund the project, or not approved or postponed although
/// it did. Pages show the motivation prominently where this is `true`.
pub fn differs_from_residents(outcome: DecisionOutcome, residents_funded: bool) -> bool {
    match outcome {
        DecisionOutcome::Approved => !residents_funded,
        DecisionOutcome::NotApproved | DecisionOutcome::Postponed => residents_funded,
    }
}

/// Parses a decision on a project that the residents' vote funded or not
/// (`residents_funded`), with every problem at once.
pub fn parse_decision(
    form: &DecisionForm,
    residents_funded: bool,
) -> Result<DecisionInput, Vec<FieldIssue>> {
    let mut issues = Issues::default();
    let outcome: Option<DecisionOutcome> = parse_choice(&mut issues, &form.outcome, "outcome");
    let motivation = optional_text(
        &mut issues,
        &form.motivation,
        "motivation",
        Code::TextTooLong,
        MOTIVATION_MAX,
    );
    let needs_motivation = outcome.is_some_and(|outcome| {
        outcome == DecisionOutcome::Postponed || differs_from_residents(outcome, residents_funded)
    });
    if needs_motivation && motivation == Some(None) {
        issues.push("motivation", Code::MotivationRequired);
    }
    let protocol_section = protocol_section(&mut issues, &form.protocol_section);
    let meeting_date = required_date(&mut issues, &form.meeting_date, "meeting_date");
    let minutes_url = minutes_url(&mut issues, &form.minutes_url);
    let (
        Some(outcome),
        Some(motivation),
        Some(protocol_section),
        Some(meeting_date),
        Some(minutes_url),
    ) = (
        outcome,
        motivation,
        protocol_section,
        meeting_date,
        minutes_url,
    )
    else {
        return issues.finish(None);
    };
    issues.finish(Some(DecisionInput {
        outcome,
        motivation,
        protocol_section,
        meeting_date,
        minutes_url,
    }))
}

/// A protocol paragraph, normalised to `§ 45`, `§ 45a` or `§ 45:2`.
fn protocol_section(issues: &mut Issues, text: &str) -> Option<String> {
    let text = text.trim();
    let code = if text.is_empty() {
        Code::ProtocolSectionEmpty
    } else if char_count(text) > PROTOCOL_SECTION_MAX {
        Code::ProtocolSectionTooLong
    } else if let Some(section) = normalise_section(text) {
        return Some(section);
    } else {
        Code::ProtocolSectionInvalid
    };
    issues.push("protocol_section", code);
    None
}

/// `§ 45` from `§ 45`, `§45` or `45`: a number without leading zeros, then
/// optionally one letter (lowercased) or `:` and a second number.
fn normalise_section(text: &str) -> Option<String> {
    let text = text.trim();
    let rest = text.strip_prefix('§').map_or(text, str::trim_start);
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let (number, suffix) = rest.split_at(digits);
    if !plain_number(number) {
        return None;
    }
    let suffix = match suffix.as_bytes() {
        [] => String::new(),
        [letter] if letter.is_ascii_alphabetic() => {
            char::from(letter.to_ascii_lowercase()).to_string()
        }
        [b':', ..] if plain_number(&suffix[1..]) => suffix.to_owned(),
        _ => return None,
    };
    Some(format!("§ {number}{suffix}"))
}

/// 1 to 4 ASCII digits, not starting with `0`.
fn plain_number(text: &str) -> bool {
    (1..=4).contains(&text.len())
        && text.bytes().all(|b| b.is_ascii_digit())
        && !text.starts_with('0')
}

/// An optional link to the minutes.
fn minutes_url(issues: &mut Issues, text: &str) -> Option<Option<String>> {
    let text = text.trim();
    if text.is_empty() {
        return Some(None);
    }
    if char_count(text) > MINUTES_URL_MAX {
        issues.push("minutes_url", Code::UrlTooLong);
        return None;
    }
    let url = parse_web_url(text);
    if url.is_none() {
        issues.push("minutes_url", Code::UrlInvalid);
    }
    url.map(Some)
}

/// An absolute `http://` or `https://` address whose host is a domain name
/// such as `kommun.se` (optionally with a port), without spaces, quotes or
/// user names. The scheme is lowercased; the rest is kept as typed.
fn parse_web_url(text: &str) -> Option<String> {
    let text = text.trim();
    let bad = |c: char| c.is_whitespace() || c.is_control() || "\"<>\\`".contains(c);
    if text.contains(bad) {
        return None;
    }
    let (scheme, rest) = text.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    let (host, port_ok) = match authority.split_once(':') {
        None => (authority, true),
        Some((host, port)) => {
            let digits = port.bytes().all(|b| b.is_ascii_digit());
            (
                host,
                digits && port.parse::<u16>().is_ok_and(|port| port > 0),
            )
        }
    };
    if !port_ok || !domain_name(host) {
        return None;
    }
    Some(format!("{scheme}://{rest}"))
}

/// Two or more labels of letters, digits and inner hyphens; not all digits
/// at the end (no bare IP addresses).
fn domain_name(host: &str) -> bool {
    let label_ok = |label: &str| {
        !label.is_empty()
            && char_count(label) <= 63
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    let labels: Vec<&str> = host.split('.').collect();
    let tld_ok = labels
        .last()
        .is_some_and(|tld| tld.chars().any(|c| !c.is_ascii_digit()));
    labels.len() >= 2 && labels.iter().all(|label| label_ok(label)) && tld_ok
}

#[cfg(test)]
#[path = "decision_tests.rs"]
mod tests;
