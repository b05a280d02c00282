//! The COPIL digest: what the steering committee needs at a meeting, computed from the
//! files for an as-of date and the time since the previous meeting.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use super::health::Health;
use super::progress::{self, Class};
use super::status::{self, Row, StateFilter};
use crate::config::Settings;
use crate::model::{Owner, Plan, Readings, StateEntry};

/// Where the start of the covered period comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SinceFrom {
    /// `--since` was given.
    Given,
    /// The previous COPIL meeting listed in pan.toml.
    Copil,
    /// No meeting listed: the start of the plan period.
    PlanStart,
}

/// Counts of one line of the key figures.
#[derive(Clone, Debug, Serialize)]
pub struct Figures {
    /// Lever letter, or empty for the whole plan.
    pub lever: String,
    /// Lever title.
    pub title: String,
    /// Number of actions.
    pub actions: usize,
    /// Per recorded state, in [`STATES`] order.
    pub by_state: Vec<usize>,
    /// Per health, in [`Health::ALL`] order.
    pub by_health: Vec<usize>,
}

/// The recorded states, in the order of the key figures' columns.
pub const STATES: [StateFilter; 6] = [
    StateFilter::Unrecorded,
    StateFilter::Planned,
    StateFilter::InProgress,
    StateFilter::Done,
    StateFilter::Suspended,
    StateFilter::Cancelled,
];

/// Progress of one context indicator.
#[derive(Clone, Debug, Serialize)]
pub struct ContextProgress {
    /// Id.
    pub id: String,
    /// Label.
    pub label: String,
    /// Readings up to the as-of date: (period, value).
    pub series: Vec<(String, f64)>,
    /// Sparkline of the series.
    pub sparkline: String,
    /// Target value and year.
    pub target: Option<(f64, i16)>,
    /// Progress class.
    pub class: Class,
    /// Whether values are percentages.
    pub percent: bool,
}

/// A reading that is new in the covered period.
#[derive(Clone, Debug, Serialize)]
pub struct NewReading {
    /// Indicator id.
    pub indicator: String,
    /// Indicator label.
    pub label: String,
    /// Period.
    pub period: String,
    /// Value for people.
    pub value: String,
    /// Source.
    pub source: String,
    /// Value it corrects.
    pub replaces: Option<String>,
}

/// What changed for one action in the covered period.
#[derive(Clone, Debug, Serialize)]
pub struct Change {
    /// Code.
    pub code: String,
    /// Text (first line).
    pub action: String,
    /// Responsible actors.
    pub responsible: Vec<String>,
    /// State entries recorded in the period.
    pub states: Vec<StateEntry>,
    /// Readings recorded in the period.
    pub readings: Vec<NewReading>,
}

/// An action that needs a decision.
#[derive(Clone, Debug, Serialize)]
pub struct Attention {
    /// Code.
    pub code: String,
    /// Text (first line).
    pub action: String,
    /// Responsible actors.
    pub responsible: Vec<String>,
    /// Calendar as published.
    pub calendar: String,
    /// Why (none for missing readings: the indicators say it).
    #[serde(rename = "reason")]
    pub why: Option<super::health::Reason>,
    /// Indicators concerned (for missing readings).
    pub indicators: Vec<String>,
}

/// One ministry's line.
#[derive(Clone, Debug, Serialize)]
pub struct MinistryLine {
    /// Acronym.
    pub acronym: String,
    /// Name.
    pub name: String,
    /// Actions carried (its agencies included).
    pub carried: usize,
    /// Of which late.
    pub late: usize,
    /// Of which without any reading.
    pub without_data: usize,
    /// Of which with readings recorded in the period.
    pub with_new_readings: usize,
}

/// The status of a task in the calendar chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    /// Done.
    Done,
    /// Late.
    Late,
    /// Under way.
    Active,
    /// Not started or not active.
    Other,
}

/// A task of the calendar chart.
#[derive(Clone, Debug, Serialize)]
pub struct Task {
    /// Action code.
    pub code: String,
    /// Objective code (the chart's section).
    pub objective: String,
    /// First day.
    pub start: Date,
    /// Last day shown.
    pub end: Date,
    /// Status.
    pub status: TaskStatus,
}

/// One calendar chart (a lever, or part of a large one).
#[derive(Clone, Debug, Serialize)]
pub struct Chart {
    /// Lever letter.
    pub lever: String,
    /// Lever title.
    pub title: String,
    /// Part number (1-based) and number of parts.
    pub part: (usize, usize),
    /// Tasks.
    pub tasks: Vec<Task>,
}

