//! The one [`CountTable`] behind every participation figure of a round, so
//! that suppression is the same on every page, split and export: a count
//! hidden in one figure cannot be read off another.
//!
//! Every count is a node of a grid with four axes: area `r`, gender `s`, one
//! other question `x` and time `t`. On the first three axes the leaves are
//! the answers plus "skipped", followed by "answered" (the sum of the
//! answers) and "all" (answered plus skipped). Time has the days of the
//! round's participation: a day's new participants (`Inc`), the cumulative
//! count up to a day (`Cum`) and the total (the cumulative count of the last
//! day). Each other question is a slab of the grid; the slabs share their
//! "all" layer, the area × gender plane. The shown nodes are the figures;
//! the rest (skipped, non-binary in a split, a day's increment) tie them
//! together through the sums along each axis.

use std::collections::HashMap;

use super::{CellId, CountTable, Dimension, Participation};

/// An axis with `leaves` answers, then skipped, answered and all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Axis {
    pub(crate) leaves: usize,
}

impl Axis {
    fn len(self) -> usize {
        self.leaves + 3
    }

    pub(crate) fn skip(self) -> usize {
        self.leaves
    }

    pub(crate) fn answered(self) -> usize {
        self.leaves + 1
    }

    pub(crate) fn all(self) -> usize {
        self.leaves + 2
    }
}

/// The questions with a slab of their own (area and gender span the plane).
pub(crate) const SLABS: [Dimension; 5] = [
    Dimension::Age,
    Dimension::Born,
    Dimension::Education,
    Dimension::Occupation,
    Dimension::Disability,
];

/// The gender leaves: women, men, other.
pub(crate) const WOMEN: usize = 0;
pub(crate) const MEN: usize = 1;

/// A point on the time axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Time {
    /// Everyone, whenever they took part.
    Total,
    /// Up to and including day `n` (from 0).
    Cum(usize),
    /// On day `n` only.
    Inc(usize),
}

/// A count: `slab` is an index into [`SLABS`], `None` for the plane.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Node {
    pub(crate) slab: Option<usize>,
    pub(crate) r: usize,
    pub(crate) s: usize,
    pub(crate) x: usize,
    pub(crate) t: Time,
}

/// The grid of one round's participation, as a [`CountTable`].
#[derive(Debug, Clone)]
pub(crate) struct Grid {
    pub(crate) area_ids: Vec<i64>,
    pub(crate) days: usize,
    pub(crate) r: Axis,
    pub(crate) s: Axis,
    pub(crate) xs: [Axis; 5],
    pub(crate) table: CountTable,
    ids: HashMap<Node, CellId>,
}

impl Grid {
    /// The grid of `participants` in `area_ids` (plus any area they
    /// answered), over the days from the first participation to the last.
    pub(crate) fn new(participants: &[Participation], area_ids: &[i64]) -> Grid {
        let mut area_ids = area_ids.to_vec();
        area_ids.extend(participants.iter().filter_map(|p| p.answers.area_id));
        area_ids.sort_unstable();
        area_ids.dedup();
        let first = participants.iter().map(|p| p.date).min();
        let last = participants.iter().map(|p| p.date).max();
        let days = first
            .zip(last)
            .map_or(0, |(f, l)| (l - f).num_days() as usize + 1);
        let xs = SLABS.map(|d| Axis {
            leaves: d.groups(&[]).len(),
        });
        let mut grid = Grid {
            r: Axis {
                leaves: area_ids.len(),
            },
            s: Axis { leaves: 3 },
            xs,
            area_ids,
            days,
            table: CountTable::new(),
            ids: HashMap::new(),
        };
        let values = grid.values(participants, first);
        let nodes = grid.nodes();
        for &node in &nodes {
            let value = values[node.slab.unwrap_or(0)][grid.index(node)];
            let (shown, protected) = grid.visibility(node);
            let id = if shown && matches!(node.t, Time::Cum(_)) {
                grid.table.shown_dispensable(value)
            } else if shown {
                grid.table.shown(value)
            } else {
                grid.table.unshown(value, protected)
            };
            grid.ids.insert(node, id);
        }
        for node in nodes {
            for parts in grid.sums(node) {
                let parts: Option<Vec<CellId>> = parts.into_iter().map(|p| grid.id(p)).collect();
                if let Some(parts) = parts.filter(|parts| !parts.is_empty()) {
                    let total = grid.ids[&node];
                    grid.table.add_sum(total, &parts);
                }
            }
        }
        grid
    }

