//! The pure pieces of following a round by email: what a subscription
//! covers ([`Scope`], stored as stable text), what a mail is about
//! ([`NotificationKind`]), when the next digest may go out ([`digest_due`]:
//! at most one mail a day per round and recipient, so following a busy round
//! never floods anyone) and the subscribe form ([`parse_subscribe`]).

use std::fmt;
use std::str::FromStr;

use chrono::{NaiveDateTime, TimeDelta};
use serde::{Deserialize, Serialize};

use crate::FieldIssue;
use crate::email::Email;
use crate::round::{Issues, choice_enum, required_email};

/// What a subscriber follows. Its text form (`all`, `round:12`,
/// `project:34`) is stable: it is stored in the database and used in links.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Scope {
    /// Every round of the municipality.
    All,
    /// One round, by id.
    Round(i64),
    /// One project, by id.
    Project(i64),
}

/// A text that is not a [`Scope`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown subscription scope '{0}'")]
pub struct ParseScopeError(pub String);

impl Scope {
    /// Parses the exact text form written by `Display`: `all`,
    /// `round:<id>` or `project:<id>`, the id in plain decimal (no spaces,
    /// `+` or leading zeros), so every scope has exactly one text.
    pub fn parse(text: &str) -> Result<Scope, ParseScopeError> {
        let error = || ParseScopeError(text.to_owned());
        if text == "all" {
            return Ok(Scope::All);
        }
        let (kind, id) = text.split_once(':').ok_or_else(error)?;
        let id: i64 = id.parse().map_err(|_| error())?;
        let scope = match kind {
            "round" => Scope::Round(id),
            "project" => Scope::Project(id),
            _ => return Err(error()),
        };
        if scope.to_string() == text {
            Ok(scope)
        } else {
            Err(error())
        }
    }

    /// Whether news about `project` (if any) in round `round` reaches a
    /// subscriber of this scope.
    pub fn covers(self, round: i64, project: Option<i64>) -> bool {
        match self {
            Scope::All => true,
            Scope::Round(id) => id == round,
            Scope::Project(id) => project == Some(id),
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scope::All => f.write_str("all"),
            Scope::Round(id) => write!(f, "round:{id}"),
            Scope::Project(id) => write!(f, "project:{id}"),
        }
    }
}

impl FromStr for Scope {
    type Err = ParseScopeError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Scope::parse(text)
    }
}

impl TryFrom<String> for Scope {
    type Error = ParseScopeError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        Scope::parse(&text)
    }
}

impl From<Scope> for String {
    fn from(scope: Scope) -> String {
        scope.to_string()
    }
}

choice_enum! {
    /// What a notification mail is about.
    pub enum NotificationKind {
        /// Voting has opened in the round.
        VotingOpen = "voting_open",
        /// The result of the vote is published.
        ResultsPublished = "results_published",
        /// The politicians recorded a decision on a project.
        DecisionRecorded = "decision_recorded",
        /// Staff posted an implementation update on a project.
        ImplementationUpdate = "implementation_update",
    }
}

/// The least time between two mails about one round to one recipient.
pub const DIGEST_INTERVAL: TimeDelta = TimeDelta::hours(24);

/// Whether a digest about a round may be sent to a recipient `now`, given
/// when the last one went out: never sent, or at least [`DIGEST_INTERVAL`]
/// ago. A `last_sent` after `now` (a clock moved back) waits.
pub fn digest_due(last_sent: Option<NaiveDateTime>, now: NaiveDateTime) -> bool {
    last_sent.is_none_or(|last| now.signed_duration_since(last) >= DIGEST_INTERVAL)
}

/// The subscribe form: an email address.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SubscribeForm {
    /// The address to send news to.
    pub email: String,
}

/// Parses the subscribe form into an [`Email`] (field `email`).
pub fn parse_subscribe(form: &SubscribeForm) -> Result<Email, Vec<FieldIssue>> {
    let mut issues = Issues::default();
    let email = required_email(&mut issues, &form.email, "email");
    issues.finish(email)
}

#[cfg(test)]
#[path = "subscription_tests.rs"]
mod tests;
