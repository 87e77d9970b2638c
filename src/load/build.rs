//! Building typed records from rows. A row is a CSV line or a TOML table,
//! seen through [`Row`]; each bad cell becomes one finding, and a row with
//! any bad cell yields no record (its key is remembered as *broken*, so
//! references to it make no follow-on findings). References are collected
//! as [`Pending`] and resolved by the loader in batches. The checks of
//! cells are here with their words: `missing-value`, `invalid-date`,
//! `invalid-number`, `invalid-value`.

use std::borrow::Cow;
use std::fmt::Write as _;

use rustc_hash::FxHashSet;

use crate::date;
use crate::finding::{Check, Describe, Finding, Severity, shown};
use crate::i18n::{field_names, level_name};
use crate::lang::{Lang, tr};
use crate::model::{
    Cadre, CadreId, CadreLevel, Date, Enumeration, FileId, Key, KeyIndex, Kind, Leave, Problem,
    Ref, Region, RegionId, RegionLevel, Satisfaction, Source, Span, Visit, VisitKind,
};
use crate::schema::{self, cadre, leave, problem, region, visit};

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
    about: "a date in none of the four accepted forms, an impossible day, or a year outside 1900-2099",
    about_zh: "日期不是四种可用写法之一、日期不存在，或年份不在 1900–2099 之间",
};

pub static INVALID_NUMBER: Check = Check {
    name: "invalid-number",
    severity: Severity::Error,
    about: "a count that is not a whole number ≥ 0, or is too large (4294967296 or more)",
    about_zh: "数量不是大于等于 0 的整数，或太大（4294967296 及以上）",
};

pub static INVALID_VALUE: Check = Check {
    name: "invalid-value",
    severity: Severity::Error,
    about: "an enumeration value that is neither the English nor the Chinese word",
    about_zh: "枚举值既不是英文词也不是中文词",
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
        let what = level_name(self.level, lang);
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
        tr!(
            lang,
            "“{text}”不是有效日期",
            "\"{text}\" is not a valid date"
        )
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(tr!(
            lang,
            "日期写作 2026-03-10（也可写 2026/3/10、2026.3.10 或 2026年3月10日），年份在 1900 至 2099 之间",
            "write dates as 2026-03-10 (or 2026/3/10, 2026.3.10, 2026年3月10日), with a year from 1900 to 2099",
        ))
    }
}

/// A count that is no whole number ≥ 0 (`invalid-number`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidNumber {
    pub text: String,
}

impl Describe for InvalidNumber {
    fn text(&self, lang: Lang) -> String {
        let text = &self.text;
        tr!(
            lang,
            "“{text}”不是非负整数",
            "\"{text}\" is not a whole number ≥ 0"
        )
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(tr!(
            lang,
            "填写 0 或正整数",
            "write 0 or a positive whole number"
        ))
    }
}

/// A count of digits only, beyond the largest count (`invalid-number`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NumberTooLarge {
    pub text: String,
}

impl Describe for NumberTooLarge {
    fn text(&self, lang: Lang) -> String {
        let text = &self.text;
        tr!(
            lang,
            "“{text}”太大，最大为 4294967295",
            "\"{text}\" is too large: a count is at most 4294967295"
        )
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(tr!(
            lang,
            "核对数字是否录错",
            "check the number for a typing error"
        ))
    }
}

/// A word that is none of an enumeration's (`invalid-value`): the words
/// there are, English and Chinese.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidEnum {
    pub text: String,
    pub words: Vec<(&'static str, &'static str)>,
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

/// A TOML value where text is wanted (`invalid-value`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidText {
    pub text: String,
}

impl Describe for InvalidText {
    fn text(&self, lang: Lang) -> String {
        let text = &self.text;
        tr!(lang, "{text} 不是文本", "{text} is not text")
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(tr!(
            lang,
            "写成带引号的字符串",
            "write it as a quoted string"
        ))
    }
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
}

/// Keys of one referenced kind (region codes, cadre ids) as far as loaded.
#[derive(Debug)]
pub struct Keys<Id> {
    /// Key → the first valid record with it.
    pub index: KeyIndex<Id>,
    /// Keys of rows that failed to build.
    pub broken: FxHashSet<Box<str>>,
    /// False when a file of the kind could not be read in full: then an
    /// unknown key is not reported, since it may be in the lost part.
    pub complete: bool,
}

impl<Id: Copy> Keys<Id> {
    pub fn new() -> Self {
        Keys {
            index: KeyIndex::default(),
            broken: FxHashSet::default(),
            complete: true,
        }
    }

    pub fn resolve(&self, key: &Key) -> Ref<Id> {
        if let Some(id) = self.index.get_key(key) {
            Ref::Known(id)
        } else if !self.complete || self.broken.contains(key.text().as_str()) {
            Ref::Broken
        } else {
            Ref::Unknown
        }
    }
}

