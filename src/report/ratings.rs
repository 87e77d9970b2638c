//! `report ratings` and `report reviews`: the ratings of a year per county
//! (or township) and in total, with the keys of docs/reports.md; the
//! reviews of a year per cadre, lowest rate first. Each carries the
//! targets judged on its figures.

use std::borrow::Cow;

use super::targets::{self, Judged, Who};
use super::{Cell, Column, Report, county_cells};
use crate::i18n::{self, Heading, ReportName};
use crate::lang::Lang;
use crate::metrics::{By, Ctx, RatingFigures, Reviewed, Window, ratings};
use crate::model::{Enumeration, Year};
use crate::targets::Goal;

/// How a column's cell is read from a row's figures.
type Read = fn(&RatingFigures) -> Cell<'static>;

/// The columns after the row's names, in the order of docs/reports.md.
const FIGURES: [(&str, Heading, Read); 12] = [
    ("villages", Heading::Villages, |f| Cell::count(f.villages)),
    ("rated", Heading::Rated, |f| Cell::count(f.rated)),
    ("five_star", Heading::FiveStar, |f| {
        Cell::count(f.with_stars(5))
    }),
    ("four_star", Heading::FourStar, |f| {
        Cell::count(f.with_stars(4))
    }),
    ("three_star", Heading::ThreeStar, |f| {
        Cell::count(f.with_stars(3))
    }),
    ("two_star", Heading::TwoStar, |f| {
        Cell::count(f.with_stars(2))
    }),
    ("one_star", Heading::OneStar, |f| {
        Cell::count(f.with_stars(1))
    }),
    ("stars3_rate", Heading::Stars3Rate, |f| {
        Cell::Rate(f.stars3_rate())
    }),
    ("weak", Heading::Weak, |f| Cell::count(f.weak)),
    ("sanling_assessed", Heading::SanlingAssessed, |f| {
        Cell::count(f.sanling_assessed)
    }),
    ("sanling_met", Heading::SanlingMet, |f| {
        Cell::count(f.sanling_met)
    }),
    ("sanling_rate", Heading::SanlingRate, |f| {
        Cell::Rate(f.sanling_rate())
    }),
];

/// The window of a year's report: the year, as of its last day (ratings
/// and reviews are kept by year, not by day).
pub fn year_window(year: Year) -> Window {
    let y = i32::from(year.0);
    let day = |m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
    Window {
        from: day(1, 1),
        to: day(12, 31),
        as_of: day(12, 31),
    }
}

/// `report ratings --year Y [--by township]`, with the targets on its
/// figures.
pub fn build<'a>(ctx: &Ctx<'a>, year: Year, by: By, lang: Lang) -> Report<'a> {
    let r = ratings(ctx, year, by);
    let mut columns = vec![
        Column::machines("county_code", Heading::CountyCode),
        Column::all("county", Heading::County),
    ];
    if by == By::Township {
        columns.push(Column::machines("township_code", Heading::TownshipCode));
        columns.push(Column::all("township", Heading::Township));
    }
    columns.extend(FIGURES.map(|(key, heading, _)| Column::all(key, heading)));
    let rows = r
        .rows
        .iter()
        .map(|(unit, f)| {
            let mut row = Vec::from(county_cells(ctx, *unit));
            if by == By::Township {
                let t = ctx.data.region(*unit);
                row.push(Cell::text(&t.code));
                row.push(Cell::text(&t.name));
            }
            row.extend(FIGURES.map(|(_, _, cell)| cell(f)));
            row
        })
        .collect();
    let mut total = vec![Cell::Empty, Cell::text(i18n::total_label(lang))];
    if by == By::Township {
        total.extend([Cell::Empty, Cell::Empty]);
    }
    total.extend(FIGURES.map(|(_, _, cell)| cell(&r.total)));
    let name = match by {
        By::County => ReportName::RatingsByCounty,
        By::Township => ReportName::RatingsByTownship,
    };
    let mut report = Report {
        name,
        title: year_title(ctx, name, year, lang),
        window: year_window(year),
        year: Some(year),
        columns,
        rows,
        total: Some(total),
        targets: Vec::new(),
    };
    report.targets = targets::judge_by(&report, &ctx.config.targets, by);
    report
}

