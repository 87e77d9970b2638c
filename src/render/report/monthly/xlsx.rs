//! The monthly summary as an Excel workbook, as a clerk opens it in Excel
//! or WPS: a sheet per table, the header row frozen and bold, numbers
//! stored as numbers, rates as percentage cells (`0.0%`), dates as dates,
//! each column as wide as its longest cell (a Chinese character counts
//! two). The whole lists are here (each missed work day on its own row);
//! only the overdue problems are the ten of the document.
//!
//! The workbook's creation time is D, so that the same ledger gives the
//! same bytes on any later day.

use std::io::{self, Write};

use chrono::Datelike;
use rust_xlsxwriter::{
    ColNum, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, RowNum, Workbook,
    Worksheet, XlsxError,
};

use super::super::{UNDEFINED, display_width, for_people, people_width, shown, tenths_of_percent};
use super::{figure_cell, headline_headings, trend_headings};
use crate::i18n::{self, Lang, MonthlyText};
use crate::model::Date;
use crate::report::monthly::{Figure, Monthly};
use crate::report::{Cell, Report};

pub fn render(doc: &Monthly<'_>, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let bytes = workbook(doc, lang).map_err(io::Error::other)?;
    out.write_all(&bytes)
}

/// The cell formats, plain and bold (for the total row).
struct Styles {
    header: Format,
    text: [Format; 2],
    int: [Format; 2],
    percent: [Format; 2],
    date: [Format; 2],
    /// `—` for an undefined rate, aligned with the numbers.
    undefined: [Format; 2],
    month: Format,
    points: Format,
    signed: Format,
}

impl Styles {
    fn new(lang: Lang) -> Styles {
        let pair = |f: Format| [f.clone(), f.set_bold()];
        let points = match lang {
            Lang::Zh => r#"+0.0" 个百分点";-0.0" 个百分点";0.0" 个百分点""#,
            Lang::En => r#"+0.0" pts";-0.0" pts";0.0" pts""#,
        };
        let month = match lang {
            Lang::Zh => r#"yyyy"年"m"月""#,
            Lang::En => "mmmm yyyy",
        };
        Styles {
            header: Format::new()
                .set_bold()
                .set_border_bottom(FormatBorder::Thin)
                .set_align(FormatAlign::Center),
            text: pair(Format::new()),
            int: pair(Format::new().set_num_format("0")),
            percent: pair(Format::new().set_num_format("0.0%")),
            date: pair(Format::new().set_num_format("yyyy-mm-dd")),
            undefined: pair(Format::new().set_align(FormatAlign::Right)),
            month: Format::new()
                .set_num_format(month)
                .set_align(FormatAlign::Left),
            points: Format::new().set_num_format(points),
            signed: Format::new().set_num_format("+0;-0;0"),
        }
    }
}

fn workbook(doc: &Monthly<'_>, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let created = excel_date(doc.window.as_of)?;
    let title = i18n::monthly_title(&doc.name, doc.window.from, lang);
    let mut book = Workbook::new();
    book.set_properties(
        &DocProperties::new()
            .set_title(&title)
            .set_creation_datetime(&created),
    );
    let styles = Styles::new(lang);

    headline(book.add_worksheet(), doc, &title, lang, &styles)?;
    let counties = table(
        book.add_worksheet(),
        MonthlyText::CountiesSheet,
        &doc.counties,
        lang,
        &styles,
    )?;
    counties.set_landscape().set_print_fit_to_pages(1, 0);
    trend(book.add_worksheet(), doc, lang, &styles)?;
    for (name, report) in [
        (MonthlyText::OverdueSheet, &doc.overdue.report),
        (MonthlyText::MissedSheet, &doc.missed),
        (MonthlyText::RevisitsSheet, &doc.revisits.report),
        (MonthlyText::UncoveredSheet, &doc.uncovered),
    ] {
        table(book.add_worksheet(), name, report, lang, &styles)?;
    }
    book.save_to_buffer()
}

/// Writes cells and keeps each column as wide as its widest cell.
struct Sheet<'w> {
    ws: &'w mut Worksheet,
    widths: Vec<usize>,
}

impl<'w> Sheet<'w> {
    fn new(ws: &'w mut Worksheet, name: MonthlyText, lang: Lang) -> Result<Self, XlsxError> {
        ws.set_name(name.label(lang))?;
        Ok(Sheet {
            ws,
            widths: Vec::new(),
        })
    }

