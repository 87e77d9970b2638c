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
mod names;
pub(crate) mod split;
mod toml;
pub(crate) mod workbook;

use std::ffi::OsStr;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use std::any::Any;

use anyhow::bail;
use rustc_hash::FxHashSet;

use crate::config::{self, Aliases, Config};
use crate::finding::Finding;
use crate::io_error::IoProblem;
use crate::lang::{Lang, tr};
use crate::model::{
    self, Dataset, FileId, FileRole, KeyIndex, Kind, KindVisitor, Record, Region, Skip, SourceFile,
    Span, Stamp, Stored,
};
use crate::parallel;
use build::Keys;
pub use build::Row;
use decode::{doubt_findings, undecodable};
use discover::{LeftoverTemp, OutsideLink, RepeatedLink, Unreadable, What};
use link::{Lookup, link, resolve_parents};

pub use build::{
    CadreNeeded, Cell, INVALID_DATE, INVALID_NUMBER, INVALID_STARS, INVALID_VALUE, INVALID_YEAR,
    InvalidDate, InvalidEnum, InvalidNumber, InvalidStars, InvalidText, InvalidYear, MISSING_VALUE,
    MissingValue, NotDays, NumberTooLarge, ParentNeeded, split_list,
};
pub use bytes::{FileRead, read_bytes};
pub use csv::{
    BAD_QUOTING, DUPLICATE_COLUMN, DuplicateColumn, EMPTY_FILE, EmptyFile, FIELD_COUNT, FieldCount,
    MISSING_COLUMN, MissingColumn, MoreUnknownColumns, UNKNOWN_COLUMN, UnclosedQuote,
    UnknownColumn,
};
pub use decode::{
    AMBIGUOUS_ENCODING, AmbiguousEncoding, BAD_ENCODING, BIG5_ENCODING, Big5Encoding, Decoded,
    Doubt, Encoding, MIXED_ENCODING, MixedEncoding, OddLine, Undecodable, decode,
};
pub use discover::{LEFTOVER_TEMP_FILE, OUTSIDE_LINK, REPEATED_LINK, UNREADABLE_FILE};
pub use link::{
    UNKNOWN_CADRE, UNKNOWN_HOUSEHOLD, UNKNOWN_REGION, UnknownCadre, UnknownHousehold, UnknownRegion,
};
pub use names::{
    AMBIGUOUS_CADRE, AMBIGUOUS_HOUSEHOLD, AMBIGUOUS_PLACE, Ambiguous, MANGLED_CODE, MangledCode,
    SUFFIXES,
};
pub use toml::{INVALID_TOML, NotRecordTable};
pub use workbook::{BAD_WORKBOOK, BadWorkbook};

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
    /// `.xlsx`, `.xls` or `.ods`.
    Workbook,
}

/// The extensions of data files, in the order a kind's top files are
/// read (`visits.csv` before `visits.toml` before `visits.xlsx` …).
pub const EXTENSIONS: [&str; 5] = ["csv", "toml", "xlsx", "xls", "ods"];

/// The format of a file by its extension (`.csv`, `.toml`, `.xlsx`,
/// `.xls` or `.ods`, in any case); `None` for any other file, which is no
/// data file.
pub fn format_of(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?;
    let is = |e: &str| ext.eq_ignore_ascii_case(e);
    if is("csv") {
        Some(Format::Csv)
    } else if is("toml") {
        Some(Format::Toml)
    } else if is("xlsx") || is("xls") || is("ods") {
        Some(Format::Workbook)
    } else {
        None
    }
}

/// Words in a file's or sheet's name that tell its kind (问题台账,
/// 走访记录, 请假登记). 台账 (ledger) alone is a problems ledger, but only when
/// nothing else tells: every kind is kept in a 台账.
const KIND_WORDS: [(Kind, &str); 18] = [
    (Kind::Problems, "问题"),
    (Kind::Visits, "走访"),
    (Kind::Visits, "下沉"),
    (Kind::Leaves, "请假"),
    (Kind::Leaves, "公差"),
    (Kind::Cadres, "干部名单"),
    (Kind::Cadres, "干部花名册"),
    (Kind::Cadres, "干部信息"),
    (Kind::Cadres, "帮联干部"),
    (Kind::Regions, "区划"),
    (Kind::Ratings, "评星"),
    (Kind::Ratings, "星级"),
    (Kind::Reviews, "评议"),
    (Kind::Households, "困难户"),
    (Kind::Households, "帮扶户"),
    (Kind::Households, "联系户"),
    (Kind::Households, "农户"),
    (Kind::Problems, "台账"),
];

