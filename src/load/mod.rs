//! Loading a data folder (docs/data.md): finding it, listing its files, reading
//! each file once, and resolving references through indexes.
//!
//! Loading never fails: whatever cannot be read becomes a finding and the
//! rest is still loaded. Every file is read once, on every core: regions and
//! cadres first, since everything else refers to them; see `read_all` for
//! how references wait for their keys without a core waiting.

mod build;
mod bytes;
pub(crate) mod csv;
mod decode;
mod discover;
mod link;
pub(crate) mod split;
mod toml;

use std::ffi::OsStr;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use anyhow::bail;
use rustc_hash::FxHashSet;

use crate::config::{self, Config};
use crate::finding::Finding;
use crate::lang::{Lang, tr};
use crate::model::{
    Cadre, CadreId, Dataset, FileId, FileRole, Kind, Leave, Problem, Region, RegionId, Skip,
    SourceFile, Span, Stamp, Table, Visit,
};
use crate::parallel;
use decode::{doubt_findings, undecodable};
use discover::{LeftoverTemp, OutsideLink, RepeatedLink, Unreadable, What};
use link::{Lookup, link, resolve_parents};

pub use build::{
    CadreNeeded, Cell, INVALID_DATE, INVALID_NUMBER, INVALID_VALUE, InvalidDate, InvalidEnum,
    InvalidNumber, InvalidText, MISSING_VALUE, MissingValue, NumberTooLarge, ParentNeeded, Row,
    split_list,
};
pub use bytes::{FileRead, read_bytes};
pub use csv::{
    BAD_QUOTING, BAD_SEPARATOR, DUPLICATE_COLUMN, DuplicateColumn, EMPTY_FILE, EmptyFile,
    FIELD_COUNT, FieldCount, MISSING_COLUMN, MissingColumn, MoreUnknownColumns, Separator,
    UNKNOWN_COLUMN, UnclosedQuote, UnknownColumn,
};
pub use decode::{
    AMBIGUOUS_ENCODING, AmbiguousEncoding, BAD_ENCODING, Decoded, Doubt, Encoding, MIXED_ENCODING,
    MixedEncoding, Undecodable, decode,
};
pub use discover::{LEFTOVER_TEMP_FILE, OUTSIDE_LINK, REPEATED_LINK, UNREADABLE_FILE};
pub use link::{UNKNOWN_CADRE, UNKNOWN_REGION, UnknownCadre, UnknownRegion};
pub use toml::{INVALID_TOML, NotRecordTable};

/// The name of the file that marks a data folder.
pub const CONFIG_FILE: &str = "bangcun.toml";

/// A loaded data folder: its settings, its records, and everything found
/// wrong while reading them (as beancount's `load_file` returns options,
/// entries and errors).
#[derive(Debug)]
pub struct Loaded {
    /// `bangcun.toml`, defaults standing in for what it lacks or has wrong.
    pub config: Config,
    pub data: Dataset,
    pub findings: Vec<Finding>,
}

