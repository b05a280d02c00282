//! Action codes such as `IN-B-11.02`, and the format a plan writes them in
//! (`pan.toml [plan] code_format`): parsing, display and plan order.
//!
//! A format is literal text around three placeholders, each written once: `{lever}`,
//! `{objective}` and `{number}`. A placeholder may carry a style after a colon:
//!
//! - `{lever}` (or `{lever:A}`): one capital letter, `A`–`Z`;
//! - `{lever:1}`, `{objective}`, `{number}`: a number without leading zeros, 1–999;
//! - `{lever:02}`, `{objective:02}`, `{number:02}`: a number of exactly that many digits,
//!   zero-padded (`01` … `99`).
//!
//! Objective codes follow their own format (`[plan] objective_format`) made of `{lever}`
//! and `{objective}`, written in the styles of the code format; by default the code format
//! with its action number and the text around it left out (`B-11` for `IN-B-11.02`).

use std::borrow::Cow;
use std::fmt;

/// How a lever, an objective or an action number is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// One capital letter, `A`–`Z`.
    Letter,
    /// A number without leading zeros, 1–999.
    Number,
    /// A number of exactly this many digits, zero-padded (1–4 digits).
    Padded(u8),
}

impl Style {
    /// The largest value the style can write.
    fn max(self) -> u16 {
        match self {
            Style::Letter => u16::from(b'Z'),
            Style::Number => 999,
            Style::Padded(w) => 10u16.pow(u32::from(w)) - 1,
        }
    }

    /// Whether `v` can be written in this style.
    fn fits(self, v: u16) -> bool {
        match self {
            Style::Letter => u8::try_from(v).is_ok_and(|b| b.is_ascii_uppercase()),
            _ => (1..=self.max()).contains(&v),
        }
    }

    fn write(self, v: u16, out: &mut impl fmt::Write) -> fmt::Result {
        match self {
            Style::Letter => out.write_char(char::from(u8::try_from(v).unwrap_or(b'?'))),
            Style::Number => write!(out, "{v}"),
            Style::Padded(w) => write!(out, "{v:0width$}", width = usize::from(w)),
        }
    }

    /// The regular expression of the style (as JSON Schema patterns write them).
    fn pattern(self) -> String {
        match self {
            Style::Letter => "[A-Z]".into(),
            Style::Number => "[1-9][0-9]{0,2}".into(),
            Style::Padded(w) => format!("[0-9]{{{w}}}"),
        }
    }

    /// Whether a value in this style can start with a digit.
    fn starts_with_digit(self) -> bool {
        self != Style::Letter
    }

    /// Read a value at the start of `s`; `loose` accepts a lower-case letter.
    fn read(self, s: &[u8], loose: bool) -> Option<(u16, usize)> {
        match self {
            Style::Letter => {
                let c = *s.first()?;
                let c = if loose { c.to_ascii_uppercase() } else { c };
                c.is_ascii_uppercase().then_some((u16::from(c), 1))
            }
            Style::Number => {
                let n = s.iter().take_while(|b| b.is_ascii_digit()).count();
                if n == 0 || n > 3 || s[0] == b'0' {
                    return None;
                }
                Some((digits(&s[..n]), n))
            }
            Style::Padded(w) => {
                let w = usize::from(w);
                let d = s.get(..w)?;
                if !d.iter().all(u8::is_ascii_digit) {
                    return None;
                }
                let v = digits(d);
                (v != 0).then_some((v, w))
            }
        }
    }

    /// What a value in this style looks like, for messages.
    fn describe(self) -> String {
        match self {
            Style::Letter => "one capital letter".into(),
            Style::Number => "a number without leading zero".into(),
            Style::Padded(w) => format!("{w} digits"),
        }
    }
}

fn digits(d: &[u8]) -> u16 {
    d.iter().fold(0u16, |acc, b| acc * 10 + u16::from(b - b'0'))
}

/// A placeholder of a code format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// `{lever}`.
    Lever,
    /// `{objective}`.
    Objective,
    /// `{number}`, the action's number within its objective.
    Number,
}

impl Field {
    fn name(self) -> &'static str {
        match self {
            Field::Lever => "lever",
            Field::Objective => "objective",
            Field::Number => "number",
        }
    }
}

/// One piece of a code format: literal text or a placeholder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    /// Text written as is.
    Text(Cow<'static, str>),
    /// A placeholder.
    Field(Field),
}

