//! Printing the status report: a table for the terminal, Markdown, CSV or JSON, each in
//! the language asked for (JSON: file spellings and English phrases).

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

use super::csv_safe;
use super::markdown::{self, Align};
use super::table::{self, Column, Styled};
use super::term::{Style, Term, sanitize, truncate};
use super::words;
use crate::config::Lang;
use crate::model::Plan;
use crate::report::health::Health;
use crate::report::status::{Counts, Latest, Row, StatusReport};
use unicode_width::UnicodeWidthStr;

/// The colour of a health.
pub fn health_style(h: Health) -> Style {
    match h {
        Health::Late => Style::Error,
        Health::Due => Style::Warning,
        Health::Stale | Health::NoData => Style::Note,
        Health::OnTrack | Health::Done => Style::Good,
        Health::Upcoming | Health::Untrackable | Health::Cancelled => Style::Dim,
    }
}

/// One latest reading, briefly: `participants 34 (2024)`.
fn latest_one(l: &Latest, lang: Lang) -> String {
    format!(
        "{} {} ({})",
        l.indicator,
        words::figure(&l.value, l.kind, lang),
        l.period
    )
}

/// One latest reading for a document, by its published label: `Nombre de participants
/// (2024) : 34`.
fn latest_labelled(l: &Latest, lang: Lang) -> String {
    format!(
        "{} ({}){} {}",
        l.label,
        l.period,
        words::of(lang).colon,
        words::figure(&l.value, l.kind, lang)
    )
}

fn latest(r: &Row, max: usize, lang: Lang) -> String {
    latest_with(r, max, |l| latest_one(l, lang))
}

fn latest_with(r: &Row, max: usize, one: impl Fn(&Latest) -> String) -> String {
    let mut parts: Vec<String> = r.latest.iter().take(max).map(one).collect();
    if r.latest.len() > max {
        parts.push(format!("+{}", r.latest.len() - max));
    }
    parts.join("; ")
}

/// The totals line: "57 actions: 3 late, 5 due, …".
pub fn totals_line(counts: &Counts, n: usize, lang: Lang) -> String {
    let parts: Vec<String> = Health::ALL
        .iter()
        .filter_map(|h| {
            counts
                .0
                .get(h)
                .map(|c| format!("{c} {}", words::health(*h, lang)))
        })
        .collect();
    let w = words::of(lang);
    let (one, many) = w.action_nouns;
    let noun = words::plural(n, one, many, lang);
    let colon = w.colon;
    if parts.is_empty() {
        noun
    } else {
        format!("{noun}{colon} {}", parts.join(", "))
    }
}

/// The columns of the status table, in a language.
fn columns(report: &StatusReport, lang: Lang) -> [Column; 7] {
    let w = words::of(lang);
    // A column that says nothing (no state recorded) goes first when the terminal is
    // narrow.
    let any_state = report.rows.iter().any(|r| r.state_date.is_some());
    [
        Column::new(w.code, 0, 12),
        Column::flexible(w.action),
        Column::new(w.responsible, 3, 22),
        Column::new(w.calendar, 4, 16),
        Column::new(w.state, if any_state { 2 } else { 9 }, 11),
        Column::new(w.health, 1, 17),
        Column::new(w.latest_reading, 5, 30),
    ]
}

/// The rows at `idx`, as table cells in a language.
fn cells(report: &StatusReport, idx: &[usize], lang: Lang) -> Vec<Vec<Styled>> {
    let w = words::of(lang);
    idx.iter()
        .map(|&i| {
            let r = &report.rows[i];
            let text = r.action.split('\n').next().unwrap_or("").to_string();
            vec![
                Styled::from(r.code.clone()),
                Styled::from(if text.is_empty() {
                    w.no_text.to_string()
                } else {
                    text
                }),
                Styled::from(if r.responsible.is_empty() {
                    "—".to_string()
                } else {
                    r.responsible.join(", ")
                }),
                Styled::from(r.calendar.clone()),
                Styled::from(words::state_filter(r.state, lang)),
                Styled {
                    text: words::health(r.assessment.health, lang).to_string(),
                    style: Some(health_style(r.assessment.health)),
                },
                Styled::from(latest(r, 1, lang)),
            ]
        })
        .collect()
}

