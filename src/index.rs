//! Indexes derived once from a loaded [`Dataset`], shared by the checks and
//! the metrics: each region's township and county, and each cadre's visits
//! and leaves. Built in a few passes over the records; every lookup after
//! that is an array index.

use chrono::Datelike;

use crate::model::{CadreId, Dataset, Date, Ref, RegionId, RegionLevel, VisitKind};

/// Records grouped by an integer key, in one flat array (compressed rows).
#[derive(Debug, Default)]
pub struct Groups {
    offsets: Vec<u32>,
    items: Vec<u32>,
}

impl Groups {
    /// Groups `items` (record index, group) into `groups` groups, keeping
    /// the records' order within each group.
    pub fn new(groups: usize, items: impl Iterator<Item = (u32, usize)> + Clone) -> Groups {
        let mut offsets = vec![0u32; groups + 1];
        for (_, g) in items.clone() {
            offsets[g + 1] += 1;
        }
        for i in 0..groups {
            offsets[i + 1] += offsets[i];
        }
        let mut next = offsets.clone();
        let mut flat = vec![0u32; offsets[groups] as usize];
        for (item, g) in items {
            flat[next[g] as usize] = item;
            next[g] += 1;
        }
        Groups {
            offsets,
            items: flat,
        }
    }

    /// The range of group `g` in the flat array.
    fn range(&self, g: usize) -> std::ops::Range<usize> {
        match (self.offsets.get(g), self.offsets.get(g + 1)) {
            (Some(&a), Some(&b)) => a as usize..b as usize,
            _ => 0..0,
        }
    }

    /// The records of group `g`.
    pub fn get(&self, g: usize) -> &[u32] {
        &self.items[self.range(g)]
    }
}

/// A visit's date, place and kind packed into one integer whose order is
/// theirs: sorting keys sorts visits by date, then place, then kind, and
/// two visits with equal keys are duplicates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct VisitKey(u64);

impl VisitKey {
    /// Days from 0001-01-01, shifted so that year 0 is still positive.
    const DAY_SHIFT: i32 = 400;

    fn new(date: Date, place: Option<RegionId>, kind: VisitKind) -> VisitKey {
        let day = (date.num_days_from_ce() + Self::DAY_SHIFT).max(0) as u64;
        let place = place.map_or(u32::MAX, |p| p.0);
        // The enum's declaration order is its sort order.
        VisitKey(day << 40 | u64::from(place) << 8 | kind as u64)
    }

    pub fn date(self) -> Date {
        let days = (self.0 >> 40) as i32 - Self::DAY_SHIFT;
        Date::from_num_days_from_ce_opt(days).unwrap_or_default()
    }

    /// The place, when it resolved.
    pub fn place(self) -> Option<RegionId> {
        let place = (self.0 >> 8) as u32;
        (place != u32::MAX).then_some(RegionId(place))
    }

    /// The smallest key of a day: for searching a cadre's visits by date.
    pub fn first_of(date: Date) -> VisitKey {
        VisitKey((((date.num_days_from_ce() + Self::DAY_SHIFT).max(0)) as u64) << 40)
    }
}

/// Derived lookups over a dataset.
#[derive(Debug, Default)]
pub struct Index {
    /// For each region, the county it lies in (itself for a county), when
    /// its chain of parents is sound.
    pub county: Vec<Option<RegionId>>,
    /// For each region, its township (itself for a township); `None` for
    /// counties and for villages whose parent is broken.
    pub township: Vec<Option<RegionId>>,
    /// Visits of each cadre, ordered by date, place and kind.
    pub visits: Groups,
    /// The key of each visit in `visits`, in the same order.
    visit_keys: Vec<VisitKey>,
    /// Leaves of each cadre, in file order.
    pub leaves: Groups,
}

impl Index {
    pub fn build(data: &Dataset) -> Index {
        let (county, township) = hierarchy(data);
        let (visits, visit_keys) = visits_by_cadre(data);
        let leaves = Groups::new(
            data.cadres.len(),
            data.leaves
                .iter()
                .enumerate()
                .filter_map(|(i, l)| Some((i as u32, l.cadre.id()?.0 as usize))),
        );
        Index {
            county,
            township,
            visits,
            visit_keys,
            leaves,
        }
    }

