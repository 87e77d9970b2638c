//! Periods and the as-of date (docs/reports.md). A report counts flows inside a
//! period and takes stocks at its end, D: the earlier of the period's last
//! day and the as-of date. Without a period, the period runs from the first
//! day of the month of the earliest visit up to D.

use crate::date;
use crate::lang::{Lang, tr};
use crate::model::Date;

/// The period asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    /// Everything up to the as-of date.
    Whole,
    /// A calendar month, given by its first day.
    Month(Date),
    /// A calendar year.
    Year(i32),
    /// From a day to a day, both included; an open end is the earliest
    /// visit's month (start) or the as-of date (end).
    Range {
        from: Option<Date>,
        to: Option<Date>,
    },
}

/// Why a period cannot be used with an as-of date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeriodError {
    /// The period ends before it starts.
    Reversed { from: Date, to: Date },
    /// The period starts after the as-of date: nothing in it exists yet.
    AfterAsOf { from: Date, as_of: Date },
    /// A period without a start, which begins in the month of the
    /// earliest visit, `first`, ends (on `to`) before that month.
    BeforeData { first: Date, to: Date },
}

impl PeriodError {
    /// What is wrong with the period, for the user who asked for it.
    pub fn text(self, lang: Lang) -> String {
        match self {
            PeriodError::Reversed { from, to } => tr!(
                lang,
                "统计期间的结束日期 {to} 早于开始日期 {from}",
                "the period ends ({to}) before it starts ({from})"
            ),
            PeriodError::AfterAsOf { from, as_of } => tr!(
                lang,
                "统计期间从 {from} 开始，晚于数据截至日期 {as_of}；请用 --as-of 指定更晚的日期",
                "the period starts on {from}, after the as-of date {as_of}; give a later --as-of"
            ),
            PeriodError::BeforeData { first, to } => tr!(
                lang,
                "统计期间截至 {to}，早于最早的走访记录（{first}），此前没有数据；请指定更晚的 --to 或 --as-of，或用 --from 指定开始日期",
                "the period ends on {to}, before the earliest visit ({first}), when there is no data yet; give a later --to or --as-of, or a start with --from"
            ),
        }
    }
}

/// The days a computation covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    /// First day of the period.
    pub from: Date,
    /// Last day of the period as asked (D when none was asked).
    pub to: Date,
    /// D: the day stocks are taken; records dated after it do not exist.
    pub as_of: Date,
}

impl Period {
    /// The first and last day the period names, where it names them.
    fn bounds(self) -> (Option<Date>, Option<Date>) {
        match self {
            Period::Whole => (None, None),
            Period::Month(first) => (Some(first), Some(date::month_end(first))),
            Period::Year(year) => (
                Date::from_ymd_opt(year, 1, 1),
                Date::from_ymd_opt(year, 12, 31),
            ),
            Period::Range { from, to } => (from, to),
        }
    }
}

impl Window {
    /// Resolves `period` against the as-of date. `earliest_visit` is asked,
    /// only when the period has no start, for the earliest visit (see
    /// [`super::Ctx::earliest_visit`]): the period starts on the first of
    /// its month, and one that would end before that month is refused
    /// rather than made up of days before the data begins; without any
    /// visit the period starts on the first of D's month.
    pub fn new(
        period: Period,
        as_of: Date,
        earliest_visit: impl FnOnce() -> Option<Date>,
    ) -> Result<Window, PeriodError> {
        let (from, to) = period.bounds();
        if let (Some(from), Some(to)) = (from, to) {
            if to < from {
                return Err(PeriodError::Reversed { from, to });
            }
        }
        let d = to.map_or(as_of, |to| to.min(as_of));
        let from = match from {
            Some(from) => from,
            None => match earliest_visit() {
                Some(first) if date::month_start(first) > d => {
                    return Err(PeriodError::BeforeData { first, to: d });
                }
                Some(first) => date::month_start(first),
                None => date::month_start(d),
            },
        };
        if from > d {
            return Err(PeriodError::AfterAsOf { from, as_of: d });
        }
        Ok(Window {
            from,
            to: to.unwrap_or(d),
            as_of: d,
        })
    }

