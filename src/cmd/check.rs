//! `bangcun check`: every finding, then a closing line with the counts.
//! With `--changed-since REV`, everything is still checked, but only the
//! findings in files changed since REV are shown and decide the exit
//! status; the closing lines say how many were left out.

use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{CLEAN, DATA_ERRORS, Global};
use crate::check::REGISTRY;
use crate::cli::CheckArgs;
use crate::finding::{Counts, Finding, Severity};
use crate::git;
use crate::i18n::plural;
use crate::lang::Lang;
use crate::model::{Dataset, FileRole};
use crate::output;
use crate::render::render_findings;

pub fn run(global: &Global, args: &CheckArgs) -> anyhow::Result<ExitCode> {
    if args.list {
        // In the language known before the data is read: the list needs
        // no data folder.
        let lang = global.early_lang();
        output::to_stdout(lang, |out| {
            for check in REGISTRY {
                let severity = check.severity.label(lang);
                // Padded to 8 columns as a terminal shows them (错误 takes 4).
                let pad = 8usize.saturating_sub(unicode_width::UnicodeWidthStr::width(severity));
                writeln!(
                    out,
                    "{:<20} {severity}{:pad$} {}",
                    check.name,
                    "",
                    check.about(lang)
                )?;
            }
            Ok(())
        })?;
        return Ok(ExitCode::from(CLEAN));
    }
    let today = args.as_of.unwrap_or_else(super::today);
    let dir = super::find(global)?;
    // Ask git first: outside a repository, or with a revision git does not
    // know, there is nothing to load.
    let changed = match &args.changed_since {
        Some(rev) => Some((rev, git::changed_since(&dir, rev, global.early_lang())?)),
        None => None,
    };
    let mut opened = super::open_dir(
        dir,
        global.lang,
        today,
        &[Severity::Error, Severity::Warning],
    );
    let mut findings = std::mem::take(&mut opened.findings);
    let mut hidden = None;
    if let Some((rev, changed)) = changed {
        let flags = changed_files(&opened.data, &changed);
        let shown = |file: usize| flags.get(file).copied().unwrap_or(false);
        let (keep, drop): (Vec<Finding>, Vec<Finding>) = findings
            .into_iter()
            .partition(|f| f.files().any(|file| shown(file.0 as usize)));
        findings = keep;
        hidden = Some((rev, Counts::of(&drop)));
    }
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    output::to_stdout(opened.lang, |out| {
        let format = args.format;
        render_findings(format, &opened.data, &findings, opened.lang, color, out)?;
        // After one document nothing; after a stream, what was left out.
        match hidden {
            Some((rev, counts)) if !format.is_document() => writeln!(
                out,
                "{}",
                hidden_findings(counts.errors, counts.warnings, rev, opened.lang)
            ),
            _ => Ok(()),
        }
    })?;
    let counts = Counts::of(&findings);
    let failed = counts.errors > 0 || (args.deny_warnings && counts.warnings > 0);
    super::leave(opened);
    Ok(ExitCode::from(if failed { DATA_ERRORS } else { CLEAN }))
}

/// For each file read, whether it changed, given the paths git named
/// relative to the data folder. A changed `bangcun.toml` can change what is
/// right in every file, so then every file counts as changed.
fn changed_files(data: &Dataset, changed: &HashSet<PathBuf>) -> Vec<bool> {
    let config_changed = data
        .files
        .iter()
        .any(|f| f.role == FileRole::Config && changed.contains(&f.name));
    data.files
        .iter()
        .map(|f| config_changed || changed.contains(&f.name))
        .collect()
}

/// The closing line of `check --changed-since REV`: what was left out.
fn hidden_findings(errors: usize, warnings: usize, rev: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "只显示自 {rev} 以来改动过的文件中的问题；未改动的文件中另有 {errors} 个错误、{warnings} 个警告未显示"
        ),
        Lang::En => format!(
            "only files changed since {rev} are shown; {errors} {}, {warnings} {} in unchanged files are not",
            plural(errors, "error", "errors"),
            plural(warnings, "warning", "warnings"),
        ),
    }
}