/// The kind of a file from outside the data folder (`import`, `cat`),
/// from the first of these that tells: its name beginning with a kind's
/// (`problems.xlsx`, `visits-2026.csv`); the folder it is in
/// (`visits/十月.xlsx`); its header, when exactly one kind's header is
/// among its first rows (in a workbook, of the first sheet with one);
/// the words of its name or its sheets' names, when they name one kind
/// (问题台账.xlsx). `None` when none of these tells.
pub fn guess_kind(path: &Path) -> Option<Kind> {
    if let Some(kind) = kind_by_path(path) {
        return Some(kind);
    }
    let bytes = fs::read(path).ok()?;
    let only = |kinds: Vec<Kind>| (kinds.len() == 1).then(|| kinds[0]);
    let stem = path.file_stem()?.to_string_lossy().into_owned();
    let by_header = match format_of(path)? {
        Format::Workbook => {
            let name = path.file_name()?.to_string_lossy();
            let sheets = workbook::read(&name, &bytes).ok()?;
            return kind_of_sheets(path, &sheets);
        }
        Format::Csv => {
            let decoded = decode(&bytes).ok()?;
            let text = decoded.text;
            [b',', b';', b'\t'].into_iter().find_map(|separator| {
                let mut splitter = split::Splitter::with_separator(&text, separator);
                only(csv::header_kinds(|c| splitter.next_record(c)))
            })
        }
        Format::Toml => {
            let text = String::from_utf8(bytes).ok()?;
            only(
                Kind::ALL
                    .into_iter()
                    .filter(|k| text.contains(&format!("[[{}]]", k.singular())))
                    .collect(),
            )
        }
    };
    by_header.or_else(|| by_words(&[stem]))
}

/// The kind [`guess_kind`] tells from a file's path alone, without
/// reading it: its name beginning with a kind's, or its folder's name.
pub fn kind_by_path(path: &Path) -> Option<Kind> {
    let stem = path.file_stem()?.to_string_lossy().to_lowercase();
    let folder = path
        .parent()
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy().to_lowercase());
    Kind::ALL
        .into_iter()
        .find(|k| stem.starts_with(k.plural()))
        .or_else(|| {
            let folder = folder?;
            Kind::ALL.into_iter().find(|k| folder == k.plural())
        })
}

/// The kind [`guess_kind`] tells from a workbook's sheets, read already:
/// the header of the first sheet with one, else the words of the file's
/// and the sheets' names.
pub fn kind_of_sheets(path: &Path, sheets: &[workbook::Sheet]) -> Option<Kind> {
    let header = sheets
        .iter()
        .map(|s| csv::header_kinds(s.rows()))
        .find(|kinds| !kinds.is_empty());
    if let Some([one]) = header.as_deref() {
        return Some(*one);
    }
    let mut names = vec![path.file_stem()?.to_string_lossy().into_owned()];
    names.extend(sheets.iter().map(|s| s.name.clone()));
    by_words(&names)
}

/// The one kind the words of `names` tell ([`KIND_WORDS`]), 台账 counting
/// only when no other word is there; `None` when they tell none or
/// several.
fn by_words(names: &[String]) -> Option<Kind> {
    let mut told: Vec<Kind> = Vec::new();
    let (ledger, words) = KIND_WORDS.split_last()?;
    for (kind, word) in words {
        if names.iter().any(|n| n.contains(word)) && !told.contains(kind) {
            told.push(*kind);
        }
    }
    match told.as_slice() {
        [one] => Some(*one),
        [] if names.iter().any(|n| n.contains(ledger.1)) => Some(ledger.0),
        _ => None,
    }
}

