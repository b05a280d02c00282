//! The house's one-way flow, checked on the source: each top-level module of `src/` may
//! only use modules of lower layers (never a sibling of its own layer, never one above),
//! so there is no import cycle. The layers, lowest first:
//!
//! ```text
//! text            small text helpers (folding, suggestions)
//! model           the plan's types, no I/O
//! config, diag    settings and limits; diagnostics and the rule catalogue
//! syntax          YAML with positions
//! load, write     files → model; the only place that changes files
//! check, report   rules over the model; pure computations for an as-of date
//! render          terminal and Markdown text: every word, language and number format
//! export, template, scaffold
//!                 for other programs (JSON, open data, the status workbook); the
//!                 focal point's readings workbook; the starter repository of pan init
//! site            the public website, built from all of the above
//! cmd, harness    one file per subcommand; the fuzzing entry points
//! ```

use std::collections::BTreeSet;
use std::path::Path;

const LAYERS: &[&[&str]] = &[
    &["text", "files"],
    &["model"],
    &["config", "diag"],
    &["syntax"],
    &["load", "write"],
    &["check", "report"],
    &["render"],
    &["export", "template", "scaffold"],
    &["site"],
    &["cmd", "harness"],
];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// The top-level module a source file belongs to.
fn module_of(path: &Path, src: &Path) -> String {
    let rel = path.strip_prefix(src).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

/// Every top-level module a file names as `crate::x`.
fn uses(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, _) in text.match_indices("crate::") {
        let before = text[..i].chars().last();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue; // `pan_crate::…` or similar
        }
        let rest = &text[i + "crate::".len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            out.insert(name);
        }
    }
    // `use crate::{a, b}` groups.
    for (i, _) in text.match_indices("crate::{") {
        let rest = &text[i + "crate::{".len()..];
        let group = &rest[..rest.find('}').unwrap_or(0)];
        for part in group.split(',') {
            let name: String = part
                .trim()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

#[test]
fn every_module_uses_only_lower_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut problems = Vec::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let module = module_of(path, &src);
        if module == "lib" || module == "main" {
            continue;
        }
        let Some(own) = layer(&module) else {
            problems.push(format!(
                "{}: module `{module}` has no layer",
                path.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(path).unwrap();
        for used in uses(&text) {
            if used == module {
                continue;
            }
            // Only the commands (and the fuzzing entry points) change files: nothing that
            // computes or renders can write.
            if used == "write" && !matches!(module.as_str(), "cmd" | "harness") {
                problems.push(format!(
                    "{}: `{module}` uses `write`; only cmd and harness may change files",
                    path.strip_prefix(&src).unwrap().display()
                ));
                continue;
            }
            match layer(&used) {
                Some(l) if l < own => {}
                Some(_) => problems.push(format!(
                    "{}: `{module}` uses `{used}`, which is not below it",
                    path.strip_prefix(&src).unwrap().display()
                )),
                None => problems.push(format!(
                    "{}: uses `crate::{used}`, which has no layer",
                    path.strip_prefix(&src).unwrap().display()
                )),
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_checker_sees_a_back_edge() {
    assert!(uses("use crate::render::term;\nfn f() { crate::cmd::x(); }").contains("cmd"));
    assert!(uses("use crate::{model::Plan, report};").contains("report"));
    assert!(!uses("let pan_crate::x = 1;").contains("x"));
}
