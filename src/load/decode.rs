//! Telling the encoding of a file: UTF-8 with or without BOM, or GB18030
//! (a superset of GBK), as Excel and WPS save "CSV" on Chinese Windows.
//! Detected, not configured.

use std::borrow::Cow;

use crate::i18n::Message;
use crate::text::line_of_byte;

/// The encoding a file turned out to be in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Gb18030,
}

/// Decodes `bytes`, or says on which line decoding fails.
pub fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, Encoding), (u32, Message)> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest)
            .map(|text| (Cow::Borrowed(text), Encoding::Utf8Bom))
            .map_err(|e| {
                (
                    line_of_byte(rest, e.valid_up_to()),
                    Message::NotUtf8OrGb18030,
                )
            });
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") || utf16_without_bom(bytes)
    {
        return Err((1, Message::Utf16));
    }
    let utf8_error = match utf8(bytes) {
        Ok(text) => return Ok((Cow::Borrowed(text), Encoding::Utf8)),
        Err(e) => e.valid_up_to(),
    };
    if mostly_utf8(bytes) {
        return Err((line_of_byte(bytes, utf8_error), Message::NotUtf8OrGb18030));
    }
    let mut decoder = encoding_rs::GB18030.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(2));
    let mut text = String::with_capacity(capacity);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut text, true);
    match result {
        encoding_rs::DecoderResult::InputEmpty => Ok((Cow::Owned(text), Encoding::Gb18030)),
        encoding_rs::DecoderResult::Malformed(bad, _) => {
            let at = read.saturating_sub(usize::from(bad));
            Err((line_of_byte(bytes, at), Message::NotUtf8OrGb18030))
        }
        // The buffer was sized for the worst case; should it still be full,
        // say so rather than drop the rest.
        encoding_rs::DecoderResult::OutputFull => {
            Err((line_of_byte(bytes, read), Message::NotUtf8OrGb18030))
        }
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

    #[test]
    fn utf8_plain_and_with_bom() {
        let (text, enc) = decode("编号,姓名\n".as_bytes()).unwrap();
        assert_eq!((&*text, enc), ("编号,姓名\n", Encoding::Utf8));
        let (text, enc) = decode(b"\xEF\xBB\xBFid,name\n").unwrap();
        assert_eq!((&*text, enc), ("id,name\n", Encoding::Utf8Bom));
    }

    #[test]
    fn gb18030_with_chinese_headers() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("编号,姓名,级别\nC1,张三,市级\n");
        let (text, enc) = decode(&bytes).unwrap();
        assert_eq!(enc, Encoding::Gb18030);
        assert_eq!(text, "编号,姓名,级别\nC1,张三,市级\n");
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
        let (decoded, enc) = decode(&bytes).unwrap();
        assert_eq!((&*decoded, enc), (text, Encoding::Gb18030));
    }

    #[test]
    fn utf8_with_a_pasted_gbk_line_is_not_gb18030() {
        let mut bytes = "日期,干部编号,地点代码,备注\n2026-01-10,C01,411001001001,入户走访\n"
            .as_bytes()
            .to_vec();
        let (gbk, _, _) = encoding_rs::GB18030.encode("2026-01-20,C02,411001002001,座谈\n");
        bytes.extend_from_slice(&gbk);
        assert_eq!(decode(&bytes).unwrap_err(), (3, Message::NotUtf8OrGb18030));
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
            (2203, Message::NotUtf8OrGb18030)
        );
    }

    #[test]
    fn utf16_is_refused() {
        assert_eq!(decode(b"\xFF\xFEa\x00").unwrap_err().1, Message::Utf16);
        // Without a BOM, in either byte order.
        assert_eq!(decode(b"i\x00d\x00,\x00").unwrap_err(), (1, Message::Utf16));
        assert_eq!(decode(b"\x00i\x00d\x00,").unwrap_err(), (1, Message::Utf16));
        // NULs at both parities are no UTF-16 (and no text either: the
        // loader reports the file for what it holds).
        assert!(decode(b"date\n\x00\x00\x00,\x00\n").is_ok());
        assert!(decode(b"no nul here").is_ok());
    }
}
