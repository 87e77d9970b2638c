//! Coverage (全覆盖, docs/reports.md): a township is covered if a cadre active at D
//! lists that township as a point; a village, if one lists that village.

use super::Ctx;
use crate::model::{CadreId, Date, HouseholdId, RegionId, RegionLevel};

/// For each region, whether a valid cadre active at `as_of` lists it as a
/// point.
pub fn covered(ctx: &Ctx, as_of: Date) -> Vec<bool> {
    let mut covered = vec![false; ctx.data.regions.len()];
    for (i, c) in ctx.data.cadres.iter().enumerate() {
        if !ctx.valid.cadre(CadreId(i as u32)) || !c.active_on(as_of) {
            continue;
        }
        for point in c.points.iter().filter_map(|p| p.id()) {
            if let Some(slot) = covered.get_mut(point.0 as usize) {
                *slot = true;
            }
        }
    }
    covered
}

/// Each valid household whose link is in force at `as_of`, and whether a
/// valid cadre active then links it (it is covered).
pub fn households(ctx: &Ctx, as_of: Date) -> Vec<(HouseholdId, bool)> {
    let data = ctx.data;
    data.households
        .iter()
        .enumerate()
        .filter_map(|(i, h)| {
            let id = HouseholdId(i as u32);
            if !ctx.valid.household(id) || !h.active_on(as_of) {
                return None;
            }
            let covered = h
                .cadres
                .iter()
                .filter_map(|c| ctx.valid.cadre_ref(*c))
                .any(|c| data.cadre(c).active_on(as_of));
            Some((id, covered))
        })
        .collect()
}

/// The valid townships and villages no active cadre covers, ordered by
/// county code, then by their own code.
pub fn gaps(ctx: &Ctx, as_of: Date) -> Vec<RegionId> {
    let covered = covered(ctx, as_of);
    let mut out: Vec<(&str, &str, RegionId)> = ctx
        .data
        .regions
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let id = RegionId(i as u32);
            let wanted = matches!(r.level, RegionLevel::Township | RegionLevel::Village);
            if !wanted || !ctx.valid.region(id) || covered[i] {
                return None;
            }
            let county = ctx.index.county_of(id)?;
            Some((&*ctx.data.region(county).code, &*r.code, id))
        })
        .collect();
    out.sort_unstable();
    out.into_iter().map(|(_, _, id)| id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::fixture::{self, d};

    fn codes(opened: &fixture::Opened, ids: Vec<RegionId>) -> Vec<String> {
        ids.into_iter()
            .map(|id| opened.data.region(id).code.to_string())
            .collect()
    }

    #[test]
    fn gaps_follow_the_active_cadres() {
        let opened = fixture::reports();
        let ctx = opened.ctx();
        // 03-10: K3 (二镇, until 03-10) still active; K4 (四村) ended
        // 01-31. Uncovered: 三村 (under 二镇, but a township point does not
        // cover its villages), 三镇 and 四村.
        assert_eq!(
            codes(&opened, gaps(&ctx, d(2026, 3, 10))),
            ["410001002001", "410002001", "410002001001"]
        );
        // 03-11: K3 ended too, so 二镇 is a gap as well.
        assert_eq!(
            codes(&opened, gaps(&ctx, d(2026, 3, 11))),
            ["410001002", "410001002001", "410002001", "410002001001"]
        );
        // 02-14: K2 (二村) starts only 02-15; K4 has ended.
        assert_eq!(
            codes(&opened, gaps(&ctx, d(2026, 2, 14))),
            ["410001001002", "410001002001", "410002001", "410002001001"]
        );
    }
}
