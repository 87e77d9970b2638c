//! `bangcun report problems` end to end: the ledger with each problem's
//! status at D, its filters and named lists, and `--split`, over
//! `tests/fixtures/ledger` (worked out by hand below) and `data/`.
//!
//! The fixture as of D = 2026-04-30 (deadline: found + 30 days, 安全生产
//! found + 7; revisit 15 days):
//!
//! | id | county | place | found by | found | deadline | rectified | verified | status at D |
//! |---|---|---|---|---|---|---|---|---|
//! | Q1 | 甲县 | 一镇 (township) | C1 city | 04-01 | 04-01 + 30 = 05-01 | — | — | open, 1 day left |
//! | Q2 | 甲县 | 一村 (village) | C1 city | 03-01 | 03-01 + 7 = 03-08 | — | — | overdue 23 + 30 = 53 days |
//! | Q3 | 甲县 | 一村 | C2 county | 02-01 | 03-03 | 03-01 | — | rectified |
//! | Q4 | 乙县 | 二村 | C3 township | 01-10 | 02-09 | 02-01 | 02-20 | closed |
//! | Q5 | 甲县 | 一镇 | C1 | 05-10 > D | | | | absent |
//! | Q6 | 乙县 | 二镇 (township) | inspection: none | 01-05 | 长期坚持 | — | — | open (long-term, never overdue) |
//! | Q7 | 乙县 | 二村 | inspection: none | 03-20 | 04-10 | 04-25 | 05-05 > D | rectified |
//!
//! Units: Q1, Q3 (and the absent Q5) `A/B局`; Q2 `A:B局` (differs only in
//! a character Windows forbids in file names); Q4 a 32-character name;
//! Q6, Q7 none.

mod common;

use std::path::{Path, PathBuf};

use common::root;

const D: [&str; 2] = ["--as-of", "2026-04-30"];

fn fixture() -> PathBuf {
    root().join(common::fixture("ledger"))
}

/// The CSV rows of `report problems ARGS… --format csv` as of D, as
/// (header, rows of fields).
fn csv(dir: &Path, args: &[&str]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut all = vec!["report", "problems", "--format", "csv"];
    all.extend(D);
    all.extend(args);
    let out = String::from_utf8(common::ok_on(dir, &all)).expect("UTF-8");
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header = reader
        .headers()
        .expect("a header")
        .iter()
        .map(String::from)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.expect("a record").iter().map(String::from).collect())
        .collect();
    (header, rows)
}

/// The ids the ledger lists with `args`, in its order.
fn ids(dir: &Path, args: &[&str]) -> Vec<String> {
    csv(dir, args).1.into_iter().map(|r| r[0].clone()).collect()
}

#[test]
fn the_ledger_at_d_has_every_problem_with_its_status_and_days() {
    let (header, rows) = csv(&fixture(), &[]);
    assert_eq!(
        header,
        [
            "id",
            "county_code",
            "township_code",
            "place",
            "status",
            "days_left",
            "days_overdue",
            "category",
            "source",
            "level",
            "cadre",
            "unit",
            "found",
            "deadline",
            "rectified",
            "verified",
            "satisfaction",
            "summary",
            "measures",
            "owner",
            "progress",
            "note"
        ]
    );
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let pick = |row: &Vec<String>, names: &[&str]| -> Vec<String> {
        names.iter().map(|n| row[col(n)].clone()).collect()
    };
    let shown: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            pick(
                r,
                &[
                    "id",
                    "status",
                    "days_left",
                    "days_overdue",
                    "level",
                    "deadline",
                ],
            )
        })
        .collect();
    // By county (甲县 410001 first), then status (overdue, open,
    // rectified, closed); Q5 is found after D and absent.
    let expected = [
        ["Q2", "overdue", "", "53", "city", "2026-03-08"],
        ["Q1", "open", "1", "", "city", "2026-05-01"],
        ["Q3", "rectified", "", "", "county", "2026-03-03"],
        ["Q6", "open", "", "", "none", "long-term"],
        ["Q7", "rectified", "", "", "none", "2026-04-10"],
        ["Q4", "closed", "", "", "township", "2026-02-09"],
    ];
    assert_eq!(shown, expected.map(|r| r.map(String::from).to_vec()));
    // Q7 is verified 05-05, after D: no verified date yet.
    let q7 = &rows[4];
    assert_eq!(
        pick(q7, &["rectified", "verified", "satisfaction"]),
        ["2026-04-25", "", "basic"]
    );
    assert_eq!(pick(&rows[5], &["verified"]), ["2026-02-20"]);
}

