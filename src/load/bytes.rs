//! Reading one data file from bytes, without the filesystem: the entry
//! point of the fuzz targets (`fuzz/`) and of the property tests. It runs
//! the same decoder, CSV/TOML readers and record builders as [`load`]
//! does for a file on disk; references are left unresolved, since there is
//! no folder around the file to resolve them against.
//!
//! [`load`]: super::load

use std::path::PathBuf;
use std::sync::OnceLock;

use super::{Format, Job, Part, read_text};
use crate::finding::Finding;
use crate::model::{self, FileId, Kind, KindVisitor, Stored};

/// What reading one file's bytes gave.
#[derive(Debug)]
pub struct FileRead {
    /// Data rows (CSV) or tables (TOML) read, valid or not.
    pub rows: usize,
    /// Rows that became records.
    pub records: usize,
    /// Everything found wrong, as `check` would report it for this file
    /// (all in file 0).
    pub findings: Vec<Finding>,
}

/// Reads `bytes` as a `format` file of `kind`.
pub fn read_bytes(bytes: &[u8], kind: Kind, format: Format) -> FileRead {
    let job = Job {
        file: FileId(0),
        kind,
        path: PathBuf::new(),
        format,
        size: bytes.len() as u64,
        sheet: None,
    };
    model::visit(kind, Read { bytes, job: &job })
}

/// Reads one file's bytes, of whichever kind it is.
struct Read<'a> {
    bytes: &'a [u8],
    job: &'a Job,
}

impl KindVisitor for Read<'_> {
    type Out = FileRead;

    fn visit<R: Stored>(self) -> FileRead {
        let mut part: Part<R> = Part::new(self.job.file);
        // No base: references stay pending, as nothing is loaded to
        // resolve them against.
        let aliases = crate::config::Aliases::default();
        read_text(self.bytes, self.job, &OnceLock::new(), &aliases, &mut part);
        FileRead {
            rows: part.meta.rows,
            records: part.records.len(),
            findings: part.meta.findings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rows_and_findings_from_bytes() {
        // Two data rows: the first is fine, the second has a bad date.
        let text = "日期,干部编号,地点代码\n2026-03-10,C1,411002\n2026-13-10,C1,411002\n";
        let read = read_bytes(text.as_bytes(), Kind::Visits, Format::Csv);
        assert_eq!((read.rows, read.records), (2, 1));
        let checks: Vec<_> = read.findings.iter().map(|f| f.check.name).collect();
        assert_eq!(checks, ["invalid-date"]);
        assert_eq!(read.findings[0].span.line, 3);
    }

    #[test]
    fn toml_too() {
        let text = "[[leave]]\ncadre = \"C1\"\nfrom = 2026-03-01\nto = 2026-03-02\n";
        let read = read_bytes(text.as_bytes(), Kind::Leaves, Format::Toml);
        assert_eq!((read.rows, read.records), (1, 1));
        assert!(read.findings.is_empty());
    }
}
