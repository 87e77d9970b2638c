//! `report monthly`: the summary the office sends its leaders every month,
//! as one typed document — the headline figures against the previous
//! month, the county table of `report summary`, a six-month trend, and the lists
//! that need attention. Every figure comes from [`summary()`] (the
//! trend's from [`problem_totals`], the same counts without the visits)
//! and the report tables; nothing here redefines one.
//! Renderers in `render::report::monthly` write it as Markdown, HTML, xlsx
//! or JSON.

use super::attendance::{self, MissedCadre};
use super::coverage::{self, Gap};
use super::quotas as report_quotas;
use super::ratings;
use super::targets::Judged;
use super::{Listed, Report, problems, summary as county_table};
use crate::date;
use crate::i18n::month_name;
use crate::lang::{Lang, tr};
use crate::metrics::groups::{Group, Grouping, grouped};
use crate::metrics::quotas::{CalPeriod, Compliance, QuotaFigures, in_period_holding};
use crate::metrics::ratings::{latest_rating_year, latest_review_year};
use crate::metrics::{
    By, Ctx, Figures, Period, PeriodError, Window, problem_totals, rate, summary,
    summary_with_attendance,
};
use crate::model::{Date, Region, Source, Year};

/// Which month, as of when: the typed options of `bangcun report monthly`.
#[derive(Clone, Debug, PartialEq)]
pub struct MonthlyRequest {
    /// The month, by its first day; [`default_month`] when absent.
    pub month: Option<Date>,
    /// D; today when absent.
    pub as_of: Option<Date>,
    /// `--below`: list the cadres whose review rate is under it (else
    /// under the target `review_rate`).
    pub below: Option<f64>,
}

/// How many months the trend shows, ending with the summary's month.
pub const TREND_MONTHS: usize = 6;

/// How many rows of a problem list the summary shows people (the most
/// overdue problems, the longest lagging revisits); it holds the lists
/// whole, for the workbook and for programs.
pub const LISTED: usize = 10;

/// The month a summary is for when none is asked: the last complete month
/// by `as_of` — its own month when it is that month's last day, else the
/// month before.
pub fn default_month(as_of: Date) -> Date {
    let month = date::month_start(as_of);
    if as_of == date::month_end(as_of) {
        month
    } else {
        date::add_months(month, -1)
    }
}

/// A headline figure (两率一度 and the work behind them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    RectificationRate,
    IdentificationRate,
    SatisfactionRate,
    AttendanceRate,
    VillageCoverage,
    Visits,
    Forums,
    People,
    NewProblems,
    NewRectified,
}

impl Measure {
    /// The headline, in the order it is shown.
    pub const ALL: [Measure; 10] = [
        Measure::RectificationRate,
        Measure::IdentificationRate,
        Measure::SatisfactionRate,
        Measure::AttendanceRate,
        Measure::VillageCoverage,
        Measure::Visits,
        Measure::Forums,
        Measure::People,
        Measure::NewProblems,
        Measure::NewRectified,
    ];

