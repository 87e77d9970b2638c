//! `bangcun.toml`: the settings of a data folder (docs/data.md). Every key has a
//! default; an unknown key or an impossible value is an `invalid-config`
//! finding naming the key and its line, and the default is used instead.

use std::collections::BTreeMap;

use chrono::Datelike;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::date;
use crate::finding::{Check, Describe, Finding, Severity};
use crate::lang::{Lang, tr};
use crate::model::{CadreLevel, Date, FileId, Problem, Span};
use crate::text::line_at;

pub static INVALID_CONFIG: Check = Check {
    name: "invalid-config",
    severity: Severity::Error,
    about: "bangcun.toml has invalid TOML, an unknown key or an impossible value",
    about_zh: "bangcun.toml 不是有效的 TOML、有未知的键或不可能的值",
};

/// TOML that does not parse (`invalid-config`, and `invalid-toml` for a
/// TOML data file): the parser's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidToml {
    pub detail: String,
}

impl Describe for InvalidToml {
    fn text(&self, lang: Lang) -> String {
        let detail = &self.detail;
        tr!(lang, "TOML 格式错误：{detail}", "invalid TOML: {detail}")
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(tr!(
            lang,
            "按 TOML 语法修正此处",
            "fix the TOML syntax here"
        ))
    }
}

/// A key no setting has (`invalid-config`): its path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownKey {
    pub key: String,
}

impl Describe for UnknownKey {
    fn text(&self, lang: Lang) -> String {
        let key = &self.key;
        tr!(
            lang,
            "bangcun.toml 中有未知的配置项“{key}”",
            "unknown key \"{key}\" in bangcun.toml"
        )
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(tr!(
            lang,
            "可用的配置项：name、lang、categories、workdays、deadlines、revisit",
            "known keys: name, lang, categories, workdays, deadlines, revisit",
        ))
    }
}

/// An impossible value of a setting (`invalid-config`): the key it is
/// written under (`workdays.moved.2026-02-11`), the value as written, and
/// what it should have been.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidSetting {
    pub key: String,
    pub value: String,
    pub expect: Expect,
}

impl Describe for InvalidSetting {
    fn text(&self, lang: Lang) -> String {
        let (key, value) = (&self.key, &self.value);
        tr!(
            lang,
            "bangcun.toml 中“{key}”的值 {value} 无效",
            "invalid value {value} for \"{key}\" in bangcun.toml",
        )
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(self.expect.text(lang))
    }
}

/// What a setting's value should have been.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    Text,
    LangCode,
    Categories,
    /// A list of days of the month, 1 to 31.
    Days,
    /// A whole number of days, 0 to 3650.
    DayCount,
    Date,
    /// The key of `moved` must be a work day of some level.
    Workday,
    /// A key of `deadlines.category` must be a configured category.
    Category,
    Table,
}

impl Expect {
    fn text(self, lang: Lang) -> String {
        match self {
            Expect::Text => tr!(lang, "应为带引号的文本", "expected quoted text"),
            Expect::LangCode => tr!(lang, "应为 \"zh\" 或 \"en\"", "expected \"zh\" or \"en\""),
            Expect::Categories => tr!(
                lang,
                "应为不重复、非空的文本列表，如 [\"基础设施\", \"产业发展\"]",
                "expected a list of distinct, non-empty texts, e.g. [\"基础设施\", \"产业发展\"]",
            ),
            Expect::Days => tr!(
                lang,
                "应为 1 到 31 之间的日子列表，如 [10, 20]",
                "expected a list of days of the month from 1 to 31, e.g. [10, 20]"
            ),
            Expect::DayCount => tr!(
                lang,
                "应为 0 到 3650 之间的天数",
                "expected a number of days from 0 to 3650"
            ),
            Expect::Date => tr!(
                lang,
                "应为日期，如 2026-02-24",
                "expected a date such as 2026-02-24"
            ),
            Expect::Workday => tr!(
                lang,
                "调整的日期应是某一级别的工作日（workdays 中的日子）",
                "a moved day must be a work day of some level (a day listed in workdays)",
            ),
            Expect::Category => tr!(
                lang,
                "应为 categories 中的类别",
                "expected one of the categories"
            ),
            Expect::Table => tr!(
                lang,
                "应为表，如 [workdays]",
                "expected a table, such as [workdays]"
            ),
        }
    }
}

