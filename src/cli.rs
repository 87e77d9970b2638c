//! The command line, in one place: clap derive structs, and their
//! conversion into the typed options the commands take.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::date;
use crate::i18n::Lang;
use crate::model::Date;
use crate::render::FindingFormat;

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

fn parse_lang(text: &str) -> Result<Lang, String> {
    text.parse()
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
    fn bad_dates_are_usage_errors() {
        let err = Cli::try_parse_from(["bangcun", "check", "--as-of", "March"]).unwrap_err();
        assert_eq!(err.exit_code(), 2);
    }
}
