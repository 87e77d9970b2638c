//! `report ratings` and `report reviews` end to end, with the targets of
//! `[targets]`: over `tests/fixtures/ratings` (its figures worked out by
//! hand below), and over the 2022 figures Xuchang published, made by
//! the test.

mod common;

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use common::{root, xlsx_sheet, xlsx_sheet_names};
use serde_json::{Value, json};

fn fixture() -> PathBuf {
    root().join(common::fixture("ratings"))
}

fn json_of(dir: &Path, args: &[&str]) -> Value {
    let out = common::ok_on(dir, args);
    serde_json::from_slice(&out).expect("JSON output")
}

fn text_of(dir: &Path, args: &[&str]) -> String {
    String::from_utf8(common::ok_on(dir, args)).expect("UTF-8")
}

/// The figures of one row, in the order of the keys after its names.
fn figures(row: &Value) -> Vec<Value> {
    [
        "villages",
        "rated",
        "five_star",
        "four_star",
        "three_star",
        "two_star",
        "one_star",
        "stars3_rate",
        "weak",
        "sanling_assessed",
        "sanling_met",
        "sanling_rate",
    ]
    .iter()
    .map(|k| row[*k].clone())
    .collect()
}

// The fixture's ratings of 2025 (ratings.csv and ratings.toml):
//   甲县 一镇: 甲村 5 stars, 三零 yes; 乙村 4星, yes; 丙社区 三星, no;
//        二镇: 丁村 1 star, weak, no; 戊村 未评星 (0: not rated), weak,
//              三零 not assessed.
//   乙县 三镇: 己村 5, yes (TOML); 庚村 2星, 是 (TOML); 辛村 no row.
//   甲村 also has a rating of 2024 (4 stars), which 2025 does not count.
// 甲县: 5 villages, rated 4 (戊村 is not), 1 five, 1 four, 1 three, 0 two,
//   1 one; three or more 3/4 = 0.75; weak 2 (丁村, 戊村); assessed 4 (甲
//   乙 丙 丁), met 2 → 0.5.
// 乙县: 3 villages, rated 2 (辛村 has no row: not rated, not 0 stars); 1
//   five, 1 two; 1/2 = 0.5; weak 0; assessed 2, met 2 → 1.
// Total: 8 villages, rated 6; 2 five, 1 four, 1 three, 1 two, 1 one;
//   4/6 = 0.6667; weak 2; assessed 6, met 4 → 0.6667.

