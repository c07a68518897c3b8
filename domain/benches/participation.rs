//! Benchmarks of the participation figures: the server recomputes every figure of a round each
//! time someone answers the voluntary questions (to tell staff of groups newly under the
//! threshold) and for every dashboard view, so this is the cost per answer and per page.
//! Rounds of 1 000, 10 000 and 50 000 participants who answered, in 5 areas, over 30 days;
//! then what a partner association sees of the largest, and typing one scope's baseline.

use std::hint::black_box;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use domain::participation::{
    AgeBand, Answers, Baseline, Birthplace, Dimension, Education, Gender, Group, Occupation,
    Participation, Scope, StatsOptions, for_partner, representativeness, scope_groups,
    with_scope_typed,
};

const AREAS: [i64; 5] = [1, 2, 3, 4, 5];

/// `n` participants with answers spread over every group (a fixed pseudo-random walk).
fn participants(n: usize) -> Vec<Participation> {
    let start = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = |m: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % m as u64) as usize
    };
    (0..n)
        .map(|_| Participation {
            date: start + chrono::Days::new(next(30) as u64),
            answers: Answers {
                gender: Some(Gender::ALL[next(Gender::ALL.len())]),
                age: Some(AgeBand::ALL[next(AgeBand::ALL.len())]),
                area_id: Some(AREAS[next(AREAS.len())]),
                born: Some(Birthplace::ALL[next(2)]),
                education: (next(4) > 0).then(|| Education::ALL[next(Education::ALL.len())]),
                occupation: Some(Occupation::ALL[next(Occupation::ALL.len())]),
                disability: None,
            },
        })
        .collect()
}

/// A baseline with a count for every group of every scope.
fn baseline() -> Baseline {
    let mut baseline = Baseline::default();
    let scopes = std::iter::once(Scope::All).chain(AREAS.iter().map(|&a| Scope::Area(a)));
    for scope in scopes {
        for (i, group) in scope_groups(scope, &AREAS).into_iter().enumerate() {
            baseline.insert(scope, group, 1_000 + 37 * i as u64);
        }
    }
    baseline
}

fn figures(c: &mut Criterion) {
    let baseline = baseline();
    let options = StatsOptions {
        show_zeros: true,
        ..StatsOptions::default()
    };
    let mut group = c.benchmark_group("participation");
    group.measurement_time(Duration::from_secs(8));
    for n in [1_000, 10_000, 50_000] {
        let people = participants(n);
        group.bench_function(format!("representativeness {n}"), |b| {
            b.iter(|| representativeness(black_box(&people), &baseline, &AREAS, &options))
        });
    }
    let stats = representativeness(&participants(50_000), &baseline, &AREAS, &options);
    let theirs = [
        Group::Age(AgeBand::From16To19),
        Group::Born(Birthplace::Abroad),
    ];
    group.bench_function("for_partner 50000", |b| {
        b.iter(|| for_partner(black_box(&stats), &theirs))
    });
    let known: Vec<(i64, String)> = AREAS.iter().map(|&a| (a, format!("area-{a}"))).collect();
    group.bench_function("with_scope_typed all", |b| {
        b.iter(|| {
            with_scope_typed(black_box(&baseline), Scope::All, &known, |g| {
                if g.dimension() == Dimension::Age {
                    "2 400".into()
                } else {
                    String::new()
                }
            })
        })
    });
    group.finish();
}

criterion_group!(benches, figures);
criterion_main!(benches);
