//! The monthly summary as one JSON document for programs: every figure
//! under a stable English key. The county rows, and the rows of each list,
//! are those of the report tables (their stable keys); rates are fractions to 4
//! places or `null`. A change is the current figure less the previous one,
//! as written here (for a rate, the difference of the two 4-place
//! fractions), or `null` when either is undefined. `data_errors` says
//! what the figures leave out, as in the report tables.

use std::io::{self, Write};

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::{Value, json};

use super::super::json::{Table, notice_entry, targets_entry};
use super::super::round4;
use super::{month_key, quota_change};
use crate::i18n::Change;
use crate::metrics::Window;
use crate::report::monthly::{
    Figure, HeadlineFigure, Monthly, QuotaHeadline, QuotaStand, TrendMonth,
};
use crate::report::notice::DataNotice;
use crate::report::{Listed, Report};

pub fn render(doc: &Monthly<'_>, notice: &DataNotice, out: &mut dyn Write) -> io::Result<()> {
    crate::inert::write_json(out, &Doc(doc, notice))
}

struct Doc<'a>(&'a Monthly<'a>, &'a DataNotice);

impl Serialize for Doc<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let doc = self.0;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("name", &doc.name)?;
        month_entries(&mut map, &doc.window)?;
        notice_entry(&mut map, self.1)?;
        map.serialize_entry("previous", &Month(&doc.previous))?;
        map.serialize_entry("headline", &Headline(&doc.headline))?;
        if !doc.quotas.is_empty() {
            map.serialize_entry("quotas", &Quotas(&doc.quotas))?;
        }
        map.serialize_entry("counties", &Listing::whole(&doc.counties))?;
        map.serialize_entry("trend", &Trend(&doc.trend))?;
        map.serialize_entry("sources", &Listing::whole(&doc.sources))?;
        let petition = doc.petition.rectification_rate().map(round4);
        map.serialize_entry("petition_resolution_rate", &petition)?;
        map.serialize_entry("units", &Listing::whole(&doc.units))?;
        map.serialize_entry("units_overdue", &doc.units_overdue)?;
        map.serialize_entry("overdue", &Listing::cut(&doc.overdue))?;
        map.serialize_entry("missed", &Listing::whole(&doc.missed))?;
        map.serialize_entry("revisits", &Listing::cut(&doc.revisits))?;
        map.serialize_entry("uncovered", &Listing::whole(&doc.uncovered))?;
        if !doc.quotas.is_empty() {
            map.serialize_entry("quotas_missed", &Listing::whole(&doc.quotas_missed))?;
        }
        programme_entries(&mut map, doc)?;
        map.end()
    }
}

/// What the data has of the programme's own figures: `ratings` (`{"year",
/// "rows", "total"}`, the latest year), `reviews` (`{"year", "cadres",
/// "rate"}`), `reviews_below` (`{"year",
/// "threshold", "count", "rows"}`) and `targets` (as the report tables
/// write them); each only when there is one.
fn programme_entries<M: SerializeMap>(map: &mut M, doc: &Monthly<'_>) -> Result<(), M::Error> {
    if let Some(ratings) = &doc.ratings {
        map.serialize_entry("ratings", &OfYear(ratings, None))?;
    }
    if let Some(sum) = &doc.reviews {
        let value = json!({"year": sum.year.0, "cadres": sum.cadres, "rate": sum.rate.map(round4)});
        map.serialize_entry("reviews", &value)?;
    }
    if let Some(below) = &doc.reviews_below {
        map.serialize_entry(
            "reviews_below",
            &OfYear(&below.report, Some(below.threshold)),
        )?;
    }
    targets_entry(map, &doc.targets)
}

/// A report of a year: `{"year", "threshold"?, "count", "rows", "total"?}`.
struct OfYear<'a>(&'a Report<'a>, Option<f64>);

impl Serialize for OfYear<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("year", &self.0.year.map(|y| y.0))?;
        if let Some(threshold) = self.1 {
            map.serialize_entry("threshold", &round4(threshold))?;
        }
        map.serialize_entry("count", &self.0.rows.len())?;
        Table::new(self.0).entries(&mut map)?;
        map.end()
    }
}

/// A month's keys, `month`, `from`, `to`, `as_of`, in a map of its own.
struct Month<'a>(&'a Window);

impl Serialize for Month<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(4))?;
        month_entries(&mut map, self.0)?;
        map.end()
    }
}