/// What a reference points to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    Region,
    Cadre,
}

/// A reference of either target, resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolved {
    Region(Ref<RegionId>),
    Cadre(Ref<CadreId>),
}

/// A reference read from a row, waiting to be resolved. References are
/// resolved in batches after their rows are built: one tight loop of
/// lookups lets the processor overlap their cache misses, where a lookup
/// per row would wait for each (a province's key tables do not stay in
/// cache while its files stream past).
#[derive(Clone, Debug)]
pub struct Pending {
    /// Index of the record, among the records of its file.
    pub record: u32,
    /// Which reference of the record: see [`Build::set_ref`].
    pub slot: u16,
    /// The field's position in [`schema::fields`].
    pub field: u8,
    pub line: u32,
    pub target: Target,
    pub key: Key,
}

/// Where a row's findings and references go.
pub struct Sink<'s> {
    pub file: FileId,
    /// The index the row's record will have among its file's records.
    pub record: u32,
    pub findings: &'s mut Vec<Finding>,
    pub pending: &'s mut Vec<Pending>,
    pub dates: &'s mut DateMemo,
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
        let date = date::parse(text);
        if let Some(slot) = self.text.get_mut(..bytes.len()) {
            slot.copy_from_slice(bytes);
            self.len = bytes.len();
            self.date = date;
        }
        date
    }
}

/// Reads the fields of one row, turning each bad cell into a finding.
pub struct Reader<'a, 's, R: Row> {
    row: &'a R,
    kind: Kind,
    sink: &'a mut Sink<'s>,
    slot: u16,
    /// No error so far.
    pub ok: bool,
}

impl<'a, 's, R: Row> Reader<'a, 's, R> {
    pub fn new(row: &'a R, kind: Kind, sink: &'a mut Sink<'s>) -> Self {
        Reader {
            row,
            kind,
            sink,
            slot: 0,
            ok: true,
        }
    }

    fn name(&self, field: usize) -> &'static str {
        schema::fields(self.kind)[field].name
    }

    /// The span of the row as a whole.
    pub fn span(&self) -> Span {
        Span {
            file: self.sink.file,
            line: self.row.row_line(),
        }
    }

    /// Records an error about `field` that makes the row unusable.
    pub fn error(
        &mut self,
        field: usize,
        check: &'static Check,
        value: Option<String>,
        message: impl Describe,
    ) {
        self.ok = false;
        let span = Span {
            file: self.sink.file,
            line: self.row.line(field),
        };
        let mut finding = Finding::new(check, span, message).field(self.name(field));
        if let Some(value) = value {
            finding = finding.value(value);
        }
        self.sink.findings.push(finding);
    }

    /// Registers the reference in `field` for resolution; the record gets
    /// it through [`Build::set_ref`], slot by slot in the order of these
    /// calls. Until then the record holds `Ref::Broken`.
    pub fn reference(&mut self, field: usize, key: &str, target: Target) {
        self.sink.pending.push(Pending {
            record: self.sink.record,
            slot: self.slot,
            field: field as u8,
            line: self.row.line(field),
            target,
            key: Key::new(key),
        });
        self.slot += 1;
    }

    fn missing(&mut self, field: usize) {
        let message = MissingValue {
            kind: self.kind,
            field: self.name(field),
        };
        self.error(field, &MISSING_VALUE, None, message);
    }

    /// An optional text field.
    pub fn text(&mut self, field: usize) -> Option<Cow<'a, str>> {
        let cell = self.row.cell(field)?;
        self.text_of(field, cell)
    }

    /// A required text field.
    pub fn required_text(&mut self, field: usize) -> Option<Cow<'a, str>> {
        let cell = self.required(field)?;
        self.text_of(field, cell)
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

    /// The cell of a required field, or a finding that it is missing.
    fn required(&mut self, field: usize) -> Option<Cell<'a>> {
        let cell = self.row.cell(field);
        if cell.is_none() {
            self.missing(field);
        }
        cell
    }

    /// An optional date field.
    pub fn date(&mut self, field: usize) -> Option<Date> {
        let cell = self.row.cell(field)?;
        self.date_of(field, cell)
    }

    /// A required date field.
    pub fn required_date(&mut self, field: usize) -> Option<Date> {
        let cell = self.required(field)?;
        self.date_of(field, cell)
    }

    fn date_of(&mut self, field: usize, cell: Cell<'a>) -> Option<Date> {
        let parsed = match &cell {
            Cell::Text(s) => self.sink.dates.parse(s),
            Cell::Date(d) => Some(*d),
            _ => None,
        };
        if parsed.is_none() {
            let text = cell.shown();
            self.error(
                field,
                &INVALID_DATE,
                Some(text.clone()),
                InvalidDate { text },
            );
        }
        parsed
    }

    /// A whole number ≥ 0; absent is 0.
    pub fn count(&mut self, field: usize) -> u32 {
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

    /// An optional enumeration value, English or Chinese.
    pub fn enumeration<E: Enumeration>(&mut self, field: usize) -> Option<E> {
        let cell = self.row.cell(field)?;
        self.enumeration_of(field, cell)
    }

    /// A required enumeration value.
    pub fn required_enumeration<E: Enumeration>(&mut self, field: usize) -> Option<E> {
        let cell = self.required(field)?;
        self.enumeration_of(field, cell)
    }

    fn enumeration_of<E: Enumeration>(&mut self, field: usize, cell: Cell<'a>) -> Option<E> {
        let parsed = match &cell {
            Cell::Text(s) => E::parse(s),
            _ => None,
        };
        if parsed.is_none() {
            let text = cell.shown();
            let words = E::WORDS.iter().map(|(_, en, zh)| (*en, *zh)).collect();
            self.error(
                field,
                &INVALID_VALUE,
                Some(text.clone()),
                InvalidEnum { text, words },
            );
        }
        parsed
    }

    /// A required list: separated by `;` `；` `、` `,` `，` in a CSV cell, or
    /// a TOML array.
    pub fn required_list(&mut self, field: usize) -> Vec<Cow<'a, str>> {
        let items: Vec<Cow<'a, str>> = match self.row.cell(field) {
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
                return Vec::new();
            }
            None => Vec::new(),
        };
        if items.is_empty() {
            self.missing(field);
        }
        items
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

