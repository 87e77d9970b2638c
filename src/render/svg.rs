//! Charts as inline SVG, drawn by hand for the HTML monthly summary: a
//! horizontal bar chart (one bar per county) and a line chart (a six-month
//! trend). Made to print on A4 in grey scale: every value is written beside
//! its mark, and series differ by dash and marker shape, not by colour
//! alone. No scripts, no external fonts or files.

use std::fmt::Write as _;

/// The font stack: the system's Chinese sans-serif faces, then any.
pub const FONT: &str = "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC','WenQuanYi Micro Hei',sans-serif";

/// One bar: a label and its value (`None`: undefined, drawn as a dash).
#[derive(Clone, Debug)]
pub struct Bar {
    pub label: String,
    pub value: Option<f64>,
}

/// One line of a line chart.
#[derive(Clone, Debug)]
pub struct Series {
    pub name: String,
    /// One value per x label; `None` leaves a gap.
    pub values: Vec<Option<f64>>,
    /// Drawn against the right axis (a rate) rather than the left (counts).
    pub right_axis: bool,
}

/// How values are written beside their marks.
pub struct Labels<'a> {
    /// For bars and left-axis values.
    pub value: &'a dyn Fn(f64) -> String,
    /// For right-axis values (rates).
    pub right: &'a dyn Fn(f64) -> String,
    /// For an undefined value.
    pub undefined: &'a str,
}

/// Width in user units of `text` at `size`: CJK and other wide characters
/// take about one em, the rest about half.
fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.55 } else { 1.0 })
        .sum::<f64>()
        * size
}

/// Escapes text for XML (and so for HTML text and attributes), control
/// characters shown escaped: [`crate::inert::html`].
pub fn xml(text: &str) -> String {
    crate::inert::html(text)
}

/// Opens a chart. Without a namespace: the charts are inline in HTML,
/// where the `svg` element needs none, and the page refers to no address.
fn open(out: &mut String, width: f64, height: f64, title: &str) {
    let _ = write!(
        out,
        r#"<svg viewBox="0 0 {width:.0} {height:.0}" width="{width:.0}" height="{height:.0}" role="img" aria-label="{t}" font-family="{FONT}" font-size="12"><title>{t}</title>"#,
        t = xml(title)
    );
    let _ = write!(
        out,
        r##"<text x="0" y="16" font-size="14" font-weight="bold" fill="#000">{}</text>"##,
        xml(title)
    );
}

/// A horizontal bar chart with the value written at the end of each bar;
/// `max` is the value of a full-length bar (e.g. 1.0 for rates).
///
/// Up to 40 bars stand in one column at full size. More (a province has
/// some 180 counties) are set in columns side by side, rows made lower and
/// type smaller as needed, so that the chart stays within one printed
/// page, never cut across two.
pub fn bars(title: &str, bars: &[Bar], max: f64, labels: &Labels) -> String {
    const TOP: f64 = 30.0;
    const WIDTH: f64 = 640.0;
    let columns = if bars.len() <= ONE_COLUMN {
        1
    } else {
        bars.len().div_ceil(ROWS_PER_COLUMN).max(2)
    };
    let rows = bars.len().div_ceil(columns).max(1);
    let row = (MAX_HEIGHT / rows as f64).min(22.0);
    let size = (row * 0.55).clamp(7.0, 12.0);
    let column_width = WIDTH / columns as f64;
    let label_width = bars
        .iter()
        .map(|b| text_width(&b.label, size))
        .fold(0.0, f64::max)
        + size * 0.7;
    let value_room = size * 5.0;
    let bar_room = (column_width - label_width - value_room - 8.0).max(size * 4.0);
    let height = TOP + row * rows as f64 + 8.0;
    let mut out = String::new();
    open(&mut out, WIDTH, height, title);
    for (c, column) in bars.chunks(rows).enumerate() {
        let left = column_width * c as f64;
        let axis = left + label_width;
        // The axis line, where bars start.
        let _ = write!(
            out,
            r##"<line x1="{axis:.1}" y1="{TOP:.1}" x2="{axis:.1}" y2="{:.1}" stroke="#000" stroke-width="1"/>"##,
            TOP + row * column.len() as f64
        );
        for (i, bar) in column.iter().enumerate() {
            let y = TOP + row * i as f64;
            let text_y = y + row / 2.0 + size * 0.36;
            let _ = write!(
                out,
                r##"<text x="{:.1}" y="{text_y:.1}" text-anchor="end" font-size="{size:.1}" fill="#000">{}</text>"##,
                axis - size / 2.0,
                xml(&bar.label)
            );
            let (length, shown) = match bar.value {
                Some(v) if max > 0.0 => ((v / max).clamp(0.0, 1.0) * bar_room, (labels.value)(v)),
                Some(v) => (0.0, (labels.value)(v)),
                None => (0.0, labels.undefined.to_string()),
            };
            if length > 0.0 {
                let _ = write!(
                    out,
                    r##"<rect x="{axis:.1}" y="{:.1}" width="{length:.1}" height="{:.1}" fill="#4d4d4d"/>"##,
                    y + row * 0.18,
                    row * 0.64
                );
            }
            let _ = write!(
                out,
                r##"<text x="{:.1}" y="{text_y:.1}" font-size="{size:.1}" fill="#000">{}</text>"##,
                axis + length + size / 3.0,
                xml(&shown)
            );
        }
    }
    out.push_str("</svg>");
    out
}

