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
        let sym = Sym(super::index32(self.list.len()));
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

/// A reading's value, owned (its text resolved): what reports hand to renderers, which
/// alone decide how a number or `done` reads in each language.
#[derive(Clone, Debug, PartialEq)]
pub enum Figure {
    /// A number.
    Number(f64),
    /// Delivered.
    Done,
    /// A qualitative assessment.
    Text(String),
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

/// The decimal a number's text says, as its digits without leading or trailing zeros
/// and the position of the point: `0012.50` and `12.5` say the same. `None` for a text
/// with an exponent or other marks (compared another way, or not at all).
fn decimal_of(text: &str) -> Option<(bool, String, i64)> {
    let t = text.trim().trim_end_matches('%').trim_end();
    let t: String = t
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    let (negative, body) = match t.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, t.strip_prefix('+').unwrap_or(&t)),
    };
    if body.is_empty() || !body.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let digits = format!("{int}{frac}");
    let lead = digits.len() - digits.trim_start_matches('0').len();
    let digits = digits.trim_matches('0').to_string();
    // The exponent of the first significant digit (0 for zero, however written).
    let point = if digits.is_empty() {
        0
    } else {
        int.len() as i64 - lead as i64
    };
    Some((negative && !digits.is_empty(), digits, point))
}

/// Whether `v` is exactly the number its text `text` says (pan keeps numbers as binary
/// floating point: past 15 significant digits, `9007199254740993` would read back as
/// `…992`). A text with an exponent is taken as it reads.
pub fn is_exact(text: &str, v: f64) -> bool {
    match (decimal_of(text), decimal_of(&format_number(v))) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

/// The exact sum of numbers that each read back exactly (see [`is_exact`]), or `None`
/// when it cannot be told exactly as a number pan shows: no rounding error
/// (`0.1 + 0.2` is `0.3`) and never an infinity.
pub fn exact_sum(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    // A decimal as digits times a power of ten: (mantissa, number of decimals).
    let mut sum: (i128, u32) = (0, 0);
    for v in values {
        let text = format_number(v);
        let (negative, body) = match text.strip_prefix('-') {
            Some(b) => (true, b),
            None => (false, text.as_str()),
        };
        let (int, frac) = body.split_once('.').unwrap_or((body, ""));
        let scale = u32::try_from(frac.len()).ok().filter(|s| *s <= 30)?;
        let mut m: i128 = format!("{int}{frac}").parse().ok()?;
        if negative {
            m = -m;
        }
        let (mut a, mut b) = (sum, (m, scale));
        while a.1 < b.1 {
            a = (a.0.checked_mul(10)?, a.1 + 1);
        }
        while b.1 < a.1 {
            b = (b.0.checked_mul(10)?, b.1 + 1);
        }
        sum = (a.0.checked_add(b.0)?, a.1);
    }
    let digits = sum.0.unsigned_abs().to_string();
    let scale = sum.1 as usize;
    let padded = format!("{digits:0>width$}", width = scale + 1);
    let (int, frac) = padded.split_at(padded.len() - scale);
    let sign = if sum.0 < 0 { "-" } else { "" };
    let text = if frac.is_empty() {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{frac}")
    };
    let v: f64 = text.parse().ok().filter(|v: &f64| v.is_finite())?;
    is_exact(&text, v).then_some(v)
}

/// Check and convert a raw value for an indicator of `kind`.
pub fn parse_value(
    raw: &str,
    kind: IndicatorKind,
    strings: &mut Strings,
) -> Result<Value, ValueError> {
    let t = raw.trim();
    // Quoted back cut short: a refused value of a megabyte is not repeated whole.
    let q = crate::text::short(t);
    let err = |message: String, hint: &str| ValueError {
        message,
        hint: hint.to_string(),
    };
    if t.is_empty() {
        return Err(err("the value is empty".into(), "write the measured value"));
    }
    let numeric = matches!(
        kind,
        IndicatorKind::Count | IndicatorKind::Number | IndicatorKind::Percent
    );
    if numeric && parse_number(t).is_some_and(|v| !is_exact(t, v)) {
        return Err(err(
            format!("`{q}` has more digits than pan keeps exactly (15 significant digits)"),
            "round the value to 15 significant digits at most; pan would show it otherwise",
        ));
    }
    match kind {
        IndicatorKind::Count => match parse_number(t) {
            Some(v) if v < 0.0 => Err(err(
                format!("`{q}` is negative, but a count cannot be"),
                "a count is a whole number of things, 0 or more",
            )),
            Some(v) if v.fract() != 0.0 => Err(err(
                format!("`{q}` is not a whole number, but a count must be"),
                "a count is a whole number of things, 0 or more",
            )),
            Some(v) => Ok(Value::Number(v)),
            None => Err(err(
                format!("`{q}` is not a number, but the indicator is a count"),
                "write a whole number such as 12",
            )),
        },
        IndicatorKind::Number => parse_number(t).map(Value::Number).ok_or_else(|| {
            err(
                format!("`{q}` is not a number"),
                "write a number such as 12.5 (a decimal comma is accepted)",
            )
        }),
        IndicatorKind::Percent => match parse_number(t) {
            Some(v) if (0.0..=100.0).contains(&v) => Ok(Value::Number(v)),
            Some(_) => Err(err(
                format!("`{q}` is outside 0–100, but the indicator is a percentage"),
                "write a percentage between 0 and 100, e.g. 60.1",
            )),
            None => Err(err(
                format!("`{q}` is not a percentage"),
                "write a percentage between 0 and 100, e.g. 60.1",
            )),
        },
        IndicatorKind::Deliverable => {
            if t.eq_ignore_ascii_case("done") {
                Ok(Value::Done)
            } else {
                Err(err(
                    format!("`{q}` is not a deliverable reading"),
                    "a deliverable is recorded once, as `done`, with the period it was delivered",
                ))
            }
        }
        IndicatorKind::Qualitative => Ok(Value::Text(strings.intern(t))),
    }
}

/// Read a value as a person typed it (`pan reading add`, an imported spreadsheet) for an
/// indicator of `kind`: the value, and its text as it will be written (trimmed, a decimal
/// comma made a point, grouping spaces removed, digits exactly as typed). What could be
/// read two ways is refused rather than guessed: `1,234` (a thousand and more, or one
/// and a fraction?), `1.234.567`, a `%` on anything but a percentage.
pub fn parse_input(raw: &str, kind: IndicatorKind) -> Result<(Value, String), ValueError> {
    let t = raw.trim();
    // Quoted back cut short: a refused value of a megabyte is not repeated whole.
    let q = crate::text::short(t);
    let err = |message: String, hint: &str| ValueError {
        message,
        hint: hint.to_string(),
    };
    if t.is_empty() {
        return Err(err("the value is empty".into(), "write the measured value"));
    }
    if matches!(
        kind,
        IndicatorKind::Deliverable | IndicatorKind::Qualitative
    ) {
        let mut strings = Strings::default();
        let v = parse_value(t, kind, &mut strings)?;
        let text = match v {
            Value::Done => "done".to_string(),
            _ => t.to_string(),
        };
        return Ok((v, text));
    }
    let what = match kind {
        IndicatorKind::Count => "a count",
        IndicatorKind::Percent => "a percentage",
        _ => "a number",
    };
    let (body, had_percent) = match t.strip_suffix('%') {
        Some(b) => (b.trim_end(), true),
        None => (t, false),
    };
    if had_percent && kind != IndicatorKind::Percent {
        return Err(err(
            format!("`{q}` is a percentage, but the indicator is {what}"),
            "write the number alone, e.g. 12",
        ));
    }
    // Grouping spaces (French spreadsheets write 1 234) are unambiguous: removed.
    let compact: String = body
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    let commas = compact.matches(',').count();
    let points = compact.matches('.').count();
    let ambiguous = || {
        err(
            format!("`{q}` can be read two ways (a thousands separator or a decimal mark)"),
            "write the number without thousands separators, with a point or a comma for decimals: 1234 or 1234.5 (or 1234,5)",
        )
    };
    if commas + points > 1 {
        return Err(ambiguous());
    }
    let digits_after = |sep: char| {
        compact
            .split_once(sep)
            .map(|(a, b)| (a.trim_start_matches(['-', '+']).len(), b.len()))
    };
    // `1,234`: one to three digits, a comma, exactly three digits: thousands or decimals?
    if let Some((before, after)) = digits_after(',')
        && (1..=3).contains(&before)
        && after == 3
        && compact
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '-' | '+'))
    {
        return Err(ambiguous());
    }
    // `1.234` for a count: a thousand and more, as in many locales, not a fraction.
    if kind == IndicatorKind::Count
        && let Some((before, after)) = digits_after('.')
        && (1..=3).contains(&before)
        && after == 3
    {
        return Err(ambiguous());
    }
    // A sign of plus says nothing: `+5` is written `5`.
    let text = compact.replace(',', ".");
    let text = text.strip_prefix('+').unwrap_or(&text).to_string();
    if text.contains(['e', 'E']) && text.chars().any(|c| c.is_ascii_digit()) {
        return Err(err(
            format!("`{q}` is written with an exponent"),
            "write the number in full, e.g. 1000 for 1e3",
        ));
    }
    let ok = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
        && text.chars().any(|c| c.is_ascii_digit());
    let number = if ok {
        text.parse::<f64>().ok().filter(|v| v.is_finite())
    } else {
        None
    };
    let Some(n) = number else {
        return Err(err(
            format!("`{q}` is not a number, but the indicator is {what}"),
            match kind {
                IndicatorKind::Count => "write a whole number such as 12",
                IndicatorKind::Percent => "write a percentage between 0 and 100, e.g. 60.1",
                _ => "write a number such as 12.5 (a decimal comma is accepted)",
            },
        ));
    };
    let mut strings = Strings::default();
    let v = parse_value(&text, kind, &mut strings)?;
    // `-0` is 0.
    let text = if n == 0.0 {
        text.trim_start_matches(['-', '+']).to_string()
    } else {
        text
    };
    let _ = v;
    Ok((Value::Number(n), text))
}

