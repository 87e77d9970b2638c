//! The problem ledger at D (docs/reports.md): which problems exist, are rectified,
//! overdue, or wait too long for their revisit.

use super::{Ctx, Window};
use crate::config::Config;
use crate::model::{CadreLevel, Date, Deadline, Problem, RegionId, RegionLevel, Source};

/// Whether a problem is open at `as_of`: found ≤ D, not rectified by D.
fn open_at(p: &Problem, as_of: Date) -> bool {
    p.found <= as_of && p.rectified.is_none_or(|r| r > as_of)
}

/// The deadline of a problem that is overdue at `as_of`: open at D, and
/// its deadline (explicit, or found + the configured days) before D. A
/// long-term problem has none, and is never overdue.
pub fn overdue_deadline(config: &Config, p: &Problem, as_of: Date) -> Option<Date> {
    let deadline = config.deadline(p)?;
    (open_at(p, as_of) && deadline < as_of).then_some(deadline)
}

/// Whether a problem is long-term and open at `as_of` (长期坚持, counted
/// apart from the others: it has no deadline to miss).
pub fn long_term(p: &Problem, as_of: Date) -> bool {
    p.deadline == Some(Deadline::LongTerm) && open_at(p, as_of)
}

/// Whether a problem's revisit lags at `as_of`: rectified on or before
/// D − the configured revisit days, and not verified by D.
pub fn revisit_lags(config: &Config, p: &Problem, as_of: Date) -> bool {
    let due = chrono::Days::new(u64::from(config.revisit.days));
    p.rectified
        .is_some_and(|r| r.checked_add_days(due).is_some_and(|d| d <= as_of))
        && p.verified.is_none_or(|v| v > as_of)
}

/// A problem overdue at D.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Overdue {
    /// Index in [`crate::model::Dataset::problems`].
    pub problem: usize,
    pub deadline: Date,
    /// D − deadline.
    pub days: i64,
}

/// A rectified problem whose revisit lags at D.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lagging {
    /// Index in [`crate::model::Dataset::problems`].
    pub problem: usize,
    pub rectified: Date,
    /// D − rectified.
    pub days: i64,
}

/// Valid problems overdue at D, most overdue first (then by id).
pub fn overdue(ctx: &Ctx, window: &Window) -> Vec<Overdue> {
    let d = window.as_of;
    let problems = &ctx.data.problems;
    let mut out: Vec<Overdue> = problems
        .iter()
        .enumerate()
        .filter(|(_, p)| ctx.valid.record(*p))
        .filter_map(|(i, p)| {
            let deadline = overdue_deadline(ctx.config, p, d)?;
            Some(Overdue {
                problem: i,
                deadline,
                days: (d - deadline).num_days(),
            })
        })
        .collect();
    out.sort_by(|a, b| longest_first(problems, (a.days, a.problem), (b.days, b.problem)));
    out
}

/// Valid problems whose revisit lags at D, longest since rectification
/// first (then by id).
pub fn revisits(ctx: &Ctx, window: &Window) -> Vec<Lagging> {
    let d = window.as_of;
    let problems = &ctx.data.problems;
    let mut out: Vec<Lagging> = problems
        .iter()
        .enumerate()
        .filter(|(_, p)| ctx.valid.record(*p) && revisit_lags(ctx.config, p, d))
        .filter_map(|(i, p)| {
            let rectified = p.rectified?;
            Some(Lagging {
                problem: i,
                rectified,
                days: (d - rectified).num_days(),
            })
        })
        .collect();
    out.sort_by(|a, b| longest_first(problems, (a.days, a.problem), (b.days, b.problem)));
    out
}

/// The order of both lists: most days first, then by problem id.
fn longest_first(
    problems: &[Problem],
    (a_days, a): (i64, usize),
    (b_days, b): (i64, usize),
) -> std::cmp::Ordering {
    b_days
        .cmp(&a_days)
        .then_with(|| problems[a].id.cmp(&problems[b].id))
}

// The ledger (SPEC §8 in docs/reports.md): each problem's status and
// level at D, and the filters of `report problems`.

/// A problem's status at D.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// Not rectified and past its deadline (first: the ledger lists it
    /// first).
    Overdue,
    /// Not rectified, deadline not passed, or long-term.
    Open,
    /// Rectified, not verified (the list to verify).
    Rectified,
    /// Verified (销号).
    Closed,
}

impl Status {
    /// Every status, in the ledger's order.
    pub const ALL: [Status; 4] = [
        Status::Overdue,
        Status::Open,
        Status::Rectified,
        Status::Closed,
    ];

