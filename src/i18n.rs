//! The words bangcun shares across its parts, in Chinese and English side
//! by side: the names of kinds, fields and region levels, the labels of
//! findings, and the words of the documents (report titles, column
//! headings, the period line, the monthly summary's sections). What one
//! part alone says — a check's message, a command's note — is beside that
//! part. Chinese is the default language.

use crate::lang::{Lang, tr};
use crate::model::{Date, Kind, Year};

/// The English word for one or for many, by `n`.
pub fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
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
    /// `report problems`: the ledger, or one of its named lists.
    Ledger(Ledger),
    /// `report summary --by category|source|unit|level`: problem figures.
    SummaryByCategory,
    SummaryBySource,
    SummaryByUnit,
    SummaryByLevel,
    Quotas,
    MissedQuotas,
    RatingsByCounty,
    RatingsByTownship,
    Reviews,
    /// The table of targets beside a report.
    Targets,
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
            (Quotas, Lang::Zh) => "定额完成情况",
            (MissedQuotas, Lang::Zh) => "定额未完成明细",
            (RatingsByCounty, Lang::Zh) => "五星支部评星和三零创建（按县区）",
            (RatingsByTownship, Lang::Zh) => "五星支部评星和三零创建（按乡镇）",
            (Reviews, Lang::Zh) => "帮联干部群众评议",
            (Targets, Lang::Zh) => "目标完成情况",
            (SummaryByCounty, Lang::En) => "Summary by county",
            (SummaryByTownship, Lang::En) => "Summary by township",
            (Overdue, Lang::En) => "Overdue problems",
            (Revisits, Lang::En) => "Rectified problems whose revisit lags",
            (Attendance, Lang::En) => "Work-day attendance",
            (MissedWorkdays, Lang::En) => "Missed work days",
            (Coverage, Lang::En) => "Townships and villages without an active cadre",
            (Ledger(ledger), lang) => ledger.title(lang),
            (SummaryByCategory, Lang::Zh) => "问题整改汇总（按类别）",
            (SummaryBySource, Lang::Zh) => "问题整改汇总（按来源）",
            (SummaryByUnit, Lang::Zh) => "问题整改汇总（按责任单位）",
            (SummaryByLevel, Lang::Zh) => "问题整改汇总（按发现层级）",
            (SummaryByCategory, Lang::En) => "Problems by category",
            (SummaryBySource, Lang::En) => "Problems by source",
            (SummaryByUnit, Lang::En) => "Problems by responsible unit",
            (SummaryByLevel, Lang::En) => "Problems by the level that found them",
            (Quotas, Lang::En) => "Quota compliance",
            (MissedQuotas, Lang::En) => "Quotas missed",
            (RatingsByCounty, Lang::En) => "Star ratings and three zeros by county",
            (RatingsByTownship, Lang::En) => "Star ratings and three zeros by township",
            (Reviews, Lang::En) => "Reviews of cadres",
            (Targets, Lang::En) => "Targets",
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
            Ledger(ledger) => return ledger.sheet(lang),
            SummaryByCategory => ("按类别", "By category"),
            SummaryBySource => ("按来源", "By source"),
            SummaryByUnit => ("按责任单位", "By unit"),
            SummaryByLevel => ("按发现层级", "By level"),
            Quotas => ("定额完成", "Quotas"),
            MissedQuotas => ("定额未完成", "Quotas missed"),
            RatingsByCounty => ("评星（按县区）", "Ratings by county"),
            RatingsByTownship => ("评星（按乡镇）", "Ratings by township"),
            Reviews => ("群众评议", "Reviews"),
            Targets => ("目标", "Targets"),
        };
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// The problem ledger and the lists the office names (三台账两清单, as
/// the Xuchang office calls them), which `report problems` is titled by
/// when its filters ask for one of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ledger {
    /// The whole ledger, or a cut of it that has no name of its own.
    All,
    /// `--level city --at township`.
    CityTownship,
    /// `--level city --at village`.
    CityVillage,
    /// `--level county --at village`.
    CountyVillage,
    /// `--status open,overdue`: the problems handed to the units.
    Assigned,
    /// `--status rectified`: rectified, to verify.
    ToVerify,
    /// `--status overdue`: the problems to chase (督办).
    Overdue,
}

