//! A data folder as loaded: the files read, the records of every kind
//! (declared in `schema`), each carrying the span (file, line) it came
//! from, and the indexes of their keys.
//!
//! References between records (a visit's cadre, a problem's place) are
//! resolved once at load time into [`Ref`]s, so that checks and metrics work
//! on indexes instead of looking strings up again.

use std::path::PathBuf;

use rustc_hash::FxHashMap;

pub use crate::date::{Date, Deadline};
pub use crate::schema::{
    Cadre, CadreId, CadreLevel, Enumeration, Household, HouseholdId, HouseholdKind, Id, Kind,
    Leave, OfficeKinds, Parent, Problem, Rating, Record, Rectification, Ref, Region, RegionId,
    RegionLevel, Review, Satisfaction, Source, Stars, Visit, VisitKind, Year, YesNo,
};
pub use crate::span::{FileId, Span};

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
    /// For a workbook, the sheet (the file then has an entry per sheet).
    pub sheet: Option<Box<str>>,
    /// For CSV files and sheets, the header cell naming each field and its
    /// column, so that findings can name the column as the clerk wrote it
    /// (`干部编号` or `cadre`) and a sheet's cell (`C17`).
    pub columns: Vec<Column>,
    /// Data rows (CSV) or tables (TOML) read, valid or not.
    pub rows: usize,
    /// Size and modification time as read (none if it was not read).
    pub stamp: Option<Stamp>,
    /// Whether the file was read to its end: false for a data file that
    /// could not be read at all (`rows` is then 0) or whose reading stopped
    /// part way (a quote never closed), so that reports can say what they
    /// left out.
    pub complete: bool,
    /// Where reading stopped part way (a quote never closed): the line
    /// from which nothing was read, and how many rows were lost from there.
    pub lost: Option<(u32, usize)>,
}

/// A column of a file that names a field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    /// The field's English name.
    pub field: &'static str,
    /// The heading as written.
    pub heading: Box<str>,
    /// Where it is, counted from 0 (column A of a sheet).
    pub index: u32,
}

impl SourceFile {
    /// A file as found, before it is read.
    pub fn new(path: PathBuf, name: PathBuf, role: FileRole) -> SourceFile {
        SourceFile {
            path,
            name,
            role,
            sheet: None,
            columns: Vec::new(),
            rows: 0,
            stamp: None,
            complete: false,
            lost: None,
        }
    }

    /// The column header this file uses for `field`, falling back to the
    /// English field name (TOML files, or a column the file lacks).
    pub fn column_name<'a>(&'a self, field: &'a str) -> &'a str {
        self.columns
            .iter()
            .find(|c| c.field == field)
            .map_or(field, |c| &c.heading)
    }

    /// The cell of `field` on row `line` of a sheet (`C17`); `None` for a
    /// file that is no sheet, or a column the sheet lacks.
    pub fn cell(&self, field: &str, line: u32) -> Option<String> {
        self.sheet.as_ref()?;
        let column = self.columns.iter().find(|c| c.field == field)?;
        (line > 0).then(|| format!("{}{line}", column_letters(column.index)))
    }
}

