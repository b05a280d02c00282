//! The status report: which actions of a lever, ministry or year are on track, late or
//! without data, as of a date, with filters and groups.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use super::health::{self, Assessment, Health};
use crate::config::Settings;
use crate::model::calendar::Shape;
use crate::model::{Action, ActorKind, Plan, Readings, State};

/// The recorded state, or its absence, as a filter value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum StateFilter {
    /// No state recorded yet.
    Unrecorded,
    /// Planned.
    Planned,
    /// In progress.
    #[value(name = "in_progress", alias = "in-progress")]
    InProgress,
    /// Done.
    Done,
    /// Suspended.
    Suspended,
    /// Cancelled.
    Cancelled,
}

impl StateFilter {
    fn of(state: Option<State>) -> StateFilter {
        match state {
            None => StateFilter::Unrecorded,
            Some(State::Planned) => StateFilter::Planned,
            Some(State::InProgress) => StateFilter::InProgress,
            Some(State::Done) => StateFilter::Done,
            Some(State::Suspended) => StateFilter::Suspended,
            Some(State::Cancelled) => StateFilter::Cancelled,
        }
    }

    /// The spelling for people.
    pub fn label(self) -> &'static str {
        match self {
            StateFilter::Unrecorded => "—",
            StateFilter::Planned => "planned",
            StateFilter::InProgress => "in progress",
            StateFilter::Done => "done",
            StateFilter::Suspended => "suspended",
            StateFilter::Cancelled => "cancelled",
        }
    }
}

/// How to group the actions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum GroupBy {
    /// By lever (A–F).
    Lever,
    /// By objective (A-1 …).
    Objective,
    /// By ministry of the responsible actors (an action of two ministries is in both).
    Ministry,
    /// By calendar: ends in 2026, …, continuous, open-ended, recurring, dependent.
    Calendar,
    /// By recorded state.
    State,
    /// By derived health.
    Health,
}

/// Which actions to include; every filter given must match (values within one filter are
/// alternatives).
#[derive(Clone, Debug, Default)]
pub struct Filters {
    /// Lever letters.
    pub levers: Vec<String>,
    /// Objective codes.
    pub objectives: Vec<String>,
    /// Ministries (an agency counts for its ministry).
    pub ministries: Vec<String>,
    /// Actors, exactly, as responsible or partner (acronym or alias).
    pub actors: Vec<String>,
    /// Active in this year.
    pub year: Option<i16>,
    /// Recorded states.
    pub states: Vec<StateFilter>,
    /// Derived health.
    pub healths: Vec<Health>,
    /// Text to find in the code, text, objective, indicators or actors (ignoring case and
    /// accents).
    pub search: Option<String>,
}

/// Why a filter value is not valid: the value and the valid ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterError(pub String);

impl std::fmt::Display for FilterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for FilterError {}

impl Filters {
    /// Check every value against the plan; unknown values are errors listing the valid ones.
    pub fn check(&self, plan: &Plan) -> Result<(), FilterError> {
        let list = |v: Vec<&str>| v.join(", ");
        for l in &self.levers {
            if plan.lever(l).is_none() {
                return Err(FilterError(format!(
                    "unknown lever `{l}`; levers: {}",
                    list(plan.levers.iter().map(|l| l.code.as_str()).collect())
                )));
            }
        }
        for o in &self.objectives {
            if plan.objective(o).is_none() {
                let all: Vec<&str> = plan
                    .levers
                    .iter()
                    .flat_map(|l| l.objectives.iter().map(|o| o.code.as_str()))
                    .collect();
                return Err(FilterError(format!(
                    "unknown objective `{o}`; objectives: {}",
                    list(all)
                )));
            }
        }
        for m in &self.ministries {
            if plan.actor(m).is_none_or(|a| a.kind != ActorKind::Ministry) {
                return Err(FilterError(format!(
                    "`{m}` is not a ministry; ministries: {}",
                    list(plan.ministries().map(|a| a.acronym.as_str()).collect())
                )));
            }
        }
        for a in &self.actors {
            if plan.resolve_actor(a).is_none()
                && !plan
                    .actions
                    .iter()
                    .any(|x| x.responsible.contains(a) || x.partners.contains(a))
            {
                let names: Vec<&str> = plan.actors.iter().map(|a| a.acronym.as_str()).collect();
                let near = crate::text::suggest(a, &names);
                return Err(FilterError(match near {
                    Some(n) => format!(
                        "unknown actor `{a}`; did you mean `{n}`? (`pan export` lists every actor)"
                    ),
                    None => format!("unknown actor `{a}`; actors: {}", list(names)),
                }));
            }
        }
        Ok(())
    }

