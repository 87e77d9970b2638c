//! Property tests: arbitrary bytes and mutated sample files never break
//! bangcun (in process: no panic, whatever the output format and language;
//! through the binary: exit 0, 1 or 2), no row is dropped without an error,
//! `fmt` is idempotent and loses no record, and a sheet laid out as clerks
//! keep it (as CSV or as a workbook) reads as the canonical CSV of its rows.

mod common;

use std::fs;
use std::path::Path;

use bangcun::canonical::format_csv;
use bangcun::finding::Finding;
use bangcun::finding::Severity;
use bangcun::lang::Lang;
use bangcun::load::{FileRead, Format, read_bytes};
use bangcun::model::Kind;
use bangcun::render::findings::{FORMATS, render_findings};
use bangcun::schema;
use common::{bangcun, finding_key, snapshot, temp_copy};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

/// `cases` cases; a failing case is kept in a file beside this one and
/// tried first on every later run.
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "tests/properties.proptest-regressions",
        ))),
        ..ProptestConfig::default()
    }
}

fn kind() -> impl Strategy<Value = Kind> {
    proptest::sample::select(Kind::ALL.to_vec())
}

fn findings(read: &FileRead) -> Vec<String> {
    let mut keys: Vec<String> = read.findings.iter().map(finding_key).collect();
    keys.sort();
    keys
}

/// The fmt property of one file: a file without errors formats; its
/// canonical form formats to itself, and reads as the same rows, records
/// and findings, in a data folder as on its own.
fn assert_fmt_lossless(bytes: &[u8], kind: Kind) {
    let before = read_bytes(bytes, kind, Format::Csv);
    if before.findings.iter().any(Finding::is_error) {
        // Refused by `fmt`; it must still not panic.
        let _ = format_csv(bytes, kind);
        return;
    }
    assert_eq!(
        before.records, before.rows,
        "a row without an error is a record"
    );
    let formatted = format_csv(bytes, kind).expect("a file without errors formats");
    let again = format_csv(formatted.text.as_bytes(), kind).expect("canonical text formats");
    assert!(
        !again.changed,
        "fmt is not idempotent on {:?}",
        formatted.text
    );
    let after = read_bytes(formatted.text.as_bytes(), kind, Format::Csv);
    assert_eq!((before.rows, before.records), (after.rows, after.records));
    assert_eq!(findings(&before), findings(&after));
    // Record by record: the file alone in a data folder, before and after.
    let temp = tempfile::tempdir().unwrap();
    fs::write(temp.path().join("bangcun.toml"), "").unwrap();
    let file = temp.path().join(format!("{}.csv", kind.plural()));
    fs::write(&file, bytes).unwrap();
    let records_before = snapshot(temp.path());
    fs::write(&file, &formatted.text).unwrap();
    assert_eq!(snapshot(temp.path()), records_before);
}

// ---- generated tables -------------------------------------------------

/// Cells that are hard to write and read back: quotes, separators, line
/// breaks, spaces, Chinese, formula-looking text.
const TEXTS: &[&str] = &[
    "",
    " ",
    "张三",
    "a,b",
    "say \"hi\"",
    "\"",
    "line\nbreak",
    "cr\rlf\r\n",
    "  padded  ",
    "\u{3000}全角空格\u{3000}",
    "#",
    "=1+1",
    // Formula-looking text that fmt protects with an apostrophe, and the
    // apostrophes the loader must read off exactly.
    "'=1+1",
    "''-3",
    "@SUM(1)",
    "＝1",
    "'",
    "x\"y",
    "C1",
    "411002001",
    "411002001;411002001002",
    "0",
    "12",
    "-3",
];

/// A date in one of the accepted forms, or (rarely) not a date.
fn date_cell() -> impl Strategy<Value = String> {
    (2000i32..2040, 1u32..=12, 1u32..=28, 0..9usize).prop_map(|(y, m, d, form)| match form {
        0..=2 => format!("{y}-{m:02}-{d:02}"),
        3 | 4 => format!("{y}/{m}/{d}"),
        5 => format!("{y}.{m}.{d}"),
        6 | 7 => format!("{y}年{m}月{d}日"),
        _ => format!("{d}/{m}/{y}"),
    })
}

/// Any cell: a hard text, a date or not, a word of any enumeration.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(TEXTS.to_vec()).prop_map(str::to_string),
        date_cell(),
        one_of(&[
            "county",
            "市级",
            "PETITION",
            "回访",
            "督导暗访",
            "基本满意",
            "nonsense"
        ]),
    ]
}

fn one_of(words: &'static [&'static str]) -> BoxedStrategy<String> {
    proptest::sample::select(words.to_vec())
        .prop_map(str::to_string)
        .boxed()
}

