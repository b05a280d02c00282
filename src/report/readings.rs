//! Readings as rows, named by action and indicator: one shape for listings, exports,
//! action cards and diffs.

use jiff::civil::Date;

use crate::model::reading::{CONTEXT, Figure};
use crate::model::{IndicatorKind, Owner, Period, Plan, Reading, Readings};

/// A reading, named.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadingRow {
    /// Action code, or [`CONTEXT`] for a context indicator.
    pub action: String,
    /// Indicator id.
    pub indicator: String,
    /// Indicator label, as published.
    pub label: String,
    /// The indicator's kind, when it is declared.
    pub kind: Option<IndicatorKind>,
    /// Period.
    pub period: Period,
    /// Value.
    pub value: Figure,
    /// Value as written in the readings file.
    pub raw: String,
    /// Source.
    pub source: String,
    /// Note.
    pub note: String,
    /// Day recorded.
    pub recorded: Option<Date>,
    /// Value this reading corrects, as written.
    pub replaces: Option<String>,
}

impl ReadingRow {
    /// Whether the reading was known on `as_of` (the rule of [`Reading::known_on`]).
    pub fn known_on(&self, as_of: Date) -> bool {
        crate::model::reading::known(self.period, self.recorded, as_of)
    }

    /// The order rows are listed and compared in: indicator, period, then the text.
    pub fn sort_key(&self) -> (&str, Period, &str, &str, &str) {
        (
            &self.indicator,
            self.period,
            &self.raw,
            &self.source,
            &self.note,
        )
    }
}

/// The row of one reading.
pub fn row(plan: &Plan, readings: &Readings, r: &Reading) -> ReadingRow {
    let (action, indicator, label, kind) = match r.owner {
        Owner::Action(i) => {
            let a = &plan.actions[i as usize];
            let ind = a.indicators.get(r.indicator as usize);
            (
                a.code.to_string(),
                ind.map(|x| x.id.clone()).unwrap_or_default(),
                ind.map(|x| x.label.clone()).unwrap_or_default(),
                ind.map(|x| x.kind),
            )
        }
        Owner::Context => {
            let c = plan.context.get(r.indicator as usize);
            (
                CONTEXT.to_string(),
                c.map(|x| x.id.clone()).unwrap_or_default(),
                c.map(|x| x.label.clone()).unwrap_or_default(),
                c.map(|x| x.kind),
            )
        }
    };
    ReadingRow {
        action,
        indicator,
        label,
        kind,
        period: r.period,
        value: readings.figure(r.value),
        raw: readings.raw_value(r.value),
        source: readings.strings.get(r.source).to_string(),
        note: readings.strings.get(r.note).to_string(),
        recorded: r.recorded,
        replaces: r.replaces.map(|s| readings.strings.get(s).to_string()),
    }
}

/// Every reading as a row, by action (plan order), indicator and period.
pub fn rows(plan: &Plan, readings: &Readings) -> Vec<ReadingRow> {
    let mut sorted: Vec<&Reading> = readings.items.iter().collect();
    sorted.sort_by_key(|r| (r.owner, r.indicator, r.period, r.file, r.line));
    sorted.into_iter().map(|r| row(plan, readings, r)).collect()
}

/// The plan and its readings as the files said on `as_of`: the readings known by then
/// (see [`Reading::known_on`]) and the state entries dated by then. What a document "as
/// of" a past date publishes as data.
pub fn as_known_on(plan: &Plan, readings: &Readings, as_of: Date) -> (Plan, Readings) {
    let actions = plan
        .actions
        .iter()
        .map(|a| {
            let mut a = a.clone();
            a.states.retain(|e| e.date <= as_of);
            a
        })
        .collect();
    let plan = Plan::new(
        plan.codes,
        plan.levers.clone(),
        plan.actors.clone(),
        plan.abbreviations.clone(),
        actions,
        plan.context.clone(),
    );
    let mut known = Readings::default();
    known.strings = readings.strings.clone();
    known.files = readings.files.clone();
    known.items = readings
        .items
        .iter()
        .filter(|r| r.known_on(as_of))
        .copied()
        .collect();
    (plan, known)
}
