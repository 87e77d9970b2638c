//! The canonical form of a CSV data file, which `bangcun fmt` writes:
//! UTF-8 with a BOM (without one, Excel and WPS on Chinese Windows take a
//! CSV file for GB18030 and show UTF-8 Chinese garbled), LF line ends,
//! quotes only where needed, dates in ISO form, enumeration words and
//! header names in the language the file already uses, rows in a stable order (visits by date then cadre, leaves
//! by start then cadre, the others by their id), and no cell a spreadsheet
//! would take for a formula: `=1+1` is written `'=1+1`, which the loader
//! reads as `=1+1` again ([`crate::inert::protect_formula`]).
//!
//! It works on the raw table of the file, not on typed records: every cell
//! and every unknown column is kept as written, and only what the
//! canonical form demands is rewritten. Blank rows, the empty cells
//! spreadsheets pad rows with, and columns with neither a header nor a
//! value hold nothing the loader reads, and are dropped.

use std::borrow::Cow;

use crate::date;
use crate::inert;
use crate::lang::Lang;
use crate::load::csv::{column_fields, fits, header_text, is_blank};
use crate::load::decode;
use crate::load::split::Splitter;
use crate::model::Kind;
use crate::schema::{self, Stars, Type, Year};

/// Why a file cannot be put in canonical form. Each of these is an error
/// finding of `check` too; `fmt` normally refuses such a file before it
/// gets here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unformattable {
    /// Neither UTF-8 nor GB18030.
    Encoding,
    /// UTF-8 and GB18030 mixed, or either reading possible: rewritten in
    /// one, the file could be garbled for good.
    EncodingInDoubt,
    /// A quote is never closed.
    Quoting,
    /// No header row.
    NoHeader,
    /// Laid out as a sheet (title rows, a two-row header, footers, `;`
    /// or tabs, UTF-16): read as it is, and kept as it is.
    Layout,
    /// A row has fewer cells than the header, or data beyond it.
    FieldCount { line: u32 },
    /// The canonical text would not read back as the same table (a safety
    /// net: it means a fault in bangcun, not in the file).
    RoundTrip,
}

impl Unformattable {
    /// Why, as `fmt` says it.
    pub fn text(self, lang: Lang) -> String {
        use Unformattable::*;
        match (self, lang) {
            (Encoding, Lang::Zh) => "编码既非 UTF-8 也非 GB18030".to_string(),
            (Encoding, Lang::En) => "neither UTF-8 nor GB18030".to_string(),
            (EncodingInDoubt, Lang::Zh) => {
                "编码存疑（见 bangcun check），另存为“CSV UTF-8（逗号分隔）”后再规范化".to_string()
            }
            (EncodingInDoubt, Lang::En) => {
                "its encoding is in doubt (see bangcun check); save it as \"CSV UTF-8 (comma delimited)\" first"
                    .to_string()
            }
            (Quoting, Lang::Zh) => "引号没有闭合".to_string(),
            (Quoting, Lang::En) => "a quote is never closed".to_string(),
            (Layout, Lang::Zh) => {
                "按表格版式保存（标题行、两行表头、表尾、分号或制表符分隔、UTF-16），按原样读取，不改动；`bangcun import` 可写出其规范格式".to_string()
            }
            (Layout, Lang::En) => {
                "laid out as a sheet (title rows, a two-row header, footers, `;` or tabs, UTF-16): read and kept as it is; `bangcun import` writes its canonical form"
                    .to_string()
            }
            (NoHeader, Lang::Zh) => "没有表头".to_string(),
            (NoHeader, Lang::En) => "no header".to_string(),
            (FieldCount { line }, Lang::Zh) => format!("第 {line} 行的字段数与表头不符"),
            (FieldCount { line }, Lang::En) => {
                format!("line {line} has another number of fields than the header")
            }
            (RoundTrip, Lang::Zh) => {
                "规范化结果读回后与原表不符（bangcun 的缺陷，请报告）".to_string()
            }
            (RoundTrip, Lang::En) => {
                "the canonical text would not read back the same (a bug in bangcun: please report it)"
                    .to_string()
            }
        }
    }
}

/// The byte order mark a canonical file begins with.
pub const BOM: &str = "\u{feff}";

/// A file in canonical form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Formatted {
    pub text: String,
    /// Whether `text` differs from the bytes given.
    pub changed: bool,
}

