//! `bangcun import FILE…`: brings records kept elsewhere (workbooks and
//! CSV files in any of the shapes of docs/data.md) into the data folder in
//! canonical form: codes for names, ISO dates, one `visits/YYYY-MM.csv`
//! per month, the other kinds appended to `KIND.csv`.
//!
//! The files are read with the data folder, as if they were in it, so
//! that everything `check` finds holds for them, and records imported
//! together may refer to each other. Nothing is written when what was
//! read has errors (they are shown, with sheet and cell), nor when a
//! record's key is there already with other values (both places are
//! named); a record there already, unchanged, is skipped, so importing
//! twice changes nothing. Every file is written in full beside its target
//! first, and only when all are ready are they renamed into place, each
//! still holding what was read; a rename that fails undoes those before it.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};

use super::{CLEAN, DATA_ERRORS, Global};
use crate::canonical::{self, BOM};
use crate::cli::ImportArgs;
use crate::finding::{Finding, Severity};
use crate::lang::{Lang, tr};
use crate::load::{self, csv::column_fields};
use crate::model::{self, Dataset, FileId, Kind, KindVisitor, Span, Stored};
use crate::output;
use crate::render::findings::FORMATS;
use crate::render::findings::place;
use crate::render::render_findings;
use crate::schema;

pub fn run(global: &Global, args: &ImportArgs) -> anyhow::Result<ExitCode> {
    let early = global.early_lang();
    let dir = super::find(global)?;
    let mut extra = Vec::new();
    for path in &args.files {
        let shown = path.display();
        if !path.is_file() {
            bail!(tr!(early, "找不到文件 {shown}", "no such file: {shown}"));
        }
        let Some(kind) = args.kind.or_else(|| load::guess_kind(path)) else {
            bail!(tr!(
                early,
                "无法判断 {shown} 是哪类记录（文件名、工作表名和表头都看不出）；用 --kind 指定，如 --kind problems",
                "cannot tell which records {shown} holds (neither its name, its sheets' names nor its header say); name the kind with --kind, e.g. --kind problems",
            ));
        };
        extra.push((path.clone(), kind));
    }
    let opened = super::open_with(dir, &extra, global.lang, super::today(), &[Severity::Error]);
    let lang = opened.lang;
    // The files are written in the folder's language (bangcun.toml's
    // `lang`), whatever language the messages are in.
    let written_lang = opened.config.lang.unwrap_or_default();
    let data = &opened.data;
    let imported: Vec<bool> = data
        .files
        .iter()
        .map(|f| extra.iter().any(|(p, _)| *p == f.path))
        .collect();
    let is_imported = |file: FileId| imported.get(file.0 as usize).copied().unwrap_or(false);

    // Errors in what is imported (a key the folder has already is for
    // the comparison below, not an error).
    let errors: Vec<Finding> = opened
        .findings
        .iter()
        .filter(|f| f.is_error() && f.files().any(is_imported))
        .filter(|f| {
            let across = f
                .related
                .is_some_and(|r| is_imported(r.file) != is_imported(f.span.file));
            !(f.check.name == "duplicate-id" && across)
        })
        .cloned()
        .collect();
    if !errors.is_empty() {
        output::to_stdout(lang, |out| {
            render_findings(FORMATS[0], data, &errors, lang, false, out)?;
            writeln!(out, "{}", nothing_written(lang))
        })?;
        return Ok(ExitCode::from(DATA_ERRORS));
    }

    let mut plan = Plan::default();
    for kind in Kind::ALL {
        model::visit(
            kind,
            Compare {
                data,
                is_imported: &is_imported,
                lang: written_lang,
                plan: &mut plan,
            },
        );
    }
    if !plan.conflicts.is_empty() {
        output::to_stdout(lang, |out| {
            for (key, new, old) in &plan.conflicts {
                let (new, old) = (place(data, *new), place(data, *old));
                // A key is data: inert on the terminal, as every place is.
                let key = crate::inert::visible(key);
                writeln!(
                    out,
                    "{}",
                    tr!(
                        lang,
                        "“{key}”已在数据目录中，但内容不同：导入的 {new}，已有的 {old}",
                        "\"{key}\" is in the data folder already, with other values: imported {new}, there {old}",
                    )
                )?;
            }
            writeln!(out, "{}", nothing_written(lang))
        })?;
        return Ok(ExitCode::from(DATA_ERRORS));
    }

    // The new text of every file written, made in full first.
    let mut written = Vec::new();
    for (target, (kind, rows)) in &plan.rows {
        // Shown from the current directory: `problems.csv`, not
        // `./problems.csv`.
        let path = if opened.dir == Path::new(".") {
            target.clone()
        } else {
            opened.dir.join(target)
        };
        let before = match fs::read(&path) {
            Ok(bytes) => Some(bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        };
        let text = appended(before.as_deref(), *kind, rows, written_lang)
            .with_context(|| cannot_append(&path, lang))?;
        written.push(Written { path, text, before });
    }
    write_all(&written, lang)?;
    let (records, files) = (plan.added, written.len());
    let skipped = plan.skipped;
    output::to_stdout(lang, |out| {
        for Written { path, .. } in &written {
            let shown = path.display();
            writeln!(out, "{}", tr!(lang, "已写入 {shown}", "wrote {shown}"))?;
        }
        writeln!(
            out,
            "{}",
            tr!(
                lang,
                "导入完成：{records} 条记录写入 {files} 个文件，{skipped} 条已在数据目录中、未改动",
                "imported: {records} records into {files} files; {skipped} already there, unchanged",
            )
        )
    })?;
    super::leave(opened);
    Ok(ExitCode::from(CLEAN))
}

fn nothing_written(lang: Lang) -> String {
    tr!(
        lang,
        "未导入任何记录，数据目录未改动",
        "nothing imported: the data folder is unchanged"
    )
}

fn cannot_append(path: &Path, lang: Lang) -> String {
    let shown = path.display();
    tr!(
        lang,
        "无法把记录追加到 {shown}（它不是规范格式的 CSV；先用 bangcun fmt 规范化，或另存为规范格式）",
        "cannot append the records to {shown} (it is no canonical CSV; put it in canonical form with bangcun fmt first)",
    )
}

/// What import will do.
#[derive(Default)]
struct Plan {
    /// For each file of the folder to write (relative to it), its kind and
    /// the canonical rows to add.
    rows: BTreeMap<PathBuf, (Kind, Vec<Vec<String>>)>,
    added: usize,
    /// Records there already, unchanged.
    skipped: usize,
    /// A key there already with other values: the key, the imported
    /// record's place and the one there.
    conflicts: Vec<(String, Span, Span)>,
}

/// Compares the imported records of one kind with the folder's, and
/// plans the rows to write.
struct Compare<'a, F: Fn(FileId) -> bool> {
    data: &'a Dataset,
    is_imported: &'a F,
    lang: Lang,
    plan: &'a mut Plan,
}

