//! `report quotas`: each cadre's (or unit's) compliance with each quota —
//! periods owed, met, the rate, the periods missed and the one in
//! progress; with `--missing`, one row per missed (cadre, quota, period,
//! household), as docs/reports.md gives them.

use std::borrow::Cow;

use super::attendance::{CADRE, cadre_cells};
use super::{Cell, Column, Report, title};
use crate::i18n::{Heading, ReportName, list_separator};
use crate::lang::{Lang, tr};
use crate::metrics::quotas::{Compliance, Obligation, QuotaFigures, quotas};
use crate::metrics::{Ctx, Window};
use crate::model::{CadreId, RegionId};

/// Which quotas and cadres a quota report is about.
#[derive(Clone, Copy, Debug, Default)]
pub struct Filter<'f> {
    /// `--quota NAME`.
    pub quota: Option<&'f str>,
    /// `--county`.
    pub county: Option<RegionId>,
}

/// The figures of the quotas `filter` names.
fn figures<'a>(ctx: &Ctx<'a>, window: &Window, filter: Filter) -> Vec<QuotaFigures<'a>> {
    let mut all = quotas(ctx, window);
    all.retain(|q| filter.quota.is_none_or(|name| q.quota.name == name));
    all
}

/// The obligations of a quota's figures grouped by cadre, in cadre id
/// order, with the cadre's county; those outside `county` left out.
fn by_cadre<'q>(
    ctx: &Ctx,
    q: &'q QuotaFigures,
    county: Option<RegionId>,
) -> Vec<(CadreId, RegionId, Vec<&'q Obligation>)> {
    let mut groups: Vec<(CadreId, Vec<&Obligation>)> = Vec::new();
    let mut at: Vec<Option<usize>> = vec![None; ctx.data.cadres.len()];
    for o in &q.owed {
        let i = o.cadre.0 as usize;
        match at[i] {
            Some(g) => groups[g].1.push(o),
            None => {
                at[i] = Some(groups.len());
                groups.push((o.cadre, vec![o]));
            }
        }
    }
    let mut out: Vec<_> = groups
        .into_iter()
        .filter_map(|(cadre, owed)| {
            let home = ctx.cadre_county(cadre)?;
            county
                .is_none_or(|c| c == home)
                .then_some((cadre, home, owed))
        })
        .collect();
    out.sort_by(|a, b| ctx.data.cadre(a.0).id.cmp(&ctx.data.cadre(b.0).id));
    out
}

/// A period as a missed list names it: `2026-03`, and the household for
/// a household quota (`2026 H2 王二`).
fn period_text(ctx: &Ctx, q: &QuotaFigures, o: &Obligation) -> String {
    let label = q.periods[o.period].label();
    match o.household {
        Some(h) => {
            let h = ctx.data.household(h);
            format!("{label} {} {}", h.id, h.name)
        }
        None => label,
    }
}

/// The progress of the period holding D: done so far and still needed.
fn progress_text(ctx: &Ctx, q: &QuotaFigures, o: &Obligation, lang: Lang) -> String {
    let (need_visits, need_days) = (q.quota.visits, q.quota.days);
    let (visits, days) = (o.visits, o.days);
    let who = period_text(ctx, q, o);
    let mut text = tr!(
        lang,
        "{who}：{visits}/{need_visits} 次",
        "{who}: {visits}/{need_visits} visits"
    );
    if need_days > 0 {
        text.push_str(&tr!(
            lang,
            "，{days}/{need_days} 天",
            ", {days}/{need_days} days"
        ));
    }
    text
}

