//! Printing an action's card for a terminal or as Markdown.

use std::fmt::Write;

use serde::Serialize;

use super::markdown::{self, Align};
use super::term::{Style, Term, sanitize, truncate};
use super::words;
use crate::config::{Lang, Settings};
use crate::model::Action;
use crate::report::card::{Card, NamedActor};
use crate::report::readings::ReadingRow;

/// What a calendar means, in a language: its shape, bounds, and whether it can be late.
pub fn calendar_meaning(action: &Action, settings: &Settings, lang: Lang) -> String {
    (words::of(lang).card.calendar_meaning)(&action.calendar, settings.plan.start)
}

/// A reading's value on a card: as people read it, with its unit.
fn value(r: &ReadingRow, lang: Lang) -> String {
    match r.kind {
        Some(k) => words::figure(&r.value, k, lang),
        None => r.raw.clone(),
    }
}

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

/// The card as text for a terminal, in a language (the plan's text stays as published).
/// Every line fits the terminal: the text and names wrap, a reading's source and note
/// are shortened.
pub fn text(card: &Card, settings: &Settings, term: &Term, lang: Lang) -> String {
    let a = card.action;
    let c = &words::of(lang).card;
    let mut out = String::new();
    let width = term.width.clamp(40, 120);
    let code = a.code.to_string();
    let _ = writeln!(
        out,
        "{}  {}",
        term.paint(Style::Bold, &code),
        truncate(
            &sanitize(&card.objective_title),
            term.width.saturating_sub(code.chars().count() + 2).max(12)
        )
    );
    let place = format!(
        "{} {} · {} {} — {}",
        c.objective,
        a.objective,
        c.lever,
        a.code.lever_code(),
        sanitize(&card.lever_title)
    );
    let _ = writeln!(
        out,
        "{}",
        term.paint(Style::Dim, &truncate(&place, term.width))
    );
    out.push('\n');
    out.push_str(&wrap(
        &sanitize_keep_newlines(&a.action),
        width.saturating_sub(2),
        "  ",
    ));
    out.push('\n');
    fields(&mut out, card, settings, term, lang);
    rest(&mut out, card, term, lang);
    out
}

/// The card's fields: responsible actors, partners, calendar and its meaning, health.
fn fields(out: &mut String, card: &Card, settings: &Settings, term: &Term, lang: Lang) {
    let a = card.action;
    let c = &words::of(lang).card;
    let w = words::of(lang);
    let names = [w.responsible, c.partners, w.calendar, w.health];
    let pad = names.iter().map(|n| n.chars().count()).max().unwrap_or(12) + 1;
    let room = term.width.saturating_sub(pad + 1).max(20);
    // A value that does not fit wraps under itself (and loses its colour).
    let label = |out: &mut String, l: &str, plain: &str, painted: &str| {
        let name = term.paint(Style::Bold, &format!("{l:<pad$}"));
        if plain.chars().count() <= room {
            let _ = writeln!(out, "{name} {painted}");
            return;
        }
        for (i, line) in super::term::wrap(plain, room).iter().enumerate() {
            if i == 0 {
                let _ = writeln!(out, "{name} {line}");
            } else {
                let _ = writeln!(out, "{:pad$} {line}", "");
            }
        }
    };
    if card.responsible_named.is_empty() {
        let none = c.no_responsible;
        label(out, w.responsible, none, &term.paint(Style::Error, none));
    }
    for (i, r) in card.responsible_named.iter().enumerate() {
        let v = sanitize(&actor(r));
        label(out, if i == 0 { w.responsible } else { "" }, &v, &v);
    }
    for (i, p) in card.partners_named.iter().enumerate() {
        let v = sanitize(&actor(p));
        label(out, if i == 0 { names[1] } else { "" }, &v, &v);
    }
    let cal = if a.calendar.label.is_empty() {
        c.no_calendar.to_string()
    } else {
        sanitize(&a.calendar.label)
    };
    label(out, w.calendar, &cal, &cal);
    let meaning = calendar_meaning(a, settings, lang);
    label(out, "", &meaning, &term.paint(Style::Dim, &meaning));
    let health = card.assessment.health;
    let said = words::health(health, lang);
    let why = format!(
        " — {} ({} {})",
        sanitize(&words::reason(&card.assessment.why, lang)),
        w.as_of,
        card.as_of
    );
    label(
        out,
        w.health,
        &format!("{said}{why}"),
        &format!(
            "{}{why}",
            term.paint(super::status::health_style(health), said)
        ),
    );
}

