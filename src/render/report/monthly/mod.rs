//! Rendering the monthly summary: one renderer per format, reached through
//! [`super::render`]. Markdown and HTML show people the same sections —
//! each a table ([`Grid`]) or per-county lists ([`Group`]) of text with a
//! note under it, long lists cut per county with a word on what was left
//! out and where to find it; xlsx and JSON hold the document whole, with
//! typed cells and stable keys.

pub(super) mod html;
pub(super) mod json;
pub(super) mod markdown;
pub(super) mod xlsx;

use super::{Grid, push_for_people, report_grid, tenths_of_percent};
use crate::i18n::{self, Change, Heading, MonthlyText};
use crate::lang::{Lang, tr};
use crate::metrics::Window;
use crate::model::{Date, Enumeration, RegionLevel};
use crate::report::attendance::MissedCadre;
use crate::report::coverage::Gap;
use crate::report::monthly::{Figure, LISTED, Monthly, QuotaHeadline, QuotaStand, TREND_MONTHS};
use crate::report::{Cell, Listed, Report, targets};

/// How many cadres, or places, of one county people see before the rest
/// are counted instead.
const PER_COUNTY_SHOWN: usize = 50;

/// A list under a heading: one county's part of a long list.
#[derive(Clone, Debug, PartialEq)]
struct Group {
    heading: String,
    /// One line each; the last says how many more when the group is cut.
    items: Vec<String>,
}

/// What a section shows above its note.
enum Body {
    Table(Grid),
    Groups(Vec<Group>),
    /// An empty list: the note says so.
    Nothing,
}

/// One section of the summary for people: its body and a line under it.
struct Section {
    part: MonthlyText,
    body: Body,
    note: Option<String>,
}

/// The sections of the summary, in order, as Markdown and HTML show them.
fn sections(doc: &Monthly<'_>, lang: Lang) -> Vec<Section> {
    // The line under a list: how many, and when cut, where they all are
    // (a leader reads this: a sheet of the workbook, not a command).
    let count = |listed: usize, total: usize, sheet: MonthlyText| {
        if listed < total {
            i18n::listed_of(listed, total, sheet.label(lang), lang)
        } else {
            i18n::listed_all(total, lang)
        }
    };
    let listing = |part, total: usize, empty: MonthlyText, body: Body, note: String| Section {
        part,
        body: if total == 0 { Body::Nothing } else { body },
        note: Some(if total == 0 {
            empty.label(lang).to_string()
        } else {
            note
        }),
    };
    // Both problem lists show people their first rows; the document holds
    // them whole, for the workbook.
    let problems = |part, list: &Listed<'_>, empty, sheet| {
        let listed = list.report.rows.len().min(LISTED);
        let grid = report_grid(&list.report, lang, LISTED);
        let note = count(listed, list.count, sheet);
        listing(part, list.count, empty, Body::Table(grid), note)
    };
    let (missed, missed_shown) = missed_groups(&doc.missed_cadres, lang);
    let (uncovered, uncovered_shown) = uncovered_grid(&doc.gaps, lang);
    let mut all = vec![
        Section {
            part: MonthlyText::Headline,
            body: Body::Table(headline_grid(doc, lang)),
            note: headline_note(doc, lang),
        },
        Section {
            part: MonthlyText::Counties,
            body: Body::Table(report_grid(&doc.counties, lang, usize::MAX)),
            note: None,
        },
        Section {
            part: MonthlyText::Trend,
            body: Body::Table(trend_grid(doc, lang)),
            note: Some(trend_note(doc, lang)),
        },
        sources_section(doc, lang),
        units_section(doc, lang),
        long_term_noted(
            problems(
                MonthlyText::Overdue,
                &doc.overdue,
                MonthlyText::NoOverdue,
                MonthlyText::OverdueSheet,
            ),
            doc.total.long_term,
            lang,
        ),
        listing(
            MonthlyText::Missed,
            doc.missed_cadres.len(),
            MonthlyText::NoMissed,
            Body::Groups(missed),
            count(
                missed_shown,
                doc.missed_cadres.len(),
                MonthlyText::MissedSheet,
            ),
        ),
    ];
    if !doc.quotas.is_empty() {
        let list = &doc.quotas_missed;
        let listed = list.rows.len().min(PER_COUNTY_SHOWN);
        all.push(listing(
            MonthlyText::QuotasMissed,
            list.rows.len(),
            MonthlyText::NoQuotasMissed,
            Body::Table(report_grid(list, lang, PER_COUNTY_SHOWN)),
            count(listed, list.rows.len(), MonthlyText::QuotasMissedSheet),
        ));
    }
    all.extend([
        problems(
            MonthlyText::Revisits,
            &doc.revisits,
            MonthlyText::NoRevisits,
            MonthlyText::RevisitsSheet,
        ),
        listing(
            MonthlyText::Uncovered,
            doc.gaps.len(),
            MonthlyText::NoUncovered,
            Body::Table(uncovered),
            count(uncovered_shown, doc.gaps.len(), MonthlyText::UncoveredSheet),
        ),
    ]);
    // The targets next to the headline; the ratings and reviews at the end.
    let (targets, rest) = programme_sections(doc, lang);
    all.splice(1..1, targets);
    all.extend(rest);
    all
}

