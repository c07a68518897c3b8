//! Swedish personal identity numbers (personnummer) and coordination numbers
//! (samordningsnummer), as an eID provider sends them and as an electoral roll lists them.
//! Parsed into one 12-digit form (`YYYYMMDDNNNC`) so that one person is one number however it
//! was written. Written here rather than taken from a crate: the published `personnummer`
//! crate gets the century of 10-digit numbers and the coordination day wrong.
//!
//! A number is: the birth date (a coordination number adds 60 to the day), a three-digit
//! serial, and a check digit computed with the Luhn algorithm over the ten digits
//! `YYMMDDNNN`. A 10-digit number leaves out the century: `-` before the serial means the
//! person is under 100, `+` that they are 100 or older.

use chrono::{Datelike, NaiveDate};

/// Why a text is not a personal identity number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum IdentityNumberError {
    /// Not 10 or 12 digits in one of the accepted forms.
    #[error("not a personal identity number: 12 digits, YYYYMMDD-NNNN or YYMMDD-NNNN")]
    Format,
    /// The date part is not a date (or lies in the future).
    #[error("the date in the number does not exist")]
    Date,
    /// The last digit does not match the others.
    #[error("the check digit does not match")]
    CheckDigit,
}

impl From<IdentityNumberError> for crate::Code {
    fn from(error: IdentityNumberError) -> crate::Code {
        match error {
            IdentityNumberError::Format => crate::Code::IdentityNumberFormat,
            IdentityNumberError::Date => crate::Code::IdentityNumberDate,
            IdentityNumberError::CheckDigit => crate::Code::IdentityNumberCheckDigit,
        }
    }
}

/// A personal identity number or a coordination number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IdentityNumber {
    digits: [u8; 12],
}

/// Which kind of number it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberKind {
    /// A personnummer (people registered in Sweden).
    Personal,
    /// A samordningsnummer (day + 60: people not registered, e.g. working here).
    Coordination,
}

/// The Luhn check digit of `digits`: weights 2, 1, 2, … from the left, products' digits summed.
fn luhn(digits: &[u8]) -> u8 {
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            let product = u32::from(d) * if i % 2 == 0 { 2 } else { 1 };
            product / 10 + product % 10
        })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

impl IdentityNumber {
    /// Parses a number as written: `YYYYMMDDNNNC`, `YYYYMMDD-NNNC`, `YYMMDD-NNNC`,
    /// `YYMMDD+NNNC` or `YYMMDDNNNC` (surrounding spaces ignored). `today` decides the century
    /// of a 10-digit number: the latest one in which the person is born by today (a `+` one
    /// hundred years earlier).
    pub fn parse(text: &str, today: NaiveDate) -> Result<IdentityNumber, IdentityNumberError> {
        let text = text.trim();
        let (head, sep, tail) = match text.find(['-', '+']) {
            Some(at) => (&text[..at], Some(&text[at..=at]), &text[at + 1..]),
            None => (text, None, ""),
        };
        let all: String = [head, tail].concat();
        if !all.bytes().all(|b| b.is_ascii_digit()) {
            return Err(IdentityNumberError::Format);
        }
        let shape_ok = match (all.len(), sep) {
            (12, None) => true,
            (12, Some("-")) => head.len() == 8,
            (10, None | Some("-") | Some("+")) => sep.is_none() || head.len() == 6,
            _ => false,
        };
        if !shape_ok {
            return Err(IdentityNumberError::Format);
        }
        let mut digits = [0u8; 12];
        let given: Vec<u8> = all.bytes().map(|b| b - b'0').collect();
        if given.len() == 12 {
            digits.copy_from_slice(&given);
        } else {
            let century = century_of(&given, sep == Some("+"), today)?;
            digits[0] = (century / 10) as u8;
            digits[1] = (century % 10) as u8;
            digits[2..].copy_from_slice(&given);
        }
        let number = IdentityNumber { digits };
        let born = number.birth_date().ok_or(IdentityNumberError::Date)?;
        if born > today {
            return Err(IdentityNumberError::Date);
        }
        if luhn(&digits[2..11]) != digits[11] {
            return Err(IdentityNumberError::CheckDigit);
        }
        Ok(number)
    }

