//! Rendering `check` findings: `human` (rustc-like), `json` (one document)
//! and `github` (GitHub Actions workflow commands). Messages, helps, column
//! names and paths hold text from the data: human and GitHub output show
//! their control characters escaped ([`visible`]), JSON keeps them exact
//! and inert ([`crate::inert::write_json`]).

use std::fmt::Display;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use serde::Serialize;

use crate::finding::{Counts, Finding};
use crate::i18n;
use crate::inert::visible;
use crate::lang::Lang;
use crate::model::{Dataset, Span};

/// The output formats of `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FindingFormat {
    Human,
    Json,
    Github,
}

/// Writes `findings` (already in order) and the closing counts.
pub fn render_findings(
    format: FindingFormat,
    data: &Dataset,
    findings: &[Finding],
    lang: Lang,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let counts = Counts::of(findings);
    let summary = i18n::check_summary(
        counts.errors,
        counts.warnings,
        data.files_read(),
        data.rows_read(),
        lang,
    );
    match format {
        FindingFormat::Human => {
            let style = Style::new(color);
            for f in findings {
                human(data, f, lang, &style, out)?;
            }
            writeln!(out, "{}", style.bold(&summary))
        }
        FindingFormat::Json => json(data, findings, counts, lang, out),
        FindingFormat::Github => {
            for f in findings {
                github(data, f, lang, out)?;
            }
            writeln!(out, "{summary}")
        }
    }
}

/// `path:line`, or just `path` for the file as a whole; a file's name is
/// data too, shown [`visible`].
fn place(data: &Dataset, span: Span) -> String {
    let path = data.file(span.file).path.display().to_string();
    with_line(visible(&path), span.line)
}

/// `path:line`, or `path` for line 0 (the file as a whole).
fn with_line(path: impl Display, line: u32) -> String {
    if line == 0 {
        path.to_string()
    } else {
        format!("{path}:{line}")
    }
}

/// ANSI styling, or none.
struct Style {
    on: bool,
}

impl Style {
    fn new(on: bool) -> Style {
        Style { on }
    }

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

fn human(
    data: &Dataset,
    f: &Finding,
    lang: Lang,
    style: &Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    let severity = i18n::severity_label(f.is_error(), lang);
    let head = format!("{severity}[{}]", f.check.name);
    let head = style.paint(if f.is_error() { "1;31" } else { "1;33" }, &head);
    writeln!(
        out,
        "{head}: {}",
        style.bold(&visible(&f.message.text(lang)))
    )?;
    let column = f
        .field
        .map(|field| format!(" ({})", visible(data.file(f.span.file).column_name(field))))
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
            i18n::related_label(lang),
            place(data, related)
        )?;
    }
    if let Some(help) = f.message.help(lang) {
        let label = style.paint("1;36", i18n::help_label(lang));
        let colon = if lang == Lang::Zh { "：" } else { ": " };
        writeln!(out, "  {label}{colon}{}", visible(&help))?;
    }
    writeln!(out)
}

#[derive(Serialize)]
struct JsonDoc<'a> {
    findings: Vec<JsonFinding<'a>>,
    counts: JsonCounts,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    severity: &'static str,
    check: &'static str,
    file: String,
    line: Option<u32>,
    field: Option<&'static str>,
    value: Option<&'a str>,
    message: String,
    help: Option<String>,
    related: Option<JsonPlace>,
}

#[derive(Serialize)]
struct JsonPlace {
    file: String,
    line: Option<u32>,
}

#[derive(Serialize)]
struct JsonCounts {
    errors: usize,
    warnings: usize,
    files: usize,
    records: usize,
}

fn json_place(data: &Dataset, span: Span) -> JsonPlace {
    JsonPlace {
        file: data.file(span.file).path.display().to_string(),
        line: (span.line > 0).then_some(span.line),
    }
}

fn json(
    data: &Dataset,
    findings: &[Finding],
    counts: Counts,
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<()> {
    let doc = JsonDoc {
        findings: findings
            .iter()
            .map(|f| {
                let at = json_place(data, f.span);
                JsonFinding {
                    severity: f.severity().as_str(),
                    check: f.check.name,
                    file: at.file,
                    line: at.line,
                    field: f.field,
                    value: f.value.as_deref(),
                    message: f.message.text(lang),
                    help: f.message.help(lang),
                    related: f.related.map(|r| json_place(data, r)),
                }
            })
            .collect(),
        counts: JsonCounts {
            errors: counts.errors,
            warnings: counts.warnings,
            files: data.files_read(),
            records: data.rows_read(),
        },
    };
    crate::inert::write_json(out, &doc)
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
            i18n::related_label(lang),
            with_line(path, related.line)
        ));
    }
    if let Some(help) = f.message.help(lang) {
        message.push_str(&format!("\n{}: {}", i18n::help_label(lang), visible(&help)));
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
