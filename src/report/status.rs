//! The status report: which actions of a lever, ministry or year are on track, late or
//! without data, as of a date, with filters and groups.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use super::health::{self, ActionReadings, Assessment, Health};
use crate::config::Settings;
use crate::model::calendar::Shape;
use crate::model::reading::Figure;
use crate::model::{Action, IndicatorKind, Period, Plan, Readings, State};

/// The recorded state, or its absence, as a filter value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StateFilter {
    /// No state recorded yet.
    Unrecorded,
    /// Planned.
    Planned,
    /// In progress.
    InProgress,
    /// Done.
    Done,
    /// Suspended.
    Suspended,
    /// Cancelled.
    Cancelled,
}

impl StateFilter {
    /// Every value, in the order of the plan's life.
    pub const ALL: [StateFilter; 6] = [
        StateFilter::Unrecorded,
        StateFilter::Planned,
        StateFilter::InProgress,
        StateFilter::Done,
        StateFilter::Suspended,
        StateFilter::Cancelled,
    ];

    /// The state in effect, or its absence.
    pub fn of(state: Option<State>) -> StateFilter {
        match state {
            None => StateFilter::Unrecorded,
            Some(State::Planned) => StateFilter::Planned,
            Some(State::InProgress) => StateFilter::InProgress,
            Some(State::Done) => StateFilter::Done,
            Some(State::Suspended) => StateFilter::Suspended,
            Some(State::Cancelled) => StateFilter::Cancelled,
        }
    }

    /// The spelling of files, the command line and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            StateFilter::Unrecorded => "unrecorded",
            StateFilter::Planned => "planned",
            StateFilter::InProgress => "in_progress",
            StateFilter::Done => "done",
            StateFilter::Suspended => "suspended",
            StateFilter::Cancelled => "cancelled",
        }
    }
}

/// How to group the actions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

impl Filters {
    /// Whether an action could be among those these filters select, as far as its code
    /// tells: its lever and objective. The other filters need the action itself.
    pub fn could_hold(&self, code: crate::model::ActionCode) -> bool {
        (self.levers.is_empty() || self.levers.contains(&code.lever_code()))
            && (self.objectives.is_empty() || self.objectives.contains(&code.objective_code()))
    }

    /// Whether a filter other than lever and objective is given.
    pub fn beyond_code(&self) -> bool {
        !(self.ministries.is_empty()
            && self.actors.is_empty()
            && self.year.is_none()
            && self.states.is_empty()
            && self.healths.is_empty()
            && self.search.is_none())
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

/// The latest reading of one indicator known on the as-of date.
#[derive(Clone, Debug, PartialEq)]
pub struct Latest {
    /// Indicator id.
    pub indicator: String,
    /// Indicator label, as published.
    pub label: String,
    /// Kind of the indicator (how its value reads).
    pub kind: IndicatorKind,
    /// Period of the reading.
    pub period: Period,
    /// Value.
    pub value: Figure,
    /// For a flow (readings that add up), the sum of its readings known on the as-of date
    /// and the periods it covers, when there are several that do not overlap. Never for a
    /// level: a stock is not added up.
    pub total: Option<(f64, Period, Period)>,
}

/// The total of a flow indicator's readings (in effect, known on `as_of`): their sum, first
/// and last period, when they are numbers for at least two periods that do not overlap.
pub fn flow_total(
    ind: &crate::model::Indicator,
    rs: &[&crate::model::Reading],
    as_of: Date,
) -> Option<(f64, Period, Period)> {
    if ind.measure() != crate::model::Measure::Flow {
        return None;
    }
    let mut known: Vec<&crate::model::Reading> =
        rs.iter().copied().filter(|r| r.known_on(as_of)).collect();
    if known.len() < 2 {
        return None;
    }
    known.sort_by_key(|r| (r.period.start(), r.period.end()));
    let mut values = Vec::with_capacity(known.len());
    for (i, r) in known.iter().enumerate() {
        if i > 0 && r.period.start() <= known[i - 1].period.end() {
            return None; // overlapping periods (2025 and 2025-H1) would count twice
        }
        match r.value() {
            crate::model::Value::Number(n) => values.push(n),
            _ => return None,
        }
    }
    // Added exactly, as decimals: shown as the readings say, or not at all.
    let sum = crate::model::reading::exact_sum(values)?;
    Some((sum, known[0].period, known[known.len() - 1].period))
}

/// Where an action's calendar puts it, for grouping and charts: the calendar's shape,
/// with the deadline's year for bounded calendars. Ordered as listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Bucket {
    /// Bounded, with a deadline before the plan period (the year the plan starts).
    EndedBefore(i16),
    /// Bounded, with a deadline in this year of the plan period.
    EndsIn(i16),
    /// Bounded, with a deadline after the plan period (the year the plan ends).
    EndsAfter(i16),
    /// Continuous.
    Continuous,
    /// From a start date, without end.
    OpenEnded,
    /// Recurring.
    Recurring,
    /// Following another strategy's schedule.
    Dependent,
    /// No calendar published.
    Unspecified,
}

/// One action in the status report.
#[derive(Clone, Debug)]
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
    pub bucket: Bucket,
    /// Recorded state in effect on the as-of date.
    pub state: StateFilter,
    /// Date of that state entry.
    pub state_date: Option<Date>,
    /// Derived health and why.
    pub assessment: Assessment,
    /// Latest reading of each indicator that has one.
    pub latest: Vec<Latest>,
    /// Whether the action has indicators at all.
    pub has_indicators: bool,
}

