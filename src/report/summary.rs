//! `report summary`: one row per county (or township) and a total row,
//! with every key of docs/reports.md in its order.

use super::{Cell, Column, Report, county_cells, targets, title};
use crate::i18n::{self, Heading, ReportName};
use crate::lang::Lang;
use crate::metrics::groups::{Group, Grouped, Grouping, grouped};
use crate::metrics::problems::Finder;
use crate::metrics::quotas::{Compliance, quotas};
use crate::metrics::{By, Ctx, Figures, Summary, Window, summary};
use crate::model::Enumeration;
use crate::model::RegionId;

/// The columns of each quota of bangcun.toml, after the fixed ones: its
/// periods owed and met and its rate, keyed `quota:NAME:owed`,
/// `quota:NAME:met`, `quota:NAME:rate` (docs/reports.md).
///
/// The keys and headings are made once per run from the quotas' names
/// and live as long as it (a few short strings), as a column's key does.
fn quota_columns(name: &str) -> [Column; 3] {
    let own = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    [
        ("owed", "应完成", "owed", Heading::Owed),
        ("met", "已完成", "met", Heading::QuotaMet),
        ("rate", "完成率", "compliance", Heading::ComplianceRate),
    ]
    .map(|(key, zh, en, _)| {
        Column::all(
            own(format!("quota:{name}:{key}")),
            Heading::Own(own(format!("{name}{zh}")), own(format!("{name} {en}"))),
        )
    })
}

/// Each quota's owed and met periods per row unit of a summary (a
/// county, or a township) and in total: a cadre counts where its first
/// point lies.
fn quota_compliance(
    ctx: &Ctx,
    window: &Window,
    by: By,
    units: &[RegionId],
) -> (Vec<String>, Vec<Vec<Compliance>>, Vec<Compliance>) {
    let figures = quotas(ctx, window);
    let names = figures.iter().map(|q| q.quota.name.clone()).collect();
    let mut row_of = vec![None; ctx.data.regions.len()];
    for (row, unit) in units.iter().enumerate() {
        row_of[unit.0 as usize] = Some(row);
    }
    let mut rows = vec![vec![Compliance::default(); figures.len()]; units.len()];
    let mut total = vec![Compliance::default(); figures.len()];
    for (q, figures) in figures.iter().enumerate() {
        for o in &figures.owed {
            let Some(point) = ctx.data.cadre(o.cadre).points.first().and_then(|p| p.id()) else {
                continue;
            };
            if ctx.index.county_of(point).is_none() {
                continue;
            }
            total[q].add(o);
            let unit = match by {
                By::County => ctx.index.county_of(point),
                By::Township => ctx.index.township.get(point.0 as usize).copied().flatten(),
            };
            if let Some(row) = unit.and_then(|u| row_of[u.0 as usize]) {
                rows[row][q].add(o);
            }
        }
    }
    (names, rows, total)
}

/// The cells of a unit's quota compliance.
fn quota_cells<'c>(compliance: &[Compliance]) -> Vec<Cell<'c>> {
    compliance
        .iter()
        .flat_map(|c| {
            [
                Cell::count(c.owed),
                Cell::count(c.met),
                Cell::Rate(c.rate()),
            ]
        })
        .collect()
}

/// How a column's cell is read from a row's figures.
type Read = fn(&Figures) -> Cell<'static>;

