//! The monthly summary as an Excel workbook, as a clerk opens it in Excel
//! or WPS and as the office prints it: a sheet per table, each with its
//! title and the period on top, written by the report tables' sheet writer
//! ([`super::super::xlsx`]). The first sheet, 概览, carries the notice when
//! the data has errors. The whole lists are here — every overdue problem,
//! each missed work day on its own row — where the Markdown and HTML show
//! the first rows and point to the sheet.

use std::io::{self, Write};

use rust_xlsxwriter::XlsxError;

use super::super::xlsx::{Dates, Sheet, Styles, workbook};
use super::super::{UNDEFINED, display_width, tenths_of_percent};
use super::{
    figure_cell, headline_headings, headline_note, petition_note, quota_change, rate_text,
    targets_table, trend_headings, trend_note,
};
use crate::i18n::{self, Change, MonthlyText};
use crate::lang::Lang;
use crate::report::monthly::{Figure, Monthly};
use crate::report::notice::DataNotice;
use crate::report::{Cell, Report};

pub fn render(
    doc: &Monthly<'_>,
    notice: &DataNotice,
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<()> {
    let bytes = book(doc, notice, lang).map_err(io::Error::other)?;
    out.write_all(&bytes)
}

fn book(doc: &Monthly<'_>, notice: &DataNotice, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let title = i18n::monthly_title(&doc.name, doc.window.from, lang);
    let w = &doc.window;
    let period = i18n::period_line(w.from, w.to, w.as_of, lang);
    let mut book = workbook(&title, w.as_of)?;
    let s = Styles::new(lang);

    // 概览: the title, the period and the notice on top, then each
    // headline figure this month and last, and the change (rates in
    // percentage points of the figures as shown).
    let mut sheet = Sheet::new(book.add_worksheet(), MonthlyText::HeadlineSheet.label(lang))?;
    // Under the period, when last month lies before the data begins: why
    // it has no figures.
    let lines: Vec<String> = std::iter::once(period.clone())
        .chain(headline_note(doc, lang))
        .collect();
    sheet.banner(&title, &lines, notice, lang, &s);
    sheet.header(headline_headings(doc, lang).iter().map(String::as_str), &s)?;
    for h in &doc.headline {
        let row = sheet.row;
        sheet.text(row, 0, h.measure.name(lang), &s.text[0])?;
        sheet.cell(row, 1, &figure_cell(h.current), false, lang, &s)?;
        match h.previous {
            Some(previous) => sheet.cell(row, 2, &figure_cell(previous), false, lang, &s)?,
            // The data begins after last month: nothing to show.
            None => sheet.text(row, 2, UNDEFINED, &s.undefined[0])?,
        }
        match (h.current, h.previous) {
            (Figure::Rate(Some(c)), Some(Figure::Rate(Some(p)))) => {
                let points = (tenths_of_percent(c) - tenths_of_percent(p)) as f64 / 10.0;
                sheet.number(row, 3, points, 14, &s.points)?;
            }
            (Figure::Count(c), Some(Figure::Count(p))) => {
                let n = c as f64 - p as f64;
                sheet.number(row, 3, n, 8, &s.signed)?;
            }
            // An undefined rate, or no month before (a rate against a
            // count is never made).
            _ => sheet.text(row, 3, UNDEFINED, &s.undefined[0])?,
        }
        sheet.row += 1;
    }
    // Each quota's rate this month and last; a period not yet over says
    // so beside its name.
    for q in &doc.quotas {
        let row = sheet.row;
        let mut name = i18n::quota_headline_name(&q.name, &q.current.period, lang);
        if q.current.in_progress {
            name.push_str(MonthlyText::SoFar.label(lang));
        }
        sheet.text(row, 0, &name, &s.text[0])?;
        sheet.cell(row, 1, &Cell::Rate(q.current.rate()), false, lang, &s)?;
        match q.previous {
            Some(p) => sheet.cell(row, 2, &Cell::Rate(p.rate()), false, lang, &s)?,
            None => sheet.text(row, 2, UNDEFINED, &s.undefined[0])?,
        }
        match quota_change(q) {
            Change::Undefined => sheet.text(row, 3, UNDEFINED, &s.undefined[0])?,
            change => {
                let points = match change {
                    Change::Points(n) => n as f64 / 10.0,
                    _ => 0.0,
                };
                sheet.number(row, 3, points, 14, &s.points)?;
            }
        }
        sheet.row += 1;
    }
    sheet.finish(lang)?;

    // 各县: the county table of the summary for the month, with its total.
    let part = doc.counties.name.title(lang);
    let mut sheet = Sheet::new(book.add_worksheet(), MonthlyText::CountiesSheet.label(lang))?;
    sheet.banner(
        &i18n::monthly_part(&title, part, lang),
        std::slice::from_ref(&period),
        &DataNotice::default(),
        lang,
        &s,
    );
    sheet.report(&doc.counties, Dates::Joined, lang, &s)?;
    sheet.finish(lang)?;

    // 趋势: each month (a date cell shown as a month), its new and
    // rectified problems, and the rate at its end; on top, as on every
    // sheet, the period: the months shown, as of D.
    let part = MonthlyText::Trend.label(lang);
    let mut sheet = Sheet::new(book.add_worksheet(), MonthlyText::TrendSheet.label(lang))?;
    let first = doc.trend.first().map_or(w.from, |t| t.window.from);
    sheet.banner(
        &i18n::monthly_part(&title, part, lang),
        &[
            i18n::period_line(first, w.to, w.as_of, lang),
            trend_note(doc, lang),
        ],
        &DataNotice::default(),
        lang,
        &s,
    );
    sheet.header(trend_headings(lang), &s)?;
    for t in &doc.trend {
        let row = sheet.row;
        sheet.date(row, 0, t.window.from, &s.month)?;
        sheet.fit(0, display_width(&i18n::month_name(t.window.from, lang)));
        sheet.cell(row, 1, &Cell::Int(t.new_problems as i64), false, lang, &s)?;
        sheet.cell(row, 2, &Cell::Int(t.new_rectified as i64), false, lang, &s)?;
        sheet.cell(row, 3, &Cell::Rate(t.rectification_rate), false, lang, &s)?;
        sheet.row += 1;
    }
    sheet.finish(lang)?;

    // 按来源 and 按责任单位: the month's problems by source (the petition
    // row's rate said on top) and by unit, most overdue first, all units.
    for (name, report, note) in [
        (
            MonthlyText::SourcesSheet,
            &doc.sources,
            petition_note(doc, lang),
        ),
        (
            MonthlyText::UnitsSheet,
            &doc.units,
            units_sheet_note(doc, lang),
        ),
    ] {
        let mut sheet = Sheet::new(book.add_worksheet(), name.label(lang))?;
        let part = report.name.title(lang);
        sheet.banner(
            &i18n::monthly_part(&title, part, lang),
            &[period.clone(), note],
            &DataNotice::default(),
            lang,
            &s,
        );
        sheet.report(report, Dates::Joined, lang, &s)?;
        sheet.finish(lang)?;
    }

    // The lists, whole, each with how many rows it has.
    let mut lists = vec![
        (
            MonthlyText::OverdueSheet,
            &doc.overdue.report,
            Dates::Joined,
        ),
        (MonthlyText::MissedSheet, &doc.missed, Dates::Spread),
        (
            MonthlyText::RevisitsSheet,
            &doc.revisits.report,
            Dates::Joined,
        ),
        (MonthlyText::UncoveredSheet, &doc.uncovered, Dates::Joined),
    ];
    // Who missed which quota, after the missed work days, when there are
    // quotas.
    if !doc.quotas.is_empty() {
        let quotas = (
            MonthlyText::QuotasMissedSheet,
            &doc.quotas_missed,
            Dates::Joined,
        );
        lists.insert(2, quotas);
    }
    for (name, report, dates) in lists {
        let mut sheet = Sheet::new(book.add_worksheet(), name.label(lang))?;
        let lines = [period.clone(), i18n::rows_line(rows(report, dates), lang)];
        let part = report.name.title(lang);
        sheet.banner(
            &i18n::monthly_part(&title, part, lang),
            &lines,
            &DataNotice::default(),
            lang,
            &s,
        );
        sheet.report(report, dates, lang, &s)?;
        sheet.finish(lang)?;
    }
    programme_sheets(&mut book, doc, &title, lang, &s)?;
    book.save_to_buffer()
}

/// The sheets of the programme's own figures, when the data has them: the
/// targets, the latest year's ratings by county, and the cadres below the
/// review threshold.
fn programme_sheets(
    book: &mut rust_xlsxwriter::Workbook,
    doc: &Monthly<'_>,
    title: &str,
    lang: Lang,
    s: &Styles,
) -> Result<(), XlsxError> {
    let targets = targets_table(doc, lang);
    let met = doc.targets.iter().filter(|j| j.met == Some(true)).count();
    let mut parts: Vec<(MonthlyText, &Report<'_>, String)> = Vec::new();
    if let Some(t) = &targets {
        parts.push((
            MonthlyText::TargetsSheet,
            t,
            i18n::targets_note(met, doc.targets.len(), lang),
        ));
    }
    if let Some(r) = &doc.ratings {
        let note = r
            .year
            .map(|y| i18n::ratings_note(y, lang))
            .unwrap_or_default();
        parts.push((MonthlyText::RatingsSheet, r, note));
    }
    if let (Some(b), Some(sum)) = (&doc.reviews_below, &doc.reviews) {
        let said = i18n::reviews_sum(sum.year, sum.cadres, &rate_text(sum.rate, lang), lang);
        let threshold = rate_text(Some(b.threshold), lang);
        let note = i18n::reviews_below_note(&said, &threshold, b.report.rows.len(), lang);
        parts.push((MonthlyText::ReviewsBelowSheet, &b.report, note));
    }
    for (name, report, note) in parts {
        let mut sheet = Sheet::new(book.add_worksheet(), name.label(lang))?;
        let part = match name {
            MonthlyText::TargetsSheet => MonthlyText::Targets.label(lang),
            MonthlyText::RatingsSheet => MonthlyText::Ratings.label(lang),
            _ => MonthlyText::ReviewsBelow.label(lang),
        };
        sheet.banner(
            &i18n::monthly_part(title, part, lang),
            &[note],
            &DataNotice::default(),
            lang,
            s,
        );
        sheet.report(report, Dates::Joined, lang, s)?;
        sheet.finish(lang)?;
    }
    Ok(())
}

/// On top of the sheet of units: how they are ordered, and how many have
/// an overdue problem.
fn units_sheet_note(doc: &Monthly<'_>, lang: Lang) -> String {
    i18n::units_ranked(doc.units_overdue, doc.units.rows.len(), lang)
}

/// The rows a report takes on a sheet: one per date of a list of dates
/// when spread.
fn rows(report: &Report<'_>, dates: Dates) -> usize {
    match dates {
        Dates::Joined => report.rows.len(),
        Dates::Spread => report
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .find_map(|c| match c {
                        Cell::Dates(ds) => Some(ds.len().max(1)),
                        _ => None,
                    })
                    .unwrap_or(1)
            })
            .sum(),
    }
}
