//! Rendering computed results for people and programs. Nothing here
//! computes; everything here writes.

mod findings;
pub mod svg;

pub use findings::{FindingFormat, render_findings};
