//! Text from the data made inert in every output (a cell may hold
//! anything a clerk, a spreadsheet or a hostile sender put there): one
//! function per kind of output, which every emitter of that kind calls on
//! the text it writes.
//!
//! - For people — a terminal, a Markdown or HTML page: [`visible`] shows
//!   control characters and the invisible characters that reorder or hide
//!   text (ESC, OSC, C1, bidi overrides such as U+202E, zero-width spaces)
//!   as escapes, `\u{1b}`, so that the screen does what bangcun says and the
//!   clerk sees what is in the cell. [`markdown`] and [`html`] add what
//!   their markup needs.
//! - For spreadsheets — xlsx: [`sheet_cell`], written as a string cell,
//!   never a formula; CSV: [`csv_cell`], where a cell that Excel or WPS
//!   would take for a formula gets an apostrophe in front
//!   ([`protect_formula`]).
//!   The canonical data files of `fmt` use the same rule, and the loader
//!   reads it back ([`unprotect_formula`]), so that no value is lost.
//! - For programs — JSON: [`json`] keeps every value exact, with the
//!   characters serde leaves raw written as `\u` escapes.
//!
//! Numbers, dates and words bangcun writes itself are not data text and
//! pass through none of these.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` must not reach a reader as itself: a control character
/// (C0, DEL, C1), or a format character that reorders text (bidi
/// embeddings, overrides and isolates, the marks), hides it (zero-width
/// space and joiners, the word joiner and invisible operators, the BOM,
/// tags) or breaks lines where a reader does not expect it (U+2028,
/// U+2029).
pub fn is_unsafe(c: char) -> bool {
    matches!(
        c,
        '\0'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{61c}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}'
            | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{e0000}'..='\u{e007f}'
    )
}

/// Whether some character of `text` may be unsafe: a byte scan that lets
/// the usual cell (ASCII, Chinese) through without decoding it. Only these
/// bytes begin an unsafe character: the ASCII controls, and the lead bytes
/// of U+0080..U+009F (C2), U+061C (D8), U+180E (E1), U+2000..U+2FFF (E2),
/// U+F000..U+FFFF (EF) and the tags (F3). Chinese text begins with E4..E9.
fn may_be_unsafe(text: &str) -> bool {
    // A fold without an early exit, which the compiler turns into a
    // vector loop: most cells are short, and a JSON document is long.
    text.bytes().fold(false, |hit, b| {
        hit | (b < 0x20)
            | (b == 0x7f)
            | (b == 0xc2)
            | (b == 0xd8)
            | (b == 0xe1)
            | (b == 0xe2)
            | (b == 0xef)
            | (b == 0xf3)
    })
}

