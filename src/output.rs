//! Where output goes: standard output, or a file written atomically (a
//! temporary file beside it, then a rename), so that a crash leaves either
//! the old file or the new one, never half of one. The temporary file is
//! named and cleaned up as [`crate::temp`] says.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::Context as _;

use crate::lang::{Lang, tr};

/// The UTF-8 byte order mark, which Excel and WPS need to read a CSV file
/// opened by double-click as UTF-8 rather than the system's code page.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Writes to standard output through a buffer. A closed pipe
/// (`bangcun check | head -1`) ends the output quietly and is no error: the
/// command goes on to its exit status, which still says what the data is
/// (under `set -o pipefail` a CI step must fail on bad data).
pub fn to_stdout(
    lang: Lang,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> anyhow::Result<()> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
            // What is left in the buffer can go nowhere: dropped unwritten.
            let _ = out.into_parts();
            Ok(())
        }
        result => {
            result.with_context(|| tr!(lang, "无法写到标准输出", "cannot write to standard output"))
        }
    }
}

/// Writes `path` atomically: the content goes to a temporary file in the
/// same folder, which is synced and then renamed over `path`.
pub fn atomic_write(
    path: &Path,
    lang: Lang,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> anyhow::Result<()> {
    replace(path, lang, || Ok(true), write).map(|_| ())
}

/// What became of an [`atomic_replace`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Replaced {
    /// The new content is in place.
    Done,
    /// `path` no longer held what was read: it is left as it is now.
    Edited,
}

