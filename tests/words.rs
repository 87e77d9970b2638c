//! The words clerks write (docs/data.md, "Words clerks write"): headings
//! and values as offices write them, `[aliases]`, places and cadres by
//! name, dates as Excel leaves them, text deadlines and status columns —
//! each driven through the real binary over a small folder, with the exact
//! file, line and check of every finding.

mod common;

use std::fs;
use std::path::Path;

use common::{bangcun, check_json, findings, temp_copy};
use serde_json::Value;

/// A copy of `tests/fixtures/base` with `files` written over it (a file
/// given as empty is removed).
fn base_with(files: &[(&str, &str)]) -> (tempfile::TempDir, std::path::PathBuf) {
    let (temp, data) = temp_copy("base");
    for (name, text) in files {
        let path = data.join(name);
        if text.is_empty() {
            let _ = fs::remove_file(&path);
        } else {
            fs::write(&path, text).unwrap();
        }
    }
    (temp, data)
}

/// `(check, file within the data folder, line, field, value)` of every
/// finding of `check --format json`.
type Found = (String, String, Option<u64>, Option<String>, Option<String>);

fn found(data: &Path) -> (i32, Vec<Found>) {
    let (code, doc) = check_json(data, &[]);
    let seen = findings(&doc)
        .into_iter()
        .map(|f| {
            let file = f
                .file
                .rsplit_once("data/")
                .map_or(f.file.clone(), |(_, name)| name.to_string());
            (f.check, file, f.line, f.field, f.value)
        })
        .collect();
    (code, seen)
}

fn f(check: &str, file: &str, line: u64, field: &str, value: &str) -> Found {
    let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
    (
        check.to_string(),
        file.to_string(),
        Some(line),
        opt(field),
        opt(value),
    )
}

/// `report summary --format json` over `data` as of 2026-03-31: the total
/// row.
fn total(data: &Path) -> Value {
    let out = bangcun()
        .args(["report", "summary", "--format", "json", "--as-of"])
        .arg("2026-03-31")
        .arg("--data")
        .arg(data)
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    doc["total"].clone()
}

#[test]
fn headings_and_values_as_clerks_write_them() {
    // Synonym headings in another order, and the words clerks use: 排查,
    // 群众反映, 督查发现 as sources; 乡镇/村/社区 as levels.
    let (_t, data) = base_with(&[
        (
            "problems.csv",
            "编号,发现时间,地点代码,帮联干部,问题来源,问题类别,存在问题,整改责任单位,完成时限,完成时间,销号时间,群众满意度\n\
             P01,2026-01-10,411001001001,C01,排查,基础设施,路面破损,县交通局,2026-02-10,2026-01-25,2026-02-05,满意\n\
             P02,2026-01-20,411001002001,,群众反映,人居环境,垃圾堆放,西乡政府,,,,\n\
             P03,2026-02-10,411001001,C01,督查发现,安全生产,电线老化,县供电公司,,2026-02-14,,基本满意\n",
        ),
        (
            "regions.csv",
            "区划代码,区划名称,层级,上级区划代码\n\
             411001,测试县,县（市、区）,\n\
             411001001,东乡,乡镇,411001\n\
             411001002,西乡,街道,411001\n\
             411001001001,东一村,村,411001001\n\
             411001001002,东二村,社区,411001001\n\
             411001002001,西一村,村委会,411001002\n\
             411001002002,西二村,居委会,411001002\n",
        ),
    ]);
    let (code, seen) = found(&data);
    assert_eq!((code, seen), (0, vec![]));
    // Three problems, one found by a cadre (排查): identification 1/3;
    // rectified P01 and P03: 2/3; both satisfied or basic: 2/2.
    let total = total(&data);
    assert_eq!(total["problems"], 3);
    assert_eq!(total["identification_rate"], 0.3333);
    assert_eq!(total["rectification_rate"], 0.6667);
    assert_eq!(total["satisfaction_rate"], 1.0);
}