/// The most bars one column holds at full size.
const ONE_COLUMN: usize = 40;

/// The most rows a column of a chart of many bars has: more bars make
/// more columns.
const ROWS_PER_COLUMN: usize = 95;

/// The tallest a bar chart's rows run, in its units: with the page's
/// scale (a 640-unit chart about 170 mm wide), one A4 page less its
/// heading.
const MAX_HEIGHT: f64 = 880.0;

/// Dash patterns and markers that tell series apart in grey scale.
const STYLES: [(&str, &str, Marker); 4] = [
    ("#000", "", Marker::Circle),
    ("#555", "6 3", Marker::Square),
    ("#333", "2 3", Marker::Triangle),
    ("#777", "10 3 2 3", Marker::Diamond),
];

#[derive(Clone, Copy)]
enum Marker {
    Circle,
    Square,
    Triangle,
    Diamond,
}

fn marker(out: &mut String, shape: Marker, x: f64, y: f64, color: &str) {
    let _ = match shape {
        Marker::Circle => write!(
            out,
            r#"<circle cx="{x:.1}" cy="{y:.1}" r="3.5" fill="{color}"/>"#
        ),
        Marker::Square => write!(
            out,
            r#"<rect x="{:.1}" y="{:.1}" width="7" height="7" fill="{color}"/>"#,
            x - 3.5,
            y - 3.5
        ),
        Marker::Triangle => write!(
            out,
            r#"<path d="M{x:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}Z" fill="{color}"/>"#,
            y - 4.5,
            x + 4.5,
            y + 3.5,
            x - 4.5,
            y + 3.5
        ),
        Marker::Diamond => write!(
            out,
            r#"<path d="M{x:.1} {:.1}L{:.1} {y:.1}L{x:.1} {:.1}L{:.1} {y:.1}Z" fill="{color}"/>"#,
            y - 4.5,
            x + 4.5,
            y + 4.5,
            x - 4.5
        ),
    };
}

