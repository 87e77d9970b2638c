//! Loading a data folder (SPEC §2): finding it, listing its files, reading
//! each file once, and resolving references through indexes.
//!
//! Loading never fails: whatever cannot be read becomes a finding and the
//! rest is still loaded. Kinds load in three phases, because later kinds
//! refer to earlier ones: regions, then cadres (whose points are regions),
//! then visits, problems and leaves, whose files are read in parallel.

mod build;
mod bytes;
mod csv;
mod decode;
pub(crate) mod split;
mod toml;

use std::ffi::OsStr;
use std::fs;
use std::path::{Component, Path, PathBuf};

use anyhow::bail;
use rustc_hash::FxHashSet;

use crate::check::{BAD_ENCODING, UNKNOWN_CADRE, UNKNOWN_REGION, UNREADABLE_FILE};
use crate::config;
use crate::finding::Finding;
use crate::i18n::{Lang, Message, Referrer, tr};
use crate::model::{
    Cadre, CadreId, Dataset, FileId, FileRole, Key, Kind, Leave, Problem, Ref, Region, RegionId,
    RegionLevel, SourceFile, Span, Table, Visit,
};
use crate::parallel;
use crate::schema;

pub use build::{Cell, Row, split_list};
pub use bytes::{FileRead, read_bytes};
pub use decode::{Encoding, decode};

/// The name of the file that marks a data folder.
pub const CONFIG_FILE: &str = "bangcun.toml";

/// A loaded data folder and everything found wrong while reading it.
#[derive(Debug)]
pub struct Loaded {
    pub data: Dataset,
    pub findings: Vec<Finding>,
}

/// Finds the data folder, in SPEC order: `--data DIR`; `$BANGCUN_DATA`;
/// the current directory or its nearest ancestor holding `bangcun.toml`;
/// `./data` if it holds one. The path returned is relative to `cwd` where
/// it can be, so that findings print short paths.
pub fn find_data_dir(
    explicit: Option<&Path>,
    env: Option<&OsStr>,
    cwd: &Path,
    lang: Lang,
) -> anyhow::Result<PathBuf> {
    let given = explicit.map(|p| (p.to_path_buf(), "--data")).or_else(|| {
        env.filter(|e| !e.is_empty())
            .map(|e| (PathBuf::from(e), "BANGCUN_DATA"))
    });
    if let Some((dir, source)) = given {
        if !dir.join(CONFIG_FILE).is_file() {
            let shown = dir.display();
            bail!(tr!(
                lang,
                "{source} 指定的目录 {shown} 中没有 bangcun.toml，不是数据目录（可用 `bangcun init {shown}` 新建）",
                "{source} names {shown}, which holds no bangcun.toml and so is no data folder (make one with `bangcun init {shown}`)",
            ));
        }
        return Ok(relative_to(&dir, cwd));
    }
    let mut up = PathBuf::new();
    for ancestor in cwd.ancestors() {
        if ancestor.join(CONFIG_FILE).is_file() {
            return Ok(if up.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                up
            });
        }
        up.push("..");
    }
    if cwd.join("data").join(CONFIG_FILE).is_file() {
        return Ok(PathBuf::from("data"));
    }
    let shown = cwd.display();
    bail!(tr!(
        lang,
        "找不到数据目录：没有 --data，没有 BANGCUN_DATA，{shown} 及其上级目录中没有 bangcun.toml，也没有 ./data/bangcun.toml（可用 `bangcun init DIR` 新建）",
        "no data folder found: no --data, no BANGCUN_DATA, no bangcun.toml in {shown} or its parents, and no ./data/bangcun.toml (make one with `bangcun init DIR`)",
    ))
}

