//! `bangcun report …`: load and check, work out which records are valid,
//! compute one report over them, render it to standard output or a file.
//! With errors in the data the report still runs on the valid records and
//! says what it left out, on stderr and inside the document; `--strict`
//! refuses instead. The monthly summary opens its data and writes its
//! document the same way ([`open`], [`Destination`]).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{anyhow, bail};

use super::{CLEAN, DATA_ERRORS, Global, Opened};
use crate::cli::Output;
use crate::finding::Severity;
use crate::i18n::plural;
use crate::i18n::{Ledger, ReportName};
use crate::lang::{Lang, tr};
use crate::load;
use crate::metrics::problems::Filter;
use crate::metrics::{Ctx, Validity, Window};
use crate::model::Date;
use crate::model::FileRole;
use crate::output;
use crate::render::{DocKind, Document, Format, render, render_letter, render_workbook};
use crate::report::notice::DataNotice;
use crate::report::{self, Request};

pub fn run(global: &Global, request: &Request, output: &Output) -> anyhow::Result<ExitCode> {
    let to = Destination::new(output, DocKind::Tables, global.early_lang())?;
    let data_dir = super::find(global)?;
    to.not_into_data(&data_dir, global.early_lang())?;
    if request.split.is_some() && to.path.is_none() {
        bail!(split_needs_output(global.early_lang()));
    }
    let as_of = request.as_of.unwrap_or_else(super::today);
    let Some(checked) = open(global, as_of, output.strict)? else {
        return Ok(ExitCode::from(DATA_ERRORS));
    };
    let lang = checked.opened.lang;
    let ctx = checked.ctx();
    let window = Window::new(request.period, as_of, || ctx.earliest_visit())
        .map_err(|e| anyhow!(e.text(lang)))?;
    let county = match request.county.as_deref().map(str::trim) {
        Some(text) if !text.is_empty() => Some(
            report::find_county(&ctx, text).ok_or_else(|| anyhow!(unknown_county(text, lang)))?,
        ),
        _ => None,
    };
    let quota = request.quota.as_deref().map(str::trim);
    if let Some(name) = quota {
        if !ctx.config.quota.iter().any(|q| q.name == name) {
            bail!(unknown_quota(name, &ctx, lang));
        }
    }
    if let Some(by) = request.split {
        let filter = Filter {
            county,
            ..request.filter.clone()
        };
        let parts = report::problems::split(&ctx, &window, &filter, by, lang);
        let whole = parts
            .is_empty()
            .then(|| report::problems::ledger(&ctx, &window, &filter, lang));
        let issuer = &ctx.config.name;
        let at = (to.path.as_deref(), data_dir.as_path());
        write_split(
            &to,
            at,
            &parts,
            whole.as_ref(),
            (issuer, &checked.notice),
            lang,
        )?;
        checked.leave();
        return Ok(ExitCode::from(CLEAN));
    }
    let which = request
        .which
        .with_year(&ctx, as_of)
        .ok_or_else(|| anyhow!(no_year_in_data(request.which, lang)))?;
    let report = report::build(&ctx, (which, &request.filter), &window, county, quota, lang);
    to.write(Document::Report(&report), &checked.notice, lang)?;
    checked.leave();
    Ok(ExitCode::from(CLEAN))
}

/// The data a report reads: opened, checked, which records are valid, and
/// what the figures leave out.
pub(super) struct Checked {
    pub opened: Opened,
    pub valid: Validity,
    pub notice: DataNotice,
}

impl Checked {
    pub fn ctx(&self) -> Ctx<'_> {
        Ctx {
            data: &self.opened.data,
            config: &self.opened.config,
            index: &self.opened.index,
            valid: &self.valid,
        }
    }

    /// Ends the command's use of the data (see [`super::leave`]).
    pub fn leave(self) {
        super::leave(self.opened);
    }
}

