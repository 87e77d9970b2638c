//! `bangcun report quotas` end to end over `tests/fixtures/quotas`, every
//! figure worked out by hand below from the fixture's files.
//!
//! The quotas (bangcun.toml): 月走访 — every level (units too), any kind,
//! 1 visit a month at a point; 季度宣讲 — township cadres, 1 lecture a
//! quarter; 单位驻村 — units, 4 visits and 30 days a year; 联系户 — every
//! level, with each household, 2 visits and 7 days a year.
//!
//! Who: A1 (township, 甲村), A2 (township, 乙村, from 2026-03-15), A3
//! (county, 一镇; on leave all April, 05-10..05-20, and June in two
//! halves), A4 (city, 二镇; households H1, H2 of 丙村), U1 (unit, 一镇).
//! H3 (甲村, A1's) is linked from 2026-07-01.

mod common;

use std::path::Path;

use common::{fixture, ok_on, run_on};
use serde_json::Value;

fn dir() -> std::path::PathBuf {
    fixture("quotas")
}

/// Rows of a CSV document, without its header.
fn csv_rows(out: &[u8]) -> Vec<String> {
    let text = String::from_utf8(out.to_vec()).unwrap();
    text.lines().skip(1).map(str::to_string).collect()
}

/// (cadre, quota, owed, met, rate) of each row of the JSON report.
fn json_rows(out: &[u8]) -> Vec<(String, String, u64, u64, Option<f64>)> {
    let doc: Value = serde_json::from_slice(out).unwrap();
    doc["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["cadre"].as_str().unwrap().to_string(),
                r["quota"].as_str().unwrap().to_string(),
                r["owed"].as_u64().unwrap(),
                r["met"].as_u64().unwrap(),
                r["rate"].as_f64(),
            )
        })
        .collect()
}

const HALF_YEAR: [&str; 6] = [
    "--from",
    "2026-01-01",
    "--to",
    "2026-06-30",
    "--as-of",
    "2026-06-30",
];

fn report(dir: &Path, args: &[&str], extra: &[&str]) -> Vec<u8> {
    let mut all = vec!["report", "quotas"];
    all.extend(args);
    all.extend(extra);
    ok_on(dir, &all)
}

#[test]
fn half_a_year_cadre_by_cadre() {
    // January to June, as of June 30: six months and two quarters have
    // ended; the year has not (progress, not owed).
    //
    // A1 月走访: Jan (01-05, twice on one date: 1 visit) met, Feb none,
    //   Mar (03-10) met, Apr — its 04-08 visit is at 乙村, not inside
    //   甲村, so it does not count — missed, May (05-06) met, Jun (06-02)
    //   met: owed 6, met 4, 4/6 = 0.6667.
    // A1 季度宣讲: Q1 lecture 03-10 met; Q2 only a talk (05-06), which is
    //   no lecture: owed 2, met 1, 0.5.
    // A1 联系户: H3's link begins 07-01, after the year's first day: the
    //   year is not owed, nor in progress: no row.
    // A2 月走访: starts 03-15, so Jan, Feb and Mar (started mid-month) are
    //   not owed; Apr none, May (05-12) met, Jun none: owed 3, met 1.
    // A2 季度宣讲: Q1 not owed (starts after 01-01); Q2 no lecture: 1, 0.
    // A3 月走访: Jan (01-20 at 一镇) met, Feb (02-20 at 甲村, inside 一镇)
    //   met, Mar none: missed, Apr covered whole by a leave: not owed, May
    //   only partly on leave: owed, met (05-25), Jun covered by two leaves
    //   together: not owed. Owed 4 (Jan, Feb, Mar, May), met 3, 0.75.
    // A4 月走访: Feb (02-03 at 丙村, inside 二镇) and Jun (06-05) met; Jan,
    //   Mar, Apr, May missed: owed 6, met 2, 0.3333.
    // A4 联系户: the year is progress: owed 0, met 0, rate undefined.
    // U1 月走访 (levels absent: units owe it too): Jan (01-12 at 甲村,
    //   inside its 一镇), Mar (03-15), May (05-20) met; Feb, Apr, Jun
    //   missed: owed 6, met 3, 0.5.
    // U1 单位驻村: the year is progress: 0, 0, undefined.
    let rows = json_rows(&report(&dir(), &HALF_YEAR, &["--format", "json"]));
    let row = |c: &str, q: &str, owed, met, rate: Option<f64>| {
        (c.to_string(), q.to_string(), owed, met, rate)
    };
    assert_eq!(
        rows,
        [
            row("A1", "月走访", 6, 4, Some(0.6667)),
            row("A1", "季度宣讲", 2, 1, Some(0.5)),
            row("A2", "月走访", 3, 1, Some(0.3333)),
            row("A2", "季度宣讲", 1, 0, Some(0.0)),
            row("A3", "月走访", 4, 3, Some(0.75)),
            row("A4", "月走访", 6, 2, Some(0.3333)),
            row("A4", "联系户", 0, 0, None),
            row("U1", "月走访", 6, 3, Some(0.5)),
            row("U1", "单位驻村", 0, 0, None),
        ]
    );
}

