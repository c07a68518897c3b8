//! The decisions of casting a ballot that need no database: which ballot rules a round's
//! settings make, whether the way a voter was verified lets them vote in a round, and what a
//! declared birth year may be. The voting service used to make them inline; here each has a
//! name and a table of cases. Who is old enough or resident is
//! [`check_eligibility`](crate::round::check_eligibility)'s.

use crate::Code;
use crate::ballot::{BallotFormat as RulesFormat, BallotRules};
use crate::money::Money;
use crate::round::{BallotFormat, RoundSettings, Verification};

/// The earliest birth year a voter may declare.
pub const BIRTH_YEAR_MIN: i32 = 1900;

/// The rules a ballot of a round is checked against: its format with the round's limits
/// (approval and ranked without a limit allow every project; knapsack ballots fit the
/// round's `budget_total`), over the `projects` on the ballot as (id, cost in kronor).
pub fn ballot_rules(
    settings: &RoundSettings,
    budget_total: i64,
    projects: impl IntoIterator<Item = (i64, i64)>,
) -> BallotRules {
    let format = match settings.ballot_format {
        BallotFormat::Approval => RulesFormat::Approval {
            max_choices: settings.max_choices.unwrap_or(u32::MAX),
        },
        BallotFormat::Knapsack => RulesFormat::Knapsack {
            budget: kronor(budget_total),
        },
        BallotFormat::Cumulative => RulesFormat::Cumulative {
            total_points: settings.points_total.unwrap_or(0),
            max_per_project: settings.points_max_per_project.unwrap_or(0),
        },
        BallotFormat::Ranked => RulesFormat::Ranked {
            max_ranks: settings.max_choices.unwrap_or(u32::MAX),
        },
    };
    BallotRules::new(
        format,
        projects
            .into_iter()
            .map(|(id, cost)| (id.to_string(), kronor(cost))),
    )
}

/// Whole kronor as money; a negative amount counts as zero.
fn kronor(amount: i64) -> Money {
    Money::from_integer(amount.max(0) as u64)
}

/// Why a voter verified this way may not vote in a round asking for `verification`, or `None`
/// when they may. Everyone signed in has proved their address by an email link; a round asking
/// for in-person verification takes only voters let in at a kiosk (`in_person`); a round
/// asking for eID takes voters who proved who they are with eID (`eid`), and those let in in
/// person, where staff checked an identity document (for people without eID).
pub fn verification_refusal(
    verification: Verification,
    in_person: bool,
    eid: bool,
) -> Option<Code> {
    match verification {
        Verification::EmailLink => None,
        Verification::InPerson if in_person => None,
        Verification::InPerson => Some(Code::NotEligibleInPerson),
        Verification::EId if eid || in_person => None,
        Verification::EId => Some(Code::NotEligibleEid),
    }
}

/// The identity a ballot is registered under: the account's own, proved with eID
/// (`verified`), or the one staff typed from an identity document (`typed`). Refused with
/// [`Code::IdentityNumberMismatch`] when both are known and differ: the address belongs to
/// someone else than the person at the desk. Digests are compared, never numbers.
pub fn one_identity<'a>(
    verified: Option<&'a str>,
    typed: Option<&'a str>,
) -> Result<Option<&'a str>, Code> {
    match (verified, typed) {
        (Some(verified), Some(typed)) if verified != typed => Err(Code::IdentityNumberMismatch),
        (verified, typed) => Ok(verified.or(typed)),
    }
}

