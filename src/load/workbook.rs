//! Reading workbooks (`.xlsx`, `.xls`, `.ods`) with calamine (docs/data.md,
//! "Workbooks"). A workbook holds records of its kind on every sheet but
//! the empty ones and those whose name begins with `_` or is 说明 or
//! 填表说明. Each sheet is read into text cells as a CSV file of it would
//! hold them — a date cell as its ISO date, a whole number without `.0`
//! (a code typed as a number keeps its digits), a merged cell's value in
//! every cell of the merge — and its rows then go the way of a CSV file's
//! (`csv::read_table`): the header found under title rows, footers passed
//! over. Row numbers are the sheet's own, so that a finding names the row
//! and cell the clerk sees.
//!
//! A file that is no workbook (a renamed file), a password-protected or
//! damaged one, or one whose parts would unpack to far more than any
//! ledger (a zip bomb) is one finding naming the file:
//! `bad-workbook`, with its words here.

use std::borrow::Cow;
use std::io::Cursor;

use calamine::{Data, Dimensions, Ods, Range, Reader, Xls, Xlsx};
use rustc_hash::FxHashMap;

use crate::finding::{Check, Describe, Severity};
use crate::lang::{Lang, tr};

pub static BAD_WORKBOOK: Check = Check {
    name: "bad-workbook",
    severity: Severity::Error,
    about: "a file named as a workbook that cannot be read as one: not a workbook, password-protected, damaged, or unpacking to far more than a ledger (a zip bomb)",
    about_zh: "以工作簿命名的文件无法按工作簿读取：不是工作簿、有密码保护、已损坏，或解压后远大于任何台账（压缩炸弹）",
};

/// Why a workbook cannot be read (`bad-workbook`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BadWorkbook {
    /// Not a workbook of the kind its name says (a renamed file).
    NotAWorkbook,
    /// Protected by a password: its contents are encrypted.
    Password,
    /// Its parts would unpack to `bytes` bytes, more than [`UNPACKED_LIMIT`]
    /// or [`RATIO_LIMIT`] times what they take packed.
    TooLarge { bytes: u64 },
    /// A workbook, but damaged: the reader's words.
    Damaged { error: String },
}

impl Describe for BadWorkbook {
    fn text(&self, lang: Lang) -> String {
        match self {
            BadWorkbook::NotAWorkbook => tr!(
                lang,
                "此文件不是工作簿（可能是改了扩展名的其他文件），未读取",
                "this file is no workbook (perhaps another file renamed), so it was not read",
            ),
            BadWorkbook::Password => tr!(
                lang,
                "工作簿有密码保护，无法读取",
                "the workbook is protected by a password and cannot be read",
            ),
            BadWorkbook::TooLarge { bytes } => {
                let mib = bytes / (1024 * 1024);
                tr!(
                    lang,
                    "工作簿解压后有 {mib} MiB，远大于任何台账（可能是压缩炸弹），未读取",
                    "the workbook would unpack to {mib} MiB, far more than any ledger (perhaps a zip bomb), so it was not read",
                )
            }
            BadWorkbook::Damaged { error } => tr!(
                lang,
                "工作簿已损坏，无法读取：{error}",
                "the workbook is damaged and cannot be read: {error}",
            ),
        }
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(match self {
            BadWorkbook::Password => tr!(
                lang,
                "在 Excel 或 WPS 中打开，取消密码（文件 → 信息 → 保护工作簿），再保存",
                "open it in Excel or WPS, remove the password (File → Info → Protect Workbook) and save it",
            ),
            _ => tr!(
                lang,
                "在 Excel 或 WPS 中打开此文件，另存为“Excel 工作簿（*.xlsx）”；打不开的文件请从原处重新获取",
                "open it in Excel or WPS and save it as \"Excel Workbook (*.xlsx)\"; get a file that will not open again from where it came from",
            ),
        })
    }
}

/// The most bytes a workbook's parts may unpack to: 2 GiB, a hundred
/// times a province's ledger.
pub const UNPACKED_LIMIT: u64 = 2 << 30;

/// The most a part past [`RATIO_FROM`] bytes may unpack to, as a multiple
/// of its packed size. Sheets pack to a tenth or a twentieth; a zip bomb
/// to a thousandth.
pub const RATIO_LIMIT: u64 = 200;

