//! `bangcun report …`: load and check, work out which records are valid,
//! compute one report over them, render it to standard output or a file.
//! With errors in the data the report still runs on the valid records and
//! says so on stderr; `--strict` refuses instead.

use std::process::ExitCode;

use anyhow::anyhow;

use super::{CLEAN, DATA_ERRORS, Global};
use crate::check::Severity;
use crate::finding::Counts;
use crate::i18n;
use crate::metrics::{Ctx, Validity, Window};
use crate::output;
use crate::render::render_report;
use crate::report::{self, Request};

pub fn run(global: &Global, request: &Request) -> anyhow::Result<ExitCode> {
    let as_of = request.as_of.unwrap_or_else(super::today);
    // Reports need the errors (to leave invalid records out); warnings
    // change no figure, so their checks are not run.
    let opened = super::open(global, as_of, &[Severity::Error])?;
    let lang = opened.lang;
    let errors = Counts::of(&opened.findings).errors;
    if errors > 0 {
        eprintln!("{}", i18n::data_errors_note(errors, request.strict, lang));
        if request.strict {
            super::leave(opened);
            return Ok(ExitCode::from(DATA_ERRORS));
        }
    }
    let valid = Validity::new(&opened.data, &opened.findings);
    let ctx = Ctx {
        data: &opened.data,
        index: &opened.index,
        valid: &valid,
    };
    let window = Window::new(request.period, as_of, |d| ctx.earliest_visit(d))
        .map_err(|e| anyhow!(i18n::period_error(e, lang)))?;
    let county = match request.county.as_deref().map(str::trim) {
        Some(text) if !text.is_empty() => Some(
            report::find_county(&ctx, text)
                .ok_or_else(|| anyhow!(i18n::unknown_county(text, lang)))?,
        ),
        _ => None,
    };
    let report = report::build(&ctx, request.which, &window, county, lang);
    let write = |out: &mut dyn std::io::Write| render_report(&report, request.format, lang, out);
    match &request.output {
        Some(path) => output::atomic_write(path, write)?,
        None => output::to_stdout(write)?,
    }
    super::leave(opened);
    Ok(ExitCode::from(CLEAN))
}
