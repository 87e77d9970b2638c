//! Helpers shared by the integration tests: running the real binary from
//! the package root with a clean environment, reading its JSON output, and
//! copying fixture folders into temporary directories.

// Each test crate uses its own subset of these helpers.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

/// `--as-of` for every run over a fixture: after every date in `base`
/// (the latest is 2026-02-20), so that no result depends on today's date.
pub const AS_OF: &str = "2026-03-31";

/// The package root, where `tests/fixtures` lives.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture folder, as a path relative to the package root (the form the
/// binary prints when run from there).
pub fn fixture(name: &str) -> PathBuf {
    Path::new("tests/fixtures").join(name)
}

/// The binary, run from the package root, with none of the user's
/// settings leaking in.
pub fn bangcun() -> Command {
    let mut cmd = Command::cargo_bin("bangcun").expect("the bangcun binary is built");
    cmd.current_dir(root())
        .env_remove("BANGCUN_DATA")
        .env("NO_COLOR", "1");
    cmd
}

/// Runs `bangcun check --format json --as-of AS_OF --data DIR` plus
/// `extra`, and returns the exit status and the parsed document.
pub fn check_json(dir: &Path, extra: &[&str]) -> (i32, Value) {
    let output = bangcun()
        .args(["check", "--format", "json", "--as-of", AS_OF, "--data"])
        .arg(dir)
        .args(extra)
        .output()
        .expect("bangcun runs");
    let doc = parse_json(&output);
    (status(&output), doc)
}

/// The exit status; a run killed by a signal (a crash) fails the test.
pub fn status(output: &Output) -> i32 {
    output.status.code().unwrap_or_else(|| {
        panic!(
            "bangcun was killed: {:?}\nstderr: {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

pub fn parse_json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}\nstderr: {}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// One finding as the tests compare it: check, file, line, field, value.
#[derive(Debug, PartialEq, Eq)]
pub struct Seen {
    pub check: String,
    pub file: String,
    pub line: Option<u64>,
    pub field: Option<String>,
    pub value: Option<String>,
}

/// The findings of a JSON document, in output order.
pub fn findings(doc: &Value) -> Vec<Seen> {
    let text = |v: &Value| v.as_str().map(str::to_string);
    doc["findings"]
        .as_array()
        .expect("findings is an array")
        .iter()
        .map(|f| Seen {
            check: text(&f["check"]).expect("check is a string"),
            file: text(&f["file"]).expect("file is a string"),
            line: f["line"].as_u64(),
            field: text(&f["field"]),
            value: text(&f["value"]),
        })
        .collect()
}

/// `(check, file, line)` of each finding, for compact comparisons.
pub fn places(doc: &Value) -> Vec<(String, String, Option<u64>)> {
    findings(doc)
        .into_iter()
        .map(|f| (f.check, f.file, f.line))
        .collect()
}

/// The `counts` object as (errors, warnings, files, records).
pub fn counts(doc: &Value) -> (u64, u64, u64, u64) {
    let c = &doc["counts"];
    let n = |k: &str| c[k].as_u64().unwrap_or_else(|| panic!("counts.{k}"));
    (n("errors"), n("warnings"), n("files"), n("records"))
}

/// Copies the folder `from` (recursively) to `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("make the copy's folder");
    for entry in fs::read_dir(from).expect("read the folder to copy") {
        let entry = entry.expect("a folder entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy a file");
        }
    }
}

/// A temporary directory holding a copy of fixture `name` at `DIR/data`.
pub fn temp_copy(name: &str) -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().expect("a temporary directory");
    let data = temp.path().join("data");
    copy_dir(&root().join(fixture(name)), &data);
    (temp, data)
}
