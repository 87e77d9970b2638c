//! Findings that name the real cause: each test makes one defect in a copy
//! of `tests/fixtures/base` and asserts the check, the file and line, the
//! exit status, and what the message and its help say — where an earlier
//! message pointed the clerk at the wrong thing to fix.

mod common;

use std::fs;
use std::path::Path;

use common::{AS_OF, bangcun, fixture, parse_json, root, status, temp_copy};
use serde_json::Value;

/// `check --format json --lang LANG` over `data`, run from the folder
/// holding it: the exit status and the findings.
fn check(data: &Path, lang: &str) -> (i32, Vec<Value>) {
    let output = bangcun()
        .current_dir(data.parent().unwrap())
        .args([
            "check", "--format", "json", "--as-of", AS_OF, "--data", "data",
        ])
        .args(["--lang", lang])
        .output()
        .unwrap();
    let doc = parse_json(&output);
    let findings = doc["findings"].as_array().unwrap().clone();
    (status(&output), findings)
}

/// The one finding of a run: its check, file and line, message and help.
fn only(findings: &[Value]) -> (String, String, u64, String, String) {
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let f = &findings[0];
    let text = |k: &str| f[k].as_str().unwrap_or_default().to_string();
    let line = f["line"].as_u64().unwrap_or(0);
    (
        text("check"),
        text("file"),
        line,
        text("message"),
        text("help"),
    )
}

fn replace(path: &Path, old: &str, new: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert_eq!(text.matches(old).count(), 1, "{old:?}");
    fs::write(path, text.replace(old, new)).unwrap();
}

#[test]
fn a_blank_source_is_said_to_count_as_cadre() {
    let (_temp, data) = temp_copy("base");
    // P02 (line 3) has no cadre and was 督导暗访; with the source blanked
    // it counts as 干部排查, which needs a cadre.
    replace(
        &data.join("problems.csv"),
        "P02,2026-01-20,411001002001,,督导暗访,",
        "P02,2026-01-20,411001002001,,,",
    );
    let (code, found) = check(&data, "zh");
    let (name, file, line, message, help) = only(&found);
    assert_eq!(
        (name.as_str(), file.as_str(), line),
        ("missing-value", "data/problems.csv", 3)
    );
    assert_eq!(code, 1);
    assert!(
        message.contains("来源未填写") && message.contains("干部排查"),
        "{message}"
    );
    assert!(
        help.contains("发现干部") && help.contains("督导暗访"),
        "{help}"
    );
    let (_, found) = check(&data, "en");
    let (_, _, _, message, help) = only(&found);
    assert!(message.contains("source is blank"), "{message}");
    assert!(help.contains("inspection"), "{help}");

    // An explicit 干部排查 keeps the message it had.
    replace(
        &data.join("problems.csv"),
        "P02,2026-01-20,411001002001,,,",
        "P02,2026-01-20,411001002001,,干部排查,",
    );
    let (_, found) = check(&data, "zh");
    let (_, _, _, message, _) = only(&found);
    assert!(message.contains("来源为“干部排查”"), "{message}");
}

#[test]
fn a_count_too_large_is_said_to_be_too_large() {
    let (_temp, data) = temp_copy("base");
    // 4,294,967,296 = 2^32, one more than the largest count.
    replace(
        &data.join("visits/2026-01.csv"),
        "2026-01-20,C04,411001002001,workday,0,6,",
        "2026-01-20,C04,411001002001,workday,0,4294967296,",
    );
    let (code, found) = check(&data, "en");
    let (name, file, line, message, _) = only(&found);
    assert_eq!(
        (name.as_str(), file.as_str(), line),
        ("invalid-number", "data/visits/2026-01.csv", 5)
    );
    assert_eq!(code, 1);
    assert!(message.contains("too large"), "{message}");
    assert!(!message.contains("not a whole number"), "{message}");
    // The same in TOML, beyond even a TOML integer (2^63 + 1).
    replace(&data.join("visits/2026-01.csv"), ",4294967296,", ",6,");
    replace(
        &data.join("visits/2026-02.toml"),
        "people = 10",
        "people = 9223372036854775809",
    );
    let (_, found) = check(&data, "zh");
    let (name, file, line, message, _) = only(&found);
    assert_eq!(
        (name.as_str(), file.as_str(), line),
        ("invalid-number", "data/visits/2026-02.toml", 7)
    );
    assert!(message.contains("太大"), "{message}");
    // A negative count is still not a whole number ≥ 0.
    replace(
        &data.join("visits/2026-02.toml"),
        "people = 9223372036854775809",
        "people = -3",
    );
    let (_, found) = check(&data, "en");
    let (_, _, _, message, _) = only(&found);
    assert!(message.contains("not a whole number"), "{message}");
}

