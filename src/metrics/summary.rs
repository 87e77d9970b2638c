//! The summary of docs/reports.md — 两率一度 and the work behind them — per county
//! or per township, for any window: callable month by month for trends.

use super::problems::{long_term, overdue_deadline, revisit_lags};
use super::{Attendance, Ctx, Window, coverage, fold_visits, rate};
use crate::model::{CadreId, Problem, RegionId, RegionLevel, Satisfaction, Source};

/// What a summary row stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum By {
    County,
    Township,
}

/// The rows of a report grouped `by` county or township: every valid
/// region of that level, ordered by county code, then code.
pub fn rows_by(ctx: &Ctx, by: By) -> Vec<RegionId> {
    let data = ctx.data;
    let level = match by {
        By::County => RegionLevel::County,
        By::Township => RegionLevel::Township,
    };
    let county_code = |id: RegionId| ctx.index.county_of(id).map(|c| &*data.region(c).code);
    let mut units: Vec<RegionId> = (0..data.regions.len() as u32)
        .map(RegionId)
        .filter(|&id| data.region(id).level == level && ctx.valid.region(id))
        .collect();
    units.sort_by_key(|&id| (county_code(id), &data.region(id).code));
    units
}

/// The figures of one row (docs/reports.md). Counts only; rates are computed from
/// them, so that a total's rate is the rate of its sums.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Figures {
    /// Cadres active at D whose first point lies here.
    pub cadres: u64,
    pub townships: u64,
    pub townships_covered: u64,
    pub villages: u64,
    pub villages_covered: u64,
    pub workdays_due: u64,
    pub workdays_attended: u64,
    pub visits: u64,
    pub forums: u64,
    pub people: u64,
    /// Problems found ≤ D.
    pub problems: u64,
    /// Problems rectified ≤ D.
    pub rectified: u64,
    pub new_problems: u64,
    pub new_rectified: u64,
    pub overdue: u64,
    pub revisit_lagging: u64,
    /// Problems found ≤ D whose source is a cadre.
    pub found_by_cadre: u64,
    /// Problems rectified ≤ D with a satisfaction value …
    pub rated: u64,
    /// … of which satisfied or basically satisfied.
    pub satisfied: u64,
    /// Long-term problems (长期坚持) open at D: they have no deadline, and
    /// are counted apart from the overdue ones.
    pub long_term: u64,
    /// Valid households whose link is in force at D, placed here …
    pub households: u64,
    /// … of which a cadre active at D links (covered).
    pub households_covered: u64,
}

impl Figures {
    pub fn attendance_rate(&self) -> Option<f64> {
        rate(self.workdays_attended, self.workdays_due)
    }

    pub fn rectification_rate(&self) -> Option<f64> {
        rate(self.rectified, self.problems)
    }

    pub fn identification_rate(&self) -> Option<f64> {
        rate(self.found_by_cadre, self.problems)
    }

    pub fn satisfaction_rate(&self) -> Option<f64> {
        rate(self.satisfied, self.rated)
    }

    pub(super) fn add(&mut self, o: &Figures) {
        let Figures {
            cadres,
            townships,
            townships_covered,
            villages,
            villages_covered,
            workdays_due,
            workdays_attended,
            visits,
            forums,
            people,
            problems,
            rectified,
            new_problems,
            new_rectified,
            overdue,
            revisit_lagging,
            found_by_cadre,
            rated,
            satisfied,
            long_term,
            households,
            households_covered,
        } = o;
        self.cadres += cadres;
        self.townships += townships;
        self.townships_covered += townships_covered;
        self.villages += villages;
        self.villages_covered += villages_covered;
        self.workdays_due += workdays_due;
        self.workdays_attended += workdays_attended;
        self.visits += visits;
        self.forums += forums;
        self.people += people;
        self.problems += problems;
        self.rectified += rectified;
        self.new_problems += new_problems;
        self.new_rectified += new_rectified;
        self.overdue += overdue;
        self.revisit_lagging += revisit_lagging;
        self.found_by_cadre += found_by_cadre;
        self.rated += rated;
        self.satisfied += satisfied;
        self.long_term += long_term;
        self.households += households;
        self.households_covered += households_covered;
    }
}

