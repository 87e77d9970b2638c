//! Which records the metrics may count. A record is valid when no error
//! finding points at it (a finding's `span`; the `related` place of a
//! duplicate is the first record, which stays valid) and every reference it
//! makes resolves to a valid record. Computed once from the findings of
//! `check`, without running any check again.

use rustc_hash::FxHashSet;

use crate::finding::Finding;
use crate::model::{
    self, CadreId, Dataset, HouseholdId, Kind, KindVisitor, Record, Ref, RegionId, RegionLevel,
    Span, Stored,
};

/// Validity of every record: kept as masks for the kinds others refer to
/// (regions, cadres), and decided on the fly for the rest, so that a
/// province's million visits need no mask of their own.
#[derive(Debug)]
pub struct Validity {
    /// Where error findings point.
    error_spans: FxHashSet<Span>,
    /// Per file: whether any error finding points into it, so that clean
    /// files skip the lookup.
    dirty_files: Vec<bool>,
    /// For each kind others refer to (by [`Kind`] order), whether each of
    /// its records is valid; empty for the others.
    masks: [Vec<bool>; Kind::ALL.len()],
}

impl Validity {
    /// Works out validity from the load and check findings of `data`.
    pub fn new(data: &Dataset, findings: &[Finding]) -> Validity {
        let mut error_spans = FxHashSet::default();
        let mut dirty_files = vec![false; data.files.len()];
        for f in findings.iter().filter(|f| f.is_error()) {
            error_spans.insert(f.span);
            if let Some(dirty) = dirty_files.get_mut(f.span.file.0 as usize) {
                *dirty = true;
            }
        }
        let mut valid = Validity {
            error_spans,
            dirty_files,
            masks: Default::default(),
        };
        // Level by level, so that a parent's validity is known before its
        // children's: a village under an invalid township is invalid too.
        valid.masks[Kind::Regions as usize] = vec![false; data.regions.len()];
        for level in [
            RegionLevel::County,
            RegionLevel::Township,
            RegionLevel::Village,
        ] {
            for (i, r) in data.regions.iter().enumerate() {
                if r.level != level {
                    continue;
                }
                let parent_ok = match r.level {
                    RegionLevel::County => true,
                    _ => valid
                        .region_ref(r.parent.region.unwrap_or(Ref::Broken))
                        .is_some(),
                };
                valid.masks[Kind::Regions as usize][i] = parent_ok && valid.clean(r.span);
            }
        }
        // The other kinds others refer to, in load order: each refers only
        // to kinds before it.
        for kind in Kind::ALL
            .into_iter()
            .filter(|&k| k != Kind::Regions && k.referenced())
        {
            valid.masks[kind as usize] = model::visit(kind, Mask(&valid, data));
        }
        valid
    }

    /// No error finding points at `span`.
    fn clean(&self, span: Span) -> bool {
        !self
            .dirty_files
            .get(span.file.0 as usize)
            .copied()
            .unwrap_or(false)
            || !self.error_spans.contains(&span)
    }

    /// Whether record `id` of `kind` (a kind others refer to) is valid.
    #[inline]
    fn known(&self, kind: Kind, id: u32) -> bool {
        self.masks[kind as usize]
            .get(id as usize)
            .copied()
            .unwrap_or(false)
    }

    /// Whether a record is valid: no error finding points at it, and every
    /// reference it makes resolves to a valid record. (Inlined: the
    /// metrics ask it of every visit, several times over.)
    #[inline]
    pub fn record<R: Record>(&self, record: &R) -> bool {
        record.all_refs(&mut |kind, to| to.id().is_some_and(|id| self.known(kind, id)))
            && self.clean(record.span())
    }

    pub fn region(&self, id: RegionId) -> bool {
        self.known(Kind::Regions, id.0)
    }

    pub fn cadre(&self, id: CadreId) -> bool {
        self.known(Kind::Cadres, id.0)
    }

    pub fn household(&self, id: HouseholdId) -> bool {
        self.known(Kind::Households, id.0)
    }

    /// The region a reference names, when it resolved to a valid one.
    pub fn region_ref(&self, r: Ref<RegionId>) -> Option<RegionId> {
        r.id().filter(|&id| self.region(id))
    }

    /// The cadre a reference names, when it resolved to a valid one.
    pub fn cadre_ref(&self, r: Ref<CadreId>) -> Option<CadreId> {
        r.id().filter(|&id| self.cadre(id))
    }
}

/// The mask of one kind others refer to: whether each record is valid.
struct Mask<'v>(&'v Validity, &'v Dataset);

impl KindVisitor for Mask<'_> {
    type Out = Vec<bool>;

    fn visit<R: Stored>(self) -> Vec<bool> {
        self.1.all::<R>().map(|r| self.0.record(r)).collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::metrics::fixture::{self, d};
    use crate::metrics::{By, Period, Window, summary};

    #[test]
    fn errors_and_what_depends_on_them_are_left_out() {
        let (_dir, opened) = fixture::reports_with_errors();
        let (data, valid) = (&opened.data, &opened.valid);
        let region = |code: &str| data.region_index.get(code).unwrap();
        let cadre = |id: &str| data.cadre_index.get(id).unwrap();
        assert!(!valid.region(region("410001001009")));
        assert!(valid.region(region("410001001001")));
        assert!(!valid.cadre(cadre("K5")));
        assert!(valid.cadre(cadre("K1")));
        let bad_visits: Vec<u32> = data
            .visits
            .iter()
            .filter(|v| !valid.record(*v))
            .map(|v| v.people)
            .collect();
        // K5's visit (30 people) and K9's (50 people).
        assert_eq!(bad_visits, [30, 50]);
        let problems: Vec<(&str, bool)> = data
            .problems
            .iter()
            .map(|p| (&*p.id, valid.record(p)))
            .collect();
        assert!(problems.contains(&("P1", true)));
        assert!(problems.contains(&("P1", false)));
        assert!(problems.contains(&("P8", false)));
        assert_eq!(problems.iter().filter(|(_, ok)| !ok).count(), 2);
    }

    #[test]
    fn figures_are_those_of_the_valid_records() {
        let (_dir, broken) = fixture::reports_with_errors();
        let clean = fixture::reports();
        for period in [Period::Whole, Period::Month(d(2026, 2, 1))] {
            let figures = |opened: &fixture::Opened| {
                let ctx = opened.ctx();
                let w = Window::new(period, d(2026, 4, 30), || ctx.earliest_visit()).unwrap();
                summary(&ctx, &w, By::Township)
            };
            assert_eq!(figures(&broken), figures(&clean));
        }
    }
}
