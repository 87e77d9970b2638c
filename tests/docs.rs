//! The project's documents stand on their own: no file of the repository
//! points outside it (a clone has nothing beside it), every relative link
//! leads to a file — and a heading — that is there, and the pages that
//! describe the data format and the checks name every field, word and
//! check the code has.

mod common;

use std::fs;
use std::path::{Component, Path, PathBuf};

use bangcun::check::REGISTRY;
use bangcun::model::{
    CadreLevel, Enumeration, HouseholdKind, Kind, Rectification, RegionLevel, Satisfaction, Source,
    VisitKind, YesNo,
};
use bangcun::schema;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Folders that hold no file of the repository: build output, git's own,
/// and what the fuzzer makes.
const NOT_OURS: [&str; 5] = [
    "target",
    ".git",
    "fuzz/target",
    "fuzz/corpus",
    "fuzz/artifacts",
];

/// The repository's text files: every file under the root but those in
/// [`NOT_OURS`] and those that are not UTF-8 text.
fn text_files() -> Vec<(PathBuf, String)> {
    let root = root();
    let mut out = Vec::new();
    let mut folders = vec![root.clone()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let relative = path.strip_prefix(&root).unwrap();
            if NOT_OURS.iter().any(|n| relative == Path::new(n)) {
                continue;
            }
            if path.is_dir() {
                folders.push(path);
            } else if let Ok(text) = fs::read_to_string(&path) {
                out.push((relative.to_path_buf(), text));
            }
        }
    }
    out.sort();
    out
}

/// The targets of the Markdown links and images of `text`: `[x](target)`,
/// without a title.
fn link_targets(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("](") {
        rest = &rest[at + 2..];
        if let Some(end) = rest.find(')') {
            let target = rest[..end].split_whitespace().next().unwrap_or("");
            out.push(target);
        }
    }
    out
}

