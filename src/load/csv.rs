//! Reading a decoded CSV file: the header is mapped to fields by English
//! name or Chinese alias in any order; each data row is handed on as a
//! [`Row`]. Rows whose every cell is empty (Excel leaves them at the end)
//! hold no data and are passed over. The checks of a CSV file's shape are
//! here with their words: `bad-quoting`, `field-count`, `bad-separator`,
//! `empty-file`, `missing-column`, `duplicate-column` and `unknown-column`
//! (which TOML keys no field has are too).
//!
//! `fmt` (`crate::canonical`) reads a file's table by the same rules
//! ([`is_blank`], [`fits`], [`header_text`], [`column_fields`]), so that it
//! writes the table `check` read.

use std::borrow::Cow;

use super::split::Splitter;
use crate::finding::{Check, Describe, Finding, Severity, shown};
use crate::lang::{Lang, tr};
use crate::load::build::{Cell, Row};
use crate::model::{FileId, Kind, Span};
use crate::schema::{self, field_names};

pub static BAD_QUOTING: Check = Check {
    name: "bad-quoting",
    severity: Severity::Error,
    about: "a CSV quote is never closed",
    about_zh: "CSV 中的引号没有闭合",
};

pub static FIELD_COUNT: Check = Check {
    name: "field-count",
    severity: Severity::Error,
    about: "a CSV row has more or fewer fields than the header",
    about_zh: "CSV 某行的字段数比表头多或少",
};

pub static BAD_SEPARATOR: Check = Check {
    name: "bad-separator",
    severity: Severity::Error,
    about: "a CSV file whose columns are separated by semicolons or tabs, not commas (it is not read)",
    about_zh: "CSV 文件的列以分号或制表符分隔，而不是逗号（文件未读取）",
};

pub static EMPTY_FILE: Check = Check {
    name: "empty-file",
    severity: Severity::Error,
    about: "a CSV file has no header row",
    about_zh: "CSV 文件没有表头行",
};

pub static MISSING_COLUMN: Check = Check {
    name: "missing-column",
    severity: Severity::Error,
    about: "a required column is missing from a CSV header",
    about_zh: "CSV 表头缺少必需的列",
};

pub static DUPLICATE_COLUMN: Check = Check {
    name: "duplicate-column",
    severity: Severity::Error,
    about: "two columns of a CSV header name the same field",
    about_zh: "CSV 表头中有两列对应同一个字段",
};

pub static UNKNOWN_COLUMN: Check = Check {
    name: "unknown-column",
    severity: Severity::Warning,
    about: "a CSV column or TOML key that no field has; it is ignored",
    about_zh: "没有对应字段的 CSV 列或 TOML 键，已忽略",
};

/// A quote that is never closed (`bad-quoting`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnclosedQuote {
    /// Where the record holding it begins.
    pub record_line: u32,
}

impl Describe for UnclosedQuote {
    fn text(&self, lang: Lang) -> String {
        let record_line = self.record_line;
        tr!(
            lang,
            "此行的引号没有闭合；从第 {record_line} 行起的内容未读取",
            "a quote opened on this line is never closed; nothing from line {record_line} on was read",
        )
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(tr!(
            lang,
            "补上闭合的引号 \"，或删除多余的引号",
            "close the quote \", or remove the stray one"
        ))
    }
}

/// A row of another width than the header (`field-count`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldCount {
    pub expected: usize,
    pub found: usize,
}

impl Describe for FieldCount {
    fn text(&self, lang: Lang) -> String {
        let (expected, found) = (self.expected, self.found);
        tr!(
            lang,
            "此行有 {found} 个字段，表头有 {expected} 列；此行未读取",
            "this row has {found} fields but the header has {expected}; the row was not read",
        )
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(tr!(
            lang,
            "含逗号的单元格要用引号括起来；或补齐、删除多余的字段",
            "quote cells that contain a comma, or add or remove fields",
        ))
    }
}

