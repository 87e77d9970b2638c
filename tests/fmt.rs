//! `bangcun fmt` through the real binary: canonical output, lossless
//! round trips, files with errors left alone, `--check`, and writes that
//! a crash cannot leave half done.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{bangcun, root, snapshot, temp_copy, temp_copy_of};
use predicates::prelude::*;

fn fmt(dir: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    bangcun()
        .arg("fmt")
        .arg("--data")
        .arg(dir)
        .args(args)
        .assert()
}

fn read(path: PathBuf) -> String {
    fs::read_to_string(path).unwrap()
}

#[test]
fn messy_files_become_canonical() {
    let (_temp, dir) = temp_copy("fmt-messy");
    let toml_before = fs::read(dir.join("visits/2026-04.toml")).unwrap();
    let leaves_before = fs::read(dir.join("leaves.csv")).unwrap();
    fmt(&dir, &["--lang", "en"])
        .success()
        .stdout(predicate::str::contains(
            "formatted 4 files; 1 already canonical, 0 left alone",
        ));

    // GB18030 + CRLF in; UTF-8 + LF out. Rows by code; the two padding
    // columns (no header, no value) and the blank row dropped; "county" in
    // a Chinese file becomes 县级; the unknown column 备注 kept, quotes
    // doubled only where needed.
    assert_eq!(
        read(dir.join("regions.csv")),
        "区划代码,名称,层级,上级代码,备注\n\
         411002,魏都区,县级,,城区\n\
         411002001,东大街道,乡级,411002,\n\
         411002001002,新兴社区,村级,411002001,\"旧名：\"\"新兴\"\"\"\n"
    );
    // By id; dates in ISO form; needless quotes gone; the list cell as
    // written.
    assert_eq!(
        read(dir.join("cadres.csv")),
        "编号,姓名,级别,单位,联系点,开始日期,结束日期\n\
         C1,张三,市级,许昌市自然资源和规划局,411002001；411002001002,2024-12-01,2026-12-31\n\
         C2,李四,县级,魏都区农业农村局,411002001002,2025-01-01,\n"
    );
    // By date then cadre; the blank note trimmed; the unknown 天气 kept.
    assert_eq!(
        read(dir.join("visits/2026-03.csv")),
        "日期,干部编号,地点代码,类型,座谈会场次,走访人次,备注,天气\n\
         2026-03-10,C1,411002001,接访,0,3,,雨\n\
         2026-03-10,C2,411002001002,工作日下沉,0,5,,\n\
         2026-03-20,C2,411002001002,座谈会,1,12,\"讨论道路硬化,修渠\",晴\n"
    );
    // An English file (BOM, CRLF) stays English: lower-case names, English
    // words; the line break inside a quoted cell is the cell's own.
    assert_eq!(
        read(dir.join("problems.csv")),
        "id,found,place,cadre,source,category,summary,unit,deadline,rectified,verified,satisfaction\n\
         P1,2026-03-10,411002001,,inspection,人居环境,垃圾清运不及时,东大街道,,2026-03-15,2026-03-25,satisfied\n\
         P2,2026-03-20,411002001002,C2,cadre,基础设施,\"路灯不亮\r\n夜间出行难\",魏都区住建局,2026-04-20,,,\n"
    );
    // Canonical already, and TOML is never rewritten.
    assert_eq!(fs::read(dir.join("leaves.csv")).unwrap(), leaves_before);
    assert_eq!(
        fs::read(dir.join("visits/2026-04.toml")).unwrap(),
        toml_before
    );
}

