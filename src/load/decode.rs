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
    about: "a file saved in two encodings: a line in UTF-8 in a GB18030/GBK file, or in GB18030 in a UTF-8 one (each such line is named, and read in its own encoding)",
    about_zh: "文件以两种编码保存过：GB18030/GBK 文件中有 UTF-8 编码的行，或 UTF-8 文件中有 GB18030 编码的行（逐行指出，各按其编码读取）",
};

pub static AMBIGUOUS_ENCODING: Check = Check {
    name: "ambiguous-encoding",
    severity: Severity::Warning,
    about: "a line that reads as well in UTF-8 as in GB18030 (a short text, or a file without Chinese that GB18030 reads as all Chinese): both readings are shown, the file's own is taken, and fmt leaves the file alone",
    about_zh: "某行按 UTF-8 和按 GB18030 读都说得通（短文本，或不含汉字、按 GB18030 读则全是汉字的文件）：列出两种读法，按文件本身的编码读取，fmt 不改动此文件",
};

pub static BIG5_ENCODING: Check = Check {
    name: "big5-encoding",
    severity: Severity::Warning,
    about: "a file that looks like Big5 (traditional Chinese, as Taiwan and Hong Kong systems save it): read as GB18030 it is full of rare characters, read as Big5 all common ones; it is read as GB18030, and fmt leaves it alone",
    about_zh: "文件像是 Big5 编码（繁体中文，台湾、香港的系统这样保存）：按 GB18030 读满是生僻字，按 Big5 读则都是常用字；仍按 GB18030 读取，fmt 不改动此文件",
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

/// A line in another encoding than the rest of its file
/// (`mixed-encoding`): the line as read, in its own encoding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MixedEncoding {
    pub text: String,
    /// The line's own encoding (UTF-8 in a GB18030 file, or GB18030 in
    /// a UTF-8 one).
    pub line_in: Encoding,
}

impl Describe for MixedEncoding {
    fn text(&self, lang: Lang) -> String {
        let text = &self.text;
        if self.line_in == Encoding::Gb18030 {
            return tr!(
                lang,
                "此行是 GB18030（GBK）编码，文件的其余部分是 UTF-8 编码（文件以两种编码保存过）；此行按 GB18030 读作“{text}”",
                "this line is GB18030 (GBK) while the rest of the file is UTF-8: the file was saved in two encodings; read as GB18030, the line is \"{text}\"",
            );
        }
        tr!(
            lang,
            "此行是 UTF-8 编码，文件的其余部分是 GB18030（GBK）编码（文件以两种编码保存过）；此行按 UTF-8 读作“{text}”",
            "this line is UTF-8 while the rest of the file is GB18030 (GBK): the file was saved in two encodings; read as UTF-8, the line is \"{text}\"",
        )
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(tr!(
            lang,
            "在 Excel 或 WPS 中此行或其余各行会显示为乱码：照上面读出的内容核对并重新输入此行，再把整个文件另存为“CSV UTF-8（逗号分隔）”；在此之前 bangcun fmt 不改动此文件",
            "a spreadsheet shows this line or the others garbled: check the line as read above and type it again, then save the whole file as \"CSV UTF-8 (comma delimited)\"; until then bangcun fmt leaves the file alone",
        ))
    }
}

/// A line that reads as well in either encoding (`ambiguous-encoding`):
/// both readings, and which was taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AmbiguousEncoding {
    pub gb18030: String,
    pub utf8: String,
    /// The reading taken: the file's own encoding.
    pub read_as: Encoding,
}

