//! `bangcun check` end to end: one fixture per named check (each a copy of
//! `tests/fixtures/base` with one known defect, listed in
//! `tests/fixtures/README.md`), the output formats, the closing line, exit
//! statuses, and how the data folder is found.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use bangcun::check::REGISTRY;
use bangcun::finding::Severity;
use common::{
    AS_OF, MADE, Seen, bangcun, check_json, copy_dir, counts, findings, fixture, fixture_of, root,
    status,
};

/// One fixture and the single finding it must produce.
struct Case {
    /// The fixture folder, named after its check.
    check: &'static str,
    /// The file at fault, relative to the fixture folder.
    file: &'static str,
    /// `None`: the file as a whole.
    line: Option<u64>,
    field: Option<&'static str>,
    value: Option<&'static str>,
}

const fn case(
    check: &'static str,
    file: &'static str,
    line: Option<u64>,
    field: Option<&'static str>,
    value: Option<&'static str>,
) -> Case {
    Case {
        check,
        file,
        line,
        field,
        value,
    }
}

/// Every check of the registry, with the place its fixture's defect is at.
/// Lines are those of the fixture files (header = line 1; in TOML files
/// the line of the key at fault).
const CASES: &[Case] = &[
    // cadres.csv is a folder; the rest of the data must not cascade into
    // unknown-cadre errors for the cadres that could not be read.
    case("unreadable-file", "cadres.csv", None, None, None),
    // visits/2025-12.csv links to base's visits, outside the fixture.
    case("outside-link", "visits/2025-12.csv", None, None, None),
    // visits/current.csv links to visits/2026-01.csv, read already.
    case("repeated-link", "visits/current.csv", None, None, None),
    // Made at test time (see MADE): a temporary file of fmt is never
    // committed, not even as a fixture.
    case(
        "leftover-temp-file",
        "visits/.2026-01.csv.bangcun-4194304-0.tmp",
        None,
        None,
        None,
    ),
    // leaves.xlsx is a CSV file renamed: no workbook.
    case("bad-workbook", "leaves.xlsx", None, None, None),
    // Byte 0xFF on line 3 (lines 1–2 are ASCII).
    case("bad-encoding", "visits/2026-01.csv", Some(3), None, None),
    // leaves.csv in GBK, with line 3 appended in UTF-8 (培训).
    case(
        "mixed-encoding",
        "leaves.csv",
        Some(3),
        None,
        Some("C04,2026-02-23,2026-02-24,培训"),
    ),
    // leaves.csv in GBK, whose only Chinese, 学习 on line 2, is valid
    // UTF-8 too (ѧϰ).
    case(
        "ambiguous-encoding",
        "leaves.csv",
        Some(2),
        None,
        Some("C03,2026-02-18,2026-02-22,学习"),
    ),
    // leaves.csv in Big5: its reason 病假住院 reads as GB18030 痜安︘皘,
    // GBK extensions and symbols, while as Big5 all four are common.
    case(
        "big5-encoding",
        "leaves.csv",
        Some(2),
        None,
        Some("C03,2026-02-18,2026-02-22,痜安︘皘"),
    ),
    // The quote opening P03's summary on line 4 is never closed.
    case("bad-quoting", "problems.csv", Some(4), None, None),
    // Line 2 has a fifth cell under a 4-column header.
    case("field-count", "leaves.csv", Some(2), None, None),
    // Line 11: `cadre = "C02` — the string never ends.
    case("invalid-toml", "visits/2026-02.toml", Some(11), None, None),
    // leaves.csv is 0 bytes: the header line 1 is missing.
    case("empty-file", "leaves.csv", Some(1), None, None),
    // The header (line 1) lacks 联系点; no visit may then cascade into
    // unknown-cadre.
    case(
        "missing-column",
        "cadres.csv",
        Some(1),
        Some("points"),
        None,
    ),
    // Column 8 is headed `summary`, as column 7 (问题描述) already is.
    case(
        "duplicate-column",
        "problems.csv",
        Some(1),
        Some("summary"),
        Some("summary"),
    ),
    // `remark` is no field of visits.
    case(
        "unknown-column",
        "visits/2026-01.csv",
        Some(1),
        None,
        Some("remark"),
    ),
    // P02 (line 3) has no 问题描述.
    case(
        "missing-value",
        "problems.csv",
        Some(3),
        Some("summary"),
        None,
    ),
    // C03 (line 4) starts on month 13; C03's visit and leave must not
    // become unknown-cadre errors.
    case(
        "invalid-date",
        "cadres.csv",
        Some(4),
        Some("start"),
        Some("2025-13-01"),
    ),
    // Line 4: 走访人次 `15人`.
    case(
        "invalid-number",
        "visits/2026-01.csv",
        Some(4),
        Some("people"),
        Some("15人"),
    ),
    // Line 13: kind = "调研", neither an English nor a Chinese visit kind.
    case(
        "invalid-value",
        "visits/2026-02.toml",
        Some(13),
        Some("kind"),
        Some("调研"),
    ),
    // The rating of 东一村 (line 2) is for "22年".
    case(
        "invalid-year",
        "ratings.csv",
        Some(2),
        Some("year"),
        Some("22年"),
    ),
    // 东二村 (line 3) is rated 6 stars.
    case(
        "invalid-stars",
        "ratings.csv",
        Some(3),
        Some("stars"),
        Some("6"),
    ),
    // Line 7: city = [10, 32].
    case(
        "invalid-config",
        "bangcun.toml",
        Some(7),
        Some("workdays.city"),
        Some("[10, 32]"),
    ),
    // 西二村 (line 8) has 西一村's code (line 7).
    case(
        "duplicate-id",
        "regions.csv",
        Some(8),
        Some("code"),
        Some("411001002001"),
    ),
    // P02 (line 3) is at 411001002009, which no region has.
    case(
        "unknown-region",
        "problems.csv",
        Some(3),
        Some("place"),
        Some("411001002009"),
    ),
    // The leave (line 2) is of C30, which no cadre is.
    case(
        "unknown-cadre",
        "leaves.csv",
        Some(2),
        Some("cadre"),
        Some("C30"),
    ),
    // The visit of line 3 is with H09, which no household is.
    case(
        "unknown-household",
        "visits/2026-01.csv",
        Some(3),
        Some("household"),
        Some("H09"),
    ),
    // Both townships are named 东乡, and 东二村 (line 6) has 东乡 as parent.
    case(
        "ambiguous-place",
        "regions.csv",
        Some(6),
        Some("parent"),
        Some("东乡"),
    ),
    // The leave (line 2) is of 李县, the name of C02 and of C05.
    case(
        "ambiguous-cadre",
        "leaves.csv",
        Some(2),
        Some("cadre"),
        Some("李县"),
    ),
    // The visit of line 3 is with 王大山, the head of H01 and of H02.
    case(
        "ambiguous-household",
        "visits/2026-01.csv",
        Some(3),
        Some("household"),
        Some("王大山"),
    ),
    // P02 (line 3) is at 4.11001E+11: a code Excel made a number.
    case(
        "mangled-code",
        "problems.csv",
        Some(3),
        Some("place"),
        Some("4.11001E+11"),
    ),
    // 西二村 (line 8), a village, has the county as parent.
    case(
        "parent-level",
        "regions.csv",
        Some(8),
        Some("parent"),
        Some("411001"),
    ),
    // C02 (line 3) has the county as its point.
    case(
        "point-level",
        "cadres.csv",
        Some(3),
        Some("points"),
        Some("411001"),
    ),
    // The leave (line 2) ends 2026-02-12, before it starts on 2026-02-18.
    case(
        "date-order",
        "leaves.csv",
        Some(2),
        Some("to"),
        Some("2026-02-12"),
    ),
    // P02 (line 3) has 满意 but no 整改日期.
    case(
        "needs-rectified",
        "problems.csv",
        Some(3),
        Some("satisfaction"),
        Some("满意"),
    ),
    // P02 (line 3) is 已整改 without a rectified date.
    case(
        "status-conflict",
        "problems.csv",
        Some(3),
        Some("status"),
        Some("已整改"),
    ),
    // P02 (line 3) is 产业发展, a default category that base's
    // bangcun.toml does not list.
    case(
        "unknown-category",
        "problems.csv",
        Some(3),
        Some("category"),
        Some("产业发展"),
    ),
    // H02 (line 3) lives in 东乡, a township.
    case(
        "household-village",
        "households.csv",
        Some(3),
        Some("place"),
        Some("411001001"),
    ),
    // Line 3 rates 东乡, a township.
    case(
        "rating-place",
        "ratings.csv",
        Some(3),
        Some("place"),
        Some("411001001"),
    ),
    // C01 is reviewed for 2025 on line 2 and again (2025年) on line 4.
    case(
        "duplicate-year",
        "reviews.csv",
        Some(4),
        Some("cadre"),
        Some("C01"),
    ),
    // C01's visit (line 2) is at 西一村; its points are 东乡 and 东一村.
    case(
        "visit-place",
        "visits/2026-01.csv",
        Some(2),
        Some("place"),
        Some("411001002001"),
    ),
    // C04 starts 2026年1月1日; its visit (line 5) is dated 2025-12-30.
    case(
        "visit-outside-link",
        "visits/2026-01.csv",
        Some(5),
        Some("date"),
        Some("2025-12-30"),
    ),
    // The visit of line 3 is with H01 of 东一村, at 东二村.
    case(
        "household-place",
        "visits/2026-01.csv",
        Some(3),
        Some("place"),
        Some("411001001002"),
    ),
    // P02 (line 3) is found 2026-04-20, after --as-of 2026-03-31.
    case(
        "future-date",
        "problems.csv",
        Some(3),
        Some("found"),
        Some("2026-04-20"),
    ),
    // Line 6 repeats line 3 (C02, 2026-01-20, 西一村, workday).
    case("duplicate-visit", "visits/2026-01.csv", Some(6), None, None),
];

