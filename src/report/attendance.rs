//! `report attendance`: work days due, attended and missed per cadre; with
//! `--missing`, one row per missed (cadre, work day) as docs/reports.md gives it.

use super::{Cell, Column, Report, title};
use crate::i18n::{Heading, ReportName};
use crate::lang::Lang;
use crate::metrics::attendance::Tally;
use crate::metrics::{Attendance, Ctx, Window};
use crate::model::{Cadre, CadreId, Date, Enumeration, Region, RegionId};

/// The columns naming a cadre, first in both listings.
pub(super) const CADRE: [Column; 5] = [
    Column::all("cadre", Heading::CadreId),
    Column::all("name", Heading::Name),
    Column::all("level", Heading::CadreLevel),
    Column::machines("county_code", Heading::CountyCode),
    Column::people("county", Heading::County),
];

/// Valid cadres of `county` (or every county) whose link overlaps the
/// window, ordered by id, with their county.
fn cadres<'a>(
    ctx: &Ctx<'a>,
    window: &Window,
    county: Option<RegionId>,
) -> Vec<(CadreId, &'a Cadre, RegionId)> {
    let mut out: Vec<_> = ctx
        .data
        .cadres
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let id = CadreId(i as u32);
            let linked =
                c.start.is_none_or(|s| s <= window.as_of) && c.end.is_none_or(|e| e >= window.from);
            if !linked || !ctx.valid.cadre(id) {
                return None;
            }
            let home = ctx.cadre_county(id)?;
            county.is_none_or(|c| c == home).then_some((id, c, home))
        })
        .collect();
    out.sort_unstable_by(|a, b| a.1.id.cmp(&b.1.id));
    out
}

/// The cells of [`CADRE`].
pub(super) fn cadre_cells<'a>(c: &'a Cadre, county: &'a Region, lang: Lang) -> [Cell<'a>; 5] {
    [
        Cell::text(&c.id),
        Cell::text(&c.name),
        Cell::Word {
            key: c.level.english(),
            label: c.level.word(lang),
        },
        Cell::text(&county.code),
        Cell::text(&county.name),
    ]
}

/// One row per cadre: due, attended, rate and the missed dates.
pub fn per_cadre<'a>(
    ctx: &Ctx<'a>,
    window: &Window,
    county: Option<RegionId>,
    lang: Lang,
) -> Report<'a> {
    let attendance = Attendance::new(ctx, window);
    let mut columns = Vec::from(CADRE);
    columns.extend([
        Column::all("workdays_due", Heading::WorkdaysDue),
        Column::all("workdays_attended", Heading::WorkdaysAttended),
        Column::all("attendance_rate", Heading::AttendanceRate),
        Column::all("missed", Heading::Missed),
    ]);
    let rows = cadres(ctx, window, county)
        .into_iter()
        .map(|(id, c, home)| {
            let (mut due, mut missed) = (0u32, Vec::new());
            attendance.each_due(ctx, id, |day, attended| {
                due += 1;
                if !attended {
                    missed.push(day);
                }
            });
            let tally = Tally {
                due,
                attended: due - missed.len() as u32,
            };
            let mut row = Vec::from(cadre_cells(c, ctx.data.region(home), lang));
            row.extend([
                Cell::count(tally.due.into()),
                Cell::count(tally.attended.into()),
                Cell::Rate(tally.rate()),
                Cell::Dates(missed),
            ]);
            row
        })
        .collect();
    Report {
        name: ReportName::Attendance,
        title: title(ctx, ReportName::Attendance, lang),
        window: *window,
        columns,
        rows,
        total: None,
        year: None,
        targets: Vec::new(),
    }
}

/// A cadre who missed work days in a window: who, its county, and the
/// days (the monthly summary lists them, county by county).
#[derive(Clone, Debug, PartialEq)]
pub struct MissedCadre<'a> {
    pub cadre: &'a Cadre,
    pub county: &'a Region,
    /// The work days missed, in order; never empty.
    pub dates: Vec<Date>,
}

/// The cadres that missed a work day in `window`, ordered by county code,
/// then cadre: the list of the monthly summary, which has marked
/// `attendance` over `window` for its figures already.
pub fn missed_cadres<'a>(
    ctx: &Ctx<'a>,
    window: &Window,
    attendance: &Attendance,
) -> Vec<MissedCadre<'a>> {
    let mut listed: Vec<MissedCadre<'a>> = cadres(ctx, window, None)
        .into_iter()
        .filter_map(|(id, cadre, home)| {
            let dates = attendance.missed(ctx, id);
            (!dates.is_empty()).then(|| MissedCadre {
                cadre,
                county: ctx.data.region(home),
                dates,
            })
        })
        .collect();
    // Stable: by cadre id within a county, as `cadres` gives them.
    listed.sort_by(|a, b| a.county.code.cmp(&b.county.code));
    listed
}

/// [`missed_cadres`] as a table: one row per cadre, with its missed
/// dates.
pub fn missed_by_cadre<'a>(
    ctx: &Ctx<'a>,
    window: &Window,
    missed: &[MissedCadre<'a>],
    lang: Lang,
) -> Report<'a> {
    let mut columns = Vec::from(CADRE);
    columns.push(Column::all("missed", Heading::Missed));
    let rows = missed
        .iter()
        .map(|m| {
            let mut row = Vec::from(cadre_cells(m.cadre, m.county, lang));
            row.push(Cell::Dates(m.dates.clone()));
            row
        })
        .collect();
    Report {
        name: ReportName::MissedWorkdays,
        title: title(ctx, ReportName::MissedWorkdays, lang),
        window: *window,
        columns,
        rows,
        total: None,
        year: None,
        targets: Vec::new(),
    }
}

/// One row per missed (cadre, work day), ordered by cadre, then date.
pub fn missed<'a>(
    ctx: &Ctx<'a>,
    window: &Window,
    county: Option<RegionId>,
    lang: Lang,
) -> Report<'a> {
    let attendance = Attendance::new(ctx, window);
    let mut columns = Vec::from(CADRE);
    columns.push(Column::all("date", Heading::Date));
    let mut rows = Vec::new();
    for (id, c, home) in cadres(ctx, window, county) {
        for day in attendance.missed(ctx, id) {
            let mut row = Vec::from(cadre_cells(c, ctx.data.region(home), lang));
            row.push(Cell::Date(day));
            rows.push(row);
        }
    }
    Report {
        name: ReportName::MissedWorkdays,
        title: title(ctx, ReportName::MissedWorkdays, lang),
        window: *window,
        columns,
        rows,
        total: None,
        year: None,
        targets: Vec::new(),
    }
}
