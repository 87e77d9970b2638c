//! Sheets as clerks keep them (docs/data.md): title rows, two-row headers,
//! row numbers, footers, separators and UTF-16 in CSV files; workbooks;
//! `bangcun import` and `bangcun cat`. Each rule over a small folder made
//! as a clerk makes it, with the exact file:line (and sheet and cell) of
//! its findings.

mod common;

use std::fs;
use std::path::Path;

use common::{AS_OF, bangcun, check_json, ok_on, run_on, temp_copy};
use serde_json::Value;

/// Each finding of a `check --format json` document as (check, file
/// within the data folder, line, field).
fn seen(doc: &Value) -> Vec<(String, String, u64, String)> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let text = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            let file = text("file");
            let file = file
                .rsplit_once("data/")
                .map_or(file.clone(), |(_, f)| f.to_string());
            (
                text("check"),
                file,
                f["line"].as_u64().unwrap_or(0),
                text("field"),
            )
        })
        .collect()
}

/// The records read, as `check` counts them.
fn records(doc: &Value) -> u64 {
    doc["counts"]["records"].as_u64().unwrap()
}

/// The base fixture's problems (3 records) under a government layout: a
/// title row, a 截至 row, a two-row header with 序号 (整改情况 merged
/// above 整改日期 and 销号日期), and a footer.
const LAID_OUT_PROBLEMS: &str = "\
测试县联乡帮村问题台账,,,,,,,,,,,,\n\
截至2026年2月28日,,,,,,,,,,,,\n\
序号,问题编号,发现日期,地点代码,发现干部,来源,类别,问题描述,责任单位,整改时限,整改情况,,满意度\n\
,,,,,,,,,,整改日期,销号日期,\n\
1,P01,2026-01-10,411001001001,C01,干部排查,基础设施,村道路面破损,县交通运输局,2026-02-10,2026-01-25,2026-02-05,满意\n\
2,P02,2026-01-20,411001002001,,督导暗访,人居环境,垃圾集中堆放,西乡人民政府,,,,\n\
3,P03,2026-02-10,411001001,C01,cadre,安全生产,\"乡政府院内电线老化,存在隐患\",县供电公司,,2026-02-14,,basic\n\
填表人：张三,,,,审核人：李四,,,,,,,,\n\
填表日期：2026年3月1日,,,,,,,,,,,,\n";

#[test]
fn a_government_layout_csv_reads_as_the_plain_one() {
    let (_temp, data) = temp_copy("base");
    let (_, plain) = check_json(&data, &[]);
    fs::write(data.join("problems.csv"), LAID_OUT_PROBLEMS).unwrap();
    let (code, doc) = check_json(&data, &[]);
    assert_eq!(seen(&doc), []);
    assert_eq!(code, 0);
    assert_eq!(records(&doc), records(&plain));
    // The same figures: P01 and P03 rectified of 3.
    let out = ok_on(
        &data,
        &["report", "summary", "--format", "json", "--as-of", AS_OF],
    );
    let summary: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(summary["total"]["problems"], 3);
    assert_eq!(summary["total"]["rectified"], 2);
}

#[test]
fn a_bad_cell_under_a_layout_is_named_at_its_own_line() {
    let (_temp, data) = temp_copy("base");
    // P02's found date (line 6) is broken; the footer between records
    // (line 7) is a record, and its place does not exist.
    let text = LAID_OUT_PROBLEMS
        .replace("2,P02,2026-01-20", "2,P02,2026-13-20")
        .replace(
            "3,P03,",
            "合计,P09,2026-02-11,999,C01,cadre,安全生产,x,y,,,,\n3,P03,",
        );
    fs::write(data.join("problems.csv"), text).unwrap();
    let (code, doc) = check_json(&data, &[]);
    let path = "problems.csv".to_string();
    assert_eq!(
        seen(&doc),
        [
            ("invalid-date".into(), path.clone(), 6, "found".into()),
            ("unknown-region".into(), path, 7, "place".into()),
        ]
    );
    assert_eq!(code, 1);
}

#[test]
fn fmt_keeps_a_laid_out_file_as_it_is() {
    let (_temp, data) = temp_copy("base");
    fs::write(data.join("problems.csv"), LAID_OUT_PROBLEMS).unwrap();
    let (code, out, _) = run_on(&data, &["--lang", "en", "fmt", "--check"]);
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("kept as it is"), "{out}");
    assert!(out.contains("bangcun import"), "{out}");
    assert_eq!(
        fs::read_to_string(data.join("problems.csv")).unwrap(),
        LAID_OUT_PROBLEMS
    );
    // The other files of the fixture are not all canonical: that alone
    // decides the status.
    let _ = code;
}