/// The unpacked size past which a part's ratio is looked at.
pub const RATIO_FROM: u64 = 32 << 20;

/// Sheets that hold no records: notes, and names beginning with `_`.
pub fn is_data_sheet(name: &str) -> bool {
    let name = name.trim();
    !(name.starts_with('_') || name == "说明" || name == "填表说明")
}

/// A sheet read: its name, its cells (from the sheet's first used cell)
/// and where they begin, and its merged areas.
pub struct Sheet {
    pub name: String,
    range: Range<Data>,
    merges: Vec<Dimensions>,
}

/// The file formats a workbook may be in, by extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Flavour {
    Xlsx,
    Xls,
    Ods,
}

/// Reads the data sheets of the workbook in `bytes` (named `name`, whose
/// extension says its format): those with cells, in the workbook's order.
pub fn read(name: &str, bytes: &[u8]) -> Result<Vec<Sheet>, BadWorkbook> {
    let ext = name
        .rsplit('.')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let flavour = match ext.as_str() {
        "xls" => Flavour::Xls,
        "ods" => Flavour::Ods,
        _ => Flavour::Xlsx,
    };
    // An encrypted xlsx is a compound file (the format of .xls) holding
    // the encrypted package.
    let compound = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    let zipped = bytes.starts_with(b"PK\x03\x04");
    match flavour {
        Flavour::Xlsx | Flavour::Ods if compound => {
            return Err(if contains(bytes, "EncryptedPackage") {
                BadWorkbook::Password
            } else {
                BadWorkbook::NotAWorkbook
            });
        }
        Flavour::Xlsx | Flavour::Ods if !zipped => return Err(BadWorkbook::NotAWorkbook),
        Flavour::Xls if !compound => return Err(BadWorkbook::NotAWorkbook),
        Flavour::Xlsx | Flavour::Ods => unpacked_size(bytes)?,
        Flavour::Xls => {}
    }
    let cursor = Cursor::new(bytes);
    match flavour {
        Flavour::Xlsx => {
            let mut book: Xlsx<_> = Xlsx::new(cursor).map_err(|e| opening(e.to_string()))?;
            // calamine finds a sheet's merges by parsing the whole sheet
            // again (a quarter of the time of a workbook of 80,000 rows):
            // they are looked up in its text instead, where it can be.
            let mut found = xlsx_merges(bytes);
            sheets(&mut book, |book, name| {
                match found.as_mut().and_then(|found| found.remove(name)) {
                    Some(merges) => merges,
                    None => book
                        .worksheet_merge_cells(name)
                        .and_then(Result::ok)
                        .unwrap_or_default(),
                }
            })
        }
        Flavour::Xls => {
            let mut book: Xls<_> = Xls::new(cursor).map_err(|e| opening(e.to_string()))?;
            sheets(&mut book, |book, name| {
                book.worksheet_merge_cells(name).unwrap_or_default()
            })
        }
        // calamine reads no merged areas of an OpenDocument sheet: a
        // merge there holds its value in its first cell only.
        Flavour::Ods => {
            let mut book: Ods<_> = Ods::new(cursor).map_err(|e| opening(e.to_string()))?;
            sheets(&mut book, |_, _| Vec::new())
        }
    }
}

/// The merged areas of each sheet of an xlsx workbook, by sheet name,
/// found in the text of its parts: `xl/workbook.xml` names the sheets and
/// their relationship ids, `xl/_rels/workbook.xml.rels` the part of each,
/// and a part's merges are its `<mergeCell ref="A1:C3"/>` elements after
/// `<mergeCells`, past its cells, found by a byte search as the part is
/// unpacked. `None` when the parts are not where and as Excel, WPS and
/// LibreOffice write them; a sheet missing from the map is one whose
/// part was not found: calamine reads those.
fn xlsx_merges(bytes: &[u8]) -> Option<FxHashMap<String, Vec<Dimensions>>> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut part = |name: &str| -> Option<String> {
        let mut text = String::new();
        zip.by_name(name).ok()?.read_to_string(&mut text).ok()?;
        Some(text)
    };
    let workbook = part("xl/workbook.xml")?;
    let rels = part("xl/_rels/workbook.xml.rels")?;
    let targets: FxHashMap<String, String> = elements(&rels, "Relationship")
        .into_iter()
        .filter_map(|e| Some((attribute(e, "Id")?, attribute(e, "Target")?)))
        .collect();
    let mut out = FxHashMap::default();
    for sheet in elements(&workbook, "sheet") {
        let (Some(name), Some(id)) = (attribute(sheet, "name"), attribute(sheet, ":id")) else {
            continue;
        };
        let Some(target) = targets.get(&id) else {
            continue;
        };
        let path = match target.strip_prefix('/') {
            Some(absolute) => absolute.to_string(),
            None => format!("xl/{target}"),
        };
        let Some(merges) = zip
            .by_name(&path)
            .ok()
            .and_then(|mut f| part_merges(&mut f))
        else {
            continue;
        };
        out.insert(unescape(&name), merges);
    }
    Some(out)
}

