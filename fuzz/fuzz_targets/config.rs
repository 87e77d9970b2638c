//! Fuzz target: any bytes as `bangcun.toml` must give a configuration and
//! findings, never a panic.

#![no_main]

use bangcun::config;
use bangcun::load::decode;
use bangcun::model::FileId;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(decoded) = decode(data) {
        let (config, _) = config::parse(&decoded.text, FileId(0));
        // Whatever was read, the work days stay days of a month.
        assert!(config.workdays.city.iter().all(|d| (1..=31).contains(d)));
    }
});