/// The visit flows of one slot, as a thread counts them.
#[derive(Clone, Copy, Debug, Default)]
struct Flows {
    visits: u64,
    forums: u64,
    people: u64,
}

/// A summary: one row per county or township, and the total.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// Ordered by county code (then township code).
    pub rows: Vec<(RegionId, Figures)>,
    /// Everything that lies in a county. Under [`By::Township`] this also
    /// counts what is placed at a county itself and so in no township.
    pub total: Figures,
}

/// Computes the summary of `window`, one row per valid county (or
/// township), empty ones included.
pub fn summary(ctx: &Ctx, window: &Window, by: By) -> Summary {
    summary_with_attendance(ctx, window, by).0
}

/// [`summary`], and the attendance of `window` it marks on its way, for a
/// caller that lists the misses too without a second pass over the
/// visits.
pub fn summary_with_attendance(ctx: &Ctx, window: &Window, by: By) -> (Summary, Attendance) {
    let data = ctx.data;
    let d = window.as_of;
    let units = rows_by(ctx, by);

    // Each valid region's slot: its row, or — for a region in a county but
    // in no row (a county itself, by township) — one last slot that only
    // the total sees.
    let mut row_of = vec![None; data.regions.len()];
    for (row, &unit) in units.iter().enumerate() {
        row_of[unit.0 as usize] = Some(row);
    }
    // Slots as u32 with a sentinel, not Option<usize>: a visit looks its
    // place up here, and a province's table then stays in cache.
    const NO_SLOT: u32 = u32::MAX;
    let other = units.len() as u32;
    let slot_of: Vec<u32> = (0..data.regions.len())
        .map(|i| {
            let id = RegionId(i as u32);
            let Some(county) = ctx.index.county_of(id).filter(|_| ctx.valid.region(id)) else {
                return NO_SLOT;
            };
            let unit = match by {
                By::County => Some(county),
                By::Township => ctx.index.township.get(i).copied().flatten(),
            };
            unit.and_then(|u| row_of[u.0 as usize])
                .map_or(other, |r| r as u32)
        })
        .collect();
    let slot = |id: RegionId| {
        let s = slot_of.get(id.0 as usize).copied().unwrap_or(NO_SLOT);
        (s != NO_SLOT).then_some(s as usize)
    };
    let mut figures = vec![Figures::default(); units.len() + 1];

    // Regions and coverage: stocks at D.
    let covered = coverage::covered(ctx, d);
    for (i, r) in data.regions.iter().enumerate() {
        let Some(s) = slot(RegionId(i as u32)) else {
            continue;
        };
        let f = &mut figures[s];
        match r.level {
            RegionLevel::Township => {
                f.townships += 1;
                f.townships_covered += u64::from(covered[i]);
            }
            RegionLevel::Village => {
                f.villages += 1;
                f.villages_covered += u64::from(covered[i]);
            }
            RegionLevel::County => {}
        }
    }

    // Households and their coverage: stocks at D.
    for (h, covered) in coverage::households(ctx, d) {
        let Some(s) = data.household(h).place.id().and_then(slot) else {
            continue;
        };
        figures[s].households += 1;
        figures[s].households_covered += u64::from(covered);
    }

    // Visits, in one pass on every core: the work days each cadre has a
    // visit on, and the flows by the slot of the place.
    let mut attendance = Attendance::plan(ctx, window);
    let parts = fold_visits(
        ctx,
        window,
        || (attendance.no_marks(), vec![Flows::default(); figures.len()]),
        |(marks, flows), v| {
            attendance.mark(marks, v);
            if let Some(f) = v.place.id().and_then(slot).and_then(|s| flows.get_mut(s)) {
                f.visits += 1;
                f.forums += u64::from(v.forums);
                f.people += u64::from(v.people);
            }
        },
    );
    let mut marks = Vec::with_capacity(parts.len());
    for (part, flows) in parts {
        marks.push(part);
        for (f, flow) in figures.iter_mut().zip(flows) {
            f.visits += flow.visits;
            f.forums += flow.forums;
            f.people += flow.people;
        }
    }
    attendance.set_marks(marks);

    // Cadres and their work days, by the slot of their first point.
    for (i, c) in data.cadres.iter().enumerate() {
        let id = CadreId(i as u32);
        if !ctx.valid.cadre(id) {
            continue;
        }
        let Some(s) = c.points.first().and_then(|p| p.id()).and_then(slot) else {
            continue;
        };
        let tally = attendance.tally(ctx, id);
        let f = &mut figures[s];
        f.cadres += u64::from(c.active_on(d));
        f.workdays_due += u64::from(tally.due);
        f.workdays_attended += u64::from(tally.attended);
    }

    // Problems: stocks at D and flows inside the period.
    count_problems(ctx, window, |_, place| slot(place), &mut figures);

    let mut total = Figures::default();
    for f in &figures {
        total.add(f);
    }
    figures.truncate(units.len());
    let summary = Summary {
        rows: units.into_iter().zip(figures).collect(),
        total,
    };
    (summary, attendance)
}