/// Format a number exactly, without a useless fraction: `12`, `60.1`, `0.0000004` (the
/// shortest text that reads back as the same number; `-0` is `0`).
pub fn format_number(v: f64) -> String {
    if v == 0.0 {
        return "0".to_string();
    }
    format!("{v}")
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
    /// The breakdown cell: (dimension id, value id) in the plan's dimension order; empty
    /// for a total.
    pub by: Vec<(String, String)>,
}

/// What is already recorded for one indicator and period, in effect: its value as written
/// and where.
#[derive(Clone, Debug, PartialEq)]
pub struct Recorded {
    /// Value as written.
    pub value: String,
    /// Parsed value.
    pub parsed: Value,
    /// Line in the readings file.
    pub line: u32,
}

/// Who a reading belongs to: an action's indicator or a plan-level context indicator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Owner {
    /// An action, by its index in [`crate::model::Plan::actions`].
    Action(u32),
    /// The plan's context indicators.
    Context,
}

impl Owner {
    /// The owner of the action at `index` in [`crate::model::Plan::actions`].
    pub fn action(index: usize) -> Owner {
        Owner::Action(super::index32(index))
    }
}

/// One reading, as stored: 48 bytes (a plan may hold tens of millions), so the owner,
/// the value and the corrected value are packed and read through methods.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Reading {
    /// Whose indicator it measures (see [`Reading::owner`]).
    owner: PackedOwner,
    /// Index of the indicator in its owner's list.
    pub indicator: u32,
    /// The period measured.
    pub period: Period,
    /// The value (see [`Reading::value`]).
    value: PackedValue,
    /// Where the figure comes from.
    pub source: Sym,
    /// A remark.
    pub note: Sym,
    /// The day the reading was recorded, if known.
    pub recorded: Option<Date>,
    /// The value this reading explicitly replaces (see [`Reading::replaces`]).
    replaces: PackedSym,
    /// Index of the file it was read from in [`Readings::files`].
    pub file: u32,
    /// Line of the file it was read from (1-based).
    pub line: u32,
}