/// A sheet's column letters for a column counted from 0: A … Z, AA ….
pub fn column_letters(index: u32) -> String {
    let mut n = index as u64 + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
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

    /// The same index with every id turned into another type.
    pub fn map<J: Copy>(self, f: impl Fn(Id) -> J) -> KeyIndex<J> {
        KeyIndex {
            slots: self
                .slots
                .into_iter()
                .map(|s| Slot {
                    key: s.key,
                    id: s.id.map(&f),
                })
                .collect(),
            shift: self.shift,
            len: self.len,
            long: self.long.into_iter().map(|(k, id)| (k, f(id))).collect(),
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
    pub households: Vec<Household>,
    pub visits: Table<Visit>,
    pub problems: Vec<Problem>,
    pub leaves: Vec<Leave>,
    pub ratings: Vec<Rating>,
    pub reviews: Vec<Review>,
    /// Region code → the first region with that code.
    pub region_index: KeyIndex<RegionId>,
    /// Cadre id → the first cadre with that id.
    pub cadre_index: KeyIndex<CadreId>,
    /// Household id → the first household with that id.
    pub household_index: KeyIndex<HouseholdId>,
}

impl Dataset {
    pub fn region(&self, id: RegionId) -> &Region {
        &self.regions[id.0 as usize]
    }

    pub fn cadre(&self, id: CadreId) -> &Cadre {
        &self.cadres[id.0 as usize]
    }

    pub fn household(&self, id: HouseholdId) -> &Household {
        &self.households[id.0 as usize]
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

    /// The records of kind `R`.
    pub fn all<R: Stored>(&self) -> impl Iterator<Item = &R> + Clone {
        R::all(self)
    }
}

/// A reference is written as the key of the record it names.
impl crate::schema::KeyOf for Dataset {
    fn key_of(&self, kind: Kind, index: u32) -> Option<&str> {
        struct KeyAt<'d>(&'d Dataset, u32);
        impl<'d> KindVisitor for KeyAt<'d> {
            type Out = Option<&'d str>;
            fn visit<R: Stored>(self) -> Option<&'d str> {
                R::get(self.0, self.1 as usize)?.key()
            }
        }
        visit(kind, KeyAt(self, index))
    }
}

/// Where a dataset keeps the records of a kind: how the loader stores
/// them, and how code that handles every kind alike reads them.
pub trait Stored: Record {
    /// Every record of the kind, in file order.
    fn all(data: &Dataset) -> impl Iterator<Item = &Self> + Clone;
    /// Record `index` of the kind (in file order).
    fn get(data: &Dataset, index: usize) -> Option<&Self>;
    /// Stores the records read, file by file.
    fn store(data: &mut Dataset, files: Vec<Vec<Self>>);
    /// Stores the index of the kind's keys (for kinds others refer to).
    fn store_index(_data: &mut Dataset, _index: KeyIndex<u32>) {}
    /// The first record with `key`, for a kind whose keys are indexed
    /// (`None` for the others).
    fn first(_data: &Dataset, _key: &str) -> Option<usize> {
        None
    }
    /// Whether the kind's keys are indexed (see [`Stored::first`]).
    const INDEXED: bool = false;
}

/// Work to do with a kind's record type, whichever kind it is
/// ([`visit`]): how code that handles every kind alike (the loader) gets
/// at the type.
pub trait KindVisitor {
    type Out;
    fn visit<R: Stored>(self) -> Self::Out;
}

/// The [`Stored`] of each kind: its field of [`Dataset`], kept as a list
/// or file by file (`table`), and the field of its key index; and
/// [`visit`], which dispatches on the kind.
macro_rules! stored {
    ($( $kind:ident: $record:ty => $field:ident $(($index:ident))?, $store:ident; )*) => {
        $(
            impl Stored for $record {
                fn all(data: &Dataset) -> impl Iterator<Item = &Self> + Clone {
                    data.$field.iter()
                }
                fn get(data: &Dataset, index: usize) -> Option<&Self> {
                    data.$field.get(index)
                }
                fn store(data: &mut Dataset, files: Vec<Vec<Self>>) {
                    stored!(@$store data.$field, files);
                }
                $(
                    fn store_index(data: &mut Dataset, index: KeyIndex<u32>) {
                        data.$index = index.map(Id::new);
                    }
                    fn first(data: &Dataset, key: &str) -> Option<usize> {
                        data.$index.get(key).map(|id| id.index() as usize)
                    }
                    const INDEXED: bool = true;
                )?
            }
        )*

        /// Calls `visitor` with the record type of `kind`.
        pub fn visit<V: KindVisitor>(kind: Kind, visitor: V) -> V::Out {
            match kind {
                $( Kind::$kind => visitor.visit::<$record>(), )*
            }
        }
    };
    (@list $into:expr, $files:ident) => {
        for mut file in $files {
            $into.append(&mut file);
        }
    };
    (@table $into:expr, $files:ident) => {
        for file in $files {
            $into.push_chunk(file);
        }
    };
}

stored! {
    Regions: Region => regions (region_index), list;
    Cadres: Cadre => cadres (cadre_index), list;
    Households: Household => households (household_index), list;
    Visits: Visit => visits, table;
    Problems: Problem => problems, list;
    Leaves: Leave => leaves, list;
    Ratings: Rating => ratings, list;
    Reviews: Review => reviews, list;
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
        // A province holds over a million visits; keep each one compact
        // (a cache line: the days and household of issue 11 took the
        // last 8 bytes).
        assert!(size_of::<Visit>() <= 64, "{}", size_of::<Visit>());
    }
}