#[test]
fn a_huge_unknown_header_is_cut() {
    let (_temp, data) = temp_copy("base");
    // A 1 MiB header cell: its warning shows 100 characters and the size.
    let huge = "备".repeat(1 << 20);
    fs::write(
        data.join("leaves.csv"),
        format!("cadre,from,to,reason,{huge}\nC03,2026-02-18,2026-02-22,病假,\n"),
    )
    .unwrap();
    let output = bangcun()
        .current_dir(data.parent().unwrap())
        .args(["check", "--as-of", AS_OF, "--lang", "en", "--data", "data"])
        .output()
        .unwrap();
    assert_eq!(status(&output), 0);
    let out = String::from_utf8(output.stdout).unwrap();
    assert!(out.contains("warning[unknown-column]"), "{out}");
    assert!(out.contains("--> data/leaves.csv:1"), "{out}");
    // 1,048,576 characters of 3 bytes each.
    assert!(
        out.contains(&format!("{}… (3145728 bytes)", "备".repeat(100))),
        "{out}"
    );
    assert!(out.len() < 4000, "{} bytes of output", out.len());
    // JSON's value is cut the same way.
    let (_, found) = check(&data, "en");
    let value = found[0]["value"].as_str().unwrap();
    assert_eq!(value, format!("{}… (3145728 bytes)", "备".repeat(100)));
    // And a TOML key.
    fs::copy(
        root().join(fixture("base")).join("leaves.csv"),
        data.join("leaves.csv"),
    )
    .unwrap();
    let key = "k".repeat(5000);
    fs::write(
        data.join("visits/2026-02.toml"),
        format!(
            "[[visit]]\ndate = 2026-02-10\ncadre = \"C01\"\nplace = \"411001001\"\n{key} = 1\n"
        ),
    )
    .unwrap();
    let (_, found) = check(&data, "en");
    let (name, file, line, message, _) = only(&found);
    assert_eq!(
        (name.as_str(), file.as_str(), line),
        ("unknown-column", "data/visits/2026-02.toml", 5)
    );
    assert!(message.len() < 300, "{message}");
}

#[test]
fn semicolons_and_tabs_are_read_as_separators() {
    let (_temp, data) = temp_copy("base");
    // cadres.csv with `;` between cells (the points list uses `;` too, so
    // it takes quotes, as Excel writes it), leaves.csv with tabs.
    fs::write(
        data.join("cadres.csv"),
        "编号;姓名;级别;单位;联系点;开始日期;结束日期\n\
         C01;张市;市级;测试市委办公室;\"411001001;411001001001\";;\n\
         C02;李县;县级;测试县委办公室;411001002;;\n\
         C03;王乡;乡级;东乡人民政府;411001001002;2025-06-01;2026-12-31\n\
         C04;赵乡;township;西乡人民政府;411001002001;2026年1月1日;\n",
    )
    .unwrap();
    fs::write(
        data.join("leaves.csv"),
        "cadre\tfrom\tto\treason\nC03\t2026-02-18\t2026-02-22\t病假\n",
    )
    .unwrap();
    let (code, found) = check(&data, "en");
    // Read as the comma-separated base is: nothing to find.
    assert_eq!(found, Vec::<Value>::new());
    assert_eq!(code, 0);
    assert_eq!(records(&data), records(&fixture("base")));
}

/// The records `check` read in a data folder.
fn records(data: &Path) -> u64 {
    let output = bangcun()
        .args(["check", "--format", "json", "--as-of", AS_OF, "--data"])
        .arg(data)
        .output()
        .unwrap();
    parse_json(&output)["counts"]["records"].as_u64().unwrap()
}

#[test]
fn utf16_files_are_read_with_or_without_a_bom() {
    let (_temp, data) = temp_copy("base");
    let text = fs::read_to_string(data.join("visits/2026-01.csv"))
        .unwrap()
        .replace(',', "\t");
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for bytes in [
        [&b"\xFF\xFE"[..], &le].concat(),
        [&b"\xFE\xFF"[..], &be].concat(),
        le.clone(),
        be.clone(),
    ] {
        fs::write(data.join("visits/2026-01.csv"), &bytes).unwrap();
        let (code, found) = check(&data, "en");
        assert_eq!(found, Vec::<Value>::new(), "{:?}", &bytes[..4]);
        assert_eq!(code, 0);
        assert_eq!(records(&data), records(&fixture("base")));
    }
}