/// An [`Owner`] in 4 bytes: the action's index, or `u32::MAX` for the context.
#[derive(Clone, Copy, Debug, PartialEq)]
struct PackedOwner(u32);

impl PackedOwner {
    fn pack(owner: Owner) -> PackedOwner {
        // No plan holds 4 billion actions (files are bounded far below).
        PackedOwner(match owner {
            Owner::Action(i) => i.min(u32::MAX - 1),
            Owner::Context => u32::MAX,
        })
    }

    fn unpack(self) -> Owner {
        match self.0 {
            u32::MAX => Owner::Context,
            i => Owner::Action(i),
        }
    }
}

/// An optional [`Sym`] in 4 bytes (`u32::MAX`: none).
#[derive(Clone, Copy, Debug, PartialEq)]
struct PackedSym(u32);

impl PackedSym {
    fn pack(sym: Option<Sym>) -> PackedSym {
        PackedSym(sym.map_or(u32::MAX, |s| s.0))
    }

    fn unpack(self) -> Option<Sym> {
        (self.0 != u32::MAX).then_some(Sym(self.0))
    }
}

/// A [`Value`] in 8 bytes: a number as its bits; `done` and a text as NaNs that no
/// number stored here takes (a number read from a file is finite, and any NaN given is
/// stored as the standard one).
#[derive(Clone, Copy, Debug)]
struct PackedValue(u64);

