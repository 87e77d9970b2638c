//! Building typed records from rows. A row is a CSV line or a TOML table,
//! seen through [`Row`]; each bad cell becomes one finding, and a row with
//! any bad cell yields no record (its key is remembered as *broken*, so
//! references to it make no follow-on findings). References are collected
//! as [`Pending`] and resolved by the loader in batches. The checks of
//! cells are here with their words: `missing-value`, `invalid-date`,
//! `invalid-number`, `invalid-value`, `invalid-year`, `invalid-stars`.

use std::borrow::Cow;
use std::fmt::Write as _;

use rustc_hash::FxHashSet;

use crate::config::Aliases;
use crate::date;
use crate::finding::{Check, Describe, Finding, Severity, shown, text_message};
use crate::lang::{Lang, tr};
use crate::model::{
    Date, Deadline, Enumeration, FileId, Key, KeyIndex, Kind, Record, Ref, RegionLevel, Source,
    Span, Stars, Year,
};
use crate::schema::{self, Builder, field_names};

use super::names;

/// One raw value, from a CSV cell or a TOML value.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell<'a> {
    /// Trimmed, never empty.
    Text(Cow<'a, str>),
    /// A TOML integer.
    Int(i64),
    /// A TOML date.
    Date(Date),
    /// A TOML array of strings or integers.
    List(Vec<Cow<'a, str>>),
    /// Any other TOML value, as written.
    Other(&'a str),
}

impl Cell<'_> {
    /// The value as the user wrote it, for findings; cut short when long,
    /// so that one huge cell cannot fill a screen or a CI log.
    fn shown(&self) -> String {
        match self {
            Cell::Text(s) => shown(s),
            Cell::Int(i) => shown(&i.to_string()),
            Cell::Date(d) => shown(&d.to_string()),
            Cell::List(items) => shown(&items.join(";")),
            Cell::Other(raw) => shown(raw),
        }
    }
}

pub static MISSING_VALUE: Check = Check {
    name: "missing-value",
    severity: Severity::Error,
    about: "a required value is empty (also: a township or village without parent, a cadre-sourced problem without cadre)",
    about_zh: "必填的值为空（包括乡镇或村没有上级、来源为干部排查的问题没有发现干部）",
};

pub static INVALID_DATE: Check = Check {
    name: "invalid-date",
    severity: Severity::Error,
    about: "a date in none of the accepted forms (or month first, 11/20/26), an impossible day, or a year outside 1900-2099",
    about_zh: "日期不是可用的写法（或为月/日/年，如 11/20/26）、日期不存在，或年份不在 1900–2099 之间",
};

pub static INVALID_NUMBER: Check = Check {
    name: "invalid-number",
    severity: Severity::Error,
    about: "a count that is not a whole number ≥ 0, or is too large (4294967296 or more); a visit's days not from 1 to 366",
    about_zh: "数量不是大于等于 0 的整数，或太大（4294967296 及以上）；走访天数不在 1 到 366 之间",
};

pub static INVALID_VALUE: Check = Check {
    name: "invalid-value",
    severity: Severity::Error,
    about: "an enumeration value that is neither the English nor the Chinese word",
    about_zh: "枚举值既不是英文词也不是中文词",
};

pub static INVALID_YEAR: Check = Check {
    name: "invalid-year",
    severity: Severity::Error,
    about: "a year that is not four digits from 1900 to 2099",
    about_zh: "年度不是 1900 至 2099 之间的四位年份",
};

pub static INVALID_STARS: Check = Check {
    name: "invalid-stars",
    severity: Severity::Error,
    about: "a star rating outside 0 to 5 (0 = not rated), or not a number of stars",
    about_zh: "星级不在 0 到 5 之间（0 为未评星），或不是星级",
};

/// A required value left empty (`missing-value`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingValue {
    pub kind: Kind,
    pub field: &'static str,
}

impl Describe for MissingValue {
    fn text(&self, lang: Lang) -> String {
        let (en, zh) = field_names(self.kind, self.field);
        tr!(lang, "缺少“{zh}”", "{en} is missing")
    }

    fn help(&self, lang: Lang) -> Option<String> {
        let (en, zh) = field_names(self.kind, self.field);
        Some(tr!(lang, "填写“{zh}”", "fill in {en}"))
    }
}

/// A township or village without its parent (`missing-value`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParentNeeded {
    pub level: RegionLevel,
}

