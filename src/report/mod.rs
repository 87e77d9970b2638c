//! Reports as typed tables: each report module turns metric results into a
//! [`Report`] — columns with a stable English key and a heading from the
//! catalog, rows of typed cells — which any renderer in `render` can write.
//! Nothing here computes figures (that is `metrics`) or formats them.

pub mod attendance;
pub mod coverage;
pub mod monthly;
pub mod notice;
pub mod problems;
pub mod quotas;
pub mod ratings;
pub mod summary;
pub mod targets;

use std::borrow::Cow;

use crate::i18n::{Heading, ReportName};
use crate::lang::Lang;
use crate::metrics::{By, Ctx, Period, Window};
use crate::model::{Date, RegionId, RegionLevel, Year};

/// Which report over which days: the typed options of `bangcun report`
/// (where it goes, and in which format, is the command's business).
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    pub which: Which,
    pub period: Period,
    /// D; today when absent.
    pub as_of: Option<Date>,
    /// `--county`: a county code or name, for the listings.
    pub county: Option<String>,
    /// The other filters of `report problems` (its county is `county`,
    /// resolved by the command).
    pub filter: crate::metrics::problems::Filter,
    /// `report problems --split`.
    pub split: Option<problems::Split>,
    /// `--quota`: the name of a quota, for `report quotas`.
    pub quota: Option<String>,
}

/// Which report.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Which {
    Summary(By),
    Overdue,
    Revisits,
    Attendance,
    /// `attendance --missing`: one row per missed (cadre, work day).
    MissedWorkdays,
    Coverage,
    /// `report problems`: the ledger as `Request::filter` cuts it.
    Problems,
    /// `report summary --by category|source|unit|level`.
    SummaryByGroup(crate::metrics::groups::Grouping),
    /// `report quotas`: one row per cadre and quota.
    Quotas,
    /// `quotas --missing`: one row per missed (cadre, quota, period, household).
    MissedQuotas,
    /// `report ratings`: the year (the latest in the data when `None`).
    Ratings {
        by: By,
        year: Option<Year>,
    },
    /// `report reviews`: the year (the latest when `None`), and `--below`.
    Reviews {
        year: Option<Year>,
        below: Option<f64>,
    },
}

impl Which {
    /// The report with its year filled in: the latest year of ratings (or
    /// reviews) in the data up to the year of `as_of`, when none is asked; `None` when a report of
    /// a year is asked and the data has none.
    pub fn with_year(self, ctx: &Ctx, as_of: Date) -> Option<Which> {
        use crate::metrics::ratings::{latest_rating_year, latest_review_year};
        Some(match self {
            Which::Ratings { by, year: None } => Which::Ratings {
                by,
                year: Some(latest_rating_year(ctx, as_of)?),
            },
            Which::Reviews { year: None, below } => Which::Reviews {
                year: Some(latest_review_year(ctx, as_of)?),
                below,
            },
            which => which,
        })
    }
}

/// A report ready to render; its cells borrow text from the dataset.
#[derive(Clone, Debug, PartialEq)]
pub struct Report<'a> {
    /// Which report this is.
    pub name: ReportName,
    /// For people: the data folder's name and the report's.
    pub title: String,
    pub window: Window,
    pub columns: Vec<Column>,
    /// Each row has one cell per column, in column order.
    pub rows: Vec<Vec<Cell<'a>>>,
    /// The total row, for reports that have one.
    pub total: Option<Vec<Cell<'a>>>,
    /// For a report of a year (ratings, reviews): the year, which its
    /// heading and JSON name instead of the period.
    pub year: Option<Year>,
    /// The targets of `[targets]` on its figures, judged.
    pub targets: Vec<targets::Judged<'a>>,
}

/// A listing as a summary holds a long one: its first rows, and how many
/// rows the whole listing has.
#[derive(Clone, Debug, PartialEq)]
pub struct Listed<'a> {
    pub report: Report<'a>,
    /// More than `report.rows` when the listing is cut.
    pub count: usize,
}

/// Who a column is for: codes for programs, names for people.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    All,
    /// Table and Markdown only.
    People,
    /// CSV and JSON only.
    Machines,
}

/// A column of a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    /// The stable key in CSV headers and JSON objects (docs/reports.md).
    pub key: &'static str,
    pub heading: Heading,
    pub audience: Audience,
}

impl Column {
    const fn all(key: &'static str, heading: Heading) -> Column {
        Column {
            key,
            heading,
            audience: Audience::All,
        }
    }

