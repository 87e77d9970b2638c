//! The temporary files of atomic writes ([`crate::output::atomic_write`]):
//! a name that says whose they are, `.NAME.bangcun-PID-N.tmp` beside the
//! file NAME they will replace; removal when the process is stopped by a
//! signal while one is open; and telling one that a stopped process left
//! behind, which `check` warns about and `fmt` removes (a kill that no
//! handler sees, `kill -9`, leaves one, and `git add -A` would commit it).

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;
use std::time::{Duration, SystemTime};

/// The name of the temporary file for the `n`th write of process `pid`
/// to the file `name`: hidden, and recognisably bangcun's.
pub fn name(target: &str, pid: u32, n: u64) -> String {
    format!(".{target}.bangcun-{pid}-{n}.tmp")
}

/// What a temporary file's name tells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TempName<'a> {
    /// The file it was to replace.
    pub target: &'a str,
    /// The process that was writing it.
    pub pid: u32,
}

/// Reads a name made by [`name`]; `None` for any other name.
pub fn parse(file_name: &str) -> Option<TempName<'_>> {
    let inner = file_name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (target, ids) = inner.rsplit_once(".bangcun-")?;
    let (pid, n) = ids.split_once('-')?;
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if target.is_empty() || !all_digits(pid) || !all_digits(n) {
        return None;
    }
    Some(TempName {
        target,
        pid: pid.parse().ok()?,
    })
}

/// After this long a temporary file is left over whoever made it: no
/// write takes an hour, and a process id may have been reused since.
const ABANDONED_AFTER: Duration = Duration::from_secs(60 * 60);

/// Whether the temporary file at `path` (named by [`name`]) was left
/// behind: the process that was writing it is gone (on Unix, where that
/// can be asked), or it has not been touched for an hour.
pub fn is_left_over(path: &Path, temp: &TempName) -> bool {
    if temp.pid == std::process::id() {
        return false;
    }
    let old = std::fs::symlink_metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| SystemTime::now().duration_since(t).ok())
        .is_some_and(|age| age > ABANDONED_AFTER);
    old || !alive(temp.pid)
}

/// Whether process `pid` is running (on Unix: signal 0 reaches it, or it
/// exists but is another user's). Elsewhere it cannot be told here, so it
/// is taken to run, and only the age of its file counts.
fn alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        // 0 and what does not fit a pid_t would name process groups.
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        if pid <= 0 {
            return false;
        }
        // SAFETY: kill with signal 0 sends nothing; it only checks.
        let sent = unsafe { libc::kill(pid, 0) };
        sent == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// A temporary file being written: registered for removal should the
/// process be stopped by SIGINT, SIGTERM, SIGHUP or SIGXFSZ (a file size
/// limit) meanwhile; no longer once dropped (renamed or removed).
pub struct Guard {
    #[cfg(unix)]
    slot: Option<usize>,
}

impl Guard {
    /// Creates the new file `path` (an existing one is an error) and
    /// registers it, as one step that a signal cannot cut in two: a
    /// handler running on another thread waits until the file is
    /// registered, so it never misses one made while it runs.
    pub fn create(path: &Path) -> io::Result<(File, Guard)> {
        let open = || OpenOptions::new().write(true).create_new(true).open(path);
        #[cfg(unix)]
        {
            let _creating = on_signal::Creating::enter()?;
            let slot = on_signal::register(path);
            let guard = Guard { slot };
            Ok((open()?, guard))
        }
        #[cfg(not(unix))]
        {
            Ok((open()?, Guard {}))
        }
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        #[cfg(unix)]
        if let Some(slot) = self.slot {
            on_signal::unregister(slot);
        }
    }
}

