//! `bangcun fmt [--check]`: puts every CSV data file in canonical form
//! ([`crate::canonical`]), each written atomically. The whole folder is
//! loaded and checked first, and a file with an error finding is left
//! alone; so is a file that is no longer the one checked, or that changes
//! while it is being formatted (an edit saved meanwhile is never lost).
//! TOML data files are left as they are (see docs/ci.md). Temporary files
//! that a stopped bangcun left in the folder are removed.
//!
//! Exit status: 1 when a file had to be left alone, or, with `--check`,
//! when a file is not in canonical form or a leftover is there to remove;
//! 0 otherwise.

use std::fs;
use std::io::Read as _;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;

use super::{CLEAN, DATA_ERRORS, Global};
use crate::canonical::{self, Unformattable};
use crate::cli::FmtArgs;
use crate::finding::Finding;
use crate::finding::Severity;
use crate::i18n::plural;
use crate::lang::{Lang, tr};
use crate::load::{self, Format};
use crate::model::{FileRole, Kind, Skip, SourceFile, Stamp};
use crate::output::{self, Replaced};
use crate::parallel;

/// How many files came out which way.
#[derive(Default)]
struct Tally {
    changed: usize,
    unchanged: usize,
    refused: usize,
    /// Leftover temporary files removed (with `--check`: to remove).
    leftovers: usize,
}

/// A CSV data file to put in canonical form.
struct Job<'a> {
    file: &'a SourceFile,
    kind: Kind,
    /// Its error findings; with any, it is left alone.
    errors: usize,
}

/// What became of one file.
enum Outcome {
    /// Already canonical.
    Unchanged,
    /// Rewritten (with `--check`: would be).
    Changed,
    /// Left alone: it has this many error findings.
    HasErrors(usize),
    /// Left alone: it cannot be put in canonical form safely.
    Unformattable(Unformattable),
    /// Left alone: it changed since it was checked, or while it was
    /// being formatted.
    Edited,
}

pub fn run(global: &Global, args: &FmtArgs) -> anyhow::Result<ExitCode> {
    // Only errors decide which files are left alone.
    let opened = super::open(global, super::today(), &[Severity::Error])?;
    let lang = opened.lang;
    let files = &opened.data.files;
    let mut errors = vec![0usize; files.len()];
    for file in opened
        .findings
        .iter()
        .filter(|f| f.is_error())
        .flat_map(Finding::files)
    {
        if let Some(n) = errors.get_mut(file.0 as usize) {
            *n += 1;
        }
    }
    let jobs: Vec<Job> = files
        .iter()
        .zip(errors)
        .filter_map(|(file, errors)| match file.role {
            FileRole::Data(kind) if load::format_of(&file.path) == Some(Format::Csv) => {
                Some(Job { file, kind, errors })
            }
            _ => None,
        })
        .collect();
    // Temporary files that a stopped bangcun left: removed (with --check,
    // listed as something to do), so that no one commits them.
    let leftovers: Vec<(&SourceFile, Option<std::io::Error>)> = files
        .iter()
        .filter(|f| f.role == FileRole::Skipped(Skip::Leftover))
        .map(|f| {
            (
                f,
                (!args.check)
                    .then(|| fs::remove_file(&f.path).err())
                    .flatten(),
            )
        })
        .collect();
    // A CSV file behind a link out of the folder is not bangcun's to
    // rewrite (the loader did not read it either): left alone.
    let outside = files.iter().filter(|f| {
        f.role == FileRole::Skipped(Skip::OutsideLink)
            && load::format_of(&f.path) == Some(Format::Csv)
    });
    let outcomes = parallel::map(&jobs, |job| {
        if job.errors > 0 {
            Ok(Outcome::HasErrors(job.errors))
        } else {
            format(&job.file.path, job.kind, job.file.stamp, args.check, lang)
        }
    });

    let mut tally = Tally::default();
    let mut failure = None;
    output::to_stdout(lang, |out| {
        for (file, error) in &leftovers {
            let path = file.path.display().to_string();
            let line = match error {
                None => {
                    tally.leftovers += 1;
                    fmt_leftover(&path, args.check, lang)
                }
                Some(e) => {
                    tally.refused += 1;
                    fmt_leftover_failed(&path, &crate::io_error::describe(e, lang), lang)
                }
            };
            writeln!(out, "{line}")?;
        }
        for file in outside {
            tally.refused += 1;
            let path = file.path.display().to_string();
            writeln!(out, "{}", fmt_outside(&path, lang))?;
        }
        for (job, outcome) in jobs.iter().zip(outcomes) {
            let path = crate::inert::visible(&job.file.path.display().to_string()).into_owned();
            let line = match outcome {
                Ok(Outcome::Unchanged) => {
                    tally.unchanged += 1;
                    continue;
                }
                Ok(Outcome::Changed) => {
                    tally.changed += 1;
                    fmt_changed(&path, args.check, lang)
                }
                Ok(Outcome::HasErrors(n)) => {
                    tally.refused += 1;
                    fmt_has_errors(&path, n, lang)
                }
                // A sheet's layout is the clerk's: kept, and no failure.
                Ok(Outcome::Unformattable(why @ Unformattable::Layout)) => {
                    tally.unchanged += 1;
                    fmt_kept(&path, why, lang)
                }
                Ok(Outcome::Unformattable(why)) => {
                    tally.refused += 1;
                    fmt_unformattable(&path, why, lang)
                }
                Ok(Outcome::Edited) => {
                    tally.refused += 1;
                    fmt_edited(&path, lang)
                }
                Err(e) => {
                    failure.get_or_insert(e);
                    continue;
                }
            };
            writeln!(out, "{line}")?;
        }
        let summary = fmt_summary(
            tally.changed,
            tally.unchanged,
            tally.refused,
            args.check,
            lang,
        );
        writeln!(out, "{summary}")
    })?;
    if let Some(e) = failure {
        return Err(e);
    }
    let failed = tally.refused > 0 || (args.check && tally.changed + tally.leftovers > 0);
    super::leave(opened);
    Ok(ExitCode::from(if failed { DATA_ERRORS } else { CLEAN }))
}