#[test]
fn an_offices_own_words_are_aliases() {
    let (_t, data) = base_with(&[(
        "problems.csv",
        "问题编号,发现日期,地点代码,发现干部,来源,类别,问题描述\n\
         P01,2026-01-10,411001001001,,职能部门移交,基础设施,路面破损\n\
         P02,2026-01-20,411001002001,,部门转办,人居环境,垃圾堆放\n",
    )]);
    // Without the alias: 职能部门移交 is no source (and so the cadre is not
    // asked for); with it, an inspection, which needs no cadre.
    let (code, seen) = found(&data);
    assert_eq!(code, 1);
    assert_eq!(
        seen,
        vec![
            f("invalid-value", "problems.csv", 2, "source", "职能部门移交"),
            f("invalid-value", "problems.csv", 3, "source", "部门转办"),
        ]
    );
    let config = fs::read_to_string(data.join("bangcun.toml")).unwrap();
    fs::write(
        data.join("bangcun.toml"),
        format!(
            "{config}\n[aliases]\nsource = {{ \"职能部门移交\" = \"inspection\", \"部门转办\" = \"督导暗访\" }}\n"
        ),
    )
    .unwrap();
    let (code, seen) = found(&data);
    assert_eq!((code, seen), (0, vec![]));
    // Both inspections: identification 0/2.
    assert_eq!(total(&data)["identification_rate"], 0.0);
}

#[test]
fn bad_aliases_name_key_and_line() {
    let (_t, data) = base_with(&[]);
    let config = fs::read_to_string(data.join("bangcun.toml")).unwrap();
    let lines = config.lines().count() as u64;
    fs::write(
        data.join("bangcun.toml"),
        format!(
            "{config}\n[aliases]\nsummary = {{ \"x\" = \"y\" }}\nsource = {{ \"移交\" = \"elsewhere\", \"信访\" = \"inspection\" }}\n"
        ),
    )
    .unwrap();
    let (code, seen) = found(&data);
    assert_eq!(code, 1);
    // summary has no words; elsewhere is no source; 信访 is a petition
    // already.
    assert_eq!(
        seen,
        vec![
            f(
                "invalid-config",
                "bangcun.toml",
                lines + 3,
                "aliases",
                "summary"
            ),
            f(
                "invalid-config",
                "bangcun.toml",
                lines + 4,
                "aliases",
                "信访"
            ),
            f(
                "invalid-config",
                "bangcun.toml",
                lines + 4,
                "aliases",
                "\"elsewhere\""
            ),
        ]
    );
}

/// Regions where names repeat: two 南关社区 in two counties, a 大罗庄村委会,
/// a 西关街道办事处.
const NAMED_REGIONS: &str = "code,name,level,parent\n\
    411001,测试县,county,\n\
    411001001,东乡,township,411001\n\
    411001002,西乡,township,411001\n\
    411001001001,东一村,village,411001001\n\
    411001001002,东二村,village,411001001\n\
    411001002001,西一村,village,411001002\n\
    411001002002,西二村,village,411001002\n\
    411002,魏都区,county,\n\
    411002001,西关街道办事处,township,魏都区\n\
    411002001001,南关社区居委会,village,西关街道\n\
    411002001002,大罗庄村委会,village,西关街道办事处\n\
    411003,建安区,county,\n\
    411003001,南关镇,township,411003\n\
    411003001001,南关社区,village,南关镇\n";

#[test]
fn places_and_cadres_by_name() {
    let (_t, data) = base_with(&[
        ("regions.csv", NAMED_REGIONS),
        (
            "cadres.csv",
            "编号,姓名,级别,单位,联系点\n\
             C01,张市,市级,测试市委办公室,东乡;东一村\n\
             C02,李县,县级,测试县委办公室,西乡\n\
             C03,王乡,乡级,东乡人民政府,东二村\n\
             C04,赵乡,乡级,西乡人民政府,西一村\n\
             C05,钱区,县级,魏都区委,魏都区/西关街道/南关社区;大罗庄\n",
        ),
        (
            "visits/2026-01.csv",
            "日期,干部编号,地点代码\n\
             2026-01-10,张市,东一村\n\
             2026-01-20,钱区,魏都区南关社区\n\
             2026-01-20,C05,大罗庄村\n",
        ),
        (
            "problems.csv",
            "问题编号,发现日期,地点代码,发现干部,类别,问题描述\n\
             P01,2026-01-10,测试县东乡东一村,张市,基础设施,路面破损\n\
             P02,2026-01-20,西关街道,钱区,人居环境,垃圾堆放\n",
        ),
        ("leaves.csv", "cadre,from,to\n王乡,2026-02-18,2026-02-22\n"),
        ("visits/2026-02.toml", ""),
    ]);
    let (code, seen) = found(&data);
    assert_eq!((code, seen), (0, vec![]));
    // Two problems, both found by cadres, none rectified.
    let total = total(&data);
    assert_eq!(total["problems"], 2);
    assert_eq!(total["identification_rate"], 1.0);
    // Visits: C01 (张市) on 01-10, C05 (钱区) twice on 01-20. Work days
    // January to March: C01 the 10th, C02 and C05 the 20th, C03 and C04
    // the 20th, 3 each, but C03 (王乡) is on leave on 02-20: 3+3+2+3+3 =
    // 14 due; attended: C01 on 01-10 and C05 on 01-20.
    assert_eq!(total["visits"], 3);
    assert_eq!(total["workdays_due"], 14);
    assert_eq!(total["workdays_attended"], 2);
}

