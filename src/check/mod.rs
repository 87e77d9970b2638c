//! The registry of named checks (SPEC §3). Each check has a stable
//! lowercase name and a severity. Checks of the *load* stage are made by the
//! loader while it reads cells and resolves references (it resolves them
//! once, through indexes, as it reads); checks of the *data* stage are one
//! function each, run over the loaded [`Dataset`] by [`run`].

mod dates;
mod refs;
mod visits;

use crate::finding::Finding;
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

/// What a check of the records alone reads.
#[derive(Clone, Copy)]
pub struct Records<'a> {
    pub data: &'a Dataset,
    /// "Today" for `future-date`: `--as-of`, or the real date.
    pub today: Date,
}

/// What a check that needs the index reads.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub data: &'a Dataset,
    pub index: &'a Index,
    pub today: Date,
}

impl<'a> Context<'a> {
    fn records(&self) -> Records<'a> {
        Records {
            data: self.data,
            today: self.today,
        }
    }
}

/// When a check runs, and what it reads.
#[derive(Clone, Copy, Debug)]
pub enum Stage {
    /// Made by the loader while it reads.
    Load,
    /// A function of the records alone: it can run while the index is
    /// still being built.
    Records(fn(&Records, &mut Vec<Finding>)),
    /// A function that needs the index too.
    Indexed(fn(&Context, &mut Vec<Finding>)),
}

/// One named check.
#[derive(Debug)]
pub struct Check {
    /// Stable, lowercase, hyphenated: the name in output and in the README.
    pub name: &'static str,
    pub severity: Severity,
    pub stage: Stage,
    /// One line for the README and `bangcun check --list`.
    pub about: &'static str,
}

/// Checks are the same when their names are: names are unique.
impl PartialEq for Check {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

macro_rules! checks {
    ($($id:ident = $name:literal, $sev:ident, $run:expr, $about:literal;)*) => {
        $(
            #[doc = concat!("The `", $name, "` check (see its `about`).")]
            pub static $id: Check = Check {
                name: $name,
                severity: Severity::$sev,
                stage: $run,
                about: $about,
            };
        )*
        /// Every check, in the order they are listed and run.
        pub static REGISTRY: &[&Check] = &[$(&$id),*];
    };
}

checks! {
    UNREADABLE_FILE = "unreadable-file", Error, Stage::Load,
        "a data file cannot be read (missing permission, a directory, a symlink loop)";
    BAD_ENCODING = "bad-encoding", Error, Stage::Load,
        "a file is neither UTF-8 nor GB18030/GBK (the line where decoding fails is named)";
    BAD_QUOTING = "bad-quoting", Error, Stage::Load,
        "a CSV quote is never closed";
    FIELD_COUNT = "field-count", Error, Stage::Load,
        "a CSV row has more or fewer fields than the header";
    INVALID_TOML = "invalid-toml", Error, Stage::Load,
        "a TOML data file is not valid TOML, or holds something other than [[kind]] tables";
    EMPTY_FILE = "empty-file", Error, Stage::Load,
        "a CSV file has no header row";
    MISSING_COLUMN = "missing-column", Error, Stage::Load,
        "a required column is missing from a CSV header";
    DUPLICATE_COLUMN = "duplicate-column", Error, Stage::Load,
        "two columns of a CSV header name the same field";
    UNKNOWN_COLUMN = "unknown-column", Warning, Stage::Load,
        "a CSV column or TOML key that no field has; it is ignored";
    MISSING_VALUE = "missing-value", Error, Stage::Load,
        "a required value is empty (also: a township or village without parent, a cadre-sourced problem without cadre)";
    INVALID_DATE = "invalid-date", Error, Stage::Load,
        "a date in none of the four accepted forms, or an impossible day";
    INVALID_NUMBER = "invalid-number", Error, Stage::Load,
        "a count that is not a whole number ≥ 0";
    INVALID_VALUE = "invalid-value", Error, Stage::Load,
        "an enumeration value that is neither the English nor the Chinese word";
    INVALID_CONFIG = "invalid-config", Error, Stage::Load,
        "bangcun.toml has invalid TOML, an unknown key or an impossible value";
    DUPLICATE_ID = "duplicate-id", Error, Stage::Records(refs::duplicate_id),
        "a region code, cadre id or problem id used twice (both places are named)";
    UNKNOWN_REGION = "unknown-region", Error, Stage::Load,
        "a parent, contact point or place that is not in regions";
    UNKNOWN_CADRE = "unknown-cadre", Error, Stage::Load,
        "a visit, problem or leave whose cadre is not in cadres";
    PARENT_LEVEL = "parent-level", Error, Stage::Records(refs::parent_level),
        "a region whose parent is not exactly one level up";
    POINT_LEVEL = "point-level", Error, Stage::Records(refs::point_level),
        "a contact point that is a county";
    DATE_ORDER = "date-order", Error, Stage::Records(dates::date_order),
        "end before start, rectified or deadline before found, verified before rectified, leave to before from";
    NEEDS_RECTIFIED = "needs-rectified", Error, Stage::Records(dates::needs_rectified),
        "verified or satisfaction on a problem that is not rectified";
    UNKNOWN_CATEGORY = "unknown-category", Error, Stage::Records(dates::unknown_category),
        "a problem category that is not in bangcun.toml's categories";
    VISIT_PLACE = "visit-place", Warning, Stage::Indexed(visits::visit_place),
        "a visit at a place that is not one of the cadre's points nor inside one";
    VISIT_OUTSIDE_LINK = "visit-outside-link", Warning, Stage::Records(visits::visit_outside_link),
        "a visit outside the cadre's start..end";
    FUTURE_DATE = "future-date", Warning, Stage::Records(visits::future_date),
        "a visit or problem dated after today";
    DUPLICATE_VISIT = "duplicate-visit", Warning, Stage::Indexed(visits::duplicate_visit),
        "the same cadre, date, place and kind entered twice";
}

/// Runs the checks of the given severities that read the records alone
/// (`check` wants all severities; reports only need errors, to leave
/// invalid records out).
pub fn run_on_records(records: &Records, severities: &[Severity]) -> Vec<Finding> {
    let pick = |stage| match stage {
        Stage::Records(run) => Some(run),
        _ => None,
    };
    run_stage(records, severities, pick)
}

/// Runs the checks of the given severities that need the index.
pub fn run_indexed(ctx: &Context, severities: &[Severity]) -> Vec<Finding> {
    let pick = |stage| match stage {
        Stage::Indexed(run) => Some(run),
        _ => None,
    };
    run_stage(ctx, severities, pick)
}

/// Runs the checks `pick` gives a function for. They only read, so they run
/// side by side on every core; their findings come back in registry order.
fn run_stage<C: Sync, F: Fn(&C, &mut Vec<Finding>) + Sync>(
    input: &C,
    severities: &[Severity],
    pick: impl Fn(Stage) -> Option<F>,
) -> Vec<Finding> {
    let checks: Vec<_> = REGISTRY
        .iter()
        .filter(|c| severities.contains(&c.severity))
        .filter_map(|c| pick(c.stage))
        .collect();
    parallel::map(&checks, |run| {
        let mut out = Vec::new();
        run(input, &mut out);
        out
    })
    .into_iter()
    .flatten()
    .collect()
}

/// Every data-stage check of the given severities, one group after the
/// other.
pub fn run(ctx: &Context, severities: &[Severity]) -> Vec<Finding> {
    let mut out = run_on_records(&ctx.records(), severities);
    out.extend(run_indexed(ctx, severities));
    out
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
