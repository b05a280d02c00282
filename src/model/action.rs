//! An action of the plan: what it promises, who carries it, how it is measured, when.

use jiff::civil::Date;

use super::calendar::Calendar;
use super::code::ActionCode;
use super::period::Frequency;

/// What kind of value an indicator's readings hold.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorKind {
    /// A whole number of things, zero or more (participants, sessions).
    Count,
    /// Any number (an amount, an average).
    Number,
    /// A share between 0 and 100.
    Percent,
    /// Something delivered once (a report, a platform): a reading says `done`.
    Deliverable,
    /// A text assessment (feedback, a description).
    Qualitative,
}

impl IndicatorKind {
    /// All kinds, in the order they are documented.
    pub const ALL: [IndicatorKind; 5] = [
        IndicatorKind::Count,
        IndicatorKind::Number,
        IndicatorKind::Percent,
        IndicatorKind::Deliverable,
        IndicatorKind::Qualitative,
    ];

    /// The spelling used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            IndicatorKind::Count => "count",
            IndicatorKind::Number => "number",
            IndicatorKind::Percent => "percent",
            IndicatorKind::Deliverable => "deliverable",
            IndicatorKind::Qualitative => "qualitative",
        }
    }

    /// Parse the spelling used in files.
    pub fn parse(s: &str) -> Option<IndicatorKind> {
        IndicatorKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The measure readings of this kind have unless the indicator says otherwise.
    pub fn default_measure(self) -> Measure {
        match self {
            IndicatorKind::Count => Measure::Flow,
            _ => Measure::Level,
        }
    }
}

/// Whether readings of an indicator add up over periods or replace each other.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Per-period amounts that add up (participants per year).
    Flow,
    /// A level at a point in time; the latest reading is the value (share of the population).
    Level,
}

impl Measure {
    /// The spelling used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Flow => "flow",
            Measure::Level => "level",
        }
    }

    /// Parse the spelling used in files.
    pub fn parse(s: &str) -> Option<Measure> {
        match s {
            "flow" => Some(Measure::Flow),
            "level" => Some(Measure::Level),
            _ => None,
        }
    }
}

/// An indicator or deliverable of an action.
#[derive(Clone, Debug, PartialEq, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Stable identifier, unique within the action (lower-case letters, digits, `-`).
    #[schemars(pattern(r"^[a-z0-9][a-z0-9-]*$"))]
    pub id: String,
    /// The indicator as the plan publishes it.
    pub label: String,
    /// What kind of value its readings hold.
    pub kind: IndicatorKind,
    /// Whether readings add up (`flow`) or the latest counts (`level`); defaults by kind
    /// (count: flow, others: level).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measure: Option<Measure>,
    /// How often a reading is expected (`every:`): `year`, `half-year`, `quarter`, `month`, or `once` for a deliverable due when the
    /// action's calendar ends. Without it, `[readings] every` in `pan.toml` applies.
    #[serde(rename = "every", skip_serializing_if = "Option::is_none")]
    pub frequency: Option<Frequency>,
    /// Dimensions (ids of `plan/dimensions.yaml`) its readings may be broken down by.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub breakdowns: Vec<String>,
    /// Values to reach (at least), by year: `targets: {2026: 12, 2028: 30}`. Only count,
    /// number and percent indicators have them; record only what the plan prints.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    #[schemars(schema_with = "targets_schema")]
    pub targets: std::collections::BTreeMap<i16, f64>,
}

/// The schema of `targets:`: years (four digits) to numbers.
fn targets_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": "object",
        "propertyNames": { "pattern": "^[0-9]{4}$" },
        "additionalProperties": { "type": "number" }
    })
}

impl Indicator {
    /// The measure in effect: the declared one, or the kind's default.
    pub fn measure(&self) -> Measure {
        self.measure.unwrap_or_else(|| self.kind.default_measure())
    }
}