/// The checks that only warn (docs/checks.md: an unknown column, a visit at a
/// place that is not the cadre's, outside its link, a date after today, the
/// same visit twice; and a link to what is read already, a temporary file
/// left over, an encoding that could be either or looks like Big5); every other check is an
/// error.
const WARNINGS: [&str; 10] = [
    "repeated-link",
    "leftover-temp-file",
    "ambiguous-encoding",
    "big5-encoding",
    "unknown-column",
    "visit-place",
    "visit-outside-link",
    "household-place",
    "future-date",
    "duplicate-visit",
];

fn is_error(check: &str) -> bool {
    !WARNINGS.contains(&check)
}

fn path_in(name: &str, file: &str) -> String {
    fixture(name).join(file).display().to_string()
}

#[test]
fn base_is_clean() {
    let (code, doc) = check_json(&fixture("base"), &["--deny-warnings"]);
    assert_eq!(findings(&doc), vec![]);
    // bangcun.toml, regions, cadres, visits/2026-01.csv, visits/2026-02.toml,
    // problems, leaves = 7 files; 7 regions + 4 cadres + (4 + 2) visits +
    // 3 problems + 1 leave = 21 records.
    assert_eq!(counts(&doc), (0, 0, 7, 21));
    assert_eq!(code, 0);
}