#[test]
fn ratings_per_county_and_in_total() {
    let doc = json_of(
        &fixture(),
        &["report", "ratings", "--year", "2025", "--format", "json"],
    );
    assert_eq!(doc["year"], json!(2025));
    assert!(doc.get("as_of").is_none());
    let rows = doc["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["county_code"], json!("410001"));
    assert_eq!(
        figures(&rows[0]),
        [5, 4, 1, 1, 1, 0, 1]
            .map(|n| json!(n))
            .into_iter()
            .chain([json!(0.75), json!(2), json!(4), json!(2), json!(0.5)])
            .collect::<Vec<_>>()
    );
    assert_eq!(rows[1]["county"], json!("乙县"));
    assert_eq!(
        figures(&rows[1]),
        [3, 2, 1, 0, 0, 1, 0]
            .map(|n| json!(n))
            .into_iter()
            .chain([json!(0.5), json!(0), json!(2), json!(2), json!(1.0)])
            .collect::<Vec<_>>()
    );
    assert_eq!(doc["total"]["county_code"], Value::Null);
    assert_eq!(
        figures(&doc["total"]),
        [8, 6, 2, 1, 1, 1, 1]
            .map(|n| json!(n))
            .into_iter()
            .chain([json!(0.6667), json!(2), json!(6), json!(4), json!(0.6667)])
            .collect::<Vec<_>>()
    );
    // Without --year: the latest year of the data, 2025.
    let latest = json_of(&fixture(), &["report", "ratings", "--format", "json"]);
    assert_eq!(latest, doc);
    // 2024: 甲村's 4 stars alone.
    let old = json_of(
        &fixture(),
        &["report", "ratings", "--year", "2024", "--format", "json"],
    );
    assert_eq!(old["total"]["rated"], json!(1));
    assert_eq!(old["total"]["four_star"], json!(1));
    assert_eq!(old["total"]["stars3_rate"], json!(1.0));
    // A year with no rating: every village not rated, the rates undefined.
    let none = json_of(
        &fixture(),
        &["report", "ratings", "--year", "2023", "--format", "json"],
    );
    assert_eq!(none["total"]["villages"], json!(8));
    assert_eq!(none["total"]["rated"], json!(0));
    assert_eq!(none["total"]["stars3_rate"], Value::Null);
    assert_eq!(none["total"]["sanling_rate"], Value::Null);
}

#[test]
fn ratings_by_township_as_csv() {
    let csv = text_of(
        &fixture(),
        &[
            "report", "ratings", "--year", "2025", "--by", "township", "--format", "csv",
        ],
    );
    // 一镇: 甲 乙 丙, all rated: 5, 4, 3 → 3/3; 三零 2 of 3. 二镇: 丁 (1
    // star, weak) and 戊 (not rated, weak): rated 1, 0 of 1 three or more;
    // 三零 丁 assessed, not met. 三镇 is 乙县.
    assert_eq!(
        csv,
        "county_code,county,township_code,township,villages,rated,five_star,four_star,three_star,two_star,one_star,stars3_rate,weak,sanling_assessed,sanling_met,sanling_rate\n\
         410001,甲县,410001001,一镇,3,3,1,1,1,0,0,1,0,3,2,0.6667\n\
         410001,甲县,410001002,二镇,2,1,0,0,0,0,1,0,2,1,0,0\n\
         410002,乙县,410002001,三镇,3,2,1,0,0,1,0,0.5,0,2,2,1\n\
         ,合计,,,8,6,2,1,1,1,1,0.6667,2,6,4,0.6667\n"
    );
}

// The fixture's targets: rectification_rate 0.9 (a summary figure, not
// in the ratings), five_star 2 (at least: 2 → met), stars3_rate 0.7
// (0.6667: not met; 乙县 0.5 misses it, 甲县 0.75 does not), weak 0 (at
// most: 2, not met; 甲县 has 2), sanling_rate 0.6 (0.6667: met; 甲县's 0.5
// misses it), review_rate 0.8 (the reviews').

#[test]
fn ratings_judge_their_targets() {
    let doc = json_of(&fixture(), &["report", "ratings", "--format", "json"]);
    assert_eq!(
        doc["targets"],
        json!([
            {"figure": "five_star", "target": 2, "at": "at_least", "value": 2, "met": true, "missing": []},
            {"figure": "stars3_rate", "target": 0.7, "at": "at_least", "value": 0.6667, "met": false, "missing": ["410002"]},
            {"figure": "weak", "target": 0, "at": "at_most", "value": 2, "met": false, "missing": ["410001"]},
            {"figure": "sanling_rate", "target": 0.6, "at": "at_least", "value": 0.6667, "met": true, "missing": ["410001"]},
        ])
    );
    let table = text_of(&fixture(), &["report", "ratings"]);
    let targets = table.split("目标完成情况").nth(1).expect("a targets table");
    let line = |figure: &str| {
        targets
            .lines()
            .find(|l| l.starts_with(figure))
            .unwrap_or_else(|| panic!("{figure} in {targets}"))
            .split_whitespace()
            .collect::<Vec<_>>()
    };
    assert_eq!(line("五星"), ["五星", "≥", "2", "2", "达标"]);
    assert_eq!(
        line("三星以上占比"),
        ["三星以上占比", "≥", "70.0%", "66.7%", "未达标", "乙县"]
    );
    assert_eq!(
        line("软弱涣散"),
        ["软弱涣散", "≤", "0", "2", "未达标", "甲县"]
    );
    // By township (see ratings_by_township_as_csv): 三星以上 一镇 1, 二镇
    // 0, 三镇 0.5 — 二镇 and 三镇 miss 0.7; weak: 二镇 2. Each named with
    // its county, since two counties may each have a township of one name.
    let table = text_of(&fixture(), &["report", "ratings", "--by", "township"]);
    let targets = table.split("目标完成情况").nth(1).expect("a targets table");
    let line = |figure: &str| {
        targets
            .lines()
            .find(|l| l.starts_with(figure))
            .unwrap_or_else(|| panic!("{figure} in {targets}"))
            .split_whitespace()
            .collect::<Vec<_>>()
    };
    assert_eq!(
        line("三星以上占比"),
        [
            "三星以上占比",
            "≥",
            "70.0%",
            "66.7%",
            "未达标",
            "甲县二镇、乙县三镇"
        ]
    );
    assert_eq!(
        line("软弱涣散"),
        ["软弱涣散", "≤", "0", "2", "未达标", "甲县二镇"]
    );
}

// The reviews of 2025: C1 张一 18 + 1 of 20 → 0.95; C2 李二 6 + 1 of 10 →
// 0.7; C3 王三 no votes → undefined, listed last. The target 0.8 is for
// every cadre: the lowest rate, C2's 0.7, misses it.

#[test]
fn reviews_lowest_first_and_below_a_threshold() {
    let csv = text_of(&fixture(), &["report", "reviews", "--format", "csv"]);
    assert_eq!(
        csv,
        "cadre,name,level,unit,county_code,satisfied,basic,unsatisfied,rate\n\
         C2,李二,county,县委办,410002,6,1,3,0.7\n\
         C1,张一,city,市委办,410001,18,1,1,0.95\n\
         C3,王三,township,二镇人民政府,410001,0,0,0,\n"
    );
    for below in ["0.8", "80%"] {
        let csv = text_of(
            &fixture(),
            &["report", "reviews", "--below", below, "--format", "csv"],
        );
        assert_eq!(
            csv.lines().skip(1).collect::<Vec<_>>(),
            ["C2,李二,county,县委办,410002,6,1,3,0.7"]
        );
    }
    let doc = json_of(
        &fixture(),
        &["report", "reviews", "--year", "2025", "--format", "json"],
    );
    assert_eq!(doc["year"], json!(2025));
    assert_eq!(
        doc["targets"],
        json!([{"figure": "review_rate", "target": 0.8, "at": "at_least", "value": 0.7, "met": false, "missing": ["C2"]}])
    );
    // A threshold that is no rate is a usage error.
    let (code, _, err) = common::run_on(&fixture(), &["report", "reviews", "--below", "1.5"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn summary_judges_its_targets() {
    // No problem at all: the rectification rate is undefined, and so is
    // whether it meets 0.9 (null, never "met" or 0%).
    let doc = json_of(
        &fixture(),
        &[
            "report",
            "summary",
            "--as-of",
            "2025-12-31",
            "--format",
            "json",
        ],
    );
    assert_eq!(
        doc["targets"],
        json!([{"figure": "rectification_rate", "target": 0.9, "at": "at_least", "value": null, "met": null, "missing": []}])
    );
}

#[test]
fn ratings_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    for ext in ["md", "html", "xlsx", "txt", "csv", "json"] {
        let path = dir.path().join(format!("r.{ext}"));
        let path = path.to_str().unwrap();
        common::ok_on(&fixture(), &["report", "ratings", "-o", path]);
        assert!(fs::metadata(path).unwrap().len() > 100, "{ext}");
    }
    let md = fs::read_to_string(dir.path().join("r.md")).unwrap();
    assert!(md.contains("### 目标完成情况"), "{md}");
    assert!(
        md.contains("| 软弱涣散 | ≤ 0 | 2 | 未达标 | 甲县 |"),
        "{md}"
    );
    let html = fs::read_to_string(dir.path().join("r.html")).unwrap();
    assert!(html.contains("<h2>目标完成情况</h2>"));
    let book = fs::read(dir.path().join("r.xlsx")).unwrap();
    assert_eq!(xlsx_sheet_names(&book), ["评星（按县区）", "目标"]);
    let sheet = xlsx_sheet(&book, "评星（按县区）");
    let total = sheet
        .iter()
        .find(|r| r.iter().any(|c| *c == "合计"))
        .unwrap();
    // villages … as numbers, the rate as a fraction.
    assert_eq!(common::number(&total[1]), 8.0);
    assert!((common::number(&total[8]) - 4.0 / 6.0).abs() < 1e-9);
}

/// Writes a data folder with Xuchang's 2022 ratings as the city published them: 2,349
/// villages and 177 communities, in 7 counties of 15 townships each,
/// every one rated. Five stars: 34 villages and 4 communities; four: 246
/// and 35; three stars or more 1,171 of 2,526 (46.36%), so three stars:
/// 1,171 − 38 − 281 = 852; the other 1,355: 1,000 two stars, 355 one.
/// Weak branches: 65 (to be cleared to 0 in 2023). 三零: every village
/// assessed, 2,109 met: 2,109 / 2,526 = 0.83492 → 83.5%.
fn xuchang_2022(dir: &Path) {
    let mut regions = String::from("code,name,level,parent\n");
    let mut ratings = String::from("place,year,stars,weak,sanling\n");
    for c in 1..=7 {
        let _ = writeln!(regions, "4110{c:02},县{c},county,");
        for t in 1..=15 {
            let _ = writeln!(regions, "4110{c:02}{t:03},县{c}镇{t},township,4110{c:02}");
        }
    }
    // Villages first (0..2349), then communities, dealt round the 105
    // townships; the ones below five and four stars take three stars
    // until 852 have, then two until 1,000 have, then one.
    let villages = 2349;
    let (mut three, mut two) = (852, 1000);
    for i in 0..villages + 177 {
        let community = i >= villages;
        let (n, five, four) = if community {
            (i - villages, 4, 35)
        } else {
            (i, 34, 246)
        };
        let stars = if n < five {
            5
        } else if n < five + four {
            4
        } else if three > 0 {
            three -= 1;
            3
        } else if two > 0 {
            two -= 1;
            2
        } else {
            1
        };
        let township = i % 105;
        let (c, t) = (township / 15 + 1, township % 15 + 1);
        let code = format!("4110{c:02}{t:03}{:03}", i / 105 + 1);
        let name = if community {
            format!("社区{i}")
        } else {
            format!("村{i}")
        };
        let _ = writeln!(regions, "{code},{name},village,4110{c:02}{t:03}");
        let weak = if i % 38 == 7 && i / 38 < 65 {
            "是"
        } else {
            "否"
        };
        let sanling = if i < 2109 { "是" } else { "否" };
        let _ = writeln!(ratings, "{code},2022,{stars},{weak},{sanling}");
    }
    fs::write(dir.join("regions.csv"), regions).unwrap();
    fs::write(dir.join("ratings.csv"), ratings).unwrap();
    fs::write(dir.join("cadres.csv"), "id,name,level,points\n").unwrap();
    fs::write(
        dir.join("bangcun.toml"),
        "name = \"许昌市联乡帮村\"\n\n# 2023 年目标\n[targets]\nfive_star = 60\nstars3_rate = 0.5\nweak = 0\nsanling_rate = 0.8\n",
    )
    .unwrap();
}

#[test]
fn xuchang_2022_as_seed_001_gives_it() {
    let dir = tempfile::tempdir().unwrap();
    xuchang_2022(dir.path());
    let (code, _, err) = common::run_on(dir.path(), &["check"]);
    assert_eq!(code, 0, "{err}");
    let doc = json_of(
        dir.path(),
        &["report", "ratings", "--year", "2022", "--format", "json"],
    );
    let total = &doc["total"];
    assert_eq!(total["villages"], json!(2526));
    assert_eq!(total["rated"], json!(2526));
    assert_eq!(total["five_star"], json!(34 + 4));
    assert_eq!(total["four_star"], json!(246 + 35));
    assert_eq!(total["three_star"], json!(852));
    // 1,171 / 2,526 = 0.463579 → 0.4636 (46.36%).
    assert_eq!(total["stars3_rate"], json!(0.4636));
    assert_eq!(total["weak"], json!(65));
    assert_eq!(total["sanling_assessed"], json!(2526));
    assert_eq!(total["sanling_met"], json!(2109));
    // 2,109 / 2,526 = 0.834917 → 0.8349 (83.5%).
    assert_eq!(total["sanling_rate"], json!(0.8349));
    // The counties add up to the total.
    let rows = doc["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 7);
    let sum = |key: &str| rows.iter().map(|r| r[key].as_u64().unwrap()).sum::<u64>();
    assert_eq!(sum("villages"), 2526);
    assert_eq!(sum("five_star"), 38);
    // The 2023 targets: about 60 five-star (38: not met), over half three
    // stars or more (46.36%: not met), no weak branch (65: not met); 三零
    // ≥ 80% is met by 83.5%.
    let met: Vec<(&str, &Value)> = doc["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["figure"].as_str().unwrap(), &t["met"]))
        .collect();
    assert_eq!(
        met,
        [
            ("five_star", &json!(false)),
            ("stars3_rate", &json!(false)),
            ("weak", &json!(false)),
            ("sanling_rate", &json!(true)),
        ]
    );
    // As people read it: 46.4% of three stars or more … and 83.5%.
    let table = text_of(dir.path(), &["report", "ratings", "--year", "2022"]);
    let total_line = table.lines().find(|l| l.starts_with("合计")).unwrap();
    let cells: Vec<&str> = total_line.split_whitespace().collect();
    assert_eq!(
        cells,
        [
            "合计", "2526", "2526", "38", "281", "852", "1000", "355", "46.4%", "65", "2526",
            "2109", "83.5%"
        ]
    );
}

/// A copy of `tests/fixtures/reports` with ratings, reviews and targets.
/// Ratings of 2025: 一村 5 stars, 三零 yes; 二村 3, no; 四村 (乙县) 2, weak,
/// yes; and one of 2027, after D, which no summary of 2026 shows. Reviews
/// of 2025: K1 9 + 0 of 10 → 0.9; K2 3 + 1 of 8 → 0.5; K4 7 + 1 of 8 → 1.
fn reports_with_ratings() -> (tempfile::TempDir, PathBuf) {
    let (temp, data) = common::temp_copy("reports");
    fs::write(
        data.join("ratings.csv"),
        "place,year,stars,weak,sanling\n\
         410001001001,2025,5,no,yes\n\
         410001001002,2025,3,no,no\n\
         410002001001,2025,2,yes,yes\n\
         410001001001,2027,4,,\n",
    )
    .unwrap();
    fs::write(
        data.join("reviews.csv"),
        "cadre,year,satisfied,basic,unsatisfied\nK1,2025,9,0,1\nK2,2025,3,1,4\nK4,2025,7,1,0\n",
    )
    .unwrap();
    let config = data.join("bangcun.toml");
    let text = fs::read_to_string(&config).unwrap()
        + "\n[targets]\nweak = 0\nreview_rate = 0.8\nrectification_rate = 0.5\n";
    fs::write(&config, text).unwrap();
    (temp, data)
}

#[test]
fn the_monthly_summary_shows_ratings_reviews_and_targets() {
    let (_temp, data) = reports_with_ratings();
    let args = [
        "report",
        "monthly",
        "--month",
        "2026-03",
        "--as-of",
        "2026-04-30",
    ];
    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json"]);
    let doc = json_of(&data, &json_args);
    // The latest year up to D (2026-03-31) is 2025: 4 villages, rated 3
    // (三村 has no row), 1 five, 1 three, 1 two; 2/3 three or more; 1
    // weak; 三零 2 of 3.
    let ratings = &doc["ratings"];
    assert_eq!(ratings["year"], json!(2025));
    assert_eq!(
        figures(&ratings["total"]),
        [4, 3, 1, 0, 1, 1, 0]
            .map(|n| json!(n))
            .into_iter()
            .chain([json!(0.6667), json!(1), json!(3), json!(2), json!(0.6667)])
            .collect::<Vec<_>>()
    );
    // The reviews in sum: 3 cadres, 21 of 26 votes satisfied or basic.
    assert_eq!(
        doc["reviews"],
        json!({"year": 2025, "cadres": 3, "rate": 0.8077})
    );
    // Below the target review_rate 0.8: K2 alone (0.5).
    let below = &doc["reviews_below"];
    assert_eq!(
        (&below["year"], &below["threshold"], &below["count"]),
        (&json!(2025), &json!(0.8), &json!(1))
    );
    assert_eq!(below["rows"][0]["cadre"], json!("K2"));
    // The targets: the month's rectification rate, 4 of 6 at 03-31 (see
    // tests/reports.rs) → 0.6667, met; weak 1 (四村, 乙县), not met; the
    // reviews: the lowest rate, K2's 0.5, is below 0.8: not met.
    let targets: Vec<(&str, &Value, &Value, &Value)> = doc["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["figure"].as_str().unwrap(),
                &t["value"],
                &t["met"],
                &t["missing"],
            )
        })
        .collect();
    assert_eq!(targets.len(), 3);
    assert_eq!(targets[0].0, "rectification_rate");
    assert_eq!((targets[0].1, targets[0].2), (&json!(0.6667), &json!(true)));
    assert_eq!(
        targets[1],
        ("weak", &json!(1), &json!(false), &json!(["410002"]))
    );
    assert_eq!(
        targets[2],
        ("review_rate", &json!(0.5), &json!(false), &json!(["K2"]))
    );

    // --below sets another threshold: K2 (0.5) and K1 (0.9) are below 0.95.
    let mut other = json_args.clone();
    other.extend(["--below", "0.95"]);
    let doc = json_of(&data, &other);
    let cadres: Vec<&Value> = doc["reviews_below"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["cadre"])
        .collect();
    assert_eq!(cadres, [&json!("K2"), &json!("K1")]);

    // For people: the three sections, the targets after the headline.
    let md = text_of(&data, &args);
    let at = |heading: &str| {
        md.find(heading)
            .unwrap_or_else(|| panic!("{heading} in {md}"))
    };
    assert!(at("## 主要指标") < at("## 目标完成情况"));
    assert!(at("## 目标完成情况") < at("## 各县（区）情况"));
    assert!(at("## 没有帮联干部的乡镇和村") < at("## 五星支部评星和三零创建"));
    assert!(at("## 五星支部评星和三零创建") < at("## 群众评议满意率低于标准的干部"));
    assert!(
        md.contains("| 软弱涣散 | ≤ 0 | 1 | 未达标 | 乙县 |"),
        "{md}"
    );
    assert!(
        md.contains("| 评议满意率（最低） | ≥ 80.0% | 50.0% | 未达标 | 李二 |"),
        "{md}"
    );
    assert!(md.contains("共 3 项目标，达标 1 项。"), "{md}");
    assert!(md.contains("共评议帮联干部 3 名，满意和基本满意票占全部票数的 80.8%。满意率低于 80.0% 的干部共 1 名"), "{md}");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.xlsx");
    let mut xlsx = args.to_vec();
    xlsx.extend(["-o", path.to_str().unwrap()]);
    common::ok_on(&data, &xlsx);
    let names = xlsx_sheet_names(&fs::read(&path).unwrap());
    assert!(
        names.ends_with(&[
            "目标".to_string(),
            "评星".to_string(),
            "评议低于标准".to_string()
        ]),
        "{names:?}"
    );
}

#[test]
fn a_monthly_summary_without_ratings_has_none_of_their_sections() {
    let args = [
        "report",
        "monthly",
        "--month",
        "2026-03",
        "--as-of",
        "2026-04-30",
        "--format",
        "json",
    ];
    let doc = json_of(&root().join(common::fixture("reports")), &args);
    for key in ["ratings", "reviews_below", "targets"] {
        assert!(doc.get(key).is_none(), "{key}");
    }
}
