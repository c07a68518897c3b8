//! Once voting has opened, what decides who may vote stays as it was when the first voter
//! was let in: the verification level, the age limits, residence and the day voting opened.
//! Changing them would let the rules move under people who have already voted (or been
//! turned away). The one change allowed while voting runs is moving its last day later, and
//! the service records that change, old → new, in the audit log.

use super::{Date, RoundSettings};
use crate::{Code, FieldIssue, Phase};

/// A moved last day of voting, to be audited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VotingEndMoved {
    pub from: Option<Date>,
    pub to: Option<Date>,
}

/// Checks `posted` settings against the `stored` ones of a round in `phase`: before voting
/// anything goes; from the opening of voting the eligibility fields must be unchanged, and
/// while voting the last day may only move later (or be removed, leaving the close to
/// staff). Returns the moved last day, if it moved.
pub fn check_voting_lock(
    phase: Phase,
    stored: &RoundSettings,
    posted: &RoundSettings,
) -> Result<Option<VotingEndMoved>, Vec<FieldIssue>> {
    if phase < Phase::Voting {
        return Ok(None);
    }
    let mut issues = Vec::new();
    let mut locked = |field: &'static str, changed: bool| {
        if changed {
            issues.push(FieldIssue::new(field, Code::EligibilityLocked));
        }
    };
    locked("verification", posted.verification != stored.verification);
    locked("min_age", posted.min_age != stored.min_age);
    locked("max_age", posted.max_age != stored.max_age);
    locked("residence", posted.residence != stored.residence);
    locked("voting_date", posted.dates.voting != stored.dates.voting);
    let (from, to) = (stored.dates.voting_end, posted.dates.voting_end);
    let later = match (from, to) {
        (Some(from), Some(to)) => to >= from,
        // No last day (staff close the vote), or a day set where there was none while voting.
        (_, None) | (None, Some(_)) => true,
    };
    if from != to && (phase > Phase::Voting || !later) {
        issues.push(FieldIssue::new("voting_end_date", Code::VotingEndOnlyLater));
    }
    match (issues.is_empty(), from != to) {
        (false, _) => Err(issues),
        (true, true) => Ok(Some(VotingEndMoved { from, to })),
        (true, false) => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::round::{Residence, Verification};

    fn day(d: u32) -> Option<Date> {
        Date::from_ymd_opt(2027, 3, d)
    }

    fn stored() -> RoundSettings {
        let mut s = RoundSettings::default();
        s.min_age = Some(12);
        s.dates.voting = day(1);
        s.dates.voting_end = day(20);
        s
    }

    fn fields(result: &Result<Option<VotingEndMoved>, Vec<FieldIssue>>) -> Vec<(&str, Code)> {
        match result {
            Ok(_) => Vec::new(),
            Err(issues) => issues.iter().map(|i| (i.field, i.code)).collect(),
        }
    }

    #[test]
    fn before_voting_everything_may_change() {
        let mut posted = stored();
        posted.verification = Verification::InPerson;
        posted.dates.voting_end = day(2);
        for phase in [
            Phase::Draft,
            Phase::Information,
            Phase::Proposals,
            Phase::Review,
        ] {
            assert_eq!(check_voting_lock(phase, &stored(), &posted), Ok(None));
        }
    }

    #[test]
    fn once_voting_has_opened_each_eligibility_field_is_refused_at_itself() {
        type Change = fn(&mut RoundSettings);
        let cases: [(Change, &str); 5] = [
            (|s| s.verification = Verification::InPerson, "verification"),
            (|s| s.min_age = Some(16), "min_age"),
            (|s| s.max_age = Some(25), "max_age"),
            (|s| s.residence = Residence::LivesIn, "residence"),
            (|s| s.dates.voting = day(2), "voting_date"),
        ];
        for phase in [Phase::Voting, Phase::Deliberation, Phase::Closed] {
            for (change, field) in cases {
                let mut posted = stored();
                change(&mut posted);
                let result = check_voting_lock(phase, &stored(), &posted);
                assert_eq!(
                    fields(&result),
                    [(field, Code::EligibilityLocked)],
                    "{phase}"
                );
            }
        }
    }

    #[test]
    fn while_voting_the_last_day_moves_later_only() {
        let table = [
            (day(21), true),
            (day(20), true),
            (day(19), false),
            (day(1), false),
            (None, true),
        ];
        for (to, allowed) in table {
            let mut posted = stored();
            posted.dates.voting_end = to;
            let result = check_voting_lock(Phase::Voting, &stored(), &posted);
            if allowed {
                let moved = (to != day(20)).then_some(VotingEndMoved { from: day(20), to });
                assert_eq!(result, Ok(moved), "{to:?}");
            } else {
                assert_eq!(
                    fields(&result),
                    [("voting_end_date", Code::VotingEndOnlyLater)]
                );
            }
        }
    }

    #[test]
    fn a_last_day_may_be_set_while_voting_where_there_was_none() {
        let mut without = stored();
        without.dates.voting_end = None;
        let result = check_voting_lock(Phase::Voting, &without, &stored());
        assert_eq!(
            result,
            Ok(Some(VotingEndMoved {
                from: None,
                to: day(20)
            }))
        );
    }

    #[test]
    fn after_voting_the_last_day_is_history() {
        let mut posted = stored();
        posted.dates.voting_end = day(25);
        let result = check_voting_lock(Phase::Deliberation, &stored(), &posted);
        assert_eq!(
            fields(&result),
            [("voting_end_date", Code::VotingEndOnlyLater)]
        );
    }

    #[test]
    fn texts_and_other_dates_stay_free_while_voting() {
        let mut posted = stored();
        posted.easy_read_sv = Some("Ny text".to_owned());
        posted.dates.information = day(2);
        posted.criteria.push("Nytt kriterium".to_owned());
        assert_eq!(
            check_voting_lock(Phase::Voting, &stored(), &posted),
            Ok(None)
        );
    }
}