impl Describe for ParentNeeded {
    fn text(&self, lang: Lang) -> String {
        let what = self.level.name(lang);
        tr!(lang, "{what}必须填写上级代码", "a {what} needs a parent")
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(tr!(
            lang,
            "填写上一级区划的代码",
            "fill in the code of the region one level up"
        ))
    }
}

/// A cadre-sourced problem without its cadre (`missing-value`);
/// `source_blank` when the source was left empty (and so counts as
/// cadre).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CadreNeeded {
    pub source_blank: bool,
}

impl Describe for CadreNeeded {
    fn text(&self, lang: Lang) -> String {
        if self.source_blank {
            tr!(
                lang,
                "来源未填写，按“干部排查”计，因此必须填写发现干部",
                "the source is blank, which counts as cadre (干部排查), so the cadre who found it is needed",
            )
        } else {
            tr!(
                lang,
                "来源为“干部排查”的问题必须填写发现干部",
                "a problem whose source is cadre needs the cadre who found it",
            )
        }
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(if self.source_blank {
            tr!(
                lang,
                "填写发现干部（发现问题的干部编号）；不是干部排查发现的问题，在“来源”中填写“督导暗访”或“群众信访”",
                "fill in the id of the cadre who found it; if no cadre found it, fill in the source: inspection (督导暗访) or petition (群众信访)",
            )
        } else {
            tr!(
                lang,
                "填写发现问题的干部编号，或更正来源",
                "fill in the cadre's id, or correct the source"
            )
        })
    }
}

/// A date in none of the accepted forms (`invalid-date`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidDate {
    pub text: String,
}

impl Describe for InvalidDate {
    fn text(&self, lang: Lang) -> String {
        let text = &self.text;
        if date::month_first(text) {
            return tr!(
                lang,
                "“{text}”是月/日/年的写法，无法确定是哪一天（3/10/26 可能是 3 月 10 日，也可能是 10 月 3 日）",
                "\"{text}\" is written month first, and which day it is cannot be told (3/10/26 may be March 10 or October 3)",
            );
        }
        tr!(
            lang,
            "“{text}”不是有效日期",
            "\"{text}\" is not a valid date"
        )
    }

    fn help(&self, lang: Lang) -> Option<String> {
        if date::month_first(&self.text) {
            return Some(tr!(
                lang,
                "写作年在前的日期，如 2026-11-20 或 2026/11/20（在 Excel/WPS 中把单元格格式设为“yyyy-mm-dd”）",
                "write the year first, as 2026-11-20 or 2026/11/20 (in Excel or WPS, format the cells as yyyy-mm-dd)",
            ));
        }
        Some(tr!(
            lang,
            "日期写作 2026-03-10（也可写 2026/3/10、2026.3.10 或 2026年3月10日），年份在 1900 至 2099 之间",
            "write dates as 2026-03-10 (or 2026/3/10, 2026.3.10, 2026年3月10日), with a year from 1900 to 2099",
        ))
    }
}

text_message! {
    /// A deadline that is no date and no text deadline (`invalid-date`).
    InvalidDeadline,
    |text| "“{text}”不是整改时限：既不是日期，也不是可识别的时限写法",
    "\"{text}\" is no deadline: neither a date nor a deadline in words bangcun reads";
    help "写日期（2026-06-30），或写作 2026年底前、2026年6月底前、6月底前、2026年6月30日前、立行立改、长期坚持",
    "write a date (2026-06-30), or one of the forms 2026年底前, 2026年6月底前, 6月底前, 2026年6月30日前, 立行立改 (at once), 长期坚持 (long-term)"
}

text_message! {
    /// A count that is no whole number ≥ 0 (`invalid-number`).
    InvalidNumber,
    |text| "“{text}”不是非负整数",
    "\"{text}\" is not a whole number ≥ 0";
    help "填写 0 或正整数",
    "write 0 or a positive whole number"
}

/// The most days one visit can take: a year.
pub const MAX_DAYS: u32 = 366;

text_message! {
    /// The days a visit took, not a whole number from 1 to [`MAX_DAYS`]
    /// (`invalid-number`).
    NotDays,
    |text| "“{text}”不是 1 到 366 之间的整数天数",
    "\"{text}\" is not a whole number of days from 1 to 366";
    help "填写走访用去的天数，如 1 或 3（不填按 1 天计）",
    "write the days the visit took, such as 1 or 3 (left empty, it counts as 1)"
}