#[test]
fn names_that_match_several_or_none() {
    let (_t, data) = base_with(&[
        ("regions.csv", NAMED_REGIONS),
        (
            "cadres.csv",
            "编号,姓名,级别,单位,联系点\n\
             C01,张市,市级,测试市委办公室,东乡\n\
             C02,张市,县级,测试县委办公室,西乡\n\
             C03,王乡,乡级,东乡人民政府,东二村\n\
             C04,赵乡,乡级,西乡人民政府,西一村\n",
        ),
        (
            "visits/2026-01.csv",
            "日期,干部编号,地点代码\n\
             2026-01-10,张市,东一村\n\
             2026-01-20,王乡,南关社区\n\
             2026-01-20,王乡,东三村\n\
             2026-01-20,李四,东二村\n\
             2026-01-20,C03,4.11001E+11\n\
             2026-01-20,王相,东二村\n",
        ),
        ("problems.csv", ""),
        ("leaves.csv", ""),
    ]);
    let (code, seen) = found(&data);
    assert_eq!(code, 1);
    assert_eq!(
        seen,
        vec![
            f("ambiguous-cadre", "visits/2026-01.csv", 2, "cadre", "张市"),
            f(
                "ambiguous-place",
                "visits/2026-01.csv",
                3,
                "place",
                "南关社区"
            ),
            f("unknown-region", "visits/2026-01.csv", 4, "place", "东三村"),
            f("unknown-cadre", "visits/2026-01.csv", 5, "cadre", "李四"),
            f(
                "mangled-code",
                "visits/2026-01.csv",
                6,
                "place",
                "4.11001E+11"
            ),
            f("unknown-cadre", "visits/2026-01.csv", 7, "cadre", "王相"),
        ]
    );
    // The candidates with their codes and paths, the nearest names, and
    // what to do about the code.
    let out = bangcun()
        .args(["check", "--data"])
        .arg(&data)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(
            "“张市”对应 2 名干部：C01 张市（测试市委办公室）；C02 张市（测试县委办公室）"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "“南关社区”对应 2 个区划：411002001001 魏都区/西关街道办事处/南关社区居委会；411003001001 建安区/南关镇/南关社区"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "名称相近的区划：411001001001 测试县/东乡/东一村；411001001002 测试县/东乡/东二村"
        ),
        "{text}"
    );
    // 王相 is one character from 王乡 (C03); 李四 is two from every name
    // of these two-character names, more than half its length.
    assert!(
        text.contains("姓名相近的干部：C03 王乡（东乡人民政府）；或在 cadres.csv 中补充该干部"),
        "{text}"
    );
    assert!(
        text.contains("填写干部编号，或按 cadres.csv 中的姓名书写"),
        "{text}"
    );
    assert!(text.contains("文本"), "{text}");
}

#[test]
fn keys_excel_mangled() {
    // A region's code and a problem's id typed as numbers: the code is
    // lost, so is everything under it (no follow-on findings for them).
    let (_t, data) = base_with(&[
        (
            "regions.csv",
            "code,name,level,parent\n\
             411001,测试县,county,\n\
             411001001,东乡,township,411001\n\
             4.11001E+08,西乡,township,411001\n\
             411001001001,东一村,village,411001001\n\
             411001001002,东二村,village,411001001\n",
        ),
        (
            "problems.csv",
            "问题编号,发现日期,地点代码,发现干部,类别,问题描述\n\
             1.2E+3,2026-01-10,411001001001,C01,基础设施,路面破损\n",
        ),
        (
            "cadres.csv",
            "编号,姓名,级别,联系点\nC01,张市,市级,411001001\n",
        ),
        (
            "visits/2026-01.csv",
            "date,cadre,place\n2026-01-10,C01,411001001\n",
        ),
        ("visits/2026-02.toml", ""),
        ("leaves.csv", ""),
    ]);
    let (code, seen) = found(&data);
    assert_eq!(code, 1);
    assert_eq!(
        seen,
        vec![
            f("mangled-code", "regions.csv", 4, "code", "4.11001E+08"),
            f("mangled-code", "problems.csv", 2, "id", "1.2E+3"),
        ]
    );
}

