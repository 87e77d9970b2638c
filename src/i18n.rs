//! The one catalog of user-facing text, in Chinese and English side by
//! side: finding messages with their help, the names of kinds and fields,
//! and the words of summary lines. Chinese is the default language.

use std::fmt::Write as _;
use std::str::FromStr;

use crate::model::{Date, Kind, RegionLevel};
use crate::schema;

/// The language of labels and messages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl FromStr for Lang {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "cn" | "中文" => Ok(Lang::Zh),
            "en" | "english" => Ok(Lang::En),
            _ => Err(format!("unknown language {s:?}: expected zh or en")),
        }
    }
}

/// Picks the Chinese or the English text: `tr!(lang, "中文 {x}", "English {x}")`.
macro_rules! tr {
    ($lang:expr, $zh:literal, $en:literal $(,)?) => {
        match $lang {
            Lang::Zh => format!($zh),
            Lang::En => format!($en),
        }
    };
}
pub(crate) use tr;

/// What a configuration value should have been (for `invalid-config`).
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

/// Why a record refers to a missing or wrong record: who refers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Referrer {
    Region,
    Cadre,
    Visit,
    Problem,
    Leave,
}

impl From<Kind> for Referrer {
    fn from(kind: Kind) -> Self {
        match kind {
            Kind::Regions => Referrer::Region,
            Kind::Cadres => Referrer::Cadre,
            Kind::Visits => Referrer::Visit,
            Kind::Problems => Referrer::Problem,
            Kind::Leaves => Referrer::Leave,
        }
    }
}

/// A finding's message, as data; [`Message::text`] and [`Message::help`]
/// render it in either language.
#[derive(Clone, Debug, PartialEq)]
pub enum Message {
    Unreadable {
        error: String,
    },
    NotUtf8OrGb18030,
    Utf16,
    UnclosedQuote {
        record_line: u32,
    },
    FieldCount {
        expected: usize,
        found: usize,
    },
    InvalidToml {
        detail: String,
    },
    NotRecordTable {
        key: String,
        kind: Kind,
    },
    EmptyFile {
        kind: Kind,
    },
    MissingColumn {
        kind: Kind,
        field: &'static str,
    },
    DuplicateColumn {
        header: String,
        first: usize,
    },
    UnknownColumn {
        kind: Kind,
        header: String,
    },
    MoreUnknownColumns {
        kind: Kind,
        count: usize,
    },
    MissingValue {
        kind: Kind,
        field: &'static str,
    },
    ParentNeeded {
        level: RegionLevel,
    },
    /// A cadre-sourced problem without its cadre; `source_blank` when the
    /// source was left empty (and so counts as cadre).
    CadreNeeded {
        source_blank: bool,
    },
    InvalidDate {
        text: String,
    },
    InvalidNumber {
        text: String,
    },
    /// A count of digits only, beyond the largest count (u32).
    NumberTooLarge {
        text: String,
    },
    /// The header row is separated by `;` or tabs, not commas.
    Separator {
        separator: char,
    },
    InvalidEnum {
        text: String,
        words: Vec<(&'static str, &'static str)>,
    },
    InvalidText {
        text: String,
    },
    ConfigUnknownKey {
        key: String,
    },
    ConfigInvalid {
        key: String,
        value: String,
        expect: Expect,
    },
    DuplicateId {
        kind: Kind,
        key: String,
    },
    UnknownRegion {
        from: Referrer,
        code: String,
    },
    UnknownCadre {
        from: Referrer,
        id: String,
    },
    ParentLevel {
        level: RegionLevel,
        parent: String,
        parent_level: RegionLevel,
    },
    CountyPoint {
        code: String,
    },
    DateOrder {
        kind: Kind,
        field: &'static str,
        date: Date,
        other: &'static str,
        other_date: Date,
    },
    NeedsRectified {
        field: &'static str,
    },
    UnknownCategory {
        category: String,
        allowed: Vec<String>,
    },
    VisitPlace {
        cadre: String,
        place: String,
    },
    VisitOutsideLink {
        date: Date,
        start: Option<Date>,
        end: Option<Date>,
    },
    FutureDate {
        kind: Kind,
        date: Date,
        today: Date,
    },
    DuplicateVisit,
    /// The temporary file of process `pid` writing `target`, left behind.
    LeftoverTemp {
        target: String,
        pid: u32,
    },
    /// A symbolic link to `target`, outside the data folder.
    OutsideLink {
        target: String,
    },
    /// A symbolic link to what is read already as `first` (`None`: the
    /// data folder itself).
    RepeatedLink {
        first: Option<String>,
    },
    /// A line of a GB18030 file that is UTF-8: the line as read.
    MixedEncoding {
        text: String,
    },
    /// A file read as GB18030 that is valid UTF-8 too: the line as read,
    /// and as UTF-8.
    AmbiguousEncoding {
        gb18030: String,
        utf8: String,
    },
}