/// A value a field takes: its enumeration words in either language and
/// any case, dates in every accepted form, counts, lists, texts.
fn good_cell(kind: Kind, field: &str) -> BoxedStrategy<String> {
    match (kind, field) {
        (_, "date" | "start" | "end" | "found" | "deadline" | "rectified" | "verified")
        | (_, "from" | "to") => date_cell().boxed(),
        (Kind::Regions, "level") => {
            one_of(&["county", "Township", "VILLAGE", "县级", "乡级", "村级"])
        }
        (Kind::Cadres, "level") => one_of(&["city", "County", "township", "市级", "县级", "乡级"]),
        (Kind::Visits, "kind") => one_of(&[
            "",
            "workday",
            "Petition",
            "forum",
            "party-day",
            "revisit",
            "other",
            "工作日下沉",
            "接访",
            "座谈会",
            "主题党日",
            "回访",
            "其他",
        ]),
        (Kind::Problems, "source") => one_of(&[
            "",
            "cadre",
            "Inspection",
            "petition",
            "干部排查",
            "督导暗访",
            "群众信访",
        ]),
        (Kind::Problems, "satisfaction") => one_of(&[
            "",
            "satisfied",
            "BASIC",
            "unsatisfied",
            "满意",
            "基本满意",
            "不满意",
        ]),
        (_, "forums" | "people") => one_of(&["", "0", "3", "12", " 7 ", "003"]),
        (_, "points") => one_of(&[
            "411002001",
            "411002001;411002001002",
            "411002001、 411002001002",
            "a，b",
        ]),
        // Required texts, and the parent and cadre that some rows need.
        (_, "code" | "id" | "name" | "cadre" | "place" | "category" | "summary" | "parent") => {
            one_of(&[
                "C1",
                "411002001",
                "张三",
                "a,b",
                "say \"hi\"",
                "line\nbreak",
                "  padded  ",
                "\u{3000}全角\u{3000}",
                "=1+1",
                "x\"y",
            ])
        }
        _ => proptest::sample::select(TEXTS.to_vec())
            .prop_map(str::to_string)
            .boxed(),
    }
}

/// A column of a generated file: a field under one of its names, or a
/// column no field has (possibly with no name at all).
#[derive(Clone, Debug)]
enum Column {
    Field(&'static str, String),
    Unknown(String),
}

fn columns(kind: Kind) -> impl Strategy<Value = Vec<Column>> {
    let fields = schema::fields(kind);
    let styles = proptest::collection::vec((any::<bool>(), 0..4u8), fields.len());
    let extra = proptest::sample::subsequence(vec!["备用", "Extra", ""], 0..=2);
    (styles, extra)
        .prop_map(move |(styles, extra)| {
            // Each field is present (required ones always) under its
            // Chinese, English or capitalised English name.
            let mut columns: Vec<Column> = Vec::new();
            for (field, (present, style)) in fields.iter().zip(styles) {
                if present || field.required {
                    let name = match style {
                        0 | 1 => field.zh.to_string(),
                        2 => field.name.to_string(),
                        _ => format!(" {} ", field.name.to_uppercase()),
                    };
                    columns.push(Column::Field(field.name, name));
                }
            }
            columns.extend(extra.into_iter().map(|e| Column::Unknown(e.to_string())));
            columns
        })
        .prop_shuffle()
}

/// A row: mostly values the fields take, now and then any cell.
fn row(kind: Kind, columns: &[Column]) -> Vec<BoxedStrategy<String>> {
    columns
        .iter()
        .map(|column| match column {
            Column::Field(name, _) => prop_oneof![12 => good_cell(kind, name), 1 => cell()].boxed(),
            Column::Unknown(_) => cell().boxed(),
        })
        .collect()
}

/// A CSV file of `kind` in one of the shapes spreadsheets save: columns in
/// any order and named in either language, unknown and unnamed columns,
/// padded and blank rows, any quoting, LF or CRLF, UTF-8 with or without
/// BOM, or GB18030.
fn table(kind: Kind) -> impl Strategy<Value = Vec<u8>> {
    columns(kind).prop_flat_map(move |columns| {
        let rows = proptest::collection::vec(row(kind, &columns), 0..8);
        (Just(columns), rows, any::<[bool; 5]>()).prop_map(
            |(columns, rows, [always, crlf, bom, gb, blank])| {
                let header: Vec<&str> = columns
                    .iter()
                    .map(|c| match c {
                        Column::Field(_, name) | Column::Unknown(name) => name.as_str(),
                    })
                    .collect();
                let mut writer = csv::WriterBuilder::new()
                    .flexible(true)
                    .quote_style(if always {
                        csv::QuoteStyle::Always
                    } else {
                        csv::QuoteStyle::Necessary
                    })
                    .from_writer(Vec::new());
                writer.write_record(&header).unwrap();
                for (i, row) in rows.iter().enumerate() {
                    let mut record: Vec<&str> = row.iter().map(String::as_str).collect();
                    if i % 3 == 1 {
                        // Spreadsheet padding.
                        record.extend(["", ""]);
                    }
                    writer.write_record(&record).unwrap();
                    if blank && i == 0 {
                        writer.write_record(vec![""; header.len()]).unwrap();
                    }
                }
                let mut text = String::from_utf8(writer.into_inner().unwrap()).unwrap();
                if crlf {
                    text = text.replace('\n', "\r\n");
                }
                if gb {
                    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&text);
                    if !unmappable {
                        return bytes.into_owned();
                    }
                }
                let mut bytes = if bom {
                    b"\xEF\xBB\xBF".to_vec()
                } else {
                    Vec::new()
                };
                bytes.extend_from_slice(text.as_bytes());
                bytes
            },
        )
    })
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn readers_take_any_bytes(
        kind in kind(),
        bytes in proptest::collection::vec(any::<u8>(), 0..2048),
    ) {
        // Neither panics; a row that became no record has an error that
        // says why.
        for format in [Format::Csv, Format::Toml] {
            let read = read_bytes(&bytes, kind, format);
            prop_assert!(
                read.records == read.rows || read.findings.iter().any(Finding::is_error),
                "{} of {} rows became records, with no error: {:?}",
                read.records,
                read.rows,
                read.findings
            );
        }
        let _ = format_csv(&bytes, kind);
    }

