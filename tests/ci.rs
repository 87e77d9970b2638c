//! CI and git integration through the real binary and a real `git`: the
//! plain pre-commit hook in `examples/hooks/`, `check --changed-since`,
//! the exact text of `--format github`, and the step of the GitHub Actions
//! example that finds the bangcun to build.

mod common;

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use common::{bangcun, copy_dir, fixture, root, temp_copy};
use predicates::prelude::*;

/// `git` in `dir`, away from the user's and the system's git settings.
fn git_command(dir: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new("git");
    cmd.current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "文员")
        .env("GIT_AUTHOR_EMAIL", "clerk@example.org")
        .env("GIT_COMMITTER_NAME", "文员")
        .env("GIT_COMMITTER_EMAIL", "clerk@example.org")
        .env("PATH", path_with_bangcun())
        .env_remove("BANGCUN_DATA");
    cmd
}

/// Runs git, which must succeed.
fn git(dir: &Path, args: &[&str]) {
    let out = git_command(dir).args(args).output().unwrap();
    assert!(out.status.success(), "git {args:?}: {}", text(&out));
}

/// PATH with the folder of the bangcun under test first, as a clerk who
/// installed it would have.
fn path_with_bangcun() -> OsString {
    let bin = assert_cmd::cargo::cargo_bin("bangcun");
    let mut paths = vec![bin.parent().unwrap().to_path_buf()];
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(paths).unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A git repository holding the `ci-data` fixture at the top, or in the
/// folder `data_dir`; committed once.
fn repository(data_dir: Option<&str>) -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let repo = temp.path().join("repo");
    let data = data_dir.map_or(repo.clone(), |d| repo.join(d));
    copy_dir(&root().join(fixture("ci-data")), &data);
    git(&repo, &["init", "-q", "-b", "main"]);
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-q", "-m", "台账"]);
    (temp, repo)
}

fn append(path: &Path, line: &str) {
    let mut text = fs::read_to_string(path).unwrap();
    text.push_str(line);
    fs::write(path, text).unwrap();
}

fn install_hook(repo: &Path) {
    let hook = repo.join(".git/hooks/pre-commit");
    fs::copy(root().join("examples/hooks/pre-commit"), &hook).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&hook, fs::Permissions::from_mode(0o755)).unwrap();
    }
}

fn commit(repo: &Path, message: &str) -> Output {
    git_command(repo)
        .args(["commit", "-q", "-m", message])
        .output()
        .unwrap()
}

fn commits(repo: &Path) -> usize {
    let out = git_command(repo)
        .args(["rev-list", "--count", "HEAD"])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
}

// A row whose cadre C9 does not exist: an unknown-cadre error on line 3.
const BAD_ROW: &str = "2026-03-20,C9,411002001,,0,1,,\n";
const GOOD_ROW: &str = "2026-03-20,C1,411002001,,0,1,,\n";

#[test]
fn the_hook_stops_a_bad_commit_and_names_file_and_line() {
    let (_temp, repo) = repository(None);
    install_hook(&repo);
    let visits = repo.join("visits/2026-03.csv");

    append(&visits, BAD_ROW);
    git(&repo, &["add", "-A"]);
    let out = commit(&repo, "bad");
    assert!(!out.status.success(), "{}", text(&out));
    let said = text(&out);
    assert!(said.contains("visits/2026-03.csv:3"), "{said}");
    assert!(said.contains("unknown-cadre"), "{said}");
    assert!(said.contains("Commit stopped"), "{said}");
    assert_eq!(commits(&repo), 1);

    // Mended in the work tree but not staged: what would be committed is
    // still bad, and that is what the hook checks.
    let fixed = fs::read_to_string(&visits).unwrap().replace("C9", "C1");
    fs::write(&visits, &fixed).unwrap();
    assert!(!commit(&repo, "still bad").status.success());
    assert_eq!(commits(&repo), 1);

    git(&repo, &["add", "-A"]);
    let out = commit(&repo, "good");
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(commits(&repo), 2);
}

#[test]
fn the_hook_lets_a_good_commit_through() {
    let (_temp, repo) = repository(None);
    install_hook(&repo);
    append(&repo.join("visits/2026-03.csv"), GOOD_ROW);
    git(&repo, &["add", "-A"]);
    let out = commit(&repo, "good");
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(commits(&repo), 2);
}

