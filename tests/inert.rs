//! Text from the data is inert in every output: the cells of
//! `tests/fixtures/hostile` — ESC[2J, an OSC title sequence, U+202E,
//! `<script>`, `onmouseover=`, a Markdown link, `=cmd|' /C calc'!A0` — go
//! through `check` (human, json, github), every report in every format
//! (table, CSV, JSON, Markdown, HTML, xlsx), the monthly summary, and the
//! notice of what a report leaves out, and come out shown, never obeyed:
//! no control or bidi character for a terminal, no tag or link in Markdown
//! and HTML, no formula in CSV or xlsx, and the exact values in JSON.

mod common;

use std::io::Cursor;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx};
use common::{root, run_on as run};
use serde_json::Value;

fn hostile() -> PathBuf {
    root().join(common::fixture("hostile"))
}

/// D for every run: March 2026 is the fixture's month.
const AS_OF: &str = "2026-03-31";

/// The hostile cells, as the fixture holds them.
const CLEAR: &str = "\u{1b}[2J";
const TITLE: &str = "\u{1b}]0;owned\u{7}";
const RLO: &str = "\u{202e}";
const CALC: &str = "=cmd|' /C calc'!A0";

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).expect("UTF-8 output")
}

/// Text a terminal or a page shows as it is: no control character but
/// the line end, no character that reorders or hides text.
fn assert_shown_not_obeyed(what: &str, out: &str) {
    for (n, c) in out.chars().enumerate() {
        let control = c.is_control() && c != '\n';
        let format = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}'..='\u{200f}');
        assert!(!control && !format, "{what}: {c:?} at char {n}:\n{out}");
    }
}

/// Markup that would act in an HTML page, or (`markdown`) a Markdown one.
fn assert_no_markup(what: &str, out: &str, markdown: bool) {
    for tag in ["<script", "<img", "<b "] {
        assert!(!out.contains(tag), "{what}: {tag:?} in\n{out}");
    }
    if markdown {
        assert!(!out.contains("[x](javascript:"), "{what}: a link in\n{out}");
    }
}

/// Whether a CSV cell would make a spreadsheet compute: it begins with
/// `=`, `+`, `-`, `@`, tab or CR and is not a number bangcun wrote.
fn formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && cell.parse::<f64>().is_err()
}

fn assert_no_formula(what: &str, csv_text: &str) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv_text.as_bytes());
    for record in reader.records() {
        let record = record.expect("a CSV record");
        for cell in &record {
            assert!(!formula(cell), "{what}: formula cell {cell:?}");
        }
    }
}

#[test]
fn check_shows_hostile_values_escaped_in_every_format() {
    let dir = hostile();
    let check = |format: &str| {
        let (code, out, err) = run(&dir, &["check", "--as-of", AS_OF, "--format", format]);
        // unknown-cadre, unknown-region, unknown-category.
        assert_eq!((code, err.as_str()), (1, ""), "{format}");
        text(out)
    };

    let human = check("human");
    assert_shown_not_obeyed("check human", &human);
    // The clerk sees what is in the cell.
    assert!(
        human.contains("“\\u{1b}[2J\\u{202e}”"),
        "the unknown cadre, escaped:\n{human}"
    );
    assert!(human.contains("\\u{1b}]0;owned\\u{7}"), "{human}");

    let github = check("github");
    assert_shown_not_obeyed("check github", &github);
    let lines: Vec<&str> = github.lines().collect();
    // Three workflow commands, each one line, then the summary line.
    assert_eq!(lines.len(), 4, "{github}");
    assert!(
        lines[..3].iter().all(|l| l.starts_with("::error ")),
        "{github}"
    );
    assert!(github.contains("\\u{1b}[2J\\u{202e}"), "{github}");

    let json = check("json");
    assert_shown_not_obeyed("check json", &json);
    // The values themselves, exact, for programs.
    let doc: Value = serde_json::from_str(&json).unwrap();
    let values: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["value"].as_str().unwrap())
        .collect();
    let category = format!("<b onmouseover=alert(6)>{TITLE}");
    assert_eq!(
        values,
        [
            format!("{CLEAR}{RLO}").as_str(),
            "<script>alert(2)</script>",
            category.as_str()
        ]
    );
}

