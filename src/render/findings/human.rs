//! `human`: rustc-like text for people — a headline with the severity and
//! the check's name, `--> path:line (column)`, the first place of a
//! duplicate, the help — in colour on a terminal that wants it.

use std::io::{self, Write};

use super::{FindingFormat, Page, help_label, place, related_label};
use crate::finding::Finding;
use crate::inert::visible;
use crate::lang::Lang;

/// The format of `check` for people (the default).
pub(super) struct Human;

impl FindingFormat for Human {
    fn name(&self) -> &'static str {
        "human"
    }

    fn is_document(&self) -> bool {
        false
    }

    fn findings(&self, page: &Page<'_>, out: &mut dyn Write) -> io::Result<()> {
        let style = Style { on: page.color };
        for f in page.findings {
            finding(page, f, &style, out)?;
        }
        Ok(())
    }

    /// The closing counts in bold.
    fn line(&self, page: &Page<'_>, text: &str, out: &mut dyn Write) -> io::Result<()> {
        let style = Style { on: page.color };
        writeln!(out, "{}", style.bold(text))
    }
}

/// ANSI styling, or none.
struct Style {
    on: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }
}

fn finding(page: &Page<'_>, f: &Finding, style: &Style, out: &mut dyn Write) -> io::Result<()> {
    let (data, lang) = (page.data, page.lang);
    let head = format!("{}[{}]", f.severity().label(lang), f.check.name);
    let head = style.paint(if f.is_error() { "1;31" } else { "1;33" }, &head);
    writeln!(
        out,
        "{head}: {}",
        style.bold(&visible(&f.message.text(lang)))
    )?;
    // The column as the file names it, and in a sheet its cell:
    // `(类别, C17)`.
    let column = f
        .field
        .map(|field| {
            let file = data.file(f.span.file);
            let name = visible(file.column_name(field));
            match file.cell(field, f.span.line) {
                Some(cell) => format!(" ({name}, {cell})"),
                None => format!(" ({name})"),
            }
        })
        .unwrap_or_default();
    writeln!(
        out,
        "  {} {}{column}",
        style.paint("1;34", "-->"),
        place(data, f.span)
    )?;
    if let Some(related) = f.related {
        // The label leads: "first at regions.csv:7", "首次出现于 regions.csv:7".
        writeln!(
            out,
            "  {} {} {}",
            style.paint("1;34", "-->"),
            related_label(lang),
            place(data, related)
        )?;
    }
    if let Some(help) = f.message.help(lang) {
        let label = style.paint("1;36", help_label(lang));
        let colon = if lang == Lang::Zh { "：" } else { ": " };
        writeln!(out, "  {label}{colon}{}", visible(&help))?;
    }
    writeln!(out)
}
