//! The examples of `pan validate --explain` are code: for every rule, its bad example
//! applied to the example plan triggers that rule and nothing else (but the companions the
//! catalogue declares), and its good example triggers nothing at all.

mod common;

use std::collections::BTreeSet;

use common::{Fixture, stdout};
use pan::diag::examples::{self, Content, Edit, Example};
use pan::diag::rules::{ALL, Rule};

/// The example plan in a temporary folder.
fn example_plan() -> Fixture {
    let f = Fixture {
        dir: tempfile::tempdir().unwrap(),
    };
    for (path, text) in examples::PLAN {
        f.write(path, text);
    }
    f
}

/// The example plan with one example applied; `None` when this system cannot make it (a
/// symbolic link off Unix).
fn apply(example: &Example) -> Result<Option<Fixture>, String> {
    let f = example_plan();
    let changes = example.changes().ok_or_else(|| {
        format!(
            "{:?} does not apply to {} of the example plan",
            example.edit, example.file
        )
    })?;
    for (path, content) in changes {
        let full = f.path().join(path);
        match content {
            Content::Bytes(bytes) => f.write_bytes(path, &bytes),
            Content::Absent => {
                if full.exists() {
                    f.remove(path);
                }
            }
            Content::Link(target) => {
                #[cfg(unix)]
                std::os::unix::fs::symlink(target, &full).unwrap();
                #[cfg(not(unix))]
                {
                    let _ = (target, full);
                    return Ok(None);
                }
            }
        }
    }
    Ok(Some(f))
}

/// One diagnostic of `pan validate --format json`: its code, where, and whether pan.toml
/// accepts it.
struct Found {
    code: String,
    at: String,
    allowed: bool,
}

/// Run `pan validate --format json` as of a fixed day (and `PAN_TODAY` fixed).
fn validate(f: &Fixture) -> Vec<Found> {
    let out = f.run(&["validate", "--format", "json", "--as-of", "2026-11-23"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(&out)));
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| Found {
            code: d["code"].as_str().unwrap().to_string(),
            at: format!(
                "{} {}:{}: {}",
                d["code"].as_str().unwrap(),
                d["file"].as_str().unwrap(),
                d["line"],
                d["message"].as_str().unwrap()
            ),
            allowed: !d["allowed"].is_null(),
        })
        .collect()
}

/// What is wrong with a rule's examples, if anything.
fn check(rule: &Rule) -> Vec<String> {
    let mut problems = Vec::new();
    match apply(&rule.bad) {
        Err(e) => problems.push(format!("bad example: {e}")),
        Ok(None) => {}
        Ok(Some(f)) => {
            let found = validate(&f);
            let codes: BTreeSet<&str> = found
                .iter()
                .filter(|d| !d.allowed)
                .map(|d| d.code.as_str())
                .collect();
            let expected: BTreeSet<&str> = std::iter::once(rule.code)
                .chain(rule.also.iter().copied())
                .collect();
            if codes != expected {
                let all: Vec<&str> = found.iter().map(|d| d.at.as_str()).collect();
                problems.push(format!(
                    "bad example triggers {codes:?}, not {expected:?}: {all:#?}"
                ));
            }
        }
    }
    match apply(&rule.good) {
        Err(e) => problems.push(format!("good example: {e}")),
        Ok(None) => {}
        Ok(Some(f)) => {
            let found = validate(&f);
            if !found.is_empty() {
                let all: Vec<&str> = found.iter().map(|d| d.at.as_str()).collect();
                problems.push(format!("good example is not clean: {all:#?}"));
            }
        }
    }
    problems
}

#[test]
fn the_example_plan_is_clean() {
    let f = example_plan();
    let out = f.run(&["validate", "--as-of", "2026-11-23", "--deny", "warnings"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(validate(&f).is_empty(), "{}", stdout(&out));
}

#[test]
fn every_bad_example_triggers_its_rule_alone_and_every_good_one_nothing() {
    // Two runs of `pan` per rule, on four threads.
    let failures: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = ALL
            .chunks(ALL.len().div_ceil(4))
            .map(|chunk| {
                s.spawn(move || {
                    chunk
                        .iter()
                        .flat_map(|rule| {
                            check(rule)
                                .into_iter()
                                .map(move |p| format!("{} {}: {p}", rule.code, rule.name))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    assert!(
        failures.is_empty(),
        "{} example(s) do not show their rule:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn companions_are_other_rules_and_rare() {
    for rule in ALL {
        for code in rule.also {
            assert!(
                pan::diag::rules::find(code).is_some_and(|r| r.code != rule.code),
                "{}: `{code}` is not another rule",
                rule.code
            );
        }
    }
    let with: Vec<&str> = ALL
        .iter()
        .filter(|r| !r.also.is_empty())
        .map(|r| r.code)
        .collect();
    assert_eq!(
        with,
        ["P001"],
        "a new companion needs a reason in the rule's explanation"
    );
}

#[test]
fn explain_prints_the_texts_the_examples_run() {
    let f = Fixture::new();
    for rule in ALL {
        let out = f.run(&["validate", "--explain", rule.code]);
        assert_eq!(out.status.code(), Some(0));
        let text = stdout(&out);
        for (title, example) in [("Triggers it", &rule.bad), ("Fixed", &rule.good)] {
            assert!(
                text.contains(&format!("{title} ({}", example.file))
                    || text.contains(&format!("{title}: remove {}.", example.file)),
                "{}: no `{title}` for {}:\n{text}",
                rule.code,
                example.file
            );
            // The lines a replacement writes are printed whole, as the file has them.
            let replaced = match example.edit {
                Edit::Replace(from, to) => Some((from, to)),
                Edit::Append(lines) => Some(("", lines)),
                _ => None,
            };
            if let Some((from, to)) = replaced {
                let origin = example.origin().unwrap();
                let at = if from.is_empty() {
                    origin.len()
                } else {
                    origin.find(from).unwrap()
                };
                let after = format!("{}{to}{}", &origin[..at], &origin[at + from.len()..]);
                let start = after[..at].rfind('\n').map_or(0, |i| i + 1);
                let end = at + to.len();
                let end = after[end..].find('\n').map_or(after.len(), |i| end + i);
                for line in after[start..end].lines() {
                    assert!(
                        text.contains(&format!("| {line}\n")),
                        "{}: `{line}` is not shown:\n{text}",
                        rule.code
                    );
                }
            }
        }
        for code in rule.also {
            assert!(
                text.contains(&format!("triggering {code} ")),
                "{}: companion {code} not shown:\n{text}",
                rule.code
            );
        }
    }
}

#[test]
fn the_readme_shows_a_real_example() {
    let out = Fixture::new().run(&["validate", "--explain", "F005"]);
    let text = stdout(&out);
    let start = text.find("Triggers it (").unwrap();
    let end = start + text[start..].find("\n\nFixed").unwrap();
    let listing = &text[start..end];
    let readme = include_str!("../README.md");
    assert!(
        readme.contains(listing.trim_end()),
        "the README's `--explain F005` differs from the output:\n{listing}"
    );
}
