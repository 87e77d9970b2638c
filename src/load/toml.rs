//! Reading a TOML data file: records are arrays of tables named by the kind
//! in the singular (`[[visit]]`), with the English field names (the Chinese
//! aliases are accepted too). Dates may be TOML dates or strings. The
//! check `invalid-toml` is here with its words; a key no field has is an
//! `unknown-column`, as a CSV column is.
//!
//! The file is read a table at a time: cut at its table headers (found by
//! the TOML lexer, so that a `[` inside a string or an array is no
//! header), each part parsed on its own and its record built before the
//! next is parsed. Time is linear in the file, and memory holds one
//! table's parse, not the whole document's (1M tables took 3.7 GB so).

use std::borrow::Cow;

use toml::Spanned;
use toml::de::{DeTable, DeValue};
use toml_parser::Source;
use toml_parser::lexer::TokenKind;

use super::csv::{UNKNOWN_COLUMN, UnknownColumn};
use crate::config::InvalidToml;
use crate::finding::{Check, Describe, Finding, Severity, shown};
use crate::lang::{Lang, tr};
use crate::load::build::{Cell, Row};
use crate::model::{FileId, Kind, Span};
use crate::schema;
use crate::text::Lines;

pub static INVALID_TOML: Check = Check {
    name: "invalid-toml",
    severity: Severity::Error,
    about: "a TOML data file is not valid TOML, or holds something other than [[kind]] tables",
    about_zh: "TOML 数据文件不是有效的 TOML，或含有 [[种类]] 表以外的内容",
};

/// A key of a TOML data file that is no `[[kind]]` table (`invalid-toml`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotRecordTable {
    pub key: String,
    pub kind: Kind,
}

impl Describe for NotRecordTable {
    fn text(&self, lang: Lang) -> String {
        let (key, table) = (&self.key, self.kind.singular());
        tr!(
            lang,
            "“{key}”不是 [[{table}]] 记录表；此文件只应包含 [[{table}]]",
            "\"{key}\" is not a [[{table}]] table; this file should hold only [[{table}]] records",
        )
    }

    fn help(&self, lang: Lang) -> Option<String> {
        let table = self.kind.singular();
        Some(tr!(
            lang,
            "把记录写成 [[{table}]] 表",
            "write the records as [[{table}]] tables"
        ))
    }
}

/// What reading a TOML file found out besides its records.
#[derive(Debug)]
pub struct Outcome {
    pub rows: usize,
    pub complete: bool,
}

/// One `[[kind]]` table.
pub struct TomlRow<'t> {
    /// The part of the file the table was parsed from, which spans are
    /// offsets into.
    text: &'t str,
    at: Option<&'t Part<'t>>,
    fields: Vec<Option<Value<'t>>>,
    line: u32,
}

/// A field's value in a table: as the TOML parser gave it, or read by
/// [`plain_table`] with the line it is on.
#[derive(Clone, Copy)]
enum Value<'t> {
    Parsed(&'t Spanned<DeValue<'t>>),
    Plain { value: Plain<'t>, line: u32 },
}

/// A value in its plainest TOML form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Plain<'t> {
    /// A basic string without escapes, or a literal string: its text.
    Text(&'t str),
    Int(i64),
    Date(crate::model::Date),
}

/// A part of a file between two table headers (or before the first).
struct Part<'t> {
    text: &'t str,
    /// The line the part starts on, less one.
    lines_before: u32,
    /// Its line ends.
    lines: Lines,
}

impl Part<'_> {
    /// The 1-based line of the file holding byte `offset` of the part.
    fn line(&self, offset: usize) -> u32 {
        self.lines_before.saturating_add(self.lines.line(offset))
    }
}

