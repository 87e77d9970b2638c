//! `bangcun.toml`: the settings of a data folder (docs/data.md), typed
//! once. Each setting is one field of a [`section!`] — `bangcun.toml`
//! itself ([`Config`]) or one of its tables ([`Workdays`], [`Deadlines`],
//! [`Revisit`], [`Aliases`]) — with its default, the reader that checks its value, and
//! the words `init`'s template says of it; the parser, the list of known
//! keys and the template follow from them. Every key has a default; an
//! unknown key or an impossible value is an `invalid-config` finding
//! naming the key and its line (every one in one run), and the default is
//! used instead.
//!
//! Adding a key: its field in the section, and its row in docs/data.md
//! (and a reader, for a kind of value no key has yet).

use std::collections::BTreeMap;

use chrono::Datelike;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::date;
use crate::finding::{Check, Describe, Finding, Severity};
use crate::lang::{Lang, tr};
use crate::model::{
    CadreLevel, Date, Enumeration, FileId, Kind, OfficeKinds, Problem, Span, VisitKind,
};
use crate::schema::Type;
use crate::targets::{self, Goal, Sense, Target};
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

/// A key no setting has (`invalid-config`): its path, and the keys of
/// the table it is written in (`[deadlines]`'s for `deadlines.day`), one
/// of which was meant. It is ignored: no setting takes its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownKey {
    pub key: String,
    pub known: &'static [&'static str],
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
        let keys = self.known.join(lang.pick("、", ", "));
        Some(match self.key.rsplit_once('.') {
            Some((table, _)) => tr!(
                lang,
                "[{table}] 中可用的配置项：{keys}；此项被忽略",
                "the keys of [{table}] are {keys}; this one is ignored"
            ),
            None => tr!(
                lang,
                "可用的配置项：{keys}；此项被忽略",
                "the known keys are {keys}; this one is ignored"
            ),
        })
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
    /// `[visits.kinds]`: English word = "Chinese word".
    OfficeKind,
    /// A visit kind a quota counts.
    VisitKind,
    /// A cadre level a quota applies to.
    CadreLevel,
    /// `at` of a quota.
    QuotaAt,
    /// `per` of a quota.
    QuotaPer,
    /// A whole number 0 to 10000.
    Quantity,
    /// A quota's name: text no other quota has.
    QuotaName,
    /// `[[quota]]`: an array of tables.
    Quotas,
    /// A key no `[[quota]]` has.
    QuotaKey,
    /// A key of `targets` must name a figure.
    Figure,
    /// A rate's target: a fraction from 0 to 1.
    TargetRate,
    /// A count's target: a whole number ≥ 0.
    TargetCount,
    /// A count better neither way needs its direction written.
    Direction,
    /// A key of `aliases` must be a field whose values are words.
    AliasField,
    /// An alias must stand for one of the field's words.
    AliasValue,
    /// An alias must not be a word the field has already.
    AliasTaken,
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
            Expect::OfficeKind => tr!(
                lang,
                "应写作 英文词 = \"中文词\"，如 inspection-walk = \"暗访督导\"；英文词由小写字母、数字和 - 组成，不能与已有类型重名",
                "expected english-word = \"中文词\", e.g. inspection-walk = \"暗访督导\"; the English word of lowercase letters, digits and -, not a kind there is already",
            ),
            Expect::VisitKind => {
                let words = visit_kind_words();
                tr!(
                    lang,
                    "应为走访类型的列表：{words}，或 [visits.kinds] 中的类型",
                    "expected a list of visit kinds: {words}, or a kind of [visits.kinds]",
                )
            }
            Expect::CadreLevel => tr!(
                lang,
                "应为级别的列表：city（市级）、county（县级）、township（乡级）、unit（单位）",
                "expected a list of levels: city (市级), county (县级), township (乡级), unit (单位)",
            ),
            Expect::QuotaAt => tr!(
                lang,
                "应为 \"point\"（在联系点，合并计算）或 \"household\"（每个帮扶户分别计算）",
                "expected \"point\" (at its points, all together) or \"household\" (with each household apart)",
            ),
            Expect::QuotaPer => tr!(
                lang,
                "应为 \"month\"、\"quarter\" 或 \"year\"",
                "expected \"month\", \"quarter\" or \"year\""
            ),
            Expect::Quantity => tr!(
                lang,
                "应为 0 到 10000 之间的整数",
                "expected a whole number from 0 to 10000"
            ),
            Expect::QuotaName => tr!(
                lang,
                "每个 [[quota]] 都要有 name，且各不相同，如 name = \"主题党日\"",
                "every [[quota]] needs a name no other has, e.g. name = \"主题党日\"",
            ),
            Expect::QuotaKey => tr!(
                lang,
                "[[quota]] 可用的项：name、kinds、levels、at、per、visits、days",
                "the keys of a [[quota]]: name, kinds, levels, at, per, visits, days"
            ),
            Expect::Quotas => tr!(
                lang,
                "应写作 [[quota]] 表，每个定额一个",
                "expected [[quota]] tables, one for each quota"
            ),
            Expect::Figure => {
                let names: Vec<&str> = targets::FIGURES.iter().map(|(n, _)| *n).collect();
                let names = names.join(lang.pick("、", ", "));
                tr!(
                    lang,
                    "目标应设给以下指标之一：{names}，或某项定额（[[quota]] 的 name，为其完成率）",
                    "a target is set for one of the figures: {names}, or a quota (the name of a [[quota]]: its compliance rate)"
                )
            }
            Expect::TargetRate => tr!(
                lang,
                "比率的目标应为 0 到 1 之间的小数，如 0.9（即 90%）",
                "a rate's target is a fraction from 0 to 1, such as 0.9 (90%)"
            ),
            Expect::TargetCount => tr!(
                lang,
                "数量的目标应为大于等于 0 的整数，如 60，或写明方向：{{ at_least = 60 }} 或 {{ at_most = 0 }}",
                "a count's target is a whole number ≥ 0, such as 60, or one with its direction: {{ at_least = 60 }} or {{ at_most = 0 }}"
            ),
            Expect::Direction => tr!(
                lang,
                "这个数量多或少都不一定好，请写明方向：{{ at_least = 数量 }}（不少于）或 {{ at_most = 数量 }}（不多于）",
                "this count is better neither higher nor lower: write its direction, {{ at_least = N }} or {{ at_most = N }}"
            ),
            Expect::AliasField => {
                let fields = alias_fields().join(lang.pick("、", ", "));
                tr!(
                    lang,
                    "应为取值是固定用词的字段名：{fields}；如 source = {{ \"职能部门移交\" = \"inspection\" }}",
                    "expected a field whose values are words: {fields}; e.g. source = {{ \"职能部门移交\" = \"inspection\" }}",
                )
            }
            Expect::AliasValue => tr!(
                lang,
                "应为该字段的可选值（英文或中文），如 \"inspection\" 或 \"督导暗访\"",
                "expected one of the field's values (English or Chinese), such as \"inspection\" or \"督导暗访\"",
            ),
            Expect::AliasTaken => tr!(
                lang,
                "这个词已是该字段的另一个值，不能改作别的值；删去此项",
                "this word already stands for another value of the field and cannot be changed; remove the entry",
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

/// Declares a table of settings: its struct, each field with its default
/// (`= …`), its reader (a `Parser` method that checks the value and says
/// what is wrong with it), how `init`'s template shows it (a [`Template`]
/// method) and the template's note on it in Chinese and English (empty:
/// none). The struct's `Default` holds every default; [`Section`] reads
/// its keys and writes its part of the template.
macro_rules! section {
    (
        $(#[$meta:meta])*
        pub struct $name:ident at $prefix:literal {
            $(
                $(#[$field_meta:meta])*
                $field:ident: $ty:ty = $default:expr;
                    read $read:ident; show $show:ident $(($example:literal))?;
                    note ($zh:literal, $en:literal);
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq)]
        pub struct $name {
            $( $(#[$field_meta])* pub $field: $ty, )*
        }

        impl Default for $name {
            fn default() -> Self {
                $name { $( $field: $default, )* }
            }
        }

        impl Section for $name {
            const KEYS: &'static [&'static str] = &[$(stringify!($field)),*];

            fn read(&mut self, p: &mut Parser, key: &str, value: &Value) -> bool {
                match key {
                    $(
                        stringify!($field) => {
                            let path = concat!($prefix, stringify!($field));
                            if let Some(read) = p.$read(path, value) {
                                self.$field = read;
                            }
                            true
                        }
                    )*
                    _ => false,
                }
            }

            fn template(&self, t: &mut Template) {
                $(
                    let path = concat!($prefix, stringify!($field));
                    t.$show(path, &self.$field, ($zh, $en) $(, $example)?);
                )*
            }
        }
    };
}

/// A table of settings: `bangcun.toml` itself, or one of its tables.
trait Section: Default {
    /// Its keys, in the order the template writes them.
    const KEYS: &'static [&'static str];
    /// Reads the value of `key` (a finding when it is impossible); false
    /// when the table has no such key.
    fn read(&mut self, p: &mut Parser, key: &str, value: &Value) -> bool;
    /// Writes the table's part of `init`'s template.
    fn template(&self, t: &mut Template);
}

section! {
    /// The settings of a data folder.
    pub struct Config at "" {
        /// Title of reports.
        name: String = "联乡帮村".to_string();
            read text; show value;
            note ("报告标题", "title of reports");
        /// `lang` as written; `--lang` overrides, Chinese when neither is
        /// given.
        lang: Option<Lang> = None;
            read lang; show lang;
            note ("zh 或 en：标签和消息的语言（命令行 --lang 优先）", "zh or en: labels and messages (--lang overrides)");
        /// Problem categories (问题类别) a problem must use.
        categories: Vec<String> = DEFAULT_CATEGORIES.iter().map(|c| c.to_string()).collect();
            read categories; show apart;
            note ("问题类别：问题台账的“类别”必须是其中之一", "Problem categories: a problem's category must be one of these");
        /// The monthly work days (双十工作日) of each cadre level.
        workdays: Workdays = Workdays::default();
            read section; show section;
            note ("各级帮联干部每月必须下沉联系点的日子（双十工作日）", "days of the month each cadre level must be at its points");
        /// The deadline of a problem that has none.
        deadlines: Deadlines = Deadlines::default();
            read section; show section;
            note ("", "");
        /// When a rectified problem should be verified.
        revisit: Revisit = Revisit::default();
            read section; show section;
            note ("", "");
        targets: Vec<Target> = Vec::new();
            read targets; show table_example("rectification_rate = 0.9\nattendance_rate = 0.95\nfive_star = 60\nstars3_rate = 0.5\nweak = 0\nsanling_rate = 0.8\nreview_rate = 0.8\nproblems = { at_most = 100 }");
            note ("目标：报表和月报逐项显示是否达标。比率写小数（0.9 即 90%），为“不低于”；数量写整数：weak、overdue 等越少越好的为“不多于”，five_star 等越多越好的为“不少于”，problems 等须写明方向，如 { at_most = 100 }", "Targets: reports and the monthly summary say whether each is met. A rate is a fraction (0.9 is 90%), at least; a count is a whole number: at most for counts better lower (weak, overdue), at least for those better higher (five_star), and written with its direction for the others (problems = { at_most = 100 })");
        /// The office's own words for the values of fields.
        aliases: Aliases = Aliases::default();
            read aliases; show entries_apart("# source = { \"职能部门移交\" = \"inspection\" }");
            note ("本单位自己的用词：字段名 = { \"用词\" = \"可选值\" }", "the office's own words: field = { \"word\" = \"value\" }");
        /// `[visits]`: the office's own visit kinds.
        visits: Visits = Visits::default();
            read section; show hidden;
            note ("", "");
        /// `[[quota]]`: what each cadre must do in a month, quarter or year.
        quota: Vec<Quota> = Vec::new();
            read quotas; show hidden;
            note ("", "");
    }
}

section! {
    /// `[visits]`: visit kinds of the office's own.
    pub struct Visits at "visits." {
        /// `[visits.kinds]`: English word = "Chinese word".
        kinds: OfficeKinds = OfficeKinds::default();
            read office_kinds; show hidden;
            note ("", "");
    }
}

/// Where a quota is counted (`at`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuotaAt {
    /// At the cadre's points or inside one, all points together.
    Point,
    /// With each of the cadre's households, each apart.
    Household,
}

/// The calendar period a quota is owed for (`per`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Per {
    Month,
    Quarter,
    Year,
}

impl Per {
    /// The English word of bangcun.toml.
    pub fn english(self) -> &'static str {
        match self {
            Per::Month => "month",
            Per::Quarter => "quarter",
            Per::Year => "year",
        }
    }
}

