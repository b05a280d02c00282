//! Printing the status report: a table for the terminal, Markdown, CSV or JSON.

use std::fmt::Write;

use super::csv_safe;
use super::markdown::{self, Align};
use super::table::{self, Column, Styled};
use super::term::{Style, Term, sanitize, truncate};
use crate::report::health::Health;
use crate::report::status::{Row, StatusReport};
use unicode_width::UnicodeWidthStr;

fn health_style(h: Health) -> Style {
    match h {
        Health::Late => Style::Error,
        Health::Due => Style::Warning,
        Health::Stale | Health::NoData => Style::Note,
        Health::OnTrack | Health::Done => Style::Good,
        Health::Cancelled => Style::Dim,
    }
}

fn latest(r: &Row, max: usize) -> String {
    let mut parts: Vec<String> = r
        .latest
        .iter()
        .take(max)
        .map(|l| format!("{} {} ({})", l.indicator, l.value, l.period))
        .collect();
    if r.latest.len() > max {
        parts.push(format!("+{}", r.latest.len() - max));
    }
    parts.join("; ")
}

/// The totals line: "57 actions: 3 late, 5 due, …".
pub fn totals_line(counts: &std::collections::BTreeMap<&'static str, usize>, n: usize) -> String {
    let mut parts = Vec::new();
    for h in Health::ALL {
        if let Some(c) = counts.get(h.as_str()) {
            parts.push(format!("{c} {}", h.label()));
        }
    }
    let noun = if n == 1 { "action" } else { "actions" };
    if parts.is_empty() {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}: {}", parts.join(", "))
    }
}

fn table_of(report: &StatusReport, idx: &[usize], term: &Term) -> String {
    let columns = [
        Column::new("Code", 0, 12),
        Column::flexible("Action"),
        Column::new("Responsible", 3, 22),
        Column::new("Calendar", 4, 16),
        Column::new("State", 2, 11),
        Column::new("Health", 1, 9),
        Column::new("Latest reading", 5, 30),
    ];
    let rows: Vec<Vec<Styled>> = idx
        .iter()
        .map(|&i| {
            let r = &report.rows[i];
            let text = r.action.split('\n').next().unwrap_or("").to_string();
            vec![
                Styled::from(r.code.clone()),
                Styled::from(if text.is_empty() {
                    "(no text)".to_string()
                } else {
                    text
                }),
                Styled::from(if r.responsible.is_empty() {
                    "—".to_string()
                } else {
                    r.responsible.join(", ")
                }),
                Styled::from(r.calendar.clone()),
                Styled::from(r.state.label()),
                Styled {
                    text: r.assessment.health.label().to_string(),
                    style: Some(health_style(r.assessment.health)),
                },
                Styled::from(latest(r, 1)),
            ]
        })
        .collect();
    table::draw(&columns, &rows, term)
}

/// The report as tables for a terminal, with a totals line.
pub fn text(report: &StatusReport, term: &Term) -> String {
    let mut out = String::new();
    if report.rows.is_empty() {
        let _ = writeln!(out, "No action matches (as of {}).", report.as_of);
        return out;
    }
    if report.groups.is_empty() {
        let all: Vec<usize> = (0..report.rows.len()).collect();
        out.push_str(&table_of(report, &all, term));
    } else {
        for g in &report.groups {
            let counts = totals_line(&g.counts, g.rows.len());
            let one_line = format!("{} · {counts}", sanitize(&g.title));
            if one_line.width() <= term.width {
                let _ = writeln!(out, "{}", term.paint(Style::Bold, &one_line));
            } else {
                let _ = writeln!(
                    out,
                    "{}",
                    term.paint(Style::Bold, &truncate(&sanitize(&g.title), term.width))
                );
                let _ = writeln!(out, "{}", truncate(&counts, term.width));
            }
            out.push_str(&table_of(report, &g.rows, term));
            out.push('\n');
        }
    }
    let line = format!(
        "{} · as of {}",
        totals_line(&report.totals, report.rows.len()),
        report.as_of
    );
    let _ = writeln!(out, "{}", term.paint(Style::Bold, &line));
    let counted: usize = report.groups.iter().map(|g| g.rows.len()).sum();
    if counted > report.rows.len() {
        let _ = writeln!(
            out,
            "{counted} group entries: actions carried by several ministries appear under each"
        );
    }
    out
}

/// The report as GitHub-flavoured Markdown.
pub fn markdown(report: &StatusReport) -> String {
    let mut out = String::new();
    let e = markdown::escape;
    let header = [
        "Code",
        "Action",
        "Responsible",
        "Calendar",
        "State",
        "Health",
        "Latest reading",
    ];
    let align = [Align::Left; 7];
    let rows_of = |idx: &[usize]| -> Vec<Vec<String>> {
        idx.iter()
            .map(|&i| {
                let r = &report.rows[i];
                vec![
                    r.code.clone(),
                    e(&crate::render::term::truncate(
                        &r.action.replace('\n', " "),
                        160,
                    )),
                    e(&r.responsible.join(", ")),
                    e(&r.calendar),
                    r.state.label().to_string(),
                    r.assessment.health.label().to_string(),
                    e(&latest(r, 3)),
                ]
            })
            .collect()
    };
    let _ = writeln!(
        out,
        "Status as of {}: {}\n",
        report.as_of,
        e(&totals_line(&report.totals, report.rows.len()))
    );
    if report.groups.is_empty() {
        let all: Vec<usize> = (0..report.rows.len()).collect();
        out.push_str(&markdown::table(&header, &align, &rows_of(&all)));
    } else {
        for g in &report.groups {
            let _ = writeln!(
                out,
                "### {}\n\n{}\n",
                e(&g.title),
                e(&totals_line(&g.counts, g.rows.len()))
            );
            out.push_str(&markdown::table(&header, &align, &rows_of(&g.rows)));
            out.push('\n');
        }
    }
    out
}

/// The report as CSV (one row per action, or per action and group when grouped).
pub fn csv(report: &StatusReport) -> anyhow::Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let grouped = !report.groups.is_empty();
    let mut header = vec![
        "code",
        "lever",
        "objective",
        "action",
        "responsible",
        "ministries",
        "calendar",
        "state",
        "state_date",
        "health",
        "reason",
        "latest",
    ];
    if grouped {
        header.insert(0, "group");
    }
    w.write_record(&header)?;
    let record = |r: &Row| -> Vec<String> {
        vec![
            r.code.clone(),
            r.lever.clone(),
            r.objective.clone(),
            r.action.clone(),
            r.responsible.join(", "),
            r.ministries.join(", "),
            r.calendar.clone(),
            format!("{:?}", r.state).to_lowercase(),
            r.state_date.clone().unwrap_or_default(),
            r.assessment.health.as_str().to_string(),
            r.assessment.why.en(),
            latest(r, usize::MAX),
        ]
    };
    if grouped {
        for g in &report.groups {
            for &i in &g.rows {
                let mut rec = vec![g.key.clone()];
                rec.extend(record(&report.rows[i]));
                w.write_record(rec.iter().map(|c| csv_safe(c).into_owned()))?;
            }
        }
    } else {
        for r in &report.rows {
            w.write_record(record(r).iter().map(|c| csv_safe(c).into_owned()))?;
        }
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

/// The report as JSON.
pub fn json(report: &StatusReport) -> anyhow::Result<String> {
    let mut s = serde_json::to_string_pretty(report)?;
    s.push('\n');
    Ok(s)
}
