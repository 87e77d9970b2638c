//! Targets judged (`[targets]`, docs/reports.md): each target whose figure
//! a report holds, against the report's total — met or not, or undefined
//! when the figure is — and against each row, for the rows (counties,
//! townships) that miss it. An at-least count (`five_star = 60`) is a goal
//! for the whole programme, which no row is asked to reach alone: only
//! rates and at-most counts (`weak = 0`) name the rows that miss them.

use std::borrow::Cow;

use super::{Cell, Column, Report};
use crate::i18n::{self, Heading, ReportName};
use crate::lang::Lang;
use crate::metrics::By;
use crate::targets::{Goal, Target};

/// One target, judged.
#[derive(Clone, Debug, PartialEq)]
pub struct Judged<'a> {
    pub target: &'a Target,
    /// The figure's heading, for people.
    pub heading: Heading,
    /// The figure: a fraction for a rate, a count; `None` when undefined.
    pub value: Option<f64>,
    /// Whether the value reaches the goal; `None` when it is undefined.
    pub met: Option<bool>,
    /// What misses it: counties, townships or cadres.
    pub who: Who,
    /// Those that miss it, by code (or id) and name, in the report's order.
    pub missing: Vec<(Cow<'a, str>, Cow<'a, str>)>,
}

/// What the rows that miss a target are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Who {
    Counties,
    Townships,
    Cadres,
}

impl Who {
    fn heading(self) -> Heading {
        match self {
            Who::Counties => Heading::CountiesMissing,
            Who::Townships => Heading::TownshipsMissing,
            Who::Cadres => Heading::CadresBelow,
        }
    }
}

/// A cell's value as a target reads it.
fn number(cell: &Cell) -> Option<f64> {
    match cell {
        Cell::Int(n) => Some(*n as f64),
        Cell::Rate(r) => *r,
        _ => None,
    }
}

/// Judges each target whose figure is a column of `report` (by its key)
/// against its total and its rows; `code` and `names` are the keys of the
/// columns that name a row, its name the texts of `names` one after the
/// other (a township's after its county's: 魏都区西大街道, since two
/// counties may each have a 城关镇).
pub fn judge<'a>(
    report: &Report<'a>,
    targets: &'a [Target],
    who: Who,
    code: &str,
    names: &[&str],
) -> Vec<Judged<'a>> {
    let column = |key: &str| report.columns.iter().position(|c| c.key == key);
    let Some(code) = column(code) else {
        return Vec::new();
    };
    let Some(names) = names
        .iter()
        .map(|n| column(n))
        .collect::<Option<Vec<usize>>>()
    else {
        return Vec::new();
    };
    let text = |row: &[Cell<'a>], i: usize| match row.get(i) {
        Some(Cell::Text(t)) => t.clone(),
        _ => Cow::Borrowed(""),
    };
    let name = |row: &[Cell<'a>]| match names.as_slice() {
        [one] => text(row, *one),
        several => Cow::Owned(several.iter().map(|&i| text(row, i)).collect()),
    };
    targets
        .iter()
        .filter_map(|target| {
            let i = column(&target.figure)?;
            let value = report
                .total
                .as_ref()
                .and_then(|t| t.get(i))
                .and_then(number);
            let per_row = target.rate || matches!(target.goal, Goal::AtMost(_));
            let missing = if per_row {
                report
                    .rows
                    .iter()
                    .filter(|row| {
                        let v = row.get(i).and_then(number);
                        v.is_some_and(|v| !target.goal.met(v))
                    })
                    .map(|row| (text(row, code), name(row)))
                    .collect()
            } else {
                Vec::new()
            };
            Some(Judged {
                target,
                heading: report.columns[i].heading,
                value,
                met: value.map(|v| target.goal.met(v)),
                who,
                missing,
            })
        })
        .collect()
}

/// [`judge`] for a report with a row per county or per township (the
/// summary, the ratings).
pub fn judge_by<'a>(report: &Report<'a>, targets: &'a [Target], by: By) -> Vec<Judged<'a>> {
    match by {
        By::County => judge(report, targets, Who::Counties, "county_code", &["county"]),
        By::Township => judge(
            report,
            targets,
            Who::Townships,
            "township_code",
            &["county", "township"],
        ),
    }
}

