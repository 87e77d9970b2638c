//! `bangcun report …`: load and check, work out which records are valid,
//! compute one report over them, render it to standard output or a file.
//! With errors in the data the report still runs on the valid records and
//! says so on stderr; `--strict` refuses instead. The monthly summary
//! opens its data the same way ([`open`]).

use std::process::ExitCode;

use anyhow::anyhow;

use super::{CLEAN, DATA_ERRORS, Global, Opened};
use crate::check::Severity;
use crate::finding::Counts;
use crate::i18n;
use crate::metrics::{Ctx, Validity, Window};
use crate::model::Date;
use crate::output;
use crate::render::render_report;
use crate::report::{self, Request};

pub fn run(global: &Global, request: &Request) -> anyhow::Result<ExitCode> {
    let as_of = request.as_of.unwrap_or_else(super::today);
    let Some(checked) = open(global, as_of, request.strict)? else {
        return Ok(ExitCode::from(DATA_ERRORS));
    };
    let lang = checked.opened.lang;
    let ctx = checked.ctx();
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
    checked.leave();
    Ok(ExitCode::from(CLEAN))
}

/// The data a report reads: opened, checked, and which records are valid.
pub(super) struct Checked {
    pub opened: Opened,
    pub valid: Validity,
}

impl Checked {
    pub fn ctx(&self) -> Ctx<'_> {
        Ctx {
            data: &self.opened.data,
            index: &self.opened.index,
            valid: &self.valid,
        }
    }

    /// Ends the command's use of the data (see [`super::leave`]).
    pub fn leave(self) {
        super::leave(self.opened);
    }
}

/// Opens the data for a report as of D. When it has errors, says so in one
/// line on stderr; under `--strict`, refuses: `None`, for exit status 1.
pub(super) fn open(global: &Global, as_of: Date, strict: bool) -> anyhow::Result<Option<Checked>> {
    // Reports need the errors (to leave invalid records out); warnings
    // change no figure, so their checks are not run.
    let opened = super::open(global, as_of, &[Severity::Error])?;
    let errors = Counts::of(&opened.findings).errors;
    if errors > 0 {
        eprintln!("{}", i18n::data_errors_note(errors, strict, opened.lang));
        if strict {
            super::leave(opened);
            return Ok(None);
        }
    }
    let valid = Validity::new(&opened.data, &opened.findings);
    Ok(Some(Checked { opened, valid }))
}
