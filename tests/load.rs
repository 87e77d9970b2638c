//! The loader end to end: encodings, line endings, headers, TOML records,
//! the files a data folder is read from, and what a broken file does to
//! the rest (and that `fmt` leaves such a file alone). Each test writes a
//! variant of `tests/fixtures/base` into a temporary folder and runs the
//! real binary over it.

mod common;

use std::fs;
use std::path::Path;

use common::{AS_OF, Seen, bangcun, counts, findings, parse_json, places, status, temp_copy};

/// Base's counts: 7 files and 21 records (7 regions, 4 cadres, 6 visits,
/// 3 problems, 1 leave), no findings.
const CLEAN: (u64, u64, u64, u64) = (0, 0, 7, 21);

/// Runs `check --format json --data data` plus `extra` from the folder
/// holding `data`, so that its files print as `data/…`; `--as-of AS_OF`
/// unless `extra` gives another.
fn run(data: &Path, extra: &[&str]) -> (i32, serde_json::Value) {
    let mut cmd = bangcun();
    cmd.current_dir(data.parent().unwrap())
        .args(["check", "--format", "json", "--data", "data"])
        .args(extra);
    if !extra.contains(&"--as-of") {
        cmd.args(["--as-of", AS_OF]);
    }
    let output = cmd.output().unwrap();
    (status(&output), parse_json(&output))
}

/// Runs `fmt --lang en --data data` from the folder holding `data`: the
/// exit status and what it printed.
fn fmt(data: &Path) -> (i32, String) {
    let output = bangcun()
        .current_dir(data.parent().unwrap())
        .args(["fmt", "--lang", "en", "--data", "data"])
        .output()
        .unwrap();
    (status(&output), String::from_utf8(output.stdout).unwrap())
}

/// A file of the data folder as `run` prints it.
fn shown(file: &str) -> String {
    format!("data/{file}")
}

fn write(path: &Path, bytes: impl AsRef<[u8]>) {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(path, bytes).unwrap();
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap()
}

/// Replaces the one occurrence of `old` in a file.
fn edit(path: &Path, old: &str, new: &str) {
    let text = read(path);
    assert_eq!(
        text.matches(old).count(),
        1,
        "{old:?} in {}",
        path.display()
    );
    write(path, text.replace(old, new));
}