    fn fit(&mut self, col: ColNum, width: usize) {
        let i = usize::from(col);
        if self.widths.len() <= i {
            self.widths.resize(i + 1, 0);
        }
        self.widths[i] = self.widths[i].max(width);
    }

    fn text(&mut self, row: RowNum, col: ColNum, text: &str, f: &Format) -> Result<(), XlsxError> {
        self.fit(col, display_width(text));
        self.ws.write_string_with_format(row, col, text, f)?;
        Ok(())
    }

    fn number(
        &mut self,
        row: RowNum,
        col: ColNum,
        n: f64,
        width: usize,
        f: &Format,
    ) -> Result<(), XlsxError> {
        self.fit(col, width);
        self.ws.write_number_with_format(row, col, n, f)?;
        Ok(())
    }

    /// Writes a date as a date; one Excel cannot hold (before 1900) as
    /// its text, rather than lose the whole workbook over it.
    fn date(&mut self, row: RowNum, col: ColNum, d: Date, f: &Format) -> Result<(), XlsxError> {
        self.fit(col, 10);
        match excel_date(d) {
            Ok(day) => self.ws.write_datetime_with_format(row, col, day, f)?,
            Err(_) => self
                .ws
                .write_string_with_format(row, col, d.to_string(), f)?,
        };
        Ok(())
    }

    /// Writes a report cell: numbers, rates and dates typed; `bold` for
    /// the total row. A list of dates is written as text (the missed
    /// sheet spreads them one a row before they get here).
    fn cell(
        &mut self,
        row: RowNum,
        col: ColNum,
        cell: &Cell<'_>,
        bold: bool,
        lang: Lang,
        s: &Styles,
    ) -> Result<(), XlsxError> {
        let b = usize::from(bold);
        let width = people_width(cell, lang);
        match cell {
            Cell::Empty => Ok(()),
            Cell::Int(n) => self.number(row, col, *n as f64, width, &s.int[b]),
            Cell::Rate(Some(r)) => self.number(row, col, *r, width, &s.percent[b]),
            Cell::Rate(None) => self.text(row, col, UNDEFINED, &s.undefined[b]),
            Cell::Date(d) => self.date(row, col, *d, &s.date[b]),
            Cell::Text(_) | Cell::Dates(_) | Cell::Word { .. } => {
                let text = for_people(cell, lang);
                self.text(row, col, &text, &s.text[b])
            }
        }
    }

    /// Sizes the columns (two more than the widest cell) and freezes the
    /// header row.
    fn finish(self) -> Result<&'w mut Worksheet, XlsxError> {
        for (col, &width) in self.widths.iter().enumerate() {
            let col = ColNum::try_from(col).unwrap_or(ColNum::MAX);
            self.ws
                .set_column_width(col, (width + 2).clamp(6, 80) as f64)?;
        }
        self.ws.set_freeze_panes(1, 0)?;
        Ok(self.ws)
    }
}

/// A date as Excel holds it (Excel has no dates before 1900: an error).
fn excel_date(d: Date) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(
        u16::try_from(d.year()).unwrap_or(0),
        d.month() as u8,
        d.day() as u8,
    )
}

/// 概览: each headline figure this month and last, and the change (rates
/// in percentage points of the figures as shown); then the title and
/// period under the table.
fn headline<'w>(
    ws: &'w mut Worksheet,
    doc: &Monthly<'_>,
    title: &str,
    lang: Lang,
    s: &Styles,
) -> Result<&'w mut Worksheet, XlsxError> {
    let mut sheet = Sheet::new(ws, MonthlyText::HeadlineSheet, lang)?;
    for (col, h) in (0..).zip(&headline_headings(doc, lang)) {
        sheet.text(0, col, h, &s.header)?;
    }
    let mut row = 1;
    for h in &doc.headline {
        sheet.text(row, 0, i18n::measure_name(h.measure, lang), &s.text[0])?;
        sheet.cell(row, 1, &figure_cell(h.current), false, lang, s)?;
        match h.previous {
            Some(previous) => sheet.cell(row, 2, &figure_cell(previous), false, lang, s)?,
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
        row += 1;
    }
    // Under the table, kept out of the column widths: they run on to the
    // right.
    let w = &doc.window;
    sheet
        .ws
        .write_string_with_format(row + 1, 0, title, &s.text[1])?;
    sheet
        .ws
        .write_string(row + 2, 0, i18n::period_line(w.from, w.to, w.as_of, lang))?;
    sheet.finish()
}