text_message! {
    /// A count of digits only, beyond the largest count (`invalid-number`).
    NumberTooLarge,
    |text| "“{text}”太大，最大为 4294967295",
    "\"{text}\" is too large: a count is at most 4294967295";
    help "核对数字是否录错",
    "check the number for a typing error"
}

text_message! {
    /// A year that is none (`invalid-year`).
    InvalidYear,
    |text| "“{text}”不是年度",
    "\"{text}\" is not a year";
    help "写四位年份，如 2022（也可写 2022年、2022年度），在 1900 至 2099 之间",
    "write the year in four digits, such as 2022 (or 2022年, 2022年度), from 1900 to 2099"
}

text_message! {
    /// A star rating that is none, or outside 0–5 (`invalid-stars`).
    InvalidStars,
    |text| "“{text}”不是 0 到 5 之间的星级",
    "\"{text}\" is not a star rating from 0 to 5";
    help "填写 1 到 5 的星级（如 5、5星、五星），未评星填 0 或留空",
    "write 1 to 5 stars (5, 5星 or 五星); 0 or an empty cell for not rated"
}

/// A word that is none of an enumeration's (`invalid-value`): the words
/// there are, English and Chinese.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidEnum {
    pub text: String,
    pub words: Vec<(Cow<'static, str>, Cow<'static, str>)>,
}

impl Describe for InvalidEnum {
    fn text(&self, lang: Lang) -> String {
        let text = &self.text;
        tr!(
            lang,
            "“{text}”不是可选值之一",
            "\"{text}\" is not one of the allowed values"
        )
    }

    fn help(&self, lang: Lang) -> Option<String> {
        let mut list = String::new();
        for (i, (en, zh)) in self.words.iter().enumerate() {
            if i > 0 {
                list.push_str(lang.pick("、", ", "));
            }
            let _ = match lang {
                Lang::Zh => write!(list, "{zh}（{en}）"),
                Lang::En => write!(list, "{en} ({zh})"),
            };
        }
        Some(tr!(lang, "可选值：{list}", "use one of: {list}"))
    }
}

text_message! {
    /// A TOML value where text is wanted (`invalid-value`).
    InvalidText,
    |text| "{text} 不是文本",
    "{text} is not text";
    help "写成带引号的字符串",
    "write it as a quoted string"
}

/// A row of some record kind, whatever the file format.
pub trait Row {
    /// The value of a field (by its position in [`schema::fields`]);
    /// `None` when the column is absent or the cell empty.
    fn cell(&self, field: usize) -> Option<Cell<'_>>;
    /// The line a finding about this field should name.
    fn line(&self, field: usize) -> u32;
    /// The line of the row as a whole.
    fn row_line(&self) -> u32;
    /// The names in the name columns of the kind's place (county,
    /// township, village), filled down; none for a file without them.
    fn place_names(&self) -> [Option<&str>; 3] {
        [None; 3]
    }
}

/// Keys of one referenced kind (region codes, cadre ids) as far as loaded.
#[derive(Debug)]
pub struct Keys {
    /// Key → the first valid record with it.
    pub index: KeyIndex<u32>,
    /// Keys of rows that failed to build.
    pub broken: FxHashSet<Box<str>>,
    /// False when a file of the kind could not be read in full: then an
    /// unknown key is not reported, since it may be in the lost part.
    pub complete: bool,
    /// The records' names, indexed the first time a reference is no key
    /// (`super::names`).
    pub names: std::sync::OnceLock<super::names::Names>,
}

impl Keys {
    pub fn new() -> Self {
        Keys {
            index: KeyIndex::default(),
            broken: FxHashSet::default(),
            complete: true,
            names: std::sync::OnceLock::new(),
        }
    }

    pub fn resolve(&self, key: &Key) -> Ref<u32> {
        if let Some(id) = self.index.get_key(key) {
            Ref::Known(id)
        } else if !self.complete || self.broken.contains(key.text().as_str()) {
            Ref::Broken
        } else {
            Ref::Unknown
        }
    }
}

/// A reference read from a row, waiting to be resolved. References are
/// resolved in batches after their rows are built: one tight loop of
/// lookups lets the processor overlap their cache misses, where a lookup
/// per row would wait for each (a province's key tables do not stay in
/// cache while its files stream past).
#[derive(Clone, Debug)]
pub struct Pending {
    /// Index of the record, among the records of its file
    /// ([`NO_RECORD`] for a row with errors).
    pub record: u32,
    /// Which item of the field's list (0 for a single reference).
    pub item: u16,
    /// The field's position in [`schema::fields`].
    pub field: u8,
    pub line: u32,
    /// The kind whose keys it names.
    pub target: Kind,
    pub key: Key,
}