#[test]
fn gb18030_files_keep_every_record() {
    let (_temp, dir) = temp_copy("fmt-messy");
    let before = snapshot(&dir);
    // 3 regions, 2 cadres, 3 + 1 visits, 2 problems, 1 leave; two
    // unknown-column warnings (备注 in regions, 天气 in visits).
    let records: usize = before.values().map(|(r, _)| r.len()).sum();
    let findings: usize = before.values().map(|(_, f)| f.len()).sum();
    assert_eq!((records, findings), (3 + 2 + 4 + 2 + 1, 2));
    fmt(&dir, &[]).success();
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn the_sample_data_round_trips_and_fmt_is_idempotent() {
    let (_temp, dir) = temp_copy_of(&root().join("data"));
    let before = snapshot(&dir);
    fmt(&dir, &[]).success();
    assert_eq!(snapshot(&dir), before);
    fmt(&dir, &["--check", "--lang", "en"])
        .success()
        .stdout(predicate::str::contains("0 files not in canonical form"));
}

#[test]
fn check_changes_nothing_and_lists_the_files() {
    let (_temp, dir) = temp_copy("fmt-messy");
    let before = fs::read(dir.join("regions.csv")).unwrap();
    fmt(&dir, &["--check", "--lang", "en"])
        .code(1)
        .stdout(predicate::str::contains("not in canonical form: "))
        .stdout(predicate::str::contains("regions.csv"))
        .stdout(predicate::str::contains("visits/2026-03.csv"))
        .stdout(predicate::str::contains(
            "4 files not in canonical form (run bangcun fmt); 1 canonical, 0 not checked",
        ));
    assert_eq!(fs::read(dir.join("regions.csv")).unwrap(), before);
}

#[test]
fn files_with_errors_are_left_alone() {
    let (_temp, dir) = temp_copy("fmt-messy");
    // An impossible date: an invalid-date error in the visits file.
    let visits = dir.join("visits/2026-03.csv");
    let mut bytes = fs::read(&visits).unwrap();
    bytes.extend_from_slice(b"2026/2/30,C1,411002001,,0,1,,\r\n");
    fs::write(&visits, &bytes).unwrap();
    fmt(&dir, &["--lang", "en"])
        .code(1)
        .stdout(predicate::str::contains("left alone, 1 error: "))
        .stdout(predicate::str::contains(
            "visits/2026-03.csv (run bangcun check",
        ))
        .stdout(predicate::str::contains(
            "formatted 3 files; 1 already canonical, 1 left alone",
        ));
    assert_eq!(fs::read(&visits).unwrap(), bytes);
    assert!(read(dir.join("regions.csv")).starts_with("区划代码,名称,层级,上级代码,备注\n"));
}

#[test]
fn each_file_is_replaced_by_a_rename_never_rewritten_in_place() {
    let (temp, dir) = temp_copy("fmt-messy");
    // A second name for the old file: were fmt to truncate and rewrite
    // the file in place, a crash could leave half a file, and this name
    // would see the change. A write to a temporary file renamed over the
    // old name leaves the old file whole.
    let regions = dir.join("regions.csv");
    let old = temp.path().join("old-regions.csv");
    fs::hard_link(&regions, &old).unwrap();
    let before = fs::read(&old).unwrap();
    fmt(&dir, &[]).success();
    assert_eq!(fs::read(&old).unwrap(), before);
    assert_ne!(fs::read(&regions).unwrap(), before);
    // No temporary file is left behind.
    let names: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
}

#[cfg(unix)]
#[test]
fn a_permission_survives_the_rewrite() {
    use std::os::unix::fs::PermissionsExt;
    let (_temp, dir) = temp_copy("fmt-messy");
    let regions = dir.join("regions.csv");
    fs::set_permissions(&regions, fs::Permissions::from_mode(0o640)).unwrap();
    fmt(&dir, &[]).success();
    let mode = fs::metadata(&regions).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
}

#[cfg(unix)]
#[test]
fn a_symlinked_file_is_rewritten_through_the_link() {
    let (temp, dir) = temp_copy("fmt-messy");
    let real = temp.path().join("real-cadres.csv");
    fs::rename(dir.join("cadres.csv"), &real).unwrap();
    std::os::unix::fs::symlink(&real, dir.join("cadres.csv")).unwrap();
    fmt(&dir, &[]).success();
    assert!(
        fs::symlink_metadata(dir.join("cadres.csv"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(read(real).starts_with("编号,姓名,级别,单位,联系点,开始日期,结束日期\nC1,"));
}

/// Kills `fmt` at several moments of its run over the sample data made
/// messy: whenever the kill lands, each file is either the old one or the
/// new one, whole, and the folder holds the same records. Where the kills
/// land is up to the machine's speed; the next test stops a run midway for
/// certain.
#[test]
fn a_killed_fmt_leaves_each_file_old_or_new() {
    let (_temp, messy) = temp_copy_of(&root().join("data"));
    // CRLF everywhere, so that every CSV file has to change.
    for file in &csv_files(&messy) {
        let text = read(file.clone());
        fs::write(file, text.replace('\n', "\r\n")).unwrap();
    }
    let (_done_temp, done) = temp_copy_of(&messy);
    let started = std::time::Instant::now();
    fmt(&done, &[]).success();
    let run = started.elapsed();
    // Kills spread over a whole run, however fast this machine is.
    for percent in [0, 40, 60, 75, 85, 95] {
        let delay = run * percent / 100;
        let (_temp, dir) = temp_copy_of(&messy);
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("bangcun"))
            .args(["fmt", "--data"])
            .arg(&dir)
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        files_old_or_new(&dir, &messy, &done);
    }
}

/// `fmt` stopped for certain in the middle of a run, some files done and
/// some not: by a file size limit that the last file it writes exceeds,
/// which kills it (SIGXFSZ) while it writes that file's temporary copy.
#[cfg(unix)]
#[test]
fn a_fmt_stopped_mid_run_leaves_each_file_old_or_new() {
    let (_temp, messy) = temp_copy("fmt-messy");
    // Files are rewritten in folder order, a thread taking the next when
    // it is done with one: when the last (leaves.csv) is taken, all the
    // others have been, and all are done but those the other threads are
    // still writing. With 32 small files more than the fixture's, one at
    // least is done on a machine of up to 32 cores.
    for i in 0..32 {
        fs::write(
            messy.join(format!("visits/extra-{i:02}.csv")),
            "日期,干部编号,地点代码\r\n2026-03-10,C1,411002001\r\n",
        )
        .unwrap();
    }
    // leaves.csv, written last: some 200 kB, past the limit set below
    // (64 blocks of 512 or 1024 bytes), which the others stay under.
    let mut leaves = read(messy.join("leaves.csv")).replace('\n', "\r\n");
    leaves.push_str(&"C1,2026-03-01,2026-03-05,年休假\r\n".repeat(5000));
    fs::write(messy.join("leaves.csv"), leaves).unwrap();
    let (_done_temp, done) = temp_copy_of(&messy);
    fmt(&done, &[]).success();

    let (_temp, dir) = temp_copy_of(&messy);
    let stopped = std::process::Command::new("sh")
        .args(["-c", "ulimit -c 0 && ulimit -f 64 && exec \"$0\" \"$@\""])
        .arg(assert_cmd::cargo::cargo_bin("bangcun"))
        .args(["fmt", "--data"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(stopped.status.code(), None, "not killed: {stopped:?}");
    let files = csv_files(&dir).len();
    let new = files_old_or_new(&dir, &messy, &done);
    assert!(0 < new && new < files, "{new} of {files} files done");
}

/// Checks each CSV file in `dir` is whole: as in `old` or as in `new`;
/// and the folder holds `old`'s records. Returns how many are new.
fn files_old_or_new(dir: &Path, old: &Path, new: &Path) -> usize {
    let mut done = 0;
    for file in csv_files(dir) {
        let relative = file.strip_prefix(dir).unwrap();
        let now = fs::read(&file).unwrap();
        let before = fs::read(old.join(relative)).unwrap();
        let after = fs::read(new.join(relative)).unwrap();
        assert!(
            now == before || now == after,
            "{} is neither",
            relative.display()
        );
        done += usize::from(now == after && now != before);
    }
    assert_eq!(snapshot(dir), snapshot(old));
    done
}

fn csv_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(csv_files(&path));
        } else if path.extension().is_some_and(|e| e == "csv") {
            out.push(path);
        }
    }
    out.sort();
    out
}

#[test]
fn formula_cells_are_kept_as_text_and_read_back_the_same() {
    // A problem whose summary and unit Excel would compute, in a copy of
    // base; an unknown column too.
    let (_temp, dir) = temp_copy("base");
    let path = dir.join("problems.csv");
    let mut text = read(path.clone());
    text.push_str("P09,2026-02-01,411001001,C01,,基础设施,=cmd|' /C calc'!A0,@SUM(1),,,,\n");
    fs::write(&path, &text).unwrap();
    let before = snapshot(&dir);
    fmt(&dir, &[]).success();
    let after = read(path.clone());
    // The cells now begin with an apostrophe, which a spreadsheet takes as
    // "this is text" …
    assert!(after.contains(",'=cmd|' /C calc'!A0,'@SUM(1),"), "{after}");
    // … and the records are what they were: the loader reads the
    // apostrophe off again.
    assert_eq!(snapshot(&dir), before);
    // A second fmt changes nothing.
    fmt(&dir, &["--check"]).success();
}