#[test]
fn the_json_document_has_the_stable_keys() {
    let out = report(&dir(), &HALF_YEAR, &["--format", "json"]);
    let doc: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["as_of"], "2026-06-30");
    assert_eq!(doc["from"], "2026-01-01");
    assert_eq!(doc["to"], "2026-06-30");
    // In this order, as written (serde_json's map would sort them).
    let text = String::from_utf8(out).unwrap();
    let first = &text[text.find("\"rows\"").unwrap()..];
    let first = &first[..first.find('}').unwrap()];
    let keys: Vec<&str> = first
        .lines()
        .filter_map(|l| l.trim().strip_prefix('"')?.split('"').next())
        .filter(|k| *k != "rows")
        .collect();
    assert_eq!(
        keys,
        [
            "cadre",
            "name",
            "level",
            "county_code",
            "quota",
            "owed",
            "met",
            "rate"
        ]
    );
}

#[test]
fn missing_lists_each_missed_period_in_order() {
    // The misses of `half_a_year_cadre_by_cadre`, by cadre, quota (in the
    // order of bangcun.toml), period: nothing was done in any of them, and
    // each needs 1 visit and 0 days.
    let out = report(&dir(), &HALF_YEAR, &["--missing", "--format", "csv"]);
    let text = String::from_utf8(out.clone()).unwrap();
    assert_eq!(
        text.lines().next(),
        Some(
            "cadre,name,level,county_code,quota,period,household,visits,days,need_visits,need_days"
        )
    );
    let miss = |c: &str, name: &str, level: &str, q: &str, p: &str| {
        format!("{c},{name},{level},450001,{q},{p},,0,0,1,0")
    };
    assert_eq!(
        csv_rows(&out),
        [
            miss("A1", "甲一", "township", "月走访", "2026-02"),
            miss("A1", "甲一", "township", "月走访", "2026-04"),
            miss("A1", "甲一", "township", "季度宣讲", "2026-Q2"),
            miss("A2", "乙二", "township", "月走访", "2026-04"),
            miss("A2", "乙二", "township", "月走访", "2026-06"),
            miss("A2", "乙二", "township", "季度宣讲", "2026-Q2"),
            miss("A3", "丙三", "county", "月走访", "2026-03"),
            miss("A4", "丁四", "city", "月走访", "2026-01"),
            miss("A4", "丁四", "city", "月走访", "2026-03"),
            miss("A4", "丁四", "city", "月走访", "2026-04"),
            miss("A4", "丁四", "city", "月走访", "2026-05"),
            miss("U1", "区教育局", "unit", "月走访", "2026-02"),
            miss("U1", "区教育局", "unit", "月走访", "2026-04"),
            miss("U1", "区教育局", "unit", "月走访", "2026-06"),
        ]
    );
}

#[test]
fn a_whole_year_of_households_and_days() {
    let year = ["--year", "2026", "--as-of", "2026-12-31"];
    // 联系户, A4: H1 — 02-03 (2 days), 06-05 (3), 09-10 (2): 3 visits,
    // 2 + 3 + 2 = 7 days ≥ 7: met. H2 — two visits on 08-08 (1 day each):
    // 1 visit (one date), 2 days: missed, needing 2 visits and 7 days.
    // A1's H3 is linked from 07-01: the year is not owed.
    let out = report(&dir(), &year, &["--quota", "联系户", "--format", "json"]);
    assert_eq!(
        json_rows(&out),
        [("A4".into(), "联系户".into(), 2, 1, Some(0.5))]
    );
    let out = report(
        &dir(),
        &year,
        &["--quota", "联系户", "--missing", "--format", "csv"],
    );
    assert_eq!(
        csv_rows(&out),
        ["A4,丁四,city,450001,联系户,2026,H2,1,2,2,7"]
    );
    // 单位驻村, U1: 01-12 (10 days), 03-15 (10), 05-20 (5), 09-01 (6):
    // 4 visits, 31 days ≥ 30: met.
    let out = report(&dir(), &year, &["--quota", "单位驻村", "--format", "json"]);
    assert_eq!(
        json_rows(&out),
        [("U1".into(), "单位驻村".into(), 1, 1, Some(1.0))]
    );
}

