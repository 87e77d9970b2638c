//! The enumerations of the data (docs/data.md), each with its words: an
//! English word (the stable value programs read) and a Chinese one, either
//! accepted in a cell, and the other words clerks write for the same value
//! (乡镇, 街道 for a township; 群众反映 for a petition), read as well.

use crate::lang::Lang;

/// An enumeration as written in the data: each value has one English and
/// one Chinese word, and either is accepted.
pub trait Enumeration: Sized + Copy + PartialEq + 'static {
    /// Every value with its English and Chinese word; the first is the
    /// value a field of the type holds until its cell is read.
    const WORDS: &'static [(Self, &'static str, &'static str)];

    /// The other words clerks write for a value, read as well (`fmt`
    /// writes the value's own word instead).
    const ALSO: &'static [(Self, &'static str)] = &[];

    /// A word of the office's own (`[visits.kinds]` in bangcun.toml), for
    /// the enumerations an office may extend; none by default.
    fn office(_text: &str, _office: &OfficeKinds) -> Option<Self> {
        None
    }

    /// The office's own words for values of the type, English and Chinese.
    fn office_words(_office: &OfficeKinds) -> Vec<(String, String)> {
        Vec::new()
    }

    /// Reads an English (any case) or Chinese word, or one of the other
    /// words ([`Enumeration::ALSO`]).
    fn parse(text: &str) -> Option<Self> {
        Self::WORDS
            .iter()
            .find(|(_, en, zh)| *zh == text || en.eq_ignore_ascii_case(text))
            .map(|(value, _, _)| *value)
            .or_else(|| Self::synonym(text))
    }

    /// One of the other words; apart, so that the usual word costs no
    /// more than before.
    #[cold]
    fn synonym(text: &str) -> Option<Self> {
        Self::ALSO
            .iter()
            .find(|(_, word)| word.eq_ignore_ascii_case(text))
            .map(|(value, _)| *value)
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

/// Every word of `E` read for `value`: its English and Chinese word, then
/// the others (for the documentation and the help of a finding).
pub fn words_of<E: Enumeration>(value: E) -> impl Iterator<Item = &'static str> {
    E::WORDS
        .iter()
        .filter(move |(v, _, _)| *v == value)
        .flat_map(|(_, en, zh)| [*en, *zh])
        .chain(
            E::ALSO
                .iter()
                .filter(move |(v, _)| *v == value)
                .map(|(_, w)| *w),
        )
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
    const ALSO: &'static [(Self, &'static str)] = &[
        (HouseholdKind::Rural, "农村"),
        (HouseholdKind::Rural, "农村困难户"),
        (HouseholdKind::Rural, "特困户"),
        (HouseholdKind::Urban, "城市"),
        (HouseholdKind::Urban, "城镇"),
        (HouseholdKind::Urban, "城市困难户"),
        (HouseholdKind::Urban, "城镇困难居民"),
        (HouseholdKind::Other, "其它"),
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
    const ALSO: &'static [(Self, &'static str)] = &[
        (RegionLevel::County, "县"),
        (RegionLevel::County, "区"),
        (RegionLevel::County, "县（市、区）"),
        (RegionLevel::County, "县(市、区)"),
        (RegionLevel::County, "县（区）"),
        (RegionLevel::County, "县(区)"),
        (RegionLevel::County, "县区"),
        (RegionLevel::County, "县级市"),
        (RegionLevel::County, "市辖区"),
        (RegionLevel::Township, "乡镇"),
        (RegionLevel::Township, "乡"),
        (RegionLevel::Township, "镇"),
        (RegionLevel::Township, "街道"),
        (RegionLevel::Township, "乡镇（街道）"),
        (RegionLevel::Township, "乡镇(街道)"),
        (RegionLevel::Township, "街道办事处"),
        (RegionLevel::Village, "村"),
        (RegionLevel::Village, "社区"),
        (RegionLevel::Village, "村委会"),
        (RegionLevel::Village, "居委会"),
        (RegionLevel::Village, "村（社区）"),
        (RegionLevel::Village, "村(社区)"),
        (RegionLevel::Village, "行政村"),
    ];
}

