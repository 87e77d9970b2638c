//! Rendering documents: the report tables and the monthly summary, in one
//! [`Format`] each, behind [`render`]. Each format has one emitter (an
//! [`Emitter`], in a file of its own here), which writes the report tables
//! and, through its part under `monthly/`, the monthly summary; what sets a
//! format apart (binary, a BOM in files, its extensions) is a property of
//! the format, so that the commands name none. Tables, Markdown, HTML and
//! xlsx are for people (names, `78.6%`, `—`, and a notice when the data
//! has errors); CSV and JSON are for programs (stable keys, codes,
//! `0.7858`, empty or `null`).
//!
//! Adding a format: a file here with its [`FormatDef`] and [`Emitter`], and
//! its line in [`TABLES`] and, if the monthly summary has it too (its part
//! under `monthly/`), in [`MONTHLY`].

mod csv;
mod html;
mod json;
mod markdown;
mod monthly;
mod table;
mod xlsx;

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::Path;

use chrono::Datelike;
use unicode_width::UnicodeWidthStr;

use crate::i18n;
use crate::lang::Lang;
use crate::model::Date;
use crate::report::monthly::Monthly;
use crate::report::notice::DataNotice;
use crate::report::{Cell, Report};

/// One output format of documents, and what sets it apart.
pub struct FormatDef {
    /// The word of `--format`.
    pub name: &'static str,
    /// The extensions of its files, in any case; the first is the one
    /// messages name.
    pub extensions: &'static [&'static str],
    /// Binary: never written to a terminal.
    pub binary: bool,
    /// A file of it begins with a UTF-8 BOM (CSV: so that Excel and WPS
    /// open it by double-click as UTF-8); standard output gets none (for
    /// programs).
    pub bom_in_files: bool,
    emitter: &'static dyn Emitter,
}

/// An output format of documents, as options and commands name it.
#[derive(Clone, Copy)]
pub struct Format(&'static FormatDef);

impl Format {
    /// The word of `--format` for this format.
    pub fn name(self) -> &'static str {
        self.0.name
    }

    /// The extension messages name files of this format by.
    pub fn extension(self) -> &'static str {
        self.0.extensions.first().copied().unwrap_or("")
    }

    /// Whether the format is binary, and so never written to a terminal.
    pub fn is_binary(self) -> bool {
        self.0.binary
    }

    /// Whether a file of this format begins with a UTF-8 BOM.
    pub fn bom_in_files(self) -> bool {
        self.0.bom_in_files
    }

    /// The format `--format` names, among every format.
    pub fn named(name: &str) -> Option<Format> {
        every().find(|f| f.name() == name)
    }

    /// The format a file name asks for by its extension (`-o out.csv`),
    /// among every format, or the extension (lowercase) when none has it;
    /// `None` for a name without one.
    pub fn of_path(path: &Path) -> Option<Result<Format, String>> {
        let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
        Some(
            every()
                .find(|f| f.0.extensions.contains(&ext.as_str()))
                .ok_or(ext),
        )
    }
}

impl PartialEq for Format {
    fn eq(&self, other: &Self) -> bool {
        self.name() == other.name()
    }
}

impl std::fmt::Debug for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The formats of the report tables (`report summary`, `overdue` …), the
/// default first.
pub static TABLES: [Format; 6] = [
    Format(&table::FORMAT),
    Format(&csv::FORMAT),
    Format(&json::FORMAT),
    Format(&markdown::FORMAT),
    Format(&html::FORMAT),
    Format(&xlsx::FORMAT),
];

/// The formats of the monthly summary, the default first: a document of
/// several tables, which has no one CSV or terminal table.
pub static MONTHLY: [Format; 4] = [
    Format(&markdown::FORMAT),
    Format(&html::FORMAT),
    Format(&xlsx::FORMAT),
    Format(&json::FORMAT),
];

/// Every format, each once.
fn every() -> impl Iterator<Item = Format> {
    let mut seen: Vec<&str> = Vec::new();
    TABLES.iter().chain(&MONTHLY).copied().filter(move |f| {
        let new = !seen.contains(&f.name());
        seen.push(f.name());
        new
    })
}

/// The kinds of document, each with the formats it is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocKind {
    /// The report tables.
    Tables,
    /// The monthly summary.
    Monthly,
}

impl DocKind {
    /// The formats the document is written in, its default first.
    pub fn formats(self) -> &'static [Format] {
        match self {
            DocKind::Tables => &TABLES,
            DocKind::Monthly => &MONTHLY,
        }
    }
}

