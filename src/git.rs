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

use crate::lang::{Lang, tr};

/// The files under `dir` that differ from `rev`: committed since, staged,
/// changed in the work tree, or untracked (but not ignored). Paths are
/// relative to `dir`. A clear error when `dir` is in no git repository,
/// git is missing, or `rev` is not a revision.
pub fn changed_since(dir: &Path, rev: &str, lang: Lang) -> anyhow::Result<HashSet<PathBuf>> {
    let inside = git(dir, &["rev-parse", "--is-inside-work-tree"], lang)?;
    if inside.as_deref().map(<[u8]>::trim_ascii) != Ok(b"true") {
        bail!(not_in_git(&dir.display().to_string(), lang));
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
        Err(stderr) => bail!(git_failed(rev, stderr.trim(), lang)),
    };
    let untracked = ["ls-files", "--others", "--exclude-standard", "-z"];
    let untracked = match git(dir, &untracked, lang)? {
        Ok(out) => out,
        Err(stderr) => bail!(git_untracked_failed(stderr.trim(), lang)),
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
        Err(e) if e.kind() == ErrorKind::NotFound => bail!(git_missing(lang)),
        Err(e) => bail!(git_not_started(&crate::io_error::describe(&e, lang), lang)),
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

/// `--changed-since` outside a git repository.
pub fn not_in_git(dir: &str, lang: Lang) -> String {
    tr!(
        lang,
        "--changed-since 需要 git 仓库，但数据目录 {dir} 不在 git 仓库中（去掉 --changed-since 即检查并报告全部文件）",
        "--changed-since needs a git repository, but the data folder {dir} is not in one (without --changed-since every file is checked and reported)",
    )
}

/// `--changed-since` without a `git` program on PATH.
pub fn git_missing(lang: Lang) -> String {
    tr!(
        lang,
        "--changed-since 需要 git，但找不到 git 程序（请安装 git 或把它加入 PATH）",
        "--changed-since needs git, but there is no git program (install git or put it on PATH)",
    )
}

/// `--changed-since` with a `git` program that could not be started.
pub fn git_not_started(detail: &str, lang: Lang) -> String {
    tr!(
        lang,
        "--changed-since 需要 git，但 git 程序无法启动：{detail}",
        "--changed-since needs git, but the git program could not be started: {detail}",
    )
}

/// git refused to compare with a revision.
pub fn git_failed(rev: &str, detail: &str, lang: Lang) -> String {
    tr!(
        lang,
        "git 无法列出自 {rev} 以来改动的文件：{detail}",
        "git cannot list the files changed since {rev}: {detail}",
    )
}

/// git could not list the untracked files.
pub fn git_untracked_failed(detail: &str, lang: Lang) -> String {
    tr!(
        lang,
        "git 无法列出未跟踪的文件：{detail}",
        "git cannot list the untracked files: {detail}",
    )
}