impl Enumeration for CadreLevel {
    const WORDS: &'static [(Self, &'static str, &'static str)] = &[
        (CadreLevel::City, "city", "市级"),
        (CadreLevel::County, "county", "县级"),
        (CadreLevel::Township, "township", "乡级"),
        (CadreLevel::Unit, "unit", "单位"),
    ];
    const ALSO: &'static [(Self, &'static str)] = &[
        (CadreLevel::City, "市"),
        (CadreLevel::City, "市直"),
        (CadreLevel::City, "市级干部"),
        (CadreLevel::City, "市级领导"),
        (CadreLevel::County, "县"),
        (CadreLevel::County, "区级"),
        (CadreLevel::County, "县区级"),
        (CadreLevel::County, "县（区）级"),
        (CadreLevel::County, "县(区)级"),
        (CadreLevel::County, "县级干部"),
        (CadreLevel::Township, "乡"),
        (CadreLevel::Township, "乡镇"),
        (CadreLevel::Township, "乡镇级"),
        (CadreLevel::Township, "街道级"),
        (CadreLevel::Township, "乡级干部"),
        (CadreLevel::Unit, "帮扶单位"),
        (CadreLevel::Unit, "联系单位"),
        (CadreLevel::Unit, "帮联单位"),
        (CadreLevel::Unit, "单位级"),
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
    const ALSO: &'static [(Self, &'static str)] = &[
        (VisitKind::Workday, "走访"),
        (VisitKind::Workday, "下沉"),
        (VisitKind::Workday, "入户走访"),
        (VisitKind::Workday, "下沉走访"),
        (VisitKind::Workday, "工作日"),
        (VisitKind::Workday, "双十工作日"),
        (VisitKind::Petition, "信访接待"),
        (VisitKind::Petition, "接待来访"),
        (VisitKind::Forum, "座谈"),
        (VisitKind::PartyDay, "主题党日活动"),
        (VisitKind::PartyDay, "党日"),
        (VisitKind::Talk, "谈心谈话"),
        (VisitKind::Talk, "谈心交流"),
        (VisitKind::Lecture, "政策宣讲"),
        (VisitKind::Lecture, "宣讲活动"),
        (VisitKind::OrgLife, "组织生活"),
        (VisitKind::OrgLife, "专题组织生活会"),
        (VisitKind::Other, "其它"),
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
    const ALSO: &'static [(Self, &'static str)] = &[
        (Source::Cadre, "排查"),
        (Source::Cadre, "走访发现"),
        (Source::Cadre, "干部走访"),
        (Source::Cadre, "排查发现"),
        (Source::Inspection, "督查发现"),
        (Source::Inspection, "督查"),
        (Source::Inspection, "督导"),
        (Source::Inspection, "暗访"),
        (Source::Inspection, "巡察移交"),
        (Source::Inspection, "检查发现"),
        (Source::Petition, "群众反映"),
        (Source::Petition, "群众举报"),
        (Source::Petition, "来信来访"),
        (Source::Petition, "信访"),
    ];
}

impl Enumeration for Satisfaction {
    const WORDS: &'static [(Self, &'static str, &'static str)] = &[
        (Satisfaction::Satisfied, "satisfied", "满意"),
        (Satisfaction::Basic, "basic", "基本满意"),
        (Satisfaction::Unsatisfied, "unsatisfied", "不满意"),
    ];
    const ALSO: &'static [(Self, &'static str)] = &[
        (Satisfaction::Satisfied, "非常满意"),
        (Satisfaction::Basic, "比较满意"),
        (Satisfaction::Basic, "较满意"),
        (Satisfaction::Unsatisfied, "很不满意"),
    ];
}