#[test]
fn the_three_ledgers_and_two_lists_are_filters() {
    let dir = fixture();
    let ids = |args: &[&str]| ids(&dir, args);
    assert_eq!(ids(&["--level", "city", "--at", "township"]), ["Q1"]);
    assert_eq!(ids(&["--level", "city", "--at", "village"]), ["Q2"]);
    assert_eq!(ids(&["--level", "county", "--at", "village"]), ["Q3"]);
    // Handed to the units: open or overdue (Q6 long-term is open).
    assert_eq!(ids(&["--status", "open,overdue"]), ["Q2", "Q1", "Q6"]);
    // To verify: rectified, not verified by D.
    assert_eq!(ids(&["--status", "rectified"]), ["Q3", "Q7"]);
    assert_eq!(ids(&["--level", "none"]), ["Q6", "Q7"]);
    assert_eq!(ids(&["--source", "inspection"]), ["Q6", "Q7"]);
    assert_eq!(ids(&["--unit", "A/B局"]), ["Q1", "Q3"]);
    assert_eq!(ids(&["--category", "安全生产"]), ["Q2", "Q7"]);
    assert_eq!(ids(&["--county", "乙县"]), ["Q6", "Q7", "Q4"]);
    // Combined: 乙县's rectified ones found by no cadre.
    assert_eq!(
        ids(&[
            "--county",
            "410002",
            "--status",
            "rectified",
            "--level",
            "none"
        ]),
        ["Q7"]
    );
    assert_eq!(
        ids(&["--level", "city,county", "--at", "village"]),
        ["Q2", "Q3"]
    );
}

#[test]
fn each_list_is_titled_as_the_office_names_it() {
    let dir = fixture();
    let title = |args: &[&str]| {
        let mut all = vec!["report", "problems", "--format", "markdown"];
        all.extend(D);
        all.extend(args);
        let out = String::from_utf8(common::ok_on(&dir, &all)).unwrap();
        out.lines().next().unwrap_or("").to_string()
    };
    assert_eq!(
        title(&["--level", "city", "--at", "township"]),
        "## 测试市 市级领导“联乡帮村”工作乡（镇、街道）问题台账"
    );
    assert_eq!(
        title(&["--level", "city", "--at", "village"]),
        "## 测试市 市级领导“联乡帮村”工作村（社区）问题台账"
    );
    assert_eq!(
        title(&["--level", "county", "--at", "village"]),
        "## 测试市 县级干部“联乡帮村”工作村（社区）问题台账"
    );
    assert_eq!(
        title(&["--status", "overdue,open"]),
        "## 测试市 联乡帮村交办问题清单"
    );
    assert_eq!(
        title(&["--status", "rectified"]),
        "## 测试市 联乡帮村需核实问题清单"
    );
    assert_eq!(title(&[]), "## 测试市 问题台账");
}

/// The total row of `report summary --format csv` as of `as_of`, by key.
fn summary_total(dir: &Path, as_of: &str) -> std::collections::HashMap<String, i64> {
    let args = ["report", "summary", "--format", "csv", "--as-of", as_of];
    let out = String::from_utf8(common::ok_on(dir, &args)).unwrap();
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let total = reader.records().last().unwrap().unwrap();
    header
        .into_iter()
        .zip(total.iter())
        .filter_map(|(k, v)| Some((k, v.parse().ok()?)))
        .collect()
}

#[test]
fn every_list_agrees_with_the_summary() {
    // The fixture: 6 problems by D, 3 rectified (Q3, Q4, Q7), 1 overdue
    // (Q2); so 6 − 3 = 3 open or overdue, and Q3, Q7 to verify.
    for (dir, as_of) in [
        (fixture(), "2026-04-30"),
        (root().join("data"), "2026-10-31"),
    ] {
        let count = |status: &str| {
            let args = [
                "report", "problems", "--format", "csv", "--as-of", as_of, "--status", status,
            ];
            let out = String::from_utf8(common::ok_on(&dir, &args)).unwrap();
            out.lines().count() - 1
        };
        let total = summary_total(&dir, as_of);
        let (problems, rectified) = (total["problems"] as usize, total["rectified"] as usize);
        let listed = count("open,overdue,rectified,closed");
        assert_eq!(listed, problems, "{}", dir.display());
        assert_eq!(count("open,overdue"), problems - rectified);
        assert_eq!(count("overdue"), total["overdue"] as usize);
        assert_eq!(count("rectified") + count("closed"), rectified);
        if dir == fixture() {
            assert_eq!((problems, rectified, count("rectified")), (6, 3, 2));
        }
    }
}