/// Writes a month's keys, `month`, `from`, `to`, `as_of`, into `map`.
fn month_entries<M: SerializeMap>(map: &mut M, w: &Window) -> Result<(), M::Error> {
    map.serialize_entry("month", &month_key(w))?;
    map.serialize_entry("from", &w.from.to_string())?;
    map.serialize_entry("to", &w.to.to_string())?;
    map.serialize_entry("as_of", &w.as_of.to_string())
}

/// `{"rectification_rate": {"current", "previous", "change"}, …}`.
struct Headline<'a>(&'a [HeadlineFigure]);

impl Serialize for Headline<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for h in self.0 {
            map.serialize_entry(h.measure.key(), &Entry(h))?;
        }
        map.end()
    }
}

/// One headline figure: `current`, `previous`, `change`.
struct Entry<'a>(&'a HeadlineFigure);

impl Serialize for Entry<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let h = self.0;
        let change = match (h.current, h.previous) {
            (Figure::Rate(Some(c)), Some(Figure::Rate(Some(p)))) => {
                json!(round4(round4(c) - round4(p)))
            }
            (Figure::Count(c), Some(Figure::Count(p))) => json!(c as i64 - p as i64),
            // An undefined rate, or no month before the data began (a
            // rate against a count is never made).
            _ => Value::Null,
        };
        let mut map = s.serialize_map(Some(3))?;
        map.serialize_entry("current", &figure(h.current))?;
        map.serialize_entry("previous", &h.previous.map_or(Value::Null, figure))?;
        map.serialize_entry("change", &change)?;
        map.end()
    }
}

/// `[{"quota", "per", "period", "owed", "met", "rate", "in_progress",
/// "previous", "change"}, …]`, in the order of bangcun.toml; `previous`
/// is last month's `{"period", "owed", "met", "rate", "in_progress"}` or
/// `null`; `change` the difference of the two rates (4 places) where
/// they compare, else `null`.
struct Quotas<'a>(&'a [QuotaHeadline]);

impl Serialize for Quotas<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for q in self.0 {
            let change = match (
                quota_change(q),
                q.current.rate(),
                q.previous.and_then(|p| p.rate()),
            ) {
                (Change::Undefined, _, _) => Value::Null,
                (_, Some(c), Some(p)) => json!(round4(round4(c) - round4(p))),
                _ => Value::Null,
            };
            let mut value = stand(&q.current);
            value["quota"] = json!(q.name);
            value["per"] = json!(q.current.period.per.english());
            value["previous"] = q.previous.as_ref().map_or(Value::Null, stand);
            value["change"] = change;
            seq.serialize_element(&value)?;
        }
        seq.end()
    }
}

/// A quota's stand: `{"period", "owed", "met", "rate", "in_progress"}`.
fn stand(s: &QuotaStand) -> Value {
    json!({
        "period": s.period.label(),
        "owed": s.owed,
        "met": s.met,
        "rate": s.rate().map(round4),
        "in_progress": s.in_progress,
    })
}

/// A figure as written here: a count, or a rate to 4 places (`null` when
/// undefined).
fn figure(f: Figure) -> Value {
    match f {
        Figure::Rate(r) => json!(r.map(round4)),
        Figure::Count(n) => json!(n),
    }
}

/// `[{"month", "from", "to", "as_of", "new_problems", "new_rectified",
/// "rectification_rate"}, …]`, oldest first.
struct Trend<'a>(&'a [TrendMonth]);

impl Serialize for Trend<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for t in self.0 {
            seq.serialize_element(&TrendEntry(t))?;
        }
        seq.end()
    }
}

struct TrendEntry<'a>(&'a TrendMonth);

impl Serialize for TrendEntry<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let t = self.0;
        let mut map = s.serialize_map(Some(7))?;
        month_entries(&mut map, &t.window)?;
        map.serialize_entry("new_problems", &t.new_problems)?;
        map.serialize_entry("new_rectified", &t.new_rectified)?;
        map.serialize_entry("rectification_rate", &t.rectification_rate.map(round4))?;
        map.end()
    }
}

/// A report table: `{"count", "rows": [...], "total": {...}}`; `count` is
/// how many rows there are in all (more than listed, for the overdue
/// problems).
struct Listing<'a>(&'a Report<'a>, usize);

impl<'a> Listing<'a> {
    fn whole(report: &'a Report<'a>) -> Self {
        Listing(report, report.rows.len())
    }

    fn cut(listed: &'a Listed<'a>) -> Self {
        Listing(&listed.report, listed.count)
    }
}

impl Serialize for Listing<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("count", &self.1)?;
        Table::new(self.0).entries(&mut map)?;
        map.end()
    }
}
