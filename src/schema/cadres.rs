//! `cadres`: the linked cadres (帮联干部) and their contact points.

use super::{CadreLevel, Id, Kind, KindDef, Ref, RegionId, record};
use crate::date::Date;

record! {
    /// A linked cadre (帮联干部).
    pub struct Cadre in Cadres {
        /// Unique.
        id: Box<str> = "id" ("编号") key;
        name: Box<str> = "name" ("姓名");
        level: CadreLevel = "level" ("级别");
        /// The employer, e.g. 许昌市公安局.
        unit: Option<Box<str>> = "unit" ("单位");
        /// Contact points (联系点), in the order written; never empty.
        points: Vec<Ref<RegionId>> = "points" ("联系点");
        /// The first day of the link (absent: always).
        start: Option<Date> = "start" ("开始日期");
        /// The last day of the link (absent: ongoing).
        end: Option<Date> = "end" ("结束日期");
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
    init: true,
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
