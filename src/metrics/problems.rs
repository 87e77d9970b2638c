//! The problem ledger at D (docs/reports.md): which problems exist, are rectified,
//! overdue, or wait too long for their revisit.

use super::{Ctx, Window};
use crate::config::Config;
use crate::model::{Date, Deadline, Problem};

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