/// The merged areas of a sheet part, read as it is unpacked: the bytes
/// from `<mergeCells` on are kept, those before only searched.
fn part_merges(part: &mut impl std::io::Read) -> Option<Vec<Dimensions>> {
    const MARK: &[u8] = b"<mergeCells";
    let finder = memchr::memmem::Finder::new(MARK);
    let mut buf = vec![0u8; 1 << 16];
    let mut kept: Vec<u8> = Vec::new();
    let mut carry = 0;
    loop {
        let n = part.read(&mut buf[carry..]).ok()?;
        if n == 0 {
            return Some(Vec::new());
        }
        let filled = carry + n;
        if let Some(at) = finder.find(&buf[..filled]) {
            kept.extend_from_slice(&buf[at..filled]);
            part.read_to_end(&mut kept).ok()?;
            break;
        }
        // Keep the tail that may hold the start of the mark.
        carry = (MARK.len() - 1).min(filled);
        buf.copy_within(filled - carry..filled, 0);
    }
    let text = String::from_utf8_lossy(&kept);
    let end = text.find("</mergeCells>").unwrap_or(text.len());
    elements(&text[..end], "mergeCell")
        .into_iter()
        .map(|e| attribute(e, "ref").and_then(|r| area(&r)))
        .collect()
}

/// The elements `<NAME …>` of XML `text` (their attribute text).
fn elements<'t>(text: &'t str, name: &str) -> Vec<&'t str> {
    let open = format!("<{name}");
    text.match_indices(open.as_str())
        .map(|(at, _)| &text[at + open.len()..])
        .map(|rest| &rest[..rest.find('>').unwrap_or(rest.len())])
        .filter(|attrs| attrs.starts_with([' ', '\t', '\n', '\r', '/']))
        .collect()
}

/// The value of the attribute whose name ends with `name` (`:id` for
/// `r:id`), unescaped but for names.
fn attribute(attrs: &str, name: &str) -> Option<String> {
    let mut rest = attrs;
    while let Some(eq) = rest.find('=') {
        let key = rest[..eq]
            .trim()
            .rsplit([' ', '\t', '\n', '\r'])
            .next()
            .unwrap_or("");
        let value = rest[eq + 1..].trim_start();
        let quote = value.chars().next()?;
        let value = &value[1..];
        let close = value.find(quote)?;
        if key == name || (name.starts_with(':') && key.ends_with(name)) {
            return Some(value[..close].to_string());
        }
        rest = &value[close + 1..];
    }
    None
}

/// XML text with its five named entities and numeric references
/// replaced.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let Some(end) = tail.find(';') else {
            out.push_str(tail);
            return out;
        };
        let entity = &tail[1..end];
        let c = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .map(|h| u32::from_str_radix(h, 16))
                .or_else(|| entity.strip_prefix('#').map(str::parse))
                .and_then(Result::ok)
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => out.push(c),
            None => out.push_str(&tail[..=end]),
        }
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    out
}

/// A cell area `A1:C3` (or one cell `B2`) as zero-based (row, column)
/// corners.
fn area(text: &str) -> Option<Dimensions> {
    let corner = |cell: &str| -> Option<(u32, u32)> {
        let digits = cell.find(|c: char| c.is_ascii_digit())?;
        let (letters, row) = cell.split_at(digits);
        (!letters.is_empty() && letters.len() <= 3).then_some(())?;
        let mut col = 0u32;
        for c in letters.bytes() {
            (c.is_ascii_uppercase()).then_some(())?;
            col = col * 26 + u32::from(c - b'A') + 1;
        }
        let row: u32 = row.parse().ok()?;
        Some((row.checked_sub(1)?, col - 1))
    };
    let (start, end) = text.split_once(':').unwrap_or((text, text));
    let (start, end) = (corner(start)?, corner(end)?);
    Some(Dimensions { start, end })
}