    /// The cell of a node, if the grid has it.
    pub(crate) fn id(&self, node: Node) -> Option<CellId> {
        self.ids.get(&self.canonical(node)).copied()
    }

    /// The cell of a node the grid has by construction.
    pub(crate) fn cell(&self, node: Node) -> CellId {
        self.id(node).expect("the grid has a cell for every figure")
    }

    /// The x axis of a slab, or a placeholder for the plane.
    fn x_axis(&self, slab: Option<usize>) -> Axis {
        slab.map_or(Axis { leaves: 0 }, |d| self.xs[d])
    }

    /// One name per count: the plane replaces a slab's "all", the first
    /// day's increment is its cumulative count, the last day's the total.
    fn canonical(&self, mut node: Node) -> Node {
        if node.slab.is_some_and(|d| node.x == self.xs[d].all()) {
            node.slab = None;
        }
        if node.slab.is_none() {
            node.x = 0;
        }
        if node.t == Time::Inc(0) {
            node.t = Time::Cum(0);
        }
        if node.t == Time::Cum(self.days.saturating_sub(1)) {
            node.t = Time::Total;
        }
        node
    }

    fn times(&self) -> Vec<Time> {
        let cumulative = (0..self.days.saturating_sub(1)).map(Time::Cum);
        let increments = (1..self.days).map(Time::Inc);
        std::iter::once(Time::Total)
            .chain(cumulative)
            .chain(increments)
            .collect()
    }

    /// Every node, canonical: the plane at all times, the slabs in total
    /// and, for the whole municipality, over time.
    fn nodes(&self) -> Vec<Node> {
        let mut nodes = Vec::new();
        for slab in std::iter::once(None).chain((0..SLABS.len()).map(Some)) {
            let xs = if slab.is_some() {
                self.x_axis(slab).all()
            } else {
                1
            };
            for t in self.times() {
                for r in 0..self.r.len() {
                    if slab.is_some() && t != Time::Total && r != self.r.all() {
                        continue;
                    }
                    for s in 0..self.s.len() {
                        nodes.extend((0..xs).map(|x| Node { slab, r, s, x, t }));
                    }
                }
            }
        }
        nodes
    }

    /// Whether a node is shown, and whether it is protected when not.
    fn visibility(&self, node: Node) -> (bool, bool) {
        let (r, s) = (node.r, node.s);
        let scope = r == self.r.all() || r < self.r.leaves;
        let area_row = r == self.r.answered() || r < self.r.leaves;
        let slice = s == self.s.all() || s == WOMEN || s == MEN;
        let whole = r == self.r.all();
        let (timeless, trend) = match node.slab {
            None => {
                let everyone = whole && s == self.s.all();
                let gender = scope && (s < self.s.leaves || s == self.s.answered());
                let area = area_row && slice;
                (
                    everyone || gender || area,
                    everyone || (gender && whole) || area,
                )
            }
            Some(d) => {
                let x = node.x < self.xs[d].leaves || node.x == self.xs[d].answered();
                (scope && slice && x, whole && slice && x)
            }
        };
        match node.t {
            Time::Total => (timeless, false),
            Time::Cum(_) => (trend, false),
            Time::Inc(_) => (false, trend),
        }
    }