/// A declared birth year, trimmed: a whole number from [`BIRTH_YEAR_MIN`] to `this_year`.
pub fn parse_birth_year(text: &str, this_year: i32) -> Option<i32> {
    text.trim()
        .parse()
        .ok()
        .filter(|year| (BIRTH_YEAR_MIN..=this_year).contains(year))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_verification_lets_in_whom_the_table_says() {
        use Verification::{EId, EmailLink, InPerson};
        let table = [
            // (asked for, let in at a kiosk, proved with eID) -> refusal
            ((EmailLink, false, false), None),
            ((EmailLink, true, false), None),
            ((EmailLink, false, true), None),
            ((InPerson, false, false), Some(Code::NotEligibleInPerson)),
            ((InPerson, false, true), Some(Code::NotEligibleInPerson)),
            ((InPerson, true, false), None),
            ((EId, false, false), Some(Code::NotEligibleEid)),
            ((EId, false, true), None),
            ((EId, true, false), None),
        ];
        for ((verification, in_person, eid), expected) in table {
            assert_eq!(
                verification_refusal(verification, in_person, eid),
                expected,
                "{verification:?} in person: {in_person}, eID: {eid}"
            );
        }
    }

    #[test]
    fn a_ballot_has_one_identity_or_is_refused() {
        let table = [
            ((None, None), Ok(None)),
            ((Some("a"), None), Ok(Some("a"))),
            ((None, Some("b")), Ok(Some("b"))),
            ((Some("a"), Some("a")), Ok(Some("a"))),
            ((Some("a"), Some("b")), Err(Code::IdentityNumberMismatch)),
        ];
        for ((verified, typed), expected) in table {
            assert_eq!(one_identity(verified, typed), expected, "{verified:?} {typed:?}");
        }
    }

    #[test]
    fn a_birth_year_is_a_year_from_1900_to_now() {
        let table = [
            ("1990", Some(1990)),
            (" 2011 ", Some(2011)),
            ("1900", Some(1900)),
            ("2026", Some(2026)),
            ("1899", None),
            ("2027", None),
            ("", None),
            ("nittio", None),
            ("1990.5", None),
        ];
        for (text, expected) in table {
            assert_eq!(parse_birth_year(text, 2026), expected, "{text:?}");
        }
    }

    fn settings(format: BallotFormat) -> RoundSettings {
        RoundSettings {
            ballot_format: format,
            max_choices: Some(3),
            points_total: Some(10),
            points_max_per_project: Some(4),
            ..RoundSettings::default()
        }
    }

    #[test]
    fn each_ballot_format_takes_its_limits_from_the_settings() {
        let table = [
            (
                BallotFormat::Approval,
                RulesFormat::Approval { max_choices: 3 },
            ),
            (
                BallotFormat::Knapsack,
                RulesFormat::Knapsack {
                    budget: Money::from_integer(500),
                },
            ),
            (
                BallotFormat::Cumulative,
                RulesFormat::Cumulative {
                    total_points: 10,
                    max_per_project: 4,
                },
            ),
            (BallotFormat::Ranked, RulesFormat::Ranked { max_ranks: 3 }),
        ];
        for (format, expected) in table {
            let rules = ballot_rules(&settings(format), 500, [(7, 100)]);
            assert_eq!(rules.format, expected, "{format:?}");
        }
    }

    #[test]
    fn missing_limits_allow_every_project_and_no_points() {
        let open = RoundSettings {
            max_choices: None,
            points_total: None,
            points_max_per_project: None,
            ..settings(BallotFormat::Approval)
        };
        let approval = ballot_rules(&open, 0, []);
        assert_eq!(
            approval.format,
            RulesFormat::Approval {
                max_choices: u32::MAX
            }
        );
        let cumulative = RoundSettings {
            ballot_format: BallotFormat::Cumulative,
            ..open
        };
        assert_eq!(
            ballot_rules(&cumulative, 0, []).format,
            RulesFormat::Cumulative {
                total_points: 0,
                max_per_project: 0
            }
        );
    }

    #[test]
    fn projects_are_keyed_by_id_and_negative_amounts_count_as_zero() {
        let rules = ballot_rules(&settings(BallotFormat::Knapsack), -5, [(1, 200), (2, -3)]);
        assert_eq!(
            rules.format,
            RulesFormat::Knapsack {
                budget: Money::from_integer(0)
            }
        );
        assert_eq!(rules.projects["1"], Money::from_integer(200));
        assert_eq!(rules.projects["2"], Money::from_integer(0));
    }
}
