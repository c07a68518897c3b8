//! Cells of the CSV files people download (open data, the evaluation report) are opened in
//! spreadsheet programs, which run a cell that starts with `=`, `+`, `-` or `@` (or a tab or
//! carriage return before one) as a formula: a proposal titled `=HYPERLINK(…)` would become a
//! link, or worse, on a clerk's machine. Such a cell gets a leading `'`, which spreadsheets
//! show as text (OWASP's advice); plain numbers, negative ones included, stay numbers.

use std::borrow::Cow;

/// The cell as it is safe to write in a CSV file.
pub fn neutralise_cell(cell: &str) -> Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_plain_number(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// `-12`, `-0.5`: a number a spreadsheet reads as a number, not a formula.
fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    !whole.is_empty()
        && !fraction.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_run_become_text_and_others_stay() {
        for (cell, written) in [
            (
                "=HYPERLINK(\"http://x\",\"klicka\")",
                "'=HYPERLINK(\"http://x\",\"klicka\")",
            ),
            ("+46 70 123", "'+46 70 123"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
            ("\t=1+1", "'\t=1+1"),
            ("\r=1+1", "'\r=1+1"),
            ("-", "'-"),
            ("-.5", "'-.5"),
            ("-12", "-12"),
            ("-0.5", "-0.5"),
            ("12", "12"),
            ("Belysning i parken", "Belysning i parken"),
            ("a=b", "a=b"),
            ("", ""),
            (" =1", " =1"),
        ] {
            assert_eq!(neutralise_cell(cell), written, "{cell:?}");
        }
    }
}
