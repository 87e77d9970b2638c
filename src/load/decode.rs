//! Telling the encoding of a file: UTF-8 with or without BOM, or GB18030
//! (a superset of GBK), as Excel and WPS save "CSV" on Chinese Windows.
//! Detected, not configured. The checks of encodings — `bad-encoding`,
//! `mixed-encoding`, `ambiguous-encoding` — are here with their words.

use std::borrow::Cow;

use crate::finding::{Check, Describe, Finding, Severity, shown};
use crate::lang::{Lang, tr};
use crate::model::{FileId, Span};
use crate::text::line_of_byte;

pub static BAD_ENCODING: Check = Check {
    name: "bad-encoding",
    severity: Severity::Error,
    about: "a file is neither UTF-8 nor GB18030/GBK (the line where decoding fails is named), or is UTF-16",
    about_zh: "文件既不是 UTF-8 也不是 GB18030/GBK（指出解码失败的行），或是 UTF-16 编码",
};

pub static MIXED_ENCODING: Check = Check {
    name: "mixed-encoding",
    severity: Severity::Error,
    about: "a line in UTF-8 in a GB18030/GBK file, saved in two encodings (each such line is named, and read as UTF-8)",
    about_zh: "GB18030/GBK 文件中有 UTF-8 编码的行，文件以两种编码保存过（逐行指出，并按 UTF-8 读取）",
};

pub static AMBIGUOUS_ENCODING: Check = Check {
    name: "ambiguous-encoding",
    severity: Severity::Warning,
    about: "a file valid as UTF-8 but without Chinese, that GB18030 reads as all Chinese: it is read as GB18030, and fmt leaves it alone",
    about_zh: "文件可按 UTF-8 读取但不含汉字，按 GB18030 读取则全是汉字：按 GB18030 读取，fmt 不改动它",
};

/// Why a file's bytes cannot be read as text (`bad-encoding`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Undecodable {
    NotUtf8OrGb18030,
    Utf16,
}

impl Describe for Undecodable {
    fn text(&self, lang: Lang) -> String {
        match self {
            Undecodable::NotUtf8OrGb18030 => tr!(
                lang,
                "此行有既非 UTF-8 也非 GB18030 的字节，文件无法读取",
                "this line has bytes that are neither UTF-8 nor GB18030; the file cannot be read",
            ),
            Undecodable::Utf16 => tr!(
                lang,
                "文件是 UTF-16 编码（Excel 的“Unicode 文本”），但此处的字节不是有效的 UTF-16，文件无法读取",
                "the file is UTF-16 (Excel's \"Unicode Text\"), but these bytes are no valid UTF-16; the file cannot be read",
            ),
        }
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(tr!(
            lang,
            "保存为 UTF-8 编码（在 Excel 或 WPS 中另存为“CSV UTF-8（逗号分隔）”）",
            "save it as UTF-8 (from Excel or WPS: \"CSV UTF-8 (comma delimited)\")",
        ))
    }
}

/// A line of a GB18030 file that is UTF-8 (`mixed-encoding`): the line as
/// read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MixedEncoding {
    pub text: String,
}

impl Describe for MixedEncoding {
    fn text(&self, lang: Lang) -> String {
        let text = &self.text;
        tr!(
            lang,
            "此行是 UTF-8 编码，文件的其余部分是 GB18030（GBK）编码（文件以两种编码保存过）；此行按 UTF-8 读作“{text}”",
            "this line is UTF-8 while the rest of the file is GB18030 (GBK): the file was saved in two encodings; read as UTF-8, the line is \"{text}\"",
        )
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(tr!(
            lang,
            "在 Excel 或 WPS 中此行会显示为乱码：照上面读出的内容重新输入此行，再把整个文件另存为“CSV UTF-8（逗号分隔）”；在此之前 bangcun fmt 不改动此文件",
            "a spreadsheet shows this line garbled: type it again as read above, then save the whole file as \"CSV UTF-8 (comma delimited)\"; until then bangcun fmt leaves the file alone",
        ))
    }
}

/// A file read as GB18030 that is valid UTF-8 too (`ambiguous-encoding`):
/// the line as read, and as UTF-8.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AmbiguousEncoding {
    pub gb18030: String,
    pub utf8: String,
}

