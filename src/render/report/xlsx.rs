//! Workbooks for people, as a clerk opens them in Excel or WPS and as the
//! office prints them. A report table is one sheet: the title and the
//! period on top (with the count of a listing), the notice when the data
//! has errors, then the table — its header bold, frozen and filtered,
//! numbers stored as numbers, rates as percentage cells (`0.0%`), dates as
//! dates, the total row bold, each column as wide as its longest cell (a
//! Chinese character counts two). Every sheet prints on A4, fitted to the
//! page's width (landscape when the table is wide), its header rows on
//! every page and the page number in the footer. The sheet writer is
//! shared with the monthly summary's workbook.
//!
//! Every text goes through [`Sheet::text`] (or a banner), as a string
//! cell, inert ([`inert::sheet_cell`]): nothing from the data is ever
//! written as a formula, and its control characters are shown escaped. The
//! workbook's creation time is D, so that the same ledger gives the same
//! bytes on any later day.

use std::borrow::Cow;
use std::io::{self, Write};

use chrono::Datelike;
use rust_xlsxwriter::{
    ColNum, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, RowNum, Workbook,
    Worksheet, XlsxError,
};

use super::{
    Emitter, FormatDef, Page, UNDEFINED, display_width, for_people, heading_lines, notice_lines,
    people_width, shown,
};
use crate::i18n::{self, ReportName};
use crate::inert;
use crate::lang::Lang;
use crate::model::Date;
use crate::report::monthly::Monthly;
use crate::report::notice::DataNotice;
use crate::report::{Cell, Report, targets};

/// An Excel workbook: binary.
pub(super) static FORMAT: FormatDef = FormatDef {
    name: "xlsx",
    extensions: &["xlsx"],
    binary: true,
    bom_in_files: false,
    emitter: &Xlsx,
};

/// The emitter of Excel workbooks.
struct Xlsx;

impl Emitter for Xlsx {
    fn report(&self, report: &Report<'_>, page: Page<'_>, out: &mut dyn Write) -> io::Result<()> {
        let Page { notice, lang } = page;
        let bytes = report_book(report, notice, lang).map_err(io::Error::other)?;
        out.write_all(&bytes)
    }

    fn monthly(&self, doc: &Monthly<'_>, page: Page<'_>, out: &mut dyn Write) -> io::Result<()> {
        super::monthly::xlsx::render(doc, page.notice, page.lang, out)
    }
}

fn report_book(report: &Report<'_>, notice: &DataNotice, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let (title, period) = heading_lines(report, lang);
    let mut book = workbook(&title, report.window.as_of)?;
    let styles = Styles::new(lang);
    let mut sheet = Sheet::streamed(&mut book, report.name.sheet(lang))?;
    let mut lines = vec![period];
    if report.total.is_none() {
        lines.push(i18n::rows_line(report.rows.len(), lang));
    }
    sheet.banner(&title, &lines, notice, lang, &styles);
    sheet.report(report, Dates::Joined, lang, &styles)?;
    sheet.finish(lang)?;
    if !report.targets.is_empty() {
        let targets = targets::table(report, &report.targets, lang);
        let mut sheet = Sheet::new(book.add_worksheet(), ReportName::Targets.sheet(lang))?;
        let (title, period) = heading_lines(&targets, lang);
        sheet.banner(&title, &[period], notice, lang, &styles);
        sheet.report(&targets, Dates::Joined, lang, &styles)?;
        sheet.finish(lang)?;
    }
    book.save_to_buffer()
}

