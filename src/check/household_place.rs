//! `household-place`: a visit with a household, at a place that is not
//! the household's village.

use super::Context;
use crate::finding::{Check, Describe, Finding, Severity};
use crate::lang::{Lang, tr};

pub static HOUSEHOLD_PLACE: Check = Check {
    name: "household-place",
    severity: Severity::Warning,
    about: "a visit with a household, at a place that is not the household's village",
    about_zh: "走访帮扶户的地点不是该户所在的村（社区）",
};

/// A visit to `household`, recorded at `place`, away from its `village`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HouseholdPlace {
    pub household: String,
    pub place: String,
    pub village: String,
}

impl Describe for HouseholdPlace {
    fn text(&self, lang: Lang) -> String {
        let (household, place, village) = (&self.household, &self.place, &self.village);
        tr!(
            lang,
            "走访帮扶户“{household}”的地点是“{place}”，但该户在“{village}”",
            "the visit to household \"{household}\" is at \"{place}\", but the household lives in \"{village}\"",
        )
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(tr!(
            lang,
            "地点代码填写该户所在村（社区）的代码，或核对户编号",
            "write the household's village as the place, or check the household id",
        ))
    }
}

pub fn run(ctx: &Context, out: &mut Vec<Finding>) {
    let data = ctx.data;
    for v in &data.visits {
        let (Some(household), Some(place)) = (v.household.and_then(|h| h.id()), v.place.id())
        else {
            continue;
        };
        let household = data.household(household);
        // A household whose own place did not resolve has its finding.
        let Some(village) = household.place.id() else {
            continue;
        };
        if village != place {
            let place = &data.region(place).code;
            let message = HouseholdPlace {
                household: household.id.to_string(),
                place: place.to_string(),
                village: data.region(village).code.to_string(),
            };
            out.push(
                Finding::new(&HOUSEHOLD_PLACE, v.span, message)
                    .field("place")
                    .value(place.clone()),
            );
        }
    }
}
