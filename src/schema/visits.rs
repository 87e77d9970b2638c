//! `visits`: what a cadre did at a point on a day (下沉走访记录).

use std::num::NonZeroU16;

use super::{CadreId, HouseholdId, KindDef, Ref, RegionId, VisitKind, record};
use crate::date::Date;

record! {
    /// What a cadre did at a point on a day (下沉走访记录).
    pub struct Visit in Visits {
        date: Date = "date" ("日期");
        cadre: Ref<CadreId> = "cadre" ("干部编号");
        /// A township or village.
        place: Ref<RegionId> = "place" ("地点代码");
        kind: VisitKind = "kind" ("类型") default VisitKind::Workday;
        forums: u32 = "forums" ("座谈会场次");
        people: u32 = "people" ("走访人次");
        note: Option<Box<str>> = "note" ("备注");
        /// The days the visit took, for quotas in days (1 when absent).
        days: NonZeroU16 = "days" ("天数") default NonZeroU16::MIN;
        /// The household visited, for quotas with each household; the
        /// place is then its village (`household-place`).
        household: Option<Ref<HouseholdId>> = "household" ("走访户", "帮扶户");
    }
}

pub const VISITS: KindDef = KindDef {
    plural: "visits",
    singular: "visit",
    zh: "走访记录",
    referrer_zh: "走访记录",
    key_name: ("编号", "id"),
    fields: Visit::FIELDS,
    sort: &["date", "cadre"],
    init: true,
};