/// Counts each valid problem found by D into the figures of its slot (by
/// the problem and its place; none: not counted): stocks at D, flows
/// inside the window.
pub(super) fn count_problems(
    ctx: &Ctx,
    window: &Window,
    slot: impl Fn(&Problem, RegionId) -> Option<usize>,
    figures: &mut [Figures],
) {
    let d = window.as_of;
    let config = ctx.config;
    for p in &ctx.data.problems {
        if p.found > d || !ctx.valid.record(p) {
            continue;
        }
        let Some(f) = p
            .place
            .id()
            .and_then(|place| slot(p, place))
            .and_then(|s| figures.get_mut(s))
        else {
            continue;
        };
        let rectified = p.rectified.filter(|&r| r <= d);
        f.problems += 1;
        f.new_problems += u64::from(window.contains(p.found));
        f.found_by_cadre += u64::from(p.source == Source::Cadre);
        f.overdue += u64::from(overdue_deadline(config, p, d).is_some());
        f.revisit_lagging += u64::from(revisit_lags(config, p, d));
        f.long_term += u64::from(long_term(p, d));
        if let Some(r) = rectified {
            f.rectified += 1;
            f.new_rectified += u64::from(window.contains(r));
            if let Some(s) = p.satisfaction {
                f.rated += 1;
                f.satisfied += u64::from(s != Satisfaction::Unsatisfied);
            }
        }
    }
}

/// The problem figures of a summary's total for `window` — problems,
/// rectified, new, newly rectified, overdue, lagging, found by a cadre,
/// rated, satisfied — and none of its others (visits, work days, cadres,
/// coverage stay 0): a month of a trend for one pass over the ledger
/// instead of one over every visit.
pub fn problem_totals(ctx: &Ctx, window: &Window) -> Figures {
    let mut total = [Figures::default()];
    // What the summary's total counts: a valid place in a county.
    let in_a_county =
        |id: RegionId| (ctx.valid.region(id) && ctx.index.county_of(id).is_some()).then_some(0);
    count_problems(ctx, window, |_, place| in_a_county(place), &mut total);
    total[0]
}

#[cfg(test)]
mod tests {
    //! Figures over `tests/fixtures/reports`, worked out by hand. The
    //! fixture: counties 甲县 (townships 一镇 with villages 一村 二村, 二镇
    //! with 三村), 乙县 (三镇 with 四村) and the empty 丙县. Cadres: K1 city,
    //! points 一镇;一村; K2 county, point 二村, from 2026-02-15; K3 township,
    //! point 二镇, until 2026-03-10; K4 county, point 四村, until
    //! 2026-01-31. Work days: city the 10th, county and township the 20th,
    //! 2026-02-20 moved to 2026-02-24. K1 is on leave 03-08..03-12.
    use super::*;
    use crate::metrics::fixture::{self, d};
    use crate::metrics::{Period, Window};
    use crate::model::Date;

