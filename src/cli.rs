//! The command line, in one place: clap derive structs, and their
//! conversion into the typed options the commands take.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::date;
use crate::i18n::Lang;
use crate::metrics::{By, Period};
use crate::model::Date;
use crate::render::{FindingFormat, Format};
use crate::report::monthly::MonthlyRequest;
use crate::report::{ReportJob, Request, Which};

/// 联乡帮村台账检查与统计 — check and report on 联乡帮村 records.
#[derive(Debug, Parser)]
#[command(name = "bangcun", version, about, long_about = None)]
pub struct Cli {
    /// Data folder [default: $BANGCUN_DATA, the nearest folder holding
    /// bangcun.toml, or ./data] (数据目录)
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,

    /// Language of labels and messages: zh or en [default: lang in
    /// bangcun.toml, else zh] (语言)
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_lang)]
    pub lang: Option<Lang>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate every record and list what is wrong (检查台账)
    Check(CheckArgs),
    /// Make a new data folder: bangcun.toml and the CSV files with headers
    /// (新建数据目录)
    Init(InitArgs),
    /// Reports: 两率一度 per county, overdue problems, revisits, work-day
    /// attendance, coverage (统计报表)
    Report(ReportArgs),
    /// Rewrite the CSV data files in one canonical form, for clean git
    /// diffs; files with errors are left alone (规范化数据文件)
    Fmt(FmtArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Output format (输出格式)
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    pub format: FormatArg,

    /// Fail (exit 1) on warnings too (警告也视为失败)
    #[arg(long)]
    pub deny_warnings: bool,

    /// Take DATE as today, for the future-date check [default: today]
    /// (以该日期为今天)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<Date>,

    /// List the checks and exit (列出所有检查项)
    #[arg(long)]
    pub list: bool,

    /// Check everything, but report only findings in files changed since
    /// the git revision REV (committed, staged, unstaged or untracked)
    /// (只报告自 REV 以来改动过的文件中的问题)
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder to make (created if missing) [default: .] (目录)
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Change nothing: list the files that are not in canonical form, and
    /// exit 1 if there are any (只检查，不改写)
    #[arg(long)]
    pub check: bool,
}

/// `--format` of `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// rustc-like text for people
    Human,
    /// One JSON document for scripts
    Json,
    /// GitHub Actions workflow commands (annotations)
    Github,
}

impl From<FormatArg> for FindingFormat {
    fn from(arg: FormatArg) -> Self {
        match arg {
            FormatArg::Human => FindingFormat::Human,
            FormatArg::Json => FindingFormat::Json,
            FormatArg::Github => FindingFormat::Github,
        }
    }
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(subcommand)]
    pub report: ReportCommand,
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// One row per county and a total row with every figure: 两率一度,
    /// attendance, visits, coverage (两率一度汇总)
    Summary {
        /// One row per county or per township (汇总单位)
        #[arg(long, value_enum, default_value_t = ByArg::County)]
        by: ByArg,
        #[command(flatten)]
        common: ReportCommon,
    },
    /// Problems past their deadline and not rectified, most overdue first
    /// (逾期未整改问题)
    Overdue {
        #[command(flatten)]
        county: CountyArg,
        #[command(flatten)]
        common: ReportCommon,
    },
    /// Rectified problems not verified within the revisit days (回访滞后问题)
    Revisits {
        #[command(flatten)]
        county: CountyArg,
        #[command(flatten)]
        common: ReportCommon,
    },
    /// Work days due, attended and missed per cadre (工作日到岗情况)
    Attendance {
        /// One row per missed work day instead (未到岗明细)
        #[arg(long)]
        missing: bool,
        #[command(flatten)]
        county: CountyArg,
        #[command(flatten)]
        common: ReportCommon,
    },
    /// Townships and villages with no active cadre, per county (未覆盖的乡镇和村)
    Coverage {
        #[command(flatten)]
        county: CountyArg,
        #[command(flatten)]
        common: ReportCommon,
    },
    /// The monthly summary for leaders: headline figures against the
    /// previous month, counties, a six-month trend, and the lists that need
    /// attention; Markdown, HTML, xlsx or JSON (工作月报)
    Monthly(MonthlyArgs),
}

/// `--county` of the listings.
#[derive(Debug, Args)]
pub struct CountyArg {
    /// Only this county, by code or name (只看该县区)
    #[arg(long, value_name = "CODE")]
    pub county: Option<String>,
}

/// The options every report takes.
#[derive(Debug, Args)]
pub struct ReportCommon {
    /// Compute as of DATE: later records do not exist yet [default: today]
    /// (数据截至日期)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<Date>,

