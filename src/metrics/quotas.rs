//! Quotas (docs/data.md, "Quotas"): for each `[[quota]]`, who owes it for
//! which calendar periods, and whether the visits inside each period met
//! it.
//!
//! One pass over the valid visits marks, for each quota and each place a
//! visit can count (a cadre, or a cadre and one of its households) and
//! each period, the days of the period it has a counted visit on — as
//! bits, so that two visits on one date are one — and adds up their
//! `days`. Who owes which period is then read from the links and leaves,
//! without looking at the visits again.

use chrono::Datelike;

use super::{Ctx, Window, fold_visits, rate};
use crate::config::{Per, Quota, QuotaAt};
use crate::index::Groups;
use crate::model::{CadreId, Date, HouseholdId, Ref, RegionId, Visit};

/// A calendar month, quarter or year a quota is owed for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CalPeriod {
    pub per: Per,
    pub first: Date,
    pub last: Date,
}

impl CalPeriod {
    /// The period of `per` that holds `day`.
    pub fn holding(per: Per, day: Date) -> CalPeriod {
        let (y, m0) = (day.year(), day.month0());
        let (first_month, months) = match per {
            Per::Month => (m0, 1),
            Per::Quarter => (m0 / 3 * 3, 3),
            Per::Year => (0, 12),
        };
        let first = Date::from_ymd_opt(y, first_month + 1, 1).unwrap_or(day);
        let last = crate::date::add_months(first, months)
            .pred_opt()
            .unwrap_or(day);
        CalPeriod { per, first, last }
    }

    /// The period after this one.
    fn next(self) -> Option<CalPeriod> {
        let day = self.last.succ_opt()?;
        Some(CalPeriod::holding(self.per, day))
    }

    /// How people and programs name it: `2026-03`, `2026-Q1`, `2026`.
    pub fn label(&self) -> String {
        let y = self.first.year();
        match self.per {
            Per::Month => format!("{y}-{:02}", self.first.month()),
            Per::Quarter => format!("{y}-Q{}", self.first.month0() / 3 + 1),
            Per::Year => y.to_string(),
        }
    }

    /// The number of the period counted from year 0, to find a visit's
    /// period without comparing dates.
    fn ordinal(per: Per, day: Date) -> i64 {
        let (y, m0) = (i64::from(day.year()), i64::from(day.month0()));
        match per {
            Per::Month => y * 12 + m0,
            Per::Quarter => y * 4 + m0 / 3,
            Per::Year => y,
        }
    }

    /// 32-bit words holding a bit for each day of a period of `per`.
    fn words(per: Per) -> usize {
        match per {
            Per::Month => 1,
            Per::Quarter => 3,
            Per::Year => 12,
        }
    }
}

/// One obligation: a cadre (with a household, for `at = "household"`),
/// a period, and what was done in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Obligation {
    pub cadre: CadreId,
    pub household: Option<HouseholdId>,
    /// Its index in [`QuotaFigures::periods`].
    pub period: usize,
    /// Visits on distinct dates that counted.
    pub visits: u32,
    /// Their days, added up.
    pub days: u32,
    /// The period holds D and has not ended: progress, neither owed nor
    /// met.
    pub progress: bool,
    pub met: bool,
}

/// One quota's figures over a window.
#[derive(Clone, Debug)]
pub struct QuotaFigures<'a> {
    pub quota: &'a Quota,
    /// Its place in `[[quota]]`.
    pub index: usize,
    /// The periods inside the window, in order.
    pub periods: Vec<CalPeriod>,
    /// Every obligation, owed or in progress, by slot (cadre in data
    /// order; for households, household then cadre) then period.
    pub owed: Vec<Obligation>,
}

/// Owed and met periods, as counted for a cadre, a county or in total.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Compliance {
    pub owed: u64,
    pub met: u64,
}

impl Compliance {
    /// met / owed; `None` when nothing was owed.
    pub fn rate(&self) -> Option<f64> {
        rate(self.met, self.owed)
    }

    /// Every obligation of `q`, those in progress too (met so far): the
    /// stand of a period that may not have ended.
    pub fn so_far(q: &QuotaFigures) -> Compliance {
        Compliance {
            owed: q.owed.len() as u64,
            met: q.owed.iter().filter(|o| o.met).count() as u64,
        }
    }

    /// Counts an obligation (progress is neither owed nor met).
    pub fn add(&mut self, o: &Obligation) {
        if !o.progress {
            self.owed += 1;
            self.met += u64::from(o.met);
        }
    }
}

