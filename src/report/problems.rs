//! `report overdue` and `report revisits`: problems past their deadline and
//! not rectified, and rectified problems whose revisit lags (SPEC §4, §5).

use super::{Cell, Column, Report, county_cells, place_name, title};
use crate::i18n::{Heading, Lang, ReportName};
use crate::metrics::{Ctx, Window, problems};
use crate::model::{Problem, RegionId};

/// The columns of a problem listing around its own two: SPEC §5 keys for
/// programs, names beside the codes for people.
fn columns(own: [Column; 2]) -> Vec<Column> {
    let mut columns = vec![
        Column::all("id", Heading::ProblemId),
        Column::machines("county_code", Heading::CountyCode),
        Column::people("county", Heading::County),
        Column::machines("place", Heading::Code),
        Column::people("place_name", Heading::Place),
        Column::all("category", Heading::Category),
        Column::all("unit", Heading::Unit),
        Column::all("found", Heading::Found),
    ];
    columns.extend(own);
    columns.extend([
        Column::machines("cadre", Heading::CadreId),
        Column::people("cadre_name", Heading::Cadre),
        Column::all("summary", Heading::ProblemSummary),
    ]);
    columns
}

/// The cells of [`columns`] for one problem.
fn row<'a>(ctx: &Ctx<'a>, p: &'a Problem, place: RegionId, own: [Cell<'a>; 2]) -> Vec<Cell<'a>> {
    let [county_code, county] = county_cells(ctx, place);
    let cadre = p.cadre.and_then(|c| c.id()).map(|c| ctx.data.cadre(c));
    let mut cells = vec![
        Cell::text(&p.id),
        county_code,
        county,
        Cell::text(&ctx.data.region(place).code),
        Cell::Text(place_name(ctx, place).into()),
        Cell::text(&p.category),
        Cell::optional(p.unit.as_deref()),
        Cell::Date(p.found),
    ];
    cells.extend(own);
    cells.extend([
        Cell::optional(cadre.map(|c| &*c.id)),
        Cell::optional(cadre.map(|c| &*c.name)),
        Cell::text(&p.summary),
    ]);
    cells
}

/// The rows of the listed problems (by index) in `county`, if given.
fn rows<'a>(
    ctx: &Ctx<'a>,
    county: Option<RegionId>,
    listed: impl Iterator<Item = (usize, [Cell<'a>; 2])>,
) -> Vec<Vec<Cell<'a>>> {
    listed
        .filter_map(|(i, own)| {
            let p = ctx.data.problems.get(i)?;
            let place = p.place.id()?;
            let wanted = county.is_none_or(|c| ctx.index.county_of(place) == Some(c));
            wanted.then(|| row(ctx, p, place, own))
        })
        .collect()
}

/// `report overdue`: most overdue first, with the days overdue.
pub fn overdue<'a>(
    ctx: &Ctx<'a>,
    window: &Window,
    county: Option<RegionId>,
    lang: Lang,
) -> Report<'a> {
    let listed = problems::overdue(ctx, window)
        .into_iter()
        .map(|o| (o.problem, [Cell::Date(o.deadline), Cell::Int(o.days)]));
    Report {
        title: title(ctx, ReportName::Overdue, lang),
        window: *window,
        columns: columns([
            Column::all("deadline", Heading::Deadline),
            Column::all("days_overdue", Heading::DaysOverdue),
        ]),
        rows: rows(ctx, county, listed),
        total: None,
    }
}

/// `report revisits`: longest since rectification first.
pub fn revisits<'a>(
    ctx: &Ctx<'a>,
    window: &Window,
    county: Option<RegionId>,
    lang: Lang,
) -> Report<'a> {
    let listed = problems::revisits(ctx, window)
        .into_iter()
        .map(|l| (l.problem, [Cell::Date(l.rectified), Cell::Int(l.days)]));
    Report {
        title: title(ctx, ReportName::Revisits, lang),
        window: *window,
        columns: columns([
            Column::all("rectified", Heading::RectifiedOn),
            Column::all("days_since_rectified", Heading::DaysSinceRectified),
        ]),
        rows: rows(ctx, county, listed),
        total: None,
    }
}
