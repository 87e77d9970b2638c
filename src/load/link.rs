//! Resolving references: each key a record names (a visit's cadre, a
//! problem's place, a region's parent) looked up in the keys of the kind it
//! names, in batches, prefetched ahead; a reference that is no key is then
//! looked up by name (`super::names`). The checks of references to nothing
//! are here with their words: `unknown-region`, `unknown-cadre` and
//! `unknown-household`.

use std::any::Any;

use super::KindRead;
use super::build::{Keys, Pending};
use super::names::{
    self, AMBIGUOUS_CADRE, AMBIGUOUS_HOUSEHOLD, AMBIGUOUS_PLACE, MANGLED_CODE, MangledCode, Match,
    Names,
};
use crate::finding::{Check, Describe, Finding, Severity, shown};
use crate::lang::{Lang, tr};
use crate::model::{
    self, FileId, Id, Key, Kind, KindVisitor, Record, Ref, Region, RegionId, RegionLevel, Span,
    Stored,
};
use crate::schema;

pub static UNKNOWN_REGION: Check = Check {
    name: "unknown-region",
    severity: Severity::Error,
    about: "a parent, contact point or place that is not in regions (by code or by name)",
    about_zh: "上级、联系点或地点不在行政区划中（按代码或名称）",
};

pub static UNKNOWN_CADRE: Check = Check {
    name: "unknown-cadre",
    severity: Severity::Error,
    about: "a visit, problem, leave or household whose cadre is not in cadres (by id or by name)",
    about_zh: "走访、问题、请假记录或帮扶户的干部不在干部名单中（按编号或姓名）",
};

pub static UNKNOWN_HOUSEHOLD: Check = Check {
    name: "unknown-household",
    severity: Severity::Error,
    about: "a visit whose household is not in households (by id or by the head's name)",
    about_zh: "走访记录的走访户不在帮扶户名单中（按户编号或户主姓名）",
};

/// A record that names a household no row has (`unknown-household`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownHousehold {
    /// The kind of the record that names it.
    pub from: Kind,
    pub id: String,
    /// Written as a head's name, not an id.
    pub by_name: bool,
}

impl Describe for UnknownHousehold {
    fn text(&self, lang: Lang) -> String {
        let (who, id) = (referrer_name(self.from, lang), &self.id);
        if self.by_name {
            tr!(
                lang,
                "{who}中的走访户“{id}”既不是户编号，也不是帮扶户名单中某户的户主姓名",
                "{who} names the household \"{id}\", which is neither a household id nor the head's name of a household in households",
            )
        } else {
            tr!(
                lang,
                "{who}引用的户编号“{id}”不在帮扶户名单中",
                "{who} refers to household \"{id}\", which is not in households",
            )
        }
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(tr!(
            lang,
            "在 households.csv 中补充该户，或更正户编号",
            "add the household to households.csv, or correct the id"
        ))
    }
}

/// A record that names a region no row has (`unknown-region`): by a
/// code, or by a name (with the regions whose names are nearest).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownRegion {
    /// The kind of the record that names it.
    pub from: Kind,
    pub code: String,
    /// Written as a name (or a path of names), not a code.
    pub by_name: bool,
    /// The regions with the nearest names, as `Names::shown` lists them.
    pub nearest: Vec<String>,
}

impl Describe for UnknownRegion {
    fn text(&self, lang: Lang) -> String {
        let (who, code) = (referrer_name(self.from, lang), &self.code);
        if self.by_name {
            tr!(
                lang,
                "{who}中的“{code}”既不是区划代码，也不是行政区划中某个区划的名称",
                "{who} names \"{code}\", which is neither a region code nor the name of a region in regions",
            )
        } else {
            tr!(
                lang,
                "{who}引用的区划代码“{code}”不在行政区划中",
                "{who} refers to region \"{code}\", which is not in regions",
            )
        }
    }

    fn help(&self, lang: Lang) -> Option<String> {
        if !self.nearest.is_empty() {
            let list = self.nearest.join(lang.pick("；", "; "));
            return Some(tr!(
                lang,
                "名称相近的区划：{list}；或在 regions.csv 中补充该区划",
                "regions with names near it: {list}; or add the region to regions.csv",
            ));
        }
        Some(if self.by_name {
            tr!(
                lang,
                "填写区划代码，或按 regions.csv 中的名称书写（可先写上级名称，如 魏都区/南关街道/南关社区）",
                "write the region code, or the name as regions.csv has it (the names above it may come first, e.g. 魏都区/南关街道/南关社区)",
            )
        } else {
            tr!(
                lang,
                "在 regions.csv 中补充该区划，或更正代码",
                "add the region to regions.csv, or correct the code"
            )
        })
    }
}