impl Describe for AmbiguousEncoding {
    fn text(&self, lang: Lang) -> String {
        let (gb18030, utf8) = (&self.gb18030, &self.utf8);
        if self.read_as == Encoding::Utf8 {
            return tr!(
                lang,
                "编码存疑：按 UTF-8 读作“{utf8}”，按 GB18030（GBK）则是“{gb18030}”；已按 UTF-8 读取",
                "the encoding is in doubt: read as UTF-8, this line is \"{utf8}\"; as GB18030 (GBK) it would be \"{gb18030}\"; it is read as UTF-8",
            );
        }
        tr!(
            lang,
            "编码存疑：按 GB18030（GBK）读作“{gb18030}”，按 UTF-8 则是“{utf8}”；已按 GB18030 读取",
            "the encoding is in doubt: read as GB18030 (GBK), this line is \"{gb18030}\"; as UTF-8 it would be \"{utf8}\"; it is read as GB18030",
        )
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(tr!(
            lang,
            "在 Excel 或 WPS 中打开，核对此行读得对，再另存为“CSV UTF-8（逗号分隔）”（带 BOM 的 UTF-8 不会被误认）；在此之前 bangcun fmt 不改动此文件",
            "open it in Excel or WPS, check that this line reads right, and save it as \"CSV UTF-8 (comma delimited)\" (UTF-8 with a BOM, which leaves no doubt); until then bangcun fmt leaves the file alone",
        ))
    }
}

/// A file that looks like Big5 (`big5-encoding`): its first line with
/// Chinese, read as GB18030 and as Big5.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Big5Encoding {
    pub gb18030: String,
    pub big5: String,
}

impl Describe for Big5Encoding {
    fn text(&self, lang: Lang) -> String {
        let (gb18030, big5) = (&self.gb18030, &self.big5);
        tr!(
            lang,
            "文件像是 Big5（繁体中文）编码：按 GB18030 读作“{gb18030}”，满是生僻字；按 Big5 则是“{big5}”；已按 GB18030 读取",
            "the file looks like Big5 (traditional Chinese): read as GB18030, this line is \"{gb18030}\", full of rare characters; as Big5 it is \"{big5}\"; it is read as GB18030",
        )
    }

