//! `bangcun report monthly`: the monthly summary. Opens the data as the
//! other reports do, computes the document, and writes it in one format.
//! A month without data, or xlsx to a terminal, is refused (exit 2)
//! before anything is written.

use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::{anyhow, bail};

use super::report::open;
use super::{CLEAN, DATA_ERRORS, Global};
use crate::i18n;
use crate::output;
use crate::render::{MonthlyFormat, render_monthly};
use crate::report::monthly::{self, MonthlyError, MonthlyRequest};

pub fn run(global: &Global, request: &MonthlyRequest) -> anyhow::Result<ExitCode> {
    // Binary output goes to a file or a pipe, never onto a screen: decided
    // before the data folder is opened, so that it costs no load and
    // comes before any data error. Its language is therefore `--lang`'s,
    // as for a data folder that cannot be found.
    if request.format == MonthlyFormat::Xlsx
        && request.output.is_none()
        && std::io::stdout().is_terminal()
    {
        bail!(i18n::binary_to_terminal(global.lang.unwrap_or_default()));
    }
    let as_of = request.as_of.unwrap_or_else(super::today);
    let Some(checked) = open(global, as_of, request.strict)? else {
        return Ok(ExitCode::from(DATA_ERRORS));
    };
    let lang = checked.opened.lang;
    let month = request
        .month
        .unwrap_or_else(|| monthly::default_month(as_of));
    let doc = monthly::build(&checked.ctx(), month, as_of, lang).map_err(|e| match e {
        MonthlyError::Period(e) => anyhow!(i18n::period_error(e, lang)),
        MonthlyError::NoData { month, covered } => {
            anyhow!(i18n::no_data_in_month(month, covered, lang))
        }
    })?;
    let write = |out: &mut dyn std::io::Write| render_monthly(&doc, request.format, lang, out);
    match &request.output {
        Some(path) => output::atomic_write(path, write)?,
        None => output::to_stdout(write)?,
    }
    checked.leave();
    Ok(ExitCode::from(CLEAN))
}
