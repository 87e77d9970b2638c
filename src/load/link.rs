//! Resolving references: each key a record names (a visit's cadre, a
//! problem's place, a region's parent) looked up in the keys of the kind it
//! names, in batches, prefetched ahead. The checks of references to nothing
//! are here with their words: `unknown-region` and `unknown-cadre`.

use super::build::{self, Build, Keys, Pending, Resolved, Target};
use crate::finding::{Check, Describe, Finding, Severity};
use crate::lang::{Lang, tr};
use crate::model::{CadreId, FileId, Key, Kind, Ref, Region, RegionId, RegionLevel, Span};
use crate::schema;

pub static UNKNOWN_REGION: Check = Check {
    name: "unknown-region",
    severity: Severity::Error,
    about: "a parent, contact point or place that is not in regions",
    about_zh: "上级、联系点或地点不在行政区划中",
};

pub static UNKNOWN_CADRE: Check = Check {
    name: "unknown-cadre",
    severity: Severity::Error,
    about: "a visit, problem or leave whose cadre is not in cadres",
    about_zh: "走访、问题或请假记录的干部不在干部名单中",
};

/// A record that names a region no row has (`unknown-region`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownRegion {
    /// The kind of the record that names it.
    pub from: Kind,
    pub code: String,
}

impl Describe for UnknownRegion {
    fn text(&self, lang: Lang) -> String {
        let (who, code) = (referrer_name(self.from, lang), &self.code);
        tr!(
            lang,
            "{who}引用的区划代码“{code}”不在行政区划中",
            "{who} refers to region \"{code}\", which is not in regions",
        )
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(tr!(
            lang,
            "在 regions.csv 中补充该区划，或更正代码",
            "add the region to regions.csv, or correct the code"
        ))
    }
}

/// A record that names a cadre no row has (`unknown-cadre`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownCadre {
    /// The kind of the record that names it.
    pub from: Kind,
    pub id: String,
}

impl Describe for UnknownCadre {
    fn text(&self, lang: Lang) -> String {
        let (who, id) = (referrer_name(self.from, lang), &self.id);
        tr!(
            lang,
            "{who}引用的干部编号“{id}”不在干部名单中",
            "{who} refers to cadre \"{id}\", which is not in cadres",
        )
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(tr!(
            lang,
            "在 cadres.csv 中补充该干部，或更正编号",
            "add the cadre to cadres.csv, or correct the id"
        ))
    }
}

/// Who refers, as a message about a reference names it.
fn referrer_name(from: Kind, lang: Lang) -> &'static str {
    match (from, lang) {
        (Kind::Regions, Lang::Zh) => "区划",
        (Kind::Cadres, Lang::Zh) => "干部联系点",
        (Kind::Visits, Lang::Zh) => "走访记录",
        (Kind::Problems, Lang::Zh) => "问题",
        (Kind::Leaves, Lang::Zh) => "请假记录",
        (kind, Lang::En) => kind.singular(),
    }
}

/// Resolves each township's and village's parent, once every region is
/// read. A county's parent (a city code, in statistical lists) is not ours
/// to check.
pub(super) fn resolve_parents(
    regions: &mut [Region],
    keys: &Keys<RegionId>,
    findings: &mut Vec<Finding>,
) {
    for region in regions
        .iter_mut()
        .filter(|r| r.level != RegionLevel::County)
    {
        let Some(code) = &region.parent_code else {
            continue;
        };
        let parent = keys.resolve(&Key::new(code));
        if parent == Ref::Unknown {
            let message = UnknownRegion {
                from: Kind::Regions,
                code: code.to_string(),
            };
            findings.push(
                Finding::new(&UNKNOWN_REGION, region.span, message)
                    .field("parent")
                    .value(code.clone()),
            );
        }
        region.parent = Some(parent);
    }
}

/// The keys references resolve against.
pub(super) struct Lookup<'k> {
    pub regions: &'k Keys<RegionId>,
    pub cadres: &'k Keys<CadreId>,
}

impl Lookup<'_> {
    fn prefetch(&self, p: &Pending) {
        match p.target {
            Target::Region => self.regions.index.prefetch(&p.key),
            Target::Cadre => self.cadres.index.prefetch(&p.key),
        }
    }
}

/// Resolves pending references of one file's records, reporting keys
/// nothing has.
pub(super) fn link<B: Build>(
    records: &mut [B],
    pending: &mut Vec<build::Pending>,
    file: FileId,
    lookup: &Lookup,
    findings: &mut Vec<Finding>,
) {
    // Touch the slots of a few keys ahead, so that their cache misses
    // overlap instead of queueing.
    const AHEAD: usize = 16;
    for p in pending.iter().take(AHEAD) {
        lookup.prefetch(p);
    }
    for i in 0..pending.len() {
        if let Some(ahead) = pending.get(i + AHEAD) {
            lookup.prefetch(ahead);
        }
        let p = &pending[i];
        let (resolved, unknown) = match p.target {
            Target::Region => {
                let r = lookup.regions.resolve(&p.key);
                (Resolved::Region(r), r == Ref::Unknown)
            }
            Target::Cadre => {
                let r = lookup.cadres.resolve(&p.key);
                (Resolved::Cadre(r), r == Ref::Unknown)
            }
        };
        if let Some(record) = records.get_mut(p.record as usize) {
            record.set_ref(p.slot, resolved);
        }
        if unknown {
            findings.push(unknown_reference::<B>(p, file));
        }
    }
    pending.clear();
}

/// The finding of a reference to a key no record has.
#[cold]
fn unknown_reference<B: Build>(p: &Pending, file: FileId) -> Finding {
    let (from, key) = (B::KIND, p.key.text());
    let span = Span { file, line: p.line };
    let finding = match p.target {
        Target::Region => {
            let message = UnknownRegion {
                from,
                code: key.clone(),
            };
            Finding::new(&UNKNOWN_REGION, span, message)
        }
        Target::Cadre => {
            let message = UnknownCadre {
                from,
                id: key.clone(),
            };
            Finding::new(&UNKNOWN_CADRE, span, message)
        }
    };
    let field = schema::fields(B::KIND)
        .get(usize::from(p.field))
        .map_or("", |f| f.name);
    finding.field(field).value(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_render() {
        let m = UnknownCadre {
            from: Kind::Visits,
            id: "C999999".into(),
        };
        assert_eq!(
            m.text(Lang::En),
            "visit refers to cadre \"C999999\", which is not in cadres"
        );
        assert_eq!(
            m.text(Lang::Zh),
            "走访记录引用的干部编号“C999999”不在干部名单中"
        );
        assert_eq!(
            m.help(Lang::En).as_deref(),
            Some("add the cadre to cadres.csv, or correct the id")
        );
    }
}
