//! The full report as GitHub-flavoured Markdown.

use std::fmt::Write;

use super::markdown::{self, Align, escape};
use super::term::truncate;
use super::words::{self, Words};
use crate::config::Lang;
use crate::model::Plan;
use crate::report::full::{FullReport, ReportBy};
use crate::report::health::Health;
use crate::report::status::{Group, Latest};

fn anchor_free(s: &str) -> String {
    escape(s)
}

/// Render the full report: a heading, the summary, then one section per group.
pub fn markdown(r: &FullReport, plan: &Plan, lang: Lang) -> String {
    let w = words::of(lang);
    let mut out = String::new();
    heading(&mut out, r, w, lang);
    summary(&mut out, r, plan, w, lang);
    super::digest::context(&mut out, &r.context, w, lang);
    for (gi, g) in r.status.groups.iter().enumerate() {
        group(&mut out, r, plan, gi, g, lang);
    }
    out.push_str(&breakdowns(&r.breakdowns, plan, lang));
    if !r.context.is_empty() {
        let _ = writeln!(out, "[^method]: {}\n", w.method);
    }
    let _ = writeln!(
        out,
        "---\n\n*{}*",
        words::fill(w.generated, &[env!("CARGO_PKG_VERSION").to_string()])
    );
    out
}

/// The title, the as-of date and what the groups are.
fn heading(out: &mut String, r: &FullReport, w: &Words, lang: Lang) {
    let _ = writeln!(out, "# {}\n", w.report);
    let by = match r.by {
        ReportBy::Lever => w.lever.to_lowercase(),
        ReportBy::Ministry => w.ministry.to_lowercase(),
        ReportBy::Calendar => w.by_calendar.to_string(),
    };
    let _ = writeln!(
        out,
        "**{}** — {} {} · {}{} {by}\n",
        escape(&r.title),
        w.as_of,
        words::date(r.status.as_of, lang),
        w.group,
        w.colon
    );
}

/// Summary: one line per group, health counts, and the total.
fn summary(out: &mut String, r: &FullReport, plan: &Plan, w: &Words, lang: Lang) {
    let s = &r.status;
    let healths: Vec<Health> = Health::ALL
        .iter()
        .copied()
        .filter(|h| s.totals.0.contains_key(h))
        .collect();
    let mut header: Vec<String> = vec![w.group.to_string(), w.actions.to_string()];
    header.extend(healths.iter().map(|h| words::health(*h, lang).to_string()));
    let mut rows: Vec<Vec<String>> = s
        .groups
        .iter()
        .map(|g| {
            let mut row = vec![
                escape(&words::group_title(&g.key, plan, lang)),
                g.rows.len().to_string(),
            ];
            row.extend(
                healths
                    .iter()
                    .map(|h| g.counts.0.get(h).copied().unwrap_or(0).to_string()),
            );
            row
        })
        .collect();
    let mut total = vec![format!("**{}**", w.whole_plan), s.rows.len().to_string()];
    total.extend(
        healths
            .iter()
            .map(|h| s.totals.0.get(h).copied().unwrap_or(0).to_string()),
    );
    rows.push(total);
    let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut align = vec![Align::Left];
    align.extend(std::iter::repeat_n(Align::Right, header.len() - 1));
    let _ = writeln!(out, "## {}\n", w.summary);
    out.push_str(&markdown::table(&header_refs, &align, &rows));
    let entries: usize = s.groups.iter().map(|g| g.rows.len()).sum();
    if entries > s.rows.len() {
        let _ = writeln!(
            out,
            "\n{}",
            words::fill(w.shared, &[entries.to_string(), s.rows.len().to_string()])
        );
    }
    out.push('\n');
}

/// A group's section: its objectives (by lever), its actions, and the readings of their
/// indicators.
fn group(out: &mut String, r: &FullReport, plan: &Plan, gi: usize, g: &Group, lang: Lang) {
    let w = words::of(lang);
    let title = words::group_title(&g.key, plan, lang);
    let _ = writeln!(out, "## {}\n", anchor_free(&title));
    if let Some(objs) = r.objectives.get(gi)
        && !objs.is_empty()
    {
        let _ = writeln!(out, "**{}**\n", w.objectives);
        for (code, title) in objs {
            let title = if title.is_empty() {
                w.no_text.to_string()
            } else {
                escape(title)
            };
            let _ = writeln!(out, "- {code} — {title}");
        }
        out.push('\n');
    }
    actions(out, r, g, w, lang);
    indicator_details(out, r, g, &title, w, lang);
}

