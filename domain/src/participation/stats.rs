//! Representativeness: who takes part compared with who lives here, per
//! question, for the whole municipality and per area, split by gender, and
//! day by day — every figure suppressed together in one
//! [`CountTable`](super::CountTable).
//!
//! For a group with `x` participants among the `n` who answered its question
//! in a scope, and a population share `p₀` from the [`Baseline`] (the
//! group's residents over the residents counted in that question):
//!
//! * **share** `p = x/n`, with its 95 % Wilson interval `[L, U]`
//!   ([`wilson_interval`]);
//! * **ratio** `p/p₀` (1 = represented as in the population), with the
//!   interval `[L/p₀, U/p₀]` — the baseline is a census count, not a sample,
//!   so only the participant share is uncertain;
//! * **under-represented** when `U/p₀ < flag_below` (0.8 by default): even
//!   the most favourable share the data allow is under 80 % of the group's
//!   share of the population. Requiring the whole interval under the line
//!   keeps chance dips in small groups from raising alarms early in a round;
//!   a group with no participants is flagged once enough others have
//!   answered to make that telling.
//!
//! Participants who skipped a question are left out of its `n`. Shares are
//! over everyone who answered, so a group the baseline lacks (non-binary,
//! absent from SCB's tables) lowers the others' shares slightly, towards
//! flagging. Population shares, ratios and flags exist for the whole
//! population of a scope only: the baseline has no figures by gender, so
//! the women's and men's figures show counts, shares and intervals.
//!
//! The trend gives, per day, the cumulative count of each series. A day's
//! new participants are protected like any small count, so between two
//! shown days of a series at least the threshold have joined; the current
//! figures win over past days when something must be hidden.
//!
//! A suppressed group shows neither its count nor anything computed from it
//! (share, intervals, ratio), and no share is shown when `n` is suppressed;
//! its flag is still shown, since a missing group is what the dashboard is
//! for. The flag bounds the count without giving it, though in a large
//! round a flag on a suppressed group can tell that it is empty.

use serde::{Deserialize, Serialize};

use super::grid::{Grid, MEN, Node, SLABS, Time, WOMEN};
use super::{
    Answers, Baseline, CellId, Dimension, Group, Scope, Suppression, Z_95, wilson_interval,
};
use crate::round::{Date, choice_enum};

/// One participant: the day they first took part and their answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participation {
    /// The day of their first proposal or ballot.
    pub date: Date,
    /// Their answers to the voluntary questions.
    pub answers: Answers,
}

/// Thresholds of the statistics.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StatsOptions {
    /// Counts below this are suppressed (5).
    pub min_count: u64,
    /// Show zero counts rather than suppress them (`false`). A zero points
    /// at no one and "no one from this group has taken part" is what staff
    /// most need to see, but it does tell that every participant of a scope
    /// is outside the group, and keeping zeros hidden costs a second hidden
    /// count wherever a question has an empty group.
    pub show_zeros: bool,
    /// A group is under-represented when its ratio's upper bound is below this (0.8).
    pub flag_below: f64,
    /// The normal quantile of the intervals ([`Z_95`]).
    pub z: f64,
}

impl Default for StatsOptions {
    fn default() -> StatsOptions {
        StatsOptions {
            min_count: 5,
            show_zeros: false,
            flag_below: 0.8,
            z: Z_95,
        }
    }
}

choice_enum! {
    /// Everyone, or women or men only (girls and boys included).
    #[derive(PartialOrd, Ord)]
    pub enum Slice {
        /// Everyone, whatever their answer on gender.
        All = "all",
        /// Those who answered woman.
        Women = "women",
        /// Those who answered man.
        Men = "men",
    }
}

/// A figure for women, for men and for everyone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct GenderSplit<T> {
    /// Women and girls.
    pub women: T,
    /// Men and boys.
    pub men: T,
    /// Everyone.
    pub all: T,
}

impl<T> GenderSplit<T> {
    /// The figure of one slice.
    pub fn get(&self, slice: Slice) -> &T {
        match slice {
            Slice::All => &self.all,
            Slice::Women => &self.women,
            Slice::Men => &self.men,
        }
    }
}

/// Applies a figure to women, to men and to everyone. The figures are raw:
/// counts made this way must be suppressed together, with everyone tied to
/// women + men + the rest in a [`CountTable`](super::CountTable), as
/// [`representativeness`] does for all of its figures.
pub fn split_by_gender<'a, T>(
    participants: &'a [Participation],
    figure: impl Fn(&[&'a Participation]) -> T,
) -> GenderSplit<T> {
    use super::Gender;
    let with = |gender: Option<Gender>| -> Vec<&'a Participation> {
        let chosen = participants.iter();
        chosen
            .filter(|p| gender.is_none() || p.answers.gender == gender)
            .collect()
    };
    GenderSplit {
        women: figure(&with(Some(Gender::Woman))),
        men: figure(&with(Some(Gender::Man))),
        all: figure(&with(None)),
    }
}