/// A `[[quota]]`: who owes what in every month, quarter or year
/// (docs/data.md, "Quotas").
#[derive(Clone, Debug, PartialEq)]
pub struct Quota {
    /// The label in reports; unique.
    pub name: String,
    /// The visit kinds that count; `None`: every kind.
    pub kinds: Option<Vec<VisitKind>>,
    /// The levels that owe it; `None`: every level, units too.
    pub levels: Option<Vec<CadreLevel>>,
    pub at: QuotaAt,
    pub per: Per,
    /// At least this many visits (distinct dates) …
    pub visits: u32,
    /// … and at least this many days in total (the sum of `days`).
    pub days: u32,
    /// The line of its `[[quota]]`.
    pub line: u32,
}

impl Quota {
    /// Whether visits of `kind` count.
    pub fn counts(&self, kind: VisitKind) -> bool {
        self.kinds.as_ref().is_none_or(|k| k.contains(&kind))
    }

    /// Whether cadres of `level` owe it.
    pub fn owed_by(&self, level: CadreLevel) -> bool {
        self.levels.as_ref().is_none_or(|l| l.contains(&level))
    }
}

/// `[aliases]`: an office's own words for the values of fields, by field
/// name (`source = { "职能部门移交" = "inspection" }`), each standing for
/// a value's English word. They are read after the words of docs/data.md,
/// for every field of that name whose values they are.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Aliases {
    /// Field name → (word → the value's English word).
    pub fields: BTreeMap<String, BTreeMap<String, String>>,
    /// The office's own visit kinds (`[visits.kinds]`): new values of a
    /// visit's `kind`, not words for old ones. Set from `visits.kinds`
    /// once the file is read, so that the loader finds every word of the
    /// office's in one place.
    pub office: OfficeKinds,
}

