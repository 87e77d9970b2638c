//! Finding the files of a data folder (docs/data.md): `KIND.csv`,
//! `KIND.toml`, then every `*.csv` and `*.toml` under `KIND/`, recursively,
//! in sorted path order; and what is found there that is not to be read.
//!
//! Symbolic links are followed only within the data folder, and nothing
//! is read twice: every file and folder is known by its real path, the
//! real ones first, so that a link to a file read already (or to a folder
//! walked already, the data folder itself, or a folder that holds the
//! link: a loop) is passed over with a warning, whichever kind it is
//! found under. A link that leads out of the folder is not followed: the
//! data there is not read, and an error says so. Temporary files that a
//! stopped bangcun left behind are named too. The checks of what is found
//! are here with their words: `unreadable-file`, `outside-link`,
//! `repeated-link` and `leftover-temp-file`.

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;

use super::{Format, format_of};
use crate::finding::{Check, Describe, Severity};
use crate::io_error::IoProblem;
use crate::lang::{Lang, tr};
use crate::model::Kind;
use crate::temp;

pub static UNREADABLE_FILE: Check = Check {
    name: "unreadable-file",
    severity: Severity::Error,
    about: "a data file cannot be read (missing permission, a directory, a symlink loop)",
    about_zh: "数据文件无法读取（没有权限、是目录、符号链接循环）",
};

pub static OUTSIDE_LINK: Check = Check {
    name: "outside-link",
    severity: Severity::Error,
    about: "a symbolic link that leads out of the data folder; it is not followed, and what it leads to is not read",
    about_zh: "指向数据目录之外的符号链接；不跟随，其指向的内容不读取",
};

pub static REPEATED_LINK: Check = Check {
    name: "repeated-link",
    severity: Severity::Warning,
    about: "a symbolic or hard link to a file or folder read already (or to the data folder itself); it is not read twice",
    about_zh: "指向已读取的文件或目录（或数据目录本身）的符号链接或硬链接；不重复读取",
};

pub static LEFTOVER_TEMP_FILE: Check = Check {
    name: "leftover-temp-file",
    severity: Severity::Warning,
    about: "a temporary file (.NAME.bangcun-PID-N.tmp) left by a bangcun that was stopped while writing; bangcun fmt removes it",
    about_zh: "bangcun 写入时被中止而遗留的临时文件（.文件名.bangcun-进程号-N.tmp）；bangcun fmt 会删除它",
};

/// A file that cannot be opened or read (`unreadable-file`): why, said in
/// the language of the run ([`IoProblem::text`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable {
    pub error: IoProblem,
}

impl Describe for Unreadable {
    fn text(&self, lang: Lang) -> String {
        let error = self.error.text(lang);
        tr!(
            lang,
            "无法读取文件：{error}",
            "cannot read the file: {error}"
        )
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(tr!(
            lang,
            "检查文件是否存在、可读，且是普通文件",
            "make sure it exists, is readable and is a regular file"
        ))
    }
}

/// The temporary file of process `pid` writing `target`, left behind
/// (`leftover-temp-file`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeftoverTemp {
    pub target: String,
    pub pid: u32,
}

impl Describe for LeftoverTemp {
    fn text(&self, lang: Lang) -> String {
        let (target, pid) = (&self.target, self.pid);
        tr!(
            lang,
            "这是 bangcun（进程 {pid}）写入 {target} 时被中止留下的临时文件，不是数据，未读取",
            "a temporary file that bangcun (process {pid}) left when it was stopped while writing {target}; it is no data and is not read",
        )
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(tr!(
            lang,
            "删除此文件（bangcun fmt 会自动删除），不要提交到 git",
            "delete it (bangcun fmt removes it), and do not commit it",
        ))
    }
}

/// A symbolic link to `target`, outside the data folder (`outside-link`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutsideLink {
    pub target: String,
}

impl Describe for OutsideLink {
    fn text(&self, lang: Lang) -> String {
        let target = &self.target;
        tr!(
            lang,
            "这是指向数据目录之外（{target}）的符号链接，不跟随，其中的数据未读取",
            "a symbolic link to {target}, outside the data folder: it is not followed, and nothing there is read",
        )
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(tr!(
            lang,
            "把文件（或目录）复制到数据目录中，不要用链接",
            "copy the file (or folder) into the data folder instead of linking to it",
        ))
    }
}

/// A symbolic link to what is read already as `first` (`None`: the data
/// folder itself) (`repeated-link`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RepeatedLink {
    pub first: Option<String>,
}

impl Describe for RepeatedLink {
    fn text(&self, lang: Lang) -> String {
        match &self.first {
            Some(first) => tr!(
                lang,
                "这是 {first} 的另一个名称（符号链接或硬链接），该处已读取，不再重复读取",
                "another name (a symbolic or hard link) of {first}, which is read already: it is not read again",
            ),
            None => tr!(
                lang,
                "这是指向数据目录本身的符号链接（循环），不跟随",
                "a symbolic link to the data folder itself (a loop): it is not followed",
            ),
        }
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(tr!(
            lang,
            "删除此链接；其中的数据已经读取，不会丢失",
            "remove the link; what it leads to is read already, so nothing is lost",
        ))
    }
}