/// What the loader makes of a file at `name`, a path inside the data
/// folder (`visits/2026-01.csv`), as [`load`] would find it there:
/// `bangcun.toml`, a data file of a kind (`KIND.csv` and the like at the
/// top, any such file not hidden under `KIND/`), or nothing (`None`). So
/// that a command writing a file can refuse to write it where it would
/// replace data, or be read as data next time.
pub fn role_of(name: &Path) -> Option<FileRole> {
    let parts: Vec<&OsStr> = name
        .components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part),
            _ => None,
        })
        .collect();
    let kind_named = |part: &OsStr| {
        Kind::ALL.into_iter().find(|k| {
            part.to_str()
                .is_some_and(|p| p.eq_ignore_ascii_case(k.plural()))
        })
    };
    match parts.as_slice() {
        [file] if file.eq_ignore_ascii_case(CONFIG_FILE) => Some(FileRole::Config),
        [file] => {
            format_of(name)?;
            let stem = Path::new(file).file_stem()?;
            kind_named(stem).map(FileRole::Data)
        }
        [folder, .., _] => {
            let hidden = |p: &&OsStr| p.as_encoded_bytes().starts_with(b".");
            if parts.iter().any(hidden) || format_of(name).is_none() {
                return None;
            }
            kind_named(folder).map(FileRole::Data)
        }
        [] => None,
    }
}

/// Where `path`, a symbolic link in the data folder `dir`, leads when
/// that is outside the folder (as the current directory shows it); `None`
/// for a file, a link within the folder, or one that leads nowhere (which
/// reading reports).
fn outside_link(dir: &Path, path: &Path) -> Option<String> {
    if !fs::symlink_metadata(path).ok()?.file_type().is_symlink() {
        return None;
    }
    let shown_dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let root = fs::canonicalize(shown_dir).ok()?;
    let real = fs::canonicalize(path).ok()?;
    if real.starts_with(&root) {
        return None;
    }
    let shown = match std::env::current_dir() {
        Ok(cwd) => relative_to(&real, &cwd),
        Err(_) => real,
    };
    Some(shown.display().to_string())
}

/// One data file (or sheet of a workbook) to read.
struct Job {
    file: FileId,
    kind: Kind,
    path: PathBuf,
    format: Format,
    size: u64,
    /// A workbook's sheet, read already, to be taken by the one reading it.
    sheet: Option<Mutex<Option<workbook::Sheet>>>,
}

/// A workbook read whole: its data sheets and its size and time as read;
/// or the finding that it cannot be read (for a file id yet to be given).
type Book = Result<(Vec<workbook::Sheet>, Stamp), BookError>;

/// Why a workbook cannot be read, before its file has an id.
enum BookError {
    Unreadable(IoProblem),
    Bad(BadWorkbook),
}

impl BookError {
    fn at(self, file: FileId) -> Finding {
        let span = Span::file(file);
        match self {
            BookError::Unreadable(error) => {
                Finding::new(&UNREADABLE_FILE, span, Unreadable { error })
            }
            BookError::Bad(why) => Finding::new(&BAD_WORKBOOK, span, why),
        }
    }
}

/// Reads the workbook at `path`: every data sheet's cells.
fn read_book(path: &Path) -> Book {
    let read = fs::File::open(path).and_then(|mut f| {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut bytes)?;
        Ok((bytes, f.metadata()?))
    });
    let (bytes, meta) = read.map_err(|e| BookError::Unreadable(IoProblem::of(&e)))?;
    let name = path.file_name().and_then(OsStr::to_str).unwrap_or_default();
    let sheets = workbook::read(name, &bytes).map_err(BookError::Bad)?;
    Ok((sheets, Stamp::of(&meta)))
}

/// Reads the data folder at `dir` (as found by [`find_data_dir`]).
pub fn load(dir: &Path) -> Loaded {
    load_with(dir, &[])
}

