//! The command line, in one place: clap derive structs, their conversion
//! into the typed options the commands take, and the parsing itself in the
//! user's language. The language is picked before clap parses
//! ([`lang_before_parsing`]: `--lang`, else the data folder's `lang`);
//! [`command`] then gives every command and argument its help from the
//! one table of them (`help.rs`), and a usage error is told in that
//! language too (`usage.rs`). The structs carry no help of their own.

mod help;
mod usage;

use std::ffi::OsString;
use std::path::PathBuf;

use chrono::Datelike;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::date;
use crate::lang::{Lang, tr};
use crate::metrics::problems::{Filter, Finder, Status};
use crate::metrics::{By, Period};
use crate::model::{Date, Enumeration, RegionLevel, Source, Year};
use crate::render::findings::{self, FindingFormat};
use crate::render::{DocKind, Format};
use crate::report::monthly::MonthlyRequest;
use crate::report::problems::Split;
use crate::report::{Request, Which};

/// The whole command line. Its help, and that of every command and
/// argument below, is the table's in `help.rs`, set by [`command`].
#[derive(Debug, Parser)]
#[command(name = "bangcun", version)]
pub struct Cli {
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,

    #[arg(long, global = true, value_name = "LANG", value_parser = parse_lang)]
    pub lang: Option<Lang>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Check(CheckArgs),
    Init(InitArgs),
    Report(ReportArgs),
    Fmt(FmtArgs),
    Import(ImportArgs),
    Cat(CatArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[arg(long, value_name = "FORMAT", default_value = findings::FORMATS[0].name(),
          value_parser = finding_format())]
    pub format: &'static dyn FindingFormat,

    #[arg(long)]
    pub deny_warnings: bool,

    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<Date>,

    #[arg(long)]
    pub list: bool,

    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
    #[arg(long, value_enum, value_name = "PROGRAMME")]
    pub preset: Option<Preset>,
}

/// `init --preset`: the programmes of the source documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Preset {
    Xuchang,
    Weidu,
    Qinzhou,
}

#[derive(Debug, Args)]
pub struct FmtArgs {
    #[arg(long)]
    pub check: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,

    #[arg(long, value_name = "KIND", value_parser = kind_arg())]
    pub kind: Option<crate::model::Kind>,
}

#[derive(Debug, Args)]
pub struct CatArgs {
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    #[arg(long, value_name = "KIND", value_parser = kind_arg())]
    pub kind: Option<crate::model::Kind>,
}

/// `--kind` of `import` and `cat`: a kind by its file name.
fn kind_arg() -> impl TypedValueParser<Value = crate::model::Kind> {
    use crate::model::Kind;
    let names = Kind::ALL.map(|k| k.plural());
    PossibleValuesParser::new(names).map(|name| {
        Kind::ALL
            .into_iter()
            .find(|k| k.plural() == name)
            .unwrap_or(Kind::ALL[0])
    })
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(subcommand)]
    pub report: ReportCommand,
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    Summary {
        #[arg(long, value_enum, value_name = "BY", default_value_t = SummaryBy::County)]
        by: SummaryBy,
        #[command(flatten)]
        common: ReportCommon,
    },
    Overdue {
        #[command(flatten)]
        county: CountyArg,
        #[command(flatten)]
        common: ReportCommon,
    },
    Revisits {
        #[command(flatten)]
        county: CountyArg,
        #[command(flatten)]
        common: ReportCommon,
    },
    Attendance {
        #[arg(long)]
        missing: bool,
        #[command(flatten)]
        county: CountyArg,
        #[command(flatten)]
        common: ReportCommon,
    },
    Coverage {
        #[command(flatten)]
        county: CountyArg,
        #[command(flatten)]
        common: ReportCommon,
    },
    Quotas {
        #[arg(long)]
        missing: bool,
        #[arg(long, value_name = "NAME")]
        quota: Option<String>,
        #[command(flatten)]
        county: CountyArg,
        #[command(flatten)]
        common: ReportCommon,
    },
    Ratings {
        #[arg(long, value_enum, value_name = "BY", default_value_t = ByArg::County)]
        by: ByArg,
        #[command(flatten)]
        common: YearCommon,
    },
    Reviews {
        #[arg(long, value_name = "RATE", value_parser = parse_rate)]
        below: Option<f64>,
        #[command(flatten)]
        common: YearCommon,
    },
    Problems(ProblemsArgs),
    Monthly(MonthlyArgs),
}