/// A line chart over `x` labels: counts against the left axis, rates
/// (0 to 1) against the right. Each point is labelled with its value.
pub fn lines(title: &str, x: &[String], series: &[Series], labels: &Labels) -> String {
    const WIDTH: f64 = 640.0;
    const HEIGHT: f64 = 300.0;
    let (left, right, top, bottom) = (56.0, WIDTH - 56.0, 48.0, HEIGHT - 56.0);
    let mut out = String::new();
    open(&mut out, WIDTH, HEIGHT, title);

    // Legend, under the title: a sample of each line with its name.
    let mut lx = 0.0;
    for (i, s) in series.iter().enumerate() {
        let (color, dash, shape) = STYLES[i % STYLES.len()];
        let _ = write!(
            out,
            r#"<line x1="{lx:.1}" y1="30" x2="{:.1}" y2="30" stroke="{color}" stroke-width="2" stroke-dasharray="{dash}"/>"#,
            lx + 28.0
        );
        marker(&mut out, shape, lx + 14.0, 30.0, color);
        let _ = write!(
            out,
            r##"<text x="{:.1}" y="34" fill="#000">{}</text>"##,
            lx + 34.0,
            xml(&s.name)
        );
        lx += 34.0 + text_width(&s.name, 12.0) + 18.0;
    }

    let left_max = series
        .iter()
        .filter(|s| !s.right_axis)
        .flat_map(|s| s.values.iter().flatten())
        .fold(0.0, |m: f64, v| m.max(*v));
    let left_max = nice_ceiling(left_max);
    // Points keep clear of the axes, so that their labels do too.
    let pad = 28.0;
    let step = if x.len() > 1 {
        (right - left - 2.0 * pad) / (x.len() - 1) as f64
    } else {
        0.0
    };
    let x_at = |i: usize| {
        if x.len() > 1 {
            left + pad + step * i as f64
        } else {
            (left + right) / 2.0
        }
    };
    let y_at = |v: f64, right_axis: bool| {
        let max = if right_axis { 1.0 } else { left_max };
        let share = if max > 0.0 {
            (v / max).clamp(0.0, 1.0)
        } else {
            0.0
        };
        bottom - share * (bottom - top)
    };

    // Axes, grid and ticks: 0, half and full on both sides.
    let _ = write!(
        out,
        r##"<path d="M{left} {top}V{bottom}H{right}V{top}" fill="none" stroke="#000" stroke-width="1"/>"##
    );
    for share in [0.0, 0.5, 1.0] {
        let y = bottom - share * (bottom - top);
        if share > 0.0 {
            let _ = write!(
                out,
                r##"<line x1="{left}" y1="{y:.1}" x2="{right}" y2="{y:.1}" stroke="#bbb" stroke-width="0.5"/>"##
            );
        }
        let _ = write!(
            out,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="end" fill="#000">{}</text>"##,
            left - 4.0,
            y + 4.0,
            xml(&(labels.value)(left_max * share))
        );
        if series.iter().any(|s| s.right_axis) {
            let _ = write!(
                out,
                r##"<text x="{:.1}" y="{:.1}" fill="#000">{}</text>"##,
                right + 4.0,
                y + 4.0,
                xml(&(labels.right)(share))
            );
        }
    }
    for (i, label) in x.iter().enumerate() {
        let _ = write!(
            out,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#000">{}</text>"##,
            x_at(i),
            bottom + 18.0,
            xml(label)
        );
    }

    for (i, s) in series.iter().enumerate() {
        let (color, dash, shape) = STYLES[i % STYLES.len()];
        // One path per run of defined values, so gaps stay gaps.
        let mut path = String::new();
        let mut pen_down = false;
        for (j, v) in s.values.iter().enumerate().take(x.len()) {
            match v {
                Some(v) => {
                    let _ = write!(
                        path,
                        "{}{:.1} {:.1}",
                        if pen_down { "L" } else { "M" },
                        x_at(j),
                        y_at(*v, s.right_axis)
                    );
                    pen_down = true;
                }
                None => pen_down = false,
            }
        }
        if !path.is_empty() {
            let _ = write!(
                out,
                r#"<path d="{path}" fill="none" stroke="{color}" stroke-width="2" stroke-dasharray="{dash}"/>"#
            );
        }
        for (j, v) in s.values.iter().enumerate().take(x.len()) {
            let Some(v) = v else { continue };
            let (px, py) = (x_at(j), y_at(*v, s.right_axis));
            marker(&mut out, shape, px, py, color);
            let text = if s.right_axis {
                (labels.right)(*v)
            } else {
                (labels.value)(*v)
            };
            // Labels alternate above and below their points by series, so
            // that two series running close keep their labels apart.
            let dy = if i % 2 == 0 { -8.0 } else { 16.0 };
            let _ = write!(
                out,
                r##"<text x="{px:.1}" y="{:.1}" text-anchor="middle" font-size="10" fill="#000">{}</text>"##,
                py + dy,
                xml(&text)
            );
        }
    }
    out.push_str("</svg>");
    out
}

