//! Numbers as people read them in the page's language: money in whole kronor with grouped
//! digits (`250 000 kr` in Swedish, `SEK 250,000` in English and Arabic).

use crate::i18n::Locale;

/// An amount of kronor for display.
pub fn sek(locale: Locale, amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let separator = match locale {
        Locale::sv => '\u{a0}',
        Locale::en | Locale::ar => ',',
    };
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(separator);
        }
        grouped.push(c);
    }
    let sign = if amount < 0 { "-" } else { "" };
    match locale {
        Locale::sv => format!("{sign}{grouped}\u{a0}kr"),
        Locale::en | Locale::ar => format!("{sign}SEK\u{a0}{grouped}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kronor_are_grouped_by_thousands_in_each_language() {
        assert_eq!(sek(Locale::sv, 250_000), "250\u{a0}000\u{a0}kr");
        assert_eq!(sek(Locale::en, 1_250_000), "SEK\u{a0}1,250,000");
        assert_eq!(sek(Locale::sv, 999), "999\u{a0}kr");
        assert_eq!(sek(Locale::sv, 0), "0\u{a0}kr");
    }
}
