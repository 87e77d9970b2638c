//! CSV for programs: a header of stable keys, the rows, then the total row
//! (whose `county_code` is empty), as docs/reports.md lays out.

use std::io::{self, Write};

use super::{Emitter, FormatDef, Page, for_machines, no_monthly, shown};
use crate::report::Report;
use crate::report::monthly::Monthly;

/// CSV: a file of it begins with a BOM.
pub(super) static FORMAT: FormatDef = FormatDef {
    name: "csv",
    extensions: &["csv"],
    binary: false,
    bom_in_files: true,
    emitter: &Csv,
};

/// The emitter of CSV (the monthly summary has none: it is several tables).
struct Csv;

impl Emitter for Csv {
    fn report(&self, report: &Report<'_>, _: Page<'_>, out: &mut dyn Write) -> io::Result<()> {
        let columns = shown(report, false);
        let mut w = ::csv::Writer::from_writer(out);
        w.write_record(columns.iter().map(|&i| report.columns[i].key))
            .map_err(into_io)?;
        for row in report.rows.iter().chain(&report.total) {
            for &i in &columns {
                let field = row.get(i).map(for_machines).unwrap_or_default();
                w.write_field(field.as_bytes()).map_err(into_io)?;
            }
            w.write_record(None::<&[u8]>).map_err(into_io)?;
        }
        w.flush()
    }

    fn monthly(&self, _: &Monthly<'_>, _: Page<'_>, _: &mut dyn Write) -> io::Result<()> {
        Err(no_monthly(&FORMAT))
    }
}

/// The I/O error inside a CSV error, kept as it is so that a closed pipe
/// is still seen as one.
fn into_io(e: ::csv::Error) -> io::Error {
    match e.into_kind() {
        ::csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}