/// The categories used when `bangcun.toml` names none.
pub const DEFAULT_CATEGORIES: [&str; 7] = [
    "基础设施",
    "产业发展",
    "信访稳定",
    "安全生产",
    "基层党建",
    "人居环境",
    "民生服务",
];

/// The settings of a data folder.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Title of reports.
    pub name: String,
    /// `lang` as written; `--lang` overrides, Chinese when neither is given.
    pub lang: Option<Lang>,
    /// Problem categories (问题类别) a problem must use.
    pub categories: Vec<String>,
    pub workdays: Workdays,
    /// Deadline when a problem has none: found + this many days …
    pub deadline_days: u32,
    /// … or this many, for these categories.
    pub deadline_by_category: BTreeMap<String, u32>,
    /// A rectified problem should be verified within this many days.
    pub revisit_days: u32,
}

/// The monthly work days (双十工作日) of each cadre level.
#[derive(Clone, Debug, PartialEq)]
pub struct Workdays {
    pub city: Vec<u32>,
    pub county: Vec<u32>,
    pub township: Vec<u32>,
    /// A work day moved for a holiday, for every level: old date → new date.
    pub moved: BTreeMap<Date, Date>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            name: "联乡帮村".to_string(),
            lang: None,
            categories: DEFAULT_CATEGORIES.iter().map(|c| c.to_string()).collect(),
            workdays: Workdays {
                city: vec![10],
                county: vec![20],
                township: vec![20],
                moved: BTreeMap::new(),
            },
            deadline_days: 30,
            deadline_by_category: BTreeMap::new(),
            revisit_days: 15,
        }
    }
}

impl Config {
    /// The deadline that applies to a problem: its own, or found + the
    /// configured days for its category.
    pub fn deadline(&self, problem: &Problem) -> Date {
        problem.deadline.unwrap_or_else(|| {
            let days = self
                .deadline_by_category
                .get(&*problem.category)
                .copied()
                .unwrap_or(self.deadline_days);
            problem.found + chrono::Days::new(u64::from(days))
        })
    }
}

impl Workdays {
    /// The days of the month on which cadres of `level` are due.
    pub fn days(&self, level: CadreLevel) -> &[u32] {
        match level {
            CadreLevel::City => &self.city,
            CadreLevel::County => &self.county,
            CadreLevel::Township => &self.township,
        }
    }

