//! The registry of named checks (docs/checks.md). Each check has a stable
//! lowercase name and a severity. Checks of the *load* stage are made by the
//! loader while it reads cells and resolves references (it resolves them
//! once, through indexes, as it reads); checks of the *data* stage are one
//! function each, run over the loaded [`Dataset`] by [`run`].

mod dates;
mod refs;
mod visits;

use crate::finding::Finding;
use crate::i18n::Lang;
use crate::index::Index;
use crate::model::{Dataset, Date};
use crate::parallel;

/// How serious a finding is: errors fail `check` (exit 1), warnings only
/// with `--deny-warnings`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// What a data-stage check reads.
pub struct Context<'a> {
    pub data: &'a Dataset,
    pub index: &'a Index,
    /// "Today" for `future-date`: `--as-of`, or the real date.
    pub today: Date,
}

/// A data-stage check: reads the dataset, appends findings.
pub type CheckFn = fn(&Context, &mut Vec<Finding>);

/// One named check.
#[derive(Debug)]
pub struct Check {
    /// Stable, lowercase, hyphenated: the name in output and in the README.
    pub name: &'static str,
    pub severity: Severity,
    /// `None` for checks the loader makes while reading.
    pub run: Option<CheckFn>,
    /// One line for the README and `bangcun check --list`.
    pub about: &'static str,
    /// The same line in Chinese.
    pub about_zh: &'static str,
}

impl Check {
    /// What the check finds, in `lang` (`bangcun check --list`).
    pub fn about(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.about_zh,
            Lang::En => self.about,
        }
    }
}