impl Row for TomlRow<'_> {
    fn cell(&self, field: usize) -> Option<Cell<'_>> {
        let value = match (*self.fields.get(field)?)? {
            Value::Parsed(value) => value,
            Value::Plain { value, .. } => {
                return match value {
                    Plain::Text(s) => {
                        let s = s.trim();
                        (!s.is_empty()).then_some(Cell::Text(Cow::Borrowed(s)))
                    }
                    Plain::Int(n) => Some(Cell::Int(n)),
                    Plain::Date(d) => Some(Cell::Date(d)),
                };
            }
        };
        let raw = self.text.get(value.span()).unwrap_or("").trim();
        Some(match value.get_ref() {
            DeValue::String(s) => {
                let s = s.trim();
                if s.is_empty() {
                    return None;
                }
                Cell::Text(Cow::Borrowed(s))
            }
            DeValue::Integer(i) => {
                // Digits are rarely grouped (`1_000`): copy only then.
                let digits = match i.as_str() {
                    s if s.contains('_') => Cow::Owned(s.replace('_', "")),
                    s => Cow::Borrowed(s),
                };
                match i64::from_str_radix(&digits, i.radix()) {
                    Ok(n) => Cell::Int(n),
                    Err(_) => Cell::Other(raw),
                }
            }
            DeValue::Datetime(_) => match crate::config::toml_date(value) {
                Some(d) => Cell::Date(d),
                None => Cell::Other(raw),
            },
            DeValue::Array(items) => {
                let mut list = Vec::with_capacity(items.len());
                for item in items.iter() {
                    match item.get_ref() {
                        DeValue::String(s) => list.push(Cow::Borrowed(s.as_ref())),
                        DeValue::Integer(i) => list.push(Cow::Owned(i.as_str().to_string())),
                        _ => return Some(Cell::Other(raw)),
                    }
                }
                Cell::List(list)
            }
            _ => Cell::Other(raw),
        })
    }

    fn line(&self, field: usize) -> u32 {
        match (self.fields.get(field).copied().flatten(), self.at) {
            (Some(Value::Parsed(value)), Some(at)) => at.line(value.span().start),
            (Some(Value::Plain { line, .. }), _) => line,
            _ => self.line,
        }
    }

    fn row_line(&self) -> u32 {
        self.line
    }
}

/// Reads `text`, calling `on_row` for every `[[kind]]` table. A part
/// that is not valid TOML is an `invalid-toml` finding, and its table is
/// lost (the file incomplete); the other tables are read.
pub fn read(
    text: &str,
    kind: Kind,
    file: FileId,
    findings: &mut Vec<Finding>,
    mut on_row: impl FnMut(&TomlRow, &mut Vec<Finding>),
) -> Outcome {
    let mut outcome = Outcome {
        rows: 0,
        complete: true,
    };
    // Tables in their plainest form, the usual, are read by hand; from
    // the first that is not (or what is no table of the kind), the TOML
    // parser reads the rest, a part at a time.
    let (mut start, mut lines_before) = (0, 0u32);
    let fields = schema::fields(kind).len();
    while let Some(table) = plain_table(&text[start..], kind, fields, lines_before) {
        let row = TomlRow {
            text,
            at: None,
            fields: table.fields,
            line: table.line,
        };
        for (key, line) in table.unknown {
            let span = Span { file, line };
            let header = shown(key);
            findings.push(
                Finding::new(
                    &UNKNOWN_COLUMN,
                    span,
                    UnknownColumn {
                        kind,
                        header: header.clone(),
                    },
                )
                .value(header),
            );
        }
        outcome.rows += 1;
        on_row(&row, findings);
        start += table.len;
        lines_before = table.lines_after;
    }
    let text = &text[start..];
    let mut start = 0;
    let starts = header_starts(text).chain(std::iter::once(text.len()));
    for end in starts {
        let Some(part) = text.get(start..end).filter(|p| !p.is_empty()) else {
            continue;
        };
        start = end;
        let part = Part {
            text: part,
            lines_before,
            lines: Lines::new(part),
        };
        read_part(&part, kind, file, findings, &mut outcome, &mut on_row);
        let newlines = memchr::memchr_iter(b'\n', part.text.as_bytes()).count();
        lines_before = lines_before.saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX));
    }
    outcome
}

/// A table read by [`plain_table`].
struct PlainTable<'t> {
    /// Its bytes, up to the next header.
    len: usize,
    /// The line of its header.
    line: u32,
    /// The lines before the next header.
    lines_after: u32,
    fields: Vec<Option<Value<'t>>>,
    /// Keys that are no field, with their lines.
    unknown: Vec<(&'t str, u32)>,
}