/// The way a plan writes its action and objective codes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeFormat {
    code_source: Cow<'static, str>,
    objective_source: Cow<'static, str>,
    code: Cow<'static, [Part]>,
    objective: Cow<'static, [Part]>,
    styles: [Style; 3],
}

/// The code format of the bundled plan, and the default: `IN-{lever}-{objective}.{number:02}`.
pub static DEFAULT: CodeFormat = CodeFormat {
    code_source: Cow::Borrowed("IN-{lever}-{objective}.{number:02}"),
    objective_source: Cow::Borrowed("{lever}-{objective}"),
    code: Cow::Borrowed(&[
        Part::Text(Cow::Borrowed("IN-")),
        Part::Field(Field::Lever),
        Part::Text(Cow::Borrowed("-")),
        Part::Field(Field::Objective),
        Part::Text(Cow::Borrowed(".")),
        Part::Field(Field::Number),
    ]),
    objective: Cow::Borrowed(&[
        Part::Field(Field::Lever),
        Part::Text(Cow::Borrowed("-")),
        Part::Field(Field::Objective),
    ]),
    styles: [Style::Letter, Style::Number, Style::Padded(2)],
};

/// Why a code format is not usable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError(pub String);

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for FormatError {}

/// Longest literal text of a format: codes become file names and Mermaid ids.
const MAX_FORMAT_LEN: usize = 64;

/// Split a format into parts, with the style each placeholder gives.
fn split(src: &str) -> Result<Vec<(Part, Option<&str>)>, FormatError> {
    if src.len() > MAX_FORMAT_LEN {
        return Err(FormatError(format!(
            "`{src}` is longer than {MAX_FORMAT_LEN} characters"
        )));
    }
    let mut out = Vec::new();
    let mut rest = src;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('{') {
            let end = after.find('}').ok_or_else(|| {
                FormatError(format!("`{src}` opens a `{{` that it does not close"))
            })?;
            let inner = &after[..end];
            let (name, spec) = match inner.split_once(':') {
                Some((n, s)) => (n, Some(s)),
                None => (inner, None),
            };
            let field = match name {
                "lever" => Field::Lever,
                "objective" => Field::Objective,
                "number" => Field::Number,
                other => {
                    return Err(FormatError(format!(
                        "`{{{other}}}` is not a placeholder; use {{lever}}, {{objective}} and {{number}}"
                    )));
                }
            };
            out.push((Part::Field(field), spec));
            rest = &after[end + 1..];
        } else {
            let end = rest.find('{').unwrap_or(rest.len());
            let text = &rest[..end];
            if let Some(bad) = text
                .chars()
                .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_')))
            {
                return Err(FormatError(format!(
                    "`{src}` has the character `{bad}`; codes become file names, so the text around the placeholders may only hold letters, digits, `-`, `.` and `_`"
                )));
            }
            out.push((Part::Text(Cow::Owned(text.to_string())), None));
            rest = &rest[end..];
        }
    }
    if let Some((Part::Text(t), _)) = out.first()
        && (t.starts_with('.') || t.starts_with('-'))
    {
        return Err(FormatError(format!(
            "`{src}` starts with `{}`; a code must not (a file name starting with `.` is hidden, one starting with `-` reads as an option)",
            &t[..1]
        )));
    }
    Ok(out)
}

fn style_of(field: Field, spec: Option<&str>) -> Result<Style, FormatError> {
    let bad = |s: &str| {
        FormatError(format!(
            "`{{{}:{s}}}` has an unknown style; write {}",
            field.name(),
            match field {
                Field::Lever =>
                    "{lever} or {lever:A} (a capital letter), {lever:1} (a number) or {lever:02} (two digits)",
                _ => "it without a style (a number) or with a width such as :02 (two digits)",
            }
        ))
    };
    match spec {
        None | Some("") => Ok(if field == Field::Lever {
            Style::Letter
        } else {
            Style::Number
        }),
        Some("A") if field == Field::Lever => Ok(Style::Letter),
        Some("1") => Ok(Style::Number),
        Some(s) => match s.strip_prefix('0').and_then(|w| w.parse::<u8>().ok()) {
            Some(w @ 1..=4) if s.len() == 2 => Ok(Style::Padded(w)),
            _ => Err(bad(s)),
        },
    }
}

