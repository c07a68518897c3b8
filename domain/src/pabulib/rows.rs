//! Splits Pabulib text into `;`-separated rows, the way Python's `csv` module
//! (which pabutools uses) does: `"` quotes a field, `""` is a quote inside it,
//! and a quoted field may span lines.
//!
//! Unquoted fields borrow from the input and the row's vector is reused, so
//! reading 90 000 votes allocates nothing per row or field; the special bytes
//! are looked for eight at a time.

use std::borrow::Cow;

use super::error::{PbError, PbErrorKind};

/// One row of fields and the line it starts on.
pub(crate) struct Row<'a> {
    pub line: usize,
    pub fields: Vec<Cow<'a, str>>,
}

impl Row<'_> {
    /// True for rows pabutools skips: nothing, or a single blank field.
    pub fn is_blank(&self) -> bool {
        self.fields.len() <= 1 && self.fields.iter().all(|f| trim(f).is_empty())
    }

    /// The trimmed field `index`, if present.
    #[inline]
    pub fn get(&self, index: usize) -> Option<&str> {
        self.fields.get(index).map(|f| trim(f))
    }
}

/// `str::trim`, skipped when the text plainly has nothing to trim: an ASCII
/// graphic byte at either end is a whole character and not white space.
#[inline]
pub(crate) fn trim(text: &str) -> &str {
    let bytes = text.as_bytes();
    let clean = |b: Option<&u8>| b.is_some_and(u8::is_ascii_graphic);
    if clean(bytes.first()) && clean(bytes.last()) {
        text
    } else {
        text.trim()
    }
}

/// Iterator over the rows of a text.
pub(crate) struct Rows<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
}

/// Index of the first of `;`, `\r`, `\n` (or `"` when `quote`) at or after `from`, else the end.
///
/// Looks at eight bytes at a time: a byte equal to `c` is a zero byte of
/// `word ^ c·0x0101…`, and the usual zero-byte test marks the lowest one
/// exactly (its false positives only ever sit above a true zero byte).
fn next_special(bytes: &[u8], from: usize, quote: bool) -> usize {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let first = if quote { b'"' } else { b';' };
    let zero_of = |word: u64, c: u8| {
        let x = word ^ (LOW * u64::from(c));
        x.wrapping_sub(LOW) & !x & HIGH
    };
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let found = zero_of(word, first) | zero_of(word, b'\r') | zero_of(word, b'\n');
        if found != 0 {
            return i + (found.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    bytes[i..]
        .iter()
        .position(|&b| b == first || b == b'\r' || b == b'\n')
        .map_or(bytes.len(), |j| i + j)
}

impl<'a> Rows<'a> {
    pub fn new(text: &'a str) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        Rows {
            text,
            pos: 0,
            line: 1,
        }
    }

    /// Consumes a line break at `pos` if there is one; true when it did.
    fn eat_newline(&mut self) -> bool {
        let bytes = self.text.as_bytes();
        match bytes.get(self.pos) {
            Some(b'\r') => {
                self.pos += 1;
                if bytes.get(self.pos) == Some(&b'\n') {
                    self.pos += 1;
                }
            }
            Some(b'\n') => self.pos += 1,
            _ => return false,
        }
        self.line += 1;
        true
    }

    fn quoted_field(&mut self, start_line: usize) -> Result<Cow<'a, str>, PbError> {
        let bytes = self.text.as_bytes();
        self.pos += 1;
        let mut value = String::new();
        loop {
            let stop = next_special(bytes, self.pos, true);
            if stop == bytes.len() {
                return Err(PbErrorKind::UnterminatedQuote.at(start_line));
            }
            value.push_str(&self.text[self.pos..stop]);
            self.pos = stop;
            if bytes[self.pos] == b'"' {
                if bytes.get(self.pos + 1) == Some(&b'"') {
                    value.push('"');
                    self.pos += 2;
                    continue;
                }
                self.pos += 1;
                // Python's csv keeps text that follows the closing quote.
                let end = next_special(bytes, self.pos, false);
                value.push_str(&self.text[self.pos..end]);
                self.pos = end;
                return Ok(Cow::Owned(value));
            }
            value.push('\n');
            self.eat_newline();
        }
    }
}

impl<'a> Rows<'a> {
    /// Reads the next row into `row` (reusing its vector); `None` at the end.
    pub fn next_into(&mut self, row: &mut Row<'a>) -> Option<Result<(), PbError>> {
        if self.pos >= self.text.len() {
            return None;
        }
        row.line = self.line;
        row.fields.clear();
        loop {
            let field = if self.text.as_bytes()[self.pos..].first() == Some(&b'"') {
                match self.quoted_field(row.line) {
                    Ok(f) => f,
                    Err(e) => {
                        self.pos = self.text.len();
                        return Some(Err(e));
                    }
                }
            } else {
                let start = self.pos;
                self.pos = next_special(self.text.as_bytes(), start, false);
                Cow::Borrowed(&self.text[start..self.pos])
            };
            row.fields.push(field);
            if self.text.as_bytes().get(self.pos) == Some(&b';') {
                self.pos += 1;
                continue;
            }
            self.eat_newline();
            return Some(Ok(()));
        }
    }
}

impl<'a> Iterator for Rows<'a> {
    type Item = Result<Row<'a>, PbError>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut row = Row {
            line: 0,
            fields: Vec::new(),
        };
        self.next_into(&mut row).map(|r| r.map(|()| row))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Vec<String>> {
        Rows::new(text)
            .map(|r| {
                r.unwrap()
                    .fields
                    .into_iter()
                    .map(|f| f.into_owned())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn fields_are_split_on_semicolons_and_lines_on_any_line_break() {
        assert_eq!(
            rows("a;b\r\nc;d\re"),
            vec![vec!["a", "b"], vec!["c", "d"], vec!["e"]]
        );
    }

    #[test]
    fn quoted_fields_keep_semicolons_and_doubled_quotes() {
        let text = "21;\"800 biletów do Kina \"\"Paradox\"\"\";1\n";
        assert_eq!(
            rows(text),
            vec![vec!["21", "800 biletów do Kina \"Paradox\"", "1"]]
        );
    }

    #[test]
    fn a_quoted_field_may_span_lines_and_the_next_row_knows_its_line() {
        let mut it = Rows::new("\"a\nb\";c\nd\n");
        let first = it.next().unwrap().unwrap();
        assert_eq!(first.fields[0], "a\nb");
        assert_eq!(it.next().unwrap().unwrap().line, 3);
    }

    #[test]
    fn an_unclosed_quote_is_an_error_on_the_line_where_it_opened() {
        let err = Rows::new("x\n\"abc\n").nth(1).unwrap().err().unwrap();
        assert_eq!(err, PbErrorKind::UnterminatedQuote.at(2));
    }
}