#[test]
fn the_hook_finds_a_data_folder_named_in_git_config() {
    let (_temp, repo) = repository(Some("台账"));
    install_hook(&repo);
    git(&repo, &["config", "bangcun.data", "台账"]);
    append(&repo.join("台账/visits/2026-03.csv"), BAD_ROW);
    git(&repo, &["add", "-A"]);
    let out = commit(&repo, "bad");
    assert!(!out.status.success());
    assert!(
        text(&out).contains("台账/visits/2026-03.csv:3"),
        "{}",
        text(&out)
    );
}

#[test]
fn the_hook_checks_data_files_named_in_capitals() {
    let (_temp, repo) = repository(None);
    install_hook(&repo);
    // Only a `.TOML` file staged, which bangcun reads like any `.toml`.
    fs::write(
        repo.join("visits/2026-04.TOML"),
        "[[visit]]\ndate = 2026-04-10\ncadre = \"C9\"\nplace = \"411002001\"\n",
    )
    .unwrap();
    git(&repo, &["add", "-A"]);
    let out = commit(&repo, "bad");
    assert!(!out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("unknown-cadre"), "{}", text(&out));
    assert_eq!(commits(&repo), 1);
}

#[test]
fn the_hook_says_when_bangcun_could_not_run() {
    let (_temp, repo) = repository(None);
    install_hook(&repo);
    // No such data folder in the snapshot: bangcun exits 2, which is no
    // data error.
    git(&repo, &["config", "bangcun.data", "台帐"]);
    append(&repo.join("visits/2026-03.csv"), GOOD_ROW);
    git(&repo, &["add", "-A"]);
    let out = commit(&repo, "good, but unchecked");
    assert!(!out.status.success());
    let said = text(&out);
    assert!(said.contains("bangcun check could not run"), "{said}");
    assert!(!said.contains("found errors"), "{said}");
    assert_eq!(commits(&repo), 1);
}

#[test]
fn changed_since_finds_the_files_however_the_folder_is_named() {
    // The data folder given as `台账`, `./台账` and by its absolute path:
    // each time the new file with an error is a changed file.
    let (_temp, repo) = repository(Some("台账"));
    fs::write(
        repo.join("台账/visits/2026-04.csv"),
        "日期,干部编号,地点代码\n2026-04-10,C9,411002001\n",
    )
    .unwrap();
    let absolute = repo.join("台账").display().to_string();
    for data in ["台账", "./台账", absolute.as_str()] {
        check_in(&repo, &["--data", data, "--changed-since", "HEAD"])
            .code(1)
            .stdout(predicate::str::contains("unknown-cadre"))
            .stdout(predicate::str::contains("visits/2026-04.csv:2"));
    }
}

/// `bangcun check` in `repo`, in English, away from the user's git
/// settings.
fn check_command(repo: &Path) -> Command {
    let mut cmd = bangcun();
    cmd.current_dir(repo)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .args(["check", "--lang", "en", "--as-of", "2026-06-30"]);
    cmd
}

fn check_in(repo: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    check_command(repo).args(args).assert()
}

#[cfg(unix)]
#[test]
fn changed_since_matches_a_file_name_that_is_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let (_temp, repo) = repository(None);
    // `\xFF.csv`: git prints its bytes; read lossily they would name
    // another file, and its finding would be hidden.
    let name = std::ffi::OsStr::from_bytes(b"\xFF.csv");
    fs::write(
        repo.join("visits").join(name),
        "日期,干部编号,地点代码\n2026-04-10,C9,411002001\n",
    )
    .unwrap();
    check_in(&repo, &["--changed-since", "HEAD"])
        .code(1)
        .stdout(predicate::str::contains("unknown-cadre"));
}

#[test]
fn changed_since_takes_a_revision_never_an_option() {
    let (_temp, repo) = repository(None);
    // Were it passed to git as an option, git would write this file.
    check_in(&repo, &["--changed-since=--output=out.txt"])
        .code(2)
        .stderr(predicate::str::contains(
            "git cannot list the files changed since --output=out.txt: ",
        ));
    assert!(!repo.join("out.txt").exists());
}

#[cfg(unix)]
#[test]
fn changed_since_without_a_git_that_runs_is_a_clear_error() {
    use std::os::unix::fs::PermissionsExt;
    let (temp, repo) = repository(None);
    let empty = temp.path().join("bin");
    fs::create_dir(&empty).unwrap();
    check_command(&repo)
        .env("PATH", &empty)
        .args(["--changed-since", "HEAD"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--changed-since needs git, but there is no git program (install git or put it on PATH)",
        ));
    // A `git` that is no program (no one may run it): not "missing", but
    // the reason it could not be started.
    fs::write(empty.join("git"), "").unwrap();
    fs::set_permissions(empty.join("git"), fs::Permissions::from_mode(0o644)).unwrap();
    check_command(&repo)
        .env("PATH", &empty)
        .args(["--changed-since", "HEAD"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--changed-since needs git, but the git program could not be started: ",
        ));
}