/// What a group gathers.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum GroupKey {
    /// A lever, by its code.
    Lever(String),
    /// An objective, by its code.
    Objective(String),
    /// A ministry, by its acronym.
    Ministry(String),
    /// Actions whose responsible actors belong to no ministry.
    NoMinistry,
    /// A calendar bucket.
    Calendar(Bucket),
    /// A recorded state.
    State(StateFilter),
    /// A derived health.
    Health(Health),
}

/// A group of rows.
#[derive(Clone, Debug)]
pub struct Group {
    /// What the group gathers.
    pub key: GroupKey,
    /// Index of each row in [`StatusReport::rows`].
    pub rows: Vec<usize>,
    /// Number of actions per health, in [`Health::ALL`] order.
    pub counts: Counts,
}

/// Number of actions per health.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts(pub BTreeMap<Health, usize>);

impl Counts {
    /// Count the health of the rows at `idx`.
    pub fn of(rows: &[Row], idx: impl Iterator<Item = usize>) -> Counts {
        let mut m = BTreeMap::new();
        for i in idx {
            *m.entry(rows[i].assessment.health).or_insert(0) += 1;
        }
        Counts(m)
    }
}

/// The whole status report.
#[derive(Clone, Debug)]
pub struct StatusReport {
    /// The as-of date.
    pub as_of: Date,
    /// Matching actions, in code order.
    pub rows: Vec<Row>,
    /// Groups, when grouping was asked for.
    pub groups: Vec<Group>,
    /// Number of actions per health, over all rows.
    pub totals: Counts,
}

/// The calendar bucket of an action.
pub fn bucket(a: &Action, settings: &Settings) -> Bucket {
    let c = &a.calendar;
    match c.shape() {
        Shape::Bounded => {
            let y = c.deadline().map(|d| d.year()).unwrap_or(settings.plan.end);
            if y < settings.plan.start {
                Bucket::EndedBefore(settings.plan.start)
            } else if y > settings.plan.end {
                Bucket::EndsAfter(settings.plan.end)
            } else {
                Bucket::EndsIn(y)
            }
        }
        Shape::Continuous => Bucket::Continuous,
        Shape::OpenEnded => Bucket::OpenEnded,
        Shape::Recurring => Bucket::Recurring,
        Shape::Dependent => Bucket::Dependent,
        Shape::Unspecified => Bucket::Unspecified,
    }
}

/// The latest reading of each indicator known on `as_of` (see [`Reading::known_on`]),
/// "latest" meaning the period that ends last, then the one recorded last.
pub fn latest(a: &Action, rs: &ActionReadings, readings: &Readings, as_of: Date) -> Vec<Latest> {
    a.indicators
        .iter()
        .zip(rs)
        .filter_map(|(ind, rs)| {
            let r = crate::model::reading::latest(rs.iter().copied(), as_of)?;
            Some(Latest {
                indicator: ind.id.clone(),
                label: ind.label.clone(),
                kind: ind.kind,
                period: r.period,
                value: readings.figure(r.value()),
                total: flow_total(ind, rs, as_of),
            })
        })
        .collect()
}

/// Build a row for every action (no filtering).
pub fn rows(plan: &Plan, readings: &Readings, settings: &Settings, as_of: Date) -> Vec<Row> {
    // One action's readings at a time, never every action's at once.
    plan.actions
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let rs = &health::readings_of_action(plan, readings, i, as_of);
            let assessment = health::assess(a, rs, settings, as_of);
            let entry = a.states.iter().take_while(|e| e.date <= as_of).last();
            Row {
                code: a.code.to_string(),
                lever: a.code.lever_code(),
                objective: a.objective.clone(),
                action: a.action.clone(),
                responsible: a.responsible.clone(),
                ministries: plan.ministries_of(a),
                calendar: a.calendar.label.clone(),
                bucket: bucket(a, settings),
                state: StateFilter::of(entry.map(|e| e.state)),
                state_date: entry.map(|e| e.date),
                assessment,
                latest: latest(a, rs, readings, as_of),
                has_indicators: !a.indicators.is_empty(),
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
    let totals = Counts::of(&rows, 0..rows.len());
    StatusReport {
        as_of,
        rows,
        groups,
        totals,
    }
}

/// The ministries an action is grouped under: its ministries, or only the filtered ones.
fn ministries_for<'r>(r: &'r Row, filters: &Filters) -> Vec<&'r String> {
    r.ministries
        .iter()
        .filter(|m| filters.ministries.is_empty() || filters.ministries.contains(m))
        .collect()
}