    /// Whether a flow dated `day` counts: from ≤ day ≤ D.
    pub fn contains(&self, day: Date) -> bool {
        self.from <= day && day <= self.as_of
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::fixture::d;

    fn never() -> impl FnOnce() -> Option<Date> {
        || panic!("the earliest visit is not needed")
    }

    #[test]
    fn a_month_ends_at_the_earlier_of_its_end_and_as_of() {
        let march = Period::Month(d(2026, 3, 1));
        let w = Window::new(march, d(2026, 4, 30), never()).unwrap();
        assert_eq!(
            (w.from, w.to, w.as_of),
            (d(2026, 3, 1), d(2026, 3, 31), d(2026, 3, 31))
        );
        let w = Window::new(march, d(2026, 3, 15), never()).unwrap();
        assert_eq!(
            (w.from, w.to, w.as_of),
            (d(2026, 3, 1), d(2026, 3, 31), d(2026, 3, 15))
        );
        assert!(w.contains(d(2026, 3, 15)));
        assert!(!w.contains(d(2026, 3, 16)));
        assert!(!w.contains(d(2026, 2, 28)));
    }

    #[test]
    fn a_year_and_a_range() {
        let w = Window::new(Period::Year(2026), d(2027, 1, 5), never()).unwrap();
        assert_eq!((w.from, w.as_of), (d(2026, 1, 1), d(2026, 12, 31)));
        let range = Period::Range {
            from: Some(d(2026, 1, 15)),
            to: Some(d(2026, 3, 15)),
        };
        let w = Window::new(range, d(2026, 4, 30), never()).unwrap();
        assert_eq!(
            (w.from, w.to, w.as_of),
            (d(2026, 1, 15), d(2026, 3, 15), d(2026, 3, 15))
        );
    }

    #[test]
    fn without_a_start_the_earliest_visits_month_begins() {
        let w = Window::new(Period::Whole, d(2026, 4, 30), || Some(d(2025, 11, 17))).unwrap();
        assert_eq!(
            (w.from, w.to, w.as_of),
            (d(2025, 11, 1), d(2026, 4, 30), d(2026, 4, 30))
        );
        // No visit at all: D's month.
        let w = Window::new(Period::Whole, d(2026, 4, 30), || None).unwrap();
        assert_eq!(w.from, d(2026, 4, 1));
        // An open start with an end: up to the end.
        let to = |to| Period::Range {
            from: None,
            to: Some(to),
        };
        let w = Window::new(to(d(2026, 2, 10)), d(2026, 4, 30), || Some(d(2026, 1, 5))).unwrap();
        assert_eq!((w.from, w.as_of), (d(2026, 1, 1), d(2026, 2, 10)));
        // An end inside the month of the earliest visit, before the visit
        // itself: that month up to the end.
        let w = Window::new(to(d(2026, 1, 3)), d(2026, 4, 30), || Some(d(2026, 1, 5))).unwrap();
        assert_eq!((w.from, w.as_of), (d(2026, 1, 1), d(2026, 1, 3)));
    }

    #[test]
    fn a_period_without_a_start_that_ends_before_the_data_is_refused() {
        // The earliest visit is 2026-01-10, so an open start is 2026-01-01;
        // --to 2025-11-30 (or --as-of 2025-11-30 alone) would end before
        // it. Before the fix it was made 2025-11-01 … 2025-11-30, a month
        // before the data, with work days due and none attended.
        let to = Period::Range {
            from: None,
            to: Some(d(2025, 11, 30)),
        };
        for (period, as_of) in [(to, d(2026, 4, 30)), (Period::Whole, d(2025, 11, 30))] {
            assert_eq!(
                Window::new(period, as_of, || Some(d(2026, 1, 10))),
                Err(PeriodError::BeforeData {
                    first: d(2026, 1, 10),
                    to: d(2025, 11, 30)
                })
            );
        }
        // With its start given, the period is the user's to choose.
        let given = Period::Range {
            from: Some(d(2025, 11, 1)),
            to: Some(d(2025, 11, 30)),
        };
        assert!(Window::new(given, d(2026, 4, 30), never()).is_ok());
    }

    #[test]
    fn impossible_periods_are_errors() {
        let reversed = Period::Range {
            from: Some(d(2026, 3, 1)),
            to: Some(d(2026, 2, 1)),
        };
        assert_eq!(
            Window::new(reversed, d(2026, 4, 30), never()),
            Err(PeriodError::Reversed {
                from: d(2026, 3, 1),
                to: d(2026, 2, 1)
            })
        );
        let later = Period::Month(d(2026, 5, 1));
        assert_eq!(
            Window::new(later, d(2026, 4, 30), never()),
            Err(PeriodError::AfterAsOf {
                from: d(2026, 5, 1),
                as_of: d(2026, 4, 30)
            })
        );
    }
}