/// Each cadre's points (the valid ones), in one flat array: the pass over
/// the visits reads them for every visit, and a cadre's own list would
/// cost a walk to its heap block each time.
struct Points {
    points: Groups,
}

impl Points {
    fn of(ctx: &Ctx) -> Points {
        let valid = |r: &Ref<RegionId>| ctx.valid.region_ref(*r);
        let points = Groups::new(
            ctx.data.cadres.len(),
            ctx.data
                .cadres
                .iter()
                .enumerate()
                .flat_map(|(i, c)| c.points.iter().filter_map(valid).map(move |p| (p.0, i))),
        );
        Points { points }
    }
}

/// A slot nothing counts into.
const NONE: u32 = u32::MAX;

/// Where one quota's visits count, and what they marked.
struct Plan<'q> {
    quota: &'q Quota,
    periods: Vec<CalPeriod>,
    /// The ordinal of the first period.
    first: i64,
    words: usize,
    /// For `at = "point"`: each cadre's slot, or [`NONE`].
    cadre_slot: Vec<u32>,
    /// For `at = "household"`: each household's first slot (its cadres'
    /// slots follow in the order of its `cadres`), or [`NONE`].
    household_slot: Vec<u32>,
    /// Who each slot is.
    slots: Vec<(CadreId, Option<HouseholdId>)>,
}

/// What the visits marked for one quota: per period and slot (period
/// after period), a cell of the days with a counted visit (bits, `words`
/// of them) followed by the days added up — together, so that a visit
/// touches one cache line.
#[derive(Clone)]
struct Marks {
    cells: Vec<u32>,
    /// `words` + 1: the length of a cell.
    stride: usize,
}

impl Marks {
    /// The bits and the days of cell `cell`.
    fn cell(&self, cell: usize) -> (&[u32], u32) {
        let at = cell * self.stride;
        match self.cells.get(at..at + self.stride) {
            Some([bits @ .., days]) => (bits, *days),
            _ => (&[], 0),
        }
    }

    /// Adds what another part of the visits marked.
    fn merge(&mut self, other: &Marks) {
        for (into, from) in self
            .cells
            .chunks_exact_mut(self.stride)
            .zip(other.cells.chunks_exact(self.stride))
        {
            let (days, bits) = into.split_last_mut().expect("a cell has its days");
            for (a, b) in bits.iter_mut().zip(from) {
                *a |= b;
            }
            *days = days.saturating_add(from[self.stride - 1]);
        }
    }
}

impl Plan<'_> {
    fn no_marks(&self) -> Marks {
        let cells = self.slots.len() * self.periods.len();
        let stride = self.words + 1;
        Marks {
            cells: vec![0; cells * stride],
            stride,
        }
    }

    /// The period of `day` among the plan's, if it is one of them.
    fn period_of(&self, day: Date) -> Option<usize> {
        let i = CalPeriod::ordinal(self.quota.per, day) - self.first;
        usize::try_from(i).ok().filter(|&i| i < self.periods.len())
    }

    /// The slot a visit counts into, if any; `at_point` says (once asked)
    /// whether the visit is at one of its cadre's points.
    fn slot_of(
        &self,
        ctx: &Ctx,
        at: &Points,
        v: &Visit,
        cadre: CadreId,
        at_point: &mut Option<bool>,
    ) -> u32 {
        match self.quota.at {
            QuotaAt::Point => {
                let slot = self
                    .cadre_slot
                    .get(cadre.0 as usize)
                    .copied()
                    .unwrap_or(NONE);
                if slot == NONE {
                    return NONE;
                }
                let inside = *at_point.get_or_insert_with(|| {
                    v.place.id().is_some_and(|place| {
                        at.points
                            .get(cadre.0 as usize)
                            .iter()
                            .any(|&p| ctx.index.within(place, RegionId(p)))
                    })
                });
                if inside { slot } else { NONE }
            }
            QuotaAt::Household => {
                let Some(h) = v.household.and_then(|h| h.id()) else {
                    return NONE;
                };
                let first = self
                    .household_slot
                    .get(h.0 as usize)
                    .copied()
                    .unwrap_or(NONE);
                if first == NONE {
                    return NONE;
                }
                let household = ctx.data.household(h);
                let owing = household.cadres.iter().filter_map(|c| c.id()).filter(|&c| {
                    self.cadre_slot
                        .get(c.0 as usize)
                        .is_some_and(|&s| s != NONE)
                });
                owing
                    .enumerate()
                    .find(|&(_, c)| c == cadre)
                    .map_or(NONE, |(i, _)| first + i as u32)
            }
        }
    }

    fn mark(
        &self,
        ctx: &Ctx,
        at: &Points,
        marks: &mut Marks,
        v: &Visit,
        cadre: CadreId,
        at_point: &mut Option<bool>,
    ) {
        if !self.quota.counts(v.kind) {
            return;
        }
        let Some(period) = self.period_of(v.date) else {
            return;
        };
        let slot = self.slot_of(ctx, at, v, cadre, at_point);
        if slot == NONE {
            return;
        }
        // Period-major: the visits come by date, so those of a month write
        // into one period's cells, which stay in cache.
        let cell = period * self.slots.len() + slot as usize;
        let offset = (v.date - self.periods[period].first).num_days() as usize;
        let at = cell * marks.stride;
        if let Some(cell) = marks.cells.get_mut(at..at + marks.stride) {
            cell[offset / 32] |= 1 << (offset % 32);
            let days = &mut cell[marks.stride - 1];
            *days = days.saturating_add(u32::from(v.days.get()));
        }
    }
}

