//! `cadres`: the linked cadres (帮联干部) and their contact points.

use super::{CadreLevel, Id, Kind, KindDef, Ref, RegionId, record};
use crate::date::Date;

record! {
    /// A linked cadre (帮联干部).
    pub struct Cadre in Cadres {
        /// Unique.
        id: Box<str> = "id" ("编号", "干部编号", "人员编号") key;
        name: Box<str> = "name" ("姓名", "干部姓名", "帮联干部姓名");
        level: CadreLevel = "level" ("级别", "干部级别", "帮联级别", "层级");
        /// The employer, e.g. 许昌市公安局.
        unit: Option<Box<str>> = "unit" ("单位", "工作单位", "所在单位", "派出单位");
        /// Contact points (联系点), in the order written; never empty.
        points: Vec<Ref<RegionId>> = "points" ("联系点", "帮联点", "联系点代码", "帮联村（社区）", "联系村（社区）", "帮联乡镇（街道）", "联系乡镇（街道）");
        /// The first day of the link (absent: always).
        start: Option<Date> = "start" ("开始日期", "帮联开始日期", "开始时间");
        /// The last day of the link (absent: ongoing).
        end: Option<Date> = "end" ("结束日期", "帮联结束日期", "结束时间");
    }
}

pub const CADRES: KindDef = KindDef {
    plural: "cadres",
    singular: "cadre",
    zh: "干部名单",
    referrer_zh: "干部联系点",
    key_name: ("干部编号", "cadre id"),
    fields: Cadre::FIELDS,
    sort: &["id"],
    template: true,
};

impl Cadre {
    /// Whether the link is in force on `day` (start ≤ day ≤ end).
    pub fn active_on(&self, day: Date) -> bool {
        self.start.is_none_or(|s| s <= day) && self.end.is_none_or(|e| day <= e)
    }
}

/// Typed index of a cadre in `Dataset::cadres`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CadreId(pub u32);

impl Id for CadreId {
    const KIND: Kind = Kind::Cadres;
    fn new(index: u32) -> Self {
        CadreId(index)
    }
    fn index(self) -> u32 {
        self.0
    }
}