/// Checks are the same when their names are: names are unique.
impl PartialEq for Check {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

macro_rules! checks {
    ($($id:ident = $name:literal, $sev:ident, $run:expr, $about:literal, $zh:literal;)*) => {
        $(
            #[doc = concat!("The `", $name, "` check (see its `about`).")]
            pub static $id: Check = Check {
                name: $name,
                severity: Severity::$sev,
                run: $run,
                about: $about,
                about_zh: $zh,
            };
        )*
        /// Every check, in the order they are listed and run.
        pub static REGISTRY: &[&Check] = &[$(&$id),*];
    };
}

checks! {
    UNREADABLE_FILE = "unreadable-file", Error, None,
        "a data file cannot be read (missing permission, a directory, a symlink loop)",
        "数据文件无法读取（没有权限、是目录、符号链接循环）";
    OUTSIDE_LINK = "outside-link", Error, None,
        "a symbolic link that leads out of the data folder; it is not followed, and what it leads to is not read",
        "指向数据目录之外的符号链接；不跟随，其指向的内容不读取";
    REPEATED_LINK = "repeated-link", Warning, None,
        "a symbolic link to a file or folder read already (or to the data folder itself); it is not read twice",
        "指向已读取的文件或目录（或数据目录本身）的符号链接；不重复读取";
    LEFTOVER_TEMP_FILE = "leftover-temp-file", Warning, None,
        "a temporary file (.NAME.bangcun-PID-N.tmp) left by a bangcun that was stopped while writing; bangcun fmt removes it",
        "bangcun 写入时被中止而遗留的临时文件（.文件名.bangcun-进程号-N.tmp）；bangcun fmt 会删除它";
    BAD_ENCODING = "bad-encoding", Error, None,
        "a file is neither UTF-8 nor GB18030/GBK (the line where decoding fails is named), or is UTF-16",
        "文件既不是 UTF-8 也不是 GB18030/GBK（指出解码失败的行），或是 UTF-16 编码";
    MIXED_ENCODING = "mixed-encoding", Error, None,
        "a line in UTF-8 in a GB18030/GBK file, saved in two encodings (each such line is named, and read as UTF-8)",
        "GB18030/GBK 文件中有 UTF-8 编码的行，文件以两种编码保存过（逐行指出，并按 UTF-8 读取）";
    AMBIGUOUS_ENCODING = "ambiguous-encoding", Warning, None,
        "a file valid as UTF-8 but without Chinese, that GB18030 reads as all Chinese: it is read as GB18030, and fmt leaves it alone",
        "文件可按 UTF-8 读取但不含汉字，按 GB18030 读取则全是汉字：按 GB18030 读取，fmt 不改动它";
    BAD_QUOTING = "bad-quoting", Error, None,
        "a CSV quote is never closed",
        "CSV 中的引号没有闭合";
    FIELD_COUNT = "field-count", Error, None,
        "a CSV row has more or fewer fields than the header",
        "CSV 某行的字段数比表头多或少";
    BAD_SEPARATOR = "bad-separator", Error, None,
        "a CSV file whose columns are separated by semicolons or tabs, not commas (it is not read)",
        "CSV 文件的列以分号或制表符分隔，而不是逗号（文件未读取）";
    INVALID_TOML = "invalid-toml", Error, None,
        "a TOML data file is not valid TOML, or holds something other than [[kind]] tables",
        "TOML 数据文件不是有效的 TOML，或含有 [[种类]] 表以外的内容";
    EMPTY_FILE = "empty-file", Error, None,
        "a CSV file has no header row",
        "CSV 文件没有表头行";
    MISSING_COLUMN = "missing-column", Error, None,
        "a required column is missing from a CSV header",
        "CSV 表头缺少必需的列";
    DUPLICATE_COLUMN = "duplicate-column", Error, None,
        "two columns of a CSV header name the same field",
        "CSV 表头中有两列对应同一个字段";
    UNKNOWN_COLUMN = "unknown-column", Warning, None,
        "a CSV column or TOML key that no field has; it is ignored",
        "没有对应字段的 CSV 列或 TOML 键，已忽略";
    MISSING_VALUE = "missing-value", Error, None,
        "a required value is empty (also: a township or village without parent, a cadre-sourced problem without cadre)",
        "必填的值为空（包括乡镇或村没有上级、来源为干部排查的问题没有发现干部）";
    INVALID_DATE = "invalid-date", Error, None,
        "a date in none of the four accepted forms, an impossible day, or a year outside 1900-2099",
        "日期不是四种可用写法之一、日期不存在，或年份不在 1900–2099 之间";
    INVALID_NUMBER = "invalid-number", Error, None,
        "a count that is not a whole number ≥ 0, or is too large (4294967296 or more)",
        "数量不是大于等于 0 的整数，或太大（4294967296 及以上）";
    INVALID_VALUE = "invalid-value", Error, None,
        "an enumeration value that is neither the English nor the Chinese word",
        "枚举值既不是英文词也不是中文词";
    INVALID_CONFIG = "invalid-config", Error, None,
        "bangcun.toml has invalid TOML, an unknown key or an impossible value",
        "bangcun.toml 不是有效的 TOML、有未知的键或不可能的值";
    DUPLICATE_ID = "duplicate-id", Error, Some(refs::duplicate_id),
        "a region code, cadre id or problem id used twice (both places are named)",
        "区划代码、干部编号或问题编号重复（两处都指出）";
    UNKNOWN_REGION = "unknown-region", Error, None,
        "a parent, contact point or place that is not in regions",
        "上级、联系点或地点不在行政区划中";
    UNKNOWN_CADRE = "unknown-cadre", Error, None,
        "a visit, problem or leave whose cadre is not in cadres",
        "走访、问题或请假记录的干部不在干部名单中";
    PARENT_LEVEL = "parent-level", Error, Some(refs::parent_level),
        "a region whose parent is not exactly one level up",
        "区划的上级不是正好高一级的区划";
    POINT_LEVEL = "point-level", Error, Some(refs::point_level),
        "a contact point that is a county",
        "联系点是县（区）";
    DATE_ORDER = "date-order", Error, Some(dates::date_order),
        "end before start, rectified or deadline before found, verified before rectified, leave to before from",
        "结束早于开始、整改日期或整改时限早于发现日期、销号早于整改、请假结束早于开始";
    NEEDS_RECTIFIED = "needs-rectified", Error, Some(dates::needs_rectified),
        "verified or satisfaction on a problem that is not rectified",
        "未整改的问题填了销号日期或满意度";
    UNKNOWN_CATEGORY = "unknown-category", Error, Some(dates::unknown_category),
        "a problem category that is not in bangcun.toml's categories",
        "问题类别不在 bangcun.toml 的 categories 中";
    VISIT_PLACE = "visit-place", Warning, Some(visits::visit_place),
        "a visit at a place that is not one of the cadre's points nor inside one",
        "走访地点既不是该干部的联系点，也不在联系点之内";
    VISIT_OUTSIDE_LINK = "visit-outside-link", Warning, Some(visits::visit_outside_link),
        "a visit outside the cadre's start..end",
        "走访日期不在该干部的帮联期间内";
    FUTURE_DATE = "future-date", Warning, Some(visits::future_date),
        "a visit or problem dated after today",
        "走访或问题的日期晚于今天";
    DUPLICATE_VISIT = "duplicate-visit", Warning, Some(visits::duplicate_visit),
        "the same cadre, date, place and kind entered twice",
        "同一干部、日期、地点和类型的走访录入了两次";
}

/// Runs the data-stage checks of the given severities (`check` wants all;
/// reports only need errors, to leave invalid records out). The checks
/// only read, so they run side by side on every core; their findings come
/// back in registry order.
pub fn run(ctx: &Context, severities: &[Severity]) -> Vec<Finding> {
    let checks: Vec<CheckFn> = REGISTRY
        .iter()
        .filter(|c| severities.contains(&c.severity))
        .filter_map(|c| c.run)
        .collect();
    parallel::map(&checks, |run| {
        let mut out = Vec::new();
        run(ctx, &mut out);
        out
    })
    .into_iter()
    .flatten()
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_stable_lowercase_and_unique() {
        for (i, a) in REGISTRY.iter().enumerate() {
            assert!(
                a.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                a.name
            );
            assert!(REGISTRY[i + 1..].iter().all(|b| b.name != a.name));
        }
    }
}
