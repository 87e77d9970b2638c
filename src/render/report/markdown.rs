//! Markdown for people: a heading, the period, and a pipe table whose
//! number columns align right; the total row in bold. The pipe table is
//! shared with the monthly summary.

use std::borrow::Cow;
use std::io::{self, Write};

use super::{Emitter, FormatDef, Page, for_people, heading_lines, notice_lines, numeric, shown};
use crate::i18n::{self, ReportName};
use crate::lang::Lang;
use crate::report::monthly::Monthly;
use crate::report::notice::DataNotice;
use crate::report::{Cell, Report, targets};

/// Markdown: the default of the monthly summary.
pub(super) static FORMAT: FormatDef = FormatDef {
    name: "markdown",
    extensions: &["md", "markdown"],
    binary: false,
    bom_in_files: false,
    emitter: &Markdown,
};

/// The emitter of Markdown.
struct Markdown;

impl Emitter for Markdown {
    fn report(&self, report: &Report<'_>, page: Page<'_>, out: &mut dyn Write) -> io::Result<()> {
        let Page { notice, lang } = page;
        let (title, period) = heading_lines(report, lang);
        writeln!(out, "## {}\n\n{}\n", escape(&title), escape(&period))?;
        if write_notice(out, notice, lang)? {
            writeln!(out)?;
        }
        report_table(out, report, lang)?;
        if report.total.is_none() {
            writeln!(out, "\n{}", i18n::rows_line(report.rows.len(), lang))?;
        }
        if !report.targets.is_empty() {
            let targets = targets::table(report, &report.targets, lang);
            writeln!(out, "\n### {}\n", escape(ReportName::Targets.title(lang)))?;
            report_table(out, &targets, lang)?;
        }
        Ok(())
    }

    fn monthly(&self, doc: &Monthly<'_>, page: Page<'_>, out: &mut dyn Write) -> io::Result<()> {
        super::monthly::markdown::render(doc, page.notice, page.lang, out)
    }
}

/// A report's pipe table: the columns for people, the rows, the total.
pub(super) fn report_table(out: &mut dyn Write, report: &Report<'_>, lang: Lang) -> io::Result<()> {
    let columns = shown(report, true);
    let headings: Vec<&str> = columns
        .iter()
        .map(|&i| report.columns[i].heading.label(lang))
        .collect();
    let right: Vec<bool> = columns.iter().map(|&i| numeric(report, i)).collect();
    pipe_table(
        out,
        &headings,
        &right,
        report.rows.iter().map(|row| cells(row, &columns, lang)),
        report
            .total
            .as_deref()
            .map(|row| cells(row, &columns, lang)),
    )
}

/// The notice when the data has errors, as a quote block with a list;
/// nothing for clean data. Whether it wrote anything.
pub(super) fn write_notice(
    out: &mut dyn Write,
    notice: &DataNotice,
    lang: Lang,
) -> io::Result<bool> {
    let Some((heading, items)) = notice_lines(notice, lang) else {
        return Ok(false);
    };
    writeln!(out, "> **{}**\n>", escape(&heading))?;
    for item in items {
        writeln!(out, "> - {}", escape(&item))?;
    }
    Ok(true)
}

/// The `columns` of a row, as people read them.
fn cells<'c>(row: &'c [Cell<'_>], columns: &[usize], lang: Lang) -> Vec<Cow<'c, str>> {
    columns
        .iter()
        .map(|&i| row.get(i).map(|c| for_people(c, lang)).unwrap_or_default())
        .collect()
}

/// A pipe table: the headings, which columns align right, the rows, and a
/// total row in bold (its empty cells stay empty).
pub(super) fn pipe_table<S: AsRef<str>>(
    out: &mut dyn Write,
    headings: &[&str],
    right: &[bool],
    rows: impl Iterator<Item = Vec<S>>,
    total: Option<Vec<S>>,
) -> io::Result<()> {
    let line = |cells: Vec<String>| format!("| {} |", cells.join(" | "));
    writeln!(
        out,
        "{}",
        line(headings.iter().map(|h| escape(h)).collect())
    )?;
    let rules = right
        .iter()
        .map(|&r| if r { "---:" } else { "---" }.to_string())
        .collect();
    writeln!(out, "{}", line(rules))?;
    for row in rows {
        writeln!(
            out,
            "{}",
            line(row.iter().map(|c| escape(c.as_ref())).collect())
        )?;
    }
    if let Some(total) = total {
        let cells = total
            .iter()
            .map(|c| match c.as_ref() {
                "" => String::new(),
                text => format!("**{}**", escape(text)),
            })
            .collect();
        writeln!(out, "{}", line(cells))?;
    }
    Ok(())
}

/// Keeps a cell inside its table cell, and its text inert: no HTML, no
/// Markdown of its own, no control character ([`crate::inert::markdown`]).
pub(super) fn escape(text: &str) -> String {
    crate::inert::markdown(text)
}