/// Puts the bytes of a CSV file of `kind` in canonical form.
pub fn format_csv(bytes: &[u8], kind: Kind) -> Result<Formatted, Unformattable> {
    let decoded = decode(bytes).map_err(|_| Unformattable::Encoding)?;
    if decoded.doubt.is_some() {
        return Err(Unformattable::EncodingInDoubt);
    }
    if decoded.encoding == crate::load::Encoding::Utf16
        || !crate::load::csv::is_plain(&decoded.text, kind)
    {
        return Err(Unformattable::Layout);
    }
    let text = decoded.text;
    let table = read_table(&text)?;
    let canonical = canonical_table(&table, kind)?;
    let table = write_table(&canonical).ok_or(Unformattable::RoundTrip)?;
    // Read the text back as the loader will (past the BOM, which it
    // strips): it must give the table meant.
    let again = read_table(&table)?;
    if !again.iter().map(|(_, row)| row).eq(canonical.iter()) {
        return Err(Unformattable::RoundTrip);
    }
    let text = format!("{BOM}{table}");
    Ok(Formatted {
        changed: text.as_bytes() != bytes,
        text,
    })
}

/// A file's non-blank records, each with the line it starts on. Cells are
/// slices of the decoded text where they can be.
type Table<'t> = Vec<(u32, Vec<Cow<'t, str>>)>;

fn read_table(text: &str) -> Result<Table<'_>, Unformattable> {
    let mut splitter = Splitter::new(text);
    let mut cells = Vec::new();
    let mut table = Vec::new();
    while let Some(next) = splitter.next_record(&mut cells) {
        let line = next.map_err(|_| Unformattable::Quoting)?;
        // Blank rows hold no data; the loader passes over them too.
        if is_blank(&cells) {
            continue;
        }
        table.push((line, std::mem::take(&mut cells)));
    }
    Ok(table)
}

/// The cell in `column` of a row, empty where the row is short.
fn cell<'a>(row: &'a [Cow<str>], column: usize) -> &'a str {
    row.get(column).map_or("", |c| c)
}

/// The canonical records: the header, then the rows in order.
fn canonical_table<'a>(
    table: &'a Table,
    kind: Kind,
) -> Result<Vec<Vec<Cow<'a, str>>>, Unformattable> {
    let ((_, header), rows) = table.split_first().ok_or(Unformattable::NoHeader)?;
    let fields = schema::fields(kind);
    if let Some((line, _)) = rows.iter().find(|(_, row)| !fits(row, header.len())) {
        return Err(Unformattable::FieldCount { line: *line });
    }
    // Each column's field, as the loader maps it; a column holding none is
    // kept as it is.
    let column_field = column_fields(header, kind);
    let (mut zh, mut en) = (0, 0);
    for (name, field) in header.iter().zip(&column_field) {
        if let Some(field) = *field {
            if fields[field].zh == header_text(name) {
                zh += 1;
            } else {
                en += 1;
            }
        }
    }
    // The file's language is the one most of its known headers use;
    // Chinese, the default, on a tie.
    let lang = if en > zh { Lang::En } else { Lang::Zh };
    // A column with neither a header nor a value is spreadsheet padding.
    let keep: Vec<(usize, Option<usize>)> = column_field
        .iter()
        .enumerate()
        .filter(|&(c, _)| {
            !header_text(cell(header, c)).is_empty()
                || rows.iter().any(|(_, row)| !cell(row, c).trim().is_empty())
        })
        .map(|(c, &field)| (c, field))
        .collect();

    let canonical_header = keep
        .iter()
        .map(|&(c, field)| match field {
            Some(field) => Cow::Borrowed(fields[field].label(lang)),
            None => reprotect(cell(header, c)),
        })
        .collect();
    let mut canonical_rows: Vec<Vec<Cow<str>>> = rows
        .iter()
        .map(|(_, row)| {
            keep.iter()
                .map(|&(c, field)| match field {
                    Some(field) => canonical_cell(cell(row, c), fields[field].ty, lang),
                    None => reprotect(cell(row, c)),
                })
                .collect()
        })
        .collect();

    // Sort keys are cells of canonical rows: ISO dates sort as dates, ids
    // and codes by their text (a region's code just before its children's).
    let key_columns: Vec<Option<usize>> = kind
        .def()
        .sort
        .iter()
        .map(|&name| {
            let field = schema::position(kind, name);
            keep.iter().position(|&(_, f)| f.is_some() && f == field)
        })
        .collect();
    // Stable: rows with equal keys keep their order, so that formatting
    // twice changes nothing.
    canonical_rows.sort_by(|a, b| sort_key(a, &key_columns).cmp(sort_key(b, &key_columns)));

    let mut out = Vec::with_capacity(canonical_rows.len() + 1);
    out.push(canonical_header);
    out.append(&mut canonical_rows);
    Ok(out)
}