/// A record that names a cadre no row has (`unknown-cadre`): by id, or
/// by a name no cadre has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownCadre {
    /// The kind of the record that names it.
    pub from: Kind,
    pub id: String,
    /// Written as a name, not an id.
    pub by_name: bool,
    /// The cadres with the nearest names, as `Names::shown` lists them
    /// (id, name and unit).
    pub nearest: Vec<String>,
}

impl Describe for UnknownCadre {
    fn text(&self, lang: Lang) -> String {
        let (who, id) = (referrer_name(self.from, lang), &self.id);
        if self.by_name {
            tr!(
                lang,
                "{who}中的干部“{id}”既不是干部编号，也不是干部名单中某名干部的姓名",
                "{who} names the cadre \"{id}\", which is neither a cadre id nor the name of a cadre in cadres",
            )
        } else {
            tr!(
                lang,
                "{who}引用的干部编号“{id}”不在干部名单中",
                "{who} refers to cadre \"{id}\", which is not in cadres",
            )
        }
    }

    fn help(&self, lang: Lang) -> Option<String> {
        if !self.nearest.is_empty() {
            let list = self.nearest.join(lang.pick("；", "; "));
            return Some(tr!(
                lang,
                "姓名相近的干部：{list}；或在 cadres.csv 中补充该干部",
                "cadres with names near it: {list}; or add the cadre to cadres.csv",
            ));
        }
        Some(if self.by_name {
            tr!(
                lang,
                "填写干部编号，或按 cadres.csv 中的姓名书写；或在 cadres.csv 中补充该干部",
                "write the cadre id, or the name as cadres.csv has it; or add the cadre to cadres.csv",
            )
        } else {
            tr!(
                lang,
                "在 cadres.csv 中补充该干部，或更正编号",
                "add the cadre to cadres.csv, or correct the id"
            )
        })
    }
}

/// Who refers, as a message about a reference names it.
fn referrer_name(from: Kind, lang: Lang) -> &'static str {
    lang.pick(from.def().referrer_zh, from.singular())
}

/// Whether a key is written as a code or id (ASCII letters, digits and
/// marks): it is then not looked up by name. Names are Chinese.
fn code_like(text: &str) -> bool {
    text.is_ascii()
}

/// Resolves each township's and village's parent, once every region is
/// read: by code, else by name among the regions one level up. A county's
/// parent (a city code, in statistical lists) is not ours to check.
pub(super) fn resolve_parents(regions: &mut [Region], keys: &Keys, findings: &mut Vec<Finding>) {
    let mut missed = Vec::new();
    for (i, region) in regions.iter_mut().enumerate() {
        if region.level == RegionLevel::County {
            continue;
        }
        let Some(code) = &region.parent.code else {
            continue;
        };
        let parent = keys.resolve(&Key::new(code)).map(RegionId::new);
        if parent == Ref::Unknown {
            missed.push(i);
        }
        region.parent.region = Some(parent);
    }
    if missed.is_empty() {
        return;
    }
    let names = missed
        .iter()
        .any(|&i| {
            regions[i]
                .parent
                .code
                .as_deref()
                .is_some_and(|c| !code_like(c))
        })
        .then(|| Names::of(regions));
    for i in missed {
        let region = &regions[i];
        let code = region.parent.code.as_deref().unwrap_or("");
        let up = match region.level {
            RegionLevel::Village => RegionLevel::Township,
            _ => RegionLevel::County,
        };
        let (parent, finding) = match names.as_ref().filter(|_| !code_like(code)) {
            Some(names) => {
                // The name of a region one level up: of those with the
                // name, the ones at that level.
                let found = match names.find(code) {
                    Match::Many(list) => {
                        let at: Vec<u32> = list
                            .iter()
                            .copied()
                            .filter(|&r| regions[r as usize].level == up)
                            .collect();
                        match at.as_slice() {
                            [one] => Match::One(*one),
                            [] => Match::Many(list),
                            _ => Match::Many(at),
                        }
                    }
                    found => found,
                };
                by_name(names, &found, code, Kind::Regions, keys.complete)
            }
            None => (
                Ref::Unknown,
                Some(unknown(Kind::Regions, Kind::Regions, code, None)),
            ),
        };
        let span = region.span;
        regions[i].parent.region = Some(parent.map(RegionId::new));
        if let Some(finding) = finding {
            findings.push(Finding { span, ..finding }.field("parent"));
        }
    }
}

/// The keys references resolve against: for each kind (by [`Kind`] order),
/// its keys when others refer to it and they are read, and the kinds read
/// so far (whose names are indexed when a reference is no key).
pub(super) struct Lookup<'k> {
    pub keys: &'k [Option<Keys>],
    pub kinds: &'k [KindRead],
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

    /// The names of `kind`'s records, indexed on first use.
    fn names(&self, kind: Kind) -> Option<&Names> {
        let keys = self.keys(kind)?;
        let read = self.kinds.iter().find(|k| k.kind == kind)?;
        Some(
            keys.names
                .get_or_init(|| model::visit(kind, NamesOf(&*read.records))),
        )
    }
}