    /// Period: one month, such as 2026-03 (统计月份)
    #[arg(long, value_name = "YYYY-MM", value_parser = parse_month,
          conflicts_with_all = ["year", "from", "to"])]
    pub month: Option<Date>,

    /// Period: one year (统计年度)
    #[arg(long, value_name = "YYYY", value_parser = clap::value_parser!(i32).range(1000..=9999),
          conflicts_with_all = ["from", "to"])]
    pub year: Option<i32>,

    /// Period: from this day [default: the month of the earliest visit]
    /// (开始日期)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub from: Option<Date>,

    /// Period: to this day [default: the as-of date] (结束日期)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub to: Option<Date>,

    /// Output format [default: by the extension of -o, else table] (输出格式)
    #[arg(long, value_enum)]
    pub format: Option<ReportFormatArg>,

    /// Write to FILE (atomically) instead of standard output (输出到文件)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Refuse (exit 1) when the data has errors, instead of leaving the
    /// records with errors out (数据有错误时不出报表)
    #[arg(long)]
    pub strict: bool,
}

/// The options of `report monthly`: those of the other reports, less the
/// periods other than a month, and its own formats.
#[derive(Debug, Args)]
pub struct MonthlyArgs {
    /// The month [default: the last complete month] (统计月份)
    #[arg(long, value_name = "YYYY-MM", value_parser = parse_month)]
    pub month: Option<Date>,

    /// Compute as of DATE: later records do not exist yet [default: today]
    /// (数据截至日期)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<Date>,

    /// Output format [default: by the extension of -o, else markdown]
    /// (输出格式)
    #[arg(long, value_enum)]
    pub format: Option<MonthlyFormatArg>,

    /// Write to FILE (atomically) instead of standard output (输出到文件)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Refuse (exit 1) when the data has errors, instead of leaving the
    /// records with errors out (数据有错误时不出报表)
    #[arg(long)]
    pub strict: bool,
}

/// `--format` of `report monthly`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum MonthlyFormatArg {
    /// Markdown, to paste into a report or a merge request
    Markdown,
    /// One self-contained HTML file with charts, for A4 print
    Html,
    /// An Excel workbook, a sheet per table (needs -o FILE or a redirect)
    Xlsx,
    /// One JSON document with every figure, for programs
    Json,
}

impl From<MonthlyFormatArg> for Format {
    fn from(arg: MonthlyFormatArg) -> Format {
        match arg {
            MonthlyFormatArg::Markdown => Format::Markdown,
            MonthlyFormatArg::Html => Format::Html,
            MonthlyFormatArg::Xlsx => Format::Xlsx,
            MonthlyFormatArg::Json => Format::Json,
        }
    }
}

impl From<MonthlyArgs> for MonthlyRequest {
    fn from(args: MonthlyArgs) -> MonthlyRequest {
        MonthlyRequest {
            month: args.month,
            as_of: args.as_of,
            format: args.format.map(Format::from),
            output: args.output,
            strict: args.strict,
        }
    }
}

/// `--by` of `report summary`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ByArg {
    County,
    Township,
}

/// `--format` of reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormatArg {
    /// Aligned columns for people
    Table,
    /// CSV with stable keys for programs
    Csv,
    /// One JSON document for programs
    Json,
    /// A Markdown table for documents
    Markdown,
    /// One self-contained HTML page, for A4 print
    Html,
    /// An Excel workbook (needs -o FILE or a redirect)
    Xlsx,
}

impl From<ReportFormatArg> for Format {
    fn from(arg: ReportFormatArg) -> Format {
        match arg {
            ReportFormatArg::Table => Format::Table,
            ReportFormatArg::Csv => Format::Csv,
            ReportFormatArg::Json => Format::Json,
            ReportFormatArg::Markdown => Format::Markdown,
            ReportFormatArg::Html => Format::Html,
            ReportFormatArg::Xlsx => Format::Xlsx,
        }
    }
}

impl From<ReportArgs> for ReportJob {
    fn from(args: ReportArgs) -> ReportJob {
        let (which, county, common) = match args.report {
            ReportCommand::Monthly(monthly) => return ReportJob::Monthly(monthly.into()),
            ReportCommand::Summary { by, common } => {
                let by = match by {
                    ByArg::County => By::County,
                    ByArg::Township => By::Township,
                };
                (Which::Summary(by), None, common)
            }
            ReportCommand::Overdue { county, common } => (Which::Overdue, county.county, common),
            ReportCommand::Revisits { county, common } => (Which::Revisits, county.county, common),
            ReportCommand::Attendance {
                missing,
                county,
                common,
            } => {
                let which = if missing {
                    Which::MissedWorkdays
                } else {
                    Which::Attendance
                };
                (which, county.county, common)
            }
            ReportCommand::Coverage { county, common } => (Which::Coverage, county.county, common),
        };
        let period = match (common.month, common.year) {
            (Some(first), _) => Period::Month(first),
            (None, Some(year)) => Period::Year(year),
            (None, None) if common.from.is_some() || common.to.is_some() => Period::Range {
                from: common.from,
                to: common.to,
            },
            (None, None) => Period::Whole,
        };
        ReportJob::Table(Request {
            which,
            period,
            as_of: common.as_of,
            county,
            format: common.format.map(Format::from),
            output: common.output,
            strict: common.strict,
        })
    }
}

