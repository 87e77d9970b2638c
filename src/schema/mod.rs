//! The data contract (docs/data.md), declared once. Each record kind is one
//! file here: a [`record!`] that declares the kind's record type and its
//! table together — for each field, one line: the struct field and its
//! Rust type, the English name (CSV header, TOML key, JSON key), the
//! Chinese headings (the first is the one bangcun writes; the others are
//! read too), and, where the type does not say it, whether a value may be
//! absent (`default …`, `sometimes`) or is the kind's key. The table's
//! type and whether a value is required follow from the Rust type
//! ([`FieldType`]): `Box<str>` is required text, `Option<Date>` an optional
//! date, `Ref<CadreId>` a cadre's id, `Vec<Ref<RegionId>>` a list of region
//! codes, an [`Enumeration`] one of its words. Beside it, a [`KindDef`]
//! gives the kind's file names and words.
//!
//! Header matching and TOML keys ([`lookup`]), record building (the
//! [`Record`] that `record!` writes, reading cells through the loader's
//! [`Builder`]), `fmt`'s canonical form (each field's [`Type`]), column
//! headings in both languages ([`header_line`]) and `init`'s templates all
//! follow these tables.
//!
//! # Adding a field to a kind
//!
//! One line in the kind's `record!` (and its row in docs/data.md). A field
//! of a type no field has yet (a yes/no, a text deadline) first needs its
//! [`FieldType`], and the loader a way to read it ([`Builder`]).
//!
//! # Adding a kind
//!
//! 1. `schema/KIND.rs`: its `record!` and its `KindDef`; its line in
//!    `kinds!` below (after the kinds it refers to, before those that
//!    refer to it).
//! 2. `model.rs`: the `Dataset` field holding its records, and its line in
//!    `stored!`.
//! 3. If other kinds refer to it: the check of a key it lacks, in
//!    `load/link.rs` (its message, and its arm in `unknown_reference`).
//! 4. Its new checks (a file each in `check/`, a line each in the
//!    registry), metrics and reports.
//! 5. Its table in docs/data.md; `template: true` if `init` should
//!    write an empty file of it.

mod cadres;
mod households;
mod leaves;
mod problems;
mod ratings;
mod regions;
mod reviews;
mod visits;
mod words;

use crate::date::{Date, Deadline};
use crate::lang::Lang;
use crate::span::Span;

pub use cadres::{CADRES, Cadre, CadreId};
pub use households::{HOUSEHOLDS, Household, HouseholdId};
pub use leaves::{LEAVES, Leave};
pub use problems::{PROBLEMS, Problem};
pub use ratings::{RATINGS, Rating, Stars, Year};
pub use regions::{Parent, REGIONS, Region, RegionId};
pub use reviews::{REVIEWS, Review};
pub use visits::{VISITS, Visit};
pub use words::{
    CadreLevel, Enumeration, HouseholdKind, OfficeKinds, Rectification, RegionLevel, Satisfaction,
    Source, VisitKind, YesNo, words_of,
};

/// Declares the record kinds, in load order: each may refer only to the
/// ones before it (regions first: everything lies in a region).
macro_rules! kinds {
    ($( $(#[$doc:meta])* $kind:ident => $def:expr; )*) => {
        /// The record kinds of a data folder, in load order.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Kind {
            $( $(#[$doc])* $kind, )*
        }

        impl Kind {
            /// Every kind, in the order they are loaded (each may refer to
            /// the ones before).
            pub const ALL: [Kind; [$(Kind::$kind),*].len()] = [$(Kind::$kind),*];

            /// The kind's declaration.
            pub fn def(self) -> &'static KindDef {
                match self {
                    $( Kind::$kind => &$def, )*
                }
            }
        }
    };
}

kinds! {
    Regions => REGIONS;
    Cadres => CADRES;
    Households => HOUSEHOLDS;
    Visits => VISITS;
    Problems => PROBLEMS;
    Leaves => LEAVES;
    Ratings => RATINGS;
    Reviews => REVIEWS;
}

/// What a kind is: its names and its fields.
#[derive(Debug)]
pub struct KindDef {
    /// The file and folder name: `regions` for `regions.csv` and `regions/`.
    pub plural: &'static str,
    /// The TOML table name (`[[region]]`); one record, in English.
    pub singular: &'static str,
    /// The kind's name in Chinese (行政区划).
    pub zh: &'static str,
    /// One record in Chinese, as a message names who refers (区划).
    pub referrer_zh: &'static str,
    /// The name of its key (区划代码, region code), in Chinese and English.
    pub key_name: (&'static str, &'static str),
    /// The fields, in the order `init` writes them.
    pub fields: &'static [Field],
    /// The fields `fmt` orders rows by, most significant first.
    pub sort: &'static [&'static str],
    /// Whether `init` writes an empty file of it (the optional kinds that
    /// only some programmes keep have none).
    pub template: bool,
}

impl Kind {
    /// The file and folder name: `regions` for `regions.csv` and `regions/`.
    pub fn plural(self) -> &'static str {
        self.def().plural
    }

    /// The TOML table name: `[[region]]`.
    pub fn singular(self) -> &'static str {
        self.def().singular
    }

    /// The kind's name: 行政区划, regions.
    pub fn name(self, lang: Lang) -> &'static str {
        lang.pick(self.def().zh, self.def().plural)
    }

    /// The fields of the kind, in the order `init` writes them.
    pub fn fields(self) -> &'static [Field] {
        self.def().fields
    }

    /// The position of the kind's key field, if it has one.
    pub fn key(self) -> Option<usize> {
        self.fields().iter().position(|f| f.key)
    }

    /// Whether records of another kind (or of this one) refer to this
    /// kind's: its keys are then needed before those records are linked.
    pub fn referenced(self) -> bool {
        Kind::ALL.iter().any(|k| {
            k.fields()
                .iter()
                .any(|f| matches!(f.ty, Type::Ref(to) | Type::Refs(to) if to == self))
        })
    }
}

