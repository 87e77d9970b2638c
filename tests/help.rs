//! Help, usage errors and the list of checks in the user's language (issue
//! 8, item 11): Chinese by default, `--lang en` or `lang = "en"` in the
//! data folder's bangcun.toml for English, picked before the command line
//! is parsed. Usage errors still exit 2, help 0.

mod common;

use std::path::Path;

use common::{bangcun, status, temp_copy};

/// Runs bangcun in `dir` (no data folder above it unless the test makes
/// one): (exit code, stdout, stderr).
fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = bangcun().current_dir(dir).args(args).output().unwrap();
    (
        status(&out),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The lines of a help that describe an option or a command.
fn entries(help: &str) -> Vec<&str> {
    help.lines().filter(|l| l.starts_with("  ")).collect()
}

#[test]
fn help_is_chinese_by_default() {
    let away = tempfile::tempdir().unwrap();
    for args in [
        &["--help"][..],
        &["check", "--help"],
        &["report", "monthly", "-h"],
        &["help", "report", "summary"],
    ] {
        let (code, out, err) = run_in(away.path(), args);
        assert_eq!((code, err.as_str()), (0, ""), "{args:?}");
        assert!(
            out.contains("用法：bangcun") && out.contains("选项："),
            "{out}"
        );
        for english in [
            "Usage:",
            "Options:",
            "Commands:",
            "Print help",
            "[default:",
            "OPTIONS",
        ] {
            assert!(!out.contains(english), "{args:?}: {english}\n{out}");
        }
        for line in entries(&out) {
            assert!(has_chinese(line), "{args:?}: {line}");
        }
    }
    // The default of init's folder, said once and in Chinese (it was
    // `[default: .] (目录) [default: .]`).
    let (_, out, _) = run_in(away.path(), &["init", "--help"]);
    assert!(out.contains("用法：bangcun init [选项] [目录]"), "{out}");
    assert_eq!(out.matches("[默认：.]").count(), 1, "{out}");
    assert!(!out.contains("default"), "{out}");
}

#[test]
fn help_is_english_with_lang_en() {
    let away = tempfile::tempdir().unwrap();
    for args in [
        &["--lang", "en", "--help"][..],
        &["report", "summary", "--help", "--lang=en"],
    ] {
        let (code, out, _) = run_in(away.path(), args);
        assert_eq!(code, 0);
        assert!(
            out.contains("Usage: bangcun") && out.contains("Options:"),
            "{out}"
        );
        for line in entries(&out) {
            // Only the programme's own names stay Chinese.
            let line = line.replace("联乡帮村", "").replace("两率一度", "");
            assert!(!has_chinese(&line), "{args:?}: {line}");
        }
    }
    let (_, out, _) = run_in(away.path(), &["init", "--help", "--lang", "en"]);
    assert_eq!(out.matches("[default: .]").count(), 1, "{out}");
}

#[test]
fn the_data_folders_lang_picks_the_language_of_help_and_errors() {
    let (temp, data) = temp_copy("base");
    let config = data.join("bangcun.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    assert!(text.contains("lang = \"zh\""));
    std::fs::write(&config, text.replace("lang = \"zh\"", "lang = \"en\"")).unwrap();
    // Found from the current folder, from --data, and from BANGCUN_DATA.
    let (_, out, _) = run_in(&data, &["check", "--help"]);
    assert!(out.contains("Usage: bangcun check"), "{out}");
    let (_, out, _) = run_in(temp.path(), &["--data", "data", "check", "--help"]);
    assert!(out.contains("Usage: bangcun check"), "{out}");
    let out = bangcun()
        .current_dir(temp.path())
        .env("BANGCUN_DATA", &data)
        .args(["report", "summary", "--month", "2026-13"])
        .output()
        .unwrap();
    assert_eq!(status(&out), 2);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("\"2026-13\" is not a month such as 2026-03"),
        "{err}"
    );
    // --lang wins over the folder's.
    let (_, out, _) = run_in(&data, &["check", "--help", "--lang", "zh"]);
    assert!(out.contains("用法：bangcun check"), "{out}");
}

#[test]
fn usage_errors_are_in_the_users_language_and_exit_2() {
    let away = tempfile::tempdir().unwrap();
    let cases: [(&[&str], &str, &str); 7] = [
        (
            &["chek"],
            "错误：没有“chek”这个命令",
            "提示：是不是要用“check”？",
        ),
        (
            &["check", "--foo"],
            "错误：没有“--foo”这个选项",
            "用法：bangcun check [选项]",
        ),
        (
            &["check", "--format", "xml"],
            "错误：选项 --format <格式> 的值“xml”无效",
            "可用的值：human、json、github",
        ),
        (
            &["report", "summary", "--month", "2026-13"],
            "错误：选项 --month <YYYY-MM> 的值无效",
            "“2026-13”不是月份，应如 2026-03",
        ),
        (
            &["report", "summary", "--month", "2026-03", "--year", "2026"],
            "错误：选项 --month <YYYY-MM> 不能与 --year <YYYY> 同时使用",
            "用法：bangcun report summary [选项]",
        ),
        (
            &["init", "a", "b"],
            "错误：多出的参数“b”",
            "用法：bangcun init [选项] [目录]",
        ),
        (
            &["check", "--data"],
            "错误：选项 --data <目录> 后面要给出值",
            "--help",
        ),
    ];
    for (args, first, also) in cases {
        let (code, out, err) = run_in(away.path(), args);
        assert_eq!((code, out.as_str()), (2, ""), "{args:?}");
        assert!(
            err.starts_with(first) && err.contains(also),
            "{args:?}\n{err}"
        );
        assert!(!err.contains("error:") && !err.contains("Usage"), "{err}");
    }
    let (code, _, err) = run_in(away.path(), &["chek", "--lang", "en"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error: unrecognized subcommand 'chek'"),
        "{err}"
    );
    // `report` without a report: its help, on stderr, exit 2.
    let (code, out, err) = run_in(away.path(), &["report"]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("用法：bangcun report [选项] <命令>"), "{err}");
}

#[test]
fn the_list_of_checks_is_in_the_users_language() {
    let away = tempfile::tempdir().unwrap();
    let (code, zh, _) = run_in(away.path(), &["check", "--list"]);
    assert_eq!(code, 0);
    let (_, en, _) = run_in(away.path(), &["check", "--list", "--lang", "en"]);
    assert_eq!(zh.lines().count(), en.lines().count());
    for (zh, en) in zh.lines().zip(en.lines()) {
        let (name, rest) = zh.split_once(' ').unwrap();
        assert!(en.starts_with(&format!("{name} ")), "{en}");
        let rest = rest.trim_start();
        assert!(
            rest.starts_with("错误 ") || rest.starts_with("警告 "),
            "{zh}"
        );
        assert!(has_chinese(rest.split_at(6).1), "{zh}");
        let words = en.split_whitespace().nth(1).unwrap();
        assert!(words == "error" || words == "warning", "{en}");
        assert!(!has_chinese(en), "{en}");
    }
    assert!(
        zh.starts_with("unreadable-file      错误     数据文件无法读取"),
        "{zh}"
    );
}
