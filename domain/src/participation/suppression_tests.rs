use super::*;
use proptest::prelude::*;

/// Which cells a reader can work out from the visible ones, found
/// independently of `CountTable::derive`: repeat over every sum until
/// nothing changes — a sum with one unknown term gives it, and a known
/// total minus its known parts of zero makes every unknown part zero.
pub(crate) fn derivable(table: &CountTable, suppression: &Suppression) -> Vec<bool> {
    let mut known: Vec<bool> = (0..table.len())
        .map(|i| suppression.visible(CellId(i)).is_some())
        .collect();
    loop {
        let mut changed = false;
        for terms in table.sums() {
            let unknown: Vec<usize> = terms.iter().copied().filter(|&t| !known[t]).collect();
            let remainder = known[terms[0]].then(|| {
                let parts = terms[1..].iter().filter(|&&t| known[t]);
                table.value(CellId(terms[0])) as i128
                    - parts.map(|&t| table.value(CellId(t)) as i128).sum::<i128>()
            });
            if unknown.len() == 1 || (!unknown.is_empty() && remainder == Some(0)) {
                for t in unknown {
                    known[t] = true;
                }
                changed = true;
            }
        }
        if !changed {
            return known;
        }
    }
}

/// The sensitive cells a reader can work out (should be none).
pub(crate) fn leaks(
    table: &CountTable,
    suppression: &Suppression,
    min_count: u64,
    show_zeros: bool,
) -> Vec<usize> {
    let known = derivable(table, suppression);
    (0..table.len())
        .filter(|&i| known[i] && table.is_sensitive(CellId(i), min_count, show_zeros))
        .filter(|&i| suppression.visible(CellId(i)).is_none())
        .collect()
}

/// A figure: groups and their total.
fn figure(table: &mut CountTable, groups: &[u64]) -> (CellId, Vec<CellId>) {
    let cells: Vec<CellId> = groups.iter().map(|&g| table.shown(g)).collect();
    let total = table.shown(groups.iter().sum());
    table.add_sum(total, &cells);
    (total, cells)
}

fn visible(suppression: &Suppression, cells: &[CellId]) -> Vec<Option<u64>> {
    cells.iter().map(|&c| suppression.visible(c)).collect()
}

#[test]
fn counts_at_or_above_the_threshold_are_shown_and_those_below_are_not() {
    let mut table = CountTable::new();
    let (total, cells) = figure(&mut table, &[5, 40, 9]);
    let suppression = table.suppress(5, false);
    assert_eq!(visible(&suppression, &cells), [Some(5), Some(40), Some(9)]);
    assert_eq!(suppression.visible(total), Some(54));
    let suppression = table.suppress(10, false);
    assert_eq!(visible(&suppression, &cells), [None, Some(40), None]);
    assert!(suppression.is_suppressed(cells[0]) && !suppression.is_suppressed(cells[1]));
}

#[test]
fn a_single_small_group_takes_the_next_smallest_with_it() {
    let mut table = CountTable::new();
    let (total, cells) = figure(&mut table, &[3, 10, 20, 7]);
    let suppression = table.suppress(5, false);
    assert_eq!(
        visible(&suppression, &cells),
        [None, Some(10), Some(20), None]
    );
    assert_eq!(suppression.visible(total), Some(40));
    assert!(leaks(&table, &suppression, 5, false).is_empty());
}

#[test]
fn two_small_groups_protect_each_other() {
    let mut table = CountTable::new();
    let (_, cells) = figure(&mut table, &[3, 10, 20, 2]);
    let suppression = table.suppress(5, false);
    assert_eq!(
        visible(&suppression, &cells),
        [None, Some(10), Some(20), None]
    );
}

#[test]
fn hidden_groups_that_add_up_to_zero_are_protected_too() {
    // 0 and 0 beside 30 of 30: both zeros follow from the total.
    let mut table = CountTable::new();
    let (total, cells) = figure(&mut table, &[0, 30, 0]);
    let suppression = table.suppress(5, false);
    assert_eq!(visible(&suppression, &cells), [None, None, None]);
    assert_eq!(suppression.visible(total), Some(30));
    assert!(leaks(&table, &suppression, 5, false).is_empty());
}