/// One field of a record kind.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    /// English field name: the CSV header, the TOML key, the JSON key.
    pub name: &'static str,
    /// The Chinese heading bangcun writes (区划代码 for `code`) …
    pub zh: &'static str,
    /// … and the others clerks use, read as well.
    pub also: &'static [&'static str],
    /// A value is needed on every record. Fields required only in some
    /// cases (a village's parent, a cadre-sourced problem's cadre) are
    /// checked by the loader's rules, not here.
    pub required: bool,
    /// The field is the kind's key: unique, and what references name.
    pub key: bool,
    pub ty: Type,
}

impl Field {
    /// The field's column header in `lang`: the Chinese heading or the
    /// English name.
    pub fn label(&self, lang: Lang) -> &'static str {
        lang.pick(self.zh, self.name)
    }

    /// Whether `header` (trimmed) names this field: its English name in
    /// any case, or one of its Chinese headings.
    pub fn named(&self, header: &str) -> bool {
        self.zh == header || self.also.contains(&header) || self.name.eq_ignore_ascii_case(header)
    }
}

/// A heading as clerks vary it, in the form the tables write headings:
/// half-width brackets made full-width (县(区) is 县（区）), spaces inside
/// dropped (问题 描述), and the marks of a required column (`*问题编号`,
/// `问题编号※`) and a trailing colon taken off. `None` when that changes
/// nothing.
pub fn normal_heading(header: &str) -> Option<String> {
    let mut out: String = header
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect();
    let trimmed = out.trim_matches(['*', '＊', '※', ':', '：']).len();
    if trimmed != out.len() {
        out = out.trim_matches(['*', '＊', '※', ':', '：']).to_string();
    }
    (out != header).then_some(out)
}

/// What a field's values are.
#[derive(Clone, Copy, Debug)]
pub enum Type {
    Text,
    /// A date in one of the accepted forms; written in ISO form.
    Date,
    /// A deadline: a date, or a text deadline (`2026年底前`, `立行立改`,
    /// `长期坚持`); a date is written in ISO form, a text as written.
    Deadline,
    /// A whole number ≥ 0 (0 when absent).
    Count,
    /// A year (`2022`, `2022年`); written as its four digits.
    Year,
    /// A star rating 0–5 (`5`, `五星`); written as its digit.
    Stars,
    /// One of an enumeration's words, English or Chinese: `translate`
    /// gives the word in a language for a word in either.
    Word {
        translate: fn(&str, Lang) -> Option<&'static str>,
    },
    /// The key of a record of a kind.
    Ref(Kind),
    /// One or more keys of records of a kind, in one cell.
    Refs(Kind),
}

/// The fields of `kind`, in the order `init` writes them.
pub fn fields(kind: Kind) -> &'static [Field] {
    kind.fields()
}

/// The header line of a CSV file of `kind` (no line end): every field, in
/// order, named in `lang`.
pub fn header_line(kind: Kind, lang: Lang) -> String {
    let labels: Vec<&str> = fields(kind).iter().map(|f| f.label(lang)).collect();
    labels.join(",")
}

