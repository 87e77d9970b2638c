//! `leaves`: approved absences (请假、公差).

use super::{CadreId, KindDef, Ref, record};
use crate::date::Date;

record! {
    /// An approved absence (请假、公差).
    pub struct Leave in Leaves {
        cadre: Ref<CadreId> = "cadre" ("干部编号");
        from: Date = "from" ("开始日期");
        to: Date = "to" ("结束日期");
        reason: Option<Box<str>> = "reason" ("事由");
    }
}

pub const LEAVES: KindDef = KindDef {
    plural: "leaves",
    singular: "leave",
    zh: "请假记录",
    referrer_zh: "请假记录",
    key_name: ("编号", "id"),
    fields: Leave::FIELDS,
    sort: &["from", "cadre"],
    init: true,
};
