//! HTML for people: one self-contained page per document (inline
//! `<style>`, no script, no font or file from anywhere else) that prints
//! well on A4, in black and grey. A report table is its title, the period,
//! the notice when the data has errors, and the table, whose header is
//! repeated on every printed page; a wide table (the summary) is printed
//! landscape. The page's head, the notice and the table are shared with
//! the monthly summary. Every text from the data goes through [`text`].

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{
    Emitter, FormatDef, Grid, Page, display_width, heading_lines, notice_lines, report_grid,
};
use crate::i18n::{self, ReportName};
use crate::lang::Lang;
use crate::render::svg;
use crate::report::monthly::Monthly;
use crate::report::notice::DataNotice;
use crate::report::{Report, targets};

/// The style every page shares: A4, one font stack with the charts,
/// tables with their header on every printed page, the notice.
const STYLE: &str = "
@page { size: A4; margin: 15mm 14mm; @bottom-center { content: counter(page) ' / ' counter(pages); font-size: 8pt; } }
* { box-sizing: border-box; }
html { color: #000; background: #fff; }
body { font-family: FONT; font-size: 10.5pt; line-height: 1.45; max-width: 270mm; margin: 0 auto; padding: 8mm 4mm; }
h1 { font-size: 17pt; margin: 0 0 1mm; }
h2 { font-size: 13pt; margin: 7mm 0 3mm; padding-bottom: 1mm; border-bottom: 1.5pt solid #000; break-after: avoid; }
p { margin: 0; }
.period { color: #333; }
.note { margin-top: 2mm; font-size: 9pt; color: #333; }
.notice { margin: 3mm 0 4mm; padding: 2mm 3mm; border: 1.5pt solid #000; break-inside: avoid; }
.notice p { font-weight: bold; }
.notice ul { margin: 1mm 0 0; padding-left: 5mm; }
table { border-collapse: collapse; max-width: 100%; font-size: 9pt; margin-top: 3mm; }
caption { text-align: left; font-weight: bold; padding-bottom: 1.5mm; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 0.5pt solid #999; padding: 0.8mm 1.5mm; vertical-align: top; }
th { background: #e8e8e8; font-weight: bold; text-align: center; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
td.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.k { white-space: nowrap; }
tr.total td { font-weight: bold; border-top: 1.2pt solid #000; }
@media print { body { max-width: none; padding: 0; } }
";

/// A table whose columns take more than this (the widest cell of each, in
/// terminal columns, up to [`LONG`]) is printed landscape, smaller: what
/// an A4 page holds upright at 9pt.
const WIDE: usize = 100;

/// A cell longer than this wraps in its column.
const LONG: usize = 30;

/// What a report adds: its table across the page.
const REPORT_STYLE: &str = "
table { width: 100%; }
";

/// What a wide report adds: a landscape page, a smaller type.
const WIDE_STYLE: &str = "
@page { size: A4 landscape; margin: 12mm; }
table { width: 100%; font-size: 8pt; }
th { font-size: 7.5pt; word-break: keep-all; }
th, td { padding: 0.6mm 1mm; }
td:first-child { white-space: nowrap; }
";

/// One HTML page for A4 print.
pub(super) static FORMAT: FormatDef = FormatDef {
    name: "html",
    extensions: &["html", "htm"],
    binary: false,
    bom_in_files: false,
    emitter: &Html,
};

/// The emitter of HTML pages.
struct Html;

impl Emitter for Html {
    fn report(&self, report: &Report<'_>, page: Page<'_>, out: &mut dyn Write) -> io::Result<()> {
        let Page { notice, lang } = page;
        let (title, period) = heading_lines(report, lang);
        let grid = report_grid(report, lang, usize::MAX);
        let wide = (0..grid.headings.len())
            .map(|i| {
                grid.rows
                    .iter()
                    .chain(&grid.total)
                    .chain([&grid.headings])
                    .filter_map(|r| r.get(i))
                    .map(|c| display_width(c).min(LONG))
                    .max()
                    .unwrap_or(0)
                    + 2
            })
            .sum::<usize>()
            > WIDE;
        let mut html = String::with_capacity(16 * 1024 + report.rows.len() * 256);
        head(
            &mut html,
            &title,
            &period,
            if wide { WIDE_STYLE } else { REPORT_STYLE },
            lang,
        );
        notice_box(&mut html, notice, lang);
        table(&mut html, &grid, None);
        if report.total.is_none() {
            let _ = writeln!(
                html,
                "<p class=\"note\">{}</p>",
                text(&i18n::rows_line(report.rows.len(), lang))
            );
        }
        if !report.targets.is_empty() {
            let targets = targets::table(report, &report.targets, lang);
            let _ = writeln!(html, "<h2>{}</h2>", text(ReportName::Targets.title(lang)));
            table(&mut html, &report_grid(&targets, lang, usize::MAX), None);
        }
        html.push_str("</body>\n</html>\n");
        out.write_all(html.as_bytes())
    }

    fn monthly(&self, doc: &Monthly<'_>, page: Page<'_>, out: &mut dyn Write) -> io::Result<()> {
        super::monthly::html::render(doc, page.notice, page.lang, out)
    }
}

/// Text from the data or the catalog, inert in HTML
/// ([`crate::inert::html`]: no markup, control characters shown escaped).
pub(super) fn text(s: &str) -> String {
    crate::inert::html(s)
}

/// What a reminder letter adds: an upright A4 page when the table fits,
/// the addressee and the sign-off set as a letter's.
const LETTER_STYLE: &str = "
h1 { text-align: center; font-size: 18pt; margin: 4mm 0 6mm; }
p.to { font-weight: bold; margin-bottom: 2mm; }
p.body { text-indent: 2em; margin-bottom: 2mm; }
p.sign { text-align: right; margin-top: 10mm; line-height: 1.8; }
table { width: 100%; }
";

/// A reminder letter (督办函) to one responsible unit: a title, the unit
/// as addressee, what is asked of it, the table of its overdue problems,
/// and the issuer and date, on A4 (landscape when the table is wide).
/// Nothing in it names a program or a command.
pub(super) fn letter(
    report: &Report<'_>,
    (issuer, addressee): (&str, &str),
    page: Page<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let Page { notice, lang } = page;
    let grid = report_grid(report, lang, usize::MAX);
    let d = report.window.as_of;
    let n = report.rows.len();
    let (title, to, body, date) = match lang {
        Lang::Zh => (
            format!("{issuer}逾期问题督办函"),
            format!("{addressee}："),
            format!(
                "截至{}，你单位负责整改的以下 {n} 个问题已超过整改时限，尚未完成整改。请抓紧整改到位，并及时报送整改情况。",
                chinese_date(d)
            ),
            chinese_date(d),
        ),
        Lang::En => {
            // 30 April 2026, as a letter is dated.
            let day = format!(
                "{} {}",
                chrono::Datelike::day(&d),
                i18n::month_name(d, lang)
            );
            let body = if n == 1 {
                format!(
                    "As of {day}, the problem below, for which your unit is responsible, is past its deadline and not rectified. Please rectify it and report on its progress."
                )
            } else {
                format!(
                    "As of {day}, the {n} problems below, for which your unit is responsible, are past their deadline and not rectified. Please rectify them and report on their progress."
                )
            };
            (
                format!("{issuer}: Reminder of overdue problems"),
                format!("To {addressee}:"),
                body,
                day,
            )
        }
    };
    let wide = grid.headings.len() > 9;
    let mut html = String::with_capacity(8 * 1024 + n * 256);
    let html_lang = lang.pick("zh-CN", "en");
    let _ = writeln!(
        html,
        "<!DOCTYPE html>\n<html lang=\"{html_lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{}{}{LETTER_STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n<p class=\"to\">{}</p>\n<p class=\"body\">{}</p>",
        text(&title),
        STYLE.replace("FONT", svg::FONT),
        if wide { WIDE_STYLE } else { "" },
        text(&title),
        text(&to),
        text(&body),
    );
    notice_box(&mut html, notice, lang);
    table(&mut html, &grid, None);
    let _ = writeln!(
        html,
        "<p class=\"sign\">{}<br>{}</p>\n</body>\n</html>",
        text(issuer),
        text(&date)
    );
    out.write_all(html.as_bytes())
}

/// 2026年10月31日, as a letter is dated.
fn chinese_date(d: crate::model::Date) -> String {
    use chrono::Datelike;
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// The page up to the end of its heading: the document's `lang`, its
/// title, the shared style and `style` after it, then the title and the
/// period line.
pub(super) fn head(html: &mut String, title: &str, period: &str, style: &str, lang: Lang) {
    let html_lang = match lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    };
    let _ = writeln!(
        html,
        "<!DOCTYPE html>\n<html lang=\"{html_lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{}{style}</style>\n</head>\n<body>\n<h1>{}</h1>\n<p class=\"period\">{}</p>",
        text(title),
        STYLE.replace("FONT", svg::FONT),
        text(title),
        text(period),
    );
}

/// The notice when the data has errors: a framed box under the heading.
pub(super) fn notice_box(html: &mut String, notice: &DataNotice, lang: Lang) {
    let Some((heading, items)) = notice_lines(notice, lang) else {
        return;
    };
    let _ = write!(
        html,
        "<div class=\"notice\" role=\"note\">\n<p>{}</p>\n<ul>",
        text(&heading)
    );
    for item in items {
        let _ = write!(html, "<li>{}</li>", text(&item));
    }
    html.push_str("</ul>\n</div>\n");
}

/// The widest cell (in columns: a Chinese character counts two) that a
/// table keeps on one line: a date, a name of five characters.
const SHORT: usize = 10;

/// A table: the header (repeated on each printed page), the rows, and the
/// total row set apart.
pub(super) fn table(html: &mut String, grid: &Grid, caption: Option<&str>) {
    html.push_str("<table>\n");
    if let Some(caption) = caption {
        let _ = writeln!(html, "<caption>{}</caption>", text(caption));
    }
    html.push_str("<thead><tr>");
    for h in &grid.headings {
        let _ = write!(html, "<th>{}</th>", text(h));
    }
    html.push_str("</tr></thead>\n<tbody>\n");
    // Numbers align right; short cells (a date, a name, a category) keep
    // to one line, so that the long ones (places, summaries) wrap instead.
    let class: Vec<&str> = (0..grid.headings.len())
        .map(|i| {
            let short = grid
                .rows
                .iter()
                .all(|r| r.get(i).is_none_or(|c| display_width(c) <= SHORT));
            match (grid.right.get(i).copied().unwrap_or(false), short) {
                (true, _) => "<td class=\"n\">",
                (false, true) => "<td class=\"k\">",
                (false, false) => "<td>",
            }
        })
        .collect();
    let mut row = |cells: &[String], tr: &str| {
        let _ = write!(html, "<tr{tr}>");
        for (cell, td) in cells.iter().zip(&class) {
            let _ = write!(html, "{td}{}</td>", text(cell));
        }
        html.push_str("</tr>\n");
    };
    for cells in &grid.rows {
        row(cells, "");
    }
    if let Some(total) = &grid.total {
        row(total, " class=\"total\"");
    }
    html.push_str("</tbody>\n</table>\n");
}