    fn help(&self, lang: Lang) -> Option<String> {
        Some(tr!(
            lang,
            "在 Excel 或 WPS 中以“繁体中文（Big5）”编码打开此文件，再另存为“CSV UTF-8（逗号分隔）”；在此之前 bangcun fmt 不改动此文件",
            "open the file in Excel or WPS as \"Chinese Traditional (Big5)\", then save it as \"CSV UTF-8 (comma delimited)\"; until then bangcun fmt leaves the file alone",
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
        Doubt::Lines { main, lines } => lines
            .into_iter()
            .map(|odd| {
                let span = Span {
                    file,
                    line: odd.line,
                };
                let read = shown(&odd.read);
                match odd.other {
                    // The record on a line in the other encoding is held
                    // back (an error) until it is typed again.
                    None => {
                        let line_in = main.other();
                        let message = MixedEncoding {
                            text: read.clone(),
                            line_in,
                        };
                        Finding::new(&MIXED_ENCODING, span, message).value(read)
                    }
                    Some(other) => {
                        let other = shown(&other);
                        let (gb18030, utf8) = match main {
                            Encoding::Utf8 => (other, read.clone()),
                            _ => (read.clone(), other),
                        };
                        let message = AmbiguousEncoding {
                            gb18030,
                            utf8,
                            read_as: main,
                        };
                        Finding::new(&AMBIGUOUS_ENCODING, span, message).value(read)
                    }
                }
            })
            .collect(),
        Doubt::Ambiguous { line, utf8 } => {
            let span = Span { file, line };
            let gb18030 = line_text(line);
            let utf8 = shown(&utf8);
            let message = AmbiguousEncoding {
                gb18030: gb18030.clone(),
                utf8,
                read_as: Encoding::Gb18030,
            };
            vec![Finding::new(&AMBIGUOUS_ENCODING, span, message).value(gb18030)]
        }
        Doubt::Big5 { line, big5 } => {
            let span = Span { file, line };
            let gb18030 = line_text(line);
            let message = Big5Encoding {
                gb18030: gb18030.clone(),
                big5: shown(&big5),
            };
            vec![Finding::new(&BIG5_ENCODING, span, message).value(gb18030)]
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

impl Encoding {
    /// The other of UTF-8 and GB18030.
    fn other(self) -> Encoding {
        match self {
            Encoding::Gb18030 => Encoding::Utf8,
            _ => Encoding::Gb18030,
        }
    }
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
    /// A file saved in two encodings (a row pasted or appended by another
    /// program): `main` is the encoding of most of its lines, `lines` those
    /// in the other one or in doubt, in order.
    Lines { main: Encoding, lines: Vec<OddLine> },
    /// Valid UTF-8 without a Chinese character whose GB18030 reading is
    /// all Chinese (short GBK text, such as 学习, happens to be valid
    /// UTF-8: ѧϰ). Read as GB18030; `line` is the first where the two
    /// readings differ, `utf8` that line read as UTF-8.
    Ambiguous { line: u32, utf8: String },
    /// Read as GB18030, full of rare characters, while as Big5 it is all
    /// common ones: `line` is the first with Chinese, `big5` it read as
    /// Big5.
    Big5 { line: u32, big5: String },
}

/// A line of a file saved in two encodings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OddLine {
    pub line: u32,
    /// The line as read (without its line end).
    pub read: String,
    /// `None`: the line is in the other encoding, and read so. `Some`:
    /// it reads as well in either, and is read in the file's own; this is
    /// its reading in the other.
    pub other: Option<String>,
}

/// Decodes `bytes`, or says on which line decoding fails.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, (u32, Undecodable)> {
    let decoded = |text, encoding| Decoded {
        text,
        encoding,
        doubt: None,
    };
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        // The BOM settles the encoding, but for lines that are not UTF-8
        // at all (a GBK row appended to a file "CSV UTF-8" saved).
        return match utf8(rest) {
            Ok(text) => Ok(decoded(Cow::Borrowed(text), Encoding::Utf8Bom)),
            Err(_) => line_by_line(rest, Some(Encoding::Utf8)),
        };
    }
    if let Some(big_endian) = utf16(bytes) {
        return utf16_text(bytes, big_endian)
            .map(|text| decoded(Cow::Owned(text), Encoding::Utf16))
            .map_err(|at| (line_of_byte(bytes, at), Undecodable::Utf16));
    }
    match utf8(bytes) {
        // Chinese text in UTF-8 ends the look for doubt at its first
        // character: this costs nothing on the usual file.
        Ok(text) if !non_ascii_but_no_chinese(bytes) => {
            return Ok(decoded(Cow::Borrowed(text), Encoding::Utf8));
        }
        Ok(text) => return Ok(utf8_or_gb18030(bytes, text)),
        Err(_) => {}
    }
    line_by_line(bytes, None)
}

/// Decodes a file that is not valid UTF-8 as a whole: GB18030, or lines
/// of UTF-8 and of GB18030 mixed (a row pasted or appended by another
/// program). The encoding of most lines is the file's own (`main`, when
/// a BOM settles it); each line is read in its own encoding where the
/// bytes settle it (valid in one only), or where the two readings differ
/// clearly in how likely they are ([`likelier`]); else it is in doubt and
/// read in the file's own. Every line not in the file's own encoding, or
/// in doubt, is named.
fn line_by_line(
    bytes: &[u8],
    main: Option<Encoding>,
) -> Result<Decoded<'static>, (u32, Undecodable)> {
    let in_utf8 = utf8_lines(bytes);
    if in_utf8.is_empty() && main.is_none() {
        let text = gb18030(bytes)
            .map_err(|at| (line_of_byte(bytes, at), Undecodable::NotUtf8OrGb18030))?;
        let doubt = big5(bytes);
        return Ok(Decoded {
            text: Cow::Owned(text),
            encoding: Encoding::Gb18030,
            doubt,
        });
    }
    // Each UTF-8 line told apart (a BOM says UTF-8), then the file's own
    // encoding is that of most of its non-ASCII lines whose encoding is
    // not in doubt; of the first such line when they are as many (a file
    // is appended to more often than written in front of).
    let verdicts: Vec<(u32, Option<Encoding>)> = match main {
        Some(_) => in_utf8.iter().map(|&n| (n, Some(Encoding::Utf8))).collect(),
        None => {
            let mut wanted = in_utf8.iter().peekable();
            (1u32..)
                .zip(lines(bytes))
                .filter(|(n, _)| wanted.next_if_eq(&n).is_some())
                .map(|(n, line)| (n, told(line)))
                .collect()
        }
    };
    let main = main.unwrap_or_else(|| {
        let (mut utf8, mut gb, mut first) = (0, 0, None);
        let mut verdict = verdicts.iter().peekable();
        for (n, line) in (1u32..).zip(lines(bytes)) {
            let told = match verdict.next_if(|v| v.0 == n) {
                Some(&(_, told)) => told,
                None if first_non_ascii(line).is_some() => Some(Encoding::Gb18030),
                None => None,
            };
            match told {
                Some(Encoding::Utf8) => utf8 += 1,
                Some(_) => gb += 1,
                None => continue,
            }
            first = first.or(told);
        }
        match utf8.cmp(&gb) {
            std::cmp::Ordering::Greater => Encoding::Utf8,
            std::cmp::Ordering::Less => Encoding::Gb18030,
            std::cmp::Ordering::Equal => first.unwrap_or(Encoding::Gb18030),
        }
    });
    let mut text = String::with_capacity(bytes.len() * 3 / 2);
    let mut odd = Vec::new();
    let mut verdict = verdicts.iter().peekable();
    for (n, line) in (1u32..).zip(lines(bytes)) {
        let Some(&(_, told)) = verdict.next_if(|v| v.0 == n) else {
            let undecodable = (n, Undecodable::NotUtf8OrGb18030);
            let gb = gb18030(line).map_err(|_| undecodable)?;
            if main == Encoding::Utf8 && first_non_ascii(line).is_some() {
                // Broken UTF-8 (a character cut short) may still be valid
                // GB18030, but reads as rare characters: not a GBK line.
                if plausibility(&gb, Encoding::Gb18030) <= 0 {
                    return Err(undecodable);
                }
                odd.push(OddLine {
                    line: n,
                    read: without_end(&gb).to_string(),
                    other: None,
                });
            }
            text.push_str(&gb);
            continue;
        };
        let utf8 = std::str::from_utf8(line).unwrap_or_default();
        let gb = || gb18030(line).unwrap_or_default();
        let (read, other) = match told {
            Some(Encoding::Gb18030) => (gb(), None),
            None if main == Encoding::Gb18030 => (gb(), Some(without_end(utf8).to_string())),
            None => (utf8.to_string(), Some(without_end(&gb()).to_string())),
            _ => (utf8.to_string(), None),
        };
        if told != Some(main) {
            odd.push(OddLine {
                line: n,
                read: without_end(&read).to_string(),
                other,
            });
        }
        text.push_str(&read);
    }
    Ok(Decoded {
        text: Cow::Owned(text),
        encoding: main,
        doubt: (!odd.is_empty()).then_some(Doubt::Lines { main, lines: odd }),
    })
}

/// The encoding of a line that is valid UTF-8: UTF-8 if it is no
/// GB18030, else the likelier reading, if one is.
fn told(line: &[u8]) -> Option<Encoding> {
    let utf8 = std::str::from_utf8(line).unwrap_or_default();
    match gb18030(line) {
        Ok(gb) => likelier(utf8, &gb),
        Err(_) => Some(Encoding::Utf8),
    }
}

/// A line without its line end.
fn without_end(line: &str) -> &str {
    line.trim_end_matches(['\n', '\r'])
}

/// Which reading of a line valid both as UTF-8 and as GB18030 is the
/// likelier in a Chinese office's ledger, or `None` when neither is
/// clearly so (by two points, see [`plausibility`]). UTF-8 Chinese read
/// as GB18030 is mostly rare characters, and the signs of measures (×,
/// μ, ², ±, °) read so are odd characters glued to digits; GBK read as
/// UTF-8 is Cyrillic, Greek or stray marks. What neither settles (a lone
/// `·`, which is `路` in GBK, or `é`, which is `茅`) is in doubt.
fn likelier(utf8: &str, gb18030: &str) -> Option<Encoding> {
    let margin = plausibility(utf8, Encoding::Utf8) - plausibility(gb18030, Encoding::Gb18030);
    match margin {
        4.. => Some(Encoding::Utf8),
        ..=-4 => Some(Encoding::Gb18030),
        _ => None,
    }
}

/// Signs a ledger is written with, besides Chinese and its punctuation:
/// units and measures, list marks, Roman and circled numbers.
const LEDGER_SIGNS: &str = "×÷±°℃℉µμ²³¹·‰№™©®§…—–‘’“”′″«»¼½¾ΩαβγδπΔΣ√∞≈≠≤≥→←↑↓★☆●○◎◇◆□■△▲※\
    ①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫⅰⅱⅲⅳⅴⅵⅶⅷⅸⅹ\
    ㎡㎥㎏㎞㎝㎜㏄€£¥￥¢✓✔";

/// How likely a reading of a line is in a ledger, in half points per
/// two bytes (so that readings of the same bytes compare): each
/// non-ASCII character counts 2 points when ledgers are full of it (a
/// common Chinese character, Chinese punctuation, a ledger sign), 0 when
/// it turns up now and then (a rarer Chinese character, a letter with an
/// accent, Greek, other signs), −2 when rare (CJK extension A) and −4
/// when never (control codes, combining marks, Cyrillic and other
/// scripts, private use). A Chinese character outside GB2312 counts −2
/// in a GB18030 reading, where it is a GBK extension, which UTF-8 bytes
/// read as GB18030 fall into, and 1 in a UTF-8 one (a traditional
/// character). A letter with an accent next to a Latin letter is part of
/// a word (Café): 2 more; alone, 1 less.
fn plausibility(text: &str, reading: Encoding) -> i32 {
    let mut score = 0;
    let mut prev = ' ';
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied().unwrap_or(' ');
        if !c.is_ascii() {
            let width = match reading {
                Encoding::Gb18030 => 2,
                _ => c.len_utf8() as i32,
            };
            score += weight(c, reading) * width;
            if matches!(c, '\u{C0}'..='\u{24F}') && c.is_alphabetic() {
                let in_word = prev.is_ascii_alphabetic() || next.is_ascii_alphabetic();
                score += if in_word { 4 } else { -2 };
            }
        }
        prev = c;
    }
    score
}

