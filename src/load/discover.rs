//! Finding the files of a data folder (SPEC §2): `KIND.csv`, `KIND.toml`,
//! then every `*.csv` and `*.toml` under `KIND/`, recursively, in sorted
//! path order; and what is found there that is not to be read.
//!
//! Symbolic links are followed only within the data folder, and nothing
//! is read twice: every file and folder is known by its real path, the
//! real ones first, so that a link to a file read already (or to a folder
//! walked already, the data folder itself, or a folder that holds the
//! link: a loop) is passed over with a warning, whichever kind it is
//! found under. A link that leads out of the folder is not followed: the
//! data there is not read, and an error says so. Temporary files that a
//! stopped bangcun left behind are named too.

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;

use super::{Format, format_of};
use crate::model::Kind;
use crate::temp;

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
        format: Result<Format, String>,
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
        for format in ["csv", "toml"] {
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
}

impl Walker {
    /// A kind's top file: read if it is a file, followed later if a link.
    fn file_or_link(&mut self, path: PathBuf, kind: Kind, place: Place, out: &mut Vec<Entry>) {
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => self.links.push((path, kind, place)),
            Ok(meta) => {
                if let Some(name) = path.file_name() {
                    self.seen.insert(self.root.join(name), Some(path.clone()));
                }
                out.push(data(path, &meta));
            }
            // Absent is fine.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => out.push(unreadable(path, e.to_string())),
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
                out.push(unreadable(folder.to_path_buf(), e.to_string()));
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
                    self.seen.insert(real, Some(path.clone()));
                    out.push(data(path, &meta));
                }
                Err(e) => {
                    if format_of(&path).is_some() {
                        out.push(unreadable(path, e.to_string()));
                    }
                }
            }
        }
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
                    out.push(unreadable(path, e.to_string()));
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
        } else {
            self.seen.insert(real, Some(path.clone()));
            out.push(data(path, &meta));
        }
    }
}

/// A data file found, by its metadata.
fn data(path: PathBuf, meta: &fs::Metadata) -> Entry {
    let format = match format_of(&path) {
        Some(format) if meta.is_file() => Ok(format),
        _ => Err("not a regular file".to_string()),
    };
    let size = meta.len();
    Entry {
        path,
        what: What::Data { format, size },
    }
}

fn unreadable(path: PathBuf, error: String) -> Entry {
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
