//! The commands: each wires loading, checking, computing and rendering
//! together, and decides the exit status.

mod cat;
mod check;
mod fmt;
mod import;
mod init;
mod monthly;
mod report;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;

use crate::check::{Context, run as run_checks};
use crate::cli::{Cli, Command, ReportJob};
use crate::config::Config;
use crate::finding::{Finding, Severity};
use crate::index::Index;
use crate::lang::Lang;
use crate::load::{self, Loaded};
use crate::model::{Dataset, Date};

/// Exit status: the data is clean.
pub const CLEAN: u8 = 0;
/// Exit status: the data has errors.
pub const DATA_ERRORS: u8 = 1;

/// Runs the command the user asked for; `early` is the language known
/// before the data is read ([`crate::cli::lang_before_parsing`]).
pub fn dispatch(cli: Cli, early: Lang) -> anyhow::Result<ExitCode> {
    let global = Global {
        data: cli.data,
        lang: cli.lang,
        early,
    };
    match cli.command {
        Command::Check(args) => check::run(&global, &args),
        Command::Init(args) => init::run(&args, global.lang.unwrap_or_default()),
        Command::Report(args) => match args.into() {
            ReportJob::Table(request, to) => report::run(&global, &request, &to),
            ReportJob::Monthly(request, to) => monthly::run(&global, &request, &to),
        },
        Command::Fmt(args) => fmt::run(&global, &args),
        Command::Import(args) => import::run(&global, &args),
        Command::Cat(args) => cat::run(&global, &args),
    }
}

/// Options every command takes.
pub struct Global {
    pub data: Option<PathBuf>,
    /// `--lang`.
    pub lang: Option<Lang>,
    /// `--lang`, else the found data folder's `lang`, else Chinese: known
    /// before the data is read.
    pub early: Lang,
}

impl Global {
    /// The language of what is said before the data is read.
    pub fn early_lang(&self) -> Lang {
        self.early
    }
}

/// A data folder, loaded, indexed and checked.
pub struct Opened {
    /// The data folder, as found (relative to the current directory where
    /// it can be).
    pub dir: PathBuf,
    pub config: Config,
    pub data: Dataset,
    pub index: Index,
    /// Load and check findings, ordered by file and line.
    pub findings: Vec<Finding>,
    /// `--lang`, else `lang` from bangcun.toml, else Chinese.
    pub lang: Lang,
}

/// Finds, loads, indexes and checks the data folder, running the data
/// checks of the given severities.
pub fn open(global: &Global, today: Date, severities: &[Severity]) -> anyhow::Result<Opened> {
    let dir = find(global)?;
    Ok(open_dir(dir, global.lang, today, severities))
}

/// Finds the data folder (in the order of docs/data.md).
pub fn find(global: &Global) -> anyhow::Result<PathBuf> {
    let cwd = std::env::current_dir().with_context(|| {
        crate::lang::tr!(
            global.early_lang(),
            "无法确定当前目录",
            "cannot tell the current directory"
        )
    })?;
    let env = std::env::var_os("BANGCUN_DATA");
    load::find_data_dir(
        global.data.as_deref(),
        env.as_deref(),
        &cwd,
        global.early_lang(),
    )
}

/// Loads, indexes and checks the data folder at `dir`; `lang` is `--lang`.
pub fn open_dir(dir: PathBuf, lang: Option<Lang>, today: Date, severities: &[Severity]) -> Opened {
    open_with(dir, &[], lang, today, severities)
}

/// [`open_dir`], with files from outside the folder read as if they were
/// in it (`import`).
pub fn open_with(
    dir: PathBuf,
    extra: &[(PathBuf, crate::model::Kind)],
    lang: Option<Lang>,
    today: Date,
    severities: &[Severity],
) -> Opened {
    let Loaded {
        config,
        data,
        mut findings,
    } = load::load_with(&dir, extra);
    let index = Index::build(&data);
    let context = Context {
        data: &data,
        config: &config,
        index: &index,
        today,
    };
    findings.extend(run_checks(&context, severities));
    // Stable: within a line, load findings come before data checks.
    findings.sort_by_key(|f| f.span);
    let lang = lang.or(config.lang).unwrap_or_default();
    Opened {
        dir,
        config,
        data,
        index,
        findings,
        lang,
    }
}

/// Ends a command's use of the data without freeing it record by record:
/// the process exits next and the system takes the memory back at once,
/// where dropping a province's records one by one takes longer than
/// computing a report.
pub fn leave(opened: Opened) {
    std::mem::forget(opened);
}

/// Today's date on this machine.
pub fn today() -> Date {
    chrono::Local::now().date_naive()
}