/// How many of those that miss a target the table names; the rest are
/// counted.
const NAMED: usize = 12;

/// The table of judged targets, for people: the figure, the target
/// (`≥ 90.0%`, `≤ 0`), the value, 达标/未达标 (`—` when undefined), and
/// who misses it.
pub fn table<'a>(report: &Report<'a>, judged: &[Judged<'a>], lang: Lang) -> Report<'a> {
    let who = match judged.split_first() {
        Some((first, rest)) if rest.iter().all(|j| j.who == first.who) => first.who.heading(),
        _ => Heading::Missing,
    };
    let columns = vec![
        Column::machines("figure", Heading::Figure),
        Column::people("figure_name", Heading::Figure),
        Column::all("target", Heading::Target),
        Column::all("value", Heading::Value),
        Column::all("met", Heading::Met),
        Column::people("missing", who),
    ];
    let rows = judged
        .iter()
        .map(|j| {
            let t = j.target;
            vec![
                Cell::Text(Cow::Owned(t.figure.clone())),
                Cell::Text(Cow::Borrowed(figure_name(j, lang))),
                Cell::Text(Cow::Owned(goal_text(t))),
                match (t.rate, j.value) {
                    (true, v) => Cell::Rate(v),
                    (false, Some(n)) => Cell::Int(n as i64),
                    (false, None) => Cell::Empty,
                },
                match j.met {
                    Some(met) => met_word(met, lang),
                    None => Cell::Rate(None),
                },
                Cell::Text(Cow::Owned(missing_text(j, lang))),
            ]
        })
        .collect();
    Report {
        name: ReportName::Targets,
        title: format!("{} {}", report.title, ReportName::Targets.title(lang)),
        window: report.window,
        year: report.year,
        columns,
        rows,
        total: None,
        targets: Vec::new(),
    }
}

/// The figure as leaders name it: the two rates and one degree by their
/// full names (问题整改率, not the column's 整改率), the others by their
/// column's heading.
fn figure_name(j: &Judged, lang: Lang) -> &'static str {
    let (zh, en) = match j.target.figure.as_str() {
        "rectification_rate" => ("问题整改率", "Rectification rate"),
        "identification_rate" => ("问题识别率", "Identification rate"),
        "satisfaction_rate" => ("群众满意度", "Satisfaction"),
        "attendance_rate" => ("工作日到岗率", "Work-day attendance"),
        _ => return j.heading.label(lang),
    };
    lang.pick(zh, en)
}

/// 达标 / 未达标, met / not met.
pub fn met_word<'a>(met: bool, lang: Lang) -> Cell<'a> {
    let (key, zh, en) = if met {
        ("yes", "达标", "met")
    } else {
        ("no", "未达标", "not met")
    };
    Cell::Word {
        key,
        label: lang.pick(zh, en),
    }
}

/// A target as people read it: `≥ 90.0%`, `≥ 60`, `≤ 0`.
pub fn goal_text(t: &Target) -> String {
    let sign = match t.goal {
        Goal::AtLeast(_) => "≥",
        Goal::AtMost(_) => "≤",
    };
    let bound = t.goal.bound();
    if t.rate {
        let tenths = (bound * 1000.0).round() as i64;
        format!("{sign} {}.{}%", tenths / 10, tenths % 10)
    } else {
        format!("{sign} {bound}")
    }
}

/// Who misses a target: the first [`NAMED`] names, and how many more.
fn missing_text(j: &Judged, lang: Lang) -> String {
    let names: Vec<&str> = j.missing.iter().take(NAMED).map(|(_, n)| &**n).collect();
    let mut text = names.join(i18n::list_separator(lang));
    let more = j.missing.len().saturating_sub(NAMED);
    if more > 0 {
        let all = j.missing.len();
        let unit = match j.who {
            Who::Cadres => "名",
            Who::Counties | Who::Townships => "个",
        };
        text.push_str(&match lang {
            Lang::Zh => format!(" 等 {all} {unit}"),
            Lang::En => format!(" and {more} more"),
        });
    }
    text
}