/// Check that a list of parts reads back one way only: a number of no fixed width must
/// not be followed by something that can start with a digit.
fn unambiguous(src: &str, parts: &[Part], styles: &[Style; 3]) -> Result<(), FormatError> {
    for pair in parts.windows(2) {
        let Part::Field(f) = pair[0] else { continue };
        if styles[f as usize] != Style::Number {
            continue;
        }
        let next_digit = match &pair[1] {
            Part::Text(t) => t.starts_with(|c: char| c.is_ascii_digit()),
            Part::Field(g) => styles[*g as usize].starts_with_digit(),
        };
        if next_digit {
            return Err(FormatError(format!(
                "`{src}` cannot be read back: `{{{}}}` has no fixed width and what follows it can start with a digit; put a separator between them, or give it a width such as {{{}:02}}",
                f.name(),
                f.name()
            )));
        }
    }
    Ok(())
}

impl CodeFormat {
    /// The format of action codes and of objective codes (`None`: derived from the code
    /// format, see the module documentation).
    pub fn new(code: &str, objective: Option<&str>) -> Result<CodeFormat, FormatError> {
        let split_code = split(code)?;
        let mut styles = [Style::Letter, Style::Number, Style::Number];
        let mut seen = [false; 3];
        let mut parts = Vec::with_capacity(split_code.len());
        for (part, spec) in split_code {
            if let Part::Field(f) = part {
                if seen[f as usize] {
                    return Err(FormatError(format!("`{code}` has {{{}}} twice", f.name())));
                }
                seen[f as usize] = true;
                styles[f as usize] = style_of(f, spec)?;
            }
            parts.push(part);
        }
        for f in [Field::Lever, Field::Objective, Field::Number] {
            if !seen[f as usize] {
                return Err(FormatError(format!(
                    "`{code}` has no {{{}}}; a code format names the lever, the objective and the action's number",
                    f.name()
                )));
            }
        }
        unambiguous(code, &parts, &styles)?;
        let objective_source = match objective {
            Some(o) => o.to_string(),
            None => derived_objective(&parts),
        };
        let mut objective_parts = Vec::new();
        let mut seen = [false; 3];
        for (part, spec) in split(&objective_source)? {
            if let Part::Field(f) = part {
                if f == Field::Number {
                    return Err(FormatError(format!(
                        "`{objective_source}` names {{number}}; an objective code names its lever and objective only"
                    )));
                }
                if spec.is_some() {
                    return Err(FormatError(format!(
                        "`{objective_source}` gives {{{}}} a style; objective codes write the lever and the objective as the code format does, so give the style there",
                        f.name()
                    )));
                }
                if seen[f as usize] {
                    return Err(FormatError(format!(
                        "`{objective_source}` has {{{}}} twice",
                        f.name()
                    )));
                }
                seen[f as usize] = true;
            }
            objective_parts.push(part);
        }
        if !seen[Field::Lever as usize] || !seen[Field::Objective as usize] {
            return Err(FormatError(format!(
                "`{objective_source}` must name both {{lever}} and {{objective}}"
            )));
        }
        unambiguous(&objective_source, &objective_parts, &styles)?;
        Ok(CodeFormat {
            code_source: Cow::Owned(code.to_string()),
            objective_source: Cow::Owned(objective_source),
            code: Cow::Owned(parts),
            objective: Cow::Owned(objective_parts),
            styles,
        })
    }

