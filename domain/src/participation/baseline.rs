//! A round's population baseline: how many residents there are in each
//! group, for the whole municipality and per area, as staff import it from
//! SCB tables ([`parse_baseline_csv`]) or enter it by hand
//! ([`parse_baseline_rows`]). Participation is compared with it.
//!
//! The CSV has the header `area;dimension;group;count` and one row per
//! count; `,` may separate instead of `;` (the header decides). `area` is an
//! area's slug or `all`; `dimension` and `group` are the names of
//! [`Dimension`] and [`Group`] (for the `area` dimension the group is an
//! area slug, and the row's area must be `all`); `count` is a whole number,
//! optionally with spaces between thousands (`12 345`), or empty when not
//! known. Fields may be quoted as spreadsheets do (`"a;b"`, `""` for a
//! quote), but a quoted field cannot span lines. A UTF-8 byte-order mark
//! and Windows line ends are accepted. Every bad line is reported, each
//! with its number, a code and the offending text.

use crate::Code;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Dimension, Group, Scope};

/// The header every baseline CSV starts with.
pub const BASELINE_HEADER: [&str; 4] = ["area", "dimension", "group", "count"];

/// Residents per group, per scope.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Vec<BaselineCount>", into = "Vec<BaselineCount>")]
pub struct Baseline {
    counts: BTreeMap<(Scope, Group), u64>,
}

/// One count of a [`Baseline`], as serialized.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaselineCount {
    /// The whole municipality or one area.
    pub scope: Scope,
    /// The group counted.
    pub group: Group,
    /// Residents.
    pub count: u64,
}

impl Baseline {
    /// Sets a count, returning the one it replaces.
    pub fn insert(&mut self, scope: Scope, group: Group, count: u64) -> Option<u64> {
        self.counts.insert((scope, group), count)
    }

    /// Every count given, in order.
    pub fn counts(&self) -> impl Iterator<Item = BaselineCount> + '_ {
        self.counts
            .iter()
            .map(|(&(scope, group), &count)| BaselineCount {
                scope,
                group,
                count,
            })
    }

    /// Whether no count is known.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// The count of `group` in `scope`. For the whole municipality, a
    /// dimension given only per area counts the sum of its areas.
    pub fn count(&self, scope: Scope, group: Group) -> Option<u64> {
        if let Some(&count) = self.counts.get(&(scope, group)) {
            return Some(count);
        }
        let dimension = group.dimension();
        if scope != Scope::All || self.has(Scope::All, dimension) {
            return None;
        }
        let mut per_area = self
            .counts
            .iter()
            .filter(|((scope, counted), _)| *counted == group && *scope != Scope::All)
            .map(|(_, &count)| count)
            .peekable();
        per_area.peek().is_some().then(|| per_area.sum())
    }

    /// The residents of `scope` counted in `dimension`: the sum of its
    /// groups' counts; `None` when none is known.
    pub fn total(&self, scope: Scope, dimension: Dimension) -> Option<u64> {
        let mut groups: Vec<Group> = self.counts.keys().map(|&(_, group)| group).collect();
        groups.retain(|group| group.dimension() == dimension);
        groups.sort_unstable();
        groups.dedup();
        let known: Vec<u64> = groups
            .into_iter()
            .filter_map(|g| self.count(scope, g))
            .collect();
        (!known.is_empty()).then(|| known.iter().sum())
    }

    /// The share of `scope`'s residents counted in the group's dimension
    /// who are in `group`; `None` when unknown or when no one is counted.
    pub fn share(&self, scope: Scope, group: Group) -> Option<f64> {
        let count = self.count(scope, group)?;
        let total = self.total(scope, group.dimension())?;
        (total > 0).then(|| count as f64 / total as f64)
    }

    fn has(&self, scope: Scope, dimension: Dimension) -> bool {
        let mut keys = self.counts.keys();
        keys.any(|&(s, group)| s == scope && group.dimension() == dimension)
    }
}

impl From<Vec<BaselineCount>> for Baseline {
    fn from(counts: Vec<BaselineCount>) -> Baseline {
        let counts = counts.into_iter().map(|c| ((c.scope, c.group), c.count));
        Baseline {
            counts: counts.collect(),
        }
    }
}