#[test]
fn changed_since_shows_only_findings_in_changed_files() {
    let (_temp, repo) = repository(None);
    // The committed data has one old warning (the unknown column 天气 in
    // visits/2026-03.csv); a new, untracked file brings an error.
    fs::write(
        repo.join("visits/2026-04.csv"),
        "日期,干部编号,地点代码\n2026-04-10,C9,411002001\n",
    )
    .unwrap();
    check_in(&repo, &[])
        .code(1)
        .stdout(predicate::str::contains("unknown-column"))
        .stdout(predicate::str::contains("unknown-cadre"));
    check_in(&repo, &["--changed-since", "HEAD"])
        .code(1)
        .stdout(predicate::str::contains("unknown-column").not())
        .stdout(predicate::str::contains("visits/2026-04.csv:2"))
        .stdout(predicate::str::contains("checked: 1 error, 0 warnings"))
        .stdout(predicate::str::contains(
            "only files changed since HEAD are shown; 0 errors, 1 warning in unchanged files are not",
        ));

    // Committed, the error is old too: nothing changed since HEAD, so
    // nothing is shown and the run passes; since the commit before, it
    // is shown again.
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-q", "-m", "四月"]);
    check_in(&repo, &["--changed-since", "HEAD"])
        .success()
        .stdout(predicate::str::contains("checked: 0 errors, 0 warnings"))
        .stdout(predicate::str::contains(
            "1 error, 1 warning in unchanged files",
        ));
    check_in(&repo, &["--changed-since", "HEAD~1"])
        .code(1)
        .stdout(predicate::str::contains("unknown-cadre"))
        .stdout(predicate::str::contains("unknown-column").not());

    // A change to bangcun.toml can make any file wrong: all are shown.
    append(&repo.join("bangcun.toml"), "# 备注\n");
    check_in(&repo, &["--changed-since", "HEAD"])
        .code(1)
        .stdout(predicate::str::contains("unknown-column"))
        .stdout(predicate::str::contains("unknown-cadre"));
}

#[test]
fn changed_since_keeps_json_one_document() {
    let (_temp, repo) = repository(None);
    let out = check_in(&repo, &["--changed-since", "HEAD", "--format", "json"]).success();
    let doc: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    // The only finding (the unknown column) is in an unchanged file.
    assert_eq!(doc["findings"].as_array().unwrap().len(), 0);
}

#[test]
fn changed_since_outside_git_is_a_clear_error() {
    let (_temp, dir) = temp_copy("ci-data");
    check_in(&dir, &["--changed-since", "HEAD"])
        .code(2)
        .stderr(predicate::str::contains(
            "--changed-since needs a git repository, but the data folder . is not in one",
        ));
}

#[test]
fn changed_since_an_unknown_revision_is_a_clear_error() {
    let (_temp, repo) = repository(None);
    check_in(&repo, &["--changed-since", "no-such-rev"])
        .code(2)
        .stderr(predicate::str::contains(
            "git cannot list the files changed since no-such-rev: ",
        ));
}

#[test]
fn github_output_is_exact_workflow_commands() {
    let (_temp, dir) = temp_copy("ci-data");
    // A file name with `%`, `,`, `:` and Chinese, a date cell with a line
    // break and a `%`, a kind cell with a CR: each must be escaped (the
    // Chinese left as it is), or GitHub would cut the command. A break
    // inside a value is shown as `\n`, `\r` (text from the data is shown,
    // never obeyed); the breaks between message and help are `%0A`.
    fs::write(
        dir.join("visits/补录50%,第1批:3月.csv"),
        "日期,干部编号,地点代码,类型\n\
         \"2026-03-10\n%0A\",C1,411002001,\n\
         2026-03-10,C1,411002001,\"work\rday\"\n",
    )
    .unwrap();
    let out = check_in(&dir, &["--format", "github"]).code(1);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    // Files: bangcun.toml, regions, cadres, two visits files, problems,
    // leaves = 7; rows: 3 regions + 1 cadre + 1 + 2 visits = 7.
    let file = "visits/补录50%25%2C第1批%3A3月.csv";
    assert_eq!(
        stdout,
        format!(
            "::warning file=visits/2026-03.csv,line=1,title=unknown-column::\
             unknown column \"天气\" is ignored (visits)\
             %0Ahelp: known columns: date,cadre,place,kind,forums,people,note,days,household\n\
             ::error file={file},line=2,title=invalid-date::\
             \"2026-03-10\\n%250A\" is not a valid date\
             %0Ahelp: write dates as 2026-03-10 (or 2026/3/10, 2026.3.10, 2026年3月10日), with a year from 1900 to 2099\n\
             ::error file={file},line=4,title=invalid-value::\
             \"work\\rday\" is not one of the allowed values%0Ahelp: use one of: \
             workday (工作日下沉), petition (接访), forum (座谈会), \
             party-day (主题党日), revisit (回访), talk (谈心), lecture (宣讲), org-life (组织生活会), other (其他)\n\
             checked: 2 errors, 1 warning; 7 files, 7 records read\n"
        )
    );
}

