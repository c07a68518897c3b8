//! Small-count suppression over linked figures. Participation figures are
//! counts of people, and a count below a threshold (5 by default) could
//! point at someone, so it is never shown — neither directly nor so that it
//! can be worked out by subtracting shown counts from a shown total.
//!
//! A [`CountTable`] holds every count a page or export shows, the counts it
//! does not show but that tie them together (those who skipped a question,
//! a day's new participants in a trend), and the sums that hold between
//! them (a figure's total is the sum of its groups; everyone is women plus
//! men plus the rest). [`CountTable::suppress`] then hides:
//!
//! 1. **primary**: every shown count below the threshold;
//! 2. **secondary**: whatever else is needed so that no hidden small count,
//!    and no *protected* unshown one, can be derived. A reader is assumed to
//!    know every sum and to apply two steps until nothing changes: a sum
//!    with one unknown term gives that term by subtraction, and a sum whose
//!    unknown parts add up to zero makes each of them zero (counts are
//!    never negative). When a small count can be derived, the smallest shown
//!    count in the chain of sums that derives it is hidden too (counts marked
//!    dispensable, such as a trend's past days, go first), and the check
//!    runs again until nothing small can be derived. So a figure never has
//!    exactly one hidden group beside its shown total: the next-smallest
//!    goes with it; and a hidden cell in one area's figure gets a partner in
//!    another area's when the municipality's figure would give it away.
//!
//! Zero is a small count too unless the caller chooses to show zeros: an
//! empty group points at no one, but it does say that everyone counted is
//! outside it, and hiding it costs a second hidden count beside it.
//!
//! This protects against subtraction along any sum, chained through linked
//! figures; it is not a full linear-programming audit (as τ-ARGUS offers),
//! which could find rarer combinations of several sums.

use std::collections::{BTreeSet, VecDeque};

/// A count in a [`CountTable`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CellId(usize);

/// Counts, whether each is shown, and the sums that hold between them.
#[derive(Debug, Clone, Default)]
pub struct CountTable {
    values: Vec<u64>,
    shown: Vec<bool>,
    protected: Vec<bool>,
    /// Shown counts to hide first when more must go.
    dispensable: Vec<bool>,
    /// Each sum as `[total, parts…]`.
    sums: Vec<Vec<usize>>,
}

/// What a reader can know of a count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Known {
    No,
    Shown,
    /// Derived through the sum with this index.
    Derived(usize),
}

impl CountTable {
    /// An empty table.
    pub fn new() -> CountTable {
        CountTable::default()
    }

    /// A count that is shown unless suppressed.
    pub fn shown(&mut self, value: u64) -> CellId {
        self.push(value, true, true)
    }

    /// A shown count that secondary suppression hides before any
    /// [`shown`](CountTable::shown) one (a trend's past days, say, rather
    /// than the current figures).
    pub fn shown_dispensable(&mut self, value: u64) -> CellId {
        let cell = self.push(value, true, true);
        self.dispensable[cell.0] = true;
        cell
    }

    /// A count never shown. When `protected`, it must also not be derivable
    /// when below the threshold (a trend's new participants on one day);
    /// otherwise it may be (those who skipped a question).
    pub fn unshown(&mut self, value: u64, protected: bool) -> CellId {
        self.push(value, false, protected)
    }

    fn push(&mut self, value: u64, shown: bool, protected: bool) -> CellId {
        self.values.push(value);
        self.shown.push(shown);
        self.protected.push(protected);
        self.dispensable.push(false);
        CellId(self.values.len() - 1)
    }

    /// Declares `total` the sum of `parts` (distinct cells, at least one).
    pub fn add_sum(&mut self, total: CellId, parts: &[CellId]) {
        debug_assert!(!parts.is_empty(), "a sum needs parts");
        debug_assert!(!parts.contains(&total), "a total is not its own part");
        debug_assert_eq!(
            parts.iter().map(|&part| self.value(part)).sum::<u64>(),
            self.value(total),
            "the parts do not add up to the total"
        );
        let terms = std::iter::once(total).chain(parts.iter().copied());
        self.sums.push(terms.map(|CellId(i)| i).collect());
    }

    /// The true count of a cell.
    pub fn value(&self, CellId(cell): CellId) -> u64 {
        self.values[cell]
    }