/// `path` with `.` and `..` taken out, or `None` when a `..` climbs above
/// its start.
fn normalise(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::Normal(n) => out.push(n),
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

/// The anchor GitHub gives a Markdown heading: lower case, punctuation
/// dropped (but `-` and `_`), spaces as `-`.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' '))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

fn anchors(markdown: &str) -> Vec<String> {
    markdown
        .lines()
        .filter(|l| l.starts_with('#'))
        .map(|l| anchor(l.trim_start_matches('#')))
        .collect()
}

#[test]
fn no_file_points_outside_the_repository() {
    // Spelt in two halves, so that this file does not name them itself.
    let outside = [["..", "/shared"].concat(), ["SPEC", ".md"].concat()];
    let mut wrong = Vec::new();
    for (path, text) in text_files() {
        for name in &outside {
            if text.contains(name.as_str()) {
                wrong.push(format!("{}: names {name}", path.display()));
            }
        }
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let folder = path.parent().unwrap_or(Path::new(""));
        for target in link_targets(&text) {
            if target.is_empty() || target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let (file, fragment) = target.split_once('#').unwrap_or((target, ""));
            let linked = if file.is_empty() {
                Some(path.clone())
            } else {
                normalise(&folder.join(file))
            };
            let Some(linked) = linked else {
                wrong.push(format!(
                    "{}: {target} leads outside the repository",
                    path.display()
                ));
                continue;
            };
            let Ok(content) = fs::read_to_string(root().join(&linked)) else {
                if !root().join(&linked).exists() {
                    wrong.push(format!("{}: {target} leads to no file", path.display()));
                }
                continue;
            };
            if !fragment.is_empty() && !anchors(&content).iter().any(|a| a == fragment) {
                wrong.push(format!("{}: {target} leads to no heading", path.display()));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_link_reader_sees_what_it_must() {
    assert_eq!(
        link_targets("see [a](docs/a.md) and ![p](x.png \"t\") [b](#c)"),
        ["docs/a.md", "x.png", "#c"]
    );
    assert_eq!(
        normalise(Path::new("docs/../README.md")),
        Some("README.md".into())
    );
    assert_eq!(normalise(Path::new("docs/../../elsewhere/x")), None);
    assert_eq!(anchor(" `bangcun.toml`"), "bangcuntoml");
    assert_eq!(anchor("What each figure counts"), "what-each-figure-counts");
}

fn page(name: &str) -> String {
    fs::read_to_string(root().join("docs").join(name)).unwrap()
}

#[test]
fn the_data_page_names_every_field_and_word() {
    let data = page("data.md");
    for kind in Kind::ALL {
        for f in schema::fields(kind) {
            let row = format!("| `{}` | {} |", f.name, f.zh);
            assert!(data.contains(&row), "docs/data.md lacks the row {row}");
        }
    }
    let mut words: Vec<(&str, &str)> = Vec::new();
    fn add<E: Enumeration>(words: &mut Vec<(&str, &str)>) {
        words.extend(E::WORDS.iter().map(|(_, en, zh)| (*en, *zh)));
    }
    add::<RegionLevel>(&mut words);
    add::<CadreLevel>(&mut words);
    add::<VisitKind>(&mut words);
    add::<HouseholdKind>(&mut words);
    add::<Source>(&mut words);
    add::<Satisfaction>(&mut words);
    add::<Rectification>(&mut words);
    add::<YesNo>(&mut words);
    for (en, zh) in words {
        let word = format!("`{en}` {zh}");
        assert!(data.contains(&word), "docs/data.md lacks {word}");
    }
    for key in [
        "`name`",
        "`lang`",
        "`categories`",
        "`workdays.city`",
        "`workdays.county`",
        "`workdays.township`",
        "`workdays.unit`",
        "`visits.kinds`",
        "`quota`",
        "`workdays.moved`",
        "`deadlines.days`",
        "`deadlines.category`",
        "`revisit.days`",
        "`targets`",
    ] {
        assert!(
            data.contains(&format!("| {key}")),
            "docs/data.md lacks the key {key}"
        );
    }
}

#[test]
fn the_data_page_names_every_word_clerks_write() {
    let data = page("data.md");
    // Every heading read for a field, in its kind's row of the headings.
    for kind in Kind::ALL {
        let marker = format!("**`{}`**", kind.plural());
        let table = data
            .split(&marker)
            .nth(1)
            .unwrap_or_else(|| panic!("docs/data.md: no headings of {marker}"));
        for f in schema::fields(kind) {
            let row = table
                .lines()
                .find(|l| {
                    l.starts_with(&format!("| `{}` | {} | ", f.name, f.zh))
                        && l.matches('|').count() == 4
                })
                .unwrap_or_else(|| panic!("docs/data.md: no headings row for {}", f.name));
            for heading in f.also {
                assert!(
                    row.contains(heading),
                    "docs/data.md lacks the heading {heading} of {}",
                    f.name
                );
            }
        }
    }
    // Every other word of every value, in the value's row.
    fn add<E: Enumeration>(data: &str, field: &str) {
        for (value, en, zh) in E::WORDS {
            let row = data
                .lines()
                .find(|l| l.starts_with(&format!("| {field} | `{en}` {zh} | ")))
                .unwrap_or_else(|| panic!("docs/data.md: no row of words for {en}"));
            for (_, word) in E::ALSO.iter().filter(|(v, _)| v == value) {
                assert!(
                    row.contains(&format!("`{word}`")),
                    "docs/data.md lacks {word} for {en}"
                );
            }
        }
    }
    add::<RegionLevel>(&data, "region level");
    add::<CadreLevel>(&data, "cadre level");
    add::<VisitKind>(&data, "visit kind");
    add::<Source>(&data, "problem source");
    add::<Satisfaction>(&data, "satisfaction");
    add::<Rectification>(&data, "status");
    add::<YesNo>(&data, "closed");
    for word in bangcun::load::SUFFIXES
        .iter()
        .chain(&bangcun::date::AT_ONCE)
        .chain(&bangcun::date::LONG_TERM)
    {
        assert!(
            data.contains(&format!("`{word}`")),
            "docs/data.md lacks {word}"
        );
    }
    for key in [
        "`[aliases]`",
        "`long_term`",
        "`status-conflict`",
        "`ambiguous-place`",
    ] {
        assert!(data.contains(key), "docs/data.md lacks {key}");
    }
}

#[test]
fn the_checks_page_has_every_check() {
    let checks = page("checks.md");
    for check in REGISTRY {
        let heading = format!("### `{}`\n", check.name);
        assert!(checks.contains(&heading), "docs/checks.md lacks {heading}");
    }
    assert_eq!(checks.matches("\n### `").count(), REGISTRY.len());
}

/// The finding of `check` in `bangcun check` over the fixture folder named
/// after it, as a clerk running it in that folder sees it: paths without
/// the folder in front.
fn fixture_finding(check: &str) -> String {
    let (_made, folder) = common::fixture_of(check);
    let folder = folder.display().to_string();
    let out = assert_cmd::Command::cargo_bin("bangcun")
        .unwrap()
        .current_dir(root())
        .env_remove("BANGCUN_DATA")
        .args(["check", "--as-of", "2026-03-31", "--data", &folder])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let block = text
        .split("\n\n")
        .find(|b| {
            b.lines()
                .next()
                .is_some_and(|l| l.contains(&format!("[{check}]")))
        })
        .unwrap_or_else(|| panic!("no {check} finding in {folder}:\n{text}"));
    block.replace(&format!("{folder}/"), "")
}

#[test]
fn the_checks_page_shows_each_finding_as_bangcun_prints_it() {
    let checks = page("checks.md");
    for check in REGISTRY {
        let heading = format!("### `{}`\n", check.name);
        let section = checks.split(&heading).nth(1).unwrap_or("");
        let example = section
            .split("```\n")
            .nth(1)
            .unwrap_or_else(|| panic!("docs/checks.md: no example under {heading}"));
        let printed = fixture_finding(check.name);
        assert_eq!(
            example.trim_end(),
            printed,
            "docs/checks.md: the example of {} is not what bangcun prints now",
            check.name
        );
    }
}