#[test]
fn a_header_past_the_tenth_row_is_not_found_and_the_rows_are_shown() {
    let (_temp, data) = temp_copy("base");
    let text = format!(
        "{}cadre,from,to,reason\nC03,2026-02-18,2026-02-22,病假\n",
        "请假台账\n".repeat(10)
    );
    fs::write(data.join("leaves.csv"), text).unwrap();
    let output = bangcun()
        .args([
            "--lang", "en", "check", "--format", "json", "--as-of", AS_OF, "--data",
        ])
        .arg(&data)
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&output.stdout).unwrap();
    let path = "leaves.csv".to_string();
    // No row names cadre, from or to: three findings at line 1 (every
    // row names as few: the first is the likeliest).
    assert_eq!(
        seen(&doc),
        ["cadre", "from", "to"].map(|f| (
            "missing-column".to_string(),
            path.clone(),
            1,
            f.to_string()
        ))
    );
    let help = doc["findings"][0]["help"].as_str().unwrap();
    assert!(help.contains("within the first 10 rows"), "{help}");
    assert!(help.contains("line 1 \"请假台账\""), "{help}");
}

/// The base fixture's problems as a clerk's workbook: sheet 问题台账 with a
/// title merged across (row 1), a 截至 row, a two-row header (rows 3-4:
/// 序号 … merged down, 整改情况 merged across 整改日期 and 销号日期),
/// records on rows 5-7 with date cells and the place codes typed as
/// numbers, and a footer on row 8; a sheet 说明 of notes. `category` is
/// P02's category (row 6, column G).
fn problems_workbook(path: &Path, category: &str) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let plain = Format::new();
    let date = Format::new().set_num_format("yyyy/m/d");
    let sheet = book.add_worksheet().set_name("问题台账").unwrap();
    sheet
        .merge_range(0, 0, 0, 12, "测试县联乡帮村问题台账", &plain)
        .unwrap();
    sheet.write_string(1, 0, "截至2026年2月28日").unwrap();
    let down = [
        "序号",
        "问题编号",
        "发现日期",
        "地点代码",
        "发现干部",
        "来源",
        "类别",
        "问题描述",
        "责任单位",
        "整改时限",
    ];
    for (c, h) in down.iter().enumerate() {
        sheet
            .merge_range(2, c as u16, 3, c as u16, h, &plain)
            .unwrap();
    }
    sheet.merge_range(2, 10, 2, 11, "整改情况", &plain).unwrap();
    sheet.write_string(3, 10, "整改日期").unwrap();
    sheet.write_string(3, 11, "销号日期").unwrap();
    sheet.merge_range(2, 12, 3, 12, "满意度", &plain).unwrap();
    let day = |m, d| ExcelDateTime::from_ymd(2026, m, d).unwrap();
    // id, found (month, day), place, cadre, source, category, summary, unit.
    type Row<'a> = (
        &'a str,
        (u8, u8),
        f64,
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        &'a str,
    );
    let rows: [Row; 3] = [
        (
            "P01",
            (1, 10),
            411001001001.0,
            "C01",
            "干部排查",
            "基础设施",
            "村道路面破损",
            "县交通运输局",
        ),
        (
            "P02",
            (1, 20),
            411001002001.0,
            "",
            "督导暗访",
            category,
            "垃圾集中堆放",
            "西乡人民政府",
        ),
        (
            "P03",
            (2, 10),
            411001001.0,
            "C01",
            "cadre",
            "安全生产",
            "乡政府院内电线老化,存在隐患",
            "县供电公司",
        ),
    ];
    for (i, (id, (m, d), place, cadre, source, cat, summary, unit)) in rows.iter().enumerate() {
        let r = 4 + i as u32;
        sheet.write_number(r, 0, (i + 1) as f64).unwrap();
        sheet.write_string(r, 1, *id).unwrap();
        sheet
            .write_datetime_with_format(r, 2, day(*m, *d), &date)
            .unwrap();
        sheet.write_number(r, 3, *place).unwrap();
        if !cadre.is_empty() {
            sheet.write_string(r, 4, *cadre).unwrap();
        }
        sheet.write_string(r, 5, *source).unwrap();
        sheet.write_string(r, 6, *cat).unwrap();
        sheet.write_string(r, 7, *summary).unwrap();
        sheet.write_string(r, 8, *unit).unwrap();
    }
    // P01: deadline 02-10, rectified 01-25, verified 02-05, 满意; P03:
    // rectified 02-14, basic.
    sheet
        .write_datetime_with_format(4, 9, day(2, 10), &date)
        .unwrap();
    sheet
        .write_datetime_with_format(4, 10, day(1, 25), &date)
        .unwrap();
    sheet
        .write_datetime_with_format(4, 11, day(2, 5), &date)
        .unwrap();
    sheet.write_string(4, 12, "满意").unwrap();
    sheet
        .write_datetime_with_format(6, 10, day(2, 14), &date)
        .unwrap();
    sheet.write_string(6, 12, "basic").unwrap();
    sheet.write_string(7, 0, "填表人：张三").unwrap();
    sheet.write_string(7, 4, "审核人：李四").unwrap();
    let notes = book.add_worksheet().set_name("说明").unwrap();
    notes.write_string(0, 0, "本表按月报送").unwrap();
    book.save(path).unwrap();
}