/// Finds the data folder, in the order of docs/data.md: `--data DIR`; `$BANGCUN_DATA`;
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
        let shown = dir.display();
        if !dir.exists() {
            bail!(tr!(
                lang,
                "{source} 指定的目录 {shown} 不存在（可用 `bangcun init {shown}` 新建数据目录）",
                "{source} names {shown}, which does not exist (make a data folder there with `bangcun init {shown}`)",
            ));
        }
        if !dir.is_dir() {
            bail!(tr!(
                lang,
                "{source} 指定的 {shown} 是文件，不是目录；应指定数据目录（含 bangcun.toml 的目录）",
                "{source} names {shown}, which is a file, not a folder; name the data folder (the folder holding bangcun.toml)",
            ));
        }
        if !dir.join(CONFIG_FILE).is_file() {
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

/// The format of a file by its extension (`.csv` or `.toml`, in any case);
/// `None` for any other file, which is no data file.
pub fn format_of(path: &Path) -> Option<Format> {
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
        name: PathBuf::from(CONFIG_FILE),
        role: FileRole::Config,
        columns: Vec::new(),
        rows: 0,
        stamp: None,
        complete: true,
    });
    let at = |line| Span {
        file: FileId(0),
        line,
    };
    let config = match fs::read(&config_path).map(|bytes| decode(&bytes).map(Decoded::into_owned)) {
        Ok(Ok((text, doubt))) => {
            if let Some(doubt) = doubt {
                findings.extend(doubt_findings(doubt, FileId(0), &text));
            }
            let (config, found) = config::parse(&text, FileId(0));
            findings.extend(found);
            config
        }
        Ok(Err(undecoded)) => {
            findings.push(undecodable(FileId(0), undecoded));
            Config::default()
        }
        Err(e) => {
            let error = e.to_string();
            findings.push(Finding::new(&UNREADABLE_FILE, at(0), Unreadable { error }));
            Config::default()
        }
    };

    let mut jobs = Vec::new();
    // Kinds with a file that could not be opened (or is not read, behind a
    // link out of the folder): their keys are not all known, so a
    // reference to a missing one is no finding.
    let mut unreadable = Vec::new();
    let discovery = discover::discover(dir);
    let kinds = discovery.kinds.into_iter().map(|(kind, e)| (Some(kind), e));
    for (kind, entries) in kinds.chain([(None, discovery.top)]) {
        for entry in entries {
            let file = FileId(files.len() as u32);
            let at = Span { file, line: 0 };
            let (role, finding) = match entry.what {
                What::Data { format, size } => {
                    let Some(kind) = kind else { continue };
                    let finding = match format {
                        Ok(format) => {
                            let path = entry.path.clone();
                            jobs.push(Job {
                                file,
                                kind,
                                path,
                                format,
                                size,
                            });
                            None
                        }
                        Err(error) => {
                            unreadable.push(kind);
                            let message = Unreadable { error };
                            Some(Finding::new(&UNREADABLE_FILE, at, message))
                        }
                    };
                    (FileRole::Data(kind), finding)
                }
                What::Leftover { target, pid } => {
                    let message = LeftoverTemp { target, pid };
                    let finding = Finding::new(&LEFTOVER_TEMP_FILE, at, message);
                    (FileRole::Skipped(Skip::Leftover), Some(finding))
                }
                What::Outside { target } => {
                    unreadable.extend(kind);
                    // Shown as every path is: from the current directory.
                    let target = match std::env::current_dir() {
                        Ok(cwd) => relative_to(&target, &cwd),
                        Err(_) => target,
                    };
                    let target = target.display().to_string();
                    let finding = Finding::new(&OUTSIDE_LINK, at, OutsideLink { target });
                    (FileRole::Skipped(Skip::OutsideLink), Some(finding))
                }
                What::Repeated { first } => {
                    let first = first.map(|p| p.display().to_string());
                    let finding = Finding::new(&REPEATED_LINK, at, RepeatedLink { first });
                    (FileRole::Skipped(Skip::RepeatedLink), Some(finding))
                }
            };
            files.push(SourceFile {
                // Every path found is `dir` joined with a name under it.
                name: entry
                    .path
                    .strip_prefix(dir)
                    .unwrap_or(&entry.path)
                    .to_path_buf(),
                path: entry.path,
                role,
                columns: Vec::new(),
                rows: 0,
                stamp: None,
                // Until its part says otherwise: a file that cannot be
                // opened has none.
                complete: false,
            });
            findings.extend(finding);
        }
    }

    let (rest, base) = read_all(&jobs, &unreadable);
    // Every file's columns, rows and findings, in path order.
    let Base {
        regions,
        cadres,
        region_keys,
        cadre_keys,
        region_parts,
        cadre_parts,
        findings: parent_findings,
    } = base;
    for mut part in region_parts {
        take_meta(&mut part, &mut files, &mut findings);
    }
    findings.extend(parent_findings);
    for mut part in cadre_parts {
        take_meta(&mut part, &mut files, &mut findings);
    }
    let mut visits = Table::default();
    for mut part in rest.visits {
        take_meta(&mut part, &mut files, &mut findings);
        visits.push_chunk(part.records);
    }
    let (mut problems, mut leaves) = (Vec::new(), Vec::new());
    for mut part in rest.problems {
        take_meta(&mut part, &mut files, &mut findings);
        problems.append(&mut part.records);
    }
    for mut part in rest.leaves {
        take_meta(&mut part, &mut files, &mut findings);
        leaves.append(&mut part.records);
    }

    Loaded {
        config,
        data: Dataset {
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
    /// The file's size and modification time as it was read.
    stamp: Option<Stamp>,
}

impl<T> Part<T> {
    /// Nothing read yet (and not complete until the file is read through).
    fn new(file: FileId) -> Self {
        Part {
            file,
            columns: Vec::new(),
            rows: 0,
            complete: false,
            records: Vec::new(),
            broken: Vec::new(),
            pending: Vec::new(),
            findings: Vec::new(),
            stamp: None,
        }
    }
}

/// A part of any kind, as the parallel readers hand them back.
enum Batch {
    Regions(Part<Region>),
    Cadres(Part<Cadre>),
    Visits(Part<Visit>),
    Problems(Part<Problem>),
    Leaves(Part<Leave>),
}

/// The parts of the kinds that refer to regions and cadres, in path order.
#[derive(Default)]
struct Parts {
    visits: Vec<Part<Visit>>,
    problems: Vec<Part<Problem>>,
    leaves: Vec<Part<Leave>>,
}

/// Regions and cadres, read, indexed and linked: what the references of
/// every other kind resolve against.
struct Base {
    regions: Vec<Region>,
    cadres: Vec<Cadre>,
    region_keys: build::Keys<RegionId>,
    cadre_keys: build::Keys<CadreId>,
    /// The parts the records came from, kept for their files' columns,
    /// rows and findings.
    region_parts: Vec<Part<Region>>,
    cadre_parts: Vec<Part<Cadre>>,
    /// Unknown parents.
    findings: Vec<Finding>,
}

impl Base {
    /// Builds the base from the parts of every regions and cadres file, in
    /// path order; `unreadable` names kinds with a file that could not be
    /// opened at all (their keys are not all known).
    fn build(
        mut region_parts: Vec<Part<Region>>,
        mut cadre_parts: Vec<Part<Cadre>>,
        unreadable: &[Kind],
    ) -> Base {
        let (mut regions, broken, complete) = take_records(&mut region_parts);
        let mut region_keys = build::Keys::new();
        let complete = complete && !unreadable.contains(&Kind::Regions);
        let codes = regions.iter().map(|r| &*r.code);
        index_keys(&mut region_keys, codes, broken, complete, RegionId);
        let mut findings = Vec::new();
        resolve_parents(&mut regions, &region_keys, &mut findings);

        // Cadres refer to regions only.
        let mut cadre_keys = build::Keys::new();
        let lookup = Lookup {
            regions: &region_keys,
            cadres: &cadre_keys,
        };
        for part in &mut cadre_parts {
            link(
                &mut part.records,
                &mut part.pending,
                part.file,
                &lookup,
                &mut part.findings,
            );
        }
        let (cadres, broken, complete) = take_records(&mut cadre_parts);
        let complete = complete && !unreadable.contains(&Kind::Cadres);
        let ids = cadres.iter().map(|c| &*c.id);
        index_keys(&mut cadre_keys, ids, broken, complete, CadreId);
        Base {
            regions,
            cadres,
            region_keys,
            cadre_keys,
            region_parts,
            cadre_parts,
            findings,
        }
    }

    fn lookup(&self) -> Lookup<'_> {
        Lookup {
            regions: &self.region_keys,
            cadres: &self.cadre_keys,
        }
    }
}