/// Whether `bytes` hold `word` in UTF-16LE, as a compound file names its
/// streams.
fn contains(bytes: &[u8], word: &str) -> bool {
    let wide: Vec<u8> = word.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(wide.len()).any(|w| w == wide.as_slice())
}

/// The finding for a workbook its reader cannot open.
fn opening(error: String) -> BadWorkbook {
    if error.contains("password") {
        BadWorkbook::Password
    } else {
        BadWorkbook::Damaged { error }
    }
}

/// Refuses a zip whose parts say they would unpack to too much (their
/// sizes as the zip's directory gives them).
fn unpacked_size(bytes: &[u8]) -> Result<(), BadWorkbook> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| BadWorkbook::Damaged {
        error: e.to_string(),
    })?;
    let mut total = 0u64;
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index_raw(i) else {
            continue;
        };
        let (size, packed) = (part.size(), part.compressed_size().max(1));
        total = total.saturating_add(size);
        if size > RATIO_FROM && size / packed > RATIO_LIMIT {
            return Err(BadWorkbook::TooLarge { bytes: size });
        }
    }
    if total > UNPACKED_LIMIT {
        return Err(BadWorkbook::TooLarge { bytes: total });
    }
    Ok(())
}

/// The data sheets of an open workbook that hold cells.
fn sheets<'a, B: Reader<Cursor<&'a [u8]>>>(
    book: &mut B,
    mut merges: impl FnMut(&mut B, &str) -> Vec<Dimensions>,
) -> Result<Vec<Sheet>, BadWorkbook>
where
    B::Error: std::fmt::Display,
{
    let mut out = Vec::new();
    for name in book.sheet_names() {
        if !is_data_sheet(&name) {
            continue;
        }
        let range = book
            .worksheet_range(&name)
            .map_err(|e| opening(e.to_string()))?;
        // Only a blank text is an empty cell that is not `Empty`: asked
        // without making each cell's text, up to the first that is not.
        let blank = |c: &Data| match c {
            Data::String(s) => s.trim().is_empty(),
            Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().is_empty(),
            Data::Empty => true,
            _ => false,
        };
        if range.used_cells().all(|(_, _, c)| blank(c)) {
            continue;
        }
        let merges = merges(book, &name);
        out.push(Sheet {
            name,
            range,
            merges,
        });
    }
    Ok(out)
}

/// A cell as text, as a CSV file saved from the sheet would hold it (but
/// for dates, which are ISO dates here whatever their format).
fn text(cell: &Data) -> Cow<'_, str> {
    match cell {
        Data::String(s) => Cow::Borrowed(s),
        Data::Empty => Cow::Borrowed(""),
        Data::Int(i) => Cow::Owned(i.to_string()),
        Data::Float(f) => Cow::Owned(number(*f)),
        Data::Bool(b) => Cow::Borrowed(if *b { "是" } else { "否" }),
        Data::DateTime(dt) if dt.is_datetime() => {
            // The time of day is dropped: records are by day.
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            Cow::Owned(format!("{y:04}-{m:02}-{d:02}"))
        }
        Data::DateTime(dt) => Cow::Owned(number(dt.as_f64())),
        // OpenDocument dates: `2026-03-10` or `2026-03-10T08:00:00`.
        Data::DateTimeIso(s) => Cow::Borrowed(s.split('T').next().unwrap_or(s)),
        Data::DurationIso(s) => Cow::Borrowed(s),
        Data::Error(e) => Cow::Owned(e.to_string()),
    }
}

/// A number cell's value: a whole number by its digits (a code typed as
/// a number, 411002001001, not 411002001001.0), else as Rust writes it,
/// the shortest text that reads back as the same number.
fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

impl Sheet {
    /// How many rows the sheet has, from its first used one.
    pub fn height(&self) -> usize {
        self.range.height()
    }