#[test]
fn a_workbook_reads_as_the_csv_it_was_made_from() {
    let (_temp, data) = temp_copy("base");
    let (_, plain) = check_json(&data, &[]);
    let csv_summary = ok_on(
        &data,
        &["report", "summary", "--format", "json", "--as-of", AS_OF],
    );
    fs::remove_file(data.join("problems.csv")).unwrap();
    problems_workbook(&data.join("problems.xlsx"), "人居环境");
    let (code, doc) = check_json(&data, &[]);
    assert_eq!(seen(&doc), []);
    assert_eq!(code, 0);
    assert_eq!(records(&doc), records(&plain));
    let xlsx_summary = ok_on(
        &data,
        &["report", "summary", "--format", "json", "--as-of", AS_OF],
    );
    assert_eq!(xlsx_summary, csv_summary);
}

#[test]
fn a_finding_in_a_workbook_names_its_sheet_row_and_cell() {
    let (_temp, data) = temp_copy("base");
    fs::remove_file(data.join("problems.csv")).unwrap();
    problems_workbook(&data.join("problems.xlsx"), "不存在的类别");
    let (code, doc) = check_json(&data, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        seen(&doc),
        [(
            "unknown-category".into(),
            "problems.xlsx".into(),
            6,
            "category".into()
        )]
    );
    assert_eq!(doc["findings"][0]["sheet"], "问题台账");
    assert_eq!(doc["findings"][0]["cell"], "G6");
    let (_, out, _) = run_on(&data, &["check", "--as-of", AS_OF]);
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains("problems.xlsx[问题台账]:6 (类别, G6)"),
        "{out}"
    );
    let (_, out, _) = run_on(&data, &["check", "--as-of", AS_OF, "--format", "github"]);
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains("problems.xlsx,line=6,title=unknown-category"),
        "{out}"
    );
}