impl Message {
    /// The headline: what is wrong.
    pub fn text(&self, lang: Lang) -> String {
        use Message::*;
        match self {
            Unreadable { error } => tr!(
                lang,
                "无法读取文件：{error}",
                "cannot read the file: {error}"
            ),
            NotUtf8OrGb18030 => tr!(
                lang,
                "此行有既非 UTF-8 也非 GB18030 的字节，文件无法读取",
                "this line has bytes that are neither UTF-8 nor GB18030; the file cannot be read",
            ),
            Utf16 => tr!(
                lang,
                "文件是 UTF-16 编码（Excel 的“Unicode 文本”），bangcun 不读取此编码，文件未读取",
                "the file is UTF-16 (Excel's \"Unicode Text\"), which bangcun does not read; the file was not read",
            ),
            UnclosedQuote { record_line } => tr!(
                lang,
                "此行的引号没有闭合；从第 {record_line} 行起的内容未读取",
                "a quote opened on this line is never closed; nothing from line {record_line} on was read",
            ),
            FieldCount { expected, found } => tr!(
                lang,
                "此行有 {found} 个字段，表头有 {expected} 列；此行未读取",
                "this row has {found} fields but the header has {expected}; the row was not read",
            ),
            InvalidToml { detail } => {
                tr!(lang, "TOML 格式错误：{detail}", "invalid TOML: {detail}")
            }
            NotRecordTable { key, kind } => {
                let table = kind.singular();
                tr!(
                    lang,
                    "“{key}”不是 [[{table}]] 记录表；此文件只应包含 [[{table}]]",
                    "\"{key}\" is not a [[{table}]] table; this file should hold only [[{table}]] records",
                )
            }
            EmptyFile { kind } => {
                let name = kind_name(*kind, lang);
                tr!(
                    lang,
                    "文件为空，没有表头（{name}）",
                    "the file is empty: no header ({name})"
                )
            }
            MissingColumn { kind, field } => {
                let (en, zh) = names(*kind, field);
                tr!(
                    lang,
                    "缺少必需的列“{zh}”（{en}）；此文件未读取",
                    "required column \"{en}\" ({zh}) is missing; the file was not read"
                )
            }
            DuplicateColumn { header, first } => tr!(
                lang,
                "列“{header}”与第 {first} 列重复",
                "column \"{header}\" repeats column {first}",
            ),
            MoreUnknownColumns { kind, count } => {
                let name = kind_name(*kind, lang);
                tr!(
                    lang,
                    "另有 {count} 个未知的列，已忽略（{name}）",
                    "{count} more unknown columns are ignored ({name})"
                )
            }
            UnknownColumn { kind, header } if header.is_empty() => {
                let name = kind_name(*kind, lang);
                tr!(
                    lang,
                    "没有表头的列中有数据，已忽略（{name}）",
                    "a column without a header holds data, which is ignored ({name})"
                )
            }
            UnknownColumn { kind, header } => {
                let name = kind_name(*kind, lang);
                tr!(
                    lang,
                    "未知的列“{header}”，已忽略（{name}）",
                    "unknown column \"{header}\" is ignored ({name})"
                )
            }
            MissingValue { kind, field } => {
                let (en, zh) = names(*kind, field);
                tr!(lang, "缺少“{zh}”", "{en} is missing")
            }
            ParentNeeded { level } => {
                let what = level_name(*level, lang);
                tr!(lang, "{what}必须填写上级代码", "a {what} needs a parent")
            }
            CadreNeeded {
                source_blank: false,
            } => tr!(
                lang,
                "来源为“干部排查”的问题必须填写发现干部",
                "a problem whose source is cadre needs the cadre who found it",
            ),
            CadreNeeded { source_blank: true } => tr!(
                lang,
                "来源未填写，按“干部排查”计，因此必须填写发现干部",
                "the source is blank, which counts as cadre (干部排查), so the cadre who found it is needed",
            ),
            InvalidDate { text } => tr!(
                lang,
                "“{text}”不是有效日期",
                "\"{text}\" is not a valid date"
            ),
            InvalidNumber { text } => tr!(
                lang,
                "“{text}”不是非负整数",
                "\"{text}\" is not a whole number ≥ 0"
            ),
            NumberTooLarge { text } => tr!(
                lang,
                "“{text}”太大，最大为 4294967295",
                "\"{text}\" is too large: a count is at most 4294967295"
            ),
            Separator { separator } => {
                let (zh, en) = separator_names(*separator);
                tr!(
                    lang,
                    "此文件的列以{zh}分隔，不是逗号；bangcun 只读取以逗号分隔的 CSV，文件未读取",
                    "the columns of this file are separated by {en}, not commas; bangcun reads CSV separated by commas, so the file was not read",
                )
            }
            InvalidEnum { text, .. } => tr!(
                lang,
                "“{text}”不是可选值之一",
                "\"{text}\" is not one of the allowed values"
            ),
            InvalidText { text } => tr!(lang, "{text} 不是文本", "{text} is not text"),
            ConfigUnknownKey { key } => tr!(
                lang,
                "bangcun.toml 中有未知的配置项“{key}”",
                "unknown key \"{key}\" in bangcun.toml"
            ),
            ConfigInvalid { key, value, .. } => tr!(
                lang,
                "bangcun.toml 中“{key}”的值 {value} 无效",
                "invalid value {value} for \"{key}\" in bangcun.toml",
            ),
            DuplicateId { kind, key } => {
                let what = id_name(*kind, lang);
                tr!(
                    lang,
                    "{what}“{key}”重复出现",
                    "{what} \"{key}\" appears twice"
                )
            }
            UnknownRegion { from, code } => {
                let who = referrer_name(*from, lang);
                tr!(
                    lang,
                    "{who}引用的区划代码“{code}”不在行政区划中",
                    "{who} refers to region \"{code}\", which is not in regions",
                )
            }
            UnknownCadre { from, id } => {
                let who = referrer_name(*from, lang);
                tr!(
                    lang,
                    "{who}引用的干部编号“{id}”不在干部名单中",
                    "{who} refers to cadre \"{id}\", which is not in cadres",
                )
            }
            ParentLevel {
                level,
                parent,
                parent_level,
            } => {
                let (what, up) = (level_name(*level, lang), level_name(*parent_level, lang));
                tr!(
                    lang,
                    "{what}的上级“{parent}”是{up}，不是正好高一级的区划",
                    "a {what}'s parent \"{parent}\" is a {up}, not a region exactly one level up",
                )
            }
            CountyPoint { code } => tr!(
                lang,
                "联系点“{code}”是县级区划；联系点应为乡镇（街道）或村（社区）",
                "contact point \"{code}\" is a county; points are townships or villages",
            ),
            DateOrder {
                kind,
                field,
                date,
                other,
                other_date,
            } => {
                let (en, zh) = names(*kind, field);
                let (oen, ozh) = names(*kind, other);
                tr!(
                    lang,
                    "{zh} {date} 早于{ozh} {other_date}",
                    "{en} {date} is before {oen} {other_date}",
                )
            }
            NeedsRectified { field } => {
                let (en, zh) = names(Kind::Problems, field);
                tr!(
                    lang,
                    "填写了{zh}，但没有整改日期",
                    "{en} is set but rectified is empty"
                )
            }
            UnknownCategory { category, .. } => tr!(
                lang,
                "类别“{category}”不在 bangcun.toml 的 categories 中",
                "category \"{category}\" is not among the categories in bangcun.toml",
            ),
            VisitPlace { cadre, place } => tr!(
                lang,
                "干部“{cadre}”在“{place}”走访，该地点不是其联系点，也不在其联系点之内",
                "cadre \"{cadre}\" visited \"{place}\", which is neither one of its points nor inside one",
            ),
            VisitOutsideLink { date, start, end } => {
                let range = link_range(*start, *end, lang);
                tr!(
                    lang,
                    "走访日期 {date} 不在该干部的帮联期限（{range}）内",
                    "visit on {date} is outside the cadre's link ({range})",
                )
            }
            FutureDate { kind, date, today } => {
                // One record: "visit", "problem" in English.
                let what = match lang {
                    Lang::Zh => kind_name(*kind, lang),
                    Lang::En => kind.singular(),
                };
                tr!(
                    lang,
                    "{what}日期 {date} 晚于今天（{today}）",
                    "{what} dated {date}, after today ({today})"
                )
            }
            DuplicateVisit => tr!(
                lang,
                "同一干部、日期、地点和类型的走访记录重复",
                "the same cadre, date, place and kind is entered twice",
            ),
            LeftoverTemp { target, pid } => tr!(
                lang,
                "这是 bangcun（进程 {pid}）写入 {target} 时被中止留下的临时文件，不是数据，未读取",
                "a temporary file that bangcun (process {pid}) left when it was stopped while writing {target}; it is no data and is not read",
            ),
            OutsideLink { target } => tr!(
                lang,
                "这是指向数据目录之外（{target}）的符号链接，不跟随，其中的数据未读取",
                "a symbolic link to {target}, outside the data folder: it is not followed, and nothing there is read",
            ),
            RepeatedLink { first: Some(first) } => tr!(
                lang,
                "这是指向 {first} 的符号链接，该处已读取，不再重复读取",
                "a symbolic link to {first}, which is read already: it is not read again",
            ),
            RepeatedLink { first: None } => tr!(
                lang,
                "这是指向数据目录本身的符号链接（循环），不跟随",
                "a symbolic link to the data folder itself (a loop): it is not followed",
            ),
            MixedEncoding { text } => tr!(
                lang,
                "此行是 UTF-8 编码，文件的其余部分是 GB18030（GBK）编码（文件以两种编码保存过）；此行按 UTF-8 读作“{text}”",
                "this line is UTF-8 while the rest of the file is GB18030 (GBK): the file was saved in two encodings; read as UTF-8, the line is \"{text}\"",
            ),
            AmbiguousEncoding { gb18030, utf8 } => tr!(
                lang,
                "编码存疑：按 GB18030（GBK）读作“{gb18030}”，按 UTF-8 则是“{utf8}”；已按 GB18030 读取",
                "the encoding is in doubt: read as GB18030 (GBK), this line is \"{gb18030}\"; as UTF-8 it would be \"{utf8}\"; it is read as GB18030",
            ),
        }
    }

