//! Records named by name instead of key (docs/data.md, "Places by name"): a
//! region by its name (南关社区), by a path of names (魏都区南关街道南关社区,
//! 魏都区/南关街道/南关社区) or by the name columns of a sheet, its formal
//! suffix left off (大罗庄 for 大罗庄村委会); a cadre, or any record with a
//! `name` field, by that name. A name resolves when exactly one record
//! matches it; several are `ambiguous-place` / `ambiguous-cadre`, listing
//! them; none is `unknown-region` (with the nearest names) or
//! `unknown-cadre`.
//!
//! The index is built the first time a reference does not resolve as a
//! key: data that uses codes never pays for it.

use std::sync::atomic::{AtomicU32, Ordering};

use rustc_hash::FxHashMap;

use crate::finding::{Check, Describe, Severity, text_message};
use crate::lang::{Lang, tr};
use crate::model::{Kind, Record, Ref, Region};
use crate::schema;

pub static AMBIGUOUS_PLACE: Check = Check {
    name: "ambiguous-place",
    severity: Severity::Error,
    about: "a place, point or parent written as a name that several regions have",
    about_zh: "以名称填写的地点、联系点或上级对应多个区划",
};

pub static AMBIGUOUS_CADRE: Check = Check {
    name: "ambiguous-cadre",
    severity: Severity::Error,
    about: "a cadre written as a name that several cadres have",
    about_zh: "以姓名填写的干部对应多名干部",
};

pub static AMBIGUOUS_HOUSEHOLD: Check = Check {
    name: "ambiguous-household",
    severity: Severity::Error,
    about: "a visit's household written as a head's name that several households have",
    about_zh: "以户主姓名填写的走访户对应多户",
};

/// The formal suffixes of region names that clerks leave off: 大罗庄村委会
/// is written 大罗庄村 or 大罗庄, 西关街道办事处 西关街道. Longest first.
pub const SUFFIXES: [&str; 7] = [
    "村民委员会",
    "居民委员会",
    "民委员会",
    "村委会",
    "居委会",
    "办事处",
    "委会",
];

/// The characters that separate the names of a path (魏都区/南关街道), and
/// spaces, which are dropped before a path is matched.
fn separator(c: char) -> bool {
    matches!(
        c,
        '/' | '／' | '\\' | '＼' | '>' | '＞' | '-' | '－' | '—' | '·'
    ) || c.is_whitespace()
}

/// A name and its forms without each formal suffix it ends with.
fn forms(name: &str) -> impl Iterator<Item = &str> {
    std::iter::once(name).chain(
        SUFFIXES
            .iter()
            .filter_map(move |suffix| name.strip_suffix(suffix).filter(|rest| !rest.is_empty())),
    )
}

/// One record that can be named: its key, its name and what tells it
/// apart (a cadre's unit; a region's path is made from `parent`).
#[derive(Debug)]
struct Entry {
    key: Box<str>,
    name: Box<str>,
    detail: Option<Box<str>>,
    /// A region's parent, when it resolved.
    parent: Option<u32>,
}

/// What a name matched.
#[derive(Debug, PartialEq, Eq)]
pub enum Match {
    One(u32),
    /// The records, in order.
    Many(Vec<u32>),
    None,
}

/// The names of one kind's records.
#[derive(Debug)]
pub struct Names {
    kind: Kind,
    /// Each name, and each form of it without a formal suffix (regions),
    /// → the records having it, in order.
    index: FxHashMap<Box<str>, Vec<u32>>,
    entries: Vec<Entry>,
    /// How many searches for the nearest names are left: each reads every
    /// region, so a sheet of a thousand wrong names gets help for the
    /// first ones, not a long wait.
    searches: AtomicU32,
}

/// Searches for the nearest names, per kind and run.
const SEARCHES: u32 = 200;

/// How many candidates or nearest names a finding lists.
pub const LISTED: usize = 5;