/// The periods of `per` inside `window`: those that begin on or after its
/// first day and have begun by D, and that either end by D or are the
/// progress period — ending inside the report's period, or the report's
/// period ends on D.
pub fn periods(per: Per, window: &Window) -> Vec<CalPeriod> {
    let mut out = Vec::new();
    let mut p = CalPeriod::holding(per, window.from);
    if p.first < window.from {
        let Some(next) = p.next() else { return out };
        p = next;
    }
    while p.first <= window.as_of {
        let inside = p.last <= window.as_of || p.last <= window.to || window.to == window.as_of;
        if inside {
            out.push(p);
        }
        match p.next() {
            Some(next) => p = next,
            None => break,
        }
    }
    out
}

/// The figures of every quota of the config over `window`.
pub fn quotas<'a>(ctx: &Ctx<'a>, window: &Window) -> Vec<QuotaFigures<'a>> {
    quotas_where(ctx, window, |_| true)
}

/// Each quota's figures over its own period that holds `as_of` — the
/// month, the quarter or the year — as of `as_of`: what the monthly
/// summary shows of it. A period that has not ended by `as_of` is
/// progress (its obligations met so far are `met`). One pass over the
/// visits for each `per` the quotas use.
pub fn in_period_holding<'a>(ctx: &Ctx<'a>, as_of: Date) -> Vec<QuotaFigures<'a>> {
    let mut out = Vec::new();
    for per in [Per::Month, Per::Quarter, Per::Year] {
        if !ctx.config.quota.iter().any(|q| q.per == per) {
            continue;
        }
        let p = CalPeriod::holding(per, as_of);
        let window = Window {
            from: p.first,
            to: p.last,
            as_of,
        };
        out.extend(quotas_where(ctx, &window, |q| q.per == per));
    }
    out.sort_by_key(|q| q.index);
    out
}

/// The figures of the quotas `keep` takes over `window`, with their
/// places in `[[quota]]`.
fn quotas_where<'a>(
    ctx: &Ctx<'a>,
    window: &Window,
    keep: impl Fn(&Quota) -> bool,
) -> Vec<QuotaFigures<'a>> {
    let plans: Vec<(usize, Plan)> = ctx
        .config
        .quota
        .iter()
        .enumerate()
        .filter(|(_, quota)| keep(quota))
        .map(|(index, quota)| (index, plan(ctx, quota, window)))
        .collect();
    if plans.is_empty() {
        return Vec::new();
    }
    let (indexes, plans): (Vec<usize>, Vec<Plan>) = plans.into_iter().unzip();
    let points = Points::of(ctx);
    let parts = fold_visits(
        ctx,
        window,
        || plans.iter().map(Plan::no_marks).collect::<Vec<Marks>>(),
        |marks, v| {
            let Some(cadre) = v.cadre.id() else { return };
            let mut at_point = None;
            for (plan, m) in plans.iter().zip(marks.iter_mut()) {
                plan.mark(ctx, &points, m, v, cadre, &mut at_point);
            }
        },
    );
    let mut merged: Option<Vec<Marks>> = None;
    for part in parts {
        match &mut merged {
            None => merged = Some(part),
            Some(all) => {
                for (into, from) in all.iter_mut().zip(&part) {
                    into.merge(from);
                }
            }
        }
    }
    let merged = merged.unwrap_or_else(|| plans.iter().map(Plan::no_marks).collect());
    plans
        .into_iter()
        .zip(merged)
        .zip(indexes)
        .map(|((plan, marks), index)| tally(ctx, index, plan, &marks, window.as_of))
        .collect()
}

