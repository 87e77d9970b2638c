//! `needs-rectified`: verified or satisfaction on a problem not rectified.

use super::Context;
use crate::finding::{Check, Describe, Finding, Severity};
use crate::lang::{Lang, tr};
use crate::model::{Enumeration, Kind};
use crate::schema::field_names;

pub static NEEDS_RECTIFIED: Check = Check {
    name: "needs-rectified",
    severity: Severity::Error,
    about: "verified or satisfaction on a problem that is not rectified",
    about_zh: "未整改的问题填了销号日期或满意度",
};

/// `field` is set on a problem without a rectified date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NeedsRectified {
    pub field: &'static str,
}

impl Describe for NeedsRectified {
    fn text(&self, lang: Lang) -> String {
        let (en, zh) = field_names(Kind::Problems, self.field);
        tr!(
            lang,
            "填写了{zh}，但没有整改日期",
            "{en} is set but rectified is empty"
        )
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(tr!(lang, "先填写整改日期", "fill in rectified first"))
    }
}

pub fn run(ctx: &Context, out: &mut Vec<Finding>) {
    for p in ctx.data.problems.iter().filter(|p| p.rectified.is_none()) {
        if let Some(verified) = p.verified {
            let message = NeedsRectified { field: "verified" };
            out.push(
                Finding::new(&NEEDS_RECTIFIED, p.span, message)
                    .field("verified")
                    .value(verified.to_string()),
            );
        }
        if let Some(s) = p.satisfaction {
            let message = NeedsRectified {
                field: "satisfaction",
            };
            out.push(
                Finding::new(&NEEDS_RECTIFIED, p.span, message)
                    .field("satisfaction")
                    .value(s.chinese()),
            );
        }
    }
}