impl Names {
    /// The names of `records` (of one kind, in key-index order); empty for
    /// a kind without a `name` field.
    pub fn of<R: Record>(records: &[R]) -> Names {
        let kind = R::KIND;
        let mut names = Names {
            kind,
            index: FxHashMap::default(),
            entries: Vec::new(),
            searches: AtomicU32::new(SEARCHES),
        };
        let Some(name_field) = schema::position(kind, "name") else {
            return names;
        };
        let detail_field = schema::position(kind, "unit");
        names.entries.reserve(records.len());
        for (i, record) in records.iter().enumerate() {
            let name = record.text(name_field).unwrap_or("");
            // A region's parent and level: its path.
            let region = (record as &dyn std::any::Any).downcast_ref::<Region>();
            names.entries.push(Entry {
                key: record.key().unwrap_or("").into(),
                name: name.into(),
                detail: detail_field.and_then(|f| record.text(f)).map(Into::into),
                parent: region
                    .and_then(|r| r.parent.region)
                    .and_then(|p| p.id())
                    .map(|p| p.0),
            });
            let compact: String = name.chars().filter(|c| !separator(*c)).collect();
            if compact.is_empty() {
                continue;
            }
            let mut add = |form: &str| {
                let list = names.index.entry(form.into()).or_default();
                if list.last() != Some(&(i as u32)) {
                    list.push(i as u32);
                }
            };
            if kind == Kind::Regions {
                for form in forms(&compact) {
                    add(form);
                }
            } else {
                add(&compact);
            }
        }
        names
    }

    /// The kind whose records these are.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The records `text` names: for regions a name or a path of names
    /// (coarser first), for other kinds a name.
    pub fn find(&self, text: &str) -> Match {
        let compact: String = text.chars().filter(|c| !separator(*c)).collect();
        let mut found = Vec::new();
        if self.kind == Kind::Regions {
            self.ending(&compact, &mut found);
        } else if let Some(list) = self.index.get(compact.as_str()) {
            found.extend(list);
        }
        found.sort_unstable();
        found.dedup();
        match found.as_slice() {
            [] => Match::None,
            [one] => Match::One(*one),
            _ => Match::Many(found),
        }
    }

    /// The regions whose name ends `text`, the rest of it (if any) being
    /// the names of their ancestors, coarser first.
    fn ending(&self, text: &str, out: &mut Vec<u32>) {
        for (at, _) in text.char_indices() {
            let Some(list) = self.index.get(&text[at..]) else {
                continue;
            };
            let before = &text[..at];
            for &region in list {
                if before.is_empty() || self.above(before, region) {
                    out.push(region);
                }
            }
        }
    }

    /// Whether `text` is the names of ancestors of `region`, coarser
    /// first (a level may be left out), after a city or province not in
    /// the list (许昌市).
    fn above(&self, text: &str, region: u32) -> bool {
        let mut up = self.entries.get(region as usize).and_then(|e| e.parent);
        while let Some(ancestor) = up {
            let Some(entry) = self.entries.get(ancestor as usize) else {
                break;
            };
            for form in forms(&entry.name) {
                if let Some(rest) = text.strip_suffix(form) {
                    if rest.is_empty() || self.above(rest, ancestor) {
                        return true;
                    }
                }
            }
            up = entry.parent;
        }
        text.chars().count() <= 8 && (text.ends_with('市') || text.ends_with('省'))
    }

    /// Whether `region` lies in `ancestor` (or is it).
    fn within(&self, mut region: u32, ancestor: u32) -> bool {
        loop {
            if region == ancestor {
                return true;
            }
            match self.entries.get(region as usize).and_then(|e| e.parent) {
                Some(parent) => region = parent,
                None => return false,
            }
        }
    }

    /// A record as a finding lists it: a region's code and path
    /// (411002001001 魏都区/南关街道/南关社区), a cadre's id, name and unit.
    pub fn shown(&self, record: u32) -> String {
        let Some(entry) = self.entries.get(record as usize) else {
            return String::new();
        };
        if self.kind != Kind::Regions {
            return match &entry.detail {
                Some(detail) => format!("{} {}（{detail}）", entry.key, entry.name),
                None => format!("{} {}", entry.key, entry.name),
            };
        }
        let mut path = vec![&*entry.name];
        let mut up = entry.parent;
        while let Some(parent) = up.and_then(|p| self.entries.get(p as usize)) {
            path.push(&parent.name);
            up = parent.parent;
            if path.len() > 8 {
                break;
            }
        }
        path.reverse();
        format!("{} {}", entry.key, path.join("/"))
    }