/// Regions and cadres parts gathered while they are read.
#[derive(Default)]
struct First {
    regions: Vec<Part<Region>>,
    cadres: Vec<Part<Cadre>>,
    done: usize,
}

/// Reads every data file on every core, biggest first within regions and
/// cadres (read first: everything else refers to them), then the rest.
///
/// The worker that finishes the last regions or cadres file builds the
/// [`Base`] while the other goes on reading; a file read before the base is
/// ready keeps its references pending until the base is there, and the
/// rest link theirs as they read. No core waits for the base to be built.
fn read_all(jobs: &[Job], unreadable: &[Kind]) -> (Parts, Base) {
    let mut order: Vec<&Job> = jobs.iter().collect();
    order.sort_by_key(|j| (j.kind > Kind::Cadres, std::cmp::Reverse(j.size)));
    let first_jobs = order.iter().filter(|j| j.kind <= Kind::Cadres).count();
    let base = OnceLock::new();
    let first = Mutex::new(First::default());
    let build_base = |first: First| {
        let (mut regions, mut cadres) = (first.regions, first.cadres);
        regions.sort_by_key(|p| p.file);
        cadres.sort_by_key(|p| p.file);
        Base::build(regions, cadres, unreadable)
    };
    let finish_first = |batch: Batch| {
        let mut gathered = first
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        match batch {
            Batch::Regions(p) => gathered.regions.push(p),
            Batch::Cadres(p) => gathered.cadres.push(p),
            _ => {}
        }
        gathered.done += 1;
        if gathered.done == first_jobs {
            let all = std::mem::take(&mut *gathered);
            drop(gathered);
            let _ = base.set(build_base(all));
        }
    };
    if first_jobs == 0 {
        let _ = base.set(build_base(First::default()));
    }
    let mut done: Vec<(FileId, Batch)> = parallel::map(&order, |job| {
        let batch = match job.kind {
            Kind::Regions => Batch::Regions(read_file(job, &base)),
            Kind::Cadres => Batch::Cadres(read_file(job, &base)),
            Kind::Visits => Batch::Visits(read_file(job, &base)),
            Kind::Problems => Batch::Problems(read_file(job, &base)),
            Kind::Leaves => Batch::Leaves(read_file(job, &base)),
        };
        match batch {
            Batch::Regions(_) | Batch::Cadres(_) => {
                finish_first(batch);
                None
            }
            batch => Some((job.file, batch)),
        }
    })
    .into_iter()
    .flatten()
    .collect();
    // Every regions and cadres file is read, so the base is there (built
    // here should the worker building it have failed).
    let base = match base.into_inner() {
        Some(base) => base,
        None => build_base(first.into_inner().unwrap_or_else(|p| p.into_inner())),
    };

    // Back into path order, so that records and findings keep file order;
    // link what was read before the base was ready.
    done.sort_by_key(|(file, _)| *file);
    let lookup = base.lookup();
    let mut parts = Parts::default();
    for (_, batch) in done {
        match batch {
            Batch::Visits(p) => parts.visits.push(linked(p, &lookup)),
            Batch::Problems(p) => parts.problems.push(linked(p, &lookup)),
            Batch::Leaves(p) => parts.leaves.push(linked(p, &lookup)),
            Batch::Regions(_) | Batch::Cadres(_) => {}
        }
    }
    (parts, base)
}