#[test]
fn zeros_may_be_shown_as_they_point_at_no_one() {
    let mut table = CountTable::new();
    let (total, cells) = figure(&mut table, &[0, 30, 0, 3]);
    let suppression = table.suppress(5, true);
    // The 3 still needs a partner: the cheapest is a zero.
    assert_eq!(
        visible(&suppression, &cells),
        [None, Some(30), Some(0), None]
    );
    assert_eq!(suppression.visible(total), Some(33));
    assert!(leaks(&table, &suppression, 5, true).is_empty());
}

#[test]
fn a_small_total_hides_its_whole_figure() {
    let mut table = CountTable::new();
    let (total, cells) = figure(&mut table, &[2, 1]);
    let suppression = table.suppress(5, false);
    assert_eq!(visible(&suppression, &cells), [None, None]);
    assert_eq!(suppression.visible(total), None);
}

#[test]
fn a_threshold_of_zero_shows_everything() {
    let mut table = CountTable::new();
    let (_, cells) = figure(&mut table, &[0, 1, 2]);
    assert_eq!(
        visible(&table.suppress(0, false), &cells),
        [Some(0), Some(1), Some(2)]
    );
}

#[test]
fn an_unshown_rest_may_be_derived_but_does_not_reveal_a_small_count() {
    // Everyone = women + men + rest; women 3 is small.
    let mut table = CountTable::new();
    let everyone = table.shown(30);
    let women = table.shown(3);
    let men = table.shown(25);
    let rest = table.unshown(2, false);
    table.add_sum(everyone, &[women, men, rest]);
    let suppression = table.suppress(5, false);
    // The rest is unknown, so women cannot be had by subtraction.
    assert_eq!(
        visible(&suppression, &[everyone, women, men]),
        [Some(30), None, Some(25)]
    );
    assert!(leaks(&table, &suppression, 5, false).is_empty());
}

#[test]
fn a_rest_known_to_be_zero_needs_secondary_suppression() {
    // Everyone answered gender, which the answered total shows; the rest of
    // each group is then zero, so women 3 = 30 − 27 unless more is hidden.
    let mut table = CountTable::new();
    let everyone = table.shown(30);
    let women = table.shown(3);
    let men = table.shown(27);
    let rest = table.unshown(0, false);
    table.add_sum(everyone, &[women, men, rest]);
    let answered = table.shown(30);
    let skipped = table.unshown(0, false);
    table.add_sum(answered, &[women, men]);
    table.add_sum(everyone, &[answered, skipped]);
    let suppression = table.suppress(5, false);
    assert_eq!(suppression.visible(women), None);
    assert!(leaks(&table, &suppression, 5, false).is_empty());
}

#[test]
fn a_protected_unshown_count_is_not_left_derivable() {
    // A trend: 12 by Monday, 14 by Tuesday — 2 on Tuesday would show.
    let mut table = CountTable::new();
    let monday = table.shown(12);
    let tuesday_only = table.unshown(2, true);
    let tuesday = table.shown(14);
    table.add_sum(tuesday, &[monday, tuesday_only]);
    let suppression = table.suppress(5, false);
    assert_eq!(visible(&suppression, &[monday, tuesday]), [None, Some(14)]);
}

#[test]
fn suppression_follows_a_chain_of_linked_figures() {
    // Area rows and a total row: hiding a cell in one area must be matched
    // in another area, else the column total gives it away.
    let mut table = CountTable::new();
    let (a_total, a) = figure(&mut table, &[3, 40, 50]);
    let (b_total, b) = figure(&mut table, &[30, 40, 50]);
    let (all_total, all) = figure(&mut table, &[33, 80, 100]);
    for column in 0..3 {
        table.add_sum(all[column], &[a[column], b[column]]);
    }
    table.add_sum(all_total, &[a_total, b_total]);
    let suppression = table.suppress(5, false);
    assert_eq!(suppression.visible(a[0]), None);
    assert_eq!(
        suppression.visible(b[0]),
        None,
        "the column needs a second hidden cell"
    );
    assert!(leaks(&table, &suppression, 5, false).is_empty());
}