/// One group in a [`Figure`]; every `Option` is `None` when suppressed or unknown.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GroupFigure {
    /// The group.
    pub group: Group,
    /// Whether its count is suppressed.
    pub suppressed: bool,
    /// Participants in the group.
    pub count: Option<u64>,
    /// Its share of those who answered.
    pub share: Option<f64>,
    /// The 95 % Wilson interval of the share.
    pub share_interval: Option<(f64, f64)>,
    /// Its share of the baseline population (whole population only).
    pub population_share: Option<f64>,
    /// Share over population share.
    pub ratio: Option<f64>,
    /// The share's interval over the population share.
    pub ratio_interval: Option<(f64, f64)>,
    /// The ratio's upper bound is below [`StatsOptions::flag_below`].
    pub under_represented: bool,
}

/// One question's groups in one scope and slice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// Whose figures.
    pub scope: Scope,
    /// Everyone, women or men.
    pub slice: Slice,
    /// The question.
    pub dimension: Dimension,
    /// Participants who answered it (`None` when suppressed).
    pub answered: Option<u64>,
    /// Every group of the question, in form order.
    pub groups: Vec<GroupFigure>,
}

/// One line of the trend: cumulative participants by the end of each day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrendSeries {
    /// Everyone, women or men.
    pub slice: Slice,
    /// The question; `None` for all participants.
    pub dimension: Option<Dimension>,
    /// The group; `None` for all who answered the question.
    pub group: Option<Group>,
    /// One count per day of [`Representativeness::days`], `None` where suppressed.
    pub cumulative: Vec<Option<u64>>,
}

/// Every participation figure of a round, suppressed together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Representativeness {
    /// The thresholds used.
    pub options: StatsOptions,
    /// Participants (`None` when suppressed).
    pub participants: Option<u64>,
    /// Every question × scope × slice (the gender question unsplit, the
    /// area question for the whole municipality only).
    pub figures: Vec<Figure>,
    /// The days from the first participation to the last.
    pub days: Vec<Date>,
    /// The trend for the whole municipality, per slice and group.
    pub trend: Vec<TrendSeries>,
}

impl Representativeness {
    /// One figure, if it exists.
    pub fn figure(&self, scope: Scope, slice: Slice, dimension: Dimension) -> Option<&Figure> {
        let mut figures = self.figures.iter();
        figures.find(|f| f.scope == scope && f.slice == slice && f.dimension == dimension)
    }

    /// A question's figure for women, men and everyone in one scope.
    pub fn by_gender(&self, scope: Scope, dimension: Dimension) -> GenderSplit<Option<&Figure>> {
        GenderSplit {
            women: self.figure(scope, Slice::Women, dimension),
            men: self.figure(scope, Slice::Men, dimension),
            all: self.figure(scope, Slice::All, dimension),
        }
    }

    /// The under-represented groups of the whole municipality, in order.
    pub fn under_represented(&self) -> Vec<Group> {
        let everyone = self
            .figures
            .iter()
            .filter(|f| f.scope == Scope::All && f.slice == Slice::All);
        let groups = everyone.flat_map(|f| &f.groups);
        groups
            .filter(|g| g.under_represented)
            .map(|g| g.group)
            .collect()
    }

    /// One line of the trend, if it exists.
    pub fn series(
        &self,
        slice: Slice,
        dimension: Option<Dimension>,
        group: Option<Group>,
    ) -> Option<&TrendSeries> {
        let mut series = self.trend.iter();
        series.find(|s| s.slice == slice && s.dimension == dimension && s.group == group)
    }
}

/// Every participation figure of a round, compared with `baseline`, with
/// small counts suppressed across all figures at once. `area_ids` are the
/// round's areas (areas answered by participants are added).
pub fn representativeness(
    participants: &[Participation],
    baseline: &Baseline,
    area_ids: &[i64],
    options: &StatsOptions,
) -> Representativeness {
    let grid = Grid::new(participants, area_ids);
    let suppression = grid.table.suppress(options.min_count, options.show_zeros);
    let everyone = everyone_node(&grid);
    let mut figures = Vec::new();
    let mut trend = vec![series(
        &grid,
        &suppression,
        Slice::All,
        None,
        None,
        everyone,
    )];
    for (dimension, scope, slice) in layouts(&grid) {
        let Some((groups, answered)) = nodes(&grid, dimension, scope, slice) else {
            continue;
        };
        let n = grid.cell(answered);
        let figure_groups = groups.iter().map(|&(group, node)| {
            let p0 = (slice == Slice::All)
                .then(|| baseline.share(scope, group))
                .flatten()
                .filter(|&p0| p0 > 0.0);
            group_figure(
                &grid,
                &suppression,
                (group, grid.cell(node)),
                n,
                p0,
                options,
            )
        });
        figures.push(Figure {
            scope,
            slice,
            dimension,
            answered: suppression.visible(n),
            groups: figure_groups.collect(),
        });
        if scope == Scope::All {
            let lines = groups.iter().map(|&(group, node)| (Some(group), node));
            let lines = std::iter::once((None, answered)).chain(lines);
            trend.extend(lines.map(|(group, node)| {
                series(&grid, &suppression, slice, Some(dimension), group, node)
            }));
        }
    }
    let first = participants.iter().map(|p| p.date).min();
    let days = first.map_or(Vec::new(), |first| {
        first.iter_days().take(grid.days).collect()
    });
    Representativeness {
        options: *options,
        participants: suppression.visible(grid.cell(everyone)),
        figures,
        days,
        trend,
    }
}

