//! Checking a reading someone wants to record (`pan reading add`, `pan reading import`)
//! against the plan and the readings already recorded, before anything is written.

use jiff::civil::Date;

use crate::config::limits;
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
    /// Breakdown: (dimension id, value id) as typed, e.g. `("canton", "wiltz")`; empty
    /// for a total.
    pub by: Vec<(String, String)>,
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

/// What kind of mistake a refusal is — what the exit status of a command tells apart: a
/// name or a form typed wrong (the command line is wrong), or a rule of the plan broken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mistake {
    /// A name that names nothing: an indicator, a dimension or a dimension's value.
    Unknown,
    /// A field not written as it is written: a period.
    Malformed,
    /// A rule of the plan: a value that does not fit its indicator, a period not begun, an
    /// empty source, a reading already recorded, nothing to replace.
    Rule,
}

/// Why a proposed reading is refused: the field at fault and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// The field to mend.
    pub field: Field,
    /// What is wrong.
    pub message: String,
    /// How to mend it, when the message does not already say.
    pub hint: String,
    /// What kind of mistake it is.
    pub mistake: Mistake,
}

impl Refusal {
    fn new(field: Field, message: impl Into<String>) -> Refusal {
        Refusal {
            field,
            message: crate::text::bounded(message.into()),
            hint: String::new(),
            mistake: Mistake::Rule,
        }
    }

    fn because(mut self, mistake: Mistake) -> Refusal {
        self.mistake = mistake;
        self
    }
}

