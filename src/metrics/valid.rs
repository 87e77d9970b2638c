//! Which records the metrics may count. A record is valid when no error
//! finding points at it (a finding's `span`; the `related` place of a
//! duplicate is the first record, which stays valid) and every reference it
//! makes resolves to a valid record. Computed once from the findings of
//! `check`, without running any check again.

use rustc_hash::FxHashSet;

use crate::finding::Finding;
use crate::model::{CadreId, Dataset, Leave, Problem, Ref, RegionId, RegionLevel, Span, Visit};

/// Validity of every record: kept as masks for regions and cadres (which
/// others refer to), and decided on the fly for visits, problems and
/// leaves, so that a province's million visits need no mask of their own.
#[derive(Debug)]
pub struct Validity {
    /// Where error findings point.
    error_spans: FxHashSet<Span>,
    /// Per file: whether any error finding points into it, so that clean
    /// files skip the lookup.
    dirty_files: Vec<bool>,
    regions: Vec<bool>,
    cadres: Vec<bool>,
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
            regions: vec![false; data.regions.len()],
            cadres: Vec::new(),
        };
        // Level by level, so that a parent's validity is known before its
        // children's: a village under an invalid township is invalid too.
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
                valid.regions[i] = parent_ok && valid.clean(r.span);
            }
        }
        valid.cadres = data
            .cadres
            .iter()
            .map(|c| valid.clean(c.span) && c.points.iter().all(|&p| valid.region_ref(p).is_some()))
            .collect();
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

    pub fn region(&self, id: RegionId) -> bool {
        self.regions.get(id.0 as usize).copied().unwrap_or(false)
    }

    pub fn cadre(&self, id: CadreId) -> bool {
        self.cadres.get(id.0 as usize).copied().unwrap_or(false)
    }

    /// The region a reference names, when it resolved to a valid one.
    pub fn region_ref(&self, r: Ref<RegionId>) -> Option<RegionId> {
        r.id().filter(|&id| self.region(id))
    }

    /// The cadre a reference names, when it resolved to a valid one.
    pub fn cadre_ref(&self, r: Ref<CadreId>) -> Option<CadreId> {
        r.id().filter(|&id| self.cadre(id))
    }

    pub fn visit(&self, v: &Visit) -> bool {
        self.cadre_ref(v.cadre).is_some()
            && self.region_ref(v.place).is_some()
            && self.clean(v.span)
    }

    pub fn problem(&self, p: &Problem) -> bool {
        self.region_ref(p.place).is_some()
            && p.cadre.is_none_or(|c| self.cadre_ref(c).is_some())
            && self.clean(p.span)
    }

    pub fn leave(&self, l: &Leave) -> bool {
        self.cadre_ref(l.cadre).is_some() && self.clean(l.span)
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
            .filter(|v| !valid.visit(v))
            .map(|v| v.people)
            .collect();
        // K5's visit (30 people) and K9's (50 people).
        assert_eq!(bad_visits, [30, 50]);
        let problems: Vec<(&str, bool)> = data
            .problems
            .iter()
            .map(|p| (&*p.id, valid.problem(p)))
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
                let w = Window::new(period, d(2026, 4, 30), |at| ctx.earliest_visit(at)).unwrap();
                summary(&ctx, &w, By::Township)
            };
            assert_eq!(figures(&broken), figures(&clean));
        }
    }
}