/// Opens the data for a report as of D. When it has errors, says in one
/// line on stderr what the figures leave out; under `--strict`, refuses:
/// `None`, for exit status 1.
pub(super) fn open(global: &Global, as_of: Date, strict: bool) -> anyhow::Result<Option<Checked>> {
    // Reports need the errors (to leave invalid records out); warnings
    // change no figure, so their checks are not run.
    let opened = super::open(global, as_of, &[Severity::Error])?;
    let valid = Validity::new(&opened.data, &opened.findings);
    let notice = DataNotice::new(&opened.data, &opened.findings, &valid);
    if !notice.is_empty() {
        let items = notice.items(opened.lang);
        // The items may name a file or a setting as the data spells it.
        let note = data_errors_note(notice.errors, &items, strict, opened.lang);
        eprintln!("{}", crate::inert::visible(&note));
        if strict {
            super::leave(opened);
            return Ok(None);
        }
    }
    Ok(Some(Checked {
        opened,
        valid,
        notice,
    }))
}

/// Where a document goes, and in which format.
pub(super) struct Destination {
    pub format: Format,
    /// `-o FILE`; standard output when absent.
    pub path: Option<PathBuf>,
}

impl Destination {
    /// The format of a document of kind `doc`, from the command's
    /// options: `--format`, else the extension of `-o FILE`, else the
    /// document's first format. Refused, before anything is read or
    /// written (exit 2): an extension the document cannot be written in
    /// (never text under a misleading name), `--format` against the
    /// extension, and a binary format onto a terminal. A file name without
    /// an extension takes `--format` or the default.
    pub fn new(output: &Output, doc: DocKind, lang: Lang) -> anyhow::Result<Destination> {
        let (asked, path) = (output.format, output.path.as_deref());
        let offered = doc.formats();
        let extensions = || {
            offered
                .iter()
                .map(|f| format!(".{}", f.extension()))
                .collect::<Vec<_>>()
        };
        let named = match path.and_then(Format::of_path) {
            Some(Ok(format)) if offered.contains(&format) => Some(format),
            Some(Ok(format)) => bail!(cannot_write(format.extension(), &extensions(), lang)),
            Some(Err(ext)) => bail!(cannot_write(&ext, &extensions(), lang)),
            None => None,
        };
        let format = match (asked, named) {
            (Some(asked), Some(named)) if asked != named => {
                let file = path.map(|p| p.display().to_string()).unwrap_or_default();
                bail!(format_against_extension(
                    asked.name(),
                    &file,
                    named.name(),
                    lang
                ))
            }
            (_, Some(named)) => named,
            (Some(asked), None) => asked,
            (None, None) => offered[0],
        };
        if format.is_binary() && path.is_none() && std::io::stdout().is_terminal() {
            bail!(binary_to_terminal(lang));
        }
        Ok(Destination {
            format,
            path: path.map(Path::to_path_buf),
        })
    }

    /// Refuses (exit 2, before anything is read or written) a file that
    /// the data folder `dir` reads: written there, a report would replace
    /// a ledger (`-o problems.csv`) or `bangcun.toml`, or be read as data
    /// next time (`-o visits/summary.csv`). Where the file would go is
    /// taken through any link in its folder's path.
    pub fn not_into_data(&self, dir: &Path, lang: Lang) -> anyhow::Result<()> {
        match &self.path {
            Some(path) => not_into_data(dir, path, lang),
            None => Ok(()),
        }
    }

    /// Writes `doc`: to the file atomically, with a UTF-8 BOM for a format
    /// that wants one there (CSV, so that Excel and WPS open it by
    /// double-click); or to standard output, without one (for programs).
    pub fn write(&self, doc: Document<'_>, notice: &DataNotice, lang: Lang) -> anyhow::Result<()> {
        let format = self.format;
        match &self.path {
            Some(path) => output::atomic_write(path, lang, |out| {
                if format.bom_in_files() {
                    out.write_all(output::UTF8_BOM)?;
                }
                render(doc, format, notice, lang, out)
            }),
            None => output::to_stdout(lang, |out| render(doc, format, notice, lang, out)),
        }
    }
}

