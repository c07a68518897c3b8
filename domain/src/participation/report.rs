//! The evaluation report after a round, as flat rows for CSV and JSON: every figure of every
//! scope (the whole municipality and each area) and slice (everyone, women, men), each group on
//! a row of its own. The rows carry what [`representativeness`](super::representativeness)
//! computed, suppression included: a suppressed count has no number and no share, so an
//! export shows no more than the pages do.

use serde::Serialize;

use super::{Representativeness, Scope};

/// One group of one question in one scope and slice.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportRow {
    /// The area's id; `None` for the whole municipality.
    pub area: Option<i64>,
    /// `all`, `women` or `men`.
    pub slice: &'static str,
    /// The question (its form field name).
    pub question: &'static str,
    /// The group's value (an area id for the area question).
    pub group: String,
    /// Participants in the group; `None` when suppressed.
    pub participants: Option<u64>,
    /// Whether the count is hidden because it is small (or could be worked out).
    pub suppressed: bool,
    /// Share of those who answered, and its 95 % Wilson interval.
    pub share: Option<f64>,
    pub share_low: Option<f64>,
    pub share_high: Option<f64>,
    /// Share of the baseline population.
    pub population_share: Option<f64>,
    /// Share over population share, and its interval.
    pub ratio: Option<f64>,
    pub ratio_low: Option<f64>,
    pub ratio_high: Option<f64>,
    /// The ratio's upper bound is under the threshold.
    pub under_represented: bool,
}

/// Four decimals: enough for shares, no false precision in a spreadsheet.
fn rounded(value: Option<f64>) -> Option<f64> {
    value.map(|v| (v * 10_000.0).round() / 10_000.0)
}

/// Every figure as rows, in the order of the figures and their groups.
pub fn report_rows(stats: &Representativeness) -> Vec<ReportRow> {
    stats
        .figures
        .iter()
        .flat_map(|figure| {
            figure.groups.iter().map(move |g| {
                let shown = |value: Option<f64>| rounded(value.filter(|_| !g.suppressed));
                ReportRow {
                    area: match figure.scope {
                        Scope::All => None,
                        Scope::Area(id) => Some(id),
                    },
                    slice: figure.slice.as_str(),
                    question: figure.dimension.field(),
                    group: g.group.value().into_owned(),
                    participants: g.count.filter(|_| !g.suppressed),
                    suppressed: g.suppressed,
                    share: shown(g.share),
                    share_low: shown(g.share_interval.map(|i| i.0)),
                    share_high: shown(g.share_interval.map(|i| i.1)),
                    population_share: rounded(g.population_share),
                    ratio: shown(g.ratio),
                    ratio_low: shown(g.ratio_interval.map(|i| i.0)),
                    ratio_high: shown(g.ratio_interval.map(|i| i.1)),
                    under_represented: g.under_represented,
                }
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::*;
    use super::*;
    use chrono::NaiveDate;

    fn answers(age: AgeBand, gender: Gender) -> Participation {
        Participation {
            date: NaiveDate::from_ymd_opt(2027, 3, 1).unwrap(),
            answers: Answers {
                age: Some(age),
                gender: Some(gender),
                area_id: Some(1),
                ..Answers::default()
            },
        }
    }

    #[test]
    fn every_figure_is_a_row_and_small_groups_carry_no_number() {
        let mut people: Vec<Participation> = (0..30)
            .map(|i| {
                let gender = if i % 2 == 0 {
                    Gender::Woman
                } else {
                    Gender::Man
                };
                answers(AgeBand::From45To64, gender)
            })
            .collect();
        people.extend((0..3).map(|_| answers(AgeBand::From16To19, Gender::Woman)));
        let mut baseline = Baseline::default();
        baseline.insert(Scope::All, Group::Age(AgeBand::From16To19), 400);
        baseline.insert(Scope::All, Group::Age(AgeBand::From45To64), 600);
        let stats = representativeness(&people, &baseline, &[1], &StatsOptions::default());
        let rows = report_rows(&stats);
        let expected: usize = stats.figures.iter().map(|f| f.groups.len()).sum();
        assert_eq!(rows.len(), expected);
        assert!(rows.iter().any(|r| r.area == Some(1)), "areas have rows");
        assert!(rows.iter().any(|r| r.slice == "women") && rows.iter().any(|r| r.slice == "men"));

        let young = rows
            .iter()
            .find(|r| {
                r.area.is_none() && r.slice == "all" && r.question == "age" && r.group == "16-19"
            })
            .unwrap();
        assert!(young.suppressed, "three people are too few to show");
        assert_eq!(
            (young.participants, young.share, young.ratio),
            (None, None, None)
        );
        assert_eq!(
            young.population_share,
            Some(0.4),
            "the census share is public"
        );
        assert!(young.under_represented, "3 of 33 against 40 % is flagged");

        let middle = rows
            .iter()
            .find(|r| {
                r.area.is_none() && r.slice == "all" && r.question == "age" && r.group == "45-64"
            })
            .unwrap();
        assert_eq!(middle.participants, Some(30));
        assert_eq!(middle.share, Some(0.9091));
        for row in &rows {
            assert!(!row.suppressed || row.participants.is_none(), "{row:?}");
            if let Some(n) = row.participants {
                assert!(n == 0 || n >= 5, "no small count leaks: {row:?}");
            }
        }
    }
}
