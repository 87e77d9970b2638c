//! `bangcun report …` end to end, over `tests/fixtures/reports` (whose
//! figures are worked out by hand in the comments, and in more detail in the
//! unit tests of `src/metrics/`) and over the sample data in `data/`.

mod common;

use std::path::{Path, PathBuf};

use common::{ACROSS_MONTHS, reports_plus, reports_with_errors, root};

fn fixture() -> PathBuf {
    root().join(common::fixture("reports"))
}

/// Runs `bangcun --data DIR ARGS…` and returns (exit code, stdout, stderr).
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let (code, out, err) = common::run_on(dir, args);
    (code, String::from_utf8(out).expect("UTF-8 output"), err)
}

/// stdout of a run that must succeed without a word on stderr.
fn ok(dir: &Path, args: &[&str]) -> String {
    String::from_utf8(common::ok_on(dir, args)).expect("UTF-8 output")
}

/// `report summary` as CSV, as of 2026-03-31 (with no period: from the
/// month of the earliest visit).
const SUMMARY_CSV: [&str; 6] = [
    "report",
    "summary",
    "--format",
    "csv",
    "--as-of",
    "2026-03-31",
];

#[test]
fn summary_csv_across_months() {
    let mut args = vec!["report", "summary", "--format", "csv"];
    args.extend(ACROSS_MONTHS);
    // 甲县: cadres K1, K2 active at 03-15; 一镇 covered of 2 townships; 一村
    // 二村 covered of 3 villages; work days K1 1/1 (03-10 on leave), K2 1/1,
    // K3 2/1 → 4 due, 3 attended, 0.75; visits 01-20, 02-10, 02-20, 02-24,
    // 03-05, 03-10 → 6, forums 1+1+1 = 3, people 3+4+6+8+7+2 = 30;
    // problems P1 P2 P3 P5 P6 = 5, rectified P1 P5 P6 = 3 → 0.6; new P2 P3
    // P6 = 3; newly rectified P1 P6 = 2; overdue P2 P3; lagging P5;
    // identification P1 P6 → 2/5 = 0.4; satisfaction P1 P5 of P1 P5 P6 →
    // 2/3 = 0.6667.
    // 乙县: K4's 01-20 due and missed → 0/1 = 0; no problems: rates empty.
    // 丙县: nothing; every rate empty.
    // No deadline is long-term: long_term 0. The fixture keeps no
    // households: 0 and 0 everywhere (issue 11's keys, appended after the
    // others); it has no quotas either.
    let expected = "\
county_code,county,cadres,townships,townships_covered,villages,villages_covered,workdays_due,workdays_attended,attendance_rate,visits,forums,people,problems,rectified,rectification_rate,new_problems,new_rectified,overdue,revisit_lagging,identification_rate,satisfaction_rate,long_term,households,households_covered
410001,甲县,2,2,1,3,2,4,3,0.75,6,3,30,5,3,0.6,3,2,2,1,0.4,0.6667,0,0,0
410002,乙县,0,1,0,1,0,1,0,0,0,0,0,0,0,,0,0,0,0,,,0,0,0
410003,丙县,0,0,0,0,0,0,0,,0,0,0,0,0,,0,0,0,0,,,0,0,0
,合计,2,3,1,4,2,5,3,0.6,6,3,30,5,3,0.6,3,2,2,1,0.4,0.6667,0,0,0
";
    assert_eq!(ok(&fixture(), &args), expected);
}

