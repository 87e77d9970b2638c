//! Small text helpers shared by the loader and the renderers.

/// The 1-based line holding byte `offset` of `text`.
pub fn line_at(text: &str, offset: usize) -> u32 {
    line_of_byte(text.as_bytes(), offset)
}

/// The 1-based line holding byte `offset` of `bytes` (past the end: the
/// last line).
pub fn line_of_byte(bytes: &[u8], offset: usize) -> u32 {
    let end = offset.min(bytes.len());
    let newlines = bytes[..end].iter().filter(|&&b| b == b'\n').count();
    u32::try_from(newlines + 1).unwrap_or(u32::MAX)
}

/// The line of any byte offset of one text, each found by a binary search
/// over where its lines end, which are found once: counting the line ends
/// before an offset anew for every key of a TOML file with a million keys
/// took time quadratic in its size.
pub struct Lines {
    /// The offset of every `\n`, in order.
    ends: Vec<usize>,
}

impl Lines {
    pub fn new(text: &str) -> Self {
        Lines {
            ends: memchr::memchr_iter(b'\n', text.as_bytes()).collect(),
        }
    }

    /// The 1-based line holding byte `offset`, as [`line_at`] gives it.
    pub fn line(&self, offset: usize) -> u32 {
        let newlines = self.ends.partition_point(|&end| end < offset);
        u32::try_from(newlines + 1).unwrap_or(u32::MAX)
    }
}

/// `text` cut to its first `max` characters and an ellipsis, with the
/// length of the whole, when it is longer than that.
pub fn clip(text: String, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}… ({} bytes)", text.get(..end).unwrap_or(""), text.len()),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines() {
        assert_eq!(line_at("a\nb\nc", 0), 1);
        assert_eq!(line_at("a\nb\nc", 2), 2);
        assert_eq!(line_at("a\nb\nc", 99), 3);
        assert_eq!(line_at("", 0), 1);
    }

    #[test]
    fn lines_found_by_search_are_the_lines_counted() {
        for text in ["", "a", "\n", "a\nb\nc", "\n\nab\n\n", "日\n期\r\n"] {
            let lines = Lines::new(text);
            for offset in 0..=text.len() + 1 {
                assert_eq!(
                    lines.line(offset),
                    line_at(text, offset),
                    "{text:?} {offset}"
                );
            }
        }
    }

    #[test]
    fn clipping() {
        assert_eq!(clip("日期".to_string(), 2), "日期");
        // 3 characters, 9 bytes: cut after 2.
        assert_eq!(clip("日期三".to_string(), 2), "日期… (9 bytes)");
        assert_eq!(clip(String::new(), 0), "");
    }
}
