//! `bangcun fmt [--check]`: puts every CSV data file in canonical form
//! ([`crate::canonical`]), each written atomically. The whole folder is
//! loaded and checked first, and a file with an error finding is left
//! alone. TOML data files are left as they are (see docs/ci.md).
//!
//! Exit status: 1 when a file had to be left alone for its errors, or,
//! with `--check`, when a file is not in canonical form; 0 otherwise.

use std::fs;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;

use super::{CLEAN, DATA_ERRORS, Global};
use crate::canonical::{self, Unformattable};
use crate::check::Severity;
use crate::cli::FmtArgs;
use crate::finding::Finding;
use crate::i18n;
use crate::load::{self, Format};
use crate::model::{FileRole, Kind, SourceFile};
use crate::output;
use crate::parallel;

/// How many files came out which way.
#[derive(Default)]
struct Tally {
    changed: usize,
    unchanged: usize,
    refused: usize,
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
    let outcomes = parallel::map(&jobs, |job| {
        if job.errors > 0 {
            Ok(Outcome::HasErrors(job.errors))
        } else {
            format(&job.file.path, job.kind, args.check)
        }
    });

    let mut tally = Tally::default();
    let mut failure = None;
    output::to_stdout(|out| {
        for (job, outcome) in jobs.iter().zip(outcomes) {
            let path = crate::inert::visible(&job.file.path.display().to_string()).into_owned();
            let line = match outcome {
                Ok(Outcome::Unchanged) => {
                    tally.unchanged += 1;
                    continue;
                }
                Ok(Outcome::Changed) => {
                    tally.changed += 1;
                    i18n::fmt_changed(&path, args.check, lang)
                }
                Ok(Outcome::HasErrors(n)) => {
                    tally.refused += 1;
                    i18n::fmt_has_errors(&path, n, lang)
                }
                Ok(Outcome::Unformattable(why)) => {
                    tally.refused += 1;
                    i18n::fmt_unformattable(&path, why, lang)
                }
                Err(e) => {
                    failure.get_or_insert(e);
                    continue;
                }
            };
            writeln!(out, "{line}")?;
        }
        let summary = i18n::fmt_summary(
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
    let failed = tally.refused > 0 || (args.check && tally.changed > 0);
    super::leave(opened);
    Ok(ExitCode::from(if failed { DATA_ERRORS } else { CLEAN }))
}

/// Formats one file, writing it unless `check_only`.
fn format(path: &Path, kind: Kind, check_only: bool) -> anyhow::Result<Outcome> {
    let shown = path.display();
    let bytes = fs::read(path).with_context(|| format!("cannot read {shown}"))?;
    let formatted = match canonical::format_csv(&bytes, kind) {
        Ok(formatted) => formatted,
        Err(why) => return Ok(Outcome::Unformattable(why)),
    };
    if !formatted.changed {
        return Ok(Outcome::Unchanged);
    }
    if !check_only {
        // Through a symlink, rewrite the file it points to and keep the link.
        let target = fs::canonicalize(path).with_context(|| format!("cannot read {shown}"))?;
        output::atomic_write(&target, |out| out.write_all(formatted.text.as_bytes()))?;
    }
    Ok(Outcome::Changed)
}
