//! Checking a reading someone wants to record (`pan reading add`, `pan reading import`)
//! against the plan and the readings already recorded, before anything is written.

use jiff::civil::Date;

use crate::load::import::Field;
use crate::load::readings::Subject;
use crate::model::reading::{NewReading, Recorded, parse_input};
use crate::model::{Period, Value};
use crate::text::suggest;

/// A reading as typed: every field as text.
#[derive(Clone, Debug, Default)]
pub struct Proposed {
    /// Indicator id.
    pub indicator: String,
    /// Period.
    pub period: String,
    /// Value.
    pub value: String,
    /// Source.
    pub source: String,
    /// Note.
    pub note: String,
}

/// What a proposed reading comes to.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// A row to write.
    New(NewReading),
    /// The very same value is already recorded for this indicator and period, on this line:
    /// nothing to write.
    Same(u32),
}

/// Why a proposed reading is refused: the field at fault and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// The field to mend.
    pub field: Field,
    /// What is wrong.
    pub message: String,
}

impl Refusal {
    fn new(field: Field, message: impl Into<String>) -> Refusal {
        Refusal {
            field,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Check `p` for `subject` (`name` is its code, or `context`) and turn it into a row to
/// write. `existing` looks up what is recorded for an indicator id and period; with
/// `replace`, a different value corrects it.
pub fn check(
    name: &str,
    subject: &Subject,
    p: &Proposed,
    today: Date,
    replace: bool,
    existing: &dyn Fn(&str, Period) -> Option<Recorded>,
) -> Result<Outcome, Refusal> {
    let ids: Vec<&str> = subject.indicators.iter().map(|(id, _)| *id).collect();
    let id = p.indicator.trim();
    let Some(order) = ids.iter().position(|i| *i == id) else {
        return Err(Refusal::new(
            Field::Indicator,
            match suggest(id, &ids) {
                Some(near) => format!(
                    "{name} has no indicator `{id}`; did you mean `{near}`? (indicators: {})",
                    ids.join(", ")
                ),
                None if ids.is_empty() => format!("{name} has no indicator to record"),
                None => format!(
                    "{name} has no indicator `{id}`; indicators: {}",
                    ids.join(", ")
                ),
            },
        ));
    };
    let kind = subject.indicators[order].1;
    let period: Period =
        p.period
            .trim()
            .parse()
            .map_err(|e: crate::model::period::PeriodError| {
                Refusal::new(Field::Period, e.to_string())
            })?;
    if period.start() > today {
        return Err(Refusal::new(
            Field::Period,
            format!(
                "the period {period} has not begun (today is {today}); a reading measures what already happened"
            ),
        ));
    }
    let (value, text) = parse_input(&p.value, kind)
        .map_err(|e| Refusal::new(Field::Value, format!("{id}: {} ({})", e.message, e.hint)))?;
    let source = p.source.trim();
    if source.is_empty() {
        return Err(Refusal::new(
            Field::Source,
            "the source is empty; say where the figure comes from",
        ));
    }
    let same = |e: &Recorded| match (e.parsed, value) {
        (Value::Number(a), Value::Number(b)) => a == b,
        (Value::Done, Value::Done) => true,
        _ => e.value == text,
    };
    let replaces = match (existing(id, period), replace) {
        (Some(e), _) if same(&e) => return Ok(Outcome::Same(e.line)),
        (Some(e), false) => {
            return Err(Refusal::new(
                Field::Value,
                format!(
                    "{name} `{id}` for {period} is already recorded as {} (line {}); to correct it, record the new value with --replace",
                    e.value, e.line
                ),
            ));
        }
        (Some(e), true) => Some(e.value),
        (None, true) => {
            return Err(Refusal::new(
                Field::Period,
                format!(
                    "{name} `{id}` has no reading for {period} to replace; leave out --replace"
                ),
            ));
        }
        (None, false) => None,
    };
    Ok(Outcome::New(NewReading {
        order,
        indicator: id.to_string(),
        period,
        value: text,
        source: source.to_string(),
        note: p.note.trim().to_string(),
        recorded: Some(today),
        replaces,
    }))
}
