//! Checks within one record: dates in order, values that need another,
//! categories from the configuration.

use super::{Context, DATE_ORDER, NEEDS_RECTIFIED, UNKNOWN_CATEGORY};
use crate::finding::Finding;
use crate::i18n::Message;
use crate::model::{Date, Kind, Span};

/// `date-order`: end before start, rectified / deadline before found,
/// verified before rectified, a leave's to before its from.
pub fn date_order(ctx: &Context, out: &mut Vec<Finding>) {
    let data = ctx.data;
    let mut check = |kind: Kind,
                     span: Span,
                     later: (&'static str, Option<Date>),
                     earlier: (&'static str, Option<Date>)| {
        if let (Some(date), Some(other_date)) = (later.1, earlier.1) {
            if date < other_date {
                out.push(
                    Finding::new(
                        &DATE_ORDER,
                        span,
                        Message::DateOrder {
                            kind,
                            field: later.0,
                            date,
                            other: earlier.0,
                            other_date,
                        },
                    )
                    .field(later.0)
                    .value(date.to_string()),
                );
            }
        }
    };
    for c in &data.cadres {
        check(Kind::Cadres, c.span, ("end", c.end), ("start", c.start));
    }
    for p in &data.problems {
        let found = ("found", Some(p.found));
        check(Kind::Problems, p.span, ("deadline", p.deadline), found);
        check(Kind::Problems, p.span, ("rectified", p.rectified), found);
        check(
            Kind::Problems,
            p.span,
            ("verified", p.verified),
            ("rectified", p.rectified),
        );
    }
    for l in &data.leaves {
        check(
            Kind::Leaves,
            l.span,
            ("to", Some(l.to)),
            ("from", Some(l.from)),
        );
    }
}

/// `needs-rectified`: verified or satisfaction on a problem not rectified.
pub fn needs_rectified(ctx: &Context, out: &mut Vec<Finding>) {
    for p in ctx.data.problems.iter().filter(|p| p.rectified.is_none()) {
        if let Some(verified) = p.verified {
            out.push(
                Finding::new(
                    &NEEDS_RECTIFIED,
                    p.span,
                    Message::NeedsRectified { field: "verified" },
                )
                .field("verified")
                .value(verified.to_string()),
            );
        }
        if let Some(s) = p.satisfaction {
            out.push(
                Finding::new(
                    &NEEDS_RECTIFIED,
                    p.span,
                    Message::NeedsRectified {
                        field: "satisfaction",
                    },
                )
                .field("satisfaction")
                .value(crate::model::Enumeration::chinese(s)),
            );
        }
    }
}

/// `unknown-category`: a category not configured in `bangcun.toml`.
pub fn unknown_category(ctx: &Context, out: &mut Vec<Finding>) {
    let allowed = &ctx.data.config.categories;
    for p in &ctx.data.problems {
        if !allowed.iter().any(|c| **c == *p.category) {
            out.push(
                Finding::new(
                    &UNKNOWN_CATEGORY,
                    p.span,
                    Message::UnknownCategory {
                        category: p.category.to_string(),
                        allowed: allowed.clone(),
                    },
                )
                .field("category")
                .value(p.category.clone()),
            );
        }
    }
}