impl Aliases {
    /// The English word of the value `word` stands for in the field called
    /// `field`, if the office made it an alias.
    pub fn get(&self, field: &str, word: &str) -> Option<&str> {
        self.fields.get(field)?.get(word).map(String::as_str)
    }
}

/// The fields whose values are words, by name (those `[aliases]` may
/// name), in table order, each once.
fn alias_fields() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for kind in Kind::ALL {
        for f in kind.fields() {
            if matches!(f.ty, Type::Word { .. }) && !out.contains(&f.name) {
                out.push(f.name);
            }
        }
    }
    out
}

/// What `word` means in the fields called `field`: the English word of
/// the value in the first such field that has it.
fn english_word(field: &str, word: &str) -> Option<&'static str> {
    Kind::ALL
        .iter()
        .flat_map(|k| k.fields())
        .filter(|f| f.name == field)
        .find_map(|f| match f.ty {
            Type::Word { translate } => translate(word, Lang::En),
            _ => None,
        })
}

section! {
    /// `[workdays]`: the monthly work days (双十工作日) of each cadre level.
    pub struct Workdays at "workdays." {
        city: Vec<u32> = vec![10];
            read days; show value;
            note ("市级", "");
        county: Vec<u32> = vec![20];
            read days; show value;
            note ("县级", "");
        township: Vec<u32> = vec![20];
            read days; show value;
            note ("乡级", "");
        /// Linking units have no work days unless given here.
        unit: Vec<u32> = Vec::new();
            read days; show hidden;
            note ("单位", "");
        /// A work day moved for a holiday, for every level: old date → new
        /// date.
        moved: BTreeMap<Date, Date> = BTreeMap::new();
            read moved; show example("{ 2026-02-20 = 2026-02-24 }");
            note ("因节假日调整的工作日（对所有级别生效）：原日期 = 新日期", "a work day moved for a holiday, for every level: old date = new date");
    }
}

section! {
    /// `[deadlines]`: the deadline of a problem that has none.
    pub struct Deadlines at "deadlines." {
        /// Found + this many days …
        days: u32 = 30;
            read day_count; show value;
            note ("问题未填整改时限时：发现日期 + 30 天", "deadline when a problem has none: found + 30 days");
        /// … or this many, for these categories.
        category: BTreeMap<String, u32> = BTreeMap::new();
            read category_days; show entries("\"安全生产\" = 7");
            note ("个别类别的整改天数", "other deadlines for some categories");
    }
}

section! {
    /// `[revisit]`: when a rectified problem should be verified.
    pub struct Revisit at "revisit." {
        /// Within this many days.
        days: u32 = 15;
            read day_count; show value;
            note ("整改后应在 15 天内回访销号", "a rectified problem should be verified within 15 days");
    }
}

impl Config {
    /// The deadline that applies to a problem: its own, or found + the
    /// configured days for its category; none for a long-term problem.
    pub fn deadline(&self, problem: &Problem) -> Option<Date> {
        match problem.deadline {
            Some(deadline) => deadline.day(),
            None => {
                let days = self
                    .deadlines
                    .category
                    .get(&*problem.category)
                    .copied()
                    .unwrap_or(self.deadlines.days);
                Some(problem.found + chrono::Days::new(u64::from(days)))
            }
        }
    }
}

