//! The ratings of a year (docs/reports.md): per county or township, how
//! many villages there are and how many were rated, by stars (五星支部),
//! how many branches are weak (软弱涣散), how many villages were assessed
//! for the three zeros (三零) and met them; and the reviews (评议) of the
//! cadres, each cadre's votes and rate.

use super::{By, Ctx, rate};
use chrono::Datelike;

use crate::model::{CadreId, Date, RegionId, RegionLevel, Review, Year};

/// The rating figures of one row. Counts only; the rates follow from them,
/// so that a total's rate is the rate of its sums.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RatingFigures {
    /// Villages (communities) in the row, rated or not.
    pub villages: u64,
    /// Villages rated one star or more for the year. A village with no
    /// rating, or rated 0 (not rated), is not rated: never "zero stars".
    pub rated: u64,
    /// Rated villages by stars: `stars[n - 1]` have n stars.
    pub stars: [u64; 5],
    /// Villages whose branch is weak (软弱涣散) that year.
    pub weak: u64,
    /// Villages assessed for the three zeros (三零) …
    pub sanling_assessed: u64,
    /// … and those that met them.
    pub sanling_met: u64,
}

impl RatingFigures {
    /// Villages with `n` stars (1 to 5).
    pub fn with_stars(&self, n: usize) -> u64 {
        self.stars.get(n.wrapping_sub(1)).copied().unwrap_or(0)
    }

    /// Three stars or more, of the rated villages.
    pub fn stars3_rate(&self) -> Option<f64> {
        rate(self.stars[2..].iter().sum(), self.rated)
    }

    /// Met the three zeros, of the villages assessed.
    pub fn sanling_rate(&self) -> Option<f64> {
        rate(self.sanling_met, self.sanling_assessed)
    }

    fn add(&mut self, o: &RatingFigures) {
        self.villages += o.villages;
        self.rated += o.rated;
        for (a, b) in self.stars.iter_mut().zip(o.stars) {
            *a += b;
        }
        self.weak += o.weak;
        self.sanling_assessed += o.sanling_assessed;
        self.sanling_met += o.sanling_met;
    }
}

/// The ratings of a year: one row per county (or township), and the
/// total.
#[derive(Clone, Debug, PartialEq)]
pub struct Ratings {
    pub year: Year,
    /// Every valid county (or township), empty ones included, ordered by
    /// county code (then township code).
    pub rows: Vec<(RegionId, RatingFigures)>,
    pub total: RatingFigures,
}

/// Computes the ratings of `year`, grouped `by` county or township: one
/// pass over the regions and one over the ratings.
pub fn ratings(ctx: &Ctx, year: Year, by: By) -> Ratings {
    let data = ctx.data;
    let units = super::summary::rows_by(ctx, by);
    let mut row_of = vec![None; data.regions.len()];
    for (row, &unit) in units.iter().enumerate() {
        row_of[unit.0 as usize] = Some(row);
    }
    // The row of a valid village (a village's township and county are
    // valid when it is).
    let row = |village: RegionId| -> Option<usize> {
        let i = village.0 as usize;
        let unit = match by {
            By::County => ctx.index.county.get(i).copied().flatten(),
            By::Township => ctx.index.township.get(i).copied().flatten(),
        };
        row_of[unit?.0 as usize]
    };
    let mut figures = vec![RatingFigures::default(); units.len()];
    for (i, r) in data.regions.iter().enumerate() {
        let id = RegionId(i as u32);
        if r.level == RegionLevel::Village && ctx.valid.region(id) {
            if let Some(row) = row(id) {
                figures[row].villages += 1;
            }
        }
    }
    for r in data.ratings.iter().filter(|r| r.year == year) {
        let Some(place) = r.place.id() else { continue };
        if !ctx.valid.record(r) {
            continue;
        }
        let Some(f) = row(place).and_then(|row| figures.get_mut(row)) else {
            continue;
        };
        if r.stars.rated() {
            f.rated += 1;
            f.stars[usize::from(r.stars.0) - 1] += 1;
        }
        f.weak += u64::from(r.weak.yes());
        if let Some(met) = r.sanling {
            f.sanling_assessed += 1;
            f.sanling_met += u64::from(met.yes());
        }
    }
    let mut total = RatingFigures::default();
    for f in &figures {
        total.add(f);
    }
    Ratings {
        year,
        rows: units.into_iter().zip(figures).collect(),
        total,
    }
}

/// One cadre's review of a year.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Reviewed<'a> {
    pub cadre: CadreId,
    pub review: &'a Review,
}

impl Reviewed<'_> {
    /// (Satisfied + basic) / every vote; `None` without votes.
    pub fn rate(&self) -> Option<f64> {
        let r = self.review;
        rate(u64::from(r.satisfied) + u64::from(r.basic), r.votes())
    }
}

/// The valid reviews of `year`, lowest rate first (a review without
/// votes, whose rate is undefined, last), then by cadre id; with `below`,
/// only the cadres whose rate is under it.
pub fn reviews<'a>(ctx: &Ctx<'a>, year: Year, below: Option<f64>) -> Vec<Reviewed<'a>> {
    let data = ctx.data;
    let mut out: Vec<Reviewed<'a>> = data
        .reviews
        .iter()
        .filter(|r| r.year == year && ctx.valid.record(*r))
        .filter_map(|review| {
            let cadre = review.cadre.id()?;
            Some(Reviewed { cadre, review })
        })
        .filter(|r| below.is_none_or(|t| r.rate().is_some_and(|rate| rate < t)))
        .collect();
    out.sort_by(|a, b| {
        let key = |r: &Reviewed| r.rate().unwrap_or(f64::INFINITY);
        key(a)
            .total_cmp(&key(b))
            .then_with(|| data.cadre(a.cadre).id.cmp(&data.cadre(b.cadre).id))
    });
    out
}

/// The rate of every vote of `year` together: (satisfied + basic) / all.
pub fn review_rate(reviews: &[Reviewed]) -> Option<f64> {
    let (good, all) = reviews.iter().fold((0, 0), |(good, all), r| {
        let v = r.review;
        (
            good + u64::from(v.satisfied) + u64::from(v.basic),
            all + v.votes(),
        )
    });
    rate(good, all)
}

/// The latest year of a valid rating up to the year of `as_of` (a later
/// one does not exist yet), if any: the year `report ratings` and the
/// monthly summary show when none is asked.
pub fn latest_rating_year(ctx: &Ctx, as_of: Date) -> Option<Year> {
    let valid = ctx.data.ratings.iter().filter(|r| ctx.valid.record(*r));
    valid
        .map(|r| r.year)
        .filter(|y| i32::from(y.0) <= as_of.year())
        .max()
}

/// The latest year of a valid review up to the year of `as_of`, if any.
pub fn latest_review_year(ctx: &Ctx, as_of: Date) -> Option<Year> {
    let valid = ctx.data.reviews.iter().filter(|r| ctx.valid.record(*r));
    valid
        .map(|r| r.year)
        .filter(|y| i32::from(y.0) <= as_of.year())
        .max()
}