/// The points of a non-ASCII character (see [`plausibility`]).
fn weight(c: char, reading: Encoding) -> i32 {
    match c {
        _ if LEDGER_SIGNS.contains(c) => 2,
        '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF5E}' | '\u{FE30}'..='\u{FE4F}' => 2,
        '\u{4E00}'..='\u{9FFF}' => match gb2312_level(c) {
            Some(1) => 2,
            Some(_) => 0,
            None if reading == Encoding::Gb18030 => -2,
            None => 1,
        },
        '\u{A0}'..='\u{24F}'
        | '\u{391}'..='\u{3C9}'
        | '\u{2000}'..='\u{2BFF}'
        | '\u{3040}'..='\u{30FF}'
        | '\u{3200}'..='\u{33FF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{1F000}'..='\u{1FAFF}' => 0,
        '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' => -2,
        _ => -4,
    }
}

/// The GB2312 level of a Chinese character: 1 for the 3,755 common ones
/// (lead byte B0 to D7), 2 for the 3,008 others (D8 to F7); `None`
/// outside GB2312.
fn gb2312_level(c: char) -> Option<u8> {
    let mut utf8 = [0; 4];
    let (bytes, _, _) = encoding_rs::GB18030.encode(c.encode_utf8(&mut utf8));
    match *bytes {
        [0xB0..=0xD7, 0xA1..=0xFE] => Some(1),
        [0xD8..=0xF7, 0xA1..=0xFE] => Some(2),
        _ => None,
    }
}

