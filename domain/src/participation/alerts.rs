//! When to tell a round's staff that a group has fallen under the line.
//! A notice goes out once, when a group is first flagged as
//! under-represented; it goes out again only if the group recovers (is no
//! longer flagged at some check) and then falls under once more. The flags
//! of the last check are all the state needed: the server stores them per
//! round after every check.

use super::Group;

/// The groups flagged now that were not flagged at the previous check, in
/// order and each once: those whose staff should get a notice.
pub fn newly_under(previous_flags: &[Group], current_flags: &[Group]) -> Vec<Group> {
    let mut newly: Vec<Group> = current_flags
        .iter()
        .copied()
        .filter(|group| !previous_flags.contains(group))
        .collect();
    newly.sort_unstable();
    newly.dedup();
    newly
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::participation::{AgeBand, Birthplace};
    use proptest::prelude::*;

    const YOUNG: Group = Group::Age(AgeBand::From20To29);
    const ABROAD: Group = Group::Born(Birthplace::Abroad);

    #[test]
    fn a_group_is_noticed_when_it_first_falls_under() {
        assert_eq!(newly_under(&[], &[ABROAD, YOUNG]), [YOUNG, ABROAD]);
    }

    #[test]
    fn a_group_that_stays_under_is_not_noticed_again() {
        assert_eq!(newly_under(&[YOUNG], &[YOUNG]), []);
        assert_eq!(newly_under(&[YOUNG], &[YOUNG, ABROAD]), [ABROAD]);
    }

    #[test]
    fn a_group_is_noticed_again_only_after_it_recovered() {
        // Successive checks: under, under, recovered, under again.
        let checks: [&[Group]; 4] = [&[YOUNG], &[YOUNG], &[], &[YOUNG]];
        let mut previous: &[Group] = &[];
        let mut notices = Vec::new();
        for current in checks {
            notices.extend(newly_under(previous, current));
            previous = current;
        }
        assert_eq!(notices, [YOUNG, YOUNG]);
    }

    #[test]
    fn repeated_flags_give_one_notice() {
        assert_eq!(newly_under(&[], &[YOUNG, YOUNG]), [YOUNG]);
    }

    fn group() -> impl Strategy<Value = Group> {
        prop::sample::select(
            crate::participation::Dimension::ALL
                .iter()
                .flat_map(|d| d.groups(&[1, 2]))
                .collect::<Vec<_>>(),
        )
    }

    proptest! {
        #[test]
        fn over_any_sequence_of_checks_notices_equal_the_falls_under(
            checks in prop::collection::vec(prop::collection::vec(group(), 0..6), 1..12),
        ) {
            let mut previous: Vec<Group> = Vec::new();
            for current in &checks {
                let newly = newly_under(&previous, current);
                for group in current {
                    prop_assert_eq!(newly.contains(group), !previous.contains(group));
                }
                for group in &newly {
                    prop_assert!(current.contains(group));
                }
                previous = current.clone();
            }
        }
    }
}