/// A kind of record that can be built from a row.
pub trait Build: Sized {
    const KIND: Kind;
    /// Builds the record; `None` when any cell is bad (each bad cell has
    /// made a finding). References are registered with the reader, and the
    /// record holds `Ref::Broken` in their place until they are resolved.
    fn build<R: Row>(row: &R, sink: &mut Sink) -> Option<Self>;
    /// Sets the reference registered as `slot`.
    fn set_ref(&mut self, _slot: u16, _to: Resolved) {}
    /// The key of the row, when the kind has one that others refer to.
    fn key<R: Row>(_row: &R) -> Option<String> {
        None
    }
}

fn key_text<R: Row>(row: &R, field: usize) -> Option<String> {
    match row.cell(field)? {
        Cell::Text(s) => Some(s.into_owned()),
        Cell::Int(i) => Some(i.to_string()),
        _ => None,
    }
}

impl Build for Region {
    const KIND: Kind = Kind::Regions;

    fn build<R: Row>(row: &R, sink: &mut Sink) -> Option<Self> {
        let mut r = Reader::new(row, Self::KIND, sink);
        let code = r.required_text(region::CODE);
        let name = r.required_text(region::NAME);
        let level = r.required_enumeration::<RegionLevel>(region::LEVEL);
        let parent = r.text(region::PARENT);
        if let Some(level @ (RegionLevel::Township | RegionLevel::Village)) = level {
            if row.cell(region::PARENT).is_none() {
                r.error(region::PARENT, &MISSING_VALUE, None, ParentNeeded { level });
            }
        }
        let span = r.span();
        if !r.ok {
            return None;
        }
        Some(Region {
            code: code?.into(),
            name: name?.into(),
            level: level?,
            parent_code: parent.map(Into::into),
            // Resolved once every region is read: a parent may come later.
            parent: None,
            span,
        })
    }

    fn key<R: Row>(row: &R) -> Option<String> {
        key_text(row, region::CODE)
    }
}

impl Build for Cadre {
    const KIND: Kind = Kind::Cadres;

    fn build<R: Row>(row: &R, sink: &mut Sink) -> Option<Self> {
        let mut r = Reader::new(row, Self::KIND, sink);
        let id = r.required_text(cadre::ID);
        let name = r.required_text(cadre::NAME);
        let level = r.required_enumeration::<CadreLevel>(cadre::LEVEL);
        let unit = r.text(cadre::UNIT);
        let points = r.required_list(cadre::POINTS);
        for point in &points {
            r.reference(cadre::POINTS, point, Target::Region);
        }
        let start = r.date(cadre::START);
        let end = r.date(cadre::END);
        let span = r.span();
        if !r.ok {
            return None;
        }
        Some(Cadre {
            id: id?.into(),
            name: name?.into(),
            level: level?,
            unit: unit.map(Into::into),
            points: vec![Ref::Broken; points.len()],
            start,
            end,
            span,
        })
    }

    fn set_ref(&mut self, slot: u16, to: Resolved) {
        if let (Some(point), Resolved::Region(to)) = (self.points.get_mut(usize::from(slot)), to) {
            *point = to;
        }
    }

    fn key<R: Row>(row: &R) -> Option<String> {
        key_text(row, cadre::ID)
    }
}