/// `path` as seen from `base` (an absolute directory): an absolute path
/// becomes relative to `base`, climbing out with `..` where it must; a
/// relative path stays as it is.
fn relative_to(path: &Path, base: &Path) -> PathBuf {
    if path.is_relative() {
        return path.to_path_buf();
    }
    let (mut p, mut b) = (path.components().peekable(), base.components().peekable());
    while let (Some(x), Some(y)) = (p.peek(), b.peek()) {
        if x != y {
            break;
        }
        p.next();
        b.next();
    }
    if b.clone().any(|c| !matches!(c, Component::Normal(_))) {
        return path.to_path_buf();
    }
    let mut out: PathBuf = b.map(|_| Component::ParentDir).collect();
    out.extend(p);
    if out.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        out
    }
}

/// The format of a data file, by its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Toml,
}

fn format_of(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?;
    if ext.eq_ignore_ascii_case("csv") {
        Some(Format::Csv)
    } else if ext.eq_ignore_ascii_case("toml") {
        Some(Format::Toml)
    } else {
        None
    }
}

/// One data file to read.
struct Job {
    file: FileId,
    kind: Kind,
    path: PathBuf,
    format: Format,
    size: u64,
}

/// Reads the data folder at `dir` (as found by [`find_data_dir`]).
pub fn load(dir: &Path) -> Loaded {
    // Files of the current directory are shown as `regions.csv`, not
    // `./regions.csv`, as `data/regions.csv` is for `./data`.
    let dir = if dir == Path::new(".") {
        Path::new("")
    } else {
        dir
    };
    let mut files = Vec::new();
    let mut findings = Vec::new();

    let config_path = dir.join(CONFIG_FILE);
    files.push(SourceFile {
        path: config_path.clone(),
        role: FileRole::Config,
        columns: Vec::new(),
        rows: 0,
    });
    let at = |line| Span {
        file: FileId(0),
        line,
    };
    let config =
        match fs::read(&config_path).map(|bytes| decode(&bytes).map(|(t, _)| t.into_owned())) {
            Ok(Ok(text)) => {
                let (config, found) = config::parse(&text, FileId(0));
                findings.extend(found);
                config
            }
            Ok(Err((line, message))) => {
                findings.push(Finding::new(&BAD_ENCODING, at(line), message));
                config::Config::default()
            }
            Err(e) => {
                let error = e.to_string();
                findings.push(Finding::new(
                    &UNREADABLE_FILE,
                    at(0),
                    Message::Unreadable { error },
                ));
                config::Config::default()
            }
        };

    let mut jobs = Vec::new();
    // Kinds with a file that could not be opened: their keys are not all
    // known, so a reference to a missing one is no finding.
    let mut unreadable = Vec::new();
    for kind in Kind::ALL {
        for found in discover(dir, kind) {
            let file = FileId(files.len() as u32);
            files.push(SourceFile {
                path: found.path.clone(),
                role: FileRole::Data(kind),
                columns: Vec::new(),
                rows: 0,
            });
            match found.format {
                Ok(format) => jobs.push(Job {
                    file,
                    kind,
                    path: found.path,
                    format,
                    size: found.size,
                }),
                Err(error) => {
                    unreadable.push(kind);
                    findings.push(Finding::new(
                        &UNREADABLE_FILE,
                        Span { file, line: 0 },
                        Message::Unreadable { error },
                    ));
                }
            }
        }
    }

    // Phase 1: regions and cadres, read together; the cadres' points are
    // resolved once every region is known.
    let mut first = read_all(&jobs, |kind| kind <= Kind::Cadres, None);
    let mut region_keys = build::Keys::new();
    let mut cadre_keys = build::Keys::new();
    let mut regions = Vec::new();
    let mut broken = Vec::new();
    let complete = merge(
        first.regions,
        &mut files,
        &mut findings,
        &mut regions,
        &mut broken,
    ) && !unreadable.contains(&Kind::Regions);
    index_keys(
        &mut region_keys,
        regions.iter().map(|r: &Region| &*r.code),
        broken,
        complete,
        RegionId,
    );
    resolve_parents(&mut regions, &region_keys, &mut findings);
    let lookup = Lookup {
        regions: &region_keys,
        cadres: &cadre_keys,
    };
    for part in &mut first.cadres {
        link(
            &mut part.records,
            &mut part.pending,
            part.file,
            &lookup,
            &mut part.findings,
        );
    }
    let mut cadres = Vec::new();
    let mut broken = Vec::new();
    let complete = merge(
        first.cadres,
        &mut files,
        &mut findings,
        &mut cadres,
        &mut broken,
    ) && !unreadable.contains(&Kind::Cadres);
    index_keys(
        &mut cadre_keys,
        cadres.iter().map(|c: &Cadre| &*c.id),
        broken,
        complete,
        CadreId,
    );

    // Phase 2: the rest, resolved as they are read.
    let lookup = Lookup {
        regions: &region_keys,
        cadres: &cadre_keys,
    };
    let rest = read_all(&jobs, |kind| kind > Kind::Cadres, Some(&lookup));
    let mut visits = Table::default();
    for mut part in rest.visits {
        take_meta(&mut part, &mut files, &mut findings);
        visits.push_chunk(part.records);
    }
    let (mut problems, mut leaves) = (Vec::new(), Vec::new());
    merge(
        rest.problems,
        &mut files,
        &mut findings,
        &mut problems,
        &mut Vec::new(),
    );
    merge(
        rest.leaves,
        &mut files,
        &mut findings,
        &mut leaves,
        &mut Vec::new(),
    );

    Loaded {
        data: Dataset {
            config,
            files,
            regions,
            cadres,
            visits,
            problems,
            leaves,
            region_index: region_keys.index,
            cadre_index: cadre_keys.index,
        },
        findings,
    }
}