impl PartialEq for PackedValue {
    // As the values compare (0 and -0 are equal numbers).
    fn eq(&self, other: &PackedValue) -> bool {
        self.unpack() == other.unpack()
    }
}

const DONE_BITS: u64 = 0xFFF9_0000_0000_0000;
const TEXT_BITS: u64 = 0xFFFA_0000_0000_0000;
const TAG_MASK: u64 = 0xFFFF_0000_0000_0000;

impl PackedValue {
    fn pack(v: Value) -> PackedValue {
        PackedValue(match v {
            Value::Number(n) if n.is_nan() => f64::NAN.to_bits(),
            Value::Number(n) => n.to_bits(),
            Value::Done => DONE_BITS,
            Value::Text(s) => TEXT_BITS | u64::from(s.0),
        })
    }

    fn unpack(self) -> Value {
        match self.0 & TAG_MASK {
            DONE_BITS if self.0 == DONE_BITS => Value::Done,
            TEXT_BITS => Value::Text(Sym(u32::try_from(self.0 & 0xFFFF_FFFF).unwrap_or(0))),
            _ => Value::Number(f64::from_bits(self.0)),
        }
    }
}

impl Reading {
    /// A reading of `owner`'s indicator for `period`, with no source, note, recorded day or
    /// correction, at line 0 of file 0 (the fields are set afterwards).
    pub fn new(owner: Owner, indicator: u32, period: Period, value: Value) -> Reading {
        Reading {
            owner: PackedOwner::pack(owner),
            indicator,
            period,
            value: PackedValue::pack(value),
            source: Sym::EMPTY,
            note: Sym::EMPTY,
            recorded: None,
            replaces: PackedSym::pack(None),
            file: 0,
            line: 0,
        }
    }

    /// Whose indicator it measures.
    pub fn owner(&self) -> Owner {
        self.owner.unpack()
    }

    /// The value.
    pub fn value(&self) -> Value {
        self.value.unpack()
    }

    /// Change the value (a text re-interned in another table).
    pub fn set_value(&mut self, v: Value) {
        self.value = PackedValue::pack(v);
    }

    /// The value this reading explicitly replaces (a correction), as written.
    pub fn replaces(&self) -> Option<Sym> {
        self.replaces.unpack()
    }

    /// Set the value this reading replaces.
    pub fn set_replaces(&mut self, sym: Option<Sym>) {
        self.replaces = PackedSym::pack(sym);
    }

    /// Whether the reading was known on `as_of`: its period had begun and it was recorded
    /// by then (a reading without a recorded day is known from its period's start). A
    /// report for a past date ignores what was not yet known.
    pub fn known_on(&self, as_of: Date) -> bool {
        known(self.period, self.recorded, as_of)
    }

    /// The order of "latest": the period that ends last; of periods that end the same
    /// day, the longest (2025 holds 2025-H2: the annual figure is never hidden behind a
    /// part of it); then the one recorded last.
    pub fn recency(&self) -> (Date, std::cmp::Reverse<Date>, Option<Date>) {
        (
            self.period.end(),
            std::cmp::Reverse(self.period.start()),
            self.recorded,
        )
    }
}