    /// A format for the rest of the process: the default one itself when equal, otherwise
    /// kept for good (a few bytes, once per settings file read), so that codes can carry
    /// it and still be `Copy`.
    pub fn leak(self) -> &'static CodeFormat {
        if self == DEFAULT {
            &DEFAULT
        } else {
            Box::leak(Box::new(self))
        }
    }

    /// The code format as written in `pan.toml`.
    pub fn code_format(&self) -> &str {
        &self.code_source
    }

    /// The objective format (as written in `pan.toml`, or derived).
    pub fn objective_format(&self) -> &str {
        &self.objective_source
    }

    /// How levers are written.
    pub fn lever_style(&self) -> Style {
        self.styles[Field::Lever as usize]
    }

    /// Whether this is the default format of the bundled plan.
    pub fn is_default(&self) -> bool {
        *self == DEFAULT
    }

    fn style(&self, f: Field) -> Style {
        self.styles[f as usize]
    }

    fn write(&self, parts: &[Part], values: [u16; 3], out: &mut impl fmt::Write) -> fmt::Result {
        for p in parts {
            match p {
                Part::Text(t) => out.write_str(t)?,
                Part::Field(f) => self.style(*f).write(values[*f as usize], out)?,
            }
        }
        Ok(())
    }

    /// Read `s` against `parts`; the values found, or what was expected where.
    fn read(&self, parts: &[Part], s: &str, loose: bool) -> Result<[u16; 3], String> {
        let b = s.as_bytes();
        let mut at = 0;
        let mut values = [0u16; 3];
        for p in parts {
            let rest = &b[at..];
            match p {
                Part::Text(t) => {
                    let t = t.as_bytes();
                    let ok = rest.len() >= t.len()
                        && if loose {
                            rest[..t.len()].eq_ignore_ascii_case(t)
                        } else {
                            &rest[..t.len()] == t
                        };
                    if !ok {
                        return Err(format!(
                            "{}, `{}` was expected",
                            where_(s, at),
                            String::from_utf8_lossy(t)
                        ));
                    }
                    at += t.len();
                }
                Part::Field(f) => {
                    let style = self.style(*f);
                    let what = match f {
                        Field::Lever => "the lever",
                        Field::Objective => "the objective",
                        Field::Number => "the action's number",
                    };
                    let Some((v, n)) = style.read(rest, loose) else {
                        return Err(format!(
                            "{}, {what} ({}) was expected",
                            where_(s, at),
                            style.describe()
                        ));
                    };
                    values[*f as usize] = v;
                    at += n;
                }
            }
        }
        if at < b.len() {
            return Err(format!(
                "nothing was expected after `{}`",
                s.get(..at).unwrap_or(s)
            ));
        }
        Ok(values)
    }

    /// Parse an action code as written in a file (exactly, case included).
    pub fn parse(&'static self, s: &str) -> Result<ActionCode, CodeError> {
        self.read(&self.code, s, false)
            .map(|v| self.code_of(v))
            .map_err(|why| {
                CodeError(format!(
                    "`{s}` is not an action code of this plan ({}): {why}",
                    self.code_source
                ))
            })
    }

    /// Parse a code as a person types it: case ignored, and the text before the lever
    /// may be left out (`b-11.02` for `IN-B-11.02`).
    pub fn parse_loose(&'static self, input: &str) -> Option<ActionCode> {
        let s = input.trim();
        if let Ok(v) = self.read(&self.code, s, true) {
            return Some(self.code_of(v));
        }
        match self.code.first() {
            Some(Part::Text(_)) => self.read(&self.code[1..], s, true).ok(),
            _ => None,
        }
        .map(|v| self.code_of(v))
    }

    /// What a person typed, spelled as the plan spells codes (for suggestions).
    pub fn normalise(&'static self, input: &str) -> String {
        if let Some(c) = self.parse_loose(input) {
            return c.to_string();
        }
        let s = input.trim();
        match self.code.first() {
            Some(Part::Text(t)) if !s.to_ascii_uppercase().starts_with(&t.to_ascii_uppercase()) => {
                format!("{t}{}", s.to_ascii_uppercase())
            }
            _ => s.to_ascii_uppercase(),
        }
    }

    fn code_of(&'static self, v: [u16; 3]) -> ActionCode {
        ActionCode {
            lever: v[0],
            objective: v[1],
            number: v[2],
            format: self,
        }
    }

    /// The code of `number` in objective `objective` of lever `lever`, if the format can
    /// write it.
    pub fn code(&'static self, lever: u16, objective: u16, number: u16) -> Option<ActionCode> {
        (self.style(Field::Lever).fits(lever)
            && self.style(Field::Objective).fits(objective)
            && self.style(Field::Number).fits(number))
        .then(|| self.code_of([lever, objective, number]))
    }

    /// A lever code as the plan writes it (`B`, `2`), read into its value.
    pub fn parse_lever(&self, s: &str) -> Option<u16> {
        self.read(&[Part::Field(Field::Lever)], s, false)
            .ok()
            .map(|v| v[0])
    }

    /// A lever's value written as the plan writes it.
    pub fn lever_text(&self, lever: u16) -> String {
        let mut s = String::new();
        let _ = self.style(Field::Lever).write(lever, &mut s);
        s
    }

    /// An objective code (`B-11`) read into its lever and objective values.
    pub fn parse_objective(&self, s: &str) -> Option<(u16, u16)> {
        self.read(&self.objective, s, false)
            .ok()
            .map(|v| (v[0], v[1]))
    }

    /// The objective code of a lever and objective, as the plan writes it.
    pub fn objective_text(&self, lever: u16, objective: u16) -> String {
        let mut s = String::new();
        let _ = self.write(&self.objective, [lever, objective, 0], &mut s);
        s
    }

    /// A code for examples and messages: lever `B` (or 2), objective 11, action 2.
    pub fn example(&'static self) -> ActionCode {
        let lever = match self.style(Field::Lever) {
            Style::Letter => u16::from(b'B'),
            _ => 2,
        };
        let objective = if self.style(Field::Objective).fits(11) {
            11
        } else {
            1
        };
        self.code_of([lever, objective, 2])
    }

    /// The regular expression of action codes (anchored, as JSON Schema writes patterns).
    pub fn pattern(&self) -> String {
        self.regex(&self.code)
    }

    /// The regular expression of objective codes.
    pub fn objective_pattern(&self) -> String {
        self.regex(&self.objective)
    }

    /// The regular expression of lever codes.
    pub fn lever_pattern(&self) -> String {
        format!("^{}$", self.style(Field::Lever).pattern())
    }

    fn regex(&self, parts: &[Part]) -> String {
        let mut out = String::from("^");
        for p in parts {
            match p {
                Part::Text(t) => {
                    for c in t.chars() {
                        if c == '.' {
                            out.push('\\');
                        }
                        out.push(c);
                    }
                }
                Part::Field(f) => out.push_str(&self.style(*f).pattern()),
            }
        }
        out.push('$');
        out
    }

    /// The parts of the code format, in order.
    pub fn parts(&self) -> &[Part] {
        &self.code
    }

    /// How each placeholder is written: lever, objective, action number.
    pub fn styles(&self) -> [Style; 3] {
        self.styles
    }
}

