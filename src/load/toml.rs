//! Reading a TOML data file: records are arrays of tables named by the kind
//! in the singular (`[[visit]]`), with the English field names (the Chinese
//! aliases are accepted too). Dates may be TOML dates or strings. The
//! check `invalid-toml` is here with its words; a key no field has is an
//! `unknown-column`, as a CSV column is.

use std::borrow::Cow;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

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
    text: &'t str,
    lines: &'t Lines,
    fields: Vec<Option<&'t Spanned<DeValue<'t>>>>,
    line: u32,
}

impl Row for TomlRow<'_> {
    fn cell(&self, field: usize) -> Option<Cell<'_>> {
        let value = (*self.fields.get(field)?)?;
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
        match self.fields.get(field).copied().flatten() {
            Some(value) => self.lines.line(value.span().start),
            None => self.line,
        }
    }

    fn row_line(&self) -> u32 {
        self.line
    }
}

/// Reads `text`, calling `on_row` for every `[[kind]]` table.
pub fn read(
    text: &str,
    kind: Kind,
    file: FileId,
    findings: &mut Vec<Finding>,
    mut on_row: impl FnMut(&TomlRow, &mut Vec<Finding>),
) -> Outcome {
    let span = |line| Span { file, line };
    let lines = Lines::new(text);
    let line_at = |offset| lines.line(offset);
    let document = match DeTable::parse(text) {
        Ok(document) => document,
        Err(err) => {
            let line = err.span().map_or(1, |s| line_at(s.start));
            let detail = err.message().to_string();
            findings.push(Finding::new(
                &INVALID_TOML,
                span(line),
                InvalidToml { detail },
            ));
            return Outcome {
                rows: 0,
                complete: false,
            };
        }
    };
    let mut outcome = Outcome {
        rows: 0,
        complete: true,
    };
    let fields = schema::fields(kind);
    for (key, value) in document.get_ref().iter() {
        let tables = match value.get_ref() {
            DeValue::Array(items) if key.get_ref() == kind.singular() => items,
            _ => {
                let key = shown(key.get_ref());
                let line = line_at(value.span().start);
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
            let line = line_at(item.span().start);
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
                text,
                lines: &lines,
                fields: vec![None; fields.len()],
                line,
            };
            for (name, value) in table.iter() {
                match schema::lookup(kind, name.get_ref()) {
                    Some(field) => row.fields[field] = Some(value),
                    None => findings.push(
                        Finding::new(
                            &UNKNOWN_COLUMN,
                            span(line_at(name.span().start)),
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
    outcome
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
    fn invalid_toml_names_the_line_and_reads_nothing() {
        let (rows, findings, outcome) = read_rows(
            "[[visit]]\ndate = 2026-02-10\n\n[[visit]]\ncadre = \"C02\n",
            Kind::Visits,
            &[],
        );
        assert!(rows.is_empty());
        assert_eq!((outcome.rows, outcome.complete), (0, false));
        assert_eq!(findings.len(), 1);
        assert_eq!(
            (findings[0].check.name, findings[0].span.line),
            ("invalid-toml", 5)
        );
    }
}