/// Formats one file, writing it unless `check_only`. `checked` is the
/// file's size and time when the folder was loaded and checked: a file
/// that is no longer the same was not checked, and is left alone.
fn format(
    path: &Path,
    kind: Kind,
    checked: Option<Stamp>,
    check_only: bool,
    lang: Lang,
) -> anyhow::Result<Outcome> {
    let shown = path.display();
    let cannot_read = || tr!(lang, "无法读取 {shown}", "cannot read {shown}");
    let mut bytes = Vec::new();
    let now = fs::File::open(path)
        .and_then(|mut file| {
            file.read_to_end(&mut bytes)?;
            file.metadata()
        })
        .with_context(cannot_read)?;
    let now = Stamp::of(&now);
    if checked != Some(now) || now.len != bytes.len() as u64 {
        return Ok(Outcome::Edited);
    }
    let formatted = match canonical::format_csv(&bytes, kind) {
        Ok(formatted) => formatted,
        Err(why) => return Ok(Outcome::Unformattable(why)),
    };
    if !formatted.changed {
        return Ok(Outcome::Unchanged);
    }
    if !check_only {
        // Through a symlink (one within the data folder: the loader
        // follows no other), rewrite the file it points to and keep the
        // link; and only if it still holds what was formatted.
        let target = fs::canonicalize(path).with_context(cannot_read)?;
        let text = formatted.text.as_bytes();
        match output::atomic_replace(&target, &bytes, lang, |out| out.write_all(text))? {
            Replaced::Done => {}
            Replaced::Edited => return Ok(Outcome::Edited),
        }
    }
    Ok(Outcome::Changed)
}

/// A file `fmt` rewrote, or with `--check` would rewrite.
fn fmt_changed(path: &str, check: bool, lang: Lang) -> String {
    match (check, lang) {
        (false, Lang::Zh) => format!("已规范化 {path}"),
        (false, Lang::En) => format!("formatted {path}"),
        (true, Lang::Zh) => format!("需要规范化 {path}"),
        (true, Lang::En) => format!("not in canonical form: {path}"),
    }
}

/// A file `fmt` leaves alone because it has errors.
fn fmt_has_errors(path: &str, errors: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("有 {errors} 个错误，未改动 {path}（运行 bangcun check 查看并修正）"),
        Lang::En => format!(
            "left alone, {errors} {}: {path} (run bangcun check to see and fix)",
            plural(errors, "error", "errors"),
        ),
    }
}

