//! `report coverage`: the townships and villages no active cadre covers,
//! per county, and the households no active cadre links.

use super::{Cell, Column, Report, title};
use crate::i18n::{Heading, ReportName};
use crate::lang::Lang;
use crate::metrics::{Ctx, Window, coverage};
use crate::model::{Enumeration, Region, RegionId, RegionLevel};

/// A township or village no active cadre covers: the region, its county,
/// and a village's township.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Gap<'a> {
    pub region: &'a Region,
    pub county: &'a Region,
    pub township: Option<&'a Region>,
}

/// The townships and villages of `county` (or of every county) no active
/// cadre covers at D, ordered by county code, then by their own.
pub fn gaps<'a>(ctx: &Ctx<'a>, window: &Window, county: Option<RegionId>) -> Vec<Gap<'a>> {
    coverage::gaps(ctx, window.as_of)
        .into_iter()
        .filter_map(|id| {
            let home = ctx.index.county_of(id)?;
            if county.is_some_and(|c| c != home) {
                return None;
            }
            let region = ctx.data.region(id);
            let township = match region.level {
                RegionLevel::Village => ctx.index.township.get(id.0 as usize).copied().flatten(),
                _ => None,
            };
            Some(Gap {
                region,
                county: ctx.data.region(home),
                township: township.map(|t| ctx.data.region(t)),
            })
        })
        .collect()
}

/// `report coverage`: [`gaps`] as a table.
pub fn build<'a>(
    ctx: &Ctx<'a>,
    window: &Window,
    county: Option<RegionId>,
    lang: Lang,
) -> Report<'a> {
    let mut report = of_gaps(ctx, window, &gaps(ctx, window, county), lang);
    // Then the households no active cadre links, each after its county's
    // regions, by id.
    let mut rows: Vec<(&str, usize, Vec<Cell<'a>>)> = std::mem::take(&mut report.rows)
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            let code = match row.first() {
                Some(Cell::Text(std::borrow::Cow::Borrowed(code))) => *code,
                _ => "",
            };
            (code, i, row)
        })
        .collect();
    let mut households: Vec<_> = coverage::households(ctx, window.as_of)
        .into_iter()
        .filter(|(_, covered)| !covered)
        .filter_map(|(id, _)| {
            let h = ctx.data.household(id);
            let village = h.place.id()?;
            let home = ctx.index.county_of(village)?;
            county
                .is_none_or(|c| c == home)
                .then_some((home, village, h))
        })
        .collect();
    households.sort_by(|a, b| a.2.id.cmp(&b.2.id));
    let label = lang.pick("帮扶户", "household");
    for (home, village, h) in households {
        let c = ctx.data.region(home);
        let township = ctx
            .index
            .township
            .get(village.0 as usize)
            .copied()
            .flatten();
        let row = vec![
            Cell::text(&c.code),
            Cell::text(&c.name),
            Cell::Word {
                key: "household",
                label,
            },
            Cell::text(&h.id),
            Cell::text(&h.name),
            Cell::optional(township.map(|t| &*ctx.data.region(t).name)),
        ];
        rows.push((&c.code, usize::MAX, row));
    }
    rows.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    report.rows = rows.into_iter().map(|(_, _, row)| row).collect();
    report
}

/// The table of gaps already found.
pub fn of_gaps<'a>(ctx: &Ctx<'a>, window: &Window, gaps: &[Gap<'a>], lang: Lang) -> Report<'a> {
    let columns = vec![
        Column::machines("county_code", Heading::CountyCode),
        Column::all("county", Heading::County),
        Column::all("level", Heading::Level),
        Column::all("code", Heading::Code),
        Column::all("name", Heading::RegionName),
        Column::all("township", Heading::Township),
    ];
    let rows = gaps
        .iter()
        .map(|g| {
            let r = g.region;
            vec![
                Cell::text(&g.county.code),
                Cell::text(&g.county.name),
                Cell::Word {
                    key: r.level.english(),
                    label: r.level.name(lang),
                },
                Cell::text(&r.code),
                Cell::text(&r.name),
                Cell::optional(g.township.map(|t| &*t.name)),
            ]
        })
        .collect();
    Report {
        name: ReportName::Coverage,
        title: title(ctx, ReportName::Coverage, lang),
        window: *window,
        columns,
        rows,
        total: None,
        year: None,
        targets: Vec::new(),
    }
}
