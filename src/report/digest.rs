//! The COPIL digest: what the steering committee needs at a meeting, computed from the
//! files for an as-of date and the time since the previous meeting.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use super::health::Health;
use super::progress::{self, Class};
use super::status::{self, Counts, Row, StateFilter};
use crate::config::Settings;
use crate::model::calendar::Shape;
use crate::model::reading::Figure;
use crate::model::{IndicatorKind, Owner, Period, Plan, Readings, StateEntry};

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
    /// The plan starts after the as-of date: the period covered is empty (it starts and
    /// ends on the as-of date), never one that ends before it begins.
    NotStarted,
}

/// Counts of one line of the key figures.
#[derive(Clone, Debug)]
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
#[derive(Clone, Debug)]
pub struct ContextProgress {
    /// Id.
    pub id: String,
    /// Label.
    pub label: String,
    /// Readings known on the as-of date, in period order: (period, value).
    pub series: Vec<(Period, f64)>,
    /// Target value and year.
    pub target: Option<(f64, i16)>,
    /// Progress class.
    pub class: Class,
    /// Whether values are percentages.
    pub percent: bool,
}

/// A reading that is new in the covered period.
#[derive(Clone, Debug)]
pub struct NewReading {
    /// Indicator id.
    pub indicator: String,
    /// Indicator label.
    pub label: String,
    /// Indicator kind.
    pub kind: IndicatorKind,
    /// Period.
    pub period: Period,
    /// Value.
    pub value: Figure,
    /// Source.
    pub source: String,
    /// Value it corrects, as written.
    pub replaces: Option<String>,
    /// Whether it is a baseline: its period ended before the plan began.
    pub baseline: bool,
}

/// What changed for one action in the covered period.
#[derive(Clone, Debug)]
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
#[derive(Clone, Debug)]
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
    pub why: Option<super::health::Reason>,
    /// Indicators concerned (for missing readings): id and published label.
    pub indicators: Vec<(String, String)>,
}

/// One ministry's line: the actions it carries (its agencies included), by health — the
/// same health as everywhere else — and how many got readings in the period.
#[derive(Clone, Debug)]
pub struct MinistryLine {
    /// Acronym.
    pub acronym: String,
    /// Name.
    pub name: String,
    /// Actions carried.
    pub carried: usize,
    /// Of which, per health.
    pub by_health: Counts,
    /// Of which with readings recorded in the period.
    pub with_new_readings: usize,
}

/// The status of a task in the calendar chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    /// Recorded as done.
    Done,
    /// Late.
    Late,
    /// Recorded as in progress.
    InProgress,
    /// Anything else (not started, planned, suspended, cancelled, no state recorded).
    Other,
}

/// How a task's dates come from its published calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskSpan {
    /// From its start to its end, both published.
    Bounded,
    /// From its published start, with no end: drawn to the end of the plan period.
    ToPlanEnd,
    /// A published milestone (a continuous action's first phase): one day.
    Milestone,
}

/// A task of the calendar chart: only actions whose calendar publishes a date.
#[derive(Clone, Debug, Serialize)]
pub struct Task {
    /// Action code.
    pub code: String,
    /// The same, typed (for identifiers derived from its parts).
    #[serde(skip)]
    pub action: crate::model::ActionCode,
    /// The action's text (first line), for a short title.
    pub text: String,
    /// Objective code (the chart's section).
    pub objective: String,
    /// First day.
    pub start: Date,
    /// Last day shown.
    pub end: Date,
    /// How the dates come from the calendar.
    pub span: TaskSpan,
    /// Status.
    pub status: TaskStatus,
}

/// An action the charts do not draw: its calendar publishes no date.
#[derive(Clone, Debug, Serialize)]
pub struct Undated {
    /// Action code.
    pub code: String,
    /// The action's text (first line).
    pub text: String,
    /// The calendar as published (empty when none is).
    pub calendar: String,
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
    /// The lever's actions without a published date, listed beside the chart (on its
    /// first part).
    pub undated: Vec<Undated>,
}