fn group(plan: &Plan, rows: &[Row], by: GroupBy, filters: &Filters) -> Vec<Group> {
    // Groups in plan order: levers, objectives and ministries as declared; the rest by key.
    let lever_pos = |l: &str| {
        plan.levers
            .iter()
            .position(|x| x.code == l)
            .unwrap_or(usize::MAX)
    };
    let objective_pos = |o: &str| {
        plan.levers
            .iter()
            .flat_map(|l| &l.objectives)
            .position(|x| x.code == o)
            .unwrap_or(usize::MAX)
    };
    let ministry_pos = |m: &str| {
        plan.ministries()
            .position(|a| a.acronym == m)
            .unwrap_or(usize::MAX - 1)
    };
    let mut map: BTreeMap<(usize, GroupKey), Vec<usize>> = BTreeMap::new();
    for (i, r) in rows.iter().enumerate() {
        let keys: Vec<(usize, GroupKey)> = match by {
            GroupBy::Lever => vec![(lever_pos(&r.lever), GroupKey::Lever(r.lever.clone()))],
            GroupBy::Objective => vec![(
                objective_pos(&r.objective),
                GroupKey::Objective(r.objective.clone()),
            )],
            GroupBy::Ministry => {
                let ms = ministries_for(r, filters);
                if ms.is_empty() {
                    vec![(usize::MAX, GroupKey::NoMinistry)]
                } else {
                    ms.into_iter()
                        .map(|m| (ministry_pos(m), GroupKey::Ministry(m.clone())))
                        .collect()
                }
            }
            GroupBy::Calendar => vec![(0, GroupKey::Calendar(r.bucket))],
            GroupBy::State => vec![(0, GroupKey::State(r.state))],
            GroupBy::Health => vec![(0, GroupKey::Health(r.assessment.health))],
        };
        for k in keys {
            map.entry(k).or_default().push(i);
        }
    }
    map.into_iter()
        .map(|((_, key), idx)| Group {
            counts: Counts::of(rows, idx.iter().copied()),
            key,
            rows: idx,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Indicator, IndicatorKind, Measure, Owner, Reading, Value};

    fn reading(period: &str, v: f64) -> Reading {
        let mut r = Reading::new(
            Owner::Action(0),
            0,
            period.parse().unwrap(),
            Value::Number(v),
        );
        r.line = 1;
        r
    }

    fn indicator(measure: Option<Measure>) -> Indicator {
        Indicator {
            id: "x".into(),
            label: "x".into(),
            kind: IndicatorKind::Count,
            measure,
            frequency: None,
            breakdowns: vec![],
            targets: Default::default(),
        }
    }

    #[test]
    fn flows_add_up_stocks_never_do() {
        let as_of = jiff::civil::date(2027, 1, 1);
        let (a, b) = (reading("2024", 10.0), reading("2025", 12.0));
        let rs = vec![&a, &b];
        let flow = flow_total(&indicator(None), &rs, as_of);
        assert_eq!(
            flow,
            Some((22.0, "2024".parse().unwrap(), "2025".parse().unwrap()))
        );
        assert_eq!(
            flow_total(&indicator(Some(Measure::Level)), &rs, as_of),
            None
        );
        // Overlapping periods would count twice: no total.
        let h = reading("2025-H1", 5.0);
        assert_eq!(flow_total(&indicator(None), &[&b, &h], as_of), None);
        // What was not yet known is not counted.
        assert_eq!(
            flow_total(&indicator(None), &rs, jiff::civil::date(2024, 6, 1)),
            None
        );
    }

    #[test]
    fn the_latest_reading_is_the_period_that_ends_last() {
        let (year, half) = (reading("2025", 12.0), reading("2025-H1", 5.0));
        let got = crate::model::reading::latest([&year, &half], jiff::civil::date(2026, 1, 1));
        assert_eq!(got.map(|r| r.period), Some("2025".parse().unwrap()));
        let got = crate::model::reading::latest([&half, &year], jiff::civil::date(2026, 1, 1));
        assert_eq!(
            got.map(|r| r.period),
            Some("2025".parse().unwrap()),
            "whatever the order"
        );
    }
}
