//! Warnings about visits and dates that are possible but suspicious.

use super::{Context, DUPLICATE_VISIT, FUTURE_DATE, Records, VISIT_OUTSIDE_LINK, VISIT_PLACE};
use crate::finding::Finding;
use crate::i18n::Message;
use crate::model::{CadreId, Kind, Ref};

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
pub fn visit_outside_link(ctx: &Records, out: &mut Vec<Finding>) {
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
pub fn future_date(ctx: &Records, out: &mut Vec<Finding>) {
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

/// `duplicate-visit`: the same cadre, date, place and kind twice. The index
/// orders each cadre's visits by a key of date, place and kind, so
/// duplicates sit side by side with equal keys.
pub fn duplicate_visit(ctx: &Context, out: &mut Vec<Finding>) {
    let data = ctx.data;
    for c in 0..data.cadres.len() {
        let cadre = CadreId(c as u32);
        let keys = ctx.index.visit_keys(cadre);
        let ids = ctx.index.visits.get(c);
        for (i, pair) in keys.windows(2).enumerate() {
            // A visit whose place did not resolve has an error of its own.
            if pair[0] != pair[1] || pair[0].place().is_none() {
                continue;
            }
            let (a, b) = (
                &data.visits[ids[i] as usize],
                &data.visits[ids[i + 1] as usize],
            );
            // Name the later line as the duplicate, the earlier as first.
            let (first, dup) = if a.span <= b.span { (a, b) } else { (b, a) };
            out.push(
                Finding::new(&DUPLICATE_VISIT, dup.span, Message::DuplicateVisit)
                    .related(first.span),
            );
        }
    }
}