    /// The stable word (CSV, JSON, `--status`).
    pub fn key(self) -> &'static str {
        match self {
            Status::Overdue => "overdue",
            Status::Open => "open",
            Status::Rectified => "rectified",
            Status::Closed => "closed",
        }
    }
}

/// The status of a problem at `as_of`; `None` when it is found after D
/// (it does not exist yet).
pub fn status(config: &Config, p: &Problem, as_of: Date) -> Option<Status> {
    if p.found > as_of {
        return None;
    }
    Some(match (p.rectified, p.verified) {
        (_, Some(v)) if v <= as_of => Status::Closed,
        (Some(r), _) if r <= as_of => Status::Rectified,
        _ if overdue_deadline(config, p, as_of).is_some() => Status::Overdue,
        _ => Status::Open,
    })
}

/// The level of a problem: that of the cadre who found it (`unit` for a
/// unit linked as a cadre is, 单位), or `None` (the word `none`) when no
/// cadre found it (an inspection, a petition).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Finder {
    City,
    County,
    Township,
    Unit,
    None,
}

impl Finder {
    pub const ALL: [Finder; 5] = [
        Finder::City,
        Finder::County,
        Finder::Township,
        Finder::Unit,
        Finder::None,
    ];

    /// The stable word (CSV, JSON, `--level`).
    pub fn key(self) -> &'static str {
        match self {
            Finder::City => "city",
            Finder::County => "county",
            Finder::Township => "township",
            Finder::Unit => "unit",
            Finder::None => "none",
        }
    }
}

/// The level of a valid problem: the level of its cadre when its source
/// is `cadre`; `none` otherwise (a cadre named on an inspection's problem
/// did not find it).
pub fn finder(ctx: &Ctx, p: &Problem) -> Finder {
    let cadre = p.cadre.and_then(|c| ctx.valid.cadre_ref(c));
    match (p.source, cadre) {
        (Source::Cadre, Some(c)) => match ctx.data.cadre(c).level {
            CadreLevel::City => Finder::City,
            CadreLevel::County => Finder::County,
            CadreLevel::Township => Finder::Township,
            CadreLevel::Unit => Finder::Unit,
        },
        _ => Finder::None,
    }
}

/// Which problems a ledger lists: each filter given narrows it (an empty
/// list, or `None`, lets every problem through).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub status: Vec<Status>,
    pub county: Option<RegionId>,
    /// The responsible unit, as written.
    pub unit: Option<String>,
    pub category: Option<String>,
    pub source: Option<Source>,
    pub level: Vec<Finder>,
    /// The level of the place: township or village.
    pub at: Option<RegionLevel>,
}

/// A problem of the ledger at D.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Index in [`crate::model::Dataset::problems`].
    pub problem: usize,
    pub place: RegionId,
    pub status: Status,
    pub level: Finder,
    /// The deadline that applies (`None`: long-term).
    pub deadline: Option<Date>,
    /// Deadline − D for an open problem with a deadline (0 on the day).
    pub days_left: Option<i64>,
    /// D − deadline for an overdue one.
    pub days_overdue: Option<i64>,
}