    /// What would be right, when there is something to say.
    pub fn help(&self, lang: Lang) -> Option<String> {
        use Message::*;
        Some(match self {
            Unreadable { .. } => tr!(
                lang,
                "检查文件是否存在、可读，且是普通文件",
                "make sure it exists, is readable and is a regular file"
            ),
            NotUtf8OrGb18030 | Utf16 => tr!(
                lang,
                "保存为 UTF-8 编码（在 Excel 或 WPS 中另存为“CSV UTF-8（逗号分隔）”）",
                "save it as UTF-8 (from Excel or WPS: \"CSV UTF-8 (comma delimited)\")",
            ),
            Separator { separator } => {
                let (zh, en) = separator_names(*separator);
                tr!(
                    lang,
                    "用 Excel 或 WPS 打开（分隔符选{zh}），再另存为“CSV UTF-8（逗号分隔）”",
                    "open it in Excel or WPS (with {en} as the separator) and save it as \"CSV UTF-8 (comma delimited)\"",
                )
            }
            UnclosedQuote { .. } => tr!(
                lang,
                "补上闭合的引号 \"，或删除多余的引号",
                "close the quote \", or remove the stray one"
            ),
            FieldCount { .. } => tr!(
                lang,
                "含逗号的单元格要用引号括起来；或补齐、删除多余的字段",
                "quote cells that contain a comma, or add or remove fields",
            ),
            InvalidToml { .. } => tr!(lang, "按 TOML 语法修正此处", "fix the TOML syntax here"),
            NotRecordTable { kind, .. } => {
                let table = kind.singular();
                tr!(
                    lang,
                    "把记录写成 [[{table}]] 表",
                    "write the records as [[{table}]] tables"
                )
            }
            EmptyFile { kind } => {
                let header = schema::header_line(*kind, lang);
                tr!(
                    lang,
                    "第一行写表头：{header}",
                    "put the header on line 1: {header}"
                )
            }
            MissingColumn { kind, field } => {
                let (en, zh) = names(*kind, field);
                tr!(
                    lang,
                    "在表头加上“{zh}”或“{en}”列",
                    "add a column \"{en}\" or \"{zh}\" to the header"
                )
            }
            DuplicateColumn { .. } => tr!(
                lang,
                "删除或改名重复的列",
                "remove or rename the repeated column"
            ),
            UnknownColumn { kind, .. } | MoreUnknownColumns { kind, .. } => {
                let header = schema::header_line(*kind, lang);
                tr!(lang, "可用的列：{header}", "known columns: {header}")
            }
            MissingValue { kind, field } => {
                let (en, zh) = names(*kind, field);
                tr!(lang, "填写“{zh}”", "fill in {en}")
            }
            ParentNeeded { .. } => tr!(
                lang,
                "填写上一级区划的代码",
                "fill in the code of the region one level up"
            ),
            CadreNeeded {
                source_blank: false,
            } => tr!(
                lang,
                "填写发现问题的干部编号，或更正来源",
                "fill in the cadre's id, or correct the source"
            ),
            CadreNeeded { source_blank: true } => tr!(
                lang,
                "填写发现干部（发现问题的干部编号）；不是干部排查发现的问题，在“来源”中填写“督导暗访”或“群众信访”",
                "fill in the id of the cadre who found it; if no cadre found it, fill in the source: inspection (督导暗访) or petition (群众信访)",
            ),
            InvalidDate { .. } => tr!(
                lang,
                "日期写作 2026-03-10（也可写 2026/3/10、2026.3.10 或 2026年3月10日），年份在 1900 至 2099 之间",
                "write dates as 2026-03-10 (or 2026/3/10, 2026.3.10, 2026年3月10日), with a year from 1900 to 2099",
            ),
            InvalidNumber { .. } => tr!(
                lang,
                "填写 0 或正整数",
                "write 0 or a positive whole number"
            ),
            NumberTooLarge { .. } => tr!(
                lang,
                "核对数字是否录错",
                "check the number for a typing error"
            ),
            InvalidEnum { words, .. } => {
                let list = words_list(words, lang);
                tr!(lang, "可选值：{list}", "use one of: {list}")
            }
            InvalidText { .. } => tr!(lang, "写成带引号的字符串", "write it as a quoted string"),
            ConfigUnknownKey { .. } => tr!(
                lang,
                "可用的配置项：name、lang、categories、workdays、deadlines、revisit",
                "known keys: name, lang, categories, workdays, deadlines, revisit",
            ),
            ConfigInvalid { expect, .. } => expect_text(*expect, lang),
            DuplicateId { .. } => tr!(
                lang,
                "删除重复的一行，或改用不同的编号",
                "remove one of the rows, or give it a different id"
            ),
            UnknownRegion { .. } => tr!(
                lang,
                "在 regions.csv 中补充该区划，或更正代码",
                "add the region to regions.csv, or correct the code"
            ),
            UnknownCadre { .. } => tr!(
                lang,
                "在 cadres.csv 中补充该干部，或更正编号",
                "add the cadre to cadres.csv, or correct the id"
            ),
            ParentLevel { level, .. } => match level {
                RegionLevel::Village => tr!(
                    lang,
                    "村的上级应为乡镇（街道）",
                    "a village's parent must be a township"
                ),
                _ => tr!(
                    lang,
                    "乡镇的上级应为县（区）",
                    "a township's parent must be a county"
                ),
            },
            CountyPoint { .. } => tr!(
                lang,
                "改为该县内的乡镇或村的代码",
                "use the code of a township or village in that county"
            ),
            DateOrder { kind, other, .. } => {
                let (en, zh) = names(*kind, other);
                tr!(
                    lang,
                    "更正日期：不能早于{zh}",
                    "correct the date: it cannot be before {en}"
                )
            }
            NeedsRectified { .. } => tr!(lang, "先填写整改日期", "fill in rectified first"),
            UnknownCategory { allowed, .. } => {
                let list = allowed.join(if lang == Lang::Zh { "、" } else { ", " });
                tr!(
                    lang,
                    "使用以下类别之一：{list}；或在 bangcun.toml 的 categories 中添加",
                    "use one of: {list}; or add it to categories in bangcun.toml",
                )
            }
            VisitPlace { .. } => tr!(
                lang,
                "核对地点代码，或在 cadres.csv 中为该干部添加联系点",
                "check the place code, or add the point to the cadre in cadres.csv",
            ),
            VisitOutsideLink { .. } => tr!(
                lang,
                "核对日期，或调整 cadres.csv 中的开始、结束日期",
                "check the date, or the cadre's start and end in cadres.csv",
            ),
            FutureDate { .. } => tr!(
                lang,
                "核对日期是否录错",
                "check the date for a typing error"
            ),
            DuplicateVisit => tr!(lang, "删除重复的一行", "remove one of the two rows"),
            LeftoverTemp { .. } => tr!(
                lang,
                "删除此文件（bangcun fmt 会自动删除），不要提交到 git",
                "delete it (bangcun fmt removes it), and do not commit it",
            ),
            OutsideLink { .. } => tr!(
                lang,
                "把文件（或目录）复制到数据目录中，不要用链接",
                "copy the file (or folder) into the data folder instead of linking to it",
            ),
            RepeatedLink { .. } => tr!(
                lang,
                "删除此链接；其中的数据已经读取，不会丢失",
                "remove the link; what it leads to is read already, so nothing is lost",
            ),
            MixedEncoding { .. } => tr!(
                lang,
                "在 Excel 或 WPS 中此行会显示为乱码：照上面读出的内容重新输入此行，再把整个文件另存为“CSV UTF-8（逗号分隔）”；在此之前 bangcun fmt 不改动此文件",
                "a spreadsheet shows this line garbled: type it again as read above, then save the whole file as \"CSV UTF-8 (comma delimited)\"; until then bangcun fmt leaves the file alone",
            ),
            AmbiguousEncoding { .. } => tr!(
                lang,
                "在 Excel 或 WPS 中另存为“CSV UTF-8（逗号分隔）”（带 BOM 的 UTF-8 不会被误认）；在此之前 bangcun fmt 不改动此文件",
                "save it from Excel or WPS as \"CSV UTF-8 (comma delimited)\" (UTF-8 with a BOM, which leaves no doubt); until then bangcun fmt leaves the file alone",
            ),
        })
    }
}

/// How a second place of a finding is introduced (`first here`).
pub fn related_label(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "首次出现于",
        Lang::En => "first at",
    }
}

/// The word before the help text.
pub fn help_label(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "帮助",
        Lang::En => "help",
    }
}

/// `error` / `warning` in human output.
pub fn severity_label(error: bool, lang: Lang) -> &'static str {
    match (error, lang) {
        (true, Lang::Zh) => "错误",
        (false, Lang::Zh) => "警告",
        (true, Lang::En) => "error",
        (false, Lang::En) => "warning",
    }
}

/// The closing line of `check`.
pub fn check_summary(
    errors: usize,
    warnings: usize,
    files: usize,
    records: usize,
    lang: Lang,
) -> String {
    match lang {
        Lang::Zh => format!(
            "检查完成：{errors} 个错误，{warnings} 个警告；读取 {files} 个文件，{records} 条记录"
        ),
        Lang::En => format!(
            "checked: {errors} {}, {warnings} {}; {files} {}, {records} {} read",
            plural(errors, "error", "errors"),
            plural(warnings, "warning", "warnings"),
            plural(files, "file", "files"),
            plural(records, "record", "records"),
        ),
    }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// The name of a record kind.
pub fn kind_name(kind: Kind, lang: Lang) -> &'static str {
    match lang {
        Lang::En => kind.plural(),
        Lang::Zh => match kind {
            Kind::Regions => "行政区划",
            Kind::Cadres => "干部名单",
            Kind::Visits => "走访记录",
            Kind::Problems => "问题台账",
            Kind::Leaves => "请假记录",
        },
    }
}

fn id_name(kind: Kind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (Kind::Regions, Lang::Zh) => "区划代码",
        (Kind::Cadres, Lang::Zh) => "干部编号",
        (Kind::Problems, Lang::Zh) => "问题编号",
        (_, Lang::Zh) => "编号",
        (Kind::Regions, Lang::En) => "region code",
        (Kind::Cadres, Lang::En) => "cadre id",
        (Kind::Problems, Lang::En) => "problem id",
        (_, Lang::En) => "id",
    }
}

fn referrer_name(from: Referrer, lang: Lang) -> &'static str {
    match (from, lang) {
        (Referrer::Region, Lang::Zh) => "区划",
        (Referrer::Cadre, Lang::Zh) => "干部联系点",
        (Referrer::Visit, Lang::Zh) => "走访记录",
        (Referrer::Problem, Lang::Zh) => "问题",
        (Referrer::Leave, Lang::Zh) => "请假记录",
        (Referrer::Region, Lang::En) => "region",
        (Referrer::Cadre, Lang::En) => "cadre",
        (Referrer::Visit, Lang::En) => "visit",
        (Referrer::Problem, Lang::En) => "problem",
        (Referrer::Leave, Lang::En) => "leave",
    }
}

/// The name of a region level: 县（区）, township …
pub fn level_name(level: RegionLevel, lang: Lang) -> &'static str {
    match (level, lang) {
        (RegionLevel::County, Lang::Zh) => "县（区）",
        (RegionLevel::Township, Lang::Zh) => "乡镇（街道）",
        (RegionLevel::Village, Lang::Zh) => "村（社区）",
        (RegionLevel::County, Lang::En) => "county",
        (RegionLevel::Township, Lang::En) => "township",
        (RegionLevel::Village, Lang::En) => "village",
    }
}

/// English and Chinese name of a field of `kind`.
fn names(kind: Kind, field: &str) -> (&str, &str) {
    schema::by_name(kind, field).map_or((field, field), |f| (f.name, f.zh))
}

/// The name of a separator other than the comma, in Chinese and English.
fn separator_names(separator: char) -> (&'static str, &'static str) {
    match separator {
        '\t' => ("制表符", "tabs"),
        _ => ("分号（;）", "semicolons (;)"),
    }
}

fn words_list(words: &[(&str, &str)], lang: Lang) -> String {
    let mut out = String::new();
    for (i, (en, zh)) in words.iter().enumerate() {
        if i > 0 {
            out.push_str(if lang == Lang::Zh { "、" } else { ", " });
        }
        let _ = match lang {
            Lang::Zh => write!(out, "{zh}（{en}）"),
            Lang::En => write!(out, "{en} ({zh})"),
        };
    }
    out
}

