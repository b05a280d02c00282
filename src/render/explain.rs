//! `pan validate --explain CODE`: a rule's documentation and its two examples, printed as
//! the files they make of the example plan (`diag::examples`) — the very bytes the tests
//! run `pan validate` on — with what the example changed marked.

use std::fmt::Write;

use super::term::sanitize;
use crate::diag::examples::{Content, Edit, Example};
use crate::diag::rules::{self, Rule};

/// Files of at most this many lines are shown whole.
const SHORT: usize = 16;
/// Lines shown around a change in a longer file.
const CONTEXT: usize = 3;
/// Lines longer than this (in characters) are cut.
const LONG: usize = 200;

/// The documentation of one rule, with its examples.
pub fn explain(rule: &Rule) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} {} ({})\n", rule.code, rule.name, rule.severity);
    let _ = writeln!(out, "{}\n", rule.summary);
    let _ = writeln!(out, "{}\n", rule.explanation);
    let _ = writeln!(out, "Fix: {}\n", rule.hint);
    let bad = rule.bad.changes();
    let bad_shown = bad.as_ref().and_then(|c| c.first()).map(|(_, c)| c);
    out.push_str(&example(
        "Triggers it",
        &rule.bad,
        rule.bad.origin().map(str::as_bytes),
    ));
    if !rule.also.is_empty() {
        let also: Vec<String> = rule
            .also
            .iter()
            .map(|code| match rules::find(code) {
                Some(r) => format!("{} {}", r.code, r.name),
                None => code.to_string(),
            })
            .collect();
        let _ = writeln!(
            out,
            "This example cannot help triggering {} too.\n",
            also.join(", ")
        );
    }
    // The fix is shown against the broken file when both name the same file.
    let base = match bad_shown {
        Some(Content::Bytes(b)) if rule.bad.file == rule.good.file => Some(b.as_slice()),
        _ => rule.good.origin().map(str::as_bytes),
    };
    out.push_str(&example("Fixed", &rule.good, base));
    let alone = if rule.also.is_empty() {
        "this rule alone".to_string()
    } else {
        format!("this rule and {} only", rule.also.join(", "))
    };
    let _ = writeln!(
        out,
        "Each example is one file of a small example plan that is otherwise clean; the tests\n\
         run `pan validate` on both: the first triggers {alone}, the second nothing."
    );
    out
}

/// One example: a heading naming the file, then the file with its changes marked.
fn example(title: &str, ex: &Example, base: Option<&[u8]>) -> String {
    let mut out = String::new();
    let file = sanitize(ex.file);
    let Some(changes) = ex.changes() else {
        let _ = writeln!(out, "{title} ({file}): the example does not apply.\n");
        return out;
    };
    let how = match ex.edit {
        Edit::Move { from } => format!(", moved from {}", sanitize(from)),
        Edit::Copy { of, .. } => format!(", a copy of {}", sanitize(of)),
        Edit::Write(_) if ex.origin().is_none() => ", a new file".to_string(),
        Edit::Grow(size) => format!(", {size} bytes"),
        _ => String::new(),
    };
    match changes.first().map(|(_, c)| c) {
        Some(Content::Bytes(bytes)) => {
            let _ = writeln!(out, "{title} ({file}{how}):\n");
            // A new file is shown as it is: nothing to mark.
            let base = if ex.origin().is_some() {
                base
            } else {
                Some(bytes.as_slice())
            };
            out.push_str(&listing(bytes, base));
        }
        Some(Content::Link(target)) => {
            let _ = writeln!(out, "{title} ({file}, a symbolic link):\n");
            let _ = writeln!(out, "    {file} -> {}", sanitize(target));
        }
        Some(Content::Absent) | None => {
            let _ = writeln!(out, "{title}: remove {file}.");
        }
    }
    out.push('\n');
    out
}

/// Split bytes into lines, without the line breaks (a last empty line is not one).
fn lines(bytes: &[u8]) -> Vec<&[u8]> {
    let mut v: Vec<&[u8]> = bytes.split(|b| *b == b'\n').collect();
    if v.last().is_some_and(|l| l.is_empty()) {
        v.pop();
    }
    v
}

