//! The monthly summary as one self-contained HTML file that prints well on
//! A4: inline `<style>`, inline SVG charts from [`crate::render::svg`], no
//! script, no font or file from anywhere else; its head, the notice when
//! the data has errors, and its tables are those of the report tables'
//! pages ([`super::super::html`]). The sections are those of the
//! Markdown; the headline is a grid of figures, the counties get two
//! bar charts and their table on a landscape page of its own, the trend a
//! line chart. Everything is black and grey, so it reads the same printed
//! in grey scale.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::super::html::{head, notice_box, table, text};
use super::{
    Body, Section, change, figure_text, previous_stand_text, previous_text, quota_change, sections,
    stand_text,
};
use crate::i18n::{self, MonthlyText, ReportName};
use crate::lang::Lang;
use crate::metrics::Figures;
use crate::render::svg::{self, Bar, Labels, Series};
use crate::report::monthly::{Figure, Monthly};
use crate::report::notice::DataNotice;

/// What the summary adds to the shared style: the problem lists across
/// the page in smaller type, the headline's cards, the per-county lists,
/// the charts, and the county table on an A4 landscape page of its own.
const STYLE: &str = "
@page wide { size: A4 landscape; margin: 12mm; }
.list table { width: 100%; font-size: 8pt; }
.list th, .list td { padding: 0.5mm 1mm; }
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
.wide { page: wide; }
.wide table { width: 100%; font-size: 8pt; }
.wide th { font-size: 7.5pt; word-break: keep-all; }
.wide th, .wide td { padding: 0.6mm 1mm; }
.wide td:first-child { white-space: nowrap; }
";

pub fn render(
    doc: &Monthly<'_>,
    notice: &DataNotice,
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<()> {
    let title = i18n::monthly_title(&doc.name, doc.window.from, lang);
    let w = &doc.window;
    let mut html = String::with_capacity(64 * 1024);
    let period = i18n::period_line(w.from, w.to, w.as_of, lang);
    head(&mut html, &title, &period, STYLE, lang);
    notice_box(&mut html, notice, lang);
    for section in sections(doc, lang) {
        let _ = writeln!(html, "<h2>{}</h2>", text(section.part.label(lang)));
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
            // Ten columns on an upright page: across it, in smaller type,
            // so that places and units wrap less.
            MonthlyText::Overdue | MonthlyText::Revisits => {
                html.push_str("<div class=\"list\">\n");
                body(&mut html, &section);
                html.push_str("</div>\n");
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
            text(h.measure.name(lang)),
            text(&figure_text(h.current, lang)),
            text(MonthlyText::LastMonth.label(lang)),
            text(&previous_text(h.previous, lang)),
            text(&i18n::change_text(change(h.current, h.previous), lang)),
        );
    }
    for q in &doc.quotas {
        let _ = writeln!(
            html,
            "<div class=\"card\"><div class=\"label\">{}</div><div class=\"value\">{}</div><div class=\"was\">{} {}</div><div class=\"was\">{}</div></div>",
            text(&i18n::quota_headline_name(&q.name, &q.current.period, lang)),
            text(&stand_text(&q.current, lang)),
            text(MonthlyText::LastMonth.label(lang)),
            text(&previous_stand_text(q.previous.as_ref(), lang)),
            text(&i18n::change_text(quota_change(q), lang)),
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
    for (rate, title) in [
        (
            Figures::rectification_rate as fn(&Figures) -> Option<f64>,
            MonthlyText::RectificationChart,
        ),
        (Figures::attendance_rate, MonthlyText::AttendanceChart),
    ] {
        let bars = county_bars(doc, rate, lang);
        figure(html, &svg::bars(title.label(lang), &bars, 1.0, &labels));
    }
    if let Body::Table(grid) = &section.body {
        html.push_str("<div class=\"wide\">\n");
        table(html, grid, Some(ReportName::SummaryByCounty.title(lang)));
        html.push_str("</div>\n");
    }
}

/// One bar per county, and the total, of one of their rates.
fn county_bars(doc: &Monthly<'_>, rate: fn(&Figures) -> Option<f64>, lang: Lang) -> Vec<Bar> {
    let counties = doc.county_figures.iter().map(|(c, f)| (&*c.name, f));
    let total = std::iter::once((i18n::total_label(lang), &doc.total));
    counties
        .chain(total)
        .map(|(name, f)| Bar {
            // As it is shown, control characters escaped: the chart
            // measures the label it writes.
            label: crate::inert::visible(name).into_owned(),
            value: rate(f),
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
            name: Measure::NewProblems.name(lang).to_string(),
            values: doc
                .trend
                .iter()
                .map(|t| Some(t.new_problems as f64))
                .collect(),
            right_axis: false,
        },
        Series {
            name: Measure::NewRectified.name(lang).to_string(),
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
                    text(&group.heading)
                );
                for item in &group.items {
                    let _ = write!(html, "<li>{}</li>", text(item));
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
        let _ = writeln!(html, "<p class=\"note\">{}</p>", text(note));
    }
}