fn link_range(start: Option<Date>, end: Option<Date>, lang: Lang) -> String {
    let open = match lang {
        Lang::Zh => "不限",
        Lang::En => "open",
    };
    let show = |d: Option<Date>| d.map_or(open.to_string(), |d| d.to_string());
    format!("{} .. {}", show(start), show(end))
}

fn expect_text(expect: Expect, lang: Lang) -> String {
    match expect {
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

// ─────────────────────────────────────────────────────────────────────────
// Reports (`bangcun report …`): titles, column headings, the period line,
// and the messages of the report commands.
// ─────────────────────────────────────────────────────────────────────────

/// A report, as its title names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportName {
    SummaryByCounty,
    SummaryByTownship,
    Overdue,
    Revisits,
    Attendance,
    MissedWorkdays,
    Coverage,
}

impl ReportName {
    pub fn title(self, lang: Lang) -> &'static str {
        use ReportName::*;
        match (self, lang) {
            (SummaryByCounty, Lang::Zh) => "两率一度汇总（按县区）",
            (SummaryByTownship, Lang::Zh) => "两率一度汇总（按乡镇）",
            (Overdue, Lang::Zh) => "逾期未整改问题",
            (Revisits, Lang::Zh) => "回访滞后问题",
            (Attendance, Lang::Zh) => "工作日到岗情况",
            (MissedWorkdays, Lang::Zh) => "工作日未到岗明细",
            (Coverage, Lang::Zh) => "未覆盖的乡镇和村",
            (SummaryByCounty, Lang::En) => "Summary by county",
            (SummaryByTownship, Lang::En) => "Summary by township",
            (Overdue, Lang::En) => "Overdue problems",
            (Revisits, Lang::En) => "Rectified problems whose revisit lags",
            (Attendance, Lang::En) => "Work-day attendance",
            (MissedWorkdays, Lang::En) => "Missed work days",
            (Coverage, Lang::En) => "Townships and villages without an active cadre",
        }
    }

    /// The name of the report's sheet in a workbook (at most 31
    /// characters, as Excel wants).
    pub fn sheet(self, lang: Lang) -> &'static str {
        use ReportName::*;
        let (zh, en) = match self {
            SummaryByCounty => ("汇总（按县区）", "By county"),
            SummaryByTownship => ("汇总（按乡镇）", "By township"),
            Overdue => ("逾期问题", "Overdue"),
            Revisits => ("回访滞后", "Revisits"),
            Attendance => ("到岗情况", "Attendance"),
            MissedWorkdays => ("未到岗", "Missed work days"),
            Coverage => ("未覆盖", "Uncovered"),
        };
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// The heading of a report column, for people (machine keys are stable
/// English words kept with the report).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Heading {
    CountyCode,
    County,
    TownshipCode,
    Township,
    Cadres,
    Townships,
    TownshipsCovered,
    Villages,
    VillagesCovered,
    WorkdaysDue,
    WorkdaysAttended,
    AttendanceRate,
    Visits,
    Forums,
    People,
    Problems,
    Rectified,
    RectificationRate,
    NewProblems,
    NewRectified,
    Overdue,
    RevisitLagging,
    IdentificationRate,
    SatisfactionRate,
    ProblemId,
    Place,
    Category,
    Unit,
    Found,
    Deadline,
    DaysOverdue,
    RectifiedOn,
    DaysSinceRectified,
    Cadre,
    CadreId,
    Name,
    CadreLevel,
    ProblemSummary,
    Missed,
    Date,
    Level,
    Code,
    RegionName,
}

impl Heading {
    pub fn label(self, lang: Lang) -> &'static str {
        use Heading::*;
        let (zh, en) = match self {
            CountyCode => ("县区代码", "County code"),
            County => ("县（区）", "County"),
            TownshipCode => ("乡镇代码", "Township code"),
            Township => ("乡镇（街道）", "Township"),
            Cadres => ("帮联干部", "Cadres"),
            Townships => ("乡镇", "Townships"),
            TownshipsCovered => ("已覆盖乡镇", "Townships covered"),
            Villages => ("村", "Villages"),
            VillagesCovered => ("已覆盖村", "Villages covered"),
            WorkdaysDue => ("应到岗", "Work days due"),
            WorkdaysAttended => ("实到岗", "Attended"),
            AttendanceRate => ("到岗率", "Attendance"),
            Visits => ("走访", "Visits"),
            Forums => ("座谈会", "Forums"),
            People => ("走访人次", "People"),
            Problems => ("问题", "Problems"),
            Rectified => ("已整改", "Rectified"),
            RectificationRate => ("整改率", "Rectification"),
            NewProblems => ("新发现", "New problems"),
            NewRectified => ("新整改", "Newly rectified"),
            Overdue => ("逾期", "Overdue"),
            RevisitLagging => ("回访滞后", "Revisit lagging"),
            IdentificationRate => ("识别率", "Identification"),
            SatisfactionRate => ("满意度", "Satisfaction"),
            ProblemId => ("问题编号", "Problem"),
            Place => ("地点", "Place"),
            Category => ("类别", "Category"),
            Unit => ("责任单位", "Responsible unit"),
            Found => ("发现日期", "Found"),
            Deadline => ("整改时限", "Deadline"),
            DaysOverdue => ("逾期天数", "Days overdue"),
            RectifiedOn => ("整改日期", "Rectified"),
            DaysSinceRectified => ("整改后天数", "Days since rectified"),
            Cadre => ("干部", "Cadre"),
            CadreId => ("干部编号", "Cadre id"),
            Name => ("姓名", "Name"),
            CadreLevel => ("级别", "Level"),
            ProblemSummary => ("问题描述", "Summary"),
            Missed => ("未到岗日期", "Missed"),
            Date => ("日期", "Date"),
            Level => ("层级", "Level"),
            Code => ("区划代码", "Code"),
            RegionName => ("名称", "Name"),
        };
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// The word of a cadre level, for people.
pub fn cadre_level_name(level: crate::model::CadreLevel, lang: Lang) -> &'static str {
    use crate::model::CadreLevel::*;
    match (level, lang) {
        (City, Lang::Zh) => "市级",
        (County, Lang::Zh) => "县级",
        (Township, Lang::Zh) => "乡级",
        (City, Lang::En) => "city",
        (County, Lang::En) => "county",
        (Township, Lang::En) => "township",
    }
}

/// The label of a summary's total row.
pub fn total_label(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "合计",
        Lang::En => "Total",
    }
}

/// What separates the items of a list shown to people (missed dates).
pub fn list_separator(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "、",
        Lang::En => ", ",
    }
}

/// The line under a report's title: the period and the as-of date.
pub fn period_line(from: Date, to: Date, as_of: Date, lang: Lang) -> String {
    tr!(
        lang,
        "统计期间 {from} 至 {to}，数据截至 {as_of}",
        "period {from} to {to}, as of {as_of}"
    )
}

/// The footer of a printed sheet: the page and how many (Excel's codes:
/// `&C` centre, `&P` the page, `&N` the pages).
pub fn page_footer(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "&C第 &P 页，共 &N 页",
        Lang::En => "&CPage &P of &N",
    }
}

/// The line under a listing: how many rows it has.
pub fn rows_line(rows: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("共 {rows} 条"),
        Lang::En => format!("{rows} {}", plural(rows, "row", "rows")),
    }
}

/// The one stderr line of a report run on data with errors: how many,
/// what the figures leave out (`items`: `DataNotice::items`),
/// or, under `--strict`, that no report is made.
pub fn data_errors_note(errors: usize, items: &[String], strict: bool, lang: Lang) -> String {
    let what = items.join(match lang {
        Lang::Zh => "；",
        Lang::En => "; ",
    });
    match (strict, lang) {
        (false, Lang::Zh) => format!(
            "注意：数据中有 {errors} 个错误，报表的数字不完整（{what}）。运行 `bangcun check` 查看详情"
        ),
        (true, Lang::Zh) => {
            format!("数据中有 {errors} 个错误，--strict 下不出报表；运行 `bangcun check` 查看详情")
        }
        (false, Lang::En) => format!(
            "note: the data has {errors} {}, so the figures are incomplete ({what}). Run `bangcun check` for details",
            plural(errors, "error", "errors"),
        ),
        (true, Lang::En) => format!(
            "the data has {errors} {}; with --strict no report is made. Run `bangcun check` for details",
            plural(errors, "error", "errors"),
        ),
    }
}

// ---------------------------------------------------------------------
// What a report made from data with errors leaves out (docs/reports.md,
// "Data with errors"), said at the top of the document and on stderr, in
// the same words. Documents name no command: their readers do not run
// bangcun.
// ---------------------------------------------------------------------

/// The first line of the notice at the top of a document.
pub fn notice_heading(errors: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("注意：数据中有 {errors} 个错误，本报表的数字不完整："),
        Lang::En => format!(
            "Note: the data has {errors} {}, and the figures here are incomplete:",
            plural(errors, "error", "errors"),
        ),
    }
}