/// One row per cadre and quota: owed, met, rate, the periods missed and
/// the progress of the period holding D.
pub fn per_cadre<'a>(ctx: &Ctx<'a>, window: &Window, filter: Filter, lang: Lang) -> Report<'a> {
    let mut columns = Vec::from(CADRE);
    columns.extend([
        Column::all("quota", Heading::Quota),
        Column::all("owed", Heading::Owed),
        Column::all("met", Heading::QuotaMet),
        Column::all("rate", Heading::ComplianceRate),
        Column::people("missed", Heading::PeriodsMissed),
        Column::people("progress", Heading::QuotaProgress),
    ]);
    let mut rows: Vec<(SortKey, Vec<Cell<'a>>)> = Vec::new();
    for q in figures(ctx, window, filter) {
        for (cadre, home, owed) in by_cadre(ctx, &q, filter.county) {
            let mut tally = Compliance::default();
            let (mut missed, mut progress) = (Vec::new(), Vec::new());
            for o in &owed {
                tally.add(o);
                if o.progress {
                    progress.push(progress_text(ctx, &q, o, lang));
                } else if !o.met {
                    missed.push(period_text(ctx, &q, o));
                }
            }
            let c = ctx.data.cadre(cadre);
            let mut row = Vec::from(cadre_cells(c, ctx.data.region(home), lang));
            row.extend([
                Cell::Text(Cow::Owned(q.quota.name.clone())),
                Cell::count(tally.owed),
                Cell::count(tally.met),
                Cell::Rate(tally.rate()),
                Cell::Text(Cow::Owned(missed.join(list_separator(lang)))),
                Cell::Text(Cow::Owned(progress.join(list_separator(lang)))),
            ]);
            rows.push(((c.id.to_string(), q.index, 0, String::new()), row));
        }
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    Report {
        name: ReportName::Quotas,
        title: title(ctx, ReportName::Quotas, lang),
        window: *window,
        columns,
        rows: rows.into_iter().map(|(_, row)| row).collect(),
        total: None,
        year: None,
        targets: Vec::new(),
    }
}

/// The order of the rows: cadre id, quota (in the order of bangcun.toml),
/// period, household id.
type SortKey = (String, usize, usize, String);

/// One row per missed (cadre, quota, period, household), ordered by
/// cadre, quota, period, household.
pub fn missed<'a>(ctx: &Ctx<'a>, window: &Window, filter: Filter, lang: Lang) -> Report<'a> {
    let mut columns = Vec::from(CADRE);
    columns.extend([
        Column::all("quota", Heading::Quota),
        Column::all("period", Heading::QuotaPeriod),
        Column::all("household", Heading::HouseholdId),
        Column::people("household_name", Heading::HouseholdName),
        Column::all("visits", Heading::VisitsDone),
        Column::all("days", Heading::DaysDone),
        Column::all("need_visits", Heading::NeedVisits),
        Column::all("need_days", Heading::NeedDays),
    ]);
    let mut rows: Vec<(SortKey, Vec<Cell<'a>>)> = Vec::new();
    for q in figures(ctx, window, filter) {
        for (cadre, home, owed) in by_cadre(ctx, &q, filter.county) {
            let c = ctx.data.cadre(cadre);
            for o in owed.into_iter().filter(|o| !o.progress && !o.met) {
                let (need_visits, need_days) = (q.quota.visits, q.quota.days);
                let household = o.household.map(|h| ctx.data.household(h));
                let mut row = Vec::from(cadre_cells(c, ctx.data.region(home), lang));
                row.extend([
                    Cell::Text(Cow::Owned(q.quota.name.clone())),
                    Cell::Text(Cow::Owned(q.periods[o.period].label())),
                    Cell::optional(household.map(|h| &*h.id)),
                    Cell::optional(household.map(|h| &*h.name)),
                    Cell::count(o.visits.into()),
                    Cell::count(o.days.into()),
                    Cell::count(need_visits.into()),
                    Cell::count(need_days.into()),
                ]);
                let key = household.map_or(String::new(), |h| h.id.to_string());
                rows.push(((c.id.to_string(), q.index, o.period, key), row));
            }
        }
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    Report {
        name: ReportName::MissedQuotas,
        title: title(ctx, ReportName::MissedQuotas, lang),
        window: *window,
        columns,
        rows: rows.into_iter().map(|(_, row)| row).collect(),
        total: None,
        year: None,
        targets: Vec::new(),
    }
}
