//! Names made from the data that a program must accept: the sheet names
//! of a workbook (as Excel wants them) and the file names of a folder (as
//! Windows wants them), each unique as the program compares them
//! (case-insensitively). `report problems --split` names a sheet or a file
//! after each responsible unit, whose name a clerk typed.

/// The longest sheet name Excel accepts, in characters.
pub const SHEET_CHARS: usize = 31;

/// The longest file name this writes, in characters, extension included:
/// well inside Windows' 255 (and a path's 260 with its folder).
pub const FILE_CHARS: usize = 80;

/// Sheet names for `names`, in order: each at most 31 characters, none of
/// `[]:*?/\` (each becomes `_`), no control character, not beginning or
/// ending with `'`, not empty, not `History` (Excel keeps it), and all
/// different when compared case-insensitively; a repeated name takes
/// ` (2)`, ` (3)` … inside the length.
pub fn sheet_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    unique(names, SHEET_CHARS, "", |name| {
        let cleaned: String = name
            .chars()
            .map(|c| {
                if "[]:*?/\\".contains(c) || c.is_control() {
                    '_'
                } else {
                    c
                }
            })
            .collect();
        let trimmed = cleaned.trim().trim_matches('\'').trim();
        if trimmed.is_empty() || trimmed.eq_ignore_ascii_case("history") {
            format!("_{trimmed}")
        } else {
            trimmed.to_string()
        }
    })
}

/// File names for `names` with the extension `ext` (without its dot), in
/// order, safe on Windows as on Unix: none of `<>:"/\|?*` nor a control
/// character (each becomes `_`), no leading dot (hidden on Unix) or
/// trailing dot or space, not a device name (`CON`, `PRN`, `AUX`, `NUL`,
/// `COM1`–`COM9`, `LPT1`–`LPT9`, with any extension), at most
/// [`FILE_CHARS`] characters, and all different case-insensitively.
pub fn file_names<'a>(names: impl IntoIterator<Item = &'a str>, ext: &str) -> Vec<String> {
    let suffix = format!(".{ext}");
    unique(names, FILE_CHARS, &suffix, |name| {
        let cleaned: String = name
            .chars()
            .map(|c| {
                if "<>:\"/\\|?*".contains(c) || c.is_control() {
                    '_'
                } else {
                    c
                }
            })
            .collect();
        let trimmed = cleaned
            .trim_matches(|c: char| c == '.' || c.is_whitespace())
            .to_string();
        if trimmed.is_empty() || is_device(&trimmed) {
            format!("_{trimmed}")
        } else {
            trimmed
        }
    })
}

/// Whether Windows takes `name` (before any dot) as a device.
fn is_device(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or("").trim_end();
    let upper = stem.to_ascii_uppercase();
    matches!(upper.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((upper.starts_with("COM") || upper.starts_with("LPT"))
            && upper.len() == 4
            && upper.as_bytes()[3].is_ascii_digit()
            && upper.as_bytes()[3] != b'0')
}

/// `clean` each name, cut it to `max` characters with `suffix` after it,
/// and number the repeats (` (2)` …) until each is unique
/// case-insensitively.
fn unique<'a>(
    names: impl IntoIterator<Item = &'a str>,
    max: usize,
    suffix: &str,
    clean: impl Fn(&str) -> String,
) -> Vec<String> {
    let mut taken = std::collections::HashSet::new();
    let room = max.saturating_sub(suffix.chars().count());
    names
        .into_iter()
        .map(|name| {
            let base = clean(name);
            let mut n = 1;
            loop {
                let number = if n == 1 {
                    String::new()
                } else {
                    format!(" ({n})")
                };
                let keep = room.saturating_sub(number.chars().count());
                let stem: String = base.chars().take(keep).collect();
                // A cut may leave a trailing space or dot.
                let stem = stem.trim_end_matches([' ', '.']);
                let candidate = format!("{stem}{number}{suffix}");
                if taken.insert(candidate.to_lowercase()) {
                    return candidate;
                }
                n += 1;
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_excel_accepts() {
        let long = "许昌市某某某某某某某某某某某某某某某某某某某某某某某某某某某某局"; // 32 characters
        assert_eq!(long.chars().count(), 32);
        let names = sheet_names(["A/B局", "A:B局", "a/b局", long, "'引号'", "", "History"]);
        assert_eq!(names[0], "A_B局");
        assert_eq!(names[1], "A_B局 (2)");
        // The same case-insensitively.
        assert_eq!(names[2], "a_b局 (3)");
        // Cut to 31 characters.
        assert_eq!(names[3].chars().count(), 31);
        assert_eq!(names[4], "引号");
        assert_eq!(names[5], "_");
        assert_eq!(names[6], "_History");
    }

    #[test]
    fn file_names_windows_accepts() {
        let names = file_names(
            [
                "A/B局", "A:B局", "con", "LPT1.x", "COM0", "x. ", ".hidden", "a\u{7}b",
            ],
            "csv",
        );
        assert_eq!(
            names,
            [
                "A_B局.csv",
                "A_B局 (2).csv",
                "_con.csv",
                "_LPT1.x.csv",
                "COM0.csv",
                "x.csv",
                "hidden.csv",
                "a_b.csv"
            ]
        );
        let long = "局".repeat(200);
        let names = file_names([long.as_str(), long.as_str()], "html");
        assert_eq!(names[0].chars().count(), FILE_CHARS);
        assert!(names[1].ends_with(" (2).html"));
        assert_eq!(names[1].chars().count(), FILE_CHARS);
    }
}