    const fn people(key: &'static str, heading: Heading) -> Column {
        Column {
            key,
            heading,
            audience: Audience::People,
        }
    }

    const fn machines(key: &'static str, heading: Heading) -> Column {
        Column {
            key,
            heading,
            audience: Audience::Machines,
        }
    }

    /// Whether the column is shown to people (`true`) or to programs.
    pub fn shown_to(&self, people: bool) -> bool {
        match self.audience {
            Audience::All => true,
            Audience::People => people,
            Audience::Machines => !people,
        }
    }
}

/// A typed cell; each renderer decides how it looks.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell<'a> {
    /// No value: empty, or `null` in JSON.
    Empty,
    Text(Cow<'a, str>),
    Int(i64),
    Date(Date),
    Dates(Vec<Date>),
    /// A fraction; `None` when undefined (empty denominator).
    Rate(Option<f64>),
    /// An enumeration value: a stable key for programs, a label for people.
    Word {
        key: &'static str,
        label: &'static str,
    },
}

impl<'a> Cell<'a> {
    fn count(n: u64) -> Cell<'a> {
        Cell::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }

    fn text(s: &'a str) -> Cell<'a> {
        Cell::Text(Cow::Borrowed(s))
    }

    fn optional(s: Option<&'a str>) -> Cell<'a> {
        s.map_or(Cell::Empty, Cell::text)
    }
}

/// The title of report `name` over the data of `ctx`.
fn title(ctx: &Ctx, name: ReportName, lang: Lang) -> String {
    format!("{} {}", ctx.config.name, name.title(lang))
}

/// A place as people name it: a village with its township (五女店镇胡庄村),
/// a township or county alone.
fn place_name(ctx: &Ctx, place: RegionId) -> String {
    let region = ctx.data.region(place);
    match (
        region.level,
        ctx.index.township.get(place.0 as usize).copied().flatten(),
    ) {
        (RegionLevel::Village, Some(township)) => {
            format!("{}{}", ctx.data.region(township).name, region.name)
        }
        _ => region.name.to_string(),
    }
}

/// The county code and name cells of a region's county.
fn county_cells<'a>(ctx: &Ctx<'a>, region: RegionId) -> [Cell<'a>; 2] {
    match ctx.index.county_of(region) {
        Some(c) => {
            let county = ctx.data.region(c);
            [Cell::text(&county.code), Cell::text(&county.name)]
        }
        None => [Cell::Empty, Cell::Empty],
    }
}

/// The valid county `--county` names, by code or name.
pub fn find_county(ctx: &Ctx, text: &str) -> Option<RegionId> {
    let text = text.trim();
    let counties = || {
        (0..ctx.data.regions.len() as u32)
            .map(RegionId)
            .filter(|&id| ctx.data.region(id).level == RegionLevel::County && ctx.valid.region(id))
    };
    counties()
        .find(|&id| *ctx.data.region(id).code == *text)
        .or_else(|| counties().find(|&id| *ctx.data.region(id).name == *text))
}

/// Builds the report asked for. `county` limits the listings to one
/// county, `quota` the quota reports to one quota; `ledger` filters
/// `report problems`.
pub fn build<'a>(
    ctx: &Ctx<'a>,
    (which, ledger): (Which, &crate::metrics::problems::Filter),
    window: &Window,
    county: Option<RegionId>,
    quota: Option<&str>,
    lang: Lang,
) -> Report<'a> {
    let filter = quotas::Filter { quota, county };
    match which {
        Which::Problems => {
            let filter = crate::metrics::problems::Filter {
                county,
                ..ledger.clone()
            };
            problems::ledger(ctx, window, &filter, lang)
        }
        Which::Quotas => quotas::per_cadre(ctx, window, filter, lang),
        Which::MissedQuotas => quotas::missed(ctx, window, filter, lang),
        Which::Summary(by) => summary::build(ctx, window, by, lang),
        Which::SummaryByGroup(by) => summary::by_group(ctx, window, by, lang),
        Which::Overdue => problems::overdue(ctx, window, county, None, lang).report,
        Which::Revisits => problems::revisits(ctx, window, county, None, lang).report,
        Which::Attendance => attendance::per_cadre(ctx, window, county, lang),
        Which::MissedWorkdays => attendance::missed(ctx, window, county, lang),
        Which::Coverage => coverage::build(ctx, window, county, lang),
        Which::Ratings { by, year } => ratings::build(ctx, year.unwrap_or_default(), by, lang),
        Which::Reviews { year, below } => {
            ratings::reviews(ctx, year.unwrap_or_default(), below, lang)
        }
    }
}