/// The options of the reports of a year (ratings, reviews): the year, and
/// where the report goes.
#[derive(Debug, Args)]
pub struct YearCommon {
    #[arg(long, value_name = "YYYY", value_parser = parse_year)]
    pub year: Option<i32>,

    #[arg(long, value_name = "FORMAT", value_parser = format_of(DocKind::Tables))]
    pub format: Option<Format>,

    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,

    #[arg(long)]
    pub strict: bool,
}

impl YearCommon {
    /// The report of a year as a job: the whole data as of today (a
    /// year's report reads no period).
    fn job(self, which: impl FnOnce(Option<Year>) -> Which) -> ReportJob {
        let year = self.year.and_then(|y| Year::of(i64::from(y)));
        let request = Request {
            which: which(year),
            period: Period::Whole,
            as_of: None,
            county: None,
            filter: Filter::default(),
            split: None,
            quota: None,
        };
        let to = Output {
            format: self.format,
            path: self.output,
            strict: self.strict,
        };
        ReportJob::Table(request, to)
    }
}

/// The options of `report problems`: the filters of the ledger and the
/// split, then those of every report.
#[derive(Debug, Args)]
pub struct ProblemsArgs {
    #[arg(long, value_name = "STATUS", value_delimiter = ',', value_parser = status_arg())]
    pub status: Vec<Status>,
    #[command(flatten)]
    pub county: CountyArg,
    #[arg(long, value_name = "UNIT")]
    pub unit: Option<String>,
    #[arg(long, value_name = "CATEGORY")]
    pub category: Option<String>,
    #[arg(long, value_name = "SOURCE", value_parser = source_arg())]
    pub source: Option<Source>,
    #[arg(long, value_name = "LEVEL", value_delimiter = ',', value_parser = level_arg())]
    pub level: Vec<Finder>,
    #[arg(long, value_name = "AT", value_parser = at_arg())]
    pub at: Option<RegionLevel>,
    #[arg(long, value_name = "BY", value_parser = split_arg())]
    pub split: Option<Split>,
    #[command(flatten)]
    pub common: ReportCommon,
}

/// `--status`: the status words.
fn status_arg() -> impl TypedValueParser<Value = Status> {
    PossibleValuesParser::new(Status::ALL.map(Status::key)).map(|word| {
        Status::ALL
            .into_iter()
            .find(|s| s.key() == word)
            .unwrap_or(Status::Open)
    })
}

/// `--level`: the level of the cadre who found a problem, or `none`.
fn level_arg() -> impl TypedValueParser<Value = Finder> {
    PossibleValuesParser::new(Finder::ALL.map(Finder::key)).map(|word| {
        Finder::ALL
            .into_iter()
            .find(|l| l.key() == word)
            .unwrap_or(Finder::None)
    })
}

/// `--source`: how a problem came to the ledger.
fn source_arg() -> impl TypedValueParser<Value = Source> {
    PossibleValuesParser::new(["cadre", "inspection", "petition"])
        .map(|word| Source::parse(&word).unwrap_or(Source::Cadre))
}

/// `--at`: the level of a problem's place.
fn at_arg() -> impl TypedValueParser<Value = RegionLevel> {
    PossibleValuesParser::new(["township", "village"]).map(|word| match word.as_str() {
        "township" => RegionLevel::Township,
        _ => RegionLevel::Village,
    })
}