    /// The stable key in JSON: the summary's key where there is one.
    pub fn key(self) -> &'static str {
        match self {
            Measure::RectificationRate => "rectification_rate",
            Measure::IdentificationRate => "identification_rate",
            Measure::SatisfactionRate => "satisfaction_rate",
            Measure::AttendanceRate => "attendance_rate",
            Measure::VillageCoverage => "village_coverage",
            Measure::Visits => "visits",
            Measure::Forums => "forums",
            Measure::People => "people",
            Measure::NewProblems => "new_problems",
            Measure::NewRectified => "new_rectified",
        }
    }

    /// The figure's name, for people.
    pub fn name(self, lang: Lang) -> &'static str {
        use Measure::*;
        let (zh, en) = match self {
            RectificationRate => ("问题整改率", "Rectification rate"),
            IdentificationRate => ("问题识别率", "Identification rate"),
            SatisfactionRate => ("群众满意度", "Satisfaction"),
            AttendanceRate => ("工作日到岗率", "Work-day attendance"),
            VillageCoverage => ("村覆盖率", "Village coverage"),
            Visits => ("走访次数", "Visits"),
            Forums => ("座谈会场次", "Forums"),
            People => ("走访人次", "Residents visited"),
            NewProblems => ("新发现问题", "New problems"),
            NewRectified => ("新整改问题", "Newly rectified"),
        };
        lang.pick(zh, en)
    }

    /// This figure in a summary's total.
    fn value(self, f: &Figures) -> Figure {
        match self {
            Measure::RectificationRate => Figure::Rate(f.rectification_rate()),
            Measure::IdentificationRate => Figure::Rate(f.identification_rate()),
            Measure::SatisfactionRate => Figure::Rate(f.satisfaction_rate()),
            Measure::AttendanceRate => Figure::Rate(f.attendance_rate()),
            Measure::VillageCoverage => Figure::Rate(rate(f.villages_covered, f.villages)),
            Measure::Visits => Figure::Count(f.visits),
            Measure::Forums => Figure::Count(f.forums),
            Measure::People => Figure::Count(f.people),
            Measure::NewProblems => Figure::Count(f.new_problems),
            Measure::NewRectified => Figure::Count(f.new_rectified),
        }
    }
}

/// A figure: a rate (`None` when undefined) or a count.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Figure {
    Rate(Option<f64>),
    Count(u64),
}

/// One headline figure, this month and the month before: two rates or two
/// counts, as [`Measure::value`] reads them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HeadlineFigure {
    pub measure: Measure,
    pub current: Figure,
    /// `None` when the month before lies before the month of the earliest
    /// valid visit or problem: its figures would be zeros nobody counted,
    /// so there is nothing to compare with, and no change.
    pub previous: Option<Figure>,
}

/// One quota of bangcun.toml among the headline figures: its own period
/// that holds D (the month, the quarter or the year), and the same as of
/// last month's end.
#[derive(Clone, Debug, PartialEq)]
pub struct QuotaHeadline {
    pub name: String,
    pub current: QuotaStand,
    /// `None` when last month lies before the data begins (as for the
    /// other headline figures).
    pub previous: Option<QuotaStand>,
}

/// Where a quota stands as of a day: in its period holding that day, the
/// obligations (a cadre, or a cadre and one of its households) and those
/// met.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct QuotaStand {
    pub period: CalPeriod,
    pub owed: u64,
    pub met: u64,
    /// The period has not ended: `met` is what is met so far, no miss.
    pub in_progress: bool,
}

impl QuotaStand {
    /// met / owed; `None` when nobody owes it.
    pub fn rate(&self) -> Option<f64> {
        rate(self.met, self.owed)
    }

    /// Each quota's stand as of `as_of`, in the order of bangcun.toml,
    /// with its figures (for the list of who missed it).
    fn of_all<'a>(ctx: &Ctx<'a>, as_of: Date) -> Vec<(QuotaStand, QuotaFigures<'a>)> {
        in_period_holding(ctx, as_of)
            .into_iter()
            .map(|q| {
                let period = CalPeriod::holding(q.quota.per, as_of);
                let so_far = Compliance::so_far(&q);
                let stand = QuotaStand {
                    period,
                    owed: so_far.owed,
                    met: so_far.met,
                    in_progress: period.last > as_of,
                };
                (stand, q)
            })
            .collect()
    }
}

/// One month of the trend: flows inside the month, the rate at its end.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TrendMonth {
    /// The month, and D: its last day (or the summary's D, for its month).
    pub window: Window,
    pub new_problems: u64,
    pub new_rectified: u64,
    /// Rectified / problems at D: the stock, not the month's flow.
    pub rectification_rate: Option<f64>,
}