/// What reading one file gave.
struct Part<T> {
    file: FileId,
    columns: Vec<(&'static str, Box<str>)>,
    rows: usize,
    complete: bool,
    records: Vec<T>,
    /// Keys of rows that failed to build.
    broken: Vec<String>,
    /// References not resolved yet (when read without a lookup).
    pending: Vec<build::Pending>,
    findings: Vec<Finding>,
}

/// A part of any kind, as the parallel readers hand them back.
enum Batch {
    Regions(Part<Region>),
    Cadres(Part<Cadre>),
    Visits(Part<Visit>),
    Problems(Part<Problem>),
    Leaves(Part<Leave>),
}

/// The parts of each kind, in path order.
#[derive(Default)]
struct Parts {
    regions: Vec<Part<Region>>,
    cadres: Vec<Part<Cadre>>,
    visits: Vec<Part<Visit>>,
    problems: Vec<Part<Problem>>,
    leaves: Vec<Part<Leave>>,
}

/// Reads the files of the kinds `wanted`, in parallel, biggest first so
/// that both cores stay busy. With a lookup, references are resolved as
/// they are read; without, they are left pending.
fn read_all(jobs: &[Job], wanted: impl Fn(Kind) -> bool, lookup: Option<&Lookup>) -> Parts {
    let mut todo: Vec<&Job> = jobs.iter().filter(|j| wanted(j.kind)).collect();
    todo.sort_by_key(|j| std::cmp::Reverse(j.size));
    let mut done = parallel::map(&todo, |job| {
        let batch = match job.kind {
            Kind::Regions => Batch::Regions(read_file(job, lookup)),
            Kind::Cadres => Batch::Cadres(read_file(job, lookup)),
            Kind::Visits => Batch::Visits(read_file(job, lookup)),
            Kind::Problems => Batch::Problems(read_file(job, lookup)),
            Kind::Leaves => Batch::Leaves(read_file(job, lookup)),
        };
        (job.file, batch)
    });
    // Back into path order, so that records and findings keep file order.
    done.sort_by_key(|(file, _)| *file);
    let mut parts = Parts::default();
    for (_, batch) in done {
        match batch {
            Batch::Regions(p) => parts.regions.push(p),
            Batch::Cadres(p) => parts.cadres.push(p),
            Batch::Visits(p) => parts.visits.push(p),
            Batch::Problems(p) => parts.problems.push(p),
            Batch::Leaves(p) => parts.leaves.push(p),
        }
    }
    parts
}

/// Appends the parts (in file order) to the dataset's lists; says whether
/// every file of the kind was read in full.
fn merge<T>(
    parts: Vec<Part<T>>,
    files: &mut [SourceFile],
    findings: &mut Vec<Finding>,
    records: &mut Vec<T>,
    broken: &mut Vec<String>,
) -> bool {
    let mut complete = true;
    for mut part in parts {
        complete &= take_meta(&mut part, files, findings);
        records.append(&mut part.records);
        broken.append(&mut part.broken);
    }
    complete
}

/// Moves what a part found out about its file into the file list and the
/// findings; says whether the file was read in full.
fn take_meta<T>(part: &mut Part<T>, files: &mut [SourceFile], findings: &mut Vec<Finding>) -> bool {
    if let Some(file) = files.get_mut(part.file.0 as usize) {
        file.columns = std::mem::take(&mut part.columns);
        file.rows = part.rows;
    }
    findings.append(&mut part.findings);
    part.complete
}

fn index_keys<'a, Id: Copy>(
    keys: &mut build::Keys<Id>,
    records: impl Iterator<Item = &'a str>,
    broken: Vec<String>,
    complete: bool,
    make_id: fn(u32) -> Id,
) {
    keys.index.reserve(records.size_hint().0);
    for (i, key) in records.enumerate() {
        keys.index.insert_first(key, make_id(i as u32));
    }
    keys.broken = broken.into_iter().map(Into::into).collect::<FxHashSet<_>>();
    keys.complete = complete;
}