/// One workbook of several report tables, a sheet each named as `sheets`
/// says (names Excel accepts: `crate::safe_name::sheet_names`), each
/// sheet with its title, period, count and notice as a single report's.
/// The workbook's title is `title`.
pub(super) fn split_book(
    title: &str,
    reports: &[(&str, &Report<'_>)],
    notice: &DataNotice,
    lang: Lang,
) -> Result<Vec<u8>, XlsxError> {
    let as_of = reports.first().map_or(Date::MIN, |(_, r)| r.window.as_of);
    let mut book = workbook(title, as_of)?;
    let styles = Styles::new(lang);
    for (sheet_name, report) in reports {
        let (title, period) = heading_lines(report, lang);
        let mut sheet = Sheet::streamed(&mut book, sheet_name)?;
        let lines = vec![period, i18n::rows_line(report.rows.len(), lang)];
        sheet.banner(&title, &lines, notice, lang, &styles);
        sheet.report(report, Dates::Joined, lang, &styles)?;
        sheet.finish(lang)?;
    }
    book.save_to_buffer()
}

/// A new workbook with its title and its creation time (D).
pub(super) fn workbook(title: &str, as_of: Date) -> Result<Workbook, XlsxError> {
    let created = excel_date(as_of)?;
    // rust_xlsxwriter (with constant_memory) makes a temporary file for
    // every sheet in the system's temp folder and unwraps it: tried once
    // here on a workbook of its own (setting it on this one would make a
    // second file per sheet), so that an unwritable temp folder is an
    // error, not a panic.
    Workbook::new().set_tempdir(std::env::temp_dir())?;
    let mut book = Workbook::new();
    book.set_properties(
        &DocProperties::new()
            .set_title(inert::visible(title).as_ref())
            .set_creation_datetime(&created),
    );
    Ok(book)
}

/// The cell formats, plain and bold (for the total row).
pub(super) struct Styles {
    pub title: Format,
    pub line: Format,
    pub notice: Format,
    pub header: Format,
    pub text: [Format; 2],
    pub int: [Format; 2],
    pub percent: [Format; 2],
    pub date: [Format; 2],
    /// `—` for an undefined rate, aligned with the numbers.
    pub undefined: [Format; 2],
    pub month: Format,
    pub points: Format,
    pub signed: Format,
}

impl Styles {
    pub fn new(lang: Lang) -> Styles {
        // Cells at the top of their row: beside a cell of several lines,
        // a row's other cells stand by its first line.
        let pair = |f: Format| {
            let f = f.set_align(FormatAlign::Top);
            [f.clone(), f.set_bold()]
        };
        let points = match lang {
            Lang::Zh => r#"+0.0" 个百分点";-0.0" 个百分点";0.0" 个百分点""#,
            Lang::En => r#"+0.0" pts";-0.0" pts";0.0" pts""#,
        };
        let month = match lang {
            Lang::Zh => r#"yyyy"年"m"月""#,
            Lang::En => "mmmm yyyy",
        };
        let banner = Format::new()
            .set_text_wrap()
            .set_align(FormatAlign::Left)
            .set_align(FormatAlign::Top);
        Styles {
            title: banner.clone().set_bold().set_font_size(TITLE_POINTS),
            line: banner.clone(),
            notice: banner.set_bold().set_border(FormatBorder::Medium),
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

/// The size of a sheet's title.
const TITLE_POINTS: f64 = 14.0;

/// The height of a line of text of the default size (11 points), in
/// points: a little more than Excel's default row (15), which Chinese
/// text in LibreOffice's fonts fills to the edge (seen in print: the last
/// line of a cell touched the row below).
const LINE_POINTS: f64 = 16.0;

/// The width, in Excel's units (about one digit of the default font), that
/// an A4 page holds upright with the default margins; a wider table is
/// printed landscape.
const PORTRAIT_WIDTH: usize = 94;

/// How a cell holding several dates is written.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Dates {
    /// As one text cell, the dates joined (a row per cadre stays one row).
    Joined,
    /// A row per date, each a date cell, the other cells repeated (a list
    /// of misses, one a row).
    Spread,
}

/// A text set above the table, across all its columns: written when the
/// columns' widths are known.
struct Banner {
    row: RowNum,
    text: String,
    format: Format,
    points: f64,
}

/// Writes one sheet, from the top down: keeps the next row, each column as
/// wide as its widest cell, the banners above the table and the header
/// row.
pub(super) struct Sheet<'w> {
    ws: &'w mut Worksheet,
    widths: Vec<usize>,
    /// The next row to write.
    pub row: RowNum,
    banners: Vec<Banner>,
    header: Option<RowNum>,
    /// Cells holding line breaks: their row, column and the width of each
    /// line, for the row's height once the columns' widths are known.
    broken: Vec<(RowNum, ColNum, Vec<usize>)>,
    /// Written top down as it goes (Excel's "constant memory" mode): the
    /// table's widths are measured before anything is written, so that
    /// the banners and each row's height can be set as they are written.
    streamed: bool,
}

impl<'w> Sheet<'w> {
    pub fn new(ws: &'w mut Worksheet, name: &str) -> Result<Self, XlsxError> {
        ws.set_name(name)?;
        Ok(Sheet {
            ws,
            widths: Vec::new(),
            row: 0,
            banners: Vec::new(),
            header: None,
            broken: Vec::new(),
            streamed: false,
        })
    }

    /// A sheet for one report table that is written row by row, each row
    /// to a temporary file as soon as the next begins (rust_xlsxwriter's
    /// constant memory mode, strings inline): a province's ledger would
    /// otherwise be held cell by cell until the workbook is saved (780 MB
    /// for 81,000 problems). Its widths are measured first
    /// ([`Sheet::report`]). The temp folder is tried by [`workbook`].
    pub fn streamed(book: &'w mut Workbook, name: &str) -> Result<Self, XlsxError> {
        let mut sheet = Sheet::new(book.add_worksheet_with_constant_memory(), name)?;
        sheet.streamed = true;
        Ok(sheet)
    }

    /// The rows above the table: the title, the `lines` under it (the
    /// period, a count), the notice when the data has errors, and a blank
    /// row.
    pub fn banner(
        &mut self,
        title: &str,
        lines: &[String],
        notice: &DataNotice,
        lang: Lang,
        s: &Styles,
    ) {
        self.push_banner(title.to_string(), &s.title, TITLE_POINTS);
        for line in lines {
            self.push_banner(line.clone(), &s.line, 11.0);
        }
        if let Some((heading, items)) = notice_lines(notice, lang) {
            let mut text = heading;
            for item in items {
                text.push_str("\n- ");
                text.push_str(&item);
            }
            self.push_banner(text, &s.notice, 11.0);
        }
        self.row += 1;
    }

    fn push_banner(&mut self, text: String, format: &Format, points: f64) {
        self.banners.push(Banner {
            row: self.row,
            text: cut(&inert::sheet_cell(&text)).into_owned(),
            format: format.clone(),
            points,
        });
        self.row += 1;
    }

    /// Writes the header row at the next row: frozen, and repeated on
    /// every printed page.
    pub fn header<'h>(
        &mut self,
        headings: impl IntoIterator<Item = &'h str>,
        s: &Styles,
    ) -> Result<(), XlsxError> {
        let row = self.row;
        for (col, h) in (0..).zip(headings) {
            self.text(row, col, h, &s.header)?;
        }
        self.header = Some(row);
        self.row += 1;
        Ok(())
    }

    /// Makes column `col` at least `width` wide.
    pub fn fit(&mut self, col: ColNum, width: usize) {
        let i = usize::from(col);
        if self.widths.len() <= i {
            self.widths.resize(i + 1, 0);
        }
        self.widths[i] = self.widths[i].max(width);
    }

    /// Writes a text cell: always a string, never a formula, its control
    /// characters shown escaped; as wide as it is shown. A text of several
    /// lines wraps, as wide as its widest line, and its row is made tall
    /// enough for them (by [`Sheet::finish`]): unwrapped, a spreadsheet
    /// draws such a cell over the rows around it.
    pub fn text(
        &mut self,
        row: RowNum,
        col: ColNum,
        text: &str,
        f: &Format,
    ) -> Result<(), XlsxError> {
        let shown = inert::sheet_cell(text);
        let shown = cut(&shown);
        let Some(lines) = line_widths(&shown) else {
            self.fit(col, display_width(&shown));
            self.ws.write_string_with_format(row, col, shown, f)?;
            return Ok(());
        };
        self.fit(col, lines.iter().copied().max().unwrap_or(0));
        self.broken.push((row, col, lines));
        let wrapped = f.clone().set_text_wrap();
        self.ws
            .write_string_with_format(row, col, shown, &wrapped)?;
        Ok(())
    }

    pub fn number(
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
    pub fn date(&mut self, row: RowNum, col: ColNum, d: Date, f: &Format) -> Result<(), XlsxError> {
        match excel_date(d) {
            Ok(day) => {
                self.fit(col, 10);
                self.ws.write_datetime_with_format(row, col, day, f)?;
                Ok(())
            }
            Err(_) => self.text(row, col, &d.to_string(), f),
        }
    }

    /// Writes a report cell: numbers, rates and dates typed; `bold` for
    /// the total row. A list of dates is written as text.
    pub fn cell(
        &mut self,
        row: RowNum,
        col: ColNum,
        cell: &Cell<'_>,
        bold: bool,
        lang: Lang,
        s: &Styles,
    ) -> Result<(), XlsxError> {
        let b = usize::from(bold);
        match cell {
            Cell::Empty => Ok(()),
            Cell::Int(n) => self.number(row, col, *n as f64, people_width(cell, lang), &s.int[b]),
            Cell::Rate(Some(r)) => {
                self.number(row, col, *r, people_width(cell, lang), &s.percent[b])
            }
            Cell::Rate(None) => self.text(row, col, UNDEFINED, &s.undefined[b]),
            Cell::Date(d) => self.date(row, col, *d, &s.date[b]),
            Cell::Text(_) | Cell::Dates(_) | Cell::Word { .. } => {
                let text = for_people(cell, lang);
                self.text(row, col, &text, &s.text[b])
            }
        }
    }

    /// How wide [`Sheet::cell`] makes a column for `cell` (a list of
    /// dates spread, a date cell).
    fn cell_width(cell: &Cell<'_>, spread: bool, lang: Lang) -> usize {
        match cell {
            Cell::Empty => 0,
            Cell::Int(_) | Cell::Rate(Some(_)) => people_width(cell, lang),
            Cell::Rate(None) => display_width(UNDEFINED),
            Cell::Date(d) if excel_date(*d).is_ok() => 10,
            Cell::Dates(ds) if spread && !ds.is_empty() => 10,
            _ => text_width(&for_people(cell, lang)),
        }
    }

    /// Makes each column as wide as [`Sheet::report`] will make it, before
    /// anything is written: the headings, the rows and the total.
    fn measure(&mut self, report: &Report<'_>, columns: &[usize], dates: Dates, lang: Lang) {
        let spread = dates == Dates::Spread;
        for (col, &i) in (0..).zip(columns) {
            let heading = report.columns[i].heading.label(lang);
            let mut width = text_width(heading);
            for row in report.rows.iter().chain(&report.total) {
                if let Some(cell) = row.get(i) {
                    width = width.max(Self::cell_width(cell, spread, lang));
                }
            }
            self.fit(col, width);
        }
    }

    /// A report table from the next row: the columns people see, the rows
    /// (with `dates`, a row with a list of dates once per date), the total
    /// in bold; a filter on the header.
    pub fn report(
        &mut self,
        report: &Report<'_>,
        dates: Dates,
        lang: Lang,
        s: &Styles,
    ) -> Result<(), XlsxError> {
        let columns = shown(report, true);
        if self.streamed {
            // Top down: the widths first, then what stands above the
            // table across them, then the rows.
            self.measure(report, &columns, dates, lang);
            self.write_banners()?;
        }
        self.header(
            columns
                .iter()
                .map(|&i| report.columns[i].heading.label(lang)),
            s,
        )?;
        let first = self.row;
        for cells in &report.rows {
            let spread = match dates {
                Dates::Spread => cells.iter().find_map(|c| match c {
                    Cell::Dates(ds) if !ds.is_empty() => Some(ds),
                    _ => None,
                }),
                Dates::Joined => None,
            };
            let days: Vec<Option<Date>> = match spread {
                Some(ds) => ds.iter().copied().map(Some).collect(),
                None => vec![None],
            };
            for day in days {
                let row = self.row;
                for (col, &i) in (0..).zip(&columns) {
                    match (cells.get(i), day) {
                        (Some(Cell::Dates(_)), Some(day)) => {
                            self.cell(row, col, &Cell::Date(day), false, lang, s)?;
                        }
                        (Some(cell), _) => self.cell(row, col, cell, false, lang, s)?,
                        (None, _) => {}
                    }
                }
                if self.streamed {
                    self.set_heights()?;
                }
                self.row += 1;
            }
        }
        let last_row = self.row.saturating_sub(1).max(first);
        if let Some(total) = &report.total {
            let row = self.row;
            for (col, &i) in (0..).zip(&columns) {
                if let Some(cell) = total.get(i) {
                    self.cell(row, col, cell, true, lang, s)?;
                }
            }
            self.row += 1;
        }
        let last_col = ColNum::try_from(columns.len().saturating_sub(1)).unwrap_or(ColNum::MAX);
        self.ws.autofilter(first - 1, 0, last_row, last_col)?;
        Ok(())
    }

    /// Sizes the columns (two more than the widest cell), writes the
    /// banners across them, freezes the header and sets the print layout.
    pub fn finish(mut self, lang: Lang) -> Result<&'w mut Worksheet, XlsxError> {
        let widths = self.column_widths();
        for (col, &width) in widths.iter().enumerate() {
            let col = ColNum::try_from(col).unwrap_or(ColNum::MAX);
            self.ws.set_column_width(col, width as f64)?;
        }
        self.write_banners()?;
        self.set_heights()?;
        let total: usize = widths.iter().sum();
        if let Some(header) = self.header {
            self.ws.set_freeze_panes(header + 1, 0)?;
            self.ws.set_repeat_rows(header, header)?;
        }
        self.ws.set_paper_size(A4);
        if total > PORTRAIT_WIDTH {
            self.ws.set_landscape();
        }
        self.ws.set_print_fit_to_pages(1, 0);
        self.ws.set_print_center_horizontally(true);
        self.ws.set_footer(i18n::page_footer(lang));
        Ok(self.ws)
    }
}

impl Sheet<'_> {
    /// The columns' widths as set: two more than the widest cell.
    fn column_widths(&self) -> Vec<usize> {
        let widths = self.widths.iter().map(|w| (w + 2).clamp(6, 80));
        if self.widths.is_empty() {
            vec![6]
        } else {
            widths.collect()
        }
    }

    /// Writes the banners kept so far across the columns, each row as tall
    /// as its text takes.
    fn write_banners(&mut self) -> Result<(), XlsxError> {
        let widths = self.column_widths();
        let total: usize = widths.iter().sum();
        let last_col = ColNum::try_from(widths.len() - 1).unwrap_or(ColNum::MAX);
        for b in std::mem::take(&mut self.banners) {
            if last_col > 0 {
                self.ws
                    .merge_range(b.row, 0, b.row, last_col, &b.text, &b.format)?;
            } else {
                self.ws
                    .write_string_with_format(b.row, 0, &b.text, &b.format)?;
            }
            // Merged cells do not grow to their text: as many lines as the
            // text takes across the table's width, a line the font's size
            // and a third.
            let lines: f64 = b
                .text
                .split('\n')
                .map(|line| {
                    let width = display_width(line) as f64 * b.points / 11.0;
                    (width / total as f64).ceil().max(1.0)
                })
                .sum();
            self.ws
                .set_row_height(b.row, lines * b.points * 4.0 / 3.0)?;
        }
        Ok(())
    }

    /// Makes each row with cells of several lines kept so far as tall as
    /// its tallest cell, a line wrapped where it is wider than its column.
    fn set_heights(&mut self) -> Result<(), XlsxError> {
        if self.broken.is_empty() {
            return Ok(());
        }
        let widths = self.column_widths();
        let mut heights: Vec<(RowNum, f64)> = Vec::new();
        for (row, col, lines) in std::mem::take(&mut self.broken) {
            let room = widths
                .get(usize::from(col))
                .map_or(1, |w| w.saturating_sub(1).max(1));
            let n: usize = lines.iter().map(|w| w.div_ceil(room).max(1)).sum();
            match heights.last_mut() {
                Some((r, most)) if *r == row => *most = most.max(n as f64),
                _ => heights.push((row, n as f64)),
            }
        }
        for (row, lines) in heights {
            self.ws.set_row_height(row, lines * LINE_POINTS)?;
        }
        Ok(())
    }
}

/// The width of the widest line of `shown` (a text as a cell holds it).
fn text_width(text: &str) -> usize {
    let shown = inert::sheet_cell(text);
    let shown = cut(&shown);
    line_widths(&shown).map_or_else(
        || display_width(&shown),
        |lines| lines.into_iter().max().unwrap_or(0),
    )
}

/// The width of each line of a text of several lines; `None` for one line.
fn line_widths(shown: &str) -> Option<Vec<usize>> {
    shown.contains('\n').then(|| {
        shown
            .split('\n')
            .map(|line| display_width(line.trim_end_matches('\r')))
            .collect()
    })
}

/// The most characters a cell holds (Excel's limit): the writer refuses a
/// longer text, which would lose the whole workbook over one cell.
const CELL_CHARS: usize = 32_767;

/// `text` as a cell holds it: cut, with `…`, at [`CELL_CHARS`].
fn cut(text: &str) -> Cow<'_, str> {
    // A char takes a byte or more: most cells are short enough to pass
    // without counting.
    if text.len() <= CELL_CHARS || text.chars().count() <= CELL_CHARS {
        return Cow::Borrowed(text);
    }
    let end = text
        .char_indices()
        .nth(CELL_CHARS - 1)
        .map_or(text.len(), |(i, _)| i);
    Cow::Owned(format!("{}…", &text[..end]))
}