/// The record index of a reference from a row that became no record
/// ([`Pending::record`]): looked up for its finding only.
pub const NO_RECORD: u32 = u32::MAX;

/// Where a row's findings and references go.
pub struct Sink<'s> {
    pub file: FileId,
    /// The index the row's record will have among its file's records.
    pub record: u32,
    pub findings: &'s mut Vec<Finding>,
    pub pending: &'s mut Vec<Pending>,
    pub dates: &'s mut DateMemo,
    /// The office's own words (`[aliases]`) and visit kinds
    /// (`[visits.kinds]`).
    pub aliases: &'s Aliases,
}

/// The last date text read in a file, and its value. Files are mostly in
/// date order, so row after row repeats the date of the row before; a
/// comparison of a few bytes then spares parsing it again.
#[derive(Debug, Default)]
pub struct DateMemo {
    text: [u8; 16],
    len: usize,
    date: Option<Date>,
}

impl DateMemo {
    fn parse(&mut self, text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if self.text.get(..self.len) == Some(bytes) {
            return self.date;
        }
        let date = date::parse_cell(text);
        if let Some(slot) = self.text.get_mut(..bytes.len()) {
            slot.copy_from_slice(bytes);
            self.len = bytes.len();
            self.date = date;
        }
        date
    }
}

/// Builds the record of one row of kind `R`: its cells read as the kind's
/// table says ([`Record::build`] through [`Reader`]), each bad cell a
/// finding.
pub fn build<Rec: Record, R: Row>(row: &R, sink: &mut Sink) -> Option<Rec> {
    Rec::build(&mut Reader::new(row, Rec::KIND, sink))
}

/// The key of a row of `kind` as written, when the kind has one.
pub fn key_text<R: Row>(row: &R, kind: Kind) -> Option<String> {
    match row.cell(kind.key()?)? {
        Cell::Text(s) => Some(s.into_owned()),
        Cell::Int(i) => Some(i.to_string()),
        _ => None,
    }
}

/// Reads the fields of one row, turning each bad cell into a finding: the
/// loader's [`Builder`].
pub struct Reader<'a, 's, R: Row> {
    row: &'a R,
    kind: Kind,
    sink: &'a mut Sink<'s>,
    /// No error so far.
    ok: bool,
}

impl<'a, 's, R: Row> Reader<'a, 's, R> {
    pub fn new(row: &'a R, kind: Kind, sink: &'a mut Sink<'s>) -> Self {
        Reader {
            row,
            kind,
            sink,
            ok: true,
        }
    }

