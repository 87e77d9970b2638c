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
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err((1, Message::Utf16));
    }
    let utf8_error = match utf8(bytes) {
        Ok(text) => return Ok((Cow::Borrowed(text), Encoding::Utf8)),
        Err(e) => e.valid_up_to(),
    };
    // Chinese text in GB18030 is almost never valid UTF-8 for long: if the
    // bytes before the first UTF-8 error already hold non-ASCII characters,
    // this is a UTF-8 file with bad bytes, not a GB18030 file.
    if bytes[..utf8_error].iter().any(|b| !b.is_ascii()) {
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
    fn utf16_is_refused() {
        assert_eq!(decode(b"\xFF\xFEa\x00").unwrap_err().1, Message::Utf16);
    }
}