/// The ids in a split sheet: the first cells of the rows under its header.
fn sheet_ids(bytes: &[u8], sheet: &str) -> Vec<String> {
    let rows = common::xlsx_sheet(bytes, sheet);
    let header = common::row_starting(&rows, "问题编号");
    rows[header + 1..]
        .iter()
        .map(|r| r[0].to_string())
        .filter(|id| !id.is_empty())
        .collect()
}

#[test]
fn split_by_unit_into_a_workbook_a_sheet_per_unit() {
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("交办清单.xlsx");
    let path_text = path.to_str().unwrap();
    let mut args = vec!["report", "problems", "--status", "open,overdue,rectified"];
    args.extend(D);
    args.extend(["--split", "unit", "-o", path_text]);
    common::ok_on(&fixture(), &args);
    let bytes = std::fs::read(&path).unwrap();
    // Units in the order of their names, `/` (0x2F) before `:` (0x3A);
    // both become `_`, so the second takes (2); the 32-character unit is
    // cut to 31; the problems with no unit last. Q4 is closed: its unit has
    // no table.
    let long = "许昌市某某某某某某某某某某某某某某某某某某某某某某某某某某某某局";
    assert_eq!(
        common::xlsx_sheet_names(&bytes),
        ["A_B局", "A_B局 (2)", "未明确责任单位"]
    );
    assert_eq!(sheet_ids(&bytes, "A_B局"), ["Q1", "Q3"]);
    assert_eq!(sheet_ids(&bytes, "A_B局 (2)"), ["Q2"]);
    assert_eq!(sheet_ids(&bytes, "未明确责任单位"), ["Q6", "Q7"]);
    // Each sheet is titled with the programme, the list and the unit as
    // written, and the as-of date.
    let rows = common::xlsx_sheet(&bytes, "A_B局 (2)");
    assert_eq!(rows[0][0].to_string(), "测试市 问题台账（A:B局）");
    assert!(rows[1][0].to_string().contains("数据截至 2026-04-30"));
    // With the closed Q4, the long unit's sheet has 31 characters.
    let all = out.path().join("all.xlsx");
    let mut args = vec!["report", "problems"];
    args.extend(D);
    args.extend(["--split", "unit", "-o", all.to_str().unwrap()]);
    common::ok_on(&fixture(), &args);
    let names = common::xlsx_sheet_names(&std::fs::read(&all).unwrap());
    let cut: String = long.chars().take(31).collect();
    assert_eq!(names[2], cut);
}

#[test]
fn split_into_a_folder_is_whole_and_never_writes_over_a_users_files() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("督办");
    let dir_text = dir.to_str().unwrap();
    let mut args = vec!["report", "problems", "--status", "overdue,open"];
    args.extend(D);
    args.extend(["--split", "unit", "-o", dir_text, "--format", "markdown"]);
    common::ok_on(&fixture(), &args);
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    // Q1 (A/B局), Q2 (A:B局), Q6 (no unit); and the list of what was written.
    assert_eq!(
        files,
        [
            ".bangcun-files",
            "A_B局 (2).md",
            "A_B局.md",
            "未明确责任单位.md"
        ]
    );
    let text = std::fs::read_to_string(dir.join("A_B局 (2).md")).unwrap();
    assert!(
        text.starts_with("## 测试市 联乡帮村交办问题清单（A:B局）"),
        "{text}"
    );
    assert!(text.contains("| Q2 |"), "{text}");
    // Written again over its own output: replaced.
    common::ok_on(&fixture(), &args);
    // A file the user put there: refused (exit 2), the folder left as it is.
    std::fs::write(dir.join("回执.docx"), "mine").unwrap();
    let (code, _, err) = common::run_on(&fixture(), &args);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("回执.docx"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.join("回执.docx")).unwrap(),
        "mine"
    );
    // An edited file: refused too.
    std::fs::remove_file(dir.join("回执.docx")).unwrap();
    std::fs::write(dir.join("A_B局.md"), "edited").unwrap();
    let (code, _, err) = common::run_on(&fixture(), &args);
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.join("A_B局.md")).unwrap(),
        "edited"
    );
    // Nothing left beside it.
    let beside: Vec<_> = std::fs::read_dir(out.path()).unwrap().collect();
    assert_eq!(beside.len(), 1);
    // Without -o: a usage error, nothing read.
    let mut args = vec!["report", "problems", "--split", "county"];
    args.extend(D);
    let (code, _, err) = common::run_on(&fixture(), &args);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("-o"), "{err}");
}