#[test]
fn a_hostile_file_name_is_shown_escaped() {
    let (_temp, dir) = common::temp_copy("hostile");
    let name = format!("{TITLE}{RLO}.csv");
    std::fs::write(dir.join(&name), "date,cadre,place\n2026-03-08,K9,410101\n").unwrap();
    // A file named after no kind is ignored; one under visits/ is read.
    std::fs::create_dir(dir.join("visits")).unwrap();
    std::fs::rename(dir.join(&name), dir.join("visits").join(&name)).unwrap();
    for format in ["human", "github"] {
        let (code, out, _) = run(&dir, &["check", "--as-of", AS_OF, "--format", format]);
        assert_eq!(code, 1);
        let out = text(out);
        assert_shown_not_obeyed(format, &out);
        assert!(
            out.contains("visits/\\u{1b}]0;owned\\u{7}\\u{202e}.csv"),
            "{out}"
        );
    }
}

/// Every report, with the arguments it needs.
const REPORTS: [&[&str]; 7] = [
    &["summary"],
    &["summary", "--by", "township"],
    &["overdue"],
    &["revisits"],
    &["attendance"],
    &["attendance", "--missing"],
    &["coverage"],
];

/// A report over March 2026 of the data at `dir`: its output and stderr
/// (the data has errors, which stderr says in one line, shown escaped).
fn report_of(dir: &Path, report: &[&str], format: &str) -> (Vec<u8>, String) {
    let mut args = vec!["report"];
    args.extend(report);
    args.extend(["--month", "2026-03", "--as-of", AS_OF, "--format", format]);
    let (code, out, err) = run(dir, &args);
    assert_eq!(code, 0, "{args:?}: {err}");
    assert_shown_not_obeyed("stderr", &err);
    (out, err)
}

/// A report over March 2026 of the hostile fixture, as text.
fn report(report: &[&str], format: &str) -> String {
    text(report_of(&hostile(), report, format).0)
}

#[test]
fn reports_for_people_show_hostile_text_escaped() {
    for which in REPORTS {
        for format in ["table", "markdown"] {
            let out = report(which, format);
            let what = format!("{which:?} {format}");
            assert_shown_not_obeyed(&what, &out);
            if format == "markdown" {
                assert_no_markup(&what, &out, true);
                assert_pipes_line_up(&what, &out);
            }
        }
    }
    // The escapes are there for the clerk to see: the county's ESC[2J in
    // the summary, the problem's in the overdue list.
    assert!(report(&["summary"], "table").contains("甲县\\u{1b}[2J"));
    let overdue = report(&["overdue"], "table");
    assert!(
        overdue.contains("<script>alert(3)</script>\\u{1b}[2J\\u{202e}abc"),
        "{overdue}"
    );
    let overdue = report(&["overdue"], "markdown");
    assert!(
        overdue.contains("&lt;script&gt;alert(3)&lt;/script&gt;\\\\u{1b}\\[2J\\\\u{202e}abc"),
        "{overdue}"
    );
}

/// Each line of a pipe table has as many column bars as its header: no
/// cell made an extra column.
fn assert_pipes_line_up(what: &str, markdown: &str) {
    let bars = |line: &str| {
        let mut n = 0;
        let mut escaped = false;
        for c in line.chars() {
            match c {
                '\\' if !escaped => escaped = true,
                '|' if !escaped => n += 1,
                _ => escaped = false,
            }
            if c != '\\' {
                escaped = false;
            }
        }
        n
    };
    let mut header = None;
    for line in markdown.lines() {
        if !line.starts_with('|') {
            header = None;
            continue;
        }
        let n = bars(line);
        assert_eq!(*header.get_or_insert(n), n, "{what}: {line}");
    }
}

