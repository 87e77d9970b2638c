//! Resolving references: each key a record names (a visit's cadre, a
//! problem's place, a region's parent) looked up in the keys of the kind it
//! names, in batches, prefetched ahead. The checks of references to nothing
//! are here with their words: `unknown-region` and `unknown-cadre`.

use super::build::{Keys, Pending};
use crate::finding::{Check, Describe, Finding, Severity};
use crate::lang::{Lang, tr};
use crate::model::{FileId, Id, Key, Kind, Record, Ref, Region, RegionId, RegionLevel, Span};
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
    about: "a visit, problem, leave or household whose cadre is not in cadres",
    about_zh: "走访、问题、请假记录或帮扶户的干部不在干部名单中",
};

pub static UNKNOWN_HOUSEHOLD: Check = Check {
    name: "unknown-household",
    severity: Severity::Error,
    about: "a visit whose household is not in households",
    about_zh: "走访记录的走访户不在帮扶户名单中",
};

/// A record that names a household no row has (`unknown-household`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownHousehold {
    /// The kind of the record that names it.
    pub from: Kind,
    pub id: String,
}

impl Describe for UnknownHousehold {
    fn text(&self, lang: Lang) -> String {
        let (who, id) = (referrer_name(self.from, lang), &self.id);
        tr!(
            lang,
            "{who}引用的户编号“{id}”不在帮扶户名单中",
            "{who} refers to household \"{id}\", which is not in households",
        )
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(tr!(
            lang,
            "在 households.csv 中补充该户，或更正户编号",
            "add the household to households.csv, or correct the id"
        ))
    }
}

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
    lang.pick(from.def().referrer_zh, from.singular())
}

/// Resolves each township's and village's parent, once every region is
/// read. A county's parent (a city code, in statistical lists) is not ours
/// to check.
pub(super) fn resolve_parents(regions: &mut [Region], keys: &Keys, findings: &mut Vec<Finding>) {
    for region in regions
        .iter_mut()
        .filter(|r| r.level != RegionLevel::County)
    {
        let Some(code) = &region.parent.code else {
            continue;
        };
        let parent = keys.resolve(&Key::new(code)).map(RegionId::new);
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
        region.parent.region = Some(parent);
    }
}

/// The keys references resolve against: for each kind (by [`Kind`] order),
/// its keys when others refer to it and they are read.
pub(super) struct Lookup<'k> {
    pub keys: &'k [Option<Keys>],
}

impl Lookup<'_> {
    fn keys(&self, kind: Kind) -> Option<&Keys> {
        self.keys.get(kind as usize)?.as_ref()
    }

    fn prefetch(&self, p: &Pending) {
        if let Some(keys) = self.keys(p.target) {
            keys.index.prefetch(&p.key);
        }
    }
}

/// Resolves pending references of one file's records, reporting keys
/// nothing has.
pub(super) fn link<R: Record>(
    records: &mut [R],
    pending: &mut Vec<Pending>,
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
        // A kind whose keys are not read yet has none to name: the tables
        // refer only to kinds loaded before.
        let resolved = lookup
            .keys(p.target)
            .map_or(Ref::Broken, |k| k.resolve(&p.key));
        if let Some(record) = records.get_mut(p.record as usize) {
            record.set_ref(usize::from(p.field), usize::from(p.item), resolved);
        }
        if resolved == Ref::Unknown {
            findings.push(unknown_reference(R::KIND, p, file));
        }
    }
    pending.clear();
}

/// The finding of a reference from a record of kind `from` to a key no
/// record has: one check for each kind others refer to.
#[cold]
fn unknown_reference(from: Kind, p: &Pending, file: FileId) -> Finding {
    let key = p.key.text();
    let span = Span::at(file, p.line);
    let finding = match p.target {
        Kind::Cadres => {
            let message = UnknownCadre {
                from,
                id: key.clone(),
            };
            Finding::new(&UNKNOWN_CADRE, span, message)
        }
        Kind::Households => {
            let message = UnknownHousehold {
                from,
                id: key.clone(),
            };
            Finding::new(&UNKNOWN_HOUSEHOLD, span, message)
        }
        // The regions, and (should a table refer to another kind without
        // a check of its own) any kind: a key not there.
        _ => {
            let message = UnknownRegion {
                from,
                code: key.clone(),
            };
            Finding::new(&UNKNOWN_REGION, span, message)
        }
    };
    let field = schema::fields(from)
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
