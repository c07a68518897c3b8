//! Splits Pabulib text into `;`-separated rows, the way Python's `csv` module
//! (which pabutools uses) does: `"` quotes a field, `""` is a quote inside it,
//! and a quoted field may span lines.
//!
//! Unquoted fields borrow from the input, so reading 90 000 votes allocates
//! one vector per row and nothing per field.

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
        self.fields.iter().all(|f| f.trim().is_empty()) && self.fields.len() <= 1
    }

    /// The trimmed field `index`, if present.
    pub fn get(&self, index: usize) -> Option<&str> {
        self.fields.get(index).map(|f| f.trim())
    }
}

/// Iterator over the rows of a text.
pub(crate) struct Rows<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
}

/// Index of the first of `;`, `\r`, `\n` (or `"` when `quote`) at or after `from`, else the end.
fn next_special(bytes: &[u8], from: usize, quote: bool) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == b';' && !quote || b == b'\r' || b == b'\n' || b == b'"' && quote)
        .map_or(bytes.len(), |i| from + i)
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