/// A part with its pending references, if any, resolved.
fn linked<B: build::Build>(mut part: Part<B>, lookup: &Lookup) -> Part<B> {
    if !part.pending.is_empty() {
        link(
            &mut part.records,
            &mut part.pending,
            part.file,
            lookup,
            &mut part.findings,
        );
    }
    part
}

/// Moves the records and broken keys out of parts, leaving what they found
/// out about their files; says whether every file was read in full.
fn take_records<T>(parts: &mut [Part<T>]) -> (Vec<T>, Vec<String>, bool) {
    let mut records = Vec::with_capacity(parts.iter().map(|p| p.records.len()).sum());
    let mut broken = Vec::new();
    let mut complete = true;
    for part in parts {
        records.append(&mut part.records);
        broken.append(&mut part.broken);
        complete &= part.complete;
    }
    (records, broken, complete)
}

/// Moves what a part found out about its file into the file list and the
/// findings.
fn take_meta<T>(part: &mut Part<T>, files: &mut [SourceFile], findings: &mut Vec<Finding>) {
    if let Some(file) = files.get_mut(part.file.0 as usize) {
        file.columns = std::mem::take(&mut part.columns);
        file.rows = part.rows;
        file.stamp = part.stamp;
        file.complete = part.complete;
    }
    findings.append(&mut part.findings);
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

/// How many references to collect before resolving them together: enough
/// for the lookups to overlap, few enough that the records they patch are
/// still in cache.
const LINK_BATCH: usize = 4096;

/// Reads one file into records of kind `B`.
fn read_file<B: build::Build>(job: &Job, base: &OnceLock<Base>) -> Part<B> {
    let mut part = Part::new(job.file);
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
        // Its size and time as read, taken from the file read, so that
        // `fmt` can tell whether it is still the file that was checked.
        let read = fs::File::open(&job.path).and_then(|mut f| {
            std::io::Read::read_to_end(&mut f, bytes)?;
            f.metadata()
        });
        if let Ok(meta) = &read {
            part.stamp = Some(Stamp::of(meta));
        }
        if let Err(e) = read {
            let error = e.to_string();
            part.findings.push(Finding::new(
                &UNREADABLE_FILE,
                span(0),
                Unreadable { error },
            ));
            return;
        }
        read_text(bytes, job, base, &mut part);
    });
    part
}

/// Decodes a file's bytes and reads its rows into `part`.
fn read_text<B: build::Build>(bytes: &[u8], job: &Job, base: &OnceLock<Base>, part: &mut Part<B>) {
    let text = match decode(bytes) {
        Ok(decoded) => {
            if let Some(doubt) = decoded.doubt {
                let found = doubt_findings(doubt, job.file, &decoded.text);
                part.findings.extend(found);
            }
            decoded.text
        }
        Err(undecoded) => {
            part.findings.push(undecodable(job.file, undecoded));
            return;
        }
    };
    // At most one record per line of CSV: sizing for that spares the
    // copies (and page faults) of a list that grows by doubling. (A TOML
    // record spans several lines; its list grows as it is read.)
    if job.format == Format::Csv {
        part.records
            .reserve(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
    }
    let Part {
        records,
        broken,
        pending,
        findings,
        ..
    } = part;
    let mut taker = Taker {
        file: job.file,
        base,
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
    if let Some(base) = base.get() {
        link(records, pending, job.file, &base.lookup(), findings);
    }
    part.rows = rows;
    part.complete = complete;
    part.columns = columns;
}

/// Builds the records of one file.
struct Taker<'t, B> {
    file: FileId,
    /// Once built, what references resolve against.
    base: &'t OnceLock<Base>,
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
        if self.pending.len() >= LINK_BATCH {
            if let Some(base) = self.base.get() {
                link(
                    self.records,
                    self.pending,
                    self.file,
                    &base.lookup(),
                    findings,
                );
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
