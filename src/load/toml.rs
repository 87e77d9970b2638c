//! Reading a TOML data file: records are arrays of tables named by the kind
//! in the singular (`[[visit]]`), with the English field names (the Chinese
//! aliases are accepted too). Dates may be TOML dates or strings.

use std::borrow::Cow;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::check::{INVALID_TOML, UNKNOWN_COLUMN};
use crate::finding::Finding;
use crate::i18n::Message;
use crate::load::build::{Cell, Row};
use crate::model::{FileId, Kind, Span};
use crate::schema;
use crate::text::line_at;

/// What reading a TOML file found out besides its records.
#[derive(Debug)]
pub struct Outcome {
    pub rows: usize,
    pub complete: bool,
}

/// One `[[kind]]` table.
pub struct TomlRow<'t> {
    text: &'t str,
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
                match i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()) {
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
            Some(value) => line_at(self.text, value.span().start),
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
    let document = match DeTable::parse(text) {
        Ok(document) => document,
        Err(err) => {
            let line = err.span().map_or(1, |s| line_at(text, s.start));
            let detail = err.message().to_string();
            findings.push(Finding::new(
                &INVALID_TOML,
                span(line),
                Message::InvalidToml { detail },
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
                let key = key.get_ref().to_string();
                let line = line_at(text, value.span().start);
                findings.push(
                    Finding::new(
                        &INVALID_TOML,
                        span(line),
                        Message::NotRecordTable {
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
            let line = line_at(text, item.span().start);
            outcome.rows += 1;
            let Some(table) = item.get_ref().as_table() else {
                findings.push(
                    Finding::new(
                        &INVALID_TOML,
                        span(line),
                        Message::NotRecordTable {
                            key: key.get_ref().to_string(),
                            kind,
                        },
                    )
                    .value(key.get_ref().as_ref()),
                );
                // A record was meant here and is lost, as with `[visit]`.
                outcome.complete = false;
                continue;
            };
            let mut row = TomlRow {
                text,
                fields: vec![None; fields.len()],
                line,
            };
            for (name, value) in table.iter() {
                match schema::lookup(kind, name.get_ref()) {
                    Some(field) => row.fields[field] = Some(value),
                    None => findings.push(
                        Finding::new(
                            &UNKNOWN_COLUMN,
                            span(line_at(text, name.span().start)),
                            Message::UnknownColumn {
                                kind,
                                header: name.get_ref().to_string(),
                            },
                        )
                        .value(name.get_ref().as_ref()),
                    ),
                }
            }
            on_row(&row, findings);
        }
    }
    outcome
}
