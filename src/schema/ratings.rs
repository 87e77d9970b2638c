//! `ratings`: the yearly rating of each village's party branch (五星支部
//! 评星), whether it is weak (软弱涣散), and whether the village met the
//! "three zeros" (三零). Also the two values the kind brings: a [`Year`]
//! and a number of [`Stars`].

use super::{Builder, FieldType, KeyOf, KindDef, Ref, RegionId, Type, YesNo, record};
use crate::lang::Lang;

record! {
    /// One village's rating for one year (评星定级).
    pub struct Rating in Ratings {
        /// A village (a rule of `rating-place`).
        place: Ref<RegionId> = "place" ("村（社区）", "村", "村名", "区划代码", "地点代码");
        year: Year = "year" ("年度", "年份", "评定年度");
        /// 0 when absent: not rated.
        stars: Stars = "stars" ("星级", "评星", "评定星级") default Stars(0);
        weak: YesNo = "weak" ("软弱涣散", "是否软弱涣散", "软弱涣散党组织") default YesNo::No;
        /// Absent: not assessed.
        sanling: Option<YesNo> = "sanling" ("三零达标", "三零", "是否三零", "三零村");
    }
}

pub const RATINGS: KindDef = KindDef {
    plural: "ratings",
    singular: "rating",
    zh: "评星定级",
    referrer_zh: "评星记录",
    key_name: ("村（社区）和年度", "place and year"),
    fields: Rating::FIELDS,
    sort: &["year", "place"],
    template: false,
};

/// A calendar year, 1900 to 2099 (as dates are): `2022`, `2022年` or
/// `2022年度` in a cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Year(pub u16);

impl Year {
    /// Reads a year as clerks write it; `None` for anything else.
    pub fn parse(text: &str) -> Option<Year> {
        let digits = text
            .trim()
            .trim_end_matches("年度")
            .trim_end_matches('年')
            .trim_end();
        if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Year::of(digits.parse().ok()?)
    }

    /// The year `n`, when it is one bangcun takes.
    pub fn of(n: i64) -> Option<Year> {
        (1900..=2099).contains(&n).then_some(Year(n as u16))
    }
}

impl std::fmt::Display for Year {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl FieldType for Year {
    const TYPE: Type = Type::Year;
    const REQUIRED: bool = true;
    fn take(b: &mut impl Builder, field: usize) -> Self {
        b.year(field).unwrap_or_default()
    }
    fn write(&self, _: &dyn KeyOf, _: Lang) -> String {
        self.0.to_string()
    }
}

/// A star rating, 0 to 5; 0 is "not rated" (未评星).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Stars(pub u8);

impl Stars {
    /// Reads `5`, `5星`, `五星`, `五星级`, `★★★★★`, `未评星`; `None` for
    /// anything else, or a number past 5.
    pub fn parse(text: &str) -> Option<Stars> {
        let text = text.trim();
        if matches!(text, "未评" | "未评星" | "未评定") {
            return Some(Stars(0));
        }
        if !text.is_empty() && text.chars().all(|c| c == '★') {
            return Stars::of(text.chars().count() as i64);
        }
        let bare = text
            .trim_end_matches("星级")
            .trim_end_matches('星')
            .trim_end();
        let n = match bare {
            "零" | "〇" => 0,
            "一" => 1,
            "二" | "两" => 2,
            "三" => 3,
            "四" => 4,
            "五" => 5,
            digits if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => {
                digits.parse().ok()?
            }
            _ => return None,
        };
        Stars::of(n)
    }

    /// `n` stars, when 0 ≤ n ≤ 5.
    pub fn of(n: i64) -> Option<Stars> {
        (0..=5).contains(&n).then_some(Stars(n as u8))
    }

    /// Rated: one star or more.
    pub fn rated(self) -> bool {
        self.0 > 0
    }
}

impl FieldType for Stars {
    const TYPE: Type = Type::Stars;
    const REQUIRED: bool = true;
    fn take(b: &mut impl Builder, field: usize) -> Self {
        b.stars(field).unwrap_or_default()
    }
    fn write(&self, _: &dyn KeyOf, _: Lang) -> String {
        self.0.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_as_clerks_write_them() {
        assert_eq!(Year::parse("2022"), Some(Year(2022)));
        assert_eq!(Year::parse("2022年"), Some(Year(2022)));
        assert_eq!(Year::parse("2022年度"), Some(Year(2022)));
        for bad in [
            "22",
            "2022.5",
            "二〇二二",
            "1899",
            "2100",
            "20222",
            "",
            "2022-01-01",
        ] {
            assert_eq!(Year::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn stars_as_clerks_write_them() {
        for (text, n) in [
            ("0", 0),
            ("5", 5),
            ("3星", 3),
            ("五星", 5),
            ("四星级", 4),
            ("★★", 2),
            ("未评星", 0),
        ] {
            assert_eq!(Stars::parse(text), Some(Stars(n)), "{text}");
        }
        for bad in ["6", "-1", "六星", "★★★★★★", "3.5", "", "良好"] {
            assert_eq!(Stars::parse(bad), None, "{bad}");
        }
    }
}