/// The monthly summary, ready to render; its tables borrow text from the
/// dataset.
#[derive(Clone, Debug, PartialEq)]
pub struct Monthly<'a> {
    /// The data folder's `name` (bangcun.toml).
    pub name: String,
    /// The month, and D.
    pub window: Window,
    /// The month before, with D its last day.
    pub previous: Window,
    /// In [`Measure::ALL`] order.
    pub headline: Vec<HeadlineFigure>,
    /// Each `[[quota]]` of bangcun.toml, in its order, after the headline
    /// figures.
    pub quotas: Vec<QuotaHeadline>,
    /// The summary (`report summary`) by county for the month, with its
    /// total, as a table …
    pub counties: Report<'a>,
    /// … and its figures: each county's, by code, and the total's.
    pub county_figures: Vec<(&'a Region, Figures)>,
    pub total: Figures,
    /// Up to [`TREND_MONTHS`] months, oldest first, ending with the month:
    /// those from the month the data begins on.
    pub trend: Vec<TrendMonth>,
    /// The month's problem figures by source (`report summary --by
    /// source`), with its total: the petition row's rectification rate is
    /// the resolution rate of petition items (信访事项化解率).
    pub sources: Report<'a>,
    /// The figures of the petition row of `sources`, for its rate.
    pub petition: Figures,
    /// The month's problem figures by responsible unit, the units with the
    /// most overdue problems first (see [`units_by_overdue`]), with the
    /// total of all units.
    pub units: Report<'a>,
    /// How many units (problems without one counted as one) have an
    /// overdue problem at D: the rows of `units` people are shown, at most
    /// [`LISTED`] of them.
    pub units_overdue: usize,
    /// Every problem overdue at D, most overdue first.
    pub overdue: Listed<'a>,
    /// Cadres who missed a work day in the month, by county, with dates,
    /// as a table …
    pub missed: Report<'a>,
    /// … and as they are listed.
    pub missed_cadres: Vec<MissedCadre<'a>>,
    /// Every rectified problem whose revisit lags at D, longest first.
    pub revisits: Listed<'a>,
    /// Every township and village without an active cadre at D, by
    /// county, as a table …
    pub uncovered: Report<'a>,
    /// … and as they are listed.
    pub gaps: Vec<Gap<'a>>,
    /// Who missed which quota in a period that ended by D within the
    /// month (a month quota's month, a quarter's or a year's last month),
    /// as `report quotas --missing` lists them.
    pub quotas_missed: Report<'a>,
    /// The ratings of the latest year in the data, by county (with their
    /// targets), when it has ratings.
    pub ratings: Option<Report<'a>>,
    /// The cadres below the review threshold in the latest year of
    /// reviews, when the data has reviews and a threshold is set.
    pub reviews_below: Option<Below<'a>>,
    /// The reviews of the latest year in the data, in sum, when it has
    /// reviews.
    pub reviews: Option<ReviewSum>,
    /// Every target of `[targets]` judged: on the month's summary, on the
    /// latest ratings and on the latest reviews.
    pub targets: Vec<Judged<'a>>,
}

/// The reviews of a year in sum: how many cadres were reviewed, and the
/// rate of all their votes together.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReviewSum {
    pub year: Year,
    pub cadres: usize,
    pub rate: Option<f64>,
}

/// The cadres whose review rate is below a threshold (the public notice
/// of the cadres rated low).
#[derive(Clone, Debug, PartialEq)]
pub struct Below<'a> {
    pub threshold: f64,
    pub year: Year,
    /// `report reviews --below`: lowest rate first.
    pub report: Report<'a>,
}

/// Why no summary is made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MonthlyError {
    /// The month starts after D, and the data reaches it.
    Period(PeriodError),
    /// The month holds no visit and no problem found or rectified.
    NoData {
        month: Date,
        /// The first and last month of the data's valid visits and
        /// problems, if it has any.
        covered: Option<(Date, Date)>,
    },
}

impl MonthlyError {
    /// Why no summary is made, for the user who asked for it.
    pub fn text(self, lang: Lang) -> String {
        match self {
            MonthlyError::Period(e) => e.text(lang),
            MonthlyError::NoData { month, covered } => no_data_in_month(month, covered, lang),
        }
    }
}