    /// The sums with `node` as total, one per axis where it aggregates.
    fn sums(&self, node: Node) -> Vec<Vec<Node>> {
        let mut sums = Vec::new();
        let along = |axis: Axis, at: usize, set: &dyn Fn(usize) -> Node| -> Option<Vec<Node>> {
            if at == axis.answered() {
                Some((0..axis.leaves).map(set).collect())
            } else if at == axis.all() {
                Some(vec![set(axis.answered()), set(axis.skip())])
            } else {
                None
            }
        };
        sums.extend(along(self.r, node.r, &|r| Node { r, ..node }));
        sums.extend(along(self.s, node.s, &|s| Node { s, ..node }));
        match node.slab {
            Some(d) => sums.extend(along(self.xs[d], node.x, &|x| Node { x, ..node })),
            None => sums.extend((0..SLABS.len()).map(|d| {
                let axis = self.xs[d];
                let at = |x| Node {
                    slab: Some(d),
                    x,
                    ..node
                };
                vec![at(axis.answered()), at(axis.skip())]
            })),
        }
        let before = |day: usize| {
            let earlier = |t| Node { t, ..node };
            vec![earlier(Time::Cum(day - 1)), earlier(Time::Inc(day))]
        };
        match node.t {
            Time::Total if self.days >= 2 => sums.push(before(self.days - 1)),
            Time::Cum(day) if day >= 1 => sums.push(before(day)),
            _ => {}
        }
        sums
    }

    /// Position of a node in its slab's dense array.
    fn index(&self, node: Node) -> usize {
        let slab = node.slab.unwrap_or(0);
        let x = if node.slab.is_some() {
            node.x
        } else {
            self.xs[slab].all()
        };
        let times = (2 * self.days).max(1);
        let t = match node.t {
            Time::Total => times - 1,
            Time::Cum(day) => self.days + day,
            Time::Inc(day) => day,
        };
        ((node.r * self.s.len() + node.s) * self.xs[slab].len() + x) * times + t
    }

    /// Every count of every slab (dense, all axes aggregated).
    fn values(
        &self,
        participants: &[Participation],
        first: Option<crate::round::Date>,
    ) -> Vec<Vec<u64>> {
        let times = (2 * self.days).max(1);
        let mut slabs = Vec::new();
        for (d, dimension) in SLABS.into_iter().enumerate() {
            let shape = [self.r.len(), self.s.len(), self.xs[d].len(), times];
            let mut values = vec![0; shape.iter().product()];
            let groups = dimension.groups(&[]);
            for p in participants {
                let day = first.map_or(0, |first| (p.date - first).num_days() as usize);
                let area = p
                    .answers
                    .area_id
                    .and_then(|a| self.area_ids.iter().position(|&k| k == a));
                let gender = p.answers.gender.map(|g| g as usize);
                let answer = p.answers.group(dimension);
                let x = answer.and_then(|a| groups.iter().position(|&g| g == a));
                let node = Node {
                    slab: Some(d),
                    r: area.unwrap_or(self.r.skip()),
                    s: gender.unwrap_or(self.s.skip()),
                    x: x.unwrap_or(self.xs[d].skip()),
                    t: Time::Inc(day),
                };
                values[self.index(node)] += 1;
            }
            for (axis_index, axis) in [self.r, self.s, self.xs[d]].into_iter().enumerate() {
                aggregate(&mut values, shape, axis_index, axis);
            }
            if self.days > 0 {
                for line in values.chunks_mut(times) {
                    for day in 0..self.days {
                        let before = if day == 0 {
                            0
                        } else {
                            line[self.days + day - 1]
                        };
                        line[self.days + day] = before + line[day];
                    }
                }
            }
            slabs.push(values);
        }
        slabs
    }
}

/// Fills "answered" and "all" along one axis of a dense array.
fn aggregate(values: &mut [u64], shape: [usize; 4], axis_index: usize, axis: Axis) {
    let stride: usize = shape[axis_index + 1..].iter().product();
    let outer: usize = shape[..axis_index].iter().product();
    let len = shape[axis_index];
    for o in 0..outer {
        for i in 0..stride {
            let at = |k: usize| (o * len + k) * stride + i;
            let answered: u64 = (0..axis.leaves).map(|k| values[at(k)]).sum();
            values[at(axis.answered())] = answered;
            values[at(axis.all())] = answered + values[at(axis.skip())];
        }
    }
}
