//! Printing a plan diff: text for a terminal, Markdown for a pull-request comment, JSON.

use std::fmt::Write;

use super::markdown::{self, Align, escape, escape_inline};
use super::term::{Style, Term, sanitize, truncate};
use crate::report::diff::{ActionDiff, Kind, PlanDiff, ReadingsDiff, Row, Words};

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The one-line summary.
pub fn summary_line(d: &PlanDiff) -> String {
    let s = &d.summary;
    let mut parts = Vec::new();
    let mut actions = plural(s.actions_changed, "action changed", "actions changed");
    if s.actions_added + s.actions_removed > 0 {
        let _ = write!(
            actions,
            " ({} added, {} removed)",
            s.actions_added, s.actions_removed
        );
    }
    parts.push(actions);
    let mut readings = plural(s.readings_added, "reading added", "readings added");
    if s.readings_replaced > 0 {
        let _ = write!(readings, " ({} as replacements)", s.readings_replaced);
    }
    parts.push(readings);
    parts.push(plural(
        s.states_recorded,
        "state recorded",
        "states recorded",
    ));
    parts.push(format!(
        "{} introduced, {} fixed",
        plural(s.problems_introduced, "problem", "problems"),
        s.problems_fixed
    ));
    if s.history_rewrites > 0 {
        parts.push(plural(
            s.history_rewrites,
            "history rewrite",
            "history rewrites",
        ));
    }
    parts.join(" · ")
}

fn row(r: &Row) -> String {
    format!("{} {} = {}", r.indicator, r.period, r.value)
}

fn short(a: &ActionDiff) -> String {
    let mut parts = Vec::new();
    if let Some((from, to)) = &a.moved {
        parts.push(format!("moved {from} → {to}"));
    }
    if !a.fields.is_empty() {
        let mut names: Vec<&str> = a
            .fields
            .iter()
            .map(|f| f.field.split(' ').next().unwrap_or(""))
            .collect();
        names.dedup();
        parts.push(names.join(", "));
    }
    if a.text.is_some() {
        parts.push("text".into());
    }
    if !a.states_added.is_empty() {
        parts.push(plural(a.states_added.len(), "state", "states"));
    }
    let r = &a.readings;
    let n = r.added.len() + r.replaced.len();
    if n > 0 {
        parts.push(plural(n, "reading", "readings"));
    }
    if !r.removed.is_empty() || !r.altered.is_empty() {
        parts.push(format!(
            "{} rewritten",
            plural(r.removed.len() + r.altered.len(), "reading", "readings")
        ));
    }
    if let Some((a, b)) = a.health {
        parts.push(format!("health {} → {}", a.label(), b.label()));
    }
    parts.join(" · ")
}

fn kind(k: Kind) -> &'static str {
    match k {
        Kind::Added => "added",
        Kind::Removed => "removed",
        Kind::Modified => "modified",
    }
}

fn detail_lines(a: &ActionDiff, md: bool) -> Vec<String> {
    let e = |s: &str| if md { escape_inline(s) } else { sanitize(s) };
    let mut out = Vec::new();
    if let Some((from, to)) = &a.moved {
        out.push(format!("moved: {} → {}", e(from), e(to)));
    }
    for f in &a.fields {
        let line = match (f.before.is_empty(), f.after.is_empty()) {
            (true, _) => format!("{}: + {}", f.field, e(&f.after)),
            (_, true) => format!("{}: − {}", f.field, e(&f.before)),
            _ => format!("{}: {} → {}", f.field, e(&f.before), e(&f.after)),
        };
        out.push(line);
    }
    if let Some(words) = &a.text {
        let mut t = String::from("text: ");
        for w in words {
            match (w, md) {
                (Words::Same(s), _) => t.push_str(&e(s)),
                (Words::Removed(s), true) => {
                    let _ = write!(t, "~~{}~~", e(s.trim()));
                    if s.ends_with(' ') {
                        t.push(' ');
                    }
                }
                (Words::Added(s), true) => {
                    let _ = write!(t, "**{}**", e(s.trim()));
                    if s.ends_with(' ') {
                        t.push(' ');
                    }
                }
                (Words::Removed(s), false) => {
                    let _ = write!(t, "[-{}-]", e(s));
                }
                (Words::Added(s), false) => {
                    let _ = write!(t, "{{+{}+}}", e(s));
                }
            }
        }
        out.push(t);
    }
    for s in &a.states_added {
        let note = if s.note.is_empty() {
            String::new()
        } else {
            format!(" — {}", e(&s.note))
        };
        let re = if s.reopened { " (reopened)" } else { "" };
        out.push(format!(
            "state recorded: {} on {}{re}{note}",
            s.state.as_str(),
            s.date
        ));
    }
    if let Some((x, y)) = a.health {
        out.push(format!("health: {} → {}", x.label(), y.label()));
    }
    out.extend(reading_lines(&a.readings, md));
    out
}

fn reading_lines(r: &ReadingsDiff, md: bool) -> Vec<String> {
    let e = |s: &str| if md { escape_inline(s) } else { sanitize(s) };
    let mut out = Vec::new();
    for x in &r.added {
        out.push(format!("reading added: {} — {}", e(&row(x)), e(&x.source)));
    }
    for x in &r.replaced {
        out.push(format!(
            "reading replaced: {} {}: {} → {} — {}",
            e(&x.indicator),
            x.period,
            e(x.replaces.as_deref().unwrap_or("")),
            e(&x.value),
            e(&x.source)
        ));
    }
    for x in &r.removed {
        out.push(format!(
            "reading REMOVED: {} — {}",
            e(&row(x)),
            e(&x.source)
        ));
    }
    for (b, a) in &r.altered {
        out.push(format!(
            "reading EDITED IN PLACE: {} → {}",
            e(&row(b)),
            e(&row(a))
        ));
    }
    out
}

