//! Readings: what was measured, for which indicator and period, according to which source.
//!
//! Readings are stored compactly (strings interned, indices instead of codes) because a
//! portfolio of plans may hold millions of them.

use std::collections::HashMap;

use jiff::civil::Date;

use super::action::IndicatorKind;
use super::period::Period;

/// An interned string: an index into [`Strings`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sym(u32);

impl Sym {
    /// The empty string, always interned first.
    pub const EMPTY: Sym = Sym(0);

    /// Position in its table.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A table of interned strings.
#[derive(Clone, Debug)]
pub struct Strings {
    list: Vec<Box<str>>,
    // A fast hash: millions of short strings are looked up while loading readings.
    index: rustc_hash::FxHashMap<Box<str>, Sym>,
}

impl Default for Strings {
    fn default() -> Self {
        let mut s = Strings {
            list: Vec::new(),
            index: rustc_hash::FxHashMap::default(),
        };
        s.intern("");
        s
    }
}

impl Strings {
    /// Intern `s`, returning its symbol.
    pub fn intern(&mut self, s: &str) -> Sym {
        if let Some(&sym) = self.index.get(s) {
            return sym;
        }
        let sym = Sym(self.list.len() as u32);
        self.list.push(s.into());
        self.index.insert(s.into(), sym);
        sym
    }

    /// Number of strings interned.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether only the empty string is interned.
    pub fn is_empty(&self) -> bool {
        self.list.len() <= 1
    }

    /// The string of a symbol.
    pub fn get(&self, sym: Sym) -> &str {
        self.list.get(sym.0 as usize).map(|s| &**s).unwrap_or("")
    }
}

/// The value of a reading, checked against its indicator's kind.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value {
    /// A number (count, number or percent).
    Number(f64),
    /// A deliverable was delivered in the reading's period.
    Done,
    /// A qualitative assessment.
    Text(Sym),
}

/// Why a value does not fit an indicator's kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueError {
    /// What is wrong, naming the value.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

/// Parse a number as people type it: `60.1`, `60,1` (decimal comma), `1 234`, `12%`.
pub fn parse_number(raw: &str) -> Option<f64> {
    let t = raw.trim();
    // Fast path for numbers as pan writes them: no copy.
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return t.parse::<f64>().ok().filter(|v| v.is_finite());
    }
    let t = t.strip_suffix('%').map(str::trim_end).unwrap_or(t);
    if t.is_empty() {
        return None;
    }
    let mut s = String::with_capacity(t.len());
    for c in t.chars() {
        match c {
            // Thousands separators as French spreadsheets write them.
            ' ' | '\u{a0}' | '\u{202f}' => {}
            ',' => s.push('.'),
            c if c.is_ascii_digit() || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E' => {
                s.push(c)
            }
            _ => return None,
        }
    }
    let v: f64 = s.parse().ok()?;
    v.is_finite().then_some(v)
}

/// Check and convert a raw value for an indicator of `kind`.
pub fn parse_value(
    raw: &str,
    kind: IndicatorKind,
    strings: &mut Strings,
) -> Result<Value, ValueError> {
    let t = raw.trim();
    let err = |message: String, hint: &str| ValueError {
        message,
        hint: hint.to_string(),
    };
    if t.is_empty() {
        return Err(err("the value is empty".into(), "write the measured value"));
    }
    match kind {
        IndicatorKind::Count => match parse_number(t) {
            Some(v) if v < 0.0 => Err(err(
                format!("`{t}` is negative, but a count cannot be"),
                "a count is a whole number of things, 0 or more",
            )),
            Some(v) if v.fract() != 0.0 => Err(err(
                format!("`{t}` is not a whole number, but a count must be"),
                "a count is a whole number of things, 0 or more",
            )),
            Some(v) => Ok(Value::Number(v)),
            None => Err(err(
                format!("`{t}` is not a number, but the indicator is a count"),
                "write a whole number such as 12",
            )),
        },
        IndicatorKind::Number => parse_number(t).map(Value::Number).ok_or_else(|| {
            err(
                format!("`{t}` is not a number"),
                "write a number such as 12.5 (a decimal comma is accepted)",
            )
        }),
        IndicatorKind::Percent => match parse_number(t) {
            Some(v) if (0.0..=100.0).contains(&v) => Ok(Value::Number(v)),
            Some(_) => Err(err(
                format!("`{t}` is outside 0–100, but the indicator is a percentage"),
                "write a percentage between 0 and 100, e.g. 60.1",
            )),
            None => Err(err(
                format!("`{t}` is not a percentage"),
                "write a percentage between 0 and 100, e.g. 60.1",
            )),
        },
        IndicatorKind::Deliverable => {
            if t.eq_ignore_ascii_case("done") {
                Ok(Value::Done)
            } else {
                Err(err(
                    format!("`{t}` is not a deliverable reading"),
                    "a deliverable is recorded once, as `done`, with the period it was delivered",
                ))
            }
        }
        IndicatorKind::Qualitative => Ok(Value::Text(strings.intern(t))),
    }
}

