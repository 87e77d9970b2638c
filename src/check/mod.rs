//! The registry of named checks (docs/checks.md). Each check has a stable
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
                run: $run,
                about: $about,
            };
        )*
        /// Every check, in the order they are listed and run.
        pub static REGISTRY: &[&Check] = &[$(&$id),*];
    };
}

checks! {
    UNREADABLE_FILE = "unreadable-file", Error, None,
        "a data file cannot be read (missing permission, a directory, a symlink loop)";
    BAD_ENCODING = "bad-encoding", Error, None,
        "a file is neither UTF-8 nor GB18030/GBK (the line where decoding fails is named)";
    BAD_QUOTING = "bad-quoting", Error, None,
        "a CSV quote is never closed";
    FIELD_COUNT = "field-count", Error, None,
        "a CSV row has more or fewer fields than the header";
    INVALID_TOML = "invalid-toml", Error, None,
        "a TOML data file is not valid TOML, or holds something other than [[kind]] tables";
    EMPTY_FILE = "empty-file", Error, None,
        "a CSV file has no header row";
    MISSING_COLUMN = "missing-column", Error, None,
        "a required column is missing from a CSV header";
    DUPLICATE_COLUMN = "duplicate-column", Error, None,
        "two columns of a CSV header name the same field";
    UNKNOWN_COLUMN = "unknown-column", Warning, None,
        "a CSV column or TOML key that no field has; it is ignored";
    MISSING_VALUE = "missing-value", Error, None,
        "a required value is empty (also: a township or village without parent, a cadre-sourced problem without cadre)";
    INVALID_DATE = "invalid-date", Error, None,
        "a date in none of the four accepted forms, an impossible day, or a year outside 1900-2099";
    INVALID_NUMBER = "invalid-number", Error, None,
        "a count that is not a whole number ≥ 0";
    INVALID_VALUE = "invalid-value", Error, None,
        "an enumeration value that is neither the English nor the Chinese word";
    INVALID_CONFIG = "invalid-config", Error, None,
        "bangcun.toml has invalid TOML, an unknown key or an impossible value";
    DUPLICATE_ID = "duplicate-id", Error, Some(refs::duplicate_id),
        "a region code, cadre id or problem id used twice (both places are named)";
    UNKNOWN_REGION = "unknown-region", Error, None,
        "a parent, contact point or place that is not in regions";
    UNKNOWN_CADRE = "unknown-cadre", Error, None,
        "a visit, problem or leave whose cadre is not in cadres";
    PARENT_LEVEL = "parent-level", Error, Some(refs::parent_level),
        "a region whose parent is not exactly one level up";
    POINT_LEVEL = "point-level", Error, Some(refs::point_level),
        "a contact point that is a county";
    DATE_ORDER = "date-order", Error, Some(dates::date_order),
        "end before start, rectified or deadline before found, verified before rectified, leave to before from";
    NEEDS_RECTIFIED = "needs-rectified", Error, Some(dates::needs_rectified),
        "verified or satisfaction on a problem that is not rectified";
    UNKNOWN_CATEGORY = "unknown-category", Error, Some(dates::unknown_category),
        "a problem category that is not in bangcun.toml's categories";
    VISIT_PLACE = "visit-place", Warning, Some(visits::visit_place),
        "a visit at a place that is not one of the cadre's points nor inside one";
    VISIT_OUTSIDE_LINK = "visit-outside-link", Warning, Some(visits::visit_outside_link),
        "a visit outside the cadre's start..end";
    FUTURE_DATE = "future-date", Warning, Some(visits::future_date),
        "a visit or problem dated after today";
    DUPLICATE_VISIT = "duplicate-visit", Warning, Some(visits::duplicate_visit),
        "the same cadre, date, place and kind entered twice";
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