#[test]
fn import_writes_a_workbook_in_canonical_form_once() {
    let (_temp, data) = temp_copy("base");
    let (_, before) = check_json(&data, &[]);
    let summary = ok_on(
        &data,
        &["report", "summary", "--format", "json", "--as-of", AS_OF],
    );
    let book = data.parent().unwrap().join("问题台账.xlsx");
    problems_workbook(&book, "人居环境");
    fs::remove_file(data.join("problems.csv")).unwrap();
    let import = |args: &[&str]| {
        let mut all = vec!["--lang", "en", "import"];
        all.extend(args);
        let (code, out, err) = run_on(&data, &all);
        (code, String::from_utf8(out).unwrap(), err)
    };
    let (code, out, err) = import(&[book.to_str().unwrap()]);
    assert_eq!((code, err.as_str()), (0, ""), "{out}");
    assert!(
        out.contains("imported: 3 records into 1 files; 0 already there"),
        "{out}"
    );
    // Canonical: BOM, the Chinese header, ISO dates, codes as digits.
    let written = fs::read_to_string(data.join("problems.csv")).unwrap();
    assert!(
        written.starts_with("\u{feff}问题编号,发现日期,地点代码,"),
        "{written}"
    );
    assert!(
        written.contains("P01,2026-01-10,411001001001,C01,干部排查,基础设施,"),
        "{written}"
    );
    let (code, after) = check_json(&data, &[]);
    assert_eq!((code, seen(&after)), (0, vec![]));
    assert_eq!(records(&after), records(&before));
    assert_eq!(
        ok_on(
            &data,
            &["report", "summary", "--format", "json", "--as-of", AS_OF]
        ),
        summary
    );
    // Twice: nothing new, nothing rewritten.
    let (code, out, _) = import(&[book.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(
        out.contains("imported: 0 records into 0 files; 3 already there"),
        "{out}"
    );
    assert_eq!(
        fs::read_to_string(data.join("problems.csv")).unwrap(),
        written
    );
    let (code, out, _) = run_on(&data, &["fmt", "--check"]);
    let out = String::from_utf8(out).unwrap();
    assert!(!out.contains("problems.csv"), "{out}");
    let _ = code;
}

#[test]
fn import_writes_nothing_when_what_it_read_has_errors_or_clashes() {
    let (_temp, data) = temp_copy("base");
    let original = fs::read(data.join("problems.csv")).unwrap();
    let book = data.parent().unwrap().join("problems.xlsx");
    // An error: P02's category (G6).
    problems_workbook(&book, "不存在的类别");
    let (code, out, _) = run_on(&data, &["--lang", "en", "import", book.to_str().unwrap()]);
    let out = String::from_utf8(out).unwrap();
    assert_eq!(code, 1);
    assert!(
        out.contains("problems.xlsx[问题台账]:6 (类别, G6)"),
        "{out}"
    );
    assert!(out.contains("nothing imported"), "{out}");
    assert_eq!(fs::read(data.join("problems.csv")).unwrap(), original);
    // A clash: P02 is in problems.csv with 人居环境; imported with 基础设施
    // (a configured category), other values under the same key.
    problems_workbook(&book, "基础设施");
    let (code, out, _) = run_on(&data, &["--lang", "en", "import", book.to_str().unwrap()]);
    let out = String::from_utf8(out).unwrap();
    assert_eq!(code, 1);
    assert!(
        out.contains("\"P02\" is in the data folder already, with other values"),
        "{out}"
    );
    assert!(out.contains("problems.xlsx[问题台账]:6"), "{out}");
    assert!(out.contains("problems.csv:3"), "{out}");
    assert_eq!(fs::read(data.join("problems.csv")).unwrap(), original);
    // The same clash from a workbook whose name holds a terminal control
    // sequence: the place is said inert, as check says it.
    let hostile = data.parent().unwrap().join("台账\u{1b}[2J.xlsx");
    fs::rename(&book, &hostile).unwrap();
    let (code, out, _) = run_on(
        &data,
        &["--lang", "en", "import", hostile.to_str().unwrap()],
    );
    let out = String::from_utf8(out).unwrap();
    assert_eq!(code, 1);
    assert!(out.contains("with other values"), "{out}");
    assert!(!out.contains('\u{1b}'), "{out:?}");
}

#[test]
fn cat_prints_a_workbook_as_canonical_csv() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("problems.xlsx");
    problems_workbook(&book, "人居环境");
    let out = bangcun().arg("cat").arg(&book).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    // The header, and the three records of rows 5-7 (title, 截至 row,
    // the two header rows and the footer passed over).
    assert_eq!(lines.len(), 4, "{text}");
    assert!(
        lines[0].starts_with("问题编号,发现日期,地点代码,发现干部,来源,类别"),
        "{text}"
    );
    // Every field of the kind, the six the ledger may add (status …
    // note) empty.
    assert_eq!(
        lines[2],
        "P02,2026-01-20,411001002001,,督导暗访,人居环境,垃圾集中堆放,西乡人民政府,,,,,,,,,,"
    );
}

/// A visits ledger as a clerk names it, 2026-10走访台账.xlsx: a title row,
/// the header (走访日期, 帮联干部, 走访地点, 走访类型, 走访群众（人次）) and
/// two visits, the cadres and places by name.
fn visits_ledger(path: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let rows = [
        vec!["魏都区帮联干部下沉走访台账"],
        vec![
            "走访日期",
            "帮联干部",
            "走访地点",
            "走访类型",
            "走访群众（人次）",
        ],
        vec!["2026-10-10", "陈晓", "金地社区", "双十工作日", "5"],
        vec!["2026-10-20", "于博", "魏武社区", "入户走访", "8"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *text).unwrap();
        }
    }
    book.save(path).unwrap();
}

