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
    unique(names, (SHEET_CHARS, "", &[' ', '.', '\'']), |name| {
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
        // Quotes and spaces together (`' '` is a quote once the space
        // goes); at the end dots too, which a cut would take off anyway
        // (`History.` would become the name Excel keeps).
        let trimmed = cleaned
            .trim_start_matches(|c: char| c == '\'' || c.is_whitespace())
            .trim_end_matches(|c: char| c == '\'' || c == '.' || c.is_whitespace());
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
    unique(names, (FILE_CHARS, &suffix, &[' ', '.']), |name| {
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

/// `clean` each name, cut it to `max` characters with `suffix` after it
/// (what a cut leaves at its end among `trailing` taken off, and `_` for a
/// name cut to nothing), and number the repeats (` (2)` …) until each is
/// unique case-insensitively.
fn unique<'a>(
    names: impl IntoIterator<Item = &'a str>,
    (max, suffix, trailing): (usize, &str, &[char]),
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
                // A cut may leave a trailing space or dot (or, in a sheet
                // name, quote), or nothing.
                let stem = match stem.trim_end_matches(trailing) {
                    "" => "_",
                    stem => stem,
                };
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
    fn a_cut_leaves_no_quote_at_the_end_and_never_nothing() {
        // 30 characters, then a quote: cut to 31, the quote would end it.
        let quoted = format!("{}'某", "局".repeat(30));
        assert_eq!(sheet_names([quoted.as_str()]), ["局".repeat(30)]);
        // Dots are fine in a sheet name but not at the end of a file's.
        assert_eq!(sheet_names(["..."]), ["_"]);
        // Quotes behind spaces (found by the property below).
        assert_eq!(sheet_names(["' '\t"]), ["_"]);
        assert_eq!(sheet_names(["History."]), ["_History"]);
    }

    /// Whether `name` is one Excel accepts for a sheet.
    fn excel_accepts(name: &str) -> bool {
        let n = name.chars().count();
        (1..=SHEET_CHARS).contains(&n)
            && !name
                .chars()
                .any(|c| "[]:*?/\\".contains(c) || c.is_control())
            && !name.starts_with('\'')
            && !name.ends_with('\'')
            && !name.eq_ignore_ascii_case("history")
    }

    /// Whether `name` is one Windows accepts for a file, with `.ext`.
    fn windows_accepts(name: &str, ext: &str) -> bool {
        let Some(stem) = name.strip_suffix(&format!(".{ext}")) else {
            return false;
        };
        name.chars().count() <= FILE_CHARS
            && !stem.is_empty()
            && !name
                .chars()
                .any(|c| "<>:\"/\\|?*".contains(c) || c.is_control())
            && !name.starts_with('.')
            && !stem.ends_with(['.', ' '])
            && !is_device(stem)
    }

    /// All different, compared case-insensitively.
    fn unique_case_insensitively(names: &[String]) -> bool {
        let lower: std::collections::HashSet<String> =
            names.iter().map(|n| n.to_lowercase()).collect();
        lower.len() == names.len()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]
        /// For any names: a sheet name Excel accepts and a file name Windows
        /// accepts for each, never empty, unique case-insensitively —
        /// names from any characters, and names near the limits made of the
        /// characters that need care (quotes, dots, spaces, forbidden ones,
        /// device names, letters in both cases).
        #[test]
        fn every_name_is_accepted_and_unique(
            names in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::prelude::any::<String>(),
                    "(con|Con|AUX|lpt1|com9|History|history)?[aA'. \\[\\]:*?/\\\\<>\"|\\t\\n局]{0,90}",
                ],
                0..12,
            )
        ) {
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            let sheets = sheet_names(names.iter().copied());
            proptest::prop_assert_eq!(sheets.len(), names.len());
            for s in &sheets {
                proptest::prop_assert!(excel_accepts(s), "{:?} from {:?}", s, names);
            }
            proptest::prop_assert!(unique_case_insensitively(&sheets), "{:?}", sheets);
            let files = file_names(names.iter().copied(), "html");
            proptest::prop_assert_eq!(files.len(), names.len());
            for f in &files {
                proptest::prop_assert!(windows_accepts(f, "html"), "{:?} from {:?}", f, names);
            }
            proptest::prop_assert!(unique_case_insensitively(&files), "{:?}", files);
        }
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
