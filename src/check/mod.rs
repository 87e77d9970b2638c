//! The registry of named checks (docs/checks.md), and the data checks: one
//! file each, holding the check's name, severity and words beside the
//! function that finds it. Checks of the *load* stage are made by the
//! loader while it reads cells and resolves references (it resolves them
//! once, through indexes, as it reads), and are declared beside that code
//! in `load/` (and `config` for `invalid-config`); checks of the *data*
//! stage run over the loaded [`Dataset`] by [`run`].
//!
//! Adding a data check: a file here with its [`Check`], its messages and
//! its function, and its line in [`ENTRIES`].

mod date_order;
mod duplicate_id;
mod duplicate_visit;
mod duplicate_year;
mod future_date;
mod household_place;
mod household_village;
mod needs_rectified;
mod parent_level;
mod point_level;
mod rating_place;
mod status_conflict;
mod unknown_category;
mod visit_outside_link;
mod visit_place;

use crate::config::{Config, INVALID_CONFIG};
use crate::finding::{Check, Finding, Severity};
use crate::index::Index;
use crate::load;
use crate::model::{Dataset, Date};
use crate::parallel;

pub use date_order::{DATE_ORDER, DateOrder};
pub use duplicate_id::{DUPLICATE_ID, DuplicateId};
pub use duplicate_visit::{DUPLICATE_VISIT, DuplicateVisit};
pub use duplicate_year::{DUPLICATE_YEAR, DuplicateYear};
pub use future_date::{FUTURE_DATE, FutureDate};
pub use household_place::{HOUSEHOLD_PLACE, HouseholdPlace};
pub use household_village::{HOUSEHOLD_VILLAGE, HouseholdVillage};
pub use needs_rectified::{NEEDS_RECTIFIED, NeedsRectified};
pub use parent_level::{PARENT_LEVEL, ParentLevel};
pub use point_level::{CountyPoint, POINT_LEVEL};
pub use rating_place::{RATING_PLACE, RatingPlace};
pub use status_conflict::{Conflict, STATUS_CONFLICT};
pub use unknown_category::{UNKNOWN_CATEGORY, UnknownCategory};
pub use visit_outside_link::{VISIT_OUTSIDE_LINK, VisitOutsideLink};
pub use visit_place::{VISIT_PLACE, VisitPlace};

/// What a data-stage check reads.
pub struct Context<'a> {
    pub data: &'a Dataset,
    pub config: &'a Config,
    pub index: &'a Index,
    /// "Today" for `future-date`: `--as-of`, or the real date.
    pub today: Date,
}

/// A data-stage check: reads the dataset, appends findings.
pub type CheckFn = fn(&Context, &mut Vec<Finding>);

/// A check in the registry: the function that runs it over the dataset,
/// for a data-stage check.
pub struct Entry {
    pub check: &'static Check,
    pub run: Option<CheckFn>,
}

/// A check the loader makes.
const fn loader(check: &'static Check) -> Entry {
    Entry { check, run: None }
}

/// A check run over the loaded dataset.
const fn data(check: &'static Check, run: CheckFn) -> Entry {
    Entry {
        check,
        run: Some(run),
    }
}

/// Every check, in the order they are listed (`bangcun check --list`) and
/// run.
pub const ENTRIES: [Entry; 45] = [
    loader(&load::UNREADABLE_FILE),
    loader(&load::OUTSIDE_LINK),
    loader(&load::REPEATED_LINK),
    loader(&load::LEFTOVER_TEMP_FILE),
    loader(&load::BAD_WORKBOOK),
    loader(&load::BAD_ENCODING),
    loader(&load::MIXED_ENCODING),
    loader(&load::AMBIGUOUS_ENCODING),
    loader(&load::BIG5_ENCODING),
    loader(&load::BAD_QUOTING),
    loader(&load::FIELD_COUNT),
    loader(&load::INVALID_TOML),
    loader(&load::EMPTY_FILE),
    loader(&load::MISSING_COLUMN),
    loader(&load::DUPLICATE_COLUMN),
    loader(&load::UNKNOWN_COLUMN),
    loader(&load::MISSING_VALUE),
    loader(&load::INVALID_DATE),
    loader(&load::INVALID_NUMBER),
    loader(&load::INVALID_VALUE),
    loader(&load::INVALID_YEAR),
    loader(&load::INVALID_STARS),
    loader(&INVALID_CONFIG),
    data(&DUPLICATE_ID, duplicate_id::run),
    loader(&load::UNKNOWN_REGION),
    loader(&load::UNKNOWN_CADRE),
    loader(&load::UNKNOWN_HOUSEHOLD),
    loader(&load::AMBIGUOUS_PLACE),
    loader(&load::AMBIGUOUS_CADRE),
    loader(&load::AMBIGUOUS_HOUSEHOLD),
    loader(&load::MANGLED_CODE),
    data(&PARENT_LEVEL, parent_level::run),
    data(&POINT_LEVEL, point_level::run),
    data(&DATE_ORDER, date_order::run),
    data(&NEEDS_RECTIFIED, needs_rectified::run),
    data(&STATUS_CONFLICT, status_conflict::run),
    data(&UNKNOWN_CATEGORY, unknown_category::run),
    data(&HOUSEHOLD_VILLAGE, household_village::run),
    data(&RATING_PLACE, rating_place::run),
    data(&DUPLICATE_YEAR, duplicate_year::run),
    data(&VISIT_PLACE, visit_place::run),
    data(&VISIT_OUTSIDE_LINK, visit_outside_link::run),
    data(&HOUSEHOLD_PLACE, household_place::run),
    data(&FUTURE_DATE, future_date::run),
    data(&DUPLICATE_VISIT, duplicate_visit::run),
];

/// Every check, in [`ENTRIES`] order.
pub static REGISTRY: &[&Check] = &checks(&ENTRIES);

const fn checks<const N: usize>(entries: &[Entry; N]) -> [&'static Check; N] {
    let mut out = [entries[0].check; N];
    let mut i = 0;
    while i < N {
        out[i] = entries[i].check;
        i += 1;
    }
    out
}

/// Runs the data-stage checks of the given severities (`check` wants all;
/// reports only need errors, to leave invalid records out). The checks
/// only read, so they run side by side on every core; their findings come
/// back in registry order.
pub fn run(ctx: &Context, severities: &[Severity]) -> Vec<Finding> {
    let checks: Vec<CheckFn> = ENTRIES
        .iter()
        .filter(|e| severities.contains(&e.check.severity))
        .filter_map(|e| e.run)
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
                a.name.starts_with(|c: char| c.is_ascii_lowercase())
                    && a.name
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{}",
                a.name
            );
            assert!(REGISTRY[i + 1..].iter().all(|b| b.name != a.name));
        }
    }
}
