//! Writes a synthetic approval election (deterministic) as a `.pb` file.
//!
//! `cargo run -p domain --release --example synth -- out.pb [--voters 90000] [--projects 160] [--seed 2026]`

use domain::pabulib::write_pabulib;
use domain::synth::{SynthSpec, synthetic_approval_election};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first().filter(|a| !a.starts_with("--")) else {
        eprintln!("usage: synth OUT.pb [--voters N] [--projects M] [--seed S]");
        std::process::exit(2);
    };
    let mut spec = SynthSpec::default();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
    };
    if let Some(v) = value("--voters") {
        spec.voters = v as usize;
    }
    if let Some(p) = value("--projects") {
        spec.projects = p as usize;
    }
    if let Some(s) = value("--seed") {
        spec.seed = s;
    }
    let text = write_pabulib(&synthetic_approval_election(&spec));
    if let Err(e) = std::fs::write(path, text) {
        eprintln!("cannot write {path}: {e}");
        std::process::exit(1);
    }
}