/// The digest.
#[derive(Clone, Debug)]
pub struct Digest {
    /// Plan title.
    pub title: String,
    /// As-of date.
    pub as_of: Date,
    /// Start of the covered period (exclusive).
    pub since: Date,
    /// Where `since` comes from.
    pub since_from: SinceFrom,
    /// The plan's first day: readings of earlier periods are baselines.
    pub plan_start: Date,
    /// Key figures: the whole plan, then each lever.
    pub figures: Vec<Figures>,
    /// Context indicators.
    pub context: Vec<ContextProgress>,
    /// Changes, action by action (baselines never among them).
    pub changes: Vec<Change>,
    /// Baselines recorded in the covered period: readings of periods before the plan
    /// began, action by action.
    pub baselines: Vec<Change>,
    /// Late actions.
    pub late: Vec<Attention>,
    /// Due this year, no state declared.
    pub due_no_state: Vec<Attention>,
    /// Due this year, declared planned.
    pub due_planned: Vec<Attention>,
    /// Actions with indicators without a reading in the stale window.
    pub missing_readings: Vec<Attention>,
    /// Per ministry, then (acronym empty) the actions whose responsible actors belong to no
    /// ministry, as the site lists them.
    pub ministries: Vec<MinistryLine>,
    /// The ministries the plan declares that no action names (acronym, name).
    pub unnamed_ministries: Vec<(String, String)>,
    /// Calendar charts.
    pub charts: Vec<Chart>,
    /// Actions against the targets of their indicators, per objective and lever.
    pub rollup: super::targets::Rollup,
    /// Completeness of the figures owed: the whole plan, per lever, per ministry.
    pub completeness: super::due::Summary,
}