/// A table of `rows` × `cols` counts with row, column and grand totals,
/// plus an unshown row (those who skipped the row question).
fn grid_table(counts: &[Vec<u64>], skipped: &[u64]) -> (CountTable, Vec<CellId>) {
    let mut table = CountTable::new();
    let mut shown = Vec::new();
    let mut rows = Vec::new();
    for row in counts {
        let (total, cells) = figure(&mut table, row);
        shown.push(total);
        shown.extend(&cells);
        rows.push((total, cells));
    }
    let skip_cells: Vec<CellId> = skipped.iter().map(|&v| table.unshown(v, false)).collect();
    let skip_total = table.unshown(skipped.iter().sum(), false);
    table.add_sum(skip_total, &skip_cells);
    let columns = skipped.len();
    let column_sums: Vec<u64> = (0..columns)
        .map(|c| counts.iter().map(|r| r[c]).sum::<u64>() + skipped[c])
        .collect();
    let (grand, column_cells) = figure(&mut table, &column_sums);
    shown.push(grand);
    shown.extend(&column_cells);
    for c in 0..columns {
        let mut parts: Vec<CellId> = rows.iter().map(|(_, cells)| cells[c]).collect();
        parts.push(skip_cells[c]);
        table.add_sum(column_cells[c], &parts);
    }
    let mut totals: Vec<CellId> = rows.iter().map(|&(total, _)| total).collect();
    totals.push(skip_total);
    table.add_sum(grand, &totals);
    (table, shown)
}

fn counts_table() -> impl Strategy<Value = (Vec<Vec<u64>>, Vec<u64>)> {
    (1usize..5, 2usize..5).prop_flat_map(|(rows, cols)| {
        let small = prop_oneof![0u64..8, 0u64..60];
        (
            prop::collection::vec(prop::collection::vec(small.clone(), cols), rows),
            prop::collection::vec(prop_oneof![Just(0u64), 0u64..4], cols),
        )
    })
}

proptest! {
    #[test]
    fn suppression_never_reveals_a_small_count_directly_or_by_subtraction(
        (counts, skipped) in counts_table(),
        min_count in 1u64..8,
        show_zeros in any::<bool>(),
    ) {
        let (table, shown) = grid_table(&counts, &skipped);
        let suppression = table.suppress(min_count, show_zeros);
        for &cell in &shown {
            match suppression.visible(cell) {
                Some(value) => {
                    prop_assert!(value >= min_count || (show_zeros && value == 0));
                    prop_assert_eq!(value, table.value(cell));
                }
                None => prop_assert!(suppression.is_suppressed(cell)),
            }
        }
        prop_assert_eq!(leaks(&table, &suppression, min_count, show_zeros), Vec::<usize>::new());
    }

    #[test]
    fn a_figure_never_has_exactly_one_hidden_group_beside_a_shown_total(
        groups in prop::collection::vec(0u64..30, 2..8),
        min_count in 1u64..8,
    ) {
        let mut table = CountTable::new();
        let (total, cells) = figure(&mut table, &groups);
        let suppression = table.suppress(min_count, false);
        let hidden = cells.iter().filter(|&&c| suppression.visible(c).is_none()).count();
        if suppression.visible(total).is_some() {
            prop_assert_ne!(hidden, 1);
        }
        // Only what must go is hidden: nothing when every group is large.
        if groups.iter().all(|&g| g >= min_count) {
            prop_assert_eq!(hidden, 0);
        }
    }

    #[test]
    fn a_trend_shows_no_day_with_fewer_than_the_threshold_new(
        increments in prop::collection::vec(0u64..9, 1..15),
        min_count in 1u64..6,
    ) {
        let mut table = CountTable::new();
        let mut cumulative = vec![table.shown(increments[0])];
        let mut sum = increments[0];
        for &new in &increments[1..] {
            sum += new;
            let day = table.unshown(new, true);
            let up_to = table.shown(sum);
            table.add_sum(up_to, &[*cumulative.last().unwrap(), day]);
            cumulative.push(up_to);
        }
        let suppression = table.suppress(min_count, false);
        prop_assert!(leaks(&table, &suppression, min_count, false).is_empty());
        // Between two shown days, at least the threshold joined.
        let shown: Vec<u64> = cumulative.iter().filter_map(|&c| suppression.visible(c)).collect();
        for pair in shown.windows(2) {
            prop_assert!(pair[1] - pair[0] >= min_count);
        }
    }
}