/// Whether a reading of `period`, recorded on `recorded`, was known on `as_of`: its
/// period had begun and it was recorded by then (see [`Reading::known_on`]).
pub fn known(period: Period, recorded: Option<Date>, as_of: Date) -> bool {
    period.start() <= as_of && recorded.is_none_or(|d| d <= as_of)
}

/// The latest of `readings` known on `as_of` (see [`Reading::recency`]); on a tie, the
/// last given (a correction comes after what it corrects).
pub fn latest<'r>(
    readings: impl IntoIterator<Item = &'r Reading>,
    as_of: Date,
) -> Option<&'r Reading> {
    readings
        .into_iter()
        .filter(|r| r.known_on(as_of))
        .fold(None, |best: Option<&Reading>, r| match best {
            Some(b) if b.recency() > r.recency() => Some(b),
            _ => Some(r),
        })
}

/// The readings in effect among one indicator's readings in period order: the last row of
/// each period counts (a later row corrects an earlier one).
pub fn effective(readings: Vec<&Reading>) -> Vec<&Reading> {
    let mut out: Vec<&Reading> = Vec::with_capacity(readings.len());
    for r in readings {
        if out.last().is_some_and(|l| l.period == r.period) {
            out.pop();
        }
        out.push(r);
    }
    out
}

/// The name of the plan's context indicators where an action code would stand (`pan
/// reading add context …`, the `action` column of listings).
pub const CONTEXT: &str = "context";

/// All readings of a plan repository.
#[derive(Clone, Debug, Default)]
pub struct Readings {
    /// The readings, in file order.
    pub items: Vec<Reading>,
    /// Interned strings of sources, notes and texts.
    pub strings: Strings,
    /// Files the readings come from, relative to the repository root.
    pub files: Vec<std::path::PathBuf>,
    /// Which readings are cells of a breakdown rather than totals (by file and line).
    pub cuts: super::dimension::Cuts,
    /// Positions in `items` of each indicator's totals, in period order; built on first
    /// use (reports look readings up per indicator, which must not scan them all).
    /// Breakdown cells are not totals: every report of totals ignores them.
    index: std::sync::OnceLock<HashMap<(Owner, u32), Vec<u32>>>,
    /// Positions in `items` of each indicator's breakdown cells, in period order.
    cells: std::sync::OnceLock<HashMap<(Owner, u32), Vec<u32>>>,
}

impl Readings {
    /// Forget the index (after `items` changed).
    pub fn invalidate(&mut self) {
        self.index = std::sync::OnceLock::new();
        self.cells = std::sync::OnceLock::new();
    }

    /// The breakdown cell a reading is (0: it is a total).
    pub fn cut_of(&self, r: &Reading) -> u32 {
        self.cuts.of(r.file, r.line)
    }

    /// Whether a reading is a total (not a cell of a breakdown).
    pub fn is_total(&self, r: &Reading) -> bool {
        self.cut_of(r) == 0
    }

    /// Positions of the readings that are totals (`totals`) or breakdown cells, grouped
    /// by indicator, each group in period order, then file and line.
    fn group(&self, totals: bool) -> HashMap<(Owner, u32), Vec<u32>> {
        let mut map: HashMap<(Owner, u32), Vec<u32>> = HashMap::new();
        let plain = self.cuts.is_empty();
        for (i, r) in self.items.iter().enumerate() {
            if (plain || self.is_total(r)) != totals {
                continue;
            }
            map.entry((r.owner(), r.indicator))
                .or_default()
                .push(super::index32(i));
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
    }

    fn index(&self) -> &HashMap<(Owner, u32), Vec<u32>> {
        self.index.get_or_init(|| self.group(true))
    }

    /// The breakdown cells of one indicator, in period order (then file and line).
    pub fn cells_of(&self, owner: Owner, indicator: u32) -> Vec<&Reading> {
        self.cells
            .get_or_init(|| self.group(false))
            .get(&(owner, indicator))
            .map(|v| v.iter().map(|&i| &self.items[i as usize]).collect())
            .unwrap_or_default()
    }

    /// Every indicator's breakdown cells, in key order (see [`Readings::groups`]).
    pub fn cell_groups(&self) -> Vec<((Owner, u32), Vec<&Reading>)> {
        let mut out: Vec<((Owner, u32), Vec<&Reading>)> = self
            .cells
            .get_or_init(|| self.group(false))
            .iter()
            .map(|(k, v)| (*k, v.iter().map(|&i| &self.items[i as usize]).collect()))
            .collect();
        out.sort_by_key(|(k, _)| *k);
        out
    }

    /// Every total, by owner (actions in plan order, then the context), indicator and
    /// period, then file and line: without copying the readings (what streams them out).
    pub fn in_order(&self) -> impl Iterator<Item = &Reading> {
        let index = self.index();
        let mut keys: Vec<&(Owner, u32)> = index.keys().collect();
        keys.sort();
        keys.into_iter()
            .flat_map(move |k| index[k].iter().map(|&i| &self.items[i as usize]))
    }

    /// Every reading, totals and breakdown cells, by owner, indicator and period, then
    /// file and line (what exports every reading).
    pub fn all_in_order(&self) -> Box<dyn Iterator<Item = &Reading> + '_> {
        if self.cuts.is_empty() {
            return Box::new(self.in_order());
        }
        let mut order: Vec<u32> = (0..super::index32(self.items.len())).collect();
        order.sort_by_key(|&i| {
            let r = &self.items[i as usize];
            (r.owner(), r.indicator, r.period, r.file, r.line)
        });
        Box::new(order.into_iter().map(move |i| &self.items[i as usize]))
    }

