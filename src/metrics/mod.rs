//! The figures of docs/reports.md, as pure functions over the loaded data: they
//! read a [`Dataset`], its [`Index`] and which records are [`Validity`]
//! valid, and return typed results. Nothing here prints or formats; the
//! `report` module turns results into tables.
//!
//! Every function takes a [`Window`]: the flows inside the period, the
//! stocks at its end (the as-of date D).

pub mod attendance;
pub mod coverage;
pub mod groups;
pub mod period;
pub mod problems;
pub mod quotas;
pub mod ratings;
pub mod summary;
pub mod valid;

use crate::config::Config;
use crate::index::Index;
use crate::model::{CadreId, Dataset, Date, RegionId, Visit};
use crate::parallel;

pub use attendance::Attendance;
pub use period::{Period, PeriodError, Window};
pub use ratings::{RatingFigures, Ratings, Reviewed, ratings, review_rate, reviews};
pub use summary::{By, Figures, Summary, problem_totals, summary, summary_with_attendance};
pub use valid::Validity;

/// What every metric reads: the data, its indexes, and which records are
/// valid (the metrics skip the others).
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub data: &'a Dataset,
    pub config: &'a Config,
    pub index: &'a Index,
    pub valid: &'a Validity,
}

impl Ctx<'_> {
    /// The county of a cadre: the county of its first point (docs/reports.md).
    pub fn cadre_county(&self, cadre: CadreId) -> Option<RegionId> {
        let point = self.data.cadre(cadre).points.first()?.id()?;
        self.index.county_of(point)
    }

    /// The day of the earliest valid visit: a period without a start
    /// begins in its month (and one that ends before it is refused).
    pub fn earliest_visit(&self) -> Option<Date> {
        self.data
            .visits
            .iter()
            .filter(|v| self.valid.record(*v))
            .map(|v| v.date)
            .min()
    }
}

/// `num / den`, or `None` when `den` is 0: an undefined rate is never 0%
/// and never NaN.
pub fn rate(num: u64, den: u64) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

/// Folds the valid visits dated inside the window into accumulators, on
/// every core: the files are cut into one run of about equal size per
/// thread, each folded into its own `init()`. Returns one accumulator per
/// run, for the caller to merge.
pub(crate) fn fold_visits<A: Send>(
    ctx: &Ctx,
    window: &Window,
    init: impl Fn() -> A + Sync,
    add: impl Fn(&mut A, &Visit) + Sync,
) -> Vec<A> {
    let chunks = ctx.data.visits.chunks();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let share = ctx.data.visits.len().div_ceil(threads.max(1)).max(1);
    let mut runs: Vec<&[Vec<Visit>]> = Vec::new();
    let (mut start, mut size) = (0, 0);
    for (i, chunk) in chunks.iter().enumerate() {
        size += chunk.len();
        if size >= share {
            runs.push(&chunks[start..=i]);
            (start, size) = (i + 1, 0);
        }
    }
    if start < chunks.len() {
        runs.push(&chunks[start..]);
    }
    parallel::map(&runs, |run| {
        let mut acc = init();
        for v in run.iter().flatten() {
            if window.contains(v.date) && ctx.valid.record(v) {
                add(&mut acc, v);
            }
        }
        acc
    })
}

/// Loading fixture folders for the metric tests, as `bangcun report` does.
#[cfg(test)]
pub(crate) mod fixture {
    use std::path::Path;

    use super::{Ctx, Validity};
    use crate::check::{self, Context};
    use crate::config::Config;
    use crate::finding::{Finding, Severity};
    use crate::index::Index;
    use crate::load::{self, Loaded};
    use crate::model::{Dataset, Date};

    /// A loaded, indexed and checked data folder.
    pub struct Opened {
        pub config: Config,
        pub data: Dataset,
        pub index: Index,
        pub valid: Validity,
        /// The error findings the validity comes from.
        pub findings: Vec<Finding>,
    }

    impl Opened {
        pub fn ctx(&self) -> Ctx<'_> {
            Ctx {
                data: &self.data,
                config: &self.config,
                index: &self.index,
                valid: &self.valid,
            }
        }
    }

    /// As `bangcun report` opens a folder: the load findings and the
    /// errors of the data checks.
    pub fn open(dir: &Path) -> Opened {
        let Loaded {
            config,
            data,
            mut findings,
        } = load::load(dir);
        let index = Index::build(&data);
        let context = Context {
            data: &data,
            config: &config,
            index: &index,
            today: d(2026, 12, 31),
        };
        findings.extend(check::run(&context, &[Severity::Error]));
        let valid = Validity::new(&data, &findings);
        Opened {
            config,
            data,
            index,
            valid,
            findings,
        }
    }

    /// `tests/fixtures/reports`, whose every figure is worked out by hand
    /// in the tests.
    pub fn reports() -> Opened {
        open(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reports"))
    }

    /// Lines with errors added to the files of `tests/fixtures/reports`:
    /// each bad record, and what refers to it, must be left out.
    pub const BAD_LINES: [(&str, &str); 6] = [
        // unknown-region: the parent does not exist.
        ("regions.csv", "410001001009,坏村,village,410001009"),
        // No finding of its own, but its point is the invalid 坏村.
        ("cadres.csv", "K5,钱五,county,,410001001009,,"),
        // Valid in itself, but by the invalid K5.
        (
            "visits/2026-02.csv",
            "2026-02-10,K5,410001001009,workday,3,30",
        ),
        // unknown-cadre.
        ("visits/2026-02.csv", "2026-02-11,K9,410001001,workday,5,50"),
        // date-order: rectified before found.
        (
            "problems.csv",
            "P8,2026-02-05,410001001,K1,cadre,基础设施,整改日期早于发现日期,一镇人民政府,,2026-02-01,,",
        ),
        // duplicate-id: the second P1 is left out, the first kept.
        (
            "problems.csv",
            "P1,2026-02-06,410001001,K1,cadre,基础设施,编号重复,一镇人民政府,,,,",
        ),
    ];

    /// A copy of `tests/fixtures/reports` in a temporary folder, with
    /// [`BAD_LINES`] appended.
    pub fn reports_with_errors() -> (tempfile::TempDir, Opened) {
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reports");
        let dir = tempfile::tempdir().expect("a temporary folder");
        copy(&source, dir.path());
        for (file, line) in BAD_LINES {
            let path = dir.path().join(file);
            let mut text = std::fs::read_to_string(&path).expect("a fixture file");
            text.push_str(line);
            text.push('\n');
            std::fs::write(&path, text).expect("a temporary file");
        }
        let opened = open(dir.path());
        (dir, opened)
    }

    fn copy(from: &Path, to: &Path) {
        for entry in std::fs::read_dir(from).expect("the fixture folder") {
            let path = entry.expect("a fixture entry").path();
            let target = to.join(path.file_name().expect("a file name"));
            if path.is_dir() {
                std::fs::create_dir_all(&target).expect("a temporary folder");
                copy(&path, &target);
            } else {
                std::fs::copy(&path, &target).expect("a temporary file");
            }
        }
    }

    pub fn d(y: i32, m: u32, day: u32) -> Date {
        Date::from_ymd_opt(y, m, day).expect("a valid test date")
    }
}
