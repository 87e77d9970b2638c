//! Markdown for people: a heading, the period, and a pipe table whose
//! number columns align right; the total row in bold.

use std::io::{self, Write};

use super::{for_people, heading_lines, numeric, shown};
use crate::i18n::{self, Lang};
use crate::report::Report;

pub fn render(report: &Report<'_>, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let columns = shown(report, true);
    let (title, period) = heading_lines(report, lang);
    writeln!(out, "## {}\n\n{}\n", escape(&title), escape(&period))?;
    let line = |cells: Vec<String>| format!("| {} |", cells.join(" | "));
    let headings = columns
        .iter()
        .map(|&i| escape(report.columns[i].heading.label(lang)))
        .collect();
    writeln!(out, "{}", line(headings))?;
    let rules = columns
        .iter()
        .map(|&i| if numeric(report, i) { "---:" } else { "---" }.to_string())
        .collect();
    writeln!(out, "{}", line(rules))?;
    for row in &report.rows {
        let cells = columns
            .iter()
            .map(|&i| escape(&row.get(i).map(|c| for_people(c, lang)).unwrap_or_default()))
            .collect();
        writeln!(out, "{}", line(cells))?;
    }
    if let Some(total) = &report.total {
        let cells = columns
            .iter()
            .map(|&i| {
                let text = total
                    .get(i)
                    .map(|c| for_people(c, lang))
                    .unwrap_or_default();
                if text.is_empty() {
                    String::new()
                } else {
                    format!("**{}**", escape(&text))
                }
            })
            .collect();
        writeln!(out, "{}", line(cells))?;
    } else {
        writeln!(out, "\n{}", i18n::rows_line(report.rows.len(), lang))?;
    }
    Ok(())
}

/// Keeps a cell inside its table cell: pipes escaped, line breaks as spaces.
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\r', '\n'], " ")
}