/// The smallest of 1, 2, 5 × 10ⁿ at least `v` (for a readable axis top).
fn nice_ceiling(v: f64) -> f64 {
    if v <= 0.0 || !v.is_finite() {
        return 1.0;
    }
    let magnitude = 10f64.powf(v.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|&c| c >= v)
        .unwrap_or(10.0 * magnitude)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels() -> (impl Fn(f64) -> String, impl Fn(f64) -> String) {
        (
            |v: f64| format!("{v:.0}"),
            |v: f64| format!("{:.1}%", v * 100.0),
        )
    }

    #[test]
    fn bars_label_every_value_and_escape_text() {
        let (value, right) = labels();
        let l = Labels {
            value: &|v| right(v),
            right: &value,
            undefined: "—",
        };
        let svg = bars(
            "整改率 <按县>",
            &[
                Bar {
                    label: "魏都区".into(),
                    value: Some(0.786),
                },
                Bar {
                    label: "A&B".into(),
                    value: None,
                },
            ],
            1.0,
            &l,
        );
        assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"));
        assert!(svg.contains("整改率 &lt;按县&gt;"));
        assert!(svg.contains(">78.6%<") && svg.contains(">—<") && svg.contains(">A&amp;B<"));
        // One bar drawn: the undefined value has none.
        assert_eq!(svg.matches("<rect").count(), 1);
        assert!(!svg.contains("href") && !svg.contains("url("));
    }

    #[test]
    fn many_bars_stand_in_columns_within_a_page() {
        let (value, right) = labels();
        let l = Labels {
            value: &|v| right(v),
            right: &value,
            undefined: "—",
        };
        let bars_of = |n: usize| -> Vec<Bar> {
            (0..n)
                .map(|i| Bar {
                    label: format!("县{i}"),
                    value: Some(0.5),
                })
                .collect()
        };
        let height = |svg: &str| -> f64 {
            let at = svg.find("height=\"").unwrap() + 8;
            svg[at..].split('"').next().unwrap().parse().unwrap()
        };
        let axes = |svg: &str| svg.matches("<line").count();
        // Seven counties: one column of full rows (30 + 7 × 22 + 8).
        let seven = bars("t", &bars_of(7), 1.0, &l);
        assert_eq!((axes(&seven), height(&seven)), (1, 192.0));
        // A province's 181: two columns of 91, as tall as a page allows.
        let province = bars("t", &bars_of(181), 1.0, &l);
        assert_eq!(axes(&province), 2);
        assert_eq!(province.matches("<rect").count(), 181);
        assert!(height(&province) <= 30.0 + MAX_HEIGHT + 8.0);
        // 300: four columns.
        assert_eq!(axes(&bars("t", &bars_of(300), 1.0, &l)), 4);
    }

    #[test]
    fn lines_keep_gaps_and_use_both_axes() {
        let (value, right) = labels();
        let l = Labels {
            value: &value,
            right: &right,
            undefined: "—",
        };
        let x: Vec<String> = ["5月", "6月", "7月"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let svg = lines(
            "趋势",
            &x,
            &[
                Series {
                    name: "新发现".into(),
                    values: vec![Some(10.0), None, Some(30.0)],
                    right_axis: false,
                },
                Series {
                    name: "整改率".into(),
                    values: vec![Some(0.5), Some(0.6), Some(0.7)],
                    right_axis: true,
                },
            ],
            &l,
        );
        // The gap splits the first series into two runs: two moves.
        let first_path = svg.split("<path d=\"M").nth(2).unwrap();
        assert!(!first_path.split('"').next().unwrap().contains('L'));
        assert!(svg.contains(">70.0%<") && svg.contains(">30<") && svg.contains(">50<"));
        assert!(svg.contains(">7月<"));
    }

    #[test]
    fn axis_tops_are_round() {
        assert_eq!(nice_ceiling(0.0), 1.0);
        assert_eq!(nice_ceiling(7.0), 10.0);
        assert_eq!(nice_ceiling(13.0), 20.0);
        assert_eq!(nice_ceiling(420.0), 500.0);
        assert_eq!(nice_ceiling(500.0), 500.0);
    }
}