/// The digest.
#[derive(Clone, Debug, Serialize)]
pub struct Digest {
    /// Plan title.
    pub title: String,
    /// As-of date.
    pub as_of: Date,
    /// Start of the covered period (exclusive).
    pub since: Date,
    /// Where `since` comes from.
    pub since_from: SinceFrom,
    /// Key figures: the whole plan, then each lever.
    pub figures: Vec<Figures>,
    /// Context indicators.
    pub context: Vec<ContextProgress>,
    /// Changes, action by action.
    pub changes: Vec<Change>,
    /// Late actions.
    pub late: Vec<Attention>,
    /// Due this year and not started.
    pub due_not_started: Vec<Attention>,
    /// Actions with indicators without a reading in the stale window.
    pub missing_readings: Vec<Attention>,
    /// Per ministry.
    pub ministries: Vec<MinistryLine>,
    /// Calendar charts.
    pub charts: Vec<Chart>,
}

/// Most tasks in one chart before a lever is split.
pub const MAX_TASKS: usize = 30;

fn first_line(s: &str) -> String {
    s.split('\n').next().unwrap_or("").to_string()
}

fn figures(lever: &str, title: &str, rows: &[&Row]) -> Figures {
    Figures {
        lever: lever.to_string(),
        title: title.to_string(),
        actions: rows.len(),
        by_state: STATES
            .iter()
            .map(|s| rows.iter().filter(|r| r.state == *s).count())
            .collect(),
        by_health: Health::ALL
            .iter()
            .map(|h| rows.iter().filter(|r| r.assessment.health == *h).count())
            .collect(),
    }
}

/// The default start of the covered period: the last COPIL meeting before `as_of`, or the
/// plan's first day.
pub fn default_since(settings: &Settings, as_of: Date) -> (Date, SinceFrom) {
    match settings
        .copil_dates()
        .into_iter()
        .rev()
        .find(|d| *d < as_of)
    {
        Some(d) => (d, SinceFrom::Copil),
        None => (settings.period_start(), SinceFrom::PlanStart),
    }
}

/// Build the digest.
pub fn build(
    plan: &Plan,
    readings: &Readings,
    settings: &Settings,
    as_of: Date,
    since: Date,
    since_from: SinceFrom,
) -> Digest {
    let rows = status::rows(plan, readings, settings, as_of);
    let all: Vec<&Row> = rows.iter().collect();
    let mut figs = vec![figures("", &settings.plan.title, &all)];
    for l in &plan.levers {
        let rs: Vec<&Row> = rows.iter().filter(|r| r.lever == l.code).collect();
        figs.push(figures(&l.code, &l.title, &rs));
    }

    // Context indicators: readings known on the as-of date, in period order.
    let by = readings.effective_by_indicator();
    let context = plan
        .context
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let rs: Vec<_> = by
                .get(&(Owner::Context, i as u32))
                .map(|v| v.iter().filter(|r| r.period.start() <= as_of).collect())
                .unwrap_or_default();
            let mut points = Vec::new();
            let mut series = Vec::new();
            for r in rs {
                if let crate::model::Value::Number(v) = r.value {
                    let mid = r.period.start();
                    let year = f64::from(mid.year()) + f64::from(mid.day_of_year() - 1) / 365.25;
                    points.push((year, v));
                    series.push((r.period.to_string(), v));
                }
            }
            ContextProgress {
                id: c.id.clone(),
                label: c.label.clone(),
                sparkline: progress::sparkline(&series.iter().map(|(_, v)| *v).collect::<Vec<_>>()),
                series,
                target: c.target.as_ref().map(|t| (t.value, t.year)),
                class: progress::classify(c, &points),
                percent: c.kind == crate::model::IndicatorKind::Percent,
            }
        })
        .collect();

    // What changed: state entries dated, and readings recorded, in (since, as_of].
    let in_period = |d: Date| d > since && d <= as_of;
    let mut changes = Vec::new();
    let mut new_readings_of: Vec<usize> = vec![0; plan.actions.len()];
    for (i, a) in plan.actions.iter().enumerate() {
        let states: Vec<StateEntry> = a
            .states
            .iter()
            .filter(|e| in_period(e.date))
            .cloned()
            .collect();
        let mut news = Vec::new();
        for (j, ind) in a.indicators.iter().enumerate() {
            for r in readings.of(Owner::Action(i as u32), j as u32) {
                if r.recorded.is_some_and(in_period) {
                    news.push(NewReading {
                        indicator: ind.id.clone(),
                        label: ind.label.clone(),
                        period: r.period.to_string(),
                        value: readings.display_value(r.value, ind.kind),
                        source: readings.strings.get(r.source).to_string(),
                        replaces: r.replaces.map(|s| readings.strings.get(s).to_string()),
                    });
                }
            }
        }
        new_readings_of[i] = news.len();
        if !states.is_empty() || !news.is_empty() {
            changes.push(Change {
                code: a.code.to_string(),
                action: first_line(&a.action),
                responsible: a.responsible.clone(),
                states,
                readings: news,
            });
        }
    }

    // Decisions needed.
    let attention = |r: &Row, with_reason: bool, indicators: Vec<String>| Attention {
        code: r.code.clone(),
        action: first_line(&r.action),
        responsible: r.responsible.clone(),
        calendar: r.calendar.clone(),
        why: with_reason.then(|| r.assessment.why.clone()),
        indicators,
    };
    let late = rows
        .iter()
        .filter(|r| r.assessment.health == Health::Late)
        .map(|r| attention(r, true, vec![]))
        .collect();
    let due_not_started = rows
        .iter()
        .filter(|r| {
            r.assessment.health == Health::Due
                && matches!(r.state, StateFilter::Unrecorded | StateFilter::Planned)
        })
        .map(|r| attention(r, true, vec![]))
        .collect();
    let window = jiff::Span::new().days(i64::from(settings.health.stale_after_days));
    let cutoff = as_of.checked_sub(window).unwrap_or(Date::MIN);
    let mut missing_readings = Vec::new();
    for (i, (a, r)) in plan.actions.iter().zip(&rows).enumerate() {
        if matches!(r.assessment.health, Health::Done | Health::Cancelled)
            || a.calendar.start_date(settings.period_start()) > as_of
        {
            continue;
        }
        let ids: Vec<String> = a
            .indicators
            .iter()
            .enumerate()
            .filter(|(j, _)| {
                let recent = by
                    .get(&(Owner::Action(i as u32), *j as u32))
                    .is_some_and(|v| {
                        v.iter()
                            .any(|x| x.period.end() >= cutoff && x.period.start() <= as_of)
                    });
                !recent
            })
            .map(|(_, ind)| ind.id.clone())
            .collect();
        if !ids.is_empty() {
            missing_readings.push(attention(r, false, ids));
        }
    }

    // Per ministry.
    let ministries = plan
        .ministries()
        .map(|m| {
            let idx: Vec<usize> = rows
                .iter()
                .enumerate()
                .filter(|(_, r)| r.ministries.contains(&m.acronym))
                .map(|(i, _)| i)
                .collect();
            MinistryLine {
                acronym: m.acronym.clone(),
                name: m.name.clone(),
                carried: idx.len(),
                late: idx
                    .iter()
                    .filter(|&&i| rows[i].assessment.health == Health::Late)
                    .count(),
                without_data: idx
                    .iter()
                    .filter(|&&i| {
                        rows[i].latest.is_empty() && !plan.actions[i].indicators.is_empty()
                    })
                    .count(),
                with_new_readings: idx.iter().filter(|&&i| new_readings_of[i] > 0).count(),
            }
        })
        .filter(|m| m.carried > 0)
        .collect();

    Digest {
        title: settings.plan.title.clone(),
        as_of,
        since,
        since_from,
        figures: figs,
        context,
        changes,
        late,
        due_not_started,
        missing_readings,
        ministries,
        charts: charts(plan, &rows, settings, as_of),
    }
}

