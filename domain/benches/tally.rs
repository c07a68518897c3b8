//! Benchmarks: parsing, and parsing plus counting with every rule and
//! completion, on the largest reference instance (Warszawa 2022 Włochy) and
//! on a synthetic 90 000-voter, 160-project approval election (generated with
//! a fixed seed, written to `.pb` text first, so parsing is measured too).
//!
//! `parse` reads a whole `PbFile` (what the app exports and checks); the
//! `parse+…` benchmarks call `tally`, which reads the votes straight into the
//! counting profile.
//!
//! `cargo bench -p domain` (add `-- synthetic` or `-- wlochy` to pick one).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use domain::pabulib::{read_pabulib, write_pabulib};
use domain::synth::{SynthSpec, synthetic_approval_election};
use domain::tally::{Completion, Rule, TallyOptions, tally};

fn every_rule() -> Vec<(String, TallyOptions)> {
    let mut all: Vec<(String, TallyOptions)> = [Rule::Greedy, Rule::GreedyPerCost, Rule::Phragmen]
        .into_iter()
        .map(|r| (r.to_string(), TallyOptions::new(r)))
        .collect();
    for completion in Completion::ALL {
        all.push((
            format!("mes {completion}"),
            TallyOptions::new(Rule::Mes).with_completion(completion),
        ));
    }
    all
}

fn bench_instance(c: &mut Criterion, name: &str, text: &str) {
    let mut group = c.benchmark_group(name);
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    group.bench_function("parse", |b| {
        b.iter(|| read_pabulib(black_box(text)).map(|f| f.votes.len()))
    });
    for (label, options) in every_rule() {
        group.bench_function(format!("parse+{label}"), |b| {
            b.iter(|| tally(black_box(text), &options).map(|r| r.selected.len()))
        });
    }
    group.finish();
}

fn wlochy(c: &mut Criterion) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/testdata/pabulib/Poland_Warszawa_2022_Wlochy.pb"
    );
    match std::fs::read_to_string(path) {
        Ok(text) => bench_instance(c, "wlochy", &text),
        Err(e) => eprintln!("skipping wlochy: {path}: {e}"),
    }
}

fn synthetic(c: &mut Criterion) {
    let text = write_pabulib(&synthetic_approval_election(&SynthSpec::default()));
    bench_instance(c, "synthetic-90k", &text);
}

criterion_group!(benches, wlochy, synthetic);
criterion_main!(benches);