/// `--split`: one table per responsible unit or county.
fn split_arg() -> impl TypedValueParser<Value = Split> {
    PossibleValuesParser::new(["unit", "county"]).map(|word| match word.as_str() {
        "unit" => Split::Unit,
        _ => Split::County,
    })
}

/// `--county` of the listings.
#[derive(Debug, Args)]
pub struct CountyArg {
    #[arg(long, value_name = "CODE")]
    pub county: Option<String>,
}

/// The options every report takes.
#[derive(Debug, Args)]
pub struct ReportCommon {
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<Date>,

    #[arg(long, value_name = "YYYY-MM", value_parser = parse_month,
          conflicts_with_all = ["year", "from", "to"])]
    pub month: Option<Date>,

    #[arg(long, value_name = "YYYY", value_parser = parse_year,
          conflicts_with_all = ["from", "to"])]
    pub year: Option<i32>,

    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub from: Option<Date>,

    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub to: Option<Date>,

    #[arg(long, value_name = "FORMAT", value_parser = format_of(DocKind::Tables))]
    pub format: Option<Format>,

    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,

    #[arg(long)]
    pub strict: bool,
}

/// The options of `report monthly`: those of the other reports, less the
/// periods other than a month, and its own formats.
#[derive(Debug, Args)]
pub struct MonthlyArgs {
    #[arg(long, value_name = "YYYY-MM", value_parser = parse_month)]
    pub month: Option<Date>,

    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<Date>,

    #[arg(long, value_name = "RATE", value_parser = parse_rate)]
    pub below: Option<f64>,

    #[arg(long, value_name = "FORMAT", value_parser = format_of(DocKind::Monthly))]
    pub format: Option<Format>,

    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,

    #[arg(long)]
    pub strict: bool,
}

impl From<MonthlyArgs> for ReportJob {
    fn from(args: MonthlyArgs) -> ReportJob {
        let request = MonthlyRequest {
            month: args.month,
            as_of: args.as_of,
            below: args.below,
        };
        let to = Output {
            format: args.format,
            path: output_file(args.output),
            strict: args.strict,
        };
        ReportJob::Monthly(request, to)
    }
}

/// What `bangcun report …` asks for: one of the tables, or the monthly
/// summary, and where it goes.
#[derive(Clone, Debug, PartialEq)]
pub enum ReportJob {
    Table(Request, Output),
    Monthly(MonthlyRequest, Output),
}

/// Where a document goes, in which format, and whether data with errors
/// refuses it: the command's options, apart from the report's own (as
/// hledger keeps them in its `CliOptions`, away from `ReportOptions`).
#[derive(Clone, Debug, PartialEq)]
pub struct Output {
    /// `--format`; when absent, by the extension of `-o FILE`, else the
    /// document's first format.
    pub format: Option<Format>,
    /// `-o FILE`: written atomically; standard output when absent (or
    /// `-o -`).
    pub path: Option<PathBuf>,
    /// `--strict`: refuse (exit 1) when the data has errors.
    pub strict: bool,
}

/// `-o FILE` as the file to write: `-o -` is standard output, as for most
/// tools, not a file named `-`.
fn output_file(path: Option<PathBuf>) -> Option<PathBuf> {
    path.filter(|p| p.as_os_str() != "-")
}

/// `--by` of `report ratings`: a county or township per row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ByArg {
    County,
    Township,
}

/// `--by` of `report summary`: a county or township per row, or the
/// problem figures per category, source, responsible unit or level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SummaryBy {
    County,
    Township,
    Category,
    Source,
    Unit,
    Level,
}

impl From<ByArg> for By {
    fn from(by: ByArg) -> By {
        match by {
            ByArg::County => By::County,
            ByArg::Township => By::Township,
        }
    }
}

