//! `duplicate-visit`: the same cadre, date, place and kind entered twice.

use super::Context;
use crate::finding::{Check, Describe, Finding, Severity};
use crate::index::Groups;
use crate::lang::{Lang, tr};

pub static DUPLICATE_VISIT: Check = Check {
    name: "duplicate-visit",
    severity: Severity::Warning,
    about: "the same cadre, date, place and kind entered twice",
    about_zh: "同一干部、日期、地点和类型的走访录入了两次",
};

/// The later of two same visits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DuplicateVisit;

impl Describe for DuplicateVisit {
    fn text(&self, lang: Lang) -> String {
        tr!(
            lang,
            "同一干部、日期、地点和类型的走访记录重复",
            "the same cadre, date, place and kind is entered twice",
        )
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(tr!(lang, "删除重复的一行", "remove one of the two rows"))
    }
}

/// Visits are grouped by cadre (a counting sort), each cadre's handful
/// sorted by date, place and kind, and neighbours compared.
pub fn run(ctx: &Context, out: &mut Vec<Finding>) {
    let data = ctx.data;
    // A visit whose cadre or place did not resolve has an error of its own.
    let keyed = data.visits.iter().enumerate().filter_map(|(i, v)| {
        let key = (v.date, v.place.id()?.0, v.kind);
        Some(((key, i as u32), v.cadre.id()?.0 as usize))
    });
    let mut groups = Groups::new(data.cadres.len(), keyed);
    for c in 0..data.cadres.len() {
        let visits = groups.get_mut(c);
        visits.sort_unstable();
        for pair in visits.windows(2) {
            let [(a_key, a), (b_key, b)] = [pair[0], pair[1]];
            if a_key != b_key {
                continue;
            }
            let (a, b) = (&data.visits[a as usize], &data.visits[b as usize]);
            // Name the later line as the duplicate, the earlier as first.
            let (first, dup) = if a.span <= b.span { (a, b) } else { (b, a) };
            out.push(Finding::new(&DUPLICATE_VISIT, dup.span, DuplicateVisit).related(first.span));
        }
    }
}