/// Excel's number for A4 paper.
const A4: u8 = 9;

/// A date as Excel holds it (Excel has no dates before 1900: an error).
pub(super) fn excel_date(d: Date) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(
        u16::try_from(d.year()).unwrap_or(0),
        d.month() as u8,
        d.day() as u8,
    )
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
        let mut sheet = Sheet::new(book.add_worksheet(), "T").unwrap();
        // Excel's dates begin at its day 0, 1899-12-31.
        sheet.date(0, 0, d(1899, 12, 30), &format).unwrap();
        sheet.date(1, 0, d(1900, 1, 1), &format).unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let mut read = Xlsx::new(Cursor::new(bytes)).unwrap();
        let cells = read.worksheet_range("T").unwrap();
        assert_eq!(cells.get((0, 0)), Some(&Data::String("1899-12-30".into())));
        assert!(matches!(cells.get((1, 0)), Some(Data::DateTime(_))));
    }

    /// The XML of the first sheet of a workbook, its strings inline (as a
    /// streamed sheet writes them) or from the shared table.
    fn sheet_xml(bytes: &[u8]) -> String {
        use std::io::Read;
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        zip.by_name("xl/worksheets/sheet1.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        xml
    }

    /// What of a sheet's XML says its layout: the columns' widths, the
    /// merged ranges and each row's height.
    fn layout(xml: &str) -> (String, String, Vec<String>) {
        let between = |from: &str, to: &str| {
            xml.split_once(from)
                .and_then(|(_, rest)| rest.split_once(to))
                .map_or(String::new(), |(inside, _)| inside.to_string())
        };
        let heights = xml
            .split("<row ")
            .skip(1)
            .map(|row| {
                let attrs = row.split_once('>').map_or("", |(a, _)| a);
                let r = attrs
                    .split_once("r=\"")
                    .map_or("", |(_, x)| &x[..x.find('"').unwrap()]);
                let ht = attrs
                    .split_once("ht=\"")
                    .map_or("", |(_, x)| &x[..x.find('"').unwrap()]);
                format!("{r}:{ht}")
            })
            .collect();
        (
            between("<cols>", "</cols>"),
            between("<mergeCells", "</mergeCells>"),
            heights,
        )
    }

    #[test]
    fn a_streamed_sheet_is_laid_out_as_an_ordinary_one() {
        use crate::i18n::Heading;
        use crate::metrics::Window;
        use crate::report::{Audience, Column};
        let day = Date::from_ymd_opt(2026, 10, 31).unwrap();
        let column = |key, heading| Column {
            key,
            heading,
            audience: Audience::All,
        };
        // A long text, one of several lines (its row taller), a number, a
        // date, an undefined rate, an empty cell, and a total row.
        let report = Report {
            name: ReportName::Overdue,
            title: "T".to_string(),
            window: Window {
                from: day,
                to: day,
                as_of: day,
            },
            columns: vec![
                column("summary", Heading::ProblemSummary),
                column("days", Heading::DaysOverdue),
                column("found", Heading::Found),
                column("rate", Heading::RectificationRate),
            ],
            rows: vec![
                vec![
                    Cell::Text("宅基地纠纷长期未化解，群众多次反映".into()),
                    Cell::Int(12),
                    Cell::Date(day),
                    Cell::Rate(None),
                ],
                vec![
                    Cell::Text("道路\n破损严重，影响出行".into()),
                    Cell::Int(-3),
                    Cell::Empty,
                    Cell::Rate(Some(0.5)),
                ],
            ],
            total: Some(vec![
                Cell::Text("合计".into()),
                Cell::Int(9),
                Cell::Empty,
                Cell::Rate(Some(0.25)),
            ]),
            year: None,
            targets: Vec::new(),
        };
        let s = Styles::new(Lang::Zh);
        let write = |streamed: bool| {
            let mut book = Workbook::new();
            let mut sheet = if streamed {
                Sheet::streamed(&mut book, "T").unwrap()
            } else {
                Sheet::new(book.add_worksheet(), "T").unwrap()
            };
            assert_eq!(sheet.streamed, streamed);
            let lines = ["统计期间 2026-10-01 至 2026-10-31".to_string()];
            sheet.banner(
                "许昌市联乡帮村 问题台账",
                &lines,
                &DataNotice::default(),
                Lang::Zh,
                &s,
            );
            sheet.report(&report, Dates::Joined, Lang::Zh, &s).unwrap();
            sheet.finish(Lang::Zh).unwrap();
            book.save_to_buffer().unwrap()
        };
        let (ordinary, streamed) = (write(false), write(true));
        // The streamed sheet's strings are inline, not in the shared table.
        assert!(sheet_xml(&streamed).contains("t=\"inlineStr\""));
        assert!(!sheet_xml(&ordinary).contains("inlineStr"));
        // The same cells …
        let cells = |bytes: Vec<u8>| {
            let mut read = Xlsx::new(Cursor::new(bytes)).unwrap();
            read.worksheet_range("T").unwrap()
        };
        let (a, b) = (cells(ordinary.clone()), cells(streamed.clone()));
        assert_eq!(a.start(), b.start());
        assert_eq!(a.rows().collect::<Vec<_>>(), b.rows().collect::<Vec<_>>());
        // … the same widths, merged banners and row heights: the
        // summary's column is 36 wide (17 characters, 34, and 2), the
        // second row of the table two lines tall.
        let (cols, merged, heights) = layout(&sheet_xml(&streamed));
        assert_eq!(
            (cols.clone(), merged.clone(), heights.clone()),
            layout(&sheet_xml(&ordinary))
        );
        assert!(cols.contains("width=\"36.7109375\""), "{cols}");
        assert!(
            merged.contains("A1:D1") && merged.contains("A2:D2"),
            "{merged}"
        );
        // Two lines of 16 points: 32, which Excel keeps as 32.25.
        assert!(heights.contains(&"6:32.25".to_string()), "{heights:?}");
    }

    #[test]
    fn text_is_inert_and_never_too_long_for_a_cell() {
        let s = Styles::new(Lang::Zh);
        let mut book = Workbook::new();
        let mut sheet = Sheet::new(book.add_worksheet(), "T").unwrap();
        let long = "问".repeat(CELL_CHARS + 10);
        sheet.text(0, 0, &long, &s.text[0]).unwrap();
        sheet
            .text(1, 0, "=1+1\u{1b}[2J\u{202e}", &s.text[0])
            .unwrap();
        sheet.text(2, 0, "道路\n破损", &s.text[0]).unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let mut read = Xlsx::new(Cursor::new(bytes)).unwrap();
        let cells = read.worksheet_range("T").unwrap();
        // Excel's limit, the last character the mark of the cut.
        let Some(Data::String(cut)) = cells.get((0, 0)) else {
            panic!("{:?}", cells.get((0, 0)))
        };
        assert_eq!(cut.chars().count(), CELL_CHARS);
        assert!(cut.ends_with("问…"));
        // A string, not a formula; the controls shown, the break kept.
        assert_eq!(
            cells.get((1, 0)),
            Some(&Data::String("=1+1\\u{1b}[2J\\u{202e}".into()))
        );
        assert_eq!(cells.get((2, 0)), Some(&Data::String("道路\n破损".into())));
    }
}
