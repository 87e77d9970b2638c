//! `bangcun init DIR`: a new data folder that `check` finds clean, made
//! without ever overwriting a file.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use common::{bangcun, status};

/// The UTF-8 byte order mark each CSV file begins with: the files are in
/// the canonical form `fmt` writes.
const BOM: &str = "\u{feff}";

/// The header of each CSV file, from the field tables of docs/data.md.
const ZH_HEADERS: [(&str, &str); 5] = [
    ("regions.csv", "区划代码,名称,层级,上级代码\n"),
    (
        "cadres.csv",
        "编号,姓名,级别,单位,联系点,开始日期,结束日期\n",
    ),
    (
        "visits.csv",
        "日期,干部编号,地点代码,类型,座谈会场次,走访人次,备注,天数,走访户\n",
    ),
    (
        "problems.csv",
        "问题编号,发现日期,地点代码,发现干部,来源,类别,问题描述,责任单位,整改时限,整改日期,销号日期,满意度,整改状态,是否销号,整改措施,责任人,整改情况,备注\n",
    ),
    ("leaves.csv", "干部编号,开始日期,结束日期,事由\n"),
];

const EN_HEADERS: [(&str, &str); 5] = [
    ("regions.csv", "code,name,level,parent\n"),
    ("cadres.csv", "id,name,level,unit,points,start,end\n"),
    (
        "visits.csv",
        "date,cadre,place,kind,forums,people,note,days,household\n",
    ),
    (
        "problems.csv",
        "id,found,place,cadre,source,category,summary,unit,deadline,rectified,verified,satisfaction,status,closed,measures,owner,progress,note\n",
    ),
    ("leaves.csv", "cadre,from,to,reason\n"),
];

fn init(dir: &Path, lang: Option<&str>) -> (i32, String, String) {
    let mut cmd = bangcun();
    cmd.arg("init").arg(dir);
    if let Some(lang) = lang {
        cmd.args(["--lang", lang]);
    }
    let output = cmd.output().unwrap();
    (
        status(&output),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// Every file under `dir` with its content.
fn contents(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        assert!(entry.file_type().unwrap().is_file());
        let name = entry.file_name().into_string().unwrap();
        out.insert(name, fs::read(entry.path()).unwrap());
    }
    out
}

/// The closing line of `check` on `dir`, in the folder's own language.
fn check_closing_line(dir: &Path) -> (i32, String) {
    let output = bangcun()
        .arg("check")
        .arg("--data")
        .arg(dir)
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout.clone()).unwrap();
    (
        status(&output),
        text.lines().last().unwrap_or("").to_string(),
    )
}

#[test]
fn init_makes_a_clean_data_folder_in_chinese() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("新数据");
    let (code, out, err) = init(&dir, None);
    assert_eq!(code, 0, "{err}");
    let files = contents(&dir);
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        vec![
            "bangcun.toml",
            "cadres.csv",
            "leaves.csv",
            "problems.csv",
            "regions.csv",
            "visits.csv"
        ]
    );
    for (name, header) in ZH_HEADERS {
        assert_eq!(
            String::from_utf8(files[name].clone()).unwrap(),
            format!("{BOM}{header}"),
            "{name}"
        );
    }
    let config = String::from_utf8(files["bangcun.toml"].clone()).unwrap();
    assert!(config.contains("\nlang = \"zh\""), "{config}");
    // One line per file made, then what to do next.
    assert_eq!(out.lines().filter(|l| l.starts_with("已创建 ")).count(), 6);
    assert!(out.lines().last().unwrap().starts_with("下一步："), "{out}");

    // check finds it clean, and speaks Chinese as bangcun.toml says: six
    // files, no records.
    assert_eq!(
        check_closing_line(&dir),
        (
            0,
            "检查完成：0 个错误，0 个警告；读取 6 个文件，0 条记录".into()
        )
    );
    // And its files are in canonical form already.
    let output = bangcun()
        .args(["fmt", "--check", "--lang", "en", "--data"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(status(&output), 0, "{output:?}");
}

#[test]
fn init_in_english() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("data");
    let (code, out, _) = init(&dir, Some("en"));
    assert_eq!(code, 0);
    let files = contents(&dir);
    assert_eq!(files.len(), 6);
    for (name, header) in EN_HEADERS {
        assert_eq!(
            String::from_utf8(files[name].clone()).unwrap(),
            format!("{BOM}{header}"),
            "{name}"
        );
    }
    let config = String::from_utf8(files["bangcun.toml"].clone()).unwrap();
    assert!(config.contains("\nlang = \"en\""), "{config}");
    assert_eq!(out.lines().filter(|l| l.starts_with("created ")).count(), 6);
    assert_eq!(
        check_closing_line(&dir),
        (
            0,
            "checked: 0 errors, 0 warnings; 6 files, 0 records read".into()
        )
    );
}

