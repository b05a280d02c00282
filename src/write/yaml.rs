//! The canonical YAML form of plan files, as `pan` writes them: block style, two-space
//! indentation, fields in a fixed order, texts plain when YAML allows it and
//! double-quoted otherwise, long texts as literal blocks.
//!
//! The bundled plan is in this form; a test checks that every file reads back into the
//! model and writes out byte for byte the same.

use std::fmt::Write;

use crate::model::{Abbreviation, Action, Actor, ContextIndicator, Lever, Period};

/// Words YAML 1.1 tools read as booleans or null: such texts are quoted.
const RESERVED: &[&str] = &[
    "true", "false", "yes", "no", "on", "off", "null", "y", "n", "~",
];

fn is_plain_char(c: char) -> bool {
    !matches!(
        c,
        ':' | '#'
            | '\n'
            | '"'
            | '\\'
            | '['
            | ']'
            | '{'
            | '}'
            | ','
            | '&'
            | '*'
            | '!'
            | '|'
            | '>'
            | '%'
            | '@'
            | '`'
    ) && !needs_escape(c)
}

/// Characters a YAML file may not hold as they are (they must be escaped in quotes).
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{feff}' | '\u{fffe}' | '\u{ffff}' | '\u{2028}' | '\u{2029}'
        )
}

/// A double-quoted YAML scalar: `"`, `\\` and every character YAML cannot hold as it is are
/// escaped.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn looks_numeric(s: &str) -> bool {
    let mut chars = s.chars();
    let first = chars.next();
    let first_ok = match first {
        Some('-' | '+') => chars.next().is_some_and(|c| c.is_ascii_digit()),
        Some(c) => c.is_ascii_digit(),
        None => false,
    };
    first_ok
        && s.chars()
            .all(|c| c.is_ascii_digit() || "_.:eE+-".contains(c))
}

/// A scalar text as YAML: plain when unambiguous, otherwise double-quoted.
pub fn scalar(s: &str) -> String {
    let first_ok = s.chars().next().is_some_and(|c| {
        c.is_ascii_alphanumeric() || ('À'..='ÿ').contains(&c) || c == 'œ' || c == 'Œ'
    });
    let plain = first_ok
        && s.chars().all(is_plain_char)
        && !s.ends_with(' ')
        && !s.ends_with(':')
        && !s.contains(": ")
        && !s.contains(" #")
        && !RESERVED.iter().any(|r| r.eq_ignore_ascii_case(s))
        && !looks_numeric(s);
    if plain { s.to_string() } else { quote(s) }
}

/// A number as YAML reads it back to the same value: whole numbers without a decimal
/// point, others in their shortest exact spelling.
fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        format!("{v:?}")
    }
}

fn period(p: &Period) -> String {
    p.to_string()
}

/// Whether a text can be written as a `|-` literal block and read back unchanged.
fn block_ok(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with([' ', '\n'])
        && !s.ends_with('\n')
        && !s.chars().any(|c| needs_escape(c) && c != '\n')
        && s.split('\n').all(|l| !l.ends_with(' '))
}

fn text_field(out: &mut String, key: &str, s: &str, indent: &str) {
    if s.contains('\n') || s.chars().count() > 80 {
        if block_ok(s) {
            let _ = writeln!(out, "{indent}{key}: |-");
            for line in s.split('\n') {
                if line.is_empty() {
                    out.push('\n');
                } else {
                    let _ = writeln!(out, "{indent}  {line}");
                }
            }
            return;
        }
        let _ = writeln!(out, "{indent}{key}: {}", quote(s));
        return;
    }
    let _ = writeln!(out, "{indent}{key}: {}", scalar(s));
}

fn list(out: &mut String, key: &str, items: &[String], indent: &str) {
    if items.is_empty() {
        let _ = writeln!(out, "{indent}{key}: []");
        return;
    }
    let _ = writeln!(out, "{indent}{key}:");
    for i in items {
        let _ = writeln!(out, "{indent}  - {}", scalar(i));
    }
}