    fn name(&self, field: usize) -> &'static str {
        schema::fields(self.kind)[field].name
    }

    /// Records an error about `field` that makes the row unusable.
    fn error(
        &mut self,
        field: usize,
        check: &'static Check,
        value: Option<String>,
        message: impl Describe,
    ) {
        self.ok = false;
        let span = Span::at(self.sink.file, self.row.line(field));
        let mut finding = Finding::new(check, span, message).field(self.name(field));
        if let Some(value) = value {
            finding = finding.value(value);
        }
        self.sink.findings.push(finding);
    }

    /// Registers the key `key` in `field` (item `item` of its list) for
    /// resolution against `target`'s keys; the record gets it through
    /// [`Record::set_ref`], and holds `Ref::Broken` until then.
    fn register(&mut self, field: usize, item: usize, key: &str, target: Kind) {
        self.sink.pending.push(Pending {
            record: self.sink.record,
            item: item as u16,
            field: field as u8,
            line: self.row.line(field),
            target,
            key: Key::new(key),
        });
    }

    fn missing(&mut self, field: usize) {
        let message = MissingValue {
            kind: self.kind,
            field: self.name(field),
        };
        self.error(field, &MISSING_VALUE, None, message);
    }

    /// The cell of a field; when it is absent and `required`, a finding.
    fn cell(&mut self, field: usize, required: bool) -> Option<Cell<'a>> {
        let cell = self.row.cell(field);
        if cell.is_none() && required {
            self.missing(field);
        }
        cell
    }

    /// The value `parse` reads from a field's cell; when it reads none,
    /// the error `check` with the message `bad` makes of the cell as
    /// written. Nothing for an absent cell (an error if `required`).
    fn parsed<T, M: Describe>(
        &mut self,
        field: usize,
        required: bool,
        parse: impl FnOnce(&mut Self, &Cell<'a>) -> Option<T>,
        check: &'static Check,
        bad: impl FnOnce(String) -> M,
    ) -> Option<T> {
        let cell = self.cell(field, required)?;
        let parsed = parse(self, &cell);
        if parsed.is_none() {
            let text = cell.shown();
            self.error(field, check, Some(text.clone()), bad(text));
        }
        parsed
    }

    fn text_of(&mut self, field: usize, cell: Cell<'a>) -> Option<Cow<'a, str>> {
        match cell {
            Cell::Text(s) => Some(s),
            Cell::Int(i) => Some(Cow::Owned(i.to_string())),
            Cell::Date(d) => Some(Cow::Owned(d.to_string())),
            cell => {
                let text = cell.shown();
                self.error(
                    field,
                    &INVALID_VALUE,
                    Some(text.clone()),
                    InvalidText { text },
                );
                None
            }
        }
    }

    /// The finding for a cell that is no count, saying why. Apart, and
    /// cold: the usual count stays as small as it was, so that it is still
    /// inlined into the building of each visit (two counts a visit, a
    /// million visits).
    #[cold]
    #[inline(never)]
    fn count_error(&mut self, field: usize, cell: &Cell) {
        let too_large = match cell {
            Cell::Text(s) => digits(s),
            Cell::Int(i) => *i > 0,
            // A TOML integer beyond even i64.
            Cell::Other(raw) => digits(&raw.trim_start_matches('+').replace('_', "")),
            _ => false,
        };
        let text = cell.shown();
        let value = Some(text.clone());
        if too_large {
            self.error(field, &INVALID_NUMBER, value, NumberTooLarge { text });
        } else {
            self.error(field, &INVALID_NUMBER, value, InvalidNumber { text });
        }
    }

    /// The items of a list cell: separated by `;` `；` `、` `,` `，` in a
    /// CSV cell, or a TOML array; `None` for a value that is no list (a
    /// finding).
    fn list(&mut self, field: usize) -> Option<Vec<Cow<'a, str>>> {
        Some(match self.row.cell(field) {
            Some(Cell::Text(Cow::Borrowed(s))) => split_list(s).map(Cow::Borrowed).collect(),
            Some(Cell::Text(Cow::Owned(s))) => {
                split_list(&s).map(|i| Cow::Owned(i.to_string())).collect()
            }
            Some(Cell::Int(i)) => vec![Cow::Owned(i.to_string())],
            // Trimmed as a CSV cell is.
            Some(Cell::List(items)) => items
                .into_iter()
                .map(|i| match i {
                    Cow::Borrowed(s) => Cow::Borrowed(s.trim()),
                    Cow::Owned(s) => Cow::Owned(s.trim().to_string()),
                })
                .filter(|i| !i.is_empty())
                .collect(),
            Some(cell) => {
                let text = cell.shown();
                self.error(
                    field,
                    &INVALID_VALUE,
                    Some(text.clone()),
                    InvalidText { text },
                );
                return None;
            }
            None => Vec::new(),
        })
    }

    /// The word of the field called `name`, without a finding (for a rule
    /// that reads another field's value).
    fn peek<E: Enumeration>(&self, name: &str) -> Peeked<E> {
        let Some(field) = schema::position(self.kind, name) else {
            return Peeked::Absent;
        };
        match self.row.cell(field) {
            None => Peeked::Absent,
            Some(Cell::Text(s)) => self.parse_word(field, &s).map_or(Peeked::Bad, Peeked::Word),
            Some(_) => Peeked::Bad,
        }
    }

    /// A word of `E` in the field: one of docs/data.md's words, or one the
    /// office made an alias of a value (`[aliases]`), or one of the
    /// office's own visit kinds (`[visits.kinds]`).
    fn parse_word<E: Enumeration>(&self, field: usize, text: &str) -> Option<E> {
        E::parse(text).or_else(|| self.alias(field, text))
    }

    /// A text deadline (`2026年底前`, `立行立改`, `长期坚持`), read against
    /// the row's `found` date; else whether to report it. When `found`
    /// cannot be read it has its own finding (and the record is dropped),
    /// so a deadline that needs it gets none.
    #[cold]
    fn text_deadline(&mut self, text: &str) -> Result<Deadline, bool> {
        let found = schema::position(self.kind, "found").and_then(|f| match self.row.cell(f) {
            Some(Cell::Text(s)) => date::parse_cell(&s),
            Some(Cell::Date(d)) => Some(d),
            _ => None,
        });
        match date::deadline(text, found) {
            Some(deadline) => Ok(deadline),
            None if found.is_none()
                && date::deadline(text, Date::from_ymd_opt(2000, 1, 1)).is_some() =>
            {
                self.ok = false;
                Err(false)
            }
            None => Err(true),
        }
    }

    /// The place of a row whose sheet has name columns (县（区）,
    /// 乡镇（街道）, 村（社区）): a code in the place's own cell as it is;
    /// else a path of the row's names, coarser first, ending with the
    /// place's cell (a name) or the finest name. Registered as the key to
    /// resolve, which as no code is looked up by name.
    #[cold]
    fn named_place(
        &mut self,
        field: usize,
        names: [Option<&str>; 3],
        required: bool,
    ) -> Option<()> {
        let own = match self.row.cell(field) {
            Some(cell) => Some(self.text_of(field, cell)?),
            None => None,
        };
        let path = match own {
            Some(code) if code.is_ascii() => code.into_owned(),
            Some(name) => {
                let mut parts: Vec<&str> = names[..2].iter().flatten().copied().collect();
                parts.push(&name);
                parts.join("/")
            }
            None => names
                .iter()
                .flatten()
                .copied()
                .collect::<Vec<_>>()
                .join("/"),
        };
        if path.is_empty() {
            if required {
                self.missing(field);
            }
            return None;
        }
        self.register(field, 0, &path, Kind::Regions);
        Some(())
    }

    /// A key Excel turned into a number (`mangled-code`).
    #[cold]
    fn mangled(&mut self, field: usize, text: &str) {
        let text = shown(text);
        let message = names::MangledCode { text: text.clone() };
        self.error(field, &names::MANGLED_CODE, Some(text), message);
    }

    /// The value an office's alias stands for. Apart and cold: the usual
    /// word is one of the built-in ones.
    #[cold]
    #[inline(never)]
    fn alias<E: Enumeration>(&self, field: usize, text: &str) -> Option<E> {
        E::office(text, &self.sink.aliases.office)
            .or_else(|| E::parse(self.sink.aliases.get(self.name(field), text)?))
    }
}

