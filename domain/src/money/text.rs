//! Amounts as text: reading `1200`, `1200,50` or `p/q` exactly, and writing
//! an exact value back as a decimal when it has one.

use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{Signed, Zero};

use super::MoneyError;

/// Parses a signed decimal or `p/q` into an exact rational.
pub(crate) fn parse_rational(text: &str) -> Result<BigRational, MoneyError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(MoneyError::Empty);
    }
    let bad = || MoneyError::NotANumber(text.to_owned());
    if let Some((p, q)) = text.split_once('/') {
        let p: BigInt = parse_integer(p.trim()).ok_or_else(bad)?;
        let q: BigInt = parse_integer(q.trim()).ok_or_else(bad)?;
        if q.is_zero() {
            return Err(MoneyError::DivisionByZero(text.to_owned()));
        }
        return Ok(BigRational::new(p, q));
    }
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = match digits.split_once(['.', ',']) {
        Some((w, f)) => (w, f),
        None => (digits, ""),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !all_digits(whole) || !all_digits(fraction) {
        return Err(bad());
    }
    let numer: BigInt = format!("0{whole}{fraction}").parse().map_err(|_| bad())?;
    let denom = num_traits::pow(BigInt::from(10u8), fraction.len());
    let value = BigRational::new(numer, denom);
    Ok(if negative { -value } else { value })
}

fn parse_integer(text: &str) -> Option<BigInt> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// Writes `value` as an exact decimal when it has one, else as `p/q`.
pub(crate) fn format_rational(value: &BigRational) -> String {
    let mut denom = value.denom().clone();
    let (two, five) = (BigInt::from(2u8), BigInt::from(5u8));
    let (mut twos, mut fives) = (0usize, 0usize);
    while denom.is_even() {
        denom /= &two;
        twos += 1;
    }
    while (&denom % &five).is_zero() {
        denom /= &five;
        fives += 1;
    }
    if denom != BigInt::from(1u8) {
        return format!("{}/{}", value.numer(), value.denom());
    }
    let places = twos.max(fives);
    if places == 0 {
        return value.numer().to_string();
    }
    let scaled = value * BigRational::from_integer(num_traits::pow(BigInt::from(10u8), places));
    let digits = scaled.to_integer().abs().to_string();
    let padded = format!("{digits:0>width$}", width = places + 1);
    let (whole, fraction) = padded.split_at(padded.len() - places);
    let sign = if value.is_negative() { "-" } else { "" };
    format!("{sign}{whole}.{fraction}")
}