/// Finds the field a CSV header or TOML key names: the English name (any
/// case) or a Chinese heading, ignoring surrounding spaces.
pub fn lookup(kind: Kind, header: &str) -> Option<usize> {
    let header = header.trim();
    fields(kind)
        .iter()
        .position(|f| f.named(header))
        .or_else(|| lookup_loosely(kind, header))
}

/// [`lookup`] for a heading written in none of the tables' forms: once it
/// is in the [`normal_heading`] form. Apart: headers are few, and the
/// usual one is found by the plain comparison.
#[cold]
fn lookup_loosely(kind: Kind, header: &str) -> Option<usize> {
    let header = normal_heading(header)?;
    fields(kind).iter().position(|f| f.named(&header))
}

/// The required fields of `kind` that a header row's `headings` leave
/// unnamed (none: the row can be the kind's header). The header finder
/// asks only this and [`lookup`], so that whatever names a field here
/// names it for every file and sheet.
pub fn unnamed_required(kind: Kind, headings: &[&str]) -> Vec<&'static Field> {
    let place = place_field(kind);
    let named = |i: usize, h: &str| {
        lookup(kind, h) == Some(i) || (Some(i) == place && name_column(kind, h).is_some())
    };
    fields(kind)
        .iter()
        .enumerate()
        .filter(|&(i, f)| f.required && !headings.iter().any(|h| named(i, h)))
        .map(|(_, f)| f)
        .collect()
}

/// The name columns a sheet may carry instead of a code column for a
/// kind's place (docs/data.md, "Places by name"): for each level, the
/// English name, the heading bangcun writes and the others read. A row's
/// names make a path, coarser first (魏都区/南关街道/南关社区).
pub const NAME_COLUMNS: [(RegionLevel, &str, &str, &[&str]); 3] = [
    (
        RegionLevel::County,
        "county",
        "县（区）",
        &[
            "县（市、区）",
            "县区",
            "县市区",
            "区县",
            "县（市）",
            "所属县（区）",
            "县",
        ],
    ),
    (
        RegionLevel::Township,
        "township",
        "乡镇（街道）",
        &[
            "乡（镇、街道）",
            "乡镇街道",
            "乡镇",
            "街道",
            "所属乡镇（街道）",
            "乡镇（街道办）",
        ],
    ),
    (
        RegionLevel::Village,
        "village",
        "村（社区）",
        &[
            "村社区",
            "村（居）",
            "村居",
            "行政村",
            "村",
            "社区",
            "村（社区）名称",
        ],
    ),
];

/// The field of `kind` that name columns stand for: its first reference
/// to regions (a visit's or a problem's place, a cadre's points); none for
/// the regions themselves.
pub fn place_field(kind: Kind) -> Option<usize> {
    if kind == Kind::Regions {
        return None;
    }
    fields(kind)
        .iter()
        .position(|f| matches!(f.ty, Type::Ref(Kind::Regions) | Type::Refs(Kind::Regions)))
}

/// The level of the name column `header` names, for a kind with a place
/// (a heading that names a field is that field's, not a name column).
pub fn name_column(kind: Kind, header: &str) -> Option<RegionLevel> {
    place_field(kind)?;
    let header = header.trim();
    if lookup(kind, header).is_some() {
        return None;
    }
    let normal = normal_heading(header);
    let header = normal.as_deref().unwrap_or(header);
    NAME_COLUMNS
        .iter()
        .find(|(_, en, zh, also)| {
            *zh == header || also.contains(&header) || en.eq_ignore_ascii_case(header)
        })
        .map(|(level, ..)| *level)
}

/// The field called `name` (English) of `kind`.
pub fn by_name(kind: Kind, name: &str) -> Option<&'static Field> {
    fields(kind).iter().find(|f| f.name == name)
}

/// The position of the field called `name` (English) of `kind`.
pub fn position(kind: Kind, name: &str) -> Option<usize> {
    fields(kind).iter().position(|f| f.name == name)
}

/// English and Chinese name of a field of `kind` (the name itself, twice,
/// for a name no field has).
pub fn field_names(kind: Kind, field: &str) -> (&str, &str) {
    by_name(kind, field).map_or((field, field), |f| (f.name, f.zh))
}

/// A typed index of a record of a kind others refer to.
pub trait Id: Copy + PartialEq + std::fmt::Debug + Send + Sync + 'static {
    /// The kind it indexes.
    const KIND: Kind;
    fn new(index: u32) -> Self;
    fn index(self) -> u32;
}

