//! Folding accounts that are one mailbox: before addresses were compared in their canonical
//! form ([`crate::email::Email::canonical`]), `Anna@x.se` and `anna+2@x.se` could be two
//! accounts with a ballot each. This decides, without touching any data, which account stays,
//! which ballot stays in a round still being voted on, and what is reported.

use std::collections::BTreeMap;

/// An account as the fold sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub id: i64,
    pub canonical: String,
    /// Higher keeps its account: an administrator's or staff member's account stays the one
    /// audit events and decisions name.
    pub rank: u8,
}

/// Accounts that are one person: `keep` stays, `merge` are folded into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fold {
    pub canonical: String,
    pub keep: i64,
    pub merge: Vec<i64>,
}

/// Every group of more than one account with the same canonical address. The account kept is
/// the highest-ranked, then the oldest (lowest id); the others are merged in id order.
pub fn folds(holders: &[Holder]) -> Vec<Fold> {
    let mut groups: BTreeMap<&str, Vec<&Holder>> = BTreeMap::new();
    for holder in holders {
        groups.entry(&holder.canonical).or_default().push(holder);
    }
    groups
        .into_iter()
        .filter(|(_, group)| group.len() > 1)
        .map(|(canonical, mut group)| {
            group.sort_by_key(|h| (std::cmp::Reverse(h.rank), h.id));
            let keep = group[0].id;
            let mut merge: Vec<i64> = group[1..].iter().map(|h| h.id).collect();
            merge.sort_unstable();
            Fold {
                canonical: canonical.to_owned(),
                keep,
                merge,
            }
        })
        .collect()
}

/// What happens to the ballots of one folded person in a round that is still open: at most one
/// stays, and it is linked to the kept account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotFold {
    /// The account whose ballot stays, when it is not the kept account's own (it is moved).
    pub move_from: Option<i64>,
    /// Accounts whose ballots are taken out (one person, one ballot).
    pub drop: Vec<i64>,
}

/// Which ballot stays when the accounts `voted` (of a fold keeping `keep`) each have one in the
/// same open round: the kept account's own if it voted, otherwise the merged account's with the
/// lowest id. `None` when nothing changes.
pub fn ballot_fold(keep: i64, voted: &[i64]) -> Option<BallotFold> {
    let mut others: Vec<i64> = voted.iter().copied().filter(|&id| id != keep).collect();
    others.sort_unstable();
    others.dedup();
    if others.is_empty() {
        return None;
    }
    if voted.contains(&keep) {
        return Some(BallotFold {
            move_from: None,
            drop: others,
        });
    }
    let first = others.remove(0);
    Some(BallotFold {
        move_from: Some(first),
        drop: others,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holder(id: i64, canonical: &str, rank: u8) -> Holder {
        Holder {
            id,
            canonical: canonical.to_owned(),
            rank,
        }
    }

    #[test]
    fn only_groups_of_two_or_more_fold() {
        let holders = [
            holder(1, "anna@x.se", 0),
            holder(2, "bo@x.se", 0),
            holder(5, "anna@x.se", 0),
            holder(3, "anna@x.se", 0),
        ];
        assert_eq!(
            folds(&holders),
            [Fold {
                canonical: "anna@x.se".into(),
                keep: 1,
                merge: vec![3, 5],
            }]
        );
    }

    #[test]
    fn the_highest_rank_keeps_its_account_then_the_oldest() {
        let holders = [
            holder(1, "a@x.se", 0),
            holder(7, "a@x.se", 3),
            holder(4, "a@x.se", 3),
        ];
        let fold = &folds(&holders)[0];
        assert_eq!((fold.keep, fold.merge.as_slice()), (4, [1, 7].as_slice()));
    }

    #[test]
    fn no_accounts_no_folds() {
        assert!(folds(&[]).is_empty());
        assert!(folds(&[holder(1, "a@x.se", 0), holder(2, "b@x.se", 0)]).is_empty());
    }

    #[test]
    fn the_kept_accounts_ballot_stays() {
        assert_eq!(
            ballot_fold(1, &[3, 1, 2]),
            Some(BallotFold {
                move_from: None,
                drop: vec![2, 3],
            })
        );
    }

    #[test]
    fn without_its_own_the_lowest_merged_ballot_moves_to_the_kept_account() {
        assert_eq!(
            ballot_fold(1, &[5, 3]),
            Some(BallotFold {
                move_from: Some(3),
                drop: vec![5],
            })
        );
        assert_eq!(
            ballot_fold(1, &[4]),
            Some(BallotFold {
                move_from: Some(4),
                drop: vec![],
            })
        );
    }

    #[test]
    fn nothing_changes_when_only_the_kept_account_or_nobody_voted() {
        assert_eq!(ballot_fold(1, &[1]), None);
        assert_eq!(ballot_fold(1, &[]), None);
    }
}