fn gb18030(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

/// A finding at `file` of the data folder, as `run` shows it.
fn at(file: &str, check: &str, line: u64, field: &str, value: Option<&str>) -> Seen {
    Seen {
        check: check.into(),
        file: shown(file),
        line: Some(line),
        field: Some(field.into()),
        value: value.map(Into::into),
    }
}

#[test]
fn gb18030_with_chinese_headers_and_words() {
    let (_temp, data) = temp_copy("base");
    // cadres.csv and problems.csv have Chinese headers and Chinese words
    // (市级, 干部排查, 满意); regions.csv has an English header and Chinese
    // names. Saved as GB18030, as Excel and WPS save "CSV".
    let cadres_text = read(&data.join("cadres.csv"));
    for file in ["cadres.csv", "problems.csv", "regions.csv"] {
        let path = data.join(file);
        let text = read(&path);
        write(&path, gb18030(&text));
        assert!(fs::read(&path).unwrap().iter().any(|&b| b >= 0x80));
        assert!(std::str::from_utf8(&fs::read(&path).unwrap()).is_err());
    }
    let (code, doc) = run(&data, &[]);
    assert_eq!(findings(&doc), vec![]);
    assert_eq!(counts(&doc), CLEAN);
    assert_eq!(code, 0);

    // A bad Chinese word is read as written, on its line.
    let text = cadres_text.replace("C02,李县,县级,", "C02,李县,省级,");
    assert_ne!(text, cadres_text);
    write(&data.join("cadres.csv"), gb18030(&text));
    let (code, doc) = run(&data, &[]);
    assert_eq!(
        findings(&doc),
        vec![at("cadres.csv", "invalid-value", 3, "level", Some("省级"))]
    );
    assert_eq!(code, 1);
}

#[test]
fn the_sample_regions_saved_as_gb18030_read_clean() {
    // 魏都区, the first county of the sample data, is CE BA B6 BC in
    // GB18030; CE BA alone is valid UTF-8. The file must still be GB18030.
    let (_temp, data) = temp_copy("base");
    let path = data.join("regions.csv");
    edit(&path, "测试县", "魏都区");
    let bytes = gb18030(&read(&path));
    assert!(std::str::from_utf8(&bytes).is_err());
    write(&path, bytes);
    let (code, doc) = run(&data, &[]);
    assert_eq!(findings(&doc), vec![]);
    assert_eq!(code, 0);
}

#[test]
fn utf8_with_bom() {
    let (_temp, data) = temp_copy("base");
    // A BOM before an English (regions) and a Chinese (cadres) header.
    for file in ["regions.csv", "cadres.csv", "leaves.csv"] {
        let path = data.join(file);
        let text = read(&path);
        write(&path, format!("\u{feff}{text}"));
    }
    let (code, doc) = run(&data, &[]);
    assert_eq!(findings(&doc), vec![]);
    assert_eq!(counts(&doc), CLEAN);
    assert_eq!(code, 0);
    // Lines are counted as without it.
    edit(&data.join("leaves.csv"), "2026-02-22", "2026-02-32");
    let (_, doc) = run(&data, &[]);
    assert_eq!(
        findings(&doc),
        vec![at(
            "leaves.csv",
            "invalid-date",
            2,
            "to",
            Some("2026-02-32")
        )]
    );
}

#[test]
fn a_bom_alone_is_an_empty_file() {
    let (_temp, data) = temp_copy("base");
    write(&data.join("leaves.csv"), "\u{feff}");
    let (_, doc) = run(&data, &[]);
    assert_eq!(
        places(&doc),
        vec![("empty-file".into(), shown("leaves.csv"), Some(1))]
    );
}

#[test]
fn crlf_line_endings() {
    let (_temp, data) = temp_copy("base");
    for file in [
        "regions.csv",
        "cadres.csv",
        "problems.csv",
        "leaves.csv",
        "visits/2026-01.csv",
        "visits/2026-02.toml",
        "bangcun.toml",
    ] {
        let path = data.join(file);
        let text = read(&path);
        assert!(!text.contains('\r'));
        write(&path, text.replace('\n', "\r\n"));
    }
    let (code, doc) = run(&data, &[]);
    assert_eq!(findings(&doc), vec![]);
    assert_eq!(counts(&doc), CLEAN);
    assert_eq!(code, 0);

    // A quoted cell spanning two lines (CRLF inside): P01 takes lines 2–3,
    // so P02, with an empty summary, is on line 4.
    let problems = data.join("problems.csv");
    edit(&problems, ",村道路面破损,", ",\"村道\r\n路面破损\",");
    edit(&problems, ",垃圾集中堆放,", ",,");
    let (_, doc) = run(&data, &[]);
    assert_eq!(
        findings(&doc),
        vec![at("problems.csv", "missing-value", 4, "summary", None)]
    );
}

/// base's cadres as TOML: a `[[cadre]]` per cadre, points as an array,
/// dates as TOML dates and as strings.
const CADRES_TOML: &str = r#"# 帮联干部
[[cadre]]
id = "C01"
name = "张市"
level = "市级"
unit = "测试市委办公室"
points = ["411001001", "411001001001"]

[[cadre]]
id = "C02"
name = "李县"
level = "county"
points = [411001002]

[[cadre]]
id = "C03"
name = "王乡"
level = "乡级"
unit = "东乡人民政府"
points = ["411001001002"]
start = 2025-06-01
end = "2026/12/31"

[[cadre]]
id = "C04"
name = "赵乡"
level = "township"
points = ["411001002001"]
start = "2026年1月1日"
"#;

#[test]
fn toml_records() {
    let (_temp, data) = temp_copy("base");
    fs::remove_file(data.join("cadres.csv")).unwrap();
    write(&data.join("cadres.toml"), CADRES_TOML);
    // base's visits/2026-02.toml already has a TOML date and a string date;
    // add a top-level visits.toml with both too.
    write(
        &data.join("visits.toml"),
        "[[visit]]\ndate = 2026-03-10\ncadre = \"C01\"\nplace = \"411001001001\"\n\n\
         [[visit]]\ndate = \"2026.3.20\"\ncadre = \"C03\"\nplace = \"411001001002\"\nkind = \"petition\"\n",
    );
    let (code, doc) = run(&data, &[]);
    assert_eq!(findings(&doc), vec![]);
    // 7 files + visits.toml; 21 records + 2 visits.
    assert_eq!(counts(&doc), (0, 0, 8, 23));
    assert_eq!(code, 0);

    // A visit outside C03's link (which ends 2026/12/31, a string date)
    // shows the end date was read: 2027-01-05 is after it. A data check
    // names the record's `[[visit]]` line (6); only findings made while
    // reading a value name the line of its key (`date`, line 7).
    edit(&data.join("visits.toml"), "\"2026.3.20\"", "\"2027.1.5\"");
    let (_, doc) = run(&data, &["--as-of", "2027-01-31"]);
    assert_eq!(
        findings(&doc),
        vec![at(
            "visits.toml",
            "visit-outside-link",
            6,
            "date",
            Some("2027-01-05")
        )]
    );
}

#[test]
fn toml_findings_name_the_line_of_the_key() {
    let (_temp, data) = temp_copy("base");
    fs::remove_file(data.join("cadres.csv")).unwrap();
    // Line 12: C02's level; line 14: a key no field has, added after
    // C02's points; line 30 (29 before that line was added): C04's start.
    let toml = CADRES_TOML
        .replace("level = \"county\"", "level = \"省级\"")
        .replace("points = [411001002]", "points = [411001002]\nrank = 3")
        .replace("start = \"2026年1月1日\"", "start = \"2026年13月1日\"");
    write(&data.join("cadres.toml"), toml);
    let (_, doc) = run(&data, &[]);
    assert_eq!(
        findings(&doc),
        vec![
            at("cadres.toml", "invalid-value", 12, "level", Some("省级")),
            Seen {
                check: "unknown-column".into(),
                file: shown("cadres.toml"),
                line: Some(14),
                field: None,
                value: Some("rank".into()),
            },
            at(
                "cadres.toml",
                "invalid-date",
                30,
                "start",
                Some("2026年13月1日")
            ),
        ]
    );
}

#[test]
fn toml_that_is_not_records_of_its_kind() {
    let (_temp, data) = temp_copy("base");
    // `[visit]` is one table, not an array of tables; `[[cadre]]` is the
    // wrong kind for a visits file.
    write(
        &data.join("visits/2026-03.toml"),
        "[visit]\ndate = 2026-03-10\ncadre = \"C01\"\nplace = \"411001001\"\n",
    );
    write(
        &data.join("visits/2026-04.toml"),
        "# 四月\n\n[[cadre]]\nid = \"C09\"\n",
    );
    let (code, doc) = run(&data, &[]);
    let file = shown;
    assert_eq!(
        places(&doc),
        vec![
            ("invalid-toml".into(), file("visits/2026-03.toml"), Some(1)),
            ("invalid-toml".into(), file("visits/2026-04.toml"), Some(3)),
        ]
    );
    assert_eq!(code, 1);
}

#[test]
fn invalid_toml_cadres_do_not_cascade() {
    let (_temp, data) = temp_copy("base");
    fs::remove_file(data.join("cadres.csv")).unwrap();
    // Line 9: an opening bracket never closed.
    write(
        &data.join("cadres.toml"),
        CADRES_TOML.replace("[[cadre]]\nid = \"C02\"", "[[cadre\nid = \"C02\""),
    );
    let (_, doc) = run(&data, &[]);
    // One finding: none of the visits, problems and leaves naming C01–C04
    // is an unknown-cadre error, since the cadres could not be read.
    assert_eq!(
        places(&doc),
        vec![("invalid-toml".into(), shown("cadres.toml"), Some(9))]
    );
}

#[test]
fn cadres_toml_without_tables_does_not_cascade() {
    let (_temp, data) = temp_copy("base");
    fs::remove_file(data.join("cadres.csv")).unwrap();
    // The ids alone, not [[cadre]] tables: four lost records on line 1.
    write(
        &data.join("cadres.toml"),
        "cadre = [\"C01\", \"C02\", \"C03\", \"C04\"]\n",
    );
    let (_, doc) = run(&data, &[]);
    let seen = places(&doc);
    assert_eq!(seen.len(), 4, "{seen:?}");
    for (check, file, line) in seen {
        assert_eq!(
            (check.as_str(), file.as_str(), line),
            ("invalid-toml", "data/cadres.toml", Some(1))
        );
    }
}

#[test]
fn visits_are_read_from_every_file_under_visits_in_sorted_order() {
    let (_temp, data) = temp_copy("base");
    // Written out of order, one bad count in each; nested folders too.
    let row = |n: &str| format!("date,cadre,place,people\n2026-01-10,C01,411001001001,{n}\n");
    write(&data.join("visits/2026-03/b/c.csv"), row("c"));
    write(&data.join("visits/2026-03/a.csv"), row("a"));
    write(
        &data.join("visits/2025/12.toml"),
        "[[visit]]\ndate = 2025-12-10\ncadre = \"C01\"\nplace = \"411001001001\"\npeople = \"z\"\n",
    );
    write(&data.join("visits.csv"), row("top"));
    let (_, doc) = run(&data, &[]);
    let got: Vec<(String, Option<String>)> = findings(&doc)
        .into_iter()
        .map(|f| (f.file, f.value))
        .collect();
    let file = shown;
    assert_eq!(
        got,
        vec![
            // visits.csv first, then the folder, sorted, depth first.
            (file("visits.csv"), Some("top".into())),
            (file("visits/2025/12.toml"), Some("z".into())),
            (file("visits/2026-03/a.csv"), Some("a".into())),
            (file("visits/2026-03/b/c.csv"), Some("c".into())),
        ]
    );
    // 7 + 4 files, 21 + 4 records.
    assert_eq!(counts(&doc), (4, 0, 11, 25));
}

#[test]
fn other_files_and_folders_are_not_data() {
    let (_temp, data) = temp_copy("base");
    let junk = "not,a,data\nfile\"\n\u{0}\u{1}";
    // Not a kind, or not CSV/TOML/a workbook, or hidden, or an Excel/WPS
    // lock file.
    write(&data.join("archive/visits.csv"), junk);
    write(&data.join("archive/2025/problems.csv"), junk);
    write(&data.join("notes.txt"), junk);
    write(&data.join("regions.docx"), junk);
    write(&data.join("visits/~$2026-01.xlsx"), junk);
    write(&data.join("visits/说明.txt"), junk);
    write(&data.join("visits/.2026-01.csv.swp"), junk);
    write(&data.join("visits/.hidden/2026-01.csv"), junk);
    write(&data.join("visits/~$2026-01.csv"), junk);
    write(&data.join("README.md"), junk);
    let (code, doc) = run(&data, &[]);
    assert_eq!(findings(&doc), vec![]);
    assert_eq!(counts(&doc), CLEAN);
    assert_eq!(code, 0);
}

#[test]
fn headers_in_either_language_and_any_order() {
    let (_temp, data) = temp_copy("base");
    // base's cadres.csv, columns reordered, English and Chinese mixed,
    // English in any case.
    write(
        &data.join("cadres.csv"),
        "结束日期,ID,联系点,name,级别,Start,unit\n\
         ,C01,411001001;411001001001,张市,市级,,测试市委办公室\n\
         ,C02,411001002,李县,县级,,测试县委办公室\n\
         2026-12-31,C03,411001001002,王乡,乡级,2025-06-01,东乡人民政府\n\
         ,C04,411001002001,赵乡,township,2026年1月1日,西乡人民政府\n",
    );
    let (code, doc) = run(&data, &[]);
    assert_eq!(findings(&doc), vec![]);
    assert_eq!(counts(&doc), CLEAN);
    assert_eq!(code, 0);

    // Each cell lands in its field: a bad start is C03's start, and human
    // output names the column as written.
    edit(&data.join("cadres.csv"), ",2025-06-01,", ",2025-06-31,");
    let (_, doc) = run(&data, &[]);
    assert_eq!(
        findings(&doc),
        vec![at(
            "cadres.csv",
            "invalid-date",
            4,
            "start",
            Some("2025-06-31")
        )]
    );
    let output = bangcun()
        .args(["check", "--lang", "en", "--as-of", AS_OF, "--data"])
        .arg(&data)
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("cadres.csv:4 (Start)\n"), "{text}");
}