/// A reference from one record to another, resolved at load time. The key
/// as written is not kept: the loader reports an unknown one as it
/// resolves it, and nothing later needs the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ref<Id> {
    /// The referenced record exists.
    Known(Id),
    /// The key names a record whose own row is broken (it has an error of
    /// its own), or the kind could not be read in full; no finding is made
    /// for it, so that one bad row does not bury the user in follow-on errors.
    Broken,
    /// No record has this key (an `unknown-region`/`unknown-cadre` error).
    Unknown,
}

impl<I: Copy> Ref<I> {
    /// The id, when the reference resolved.
    pub fn id(&self) -> Option<I> {
        match *self {
            Ref::Known(id) => Some(id),
            _ => None,
        }
    }

    /// The same reference with its id turned into another.
    pub fn map<J>(self, f: impl FnOnce(I) -> J) -> Ref<J> {
        match self {
            Ref::Known(id) => Ref::Known(f(id)),
            Ref::Broken => Ref::Broken,
            Ref::Unknown => Ref::Unknown,
        }
    }
}

/// A record of a kind, built from a row through the loader's [`Builder`];
/// [`record!`] writes it from the kind's table.
pub trait Record: Sized + Send + Sync + 'static {
    const KIND: Kind;

    /// Builds the record; `None` when any cell is bad (each bad cell has
    /// made a finding). References are registered with the builder, and
    /// the record holds `Ref::Broken` in their place until they are
    /// resolved ([`Record::set_ref`]).
    fn build(b: &mut impl Builder) -> Option<Self>;

    /// Sets item `item` of the reference in field `field`.
    fn set_ref(&mut self, field: usize, item: usize, to: Ref<u32>);

    /// Where the record was read.
    fn span(&self) -> Span;

    /// The record's key, for a kind with one.
    fn key(&self) -> Option<&str>;

    /// The text of field `field`, for a text field (a name, a unit).
    fn text(&self, field: usize) -> Option<&str>;

    /// Whether `test` holds for every reference the record makes (asked
    /// in field order, until one fails).
    fn all_refs(&self, test: &mut impl FnMut(Kind, Ref<u32>) -> bool) -> bool;

    /// The record's values in canonical form, field by field (the rows
    /// `import` writes): dates in ISO form, words in `lang`, references
    /// by the keys of the records they name, lists joined by `;`, and an
    /// absent value empty.
    fn write(&self, keys: &dyn KeyOf, lang: Lang) -> Vec<String>;
}

/// The key of a record others refer to, by its kind and index: what
/// writing a reference needs.
pub trait KeyOf {
    fn key_of(&self, kind: Kind, index: u32) -> Option<&str>;
}

/// How the loader reads the cells of one row, each by its field's
/// position: every bad or missing value is a finding it makes, and marks
/// the row as failed. It is the loader's; records are built through it.
pub trait Builder {
    /// Whether the field's cell is absent or empty.
    fn absent(&self, field: usize) -> bool;
    /// Text; a finding when `required` and absent.
    fn text(&mut self, field: usize, required: bool) -> Option<Box<str>>;
    /// The record's key: required text, which a finding refuses when
    /// Excel has turned it into a number (`4.11025E+11`).
    fn key(&mut self, field: usize) -> Box<str>;
    /// A date; a finding when it is none, or `required` and absent.
    fn date(&mut self, field: usize, required: bool) -> Option<Date>;
    /// A deadline: a date or a text deadline, read against the record's
    /// `found` date; a finding when it is neither.
    fn deadline(&mut self, field: usize) -> Option<Deadline>;
    /// A whole number ≥ 0; absent is 0.
    fn count(&mut self, field: usize) -> u32;
    /// A number of days, 1 to 366; `None` when absent or bad (a finding).
    fn positive(&mut self, field: usize) -> Option<std::num::NonZeroU16>;
    /// A year; a finding when it is none, or absent.
    fn year(&mut self, field: usize) -> Option<Year>;
    /// A star rating 0–5; a finding when it is none.
    fn stars(&mut self, field: usize) -> Option<Stars>;
    /// One of `E`'s words.
    fn word<E: Enumeration>(&mut self, field: usize, required: bool) -> Option<E>;
    /// The key in the cell, registered to be resolved against `target`'s
    /// keys; whether there is one.
    fn reference(&mut self, field: usize, target: Kind, required: bool) -> bool;
    /// The keys of a list cell, each registered; how many (at least one:
    /// a finding when there is none).
    fn references(&mut self, field: usize, target: Kind) -> usize;
    /// The rule of a field needed only sometimes, whose cell is absent:
    /// a finding when this row needs it.
    fn when_absent(&mut self, field: usize);
    /// The span of the row as a whole.
    fn span(&self) -> Span;
    /// No bad cell so far.
    fn ok(&self) -> bool;
}

