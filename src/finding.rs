//! A finding: one problem with one cell, row or file, as data. Loading and
//! checking return findings and keep going; rendering them is
//! `render::findings`' business.

use crate::check::{Check, Severity};
use crate::i18n::Message;
use crate::model::{FileId, Span};

/// One thing wrong (or suspicious) in the data.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// The named check that found it; gives the severity.
    pub check: &'static Check,
    /// Where: a file and line (line 0 for the file as a whole).
    pub span: Span,
    /// The English name of the field, when one field is at fault.
    pub field: Option<&'static str>,
    /// The offending value as written.
    pub value: Option<Box<str>>,
    /// What is wrong and what would be right, in either language.
    pub message: Message,
    /// A second place involved (the first of two duplicates).
    pub related: Option<Span>,
}

impl Finding {
    pub fn new(check: &'static Check, span: Span, message: Message) -> Self {
        Finding {
            check,
            span,
            field: None,
            value: None,
            message,
            related: None,
        }
    }

    /// Names the field at fault.
    pub fn field(mut self, field: &'static str) -> Self {
        self.field = Some(field);
        self
    }

    /// Records the offending value.
    pub fn value(mut self, value: impl Into<Box<str>>) -> Self {
        self.value = Some(value.into());
        self
    }

    /// Names a second place involved.
    pub fn related(mut self, span: Span) -> Self {
        self.related = Some(span);
        self
    }

    /// The files the finding belongs to: its own, and its related place's
    /// when that is another (both places of a duplicate are in question).
    pub fn files(&self) -> impl Iterator<Item = FileId> {
        let own = self.span.file;
        let related = self.related.map(|r| r.file).filter(|&file| file != own);
        std::iter::once(own).chain(related)
    }

    pub fn severity(&self) -> Severity {
        self.check.severity
    }

    pub fn is_error(&self) -> bool {
        self.check.severity == Severity::Error
    }
}

/// Error and warning counts of a list of findings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
}

impl Counts {
    pub fn of(findings: &[Finding]) -> Counts {
        let errors = findings.iter().filter(|f| f.is_error()).count();
        Counts {
            errors,
            warnings: findings.len() - errors,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::DUPLICATE_VISIT;

    #[test]
    fn a_finding_belongs_to_its_file_and_its_related_file() {
        let at = |file, line| Span {
            file: FileId(file),
            line,
        };
        let files = |f: Finding| f.files().collect::<Vec<_>>();
        let alone = Finding::new(&DUPLICATE_VISIT, at(3, 6), Message::DuplicateVisit);
        assert_eq!(files(alone.clone()), [FileId(3)]);
        assert_eq!(files(alone.clone().related(at(3, 2))), [FileId(3)]);
        assert_eq!(files(alone.related(at(1, 2))), [FileId(3), FileId(1)]);
    }
}
