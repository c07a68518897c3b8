use super::*;
use crate::Code;
use crate::round::parse_date;
use proptest::prelude::*;

/// A round with proposals, all reviewed, some feasible, no ballots.
const READY: PhaseFacts = PhaseFacts {
    submitted_proposals: 10,
    unreviewed_proposals: 0,
    feasible_projects: 6,
    ballots: 0,
};

fn day(text: &str) -> Date {
    parse_date(text).unwrap()
}

fn dates() -> PhaseDates {
    PhaseDates {
        information: Some(day("2026-01-01")),
        proposals: Some(day("2026-02-01")),
        review: Some(day("2026-03-01")),
        voting: Some(day("2026-04-01")),
        voting_end: Some(day("2026-05-01")),
    }
}

#[test]
fn a_ready_round_may_take_every_allowed_step() {
    for from in Phase::ALL {
        for to in Phase::ALL {
            let allowed = check_phase_move(from, to, &READY);
            assert_eq!(allowed.is_ok(), from.can_move_to(to), "{from} → {to}");
        }
    }
}

#[test]
fn a_move_the_phases_do_not_allow_is_not_allowed() {
    assert_eq!(
        check_phase_move(Phase::Information, Phase::Review, &READY),
        Err(PhaseMoveError::NotAllowed)
    );
    assert_eq!(
        check_phase_move(Phase::Voting, Phase::Review, &READY),
        Err(PhaseMoveError::NotAllowed)
    );
    assert_eq!(
        check_phase_move(Phase::Review, Phase::Review, &READY),
        Err(PhaseMoveError::NotAllowed)
    );
}

#[test]
fn a_round_with_ballots_never_moves_back() {
    let facts = PhaseFacts {
        ballots: 1,
        ..READY
    };
    assert_eq!(
        check_phase_move(Phase::Review, Phase::Proposals, &facts),
        Err(PhaseMoveError::BallotsExist)
    );
    assert_eq!(
        check_phase_move(Phase::Information, Phase::Draft, &facts),
        Err(PhaseMoveError::BallotsExist)
    );
    assert_eq!(
        check_phase_move(Phase::Voting, Phase::Deliberation, &facts),
        Ok(())
    );
}

#[test]
fn voting_needs_a_feasible_project() {
    let facts = PhaseFacts {
        feasible_projects: 0,
        ..READY
    };
    assert_eq!(
        check_phase_move(Phase::Review, Phase::Voting, &facts),
        Err(PhaseMoveError::NoFeasibleProjects)
    );
}

#[test]
fn voting_needs_every_proposal_reviewed_which_is_reported_first() {
    let facts = PhaseFacts {
        unreviewed_proposals: 2,
        ..READY
    };
    assert_eq!(
        check_phase_move(Phase::Review, Phase::Voting, &facts),
        Err(PhaseMoveError::UnreviewedProposals)
    );
    let nothing_yet = PhaseFacts {
        unreviewed_proposals: 2,
        feasible_projects: 0,
        ..READY
    };
    assert_eq!(
        check_phase_move(Phase::Review, Phase::Voting, &nothing_yet),
        Err(PhaseMoveError::UnreviewedProposals)
    );
}

#[test]
fn review_needs_a_submitted_proposal() {
    let empty = PhaseFacts::default();
    assert_eq!(
        check_phase_move(Phase::Proposals, Phase::Review, &empty),
        Err(PhaseMoveError::NoProposals)
    );
    assert_eq!(
        check_phase_move(Phase::Information, Phase::Proposals, &empty),
        Ok(())
    );
}

#[test]
fn every_refusal_has_its_code() {
    let codes = [
        (PhaseMoveError::NotAllowed, Code::PhaseNotAllowed),
        (PhaseMoveError::BallotsExist, Code::PhaseBallotsExist),
        (PhaseMoveError::NoFeasibleProjects, Code::PhaseNoFeasible),
        (PhaseMoveError::UnreviewedProposals, Code::PhaseUnreviewed),
        (PhaseMoveError::NoProposals, Code::PhaseNoProposals),
    ];
    for (error, code) in codes {
        assert_eq!(error.code(), code);
        assert!(!error.to_string().is_empty());
    }
    assert_eq!(PhaseMoveError::ALL, codes.map(|(error, _)| error));
}

