//! The fields of each record kind (docs/data.md): English name, Chinese alias
//! and whether a value is always required. The loader maps CSV headers and
//! TOML keys through these tables; `init`, `fmt` and the messages write
//! them as headers.

use crate::lang::Lang;
use crate::model::Kind;

/// One field of a record kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    /// English field name: the CSV header, the TOML key, the JSON key.
    pub name: &'static str,
    /// Chinese alias accepted as CSV header (区划代码 for `code`).
    pub zh: &'static str,
    /// A value is needed on every record. Fields required only in some
    /// cases (a village's parent, a cadre-sourced problem's cadre) are
    /// checked by the record builder, not here.
    pub required: bool,
}

impl Field {
    /// The field's column header in `lang`: the Chinese alias or the
    /// English name.
    pub fn label(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.name,
        }
    }
}

const fn field(name: &'static str, zh: &'static str, required: bool) -> Field {
    Field { name, zh, required }
}

/// Field positions, shared by the schema tables and the record builders.
pub mod region {
    pub const CODE: usize = 0;
    pub const NAME: usize = 1;
    pub const LEVEL: usize = 2;
    pub const PARENT: usize = 3;
}

pub mod cadre {
    pub const ID: usize = 0;
    pub const NAME: usize = 1;
    pub const LEVEL: usize = 2;
    pub const UNIT: usize = 3;
    pub const POINTS: usize = 4;
    pub const START: usize = 5;
    pub const END: usize = 6;
}

pub mod visit {
    pub const DATE: usize = 0;
    pub const CADRE: usize = 1;
    pub const PLACE: usize = 2;
    pub const KIND: usize = 3;
    pub const FORUMS: usize = 4;
    pub const PEOPLE: usize = 5;
    pub const NOTE: usize = 6;
}

pub mod problem {
    pub const ID: usize = 0;
    pub const FOUND: usize = 1;
    pub const PLACE: usize = 2;
    pub const CADRE: usize = 3;
    pub const SOURCE: usize = 4;
    pub const CATEGORY: usize = 5;
    pub const SUMMARY: usize = 6;
    pub const UNIT: usize = 7;
    pub const DEADLINE: usize = 8;
    pub const RECTIFIED: usize = 9;
    pub const VERIFIED: usize = 10;
    pub const SATISFACTION: usize = 11;
}

pub mod leave {
    pub const CADRE: usize = 0;
    pub const FROM: usize = 1;
    pub const TO: usize = 2;
    pub const REASON: usize = 3;
}

const REGIONS: &[Field] = &[
    field("code", "区划代码", true),
    field("name", "名称", true),
    field("level", "层级", true),
    field("parent", "上级代码", false),
];

const CADRES: &[Field] = &[
    field("id", "编号", true),
    field("name", "姓名", true),
    field("level", "级别", true),
    field("unit", "单位", false),
    field("points", "联系点", true),
    field("start", "开始日期", false),
    field("end", "结束日期", false),
];

const VISITS: &[Field] = &[
    field("date", "日期", true),
    field("cadre", "干部编号", true),
    field("place", "地点代码", true),
    field("kind", "类型", false),
    field("forums", "座谈会场次", false),
    field("people", "走访人次", false),
    field("note", "备注", false),
];

const PROBLEMS: &[Field] = &[
    field("id", "问题编号", true),
    field("found", "发现日期", true),
    field("place", "地点代码", true),
    field("cadre", "发现干部", false),
    field("source", "来源", false),
    field("category", "类别", true),
    field("summary", "问题描述", true),
    field("unit", "责任单位", false),
    field("deadline", "整改时限", false),
    field("rectified", "整改日期", false),
    field("verified", "销号日期", false),
    field("satisfaction", "满意度", false),
];

const LEAVES: &[Field] = &[
    field("cadre", "干部编号", true),
    field("from", "开始日期", true),
    field("to", "结束日期", true),
    field("reason", "事由", false),
];

/// The fields of `kind`, in the order `init` writes them.
pub fn fields(kind: Kind) -> &'static [Field] {
    match kind {
        Kind::Regions => REGIONS,
        Kind::Cadres => CADRES,
        Kind::Visits => VISITS,
        Kind::Problems => PROBLEMS,
        Kind::Leaves => LEAVES,
    }
}

/// The header line of a CSV file of `kind` (no line end): every field, in
/// order, named in `lang`.
pub fn header_line(kind: Kind, lang: Lang) -> String {
    let labels: Vec<&str> = fields(kind).iter().map(|f| f.label(lang)).collect();
    labels.join(",")
}

/// Finds the field a CSV header or TOML key names: the English name (any
/// case) or the Chinese alias, ignoring surrounding spaces.
pub fn lookup(kind: Kind, header: &str) -> Option<usize> {
    let header = header.trim();
    fields(kind)
        .iter()
        .position(|f| f.zh == header || f.name.eq_ignore_ascii_case(header))
}

/// The field called `name` (English) of `kind`.
pub fn by_name(kind: Kind, name: &str) -> Option<&'static Field> {
    fields(kind).iter().find(|f| f.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_match_tables() {
        assert_eq!(fields(Kind::Regions)[region::PARENT].name, "parent");
        assert_eq!(fields(Kind::Cadres)[cadre::END].name, "end");
        assert_eq!(fields(Kind::Visits)[visit::NOTE].name, "note");
        assert_eq!(
            fields(Kind::Problems)[problem::SATISFACTION].name,
            "satisfaction"
        );
        assert_eq!(fields(Kind::Leaves)[leave::REASON].name, "reason");
    }

    #[test]
    fn headers_in_either_language() {
        assert_eq!(lookup(Kind::Visits, "干部编号"), Some(visit::CADRE));
        assert_eq!(lookup(Kind::Visits, " Cadre "), Some(visit::CADRE));
        assert_eq!(lookup(Kind::Visits, "cadre_id"), None);
    }

    #[test]
    fn names_are_unique_within_a_kind() {
        for kind in Kind::ALL {
            let fs = fields(kind);
            for (i, a) in fs.iter().enumerate() {
                for b in &fs[i + 1..] {
                    assert_ne!(a.name, b.name);
                    assert_ne!(a.zh, b.zh);
                }
            }
        }
    }
}