/// One line: the message, then the hint in brackets (for `pan reading add`, whose error is
/// one line; an import prints the hint on a line of its own).
impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.hint.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{} ({})", self.message, self.hint)
        }
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
    existing: &dyn Fn(&str, Period, &str) -> Option<Recorded>,
) -> Result<Outcome, Refusal> {
    // What pan records, it must read back: no text past the cell limit.
    for (field, text) in [
        (Field::Value, &p.value),
        (Field::Source, &p.source),
        (Field::Note, &p.note),
    ] {
        if text.len() > limits::CELL_BYTES {
            return Err(Refusal {
                field,
                message: format!(
                    "the {} holds {} bytes, more than the {} (1 MiB) pan records in one cell",
                    field.name(),
                    text.len(),
                    limits::CELL_BYTES
                ),
                hint: "shorten it: a reading's source and note say where the figure comes from, in a few lines".into(),
                mistake: Mistake::Rule,
            });
        }
    }
    let ids: Vec<&str> = subject.indicators.iter().map(|(id, _)| *id).collect();
    let id = p.indicator.trim();
    let shown = crate::text::short(id);
    let Some(order) = ids.iter().position(|i| *i == id) else {
        let unknown = Refusal::new(
            Field::Indicator,
            match suggest(id, &ids) {
                Some(near) => format!(
                    "{name} has no indicator `{shown}`; did you mean `{near}`? (indicators: {})",
                    crate::text::few(&ids)
                ),
                None if ids.is_empty() => format!("{name} has no indicator to record"),
                None => format!(
                    "{name} has no indicator `{shown}`; indicators: {}",
                    crate::text::few(&ids)
                ),
            },
        );
        return Err(unknown.because(Mistake::Unknown));
    };
    let kind = subject.indicators[order].1;
    let by = breakdown(subject, order, &p.by)
        .map_err(|m| Refusal::new(Field::Indicator, m).because(Mistake::Unknown))?;
    let cell = crate::load::readings::cell_key(&by);
    let for_cell = if cell.is_empty() {
        String::new()
    } else {
        format!(" ({cell})")
    };
    let period = Period::typed(&p.period)
        .map_err(|e| Refusal::new(Field::Period, e.to_string()).because(Mistake::Malformed))?;
    if period.start() > today {
        return Err(Refusal::new(
            Field::Period,
            format!(
                "the period {period} has not begun (today is {today}); a reading measures what already happened"
            ),
        ));
    }
    let (value, text) = parse_input(&p.value, kind).map_err(|e| Refusal {
        field: Field::Value,
        message: format!("{id}: {}", e.message),
        hint: e.hint,
        mistake: Mistake::Rule,
    })?;
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
    let replaces = match (existing(id, period, &cell), replace) {
        (Some(e), _) if same(&e) => return Ok(Outcome::Same(e.line)),
        (Some(e), false) => {
            return Err(Refusal::new(
                Field::Value,
                format!(
                    "{name} `{id}` for {period}{for_cell} is already recorded as {} (line {} of {name}'s readings file); if the new value corrects it, record it with --replace",
                    e.value, e.line
                ),
            ));
        }
        (Some(e), true) => Some(e.value),
        (None, true) => {
            return Err(Refusal::new(
                Field::Period,
                format!(
                    "{name} `{id}` has no reading for {period}{for_cell} to replace; leave out --replace"
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
        by,
    }))
}

/// Check a breakdown as typed against the indicator at `order` of `subject`: each
/// dimension known, declared by the indicator, given once, with a value of its list.
/// Returns the pairs in the plan's dimension order.
pub fn breakdown(
    subject: &Subject,
    order: usize,
    by: &[(String, String)],
) -> Result<Vec<(String, String)>, String> {
    let id = subject.indicators[order].0;
    let declared = subject.breakdowns.get(order).copied().unwrap_or(&[]);
    let mut out: Vec<(usize, String, String)> = Vec::with_capacity(by.len());
    for (d, v) in by {
        let (d, v) = (d.trim(), v.trim());
        let (sd, sv) = (crate::text::short(d), crate::text::short(v));
        let ids: Vec<&str> = subject.dimensions.iter().map(|x| x.id.as_str()).collect();
        let Some(di) = subject.dimensions.iter().position(|x| x.id == d) else {
            return Err(match suggest(d, &ids) {
                Some(near) => format!(
                    "`{sd}` is not a dimension of the plan; did you mean `{near}`? (dimensions: {})",
                    crate::text::few(&ids)
                ),
                None if ids.is_empty() => format!(
                    "`{sd}` is not a dimension of the plan; plan/dimensions.yaml declares none"
                ),
                None => format!(
                    "`{sd}` is not a dimension of the plan; dimensions: {}",
                    crate::text::few(&ids)
                ),
            });
        };
        if !declared.iter().any(|x| x == d) {
            return Err(if declared.is_empty() {
                format!(
                    "`{id}` is not broken down by any dimension; add `breakdowns: [{sd}]` to the indicator first"
                )
            } else {
                format!(
                    "`{id}` is not broken down by `{sd}`; its breakdowns: {}",
                    crate::text::few(declared)
                )
            });
        }
        if out.iter().any(|(i, _, _)| *i == di) {
            return Err(format!("the dimension `{sd}` is given twice"));
        }
        let dim = &subject.dimensions[di];
        if dim.value_index(v).is_none() {
            // Bounded whatever the dimension's size (see load::readings).
            let ids = || dim.values.iter().map(|x| x.id.as_str());
            let small = dim.values.len() <= crate::text::SUGGEST_AMONG;
            let near = crate::text::nearest(v, ids(), 1)
                .into_iter()
                .next()
                .or_else(|| {
                    dim.values
                        .iter()
                        .filter(|_| small)
                        .find(|x| x.label.eq_ignore_ascii_case(v))
                        .map(|x| x.id.as_str())
                });
            let listed = crate::text::few_of(ids(), dim.values.len());
            return Err(match near {
                Some(near) => format!(
                    "`{sv}` is not a value of `{d}`; did you mean `{near}`? (values: {listed})"
                ),
                None => format!("`{sv}` is not a value of `{d}`; values: {listed}"),
            });
        }
        out.push((di, d.to_string(), v.to_string()));
    }
    out.sort_by_key(|(i, _, _)| *i);
    Ok(out.into_iter().map(|(_, d, v)| (d, v)).collect())
}