    /// The records whose names are nearest to `text`, nearest first (at
    /// most [`LISTED`]): within the region a leading part of a path names,
    /// when one does. Empty once this run's searches are used up.
    pub fn nearest(&self, text: &str) -> Vec<u32> {
        let take = self
            .searches
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1));
        if take.is_err() {
            return Vec::new();
        }
        let compact: String = text.chars().filter(|c| !separator(*c)).collect();
        // The longest leading part that names one region narrows the
        // search to it; the rest is the name looked for.
        let mut within = None;
        let mut wanted = compact.as_str();
        if self.kind == Kind::Regions {
            for (at, _) in compact.char_indices().skip(1) {
                if let Match::One(region) = self.find(&compact[..at]) {
                    within = Some(region);
                    wanted = &compact[at..];
                }
            }
        }
        let wanted: Vec<char> = wanted.chars().collect();
        let most = (wanted.len() / 2).max(1);
        let mut scored: Vec<(usize, u32)> = Vec::new();
        for (i, entry) in self.entries.iter().enumerate() {
            let i = i as u32;
            if within.is_some_and(|w| w == i || !self.within(i, w)) {
                continue;
            }
            // A person's name has no formal suffix to leave out.
            let whole_only = if self.kind == Kind::Regions {
                usize::MAX
            } else {
                1
            };
            let best = forms(&entry.name)
                .take(whole_only)
                .filter(|form| form.chars().count().abs_diff(wanted.len()) <= most)
                .map(|form| distance(&wanted, form))
                .min();
            if let Some(d) = best.filter(|&d| d <= most) {
                scored.push((d, i));
            }
        }
        scored.sort_unstable();
        scored.truncate(LISTED);
        scored.into_iter().map(|(_, i)| i).collect()
    }
}