/// Where a problem's rectification stands, as a sheet's 整改状态 column
/// says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rectification {
    Rectified,
    InProgress,
    Open,
}

impl Enumeration for Rectification {
    const WORDS: &'static [(Self, &'static str, &'static str)] = &[
        (Rectification::Rectified, "rectified", "已整改"),
        (Rectification::InProgress, "in-progress", "整改中"),
        (Rectification::Open, "open", "未整改"),
    ];
    const ALSO: &'static [(Self, &'static str)] = &[
        (Rectification::Rectified, "已完成"),
        (Rectification::Rectified, "已办结"),
        (Rectification::Rectified, "完成整改"),
        (Rectification::Rectified, "已完成整改"),
        (Rectification::Rectified, "已销号"),
        (Rectification::InProgress, "正在整改"),
        (Rectification::InProgress, "部分整改"),
        (Rectification::InProgress, "推进中"),
        (Rectification::Open, "未开始"),
        (Rectification::Open, "未启动"),
    ];
}

/// A yes/no field (是否销号, 软弱涣散, 三零达标): 是/否, and the other words
/// clerks write.
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
    const ALSO: &'static [(Self, &'static str)] = &[
        (YesNo::Yes, "有"),
        (YesNo::Yes, "√"),
        (YesNo::Yes, "✓"),
        (YesNo::Yes, "✔"),
        (YesNo::Yes, "y"),
        (YesNo::Yes, "true"),
        (YesNo::Yes, "已销号"),
        (YesNo::No, "无"),
        (YesNo::No, "×"),
        (YesNo::No, "✗"),
        (YesNo::No, "✘"),
        (YesNo::No, "n"),
        (YesNo::No, "false"),
        (YesNo::No, "未销号"),
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clerks_words_read_as_the_values() {
        assert_eq!(RegionLevel::parse("街道"), Some(RegionLevel::Township));
        assert_eq!(
            RegionLevel::parse("县（市、区）"),
            Some(RegionLevel::County)
        );
        assert_eq!(RegionLevel::parse("居委会"), Some(RegionLevel::Village));
        assert_eq!(VisitKind::parse("入户走访"), Some(VisitKind::Workday));
        assert_eq!(Source::parse("群众举报"), Some(Source::Petition));
        assert_eq!(Source::parse("巡察移交"), Some(Source::Inspection));
        assert_eq!(Source::parse("走访发现"), Some(Source::Cadre));
        assert_eq!(YesNo::parse("√"), Some(YesNo::Yes));
        assert_eq!(YesNo::parse("无"), Some(YesNo::No));
        assert_eq!(YesNo::parse("Y"), Some(YesNo::Yes));
        assert_eq!(Source::parse("职能部门移交"), None);
        // fmt writes the value's own word.
        assert_eq!(translate::<RegionLevel>("镇", Lang::Zh), Some("乡级"));
        assert_eq!(translate::<Source>("信访", Lang::En), Some("petition"));
    }

    #[test]
    fn no_word_means_two_values() {
        fn distinct<E: Enumeration + std::fmt::Debug>() {
            let all: Vec<(E, &str)> = E::WORDS
                .iter()
                .flat_map(|(v, en, zh)| [(*v, *en), (*v, *zh)])
                .chain(E::ALSO.iter().copied())
                .collect();
            for (i, (a, w)) in all.iter().enumerate() {
                for (b, x) in &all[i + 1..] {
                    assert!(
                        a == b || !w.eq_ignore_ascii_case(x),
                        "{w} is {a:?} and {b:?}"
                    );
                }
            }
        }
        distinct::<RegionLevel>();
        distinct::<CadreLevel>();
        distinct::<VisitKind>();
        distinct::<Source>();
        distinct::<Satisfaction>();
        distinct::<YesNo>();
        distinct::<Rectification>();
        distinct::<HouseholdKind>();
    }
}
