//! `duplicate-id`: a region code, cadre id or problem id used twice.

use rustc_hash::FxHashMap;

use super::Context;
use crate::finding::{Check, Describe, Finding, Severity};
use crate::lang::{Lang, tr};
use crate::model::{Kind, Span};

pub static DUPLICATE_ID: Check = Check {
    name: "duplicate-id",
    severity: Severity::Error,
    about: "a region code, cadre id or problem id used twice (both places are named)",
    about_zh: "区划代码、干部编号或问题编号重复（两处都指出）",
};

/// A key used by two records: the later one's finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DuplicateId {
    pub kind: Kind,
    pub key: String,
}

impl Describe for DuplicateId {
    fn text(&self, lang: Lang) -> String {
        let (zh, en) = self.kind.def().key_name;
        let (what, key) = (lang.pick(zh, en), &self.key);
        tr!(
            lang,
            "{what}“{key}”重复出现",
            "{what} \"{key}\" appears twice"
        )
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(tr!(
            lang,
            "删除重复的一行，或改用不同的编号",
            "remove one of the rows, or give it a different id"
        ))
    }
}

/// The later record is at fault; the first is named beside it.
pub fn run(ctx: &Context, out: &mut Vec<Finding>) {
    let data = ctx.data;
    let mut report = |kind: Kind, field: &'static str, key: &str, span: Span, first: Span| {
        let message = DuplicateId {
            kind,
            key: key.to_string(),
        };
        out.push(
            Finding::new(&DUPLICATE_ID, span, message)
                .field(field)
                .value(key)
                .related(first),
        );
    };
    for (i, r) in data.regions.iter().enumerate() {
        if let Some(first) = data.region_index.get(&r.code).filter(|f| f.0 as usize != i) {
            report(
                Kind::Regions,
                "code",
                &r.code,
                r.span,
                data.region(first).span,
            );
        }
    }
    for (i, c) in data.cadres.iter().enumerate() {
        if let Some(first) = data.cadre_index.get(&c.id).filter(|f| f.0 as usize != i) {
            report(Kind::Cadres, "id", &c.id, c.span, data.cadre(first).span);
        }
    }
    let mut seen: FxHashMap<&str, Span> = FxHashMap::default();
    seen.reserve(data.problems.len());
    for p in &data.problems {
        match seen.get(&*p.id) {
            Some(&first) => report(Kind::Problems, "id", &p.id, p.span, first),
            None => {
                seen.insert(&p.id, p.span);
            }
        }
    }
}