#[test]
fn every_check_has_a_case_and_a_fixture() {
    let names: Vec<&str> = REGISTRY.iter().map(|c| c.name).collect();
    let cases: Vec<&str> = CASES.iter().map(|c| c.check).collect();
    assert_eq!(cases, names, "one case per check, in registry order");
    for check in REGISTRY {
        let (_made, dir) = fixture_of(check.name);
        assert!(
            root().join(dir).is_dir(),
            "tests/fixtures/{} is missing",
            check.name
        );
        let severity = if is_error(check.name) {
            Severity::Error
        } else {
            Severity::Warning
        };
        assert_eq!(check.severity, severity, "{}", check.name);
    }
}

#[test]
fn each_fixture_finds_exactly_its_defect() {
    for case in CASES {
        let (_made, dir) = fixture_of(case.check);
        let (code, doc) = check_json(&dir, &[]);
        let expected = Seen {
            check: case.check.to_string(),
            file: dir.join(case.file).display().to_string(),
            line: case.line,
            field: case.field.map(str::to_string),
            value: case.value.map(str::to_string),
        };
        assert_eq!(findings(&doc), vec![expected], "fixture {}", case.check);
        let error = is_error(case.check);
        let (errors, warnings, _, _) = counts(&doc);
        assert_eq!(
            (errors, warnings),
            if error { (1, 0) } else { (0, 1) },
            "{}",
            case.check
        );
        assert_eq!(code, if error { 1 } else { 0 }, "exit of {}", case.check);
        assert_eq!(
            doc["findings"][0]["severity"],
            if error { "error" } else { "warning" },
            "{}",
            case.check
        );
    }
}

