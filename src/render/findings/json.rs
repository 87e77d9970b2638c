//! `json`: one document for programs — every finding with its severity,
//! check, file, line (and for a workbook's sheet, `sheet` and `cell`),
//! field, value, message and help, and the counts.

use std::io::{self, Write};

use serde::Serialize;

use super::{FindingFormat, Page};
use crate::finding::Counts;
use crate::model::{Dataset, Span};

/// The format of `check` for programs.
pub(super) struct Json;

impl FindingFormat for Json {
    fn name(&self) -> &'static str {
        "json"
    }

    fn is_document(&self) -> bool {
        true
    }

    fn findings(&self, page: &Page<'_>, out: &mut dyn Write) -> io::Result<()> {
        let (data, lang) = (page.data, page.lang);
        let counts = Counts::of(page.findings);
        let doc = JsonDoc {
            findings: page
                .findings
                .iter()
                .map(|f| {
                    let at = json_place(data, f.span);
                    let source = data.file(f.span.file);
                    JsonFinding {
                        severity: f.severity().as_str(),
                        check: f.check.name,
                        file: at.file,
                        line: at.line,
                        sheet: source.sheet.as_deref(),
                        cell: f.field.and_then(|field| source.cell(field, f.span.line)),
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
    /// The sheet of a workbook (absent for other files).
    #[serde(skip_serializing_if = "Option::is_none")]
    sheet: Option<&'a str>,
    /// The cell of the field in a sheet: `C17`.
    #[serde(skip_serializing_if = "Option::is_none")]
    cell: Option<String>,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    sheet: Option<String>,
}

#[derive(Serialize)]
struct JsonCounts {
    errors: usize,
    warnings: usize,
    files: usize,
    records: usize,
}

fn json_place(data: &Dataset, span: Span) -> JsonPlace {
    let file = data.file(span.file);
    JsonPlace {
        file: file.path.display().to_string(),
        line: (span.line > 0).then_some(span.line),
        sheet: file.sheet.as_deref().map(str::to_string),
    }
}