/// A group's figure from its cell and its question's answered cell `n`.
fn group_figure(
    grid: &Grid,
    suppression: &Suppression,
    (group, cell): (Group, CellId),
    n: CellId,
    p0: Option<f64>,
    options: &StatsOptions,
) -> GroupFigure {
    let count = suppression.visible(cell);
    let (x, n_visible, n) = (
        grid.table.value(cell),
        suppression.visible(n),
        grid.table.value(n),
    );
    let interval = wilson_interval(x, n, options.z);
    let under_represented = p0
        .zip(interval)
        .is_some_and(|(p0, (_, high))| high / p0 < options.flag_below);
    let visible = count.is_some() && n_visible.is_some() && n > 0;
    let share = visible.then(|| x as f64 / n as f64);
    let share_interval = interval.filter(|_| visible);
    GroupFigure {
        group,
        suppressed: count.is_none(),
        count,
        share,
        share_interval,
        population_share: p0,
        ratio: share.zip(p0).map(|(p, p0)| p / p0),
        ratio_interval: share_interval
            .zip(p0)
            .map(|((low, high), p0)| (low / p0, high / p0)),
        under_represented,
    }
}

/// Every (question, scope, slice) with a figure.
fn layouts(grid: &Grid) -> Vec<(Dimension, Scope, Slice)> {
    let scopes: Vec<Scope> = std::iter::once(Scope::All)
        .chain(grid.area_ids.iter().map(|&id| Scope::Area(id)))
        .collect();
    let mut layouts = Vec::new();
    for dimension in Dimension::ALL {
        for &scope in &scopes {
            for slice in Slice::ALL {
                layouts.push((dimension, scope, slice));
            }
        }
    }
    layouts
}

/// All participants, whenever they took part.
fn everyone_node(grid: &Grid) -> Node {
    Node {
        slab: None,
        r: grid.r.all(),
        s: grid.s.all(),
        x: 0,
        t: Time::Total,
    }
}

/// The nodes of a figure's groups and of its answered total, at `Total`.
fn nodes(
    grid: &Grid,
    dimension: Dimension,
    scope: Scope,
    slice: Slice,
) -> Option<(Vec<(Group, Node)>, Node)> {
    let r = match scope {
        Scope::All => grid.r.all(),
        Scope::Area(id) => grid.area_ids.iter().position(|&a| a == id)?,
    };
    let s = match slice {
        Slice::All => grid.s.all(),
        Slice::Women => WOMEN,
        Slice::Men => MEN,
    };
    let base = Node {
        slab: None,
        r,
        s,
        x: 0,
        t: Time::Total,
    };
    let groups = dimension.groups(&grid.area_ids).into_iter().enumerate();
    match dimension {
        Dimension::Gender if slice == Slice::All => Some((
            groups.map(|(s, g)| (g, Node { s, ..base })).collect(),
            Node {
                s: grid.s.answered(),
                ..base
            },
        )),
        Dimension::Area if scope == Scope::All => Some((
            groups.map(|(r, g)| (g, Node { r, ..base })).collect(),
            Node {
                r: grid.r.answered(),
                ..base
            },
        )),
        Dimension::Gender | Dimension::Area => None,
        other => {
            let d = SLABS.iter().position(|&slab| slab == other)?;
            let base = Node {
                slab: Some(d),
                ..base
            };
            Some((
                groups.map(|(x, g)| (g, Node { x, ..base })).collect(),
                Node {
                    x: grid.xs[d].answered(),
                    ..base
                },
            ))
        }
    }
}

/// The cumulative counts of a node's line, day by day.
fn series(
    grid: &Grid,
    suppression: &Suppression,
    slice: Slice,
    dimension: Option<Dimension>,
    group: Option<Group>,
    node: Node,
) -> TrendSeries {
    let day = |day| {
        grid.cell(Node {
            t: Time::Cum(day),
            ..node
        })
    };
    TrendSeries {
        slice,
        dimension,
        group,
        cumulative: (0..grid.days)
            .map(|d| suppression.visible(day(d)))
            .collect(),
    }
}

#[cfg(test)]
#[path = "stats_tests.rs"]
mod tests;
