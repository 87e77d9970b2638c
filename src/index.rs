//! Indexes derived once from a loaded [`Dataset`], shared by the checks and
//! the metrics: each region's township and county, and each cadre's leaves.
//! Built in one pass over each; every lookup after that is an array index.

use crate::model::{Dataset, RegionId, RegionLevel};

/// Items grouped by an integer key, in one flat array (compressed rows):
/// a counting sort, two passes over the items.
#[derive(Debug)]
pub struct Groups<T = u32> {
    offsets: Vec<u32>,
    items: Vec<T>,
}

impl<T: Copy + Default> Groups<T> {
    /// Groups `items` (item, group) into `groups` groups, keeping the items'
    /// order within each group.
    pub fn new(groups: usize, items: impl Iterator<Item = (T, usize)> + Clone) -> Groups<T> {
        let mut offsets = vec![0u32; groups + 1];
        for (_, g) in items.clone() {
            offsets[g + 1] += 1;
        }
        for i in 0..groups {
            offsets[i + 1] += offsets[i];
        }
        let mut next = offsets.clone();
        let mut flat = vec![T::default(); offsets[groups] as usize];
        for (item, g) in items {
            flat[next[g] as usize] = item;
            next[g] += 1;
        }
        Groups {
            offsets,
            items: flat,
        }
    }
}

impl<T> Groups<T> {
    /// The range of group `g` in the flat array.
    fn range(&self, g: usize) -> std::ops::Range<usize> {
        match (self.offsets.get(g), self.offsets.get(g + 1)) {
            (Some(&a), Some(&b)) => a as usize..b as usize,
            _ => 0..0,
        }
    }

    /// The items of group `g`.
    pub fn get(&self, g: usize) -> &[T] {
        &self.items[self.range(g)]
    }

    /// The items of group `g`, to reorder.
    pub fn get_mut(&mut self, g: usize) -> &mut [T] {
        let range = self.range(g);
        &mut self.items[range]
    }
}

/// Derived lookups over a dataset.
#[derive(Debug)]
pub struct Index {
    /// For each region, the county it lies in (itself for a county), when
    /// its chain of parents is sound.
    pub county: Vec<Option<RegionId>>,
    /// For each region, its township (itself for a township); `None` for
    /// counties and for villages whose parent is broken.
    pub township: Vec<Option<RegionId>>,
    /// Leaves of each cadre, in file order.
    pub leaves: Groups,
}

impl Index {
    pub fn build(data: &Dataset) -> Index {
        let (county, township) = hierarchy(data);
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
}

/// Each region's county and township, through parents of the right level.
fn hierarchy(data: &Dataset) -> (Vec<Option<RegionId>>, Vec<Option<RegionId>>) {
    let level = |id: RegionId| data.region(id).level;
    let parent = |id: RegionId| data.region(id).parent.region.and_then(|p| p.id());
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_keep_order() {
        let items = [(0u32, 2usize), (1, 0), (2, 2), (3, 1), (4, 2)];
        let mut g = Groups::new(4, items.iter().copied());
        assert_eq!(g.get(0), &[1]);
        assert_eq!(g.get(1), &[3]);
        assert_eq!(g.get(2), &[0, 2, 4]);
        assert_eq!(g.get(3), &[] as &[u32]);
        assert_eq!(g.get(99), &[] as &[u32]);
        g.get_mut(2).reverse();
        assert_eq!(g.get(2), &[4, 2, 0]);
        assert_eq!(g.get_mut(99), &mut [] as &mut [u32]);
    }
}