/// Writes `c` as a visible escape: `\t`, `\r`, `\n`, or `\u{1b}`.
fn push_escape(out: &mut String, c: char) {
    match c {
        '\t' => out.push_str("\\t"),
        '\r' => out.push_str("\\r"),
        '\n' => out.push_str("\\n"),
        c => {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
    }
}

/// `text` with every unsafe character but those `keep` allows shown as a
/// visible escape.
fn escaped(text: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !may_be_unsafe(text) || !text.chars().any(|c| is_unsafe(c) && !keep(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) && !keep(c) {
            push_escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Text for people, on one line: every unsafe character (tab and line
/// breaks too) as a visible escape, `\u{1b}`, `\u{202e}`, `\n`. Applying it
/// twice changes nothing more. Every line of human output that holds text
/// from the data goes through it: findings, report tables, messages on
/// stderr, and (through [`markdown`] and [`html`]) the documents.
pub fn visible(text: &str) -> Cow<'_, str> {
    escaped(text, |_| false)
}

/// Text inside a Markdown table cell or list item: line breaks as spaces
/// (a break would end the cell), unsafe characters [`visible`], no HTML
/// (`<`, `>`, `&` as entities), and no Markdown of its own: `\`, `` ` ``,
/// `*`, `_`, `~`, `[`, `]` and the table's `|` escaped with a backslash, so
/// that a cell makes no link, image, emphasis or extra column; no block
/// of its own where it begins a line (a list item `- # 大标题`, see
/// [`quiet_block_start`]); and no link that GitHub-flavoured Markdown
/// makes of bare text ([`quiet_autolinks`]).
pub fn markdown(text: &str) -> String {
    let inline = markdown_inline(text);
    quiet_autolinks(&quiet_block_start(inline))
}

/// [`markdown`]'s escapes of characters, wherever they stand.
fn markdown_inline(text: &str) -> String {
    replace_chars(&visible_on_one_line(text), |c| match c {
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '&' => Some("&amp;"),
        '\\' => Some("\\\\"),
        '`' => Some("\\`"),
        '*' => Some("\\*"),
        '_' => Some("\\_"),
        '~' => Some("\\~"),
        '[' => Some("\\["),
        ']' => Some("\\]"),
        '|' => Some("\\|"),
        _ => None,
    })
}

/// Markdown text that begins a block (a list item, a line) starting with
/// what would make a block of its own: a heading `#`, a list item `-`,
/// `+` or `1.`/`1)` followed by a space, a rule `---`, or indentation (the
/// first space as `&#32;`). Its marker is escaped with a backslash, which
/// the reader does not see; anywhere else these characters are plain.
fn quiet_block_start(mut text: String) -> String {
    let b = text.as_bytes();
    let spaced = |at: usize| matches!(b.get(at), None | Some(b' ' | b'\t'));
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let at = match b.first() {
        Some(b' ') => {
            text.replace_range(..1, "&#32;");
            return text;
        }
        Some(b'#') => 0,
        Some(b'-' | b'+') if spaced(1) || b.get(1) == b.first() => 0,
        // A list's number has at most 9 digits.
        Some(b'0'..=b'9')
            if (1..=9).contains(&digits)
                && matches!(b.get(digits), Some(b'.' | b')'))
                && spaced(digits + 1) =>
        {
            digits
        }
        _ => return text,
    };
    text.insert(at, '\\');
    text
}

/// Markdown text with no bare link in it: GitHub-flavoured Markdown makes
/// links of `http://…`, `https://…`, `ftp://…`, `www.…` and e-mail
/// addresses in plain text. The colon of every `://` is written `&#58;`
/// and the dot after `www` `&#46;` (the reader sees them as they were);
/// the `@` of an e-mail address, which GitHub finds after such entities
/// are read, is written as the full-width `＠`.
fn quiet_autolinks(text: &str) -> String {
    let b = text.as_bytes();
    if !text.contains("://") && !text.contains('@') && !b.windows(4).any(is_www) {
        return text.to_string();
    }
    let local = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'+' | b'-' | b'_');
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.char_indices() {
        match c {
            ':' if b[i + 1..].starts_with(b"//") => out.push_str("&#58;"),
            '.' if i >= 3 && is_www(&b[i - 3..=i]) => out.push_str("&#46;"),
            '@' if i > 0
                && local(b[i - 1])
                && b.get(i + 1).is_some_and(|c| c.is_ascii_alphanumeric()) =>
            {
                out.push('＠')
            }
            c => out.push(c),
        }
    }
    out
}

/// Whether four bytes are `www.`, in any case.
fn is_www(four: &[u8]) -> bool {
    four.len() == 4 && four[..3].eq_ignore_ascii_case(b"www") && four[3] == b'.'
}

/// `text` with each character `with` gives a replacement for replaced.
fn replace_chars(text: &str, with: impl Fn(char) -> Option<&'static str>) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match with(c) {
            Some(replacement) => out.push_str(replacement),
            None => out.push(c),
        }
    }
    out
}

/// [`visible`], with line breaks as spaces: text inside one cell of a
/// table, which a break would split.
pub fn visible_on_one_line(text: &str) -> Cow<'_, str> {
    // CR and LF are unsafe characters too: one scan passes the usual cell.
    if !may_be_unsafe(text) {
        Cow::Borrowed(text)
    } else if text.contains(['\r', '\n']) {
        Cow::Owned(visible(&text.replace(['\r', '\n'], " ")).into_owned())
    } else {
        visible(text)
    }
}