impl Workdays {
    /// The days of the month on which cadres of `level` are due.
    pub fn days(&self, level: CadreLevel) -> &[u32] {
        match level {
            CadreLevel::City => &self.city,
            CadreLevel::County => &self.county,
            CadreLevel::Township => &self.township,
            CadreLevel::Unit => &self.unit,
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
        findings: Vec::new(),
        category_keys: Vec::new(),
        moved_keys: Vec::new(),
        quota_kinds: Vec::new(),
        quota_targets: Vec::new(),
    };
    let mut config = Config::default();
    match DeTable::parse(text) {
        Ok(table) => {
            for (key, value) in table.get_ref().iter() {
                if !config.read(&mut p, key.get_ref(), value) {
                    p.unknown("", key, Config::KEYS);
                }
            }
        }
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
    p.check_consistency(&mut config);
    (config, p.findings)
}

/// `init`'s `bangcun.toml`: every setting, with its default (or an
/// example) and its note, in `lang`.
pub fn template(lang: Lang) -> String {
    let mut t = Template {
        lang,
        out: String::new(),
    };
    t.out.push_str(lang.pick(
        "# bangcun 数据目录配置。每一项都有默认值；不需要改的项可以删去。\n\n",
        "# bangcun data folder settings. Every key has a default; delete what you do not need.\n\n",
    ));
    Config::default().template(&mut t);
    t.out
}

type Key<'i> = Spanned<std::borrow::Cow<'i, str>>;
type Value<'i> = Spanned<DeValue<'i>>;

/// Reads the values of `bangcun.toml`, each by the reader its setting
/// names, and collects what is wrong with them.
struct Parser<'t> {
    text: &'t str,
    file: FileId,
    findings: Vec<Finding>,
    // Where each key of `deadlines.category` and `workdays.moved` stands,
    // so that the checks across keys can name the line.
    category_keys: Vec<(String, usize)>,
    moved_keys: Vec<(Date, usize)>,
    // Each quota's kinds as written (quota, word, offset): they may name
    // `[visits.kinds]`, which can come later in the file.
    quota_kinds: Vec<QuotaKinds>,
    /// The targets whose key is no figure: a quota's name, or nothing.
    quota_targets: Vec<QuotaTarget>,
}

/// A quota's kinds as written: the quota's place, each word with where it
/// stands, and the key (`quota[1].kinds`).
/// A target whose key names no figure, waiting for the quotas to be read:
/// where it stands among the targets (when its value was a rate), its key,
/// and what was wrong with its value (text, offset, what was wanted).
struct QuotaTarget {
    at: Option<usize>,
    figure: String,
    entry: String,
    key_offset: usize,
    bad: Option<(String, usize, Expect)>,
}

type QuotaKinds = (usize, Vec<(String, usize)>, String);

impl Parser<'_> {
    fn span(&self, offset: usize) -> Span {
        Span {
            file: self.file,
            line: line_at(self.text, offset),
        }
    }