/// Who can owe `quota`, and the periods of the window.
fn plan<'q>(ctx: &Ctx, quota: &'q Quota, window: &Window) -> Plan<'q> {
    let data = ctx.data;
    let periods = periods(quota.per, window);
    let first = periods
        .first()
        .map_or(0, |p| CalPeriod::ordinal(quota.per, p.first));
    let mut slots = Vec::new();
    let mut cadre_slot = vec![NONE; data.cadres.len()];
    for (i, c) in data.cadres.iter().enumerate() {
        let id = CadreId(i as u32);
        if ctx.valid.cadre(id) && quota.owed_by(c.level) {
            cadre_slot[i] = match quota.at {
                QuotaAt::Point => {
                    slots.push((id, None));
                    (slots.len() - 1) as u32
                }
                // Owes, through its households.
                QuotaAt::Household => 0,
            };
        }
    }
    let mut household_slot = vec![NONE; data.households.len()];
    if quota.at == QuotaAt::Household {
        for (i, h) in data.households.iter().enumerate() {
            let id = HouseholdId(i as u32);
            if !ctx.valid.household(id) {
                continue;
            }
            let first = slots.len() as u32;
            for c in h.cadres.iter().filter_map(|c| c.id()) {
                if cadre_slot[c.0 as usize] != NONE {
                    slots.push((c, Some(id)));
                }
            }
            if slots.len() as u32 > first {
                household_slot[i] = first;
            }
        }
    }
    Plan {
        quota,
        words: CalPeriod::words(quota.per),
        periods,
        first,
        cadre_slot,
        household_slot,
        slots,
    }
}

/// Reads who owed which period, and what it did, from the marks.
fn tally<'a>(
    ctx: &Ctx<'a>,
    index: usize,
    plan: Plan<'a>,
    marks: &Marks,
    as_of: Date,
) -> QuotaFigures<'a> {
    let data = ctx.data;
    let quota = plan.quota;
    let mut owed = Vec::new();
    for (slot, &(cadre, household)) in plan.slots.iter().enumerate() {
        let c = data.cadre(cadre);
        let leaves = leave_spans(ctx, cadre);
        for (period, p) in plan.periods.iter().enumerate() {
            let linked = c.start.is_none_or(|s| s <= p.first) && c.end.is_none_or(|e| e >= p.last);
            let household_linked =
                household.is_none_or(|h| data.household(h).linked_throughout(p.first, p.last));
            if !linked || !household_linked || covered(&leaves, p.first, p.last) {
                continue;
            }
            let cell = period * plan.slots.len() + slot;
            let (bits, days) = marks.cell(cell);
            let visits: u32 = bits.iter().map(|w| w.count_ones()).sum();
            owed.push(Obligation {
                cadre,
                household,
                period,
                visits,
                days,
                progress: p.last > as_of,
                met: visits >= quota.visits && days >= quota.days,
            });
        }
    }
    QuotaFigures {
        quota,
        index,
        periods: plan.periods,
        owed,
    }
}

/// A cadre's valid leaves as (from, to), sorted.
fn leave_spans(ctx: &Ctx, cadre: CadreId) -> Vec<(Date, Date)> {
    let mut spans: Vec<(Date, Date)> = ctx
        .index
        .leaves
        .get(cadre.0 as usize)
        .iter()
        .map(|&l| &ctx.data.leaves[l as usize])
        .filter(|l| ctx.valid.record(*l))
        .map(|l| (l.from, l.to))
        .collect();
    spans.sort_unstable();
    spans
}

/// Whether leaves (sorted by start) together cover every day from
/// `first` to `last`.
fn covered(leaves: &[(Date, Date)], first: Date, last: Date) -> bool {
    let mut next = first;
    for &(from, to) in leaves {
        if from > next {
            break;
        }
        if to >= next {
            match to.succ_opt() {
                Some(after) => next = after,
                None => return true,
            }
        }
        if next > last {
            return true;
        }
    }
    next > last
}
