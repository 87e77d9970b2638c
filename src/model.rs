//! The records of a data folder, as loaded: regions, cadres, visits,
//! problems and leaves, each carrying the span (file, line) it came from.
//!
//! References between records (a visit's cadre, a problem's place) are
//! resolved once at load time into [`Ref`]s, so that checks and metrics work
//! on indexes instead of looking strings up again.

use std::path::PathBuf;

use rustc_hash::FxHashMap;

pub use crate::date::Date;

/// Index of a file in [`Dataset::files`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// Where a record or a finding comes from: a file and a 1-based line
/// (the line a text editor shows; the CSV header is line 1). Line 0 means
/// the file as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub file: FileId,
    pub line: u32,
}

/// The record kinds of a data folder, in load order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Regions,
    Cadres,
    Visits,
    Problems,
    Leaves,
}

impl Kind {
    /// Every kind, in the order they are loaded (each may refer to the ones before).
    pub const ALL: [Kind; 5] = [
        Kind::Regions,
        Kind::Cadres,
        Kind::Visits,
        Kind::Problems,
        Kind::Leaves,
    ];

    /// The file and folder name: `regions` for `regions.csv` and `regions/`.
    pub fn plural(self) -> &'static str {
        match self {
            Kind::Regions => "regions",
            Kind::Cadres => "cadres",
            Kind::Visits => "visits",
            Kind::Problems => "problems",
            Kind::Leaves => "leaves",
        }
    }

    /// The TOML table name: `[[region]]`.
    pub fn singular(self) -> &'static str {
        match self {
            Kind::Regions => "region",
            Kind::Cadres => "cadre",
            Kind::Visits => "visit",
            Kind::Problems => "problem",
            Kind::Leaves => "leave",
        }
    }
}

/// What a file in [`Dataset::files`] holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileRole {
    Config,
    Data(Kind),
    /// Found in the folder and not read: only a finding names it.
    Skipped(Skip),
}

/// Why a file found in the data folder is not read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Skip {
    /// The temporary file of a write that a stopped bangcun left behind.
    Leftover,
    /// A symbolic link that leads out of the data folder.
    OutsideLink,
    /// A symbolic link to a file or folder read already under another
    /// name (or to the data folder itself).
    RepeatedLink,
}

/// A file's size and modification time when it was read, to tell later
/// whether it is still the file that was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    pub len: u64,
    pub modified: Option<std::time::SystemTime>,
}

impl Stamp {
    pub fn of(meta: &std::fs::Metadata) -> Stamp {
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
        }
    }
}

/// A file that was read, as it is shown to the user.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as printed in findings: relative to the current directory.
    pub path: PathBuf,
    /// The path within the data folder (`visits/2026-03.csv`), as git
    /// names it from there.
    pub name: PathBuf,
    pub role: FileRole,
    /// For CSV files, the header cell naming each field, so that findings
    /// can name the column as the clerk wrote it (`干部编号` or `cadre`).
    pub columns: Vec<(&'static str, Box<str>)>,
    /// Data rows (CSV) or tables (TOML) read, valid or not.
    pub rows: usize,
    /// Size and modification time as read (none if it was not read).
    pub stamp: Option<Stamp>,
    /// Whether the file was read to its end: false for a data file that
    /// could not be read at all (`rows` is then 0) or whose reading stopped
    /// part way (a quote never closed), so that reports can say what they
    /// left out.
    pub complete: bool,
}

impl SourceFile {
    /// The column header this file uses for `field`, falling back to the
    /// English field name (TOML files, or a column the file lacks).
    pub fn column_name<'a>(&'a self, field: &'a str) -> &'a str {
        self.columns
            .iter()
            .find(|(f, _)| *f == field)
            .map_or(field, |(_, header)| header)
    }
}

/// Typed index of a region in [`Dataset::regions`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RegionId(pub u32);

/// Typed index of a cadre in [`Dataset::cadres`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CadreId(pub u32);

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

impl<Id: Copy> Ref<Id> {
    /// The id, when the reference resolved.
    pub fn id(&self) -> Option<Id> {
        match *self {
            Ref::Known(id) => Some(id),
            _ => None,
        }
    }
}

/// Administrative level of a region (行政区划层级).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RegionLevel {
    County,
    Township,
    Village,
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