/// Writes the tables of `report problems --split`: into one workbook, a
/// sheet per table, when `-o` names an .xlsx file; else into the folder
/// `-o` names, a file per table in the format asked, named after its
/// unit or county (names Excel and Windows accept, each unique). Either
/// is written whole or not at all. With no table (nothing listed), the
/// workbook holds the empty ledger `whole`, and the folder no file.
fn write_split(
    to: &Destination,
    (path, data_dir): (Option<&Path>, &Path),
    parts: &[report::problems::Part<'_>],
    whole: Option<&report::Report<'_>>,
    (issuer, notice): (&str, &DataNotice),
    lang: Lang,
) -> anyhow::Result<()> {
    let Some(path) = path else {
        bail!(split_needs_output(lang));
    };
    let groups = || parts.iter().map(|p| p.group.as_ref());
    let workbook = matches!(Format::of_path(path), Some(Ok(f)) if f.name() == "xlsx");
    if workbook {
        let sheets = crate::safe_name::sheet_names(groups());
        let mut reports: Vec<(&str, &report::Report<'_>)> = sheets
            .iter()
            .map(String::as_str)
            .zip(parts.iter().map(|p| &p.report))
            .collect();
        if let Some(whole) = whole {
            reports.push((whole.name.sheet(lang), whole));
        }
        let title = reports
            .first()
            .map(|(_, r)| r.name.title(lang))
            .unwrap_or_default();
        return output::atomic_write(path, lang, |out| {
            render_workbook(title, &reports, notice, lang, out)
        });
    }
    let names = crate::safe_name::file_names(groups(), to.format.extension());
    // A folder of files where the data folder reads data (problems/, or
    // a folder under visits/) would be read as records next time.
    for name in &names {
        not_into_data(data_dir, &path.join(name), lang)?;
    }
    let mut files = Vec::with_capacity(parts.len());
    for (name, part) in names.into_iter().zip(parts) {
        let mut bytes = Vec::new();
        if to.format.bom_in_files() {
            bytes.extend_from_slice(output::UTF8_BOM);
        }
        // The overdue list of a unit in HTML is the monthly reminder letter.
        let letter =
            to.format.name() == "html" && part.report.name == ReportName::Ledger(Ledger::Overdue);
        if letter {
            render_letter(
                &part.report,
                (issuer, &part.group),
                notice,
                lang,
                &mut bytes,
            )?;
        } else {
            render(
                Document::Report(&part.report),
                to.format,
                notice,
                lang,
                &mut bytes,
            )?;
        }
        files.push((name, bytes));
    }
    output::atomic_write_folder(path, &files, lang)
}

/// `folder` as it would be reached: its nearest folder that exists taken
/// through any link, then the rest as given (a split's folder is made by
/// the write); `None` past a `..` that does not exist.
fn resolved(folder: &Path) -> Option<std::path::PathBuf> {
    let mut rest = Vec::new();
    let mut at = folder;
    loop {
        if let Ok(real) = std::fs::canonicalize(at) {
            return Some(rest.iter().rev().fold(real, |p, part| p.join(part)));
        }
        rest.push(at.file_name()?);
        at = match at.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
    }
}

/// `--split` without `-o`.
fn split_needs_output(lang: Lang) -> String {
    tr!(
        lang,
        "--split 需要用 -o 指定输出：文件名.xlsx（一个工作簿，每张表一个工作表）或一个文件夹（每张表一个文件）",
        "--split needs -o: FILE.xlsx (one workbook, a sheet per table) or a folder (a file per table)"
    )
}

/// `--quota` names no quota of bangcun.toml.
fn unknown_quota(name: &str, ctx: &Ctx, lang: Lang) -> String {
    let names: Vec<&str> = ctx.config.quota.iter().map(|q| q.name.as_str()).collect();
    let known = names.join(lang.pick("、", ", "));
    if names.is_empty() {
        tr!(
            lang,
            "bangcun.toml 中没有定额（[[quota]]），没有“{name}”",
            "bangcun.toml has no quotas ([[quota]]), so no \"{name}\""
        )
    } else {
        tr!(
            lang,
            "bangcun.toml 中没有名为“{name}”的定额；已有：{known}",
            "no quota of bangcun.toml is named \"{name}\"; there are: {known}"
        )
    }
}

/// A report of a year asked without `--year`, of data that has no
/// record of its kind.
fn no_year_in_data(which: report::Which, lang: Lang) -> String {
    match which {
        report::Which::Reviews { .. } => tr!(
            lang,
            "数据中没有评议记录（reviews），无法生成评议报表；评议结果写在 reviews.csv 中",
            "the data holds no reviews, so there is no report of them; reviews are kept in reviews.csv"
        ),
        _ => tr!(
            lang,
            "数据中没有评星记录（ratings），无法生成评星报表；评星结果写在 ratings.csv 中",
            "the data holds no ratings, so there is no report of them; ratings are kept in ratings.csv"
        ),
    }
}

/// Refuses to write `path` where the data folder `dir` reads a file (see
/// [`Destination::not_into_data`]); a folder that does not exist is left
/// for the write to report.
pub(super) fn not_into_data(dir: &Path, path: &Path, lang: Lang) -> anyhow::Result<()> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let (Ok(root), Some(folder), Some(name)) = (
        std::fs::canonicalize(dir),
        resolved(folder),
        path.file_name(),
    ) else {
        return Ok(());
    };
    let Ok(inside) = folder.join(name).strip_prefix(&root).map(Path::to_path_buf) else {
        return Ok(());
    };
    let what = match load::role_of(&inside) {
        Some(FileRole::Config) => load::CONFIG_FILE.to_string(),
        Some(FileRole::Data(kind)) => kind.name(lang).to_string(),
        _ => return Ok(()),
    };
    let shown = path.display();
    bail!(tr!(
        lang,
        "不能写入 {shown}：这是数据目录中作为数据读取的位置（{what}），写入会替换数据或在下次被当作数据读取；没有写出任何文件。请换一个文件名，或写到数据目录之外",
        "will not write {shown}: the data folder reads that place as data ({what}), so the file would replace data or be read as data next time; nothing was written. Give another name, or write outside the data folder"
    ))
}

/// `--county` names no county.
fn unknown_county(text: &str, lang: Lang) -> String {
    tr!(
        lang,
        "没有代码或名称为“{text}”的县（区）",
        "no county has the code or name \"{text}\""
    )
}

/// The one stderr line of a report run on data with errors: how many,
/// what the figures leave out (`items`: `DataNotice::items`),
/// or, under `--strict`, that no report is made.
fn data_errors_note(errors: usize, items: &[String], strict: bool, lang: Lang) -> String {
    let what = items.join(match lang {
        Lang::Zh => "；",
        Lang::En => "; ",
    });
    match (strict, lang) {
        (false, Lang::Zh) => format!(
            "注意：数据中有 {errors} 个错误，报表的数字不完整（{what}）。运行 `bangcun check` 查看详情"
        ),
        (true, Lang::Zh) => {
            format!("数据中有 {errors} 个错误，--strict 下不出报表；运行 `bangcun check` 查看详情")
        }
        (false, Lang::En) => format!(
            "note: the data has {errors} {}, so the figures are incomplete ({what}). Run `bangcun check` for details",
            plural(errors, "error", "errors"),
        ),
        (true, Lang::En) => format!(
            "the data has {errors} {}; with --strict no report is made. Run `bangcun check` for details",
            plural(errors, "error", "errors"),
        ),
    }
}

/// `-o FILE` with an extension the document cannot be written in.
fn cannot_write(ext: &str, offered: &[String], lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "不能写成 .{ext} 文件：本报表可以写成的文件扩展名为 {}；没有写出任何文件",
            offered.join(" ")
        ),
        Lang::En => format!(
            "cannot write a .{ext} file: this report is written as {}; nothing was written",
            offered.join(" ")
        ),
    }
}

/// `--format` says one format, the extension of `-o FILE` another.
fn format_against_extension(asked: &str, file: &str, named: &str, lang: Lang) -> String {
    tr!(
        lang,
        "--format {asked} 与输出文件 {file} 的扩展名（{named}）不一致；去掉 --format，或改用与格式相符的扩展名",
        "--format {asked} does not match the extension of {file} ({named}); leave out --format, or name the file for the format"
    )
}

/// xlsx asked for on a terminal.
fn binary_to_terminal(lang: Lang) -> String {
    tr!(
        lang,
        "xlsx 是二进制文件，不输出到终端；请用 -o 文件名.xlsx 指定输出文件，或重定向标准输出",
        "xlsx is a binary format and is not written to a terminal; give -o FILE.xlsx, or redirect standard output"
    )
}