impl Describe for AmbiguousEncoding {
    fn text(&self, lang: Lang) -> String {
        let (gb18030, utf8) = (&self.gb18030, &self.utf8);
        tr!(
            lang,
            "编码存疑：按 GB18030（GBK）读作“{gb18030}”，按 UTF-8 则是“{utf8}”；已按 GB18030 读取",
            "the encoding is in doubt: read as GB18030 (GBK), this line is \"{gb18030}\"; as UTF-8 it would be \"{utf8}\"; it is read as GB18030",
        )
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(tr!(
            lang,
            "在 Excel 或 WPS 中另存为“CSV UTF-8（逗号分隔）”（带 BOM 的 UTF-8 不会被误认）；在此之前 bangcun fmt 不改动此文件",
            "save it from Excel or WPS as \"CSV UTF-8 (comma delimited)\" (UTF-8 with a BOM, which leaves no doubt); until then bangcun fmt leaves the file alone",
        ))
    }
}

/// The `bad-encoding` finding of a file that cannot be decoded.
pub fn undecodable(file: FileId, (line, why): (u32, Undecodable)) -> Finding {
    Finding::new(&BAD_ENCODING, Span { file, line }, why)
}

/// The findings that say why a file's encoding is in doubt, each with
/// the line as read; `text` is the file as read.
#[cold]
pub fn doubt_findings(doubt: Doubt, file: FileId, text: &str) -> Vec<Finding> {
    let line_text = |line: u32| {
        let text = text.lines().nth(line as usize - 1).unwrap_or_default();
        shown(text)
    };
    match doubt {
        // One a line: the record on it is held back until it is typed again.
        Doubt::Mixed { lines } => lines
            .into_iter()
            .map(|line| {
                let span = Span { file, line };
                let text = line_text(line);
                let message = MixedEncoding { text: text.clone() };
                Finding::new(&MIXED_ENCODING, span, message).value(text)
            })
            .collect(),
        Doubt::Ambiguous { line, utf8 } => {
            let span = Span { file, line };
            let gb18030 = line_text(line);
            let utf8 = shown(&utf8);
            let message = AmbiguousEncoding {
                gb18030: gb18030.clone(),
                utf8,
            };
            vec![Finding::new(&AMBIGUOUS_ENCODING, span, message).value(gb18030)]
        }
    }
}

/// The encoding a file turned out to be in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Gb18030,
    /// Excel's "Unicode text": UTF-16, with a BOM or without.
    Utf16,
}

/// A file's text, and what it was read as.
#[derive(Debug)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: Encoding,
    /// Why the encoding told may be wrong, when it may be.
    pub doubt: Option<Doubt>,
}

impl Decoded<'_> {
    /// The text, owned, and the doubt.
    pub fn into_owned(self) -> (String, Option<Doubt>) {
        (self.text.into_owned(), self.doubt)
    }
}

/// Why a file's encoding is in doubt. Such a file is read as well as can
/// be, and named by a finding; `fmt` never rewrites it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Doubt {
    /// A GB18030 file some lines of which are UTF-8 (a row pasted or
    /// appended by another program): those lines, in order, each read as
    /// UTF-8; the rest as GB18030.
    Mixed { lines: Vec<u32> },
    /// Valid UTF-8 without a Chinese character whose GB18030 reading is
    /// all Chinese (short GBK text, such as 学习, happens to be valid
    /// UTF-8: ѧϰ). Read as GB18030; `line` is the first where the two
    /// readings differ, `utf8` that line read as UTF-8.
    Ambiguous { line: u32, utf8: String },
}