/// Data files left out whole.
pub fn files_unread(names: &[String], lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("整个文件未读取、未计入：{}", names.join("、")),
        Lang::En => format!("files not read at all: {}", names.join(", ")),
    }
}

/// Data files whose reading stopped part way.
pub fn files_partly_read(names: &[String], lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("只读取了一部分的文件：{}", names.join("、")),
        Lang::En => format!("files read only in part: {}", names.join(", ")),
    }
}

/// Records left out, per kind (kinds with none are not given).
pub fn records_left_out(by_kind: &[(Kind, usize)], lang: Lang) -> String {
    let counts: Vec<String> = by_kind
        .iter()
        .map(|&(kind, n)| match lang {
            Lang::Zh => format!("{} {n} 条", kind_name(kind, lang)),
            Lang::En => format!("{n} {}", plural(n, kind.singular(), kind.plural())),
        })
        .collect();
    match lang {
        Lang::Zh => format!("未计入有错误或引用了出错记录的记录：{}", counts.join("、")),
        Lang::En => format!(
            "left out, with errors or referring to a record with errors: {}",
            counts.join(", ")
        ),
    }
}

/// Settings of `bangcun.toml` written wrongly, taken at their defaults.
pub fn settings_defaulted(keys: &[String], lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("bangcun.toml 中写错的设置按默认值计算：{}", keys.join("、")),
        Lang::En => format!(
            "written wrongly in bangcun.toml and taken at their defaults: {}",
            keys.join(", ")
        ),
    }
}

/// `bangcun.toml` could not be read at all.
pub fn config_unread(lang: Lang) -> String {
    tr!(
        lang,
        "bangcun.toml 无法读取，所有设置都按默认值计算",
        "bangcun.toml could not be read, so every setting is its default"
    )
}

/// A period that cannot be reported on.
pub fn period_error(error: crate::metrics::PeriodError, lang: Lang) -> String {
    use crate::metrics::PeriodError::*;
    match error {
        Reversed { from, to } => tr!(
            lang,
            "统计期间的结束日期 {to} 早于开始日期 {from}",
            "the period ends ({to}) before it starts ({from})"
        ),
        AfterAsOf { from, as_of } => tr!(
            lang,
            "统计期间从 {from} 开始，晚于数据截至日期 {as_of}；请用 --as-of 指定更晚的日期",
            "the period starts on {from}, after the as-of date {as_of}; give a later --as-of"
        ),
    }
}

/// `--county` names no county.
pub fn unknown_county(text: &str, lang: Lang) -> String {
    tr!(
        lang,
        "没有代码或名称为“{text}”的县（区）",
        "no county has the code or name \"{text}\""
    )
}

// ---------------------------------------------------------------------
// CI and formatting (issue 5): `check --changed-since` and `bangcun fmt`.
// ---------------------------------------------------------------------

/// The closing line of `check --changed-since REV`: what was left out.
pub fn hidden_findings(errors: usize, warnings: usize, rev: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "只显示自 {rev} 以来改动过的文件中的问题；未改动的文件中另有 {errors} 个错误、{warnings} 个警告未显示"
        ),
        Lang::En => format!(
            "only files changed since {rev} are shown; {errors} {}, {warnings} {} in unchanged files are not",
            plural(errors, "error", "errors"),
            plural(warnings, "warning", "warnings"),
        ),
    }
}

/// `--changed-since` outside a git repository.
pub fn not_in_git(dir: &str, lang: Lang) -> String {
    tr!(
        lang,
        "--changed-since 需要 git 仓库，但数据目录 {dir} 不在 git 仓库中（去掉 --changed-since 即检查并报告全部文件）",
        "--changed-since needs a git repository, but the data folder {dir} is not in one (without --changed-since every file is checked and reported)",
    )
}

/// `--changed-since` without a `git` program on PATH.
pub fn git_missing(lang: Lang) -> String {
    tr!(
        lang,
        "--changed-since 需要 git，但找不到 git 程序（请安装 git 或把它加入 PATH）",
        "--changed-since needs git, but there is no git program (install git or put it on PATH)",
    )
}

/// `--changed-since` with a `git` program that could not be started.
pub fn git_not_started(detail: &str, lang: Lang) -> String {
    tr!(
        lang,
        "--changed-since 需要 git，但 git 程序无法启动：{detail}",
        "--changed-since needs git, but the git program could not be started: {detail}",
    )
}

/// git refused to compare with a revision.
pub fn git_failed(rev: &str, detail: &str, lang: Lang) -> String {
    tr!(
        lang,
        "git 无法列出自 {rev} 以来改动的文件：{detail}",
        "git cannot list the files changed since {rev}: {detail}",
    )
}

/// git could not list the untracked files.
pub fn git_untracked_failed(detail: &str, lang: Lang) -> String {
    tr!(
        lang,
        "git 无法列出未跟踪的文件：{detail}",
        "git cannot list the untracked files: {detail}",
    )
}

/// A file `fmt` rewrote, or with `--check` would rewrite.
pub fn fmt_changed(path: &str, check: bool, lang: Lang) -> String {
    match (check, lang) {
        (false, Lang::Zh) => format!("已规范化 {path}"),
        (false, Lang::En) => format!("formatted {path}"),
        (true, Lang::Zh) => format!("需要规范化 {path}"),
        (true, Lang::En) => format!("not in canonical form: {path}"),
    }
}

/// A file `fmt` leaves alone because it has errors.
pub fn fmt_has_errors(path: &str, errors: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("有 {errors} 个错误，未改动 {path}（运行 bangcun check 查看并修正）"),
        Lang::En => format!(
            "left alone, {errors} {}: {path} (run bangcun check to see and fix)",
            plural(errors, "error", "errors"),
        ),
    }
}

/// A file `fmt` cannot rewrite safely.
pub fn fmt_unformattable(path: &str, why: crate::canonical::Unformattable, lang: Lang) -> String {
    use crate::canonical::Unformattable::*;
    let why = match (why, lang) {
        (Encoding, Lang::Zh) => "编码既非 UTF-8 也非 GB18030".to_string(),
        (Encoding, Lang::En) => "neither UTF-8 nor GB18030".to_string(),
        (EncodingInDoubt, Lang::Zh) => {
            "编码存疑（见 bangcun check），另存为“CSV UTF-8（逗号分隔）”后再规范化".to_string()
        }
        (EncodingInDoubt, Lang::En) => {
            "its encoding is in doubt (see bangcun check); save it as \"CSV UTF-8 (comma delimited)\" first"
                .to_string()
        }
        (Quoting, Lang::Zh) => "引号没有闭合".to_string(),
        (Quoting, Lang::En) => "a quote is never closed".to_string(),
        (NoHeader, Lang::Zh) => "没有表头".to_string(),
        (NoHeader, Lang::En) => "no header".to_string(),
        (FieldCount { line }, Lang::Zh) => format!("第 {line} 行的字段数与表头不符"),
        (FieldCount { line }, Lang::En) => {
            format!("line {line} has another number of fields than the header")
        }
        (RoundTrip, Lang::Zh) => "规范化结果读回后与原表不符（bangcun 的缺陷，请报告）".to_string(),
        (RoundTrip, Lang::En) => {
            "the canonical text would not read back the same (a bug in bangcun: please report it)"
                .to_string()
        }
    };
    tr!(
        lang,
        "无法安全地规范化，未改动 {path}：{why}",
        "cannot be formatted safely, left alone: {path}: {why}",
    )
}

/// A file `fmt` leaves alone because it changed after it was checked, or
/// while it was being formatted.
pub fn fmt_edited(path: &str, lang: Lang) -> String {
    tr!(
        lang,
        "文件在检查之后或规范化期间被修改，未改动 {path}（修改已保留；再运行一次 bangcun fmt）",
        "changed after it was checked or while it was formatted, left alone: {path} (the change is kept; run bangcun fmt again)",
    )
}

/// A CSV file `fmt` leaves alone because it is a link out of the data
/// folder.
pub fn fmt_outside(path: &str, lang: Lang) -> String {
    tr!(
        lang,
        "是指向数据目录之外的链接，未改动 {path}",
        "a link out of the data folder, left alone: {path}",
    )
}

/// A temporary file left over by a stopped bangcun, which `fmt` removes
/// (with `--check`: would remove).
pub fn fmt_leftover(path: &str, check: bool, lang: Lang) -> String {
    match (check, lang) {
        (false, Lang::Zh) => format!("已删除遗留的临时文件 {path}"),
        (false, Lang::En) => format!("removed a leftover temporary file: {path}"),
        (true, Lang::Zh) => format!("有遗留的临时文件 {path}（bangcun fmt 会删除它）"),
        (true, Lang::En) => format!("leftover temporary file: {path} (bangcun fmt removes it)"),
    }
}

/// A leftover temporary file `fmt` could not remove.
pub fn fmt_leftover_failed(path: &str, error: &str, lang: Lang) -> String {
    tr!(
        lang,
        "无法删除遗留的临时文件 {path}：{error}",
        "cannot remove the leftover temporary file {path}: {error}",
    )
}