/// The problems by source, with the resolution rate of petition items
/// (信访事项化解率) under them.
fn sources_section(doc: &Monthly<'_>, lang: Lang) -> Section {
    Section {
        part: MonthlyText::Sources,
        body: Body::Table(report_grid(&doc.sources, lang, usize::MAX)),
        note: Some(petition_note(doc, lang)),
    }
}

/// The line under the problems by source: the petition row's rate.
fn petition_note(doc: &Monthly<'_>, lang: Lang) -> String {
    let p = &doc.petition;
    let rate = rate_text(p.rectification_rate(), lang);
    i18n::petition_note(&rate, p.rectified, p.problems, lang)
}

/// The units with the most overdue problems, at most [`LISTED`] of those
/// that have one (the total row, of all units, only when none is left
/// out), and a line saying how many have one and where all are.
fn units_section(doc: &Monthly<'_>, lang: Lang) -> Section {
    if doc.units_overdue == 0 {
        return Section {
            part: MonthlyText::Units,
            body: Body::Nothing,
            note: Some(MonthlyText::NoUnitOverdue.label(lang).to_string()),
        };
    }
    let listed = doc.units_overdue.min(LISTED);
    let mut grid = report_grid(&doc.units, lang, listed);
    if listed < doc.units.rows.len() {
        grid.total = None;
    }
    Section {
        part: MonthlyText::Units,
        body: Body::Table(grid),
        note: Some(units_note(doc, lang)),
    }
}

/// The line under the units with the most overdue problems.
fn units_note(doc: &Monthly<'_>, lang: Lang) -> String {
    let listed = doc.units_overdue.min(LISTED);
    let sheet = MonthlyText::UnitsSheet.label(lang);
    i18n::units_note(listed, doc.units_overdue, doc.units.rows.len(), sheet, lang)
}

/// The sections of the programme's own figures, when the data has them:
/// the targets table (to follow the headline), then the latest year's
/// ratings by county and the cadres below the review threshold (to end
/// the summary).
fn programme_sections(doc: &Monthly<'_>, lang: Lang) -> (Vec<Section>, Vec<Section>) {
    let mut first = Vec::new();
    if let Some(table) = targets_table(doc, lang) {
        let met = doc.targets.iter().filter(|j| j.met == Some(true)).count();
        first.push(Section {
            part: MonthlyText::Targets,
            body: Body::Table(report_grid(&table, lang, usize::MAX)),
            note: Some(i18n::targets_note(met, doc.targets.len(), lang)),
        });
    }
    let mut last = Vec::new();
    if let Some(ratings) = &doc.ratings {
        last.push(Section {
            part: MonthlyText::Ratings,
            body: Body::Table(report_grid(ratings, lang, usize::MAX)),
            note: ratings.year.map(|y| i18n::ratings_note(y, lang)),
        });
    }
    if let Some(sum) = &doc.reviews {
        let said = i18n::reviews_sum(sum.year, sum.cadres, &rate_text(sum.rate, lang), lang);
        let (part, body, note) = match &doc.reviews_below {
            Some(below) if !below.report.rows.is_empty() => (
                MonthlyText::ReviewsBelow,
                Body::Table(report_grid(&below.report, lang, usize::MAX)),
                i18n::reviews_below_note(
                    &said,
                    &rate_text(Some(below.threshold), lang),
                    below.report.rows.len(),
                    lang,
                ),
            ),
            Some(below) => (
                MonthlyText::ReviewsBelow,
                Body::Nothing,
                i18n::none_below(&said, &rate_text(Some(below.threshold), lang), lang),
            ),
            None => (MonthlyText::Reviews, Body::Nothing, said),
        };
        last.push(Section {
            part,
            body,
            note: Some(note),
        });
    }
    (first, last)
}