    /// The 12-digit form, `YYYYMMDDNNNC`.
    pub fn as_digits(&self) -> String {
        self.digits.iter().map(|d| char::from(b'0' + d)).collect()
    }

    /// Which kind of number this is.
    pub fn kind(&self) -> NumberKind {
        if self.field(6) > 60 {
            NumberKind::Coordination
        } else {
            NumberKind::Personal
        }
    }

    /// The birth date the number holds (`None` if it is no date; [`IdentityNumber::parse`]
    /// never returns such a number).
    pub fn birth_date(&self) -> Option<NaiveDate> {
        let year = self.field(0) * 100 + self.field(2);
        let day = match self.field(6) {
            d if d > 60 => d - 60,
            d => d,
        };
        NaiveDate::from_ymd_opt(year as i32, self.field(4), day)
    }

    /// Completed years on `day`. Someone born on 29 February is a year older on 1 March in a
    /// year without it.
    pub fn age_on(&self, day: NaiveDate) -> u32 {
        let born = self.birth_date().expect("a parsed number holds a date");
        age_on(born, day)
    }

    /// Two digits from position `at`, as a number.
    fn field(&self, at: usize) -> u32 {
        u32::from(self.digits[at]) * 10 + u32::from(self.digits[at + 1])
    }
}

/// Completed years on `day` of someone born on `born` (0 before their birth).
pub fn age_on(born: NaiveDate, day: NaiveDate) -> u32 {
    let years = day.year() - born.year();
    let before_birthday = (day.month(), day.day()) < (born.month(), born.day());
    (years - i32::from(before_birthday)).max(0) as u32
}