#[test]
fn an_unknown_column_is_ignored_and_shifts_nothing() {
    let (_temp, data) = temp_copy("base");
    // base's visits/2026-01.csv with a column `weather` between cadre and
    // place: were the columns after it shifted, every place would be 晴.
    let path = data.join("visits/2026-01.csv");
    write(
        &path,
        "date,cadre,weather,place,kind,forums,people,note\n\
         2026-01-10,C01,晴,411001001001,workday,1,12,\n\
         2026-01-20,C02,晴,411001002001,workday,0,8,\n\
         2026-01-20,C03,阴,411001001002,forum,1,15,村委会座谈\n\
         2026-01-20,C04,阴,411001002001,workday,0,6,\n",
    );
    let (code, doc) = run(&data, &[]);
    assert_eq!(
        findings(&doc),
        vec![Seen {
            check: "unknown-column".into(),
            file: shown("visits/2026-01.csv"),
            line: Some(1),
            field: None,
            value: Some("weather".into()),
        }]
    );
    assert_eq!(counts(&doc), (0, 1, 7, 21));
    assert_eq!(code, 0);
}

#[test]
fn field_counts() {
    let (_temp, data) = temp_copy("base");
    let leaves = data.join("leaves.csv");
    // Too few fields is as wrong as too many.
    edit(&leaves, "C03,2026-02-18,2026-02-22,病假", "C03,2026-02-18");
    let (_, doc) = run(&data, &[]);
    assert_eq!(
        places(&doc),
        vec![("field-count".into(), shown("leaves.csv"), Some(2))]
    );
    // Empty cells padding a row, as spreadsheets leave them, are fine.
    edit(
        &leaves,
        "C03,2026-02-18",
        "C03,2026-02-18,2026-02-22,病假,,,",
    );
    let (code, doc) = run(&data, &[]);
    assert_eq!(findings(&doc), vec![]);
    assert_eq!(code, 0);
}