/// Resolves each township's and village's parent, once every region is
/// read. A county's parent (a city code, in statistical lists) is not ours
/// to check.
fn resolve_parents(
    regions: &mut [Region],
    keys: &build::Keys<RegionId>,
    findings: &mut Vec<Finding>,
) {
    for region in regions
        .iter_mut()
        .filter(|r| r.level != RegionLevel::County)
    {
        let Some(code) = &region.parent_code else {
            continue;
        };
        let parent = keys.resolve(&Key::new(code));
        if parent == Ref::Unknown {
            findings.push(
                Finding::new(
                    &UNKNOWN_REGION,
                    region.span,
                    Message::UnknownRegion {
                        from: Referrer::Region,
                        code: code.to_string(),
                    },
                )
                .field("parent")
                .value(code.clone()),
            );
        }
        region.parent = Some(parent);
    }
}

/// The keys references resolve against.
struct Lookup<'k> {
    regions: &'k build::Keys<RegionId>,
    cadres: &'k build::Keys<CadreId>,
}

impl Lookup<'_> {
    fn prefetch(&self, p: &build::Pending) {
        match p.target {
            build::Target::Region => self.regions.index.prefetch(&p.key),
            build::Target::Cadre => self.cadres.index.prefetch(&p.key),
        }
    }
}

/// How many references to collect before resolving them together: enough
/// for the lookups to overlap, few enough that the records they patch are
/// still in cache.
const LINK_BATCH: usize = 4096;