    /// Hands out the sheet's rows one after another as text cells, each
    /// with its row number as the sheet shows it, for `csv::read_table`:
    /// a cell's column is its place in the row (column A first), and a
    /// merged cell's value is in every cell of the merge.
    pub fn rows<'s>(
        &'s self,
    ) -> impl FnMut(&mut Vec<Cow<'s, str>>) -> Option<Result<u32, super::split::Unclosed>> + 's
    {
        let (top, left) = self.range.start().unwrap_or((0, 0));
        let (height, width) = self.range.get_size();
        // Each covered cell (but a merge's first), and the first cell.
        let mut covered: FxHashMap<(u32, u32), (u32, u32)> = FxHashMap::default();
        for merge in &self.merges {
            // A merge past a million cells is no ledger's; its first cell
            // is kept, as the sheet shows it.
            if merge.len() > 1 << 20 {
                continue;
            }
            for r in merge.start.0..=merge.end.0 {
                for c in merge.start.1..=merge.end.1 {
                    if (r, c) != merge.start {
                        covered.insert((r, c), merge.start);
                    }
                }
            }
        }
        let cell = move |r: u32, c: u32| -> Cow<'s, str> {
            let (r, c) = covered.get(&(r, c)).copied().unwrap_or((r, c));
            let at = (r.wrapping_sub(top) as usize, c.wrapping_sub(left) as usize);
            self.range.get(at).map_or(Cow::Borrowed(""), text)
        };
        let mut next = 0usize;
        move |cells| {
            if next >= height {
                return None;
            }
            let row = top + next as u32;
            next += 1;
            cells.clear();
            cells.extend((0..left).map(|_| Cow::Borrowed("")));
            cells.extend((0..width as u32).map(|c| cell(row, left + c)));
            Some(Ok(row + 1))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_are_found_as_calamine_finds_them() {
        // Two sheets (one named with an &, escaped in workbook.xml), with
        // merges across, down, and over a block; a third without any.
        let mut book = rust_xlsxwriter::Workbook::new();
        let plain = rust_xlsxwriter::Format::new();
        let one = book.add_worksheet().set_name("台账&1").unwrap();
        one.merge_range(0, 0, 0, 12, "标题", &plain).unwrap();
        one.merge_range(2, 0, 3, 0, "序号", &plain).unwrap();
        for row in 4..2000 {
            one.write_string(row, 1, "魏都区").unwrap();
        }
        let two = book.add_worksheet().set_name("Sheet2").unwrap();
        two.merge_range(9, 26, 11, 28, "AA10:AC12", &plain).unwrap();
        book.add_worksheet().write_string(0, 0, "x").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let found = xlsx_merges(&bytes).unwrap();
        let mut calamine: Xlsx<_> = Xlsx::new(Cursor::new(&bytes[..])).unwrap();
        for name in calamine.sheet_names() {
            let theirs = calamine.worksheet_merge_cells(&name).unwrap().unwrap();
            assert_eq!(found.get(&name), Some(&theirs), "{name}");
        }
        // Worked by hand: A1:M1 is rows 0-0, columns 0-12.
        assert_eq!(
            found["台账&1"][0],
            Dimensions {
                start: (0, 0),
                end: (0, 12)
            }
        );
        assert_eq!(found.len(), 3);
    }

    #[test]
    fn areas_attributes_and_entities() {
        assert_eq!(
            area("AA10:AC12"),
            Some(Dimensions {
                start: (9, 26),
                end: (11, 28)
            })
        );
        assert_eq!(
            area("B2"),
            Some(Dimensions {
                start: (1, 1),
                end: (1, 1)
            })
        );
        for bad in ["", "A0", "a1", "1A", "ABCD1"] {
            assert_eq!(area(bad), None, "{bad}");
        }
        let attrs = r#" name="a &amp; b" sheetId="1" r:id='rId3'/"#;
        assert_eq!(attribute(attrs, "name").as_deref(), Some("a &amp; b"));
        assert_eq!(attribute(attrs, ":id").as_deref(), Some("rId3"));
        assert_eq!(attribute(attrs, "id"), None);
        assert_eq!(
            unescape("a &amp; b &#x4E2D;&#25991; &bad"),
            "a & b 中文 &bad"
        );
    }
}
