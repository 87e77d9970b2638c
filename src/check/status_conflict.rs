//! `status-conflict`: a problem's status columns (整改状态, 是否销号) that
//! say otherwise than its dates. The dates remain the record — every
//! figure is as of a date — so the finding says which date to fill in, or
//! which status to correct.

use super::Context;
use crate::finding::{Check, Describe, Finding, Severity};
use crate::lang::{Lang, tr};
use crate::model::{Enumeration, Rectification, YesNo};

pub static STATUS_CONFLICT: Check = Check {
    name: "status-conflict",
    severity: Severity::Error,
    about: "a problem whose status or closed column says otherwise than its rectified or verified date",
    about_zh: "问题的整改状态或是否销号与整改日期、销号日期不符",
};

/// What the status says, against what the dates say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Conflict {
    /// 已整改 without a rectified date.
    RectifiedWithoutDate,
    /// A rectified date, with 整改中 or 未整改 (the word as written).
    DateButNotRectified(&'static str),
    /// 是否销号 = 是 without a verified date.
    ClosedWithoutDate,
    /// A verified date, with 是否销号 = 否.
    DateButNotClosed,
}

impl Describe for Conflict {
    fn text(&self, lang: Lang) -> String {
        match *self {
            Conflict::RectifiedWithoutDate => tr!(
                lang,
                "整改状态为“已整改”，但没有填写整改日期",
                "the status says rectified (已整改), but rectified (整改日期) is empty",
            ),
            Conflict::DateButNotRectified(word) => tr!(
                lang,
                "填写了整改日期，但整改状态为“{word}”",
                "rectified (整改日期) is filled in, but the status says {word}",
            ),
            Conflict::ClosedWithoutDate => tr!(
                lang,
                "是否销号为“是”，但没有填写销号日期",
                "closed (是否销号) says yes, but verified (销号日期) is empty",
            ),
            Conflict::DateButNotClosed => tr!(
                lang,
                "填写了销号日期，但是否销号为“否”",
                "verified (销号日期) is filled in, but closed (是否销号) says no",
            ),
        }
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(match self {
            Conflict::RectifiedWithoutDate => tr!(
                lang,
                "填写整改日期（整改完成的那一天）；尚未整改完成的，把整改状态改为“整改中”",
                "fill in rectified, the day it was rectified; if it is not rectified yet, set the status to 整改中",
            ),
            Conflict::DateButNotRectified(_) => tr!(
                lang,
                "已整改完成的，把整改状态改为“已整改”；尚未完成的，删去整改日期",
                "if it is rectified, set the status to 已整改; if not, remove the rectified date",
            ),
            Conflict::ClosedWithoutDate => tr!(
                lang,
                "填写销号日期（核实销号的那一天）；尚未销号的，把是否销号改为“否”",
                "fill in verified, the day it was verified and closed; if it is not closed yet, set closed to 否",
            ),
            Conflict::DateButNotClosed => tr!(
                lang,
                "已销号的，把是否销号改为“是”；尚未销号的，删去销号日期",
                "if it is closed, set closed to 是; if not, remove the verified date",
            ),
        })
    }
}

pub fn run(ctx: &Context, out: &mut Vec<Finding>) {
    for p in ctx.data.problems.iter() {
        let status = match (p.status, p.rectified) {
            (Some(Rectification::Rectified), None) => Some(Conflict::RectifiedWithoutDate),
            (Some(s @ (Rectification::InProgress | Rectification::Open)), Some(_)) => {
                Some(Conflict::DateButNotRectified(s.chinese()))
            }
            _ => None,
        };
        if let (Some(conflict), Some(s)) = (status, p.status) {
            out.push(
                Finding::new(&STATUS_CONFLICT, p.span, conflict)
                    .field("status")
                    .value(s.chinese()),
            );
        }
        let closed = match (p.closed, p.verified) {
            (Some(YesNo::Yes), None) => Some(Conflict::ClosedWithoutDate),
            (Some(YesNo::No), Some(_)) => Some(Conflict::DateButNotClosed),
            _ => None,
        };
        if let (Some(conflict), Some(c)) = (closed, p.closed) {
            out.push(
                Finding::new(&STATUS_CONFLICT, p.span, conflict)
                    .field("closed")
                    .value(c.chinese()),
            );
        }
    }
}
