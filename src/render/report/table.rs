//! Aligned text tables for a terminal. Widths are display columns
//! (`unicode-width`: a full-width Chinese character counts two), rules are
//! plain ASCII (box-drawing characters are ambiguous-width and misalign in
//! CJK terminals).
//!
//! Written row by row from the report's cells, measuring each cell once for
//! the widths and formatting it again to write it: a province's 57,000-row
//! attendance list then needs no copy of itself, where a table library
//! holding every cell took 145 MB more.

use std::borrow::Cow;
use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::{for_people, heading_lines, numeric, shown};
use crate::i18n::{self, Lang};
use crate::report::{Cell, Report};

/// Between two columns.
const GAP: &str = "  ";

pub fn render(report: &Report, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let columns = shown(report, true);
    let headings: Vec<&str> = columns
        .iter()
        .map(|&i| report.columns[i].heading.label(lang))
        .collect();
    let mut widths: Vec<usize> = headings.iter().map(|h| h.width()).collect();
    for row in report.rows.iter().chain(&report.total) {
        for (width, &i) in widths.iter_mut().zip(&columns) {
            *width = (*width).max(text(row, i, lang).width());
        }
    }
    let right: Vec<bool> = columns.iter().map(|&i| numeric(report, i)).collect();
    let layout = Layout {
        widths: &widths,
        right: &right,
    };

    let (title, period) = heading_lines(report, lang);
    writeln!(out, "{title}\n{period}\n")?;
    layout.line(out, headings.into_iter().map(Cow::Borrowed))?;
    layout.line(out, widths.iter().map(|&w| Cow::Owned("-".repeat(w))))?;
    for row in report.rows.iter().chain(&report.total) {
        layout.line(out, columns.iter().map(|&i| text(row, i, lang)))?;
    }
    if report.total.is_none() {
        writeln!(out, "{}", i18n::rows_line(report.rows.len(), lang))?;
    }
    Ok(())
}

/// Column widths and alignment.
struct Layout<'a> {
    widths: &'a [usize],
    right: &'a [bool],
}

impl Layout<'_> {
    /// Writes one line of cells, each padded to its column.
    fn line<'c>(
        &self,
        out: &mut dyn Write,
        cells: impl Iterator<Item = Cow<'c, str>>,
    ) -> io::Result<()> {
        let mut line = String::new();
        for (n, cell) in cells.enumerate() {
            let width = self.widths.get(n).copied().unwrap_or(0);
            let pad = " ".repeat(width.saturating_sub(cell.width()));
            if n > 0 {
                line.push_str(GAP);
            }
            if self.right.get(n).copied().unwrap_or(false) {
                line.push_str(&pad);
                line.push_str(&cell);
            } else {
                line.push_str(&cell);
                line.push_str(&pad);
            }
        }
        writeln!(out, "{}", line.trim_end())
    }
}

/// Cell `i` of a row as people read it, on one line: a line break inside
/// a cell would break the table.
fn text(row: &[Cell], i: usize, lang: Lang) -> Cow<'_, str> {
    let text = row
        .get(i)
        .map_or(Cow::Borrowed(""), |c| for_people(c, lang));
    if text.contains(['\r', '\n']) {
        Cow::Owned(text.replace(['\r', '\n'], " "))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Heading;
    use crate::metrics::Window;
    use crate::model::Date;
    use crate::report::{Audience, Column};

    #[test]
    fn full_width_characters_count_two_columns() {
        let day = Date::from_ymd_opt(2026, 10, 31).unwrap();
        let column = |key, heading| Column {
            key,
            heading,
            audience: Audience::All,
        };
        let report = Report {
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
        };
        let mut out = Vec::new();
        render(&report, Lang::Zh, &mut out).unwrap();
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
}