    fn window(period: Period, as_of: Date) -> Window {
        let opened = fixture::reports();
        let ctx = opened.ctx();
        Window::new(period, as_of, || ctx.earliest_visit()).unwrap()
    }

    fn names(opened: &fixture::Opened, s: &Summary) -> Vec<String> {
        s.rows
            .iter()
            .map(|(id, _)| opened.data.region(*id).name.to_string())
            .collect()
    }

    /// 2026-01-15 to 2026-03-15, as of 2026-04-30: D = 03-15; the period
    /// crosses three months.
    fn crossing_months() -> Window {
        let range = Period::Range {
            from: Some(d(2026, 1, 15)),
            to: Some(d(2026, 3, 15)),
        };
        window(range, d(2026, 4, 30))
    }

    #[test]
    fn by_county_across_months() {
        let opened = fixture::reports();
        let s = summary(&opened.ctx(), &crossing_months(), By::County);
        assert_eq!(names(&opened, &s), ["甲县", "乙县", "丙县"]);
        let jia = Figures {
            // Active at D = 03-15: K1 (no end), K2 (from 02-15); K3 ended
            // 03-10. Both have their first point in 甲县.
            cadres: 2,
            // 一镇, 二镇; only 一镇 is a point of an active cadre (K1).
            townships: 2,
            townships_covered: 1,
            // 一村 (K1), 二村 (K2) covered; 三村 only by K3's 二镇, and a
            // township point does not cover its villages.
            villages: 3,
            villages_covered: 2,
            // Work days in 01-15..03-15: city 02-10, 03-10 (01-10 is
            // before the start); county/township 01-20, 02-24 (moved).
            // K1: 02-10 visited; 03-10 on leave → 1 due, 1 attended.
            // K2: 01-20 before its start; 02-24 visited → 1, 1.
            // K3: 01-20 visited; 02-24 missed (it came on 02-20) → 2, 1.
            workdays_due: 4,
            workdays_attended: 3,
            // Visits 01-20 (1 forum, 3 people), 02-10 (0, 4), 02-20 (0, 6),
            // 02-24 (1, 8), 03-05 (1, 7), 03-10 (0, 2); 01-10 is before
            // the start, 03-19 and 04-10 after D.
            visits: 6,
            forums: 3,
            people: 3 + 4 + 6 + 8 + 7 + 2,
            // Found ≤ 03-15: P1, P2, P3, P5, P6 (P4 05-01 and P7 03-20 not).
            problems: 5,
            // P1 02-10, P5 2025-12-20, P6 03-05; P3 only on 03-20.
            rectified: 3,
            // Found in the period: P2 02-01, P3 03-01, P6 02-10.
            new_problems: 3,
            // Rectified in the period: P1 02-10 (after its 02-04
            // deadline), P6 03-05.
            new_rectified: 2,
            // P2: 安全生产, deadline 02-01 + 7 = 02-08; P3: 03-05 given.
            overdue: 2,
            // P5: rectified 2025-12-20 ≤ 03-15 − 15, never verified. P1
            // was verified; P6's 03-05 is after 02-28.
            revisit_lagging: 1,
            // Source cadre: P1, P6.
            found_by_cadre: 2,
            // Rectified with a value: P1 satisfied, P5 basic, P6 not.
            rated: 3,
            satisfied: 2,
            // No deadline is long-term (长期坚持) in the fixture.
            long_term: 0,
            // The fixture keeps no households.
            households: 0,
            households_covered: 0,
        };
        assert_eq!(s.rows[0].1, jia);
        assert_eq!(jia.attendance_rate(), Some(0.75)); // 3 / 4
        assert_eq!(jia.rectification_rate(), Some(0.6)); // 3 / 5
        assert_eq!(jia.identification_rate(), Some(0.4)); // 2 / 5
        assert_eq!(jia.satisfaction_rate(), Some(2.0 / 3.0));
        let yi = Figures {
            // 三镇 and 四村, whose only cadre K4 ended 01-31.
            townships: 1,
            villages: 1,
            // K4's 01-20: due, and its only visit was on 01-05.
            workdays_due: 1,
            ..Figures::default()
        };
        assert_eq!(s.rows[1].1, yi);
        assert_eq!(yi.attendance_rate(), Some(0.0));
        assert_eq!(yi.rectification_rate(), None);
        // 丙县 has nothing at all: every rate undefined.
        let bing = s.rows[2].1;
        assert_eq!(bing, Figures::default());
        assert_eq!(bing.attendance_rate(), None);
        assert_eq!(bing.satisfaction_rate(), None);
        let mut total = jia;
        total.add(&yi);
        assert_eq!(s.total, total);
    }