/// A state people record for an action.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Not started yet.
    Planned,
    /// Under way.
    InProgress,
    /// Finished.
    Done,
    /// Paused.
    Suspended,
    /// Abandoned.
    Cancelled,
}

impl State {
    /// All states, in the order they are documented.
    pub const ALL: [State; 5] = [
        State::Planned,
        State::InProgress,
        State::Done,
        State::Suspended,
        State::Cancelled,
    ];

    /// The spelling used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Planned => "planned",
            State::InProgress => "in_progress",
            State::Done => "done",
            State::Suspended => "suspended",
            State::Cancelled => "cancelled",
        }
    }

    /// Parse the spelling used in files (`in-progress` is accepted for `in_progress`).
    pub fn parse(s: &str) -> Option<State> {
        let s = s.replace('-', "_");
        State::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Whether no further state may follow without reopening the action.
    pub fn is_closed(self) -> bool {
        matches!(self, State::Done | State::Cancelled)
    }
}

/// What is wrong with a state entry, given the entry before it: the one rule of state
/// histories, which `pan update` applies before writing and `pan validate` to the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StateProblem {
    /// Dated after today.
    Future,
    /// Dated before the entry before it.
    BeforePrevious(Date),
    /// Follows a done or cancelled entry without `reopened: true`.
    AfterClosed(State, Date),
    /// Says `reopened: true` but the entry before it is not done or cancelled (or there is
    /// none).
    NothingToReopen(Option<State>),
    /// Has no note.
    NoNote,
}

impl StateEntry {
    /// Every problem of this entry after `previous` (the entry before it, if any), as of
    /// `today`.
    pub fn problems(&self, previous: Option<&StateEntry>, today: Date) -> Vec<StateProblem> {
        let mut out = Vec::new();
        if self.date > today {
            out.push(StateProblem::Future);
        }
        if let Some(p) = previous {
            if self.date < p.date {
                out.push(StateProblem::BeforePrevious(p.date));
            }
            if p.state.is_closed() && !self.reopened {
                out.push(StateProblem::AfterClosed(p.state, p.date));
            }
        }
        if self.reopened && !previous.is_some_and(|p| p.state.is_closed()) {
            out.push(StateProblem::NothingToReopen(previous.map(|p| p.state)));
        }
        if self.note.trim().is_empty() {
            out.push(StateProblem::NoNote);
        }
        out
    }
}

/// One dated entry of an action's state history.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StateEntry {
    /// The day the state was reached (YYYY-MM-DD).
    #[schemars(with = "String", pattern(r"^\d{4}-\d{2}-\d{2}$"))]
    pub date: Date,
    /// The state reached.
    pub state: State,
    /// Why, or what happened.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Set on an entry that deliberately reopens a done or cancelled action.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reopened: bool,
}

/// An action of the plan, as its file describes it.
#[derive(Clone, Debug, PartialEq, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// The action's code, e.g. `IN-B-11.02`.
    pub code: ActionCode,
    /// The objective it serves, e.g. `B-11`.
    pub objective: String,
    /// The full text of the action, as published.
    pub action: String,
    /// Acronyms of the responsible actors (see `plan/actors.yaml`).
    pub responsible: Vec<String>,
    /// Other parties involved, as published (acronyms or names).
    #[serde(default)]
    pub partners: Vec<String>,
    /// Indicators and deliverables.
    pub indicators: Vec<Indicator>,
    /// The calendar, as published and as structure.
    pub calendar: Calendar,
    /// State history, oldest first.
    #[serde(default)]
    pub states: Vec<StateEntry>,
}

impl Action {
    /// The latest recorded state entry, if any.
    pub fn last_state(&self) -> Option<&StateEntry> {
        self.states.last()
    }

    /// The state in effect on `date` (the last entry dated on or before it).
    pub fn state_on(&self, date: Date) -> Option<State> {
        self.states
            .iter()
            .take_while(|e| e.date <= date)
            .last()
            .map(|e| e.state)
    }

    /// The indicator with this id.
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }
}