/// The report as tables for a terminal, in a language, with a totals line. Grouped, every
/// table has the same columns, chosen for all the rows: groups line up, and a column
/// never comes and goes from one group to the next.
pub fn text(report: &StatusReport, plan: &Plan, term: &Term, lang: Lang) -> String {
    let mut out = String::new();
    let w = words::of(lang);
    if report.rows.is_empty() {
        let _ = writeln!(out, "{} ({} {}).", w.no_match, w.as_of, report.as_of);
        return out;
    }
    let columns = columns(report, lang);
    let all: Vec<usize> = (0..report.rows.len()).collect();
    let layout = table::layout(&columns, &cells(report, &all, lang), term);
    if report.groups.is_empty() {
        out.push_str(&table::draw_with(
            &columns,
            &cells(report, &all, lang),
            term,
            &layout,
        ));
    } else {
        for g in &report.groups {
            let counts = totals_line(&g.counts, g.rows.len(), lang);
            let title = sanitize(&words::group_title(&g.key, plan, lang));
            let one_line = format!("{title} · {counts}");
            if one_line.width() <= term.width {
                let _ = writeln!(out, "{}", term.paint(Style::Bold, &one_line));
            } else {
                let _ = writeln!(
                    out,
                    "{}",
                    term.paint(Style::Bold, &truncate(&title, term.width))
                );
                for l in super::term::wrap(&counts, term.width) {
                    let _ = writeln!(out, "{l}");
                }
            }
            let rows = cells(report, &g.rows, lang);
            out.push_str(&table::draw_with(&columns, &rows, term, &layout));
            out.push('\n');
        }
    }
    let line = format!(
        "{} · {} {}",
        totals_line(&report.totals, report.rows.len(), lang),
        w.as_of,
        report.as_of
    );
    for l in super::term::wrap(&line, term.width) {
        let _ = writeln!(out, "{}", term.paint(Style::Bold, &l));
    }
    let counted: usize = report.groups.iter().map(|g| g.rows.len()).sum();
    if counted > report.rows.len() {
        let shared = words::fill(
            w.shared,
            &[counted.to_string(), report.rows.len().to_string()],
        );
        for l in super::term::wrap(&shared, term.width) {
            let _ = writeln!(out, "{l}");
        }
    }
    out
}

/// The report as GitHub-flavoured Markdown, in a language.
pub fn markdown(report: &StatusReport, plan: &Plan, lang: Lang) -> String {
    let mut out = String::new();
    let e = markdown::escape;
    let w = words::of(lang);
    let header = [
        w.code,
        w.action,
        w.responsible,
        w.calendar,
        w.state,
        w.health,
        w.latest_reading,
    ];
    let align = [Align::Left; 7];
    let rows_of = |idx: &[usize]| -> Vec<Vec<String>> {
        idx.iter()
            .map(|&i| {
                let r = &report.rows[i];
                vec![
                    r.code.clone(),
                    e(&truncate(&r.action.replace('\n', " "), 160)),
                    e(&r.responsible.join(", ")),
                    e(&r.calendar),
                    words::state_filter(r.state, lang).to_string(),
                    words::health(r.assessment.health, lang).to_string(),
                    e(&latest_with(r, 3, |l| latest_labelled(l, lang))),
                ]
            })
            .collect()
    };
    let _ = writeln!(
        out,
        "{} {}{} {}\n",
        w.status_as_of,
        words::date(report.as_of, lang),
        w.colon,
        e(&totals_line(&report.totals, report.rows.len(), lang))
    );
    if report.groups.is_empty() {
        let all: Vec<usize> = (0..report.rows.len()).collect();
        out.push_str(&markdown::table(&header, &align, &rows_of(&all)));
    } else {
        for g in &report.groups {
            let _ = writeln!(
                out,
                "### {}\n\n{}\n",
                e(&words::group_title(&g.key, plan, lang)),
                e(&totals_line(&g.counts, g.rows.len(), lang))
            );
            out.push_str(&markdown::table(&header, &align, &rows_of(&g.rows)));
            out.push('\n');
        }
    }
    out
}