#[test]
fn an_unclosed_quote_names_its_line_and_rows_before_it_are_checked() {
    let (_temp, data) = temp_copy("base");
    let problems = data.join("problems.csv");
    // P01 (line 2): an impossible found date; P02 (line 3): a category not
    // configured; P03 (line 4): its summary's quote never closes.
    edit(&problems, "P01,2026-01-10,", "P01,2026-01-32,");
    edit(&problems, ",人居环境,", ",产业发展,");
    edit(&problems, "存在隐患\",", "存在隐患,");
    let (code, doc) = run(&data, &[]);
    let file = shown("problems.csv");
    assert_eq!(
        places(&doc),
        vec![
            ("invalid-date".into(), file.clone(), Some(2)),
            ("unknown-category".into(), file.clone(), Some(3)),
            ("bad-quoting".into(), file, Some(4)),
        ]
    );
    // P03 is not read: 21 − 1 = 20 records.
    assert_eq!(counts(&doc), (3, 0, 7, 20));
    assert_eq!(code, 1);
}

#[test]
fn a_file_that_is_only_a_header_is_clean() {
    let (_temp, data) = temp_copy("base");
    write(&data.join("leaves.csv"), "cadre,from,to,reason\n");
    write(
        &data.join("visits/2026-03.csv"),
        "日期,干部编号,地点代码\r\n",
    );
    let (code, doc) = run(&data, &[]);
    assert_eq!(findings(&doc), vec![]);
    // 7 + 1 files; 21 − 1 leave = 20 records.
    assert_eq!(counts(&doc), (0, 0, 8, 20));
    assert_eq!(code, 0);
}

#[test]
fn an_empty_or_blank_file_has_no_header() {
    let (_temp, data) = temp_copy("base");
    write(&data.join("visits/2026-03.csv"), "");
    write(&data.join("visits/2026-04.csv"), "\n\r\n  ,  \n");
    let (code, doc) = run(&data, &[]);
    let file = shown;
    assert_eq!(
        places(&doc),
        vec![
            ("empty-file".into(), file("visits/2026-03.csv"), Some(1)),
            ("empty-file".into(), file("visits/2026-04.csv"), Some(1)),
        ]
    );
    assert_eq!(code, 1);
    // fmt leaves each alone, for its error.
    let (code, said) = fmt(&data);
    for name in ["visits/2026-03.csv", "visits/2026-04.csv"] {
        let line = format!("left alone, 1 error: {} ", file(name));
        assert!(said.contains(&line), "{said}");
    }
    assert_eq!(code, 1);
}

#[test]
fn an_undecodable_bangcun_toml_is_bad_encoding_at_its_line() {
    let (_temp, data) = temp_copy("base");
    let path = data.join("bangcun.toml");
    let mut bytes = fs::read(&path).unwrap();
    // Break line 2 (`name = "测试县联乡帮村"`): drop the last byte of its 测
    // (E6 B5 8B).
    let name = "name = \"测".as_bytes();
    let at = bytes.windows(name.len()).position(|w| w == name).unwrap();
    bytes.remove(at + name.len() - 1);
    write(&path, bytes);
    let (_, doc) = run(&data, &[]);
    assert_eq!(
        places(&doc),
        vec![("bad-encoding".into(), shown("bangcun.toml"), Some(2))]
    );
}

