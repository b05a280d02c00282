//! The result of `pan reading import` as Markdown (`--report FILE.md`), to attach to the
//! pull request that carries the new readings: what is recorded (or would be), the rows
//! already recorded, those skipped, and every refused cell with its message — in
//! English, like the messages it repeats. Every text that comes from the file is
//! escaped: a cell cannot add a link, an image, HTML or a table column.

use std::fmt::Write as _;

use super::markdown::{Align, escape, escape_inline, table};
use super::words;
use crate::check::import::Checked;
use crate::load::import::Place;

/// What became of the import.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Recorded.
    Recorded,
    /// Checked only (`--dry-run`).
    Checked,
    /// Refused: nothing written.
    Refused,
}

/// Where a row or cell is: `Relevés!E5`, `Relevés, row 5`, `line 7`, or `the file`.
fn place(p: Option<&Place>) -> String {
    match p {
        None => "the file".into(),
        Some(Place {
            sheet: Some(s),
            cell: Some(c),
            ..
        }) => format!("{}!{c}", escape_inline(s)),
        Some(Place {
            sheet: Some(s),
            line,
            cell: None,
        }) => format!("{}, row {line}", escape_inline(s)),
        Some(Place {
            sheet: None, line, ..
        }) => format!("line {line}"),
    }
}

/// The report of an import of the file `name`.
pub fn markdown(name: &str, c: &Checked, outcome: Outcome) -> String {
    let name = escape_inline(name);
    let n = c.accepted.len();
    let mut out = String::from("## pan reading import\n\n");
    let _ = match outcome {
        Outcome::Recorded => writeln!(
            out,
            "✅ **{name}**: {} recorded in {}.",
            words::count(n, "reading", "readings"),
            words::count(c.files, "file", "files")
        ),
        Outcome::Checked => writeln!(
            out,
            "🔎 **{name}**: {} would be recorded in {} (checked with `--dry-run`; nothing written).",
            words::count(n, "reading", "readings"),
            words::count(c.files, "file", "files")
        ),
        Outcome::Refused => writeln!(
            out,
            "❌ **{name}**: {}; nothing was written.",
            words::count(c.refused.len(), "problem", "problems")
        ),
    };
    out.push('\n');
    if !c.sheets.is_empty() {
        let sheets: Vec<String> = c.sheets.iter().map(|s| escape_inline(s)).collect();
        let read = if sheets.len() == 1 {
            "Sheet read"
        } else {
            "Sheets read"
        };
        let _ = writeln!(out, "- {read}: {}", sheets.join(", "));
    }
    if let Some(s) = &c.stamp {
        let asked: Vec<String> = s.asked.iter().map(ToString::to_string).collect();
        let _ = write!(
            out,
            "- Template made by pan from the plan “{}” (fingerprint {}), as of {}",
            escape_inline(&s.plan),
            escape_inline(&s.fingerprint),
            s.as_of
        );
        if !asked.is_empty() {
            let periods = if asked.len() == 1 {
                "period"
            } else {
                "periods"
            };
            let _ = write!(out, "; {periods} asked for: {}", asked.join(", "));
        }
        out.push('\n');
    }
    let recorded = match outcome {
        Outcome::Recorded => "Recorded",
        Outcome::Checked => "Would be recorded",
        Outcome::Refused => "Rows that pass (recorded once every refused row is mended)",
    };
    for (what, count) in [
        (recorded, n),
        ("Already recorded with the same value", c.identical.len()),
        ("Empty rows skipped", c.blank),
        ("Refused", c.refused.len()),
    ] {
        let _ = writeln!(out, "- {what}: {count}");
    }
    if !c.refused.is_empty() {
        let _ = writeln!(out, "\n### Refused ({})\n", c.refused.len());
        let rows: Vec<Vec<String>> = c
            .refused
            .iter()
            .map(|r| vec![place(r.place.as_ref()), escape(&r.message), escape(&r.hint)])
            .collect();
        out.push_str(&table(
            &["Where", "Problem", "Fix"],
            &[Align::Left; 3],
            &rows,
        ));
    }
    if n > 0 {
        let _ = writeln!(out, "\n### {recorded} ({n})\n");
        out.push_str(&accepted_table(c));
    }
    if !c.identical.is_empty() {
        let _ = writeln!(
            out,
            "\n### Already recorded with the same value ({})\n",
            c.identical.len()
        );
        out.push_str(&identical_table(c));
    }
    out
}

/// The table of the readings recorded (or to record).
fn accepted_table(c: &Checked) -> String {
    let rows: Vec<Vec<String>> = c
        .accepted
        .iter()
        .map(|a| {
            let value = match &a.row.replaces {
                Some(old) => format!("{} (replaces {})", escape(&a.row.value), escape(old)),
                None => escape(&a.row.value),
            };
            vec![
                place(Some(&a.place)),
                escape(&a.target),
                escape(&a.row.indicator),
                a.row.period.to_string(),
                value,
                escape(&a.row.source),
                escape(&a.row.note),
            ]
        })
        .collect();
    table(
        &[
            "Where",
            "Action",
            "Indicator",
            "Period",
            "Value",
            "Source",
            "Note",
        ],
        &[
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Right,
            Align::Left,
            Align::Left,
        ],
        &rows,
    )
}

/// The table of the rows already recorded with the same value.
fn identical_table(c: &Checked) -> String {
    let rows: Vec<Vec<String>> = c
        .identical
        .iter()
        .map(|i| {
            vec![
                place(Some(&i.place)),
                escape(&i.target),
                escape(&i.indicator),
                escape(&i.period),
                escape(&i.value),
            ]
        })
        .collect();
    table(
        &["Where", "Action", "Indicator", "Period", "Value"],
        &[
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Right,
        ],
        &rows,
    )
}