/// Text in HTML or SVG, as element content or an attribute value:
/// unsafe characters [`visible`], and `&`, `<`, `>`, `"`, `'` as entities.
pub fn html(text: &str) -> String {
    replace_chars(&visible(text), |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '"' => Some("&quot;"),
        '\'' => Some("&#39;"),
        _ => None,
    })
}

/// Whether `c` makes Excel, WPS or LibreOffice read a cell as a formula
/// when it comes first: `=`, `+`, `-`, `@`, their full-width forms (which
/// some East Asian versions take as the same), and the tab and CR that a
/// program may strip before them.
fn starts_formula(c: char) -> bool {
    matches!(
        c,
        '=' | '+' | '-' | '@' | '\t' | '\r' | '＝' | '＋' | '－' | '＠'
    )
}

/// Whether `text` is, after any apostrophes, formula-like.
fn formula_like(text: &str) -> bool {
    text.trim_start_matches('\'')
        .chars()
        .next()
        .is_some_and(starts_formula)
}

/// A cell as written to a CSV file that a spreadsheet will open: one
/// apostrophe in front when it would begin, after any apostrophes, with
/// `=`, `+`, `-`, `@` (see [`starts_formula`]), so that Excel and WPS take
/// `=cmd|' /C calc'!A0` as text. Apostrophes already in front count, so
/// that [`unprotect_formula`] undoes exactly this: `'=1` is written `''=1`.
pub fn protect_formula(text: &str) -> Cow<'_, str> {
    if formula_like(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A cell of a CSV data file as its value: one apostrophe fewer in front
/// of a cell that [`protect_formula`] protected (`'=1+1` reads `=1+1`,
/// `''=1` reads `'=1`); any other cell as it is. A clerk who types
/// `'=1+1` in Excel saves `=1+1`, so a hand-kept file reads the same.
#[inline]
pub fn unprotect_formula(cell: &str) -> &str {
    // The loader asks this of every cell: the usual one, which does not
    // begin with an apostrophe, costs one comparison.
    if cell.as_bytes().first() == Some(&b'\'') {
        unprotect_apostrophe(cell)
    } else {
        cell
    }
}

/// [`unprotect_formula`] of a cell that begins with an apostrophe.
#[cold]
fn unprotect_apostrophe(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if formula_like(rest) => rest,
        _ => cell,
    }
}

/// A text cell of a workbook: unsafe characters [`visible`] except tab
/// and line breaks, which a cell holds and Excel shows as such. The xlsx
/// writer puts it in a string cell, which is never a formula: it needs no
/// apostrophe.
pub fn sheet_cell(text: &str) -> Cow<'_, str> {
    escaped(text, |c| matches!(c, '\t' | '\r' | '\n'))
}

/// A text cell of a report's CSV: [`sheet_cell`] (a quoted CSV cell holds
/// tabs and line breaks), then [`protect_formula`], since a spreadsheet
/// opening CSV decides for itself what a cell is.
pub fn csv_cell(text: &str) -> Cow<'_, str> {
    let shown = sheet_cell(text);
    match protect_formula(&shown) {
        Cow::Borrowed(_) => shown,
        Cow::Owned(protected) => Cow::Owned(protected),
    }
}