#[test]
fn report_csv_holds_no_formula_and_json_the_exact_values() {
    for which in REPORTS {
        let csv = report(which, "csv");
        let what = format!("{which:?} csv");
        assert_no_formula(&what, &csv);
        assert_shown_not_obeyed(&what, &csv);
        let json = report(which, "json");
        assert_shown_not_obeyed(&format!("{which:?} json"), &json);
        serde_json::from_str::<Value>(&json).expect("JSON");
    }
    // The formula is still there, as text: an apostrophe in front.
    let overdue = report(&["overdue"], "csv");
    assert!(
        overdue.contains(&format!(",'{CALC},'@SUM(1+1)*cmd|' /C calc'!A0,")),
        "{overdue}"
    );
    // Numbers bangcun writes are numbers: 55 days overdue (01-05 + 30 days
    // = 02-04; 03-31 − 02-04 = 55).
    assert!(overdue.contains(",2026-02-04,55,K1,"), "{overdue}");
    // JSON gives the values exactly.
    let doc: Value = serde_json::from_str(&report(&["overdue"], "json")).unwrap();
    let row = &doc["rows"][0];
    assert_eq!(row["category"], CALC);
    assert_eq!(
        row["summary"],
        format!("<script>alert(3)</script>{CLEAR}{RLO}abc")
    );
}

/// The monthly summary of March 2026 of the data at `dir`: its output and
/// stderr.
fn monthly_of(dir: &Path, format: &str) -> (Vec<u8>, String) {
    let args = [
        "report", "monthly", "--month", "2026-03", "--as-of", AS_OF, "--format", format,
    ];
    let (code, out, err) = run(dir, &args);
    assert_eq!(code, 0, "{format}: {err}");
    assert_shown_not_obeyed("stderr", &err);
    (out, err)
}

fn monthly(format: &str) -> Vec<u8> {
    monthly_of(&hostile(), format).0
}

#[test]
fn the_monthly_summary_shows_hostile_text_escaped() {
    for format in ["markdown", "html"] {
        let out = text(monthly(format));
        assert_shown_not_obeyed(format, &out);
        assert_no_markup(format, &out, format == "markdown");
        assert!(!out.contains("<script"), "{format}");
    }
    let markdown = text(monthly("markdown"));
    assert_pipes_line_up("monthly markdown", &markdown);
    // The title from bangcun.toml's name, escaped.
    assert!(
        markdown.starts_with("# &lt;script&gt;alert('name')&lt;/script&gt;\\\\u{1b}\\]0;owned"),
        "{markdown}"
    );
    let html = text(monthly("html"));
    assert!(
        html.contains("&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;\\u{1b}]0;owned\\u{7}")
    );
    let json = text(monthly("json"));
    assert_shown_not_obeyed("monthly json", &json);
    let doc: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        doc["name"],
        format!("<script>alert('name')</script>{TITLE}")
    );
}

/// The text cells of a workbook, sheet by sheet, after making sure that
/// no cell holds a formula and that each text is shown, not obeyed (a line
/// break inside a cell is a line break).
fn workbook_texts(what: &str, bytes: Vec<u8>) -> Vec<String> {
    let mut book = Xlsx::new(Cursor::new(bytes)).expect("an xlsx workbook");
    let mut texts = Vec::new();
    for name in book.sheet_names() {
        let formulas = book.worksheet_formula(&name).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{what}: a formula on sheet {name}"
        );
        let range = book.worksheet_range(&name).unwrap();
        for (_, _, cell) in range.used_cells() {
            if let Data::String(s) = cell {
                assert_shown_not_obeyed(&format!("{what}, sheet {name}"), s);
                texts.push(s.clone());
            }
        }
    }
    texts
}