fn parse_lang(text: &str) -> Result<Lang, String> {
    text.parse()
}

/// A month: `2026-03`, also `2026-3`, `2026/3`, `2026.3` or `2026年3月`;
/// its first day.
pub fn parse_month(text: &str) -> Result<Date, String> {
    let t = text.trim();
    let t = t.strip_suffix('月').unwrap_or(t);
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    t.split_once(['-', '/', '.', '年'])
        .filter(|(y, m)| y.len() == 4 && m.len() <= 2 && digits(y) && digits(m))
        .and_then(|(y, m)| Date::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, 1))
        .ok_or_else(|| format!("\"{text}\" is not a month such as 2026-03"))
}

/// Dates on the command line take the same forms as in the data.
pub fn parse_date(text: &str) -> Result<Date, String> {
    date::parse(text.trim()).ok_or_else(|| format!("\"{text}\" is not a date such as 2026-03-10"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn global_options_go_anywhere() {
        let cli = Cli::try_parse_from(["bangcun", "check", "--lang", "en", "--data", "d"]).unwrap();
        assert_eq!(cli.lang, Some(Lang::En));
        assert_eq!(cli.data, Some(PathBuf::from("d")));
    }

    #[test]
    fn months_in_several_forms() {
        let march = Date::from_ymd_opt(2026, 3, 1).unwrap();
        for text in ["2026-03", "2026-3", "2026/3", "2026.03", "2026年3月"] {
            assert_eq!(parse_month(text), Ok(march), "{text}");
        }
        for text in ["2026-13", "26-03", "2026", "2026-03-01", "2026-+3", "March"] {
            assert!(parse_month(text).is_err(), "{text}");
        }
    }

    fn job(args: &[&str]) -> ReportJob {
        let cli = Cli::try_parse_from(args).unwrap();
        match cli.command {
            Command::Report(args) => args.into(),
            other => panic!("{other:?}"),
        }
    }

    fn request(args: &[&str]) -> Request {
        match job(args) {
            ReportJob::Table(request) => request,
            other => panic!("{other:?}"),
        }
    }

    fn monthly(args: &[&str]) -> MonthlyRequest {
        match job(args) {
            ReportJob::Monthly(request) => request,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn monthly_options_become_a_request() {
        let r = monthly(&["bangcun", "report", "monthly", "--month", "2026-10"]);
        assert_eq!(r.month, Date::from_ymd_opt(2026, 10, 1));
        assert_eq!((r.as_of, r.format), (None, None));
        // The extension of -o is weighed by the command, against --format.
        let r = monthly(&[
            "bangcun", "report", "monthly", "--format", "json", "-o", "m.html",
        ]);
        assert_eq!(r.format, Some(Format::Json));
        assert_eq!(r.output, Some(PathBuf::from("m.html")));
        // Only a month: no other period.
        let year = ["bangcun", "report", "monthly", "--year", "2026"];
        assert_eq!(Cli::try_parse_from(year).unwrap_err().exit_code(), 2);
        let table = ["bangcun", "report", "monthly", "--format", "table"];
        assert!(Cli::try_parse_from(table).is_err());
    }

    #[test]
    fn report_options_become_a_request() {
        let r = request(&[
            "bangcun", "report", "summary", "--by", "township", "--year", "2026",
        ]);
        assert_eq!(r.which, Which::Summary(By::Township));
        assert_eq!(r.period, Period::Year(2026));
        assert_eq!(r.format, None);
        let r = request(&[
            "bangcun",
            "report",
            "attendance",
            "--missing",
            "-o",
            "m.csv",
        ]);
        assert_eq!(r.which, Which::MissedWorkdays);
        assert_eq!(r.period, Period::Whole);
        assert_eq!(r.format, None);
        let r = request(&["bangcun", "report", "coverage", "--format", "xlsx"]);
        assert_eq!(r.format, Some(Format::Xlsx));
        let r = request(&["bangcun", "report", "overdue", "--to", "2026-03-31"]);
        assert_eq!(
            r.period,
            Period::Range {
                from: None,
                to: Date::from_ymd_opt(2026, 3, 31)
            }
        );
    }

    #[test]
    fn one_period_at_a_time() {
        let two = [
            "bangcun", "report", "summary", "--month", "2026-03", "--year", "2026",
        ];
        assert_eq!(Cli::try_parse_from(two).unwrap_err().exit_code(), 2);
        let mixed = [
            "bangcun",
            "report",
            "summary",
            "--year",
            "2026",
            "--from",
            "2026-01-01",
        ];
        assert!(Cli::try_parse_from(mixed).is_err());
    }

    #[test]
    fn bad_dates_are_usage_errors() {
        let err = Cli::try_parse_from(["bangcun", "check", "--as-of", "March"]).unwrap_err();
        assert_eq!(err.exit_code(), 2);
    }
}