/// Text for a terminal.
pub fn text(d: &PlanDiff, term: &Term) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        term.paint(Style::Bold, &format!("pan diff: {} → {}", d.base, d.target))
    );
    let _ = writeln!(out, "{}\n", summary_line(d));
    if !d.history_rewrites.is_empty() {
        let _ = writeln!(out, "{}", term.paint(Style::Error, "History rewritten:"));
        for r in &d.history_rewrites {
            let _ = writeln!(out, "  {} {}", r.code, sanitize(&r.what));
        }
        out.push('\n');
    }
    for a in &d.actions {
        let _ = writeln!(
            out,
            "{} {} {}",
            term.paint(Style::Bold, &a.code),
            kind(a.kind),
            term.paint(Style::Dim, &truncate(&sanitize(&a.title), 70))
        );
        for l in detail_lines(a, false) {
            let _ = writeln!(out, "    {l}");
        }
    }
    let ctx = reading_lines(&d.context, false);
    if !ctx.is_empty() {
        let _ = writeln!(out, "{}", term.paint(Style::Bold, "context indicators"));
        for l in ctx {
            let _ = writeln!(out, "    {l}");
        }
    }
    for l in &d.declarations {
        let _ = writeln!(out, "{}", sanitize(l));
    }
    for (label, list) in [
        ("introduced", &d.problems_introduced),
        ("fixed", &d.problems_fixed),
    ] {
        for p in list {
            let _ = writeln!(
                out,
                "problem {label}: {} {}: {} [{}]",
                p.code,
                sanitize(&p.file),
                sanitize(&p.message),
                p.severity
            );
        }
    }
    out
}

/// Markdown for a pull-request comment.
pub fn markdown(d: &PlanDiff) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "## Plan changes: `{}` → `{}`\n",
        d.base.replace('`', "'"),
        d.target.replace('`', "'")
    );
    let _ = writeln!(out, "**{}**\n", escape_inline(&summary_line(d)));
    if !d.history_rewrites.is_empty() {
        let _ = writeln!(out, "### ⛔ History rewritten\n");
        out.push_str("A reading or a state entry that was already recorded was edited or removed. Corrections are recorded as new rows (`pan reading add … --replace`); if this rewrite is deliberate, run `pan diff --allow-history-rewrite`.\n\n");
        for r in &d.history_rewrites {
            let _ = writeln!(out, "- **{}**: {}", r.code, escape_inline(&r.what));
        }
        out.push('\n');
    }
    if d.actions.is_empty()
        && d.context.added.is_empty()
        && d.context.replaced.is_empty()
        && d.declarations.is_empty()
    {
        out.push_str("No change to the plan's actions or readings.\n\n");
    }
    if !d.actions.is_empty() {
        let rows: Vec<Vec<String>> = d
            .actions
            .iter()
            .map(|a| vec![a.code.clone(), kind(a.kind).to_string(), escape(&short(a))])
            .collect();
        out.push_str(&markdown::table(
            &["Action", "Change", "What changed"],
            &[Align::Left; 3],
            &rows,
        ));
        out.push('\n');
        for a in &d.actions {
            let _ = writeln!(
                out,
                "<details>\n<summary><b>{}</b> — {}</summary>\n",
                a.code,
                escape(&truncate(&a.title, 100))
            );
            for l in detail_lines(a, true) {
                let _ = writeln!(out, "- {l}");
            }
            out.push_str("\n</details>\n\n");
        }
    }
    let ctx = reading_lines(&d.context, true);
    if !ctx.is_empty() {
        out.push_str("### Context indicators\n\n");
        for l in ctx {
            let _ = writeln!(out, "- {l}");
        }
        out.push('\n');
    }
    if !d.declarations.is_empty() {
        out.push_str("### Levers, objectives and actors\n\n");
        for l in &d.declarations {
            let _ = writeln!(out, "- {}", escape_inline(l));
        }
        out.push('\n');
    }
    if !d.problems_introduced.is_empty() || !d.problems_fixed.is_empty() {
        out.push_str("### Validation\n\n");
        let rows: Vec<Vec<String>> = d
            .problems_introduced
            .iter()
            .map(|p| ("introduced", p))
            .chain(d.problems_fixed.iter().map(|p| ("fixed", p)))
            .map(|(k, p)| {
                vec![
                    k.to_string(),
                    format!("`{}` {}", p.code, p.severity),
                    escape(&p.file),
                    escape(&p.message),
                ]
            })
            .collect();
        out.push_str(&markdown::table(
            &["", "Rule", "File", "Problem"],
            &[Align::Left; 4],
            &rows,
        ));
        out.push('\n');
    }
    out.push_str(&format!("<sub>pan diff · health as of {}</sub>\n", d.as_of));
    out
}

/// JSON (version 1).
pub fn json(d: &PlanDiff) -> anyhow::Result<String> {
    let mut s = serde_json::to_string_pretty(d)?;
    s.push('\n');
    Ok(s)
}