/// A header row separated by `;` or tabs, not commas (`bad-separator`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Separator {
    pub separator: char,
}

impl Separator {
    /// The separator's name, in Chinese and English.
    fn names(&self) -> (&'static str, &'static str) {
        match self.separator {
            '\t' => ("制表符", "tabs"),
            _ => ("分号（;）", "semicolons (;)"),
        }
    }
}

impl Describe for Separator {
    fn text(&self, lang: Lang) -> String {
        let (zh, en) = self.names();
        tr!(
            lang,
            "此文件的列以{zh}分隔，不是逗号；bangcun 只读取以逗号分隔的 CSV，文件未读取",
            "the columns of this file are separated by {en}, not commas; bangcun reads CSV separated by commas, so the file was not read",
        )
    }

    fn help(&self, lang: Lang) -> Option<String> {
        let (zh, en) = self.names();
        Some(tr!(
            lang,
            "用 Excel 或 WPS 打开（分隔符选{zh}），再另存为“CSV UTF-8（逗号分隔）”",
            "open it in Excel or WPS (with {en} as the separator) and save it as \"CSV UTF-8 (comma delimited)\"",
        ))
    }
}

/// A file without a header row (`empty-file`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmptyFile {
    pub kind: Kind,
}

impl Describe for EmptyFile {
    fn text(&self, lang: Lang) -> String {
        let name = self.kind.name(lang);
        tr!(
            lang,
            "文件为空，没有表头（{name}）",
            "the file is empty: no header ({name})"
        )
    }

    fn help(&self, lang: Lang) -> Option<String> {
        let header = schema::header_line(self.kind, lang);
        Some(tr!(
            lang,
            "第一行写表头：{header}",
            "put the header on line 1: {header}"
        ))
    }
}

/// A header without a required field (`missing-column`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingColumn {
    pub kind: Kind,
    pub field: &'static str,
}

impl Describe for MissingColumn {
    fn text(&self, lang: Lang) -> String {
        let (en, zh) = field_names(self.kind, self.field);
        tr!(
            lang,
            "缺少必需的列“{zh}”（{en}）；此文件未读取",
            "required column \"{en}\" ({zh}) is missing; the file was not read"
        )
    }

    fn help(&self, lang: Lang) -> Option<String> {
        let (en, zh) = field_names(self.kind, self.field);
        Some(tr!(
            lang,
            "在表头加上“{zh}”或“{en}”列",
            "add a column \"{en}\" or \"{zh}\" to the header"
        ))
    }
}

/// A column naming a field an earlier column holds (`duplicate-column`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DuplicateColumn {
    pub header: String,
    /// The earlier column, counted from 1.
    pub first: usize,
}

impl Describe for DuplicateColumn {
    fn text(&self, lang: Lang) -> String {
        let (header, first) = (&self.header, self.first);
        tr!(
            lang,
            "列“{header}”与第 {first} 列重复",
            "column \"{header}\" repeats column {first}",
        )
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(tr!(
            lang,
            "删除或改名重复的列",
            "remove or rename the repeated column"
        ))
    }
}

/// A column or TOML key no field has (`unknown-column`); an empty
/// `header`: data under a column without a header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownColumn {
    pub kind: Kind,
    pub header: String,
}

impl Describe for UnknownColumn {
    fn text(&self, lang: Lang) -> String {
        let name = self.kind.name(lang);
        let header = &self.header;
        if header.is_empty() {
            tr!(
                lang,
                "没有表头的列中有数据，已忽略（{name}）",
                "a column without a header holds data, which is ignored ({name})"
            )
        } else {
            tr!(
                lang,
                "未知的列“{header}”，已忽略（{name}）",
                "unknown column \"{header}\" is ignored ({name})"
            )
        }
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(known_columns(self.kind, lang))
    }
}

/// Unknown columns past the ones named one by one (`unknown-column`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MoreUnknownColumns {
    pub kind: Kind,
    pub count: usize,
}