/// A Rust type a field can have: what the table says of it, and how the
/// loader reads it.
pub trait FieldType: Sized {
    /// The field's type in the table.
    const TYPE: Type;
    /// Whether a value is needed (an `Option` needs none).
    const REQUIRED: bool;
    /// Reads the field; a bad or missing value gives a placeholder (the
    /// builder has made its finding, and the record will be dropped).
    fn take(b: &mut impl Builder, field: usize) -> Self;
    /// Reads the field, `default` when it is absent.
    fn take_or(b: &mut impl Builder, field: usize, default: Self) -> Self {
        if b.absent(field) {
            default
        } else {
            Self::take(b, field)
        }
    }
    /// Sets item `item` of a reference (for reference types).
    fn set_ref(&mut self, _item: usize, _to: Ref<u32>) {}
    /// Whether `test` holds for each reference held (for reference types).
    fn all_refs(&self, _test: &mut impl FnMut(Kind, Ref<u32>) -> bool) -> bool {
        true
    }
    /// The text held (for text types).
    fn as_text(&self) -> Option<&str> {
        None
    }
    /// The value in canonical form (see [`Record::write`]).
    fn write(&self, keys: &dyn KeyOf, lang: Lang) -> String;
}

/// A reference written: the key of the record it names (none for one
/// that did not resolve: `import` writes nothing that has errors).
fn write_ref<I: Id>(r: &Ref<I>, keys: &dyn KeyOf) -> String {
    r.id()
        .and_then(|id| keys.key_of(I::KIND, id.index()))
        .unwrap_or_default()
        .to_string()
}

impl FieldType for Box<str> {
    const TYPE: Type = Type::Text;
    const REQUIRED: bool = true;
    fn take(b: &mut impl Builder, field: usize) -> Self {
        b.text(field, true).unwrap_or_default()
    }
    fn as_text(&self) -> Option<&str> {
        Some(self)
    }
    fn write(&self, _: &dyn KeyOf, _: Lang) -> String {
        self.to_string()
    }
}

impl FieldType for Option<Box<str>> {
    const TYPE: Type = Type::Text;
    const REQUIRED: bool = false;
    fn take(b: &mut impl Builder, field: usize) -> Self {
        b.text(field, false)
    }
    fn as_text(&self) -> Option<&str> {
        self.as_deref()
    }
    fn write(&self, _: &dyn KeyOf, _: Lang) -> String {
        self.as_deref().unwrap_or_default().to_string()
    }
}

impl FieldType for Date {
    const TYPE: Type = Type::Date;
    const REQUIRED: bool = true;
    fn take(b: &mut impl Builder, field: usize) -> Self {
        b.date(field, true).unwrap_or_default()
    }
    fn write(&self, _: &dyn KeyOf, _: Lang) -> String {
        self.to_string()
    }
}

impl FieldType for Option<Date> {
    const TYPE: Type = Type::Date;
    const REQUIRED: bool = false;
    fn take(b: &mut impl Builder, field: usize) -> Self {
        b.date(field, false)
    }
    fn write(&self, _: &dyn KeyOf, _: Lang) -> String {
        self.map(|d| d.to_string()).unwrap_or_default()
    }
}

impl FieldType for Option<Deadline> {
    const TYPE: Type = Type::Deadline;
    const REQUIRED: bool = false;
    fn take(b: &mut impl Builder, field: usize) -> Self {
        b.deadline(field)
    }
    /// A day in ISO form (a deadline in words, read against `found`, is
    /// the day it means); long-term in words.
    fn write(&self, _: &dyn KeyOf, lang: Lang) -> String {
        match self {
            Some(Deadline::On(day)) => day.to_string(),
            Some(Deadline::LongTerm) => lang.pick("长期坚持", "long-term").to_string(),
            None => String::new(),
        }
    }
}

impl FieldType for u32 {
    const TYPE: Type = Type::Count;
    const REQUIRED: bool = false;
    fn take(b: &mut impl Builder, field: usize) -> Self {
        b.count(field)
    }
    fn write(&self, _: &dyn KeyOf, _: Lang) -> String {
        self.to_string()
    }
}

