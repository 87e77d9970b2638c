//! `point-level`: a contact point that is a county.

use super::Context;
use crate::finding::{Check, Describe, Finding, Severity};
use crate::lang::{Lang, tr};
use crate::model::{Ref, RegionLevel};

pub static POINT_LEVEL: Check = Check {
    name: "point-level",
    severity: Severity::Error,
    about: "a contact point that is a county",
    about_zh: "联系点是县（区）",
};

/// A cadre's point that is the county `code`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CountyPoint {
    pub code: String,
}

impl Describe for CountyPoint {
    fn text(&self, lang: Lang) -> String {
        let code = &self.code;
        tr!(
            lang,
            "联系点“{code}”是县级区划；联系点应为乡镇（街道）或村（社区）",
            "contact point \"{code}\" is a county; points are townships or villages",
        )
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(tr!(
            lang,
            "改为该县内的乡镇或村的代码",
            "use the code of a township or village in that county"
        ))
    }
}

pub fn run(ctx: &Context, out: &mut Vec<Finding>) {
    let data = ctx.data;
    for c in &data.cadres {
        for point in c.points.iter().filter_map(Ref::id) {
            let region = data.region(point);
            if region.level == RegionLevel::County {
                let message = CountyPoint {
                    code: region.code.to_string(),
                };
                out.push(
                    Finding::new(&POINT_LEVEL, c.span, message)
                        .field("points")
                        .value(region.code.clone()),
                );
            }
        }
    }
}