#[test]
fn a_year_as_of_october_is_progress_not_a_miss() {
    // As of 2026-10-15 the year has not ended: H2's one visit is no miss
    // yet, and U1's 4 visits and 31 days are not counted as met either.
    let year = ["--year", "2026", "--as-of", "2026-10-15"];
    let out = report(
        &dir(),
        &year,
        &["--quota", "联系户", "--missing", "--format", "csv"],
    );
    assert_eq!(csv_rows(&out), Vec::<String>::new());
    let out = report(&dir(), &year, &["--quota", "单位驻村", "--format", "json"]);
    assert_eq!(
        json_rows(&out),
        [("U1".into(), "单位驻村".into(), 0, 0, None)]
    );
    // The table shows the progress: done so far and still needed.
    let out = report(&dir(), &year, &["--quota", "单位驻村", "--lang", "en"]);
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("2026: 4/4 visits, 31/30 days"), "{text}");
}

#[test]
fn a_month_owes_no_year_or_quarter_that_is_not_inside_it() {
    // --month 2026-03: only March lies inside; the quarter Q1 and the year
    // begin before it. 月走访 in March: A1 met (03-10), A2 not owed (from
    // 03-15), A3 missed, A4 missed, U1 met (03-15).
    let out = report(
        &dir(),
        &["--month", "2026-03", "--as-of", "2026-12-31"],
        &["--format", "json"],
    );
    assert_eq!(
        json_rows(&out),
        [
            ("A1".into(), "月走访".into(), 1, 1, Some(1.0)),
            ("A3".into(), "月走访".into(), 1, 0, Some(0.0)),
            ("A4".into(), "月走访".into(), 1, 0, Some(0.0)),
            ("U1".into(), "月走访".into(), 1, 1, Some(1.0)),
        ]
    );
}

#[test]
fn a_quarter_as_of_its_last_day_has_ended() {
    // --from 2026-04-01 --to 2026-06-30 as of 06-30: Q2 ends on D, so it
    // is owed: A1 and A2 had no lecture in it.
    let out = report(
        &dir(),
        &[
            "--from",
            "2026-04-01",
            "--to",
            "2026-06-30",
            "--as-of",
            "2026-06-30",
        ],
        &["--quota", "季度宣讲", "--format", "json"],
    );
    assert_eq!(
        json_rows(&out),
        [
            ("A1".into(), "季度宣讲".into(), 1, 0, Some(0.0)),
            ("A2".into(), "季度宣讲".into(), 1, 0, Some(0.0)),
        ]
    );
}

#[test]
fn county_filter_and_unknown_quota() {
    let out = report(
        &dir(),
        &HALF_YEAR,
        &[
            "--county",
            "测试区",
            "--quota",
            "季度宣讲",
            "--format",
            "csv",
        ],
    );
    assert_eq!(csv_rows(&out).len(), 2);
    let (code, _, err) = run_on(&dir(), &["report", "quotas", "--quota", "周走访"]);
    assert_eq!(code, 2);
    assert!(err.contains("周走访") && err.contains("月走访"), "{err}");
}

#[test]
fn every_format_writes() {
    let tmp = tempfile::tempdir().unwrap();
    for ext in ["csv", "json", "md", "html", "xlsx"] {
        let path = tmp.path().join(format!("quotas.{ext}"));
        let path_text = path.display().to_string();
        let mut args = HALF_YEAR.to_vec();
        args.extend(["-o", &path_text]);
        report(&dir(), &args, &[]);
        let bytes = std::fs::read(&path).unwrap();
        assert!(!bytes.is_empty(), "{ext}");
        if ext == "xlsx" {
            let names = common::xlsx_sheet_names(&bytes);
            assert_eq!(names, ["定额完成"], "{ext}");
            let rows = common::xlsx_sheet(&bytes, "定额完成");
            let a3 = common::row_starting(&rows, "A3");
            assert_eq!(common::number(&rows[a3][5]), 4.0);
        } else {
            let text = String::from_utf8(bytes).unwrap();
            assert!(text.contains("季度宣讲"), "{ext}");
        }
    }
}