/// The month asked for holds no visit and no problem.
fn no_data_in_month(month: Date, covered: Option<(Date, Date)>, lang: Lang) -> String {
    let month = month_name(month, lang);
    match covered {
        Some((first, last)) => {
            let (first, last) = (month_name(first, lang), month_name(last, lang));
            tr!(
                lang,
                "{month}没有走访记录，也没有发现或整改的问题，不生成月报；数据中的记录从 {first} 到 {last}",
                "{month} has no visit and no problem found or rectified, so no summary is made; the data runs from {first} to {last}"
            )
        }
        None => tr!(
            lang,
            "{month}没有走访记录，也没有发现或整改的问题，不生成月报；数据中没有任何有效的走访或问题记录",
            "{month} has no visit and no problem found or rectified, so no summary is made; the data holds no valid visit or problem at all"
        ),
    }
}

impl From<PeriodError> for MonthlyError {
    fn from(e: PeriodError) -> Self {
        MonthlyError::Period(e)
    }
}

/// Computes the summary of `month` (its first day) as of `as_of`.
pub fn build<'a>(
    ctx: &Ctx<'a>,
    month: Date,
    as_of: Date,
    lang: Lang,
) -> Result<Monthly<'a>, MonthlyError> {
    let window_of = |first: Date| Window::new(Period::Month(first), as_of, || None);
    let window = window_of(month).map_err(|e| {
        // A month after D: if the data reaches it, a later D would show
        // it (the period's message says so); if not, there is nothing.
        let covered = data_months(ctx);
        match covered {
            Some((first, last)) if first <= month && month <= last => MonthlyError::Period(e),
            _ => MonthlyError::NoData { month, covered },
        }
    })?;
    // The month's summary, and its attendance for the list of misses.
    let (current, attendance) = summary_with_attendance(ctx, &window, By::County);
    let t = &current.total;
    if t.visits == 0 && t.new_problems == 0 && t.new_rectified == 0 {
        return Err(MonthlyError::NoData {
            month,
            covered: data_months(ctx),
        });
    }
    // The data begins in the month of its earliest visit or problem; a
    // month before that has no figures, only zeros nobody counted.
    let first = data_months(ctx).map_or(month, |(first, _)| first);
    // The month before, whole, for the headline.
    let previous = window_of(date::add_months(month, -1))?;
    let previous_has_data = previous.from >= first;
    let before = summary(ctx, &previous, By::County).total;

    // The months of the trend from the month the data begins on, each with
    // its own window and D = its last day (they end before the month
    // starts, so before D); only their problem figures are needed, without
    // a pass over the visits. The last two are the month and the month
    // before, whose totals hold them already.
    let mut trend = Vec::with_capacity(TREND_MONTHS);
    for back in (0..TREND_MONTHS as i32).rev() {
        let first_day = date::add_months(month, -back);
        if first_day < first {
            continue;
        }
        let w = window_of(first_day)?;
        let f = match back {
            0 => current.total,
            1 => before,
            _ => problem_totals(ctx, &w),
        };
        trend.push(TrendMonth {
            window: w,
            new_problems: f.new_problems,
            new_rectified: f.new_rectified,
            rectification_rate: f.rectification_rate(),
        });
    }
    let headline = Measure::ALL
        .iter()
        .map(|&measure| HeadlineFigure {
            measure,
            current: measure.value(&current.total),
            previous: previous_has_data.then(|| measure.value(&before)),
        })
        .collect();

    // Each quota in its own period holding D, and as of last month's end.
    let now = QuotaStand::of_all(ctx, window.as_of);
    let then = if previous_has_data {
        QuotaStand::of_all(ctx, previous.as_of)
    } else {
        Vec::new()
    };
    let quotas = now
        .iter()
        .map(|(stand, q)| QuotaHeadline {
            name: q.quota.name.clone(),
            current: *stand,
            previous: then
                .iter()
                .find(|(_, p)| p.index == q.index)
                .map(|(stand, _)| *stand),
        })
        .collect();
    let ended: Vec<QuotaFigures> = now
        .into_iter()
        .filter(|(stand, _)| !stand.in_progress)
        .map(|(_, q)| q)
        .collect();
    let quotas_missed = report_quotas::missed_of(ctx, &window, &ended, None, lang);

    let missed_cadres = attendance::missed_cadres(ctx, &window, &attendance);
    let gaps = coverage::gaps(ctx, &window, None);
    let counties = county_table::of_summary(ctx, &window, By::County, &current, lang);
    let ratings =
        latest_rating_year(ctx, as_of).map(|year| ratings::build(ctx, year, By::County, lang));
    let reviews_year = latest_review_year(ctx, as_of);
    let mut targets = counties.targets.clone();
    targets.extend(ratings.iter().flat_map(|r| r.targets.iter().cloned()));
    let mut reviews = None;
    if let Some(year) = reviews_year {
        let all = crate::metrics::reviews(ctx, year, None);
        targets.extend(ratings::judge_reviews(ctx, &all));
        reviews = Some(ReviewSum {
            year,
            cadres: all.len(),
            rate: crate::metrics::review_rate(&all),
        });
    }
    let (units, units_overdue) = units_by_overdue(ctx, &window, lang);
    let sources = grouped(ctx, &window, Grouping::Source);
    let petition = sources
        .rows
        .iter()
        .find(|(g, _)| *g == Group::Source(Source::Petition))
        .map_or_else(Figures::default, |(_, f)| *f);
    let mut monthly = Monthly {
        name: ctx.config.name.to_string(),
        window,
        previous,
        headline,
        quotas,
        counties,
        county_figures: current
            .rows
            .iter()
            .map(|&(county, figures)| (ctx.data.region(county), figures))
            .collect(),
        total: current.total,
        trend,
        sources: county_table::of_grouped(ctx, &window, Grouping::Source, &sources, lang),
        petition,
        units,
        units_overdue,
        overdue: problems::overdue(ctx, &window, None, None, lang),
        missed: attendance::missed_by_cadre(ctx, &window, &missed_cadres, lang),
        missed_cadres,
        revisits: problems::revisits(ctx, &window, None, None, lang),
        uncovered: coverage::of_gaps(ctx, &window, &gaps, lang),
        gaps,
        quotas_missed,
        ratings,
        reviews_below: None,
        reviews,
        targets,
    };
    monthly.list_reviews_below(ctx, None, lang);
    Ok(monthly)
}