impl From<Baseline> for Vec<BaselineCount> {
    fn from(baseline: Baseline) -> Vec<BaselineCount> {
        baseline.counts().collect()
    }
}

/// One row as typed: the four columns of the CSV, or one line of the form
/// where staff enter totals by hand.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BaselineRow {
    /// An area slug or `all`.
    pub area: String,
    /// A [`Dimension`] name.
    pub dimension: String,
    /// A group name of the dimension (an area slug for `area`).
    pub group: String,
    /// A whole number, or empty when not known.
    pub count: String,
}

/// What is wrong with one line of a baseline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaselineLineError {
    /// The line, from 1 (the header is line 1 of a CSV; the first row of a
    /// hand-entered list is 1).
    pub line: usize,
    /// A stable code (`baseline_…`, see the module documentation of
    /// [`participation`](super)).
    pub code: Code,
    /// The text at fault, trimmed (empty when the whole line is).
    pub value: String,
}

impl BaselineLineError {
    fn new(line: usize, code: Code, value: &str) -> BaselineLineError {
        let value = value.trim().to_owned();
        BaselineLineError { line, code, value }
    }
}

/// Parses a baseline CSV against the round's areas `(id, slug)`, with every
/// bad line at once.
pub fn parse_baseline_csv(
    text: &str,
    known_areas: &[(i64, String)],
) -> Result<Baseline, Vec<BaselineLineError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text
        .split('\n')
        .map(|line| line.strip_suffix('\r').unwrap_or(line))
        .zip(1..)
        .filter(|(line, _)| !line.trim().is_empty());
    let Some((header, header_line)) = lines.next() else {
        return Err(vec![BaselineLineError::new(1, Code::BaselineEmpty, "")]);
    };
    let separator = if header.contains(';') { ';' } else { ',' };
    let header_ok = split_fields(header, separator).is_some_and(|fields| {
        fields.len() == 4
            && fields
                .iter()
                .zip(BASELINE_HEADER)
                .all(|(f, h)| f.eq_ignore_ascii_case(h))
    });
    if !header_ok {
        return Err(vec![BaselineLineError::new(
            header_line,
            Code::BaselineHeader,
            header,
        )]);
    }
    let mut errors = Vec::new();
    let mut rows = Vec::new();
    for (text, line) in lines {
        match split_fields(text, separator).as_deref() {
            Some([area, dimension, group, count]) => rows.push((
                line,
                BaselineRow {
                    area: area.clone(),
                    dimension: dimension.clone(),
                    group: group.clone(),
                    count: count.clone(),
                },
            )),
            Some(_) => errors.push(BaselineLineError::new(line, Code::BaselineColumns, text)),
            None => errors.push(BaselineLineError::new(line, Code::BaselineQuote, text)),
        }
    }
    if rows.is_empty() && errors.is_empty() {
        errors.push(BaselineLineError::new(header_line, Code::BaselineEmpty, ""));
    }
    let baseline = read_rows(rows, known_areas, &mut errors);
    if errors.is_empty() {
        Ok(baseline)
    } else {
        errors.sort_by_key(|error| error.line);
        Err(errors)
    }
}

/// Builds a baseline from rows entered by hand; `line` in an error is the
/// row's position from 1. Rows with an empty count are not known and left out.
pub fn parse_baseline_rows(
    rows: &[BaselineRow],
    known_areas: &[(i64, String)],
) -> Result<Baseline, Vec<BaselineLineError>> {
    let mut errors = Vec::new();
    let rows = rows.iter().cloned().zip(1..).map(|(row, line)| (line, row));
    let baseline = read_rows(rows, known_areas, &mut errors);
    if errors.is_empty() {
        Ok(baseline)
    } else {
        Err(errors)
    }
}