    fn matches(&self, plan: &Plan, a: &Action, row: &Row, settings: &Settings) -> bool {
        let code = a.code;
        if !self.levers.is_empty() && !self.levers.iter().any(|l| *l == code.lever_code()) {
            return false;
        }
        if !self.objectives.is_empty() && !self.objectives.contains(&a.objective) {
            return false;
        }
        if !self.ministries.is_empty()
            && !row.ministries.iter().any(|m| self.ministries.contains(m))
        {
            return false;
        }
        if !self.actors.is_empty() {
            let canon = |s: &str| {
                plan.resolve_actor(s)
                    .map(|x| x.acronym.clone())
                    .unwrap_or_else(|| s.to_string())
            };
            let wanted: Vec<String> = self.actors.iter().map(|s| canon(s)).collect();
            if !a
                .responsible
                .iter()
                .chain(&a.partners)
                .any(|x| wanted.contains(&canon(x)))
            {
                return false;
            }
        }
        if let Some(y) = self.year
            && !a.calendar.active_in_year(y, settings.period_start())
        {
            return false;
        }
        if !self.states.is_empty() && !self.states.contains(&row.state) {
            return false;
        }
        if !self.healths.is_empty() && !self.healths.contains(&row.assessment.health) {
            return false;
        }
        if let Some(q) = &self.search {
            let q = crate::text::fold(q);
            let objective = plan
                .objective(&a.objective)
                .map(|(_, o)| o.title.as_str())
                .unwrap_or("");
            let hay = [code.to_string(), a.action.clone(), objective.to_string()]
                .into_iter()
                .chain(a.indicators.iter().map(|i| i.label.clone()))
                .chain(a.responsible.iter().cloned())
                .chain(a.partners.iter().cloned());
            if !hay.into_iter().any(|h| crate::text::fold(&h).contains(&q)) {
                return false;
            }
        }
        true
    }
}

/// The latest reading of one indicator, compactly.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Latest {
    /// Indicator id.
    pub indicator: String,
    /// Period of the reading.
    pub period: String,
    /// Value, for people.
    pub value: String,
}

/// One action in the status report.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    /// Code.
    pub code: String,
    /// Lever letter.
    pub lever: String,
    /// Objective code.
    pub objective: String,
    /// Full text.
    pub action: String,
    /// Responsible actors.
    pub responsible: Vec<String>,
    /// Their ministries.
    pub ministries: Vec<String>,
    /// Calendar as published.
    pub calendar: String,
    /// Calendar bucket (for grouping).
    pub calendar_group: String,
    #[serde(skip)]
    calendar_order: (u8, i16),
    /// Recorded state in effect on the as-of date.
    pub state: StateFilter,
    /// Date of that state entry.
    pub state_date: Option<String>,
    /// Derived health and why.
    #[serde(flatten)]
    pub assessment: Assessment,
    /// Latest reading of each indicator that has one.
    pub latest: Vec<Latest>,
}

/// A group of rows.
#[derive(Clone, Debug, Serialize)]
pub struct Group {
    /// Key (lever letter, objective code, ministry, …).
    pub key: String,
    /// Title for people.
    pub title: String,
    /// Index of each row in [`StatusReport::rows`].
    pub rows: Vec<usize>,
    /// Number of actions per health.
    pub counts: BTreeMap<&'static str, usize>,
}

/// The whole status report.
#[derive(Clone, Debug, Serialize)]
pub struct StatusReport {
    /// The as-of date.
    pub as_of: String,
    /// Matching actions, in code order.
    pub rows: Vec<Row>,
    /// Groups, when grouping was asked for.
    pub groups: Vec<Group>,
    /// Number of actions per health, over all rows.
    pub totals: BTreeMap<&'static str, usize>,
}

/// The calendar bucket of an action: its order and its label.
pub fn calendar_bucket(a: &Action, settings: &Settings) -> ((u8, i16), String) {
    let c = &a.calendar;
    match c.shape() {
        Shape::Bounded => {
            let y = c.deadline().map(|d| d.year()).unwrap_or(settings.plan.end);
            if y < settings.plan.start {
                ((0, y), format!("ended before {}", settings.plan.start))
            } else if y > settings.plan.end {
                ((2, 0), format!("ends after {}", settings.plan.end))
            } else {
                ((1, y), format!("ends in {y}"))
            }
        }
        Shape::Continuous => ((3, 0), "continuous".into()),
        Shape::OpenEnded => ((4, 0), "open-ended (from a start date)".into()),
        Shape::Recurring => ((5, 0), "recurring".into()),
        Shape::Dependent => ((6, 0), "depends on another strategy".into()),
        Shape::Unspecified => ((7, 0), "no calendar published".into()),
    }
}

fn count(rows: &[Row], idx: impl Iterator<Item = usize>) -> BTreeMap<&'static str, usize> {
    let mut m = BTreeMap::new();
    for i in idx {
        *m.entry(rows[i].assessment.health.as_str()).or_insert(0) += 1;
    }
    m
}