/// The context indicators' progress: readings known on the as-of date, in period order,
/// one series at a time (never every indicator's at once: millions of readings).
pub fn context(plan: &Plan, readings: &Readings, as_of: Date) -> Vec<ContextProgress> {
    plan.context
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let rs = readings.effective_of(Owner::Context, crate::model::index32(i), as_of);
            let mut points = Vec::new();
            let mut series = Vec::new();
            for r in rs {
                if let crate::model::Value::Number(v) = r.value() {
                    let mid = r.period.start();
                    let year = f64::from(mid.year()) + f64::from(mid.day_of_year() - 1) / 365.25;
                    points.push((year, v));
                    series.push((r.period, v));
                }
            }
            ContextProgress {
                id: c.id.clone(),
                label: c.label.clone(),
                series,
                target: c.target.as_ref().map(|t| (t.value, t.year)),
                class: progress::classify(c, &points),
                percent: c.kind == crate::model::IndicatorKind::Percent,
            }
        })
        .collect()
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
/// plan's first day; the as-of date itself when the plan has not started on it (a period
/// nobody asked for never ends before it begins).
pub fn default_since(settings: &Settings, as_of: Date) -> (Date, SinceFrom) {
    match settings
        .copil_dates()
        .into_iter()
        .rev()
        .find(|d| *d < as_of)
    {
        Some(d) => (d, SinceFrom::Copil),
        None if settings.period_start() > as_of => (as_of, SinceFrom::NotStarted),
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
    let covered = Covered {
        since,
        as_of,
        plan_start: settings.period_start(),
    };
    let found = changes(plan, readings, covered);
    let attention = decisions(&rows);
    Digest {
        title: settings.plan.title.clone(),
        as_of,
        since,
        since_from,
        plan_start: settings.period_start(),
        figures: key_figures(plan, settings, &rows),
        context: context(plan, readings, as_of),
        changes: found.changes,
        baselines: found.baselines,
        late: attention.late,
        due_no_state: attention.due_no_state,
        due_planned: attention.due_planned,
        missing_readings: missing_readings(plan, readings, settings, &rows, as_of),
        ministries: ministries(plan, &rows, &found.new_readings_of),
        unnamed_ministries: super::ministries::unnamed(plan),
        charts: charts(plan, &rows, settings),
        rollup: super::targets::rollup(plan, readings, as_of),
        completeness: super::due::summary(
            &super::due::build(plan, readings, settings, as_of),
            plan,
        ),
    }
}

/// The key figures: the whole plan, then each lever.
fn key_figures(plan: &Plan, settings: &Settings, rows: &[Row]) -> Vec<Figures> {
    let all: Vec<&Row> = rows.iter().collect();
    let mut figs = vec![figures("", &settings.plan.title, &all)];
    for l in &plan.levers {
        let rs: Vec<&Row> = rows.iter().filter(|r| r.lever == l.code).collect();
        figs.push(figures(&l.code, &l.title, &rs));
    }
    figs
}

/// The period a digest covers, and the plan's first day (readings of earlier periods are
/// baselines).
#[derive(Clone, Copy)]
struct Covered {
    since: Date,
    as_of: Date,
    plan_start: Date,
}

impl Covered {
    fn holds(self, d: Date) -> bool {
        d > self.since && d <= self.as_of
    }
}

/// What the covered period brought: changes action by action, baselines apart, and how
/// many new readings (baselines not counted) each action got.
struct Found {
    changes: Vec<Change>,
    baselines: Vec<Change>,
    new_readings_of: Vec<usize>,
}

/// What changed: state entries dated, and readings recorded, in (since, as_of]. A reading
/// of a period that ended before the plan began is a baseline: listed apart, never as a
/// change.
fn changes(plan: &Plan, readings: &Readings, covered: Covered) -> Found {
    let mut found = Found {
        changes: Vec::new(),
        baselines: Vec::new(),
        new_readings_of: vec![0; plan.actions.len()],
    };
    for (i, a) in plan.actions.iter().enumerate() {
        let states: Vec<StateEntry> = a
            .states
            .iter()
            .filter(|e| covered.holds(e.date))
            .cloned()
            .collect();
        let (base, news): (Vec<NewReading>, Vec<NewReading>) = recorded_in(readings, a, i, covered)
            .into_iter()
            .partition(|r| r.baseline);
        found.new_readings_of[i] = news.len();
        let change = |states: Vec<StateEntry>, readings: Vec<NewReading>| Change {
            code: a.code.to_string(),
            action: first_line(&a.action),
            responsible: a.responsible.clone(),
            states,
            readings,
        };
        if !base.is_empty() {
            found.baselines.push(change(Vec::new(), base));
        }
        if !states.is_empty() || !news.is_empty() {
            found.changes.push(change(states, news));
        }
    }
    found
}

/// The readings of action `i` recorded in the covered period.
fn recorded_in(
    readings: &Readings,
    a: &crate::model::Action,
    i: usize,
    covered: Covered,
) -> Vec<NewReading> {
    let mut news = Vec::new();
    for (j, ind) in a.indicators.iter().enumerate() {
        for r in readings.of(Owner::action(i), crate::model::index32(j)) {
            if r.recorded.is_some_and(|d| covered.holds(d)) {
                news.push(NewReading {
                    indicator: ind.id.clone(),
                    label: ind.label.clone(),
                    kind: ind.kind,
                    period: r.period,
                    value: readings.figure(r.value()),
                    source: readings.strings.get(r.source).to_string(),
                    replaces: r.replaces().map(|s| readings.strings.get(s).to_string()),
                    baseline: super::is_baseline(r.period, covered.plan_start),
                });
            }
        }
    }
    news
}

fn attention(r: &Row, with_reason: bool, indicators: Vec<(String, String)>) -> Attention {
    Attention {
        code: r.code.clone(),
        action: first_line(&r.action),
        responsible: r.responsible.clone(),
        calendar: r.calendar.clone(),
        why: with_reason.then(|| r.assessment.why.clone()),
        indicators,
    }
}

/// The actions that need a decision, by what pan knows of them.
struct Decisions {
    late: Vec<Attention>,
    due_no_state: Vec<Attention>,
    due_planned: Vec<Attention>,
}

/// Late actions, and those due this year whose recorded state shows no progress: none
/// declared, or declared planned. pan never says "not started" of an action without a
/// recorded state: it cannot know.
fn decisions(rows: &[Row]) -> Decisions {
    let of = |keep: &dyn Fn(&Row) -> bool| -> Vec<Attention> {
        rows.iter()
            .filter(|r| keep(r))
            .map(|r| attention(r, true, vec![]))
            .collect()
    };
    let due = |r: &Row, s: StateFilter| r.assessment.health == Health::Due && r.state == s;
    Decisions {
        late: of(&|r| r.assessment.health == Health::Late),
        due_no_state: of(&|r| due(r, StateFilter::Unrecorded)),
        due_planned: of(&|r| due(r, StateFilter::Planned)),
    }
}

/// Actions under way whose indicators have no reading in the stale window.
fn missing_readings(
    plan: &Plan,
    readings: &Readings,
    settings: &Settings,
    rows: &[Row],
    as_of: Date,
) -> Vec<Attention> {
    let cutoff = jiff::Span::new()
        .try_days(i64::from(settings.health.stale_after_days))
        .ok()
        .and_then(|window| as_of.checked_sub(window).ok())
        .unwrap_or(Date::MIN);
    let mut missing = Vec::new();
    for (i, (a, r)) in plan.actions.iter().zip(rows).enumerate() {
        if matches!(r.assessment.health, Health::Done | Health::Cancelled)
            || a.calendar.start_date(settings.period_start()) > as_of
        {
            continue;
        }
        let ids: Vec<(String, String)> = a
            .indicators
            .iter()
            .enumerate()
            .filter(|(j, _)| {
                let recent = readings
                    .effective_of(Owner::action(i), crate::model::index32(*j), as_of)
                    .iter()
                    .any(|x| x.period.end() >= cutoff);
                !recent
            })
            .map(|(_, ind)| (ind.id.clone(), ind.label.clone()))
            .collect();
        if !ids.is_empty() {
            missing.push(attention(r, false, ids));
        }
    }
    missing
}

/// One line per ministry carrying actions, then (acronym empty) the actions whose
/// responsible actors belong to no ministry, as the site lists them.
fn ministries(plan: &Plan, rows: &[Row], new_readings_of: &[usize]) -> Vec<MinistryLine> {
    let line = |acronym: &str, name: &str, idx: Vec<usize>| MinistryLine {
        acronym: acronym.to_string(),
        name: name.to_string(),
        carried: idx.len(),
        by_health: Counts::of(rows, idx.iter().copied()),
        with_new_readings: idx
            .iter()
            .filter(|&&i| new_readings_of.get(i).is_some_and(|n| *n > 0))
            .count(),
    };
    let mut ministries: Vec<MinistryLine> = plan
        .ministries()
        .map(|m| {
            let idx: Vec<usize> = rows
                .iter()
                .enumerate()
                .filter(|(_, r)| r.ministries.contains(&m.acronym))
                .map(|(i, _)| i)
                .collect();
            line(&m.acronym, &m.name, idx)
        })
        .filter(|m| m.carried > 0)
        .collect();
    let unassigned = super::ministries::unassigned(rows);
    if !unassigned.is_empty() {
        ministries.push(line("", "", unassigned));
    }
    ministries
}

/// How an action's published calendar dates it in a chart, if it does: its first and last
/// day, and how they were found. Calendars without a published date (no calendar, another
/// strategy's schedule, "Action continue", "Tous les 2 ans") are not dated.
pub fn dated(a: &crate::model::Action, settings: &Settings) -> Option<(Date, Date, TaskSpan)> {
    let c = &a.calendar;
    let plan_end = settings.period_end();
    match (c.shape(), c.start, c.end) {
        (Shape::Dependent | Shape::Unspecified, _, _) => None,
        (Shape::Bounded, start, Some(end)) => {
            let first = start.unwrap_or(end).start();
            Some((first, end.end().max(first), TaskSpan::Bounded))
        }
        (Shape::Continuous, None, Some(m)) => Some((m.end(), m.end(), TaskSpan::Milestone)),
        (_, Some(start), None) => Some((
            start.start(),
            plan_end.max(start.start()),
            TaskSpan::ToPlanEnd,
        )),
        (_, Some(start), Some(end)) => Some((
            start.start(),
            end.end().max(start.start()),
            TaskSpan::Bounded,
        )),
        _ => None,
    }
}

/// The calendar charts: one per lever, split by objectives when a lever has more than
/// [`MAX_TASKS`] dated actions; undated actions are listed, never drawn.
pub fn charts(plan: &Plan, rows: &[Row], settings: &Settings) -> Vec<Chart> {
    let mut out = Vec::new();
    for l in &plan.levers {
        let mut by_objective: BTreeMap<(u16, String), Vec<Task>> = BTreeMap::new();
        let mut undated = Vec::new();
        for (a, r) in plan.actions.iter().zip(rows) {
            if r.lever != l.code {
                continue;
            }
            let text = first_line(&a.action);
            let Some((start, end, span)) = dated(a, settings) else {
                undated.push(Undated {
                    code: r.code.clone(),
                    text,
                    calendar: a.calendar.label.clone(),
                });
                continue;
            };
            let status = match (r.assessment.health, r.state) {
                (Health::Done, _) => TaskStatus::Done,
                (Health::Late, _) => TaskStatus::Late,
                (_, StateFilter::InProgress) => TaskStatus::InProgress,
                _ => TaskStatus::Other,
            };
            by_objective
                .entry((a.code.objective(), r.objective.clone()))
                .or_default()
                .push(Task {
                    code: r.code.clone(),
                    action: a.code,
                    text,
                    objective: r.objective.clone(),
                    start,
                    end,
                    span,
                    status,
                });
        }
        // Fill charts objective by objective, starting a new part when one would overflow.
        let mut parts: Vec<Vec<Task>> = vec![Vec::new()];
        for (_, tasks) in by_objective {
            let last = parts.len() - 1;
            if !parts[last].is_empty() && parts[last].len() + tasks.len() > MAX_TASKS {
                parts.push(tasks);
            } else {
                parts[last].extend(tasks);
            }
        }
        parts.retain(|p| !p.is_empty());
        if parts.is_empty() && !undated.is_empty() {
            parts.push(Vec::new());
        }
        let n = parts.len();
        for (i, tasks) in parts.into_iter().enumerate() {
            out.push(Chart {
                lever: l.code.clone(),
                title: l.title.clone(),
                part: (i + 1, n),
                tasks,
                undated: if i == 0 {
                    std::mem::take(&mut undated)
                } else {
                    Vec::new()
                },
            });
        }
    }
    out
}