/// The calendar charts: one per lever, split by objectives when a lever has more than
/// [`MAX_TASKS`] actions.
pub fn charts(plan: &Plan, rows: &[Row], settings: &Settings, as_of: Date) -> Vec<Chart> {
    let mut out = Vec::new();
    for l in &plan.levers {
        let mut by_objective: BTreeMap<(u16, String), Vec<Task>> = BTreeMap::new();
        for (a, r) in plan.actions.iter().zip(rows) {
            if r.lever != l.code {
                continue;
            }
            let start = a.calendar.start_date(settings.period_start());
            let mut end = a.calendar.end_date(settings.period_end());
            if end < start {
                end = start;
            }
            let status = match r.assessment.health {
                Health::Done => TaskStatus::Done,
                Health::Late => TaskStatus::Late,
                _ if a.calendar.active_on(as_of, settings.period_start())
                    && r.assessment.health != Health::Cancelled =>
                {
                    TaskStatus::Active
                }
                _ => TaskStatus::Other,
            };
            by_objective
                .entry((a.code.objective, r.objective.clone()))
                .or_default()
                .push(Task {
                    code: r.code.clone(),
                    objective: r.objective.clone(),
                    start,
                    end,
                    status,
                });
        }
        // Fill charts objective by objective, starting a new part when one would overflow.
        let mut parts: Vec<Vec<Task>> = vec![Vec::new()];
        for (_, tasks) in by_objective {
            let current = parts.last_mut().expect("parts is never empty");
            if !current.is_empty() && current.len() + tasks.len() > MAX_TASKS {
                parts.push(tasks);
            } else {
                current.extend(tasks);
            }
        }
        parts.retain(|p| !p.is_empty());
        let n = parts.len();
        for (i, tasks) in parts.into_iter().enumerate() {
            out.push(Chart {
                lever: l.code.clone(),
                title: l.title.clone(),
                part: (i + 1, n),
                tasks,
            });
        }
    }
    out
}