impl Ledger {
    pub fn title(self, lang: Lang) -> &'static str {
        use Ledger::*;
        let (zh, en) = match self {
            All => ("问题台账", "Problem ledger"),
            CityTownship => (
                "市级领导“联乡帮村”工作乡（镇、街道）问题台账",
                "City leaders' ledger of problems at townships",
            ),
            CityVillage => (
                "市级领导“联乡帮村”工作村（社区）问题台账",
                "City leaders' ledger of problems at villages",
            ),
            CountyVillage => (
                "县级干部“联乡帮村”工作村（社区）问题台账",
                "County cadres' ledger of problems at villages",
            ),
            Assigned => (
                "联乡帮村交办问题清单",
                "Problems handed to the responsible units",
            ),
            ToVerify => ("联乡帮村需核实问题清单", "Rectified problems to verify"),
            Overdue => ("联乡帮村逾期问题督办清单", "Overdue problems to chase"),
        };
        lang.pick(zh, en)
    }

    /// The sheet name of the list (at most 31 characters).
    pub fn sheet(self, lang: Lang) -> &'static str {
        use Ledger::*;
        let (zh, en) = match self {
            All => ("问题台账", "Ledger"),
            CityTownship => ("市级领导乡镇问题台账", "City, townships"),
            CityVillage => ("市级领导村问题台账", "City, villages"),
            CountyVillage => ("县级干部村问题台账", "County, villages"),
            Assigned => ("交办问题清单", "Assigned"),
            ToVerify => ("需核实问题清单", "To verify"),
            Overdue => ("逾期问题督办清单", "Overdue"),
        };
        lang.pick(zh, en)
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
    LongTerm,
    Measures,
    Owner,
    Progress,
    Note,
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
    // The ledger's own columns.
    Source,
    FinderLevel,
    Status,
    DaysLeft,
    VerifiedOn,
    Group,
    Quota,
    QuotaPeriod,
    Owed,
    QuotaMet,
    ComplianceRate,
    PeriodsMissed,
    QuotaProgress,
    HouseholdId,
    HouseholdName,
    VisitsDone,
    DaysDone,
    NeedVisits,
    NeedDays,
    Households,
    HouseholdsCovered,
    /// A heading made from the data folder's own words (a quota's name):
    /// Chinese and English.
    Own(&'static str, &'static str),
    // Ratings, reviews and targets.
    Rated,
    FiveStar,
    FourStar,
    ThreeStar,
    TwoStar,
    OneStar,
    Stars3Rate,
    Weak,
    SanlingAssessed,
    SanlingMet,
    SanlingRate,
    CadreUnit,
    Satisfied,
    Basic,
    Unsatisfied,
    ReviewRate,
    LowestReviewRate,
    Figure,
    Target,
    Value,
    Met,
    CountiesMissing,
    TownshipsMissing,
    CadresBelow,
    Missing,
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
            LongTerm => ("长期整改", "Long-term"),
            Measures => ("整改措施", "Measures"),
            Owner => ("责任人", "Owner"),
            Progress => ("整改情况", "Progress"),
            Note => ("备注", "Note"),
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
            Source => ("来源", "Source"),
            FinderLevel => ("发现层级", "Found by"),
            Status => ("状态", "Status"),
            DaysLeft => ("剩余天数", "Days left"),
            VerifiedOn => ("销号日期", "Verified"),
            Group => ("分组", "Group"),
            Quota => ("定额", "Quota"),
            QuotaPeriod => ("期间", "Period"),
            Owed => ("应完成", "Owed"),
            QuotaMet => ("已完成", "Met"),
            ComplianceRate => ("完成率", "Compliance"),
            PeriodsMissed => ("未完成期间", "Periods missed"),
            QuotaProgress => ("本期进度", "In progress"),
            HouseholdId => ("户编号", "Household"),
            HouseholdName => ("户主姓名", "Head of household"),
            VisitsDone => ("已走访次数", "Visits"),
            DaysDone => ("已走访天数", "Days"),
            NeedVisits => ("应走访次数", "Visits needed"),
            NeedDays => ("应走访天数", "Days needed"),
            Households => ("帮扶户", "Households"),
            HouseholdsCovered => ("已联系帮扶户", "Households covered"),
            Own(zh, en) => (zh, en),
            Rated => ("已评星村", "Rated"),
            FiveStar => ("五星", "Five stars"),
            FourStar => ("四星", "Four stars"),
            ThreeStar => ("三星", "Three stars"),
            TwoStar => ("二星", "Two stars"),
            OneStar => ("一星", "One star"),
            Stars3Rate => ("三星以上占比", "Three stars or more"),
            Weak => ("软弱涣散", "Weak branches"),
            SanlingAssessed => ("三零参评村", "Assessed for three zeros"),
            SanlingMet => ("三零达标村", "Met three zeros"),
            SanlingRate => ("三零达标率", "Three-zeros rate"),
            CadreUnit => ("单位", "Unit"),
            Satisfied => ("满意", "Satisfied"),
            Basic => ("基本满意", "Basically satisfied"),
            Unsatisfied => ("不满意", "Unsatisfied"),
            ReviewRate => ("评议满意率", "Review rate"),
            LowestReviewRate => ("评议满意率（最低）", "Review rate (lowest)"),
            Figure => ("指标", "Figure"),
            Target => ("目标", "Target"),
            Value => ("完成", "Value"),
            Met => ("是否达标", "Met"),
            CountiesMissing => ("未达标的县（区）", "Counties not meeting it"),
            TownshipsMissing => ("未达标的乡镇（街道）", "Townships not meeting it"),
            CadresBelow => ("低于目标的干部", "Cadres below it"),
            Missing => ("未达标的县（区）或干部", "Not met by"),
        };
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
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