/// The card's indicators, state history and readings.
fn rest(out: &mut String, card: &Card, term: &Term, lang: Lang) {
    let a = card.action;
    let c = &words::of(lang).card;
    let w = words::of(lang);
    out.push('\n');
    let _ = writeln!(*out, "{}", term.paint(Style::Bold, c.indicators));
    if a.indicators.is_empty() {
        let _ = writeln!(*out, "  {}", c.none);
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
        let head = format!("  {:<idw$}  ", i.id);
        let tail = format!("[{extra}]");
        let label = sanitize(&i.label);
        let room = term
            .width
            .saturating_sub(head.chars().count() + tail.chars().count() + 2);
        if room >= 12 {
            let _ = writeln!(
                out,
                "{head}{}  {}",
                truncate(&label, room),
                term.paint(Style::Dim, &tail)
            );
        } else {
            // Too narrow for one line: the label, then the kind, under the id.
            let room = term.width.saturating_sub(head.chars().count()).max(8);
            let _ = writeln!(*out, "{head}{}", truncate(&label, room));
            let _ = writeln!(*out, "    {}", term.paint(Style::Dim, &tail));
        }
        if let Some(t) = card
            .targets_of(&i.id)
            .and_then(|t| Some((t, t.of_period()?)))
        {
            let line = format!(
                "    {}{} {}  ({}{} {})",
                w.target_of_period,
                w.colon,
                words::target_line(t.1, i.kind, lang),
                w.targets_col,
                w.colon,
                targets_text(t.0, lang)
            );
            let _ = writeln!(*out, "{}", truncate(&line, term.width.max(20)));
        }
    }
    out.push('\n');
    let _ = writeln!(*out, "{}", term.paint(Style::Bold, c.state_history));
    if a.states.is_empty() {
        let _ = writeln!(out, "  {}", c.no_state);
    }
    for s in &a.states {
        let reopened = if s.reopened { c.reopened } else { "" };
        let head = format!(
            "  {}  {:<12}{reopened} ",
            s.date,
            words::state(s.state, lang)
        );
        let room = term.width.saturating_sub(head.chars().count()).max(12);
        let _ = writeln!(*out, "{head}{}", truncate(&sanitize(&s.note), room));
    }
    out.push('\n');
    let _ = writeln!(*out, "{}", term.paint(Style::Bold, w.readings));
    if card.readings.is_empty() {
        let _ = writeln!(*out, "  ({})", w.no_reading);
    }
    // Columns as wide as their widest cell, so that a narrow terminal keeps the value.
    let pw = card
        .readings
        .iter()
        .map(|r| r.period.to_string().len())
        .max()
        .unwrap_or(4);
    let vw = card
        .readings
        .iter()
        .map(|r| sanitize(&value(r, lang)).chars().count())
        .max()
        .unwrap_or(1);
    for r in &card.readings {
        out.push_str(&reading_line(
            r,
            card.is_baseline(r.period),
            (idw, pw, vw),
            term,
            lang,
        ));
    }
}

