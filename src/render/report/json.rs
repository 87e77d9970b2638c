//! JSON for programs: `{"as_of", "from", "to", "rows": [...]}` (a report
//! of a year: `{"year", "rows"}`) and, for reports with one, `"total":
//! {...}`, and `"targets": [...]` where targets apply (docs/reports.md). Row keys keep
//! column order; rates are fractions to 4 places or `null`. When the data
//! has errors, `"data_errors"` says what the figures leave out; it is
//! absent for clean data. The rows and total ([`Table`]) and the
//! `data_errors` entry are shared with the monthly summary. Text from the
//! data is written through [`crate::inert::write_json`].

use std::io::{self, Write};

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use super::{Emitter, FormatDef, Page, round4, shown};
use crate::report::monthly::Monthly;
use crate::report::notice::DataNotice;
use crate::report::targets::Judged;
use crate::report::{Cell, Report};

/// JSON, for programs.
pub(super) static FORMAT: FormatDef = FormatDef {
    name: "json",
    extensions: &["json"],
    binary: false,
    bom_in_files: false,
    emitter: &Json,
};

/// The emitter of JSON documents.
struct Json;

impl Emitter for Json {
    fn report(&self, report: &Report<'_>, page: Page<'_>, out: &mut dyn Write) -> io::Result<()> {
        crate::inert::write_json(out, &Doc(Table::new(report), page.notice))
    }

    fn monthly(&self, doc: &Monthly<'_>, page: Page<'_>, out: &mut dyn Write) -> io::Result<()> {
        super::monthly::json::render(doc, page.notice, out)
    }
}

struct Doc<'a>(Table<'a>, &'a DataNotice);

/// A report's rows, and its total where it has one, with the columns
/// shown to programs.
pub(super) struct Table<'a> {
    report: &'a Report<'a>,
    columns: Vec<usize>,
}

impl<'a> Table<'a> {
    pub(super) fn new(report: &'a Report<'a>) -> Table<'a> {
        Table {
            report,
            columns: shown(report, false),
        }
    }

    /// Writes `"rows": [...]` and `"total": {...}` into an object.
    pub(super) fn entries<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        map.serialize_entry("rows", &Rows(self))?;
        if let Some(total) = &self.report.total {
            map.serialize_entry(
                "total",
                &Row {
                    table: self,
                    cells: total,
                },
            )?;
        }
        Ok(())
    }
}

/// Writes `"targets": [...]` into an object when there are targets: each
/// `figure`, `target` (the number), `at` (`at_least`/`at_most`), `value`
/// (`null` when undefined), `met` (`null` then too) and `missing` (the
/// codes or ids of those that miss it).
pub(super) fn targets_entry<M: SerializeMap>(
    map: &mut M,
    judged: &[Judged<'_>],
) -> Result<(), M::Error> {
    if judged.is_empty() {
        return Ok(());
    }
    map.serialize_entry("targets", &Targets(judged))
}

struct Targets<'a>(&'a [Judged<'a>]);

impl Serialize for Targets<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for j in self.0 {
            seq.serialize_element(&Target(j))?;
        }
        seq.end()
    }
}

struct Target<'a>(&'a Judged<'a>);

impl Serialize for Target<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let j = self.0;
        let t = j.target;
        // A rate to 4 places, a count as a whole number.
        let number = |n: f64| {
            if t.rate {
                Number::Rate(round4(n))
            } else {
                Number::Count(n as i64)
            }
        };
        let mut map = s.serialize_map(Some(6))?;
        map.serialize_entry("figure", &t.figure)?;
        map.serialize_entry("target", &number(t.goal.bound()))?;
        map.serialize_entry("at", t.goal.word())?;
        map.serialize_entry("value", &j.value.map(number))?;
        map.serialize_entry("met", &j.met)?;
        let missing: Vec<&str> = j.missing.iter().map(|(code, _)| &**code).collect();
        map.serialize_entry("missing", &missing)?;
        map.end()
    }
}

