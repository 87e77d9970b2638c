//! `report overdue` and `report revisits`: problems past their deadline and
//! not rectified, and rectified problems whose revisit lags (docs/reports.md).

use super::{Cell, Column, Listed, Report, county_cells, place_name, title};
use crate::i18n::{Heading, ReportName};
use crate::lang::Lang;
use crate::metrics::{Ctx, Window, problems};
use crate::model::{Problem, RegionId};

/// The columns of a problem listing around its own two: stable keys for
/// programs, names beside the codes for people. What the ledger says of
/// the rectification (measures, owner, progress, note) is shown to people
/// when some listed problem has it (`ledger_text`), and always there for
/// programs.
fn columns(own: [Column; 2], ledger_text: bool) -> Vec<Column> {
    let text = if ledger_text {
        Column::all
    } else {
        Column::machines
    };
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
        // After the stable keys of docs/reports.md, which keep their
        // order: what the ledger says of the rectification.
        text("measures", Heading::Measures),
        text("owner", Heading::Owner),
        text("progress", Heading::Progress),
        text("note", Heading::Note),
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
        Cell::optional(p.measures.as_deref()),
        Cell::optional(p.owner.as_deref()),
        Cell::optional(p.progress.as_deref()),
        Cell::optional(p.note.as_deref()),
    ]);
    cells
}

/// The listed problems (by index) in `county`, if given, as a report of
/// the first `limit` rows (every one when `None`) and how many there are.
/// Only the rows kept are built, each with its place name: a province has
/// thousands of overdue problems, of which the monthly summary lists ten.
fn listing<'a>(
    ctx: &Ctx<'a>,
    window: &Window,
    (county, limit): (Option<RegionId>, Option<usize>),
    (name, own_columns): (ReportName, [Column; 2]),
    listed: impl Iterator<Item = (usize, [Cell<'a>; 2])>,
    lang: Lang,
) -> Listed<'a> {
    let (mut rows, mut count, mut ledger_text) = (Vec::new(), 0, false);
    for (i, own) in listed {
        let Some(p) = ctx.data.problems.get(i) else {
            continue;
        };
        let Some(place) = p.place.id() else {
            continue;
        };
        if county.is_some_and(|c| ctx.index.county_of(place) != Some(c)) {
            continue;
        }
        count += 1;
        if limit.is_none_or(|n| rows.len() < n) {
            rows.push(row(ctx, p, place, own));
            ledger_text |= [&p.measures, &p.owner, &p.progress, &p.note]
                .iter()
                .any(|t| t.is_some());
        }
    }
    let report = Report {
        name,
        title: title(ctx, name, lang),
        window: *window,
        columns: columns(own_columns, ledger_text),
        rows,
        total: None,
        year: None,
        targets: Vec::new(),
    };
    Listed { report, count }
}

/// `report overdue`: most overdue first, with the days overdue; the first
/// `limit` rows (all when `None`) of how many.
pub fn overdue<'a>(
    ctx: &Ctx<'a>,
    window: &Window,
    county: Option<RegionId>,
    limit: Option<usize>,
    lang: Lang,
) -> Listed<'a> {
    let listed = problems::overdue(ctx, window)
        .into_iter()
        .map(|o| (o.problem, [Cell::Date(o.deadline), Cell::Int(o.days)]));
    let own = [
        Column::all("deadline", Heading::Deadline),
        Column::all("days_overdue", Heading::DaysOverdue),
    ];
    listing(
        ctx,
        window,
        (county, limit),
        (ReportName::Overdue, own),
        listed,
        lang,
    )
}

/// `report revisits`: longest since rectification first; the first
/// `limit` rows (all when `None`) of how many.
pub fn revisits<'a>(
    ctx: &Ctx<'a>,
    window: &Window,
    county: Option<RegionId>,
    limit: Option<usize>,
    lang: Lang,
) -> Listed<'a> {
    let listed = problems::revisits(ctx, window)
        .into_iter()
        .map(|l| (l.problem, [Cell::Date(l.rectified), Cell::Int(l.days)]));
    let own = [
        Column::all("rectified", Heading::RectifiedOn),
        Column::all("days_since_rectified", Heading::DaysSinceRectified),
    ];
    listing(
        ctx,
        window,
        (county, limit),
        (ReportName::Revisits, own),
        listed,
        lang,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::Period;
    use crate::metrics::fixture::{self, d};
    use crate::report::find_county;

    /// The problem ids of a listing's rows.
    fn ids(listed: &Listed<'_>) -> Vec<String> {
        let id = |row: &Vec<Cell<'_>>| match row.first() {
            Some(Cell::Text(id)) => id.to_string(),
            other => panic!("not an id: {other:?}"),
        };
        listed.report.rows.iter().map(id).collect()
    }

    #[test]
    fn a_cut_listing_keeps_its_first_rows_and_counts_them_all() {
        let opened = fixture::reports();
        let ctx = opened.ctx();
        // As of 04-30, P2 (81 days) and P7 (11 days, at 乙县) are overdue.
        let w = Window::new(Period::Whole, d(2026, 4, 30), || None).unwrap();
        let all = overdue(&ctx, &w, None, None, Lang::Zh);
        assert_eq!((ids(&all), all.count), (vec!["P2".into(), "P7".into()], 2));
        let first = overdue(&ctx, &w, None, Some(1), Lang::Zh);
        assert_eq!((ids(&first), first.count), (vec!["P2".into()], 2));
        assert_eq!(first.report.rows[0], all.report.rows[0]);
        // In 乙县 the first is P7: the county is chosen before the cut.
        let yi = find_county(&ctx, "乙县");
        let yi = overdue(&ctx, &w, yi, Some(1), Lang::Zh);
        assert_eq!((ids(&yi), yi.count), (vec!["P7".into()], 1));
        // Revisits are cut the same way: as of 03-20, P5 (90 days) and
        // P6 (15) lag.
        let w = Window::new(Period::Whole, d(2026, 3, 20), || None).unwrap();
        let lagging = revisits(&ctx, &w, None, Some(1), Lang::Zh);
        assert_eq!((ids(&lagging), lagging.count), (vec!["P5".into()], 2));
    }
}
