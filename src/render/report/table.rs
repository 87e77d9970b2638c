//! Aligned text tables for a terminal, through comfy-table, which counts a
//! full-width (Chinese) character as two columns. Plain ASCII rules: box
//! drawing characters are ambiguous-width and misalign in CJK terminals.

use std::io::{self, Write};

use comfy_table::{CellAlignment, ColumnConstraint, ContentArrangement, LineStyle, TableStyle};

use super::{for_people, heading_lines, numeric, shown};
use crate::i18n::{self, Lang};
use crate::report::Report;

/// Columns apart by padding, headings underlined with dashes.
const STYLE: TableStyle = TableStyle::new().header_separator(LineStyle::none().fill('-'));

pub fn render(report: &Report, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let columns = shown(report, true);
    let mut table = comfy_table::Table::new();
    table
        .load_style(STYLE)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(
            columns
                .iter()
                .map(|&i| report.columns[i].heading.label(lang)),
        );
    for row in report.rows.iter().chain(&report.total) {
        table.add_row(
            columns
                .iter()
                .map(|&i| row.get(i).map(|c| for_people(c, lang)).unwrap_or_default()),
        );
    }
    for (n, &i) in columns.iter().enumerate() {
        if let Some(column) = table.column_mut(n) {
            column.set_constraint(ColumnConstraint::ContentWidth);
            if numeric(report, i) {
                column.set_cell_alignment(CellAlignment::Right);
            }
        }
    }
    let (title, period) = heading_lines(report, lang);
    writeln!(out, "{title}\n{period}\n")?;
    for line in table.lines() {
        writeln!(out, "{}", line.trim_end())?;
    }
    if report.total.is_none() {
        writeln!(out, "{}", i18n::rows_line(report.rows.len(), lang))?;
    }
    Ok(())
}