/// Reads the `[[kind]]` table at the start of `text` (after blank and
/// comment lines) when every line of it is in the plainest form: the
/// header alone; `key = value` with a bare key, and a basic string
/// without escapes, a literal string, a decimal integer or a date;
/// comments. `None` for anything else (or the end), which the TOML parser
/// then reads: so a value in any other form, a key given twice or a
/// header of another kind gets the parser's words. Lines are numbered on
/// from `lines_before`.
fn plain_table<'t>(
    text: &'t str,
    kind: Kind,
    fields: usize,
    lines_before: u32,
) -> Option<PlainTable<'t>> {
    let mut table = PlainTable {
        len: 0,
        line: 0,
        lines_after: lines_before,
        fields: vec![None; fields],
        unknown: Vec::new(),
    };
    let mut at = 0;
    while at < text.len() {
        let end = memchr::memchr(b'\n', &text.as_bytes()[at..]).map_or(text.len(), |i| at + i + 1);
        let line = text[at..end].trim_end_matches(['\n', '\r']);
        let content = line.trim_start_matches([' ', '\t']);
        if content.starts_with('[') {
            if table.line > 0 {
                break;
            }
            let header = content.strip_prefix("[[")?.strip_suffix("]]")?;
            (header == kind.singular()).then_some(())?;
            table.line = table.lines_after + 1;
        } else if !content.is_empty() && !content.starts_with('#') {
            (table.line > 0).then_some(())?;
            let (key, value) = content.split_once('=')?;
            let key = key.trim_end_matches([' ', '\t']);
            let bare = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
            (!key.is_empty() && key.chars().all(bare)).then_some(())?;
            let value = plain_value(value.trim_start_matches([' ', '\t']))?;
            let n = table.lines_after + 1;
            match schema::lookup(kind, key) {
                Some(field) => {
                    let slot = &mut table.fields[field];
                    slot.is_none().then_some(())?;
                    *slot = Some(Value::Plain { value, line: n });
                }
                None => {
                    // A key given twice is the parser's to say.
                    table.unknown.iter().all(|(k, _)| *k != key).then_some(())?;
                    table.unknown.push((key, n));
                }
            }
        }
        table.lines_after += u32::from(end > at && text.as_bytes()[end - 1] == b'\n');
        at = end;
    }
    // A field named twice (by its name and its Chinese heading) is the
    // parser's to say too; so is a table with nothing after its header.
    (table.line > 0).then_some(())?;
    table.len = at;
    Some(table)
}

/// A value in its plainest form, then blanks and perhaps a comment.
fn plain_value(value: &str) -> Option<Plain<'_>> {
    let end_of = |rest: &str| {
        let rest = rest.trim_start_matches([' ', '\t']);
        rest.is_empty() || rest.starts_with('#')
    };
    if let Some(rest) = value.strip_prefix('"') {
        let close = rest.find(['"', '\\'])?;
        (rest.as_bytes()[close] == b'"' && end_of(&rest[close + 1..])).then_some(())?;
        let text = &rest[..close];
        // Control characters are the parser's to refuse.
        return (!text.contains(|c: char| c.is_control())).then_some(Plain::Text(text));
    }
    if let Some(rest) = value.strip_prefix('\'') {
        let close = rest.find('\'')?;
        (end_of(&rest[close + 1..]) && !rest.starts_with("''")).then_some(())?;
        let text = &rest[..close];
        return (!text.contains(|c: char| c.is_control() && c != '\t'))
            .then_some(Plain::Text(text));
    }
    let token_end = value.find([' ', '\t', '#']).unwrap_or(value.len());
    let (token, rest) = value.split_at(token_end);
    end_of(rest).then_some(())?;
    let b = token.as_bytes();
    match b {
        // YYYY-MM-DD, a real day.
        [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1]
            if [y0, y1, y2, y3, m0, m1, d0, d1]
                .iter()
                .all(|c| c.is_ascii_digit()) =>
        {
            let num = |s: &str| s.parse::<u32>().ok();
            let date = crate::date::ymd(num(&token[..4])?, num(&token[5..7])?, num(&token[8..])?)?;
            Some(Plain::Date(date))
        }
        // A decimal integer: no sign but `-`, no leading zero, no `_`,
        // at most 18 digits.
        [b'0'] => Some(Plain::Int(0)),
        _ => {
            let digits = token.strip_prefix('-').unwrap_or(token);
            let plain = !digits.is_empty()
                && digits.len() <= 18
                && !digits.starts_with('0')
                && digits.bytes().all(|c| c.is_ascii_digit());
            plain.then(|| token.parse().ok().map(Plain::Int)).flatten()
        }
    }
}