/// What the folder holds, kind by kind, in the order files are read.
pub(super) struct Discovery {
    /// For each kind, in [`Kind::ALL`] order: its entries in path order.
    pub kinds: Vec<(Kind, Vec<Entry>)>,
    /// Temporary files left over at the top of the folder.
    pub top: Vec<Entry>,
}

/// A file found in the folder.
pub(super) struct Entry {
    /// As found: the data folder joined with the name under it.
    pub path: PathBuf,
    pub what: What,
}

pub(super) enum What {
    /// A data file: its format and size, or why it cannot be read.
    Data {
        format: Result<Format, IoProblem>,
        size: u64,
    },
    /// The temporary file of process `pid` writing `target`, left behind.
    Leftover { target: String, pid: u32 },
    /// A link whose real path `target` is outside the data folder.
    Outside { target: PathBuf },
    /// A link to a file or folder read already, as `first` (a path as
    /// found; `None`: the data folder itself).
    Repeated { first: Option<PathBuf> },
}

/// Lists the data folder `dir`.
pub(super) fn discover(dir: &Path) -> Discovery {
    let shown_dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let root = fs::canonicalize(shown_dir).unwrap_or_else(|_| shown_dir.to_path_buf());
    let mut walker = Walker {
        root: root.clone(),
        seen: FxHashMap::default(),
        links: Vec::new(),
        inodes: FxHashMap::default(),
    };
    // The data folder itself is read (for its KIND.csv files): a link to
    // it is a loop.
    walker.seen.insert(root.clone(), None);

    let mut top = Vec::new();
    for path in sorted_entries(shown_dir).unwrap_or_default() {
        if let Some(name) = path.file_name() {
            top.extend(leftover(dir.join(name)));
        }
    }

    // The real files and folders of every kind first, then the links.
    let mut kinds: Vec<(Kind, Vec<Entry>, Vec<Entry>)> = Vec::new();
    for kind in Kind::ALL {
        let mut files = Vec::new();
        for format in super::EXTENSIONS {
            let path = dir.join(format!("{}.{format}", kind.plural()));
            walker.file_or_link(path, kind, Place::Top, &mut files);
        }
        let mut under = Vec::new();
        let folder = dir.join(kind.plural());
        match fs::symlink_metadata(&folder) {
            Ok(meta) if meta.file_type().is_symlink() => {
                walker.links.push((folder, kind, Place::Folder));
            }
            Ok(meta) if meta.is_dir() => {
                let real = root.join(kind.plural());
                walker.walk(&folder, real, kind, &mut under);
            }
            _ => {}
        }
        kinds.push((kind, files, under));
    }
    // A link may lead to a folder holding more links: on until none is
    // left.
    while !walker.links.is_empty() {
        let links = std::mem::take(&mut walker.links);
        for (path, kind, place) in links {
            let Some((_, files, under)) = kinds.iter_mut().find(|(k, _, _)| *k == kind) else {
                continue;
            };
            let out = match place {
                Place::Top => files,
                Place::Folder => under,
            };
            walker.follow(path, kind, out);
        }
    }
    let kinds = kinds
        .into_iter()
        .map(|(kind, mut files, mut under)| {
            // Links were followed after the real files: back into path
            // order, `KIND.csv` before `KIND.toml`, then the folder.
            files.sort_by_key(|e| e.path.extension().map(OsStr::to_os_string));
            under.sort_by(|a, b| a.path.cmp(&b.path));
            files.append(&mut under);
            (kind, files)
        })
        .collect();
    Discovery { kinds, top }
}

/// Whether an entry is a kind's top file (`visits.csv`) or under its
/// folder.
#[derive(Clone, Copy)]
enum Place {
    Top,
    Folder,
}

struct Walker {
    /// The data folder's real path.
    root: PathBuf,
    /// Every real path read or walked, and the path it was found as
    /// (`None`: the data folder).
    seen: FxHashMap<PathBuf, Option<PathBuf>>,
    /// Links met, to follow once every real file is known.
    links: Vec<(PathBuf, Kind, Place)>,
    /// Every file read, by device and inode, and the path it was found
    /// as: a second name of a file (a hard link) is not read again.
    inodes: FxHashMap<(u64, u64), PathBuf>,
}

