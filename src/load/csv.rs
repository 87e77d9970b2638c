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

use super::split::{Splitter, Unclosed};
use crate::finding::{Check, Describe, Finding, Severity, shown};
use crate::lang::{Lang, tr};
use crate::load::build::{Cell, Row};
use crate::model::{Column, FileId, Kind, Span};
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
    /// The first rows looked at for the header (line, its cells).
    pub looked: Vec<(u32, String)>,
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
        let rows = HEADER_ROWS;
        let mut help = tr!(
            lang,
            "在表头加上“{zh}”或“{en}”列（表头须在前 {rows} 行之内）",
            "add a column \"{en}\" or \"{zh}\" to the header (within the first {rows} rows)"
        );
        let looked: Vec<String> = self
            .looked
            .iter()
            .map(|(line, cells)| tr!(lang, "第 {line} 行“{cells}”", "line {line} \"{cells}\""))
            .collect();
        if !looked.is_empty() {
            let looked = looked.join(lang.pick("，", ", "));
            help.push_str(&tr!(
                lang,
                "；开头几行：{looked}",
                "; the first rows: {looked}"
            ));
        }
        Some(help)
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
    /// The header cell naming each field found, and its column.
    pub columns: Vec<Column>,
    /// Data rows read (blank rows excluded).
    pub rows: usize,
    /// False when part of the file could not be read.
    pub complete: bool,
    /// Where reading stopped part way (a quote never closed): the line
    /// from which nothing was read, and how many rows were left out from
    /// there (counted as the non-blank lines left, a row a line).
    pub lost: Option<(u32, usize)>,
}

/// The mapping of one file's columns to fields.
struct Header {
    /// For each field, the column holding it.
    field_column: Vec<Option<usize>>,
    /// Columns with no header text, kept to warn once if data turns up
    /// under them.
    unnamed: Vec<usize>,
    width: usize,
    /// The name columns of the kind's place (县（区）, 乡镇（街道）,
    /// 村（社区）), by level, coarsest first …
    names: [Option<usize>; 3],
    /// … and the names of the row before, filled down.
    last_names: [Option<String>; 3],
}

/// A data row of a CSV file or a sheet.
pub struct CsvRow<'r> {
    cells: &'r [Cow<'r, str>],
    header: &'r Header,
    line: u32,
    /// The row's place names, filled down (see [`fill_names`]).
    names: &'r [Option<String>; 3],
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

    fn place_names(&self) -> [Option<&str>; 3] {
        self.names.each_ref().map(Option::as_deref)
    }
}

/// The place names of a row (docs/data.md, "Merged cells"): in the county
/// and township columns, an empty cell takes the name of the row above
/// when a finer name of the same row is filled — a CSV saved from a sheet
/// whose county is merged down over its rows has it on the first row
/// only. (That finer name still has to lie inside it: a wrong fill is an
/// unknown or ambiguous place, never a guess.) Rows of a sheet without
/// name columns have none, and cost nothing.
fn fill_names(cells: &[Cow<str>], header: &mut Header) -> [Option<String>; 3] {
    if header.names.iter().all(Option::is_none) {
        return [None, None, None];
    }
    let mut names: [Option<String>; 3] = header.names.map(|column| {
        let cell = trim(cells.get(column?)?);
        (!cell.is_empty()).then(|| cell.to_string())
    });
    for level in 0..2 {
        let finer = names[level + 1..].iter().any(Option::is_some);
        if names[level].is_none() && finer && header.names[level].is_some() {
            names[level] = header.last_names[level].clone();
        }
    }
    header.last_names = names.clone();
    names
}

/// The separators a CSV file may have besides the comma, tried in order
/// when split at commas no row of the first ten can be the header.
const OTHER_SEPARATORS: [u8; 2] = [b';', b'\t'];

/// Reads `text` (the decoded file), calling `on_row` for every data row.
/// The separator is the comma, or `;` or a tab when only split at one of
/// those does a row of the first ten name every required field.
pub fn read(
    text: &str,
    kind: Kind,
    file: FileId,
    findings: &mut Vec<Finding>,
    on_row: impl FnMut(&CsvRow, &mut Vec<Finding>),
) -> Outcome {
    let separator = separator(text, kind);
    let mut splitter = Splitter::with_separator(text, separator);
    let mut outcome = read_table(
        |cells| splitter.next_record(cells),
        kind,
        file,
        findings,
        on_row,
    );
    if let Some((line, _)) = outcome.lost {
        outcome.lost = Some((line, lines_from(text, line)));
    }
    outcome
}