/// The valid problems found by D that `filter` lets through, sorted by
/// county code, then status (overdue first), then days (most overdue,
/// or fewest left, first; long-term after those with a deadline;
/// rectified and closed ones longest ago first), then id.
pub fn ledger(ctx: &Ctx, window: &Window, filter: &Filter) -> Vec<Entry> {
    let d = window.as_of;
    let mut out: Vec<Entry> = ctx
        .data
        .problems
        .iter()
        .enumerate()
        .filter(|(_, p)| ctx.valid.record(*p))
        .filter_map(|(i, p)| {
            let place = ctx.valid.region_ref(p.place)?;
            let status = status(ctx.config, p, d)?;
            let level = finder(ctx, p);
            let region = ctx.data.region(place);
            let wanted = (filter.status.is_empty() || filter.status.contains(&status))
                && (filter.level.is_empty() || filter.level.contains(&level))
                && filter
                    .county
                    .is_none_or(|c| ctx.index.county_of(place) == Some(c))
                && filter.at.is_none_or(|at| region.level == at)
                && filter.source.is_none_or(|s| p.source == s)
                && filter
                    .unit
                    .as_deref()
                    .is_none_or(|u| p.unit.as_deref().map(str::trim) == Some(u.trim()))
                && filter
                    .category
                    .as_deref()
                    .is_none_or(|c| p.category.trim() == c.trim());
            if !wanted {
                return None;
            }
            let deadline = ctx.config.deadline(p);
            let days = |from: Date, to: Date| (to - from).num_days();
            Some(Entry {
                problem: i,
                place,
                status,
                level,
                deadline,
                days_left: deadline
                    .filter(|_| status == Status::Open)
                    .map(|dl| days(d, dl)),
                days_overdue: deadline
                    .filter(|_| status == Status::Overdue)
                    .map(|dl| days(dl, d)),
            })
        })
        .collect();
    let problems = &ctx.data.problems;
    let county_code = |e: &Entry| {
        ctx.index
            .county_of(e.place)
            .map(|c| &*ctx.data.region(c).code)
    };
    // Within a status, the most urgent first: a smaller key first.
    let urgency = |e: &Entry| -> (bool, i64) {
        let p = &problems[e.problem];
        let since = |day: Option<Date>| day.map_or(0, |day| (day - d).num_days());
        match e.status {
            Status::Overdue => (false, -e.days_overdue.unwrap_or(0)),
            Status::Open => (e.days_left.is_none(), e.days_left.unwrap_or(0)),
            Status::Rectified => (false, since(p.rectified)),
            Status::Closed => (false, since(p.verified)),
        }
    };
    // Each entry's key made once, not at every comparison (a province's
    // ledger has 81,000 entries); no county (a region outside every
    // county) last.
    out.sort_by_cached_key(|e| {
        let county = county_code(e);
        (
            county.is_none(),
            county,
            e.status,
            urgency(e),
            &*problems[e.problem].id,
        )
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::fixture::{self, d};
    use crate::metrics::{Period, Window};

    fn ids(opened: &fixture::Opened, problems: impl Iterator<Item = usize>) -> Vec<String> {
        problems
            .map(|i| opened.data.problems[i].id.to_string())
            .collect()
    }

    #[test]
    fn overdue_most_first_with_days() {
        let opened = fixture::reports();
        let ctx = opened.ctx();
        let w = Window::new(Period::Whole, d(2026, 4, 30), || None).unwrap();
        let o = overdue(&ctx, &w);
        // P2: 安全生产, deadline 02-01 + 7 days = 02-08; 04-30 − 02-08 =
        // 20 (rest of Feb) + 31 + 30 = 81 days. P7: 03-20 + 30 = 04-19;
        // 11 days. P3 was rectified (03-20) after its deadline: not
        // overdue. P4 is found after D.
        assert_eq!(ids(&opened, o.iter().map(|o| o.problem)), ["P2", "P7"]);
        assert_eq!((o[0].deadline, o[0].days), (d(2026, 2, 8), 81));
        assert_eq!((o[1].deadline, o[1].days), (d(2026, 4, 19), 11));
    }

    #[test]
    fn overdue_before_rectification() {
        let opened = fixture::reports();
        let ctx = opened.ctx();
        // At 03-15, P3 (deadline 03-05, rectified 03-20) is 10 days
        // overdue; P2 is 03-15 − 02-08 = 35 days overdue.
        let w = Window::new(Period::Whole, d(2026, 3, 15), || None).unwrap();
        let o = overdue(&ctx, &w);
        assert_eq!(ids(&opened, o.iter().map(|o| o.problem)), ["P2", "P3"]);
        assert_eq!((o[0].days, o[1].days), (35, 10));
    }

    #[test]
    fn revisits_lag_after_the_configured_days() {
        let opened = fixture::reports();
        let ctx = opened.ctx();
        // As of 03-19, the cut is 03-19 − 15 = 03-04: P5 (rectified
        // 2025-12-20, never verified) lags by 11 + 31 + 28 + 19 = 89 days
        // since; P6 (03-05) not yet; P1 was verified.
        let w = Window::new(Period::Whole, d(2026, 3, 19), || None).unwrap();
        let r = revisits(&ctx, &w);
        assert_eq!(ids(&opened, r.iter().map(|l| l.problem)), ["P5"]);
        assert_eq!((r[0].rectified, r[0].days), (d(2025, 12, 20), 89));
        // A day later the cut is 03-05: P6 lags too, 15 days since.
        let w = Window::new(Period::Whole, d(2026, 3, 20), || None).unwrap();
        let r = revisits(&ctx, &w);
        assert_eq!(ids(&opened, r.iter().map(|l| l.problem)), ["P5", "P6"]);
        assert_eq!(r[1].days, 15);
    }
}