#[test]
fn the_monthly_workbook_holds_text_as_text() {
    let texts = workbook_texts("monthly xlsx", monthly("xlsx"));
    let seen = texts.iter().filter(|s| s.contains(CALC)).count();
    // P1's category in the overdue list, and the uncovered village.
    assert!(seen >= 2, "{seen} cells hold the formula as text");
    // The title from bangcun.toml's name, its controls shown escaped.
    let title = "<script>alert('name')</script>\\u{1b}]0;owned\\u{7}工作月报（2026年3月）";
    assert!(texts.iter().any(|s| s == title), "{texts:?}");
}

#[test]
fn report_pages_and_workbooks_show_hostile_text_escaped() {
    for which in REPORTS {
        let what = format!("{which:?} html");
        let html = report(which, "html");
        assert_shown_not_obeyed(&what, &html);
        assert_no_markup(&what, &html, false);
        let (xlsx, _) = report_of(&hostile(), which, "xlsx");
        workbook_texts(&format!("{which:?} xlsx"), xlsx);
    }
    // The problem's summary as text on the page, the controls escaped.
    let overdue = report(&["overdue"], "html");
    assert!(
        overdue.contains("&lt;script&gt;alert(3)&lt;/script&gt;\\u{1b}[2J\\u{202e}abc"),
        "{overdue}"
    );
    // In the workbook: the formula a string cell as it is (a string cell
    // is never computed: no apostrophe), the controls escaped.
    let texts = workbook_texts(
        "overdue xlsx",
        report_of(&hostile(), &["overdue"], "xlsx").0,
    );
    for expected in [
        CALC,
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "<script>alert(3)</script>\\u{1b}[2J\\u{202e}abc",
    ] {
        assert!(texts.iter().any(|s| s == expected), "{expected}: {texts:?}");
    }
    let texts = workbook_texts(
        "summary xlsx",
        report_of(&hostile(), &["summary"], "xlsx").0,
    );
    assert!(texts.iter().any(|s| s == "甲县\\u{1b}[2J"), "{texts:?}");
}

/// The hostile fixture with a visits file that cannot be read, named with
/// an OSC title sequence and a right-to-left override, and a setting of
/// `bangcun.toml` whose key is ESC[2J: the notice of what the figures
/// leave out names both as the data spells them.
fn hostile_with_notice() -> (tempfile::TempDir, PathBuf) {
    let (temp, dir) = common::temp_copy("hostile");
    std::fs::create_dir(dir.join("visits")).unwrap();
    // No column of a visit: the file is left out whole.
    std::fs::write(
        dir.join("visits").join(format!("{TITLE}{RLO}.csv")),
        "x,y\n1,2\n",
    )
    .unwrap();
    let config = std::fs::read_to_string(dir.join("bangcun.toml")).unwrap();
    // Under [workdays], the last table of the file.
    let config = format!("{config}\"\\u001b[2J\" = 1\n");
    std::fs::write(dir.join("bangcun.toml"), config).unwrap();
    (temp, dir)
}