/// The edit distance between `a` and `b`, in characters (Levenshtein).
fn distance(a: &[char], b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == cb {
                diagonal
            } else {
                1 + diagonal.min(above).min(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

/// Whether `text` is a code Excel turned into a number and printed in
/// scientific notation (`4.11025E+11`): its digits are lost.
pub fn mangled(text: &str) -> bool {
    let Some((mantissa, exponent)) = text.split_once(['E', 'e']) else {
        return false;
    };
    let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && digits(fraction) && digits(exponent)
}

/// A name that several records have (`ambiguous-place`,
/// `ambiguous-cadre`): the records, as [`Names::shown`] lists them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ambiguous {
    /// The kind named.
    pub kind: Kind,
    pub text: String,
    pub candidates: Vec<String>,
    /// How many more there are than listed.
    pub more: usize,
}

impl Describe for Ambiguous {
    fn text(&self, lang: Lang) -> String {
        let text = &self.text;
        let n = self.candidates.len() + self.more;
        let list = self.candidates.join(lang.pick("；", "; "));
        let more = self.more;
        let more = match (more, lang) {
            (0, _) => String::new(),
            (_, Lang::Zh) => format!("等（另有 {more} 个）"),
            (_, Lang::En) => format!(" and {more} more"),
        };
        match self.kind {
            Kind::Regions => tr!(
                lang,
                "“{text}”对应 {n} 个区划：{list}{more}",
                "\"{text}\" names {n} regions: {list}{more}",
            ),
            Kind::Households => tr!(
                lang,
                "“{text}”对应 {n} 户：{list}{more}",
                "\"{text}\" names {n} households: {list}{more}",
            ),
            _ => tr!(
                lang,
                "“{text}”对应 {n} 名干部：{list}{more}",
                "\"{text}\" names {n} cadres: {list}{more}",
            ),
        }
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(match self.kind {
            Kind::Regions => tr!(
                lang,
                "填写区划代码，或写上上级名称加以区分，如 魏都区/南关街道/南关社区",
                "write the region code, or put the names above it first to tell them apart, e.g. 魏都区/南关街道/南关社区",
            ),
            Kind::Households => tr!(
                lang,
                "填写户编号，而不是户主姓名",
                "write the household's id instead of the head's name"
            ),
            _ => tr!(
                lang,
                "填写干部编号，而不是姓名",
                "write the cadre's id instead of the name"
            ),
        })
    }
}

text_message! {
    /// A code that Excel turned into a number (`mangled-code`).
    MangledCode,
    |text| "“{text}”是 Excel 把代码当作数字后显示的科学记数法，代码的后几位已经丢失",
    "\"{text}\" is a code that Excel turned into a number and shows in scientific notation; its last digits are lost";
    help "在 Excel/WPS 中把这一列的单元格格式设为“文本”，再重新输入完整的代码",
    "in Excel or WPS, format the column as text (文本) and type the full codes again"
}

pub static MANGLED_CODE: Check = Check {
    name: "mangled-code",
    severity: Severity::Error,
    about: "a code or id that Excel turned into a number in scientific notation (4.11025E+11)",
    about_zh: "代码或编号被 Excel 变成了科学记数法的数字（4.11025E+11）",
};

/// The candidates of an ambiguous name, as a finding lists them.
pub fn ambiguous(names: &Names, text: &str, found: &[u32]) -> Ambiguous {
    Ambiguous {
        kind: names.kind,
        text: crate::finding::shown(text),
        candidates: found.iter().take(LISTED).map(|&r| names.shown(r)).collect(),
        more: found.len().saturating_sub(LISTED),
    }
}

/// The reference a name gives: the record, or none (with its finding made
/// by the caller).
pub fn reference(found: &Match) -> Ref<u32> {
    match found {
        Match::One(id) => Ref::Known(*id),
        _ => Ref::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FileId, Parent, RegionId, RegionLevel, Span};

    fn region(code: &str, name: &str, level: RegionLevel, parent: Option<u32>) -> Region {
        Region {
            code: code.into(),
            name: name.into(),
            level,
            parent: Parent {
                code: None,
                region: parent.map(|p| Ref::Known(RegionId(p))),
            },
            span: Span::at(FileId(1), 2),
        }
    }

    fn regions() -> Vec<Region> {
        use RegionLevel::*;
        vec![
            region("411002", "魏都区", County, None),
            region("411002001", "南关街道办事处", Township, Some(0)),
            region("411002001001", "南关社区居委会", Village, Some(1)),
            region("411003", "建安区", County, None),
            region("411003001", "南关镇", Township, Some(3)),
            region("411003001001", "南关社区", Village, Some(4)),
            region("411003001002", "大罗庄村民委员会", Village, Some(4)),
        ]
    }

    #[test]
    fn names_paths_and_suffixes() {
        let names = Names::of(&regions());
        assert_eq!(names.find("大罗庄村委会"), Match::None);
        assert_eq!(names.find("大罗庄"), Match::One(6));
        assert_eq!(names.find("大罗庄村民委员会"), Match::One(6));
        assert_eq!(names.find("南关街道"), Match::One(1));
        assert_eq!(names.find("南关社区"), Match::Many(vec![2, 5]));
        assert_eq!(names.find("魏都区南关街道南关社区"), Match::One(2));
        assert_eq!(names.find("魏都区/南关街道/南关社区"), Match::One(2));
        assert_eq!(names.find("建安区 南关社区"), Match::One(5));
        assert_eq!(names.find("许昌市建安区南关镇南关社区"), Match::One(5));
        assert_eq!(names.find("魏都区南关镇南关社区"), Match::None);
        assert_eq!(names.find("建安区"), Match::One(3));
    }

    #[test]
    fn nearest_names_within_the_path() {
        let names = Names::of(&regions());
        assert_eq!(names.nearest("大罗装"), vec![6]);
        // 南关社 is one character from both 南关社区 and from 南关镇; within
        // 魏都区 only its own.
        assert_eq!(names.nearest("南关社"), vec![2, 4, 5]);
        assert_eq!(names.nearest("魏都区南关社"), vec![2]);
        assert!(names.nearest("完全不同的名字").is_empty());
        assert_eq!(names.shown(5), "411003001001 建安区/南关镇/南关社区");
    }

    #[test]
    fn codes_excel_mangled() {
        for text in ["4.11025E+11", "4.11025e+11", "4E+11", "4.1102500100E+11"] {
            assert!(mangled(text), "{text}");
        }
        for text in ["411025001", "E+11", "4.1.1E+11", "4.11025E+", "C01", "4.5"] {
            assert!(!mangled(text), "{text}");
        }
    }
}
