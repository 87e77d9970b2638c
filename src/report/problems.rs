//! `report overdue` and `report revisits`: problems past their deadline and
//! not rectified, and rectified problems whose revisit lags; `report
//! problems`: the ledger with each problem's status, and its named lists,
//! whole or split per responsible unit or county (docs/reports.md).

use std::borrow::Cow;

use super::{Cell, Column, Listed, Report, county_cells, place_name, title};
use crate::i18n::{Heading, Ledger, ReportName};
use crate::lang::Lang;
use crate::metrics::problems::{Entry, Filter, Finder, Status};
use crate::metrics::{Ctx, Window, problems};
use crate::model::{Deadline, Enumeration, Problem, RegionId, RegionLevel};

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

/// How `--split` divides the ledger: one table per responsible unit, or
/// per county.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Split {
    Unit,
    County,
}

/// The name of the list a filter asks for: one of the three ledgers by
/// its level and place, else one of the lists by its statuses.
pub fn ledger_name(filter: &Filter) -> Ledger {
    use RegionLevel::{Township, Village};
    let mut status = filter.status.clone();
    status.sort();
    status.dedup();
    match (filter.level.as_slice(), filter.at, status.as_slice()) {
        ([Finder::City], Some(Township), _) => Ledger::CityTownship,
        ([Finder::City], Some(Village), _) => Ledger::CityVillage,
        ([Finder::County], Some(Village), _) => Ledger::CountyVillage,
        (_, _, [Status::Overdue, Status::Open]) => Ledger::Assigned,
        (_, _, [Status::Rectified]) => Ledger::ToVerify,
        (_, _, [Status::Overdue]) => Ledger::Overdue,
        _ => Ledger::All,
    }
}

/// The keys of what the ledger says of the rectification.
const LEDGER_TEXT: [&str; 4] = ["measures", "owner", "progress", "note"];

/// The columns of `report problems`, in the order of docs/reports.md.
fn ledger_columns() -> Vec<Column> {
    vec![
        Column::all("id", Heading::ProblemId),
        Column::machines("county_code", Heading::CountyCode),
        Column::people("county", Heading::County),
        Column::machines("township_code", Heading::TownshipCode),
        Column::people("township", Heading::Township),
        Column::machines("place", Heading::Code),
        Column::people("place_name", Heading::Place),
        Column::all("status", Heading::Status),
        Column::all("days_left", Heading::DaysLeft),
        Column::all("days_overdue", Heading::DaysOverdue),
        Column::all("category", Heading::Category),
        Column::all("source", Heading::Source),
        Column::all("level", Heading::FinderLevel),
        Column::machines("cadre", Heading::CadreId),
        Column::people("cadre_name", Heading::Cadre),
        Column::all("unit", Heading::Unit),
        Column::all("found", Heading::Found),
        Column::all("deadline", Heading::Deadline),
        Column::all("rectified", Heading::RectifiedOn),
        Column::all("verified", Heading::VerifiedOn),
        Column::all("satisfaction", Heading::SatisfactionRate),
        Column::all("summary", Heading::ProblemSummary),
        Column::all("measures", Heading::Measures),
        Column::all("owner", Heading::Owner),
        Column::all("progress", Heading::Progress),
        Column::all("note", Heading::Note),
    ]
}

/// The word of a status for people; a long-term open problem is shown as
/// 长期整改 (its key stays `open`).
fn status_cell<'a>(status: Status, long_term: bool, lang: Lang) -> Cell<'a> {
    let label = match (status, long_term) {
        (Status::Open, true) => lang.pick("长期整改", "long-term"),
        (Status::Open, false) => lang.pick("整改中", "open"),
        (Status::Overdue, _) => lang.pick("逾期", "overdue"),
        (Status::Rectified, _) => lang.pick("已整改待销号", "rectified, to verify"),
        (Status::Closed, _) => lang.pick("已销号", "closed"),
    };
    Cell::Word {
        key: status.key(),
        label,
    }
}

