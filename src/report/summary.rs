//! `report summary`: one row per county (or township) and a total row,
//! with every key of SPEC §5 in its order.

use super::{Cell, Column, Report, county_cells, title};
use crate::i18n::{self, Heading, Lang, ReportName};
use crate::metrics::{By, Ctx, Figures, Summary, Window, summary};

/// The columns after the row's names, in SPEC §5 order.
const FIGURES: [Column; 20] = [
    Column::all("cadres", Heading::Cadres),
    Column::all("townships", Heading::Townships),
    Column::all("townships_covered", Heading::TownshipsCovered),
    Column::all("villages", Heading::Villages),
    Column::all("villages_covered", Heading::VillagesCovered),
    Column::all("workdays_due", Heading::WorkdaysDue),
    Column::all("workdays_attended", Heading::WorkdaysAttended),
    Column::all("attendance_rate", Heading::AttendanceRate),
    Column::all("visits", Heading::Visits),
    Column::all("forums", Heading::Forums),
    Column::all("people", Heading::People),
    Column::all("problems", Heading::Problems),
    Column::all("rectified", Heading::Rectified),
    Column::all("rectification_rate", Heading::RectificationRate),
    Column::all("new_problems", Heading::NewProblems),
    Column::all("new_rectified", Heading::NewRectified),
    Column::all("overdue", Heading::Overdue),
    Column::all("revisit_lagging", Heading::RevisitLagging),
    Column::all("identification_rate", Heading::IdentificationRate),
    Column::all("satisfaction_rate", Heading::SatisfactionRate),
];

/// The cells of [`FIGURES`] for one row.
fn figure_cells(f: &Figures) -> [Cell<'static>; 20] {
    [
        Cell::count(f.cadres),
        Cell::count(f.townships),
        Cell::count(f.townships_covered),
        Cell::count(f.villages),
        Cell::count(f.villages_covered),
        Cell::count(f.workdays_due),
        Cell::count(f.workdays_attended),
        Cell::Rate(f.attendance_rate()),
        Cell::count(f.visits),
        Cell::count(f.forums),
        Cell::count(f.people),
        Cell::count(f.problems),
        Cell::count(f.rectified),
        Cell::Rate(f.rectification_rate()),
        Cell::count(f.new_problems),
        Cell::count(f.new_rectified),
        Cell::count(f.overdue),
        Cell::count(f.revisit_lagging),
        Cell::Rate(f.identification_rate()),
        Cell::Rate(f.satisfaction_rate()),
    ]
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
    columns.extend(FIGURES);
    let rows = s
        .rows
        .iter()
        .map(|(unit, f)| {
            let mut row = Vec::from(county_cells(ctx, *unit));
            if by == By::Township {
                let t = ctx.data.region(*unit);
                row.push(Cell::text(&t.code));
                row.push(Cell::text(&t.name));
            }
            row.extend(figure_cells(f));
            row
        })
        .collect();
    let mut total = vec![Cell::Empty, Cell::text(i18n::total_label(lang))];
    if by == By::Township {
        total.extend([Cell::Empty, Cell::Empty]);
    }
    total.extend(figure_cells(&s.total));
    let name = match by {
        By::County => ReportName::SummaryByCounty,
        By::Township => ReportName::SummaryByTownship,
    };
    Report {
        title: title(ctx, name, lang),
        window: *window,
        columns,
        rows,
        total: Some(total),
    }
}
