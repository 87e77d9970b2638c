//! `problems`: the problem ledger (问题台账).

use super::{CadreId, KindDef, Ref, RegionId, Satisfaction, Source, record};
use crate::date::Date;

record! {
    /// An entry of the problem ledger (问题台账).
    pub struct Problem in Problems {
        /// Unique.
        id: Box<str> = "id" ("问题编号") key;
        found: Date = "found" ("发现日期");
        place: Ref<RegionId> = "place" ("地点代码");
        /// Needed when the source is [`Source::Cadre`] (a rule of the
        /// loader's).
        cadre: Option<Ref<CadreId>> = "cadre" ("发现干部") sometimes;
        source: Source = "source" ("来源") default Source::Cadre;
        /// One of the configured categories.
        category: Box<str> = "category" ("类别");
        summary: Box<str> = "summary" ("问题描述");
        /// The responsible unit.
        unit: Option<Box<str>> = "unit" ("责任单位");
        /// As written; see `Config::deadline` for the one that applies.
        deadline: Option<Date> = "deadline" ("整改时限");
        rectified: Option<Date> = "rectified" ("整改日期");
        verified: Option<Date> = "verified" ("销号日期");
        satisfaction: Option<Satisfaction> = "satisfaction" ("满意度");
    }
}

pub const PROBLEMS: KindDef = KindDef {
    plural: "problems",
    singular: "problem",
    zh: "问题台账",
    referrer_zh: "问题",
    key_name: ("问题编号", "problem id"),
    fields: Problem::FIELDS,
    sort: &["id"],
    init: true,
};
