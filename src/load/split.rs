//! Splitting decoded CSV text into records whose fields are borrowed from
//! the text.
//!
//! The csv crate copies every field into a buffer of its own and checks the
//! UTF-8 of every record again; on a province's 77 MB of visits that was a
//! third of the run. This reader works on text already decoded, so an
//! unquoted field is a slice of it, and only a field with `""` inside is
//! copied. It reads what the csv crate reads (RFC 4180, as the crate's
//! defaults take it — a property test below holds the two together):
//! fields split by `,` (or the separator given: `;` or a tab, as some
//! spreadsheets write); records end at `\n`, `\r\n` or `\r`; empty lines are
//! skipped; a field that starts with `"` runs to the closing `"`, with `""`
//! for a quote, and may hold commas and line breaks; anything after the
//! closing quote, up to the next comma, is kept as it is; a `"` inside an
//! unquoted field is an ordinary character.

use std::borrow::Cow;

/// A quote that opens a field and is never closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unclosed {
    /// The line of the opening quote.
    pub quote_line: u32,
    /// The line where the record holding it begins.
    pub record_line: u32,
}

/// Reads records one after another from CSV text.
pub struct Splitter<'t> {
    text: &'t str,
    pos: usize,
    line: u32,
    /// The byte between fields: `,`, `;` or a tab.
    separator: u8,
}

impl<'t> Splitter<'t> {
    /// Splits `text` at commas.
    pub fn new(text: &'t str) -> Self {
        Self::with_separator(text, b',')
    }

    /// Splits `text` at `separator` (an ASCII byte other than a quote or a
    /// line end).
    pub fn with_separator(text: &'t str, separator: u8) -> Self {
        Splitter {
            text,
            pos: 0,
            line: 1,
            separator,
        }
    }

    /// Reads the next record into `fields` (cleared first) and returns the
    /// line it starts on; `None` at the end of the text.
    pub fn next_record(&mut self, fields: &mut Vec<Cow<'t, str>>) -> Option<Result<u32, Unclosed>> {
        fields.clear();
        let bytes = self.text.as_bytes();
        // Skip empty lines.
        loop {
            match bytes.get(self.pos) {
                None => return None,
                Some(b'\n') => self.newline(1),
                Some(b'\r') => self.newline(if bytes.get(self.pos + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                }),
                Some(_) => break,
            }
        }
        let record_line = self.line;
        // The usual line has no quote and no carriage return but at its end:
        // find its end and check it with SIMD, then cut it at the commas.
        // Anything else goes to the general reader below.
        let rest = bytes.get(self.pos..).unwrap_or_default();
        let end = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
        let line = &rest[..end];
        let content = line.strip_suffix(b"\r").unwrap_or(line);
        if memchr::memchr2(b'"', b'\r', content).is_none() {
            let mut start = self.pos;
            let separator = self.separator;
            for (k, &b) in content.iter().enumerate() {
                if b == separator {
                    fields.push(Cow::Borrowed(self.slice(start, self.pos + k)));
                    start = self.pos + k + 1;
                }
            }
            fields.push(Cow::Borrowed(self.slice(start, self.pos + content.len())));
            self.pos = (self.pos + end + 1).min(bytes.len());
            self.line = self.line.saturating_add(1);
            return Some(Ok(record_line));
        }
        loop {
            let field = if bytes.get(self.pos) == Some(&b'"') {
                match self.quoted(record_line) {
                    Ok(field) => field,
                    Err(unclosed) => return Some(Err(unclosed)),
                }
            } else {
                let start = self.pos;
                self.pos = end_of_unquoted(bytes, start, self.separator);
                Cow::Borrowed(self.slice(start, self.pos))
            };
            fields.push(field);
            match bytes.get(self.pos) {
                Some(&b) if b == self.separator => self.pos += 1,
                Some(b'\r') => {
                    self.newline(if bytes.get(self.pos + 1) == Some(&b'\n') {
                        2
                    } else {
                        1
                    });
                    return Some(Ok(record_line));
                }
                Some(b'\n') => {
                    self.newline(1);
                    return Some(Ok(record_line));
                }
                _ => return Some(Ok(record_line)),
            }
        }
    }

