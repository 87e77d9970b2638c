//! Aligned text tables for a terminal. Widths are display columns
//! (`unicode-width`: a full-width Chinese character counts two), rules are
//! plain ASCII (box-drawing characters are ambiguous-width and misalign in
//! CJK terminals).
//!
//! Written row by row from the report's cells, measured by their type for
//! the widths and then formatted straight into one line buffer: a
//! province's 57,000-row attendance list then needs no copy of itself,
//! where a table library holding every cell took 145 MB more.

use std::io::{self, Write};

use super::{
    Emitter, FormatDef, Page, heading_lines, no_monthly, notice_lines, numeric, one_line,
    people_width, push_for_people, shown,
};
use crate::i18n::{self, ReportName};
use crate::lang::Lang;
use crate::report::monthly::Monthly;
use crate::report::{Cell, Report, targets};

/// Between two columns.
const GAP: &str = "  ";

/// Aligned text, for a terminal or a `.txt` file: the default of the
/// report tables.
pub(super) static FORMAT: FormatDef = FormatDef {
    name: "table",
    extensions: &["txt"],
    binary: false,
    bom_in_files: false,
    emitter: &Table,
};

/// The emitter of aligned text.
pub(super) struct Table;

impl Emitter for Table {
    fn report(&self, report: &Report<'_>, page: Page<'_>, out: &mut dyn Write) -> io::Result<()> {
        let Page { notice, lang } = page;
        let (title, period) = heading_lines(report, lang);
        writeln!(out, "{}\n{period}\n", one_line(&title))?;
        if let Some((heading, items)) = notice_lines(notice, lang) {
            writeln!(out, "{heading}")?;
            for item in items {
                writeln!(out, "  - {}", one_line(&item))?;
            }
            writeln!(out)?;
        }
        grid(report, lang, out)?;
        if report.total.is_none() {
            writeln!(out, "{}", i18n::rows_line(report.rows.len(), lang))?;
        }
        if !report.targets.is_empty() {
            let targets = targets::table(report, &report.targets, lang);
            writeln!(out, "\n{}\n", ReportName::Targets.title(lang))?;
            grid(&targets, lang, out)?;
        }
        Ok(())
    }

    fn monthly(&self, _: &Monthly<'_>, _: Page<'_>, _: &mut dyn Write) -> io::Result<()> {
        Err(no_monthly(&FORMAT))
    }
}

/// A report's table: the headings, a rule, the rows and the total, each
/// column as wide as its widest cell.
fn grid(report: &Report<'_>, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let columns = shown(report, true);
    let headings: Vec<Cell<'_>> = columns
        .iter()
        .map(|&i| Cell::Text(report.columns[i].heading.label(lang).into()))
        .collect();
    let mut widths: Vec<usize> = headings.iter().map(|h| people_width(h, lang)).collect();
    for row in report.rows.iter().chain(&report.total) {
        for (width, &i) in widths.iter_mut().zip(&columns) {
            *width = (*width).max(row.get(i).map_or(0, |c| people_width(c, lang)));
        }
    }
    let rules: Vec<Cell<'_>> = widths
        .iter()
        .map(|&w| Cell::Text("-".repeat(w).into()))
        .collect();
    let layout = Layout {
        widths: &widths,
        right: &columns
            .iter()
            .map(|&i| numeric(report, i))
            .collect::<Vec<_>>(),
        lang,
    };
    let mut line = String::new();
    layout.line(out, &mut line, headings.iter())?;
    layout.line(out, &mut line, rules.iter())?;
    for row in report.rows.iter().chain(&report.total) {
        let cells = columns.iter().map(|&i| row.get(i).unwrap_or(&Cell::Empty));
        layout.line(out, &mut line, cells)?;
    }
    Ok(())
}

/// Column widths and alignment.
struct Layout<'a> {
    widths: &'a [usize],
    right: &'a [bool],
    lang: Lang,
}