/// The cells of a row in the columns given, in order; empty for a column
/// the file lacks.
fn sort_key<'r>(
    row: &'r [Cow<str>],
    columns: &'r [Option<usize>],
) -> impl Iterator<Item = &'r str> {
    columns
        .iter()
        .map(move |column| column.map_or("", |c| cell(row, c)))
}

/// A cell of a field of type `ty` in canonical form: a date in ISO form,
/// a word in the file's language, anything else kept as written (trimmed).
/// It works on the cell's value, as the loader reads it (trimmed, one
/// formula apostrophe fewer), and writes the value protected again: so
/// `=1+1` and `'=1+1` both give `'=1+1`.
pub(crate) fn canonical_cell(cell: &str, ty: Type, lang: Lang) -> Cow<'_, str> {
    let cell = inert::unprotect_formula(cell.trim());
    let canonical = match ty {
        // A text deadline (2026年底前) is kept as written: what it means
        // depends on the row's found date.
        Type::Date | Type::Deadline => {
            date::parse_cell(cell).map(|day| Cow::Owned(day.to_string()))
        }
        Type::Word { translate } => translate(cell, lang).map(Cow::Borrowed),
        Type::Year => Year::parse(cell).map(|y| Cow::Owned(y.to_string())),
        Type::Stars => Stars::parse(cell).map(|s| Cow::Owned(s.0.to_string())),
        Type::Text | Type::Count | Type::Ref(_) | Type::Refs(_) => None,
    };
    // A value canonical form cannot read (an error `check` reports) is
    // kept as written.
    canonical.unwrap_or_else(|| inert::protect_formula(cell))
}

/// A cell of a column no field reads, kept as written (untrimmed) but for
/// the formula rule, which holds for every cell of the file.
fn reprotect(cell: &str) -> Cow<'_, str> {
    inert::protect_formula(inert::unprotect_formula(cell))
}