/// Reads the data folder at `dir` and, as if they were in it, the files
/// `extra` (each of its kind, read after the folder's files of the kind):
/// what `bangcun import` checks before it writes.
pub fn load_with(dir: &Path, extra: &[(PathBuf, Kind)]) -> Loaded {
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
        complete: true,
        ..SourceFile::new(
            config_path.clone(),
            PathBuf::from(CONFIG_FILE),
            FileRole::Config,
        )
    });
    let at = |line| Span {
        file: FileId(0),
        line,
    };
    // A link out of the folder is not followed, for the settings as for
    // the data (docs/data.md): the defaults hold.
    let config = if let Some(target) = outside_link(dir, &config_path) {
        findings.push(Finding::new(&OUTSIDE_LINK, at(0), OutsideLink { target }));
        Config::default()
    } else {
        match fs::read(&config_path).map(|bytes| decode(&bytes).map(Decoded::into_owned)) {
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
                let error = IoProblem::of(&e);
                findings.push(Finding::new(&UNREADABLE_FILE, at(0), Unreadable { error }));
                Config::default()
            }
        }
    };

    let mut jobs = Vec::new();
    // Kinds with a file that could not be opened (or is not read, behind a
    // link out of the folder): their keys are not all known, so a
    // reference to a missing one is no finding.
    let mut unreadable = Vec::new();
    let mut discovery = discover::discover(dir);
    for (path, kind) in extra {
        let Some((_, entries)) = discovery.kinds.iter_mut().find(|(k, _)| k == kind) else {
            continue;
        };
        let what = match (format_of(path), fs::metadata(path)) {
            (Some(format), Ok(meta)) if meta.is_file() => What::Data {
                format: Ok(format),
                size: meta.len(),
            },
            (_, Err(e)) => What::Data {
                format: Err(IoProblem::of(&e)),
                size: 0,
            },
            _ => What::Data {
                format: Err(IoProblem::not_a_file()),
                size: 0,
            },
        };
        entries.push(discover::Entry {
            path: path.clone(),
            what,
        });
    }
    // Workbooks are read whole first, on every core: how many sheets a
    // workbook has decides the file ids of everything after it.
    let books: Vec<&Path> = discovery
        .kinds
        .iter()
        .flat_map(|(_, entries)| entries)
        .filter(|e| {
            matches!(
                e.what,
                What::Data {
                    format: Ok(Format::Workbook),
                    ..
                }
            )
        })
        .map(|e| e.path.as_path())
        .collect();
    let mut books: Vec<Option<Book>> = parallel::map(&books, |path| Some(read_book(path)));
    let mut books = books.iter_mut();
    let kinds = discovery.kinds.into_iter().map(|(kind, e)| (Some(kind), e));
    for (kind, entries) in kinds.chain([(None, discovery.top)]) {
        for entry in entries {
            let file = FileId(files.len() as u32);
            let at = Span { file, line: 0 };
            let (role, finding) = match entry.what {
                What::Data {
                    format: Ok(Format::Workbook),
                    size,
                } => {
                    let Some(kind) = kind else { continue };
                    let book = books.next().and_then(Option::take);
                    let name = entry
                        .path
                        .strip_prefix(dir)
                        .unwrap_or(&entry.path)
                        .to_path_buf();
                    match book {
                        Some(Ok((sheets, stamp))) => {
                            for sheet in sheets {
                                let file = FileId(files.len() as u32);
                                let mut source = SourceFile::new(
                                    entry.path.clone(),
                                    name.clone(),
                                    FileRole::Data(kind),
                                );
                                source.sheet = Some(sheet.name.as_str().into());
                                source.stamp = Some(stamp);
                                files.push(source);
                                jobs.push(Job {
                                    file,
                                    kind,
                                    path: entry.path.clone(),
                                    format: Format::Workbook,
                                    size,
                                    sheet: Some(Mutex::new(Some(sheet))),
                                });
                            }
                            // A workbook without data sheets is read, and
                            // holds nothing.
                            if files.last().is_none_or(|f| f.path != entry.path) {
                                let mut source =
                                    SourceFile::new(entry.path, name, FileRole::Data(kind));
                                source.complete = true;
                                source.stamp = Some(stamp);
                                files.push(source);
                            }
                        }
                        Some(Err(finding)) => {
                            unreadable.push(kind);
                            files.push(SourceFile::new(entry.path, name, FileRole::Data(kind)));
                            findings.push(finding.at(file));
                        }
                        None => {}
                    }
                    continue;
                }
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
                                sheet: None,
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
            // Every path found is `dir` joined with a name under it; not
            // complete until its part says otherwise (a file that cannot
            // be opened has none).
            let name = entry
                .path
                .strip_prefix(dir)
                .unwrap_or(&entry.path)
                .to_path_buf();
            files.push(SourceFile::new(entry.path, name, role));
            findings.extend(finding);
        }
    }

    let read = read_all(&jobs, &unreadable, &config.aliases);
    // Every file's columns, rows and findings, in path order; the records
    // into the dataset, kind by kind.
    let mut data = Dataset::default();
    for kind in read {
        for meta in kind.metas {
            meta.into_file(&mut files, &mut findings);
        }
        findings.extend(kind.findings);
        model::visit(kind.kind, Store(kind.records, &mut data));
        if let Some(keys) = kind.keys {
            model::visit(kind.kind, StoreIndex(keys.index, &mut data));
        }
    }
    data.files = files;
    Loaded {
        config,
        data,
        findings,
    }
}