#[test]
fn dates_as_excel_leaves_them() {
    // 46032 is 2026-01-10: 2026-01-01 is day 46023 of Excel's 1900 system.
    let (_t, data) = base_with(&[
        (
            "visits/2026-01.csv",
            "date,cadre,place,kind,forums,people,note\n\
             46032,C01,411001001001,workday,1,12,\n\
             2026/1/20 0:00,C02,411001002001,workday,0,8,\n\
             2026-01-20 00:00:00,C03,411001001002,forum,1,15,\n\
             20260120,C04,411001002001,workday,0,6,\n\
             1/20/26,C04,411001002001,workday,0,6,\n",
        ),
        ("visits/2026-02.toml", ""),
    ]);
    let (code, seen) = found(&data);
    assert_eq!(code, 1);
    assert_eq!(
        seen,
        vec![f(
            "invalid-date",
            "visits/2026-01.csv",
            6,
            "date",
            "1/20/26"
        )]
    );
    let out = bangcun()
        .args(["check", "--data"])
        .arg(&data)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("“1/20/26”是月/日/年的写法"), "{text}");
    // The four January work days are all attended: C01 on the 10th (the
    // serial date), C02, C03 and C04 on the 20th.
    let out = bangcun()
        .args([
            "report", "summary", "--format", "json", "--month", "2026-01", "--data",
        ])
        .arg(&data)
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["total"]["workdays_due"], 4);
    assert_eq!(doc["total"]["workdays_attended"], 4);
}

#[test]
fn text_deadlines_long_term_and_the_ledgers_own_columns() {
    let (_t, data) = base_with(&[(
        "problems.csv",
        "问题编号,发现日期,地点代码,发现干部,类别,问题描述,整改时限,整改日期,销号日期,整改状态,是否销号,整改措施,责任人,整改情况,备注\n\
         P01,2026-01-10,411001001001,C01,基础设施,路面破损,立行立改,,,未整改,否,修补路面,王五,未开工,急\n\
         P02,2026-01-20,411001002001,C02,人居环境,垃圾堆放,长期坚持,,,整改中,否,,,,\n\
         P03,2026-02-01,411001001,C01,基础设施,路灯损坏,2月底前,2026-02-20,,已整改,否,,,,\n\
         P04,2026-02-10,411001002,C02,人居环境,污水外溢,2026年底前,,,整改中,,,,,\n\
         P05,2026-03-01,411001001002,C03,安全生产,电线老化,立行立改，长期坚持,2026-03-05,2026-03-10,已完成,是,,,,\n",
    )]);
    let (code, seen) = found(&data);
    assert_eq!((code, seen), (0, vec![]));
    // As of 03-31: five problems; P03 and P05 rectified; P01 overdue (its
    // deadline is the day found, 01-10); P02 long-term, not overdue; P04
    // due 12-31.
    let total = total(&data);
    assert_eq!(total["problems"], 5);
    assert_eq!(total["rectified"], 2);
    assert_eq!(total["overdue"], 1);
    assert_eq!(total["long_term"], 1);
    // The overdue list: P01, 03-31 − 01-10 = 80 days, with what the ledger
    // says of it.
    let out = bangcun()
        .args([
            "report",
            "overdue",
            "--format",
            "csv",
            "--as-of",
            "2026-03-31",
            "--data",
        ])
        .arg(&data)
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(
            "id,county_code,place,category,unit,found,deadline,days_overdue,cadre,summary,measures,owner,progress,note"
        )
    );
    assert_eq!(
        lines.next(),
        Some(
            "P01,411001,411001001001,基础设施,,2026-01-10,2026-01-10,80,C01,路面破损,修补路面,王五,未开工,急"
        )
    );
    assert_eq!(lines.next(), None);
    // The monthly summary for March says so under its overdue list.
    let out = bangcun()
        .args([
            "report",
            "monthly",
            "--month",
            "2026-03",
            "--as-of",
            "2026-03-31",
            "--data",
        ])
        .arg(&data)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("另有 1 个长期整改问题（长期坚持），没有整改时限，不计逾期。"),
        "{text}"
    );
    assert!(text.contains("| 长期整改 |"), "{text}");
    // The summary CSV: long_term follows satisfaction_rate (issue 11's
    // household keys come after it).
    let out = bangcun()
        .args([
            "report",
            "summary",
            "--format",
            "csv",
            "--as-of",
            "2026-03-31",
            "--data",
        ])
        .arg(&data)
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .contains(",satisfaction_rate,long_term,"),
        "{csv}"
    );
}

