//! Records of a loaded data folder without their spans, for comparing two
//! folders record by record: `fmt` reorders rows, so line numbers (and the
//! indexes references resolve to) change while the records must not.

// Each test binary that includes this module uses only part of it.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::path::Path;

use bangcun::i18n::Message;
use bangcun::load::{self, Loaded};
use bangcun::model::{Dataset, Ref, Span};

/// Per file (path relative to the data folder): its records, each as text
/// without span and with references as the keys they name, sorted; and its
/// findings as (check, field, value), sorted.
pub type Snapshot = BTreeMap<String, (Vec<String>, Vec<String>)>;

/// Loads the data folder at `dir` and takes its snapshot.
pub fn snapshot(dir: &Path) -> Snapshot {
    let Loaded { data, findings } = load::load(dir);
    let mut records: Vec<(Span, String)> = Vec::new();
    for r in &data.regions {
        records.push((
            r.span,
            format!("{:?}", (&r.code, &r.name, r.level, &r.parent_code)),
        ));
    }
    for c in &data.cadres {
        let points: Vec<String> = c.points.iter().map(|p| region(&data, *p)).collect();
        records.push((
            c.span,
            format!(
                "{:?}",
                (&c.id, &c.name, c.level, &c.unit, points, c.start, c.end)
            ),
        ));
    }
    for v in &data.visits {
        let who = (cadre(&data, v.cadre), region(&data, v.place));
        records.push((
            v.span,
            format!("{:?}", (v.date, who, v.kind, v.forums, v.people, &v.note)),
        ));
    }
    for p in &data.problems {
        let who = (region(&data, p.place), p.cadre.map(|c| cadre(&data, c)));
        let what = (p.source, &p.category, &p.summary, &p.unit);
        let when = (p.deadline, p.rectified, p.verified, p.satisfaction);
        records.push((p.span, format!("{:?}", (&p.id, p.found, who, what, when))));
    }
    for l in &data.leaves {
        records.push((
            l.span,
            format!("{:?}", (cadre(&data, l.cadre), l.from, l.to, &l.reason)),
        ));
    }
    let mut out = Snapshot::new();
    let path = |span: Span| {
        let path = data.file(span.file).path.strip_prefix(dir).unwrap();
        path.display().to_string()
    };
    for (span, record) in records {
        out.entry(path(span)).or_default().0.push(record);
    }
    for f in &findings {
        // The example value of a column without a header is the first cell
        // under it, which moves when rows are sorted.
        let value = match &f.message {
            Message::UnknownColumn { header, .. } if header.is_empty() => None,
            _ => f.value.as_deref(),
        };
        let finding = format!("{:?}", (f.check.name, f.field, value));
        out.entry(path(f.span)).or_default().1.push(finding);
    }
    for (records, findings) in out.values_mut() {
        records.sort();
        findings.sort();
    }
    out
}

fn region(data: &Dataset, r: Ref<bangcun::model::RegionId>) -> String {
    key(r, |id| data.region(id).code.to_string())
}

fn cadre(data: &Dataset, r: Ref<bangcun::model::CadreId>) -> String {
    key(r, |id| data.cadre(id).id.to_string())
}

fn key<Id: Copy + Debug>(r: Ref<Id>, text: impl Fn(Id) -> String) -> String {
    match r {
        Ref::Known(id) => text(id),
        other => format!("{other:?}"),
    }
}

/// Copies a folder (files and subfolders) into `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
