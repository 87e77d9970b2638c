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

    /// A word of the office's own (`[visits.kinds]` in bangcun.toml), for
    /// the enumerations an office may extend; none by default.
    fn office(_text: &str, _office: &OfficeKinds) -> Option<Self> {
        None
    }

    /// The office's own words for values of the type, English and Chinese.
    fn office_words(_office: &OfficeKinds) -> Vec<(String, String)> {
        Vec::new()
    }

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
    /// A linking unit (a department, 帮扶单位) with its points: it has no
    /// work days unless `[workdays] unit` gives some.
    Unit,
}

impl CadreLevel {
    /// Every level, in order.
    pub const ALL: [CadreLevel; 4] = [
        CadreLevel::City,
        CadreLevel::County,
        CadreLevel::Township,
        CadreLevel::Unit,
    ];
}

/// What a visit was (走访类型).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum VisitKind {
    #[default]
    Workday,
    Petition,
    Forum,
    PartyDay,
    Revisit,
    Talk,
    Lecture,
    OrgLife,
    Other,
    /// The office's own kind: its place in `[visits.kinds]`.
    Office(u8),
}

impl VisitKind {
    /// The word in `lang`, the office's own kinds included.
    pub fn word_in(self, office: &OfficeKinds, lang: Lang) -> &str {
        match self {
            VisitKind::Office(i) => office
                .0
                .get(usize::from(i))
                .map_or("", |(en, zh)| lang.pick(zh, en)),
            builtin => builtin.word(lang),
        }
    }

    /// The English word (the stable value), the office's own included.
    pub fn english_in(self, office: &OfficeKinds) -> &str {
        self.word_in(office, Lang::En)
    }

    /// Reads a word of the built-in kinds or of the office's own.
    pub fn parse_in(text: &str, office: &OfficeKinds) -> Option<VisitKind> {
        Self::parse(text).or_else(|| Self::office(text, office))
    }
}

/// An office's own visit kinds, from `[visits.kinds]` in bangcun.toml: the
/// English word (what data and quotas may name) and the Chinese one, in
/// the order written. At most 200.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OfficeKinds(pub Vec<(String, String)>);

/// What kind of household a household in hardship is (帮扶户类型).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HouseholdKind {
    Rural,
    Urban,
    Other,
}

impl Enumeration for HouseholdKind {
    const WORDS: &'static [(Self, &'static str, &'static str)] = &[
        (HouseholdKind::Rural, "rural", "农村特困户"),
        (HouseholdKind::Urban, "urban", "城市困难居民"),
        (HouseholdKind::Other, "other", "其他"),
    ];
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
        (CadreLevel::Unit, "unit", "单位"),
    ];
}

impl Enumeration for VisitKind {
    const WORDS: &'static [(Self, &'static str, &'static str)] = &[
        (VisitKind::Workday, "workday", "工作日下沉"),
        (VisitKind::Petition, "petition", "接访"),
        (VisitKind::Forum, "forum", "座谈会"),
        (VisitKind::PartyDay, "party-day", "主题党日"),
        (VisitKind::Revisit, "revisit", "回访"),
        (VisitKind::Talk, "talk", "谈心"),
        (VisitKind::Lecture, "lecture", "宣讲"),
        (VisitKind::OrgLife, "org-life", "组织生活会"),
        (VisitKind::Other, "other", "其他"),
    ];

    fn office(text: &str, office: &OfficeKinds) -> Option<Self> {
        office
            .0
            .iter()
            .position(|(en, zh)| zh == text || en.eq_ignore_ascii_case(text))
            .and_then(|i| u8::try_from(i).ok())
            .map(VisitKind::Office)
    }

    fn office_words(office: &OfficeKinds) -> Vec<(String, String)> {
        office.0.clone()
    }
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