fn read_rows(
    rows: impl IntoIterator<Item = (usize, BaselineRow)>,
    known_areas: &[(i64, String)],
    errors: &mut Vec<BaselineLineError>,
) -> Baseline {
    let mut baseline = Baseline::default();
    let mut seen = BTreeMap::new();
    for (line, row) in rows {
        let Some((scope, group, count)) = read_row(line, &row, known_areas, errors) else {
            continue;
        };
        if seen.insert((scope, group), line).is_some() {
            let text = format!(
                "{};{};{}",
                row.area.trim(),
                row.dimension.trim(),
                row.group.trim()
            );
            errors.push(BaselineLineError::new(line, Code::BaselineDuplicate, &text));
        } else if let Some(count) = count {
            baseline.insert(scope, group, count);
        }
    }
    baseline
}

/// One row, typed; `None` after recording every problem of the line.
fn read_row(
    line: usize,
    row: &BaselineRow,
    known_areas: &[(i64, String)],
    errors: &mut Vec<BaselineLineError>,
) -> Option<(Scope, Group, Option<u64>)> {
    let before = errors.len();
    let mut fail = |code, value: &str| errors.push(BaselineLineError::new(line, code, value));
    let area_by_slug = |slug: &str| {
        let slug = slug.trim().to_lowercase();
        let mut areas = known_areas.iter();
        areas
            .find(|(_, known)| known.trim().to_lowercase() == slug)
            .map(|&(id, _)| id)
    };
    let scope = if row.area.trim().eq_ignore_ascii_case("all") {
        Some(Scope::All)
    } else {
        area_by_slug(&row.area).map(Scope::Area)
    };
    if scope.is_none() {
        fail(Code::BaselineAreaUnknown, &row.area);
    }
    let dimension: Option<Dimension> = row.dimension.trim().to_lowercase().parse().ok();
    let group = match dimension {
        None => {
            fail(Code::BaselineDimensionUnknown, &row.dimension);
            None
        }
        Some(Dimension::Area) => area_by_slug(&row.group).map(Group::Area),
        Some(dimension) => Group::parse(dimension, &normalize_group(&row.group)).ok(),
    };
    if dimension.is_some() && group.is_none() {
        fail(Code::BaselineGroupUnknown, &row.group);
    }
    if dimension == Some(Dimension::Area) && matches!(scope, Some(Scope::Area(_))) {
        fail(Code::BaselineAreaScope, &row.area);
    }
    let count = parse_count(&row.count);
    if count.is_err() {
        fail(Code::BaselineCountInvalid, &row.count);
    }
    match (scope, group, count) {
        (Some(scope), Some(group), Ok(count)) if errors.len() == before => {
            Some((scope, group, count))
        }
        _ => None,
    }
}

/// Lower case without spaces; dashes as typed by spreadsheets become `-`.
fn normalize_group(text: &str) -> String {
    let text = text.trim().to_lowercase().replace(['–', '—', '−'], "-");
    text.split_whitespace().collect()
}

/// A whole number, optionally with a space (also a no-break space) between
/// groups of three digits; `Ok(None)` when empty.
pub(crate) fn parse_count(text: &str) -> Result<Option<u64>, ()> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let groups: Vec<&str> = text.split([' ', '\u{a0}', '\u{202f}']).collect();
    let digits = |group: &&str| !group.is_empty() && group.bytes().all(|b| b.is_ascii_digit());
    let grouped = groups.iter().skip(1).all(|group| group.len() == 3);
    if !groups.iter().all(digits) || !grouped {
        return Err(());
    }
    groups.concat().parse().map(Some).map_err(|_| ())
}

/// The fields of one line; `None` when a quote is misplaced or unclosed.
fn split_fields(line: &str, separator: char) -> Option<Vec<String>> {
    let mut fields = Vec::new();
    let mut chars = line.chars().peekable();
    loop {
        while chars
            .next_if(|&c| c != separator && c.is_whitespace())
            .is_some()
        {}
        let mut field = String::new();
        if chars.next_if_eq(&'"').is_some() {
            loop {
                match chars.next()? {
                    '"' if chars.next_if_eq(&'"').is_some() => field.push('"'),
                    '"' => break,
                    c => field.push(c),
                }
            }
            while chars
                .next_if(|&c| c != separator && c.is_whitespace())
                .is_some()
            {}
            fields.push(field);
            match chars.next() {
                None => return Some(fields),
                Some(c) if c == separator => continue,
                Some(_) => return None,
            }
        }
        loop {
            match chars.next() {
                None => {
                    fields.push(field.trim().to_owned());
                    return Some(fields);
                }
                Some(c) if c == separator => break,
                Some('"') => return None,
                Some(c) => field.push(c),
            }
        }
        fields.push(field.trim().to_owned());
    }
}