#[test]
fn summary_json_keeps_the_spec_keys_in_order() {
    let mut args = vec!["report", "summary", "--format", "json"];
    args.extend(ACROSS_MONTHS);
    let out = ok(&fixture(), &args);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["as_of"], "2026-03-15");
    assert_eq!(doc["from"], "2026-01-15");
    assert_eq!(doc["to"], "2026-03-15");
    let rows = doc["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["attendance_rate"], 0.75);
    assert_eq!(rows[0]["satisfaction_rate"], 0.6667); // 2 / 3
    assert_eq!(rows[0]["people"], 30);
    assert!(rows[2]["attendance_rate"].is_null()); // 丙县: 0 / 0
    assert!(doc["total"]["county_code"].is_null());
    assert_eq!(doc["total"]["workdays_due"], 5);
    // Keys in the order of docs/reports.md, in the first row as written.
    let keys = [
        "county_code",
        "county",
        "cadres",
        "townships",
        "townships_covered",
        "villages",
        "villages_covered",
        "workdays_due",
        "workdays_attended",
        "attendance_rate",
        "visits",
        "forums",
        "people",
        "problems",
        "rectified",
        "rectification_rate",
        "new_problems",
        "new_rectified",
        "overdue",
        "revisit_lagging",
        "identification_rate",
        "satisfaction_rate",
        // Appended: the long-term problems open at D (none here).
        "long_term",
        // Appended: the households, and those an active cadre links.
        "households",
        "households_covered",
    ];
    let first = &out[out.find("\"rows\"").unwrap()..out.find('}').unwrap()];
    let at: Vec<usize> = keys
        .iter()
        .map(|k| first.find(&format!("\"{k}\":")).unwrap())
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{first}");
    assert_eq!(rows[0].as_object().unwrap().len(), keys.len());
}

#[test]
fn summary_for_people_lines_up() {
    // A moved work day: February as of 04-30; 甲县 due 3 (K1 02-10, K2 and
    // K3 02-24), attended 2 (K3 came on 02-20) → 66.7%; rectified P1 P5 of
    // P1 P2 P5 P6 → 50.0%; satisfaction 2/2 → 100.0%; 乙县 — throughout.
    let args = [
        "report",
        "summary",
        "--month",
        "2026-02",
        "--as-of",
        "2026-04-30",
    ];
    insta::assert_snapshot!("summary_table_zh", ok(&fixture(), &args));
    let mut en = args.to_vec();
    en.extend(["--lang", "en", "--format", "markdown"]);
    insta::assert_snapshot!("summary_markdown_en", ok(&fixture(), &en));
}

#[test]
fn summary_by_township() {
    let args = [
        "report",
        "summary",
        "--by",
        "township",
        "--as-of",
        "2026-04-30",
        "--format",
        "csv",
    ];
    let out = ok(&fixture(), &args);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("county_code,county,township_code,township,cadres,"));
    // One row per township, by county then code, and the total.
    let names: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l.split(',').nth(3).unwrap())
        .collect();
    assert_eq!(names, ["一镇", "二镇", "三镇", ""]);
    // The total counts P7, which lies at 乙县 itself and in no township:
    // problems 3 (一镇) + 2 (二镇) + 0 (三镇) + 1 = 6.
    let problems = |line: &str| line.split(',').nth(15).unwrap().to_string();
    assert_eq!(
        lines[1..].iter().map(|l| problems(l)).collect::<Vec<_>>(),
        ["3", "2", "0", "6"]
    );
}

#[test]
fn overdue_most_overdue_first() {
    let args = [
        "report",
        "overdue",
        "--as-of",
        "2026-04-30",
        "--format",
        "csv",
    ];
    // P2: 安全生产, deadline 02-01 + 7 = 02-08; 04-30 − 02-08 = 20 + 31 + 30
    // = 81 days. P7 at 乙县: 03-20 + 30 = 04-19; 11 days. P3 was rectified
    // late (03-20) and is no longer overdue; P4 is found after D.
    let expected = "\
id,county_code,place,category,unit,found,deadline,days_overdue,cadre,summary,measures,owner,progress,note
P2,410001,410001001,安全生产,一镇人民政府,2026-02-01,2026-02-08,81,,消防通道堵塞,,,,
P7,410002,410002,信访稳定,乙县信访局,2026-03-20,2026-04-19,11,,村务公开不及时,,,,
";
    assert_eq!(ok(&fixture(), &args), expected);
    let table = ok(&fixture(), &["report", "overdue", "--as-of", "2026-04-30"]);
    insta::assert_snapshot!("overdue_table_zh", table);
}