#[test]
fn a_broken_bangcun_toml_still_lets_the_data_be_checked() {
    let (_temp, data) = temp_copy("several-files");
    // Line 3 becomes invalid TOML; the defaults stand in for every
    // setting, so categories are the seven defaults and 环境卫生 is
    // still not one of them, while the other files' findings stay.
    edit(&data.join("bangcun.toml"), "lang = \"zh\"", "lang = ");
    let (_, doc) = run(&data, &[]);
    let seen: Vec<String> = places(&doc).into_iter().map(|p| p.0).collect();
    assert_eq!(
        seen,
        vec![
            "invalid-config",
            "missing-value",
            "invalid-value",
            "visit-place",
            "invalid-date",
            "unknown-category",
            "date-order",
        ]
    );
    assert_eq!(places(&doc)[0].2, Some(3));
}

#[cfg(unix)]
#[test]
fn symlinks_dangling_and_in_loops() {
    use std::os::unix::fs::symlink;
    let (_temp, data) = temp_copy("base");
    // A dangling symlink and a symlink loop among the visits, and a
    // problems.toml that links to itself.
    symlink(data.join("nowhere.csv"), data.join("visits/gone.csv")).unwrap();
    symlink(data.join("visits"), data.join("visits/again")).unwrap();
    symlink("problems.toml", data.join("problems.toml")).unwrap();
    let (code, doc) = run(&data, &[]);
    // The loop is not entered: nothing is read twice, so there is no
    // duplicate-visit, and a warning names it; the dangling link and the
    // self-link are unreadable.
    assert_eq!(
        places(&doc),
        vec![
            ("repeated-link".into(), shown("visits/again"), None),
            ("unreadable-file".into(), shown("visits/gone.csv"), None),
            ("unreadable-file".into(), shown("problems.toml"), None),
        ]
    );
    // 7 + 2 files (the two data files that cannot be read; the loop is no
    // file read), 21 records.
    assert_eq!(counts(&doc), (2, 1, 9, 21));
    assert_eq!(code, 1);
    // fmt leaves the unreadable CSV file alone; it rewrites no TOML file,
    // so has nothing to refuse in problems.toml.
    let (code, said) = fmt(&data);
    assert!(
        said.contains(&format!(
            "left alone, 1 error: {} ",
            shown("visits/gone.csv")
        )),
        "{said}"
    );
    assert!(said.contains(", 1 left alone\n"), "{said}");
    assert_eq!(code, 1);
}

#[test]
fn hostile_files_end_in_a_finding_not_a_crash() {
    let (_temp, data) = temp_copy("base");
    let long_line = format!("date,cadre,place\n{}\n", "9".repeat(1 << 20));
    let deep_toml = format!("x = {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("visits/long.csv", long_line.into_bytes()),
        ("visits/deep.toml", deep_toml.into_bytes()),
        (
            "visits/nul.csv",
            b"date,cadre,place\n\0\0\0,\0,\0\n".to_vec(),
        ),
        ("visits/quotes.csv", "\"".repeat(1001).into_bytes()),
        (
            "visits/cr.csv",
            b"date,cadre,place\r\r\r2026-01-10,C01,411001001\r".to_vec(),
        ),
        ("visits/utf16.csv", b"\xFF\xFEd\x00a\x00t\x00e\x00".to_vec()),
        (
            "visits/big.csv",
            b"date,cadre,place,people\n2026-01-10,C01,411001001,99999999999999999999\n".to_vec(),
        ),
        (
            "visits/year.csv",
            b"date,cadre,place\n9999/12/31,C01,411001001\n0000-01-01,C01,411001001\n".to_vec(),
        ),
    ];
    for (file, bytes) in &cases {
        write(&data.join(file), bytes);
    }
    let (code, doc) = run(&data, &[]);
    assert_eq!(code, 1);
    // One finding at least in each hostile file but cr.csv, whose visit is
    // fine: CR alone ends a line.
    for (file, _) in &cases {
        let named = places(&doc).iter().any(|p| p.1 == shown(file));
        assert_eq!(named, *file != "visits/cr.csv", "{file}");
    }
}

#[test]
fn a_toml_table_that_is_not_valid_toml_loses_only_itself() {
    // The invalid-toml fixture's February: its second table's cadre
    // string never ends (line 11). Read a table at a time, the first
    // table (C01, 2026-02-10) is still read: base's 6 visits less 1, so
    // 21 - 1 = 20 records; before, the whole file was lost (19).
    let (_temp, data) = temp_copy("invalid-toml");
    let (code, doc) = run(&data, &[]);
    assert_eq!(
        places(&doc),
        vec![(
            "invalid-toml".into(),
            shown("visits/2026-02.toml"),
            Some(11)
        )]
    );
    assert_eq!(counts(&doc), (1, 0, 7, 20));
    assert_eq!(code, 1);
}