/// The groups counted in one scope, in form order: every group of every question, the area
/// question only for the whole municipality (areas are not counted within an area).
pub fn scope_groups(scope: Scope, area_ids: &[i64]) -> Vec<Group> {
    let dimensions = Dimension::ALL.into_iter();
    let dimensions = dimensions.filter(|&d| d != Dimension::Area || scope == Scope::All);
    dimensions.flat_map(|d| d.groups(area_ids)).collect()
}

/// The rows of one scope, in [`scope_groups`] order, each with its count from `count`.
fn scope_rows(
    scope: Scope,
    known_areas: &[(i64, String)],
    mut count: impl FnMut(usize, Group) -> String,
) -> Vec<BaselineRow> {
    let area_ids: Vec<i64> = known_areas.iter().map(|&(id, _)| id).collect();
    let slug = |id: i64| {
        let mut areas = known_areas.iter();
        areas
            .find(|&&(known, _)| known == id)
            .map_or(String::new(), |(_, slug)| slug.clone())
    };
    let area = match scope {
        Scope::All => "all".to_owned(),
        Scope::Area(id) => slug(id),
    };
    let groups = scope_groups(scope, &area_ids).into_iter().enumerate();
    groups
        .map(|(i, group)| BaselineRow {
            area: area.clone(),
            dimension: group.dimension().to_string(),
            group: match group {
                Group::Area(id) => slug(id),
                other => other.value().into_owned(),
            },
            count: count(i, group),
        })
        .collect()
}

/// The baseline with one scope's counts as staff typed them by hand: `typed(group)` is the
/// text for each group of [`scope_groups`] (empty when not known). The other scopes are kept;
/// a bad count is reported with the group's position in [`scope_groups`], from 1, as the line.
pub fn with_scope_typed(
    baseline: &Baseline,
    scope: Scope,
    known_areas: &[(i64, String)],
    typed: impl Fn(Group) -> String,
) -> Result<Baseline, Vec<BaselineLineError>> {
    let rows = scope_rows(scope, known_areas, |_, group| typed(group));
    let entered = parse_baseline_rows(&rows, known_areas)?;
    let mut merged = baseline.clone();
    merged.counts.retain(|&(s, _), _| s != scope);
    merged.counts.extend(entered.counts);
    Ok(merged)
}

/// The baseline as a CSV with a row for every group of every scope (an
/// empty count where unknown): the template staff fill in, or an export.
pub fn baseline_csv(baseline: &Baseline, known_areas: &[(i64, String)]) -> String {
    let mut csv = BASELINE_HEADER.join(";") + "\n";
    let scopes = known_areas.iter().map(|&(id, _)| Scope::Area(id));
    for scope in std::iter::once(Scope::All).chain(scopes) {
        let rows = scope_rows(scope, known_areas, |_, group| {
            let count = baseline.counts.get(&(scope, group));
            count.map_or(String::new(), u64::to_string)
        });
        for row in rows {
            let cells = [row.area, row.dimension, row.group, row.count];
            let cells: Vec<String> = cells.iter().map(|cell| quoted(cell)).collect();
            csv += &(cells.join(";") + "\n");
        }
    }
    csv
}

/// A CSV cell, quoted when it would otherwise not read back the same.
fn quoted(cell: &str) -> String {
    let plain = cell.trim() == cell && !cell.contains([';', ',', '"', '\n', '\r']);
    if plain {
        cell.to_owned()
    } else {
        format!("\"{}\"", cell.replace('"', "\"\""))
    }
}

#[cfg(test)]
#[path = "baseline_tests.rs"]
mod tests;