/// The separator of a CSV file: the comma, unless its first rows hold a
/// header only when split at `;` or a tab.
fn separator(text: &str, kind: Kind) -> u8 {
    let header_at = |separator| {
        let mut splitter = Splitter::with_separator(text, separator);
        let mut cells = Vec::new();
        let mut rows = Vec::new();
        while rows.len() < HEADER_ROWS {
            match splitter.next_record(&mut cells) {
                Some(Ok(line)) if !is_blank(&cells) => rows.push((line, cells.clone())),
                Some(Ok(_)) => {}
                _ => break,
            }
        }
        find_header(&rows, kind).is_ok()
    };
    if header_at(b',') {
        return b',';
    }
    OTHER_SEPARATORS
        .into_iter()
        .find(|&s| header_at(s))
        .unwrap_or(b',')
}

/// Whether a CSV file is a plain table, which `fmt` may rewrite: commas
/// between cells, the header on its first non-blank row and on that row
/// alone, and no footer rows after its last record. A file laid out as a
/// sheet (title rows, a two-row header, footers, `;` or tabs) is read as
/// it is, and left as it is: `bangcun import` writes its canonical form.
pub(crate) fn is_plain(text: &str, kind: Kind) -> bool {
    if separator(text, kind) != b',' {
        return false;
    }
    let mut splitter = Splitter::new(text);
    let mut cells = Vec::new();
    let mut rows = Vec::new();
    let mut last_is_footer = false;
    while let Some(Ok(line)) = splitter.next_record(&mut cells) {
        if is_blank(&cells) {
            continue;
        }
        last_is_footer = is_footer(&cells);
        if rows.len() < HEADER_ROWS {
            rows.push((line, cells.clone()));
        }
    }
    match find_header(&rows, kind) {
        Ok(h) => h.row == 0 && !h.two_rows && !(last_is_footer && rows.len() > 1),
        // No header: `fmt` says so itself.
        Err(_) => true,
    }
}

/// The kinds whose header one of a table's first rows is: the kinds a
/// file of unknown kind may be (`import`).
pub(crate) fn header_kinds<'t>(
    mut next: impl FnMut(&mut Vec<Cow<'t, str>>) -> Option<Result<u32, Unclosed>>,
) -> Vec<Kind> {
    let mut cells = Vec::new();
    let mut rows = Vec::new();
    while rows.len() < HEADER_ROWS {
        match next(&mut cells) {
            Some(Ok(line)) if !is_blank(&cells) => rows.push((line, std::mem::take(&mut cells))),
            Some(Ok(_)) => {}
            _ => break,
        }
    }
    Kind::ALL
        .into_iter()
        .filter(|&kind| find_header(&rows, kind).is_ok())
        .collect()
}

/// The non-blank lines of `text` from line `line` on: what a break in the
/// file left out, a row a line.
fn lines_from(text: &str, line: u32) -> usize {
    text.lines()
        .skip(line.saturating_sub(1) as usize)
        .filter(|l| !l.trim().is_empty())
        .count()
}

/// How many rows from the top the header may be found in.
pub const HEADER_ROWS: usize = 10;

/// The first non-empty cell of a row after the last record that begins
/// with one of these makes it a footer (signatures, notes, totals),
/// passed over; such a row between records is still a record.
pub const FOOTER_WORDS: [&str; 13] = [
    "填表人",
    "填报人",
    "制表人",
    "审核人",
    "负责人",
    "联系电话",
    "填表日期",
    "报送日期",
    "说明",
    "注：",
    "备注：",
    "合计",
    "总计",
];

/// Headings of a column that numbers the rows, read as no field and no
/// unknown column; 编号 too for a kind without an `id` field.
pub const ROW_NUMBER_HEADINGS: [&str; 5] = ["序号", "No.", "No", "#", "NO."];

/// Whether a heading no field has names a column of row numbers.
fn is_row_number(kind: Kind, heading: &str) -> bool {
    ROW_NUMBER_HEADINGS.contains(&heading)
        || (heading == "编号" && schema::position(kind, "id").is_none())
}

