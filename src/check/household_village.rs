//! `household-village`: a household whose place is not a village.

use super::Context;
use crate::finding::{Check, Describe, Finding, Severity};
use crate::lang::{Lang, tr};
use crate::model::RegionLevel;

pub static HOUSEHOLD_VILLAGE: Check = Check {
    name: "household-village",
    severity: Severity::Error,
    about: "a household whose place is a county or township, not a village",
    about_zh: "帮扶户的所在地是县（区）或乡镇（街道），不是村（社区）",
};

/// A household at `code`, a region of `level` (not a village).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HouseholdVillage {
    pub code: String,
    pub level: RegionLevel,
}

impl Describe for HouseholdVillage {
    fn text(&self, lang: Lang) -> String {
        let (code, level) = (&self.code, self.level.name(lang));
        tr!(
            lang,
            "帮扶户所在地“{code}”是{level}；帮扶户应在村（社区）",
            "the household's place \"{code}\" is a {level}; a household lives in a village",
        )
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(tr!(
            lang,
            "改为该户所在村（社区）的代码",
            "use the code of the household's village"
        ))
    }
}

pub fn run(ctx: &Context, out: &mut Vec<Finding>) {
    let data = ctx.data;
    for h in &data.households {
        let Some(place) = h.place.id() else { continue };
        let region = data.region(place);
        if region.level != RegionLevel::Village {
            let message = HouseholdVillage {
                code: region.code.to_string(),
                level: region.level,
            };
            out.push(
                Finding::new(&HOUSEHOLD_VILLAGE, h.span, message)
                    .field("place")
                    .value(region.code.clone()),
            );
        }
    }
}