/// A file `fmt` leaves alone because it changed after it was checked, or
/// while it was being formatted.
fn fmt_edited(path: &str, lang: Lang) -> String {
    tr!(
        lang,
        "文件在检查之后或规范化期间被修改，未改动 {path}（修改已保留；再运行一次 bangcun fmt）",
        "changed after it was checked or while it was formatted, left alone: {path} (the change is kept; run bangcun fmt again)",
    )
}

/// A CSV file `fmt` leaves alone because it is a link out of the data
/// folder.
fn fmt_outside(path: &str, lang: Lang) -> String {
    tr!(
        lang,
        "是指向数据目录之外的链接，未改动 {path}",
        "a link out of the data folder, left alone: {path}",
    )
}

/// A temporary file left over by a stopped bangcun, which `fmt` removes
/// (with `--check`: would remove).
fn fmt_leftover(path: &str, check: bool, lang: Lang) -> String {
    match (check, lang) {
        (false, Lang::Zh) => format!("已删除遗留的临时文件 {path}"),
        (false, Lang::En) => format!("removed a leftover temporary file: {path}"),
        (true, Lang::Zh) => format!("有遗留的临时文件 {path}（bangcun fmt 会删除它）"),
        (true, Lang::En) => format!("leftover temporary file: {path} (bangcun fmt removes it)"),
    }
}

/// A leftover temporary file `fmt` could not remove.
fn fmt_leftover_failed(path: &str, error: &str, lang: Lang) -> String {
    tr!(
        lang,
        "无法删除遗留的临时文件 {path}：{error}",
        "cannot remove the leftover temporary file {path}: {error}",
    )
}

/// The closing line of `fmt`.
fn fmt_summary(
    changed: usize,
    unchanged: usize,
    refused: usize,
    check: bool,
    lang: Lang,
) -> String {
    match (check, lang) {
        (false, Lang::Zh) => format!(
            "规范化完成：改写 {changed} 个文件，{unchanged} 个已是规范格式，{refused} 个未改动"
        ),
        (true, Lang::Zh) => format!(
            "格式检查：{changed} 个文件需要规范化（运行 bangcun fmt），{unchanged} 个已是规范格式，{refused} 个无法检查"
        ),
        (false, Lang::En) => format!(
            "formatted {changed} {}; {unchanged} already canonical, {refused} left alone",
            plural(changed, "file", "files"),
        ),
        (true, Lang::En) => format!(
            "{changed} {} not in canonical form (run bangcun fmt); {unchanged} canonical, {refused} not checked",
            plural(changed, "file", "files"),
        ),
    }
}

/// A file `fmt` cannot rewrite safely.
fn fmt_kept(path: &str, why: Unformattable, lang: Lang) -> String {
    let why = why.text(lang);
    tr!(
        lang,
        "保持原样：{path}：{why}",
        "kept as it is: {path}: {why}"
    )
}

fn fmt_unformattable(path: &str, why: Unformattable, lang: Lang) -> String {
    let why = why.text(lang);
    tr!(
        lang,
        "无法安全地规范化，未改动 {path}：{why}",
        "cannot be formatted safely, left alone: {path}: {why}",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The stamp of a file as the loader takes it.
    fn stamp(path: &Path) -> Option<Stamp> {
        Some(Stamp::of(&fs::metadata(path).unwrap()))
    }

    #[test]
    fn a_file_changed_since_it_was_checked_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("leaves.csv");
        let text = "cadre,from,to\r\nC1,2026-03-01,2026-03-02\r\n";
        fs::write(&path, text).unwrap();
        let checked = stamp(&path);
        // A row saved after the folder was checked: not the file checked.
        let edited = format!("{text}C2,2026/3/5,2026/3/6\r\n");
        fs::write(&path, &edited).unwrap();
        let outcome = format(&path, Kind::Leaves, checked, false, Lang::En).unwrap();
        assert!(matches!(outcome, Outcome::Edited));
        assert_eq!(fs::read_to_string(&path).unwrap(), edited);
        // As checked, it is formatted.
        let outcome = format(&path, Kind::Leaves, stamp(&path), false, Lang::En).unwrap();
        assert!(matches!(outcome, Outcome::Changed));
        assert!(fs::read_to_string(&path).unwrap().contains("C2,2026-03-05"));
    }
}