    /// A key no setting has (under the table at `path`, `""` for the
    /// top, whose keys are `known`): it is no field, so the finding names
    /// none and gives the key as its value.
    fn unknown(&mut self, path: &str, key: &Key, known: &'static [&'static str]) {
        let path = match path {
            "" => key.get_ref().to_string(),
            table => format!("{table}.{}", key.get_ref()),
        };
        let span = self.span(key.span().start);
        self.findings.push(
            Finding::new(
                &INVALID_CONFIG,
                span,
                UnknownKey {
                    key: path.clone(),
                    known,
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

    /// `value` as `expect`ed by `read`, or a finding.
    fn checked<T>(
        &mut self,
        path: &'static str,
        value: &Value,
        expect: Expect,
        read: impl FnOnce(&Value) -> Option<T>,
    ) -> Option<T> {
        let read = read(value);
        if read.is_none() {
            self.invalid(path, value, expect);
        }
        read
    }

    // The readers of the settings: each checks one kind of value.

    /// Quoted text, not blank; trimmed.
    fn text(&mut self, path: &'static str, value: &Value) -> Option<String> {
        self.checked(path, value, Expect::Text, |v| {
            let s = v.get_ref().as_str()?.trim();
            (!s.is_empty()).then(|| s.to_string())
        })
    }

    /// `zh` or `en`.
    fn lang(&mut self, path: &'static str, value: &Value) -> Option<Option<Lang>> {
        self.checked(path, value, Expect::LangCode, |v| {
            v.get_ref().as_str()?.parse().ok().map(Some)
        })
    }

    /// Distinct, non-empty texts, at least one.
    fn categories(&mut self, path: &'static str, value: &Value) -> Option<Vec<String>> {
        self.checked(path, value, Expect::Categories, categories)
    }

    /// Days of the month, 1 to 31.
    fn days(&mut self, path: &'static str, value: &Value) -> Option<Vec<u32>> {
        self.checked(path, value, Expect::Days, days_of_month)
    }

    /// A number of days, 0 to 3650.
    fn day_count(&mut self, path: &'static str, value: &Value) -> Option<u32> {
        self.checked(path, value, Expect::DayCount, day_count)
    }

    /// A table of settings, each of its keys by its own reader.
    fn section<S: Section>(&mut self, path: &'static str, value: &Value) -> Option<S> {
        let Some(table) = value.get_ref().as_table() else {
            self.invalid(path, value, Expect::Table);
            return None;
        };
        let mut section = S::default();
        for (key, value) in table.iter() {
            if !section.read(self, key.get_ref(), value) {
                self.unknown(path, key, S::KEYS);
            }
        }
        Some(section)
    }

    /// `workdays.moved`: old date = new date, each entry on its own.
    /// `[targets]`: each key a figure of [`targets::FIGURES`], each value
    /// a goal; every bad entry a finding naming its key and line.
    fn targets(&mut self, path: &'static str, value: &Value) -> Option<Vec<Target>> {
        let Some(table) = value.get_ref().as_table() else {
            self.invalid(path, value, Expect::Table);
            return None;
        };
        let mut out = Vec::new();
        // In the order written: reports list the targets so.
        let mut entries: Vec<_> = table.iter().collect();
        entries.sort_by_key(|(key, _)| key.span().start);
        for (key, goal) in entries {
            let figure = key.get_ref().to_string();
            let entry = format!("{path}.{figure}");
            let Some(sense) = targets::sense(&figure) else {
                // Perhaps a quota's name (its compliance rate): known once
                // the quotas are read (check_consistency).
                let read = target_goal(goal, Sense::Rate).map_err(|expect| {
                    let shown = self.text.get(goal.span()).unwrap_or("").trim().to_string();
                    (shown, goal.span().start, expect)
                });
                if let Ok(goal) = read {
                    out.push(Target {
                        figure: figure.clone(),
                        goal,
                        rate: true,
                    });
                }
                self.quota_targets.push(QuotaTarget {
                    at: read.is_ok().then(|| out.len() - 1),
                    figure,
                    entry,
                    key_offset: key.span().start,
                    bad: read.err(),
                });
                continue;
            };
            match target_goal(goal, sense) {
                Ok(goal) => out.push(Target {
                    figure,
                    goal,
                    rate: sense == Sense::Rate,
                }),
                Err(expect) => self.invalid_entry(path, entry, goal, expect),
            }
        }
        Some(out)
    }

    fn moved(&mut self, path: &'static str, value: &Value) -> Option<BTreeMap<Date, Date>> {
        let Some(table) = value.get_ref().as_table() else {
            self.invalid(path, value, Expect::Table);
            return None;
        };
        let mut moved = BTreeMap::new();
        for (key, new) in table.iter() {
            let entry = format!("{path}.{}", key.get_ref());
            let Some(old) = date::parse(key.get_ref()) else {
                let text = key.get_ref().to_string();
                self.report(path, entry, text, key.span().start, Expect::Date);
                continue;
            };
            match toml_date(new) {
                Some(new) => {
                    moved.insert(old, new);
                    self.moved_keys.push((old, key.span().start));
                }
                None => self.invalid_entry(path, entry, new, Expect::Date),
            }
        }
        Some(moved)
    }

    /// `deadlines.category`: category = days, each entry on its own.
    fn category_days(
        &mut self,
        path: &'static str,
        value: &Value,
    ) -> Option<BTreeMap<String, u32>> {
        let Some(table) = value.get_ref().as_table() else {
            self.invalid(path, value, Expect::Table);
            return None;
        };
        let mut days_of = BTreeMap::new();
        for (cat, days) in table.iter() {
            let entry = format!("{path}.{}", cat.get_ref());
            match day_count(days) {
                Some(n) => {
                    let name = cat.get_ref().to_string();
                    self.category_keys.push((name.clone(), cat.span().start));
                    days_of.insert(name, n);
                }
                None => self.invalid_entry(path, entry, days, Expect::DayCount),
            }
        }
        Some(days_of)
    }

    /// `[visits.kinds]`: the office's own visit kinds, English word =
    /// "Chinese word", each entry on its own.
    fn office_kinds(&mut self, path: &'static str, value: &Value) -> Option<OfficeKinds> {
        let Some(table) = value.get_ref().as_table() else {
            self.invalid(path, value, Expect::Table);
            return None;
        };
        let mut kinds = OfficeKinds::default();
        for (en, zh) in table.iter() {
            let entry = format!("{path}.{}", en.get_ref());
            let en = en.get_ref().trim();
            let zh_text = zh.get_ref().as_str().map(str::trim).unwrap_or("");
            let word_ok = !en.is_empty()
                && en
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            let taken = |w: &str| {
                !w.is_empty()
                    && (VisitKind::parse(w).is_some()
                        || kinds.0.iter().any(|(e, z)| e == w || z == w))
            };
            if !word_ok || zh_text.is_empty() || taken(en) || taken(zh_text) || kinds.0.len() >= 200
            {
                self.invalid_entry(path, entry, zh, Expect::OfficeKind);
                continue;
            }
            kinds.0.push((en.to_string(), zh_text.to_string()));
        }
        Some(kinds)
    }

    /// `[[quota]]`: each table a quota, each key checked on its own (the
    /// finding names `quota[N].key`, N counting from 1, and its line). A
    /// quota with an impossible value is left out whole: counting it
    /// otherwise than written would give wrong figures.
    fn quotas(&mut self, path: &'static str, value: &Value) -> Option<Vec<Quota>> {
        let Some(array) = value.get_ref().as_array() else {
            self.invalid(path, value, Expect::Quotas);
            return None;
        };
        let mut quotas: Vec<Quota> = Vec::new();
        for (n, item) in array.iter().enumerate() {
            let at = format!("quota[{}]", n + 1);
            let Some(table) = item.get_ref().as_table() else {
                self.invalid_entry(path, at, item, Expect::Quotas);
                continue;
            };
            let mut quota = Quota {
                name: String::new(),
                kinds: None,
                levels: None,
                at: QuotaAt::Point,
                per: Per::Month,
                visits: 1,
                days: 0,
                line: self.span(item.span().start).line,
            };
            let mut ok = true;
            let mut kinds = None;
            for (key, v) in table.iter() {
                let entry = format!("{at}.{}", key.get_ref());
                let word = || v.get_ref().as_str().map(str::trim);
                let read = match key.get_ref().as_ref() {
                    "name" => text_of(v).map(|t| quota.name = t).ok_or(Expect::QuotaName),
                    "kinds" => words_of(v)
                        .map(|w| kinds = Some((w, entry.clone())))
                        .ok_or(Expect::VisitKind),
                    "levels" => levels_of(v)
                        .map(|l| quota.levels = Some(l))
                        .ok_or(Expect::CadreLevel),
                    "at" => quota_at(word())
                        .map(|at| quota.at = at)
                        .ok_or(Expect::QuotaAt),
                    "per" => per(word())
                        .map(|per| quota.per = per)
                        .ok_or(Expect::QuotaPer),
                    "visits" => quantity(v)
                        .map(|n| quota.visits = n)
                        .ok_or(Expect::Quantity),
                    "days" => quantity(v).map(|n| quota.days = n).ok_or(Expect::Quantity),
                    _ => {
                        let text = key.get_ref().to_string();
                        self.report(path, entry, text, key.span().start, Expect::QuotaKey);
                        ok = false;
                        continue;
                    }
                };
                if let Err(expect) = read {
                    self.invalid_entry(path, entry, v, expect);
                    ok = false;
                }
            }
            if quota.name.is_empty() || quotas.iter().any(|q| q.name == quota.name) {
                if ok {
                    let name = format!("{at}.name");
                    self.report(
                        path,
                        name,
                        quota.name.clone(),
                        item.span().start,
                        Expect::QuotaName,
                    );
                }
                continue;
            }
            if ok {
                if let Some((words, entry)) = kinds {
                    self.quota_kinds.push((quotas.len(), words, entry));
                }
                quotas.push(quota);
            }
        }
        Some(quotas)
    }

    /// `aliases`: for each field whose values are words, a table of the
    /// office's words, each standing for one of the field's values. A word
    /// the field has already (for another value) is refused: it would be
    /// read as the built-in value anyway.
    fn aliases(&mut self, path: &'static str, value: &Value) -> Option<Aliases> {
        let Some(table) = value.get_ref().as_table() else {
            self.invalid(path, value, Expect::Table);
            return None;
        };
        let fields = alias_fields();
        let mut aliases = Aliases::default();
        for (field, words) in table.iter() {
            let key = format!("{path}.{}", field.get_ref());
            if !fields.contains(&field.get_ref().as_ref()) {
                let text = field.get_ref().to_string();
                self.report(path, key, text, field.span().start, Expect::AliasField);
                continue;
            }
            let Some(words) = words.get_ref().as_table() else {
                self.invalid_entry(path, key, words, Expect::Table);
                continue;
            };
            let mut read = BTreeMap::new();
            for (word, meant) in words.iter() {
                let entry = format!("{key}.{}", word.get_ref());
                let target = meant
                    .get_ref()
                    .as_str()
                    .and_then(|m| english_word(field.get_ref(), m.trim()));
                let Some(target) = target else {
                    self.invalid_entry(path, entry, meant, Expect::AliasValue);
                    continue;
                };
                let word_text = word.get_ref().trim();
                match english_word(field.get_ref(), word_text) {
                    Some(already) if already != target => {
                        let text = word_text.to_string();
                        self.report(path, entry, text, word.span().start, Expect::AliasTaken);
                    }
                    _ => {
                        read.insert(word_text.to_string(), target.to_string());
                    }
                }
            }
            aliases.fields.insert(field.get_ref().to_string(), read);
        }
        Some(aliases)
    }

    /// Checks that need several keys at once: a category deadline for an
    /// unknown category, a moved day that is nobody's work day. The default
    /// stands for what fails.
    fn check_consistency(&mut self, config: &mut Config) {
        config.aliases.office = config.visits.kinds.clone();
        // A target named by no figure: a quota's compliance, or a finding
        // (and no target).
        let mut dropped = Vec::new();
        for t in std::mem::take(&mut self.quota_targets) {
            let quota = config.quota.iter().any(|q| q.name == t.figure);
            match (quota, t.bad) {
                (true, None) => {}
                (true, Some((text, offset, expect))) => {
                    self.report("targets", t.entry, text, offset, expect);
                }
                (false, _) => {
                    self.report("targets", t.entry, t.figure, t.key_offset, Expect::Figure);
                    dropped.extend(t.at);
                }
            }
        }
        for i in dropped.into_iter().rev() {
            config.targets.remove(i);
        }
        // A quota's kinds, now that the office's own are known; a quota
        // naming an unknown kind is left out.
        let mut dropped = Vec::new();
        for (i, words, entry) in std::mem::take(&mut self.quota_kinds) {
            let office = &config.visits.kinds;
            let kinds: Option<Vec<VisitKind>> = words
                .iter()
                .map(|(w, _)| VisitKind::parse_in(w, office))
                .collect();
            match (kinds, config.quota.get_mut(i)) {
                (Some(kinds), Some(quota)) if !kinds.is_empty() => quota.kinds = Some(kinds),
                (_, _) => {
                    let (text, offset) = words
                        .iter()
                        .find(|(w, _)| VisitKind::parse_in(w, office).is_none())
                        .cloned()
                        .unwrap_or_default();
                    self.report("quota", entry, text, offset, Expect::VisitKind);
                    dropped.push(i);
                }
            }
        }
        for i in dropped.into_iter().rev() {
            if i < config.quota.len() {
                config.quota.remove(i);
            }
        }
        for (cat, offset) in std::mem::take(&mut self.category_keys) {
            if !config.categories.contains(&cat) {
                config.deadlines.category.remove(&cat);
                self.report(
                    "deadlines.category",
                    format!("deadlines.category.{cat}"),
                    cat,
                    offset,
                    Expect::Category,
                );
            }
        }
        let wd = &config.workdays;
        let is_workday = |day: u32| {
            [&wd.city, &wd.county, &wd.township, &wd.unit]
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
            config.workdays.moved.remove(&old);
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

/// `init`'s template, as it is written: each setting shown by the method
/// its `show` names, with its note in the template's language.
struct Template {
    lang: Lang,
    out: String,
}

/// Where a note after a line begins, in terminal columns.
const NOTE_COLUMN: usize = 32;

impl Template {
    fn note(&self, (zh, en): (&'static str, &'static str)) -> Option<&'static str> {
        let note = self.lang.pick(zh, en);
        (!note.is_empty()).then_some(note)
    }

    /// A line, and its note after it.
    fn line(&mut self, text: &str, note: Option<&str>) {
        self.out.push_str(text);
        if let Some(note) = note {
            let width = unicode_width::UnicodeWidthStr::width(text);
            let pad = NOTE_COLUMN.saturating_sub(width).max(1);
            self.out.extend(std::iter::repeat_n(' ', pad));
            self.out.push_str("# ");
            self.out.push_str(note);
        }
        self.out.push('\n');
    }

    /// A note on a line of its own.
    fn above(&mut self, note: Option<&str>) {
        if let Some(note) = note {
            self.line(&format!("# {note}"), None);
        }
    }

    /// `key = value`, the note after it.
    fn value(&mut self, path: &str, value: &impl Toml, note: (&'static str, &'static str)) {
        let note = self.note(note);
        self.line(&format!("{} = {}", key(path), value.toml()), note);
    }

    /// The same, after a blank line and with the note above it.
    fn apart(&mut self, path: &str, value: &impl Toml, note: (&'static str, &'static str)) {
        let note = self.note(note);
        self.out.push('\n');
        self.above(note);
        self.line(&format!("{} = {}", key(path), value.toml()), None);
    }

    /// `lang` as the template's own language.
    fn lang(&mut self, path: &str, _: &Option<Lang>, note: (&'static str, &'static str)) {
        let code = self.lang.pick("zh", "en");
        let note = self.note(note);
        self.line(&format!("{} = \"{code}\"", key(path)), note);
    }

    /// A setting whose default is empty: an example, commented out, under
    /// its note.
    fn example<T>(&mut self, path: &str, _: &T, note: (&'static str, &'static str), example: &str) {
        let note = self.note(note);
        self.above(note);
        self.line(&format!("# {} = {example}", key(path)), None);
    }

    /// A table of entries whose default is empty: its header with the
    /// note, and example entries.
    fn entries<T>(&mut self, path: &str, _: &T, note: (&'static str, &'static str), entries: &str) {
        let note = self.note(note);
        self.line(&format!("[{path}]"), note);
        self.out.push_str(entries);
        self.out.push('\n');
    }

    /// A setting `init`'s plain template leaves out (the presets write
    /// it).
    fn hidden<T>(&mut self, _path: &str, _: &T, _note: (&'static str, &'static str)) {}
    /// The same, after a blank line.
    fn entries_apart<T>(
        &mut self,
        path: &str,
        value: &T,
        note: (&'static str, &'static str),
        entries: &str,
    ) {
        self.out.push('\n');
        self.entries(path, value, note, entries);
    }

    /// A table of settings, after a blank line: its header with the note,
    /// and its settings.
    /// A table left out, shown as a commented example: its note above,
    /// `# [path]`, and each line of `lines` commented.
    fn table_example<T>(
        &mut self,
        path: &str,
        _: &T,
        note: (&'static str, &'static str),
        lines: &str,
    ) {
        let note = self.note(note);
        self.out.push('\n');
        self.above(note);
        self.line(&format!("# [{path}]"), None);
        for line in lines.lines() {
            self.line(&format!("# {line}"), None);
        }
    }

    fn section(&mut self, path: &str, section: &impl Section, note: (&'static str, &'static str)) {
        let note = self.note(note);
        self.out.push('\n');
        self.line(&format!("[{path}]"), note);
        section.template(self);
    }
}

/// The last key of a dotted path: what a line of its table writes.
fn key(path: &str) -> &str {
    path.rsplit('.').next().unwrap_or(path)
}

/// A default as `init`'s template writes it, in TOML.
trait Toml {
    fn toml(&self) -> String;
}

impl Toml for String {
    fn toml(&self) -> String {
        format!("{self:?}")
    }
}

impl Toml for u32 {
    fn toml(&self) -> String {
        self.to_string()
    }
}

impl<T: Toml> Toml for Vec<T> {
    fn toml(&self) -> String {
        let items: Vec<String> = self.iter().map(Toml::toml).collect();
        format!("[{}]", items.join(", "))
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

/// Quoted text, not blank; trimmed.
fn text_of(value: &Value) -> Option<String> {
    let s = value.get_ref().as_str()?.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// A list of quoted words (a single word is a list of one), each with
/// where it stands in the file.
fn words_of(value: &Value) -> Option<Vec<(String, usize)>> {
    if let Some(word) = text_of(value) {
        return Some(vec![(word, value.span().start)]);
    }
    let array = value.get_ref().as_array()?;
    array
        .iter()
        .map(|item| text_of(item).map(|w| (w, item.span().start)))
        .collect()
}

/// A list of cadre levels, at least one.
fn levels_of(value: &Value) -> Option<Vec<CadreLevel>> {
    let levels = words_of(value)?
        .iter()
        .map(|(w, _)| CadreLevel::parse(w))
        .collect::<Option<Vec<_>>>()?;
    (!levels.is_empty()).then_some(levels)
}

/// `at` of a quota.
fn quota_at(word: Option<&str>) -> Option<QuotaAt> {
    match word? {
        "point" => Some(QuotaAt::Point),
        "household" => Some(QuotaAt::Household),
        _ => None,
    }
}

/// `per` of a quota.
fn per(word: Option<&str>) -> Option<Per> {
    match word? {
        "month" => Some(Per::Month),
        "quarter" => Some(Per::Quarter),
        "year" => Some(Per::Year),
        _ => None,
    }
}

/// A whole number from 0 to 10000.
fn quantity(value: &Value) -> Option<u32> {
    integer(value)
        .filter(|n| (0..=10000).contains(n))
        .map(|n| n as u32)
}

/// The built-in visit kinds, as the help of a bad quota kind lists them.
fn visit_kind_words() -> String {
    let words: Vec<&str> = VisitKind::WORDS.iter().map(|(_, en, _)| *en).collect();
    words.join(", ")
}

/// The goal of a target for a figure of `sense`: a bare number, or
/// `{{ at_least = N }}` / `{{ at_most = N }}`; what was wanted when it is
/// neither.
fn target_goal(value: &Value, sense: Sense) -> Result<Goal, Expect> {
    let bad = match sense {
        Sense::Rate => Expect::TargetRate,
        _ => Expect::TargetCount,
    };
    let (number, explicit) = match value.get_ref().as_table() {
        Some(table) => {
            let mut entries = table.iter();
            let (Some((key, number)), None) = (entries.next(), entries.next()) else {
                return Err(bad);
            };
            let make = match key.get_ref().as_ref() {
                "at_least" => Goal::AtLeast,
                "at_most" => Goal::AtMost,
                _ => return Err(bad),
            };
            (number, Some(make))
        }
        None => (value, None),
    };
    let n = match (sense, number.get_ref()) {
        (Sense::Rate, DeValue::Float(f)) => f.as_str().replace('_', "").parse().ok(),
        (_, DeValue::Integer(_)) => integer(number).map(|n| n as f64),
        _ => None,
    };
    let n = n
        .filter(|&n: &f64| n >= 0.0 && (sense != Sense::Rate || n <= 1.0))
        .ok_or(bad)?;
    match (explicit, sense) {
        (Some(make), _) => Ok(make(n)),
        (None, Sense::Rate | Sense::More) => Ok(Goal::AtLeast(n)),
        (None, Sense::Fewer) => Ok(Goal::AtMost(n)),
        (None, Sense::Either) => Err(Expect::Direction),
    }
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
        assert_eq!(c.deadlines.category.get("安全生产"), Some(&7));
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
    fn targets_read_with_their_direction() {
        let c = parse_ok(
            "[targets]\nrectification_rate = 0.9\nfive_star = 60\nweak = 0\nproblems = { at_most = 100 }\nstars3_rate = { at_least = 0.5 }\n",
        );
        let goals: Vec<(&str, Goal, bool)> = c
            .targets
            .iter()
            .map(|t| (t.figure.as_str(), t.goal, t.rate))
            .collect();
        assert_eq!(
            goals,
            [
                ("rectification_rate", Goal::AtLeast(0.9), true),
                ("five_star", Goal::AtLeast(60.0), false),
                // Fewer weak branches is better: a bare 0 is "at most".
                ("weak", Goal::AtMost(0.0), false),
                ("problems", Goal::AtMost(100.0), false),
                ("stars3_rate", Goal::AtLeast(0.5), true),
            ]
        );
    }

    #[test]
    fn an_unknown_key_lists_the_keys_of_its_own_table() {
        // Before the fix every help listed the top-level keys (name, lang,
        // categories, workdays, deadlines, revisit).
        let help = |text: &str| {
            let (_, findings) = parse(text, FileId(0));
            assert_eq!(findings.len(), 1, "{findings:?}");
            findings[0].message.help(Lang::Zh).unwrap()
        };
        assert_eq!(
            help("[deadlines]\nday = 3\n"),
            "[deadlines] 中可用的配置项：days、category；此项被忽略"
        );
        assert_eq!(
            help("[revisit]\ndayz = 3\n"),
            "[revisit] 中可用的配置项：days；此项被忽略"
        );
        assert_eq!(
            help("[workdays]\ncategorys = 3\n"),
            "[workdays] 中可用的配置项：city、county、township、unit、moved；此项被忽略"
        );
        assert_eq!(
            help("nmae = \"x\"\n"),
            "可用的配置项：name、lang、categories、workdays、deadlines、revisit、targets、aliases、visits、quota；此项被忽略"
        );
    }

    #[test]
    fn a_target_of_no_figure_is_named_with_its_line() {
        let (line, text) = one_error("name = \"x\"\n[targets]\nweak = 0\nfive_stars = 60\n");
        assert_eq!(line, 4);
        assert!(text.contains("targets.five_stars"), "{text}");
        // A rate above 1, a count with a fraction, a count better neither
        // way without its direction, a direction misspelt.
        for bad in [
            "attendance_rate = 95",
            "five_star = 60.5",
            "problems = 100",
            "weak = { at_mots = 0 }",
            "weak = -1",
        ] {
            let (line, text) = one_error(&format!("[targets]\n{bad}\n"));
            assert_eq!(line, 2, "{bad}");
            assert!(text.contains("targets."), "{bad}: {text}");
        }
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
    fn quotas_and_office_kinds_read() {
        let c = parse_ok(
            r#"
[visits.kinds]
inspection-walk = "暗访督导"

[[quota]]
name = "主题党日"
kinds = ["party-day"]
levels = ["city", "县级"]

[[quota]]
name = "暗访"
kinds = ["暗访督导", "talk"]
at = "household"
per = "year"
visits = 2
days = 7
"#,
        );
        assert_eq!(
            c.visits.kinds.0,
            [("inspection-walk".into(), "暗访督导".into())]
        );
        let [a, b] = &c.quota[..] else {
            panic!("{:?}", c.quota)
        };
        assert_eq!(a.kinds, Some(vec![VisitKind::PartyDay]));
        assert_eq!(a.levels, Some(vec![CadreLevel::City, CadreLevel::County]));
        assert_eq!(
            (a.at, a.per, a.visits, a.days, a.line),
            (QuotaAt::Point, Per::Month, 1, 0, 5)
        );
        assert_eq!(b.kinds, Some(vec![VisitKind::Office(0), VisitKind::Talk]));
        assert_eq!(b.levels, None);
        assert_eq!(
            (b.at, b.per, b.visits, b.days),
            (QuotaAt::Household, Per::Year, 2, 7)
        );
    }

    #[test]
    fn a_bad_quota_key_is_named_with_its_line_and_the_quota_left_out() {
        for (text, line, key, kept) in [
            (
                "[[quota]]\nname = \"a\"\nper = \"week\"\n",
                3,
                "quota[1].per",
                &[][..],
            ),
            (
                "[[quota]]\nname = \"a\"\n[[quota]]\nname = \"b\"\nkinds = [\"walk\"]\n",
                5,
                "quota[2].kinds",
                &["a"][..],
            ),
            (
                "[[quota]]\nname = \"a\"\nlevels = [\"province\"]\n",
                3,
                "quota[1].levels",
                &[][..],
            ),
            (
                "[[quota]]\nname = \"a\"\nvisits = -1\n",
                3,
                "quota[1].visits",
                &[][..],
            ),
            (
                "[[quota]]\nname = \"a\"\nat = \"village\"\n",
                3,
                "quota[1].at",
                &[][..],
            ),
            (
                "[[quota]]\nname = \"a\"\ndayz = 7\n",
                3,
                "quota[1].dayz",
                &[][..],
            ),
            ("[[quota]]\nvisits = 2\n", 1, "quota[1].name", &[][..]),
            (
                "[[quota]]\nname = \"a\"\n[[quota]]\nname = \"a\"\n",
                3,
                "quota[2].name",
                &["a"][..],
            ),
        ] {
            let (config, findings) = parse(text, FileId(0));
            assert_eq!(findings.len(), 1, "{text}: {findings:?}");
            let f = &findings[0];
            assert_eq!(f.span.line, line, "{text}");
            assert!(
                f.message.text(Lang::En).contains(key),
                "{text}: {}",
                f.message.text(Lang::En)
            );
            // Only the good quotas stay: "a" when the second is bad.
            let names: Vec<&str> = config.quota.iter().map(|q| &*q.name).collect();
            assert_eq!(names, kept, "{text}");
        }
    }

    #[test]
    fn office_kinds_must_be_new_words() {
        for bad in [
            "talk = \"聊天\"",
            "walk = \"谈心\"",
            "Walk = \"走\"",
            "walk = \"\"",
        ] {
            let (config, findings) = parse(&format!("[visits.kinds]\n{bad}\n"), FileId(0));
            assert_eq!(findings.len(), 1, "{bad}");
            assert_eq!(findings[0].span.line, 2, "{bad}");
            assert!(config.visits.kinds.0.is_empty(), "{bad}");
        }
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
        assert_eq!(config.deadlines.days, 30);
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
