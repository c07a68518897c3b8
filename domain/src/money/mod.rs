//! Exact amounts of money: budgets and project costs.
//!
//! Counting rules compare sums of costs against budgets, and a budget such as
//! `969245.38` must not become `969245.3799999` on the way. [`Money`] is an
//! exact non-negative rational (a [`BigRational`]), parsed from the decimal text
//! people write (`12 000` is not accepted, `12000`, `12000.50` and `12000,50` are)
//! and shown back exactly. It serialises as a plain JSON number for the app.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, Sub};

mod text;

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{Signed, ToPrimitive, Zero};

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
pub(crate) use text::{format_rational, parse_rational};

/// An exact, non-negative amount of money (SEK, PLN, ... the currency is the round's).
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(BigRational);

/// Why a text is not an amount of money.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    /// Nothing was given.
    #[error("the amount is empty")]
    Empty,
    /// The text is not a decimal number such as `1200` or `1200.50`.
    #[error("'{0}' is not an amount (expected digits with an optional decimal part)")]
    NotANumber(String),
    /// Amounts are never negative.
    #[error("'{0}' is negative")]
    Negative(String),
    /// A fraction `p/q` with `q = 0`.
    #[error("'{0}' divides by zero")]
    DivisionByZero(String),
}

impl Money {
    /// Zero kronor.
    pub fn zero() -> Self {
        Money(BigRational::zero())
    }

    /// A whole amount.
    pub fn from_integer(value: u64) -> Self {
        Money(BigRational::from_integer(BigInt::from(value)))
    }

    /// Wraps an exact rational; `None` when it is negative.
    pub fn from_ratio(value: BigRational) -> Option<Self> {
        (!value.is_negative()).then_some(Money(value))
    }

    /// Parses `1200`, `1200.5`, `1200,5` (decimal comma, as Pabulib allows) or `p/q`.
    /// Surrounding whitespace is ignored.
    pub fn parse(text: &str) -> Result<Self, MoneyError> {
        let value = parse_rational(text)?;
        if value.is_negative() {
            return Err(MoneyError::Negative(text.trim().to_owned()));
        }
        Ok(Money(value))
    }

    /// The exact value.
    pub fn ratio(&self) -> &BigRational {
        &self.0
    }

    /// The nearest `f64`, for display and JSON.
    pub fn to_f64(&self) -> f64 {
        self.0.to_f64().unwrap_or(f64::INFINITY)
    }

    /// True for zero.
    pub fn is_zero(&self) -> bool {
        self.0.is_zero()
    }

    /// `self - other`, or `None` when that would be negative.
    pub fn checked_sub(&self, other: &Money) -> Option<Money> {
        Money::from_ratio(&self.0 - &other.0)
    }

    /// The exact value as `p` or `p/q` (the form Pabulib tools print for exact fractions).
    pub fn exact_string(&self) -> String {
        if self.0.is_integer() {
            self.0.numer().to_string()
        } else {
            format!("{}/{}", self.0.numer(), self.0.denom())
        }
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_rational(&self.0))
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.to_f64())
    }
}

/// Reads a JSON number (`1200.5`) or an exact string (`"1200.50"`, `"2401/2"`).
impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MoneyVisitor;
        impl Visitor<'_> for MoneyVisitor {
            type Value = Money;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an amount of money")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Money, E> {
                Money::parse(v).map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Money, E> {
                Ok(Money::from_integer(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Money, E> {
                Money::parse(&v.to_string()).map_err(E::custom)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Money, E> {
                Money::parse(&v.to_string()).map_err(E::custom)
            }
        }
        deserializer.deserialize_any(MoneyVisitor)
    }
}

impl Add for &Money {
    type Output = Money;
    fn add(self, other: &Money) -> Money {
        Money(&self.0 + &other.0)
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, other: Money) -> Money {
        Money(self.0 + other.0)
    }
}

impl Sub for &Money {
    type Output = BigRational;
    /// The signed difference (money minus money may be negative).
    fn sub(self, other: &Money) -> BigRational {
        &self.0 - &other.0
    }
}

impl<'a> Sum<&'a Money> for Money {
    fn sum<I: Iterator<Item = &'a Money>>(iter: I) -> Money {
        Money(iter.fold(BigRational::zero(), |acc, m| acc + &m.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decimal_budget_is_kept_exactly() {
        let budget = Money::parse("969245.38").unwrap();
        assert_eq!(budget.exact_string(), "48462269/50");
        assert_eq!(budget.to_string(), "969245.38");
    }

    #[test]
    fn a_decimal_comma_is_accepted_like_pabulib_does() {
        assert_eq!(Money::parse("12,5").unwrap(), Money::parse("25/2").unwrap());
    }

    #[test]
    fn whole_amounts_print_without_decimals() {
        assert_eq!(Money::parse(" 152813 ").unwrap().to_string(), "152813");
        assert_eq!(Money::parse("0.050").unwrap().to_string(), "0.05");
    }

    #[test]
    fn fractions_without_a_decimal_form_print_as_p_over_q() {
        assert_eq!(Money::parse("1/3").unwrap().to_string(), "1/3");
    }

    #[test]
    fn garbage_negative_and_empty_amounts_are_rejected() {
        assert_eq!(Money::parse(""), Err(MoneyError::Empty));
        assert!(matches!(
            Money::parse("12a"),
            Err(MoneyError::NotANumber(_))
        ));
        assert!(matches!(Money::parse("."), Err(MoneyError::NotANumber(_))));
        assert!(matches!(Money::parse("-5"), Err(MoneyError::Negative(_))));
        assert!(matches!(
            Money::parse("1/0"),
            Err(MoneyError::DivisionByZero(_))
        ));
    }
}
