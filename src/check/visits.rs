//! Warnings about visits and dates that are possible but suspicious.

use super::{Context, DUPLICATE_VISIT, FUTURE_DATE, VISIT_OUTSIDE_LINK, VISIT_PLACE};
use crate::finding::Finding;
use crate::i18n::Message;
use crate::index::Groups;
use crate::model::{Kind, Ref};

/// `visit-place`: a visit at a place that is not one of the cadre's points
/// nor inside one.
pub fn visit_place(ctx: &Context, out: &mut Vec<Finding>) {
    let data = ctx.data;
    for v in &data.visits {
        let (Some(cadre), Some(place)) = (v.cadre.id(), v.place.id()) else {
            continue;
        };
        // A place whose own parents are wrong cannot be placed; it has a
        // finding of its own.
        if ctx.index.county_of(place).is_none() {
            continue;
        }
        let cadre = data.cadre(cadre);
        let mut points = cadre.points.iter().filter_map(Ref::id).peekable();
        // With no readable point there is nothing to compare with; the
        // points have findings of their own.
        if points.peek().is_none() || points.any(|p| ctx.index.within(place, p)) {
            continue;
        }
        let place = &data.region(place).code;
        out.push(
            Finding::new(
                &VISIT_PLACE,
                v.span,
                Message::VisitPlace {
                    cadre: cadre.id.to_string(),
                    place: place.to_string(),
                },
            )
            .field("place")
            .value(place.clone()),
        );
    }
}

/// `visit-outside-link`: a visit before the cadre's start or after its end.
pub fn visit_outside_link(ctx: &Context, out: &mut Vec<Finding>) {
    let data = ctx.data;
    for v in &data.visits {
        let Some(cadre) = v.cadre.id().map(|c| data.cadre(c)) else {
            continue;
        };
        if !cadre.active_on(v.date) {
            out.push(
                Finding::new(
                    &VISIT_OUTSIDE_LINK,
                    v.span,
                    Message::VisitOutsideLink {
                        date: v.date,
                        start: cadre.start,
                        end: cadre.end,
                    },
                )
                .field("date")
                .value(v.date.to_string()),
            );
        }
    }
}

/// `future-date`: a visit or a problem dated after today.
pub fn future_date(ctx: &Context, out: &mut Vec<Finding>) {
    let today = ctx.today;
    let data = ctx.data;
    let visits = data
        .visits
        .iter()
        .map(|v| (Kind::Visits, "date", v.date, v.span));
    let problems = data
        .problems
        .iter()
        .map(|p| (Kind::Problems, "found", p.found, p.span));
    for (kind, field, date, span) in visits.chain(problems) {
        if date > today {
            out.push(
                Finding::new(
                    &FUTURE_DATE,
                    span,
                    Message::FutureDate { kind, date, today },
                )
                .field(field)
                .value(date.to_string()),
            );
        }
    }
}

/// `duplicate-visit`: the same cadre, date, place and kind twice. Visits
/// are grouped by cadre (a counting sort), each cadre's handful sorted by
/// date, place and kind, and neighbours compared.
pub fn duplicate_visit(ctx: &Context, out: &mut Vec<Finding>) {
    let data = ctx.data;
    // A visit whose cadre or place did not resolve has an error of its own.
    let keyed = data.visits.iter().enumerate().filter_map(|(i, v)| {
        let key = (v.date, v.place.id()?.0, v.kind as u8);
        Some(((key, i as u32), v.cadre.id()?.0 as usize))
    });
    let mut groups = Groups::new(data.cadres.len(), keyed);
    for c in 0..data.cadres.len() {
        let visits = groups.get_mut(c);
        visits.sort_unstable();
        for pair in visits.windows(2) {
            let [(a_key, a), (b_key, b)] = [pair[0], pair[1]];
            if a_key != b_key {
                continue;
            }
            let (a, b) = (&data.visits[a as usize], &data.visits[b as usize]);
            // Name the later line as the duplicate, the earlier as first.
            let (first, dup) = if a.span <= b.span { (a, b) } else { (b, a) };
            out.push(
                Finding::new(&DUPLICATE_VISIT, dup.span, Message::DuplicateVisit)
                    .related(first.span),
            );
        }
    }
}
