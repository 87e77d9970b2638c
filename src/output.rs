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
