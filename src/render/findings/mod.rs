//! Rendering `check` findings, one file per format behind one trait
//! ([`FindingFormat`], as ruff keeps one file per output format): `human`
//! (rustc-like), `json` (one document) and `github` (GitHub Actions
//! workflow commands). What sets a format apart — one document or a
//! stream of lines, whether the closing counts are a line of their own —
//! is a property of the format, so that the command names none.
//!
//! Adding a format (`gitlab`, `sarif`): a file here with its
//! `FindingFormat`, and its line in [`FORMATS`].
//!
//! Messages, helps, column names and paths hold text from the data: the
//! text formats show their control characters escaped ([`visible`]), JSON
//! keeps them exact and inert ([`crate::inert::write_json`]).

mod github;
mod human;
mod json;

use std::fmt::{self, Display};
use std::io::{self, Write};

use crate::finding::{Counts, Finding};
use crate::i18n::plural;
use crate::inert::visible;
use crate::lang::Lang;
use crate::model::{Dataset, Span};

/// One output format of `check`.
pub trait FindingFormat: Sync {
    /// The word of `--format`.
    fn name(&self) -> &'static str;

    /// Whether the output is one document (JSON), which holds the counts
    /// itself and after which nothing may be written; else it is a stream
    /// of lines, and the closing counts are a line of their own, after
    /// which the command may add its own lines.
    fn is_document(&self) -> bool;

    /// Writes the findings (in order), and for a document the counts.
    fn findings(&self, page: &Page<'_>, out: &mut dyn Write) -> io::Result<()>;

    /// Writes a line of the command after the findings (a stream only):
    /// the closing counts, what `--changed-since` left out.
    fn line(&self, page: &Page<'_>, text: &str, out: &mut dyn Write) -> io::Result<()> {
        let _ = page;
        writeln!(out, "{text}")
    }
}

impl fmt::Debug for dyn FindingFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl PartialEq for dyn FindingFormat {
    fn eq(&self, other: &Self) -> bool {
        self.name() == other.name()
    }
}

/// Every format of `check`, the default first.
pub static FORMATS: [&dyn FindingFormat; 3] = [&human::Human, &json::Json, &github::Github];

/// The format `--format` names.
pub fn format_named(name: &str) -> Option<&'static dyn FindingFormat> {
    FORMATS.iter().copied().find(|f| f.name() == name)
}

/// What the findings are written with.
pub struct Page<'a> {
    pub data: &'a Dataset,
    pub findings: &'a [Finding],
    pub lang: Lang,
    /// Whether to colour the output (a terminal that wants it).
    pub color: bool,
}

/// Writes `findings` (already in order) in `format`, and for a stream the
/// closing counts.
pub fn render_findings(
    format: &dyn FindingFormat,
    data: &Dataset,
    findings: &[Finding],
    lang: Lang,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let page = Page {
        data,
        findings,
        lang,
        color,
    };
    format.findings(&page, out)?;
    if !format.is_document() {
        format.line(&page, &summary(&page), out)?;
    }
    Ok(())
}

/// The closing line of `check`: errors, warnings, files and records read.
fn summary(page: &Page<'_>) -> String {
    let counts = Counts::of(page.findings);
    let (errors, warnings) = (counts.errors, counts.warnings);
    let (files, records) = (page.data.files_read(), page.data.rows_read());
    match page.lang {
        Lang::Zh => format!(
            "检查完成：{errors} 个错误，{warnings} 个警告；读取 {files} 个文件，{records} 条记录"
        ),
        Lang::En => format!(
            "checked: {errors} {}, {warnings} {}; {files} {}, {records} {} read",
            plural(errors, "error", "errors"),
            plural(warnings, "warning", "warnings"),
            plural(files, "file", "files"),
            plural(records, "record", "records"),
        ),
    }
}

/// How a second place of a finding is introduced (`first at`).
fn related_label(lang: Lang) -> &'static str {
    lang.pick("首次出现于", "first at")
}

/// The word before the help text.
fn help_label(lang: Lang) -> &'static str {
    lang.pick("帮助", "help")
}

/// `path:line`, or `path` for line 0 (the file as a whole).
fn with_line(path: impl Display, line: u32) -> String {
    if line == 0 {
        path.to_string()
    } else {
        format!("{path}:{line}")
    }
}

/// `path:line`, or just `path` for the file as a whole; a sheet of a
/// workbook is `path[sheet]:row`. A file's name is data too, and so is a
/// sheet's: shown [`visible`].
pub(crate) fn place(data: &Dataset, span: Span) -> String {
    let file = data.file(span.file);
    let mut path = file.path.display().to_string();
    if let Some(sheet) = &file.sheet {
        path = format!("{path}[{sheet}]");
    }
    with_line(visible(&path), span.line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_line() {
        let data = Dataset::default();
        let page = Page {
            data: &data,
            findings: &[],
            lang: Lang::En,
            color: false,
        };
        assert_eq!(
            summary(&page),
            "checked: 0 errors, 0 warnings; 0 files, 0 records read"
        );
    }

    #[test]
    fn formats_are_named_once() {
        for (i, f) in FORMATS.iter().enumerate() {
            assert_eq!(format_named(f.name()).map(|g| g.name()), Some(f.name()));
            assert!(FORMATS[i + 1..].iter().all(|g| g.name() != f.name()));
        }
    }
}