/// An enumeration as written in the data: each value has one English and
/// one Chinese word, and either is accepted.
pub trait Enumeration: Sized + Copy + 'static {
    /// Every value with its English and Chinese word.
    const WORDS: &'static [(Self, &'static str, &'static str)];

    /// Reads an English (any case) or Chinese word.
    fn parse(text: &str) -> Option<Self> {
        Self::WORDS
            .iter()
            .find(|(_, en, zh)| *zh == text || en.eq_ignore_ascii_case(text))
            .map(|(value, _, _)| *value)
    }

    /// The English word (the stable machine-readable value).
    fn english(self) -> &'static str
    where
        Self: PartialEq,
    {
        Self::WORDS
            .iter()
            .find(|(v, _, _)| *v == self)
            .map_or("", |(_, en, _)| en)
    }

    /// The Chinese word.
    fn chinese(self) -> &'static str
    where
        Self: PartialEq,
    {
        Self::WORDS
            .iter()
            .find(|(v, _, _)| *v == self)
            .map_or("", |(_, _, zh)| zh)
    }
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

/// An administrative unit (行政区划).
#[derive(Clone, Debug, PartialEq)]
pub struct Region {
    pub code: Box<str>,
    pub name: Box<str>,
    pub level: RegionLevel,
    /// The parent's code as written (a county's may name a city, which is
    /// not ours to check).
    pub parent_code: Option<Box<str>>,
    /// The parent, resolved; `None` for counties.
    pub parent: Option<Ref<RegionId>>,
    pub span: Span,
}

/// A linked cadre (帮联干部).
#[derive(Clone, Debug, PartialEq)]
pub struct Cadre {
    pub id: Box<str>,
    pub name: Box<str>,
    pub level: CadreLevel,
    pub unit: Option<Box<str>>,
    /// Contact points (联系点), in the order written; never empty.
    pub points: Vec<Ref<RegionId>>,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub span: Span,
}

impl Cadre {
    /// Whether the link is in force on `day` (start ≤ day ≤ end).
    pub fn active_on(&self, day: Date) -> bool {
        self.start.is_none_or(|s| s <= day) && self.end.is_none_or(|e| day <= e)
    }
}

/// What a cadre did at a point on a day (下沉走访记录).
#[derive(Clone, Debug, PartialEq)]
pub struct Visit {
    pub date: Date,
    pub cadre: Ref<CadreId>,
    pub place: Ref<RegionId>,
    pub kind: VisitKind,
    pub forums: u32,
    pub people: u32,
    pub note: Option<Box<str>>,
    pub span: Span,
}

/// An entry of the problem ledger (问题台账).
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub id: Box<str>,
    pub found: Date,
    pub place: Ref<RegionId>,
    /// Required when the source is [`Source::Cadre`].
    pub cadre: Option<Ref<CadreId>>,
    pub source: Source,
    pub category: Box<str>,
    pub summary: Box<str>,
    pub unit: Option<Box<str>>,
    /// As written; see `Config::deadline` for the one that applies.
    pub deadline: Option<Date>,
    pub rectified: Option<Date>,
    pub verified: Option<Date>,
    pub satisfaction: Option<Satisfaction>,
    pub span: Span,
}

/// An approved absence (请假、公差).
#[derive(Clone, Debug, PartialEq)]
pub struct Leave {
    pub cadre: Ref<CadreId>,
    pub from: Date,
    pub to: Date,
    pub reason: Option<Box<str>>,
    pub span: Span,
}

/// A key (region code, cadre id) ready for lookup. Keys of up to 15 bytes
/// — every real code and id — are packed into one integer, so that a lookup
/// hashes and compares two words instead of a string on the heap.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    /// The bytes, and the length in the last byte, as two words.
    Short([u64; 2]),
    Long(Box<str>),
}

impl Key {
    pub fn new(text: &str) -> Key {
        let bytes = text.as_bytes();
        let mut packed = [0u8; 16];
        match packed.get_mut(..bytes.len()) {
            Some(head) if bytes.len() < 16 => {
                head.copy_from_slice(bytes);
                packed[15] = bytes.len() as u8;
                let (lo, hi) = packed.split_at(8);
                let word = |b: &[u8]| b.try_into().map_or(0, u64::from_le_bytes);
                Key::Short([word(lo), word(hi)])
            }
            _ => Key::Long(text.into()),
        }
    }

    /// The key as written.
    pub fn text(&self) -> String {
        match self {
            Key::Short([lo, hi]) => {
                let mut bytes = [0u8; 16];
                bytes[..8].copy_from_slice(&lo.to_le_bytes());
                bytes[8..].copy_from_slice(&hi.to_le_bytes());
                let len = usize::from(bytes[15]).min(15);
                String::from_utf8_lossy(&bytes[..len]).into_owned()
            }
            Key::Long(text) => text.to_string(),
        }
    }
}

/// A map from keys to records: open addressing with linear probing over
/// packed keys, one slot holding key and record together (one cache line
/// per lookup), plus a plain map for the rare key too long to pack.
///
/// Resolving a province's references is millions of lookups in tables too
/// big for the cache, so the layout is ours: [`KeyIndex::prefetch`] can
/// touch a key's slot ahead of the lookup, which lets a batch of lookups
/// wait for memory together instead of one after another.
#[derive(Debug)]
pub struct KeyIndex<Id> {
    /// Power-of-two many slots, at most half full.
    slots: Vec<Slot<Id>>,
    /// Shift that takes a hash to a slot: its top bits.
    shift: u32,
    len: usize,
    long: FxHashMap<Box<str>, Id>,
}

