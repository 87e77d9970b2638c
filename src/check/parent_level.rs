//! `parent-level`: a township whose parent is not a county, a village
//! whose parent is not a township.

use super::Context;
use crate::finding::{Check, Describe, Finding, Severity};
use crate::lang::{Lang, tr};
use crate::model::RegionLevel;

pub static PARENT_LEVEL: Check = Check {
    name: "parent-level",
    severity: Severity::Error,
    about: "a region whose parent is not exactly one level up",
    about_zh: "区划的上级不是正好高一级的区划",
};

/// A region of `level` whose parent is of `parent_level`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParentLevel {
    pub level: RegionLevel,
    pub parent: String,
    pub parent_level: RegionLevel,
}

impl Describe for ParentLevel {
    fn text(&self, lang: Lang) -> String {
        let what = self.level.name(lang);
        let up = self.parent_level.name(lang);
        let parent = &self.parent;
        tr!(
            lang,
            "{what}的上级“{parent}”是{up}，不是正好高一级的区划",
            "a {what}'s parent \"{parent}\" is a {up}, not a region exactly one level up",
        )
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(match self.level {
            RegionLevel::Village => tr!(
                lang,
                "村的上级应为乡镇（街道）",
                "a village's parent must be a township"
            ),
            _ => tr!(
                lang,
                "乡镇的上级应为县（区）",
                "a township's parent must be a county"
            ),
        })
    }
}

pub fn run(ctx: &Context, out: &mut Vec<Finding>) {
    let data = ctx.data;
    for r in &data.regions {
        let Some(parent) = r.parent.region.and_then(|p| p.id()) else {
            continue;
        };
        let want = match r.level {
            RegionLevel::Township => RegionLevel::County,
            RegionLevel::Village => RegionLevel::Township,
            RegionLevel::County => continue,
        };
        let p = data.region(parent);
        if p.level != want {
            let message = ParentLevel {
                level: r.level,
                parent: p.code.to_string(),
                parent_level: p.level,
            };
            out.push(
                Finding::new(&PARENT_LEVEL, r.span, message)
                    .field("parent")
                    .value(p.code.clone()),
            );
        }
    }
}
