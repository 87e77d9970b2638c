//! `problems`: the problem ledger (问题台账).

use super::{CadreId, KindDef, Rectification, Ref, RegionId, Satisfaction, Source, YesNo, record};
use crate::date::{Date, Deadline};

record! {
    /// An entry of the problem ledger (问题台账).
    pub struct Problem in Problems {
        /// Unique.
        id: Box<str> = "id" ("问题编号", "编号", "台账编号") key;
        found: Date = "found" ("发现日期", "发现时间", "排查日期", "排查时间", "登记日期");
        place: Ref<RegionId> = "place" ("地点代码", "地点", "问题地点", "所在地");
        /// Needed when the source is [`Source::Cadre`] (a rule of the
        /// loader's).
        cadre: Option<Ref<CadreId>> = "cadre" ("发现干部", "帮联干部", "排查干部", "发现人", "帮联领导") sometimes;
        source: Source = "source" ("来源", "问题来源", "来源渠道", "发现方式") default Source::Cadre;
        /// One of the configured categories.
        category: Box<str> = "category" ("类别", "问题类别", "问题类型", "问题分类", "类型", "分类");
        summary: Box<str> = "summary" ("问题描述", "存在问题", "问题内容", "具体问题", "问题简述", "反映问题", "问题");
        /// The responsible unit.
        unit: Option<Box<str>> = "unit" ("责任单位", "整改责任单位", "责任部门", "牵头单位", "承办单位");
        /// As written (a date, a text deadline read as one, or long-term);
        /// see `Config::deadline` for the one that applies.
        deadline: Option<Deadline> = "deadline" ("整改时限", "完成时限", "整改期限", "办结时限", "时限", "限期");
        rectified: Option<Date> = "rectified" ("整改日期", "完成时间", "整改完成时间", "整改完成日期", "整改时间", "完成日期", "办结时间", "办结日期");
        verified: Option<Date> = "verified" ("销号日期", "销号时间");
        satisfaction: Option<Satisfaction> = "satisfaction" ("满意度", "群众满意度", "群众评价", "满意度评价");
        /// The status as the sheet says it (整改状态), checked against the
        /// dates, which remain the record (`status-conflict`).
        status: Option<Rectification> = "status" ("整改状态", "整改进度状态", "办理状态", "状态");
        /// Whether it is closed (是否销号), checked against `verified`.
        closed: Option<YesNo> = "closed" ("是否销号", "销号情况");
        /// What is being done about it (整改措施).
        measures: Option<Box<str>> = "measures" ("整改措施", "措施", "整改举措");
        /// The person responsible (责任人).
        owner: Option<Box<str>> = "owner" ("责任人", "整改责任人", "具体责任人");
        /// How the rectification stands, in words (整改情况).
        progress: Option<Box<str>> = "progress" ("整改情况", "整改进展", "进展情况", "办理情况");
        note: Option<Box<str>> = "note" ("备注");
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
    template: true,
};