#[derive(Clone, Copy, Debug)]
struct Slot<Id> {
    key: [u64; 2],
    id: Option<Id>,
}

impl<Id> Default for KeyIndex<Id> {
    fn default() -> Self {
        KeyIndex {
            slots: Vec::new(),
            shift: 64,
            len: 0,
            long: FxHashMap::default(),
        }
    }
}

/// Starts fetching `value` into the cache without waiting for it. (A load
/// would do too, but a load that misses holds up the instructions after it
/// until memory answers; a prefetch retires at once.)
#[cfg(target_arch = "x86_64")]
fn prefetch<T>(value: &T) {
    use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
    // SAFETY: a prefetch is a hint that never faults and reads nothing the
    // program sees; the address is a valid reference besides.
    unsafe { _mm_prefetch::<_MM_HINT_T0>((value as *const T).cast()) }
}

#[cfg(not(target_arch = "x86_64"))]
fn prefetch<T>(_value: &T) {}

/// Mixes a packed key into a hash whose top bits are well spread (the
/// murmur3 finalizer over both halves).
fn mix(key: [u64; 2]) -> u64 {
    let mut h = key[0] ^ key[1].rotate_left(29).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h ^= h >> 33;
    h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^= h >> 33;
    h = h.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    h ^ (h >> 33)
}

impl<Id: Copy> KeyIndex<Id> {
    pub fn get(&self, key: &str) -> Option<Id> {
        self.get_key(&Key::new(key))
    }

    pub fn get_key(&self, key: &Key) -> Option<Id> {
        match key {
            Key::Short(packed) => {
                let key = *packed;
                let mask = self.slots.len().wrapping_sub(1);
                let mut i = self.home(key)?;
                loop {
                    let slot = self.slots.get(i)?;
                    match slot.id {
                        Some(id) if slot.key == key => return Some(id),
                        Some(_) => i = (i + 1) & mask,
                        None => return None,
                    }
                }
            }
            Key::Long(text) => self.long.get(text).copied(),
        }
    }

    /// Asks the processor to fetch the slot `key` starts at into the cache,
    /// so that a lookup soon after finds it there. A hint: nothing waits.
    pub fn prefetch(&self, key: &Key) {
        if let Key::Short(packed) = key {
            if let Some(slot) = self.home(*packed).and_then(|i| self.slots.get(i)) {
                prefetch(slot);
            }
        }
    }

    fn home(&self, key: [u64; 2]) -> Option<usize> {
        (!self.slots.is_empty()).then(|| (mix(key) >> self.shift) as usize)
    }

    /// Adds `key` unless present: the first record with a key keeps it.
    pub fn insert_first(&mut self, key: &str, id: Id) {
        match Key::new(key) {
            Key::Short(packed) => {
                if (self.len + 1) * 2 > self.slots.len() {
                    self.grow((self.len + 1) * 2);
                }
                self.place(packed, id);
            }
            Key::Long(text) => {
                self.long.entry(text).or_insert(id);
            }
        }
    }

    fn place(&mut self, key: [u64; 2], id: Id) {
        let mask = self.slots.len() - 1;
        let mut i = (mix(key) >> self.shift) as usize;
        loop {
            match self.slots[i].id {
                Some(_) if self.slots[i].key == key => return,
                Some(_) => i = (i + 1) & mask,
                None => {
                    self.slots[i] = Slot { key, id: Some(id) };
                    self.len += 1;
                    return;
                }
            }
        }
    }

    /// Makes room for `n` short keys, keeping the table at most half full.
    pub fn reserve(&mut self, n: usize) {
        if (self.len + n) * 2 > self.slots.len() {
            self.grow((self.len + n) * 2);
        }
    }

    fn grow(&mut self, at_least: usize) {
        let size = at_least.next_power_of_two().max(16);
        let old = std::mem::replace(
            &mut self.slots,
            vec![
                Slot {
                    key: [0, 0],
                    id: None
                };
                size
            ],
        );
        self.shift = 64 - size.trailing_zeros();
        self.len = 0;
        for slot in old {
            if let Some(id) = slot.id {
                self.place(slot.key, id);
            }
        }
    }
}

/// Records kept as they were read: one chunk per file. Files are read in
/// parallel, each into a list of its own; keeping the lists as chunks
/// spares copying a province's million visits into one list, and holding
/// both copies at once.
#[derive(Debug)]
pub struct Table<T> {
    chunks: Vec<Vec<T>>,
    /// Index of the first record of each chunk.
    starts: Vec<usize>,
    len: usize,
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Table {
            chunks: Vec::new(),
            starts: Vec::new(),
            len: 0,
        }
    }
}