impl<'a> Monthly<'a> {
    /// Lists the cadres below `below` (`--below`), else below the target
    /// `review_rate`, in the latest year of reviews; none without a
    /// threshold or reviews.
    pub fn list_reviews_below(&mut self, ctx: &Ctx<'a>, below: Option<f64>, lang: Lang) {
        self.reviews_below = (|| {
            let threshold = ratings::review_threshold(ctx, below)?;
            let year = latest_review_year(ctx, self.window.as_of)?;
            Some(Below {
                threshold,
                year,
                report: ratings::reviews(ctx, year, Some(threshold), lang),
            })
        })();
    }
}

/// The problem figures by responsible unit, ranked for the leaders who
/// chase them: most overdue problems first, then most problems, then by
/// name (problems without a unit, a row of their own, among them); and
/// how many of them have an overdue problem.
pub fn units_by_overdue<'a>(ctx: &Ctx<'a>, window: &Window, lang: Lang) -> (Report<'a>, usize) {
    let mut g = grouped(ctx, window, Grouping::Unit);
    g.rows.sort_by(|(a, fa), (b, fb)| {
        (fb.overdue, fb.problems)
            .cmp(&(fa.overdue, fa.problems))
            .then_with(|| (*a == Group::NoUnit, a.key()).cmp(&(*b == Group::NoUnit, b.key())))
    });
    let with_overdue = g.rows.iter().filter(|(_, f)| f.overdue > 0).count();
    let report = county_table::of_grouped(ctx, window, Grouping::Unit, &g, lang);
    (report, with_overdue)
}

