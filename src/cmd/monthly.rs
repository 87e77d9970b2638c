//! `bangcun report monthly`: the monthly summary. Opens the data as the
//! other reports do, computes the document, and writes it in one format.
//! A month without data, a file name it cannot be written under, or xlsx
//! to a terminal, is refused (exit 2) before anything is written.

use std::process::ExitCode;

use anyhow::anyhow;

use super::report::{Destination, open};
use super::{CLEAN, DATA_ERRORS, Global};
use crate::cli::Output;
use crate::render::{DocKind, Document};
use crate::report::monthly::{self, MonthlyRequest};

pub fn run(global: &Global, request: &MonthlyRequest, output: &Output) -> anyhow::Result<ExitCode> {
    // Decided before the data folder is opened, so that it costs no load
    // and comes before any data error; its language is therefore the one
    // known before the data is read.
    let to = Destination::new(output, DocKind::Monthly, global.early_lang())?;
    to.not_into_data(&super::find(global)?, global.early_lang())?;
    let as_of = request.as_of.unwrap_or_else(super::today);
    let Some(checked) = open(global, as_of, output.strict)? else {
        return Ok(ExitCode::from(DATA_ERRORS));
    };
    let lang = checked.opened.lang;
    let month = request
        .month
        .unwrap_or_else(|| monthly::default_month(as_of));
    let ctx = checked.ctx();
    let mut doc = monthly::build(&ctx, month, as_of, lang).map_err(|e| anyhow!(e.text(lang)))?;
    if request.below.is_some() {
        doc.list_reviews_below(&ctx, request.below, lang);
    }
    to.write(Document::Monthly(&doc), &checked.notice, lang)?;
    checked.leave();
    Ok(ExitCode::from(CLEAN))
}
