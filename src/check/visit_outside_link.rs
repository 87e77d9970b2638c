//! `visit-outside-link`: a visit before the cadre's start or after its end.

use super::Context;
use crate::finding::{Check, Describe, Finding, Severity};
use crate::lang::{Lang, tr};
use crate::model::Date;

pub static VISIT_OUTSIDE_LINK: Check = Check {
    name: "visit-outside-link",
    severity: Severity::Warning,
    about: "a visit outside the cadre's start..end",
    about_zh: "走访日期不在该干部的帮联期间内",
};

/// A visit on `date`, outside the cadre's `start..end`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VisitOutsideLink {
    pub date: Date,
    pub start: Option<Date>,
    pub end: Option<Date>,
}

impl Describe for VisitOutsideLink {
    fn text(&self, lang: Lang) -> String {
        let open = lang.pick("不限", "open");
        let show = |d: Option<Date>| d.map_or(open.to_string(), |d| d.to_string());
        let range = format!("{} .. {}", show(self.start), show(self.end));
        let date = self.date;
        tr!(
            lang,
            "走访日期 {date} 不在该干部的帮联期限（{range}）内",
            "visit on {date} is outside the cadre's link ({range})",
        )
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(tr!(
            lang,
            "核对日期，或调整 cadres.csv 中的开始、结束日期",
            "check the date, or the cadre's start and end in cadres.csv",
        ))
    }
}

pub fn run(ctx: &Context, out: &mut Vec<Finding>) {
    let data = ctx.data;
    for v in &data.visits {
        let Some(cadre) = v.cadre.id().map(|c| data.cadre(c)) else {
            continue;
        };
        if !cadre.active_on(v.date) {
            let message = VisitOutsideLink {
                date: v.date,
                start: cadre.start,
                end: cadre.end,
            };
            out.push(
                Finding::new(&VISIT_OUTSIDE_LINK, v.span, message)
                    .field("date")
                    .value(v.date.to_string()),
            );
        }
    }
}