/// The closing line of `fmt`.
pub fn fmt_summary(
    changed: usize,
    unchanged: usize,
    refused: usize,
    check: bool,
    lang: Lang,
) -> String {
    match (check, lang) {
        (false, Lang::Zh) => format!(
            "规范化完成：改写 {changed} 个文件，{unchanged} 个已是规范格式，{refused} 个未改动"
        ),
        (true, Lang::Zh) => format!(
            "格式检查：{changed} 个文件需要规范化（运行 bangcun fmt），{unchanged} 个已是规范格式，{refused} 个无法检查"
        ),
        (false, Lang::En) => format!(
            "formatted {changed} {}; {unchanged} already canonical, {refused} left alone",
            plural(changed, "file", "files"),
        ),
        (true, Lang::En) => format!(
            "{changed} {} not in canonical form (run bangcun fmt); {unchanged} canonical, {refused} not checked",
            plural(changed, "file", "files"),
        ),
    }
}

// ─────────────────────────────────────────────────────────────────────────
// The monthly summary (`bangcun report monthly`): its title, sections,
// headline measures, charts and sheets, and its messages.
// ─────────────────────────────────────────────────────────────────────────

/// The fixed words of the monthly summary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MonthlyText {
    // Sections.
    Headline,
    Counties,
    Trend,
    Overdue,
    Missed,
    Revisits,
    Uncovered,
    // Headings of its own tables.
    Measure,
    Change,
    Month,
    LastMonth,
    UncoveredTownships,
    UncoveredVillages,
    TrendRate,
    TrendNote,
    // Chart titles.
    RectificationChart,
    AttendanceChart,
    TrendChart,
    // What an empty list says.
    NoOverdue,
    NoMissed,
    NoRevisits,
    NoUncovered,
    // Sheet names of the workbook (at most 31 characters, as Excel wants).
    HeadlineSheet,
    CountiesSheet,
    TrendSheet,
    OverdueSheet,
    MissedSheet,
    RevisitsSheet,
    UncoveredSheet,
}

impl MonthlyText {
    pub fn label(self, lang: Lang) -> &'static str {
        use MonthlyText::*;
        let (zh, en) = match self {
            Headline => ("主要指标", "Headline figures"),
            Counties => ("各县（区）情况", "By county"),
            Trend => ("近六个月趋势", "The last six months"),
            Overdue => ("逾期最久的问题", "The most overdue problems"),
            Missed => ("工作日未到岗的干部", "Cadres who missed a work day"),
            Revisits => ("回访滞后的问题", "Revisits that lag"),
            Uncovered => (
                "没有帮联干部的乡镇和村",
                "Townships and villages with no cadre",
            ),
            Measure => ("指标", "Figure"),
            Change => ("变化", "Change"),
            Month => ("月份", "Month"),
            LastMonth => ("上月", "last month"),
            UncoveredTownships => ("未覆盖乡镇", "Townships"),
            UncoveredVillages => ("未覆盖村", "Villages"),
            TrendRate => ("问题整改率（月末）", "Rectification rate (month end)"),
            TrendNote => (
                "新发现、新整改问题为当月数；问题整改率为各月月末的累计整改率。",
                "New and newly rectified problems are counted within each month; the rectification rate is the cumulative one at each month's end.",
            ),
            RectificationChart => ("各县（区）问题整改率", "Rectification rate by county"),
            AttendanceChart => ("各县（区）工作日到岗率", "Work-day attendance by county"),
            TrendChart => (
                "近六个月问题发现与整改",
                "Problems found and rectified, last six months",
            ),
            NoOverdue => ("没有逾期未整改的问题。", "No problem is overdue."),
            NoMissed => (
                "本月没有干部在工作日未到岗。",
                "No cadre missed a work day this month.",
            ),
            NoRevisits => ("没有回访滞后的问题。", "No revisit lags."),
            NoUncovered => (
                "所有乡镇和村都有帮联干部。",
                "Every township and village has a cadre.",
            ),
            HeadlineSheet => ("概览", "Headline"),
            CountiesSheet => ("各县", "Counties"),
            TrendSheet => ("趋势", "Trend"),
            OverdueSheet => ("逾期问题", "Overdue"),
            MissedSheet => ("未到岗", "Missed work days"),
            RevisitsSheet => ("回访滞后", "Revisits"),
            UncoveredSheet => ("未覆盖", "Uncovered"),
        };
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// The name of a headline figure of the monthly summary.
pub fn measure_name(measure: crate::report::monthly::Measure, lang: Lang) -> &'static str {
    use crate::report::monthly::Measure::*;
    let (zh, en) = match measure {
        RectificationRate => ("问题整改率", "Rectification rate"),
        IdentificationRate => ("问题识别率", "Identification rate"),
        SatisfactionRate => ("群众满意度", "Satisfaction"),
        AttendanceRate => ("工作日到岗率", "Work-day attendance"),
        VillageCoverage => ("村覆盖率", "Village coverage"),
        Visits => ("走访次数", "Visits"),
        Forums => ("座谈会场次", "Forums"),
        People => ("走访人次", "Residents visited"),
        NewProblems => ("新发现问题", "New problems"),
        NewRectified => ("新整改问题", "Newly rectified"),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A month as people name it: 2026年10月, October 2026.
pub fn month_name(month: Date, lang: Lang) -> String {
    use chrono::Datelike;
    let (y, m) = (month.year(), month.month());
    match lang {
        Lang::Zh => format!("{y}年{m}月"),
        Lang::En => format!("{} {y}", MONTHS_EN[month.month0() as usize]),
    }
}

/// A month on a chart's axis: 10月, Oct; with the year (2026年1月, Jan
/// 2026) where `with_year` — the first month and each January.
pub fn month_tick(month: Date, with_year: bool, lang: Lang) -> String {
    use chrono::Datelike;
    let (y, m) = (month.year(), month.month());
    let short = MONTHS_EN[month.month0() as usize].get(..3).unwrap_or("");
    match (lang, with_year) {
        (Lang::Zh, true) => format!("{y}年{m}月"),
        (Lang::Zh, false) => format!("{m}月"),
        (Lang::En, true) => format!("{short} {y}"),
        (Lang::En, false) => short.to_string(),
    }
}

/// The title of the monthly summary.
pub fn monthly_title(name: &str, month: Date, lang: Lang) -> String {
    let month = month_name(month, lang);
    tr!(
        lang,
        "{name}工作月报（{month}）",
        "{name}: monthly summary, {month}"
    )
}

/// The title of one sheet of the monthly summary's workbook: the
/// summary's title and the part the sheet holds.
pub fn monthly_part(title: &str, part: &str, lang: Lang) -> String {
    tr!(lang, "{title}：{part}", "{title} — {part}")
}

/// Under the headline when last month lies before the data begins (in
/// `first`, a month): why it has no figures and no change.
pub fn nothing_to_compare(first: Date, lang: Lang) -> String {
    let month = month_name(first, lang);
    tr!(
        lang,
        "数据始于{month}，此前没有可比较的月份。",
        "The data begins in {month}: there is no earlier month to compare with."
    )
}

/// Added to the trend's note when the months before the data began (in
/// `first`) are left out of it.
pub fn trend_from(first: Date, lang: Lang) -> String {
    let month = month_name(first, lang);
    tr!(
        lang,
        "数据始于{month}，此前的月份不列入。",
        " The data begins in {month}; earlier months are left out."
    )
}

/// A change from the previous month, as people read it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// Either side is undefined.
    Undefined,
    /// The same figure both months.
    Same,
    /// A rate's change in tenths of a percentage point (23 = 2.3 points).
    Points(i64),
    /// A count's change.
    Count(i64),
}

/// `↑ 2.3 个百分点`, `↓ 12`, `持平`, `—`.
pub fn change_text(change: Change, lang: Lang) -> String {
    let arrow = |n: i64| if n > 0 { "↑" } else { "↓" };
    match change {
        Change::Undefined => "—".to_string(),
        Change::Same => tr!(lang, "持平", "no change"),
        Change::Points(tenths) => {
            let (a, whole, tenth) = (arrow(tenths), tenths.abs() / 10, tenths.abs() % 10);
            tr!(
                lang,
                "{a} {whole}.{tenth} 个百分点",
                "{a} {whole}.{tenth} pts"
            )
        }
        Change::Count(n) => {
            let (a, n) = (arrow(n), n.unsigned_abs());
            format!("{a} {n}")
        }
    }
}

/// Under a list cut short: how many there are, and the sheet of the
/// summary's workbook that holds them all.
pub fn listed_of(listed: usize, total: usize, sheet: &str, lang: Lang) -> String {
    tr!(
        lang,
        "共 {total} 条，此处列出 {listed} 条；全部 {total} 条见本月报 Excel 工作簿（xlsx）的“{sheet}”工作表。",
        "{total} in all, {listed} listed here; all {total} are on the sheet “{sheet}” of this summary's Excel workbook (xlsx)."
    )
}

/// Under a list shown whole: how many it holds.
pub fn listed_all(total: usize, lang: Lang) -> String {
    tr!(lang, "共 {total} 条。", "{total} in all.")
}

/// Where a county's part of a list is cut: how many more it has.
pub fn and_more(more: usize, lang: Lang) -> String {
    tr!(lang, "……另 {more} 项未列出", "… {more} more not listed")
}

/// A county's part of the cadres who missed a work day: `魏都区（8 人）`.
pub fn county_cadres(county: &str, n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{county}（{n} 人）"),
        Lang::En => format!("{county} ({n} {})", plural(n, "cadre", "cadres")),
    }
}

