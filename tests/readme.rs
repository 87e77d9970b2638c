//! The README lists every check: check names are an interface, and a check
//! missing from the list would be one nobody knows to expect.

use bangcun::check::REGISTRY;

#[test]
fn readme_lists_every_check_with_its_severity() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for check in REGISTRY {
        let row = format!("| `{}` | {} |", check.name, check.severity.as_str());
        assert!(readme.contains(&row), "README lacks the row starting {row}");
    }
}
