//! The command line, in one place: clap derive structs, their conversion
//! into the typed options the commands take, and the parsing itself in the
//! user's language. The language is picked before clap parses
//! ([`lang_before_parsing`]: `--lang`, else the data folder's `lang`);
//! [`command`] then gives every command and argument its help from the
//! one table of them ([`i18n::cli_help`]), and a usage error is told in
//! that language too. The structs carry no help of their own.

use std::path::PathBuf;

use std::ffi::OsString;

use clap::builder::StyledStr;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::error::{ContextKind, ContextValue, ErrorFormatter, ErrorKind};
use clap::{Arg, ArgAction, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::date;
use crate::i18n::{self, ValueError};
use crate::lang::Lang;
use crate::metrics::{By, Period};
use crate::model::Date;
use crate::render::findings::{self, FindingFormat};
use crate::render::{DocKind, Format};
use crate::report::monthly::MonthlyRequest;
use crate::report::{Request, Which};

/// The whole command line. Its help, and that of every command and
/// argument below, is [`i18n::cli_help`]'s, set by [`command`].
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
}

#[derive(Debug, Args)]
pub struct FmtArgs {
    #[arg(long)]
    pub check: bool,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(subcommand)]
    pub report: ReportCommand,
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    Summary {
        #[arg(long, value_enum, value_name = "BY", default_value_t = ByArg::County)]
        by: ByArg,
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
    Monthly(MonthlyArgs),
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
        };
        let to = Output {
            format: args.format,
            path: args.output,
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
    /// `-o FILE`: written atomically; standard output when absent.
    pub path: Option<PathBuf>,
    /// `--strict`: refuse (exit 1) when the data has errors.
    pub strict: bool,
}

/// `--by` of `report summary`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ByArg {
    County,
    Township,
}

impl From<ReportArgs> for ReportJob {
    fn from(args: ReportArgs) -> ReportJob {
        let (which, county, common) = match args.report {
            ReportCommand::Monthly(monthly) => return monthly.into(),
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
        let request = Request {
            which,
            period,
            as_of: common.as_of,
            county,
        };
        let to = Output {
            format: common.format,
            path: common.output,
            strict: common.strict,
        };
        ReportJob::Table(request, to)
    }
}

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
        .and_then(|(y, m)| Date::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, 1))
        .ok_or_else(|| ValueError::Month(text.to_string()))
}

/// Dates on the command line take the same forms as in the data.
pub fn parse_date(text: &str) -> Result<Date, ValueError> {
    date::parse(text.trim()).ok_or_else(|| ValueError::Date(text.to_string()))
}

/// A year of four digits.
fn parse_year(text: &str) -> Result<i32, ValueError> {
    let t = text.trim();
    t.parse()
        .ok()
        .filter(|y| (1000..=9999).contains(y) && t.len() == 4)
        .ok_or_else(|| ValueError::Year(text.to_string()))
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
        Lang::Zh => err.apply::<Chinese>().print(),
    };
    code
}

/// The command line in `lang`: every command's about and every argument's
/// help and value name from [`i18n::cli_help`] (clap's own help flag,
/// version flag and `help` command among them), with the defaults said in
/// `lang`, and in Chinese the usage and the headings of the help too.
pub fn command(lang: Lang) -> clap::Command {
    let mut cmd = Cli::command();
    // Built first, so that the global options and clap's own help flags
    // and `help` commands are in place to be given their words.
    cmd.build();
    localize(cmd, "", lang)
}

/// `cmd` (at `path`: `""`, `"report"`, `"report summary"`) and the
/// commands under it, in `lang`.
fn localize(mut cmd: clap::Command, path: &str, lang: Lang) -> clap::Command {
    // clap's `help` command is the same under every command, and holds a
    // copy of the commands beside it (`help report summary`), which read
    // as the commands themselves.
    let own = path
        .split(' ')
        .filter(|w| *w != "help")
        .collect::<Vec<_>>()
        .join(" ");
    let key = if cmd.get_name() == "help" {
        "help"
    } else {
        own.as_str()
    };
    if let Some(about) = i18n::cli_help(key, "", lang) {
        cmd = cmd.about(about).long_about(None);
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        cmd = cmd.mut_arg(&id, |arg| localize_arg(arg, key, lang));
    }
    let subcommands: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for name in subcommands {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(&name, |sub| localize(sub, &sub_path, lang));
    }
    match lang {
        Lang::En => cmd,
        Lang::Zh => {
            let usage = usage(&cmd);
            let template = template(&cmd);
            cmd.override_usage(usage).help_template(template)
        }
    }
}

/// An argument in `lang`: its help from the table, its default said after
/// it, its value names; the possible values are in the help's words.
fn localize_arg(mut arg: Arg, command: &str, lang: Lang) -> Arg {
    let id = arg.get_id().to_string();
    let mut help = i18n::cli_help(command, &id, lang)
        .map(str::to_string)
        .unwrap_or_default();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    // A flag's default (false) says nothing.
    let takes_value = arg.get_action().takes_values();
    if takes_value && !defaults.is_empty() && !arg.is_hide_default_value_set() {
        help.push_str(&i18n::cli_default(&defaults.join(", "), lang));
        arg = arg.hide_default_value(true);
    }
    if let Some(names) = arg.get_value_names() {
        let names: Vec<clap::builder::Str> = names
            .iter()
            .map(|n| i18n::value_name(n.as_str(), lang).map_or_else(|| n.clone(), Into::into))
            .collect();
        arg = arg.value_names(names);
    }
    // The global options (`--data`, `--lang`) after a command's own.
    if arg.is_global_set() && !command.is_empty() {
        arg = arg.display_order(GLOBAL_ORDER);
    }
    arg.hide_possible_values(true).help(help)
}