impl FieldType for std::num::NonZeroU16 {
    const TYPE: Type = Type::Count;
    const REQUIRED: bool = false;
    fn take(b: &mut impl Builder, field: usize) -> Self {
        b.positive(field).unwrap_or(std::num::NonZeroU16::MIN)
    }
    fn write(&self, _: &dyn KeyOf, _: Lang) -> String {
        self.to_string()
    }
}

impl<E: Enumeration> FieldType for E {
    const TYPE: Type = Type::Word {
        translate: words::translate::<E>,
    };
    const REQUIRED: bool = true;
    fn take(b: &mut impl Builder, field: usize) -> Self {
        b.word(field, true).unwrap_or(E::WORDS[0].0)
    }
    fn take_or(b: &mut impl Builder, field: usize, default: Self) -> Self {
        b.word(field, false).unwrap_or(default)
    }
    fn write(&self, _: &dyn KeyOf, lang: Lang) -> String {
        self.word(lang).to_string()
    }
}

impl<E: Enumeration> FieldType for Option<E> {
    const TYPE: Type = E::TYPE;
    const REQUIRED: bool = false;
    fn take(b: &mut impl Builder, field: usize) -> Self {
        b.word(field, false)
    }
    fn write(&self, _: &dyn KeyOf, lang: Lang) -> String {
        self.map(|e| e.word(lang)).unwrap_or_default().to_string()
    }
}

impl<I: Id> FieldType for Ref<I> {
    const TYPE: Type = Type::Ref(I::KIND);
    const REQUIRED: bool = true;
    fn take(b: &mut impl Builder, field: usize) -> Self {
        b.reference(field, I::KIND, true);
        Ref::Broken
    }
    fn set_ref(&mut self, _item: usize, to: Ref<u32>) {
        *self = to.map(I::new);
    }
    fn all_refs(&self, test: &mut impl FnMut(Kind, Ref<u32>) -> bool) -> bool {
        test(I::KIND, self.map(I::index))
    }
    fn write(&self, keys: &dyn KeyOf, _: Lang) -> String {
        write_ref(self, keys)
    }
}

impl<I: Id> FieldType for Option<Ref<I>> {
    const TYPE: Type = Type::Ref(I::KIND);
    const REQUIRED: bool = false;
    fn take(b: &mut impl Builder, field: usize) -> Self {
        b.reference(field, I::KIND, false).then_some(Ref::Broken)
    }
    fn set_ref(&mut self, _item: usize, to: Ref<u32>) {
        *self = Some(to.map(I::new));
    }
    fn all_refs(&self, test: &mut impl FnMut(Kind, Ref<u32>) -> bool) -> bool {
        self.is_none_or(|r| test(I::KIND, r.map(I::index)))
    }
    fn write(&self, keys: &dyn KeyOf, _: Lang) -> String {
        self.as_ref()
            .map(|r| write_ref(r, keys))
            .unwrap_or_default()
    }
}

impl<I: Id> FieldType for Vec<Ref<I>> {
    const TYPE: Type = Type::Refs(I::KIND);
    const REQUIRED: bool = true;
    fn take(b: &mut impl Builder, field: usize) -> Self {
        vec![Ref::Broken; b.references(field, I::KIND)]
    }
    fn set_ref(&mut self, item: usize, to: Ref<u32>) {
        if let Some(slot) = self.get_mut(item) {
            *slot = to.map(I::new);
        }
    }
    fn all_refs(&self, test: &mut impl FnMut(Kind, Ref<u32>) -> bool) -> bool {
        self.iter().all(|r| test(I::KIND, r.map(I::index)))
    }
    fn write(&self, keys: &dyn KeyOf, _: Lang) -> String {
        let keys: Vec<String> = self.iter().map(|r| write_ref(r, keys)).collect();
        keys.join(";")
    }
}