/// Another field's value, as a rule reads it.
enum Peeked<E> {
    Absent,
    Word(E),
    /// A value that is none of the words (it has a finding of its own).
    Bad,
}

impl<R: Row> Builder for Reader<'_, '_, R> {
    fn absent(&self, field: usize) -> bool {
        self.row.cell(field).is_none()
    }

    fn text(&mut self, field: usize, required: bool) -> Option<Box<str>> {
        let cell = self.cell(field, required)?;
        self.text_of(field, cell).map(Into::into)
    }

    fn key(&mut self, field: usize) -> Box<str> {
        let key = self.text(field, true).unwrap_or_default();
        if names::mangled(&key) {
            self.mangled(field, &key);
        }
        key
    }

    fn date(&mut self, field: usize, required: bool) -> Option<Date> {
        let parse = |reader: &mut Self, cell: &Cell| match cell {
            Cell::Text(s) => reader.sink.dates.parse(s),
            Cell::Date(d) => Some(*d),
            _ => None,
        };
        let bad = |text| InvalidDate { text };
        self.parsed(field, required, parse, &INVALID_DATE, bad)
    }

    fn deadline(&mut self, field: usize) -> Option<Deadline> {
        let cell = self.cell(field, false)?;
        let parsed = match &cell {
            Cell::Date(d) => Ok(Deadline::On(*d)),
            Cell::Text(s) => match self.sink.dates.parse(s) {
                Some(day) => Ok(Deadline::On(day)),
                None => self.text_deadline(s),
            },
            _ => Err(true),
        };
        match parsed {
            Ok(deadline) => Some(deadline),
            Err(report) => {
                if report {
                    let text = cell.shown();
                    let message = InvalidDeadline { text: text.clone() };
                    self.error(field, &INVALID_DATE, Some(text), message);
                }
                None
            }
        }
    }

    fn count(&mut self, field: usize) -> u32 {
        let Some(cell) = self.row.cell(field) else {
            return 0;
        };
        let parsed = match &cell {
            Cell::Text(s) => whole_number(s),
            Cell::Int(i) => u32::try_from(*i).ok(),
            _ => None,
        };
        parsed.unwrap_or_else(|| {
            self.count_error(field, &cell);
            0
        })
    }