/// Where in `s` a problem is, for messages.
fn where_(s: &str, at: usize) -> String {
    match s.get(..at) {
        Some("") | None => "at the start".into(),
        Some(before) => format!("after `{before}`"),
    }
}

/// By default an objective code is the code format from the lever to the objective
/// (`{lever}-{objective}` for `IN-{lever}-{objective}.{number:02}`), or
/// `{lever}-{objective}` when the objective comes before the lever.
fn derived_objective(parts: &[Part]) -> String {
    let pos = |f: Field| parts.iter().position(|p| *p == Part::Field(f));
    match (pos(Field::Lever), pos(Field::Objective)) {
        (Some(l), Some(o))
            if l < o && parts[l + 1..o].iter().all(|p| matches!(p, Part::Text(_))) =>
        {
            let mut s = String::from("{lever}");
            for p in &parts[l + 1..o] {
                if let Part::Text(t) = p {
                    s.push_str(t);
                }
            }
            s.push_str("{objective}");
            s
        }
        _ => "{lever}-{objective}".into(),
    }
}

/// The code of an action, e.g. `IN-B-11.02`: its lever, objective and number, and the
/// format it is written in.
///
/// Codes order by lever, then objective number, then action number, so that
/// `IN-B-2.01` comes before `IN-B-10.01` (plan order, not string order); letters and
/// numbers order naturally.
#[derive(Clone, Copy)]
pub struct ActionCode {
    lever: u16,
    objective: u16,
    number: u16,
    format: &'static CodeFormat,
}

/// Why a string is not an action code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeError(pub String);

impl fmt::Display for CodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CodeError {}

impl ActionCode {
    /// The objective code this action belongs to, e.g. `B-11`.
    pub fn objective_code(&self) -> String {
        self.format.objective_text(self.lever, self.objective)
    }

    /// The lever as the plan writes it, e.g. `B`.
    pub fn lever_code(&self) -> String {
        self.format.lever_text(self.lever)
    }

    /// The format the code is written in.
    pub fn format(&self) -> &'static CodeFormat {
        self.format
    }

    /// The lever's value: a letter's ASCII value (`B` is 66), or the lever's number.
    pub fn lever(&self) -> u16 {
        self.lever
    }

    /// Whether the lever is written as a letter.
    pub fn lever_is_letter(&self) -> bool {
        self.format.lever_style() == Style::Letter
    }

    /// The objective's number within its lever (`11` in `IN-B-11.02`).
    pub fn objective(&self) -> u16 {
        self.objective
    }

    /// The action's number within its objective (`2` in `IN-B-11.02`).
    pub fn number(&self) -> u16 {
        self.number
    }

    fn key(&self) -> (u16, u16, u16) {
        (self.lever, self.objective, self.number)
    }
}