impl Build for Visit {
    const KIND: Kind = Kind::Visits;

    fn build<R: Row>(row: &R, sink: &mut Sink) -> Option<Self> {
        let mut r = Reader::new(row, Self::KIND, sink);
        let date = r.required_date(visit::DATE);
        if let Some(cadre) = r.required_text(visit::CADRE) {
            r.reference(visit::CADRE, &cadre, Target::Cadre);
        }
        if let Some(place) = r.required_text(visit::PLACE) {
            r.reference(visit::PLACE, &place, Target::Region);
        }
        let kind = r.enumeration::<VisitKind>(visit::KIND);
        let forums = r.count(visit::FORUMS);
        let people = r.count(visit::PEOPLE);
        let note = r.text(visit::NOTE);
        let span = r.span();
        if !r.ok {
            return None;
        }
        Some(Visit {
            date: date?,
            cadre: Ref::Broken,
            place: Ref::Broken,
            kind: kind.unwrap_or(VisitKind::Workday),
            forums,
            people,
            note: note.map(Into::into),
            span,
        })
    }

    fn set_ref(&mut self, slot: u16, to: Resolved) {
        match (slot, to) {
            (0, Resolved::Cadre(to)) => self.cadre = to,
            (1, Resolved::Region(to)) => self.place = to,
            _ => {}
        }
    }
}

impl Build for Problem {
    const KIND: Kind = Kind::Problems;

    fn build<R: Row>(row: &R, sink: &mut Sink) -> Option<Self> {
        let mut r = Reader::new(row, Self::KIND, sink);
        let id = r.required_text(problem::ID);
        let found = r.required_date(problem::FOUND);
        if let Some(place) = r.required_text(problem::PLACE) {
            r.reference(problem::PLACE, &place, Target::Region);
        }
        let cadre = r.text(problem::CADRE);
        if let Some(cadre) = &cadre {
            r.reference(problem::CADRE, cadre, Target::Cadre);
        }
        let source = r.enumeration::<Source>(problem::SOURCE);
        // An unreadable source is its own finding; "cadre needed" would only
        // guess at what was meant.
        let source_bad = row.cell(problem::SOURCE).is_some() && source.is_none();
        let source = source.unwrap_or(Source::Cadre);
        if source == Source::Cadre && !source_bad && row.cell(problem::CADRE).is_none() {
            let source_blank = row.cell(problem::SOURCE).is_none();
            let message = CadreNeeded { source_blank };
            r.error(problem::CADRE, &MISSING_VALUE, None, message);
        }
        let category = r.required_text(problem::CATEGORY);
        let summary = r.required_text(problem::SUMMARY);
        let unit = r.text(problem::UNIT);
        let deadline = r.date(problem::DEADLINE);
        let rectified = r.date(problem::RECTIFIED);
        let verified = r.date(problem::VERIFIED);
        let satisfaction = r.enumeration::<Satisfaction>(problem::SATISFACTION);
        let span = r.span();
        if !r.ok {
            return None;
        }
        Some(Problem {
            id: id?.into(),
            found: found?,
            place: Ref::Broken,
            cadre: cadre.map(|_| Ref::Broken),
            source,
            category: category?.into(),
            summary: summary?.into(),
            unit: unit.map(Into::into),
            deadline,
            rectified,
            verified,
            satisfaction,
            span,
        })
    }

    fn set_ref(&mut self, slot: u16, to: Resolved) {
        match (slot, to) {
            (0, Resolved::Region(to)) => self.place = to,
            (1, Resolved::Cadre(to)) => self.cadre = Some(to),
            _ => {}
        }
    }
}

impl Build for Leave {
    const KIND: Kind = Kind::Leaves;

    fn build<R: Row>(row: &R, sink: &mut Sink) -> Option<Self> {
        let mut r = Reader::new(row, Self::KIND, sink);
        if let Some(cadre) = r.required_text(leave::CADRE) {
            r.reference(leave::CADRE, &cadre, Target::Cadre);
        }
        let from = r.required_date(leave::FROM);
        let to = r.required_date(leave::TO);
        let reason = r.text(leave::REASON);
        let span = r.span();
        if !r.ok {
            return None;
        }
        Some(Leave {
            cadre: Ref::Broken,
            from: from?,
            to: to?,
            reason: reason.map(Into::into),
            span,
        })
    }

    fn set_ref(&mut self, slot: u16, to: Resolved) {
        if let (0, Resolved::Cadre(to)) = (slot, to) {
            self.cadre = to;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let mut sink = Sink {
            file: FileId(1),
            record: 0,
            findings: &mut findings,
            pending: &mut pending,
            dates: &mut dates,
        };
        let cadre = Cadre::build(&Cells(cells), &mut sink);
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
            assert_eq!(memo.parse(text), date::parse(text), "{text}");
        }
    }
}