/// Writes `path` atomically, as [`atomic_write`] does, but only while it
/// still holds `expected`, the bytes the new content was made from: when
/// the new file is ready, `path` is read again, and should it have
/// changed (an edit saved meanwhile), it is left alone and the new file
/// thrown away. Only an edit saved within the rename itself, after that
/// last look, could still be lost.
pub fn atomic_replace(
    path: &Path,
    expected: &[u8],
    lang: Lang,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> anyhow::Result<Replaced> {
    let unchanged = || -> io::Result<bool> {
        // The size first: most edits change it, and it costs no read.
        if fs::metadata(path)?.len() != expected.len() as u64 {
            return Ok(false);
        }
        Ok(fs::read(path)? == expected)
    };
    replace(path, lang, unchanged, write)
}

/// Writes a temporary file, then renames it over `path` if `still` says
/// so when it is ready.
fn replace(
    path: &Path,
    lang: Lang,
    still: impl FnOnce() -> io::Result<bool>,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> anyhow::Result<Replaced> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Unique to this write, even when threads write beside each other.
    static WRITES: AtomicU64 = AtomicU64::new(0);
    let n = WRITES.fetch_add(1, Ordering::Relaxed);
    let temp = dir.join(crate::temp::name(&name, std::process::id(), n));
    // Removed should a signal stop the process while it exists.
    let mut guard = None;
    let result = (|| -> io::Result<Replaced> {
        let (file, made) = crate::temp::Guard::create(&temp)?;
        guard = Some(made);
        // A file written over keeps its permissions.
        if let Ok(old) = fs::metadata(path) {
            file.set_permissions(old.permissions())?;
        }
        let mut out = BufWriter::new(file);
        write(&mut out)?;
        let file = out.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        drop(file);
        if !still()? {
            return Ok(Replaced::Edited);
        }
        fs::rename(&temp, path)?;
        Ok(Replaced::Done)
    })();
    if !matches!(result, Ok(Replaced::Done)) {
        let _ = fs::remove_file(&temp);
    }
    drop(guard);
    // The I/O error itself is said in the user's words where the error is
    // shown (crate::io_error::in_words).
    let shown = path.display();
    result.with_context(|| tr!(lang, "无法写入 {shown}", "cannot write {shown}"))
}

/// The file in a folder written by [`atomic_write_folder`] that lists
/// what it wrote there (each file's name, length and hash), so that a
/// later write can tell the folder is still as it left it.
pub const FOLDER_LIST: &str = ".bangcun-files";

/// Writes the folder `dir` with `files` (name, content) atomically: into
/// a temporary folder beside it, renamed into place when every file is
/// written and synced, so that the folder is complete or not there. An
/// existing `dir` is replaced only when it is empty, or holds exactly
/// what an earlier write left there ([`FOLDER_LIST`]) unchanged; a folder
/// with any other file, or a file edited since, is refused and left as
/// it is. (Between the two renames of a replacement, the old folder is
/// aside under a temporary name; a crash there leaves it, not half of
/// either.)
pub fn atomic_write_folder(
    dir: &Path,
    files: &[(String, Vec<u8>)],
    lang: Lang,
) -> anyhow::Result<()> {
    if let Some(why) = not_ours(dir, lang)? {
        anyhow::bail!(why);
    }
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    static FOLDERS: AtomicU64 = AtomicU64::new(0);
    let temp_name = |n| crate::temp::name(&name, std::process::id(), n);
    let temp = parent.join(temp_name(FOLDERS.fetch_add(1, Ordering::Relaxed)));
    let result = (|| -> io::Result<()> {
        fs::create_dir(&temp)?;
        let mut list = String::new();
        for (file, bytes) in files {
            let mut f = fs::File::create(temp.join(file))?;
            f.write_all(bytes)?;
            f.sync_all()?;
            list.push_str(&list_line(file, bytes));
        }
        fs::write(temp.join(FOLDER_LIST), list)?;
        if dir.exists() {
            let aside = parent.join(temp_name(FOLDERS.fetch_add(1, Ordering::Relaxed)));
            fs::rename(dir, &aside)?;
            fs::rename(&temp, dir)?;
            fs::remove_dir_all(&aside)?;
        } else {
            fs::rename(&temp, dir)?;
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_dir_all(&temp);
    }
    let shown = dir.display();
    result.with_context(|| tr!(lang, "无法写入 {shown}", "cannot write {shown}"))
}

/// A line of [`FOLDER_LIST`]: name, length, FNV-1a hash of the bytes.
fn list_line(name: &str, bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{name}\t{}\t{hash:016x}\n", bytes.len())
}

/// Why `dir` may not be replaced, or `None` when it may: it is not there,
/// is empty, or holds just what [`FOLDER_LIST`] says, unchanged.
fn not_ours(dir: &Path, lang: Lang) -> anyhow::Result<Option<String>> {
    let shown = dir.display();
    let Ok(meta) = fs::symlink_metadata(dir) else {
        return Ok(None);
    };
    if !meta.is_dir() {
        return Ok(Some(lang.pick(
            format!("{shown} 已存在且不是文件夹；没有写出任何文件"),
            format!("{shown} exists and is not a folder; nothing was written"),
        )));
    }
    let mut entries = Vec::new();
    for entry in fs::read_dir(dir)? {
        entries.push(entry?.file_name().to_string_lossy().into_owned());
    }
    if entries.is_empty() {
        return Ok(None);
    }
    let refuse = |what: String| {
        Ok(Some(lang.pick(
            format!("文件夹 {shown} {what}：未作改动，没有写出任何文件；请指定一个新的或空的文件夹"),
            format!("{shown} {what}: it is left as it is and nothing was written; give a new or empty folder"),
        )))
    };
    let Ok(list) = fs::read_to_string(dir.join(FOLDER_LIST)) else {
        return refuse(
            lang.pick(
                "中有不是 bangcun 写出的文件",
                "holds files bangcun did not write",
            )
            .to_string(),
        );
    };
    let listed: Vec<&str> = list.lines().filter_map(|l| l.split('\t').next()).collect();
    if let Some(other) = entries
        .iter()
        .find(|e| e.as_str() != FOLDER_LIST && !listed.contains(&e.as_str()))
    {
        return refuse(lang.pick(
            format!("中的 {other} 不是 bangcun 写出的"),
            format!("holds {other}, which bangcun did not write"),
        ));
    }
    for line in list.lines() {
        let name = line.split('\t').next().unwrap_or("");
        let now = fs::read(dir.join(name)).map(|b| list_line(name, &b));
        if now.ok().as_deref() != Some(&format!("{line}\n")) {
            return refuse(lang.pick(
                format!("中的 {name} 在 bangcun 写出后被改过"),
                format!("holds {name}, changed since bangcun wrote it"),
            ));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        fs::write(&path, "old").unwrap();
        atomic_write(&path, Lang::En, |w| w.write_all(b"new")).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn writes_beside_each_other_never_mix() {
        // Two threads write the same file at once (a data file reached
        // twice, through a symlink): each write has its own temporary
        // file, so the result is one whole content or the other.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        let (a, b) = ("a".repeat(100_000), "b".repeat(100_000));
        std::thread::scope(|scope| {
            for text in [&a, &b] {
                let path = &path;
                scope.spawn(move || {
                    for _ in 0..20 {
                        atomic_write(path, Lang::En, |w| w.write_all(text.as_bytes())).unwrap();
                    }
                });
            }
        });
        let text = fs::read_to_string(&path).unwrap();
        assert!(text == a || text == b);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn an_edit_saved_while_the_new_file_is_written_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("visits.csv");
        fs::write(&path, "a\n").unwrap();
        // The clerk saves a row while the new content is being written:
        // once as an append (same file), once as a save of the same size.
        for edit in ["a\nb\n", "x\n"] {
            let read = fs::read(&path).unwrap();
            let done = atomic_replace(&path, &read, Lang::En, |w| {
                fs::write(&path, edit)?;
                w.write_all(b"formatted\n")
            })
            .unwrap();
            assert_eq!(done, Replaced::Edited);
            assert_eq!(fs::read_to_string(&path).unwrap(), edit);
            // The new file is thrown away.
            assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        }
        // Unedited, it is replaced.
        let read = fs::read(&path).unwrap();
        let done = atomic_replace(&path, &read, Lang::En, |w| w.write_all(b"formatted\n")).unwrap();
        assert_eq!(done, Replaced::Done);
        assert_eq!(fs::read_to_string(&path).unwrap(), "formatted\n");
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        fs::write(&path, "old").unwrap();
        let err = atomic_write(&path, Lang::En, |w| {
            w.write_all(b"half")?;
            Err(io::Error::other("crash"))
        });
        assert!(err.is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