impl<F: Fn(FileId) -> bool> KindVisitor for Compare<'_, F> {
    type Out = ();

    fn visit<R: Stored>(self) {
        let kind = R::KIND;
        let date = schema::position(kind, "date");
        let keyed = kind.key().is_some();
        // The folder's records: by key, or (kinds without one) as rows.
        let mut by_key: HashMap<String, (Vec<String>, Span)> = HashMap::new();
        let mut rows: HashSet<Vec<String>> = HashSet::new();
        let mut mine = Vec::new();
        for record in R::all(self.data) {
            if (self.is_imported)(record.span().file) {
                mine.push(record);
                continue;
            }
            let row = record.write(self.data, self.lang);
            match record.key() {
                Some(key) => {
                    by_key
                        .entry(key.to_string())
                        .or_insert((row, record.span()));
                }
                None => {
                    rows.insert(row);
                }
            }
        }
        for record in mine {
            let row = record.write(self.data, self.lang);
            let there = match record.key() {
                Some(key) => match by_key.get(key) {
                    Some((old, _)) if *old == row => true,
                    Some((_, span)) => {
                        let conflict = (key.to_string(), record.span(), *span);
                        self.plan.conflicts.push(conflict);
                        continue;
                    }
                    None => false,
                },
                None => !rows.insert(row.clone()),
            };
            if there {
                self.plan.skipped += 1;
                continue;
            }
            if keyed {
                by_key.insert(
                    record.key().unwrap_or_default().to_string(),
                    (row.clone(), record.span()),
                );
            }
            // Visits go by month: visits/2026-03.csv.
            let target = match date.and_then(|d| row.get(d)).and_then(|d| d.get(..7)) {
                Some(month) if kind == Kind::Visits => {
                    Path::new(kind.plural()).join(format!("{month}.csv"))
                }
                _ => PathBuf::from(format!("{}.csv", kind.plural())),
            };
            self.plan
                .rows
                .entry(target)
                .or_insert((kind, Vec::new()))
                .1
                .push(row);
            self.plan.added += 1;
        }
    }
}