/// The columns after the row's names, in the order of docs/reports.md: each key, its
/// heading, and its cell.
const FIGURES: [(&str, Heading, Read); 23] = [
    ("cadres", Heading::Cadres, |f| Cell::count(f.cadres)),
    ("townships", Heading::Townships, |f| {
        Cell::count(f.townships)
    }),
    ("townships_covered", Heading::TownshipsCovered, |f| {
        Cell::count(f.townships_covered)
    }),
    ("villages", Heading::Villages, |f| Cell::count(f.villages)),
    ("villages_covered", Heading::VillagesCovered, |f| {
        Cell::count(f.villages_covered)
    }),
    ("workdays_due", Heading::WorkdaysDue, |f| {
        Cell::count(f.workdays_due)
    }),
    ("workdays_attended", Heading::WorkdaysAttended, |f| {
        Cell::count(f.workdays_attended)
    }),
    ("attendance_rate", Heading::AttendanceRate, |f| {
        Cell::Rate(f.attendance_rate())
    }),
    ("visits", Heading::Visits, |f| Cell::count(f.visits)),
    ("forums", Heading::Forums, |f| Cell::count(f.forums)),
    ("people", Heading::People, |f| Cell::count(f.people)),
    ("problems", Heading::Problems, |f| Cell::count(f.problems)),
    ("rectified", Heading::Rectified, |f| {
        Cell::count(f.rectified)
    }),
    ("rectification_rate", Heading::RectificationRate, |f| {
        Cell::Rate(f.rectification_rate())
    }),
    ("new_problems", Heading::NewProblems, |f| {
        Cell::count(f.new_problems)
    }),
    ("new_rectified", Heading::NewRectified, |f| {
        Cell::count(f.new_rectified)
    }),
    ("overdue", Heading::Overdue, |f| Cell::count(f.overdue)),
    ("revisit_lagging", Heading::RevisitLagging, |f| {
        Cell::count(f.revisit_lagging)
    }),
    ("identification_rate", Heading::IdentificationRate, |f| {
        Cell::Rate(f.identification_rate())
    }),
    ("satisfaction_rate", Heading::SatisfactionRate, |f| {
        Cell::Rate(f.satisfaction_rate())
    }),
    // Appended after the keys of docs/reports.md's first list, which stay
    // in their order: long-term problems (issue 10), then households
    // (issue 11).
    ("long_term", Heading::LongTerm, |f| Cell::count(f.long_term)),
    ("households", Heading::Households, |f| {
        Cell::count(f.households)
    }),
    ("households_covered", Heading::HouseholdsCovered, |f| {
        Cell::count(f.households_covered)
    }),
];

/// The cells of [`FIGURES`] for one row.
fn figure_cells(f: &Figures) -> [Cell<'static>; 23] {
    FIGURES.map(|(_, _, cell)| cell(f))
}

pub fn build<'a>(ctx: &Ctx<'a>, window: &Window, by: By, lang: Lang) -> Report<'a> {
    of_summary(ctx, window, by, &summary(ctx, window, by), lang)
}

/// The table of a summary already computed for `window` (the monthly
/// summary computes it once for its headline and its table).
pub fn of_summary<'a>(
    ctx: &Ctx<'a>,
    window: &Window,
    by: By,
    s: &Summary,
    lang: Lang,
) -> Report<'a> {
    let mut columns = vec![
        Column::machines("county_code", Heading::CountyCode),
        Column::all("county", Heading::County),
    ];
    if by == By::Township {
        columns.push(Column::machines("township_code", Heading::TownshipCode));
        columns.push(Column::all("township", Heading::Township));
    }
    // Long-term problems are shown to people where there are some, and
    // the household figures to programmes that keep households: not a
    // column of zeros. The keys are always there for programs.
    let households = !ctx.data.households.is_empty();
    columns.extend(FIGURES.map(|(key, heading, _)| {
        let hidden = match key {
            "long_term" => s.total.long_term == 0,
            "households" | "households_covered" => !households,
            _ => false,
        };
        if hidden {
            Column::machines(key, heading)
        } else {
            Column::all(key, heading)
        }
    }));
    let units: Vec<RegionId> = s.rows.iter().map(|(unit, _)| *unit).collect();
    let (names, per_row, per_total) = quota_compliance(ctx, window, by, &units);
    columns.extend(names.iter().flat_map(|name| quota_columns(name)));
    let rows = s
        .rows
        .iter()
        .zip(&per_row)
        .map(|((unit, f), quotas)| {
            let mut row = Vec::from(county_cells(ctx, *unit));
            if by == By::Township {
                let t = ctx.data.region(*unit);
                row.push(Cell::text(&t.code));
                row.push(Cell::text(&t.name));
            }
            row.extend(figure_cells(f));
            row.extend(quota_cells(quotas));
            row
        })
        .collect();
    let mut total = vec![Cell::Empty, Cell::text(i18n::total_label(lang))];
    if by == By::Township {
        total.extend([Cell::Empty, Cell::Empty]);
    }
    total.extend(figure_cells(&s.total));
    total.extend(quota_cells(&per_total));
    let name = match by {
        By::County => ReportName::SummaryByCounty,
        By::Township => ReportName::SummaryByTownship,
    };
    let mut report = Report {
        name,
        title: title(ctx, name, lang),
        window: *window,
        columns,
        rows,
        total: Some(total),
        year: None,
        targets: Vec::new(),
    };
    report.targets = targets::judge_by(&report, &ctx.config.targets, by);
    report
}

