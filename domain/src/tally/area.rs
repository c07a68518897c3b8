//! Budgets split per area (stadsdel): each area is counted as its own
//! election — its projects, its own budget, and the ballots restricted to its
//! projects (a voter with nothing left after the restriction did not take part
//! in that area and is not counted there) — and the results are merged.

use serde::Serialize;

use super::{TallyError, TallyOptions, TallyReport, tally_file};
use crate::money::Money;
use crate::pabulib::{PbFile, PbVote};

/// Results per area and together.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaTally {
    /// `(area, its report)` in the order the budgets were given.
    pub areas: Vec<(String, TallyReport)>,
    /// Funded project ids over all areas.
    pub selected: Vec<String>,
    /// Total cost over all areas.
    pub cost: Money,
}

/// Counts each area of `file` with its own budget and merges the results.
///
/// `area_column` names the PROJECTS column holding a project's area; projects
/// of areas not in `budgets` take part nowhere.
pub fn tally_by_area(
    file: &PbFile,
    area_column: &str,
    budgets: &[(String, Money)],
    options: &TallyOptions,
) -> Result<AreaTally, TallyError> {
    let mut areas = Vec::with_capacity(budgets.len());
    for (area, budget) in budgets {
        let sub = sub_election(file, area_column, area, budget);
        areas.push((area.clone(), tally_file(&sub, options)?));
    }
    let selected = areas
        .iter()
        .flat_map(|(_, r)| r.selected.iter().cloned())
        .collect();
    let cost = areas
        .iter()
        .fold(Money::zero(), |sum, (_, r)| sum + r.cost.clone());
    Ok(AreaTally {
        areas,
        selected,
        cost,
    })
}

/// The election of one area.
fn sub_election(file: &PbFile, area_column: &str, area: &str, budget: &Money) -> PbFile {
    let keep: Vec<bool> = file
        .projects
        .iter()
        .map(|p| file.project_field(p, area_column).as_deref() == Some(area))
        .collect();
    let mut new_index = vec![u32::MAX; file.projects.len()];
    let mut projects = Vec::new();
    for (i, project) in file.projects.iter().enumerate() {
        if keep[i] {
            new_index[i] = projects.len() as u32;
            projects.push(project.clone());
        }
    }
    let votes = file
        .votes
        .iter()
        .filter_map(|vote| {
            let (mut kept, mut points) = (Vec::new(), Vec::new());
            for (j, &p) in vote.projects.iter().enumerate() {
                if keep[p as usize] {
                    kept.push(new_index[p as usize]);
                    if let Some(all) = &vote.points {
                        points.push(all[j]);
                    }
                }
            }
            let points = vote.points.as_ref().map(|_| points);
            (!kept.is_empty()).then(|| PbVote {
                projects: kept,
                points,
                ..vote.clone()
            })
        })
        .collect();
    let meta = file
        .meta
        .iter()
        .map(|(k, v)| {
            if k == "budget" {
                (k.clone(), budget.to_string())
            } else {
                (k.clone(), v.clone())
            }
        })
        .collect();
    PbFile {
        meta,
        budget: budget.clone(),
        projects,
        votes,
        ..file.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::count::Rule;
    use crate::pabulib::read_pabulib;

    #[test]
    fn each_area_is_counted_with_its_own_budget_and_the_results_are_merged() {
        let text = "META\nkey;value\nbudget;1000\nvote_type;approval\nPROJECTS\nproject_id;cost;area\n\
            n1;60;north\nn2;50;north\ns1;30;south\ns2;30;south\nx;1;nowhere\n\
            VOTES\nvoter_id;vote\na;n1,n2,s1\nb;n1,s2\nc;n2,s2\nd;s1\ne;x\n";
        let file = read_pabulib(text).unwrap();
        let budgets = [
            ("north".to_owned(), Money::from_integer(100)),
            ("south".to_owned(), Money::from_integer(30)),
        ];
        let result =
            tally_by_area(&file, "area", &budgets, &TallyOptions::new(Rule::Greedy)).unwrap();
        // North: n1 and n2 have 2 votes each, n1 wins the tie, n2 no longer fits in 100.
        assert_eq!(result.areas[0].1.selected, ["n1"]);
        assert_eq!(result.areas[0].1.voters, 3);
        // South: s1 and s2 tie with 2 votes, only one fits in 30.
        assert_eq!(result.areas[1].1.selected, ["s1"]);
        assert_eq!(result.selected, ["n1", "s1"]);
        assert_eq!(result.cost, Money::from_integer(90));
    }
}
