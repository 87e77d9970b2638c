//! The monthly summary as one self-contained HTML file that prints well on
//! A4: inline `<style>`, inline SVG charts from [`crate::render::svg`], no
//! script, no font or file from anywhere else. The sections are those of
//! the Markdown; the headline is a grid of figures, the counties get two
//! bar charts and their table on a landscape page of its own, the trend a
//! line chart. Everything is black and grey, so it reads the same printed
//! in grey scale.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::super::display_width;
use super::{Body, Grid, Section, change, figure_text, previous_text, sections};
use crate::i18n::{self, Lang, MonthlyText, ReportName};
use crate::render::svg::{self, Bar, Labels, Series, xml};
use crate::report::monthly::{Figure, Monthly};
use crate::report::{Cell, Report};

/// The page: A4 portrait, the county table on an A4 landscape page; one
/// font stack with the charts.
const STYLE: &str = "
@page { size: A4; margin: 15mm 14mm; }
@page wide { size: A4 landscape; margin: 12mm; }
* { box-sizing: border-box; }
html { color: #000; background: #fff; }
body { font-family: FONT; font-size: 10.5pt; line-height: 1.45; max-width: 270mm; margin: 0 auto; padding: 8mm 4mm; }
h1 { font-size: 17pt; margin: 0 0 1mm; }
h2 { font-size: 13pt; margin: 7mm 0 3mm; padding-bottom: 1mm; border-bottom: 1.5pt solid #000; break-after: avoid; }
p { margin: 0; }
.period { color: #333; }
.note { margin-top: 2mm; font-size: 9pt; color: #333; }
code { font-family: monospace; font-size: 8.5pt; }
.cards { display: grid; grid-template-columns: repeat(5, 1fr); gap: 2.5mm; }
.card { border: 0.75pt solid #777; padding: 1.5mm 2.5mm; break-inside: avoid; }
.card .label { font-size: 9pt; color: #333; }
.card .value { font-size: 16pt; font-weight: bold; line-height: 1.3; }
.card .was { font-size: 8pt; color: #333; white-space: nowrap; }
h3 { font-size: 10.5pt; margin: 3mm 0 1mm; break-after: avoid; }
ul.cols { columns: 19em; column-gap: 6mm; margin: 0; padding: 0; list-style: none; font-size: 9pt; }
ul.cols li { break-inside: avoid; }
figure { margin: 3mm 0 5mm; max-width: 170mm; break-inside: avoid; }
svg { display: block; width: 100%; height: auto; }
table { border-collapse: collapse; max-width: 100%; font-size: 9pt; }
caption { text-align: left; font-weight: bold; padding-bottom: 1.5mm; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 0.5pt solid #999; padding: 0.8mm 1.5mm; vertical-align: top; }
th { background: #e8e8e8; font-weight: bold; text-align: center; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
td.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.k { white-space: nowrap; }
tr.total td { font-weight: bold; border-top: 1.2pt solid #000; }
.wide { page: wide; }
.wide table { width: 100%; font-size: 8pt; }
.wide th { font-size: 7.5pt; word-break: keep-all; }
.wide th, .wide td { padding: 0.6mm 1mm; }
.wide td:first-child { white-space: nowrap; }
@media print { body { max-width: none; padding: 0; } }
";

pub fn render(doc: &Monthly<'_>, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let title = i18n::monthly_title(&doc.name, doc.window.from, lang);
    let w = &doc.window;
    let mut html = String::with_capacity(64 * 1024);
    let html_lang = match lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    };
    let _ = writeln!(
        html,
        "<!DOCTYPE html>\n<html lang=\"{html_lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n<h1>{}</h1>\n<p class=\"period\">{}</p>",
        xml(&title),
        STYLE.replace("FONT", svg::FONT),
        xml(&title),
        xml(&i18n::period_line(w.from, w.to, w.as_of, lang)),
    );
    for section in sections(doc, lang) {
        let _ = writeln!(html, "<h2>{}</h2>", xml(section.part.label(lang)));
        match section.part {
            MonthlyText::Headline => {
                cards(&mut html, doc, lang);
                note(&mut html, &section);
            }
            MonthlyText::Counties => counties(&mut html, doc, &section, lang),
            MonthlyText::Trend => {
                // One month (the data's first) makes no line: its table
                // says it all.
                if doc.trend.len() > 1 {
                    figure(&mut html, &trend_chart(doc, lang));
                }
                body(&mut html, &section);
            }
            _ => body(&mut html, &section),
        }
    }
    html.push_str("</body>\n</html>\n");
    out.write_all(html.as_bytes())
}

/// The headline as a grid of figures: each with last month's and the
/// change.
fn cards(html: &mut String, doc: &Monthly<'_>, lang: Lang) {
    html.push_str("<div class=\"cards\">\n");
    for h in &doc.headline {
        let _ = writeln!(
            html,
            "<div class=\"card\"><div class=\"label\">{}</div><div class=\"value\">{}</div><div class=\"was\">{} {}</div><div class=\"was\">{}</div></div>",
            xml(i18n::measure_name(h.measure, lang)),
            xml(&figure_text(h.current, lang)),
            xml(MonthlyText::LastMonth.label(lang)),
            xml(&previous_text(h.previous, lang)),
            xml(&i18n::change_text(change(h.current, h.previous), lang)),
        );
    }
    html.push_str("</div>\n");
}

/// Two bar charts by county (the total last), then the county table on a
/// landscape page.
fn counties(html: &mut String, doc: &Monthly<'_>, section: &Section, lang: Lang) {
    let percent = |v: f64| figure_text(Figure::Rate(Some(v)), lang);
    let labels = Labels {
        value: &percent,
        right: &percent,
        undefined: super::super::UNDEFINED,
    };
    for (key, title) in [
        ("rectification_rate", MonthlyText::RectificationChart),
        ("attendance_rate", MonthlyText::AttendanceChart),
    ] {
        let bars = county_bars(&doc.counties, key);
        figure(html, &svg::bars(title.label(lang), &bars, 1.0, &labels));
    }
    if let Body::Table(grid) = &section.body {
        html.push_str("<div class=\"wide\">\n");
        table(html, grid, Some(ReportName::SummaryByCounty.title(lang)));
        html.push_str("</div>\n");
    }
}

/// One bar per county row, and the total, of the rate in column `key`.
fn county_bars(counties: &Report<'_>, key: &str) -> Vec<Bar> {
    let (Some(name), Some(value)) = (counties.column("county"), counties.column(key)) else {
        return Vec::new();
    };
    counties
        .rows
        .iter()
        .chain(&counties.total)
        .map(|row| Bar {
            // As it is shown, control characters escaped: the chart
            // measures the label it writes.
            label: match row.get(name) {
                Some(Cell::Text(t)) => crate::inert::visible(t).into_owned(),
                _ => String::new(),
            },
            value: match row.get(value) {
                Some(Cell::Rate(r)) => *r,
                _ => None,
            },
        })
        .collect()
}

/// The six months: new and rectified problems (left axis), the
/// rectification rate at each month's end (right axis).
fn trend_chart(doc: &Monthly<'_>, lang: Lang) -> String {
    use crate::report::monthly::Measure;
    let ticks: Vec<String> = doc
        .trend
        .iter()
        .enumerate()
        .map(|(i, t)| {
            use chrono::Datelike;
            let month = t.window.from;
            i18n::month_tick(month, i == 0 || month.month() == 1, lang)
        })
        .collect();
    let series = [
        Series {
            name: i18n::measure_name(Measure::NewProblems, lang).to_string(),
            values: doc
                .trend
                .iter()
                .map(|t| Some(t.new_problems as f64))
                .collect(),
            right_axis: false,
        },
        Series {
            name: i18n::measure_name(Measure::NewRectified, lang).to_string(),
            values: doc
                .trend
                .iter()
                .map(|t| Some(t.new_rectified as f64))
                .collect(),
            right_axis: false,
        },
        Series {
            name: MonthlyText::TrendRate.label(lang).to_string(),
            values: doc.trend.iter().map(|t| t.rectification_rate).collect(),
            right_axis: true,
        },
    ];
    let count = |v: f64| {
        if v.fract() == 0.0 {
            format!("{v:.0}")
        } else {
            format!("{v:.1}")
        }
    };
    let percent = |v: f64| figure_text(Figure::Rate(Some(v)), lang);
    let labels = Labels {
        value: &count,
        right: &percent,
        undefined: super::super::UNDEFINED,
    };
    svg::lines(
        MonthlyText::TrendChart.label(lang),
        &ticks,
        &series,
        &labels,
    )
}

fn figure(html: &mut String, svg: &str) {
    let _ = writeln!(html, "<figure>{svg}</figure>");
}

/// A section's table or lists, and the line under it.
fn body(html: &mut String, section: &Section) {
    match &section.body {
        Body::Table(grid) => table(html, grid, None),
        Body::Groups(groups) => {
            for group in groups {
                let _ = write!(
                    html,
                    "<h3>{}</h3>\n<ul class=\"cols\">",
                    xml(&group.heading)
                );
                for item in &group.items {
                    let _ = write!(html, "<li>{}</li>", xml(item));
                }
                html.push_str("</ul>\n");
            }
        }
        Body::Nothing => {}
    }
    note(html, section);
}

/// The line under a section, if it has one.
fn note(html: &mut String, section: &Section) {
    if let Some(note) = &section.note {
        let _ = writeln!(html, "<p class=\"note\">{}</p>", code_spans(note));
    }
}

/// The widest cell (in columns: a Chinese character counts two) that a
/// table keeps on one line: a date, a name of five characters.
const SHORT: usize = 10;

fn table(html: &mut String, grid: &Grid, caption: Option<&str>) {
    html.push_str("<table>\n");
    if let Some(caption) = caption {
        let _ = writeln!(html, "<caption>{}</caption>", xml(caption));
    }
    html.push_str("<thead><tr>");
    for h in &grid.headings {
        let _ = write!(html, "<th>{}</th>", xml(h));
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
            let _ = write!(html, "{td}{}</td>", xml(cell));
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

/// A note with its Markdown code spans (`bangcun report …`) as `<code>`.
fn code_spans(note: &str) -> String {
    let mut out = String::new();
    for (i, part) in note.split('`').enumerate() {
        if i % 2 == 1 {
            let _ = write!(out, "<code>{}</code>", xml(part));
        } else {
            out.push_str(&xml(part));
        }
    }
    out
}