/// A GB18030 file that looks like Big5 (traditional Chinese as Taiwan
/// and Hong Kong systems save it, which is always valid GB18030 too):
/// read as GB18030, a quarter or more of its characters are GBK
/// extensions (Big5's trail bytes 40 to 7E are past GB2312's) and fewer
/// than 60% common ones, while read as Big5 80% or more are among its
/// 5,401 common characters (lead byte A4 to C6). Looks at 64 KiB from
/// the first non-ASCII byte; costs one pass over them on a GBK file.
#[cold]
fn big5(bytes: &[u8]) -> Option<Doubt> {
    let start = first_non_ascii(bytes)?;
    let sample = &bytes[start..];
    let sample = sample.get(..64 * 1024).unwrap_or(sample);
    let sample = &sample[..memchr::memrchr(b'\n', sample).map_or(sample.len(), |end| end + 1)];
    let (mut chars, mut common, mut extension) = (0usize, 0usize, 0usize);
    for pair in double_bytes(sample) {
        chars += 1;
        match pair {
            (0xB0..=0xD7, 0xA1..=0xFE) => common += 1,
            (lead, trail) if lead < 0xA1 || trail < 0xA1 => extension += 1,
            _ => {}
        }
    }
    if chars == 0 || extension * 4 < chars || common * 10 >= chars * 6 {
        return None;
    }
    let (_, malformed) = encoding_rs::BIG5.decode_without_bom_handling(sample);
    let big5_common = double_bytes(sample)
        .filter(|&(lead, trail)| matches!(lead, 0xA4..=0xC5) || (lead == 0xC6 && trail <= 0x7E))
        .count();
    if malformed || big5_common * 10 < chars * 8 {
        return None;
    }
    let line = line_of_byte(bytes, start);
    let text = lines(bytes).nth(line as usize - 1).unwrap_or_default();
    let (big5, _) = encoding_rs::BIG5.decode_without_bom_handling(text);
    Some(Doubt::Big5 {
        line,
        big5: without_end(&big5).to_string(),
    })
}

