//! `rating-place`: a rating at a place that is not a village.

use super::Context;
use crate::finding::{Check, Describe, Finding, Severity};
use crate::lang::{Lang, tr};
use crate::model::{Ref, RegionLevel};

pub static RATING_PLACE: Check = Check {
    name: "rating-place",
    severity: Severity::Error,
    about: "a rating at a place that is not a village or community",
    about_zh: "评星记录的地点不是村（社区）",
};

/// A rating at the region `code`, of level `level`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RatingPlace {
    pub code: String,
    pub level: RegionLevel,
}

impl Describe for RatingPlace {
    fn text(&self, lang: Lang) -> String {
        let (code, what) = (&self.code, self.level.name(lang));
        tr!(
            lang,
            "评星的地点“{code}”是{what}；评星只评村（社区）党支部",
            "rating place \"{code}\" is a {what}; only villages (communities) are rated",
        )
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(tr!(
            lang,
            "改为所评的村（社区）的代码",
            "use the code of the village that was rated"
        ))
    }
}

pub fn run(ctx: &Context, out: &mut Vec<Finding>) {
    let data = ctx.data;
    for r in &data.ratings {
        let Ref::Known(place) = r.place else { continue };
        let region = data.region(place);
        if region.level != RegionLevel::Village {
            let message = RatingPlace {
                code: region.code.to_string(),
                level: region.level,
            };
            out.push(
                Finding::new(&RATING_PLACE, r.span, message)
                    .field("place")
                    .value(region.code.clone()),
            );
        }
    }
}
