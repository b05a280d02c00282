//! The floor of `pan validate` on a repository: list the files of its `plan/` and
//! `indicators/` folders (two levels, as pan reads them) and read every one of them,
//! with the same parallelism as pan (rayon, one thread a core), doing nothing else. No
//! program that checks these files can take less; the benchmark compares pan with it.
//!
//! ```sh
//! pan-floor --root benches/out/a100k    # prints files, bytes and the time of each step
//! ```

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

/// The files of `dir` and of its folders, to `depth` levels.
fn list(dir: &Path, depth: usize) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    for e in entries.flatten() {
        match e.file_type() {
            Ok(t) if t.is_file() => files.push(e.path()),
            Ok(t) if t.is_dir() && depth > 1 => dirs.push(e.path()),
            _ => {}
        }
    }
    // Folders listed in parallel, as pan lists them.
    let nested: Vec<Vec<PathBuf>> = dirs.par_iter().map(|d| list(d, depth - 1)).collect();
    files.extend(nested.into_iter().flatten());
    files
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let root = match args.iter().position(|a| a == "--root") {
        Some(i) if i + 1 < args.len() => PathBuf::from(&args[i + 1]),
        _ => {
            eprintln!("usage: pan-floor --root DIR");
            std::process::exit(2);
        }
    };
    let start = Instant::now();
    let mut files = list(&root.join("plan"), 2);
    files.extend(list(&root.join("indicators"), 2));
    let listed = start.elapsed();
    let bytes: usize = files
        .par_iter()
        .map(|f| std::fs::read(f).map(|b| b.len()).unwrap_or(0))
        .sum();
    let total = start.elapsed();
    println!(
        "{} files, {} bytes: listed in {:.3} s, read in {:.3} s, {:.3} s in all",
        files.len(),
        bytes,
        listed.as_secs_f64(),
        (total - listed).as_secs_f64(),
        total.as_secs_f64()
    );
}