#[test]
fn a_second_init_overwrites_nothing() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("data");
    assert_eq!(init(&dir, None).0, 0);
    // The clerk fills in a region and changes the title; one file is
    // deleted.
    let regions = "区划代码,名称,层级,上级代码\n411001,测试县,县级,\n";
    fs::write(dir.join("regions.csv"), regions).unwrap();
    let config = "name = \"测试县\"\n";
    fs::write(dir.join("bangcun.toml"), config).unwrap();
    fs::remove_file(dir.join("leaves.csv")).unwrap();
    let before = contents(&dir);

    let (code, out, _) = init(&dir, Some("en"));
    assert_eq!(code, 0);
    let after = contents(&dir);
    // The five files left are as they were; only the missing one is made
    // again (in English now).
    for (name, content) in &before {
        assert_eq!(after.get(name), Some(content), "{name}");
    }
    assert_eq!(after.len(), 6);
    assert_eq!(
        after["leaves.csv"],
        "\u{feff}cadre,from,to,reason\n".as_bytes()
    );
    assert_eq!(
        out.lines()
            .filter(|l| l.starts_with("exists, left alone: "))
            .count(),
        5
    );
    assert_eq!(out.lines().filter(|l| l.starts_with("created ")).count(), 1);
}

#[test]
fn init_over_a_data_folder_leaves_its_data_alone() {
    let (_temp, data) = common::temp_copy("base");
    let before = fs::read(data.join("regions.csv")).unwrap();
    let (code, _, _) = init(&data, None);
    assert_eq!(code, 0);
    assert_eq!(fs::read(data.join("regions.csv")).unwrap(), before);
    // base keeps its visits in visits/; init adds an empty visits.csv
    // beside it, which check reads as a header-only file: still clean.
    assert_eq!(
        fs::read_to_string(data.join("visits.csv")).unwrap(),
        format!("{BOM}{}", ZH_HEADERS[2].1)
    );
    let output = bangcun()
        .args(["check", "--as-of", common::AS_OF, "--data"])
        .arg(&data)
        .output()
        .unwrap();
    assert_eq!(status(&output), 0);
}

#[test]
fn init_where_a_file_stands_is_exit_2() {
    let temp = tempfile::tempdir().unwrap();
    let file = temp.path().join("data");
    fs::write(&file, "not a folder").unwrap();
    let (code, out, err) = init(&file, Some("en"));
    assert_eq!(code, 2);
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("cannot make the folder"), "{err}");
    assert_eq!(fs::read_to_string(&file).unwrap(), "not a folder");
}

#[cfg(unix)]
#[test]
fn a_file_init_cannot_write_is_not_left_half_made() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("data");
    // No file may grow past 0 bytes (and the signal for trying is
    // ignored): the first file is created, and writing it fails.
    let output = std::process::Command::new("sh")
        .args(["-c", "trap '' XFSZ; ulimit -f 0; exec \"$0\" \"$@\""])
        .arg(assert_cmd::cargo::cargo_bin("bangcun"))
        .args(["init", "--lang", "en"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(status(&output), 2);
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("cannot write"), "{err}");
    assert_eq!(contents(&dir).len(), 0, "{:?}", contents(&dir).keys());
    // So a second init, which can write, makes every file.
    let (code, out, _) = init(&dir, Some("en"));
    assert_eq!(code, 0);
    assert_eq!(out.lines().filter(|l| l.starts_with("created ")).count(), 6);
}