    #[test]
    fn the_attendance_marked_on_the_way_is_the_windows() {
        let opened = fixture::reports();
        let ctx = opened.ctx();
        let w = crossing_months();
        let (s, a) = summary_with_attendance(&ctx, &w, By::County);
        assert_eq!(s, summary(&ctx, &w, By::County));
        // K1 and K2 attended every day due; K3 missed the moved 02-24 (it
        // came on 02-20), K4 its 01-20.
        let missed: Vec<Vec<Date>> = (0..4).map(|i| a.missed(&ctx, CadreId(i))).collect();
        assert_eq!(
            missed,
            [vec![], vec![], vec![d(2026, 2, 24)], vec![d(2026, 1, 20)]]
        );
    }

    #[test]
    fn one_month_with_a_moved_work_day() {
        let opened = fixture::reports();
        let w = window(Period::Month(d(2026, 2, 1)), d(2026, 4, 30));
        let s = summary(&opened.ctx(), &w, By::County);
        let jia = Figures {
            // Active at 02-28: K1, K2 (from 02-15), K3 (until 03-10).
            cadres: 3,
            // 一镇 (K1) and 二镇 (K3).
            townships: 2,
            townships_covered: 2,
            villages: 3,
            villages_covered: 2,
            // City 02-10: K1 visited. County/township 02-20 moved to
            // 02-24: K2 visited on 02-24; K3 came on 02-20 and misses.
            workdays_due: 3,
            workdays_attended: 2,
            // 02-10 (0, 4), 02-20 (0, 6), 02-24 (1, 8).
            visits: 3,
            forums: 1,
            people: 18,
            // Found ≤ 02-28: P1, P2, P5, P6.
            problems: 4,
            // P1 02-10, P5; P6 only on 03-05.
            rectified: 2,
            // P2 02-01, P6 02-10.
            new_problems: 2,
            // P1 02-10.
            new_rectified: 1,
            // P2 (deadline 02-08); P6's deadline 02-10 + 30 = 03-12.
            overdue: 1,
            // P5; P1 was verified 02-20.
            revisit_lagging: 1,
            // P1, P6.
            found_by_cadre: 2,
            // P1 satisfied, P5 basic; P6 is not rectified by D.
            rated: 2,
            satisfied: 2,
            long_term: 0,
            // The fixture keeps no households.
            households: 0,
            households_covered: 0,
        };
        assert_eq!(s.rows[0].1, jia);
        assert_eq!(jia.attendance_rate(), Some(2.0 / 3.0));
        assert_eq!(jia.satisfaction_rate(), Some(1.0));
        // K4 ended 01-31: nothing due in February.
        assert_eq!(s.rows[1].1.workdays_due, 0);
        assert_eq!(s.rows[1].1.attendance_rate(), None);
    }

