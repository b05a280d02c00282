//! Readings as rows of text, named by action and indicator: one shape for listings,
//! exports, action cards and diffs.

use serde::Serialize;

use crate::model::{Owner, Plan, Reading, Readings};

/// A reading as text.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ReadingRow {
    /// Action code, or `context` for a context indicator.
    pub action: String,
    /// Indicator id.
    pub indicator: String,
    /// Period.
    pub period: String,
    /// Value (as written, or for people: see [`Values`]).
    pub value: String,
    /// Source.
    pub source: String,
    /// Note.
    pub note: String,
    /// Day recorded.
    pub recorded: Option<String>,
    /// Value this reading corrects.
    pub replaces: Option<String>,
}

/// How values are written in a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Values {
    /// As in the CSV file: `60.1`, `done`.
    Raw,
    /// For people: `60.1 %`.
    Display,
}

/// The row of one reading.
pub fn row(plan: &Plan, readings: &Readings, r: &Reading, values: Values) -> ReadingRow {
    let (action, indicator, kind) = match r.owner {
        Owner::Action(i) => {
            let a = &plan.actions[i as usize];
            let ind = a.indicators.get(r.indicator as usize);
            (
                a.code.to_string(),
                ind.map(|x| x.id.clone()).unwrap_or_default(),
                ind.map(|x| x.kind),
            )
        }
        Owner::Context => {
            let c = plan.context.get(r.indicator as usize);
            (
                "context".to_string(),
                c.map(|x| x.id.clone()).unwrap_or_default(),
                c.map(|x| x.kind),
            )
        }
    };
    let value = match (values, kind) {
        (Values::Display, Some(kind)) => readings.display_value(r.value, kind),
        _ => readings.raw_value(r.value),
    };
    ReadingRow {
        action,
        indicator,
        period: r.period.to_string(),
        value,
        source: readings.strings.get(r.source).to_string(),
        note: readings.strings.get(r.note).to_string(),
        recorded: r.recorded.map(|d| d.to_string()),
        replaces: r.replaces.map(|s| readings.strings.get(s).to_string()),
    }
}

/// Every reading as a row, by action (plan order), indicator and period.
pub fn rows(plan: &Plan, readings: &Readings, values: Values) -> Vec<ReadingRow> {
    let mut sorted: Vec<&Reading> = readings.items.iter().collect();
    sorted.sort_by_key(|r| (r.owner, r.indicator, r.period, r.file, r.line));
    sorted
        .into_iter()
        .map(|r| row(plan, readings, r, values))
        .collect()
}