/// The word of a level for people.
fn level_cell<'a>(level: Finder, lang: Lang) -> Cell<'a> {
    let label = match level {
        Finder::City => lang.pick("市级", "city"),
        Finder::County => lang.pick("县级", "county"),
        Finder::Township => lang.pick("乡级", "township"),
        Finder::Unit => lang.pick("单位", "unit"),
        Finder::None => lang.pick("非干部发现", "none"),
    };
    Cell::Word {
        key: level.key(),
        label,
    }
}

/// An enumeration value as a cell: its English word for programs, its
/// word in `lang` for people.
fn word_cell<'a, E: Enumeration>(value: E, lang: Lang) -> Cell<'a> {
    Cell::Word {
        key: value.english(),
        label: value.word(lang),
    }
}

/// The cells of [`ledger_columns`] for one entry.
fn ledger_row<'a>(ctx: &Ctx<'a>, e: &Entry, lang: Lang) -> Vec<Cell<'a>> {
    let p = &ctx.data.problems[e.problem];
    let [county_code, county] = county_cells(ctx, e.place);
    let township = ctx
        .index
        .township
        .get(e.place.0 as usize)
        .copied()
        .flatten();
    let township = township.map(|t| ctx.data.region(t));
    let region = ctx.data.region(e.place);
    let cadre = p
        .cadre
        .and_then(|c| ctx.valid.cadre_ref(c))
        .map(|c| ctx.data.cadre(c));
    let long_term = p.deadline == Some(Deadline::LongTerm);
    let deadline = match e.deadline {
        Some(day) => Cell::Date(day),
        None => Cell::Word {
            key: "long-term",
            label: lang.pick("长期整改", "long-term"),
        },
    };
    let int = |n: Option<i64>| n.map_or(Cell::Empty, Cell::Int);
    // What happens after D does not exist yet: a date is shown when the
    // status says it has come.
    let rectified = matches!(e.status, Status::Rectified | Status::Closed);
    let date = |d: Option<crate::model::Date>, come: bool| {
        d.filter(|_| come).map_or(Cell::Empty, Cell::Date)
    };
    vec![
        Cell::text(&p.id),
        county_code,
        county,
        Cell::optional(township.map(|t| &*t.code)),
        Cell::optional(township.map(|t| &*t.name)),
        Cell::text(&region.code),
        Cell::text(&region.name),
        status_cell(e.status, long_term, lang),
        int(e.days_left),
        int(e.days_overdue),
        Cell::text(&p.category),
        word_cell(p.source, lang),
        level_cell(e.level, lang),
        Cell::optional(cadre.map(|c| &*c.id)),
        Cell::optional(cadre.map(|c| &*c.name)),
        Cell::optional(p.unit.as_deref()),
        Cell::Date(p.found),
        deadline,
        date(p.rectified, rectified),
        date(p.verified, e.status == Status::Closed),
        p.satisfaction
            .filter(|_| rectified)
            .map_or(Cell::Empty, |s| word_cell(s, lang)),
        Cell::text(&p.summary),
        Cell::optional(p.measures.as_deref()),
        Cell::optional(p.owner.as_deref()),
        Cell::optional(p.progress.as_deref()),
        Cell::optional(p.note.as_deref()),
    ]
}
/// `report problems`: the ledger at D as `filter` cuts it, titled by the
/// list it is ([`ledger_name`]).
pub fn ledger<'a>(ctx: &Ctx<'a>, window: &Window, filter: &Filter, lang: Lang) -> Report<'a> {
    let entries = problems::ledger(ctx, window, filter);
    ledger_report(ctx, window, ledger_name(filter), None, &entries, lang)
}