impl<T> Table<T> {
    /// Appends the records of one file.
    pub fn push_chunk(&mut self, chunk: Vec<T>) {
        if !chunk.is_empty() {
            self.starts.push(self.len);
            self.len += chunk.len();
            self.chunks.push(chunk);
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn get(&self, i: usize) -> Option<&T> {
        let chunk = self.starts.partition_point(|&s| s <= i).checked_sub(1)?;
        self.chunks.get(chunk)?.get(i - self.starts[chunk])
    }

    pub fn iter(&self) -> impl Iterator<Item = &T> + Clone {
        self.chunks.iter().flatten()
    }

    /// The records file by file, for work split across threads.
    pub fn chunks(&self) -> &[Vec<T>] {
        &self.chunks
    }
}

impl<T> From<Vec<T>> for Table<T> {
    fn from(records: Vec<T>) -> Self {
        let mut table = Table::default();
        table.push_chunk(records);
        table
    }
}

impl<T> std::ops::Index<usize> for Table<T> {
    type Output = T;

    /// The record at an index the program made (never one from data).
    fn index(&self, i: usize) -> &T {
        match self.get(i) {
            Some(record) => record,
            None => panic!("record {i} out of {} records", self.len),
        }
    }
}

impl<'a, T> IntoIterator for &'a Table<T> {
    type Item = &'a T;
    type IntoIter = std::iter::Flatten<std::slice::Iter<'a, Vec<T>>>;

    fn into_iter(self) -> Self::IntoIter {
        self.chunks.iter().flatten()
    }
}

/// Everything read from a data folder.
#[derive(Debug, Default)]
pub struct Dataset {
    /// Every file read, `bangcun.toml` first; [`FileId`] indexes this.
    pub files: Vec<SourceFile>,
    pub regions: Vec<Region>,
    pub cadres: Vec<Cadre>,
    pub visits: Table<Visit>,
    pub problems: Vec<Problem>,
    pub leaves: Vec<Leave>,
    /// Region code → the first region with that code.
    pub region_index: KeyIndex<RegionId>,
    /// Cadre id → the first cadre with that id.
    pub cadre_index: KeyIndex<CadreId>,
}

impl Dataset {
    pub fn region(&self, id: RegionId) -> &Region {
        &self.regions[id.0 as usize]
    }

    pub fn cadre(&self, id: CadreId) -> &Cadre {
        &self.cadres[id.0 as usize]
    }

    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// Data rows read over all files, valid or not.
    pub fn rows_read(&self) -> usize {
        self.files.iter().map(|f| f.rows).sum()
    }

    /// The files read or meant to be read: all but those skipped.
    pub fn files_read(&self) -> usize {
        let skipped = |f: &&SourceFile| matches!(f.role, FileRole::Skipped(_));
        self.files.len() - self.files.iter().filter(skipped).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip() {
        for text in [
            "",
            "C1",
            "411002001001",
            "fifteen-bytes-x",
            "sixteen-bytes-xx",
            "联系点",
        ] {
            assert_eq!(Key::new(text).text(), text);
        }
        assert!(matches!(Key::new("fifteen-bytes-x"), Key::Short(_)));
        assert!(matches!(Key::new("sixteen-bytes-xx"), Key::Long(_)));
    }

    #[test]
    fn key_index_short_and_long() {
        let mut index = KeyIndex::default();
        index.insert_first("411002001001", RegionId(1));
        index.insert_first("411002001001", RegionId(2));
        index.insert_first("a-very-long-key-of-many-bytes", RegionId(3));
        index.insert_first("", RegionId(4));
        assert_eq!(index.get("411002001001"), Some(RegionId(1)));
        assert_eq!(
            index.get("a-very-long-key-of-many-bytes"),
            Some(RegionId(3))
        );
        assert_eq!(index.get(""), Some(RegionId(4)));
        assert_eq!(index.get("411002001001\0"), None);
        assert_eq!(index.get("41100200100"), None);
    }

    #[test]
    fn table_indexes_across_chunks() {
        let mut t = Table::default();
        t.push_chunk(vec![1, 2]);
        t.push_chunk(vec![]);
        t.push_chunk(vec![3]);
        assert_eq!(t.len(), 3);
        assert_eq!((t[0], t[1], t[2]), (1, 2, 3));
        assert_eq!(t.get(3), None);
        assert_eq!(t.iter().copied().collect::<Vec<_>>(), vec![1, 2, 3]);
    }

    #[test]
    fn records_stay_small() {
        // A province holds over a million visits; keep each one compact.
        assert!(size_of::<Visit>() <= 56, "{}", size_of::<Visit>());
    }
}