impl Layout<'_> {
    /// Writes one line of cells, each padded to its column, through the
    /// reused buffer `line`. Nothing trails a line: the last column is not
    /// padded on the right.
    fn line<'c>(
        &self,
        out: &mut dyn Write,
        line: &mut String,
        cells: impl Iterator<Item = &'c Cell<'c>>,
    ) -> io::Result<()> {
        line.clear();
        let last = self.widths.len().saturating_sub(1);
        for (n, cell) in cells.enumerate() {
            let width = self.widths.get(n).copied().unwrap_or(0);
            let pad = width.saturating_sub(people_width(cell, self.lang));
            if n > 0 {
                line.push_str(GAP);
            }
            let right = self.right.get(n).copied().unwrap_or(false);
            if right {
                spaces(line, pad);
            }
            match cell {
                Cell::Text(text) => line.push_str(&one_line(text)),
                _ => push_for_people(line, cell, self.lang),
            }
            if !right && n < last {
                spaces(line, pad);
            }
        }
        // An empty last cell leaves the gap before it.
        line.truncate(line.trim_end_matches(' ').len());
        writeln!(out, "{line}")
    }
}

fn spaces(line: &mut String, n: usize) {
    line.extend(std::iter::repeat_n(' ', n));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Heading, ReportName};
    use crate::metrics::Window;
    use crate::model::Date;
    use crate::report::notice::DataNotice;
    use crate::report::{Audience, Column};

    fn page(lang: Lang) -> Page<'static> {
        static CLEAN: DataNotice = DataNotice {
            errors: 0,
            records: [0; crate::model::Kind::ALL.len()],
            unread: Vec::new(),
            partly_read: Vec::new(),
            settings: Vec::new(),
            ignored: Vec::new(),
            config_unread: false,
        };
        Page {
            notice: &CLEAN,
            lang,
        }
    }

    #[test]
    fn full_width_characters_count_two_columns() {
        let day = Date::from_ymd_opt(2026, 10, 31).unwrap();
        let column = |key, heading| Column {
            key,
            heading,
            audience: Audience::All,
        };
        let report = Report {
            name: ReportName::Overdue,
            title: "T".to_string(),
            window: Window {
                from: day,
                to: day,
                as_of: day,
            },
            columns: vec![
                column("name", Heading::RegionName),
                column("cadres", Heading::Cadres),
            ],
            rows: vec![vec![Cell::Text("许昌经济技术开发区".into()), Cell::Int(28)]],
            total: Some(vec![Cell::Text("Total".into()), Cell::Int(3)]),
            year: None,
            targets: Vec::new(),
        };
        let mut out = Vec::new();
        Table.report(&report, page(Lang::Zh), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        // 许昌经济技术开发区: 9 characters, 18 columns; 帮联干部: 8 columns.
        let expected = "\
名称                帮联干部
------------------  --------
许昌经济技术开发区        28
Total                      3
";
        assert!(text.ends_with(expected), "{text}");
    }

    #[test]
    fn a_line_break_stays_inside_its_cell() {
        let day = Date::from_ymd_opt(2026, 10, 31).unwrap();
        let report = Report {
            name: ReportName::Overdue,
            title: "T".to_string(),
            window: Window {
                from: day,
                to: day,
                as_of: day,
            },
            columns: vec![Column {
                key: "summary",
                heading: Heading::ProblemSummary,
                audience: Audience::All,
            }],
            rows: vec![vec![Cell::Text("道路\r\n破损".into())]],
            total: None,
            year: None,
            targets: Vec::new(),
        };
        let mut out = Vec::new();
        Table.report(&report, page(Lang::En), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        // "道路  破损": 2 + 2 + 2 + 2 + 2 = 10 columns, the rule as wide.
        assert!(
            text.contains("Summary\n----------\n道路  破损\n1 row\n"),
            "{text}"
        );
    }
}