/// The first and last month holding a valid visit, or a valid problem's
/// finding or rectification: what the data covers, for a month without
/// any.
fn data_months(ctx: &Ctx) -> Option<(Date, Date)> {
    let visits = ctx
        .data
        .visits
        .iter()
        .filter(|v| ctx.valid.record(*v))
        .map(|v| v.date);
    let problems = ctx
        .data
        .problems
        .iter()
        .filter(|p| ctx.valid.record(*p))
        .flat_map(|p| [Some(p.found), p.rectified])
        .flatten();
    let (first, last) =
        visits
            .chain(problems)
            .fold((None, None), |(lo, hi): (Option<Date>, Option<Date>), d| {
                (
                    Some(lo.map_or(d, |lo| lo.min(d))),
                    Some(hi.map_or(d, |hi| hi.max(d))),
                )
            });
    Some((date::month_start(first?), date::month_start(last?)))
}

#[cfg(test)]
mod tests {
    //! Over `tests/fixtures/reports` (see `metrics::summary`'s tests for
    //! the records): its visits run from 2026-01-05 to 2026-04-10, its
    //! problems from P5 (found 2025-12-01, rectified 2025-12-20) to P4
    //! (found 2026-05-01).
    use super::*;
    use crate::metrics::fixture::{self, d};
    use crate::report::Cell;

    #[test]
    fn the_default_month_is_the_last_complete_one() {
        assert_eq!(default_month(d(2026, 11, 5)), d(2026, 10, 1));
        assert_eq!(default_month(d(2026, 10, 30)), d(2026, 9, 1));
        assert_eq!(default_month(d(2026, 10, 31)), d(2026, 10, 1));
        assert_eq!(default_month(d(2026, 1, 1)), d(2025, 12, 1));
        assert_eq!(default_month(d(2024, 2, 29)), d(2024, 2, 1));
    }