/// A line for the terminal: bytes that are not UTF-8 as `\xE9`, control characters
/// escaped, very long lines cut.
fn show(line: &[u8]) -> String {
    let mut text = String::new();
    for chunk in line.utf8_chunks() {
        text.push_str(chunk.valid());
        for b in chunk.invalid() {
            let _ = write!(text, "\\x{b:02X}");
        }
    }
    let text = sanitize(&text);
    let count = text.chars().count();
    if count > LONG {
        let kept: String = text.chars().take(60).collect();
        format!("{kept}… ({} characters in all)", count)
    } else {
        text
    }
}

/// A line of the base that is gone.
fn removed_line(line: &[u8], width: usize) -> String {
    format!("  - {:width$} | {}", "", show(line))
        .trim_end()
        .to_string()
}

/// The file's lines, numbered, with the lines that differ from `base` marked `>` and the
/// lines of `base` removed without replacement marked `-`; a long file shows only the
/// lines around the change.
fn listing(bytes: &[u8], base: Option<&[u8]>) -> String {
    let now = lines(bytes);
    let was = base.map(lines).unwrap_or_default();
    if now.is_empty() {
        return "    (an empty file)\n".to_string();
    }
    // The changed region: what is left between the common first and last lines.
    let (changed, removed) = if base.is_none() {
        (0..0, Vec::new())
    } else {
        let head = now.iter().zip(&was).take_while(|(a, b)| a == b).count();
        let tail = now[head..]
            .iter()
            .rev()
            .zip(was[head..].iter().rev())
            .take_while(|(a, b)| a == b)
            .count();
        let removed = if now.len() - tail == head {
            was[head..was.len() - tail].to_vec()
        } else {
            Vec::new()
        };
        (head..now.len() - tail, removed)
    };
    let unchanged = changed.is_empty() && removed.is_empty();
    let shown = |i: usize| {
        if now.len() <= SHORT {
            true
        } else if unchanged {
            i <= CONTEXT
        } else {
            i + CONTEXT >= changed.start && i < changed.end.max(changed.start) + CONTEXT
        }
    };
    let width = now.len().to_string().len();
    let mut out = String::new();
    let mut gap = false;
    for (i, line) in now.iter().enumerate() {
        if i == changed.start && !removed.is_empty() {
            for r in &removed {
                let _ = writeln!(out, "{}", removed_line(r, width));
            }
        }
        if !shown(i) {
            gap = true;
            continue;
        }
        if gap {
            let _ = writeln!(out, "    {:width$} ...", "");
        }
        gap = false;
        let mark = if changed.contains(&i) { '>' } else { ' ' };
        let _ = writeln!(
            out,
            "{}",
            format!("  {mark} {:>width$} | {}", i + 1, show(line)).trim_end()
        );
    }
    if changed.start >= now.len() && !removed.is_empty() {
        for r in &removed {
            let _ = writeln!(out, "{}", removed_line(r, width));
        }
    }
    if gap {
        let _ = writeln!(out, "    {:width$} ...", "");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_line_is_marked_and_a_long_file_cut_around_it() {
        let was = (1..=30).map(|i| format!("line {i}\n")).collect::<String>();
        let now = was.replace("line 15\n", "line fifteen\n");
        let out = listing(now.as_bytes(), Some(was.as_bytes()));
        assert!(out.contains("  > 15 | line fifteen\n"), "{out}");
        assert!(out.contains("    12 | line 12\n"), "{out}");
        assert!(!out.contains("line 11\n"), "{out}");
        assert!(!out.contains("line 19\n"), "{out}");
        assert_eq!(out.matches("...").count(), 2, "{out}");
    }

    #[test]
    fn a_removed_line_is_shown_where_it_was() {
        let out = listing(b"a\nc\n", Some(b"a\nb\nc\n"));
        assert_eq!(out, "    1 | a\n  -   | b\n    2 | c\n");
        let out = listing(b"a\n", Some(b"a\nb\n"));
        assert_eq!(out, "    1 | a\n  -   | b\n");
    }

    #[test]
    fn bytes_that_are_not_utf8_and_long_lines_stay_readable() {
        assert_eq!(show(b"s\xe9ances"), "s\\xE9ances");
        let long = show(&[b'x'; 500]);
        assert!(long.ends_with("… (500 characters in all)"), "{long}");
    }

    #[test]
    fn every_rule_shows_both_examples() {
        for rule in rules::ALL {
            let out = explain(rule);
            assert!(out.contains("Triggers it"), "{}", rule.code);
            assert!(out.contains("Fixed"), "{}", rule.code);
            assert!(!out.contains("does not apply"), "{}: {out}", rule.code);
        }
    }
}