/// Decodes `bytes`, or says on which line decoding fails.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, (u32, Undecodable)> {
    let decoded = |text, encoding| Decoded {
        text,
        encoding,
        doubt: None,
    };
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        // The BOM settles the encoding: no doubt about it.
        return utf8(rest)
            .map(|text| decoded(Cow::Borrowed(text), Encoding::Utf8Bom))
            .map_err(|e| {
                (
                    line_of_byte(rest, e.valid_up_to()),
                    Undecodable::NotUtf8OrGb18030,
                )
            });
    }
    if let Some(big_endian) = utf16(bytes) {
        return utf16_text(bytes, big_endian)
            .map(|text| decoded(Cow::Owned(text), Encoding::Utf16))
            .map_err(|at| (line_of_byte(bytes, at), Undecodable::Utf16));
    }
    let utf8_error = match utf8(bytes) {
        // Chinese text in UTF-8 ends the look for doubt at its first
        // character: this costs nothing on the usual file.
        Ok(text) if !non_ascii_but_no_chinese(bytes) => {
            return Ok(decoded(Cow::Borrowed(text), Encoding::Utf8));
        }
        Ok(text) => return Ok(utf8_or_gb18030(bytes, text)),
        Err(e) => e.valid_up_to(),
    };
    if mostly_utf8(bytes) {
        return Err((
            line_of_byte(bytes, utf8_error),
            Undecodable::NotUtf8OrGb18030,
        ));
    }
    let in_utf8 = utf8_lines(bytes);
    if in_utf8.is_empty() {
        return gb18030(bytes)
            .map(|text| decoded(Cow::Owned(text), Encoding::Gb18030))
            .map_err(|at| (line_of_byte(bytes, at), Undecodable::NotUtf8OrGb18030));
    }
    // Each line in its own encoding.
    let mut text = String::with_capacity(bytes.len() * 3 / 2);
    let mut utf8_lines = in_utf8.iter().peekable();
    for (n, line) in (1u32..).zip(lines(bytes)) {
        if utf8_lines.next_if(|&&l| l == n).is_some() {
            text.push_str(std::str::from_utf8(line).unwrap_or_default());
        } else {
            let part = gb18030(line).map_err(|_| (n, Undecodable::NotUtf8OrGb18030))?;
            text.push_str(&part);
        }
    }
    Ok(Decoded {
        text: Cow::Owned(text),
        encoding: Encoding::Gb18030,
        doubt: Some(Doubt::Mixed { lines: in_utf8 }),
    })
}

/// Valid UTF-8 `text` without Chinese: read as GB18030 instead when that
/// reading is all Chinese, common characters among it, with the doubt
/// said. (A file of Cyrillic or accented Latin letters and no Chinese at
/// all may read so too: in a Chinese office's ledger that is far rarer
/// than short GBK text, and the finding shows both readings.)
fn utf8_or_gb18030<'a>(bytes: &'a [u8], text: &'a str) -> Decoded<'a> {
    let gb = gb18030(bytes).ok().filter(|gb| {
        let chinese = gb.chars().filter(|c| !c.is_ascii()).all(|c| {
            matches!(c, '\u{3000}'..='\u{303F}' | '\u{3400}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}')
        });
        chinese && common_chinese(bytes) > 0
    });
    let Some(gb) = gb else {
        return Decoded {
            text: Cow::Borrowed(text),
            encoding: Encoding::Utf8,
            doubt: None,
        };
    };
    let first = bytes.iter().position(|b| !b.is_ascii()).unwrap_or(0);
    let line = line_of_byte(bytes, first);
    let utf8 = text
        .lines()
        .nth(line as usize - 1)
        .unwrap_or_default()
        .to_string();
    Decoded {
        text: Cow::Owned(gb),
        encoding: Encoding::Gb18030,
        doubt: Some(Doubt::Ambiguous { line, utf8 }),
    }
}

/// Whether UTF-8 `bytes` hold a non-ASCII character but no Chinese one
/// (nothing from U+3000 to U+9FFF or among the full-width forms, whose
/// lead bytes are E3 to E9 and EF): only such a file may be GB18030 that
/// happens to be valid UTF-8, since Chinese in GB18030 is that only by
/// chance, a character or two. Stops at the first Chinese character.
fn non_ascii_but_no_chinese(bytes: &[u8]) -> bool {
    let mut non_ascii = false;
    for &b in bytes {
        if matches!(b, 0xE3..=0xE9 | 0xEF) {
            return false;
        }
        non_ascii |= !b.is_ascii();
    }
    non_ascii
}