#[test]
fn the_summary_appends_households_and_each_quota() {
    // Appended after the keys of docs/reports.md and long_term (no problem
    // here: 0): households (H1, H2 of
    // 丙村, H4 of 乙村; H3's link begins 07-01, after D = 06-30) — 3, linked
    // by the active A4 and A2: 3 covered; then per quota owed, met, rate. 月走访: owed
    // 6 + 3 + 4 + 6 + 6 = 25 (A1, A2, A3, A4, U1), met 4 + 1 + 3 + 2 + 3 =
    // 13, 13/25 = 0.52; 季度宣讲: owed 2 + 1 = 3, met 1, 0.3333; 单位驻村
    // and 联系户: only progress, 0 owed, rate undefined.
    let out = ok_on(
        &dir(),
        &[
            "report",
            "summary",
            "--from",
            "2026-01-01",
            "--to",
            "2026-06-30",
            "--as-of",
            "2026-06-30",
            "--format",
            "csv",
        ],
    );
    let text = String::from_utf8(out).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    assert!(
        header.ends_with(
            "satisfaction_rate,long_term,households,households_covered,\
             quota:月走访:owed,quota:月走访:met,quota:月走访:rate,\
             quota:季度宣讲:owed,quota:季度宣讲:met,quota:季度宣讲:rate,\
             quota:单位驻村:owed,quota:单位驻村:met,quota:单位驻村:rate,\
             quota:联系户:owed,quota:联系户:met,quota:联系户:rate"
        ),
        "{header}"
    );
    let row = lines.next().unwrap();
    assert!(
        row.ends_with(",0,3,3,25,13,0.52,3,1,0.3333,0,0,,0,0,"),
        "{row}"
    );
}

#[test]
fn coverage_lists_households_no_active_cadre_links() {
    // As of 2026-03-01: H4 (乙村) is linked only by A2, who starts 03-15;
    // H1, H2 have the active A4; H3's link begins 07-01. The regions
    // first: 乙村 is A2's point only, and 丙村 lies under A4's point 二镇,
    // which does not cover its villages.
    let out = ok_on(
        &dir(),
        &[
            "report",
            "coverage",
            "--as-of",
            "2026-03-01",
            "--format",
            "csv",
        ],
    );
    assert_eq!(
        csv_rows(&out),
        [
            "450001,测试区,village,450001001002,乙村,一镇",
            "450001,测试区,village,450001002001,丙村,二镇",
            "450001,测试区,household,H4,赵四,一镇",
        ]
    );
}

#[test]
fn households_in_toml_give_the_same_figures() {
    let (_tmp, copy) = common::temp_copy("quotas");
    std::fs::remove_file(copy.join("households.csv")).unwrap();
    std::fs::write(
        copy.join("households.toml"),
        r#"
[[household]]
id = "H1"
name = "王一"
place = "450001002001"
cadres = ["A4"]

[[household]]
id = "H2"
name = "王二"
place = "450001002001"
kind = "城市困难居民"
cadres = "A4"

[[household]]
id = "H3"
name = "李三"
place = "450001001001"
cadres = ["A1"]
start = 2026-07-01

[[household]]
id = "H4"
name = "赵四"
place = "450001001002"
kind = "other"
cadres = ["A2"]
"#,
    )
    .unwrap();
    let args = ["--year", "2026", "--as-of", "2026-12-31"];
    let extra = ["--format", "json"];
    assert_eq!(
        json_rows(&report(&copy, &args, &extra)),
        json_rows(&report(&dir(), &args, &extra))
    );
}

#[test]
fn a_visit_of_zero_days_is_an_error() {
    let (_tmp, copy) = common::temp_copy("quotas");
    let path = copy.join("visits/2026.csv");
    let mut text = std::fs::read_to_string(&path).unwrap();
    // Line 22: after the header and 20 visits.
    text.push_str("2026-10-01,U1,450001001001,workday,0,,\n");
    std::fs::write(&path, text).unwrap();
    let (code, doc) = common::check_json(&copy, &[]);
    assert_eq!(code, 1);
    // One error (check's --as-of 2026-03-31 makes later visits warnings).
    assert_eq!(common::counts(&doc).0, 1);
    let bad = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["check"] == "invalid-number")
        .unwrap();
    assert_eq!(bad["line"], 22);
    assert_eq!(bad["field"], "days");
    assert_eq!(bad["value"], "0");
}