#[test]
fn a_data_folder_that_does_not_exist_is_said_not_to_exist() {
    let temp = tempfile::tempdir().unwrap();
    let gone = temp.path().join("台账");
    for (lang, says) in [("en", "does not exist"), ("zh", "不存在")] {
        let output = bangcun()
            .args(["check", "--lang", lang, "--data"])
            .arg(&gone)
            .output()
            .unwrap();
        assert_eq!(status(&output), 2);
        let err = String::from_utf8(output.stderr).unwrap();
        assert!(err.contains(says), "{err}");
        assert!(!err.contains("bangcun.toml"), "{err}");
    }
    // A file is no folder.
    let file = root().join(fixture("base")).join("leaves.csv");
    let output = bangcun()
        .args(["check", "--lang", "en", "--data"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(status(&output), 2);
    let err = String::from_utf8(output.stderr).unwrap();
    assert!(err.contains("is a file, not a folder"), "{err}");
    // BANGCUN_DATA too.
    let output = bangcun()
        .env("BANGCUN_DATA", &gone)
        .args(["check", "--lang", "en"])
        .output()
        .unwrap();
    assert_eq!(status(&output), 2);
    let err = String::from_utf8(output.stderr).unwrap();
    assert!(
        err.contains("BANGCUN_DATA") && err.contains("does not exist"),
        "{err}"
    );
}

#[test]
fn an_unknown_key_is_said_to_be_ignored_and_a_bad_value_defaulted() {
    // Before the fix the notice said `deadlines.day` was "taken at its
    // default", while the setting at its default is `deadlines.days`.
    let (_tmp, dir) = common::small_folder();
    let notice = |toml: &str| {
        fs::write(dir.join("bangcun.toml"), toml).unwrap();
        let (code, _, err) = common::run_on(&dir, &["report", "summary", "--format", "json"]);
        assert_eq!(code, 0);
        err
    };
    let err = notice("[deadlines]\nday = 3\n");
    assert!(
        err.contains("bangcun.toml 中未知的配置项被忽略：deadlines.day"),
        "{err}"
    );
    assert!(!err.contains("默认值"), "{err}");
    let err = notice("[deadlines]\ndays = -1\n");
    assert!(
        err.contains("bangcun.toml 中值无效的设置按默认值计算：deadlines.days"),
        "{err}"
    );
    assert!(!err.contains("忽略"), "{err}");
}

#[test]
fn io_errors_are_said_in_the_users_language() {
    // Before the fix each of these showed the system's English: "No such
    // file or directory (os error 2)", "No space left on device", "Too
    // many levels of symbolic links (os error 40)".
    let (_tmp, dir) = common::small_folder();
    let (code, _, err) = common::run_on(
        &dir,
        &["report", "summary", "-o", "/nonexistent-folder/s.csv"],
    );
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "bangcun: 无法写入 /nonexistent-folder/s.csv：文件或目录不存在\n"
    );
    let (_, _, err) = common::run_on(
        &dir,
        &[
            "--lang",
            "en",
            "report",
            "summary",
            "-o",
            "/nonexistent-folder/s.csv",
        ],
    );
    assert_eq!(
        err,
        "bangcun: cannot write /nonexistent-folder/s.csv: no such file or folder\n"
    );
    // Standard output on a full disk.
    let full = fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("bangcun"))
        .env_remove("BANGCUN_DATA")
        .arg("--data")
        .arg(&dir)
        .args(["report", "summary"])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(status(&out), 2);
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "bangcun: 无法写到标准输出：磁盘空间已满\n"
    );
    // A data file that is a link to itself: a finding in our words.
    std::os::unix::fs::symlink("2026-02.csv", dir.join("visits/2026-02.csv")).unwrap();
    let (code, out, _) = common::run_on(&dir, &["check"]);
    let out = String::from_utf8(out).unwrap();
    assert_eq!(code, 1);
    assert!(
        out.contains("错误[unreadable-file]: 无法读取文件：符号链接层数过多（可能是链接指向了自身，成了循环）"),
        "{out}"
    );
    assert!(!out.contains("os error"), "{out}");
}
