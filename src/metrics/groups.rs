//! The problem figures of the summary (docs/reports.md) per group of
//! problems rather than per place: by category, source, responsible unit
//! or the level of the cadre who found them (`report summary --by …`).
//! Only the problem figures: attendance, visits and coverage have no
//! meaning for such a group.

use std::collections::HashMap;

use super::problems::{Finder, finder};
use super::summary::count_problems;
use super::{Ctx, Figures, Window};
use crate::model::{Enumeration, Source};

/// How the problems are grouped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grouping {
    Category,
    Source,
    Unit,
    Level,
}

/// A group of problems.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Group {
    Category(Box<str>),
    Source(Source),
    /// A responsible unit as written (trimmed).
    Unit(Box<str>),
    /// Problems with no responsible unit.
    NoUnit,
    Level(Finder),
}

impl Group {
    /// The stable key of the group (`group`): the category, the source
    /// word, the unit (empty for none), the level word.
    pub fn key(&self) -> &str {
        match self {
            Group::Category(c) | Group::Unit(c) => c,
            Group::Source(s) => s.english(),
            Group::NoUnit => "",
            Group::Level(l) => l.key(),
        }
    }
}

/// The figures per group, in the order of the grouping (categories as
/// configured, then any others; sources and levels in their order; units
/// by name, none last), and the total.
#[derive(Clone, Debug, PartialEq)]
pub struct Grouped {
    pub rows: Vec<(Group, Figures)>,
    pub total: Figures,
}

/// The problem figures of `window` per group; every source, level and
/// configured category has its row, a unit only when it has problems.
pub fn grouped(ctx: &Ctx, window: &Window, by: Grouping) -> Grouped {
    let mut groups: Vec<Group> = match by {
        Grouping::Category => ctx
            .config
            .categories
            .iter()
            .map(|c| Group::Category(c.as_str().into()))
            .collect(),
        Grouping::Source => [Source::Cadre, Source::Inspection, Source::Petition]
            .map(Group::Source)
            .into(),
        // A unit (单位, issue 11) only where one found a problem.
        Grouping::Level => Finder::ALL
            .into_iter()
            .filter(|&l| l != Finder::Unit)
            .map(Group::Level)
            .collect(),
        Grouping::Unit => Vec::new(),
    };
    let group_of = |p: &crate::model::Problem| match by {
        Grouping::Category => Group::Category(p.category.trim().into()),
        Grouping::Source => Group::Source(p.source),
        Grouping::Level => Group::Level(finder(ctx, p)),
        Grouping::Unit => match p.unit.as_deref().map(str::trim) {
            Some(u) if !u.is_empty() => Group::Unit(u.into()),
            _ => Group::NoUnit,
        },
    };
    // Every group a problem falls in has its slot, first the fixed ones.
    let mut slots: HashMap<Group, usize> = groups
        .iter()
        .cloned()
        .enumerate()
        .map(|(i, g)| (g, i))
        .collect();
    for p in ctx.data.problems.iter().filter(|p| ctx.valid.record(*p)) {
        let g = group_of(p);
        if !slots.contains_key(&g) {
            slots.insert(g.clone(), groups.len());
            groups.push(g);
        }
    }
    let mut figures = vec![Figures::default(); groups.len()];
    let in_a_county = |place| ctx.valid.region(place) && ctx.index.county_of(place).is_some();
    count_problems(
        ctx,
        window,
        |p, place| {
            in_a_county(place)
                .then(|| slots.get(&group_of(p)).copied())
                .flatten()
        },
        &mut figures,
    );
    let mut rows: Vec<(Group, Figures)> = groups.into_iter().zip(figures).collect();
    if by == Grouping::Unit {
        // Units by name, none last; a unit without a valid problem found
        // by D is no row.
        rows.retain(|(_, f)| f.problems > 0);
        rows.sort_by(|(a, _), (b, _)| {
            (*a == Group::NoUnit, a.key()).cmp(&(*b == Group::NoUnit, b.key()))
        });
    }
    if by == Grouping::Level {
        // Levels in their order, a unit's among them.
        rows.sort_by_key(|(g, _)| match g {
            Group::Level(l) => Some(*l),
            _ => None,
        });
    }
    let mut total = Figures::default();
    for (_, f) in &rows {
        total.add(f);
    }
    Grouped { rows, total }
}