    /// The keys of a cadre's visits, in the order of `visits.get(cadre)`.
    pub fn visit_keys(&self, cadre: CadreId) -> &[VisitKey] {
        &self.visit_keys[self.visits.range(cadre.0 as usize)]
    }

    /// Whether `cadre` has a visit dated `day`.
    pub fn visited_on(&self, cadre: CadreId, day: Date) -> bool {
        let keys = self.visit_keys(cadre);
        let at = keys.partition_point(|k| *k < VisitKey::first_of(day));
        keys.get(at).is_some_and(|k| k.date() == day)
    }

    /// Whether `place` is `point` or lies inside it.
    pub fn within(&self, place: RegionId, point: RegionId) -> bool {
        let i = place.0 as usize;
        place == point
            || self.township.get(i).copied().flatten() == Some(point)
            || self.county.get(i).copied().flatten() == Some(point)
    }

    /// The county a region lies in.
    pub fn county_of(&self, region: RegionId) -> Option<RegionId> {
        self.county.get(region.0 as usize).copied().flatten()
    }

    /// Whether a leave of `cadre` covers `day`.
    pub fn on_leave(&self, data: &Dataset, cadre: CadreId, day: Date) -> bool {
        self.leaves
            .get(cadre.0 as usize)
            .iter()
            .map(|&l| &data.leaves[l as usize])
            .any(|l| l.from <= day && day <= l.to)
    }
}

/// Each region's county and township, through parents of the right level.
fn hierarchy(data: &Dataset) -> (Vec<Option<RegionId>>, Vec<Option<RegionId>>) {
    let level = |id: RegionId| data.region(id).level;
    let parent = |id: RegionId| data.region(id).parent.as_ref().and_then(Ref::id);
    let mut county = Vec::with_capacity(data.regions.len());
    let mut township = Vec::with_capacity(data.regions.len());
    for (i, region) in data.regions.iter().enumerate() {
        let id = RegionId(i as u32);
        let (t, c) = match region.level {
            RegionLevel::County => (None, Some(id)),
            RegionLevel::Township => (
                Some(id),
                parent(id).filter(|&p| level(p) == RegionLevel::County),
            ),
            RegionLevel::Village => {
                let t = parent(id).filter(|&p| level(p) == RegionLevel::Township);
                (
                    t,
                    t.and_then(parent)
                        .filter(|&p| level(p) == RegionLevel::County),
                )
            }
        };
        township.push(t);
        county.push(c);
    }
    (county, township)
}

/// Each cadre's visits with their keys, ordered by key: a counting sort by
/// cadre (count, then place), then each cadre's handful sorted — they
/// usually arrive in date order already, which the sort only confirms.
///
/// Placing is split by cadre between two threads: each half of the cadres
/// owns a contiguous half of the output, so each thread fills its own
/// slice (both read every visit, but each writes only its half).
fn visits_by_cadre(data: &Dataset) -> (Groups, Vec<VisitKey>) {
    let cadres = data.cadres.len();
    let mut offsets = vec![0u32; cadres + 1];
    for v in &data.visits {
        if let Some(c) = v.cadre.id() {
            offsets[c.0 as usize + 1] += 1;
        }
    }
    for i in 0..cadres {
        offsets[i + 1] += offsets[i];
    }
    let total = offsets[cadres] as usize;
    let mut keys = vec![VisitKey(0); total];
    let mut items = vec![0u32; total];
    // The cadre at which half of the visits are placed.
    let middle = offsets
        .partition_point(|&o| (o as usize) < total / 2)
        .min(cadres);
    let split = offsets[middle] as usize;
    let (keys_low, keys_high) = keys.split_at_mut(split);
    let (items_low, items_high) = items.split_at_mut(split);
    let offsets_ref = &offsets;
    std::thread::scope(|scope| {
        scope.spawn(move || place(data, offsets_ref, 0..middle, keys_low, items_low));
        place(data, offsets_ref, middle..cadres, keys_high, items_high);
    });
    (Groups { offsets, items }, keys)
}