impl Describe for MoreUnknownColumns {
    fn text(&self, lang: Lang) -> String {
        let name = self.kind.name(lang);
        let count = self.count;
        tr!(
            lang,
            "另有 {count} 个未知的列，已忽略（{name}）",
            "{count} more unknown columns are ignored ({name})"
        )
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(known_columns(self.kind, lang))
    }
}

/// The help of `unknown-column`: the columns there are.
fn known_columns(kind: Kind, lang: Lang) -> String {
    let header = schema::header_line(kind, lang);
    tr!(lang, "可用的列：{header}", "known columns: {header}")
}

/// What reading a CSV file found out besides its rows.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The header cell naming each field found.
    pub columns: Vec<(&'static str, Box<str>)>,
    /// Data rows read (blank rows excluded).
    pub rows: usize,
    /// False when part of the file could not be read.
    pub complete: bool,
}

/// The mapping of one file's columns to fields.
struct Header {
    /// For each field, the column holding it.
    field_column: Vec<Option<usize>>,
    /// Columns with no header text, kept to warn once if data turns up
    /// under them.
    unnamed: Vec<usize>,
    width: usize,
}

/// A data row of a CSV file.
pub struct CsvRow<'r> {
    cells: &'r [Cow<'r, str>],
    header: &'r Header,
    line: u32,
}

impl Row for CsvRow<'_> {
    fn cell(&self, field: usize) -> Option<Cell<'_>> {
        let column = (*self.header.field_column.get(field)?)?;
        // A cell `fmt` kept from reading as a formula ('=…) reads as
        // written before (=…).
        let text = crate::inert::unprotect_formula(trim(self.cells.get(column)?));
        (!text.is_empty()).then_some(Cell::Text(Cow::Borrowed(text)))
    }

    fn line(&self, _field: usize) -> u32 {
        self.line
    }

    fn row_line(&self) -> u32 {
        self.line
    }
}

/// Reads `text` (the decoded file), calling `on_row` for every data row.
pub fn read(
    text: &str,
    kind: Kind,
    file: FileId,
    findings: &mut Vec<Finding>,
    mut on_row: impl FnMut(&CsvRow, &mut Vec<Finding>),
) -> Outcome {
    let mut outcome = Outcome {
        complete: true,
        ..Outcome::default()
    };
    let span = |line| Span { file, line };
    let mut splitter = Splitter::new(text);
    let mut cells = Vec::new();
    let mut header: Option<Header> = None;
    while let Some(next) = splitter.next_record(&mut cells) {
        let line = match next {
            Ok(line) => line,
            Err(unclosed) => {
                let message = UnclosedQuote {
                    record_line: unclosed.record_line,
                };
                findings.push(Finding::new(
                    &BAD_QUOTING,
                    span(unclosed.quote_line),
                    message,
                ));
                outcome.complete = false;
                break;
            }
        };
        if is_blank(&cells) {
            continue;
        }
        let Some(header) = &mut header else {
            match map_header(&cells, line, kind, file, findings, &mut outcome) {
                Some(h) => header = Some(h),
                None => {
                    outcome.complete = false;
                    return outcome;
                }
            }
            continue;
        };
        outcome.rows += 1;
        if !fits(&cells, header.width) {
            let message = FieldCount {
                expected: header.width,
                found: cells.len(),
            };
            findings.push(Finding::new(&FIELD_COUNT, span(line), message));
            continue;
        }
        if !header.unnamed.is_empty() {
            unnamed_data(header, &cells, kind, span(line), findings);
        }
        on_row(
            &CsvRow {
                cells: &cells,
                header,
                line,
            },
            findings,
        );
    }
    if header.is_none() && outcome.complete {
        findings.push(Finding::new(&EMPTY_FILE, span(1), EmptyFile { kind }));
        outcome.complete = false;
    }
    outcome
}

