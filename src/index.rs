//! Indexes derived once from a loaded [`Dataset`], shared by the checks and
//! the metrics: each region's township and county, and each cadre's visits
//! and leaves. Built in a few passes over the records; every lookup after
//! that is an array index.

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

    /// The records of group `g`.
    pub fn get(&self, g: usize) -> &[u32] {
        match (self.offsets.get(g), self.offsets.get(g + 1)) {
            (Some(&a), Some(&b)) => &self.items[a as usize..b as usize],
            _ => &[],
        }
    }

    fn get_mut(&mut self, g: usize) -> &mut [u32] {
        match (self.offsets.get(g), self.offsets.get(g + 1)) {
            (Some(&a), Some(&b)) => &mut self.items[a as usize..b as usize],
            _ => &mut [],
        }
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
    /// Leaves of each cadre, in file order.
    pub leaves: Groups,
}

impl Index {
    pub fn build(data: &Dataset) -> Index {
        let level = |id: RegionId| data.region(id).level;
        let parent = |id: RegionId| data.region(id).parent.as_ref().and_then(Ref::id);
        let mut county = Vec::with_capacity(data.regions.len());
        let mut township = Vec::with_capacity(data.regions.len());
        for (i, region) in data.regions.iter().enumerate() {
            let id = RegionId(i as u32);
            let (t, c) = match region.level {
                RegionLevel::County => (None, Some(id)),
                RegionLevel::Township => {
                    let c = parent(id).filter(|&p| level(p) == RegionLevel::County);
                    (Some(id), c)
                }
                RegionLevel::Village => {
                    let t = parent(id).filter(|&p| level(p) == RegionLevel::Township);
                    let c = t
                        .and_then(parent)
                        .filter(|&p| level(p) == RegionLevel::County);
                    (t, c)
                }
            };
            township.push(t);
            county.push(c);
        }

        let by_cadre = |cadre: &Ref<CadreId>| cadre.id().map(|c| c.0 as usize);
        let mut visits = Groups::new(
            data.cadres.len(),
            data.visits
                .iter()
                .enumerate()
                .filter_map(|(i, v)| Some((i as u32, by_cadre(&v.cadre)?))),
        );
        // Order each cadre's visits by date, place and kind, through one
        // flat array of sort keys (a chunked table is slower to index).
        let keys: Vec<(Date, u32, VisitKind)> = data
            .visits
            .iter()
            .map(|v| (v.date, v.place.id().map_or(u32::MAX, |p| p.0), v.kind))
            .collect();
        for c in 0..data.cadres.len() {
            visits.get_mut(c).sort_by_key(|&v| keys[v as usize]);
        }
        let leaves = Groups::new(
            data.cadres.len(),
            data.leaves
                .iter()
                .enumerate()
                .filter_map(|(i, l)| Some((i as u32, by_cadre(&l.cadre)?))),
        );
        Index {
            county,
            township,
            visits,
            leaves,
        }
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
}