/// A document to write.
#[derive(Clone, Copy, Debug)]
pub enum Document<'a> {
    /// One of the report tables.
    Report(&'a Report<'a>),
    /// The monthly summary.
    Monthly(&'a Monthly<'a>),
}

/// Writes `doc` in `format`; `notice` says what its figures leave out (the
/// formats for people show it at the top, JSON as `data_errors`). A
/// format the document has not ([`DocKind::formats`]) is an error.
pub fn render(
    doc: Document<'_>,
    format: Format,
    notice: &DataNotice,
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<()> {
    let emitter = format.0.emitter;
    let page = Page { notice, lang };
    match doc {
        Document::Report(report) => emitter.report(report, page, out),
        Document::Monthly(monthly) => emitter.monthly(monthly, page, out),
    }
}

/// Writes several report tables as one workbook, a sheet per table named
/// as `sheets` says (`report problems --split -o FILE.xlsx`).
pub fn render_workbook(
    title: &str,
    reports: &[(&str, &Report<'_>)],
    notice: &DataNotice,
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<()> {
    let bytes = xlsx::split_book(title, reports, notice, lang).map_err(io::Error::other)?;
    out.write_all(&bytes)
}

/// Writes a table as a reminder letter (督办函) from `issuer` to
/// `addressee`, as HTML for A4 print (`report problems --status overdue
/// --split unit --format html`).
pub fn render_letter(
    report: &Report<'_>,
    (issuer, addressee): (&str, &str),
    notice: &DataNotice,
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<()> {
    html::letter(report, (issuer, addressee), Page { notice, lang }, out)
}

/// What a document is written with besides its figures.
#[derive(Clone, Copy, Debug)]
struct Page<'a> {
    /// What the figures leave out (empty for clean data).
    notice: &'a DataNotice,
    lang: Lang,
}

/// One output format: how it writes each document. Each format has one,
/// in its own file; the monthly summary's part of it is under `monthly/`.
trait Emitter: Sync {
    /// Writes a report table.
    fn report(&self, report: &Report<'_>, page: Page<'_>, out: &mut dyn Write) -> io::Result<()>;

    /// Writes the monthly summary (an error for a format it has not).
    fn monthly(&self, doc: &Monthly<'_>, page: Page<'_>, out: &mut dyn Write) -> io::Result<()>;
}

/// The error of a format the monthly summary has not, which the command
/// refuses before it gets here.
fn no_monthly(format: &FormatDef) -> io::Error {
    io::Error::new(
        io::ErrorKind::Unsupported,
        format!("the monthly summary has no {} form", format.name),
    )
}

/// A table as people read it: text cells, number columns aligned right,
/// the total row set apart.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Grid {
    headings: Vec<String>,
    right: Vec<bool>,
    rows: Vec<Vec<String>>,
    total: Option<Vec<String>>,
}

/// A report's columns for people, its first `limit` rows and its total.
pub(super) fn report_grid(report: &Report<'_>, lang: Lang, limit: usize) -> Grid {
    let columns = shown(report, true);
    let text = |row: &[Cell<'_>]| -> Vec<String> {
        columns
            .iter()
            .map(|&i| {
                row.get(i)
                    .map(|c| for_people(c, lang).into_owned())
                    .unwrap_or_default()
            })
            .collect()
    };
    Grid {
        headings: columns
            .iter()
            .map(|&i| report.columns[i].heading.label(lang).to_string())
            .collect(),
        right: columns.iter().map(|&i| numeric(report, i)).collect(),
        rows: report.rows.iter().take(limit).map(|r| text(r)).collect(),
        total: report.total.as_deref().map(text),
    }
}

/// The indexes of the columns shown to people, or to programs.
fn shown(report: &Report<'_>, people: bool) -> Vec<usize> {
    (0..report.columns.len())
        .filter(|&i| report.columns[i].shown_to(people))
        .collect()
}

/// Whether column `i` holds numbers (aligned right for people).
fn numeric(report: &Report<'_>, i: usize) -> bool {
    report
        .rows
        .iter()
        .chain(&report.total)
        .filter_map(|row| row.get(i))
        .find(|cell| **cell != Cell::Empty)
        .is_some_and(|cell| matches!(cell, Cell::Int(_) | Cell::Rate(_)))
}

/// A cell as people read it: `78.6%`, `—` for an undefined rate.
fn for_people<'c>(cell: &'c Cell<'_>, lang: Lang) -> Cow<'c, str> {
    match cell {
        Cell::Empty => Cow::Borrowed(""),
        Cell::Text(s) => Cow::Borrowed(s),
        Cell::Rate(None) => Cow::Borrowed(UNDEFINED),
        Cell::Word { label, .. } => Cow::Borrowed(label),
        _ => {
            let mut s = String::new();
            push_for_people(&mut s, cell, lang);
            Cow::Owned(s)
        }
    }
}

/// An undefined rate, for people.
const UNDEFINED: &str = "—";

/// Appends a cell as people read it (see [`for_people`]).
fn push_for_people(out: &mut String, cell: &Cell<'_>, lang: Lang) {
    match cell {
        Cell::Empty => {}
        Cell::Text(s) => out.push_str(s),
        Cell::Int(n) => {
            let _ = write!(out, "{n}");
        }
        Cell::Date(d) => push_date(out, *d),
        Cell::Dates(ds) => {
            for (n, d) in ds.iter().enumerate() {
                if n > 0 {
                    out.push_str(i18n::list_separator(lang));
                }
                push_date(out, *d);
            }
        }
        Cell::Rate(Some(r)) => {
            let tenths = tenths_of_percent(*r);
            let _ = write!(out, "{}.{}%", tenths / 10, tenths % 10);
        }
        Cell::Rate(None) => out.push_str(UNDEFINED),
        Cell::Word { label, .. } => out.push_str(label),
    }
}

/// The terminal columns of a cell as a table shows it (on one line),
/// without formatting it: a 57,000-row listing is measured before it is
/// written.
fn people_width(cell: &Cell<'_>, lang: Lang) -> usize {
    match cell {
        Cell::Empty => 0,
        Cell::Text(s) => display_width(&one_line(s)),
        Cell::Int(n) => digits(n.unsigned_abs()) + usize::from(*n < 0),
        Cell::Date(d) => date_width(*d),
        Cell::Dates(ds) => {
            let separators = ds.len().saturating_sub(1) * display_width(i18n::list_separator(lang));
            ds.iter().map(|&d| date_width(d)).sum::<usize>() + separators
        }
        // Whole percent, the point, one decimal, the sign.
        Cell::Rate(Some(r)) => {
            let tenths = tenths_of_percent(*r);
            digits((tenths / 10).unsigned_abs()) + usize::from(tenths < 0) + 3
        }
        Cell::Rate(None) => display_width(UNDEFINED),
        Cell::Word { label, .. } => display_width(label),
    }
}

/// The columns `text` takes on a terminal: a full-width character counts
/// two; ASCII, the common case (codes, numbers, dates), one a byte.
fn display_width(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.width()
    }
}

/// Text from the data as a table shows it: on one line (a break inside a
/// cell would break the table), control characters shown escaped.
fn one_line(text: &str) -> Cow<'_, str> {
    crate::inert::visible_on_one_line(text)
}

fn digits(mut n: u64) -> usize {
    let mut count = 1;
    while n >= 10 {
        n /= 10;
        count += 1;
    }
    count
}

/// A rate in whole tenths of a percent (0.78583 → 786): people see one
/// decimal, and integer formatting is much faster than exact float
/// formatting in a long listing.
fn tenths_of_percent(rate: f64) -> i64 {
    (rate * 1000.0).round() as i64
}

/// `2026-03-10`, written by hand: chrono's `Display` goes through the
/// formatting machinery, which shows in a long listing.
fn push_date(out: &mut String, d: Date) {
    match u32::try_from(d.year()).ok().filter(|&y| y <= 9999) {
        Some(y) => {
            let (m, day) = (d.month(), d.day());
            for digit in [y / 1000, y / 100 % 10, y / 10 % 10, y % 10] {
                out.push(char::from(b'0' + digit as u8));
            }
            for (sep, n) in [('-', m), ('-', day)] {
                out.push(sep);
                out.push(char::from(b'0' + (n / 10) as u8));
                out.push(char::from(b'0' + (n % 10) as u8));
            }
        }
        None => {
            let _ = write!(out, "{d}");
        }
    }
}

fn date_width(d: Date) -> usize {
    if (0..=9999).contains(&d.year()) {
        10
    } else {
        d.to_string().len()
    }
}

/// A cell as a CSV field: the fraction to 4 places, empty when undefined;
/// text from the data as a spreadsheet must take it ([`inert::csv_cell`]:
/// no formula), while the numbers bangcun writes stay numbers.
///
/// [`inert::csv_cell`]: crate::inert::csv_cell
fn for_machines<'c>(cell: &'c Cell<'_>) -> Cow<'c, str> {
    match cell {
        Cell::Empty | Cell::Rate(None) => Cow::Borrowed(""),
        Cell::Text(s) => crate::inert::csv_cell(s),
        Cell::Int(n) => Cow::Owned(n.to_string()),
        Cell::Date(d) => Cow::Owned(d.to_string()),
        // The list separator of the data files.
        Cell::Dates(ds) => Cow::Owned(
            ds.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(";"),
        ),
        Cell::Rate(Some(r)) => Cow::Owned(round4(*r).to_string()),
        Cell::Word { key, .. } => Cow::Borrowed(key),
    }
}

/// A fraction rounded to 4 places (0.7858), as docs/reports.md gives rates to
/// programs.
fn round4(rate: f64) -> f64 {
    (rate * 10_000.0).round() / 10_000.0
}

/// The notice at the top of a document for people when the data has
/// errors: its first line, and one line per thing left out.
fn notice_lines(notice: &DataNotice, lang: Lang) -> Option<(String, Vec<String>)> {
    (!notice.is_empty()).then(|| {
        (
            i18n::notice_heading(notice.errors, lang),
            notice.items(lang),
        )
    })
}

/// The lines above a report for people: its title and period (the year,
/// for a report of a year).
fn heading_lines(report: &Report<'_>, lang: Lang) -> (String, String) {
    let w = &report.window;
    let period = match report.year {
        Some(year) => i18n::year_line(year, lang),
        None => i18n::period_line(w.from, w.to, w.as_of, lang),
    };
    (report.title.clone(), period)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_for_people_and_programs() {
        // 3717 / 4730 = 0.785835… (a rate the programme published as 78.6%)
        let r = Cell::Rate(Some(3717.0 / 4730.0));
        assert_eq!(for_people(&r, Lang::Zh), "78.6%");
        assert_eq!(for_machines(&r), "0.7858");
        assert_eq!(for_people(&Cell::Rate(None), Lang::En), "—");
        assert_eq!(for_people(&Cell::Rate(Some(1.0)), Lang::En), "100.0%");
        assert_eq!(for_people(&Cell::Rate(Some(0.0)), Lang::En), "0.0%");
        // 2 / 3 = 66.67% → 66.7%; 1 / 8 = 12.5% stays 12.5%.
        assert_eq!(for_people(&Cell::Rate(Some(2.0 / 3.0)), Lang::En), "66.7%");
        assert_eq!(for_people(&Cell::Rate(Some(0.125)), Lang::En), "12.5%");
        assert_eq!(for_machines(&Cell::Rate(None)), "");
        assert_eq!(for_machines(&Cell::Rate(Some(1.0))), "1");
    }

    #[test]
    fn widths_are_measured_as_written() {
        let day = Date::from_ymd_opt(2026, 3, 10).unwrap();
        let cells = [
            Cell::Empty,
            Cell::Text("许昌经济技术开发区".into()),
            Cell::Text("C000001".into()),
            Cell::Int(0),
            Cell::Int(-1234),
            Cell::Int(98_765),
            Cell::Date(day),
            Cell::Dates(vec![day, day, day]),
            Cell::Dates(vec![]),
            Cell::Rate(Some(0.0)),
            Cell::Rate(Some(0.9995)),
            Cell::Rate(Some(1.0)),
            Cell::Rate(None),
            Cell::Word {
                key: "city",
                label: "市级",
            },
        ];
        for lang in [Lang::Zh, Lang::En] {
            for cell in &cells {
                let shown = for_people(cell, lang);
                assert_eq!(people_width(cell, lang), shown.width(), "{shown}");
            }
        }
        // A line break becomes a space: "a\r\nb" is shown as "a  b".
        assert_eq!(people_width(&Cell::Text("a\r\nb".into()), Lang::Zh), 4);
        assert_eq!(for_people(&Cell::Date(day), Lang::Zh), "2026-03-10");
        assert_eq!(
            for_people(&Cell::Dates(vec![day, day]), Lang::Zh),
            "2026-03-10、2026-03-10"
        );
    }

    #[test]
    fn extensions_pick_formats() {
        let of = |name: &str| Format::of_path(Path::new(name));
        let named = |name: &str| Some(Ok(Format::named(name).unwrap()));
        assert_eq!(of("a/out.CSV"), named("csv"));
        assert_eq!(of("out.md"), named("markdown"));
        assert_eq!(of("m.htm"), named("html"));
        assert_eq!(of("s.xlsx"), named("xlsx"));
        assert_eq!(of("s.txt"), named("table"));
        assert_eq!(of("m.PDF"), Some(Err("pdf".to_string())));
        assert_eq!(of("out"), None);
        // Every format reads back from its own extension.
        for format in TABLES.iter().chain(&MONTHLY).copied() {
            let name = format!("x.{}", format.extension());
            assert_eq!(of(&name), Some(Ok(format)));
        }
    }
}