/// Reads one file into records of kind `B`.
fn read_file<B: build::Build>(job: &Job, lookup: Option<&Lookup>) -> Part<B> {
    let mut part = Part {
        file: job.file,
        columns: Vec::new(),
        rows: 0,
        complete: false,
        records: Vec::new(),
        broken: Vec::new(),
        pending: Vec::new(),
        findings: Vec::new(),
    };
    let span = |line| Span {
        file: job.file,
        line,
    };
    // Each worker reads into one buffer it keeps: a fresh buffer per file
    // would cost a page fault per 4 KiB of every file.
    thread_local! {
        static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    BUFFER.with_borrow_mut(|bytes| {
        bytes.clear();
        let read =
            fs::File::open(&job.path).and_then(|mut f| std::io::Read::read_to_end(&mut f, bytes));
        if let Err(e) = read {
            part.findings.push(Finding::new(
                &UNREADABLE_FILE,
                span(0),
                Message::Unreadable {
                    error: e.to_string(),
                },
            ));
            return;
        }
        read_text(bytes, job, lookup, &mut part);
    });
    part
}

/// Decodes a file's bytes and reads its rows into `part`.
fn read_text<B: build::Build>(
    bytes: &[u8],
    job: &Job,
    lookup: Option<&Lookup>,
    part: &mut Part<B>,
) {
    let span = |line| Span {
        file: job.file,
        line,
    };
    let text = match decode(bytes) {
        Ok((text, _)) => text,
        Err((line, message)) => {
            part.findings
                .push(Finding::new(&BAD_ENCODING, span(line), message));
            return;
        }
    };
    // At most one record per line: sizing for that spares the copies (and
    // page faults) of a list that grows by doubling.
    part.records
        .reserve(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
    let Part {
        records,
        broken,
        pending,
        findings,
        ..
    } = part;
    let mut taker = Taker {
        file: job.file,
        lookup,
        records,
        broken,
        pending,
        dates: build::DateMemo::default(),
    };
    let (rows, complete, columns) = match job.format {
        Format::Csv => {
            let outcome = csv::read(&text, B::KIND, job.file, findings, |row, findings| {
                taker.take(row, findings)
            });
            (outcome.rows, outcome.complete, outcome.columns)
        }
        Format::Toml => {
            let outcome = toml::read(&text, B::KIND, job.file, findings, |row, findings| {
                taker.take(row, findings)
            });
            (outcome.rows, outcome.complete, Vec::new())
        }
    };
    if let Some(lookup) = lookup {
        link(records, pending, job.file, lookup, findings);
    }
    part.rows = rows;
    part.complete = complete;
    part.columns = columns;
}

/// Builds the records of one file.
struct Taker<'t, B> {
    file: FileId,
    lookup: Option<&'t Lookup<'t>>,
    records: &'t mut Vec<B>,
    broken: &'t mut Vec<String>,
    pending: &'t mut Vec<build::Pending>,
    dates: build::DateMemo,
}

impl<B: build::Build> Taker<'_, B> {
    /// Builds a record from a row, or remembers the row's key as broken.
    fn take<R: Row>(&mut self, row: &R, findings: &mut Vec<Finding>) {
        let mark = self.pending.len();
        let mut sink = build::Sink {
            file: self.file,
            record: self.records.len() as u32,
            findings,
            pending: self.pending,
            dates: &mut self.dates,
        };
        match B::build(row, &mut sink) {
            Some(record) => self.records.push(record),
            None => {
                // No record: its references go with it.
                self.pending.truncate(mark);
                self.broken.extend(B::key(row));
            }
        }
        if let Some(lookup) = self.lookup.filter(|_| self.pending.len() >= LINK_BATCH) {
            link(self.records, self.pending, self.file, lookup, findings);
        }
    }
}

/// Resolves pending references of one file's records, reporting keys
/// nothing has.
fn link<B: build::Build>(
    records: &mut [B],
    pending: &mut Vec<build::Pending>,
    file: FileId,
    lookup: &Lookup,
    findings: &mut Vec<Finding>,
) {
    let from = Referrer::from(B::KIND);
    // Touch the slots of a few keys ahead, so that their cache misses
    // overlap instead of queueing.
    const AHEAD: usize = 16;
    for p in pending.iter().take(AHEAD) {
        lookup.prefetch(p);
    }
    for i in 0..pending.len() {
        if let Some(ahead) = pending.get(i + AHEAD) {
            lookup.prefetch(ahead);
        }
        let p = &pending[i];
        let (resolved, unknown) = match p.target {
            build::Target::Region => {
                let r = lookup.regions.resolve(&p.key);
                (build::Resolved::Region(r), r == Ref::Unknown)
            }
            build::Target::Cadre => {
                let r = lookup.cadres.resolve(&p.key);
                (build::Resolved::Cadre(r), r == Ref::Unknown)
            }
        };
        if let Some(record) = records.get_mut(p.record as usize) {
            record.set_ref(p.slot, resolved);
        }
        if unknown {
            let key = p.key.text();
            let (check, message) = match p.target {
                build::Target::Region => (
                    &UNKNOWN_REGION,
                    Message::UnknownRegion {
                        from,
                        code: key.clone(),
                    },
                ),
                build::Target::Cadre => (
                    &UNKNOWN_CADRE,
                    Message::UnknownCadre {
                        from,
                        id: key.clone(),
                    },
                ),
            };
            let span = Span { file, line: p.line };
            let field = schema::fields(B::KIND)
                .get(usize::from(p.field))
                .map_or("", |f| f.name);
            findings.push(Finding::new(check, span, message).field(field).value(key));
        }
    }
    pending.clear();
}

