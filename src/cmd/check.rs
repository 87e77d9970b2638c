//! `bangcun check`: every finding, then a closing line with the counts.

use std::io::IsTerminal;
use std::process::ExitCode;

use super::{CLEAN, DATA_ERRORS, Global};
use crate::check::{REGISTRY, Severity};
use crate::cli::CheckArgs;
use crate::finding::Counts;
use crate::output;
use crate::render::render_findings;

pub fn run(global: &Global, args: &CheckArgs) -> anyhow::Result<ExitCode> {
    if args.list {
        output::to_stdout(|out| {
            for check in REGISTRY {
                writeln!(
                    out,
                    "{:<20} {:<8} {}",
                    check.name,
                    check.severity.as_str(),
                    check.about
                )?;
            }
            Ok(())
        })?;
        return Ok(ExitCode::from(CLEAN));
    }
    let today = args.as_of.unwrap_or_else(super::today);
    let opened = super::open(global, today, &[Severity::Error, Severity::Warning])?;
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    output::to_stdout(|out| {
        render_findings(
            args.format.into(),
            &opened.data,
            &opened.findings,
            opened.lang,
            color,
            out,
        )
    })?;
    let counts = Counts::of(&opened.findings);
    let failed = counts.errors > 0 || (args.deny_warnings && counts.warnings > 0);
    super::leave(opened);
    Ok(ExitCode::from(if failed { DATA_ERRORS } else { CLEAN }))
}