    #[test]
    fn fmt_is_idempotent_and_lossless_on_spreadsheet_shapes(
        (kind, bytes) in kind().prop_flat_map(|k| (Just(k), table(k))),
    ) {
        assert_fmt_lossless(&bytes, kind);
    }
}

// ---- the same records laid out as clerks keep them ---------------------

/// A table of `kind` as rows of cells: its header, then records whose
/// cells are values the fields take.
fn plain_rows(kind: Kind) -> impl Strategy<Value = Vec<Vec<String>>> {
    columns(kind).prop_flat_map(move |columns| {
        let cells: Vec<BoxedStrategy<String>> = columns
            .iter()
            .map(|column| match column {
                Column::Field(name, _) => good_cell(kind, name),
                Column::Unknown(_) => cell().boxed(),
            })
            .collect();
        let header: Vec<String> = columns
            .iter()
            .map(|c| match c {
                Column::Field(_, name) | Column::Unknown(name) => name.clone(),
            })
            .collect();
        proptest::collection::vec(cells, 0..6)
            .prop_map(move |rows| std::iter::once(header.clone()).chain(rows).collect())
    })
}

/// How a clerk's sheet lays the same rows out: title rows above the
/// header (a title, a 截至 row), a 序号 column first, signature rows below,
/// and in CSV the separator.
#[derive(Clone, Debug)]
struct Layout {
    titles: usize,
    numbered: bool,
    footers: usize,
    separator: u8,
}

fn layout() -> impl Strategy<Value = Layout> {
    (
        0..=2usize,
        any::<bool>(),
        0..=2usize,
        proptest::sample::select(vec![b',', b';', b'\t']),
    )
        .prop_map(|(titles, numbered, footers, separator)| Layout {
            titles,
            numbered,
            footers,
            separator,
        })
}

const TITLES: [&str; 2] = ["测试县联乡帮村工作台账", "截至2026年2月28日"];
const FOOTERS: [&str; 2] = ["填表人：张三", "审核人：李四"];

/// The rows under `layout`: the header's and records' cells after a 序号
/// cell when numbered (the header's 序号, the records' 1, 2, …).
fn laid_out(rows: &[Vec<String>], layout: &Layout) -> Vec<Vec<String>> {
    rows.iter()
        .enumerate()
        .map(|(i, row)| {
            let number = if i == 0 {
                "序号".to_string()
            } else {
                i.to_string()
            };
            layout
                .numbered
                .then_some(number)
                .into_iter()
                .chain(row.iter().cloned())
                .collect()
        })
        .collect()
}

/// The canonical CSV of `rows` (UTF-8, commas, header first).
fn plain_csv(rows: &[Vec<String>]) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for row in rows {
        writer.write_record(row).unwrap();
    }
    writer.into_inner().unwrap()
}