impl From<ReportArgs> for ReportJob {
    fn from(args: ReportArgs) -> ReportJob {
        let (mut filter, mut split) = (Filter::default(), None);
        let mut quota = None;
        let (which, county, common) = match args.report {
            ReportCommand::Monthly(monthly) => return monthly.into(),
            ReportCommand::Problems(p) => {
                filter = Filter {
                    status: p.status,
                    county: None,
                    unit: p.unit,
                    category: p.category,
                    source: p.source,
                    level: p.level,
                    at: p.at,
                };
                split = p.split;
                (Which::Problems, p.county.county, p.common)
            }
            ReportCommand::Ratings { by, common } => {
                let by = by.into();
                return common.job(|year| Which::Ratings { by, year });
            }
            ReportCommand::Reviews { below, common } => {
                return common.job(|year| Which::Reviews { year, below });
            }
            ReportCommand::Summary { by, common } => {
                use crate::metrics::groups::Grouping;
                let which = match by {
                    SummaryBy::County => Which::Summary(By::County),
                    SummaryBy::Township => Which::Summary(By::Township),
                    SummaryBy::Category => Which::SummaryByGroup(Grouping::Category),
                    SummaryBy::Source => Which::SummaryByGroup(Grouping::Source),
                    SummaryBy::Unit => Which::SummaryByGroup(Grouping::Unit),
                    SummaryBy::Level => Which::SummaryByGroup(Grouping::Level),
                };
                (which, None, common)
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
            ReportCommand::Quotas {
                missing,
                quota: name,
                county,
                common,
            } => {
                quota = name;
                let which = if missing {
                    Which::MissedQuotas
                } else {
                    Which::Quotas
                };
                (which, county.county, common)
            }
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
        let request = Request {
            which,
            period,
            as_of: common.as_of,
            county,
            filter,
            split,
            quota,
        };
        let to = Output {
            format: common.format,
            path: output_file(common.output),
            strict: common.strict,
        };
        ReportJob::Table(request, to)
    }
}

/// A value on the command line that its option does not take.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ValueError {
    Lang(String),
    Month(String),
    Date(String),
    Year(String),
    Rate(String),
    /// A date, month or year well formed, but with a year outside
    /// 1900..=2099, which no date in the data can have (docs/data.md).
    OutOfRange(String),
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
            ValueError::Rate(v) => tr!(
                lang,
                "“{v}”不是比率，应为 0 到 1 之间的小数（如 0.8）或百分数（如 80%）",
                "\"{v}\" is not a rate: a fraction from 0 to 1 (0.8) or a percentage (80%)"
            ),
            ValueError::OutOfRange(v) => tr!(
                lang,
                "“{v}”超出范围：年份应在 1900 到 2099 之间（与数据中的日期相同）",
                "\"{v}\" is out of range: the year must be from 1900 to 2099, as in the data"
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

/// `--format` of `check`: one of the formats of findings.
fn finding_format() -> impl TypedValueParser<Value = &'static dyn FindingFormat> {
    let names = findings::FORMATS.map(|f| f.name());
    PossibleValuesParser::new(names)
        .map(|name| findings::format_named(&name).unwrap_or(findings::FORMATS[0]))
}

/// `--format` of a report: one of the formats of its document.
fn format_of(doc: DocKind) -> impl TypedValueParser<Value = Format> {
    let formats = doc.formats();
    let names: Vec<&'static str> = formats.iter().map(|f| f.name()).collect();
    PossibleValuesParser::new(names).map(move |name| {
        formats
            .iter()
            .copied()
            .find(|f| f.name() == name)
            .unwrap_or(formats[0])
    })
}

fn parse_lang(text: &str) -> Result<Lang, ValueError> {
    text.parse().map_err(|_| ValueError::Lang(text.to_string()))
}

/// A month: `2026-03`, also `2026-3`, `2026/3`, `2026.3` or `2026年3月`;
/// its first day.
pub fn parse_month(text: &str) -> Result<Date, ValueError> {
    let t = text.trim();
    let t = t.strip_suffix('月').unwrap_or(t);
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    t.split_once(['-', '/', '.', '年'])
        .filter(|(y, m)| y.len() == 4 && m.len() <= 2 && digits(y) && digits(m))
        .and_then(|(y, m)| date::ymd(y.parse().ok()?, m.parse().ok()?, 1))
        .ok_or_else(|| {
            out_of_range(text, parse_month).unwrap_or(ValueError::Month(text.to_string()))
        })
}

/// Dates on the command line take the same forms as in the data.
pub fn parse_date(text: &str) -> Result<Date, ValueError> {
    date::parse(text.trim())
        .ok_or_else(|| out_of_range(text, parse_date).unwrap_or(ValueError::Date(text.to_string())))
}

/// A rate for `--below`: a fraction from 0 to 1 (`0.8`) or a percentage
/// (`80%`).
fn parse_rate(text: &str) -> Result<f64, ValueError> {
    let t = text.trim();
    let rate = match t.strip_suffix('%') {
        Some(percent) => percent.trim().parse::<f64>().ok().map(|p| p / 100.0),
        None => t.parse::<f64>().ok(),
    };
    rate.filter(|r| (0.0..=1.0).contains(r))
        .ok_or_else(|| ValueError::Rate(text.to_string()))
}

/// A year of four digits.
/// A year of four digits, from 1900 to 2099 as the dates.
fn parse_year(text: &str) -> Result<i32, ValueError> {
    parse_month(&format!("{}-01", text.trim()))
        .map(|first| first.year())
        .map_err(|e| match e {
            ValueError::OutOfRange(_) => ValueError::OutOfRange(text.to_string()),
            _ => ValueError::Year(text.to_string()),
        })
}

/// [`ValueError::OutOfRange`] when `text` is refused by `parse` only for
/// its year: it begins with four digits, and would be taken with the year
/// 2000 in their place. `--year`, `--month`, `--from`, `--to` and `--as-of`
/// so take the same years and say the same when one is out.
fn out_of_range<T>(text: &str, parse: fn(&str) -> Result<T, ValueError>) -> Option<ValueError> {
    let t = text.trim();
    let year = t
        .get(..4)
        .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))?;
    let in_range = (1900..=2099).contains(&year.parse::<u32>().ok()?);
    (!in_range && parse(&format!("2000{}", &t[4..])).is_ok())
        .then(|| ValueError::OutOfRange(text.to_string()))
}

