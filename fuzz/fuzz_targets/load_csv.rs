//! Fuzz target: any bytes, read as a CSV data file of any kind (the first
//! byte picks the kind), must give findings, never a panic.

#![no_main]

use bangcun::load::{Format, read_bytes};
use bangcun::model::Kind;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let kind = Kind::ALL[usize::from(pick) % Kind::ALL.len()];
    let read = read_bytes(bytes, kind, Format::Csv);
    assert!(read.records <= read.rows);
});