/// Writes records with the csv crate: quotes only where needed, LF after
/// every record. `None` only if the crate fails writing to memory.
fn write_table(records: &[Vec<Cow<str>>]) -> Option<String> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    for record in records {
        writer
            .write_record(record.iter().map(|c| c.as_bytes()))
            .ok()?;
    }
    String::from_utf8(writer.into_inner().ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The canonical text, which must begin with the BOM, without it.
    fn fmt(text: &str, kind: Kind) -> String {
        let text = format_csv(text.as_bytes(), kind).unwrap().text;
        let table = text
            .strip_prefix(BOM)
            .expect("canonical text begins with a BOM");
        table.to_string()
    }

    #[test]
    fn dates_enums_order_and_line_ends() {
        // Rows out of order, CRLF, Excel dates, an English enum word in a
        // Chinese file, a padded row and a blank row.
        let messy = "日期,干部编号,地点代码,类型\r\n\
                     2026/3/20,C2,411002,forum\r\n\
                     2026年3月10日,C9, 411003 ,接访,,\r\n\
                     ,,,\r\n\
                     2026.3.10,C1,411002,\r\n";
        assert_eq!(
            fmt(messy, Kind::Visits),
            "日期,干部编号,地点代码,类型\n\
             2026-03-10,C1,411002,\n\
             2026-03-10,C9,411003,接访\n\
             2026-03-20,C2,411002,座谈会\n"
        );
    }

    #[test]
    fn english_files_stay_english() {
        let text = "Code,NAME,level,parent\n411002001,x,乡级,411002\n411002,y,County,\n";
        assert_eq!(
            fmt(text, Kind::Regions),
            "code,name,level,parent\n411002,y,county,\n411002001,x,township,411002\n"
        );
    }

    #[test]
    fn a_tie_of_languages_is_chinese() {
        // Two Chinese headers, two English: Chinese wins the tie.
        let text = "干部编号,开始日期,to,reason\nC1,2026-01-01,2026-01-02,x\n";
        assert_eq!(
            fmt(text, Kind::Leaves),
            "干部编号,开始日期,结束日期,事由\nC1,2026-01-01,2026-01-02,x\n"
        );
    }

    #[test]
    fn unknown_columns_and_quoted_cells_survive() {
        let text = "\u{feff}问题编号,备用 ,发现日期,地点代码,类别,问题描述,,\n\
                    P2,\" keep, me \",2026-01-02,411002,基础设施,\"路灯\"\"坏\"\"\nline 2\",,\n\
                    P1,a\"b,2026-01-01,411002,基础设施,  路  ,,\n";
        assert_eq!(
            fmt(text, Kind::Problems),
            "问题编号,备用 ,发现日期,地点代码,类别,问题描述\n\
             P1,\"a\"\"b\",2026-01-01,411002,基础设施,路\n\
             P2,\" keep, me \",2026-01-02,411002,基础设施,\"路灯\"\"坏\"\"\nline 2\"\n"
        );
    }

    #[test]
    fn no_cell_is_a_formula_and_none_is_lost() {
        // A summary, a unit and an unknown column that Excel would compute;
        // a unit already protected; a unit whose value begins with an
        // apostrophe before an equals sign.
        let text = "问题编号,发现日期,地点代码,类别,问题描述,责任单位,备用\n\
                    P1,2026-01-01,411002,基础设施,=cmd|' /C calc'!A0,'@SUM(1),-1\n\
                    P2,2026-01-02,411002,基础设施,+86 电话,\"''=1\",ok\n";
        let canonical = fmt(text, Kind::Problems);
        assert_eq!(
            canonical,
            "问题编号,发现日期,地点代码,类别,问题描述,责任单位,备用\n\
             P1,2026-01-01,411002,基础设施,'=cmd|' /C calc'!A0,'@SUM(1),'-1\n\
             P2,2026-01-02,411002,基础设施,'+86 电话,''=1,ok\n"
        );
        // Canonical text (with its BOM) is canonical.
        assert!(
            !format_csv(format!("{BOM}{canonical}").as_bytes(), Kind::Problems)
                .unwrap()
                .changed
        );
    }

    #[test]
    fn gb18030_becomes_utf8_with_a_bom() {
        let (bytes, _, _) =
            encoding_rs::GB18030.encode("编号,姓名,级别,联系点\r\nC1,张三,city,411002001\r\n");
        let out = format_csv(&bytes, Kind::Cadres).unwrap();
        assert!(out.changed);
        assert_eq!(
            out.text.as_bytes(),
            "\u{feff}编号,姓名,级别,联系点\nC1,张三,市级,411002001\n".as_bytes()
        );
        // EF BB BF: the BOM in UTF-8.
        assert_eq!(&out.text.as_bytes()[..3], b"\xEF\xBB\xBF");
    }

    #[test]
    fn canonical_text_is_unchanged() {
        let text = "\u{feff}日期,干部编号,地点代码\n2026-03-10,C1,411002\n";
        let out = format_csv(text.as_bytes(), Kind::Visits).unwrap();
        assert!(!out.changed);
        assert_eq!(out.text, text);
    }

    #[test]
    fn utf8_without_a_bom_is_not_canonical() {
        let text = "日期,干部编号,地点代码\n2026-03-10,C1,411002\n";
        let out = format_csv(text.as_bytes(), Kind::Visits).unwrap();
        assert!(out.changed);
        assert_eq!(out.text, format!("{BOM}{text}"));
    }

    #[test]
    fn unreadable_tables_are_refused() {
        assert_eq!(
            format_csv(b"\xFF\xFE\x00", Kind::Visits),
            Err(Unformattable::Encoding)
        );
        assert_eq!(
            format_csv(b"a,b\n\"c,d\n", Kind::Visits),
            Err(Unformattable::Quoting)
        );
        assert_eq!(
            format_csv(b"\n ,\n", Kind::Visits),
            Err(Unformattable::NoHeader)
        );
        assert_eq!(
            format_csv(b"a,b,c\n1,2,3\n1,2\n", Kind::Visits),
            Err(Unformattable::FieldCount { line: 3 })
        );
        assert_eq!(
            format_csv(b"a,b\n1,2,3\n", Kind::Visits),
            Err(Unformattable::FieldCount { line: 2 })
        );
    }
}
