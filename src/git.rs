//! Asking git which files of the data folder changed since a revision, for
//! `check --changed-since REV`. bangcun runs the `git` program rather than
//! reading the repository itself: git is on every machine that has a
//! repository, and it knows about worktrees, hooks' temporary indexes and
//! every other way a repository can be laid out.

use std::collections::HashSet;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::bail;

use crate::i18n::{self, Lang};

/// The files under `dir` that differ from `rev`: committed since, staged,
/// changed in the work tree, or untracked (but not ignored). Paths are
/// relative to `dir`. A clear error when `dir` is in no git repository,
/// git is missing, or `rev` is not a revision.
pub fn changed_since(dir: &Path, rev: &str, lang: Lang) -> anyhow::Result<HashSet<PathBuf>> {
    let inside = git(dir, &["rev-parse", "--is-inside-work-tree"], lang)?;
    if inside.as_deref().map(<[u8]>::trim_ascii) != Ok(b"true") {
        bail!(i18n::not_in_git(&dir.display().to_string(), lang));
    }
    // `--relative`: only changes under `dir`, named from it. `-z`: names
    // as they are, unquoted, whatever their bytes. `--end-of-options`: a
    // revision such as `--output=x` is a revision, never an option.
    let diff = [
        "diff",
        "--name-only",
        "-z",
        "--relative",
        "--end-of-options",
        rev,
        "--",
    ];
    let changed = match git(dir, &diff, lang)? {
        Ok(out) => out,
        Err(stderr) => bail!(i18n::git_failed(rev, stderr.trim(), lang)),
    };
    let untracked = ["ls-files", "--others", "--exclude-standard", "-z"];
    let untracked = match git(dir, &untracked, lang)? {
        Ok(out) => out,
        Err(stderr) => bail!(i18n::git_untracked_failed(stderr.trim(), lang)),
    };
    Ok(changed
        .split(|&b| b == 0)
        .chain(untracked.split(|&b| b == 0))
        .filter(|name| !name.is_empty())
        .map(path_of)
        .collect())
}

/// Runs git in `dir`: its output, or its error text when it fails; an
/// `Err` only when git cannot be run at all.
fn git(dir: &Path, args: &[&str], lang: Lang) -> anyhow::Result<Result<Vec<u8>, String>> {
    let output = match Command::new("git").arg("-C").arg(dir).args(args).output() {
        Ok(output) => output,
        Err(e) if e.kind() == ErrorKind::NotFound => bail!(i18n::git_missing(lang)),
        Err(e) => bail!(i18n::git_not_started(&e.to_string(), lang)),
    };
    Ok(if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    })
}

/// A file name as git printed it: on Unix its bytes exactly, so that a
/// name that is not UTF-8 still matches the file read; elsewhere git
/// prints UTF-8.
#[cfg(unix)]
fn path_of(name: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(name))
}

#[cfg(not(unix))]
fn path_of(name: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(name).into_owned())
}