impl Walker {
    /// A kind's top file: read if it is a file, followed later if a link.
    fn file_or_link(&mut self, path: PathBuf, kind: Kind, place: Place, out: &mut Vec<Entry>) {
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => self.links.push((path, kind, place)),
            Ok(meta) => {
                if let Some(what) = self.second_name(&path, &meta) {
                    out.push(Entry { path, what });
                    return;
                }
                if let Some(name) = path.file_name() {
                    self.seen.insert(self.root.join(name), Some(path.clone()));
                }
                out.push(data(path, &meta));
            }
            // Absent is fine.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => out.push(unreadable(path, IoProblem::of(&e))),
        }
    }

    /// Walks the folder `folder` (whose real path is `real`) in sorted
    /// order: its files are data of `kind`; its links are followed later.
    fn walk(&mut self, folder: &Path, real: PathBuf, kind: Kind, out: &mut Vec<Entry>) {
        if self.seen.contains_key(&real) {
            return;
        }
        self.seen.insert(real.clone(), Some(folder.to_path_buf()));
        let paths = match sorted_entries(folder) {
            Ok(paths) => paths,
            Err(e) => {
                out.push(unreadable(folder.to_path_buf(), IoProblem::of(&e)));
                return;
            }
        };
        for path in paths {
            let Some(name) = path.file_name() else {
                continue;
            };
            // Hidden files and the lock files Excel and WPS leave beside
            // an open file are not data; bangcun's own leftovers are named.
            let bytes = name.as_encoded_bytes();
            if bytes.starts_with(b".") || bytes.starts_with("~$".as_bytes()) {
                out.extend(leftover(path));
                continue;
            }
            let real = real.join(name);
            match fs::symlink_metadata(&path) {
                Ok(meta) if meta.file_type().is_symlink() => {
                    self.links.push((path, kind, Place::Folder));
                }
                Ok(meta) if meta.is_dir() => self.walk(&path, real, kind, out),
                Ok(meta) => {
                    if format_of(&path).is_none() {
                        continue;
                    }
                    // Reached through a link, a file may have been read
                    // under another name.
                    if let Some(what) = self.repeated(&real) {
                        out.push(Entry { path, what });
                        continue;
                    }
                    if let Some(what) = self.second_name(&path, &meta) {
                        out.push(Entry { path, what });
                        continue;
                    }
                    self.seen.insert(real, Some(path.clone()));
                    out.push(data(path, &meta));
                }
                Err(e) => {
                    if format_of(&path).is_some() {
                        out.push(unreadable(path, IoProblem::of(&e)));
                    }
                }
            }
        }
    }

    /// A file read already under another name (a hard link: the same
    /// device and inode), or else none, noting this one's.
    fn second_name(&mut self, path: &Path, meta: &fs::Metadata) -> Option<What> {
        let id = file_id(meta)?;
        if let Some(first) = self.inodes.get(&id) {
            return Some(What::Repeated {
                first: Some(first.clone()),
            });
        }
        self.inodes.insert(id, path.to_path_buf());
        None
    }

    /// What a path already read under another name (`real`) is.
    fn repeated(&self, real: &Path) -> Option<What> {
        let first = self.seen.get(real)?.clone();
        Some(What::Repeated { first })
    }

    /// Follows the link at `path`, found as a file of `kind`.
    fn follow(&mut self, path: PathBuf, kind: Kind, out: &mut Vec<Entry>) {
        // Where a link leads to no data file, only a folder matters.
        let named_data = format_of(&path).is_some();
        let (real, meta) = match fs::canonicalize(&path).and_then(|real| {
            let meta = fs::metadata(&real)?;
            Ok((real, meta))
        }) {
            Ok(found) => found,
            // Dangling, or a loop of links.
            Err(e) => {
                if named_data {
                    out.push(unreadable(path, IoProblem::of(&e)));
                }
                return;
            }
        };
        if !meta.is_dir() && !named_data {
            return;
        }
        if !real.starts_with(&self.root) {
            out.push(Entry {
                path,
                what: What::Outside { target: real },
            });
            return;
        }
        if let Some(what) = self.repeated(&real) {
            out.push(Entry { path, what });
            return;
        }
        if meta.is_dir() {
            self.walk(&path, real, kind, out);
        } else if let Some(what) = self.second_name(&path, &meta) {
            out.push(Entry { path, what });
        } else {
            self.seen.insert(real, Some(path.clone()));
            out.push(data(path, &meta));
        }
    }
}

/// A file's device and inode (none where the system has no such thing,
/// or for a file with a single name: nothing else can name it).
#[cfg(unix)]
fn file_id(meta: &fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    (meta.is_file() && meta.nlink() > 1).then(|| (meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn file_id(_meta: &fs::Metadata) -> Option<(u64, u64)> {
    None
}

/// A data file found, by its metadata.
fn data(path: PathBuf, meta: &fs::Metadata) -> Entry {
    let format = match format_of(&path) {
        Some(format) if meta.is_file() => Ok(format),
        _ => Err(IoProblem::not_a_file()),
    };
    let size = meta.len();
    Entry {
        path,
        what: What::Data { format, size },
    }
}

fn unreadable(path: PathBuf, error: IoProblem) -> Entry {
    Entry {
        path,
        what: What::Data {
            format: Err(error),
            size: 0,
        },
    }
}

/// The entry for a temporary file of bangcun's that was left behind;
/// `None` for any other file, or one a running bangcun is writing.
fn leftover(path: PathBuf) -> Option<Entry> {
    let name = temp::parse(path.file_name()?.to_str()?)?;
    if !temp::is_left_over(&path, &name) {
        return None;
    }
    let (target, pid) = (name.target.to_string(), name.pid);
    Some(Entry {
        path,
        what: What::Leftover { target, pid },
    })
}

/// The entries of a folder, in sorted order.
fn sorted_entries(folder: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut paths: Vec<PathBuf> = fs::read_dir(folder)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    Ok(paths)
}
