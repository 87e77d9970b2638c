//! Checks on keys and references: duplicate keys, and references to a
//! region of the wrong level. (References to nothing are reported by the
//! loader, which resolves them.)

use rustc_hash::FxHashMap;

use super::{Context, DUPLICATE_ID, PARENT_LEVEL, POINT_LEVEL};
use crate::finding::Finding;
use crate::i18n::Message;
use crate::model::{Kind, Ref, RegionLevel, Span};

/// `duplicate-id`: a region code, cadre id or problem id used twice. The
/// later record is at fault; the first is named beside it.
pub fn duplicate_id(ctx: &Context, out: &mut Vec<Finding>) {
    let data = ctx.data;
    let mut report = |kind: Kind, field: &'static str, key: &str, span: Span, first: Span| {
        out.push(
            Finding::new(
                &DUPLICATE_ID,
                span,
                Message::DuplicateId {
                    kind,
                    key: key.to_string(),
                },
            )
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

/// `parent-level`: a township whose parent is not a county, a village whose
/// parent is not a township.
pub fn parent_level(ctx: &Context, out: &mut Vec<Finding>) {
    let data = ctx.data;
    for r in &data.regions {
        let Some(parent) = r.parent.as_ref().and_then(Ref::id) else {
            continue;
        };
        let want = match r.level {
            RegionLevel::Township => RegionLevel::County,
            RegionLevel::Village => RegionLevel::Township,
            RegionLevel::County => continue,
        };
        let p = data.region(parent);
        if p.level != want {
            out.push(
                Finding::new(
                    &PARENT_LEVEL,
                    r.span,
                    Message::ParentLevel {
                        level: r.level,
                        parent: p.code.to_string(),
                        parent_level: p.level,
                    },
                )
                .field("parent")
                .value(p.code.clone()),
            );
        }
    }
}

/// `point-level`: a contact point that is a county.
pub fn point_level(ctx: &Context, out: &mut Vec<Finding>) {
    let data = ctx.data;
    for c in &data.cadres {
        for point in c.points.iter().filter_map(Ref::id) {
            let region = data.region(point);
            if region.level == RegionLevel::County {
                out.push(
                    Finding::new(
                        &POINT_LEVEL,
                        c.span,
                        Message::CountyPoint {
                            code: region.code.to_string(),
                        },
                    )
                    .field("points")
                    .value(region.code.clone()),
                );
            }
        }
    }
}
