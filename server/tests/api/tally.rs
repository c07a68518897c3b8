//! `medborgarbudget tally`: the CLI counts a real Pabulib file exactly as pabutools did.

use std::path::PathBuf;
use std::process::Command;

fn testdata(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/testdata/pabulib")
        .join(name)
}

fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_medborgarbudget"))
        .arg("tally")
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn tally_json_reproduces_the_pabutools_outcomes_of_a_real_election() {
    let file = testdata("Poland_Warszawa_2019_Anin.pb");
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(testdata("Poland_Warszawa_2019_Anin.expected.json")).unwrap(),
    )
    .unwrap();
    for (key, args) in [
        ("greedy_cost_sat", vec!["--rule", "greedy"]),
        ("mes_cost_sat", vec!["--rule", "mes"]),
        (
            "mes_cost_sat_add1_greedy",
            vec!["--rule", "mes", "--completion", "add1-greedy"],
        ),
        ("sequential_phragmen", vec!["--rule", "phragmen"]),
    ] {
        let mut all = vec![file.to_str().unwrap()];
        all.extend(args);
        all.push("--json");
        let output = run(&all);
        assert!(
            output.status.success(),
            "{key}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let got: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let mut selected: Vec<String> = got["selected"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect();
        selected.sort();
        let want = &expected["rules"][key];
        let mut want_selected: Vec<String> = want["selected"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect();
        want_selected.sort();
        assert_eq!(selected, want_selected, "{key}");
        assert_eq!(got["cost"].as_f64(), want["cost"].as_f64(), "{key}");
    }
}

#[test]
fn tally_text_explains_each_project() {
    let output = run(&[
        testdata("Poland_Warszawa_2019_Anin.pb").to_str().unwrap(),
        "--rule",
        "greedy",
    ]);
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.lines().count() > 17,
        "one line per project at least:\n{text}"
    );
}

#[test]
fn tally_refuses_an_unknown_rule_and_a_malformed_file_with_clear_errors() {
    let output = run(&[
        testdata("Poland_Warszawa_2019_Anin.pb").to_str().unwrap(),
        "--rule",
        "mess",
    ]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown rule 'mess'"));
    let broken = std::env::temp_dir().join(format!("broken-{}.pb", std::process::id()));
    std::fs::write(&broken, "META\nkey;value\nbudget;abc\n").unwrap();
    let output = run(&[broken.to_str().unwrap(), "--rule", "greedy"]);
    assert!(!output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("line"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn export_pabulib_prints_a_rounds_anonymous_ballots_that_tally_can_recount() {
    let dir = std::env::temp_dir().join(format!("mb-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.join("export.db").display());
    let bin = env!("CARGO_BIN_EXE_medborgarbudget");
    let demo = Command::new(bin)
        .args(["demo", "--database-url", &url])
        .output()
        .unwrap();
    assert!(
        demo.status.success(),
        "{}",
        String::from_utf8_lossy(&demo.stderr)
    );
    let export = Command::new(bin)
        .args([
            "export-pabulib",
            "fritidsgardar-2026",
            "--database-url",
            &url,
        ])
        .output()
        .unwrap();
    assert!(
        export.status.success(),
        "{}",
        String::from_utf8_lossy(&export.stderr)
    );
    let text = String::from_utf8(export.stdout).unwrap();
    assert!(text.contains("num_votes;40"), "{text}");
    assert!(!text.contains('@'), "no addresses in the ballots");
    let file = dir.join("fritidsgardar.pb");
    std::fs::write(&file, &text).unwrap();
    let output = run(&[file.to_str().unwrap(), "--rule", "greedy", "--json"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(!report["selected"].as_array().unwrap().is_empty());
    let missing = Command::new(bin)
        .args(["export-pabulib", "finns-inte", "--database-url", &url])
        .output()
        .unwrap();
    assert!(!missing.status.success());
    assert!(
        String::from_utf8_lossy(&missing.stderr).contains("no round with the slug 'finns-inte'")
    );
    let _ = std::fs::remove_dir_all(&dir);
}