/// Every ledger is a 台账: a visits ledger so named is read as visits —
/// by the folder it is in, or by its header — not as problems.
#[test]
fn cat_tells_a_visits_ledger_by_its_folder_or_its_header() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("visits")).unwrap();
    for path in [
        dir.path().join("visits/2026-10走访台账.xlsx"),
        dir.path().join("十月台账.xlsx"),
    ] {
        visits_ledger(&path);
        let out = bangcun().arg("cat").arg(&path).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{path:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert_eq!(
            text,
            "日期,干部编号,地点代码,类型,座谈会场次,走访人次,备注,天数,走访户\n\
             2026-10-10,陈晓,金地社区,工作日下沉,,5,,,\n\
             2026-10-20,于博,魏武社区,工作日下沉,,8,,,\n",
            "{path:?}"
        );
    }
}

/// What cat cannot read is said, not dropped: the visits ledger read as
/// problems has no problems header; each required column is an error on
/// standard error with the sheet and the row looked from, exit status 1.
#[test]
fn cat_says_what_it_cannot_read() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("ledger.xlsx");
    visits_ledger(&book);
    let out = bangcun()
        .args(["cat", "--kind", "problems", "--lang", "en"])
        .arg(&book)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("error[missing-column]: required column \"id\" (问题编号) is missing"),
        "{err}"
    );
    assert!(
        err.contains(&format!("  --> {}[Sheet1]:1\n", book.display())),
        "{err}"
    );
    assert!(err.contains("  help: add a column"), "{err}");
}

#[test]
fn git_diff_shows_the_changed_record_of_a_workbook_through_cat() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .current_dir(repo)
            .args([
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@t",
                "-c",
                "core.pager=cat",
            ])
            .args(args)
            .output()
            .expect("git runs");
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    git(&["init", "-q"]);
    // The two lines of configuration docs/ci.md gives.
    let bin = assert_cmd::cargo::cargo_bin("bangcun");
    fs::write(repo.join(".gitattributes"), "*.xlsx diff=bangcun\n").unwrap();
    git(&[
        "config",
        "diff.bangcun.textconv",
        &format!("{} cat", bin.display()),
    ]);
    problems_workbook(&repo.join("problems.xlsx"), "人居环境");
    git(&["add", "."]);
    git(&["commit", "-qm", "ledger"]);
    problems_workbook(&repo.join("problems.xlsx"), "基础设施");
    let diff = git(&["diff", "--", "problems.xlsx"]);
    assert!(
        diff.contains("-P02,2026-01-20,411001002001,,督导暗访,人居环境,"),
        "{diff}"
    );
    assert!(
        diff.contains("+P02,2026-01-20,411001002001,,督导暗访,基础设施,"),
        "{diff}"
    );
    // Only that record changed.
    assert_eq!(
        diff.lines()
            .filter(|l| l.starts_with(['+', '-']) && !l.starts_with("+++") && !l.starts_with("---"))
            .count(),
        2,
        "{diff}"
    );
}

#[test]
fn a_break_in_a_file_is_said_with_its_line_and_the_rows_lost() {
    // Issue 8 leftover L6: a quote opened on line 3 is never closed; lines
    // 3, 4 and 5 hold three leaves, all lost.
    let (_temp, data) = temp_copy("base");
    fs::write(
        data.join("leaves.csv"),
        "cadre,from,to,reason\nC03,2026-02-18,2026-02-22,a\nC03,2026-01-01,2026-01-02,\"x\nC03,2026-02-10,2026-02-10,y\nC02,2026-02-20,2026-02-20,z\n",
    )
    .unwrap();
    let (_, out, err) = run_on(
        &data,
        &[
            "--lang", "en", "report", "summary", "--format", "json", "--as-of", AS_OF,
        ],
    );
    assert!(
        err.contains("files read only in part: leaves.csv (from line 3 on)"),
        "{err}"
    );
    let doc: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["data_errors"]["records_left_out"]["leaves"], 3);
    assert_eq!(doc["data_errors"]["files_partly_read"][0], "leaves.csv");
}

#[cfg(unix)]
#[test]
fn a_hard_link_is_read_once() {
    // Issue 8 leftover L4: a second name of a file doubled its figures.
    let (_temp, data) = temp_copy("base");
    let (_, before) = check_json(&data, &[]);
    fs::hard_link(
        data.join("visits/2026-01.csv"),
        data.join("visits/copy.csv"),
    )
    .unwrap();
    let (code, doc) = check_json(&data, &[]);
    assert_eq!(
        seen(&doc),
        [(
            "repeated-link".into(),
            "visits/copy.csv".into(),
            0,
            String::new()
        )]
    );
    assert_eq!(code, 0);
    assert_eq!(records(&doc), records(&before));
}

