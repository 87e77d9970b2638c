//! bangcun: checks and reports for 联乡帮村 (link townships, help villages)
//! records kept as CSV/TOML files in a data folder.
//!
//! The flow is load → check → compute → render: [`load`] reads a data
//! folder into a [`model::Dataset`] plus findings; [`check`] adds the
//! findings of the named data checks; [`metrics`] computes the figures over
//! the valid records and [`report`] lays them out as typed tables;
//! [`render`] writes results for people and programs. [`cmd`] wires these
//! together for each command.

pub mod canonical;
pub mod check;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod date;
pub mod finding;
pub mod git;
pub mod i18n;
pub mod index;
pub mod inert;
pub mod io_error;
pub mod lang;
pub mod load;
pub mod metrics;
pub mod model;
pub mod output;
pub mod parallel;
pub mod render;
pub mod report;
pub mod safe_name;
pub mod schema;
pub mod span;
pub mod targets;
pub mod temp;
pub mod text;

use std::process::ExitCode;

/// Parses the command line, in the user's language, and runs the command.
/// Help and the version exit 0, usage errors 2; data errors are an exit
/// status, not an `Err`. An error says its I/O errors in the user's words
/// ([`io_error::in_words`]).
pub fn run() -> anyhow::Result<ExitCode> {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = cli::lang_before_parsing(&args);
    match cli::parse(args, lang) {
        Ok(parsed) => cmd::dispatch(parsed, lang).map_err(|e| io_error::in_words(e, lang)),
        Err(err) => Ok(ExitCode::from(cli::print_error(err, lang))),
    }
}