#[test]
fn revisits_that_lag() {
    let args = [
        "report",
        "revisits",
        "--as-of",
        "2026-03-20",
        "--format",
        "csv",
    ];
    // Cut 03-20 − 15 = 03-05: P5 rectified 2025-12-20, 11 + 31 + 28 + 20 =
    // 90 days ago; P6 rectified 03-05, 15 days ago; P1 was verified.
    let expected = "\
id,county_code,place,category,unit,found,rectified,days_since_rectified,cadre,summary,measures,owner,progress,note
P5,410001,410001001002,民生服务,甲县民政局,2025-12-01,2025-12-20,90,,低保评定有异议,,,,
P6,410001,410001002,基础设施,二镇人民政府,2026-02-10,2026-03-05,15,K3,桥梁护栏缺失,,,,
";
    assert_eq!(ok(&fixture(), &args), expected);
}

#[test]
fn attendance_missing_one_row_per_miss() {
    let mut args = vec!["report", "attendance", "--missing", "--format", "csv"];
    args.extend(ACROSS_MONTHS);
    // K3 missed 02-24 (the moved day; it came on 02-20); K4 missed 01-20.
    let expected = "\
cadre,name,level,county_code,date
K3,王三,township,410001,2026-02-24
K4,赵四,county,410002,2026-01-20
";
    assert_eq!(ok(&fixture(), &args), expected);
}

#[test]
fn attendance_per_cadre_of_one_county() {
    let mut args = vec![
        "report",
        "attendance",
        "--county",
        "甲县",
        "--format",
        "json",
    ];
    args.extend(ACROSS_MONTHS);
    let doc: serde_json::Value = serde_json::from_str(&ok(&fixture(), &args)).unwrap();
    let rows = doc["rows"].as_array().unwrap();
    // K4 belongs to 乙县.
    let cadres: Vec<&str> = rows.iter().map(|r| r["cadre"].as_str().unwrap()).collect();
    assert_eq!(cadres, ["K1", "K2", "K3"]);
    // K1: 02-10 attended, 03-10 on leave → 1/1.
    assert_eq!(rows[0]["workdays_due"], 1);
    assert_eq!(rows[0]["attendance_rate"], 1.0);
    assert_eq!(rows[0]["missed"], serde_json::json!([]));
    // K3: 01-20 attended, 02-24 missed → 1/2.
    assert_eq!(rows[2]["level"], "township");
    assert_eq!(rows[2]["county_code"], "410001");
    assert_eq!(rows[2]["attendance_rate"], 0.5);
    assert_eq!(rows[2]["missed"], serde_json::json!(["2026-02-24"]));
    // The same county by code.
    let by_code: Vec<&str> = args
        .iter()
        .map(|a| if *a == "甲县" { "410001" } else { a })
        .collect();
    assert_eq!(ok(&fixture(), &by_code), ok(&fixture(), &args));
}

#[test]
fn coverage_gaps_per_county() {
    let args = [
        "report",
        "coverage",
        "--as-of",
        "2026-03-11",
        "--format",
        "csv",
    ];
    // K3 (二镇) ended 03-10 and K4 (四村) 01-31: 二镇, 三村 (a township point
    // does not cover its villages), 三镇 and 四村 have no active cadre.
    let expected = "\
county_code,county,level,code,name,township
410001,甲县,township,410001002,二镇,
410001,甲县,village,410001002001,三村,二镇
410002,乙县,township,410002001,三镇,
410002,乙县,village,410002001001,四村,三镇
";
    assert_eq!(ok(&fixture(), &args), expected);
    let mut one = args.to_vec();
    one.extend(["--county", "410002"]);
    assert_eq!(ok(&fixture(), &one).lines().count(), 3);
}

#[test]
fn a_mistyped_year_moves_no_figure() {
    // 0026 for 2026: an invalid date, so the visit is left out. Taken at
    // its word it would start the whole-period summary in the year 26 and
    // make every cadre due on two thousand years of work days.
    let (_temp, dir) =
        reports_plus(&[("visits/2026-02.csv", "0026-02-10,K1,410001001,workday,3,30")]);
    let (code, out, err) = run(&dir, &SUMMARY_CSV);
    assert_eq!(code, 0);
    assert_eq!(out, ok(&fixture(), &SUMMARY_CSV));
    assert!(err.contains("1 个错误"), "{err}");
}

