//! `visit-place`: a visit at a place that is not one of the cadre's points
//! nor inside one (nor the village of one of the cadre's households, when
//! the visit is with that household).

use super::Context;
use crate::finding::{Check, Describe, Finding, Severity};
use crate::lang::{Lang, tr};
use crate::model::{Ref, RegionId, Visit};

pub static VISIT_PLACE: Check = Check {
    name: "visit-place",
    severity: Severity::Warning,
    about: "a visit at a place that is not one of the cadre's points nor inside one, nor the village of the cadre's household it visited",
    about_zh: "走访地点既不是该干部的联系点，也不在联系点之内，也不是所走访的该干部联系户所在村",
};

/// Cadre `cadre` visited `place`, away from its points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VisitPlace {
    pub cadre: String,
    pub place: String,
}

impl Describe for VisitPlace {
    fn text(&self, lang: Lang) -> String {
        let (cadre, place) = (&self.cadre, &self.place);
        tr!(
            lang,
            "干部“{cadre}”在“{place}”走访，该地点不是其联系点，也不在其联系点之内",
            "cadre \"{cadre}\" visited \"{place}\", which is neither one of its points nor inside one",
        )
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(tr!(
            lang,
            "核对地点代码，或在 cadres.csv 中为该干部添加联系点",
            "check the place code, or add the point to the cadre in cadres.csv",
        ))
    }
}

/// Whether `v` is a visit to a household the cadre links, at the
/// household's village.
fn at_its_household(ctx: &Context, v: &Visit, place: RegionId) -> bool {
    let Some(h) = v.household.and_then(|h| h.id()) else {
        return false;
    };
    let household = ctx.data.household(h);
    household.place.id() == Some(place) && household.cadres.contains(&v.cadre)
}

pub fn run(ctx: &Context, out: &mut Vec<Finding>) {
    let data = ctx.data;
    for v in &data.visits {
        let (Some(cadre), Some(place)) = (v.cadre.id(), v.place.id()) else {
            continue;
        };
        // A place whose own parents are wrong cannot be placed; it has a
        // finding of its own.
        if ctx.index.county_of(place).is_none() {
            continue;
        }
        let cadre = data.cadre(cadre);
        let mut points = cadre.points.iter().filter_map(Ref::id).peekable();
        // With no readable point there is nothing to compare with; the
        // points have findings of their own.
        if points.peek().is_none() || points.any(|p| ctx.index.within(place, p)) {
            continue;
        }
        // A visit to one of the cadre's households, in the household's
        // village, is where it should be (`household-place` says when it
        // is not).
        if at_its_household(ctx, v, place) {
            continue;
        }
        let place = &data.region(place).code;
        let message = VisitPlace {
            cadre: cadre.id.to_string(),
            place: place.to_string(),
        };
        out.push(
            Finding::new(&VISIT_PLACE, v.span, message)
                .field("place")
                .value(place.clone()),
        );
    }
}
