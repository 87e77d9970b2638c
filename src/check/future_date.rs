//! `future-date`: a visit or a problem dated after today.

use super::Context;
use crate::finding::{Check, Describe, Finding, Severity};
use crate::lang::{Lang, tr};
use crate::model::{Date, Kind};

pub static FUTURE_DATE: Check = Check {
    name: "future-date",
    severity: Severity::Warning,
    about: "a visit or problem dated after today",
    about_zh: "走访或问题的日期晚于今天",
};

/// A record of `kind` dated `date`, after `today`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FutureDate {
    pub kind: Kind,
    pub date: Date,
    pub today: Date,
}

impl Describe for FutureDate {
    fn text(&self, lang: Lang) -> String {
        // One record: "visit", "problem" in English.
        let what = match lang {
            Lang::Zh => self.kind.name(lang),
            Lang::En => self.kind.singular(),
        };
        let (date, today) = (self.date, self.today);
        tr!(
            lang,
            "{what}日期 {date} 晚于今天（{today}）",
            "{what} dated {date}, after today ({today})"
        )
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(tr!(
            lang,
            "核对日期是否录错",
            "check the date for a typing error"
        ))
    }
}

pub fn run(ctx: &Context, out: &mut Vec<Finding>) {
    let today = ctx.today;
    let data = ctx.data;
    let visits = data
        .visits
        .iter()
        .map(|v| (Kind::Visits, "date", v.date, v.span));
    let problems = data
        .problems
        .iter()
        .map(|p| (Kind::Problems, "found", p.found, p.span));
    for (kind, field, date, span) in visits.chain(problems) {
        if date > today {
            let message = FutureDate { kind, date, today };
            out.push(
                Finding::new(&FUTURE_DATE, span, message)
                    .field(field)
                    .value(date.to_string()),
            );
        }
    }
}
