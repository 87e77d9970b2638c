//! `households`: the households in hardship (帮扶户) that cadres link, as
//! Qinzhou's 联村联户 programme has them.

use super::{CadreId, HouseholdKind, Id, Kind, KindDef, Ref, RegionId, record};
use crate::date::Date;

record! {
    /// A household in hardship (帮扶户) and the cadres linked to it.
    pub struct Household in Households {
        /// Unique.
        id: Box<str> = "id" ("户编号", "户号", "帮扶户编号") key;
        /// The head of the household.
        name: Box<str> = "name" ("户主姓名", "户主", "户主名");
        /// The household's village (`household-village` when it is none).
        place: Ref<RegionId> = "place" ("所在村（社区）", "所在村", "所在村(社区)");
        kind: HouseholdKind = "kind" ("类型", "帮扶户类型", "户类型", "困难类型") default HouseholdKind::Rural;
        /// The cadres (or units) linked to it, in the order written.
        cadres: Vec<Ref<CadreId>> = "cadres" ("联系干部", "帮扶干部", "结对干部", "帮扶责任人", "联户干部");
        /// The first day of the link (absent: always).
        start: Option<Date> = "start" ("开始日期", "结对日期", "帮扶开始日期");
        /// The last day of the link (absent: ongoing).
        end: Option<Date> = "end" ("结束日期", "帮扶结束日期");
    }
}

pub const HOUSEHOLDS: KindDef = KindDef {
    plural: "households",
    singular: "household",
    zh: "帮扶户",
    referrer_zh: "帮扶户",
    key_name: ("户编号", "household id"),
    fields: Household::FIELDS,
    sort: &["id"],
    template: false,
};

impl Household {
    /// Whether the link is in force on every day from `first` to `last`.
    pub fn linked_throughout(&self, first: Date, last: Date) -> bool {
        self.start.is_none_or(|s| s <= first) && self.end.is_none_or(|e| e >= last)
    }

    /// Whether the link is in force on `day`.
    pub fn active_on(&self, day: Date) -> bool {
        self.linked_throughout(day, day)
    }
}

/// Typed index of a household in `Dataset::households`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HouseholdId(pub u32);

impl Id for HouseholdId {
    const KIND: Kind = Kind::Households;
    fn new(index: u32) -> Self {
        HouseholdId(index)
    }
    fn index(self) -> u32 {
        self.0
    }
}