/// The title of a year's report: 许昌市联乡帮村 2022年度 五星支部评星….
fn year_title(ctx: &Ctx, name: ReportName, year: Year, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{} {year}年度{}", ctx.config.name, name.title(lang)),
        Lang::En => format!("{} {} {year}", ctx.config.name, name.title(lang)),
    }
}

/// The columns of `report reviews`, in the order of docs/reports.md (the
/// county's name for people only).
const REVIEW_COLUMNS: [Column; 10] = [
    Column::all("cadre", Heading::CadreId),
    Column::all("name", Heading::Name),
    Column::all("level", Heading::CadreLevel),
    Column::all("unit", Heading::CadreUnit),
    Column::machines("county_code", Heading::CountyCode),
    Column::people("county", Heading::County),
    Column::all("satisfied", Heading::Satisfied),
    Column::all("basic", Heading::Basic),
    Column::all("unsatisfied", Heading::Unsatisfied),
    Column::all("rate", Heading::ReviewRate),
];

/// `report reviews --year Y [--below RATE]`: one row per cadre reviewed
/// (below the threshold, with one), lowest rate first. `threshold` is
/// `--below`, else the target `review_rate`; the target, when set, is
/// judged on every review of the year.
pub fn reviews<'a>(ctx: &Ctx<'a>, year: Year, below: Option<f64>, lang: Lang) -> Report<'a> {
    let all = crate::metrics::reviews(ctx, year, None);
    let listed: Vec<&Reviewed> = all
        .iter()
        .filter(|r| below.is_none_or(|t| r.rate().is_some_and(|rate| rate < t)))
        .collect();
    let rows = listed.iter().map(|r| review_cells(ctx, r, lang)).collect();
    Report {
        name: ReportName::Reviews,
        title: year_title(ctx, ReportName::Reviews, year, lang),
        window: year_window(year),
        year: Some(year),
        columns: REVIEW_COLUMNS.to_vec(),
        rows,
        total: None,
        targets: judge_reviews(ctx, &all).into_iter().collect(),
    }
}

/// The cells of one review.
fn review_cells<'a>(ctx: &Ctx<'a>, r: &Reviewed<'a>, lang: Lang) -> Vec<Cell<'a>> {
    let c = ctx.data.cadre(r.cadre);
    let [county_code, county] = match ctx.cadre_county(r.cadre) {
        Some(county) => county_cells(ctx, county),
        None => [Cell::Empty, Cell::Empty],
    };
    let v = r.review;
    vec![
        Cell::text(&c.id),
        Cell::text(&c.name),
        Cell::Word {
            key: c.level.english(),
            label: c.level.word(lang),
        },
        Cell::optional(c.unit.as_deref()),
        county_code,
        county,
        Cell::count(u64::from(v.satisfied)),
        Cell::count(u64::from(v.basic)),
        Cell::count(u64::from(v.unsatisfied)),
        Cell::Rate(r.rate()),
    ]
}

/// The target `review_rate`, when set, judged on the reviews of a year:
/// every cadre's rate should reach it, so its value is the lowest rate,
/// met when no cadre is below the target, missed by the cadres below it.
pub fn judge_reviews<'a>(ctx: &Ctx<'a>, reviews: &[Reviewed<'a>]) -> Option<Judged<'a>> {
    let target = ctx
        .config
        .targets
        .iter()
        .find(|t| t.figure == "review_rate")?;
    let missing: Vec<(Cow<'a, str>, Cow<'a, str>)> = reviews
        .iter()
        .filter(|r| r.rate().is_some_and(|rate| !target.goal.met(rate)))
        .map(|r| {
            let c = ctx.data.cadre(r.cadre);
            (Cow::Borrowed(&*c.id), Cow::Borrowed(&*c.name))
        })
        .collect();
    let lowest = reviews.iter().filter_map(Reviewed::rate).reduce(f64::min);
    Some(Judged {
        target,
        heading: Heading::LowestReviewRate,
        value: lowest,
        met: lowest.map(|v| target.goal.met(v)),
        who: Who::Cadres,
        missing,
    })
}

/// The threshold cadres are listed below: `--below`, else the target
/// `review_rate` (at least).
pub fn review_threshold(ctx: &Ctx, below: Option<f64>) -> Option<f64> {
    below.or_else(|| {
        ctx.config
            .targets
            .iter()
            .find(|t| t.figure == "review_rate")
            .and_then(|t| match t.goal {
                Goal::AtLeast(b) => Some(b),
                Goal::AtMost(_) => None,
            })
    })
}