    /// Every indicator's totals, in period order (then file and line), indicators in
    /// key order: what checks walk through without a hash map (and without a list of
    /// every reading beside the readings).
    pub fn groups(&self) -> impl Iterator<Item = ((Owner, u32), impl Iterator<Item = &Reading>)> {
        let mut keys: Vec<(&(Owner, u32), &Vec<u32>)> = self.index().iter().collect();
        keys.sort_by_key(|(k, _)| **k);
        keys.into_iter()
            .map(|(k, v)| (*k, v.iter().map(|&i| &self.items[i as usize])))
    }

    /// The file a reading comes from, as diagnostics name it.
    pub fn file_of(&self, r: &Reading) -> String {
        self.files
            .get(r.file as usize)
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default()
    }

    /// Totals of one indicator, in period order, corrections after what they correct.
    pub fn of(&self, owner: Owner, indicator: u32) -> Vec<&Reading> {
        self.index()
            .get(&(owner, indicator))
            .map(|v| v.iter().map(|&i| &self.items[i as usize]).collect())
            .unwrap_or_default()
    }

    /// One indicator's totals known on `as_of` (see [`Reading::known_on`]), in period
    /// order, with corrections applied (see [`effective`]): what was recorded later, a
    /// correction included, is ignored before corrections are applied, so a report for a
    /// past date shows the value then in effect. One series at a time: reports never
    /// hold every indicator's series at once.
    pub fn effective_of(&self, owner: Owner, indicator: u32, as_of: Date) -> Vec<&Reading> {
        let mut rs = self.of(owner, indicator);
        rs.retain(|r| r.known_on(as_of));
        effective(rs)
    }

