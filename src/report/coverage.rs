//! `report coverage`: the townships and villages no active cadre covers,
//! per county.

use super::{Cell, Column, Report, county_cells, title};
use crate::i18n::{Heading, ReportName};
use crate::lang::Lang;
use crate::metrics::{Ctx, Window, coverage};
use crate::model::{Enumeration, RegionId, RegionLevel};

pub fn build<'a>(
    ctx: &Ctx<'a>,
    window: &Window,
    county: Option<RegionId>,
    lang: Lang,
) -> Report<'a> {
    let columns = vec![
        Column::machines("county_code", Heading::CountyCode),
        Column::all("county", Heading::County),
        Column::all("level", Heading::Level),
        Column::all("code", Heading::Code),
        Column::all("name", Heading::RegionName),
        Column::all("township", Heading::Township),
    ];
    let rows = coverage::gaps(ctx, window.as_of)
        .into_iter()
        .filter(|&id| county.is_none_or(|c| ctx.index.county_of(id) == Some(c)))
        .map(|id| {
            let r = ctx.data.region(id);
            let township = match r.level {
                RegionLevel::Village => ctx.index.township.get(id.0 as usize).copied().flatten(),
                _ => None,
            };
            let mut row = Vec::from(county_cells(ctx, id));
            row.extend([
                Cell::Word {
                    key: r.level.english(),
                    label: r.level.name(lang),
                },
                Cell::text(&r.code),
                Cell::text(&r.name),
                Cell::optional(township.map(|t| &*ctx.data.region(t).name)),
            ]);
            row
        })
        .collect();
    Report {
        name: ReportName::Coverage,
        title: title(ctx, ReportName::Coverage, lang),
        window: *window,
        columns,
        rows,
        total: None,
    }
}