/// The first line of every action file: where editors find the schema.
pub const ACTION_SCHEMA_LINE: &str = "# yaml-language-server: $schema=../action.schema.json";

/// An action file.
pub fn action(a: &Action) -> String {
    let mut out = String::with_capacity(1024);
    out.push_str(ACTION_SCHEMA_LINE);
    out.push('\n');
    let _ = writeln!(out, "code: {}", scalar(&a.code.to_string()));
    let _ = writeln!(out, "objective: {}", scalar(&a.objective));
    if a.action.is_empty() {
        out.push_str("action: \"\"\n");
    } else if block_ok(&a.action) {
        out.push_str("action: |-\n");
        for line in a.action.split('\n') {
            if line.is_empty() {
                out.push('\n');
            } else {
                let _ = writeln!(out, "  {line}");
            }
        }
    } else {
        let _ = writeln!(out, "action: {}", quote(&a.action));
    }
    list(&mut out, "responsible", &a.responsible, "");
    list(&mut out, "partners", &a.partners, "");
    if a.indicators.is_empty() {
        out.push_str("indicators: []\n");
    } else {
        out.push_str("indicators:\n");
        for i in &a.indicators {
            let _ = writeln!(out, "  - id: {}", scalar(&i.id));
            let _ = writeln!(out, "    label: {}", scalar(&i.label));
            let _ = writeln!(out, "    kind: {}", i.kind.as_str());
            if let Some(m) = i.measure {
                let _ = writeln!(out, "    measure: {}", m.as_str());
            }
            if let Some(f) = i.frequency {
                let _ = writeln!(out, "    every: {}", f.as_str());
            }
            if !i.breakdowns.is_empty() {
                let ids: Vec<String> = i.breakdowns.iter().map(|b| scalar(b)).collect();
                let _ = writeln!(out, "    breakdowns: [{}]", ids.join(", "));
            }
            if !i.targets.is_empty() {
                let pairs: Vec<String> = i
                    .targets
                    .iter()
                    .map(|(y, v)| format!("{y}: {}", number(*v)))
                    .collect();
                let _ = writeln!(out, "    targets: {{{}}}", pairs.join(", "));
            }
        }
    }
    let c = &a.calendar;
    out.push_str("calendar:\n");
    let _ = writeln!(out, "  label: {}", scalar(&c.label));
    if let Some(s) = &c.start {
        let _ = writeln!(out, "  start: {}", period(s));
    }
    if let Some(e) = &c.end {
        let _ = writeln!(out, "  end: {}", period(e));
    }
    if c.continuous {
        out.push_str("  continuous: true\n");
    }
    if let Some(r) = c.recurrence {
        let _ = writeln!(out, "  recurrence: {}", r.as_str());
    }
    if let Some(d) = &c.dependency {
        let _ = writeln!(out, "  dependency: {}", scalar(d));
    }
    if a.states.is_empty() {
        out.push_str("states: []\n");
    } else {
        out.push_str("states:\n");
        for s in &a.states {
            out.push_str(&state_entry(s));
        }
    }
    out
}

/// One state entry, as appended under `states:`.
pub fn state_entry(s: &crate::model::StateEntry) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "  - date: {}", s.date);
    let _ = writeln!(out, "    state: {}", s.state.as_str());
    if !s.note.is_empty() {
        text_field(&mut out, "note", &s.note, "    ");
    }
    if s.reopened {
        out.push_str("    reopened: true\n");
    }
    out
}

/// `levers.yaml`.
pub fn levers(levers: &[Lever]) -> String {
    let mut out = String::from("# yaml-language-server: $schema=levers.schema.json\nlevers:\n");
    for l in levers {
        let _ = writeln!(out, "  - code: {}", scalar(&l.code));
        let _ = writeln!(out, "    title: {}", scalar(&l.title));
        if l.objectives.is_empty() {
            out.push_str("    objectives: []\n");
            continue;
        }
        out.push_str("    objectives:\n");
        for o in &l.objectives {
            let _ = writeln!(out, "      - code: {}", scalar(&o.code));
            let _ = writeln!(out, "        title: {}", scalar(&o.title));
            if !o.note.is_empty() {
                let _ = writeln!(out, "        note: {}", scalar(&o.note));
            }
        }
    }
    out
}