    #[test]
    fn march_against_february() {
        let opened = fixture::reports();
        let ctx = opened.ctx();
        let m = build(&ctx, d(2026, 3, 1), d(2026, 4, 30), Lang::Zh).unwrap();
        assert_eq!(
            (m.window.from, m.window.as_of),
            (d(2026, 3, 1), d(2026, 3, 31))
        );
        assert_eq!(
            (m.previous.from, m.previous.as_of),
            (d(2026, 2, 1), d(2026, 2, 28))
        );
        let figure = |measure| {
            let h = m.headline.iter().find(|h| h.measure == measure).unwrap();
            (h.current, h.previous.expect("February holds data"))
        };
        // March, D = 03-31: problems found ≤ D are P1 P2 P3 P5 P6 P7 (P4
        // is found 05-01), rectified P1 P3 P5 P6 → 4/6. February (see
        // `one_month_with_a_moved_work_day`): P1 P5 of P1 P2 P5 P6 → 2/4.
        assert_eq!(
            figure(Measure::RectificationRate),
            (Figure::Rate(Some(4.0 / 6.0)), Figure::Rate(Some(0.5)))
        );
        // New in March: P3 (03-01), P7 (03-20); rectified in March: P3
        // (03-20), P6 (03-05). February: P2, P6 new; P1 rectified.
        assert_eq!(
            figure(Measure::NewProblems),
            (Figure::Count(2), Figure::Count(2))
        );
        assert_eq!(
            figure(Measure::NewRectified),
            (Figure::Count(2), Figure::Count(1))
        );
        // March visits: 03-05, 03-10, 03-19 (甲县); February: 02-10,
        // 02-20, 02-24.
        assert_eq!(
            figure(Measure::Visits),
            (Figure::Count(3), Figure::Count(3))
        );
        // Work days in March: K1's 03-10 is on leave; K2's 03-20 missed
        // (it came 03-19); K3 ended 03-10, before its 03-20 → 0/1.
        // February: 2/3 (K3 missed the moved 02-24).
        assert_eq!(
            figure(Measure::AttendanceRate),
            (Figure::Rate(Some(0.0)), Figure::Rate(Some(2.0 / 3.0)))
        );
        // Villages covered at 03-31: 一村 (K1), 二村 (K2) of 4; at 02-28
        // the same two.
        assert_eq!(
            figure(Measure::VillageCoverage),
            (Figure::Rate(Some(0.5)), Figure::Rate(Some(0.5)))
        );

        // The trend: six months back would be October 2025, but the data
        // begins in December (P5 found 12-01): December 2025 to March
        // 2026, each month's flows and the stock at its end.
        let months: Vec<Date> = m.trend.iter().map(|t| t.window.from).collect();
        assert_eq!(
            months,
            [d(2025, 12, 1), d(2026, 1, 1), d(2026, 2, 1), d(2026, 3, 1)]
        );
        let flows: Vec<(u64, u64, Option<f64>)> = m
            .trend
            .iter()
            .map(|t| (t.new_problems, t.new_rectified, t.rectification_rate))
            .collect();
        assert_eq!(
            flows,
            [
                // P5 found 12-01 and rectified 12-20.
                (1, 1, Some(1.0)),
                // P1 found 01-05 (rectified 02-10): 1 of 2.
                (1, 0, Some(0.5)),
                (2, 1, Some(0.5)),
                (2, 2, Some(4.0 / 6.0)),
            ]
        );

        // Overdue at 03-31: P2 (deadline 02-08, 51 days), P7 not yet
        // (deadline 04-19); P3 was rectified 03-20.
        assert_eq!(m.overdue.count, 1);
        assert_eq!(m.overdue.report.rows[0][0], Cell::Text("P2".into()));
        // K2 missed 03-20.
        assert_eq!(m.missed.rows.len(), 1);
        assert_eq!(m.missed.rows[0][0], Cell::Text("K2".into()));
        assert_eq!(
            m.missed.rows[0].last(),
            Some(&Cell::Dates(vec![d(2026, 3, 20)]))
        );
        // Revisits lag at 03-31 (cut 03-16): P5 and P6 (03-05); P3 (03-20)
        // not yet.
        assert_eq!((m.revisits.report.rows.len(), m.revisits.count), (2, 2));
        // The county table is the summary's.
        assert_eq!(m.counties.rows.len(), 3);
    }

    #[test]
    fn march_by_source_and_by_unit() {
        let opened = fixture::reports();
        let ctx = opened.ctx();
        let m = build(&ctx, d(2026, 3, 1), d(2026, 4, 30), Lang::Zh).unwrap();
        // D = 03-31: found by D P1 P2 P3 P5 P6 P7 (P4 is found 05-01).
        // Petition: P5 (rectified 2025-12-20) and P7 (found 03-20, not
        // rectified, deadline 04-19 not passed) → 1 of 2 resolved: the
        // resolution rate of petition items is 50%.
        assert_eq!((m.petition.problems, m.petition.rectified), (2, 1));
        assert_eq!(m.petition.rectification_rate(), Some(0.5));
        // The table by source: cadre (P1, P6, both rectified), inspection
        // (P2 overdue, P3 rectified 03-20), petition; and the total 6/4.
        let key = |r: &Report, row: usize| match &r.rows[row][0] {
            Cell::Text(t) => t.to_string(),
            other => panic!("{other:?}"),
        };
        let col = |r: &Report, k: &str| r.columns.iter().position(|c| c.key == k).unwrap();
        let src = &m.sources;
        let (problems, rectified) = (col(src, "problems"), col(src, "rectified"));
        let figures: Vec<(String, Cell, Cell)> = (0..src.rows.len())
            .map(|i| {
                let row = &src.rows[i];
                (key(src, i), row[problems].clone(), row[rectified].clone())
            })
            .collect();
        assert_eq!(
            figures,
            [
                ("cadre".into(), Cell::Int(2), Cell::Int(2)),
                ("inspection".into(), Cell::Int(2), Cell::Int(1)),
                ("petition".into(), Cell::Int(2), Cell::Int(1)),
            ]
        );
        let total = src.total.as_ref().unwrap();
        assert_eq!(
            (&total[problems], &total[rectified]),
            (&Cell::Int(6), &Cell::Int(4))
        );
        // By unit, most overdue first: 一镇人民政府 (P2, overdue since
        // 02-08 = found 02-01 + 7 days for 安全生产); then none overdue, most
        // problems first: 二镇人民政府 (P3, P6); then one problem each, by
        // name: 乙县信访局 (U+4E59) before 甲县… (U+7532), 交 (U+4EA4)
        // before 民 (U+6C11). Only the first has an overdue problem.
        let units: Vec<String> = (0..m.units.rows.len()).map(|i| key(&m.units, i)).collect();
        assert_eq!(
            units,
            [
                "一镇人民政府",
                "二镇人民政府",
                "乙县信访局",
                "甲县交通运输局",
                "甲县民政局"
            ]
        );
        let overdue = col(&m.units, "overdue");
        assert_eq!(m.units.rows[0][overdue], Cell::Int(1));
        assert_eq!(m.units_overdue, 1);
    }

