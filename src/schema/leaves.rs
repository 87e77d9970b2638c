//! `leaves`: approved absences (请假、公差).

use super::{CadreId, KindDef, Ref, record};
use crate::date::Date;

record! {
    /// An approved absence (请假、公差).
    pub struct Leave in Leaves {
        cadre: Ref<CadreId> = "cadre" ("干部编号", "干部姓名", "请假人", "干部", "姓名");
        from: Date = "from" ("开始日期", "起始日期", "请假开始日期", "开始时间");
        to: Date = "to" ("结束日期", "截止日期", "请假结束日期", "结束时间");
        reason: Option<Box<str>> = "reason" ("事由", "请假事由", "公差事由", "原因", "请假原因");
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
    template: true,
};