/// Whether a row is a footer: its first non-empty cell begins with a
/// footer word.
fn is_footer(cells: &[Cow<str>]) -> bool {
    cells
        .iter()
        .map(|c| trim(c))
        .find(|c| !c.is_empty())
        .is_some_and(|first| FOOTER_WORDS.iter().any(|w| first.starts_with(w)))
}

/// The header found among a table's first rows.
#[derive(Debug)]
struct HeaderAt<'t> {
    /// Which of the rows looked at holds it (the upper one of two).
    row: usize,
    /// Whether the row below belongs to it (a two-row header).
    two_rows: bool,
    /// Each column's heading: of a two-row header, the lower row's where
    /// it has one, else the upper row's.
    names: Vec<Cow<'t, str>>,
}

/// Why none of the first rows is the header: the required fields that no
/// row names (those the likeliest row lacks, when each is named by some
/// row), and that row.
#[derive(Debug)]
struct NoHeader {
    missing: Vec<&'static str>,
    likeliest: usize,
}

/// The headings of a row, trimmed.
fn headings<'a>(cells: &'a [Cow<str>]) -> Vec<&'a str> {
    cells.iter().map(|c| header_text(c)).collect()
}

/// Whether a row under a header row is the lower row of a two-row header:
/// it names a field, and at least half its non-empty cells name fields
/// or number rows (a data row may hold a word that is also a heading, as
/// a problem's source `cadre`, but not mostly such words).
fn is_lower_header(cells: &[Cow<str>], kind: Kind) -> bool {
    let (mut filled, mut named, mut fields) = (0, 0, 0);
    for h in headings(cells) {
        if h.is_empty() {
            continue;
        }
        filled += 1;
        if schema::lookup(kind, h).is_some() {
            fields += 1;
            named += 1;
        } else if is_row_number(kind, h) {
            named += 1;
        }
    }
    fields > 0 && named * 2 >= filled
}

/// Finds the header among a table's first non-blank rows: the first row
/// that names every required field, read together with the row below when
/// both rows name fields.
fn find_header<'t>(
    rows: &[(u32, Vec<Cow<'t, str>>)],
    kind: Kind,
) -> Result<HeaderAt<'t>, NoHeader> {
    let mut fewest: Option<(usize, Vec<&'static str>)> = None;
    let mut never: Option<Vec<&'static str>> = None;
    for (i, (_, upper)) in rows.iter().enumerate() {
        // A row naming no field (a title, a row of group headings) is no
        // upper row of a header: the row below may be the header.
        let names_a_field = || {
            headings(upper)
                .iter()
                .any(|h| schema::lookup(kind, h).is_some())
        };
        let below = rows
            .get(i + 1)
            .filter(|(_, lower)| is_lower_header(lower, kind) && names_a_field());
        let names: Vec<Cow<'t, str>> = match below {
            Some((_, lower)) => (0..upper.len().max(lower.len()))
                .map(|c| match lower.get(c) {
                    Some(l) if !header_text(l).is_empty() => l.clone(),
                    _ => upper.get(c).cloned().unwrap_or_default(),
                })
                .collect(),
            None => upper.clone(),
        };
        let missing: Vec<&'static str> = schema::unnamed_required(kind, &headings(&names))
            .iter()
            .map(|f| f.name)
            .collect();
        if missing.is_empty() {
            return Ok(HeaderAt {
                row: i,
                two_rows: below.is_some(),
                names,
            });
        }
        // The fields no row names: those missing from every row.
        never = Some(match never {
            None => missing.clone(),
            Some(never) => never.into_iter().filter(|f| missing.contains(f)).collect(),
        });
        if fewest.as_ref().is_none_or(|(_, m)| missing.len() < m.len()) {
            fewest = Some((i, missing));
        }
    }
    let (likeliest, missing_there) = fewest.unwrap_or_default();
    let missing = never.filter(|n| !n.is_empty()).unwrap_or(missing_there);
    Err(NoHeader { missing, likeliest })
}