/// Declares a record kind's type and its table together, one line per
/// field (see the module's header):
///
/// ```text
/// record! {
///     /// What a cadre did at a point on a day (下沉走访记录).
///     pub struct Visit in Visits {
///         /// The day of the visit.
///         date: Date = "date" ("日期");
///         kind: VisitKind = "kind" ("类型") default VisitKind::Workday;
///     }
/// }
/// ```
///
/// After the headings, at most one of: `key` (the kind's key: required,
/// unique, what references name), `default EXPR` (the value when the cell
/// is absent), `sometimes` (required in some cases only, which the
/// loader's rules say). Every record also gets its `span`.
macro_rules! record {
    (
        $(#[$meta:meta])*
        pub struct $name:ident in $kind:ident {
            $(
                $(#[$field_meta:meta])*
                $field:ident: $ty:ty = $column:literal ($zh:literal $(, $also:literal)* $(,)?)
                    $($opt:ident $($default:expr)?)?;
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq)]
        pub struct $name {
            $( $(#[$field_meta])* pub $field: $ty, )*
            /// Where the record was read.
            pub span: $crate::span::Span,
        }

        impl $name {
            /// The kind's table: its fields, in the order `init` writes them.
            pub const FIELDS: &'static [$crate::schema::Field] = &[
                $( $crate::schema::Field {
                    name: $column,
                    zh: $zh,
                    also: &[$($also),*],
                    required: $crate::schema::record!(@required $ty $(, $opt)?),
                    key: $crate::schema::record!(@key $($opt)?),
                    ty: <$ty as $crate::schema::FieldType>::TYPE,
                }, )*
            ];
        }

        impl $crate::schema::Record for $name {
            const KIND: $crate::schema::Kind = $crate::schema::Kind::$kind;

            fn build(b: &mut impl $crate::schema::Builder) -> Option<Self> {
                // Fields are read in the order written: a struct
                // expression evaluates its fields in order.
                let mut field = 0;
                let record = $name {
                    $( $field: {
                        let value = $crate::schema::record!(
                            @take b, field, $ty $(, $opt $($default)?)?
                        );
                        field += 1;
                        value
                    }, )*
                    span: b.span(),
                };
                let _ = field;
                b.ok().then_some(record)
            }

            fn set_ref(&mut self, field: usize, item: usize, to: $crate::schema::Ref<u32>) {
                let mut at = 0;
                $(
                    if at == field {
                        return <$ty as $crate::schema::FieldType>::set_ref(&mut self.$field, item, to);
                    }
                    at += 1;
                )*
                let _ = (at, item, to);
            }

            fn span(&self) -> $crate::span::Span {
                self.span
            }

            fn key(&self) -> Option<&str> {
                None $( .or($crate::schema::record!(@key_of &self.$field $(, $opt)?)) )*
            }

            fn text(&self, field: usize) -> Option<&str> {
                let mut at = 0;
                $(
                    if at == field {
                        return <$ty as $crate::schema::FieldType>::as_text(&self.$field);
                    }
                    at += 1;
                )*
                let _ = at;
                None
            }

            fn write(
                &self,
                keys: &dyn $crate::schema::KeyOf,
                lang: $crate::lang::Lang,
            ) -> Vec<String> {
                vec![ $( <$ty as $crate::schema::FieldType>::write(&self.$field, keys, lang), )* ]
            }

            fn all_refs(
                &self,
                test: &mut impl FnMut($crate::schema::Kind, $crate::schema::Ref<u32>) -> bool,
            ) -> bool {
                let _ = &test;
                true $( && <$ty as $crate::schema::FieldType>::all_refs(&self.$field, test) )*
            }
        }
    };
    (@required $ty:ty) => { <$ty as $crate::schema::FieldType>::REQUIRED };
    (@required $ty:ty, key) => { <$ty as $crate::schema::FieldType>::REQUIRED };
    (@required $ty:ty, default) => { false };
    (@required $ty:ty, sometimes) => { false };
    (@key key) => { true };
    (@key $($other:ident)?) => { false };
    (@key_of $value:expr, key) => { Some(&**$value) };
    (@key_of $value:expr $(, $other:ident)?) => { None };
    (@take $b:ident, $i:ident, $ty:ty) => {
        <$ty as $crate::schema::FieldType>::take($b, $i)
    };
    (@take $b:ident, $i:ident, $ty:ty, key) => {
        $crate::schema::Builder::key($b, $i)
    };
    (@take $b:ident, $i:ident, $ty:ty, default $default:expr) => {
        <$ty as $crate::schema::FieldType>::take_or($b, $i, $default)
    };
    (@take $b:ident, $i:ident, $ty:ty, sometimes) => {{
        if $crate::schema::Builder::absent($b, $i) {
            $crate::schema::Builder::when_absent($b, $i);
        }
        <$ty as $crate::schema::FieldType>::take($b, $i)
    }};
}
pub(crate) use record;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_those_of_the_records() {
        assert_eq!(fields(Kind::Regions)[3].name, "parent");
        assert_eq!(fields(Kind::Cadres)[6].name, "end");
        assert_eq!(fields(Kind::Visits)[6].name, "note");
        assert_eq!(fields(Kind::Problems)[11].name, "satisfaction");
        assert_eq!(fields(Kind::Problems)[17].name, "note");
        assert_eq!(fields(Kind::Leaves)[3].name, "reason");
        // Types and requirement follow the Rust types.
        let visit = |name| by_name(Kind::Visits, name).unwrap();
        assert!(matches!(visit("cadre").ty, Type::Ref(Kind::Cadres)));
        assert!(visit("date").required && visit("cadre").required);
        assert!(!visit("kind").required && !visit("forums").required);
        assert!(matches!(
            by_name(Kind::Cadres, "points").unwrap().ty,
            Type::Refs(Kind::Regions)
        ));
        let keys: Vec<Option<usize>> = Kind::ALL.iter().map(|k| k.key()).collect();
        assert_eq!(
            keys,
            [Some(0), Some(0), Some(0), None, Some(0), None, None, None]
        );
        let referenced: Vec<bool> = Kind::ALL.iter().map(|k| k.referenced()).collect();
        assert_eq!(
            referenced,
            [true, true, true, false, false, false, false, false]
        );
    }

    #[test]
    fn headers_in_either_language() {
        let cadre = position(Kind::Visits, "cadre");
        assert_eq!(lookup(Kind::Visits, "干部编号"), cadre);
        assert_eq!(lookup(Kind::Visits, " Cadre "), cadre);
        assert_eq!(lookup(Kind::Visits, "cadre_id"), None);
    }

    #[test]
    fn name_columns_stand_for_the_place() {
        assert_eq!(
            name_column(Kind::Problems, "县（区）"),
            Some(RegionLevel::County)
        );
        assert_eq!(
            name_column(Kind::Problems, "乡镇(街道)"),
            Some(RegionLevel::Township)
        );
        assert_eq!(
            name_column(Kind::Visits, "村（社区）"),
            Some(RegionLevel::Village)
        );
        assert_eq!(name_column(Kind::Regions, "县（区）"), None);
        assert_eq!(name_column(Kind::Problems, "地点"), None);
        assert_eq!(
            place_field(Kind::Problems),
            position(Kind::Problems, "place")
        );
        assert_eq!(place_field(Kind::Cadres), position(Kind::Cadres, "points"));
        // A header with name columns and no code column names the place.
        let headings = [
            "问题编号",
            "发现日期",
            "县（区）",
            "村（社区）",
            "类别",
            "问题描述",
        ];
        assert!(unnamed_required(Kind::Problems, &headings).is_empty());
        let without = ["问题编号", "发现日期", "类别", "问题描述"];
        let missing: Vec<&str> = unnamed_required(Kind::Problems, &without)
            .iter()
            .map(|f| f.name)
            .collect();
        assert_eq!(missing, ["place"]);
    }

    #[test]
    fn clerks_headings() {
        let summary = position(Kind::Problems, "summary");
        for heading in [
            "问题描述",
            "存在问题",
            "问题内容",
            " 问题 描述 ",
            "*问题描述",
            "问题描述：",
        ] {
            assert_eq!(lookup(Kind::Problems, heading), summary, "{heading}");
        }
        let unit = position(Kind::Problems, "unit");
        assert_eq!(lookup(Kind::Problems, "整改责任单位"), unit);
        let deadline = position(Kind::Problems, "deadline");
        for heading in ["整改时限", "完成时限", "整改期限"] {
            assert_eq!(lookup(Kind::Problems, heading), deadline, "{heading}");
        }
        let rectified = position(Kind::Problems, "rectified");
        for heading in ["整改日期", "完成时间", "整改完成时间"] {
            assert_eq!(lookup(Kind::Problems, heading), rectified, "{heading}");
        }
        let cadre = position(Kind::Problems, "cadre");
        assert_eq!(lookup(Kind::Problems, "帮联干部"), cadre);
        assert_eq!(lookup(Kind::Problems, "发现干部"), cadre);
        assert_eq!(lookup(Kind::Problems, "问题描述说明"), None);
    }

    #[test]
    fn names_are_unique_within_a_kind() {
        for kind in Kind::ALL {
            let fs = fields(kind);
            for (i, a) in fs.iter().enumerate() {
                for b in &fs[i + 1..] {
                    assert_ne!(a.name, b.name);
                    assert!(!b.named(a.zh) && a.also.iter().all(|h| !b.named(h)));
                }
            }
        }
    }

    #[test]
    fn a_kind_refers_only_to_kinds_before_it() {
        for kind in Kind::ALL {
            for f in kind.fields() {
                if let Type::Ref(to) | Type::Refs(to) = f.ty {
                    assert!(to <= kind, "{kind:?}.{} refers to {to:?}", f.name);
                }
            }
        }
    }
}