#[test]
fn the_example_workflow_sends_no_summary_made_from_data_with_errors() {
    // Issue 8, item 4: the scheduled monthly job would make a summary
    // from broken data with exit 0. Each of its `report monthly` runs
    // refuses instead (--strict), and writes a format its -o names.
    let workflow = fs::read_to_string(root().join("examples/ci/github-actions.yml")).unwrap();
    let runs: Vec<&str> = workflow
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("bangcun report monthly"))
        .collect();
    assert_eq!(runs.len(), 2, "{workflow}");
    for run in runs {
        assert!(run.contains(" --strict"), "{run}");
        assert!(
            run.ends_with(".html\"") || run.ends_with(".xlsx\""),
            "{run}"
        );
    }
}

/// The shell script of the step named `name` of the GitHub Actions
/// example: the lines of its `run: |` block, unindented.
fn workflow_step(name: &str) -> String {
    let workflow = fs::read_to_string(root().join("examples/ci/github-actions.yml")).unwrap();
    let mut lines = workflow
        .lines()
        .skip_while(|l| l.trim() != format!("- name: {name}"))
        .skip_while(|l| l.trim() != "run: |");
    let run = lines
        .next()
        .unwrap_or_else(|| panic!("no step {name} with run: |"));
    let indent = run.len() - run.trim_start().len() + 2;
    let mut script = String::new();
    for line in
        lines.take_while(|l| l.trim().is_empty() || l.len() - l.trim_start().len() >= indent)
    {
        script.push_str(line.get(indent..).unwrap_or(""));
        script.push('\n');
    }
    script
}

/// Runs the example's step "Which bangcun" with `BANGCUN_GIT` and
/// `BANGCUN_REV`: its exit status, stdout, and what it wrote to
/// `$GITHUB_OUTPUT`.
fn which_bangcun(git: &Path, rev: &str) -> (i32, String, String) {
    let temp = tempfile::tempdir().unwrap();
    let output = temp.path().join("github_output");
    fs::write(&output, "").unwrap();
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(workflow_step("Which bangcun"))
        .env("BANGCUN_GIT", git)
        .env("BANGCUN_REV", rev)
        .env("GITHUB_OUTPUT", &output)
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        fs::read_to_string(&output).unwrap(),
    )
}

#[test]
fn the_workflow_builds_the_commit_it_is_given_or_the_newest() {
    // A bangcun repository, and a clone of it: a clone has
    // refs/remotes/origin/HEAD too, which `git ls-remote … HEAD` also
    // matches and the step must not take.
    let (temp, repo) = repository(None);
    let clone = temp.path().join("clone");
    git(temp.path(), &["clone", "-q", "repo", "clone"]);
    let head = git_command(&repo)
        .args(["rev-parse", "HEAD"])
        .output()
        .unwrap();
    let head = String::from_utf8(head.stdout).unwrap().trim().to_string();
    for source in [&repo, &clone] {
        let (code, _, output) = which_bangcun(source, "");
        assert_eq!((code, output), (0, format!("rev={head}\n")), "{source:?}");
    }
    // A commit (or tag) given is built as it is.
    let (code, _, output) = which_bangcun(&clone, "v0.1.0");
    assert_eq!((code, output.as_str()), (0, "rev=v0.1.0\n"));
    // An address that cannot be read stops the run with an annotation.
    let (code, stdout, output) = which_bangcun(&temp.path().join("nowhere"), "");
    assert_eq!((code, output.as_str()), (1, ""));
    assert!(
        stdout.starts_with("::error title=bangcun::cannot read "),
        "{stdout}"
    );
    assert!(stdout.contains("set BANGCUN_GIT"), "{stdout}");
}
