//! Partners: the local associations (föreningar) a nämnd works with to reach the groups that
//! take part least. A partner account names its organisation and the groups it works with; it
//! logs its outreach, runs kiosks at its meeting places and sees the figures of its groups —
//! nothing more ([`for_partner`]). Its groups are kept as comma-separated group keys.

use crate::Code;
use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::{Group, Representativeness};
use crate::FieldIssue;
use crate::round::{Issues, required_text};

/// Longest organisation name, in characters.
pub const ORGANISATION_MAX: usize = 100;

/// A partner's organisation and groups as the administrator's form posts them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PartnerForm {
    /// The association's name.
    pub organisation: String,
    /// Ticked groups: any key, a group key (`age:16-19`, `area:7`) as value.
    pub groups: BTreeMap<String, String>,
}

/// A valid partner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Partner {
    pub organisation: String,
    /// The groups it works with, in order, each once.
    pub groups: Vec<Group>,
}

/// Parses a partner, every problem at once. `area_ids` are the areas a group of the area
/// question may name.
pub fn parse_partner(form: &PartnerForm, area_ids: &[i64]) -> Result<Partner, Vec<FieldIssue>> {
    let mut issues = Issues::default();
    let organisation = required_text(
        &mut issues,
        &form.organisation,
        "organisation",
        (Code::OrganisationEmpty, Code::OrganisationTooLong),
        ORGANISATION_MAX,
    );
    let mut groups = BTreeSet::new();
    for key in form.groups.values().filter(|v| !v.trim().is_empty()) {
        match key.trim().parse::<Group>() {
            Ok(Group::Area(id)) if !area_ids.contains(&id) => {
                issues.push("groups", Code::ChoiceInvalid);
            }
            Ok(group) => {
                groups.insert(group);
            }
            Err(_) => issues.push("groups", Code::ChoiceInvalid),
        }
    }
    if form.groups.values().all(|v| v.trim().is_empty()) {
        issues.push("groups", Code::GroupsEmpty);
    }
    issues.finish(organisation.map(|organisation| Partner {
        organisation,
        groups: groups.into_iter().collect(),
    }))
}

/// The groups as stored: their keys, comma-separated.
pub fn groups_text(groups: &[Group]) -> String {
    let keys: Vec<String> = groups.iter().map(|g| g.key()).collect();
    keys.join(",")
}

/// The groups of a stored text; keys that no longer name a group are left out.
pub fn parse_groups_text(text: &str) -> Vec<Group> {
    let groups: BTreeSet<Group> = text
        .split(',')
        .filter_map(|k| k.trim().parse().ok())
        .collect();
    groups.into_iter().collect()
}

/// Whether a partner working with `groups` may record an outreach action aimed at `group`:
/// one of its groups, or everyone.
pub fn partner_may_aim(groups: &[Group], group: Option<Group>) -> Result<(), FieldIssue> {
    match group {
        Some(group) if !groups.contains(&group) => {
            Err(FieldIssue::new("group", Code::GroupNotPartner))
        }
        _ => Ok(()),
    }
}

/// The figures a partner working with `groups` sees: in every figure only those groups (their
/// counts already suppressed with everyone else's, so showing fewer cells reveals nothing
/// more); figures left without any group go; the trend only for those groups; the totals —
/// participants, and how many answered each question — are not theirs to see.
pub fn for_partner(stats: &Representativeness, groups: &[Group]) -> Representativeness {
    let mut figures = stats.figures.clone();
    for figure in &mut figures {
        figure.groups.retain(|g| groups.contains(&g.group));
        figure.answered = None;
    }
    figures.retain(|f| !f.groups.is_empty());
    let mut trend = stats.trend.clone();
    trend.retain(|s| s.group.is_some_and(|g| groups.contains(&g)));
    Representativeness {
        options: stats.options,
        participants: None,
        figures,
        days: stats.days.clone(),
        trend,
    }
}

#[cfg(test)]
#[path = "partner_tests.rs"]
mod tests;