#[test]
fn toml_files_are_read_in_time_linear_in_their_size() {
    // 40,000 [[visit]] tables of 5 lines each: table i (from 0) is on lines
    // 5i+1 (header) to 5i+5 (blank); the last (i = 39,999) has a people
    // value on line 5 × 39,999 + 5 = 200,000 that is no count. Reading
    // counted the lines before every key again, which took 53 s in a
    // release build; linear, it is a second or two even unoptimised.
    let (_temp, data) = temp_copy("base");
    let start = chrono::NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
    let mut text = String::new();
    for i in 0..40_000 {
        let date = start + chrono::Days::new(i);
        text.push_str(&format!(
            "[[visit]]\ndate = {date}\ncadre = \"C01\"\nplace = \"411001001\"\n"
        ));
        text.push_str(if i == 39_999 { "people = -1\n" } else { "\n" });
    }
    write(&data.join("visits/many.toml"), text);
    let began = std::time::Instant::now();
    let (code, doc) = run(&data, &[]);
    let took = began.elapsed();
    assert_eq!(
        findings(&doc),
        vec![at(
            "visits/many.toml",
            "invalid-number",
            200_000,
            "people",
            Some("-1")
        )]
    );
    // Records read, valid or not: 21 + 40,000; 7 + 1 files.
    assert_eq!(counts(&doc), (1, 0, 8, 21 + 40_000));
    assert_eq!(code, 1);
    assert!(took.as_secs() < 30, "took {took:?}");
}

#[cfg(unix)]
#[test]
fn a_link_to_the_folder_above_reads_nothing_twice() {
    use std::os::unix::fs::symlink;
    let (_temp, data) = temp_copy("base");
    // visits/loop leads to the data folder itself: followed, it would read
    // regions.csv, cadres.csv, problems.csv and leaves.csv as visits (and
    // the visits again), each a heap of findings.
    symlink("..", data.join("visits/loop")).unwrap();
    // visits/deeper/up leads to visits/, a folder that holds it.
    fs::create_dir(data.join("visits/deeper")).unwrap();
    symlink("..", data.join("visits/deeper/up")).unwrap();
    let (code, doc) = run(&data, &["--lang", "en"]);
    assert_eq!(
        places(&doc),
        vec![
            ("repeated-link".into(), shown("visits/deeper/up"), None),
            ("repeated-link".into(), shown("visits/loop"), None),
        ]
    );
    let message = doc["findings"][1]["message"].as_str().unwrap();
    assert!(message.contains("data folder itself"), "{message}");
    assert_eq!(counts(&doc), (0, 2, 7, 21));
    assert_eq!(code, 0);
}

#[cfg(unix)]
#[test]
fn links_out_of_the_folder_are_not_followed_and_fmt_writes_nothing_there() {
    use std::os::unix::fs::symlink;
    let (temp, data) = temp_copy("base");
    // A visits file and a folder of visits outside the data folder, each
    // in a form fmt would change (CRLF), linked from inside it.
    let outside = temp.path().join("elsewhere");
    fs::create_dir_all(outside.join("more")).unwrap();
    let text = "date,cadre,place\r\n2026-01-11,C01,411001001\r\n";
    write(&outside.join("2025-12.csv"), text);
    write(&outside.join("more/2025-11.csv"), text);
    symlink(outside.join("2025-12.csv"), data.join("visits/2025-12.csv")).unwrap();
    symlink(outside.join("more"), data.join("visits/more")).unwrap();
    let (code, doc) = run(&data, &[]);
    assert_eq!(
        places(&doc),
        vec![
            ("outside-link".into(), shown("visits/2025-12.csv"), None),
            ("outside-link".into(), shown("visits/more"), None),
        ]
    );
    // The link's target, from the current directory (the folder holding
    // data/).
    let message = doc["findings"][0]["message"].as_str().unwrap();
    assert!(message.contains("elsewhere/2025-12.csv"), "{message}");
    // Nothing is read from there: base's 21 records.
    assert_eq!(counts(&doc), (2, 0, 7, 21));
    assert_eq!(code, 1);
    // fmt leaves the file outside as it was, and says so.
    let (code, said) = fmt(&data);
    assert!(
        said.contains(&format!(
            "a link out of the data folder, left alone: {}",
            shown("visits/2025-12.csv")
        )),
        "{said}"
    );
    assert_eq!(code, 1);
    assert_eq!(read(&outside.join("2025-12.csv")), text);
    assert_eq!(read(&outside.join("more/2025-11.csv")), text);
    // A report says, on stderr and in the document, that what the links
    // point at was left out whole.
    let out = bangcun()
        .args(["--lang", "en", "--data"])
        .arg(&data)
        .args(["report", "summary", "--format", "json", "--as-of", AS_OF])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("visits/2025-12.csv"), "{stderr}");
    let doc = parse_json(&out);
    let unread = doc["data_errors"]["files_not_read"].to_string();
    assert!(unread.contains("visits/2025-12.csv"), "{unread}");
    assert!(unread.contains("visits/more"), "{unread}");
}

#[cfg(unix)]
#[test]
fn links_within_the_folder_are_read_once() {
    use std::os::unix::fs::symlink;
    let (_temp, data) = temp_copy("base");
    // An archive folder that is no kind's, linked into visits/: read as
    // visits, once. A link to the folder holding it reads the rest of that
    // folder but not archive/2025 again; a link to a file read already is
    // named and not read again.
    let visit = "date,cadre,place\n2026-01-11,C01,411001001\n";
    write(&data.join("archive/2025/2025-12.csv"), visit);
    symlink("../archive/2025", data.join("visits/2025")).unwrap();
    symlink("../archive", data.join("visits/old")).unwrap();
    symlink("2026-01.csv", data.join("visits/now.csv")).unwrap();
    write(
        &data.join("archive/notes.csv"),
        "date,cadre,place\n2026-01-12,C01,411001001\n",
    );
    let (code, doc) = run(&data, &[]);
    assert_eq!(
        places(&doc),
        vec![("repeated-link".into(), shown("visits/now.csv"), None)]
    );
    // base's 21 records, the archived visit and the note's; 7 + 2 files.
    assert_eq!(counts(&doc), (0, 1, 9, 23));
    assert_eq!(code, 0);
}

