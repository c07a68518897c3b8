use std::time::Instant;
use domain::count::{Profile, Rule, Completion, count};
fn main() {
    let text = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    let t = Instant::now();
    let file = domain::pabulib::read_pabulib(&text).unwrap();
    eprintln!("read {:?}", t.elapsed());
    let t = Instant::now();
    let profile = Profile::from_file(&file);
    eprintln!("profile {:?} groups {}", t.elapsed(), profile.groups.len());
    for rule in [Rule::Greedy, Rule::Mes, Rule::Phragmen] {
        let t = Instant::now();
        let o = count(&profile, rule, Completion::None, None).unwrap();
        eprintln!("{rule} {:?} {}", t.elapsed(), o.selected.len());
    }
    let t = Instant::now();
    let _ = profile.supporters();
    eprintln!("supporters {:?}", t.elapsed());
}