/// `actors.yaml`.
pub fn actors(actors: &[Actor], abbreviations: &[Abbreviation]) -> String {
    let mut out = String::from("# yaml-language-server: $schema=actors.schema.json\nactors:\n");
    for a in actors {
        let _ = writeln!(out, "  - acronym: {}", scalar(&a.acronym));
        let _ = writeln!(out, "    name: {}", scalar(&a.name));
        let _ = writeln!(out, "    kind: {}", a.kind.as_str());
        if let Some(m) = &a.ministry {
            let _ = writeln!(out, "    ministry: {}", scalar(m));
        }
        if !a.aliases.is_empty() {
            out.push_str("    aliases:\n");
            for al in &a.aliases {
                let _ = writeln!(out, "      - {}", scalar(al));
            }
        }
        if !a.note.is_empty() {
            let _ = writeln!(out, "    note: {}", scalar(&a.note));
        }
    }
    if !abbreviations.is_empty() {
        out.push_str("abbreviations:\n");
        for a in abbreviations {
            let _ = writeln!(out, "  - acronym: {}", scalar(&a.acronym));
            let _ = writeln!(out, "    name: {}", scalar(&a.name));
            if !a.note.is_empty() {
                let _ = writeln!(out, "    note: {}", scalar(&a.note));
            }
        }
    }
    out
}

/// `context.yaml`.
pub fn context(indicators: &[ContextIndicator]) -> String {
    let mut out =
        String::from("# yaml-language-server: $schema=context.schema.json\nindicators:\n");
    for c in indicators {
        let _ = writeln!(out, "  - id: {}", scalar(&c.id));
        let _ = writeln!(out, "    label: {}", scalar(&c.label));
        let _ = writeln!(out, "    kind: {}", c.kind.as_str());
        let _ = writeln!(
            out,
            "    direction: {}",
            match c.direction {
                crate::model::Direction::Increase => "increase",
                crate::model::Direction::Decrease => "decrease",
                crate::model::Direction::Unstated => "unstated",
            }
        );
        if let Some(t) = &c.target {
            out.push_str("    target:\n");
            let _ = writeln!(
                out,
                "      value: {}",
                crate::model::reading::format_number(t.value)
            );
            let _ = writeln!(out, "      year: {}", t.year);
            let _ = writeln!(out, "      source: {}", scalar(&t.source));
        }
        let _ = writeln!(out, "    source: {}", scalar(&c.source));
        if !c.breakdowns.is_empty() {
            let ids: Vec<String> = c.breakdowns.iter().map(|b| scalar(b)).collect();
            let _ = writeln!(out, "    breakdowns: [{}]", ids.join(", "));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_when_needed() {
        assert_eq!(scalar("MinDigital"), "MinDigital");
        assert_eq!(scalar("Nombre d'ateliers"), "Nombre d'ateliers");
        assert_eq!(scalar("2026"), "\"2026\"");
        assert_eq!(scalar("2024 – 2026"), "2024 – 2026");
        assert_eq!(scalar("a: b"), "\"a: b\"");
        assert_eq!(scalar("no"), "\"no\"");
        assert_eq!(scalar("« x »"), "\"« x »\"");
        assert_eq!(scalar("x, y"), "\"x, y\"");
        assert_eq!(scalar(""), "\"\"");
        assert_eq!(scalar("-x"), "\"-x\"");
        assert_eq!(scalar("a\u{85}b"), "\"a\\u0085b\"");
        assert_eq!(quote("tab\tquote\"back\\"), "\"tab\\tquote\\\"back\\\\\"");
    }
}