#[test]
fn a_gbk_file_with_a_utf8_row_appended_names_the_row_and_fmt_leaves_it() {
    let (_temp, data) = temp_copy("base");
    // regions.csv saved by Excel in GBK, then a village appended by a
    // script in UTF-8: line 9. Read whole as GB18030, it would be the
    // village 鐜板満鍔炲叕村 and no finding.
    let regions = read(&data.join("regions.csv"));
    let mut bytes = gb18030(&regions);
    bytes.extend_from_slice("411001002003,现场办公村,村级,411001002\n".as_bytes());
    write(&data.join("regions.csv"), &bytes);
    let (code, doc) = run(&data, &["--lang", "en"]);
    assert_eq!(
        findings(&doc),
        vec![Seen {
            check: "mixed-encoding".into(),
            file: shown("regions.csv"),
            line: Some(9),
            field: None,
            value: Some("411001002003,现场办公村,村级,411001002".into()),
        }]
    );
    assert_eq!(code, 1);
    let (code, said) = fmt(&data);
    assert!(
        said.contains(&format!("left alone, 1 error: {}", shown("regions.csv"))),
        "{said}"
    );
    assert_eq!(code, 1);
    assert_eq!(fs::read(data.join("regions.csv")).unwrap(), bytes);
}

#[test]
fn short_gbk_that_reads_as_utf8_is_read_as_gbk_and_fmt_leaves_it() {
    let (_temp, data) = temp_copy("base");
    // A leave whose reason 学习 is the file's only Chinese: in GBK it is
    // D1 A7 CF B0, valid UTF-8 for ѧϰ.
    let bytes = gb18030("cadre,from,to,reason\nC03,2026-02-18,2026-02-22,学习\n");
    write(&data.join("leaves.csv"), &bytes);
    let (code, doc) = run(&data, &["--lang", "en"]);
    assert_eq!(
        findings(&doc),
        vec![Seen {
            check: "ambiguous-encoding".into(),
            file: shown("leaves.csv"),
            line: Some(2),
            field: None,
            value: Some("C03,2026-02-18,2026-02-22,学习".into()),
        }]
    );
    let message = doc["findings"][0]["message"].as_str().unwrap();
    assert!(message.contains("ѧϰ"), "{message}");
    assert_eq!(code, 0);
    // The record holds 学习, as the clerk typed it.
    let leaves = common::snapshot(&data).remove("leaves.csv").unwrap().0;
    assert!(leaves[0].contains("学习"), "{leaves:?}");
    // fmt rewrites nothing whose encoding is in doubt, with --check or not.
    for args in [&["--check"][..], &[]] {
        let output = bangcun()
            .current_dir(data.parent().unwrap())
            .args(["fmt", "--lang", "en", "--data", "data"])
            .args(args)
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&output.stdout);
        assert!(
            said.contains(&format!(
                "cannot be formatted safely, left alone: {}: its encoding is in doubt",
                shown("leaves.csv")
            )),
            "{said}"
        );
        assert_eq!(status(&output), 1);
        assert_eq!(fs::read(data.join("leaves.csv")).unwrap(), bytes);
    }
    // Saved as UTF-8 with a BOM, it is in no doubt, and fmt formats it.
    write(
        &data.join("leaves.csv"),
        "\u{feff}cadre,from,to,reason\r\nC03,2026-02-18,2026-02-22,学习\r\n",
    );
    let (code, doc) = run(&data, &[]);
    assert_eq!((code, counts(&doc)), (0, CLEAN));
    assert_eq!(fmt(&data).0, 0);
}

/// Base with visits/2026-01.csv replaced by `bytes`: check's exit
/// status and findings, the visits read, and fmt's exit status; asserts
/// that fmt left the file as it was.
fn visits_as(bytes: &[u8]) -> (i32, Vec<Seen>, usize, i32) {
    let (_temp, data) = temp_copy("base");
    let path = data.join("visits/2026-01.csv");
    write(&path, bytes);
    let (code, doc) = run(&data, &["--lang", "en"]);
    let visits = common::snapshot(&data)
        .into_iter()
        .filter(|(file, _)| file == "visits/2026-01.csv")
        .map(|(_, (records, _))| records.len())
        .sum();
    let (fmt_code, _) = fmt(&data);
    assert_eq!(fs::read(&path).unwrap(), bytes, "fmt rewrote it");
    (code, findings(&doc), visits, fmt_code)
}

/// A finding of visits/2026-01.csv at a line, naming no field.
fn in_january(check: &str, line: u64, value: &str) -> Seen {
    Seen {
        field: None,
        ..at("visits/2026-01.csv", check, line, "", Some(value))
    }
}

/// The visits of base's January, in GBK.
const JANUARY: &str = "日期,干部编号,地点代码,类型,座谈会场次,走访人次,备注\n\
    2026-01-10,C01,411001001001,工作日下沉,1,12,\n\
    2026-01-20,C02,411001002001,工作日下沉,0,8,\n";