#[test]
fn a_split_never_writes_where_the_data_folder_reads_data() {
    // A copy of the fixture, written into: a folder named after a kind
    // (problems/), or CSV files under visits/, would be read as records
    // next time, the workbook problems.xlsx as the ledger itself: refused
    // (exit 2), nothing written. A folder of its own inside the data
    // folder is fine.
    let (_keep, data) = common::temp_copy_of(&fixture());
    std::fs::create_dir(data.join("visits")).unwrap();
    let before = common::snapshot(&data);
    for (out, format) in [
        (data.join("problems"), "csv"),
        (data.join("visits").join("督办"), "csv"),
        (data.join("problems.xlsx"), "xlsx"),
    ] {
        let out_text = out.to_str().unwrap();
        let mut args = vec!["report", "problems", "--split", "unit"];
        args.extend(D);
        args.extend(["-o", out_text, "--format", format]);
        let (code, _, err) = common::run_on(&data, &args);
        assert_eq!(code, 2, "{out_text}: {err}");
        assert!(err.contains("不能写入"), "{err}");
        assert!(!out.exists(), "{out_text}");
    }
    assert_eq!(common::snapshot(&data), before);
    let mut args = vec!["report", "problems", "--split", "unit"];
    args.extend(D);
    let own = data.join("督办");
    args.extend(["-o", own.to_str().unwrap(), "--format", "html"]);
    common::ok_on(&data, &args);
    assert!(own.join("A_B局.html").exists());
}

#[test]
fn a_workbook_without_a_temp_folder_is_an_error_not_a_panic() {
    // The sheets of a report table are written row by row through a
    // temporary file (rust_xlsxwriter's constant memory mode, which
    // unwraps it): with no temp folder, exit 2 and nothing written.
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("交办清单.xlsx");
    let mut args = vec!["report", "problems", "--split", "unit"];
    args.extend(D);
    args.extend(["-o", file.to_str().unwrap()]);
    let run = common::bangcun()
        .env("TMPDIR", out.path().join("gone"))
        .arg("--data")
        .arg(fixture())
        .args(&args)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&run.stderr);
    assert_eq!(common::status(&run), 2, "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(!file.exists());
}

#[test]
fn the_programmes_name_is_not_said_twice_in_a_lists_title() {
    // data/ is 许昌市联乡帮村; the list is 联乡帮村需核实问题清单.
    let args = [
        "report",
        "problems",
        "--status",
        "rectified",
        "--as-of",
        "2026-10-31",
        "--format",
        "markdown",
    ];
    let text = String::from_utf8(common::ok_on(&root().join("data"), &args)).unwrap();
    let first = text.lines().next().unwrap();
    assert_eq!(first, "## 许昌市联乡帮村需核实问题清单", "{text}");
}

#[test]
fn a_problem_found_by_a_unit_has_the_level_unit() {
    // The fixture and a unit linked as a cadre is (单位, issue 11), which
    // finds Q8 at 二村 (410001001001) on 2026-04-20: level `unit`, between
    // township and none in the summary by level. By D = 04-30: Q1 Q2 Q3
    // (city 2, county 1), Q4 (township), Q6 Q7 (none), Q8 (unit).
    let (_keep, data) = common::temp_copy_of(&fixture());
    let add = |file: &str, line: &str| {
        let path = data.join(file);
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push_str(line);
        std::fs::write(path, text).unwrap();
    };
    add("cadres.csv", "U1,市水利局,unit,市水利局,410001001001,,\n");
    add(
        "problems.csv",
        "Q8,2026-04-20,410001001001,U1,cadre,基础设施,水渠堵塞,A/B局,,,,\n",
    );
    let (header, rows) = csv(&data, &["--level", "unit"]);
    let level = header.iter().position(|h| h == "level").unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0][0].as_str(), rows[0][level].as_str()),
        ("Q8", "unit")
    );
    let mut args = vec!["report", "summary", "--by", "level", "--format", "csv"];
    args.extend(D);
    let out = String::from_utf8(common::ok_on(&data, &args)).unwrap();
    // group, group_name, problems.
    let groups: Vec<(String, String)> = out
        .lines()
        .skip(1)
        .map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            (cells[0].to_string(), cells[2].to_string())
        })
        .collect();
    let groups: Vec<(&str, &str)> = groups
        .iter()
        .map(|(g, n)| (g.as_str(), n.as_str()))
        .collect();
    assert_eq!(
        groups,
        [
            ("city", "2"),
            ("county", "1"),
            ("township", "1"),
            ("unit", "1"),
            ("none", "2"),
            ("", "7")
        ]
    );
}

