//! `bangcun cat FILE`: a workbook's (or CSV file's) records as canonical
//! CSV on standard output — the header, then a row per record, every
//! sheet's records in the sheet's order — so that `git diff` can show
//! what changed in a workbook, as a `textconv` driver (docs/ci.md). The
//! rows are read as `check` reads them (title rows, two-row headers,
//! footers, merged cells); each cell is written as `fmt` writes it (dates
//! in ISO form, words in the language of the headings), without the data
//! folder: names stay names. What cannot be read as rows (no header of
//! the kind, a column it needs missing, a quote never closed) is said on
//! standard error with its place, and the exit status is then 1: no row
//! is left out unsaid.

use std::fs;
use std::process::ExitCode;

use anyhow::{Context, bail};

use super::{CLEAN, DATA_ERRORS, Global};
use crate::canonical::canonical_cell;
use crate::cli::CatArgs;
use crate::finding::Finding;
use crate::inert::visible;
use crate::lang::{Lang, tr};
use crate::load::{self, Cell, Format, Row, csv, workbook};
use crate::model::{FileId, Kind};
use crate::output;
use crate::schema;

pub fn run(global: &Global, args: &CatArgs) -> anyhow::Result<ExitCode> {
    let lang = global.early_lang();
    let path = &args.file;
    let shown = path.display();
    let unknown = || {
        anyhow::anyhow!(tr!(
            lang,
            "无法判断 {shown} 是哪类记录；用 --kind 指定，如 --kind problems",
            "cannot tell which records {shown} holds; name the kind with --kind, e.g. --kind problems",
        ))
    };
    let by_path = args.kind.or_else(|| load::kind_by_path(path));
    let bytes = fs::read(path).with_context(|| format!("cannot read {shown}"))?;
    let mut rows = Vec::new();
    // Each sheet's findings carry its index as their file.
    let mut findings = Vec::new();
    let mut sheet_names = Vec::new();
    let kind = match load::format_of(path) {
        Some(Format::Workbook) => {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            let sheets = workbook::read(&name, &bytes).map_err(|why| {
                let why = crate::finding::Describe::text(&why, lang);
                anyhow::anyhow!("{shown}: {why}")
            })?;
            // The sheets read once, for their kind and their rows.
            let kind = by_path
                .or_else(|| load::kind_of_sheets(path, &sheets))
                .ok_or_else(unknown)?;
            for (i, sheet) in sheets.iter().enumerate() {
                let mut take =
                    |row: &csv::CsvRow, _: &mut Vec<_>| rows.push(record(row, kind, lang));
                csv::read_table(
                    sheet.rows(),
                    kind,
                    FileId(i as u32),
                    &mut findings,
                    &mut take,
                );
            }
            sheet_names = sheets.into_iter().map(|s| s.name).collect();
            kind
        }
        Some(Format::Csv) => {
            let kind = by_path
                .or_else(|| load::guess_kind(path))
                .ok_or_else(unknown)?;
            let decoded = load::decode(&bytes).map_err(|(line, why)| {
                anyhow::anyhow!(
                    "{shown}:{line}: {}",
                    crate::finding::Describe::text(&why, lang)
                )
            })?;
            let mut take = |row: &csv::CsvRow, _: &mut Vec<_>| rows.push(record(row, kind, lang));
            csv::read(&decoded.text, kind, FileId(0), &mut findings, &mut take);
            kind
        }
        _ => bail!(tr!(
            lang,
            "{shown} 不是工作簿或 CSV 文件",
            "{shown} is no workbook or CSV file"
        )),
    };
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let header = schema::fields(kind).iter().map(|f| f.label(lang));
    writer.write_record(header)?;
    for row in &rows {
        writer.write_record(row)?;
    }
    let text = writer.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    output::to_stdout(lang, |out| out.write_all(&text))?;
    for finding in &findings {
        let sheet = sheet_names.get(finding.span.file.0 as usize);
        eprint!(
            "{}",
            said(finding, &shown.to_string(), sheet.map(String::as_str), lang)
        );
    }
    Ok(ExitCode::from(if findings.iter().any(Finding::is_error) {
        DATA_ERRORS
    } else {
        CLEAN
    }))
}

/// A finding as `check` says it, for a file outside any data folder:
/// the headline, `--> FILE[SHEET]:LINE`, the help.
fn said(f: &Finding, file: &str, sheet: Option<&str>, lang: Lang) -> String {
    let mut place = match sheet {
        Some(sheet) => format!("{file}[{sheet}]"),
        None => file.to_string(),
    };
    if f.span.line > 0 {
        place = format!("{place}:{}", f.span.line);
    }
    let mut text = format!(
        "{}[{}]: {}\n  --> {}\n",
        f.severity().label(lang),
        f.check.name,
        visible(&f.message.text(lang)),
        visible(&place),
    );
    if let Some(help) = f.message.help(lang) {
        let label = lang.pick("帮助：", "help: ");
        text.push_str(&format!("  {label}{}\n", visible(&help)));
    }
    text
}

/// A row's cells, field by field, in canonical form (inert for a
/// spreadsheet, as `fmt` writes them).
fn record(row: &csv::CsvRow, kind: Kind, lang: Lang) -> Vec<String> {
    schema::fields(kind)
        .iter()
        .enumerate()
        .map(|(i, f)| match row.cell(i) {
            Some(Cell::Text(text)) => canonical_cell(&text, f.ty, lang).into_owned(),
            _ => String::new(),
        })
        .collect()
}