/// The table of a group's actions, with their latest readings.
fn actions(out: &mut String, r: &FullReport, g: &Group, w: &Words, lang: Lang) {
    let s = &r.status;
    let rows: Vec<Vec<String>> = g
        .rows
        .iter()
        .map(|&i| {
            let row = &s.rows[i];
            let text = row.action.split('\n').next().unwrap_or("");
            let latest = row
                .latest
                .iter()
                .map(|l| latest(l, w, lang))
                .collect::<Vec<_>>()
                .join("<br>");
            vec![
                row.code.clone(),
                if text.is_empty() {
                    w.no_text.to_string()
                } else {
                    escape(&truncate(text, 160))
                },
                escape(&row.responsible.join(", ")),
                escape(&row.calendar),
                words::state_filter(row.state, lang).to_string(),
                words::health(row.assessment.health, lang).to_string(),
                if latest.is_empty() {
                    "—".into()
                } else {
                    latest
                },
            ]
        })
        .collect();
    out.push_str(&markdown::table(
        &[
            w.code,
            w.action,
            w.responsible,
            w.calendar,
            w.state,
            w.health,
            w.latest,
        ],
        &[Align::Left; 7],
        &rows,
    ));
    out.push('\n');
}

/// A latest reading in an action's row: its label, value and period, and the total of a
/// flow over its periods.
fn latest(l: &Latest, w: &Words, lang: Lang) -> String {
    let total = l
        .total
        .map(|(sum, from, to)| {
            format!(
                " · {} {from}–{to}{} {}",
                w.total,
                w.colon,
                words::number(sum, lang)
            )
        })
        .unwrap_or_default();
    format!(
        "{}{} {} ({}){total}",
        escape(&l.label),
        w.colon,
        escape(&words::figure(&l.value, l.kind, lang)),
        l.period
    )
}

/// Every reading of the indicators of a group's actions, when there is one.
fn indicator_details(
    out: &mut String,
    r: &FullReport,
    g: &Group,
    title: &str,
    w: &Words,
    lang: Lang,
) {
    let s = &r.status;
    let with_readings: Vec<usize> = g
        .rows
        .iter()
        .copied()
        .filter(|&i| !r.details[i].is_empty())
        .collect();
    if with_readings.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "### {} — {}\n",
        w.indicator_details,
        anchor_free(title)
    );
    let rows: Vec<Vec<String>> = with_readings
        .iter()
        .flat_map(|&i| {
            let code = s.rows[i].code.clone();
            r.details[i].iter().map(move |d| {
                let shown = words::figure(&d.value, d.kind, lang);
                let value = match &d.replaces {
                    Some(v) => format!("{} ({} {})", escape(&shown), w.corrects, escape(v)),
                    None => escape(&shown),
                };
                vec![
                    code.clone(),
                    escape(&d.label),
                    d.period.to_string(),
                    value,
                    escape(&d.source),
                    escape(&d.note),
                ]
            })
        })
        .collect();
    out.push_str(&markdown::table(
        &[w.code, w.indicator, w.period_col, w.value, w.source, w.note],
        &[
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Right,
            Align::Left,
            Align::Left,
        ],
        &rows,
    ));
    out.push('\n');
}

/// The breakdown tables, each under a heading naming its indicator, dimension and period:
/// one row per category (labels as published), then the total.
pub fn breakdowns(
    tables: &[crate::report::breakdowns::Breakdown],
    plan: &Plan,
    lang: Lang,
) -> String {
    if tables.is_empty() {
        return String::new();
    }
    let w = words::of(lang);
    let mut out = String::new();
    let _ = writeln!(out, "## {}\n\n{}\n", w.breakdowns, w.breakdowns_intro);
    for b in tables {
        let (code, label) = match b.owner {
            crate::model::Owner::Action(a) => {
                let a = &plan.actions[a as usize];
                (
                    a.code.to_string(),
                    a.indicators
                        .get(b.indicator as usize)
                        .map(|i| i.label.clone())
                        .unwrap_or_default(),
                )
            }
            crate::model::Owner::Context => (
                w.context.to_string(),
                plan.context
                    .get(b.indicator as usize)
                    .map(|c| c.label.clone())
                    .unwrap_or_default(),
            ),
        };
        let Some(dim) = plan.dimensions.get(b.dimension) else {
            continue;
        };
        let _ = writeln!(
            out,
            "### {} — {} · {} · {}\n",
            escape(&code),
            anchor_free(&escape(&label)),
            escape(&dim.label),
            b.period
        );
        let mut rows: Vec<Vec<String>> = b
            .cells
            .iter()
            .map(|(v, f)| {
                vec![
                    escape(&dim.value(*v).label),
                    escape(&words::figure(f, b.kind, lang)),
                ]
            })
            .collect();
        if let Some(t) = &b.total {
            rows.push(vec![
                format!("**{}**", w.total),
                escape(&words::figure(t, b.kind, lang)),
            ]);
        }
        out.push_str(&markdown::table(
            &[&escape(&dim.label), w.value],
            &[Align::Left, Align::Right],
            &rows,
        ));
        out.push('\n');
    }
    out
}
