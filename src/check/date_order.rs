//! `date-order`: end before start, rectified or deadline before found,
//! verified before rectified, a leave's to before its from.

use super::Context;
use crate::finding::{Check, Describe, Finding, Severity};
use crate::lang::{Lang, tr};
use crate::model::{Date, Kind, Span};
use crate::schema::field_names;

pub static DATE_ORDER: Check = Check {
    name: "date-order",
    severity: Severity::Error,
    about: "end before start, rectified or deadline before found, verified before rectified, leave to before from",
    about_zh: "结束早于开始、整改日期或整改时限早于发现日期、销号早于整改、请假结束早于开始",
};

/// `field` of a record of `kind`, on `date`, before `other` on
/// `other_date`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateOrder {
    pub kind: Kind,
    pub field: &'static str,
    pub date: Date,
    pub other: &'static str,
    pub other_date: Date,
}

impl Describe for DateOrder {
    fn text(&self, lang: Lang) -> String {
        let (en, zh) = field_names(self.kind, self.field);
        let (oen, ozh) = field_names(self.kind, self.other);
        let (date, other_date) = (self.date, self.other_date);
        tr!(
            lang,
            "{zh} {date} 早于{ozh} {other_date}",
            "{en} {date} is before {oen} {other_date}",
        )
    }

    fn help(&self, lang: Lang) -> Option<String> {
        let (en, zh) = field_names(self.kind, self.other);
        Some(tr!(
            lang,
            "更正日期：不能早于{zh}",
            "correct the date: it cannot be before {en}"
        ))
    }
}

pub fn run(ctx: &Context, out: &mut Vec<Finding>) {
    let data = ctx.data;
    let mut check = |kind: Kind,
                     span: Span,
                     later: (&'static str, Option<Date>),
                     earlier: (&'static str, Option<Date>)| {
        if let (Some(date), Some(other_date)) = (later.1, earlier.1) {
            if date < other_date {
                let message = DateOrder {
                    kind,
                    field: later.0,
                    date,
                    other: earlier.0,
                    other_date,
                };
                out.push(
                    Finding::new(&DATE_ORDER, span, message)
                        .field(later.0)
                        .value(date.to_string()),
                );
            }
        }
    };
    for c in &data.cadres {
        check(Kind::Cadres, c.span, ("end", c.end), ("start", c.start));
    }
    for h in &data.households {
        check(Kind::Households, h.span, ("end", h.end), ("start", h.start));
    }
    for p in &data.problems {
        let found = ("found", Some(p.found));
        let deadline = p.deadline.and_then(|d| d.day());
        check(Kind::Problems, p.span, ("deadline", deadline), found);
        check(Kind::Problems, p.span, ("rectified", p.rectified), found);
        check(
            Kind::Problems,
            p.span,
            ("verified", p.verified),
            ("rectified", p.rectified),
        );
    }
    for l in &data.leaves {
        check(
            Kind::Leaves,
            l.span,
            ("to", Some(l.to)),
            ("from", Some(l.from)),
        );
    }
}