/// Format a number without a useless fraction: `12`, `60.1`.
pub fn format_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A value as written in a readings file (`12`, `60.1`, `done`, a text).
pub fn raw_text(v: Value, strings: &Strings) -> String {
    match v {
        Value::Number(n) => format_number(n),
        Value::Done => "done".to_string(),
        Value::Text(s) => strings.get(s).to_string(),
    }
}

/// The header every readings file starts with.
pub const HEADER: [&str; 7] = [
    "indicator",
    "period",
    "value",
    "source",
    "note",
    "recorded",
    "replaces",
];

/// A reading to be written to a readings file, already checked (fields as written).
#[derive(Clone, Debug, PartialEq)]
pub struct NewReading {
    /// Position of the indicator in the action's declaration (for ordering).
    pub order: usize,
    /// Indicator id.
    pub indicator: String,
    /// Period.
    pub period: super::period::Period,
    /// Value, as it will be written.
    pub value: String,
    /// Source.
    pub source: String,
    /// Note.
    pub note: String,
    /// Day recorded.
    pub recorded: Option<Date>,
    /// Value corrected, for an explicit replacement.
    pub replaces: Option<String>,
}

/// Who a reading belongs to: an action's indicator or a plan-level context indicator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Owner {
    /// An action, by its index in [`crate::model::Plan::actions`].
    Action(u32),
    /// The plan's context indicators.
    Context,
}

/// One reading, as stored.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Reading {
    /// Whose indicator it measures.
    pub owner: Owner,
    /// Index of the indicator in its owner's list.
    pub indicator: u32,
    /// The period measured.
    pub period: Period,
    /// The value.
    pub value: Value,
    /// Where the figure comes from.
    pub source: Sym,
    /// A remark.
    pub note: Sym,
    /// The day the reading was recorded, if known.
    pub recorded: Option<Date>,
    /// The value this reading explicitly replaces (a correction), as written.
    pub replaces: Option<Sym>,
    /// Index of the file it was read from in [`Readings::files`].
    pub file: u32,
    /// Line of the file it was read from (1-based).
    pub line: u32,
}

/// All readings of a plan repository.
#[derive(Clone, Debug, Default)]
pub struct Readings {
    /// The readings, in file order.
    pub items: Vec<Reading>,
    /// Interned strings of sources, notes and texts.
    pub strings: Strings,
    /// Files the readings come from, relative to the repository root.
    pub files: Vec<std::path::PathBuf>,
    /// Positions in `items` of each indicator's readings, in period order; built on first
    /// use (reports look readings up per indicator, which must not scan them all).
    index: std::sync::OnceLock<HashMap<(Owner, u32), Vec<u32>>>,
}

impl Readings {
    /// Forget the index (after `items` changed).
    pub fn invalidate(&mut self) {
        self.index = std::sync::OnceLock::new();
    }

    fn index(&self) -> &HashMap<(Owner, u32), Vec<u32>> {
        self.index.get_or_init(|| {
            let mut map: HashMap<(Owner, u32), Vec<u32>> = HashMap::new();
            for (i, r) in self.items.iter().enumerate() {
                map.entry((r.owner, r.indicator))
                    .or_default()
                    .push(i as u32);
            }
            for v in map.values_mut() {
                v.sort_by(|&a, &b| {
                    let (a, b) = (&self.items[a as usize], &self.items[b as usize]);
                    a.period
                        .cmp(&b.period)
                        .then(a.file.cmp(&b.file))
                        .then(a.line.cmp(&b.line))
                });
            }
            map
        })
    }