/// The canonical text of a CSV file of `kind` holding what `before` holds
/// (none: a new file) and `rows` after it; `None` when `before` is no
/// canonical CSV to append to.
fn appended(before: Option<&[u8]>, kind: Kind, rows: &[Vec<String>], lang: Lang) -> Option<String> {
    let fields = schema::fields(kind);
    let mut text = String::new();
    // Each column of the file's header: the field it holds.
    let columns: Vec<Option<usize>> = match before {
        Some(bytes) => {
            let decoded = load::decode(bytes).ok()?;
            if decoded.doubt.is_some() || !load::csv::is_plain(&decoded.text, kind) {
                return None;
            }
            text.push_str(decoded.text.trim_start_matches('\u{feff}'));
            let mut splitter = load::split::Splitter::new(&text);
            let mut cells = Vec::new();
            loop {
                match splitter.next_record(&mut cells) {
                    Some(Ok(_)) if load::csv::is_blank(&cells) => continue,
                    Some(Ok(_)) => break column_fields(&cells, kind),
                    _ => return None,
                }
            }
        }
        None => {
            text.push_str(&schema::header_line(kind, lang));
            (0..fields.len()).map(Some).collect()
        }
    };
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    for row in rows {
        let cells = columns.iter().map(|c| {
            let value = c.and_then(|f| row.get(f)).map_or("", String::as_str);
            crate::inert::protect_formula(value).into_owned()
        });
        writer.write_record(cells).ok()?;
    }
    text.push_str(std::str::from_utf8(&writer.into_inner().ok()?).ok()?);
    let formatted = canonical::format_csv(format!("{BOM}{text}").as_bytes(), kind).ok()?;
    Some(formatted.text)
}

/// A file to write: its new text, and what it held when read (`None`:
/// it did not exist).
struct Written {
    path: PathBuf,
    text: String,
    before: Option<Vec<u8>>,
}

/// Writes every file: each to a temporary file beside it first; when all
/// are written, each is renamed into place, if it still holds what was
/// read (else nothing is renamed, and the temporary files are removed).
fn write_all(written: &[Written], lang: Lang) -> anyhow::Result<()> {
    let mut staged = Vec::new();
    let result = (|| -> anyhow::Result<()> {
        for (n, Written { path, text, .. }) in written.iter().enumerate() {
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                fs::create_dir_all(parent)
                    .with_context(|| format!("cannot make {}", parent.display()))?;
            }
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let temp = path.with_file_name(crate::temp::name(&name, std::process::id(), n as u64));
            let (mut file, guard) = crate::temp::Guard::create(&temp)
                .with_context(|| format!("cannot write {}", temp.display()))?;
            staged.push((temp.clone(), guard));
            file.write_all(text.as_bytes())?;
            file.sync_all()?;
        }
        for Written { path, before, .. } in written {
            let now = match fs::read(path) {
                Ok(bytes) => Some(bytes),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                Err(e) => return Err(e.into()),
            };
            if now != *before {
                let shown = path.display();
                bail!(tr!(
                    lang,
                    "{shown} 在导入期间被改动，未导入任何记录；请重新运行 bangcun import",
                    "{shown} changed while importing, so nothing was imported; run bangcun import again",
                ));
            }
        }
        Ok(())
    })();
    if let Err(e) = result {
        for (temp, _) in &staged {
            let _ = fs::remove_file(temp);
        }
        return Err(e);
    }
    // The guards stay until every rename is done or undone.
    let temps: Vec<PathBuf> = staged.iter().map(|(temp, _)| temp.clone()).collect();
    let committed = commit(&temps, written, lang, |from, to| fs::rename(from, to));
    drop(staged);
    committed
}

