//! Helpers shared by the integration tests: running the real binary from
//! the package root with a clean environment, reading its JSON output,
//! copying fixture folders into temporary directories, and comparing the
//! records of two data folders.

// Each test crate uses its own subset of these helpers.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use bangcun::finding::Finding;
use bangcun::i18n::Message;
use bangcun::load::{self, Loaded};
use bangcun::model::{CadreId, Dataset, Ref, RegionId, Span};
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

/// Runs `bangcun --data DIR ARGS…`: the exit status, stdout, and stderr
/// (which must be UTF-8).
pub fn run_on(dir: &Path, args: &[&str]) -> (i32, Vec<u8>, String) {
    let out = bangcun()
        .arg("--data")
        .arg(dir)
        .args(args)
        .output()
        .expect("bangcun runs");
    (
        status(&out),
        out.stdout,
        String::from_utf8(out.stderr).expect("UTF-8 errors"),
    )
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
    temp_copy_of(&root().join(fixture(name)))
}

/// A temporary directory holding a copy of the folder `from` at
/// `DIR/data`.
pub fn temp_copy_of(from: &Path) -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().expect("a temporary directory");
    let data = temp.path().join("data");
    copy_dir(from, &data);
    (temp, data)
}

// ---- records without their spans ----------------------------------------
//
// For comparing two folders record by record: `fmt` reorders rows, so line
// numbers (and the indexes references resolve to) change while the
// records must not.

/// Per file (path relative to the data folder): its records, each as text
/// without span and with references as the keys they name, sorted; and its
/// findings as [`finding_key`]s, sorted.
pub type Snapshot = BTreeMap<String, (Vec<String>, Vec<String>)>;

/// Loads the data folder at `dir` and takes its snapshot.
pub fn snapshot(dir: &Path) -> Snapshot {
    let Loaded { data, findings } = load::load(dir);
    let mut records: Vec<(Span, String)> = Vec::new();
    for r in &data.regions {
        records.push((
            r.span,
            format!("{:?}", (&r.code, &r.name, r.level, &r.parent_code)),
        ));
    }
    for c in &data.cadres {
        let points: Vec<String> = c.points.iter().map(|p| region(&data, *p)).collect();
        records.push((
            c.span,
            format!(
                "{:?}",
                (&c.id, &c.name, c.level, &c.unit, points, c.start, c.end)
            ),
        ));
    }
    for v in &data.visits {
        let who = (cadre(&data, v.cadre), region(&data, v.place));
        records.push((
            v.span,
            format!("{:?}", (v.date, who, v.kind, v.forums, v.people, &v.note)),
        ));
    }
    for p in &data.problems {
        let who = (region(&data, p.place), p.cadre.map(|c| cadre(&data, c)));
        let what = (p.source, &p.category, &p.summary, &p.unit);
        let when = (p.deadline, p.rectified, p.verified, p.satisfaction);
        records.push((p.span, format!("{:?}", (&p.id, p.found, who, what, when))));
    }
    for l in &data.leaves {
        records.push((
            l.span,
            format!("{:?}", (cadre(&data, l.cadre), l.from, l.to, &l.reason)),
        ));
    }
    let mut out = Snapshot::new();
    let path = |span: Span| {
        let path = data.file(span.file).path.strip_prefix(dir);
        path.expect("a file of the folder").display().to_string()
    };
    for (span, record) in records {
        out.entry(path(span)).or_default().0.push(record);
    }
    for f in &findings {
        out.entry(path(f.span)).or_default().1.push(finding_key(f));
    }
    for (records, findings) in out.values_mut() {
        records.sort();
        findings.sort();
    }
    out
}

/// A finding as it must survive `fmt`: check, field and value, without
/// its line (rows move when sorted), and without the example value of a
/// column with no header (the first cell under it, which moves too).
pub fn finding_key(f: &Finding) -> String {
    let value = match &f.message {
        Message::UnknownColumn { header, .. } if header.is_empty() => None,
        _ => f.value.as_deref(),
    };
    format!("{:?}", (f.check.name, f.field, value))
}

fn region(data: &Dataset, r: Ref<RegionId>) -> String {
    key(r, |id| data.region(id).code.to_string())
}

fn cadre(data: &Dataset, r: Ref<CadreId>) -> String {
    key(r, |id| data.cadre(id).id.to_string())
}

fn key<Id: Copy + Debug>(r: Ref<Id>, text: impl Fn(Id) -> String) -> String {
    match r {
        Ref::Known(id) => text(id),
        other => format!("{other:?}"),
    }
}