    /// Number of cells.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether the table has no cells.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Hides every shown count below `min_count` and whatever else would
    /// let a small count be derived (see the module documentation). With
    /// `show_zeros`, zero is not a small count: it is shown, and may be
    /// derived, like any count at or above the threshold.
    pub fn suppress(&self, min_count: u64, show_zeros: bool) -> Suppression {
        let small = |i: usize| self.is_small(CellId(i), min_count, show_zeros);
        let sensitive: Vec<bool> = (0..self.len())
            .map(|i| (self.shown[i] || self.protected[i]) && small(i))
            .collect();
        let mut hidden: Vec<bool> = (0..self.len())
            .map(|i| !self.shown[i] || small(i))
            .collect();
        let sums_of = self.sums_of_cells();
        loop {
            let known = self.derive(&hidden, &sums_of);
            let revealed: Vec<usize> = (0..self.len())
                .filter(|&i| sensitive[i] && known[i] != Known::No)
                .collect();
            let more: BTreeSet<usize> = revealed
                .iter()
                .filter_map(|&i| self.cover(i, &known))
                .collect();
            // Every derivation starts from visible counts, so a cover exists.
            debug_assert!(revealed.is_empty() || !more.is_empty());
            if more.is_empty() {
                break;
            }
            for cell in more {
                hidden[cell] = true;
            }
        }
        let visible = (0..self.len()).map(|i| (!hidden[i]).then_some(self.values[i]));
        Suppression {
            visible: visible.collect(),
            shown: self.shown.clone(),
        }
    }

    fn sums_of_cells(&self) -> Vec<Vec<usize>> {
        let mut sums_of = vec![Vec::new(); self.len()];
        for (s, terms) in self.sums.iter().enumerate() {
            for &term in terms {
                sums_of[term].push(s);
            }
        }
        sums_of
    }

    /// What a reader derives from the visible counts (module documentation).
    fn derive(&self, hidden: &[bool], sums_of: &[Vec<usize>]) -> Vec<Known> {
        let mut known: Vec<Known> = hidden
            .iter()
            .map(|&h| if h { Known::No } else { Known::Shown })
            .collect();
        let mut queue: VecDeque<usize> = (0..self.sums.len()).collect();
        let mut queued = vec![true; self.sums.len()];
        while let Some(s) = queue.pop_front() {
            queued[s] = false;
            let terms = &self.sums[s];
            let unknown: Vec<usize> = terms
                .iter()
                .copied()
                .filter(|&t| known[t] == Known::No)
                .collect();
            let zero_rest = known[terms[0]] != Known::No
                && unknown.iter().map(|&t| self.values[t]).sum::<u64>() == 0;
            if unknown.is_empty() || (unknown.len() > 1 && !zero_rest) {
                continue;
            }
            for cell in unknown {
                known[cell] = Known::Derived(s);
                for &next in &sums_of[cell] {
                    if !queued[next] {
                        queued[next] = true;
                        queue.push_back(next);
                    }
                }
            }
        }
        known
    }

    /// The visible count to hide so that `cell` is no longer derived: the
    /// smallest in the chain of sums that derives it, dispensable counts
    /// first and nearer sums first among equals. Hiding it breaks, or at least shortens, that chain.
    fn cover(&self, cell: usize, known: &[Known]) -> Option<usize> {
        /// Sums looked at per cover once a candidate is found.
        const MAX_SUMS: usize = 64;
        let Known::Derived(first) = known[cell] else {
            return None;
        };
        let mut visited = BTreeSet::from([first]);
        let mut queue = VecDeque::from([(first, 0)]);
        let mut best: Option<(bool, u64, usize, usize)> = None;
        while let Some((s, level)) = queue.pop_front() {
            for &term in &self.sums[s] {
                match known[term] {
                    Known::Shown => {
                        let kept = !self.dispensable[term];
                        let candidate = (kept, self.values[term], level, term);
                        if best.is_none_or(|b| candidate < b) {
                            best = Some(candidate);
                        }
                    }
                    Known::Derived(next)
                        if (best.is_none() || visited.len() < MAX_SUMS) && visited.insert(next) =>
                    {
                        queue.push_back((next, level + 1));
                    }
                    _ => {}
                }
            }
        }
        best.map(|(_, _, _, term)| term)
    }

    #[cfg(test)]
    pub(crate) fn sums(&self) -> &[Vec<usize>] {
        &self.sums
    }

    fn is_small(&self, CellId(cell): CellId, min_count: u64, show_zeros: bool) -> bool {
        let value = self.values[cell];
        value < min_count && !(show_zeros && value == 0)
    }

    /// Whether a cell must not be derivable: small, and shown or protected.
    #[cfg(test)]
    pub(crate) fn is_sensitive(&self, cell: CellId, min_count: u64, show_zeros: bool) -> bool {
        (self.shown[cell.0] || self.protected[cell.0]) && self.is_small(cell, min_count, show_zeros)
    }
}

/// The outcome of [`CountTable::suppress`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    visible: Vec<Option<u64>>,
    shown: Vec<bool>,
}

impl Suppression {
    /// The count to show, or `None` when it is suppressed (or never shown).
    pub fn visible(&self, CellId(cell): CellId) -> Option<u64> {
        self.visible[cell]
    }

    /// Whether a count meant to be shown is suppressed.
    pub fn is_suppressed(&self, CellId(cell): CellId) -> bool {
        self.shown[cell] && self.visible[cell].is_none()
    }
}

#[cfg(test)]
#[path = "suppression_tests.rs"]
pub(crate) mod tests;
