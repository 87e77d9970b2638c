//! The committed samples are what the example generator writes:
//! `examples/qinzhou/` is `cargo run --example gen -- --programme qinzhou
//! OUT`, file for file and byte for byte, so that the README's figures on
//! it come from the generator and a change to either shows here.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The generator as `cargo test` builds it, beside the test binaries:
/// `target/debug/examples/gen`.
fn generator() -> PathBuf {
    let deps = std::env::current_exe().unwrap();
    let profile = deps.parent().and_then(Path::parent).unwrap();
    let generator = profile
        .join("examples")
        .join(format!("gen{}", std::env::consts::EXE_SUFFIX));
    assert!(
        generator.is_file(),
        "{} is not built: run the whole `cargo test`, which builds the examples",
        generator.display()
    );
    generator
}

/// Every file under `dir`, by its path within it.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().to_path_buf();
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    out
}

#[test]
fn the_qinzhou_sample_is_what_gen_writes() {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("qinzhou");
    let status = Command::new(generator())
        .args(["--programme", "qinzhou"])
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let made = files(&out);
    let committed = files(&common::root().join("examples/qinzhou"));
    assert_eq!(
        made.keys().collect::<Vec<_>>(),
        committed.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &made {
        assert!(
            committed[path] == *bytes,
            "examples/qinzhou/{} differs from what gen writes",
            path.display()
        );
    }
}