/// What reading one file found out about it besides its records.
struct Meta {
    file: FileId,
    columns: Vec<model::Column>,
    rows: usize,
    complete: bool,
    findings: Vec<Finding>,
    /// The file's size and modification time as it was read.
    stamp: Option<Stamp>,
    /// Where reading stopped part way, and the rows lost from there.
    lost: Option<(u32, usize)>,
}

impl Meta {
    /// Nothing read yet (and not complete until the file is read through).
    fn new(file: FileId) -> Self {
        Meta {
            file,
            columns: Vec::new(),
            rows: 0,
            complete: false,
            findings: Vec::new(),
            stamp: None,
            lost: None,
        }
    }

    /// Moves what was found out into the file list and the findings.
    fn into_file(self, files: &mut [SourceFile], findings: &mut Vec<Finding>) {
        if let Some(file) = files.get_mut(self.file.0 as usize) {
            file.columns = self.columns;
            file.rows = self.rows;
            // A sheet's stamp is its workbook's, taken when it was read.
            if self.stamp.is_some() {
                file.stamp = self.stamp;
            }
            file.complete = self.complete;
            file.lost = self.lost;
        }
        findings.extend(self.findings);
    }
}

/// What reading one file gave.
struct Part<R> {
    meta: Meta,
    records: Vec<R>,
    /// Keys of rows that failed to build.
    broken: Vec<String>,
    /// References not resolved yet (when read without a lookup).
    pending: Vec<build::Pending>,
}

impl<R> Part<R> {
    fn new(file: FileId) -> Self {
        Part {
            meta: Meta::new(file),
            records: Vec::new(),
            broken: Vec::new(),
            pending: Vec::new(),
        }
    }
}

/// A part of any kind, as the parallel readers hand them back: a
/// `Part<R>` of the kind's record type.
struct AnyPart {
    kind: Kind,
    part: Box<dyn Any + Send + Sync>,
}

/// Everything read of one kind, linked: what the dataset takes.
struct KindRead {
    kind: Kind,
    /// The records, file by file: a `Vec<Vec<R>>` of the kind's type.
    records: Box<dyn Any + Send + Sync>,
    /// The files they came from, in path order.
    metas: Vec<Meta>,
    /// Findings made after the files were read (unknown parents).
    findings: Vec<Finding>,
    /// For a kind others refer to, its keys.
    keys: Option<Keys>,
}

/// The parts of `kind` among `parts`, as `Part<R>`s, in path order.
fn parts_of<R: 'static>(parts: &mut Vec<AnyPart>, kind: Kind) -> Vec<Part<R>> {
    let (mine, rest): (Vec<AnyPart>, Vec<AnyPart>) = std::mem::take(parts)
        .into_iter()
        .partition(|p| p.kind == kind);
    *parts = rest;
    let mut mine: Vec<Part<R>> = mine
        .into_iter()
        .filter_map(|p| p.part.downcast::<Part<R>>().ok().map(|p| *p))
        .collect();
    mine.sort_by_key(|p| p.meta.file);
    mine
}

/// The kinds others refer to, read, linked and indexed in load order:
/// what the references of every other kind resolve against.
struct Base {
    /// For each kind (by [`Kind`] order), its keys when others refer to it.
    keys: Vec<Option<Keys>>,
    kinds: Vec<KindRead>,
}

impl Base {
    /// Builds the base from the parts of every file of the kinds others
    /// refer to; `unreadable` names kinds with a file that could not be
    /// opened at all (their keys are not all known).
    fn build(mut parts: Vec<AnyPart>, unreadable: &[Kind]) -> Base {
        let mut base = Base {
            keys: Kind::ALL.iter().map(|_| None).collect(),
            kinds: Vec::new(),
        };
        for kind in Kind::ALL.into_iter().filter(|k| k.referenced()) {
            let (read, keys) = model::visit(
                kind,
                BuildBase {
                    parts: &mut parts,
                    keys: &base.keys,
                    kinds: &base.kinds,
                    complete: !unreadable.contains(&kind),
                },
            );
            base.keys[kind as usize] = Some(keys);
            base.kinds.push(read);
        }
        base
    }

    fn lookup(&self) -> Lookup<'_> {
        Lookup {
            keys: &self.keys,
            kinds: &self.kinds,
        }
    }
}