#[test]
fn a_gb18030_ledger_saved_from_libreoffice_reads_as_laid_out() {
    // tests/fixtures/clerk-ledger/problems.csv: a problems ledger made in
    // LibreOffice as an office lays it out (title and 截至 rows, a two-row
    // header under 整改情况, 序号, places by name in 县（区）/乡镇（街道）/
    // 村（社区） with 魏都区 merged down over three rows, 2026年底前 /
    // 立行立改 / 长期坚持 deadlines, 整改状态, 是否销号, 整改措施, two footer
    // rows), saved as "Text CSV" in GBK.
    let data = common::fixture("clerk-ledger");
    let bytes = fs::read(data.join("problems.csv")).unwrap();
    assert!(std::str::from_utf8(&bytes).is_err(), "the fixture is GBK");
    let (code, out, _) = run_on(
        &data,
        &["check", "--format", "json", "--as-of", "2026-10-31"],
    );
    let doc: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!((code, seen(&doc)), (0, vec![]));
    let out = ok_on(
        &data,
        &[
            "report",
            "summary",
            "--format",
            "json",
            "--as-of",
            "2026-10-31",
        ],
    );
    let total = &serde_json::from_slice::<Value>(&out).unwrap()["total"];
    // P001 rectified 10-20 of P001-P004: 1/4; overdue as of 10-31: P002
    // (立行立改: deadline = found, 10-08); P003 is due 11-30, P004 is
    // long-term (长期坚持), never overdue.
    assert_eq!(total["problems"], 4);
    assert_eq!(total["rectified"], 1);
    assert_eq!(total["rectification_rate"], 0.25);
    assert_eq!(total["overdue"], 1);
}

/// The workbook of [`problems_workbook`] as LibreOffice 7.4 saves it in
/// the other formats a clerk may have (tests/fixtures/workbooks/): Excel
/// 97–2003 (`.xls`, merged areas kept) and OpenDocument (`.ods`).
#[test]
fn xls_and_ods_workbooks_read_as_the_csv_they_were_made_from() {
    let (_temp, data) = temp_copy("base");
    let (_, plain) = check_json(&data, &[]);
    let summary = |data: &Path| {
        ok_on(
            data,
            &["report", "summary", "--format", "json", "--as-of", AS_OF],
        )
    };
    let csv_summary = summary(&data);
    fs::remove_file(data.join("problems.csv")).unwrap();
    for name in ["problems.xls", "problems.ods"] {
        let at = data.join(name);
        fs::copy(
            common::root().join("tests/fixtures/workbooks").join(name),
            &at,
        )
        .unwrap();
        let (code, doc) = check_json(&data, &[]);
        assert_eq!((code, seen(&doc)), (0, vec![]), "{name}");
        assert_eq!(records(&doc), records(&plain), "{name}");
        assert_eq!(summary(&data), csv_summary, "{name}");
        fs::remove_file(&at).unwrap();
    }
}

/// A workbook that must not be read is one `bad-workbook` error naming
/// the file, and its records are left out (the base's 21 records less
/// its 3 problems): the same workbook encrypted with a password as Excel
/// does it (msoffcrypto-tool, password 1234), and the same workbook with
/// a 64 MiB part of zeros that packs to 70 KiB (a ratio of about 900,
/// past the 200 a ledger never reaches: a zip bomb).
#[test]
fn a_password_protected_or_zip_bomb_workbook_is_one_finding() {
    for (fixture, says) in [("password.xlsx", "password"), ("bomb.xlsx", "zip bomb")] {
        let (_temp, data) = temp_copy("base");
        fs::remove_file(data.join("problems.csv")).unwrap();
        fs::copy(
            common::root()
                .join("tests/fixtures/workbooks")
                .join(fixture),
            data.join("problems.xlsx"),
        )
        .unwrap();
        let (code, doc) = check_json(&data, &["--lang", "en"]);
        assert_eq!(code, 1, "{fixture}");
        assert_eq!(
            seen(&doc),
            [(
                "bad-workbook".into(),
                "problems.xlsx".into(),
                0,
                String::new()
            )],
            "{fixture}"
        );
        let message = doc["findings"][0]["message"].as_str().unwrap();
        assert!(message.contains(says), "{fixture}: {message}");
        assert_eq!(records(&doc), 21 - 3, "{fixture}");
    }
}
