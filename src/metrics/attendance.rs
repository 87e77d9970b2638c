//! Work-day attendance (工作日到岗, docs/reports.md): for each cadre and each work
//! day W of its level in the period with W ≤ D (moved days applied), the
//! cadre is due if start ≤ W ≤ end and no leave covers W; it attended if it
//! has a visit dated W.
//!
//! One pass over the visits marks, per cadre, the work days it has a visit
//! on, as bits; each cadre's tally is then read from its bits and leaves,
//! without looking at its visits again.

use chrono::Datelike;

use super::{Ctx, Window, fold_visits, rate};
use crate::model::{CadreId, CadreLevel, Date, Visit};

/// The work days of a window, and which cadre has a visit on which.
#[derive(Debug)]
pub struct Attendance {
    /// Work days of each level (by [`level_slot`]) from the period's start
    /// to D, in order.
    days: [Vec<Date>; 4],
    /// For each level, each [`day_key`] of the window: the index of that
    /// day among the level's work days, or [`NONE`].
    slots: [Vec<u32>; 4],
    /// The year `day_key` counts from.
    first_year: i32,
    /// Each cadre's level slot, read once: a province's cadre records do
    /// not stay in cache while a million visits stream past.
    levels: Vec<u8>,
    /// 64-bit words of marks per cadre.
    words: usize,
    /// Bit i of a cadre's words: it has a valid visit on `days[level][i]`.
    attended: Vec<u64>,
}

/// A cadre's work days in a window.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub due: u32,
    pub attended: u32,
}

impl Tally {
    /// attended / due; `None` when nothing was due.
    pub fn rate(&self) -> Option<f64> {
        rate(self.attended.into(), self.due.into())
    }
}

fn level_slot(level: CadreLevel) -> u8 {
    match level {
        CadreLevel::City => 0,
        CadreLevel::County => 1,
        CadreLevel::Township => 2,
        CadreLevel::Unit => 3,
    }
}

/// No work day of a level falls on this day.
const NONE: u32 = u32::MAX;

/// A day's place in the slot tables: 366 places per year from
/// `first_year`. Cheaper than subtracting dates, which chrono does through
/// 400-year cycles, and a visit needs it a million times.
fn day_key(day: Date, first_year: i32) -> usize {
    (day.year() - first_year) as usize * 366 + day.ordinal0() as usize
}

impl Attendance {
    /// Marks which work days each cadre has a valid visit on.
    pub fn new(ctx: &Ctx, window: &Window) -> Attendance {
        let mut a = Attendance::plan(ctx, window);
        let parts = fold_visits(ctx, window, || a.no_marks(), |m, v| a.mark(m, v));
        a.set_marks(parts);
        a
    }

    /// The work days of the window, with no visit marked yet.
    pub(crate) fn plan(ctx: &Ctx, window: &Window) -> Attendance {
        let workdays = &ctx.config.workdays;
        let days = CadreLevel::ALL.map(|level| workdays.dates(level, window.from, window.as_of));
        let first_year = window.from.year();
        let len = day_key(window.as_of, first_year) + 1;
        let slots = days.each_ref().map(|days| {
            let mut slots = vec![NONE; len];
            for (i, &day) in days.iter().enumerate() {
                if let Some(slot) = slots.get_mut(day_key(day, first_year)) {
                    *slot = i as u32;
                }
            }
            slots
        });
        let words = days.iter().map(Vec::len).max().unwrap_or(0).div_ceil(64);
        let levels = ctx
            .data
            .cadres
            .iter()
            .map(|c| level_slot(c.level))
            .collect();
        Attendance {
            days,
            slots,
            first_year,
            levels,
            words,
            attended: Vec::new(),
        }
    }

    /// Marks for every cadre, all clear.
    pub(crate) fn no_marks(&self) -> Vec<u64> {
        vec![0; self.levels.len() * self.words]
    }