/// Builds one kind of the base: links its records against the kinds
/// before it, indexes their keys (a region's parent is resolved then,
/// against the regions' own).
struct BuildBase<'p> {
    parts: &'p mut Vec<AnyPart>,
    keys: &'p [Option<Keys>],
    /// The kinds built so far, whose records names resolve against.
    kinds: &'p [KindRead],
    complete: bool,
}

impl KindVisitor for BuildBase<'_> {
    type Out = (KindRead, Keys);

    fn visit<R: Stored>(self) -> (KindRead, Keys) {
        let mut parts = parts_of::<R>(self.parts, R::KIND);
        let lookup = Lookup {
            keys: self.keys,
            kinds: self.kinds,
        };
        for part in &mut parts {
            link(
                &mut part.records,
                &mut part.pending,
                part.meta.file,
                &lookup,
                &mut part.meta.findings,
            );
        }
        let mut records = Vec::with_capacity(parts.iter().map(|p| p.records.len()).sum());
        let mut broken = Vec::new();
        let mut complete = self.complete;
        let mut metas = Vec::with_capacity(parts.len());
        for mut part in parts {
            records.append(&mut part.records);
            broken.append(&mut part.broken);
            complete &= part.meta.complete;
            metas.push(part.meta);
        }
        let mut keys = Keys::new();
        keys.index.reserve(records.len());
        for (i, record) in records.iter().enumerate() {
            if let Some(key) = record.key() {
                keys.index.insert_first(key, i as u32);
            }
        }
        keys.broken = broken.into_iter().map(Into::into).collect::<FxHashSet<_>>();
        keys.complete = complete;
        let mut findings = Vec::new();
        // Regions are the root: their parents are their own kind's keys.
        if let Some(regions) = (&mut records as &mut dyn Any).downcast_mut::<Vec<Region>>() {
            resolve_parents(regions, &keys, &mut findings);
        }
        let read = KindRead {
            kind: R::KIND,
            records: Box::new(vec![records]),
            metas,
            findings,
            keys: None,
        };
        (read, keys)
    }
}

/// Links the parts of one kind others do not refer to, read before the
/// base was ready, and hands its records on file by file.
struct Linked<'p> {
    parts: &'p mut Vec<AnyPart>,
    lookup: &'p Lookup<'p>,
}

impl KindVisitor for Linked<'_> {
    type Out = KindRead;

    fn visit<R: Stored>(self) -> KindRead {
        let parts = parts_of::<R>(self.parts, R::KIND);
        let mut records = Vec::with_capacity(parts.len());
        let mut metas = Vec::with_capacity(parts.len());
        for mut part in parts {
            if !part.pending.is_empty() {
                link(
                    &mut part.records,
                    &mut part.pending,
                    part.meta.file,
                    self.lookup,
                    &mut part.meta.findings,
                );
            }
            records.push(part.records);
            metas.push(part.meta);
        }
        KindRead {
            kind: R::KIND,
            records: Box::new(records),
            metas,
            findings: Vec::new(),
            keys: None,
        }
    }
}

/// Stores the records of one kind into the dataset.
struct Store<'d>(Box<dyn Any + Send + Sync>, &'d mut Dataset);

impl KindVisitor for Store<'_> {
    type Out = ();

    fn visit<R: Stored>(self) {
        if let Ok(files) = self.0.downcast::<Vec<Vec<R>>>() {
            R::store(self.1, *files);
        }
    }
}

/// Stores the index of one kind's keys into the dataset.
struct StoreIndex<'d>(KeyIndex<u32>, &'d mut Dataset);

impl KindVisitor for StoreIndex<'_> {
    type Out = ();

    fn visit<R: Stored>(self) {
        R::store_index(self.1, self.0);
    }
}

/// Reads one file, of whichever kind it is.
struct ReadFile<'a> {
    job: &'a Job,
    base: &'a OnceLock<Base>,
    aliases: &'a Aliases,
}

impl KindVisitor for ReadFile<'_> {
    type Out = AnyPart;

    fn visit<R: Stored>(self) -> AnyPart {
        AnyPart {
            kind: self.job.kind,
            part: Box::new(read_file::<R>(self.job, self.base, self.aliases)),
        }
    }
}

/// The parts of the kinds others refer to, gathered while they are read.
#[derive(Default)]
struct First {
    parts: Vec<AnyPart>,
    done: usize,
}