/// The fixture's households as a clerk's workbook: sheet 帮扶户 with a
/// title merged across (row 1), the header on row 2 (序号, the place in the
/// name columns 县（区）/乡镇（街道）/村（社区）, the county merged down
/// over the records), cadres by name, H3's start a date cell; a footer
/// row. `h4_village` is H4's 村（社区） cell (乙村 in the fixture).
fn households_workbook(path: &Path, h4_village: &str) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let plain = Format::new();
    let date = Format::new().set_num_format("yyyy/m/d");
    let sheet = book.add_worksheet().set_name("帮扶户").unwrap();
    sheet
        .merge_range(0, 0, 0, 8, "测试区联村联户帮扶户名册", &plain)
        .unwrap();
    let header = [
        "序号",
        "户编号",
        "户主姓名",
        "县（区）",
        "乡镇（街道）",
        "村（社区）",
        "帮扶户类型",
        "帮扶干部",
        "结对日期",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    sheet.merge_range(2, 3, 5, 3, "测试区", &plain).unwrap();
    // id, head, township, village, kind, cadre (by name).
    let rows = [
        ("H1", "王一", "二镇", "丙村", "农村特困户", "丁四"),
        ("H2", "王二", "二镇", "丙村", "城市困难居民", "丁四"),
        ("H3", "李三", "一镇", "甲村", "农村", "甲一"),
        ("H4", "赵四", "一镇", h4_village, "其他", "乙二"),
    ];
    for (i, (id, head, township, village, kind, cadre)) in rows.iter().enumerate() {
        let r = 2 + i as u32;
        sheet.write_number(r, 0, (i + 1) as f64).unwrap();
        for (c, text) in [
            (1, id),
            (2, head),
            (4, township),
            (5, village),
            (6, kind),
            (7, cadre),
        ] {
            sheet.write_string(r, c, *text).unwrap();
        }
    }
    let start = ExcelDateTime::from_ymd(2026, 7, 1).unwrap();
    sheet
        .write_datetime_with_format(4, 8, &start, &date)
        .unwrap();
    sheet.write_string(6, 0, "填表人：张三").unwrap();
    book.save(path).unwrap();
}

#[test]
fn households_in_a_workbook_by_name_give_the_same_figures() {
    let (_tmp, copy) = common::temp_copy("quotas");
    std::fs::remove_file(copy.join("households.csv")).unwrap();
    households_workbook(&copy.join("households.xlsx"), "乙村");
    let (code, doc) = common::check_json(&copy, &[]);
    assert_eq!(code, 0, "{doc}");
    // The year's figures and the uncovered households as of 03-01 are
    // those of the CSV fixture, whose numbers the tests above work out.
    let args = ["--year", "2026", "--as-of", "2026-12-31"];
    let extra = ["--format", "json"];
    assert_eq!(
        json_rows(&report(&copy, &args, &extra)),
        json_rows(&report(&dir(), &args, &extra))
    );
    let coverage = [
        "report",
        "coverage",
        "--as-of",
        "2026-03-01",
        "--format",
        "csv",
    ];
    assert_eq!(ok_on(&copy, &coverage), ok_on(&dir(), &coverage));
}

#[test]
fn a_household_of_a_workbook_at_a_township_names_its_sheet_and_row() {
    let (_tmp, copy) = common::temp_copy("quotas");
    std::fs::remove_file(copy.join("households.csv")).unwrap();
    // H4 (row 6) with no village: its place is the township 一镇.
    households_workbook(&copy.join("households.xlsx"), "");
    let (code, doc) = common::check_json(&copy, &[]);
    assert_eq!(code, 1, "{doc}");
    let found: Vec<(String, String, u64, String)> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["check"].as_str().unwrap_or("").to_string(),
                // The file as given, under the copy's folder.
                f["file"]
                    .as_str()
                    .unwrap_or("")
                    .rsplit('/')
                    .next()
                    .unwrap_or("")
                    .to_string(),
                f["line"].as_u64().unwrap_or(0),
                f["sheet"].as_str().unwrap_or("").to_string(),
            )
        })
        .filter(|f| f.0 == "household-village")
        .collect();
    assert_eq!(
        found,
        [(
            "household-village".to_string(),
            "households.xlsx".to_string(),
            6,
            "帮扶户".to_string()
        )]
    );
}
