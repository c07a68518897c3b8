//! The Wilson score interval for a share. Participation counts are often
//! small (a group of twelve people in one area) and shares near 0 are the
//! interesting ones (a group that is missing). The textbook interval
//! `p ± z·√(p(1−p)/n)` fails exactly there: it has width zero at 0 or n
//! successes, falls below 0 or above 1, and covers the true share far less
//! often than 95 % for small `n`. Wilson's interval (Wilson 1927; Brown, Cai
//! & DasGupta 2001 recommend it for small `n`) inverts the score test
//! instead: it stays inside [0, 1], is never empty, and holds its coverage
//! close to the nominal level from a handful of answers up.

/// The normal quantile of a two-sided 95 % interval.
pub const Z_95: f64 = 1.959_963_984_540_054;

/// The Wilson score interval `(low, high)` for `successes` out of `trials`
/// with normal quantile `z`:
///
/// ```text
/// p = x/n,  centre = (p + z²/2n) / (1 + z²/n),
/// half = z/(1 + z²/n) · √(p(1−p)/n + z²/4n²),  [centre − half, centre + half]
/// ```
///
/// `None` when there are no trials or more successes than trials. The
/// interval always contains `p` and lies in [0, 1].
pub fn wilson_interval(successes: u64, trials: u64, z: f64) -> Option<(f64, f64)> {
    if trials == 0 || successes > trials {
        return None;
    }
    let n = trials as f64;
    let p = successes as f64 / n;
    let z2 = z * z;
    let denominator = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denominator;
    let half = z / denominator * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    // Rounding must not push a bound past p or out of [0, 1].
    let low = if successes == 0 {
        0.0
    } else {
        (centre - half).clamp(0.0, p)
    };
    let high = if successes == trials {
        1.0
    } else {
        (centre + half).clamp(p, 1.0)
    };
    Some((low, high))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 5e-4
    }

    #[test]
    fn the_interval_matches_published_values() {
        // Brown, Cai & DasGupta (2001) and R's prop.test(correct = FALSE).
        let (low, high) = wilson_interval(3, 10, Z_95).unwrap();
        assert!(close(low, 0.1078) && close(high, 0.6032), "{low} {high}");
        let (low, high) = wilson_interval(50, 100, Z_95).unwrap();
        assert!(close(low, 0.4038) && close(high, 0.5962), "{low} {high}");
    }

    #[test]
    fn no_successes_give_an_interval_from_zero_that_is_not_empty() {
        let (low, high) = wilson_interval(0, 20, Z_95).unwrap();
        assert_eq!(low, 0.0);
        assert!(close(high, Z_95 * Z_95 / (20.0 + Z_95 * Z_95)), "{high}");
        let (low, high) = wilson_interval(20, 20, Z_95).unwrap();
        assert_eq!(high, 1.0);
        assert!(low > 0.8 && low < 1.0);
    }

    #[test]
    fn there_is_no_interval_without_trials_or_with_too_many_successes() {
        assert_eq!(wilson_interval(0, 0, Z_95), None);
        assert_eq!(wilson_interval(4, 3, Z_95), None);
    }

    #[test]
    fn the_interval_narrows_as_the_sample_grows() {
        let width = |n: u64| {
            let (low, high) = wilson_interval(n / 4, n, Z_95).unwrap();
            high - low
        };
        assert!(width(40) > width(400) && width(400) > width(4000));
    }

    proptest! {
        #[test]
        fn the_interval_contains_the_share_and_lies_in_zero_one(
            trials in 1u64..5_000_000,
            fraction in 0.0f64..=1.0,
            z in 0.5f64..4.0,
        ) {
            let successes = ((trials as f64) * fraction).round() as u64;
            let (low, high) = wilson_interval(successes, trials, z).unwrap();
            let share = successes as f64 / trials as f64;
            prop_assert!(0.0 <= low && low <= share && share <= high && high <= 1.0);
            prop_assert!(low < high);
        }
    }
}