/// The targets of the summary as a table, when there are any.
fn targets_table<'a>(doc: &Monthly<'a>, lang: Lang) -> Option<Report<'a>> {
    (!doc.targets.is_empty()).then(|| targets::table(&doc.counties, &doc.targets, lang))
}

/// A rate as people read it: `80.0%`, `—`.
fn rate_text(rate: Option<f64>, lang: Lang) -> String {
    let mut out = String::new();
    push_for_people(&mut out, &Cell::Rate(rate), lang);
    out
}

/// The overdue section, saying how many long-term problems (长期坚持) are
/// open besides: they have no deadline, so none of them is overdue.
fn long_term_noted(mut section: Section, long_term: u64, lang: Lang) -> Section {
    if long_term > 0 {
        let apart = tr!(
            lang,
            "另有 {long_term} 个长期整改问题（长期坚持），没有整改时限，不计逾期。",
            "Besides, {long_term} long-term problems (长期坚持) are open: they have no deadline and are never overdue.",
        );
        section.note = Some(match section.note {
            Some(note) => format!("{note}{}{apart}", lang.pick("", " ")),
            None => apart,
        });
    }
    section
}

/// The month the data begins on, where the headline or the trend reach
/// back before it: the first month of the trend.
fn first_month(doc: &Monthly<'_>) -> Date {
    doc.trend.first().map_or(doc.window.from, |t| t.window.from)
}

/// The line under the headline: when last month lies before the data
/// begins, why it has no figures and no change; with quotas, what their
/// rates are.
fn headline_note(doc: &Monthly<'_>, lang: Lang) -> Option<String> {
    let before = doc
        .headline
        .iter()
        .any(|h| h.previous.is_none())
        .then(|| i18n::nothing_to_compare(first_month(doc), lang));
    let quotas = (!doc.quotas.is_empty()).then(|| MonthlyText::QuotasNote.label(lang).to_string());
    let notes: Vec<String> = before.into_iter().chain(quotas).collect();
    (!notes.is_empty()).then(|| notes.join(lang.pick("", " ")))
}

/// A quota's stand as people read it: `75.0%`, and `（进行中）` for a
/// period not yet over.
fn stand_text(stand: &QuotaStand, lang: Lang) -> String {
    let mut text = rate_text(stand.rate(), lang);
    if stand.in_progress {
        text.push_str(MonthlyText::SoFar.label(lang));
    }
    text
}

/// Last month's stand of a quota: `—` when the data begins after it.
fn previous_stand_text(previous: Option<&QuotaStand>, lang: Lang) -> String {
    previous.map_or_else(|| super::UNDEFINED.to_string(), |p| stand_text(p, lang))
}

/// The change of a quota's rate since last month: between the same
/// period's stands (a year quota met so far), or between two periods
/// that both ended (a month quota's months); none between a period that
/// ended and the next one begun.
fn quota_change(q: &QuotaHeadline) -> Change {
    match q.previous {
        Some(p) if p.period == q.current.period || (!p.in_progress && !q.current.in_progress) => {
            change(Figure::Rate(q.current.rate()), Some(Figure::Rate(p.rate())))
        }
        _ => Change::Undefined,
    }
}