/// The century (19, 20, …) of a 10-digit number: the latest in which its date is not after
/// `today`, one earlier for `+` (100 years or older).
fn century_of(
    given: &[u8],
    hundred_or_older: bool,
    today: NaiveDate,
) -> Result<u32, IdentityNumberError> {
    let yy = u32::from(given[0]) * 10 + u32::from(given[1]);
    let month = u32::from(given[2]) * 10 + u32::from(given[3]);
    let day = match u32::from(given[4]) * 10 + u32::from(given[5]) {
        d if d > 60 => d - 60,
        d => d,
    };
    let born = |c: u32| NaiveDate::from_ymd_opt((c * 100 + yy) as i32, month, day);
    let mut century = today.year() as u32 / 100;
    if born(century).is_none_or(|date| date > today) {
        century -= 1;
    }
    if born(century).is_none() {
        return Err(IdentityNumberError::Date);
    }
    if hundred_or_older {
        century -= 1;
    }
    Ok(century)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    const TODAY: (i32, u32, u32) = (2026, 12, 5);

    fn parse(text: &str) -> Result<IdentityNumber, IdentityNumberError> {
        IdentityNumber::parse(text, day(TODAY.0, TODAY.1, TODAY.2))
    }

    #[test]
    fn each_written_form_gives_the_same_twelve_digits() {
        // Skatteverket's test numbers.
        let table = [
            ("198112189876", "198112189876"),
            ("19811218-9876", "198112189876"),
            ("811218-9876", "198112189876"),
            ("8112189876", "198112189876"),
            (" 811218-9876 ", "198112189876"),
            ("121212+1212", "191212121212"),
            ("121212-1212", "201212121212"),
            ("201212121212", "201212121212"),
        ];
        for (written, digits) in table {
            assert_eq!(
                parse(written).map(|n| n.as_digits()),
                Ok(digits.to_owned()),
                "{written}"
            );
        }
    }

    #[test]
    fn the_century_of_ten_digits_is_the_latest_not_after_today() {
        // Born 5 December 2026 is today: this century; 6 December 2026 would be tomorrow.
        let today_born = format!("261205-{}", serial_for("261205", "000"));
        assert_eq!(parse(&today_born).unwrap().as_digits()[..4], *"2026");
        let tomorrow = format!("261206-{}", serial_for("261206", "000"));
        assert_eq!(parse(&tomorrow).unwrap().as_digits()[..4], *"1926");
        let plus = format!("261206+{}", serial_for("261206", "000"));
        assert_eq!(parse(&plus).unwrap().as_digits()[..4], *"1826");
    }

    /// The serial `nnn` with its check digit, for the date part `yymmdd`.
    fn serial_for(yymmdd: &str, nnn: &str) -> String {
        let digits: Vec<u8> = format!("{yymmdd}{nnn}").bytes().map(|b| b - b'0').collect();
        format!("{nnn}{}", luhn(&digits))
    }

    #[test]
    fn a_coordination_number_adds_sixty_to_the_day() {
        let number = parse(&format!("19701063{}", serial_for("701063", "239"))).unwrap();
        assert_eq!(number.kind(), NumberKind::Coordination);
        assert_eq!(number.birth_date(), Some(day(1970, 10, 3)));
        let personal = parse("198112189876").unwrap();
        assert_eq!(personal.kind(), NumberKind::Personal);
        assert_eq!(personal.birth_date(), Some(day(1981, 12, 18)));
        // Day 92 is no day (32 + 60).
        let bad = format!("19701092{}", serial_for("701092", "239"));
        assert_eq!(parse(&bad), Err(IdentityNumberError::Date));
    }

    #[test]
    fn leap_days_exist_only_in_leap_years() {
        assert!(parse(&format!("20000229{}", serial_for("000229", "123"))).is_ok());
        assert!(parse(&format!("20040229{}", serial_for("040229", "123"))).is_ok());
        let not_leap = format!("19000229{}", serial_for("000229", "123"));
        assert_eq!(parse(&not_leap), Err(IdentityNumberError::Date));
        let not_leap = format!("20230229{}", serial_for("230229", "123"));
        assert_eq!(parse(&not_leap), Err(IdentityNumberError::Date));
    }

    #[test]
    fn wrong_check_digits_dates_and_shapes_are_refused() {
        let table = [
            ("198112189875", IdentityNumberError::CheckDigit),
            ("8112189870", IdentityNumberError::CheckDigit),
            ("198113189876", IdentityNumberError::Date),
            ("198112009876", IdentityNumberError::Date),
            ("", IdentityNumberError::Format),
            ("19811218987", IdentityNumberError::Format),
            ("1981121898765", IdentityNumberError::Format),
            ("1981-1218-9876", IdentityNumberError::Format),
            ("19811218+9876", IdentityNumberError::Format),
            ("198112189876x", IdentityNumberError::Format),
            ("81121-89876", IdentityNumberError::Format),
            ("ÅÄÖ", IdentityNumberError::Format),
        ];
        for (written, error) in table {
            assert_eq!(parse(written), Err(error), "{written}");
        }
        // A 12-digit number born after today.
        let future = format!("20270101{}", serial_for("270101", "123"));
        assert_eq!(parse(&future), Err(IdentityNumberError::Date));
    }

    #[test]
    fn age_grows_on_the_birthday_not_the_day_before() {
        let born = day(2010, 6, 15);
        assert_eq!(age_on(born, day(2026, 6, 14)), 15);
        assert_eq!(age_on(born, day(2026, 6, 15)), 16);
        assert_eq!(age_on(born, day(2010, 6, 15)), 0);
        assert_eq!(age_on(born, day(2009, 1, 1)), 0);
        let leap = day(2008, 2, 29);
        assert_eq!(age_on(leap, day(2026, 2, 28)), 17);
        assert_eq!(age_on(leap, day(2026, 3, 1)), 18);
        assert_eq!(age_on(leap, day(2028, 2, 29)), 20);
    }
}