// ─────────────────────────────────────────────────────────────────────────
// Parsing in the user's language.
// ─────────────────────────────────────────────────────────────────────────

/// The language of help and usage errors, known before clap parses:
/// `--lang` (or `--lang=`) on the command line, else `lang` in the
/// `bangcun.toml` of the data folder when one is found (from `--data`,
/// `BANGCUN_DATA`, the current folder and its parents, `./data`), else
/// Chinese. A value that is no language is left for clap to refuse.
pub fn lang_before_parsing(args: &[OsString]) -> Lang {
    let mut data = None;
    let mut args = args.iter().skip(1);
    while let Some(arg) = args.next() {
        let Some(arg) = arg.to_str() else { continue };
        let value = match arg {
            "--" => break,
            "--lang" => args.next().and_then(|v| v.to_str()),
            "--data" => {
                data = args.next().map(PathBuf::from);
                continue;
            }
            _ => {
                if let Some(dir) = arg.strip_prefix("--data=") {
                    data = Some(PathBuf::from(dir));
                }
                arg.strip_prefix("--lang=")
            }
        };
        if let Some(lang) = value.and_then(|v| v.parse().ok()) {
            return lang;
        }
    }
    config_lang(data.as_deref()).unwrap_or_default()
}

/// `lang` in the data folder's `bangcun.toml`, if a folder is found and
/// says one: read as `check` reads it, at the cost of one small file.
fn config_lang(data: Option<&std::path::Path>) -> Option<Lang> {
    let cwd = std::env::current_dir().ok()?;
    let env = std::env::var_os("BANGCUN_DATA");
    let dir = crate::load::find_data_dir(data, env.as_deref(), &cwd, Lang::default()).ok()?;
    let bytes = std::fs::read(dir.join(crate::load::CONFIG_FILE)).ok()?;
    let decoded = crate::load::decode(&bytes).ok()?;
    crate::config::parse(&decoded.text, crate::model::FileId(0))
        .0
        .lang
}

