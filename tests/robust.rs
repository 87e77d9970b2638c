//! Inputs that must not break bangcun, through the real binary: each gives
//! a finding or a clear error, never a panic, and `fmt` leaves such files
//! alone. Each test works on a copy of the small, clean `ci-data` folder.

mod common;

use std::fs;
use std::path::Path;

use common::{bangcun, temp_copy};
use predicates::prelude::*;

/// `bangcun COMMAND --lang en --data DIR`.
fn run(dir: &Path, command: &str) -> assert_cmd::assert::Assert {
    bangcun()
        .args([command, "--lang", "en", "--data"])
        .arg(dir)
        .assert()
}

fn check(dir: &Path) -> assert_cmd::assert::Assert {
    run(dir, "check")
}

#[test]
fn a_huge_cell_is_read_and_a_huge_bad_value_is_shown_short() {
    let (_temp, dir) = temp_copy("ci-data");
    // 8 MiB of note is a valid (if odd) note.
    let note = "注".repeat(8 << 20 >> 2);
    fs::write(
        dir.join("visits/huge.csv"),
        format!("日期,干部编号,地点代码,备注\n2026-03-11,C1,411002001,{note}\n"),
    )
    .unwrap();
    check(&dir).success();
    // 8 MiB in a date: one invalid-date error, its value cut to 100
    // characters.
    let date = format!("2026-03-{}", "9".repeat(8 << 20));
    fs::write(
        dir.join("visits/huge.csv"),
        format!("日期,干部编号,地点代码\n{date},C1,411002001\n"),
    )
    .unwrap();
    let out = check(&dir)
        .code(1)
        .stdout(predicate::str::contains("invalid-date"))
        .stdout(predicate::str::contains(
            "… (8388616 bytes)\" is not a valid date",
        ));
    assert!(out.get_output().stdout.len() < 2000);
    run(&dir, "fmt").code(1);
}

#[test]
fn a_million_columns() {
    let (_temp, dir) = temp_copy("ci-data");
    // A header padded with a million empty cells, and a row that fills
    // them: the padding is no column, and the data under it a warning.
    let padding = ",".repeat(1_000_000);
    fs::write(
        dir.join("visits/wide.csv"),
        format!("日期,干部编号,地点代码{padding}\n2026-03-11,C1,411002001{padding}x\n"),
    )
    .unwrap();
    check(&dir).success().stdout(predicate::str::contains(
        "a column without a header holds data",
    ));
    // A row of a million cells under a three-column header.
    fs::write(
        dir.join("visits/wide.csv"),
        format!(
            "日期,干部编号,地点代码\n2026-03-11,C1,411002001{}\n",
            ",x".repeat(1_000_000)
        ),
    )
    .unwrap();
    check(&dir).code(1).stdout(predicate::str::contains(
        "this row has 1000003 fields but the header has 3",
    ));
}

#[test]
fn a_folder_named_like_a_data_file() {
    let (_temp, dir) = temp_copy("ci-data");
    fs::remove_file(dir.join("leaves.csv")).unwrap();
    fs::create_dir(dir.join("leaves.csv")).unwrap();
    check(&dir)
        .code(1)
        .stdout(predicate::str::contains("error[unreadable-file]"))
        .stdout(predicate::str::contains("not a regular file"));
    // Inside a kind's folder, a folder is walked like any other.
    fs::create_dir(dir.join("visits/2026-04.csv")).unwrap();
    fs::write(
        dir.join("visits/2026-04.csv/x.csv"),
        "日期,干部编号,地点代码\n2026-04-10,C1,411002001\n",
    )
    .unwrap();
    check(&dir)
        .code(1)
        .stdout(predicate::str::contains("6 records read"));
    run(&dir, "fmt").code(1);
}

#[cfg(unix)]
#[test]
fn an_unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let (_temp, dir) = temp_copy("ci-data");
    let locked = dir.join("visits/2026-03.csv");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&locked).is_ok() {
        // Root reads a file whatever its permissions; a named pipe, which
        // no one can read as a file, stands in for it. (A link to a file
        // whose read fails, such as /proc/self/mem, would lead out of the
        // data folder, which is a finding of its own.)
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o644)).unwrap();
        fs::remove_file(&locked).unwrap();
        let made = std::process::Command::new("mkfifo")
            .arg(&locked)
            .status()
            .unwrap();
        assert!(made.success());
    }
    check(&dir)
        .code(1)
        .stdout(predicate::str::contains("error[unreadable-file]"))
        .stdout(predicate::str::contains("visits/2026-03.csv"));
    run(&dir, "fmt")
        .code(1)
        .stdout(predicate::str::contains("left alone, 1 error"));
}

#[test]
fn bytes_that_are_no_text() {
    let (_temp, dir) = temp_copy("ci-data");
    // Neither UTF-8 nor GB18030: 0xFF starts no character in either. Each
    // file is a finding of its own, naming the line decoding failed at.
    fs::write(dir.join("regions.csv"), b"\xFF\xFF\xFF\n").unwrap();
    fs::write(dir.join("bangcun.toml"), b"name = \"\xFF\"\n").unwrap();
    check(&dir)
        .code(1)
        .stdout(
            predicate::str::contains("/regions.csv:1")
                .and(predicate::str::contains("/bangcun.toml:1")),
        )
        .stdout(predicate::str::contains("error[bad-encoding]").count(2));
}