/// Every target of an indicator: "2026: 12, 2028: 30".
fn targets_text(t: &crate::report::targets::IndicatorTargets, lang: Lang) -> String {
    t.targets
        .iter()
        .map(|x| {
            format!(
                "{}{} {}",
                x.year,
                words::of(lang).colon,
                words::number(x.target, lang)
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// One reading of the card, fitted to the terminal: what identifies it and its value
/// whole, then its source and note shortened to what is left of the line.
fn reading_line(
    r: &ReadingRow,
    baseline: bool,
    (idw, pw, vw): (usize, usize, usize),
    term: &Term,
    lang: Lang,
) -> String {
    let w = words::of(lang);
    let corr = r
        .replaces
        .as_ref()
        .map(|v| format!(" ({} {})", w.corrects, sanitize(v)))
        .unwrap_or_default();
    let corr = if baseline {
        format!("{corr} ({})", w.baseline)
    } else {
        corr
    };
    let cell = if r.by.is_empty() {
        String::new()
    } else {
        format!(" [{}]", sanitize(&by_text(r)))
    };
    let head = format!(
        "  {:<idw$}  {:<pw$}  {:>vw$}{corr}{cell}  ",
        r.indicator,
        r.period.to_string(),
        sanitize(&value(r, lang)),
    );
    let mut tail = sanitize(&r.source);
    if !r.note.is_empty() {
        tail.push_str(" — ");
        tail.push_str(&sanitize(&r.note));
    }
    let room = term.width.saturating_sub(head.chars().count());
    if room >= 12 {
        format!("{head}{}\n", term.paint(Style::Dim, &truncate(&tail, room)))
    } else {
        // Too narrow for one line: the source and note go under the value.
        let room = term.width.saturating_sub(4).max(8);
        format!(
            "{}\n    {}\n",
            head.trim_end(),
            term.paint(Style::Dim, &truncate(&tail, room))
        )
    }
}

fn sanitize_keep_newlines(s: &str) -> String {
    s.split('\n').map(sanitize).collect::<Vec<_>>().join("\n")
}

/// The card as Markdown, in a language (the plan's text stays as published).
pub fn markdown(card: &Card, settings: &Settings, lang: Lang) -> String {
    let a = card.action;
    let e = markdown::escape;
    let w = words::of(lang);
    let c = &w.card;
    let mut out = String::new();
    let _ = writeln!(out, "## {} — {}\n", a.code, e(&card.objective_title));
    let _ = writeln!(
        out,
        "{} {} · {} {} — {}\n",
        c.objective,
        a.objective,
        c.lever,
        a.code.lever_code(),
        e(&card.lever_title)
    );
    for para in a.action.split('\n') {
        let _ = writeln!(out, "{}  ", e(para));
    }
    out.push('\n');
    let rows = vec![
        vec![
            w.responsible.into(),
            card.responsible_named
                .iter()
                .map(|r| e(&actor(r)))
                .collect::<Vec<_>>()
                .join("<br>"),
        ],
        vec![
            c.partners.into(),
            card.partners_named
                .iter()
                .map(|r| e(&actor(r)))
                .collect::<Vec<_>>()
                .join("<br>"),
        ],
        vec![
            w.calendar.into(),
            format!(
                "{} ({})",
                e(&a.calendar.label),
                e(&calendar_meaning(a, settings, lang))
            ),
        ],
        vec![
            w.health.into(),
            format!(
                "{} — {} ({} {})",
                words::health(card.assessment.health, lang),
                e(&words::reason(&card.assessment.why, lang)),
                w.as_of,
                words::date(card.as_of, lang)
            ),
        ],
    ];
    out.push_str(&markdown::table(
        &[c.field, w.value],
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
                words::kind(i.kind, lang).into(),
                i.measure().as_str().into(),
                card.targets_of(&i.id)
                    .and_then(|t| Some((t, t.of_period()?)))
                    .map(|(t, p)| {
                        format!(
                            "{} ({}{} {})",
                            e(&words::target_line(p, i.kind, lang)),
                            w.targets_col,
                            w.colon,
                            e(&targets_text(t, lang))
                        )
                    })
                    .unwrap_or_else(|| "—".into()),
            ]
        })
        .collect();
    out.push_str(&markdown::table(
        &[w.indicator, c.label, c.kind, c.measure, w.target_of_period],
        &[Align::Left; 5],
        &rows,
    ));
    if !a.states.is_empty() {
        out.push('\n');
        let rows: Vec<Vec<String>> = a
            .states
            .iter()
            .map(|s| {
                vec![
                    words::date(s.date, lang),
                    words::state(s.state, lang).into(),
                    e(&s.note),
                ]
            })
            .collect();
        out.push_str(&markdown::table(
            &[c.date, w.state, w.note],
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
                    if r.by_labels.is_empty() {
                        e(&r.label)
                    } else {
                        format!("{} ({})", e(&r.label), e(&r.by_labels.join(", ")))
                    },
                    if card.is_baseline(r.period) {
                        format!("{} ({})", r.period, w.baseline)
                    } else {
                        r.period.to_string()
                    },
                    e(&value(r, lang)),
                    e(&r.source),
                    e(&r.note),
                ]
            })
            .collect();
        out.push_str(&markdown::table(
            &[w.indicator, w.period_col, w.value, w.source, w.note],
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

/// A reading in the card's JSON: values as written in the readings file.
#[derive(Serialize)]
struct ReadingJson<'a> {
    indicator: &'a str,
    period: String,
    value: &'a str,
    source: &'a str,
    note: &'a str,
    recorded: Option<String>,
    replaces: Option<&'a str>,
    baseline: bool,
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    by: std::collections::BTreeMap<&'a str, &'a str>,
}

/// A breakdown cell as `canton=wiltz, age=65+`.
pub fn by_text(r: &ReadingRow) -> String {
    r.by.iter()
        .map(|(d, v)| format!("{d}={v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The card's JSON: the action's fields, then what `pan` adds.
#[derive(Serialize)]
struct CardJson<'a> {
    version: u32,
    #[serde(flatten)]
    action: &'a Action,
    lever_title: &'a str,
    objective_title: &'a str,
    responsible_named: &'a [NamedActor],
    partners_named: &'a [NamedActor],
    calendar_meaning: String,
    as_of: String,
    health: &'static str,
    reason: String,
    readings: Vec<ReadingJson<'a>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    target_progress: &'a [crate::report::targets::IndicatorTargets],
}

/// The card as JSON (English for the derived phrases).
pub fn json(card: &Card, settings: &Settings) -> anyhow::Result<String> {
    let doc = CardJson {
        version: super::readings::JSON_VERSION,
        action: card.action,
        lever_title: &card.lever_title,
        objective_title: &card.objective_title,
        responsible_named: &card.responsible_named,
        partners_named: &card.partners_named,
        calendar_meaning: calendar_meaning(card.action, settings, Lang::INTERFACE),
        as_of: card.as_of.to_string(),
        health: card.assessment.health.as_str(),
        reason: words::reason(&card.assessment.why, Lang::INTERFACE),
        readings: card
            .readings
            .iter()
            .map(|r| ReadingJson {
                indicator: &r.indicator,
                period: r.period.to_string(),
                value: &r.raw,
                source: &r.source,
                note: &r.note,
                recorded: r.recorded.map(|d| d.to_string()),
                replaces: r.replaces.as_deref(),
                baseline: card.is_baseline(r.period),
                by: r.by.iter().map(|(d, v)| (d.as_str(), v.as_str())).collect(),
            })
            .collect(),
        target_progress: &card.targets,
    };
    let mut s = serde_json::to_string_pretty(&doc)?;
    s.push('\n');
    Ok(s)
}