/// Indexes the names of one kind's records (a `Vec<Vec<R>>` of its type,
/// one list: the kinds others refer to are gathered into one).
struct NamesOf<'a>(&'a (dyn Any + Send + Sync));

impl KindVisitor for NamesOf<'_> {
    type Out = Names;

    fn visit<R: Stored>(self) -> Names {
        let records = self
            .0
            .downcast_ref::<Vec<Vec<R>>>()
            .and_then(|files| files.first());
        Names::of(records.map_or(&[][..], Vec::as_slice))
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
        let resolved = match lookup.keys(p.target) {
            None => Ref::Broken,
            Some(keys) => match keys.index.get_key(&p.key) {
                Some(id) => Ref::Known(id),
                None => miss(R::KIND, p, file, keys, lookup, findings),
            },
        };
        if let Some(record) = records.get_mut(p.record as usize) {
            record.set_ref(usize::from(p.field), usize::from(p.item), resolved);
        }
    }
    pending.clear();
}

/// A reference that is no key: the key of a broken row; else a name; else
/// nothing there (a finding, unless the kind was not read in full).
#[cold]
#[inline(never)]
fn miss(
    from: Kind,
    p: &Pending,
    file: FileId,
    keys: &Keys,
    lookup: &Lookup,
    findings: &mut Vec<Finding>,
) -> Ref<u32> {
    let text = p.key.text();
    if keys.broken.contains(text.as_str()) {
        return Ref::Broken;
    }
    let (resolved, finding) = match lookup.names(p.target).filter(|_| !code_like(&text)) {
        Some(names) => by_name(names, &names.find(&text), &text, from, keys.complete),
        None if !keys.complete && !names::mangled(&text) => (Ref::Broken, None),
        None => (Ref::Unknown, Some(unknown(from, p.target, &text, None))),
    };
    if let Some(finding) = finding {
        let field = schema::fields(from)
            .get(usize::from(p.field))
            .map_or("", |f| f.name);
        findings.push(
            Finding {
                span: Span::at(file, p.line),
                ..finding
            }
            .field(field),
        );
    }
    resolved
}

/// The reference a name gives, and the finding when it gives none (its
/// span and field to be set).
fn by_name(
    names: &Names,
    found: &Match,
    text: &str,
    from: Kind,
    complete: bool,
) -> (Ref<u32>, Option<Finding>) {
    let finding = match found {
        Match::One(_) => None,
        Match::Many(list) => {
            let message = names::ambiguous(names, text, list);
            let check = match names.kind() {
                Kind::Regions => &AMBIGUOUS_PLACE,
                Kind::Households => &AMBIGUOUS_HOUSEHOLD,
                _ => &AMBIGUOUS_CADRE,
            };
            Some(Finding::new(check, Span::at(FileId(0), 0), message).value(shown(text)))
        }
        // A name may be of a row in the part of a file not read.
        Match::None if !complete => return (Ref::Broken, None),
        Match::None => Some(unknown(from, names.kind(), text, Some(names))),
    };
    (names::reference(found), finding)
}

/// The finding of a reference from a record of kind `from` to a key (or
/// name) no record of `target` has: one check for each kind others refer
/// to, with the nearest names when `names` are there; `mangled-code` for
/// a code Excel turned into a number. Its span is set by the caller.
#[cold]
fn unknown(from: Kind, target: Kind, text: &str, names: Option<&Names>) -> Finding {
    let span = Span::at(FileId(0), 0);
    let value = shown(text);
    if names::mangled(text) {
        let message = MangledCode {
            text: value.clone(),
        };
        return Finding::new(&MANGLED_CODE, span, message).value(value);
    }
    let by_name = !code_like(text);
    let nearest = |target: Kind| -> Vec<String> {
        names
            .filter(|n| by_name && n.kind() == target)
            .map(|n| n.nearest(text).into_iter().map(|r| n.shown(r)).collect())
            .unwrap_or_default()
    };
    let finding = match target {
        Kind::Cadres => {
            let message = UnknownCadre {
                from,
                id: value.clone(),
                by_name,
                nearest: nearest(Kind::Cadres),
            };
            Finding::new(&UNKNOWN_CADRE, span, message)
        }
        Kind::Households => {
            let message = UnknownHousehold {
                from,
                id: value.clone(),
                by_name,
            };
            Finding::new(&UNKNOWN_HOUSEHOLD, span, message)
        }
        // The regions, and (should a table refer to another kind without
        // a check of its own) any kind: a key not there.
        _ => {
            let message = UnknownRegion {
                from,
                code: value.clone(),
                by_name,
                nearest: nearest(Kind::Regions),
            };
            Finding::new(&UNKNOWN_REGION, span, message)
        }
    };
    finding.value(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_render() {
        let m = UnknownCadre {
            from: Kind::Visits,
            id: "C999999".into(),
            by_name: false,
            nearest: Vec::new(),
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