/// One cadre who missed work days: `沈红丽（县级，C000238）：2026-10-20`.
pub fn missed_line(name: &str, level: &str, id: &str, dates: &str, lang: Lang) -> String {
    tr!(
        lang,
        "{name}（{level}，{id}）：{dates}",
        "{name} ({level}, {id}): {dates}"
    )
}

/// A count of places, before their names: `6 个：`.
pub fn places_count(n: usize, lang: Lang) -> String {
    tr!(lang, "{n} 个：", "{n}: ")
}

/// The month asked for holds no visit and no problem.
pub fn no_data_in_month(month: Date, covered: Option<(Date, Date)>, lang: Lang) -> String {
    let month = month_name(month, lang);
    match covered {
        Some((first, last)) => {
            let (first, last) = (month_name(first, lang), month_name(last, lang));
            tr!(
                lang,
                "{month}没有走访记录，也没有发现或整改的问题，不生成月报；数据中的记录从 {first} 到 {last}",
                "{month} has no visit and no problem found or rectified, so no summary is made; the data runs from {first} to {last}"
            )
        }
        None => tr!(
            lang,
            "{month}没有走访记录，也没有发现或整改的问题，不生成月报；数据中没有任何有效的走访或问题记录",
            "{month} has no visit and no problem found or rectified, so no summary is made; the data holds no valid visit or problem at all"
        ),
    }
}

/// `-o FILE` with an extension the document cannot be written in.
pub fn cannot_write(ext: &str, offered: &[String], lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "不能写成 .{ext} 文件：本报表可以写成的文件扩展名为 {}；没有写出任何文件",
            offered.join(" ")
        ),
        Lang::En => format!(
            "cannot write a .{ext} file: this report is written as {}; nothing was written",
            offered.join(" ")
        ),
    }
}

/// `--format` says one format, the extension of `-o FILE` another.
pub fn format_against_extension(asked: &str, file: &str, named: &str, lang: Lang) -> String {
    tr!(
        lang,
        "--format {asked} 与输出文件 {file} 的扩展名（{named}）不一致；去掉 --format，或改用与格式相符的扩展名",
        "--format {asked} does not match the extension of {file} ({named}); leave out --format, or name the file for the format"
    )
}

/// xlsx asked for on a terminal.
pub fn binary_to_terminal(lang: Lang) -> String {
    tr!(
        lang,
        "xlsx 是二进制文件，不输出到终端；请用 -o 文件名.xlsx 指定输出文件，或重定向标准输出",
        "xlsx is a binary format and is not written to a terminal; give -o FILE.xlsx, or redirect standard output"
    )
}

// ─────────────────────────────────────────────────────────────────────────
// The command line: the help of every command and argument, the words of
// the help's layout, and usage errors (clap's own are English).
// ─────────────────────────────────────────────────────────────────────────

/// The help of the command line, one row per command (`arg` empty: its
/// about) or argument (`arg`: clap's id): `(command, arg, 中文, English)`.
/// `command` is a path under `bangcun` (`""`, `"report summary"`), `"report
/// *"` for every report, or `"*"` for every command. The possible values of
/// an option are named in its help; defaults are added after it.
const CLI_HELP: &[(&str, &str, &str, &str)] = &[
    (
        "",
        "",
        "联乡帮村台账检查与统计：检查每一条记录，计算两率一度、逾期问题、工作日到岗、覆盖情况，生成工作月报",
        "Check and report on 联乡帮村 (link townships, help villages) records: every record checked; 两率一度, overdue problems, work-day attendance, coverage, the monthly summary",
    ),
    (
        "check",
        "",
        "检查全部记录，列出每个问题：文件、行、字段、值和改法",
        "Validate every record and list what is wrong: file, line, field, value and the fix",
    ),
    (
        "init",
        "",
        "新建数据目录：写出 bangcun.toml 和带表头的 CSV 文件",
        "Make a new data folder: bangcun.toml and the CSV files with headers",
    ),
    (
        "report",
        "",
        "统计报表：各县（区）两率一度汇总、逾期问题、回访滞后、工作日到岗、覆盖情况、工作月报",
        "Reports: 两率一度 per county, overdue problems, revisits, work-day attendance, coverage, the monthly summary",
    ),
    (
        "fmt",
        "",
        "把 CSV 数据文件改写成统一的规范格式，便于用 git 比较；有错误的文件不改动",
        "Rewrite the CSV data files in one canonical form, for clean git diffs; files with errors are left alone",
    ),
    (
        "help",
        "",
        "显示帮助，或所给命令的帮助",
        "Print this message or the help of the given subcommand(s)",
    ),
    (
        "report summary",
        "",
        "两率一度汇总：每个县（区）一行，另加合计行，含到岗、走访、覆盖等全部指标",
        "One row per county and a total row with every figure: 两率一度, attendance, visits, coverage",
    ),
    (
        "report overdue",
        "",
        "逾期未整改的问题，逾期最久的在前",
        "Problems past their deadline and not rectified, most overdue first",
    ),
    (
        "report revisits",
        "",
        "整改后超过回访天数仍未销号的问题",
        "Rectified problems not verified within the revisit days",
    ),
    (
        "report attendance",
        "",
        "每名干部工作日的应到岗、实到岗和未到岗日期",
        "Work days due, attended and missed per cadre",
    ),
    (
        "report coverage",
        "",
        "没有在岗帮联干部的乡镇和村，按县（区）列出",
        "Townships and villages with no active cadre, per county",
    ),
    (
        "report monthly",
        "",
        "给领导的工作月报：主要指标与上月对比、各县（区）情况、近六个月趋势和需要关注的清单；Markdown、HTML、xlsx 或 JSON",
        "The monthly summary for leaders: headline figures against the previous month, counties, a six-month trend, and the lists that need attention; Markdown, HTML, xlsx or JSON",
    ),
    (
        "*",
        "data",
        "数据目录 [默认：环境变量 BANGCUN_DATA，或当前目录及其上级中最近的含 bangcun.toml 的目录，或 ./data]",
        "Data folder [default: $BANGCUN_DATA, the nearest folder holding bangcun.toml, or ./data]",
    ),
    (
        "*",
        "lang",
        "标签、提示和帮助的语言：zh（中文）或 en（英文）[默认：bangcun.toml 中的 lang，否则 zh]",
        "Language of labels, messages and help: zh or en [default: lang in bangcun.toml, else zh]",
    ),
    ("*", "help", "显示帮助", "Print help"),
    ("*", "version", "显示版本", "Print version"),
    (
        "help",
        "subcommand",
        "要显示帮助的命令",
        "Print help for the subcommand(s)",
    ),
    (
        "check",
        "format",
        "输出格式：human（供人阅读）、json（一个 JSON 文档，供程序读取）、github（GitHub Actions 注释）",
        "Output format: human (rustc-like text for people), json (one JSON document for programs), github (GitHub Actions annotations)",
    ),
    (
        "check",
        "deny_warnings",
        "有警告也视为失败（退出码 1）",
        "Fail (exit 1) on warnings too",
    ),
    (
        "check",
        "as_of",
        "把该日期当作今天，用于检查日期是否晚于今天 [默认：今天]",
        "Take DATE as today, for the future-date check [default: today]",
    ),
    (
        "check",
        "list",
        "列出所有检查项后退出",
        "List the checks and exit",
    ),
    (
        "check",
        "changed_since",
        "仍检查全部文件，但只报告自所给 git 版本以来改动过的文件（已提交、已暂存、未暂存或未跟踪）中的问题",
        "Check everything, but report only findings in files changed since the git revision REV (committed, staged, unstaged or untracked)",
    ),
    (
        "init",
        "dir",
        "要新建的数据目录（不存在则创建）",
        "Folder to make (created if missing)",
    ),
    (
        "fmt",
        "check",
        "只检查、不改写：列出不是规范格式的文件，有则退出码为 1",
        "Change nothing: list the files that are not in canonical form, and exit 1 if there are any",
    ),
    (
        "report summary",
        "by",
        "汇总单位：county（每个县区一行）或 township（每个乡镇一行）",
        "One row per county or per township: county or township",
    ),
    (
        "report *",
        "county",
        "只看该县（区），填代码或名称",
        "Only this county, by code or name",
    ),
    (
        "report attendance",
        "missing",
        "改为每个未到岗的工作日一行（未到岗明细）",
        "One row per missed work day instead",
    ),
    (
        "report *",
        "as_of",
        "数据截至该日期：之后的记录视为尚不存在 [默认：今天]",
        "Compute as of DATE: later records do not exist yet [default: today]",
    ),
    (
        "report *",
        "month",
        "统计期间：一个月，如 2026-03",
        "Period: one month, such as 2026-03",
    ),
    (
        "report monthly",
        "month",
        "月报的月份，如 2026-03 [默认：最近一个完整的月]",
        "The month, such as 2026-03 [default: the last complete month]",
    ),
    (
        "report *",
        "year",
        "统计期间：一年，如 2026",
        "Period: one year, such as 2026",
    ),
    (
        "report *",
        "from",
        "统计期间：从该日起 [默认：最早的走访记录所在月的第一天]",
        "Period: from this day [default: the month of the earliest visit]",
    ),
    (
        "report *",
        "to",
        "统计期间：到该日止 [默认：数据截至日期]",
        "Period: to this day [default: the as-of date]",
    ),
    (
        "report *",
        "format",
        "输出格式：table（对齐的表格）、csv 或 json（稳定的键，供程序读取）、markdown、html（可打印的网页）、xlsx（Excel 工作簿）[默认：按 -o 文件的扩展名，否则 table]",
        "Output format: table (aligned columns for people), csv or json (stable keys for programs), markdown, html (a page for A4 print), xlsx (an Excel workbook) [default: by the extension of -o, else table]",
    ),
    (
        "report monthly",
        "format",
        "输出格式：markdown、html（可打印的网页，带图表）、xlsx（Excel 工作簿，每张表一个工作表）、json [默认：按 -o 文件的扩展名，否则 markdown]",
        "Output format: markdown, html (one page with charts, for A4 print), xlsx (an Excel workbook, a sheet per table), json [default: by the extension of -o, else markdown]",
    ),
    (
        "report *",
        "output",
        "写入该文件（整个写好才替换，不会留下半个文件），不输出到屏幕；扩展名决定格式：.txt .csv .json .md .html .xlsx",
        "Write to FILE (atomically) instead of standard output; its extension picks the format: .txt .csv .json .md .html .xlsx",
    ),
    (
        "report monthly",
        "output",
        "写入该文件（整个写好才替换，不会留下半个文件），不输出到屏幕；扩展名决定格式：.md .html .xlsx .json",
        "Write to FILE (atomically) instead of standard output; its extension picks the format: .md .html .xlsx .json",
    ),
    (
        "report *",
        "strict",
        "数据有错误时不出报表（退出码 1），而不是略去出错的记录",
        "Refuse (exit 1) when the data has errors, instead of leaving the records with errors out",
    ),
];