/// Renames each staged temporary file onto its target. When one rename
/// fails, the targets already renamed are put back as they were read (or
/// removed, if they were not there), each the same atomic way, and the
/// temporary files left are removed: the folder holds either every file
/// imported or none. (Only a power cut between two renames can still leave
/// some written; each file is whole.) `rename` is a parameter so that a
/// test can make one fail.
fn commit(
    staged: &[PathBuf],
    written: &[Written],
    lang: Lang,
    mut rename: impl FnMut(&Path, &Path) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    for (n, (temp, Written { path, .. })) in staged.iter().zip(written).enumerate() {
        if let Err(e) = rename(temp, path) {
            for temp in &staged[n..] {
                let _ = fs::remove_file(temp);
            }
            for Written { path, before, .. } in &written[..n] {
                let _ = match before {
                    Some(bytes) => output::atomic_write(path, lang, |out| out.write_all(bytes)),
                    None => fs::remove_file(path).map_err(Into::into),
                };
            }
            return Err(e).with_context(|| format!("cannot write {}", path.display()));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three files imported at once, the second rename failing: the first
    /// target is put back as it was read, the third never appears, and no
    /// temporary file is left — none of the import is in the folder.
    #[test]
    fn a_failed_rename_undoes_the_renames_before_it() {
        let dir = tempfile::tempdir().unwrap();
        let target = |name: &str| dir.path().join(name);
        fs::write(target("cadres.csv"), "old cadres\n").unwrap();
        let written: Vec<Written> = [
            ("cadres.csv", Some(b"old cadres\n".to_vec())),
            ("problems.csv", None),
            ("leaves.csv", None),
        ]
        .into_iter()
        .map(|(name, before)| Written {
            path: target(name),
            text: format!("new {name}\n"),
            before,
        })
        .collect();
        let temps: Vec<PathBuf> = written
            .iter()
            .enumerate()
            .map(|(n, w)| {
                let temp = target(&format!(".staged-{n}.tmp"));
                fs::write(&temp, &w.text).unwrap();
                temp
            })
            .collect();
        let mut calls = 0;
        let result = commit(&temps, &written, Lang::En, |from, to| {
            calls += 1;
            if calls == 2 {
                return Err(std::io::Error::other("disk full"));
            }
            fs::rename(from, to)
        });
        assert!(result.is_err());
        assert_eq!(
            fs::read_to_string(target("cadres.csv")).unwrap(),
            "old cadres\n"
        );
        assert!(!target("problems.csv").exists());
        assert!(!target("leaves.csv").exists());
        let mut left: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["cadres.csv"]);
    }

    /// When every rename succeeds each target holds its new text.
    #[test]
    fn every_rename_done_puts_every_file_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let written: Vec<Written> = ["a.csv", "b.csv"]
            .into_iter()
            .map(|name| Written {
                path: dir.path().join(name),
                text: format!("new {name}\n"),
                before: None,
            })
            .collect();
        let temps: Vec<PathBuf> = (0..2)
            .map(|n| {
                let temp = dir.path().join(format!(".staged-{n}.tmp"));
                fs::write(&temp, &written[n].text).unwrap();
                temp
            })
            .collect();
        commit(&temps, &written, Lang::En, |from, to| fs::rename(from, to)).unwrap();
        for w in &written {
            assert_eq!(fs::read_to_string(&w.path).unwrap(), w.text);
        }
    }
}