/// The line under the trend: what its rate is, and, when the months
/// before the data began are left out, that they are.
fn trend_note(doc: &Monthly<'_>, lang: Lang) -> String {
    let mut note = MonthlyText::TrendNote.label(lang).to_string();
    if doc.trend.len() < TREND_MONTHS {
        note.push_str(&i18n::trend_from(first_month(doc), lang));
    }
    note
}

/// `2026-10`: a month as programs and the command line write it.
fn month_key(window: &Window) -> String {
    window.from.format("%Y-%m").to_string()
}

/// A figure as people read it: `82.5%`, `—`, `4502`.
fn figure_text(figure: Figure, lang: Lang) -> String {
    let mut out = String::new();
    push_for_people(&mut out, &figure_cell(figure), lang);
    out
}

/// Last month's figure as people read it: `—` when the data begins after
/// it.
fn previous_text(previous: Option<Figure>, lang: Lang) -> String {
    previous.map_or_else(|| super::UNDEFINED.to_string(), |p| figure_text(p, lang))
}

/// A figure as a report cell.
fn figure_cell(figure: Figure) -> Cell<'static> {
    match figure {
        Figure::Rate(r) => Cell::Rate(r),
        Figure::Count(n) => Cell::Int(i64::try_from(n).unwrap_or(i64::MAX)),
    }
}

/// The change people see: between the figures as shown (one decimal of a
/// percent), so that it is the difference of the two numbers beside it;
/// none against a month before the data begins.
fn change(current: Figure, previous: Option<Figure>) -> Change {
    let (n, points) = match (current, previous) {
        (Figure::Rate(Some(c)), Some(Figure::Rate(Some(p)))) => {
            (tenths_of_percent(c) - tenths_of_percent(p), true)
        }
        (Figure::Count(c), Some(Figure::Count(p))) => (c as i64 - p as i64, false),
        // An undefined rate, or no month before (a rate against a count
        // is never made).
        _ => return Change::Undefined,
    };
    match (n, points) {
        (0, _) => Change::Same,
        (n, true) => Change::Points(n),
        (n, false) => Change::Count(n),
    }
}

/// The headings of the headline: the figure, this month, last month, and
/// the change.
fn headline_headings(doc: &Monthly<'_>, lang: Lang) -> [String; 4] {
    [
        MonthlyText::Measure.label(lang).to_string(),
        i18n::month_name(doc.window.from, lang),
        i18n::month_name(doc.previous.from, lang),
        MonthlyText::Change.label(lang).to_string(),
    ]
}

/// The headings of the trend: the month, its new and rectified problems,
/// and the rate at its end.
fn trend_headings(lang: Lang) -> [&'static str; 4] {
    use crate::report::monthly::Measure;
    [
        MonthlyText::Month.label(lang),
        Measure::NewProblems.name(lang),
        Measure::NewRectified.name(lang),
        MonthlyText::TrendRate.label(lang),
    ]
}

/// The headline: each figure this month, last month, and the change.
fn headline_grid(doc: &Monthly<'_>, lang: Lang) -> Grid {
    Grid {
        headings: headline_headings(doc, lang).into(),
        right: vec![false, true, true, true],
        rows: doc
            .headline
            .iter()
            .map(|h| {
                vec![
                    h.measure.name(lang).to_string(),
                    figure_text(h.current, lang),
                    previous_text(h.previous, lang),
                    i18n::change_text(change(h.current, h.previous), lang),
                ]
            })
            .chain(doc.quotas.iter().map(|q| {
                vec![
                    i18n::quota_headline_name(&q.name, &q.current.period, lang),
                    stand_text(&q.current, lang),
                    previous_stand_text(q.previous.as_ref(), lang),
                    i18n::change_text(quota_change(q), lang),
                ]
            }))
            .collect(),
        total: None,
    }
}

/// The trend: each month's new and rectified problems, and the rate at
/// its end.
fn trend_grid(doc: &Monthly<'_>, lang: Lang) -> Grid {
    Grid {
        headings: trend_headings(lang).map(str::to_string).into(),
        right: vec![false, true, true, true],
        rows: doc
            .trend
            .iter()
            .map(|t| {
                vec![
                    i18n::month_name(t.window.from, lang),
                    t.new_problems.to_string(),
                    t.new_rectified.to_string(),
                    figure_text(Figure::Rate(t.rectification_rate), lang),
                ]
            })
            .collect(),
        total: None,
    }
}

