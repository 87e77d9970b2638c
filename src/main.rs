//! The `bangcun` binary: everything happens in [`bangcun::run`]; this only
//! turns its outcome into an exit status (0 clean, 1 data errors, 2 the
//! command could not run). A closed pipe (`bangcun check | head`) is not an
//! error.

use std::process::ExitCode;

fn main() -> ExitCode {
    match bangcun::run() {
        Ok(code) => code,
        Err(err) if bangcun::output::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("bangcun: {err:#}");
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
