//! A finding: one problem with one cell, row or file, as data; and the
//! named check that makes it. Loading and checking return findings and
//! keep going; rendering them is `render::findings`' business.
//!
//! A check's identity ([`Check`]: its stable name, severity and one line
//! saying what it finds) and its messages ([`Describe`]: what is wrong and
//! what would be right, in both languages) are declared beside the code
//! that finds it: the load-stage checks in `load/`, `invalid-config` in
//! `config`, each data check in its own file of `check/`, whose registry
//! lists them all.

use std::any::Any;
use std::fmt;
use std::sync::Arc;

use crate::lang::Lang;
use crate::model::{FileId, Span};

/// How serious a finding is: errors fail `check` (exit 1), warnings only
/// with `--deny-warnings`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    /// The stable word, for programs.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }

    /// The word for people: 错误 / 警告, error / warning.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Severity::Error => lang.pick("错误", "error"),
            Severity::Warning => lang.pick("警告", "warning"),
        }
    }
}

/// One named check.
#[derive(Debug)]
pub struct Check {
    /// Stable, lowercase, hyphenated: the name in output and in the docs.
    pub name: &'static str,
    pub severity: Severity,
    /// What it finds, in one line (`bangcun check --list`), in English …
    pub about: &'static str,
    /// … and in Chinese.
    pub about_zh: &'static str,
}

impl Check {
    /// What the check finds, in `lang` (`bangcun check --list`).
    pub fn about(&self, lang: Lang) -> &'static str {
        lang.pick(self.about_zh, self.about)
    }
}

/// Checks are the same when their names are: names are unique.
impl PartialEq for Check {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

/// What a finding says, in either language: what is wrong (the headline)
/// and what would be right. Each check's messages are types of their own,
/// beside the code that makes them.
pub trait Describe: fmt::Debug + PartialEq + Send + Sync + 'static {
    /// The headline: what is wrong.
    fn text(&self, lang: Lang) -> String;
    /// What would be right, when there is something to say.
    fn help(&self, lang: Lang) -> Option<String>;
}

/// Declares the message of a value as written (`text`) whose help says
/// the same whatever the value: the struct and its [`Describe`], the
/// headline naming the value by the identifier given between bars.
///
/// ```ignore
/// text_message! {
///     /// A year that is none (`invalid-year`).
///     InvalidYear, |text| "“{text}”不是年度", "\"{text}\" is not a year";
///     help "写四位年份，如 2022", "write the year in four digits, such as 2022"
/// }
/// ```
macro_rules! text_message {
    ($(#[$meta:meta])* $name:ident, |$text:ident| $zh:literal, $en:literal;
     help $help_zh:literal, $help_en:literal $(,)?) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct $name {
            pub text: String,
        }

        impl $crate::finding::Describe for $name {
            fn text(&self, lang: $crate::lang::Lang) -> String {
                let $text = &self.text;
                $crate::lang::tr!(lang, $zh, $en)
            }

            fn help(&self, lang: $crate::lang::Lang) -> Option<String> {
                Some($crate::lang::tr!(lang, $help_zh, $help_en))
            }
        }
    };
}
pub(crate) use text_message;

/// A message of any check, as a finding holds it.
#[derive(Clone)]
pub struct Message(Arc<dyn Erased>);

/// [`Describe`] made object-safe: what [`Message`] holds.
trait Erased: fmt::Debug + Send + Sync {
    fn text(&self, lang: Lang) -> String;
    fn help(&self, lang: Lang) -> Option<String>;
    fn as_any(&self) -> &dyn Any;
    fn same(&self, other: &dyn Erased) -> bool;
}

impl<T: Describe> Erased for T {
    fn text(&self, lang: Lang) -> String {
        Describe::text(self, lang)
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Describe::help(self, lang)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn same(&self, other: &dyn Erased) -> bool {
        other.as_any().downcast_ref::<T>() == Some(self)
    }
}

impl Message {
    pub fn new(message: impl Describe) -> Message {
        Message(Arc::new(message))
    }

    /// The headline: what is wrong.
    pub fn text(&self, lang: Lang) -> String {
        self.0.text(lang)
    }

    /// What would be right, when there is something to say.
    pub fn help(&self, lang: Lang) -> Option<String> {
        self.0.help(lang)
    }

    /// The message as the type it was made as, if it is one.
    pub fn get<T: Describe>(&self) -> Option<&T> {
        self.0.as_any().downcast_ref()
    }
}

impl fmt::Debug for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl PartialEq for Message {
    fn eq(&self, other: &Self) -> bool {
        self.0.same(&*other.0)
    }
}

impl<T: Describe> PartialEq<T> for Message {
    fn eq(&self, other: &T) -> bool {
        self.get::<T>() == Some(other)
    }
}

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
    pub fn new(check: &'static Check, span: Span, message: impl Describe) -> Self {
        Finding {
            check,
            span,
            field: None,
            value: None,
            message: Message::new(message),
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

/// The most characters of a value a finding shows.
const SHOWN_CHARS: usize = 100;

/// Text from a file as a finding shows it: cut short when long, so that
/// one huge cell cannot fill a screen or a CI log.
pub fn shown(text: &str) -> String {
    crate::text::clip(text.to_string(), SHOWN_CHARS)
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

    static SOME_CHECK: Check = Check {
        name: "some-check",
        severity: Severity::Warning,
        about: "a check for these tests",
        about_zh: "测试用的检查",
    };

    #[derive(Clone, Debug, PartialEq)]
    struct Said(u32);

    impl Describe for Said {
        fn text(&self, lang: Lang) -> String {
            lang.pick(format!("说了 {}", self.0), format!("said {}", self.0))
        }
        fn help(&self, _: Lang) -> Option<String> {
            None
        }
    }

    #[derive(Clone, Debug, PartialEq)]
    struct Other;

    impl Describe for Other {
        fn text(&self, _: Lang) -> String {
            String::new()
        }
        fn help(&self, _: Lang) -> Option<String> {
            None
        }
    }

    fn at(file: u32, line: u32) -> Span {
        Span {
            file: FileId(file),
            line,
        }
    }

    #[test]
    fn a_finding_belongs_to_its_file_and_its_related_file() {
        let files = |f: Finding| f.files().collect::<Vec<_>>();
        let alone = Finding::new(&SOME_CHECK, at(3, 6), Said(1));
        assert_eq!(files(alone.clone()), [FileId(3)]);
        assert_eq!(files(alone.clone().related(at(3, 2))), [FileId(3)]);
        assert_eq!(files(alone.related(at(1, 2))), [FileId(3), FileId(1)]);
    }

    #[test]
    fn messages_compare_by_type_and_value() {
        let said = Finding::new(&SOME_CHECK, at(1, 1), Said(1));
        assert_eq!(said.message, Said(1));
        assert_ne!(said.message, Said(2));
        assert_ne!(said.message, Other);
        assert_eq!(said.message, Message::new(Said(1)));
        assert_eq!(said.message.get::<Said>(), Some(&Said(1)));
        assert_eq!(said.message.text(Lang::En), "said 1");
        assert_eq!(format!("{:?}", said.message), "Said(1)");
    }
}