#[test]
fn the_notice_of_what_is_left_out_shows_hostile_names_escaped() {
    let (_temp, dir) = hostile_with_notice();
    let file = "visits/\\u{1b}]0;owned\\u{7}\\u{202e}.csv";
    let key = "workdays.\\u{1b}[2J";
    // stderr, the table and the HTML pages: the names shown escaped.
    for (out, err) in [
        report_of(&dir, &["overdue"], "table"),
        report_of(&dir, &["overdue"], "html"),
        monthly_of(&dir, "html"),
    ] {
        for what in [&text(out), &err] {
            assert_shown_not_obeyed("the notice", what);
            assert!(what.contains(file) && what.contains(key), "{what}");
        }
    }
    // Markdown escapes the escape's backslash and the bracket too.
    let md_file = "visits/\\\\u{1b}\\]0;owned\\\\u{7}\\\\u{202e}.csv";
    let md_key = "workdays.\\\\u{1b}\\[2J";
    for (out, _) in [
        report_of(&dir, &["overdue"], "markdown"),
        monthly_of(&dir, "markdown"),
    ] {
        let out = text(out);
        assert_shown_not_obeyed("markdown", &out);
        assert!(out.contains(md_file) && out.contains(md_key), "{out}");
    }
    // The workbook's first sheet.
    for (out, _) in [
        report_of(&dir, &["overdue"], "xlsx"),
        monthly_of(&dir, "xlsx"),
    ] {
        let texts = workbook_texts("notice xlsx", out);
        assert!(
            texts.iter().any(|s| s.contains(file) && s.contains(key)),
            "{texts:?}"
        );
    }
    // JSON: the names exactly, for programs.
    for (out, _) in [
        report_of(&dir, &["overdue"], "json"),
        monthly_of(&dir, "json"),
    ] {
        let out = text(out);
        assert_shown_not_obeyed("json", &out);
        let doc: Value = serde_json::from_str(&out).unwrap();
        let errors = &doc["data_errors"];
        assert_eq!(
            errors["files_not_read"],
            serde_json::json!([format!("visits/{TITLE}{RLO}.csv")])
        );
        assert_eq!(
            errors["settings_ignored"],
            serde_json::json!([format!("workdays.{CLEAR}")])
        );
    }
}

#[test]
fn an_error_on_stderr_shows_hostile_text_escaped() {
    let (code, _, err) = run(&hostile(), &["report", "overdue", "--county", TITLE]);
    assert_eq!(code, 2);
    assert_shown_not_obeyed("stderr", &err);
    assert!(err.contains("\\u{1b}]0;owned\\u{7}"), "{err}");
}

#[test]
fn markdown_items_and_cells_make_no_heading_list_or_bare_link() {
    // Cadres named like Markdown blocks; a unit and a summary holding bare
    // links. C2 and C3 are county cadres at 丁村, whose work day
    // 2026-01-20 only C2 attended: C3 `1. 列表` is an item of the missed
    // list. Before the fix the item was `- 1. 列表…` (a nested ordered
    // list) and the links were left for GitHub to make.
    let (_tmp, dir) = common::small_folder();
    std::fs::write(
        dir.join("cadres.csv"),
        "id,name,level,unit,points,start,end\nC1,# 大标题,city,,410101,,\n\
         C2,#### 四级,county,,410102,,\nC3,1. 列表,county,www.evil.example,410102,,\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("problems.csv"),
        "id,found,place,cadre,source,category,summary,unit,deadline\n\
         P1,2026-01-05,410101,C1,cadre,基础设施,见 http://evil.example/x,www.evil.example,2026-01-06\n",
    )
    .unwrap();
    let monthly = common::ok_on(
        &dir,
        &[
            "report", "monthly", "--month", "2026-01", "--format", "markdown",
        ],
    );
    let monthly = String::from_utf8(monthly).unwrap();
    assert!(
        monthly
            .lines()
            .any(|l| l == "- 1\\. 列表（县级，C3）：2026-01-20"),
        "{monthly}"
    );
    // P1, overdue by 25 days at 2026-01-31 (deadline 01-06), found by C1.
    assert!(
        monthly.contains("| www&#46;evil.example | 2026-01-05 | 2026-01-06 | 25 | \\# 大标题 | 见 http&#58;//evil.example/x |"),
        "{monthly}"
    );
    let listing = common::ok_on(
        &dir,
        &[
            "report",
            "overdue",
            "--as-of",
            "2026-01-31",
            "--format",
            "markdown",
        ],
    );
    let listing = String::from_utf8(listing).unwrap();
    for text in [&monthly, &listing] {
        assert!(!text.contains("://") && !text.contains("www."), "{text}");
    }
}