    /// Every indicator's readings, in period order (then file and line), indicators in
    /// key order: what checks walk through without a hash map.
    pub fn groups(&self) -> Vec<((Owner, u32), Vec<&Reading>)> {
        let mut out: Vec<((Owner, u32), Vec<&Reading>)> = self
            .index()
            .iter()
            .map(|(k, v)| (*k, v.iter().map(|&i| &self.items[i as usize]).collect()))
            .collect();
        out.sort_by_key(|(k, _)| *k);
        out
    }

    /// The file a reading comes from, as diagnostics name it.
    pub fn file_of(&self, r: &Reading) -> String {
        self.files
            .get(r.file as usize)
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default()
    }

    /// Readings of one indicator, in period order, corrections after what they correct.
    pub fn of(&self, owner: Owner, indicator: u32) -> Vec<&Reading> {
        self.index()
            .get(&(owner, indicator))
            .map(|v| v.iter().map(|&i| &self.items[i as usize]).collect())
            .unwrap_or_default()
    }

    /// Group readings by owner and indicator, each group in period order, with corrections
    /// applied (only the last reading of a period counts).
    pub fn effective_by_indicator(&self) -> HashMap<(Owner, u32), Vec<&Reading>> {
        let mut map: HashMap<(Owner, u32), Vec<&Reading>> = self
            .index()
            .iter()
            .map(|(k, v)| (*k, v.iter().map(|&i| &self.items[i as usize]).collect()))
            .collect();
        for v in map.values_mut() {
            // Keep the last reading of each period: a later row corrects an earlier one.
            let mut out: Vec<&Reading> = Vec::with_capacity(v.len());
            for r in v.drain(..) {
                if out.last().is_some_and(|l| l.period == r.period) {
                    out.pop();
                }
                out.push(r);
            }
            *v = out;
        }
        map
    }

    /// Render a value for people.
    pub fn display_value(&self, v: Value, kind: IndicatorKind) -> String {
        match v {
            Value::Number(n) if kind == IndicatorKind::Percent => format!("{} %", format_number(n)),
            Value::Number(n) => format_number(n),
            Value::Done => "done".to_string(),
            Value::Text(s) => self.strings.get(s).to_string(),
        }
    }

    /// Render a value as written in a CSV file.
    pub fn raw_value(&self, v: Value) -> String {
        raw_text(v, &self.strings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_spreadsheets_write_them() {
        assert_eq!(parse_number("60,1"), Some(60.1));
        assert_eq!(parse_number("1 234"), Some(1234.0));
        assert_eq!(parse_number("12 %"), Some(12.0));
        assert_eq!(parse_number("-3"), Some(-3.0));
        assert_eq!(parse_number("abc"), None);
        assert_eq!(parse_number("NaN"), None);
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number("1e999"), None);
        assert_eq!(parse_number(""), None);
    }

    #[test]
    fn values_follow_the_kind() {
        let mut s = Strings::default();
        assert_eq!(
            parse_value("12", IndicatorKind::Count, &mut s),
            Ok(Value::Number(12.0))
        );
        assert!(
            parse_value("-1", IndicatorKind::Count, &mut s)
                .unwrap_err()
                .message
                .contains("negative")
        );
        assert!(parse_value("1.5", IndicatorKind::Count, &mut s).is_err());
        assert!(parse_value("douze", IndicatorKind::Count, &mut s).is_err());
        assert_eq!(
            parse_value("60,1", IndicatorKind::Percent, &mut s),
            Ok(Value::Number(60.1))
        );
        assert!(parse_value("100.5", IndicatorKind::Percent, &mut s).is_err());
        assert!(parse_value("-0.5", IndicatorKind::Percent, &mut s).is_err());
        assert_eq!(
            parse_value("-2.5", IndicatorKind::Number, &mut s),
            Ok(Value::Number(-2.5))
        );
        assert_eq!(
            parse_value("Done", IndicatorKind::Deliverable, &mut s),
            Ok(Value::Done)
        );
        assert!(parse_value("yes", IndicatorKind::Deliverable, &mut s).is_err());
        let Ok(Value::Text(sym)) = parse_value("Très positif", IndicatorKind::Qualitative, &mut s)
        else {
            panic!("qualitative text expected");
        };
        assert_eq!(s.get(sym), "Très positif");
        assert!(parse_value("  ", IndicatorKind::Qualitative, &mut s).is_err());
    }

    #[test]
    fn formats_numbers_plainly() {
        assert_eq!(format_number(12.0), "12");
        assert_eq!(format_number(60.1), "60.1");
        assert_eq!(format_number(0.125), "0.125");
    }
}
