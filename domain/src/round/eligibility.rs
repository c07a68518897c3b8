//! Who may vote in a round: its age range and whether voters must live (or live or work) in
//! the municipality, checked against what the voter has declared. A missing declaration is
//! its own answer ("tell us first"), never a silent yes or no.

use crate::Code;
use serde::{Deserialize, Serialize};

use super::Residence;

/// What a voter has declared about themselves.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoterProfile {
    /// Year of birth.
    pub birth_year: Option<i32>,
    /// Whether they live in the municipality (`None`: not said).
    pub lives_here: Option<bool>,
    /// Whether they work or study in the municipality (`None`: not said).
    pub works_here: Option<bool>,
}

/// Why someone may not vote (yet); `code()` is the app's error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotEligible {
    /// The round asks for something the voter has not declared.
    ProfileNeeded,
    /// Younger than the round's minimum age this year.
    TooYoung,
    /// Older than the round's maximum age this year.
    TooOld,
    /// Neither lives (nor, where that counts, works) in the municipality.
    NotResident,
}

impl NotEligible {
    /// The stable code the app translates.
    pub fn code(self) -> Code {
        match self {
            NotEligible::ProfileNeeded => Code::ProfileNeeded,
            NotEligible::TooYoung => Code::NotEligibleTooYoung,
            NotEligible::TooOld => Code::NotEligibleTooOld,
            NotEligible::NotResident => Code::NotEligibleResidence,
        }
    }
}

/// Whether `profile` meets a round's rules in `year`. Age is the age reached this year (the
/// usual rule for youth rounds: "född 2011 eller tidigare").
pub fn check_eligibility(
    min_age: Option<u8>,
    max_age: Option<u8>,
    residence: Residence,
    profile: &VoterProfile,
    year: i32,
) -> Result<(), NotEligible> {
    if min_age.is_some() || max_age.is_some() {
        let born = profile.birth_year.ok_or(NotEligible::ProfileNeeded)?;
        let age = year - born;
        if min_age.is_some_and(|min| age < i32::from(min)) {
            return Err(NotEligible::TooYoung);
        }
        if max_age.is_some_and(|max| age > i32::from(max)) {
            return Err(NotEligible::TooOld);
        }
    }
    let lives = || profile.lives_here.ok_or(NotEligible::ProfileNeeded);
    match residence {
        Residence::Anyone => Ok(()),
        Residence::LivesIn => lives()?.then_some(()).ok_or(NotEligible::NotResident),
        Residence::LivesOrWorksIn => {
            if lives()? || profile.works_here.ok_or(NotEligible::ProfileNeeded)? {
                Ok(())
            } else {
                Err(NotEligible::NotResident)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(birth_year: Option<i32>, lives: Option<bool>, works: Option<bool>) -> VoterProfile {
        VoterProfile {
            birth_year,
            lives_here: lives,
            works_here: works,
        }
    }

    #[test]
    fn a_round_for_anyone_without_ages_asks_nothing() {
        assert_eq!(
            check_eligibility(
                None,
                None,
                Residence::Anyone,
                &VoterProfile::default(),
                2027
            ),
            Ok(())
        );
    }

    #[test]
    fn an_age_range_needs_a_birth_year_and_counts_the_age_reached_this_year() {
        let youth =
            |p: &VoterProfile| check_eligibility(Some(13), Some(25), Residence::Anyone, p, 2027);
        assert_eq!(
            youth(&profile(None, None, None)),
            Err(NotEligible::ProfileNeeded)
        );
        assert_eq!(
            youth(&profile(Some(2015), None, None)),
            Err(NotEligible::TooYoung),
            "12 this year"
        );
        assert_eq!(
            youth(&profile(Some(2014), None, None)),
            Ok(()),
            "13 this year"
        );
        assert_eq!(
            youth(&profile(Some(2002), None, None)),
            Ok(()),
            "25 this year"
        );
        assert_eq!(
            youth(&profile(Some(2001), None, None)),
            Err(NotEligible::TooOld),
            "26 this year"
        );
    }

    #[test]
    fn living_here_is_required_where_the_round_says_so() {
        let rule = |p: &VoterProfile| check_eligibility(None, None, Residence::LivesIn, p, 2027);
        assert_eq!(
            rule(&profile(None, None, Some(true))),
            Err(NotEligible::ProfileNeeded)
        );
        assert_eq!(
            rule(&profile(None, Some(false), Some(true))),
            Err(NotEligible::NotResident)
        );
        assert_eq!(rule(&profile(None, Some(true), None)), Ok(()));
    }

    #[test]
    fn working_here_is_enough_in_a_bor_eller_verkar_round() {
        let rule =
            |p: &VoterProfile| check_eligibility(None, None, Residence::LivesOrWorksIn, p, 2027);
        assert_eq!(rule(&profile(None, Some(false), Some(true))), Ok(()));
        assert_eq!(rule(&profile(None, Some(true), None)), Ok(()));
        assert_eq!(
            rule(&profile(None, Some(false), None)),
            Err(NotEligible::ProfileNeeded)
        );
        assert_eq!(
            rule(&profile(None, Some(false), Some(false))),
            Err(NotEligible::NotResident)
        );
    }
}