/// The report as CSV (one row per action, or per action and group when grouped).
pub fn csv(report: &StatusReport) -> anyhow::Result<String> {
    let mut w = super::csv_out::Writer::new(Vec::new());
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
    w.record(&header)?;
    let record = |r: &Row| -> Vec<String> {
        vec![
            r.code.clone(),
            r.lever.clone(),
            r.objective.clone(),
            r.action.clone(),
            r.responsible.join(", "),
            r.ministries.join(", "),
            r.calendar.clone(),
            r.state.as_str().to_string(),
            r.state_date.map(|d| d.to_string()).unwrap_or_default(),
            r.assessment.health.as_str().to_string(),
            words::reason(&r.assessment.why, Lang::INTERFACE),
            latest(r, usize::MAX, Lang::INTERFACE),
        ]
    };
    if grouped {
        for g in &report.groups {
            for &i in &g.rows {
                let mut rec = vec![words::group_key(&g.key)];
                rec.extend(record(&report.rows[i]));
                w.record(rec.iter().map(|c| csv_safe(c).into_owned()))?;
            }
        }
    } else {
        for r in &report.rows {
            w.record(record(r).iter().map(|c| csv_safe(c).into_owned()))?;
        }
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

/// The JSON shape of a latest reading (version 1).
#[derive(Serialize)]
struct LatestJson<'a> {
    indicator: &'a str,
    period: String,
    value: String,
}

/// The JSON shape of a row (version 1).
#[derive(Serialize)]
struct RowJson<'a> {
    code: &'a str,
    lever: &'a str,
    objective: &'a str,
    action: &'a str,
    responsible: &'a [String],
    ministries: &'a [String],
    calendar: &'a str,
    calendar_group: String,
    state: &'static str,
    state_date: Option<String>,
    health: &'static str,
    reason: String,
    latest: Vec<LatestJson<'a>>,
}

/// The JSON shape of a group (version 1).
#[derive(Serialize)]
struct GroupJson<'a> {
    key: String,
    title: String,
    rows: &'a [usize],
    counts: BTreeMap<&'static str, usize>,
}

/// The JSON shape of the report (version 1).
#[derive(Serialize)]
struct ReportJson<'a> {
    version: u32,
    as_of: String,
    rows: Vec<RowJson<'a>>,
    groups: Vec<GroupJson<'a>>,
    totals: BTreeMap<&'static str, usize>,
    completeness: CompletenessSummaryJson,
}

/// Completeness of the figures owed by the actions listed (version 1, added).
#[derive(Serialize)]
struct CompletenessSummaryJson {
    total: super::due::CompletenessJson,
    by_ministry: BTreeMap<String, super::due::CompletenessJson>,
    by_lever: BTreeMap<String, super::due::CompletenessJson>,
}

fn counts_json(c: &Counts) -> BTreeMap<&'static str, usize> {
    c.0.iter().map(|(h, n)| (h.as_str(), *n)).collect()
}

/// The report as JSON: file spellings for states and health, English for reasons and
/// titles, values as people read them.
/// `completeness` covers the figures owed by the actions listed ([`crate::report::due`]).
pub fn json(
    report: &StatusReport,
    plan: &Plan,
    completeness: &crate::report::due::Summary,
) -> anyhow::Result<String> {
    let ui = Lang::INTERFACE;
    let doc = ReportJson {
        version: super::readings::JSON_VERSION,
        as_of: report.as_of.to_string(),
        rows: report
            .rows
            .iter()
            .map(|r| RowJson {
                code: &r.code,
                lever: &r.lever,
                objective: &r.objective,
                action: &r.action,
                responsible: &r.responsible,
                ministries: &r.ministries,
                calendar: &r.calendar,
                calendar_group: words::bucket(r.bucket, ui),
                state: r.state.as_str(),
                state_date: r.state_date.map(|d| d.to_string()),
                health: r.assessment.health.as_str(),
                reason: words::reason(&r.assessment.why, ui),
                latest: r
                    .latest
                    .iter()
                    .map(|l| LatestJson {
                        indicator: &l.indicator,
                        period: l.period.to_string(),
                        value: words::figure(&l.value, l.kind, ui),
                    })
                    .collect(),
            })
            .collect(),
        groups: report
            .groups
            .iter()
            .map(|g| GroupJson {
                key: words::group_key(&g.key),
                title: words::group_title(&g.key, plan, ui),
                rows: &g.rows,
                counts: counts_json(&g.counts),
            })
            .collect(),
        totals: counts_json(&report.totals),
        completeness: CompletenessSummaryJson {
            total: (&completeness.total).into(),
            by_ministry: completeness
                .by_ministry
                .iter()
                .map(|(m, c)| (m.clone(), c.into()))
                .collect(),
            by_lever: completeness
                .by_lever
                .iter()
                .map(|(l, c)| (l.clone(), c.into()))
                .collect(),
        },
    };
    let mut s = serde_json::to_string_pretty(&doc)?;
    s.push('\n');
    Ok(s)
}
