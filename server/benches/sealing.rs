//! What sealing adds to a cast and to the count: a ballot of a round with 20 projects on its
//! ballot (five chosen) serialised and sealed as the cast does, and opened and read as the
//! count does. Prints microseconds per ballot; asserts only that every ballot opens to what
//! was sealed. `cargo bench -p server --bench sealing [-- N]`.

use std::time::Instant;

use app::ssr::keys::Keys;
use app::ssr::voting::Boxed;
use domain::ballot::Ballot;

fn main() {
    let n: usize = std::env::args()
        .filter_map(|a| a.parse().ok())
        .next()
        .unwrap_or(200_000);
    let keys = Keys::from_secret(b"a secret of at least thirty-two characters");
    let boxed = Boxed {
        channel: "online".to_owned(),
        ballot: Ballot::Approval(
            ["1041", "1043", "1047", "1052", "1060"]
                .map(str::to_owned)
                .to_vec(),
        ),
    };
    let context = b"ballot:7:3f1c0a9e5b6d4c2a8f7e6d5c4b3a29180f1e2d3c4b5a69788796a5b4c3d2e1f0";
    let size = 96 + 32 * 20;

    let start = Instant::now();
    let mut sealed = Vec::with_capacity(n);
    for _ in 0..n {
        let plain = serde_json::to_vec(&boxed).unwrap();
        sealed.push(keys.ballots.seal(&plain, size, context));
    }
    let seal = start.elapsed();

    let start = Instant::now();
    for s in &sealed {
        let plain = keys.ballots.open(s, context).unwrap();
        let opened: Boxed = serde_json::from_slice(&plain).unwrap();
        assert_eq!(opened, boxed);
    }
    let open = start.elapsed();

    let per = |d: std::time::Duration| d.as_secs_f64() * 1e6 / n as f64;
    println!(
        "{n} ballots, sealed length {} characters: seal {:.2} µs per cast, open {:.2} µs per counted ballot",
        sealed[0].len(),
        per(seal),
        per(open)
    );
}
