//! The monthly summary in Markdown, to paste into a report or a merge
//! request: a title, the period, then one `##` section per part, each a
//! pipe table with a line under it.

use std::io::{self, Write};

use super::super::markdown::{escape, pipe_table, write_notice};
use super::{Body, sections};
use crate::i18n;
use crate::lang::Lang;
use crate::report::monthly::Monthly;
use crate::report::notice::DataNotice;

pub fn render(
    doc: &Monthly<'_>,
    notice: &DataNotice,
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<()> {
    let w = &doc.window;
    writeln!(
        out,
        "# {}\n\n{}",
        escape(&i18n::monthly_title(&doc.name, w.from, lang)),
        i18n::period_line(w.from, w.to, w.as_of, lang)
    )?;
    if !notice.is_empty() {
        writeln!(out)?;
        write_notice(out, notice, lang)?;
    }
    for section in sections(doc, lang) {
        writeln!(out, "\n## {}\n", section.part.label(lang))?;
        let has_body = !matches!(section.body, Body::Nothing);
        match section.body {
            Body::Table(grid) => {
                let headings: Vec<&str> = grid.headings.iter().map(String::as_str).collect();
                pipe_table(
                    out,
                    &headings,
                    &grid.right,
                    grid.rows.into_iter(),
                    grid.total,
                )?;
            }
            Body::Groups(groups) => {
                for (n, group) in groups.iter().enumerate() {
                    if n > 0 {
                        writeln!(out)?;
                    }
                    writeln!(out, "**{}**\n", escape(&group.heading))?;
                    for item in &group.items {
                        writeln!(out, "- {}", escape(item))?;
                    }
                }
            }
            Body::Nothing => {}
        }
        if let Some(note) = section.note {
            if has_body {
                writeln!(out)?;
            }
            writeln!(out, "{note}")?;
        }
    }
    Ok(())
}