/// Removing the temporary files being written when a signal stops the
/// process. A signal handler may only call what is safe in one: it reads
/// paths from atomic slots and unlinks them, then lets the signal end the
/// process as it would have.
#[cfg(unix)]
mod on_signal {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    use std::path::Path;
    use std::ptr;
    use std::sync::Once;
    use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicUsize, Ordering};

    /// More than the files written at once (one per thread).
    const SLOTS: usize = 64;

    static PATHS: [AtomicPtr<libc::c_char>; SLOTS] =
        [const { AtomicPtr::new(ptr::null_mut()) }; SLOTS];
    static INSTALL: Once = Once::new();
    /// Set by the handler before it removes anything: no file is made
    /// after that.
    static STOPPING: AtomicBool = AtomicBool::new(false);
    /// Threads between registering a file and having made it, which the
    /// handler waits for.
    static CREATING: AtomicUsize = AtomicUsize::new(0);

    /// The signals the handler handles.
    const SIGNALS: [libc::c_int; 4] = [libc::SIGINT, libc::SIGTERM, libc::SIGHUP, libc::SIGXFSZ];

    /// A thread making a temporary file: the handled signals are blocked
    /// on it (so the handler, which waits for it, never runs on it) and
    /// it is counted in `CREATING`, until dropped.
    pub struct Creating {
        old: libc::sigset_t,
    }

    impl Creating {
        /// Enters, or refuses with `Interrupted` when a handler is already
        /// stopping the process.
        pub fn enter() -> std::io::Result<Creating> {
            INSTALL.call_once(install);
            // SAFETY: plain sigset and pthread_sigmask calls on zeroed
            // structures owned here.
            let old = unsafe {
                let mut set: libc::sigset_t = std::mem::zeroed();
                let mut old: libc::sigset_t = std::mem::zeroed();
                libc::sigemptyset(&mut set);
                for signal in SIGNALS {
                    libc::sigaddset(&mut set, signal);
                }
                libc::pthread_sigmask(libc::SIG_BLOCK, &set, &mut old);
                old
            };
            // Counted first, then the flag read; the handler sets the flag
            // first, then reads the count (both SeqCst): one of the two
            // sees the other.
            let creating = Creating { old };
            CREATING.fetch_add(1, Ordering::SeqCst);
            if STOPPING.load(Ordering::SeqCst) {
                drop(creating);
                return Err(std::io::ErrorKind::Interrupted.into());
            }
            Ok(creating)
        }
    }

    impl Drop for Creating {
        fn drop(&mut self) {
            CREATING.fetch_sub(1, Ordering::SeqCst);
            // SAFETY: restores the mask saved by enter.
            unsafe {
                libc::pthread_sigmask(libc::SIG_SETMASK, &self.old, ptr::null_mut());
            }
        }
    }

    /// Puts `path` in a free slot (inside [`Creating`], which installed
    /// the handler); `None` when every slot is taken or the path holds a NUL: the file is
    /// then only cleaned up by a later run.
    pub fn register(path: &Path) -> Option<usize> {
        let path = CString::new(path.as_os_str().as_bytes()).ok()?.into_raw();
        let free = PATHS.iter().position(|slot| {
            slot.compare_exchange(ptr::null_mut(), path, Ordering::SeqCst, Ordering::SeqCst)
                .is_ok()
        });
        if free.is_none() {
            // SAFETY: made by into_raw above and never shared.
            drop(unsafe { CString::from_raw(path) });
        }
        free
    }

    /// Empties a slot. Its path is never freed: a handler running on
    /// another thread may be reading it this very moment. (A hundred
    /// bytes per file written.)
    pub fn unregister(slot: usize) {
        if let Some(slot) = PATHS.get(slot) {
            slot.store(ptr::null_mut(), Ordering::SeqCst);
        }
    }

    extern "C" fn handle(signal: libc::c_int) {
        // No file is made from now on; one being made is waited for (its
        // thread has the signals blocked, so it is not this one).
        STOPPING.store(true, Ordering::SeqCst);
        while CREATING.load(Ordering::SeqCst) != 0 {
            std::hint::spin_loop();
        }
        for slot in &PATHS {
            let path = slot.load(Ordering::SeqCst);
            if !path.is_null() {
                // SAFETY: a NUL-terminated path that is never freed;
                // unlink is async-signal-safe.
                unsafe { libc::unlink(path) };
            }
        }
        // SAFETY: both are async-signal-safe. The signal is blocked while
        // this runs; raised again with its default action, it ends the
        // process as it would have without this handler once it returns.
        unsafe {
            libc::signal(signal, libc::SIG_DFL);
            libc::raise(signal);
        }
    }

    fn install() {
        for signal in SIGNALS {
            // SAFETY: plain sigaction calls with zeroed, then filled,
            // structures; the handler does only async-signal-safe work.
            unsafe {
                let mut old: libc::sigaction = std::mem::zeroed();
                if libc::sigaction(signal, ptr::null(), &mut old) != 0 {
                    continue;
                }
                // A signal ignored (as `nohup` ignores SIGHUP) stays so.
                if old.sa_sigaction == libc::SIG_IGN {
                    continue;
                }
                let mut action: libc::sigaction = std::mem::zeroed();
                action.sa_sigaction = handle as extern "C" fn(libc::c_int) as libc::sighandler_t;
                libc::sigemptyset(&mut action.sa_mask);
                libc::sigaction(signal, &action, ptr::null_mut());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_back() {
        let made = name("2026-10.csv", 4242, 7);
        assert_eq!(made, ".2026-10.csv.bangcun-4242-7.tmp");
        assert_eq!(
            parse(&made),
            Some(TempName {
                target: "2026-10.csv",
                pid: 4242
            })
        );
        // A name with the marker in it keeps it.
        assert_eq!(
            parse(".a.bangcun-1-2.csv.bangcun-3-4.tmp").map(|t| (t.target, t.pid)),
            Some(("a.bangcun-1-2.csv", 3))
        );
        for other in [
            "2026-10.csv",
            ".2026-10.csv.swp",
            ".x.bangcun-12.tmp",
            ".x.bangcun--1.tmp",
            ".x.bangcun-a-1.tmp",
            "..bangcun-1-1.tmp",
            ".x.bangcun-99999999999-1.tmp",
        ] {
            assert_eq!(parse(other), None, "{other}");
        }
    }

    #[test]
    fn a_file_of_a_running_process_is_not_left_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".x.csv.bangcun-1-0.tmp");
        std::fs::write(&path, "x").unwrap();
        let mine = TempName {
            target: "x.csv",
            pid: std::process::id(),
        };
        assert!(!is_left_over(&path, &mine));
        #[cfg(unix)]
        {
            // A process that has ended: its file is left over.
            let mut child = std::process::Command::new("true").spawn().unwrap();
            let pid = child.id();
            child.wait().unwrap();
            let gone = TempName {
                target: "x.csv",
                pid,
            };
            assert!(is_left_over(&path, &gone));
            // The parent of this test runs: its file is not.
            let parent = TempName {
                target: "x.csv",
                pid: std::os::unix::process::parent_id(),
            };
            assert!(!is_left_over(&path, &parent));
        }
    }
}
