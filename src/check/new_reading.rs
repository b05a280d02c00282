//! Checking a reading someone wants to record (`pan reading add`, `pan reading import`)
//! against the plan and the readings already recorded, before anything is written.

use jiff::civil::Date;

use crate::model::reading::NewReading;
use crate::model::reading::{Strings, parse_value};
use crate::model::{Action, Period, Value};
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

/// What is already recorded for one indicator and period: its value as written and where.
#[derive(Clone, Debug)]
pub struct Existing {
    /// Value as written.
    pub value: String,
    /// Parsed value.
    pub parsed: Value,
    /// Line in the readings file.
    pub line: u32,
}

/// Check `p` for `action` and turn it into a row to write. `existing` looks up what is
/// recorded for an indicator id and period.
pub fn check(
    action: &Action,
    p: &Proposed,
    today: Date,
    replace: bool,
    existing: &dyn Fn(&str, Period) -> Option<Existing>,
) -> Result<NewReading, String> {
    let ids: Vec<&str> = action.indicators.iter().map(|i| i.id.as_str()).collect();
    let id = p.indicator.trim();
    let Some(order) = ids.iter().position(|i| *i == id) else {
        return Err(match suggest(id, &ids) {
            Some(near) => format!(
                "{} has no indicator `{id}`; did you mean `{near}`? (indicators: {})",
                action.code,
                ids.join(", ")
            ),
            None if ids.is_empty() => format!("{} has no indicator to record", action.code),
            None => format!(
                "{} has no indicator `{id}`; indicators: {}",
                action.code,
                ids.join(", ")
            ),
        });
    };
    let ind = &action.indicators[order];
    let period: Period = p
        .period
        .trim()
        .parse()
        .map_err(|e: crate::model::period::PeriodError| e.to_string())?;
    if period.start() > today {
        return Err(format!(
            "the period {period} has not begun (today is {today}); a reading measures what already happened"
        ));
    }
    let mut strings = Strings::default();
    let value = parse_value(&p.value, ind.kind, &mut strings)
        .map_err(|e| format!("{}: {} ({})", ind.id, e.message, e.hint))?;
    let raw = crate::model::reading::raw_text(value, &strings);
    let source = p.source.trim();
    if source.is_empty() {
        return Err("the source is empty; say where the figure comes from".into());
    }
    let replaces = match (existing(id, period), replace) {
        (Some(e), false) => {
            return Err(format!(
                "{} `{id}` for {period} is already recorded ({} on line {}); pass --replace to correct it",
                action.code, e.value, e.line
            ));
        }
        (Some(e), true) => {
            let same = match (e.parsed, value) {
                (Value::Number(a), Value::Number(b)) => (a - b).abs() < 1e-9,
                (Value::Done, Value::Done) => true,
                _ => e.value == raw,
            };
            if same {
                return Err(format!(
                    "{} `{id}` for {period} is already {raw}; nothing to replace",
                    action.code
                ));
            }
            Some(e.value)
        }
        (None, true) => {
            return Err(format!(
                "{} `{id}` has no reading for {period} to replace",
                action.code
            ));
        }
        (None, false) => None,
    };
    Ok(NewReading {
        order,
        indicator: id.to_string(),
        period,
        value: raw,
        source: source.to_string(),
        note: p.note.trim().to_string(),
        recorded: Some(today),
        replaces,
    })
}