/// Where the global options come in a command's help: after its own,
/// before `--help`.
const GLOBAL_ORDER: usize = 900;

/// The usage line of `cmd` in Chinese: `bangcun report summary [选项]`.
fn usage(cmd: &clap::Command) -> String {
    let mut usage = cmd
        .get_bin_name()
        .unwrap_or_else(|| cmd.get_name())
        .to_string();
    usage.push(' ');
    usage.push_str(i18n::cli_word(i18n::CliWord::OptionsPlaceholder, Lang::Zh));
    for arg in cmd.get_positionals() {
        let name = arg
            .get_value_names()
            .and_then(|n| n.first())
            .map_or_else(|| arg.get_id().to_string(), |n| n.to_string());
        let many = matches!(arg.get_action(), ArgAction::Append);
        let (open, close) = if arg.is_required_set() {
            ('<', '>')
        } else {
            ('[', ']')
        };
        usage.push_str(&format!(
            " {open}{name}{close}{}",
            if many { "..." } else { "" }
        ));
    }
    if cmd.has_subcommands() {
        usage.push(' ');
        usage.push_str(i18n::cli_word(i18n::CliWord::CommandPlaceholder, Lang::Zh));
    }
    usage
}

/// The layout of `cmd`'s help with headings in Chinese, naming only the
/// parts it has.
fn template(cmd: &clap::Command) -> String {
    use i18n::CliWord::{Arguments, Commands, Options, Usage};
    let word = |w| i18n::cli_word(w, Lang::Zh);
    let mut t = format!("{{about-with-newline}}\n{}{{usage}}\n", word(Usage));
    if cmd.has_subcommands() {
        t.push_str(&format!("\n{}\n{{subcommands}}\n", word(Commands)));
    }
    if cmd.get_positionals().next().is_some() {
        t.push_str(&format!("\n{}\n{{positionals}}\n", word(Arguments)));
    }
    t.push_str(&format!("\n{}\n{{options}}", word(Options)));
    t
}

/// clap's usage errors in Chinese: what is wrong, a suggestion where clap
/// has one, the usage line, and where to read more.
struct Chinese;

impl ErrorFormatter for Chinese {
    fn format_error(err: &clap::error::Error<Self>) -> StyledStr {
        use i18n::UsageError as U;
        let text = |kind: ContextKind| -> Option<String> {
            match err.get(kind)? {
                ContextValue::String(s) => Some(s.clone()),
                ContextValue::Strings(v) => Some(v.join("、")),
                ContextValue::StyledStr(s) => Some(s.to_string()),
                ContextValue::StyledStrs(v) => Some(
                    v.iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("、"),
                ),
                ContextValue::Number(n) => Some(n.to_string()),
                _ => None,
            }
        };
        let arg = text(ContextKind::InvalidArg).unwrap_or_default();
        let value = text(ContextKind::InvalidValue).unwrap_or_default();
        let detail = std::error::Error::source(err)
            .and_then(|e| e.downcast_ref::<ValueError>())
            .map(|e| e.text(Lang::Zh));
        // (Help and the version carry their text, and never come here.)
        let problem = match err.kind() {
            // `--data` at the end of the line: no value at all.
            ErrorKind::InvalidValue if value.is_empty() => U::NoValue { arg },
            ErrorKind::InvalidValue => U::InvalidValue {
                arg,
                value,
                valid: text(ContextKind::ValidValue).unwrap_or_default(),
            },
            // A word where no more positional arguments are taken.
            ErrorKind::UnknownArgument if !arg.starts_with('-') => U::Unexpected { value: arg },
            ErrorKind::UnknownArgument => U::UnknownArgument { arg },
            ErrorKind::InvalidSubcommand => U::UnknownCommand {
                name: text(ContextKind::InvalidSubcommand).unwrap_or_default(),
            },
            ErrorKind::NoEquals => U::NoEquals { arg },
            ErrorKind::ValueValidation => U::BadValue {
                arg,
                value,
                detail: detail.unwrap_or_default(),
            },
            ErrorKind::TooManyValues => U::Unexpected { value },
            ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => U::ValueCount { arg },
            ErrorKind::ArgumentConflict => {
                let prior = text(ContextKind::PriorArg).unwrap_or_default();
                if prior == arg {
                    U::Twice { arg }
                } else {
                    U::Conflict { arg, prior }
                }
            }
            ErrorKind::MissingRequiredArgument => U::Missing { arg },
            ErrorKind::MissingSubcommand => U::MissingCommand {
                valid: text(ContextKind::ValidSubcommand).unwrap_or_default(),
            },
            _ => U::Other {
                detail: err.kind().as_str().unwrap_or_default().to_string(),
            },
        };
        let suggestion = [
            ContextKind::SuggestedSubcommand,
            ContextKind::SuggestedArg,
            ContextKind::SuggestedValue,
        ]
        .into_iter()
        .find_map(text);
        let usage = text(ContextKind::Usage).map(|u| {
            u.trim_start()
                .strip_prefix("Usage:")
                .map_or(u.clone(), |rest| rest.trim().to_string())
        });
        let mut out = StyledStr::new();
        out.push_str(&i18n::usage_error(
            &problem,
            suggestion.as_deref(),
            usage.as_deref(),
        ));
        out
    }
}

#[cfg(test)]
mod tests {
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