/// A data file found in the folder.
struct Found {
    path: PathBuf,
    /// The format, or why the file cannot be read.
    format: Result<Format, String>,
    size: u64,
}

/// Lists the files of `kind`: `KIND.csv`, `KIND.toml`, then every `*.csv`
/// and `*.toml` under `KIND/`, recursively, in sorted path order.
fn discover(dir: &Path, kind: Kind) -> Vec<Found> {
    let mut out = Vec::new();
    for format in ["csv", "toml"] {
        let path = dir.join(format!("{}.{format}", kind.plural()));
        match fs::metadata(&path) {
            Ok(meta) if meta.is_file() => out.push(Found {
                format: format_of(&path).ok_or_else(not_a_file),
                path,
                size: meta.len(),
            }),
            Ok(_) => out.push(Found {
                path,
                format: Err(not_a_file()),
                size: 0,
            }),
            // Absent is fine; present but unreadable is a finding. A
            // dangling symlink or a symlink loop ends up here too.
            Err(e)
                if e.kind() == std::io::ErrorKind::NotFound
                    && fs::symlink_metadata(&path).is_err() => {}
            Err(e) => out.push(Found {
                path,
                format: Err(e.to_string()),
                size: 0,
            }),
        }
    }
    let folder = dir.join(kind.plural());
    if folder.is_dir() {
        let mut seen = FxHashSet::default();
        walk(&folder, &mut seen, &mut out);
    }
    out
}

fn not_a_file() -> String {
    "not a regular file".to_string()
}

/// Walks a kind's folder in sorted order, following symlinks but never
/// entering a folder twice (a symlink loop ends there).
fn walk(folder: &Path, seen: &mut FxHashSet<PathBuf>, out: &mut Vec<Found>) {
    let canonical = fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf());
    if !seen.insert(canonical) {
        return;
    }
    let entries = match fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) => {
            out.push(Found {
                path: folder.to_path_buf(),
                format: Err(e.to_string()),
                size: 0,
            });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let name = path.file_name().and_then(OsStr::to_str).unwrap_or("");
        // Hidden files and the lock files Excel and WPS leave beside an
        // open file are not data.
        if name.starts_with('.') || name.starts_with("~$") {
            continue;
        }
        match fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => walk(&path, seen, out),
            Ok(meta) => {
                if let Some(format) = format_of(&path) {
                    let format = if meta.is_file() {
                        Ok(format)
                    } else {
                        Err(not_a_file())
                    };
                    out.push(Found {
                        path,
                        format,
                        size: meta.len(),
                    });
                }
            }
            Err(e) => {
                if format_of(&path).is_some() {
                    out.push(Found {
                        path,
                        format: Err(e.to_string()),
                        size: 0,
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        assert_eq!(
            relative_to(Path::new("/a/b/c"), Path::new("/a/b")),
            PathBuf::from("c")
        );
        assert_eq!(
            relative_to(Path::new("/a/x"), Path::new("/a/b")),
            PathBuf::from("../x")
        );
        assert_eq!(
            relative_to(Path::new("/a/b"), Path::new("/a/b")),
            PathBuf::from(".")
        );
        assert_eq!(
            relative_to(Path::new("data"), Path::new("/a/b")),
            PathBuf::from("data")
        );
    }
}