/// GB18030 text, or the offset of the first byte it cannot decode.
fn gb18030(bytes: &[u8]) -> Result<String, usize> {
    let mut decoder = encoding_rs::GB18030.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(2));
    let mut text = String::with_capacity(capacity);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut text, true);
    match result {
        encoding_rs::DecoderResult::InputEmpty => Ok(text),
        encoding_rs::DecoderResult::Malformed(bad, _) => Err(read.saturating_sub(usize::from(bad))),
        // The buffer was sized for the worst case; should it still be full,
        // say so rather than drop the rest.
        encoding_rs::DecoderResult::OutputFull => Err(read),
    }
}

/// The lines of a GB18030 file that are UTF-8 instead (numbered from 1):
/// valid UTF-8 with a non-ASCII character, whose UTF-8 reading holds more
/// common Chinese characters than its GB18030 reading. A GB18030 line
/// fails UTF-8 at its first character but by rare chance; UTF-8 Chinese
/// read as GB18030 is mostly rare characters (its lead bytes E4 to E9 are
/// past the common ones), so `现场办公` wins 4 to 1, while `学习` read as
/// UTF-8 (ѧϰ) has none.
///
/// Only a line whose first non-ASCII character is valid UTF-8 is read
/// whole: a GB18030 line's is not but by chance, and the look costs a few
/// instructions (trying every line in full took 11% more instructions
/// than all the rest on a province's GB18030 files).
fn utf8_lines(bytes: &[u8]) -> Vec<u32> {
    (1u32..)
        .zip(lines(bytes))
        .filter(|(_, line)| first_non_ascii(line).is_some_and(|i| starts_utf8(&line[i..])))
        .filter_map(|(n, line)| {
            let text = std::str::from_utf8(line).ok()?;
            let (as_gb, _, _) = encoding_rs::GB18030.encode(text);
            (common_chinese(&as_gb) > common_chinese(line)).then_some(n)
        })
        .collect()
}

