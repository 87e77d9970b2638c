//! `github`: GitHub Actions workflow commands (`::error file=…,line=…,
//! title=…::…`), one a finding, which GitHub shows beside the lines of a
//! pull request; the counts after them, as a plain line of the log.

use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use super::{FindingFormat, Page, help_label, related_label, with_line};
use crate::finding::Finding;
use crate::inert::visible;
use crate::lang::Lang;
use crate::model::Dataset;

/// The format of `check` in a GitHub Actions workflow.
pub(super) struct Github;

impl FindingFormat for Github {
    fn name(&self) -> &'static str {
        "github"
    }

    fn is_document(&self) -> bool {
        false
    }

    fn findings(&self, page: &Page<'_>, out: &mut dyn Write) -> io::Result<()> {
        for f in page.findings {
            github(page.data, f, page.lang, out)?;
        }
        Ok(())
    }
}

/// One workflow command: `::error file=…,line=…,title=…::message`.
fn github(data: &Dataset, f: &Finding, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let command = if f.is_error() { "error" } else { "warning" };
    let file = github_path(&data.file(f.span.file).path);
    let mut properties = format!("file={}", escape_property(&file));
    if f.span.line > 0 {
        properties.push_str(&format!(",line={}", f.span.line));
    }
    properties.push_str(&format!(",title={}", escape_property(f.check.name)));
    // Each part shown visible, then joined by the line breaks GitHub shows.
    let mut message = visible(&f.message.text(lang)).into_owned();
    if let Some(related) = f.related {
        // Named as the file property names a file.
        let path = github_path(&data.file(related.file).path);
        message.push_str(&format!(
            "\n{} {}",
            related_label(lang),
            with_line(path, related.line)
        ));
    }
    if let Some(help) = f.message.help(lang) {
        message.push_str(&format!("\n{}: {}", help_label(lang), visible(&help)));
    }
    writeln!(out, "::{command} {properties}::{}", escape_data(&message))
}

/// A path as GitHub matches annotations to files: no leading `./` (the
/// data folder may be `.`), `/` between names, control characters shown
/// [`visible`].
fn github_path(path: &Path) -> String {
    let path: PathBuf = path
        .components()
        .filter(|c| *c != Component::CurDir)
        .collect();
    let path = path.to_string_lossy();
    let path = if cfg!(windows) {
        path.replace('\\', "/")
    } else {
        path.into_owned()
    };
    visible(&path).into_owned()
}

/// Escapes a workflow command's message: `%`, CR and LF.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value: as data, plus `:` and `,`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_paths() {
        assert_eq!(github_path(Path::new("./visits/a.csv")), "visits/a.csv");
        assert_eq!(github_path(Path::new("data/./a.csv")), "data/a.csv");
        assert_eq!(github_path(Path::new("../d/a.csv")), "../d/a.csv");
        assert_eq!(github_path(Path::new("/d/a.csv")), "/d/a.csv");
    }

    #[test]
    fn github_escaping() {
        assert_eq!(escape_data("50% a\r\nb"), "50%25 a%0D%0Ab");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