/// Data under a column without a header would be lost: says so, once a
/// column. Apart and cold: the loop over rows is the hottest code there
/// is, and making a finding inlined into it cost 20 million instructions
/// more at province scale.
#[cold]
#[inline(never)]
fn unnamed_data(
    header: &mut Header,
    cells: &[Cow<str>],
    kind: Kind,
    span: Span,
    findings: &mut Vec<Finding>,
) {
    header.unnamed.retain(|&column| {
        let cell = cells
            .get(column)
            .map_or("", |c| crate::inert::unprotect_formula(trim(c)));
        if cell.is_empty() {
            return true;
        }
        let message = UnknownColumn {
            kind,
            header: String::new(),
        };
        findings.push(Finding::new(&UNKNOWN_COLUMN, span, message).value(shown(cell)));
        false
    });
}

/// Trims Unicode white space (a full-width space too), skipping the work
/// for the usual cell, which starts and ends with something else.
fn trim(cell: &str) -> &str {
    // Only these lead bytes can begin a white-space character: ASCII space
    // and controls, and the first bytes of U+0085/U+00A0 (C2), U+1680 (E1),
    // U+2000..U+205F (E2) and U+3000 (E3). Chinese text begins with E4..E9.
    let clean_start = cell.as_bytes().first().is_some_and(|&b| {
        b.is_ascii_graphic() || (b >= 0x80 && !matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3))
    });
    let clean_end = match cell.as_bytes().last() {
        Some(b) if b.is_ascii_graphic() => true,
        Some(b) if b.is_ascii() => false,
        _ => cell.chars().next_back().is_some_and(|c| !c.is_whitespace()),
    };
    if clean_start && clean_end {
        cell
    } else {
        cell.trim()
    }
}

/// Whether a row holds no data: every cell is empty once trimmed.
pub(crate) fn is_blank(cells: &[Cow<str>]) -> bool {
    cells.iter().all(|c| trim(c).is_empty())
}

/// Whether a row fits a header `width` cells wide: as many cells, or more
/// whose extra cells are empty (spreadsheets pad rows with trailing
/// commas).
pub(crate) fn fits(cells: &[Cow<str>], width: usize) -> bool {
    cells.len() == width
        || (cells.len() > width && cells.iter().skip(width).all(|c| trim(c).is_empty()))
}

/// A header cell's text: trimmed, without the BOM a file may begin with,
/// and without the apostrophe `fmt` puts before a formula-like name.
pub(crate) fn header_text(cell: &str) -> &str {
    crate::inert::unprotect_formula(cell.trim().trim_start_matches('\u{feff}').trim())
}

/// The field each header cell names: the first column naming a field holds
/// it; a later column naming it again holds none, nor does a column with
/// no known name.
pub(crate) fn column_fields(cells: &[Cow<str>], kind: Kind) -> Vec<Option<usize>> {
    let mut held = vec![false; schema::fields(kind).len()];
    cells
        .iter()
        .map(|cell| {
            let field = schema::lookup(kind, header_text(cell))?;
            let held = held.get_mut(field)?;
            (!std::mem::replace(held, true)).then_some(field)
        })
        .collect()
}

/// The separator a header row is written with when it is not the comma:
/// split at commas it lacks a required field, and split at `;` or tabs it
/// names more fields. Only a header that fails is looked at again.
fn other_separator(cells: &[Cow<str>], kind: Kind) -> Option<char> {
    let fields = schema::fields(kind);
    let named = |cells: &[Cow<str>]| {
        let held = column_fields(cells, kind);
        let required = fields
            .iter()
            .enumerate()
            .all(|(field, def)| !def.required || held.contains(&Some(field)));
        (required, held.iter().flatten().count())
    };
    let (complete, as_commas) = named(cells);
    if complete {
        return None;
    }
    [';', '\t'].into_iter().find(|&separator| {
        let split: Vec<Cow<str>> = cells
            .iter()
            .flat_map(|cell| cell.split(separator))
            .map(Cow::Borrowed)
            .collect();
        split.len() > cells.len() && named(&split).1 > as_commas
    })
}