#[test]
fn warnings_fail_only_with_deny_warnings() {
    // Without it, each_fixture_finds_exactly_its_defect sees exit 0.
    for name in WARNINGS {
        let (_made, dir) = fixture_of(name);
        let (code, doc) = check_json(&dir, &["--deny-warnings"]);
        assert_eq!(code, 1, "{name} with --deny-warnings");
        assert_eq!(counts(&doc).1, 1, "{name}");
    }
}

#[test]
fn duplicates_name_both_places() {
    let (_, doc) = check_json(&fixture("duplicate-id"), &[]);
    assert_eq!(
        doc["findings"][0]["related"],
        serde_json::json!({"file": path_in("duplicate-id", "regions.csv"), "line": 7})
    );
    let (_, doc) = check_json(&fixture("duplicate-visit"), &[]);
    assert_eq!(
        doc["findings"][0]["related"],
        serde_json::json!({"file": path_in("duplicate-visit", "visits/2026-01.csv"), "line": 3})
    );
    let (_, doc) = check_json(&fixture("duplicate-year"), &[]);
    assert_eq!(
        doc["findings"][0]["related"],
        serde_json::json!({"file": path_in("duplicate-year", "reviews.csv"), "line": 2})
    );
}

#[test]
fn future_date_follows_as_of() {
    // P02 is found 2026-04-20: a warning as of the day before, none as of
    // the day itself.
    let dir = root().join(fixture("future-date"));
    let run = |day: &str| {
        let output = bangcun()
            .args(["check", "--format", "json", "--as-of", day, "--data"])
            .arg(&dir)
            .output()
            .unwrap();
        counts(&common::parse_json(&output)).1
    };
    assert_eq!(run("2026-04-19"), 1);
    assert_eq!(run("2026-04-20"), 0);
}

/// The files a fixture changes besides its case's, to set its defect up:
/// a second cadre named 李县, for the leave that names 李县.
const SETUP: [(&str, &str); 4] = [
    ("ambiguous-cadre", "cadres.csv"),
    // Base keeps no households (an optional kind): the fixtures of the
    // checks of a visit's household add theirs.
    ("unknown-household", "households.csv"),
    ("household-place", "households.csv"),
    ("ambiguous-household", "households.csv"),
];