/// Reads every data file on every core, biggest first within the kinds
/// others refer to (read first: regions and cadres), then the rest.
///
/// The worker that finishes the last of those files builds the [`Base`]
/// while the other goes on reading; a file read before the base is ready
/// keeps its references pending until the base is there, and the rest
/// link theirs as they read. No core waits for the base to be built.
fn read_all(jobs: &[Job], unreadable: &[Kind], aliases: &Aliases) -> Vec<KindRead> {
    let mut order: Vec<&Job> = jobs.iter().collect();
    order.sort_by_key(|j| (!j.kind.referenced(), std::cmp::Reverse(j.size)));
    let first_jobs = order.iter().filter(|j| j.kind.referenced()).count();
    let base = OnceLock::new();
    let first = Mutex::new(First::default());
    let finish_first = |part: AnyPart| {
        let mut gathered = first
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        gathered.parts.push(part);
        gathered.done += 1;
        if gathered.done == first_jobs {
            let all = std::mem::take(&mut *gathered);
            drop(gathered);
            let _ = base.set(Base::build(all.parts, unreadable));
        }
    };
    if first_jobs == 0 {
        let _ = base.set(Base::build(Vec::new(), unreadable));
    }
    let mut rest: Vec<AnyPart> = parallel::map(&order, |job| {
        let part = model::visit(
            job.kind,
            ReadFile {
                job,
                base: &base,
                aliases,
            },
        );
        if job.kind.referenced() {
            finish_first(part);
            None
        } else {
            Some(part)
        }
    })
    .into_iter()
    .flatten()
    .collect();
    // Every file others refer to is read, so the base is there (built
    // here should the worker building it have failed).
    let base = match base.into_inner() {
        Some(base) => base,
        None => {
            let first = first.into_inner().unwrap_or_else(|p| p.into_inner());
            Base::build(first.parts, unreadable)
        }
    };
    // Link what was read before the base was ready, kind by kind, each in
    // path order.
    let lookup = base.lookup();
    let mut kinds = Vec::with_capacity(Kind::ALL.len());
    let linked: Vec<KindRead> = Kind::ALL
        .into_iter()
        .filter(|k| !k.referenced())
        .map(|kind| {
            let parts = &mut rest;
            model::visit(
                kind,
                Linked {
                    parts,
                    lookup: &lookup,
                },
            )
        })
        .collect();
    let Base {
        mut keys,
        kinds: first,
    } = base;
    for mut read in first {
        read.keys = keys.get_mut(read.kind as usize).and_then(Option::take);
        kinds.push(read);
    }
    kinds.extend(linked);
    kinds.sort_by_key(|k| k.kind);
    kinds
}

/// How many references to collect before resolving them together: enough
/// for the lookups to overlap, few enough that the records they patch are
/// still in cache.
const LINK_BATCH: usize = 4096;

