//! Every outcome recorded in every `*.expected.json` (computed by pabutools
//! 1.2.3) is reproduced exactly: the same set of funded projects and the same
//! cost. The instances live in `shared/testdata/pabulib` beside the
//! repository; `MEDBORGARBUDGET_PABULIB_DIR` may name more folders (separated
//! by `:`) holding further instances in the same format.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use domain::tally::{Completion, Rule, Satisfaction, TallyOptions, tally};
use serde_json::Value;

fn instance_dirs() -> Vec<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![manifest.join("../../shared/testdata/pabulib")];
    if let Ok(extra) = std::env::var("MEDBORGARBUDGET_PABULIB_DIR") {
        dirs.extend(
            extra
                .split(':')
                .filter(|d| !d.is_empty())
                .map(PathBuf::from),
        );
    }
    dirs
}

fn expected_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = instance_dirs()
        .iter()
        .filter_map(|dir| std::fs::read_dir(dir).ok())
        .flatten()
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.to_string_lossy().ends_with(".expected.json"))
        .collect();
    files.sort();
    files
}

/// The tally options that reproduce a key of the expected JSON: exactly the
/// CLI's `--rule`/`--completion` of the README's mapping, and an explicit
/// satisfaction for the extra keys outside it.
fn options_for(key: &str, vote_type: &str) -> Option<TallyOptions> {
    let mes = TallyOptions::new(Rule::Mes);
    let points = matches!(vote_type, "cumulative" | "scoring");
    Some(match key {
        "greedy_cost_sat" if points => {
            TallyOptions::new(Rule::Greedy).with_satisfaction(Satisfaction::Cost)
        }
        "greedy_cost_sat" | "greedy_points" => TallyOptions::new(Rule::Greedy),
        "greedy_cardinality_sat" => TallyOptions::new(Rule::GreedyPerCost),
        "greedy_cardinal_sat" => {
            TallyOptions::new(Rule::Greedy).with_satisfaction(Satisfaction::Points)
        }
        "greedy_borda_sat" => {
            TallyOptions::new(Rule::Greedy).with_satisfaction(Satisfaction::Borda)
        }
        "mes_cost_sat" => mes,
        "mes_cost_sat_add1" => mes.with_completion(Completion::Add1),
        "mes_cost_sat_add1_greedy" => mes.with_completion(Completion::Add1Greedy),
        "mes_cost_sat_budget_increase_greedy" => {
            mes.with_completion(Completion::BudgetIncreaseGreedy)
        }
        "mes_cardinal_sat" => mes.with_satisfaction(Satisfaction::Points),
        "sequential_phragmen" => TallyOptions::new(Rule::Phragmen),
        _ => return None,
    })
}

fn check_instance(expected_path: &Path, failures: &mut Vec<String>, checked: &mut usize) {
    let name = expected_path
        .to_string_lossy()
        .trim_end_matches(".expected.json")
        .to_owned();
    let pb = std::fs::read_to_string(format!("{name}.pb"))
        .expect("the .pb file beside the expected JSON");
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(expected_path).unwrap()).unwrap();
    let rules = expected["rules"].as_object().expect("a rules object");
    for (key, outcome) in rules {
        if outcome.get("skipped").is_some() || outcome.get("selected").is_none() {
            continue;
        }
        let Some(options) = options_for(key, expected["vote_type"].as_str().unwrap_or_default())
        else {
            eprintln!("note: {name}: no mapping for key {key}, not checked");
            continue;
        };
        let want: BTreeSet<String> = outcome["selected"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect();
        let want_cost = outcome["cost_exact"]
            .as_str()
            .map(str::to_owned)
            .unwrap_or_else(|| outcome["cost"].to_string());
        let started = std::time::Instant::now();
        match tally(&pb, &options) {
            Ok(report) => {
                let got: BTreeSet<String> = report.selected.iter().cloned().collect();
                if got != want || report.cost_exact != want_cost {
                    failures.push(format!(
                        "{name} {key}: expected {want:?} cost {want_cost}, got {got:?} cost {}",
                        report.cost_exact
                    ));
                }
                let cost_json = serde_json::to_value(&report).unwrap()["cost"]
                    .as_f64()
                    .unwrap();
                let want_json = outcome["cost"].as_f64().unwrap();
                if (cost_json - want_json).abs() > 1e-6 * want_json.abs().max(1.0) {
                    failures.push(format!("{name} {key}: JSON cost {cost_json} ≠ {want_json}"));
                }
            }
            Err(error) => failures.push(format!("{name} {key}: {error}")),
        }
        eprintln!(
            "{} {key}: {:?}",
            Path::new(&name).file_name().unwrap().to_string_lossy(),
            started.elapsed()
        );
        *checked += 1;
    }
}

#[test]
fn every_expected_outcome_of_every_reference_instance_is_reproduced_exactly() {
    let files = expected_files();
    assert!(
        !files.is_empty(),
        "no *.expected.json found in {:?}",
        instance_dirs()
    );
    let mut failures = Vec::new();
    let mut checked = 0;
    for file in &files {
        check_instance(file, &mut failures, &mut checked);
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} outcomes differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(checked >= 30, "only {checked} outcomes were checked");
}

#[test]
fn every_reference_file_reads_back_identically_after_writing_it() {
    for expected in expected_files() {
        let path = expected.to_string_lossy().replace(".expected.json", ".pb");
        let file = domain::pabulib::read_pabulib(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let again = domain::pabulib::read_pabulib(&domain::pabulib::write_pabulib(&file)).unwrap();
        assert!(again == file, "{path} changed after a write and a read");
    }
}