/// The keys of [`FIGURES`] that are problem figures: all that `report
/// summary --by category|source|unit|level` shows.
const PROBLEM_KEYS: [&str; 10] = [
    "problems",
    "rectified",
    "rectification_rate",
    "new_problems",
    "new_rectified",
    "overdue",
    "revisit_lagging",
    "identification_rate",
    "satisfaction_rate",
    "long_term",
];

/// `report summary --by category|source|unit|level`: one row per group,
/// `group` (its stable key) and `group_name` (what people read), then the
/// problem figures under their keys; and the total.
pub fn by_group<'a>(ctx: &Ctx<'a>, window: &Window, by: Grouping, lang: Lang) -> Report<'a> {
    of_grouped(ctx, window, by, &grouped(ctx, window, by), lang)
}

/// The table of [`by_group`] for figures already grouped (and ordered).
pub fn of_grouped<'a>(
    ctx: &Ctx<'a>,
    window: &Window,
    by: Grouping,
    g: &Grouped,
    lang: Lang,
) -> Report<'a> {
    let figures: Vec<usize> = (0..FIGURES.len())
        .filter(|&i| PROBLEM_KEYS.contains(&FIGURES[i].0))
        .collect();
    // People read the group under the grouping's own heading.
    let heading = match by {
        Grouping::Category => Heading::Category,
        Grouping::Source => Heading::Source,
        Grouping::Unit => Heading::Unit,
        Grouping::Level => Heading::FinderLevel,
    };
    let mut columns = vec![
        Column::machines("group", Heading::Group),
        Column::all("group_name", heading),
    ];
    columns.extend(figures.iter().map(|&i| {
        let (key, heading, _) = FIGURES[i];
        // Long-term problems where there are some; the identification
        // rate, which is the share of problems from cadres, says nothing
        // of a group of one source (100% or 0%): both for programs only.
        let pointless = (key == "long_term" && g.total.long_term == 0)
            || (key == "identification_rate" && by == Grouping::Source);
        if pointless {
            Column::machines(key, heading)
        } else {
            Column::all(key, heading)
        }
    }));
    let cells =
        |f: &Figures| -> Vec<Cell<'a>> { figures.iter().map(|&i| (FIGURES[i].2)(f)).collect() };
    let rows = g
        .rows
        .iter()
        .map(|(group, f)| {
            let name = group_name(group, lang);
            let mut row = vec![
                Cell::Text(group.key().to_string().into()),
                Cell::Text(name.into()),
            ];
            row.extend(cells(f));
            row
        })
        .collect();
    let mut total = vec![Cell::Empty, Cell::text(i18n::total_label(lang))];
    total.extend(cells(&g.total));
    let name = match by {
        Grouping::Category => ReportName::SummaryByCategory,
        Grouping::Source => ReportName::SummaryBySource,
        Grouping::Unit => ReportName::SummaryByUnit,
        Grouping::Level => ReportName::SummaryByLevel,
    };
    Report {
        name,
        title: title(ctx, name, lang),
        window: *window,
        columns,
        rows,
        total: Some(total),
        year: None,
        targets: Vec::new(),
    }
}

/// What people read for a group.
fn group_name(group: &Group, lang: Lang) -> String {
    match group {
        Group::Category(c) | Group::Unit(c) => c.to_string(),
        Group::Source(s) => s.word(lang).to_string(),
        Group::NoUnit => lang
            .pick("未明确责任单位", "No responsible unit")
            .to_string(),
        Group::Level(l) => match l {
            Finder::City => lang.pick("市级", "city"),
            Finder::County => lang.pick("县级", "county"),
            Finder::Township => lang.pick("乡级", "township"),
            Finder::Unit => lang.pick("单位", "unit"),
            Finder::None => lang.pick("非干部发现", "not found by a cadre"),
        }
        .to_string(),
    }
}
