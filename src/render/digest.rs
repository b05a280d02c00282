//! The COPIL digest as GitHub-flavoured Markdown (tables, footnote, Mermaid charts).

use std::fmt::Write;

use super::markdown::{self, Align, escape};
use super::words::{self, Words};
use crate::config::Lang;
use crate::model::ActionCode;
use crate::report::digest::{Chart, ContextProgress, Digest, STATES, TaskSpan, TaskStatus};
use crate::report::health::Health;

/// Text safe inside a Mermaid chart title (no characters with a meaning there).
fn mermaid_text(s: &str) -> String {
    s.chars()
        .map(|c| {
            if matches!(
                c,
                ':' | ';' | '#' | '%' | '\n' | '\r' | '`' | '<' | '>' | '{' | '}'
            ) || c.is_control()
            {
                ' '
            } else {
                c
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A Unicode sparkline of the values (one character per value), scaled from zero (from
/// the lowest value when one is negative) to the highest: 50 then 60 reads as two tall
/// bars, not as a rise from nothing.
pub fn sparkline(values: &[f64]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let (min, max) = values
        .iter()
        .fold((0.0_f64, f64::NEG_INFINITY), |(a, b), &v| {
            (a.min(v), b.max(v))
        });
    values
        .iter()
        .map(|&v| {
            if (max - min).abs() < f64::EPSILON {
                BARS[0]
            } else {
                #[expect(
                    clippy::cast_possible_truncation,
                    reason = "within 0..=7 for values within min..=max; a float cast saturates"
                )]
                let i = ((v - min) / (max - min) * 7.0).round() as usize;
                BARS[i.min(7)]
            }
        })
        .collect()
}

/// A Mermaid task id for a code, from its parts whatever the plan's code format:
/// `IN-B-11.02` → `b11_02`; a numbered lever, `2.3.1` → `t2_3_01` (an id never starts
/// with a digit, which Mermaid could read as a date).
fn task_id(code: ActionCode) -> String {
    if code.lever_is_letter() {
        format!(
            "{}{}_{:02}",
            code.lever_code().to_ascii_lowercase(),
            code.objective(),
            code.number()
        )
    } else {
        format!(
            "t{}_{}_{:02}",
            code.lever(),
            code.objective(),
            code.number()
        )
    }
}

/// A short title for a bar: the code and the first words of the action's text.
fn bar_title(code: &str, text: &str) -> String {
    let text = mermaid_text(text);
    let short = super::term::truncate(&text, 48);
    if short.is_empty() {
        code.to_string()
    } else {
        format!("{code} {short}")
    }
}

/// One Mermaid gantt chart: only actions whose calendar publishes a date; the as-of date
/// as a milestone of its own (the chart's own "today" would be the reader's day).
pub fn gantt(chart: &Chart, as_of: jiff::civil::Date, w: &Words, lang: Lang) -> String {
    let mut out = String::from("```mermaid\ngantt\n");
    let part = if chart.part.1 > 1 {
        format!(" ({} {}/{})", w.part, chart.part.0, chart.part.1)
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "    title {} — {}{}",
        mermaid_text(&chart.lever),
        mermaid_text(&chart.title),
        part
    );
    out.push_str("    dateFormat YYYY-MM-DD\n    axisFormat %Y\n    todayMarker off\n");
    let _ = writeln!(out, "    section {}", mermaid_text(w.as_of_section));
    let _ = writeln!(
        out,
        "    {} {} :milestone, asof, {as_of}, 0d",
        mermaid_text(w.as_of),
        mermaid_text(&words::date(as_of, lang))
    );
    let mut section = String::new();
    for t in &chart.tasks {
        if t.objective != section {
            section = t.objective.clone();
            let _ = writeln!(out, "    section {}", mermaid_text(&section));
        }
        let mut tags = Vec::new();
        match t.status {
            TaskStatus::Done => tags.push("done"),
            TaskStatus::Late => tags.push("crit"),
            TaskStatus::InProgress => tags.push("active"),
            TaskStatus::Other => {}
        }
        if t.span == TaskSpan::Milestone {
            tags.push("milestone");
        }
        let tags: String = tags.iter().map(|t| format!("{t}, ")).collect();
        let end = if t.span == TaskSpan::Milestone {
            "0d".to_string()
        } else {
            t.end.to_string()
        };
        let _ = writeln!(
            out,
            "    {}{} :{tags}{}, {}, {end}",
            bar_title(&t.code, &t.text),
            if t.span == TaskSpan::ToPlanEnd {
                format!(" {}", w.open_end)
            } else {
                String::new()
            },
            task_id(t.action),
            t.start,
        );
    }
    out.push_str("```\n");
    out
}

/// The lever's actions the chart does not draw, with their calendar as published.
fn undated_list(chart: &Chart, w: &Words) -> String {
    let mut out = String::new();
    if chart.undated.is_empty() {
        return out;
    }
    let _ = writeln!(out, "{} ({}){}\n", w.undated, chart.undated.len(), w.colon);
    for u in &chart.undated {
        let cal = if u.calendar.is_empty() {
            w.no_calendar.to_string()
        } else {
            format!("« {} »", escape(&u.calendar))
        };
        let _ = writeln!(
            out,
            "- **{}** {} — {cal}",
            u.code,
            escape(&super::term::truncate(&u.text, 100))
        );
    }
    out.push('\n');
    out
}

fn attention_table(items: &[crate::report::digest::Attention], w: &Words, lang: Lang) -> String {
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|a| {
            vec![
                a.code.clone(),
                escape(&super::term::truncate(&a.action, 120)),
                escape(&a.responsible.join(", ")),
                escape(&a.calendar),
                escape(
                    &a.why
                        .as_ref()
                        .map(|why| words::reason(why, lang))
                        .unwrap_or_default(),
                ),
            ]
        })
        .collect();
    markdown::table(
        &[w.code, w.action, w.responsible, w.calendar, w.why],
        &[Align::Left; 5],
        &rows,
    )
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Render the digest: one function per section, each leaving out what it has nothing for.
pub fn markdown(d: &Digest, lang: Lang, stale_days: u32) -> String {
    let w = words::of(lang);
    let mut out = String::new();
    heading(&mut out, d, w, lang);
    key_figures(&mut out, d, w, lang);
    context(&mut out, &d.context, w, lang);
    changes(&mut out, d, w, lang);
    targets(&mut out, d, w, lang);
    decisions(&mut out, d, w, lang, stale_days);
    per_ministry(&mut out, d, w, lang);
    completeness(&mut out, d, w);
    calendar(&mut out, d, w, lang);
    if !d.context.is_empty() {
        let _ = writeln!(out, "[^method]: {}\n", w.method);
    }
    let _ = writeln!(
        out,
        "---\n\n*{}*",
        words::fill(w.generated, &[env!("CARGO_PKG_VERSION").to_string()])
    );
    out
}

/// The title, the as-of date and the period covered.
fn heading(out: &mut String, d: &Digest, w: &Words, lang: Lang) {
    let _ = writeln!(out, "# {}\n", w.digest);
    let _ = writeln!(
        out,
        "**{}** — {} {}  ",
        escape(&d.title),
        w.as_of,
        words::date(d.as_of, lang)
    );
    let since_note = w.since(d.since_from);
    let _ = writeln!(
        out,
        "{}{} {} → {} ({since_note})\n",
        w.period,
        w.colon,
        words::date(d.since, lang),
        words::date(d.as_of, lang)
    );
}

/// Key figures: the whole plan and each lever; columns with nothing anywhere are left out.
fn key_figures(out: &mut String, d: &Digest, w: &Words, lang: Lang) {
    let total = &d.figures[0];
    let state_cols: Vec<usize> = (0..STATES.len())
        .filter(|&i| total.by_state[i] > 0)
        .collect();
    let health_cols: Vec<usize> = (0..Health::ALL.len())
        .filter(|&i| {
            total.by_health[i] > 0 && !matches!(Health::ALL[i], Health::Done | Health::Cancelled)
        })
        .collect();
    let mut header: Vec<String> = vec![w.lever.to_string(), w.actions.to_string()];
    header.extend(state_cols.iter().map(|&i| {
        format!(
            "{}{} {}",
            w.state,
            w.colon,
            words::state_filter(STATES[i], lang)
        )
    }));
    header.extend(
        health_cols
            .iter()
            .map(|&i| words::health(Health::ALL[i], lang).to_string()),
    );
    // The whole plan's row last, as in every other table with a total.
    let rows: Vec<Vec<String>> = d
        .figures
        .iter()
        .skip(1)
        .chain(d.figures.first())
        .map(|f| {
            let name = if f.lever.is_empty() {
                format!("**{}**", w.whole_plan)
            } else {
                format!("{} — {}", f.lever, escape(&f.title))
            };
            let mut r = vec![name, f.actions.to_string()];
            r.extend(state_cols.iter().map(|&i| f.by_state[i].to_string()));
            r.extend(health_cols.iter().map(|&i| f.by_health[i].to_string()));
            r
        })
        .collect();
    let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut align = vec![Align::Left];
    align.extend(std::iter::repeat_n(Align::Right, header.len() - 1));
    let _ = writeln!(out, "## {}\n", w.key_figures);
    out.push_str(&markdown::table(&header_refs, &align, &rows));
    out.push('\n');
}

/// Progress toward the context targets, with the method as a footnote.
pub fn context(out: &mut String, context: &[ContextProgress], w: &Words, lang: Lang) {
    if !context.is_empty() {
        let _ = writeln!(out, "## {}\n", w.context);
        let rows: Vec<Vec<String>> = context
            .iter()
            .map(|c| {
                let value = |v: f64| {
                    if c.percent {
                        words::percent(v, lang)
                    } else {
                        words::number(v, lang)
                    }
                };
                let latest = c
                    .series
                    .last()
                    .map(|(p, v)| format!("{} ({p})", value(*v)))
                    .unwrap_or_else(|| "—".to_string());
                let series = c
                    .series
                    .iter()
                    .map(|(p, v)| format!("{p}{} {}", w.colon, value(*v)))
                    .collect::<Vec<_>>()
                    .join(" · ");
                let spark = sparkline(&c.series.iter().map(|(_, v)| *v).collect::<Vec<_>>());
                let trend = if spark.is_empty() {
                    "—".to_string()
                } else {
                    format!("{spark} <sub>{}</sub>", escape(&series))
                };
                let target = c
                    .target
                    .map(|(v, y)| format!("{} {} {y}", value(v), w.by))
                    .unwrap_or_else(|| "—".to_string());
                vec![
                    escape(&c.label),
                    trend,
                    latest,
                    target,
                    words::class(c.class, lang).to_string(),
                ]
            })
            .collect();
        let progress = format!("{}[^method]", w.progress);
        out.push_str(&markdown::table(
            &[w.indicator, w.trend, w.latest, w.target, &progress],
            &[
                Align::Left,
                Align::Left,
                Align::Right,
                Align::Right,
                Align::Left,
            ],
            &rows,
        ));
        out.push('\n');
    }
}

/// What changed in the period, action by action: states and readings; then the
/// baselines recorded in it, apart.
fn changes(out: &mut String, d: &Digest, w: &Words, lang: Lang) {
    if !d.changes.is_empty() {
        let _ = writeln!(out, "## {}\n", w.changes);
        change_list(out, &d.changes, w, lang);
    }
    if !d.baselines.is_empty() {
        let _ = writeln!(out, "## {}\n", w.baselines);
        let _ = writeln!(
            out,
            "{}\n",
            words::fill(w.baselines_hint, &[words::date(d.plan_start, lang)])
        );
        change_list(out, &d.baselines, w, lang);
    }
}

/// A list of changes, action by action.
fn change_list(out: &mut String, list: &[crate::report::digest::Change], w: &Words, lang: Lang) {
    for c in list {
        let text = if c.action.is_empty() {
            w.no_text.to_string()
        } else {
            escape(&super::term::truncate(&c.action, 140))
        };
        let _ = writeln!(
            out,
            "- **{}** {} ({})",
            c.code,
            text,
            escape(&c.responsible.join(", "))
        );
        for s in &c.states {
            let note = if s.note.is_empty() {
                String::new()
            } else {
                format!(" — {}", escape(&s.note.replace('\n', " ")))
            };
            let _ = writeln!(
                out,
                "  - {}{} {} ({}){note}",
                w.state,
                w.colon,
                words::state(s.state, lang),
                words::date(s.date, lang)
            );
        }
        for r in &c.readings {
            let corr = r
                .replaces
                .as_ref()
                .map(|v| format!(", {} {}", w.corrects, escape(v)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  - {}{} {} ({}{}) = {}{corr} — {}",
                w.readings,
                w.colon,
                escape(&r.label),
                r.period,
                if r.baseline {
                    format!(", {}", w.baseline)
                } else {
                    String::new()
                },
                escape(&words::figure(&r.value, r.kind, lang)),
                escape(&r.source)
            );
        }
    }
    out.push('\n');
}

/// The roll-up of the action indicators' targets per lever and objective (counts of
/// actions, never a percentage), then each action with targets; nothing when no action
/// has one.
fn targets(out: &mut String, d: &Digest, w: &Words, lang: Lang) {
    use crate::report::targets::ActionStanding;
    if !d.rollup.any() {
        return;
    }
    let _ = writeln!(out, "## {}\n", w.targets);
    let _ = writeln!(out, "{}\n", w.rollup_intro);
    let mut header = vec![w.lever_objective.to_string()];
    header.extend(
        ActionStanding::ALL
            .iter()
            .map(|s| capitalise(words::action_standing(*s, lang))),
    );
    let rows: Vec<Vec<String>> = d
        .rollup
        .lines
        .iter()
        .filter(|l| l.objective.is_none() || l.counts[..4].iter().any(|n| *n > 0))
        .map(|l| {
            let name = match &l.objective {
                None => format!("**{} — {}**", escape(&l.lever), escape(&l.title)),
                Some(o) => format!("{} — {}", escape(o), escape(&l.title)),
            };
            std::iter::once(name)
                .chain(l.counts.iter().map(|n| n.to_string()))
                .collect()
        })
        .collect();
    let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut align = vec![Align::Left];
    align.extend(std::iter::repeat_n(Align::Right, ActionStanding::ALL.len()));
    out.push_str(&markdown::table(&header_refs, &align, &rows));
    out.push('\n');
    let rows: Vec<Vec<String>> = d
        .rollup
        .actions
        .iter()
        .flat_map(|a| {
            a.indicators.iter().map(move |i| {
                vec![
                    a.code.clone(),
                    escape(&i.label),
                    i.of_period()
                        .map(|t| escape(&words::target_line(t, i.kind, lang)))
                        .unwrap_or_default(),
                    words::action_standing(a.standing, lang).to_string(),
                ]
            })
        })
        .collect();
    out.push_str(&markdown::table(
        &[w.code, w.indicator, w.target_of_period, w.progress],
        &[Align::Left, Align::Left, Align::Left, Align::Left],
        &rows,
    ));
    out.push('\n');
}

/// Decisions needed: late actions, those due this year without a declared state or
/// declared planned, and indicators without a recent reading.
fn decisions(out: &mut String, d: &Digest, w: &Words, lang: Lang, stale_days: u32) {
    let lists = [
        (w.late_actions, &d.late),
        (w.due_no_state, &d.due_no_state),
        (w.due_planned, &d.due_planned),
    ];
    if lists.iter().all(|(_, l)| l.is_empty()) && d.missing_readings.is_empty() {
        return;
    }
    let _ = writeln!(out, "## {}\n", w.decisions);
    for (title, list) in lists {
        if !list.is_empty() {
            let _ = writeln!(out, "### {title} ({})\n", list.len());
            out.push_str(&attention_table(list, w, lang));
            out.push('\n');
        }
    }
    if !d.missing_readings.is_empty() {
        missing_readings(out, d, w, stale_days);
    }
}

/// The indicators without a recent reading, folded under a summary.
fn missing_readings(out: &mut String, d: &Digest, w: &Words, stale_days: u32) {
    let n: usize = d.missing_readings.iter().map(|a| a.indicators.len()).sum();
    let _ = writeln!(out, "### {}\n", w.missing);
    let _ = writeln!(
        out,
        "<details>\n<summary>{} {}, {} {} — {}</summary>\n",
        d.missing_readings.len(),
        w.actions.to_lowercase(),
        n,
        w.indicators,
        words::fill(w.missing_hint, &[stale_days.to_string()])
    );
    let rows: Vec<Vec<String>> = d
        .missing_readings
        .iter()
        .map(|a| {
            vec![
                a.code.clone(),
                escape(&a.responsible.join(", ")),
                a.indicators
                    .iter()
                    .map(|(_, label)| escape(label))
                    .collect::<Vec<_>>()
                    .join("<br>"),
            ]
        })
        .collect();
    out.push_str(&markdown::table(
        &[w.code, w.responsible, w.indicator],
        &[Align::Left; 3],
        &rows,
    ));
    out.push_str("\n</details>\n\n");
}

/// Per ministry: what it carries and how those actions stand.
fn per_ministry(out: &mut String, d: &Digest, w: &Words, lang: Lang) {
    if !d.ministries.is_empty() {
        let _ = writeln!(out, "## {}\n", w.per_ministry);
        let rows: Vec<Vec<String>> = d
            .ministries
            .iter()
            .map(|m| {
                let n = |h: Health| m.by_health.0.get(&h).copied().unwrap_or(0).to_string();
                let name = if m.acronym.is_empty() {
                    format!("*{}*", capitalise(w.terms.no_ministry))
                } else {
                    format!("{} — {}", escape(&m.acronym), escape(&m.name))
                };
                vec![
                    name,
                    m.carried.to_string(),
                    n(Health::Late),
                    n(Health::Due),
                    n(Health::Stale),
                    n(Health::NoData),
                    m.with_new_readings.to_string(),
                ]
            })
            .collect();
        out.push_str(&markdown::table(
            &[
                w.ministry,
                w.carried,
                &capitalise(words::health(Health::Late, lang)),
                &capitalise(words::health(Health::Due, lang)),
                &capitalise(words::health(Health::Stale, lang)),
                &capitalise(words::health(Health::NoData, lang)),
                w.with_readings,
            ],
            &[
                Align::Left,
                Align::Right,
                Align::Right,
                Align::Right,
                Align::Right,
                Align::Right,
                Align::Right,
            ],
            &rows,
        ));
        out.push('\n');
    }
    if !d.unnamed_ministries.is_empty() {
        let names: Vec<String> = d
            .unnamed_ministries
            .iter()
            .map(|(a, n)| format!("{} ({})", escape(a), escape(n)))
            .collect();
        let _ = writeln!(
            out,
            "{}\n",
            words::fill(w.idle_ministries, &[names.join(", ")])
        );
    }
}

/// Completeness of the figures owed, per ministry and per lever (DHIS2's: received of
/// expected, once the due date has passed).
fn completeness(out: &mut String, d: &Digest, w: &Words) {
    let c = &d.completeness;
    if c.by_ministry.is_empty() && c.by_lever.is_empty() {
        return;
    }
    let dw = &w.due;
    let _ = writeln!(
        out,
        "## {}\n\n{}\n\n{}{} {}\n",
        dw.heading,
        escape(dw.explain),
        w.whole_plan,
        w.colon,
        escape(&(dw.completeness_of)(&c.total))
    );
    let rate = |x: &crate::report::due::Completeness| {
        x.percent()
            .map(|p| format!("{p}{}", w.percent_sign))
            .unwrap_or_else(|| "—".into())
    };
    let table = |first: &str, rows: Vec<Vec<String>>| {
        markdown::table(
            &[
                first,
                dw.expected,
                dw.received,
                dw.late,
                dw.due_soon,
                dw.rate,
            ],
            &[
                Align::Left,
                Align::Right,
                Align::Right,
                Align::Right,
                Align::Right,
                Align::Right,
            ],
            &rows,
        )
    };
    let row = |name: String, x: &crate::report::due::Completeness| {
        vec![
            name,
            x.expected.to_string(),
            x.received.to_string(),
            x.late.to_string(),
            x.due_soon.to_string(),
            rate(x),
        ]
    };
    if !c.by_ministry.is_empty() {
        let rows = c
            .by_ministry
            .iter()
            .map(|(m, x)| row(escape(m), x))
            .collect();
        out.push_str(&table(w.ministry, rows));
        out.push('\n');
    }
    if !c.by_lever.is_empty() {
        let rows = c
            .by_lever
            .iter()
            .map(|(l, x)| row(format!("{} {}", w.lever, escape(l)), x))
            .collect();
        out.push_str(&table(w.lever, rows));
        out.push('\n');
    }
}

/// The calendar: a Gantt chart per lever, with the actions it cannot draw listed below.
fn calendar(out: &mut String, d: &Digest, w: &Words, lang: Lang) {
    if !d.charts.is_empty() {
        let _ = writeln!(out, "## {}\n", w.calendar_section);
        let _ = writeln!(out, "{}\n", w.legend);
        for c in &d.charts {
            if !c.tasks.is_empty() {
                out.push_str(&gantt(c, d.as_of, w, lang));
                out.push('\n');
            }
            out.push_str(&undated_list(c, w));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparklines() {
        // Scaled from zero: a level that moves little stays tall.
        assert_eq!(sparkline(&[1.0, 2.0, 3.0]), "▃▆█");
        assert_eq!(sparkline(&[50.0, 60.0]), "▇█");
        assert_eq!(sparkline(&[5.0]), "█");
        assert_eq!(sparkline(&[0.0, 0.0]), "▁▁");
        assert_eq!(sparkline(&[-1.0, 1.0]), "▁█");
        assert_eq!(sparkline(&[]), "");
    }

    #[test]
    fn mermaid_ids_and_texts_are_safe() {
        let codes = &crate::model::code::DEFAULT;
        assert_eq!(task_id(codes.parse("IN-B-11.02").unwrap()), "b11_02");
        let dotted = crate::model::CodeFormat::new("{lever:1}.{objective}.{number}", None)
            .unwrap()
            .leak();
        assert_eq!(task_id(dotted.parse("12.3.1").unwrap()), "t12_3_01");
        assert_eq!(task_id(dotted.parse("1.23.1").unwrap()), "t1_23_01");
        assert_eq!(mermaid_text("A: b; c # d"), "A b c d");
    }
}