    /// The work days of `level` from `from` to `to` (both included), in
    /// order, each moved day replaced by its new date. A day a month lacks
    /// (the 31st in April) is no work day that month. A moved day belongs
    /// to the range that holds its new date, however far it was moved; a
    /// day moved onto another work day of the level is one work day.
    pub fn dates(&self, level: CadreLevel, from: Date, to: Date) -> Vec<Date> {
        let mut out = Vec::new();
        if from > to {
            return out;
        }
        let days = self.days(level);
        // The days that stay where they are …
        let mut month = date::month_start(from);
        while month <= to {
            for &day in days {
                // A day the month lacks gives None: no work day that month.
                if let Some(original) = month.with_day(day) {
                    let stays = !self.moved.contains_key(&original);
                    if stays && from <= original && original <= to {
                        out.push(original);
                    }
                }
            }
            let next = date::add_months(month, 1);
            if next <= month {
                break; // the last month chrono can hold
            }
            month = next;
        }
        // … and the days of this level moved into the range, from anywhere.
        for (&original, &actual) in &self.moved {
            if days.contains(&original.day()) && from <= actual && actual <= to {
                out.push(actual);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Reads `bangcun.toml`. Never fails: what cannot be used becomes a finding
/// and the default stands.
pub fn parse(text: &str, file: FileId) -> (Config, Vec<Finding>) {
    let mut p = Parser {
        text,
        file,
        config: Config::default(),
        findings: Vec::new(),
        category_keys: Vec::new(),
        moved_keys: Vec::new(),
    };
    match DeTable::parse(text) {
        Ok(table) => p.top(table.get_ref()),
        Err(err) => {
            let line = err.span().map_or(1, |s| line_at(text, s.start));
            let detail = err.message().to_string();
            p.findings.push(Finding::new(
                &INVALID_CONFIG,
                Span { file, line },
                InvalidToml { detail },
            ));
        }
    }
    p.check_consistency();
    (p.config, p.findings)
}

type Key<'i> = Spanned<std::borrow::Cow<'i, str>>;
type Value<'i> = Spanned<DeValue<'i>>;

struct Parser<'t> {
    text: &'t str,
    file: FileId,
    config: Config,
    findings: Vec<Finding>,
    // Where each key of `deadlines.category` and `workdays.moved` stands,
    // so that the checks across keys can name the line.
    category_keys: Vec<(String, usize)>,
    moved_keys: Vec<(Date, usize)>,
}

impl Parser<'_> {
    fn span(&self, offset: usize) -> Span {
        Span {
            file: self.file,
            line: line_at(self.text, offset),
        }
    }

    /// A key no setting has: it is no field, so the finding names none
    /// and gives the key as its value.
    fn unknown(&mut self, path: &str, key: &Key) {
        let span = self.span(key.span().start);
        self.findings.push(
            Finding::new(
                &INVALID_CONFIG,
                span,
                UnknownKey {
                    key: path.to_string(),
                },
            )
            .value(path),
        );
    }

    /// An impossible value for the setting `field`, written under that key.
    fn invalid(&mut self, field: &'static str, value: &Value, expect: Expect) {
        self.invalid_entry(field, field.to_string(), value, expect);
    }

    /// An impossible value for an entry of the setting `field`, written
    /// under `key` (`workdays.moved.2026-02-11` of `workdays.moved`).
    fn invalid_entry(&mut self, field: &'static str, key: String, value: &Value, expect: Expect) {
        let shown = self.text.get(value.span()).unwrap_or("").trim().to_string();
        self.report(field, key, shown, value.span().start, expect);
    }

    fn top(&mut self, table: &DeTable) {
        for (key, value) in table.iter() {
            match key.get_ref().as_ref() {
                "name" => match value.get_ref().as_str() {
                    Some(s) if !s.trim().is_empty() => self.config.name = s.trim().to_string(),
                    _ => self.invalid("name", value, Expect::Text),
                },
                "lang" => match value.get_ref().as_str().map(|s| s.parse::<Lang>()) {
                    Some(Ok(lang)) => self.config.lang = Some(lang),
                    _ => self.invalid("lang", value, Expect::LangCode),
                },
                "categories" => match categories(value) {
                    Some(list) => self.config.categories = list,
                    None => self.invalid("categories", value, Expect::Categories),
                },
                "workdays" => self.section(value, "workdays", Self::workdays),
                "deadlines" => self.section(value, "deadlines", Self::deadlines),
                "revisit" => self.section(value, "revisit", Self::revisit),
                other => self.unknown(other, key),
            }
        }
    }

    fn section(&mut self, value: &Value, path: &'static str, read: fn(&mut Self, &Key, &Value)) {
        match value.get_ref().as_table() {
            Some(table) => {
                for (key, value) in table.iter() {
                    read(self, key, value);
                }
            }
            None => self.invalid(path, value, Expect::Table),
        }
    }

    fn workdays(&mut self, key: &Key, value: &Value) {
        let name = key.get_ref().as_ref();
        let (field, slot) = match name {
            "city" => ("workdays.city", &mut self.config.workdays.city),
            "county" => ("workdays.county", &mut self.config.workdays.county),
            "township" => ("workdays.township", &mut self.config.workdays.township),
            "moved" => return self.moved(value),
            _ => return self.unknown(&format!("workdays.{name}"), key),
        };
        match days_of_month(value) {
            Some(days) => *slot = days,
            None => self.invalid(field, value, Expect::Days),
        }
    }

    fn moved(&mut self, value: &Value) {
        let Some(table) = value.get_ref().as_table() else {
            return self.invalid("workdays.moved", value, Expect::Table);
        };
        for (key, new) in table.iter() {
            let path = format!("workdays.moved.{}", key.get_ref());
            let Some(old) = date::parse(key.get_ref()) else {
                let text = key.get_ref().to_string();
                self.report("workdays.moved", path, text, key.span().start, Expect::Date);
                continue;
            };
            match toml_date(new) {
                Some(new) => {
                    self.config.workdays.moved.insert(old, new);
                    self.moved_keys.push((old, key.span().start));
                }
                None => self.invalid_entry("workdays.moved", path, new, Expect::Date),
            }
        }
    }

    fn deadlines(&mut self, key: &Key, value: &Value) {
        match key.get_ref().as_ref() {
            "days" => match day_count(value) {
                Some(days) => self.config.deadline_days = days,
                None => self.invalid("deadlines.days", value, Expect::DayCount),
            },
            "category" => {
                let Some(table) = value.get_ref().as_table() else {
                    return self.invalid("deadlines.category", value, Expect::Table);
                };
                for (cat, days) in table.iter() {
                    let path = format!("deadlines.category.{}", cat.get_ref());
                    match day_count(days) {
                        Some(n) => {
                            let name = cat.get_ref().to_string();
                            self.category_keys.push((name.clone(), cat.span().start));
                            self.config.deadline_by_category.insert(name, n);
                        }
                        None => {
                            self.invalid_entry("deadlines.category", path, days, Expect::DayCount)
                        }
                    }
                }
            }
            other => self.unknown(&format!("deadlines.{other}"), key),
        }
    }

    fn revisit(&mut self, key: &Key, value: &Value) {
        match key.get_ref().as_ref() {
            "days" => match day_count(value) {
                Some(days) => self.config.revisit_days = days,
                None => self.invalid("revisit.days", value, Expect::DayCount),
            },
            other => self.unknown(&format!("revisit.{other}"), key),
        }
    }

    /// Checks that need several keys at once: a category deadline for an
    /// unknown category, a moved day that is nobody's work day. The default
    /// stands for what fails.
    fn check_consistency(&mut self) {
        for (cat, offset) in std::mem::take(&mut self.category_keys) {
            if !self.config.categories.contains(&cat) {
                self.config.deadline_by_category.remove(&cat);
                self.report(
                    "deadlines.category",
                    format!("deadlines.category.{cat}"),
                    cat,
                    offset,
                    Expect::Category,
                );
            }
        }
        let wd = &self.config.workdays;
        let is_workday = |day: u32| {
            [&wd.city, &wd.county, &wd.township]
                .iter()
                .any(|d| d.contains(&day))
        };
        let stray: Vec<(Date, usize)> = self
            .moved_keys
            .iter()
            .filter(|(old, _)| !is_workday(old.day()))
            .copied()
            .collect();
        for (old, offset) in stray {
            self.config.workdays.moved.remove(&old);
            let text = old.to_string();
            self.report(
                "workdays.moved",
                format!("workdays.moved.{text}"),
                text,
                offset,
                Expect::Workday,
            );
        }
    }

    /// An impossible `value` for `key` (an entry of the setting `field`), at
    /// byte `offset` of the file.
    fn report(
        &mut self,
        field: &'static str,
        key: String,
        value: String,
        offset: usize,
        expect: Expect,
    ) {
        let span = self.span(offset);
        self.findings.push(
            Finding::new(
                &INVALID_CONFIG,
                span,
                InvalidSetting {
                    key,
                    value: value.clone(),
                    expect,
                },
            )
            .field(field)
            .value(value),
        );
    }
}

fn categories(value: &Value) -> Option<Vec<String>> {
    let array = value.get_ref().as_array()?;
    let mut out: Vec<String> = Vec::new();
    for item in array.iter() {
        let text = item.get_ref().as_str()?.trim();
        if text.is_empty() || out.iter().any(|c| c == text) {
            return None;
        }
        out.push(text.to_string());
    }
    (!out.is_empty()).then_some(out)
}

fn integer(value: &Value) -> Option<i64> {
    let int = value.get_ref().as_integer()?;
    i64::from_str_radix(&int.as_str().replace('_', ""), int.radix()).ok()
}

fn days_of_month(value: &Value) -> Option<Vec<u32>> {
    let array = value.get_ref().as_array()?;
    let mut days = Vec::new();
    for item in array.iter() {
        let day = integer(item)?;
        if !(1..=31).contains(&day) {
            return None;
        }
        days.push(day as u32);
    }
    days.sort_unstable();
    days.dedup();
    Some(days)
}

fn day_count(value: &Value) -> Option<u32> {
    integer(value)
        .filter(|n| (0..=3650).contains(n))
        .map(|n| n as u32)
}

/// A TOML date (`2026-02-24`) or a string in one of the accepted forms.
pub(crate) fn toml_date(value: &Value) -> Option<Date> {
    match value.get_ref() {
        DeValue::String(s) => date::parse(s.trim()),
        DeValue::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => {
            let d = dt.date?;
            date::ymd(u32::from(d.year), u32::from(d.month), u32::from(d.day))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> Config {
        let (config, findings) = parse(text, FileId(0));
        assert!(findings.is_empty(), "{findings:?}");
        config
    }

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn empty_file_gives_every_default() {
        assert_eq!(parse_ok(""), Config::default());
    }

    #[test]
    fn the_spec_example_reads() {
        let c = parse_ok(
            r#"
name = "许昌市联乡帮村"
lang = "zh"
categories = ["基础设施", "产业发展", "信访稳定", "安全生产", "基层党建", "人居环境", "民生服务"]

[workdays]
city = [10]
county = [20]
township = [20]
moved = { 2026-02-10 = 2026-02-24 }

[deadlines]
days = 30
[deadlines.category]
"安全生产" = 7

[revisit]
days = 15
"#,
        );
        assert_eq!(c.name, "许昌市联乡帮村");
        assert_eq!(c.lang, Some(Lang::Zh));
        assert_eq!(c.workdays.moved.get(&d(2026, 2, 10)), Some(&d(2026, 2, 24)));
        assert_eq!(c.deadline_by_category.get("安全生产"), Some(&7));
    }

    fn one_error(text: &str) -> (u32, String) {
        let (_, findings) = parse(text, FileId(0));
        assert_eq!(findings.len(), 1, "{findings:?}");
        let f = &findings[0];
        assert_eq!(f.check.name, "invalid-config");
        (f.span.line, f.message.text(Lang::En))
    }

    #[test]
    fn unknown_key_is_named_with_its_line() {
        let (line, text) = one_error("name = \"x\"\n[workdays]\ncity = [10]\ncounty_days = [20]\n");
        assert_eq!(line, 4);
        assert!(text.contains("workdays.county_days"), "{text}");
    }

    #[test]
    fn day_32_is_impossible() {
        let (line, text) = one_error("[workdays]\n\ncity = [10, 32]\n");
        assert_eq!(line, 3);
        assert!(text.contains("workdays.city"), "{text}");
    }

    #[test]
    fn bad_values_are_named() {
        assert!(one_error("lang = \"fr\"").1.contains("lang"));
        assert!(one_error("categories = []").1.contains("categories"));
        assert!(
            one_error("categories = [\"a\", \"a\"]")
                .1
                .contains("categories")
        );
        assert!(
            one_error("[deadlines]\ndays = -1")
                .1
                .contains("deadlines.days")
        );
        assert!(
            one_error("[revisit]\ndays = \"15\"")
                .1
                .contains("revisit.days")
        );
        assert!(one_error("workdays = 10").1.contains("workdays"));
        assert!(
            one_error("[workdays]\nmoved = { 2026-02-11 = 2026-02-24 }")
                .1
                .contains("workdays.moved.2026-02-11")
        );
        assert!(
            one_error("[deadlines.category]\n\"不存在\" = 7")
                .1
                .contains("deadlines.category.不存在")
        );
    }

    #[test]
    fn findings_name_the_setting_as_their_field() {
        let field_and_value = |text: &str| {
            let (_, findings) = parse(text, FileId(0));
            assert_eq!(findings.len(), 1, "{findings:?}");
            let f = &findings[0];
            (f.field, f.value.as_deref().map(str::to_string))
        };
        let some = |s: &str| Some(s.to_string());
        assert_eq!(
            field_and_value("[workdays]\ncounty = [32]"),
            (Some("workdays.county"), some("[32]"))
        );
        assert_eq!(field_and_value("lang = 1"), (Some("lang"), some("1")));
        assert_eq!(
            field_and_value("[workdays]\nmoved = { 2026-02-11 = 2026-02-24 }"),
            (Some("workdays.moved"), some("2026-02-11"))
        );
        assert_eq!(
            field_and_value("[workdays]\nmoved = { 2026-02-10 = 24 }"),
            (Some("workdays.moved"), some("24"))
        );
        assert_eq!(
            field_and_value("[deadlines.category]\n\"安全生产\" = -1"),
            (Some("deadlines.category"), some("-1"))
        );
        // An unknown key is no setting: no field, the key as the value.
        assert_eq!(
            field_and_value("[revisit]\ndayz = 15"),
            (None, some("revisit.dayz"))
        );
    }

    #[test]
    fn invalid_toml_names_the_line() {
        let (line, _) = one_error("name = \"x\"\nlang = \n");
        assert_eq!(line, 2);
    }

    #[test]
    fn default_survives_a_bad_value() {
        let (config, findings) = parse("[deadlines]\ndays = 99999\n", FileId(0));
        assert_eq!(findings.len(), 1);
        assert_eq!(config.deadline_days, 30);
    }

    #[test]
    fn workdays_in_a_range_with_a_moved_day() {
        let mut w = Config::default().workdays;
        w.moved.insert(d(2026, 2, 20), d(2026, 2, 24));
        assert_eq!(
            w.dates(CadreLevel::County, d(2026, 1, 15), d(2026, 3, 31)),
            vec![d(2026, 1, 20), d(2026, 2, 24), d(2026, 3, 20)]
        );
        // A day moved out of the range is gone from it.
        assert_eq!(
            w.dates(CadreLevel::County, d(2026, 2, 1), d(2026, 2, 21)),
            vec![]
        );
        // The 31st is no work day in a month of 30 days.
        w.city = vec![31];
        assert_eq!(
            w.dates(CadreLevel::City, d(2026, 4, 1), d(2026, 5, 31)),
            vec![d(2026, 5, 31)]
        );
    }

    /// The issue's case: city = [10], 2026-01-10 moved to 2026-03-02.
    fn far_move() -> Workdays {
        let mut w = Config::default().workdays;
        w.moved.insert(d(2026, 1, 10), d(2026, 3, 2));
        w
    }

    #[test]
    fn a_day_moved_months_away_belongs_to_the_month_of_its_new_date() {
        let w = far_move();
        let city = |from, to| w.dates(CadreLevel::City, from, to);
        // March: the moved 03-02 and March's own 03-10.
        assert_eq!(
            city(d(2026, 3, 1), d(2026, 3, 31)),
            [d(2026, 3, 2), d(2026, 3, 10)]
        );
        // January: its 10th moved away, nothing left.
        assert_eq!(city(d(2026, 1, 1), d(2026, 1, 31)), []);
        // The year: 12 months' 10ths, January's now on 03-02 — 12 days.
        assert_eq!(city(d(2026, 1, 1), d(2026, 12, 31)).len(), 12);
        // A range holding the original date but not the new one: gone.
        assert_eq!(city(d(2026, 1, 1), d(2026, 2, 28)), [d(2026, 2, 10)]);
        // A range holding only the new date: there.
        assert_eq!(city(d(2026, 3, 1), d(2026, 3, 5)), [d(2026, 3, 2)]);
        // The county's 20th is not moved by a move of the 10th.
        assert_eq!(
            w.dates(CadreLevel::County, d(2026, 3, 1), d(2026, 3, 31)),
            [d(2026, 3, 20)]
        );
    }

    #[test]
    fn a_day_moved_back_across_the_new_year() {
        let mut w = Config::default().workdays;
        w.moved.insert(d(2026, 1, 10), d(2025, 12, 30));
        let city = |from, to| w.dates(CadreLevel::City, from, to);
        // 2025: its own twelve 10ths and the moved 12-30.
        let y2025 = city(d(2025, 1, 1), d(2025, 12, 31));
        assert_eq!(y2025.len(), 13);
        assert_eq!(y2025[11..], [d(2025, 12, 10), d(2025, 12, 30)]);
        // 2026: February to December, 11.
        assert_eq!(city(d(2026, 1, 1), d(2026, 12, 31)).len(), 11);
    }

    #[test]
    fn a_day_moved_onto_a_work_day_is_one_work_day() {
        let mut w = Config::default().workdays;
        w.city = vec![10, 20];
        w.moved.insert(d(2026, 3, 10), d(2026, 3, 20));
        assert_eq!(
            w.dates(CadreLevel::City, d(2026, 3, 1), d(2026, 3, 31)),
            [d(2026, 3, 20)]
        );
        // Two days of one month moved to one new date: one work day.
        let mut w = Config::default().workdays;
        w.moved.insert(d(2026, 1, 10), d(2026, 3, 2));
        w.moved.insert(d(2026, 2, 10), d(2026, 3, 2));
        assert_eq!(
            w.dates(CadreLevel::City, d(2026, 1, 1), d(2026, 3, 31)),
            [d(2026, 3, 2), d(2026, 3, 10)]
        );
    }

    /// Whether `day` is a work day of a level with `days`, day by day from
    /// the definition: a day of the month that was not moved away, or the
    /// new date of a moved day of the level.
    fn is_workday(w: &Workdays, days: &[u32], day: Date) -> bool {
        (days.contains(&day.day()) && !w.moved.contains_key(&day))
            || w.moved
                .iter()
                .any(|(old, new)| *new == day && days.contains(&old.day()))
    }

    fn workdays() -> impl proptest::strategy::Strategy<Value = Workdays> {
        use proptest::prelude::*;
        let days = || proptest::collection::btree_set(1u32..=31, 0..3);
        // Dates from 2025-01-01 on, over three years.
        let day = || (0u64..1095).prop_map(|n| d(2025, 1, 1) + chrono::Days::new(n));
        let moves = proptest::collection::vec((day(), day()), 0..6);
        (days(), days(), moves).prop_map(|(city, county, moves)| {
            let mut w = Config::default().workdays;
            w.city = city.into_iter().collect();
            w.county = county.into_iter().collect();
            w.moved = moves.into_iter().collect();
            w
        })
    }

    proptest::proptest! {
        /// The work days of a range are exactly the days that are work
        /// days by definition, and a year's are its months' together.
        #[test]
        fn months_make_up_the_year(w in workdays(), year in 2025i32..=2027) {
            for level in [CadreLevel::City, CadreLevel::County] {
                let first = d(year, 1, 1);
                let whole = w.dates(level, first, d(year, 12, 31));
                let by_day: Vec<Date> = first
                    .iter_days()
                    .take_while(|day| day.year() == year)
                    .filter(|&day| is_workday(&w, w.days(level), day))
                    .collect();
                proptest::prop_assert_eq!(&whole, &by_day);
                let months: Vec<Date> = (0..12)
                    .flat_map(|m| {
                        let start = date::add_months(first, m);
                        w.dates(level, start, date::month_end(start))
                    })
                    .collect();
                proptest::prop_assert_eq!(&whole, &months);
            }
        }
    }
}
