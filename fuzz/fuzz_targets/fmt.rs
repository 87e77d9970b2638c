//! Fuzz target: `fmt` on any CSV bytes (the first byte picks the kind).
//! A file without errors must format; formatting again must change
//! nothing; and the formatted file must read as the same rows, records
//! and findings (lines aside: rows are reordered).

#![no_main]

use bangcun::canonical::format_csv;
use bangcun::finding::Finding;
use bangcun::load::{Format, UnknownColumn, read_bytes};
use bangcun::model::Kind;
use libfuzzer_sys::fuzz_target;

/// A finding without its line. The example value of an unnamed column is
/// the first cell under it, which moves when rows are sorted.
fn key(f: &Finding) -> String {
    let value = match f.message.get::<UnknownColumn>() {
        Some(UnknownColumn { header, .. }) if header.is_empty() => None,
        _ => f.value.as_deref(),
    };
    format!("{} {:?} {:?}", f.check.name, f.field, value)
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let kind = Kind::ALL[usize::from(pick) % Kind::ALL.len()];
    let before = read_bytes(bytes, kind, Format::Csv);
    if before.findings.iter().any(Finding::is_error) {
        return;
    }
    let formatted = match format_csv(bytes, kind) {
        Ok(formatted) => formatted,
        Err(why) => panic!("a file without errors was refused: {why:?}"),
    };
    let again = format_csv(formatted.text.as_bytes(), kind).expect("canonical text refused");
    assert!(!again.changed, "not idempotent:\n{:?}\n{:?}", formatted.text, again.text);
    let after = read_bytes(formatted.text.as_bytes(), kind, Format::Csv);
    assert_eq!((before.rows, before.records), (after.rows, after.records));
    let mut a: Vec<String> = before.findings.iter().map(key).collect();
    let mut b: Vec<String> = after.findings.iter().map(key).collect();
    a.sort();
    b.sort();
    assert_eq!(a, b);
});