/// One table of the ledger: the entries given, titled with the list's
/// name and, for a split, the group (the unit or county).
fn ledger_report<'a>(
    ctx: &Ctx<'a>,
    window: &Window,
    list: Ledger,
    group: Option<&str>,
    entries: &[Entry],
    lang: Lang,
) -> Report<'a> {
    let name = ReportName::Ledger(list);
    // 许昌市联乡帮村 and 联乡帮村交办问题清单: the programme's words once
    // (许昌市联乡帮村交办问题清单), as the office writes it.
    let programme = &ctx.config.name;
    let mut title = match name.title(lang).strip_prefix("联乡帮村") {
        Some(rest) if programme.ends_with("联乡帮村") => format!("{programme}{rest}"),
        _ => title(ctx, name, lang),
    };
    if let Some(group) = group {
        title.push_str(&lang.pick(format!("（{group}）"), format!(" ({group})")));
    }
    // What the ledger says of the rectification is shown to people when
    // some listed problem has it (as in the other listings).
    let ledger_text = entries.iter().any(|e| {
        let p = &ctx.data.problems[e.problem];
        [&p.measures, &p.owner, &p.progress, &p.note]
            .iter()
            .any(|t| t.is_some())
    });
    let mut columns = ledger_columns();
    if !ledger_text {
        for c in columns.iter_mut().filter(|c| LEDGER_TEXT.contains(&c.key)) {
            *c = Column::machines(c.key, c.heading);
        }
    }
    let rows: Vec<Vec<Cell<'a>>> = entries.iter().map(|e| ledger_row(ctx, e, lang)).collect();
    // A list sent to a unit is printed: a column empty in every row (no
    // verified date in a list of open problems) is left out for people;
    // programs keep every key.
    if !rows.is_empty() {
        for (i, c) in columns.iter_mut().enumerate() {
            if rows.iter().all(|r| r[i] == Cell::Empty) {
                *c = Column::machines(c.key, c.heading);
            }
        }
    }
    Report {
        name,
        title,
        window: *window,
        columns,
        rows,
        total: None,
        year: None,
        targets: Vec::new(),
    }
}

/// One table of a split ledger, with the name of its group.
#[derive(Clone, Debug, PartialEq)]
pub struct Part<'a> {
    /// The unit or county, as people read it.
    pub group: Cow<'a, str>,
    pub report: Report<'a>,
}

/// `report problems --split`: the ledger as `filter` cuts it, one table
/// per responsible unit (those with none in a table of their own, last)
/// or per county, in the order of the groups' names; each table in the
/// ledger's order.
pub fn split<'a>(
    ctx: &Ctx<'a>,
    window: &Window,
    filter: &Filter,
    by: Split,
    lang: Lang,
) -> Vec<Part<'a>> {
    let entries = problems::ledger(ctx, window, filter);
    let list = ledger_name(filter);
    // The group's sort key (None last) and name.
    let group = |e: &Entry| -> Option<(&'a str, &'a str)> {
        match by {
            Split::Unit => ctx.data.problems[e.problem]
                .unit
                .as_deref()
                .map(str::trim)
                .filter(|u| !u.is_empty())
                .map(|u| (u, u)),
            Split::County => ctx.index.county_of(e.place).map(|c| {
                let county = ctx.data.region(c);
                (&*county.code, &*county.name)
            }),
        }
    };
    let mut groups: std::collections::BTreeMap<(bool, &str), (&str, Vec<Entry>)> =
        std::collections::BTreeMap::new();
    for e in entries {
        let (key, name) = group(&e).map_or(((true, ""), ""), |(k, n)| ((false, k), n));
        groups
            .entry(key)
            .or_insert_with(|| (name, Vec::new()))
            .1
            .push(e);
    }
    groups
        .into_iter()
        .map(|((none, _), (name, entries))| {
            let group: Cow<'a, str> = if none {
                Cow::Borrowed(match by {
                    Split::Unit => lang.pick("未明确责任单位", "No responsible unit"),
                    Split::County => lang.pick("未归属县（区）", "No county"),
                })
            } else {
                Cow::Borrowed(name)
            };
            let report = ledger_report(ctx, window, list, Some(&group), &entries, lang);
            Part { group, report }
        })
        .collect()
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
