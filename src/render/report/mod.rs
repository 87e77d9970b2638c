//! Rendering reports: one renderer per format behind [`render_report`],
//! shared by every report. Tables and Markdown are for people (names,
//! `78.6%`, `—`); CSV and JSON are for programs (stable keys, codes,
//! `0.7858`, empty or `null`).

mod csv;
mod json;
mod markdown;
mod table;

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::Path;

use crate::i18n::{self, Lang};
use crate::report::{Cell, Report};

/// The output formats of reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    /// Aligned columns for a terminal (full-width characters count two).
    Table,
    Csv,
    Json,
    Markdown,
}

impl ReportFormat {
    /// The format a file name asks for by its extension (`-o out.csv`).
    pub fn from_extension(path: &Path) -> Option<ReportFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(ReportFormat::Csv),
            "json" => Some(ReportFormat::Json),
            "md" | "markdown" => Some(ReportFormat::Markdown),
            "txt" => Some(ReportFormat::Table),
            _ => None,
        }
    }
}

/// Writes `report` in `format`.
pub fn render_report(
    report: &Report,
    format: ReportFormat,
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        ReportFormat::Table => table::render(report, lang, out),
        ReportFormat::Csv => csv::render(report, out),
        ReportFormat::Json => json::render(report, out),
        ReportFormat::Markdown => markdown::render(report, lang, out),
    }
}

/// The indexes of the columns shown to people, or to programs.
fn shown(report: &Report, people: bool) -> Vec<usize> {
    (0..report.columns.len())
        .filter(|&i| report.columns[i].shown_to(people))
        .collect()
}

/// Whether column `i` holds numbers (aligned right for people).
fn numeric(report: &Report, i: usize) -> bool {
    report
        .rows
        .iter()
        .chain(&report.total)
        .filter_map(|row| row.get(i))
        .find(|cell| **cell != Cell::Empty)
        .is_some_and(|cell| matches!(cell, Cell::Int(_) | Cell::Rate(_)))
}

/// A cell as people read it: `78.6%`, `—` for an undefined rate.
fn for_people(cell: &Cell, lang: Lang) -> Cow<'_, str> {
    match cell {
        Cell::Empty => Cow::Borrowed(""),
        Cell::Text(s) => Cow::Borrowed(s),
        Cell::Int(n) => Cow::Owned(n.to_string()),
        Cell::Date(d) => Cow::Owned(d.to_string()),
        Cell::Dates(ds) => Cow::Owned(join(ds, i18n::list_separator(lang))),
        Cell::Rate(Some(r)) => Cow::Owned(format!("{:.1}%", r * 100.0)),
        Cell::Rate(None) => Cow::Borrowed("—"),
        Cell::Word { label, .. } => Cow::Borrowed(label),
    }
}

/// A cell as a CSV field: the fraction to 4 places, empty when undefined.
fn for_machines(cell: &Cell) -> Cow<'_, str> {
    match cell {
        Cell::Empty | Cell::Rate(None) => Cow::Borrowed(""),
        Cell::Text(s) => Cow::Borrowed(s),
        Cell::Int(n) => Cow::Owned(n.to_string()),
        Cell::Date(d) => Cow::Owned(d.to_string()),
        // The list separator of the data files.
        Cell::Dates(ds) => Cow::Owned(join(ds, ";")),
        Cell::Rate(Some(r)) => Cow::Owned(round4(*r).to_string()),
        Cell::Word { key, .. } => Cow::Borrowed(key),
    }
}

fn join(dates: &[crate::model::Date], separator: &str) -> String {
    dates
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(separator)
}

/// A fraction rounded to 4 places (0.7858), as SPEC §4 gives rates to
/// programs.
fn round4(rate: f64) -> f64 {
    (rate * 10_000.0).round() / 10_000.0
}

/// The lines above a report for people: its title and period.
fn heading_lines(report: &Report, lang: Lang) -> (String, String) {
    let w = &report.window;
    (
        report.title.clone(),
        i18n::period_line(w.from, w.to, w.as_of, lang),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_for_people_and_programs() {
        // 3717 / 4730 = 0.785835… (SPEC §1: "rectification rate 78.6%")
        let r = Cell::Rate(Some(3717.0 / 4730.0));
        assert_eq!(for_people(&r, Lang::Zh), "78.6%");
        assert_eq!(for_machines(&r), "0.7858");
        assert_eq!(for_people(&Cell::Rate(None), Lang::En), "—");
        assert_eq!(for_machines(&Cell::Rate(None)), "");
        assert_eq!(for_machines(&Cell::Rate(Some(1.0))), "1");
    }

    #[test]
    fn extensions_pick_formats() {
        assert_eq!(
            ReportFormat::from_extension(Path::new("a/out.CSV")),
            Some(ReportFormat::Csv)
        );
        assert_eq!(
            ReportFormat::from_extension(Path::new("out.md")),
            Some(ReportFormat::Markdown)
        );
        assert_eq!(ReportFormat::from_extension(Path::new("out")), None);
    }
}
