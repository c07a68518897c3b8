//! The outreach log: what staff (and the nämnd's partner organisations) do to reach the groups
//! that take part too little — where, on which day, for which group, how many they met — so
//! the actions can be read on the same timeline as participation.

use crate::Code;
use serde::{Deserialize, Serialize};

use super::Group;
use crate::FieldIssue;
use crate::round::{Date, Issues, optional_text, parse_date, required_text};

/// Longest place, in characters.
pub const OUTREACH_PLACE_MAX: usize = 100;
/// Longest note, in characters.
pub const OUTREACH_NOTE_MAX: usize = 1000;
/// Most people one action can say it reached.
pub const OUTREACH_REACHED_MAX: u32 = 100_000;

/// An outreach action as the form posts it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OutreachForm {
    /// `YYYY-MM-DD`.
    pub day: String,
    /// Where, e.g. "Biblioteket i Norrby".
    pub place: String,
    /// A group key (`age:16-19`), or empty for everyone.
    pub group: String,
    /// How many people were reached, if counted.
    pub reached: String,
    /// What was done.
    pub note: String,
}

/// A valid outreach action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutreachInput {
    pub day: Date,
    pub place: String,
    /// The group aimed at; `None` for everyone.
    pub group: Option<Group>,
    pub reached: Option<u32>,
    pub note: Option<String>,
}

/// Parses an outreach action, every problem at once. `area_ids` are the areas a group of the
/// area question may name.
pub fn parse_outreach(
    form: &OutreachForm,
    area_ids: &[i64],
) -> Result<OutreachInput, Vec<FieldIssue>> {
    let mut issues = Issues::default();
    let day = if form.day.trim().is_empty() {
        issues.push("day", Code::DateEmpty);
        None
    } else {
        let day = parse_date(&form.day);
        if day.is_none() {
            issues.push("day", Code::DateInvalid);
        }
        day
    };
    let place = required_text(
        &mut issues,
        &form.place,
        "place",
        (Code::PlaceEmpty, Code::PlaceTooLong),
        OUTREACH_PLACE_MAX,
    );
    let group = match form.group.trim() {
        "" => Some(None),
        key => match key.parse::<Group>() {
            Ok(Group::Area(id)) if !area_ids.contains(&id) => None,
            Ok(group) => Some(Some(group)),
            Err(_) => None,
        },
    };
    if group.is_none() {
        issues.push("group", Code::ChoiceInvalid);
    }
    let reached = match form.reached.trim() {
        "" => Some(None),
        text => text
            .parse::<u32>()
            .ok()
            .filter(|n| *n <= OUTREACH_REACHED_MAX)
            .map(Some),
    };
    if reached.is_none() {
        issues.push("reached", Code::ReachedInvalid);
    }
    let note = optional_text(
        &mut issues,
        &form.note,
        "note",
        Code::NoteTooLong,
        OUTREACH_NOTE_MAX,
    );
    let (Some(day), Some(place), Some(group), Some(reached), Some(note)) =
        (day, place, group, reached, note)
    else {
        return issues.finish(None);
    };
    issues.finish(Some(OutreachInput {
        day,
        place,
        group,
        reached,
        note,
    }))
}

#[cfg(test)]
mod tests {
    use super::super::AgeBand;
    use super::*;

    fn form(day: &str, place: &str, group: &str, reached: &str) -> OutreachForm {
        OutreachForm {
            day: day.into(),
            place: place.into(),
            group: group.into(),
            reached: reached.into(),
            note: " Pratade med unga om förslagen. ".into(),
        }
    }

    #[test]
    fn an_action_names_its_day_place_group_and_how_many_it_reached() {
        let action = parse_outreach(
            &form("2027-03-04", " Fritidsgården ", "age:16-19", "35"),
            &[1],
        )
        .unwrap();
        assert_eq!(action.day, Date::from_ymd_opt(2027, 3, 4).unwrap());
        assert_eq!(action.place, "Fritidsgården");
        assert_eq!(action.group, Some(Group::Age(AgeBand::From16To19)));
        assert_eq!(action.reached, Some(35));
        assert_eq!(
            action.note.as_deref(),
            Some("Pratade med unga om förslagen.")
        );
        let everyone = parse_outreach(&form("2027-03-04", "Torget", "", ""), &[1]).unwrap();
        assert_eq!((everyone.group, everyone.reached), (None, None));
        let area = parse_outreach(&form("2027-03-04", "Torget", "area:1", "3"), &[1]).unwrap();
        assert_eq!(area.group, Some(Group::Area(1)));
    }

    #[test]
    fn every_problem_is_reported_on_its_field() {
        let issues = parse_outreach(&form("4 mars", "", "age:17-18", "-3"), &[1]).unwrap_err();
        assert_eq!(
            issues,
            [
                FieldIssue::new("day", Code::DateInvalid),
                FieldIssue::new("place", Code::PlaceEmpty),
                FieldIssue::new("group", Code::ChoiceInvalid),
                FieldIssue::new("reached", Code::ReachedInvalid),
            ]
        );
        let issues = parse_outreach(&form("", "Torget", "area:9", "100001"), &[1]).unwrap_err();
        assert_eq!(
            issues,
            [
                FieldIssue::new("day", Code::DateEmpty),
                FieldIssue::new("group", Code::ChoiceInvalid),
                FieldIssue::new("reached", Code::ReachedInvalid),
            ]
        );
        let mut long = form("2027-03-04", "Torget", "", "");
        long.note = "x".repeat(OUTREACH_NOTE_MAX + 1);
        assert_eq!(
            parse_outreach(&long, &[]).unwrap_err(),
            [FieldIssue::new("note", Code::NoteTooLong)]
        );
    }
}