    /// Marks a valid visit dated inside the window.
    pub(crate) fn mark(&self, marks: &mut [u64], v: &Visit) {
        let Some(cadre) = v.cadre.id().map(|c| c.0 as usize) else {
            return;
        };
        let key = day_key(v.date, self.first_year);
        let slot = self
            .levels
            .get(cadre)
            .and_then(|&l| self.slots[usize::from(l)].get(key));
        let Some(&i) = slot.filter(|&&i| i != NONE) else {
            return;
        };
        let i = i as usize;
        if let Some(word) = marks.get_mut(cadre * self.words + i / 64) {
            *word |= 1 << (i % 64);
        }
    }

    /// Takes the marks made over parts of the visits, together.
    pub(crate) fn set_marks(&mut self, parts: impl IntoIterator<Item = Vec<u64>>) {
        let mut parts = parts.into_iter();
        self.attended = parts.next().unwrap_or_else(|| self.no_marks());
        for part in parts {
            for (word, other) in self.attended.iter_mut().zip(part) {
                *word |= other;
            }
        }
    }

    /// Calls `each` with every work day `cadre` is due on, in order, and
    /// whether it attended.
    pub fn each_due(&self, ctx: &Ctx, cadre: CadreId, mut each: impl FnMut(Date, bool)) {
        let c = ctx.data.cadre(cadre);
        let leaves = ctx.index.leaves.get(cadre.0 as usize);
        let on_leave = |day: Date| {
            leaves.iter().any(|&l| {
                let l = &ctx.data.leaves[l as usize];
                l.from <= day && day <= l.to && ctx.valid.record(l)
            })
        };
        let base = cadre.0 as usize * self.words;
        let days = &self.days[usize::from(level_slot(c.level))];
        for (i, &day) in days.iter().enumerate() {
            if !c.active_on(day) || on_leave(day) {
                continue;
            }
            let bit = self
                .attended
                .get(base + i / 64)
                .is_some_and(|w| w >> (i % 64) & 1 == 1);
            each(day, bit);
        }
    }

    /// How many work days `cadre` was due and attended.
    pub fn tally(&self, ctx: &Ctx, cadre: CadreId) -> Tally {
        let mut t = Tally::default();
        self.each_due(ctx, cadre, |_, attended| {
            t.due += 1;
            t.attended += u32::from(attended);
        });
        t
    }