/// The offsets of the table headers of `text` after its first byte: a
/// `[` that begins a line (but for blanks), outside any value.
fn header_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    let mut line_start = true;
    let mut depth = 0u32;
    Source::new(text).lex().filter_map(move |token| {
        let kind = token.kind();
        let header = kind == TokenKind::LeftSquareBracket && line_start && depth == 0;
        match kind {
            TokenKind::LeftSquareBracket | TokenKind::LeftCurlyBracket => depth += 1,
            TokenKind::RightSquareBracket | TokenKind::RightCurlyBracket => {
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
        // A header's own brackets close on its line; a value's may not.
        line_start = match kind {
            TokenKind::Newline => true,
            TokenKind::Whitespace => line_start,
            _ => false,
        };
        let start = token.span().start();
        (header && start > 0).then_some(start)
    })
}

/// Reads one part of a file: its tables of `kind`, and a finding for
/// what else it holds.
fn read_part(
    part: &Part,
    kind: Kind,
    file: FileId,
    findings: &mut Vec<Finding>,
    outcome: &mut Outcome,
    on_row: &mut impl FnMut(&TomlRow, &mut Vec<Finding>),
) {
    let span = |line| Span { file, line };
    let document = match DeTable::parse(part.text) {
        Ok(document) => document,
        Err(err) => {
            let line = err.span().map_or(part.line(0), |s| part.line(s.start));
            let detail = err.message().to_string();
            findings.push(Finding::new(
                &INVALID_TOML,
                span(line),
                InvalidToml { detail },
            ));
            outcome.complete = false;
            return;
        }
    };
    let fields = schema::fields(kind);
    for (key, value) in document.get_ref().iter() {
        let tables = match value.get_ref() {
            DeValue::Array(items) if key.get_ref() == kind.singular() => items,
            _ => {
                let key = shown(key.get_ref());
                let line = part.line(value.span().start);
                findings.push(
                    Finding::new(
                        &INVALID_TOML,
                        span(line),
                        NotRecordTable {
                            key: key.clone(),
                            kind,
                        },
                    )
                    .value(key),
                );
                outcome.complete = false;
                continue;
            }
        };
        for item in tables.iter() {
            // The table starts at its `[[kind]]` header, the line before
            // its first key.
            let line = part.line(item.span().start);
            outcome.rows += 1;
            let Some(table) = item.get_ref().as_table() else {
                findings.push(
                    Finding::new(
                        &INVALID_TOML,
                        span(line),
                        NotRecordTable {
                            key: shown(key.get_ref()),
                            kind,
                        },
                    )
                    .value(shown(key.get_ref())),
                );
                // A record was meant here and is lost, as with `[visit]`.
                outcome.complete = false;
                continue;
            };
            let mut row = TomlRow {
                text: part.text,
                at: Some(part),
                fields: vec![None; fields.len()],
                line,
            };
            for (name, value) in table.iter() {
                match schema::lookup(kind, name.get_ref()) {
                    Some(field) => row.fields[field] = Some(Value::Parsed(value)),
                    None => findings.push(
                        Finding::new(
                            &UNKNOWN_COLUMN,
                            span(part.line(name.span().start)),
                            UnknownColumn {
                                kind,
                                header: shown(name.get_ref()),
                            },
                        )
                        .value(shown(name.get_ref())),
                    ),
                }
            }
            on_row(&row, findings);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    /// A table as read: its line and, for each field asked for, the line a
    /// finding would name and the cell.
    type Read = (u32, Vec<(u32, Option<String>)>);

    /// Reads `text` as `kind`, and each table's `fields` (by name).
    fn read_rows(text: &str, kind: Kind, fields: &[&str]) -> (Vec<Read>, Vec<Finding>, Outcome) {
        let fields: Vec<usize> = fields
            .iter()
            .map(|name| schema::position(kind, name).unwrap())
            .collect();
        let mut rows = Vec::new();
        let mut findings = Vec::new();
        let outcome = read(text, kind, FileId(1), &mut findings, |row, _| {
            let cells = fields
                .iter()
                .map(|&f| (row.line(f), row.cell(f).map(|c| format!("{c:?}"))))
                .collect();
            rows.push((row.row_line(), cells));
        });
        (rows, findings, outcome)
    }

    fn d(y: i32, m: u32, day: u32) -> String {
        format!("{:?}", Cell::Date(Date::from_ymd_opt(y, m, day).unwrap()))
    }

    fn text(s: &str) -> String {
        format!("{:?}", Cell::Text(s.into()))
    }

    #[test]
    fn visits_with_toml_and_string_dates() {
        let (rows, findings, outcome) = read_rows(
            "# 二月\n[[visit]]\ndate = 2026-02-10\ncadre = \"C01\"\npeople = 10\n\n\
             [[visit]]\ndate = \"2026/2/20\"\nkind = \" 座谈会 \"\nforums = \"\"\n",
            Kind::Visits,
            &["date", "cadre", "kind", "people", "forums"],
        );
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!((outcome.rows, outcome.complete), (2, true));
        assert_eq!(
            rows,
            vec![
                (
                    2,
                    vec![
                        (3, Some(d(2026, 2, 10))),
                        (4, Some(text("C01"))),
                        // Absent: the table's line.
                        (2, None),
                        (5, Some(format!("{:?}", Cell::Int(10)))),
                        (2, None),
                    ]
                ),
                (
                    7,
                    vec![
                        // A string date is text, parsed later like a CSV cell.
                        (8, Some(text("2026/2/20"))),
                        (7, None),
                        // Trimmed.
                        (9, Some(text("座谈会"))),
                        (7, None),
                        // An empty string is an absent value.
                        (10, None),
                    ]
                ),
            ]
        );
    }

    #[test]
    fn cadre_points_as_an_array_of_strings_and_integers() {
        let (rows, findings, _) = read_rows(
            "[[cadre]]\nid = \"C01\"\npoints = [\"411001001\", 411001002]\nstart = 2025-06-01\n",
            Kind::Cadres,
            &["points", "start"],
        );
        assert!(findings.is_empty(), "{findings:?}");
        let list = Cell::List(vec!["411001001".into(), "411001002".into()]);
        assert_eq!(
            rows,
            vec![(
                1,
                vec![(3, Some(format!("{list:?}"))), (4, Some(d(2025, 6, 1)))]
            )]
        );
    }

    #[test]
    fn an_unknown_key_is_a_warning_at_its_line() {
        let (rows, findings, outcome) = read_rows(
            "[[visit]]\ndate = 2026-02-10\nweather = \"晴\"\n",
            Kind::Visits,
            &[],
        );
        assert_eq!(rows.len(), 1);
        assert!(outcome.complete);
        assert_eq!(findings.len(), 1);
        let f = &findings[0];
        assert_eq!((f.check.name, f.span.line), ("unknown-column", 3));
        assert_eq!(f.value.as_deref(), Some("weather"));
    }

    #[test]
    fn what_is_not_a_table_of_the_kind_is_invalid_toml() {
        for (text, lines) in [
            // One table, not an array of tables.
            ("[visit]\ndate = 2026-02-10\n", vec![1]),
            // Another kind's tables.
            ("\n[[cadre]]\nid = \"C01\"\n", vec![2]),
            // A plain key.
            ("# x\n\nvisit = 3\n", vec![3]),
            // An array of something else: each item is a lost record.
            ("visit = [1, 2]\n", vec![1, 1]),
        ] {
            let (_, findings, outcome) = read_rows(text, Kind::Visits, &[]);
            // The records meant here are lost: the kind is incomplete.
            assert!(!outcome.complete, "{text}");
            let found: Vec<(&str, u32)> = findings
                .iter()
                .map(|f| (f.check.name, f.span.line))
                .collect();
            let expected: Vec<(&str, u32)> = lines.iter().map(|&l| ("invalid-toml", l)).collect();
            assert_eq!(found, expected, "{text}");
        }
    }

    #[test]
    fn invalid_toml_names_the_line_and_loses_only_its_table() {
        // Tables at lines 1, 4 and 7; the second's string never ends
        // (line 5). The first and third are read (lines 1 and 7), the
        // file is incomplete.
        let (rows, findings, outcome) = read_rows(
            "[[visit]]\ndate = 2026-02-10\n\n[[visit]]\ncadre = \"C02\n\n[[visit]]\ncadre = \"C03\"\n",
            Kind::Visits,
            &["cadre"],
        );
        assert_eq!(
            rows,
            vec![(1, vec![(1, None)]), (7, vec![(8, Some(text("C03")))])]
        );
        assert_eq!((outcome.rows, outcome.complete), (2, false));
        assert_eq!(findings.len(), 1);
        assert_eq!(
            (findings[0].check.name, findings[0].span.line),
            ("invalid-toml", 5)
        );
    }

    #[test]
    fn headers_are_found_only_outside_values() {
        // A `[` at a line's start inside a multi-line string or array, or
        // after a key, is no header; one after blanks is. Headers at 0
        // (not reported: nothing is before it), 63 and 75.
        let text = "[[visit]]\nnote = \"\"\"\n[[visit]]\n\"\"\"\npoints = [\n[1],\n]\nx = [[1]]\n[[visit]]\n  [[visit]]\n";
        let starts: Vec<usize> = header_starts(text).collect();
        assert_eq!(starts, vec![63, 75]);
        assert_eq!(&text[63..72], "[[visit]]");
        assert_eq!(&text[75..84], "[[visit]]");
    }

    #[test]
    fn lines_count_across_parts() {
        // Three tables; the third's cadre is on line 9 of the file.
        let (rows, findings, _) = read_rows(
            "# visits\n[[visit]]\ncadre = \"C01\"\n\n[[visit]]\ncadre = \"C02\"\n\n[[visit]]\ncadre = \"C03\"\n",
            Kind::Visits,
            &["cadre"],
        );
        assert!(findings.is_empty(), "{findings:?}");
        let lines: Vec<(u32, u32)> = rows.iter().map(|(l, cells)| (*l, cells[0].0)).collect();
        assert_eq!(lines, vec![(2, 3), (5, 6), (8, 9)]);
    }

    #[test]
    fn plain_tables_read_as_the_parser_reads_them() {
        // The same tables read by hand and by the TOML parser: the first
        // header written `[[ visit ]]` (valid TOML, no plain form) sends
        // the whole file to the parser. Strings with and without a
        // comment, a literal string, integers, a date, a string date, an
        // unknown key, CRLF, and values the hand reader leaves to the
        // parser (+3, 1_000, an escape) mid-file.
        let body = "date = 2026-02-10\ncadre = \"C01\" # 张三\nplace = '411001001'\npeople = 10\n\n\
            [[visit]]\r\ndate = \"2026/2/20\"\r\nforums = 0\r\nweather = \"晴\"\r\nnote = \" 座谈 \"\r\n\n\
            [[visit]]\npeople = -1\nforums = 123456789012345678\n# end\n\n\
            [[visit]]\npeople = +3\nforums = 1_000\nnote = \"a\\tb\"\n\n\
            [[visit]]\ndate = 2026-02-30\n";
        let fields = ["date", "cadre", "place", "people", "forums", "note"];
        let plain = read_rows(&format!("[[visit]]\n{body}"), Kind::Visits, &fields);
        let parsed = read_rows(&format!("[[ visit ]]\n{body}"), Kind::Visits, &fields);
        assert_eq!(plain.0, parsed.0);
        let seen = |findings: &[Finding]| -> Vec<(&'static str, u32)> {
            findings
                .iter()
                .map(|f| (f.check.name, f.span.line))
                .collect()
        };
        // Lines: tables at 1, 7, 13, 18 and 23; weather on 10; February
        // 30th (line 24) is no TOML date, so its table is lost.
        assert_eq!(
            seen(&plain.1),
            vec![("unknown-column", 10), ("invalid-toml", 24)]
        );
        assert_eq!(seen(&plain.1), seen(&parsed.1));
        assert_eq!(plain.2.rows, 4);
        assert_eq!(plain.0[0].1[1], (3, Some(text("C01"))));
        assert_eq!(plain.0[1].1[5], (11, Some(text("座谈"))));
        let big = format!("{:?}", Cell::Int(123_456_789_012_345_678));
        assert_eq!(plain.0[2].1[4].1, Some(big));
    }

    #[test]
    fn plain_values() {
        assert_eq!(plain_value("\"C01\""), Some(Plain::Text("C01")));
        assert_eq!(plain_value("\"a#b\"  # x"), Some(Plain::Text("a#b")));
        assert_eq!(plain_value("'a\\b'"), Some(Plain::Text("a\\b")));
        assert_eq!(plain_value("0"), Some(Plain::Int(0)));
        assert_eq!(plain_value("-12 # n"), Some(Plain::Int(-12)));
        assert_eq!(
            plain_value("2026-02-10"),
            Some(Plain::Date(Date::from_ymd_opt(2026, 2, 10).unwrap()))
        );
        // Left to the parser: escapes, multi-line strings, other numbers,
        // dates with times, a day that is none, and what follows a value.
        for value in [
            "\"a\\\"b\"",
            "\"\"\"x\"\"\"",
            "'''x'''",
            "+1",
            "1_0",
            "007",
            "-0",
            "1.5",
            "true",
            "2026-02-10T08:00:00",
            "2026-02-10 08:00",
            "2026-02-30",
            "[\"a\"]",
            "\"x\" y",
            "",
        ] {
            assert_eq!(plain_value(value), None, "{value}");
        }
    }
}