/// The line under the title of a report of a year.
pub fn year_line(year: Year, lang: Lang) -> String {
    tr!(lang, "评定年度 {year} 年", "year {year}")
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
pub fn files_partly_read(files: &[(String, Option<u32>)], lang: Lang) -> String {
    let names: Vec<String> = files
        .iter()
        .map(|(name, from)| match (from, lang) {
            (Some(line), Lang::Zh) => format!("{name}（第 {line} 行起未读取）"),
            (Some(line), Lang::En) => format!("{name} (from line {line} on)"),
            (None, _) => name.clone(),
        })
        .collect();
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
            Lang::Zh => format!("{} {n} 条", kind.name(lang)),
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

/// Settings of `bangcun.toml` with an impossible value, taken at their
/// defaults.
pub fn settings_defaulted(keys: &[String], lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "bangcun.toml 中值无效的设置按默认值计算：{}",
            keys.join("、")
        ),
        Lang::En => format!(
            "invalid in bangcun.toml and taken at their defaults: {}",
            keys.join(", ")
        ),
    }
}

/// Keys of `bangcun.toml` that no setting has: ignored.
pub fn settings_ignored(keys: &[String], lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("bangcun.toml 中未知的配置项被忽略：{}", keys.join("、")),
        Lang::En => format!("unknown keys in bangcun.toml, ignored: {}", keys.join(", ")),
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
    Sources,
    Units,
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
    NoUnitOverdue,
    // Sheet names of the workbook (at most 31 characters, as Excel wants).
    HeadlineSheet,
    CountiesSheet,
    TrendSheet,
    SourcesSheet,
    UnitsSheet,
    OverdueSheet,
    MissedSheet,
    RevisitsSheet,
    UncoveredSheet,
    // Ratings, reviews and targets.
    Targets,
    Ratings,
    ReviewsBelow,
    Reviews,
    RatingsSheet,
    ReviewsBelowSheet,
    TargetsSheet,
    // Quotas.
    QuotasMissed,
    NoQuotasMissed,
    QuotasMissedSheet,
    QuotasNote,
    SoFar,
}