/// Unknown columns named one by one; past these, one finding counts the
/// rest (a sheet exported with a thousand stray columns is one mistake).
const UNKNOWN_SHOWN: usize = 20;

/// Maps header cells to fields; `None` when a required column is missing,
/// or the header is written with another separator than the comma.
fn map_header(
    cells: &[Cow<str>],
    line: u32,
    kind: Kind,
    file: FileId,
    findings: &mut Vec<Finding>,
    outcome: &mut Outcome,
) -> Option<Header> {
    let fields = schema::fields(kind);
    let span = Span { file, line };
    if let Some(separator) = other_separator(cells, kind) {
        let message = Separator { separator };
        findings.push(Finding::new(&BAD_SEPARATOR, span, message));
        return None;
    }
    let mut unknown = 0;
    let mut header = Header {
        field_column: vec![None; fields.len()],
        unnamed: Vec::new(),
        width: cells.len(),
    };
    let held = column_fields(cells, kind);
    for (column, (cell, held)) in cells.iter().zip(held).enumerate() {
        let text = header_text(cell);
        // Whatever a header cell holds, a finding shows a hundred
        // characters of it.
        let text_shown = || shown(text);
        if let Some(field) = held {
            header.field_column[field] = Some(column);
            outcome.columns.push((fields[field].name, text.into()));
        } else if text.is_empty() {
            header.unnamed.push(column);
        } else if let Some(field) = schema::lookup(kind, text) {
            // A field an earlier column holds.
            if let Some(first) = header.field_column[field] {
                let message = DuplicateColumn {
                    header: text_shown(),
                    first: first + 1,
                };
                findings.push(
                    Finding::new(&DUPLICATE_COLUMN, span, message)
                        .field(fields[field].name)
                        .value(text_shown()),
                );
            }
        } else {
            unknown += 1;
            if unknown <= UNKNOWN_SHOWN {
                let message = UnknownColumn {
                    kind,
                    header: text_shown(),
                };
                findings.push(Finding::new(&UNKNOWN_COLUMN, span, message).value(text_shown()));
            }
        }
    }
    if unknown > UNKNOWN_SHOWN {
        let message = MoreUnknownColumns {
            kind,
            count: unknown - UNKNOWN_SHOWN,
        };
        findings.push(Finding::new(&UNKNOWN_COLUMN, span, message));
    }
    let mut complete = true;
    for (field, def) in fields.iter().enumerate() {
        if def.required && header.field_column[field].is_none() {
            let message = MissingColumn {
                kind,
                field: def.name,
            };
            findings.push(Finding::new(&MISSING_COLUMN, span, message).field(def.name));
            complete = false;
        }
    }
    complete.then_some(header)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_columns_past_twenty_are_counted_not_listed() {
        let stray: Vec<String> = (0..1000).map(|i| format!("x{i}")).collect();
        let text = format!("cadre,from,to,{}\n", stray.join(","));
        let mut findings = Vec::new();
        read(&text, Kind::Leaves, FileId(1), &mut findings, |_, _| {});
        assert_eq!(findings.len(), 21, "{findings:?}");
        assert!(
            findings
                .iter()
                .all(|f| f.check.name == "unknown-column" && f.span.line == 1)
        );
        assert_eq!(findings[19].value.as_deref(), Some("x19"));
        assert_eq!(
            findings[20].message,
            MoreUnknownColumns {
                kind: Kind::Leaves,
                count: 980
            }
        );
    }

    #[test]
    fn trims_every_kind_of_white_space() {
        for (cell, want) in [
            ("C1", "C1"),
            (" C1\t", "C1"),
            ("张三", "张三"),
            ("\u{3000}张三\u{3000}", "张三"),
            ("\u{a0}x\u{2003}", "x"),
            ("\u{1680}满意\u{85}", "满意"),
            ("", ""),
            ("   ", ""),
        ] {
            assert_eq!(trim(cell), want, "{cell:?}");
            assert_eq!(trim(cell), cell.trim(), "{cell:?}");
        }
    }
}