    fn positive(&mut self, field: usize) -> Option<std::num::NonZeroU16> {
        let parse = |_: &mut Self, cell: &Cell| {
            let n = match cell {
                Cell::Text(s) => whole_number(s),
                Cell::Int(i) => u32::try_from(*i).ok(),
                _ => None,
            };
            n.filter(|n| *n <= MAX_DAYS)
                .and_then(|n| std::num::NonZeroU16::new(n as u16))
        };
        let bad = |text| NotDays { text };
        self.parsed(field, false, parse, &INVALID_NUMBER, bad)
    }

    fn year(&mut self, field: usize) -> Option<Year> {
        let parse = |_: &mut Self, cell: &Cell| match cell {
            Cell::Text(s) => Year::parse(s),
            Cell::Int(i) => Year::of(*i),
            _ => None,
        };
        let bad = |text| InvalidYear { text };
        self.parsed(field, true, parse, &INVALID_YEAR, bad)
    }

    fn stars(&mut self, field: usize) -> Option<Stars> {
        let parse = |_: &mut Self, cell: &Cell| match cell {
            Cell::Text(s) => Stars::parse(s),
            Cell::Int(i) => Stars::of(*i),
            _ => None,
        };
        let bad = |text| InvalidStars { text };
        self.parsed(field, false, parse, &INVALID_STARS, bad)
    }

    fn word<E: Enumeration>(&mut self, field: usize, required: bool) -> Option<E> {
        let cell = self.cell(field, required)?;
        let parsed = match &cell {
            Cell::Text(s) => self.parse_word(field, s),
            _ => None,
        };
        if parsed.is_none() {
            let text = cell.shown();
            let builtin = E::WORDS
                .iter()
                .map(|(_, en, zh)| (Cow::from(*en), Cow::from(*zh)));
            let office = E::office_words(&self.sink.aliases.office).into_iter();
            let words = builtin
                .chain(office.map(|(en, zh)| (Cow::from(en), Cow::from(zh))))
                .collect();
            self.error(
                field,
                &INVALID_VALUE,
                Some(text.clone()),
                InvalidEnum { text, words },
            );
        }
        parsed
    }

    fn reference(&mut self, field: usize, target: Kind, required: bool) -> bool {
        let names = self.row.place_names();
        if names.iter().any(Option::is_some) && Some(field) == schema::place_field(self.kind) {
            return self.named_place(field, names, required).is_some();
        }
        let Some(cell) = self.cell(field, required) else {
            return false;
        };
        match self.text_of(field, cell) {
            Some(key) => {
                self.register(field, 0, &key, target);
                true
            }
            None => false,
        }
    }

    fn references(&mut self, field: usize, target: Kind) -> usize {
        let names = self.row.place_names();
        if names.iter().any(Option::is_some)
            && Some(field) == schema::place_field(self.kind)
            && self.row.cell(field).is_none()
        {
            return usize::from(self.named_place(field, names, true).is_some());
        }
        let Some(items) = self.list(field) else {
            return 0;
        };
        if items.is_empty() {
            self.missing(field);
        }
        for (item, key) in items.iter().enumerate() {
            self.register(field, item, key, target);
        }
        items.len()
    }

    /// The rules of the fields needed only sometimes (`sometimes` in the
    /// tables): a township's or village's parent, and the cadre who found
    /// a problem whose source is cadre (or blank, which counts as cadre;
    /// not when the source is unreadable: it has its own finding, and
    /// "cadre needed" would only guess at what was meant).
    fn when_absent(&mut self, field: usize) {
        match (self.kind, self.name(field)) {
            (Kind::Regions, "parent") => {
                if let Peeked::Word(level @ (RegionLevel::Township | RegionLevel::Village)) =
                    self.peek::<RegionLevel>("level")
                {
                    self.error(field, &MISSING_VALUE, None, ParentNeeded { level });
                }
            }
            (Kind::Problems, "cadre") => {
                let source_blank = match self.peek::<Source>("source") {
                    Peeked::Absent => true,
                    Peeked::Word(Source::Cadre) => false,
                    Peeked::Word(_) | Peeked::Bad => return,
                };
                self.error(field, &MISSING_VALUE, None, CadreNeeded { source_blank });
            }
            _ => {}
        }
    }

    fn span(&self) -> Span {
        Span::at(self.sink.file, self.row.row_line())
    }

    fn ok(&self) -> bool {
        self.ok
    }
}

