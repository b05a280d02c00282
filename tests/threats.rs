//! THREATS.md names, for every surface, the tests that prove its guarantee: each must
//! exist, so that the table cannot rot when a test is renamed or removed.

use std::path::Path;

/// The tests a cell of the table names: `file::function` in backquotes.
fn named(table: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for line in table.lines().filter(|l| l.starts_with('|')) {
        let Some(tests) = line.trim_end_matches('|').rsplit('|').next() else {
            continue;
        };
        for quoted in tests.split('`').skip(1).step_by(2) {
            if let Some((file, function)) = quoted.rsplit_once("::") {
                out.push((file.to_string(), function.to_string()));
            }
        }
    }
    out
}

#[test]
fn every_test_threats_md_names_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let table = std::fs::read_to_string(root.join("THREATS.md")).unwrap();
    let names = named(&table);
    assert!(names.len() > 60, "THREATS.md names {} tests", names.len());
    let mut missing = Vec::new();
    for (file, function) in &names {
        let path = if file.starts_with("src/") {
            root.join(file)
        } else {
            root.join("tests").join(format!("{file}.rs"))
        };
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        // A test: `fn name(` with `#[test]` on one of the lines just above it.
        let found = lines.iter().enumerate().any(|(i, l)| {
            l.trim_start().starts_with(&format!("fn {function}("))
                && lines[i.saturating_sub(3)..i]
                    .iter()
                    .any(|above| above.trim() == "#[test]")
        });
        if !found {
            missing.push(format!("{file}::{function}"));
        }
    }
    assert!(
        missing.is_empty(),
        "THREATS.md names tests that do not exist: {missing:?}"
    );
}

#[test]
fn every_binary_test_of_the_surfaces_is_in_the_table() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let table = std::fs::read_to_string(root.join("THREATS.md")).unwrap();
    let names = named(&table);
    let surfaces = std::fs::read_to_string(root.join("tests/surfaces.rs")).unwrap();
    let lines: Vec<&str> = surfaces.lines().collect();
    for (i, l) in lines.iter().enumerate() {
        if l.trim() != "#[test]" {
            continue;
        }
        let Some(f) = lines[i + 1..]
            .iter()
            .find_map(|l| l.trim_start().strip_prefix("fn "))
        else {
            continue;
        };
        let function = f.split('(').next().unwrap_or_default();
        assert!(
            names
                .iter()
                .any(|(file, n)| file == "surfaces" && n == function),
            "surfaces::{function} is not in THREATS.md"
        );
    }
}

/// One policy per kind of output: every CSV pan writes for people goes through
/// `render::csv_out` (quoted in either locale, formulas neutralised before), so a new
/// output cannot forget it. Only `write::readings` writes CSV otherwise: the
/// repository's own readings files, which pan reads back.
#[test]
fn every_csv_output_goes_through_the_one_writer() {
    fn walk(dir: &Path, found: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                if text.contains("csv::Writer") {
                    found.push(path.to_string_lossy().replace('\\', "/"));
                }
            }
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    walk(&src, &mut found);
    found.retain(|p| !p.ends_with("src/write/readings.rs"));
    assert!(
        found.is_empty(),
        "CSV written beside render::csv_out: {found:?}"
    );
}