#[test]
fn errors_are_left_out_and_said_once() {
    let (_temp, dir) = reports_with_errors();
    let mut args = vec!["report", "summary", "--format", "csv"];
    args.extend(ACROSS_MONTHS);
    let (code, out, err) = run(&dir, &args);
    assert_eq!(code, 0);
    // The figures of the clean fixture: every bad record is left out.
    assert_eq!(out, ok(&fixture(), &args));
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("4 个错误") && err.contains("bangcun check"),
        "{err}"
    );
    let (_, _, en) = run(&dir, &[&args[..], &["--lang", "en"][..]].concat());
    assert!(
        en.contains("4 errors") && en.contains("figures are incomplete"),
        "{en}"
    );
    // --strict refuses.
    args.push("--strict");
    let (code, out, err) = run(&dir, &args);
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(err.contains("--strict"), "{err}");
}

#[test]
fn output_file_takes_its_format_from_the_extension() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("missed.csv");
    let mut args = vec![
        "report",
        "attendance",
        "--missing",
        "-o",
        file.to_str().unwrap(),
    ];
    args.extend(ACROSS_MONTHS);
    assert_eq!(ok(&fixture(), &args), "");
    let written = std::fs::read_to_string(&file).unwrap();
    // A CSV file opens in Excel by double-click: a BOM first.
    assert!(written.starts_with("\u{feff}cadre,name,level,county_code,date\n"));
    // Nothing but the file is left in the folder.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn impossible_requests_are_usage_errors() {
    let cases: [&[&str]; 3] = [
        &[
            "report",
            "summary",
            "--month",
            "2026-06",
            "--as-of",
            "2026-04-30",
        ],
        &["report", "overdue", "--county", "不存在县"],
        &[
            "report",
            "summary",
            "--from",
            "2026-03-01",
            "--to",
            "2026-02-01",
        ],
    ];
    for args in cases {
        let (code, out, err) = run(&fixture(), args);
        assert_eq!((code, out.as_str()), (2, ""), "{args:?}");
        assert!(err.starts_with("bangcun: "), "{err}");
    }
    let (code, _, _) = run(&fixture(), &["report", "summary", "--month", "2026-13"]);
    assert_eq!(code, 2);
}

#[test]
fn sample_october_2026_reads_the_same_every_run() {
    let data = root().join("data");
    let args = [
        "report",
        "summary",
        "--month",
        "2026-10",
        "--as-of",
        "2026-10-31",
        "--format",
        "csv",
    ];
    let first = ok(&data, &args);
    for _ in 0..2 {
        assert_eq!(ok(&data, &args), first);
    }
    insta::assert_snapshot!("sample_october_2026_csv", first);
}

/// A data folder with one city cadre K1 at 一镇, city work day the 10th,
/// and 2026-01-10 moved two months on to 2026-03-02; K1 came on 03-02 and
/// 03-10 (and on nothing else).
fn far_moved_workday() -> tempfile::TempDir {
    let temp = tempfile::tempdir().unwrap();
    let files = [
        (
            "bangcun.toml",
            "[workdays]\ncity = [10]\nmoved = { 2026-01-10 = 2026-03-02 }\n",
        ),
        (
            "regions.csv",
            "code,name,level,parent\n41,甲县,county,\n4101,一镇,township,41\n",
        ),
        ("cadres.csv", "id,name,level,points\nK1,张一,city,4101\n"),
        (
            "visits.csv",
            "date,cadre,place\n2026-03-02,K1,4101\n2026-03-10,K1,4101\n",
        ),
    ];
    for (file, text) in files {
        std::fs::write(temp.path().join(file), text).unwrap();
    }
    temp
}