/// The help of a command (`arg` empty) or of one of its arguments, from
/// the one table of them (`CLI_HELP`): the row for the command itself first, then the one for
/// every report, then the one for every command.
pub fn cli_help(command: &str, arg: &str, lang: Lang) -> Option<&'static str> {
    let row = |scope: &str| CLI_HELP.iter().find(|r| r.0 == scope && r.1 == arg);
    let report = command.starts_with("report ");
    let found = row(command)
        .or_else(|| report.then(|| row("report *")).flatten())
        .or_else(|| (!arg.is_empty()).then(|| row("*")).flatten())?;
    Some(match lang {
        Lang::Zh => found.2,
        Lang::En => found.3,
    })
}

/// The placeholder of an option's value in `lang`, where it is a word
/// (`None`: as written, such as `YYYY-MM`).
pub fn value_name(name: &str, lang: Lang) -> Option<&'static str> {
    let zh = match name {
        "DIR" => "目录",
        "LANG" => "语言",
        "DATE" => "日期",
        "REV" => "版本",
        "FILE" => "文件",
        "CODE" => "代码",
        "FORMAT" => "格式",
        "BY" => "单位",
        "COMMAND" => "命令",
        _ => return None,
    };
    (lang == Lang::Zh).then_some(zh)
}

/// An option's default, after its help: `[默认：.]`.
pub fn cli_default(values: &str, lang: Lang) -> String {
    tr!(lang, "[默认：{values}]", " [default: {values}]")
}

/// The words of the help's layout in Chinese (English help keeps clap's).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CliWord {
    Usage,
    Commands,
    Arguments,
    Options,
    /// `[选项]` in a usage line.
    OptionsPlaceholder,
    /// `<命令>` in a usage line.
    CommandPlaceholder,
}

pub fn cli_word(word: CliWord, lang: Lang) -> &'static str {
    let (zh, en) = match word {
        CliWord::Usage => ("用法：", "Usage: "),
        CliWord::Commands => ("命令：", "Commands:"),
        CliWord::Arguments => ("参数：", "Arguments:"),
        CliWord::Options => ("选项：", "Options:"),
        CliWord::OptionsPlaceholder => ("[选项]", "[OPTIONS]"),
        CliWord::CommandPlaceholder => ("<命令>", "<COMMAND>"),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// A value on the command line that its option does not take.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ValueError {
    Lang(String),
    Month(String),
    Date(String),
    Year(String),
}

impl ValueError {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            ValueError::Lang(v) => tr!(
                lang,
                "“{v}”不是语言，应为 zh 或 en",
                "\"{v}\" is no language: expected zh or en"
            ),
            ValueError::Month(v) => tr!(
                lang,
                "“{v}”不是月份，应如 2026-03",
                "\"{v}\" is not a month such as 2026-03"
            ),
            ValueError::Date(v) => tr!(
                lang,
                "“{v}”不是日期，应如 2026-03-10",
                "\"{v}\" is not a date such as 2026-03-10"
            ),
            ValueError::Year(v) => tr!(
                lang,
                "“{v}”不是年份，应为四位数字，如 2026",
                "\"{v}\" is not a year of four digits such as 2026"
            ),
        }
    }
}

impl std::fmt::Display for ValueError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl std::error::Error for ValueError {}

/// What is wrong with a command line, as clap finds it (the parts are
/// clap's: options as `--format <格式>`, values as typed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UsageError {
    InvalidValue {
        arg: String,
        value: String,
        valid: String,
    },
    NoValue {
        arg: String,
    },
    UnknownArgument {
        arg: String,
    },
    UnknownCommand {
        name: String,
    },
    NoEquals {
        arg: String,
    },
    BadValue {
        arg: String,
        value: String,
        detail: String,
    },
    Unexpected {
        value: String,
    },
    ValueCount {
        arg: String,
    },
    Twice {
        arg: String,
    },
    Conflict {
        arg: String,
        prior: String,
    },
    Missing {
        arg: String,
    },
    MissingCommand {
        valid: String,
    },
    Other {
        detail: String,
    },
}

/// A usage error in Chinese: what is wrong, clap's suggestion, the usage
/// line, and where to read more.
pub fn usage_error(error: &UsageError, suggestion: Option<&str>, usage: Option<&str>) -> String {
    use UsageError::*;
    let mut out = String::from("错误：");
    let _ = match error {
        InvalidValue { arg, value, valid } => {
            write!(out, "选项 {arg} 的值“{value}”无效；可用的值：{valid}")
        }
        NoValue { arg } => write!(out, "选项 {arg} 后面要给出值"),
        UnknownArgument { arg } => write!(out, "没有“{arg}”这个选项"),
        UnknownCommand { name } => write!(out, "没有“{name}”这个命令"),
        NoEquals { arg } => write!(out, "选项 {arg} 的值要用等号连着写，如 {arg}=值"),
        BadValue { arg, value, detail } if detail.is_empty() => {
            write!(out, "选项 {arg} 的值“{value}”无效")
        }
        BadValue { arg, detail, .. } => write!(out, "选项 {arg} 的值无效：{detail}"),
        Unexpected { value } => write!(out, "多出的参数“{value}”"),
        ValueCount { arg } => write!(out, "选项 {arg} 的值的个数不对"),
        Twice { arg } => write!(out, "选项 {arg} 只能给一次"),
        Conflict { arg, prior } => write!(out, "选项 {arg} 不能与 {prior} 同时使用"),
        Missing { arg } => write!(out, "缺少必需的参数：{arg}"),
        MissingCommand { valid } => write!(out, "缺少命令；可用的命令：{valid}"),
        Other { detail } => write!(out, "命令行有误（{detail}）"),
    };
    out.push('\n');
    if let Some(s) = suggestion {
        let _ = write!(out, "\n  提示：是不是要用“{s}”？\n");
    }
    if let Some(usage) = usage {
        let _ = write!(out, "\n用法：{usage}\n");
    }
    out.push_str("\n加上 --help 可查看说明。\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_render() {
        let m = Message::UnknownCadre {
            from: Referrer::Visit,
            id: "C999999".into(),
        };
        assert_eq!(
            m.text(Lang::En),
            "visit refers to cadre \"C999999\", which is not in cadres"
        );
        assert_eq!(
            m.text(Lang::Zh),
            "走访记录引用的干部编号“C999999”不在干部名单中"
        );
        assert_eq!(
            m.help(Lang::En).as_deref(),
            Some("add the cadre to cadres.csv, or correct the id")
        );
    }

    #[test]
    fn lang_parses() {
        assert_eq!("EN".parse::<Lang>(), Ok(Lang::En));
        assert_eq!("zh".parse::<Lang>(), Ok(Lang::Zh));
        assert!("fr".parse::<Lang>().is_err());
    }

    #[test]
    fn summary_line() {
        assert_eq!(
            check_summary(1, 0, 2, 3, Lang::En),
            "checked: 1 error, 0 warnings; 2 files, 3 records read"
        );
    }
}