/// `rows` laid out as a CSV file: title rows, the header and records
/// (numbered or not), footer rows, with `layout`'s separator.
fn laid_out_csv(rows: &[Vec<String>], layout: &Layout) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .delimiter(layout.separator)
        .from_writer(Vec::new());
    for title in &TITLES[..layout.titles] {
        writer.write_record([title]).unwrap();
    }
    for row in laid_out(rows, layout) {
        writer.write_record(row).unwrap();
    }
    for footer in &FOOTERS[..layout.footers] {
        writer.write_record([footer]).unwrap();
    }
    writer.into_inner().unwrap()
}

/// `rows` laid out as a workbook: the title merged across the table, the
/// 序号 cells numbers, every other cell text (an empty cell not written),
/// footers below; a 说明 sheet of notes after it.
fn laid_out_workbook(rows: &[Vec<String>], layout: &Layout, path: &Path) {
    use rust_xlsxwriter::{Format as CellFormat, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("台账").unwrap();
    let rows = laid_out(rows, layout);
    let width = rows.iter().map(Vec::len).max().unwrap_or(1).max(1) as u16;
    for (r, title) in TITLES[..layout.titles].iter().enumerate() {
        if width > 1 {
            sheet
                .merge_range(r as u32, 0, r as u32, width - 1, title, &CellFormat::new())
                .unwrap();
        } else {
            sheet.write_string(r as u32, 0, *title).unwrap();
        }
    }
    let top = layout.titles as u32;
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            let (r, c) = (top + r as u32, c as u16);
            if layout.numbered && c == 0 && r > top {
                sheet.write_number(r, c, (r - top) as f64).unwrap();
            } else if !text.is_empty() {
                sheet.write_string(r, c, text).unwrap();
            }
        }
    }
    let below = top + rows.len() as u32;
    for (r, footer) in FOOTERS[..layout.footers].iter().enumerate() {
        sheet.write_string(below + r as u32, 0, *footer).unwrap();
    }
    let notes = book.add_worksheet().set_name("说明").unwrap();
    notes.write_string(0, 0, "本表按月报送").unwrap();
    book.save(path).unwrap();
}

/// The records and findings of a data folder holding only `file`, as
/// `write` makes it, whatever the file is called.
fn read_alone(file: &str, write: impl FnOnce(&Path)) -> Vec<(Vec<String>, Vec<String>)> {
    let temp = tempfile::tempdir().unwrap();
    fs::write(temp.path().join("bangcun.toml"), "").unwrap();
    write(&temp.path().join(file));
    snapshot(temp.path()).into_values().collect()
}

proptest! {
    #![proptest_config(config(96))]

    /// SPEC §6: a sheet laid out as clerks keep it reads as the same
    /// records, with the same findings, as the canonical CSV of its rows
    /// — as a CSV file (title rows, 序号, footers, `;` or tab) and as a
    /// workbook (a merged title, numbers for 序号, a notes sheet).
    #[test]
    fn a_laid_out_csv_and_a_workbook_read_as_the_canonical_csv(
        (kind, rows) in kind().prop_flat_map(|k| (Just(k), plain_rows(k))),
        layout in layout(),
    ) {
        let name = kind.plural();
        let plain = read_alone(&format!("{name}.csv"), |p| fs::write(p, plain_csv(&rows)).unwrap());
        let csv = read_alone(&format!("{name}.csv"), |p| {
            fs::write(p, laid_out_csv(&rows, &layout)).unwrap()
        });
        prop_assert_eq!(&csv, &plain, "laid out as CSV");
        let xlsx = read_alone(&format!("{name}.xlsx"), |p| laid_out_workbook(&rows, &layout, p));
        prop_assert_eq!(&xlsx, &plain, "laid out as a workbook");
    }
}

// ---- the binary --------------------------------------------------------

/// `bangcun ARGS --data DIR --lang en`.
fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    bangcun()
        .args(args)
        .arg("--data")
        .arg(dir)
        .args(["--lang", "en"])
        .output()
        .unwrap()
}

/// Checks the folder in process as `check` does and renders the findings
/// in every format and language (the binary shows one of them): no panic,
/// and UTF-8 out.
fn check_in_process(dir: &Path) -> Result<(), TestCaseError> {
    let today = bangcun::cli::parse_date("2026-06-30").unwrap();
    let every = [Severity::Error, Severity::Warning];
    let opened = bangcun::cmd::open_dir(dir.to_path_buf(), None, today, &every);
    // Every format of findings: human, json, github.
    for format in FORMATS {
        for lang in [Lang::Zh, Lang::En] {
            let mut out = Vec::new();
            render_findings(format, &opened.data, &opened.findings, lang, true, &mut out).unwrap();
            prop_assert!(
                String::from_utf8(out).is_ok(),
                "{} {:?}",
                format.name(),
                lang
            );
        }
    }
    Ok(())
}