/// Reads `0`, `12`, `007`: ASCII digits only (no sign, no spaces, no
/// full-width digits), within u32. Digits past its largest value are no
/// count either ([`Reader::count_error`] says they are too many).
fn whole_number(text: &str) -> Option<u32> {
    if text.is_empty() || text.len() > 10 {
        return long_number(text);
    }
    let mut n = 0u64;
    for b in text.bytes() {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n * 10 + u64::from(b - b'0');
    }
    u32::try_from(n).ok()
}

/// [`whole_number`] for text of no or more than ten characters: a count
/// only when leading zeros make it long.
#[cold]
fn long_number(text: &str) -> Option<u32> {
    let significant = text.trim_start_matches('0');
    if text.is_empty() || significant.len() > 10 || !digits(text) {
        return None;
    }
    whole_number(if significant.is_empty() {
        "0"
    } else {
        significant
    })
}

/// Whether `text` is one or more ASCII digits and nothing else.
fn digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// The items of a list cell.
pub fn split_list(text: &str) -> impl Iterator<Item = &str> {
    text.split([';', '；', '、', ',', '，'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Cadre;

    /// A row of given cells, all on line 2.
    struct Cells(Vec<Option<Cell<'static>>>);

    impl Row for Cells {
        fn cell(&self, field: usize) -> Option<Cell<'_>> {
            self.0.get(field).cloned().flatten()
        }
        fn line(&self, _field: usize) -> u32 {
            2
        }
        fn row_line(&self) -> u32 {
            2
        }
    }

    fn build_cadre(
        cells: Vec<Option<Cell<'static>>>,
    ) -> (Option<Cadre>, Vec<Finding>, Vec<Pending>) {
        let (mut findings, mut pending) = (Vec::new(), Vec::new());
        let mut dates = DateMemo::default();
        let aliases = Aliases::default();
        let mut sink = Sink {
            file: FileId(1),
            record: 0,
            findings: &mut findings,
            pending: &mut pending,
            dates: &mut dates,
            aliases: &aliases,
        };
        let cadre = build::<Cadre, _>(&Cells(cells), &mut sink);
        (cadre, findings, pending)
    }

    fn text(s: &'static str) -> Option<Cell<'static>> {
        Some(Cell::Text(Cow::Borrowed(s)))
    }

    #[test]
    fn every_bad_cell_of_a_row_is_a_finding() {
        // A bad level and no points: two findings, not one.
        let (cadre, findings, _) =
            build_cadre(vec![text("C1"), text("张三"), text("省级"), None, None]);
        assert!(cadre.is_none());
        let checks: Vec<_> = findings.iter().map(|f| (f.check.name, f.field)).collect();
        assert_eq!(
            checks,
            vec![
                ("invalid-value", Some("level")),
                ("missing-value", Some("points"))
            ]
        );
    }

    #[test]
    fn list_items_from_toml_are_trimmed() {
        let points = Cell::List(vec![Cow::Borrowed(" 411002001 "), Cow::Borrowed("  ")]);
        let (cadre, findings, pending) = build_cadre(vec![
            text("C1"),
            text("张三"),
            text("市级"),
            None,
            Some(points),
        ]);
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(cadre.map(|c| c.points.len()), Some(1));
        assert_eq!(
            pending.iter().map(|p| p.key.text()).collect::<Vec<_>>(),
            vec!["411002001"]
        );
    }

    #[test]
    fn whole_numbers() {
        assert_eq!(whole_number("0"), Some(0));
        assert_eq!(whole_number("007"), Some(7));
        assert_eq!(whole_number("4294967295"), Some(u32::MAX));
        assert_eq!(whole_number("000000000004294967295"), Some(u32::MAX));
        assert_eq!(whole_number("000000000000"), Some(0));
        for bad in ["", "-1", "+1", "1.0", "１２", "1 2", "0x10"] {
            assert_eq!(whole_number(bad), None, "{bad}");
            assert!(!digits(bad), "{bad}");
        }
        // 2^32 and beyond: digits, which count_error calls too large.
        for large in ["4294967296", "99999999999", &"9".repeat(1000)] {
            assert_eq!(whole_number(large), None, "{large}");
            assert!(digits(large), "{large}");
        }
    }

    #[test]
    fn date_memo_gives_what_parsing_gives() {
        let mut memo = DateMemo::default();
        for text in [
            "2026-03-10",
            "2026-03-10",
            "2026/3/10",
            "2026-02-30",
            "2026-02-30",
            "2026-03-11",
            "a-much-too-long-date-text",
        ] {
            assert_eq!(memo.parse(text), date::parse_cell(text), "{text}");
        }
    }
}