pub use help::command;

/// Parses `args` with help and usage errors in `lang`. The error is
/// clap's (help and version are "errors" too), for [`print_error`].
pub fn parse(args: Vec<OsString>, lang: Lang) -> Result<Cli, clap::Error> {
    let matches = command(lang).try_get_matches_from(args)?;
    Cli::from_arg_matches(&matches)
}

/// Prints what clap stopped at: help or the version on stdout, a usage
/// error on stderr, in `lang`; its exit status (0 for help, 2 for a usage
/// error).
pub fn print_error(err: clap::Error, lang: Lang) -> u8 {
    let code = u8::try_from(err.exit_code()).unwrap_or(2);
    // A closed pipe (`bangcun --help | head`) cuts the help short: no
    // error of its own.
    let _ = match lang {
        Lang::En => err.print(),
        Lang::Zh => err.apply::<usage::Chinese>().print(),
    };
    code
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
        command(Lang::Zh).debug_assert();
        command(Lang::En).debug_assert();
    }

    /// Every command under `cmd` (itself first), with its path.
    fn commands(cmd: &clap::Command, path: String, out: &mut Vec<(String, clap::Command)>) {
        out.push((path.clone(), cmd.clone()));
        for sub in cmd.get_subcommands() {
            let sub_path = format!("{path} {}", sub.get_name()).trim().to_string();
            commands(sub, sub_path, out);
        }
    }

    #[test]
    fn every_command_and_argument_has_help_in_both_languages() {
        for lang in [Lang::Zh, Lang::En] {
            let mut all = Vec::new();
            commands(&command(lang), String::new(), &mut all);
            let paths: Vec<&str> = all.iter().map(|(p, _)| p.as_str()).collect();
            for path in [
                "",
                "check",
                "init",
                "fmt",
                "report monthly",
                "help",
                "report help",
            ] {
                assert!(paths.contains(&path), "{path}: {paths:?}");
            }
            for (path, cmd) in &all {
                let about = cmd.get_about().map(ToString::to_string).unwrap_or_default();
                assert!(!about.is_empty(), "{lang:?} {path}: no about");
                for arg in cmd.get_arguments() {
                    let id = arg.get_id().as_str();
                    let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
                    assert!(!help.is_empty(), "{lang:?} {path} {id}: no help");
                    let chinese = help.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
                    assert_eq!(chinese, lang == Lang::Zh, "{lang:?} {path} {id}: {help}");
                    // The possible values are named in the words of the help.
                    for value in arg.get_possible_values() {
                        if !value.is_hide_set() {
                            assert!(help.contains(value.get_name()), "{path} {id}: {help}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn the_language_is_known_before_parsing() {
        let args = |list: &[&str]| -> Vec<OsString> { list.iter().map(OsString::from).collect() };
        let at = |list: &[&str]| lang_before_parsing(&args(list));
        assert_eq!(at(&["bangcun", "check", "--lang", "en"]), Lang::En);
        assert_eq!(at(&["bangcun", "--lang=en", "report", "summary"]), Lang::En);
        assert_eq!(at(&["bangcun", "--lang", "zh", "--lang", "en"]), Lang::Zh);
        // After `--`, words are values, not options.
        let data = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/base");
        assert_eq!(
            at(&["bangcun", "--data", data, "--", "--lang", "en"]),
            Lang::Zh
        );
        // A value that is no language is clap's to refuse.
        assert_eq!(at(&["bangcun", "--data", data, "--lang", "fr"]), Lang::Zh);
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

    #[test]
    fn every_period_option_takes_the_years_of_the_data() {
        // 1900 to 2099, as docs/data.md gives the dates in the data: a
        // --year the period takes is one --as-of can reach, and a year
        // beyond is refused by each option in the same words.
        let y = |y, m, d| Date::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(parse_year("2099"), Ok(2099));
        assert_eq!(parse_year("1900"), Ok(1900));
        assert_eq!(parse_date("2099-12-31"), Ok(y(2099, 12, 31)));
        assert_eq!(parse_month("1900-01"), Ok(y(1900, 1, 1)));
        for text in ["9999", "1899", "2100"] {
            let out = ValueError::OutOfRange(text.to_string());
            assert_eq!(parse_year(text), Err(out), "{text}");
        }
        let out = |t: &str| Err(ValueError::OutOfRange(t.to_string()));
        assert_eq!(parse_date("9999-12-31"), out("9999-12-31"));
        assert_eq!(parse_date("2100/1/1"), out("2100/1/1"));
        assert_eq!(parse_month("9999-12"), out("9999-12"));
        assert_eq!(parse_month("1899年12月"), out("1899年12月"));
        // What is not a date at all is still said to be none.
        assert_eq!(
            parse_date("9999-13-01"),
            Err(ValueError::Date("9999-13-01".into()))
        );
        assert_eq!(parse_year("99999"), Err(ValueError::Year("99999".into())));
        assert_eq!(
            parse_year("2026-03"),
            Err(ValueError::Year("2026-03".into()))
        );
        assert_eq!(
            ValueError::OutOfRange("9999".into()).text(Lang::Zh),
            "“9999”超出范围：年份应在 1900 到 2099 之间（与数据中的日期相同）"
        );
    }

    fn job(args: &[&str]) -> ReportJob {
        let cli = Cli::try_parse_from(args).unwrap();
        match cli.command {
            Command::Report(args) => args.into(),
            other => panic!("{other:?}"),
        }
    }

    fn request(args: &[&str]) -> (Request, Output) {
        match job(args) {
            ReportJob::Table(request, to) => (request, to),
            other => panic!("{other:?}"),
        }
    }

    fn monthly(args: &[&str]) -> (MonthlyRequest, Output) {
        match job(args) {
            ReportJob::Monthly(request, to) => (request, to),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn monthly_options_become_a_request() {
        let (r, to) = monthly(&["bangcun", "report", "monthly", "--month", "2026-10"]);
        assert_eq!(r.month, Date::from_ymd_opt(2026, 10, 1));
        assert_eq!((r.as_of, to.format), (None, None));
        // The extension of -o is weighed by the command, against --format.
        let (_, to) = monthly(&[
            "bangcun", "report", "monthly", "--format", "json", "-o", "m.html",
        ]);
        assert_eq!(to.format, Format::named("json"));
        assert_eq!(to.path, Some(PathBuf::from("m.html")));
        // Only a month: no other period.
        let year = ["bangcun", "report", "monthly", "--year", "2026"];
        assert_eq!(Cli::try_parse_from(year).unwrap_err().exit_code(), 2);
        let table = ["bangcun", "report", "monthly", "--format", "table"];
        assert!(Cli::try_parse_from(table).is_err());
    }

    #[test]
    fn report_options_become_a_request() {
        let (r, to) = request(&[
            "bangcun", "report", "summary", "--by", "township", "--year", "2026",
        ]);
        assert_eq!(r.which, Which::Summary(By::Township));
        assert_eq!(r.period, Period::Year(2026));
        assert_eq!(to.format, None);
        let (r, to) = request(&[
            "bangcun",
            "report",
            "attendance",
            "--missing",
            "-o",
            "m.csv",
        ]);
        assert_eq!(r.which, Which::MissedWorkdays);
        assert_eq!(r.period, Period::Whole);
        assert_eq!(to.format, None);
        let (_, to) = request(&["bangcun", "report", "coverage", "--format", "xlsx"]);
        assert_eq!(to.format, Format::named("xlsx"));
        let (r, _) = request(&["bangcun", "report", "overdue", "--to", "2026-03-31"]);
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
