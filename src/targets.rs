//! The figures a target may be set for (`[targets]` in `bangcun.toml`,
//! docs/data.md), and what a target is: a figure's name and its goal, at
//! least or at most a number. Reports judge their figures against them
//! (`report::targets`); the settings read them (`config`).
//!
//! A rate's target (`rectification_rate = 0.9`) is always "at least". A
//! count's target takes the direction the count is better in: more
//! five-star branches (`five_star = 60`: at least 60), fewer weak ones
//! (`weak = 0`: at most 0). A count that is better neither way (`problems`:
//! more found may be good work or bad news) takes no bare number; its
//! direction is written out, as any target's may be: `{ at_least = 60 }`,
//! `{ at_most = 0 }`.

/// What a figure is, and so what a bare number set as its target means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sense {
    /// A rate, 0 to 1: at least.
    Rate,
    /// A count that is better higher: at least.
    More,
    /// A count that is better lower (weak branches, overdue problems): at
    /// most.
    Fewer,
    /// A count that is better neither way: the direction must be written.
    Either,
}

/// Every figure a target may name, by its stable key (the key of the
/// report column that holds it), with its sense. A quota's compliance is
/// named by the quota's name.
pub const FIGURES: &[(&str, Sense)] = &[
    // report summary
    ("cadres", Sense::Either),
    ("townships", Sense::Either),
    ("townships_covered", Sense::More),
    ("villages", Sense::Either),
    ("villages_covered", Sense::More),
    ("workdays_due", Sense::Either),
    ("workdays_attended", Sense::More),
    ("attendance_rate", Sense::Rate),
    ("visits", Sense::More),
    ("forums", Sense::More),
    ("people", Sense::More),
    ("problems", Sense::Either),
    ("rectified", Sense::More),
    ("rectification_rate", Sense::Rate),
    ("new_problems", Sense::Either),
    ("new_rectified", Sense::More),
    ("overdue", Sense::Fewer),
    ("revisit_lagging", Sense::Fewer),
    ("identification_rate", Sense::Rate),
    ("satisfaction_rate", Sense::Rate),
    // report ratings
    ("rated", Sense::More),
    ("five_star", Sense::More),
    ("four_star", Sense::More),
    ("three_star", Sense::Either),
    ("two_star", Sense::Either),
    ("one_star", Sense::Either),
    ("stars3_rate", Sense::Rate),
    ("weak", Sense::Fewer),
    ("sanling_assessed", Sense::More),
    ("sanling_met", Sense::More),
    ("sanling_rate", Sense::Rate),
    // report reviews: every cadre's rate, at least (judged on the lowest)
    ("review_rate", Sense::Rate),
];

/// The sense of the figure called `name`, if there is one.
pub fn sense(name: &str) -> Option<Sense> {
    FIGURES.iter().find(|(n, _)| *n == name).map(|&(_, s)| s)
}

/// At least or at most a number: a fraction for a rate, a whole number
/// for a count.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Goal {
    AtLeast(f64),
    AtMost(f64),
}

impl Goal {
    /// Whether `value` reaches the goal.
    pub fn met(self, value: f64) -> bool {
        match self {
            // A hair of tolerance for the arithmetic of floats: 9 of 10
            // meets 0.9, however the division rounds.
            Goal::AtLeast(bound) => value + 1e-9 >= bound,
            Goal::AtMost(bound) => value <= bound + 1e-9,
        }
    }

    /// The number it bounds.
    pub fn bound(self) -> f64 {
        match self {
            Goal::AtLeast(b) | Goal::AtMost(b) => b,
        }
    }

    /// `at_least` or `at_most`, as `bangcun.toml` and JSON write it.
    pub fn word(self) -> &'static str {
        match self {
            Goal::AtLeast(_) => "at_least",
            Goal::AtMost(_) => "at_most",
        }
    }
}

/// A target: the figure it is set for and its goal.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    /// A key of [`FIGURES`] (or a quota's name).
    pub figure: String,
    pub goal: Goal,
    /// Whether the figure is a rate (its goal a fraction).
    pub rate: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goals() {
        assert!(Goal::AtLeast(0.9).met(0.9));
        assert!(Goal::AtLeast(0.9).met(0.95));
        assert!(!Goal::AtLeast(0.9).met(0.8999));
        assert!(Goal::AtMost(0.0).met(0.0));
        assert!(!Goal::AtMost(0.0).met(1.0));
        assert_eq!(sense("weak"), Some(Sense::Fewer));
        assert_eq!(sense("five_star"), Some(Sense::More));
        assert_eq!(sense("no_such_figure"), None);
    }
}
