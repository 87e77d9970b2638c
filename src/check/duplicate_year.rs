//! `duplicate-year`: a village rated twice, or a cadre reviewed twice, in
//! one year.

use rustc_hash::FxHashMap;

use super::Context;
use crate::finding::{Check, Describe, Finding, Severity};
use crate::lang::{Lang, tr};
use crate::model::{Kind, Ref, Span, Year};

pub static DUPLICATE_YEAR: Check = Check {
    name: "duplicate-year",
    severity: Severity::Error,
    about: "a village rated twice, or a cadre reviewed twice, in one year (both places are named)",
    about_zh: "同一村（社区）同一年度评星两次，或同一干部同一年度评议两次（两处都指出）",
};

/// The second record of `kind` for `key` (a village code, a cadre id)
/// in `year`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DuplicateYear {
    pub kind: Kind,
    pub key: String,
    pub year: Year,
}

impl Describe for DuplicateYear {
    fn text(&self, lang: Lang) -> String {
        let (key, year) = (&self.key, self.year);
        match self.kind {
            Kind::Ratings => tr!(
                lang,
                "“{key}”在 {year} 年度已有评星记录",
                "\"{key}\" has a rating for {year} already"
            ),
            _ => tr!(
                lang,
                "干部“{key}”在 {year} 年度已有评议记录",
                "cadre \"{key}\" has a review for {year} already"
            ),
        }
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(tr!(
            lang,
            "每年一条：删除重复的一行，或更正年度",
            "one row a year: remove one of the rows, or correct the year"
        ))
    }
}

pub fn run(ctx: &Context, out: &mut Vec<Finding>) {
    let data = ctx.data;
    let ratings = data
        .ratings
        .iter()
        .map(|r| (r.place.map(|p| p.0), r.year, r.span));
    let reviews = data
        .reviews
        .iter()
        .map(|r| (r.cadre.map(|c| c.0), r.year, r.span));
    let key = |kind: Kind, id: u32| match kind {
        Kind::Ratings => data.regions[id as usize].code.to_string(),
        _ => data.cadres[id as usize].id.to_string(),
    };
    for (kind, field, records) in [
        (Kind::Ratings, "place", ratings.collect::<Vec<_>>()),
        (Kind::Reviews, "cadre", reviews.collect()),
    ] {
        let mut seen: FxHashMap<(u32, Year), Span> = FxHashMap::default();
        for (id, year, span) in records {
            let Ref::Known(id) = id else { continue };
            match seen.get(&(id, year)) {
                Some(&first) => {
                    let key = key(kind, id);
                    let message = DuplicateYear {
                        kind,
                        key: key.clone(),
                        year,
                    };
                    out.push(
                        Finding::new(&DUPLICATE_YEAR, span, message)
                            .field(field)
                            .value(key)
                            .related(first),
                    );
                }
                None => {
                    seen.insert((id, year), span);
                }
            }
        }
    }
}
