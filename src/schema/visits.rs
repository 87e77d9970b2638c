//! `visits`: what a cadre did at a point on a day (下沉走访记录).

use std::num::NonZeroU16;

use super::{CadreId, HouseholdId, KindDef, Ref, RegionId, VisitKind, record};
use crate::date::Date;

record! {
    /// What a cadre did at a point on a day (下沉走访记录).
    pub struct Visit in Visits {
        date: Date = "date" ("日期", "走访日期", "下沉日期", "走访时间", "下沉时间", "活动日期", "时间");
        cadre: Ref<CadreId> = "cadre" ("干部编号", "帮联干部", "走访干部", "干部姓名", "干部");
        /// A township or village.
        place: Ref<RegionId> = "place" ("地点代码", "地点", "走访地点", "下沉地点", "联系点");
        kind: VisitKind = "kind" ("类型", "走访类型", "活动类型", "下沉类型", "形式") default VisitKind::Workday;
        forums: u32 = "forums" ("座谈会场次", "座谈会", "召开座谈会", "座谈会（场）", "座谈会次数");
        people: u32 = "people" ("走访人次", "走访群众", "走访人数", "走访群众（人次）", "入户走访人次");
        note: Option<Box<str>> = "note" ("备注", "情况说明");
        /// The days the visit took, for quotas in days (1 when absent).
        days: NonZeroU16 = "days" ("天数", "下沉天数", "驻村天数", "天数（天）") default NonZeroU16::MIN;
        /// The household visited, for quotas with each household; the
        /// place is then its village (`household-place`).
        household: Option<Ref<HouseholdId>> = "household" ("走访户", "帮扶户", "走访户编号", "户编号");
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
    template: true,
};