/// A target's number in JSON.
enum Number {
    Rate(f64),
    Count(i64),
}

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match *self {
            Number::Rate(r) => s.serialize_f64(r),
            Number::Count(n) => s.serialize_i64(n),
        }
    }
}

/// Writes `"data_errors": {...}` into an object when the data has errors:
/// `errors` (how many), `records_left_out` (per kind, every kind named),
/// `files_not_read` and `files_partly_read` (names in the data folder),
/// `settings_defaulted` (keys of bangcun.toml with an impossible value),
/// `settings_ignored` (unknown keys) and `config_not_read`.
pub(super) fn notice_entry<M: SerializeMap>(
    map: &mut M,
    notice: &DataNotice,
) -> Result<(), M::Error> {
    if notice.is_empty() {
        return Ok(());
    }
    map.serialize_entry("data_errors", &Errors(notice))
}

struct Errors<'a>(&'a DataNotice);

impl Serialize for Errors<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let n = self.0;
        let mut map = s.serialize_map(Some(7))?;
        map.serialize_entry("errors", &n.errors)?;
        map.serialize_entry("records_left_out", &Records(n))?;
        map.serialize_entry("files_not_read", &n.unread)?;
        let partly: Vec<&str> = n
            .partly_read
            .iter()
            .map(|(name, _)| name.as_str())
            .collect();
        map.serialize_entry("files_partly_read", &partly)?;
        map.serialize_entry("settings_defaulted", &n.settings)?;
        map.serialize_entry("settings_ignored", &n.ignored)?;
        map.serialize_entry("config_not_read", &n.config_unread)?;
        map.end()
    }
}

/// `{"regions": 1, "cadres": 0, …}`, in load order.
struct Records<'a>(&'a DataNotice);

impl Serialize for Records<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.records.len()))?;
        for (kind, count) in self.0.records_by_kind() {
            map.serialize_entry(kind.plural(), &count)?;
        }
        map.end()
    }
}

/// One row as an object, keys in column order.
struct Row<'a> {
    table: &'a Table<'a>,
    cells: &'a [Cell<'a>],
}

struct Rows<'a>(&'a Table<'a>);

/// A cell as a JSON value.
struct Value<'a>(&'a Cell<'a>);

impl Serialize for Doc<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let report = self.0.report;
        let w = &report.window;
        let mut map = s.serialize_map(None)?;
        match report.year {
            Some(year) => map.serialize_entry("year", &year.0)?,
            None => {
                map.serialize_entry("as_of", &w.as_of.to_string())?;
                map.serialize_entry("from", &w.from.to_string())?;
                map.serialize_entry("to", &w.to.to_string())?;
            }
        }
        notice_entry(&mut map, self.1)?;
        self.0.entries(&mut map)?;
        targets_entry(&mut map, &report.targets)?;
        map.end()
    }
}

impl Serialize for Rows<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let rows = &self.0.report.rows;
        let mut seq = s.serialize_seq(Some(rows.len()))?;
        for cells in rows {
            seq.serialize_element(&Row {
                table: self.0,
                cells,
            })?;
        }
        seq.end()
    }
}

impl Serialize for Row<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.table.columns.len()))?;
        for &i in &self.table.columns {
            let key = self.table.report.columns[i].key;
            map.serialize_entry(key, &self.cells.get(i).map(Value))?;
        }
        map.end()
    }
}

impl Serialize for Value<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Cell::Empty | Cell::Rate(None) => s.serialize_none(),
            Cell::Text(t) => s.serialize_str(t),
            Cell::Int(n) => s.serialize_i64(*n),
            Cell::Date(d) => s.collect_str(d),
            Cell::Dates(ds) => s.collect_seq(ds.iter().map(ToString::to_string)),
            Cell::Rate(Some(r)) => s.serialize_f64(round4(*r)),
            Cell::Word { key, .. } => s.serialize_str(key),
        }
    }
}
