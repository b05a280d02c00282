//! Printing an action's card for a terminal or as Markdown.

use std::fmt::Write;

use super::markdown::{self, Align};
use super::term::{Style, Term, sanitize};
use crate::report::card::{Card, NamedActor};

fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    for para in text.split('\n') {
        let mut line = String::new();
        for word in para.split(' ') {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                let _ = writeln!(out, "{indent}{line}");
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        let _ = writeln!(out, "{indent}{line}");
    }
    out
}

fn actor(a: &NamedActor) -> String {
    match (&a.name, &a.ministry) {
        (Some(n), Some(m)) if *m != a.acronym => format!("{} — {} ({m})", a.acronym, n),
        (Some(n), _) => format!("{} — {}", a.acronym, n),
        (None, _) => a.acronym.clone(),
    }
}

/// The card as text for a terminal.
pub fn text(card: &Card, term: &Term) -> String {
    let a = card.action;
    let mut out = String::new();
    let w = term.width.clamp(40, 120);
    let _ = writeln!(
        out,
        "{}  {}",
        term.paint(Style::Bold, &a.code.to_string()),
        sanitize(&card.objective_title)
    );
    let _ = writeln!(
        out,
        "{}",
        term.paint(
            Style::Dim,
            &format!(
                "objective {} · lever {} — {}",
                a.objective,
                a.code.lever,
                sanitize(&card.lever_title)
            )
        )
    );
    out.push('\n');
    out.push_str(&wrap(
        &sanitize_keep_newlines(&a.action),
        w.saturating_sub(2),
        "  ",
    ));
    out.push('\n');
    let label = |out: &mut String, l: &str, v: &str| {
        let _ = writeln!(out, "{} {v}", term.paint(Style::Bold, &format!("{l:<12}")));
    };
    if card.responsible_named.is_empty() {
        label(
            &mut out,
            "Responsible",
            &term.paint(Style::Error, "none (the plan names no responsible actor)"),
        );
    }
    for (i, r) in card.responsible_named.iter().enumerate() {
        label(
            &mut out,
            if i == 0 { "Responsible" } else { "" },
            &sanitize(&actor(r)),
        );
    }
    for (i, p) in card.partners_named.iter().enumerate() {
        label(
            &mut out,
            if i == 0 { "Partners" } else { "" },
            &sanitize(&actor(p)),
        );
    }
    let cal = if a.calendar.label.is_empty() {
        "(none published)".to_string()
    } else {
        sanitize(&a.calendar.label)
    };
    label(&mut out, "Calendar", &cal);
    label(
        &mut out,
        "",
        &term.paint(Style::Dim, &card.calendar_meaning),
    );
    out.push('\n');
    let _ = writeln!(out, "{}", term.paint(Style::Bold, "Indicators"));
    if a.indicators.is_empty() {
        let _ = writeln!(out, "  (none)");
    }
    let idw = a
        .indicators
        .iter()
        .map(|i| i.id.chars().count())
        .max()
        .unwrap_or(0);
    for i in &a.indicators {
        let mut extra = format!("{}, {}", i.kind.as_str(), i.measure().as_str());
        if let Some(f) = i.frequency {
            extra.push_str(&format!(", {}", f.as_str()));
        }
        let _ = writeln!(
            out,
            "  {:<idw$}  {}  {}",
            i.id,
            sanitize(&i.label),
            term.paint(Style::Dim, &format!("[{extra}]"))
        );
    }
    out.push('\n');
    let _ = writeln!(out, "{}", term.paint(Style::Bold, "State history"));
    if a.states.is_empty() {
        let _ = writeln!(out, "  (no state recorded)");
    }
    for s in &a.states {
        let reopened = if s.reopened { " (reopened)" } else { "" };
        let _ = writeln!(
            out,
            "  {}  {:<12}{reopened} {}",
            s.date,
            s.state.as_str(),
            sanitize(&s.note)
        );
    }
    out.push('\n');
    let _ = writeln!(out, "{}", term.paint(Style::Bold, "Readings"));
    if card.readings.is_empty() {
        let _ = writeln!(out, "  (no reading recorded)");
    }
    for r in &card.readings {
        let corr = r
            .replaces
            .as_ref()
            .map(|v| format!(" (corrects {v})"))
            .unwrap_or_default();
        let note = if r.note.is_empty() {
            String::new()
        } else {
            format!(" — {}", sanitize(&r.note))
        };
        let _ = writeln!(
            out,
            "  {:<idw$}  {:<10} {:>10}{corr}  {}{note}",
            r.indicator,
            r.period,
            sanitize(&r.value),
            term.paint(Style::Dim, &sanitize(&r.source))
        );
    }
    out
}

fn sanitize_keep_newlines(s: &str) -> String {
    s.split('\n').map(sanitize).collect::<Vec<_>>().join("\n")
}

/// The card as Markdown.
pub fn markdown(card: &Card) -> String {
    let a = card.action;
    let e = markdown::escape;
    let mut out = String::new();
    let _ = writeln!(out, "## {} — {}\n", a.code, e(&card.objective_title));
    let _ = writeln!(
        out,
        "Objective {} · lever {} — {}\n",
        a.objective,
        a.code.lever,
        e(&card.lever_title)
    );
    for para in a.action.split('\n') {
        let _ = writeln!(out, "{}  ", e(para));
    }
    out.push('\n');
    let rows = vec![
        vec![
            "Responsible".into(),
            card.responsible_named
                .iter()
                .map(|r| e(&actor(r)))
                .collect::<Vec<_>>()
                .join("<br>"),
        ],
        vec![
            "Partners".into(),
            card.partners_named
                .iter()
                .map(|r| e(&actor(r)))
                .collect::<Vec<_>>()
                .join("<br>"),
        ],
        vec![
            "Calendar".into(),
            format!("{} ({})", e(&a.calendar.label), e(&card.calendar_meaning)),
        ],
    ];
    out.push_str(&markdown::table(
        &["Field", "Value"],
        &[Align::Left, Align::Left],
        &rows,
    ));
    out.push('\n');
    let rows: Vec<Vec<String>> = a
        .indicators
        .iter()
        .map(|i| {
            vec![
                format!("`{}`", i.id),
                e(&i.label),
                i.kind.as_str().into(),
                i.measure().as_str().into(),
            ]
        })
        .collect();
    out.push_str(&markdown::table(
        &["Indicator", "Label", "Kind", "Measure"],
        &[Align::Left; 4],
        &rows,
    ));
    if !a.states.is_empty() {
        out.push('\n');
        let rows: Vec<Vec<String>> = a
            .states
            .iter()
            .map(|s| vec![s.date.to_string(), s.state.as_str().into(), e(&s.note)])
            .collect();
        out.push_str(&markdown::table(
            &["Date", "State", "Note"],
            &[Align::Left; 3],
            &rows,
        ));
    }
    if !card.readings.is_empty() {
        out.push('\n');
        let rows: Vec<Vec<String>> = card
            .readings
            .iter()
            .map(|r| {
                vec![
                    format!("`{}`", r.indicator),
                    r.period.clone(),
                    e(&r.value),
                    e(&r.source),
                    e(&r.note),
                ]
            })
            .collect();
        out.push_str(&markdown::table(
            &["Indicator", "Period", "Value", "Source", "Note"],
            &[
                Align::Left,
                Align::Left,
                Align::Right,
                Align::Left,
                Align::Left,
            ],
            &rows,
        ));
    }
    out
}
