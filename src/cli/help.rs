//! The help of the command line in Chinese and English: every command's
//! and argument's words in one table ([`CLI_HELP`]), and the commands
//! clap builds given them, with the usage line and the headings of the
//! help in Chinese where that is the language.

use clap::{Arg, ArgAction, CommandFactory};

use super::Cli;
use crate::lang::{Lang, tr};

/// The help of the command line, one row per command (`arg` empty: its
/// about) or argument (`arg`: clap's id): `(command, arg, 中文, English)`.
/// `command` is a path under `bangcun` (`""`, `"report summary"`), `"report
/// *"` for every report, or `"*"` for every command. The possible values of
/// an option are named in its help; defaults are added after it.
pub(super) const CLI_HELP: &[(&str, &str, &str, &str)] = &[
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
        "统计报表：各县（区）两率一度汇总、逾期问题、回访滞后、工作日到岗、覆盖情况、评星和三零、群众评议、工作月报",
        "Reports: 两率一度 per county, overdue problems, revisits, work-day attendance, coverage, ratings and three zeros, reviews, the monthly summary",
    ),
    (
        "fmt",
        "",
        "把 CSV 数据文件改写成统一的规范格式，便于用 git 比较；有错误的文件不改动",
        "Rewrite the CSV data files in one canonical form, for clean git diffs; files with errors are left alone",
    ),
    (
        "import",
        "",
        "把工作簿或 CSV 文件（任何版式）中的记录以规范格式写入数据目录：名称换成代码，日期写成 2026-03-10；有错误或与已有记录冲突时不写入",
        "Bring the records of workbooks or CSV files (in any layout) into the data folder in canonical form: codes for names, ISO dates; nothing is written when they have errors or clash with records there",
    ),
    (
        "cat",
        "",
        "把工作簿（或 CSV 文件）中的记录以规范 CSV 打印出来，供 git diff 比较工作簿（textconv）",
        "Print a workbook's (or CSV file's) records as canonical CSV, so that git diff can show a workbook's changes (textconv)",
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
        "report problems",
        "",
        "问题台账：截至统计日期的每个问题，含状态（整改中、逾期、已整改待销号、已销号）、发现层级、剩余或逾期天数；可按条件筛选，可按责任单位或县（区）分表（三台账两清单）",
        "The problem ledger at the as-of date: every problem with its status (open, overdue, rectified, closed), the level that found it, days left or overdue; filters, and one table per responsible unit or county (三台账两清单)",
    ),
    (
        "report problems",
        "status",
        "只列这些状态的问题，逗号分隔：open（整改中）、overdue（逾期）、rectified（已整改待销号）、closed（已销号）",
        "Only problems in these statuses, comma-separated: open, overdue, rectified, closed",
    ),
    (
        "report problems",
        "unit",
        "只列该责任单位的问题（与台账中写法一致）",
        "Only the problems of this responsible unit (as the ledger writes it)",
    ),
    (
        "report problems",
        "category",
        "只列该类别的问题",
        "Only problems of this category",
    ),
    (
        "report problems",
        "source",
        "只列该来源的问题：cadre（干部排查）、inspection（督导暗访）、petition（群众信访）",
        "Only problems from this source: cadre, inspection, petition",
    ),
    (
        "report problems",
        "level",
        "只列这些层级干部发现的问题，逗号分隔：city（市级）、county（县级）、township（乡级）、unit（单位）、none（非干部发现）",
        "Only problems found by cadres of these levels, comma-separated: city, county, township, unit, none (not found by a cadre)",
    ),
    (
        "report problems",
        "at",
        "只列地点为该层级的问题：township（乡镇、街道）或 village（村、社区）",
        "Only problems whose place is a township or a village: township or village",
    ),
    (
        "report problems",
        "split",
        "每个责任单位（unit）或县区（county）一张表：-o 文件.xlsx 写成一个工作簿（每张表一个工作表），否则 -o 写成一个文件夹（每张表一个文件，格式按 --format）",
        "One table per responsible unit (unit) or county (county): -o FILE.xlsx writes one workbook, a sheet per table; any other -o a folder, a file per table in --format",
    ),
    (
        "report quotas",
        "",
        "每名干部（或单位）每项定额的应完成、已完成、完成率、未完成期间和本期进度（bangcun.toml 中的 [[quota]]）",
        "Each cadre's (or unit's) compliance with each quota of bangcun.toml: periods owed, met, rate, missed, and the one in progress",
    ),
    (
        "report ratings",
        "",
        "五星支部评星和三零创建：每个县（区）的村数、已评星村、各星级村数、三星以上占比、软弱涣散、三零达标，另加合计行和目标完成情况",
        "Star ratings and three zeros of a year: per county, villages, rated, by stars, three stars or more, weak branches, three zeros, a total row and the targets",
    ),
    (
        "report reviews",
        "",
        "帮联干部群众评议：每名干部的满意、基本满意、不满意票数和满意率，满意率低的在前",
        "Reviews of cadres: each cadre's votes (satisfied, basically satisfied, unsatisfied) and rate, lowest first",
    ),
    (
        "report ratings",
        "by",
        "汇总单位：county（每个县区一行）或 township（每个乡镇一行）",
        "One row per county or per township: county or township",
    ),
    (
        "report ratings",
        "year",
        "评星年度，如 2022 [默认：数据中最近的年度]",
        "The year, such as 2022 [default: the latest year in the data]",
    ),
    (
        "report reviews",
        "year",
        "评议年度，如 2022 [默认：数据中最近的年度]",
        "The year, such as 2022 [default: the latest year in the data]",
    ),
    (
        "report reviews",
        "below",
        "只列满意率低于该值的干部，如 0.8 或 80%（公示名单）",
        "Only the cadres whose rate is below RATE, such as 0.8 or 80% (the public notice)",
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
        "init",
        "preset",
        "按某一项目的规则写 bangcun.toml（每条规则注明依据）：xuchang（许昌市：市级 10 日、县乡级 20 日）、weidu（魏都区：各级 10 日和 20 日，每月主题党日、每年组织生活会）、qinzhou（秦州区联村联户：单位和干部的全年走访次数、天数，并写 households.csv）",
        "Write bangcun.toml with a programme's rules, each commented with the rule it follows: xuchang (city 10th, county and township 20th), weidu (every level 10th and 20th; party day monthly, organisational life yearly) or qinzhou (yearly visits and days of units and cadres; also writes households.csv)",
    ),
    (
        "import",
        "files",
        "要导入的工作簿（.xlsx .xls .ods）或 CSV 文件，可以多个",
        "Workbooks (.xlsx .xls .ods) or CSV files to import, one or more",
    ),
    (
        "import",
        "kind",
        "文件中记录的种类：regions、cadres、visits、problems、leaves、ratings、reviews 或 households（默认按文件名、工作表名或表头判断）",
        "The kind of records the files hold: regions, cadres, visits, problems, leaves, ratings, reviews or households (default: told from the file's name, its sheets' names or its header)",
    ),
    (
        "cat",
        "file",
        "要打印的工作簿或 CSV 文件",
        "The workbook or CSV file to print",
    ),
    (
        "cat",
        "kind",
        "文件中记录的种类：regions、cadres、visits、problems、leaves、ratings、reviews 或 households（默认按文件名、工作表名或表头判断）",
        "The kind of records the file holds: regions, cadres, visits, problems, leaves, ratings, reviews or households (default: told from the file's name, its sheets' names or its header)",
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
        "汇总单位：county（每个县区一行）、township（每个乡镇一行）；或只汇总问题指标：category（按类别）、source（按来源）、unit（按责任单位）、level（按发现层级）",
        "One row per county or township (county, township); or the problem figures per category, source, responsible unit or finding level (category, source, unit, level)",
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
        "report quotas",
        "missing",
        "改为每个未完成的（干部、定额、期间、帮扶户）一行（定额未完成明细）",
        "One row per missed (cadre, quota, period, household) instead",
    ),
    (
        "report quotas",
        "quota",
        "只看这一项定额（填 [[quota]] 的 name）",
        "Only this quota (its name in [[quota]])",
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
        "below",
        "列出最近一个评议年度满意率低于该值的干部，如 0.8 或 80% [默认：bangcun.toml 中 targets 的 review_rate]",
        "List the cadres whose review rate in the latest year of reviews is below RATE, such as 0.8 or 80% [default: review_rate in the targets of bangcun.toml]",
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
fn cli_help(command: &str, arg: &str, lang: Lang) -> Option<&'static str> {
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
fn value_name(name: &str, lang: Lang) -> Option<&'static str> {
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
        "RATE" => "比率",
        _ => return None,
    };
    (lang == Lang::Zh).then_some(zh)
}