/// The two-byte characters of GB18030 or Big5 `bytes` (lead 81 to FE),
/// as (lead, trail); ASCII and GB18030's four-byte sequences passed over.
fn double_bytes(bytes: &[u8]) -> impl Iterator<Item = (u8, u8)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        while let Some(&lead) = bytes.get(i) {
            match (lead, bytes.get(i + 1)) {
                (0x81..=0xFE, Some(0x30..=0x39)) => i += 4,
                (0x81..=0xFE, Some(&trail)) => {
                    i += 2;
                    return Some((lead, trail));
                }
                _ => i += 1,
            }
        }
        None
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

/// The lines of a file (numbered from 1) that are valid UTF-8 and hold a
/// non-ASCII character. Only a line whose first non-ASCII character is
/// valid UTF-8 is read whole: a GB18030 line's is not but by chance, and
/// the look costs a few instructions (trying every line in full took 11%
/// more instructions than all the rest on a province's GB18030 files).
fn utf8_lines(bytes: &[u8]) -> Vec<u32> {
    (1u32..)
        .zip(lines(bytes))
        .filter(|(_, line)| first_non_ascii(line).is_some_and(|i| starts_utf8(&line[i..])))
        .filter(|(_, line)| utf8(line).is_ok())
        .map(|(n, _)| n)
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

    /// The lines of a file saved in two encodings: each line named, with
    /// what it was read as and, when in doubt, its other reading.
    fn odd_lines(bytes: &[u8]) -> (Encoding, Vec<(u32, String, Option<String>)>) {
        let decoded = decode(bytes).unwrap();
        let Some(Doubt::Lines { main, lines }) = decoded.doubt else {
            panic!("no lines in doubt: {:?}", decoded.doubt);
        };
        assert_eq!(decoded.encoding, main);
        let lines = lines
            .into_iter()
            .map(|l| (l.line, l.read, l.other))
            .collect();
        (main, lines)
    }

    #[test]
    fn utf8_with_a_pasted_gbk_line_reads_every_line() {
        // Lines 1-2 UTF-8, line 3 appended in GBK: read as GB18030 and
        // named, the UTF-8 lines read as UTF-8 (not "neither").
        let mut bytes = "日期,干部编号,地点代码,备注\n2026-01-10,C01,411001001001,入户走访\n"
            .as_bytes()
            .to_vec();
        bytes.extend_from_slice(&gbk("2026-01-20,C02,411001002001,座谈\n"));
        let (main, lines) = odd_lines(&bytes);
        assert_eq!(main, Encoding::Utf8);
        assert_eq!(
            lines,
            vec![(3, "2026-01-20,C02,411001002001,座谈".into(), None)]
        );
        assert!(
            decode(&bytes)
                .unwrap()
                .text
                .ends_with("入户走访\n2026-01-20,C02,411001002001,座谈\n")
        );
        // With the BOM of "CSV UTF-8" too.
        let with_bom = [&b"\xEF\xBB\xBF"[..], &bytes].concat();
        assert_eq!(odd_lines(&with_bom), (Encoding::Utf8, lines));
    }

    #[test]
    fn utf8_chinese_after_a_long_ascii_start_is_still_utf8() {
        // 68,222 bytes of ASCII (the header and 2,200 rows of 31 bytes,
        // lines 1–2201), a UTF-8 note (line 2202), then a line pasted in
        // GBK (2203): the file is UTF-8 (one UTF-8 line against one GBK
        // line: the UTF-8 line is no GBK, since GBK is never valid UTF-8
        // for six characters), and line 2203 is named.
        let mut text = String::from("date,cadre,place,note\n");
        for _ in 0..2200 {
            text.push_str("2026-01-10,C01,411001001001,ok\n");
        }
        text.push_str("2026-01-10,C01,411001001001,入户走访座谈\n");
        assert!(text.len() > 64 * 1024);
        let mut bytes = text.into_bytes();
        bytes.extend_from_slice(&gbk("2026-01-20,C02,411001002001,座谈\n"));
        let (_, lines) = odd_lines(&bytes);
        assert_eq!(lines.iter().map(|l| l.0).collect::<Vec<_>>(), vec![2203]);
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
        assert_eq!(
            odd_lines(&bytes).1,
            vec![(3, "2026-01-11,C01,411001001001,现场办公".into(), None)]
        );
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

    /// A GBK file (header and a row) with `note` appended in UTF-8 as
    /// line 3: how that line is told.
    fn gbk_with_utf8_note(note: &str) -> (Encoding, Vec<(u32, String, Option<String>)>) {
        let mut bytes = gbk("日期,干部编号,地点代码,备注\n2026-01-10,C1,410101,现场办公\n");
        bytes.extend_from_slice(format!("2026-01-20,C2,410102,{note}\n").as_bytes());
        odd_lines(&bytes)
    }

    #[test]
    fn utf8_lines_of_signs_or_short_text_in_a_gbk_file_are_named() {
        // Each is valid GB18030 too, and read so would be garbled with no
        // finding: 脳脳 35渭g/m鲁 卤5掳C, 鈪＄骇, 鈶″彿.
        for note in ["×× 35μg/m³ ±5°C", "Ⅱ级", "②号", "现场办公", "学习"] {
            let line = format!("2026-01-20,C2,410102,{note}");
            assert_eq!(
                gbk_with_utf8_note(note),
                (Encoding::Gb18030, vec![(3, line, None)]),
                "{note}"
            );
        }
        // Not valid GB18030 at all (an odd byte at the end: ① is E2 91
        // A0), so UTF-8, and no longer "neither".
        for note in ["①", "—", "…", "℃"] {
            let line = format!("2026-01-20,C2,410102,{note}");
            assert_eq!(
                gbk_with_utf8_note(note),
                (Encoding::Gb18030, vec![(3, line, None)]),
                "{note}"
            );
        }
    }

    #[test]
    fn a_line_that_reads_as_well_either_way_is_in_doubt_and_read_as_the_file() {
        // é is C3 A9, 茅 in GBK; μ is CE BC, 渭; · is C2 B7, 路: both
        // readings plausible, so neither is guessed: read as the file's
        // GB18030, the UTF-8 reading beside it.
        for (note, gb) in [("Café", "Caf茅"), ("μ", "渭"), ("·", "路")] {
            let (main, lines) = gbk_with_utf8_note(note);
            assert_eq!(main, Encoding::Gb18030);
            assert_eq!(
                lines,
                vec![(
                    3,
                    format!("2026-01-20,C2,410102,{gb}"),
                    Some(format!("2026-01-20,C2,410102,{note}"))
                )],
                "{note}"
            );
        }
    }

    #[test]
    fn gbk_lines_that_happen_to_be_utf8_stay_gbk() {
        // 为 is CE AA (Ϊ), 学习 D1 A7 CF B0 (ѧϰ), 位 CE BB (λ): valid
        // UTF-8, but GBK by far the likelier reading; the file has no doubt.
        let mut bytes = gbk("日期,干部编号,地点代码,备注\n2026-01-10,C1,410101,现场办公\n");
        for note in ["为", "学习", "位"] {
            let line = gbk(&format!("2026-01-20,C2,410102,{note}\n"));
            assert!(std::str::from_utf8(&line).is_ok(), "{note}");
            bytes.extend_from_slice(&line);
        }
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.doubt, None);
        assert!(
            decoded
                .text
                .ends_with("410102,为\n2026-01-20,C2,410102,学习\n2026-01-20,C2,410102,位\n")
        );
    }

    #[test]
    fn the_likelier_reading_weighs_characters() {
        // ×× 35μg/m³ ±5°C: as UTF-8 six ledger signs, 2 points each,
        // counted by their two bytes: 6 × 2 × 2 = 24 half points. As
        // GB18030 脳 twice (outside GB2312: −2 × 2 each) and 渭 鲁 卤 掳
        // (common: 2 × 2 each): −8 + 16 = 8. UTF-8 by 16 ≥ 4.
        assert_eq!(plausibility("×× 35μg/m³ ±5°C", Encoding::Utf8), 24);
        assert_eq!(plausibility("脳脳 35渭g/m鲁 卤5掳C", Encoding::Gb18030), 8);
        assert_eq!(
            likelier("×× 35μg/m³ ±5°C", "脳脳 35渭g/m鲁 卤5掳C"),
            Some(Encoding::Utf8)
        );
        // Café: é in a word, 0 × 2 + 4 = 4; 茅 common, 2 × 2 = 4: in doubt.
        assert_eq!(plausibility("Café", Encoding::Utf8), 4);
        assert_eq!(likelier("Café", "Caf茅"), None);
        // 为 as UTF-8 is Ϊ, a Greek letter: 0; as GBK common: 4.
        assert_eq!(likelier("Ϊ", "为"), Some(Encoding::Gb18030));
        // Cyrillic and control codes never are in a ledger: −4 × 2 each.
        assert_eq!(plausibility("ѧϰ", Encoding::Utf8), -16);
    }

    #[test]
    fn big5_read_as_gb18030_is_named() {
        // 道路損壞 in Big5 reads 笵隔穕胊 as GB18030: 2 of 4 characters
        // GBK extensions (trail bytes below A1), while all four are among
        // Big5's common characters.
        let text = "date,cadre,place,note\n2026-01-10,C1,410101,道路損壞\n2026-01-20,C2,410102,村莊環境整治\n";
        let (bytes, _, _) = encoding_rs::BIG5.encode(text);
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.encoding, Encoding::Gb18030);
        assert!(decoded.text.contains("笵隔穕胊"));
        assert_eq!(
            decoded.doubt,
            Some(Doubt::Big5 {
                line: 2,
                big5: "2026-01-10,C1,410101,道路損壞".into()
            })
        );
        // GBK text, place names with rarer characters among it, is no Big5.
        let bytes = gbk("date,note\n2026-01-10,道路损坏\n2026-01-20,鄢陵县郏县村庄环境整治\n");
        assert_eq!(decode(&bytes).unwrap().doubt, None);
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