    /// The work days `cadre` was due and did not attend, in order.
    pub fn missed(&self, ctx: &Ctx, cadre: CadreId) -> Vec<Date> {
        let mut out = Vec::new();
        self.each_due(ctx, cadre, |day, attended| {
            if !attended {
                out.push(day);
            }
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::fixture::{self, d};
    use crate::metrics::{Period, Window};

    #[test]
    fn each_cadre_across_months() {
        let opened = fixture::reports();
        let ctx = opened.ctx();
        let range = Period::Range {
            from: Some(d(2026, 1, 15)),
            to: Some(d(2026, 3, 15)),
        };
        let w = Window::new(range, d(2026, 4, 30), || None).unwrap();
        let a = Attendance::new(&ctx, &w);
        let k = |i| CadreId(i);
        // Work days: city 02-10, 03-10; county/township 01-20, 02-24.
        // K1 (city): 02-10 visited; 03-10 covered by its leave 03-08..03-12.
        assert_eq!(
            a.tally(&ctx, k(0)),
            Tally {
                due: 1,
                attended: 1
            }
        );
        // K2 (county, from 02-15): 01-20 before its start; 02-24 visited.
        // Its leave 03-01..03-05 covers no work day.
        assert_eq!(
            a.tally(&ctx, k(1)),
            Tally {
                due: 1,
                attended: 1
            }
        );
        // K3 (township, until 03-10): 01-20 visited; 02-24 missed, since
        // its visit on 02-20 is on the day before the move.
        assert_eq!(
            a.tally(&ctx, k(2)),
            Tally {
                due: 2,
                attended: 1
            }
        );
        assert_eq!(a.missed(&ctx, k(2)), [d(2026, 2, 24)]);
        // K4 (county, until 01-31): 01-20 missed (visit on 01-05); 02-24
        // after its end.
        assert_eq!(a.missed(&ctx, k(3)), [d(2026, 1, 20)]);
        assert_eq!(a.tally(&ctx, k(3)).rate(), Some(0.0));
    }

    #[test]
    fn days_after_as_of_are_not_due() {
        let opened = fixture::reports();
        let ctx = opened.ctx();
        // March as of 03-19: the county day 03-20 is not due yet, and
        // K2's visit on 03-19 attends nothing.
        let w = Window::new(Period::Month(d(2026, 3, 1)), d(2026, 3, 19), || None).unwrap();
        let a = Attendance::new(&ctx, &w);
        assert_eq!(a.tally(&ctx, CadreId(1)), Tally::default());
        assert_eq!(a.tally(&ctx, CadreId(1)).rate(), None);
    }

    mod months_add_up {
        //! For random work days, moves, cadres, leaves and visits: the
        //! months' due and attended work days, and their misses, are the
        //! year's; so are those of two ranges that split the year.
        use std::fmt::Write;

        use proptest::prelude::*;

        use super::*;
        use crate::date;
        use crate::metrics::{By, summary};

        /// Days of the month the levels may have as work days.
        const DAYS: [u32; 4] = [1, 10, 20, 31];

        /// A day from 2025-10-01, `n` days on.
        fn day(n: u64) -> Date {
            d(2025, 10, 1) + chrono::Days::new(n)
        }

        /// A work day's original date: one of [`DAYS`] in a month from
        /// 2025-11 to 2027-02 (a 31st a month lacks comes out as its 1st).
        fn original(month: i32, day: u32) -> Date {
            let first = date::add_months(d(2025, 11, 1), month);
            first.with_day(day).unwrap_or(first)
        }

        #[derive(Clone, Debug)]
        struct Case {
            levels: [Vec<u32>; 3],
            moves: Vec<(Date, Date)>,
            /// Level, start, end.
            cadres: Vec<(usize, Option<Date>, Option<Date>)>,
            /// Cadre, from, to.
            leaves: Vec<(usize, Date, Date)>,
            /// Cadre, date.
            visits: Vec<(usize, Date)>,
        }

        /// A day from 2025-10-01 to 2027-04-03.
        fn when() -> impl Strategy<Value = Date> {
            (0u64..550).prop_map(day)
        }

        fn case() -> impl Strategy<Value = Case> {
            let days = || proptest::sample::subsequence(DAYS.to_vec(), 0..=2);
            let moves = proptest::collection::vec(
                ((0i32..16, proptest::sample::select(DAYS.to_vec())), when()),
                0..5,
            );
            let cadres = proptest::collection::vec(
                (
                    0usize..3,
                    proptest::option::of(when()),
                    proptest::option::of(when()),
                ),
                1..5,
            );
            (days(), days(), days(), moves, cadres).prop_flat_map(|(a, b, c, moves, cadres)| {
                let moves: Vec<(Date, Date)> = moves
                    .into_iter()
                    .map(|((m, day), new)| (original(m, day), new))
                    .collect();
                // Visits on the days that may be work days: every DAYS of
                // every month, and the new dates of the moves.
                let mut candidates: Vec<Date> = (0..16)
                    .flat_map(|m| DAYS.map(|day| original(m, day)))
                    .chain(moves.iter().map(|&(_, new)| new))
                    .collect();
                candidates.sort_unstable();
                candidates.dedup();
                let n = cadres.len();
                let leaves =
                    proptest::collection::vec((0..n, when(), 0u64..40), 0..3).prop_map(|ls| {
                        ls.into_iter()
                            .map(|(c, from, len)| (c, from, from + chrono::Days::new(len)))
                            .collect::<Vec<_>>()
                    });
                let visits =
                    proptest::collection::vec((0..n, proptest::sample::select(candidates)), 0..60);
                (leaves, visits).prop_map(move |(leaves, visits)| Case {
                    levels: [a.clone(), b.clone(), c.clone()],
                    moves: moves.clone(),
                    cadres: cadres.clone(),
                    leaves,
                    visits,
                })
            })
        }

        fn list(days: &[u32]) -> String {
            let days: Vec<String> = days.iter().map(u32::to_string).collect();
            format!("[{}]", days.join(", "))
        }

        fn write(case: &Case, dir: &std::path::Path) {
            let [city, county, township] = &case.levels;
            let mut config = format!(
                "[workdays]\ncity = {}\ncounty = {}\ntownship = {}\n[workdays.moved]\n",
                list(city),
                list(county),
                list(township)
            );
            for (old, new) in &case.moves {
                writeln!(config, "{old} = {new}").unwrap();
            }
            let levels = ["city", "county", "township"];
            let mut cadres = String::from("id,name,level,points,start,end\n");
            for (i, (level, start, end)) in case.cadres.iter().enumerate() {
                let show = |d: &Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
                let (start, end) = (show(start), show(end));
                writeln!(cadres, "K{i},干部{i},{},4101,{start},{end}", levels[*level]).unwrap();
            }
            let mut leaves = String::from("cadre,from,to\n");
            for (c, from, to) in &case.leaves {
                writeln!(leaves, "K{c},{from},{to}").unwrap();
            }
            let mut visits = String::from("date,cadre,place\n");
            for (c, day) in &case.visits {
                writeln!(visits, "{day},K{c},4101").unwrap();
            }
            let regions = "code,name,level,parent\n41,甲县,county,\n4101,一镇,township,41\n";
            for (file, text) in [
                ("bangcun.toml", config),
                ("regions.csv", regions.to_string()),
                ("cadres.csv", cadres),
                ("leaves.csv", leaves),
                ("visits.csv", visits),
            ] {
                std::fs::write(dir.join(file), text).unwrap();
            }
        }

        /// Due and attended work days in total, and every (cadre, missed
        /// day), of one window.
        fn figures(opened: &fixture::Opened, period: Period) -> (u64, u64, Vec<(u32, Date)>) {
            let ctx = opened.ctx();
            let w = Window::new(period, d(2027, 12, 31), || None).unwrap();
            let total = summary(&ctx, &w, By::County).total;
            let a = Attendance::new(&ctx, &w);
            let missed = (0..opened.data.cadres.len() as u32)
                .filter(|&c| ctx.valid.cadre(CadreId(c)))
                .flat_map(|c| a.missed(&ctx, CadreId(c)).into_iter().map(move |d| (c, d)))
                .collect();
            (total.workdays_due, total.workdays_attended, missed)
        }

        fn together(
            parts: impl IntoIterator<Item = (u64, u64, Vec<(u32, Date)>)>,
        ) -> (u64, u64, Vec<(u32, Date)>) {
            let mut sum = (0, 0, Vec::new());
            for (due, attended, missed) in parts {
                sum.0 += due;
                sum.1 += attended;
                sum.2.extend(missed);
            }
            sum.2.sort_unstable();
            sum
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(128))]
            #[test]
            fn months_and_ranges_add_up_to_the_year(case in case(), split in 0u64..364) {
                let dir = tempfile::tempdir().unwrap();
                write(&case, dir.path());
                let opened = fixture::open(dir.path());
                let mut year = figures(&opened, Period::Year(2026));
                year.2.sort_unstable();
                let months = together((1..=12).map(|m| figures(&opened, Period::Month(d(2026, m, 1)))));
                prop_assert_eq!(&months, &year);
                let cut = d(2026, 1, 1) + chrono::Days::new(split);
                let first = Period::Range { from: Some(d(2026, 1, 1)), to: Some(cut) };
                let rest = Period::Range { from: cut.succ_opt(), to: Some(d(2026, 12, 31)) };
                let ranges = together([figures(&opened, first), figures(&opened, rest)]);
                prop_assert_eq!(&ranges, &year);
            }
        }
    }
}