    /// A value, owned.
    pub fn figure(&self, v: Value) -> Figure {
        match v {
            Value::Number(n) => Figure::Number(n),
            Value::Done => Figure::Done,
            Value::Text(s) => Figure::Text(self.strings.get(s).to_string()),
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
    fn numbers_are_kept_exactly_or_refused() {
        for (text, ok) in [
            ("9007199254740993", false),
            ("9007199254740992", true),
            ("60.1", true),
            ("60,1", true),
            ("1 234", true),
            ("0.000", true),
            ("-0", true),
            ("12%", true),
            ("0.1000000000000000055511151231257827", false),
            ("123456789012345", true),
        ] {
            let v = parse_number(text).unwrap();
            assert_eq!(is_exact(text, v), ok, "{text}");
        }
        let mut s = Strings::default();
        let e = parse_value("9007199254740993", IndicatorKind::Count, &mut s).unwrap_err();
        assert!(e.message.contains("15 significant digits"), "{e:?}");
        assert_eq!(exact_sum([0.1, 0.2]), Some(0.3));
        assert_eq!(exact_sum([1.5, -0.5, 2.0]), Some(3.0));
        assert_eq!(exact_sum([f64::MAX, f64::MAX]), None, "never an infinity");
        assert_eq!(
            exact_sum([1e15, 0.001]),
            None,
            "past what a number shows exactly"
        );
        assert_eq!(exact_sum([]), Some(0.0));
    }

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
    fn input_is_kept_as_typed_and_ambiguity_refused() {
        let ok = |raw: &str, kind| parse_input(raw, kind).map(|(_, t)| t);
        assert_eq!(
            ok("0.0000004", IndicatorKind::Number),
            Ok("0.0000004".into())
        );
        assert_eq!(
            ok("-0.0000001", IndicatorKind::Number),
            Ok("-0.0000001".into())
        );
        assert_eq!(ok("60,1", IndicatorKind::Percent), Ok("60.1".into()));
        assert_eq!(ok("60,1 %", IndicatorKind::Percent), Ok("60.1".into()));
        assert_eq!(ok("1 234", IndicatorKind::Count), Ok("1234".into()));
        assert_eq!(ok(" 12 ", IndicatorKind::Count), Ok("12".into()));
        assert_eq!(ok("-0", IndicatorKind::Number), Ok("0".into()));
        assert_eq!(ok("+5", IndicatorKind::Count), Ok("5".into()));
        assert_eq!(ok(" +12,5 ", IndicatorKind::Number), Ok("12.5".into()));
        for exponent in ["1e3", "2E-4", "+1e3"] {
            let e = parse_input(exponent, IndicatorKind::Count).unwrap_err();
            assert!(e.message.contains("exponent"), "{exponent}: {e:?}");
        }
        assert_eq!(ok("Done", IndicatorKind::Deliverable), Ok("done".into()));
        for (raw, kind) in [
            ("1,234", IndicatorKind::Count),
            ("1,234", IndicatorKind::Number),
            ("1.234", IndicatorKind::Count),
            ("1.234.567", IndicatorKind::Count),
            ("1,234.5", IndicatorKind::Number),
            ("12%", IndicatorKind::Count),
            ("12 %", IndicatorKind::Number),
            ("1.5", IndicatorKind::Count),
            ("abc", IndicatorKind::Number),
            ("101", IndicatorKind::Percent),
        ] {
            assert!(
                parse_input(raw, kind).is_err(),
                "{raw} as {kind:?} should be refused"
            );
        }
        assert!(
            parse_input("1,234", IndicatorKind::Count)
                .unwrap_err()
                .message
                .contains("two ways")
        );
        assert_eq!(ok("1.234", IndicatorKind::Number), Ok("1.234".into()));
    }

    #[test]
    fn a_reading_is_small_and_gives_back_what_it_was_given() {
        // Tens of millions are held at once: every byte counts.
        assert!(std::mem::size_of::<Reading>() <= 48);
        let period: Period = "2026-05".parse().unwrap();
        for owner in [Owner::Action(0), Owner::Action(70_000), Owner::Context] {
            for v in [
                Value::Number(0.0),
                Value::Number(-0.0),
                Value::Number(60.1),
                Value::Number(-1e300),
                Value::Number(f64::MAX),
                Value::Done,
                Value::Text(Sym::EMPTY),
                Value::Text(Sym(7)),
                Value::Text(Sym(u32::MAX)),
            ] {
                let mut r = Reading::new(owner, 3, period, v);
                assert_eq!((r.owner(), r.value(), r.replaces()), (owner, v, None));
                assert_eq!(r.value().clone(), v);
                r.set_replaces(Some(Sym(5)));
                assert_eq!(r.replaces(), Some(Sym(5)));
                r.set_replaces(Some(Sym::EMPTY));
                assert_eq!(r.replaces(), Some(Sym::EMPTY));
            }
        }
        // A NaN (never read from a file) stays a number.
        let r = Reading::new(Owner::Context, 0, period, Value::Number(f64::NAN));
        assert!(matches!(r.value(), Value::Number(n) if n.is_nan()));
        let tagged = Value::Number(f64::from_bits(DONE_BITS));
        let r = Reading::new(Owner::Context, 0, period, tagged);
        assert!(matches!(r.value(), Value::Number(n) if n.is_nan()));
    }

    #[test]
    fn formats_numbers_plainly() {
        assert_eq!(format_number(12.0), "12");
        assert_eq!(format_number(60.1), "60.1");
        assert_eq!(format_number(0.125), "0.125");
    }
}
