//! `duplicate-id`: a region code, cadre id or problem id used twice.

use rustc_hash::FxHashMap;

use super::Context;
use crate::finding::{Check, Describe, Finding, Severity};
use crate::lang::{Lang, tr};
use crate::model::{self, Dataset, Kind, KindVisitor, Span, Stored};

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

/// The later record is at fault; the first is named beside it. Every kind
/// with a key, in load order.
pub fn run(ctx: &Context, out: &mut Vec<Finding>) {
    for kind in Kind::ALL.into_iter().filter(|k| k.key().is_some()) {
        model::visit(kind, Duplicates(ctx.data, out));
    }
}

/// The duplicate keys of one kind.
struct Duplicates<'a>(&'a Dataset, &'a mut Vec<Finding>);

impl KindVisitor for Duplicates<'_> {
    type Out = ();

    fn visit<R: Stored>(self) {
        let Duplicates(data, out) = self;
        let Some(field) = R::KIND.key().map(|k| R::KIND.fields()[k].name) else {
            return;
        };
        let mut report = |key: &str, span: Span, first: Span| {
            let message = DuplicateId {
                kind: R::KIND,
                key: key.to_string(),
            };
            out.push(
                Finding::new(&DUPLICATE_ID, span, message)
                    .field(field)
                    .value(key)
                    .related(first),
            );
        };
        let records: Vec<&R> = data.all::<R>().collect();
        if R::INDEXED {
            // The index holds the first record of each key already.
            for (i, r) in records.iter().enumerate() {
                let Some(key) = r.key() else { continue };
                if let Some(first) = R::first(data, key).filter(|&f| f != i) {
                    report(key, r.span(), records[first].span());
                }
            }
            return;
        }
        let mut seen: FxHashMap<&str, Span> = FxHashMap::default();
        seen.reserve(records.len());
        for r in records {
            let Some(key) = r.key() else { continue };
            match seen.get(key) {
                Some(&first) => report(key, r.span(), first),
                None => {
                    seen.insert(key, r.span());
                }
            }
        }
    }
}
