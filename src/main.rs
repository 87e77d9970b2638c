//! The `bangcun` binary: everything happens in [`bangcun::run`]; this only
//! turns its outcome into an exit status (0 clean, 1 data errors, 2 the
//! command could not run). A closed pipe (`bangcun check | head`) is not an
//! error.

use std::process::ExitCode;

fn main() -> ExitCode {
    match bangcun::run() {
        Ok(code) => code,
        Err(err) if bangcun::io_error::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            // An error may quote a path or a value from the data: each
            // line shown with its control characters escaped.
            let text = format!("{err:#}");
            let lines: Vec<_> = text.split('\n').map(bangcun::inert::visible).collect();
            eprintln!("bangcun: {}", lines.join("\n"));
            ExitCode::from(2)
        }
    }
}

/// jemalloc: loading allocates a few strings per region, cadre and problem
/// on two threads at once, which glibc's allocator does slowly; it also
/// ends with a lower peak.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options, read before `main`: transparent huge pages for its
/// memory. A province's records are some 150 MB written once; in 2 MiB
/// pages rather than 4 KiB ones, the kernel takes 500 times fewer page
/// faults to hand them over (report summary at province scale: about
/// 0.28 s to 0.23 s).
#[cfg(not(target_env = "msvc"))]
// SAFETY: jemalloc declares `const char *malloc_conf` (with its `_rjem_`
// prefix) and reads it once; this is a pointer to a NUL-terminated string
// that lives for the whole program, as it expects.
#[unsafe(export_name = "_rjem_malloc_conf")]
static MALLOC_CONF: &[u8; 11] = b"thp:always\0";
