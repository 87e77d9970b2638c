//! Helpers shared by the integration tests: running the real binary from
//! the package root with a clean environment, reading its JSON output,
//! copying fixture folders into temporary directories, and comparing the
//! records of two data folders.

// Each test crate uses its own subset of these helpers.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::fs;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use bangcun::finding::Finding;
use bangcun::load::{self, Loaded, UnknownColumn};
use bangcun::model::{CadreId, Dataset, Ref, RegionId, Span};
use calamine::{Data, Reader, Xlsx};
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

/// Over `tests/fixtures/reports`: 2026-01-15 to 2026-03-15 as of
/// 2026-04-30, so D = 03-15 (its figures are worked out by hand in
/// `tests/reports.rs`).
pub const ACROSS_MONTHS: [&str; 6] = [
    "--as-of",
    "2026-04-30",
    "--from",
    "2026-01-15",
    "--to",
    "2026-03-15",
];

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

/// stdout of `bangcun --data DIR ARGS…`, which must succeed without a
/// word on stderr.
pub fn ok_on(dir: &Path, args: &[&str]) -> Vec<u8> {
    let (code, out, err) = run_on(dir, args);
    assert_eq!((code, err.as_str()), (0, ""), "{args:?}");
    out
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

/// Fixtures made at test time: base plus one file (check, path, text).
/// The start of visits/2026-01.csv, as a bangcun killed while writing it
/// would leave it; no process ever has the id 4194304 (Linux's largest
/// pid_max is 2^22, and ids are below it).
pub const MADE: [(&str, &str, &str); 1] = [(
    "leftover-temp-file",
    "visits/.2026-01.csv.bangcun-4194304-0.tmp",
    "date,cadre,place,kind,forums,people,note\n\
     2026-01-10,C01,411001001001,workday,1,12,\n\
     2026-01-20,C02,411001002001,workday,0,8,\n",
)];

/// The folder of a check's fixture: committed, or made from base (kept
/// alive by the guard returned with it) under `target/`, by a relative
/// path as the committed ones are, so that findings name it alike.
pub fn fixture_of(check: &str) -> (Option<tempfile::TempDir>, PathBuf) {
    match MADE.iter().find(|(c, _, _)| *c == check) {
        Some((_, file, text)) => {
            let temp = tempfile::Builder::new()
                .prefix("fixture-")
                .tempdir_in("target")
                .unwrap();
            let here = std::env::current_dir().unwrap();
            let dir = temp.path().strip_prefix(here).unwrap().to_path_buf();
            copy_dir(&root().join(fixture("base")), &dir);
            fs::write(dir.join(file), text).unwrap();
            (Some(temp), dir)
        }
        None => (None, fixture(check)),
    }
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

/// A copy of `tests/fixtures/reports` with `lines` appended to its files: the
/// temporary folder, and the data folder in it.
pub fn reports_plus(lines: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let (temp, data) = temp_copy("reports");
    for (file, line) in lines {
        let path = data.join(file);
        let text = std::fs::read_to_string(&path).unwrap() + line + "\n";
        std::fs::write(&path, text).unwrap();
    }
    (temp, data)
}

/// A copy of `tests/fixtures/reports` with records in error appended: 4
/// error findings; left out: 1 region, 1 cadre, 2 visits, 2 problems.
/// The same lines as `metrics::fixture::BAD_LINES`, written again: that is
/// `#[cfg(test)]` in the library, which a test crate cannot see.
pub fn reports_with_errors() -> (tempfile::TempDir, PathBuf) {
    reports_plus(&[
        // unknown-region (its parent)
        ("regions.csv", "410001001009,坏村,village,410001009"),
        // no finding, but its point is the invalid 坏村
        ("cadres.csv", "K5,钱五,county,,410001001009,,"),
        (
            "visits/2026-02.csv",
            "2026-02-10,K5,410001001009,workday,3,30",
        ),
        // unknown-cadre
        ("visits/2026-02.csv", "2026-02-11,K9,410001001,workday,5,50"),
        // date-order
        (
            "problems.csv",
            "P8,2026-02-05,410001001,K1,cadre,基础设施,整改日期早于发现日期,一镇人民政府,,2026-02-01,,",
        ),
        // duplicate-id
        (
            "problems.csv",
            "P1,2026-02-06,410001001,K1,cadre,基础设施,编号重复,一镇人民政府,,,,",
        ),
    ])
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
    let Loaded { data, findings, .. } = load::load(dir);
    let mut records: Vec<(Span, String)> = Vec::new();
    for r in &data.regions {
        records.push((
            r.span,
            format!("{:?}", (&r.code, &r.name, r.level, &r.parent.code)),
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
    for r in &data.ratings {
        let what = (r.year, r.stars, r.weak, r.sanling);
        records.push((r.span, format!("{:?}", (region(&data, r.place), what))));
    }
    for r in &data.reviews {
        let votes = (r.satisfied, r.basic, r.unsatisfied);
        records.push((
            r.span,
            format!("{:?}", (cadre(&data, r.cadre), r.year, votes)),
        ));
    }
    for h in &data.households {
        let cadres: Vec<String> = h.cadres.iter().map(|c| cadre(&data, *c)).collect();
        let who = (&h.id, &h.name, region(&data, h.place), h.kind, cadres);
        records.push((h.span, format!("{:?}", (who, h.start, h.end))));
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
    let value = match f.message.get::<UnknownColumn>() {
        Some(UnknownColumn { header, .. }) if header.is_empty() => None,
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

// ---- workbooks ---------------------------------------------------------
//
// Reading back the xlsx bangcun writes: cells through calamine; what
// calamine does not read (frozen panes, print setup) from the sheet's XML.

/// The names of a workbook's sheets, in order.
pub fn xlsx_sheet_names(bytes: &[u8]) -> Vec<String> {
    let book = Xlsx::new(Cursor::new(bytes.to_vec())).expect("an xlsx workbook");
    book.sheet_names()
}

/// The cells of sheet `name`, by row from A1 (merged cells hold their
/// value in their first cell).
pub fn xlsx_sheet(bytes: &[u8], name: &str) -> Vec<Vec<Data>> {
    let mut book = Xlsx::new(Cursor::new(bytes.to_vec())).expect("an xlsx workbook");
    let range = book
        .worksheet_range(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    // calamine's range starts at the first used cell; A1 is used by
    // every sheet bangcun writes.
    assert_eq!(range.start(), Some((0, 0)), "{name} starts at A1");
    range.rows().map(<[Data]>::to_vec).collect()
}

/// A cell as a number: a number cell, or a failed test.
pub fn number(cell: &Data) -> f64 {
    match cell {
        Data::Float(f) => *f,
        Data::Int(n) => *n as f64,
        other => panic!("not a number: {other:?}"),
    }
}

/// The index of the row whose first cell is `text` (a table's header).
pub fn row_starting(rows: &[Vec<Data>], text: &str) -> usize {
    rows.iter()
        .position(|r| r.first() == Some(&Data::String(text.into())))
        .unwrap_or_else(|| panic!("no row starts with {text}: {rows:?}"))
}

/// How sheet number `n` (from 1) is laid out for the screen and for print.
#[derive(Debug, PartialEq, Eq)]
pub struct Layout {
    /// Rows frozen at the top (`None`: nothing frozen).
    pub frozen_rows: Option<u32>,
    /// The rows printed on every page, as Excel writes them (`$5:$5`).
    pub repeated_rows: Option<String>,
    pub a4: bool,
    pub landscape: bool,
    /// Fitted to one page wide, as tall as it takes.
    pub fit_to_width: bool,
    /// The footer, in Excel's codes (`&C第 &P 页，共 &N 页`).
    pub footer: Option<String>,
}

pub fn xlsx_layout(bytes: &[u8], n: usize) -> Layout {
    let sheet = xlsx_part(bytes, &format!("xl/worksheets/sheet{n}.xml"));
    let workbook = xlsx_part(bytes, "xl/workbook.xml");
    let attr = |element: &str, name: &str| -> Option<String> {
        let start = sheet.find(&format!("<{element} "))?;
        let tag = &sheet[start..start + sheet[start..].find('>')?];
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        Some(tag[at..at + tag[at..].find('"')?].to_string())
    };
    let between = |text: &str, open: &str, close: &str| -> Option<String> {
        let start = text.find(open)? + open.len();
        Some(text[start..start + text[start..].find(close)?].to_string())
    };
    let titles = workbook
        .split("<definedName ")
        .find(|d| {
            d.starts_with(&format!(
                "name=\"_xlnm.Print_Titles\" localSheetId=\"{}\"",
                n - 1
            ))
        })
        .and_then(|d| between(d, "!", "<"));
    Layout {
        frozen_rows: attr("pane", "ySplit").map(|y| y.parse().expect("a row count")),
        repeated_rows: titles,
        a4: attr("pageSetup", "paperSize").as_deref() == Some("9"),
        landscape: attr("pageSetup", "orientation").as_deref() == Some("landscape"),
        fit_to_width: sheet.contains("<pageSetUpPr fitToPage=\"1\"/>")
            && attr("pageSetup", "fitToHeight").as_deref() == Some("0")
            && attr("pageSetup", "fitToWidth").is_none_or(|w| w == "1"),
        footer: between(&sheet, "<oddFooter>", "</oddFooter>").map(|f| f.replace("&amp;", "&")),
    }
}

/// A part of a workbook's package, as text (`xl/workbook.xml`).
pub fn xlsx_part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("an xlsx package");
    let mut part = zip.by_name(name).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut text = String::new();
    std::io::Read::read_to_string(&mut part, &mut text).expect("a text part");
    text
}

/// The number format of a cell of sheet number `n` (from 1), row and
/// column from 0: `0.0%`, `0`, `yyyy-mm-dd`, or `General`.
pub fn xlsx_number_format(bytes: &[u8], n: usize, row: usize, col: usize) -> String {
    let sheet = xlsx_part(bytes, &format!("xl/worksheets/sheet{n}.xml"));
    let styles = xlsx_part(bytes, "xl/styles.xml");
    let mut name = String::new();
    let mut c = col + 1;
    while c > 0 {
        name.insert(0, char::from(b'A' + ((c - 1) % 26) as u8));
        c = (c - 1) / 26;
    }
    let cell = format!("<c r=\"{name}{}\"", row + 1);
    let tag = sheet
        .split(&cell)
        .nth(1)
        .unwrap_or_else(|| panic!("no cell {name}{}", row + 1));
    let tag = &tag[..tag.find('>').expect("a tag")];
    let style: usize = tag
        .split(" s=\"")
        .nth(1)
        .map_or(0, |s| s[..s.find('"').unwrap()].parse().unwrap());
    let xfs = styles.split("<cellXfs").nth(1).expect("cellXfs");
    let xf = xfs.split("<xf ").nth(style + 1).expect("the cell's xf");
    let id = xf.split("numFmtId=\"").nth(1).expect("numFmtId");
    let id = &id[..id.find('"').unwrap()];
    if id == "0" {
        return "General".to_string();
    }
    let code = styles
        .split(&format!("<numFmt numFmtId=\"{id}\" formatCode=\""))
        .nth(1)
        .unwrap_or_else(|| panic!("no format {id}"));
    code[..code.find('"').unwrap()].replace("&quot;", "\"")
}

/// A small data folder written on the spot: one county 41 (甲县), its
/// township 4101 (乙镇) and villages 410101 (丙村), 410102 (丁村); a city
/// cadre C1 at 丙村 and a county cadre C2 at 丁村, each with its January
/// 2026 work-day visit (2026-01-10 and 2026-01-20); no problems.
pub fn small_folder() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let dir = tmp.path().join("d");
    fs::create_dir_all(dir.join("visits")).unwrap();
    fs::write(dir.join("bangcun.toml"), "name = \"t\"\n").unwrap();
    fs::write(
        dir.join("regions.csv"),
        "code,name,level,parent\n41,甲县,county,\n4101,乙镇,township,41\n\
         410101,丙村,village,4101\n410102,丁村,village,4101\n",
    )
    .unwrap();
    fs::write(
        dir.join("cadres.csv"),
        "id,name,level,unit,points,start,end\nC1,张三,city,,410101,,\nC2,李四,county,,410102,,\n",
    )
    .unwrap();
    fs::write(
        dir.join("visits/2026-01.csv"),
        "date,cadre,place,kind,forums,people,note\n\
         2026-01-10,C1,410101,workday,1,5,\n2026-01-20,C2,410102,workday,0,3,\n",
    )
    .unwrap();
    (tmp, dir)
}
