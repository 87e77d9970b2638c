//! The enumerations of the data (docs/data.md), each with its words: an
//! English word (the stable value programs read) and a Chinese one, either
//! accepted in a cell.

use crate::lang::Lang;

/// An enumeration as written in the data: each value has one English and
/// one Chinese word, and either is accepted.
pub trait Enumeration: Sized + Copy + PartialEq + 'static {
    /// Every value with its English and Chinese word; the first is the
    /// value a field of the type holds until its cell is read.
    const WORDS: &'static [(Self, &'static str, &'static str)];

    /// Reads an English (any case) or Chinese word.
    fn parse(text: &str) -> Option<Self> {
        Self::WORDS
            .iter()
            .find(|(_, en, zh)| *zh == text || en.eq_ignore_ascii_case(text))
            .map(|(value, _, _)| *value)
    }

    /// The English word (the stable machine-readable value).
    fn english(self) -> &'static str {
        Self::WORDS
            .iter()
            .find(|(v, _, _)| *v == self)
            .map_or("", |(_, en, _)| en)
    }

    /// The Chinese word.
    fn chinese(self) -> &'static str {
        Self::WORDS
            .iter()
            .find(|(v, _, _)| *v == self)
            .map_or("", |(_, _, zh)| zh)
    }

    /// The word in `lang`.
    fn word(self, lang: Lang) -> &'static str {
        lang.pick(self.chinese(), self.english())
    }
}

/// The word in `lang` for a word of `E` in either language (`fmt` writes
/// a file's words in its language).
pub(super) fn translate<E: Enumeration>(text: &str, lang: Lang) -> Option<&'static str> {
    E::parse(text).map(|value| value.word(lang))
}

/// Administrative level of a region (行政区划层级).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RegionLevel {
    County,
    Township,
    Village,
}

impl RegionLevel {
    /// The level as people name a region of it: 县（区）, township …
    pub fn name(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            RegionLevel::County => ("县（区）", "county"),
            RegionLevel::Township => ("乡镇（街道）", "township"),
            RegionLevel::Village => ("村（社区）", "village"),
        };
        lang.pick(zh, en)
    }
}

/// Level of a cadre (干部级别); decides which work days apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CadreLevel {
    City,
    County,
    Township,
}

/// What a visit was (走访类型).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum VisitKind {
    Workday,
    Petition,
    Forum,
    PartyDay,
    Revisit,
    Other,
}

/// How a problem came to the ledger (问题来源).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Source {
    Cadre,
    Inspection,
    Petition,
}

/// What residents said of a rectification (群众满意度).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Satisfaction {
    Satisfied,
    Basic,
    Unsatisfied,
}

/// A yes/no field (是/否): whether a branch is weak, whether a village
/// met the three zeros.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum YesNo {
    Yes,
    No,
}

impl YesNo {
    pub fn yes(self) -> bool {
        self == YesNo::Yes
    }
}

impl Enumeration for YesNo {
    const WORDS: &'static [(Self, &'static str, &'static str)] =
        &[(YesNo::Yes, "yes", "是"), (YesNo::No, "no", "否")];
}

impl Enumeration for RegionLevel {
    const WORDS: &'static [(Self, &'static str, &'static str)] = &[
        (RegionLevel::County, "county", "县级"),
        (RegionLevel::Township, "township", "乡级"),
        (RegionLevel::Village, "village", "村级"),
    ];
}

impl Enumeration for CadreLevel {
    const WORDS: &'static [(Self, &'static str, &'static str)] = &[
        (CadreLevel::City, "city", "市级"),
        (CadreLevel::County, "county", "县级"),
        (CadreLevel::Township, "township", "乡级"),
    ];
}

impl Enumeration for VisitKind {
    const WORDS: &'static [(Self, &'static str, &'static str)] = &[
        (VisitKind::Workday, "workday", "工作日下沉"),
        (VisitKind::Petition, "petition", "接访"),
        (VisitKind::Forum, "forum", "座谈会"),
        (VisitKind::PartyDay, "party-day", "主题党日"),
        (VisitKind::Revisit, "revisit", "回访"),
        (VisitKind::Other, "other", "其他"),
    ];
}

impl Enumeration for Source {
    const WORDS: &'static [(Self, &'static str, &'static str)] = &[
        (Source::Cadre, "cadre", "干部排查"),
        (Source::Inspection, "inspection", "督导暗访"),
        (Source::Petition, "petition", "群众信访"),
    ];
}

impl Enumeration for Satisfaction {
    const WORDS: &'static [(Self, &'static str, &'static str)] = &[
        (Satisfaction::Satisfied, "satisfied", "满意"),
        (Satisfaction::Basic, "basic", "基本满意"),
        (Satisfaction::Unsatisfied, "unsatisfied", "不满意"),
    ];
}