/// An option's default, after its help: `[默认：.]`.
fn cli_default(values: &str, lang: Lang) -> String {
    tr!(lang, "[默认：{values}]", " [default: {values}]")
}

/// The words of the help's layout in Chinese (English help keeps clap's).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CliWord {
    Usage,
    Commands,
    Arguments,
    Options,
    /// `[选项]` in a usage line.
    OptionsPlaceholder,
    /// `<命令>` in a usage line.
    CommandPlaceholder,
}

fn cli_word(word: CliWord, lang: Lang) -> &'static str {
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

/// The command line in `lang`: every command's about and every argument's
/// help and value name from [`cli_help`] (clap's own help flag,
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
    if let Some(about) = cli_help(key, "", lang) {
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
    let mut help = cli_help(command, &id, lang)
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
        help.push_str(&cli_default(&defaults.join(", "), lang));
        arg = arg.hide_default_value(true);
    }
    if let Some(names) = arg.get_value_names() {
        let names: Vec<clap::builder::Str> = names
            .iter()
            .map(|n| value_name(n.as_str(), lang).map_or_else(|| n.clone(), Into::into))
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
    usage.push_str(cli_word(CliWord::OptionsPlaceholder, Lang::Zh));
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
        usage.push_str(cli_word(CliWord::CommandPlaceholder, Lang::Zh));
    }
    usage
}

/// The layout of `cmd`'s help with headings in Chinese, naming only the
/// parts it has.
fn template(cmd: &clap::Command) -> String {
    use CliWord::{Arguments, Commands, Options, Usage};
    let word = |w| cli_word(w, Lang::Zh);
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
