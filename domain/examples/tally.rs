//! Counts a `.pb` file like `medborgarbudget tally` does, before the server
//! binary exists.
//!
//! `cargo run -p domain --release --example tally -- FILE --rule mes [--completion add1-greedy] [--satisfaction points] [--tie-seed N] [--json] [--time]`

use std::time::Instant;

use domain::tally::{Completion, Rule, Satisfaction, TallyError, TallyOptions, TieBreak, tally};

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    eprintln!(
        "usage: tally FILE --rule greedy|greedy-per-cost|mes|phragmen \
         [--completion none|add1|add1-greedy|budget-increase-greedy] [--satisfaction S] [--tie-seed N] [--json] [--time]"
    );
    std::process::exit(2);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .map(|i| args.get(i + 1).cloned())
    };
    let path = args
        .first()
        .filter(|a| !a.starts_with("--"))
        .unwrap_or_else(|| fail("no file given"));
    let rule: Rule = match flag("--rule") {
        Some(Some(r)) => r.parse().unwrap_or_else(|e| fail(&format!("{e}"))),
        _ => fail("--rule is required"),
    };
    let mut options = TallyOptions::new(rule);
    if let Some(Some(c)) = flag("--completion") {
        options.completion = c
            .parse::<Completion>()
            .unwrap_or_else(|e| fail(&format!("{e}")));
    }
    if let Some(Some(s)) = flag("--satisfaction") {
        options.satisfaction = Some(
            s.parse::<Satisfaction>()
                .unwrap_or_else(|e| fail(&format!("{e}"))),
        );
    }
    if let Some(Some(seed)) = flag("--tie-seed") {
        let seed = seed
            .parse()
            .unwrap_or_else(|e| fail(&format!("--tie-seed: {e}")));
        options.tie_break = TieBreak::LowerCostThenDraw { seed };
    }
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| fail(&format!("cannot read {path}: {e}")));
    let started = Instant::now();
    let report = tally(&text, &options).unwrap_or_else(|e| match e {
        TallyError::Pabulib(e) => fail(&format!("{path}: {e}")),
        e => fail(&format!("{e}")),
    });
    let total = started.elapsed();
    if args.iter().any(|a| a == "--json") {
        println!("{}", report.to_json());
    } else {
        print!("{}", report.render_text());
    }
    if args.iter().any(|a| a == "--time") {
        eprintln!("parse+tally {:.3} ms", total.as_secs_f64() * 1e3);
    }
}
