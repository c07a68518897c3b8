//! The ballots of a round by the channel they came by, against the voter register, checked
//! when voting closes. Online, kiosk and assisted ballots each belong to one registered
//! voter, so per channel the box and the register must hold the same number; paper ballots
//! are typed in by staff from the box of paper, and their register is the paper voter list:
//! the number checked off on it, which staff type in (none typed counts as none checked off,
//! so paper ballots without it are a mismatch). A mismatch
//! means a ballot without a voter or a voter without a ballot: the result must not be
//! published until staff have found out why.

use serde::{Deserialize, Serialize};

/// The channels whose ballots each have a register entry.
pub const REGISTERED: [&str; 3] = ["online", "kiosk", "assisted"];

/// One channel's count at the close.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelCount {
    pub channel: String,
    /// Ballots in the box that came by this channel.
    pub ballots: u64,
    /// Register entries of this channel (for paper, the people checked off the paper list);
    /// `None` for a channel that has no register.
    pub registered: Option<u64>,
}

impl ChannelCount {
    /// Whether the box and the register disagree on this channel.
    pub fn mismatched(&self) -> bool {
        self.registered.is_some_and(|r| r != self.ballots)
    }
}

/// Every channel that has ballots or register entries, in a fixed order (the registered
/// channels, then paper, then anything else by name). `paper_voters` is the number checked off
/// the paper voter list, if staff have typed it.
pub fn channel_counts<'a>(
    ballots: impl IntoIterator<Item = &'a str>,
    register: impl IntoIterator<Item = &'a str>,
    paper_voters: Option<u64>,
) -> Vec<ChannelCount> {
    use std::collections::BTreeMap;
    let mut counts: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
    for channel in ballots {
        counts.entry(channel).or_default().0 += 1;
    }
    for channel in register {
        counts.entry(channel).or_default().1 += 1;
    }
    if let Some(checked_off) = paper_voters {
        counts.entry("paper").or_default().1 += checked_off;
    }
    let rank = |c: &str| {
        REGISTERED
            .iter()
            .position(|r| *r == c)
            .unwrap_or(REGISTERED.len() + usize::from(c != "paper"))
    };
    let mut list: Vec<ChannelCount> = counts
        .into_iter()
        .map(|(channel, (ballots, registered))| ChannelCount {
            channel: channel.to_owned(),
            ballots,
            registered: (REGISTERED.contains(&channel) || channel == "paper").then_some(registered),
        })
        .collect();
    list.sort_by_key(|c| (rank(&c.channel), c.channel.clone()));
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(channel: &str, ballots: u64, registered: Option<u64>) -> ChannelCount {
        ChannelCount {
            channel: channel.to_owned(),
            ballots,
            registered,
        }
    }

    #[test]
    fn ballots_and_register_entries_are_counted_per_channel_in_a_fixed_order() {
        let ballots = ["paper", "online", "kiosk", "online", "assisted", "paper"];
        let register = ["kiosk", "online", "assisted", "online"];
        assert_eq!(
            channel_counts(ballots, register, Some(2)),
            [
                count("online", 2, Some(2)),
                count("kiosk", 1, Some(1)),
                count("assisted", 1, Some(1)),
                count("paper", 2, Some(2)),
            ]
        );
        assert!(
            channel_counts(ballots, register, Some(2))
                .iter()
                .all(|c| !c.mismatched())
        );
    }

    #[test]
    fn a_ballot_without_a_voter_or_a_voter_without_a_ballot_is_a_mismatch() {
        type Case<'a> = (&'a [&'a str], &'a [&'a str], Option<u64>, &'a [&'a str]);
        let table: [Case; 7] = [
            (&["online", "online"], &["online"], None, &["online"]),
            (&["kiosk"], &["kiosk", "kiosk"], None, &["kiosk"]),
            (&[], &["assisted"], None, &["assisted"]),
            // Paper ballots against the people checked off the paper list.
            (&["paper", "paper"], &[], Some(2), &[]),
            (&["paper", "paper"], &[], Some(3), &["paper"]),
            (&["paper"], &[], None, &["paper"]),
            (&[], &[], Some(1), &["paper"]),
        ];
        for (ballots, register, paper_voters, mismatched) in table {
            let counts = channel_counts(
                ballots.iter().copied(),
                register.iter().copied(),
                paper_voters,
            );
            let found: Vec<&str> = counts
                .iter()
                .filter(|c| c.mismatched())
                .map(|c| c.channel.as_str())
                .collect();
            assert_eq!(found, mismatched, "{ballots:?} against {register:?}");
        }
    }
}
