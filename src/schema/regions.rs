//! `regions`: the administrative units (行政区划), each in the one above it.

use super::{Builder, FieldType, Id, KeyOf, Kind, KindDef, Ref, RegionLevel, Type, record};
use crate::lang::Lang;

record! {
    /// An administrative unit (行政区划).
    pub struct Region in Regions {
        /// Unique.
        code: Box<str> = "code" ("区划代码", "代码", "行政区划代码", "统计用区划代码", "区划编码") key;
        name: Box<str> = "name" ("名称", "区划名称", "名字");
        level: RegionLevel = "level" ("层级", "区划层级", "级别");
        /// Needed by townships and villages (a rule of the loader's).
        parent: Parent = "parent" ("上级代码", "上级区划代码", "上级", "上级区划", "所属上级") sometimes;
    }
}

pub const REGIONS: KindDef = KindDef {
    plural: "regions",
    singular: "region",
    zh: "行政区划",
    referrer_zh: "区划",
    key_name: ("区划代码", "region code"),
    fields: Region::FIELDS,
    sort: &["code"],
    template: true,
};

/// Typed index of a region in `Dataset::regions`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RegionId(pub u32);

impl Id for RegionId {
    const KIND: Kind = Kind::Regions;
    fn new(index: u32) -> Self {
        RegionId(index)
    }
    fn index(self) -> u32 {
        self.0
    }
}

/// A region's parent: the code as written, and the region it names. The
/// loader resolves it once every region is read (a parent may come
/// later), and only for townships and villages: a county's parent (a city
/// code, in statistical lists) is not ours to check.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parent {
    pub code: Option<Box<str>>,
    /// The parent, resolved; `None` for counties.
    pub region: Option<Ref<RegionId>>,
}

impl FieldType for Parent {
    const TYPE: Type = Type::Ref(Kind::Regions);
    const REQUIRED: bool = false;
    fn take(b: &mut impl Builder, field: usize) -> Self {
        Parent {
            code: b.text(field, false),
            region: None,
        }
    }
    fn all_refs(&self, test: &mut impl FnMut(Kind, Ref<u32>) -> bool) -> bool {
        self.region
            .is_none_or(|r| test(Kind::Regions, r.map(RegionId::index)))
    }
    /// The parent's code: of the region it names (which a name resolves
    /// to), else as written.
    fn write(&self, keys: &dyn KeyOf, _: Lang) -> String {
        let resolved = self
            .region
            .and_then(|r| r.id())
            .and_then(|id| keys.key_of(Kind::Regions, id.index()));
        resolved
            .or(self.code.as_deref())
            .unwrap_or_default()
            .to_string()
    }
}