#[test]
fn status_columns_against_the_dates() {
    let (_t, data) = base_with(&[(
        "problems.csv",
        "问题编号,发现日期,地点代码,发现干部,类别,问题描述,整改时限,整改日期,销号日期,整改状态,是否销号\n\
         P01,2026-01-10,411001001001,C01,基础设施,路面破损,,,,已整改,\n\
         P02,2026-01-20,411001002001,C02,人居环境,垃圾堆放,,2026-01-25,,未整改,\n\
         P03,2026-02-01,411001001,C01,基础设施,路灯损坏,,2026-02-20,,,√\n\
         P04,2026-02-10,411001002,C02,人居环境,污水外溢,,2026-02-20,2026-02-25,已办结,×\n\
         P05,2026-02-10,411001002,C02,人居环境,污水外溢,尽快,,,,\n",
    )]);
    let (code, seen) = found(&data);
    assert_eq!(code, 1);
    assert_eq!(
        seen,
        vec![
            f("status-conflict", "problems.csv", 2, "status", "已整改"),
            f("status-conflict", "problems.csv", 3, "status", "未整改"),
            f("status-conflict", "problems.csv", 4, "closed", "是"),
            f("status-conflict", "problems.csv", 5, "closed", "否"),
            f("invalid-date", "problems.csv", 6, "deadline", "尽快"),
        ]
    );
    let out = bangcun()
        .args(["check", "--data"])
        .arg(&data)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("整改状态为“已整改”，但没有填写整改日期"),
        "{text}"
    );
    assert!(text.contains("填写销号日期（核实销号的那一天）"), "{text}");
}

#[test]
fn name_columns_filled_down() {
    // A ledger as a clerk saves it from a sheet whose county and township
    // are merged down: each on the first row of its group only, the
    // header on line 3 under a title and a 截至 row. Line 5 fills down
    // 测试县/东乡; line 7 魏都区/西关街道 and finds 大罗庄村委会; line 8
    // is 南关镇 itself (no village); line 9 fills down 建安区/南关镇, in
    // which there is no 东一村 (a wrong fill is caught, not guessed).
    let (_t, data) = base_with(&[
        ("regions.csv", NAMED_REGIONS),
        (
            "problems.csv",
            "许昌市联乡帮村问题台账\n\
             截至2026年3月31日\n\
             序号,问题编号,发现日期,县（区）,乡镇（街道）,村（社区）,发现干部,类别,问题描述\n\
             1,P01,2026-01-10,测试县,东乡,东一村,C01,基础设施,路面破损\n\
             2,P02,2026-01-20,,,东二村,C01,人居环境,垃圾堆放\n\
             3,P03,2026-02-01,魏都区,西关街道,南关社区,C02,基础设施,路灯损坏\n\
             4,P04,2026-02-10,,,大罗庄,C02,人居环境,污水外溢\n\
             5,P05,2026-02-10,建安区,南关镇,,C02,人居环境,污水外溢\n\
             6,P06,2026-02-11,,,东一村,C02,人居环境,污水外溢\n\
             填表人：张三,,,,,,,,\n",
        ),
    ]);
    let (code, seen) = found(&data);
    assert_eq!(code, 1);
    assert_eq!(
        seen,
        vec![f(
            "unknown-region",
            "problems.csv",
            9,
            "place",
            "建安区/南关镇/东一村"
        )]
    );
    // Five problems read, all by cadres.
    assert_eq!(total(&data)["problems"], 5);
}