/// 趋势: each month (a date cell shown as a month), its new and rectified
/// problems, and the rate at its end.
fn trend<'w>(
    ws: &'w mut Worksheet,
    doc: &Monthly<'_>,
    lang: Lang,
    s: &Styles,
) -> Result<&'w mut Worksheet, XlsxError> {
    let mut sheet = Sheet::new(ws, MonthlyText::TrendSheet, lang)?;
    for (col, h) in (0..).zip(trend_headings(lang)) {
        sheet.text(0, col, h, &s.header)?;
    }
    for (row, t) in (1..).zip(&doc.trend) {
        sheet.date(row, 0, t.window.from, &s.month)?;
        sheet.fit(0, display_width(&i18n::month_name(t.window.from, lang)));
        sheet.cell(row, 1, &Cell::Int(t.new_problems as i64), false, lang, s)?;
        sheet.cell(row, 2, &Cell::Int(t.new_rectified as i64), false, lang, s)?;
        sheet.cell(row, 3, &Cell::Rate(t.rectification_rate), false, lang, s)?;
    }
    sheet.finish()
}

/// A report table on a sheet: the columns people see, the rows (a row
/// with a list of dates once per date), the total in bold; with a filter
/// on the header.
fn table<'w>(
    ws: &'w mut Worksheet,
    name: MonthlyText,
    report: &Report<'_>,
    lang: Lang,
    s: &Styles,
) -> Result<&'w mut Worksheet, XlsxError> {
    let mut sheet = Sheet::new(ws, name, lang)?;
    let columns = shown(report, true);
    for (col, &i) in (0..).zip(&columns) {
        sheet.text(0, col, report.columns[i].heading.label(lang), &s.header)?;
    }
    let mut row: RowNum = 1;
    for cells in &report.rows {
        let dates = cells.iter().find_map(|c| match c {
            Cell::Dates(ds) => Some(ds),
            _ => None,
        });
        let days: Vec<Option<Date>> = match dates {
            Some(ds) if !ds.is_empty() => ds.iter().copied().map(Some).collect(),
            _ => vec![None],
        };
        for day in days {
            for (col, &i) in (0..).zip(&columns) {
                match (cells.get(i), day) {
                    (Some(Cell::Dates(_)), Some(day)) => {
                        sheet.cell(row, col, &Cell::Date(day), false, lang, s)?;
                    }
                    (Some(cell), _) => sheet.cell(row, col, cell, false, lang, s)?,
                    (None, _) => {}
                }
            }
            row += 1;
        }
    }
    let last_row = row - 1;
    if let Some(total) = &report.total {
        for (col, &i) in (0..).zip(&columns) {
            if let Some(cell) = total.get(i) {
                sheet.cell(row, col, cell, true, lang, s)?;
            }
        }
    }
    let last_col = ColNum::try_from(columns.len().saturating_sub(1)).unwrap_or(ColNum::MAX);
    sheet.ws.autofilter(0, 0, last_row.max(1), last_col)?;
    sheet.finish()
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use calamine::{Data, Reader, Xlsx};

    use super::*;

    #[test]
    fn a_date_excel_cannot_hold_is_written_as_text() {
        let d = |y, m, day| Date::from_ymd_opt(y, m, day).unwrap();
        let format = Format::new().set_num_format("yyyy-mm-dd");
        let mut book = Workbook::new();
        let mut sheet =
            Sheet::new(book.add_worksheet(), MonthlyText::TrendSheet, Lang::En).unwrap();
        // Excel's dates begin at its day 0, 1899-12-31.
        sheet.date(0, 0, d(1899, 12, 30), &format).unwrap();
        sheet.date(1, 0, d(1900, 1, 1), &format).unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let mut read = Xlsx::new(Cursor::new(bytes)).unwrap();
        let cells = read
            .worksheet_range(MonthlyText::TrendSheet.label(Lang::En))
            .unwrap();
        assert_eq!(cells.get((0, 0)), Some(&Data::String("1899-12-30".into())));
        assert!(matches!(cells.get((1, 0)), Some(Data::DateTime(_))));
    }
}
