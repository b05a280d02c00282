//! Replays the fuzzing corpus (fuzz/corpus) and every input a fuzzer ever crashed on
//! (fuzz/regressions) through the same entry points as the fuzz targets, so that CI,
//! which does not fuzz, still proves none of them panics.

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut n = 0;
    for dir in [
        root.join("corpus").join(target),
        root.join("regressions").join(target),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
        files.sort();
        for f in files {
            let data = std::fs::read(&f).unwrap();
            let outcome = std::panic::catch_unwind(|| run(&data));
            assert!(outcome.is_ok(), "{target} panics on {}", f.display());
            n += 1;
        }
    }
    n
}

#[test]
fn calendar_corpus() {
    assert!(replay("calendar", pan::harness::calendar) > 30);
}

#[test]
fn action_file_corpus() {
    assert!(replay("action_file", pan::harness::action_file) >= 10);
}

#[test]
fn readings_csv_corpus() {
    assert!(replay("readings_csv", pan::harness::readings_csv) > 3);
}

#[test]
fn period_corpus() {
    assert!(replay("period", pan::harness::period) > 5);
}

#[test]
fn readings_insert_corpus() {
    assert!(replay("readings_insert", pan::harness::readings_insert) > 3);
}

#[test]
fn workbook_corpus() {
    assert!(replay("workbook", pan::harness::workbook) >= 8);
}

#[test]
fn workbook_shared_strings_corpus() {
    assert!(
        replay(
            "workbook_shared_strings",
            pan::harness::workbook_shared_strings
        ) >= 6
    );
}

#[test]
fn workbook_stamp_corpus() {
    assert!(replay("workbook_stamp", pan::harness::workbook_stamp) >= 6);
}