#[test]
fn a_round_moves_to_the_phase_whose_date_has_come() {
    let due = |today| due_phase(Phase::Information, &dates(), day(today), &READY);
    assert_eq!(due("2025-12-31"), None);
    assert_eq!(due("2026-01-31"), None);
    assert_eq!(due("2026-02-01"), Some(Phase::Proposals));
    assert_eq!(due("2026-04-15"), Some(Phase::Voting));
    assert_eq!(due("2027-01-01"), Some(Phase::Deliberation));
}

#[test]
fn a_draft_never_moves_by_date() {
    assert_eq!(
        due_phase(Phase::Draft, &dates(), day("2027-01-01"), &READY),
        None
    );
}

#[test]
fn dates_never_move_a_round_back_or_past_deliberation() {
    assert_eq!(
        due_phase(Phase::Voting, &dates(), day("2026-02-15"), &READY),
        None
    );
    assert_eq!(
        due_phase(Phase::Deliberation, &dates(), day("2030-01-01"), &READY),
        None
    );
    assert_eq!(
        due_phase(Phase::Decided, &dates(), day("2030-01-01"), &READY),
        None
    );
}

#[test]
fn a_round_without_dates_is_moved_by_staff() {
    assert_eq!(
        due_phase(
            Phase::Information,
            &PhaseDates::default(),
            day("2030-01-01"),
            &READY
        ),
        None
    );
}

#[test]
fn a_move_by_date_stops_where_staff_would_be_refused() {
    let today = day("2026-04-15");
    let unreviewed = PhaseFacts {
        unreviewed_proposals: 1,
        ..READY
    };
    assert_eq!(
        due_phase(Phase::Proposals, &dates(), today, &unreviewed),
        Some(Phase::Review)
    );
    assert_eq!(due_phase(Phase::Review, &dates(), today, &unreviewed), None);
    let no_proposals = PhaseFacts::default();
    assert_eq!(
        due_phase(Phase::Information, &dates(), today, &no_proposals),
        Some(Phase::Proposals)
    );
}

#[test]
fn phases_without_a_date_are_stepped_through_on_the_way_to_a_dated_one() {
    let sparse = PhaseDates {
        voting: Some(day("2026-04-01")),
        ..PhaseDates::default()
    };
    assert_eq!(
        due_phase(Phase::Information, &sparse, day("2026-04-01"), &READY),
        Some(Phase::Voting)
    );
}

fn any_phase() -> impl Strategy<Value = Phase> {
    prop::sample::select(Phase::ALL.to_vec())
}

fn any_date() -> impl Strategy<Value = Option<Date>> {
    prop::option::of((0u64..120).prop_map(|d| day("2026-01-01") + chrono::Days::new(d)))
}

proptest! {
    #[test]
    fn due_phase_only_takes_steps_staff_could_take(
        current in any_phase(),
        dates in (any_date(), any_date(), any_date(), any_date(), any_date()),
        today in 0u64..130,
        facts in (0u32..3, 0u32..3, 0u32..3, 0u32..3),
    ) {
        let (information, proposals, review, voting, voting_end) = dates;
        let dates = PhaseDates { information, proposals, review, voting, voting_end };
        let today = day("2026-01-01") + chrono::Days::new(today);
        let facts = PhaseFacts {
            submitted_proposals: facts.0,
            unreviewed_proposals: facts.1,
            feasible_projects: facts.2,
            ballots: facts.3,
        };
        if let Some(due) = due_phase(current, &dates, today, &facts) {
            prop_assert!(current != Phase::Draft && due > current && due <= Phase::Deliberation);
            prop_assert!(dates.start_of(due).is_some_and(|start| start <= today)
                || PhaseDates::PHASES.iter().any(|&p| p > due && dates.start_of(p).is_some_and(|s| s <= today)));
            let mut at = current;
            while at < due {
                let next = at.next().unwrap();
                prop_assert_eq!(check_phase_move(at, next, &facts), Ok(()));
                at = next;
            }
        }
    }
}