    /// Reads a quoted field starting at the opening quote.
    fn quoted(&mut self, record_line: u32) -> Result<Cow<'t, str>, Unclosed> {
        let bytes = self.text.as_bytes();
        let quote_line = self.line;
        let start = self.pos + 1;
        let mut i = start;
        let mut owned: Option<String> = None;
        let mut piece = start;
        loop {
            match bytes.get(i) {
                None => {
                    // Nothing after this can be read as intended.
                    self.pos = bytes.len();
                    return Err(Unclosed {
                        quote_line,
                        record_line,
                    });
                }
                Some(b'"') if bytes.get(i + 1) == Some(&b'"') => {
                    // `""` is one quote: keep what came before and the quote.
                    let s = owned.get_or_insert_with(String::new);
                    s.push_str(self.slice(piece, i + 1));
                    i += 2;
                    piece = i;
                }
                Some(b'"') => break,
                Some(b'\n') => {
                    self.line = self.line.saturating_add(1);
                    i += 1;
                }
                Some(b'\r') => {
                    if bytes.get(i + 1) != Some(&b'\n') {
                        self.line = self.line.saturating_add(1);
                    }
                    i += 1;
                }
                Some(_) => i += 1,
            }
        }
        let inside = self.slice(piece, i);
        // What follows the closing quote, up to the next delimiter, belongs
        // to the field too (as the csv crate reads it).
        let after = i + 1;
        let end = end_of_unquoted(bytes, after, self.separator);
        self.pos = end;
        if owned.is_none() && end == after {
            return Ok(Cow::Borrowed(inside));
        }
        let mut s = owned.unwrap_or_default();
        s.push_str(inside);
        s.push_str(self.slice(after, end));
        Ok(Cow::Owned(s))
    }

    fn newline(&mut self, width: usize) {
        self.pos += width;
        self.line = self.line.saturating_add(1);
    }

    /// A slice of the text between delimiters (always char boundaries,
    /// since delimiters are ASCII; were one not, the slice is empty).
    fn slice(&self, start: usize, end: usize) -> &'t str {
        self.text.get(start..end).unwrap_or("")
    }
}

/// The end of an unquoted field: the next separator, `\r` or `\n`.
fn end_of_unquoted(bytes: &[u8], start: usize, separator: u8) -> usize {
    bytes
        .get(start..)
        .and_then(|rest| {
            rest.iter()
                .position(|&b| b == separator || matches!(b, b'\n' | b'\r'))
        })
        .map_or(bytes.len(), |n| start + n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<(u32, Vec<String>)> {
        let mut s = Splitter::new(text);
        let mut fields = Vec::new();
        let mut out = Vec::new();
        while let Some(r) = s.next_record(&mut fields) {
            let line = r.unwrap();
            out.push((line, fields.iter().map(|f| f.to_string()).collect()));
        }
        out
    }

    fn rec(line: u32, fields: &[&str]) -> (u32, Vec<String>) {
        (line, fields.iter().map(|f| f.to_string()).collect())
    }

    #[test]
    fn plain_records_and_line_endings() {
        assert_eq!(
            split("a,b\nc,d"),
            vec![rec(1, &["a", "b"]), rec(2, &["c", "d"])]
        );
        assert_eq!(
            split("a,b\r\nc,\r\n"),
            vec![rec(1, &["a", "b"]), rec(2, &["c", ""])]
        );
        assert_eq!(split("a\rb\n"), vec![rec(1, &["a"]), rec(2, &["b"])]);
    }

    #[test]
    fn empty_lines_are_skipped_but_counted() {
        assert_eq!(
            split("\n\na\r\n\r\nb\n"),
            vec![rec(3, &["a"]), rec(5, &["b"])]
        );
    }

    #[test]
    fn quotes() {
        assert_eq!(
            split("\"a,b\",\"say \"\"hi\"\"\"\n\"multi\nline\",x\ny"),
            vec![
                rec(1, &["a,b", "say \"hi\""]),
                rec(2, &["multi\nline", "x"]),
                rec(4, &["y"])
            ]
        );
        assert_eq!(split("a\"b,c\n"), vec![rec(1, &["a\"b", "c"])]);
        assert_eq!(split("\"ab\"cd,e\n"), vec![rec(1, &["abcd", "e"])]);
        assert_eq!(split("\"\"\n"), vec![rec(1, &[""])]);
    }

    #[test]
    fn chinese_text_is_borrowed_whole() {
        assert_eq!(
            split("编号,姓名\nC1,张三\n"),
            vec![rec(1, &["编号", "姓名"]), rec(2, &["C1", "张三"])]
        );
    }

    #[test]
    fn unclosed_quote_names_its_lines() {
        let mut s = Splitter::new("a,b\nc,\"d\ne,f\n");
        let mut fields = Vec::new();
        assert_eq!(s.next_record(&mut fields), Some(Ok(1)));
        assert_eq!(
            s.next_record(&mut fields),
            Some(Err(Unclosed {
                quote_line: 2,
                record_line: 2
            }))
        );
        assert_eq!(s.next_record(&mut fields), None);
    }
}

/// The splitter against the csv crate, on arbitrary text made of the
/// characters that matter to CSV.
#[cfg(test)]
mod agrees_with_csv_crate {
    use super::*;
    use proptest::prelude::*;

    fn ours(text: &str) -> Option<Vec<Vec<String>>> {
        let mut s = Splitter::new(text);
        let mut fields = Vec::new();
        let mut out = Vec::new();
        while let Some(r) = s.next_record(&mut fields) {
            r.ok()?;
            out.push(fields.iter().map(|f| f.to_string()).collect());
        }
        Some(out)
    }

    fn theirs(text: &str) -> Vec<Vec<String>> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        reader
            .records()
            .filter_map(Result::ok)
            .map(|r| r.iter().map(str::to_string).collect())
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        #[test]
        fn same_records(text in "[a中 ,\"\r\n]{0,40}") {
            // An unclosed quote is an error for us and the rest of the file
            // as one field for the csv crate; everything else must agree.
            if let Some(records) = ours(&text) {
                prop_assert_eq!(records, theirs(&text));
            }
        }
    }
}