/// A JSON document as serde wrote it, with the unsafe characters it
/// leaves raw (DEL, C1, the format characters of [`is_unsafe`]) written
/// as `\uXXXX`: the same values, inert on a terminal. Outside strings a
/// JSON document is ASCII, so every such character is inside a string,
/// where the escape means the character itself.
pub fn json(text: String) -> String {
    if !may_be_unsafe(&text) || !text.chars().any(|c| c >= '\u{7f}' && is_unsafe(c)) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if c >= '\u{7f}' && is_unsafe(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Writes `value` as pretty JSON through [`json`], and a line end.
pub fn write_json<T: serde::Serialize + ?Sized>(
    out: &mut dyn std::io::Write,
    value: &T,
) -> std::io::Result<()> {
    let text = serde_json::to_string_pretty(value)?;
    out.write_all(json(text).as_bytes())?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hostile cells of `tests/fixtures/hostile`: clear the screen, set
    /// the terminal's title (OSC, ended by BEL), reverse the text, a
    /// script, a formula that runs a program.
    const CLEAR: &str = "\u{1b}[2J";
    const TITLE: &str = "\u{1b}]0;owned\u{7}";
    const RLO: &str = "abc\u{202e}fed";

    #[test]
    fn every_unsafe_character_is_seen_by_the_byte_scan() {
        for c in (0..=0x10ffff)
            .filter_map(char::from_u32)
            .filter(|&c| is_unsafe(c))
        {
            assert!(may_be_unsafe(c.encode_utf8(&mut [0; 4])), "{c:?}");
        }
    }

    #[test]
    fn for_people_controls_are_shown_escaped() {
        assert_eq!(visible(CLEAR), "\\u{1b}[2J");
        assert_eq!(visible(TITLE), "\\u{1b}]0;owned\\u{7}");
        assert_eq!(visible(RLO), "abc\\u{202e}fed");
        // C1 CSI (U+009B), a zero-width space, the BOM, a tag character.
        assert_eq!(
            visible("a\u{9b}2Jb\u{200b}c\u{feff}\u{e0041}"),
            "a\\u{9b}2Jb\\u{200b}c\\u{feff}\\u{e0041}"
        );
        assert_eq!(visible("a\tb\r\nc"), "a\\tb\\r\\nc");
        // Text without them is borrowed as it is: Chinese, full-width
        // punctuation (EF lead bytes), the em dash (E2).
        for text in ["许昌市，魏都区（东）", "P2025—01", "C000001", ""] {
            assert!(matches!(visible(text), Cow::Borrowed(t) if t == text));
        }
        // Twice is once.
        let once = visible(TITLE).into_owned();
        assert_eq!(visible(&once), once);
    }

    #[test]
    fn markdown_cells_hold_no_markup() {
        assert_eq!(
            markdown("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            markdown("<img src=x onmouseover=alert(1)>"),
            "&lt;img src=x onmouseover=alert(1)&gt;"
        );
        assert_eq!(
            markdown("![x](http://t/p.png) a|b *c* _d_ ~e~ `f` \\ &amp;"),
            "!\\[x\\](http&#58;//t/p.png) a\\|b \\*c\\* \\_d\\_ \\~e\\~ \\`f\\` \\\\ &amp;amp;"
        );
        assert_eq!(markdown("道路\r\n破损"), "道路  破损");
        // The escape's own backslash is escaped: it reads `\u{1b}[2J`.
        assert_eq!(markdown(CLEAR), "\\\\u{1b}\\[2J");
    }

    #[test]
    fn markdown_text_makes_no_block_of_its_own() {
        // A list item `- {text}` must stay one item of plain text.
        for (text, quiet) in [
            ("# 大标题", "\\# 大标题"),
            ("#### 四级", "\\#### 四级"),
            ("1. 列表", "1\\. 列表"),
            ("12) 列表", "12\\) 列表"),
            ("- 项", "\\- 项"),
            ("+ 项", "\\+ 项"),
            ("---", "\\---"),
            ("> 引用", "&gt; 引用"),
            ("    代码", "&#32;   代码"),
        ] {
            assert_eq!(markdown(text), quiet, "{text}");
        }
        // Not at the start, or not a marker: as it is.
        for text in [
            "张三 # 1. - +",
            "-1",
            "+86",
            "78.6%",
            "2026.3.10",
            "1.5 个百分点",
        ] {
            assert_eq!(markdown(text), text, "{text}");
        }
    }

    #[test]
    fn markdown_text_makes_no_bare_link() {
        assert_eq!(
            markdown("见 http://evil.example/x 和 HTTPS://e.example"),
            "见 http&#58;//evil.example/x 和 HTTPS&#58;//e.example"
        );
        assert_eq!(markdown("www.evil.example"), "www&#46;evil.example");
        assert_eq!(markdown("(WWW.e.example)"), "(WWW&#46;e.example)");
        assert_eq!(markdown("mailto:a@evil.example"), "mailto:a＠evil.example");
        // An @ that makes no address, and text without any, stay.
        for text in ["@张三", "张三@", "a @b", "time: 10:30", "魏都区"] {
            assert_eq!(markdown(text), text, "{text}");
        }
    }

    #[test]
    fn html_text_and_attributes() {
        assert_eq!(
            html("<b onmouseover=\"x\">'&'</b>"),
            "&lt;b onmouseover=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/b&gt;"
        );
        assert_eq!(html(RLO), "abc\\u{202e}fed");
    }

    #[test]
    fn formulas_become_text_and_back() {
        let calc = "=cmd|' /C calc'!A0";
        assert_eq!(protect_formula(calc), format!("'{calc}"));
        for text in [
            "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "＝1+1", "－", "'=1", "''+1",
        ] {
            let protected = protect_formula(text);
            assert_eq!(protected, format!("'{text}"), "{text:?}");
            assert_eq!(unprotect_formula(&protected), text);
        }
        for text in ["许昌", "1-2", "a=b", "'quoted'", "'", "", "2026-03-10"] {
            assert_eq!(protect_formula(text), text);
            assert_eq!(unprotect_formula(text), text);
        }
        // A clerk's file as Excel saves it: the formula-like text is raw.
        assert_eq!(unprotect_formula("=1+1"), "=1+1");
    }

    #[test]
    fn csv_cells_for_spreadsheets() {
        assert_eq!(csv_cell("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(csv_cell(CLEAR), "\\u{1b}[2J");
        // Line breaks stay inside the quoted cell; a tab in front is a
        // formula's way in.
        assert_eq!(csv_cell("道路\n破损"), "道路\n破损");
        assert_eq!(csv_cell("\t=1"), "'\t=1");
        assert_eq!(csv_cell("-"), "'-");
        assert!(matches!(csv_cell("魏都区"), Cow::Borrowed(_)));
    }

    #[test]
    fn workbook_cells_keep_their_lines_and_show_the_rest() {
        assert_eq!(sheet_cell("道路\r\n破损\t甲"), "道路\r\n破损\t甲");
        assert_eq!(sheet_cell(CLEAR), "\\u{1b}[2J");
        assert_eq!(sheet_cell(RLO), "abc\\u{202e}fed");
        // A string cell is never a formula: no apostrophe.
        assert_eq!(sheet_cell("=cmd|' /C calc'!A0"), "=cmd|' /C calc'!A0");
        assert!(matches!(sheet_cell("魏都区"), Cow::Borrowed(_)));
    }

    #[test]
    fn json_keeps_values_and_escapes_the_rest() {
        let value = format!("{CLEAR}{RLO}\u{9b}\u{7f}\u{1f600}");
        let text = serde_json::to_string(&value).unwrap();
        let inert = json(text);
        assert_eq!(inert, "\"\\u001b[2Jabc\\u202efed\\u009b\\u007f\u{1f600}\"");
        // The same value when read back.
        assert_eq!(serde_json::from_str::<String>(&inert).unwrap(), value);
        assert_eq!(json("{\"a\": \"许昌\"}".into()), "{\"a\": \"许昌\"}");
    }
}
