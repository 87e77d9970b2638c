//! Where a record or a finding comes from: a file of the data folder and a
//! line of it. Every record carries its span from load time, and every
//! finding names one.

/// Index of a file in the list of files read (`Dataset::files`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// A file and a 1-based line (the line a text editor shows; the CSV header
/// is line 1). Line 0 means the file as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub file: FileId,
    pub line: u32,
}

impl Span {
    /// Line `line` of `file`.
    pub fn at(file: FileId, line: u32) -> Span {
        Span { file, line }
    }

    /// `file` as a whole.
    pub fn file(file: FileId) -> Span {
        Span { file, line: 0 }
    }
}