    #[test]
    fn the_first_month_has_nothing_to_compare_with() {
        let opened = fixture::reports();
        let ctx = opened.ctx();
        // The data begins in December 2025 (P5 found 12-01, rectified
        // 12-20; the first visit is 2026-01-05). November lies before it.
        let m = build(&ctx, d(2025, 12, 1), d(2026, 4, 30), Lang::Zh).unwrap();
        assert_eq!(m.previous.from, d(2025, 11, 1));
        // No headline figure has a month before, whatever it is: rates
        // (November's coverage would read 50%, its rectification rate
        // nothing) and counts (November's 0 visits) alike.
        for h in &m.headline {
            assert_eq!(h.previous, None, "{:?}", h.measure);
        }
        // December's own figures are there: 1 found, 1 rectified → 100%.
        let rate = m
            .headline
            .iter()
            .find(|h| h.measure == Measure::RectificationRate);
        assert_eq!(rate.unwrap().current, Figure::Rate(Some(1.0)));
        // The trend is December alone: the five months before it are left
        // out, not shown as zeros.
        let trend: Vec<(Date, u64, u64)> = m
            .trend
            .iter()
            .map(|t| (t.window.from, t.new_problems, t.new_rectified))
            .collect();
        assert_eq!(trend, [(d(2025, 12, 1), 1, 1)]);

        // January: December holds data, so January has a month before.
        let m = build(&ctx, d(2026, 1, 1), d(2026, 4, 30), Lang::Zh).unwrap();
        assert!(m.headline.iter().all(|h| h.previous.is_some()));
        assert_eq!(m.trend.len(), 2);
    }

    #[test]
    fn a_month_without_data_is_an_error() {
        let opened = fixture::reports();
        let ctx = opened.ctx();
        // Visits run to 04-10 and P4 is found 05-01: June holds nothing.
        let err = build(&ctx, d(2026, 6, 1), d(2026, 12, 31), Lang::Zh).unwrap_err();
        assert_eq!(
            err,
            MonthlyError::NoData {
                month: d(2026, 6, 1),
                covered: Some((d(2025, 12, 1), d(2026, 5, 1)))
            }
        );
        // May holds P4's finding: a summary.
        assert!(build(&ctx, d(2026, 5, 1), d(2026, 12, 31), Lang::Zh).is_ok());
        // A month after D that the data reaches is a period error (a
        // later D would show it); one the data does not reach has no data.
        assert!(matches!(
            build(&ctx, d(2026, 5, 1), d(2026, 4, 30), Lang::Zh),
            Err(MonthlyError::Period(PeriodError::AfterAsOf { .. }))
        ));
        assert!(matches!(
            build(&ctx, d(2030, 1, 1), d(2026, 4, 30), Lang::Zh),
            Err(MonthlyError::NoData { .. })
        ));
    }
}