/// The offset of the first non-ASCII byte, looking at eight bytes at a
/// time.
fn first_non_ascii(bytes: &[u8]) -> Option<usize> {
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for word in words.by_ref() {
        let word = u64::from_le_bytes(word.try_into().unwrap_or_default());
        let high = word & 0x8080_8080_8080_8080;
        if high != 0 {
            return Some(at + high.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    let rest = words.remainder();
    rest.iter().position(|b| !b.is_ascii()).map(|i| at + i)
}

/// Whether `bytes` begin with a UTF-8 sequence of two to four bytes.
fn starts_utf8(bytes: &[u8]) -> bool {
    let follows = |i: usize| bytes.get(i).is_some_and(|b| b & 0xC0 == 0x80);
    match bytes.first() {
        Some(0xC2..=0xDF) => follows(1),
        Some(0xE0..=0xEF) => follows(1) && follows(2),
        Some(0xF0..=0xF4) => follows(1) && follows(2) && follows(3),
        _ => false,
    }
}

/// The lines of `bytes`, each with its `\n`, found with memchr.
fn lines(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', bytes).map(|end| end + 1);
    ends.chain(std::iter::once(bytes.len()))
        .filter_map(move |end| {
            let line = bytes.get(start..end)?;
            start = end;
            Some(line)
        })
        .filter(|line| !line.is_empty())
}

/// How many characters of GB18030 `bytes` are among the 3,755 most
/// common Chinese characters (GB2312 level 1: lead byte B0 to D7, trail
/// byte A1 to FE).
fn common_chinese(bytes: &[u8]) -> usize {
    let mut count = 0;
    let mut i = 0;
    while let Some(&lead) = bytes.get(i) {
        let width = match (lead, bytes.get(i + 1)) {
            (0x81..=0xFE, Some(0x30..=0x39)) => 4,
            (0x81..=0xFE, Some(&trail)) => {
                count += usize::from(matches!((lead, trail), (0xB0..=0xD7, 0xA1..=0xFE)));
                2
            }
            _ => 1,
        };
        i += width;
    }
    count
}

/// Whether a file is UTF-16, and if so whether big-endian: by its BOM,
/// or without one by where its NULs are.
fn utf16(bytes: &[u8]) -> Option<bool> {
    if bytes.starts_with(b"\xFF\xFE") {
        Some(false)
    } else if bytes.starts_with(b"\xFE\xFF") {
        Some(true)
    } else if utf16_without_bom(bytes) {
        // ASCII in little-endian UTF-16 has its NUL second.
        Some(
            bytes
                .get(..64)
                .unwrap_or(bytes)
                .iter()
                .step_by(2)
                .any(|b| *b == 0),
        )
    } else {
        None
    }
}

/// UTF-16 text (the BOM dropped), or the offset of the first byte it
/// cannot decode (a lone surrogate, an odd last byte).
fn utf16_text(bytes: &[u8], big_endian: bool) -> Result<String, usize> {
    let encoding = if big_endian {
        encoding_rs::UTF_16BE
    } else {
        encoding_rs::UTF_16LE
    };
    let body = if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        &bytes[2..]
    } else {
        bytes
    };
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(body.len())
        .unwrap_or(body.len().saturating_mul(2));
    let mut text = String::with_capacity(capacity);
    let (result, read) = decoder.decode_to_string_without_replacement(body, &mut text, true);
    let offset = bytes.len() - body.len();
    match result {
        encoding_rs::DecoderResult::InputEmpty => Ok(text),
        encoding_rs::DecoderResult::Malformed(bad, _) => {
            Err(offset + read.saturating_sub(usize::from(bad)))
        }
        encoding_rs::DecoderResult::OutputFull => Err(offset + read),
    }
}

/// Whether a file without a BOM is still UTF-16: text never holds a NUL,
/// which every ASCII character of UTF-16 has in its high byte, so the NULs
/// of its first 64 bytes are all at even offsets (big-endian) or all at
/// odd ones (little-endian), one byte in eight at least. (The BOM is
/// what Excel writes; this is for files saved without one.)
fn utf16_without_bom(bytes: &[u8]) -> bool {
    let sample = bytes.get(..64).unwrap_or(bytes);
    let (mut even, mut odd) = (0, 0);
    for (i, _) in sample.iter().enumerate().filter(|(_, b)| **b == 0) {
        if i % 2 == 0 {
            even += 1;
        } else {
            odd += 1;
        }
    }
    (even == 0 || odd == 0) && (even + odd) * 8 >= sample.len() && even + odd > 0
}

/// Whether text that is not valid UTF-8 is still UTF-8 with a few bad
/// bytes (a line pasted from elsewhere), rather than GB18030. Chinese in
/// GB18030 breaks UTF-8 at almost every character, though a character now
/// and then happens to be a valid UTF-8 sequence (魏 is `CE BA`, which is
/// κ); Chinese in UTF-8 is valid but for the bad bytes. So the text is
/// UTF-8 when its valid non-ASCII characters outnumber its invalid
/// sequences. 64 KiB from the first non-ASCII byte are enough to tell
/// (from the file's start, a long ASCII part would tell nothing).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii())
        .unwrap_or(bytes.len());
    let rest = bytes.get(start..).unwrap_or_default();
    let sample = rest.get(..64 * 1024).unwrap_or(rest);
    let (mut valid, mut invalid) = (0usize, 0usize);
    for chunk in sample.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    valid > invalid
}

/// UTF-8 validation with SIMD: several times faster than the standard
/// library's on Chinese text, which every file here is full of.
fn utf8(bytes: &[u8]) -> Result<&str, simdutf8::compat::Utf8Error> {
    simdutf8::compat::from_utf8(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decodes `bytes`, which must decode: the text and its encoding.
    fn read(bytes: &[u8]) -> (String, Encoding) {
        let decoded = decode(bytes).unwrap();
        assert_eq!(decoded.doubt, None);
        (decoded.text.into_owned(), decoded.encoding)
    }

    fn gbk(text: &str) -> Vec<u8> {
        encoding_rs::GB18030.encode(text).0.into_owned()
    }

    #[test]
    fn utf8_plain_and_with_bom() {
        assert_eq!(
            read("编号,姓名\n".as_bytes()),
            ("编号,姓名\n".into(), Encoding::Utf8)
        );
        assert_eq!(
            read(b"\xEF\xBB\xBFid,name\n"),
            ("id,name\n".into(), Encoding::Utf8Bom)
        );
    }

    #[test]
    fn gb18030_with_chinese_headers() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("编号,姓名,级别\nC1,张三,市级\n");
        assert_eq!(
            read(&bytes),
            ("编号,姓名,级别\nC1,张三,市级\n".into(), Encoding::Gb18030)
        );
    }

    #[test]
    fn bad_bytes_name_their_line() {
        let mut bytes = "编号,姓名\nC1,张三\n".as_bytes().to_vec();
        bytes.extend_from_slice(b"C2,\xFF\xFE\xFD\n");
        assert_eq!(decode(&bytes).unwrap_err().0, 3);
        // Neither encoding: plain ASCII then a byte invalid in both.
        assert_eq!(decode(b"a,b\nc,d\n\xFF\n").unwrap_err().0, 3);
    }

    #[test]
    fn gb18030_whose_first_character_is_also_utf8() {
        // 魏 is CE BA in GB18030, a valid UTF-8 sequence; 都 (B6 BC) is not.
        let text = "code,name,level,parent\n411002,魏都区,county,\n411003,建安区,county,\n";
        let (bytes, _, _) = encoding_rs::GB18030.encode(text);
        assert_eq!(&bytes[30..32], b"\xCE\xBA");
        assert!(std::str::from_utf8(&bytes[..32]).is_ok());
        assert_eq!(read(&bytes), (text.into(), Encoding::Gb18030));
    }

    #[test]
    fn utf8_with_a_pasted_gbk_line_is_not_gb18030() {
        let mut bytes = "日期,干部编号,地点代码,备注\n2026-01-10,C01,411001001001,入户走访\n"
            .as_bytes()
            .to_vec();
        let (gbk, _, _) = encoding_rs::GB18030.encode("2026-01-20,C02,411001002001,座谈\n");
        bytes.extend_from_slice(&gbk);
        assert_eq!(
            decode(&bytes).unwrap_err(),
            (3, Undecodable::NotUtf8OrGb18030)
        );
    }

    #[test]
    fn utf8_chinese_after_a_long_ascii_start_is_still_utf8() {
        // 68,222 bytes of ASCII (the header and 2,200 rows of 31 bytes,
        // lines 1–2201), a UTF-8 note (line 2202), then a line pasted in
        // GBK (2203): valid GB18030, so only telling UTF-8 by the Chinese
        // it holds, not by the file's start, finds it.
        let mut text = String::from("date,cadre,place,note\n");
        for _ in 0..2200 {
            text.push_str("2026-01-10,C01,411001001001,ok\n");
        }
        text.push_str("2026-01-10,C01,411001001001,入户走访座谈\n");
        assert!(text.len() > 64 * 1024);
        let mut bytes = text.into_bytes();
        let (gbk, _, _) = encoding_rs::GB18030.encode("2026-01-20,C02,411001002001,座谈\n");
        bytes.extend_from_slice(&gbk);
        assert_eq!(
            decode(&bytes).unwrap_err(),
            (2203, Undecodable::NotUtf8OrGb18030)
        );
    }

    #[test]
    fn utf16_is_read_with_a_bom_or_without() {
        let text = "编号,姓名\tC1\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for (bytes, why) in [
            ([&b"\xFF\xFE"[..], &le].concat(), "LE with BOM"),
            ([&b"\xFE\xFF"[..], &be].concat(), "BE with BOM"),
        ] {
            let decoded = decode(&bytes).unwrap();
            assert_eq!(decoded.text, text, "{why}");
            assert_eq!(decoded.encoding, Encoding::Utf16, "{why}");
        }
        // Without a BOM, in either byte order (ASCII text, so the NULs tell).
        assert_eq!(decode(b"i\x00d\x00,\x00").unwrap().text, "id,");
        assert_eq!(decode(b"\x00i\x00d\x00,").unwrap().text, "id,");
        // A lone surrogate is no UTF-16.
        assert_eq!(
            decode(b"\xFF\xFEa\x00\x00\xD8").unwrap_err(),
            (1, Undecodable::Utf16)
        );
        // NULs at both parities are no UTF-16 (and no text either: the
        // loader reports the file for what it holds).
        assert!(decode(b"date\n\x00\x00\x00,\x00\n").is_ok());
        assert!(decode(b"no nul here").is_ok());
    }

    #[test]
    fn a_utf8_row_in_a_gbk_file_is_read_as_utf8_and_named() {
        // Lines 1-2 in GBK, line 3 appended in UTF-8, line 4 GBK again.
        let mut bytes = gbk("日期,干部编号,地点代码,备注\n2026-01-10,C01,411001001001,入户走访\n");
        bytes.extend_from_slice("2026-01-11,C01,411001001001,现场办公\n".as_bytes());
        bytes.extend_from_slice(&gbk("2026-01-12,C01,411001001001,座谈\n"));
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.encoding, Encoding::Gb18030);
        assert_eq!(decoded.doubt, Some(Doubt::Mixed { lines: vec![3] }));
        // Every line as written, none garbled (鐜板満鍔炲叕).
        assert_eq!(
            decoded.text,
            "日期,干部编号,地点代码,备注\n2026-01-10,C01,411001001001,入户走访\n\
             2026-01-11,C01,411001001001,现场办公\n2026-01-12,C01,411001001001,座谈\n"
        );
    }

    #[test]
    fn short_gbk_that_is_valid_utf8_is_read_as_gbk_and_named() {
        // 学习 in GBK is D1 A7 CF B0: as UTF-8, ѧϰ (two Cyrillic letters).
        let bytes = gbk("cadre,from,to,reason\nC1,2026-03-01,2026-03-02,学习\n");
        assert_eq!(
            std::str::from_utf8(&bytes).unwrap(),
            "cadre,from,to,reason\nC1,2026-03-01,2026-03-02,ѧϰ\n"
        );
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.encoding, Encoding::Gb18030);
        assert_eq!(
            decoded.text,
            "cadre,from,to,reason\nC1,2026-03-01,2026-03-02,学习\n"
        );
        assert_eq!(
            decoded.doubt,
            Some(Doubt::Ambiguous {
                line: 2,
                utf8: "C1,2026-03-01,2026-03-02,ѧϰ".into()
            })
        );
    }

    #[test]
    fn utf8_with_chinese_or_other_letters_is_in_no_doubt() {
        // Chinese anywhere settles it, even after letters GB18030 would
        // read as Chinese; so do letters whose GB18030 reading has no
        // common Chinese character (Ж is D0 96, × C3 97: GBK's rarer
        // characters).
        for utf8 in ["ѧϰ,学习\n", "a,Ж\n", "x\n×\n", "plain ASCII\n"] {
            assert_eq!(
                read(utf8.as_bytes()),
                (utf8.into(), Encoding::Utf8),
                "{utf8}"
            );
        }
        // Nor is a BOM: it settles the encoding.
        let with_bom = [&b"\xEF\xBB\xBF"[..], "ѧϰ\n".as_bytes()].concat();
        assert_eq!(read(&with_bom), ("ѧϰ\n".into(), Encoding::Utf8Bom));
    }

    #[test]
    fn the_first_non_ascii_byte_is_found_word_by_word() {
        for (bytes, at) in [
            (&b""[..], None),
            (b"abc", None),
            (b"abcdefgh", None),
            (b"abcdefgh\xE4", Some(8)),
            (b"abc\xC3", Some(3)),
            (b"abcdefghijklmnopq\x80rs", Some(17)),
            (b"\xFF", Some(0)),
        ] {
            assert_eq!(first_non_ascii(bytes), at, "{bytes:?}");
        }
        assert!(starts_utf8("现".as_bytes()) && starts_utf8("×".as_bytes()));
        assert!(!starts_utf8(&gbk("现")) && !starts_utf8(b"\xE4\xB8"));
    }

    #[test]
    fn common_chinese_counts_gb2312_level_one() {
        // 现场办公: four common characters.
        assert_eq!(common_chinese(&gbk("现场办公")), 4);
        // Its UTF-8 bytes read as GB18030 pair up into one common one.
        assert_eq!(common_chinese("现场办公".as_bytes()), 1);
        // A four-byte GB18030 sequence (€ is A2 E3, ß is 81 30 89 38) and
        // ASCII count nothing.
        assert_eq!(common_chinese(&gbk("aß€")), 0);
    }
}
