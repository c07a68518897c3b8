//! Amounts in Swedish kronor as people type them: `250000`, `250 000`
//! (also with a no-break space, as Swedish number formatting produces), and
//! with `kr`, `SEK` or `:-` after. Budgets, proposal costs and staff
//! estimates are whole kronor, so decimals are refused rather than rounded.

/// The largest amount accepted anywhere: ten billion kronor.
pub const SEK_MAX: i64 = 10_000_000_000;

/// Why a text is not an amount of kronor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SekError {
    /// Nothing was entered.
    #[error("no amount was entered")]
    Empty,
    /// Not whole kronor: letters, decimals, or spaces that do not separate thousands.
    #[error("the amount is not a whole number of kronor")]
    NotANumber,
    /// Zero or negative.
    #[error("the amount must be more than zero")]
    NotPositive,
    /// More than [`SEK_MAX`].
    #[error("the amount is more than {SEK_MAX} kronor")]
    TooLarge,
}

/// Spaces people and number formatters put between thousands.
fn is_group_separator(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// The text without a trailing currency (`kr`, `kr.`, `SEK`, `:-`).
fn strip_currency(text: &str) -> &str {
    let lower = text.to_ascii_lowercase();
    for suffix in ["kr.", "kr", "sek", ":-"] {
        if lower.ends_with(suffix) {
            return text[..text.len() - suffix.len()].trim_end();
        }
    }
    text
}

/// True when `digits` is plain digits, or digit groups separated by single
/// spaces with three digits in every group after the first (`1 250 000`), so
/// a mistyped `250 00` is refused instead of read as 25 000.
fn well_grouped(digits: &str) -> bool {
    let groups: Vec<&str> = digits.split(is_group_separator).collect();
    let all_digits = groups
        .iter()
        .all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()));
    let sizes_ok =
        groups.len() == 1 || (groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3));
    all_digits && sizes_ok
}

/// Parses whole kronor, more than zero and at most [`SEK_MAX`].
pub fn parse_sek(text: &str) -> Result<i64, SekError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(SekError::Empty);
    }
    let amount = strip_currency(text);
    let (negative, digits) = match amount.strip_prefix(['-', '\u{2212}']) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, amount),
    };
    if !well_grouped(digits) {
        return Err(SekError::NotANumber);
    }
    let mut value: i64 = 0;
    for digit in digits.bytes().filter(u8::is_ascii_digit) {
        value = value * 10 + i64::from(digit - b'0');
        if value > SEK_MAX {
            return Err(if negative {
                SekError::NotPositive
            } else {
                SekError::TooLarge
            });
        }
    }
    if negative || value == 0 {
        return Err(SekError::NotPositive);
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn plain_spaced_and_no_break_spaced_amounts_are_accepted() {
        assert_eq!(parse_sek("250000"), Ok(250_000));
        assert_eq!(parse_sek("250 000"), Ok(250_000));
        assert_eq!(parse_sek("250\u{a0}000"), Ok(250_000));
        assert_eq!(parse_sek("1\u{202f}250\u{202f}000"), Ok(1_250_000));
        assert_eq!(parse_sek("  7  "), Ok(7));
    }

    #[test]
    fn a_currency_after_the_amount_is_ignored() {
        assert_eq!(parse_sek("250000 kr"), Ok(250_000));
        assert_eq!(parse_sek("250 000kr"), Ok(250_000));
        assert_eq!(parse_sek("250 000 Kr."), Ok(250_000));
        assert_eq!(parse_sek("250 000 SEK"), Ok(250_000));
        assert_eq!(parse_sek("250 000:-"), Ok(250_000));
    }

    #[test]
    fn an_empty_amount_is_empty() {
        assert_eq!(parse_sek(""), Err(SekError::Empty));
        assert_eq!(parse_sek(" \u{a0}\t"), Err(SekError::Empty));
    }

    #[test]
    fn decimals_letters_and_odd_grouping_are_not_numbers() {
        for text in [
            "250000,50",
            "250000.00",
            "abc",
            "kr",
            "25 0000",
            "250 00",
            "1  000",
            "+5",
            "2.5e5",
            "250 000 euro",
        ] {
            assert_eq!(parse_sek(text), Err(SekError::NotANumber), "{text}");
        }
    }

    #[test]
    fn zero_and_negative_amounts_are_not_positive() {
        for text in [
            "0",
            "000",
            "-5",
            "- 5 000",
            "\u{2212}100 kr",
            "-99999999999999999999",
        ] {
            assert_eq!(parse_sek(text), Err(SekError::NotPositive), "{text}");
        }
    }

    #[test]
    fn more_than_ten_billion_is_too_large_even_beyond_i64() {
        assert_eq!(parse_sek("10 000 000 000"), Ok(SEK_MAX));
        assert_eq!(parse_sek("10000000001"), Err(SekError::TooLarge));
        assert_eq!(
            parse_sek("99999999999999999999999999"),
            Err(SekError::TooLarge)
        );
    }

    /// `amount` with a space between every group of three digits.
    fn grouped(amount: i64, separator: char) -> String {
        let digits = amount.to_string();
        let mut text = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                text.push(separator);
            }
            text.push(c);
        }
        text
    }

    proptest! {
        #[test]
        fn every_amount_round_trips_with_thousands_separators(
            amount in 1..=SEK_MAX,
            separator in prop::sample::select(vec![' ', '\u{a0}', '\u{202f}']),
            suffix in prop::sample::select(vec!["", " kr", "kr", " SEK", ":-"]),
        ) {
            prop_assert_eq!(parse_sek(&amount.to_string()), Ok(amount));
            prop_assert_eq!(parse_sek(&format!("{}{suffix}", grouped(amount, separator))), Ok(amount));
        }

        #[test]
        fn parse_sek_never_panics_and_only_returns_amounts_in_range(text in "\\PC{0,30}") {
            if let Ok(amount) = parse_sek(&text) {
                prop_assert!((1..=SEK_MAX).contains(&amount));
            }
        }
    }
}
