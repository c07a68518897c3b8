//! Equal Shares on hand-made elections, and the jumping add-one search
//! against pabutools' one-krona-at-a-time loop.

use num_bigint::BigInt;
use num_rational::BigRational;

use super::input::{MesInput, MesSat};
use super::iterate::{Schedule, iterate, iterate_naively};
use super::*;
use crate::pabulib::read_pabulib;
use crate::synth::{SynthSpec, synthetic_approval_election};

fn profile(text: &str) -> Profile {
    Profile::from_file(&read_pabulib(text).unwrap())
}

#[test]
fn equal_shares_funds_what_each_group_can_pay_for_with_its_share() {
    // 4 voters with 25 each; a is liked by 3 (can pay 60), b by 1 (can pay 25 < 50).
    let p = profile(
        "META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost\na;60\nb;50\nc;20\n\
         VOTES\nvoter_id;vote\n1;a\n2;a\n3;a,c\n4;b\n",
    );
    let outcome = equal_shares(&p, MesSat::Cost, Completion::None).unwrap();
    assert_eq!(outcome.selected, vec![0]);
    assert!(matches!(
        outcome.reasons[1],
        Reason::SupportersLackMoney { .. }
    ));
}

#[test]
fn the_greedy_completion_spends_what_equal_shares_left() {
    let p = profile(
        "META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost\na;60\nb;40\n\
         VOTES\nvoter_id;vote\n1;a\n2;a\n3;a\n4;b\n",
    );
    let plain = equal_shares(&p, MesSat::Cost, Completion::None).unwrap();
    assert_eq!(plain.selected, vec![0]);
    let completed = equal_shares(&p, MesSat::Cost, Completion::Add1Greedy).unwrap();
    assert_eq!(completed.selected, vec![0, 1]);
}

fn schedules_agree(
    inp: &MesInput,
    budget: &BigRational,
    step: BigRational,
    last: Option<u64>,
    available: &[u32],
) {
    let start = inp.start_budget(budget);
    let schedule = Schedule {
        start,
        step,
        last,
        budget,
        available,
    };
    assert_eq!(iterate(inp, &schedule), iterate_naively(inp, &schedule));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
    #[test]
    fn the_jumping_add_one_search_finds_the_same_result_as_counting_every_krona(
        seed in 0u64..u64::MAX, voters in 20usize..120, projects in 2usize..14, step in 1i64..60,
    ) {
        let spec = SynthSpec { voters, projects, min_approvals: 1, max_approvals: 4, seed };
        let p = Profile::from_file(&synthetic_approval_election(&spec));
        let budget = p.budget.ratio().clone() / BigRational::from_integer(BigInt::from(40));
        let inp = MesInput::new(&p, MesSat::Cost).unwrap();
        schedules_agree(&inp, &budget, BigRational::from_integer(BigInt::from(step)), None, &inp.candidates);
        let all: Vec<u32> = (0..p.len() as u32).collect();
        let step = &budget / BigRational::from_integer(BigInt::from(100 * p.num_ballots));
        schedules_agree(&inp, &budget, step, Some(100 * p.num_ballots), &all);
    }
}

/// Timing comparison of the jumping search with the one-krona loop (run by hand).
#[test]
#[ignore]
fn jumping_versus_counting_every_krona_timing() {
    let path = std::env::var("MES_TIMING_FILE").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../shared/testdata/pabulib/Poland_Warszawa_2022_Wlochy.pb"
        )
        .into()
    });
    let p = Profile::from_file(&read_pabulib(&std::fs::read_to_string(path).unwrap()).unwrap());
    let inp = MesInput::new(&p, MesSat::Cost).unwrap();
    let budget = p.budget.ratio();
    let one = BigRational::from_integer(BigInt::from(1));
    let schedule = Schedule {
        start: inp.start_budget(budget),
        step: one,
        last: None,
        budget,
        available: &inp.candidates,
    };
    let started = std::time::Instant::now();
    let jumped = iterate(&inp, &schedule);
    let jumping = started.elapsed();
    let started = std::time::Instant::now();
    let naive = iterate_naively(&inp, &schedule);
    eprintln!(
        "jumping {jumping:?}, every krona {:?}, steps {}",
        started.elapsed(),
        naive.1
    );
    assert_eq!(jumped, naive);
}