/// Every fixture is base with its defect and nothing else: its files are
/// base's, byte for byte, except under the path its case names (and those
/// of [`SETUP`]).
#[test]
fn fixtures_differ_from_base_only_where_their_defect_is() {
    fn files(dir: &Path, under: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let rel = path.strip_prefix(under).unwrap().to_path_buf();
            if path.is_dir() {
                files(&path, under, out);
            } else {
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    let all = |name: &str| {
        let dir = root().join(fixture(name));
        let mut out = BTreeMap::new();
        files(&dir, &dir, &mut out);
        out
    };
    let base = all("base");
    // A made fixture is base and its one file by construction.
    let committed = CASES.iter().filter(|c| MADE.iter().all(|m| m.0 != c.check));
    for case in committed {
        let copy = all(case.check);
        let mut differ: Vec<&PathBuf> = base
            .keys()
            .chain(copy.keys())
            .filter(|p| base.get(*p) != copy.get(*p))
            .collect();
        differ.dedup();
        assert!(!differ.is_empty(), "{} is the same as base", case.check);
        for path in differ {
            let setup = SETUP.contains(&(case.check, path.to_str().unwrap_or("")));
            assert!(
                setup || path.starts_with(case.file),
                "{}: {} differs from base, but the defect is in {}",
                case.check,
                path.display(),
                case.file
            );
        }
    }
}

#[test]
fn all_findings_of_a_run_are_reported() {
    // One defect in each of the seven files of several-files.
    let (code, doc) = check_json(&fixture("several-files"), &[]);
    let at = |file: &str| path_in("several-files", file);
    let seen = |check: &str, file: &str, line: u64, field: &str, value: Option<&str>| Seen {
        check: check.into(),
        file: at(file),
        line: Some(line),
        field: Some(field.into()),
        value: value.map(Into::into),
    };
    assert_eq!(
        findings(&doc),
        vec![
            // `dayz` under [revisit], line 17; an unknown key is no field.
            Seen {
                check: "invalid-config".into(),
                file: at("bangcun.toml"),
                line: Some(17),
                field: None,
                value: Some("revisit.dayz".into()),
            },
            // 东二村's name is empty. C03's point is 东二村: no
            // unknown-region follows.
            seen("missing-value", "regions.csv", 6, "name", None),
            // C01 is 省级. C01's visits and problems make no
            // unknown-cadre.
            seen("invalid-value", "cadres.csv", 2, "level", Some("省级")),
            // C02 (point 西乡) at 东一村.
            seen(
                "visit-place",
                "visits/2026-01.csv",
                3,
                "place",
                Some("411001001001"),
            ),
            seen(
                "invalid-date",
                "visits/2026-02.toml",
                10,
                "date",
                Some("2026-02-30"),
            ),
            seen(
                "unknown-category",
                "problems.csv",
                3,
                "category",
                Some("环境卫生"),
            ),
            seen("date-order", "leaves.csv", 2, "to", Some("2026-02-12")),
        ]
    );
    // 6 errors, 1 warning; every row is still read: 7 files, 21 records.
    assert_eq!(counts(&doc), (6, 1, 7, 21));
    assert_eq!(code, 1);
}

/// The last line of human output, in either language.
fn closing_line(dir: &Path, lang: &str) -> String {
    let output = bangcun()
        .args(["check", "--as-of", AS_OF, "--lang", lang, "--data"])
        .arg(dir)
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    text.lines().last().unwrap_or("").to_string()
}

#[test]
fn the_closing_line_counts_errors_warnings_files_and_records() {
    assert_eq!(
        closing_line(&fixture("several-files"), "en"),
        "checked: 6 errors, 1 warning; 7 files, 21 records read"
    );
    assert_eq!(
        closing_line(&fixture("several-files"), "zh"),
        "检查完成：6 个错误，1 个警告；读取 7 个文件，21 条记录"
    );
    // The quote on line 4 is never closed: P01 and P02 are read, P03 is
    // not, so 21 − 1 = 20 records.
    assert_eq!(
        closing_line(&fixture("bad-quoting"), "en"),
        "checked: 1 error, 0 warnings; 7 files, 20 records read"
    );
    // A row of the wrong width is read (and reported), not skipped: 21.
    assert_eq!(
        closing_line(&fixture("field-count"), "en"),
        "checked: 1 error, 0 warnings; 7 files, 21 records read"
    );
    // The undecodable visits file loses its 4 rows: 21 − 4 = 17.
    assert_eq!(
        closing_line(&fixture("bad-encoding"), "en"),
        "checked: 1 error, 0 warnings; 7 files, 17 records read"
    );
    // The folder standing in for cadres.csv is a file of the data folder
    // that is named, though nothing could be read from it: 7 files, and
    // 21 − 4 cadres = 17 records.
    assert_eq!(
        closing_line(&fixture("unreadable-file"), "en"),
        "checked: 1 error, 0 warnings; 7 files, 17 records read"
    );
}

fn human(name: &str, lang: &str) -> String {
    let output = bangcun()
        .args(["check", "--as-of", AS_OF, "--lang", lang, "--data"])
        .arg(fixture(name))
        .output()
        .unwrap();
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn human_output_snapshots() {
    // Two places named (duplicate-id), a TOML line and the allowed words
    // (invalid-value), and a warning (unknown-column).
    for name in ["duplicate-id", "invalid-value", "unknown-column"] {
        for lang in ["zh", "en"] {
            insta::assert_snapshot!(format!("human-{name}-{lang}"), human(name, lang));
        }
    }
}

#[test]
fn human_output_names_the_column_as_written() {
    // problems.csv has Chinese headers: the column is named 问题描述, not
    // summary; regions.csv has English ones.
    let text = human("missing-value", "en");
    assert!(
        text.contains("--> tests/fixtures/missing-value/problems.csv:3 (问题描述)\n"),
        "{text}"
    );
    let text = human("duplicate-id", "zh");
    assert!(
        text.contains("--> tests/fixtures/duplicate-id/regions.csv:8 (code)\n"),
        "{text}"
    );
}

#[test]
fn github_output_names_the_related_place_and_warnings() {
    // Given as `./DIR`: neither place keeps the `./`.
    let output = bangcun()
        .args([
            "check", "--format", "github", "--lang", "en", "--as-of", AS_OF,
        ])
        .arg("--data")
        .arg(Path::new(".").join(fixture("duplicate-visit")))
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let file = "tests/fixtures/duplicate-visit/visits/2026-01.csv";
    assert_eq!(
        text.lines().next().unwrap(),
        format!(
            "::warning file={file},line=6,title=duplicate-visit::\
             the same cadre, date, place and kind is entered twice\
             %0Afirst at {file}:3%0Ahelp: remove one of the two rows"
        )
    );
    // A finding about a whole file has no line property.
    let output = bangcun()
        .args([
            "check", "--format", "github", "--lang", "en", "--as-of", AS_OF,
        ])
        .arg("--data")
        .arg(fixture("unreadable-file"))
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.starts_with(
            "::error file=tests/fixtures/unreadable-file/cadres.csv,title=unreadable-file::"
        ),
        "{text}"
    );
}

#[test]
fn no_data_folder_is_exit_2_with_a_clear_message() {
    let temp = tempfile::tempdir().unwrap();
    for (lang, words) in [
        ("en", ["no data folder found", "bangcun.toml", "./data"]),
        ("zh", ["找不到数据目录", "bangcun.toml", "./data"]),
    ] {
        let output = bangcun()
            .current_dir(temp.path())
            .args(["check", "--lang", lang])
            .output()
            .unwrap();
        assert_eq!(status(&output), 2);
        assert!(output.stdout.is_empty());
        let err = String::from_utf8(output.stderr).unwrap();
        for word in words {
            assert!(err.contains(word), "{lang}: {word:?} not in {err}");
        }
    }
}

#[test]
fn a_named_folder_without_bangcun_toml_is_exit_2() {
    let temp = tempfile::tempdir().unwrap();
    let output = bangcun()
        .args(["check", "--lang", "en", "--data"])
        .arg(temp.path())
        .output()
        .unwrap();
    assert_eq!(status(&output), 2);
    let err = String::from_utf8(output.stderr).unwrap();
    assert!(err.contains("--data names"), "{err}");
    // BANGCUN_DATA naming a non-data folder is not passed over in favour
    // of the next place to look: the user named it.
    let output = bangcun()
        .current_dir(root().join(fixture("base")))
        .env("BANGCUN_DATA", temp.path())
        .args(["check", "--lang", "en"])
        .output()
        .unwrap();
    assert_eq!(status(&output), 2);
    let err = String::from_utf8(output.stderr).unwrap();
    assert!(err.contains("BANGCUN_DATA names"), "{err}");
}

#[test]
fn bad_arguments_are_exit_2() {
    for args in [
        vec!["check", "--format", "xml"],
        vec!["check", "--as-of", "yesterday"],
        vec!["check", "--lang", "fr"],
        vec!["frobnicate"],
    ] {
        let output = bangcun().args(&args).output().unwrap();
        assert_eq!(status(&output), 2, "{args:?}");
    }
}

/// Which fixture a run read, told by its one finding.
fn which(output: &std::process::Output) -> String {
    assert!(
        output.status.code().is_some(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let doc = common::parse_json(output);
    findings(&doc)
        .first()
        .map_or("base".to_string(), |f| f.check.clone())
}

#[test]
fn the_data_folder_is_found_in_spec_order() {
    // A tree holding a data folder for each way of finding one, each a
    // different fixture so that the run tells which it read:
    //   T/explicit  --data
    //   T/env       BANGCUN_DATA
    //   T/work      the current directory (with T/work/data beside it)
    //   T/other     a plain folder with T/other/data
    let temp = tempfile::tempdir().unwrap();
    let t = temp.path();
    let copy = |name: &str, to: &str| copy_dir(&root().join(fixture(name)), &t.join(to));
    copy("unknown-cadre", "explicit");
    copy("unknown-region", "env");
    copy("date-order", "work");
    copy("point-level", "work/data");
    copy("parent-level", "other/data");

    let run = |cwd: &str, data: Option<&str>, env: Option<&str>| {
        let mut cmd = bangcun();
        cmd.current_dir(t.join(cwd))
            .args(["check", "--format", "json", "--as-of", AS_OF]);
        if let Some(d) = data {
            cmd.arg("--data").arg(t.join(d));
        }
        if let Some(e) = env {
            cmd.env("BANGCUN_DATA", t.join(e));
        }
        which(&cmd.output().unwrap())
    };
    // --data wins over everything.
    assert_eq!(run("work", Some("explicit"), Some("env")), "unknown-cadre");
    // Then BANGCUN_DATA.
    assert_eq!(run("work", None, Some("env")), "unknown-region");
    // Then the current directory, before its ./data.
    assert_eq!(run("work", None, None), "date-order");
    // Or its nearest ancestor holding bangcun.toml: from work/visits the
    // ancestor `work` is nearer than anything else.
    assert_eq!(run("work/visits", None, None), "date-order");
    // From work/data/visits the nearest is work/data.
    assert_eq!(run("work/data/visits", None, None), "point-level");
    // Last, ./data.
    assert_eq!(run("other", None, None), "parent-level");
    // An empty BANGCUN_DATA counts as unset.
    let output = bangcun()
        .current_dir(t.join("other"))
        .env("BANGCUN_DATA", "")
        .args(["check", "--format", "json", "--as-of", AS_OF])
        .output()
        .unwrap();
    assert_eq!(which(&output), "parent-level");
}

#[test]
fn paths_are_printed_relative_to_the_current_directory() {
    let (temp, data) = common::temp_copy("unknown-cadre");
    let leaves = |output: std::process::Output| {
        let doc = common::parse_json(&output);
        findings(&doc).remove(0).file
    };
    let run = |cwd: &Path, data: Option<&Path>| {
        let mut cmd = bangcun();
        cmd.current_dir(cwd)
            .args(["check", "--format", "json", "--as-of", AS_OF]);
        if let Some(d) = data {
            cmd.arg("--data").arg(d);
        }
        leaves(cmd.output().unwrap())
    };
    // Found as the nearest ancestor of the current directory.
    assert_eq!(run(&data.join("visits"), None), "../leaves.csv");
    // The current directory itself.
    assert_eq!(run(&data, None), "leaves.csv");
    // Found as ./data.
    assert_eq!(run(temp.path(), None), "data/leaves.csv");
    // An absolute --data under the current directory is shown relative to it.
    assert_eq!(run(temp.path(), Some(&data)), "data/leaves.csv");
    // And from below it, with `..`.
    assert_eq!(run(&data.join("visits"), Some(&data)), "../leaves.csv");
    // A relative --data is shown as given.
    assert_eq!(
        run(temp.path(), Some(Path::new("./data"))),
        "./data/leaves.csv"
    );
}

#[test]
fn check_writes_nothing_into_the_data_folder() {
    // Every entry of the folder (the folder itself too) with its length,
    // modification time and content.
    fn listing(dir: &Path) -> BTreeMap<PathBuf, (u64, std::time::SystemTime, Vec<u8>)> {
        let mut out = BTreeMap::new();
        let mut todo = vec![dir.to_path_buf()];
        while let Some(path) = todo.pop() {
            let meta = fs::metadata(&path).unwrap();
            let content = if meta.is_dir() {
                for entry in fs::read_dir(&path).unwrap() {
                    todo.push(entry.unwrap().path());
                }
                Vec::new()
            } else {
                fs::read(&path).unwrap()
            };
            out.insert(path, (meta.len(), meta.modified().unwrap(), content));
        }
        out
    }
    let (_temp, data) = common::temp_copy("several-files");
    let before = listing(&data);
    // The folder, visits/, and 7 files = 9 entries.
    assert_eq!(before.len(), 9);
    for format in ["human", "json", "github"] {
        let output = bangcun()
            .current_dir(&data)
            .args(["check", "--format", format, "--as-of", AS_OF])
            .output()
            .unwrap();
        assert_eq!(status(&output), 1, "{format}");
        assert_eq!(listing(&data), before, "after --format {format}");
    }
}

#[test]
fn list_names_every_check_with_its_severity() {
    // In English: the words of the severities (tests/help.rs checks the
    // Chinese list).
    let output = bangcun()
        .args(["check", "--list", "--lang", "en"])
        .output()
        .unwrap();
    assert_eq!(status(&output), 0);
    let text = String::from_utf8(output.stdout).unwrap();
    let listed: Vec<(&str, &str)> = text
        .lines()
        .map(|l| {
            let mut words = l.split_whitespace();
            (words.next().unwrap_or(""), words.next().unwrap_or(""))
        })
        .collect();
    let expected: Vec<(&str, &str)> = CASES
        .iter()
        .map(|c| {
            (
                c.check,
                if is_error(c.check) {
                    "error"
                } else {
                    "warning"
                },
            )
        })
        .collect();
    assert_eq!(listed, expected);
}

/// Runs `bangcun ARGS…` with its standard output into a pipe whose reading
/// end is closed at once (`bangcun check | head -1` once head has left):
/// the exit status and stderr. Output larger than a pipe holds (64 KiB)
/// meets the closed end whenever the close comes.
fn into_closed_pipe(args: &[&str]) -> (i32, String) {
    use std::process::Stdio;
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("bangcun"))
        .current_dir(root())
        .env_remove("BANGCUN_DATA")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("bangcun runs");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("bangcun ends");
    (status(&out), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn a_closed_pipe_keeps_the_exit_status_of_bad_data() {
    // 3,000 visits of a cadre C9 that does not exist: 3,000 errors, far
    // more output than a pipe holds. Before the fix the closed pipe made
    // the run exit 0 (`pipefail` CI steps passed on bad data).
    let (_tmp, dir) = common::small_folder();
    let mut visits = fs::read_to_string(dir.join("visits/2026-01.csv")).unwrap();
    for _ in 0..3000 {
        visits.push_str("2026-01-11,C9,410101,workday,0,0,\n");
    }
    fs::write(dir.join("visits/2026-01.csv"), visits).unwrap();
    let data = dir.to_str().unwrap();
    for format in ["human", "github", "json"] {
        let (code, err) = into_closed_pipe(&["--data", data, "check", "--format", format]);
        assert_eq!((code, err.as_str()), (1, ""), "{format}");
    }
    // Clean data through a closed pipe is still clean.
    let clean = common::small_folder();
    let (code, err) = into_closed_pipe(&["--data", clean.1.to_str().unwrap(), "check"]);
    assert_eq!((code, err.as_str()), (0, ""));
}

/// Every bad cell of a row is said at once, references too: a visit of
/// an unknown kind by an unknown cadre at an unknown place is three
/// errors on its line, so that the clerk fixes the row in one go; and a
/// row with an error still makes no follow-on finding for a good
/// reference (line 3's C02 and 411001002001 are known).
#[test]
fn a_row_with_an_error_still_has_its_references_checked() {
    let (_temp, data) = common::temp_copy("base");
    fs::write(
        data.join("visits/2026-01.csv"),
        "date,cadre,place,kind,forums,people,note\n\
         2026-01-10,C01,411001001001,workday,1,12,\n\
         2026-01-20,C02,411001002001,调研,0,8,\n\
         2026-01-20,C99,411001009009,夜访,1,15,\n",
    )
    .unwrap();
    let (code, doc) = check_json(&data, &[]);
    assert_eq!(code, 1);
    // The path as the binary shows it, from the package root.
    let found = findings(&doc);
    let file = found[0].file.clone();
    assert!(file.ends_with("data/visits/2026-01.csv"), "{file}");
    let seen = |check: &str, line: u64, field: &str, value: &str| Seen {
        check: check.into(),
        file: file.clone(),
        line: Some(line),
        field: Some(field.into()),
        value: Some(value.into()),
    };
    assert_eq!(
        found,
        vec![
            seen("invalid-value", 3, "kind", "调研"),
            seen("invalid-value", 4, "kind", "夜访"),
            seen("unknown-cadre", 4, "cadre", "C99"),
            seen("unknown-region", 4, "place", "411001009009"),
        ]
    );
}