/// Reads one file into records of kind `R`.
fn read_file<R: Record>(job: &Job, base: &OnceLock<Base>, aliases: &Aliases) -> Part<R> {
    let mut part = Part::new(job.file);
    // Each worker reads into one buffer it keeps: a fresh buffer per file
    // would cost a page fault per 4 KiB of every file.
    thread_local! {
        static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    if let Some(sheet) = &job.sheet {
        let sheet = sheet.lock().unwrap_or_else(|p| p.into_inner()).take();
        if let Some(sheet) = sheet {
            read_sheet(&sheet, job, base, aliases, &mut part);
        }
        return part;
    }
    BUFFER.with_borrow_mut(|bytes| {
        bytes.clear();
        // Its size and time as read, taken from the file read, so that
        // `fmt` can tell whether it is still the file that was checked.
        let read = fs::File::open(&job.path).and_then(|mut f| {
            std::io::Read::read_to_end(&mut f, bytes)?;
            f.metadata()
        });
        match read {
            Ok(meta) => part.meta.stamp = Some(Stamp::of(&meta)),
            Err(e) => {
                let error = IoProblem::of(&e);
                let span = Span::file(job.file);
                part.meta
                    .findings
                    .push(Finding::new(&UNREADABLE_FILE, span, Unreadable { error }));
                return;
            }
        }
        read_text(bytes, job, base, aliases, &mut part);
    });
    part
}

/// Reads a workbook's sheet into `part`.
fn read_sheet<R: Record>(
    sheet: &workbook::Sheet,
    job: &Job,
    base: &OnceLock<Base>,
    aliases: &Aliases,
    part: &mut Part<R>,
) {
    part.records.reserve(sheet.height());
    let Part {
        meta,
        records,
        broken,
        pending,
    } = part;
    let mut taker = Taker {
        file: job.file,
        base,
        records,
        broken,
        pending,
        dates: build::DateMemo::default(),
        aliases,
    };
    let findings = &mut meta.findings;
    let outcome = csv::read_table(
        sheet.rows(),
        R::KIND,
        job.file,
        findings,
        |row, findings| taker.take(row, findings),
    );
    if let Some(base) = base.get() {
        link(records, pending, job.file, &base.lookup(), findings);
    }
    meta.rows = outcome.rows;
    meta.complete = outcome.complete;
    meta.columns = outcome.columns;
    meta.lost = outcome.lost;
}

/// Decodes a file's bytes and reads its rows into `part`.
fn read_text<R: Record>(
    bytes: &[u8],
    job: &Job,
    base: &OnceLock<Base>,
    aliases: &Aliases,
    part: &mut Part<R>,
) {
    let text = match decode(bytes) {
        Ok(decoded) => {
            if let Some(doubt) = decoded.doubt {
                let found = doubt_findings(doubt, job.file, &decoded.text);
                part.meta.findings.extend(found);
            }
            decoded.text
        }
        Err(undecoded) => {
            part.meta.findings.push(undecodable(job.file, undecoded));
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
        meta,
        records,
        broken,
        pending,
    } = part;
    let mut taker = Taker {
        file: job.file,
        base,
        records,
        broken,
        pending,
        dates: build::DateMemo::default(),
        aliases,
    };
    let findings = &mut meta.findings;
    let (rows, complete, columns) = match job.format {
        Format::Csv => {
            let outcome = csv::read(&text, R::KIND, job.file, findings, |row, findings| {
                taker.take(row, findings)
            });
            meta.lost = outcome.lost;
            (outcome.rows, outcome.complete, outcome.columns)
        }
        Format::Toml => {
            let outcome = toml::read(&text, R::KIND, job.file, findings, |row, findings| {
                taker.take(row, findings)
            });
            (outcome.rows, outcome.complete, Vec::new())
        }
        // Read from its cells (`read_sheet`), never from text.
        Format::Workbook => (0, false, Vec::new()),
    };
    if let Some(base) = base.get() {
        link(records, pending, job.file, &base.lookup(), findings);
    }
    meta.rows = rows;
    meta.complete = complete;
    meta.columns = columns;
}

/// Builds the records of one file.
struct Taker<'t, R> {
    file: FileId,
    /// Once built, what references resolve against.
    base: &'t OnceLock<Base>,
    records: &'t mut Vec<R>,
    broken: &'t mut Vec<String>,
    pending: &'t mut Vec<build::Pending>,
    dates: build::DateMemo,
    aliases: &'t Aliases,
}

impl<Rec: Record> Taker<'_, Rec> {
    /// Builds a record from a row, or remembers the row's key as broken.
    fn take<R: Row>(&mut self, row: &R, findings: &mut Vec<Finding>) {
        let mark = self.pending.len();
        let mut sink = build::Sink {
            file: self.file,
            record: self.records.len() as u32,
            findings,
            pending: self.pending,
            dates: &mut self.dates,
            aliases: self.aliases,
        };
        match build::build::<Rec, R>(row, &mut sink) {
            Some(record) => self.records.push(record),
            None => {
                // No record, but its references are still looked up, so
                // that a bad one is said with the row's other errors (a
                // clerk fixes the row once); they set nothing.
                for p in &mut self.pending[mark..] {
                    p.record = build::NO_RECORD;
                }
                self.broken.extend(build::key_text(row, Rec::KIND));
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

    #[test]
    fn the_words_of_a_name_tell_one_kind_or_none() {
        let told = |names: &[&str]| {
            let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
            by_words(&names)
        };
        assert_eq!(told(&["问题台账"]), Some(Kind::Problems));
        assert_eq!(told(&["2026-10走访台账"]), Some(Kind::Visits));
        assert_eq!(told(&["台账", "请假登记"]), Some(Kind::Leaves));
        // 台账 alone: a problems ledger.
        assert_eq!(told(&["十月台账"]), Some(Kind::Problems));
        // Two kinds named: neither is guessed.
        assert_eq!(told(&["帮联干部走访台账"]), None);
        assert_eq!(told(&["十月"]), None);
    }
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