    #[test]
    fn by_township_and_a_county_level_place() {
        let opened = fixture::reports();
        let ctx = opened.ctx();
        // Whole period as of 04-30: from 01-01 (the month of the earliest
        // visit, 01-05). P7 lies at 乙县 itself, in no township.
        let w = window(Period::Whole, d(2026, 4, 30));
        assert_eq!(w.from, d(2026, 1, 1));
        let s = summary(&ctx, &w, By::Township);
        assert_eq!(names(&opened, &s), ["一镇", "二镇", "三镇"]);
        let (yi_zhen, er_zhen, san_zhen) = (s.rows[0].1, s.rows[1].1, s.rows[2].1);
        // 一镇: K1 and K2 (first point 二村, in 一镇). Work days 01-01..04-30:
        // city 01-10, 02-10, 03-10, 04-10; county 01-20, 02-24, 03-20, 04-20.
        // K1: 01-10, 02-10, 04-10 visited, 03-10 on leave → 3 due, 3 attended.
        // K2: 02-24 visited; 03-20 missed (came 03-19; its leave ended
        // 03-05); 04-20 missed → 3 due, 1 attended.
        assert_eq!(
            (
                yi_zhen.cadres,
                yi_zhen.workdays_due,
                yi_zhen.workdays_attended
            ),
            (2, 6, 4)
        );
        // Visits at 一镇, 一村, 二村: 01-10, 02-10, 02-24, 03-10, 03-19, 04-10.
        assert_eq!(yi_zhen.visits, 6);
        // P1 (一村), P2 (一镇), P5 (二村); P2 still open and overdue.
        assert_eq!((yi_zhen.problems, yi_zhen.overdue), (3, 1));
        // 二镇: K3 ended 03-10 → not counted; 01-20 visited, 02-24 missed.
        assert_eq!(
            (
                er_zhen.cadres,
                er_zhen.workdays_due,
                er_zhen.workdays_attended
            ),
            (0, 2, 1)
        );
        // P3 (rectified 03-20, after its deadline) and P6: both rectified,
        // neither verified, both ≥ 15 days before 04-30 → lagging.
        assert_eq!(
            (er_zhen.problems, er_zhen.rectified, er_zhen.revisit_lagging),
            (2, 2, 2)
        );
        // 三镇: K4's 01-20, missed; its 01-05 visit.
        assert_eq!((san_zhen.workdays_due, san_zhen.visits), (1, 1));
        assert_eq!(san_zhen.problems, 0);
        // P7 is in the total, though in no township: 3 + 2 + 0 + 1.
        assert_eq!(s.total.problems, 6);
        // P2 overdue since 02-08, P7 (found 03-20, deadline 04-19) too.
        assert_eq!(s.total.overdue, 2);
        // The same total as by county.
        assert_eq!(summary(&ctx, &w, By::County).total, s.total);
    }

    #[test]
    fn problem_totals_are_those_of_the_summary() {
        let opened = fixture::reports();
        let ctx = opened.ctx();
        let months = (1..=4).map(|m| Period::Month(d(2026, m, 1)));
        for period in months.chain([Period::Month(d(2025, 12, 1)), Period::Whole]) {
            let w = window(period, d(2026, 4, 30));
            let total = summary(&ctx, &w, By::County).total;
            let problems = Figures {
                cadres: 0,
                townships: 0,
                townships_covered: 0,
                villages: 0,
                villages_covered: 0,
                workdays_due: 0,
                workdays_attended: 0,
                visits: 0,
                forums: 0,
                people: 0,
                ..total
            };
            assert_eq!(problem_totals(&ctx, &w), problems, "{period:?}");
        }
        // P7 lies at 乙县 itself: counted, as in the total. As of 04-30:
        // P1 P2 P3 P5 P6 P7 (P4 is found 05-01).
        let w = window(Period::Whole, d(2026, 4, 30));
        assert_eq!(problem_totals(&ctx, &w).problems, 6);
    }
}