/// Checks the folder in process, then runs check, fmt and fmt --check
/// over it: each ends with exit 0, 1 or 2 (never a panic's 101 or a
/// signal); fmt keeps every record; and after fmt, nothing is left to
/// format.
fn assert_unbreakable(dir: &Path) -> Result<(), TestCaseError> {
    check_in_process(dir)?;
    let check = run(dir, &["check", "--as-of", "2026-06-30"]);
    prop_assert!(
        matches!(check.status.code(), Some(0..=2)),
        "check: {:?}",
        check
    );
    let before = snapshot(dir);
    let fmt = run(dir, &["fmt"]);
    prop_assert!(matches!(fmt.status.code(), Some(0..=2)), "fmt: {:?}", fmt);
    prop_assert_eq!(snapshot(dir), before);
    let again = run(dir, &["fmt", "--check"]);
    let said = String::from_utf8_lossy(&again.stdout);
    prop_assert!(
        said.lines()
            .any(|l| l.starts_with("0 files not in canonical form")),
        "{}",
        said
    );
    Ok(())
}

const FILES: &[&str] = &[
    "bangcun.toml",
    "regions.csv",
    "cadres.csv",
    "visits/2026-03.csv",
    "visits/2026-04.toml",
    "problems.csv",
    "leaves.csv",
];

/// One change to a file's bytes.
#[derive(Clone, Debug)]
enum Mutation {
    Set(usize, u8),
    Insert(usize, u8),
    Remove(usize, usize),
    Truncate(usize),
    RepeatLine(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    // Bytes that matter to CSV, TOML and the decoders: delimiters, quotes,
    // line ends, brackets, a BOM, UTF-8 and GB18030 lead and trail bytes,
    // bytes neither has.
    let byte = prop_oneof![
        proptest::sample::select(
            b"\",\r\n=[]{}'#;\xEF\xBB\xBF\xFF\xFE\x80\x81\x30\xC3\xE6\xF0\x00 ".to_vec()
        ),
        any::<u8>(),
    ];
    prop_oneof![
        (any::<usize>(), byte.clone()).prop_map(|(at, b)| Mutation::Set(at, b)),
        (any::<usize>(), byte).prop_map(|(at, b)| Mutation::Insert(at, b)),
        (any::<usize>(), 1..40usize).prop_map(|(at, n)| Mutation::Remove(at, n)),
        any::<usize>().prop_map(Mutation::Truncate),
        any::<usize>().prop_map(Mutation::RepeatLine),
    ]
}

fn mutate(bytes: &mut Vec<u8>, mutation: &Mutation) {
    let at = |i: usize, len: usize| if len == 0 { 0 } else { i % len };
    match *mutation {
        Mutation::Set(i, b) => {
            let i = at(i, bytes.len());
            if let Some(x) = bytes.get_mut(i) {
                *x = b;
            }
        }
        Mutation::Insert(i, b) => {
            let i = at(i, bytes.len() + 1);
            bytes.insert(i, b);
        }
        Mutation::Remove(i, n) => {
            let i = at(i, bytes.len());
            let end = (i + n).min(bytes.len());
            bytes.drain(i..end);
        }
        Mutation::Truncate(i) => bytes.truncate(at(i, bytes.len() + 1)),
        Mutation::RepeatLine(i) => {
            let lines: Vec<&[u8]> = bytes.split_inclusive(|&b| b == b'\n').collect();
            if let Some(line) = lines.get(at(i, lines.len())) {
                let line = line.to_vec();
                bytes.extend_from_slice(&line);
            }
        }
    }
}

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn mutated_sample_files_never_break_bangcun(
        file in proptest::sample::select(FILES.to_vec()),
        mutations in proptest::collection::vec(mutation(), 1..5),
    ) {
        let (_temp, dir) = temp_copy("fmt-messy");
        let path = dir.join(file);
        let mut bytes = fs::read(&path).unwrap();
        for m in &mutations {
            mutate(&mut bytes, m);
        }
        fs::write(&path, &bytes).unwrap();
        assert_unbreakable(&dir)?;
    }

    #[test]
    fn arbitrary_bytes_never_break_bangcun(
        file in proptest::sample::select(FILES.to_vec()),
        bytes in proptest::collection::vec(any::<u8>(), 0..512),
    ) {
        let (_temp, dir) = temp_copy("fmt-messy");
        fs::write(dir.join(file), &bytes).unwrap();
        assert_unbreakable(&dir)?;
    }
}
