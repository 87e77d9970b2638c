//! Rendering computed results for people and programs. Nothing here
//! computes; everything here writes.

pub mod findings;
mod report;
pub mod svg;

pub use findings::{FindingFormat, render_findings};
pub use report::{DocKind, Document, Format, render, render_letter, render_workbook};
