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
pub mod load;
pub mod metrics;
pub mod model;
pub mod output;
pub mod parallel;
pub mod render;
pub mod report;
pub mod schema;
pub mod text;

use std::process::ExitCode;

use clap::Parser;

/// Parses the command line and runs the command. Usage errors exit 2
/// through clap; data errors are an exit status, not an `Err`.
pub fn run() -> anyhow::Result<ExitCode> {
    cmd::dispatch(cli::Cli::parse())
}