impl MonthlyText {
    pub fn label(self, lang: Lang) -> &'static str {
        use MonthlyText::*;
        let (zh, en) = match self {
            Headline => ("主要指标", "Headline figures"),
            Counties => ("各县（区）情况", "By county"),
            Trend => ("近六个月趋势", "The last six months"),
            Sources => ("按问题来源", "By source"),
            Units => (
                "逾期问题最多的责任单位",
                "Responsible units with the most overdue problems",
            ),
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
            NoUnitOverdue => (
                "没有责任单位有逾期问题。",
                "No responsible unit has an overdue problem.",
            ),
            NoUncovered => (
                "所有乡镇和村都有帮联干部。",
                "Every township and village has a cadre.",
            ),
            HeadlineSheet => ("概览", "Headline"),
            CountiesSheet => ("各县", "Counties"),
            TrendSheet => ("趋势", "Trend"),
            SourcesSheet => ("按来源", "By source"),
            UnitsSheet => ("按责任单位", "By unit"),
            OverdueSheet => ("逾期问题", "Overdue"),
            MissedSheet => ("未到岗", "Missed work days"),
            RevisitsSheet => ("回访滞后", "Revisits"),
            UncoveredSheet => ("未覆盖", "Uncovered"),
            Targets => ("目标完成情况", "Targets"),
            Ratings => ("五星支部评星和三零创建", "Star ratings and three zeros"),
            ReviewsBelow => (
                "群众评议满意率低于标准的干部",
                "Cadres whose review rate is below the threshold",
            ),
            Reviews => ("群众评议", "Reviews of cadres"),
            RatingsSheet => ("评星", "Ratings"),
            ReviewsBelowSheet => ("评议低于标准", "Reviews below"),
            TargetsSheet => ("目标", "Targets"),
            QuotasMissed => ("未完成定额的干部", "Quotas missed"),
            NoQuotasMissed => (
                "本月结束的定额期间都已完成。",
                "Every quota period that ended this month was met.",
            ),
            QuotasMissedSheet => ("定额未完成", "Quotas missed"),
            QuotasNote => (
                "定额完成率：每项定额在本月月末所在的月度、季度或年度中，已完成的干部（或干部与帮扶户）占应完成的比例；期间尚未结束的标“进行中”，为截至月末已完成的比例，不算未完成。",
                "Quotas: in each quota's month, quarter or year that holds the month's end, the share of cadres (or cadres and households) that met it; a period not yet over is marked “so far”: met by the month's end, no miss.",
            ),
            SoFar => ("（进行中）", " (so far)"),
        };
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// A quota's line among the headline figures: its name and its period,
/// `主题党日（月度）`, `组织生活会（2026年）`, `宣讲 (2026 Q1)`.
pub fn quota_headline_name(
    name: &str,
    period: &crate::metrics::quotas::CalPeriod,
    lang: Lang,
) -> String {
    use crate::config::Per;
    use chrono::Datelike;
    let y = period.first.year();
    let when = match (period.per, lang) {
        (Per::Month, _) => lang.pick("月度", "monthly").to_string(),
        (Per::Quarter, Lang::Zh) => format!("{y}年第{}季度", period.first.month0() / 3 + 1),
        (Per::Quarter, Lang::En) => format!("{y} Q{}", period.first.month0() / 3 + 1),
        (Per::Year, Lang::Zh) => format!("{y}年"),
        (Per::Year, Lang::En) => y.to_string(),
    };
    match lang {
        Lang::Zh => format!("{name}（{when}）"),
        Lang::En => format!("{name} ({when})"),
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

/// Under the problems by source of the monthly summary: the resolution
/// rate of petition items (信访事项化解率), which is the rectification rate
/// of the petition row, with its counts.
pub fn petition_note(rate: &str, rectified: u64, problems: u64, lang: Lang) -> String {
    tr!(
        lang,
        "信访事项化解率（群众信访问题的整改率）为 {rate}：截至统计日期共 {problems} 件，已化解 {rectified} 件。",
        "Resolution rate of petition items (信访事项化解率), the rectification rate of the petition row: {rate} ({rectified} of {problems} resolved by the as-of date)."
    )
}

/// Under the units with the most overdue problems: how many units have
/// one, how many are listed, and where all units are.
pub fn units_note(listed: usize, overdue: usize, units: usize, sheet: &str, lang: Lang) -> String {
    let cut = if listed < overdue {
        tr!(
            lang,
            "，此处列出逾期最多的 {listed} 个",
            ", the {listed} with the most listed here"
        )
    } else {
        String::new()
    };
    let have = plural(overdue, "responsible unit has", "responsible units have");
    let all = plural(units, "unit", "units");
    tr!(
        lang,
        "共 {overdue} 个责任单位有逾期问题{cut}；全部 {units} 个责任单位的问题情况见本月报 Excel 工作簿（xlsx）的“{sheet}”工作表。",
        "{overdue} {have} an overdue problem{cut}; the problems of all {units} {all} are on the sheet “{sheet}” of this summary's Excel workbook (xlsx)."
    )
}

/// On top of the sheet of units of the monthly summary: the order, and
/// how many have an overdue problem.
pub fn units_ranked(overdue: usize, units: usize, lang: Lang) -> String {
    let which = plural(units, "responsible unit", "responsible units");
    let have = plural(overdue, "has", "have");
    tr!(
        lang,
        "共 {units} 个责任单位，按逾期问题数从多到少排列，其中 {overdue} 个有逾期问题。",
        "{units} {which}, the most overdue problems first; {overdue} of them {have} an overdue problem."
    )
}

/// Under a list shown whole: how many it holds.
pub fn listed_all(total: usize, lang: Lang) -> String {
    tr!(lang, "共 {total} 条。", "{total} in all.")
}

/// Under the ratings of the monthly summary: which year they are, and
/// what "rated" counts.
pub fn ratings_note(year: Year, lang: Lang) -> String {
    tr!(
        lang,
        "{year} 年度评星结果（数据中最近的年度）；没有评星记录或评为 0 星的村（社区）计为未评星，三星以上占比按已评星村计算。",
        "The ratings of {year}, the latest year in the data; a village with no rating, or rated 0, is not rated, and the share of three stars or more is of the rated ones."
    )
}

/// The reviews of a year in sum: how many cadres, and the rate of all
/// their votes (`96.6%`).
pub fn reviews_sum(year: Year, cadres: usize, rate: &str, lang: Lang) -> String {
    tr!(
        lang,
        "{year} 年度（数据中最近的年度）共评议帮联干部 {cadres} 名，满意和基本满意票占全部票数的 {rate}。",
        "In {year}, the latest year in the data, {cadres} cadres were reviewed; {rate} of all votes were satisfied or basically satisfied."
    )
}

/// Under the cadres below the review threshold: the reviews in sum
/// ([`reviews_sum`]), the threshold (`80.0%`) and how many.
pub fn reviews_below_note(sum: &str, threshold: &str, count: usize, lang: Lang) -> String {
    tr!(
        lang,
        "{sum}满意率低于 {threshold} 的干部共 {count} 名，满意率低的在前。",
        "{sum} {count} cadres have a rate below {threshold}, lowest first."
    )
}

/// No cadre is below the review threshold.
pub fn none_below(sum: &str, threshold: &str, lang: Lang) -> String {
    tr!(
        lang,
        "{sum}没有干部的满意率低于 {threshold}。",
        "{sum} No cadre's rate is below {threshold}."
    )
}

/// Under the targets of the monthly summary: how many are met.
pub fn targets_note(met: usize, all: usize, lang: Lang) -> String {
    tr!(
        lang,
        "共 {all} 项目标，达标 {met} 项。比率和“不多于”的目标逐县（区）比较，列出未达标的县（区）；评议满意率列出低于目标的干部。",
        "{met} of {all} targets met. Rates and at-most targets are compared county by county, naming the counties that miss them; the review rate names the cadres below it."
    )
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