/// `workdays_due,workdays_attended` of the total row of `report summary`.
fn workdays(dir: &Path, period: &[&str]) -> String {
    let args = [&SUMMARY_CSV, period].concat();
    let out = ok(dir, &args);
    let total: Vec<&str> = out.lines().last().unwrap().split(',').collect();
    format!("{},{}", total[7], total[8])
}

#[test]
fn a_work_day_moved_two_months_counts_in_the_month_of_its_new_date() {
    let temp = far_moved_workday();
    let dir = temp.path();
    // January: its 10th moved away → 0 due. February: 02-10, missed → 1,0.
    // March: the moved 03-02 and 03-10, both attended → 2,2. The year to
    // 03-31: 3 due, 2 attended — the months' sum.
    assert_eq!(workdays(dir, &["--month", "2026-01"]), "0,0");
    assert_eq!(workdays(dir, &["--month", "2026-02"]), "1,0");
    assert_eq!(workdays(dir, &["--month", "2026-03"]), "2,2");
    assert_eq!(workdays(dir, &["--year", "2026"]), "3,2");
    // A range holding the original date and not the new one: 02-10 only.
    assert_eq!(
        workdays(dir, &["--from", "2026-01-01", "--to", "2026-03-01"]),
        "1,0"
    );
    // Attendance and its misses follow the same days.
    let args = [
        "report",
        "attendance",
        "--format",
        "csv",
        "--as-of",
        "2026-03-31",
        "--month",
        "2026-03",
    ];
    let rows = ok(dir, &args);
    assert_eq!(rows.lines().nth(1).unwrap().split(',').nth(4), Some("2"));
    let missing = |period: &[&str]| {
        let mut args = vec![
            "report",
            "attendance",
            "--missing",
            "--format",
            "csv",
            "--as-of",
            "2026-03-31",
        ];
        args.extend(period);
        ok(dir, &args)
    };
    assert_eq!(
        missing(&["--year", "2026"]),
        "cadre,name,level,county_code,date\nK1,张一,city,41,2026-02-10\n"
    );
    assert_eq!(
        missing(&["--month", "2026-03"]),
        "cadre,name,level,county_code,date\n"
    );
    // The monthly summary of March: attendance 2/2 = 1.0. February (0/1
    // in the summary above) lies before the data, which begins with the
    // visit of 03-02: nothing to compare with.
    let args = [
        "report",
        "monthly",
        "--format",
        "json",
        "--as-of",
        "2026-03-31",
        "--month",
        "2026-03",
    ];
    let doc: serde_json::Value = serde_json::from_str(&ok(dir, &args)).unwrap();
    let rate = &doc["headline"]["attendance_rate"];
    assert_eq!(
        (rate["current"].as_f64(), rate["previous"].as_f64()),
        (Some(1.0), None)
    );
}

#[test]
fn a_period_ending_before_the_earliest_visit_is_refused() {
    // The visits begin on 2026-01-10, so an open start is 2026-01-01:
    // `--to 2025-11-30` ends before it. Before the fix the period was made
    // 2025-11-01 … 2025-11-30, with C1's work day 2025-11-10 and C2's
    // 2025-11-20 due (2) and none attended.
    let (_tmp, dir) = common::small_folder();
    for period in [&["--to", "2025-11-30"][..], &["--as-of", "2025-11-30"]] {
        let mut args = vec!["report", "summary", "--format", "csv"];
        args.extend(period);
        let (code, out, err) = common::run_on(&dir, &args);
        assert_eq!((code, out.as_slice()), (2, &b""[..]), "{period:?}");
        assert!(
            err.contains("统计期间截至 2025-11-30，早于最早的走访记录（2026-01-10）"),
            "{err}"
        );
    }
    // With a start, the user's period stands: November's two work days
    // are due (C1 on the 10th, C2 on the 20th), none attended.
    let args = [
        "report",
        "summary",
        "--format",
        "json",
        "--from",
        "2025-11-01",
        "--to",
        "2025-11-30",
    ];
    let (code, out, _) = common::run_on(&dir, &args);
    assert_eq!(code, 0);
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["total"]["workdays_due"], 2);
    assert_eq!(doc["total"]["workdays_attended"], 0);
}