/// Places the visits of the cadres in `range` into `keys` and `items`,
/// which start at `offsets[range.start]`, and orders each cadre's visits.
fn place(
    data: &Dataset,
    offsets: &[u32],
    range: std::ops::Range<usize>,
    keys: &mut [VisitKey],
    items: &mut [u32],
) {
    let base = offsets[range.start] as usize;
    let mut next: Vec<usize> = offsets[range.clone()]
        .iter()
        .map(|&o| o as usize - base)
        .collect();
    for (i, v) in data.visits.iter().enumerate() {
        let Some(c) = v
            .cadre
            .id()
            .map(|c| c.0 as usize)
            .filter(|c| range.contains(c))
        else {
            continue;
        };
        let slot = &mut next[c - range.start];
        keys[*slot] = VisitKey::new(v.date, v.place.id(), v.kind);
        items[*slot] = i as u32;
        *slot += 1;
    }
    let mut pairs = Vec::new();
    for c in range {
        let group = offsets[c] as usize - base..offsets[c + 1] as usize - base;
        if keys[group.clone()].is_sorted() {
            continue;
        }
        pairs.clear();
        pairs.extend(
            keys[group.clone()]
                .iter()
                .copied()
                .zip(items[group.clone()].iter().copied()),
        );
        pairs.sort_unstable();
        for (j, (k, item)) in pairs.iter().enumerate() {
            keys[group.start + j] = *k;
            items[group.start + j] = *item;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_keep_order() {
        let items = [(0u32, 2usize), (1, 0), (2, 2), (3, 1), (4, 2)];
        let g = Groups::new(4, items.iter().copied());
        assert_eq!(g.get(0), &[1]);
        assert_eq!(g.get(1), &[3]);
        assert_eq!(g.get(2), &[0, 2, 4]);
        assert_eq!(g.get(3), &[] as &[u32]);
        assert_eq!(g.get(99), &[] as &[u32]);
    }

    #[test]
    fn visits_grouped_by_cadre_in_key_order() {
        use crate::model::{Cadre, CadreLevel, Span, Visit};
        let d = |day| Date::from_ymd_opt(2026, 3, day).unwrap();
        let cadre = |id: &str| Cadre {
            id: id.into(),
            name: id.into(),
            level: CadreLevel::City,
            unit: None,
            points: vec![],
            start: None,
            end: None,
            span: Span {
                file: crate::model::FileId(0),
                line: 1,
            },
        };
        let visit = |day, c: u32| Visit {
            date: d(day),
            cadre: Ref::Known(CadreId(c)),
            place: Ref::Known(RegionId(0)),
            kind: VisitKind::Workday,
            forums: 0,
            people: 0,
            note: None,
            span: Span {
                file: crate::model::FileId(0),
                line: day,
            },
        };
        let data = Dataset {
            cadres: vec![cadre("a"), cadre("b"), cadre("c")],
            // Out of order, across both halves; cadre 1 has none.
            visits: vec![
                visit(20, 2),
                visit(10, 0),
                visit(5, 2),
                visit(3, 0),
                visit(7, 2),
            ]
            .into(),
            ..Dataset::default()
        };
        let index = Index::build(&data);
        assert_eq!(index.visits.get(0), &[3, 1]);
        assert_eq!(index.visits.get(1), &[] as &[u32]);
        assert_eq!(index.visits.get(2), &[2, 4, 0]);
        let dates: Vec<Date> = index
            .visit_keys(CadreId(2))
            .iter()
            .map(|k| k.date())
            .collect();
        assert_eq!(dates, vec![d(5), d(7), d(20)]);
        assert!(index.visited_on(CadreId(0), d(10)) && !index.visited_on(CadreId(0), d(11)));
    }

    #[test]
    fn visit_keys_order_by_date_place_kind() {
        let d = |m, day| Date::from_ymd_opt(2026, m, day).unwrap();
        let a = VisitKey::new(d(3, 10), Some(RegionId(7)), VisitKind::Workday);
        let b = VisitKey::new(d(3, 10), Some(RegionId(7)), VisitKind::Forum);
        let c = VisitKey::new(d(3, 10), Some(RegionId(8)), VisitKind::Workday);
        let e = VisitKey::new(d(3, 11), None, VisitKind::Workday);
        assert!(a < b && b < c && c < e);
        assert_eq!((a.date(), a.place()), (d(3, 10), Some(RegionId(7))));
        assert_eq!((e.date(), e.place()), (d(3, 11), None));
        assert!(VisitKey::first_of(d(3, 10)) <= a && VisitKey::first_of(d(3, 11)) > c);
        let old = Date::from_ymd_opt(0, 1, 1).unwrap();
        assert_eq!(VisitKey::new(old, None, VisitKind::Other).date(), old);
    }
}
