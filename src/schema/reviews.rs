//! `reviews`: the yearly review of each cadre by residents' and party
//! members' representatives (评议), as the counts of their votes.

use super::{CadreId, KindDef, Ref, Year, record};

record! {
    /// One cadre's review for one year (群众评议).
    pub struct Review in Reviews {
        cadre: Ref<CadreId> = "cadre" ("干部编号", "帮联干部", "被评议干部");
        year: Year = "year" ("年度", "年份", "评议年度");
        satisfied: u32 = "satisfied" ("满意", "满意票", "满意票数");
        basic: u32 = "basic" ("基本满意", "基本满意票", "基本满意票数");
        unsatisfied: u32 = "unsatisfied" ("不满意", "不满意票", "不满意票数");
    }
}

pub const REVIEWS: KindDef = KindDef {
    plural: "reviews",
    singular: "review",
    zh: "评议结果",
    referrer_zh: "评议记录",
    key_name: ("干部编号和年度", "cadre and year"),
    fields: Review::FIELDS,
    sort: &["year", "cadre"],
    template: false,
};

impl Review {
    /// Every vote cast.
    pub fn votes(&self) -> u64 {
        u64::from(self.satisfied) + u64::from(self.basic) + u64::from(self.unsatisfied)
    }
}