#[test]
fn a_utf8_row_of_signs_in_a_gbk_file_is_named_not_garbled() {
    // Before the fix, read whole as GB18030: 脳脳 35渭g/m鲁 卤5掳C, 鈪＄骇,
    // no finding, and fmt saved the garbled text. Lines 1-3 GBK, line 4
    // UTF-8: an error naming line 4, whose record is held back; the two
    // GBK visits are read; fmt leaves the file alone.
    for note in ["×× 35μg/m³ ±5°C", "Ⅱ级", "①", "—", "…", "℃"] {
        let mut bytes = gb18030(JANUARY);
        let line = format!("2026-01-20,C04,411001002001,workday,0,6,{note}");
        bytes.extend_from_slice(format!("{line}\n").as_bytes());
        let (code, seen, visits, fmt_code) = visits_as(&bytes);
        let finding = in_january("mixed-encoding", 4, &line);
        assert_eq!(
            (code, seen, visits, fmt_code),
            (1, vec![finding], 3, 1),
            "{note}"
        );
    }
}

#[test]
fn a_gbk_row_in_a_utf8_file_is_named_and_the_other_rows_read() {
    // Before the fix: "neither UTF-8 nor GB18030", the whole file left
    // out. 20 UTF-8 rows (lines 2-21) and one appended in GBK (line 22):
    // 21 records read, the GBK one named (and held back by its error).
    let mut text = String::from("日期,干部编号,地点代码,类型,座谈会场次,走访人次,备注\n");
    for day in 1..=20 {
        text.push_str(&format!(
            "2026-01-{day:02},C01,411001001001,工作日下沉,0,1,入户走访\n"
        ));
    }
    let line = "2026-01-21,C01,411001001001,工作日下沉,0,1,入户走访";
    for bom in ["", "\u{feff}"] {
        let mut bytes = format!("{bom}{text}").into_bytes();
        bytes.extend_from_slice(&gb18030(&format!("{line}\n")));
        let (code, seen, visits, fmt_code) = visits_as(&bytes);
        let finding = in_january("mixed-encoding", 22, line);
        assert_eq!(
            (code, seen, visits, fmt_code),
            (1, vec![finding], 21, 1),
            "BOM {bom:?}"
        );
    }
}

#[test]
fn a_utf8_row_that_reads_as_well_in_gbk_is_a_warning_with_both_readings() {
    // Café is C3 A9 at its end, 茅 in GBK: neither reading is clearly the
    // likelier, so no guess is made: read as the file's GB18030, a
    // warning shows both, and fmt leaves the file alone.
    let mut bytes = gb18030(JANUARY);
    bytes.extend_from_slice("2026-01-20,C04,411001002001,workday,0,6,Café\n".as_bytes());
    let (code, seen, visits, fmt_code) = visits_as(&bytes);
    let finding = in_january(
        "ambiguous-encoding",
        4,
        "2026-01-20,C04,411001002001,workday,0,6,Caf茅",
    );
    assert_eq!((code, seen, visits, fmt_code), (0, vec![finding], 3, 1));
}

#[test]
fn big5_read_as_gb18030_is_a_warning() {
    // 道路損壞 in Big5 reads 笵隔穕胊 as GB18030, with no finding before
    // the fix.
    let text = "date,cadre,place,kind,forums,people,note\n\
        2026-01-10,C01,411001001001,workday,1,12,道路損壞\n";
    let (bytes, _, _) = encoding_rs::BIG5.encode(text);
    let (code, seen, visits, fmt_code) = visits_as(&bytes);
    let finding = in_january(
        "big5-encoding",
        2,
        "2026-01-10,C01,411001001001,workday,1,12,笵隔穕胊",
    );
    assert_eq!((code, seen, visits, fmt_code), (0, vec![finding], 1, 1));
}

#[test]
fn a_bangcun_toml_linked_out_of_the_folder_is_not_followed() {
    // The same rule as a data file: before the fix the settings behind
    // the link were read silently (here city = [11], which would move
    // C1's work day off the 10th).
    let (tmp, dir) = common::small_folder();
    let elsewhere = tmp.path().join("elsewhere.toml");
    fs::write(&elsewhere, "name = \"外\"\n[workdays]\ncity = [11]\n").unwrap();
    fs::remove_file(dir.join("bangcun.toml")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, dir.join("bangcun.toml")).unwrap();
    let (code, doc) = common::check_json(&dir, &[]);
    assert_eq!(code, 1);
    let seen = common::findings(&doc);
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert_eq!(seen[0].check, "outside-link");
    assert!(seen[0].file.ends_with("bangcun.toml"), "{seen:?}");
    // Reports say the settings are all defaults: C1 is due on the 10th
    // (and was there), C2 on the 20th (and was there): 2 due, 2 attended.
    let (code, out, err) = common::run_on(
        &dir,
        &[
            "report", "summary", "--month", "2026-01", "--format", "json",
        ],
    );
    assert_eq!(code, 0);
    assert!(
        err.contains("bangcun.toml 无法读取，所有设置都按默认值计算"),
        "{err}"
    );
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["total"]["workdays_due"], 2);
    assert_eq!(doc["total"]["workdays_attended"], 2);
    assert_eq!(doc["data_errors"]["config_not_read"], true);
    // A link within the folder is read.
    fs::create_dir(dir.join("conf")).unwrap();
    fs::write(dir.join("conf/real.toml"), "name = \"内\"\n").unwrap();
    fs::remove_file(dir.join("bangcun.toml")).unwrap();
    std::os::unix::fs::symlink("conf/real.toml", dir.join("bangcun.toml")).unwrap();
    let (code, doc) = common::check_json(&dir, &[]);
    assert_eq!(code, 0, "{doc}");
}