/// Build a row for every action (no filtering).
pub fn rows(plan: &Plan, readings: &Readings, settings: &Settings, as_of: Date) -> Vec<Row> {
    let by_action = health::readings_by_action(plan, readings);
    plan.actions
        .iter()
        .zip(&by_action)
        .map(|(a, rs)| {
            let assessment = health::assess(a, rs, settings, as_of);
            let entry = a.states.iter().take_while(|e| e.date <= as_of).last();
            let latest = a
                .indicators
                .iter()
                .zip(rs)
                .filter_map(|(ind, rs)| {
                    let r = rs.iter().rfind(|r| {
                        r.period.start() <= as_of && r.recorded.is_none_or(|d| d <= as_of)
                    })?;
                    Some(Latest {
                        indicator: ind.id.clone(),
                        period: r.period.to_string(),
                        value: readings.display_value(r.value, ind.kind),
                    })
                })
                .collect();
            let (calendar_order, calendar_group) = calendar_bucket(a, settings);
            Row {
                code: a.code.to_string(),
                lever: a.code.lever_code(),
                objective: a.objective.clone(),
                action: a.action.clone(),
                responsible: a.responsible.clone(),
                ministries: plan.ministries_of(a),
                calendar: a.calendar.label.clone(),
                calendar_group,
                calendar_order,
                state: StateFilter::of(entry.map(|e| e.state)),
                state_date: entry.map(|e| e.date.to_string()),
                assessment,
                latest,
            }
        })
        .collect()
}

/// Build the status report.
pub fn build(
    plan: &Plan,
    readings: &Readings,
    settings: &Settings,
    as_of: Date,
    filters: &Filters,
    group_by: Option<GroupBy>,
) -> StatusReport {
    let all = rows(plan, readings, settings, as_of);
    let rows: Vec<Row> = plan
        .actions
        .iter()
        .zip(all)
        .filter(|(a, r)| filters.matches(plan, a, r, settings))
        .map(|(_, r)| r)
        .collect();
    let groups = match group_by {
        None => Vec::new(),
        Some(g) => group(plan, &rows, g, filters),
    };
    let totals = count(&rows, 0..rows.len());
    StatusReport {
        as_of: as_of.to_string(),
        rows,
        groups,
        totals,
    }
}

fn group(plan: &Plan, rows: &[Row], by: GroupBy, filters: &Filters) -> Vec<Group> {
    // (order key, key) -> (title, rows)
    let mut map: BTreeMap<(String, String), (String, Vec<usize>)> = BTreeMap::new();
    let mut put = |order: String, key: String, title: String, i: usize| {
        map.entry((order, key))
            .or_insert_with(|| (title, Vec::new()))
            .1
            .push(i);
    };
    let lever_pos = |l: &str| {
        plan.levers
            .iter()
            .position(|x| x.code == l)
            .unwrap_or(usize::MAX)
    };
    for (i, r) in rows.iter().enumerate() {
        match by {
            GroupBy::Lever => {
                let title = plan
                    .lever(&r.lever)
                    .map(|l| format!("{} — {}", l.code, l.title))
                    .unwrap_or_else(|| r.lever.clone());
                put(
                    format!("{:04}", lever_pos(&r.lever)),
                    r.lever.clone(),
                    title,
                    i,
                );
            }
            GroupBy::Objective => {
                let (l, n) =
                    crate::model::code::parse_objective_code(&r.objective).unwrap_or(('?', 0));
                let title = plan
                    .objective(&r.objective)
                    .map(|(_, o)| format!("{} — {}", o.code, o.title))
                    .unwrap_or_else(|| r.objective.clone());
                put(
                    format!("{:04}-{n:04}", lever_pos(&l.to_string())),
                    r.objective.clone(),
                    title,
                    i,
                );
            }
            GroupBy::Ministry => {
                let ministries: Vec<&String> = if filters.ministries.is_empty() {
                    r.ministries.iter().collect()
                } else {
                    r.ministries
                        .iter()
                        .filter(|m| filters.ministries.contains(m))
                        .collect()
                };
                if ministries.is_empty() {
                    put(
                        "9999".into(),
                        "—".into(),
                        "no responsible ministry".into(),
                        i,
                    );
                }
                for m in ministries {
                    let pos = plan
                        .ministries()
                        .position(|a| a.acronym == *m)
                        .unwrap_or(9998);
                    let title = plan
                        .actor(m)
                        .map(|a| format!("{} — {}", a.acronym, a.name))
                        .unwrap_or_else(|| m.clone());
                    put(format!("{pos:04}"), m.clone(), title, i);
                }
            }
            GroupBy::Calendar => {
                let (o, y) = r.calendar_order;
                put(
                    format!("{o}-{y:05}"),
                    r.calendar_group.clone(),
                    r.calendar_group.clone(),
                    i,
                );
            }
            GroupBy::State => {
                put(
                    format!("{:?}", r.state as u8),
                    r.state.label().to_string(),
                    format!("state: {}", r.state.label()),
                    i,
                );
            }
            GroupBy::Health => {
                let h = r.assessment.health;
                put(
                    format!("{}", h as u8),
                    h.as_str().to_string(),
                    format!("health: {}", h.label()),
                    i,
                );
            }
        }
    }
    map.into_iter()
        .map(|((_, key), (title, idx))| Group {
            counts: count(rows, idx.iter().copied()),
            key,
            title,
            rows: idx,
        })
        .collect()
}