#[test]
fn summary_by_source_level_unit_and_category() {
    let rows = |by: &str| {
        let mut args = vec!["report", "summary", "--format", "csv", "--by", by];
        args.extend(D);
        let out = String::from_utf8(common::ok_on(&fixture(), &args)).unwrap();
        out.lines().map(String::from).collect::<Vec<_>>()
    };
    // No visits: the period is D's month, April. Keys: group, group_name,
    // problems, rectified, rectification_rate, new_problems (found in
    // April), new_rectified, overdue, revisit_lagging (rectified by
    // 04-30 − 15 = 04-15, not verified: Q3), identification_rate,
    // satisfaction_rate, long_term.
    let keys = "group,group_name,problems,rectified,rectification_rate,new_problems,new_rectified,overdue,revisit_lagging,identification_rate,satisfaction_rate,long_term";
    // cadre: Q1 Q2 Q3 Q4; rectified Q3 Q4 (2/4); new Q1; overdue Q2;
    // lagging Q3; rated Q4 satisfied (1/1). inspection: Q6 Q7; rectified
    // Q7 (04-25: new) rated basic; Q6 long-term. No petition: rates empty.
    assert_eq!(
        rows("source"),
        [
            keys,
            "cadre,干部排查,4,2,0.5,1,0,1,1,1,1,0",
            "inspection,督导暗访,2,1,0.5,0,1,0,0,0,1,1",
            "petition,群众信访,0,0,,0,0,0,0,,,0",
            ",合计,6,3,0.5,1,1,1,1,0.6667,1,1",
        ]
    );
    // city: Q1 Q2, none rectified; county: Q3; township: Q4; none: Q6 Q7.
    assert_eq!(
        rows("level"),
        [
            keys,
            "city,市级,2,0,0,1,0,1,0,1,,0",
            "county,县级,1,1,1,0,0,0,1,1,,0",
            "township,乡级,1,1,1,0,0,0,0,1,1,0",
            "none,非干部发现,2,1,0.5,0,1,0,0,0,1,1",
            ",合计,6,3,0.5,1,1,1,1,0.6667,1,1",
        ]
    );
    // Units by name (Q5 of A/B局 is after D), no unit last with an empty
    // group.
    let unit = rows("unit");
    assert_eq!(unit[1], "A/B局,A/B局,2,1,0.5,1,0,0,1,1,,0");
    assert_eq!(unit[2], "A:B局,A:B局,1,0,0,0,0,1,0,1,,0");
    assert_eq!(unit[4], ",未明确责任单位,2,1,0.5,0,1,0,0,0,1,1");
    // Categories in the configured order: 安全生产 Q2 (overdue) and Q7.
    assert_eq!(
        rows("category")[2],
        "安全生产,安全生产,2,1,0.5,0,1,1,0,0.5,1,0"
    );
}

#[test]
fn the_overdue_list_of_each_unit_in_html_is_a_reminder_letter() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("督办");
    let mut args = vec!["report", "problems", "--status", "overdue"];
    args.extend(D);
    args.extend([
        "--split",
        "unit",
        "-o",
        dir.to_str().unwrap(),
        "--format",
        "html",
    ]);
    common::ok_on(&fixture(), &args);
    // Only Q2 (A:B局) is overdue at D: one letter.
    let letter = std::fs::read_to_string(dir.join("A_B局.html")).unwrap();
    assert!(letter.contains("<h1>测试市逾期问题督办函</h1>"), "{letter}");
    assert!(letter.contains("<p class=\"to\">A:B局：</p>"), "{letter}");
    assert!(
        letter.contains("截至2026年4月30日，你单位负责整改的以下 1 个问题"),
        "{letter}"
    );
    assert!(
        letter.contains("<td class=\"k\">Q2</td>") || letter.contains(">Q2<"),
        "{letter}"
    );
    assert!(letter.contains("2026年4月30日</p>"), "{letter}");
    // A letter names no program and no command.
    assert!(!letter.to_lowercase().contains("bangcun"), "{letter}");

    // In English: one problem is one, and the date as a letter writes it.
    let mut args = vec!["--lang", "en"];
    args.extend(["report", "problems", "--status", "overdue"]);
    args.extend(D);
    let en = out.path().join("reminders");
    args.extend(["--split", "unit", "-o", en.to_str().unwrap()]);
    args.extend(["--format", "html"]);
    common::ok_on(&fixture(), &args);
    let letter = std::fs::read_to_string(en.join("A_B局.html")).unwrap();
    assert!(
        letter.contains("<h1>测试市: Reminder of overdue problems</h1>"),
        "{letter}"
    );
    assert!(
        letter.contains(
            "As of 30 April 2026, the problem below, for which your unit is responsible, is past its deadline"
        ),
        "{letter}"
    );
    assert!(letter.contains("30 April 2026</p>"), "{letter}");
}