impl PartialEq for ActionCode {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
            && (std::ptr::eq(self.format, other.format) || self.format == other.format)
    }
}

impl Eq for ActionCode {}

impl std::hash::Hash for ActionCode {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.key().hash(state);
    }
}

impl PartialOrd for ActionCode {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ActionCode {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key().cmp(&other.key()).then_with(|| {
            if std::ptr::eq(self.format, other.format) {
                std::cmp::Ordering::Equal
            } else {
                self.format.code_source.cmp(&other.format.code_source)
            }
        })
    }
}

impl fmt::Display for ActionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.format.write(
            &self.format.code,
            [self.lever, self.objective, self.number],
            f,
        )
    }
}

impl fmt::Debug for ActionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ActionCode({self})")
    }
}

impl serde::Serialize for ActionCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl schemars::JsonSchema for ActionCode {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ActionCode".into()
    }

    // The default format's; `pan schema` writes the plan's own format in its place.
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "Action code: IN-<lever>-<objective>.<two-digit number>",
            "pattern": DEFAULT.pattern(),
            "examples": [DEFAULT.example().to_string()]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(code: &str) -> &'static CodeFormat {
        CodeFormat::new(code, None).unwrap().leak()
    }

    #[test]
    fn the_default_is_what_its_text_says() {
        assert_eq!(
            CodeFormat::new("IN-{lever}-{objective}.{number:02}", None).unwrap(),
            DEFAULT
        );
        assert!(std::ptr::eq(
            fmt("IN-{lever}-{objective}.{number:02}"),
            &DEFAULT
        ));
        assert_eq!(DEFAULT.pattern(), r"^IN-[A-Z]-[1-9][0-9]{0,2}\.[0-9]{2}$");
        assert_eq!(DEFAULT.objective_pattern(), r"^[A-Z]-[1-9][0-9]{0,2}$");
        assert_eq!(DEFAULT.lever_pattern(), r"^[A-Z]$");
        assert_eq!(DEFAULT.example().to_string(), "IN-B-11.02");
    }

    #[test]
    fn parses_and_displays() {
        let c = DEFAULT.parse("IN-B-11.02").unwrap();
        assert_eq!(c.lever_code(), "B");
        assert_eq!(c.objective(), 11);
        assert_eq!(c.number(), 2);
        assert_eq!(c.to_string(), "IN-B-11.02");
        assert_eq!(c.objective_code(), "B-11");
    }

    #[test]
    fn plan_order_is_numeric() {
        let a = DEFAULT.parse("IN-B-2.01").unwrap();
        let b = DEFAULT.parse("IN-B-10.01").unwrap();
        let c = DEFAULT.parse("IN-C-1.01").unwrap();
        assert!(a < b && b < c);
        let f = fmt("{lever:1}.{objective}.{number}");
        let codes: Vec<ActionCode> = ["2.3.1", "10.1.1", "2.10.1", "2.3.12", "1.9.9"]
            .iter()
            .map(|s| f.parse(s).unwrap())
            .collect();
        let mut sorted = codes.clone();
        sorted.sort();
        let shown: Vec<String> = sorted.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["1.9.9", "2.3.1", "2.3.12", "2.10.1", "10.1.1"]);
    }

    #[test]
    fn rejects_malformed() {
        for bad in [
            "",
            "IN-",
            "IN-b-1.01",
            "IN-B-1.1",
            "IN-B-01.01",
            "IN-B-1.001",
            "IN-B-1.00",
            "IN-B1.01",
            "XX-B-1.01",
            "IN-B-1,01",
            "IN-B-.01",
            "IN-BB-1.01",
            "IN-B-1.01 ",
            "IN-É-1.01",
            "IN-B-1000.01",
        ] {
            assert!(DEFAULT.parse(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn the_error_says_where_and_names_the_format() {
        let e = DEFAULT.parse("IN-B-11.2").unwrap_err().to_string();
        assert_eq!(
            e,
            "`IN-B-11.2` is not an action code of this plan (IN-{lever}-{objective}.{number:02}): after `IN-B-11.`, the action's number (2 digits) was expected"
        );
        let e = DEFAULT.parse("XX-B-1.01").unwrap_err().to_string();
        assert!(e.ends_with("at the start, `IN-` was expected"), "{e}");
        let e = DEFAULT.parse("IN-B-1.01x").unwrap_err().to_string();
        assert!(e.ends_with("nothing was expected after `IN-B-1.01`"), "{e}");
    }

    #[test]
    fn other_shapes() {
        let dotted = fmt("{lever:1}.{objective}.{number}");
        let c = dotted.parse("2.3.1").unwrap();
        assert_eq!((c.lever(), c.objective(), c.number()), (2, 3, 1));
        assert_eq!(c.lever_code(), "2");
        assert_eq!(c.objective_code(), "2.3");
        assert_eq!(dotted.objective_format(), "{lever}.{objective}");
        assert_eq!(
            dotted.pattern(),
            r"^[1-9][0-9]{0,2}\.[1-9][0-9]{0,2}\.[1-9][0-9]{0,2}$"
        );
        assert!(dotted.parse("2.03.1").is_err());
        assert!(dotted.parse("B.3.1").is_err());

        let prefixed = fmt("M-{lever}{objective}-{number:02}");
        let c = prefixed.parse("M-A12-03").unwrap();
        assert_eq!(
            (c.lever_code().as_str(), c.objective(), c.number()),
            ("A", 12, 3)
        );
        assert_eq!(c.objective_code(), "A12");
        assert_eq!(c.to_string(), "M-A12-03");
        assert_eq!(prefixed.parse_objective("A12"), Some((u16::from(b'A'), 12)));
        assert_eq!(prefixed.parse_loose("a12-03"), Some(c));
        assert_eq!(prefixed.parse_loose(" m-a12-03 "), Some(c));
        assert_eq!(prefixed.normalise("a12-3"), "M-A12-3");

        let padded = fmt("P{lever:02}-{objective:02}-{number:03}");
        let c = padded.parse("P01-02-003").unwrap();
        assert_eq!(c.to_string(), "P01-02-003");
        assert_eq!(c.objective_code(), "01-02");
        assert!(padded.parse("P1-02-003").is_err());
        assert_eq!(padded.code(100, 1, 1), None);
    }

    #[test]
    fn loose_input() {
        let c = DEFAULT.parse("IN-B-11.02").unwrap();
        for typed in ["b-11.02", "in-b-11.02", " IN-B-11.02 "] {
            assert_eq!(DEFAULT.parse_loose(typed), Some(c), "{typed}");
        }
        assert_eq!(DEFAULT.normalise("b-11.2"), "IN-B-11.2");
    }

    #[test]
    fn formats_that_cannot_work_are_refused() {
        for (bad, why) in [
            ("{lever}-{objective}", "no {number}"),
            ("{lever}{lever}-{objective}.{number}", "twice"),
            ("{lever:1}{objective}.{number}", "cannot be read back"),
            ("{lever}-{objective}{number:02}", "cannot be read back"),
            ("{lever}-{objective}1{number}", "cannot be read back"),
            ("IN/{lever}-{objective}.{number}", "character `/`"),
            ("IN {lever}-{objective}.{number}", "character ` `"),
            (".{lever}-{objective}.{number}", "starts with `.`"),
            ("{lever}-{objective}.{number:2}", "unknown style"),
            ("{lever}-{objective}.{number:05}", "unknown style"),
            ("{lever}-{objective}.{num}", "not a placeholder"),
            ("{lever}-{objective}.{number", "does not close"),
        ] {
            let e = CodeFormat::new(bad, None).unwrap_err().to_string();
            assert!(e.contains(why), "{bad}: {e}");
        }
        let e = CodeFormat::new("{lever}-{objective}.{number}", Some("{lever}-{number}"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("{number}"), "{e}");
        // A letter lever may touch the objective: its width is fixed.
        assert!(CodeFormat::new("{lever}{objective}.{number}", None).is_ok());
        // A padded number may be followed by digits.
        assert!(CodeFormat::new("{lever:1}.{objective:02}{number:02}", None).is_ok());
    }

    #[test]
    fn equality_and_order_follow_the_written_code() {
        let a = DEFAULT.parse("IN-B-11.02").unwrap();
        let same = fmt("IN-{lever}-{objective}.{number:02}")
            .parse("IN-B-11.02")
            .unwrap();
        assert_eq!(a, same);
        let other = fmt("X-{lever}-{objective}.{number:02}")
            .parse("X-B-11.02")
            .unwrap();
        assert_ne!(a, other);
    }
}
