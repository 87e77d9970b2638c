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

/// A file `fmt` wrote: it begins with the BOM of the canonical form
/// (EF BB BF), and the text after it.
fn read_canonical(path: PathBuf) -> String {
    let bytes = fs::read(&path).unwrap();
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or_else(|| {
        panic!("{} does not begin with a BOM", path.display());
    });
    String::from_utf8(text.to_vec()).unwrap()
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

    // GB18030 + CRLF in; UTF-8 with a BOM + LF out. Rows by code; the two padding
    // columns (no header, no value) and the blank row dropped; "county" in
    // a Chinese file becomes 县级; the unknown column 备注 kept, quotes
    // doubled only where needed.
    assert_eq!(
        read_canonical(dir.join("regions.csv")),
        "区划代码,名称,层级,上级代码,备注\n\
         411002,魏都区,县级,,城区\n\
         411002001,东大街道,乡级,411002,\n\
         411002001002,新兴社区,村级,411002001,\"旧名：\"\"新兴\"\"\"\n"
    );
    // By id; dates in ISO form; needless quotes gone; the list cell as
    // written.
    assert_eq!(
        read_canonical(dir.join("cadres.csv")),
        "编号,姓名,级别,单位,联系点,开始日期,结束日期\n\
         C1,张三,市级,许昌市自然资源和规划局,411002001；411002001002,2024-12-01,2026-12-31\n\
         C2,李四,县级,魏都区农业农村局,411002001002,2025-01-01,\n"
    );
    // By date then cadre; the blank note trimmed; the unknown 天气 kept.
    assert_eq!(
        read_canonical(dir.join("visits/2026-03.csv")),
        "日期,干部编号,地点代码,类型,座谈会场次,走访人次,备注,天气\n\
         2026-03-10,C1,411002001,接访,0,3,,雨\n\
         2026-03-10,C2,411002001002,工作日下沉,0,5,,\n\
         2026-03-20,C2,411002001002,座谈会,1,12,\"讨论道路硬化,修渠\",晴\n"
    );
    // An English file (BOM, CRLF) stays English: lower-case names, English
    // words; the line break inside a quoted cell is the cell's own.
    assert_eq!(
        read_canonical(dir.join("problems.csv")),
        "id,found,place,cadre,source,category,summary,unit,deadline,rectified,verified,satisfaction\n\
         P1,2026-03-10,411002001,,inspection,人居环境,垃圾清运不及时,东大街道,,2026-03-15,2026-03-25,satisfied\n\
         P2,2026-03-20,411002001002,C2,cadre,基础设施,\"路灯不亮\r\n夜间出行难\",魏都区住建局,2026-04-20,,,\n"
    );
    // Canonical already (with its BOM), and TOML is never rewritten.
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
    assert!(
        read_canonical(dir.join("regions.csv")).starts_with("区划代码,名称,层级,上级代码,备注\n")
    );
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
    // A link to a file inside the data folder (the loader follows no
    // other: see tests/load.rs for one that leads out).
    let (_temp, dir) = temp_copy("fmt-messy");
    fs::create_dir(dir.join("kept")).unwrap();
    let real = dir.join("kept/real-cadres.csv");
    fs::rename(dir.join("cadres.csv"), &real).unwrap();
    std::os::unix::fs::symlink("kept/real-cadres.csv", dir.join("cadres.csv")).unwrap();
    fmt(&dir, &[]).success();
    assert!(
        fs::symlink_metadata(dir.join("cadres.csv"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(read_canonical(real).starts_with("编号,姓名,级别,单位,联系点,开始日期,结束日期\nC1,"));
}

/// Kills `fmt` at several moments of its run over the sample data made
/// messy: whenever the kill lands, each file is either the old one or the
/// new one, whole, and the folder holds the same records. Where the kills
/// land is up to the machine's speed; the next test stops a run midway for
/// certain.
#[test]
fn a_killed_fmt_leaves_each_file_old_or_new() {
    let sample = Messy::new();
    // Kills spread over a whole run, however fast this machine is.
    for percent in [0, 40, 60, 75, 85, 95] {
        let (_temp, dir) = sample.stopped_at(percent, |child| {
            let _ = child.kill();
        });
        files_old_or_new(&dir, &sample.messy, &sample.done);
    }
}

/// The sample data with CRLF everywhere, so that every CSV file has to
/// change; the same formatted; and how long formatting it took.
struct Messy {
    _temps: (tempfile::TempDir, tempfile::TempDir),
    messy: PathBuf,
    done: PathBuf,
    run: std::time::Duration,
}

impl Messy {
    fn new() -> Messy {
        let (messy_temp, messy) = temp_copy_of(&root().join("data"));
        for file in &csv_files(&messy) {
            let text = read(file.clone());
            fs::write(file, text.replace('\n', "\r\n")).unwrap();
        }
        let (done_temp, done) = temp_copy_of(&messy);
        let started = std::time::Instant::now();
        fmt(&done, &[]).success();
        Messy {
            _temps: (messy_temp, done_temp),
            messy,
            done,
            run: started.elapsed(),
        }
    }

    /// `fmt` on a copy, stopped by `stop` at `percent` of a run: the copy.
    fn stopped_at(
        &self,
        percent: u32,
        stop: impl FnOnce(&mut std::process::Child),
    ) -> (tempfile::TempDir, PathBuf) {
        let (temp, dir) = temp_copy_of(&self.messy);
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("bangcun"))
            .args(["fmt", "--data"])
            .arg(&dir)
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(self.run * percent / 100);
        stop(&mut child);
        let _ = child.wait();
        (temp, dir)
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
    // The signal removed the temporary file it stopped the write of.
    assert_eq!(temp_files(&dir), Vec::<PathBuf>::new());
}

/// `fmt` stopped by SIGTERM or SIGINT at moments spread over its run: each
/// file is old or new, and no temporary file is left, whenever the signal
/// lands (a handler removes the one being written).
#[cfg(unix)]
#[test]
fn a_signal_leaves_no_temporary_file() {
    let sample = Messy::new();
    for (percent, signal) in [
        (50, "TERM"),
        (70, "INT"),
        (80, "TERM"),
        (90, "INT"),
        (95, "HUP"),
    ] {
        let (_temp, dir) = sample.stopped_at(percent, |child| {
            let sent = std::process::Command::new("kill")
                .arg(format!("-{signal}"))
                .arg(child.id().to_string())
                .status()
                .unwrap();
            assert!(sent.success());
        });
        assert_eq!(
            temp_files(&dir),
            Vec::<PathBuf>::new(),
            "SIG{signal} at {percent}%"
        );
        files_old_or_new(&dir, &sample.messy, &sample.done);
    }
}

/// A temporary file that a bangcun killed outright (SIGKILL, which no
/// handler sees) left: `check` warns about it, `fmt --check` lists it,
/// `fmt` removes it. One that a running bangcun is writing is neither.
#[test]
fn leftover_temporary_files_are_named_and_removed() {
    let (_temp, dir) = temp_copy("fmt-messy");
    // Process 4194304 never runs (Linux ids are below 2^22); this test's
    // own process does.
    let left = "data/visits/.2026-03.csv.bangcun-4194304-0.tmp";
    let mine = format!("data/.regions.csv.bangcun-{}-0.tmp", std::process::id());
    let top = dir.parent().unwrap();
    fs::write(top.join(left), "日期,干部编号\n2026-03").unwrap();
    fs::write(top.join(&mine), "区划代码").unwrap();
    let run = |args: &[&str]| {
        bangcun()
            .current_dir(top)
            .args(args)
            .args(["--lang", "en", "--data", "data"])
            .output()
            .unwrap()
    };
    let output = run(&["check", "--format", "json"]);
    let doc = common::parse_json(&output);
    let seen: Vec<(String, String)> = common::findings(&doc)
        .into_iter()
        .map(|f| (f.check, f.file))
        .filter(|(check, _)| check == "leftover-temp-file")
        .collect();
    assert_eq!(seen, [("leftover-temp-file".to_string(), left.to_string())]);
    assert_eq!(common::status(&output), 0);

    let output = run(&["fmt", "--check"]);
    assert_eq!(common::status(&output), 1);
    let said = String::from_utf8(output.stdout).unwrap();
    let line = format!("leftover temporary file: {left} (bangcun fmt removes it)\n");
    assert!(said.starts_with(&line), "{said}");
    assert!(top.join(left).exists());

    let output = run(&["fmt"]);
    assert_eq!(common::status(&output), 0);
    let said = String::from_utf8(output.stdout).unwrap();
    let line = format!("removed a leftover temporary file: {left}\n");
    assert!(said.starts_with(&line), "{said}");
    assert!(!top.join(left).exists());
    assert!(top.join(&mine).exists());
}

/// Rows appended to a visits file while `fmt` runs are never lost: each
/// lands before fmt reads the file (and is formatted with it), after it
/// replaces it (and is appended to the new file), or in between, where fmt
/// sees the file changed and leaves it alone (exit 1). (Only an append
/// within the rename itself, a few microseconds, could still be lost:
/// one append per run at a moment spread over it makes that a chance of
/// about one in ten thousand.)
#[test]
fn rows_appended_while_fmt_runs_are_kept() {
    use std::io::Write as _;
    let (_temp, messy) = temp_copy_of(&root().join("data"));
    // One big file to format, out of order, so that fmt spends time on it.
    let visits = messy.join("visits/2026-03.csv");
    let text = read(visits.clone());
    let (header, rows) = text.split_once('\n').unwrap();
    let mut rows: Vec<&str> = rows.lines().collect();
    rows.reverse();
    let mut big = format!("{header}\r\n");
    for _ in 0..10 {
        for row in &rows {
            big.push_str(row);
            big.push_str("\r\n");
        }
    }
    fs::write(&visits, &big).unwrap();
    let (_done_temp, done) = temp_copy_of(&messy);
    let started = std::time::Instant::now();
    fmt(&done, &[]).code(0);
    let run = started.elapsed();
    let mut left_alone = 0;
    for (i, percent) in [30, 50, 60, 70, 80, 90].into_iter().enumerate() {
        let (_temp, dir) = temp_copy_of(&messy);
        let file = dir.join("visits/2026-03.csv");
        let appended = format!("2026-03-2{i},C000001,411002001,,0,{i},追加\n");
        let appender = std::thread::spawn({
            let file = file.clone();
            let appended = appended.clone();
            move || {
                std::thread::sleep(run * percent / 100);
                let mut f = fs::OpenOptions::new().append(true).open(file).unwrap();
                f.write_all(appended.as_bytes()).unwrap();
            }
        });
        let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("bangcun"))
            .args(["fmt", "--lang", "en", "--data"])
            .arg(&dir)
            .output()
            .unwrap();
        appender.join().unwrap();
        let now = read(file);
        assert!(
            now.contains(&appended),
            "the row appended at {percent}% is lost"
        );
        let said = String::from_utf8_lossy(&output.stdout);
        if common::status(&output) == 1 {
            assert!(
                said.contains("changed after it was checked or while it was formatted, left alone"),
                "{said}"
            );
            left_alone += 1;
        }
    }
    // Whether any append landed while fmt was at work depends on the
    // machine's speed; what matters is that none was lost.
    let _ = left_alone;
}

/// The temporary files of bangcun's writes under `dir`.
fn temp_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(temp_files(&path));
        } else if path.to_string_lossy().contains(".bangcun-") {
            out.push(path);
        }
    }
    out
}

/// Checks each CSV file in `dir` is whole: as in `old` or as in `new`;
/// and the folder holds `old`'s records (a temporary file a kill left is
/// no record, only a warning). Returns how many are new.
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
    let mut records = snapshot(dir);
    records.retain(|file, _| !file.contains(".bangcun-"));
    assert_eq!(records, snapshot(old));
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