/// The cadres who missed a work day, a group per county, one line per
/// cadre with its dates, at most [`PER_COUNTY_SHOWN`] a county and a line
/// saying how many more; and how many cadres are shown.
fn missed_groups(missed: &[MissedCadre<'_>], lang: Lang) -> (Vec<Group>, usize) {
    let mut groups = Vec::new();
    let mut shown = 0;
    for cadres in missed.chunk_by(|a, b| a.county.code == b.county.code) {
        let Some(first) = cadres.first() else {
            continue;
        };
        let listed = cadres.len().min(PER_COUNTY_SHOWN);
        let mut items: Vec<String> = cadres[..listed]
            .iter()
            .map(|m| {
                let mut dates = String::new();
                push_for_people(&mut dates, &Cell::Dates(m.dates.clone()), lang);
                let c = m.cadre;
                i18n::missed_line(&c.name, c.level.word(lang), &c.id, &dates, lang)
            })
            .collect();
        if listed < cadres.len() {
            items.push(i18n::and_more(cadres.len() - listed, lang));
        }
        shown += listed;
        groups.push(Group {
            heading: i18n::county_cadres(&first.county.name, cadres.len(), lang),
            items,
        });
    }
    (groups, shown)
}

/// The townships and villages without a cadre, one row per county with
/// their names (a village with its township), at most
/// [`PER_COUNTY_SHOWN`] names a cell; and how many places are shown.
fn uncovered_grid(gaps: &[Gap<'_>], lang: Lang) -> (Grid, usize) {
    let mut rows = Vec::new();
    let mut shown = 0;
    for group in gaps.chunk_by(|a, b| a.county.code == b.county.code) {
        let mut townships = Vec::new();
        let mut villages = Vec::new();
        for gap in group {
            let name = gap.region.name.to_string();
            if gap.region.level == RegionLevel::Village {
                let township = gap.township.map_or("", |t| &t.name);
                villages.push(format!("{township}{name}"));
            } else {
                townships.push(name);
            }
        }
        let mut names = |list: Vec<String>| -> String {
            if list.is_empty() {
                return String::new();
            }
            let listed = list.len().min(PER_COUNTY_SHOWN);
            shown += listed;
            let mut text = i18n::places_count(list.len(), lang);
            text.push_str(&list[..listed].join(i18n::list_separator(lang)));
            if listed < list.len() {
                text.push_str(&i18n::and_more(list.len() - listed, lang));
            }
            text
        };
        let county = group.first().map_or("", |g| &*g.county.name).to_string();
        rows.push(vec![county, names(townships), names(villages)]);
    }
    let grid = Grid {
        headings: vec![
            Heading::County.label(lang).to_string(),
            MonthlyText::UncoveredTownships.label(lang).to_string(),
            MonthlyText::UncoveredVillages.label(lang).to_string(),
        ],
        right: vec![false; 3],
        rows,
        total: None,
    };
    (grid, shown)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cadre, CadreLevel, FileId, Parent, Region, Span};

    #[test]
    fn changes_are_between_the_figures_shown() {
        // 82.46% shows as 82.5%, 81.04% as 81.0%: the change is 1.5 points
        // as a reader works it out, not the 1.42 between the fractions.
        let c = change(Figure::Rate(Some(0.8246)), Some(Figure::Rate(Some(0.8104))));
        assert_eq!(c, Change::Points(15));
        assert_eq!(i18n::change_text(c, Lang::Zh), "↑ 1.5 个百分点");
        assert_eq!(i18n::change_text(c, Lang::En), "↑ 1.5 pts");
        let c = change(Figure::Count(4390), Some(Figure::Count(4502)));
        assert_eq!(i18n::change_text(c, Lang::Zh), "↓ 112");
        let c = change(Figure::Rate(Some(0.5)), Some(Figure::Rate(Some(0.5004))));
        assert_eq!(i18n::change_text(c, Lang::Zh), "持平");
        let c = change(Figure::Rate(Some(0.5)), Some(Figure::Rate(None)));
        assert_eq!(i18n::change_text(c, Lang::En), "—");
        // Down by less than a point keeps its zero.
        let c = change(Figure::Rate(Some(0.80)), Some(Figure::Rate(Some(0.807))));
        assert_eq!(i18n::change_text(c, Lang::En), "↓ 0.7 pts");
        // No month before the data began: no change, for a rate or a count.
        assert_eq!(change(Figure::Rate(Some(1.0)), None), Change::Undefined);
        assert_eq!(change(Figure::Count(5), None), Change::Undefined);
        assert_eq!(i18n::change_text(Change::Undefined, Lang::Zh), "—");
    }

    fn region(code: &str, name: &str, level: RegionLevel) -> Region {
        Region {
            code: code.into(),
            name: name.into(),
            level,
            parent: Parent::default(),
            span: Span::file(FileId(0)),
        }
    }

    /// 甲县 for the first `n` of a list, then 乙县.
    fn county(i: usize, n: usize, counties: &[Region; 2]) -> &Region {
        &counties[usize::from(i >= n)]
    }

    #[test]
    fn long_lists_are_cut_per_county_and_counted() {
        // `n` rows in 甲县, then 2 in 乙县.
        let n = PER_COUNTY_SHOWN + 3;
        let counties = [
            region("1", "甲县", RegionLevel::County),
            region("2", "乙县", RegionLevel::County),
        ];
        let day = crate::model::Date::from_ymd_opt(2026, 10, 20).unwrap();
        let cadres: Vec<Cadre> = (0..n + 2)
            .map(|i| Cadre {
                id: format!("C{i}").into(),
                name: "张三".into(),
                level: CadreLevel::City,
                unit: None,
                points: Vec::new(),
                start: None,
                end: None,
                span: Span::file(FileId(0)),
            })
            .collect();
        let missed: Vec<MissedCadre> = cadres
            .iter()
            .enumerate()
            .map(|(i, cadre)| MissedCadre {
                cadre,
                county: county(i, n, &counties),
                dates: vec![day],
            })
            .collect();
        let (groups, shown) = missed_groups(&missed, Lang::Zh);
        // 甲县: the first 50, then a line for the 3 more; 乙县 whole.
        assert_eq!(shown, PER_COUNTY_SHOWN + 2);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].heading, format!("甲县（{n} 人）"));
        assert_eq!(groups[0].items.len(), PER_COUNTY_SHOWN + 1);
        assert_eq!(groups[0].items[0], "张三（市级，C0）：2026-10-20");
        assert_eq!(groups[0].items[PER_COUNTY_SHOWN], "……另 3 项未列出");
        assert_eq!(groups[1].heading, "乙县（2 人）");
        assert_eq!(groups[1].items.len(), 2);

        // A township, then villages of 一镇.
        let township = region("11", "一镇", RegionLevel::Township);
        let places: Vec<Region> = (0..n + 2)
            .map(|i| {
                let level = if i == 0 {
                    RegionLevel::Township
                } else {
                    RegionLevel::Village
                };
                region(&i.to_string(), &format!("村{i}"), level)
            })
            .collect();
        let gaps: Vec<Gap> = places
            .iter()
            .enumerate()
            .map(|(i, region)| Gap {
                region,
                county: county(i, n, &counties),
                township: (i > 0).then_some(&township),
            })
            .collect();
        let (grid, shown) = uncovered_grid(&gaps, Lang::En);
        // 甲县: a township and 52 villages, of which 50 named; 乙县: 2.
        assert_eq!(shown, 1 + PER_COUNTY_SHOWN + 2);
        assert_eq!(grid.rows[0][0], "甲县");
        assert_eq!(grid.rows[0][1], "1: 村0");
        assert!(grid.rows[0][2].starts_with("52: 一镇村1, 一镇村2, "));
        assert!(grid.rows[0][2].ends_with("一镇村50… 2 more not listed"));
        assert_eq!(grid.rows[1], ["乙县", "", "2: 一镇村53, 一镇村54"]);
    }
}