/// Reads a table whose records `next` hands out one after another (with
/// the line or row each begins on), calling `on_row` for every data row:
/// the header is found among the first rows, rows above it are passed
/// over, and so are the footer rows after the last record.
pub fn read_table<'t>(
    mut next: impl FnMut(&mut Vec<Cow<'t, str>>) -> Option<Result<u32, Unclosed>>,
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
    let mut cells = Vec::new();
    // The first rows, among which the header is looked for.
    let mut ahead: Vec<(u32, Vec<Cow<'t, str>>)> = Vec::new();
    let mut header: Option<Header> = None;
    // Rows that may be footers: records after all if a record follows.
    let mut held: Vec<(u32, Vec<Cow<'t, str>>)> = Vec::new();
    let mut ended = false;
    loop {
        let line = match next(&mut cells) {
            None => {
                ended = true;
                0
            }
            Some(Ok(line)) => line,
            Some(Err(unclosed)) => {
                let message = UnclosedQuote {
                    record_line: unclosed.record_line,
                };
                findings.push(Finding::new(
                    &BAD_QUOTING,
                    span(unclosed.quote_line),
                    message,
                ));
                outcome.complete = false;
                outcome.lost = Some((unclosed.record_line, 0));
                ended = true;
                0
            }
        };
        if !ended && is_blank(&cells) {
            continue;
        }
        let Some(header) = &mut header else {
            if !ended {
                ahead.push((line, std::mem::take(&mut cells)));
                if ahead.len() < HEADER_ROWS {
                    continue;
                }
            }
            if ahead.is_empty() {
                break;
            }
            match map_header(&ahead, kind, file, findings, &mut outcome) {
                Some((h, data_from)) => {
                    let rows: Vec<_> = ahead.drain(data_from..).collect();
                    header = Some(h);
                    for (line, mut row) in rows {
                        let Some(header) = &mut header else { break };
                        data_row(
                            line,
                            &mut row,
                            header,
                            &mut held,
                            kind,
                            file,
                            findings,
                            &mut outcome,
                            &mut on_row,
                        );
                    }
                    if ended {
                        break;
                    }
                    continue;
                }
                None => {
                    outcome.complete = false;
                    return outcome;
                }
            }
        };
        if ended {
            break;
        }
        // The row's cells stay in `cells` for the next row to reuse, unless
        // it is held as a possible footer.
        data_row(
            line,
            &mut cells,
            header,
            &mut held,
            kind,
            file,
            findings,
            &mut outcome,
            &mut on_row,
        );
    }
    // Footer rows held at the end are passed over.
    if header.is_none() && outcome.complete {
        findings.push(Finding::new(&EMPTY_FILE, span(1), EmptyFile { kind }));
        outcome.complete = false;
    }
    outcome
}

/// One row after the header: held while it may be a footer, else read
/// (after the rows held, which a record following makes records).
#[allow(clippy::too_many_arguments)]
fn data_row<'t>(
    line: u32,
    cells: &mut Vec<Cow<'t, str>>,
    header: &mut Header,
    held: &mut Vec<(u32, Vec<Cow<'t, str>>)>,
    kind: Kind,
    file: FileId,
    findings: &mut Vec<Finding>,
    outcome: &mut Outcome,
    on_row: &mut impl FnMut(&CsvRow, &mut Vec<Finding>),
) {
    if is_footer(cells) {
        held.push((line, std::mem::take(cells)));
        return;
    }
    for (line, cells) in std::mem::take(held) {
        record_row(line, &cells, header, kind, file, findings, outcome, on_row);
    }
    record_row(line, cells, header, kind, file, findings, outcome, on_row);
}

/// Reads one record row.
#[allow(clippy::too_many_arguments)]
fn record_row(
    line: u32,
    cells: &[Cow<str>],
    header: &mut Header,
    kind: Kind,
    file: FileId,
    findings: &mut Vec<Finding>,
    outcome: &mut Outcome,
    on_row: &mut impl FnMut(&CsvRow, &mut Vec<Finding>),
) {
    let span = Span { file, line };
    outcome.rows += 1;
    if !fits(cells, header.width) {
        let message = FieldCount {
            expected: header.width,
            found: cells.len(),
        };
        findings.push(Finding::new(&FIELD_COUNT, span, message));
        return;
    }
    if !header.unnamed.is_empty() {
        unnamed_data(header, cells, kind, span, findings);
    }
    let names = fill_names(cells, header);
    on_row(
        &CsvRow {
            cells,
            header,
            line,
            names: &names,
        },
        findings,
    );
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

/// Unknown columns named one by one; past these, one finding counts the
/// rest (a sheet exported with a thousand stray columns is one mistake).
const UNKNOWN_SHOWN: usize = 20;

/// How many of the rows looked at for the header a finding shows.
const ROWS_SHOWN: usize = 3;

/// Finds the header among the first rows and maps its cells to fields:
/// the header and the index of the first row after it; `None` (with the
/// findings) when no row names every required field.
fn map_header(
    rows: &[(u32, Vec<Cow<str>>)],
    kind: Kind,
    file: FileId,
    findings: &mut Vec<Finding>,
    outcome: &mut Outcome,
) -> Option<(Header, usize)> {
    let fields = schema::fields(kind);
    let found = find_header(rows, kind);
    let (at, names, data_from) = match &found {
        Ok(h) => (h.row, &h.names, h.row + 1 + usize::from(h.two_rows)),
        Err(no) => (no.likeliest, &rows[no.likeliest].1, rows.len()),
    };
    let line = rows[at].0;
    let span = Span { file, line };
    let mut unknown = 0;
    let mut header = Header {
        field_column: vec![None; fields.len()],
        unnamed: Vec::new(),
        width: names.len(),
        names: [None; 3],
        last_names: [None, None, None],
    };
    let held = column_fields(names, kind);
    for (column, (cell, held)) in names.iter().zip(held).enumerate() {
        let text = header_text(cell);
        // Whatever a header cell holds, a finding shows a hundred
        // characters of it.
        let text_shown = || shown(text);
        if let Some(field) = held {
            header.field_column[field] = Some(column);
            outcome.columns.push(Column {
                field: fields[field].name,
                heading: text.into(),
                index: column as u32,
            });
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
        } else if let Some(level) = schema::name_column(kind, text) {
            // A name column of the place: the first of its level.
            let slot = &mut header.names[level as usize];
            if slot.is_none() {
                *slot = Some(column);
                outcome.columns.push(Column {
                    field: schema::NAME_COLUMNS[level as usize].1,
                    heading: text.into(),
                    index: column as u32,
                });
            }
        } else if is_row_number(kind, text) {
            // Row numbers: nothing to read, nothing to warn of.
        } else if found.is_ok() {
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
    // Without a code column, findings about the place name the finest
    // name column's cell.
    if let Some(place) = schema::place_field(kind) {
        let finest = header.names.iter().rev().flatten().next();
        if let (None, Some(&column)) = (header.field_column[place], finest) {
            outcome.columns.push(Column {
                field: fields[place].name,
                heading: header_text(&names[column]).into(),
                index: column as u32,
            });
        }
    }
    let Err(no) = found else {
        return Some((header, data_from));
    };
    // The first rows looked at, as the clerk sees them, down to the one
    // likeliest to be the header.
    let looked: Vec<(u32, String)> = rows
        .iter()
        .take((no.likeliest + 1).min(ROWS_SHOWN))
        .map(|(line, cells)| {
            let filled: Vec<&str> = headings(cells)
                .into_iter()
                .filter(|h| !h.is_empty())
                .collect();
            let joined = filled.join(" | ");
            let cut = match joined.char_indices().nth(40) {
                Some((end, _)) => format!("{}…", &joined[..end]),
                None => joined,
            };
            (*line, cut)
        })
        .collect();
    for field in no.missing {
        let message = MissingColumn {
            kind,
            field,
            looked: looked.clone(),
        };
        findings.push(Finding::new(&MISSING_COLUMN, span, message).field(field));
    }
    None
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

    /// Reads `text` as a file of `kind`: each row's line and its cells
    /// by field name, and the findings (check, line).
    #[allow(clippy::type_complexity)]
    fn rows_of(
        text: &str,
        kind: Kind,
    ) -> (
        Vec<(u32, Vec<(&'static str, String)>)>,
        Vec<(&'static str, u32)>,
    ) {
        let mut findings = Vec::new();
        let mut rows = Vec::new();
        read(text, kind, FileId(1), &mut findings, |row, _| {
            let cells = schema::fields(kind)
                .iter()
                .enumerate()
                .filter_map(|(i, f)| match row.cell(i) {
                    Some(Cell::Text(t)) => Some((f.name, t.into_owned())),
                    _ => None,
                })
                .collect();
            rows.push((row.row_line(), cells));
        });
        let findings = findings
            .iter()
            .map(|f| (f.check.name, f.span.line))
            .collect();
        (rows, findings)
    }

    #[test]
    fn the_header_is_found_under_title_rows_and_footers_are_passed_over() {
        // Line 1 the title, 2 the 截至 row, 3 the header with 序号, 4-5
        // records, 6 a footer between records (a record: 合计 is its
        // reason), 7 a record, 8-9 footers after the last record.
        let text = "许昌市请假台账,,,,\n截至2026年10月31日,,,,\n序号,干部编号,开始日期,结束日期,事由\n\
                    1,C1,2026-03-01,2026-03-02,病假\n2,C2,2026-03-05,2026-03-05,\n\
                    合计,C3,2026-03-06,2026-03-07,x\n3,C4,2026-04-01,2026-04-01,\n\
                    填表人：张三,,审核人：李四,,\n注：本表每月报送,,,,\n";
        let (rows, findings) = rows_of(text, Kind::Leaves);
        assert_eq!(findings, []);
        let lines: Vec<u32> = rows.iter().map(|r| r.0).collect();
        assert_eq!(lines, [4, 5, 6, 7]);
        assert_eq!(rows[0].1[0], ("cadre", "C1".to_string()));
    }

    #[test]
    fn a_two_row_header_takes_the_lower_names() {
        // 整改情况 spans 整改日期 and 销号日期 (merged: only its first
        // cell holds it in CSV); 问题编号 etc. are merged down (only the
        // upper row holds them).
        let text = "问题台账\n\
                    问题编号,发现日期,地点代码,发现干部,类别,问题描述,整改情况,\n\
                    ,,,,,,整改日期,销号日期\n\
                    P1,2026-01-10,4101,C1,基础设施,路坏,2026-01-20,2026-01-25\n";
        let (rows, findings) = rows_of(text, Kind::Problems);
        assert_eq!(findings, []);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].0, 4);
        assert!(rows[0].1.contains(&("rectified", "2026-01-20".to_string())));
        assert!(rows[0].1.contains(&("verified", "2026-01-25".to_string())));
    }

    #[test]
    fn a_data_row_under_the_header_is_no_second_header_row() {
        // The source `cadre` is also a field's name; one cell of nine.
        let text = "id,found,place,cadre,source,category,summary,unit,note\n\
                    P1,2026-01-10,4101,C1,cadre,基础设施,路坏,交通局,x\n";
        let (rows, findings) = rows_of(text, Kind::Problems);
        assert_eq!(rows.len(), 1, "{findings:?}");
    }

    #[test]
    fn semicolons_and_tabs_are_separators_too() {
        for text in [
            "cadre;from;to\nC1;2026-03-01;2026-03-02\n",
            "cadre\tfrom\tto\nC1\t2026-03-01\t2026-03-02\n",
            "标题\n\ncadre\tfrom\tto\nC1\t2026-03-01\t2026-03-02\n",
        ] {
            let (rows, findings) = rows_of(text, Kind::Leaves);
            assert_eq!(findings, [], "{text}");
            assert_eq!(rows.len(), 1, "{text}");
            assert_eq!(rows[0].1[1], ("from", "2026-03-01".to_string()));
        }
    }

    #[test]
    fn no_header_says_what_no_row_names_and_shows_the_rows() {
        // No row names `to`; the likeliest row is line 2.
        let text = "请假台账\ncadre,from,reason\nC1,2026-03-01,x\n";
        let mut findings = Vec::new();
        let outcome = read(text, Kind::Leaves, FileId(1), &mut findings, |_, _| {});
        assert!(!outcome.complete);
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(
            (findings[0].check.name, findings[0].span.line),
            ("missing-column", 2)
        );
        let help = findings[0].message.help(Lang::En).unwrap();
        assert!(help.contains("line 1 \"请假台账\""), "{help}");
        assert!(help.contains("line 2 \"cadre | from | reason\""), "{help}");
    }

    #[test]
    fn a_break_says_from_which_line_and_how_many_rows_were_lost() {
        // The quote opened on line 3 is never closed: lines 3, 4 and 5
        // hold three rows, all lost.
        let text = "cadre,from,to,reason\nC1,2026-03-01,2026-03-02,a\nC1,2026-01-01,2026-01-02,\"x\nC1,2026-02-10,2026-02-10,y\nC2,2026-02-20,2026-02-20,z\n";
        let mut findings = Vec::new();
        let outcome = read(text, Kind::Leaves, FileId(1), &mut findings, |_, _| {});
        assert_eq!(outcome.lost, Some((3, 3)));
        assert_eq!(outcome.rows, 1);
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
