//! Reading typed values out of a YAML node tree, reporting every problem with its
//! position instead of stopping at the first one.

use jiff::civil::Date;

use crate::diag::rules;
use crate::diag::{Diagnostic, Span};
use crate::model::{CodeFormat, Period};
use crate::syntax::yaml::{Key, Node, Value};
use crate::text::suggest;

/// Where decoded values go wrong: the file being read, its text, and the diagnostics so far.
pub struct Ctx<'a> {
    /// The file, relative to the repository root.
    pub file: &'a str,
    /// The file's text (to recover the spelling of scalars).
    pub text: &'a str,
    /// Problems found so far.
    pub diags: Vec<Diagnostic>,
    /// How the plan writes its codes.
    pub codes: &'static CodeFormat,
}

impl<'a> Ctx<'a> {
    /// A context for one file.
    pub fn new(file: &'a str, text: &'a str, codes: &'static CodeFormat) -> Ctx<'a> {
        Ctx {
            file,
            text,
            codes,
            diags: Vec::new(),
        }
    }

    /// Record a problem.
    pub fn report(
        &mut self,
        rule: &'static rules::Rule,
        span: Span,
        message: String,
        hint: Option<String>,
    ) {
        let mut d = Diagnostic::new(rule, self.file, span, message);
        if let Some(h) = hint {
            d.hint = h;
        }
        self.diags.push(d);
    }

    /// Whether any error was recorded.
    pub fn has_errors(&self) -> bool {
        self.diags
            .iter()
            .any(|d| d.severity == crate::diag::Severity::Error)
    }

    /// The source text of a scalar node, as written (`2026` stays `2026`, `1.10` stays `1.10`).
    fn spelling(&self, node: &Node) -> Option<String> {
        let (a, b) = node.bytes?;
        let s = self.text.get(a..b)?;
        let s = s.trim();
        // Quoted scalars never reach here (they are strings); plain ones are their own text.
        (!s.is_empty()).then(|| s.to_string())
    }
}

/// The entries of a mapping, with helpers to read fields.
pub struct Fields<'n> {
    /// The keys and values, in file order.
    pub entries: &'n [(Key, Node)],
    /// Where the mapping is.
    pub span: Span,
}

/// Read `node` as a mapping; report a wrong type otherwise.
pub fn mapping<'n>(ctx: &mut Ctx, node: &'n Node, what: &str) -> Option<Fields<'n>> {
    match &node.value {
        Value::Map(entries) => Some(Fields {
            entries,
            span: node.span,
        }),
        other => {
            ctx.report(
                &rules::WRONG_TYPE,
                node.span,
                format!(
                    "{what} must be a mapping of fields, found {}",
                    other.describe()
                ),
                Some("write one `field: value` per line".into()),
            );
            None
        }
    }
}

impl<'n> Fields<'n> {
    /// Report unknown and repeated keys. `known` lists the accepted field names.
    pub fn check_keys(&self, ctx: &mut Ctx, known: &[&str], what: &str) {
        let mut seen: Vec<&str> = Vec::new();
        for (key, _) in self.entries {
            if seen.contains(&key.name.as_str()) {
                ctx.report(
                    &rules::DUPLICATE_KEY,
                    key.span,
                    format!("`{}` appears twice in {what}", key.name),
                    None,
                );
                continue;
            }
            seen.push(&key.name);
            if !known.contains(&key.name.as_str()) {
                let hint = match suggest(&key.name, known) {
                    Some(s) => format!(
                        "did you mean `{s}`? {what} accepts: {}",
                        crate::text::few(known)
                    ),
                    None => format!("{what} accepts: {}", crate::text::few(known)),
                };
                ctx.report(
                    &rules::UNKNOWN_FIELD,
                    key.span,
                    format!("unknown field `{}` in {what}", key.name),
                    Some(hint),
                );
            }
        }
    }

    /// Every entry, in file order.
    pub fn entries(&self) -> &'n [(Key, Node)] {
        self.entries
    }

    /// The first entry with this key.
    pub fn get(&self, name: &str) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|(k, _)| k.name == name)
            .map(|(_, v)| v)
    }

    /// The key span of a field, if present.
    pub fn key_span(&self, name: &str) -> Option<Span> {
        self.entries
            .iter()
            .find(|(k, _)| k.name == name)
            .map(|(k, _)| k.span)
    }

    /// A required field: report it missing otherwise.
    pub fn required(&self, ctx: &mut Ctx, name: &str, what: &str) -> Option<&'n Node> {
        let found = self.get(name);
        if found.is_none() {
            ctx.report(
                &rules::MISSING_FIELD,
                self.span,
                format!("{what} has no `{name}` field"),
                Some(format!("add `{name}:` to {what}")),
            );
        }
        found
    }
}

/// Read a text. Plain numbers and booleans are accepted with their spelling (a calendar
/// label `2026` is the text "2026").
pub fn text(ctx: &mut Ctx, node: &Node, what: &str) -> Option<String> {
    text_ref(ctx, node, what).map(std::borrow::Cow::into_owned)
}

/// Read a text without copying it when the file holds it as a string (for values that are
/// only parsed: codes, kinds, dates).
pub fn text_ref<'n>(
    ctx: &mut Ctx,
    node: &'n Node,
    what: &str,
) -> Option<std::borrow::Cow<'n, str>> {
    use std::borrow::Cow;
    match &node.value {
        Value::Str(s) => Some(Cow::Borrowed(s)),
        Value::Int(_) | Value::Float(_) | Value::Bool(_) => ctx
            .spelling(node)
            .or_else(|| match &node.value {
                Value::Int(i) => Some(i.to_string()),
                Value::Float(f) => Some(f.to_string()),
                Value::Bool(b) => Some(b.to_string()),
                _ => None,
            })
            .map(Cow::Owned),
        other => {
            ctx.report(
                &rules::WRONG_TYPE,
                node.span,
                format!("{what} must be a text, found {}", other.describe()),
                Some(if matches!(other, Value::Null) {
                    format!("write the text after the colon, or \"\" if {what} is really empty")
                } else {
                    "write a single text; quote it if it contains `: ` or starts with a special character".into()
                }),
            );
            None
        }
    }
}

/// Read a list of texts, each with its position.
pub fn text_list(ctx: &mut Ctx, node: &Node, what: &str) -> Option<Vec<(String, Span)>> {
    match &node.value {
        Value::Seq(items) => {
            let mut out = Vec::with_capacity(items.len());
            let mut ok = true;
            for item in items {
                match text(ctx, item, &format!("each entry of {what}")) {
                    Some(s) => out.push((s, item.span)),
                    None => ok = false,
                }
            }
            ok.then_some(out)
        }
        other => {
            ctx.report(
                &rules::WRONG_TYPE,
                node.span,
                format!("{what} must be a list, found {}", other.describe()),
                Some(
                    "write a list: `[A, B]`, or one `- item` per line; an empty list is `[]`"
                        .into(),
                ),
            );
            None
        }
    }
}

/// Read a list of nodes.
pub fn list<'n>(ctx: &mut Ctx, node: &'n Node, what: &str) -> Option<&'n [Node]> {
    match &node.value {
        Value::Seq(items) => Some(items),
        other => {
            ctx.report(
                &rules::WRONG_TYPE,
                node.span,
                format!("{what} must be a list, found {}", other.describe()),
                Some("write one `- item` per line; an empty list is `[]`".into()),
            );
            None
        }
    }
}

/// Read a boolean.
pub fn boolean(ctx: &mut Ctx, node: &Node, what: &str) -> Option<bool> {
    match &node.value {
        Value::Bool(b) => Some(*b),
        other => {
            ctx.report(
                &rules::WRONG_TYPE,
                node.span,
                format!("{what} must be true or false, found {}", other.describe()),
                None,
            );
            None
        }
    }
}

/// Read a number.
pub fn number(ctx: &mut Ctx, node: &Node, what: &str) -> Option<f64> {
    match &node.value {
        Value::Int(i) => Some(*i as f64),
        Value::Float(f) if f.is_finite() => Some(*f),
        other => {
            ctx.report(
                &rules::WRONG_TYPE,
                node.span,
                format!("{what} must be a number, found {}", other.describe()),
                None,
            );
            None
        }
    }
}

/// Read one of a fixed set of words (a kind, a state …).
pub fn word<T>(
    ctx: &mut Ctx,
    node: &Node,
    what: &str,
    parse: impl Fn(&str) -> Option<T>,
    allowed: &[&str],
) -> Option<T> {
    let s = text_ref(ctx, node, what)?;
    match parse(&s) {
        Some(v) => Some(v),
        None => {
            let hint = match suggest(&s, allowed) {
                Some(near) => format!(
                    "did you mean `{near}`? accepted: {}",
                    crate::text::few(allowed)
                ),
                None => format!("accepted: {}", crate::text::few(allowed)),
            };
            ctx.report(
                &rules::INVALID_VALUE,
                node.span,
                format!("`{s}` is not a valid {what}"),
                Some(hint),
            );
            None
        }
    }
}

/// Read a period (`2026`, `2026-Q2`, `2025-09`, `2025-10-30`).
pub fn period(ctx: &mut Ctx, node: &Node, what: &str) -> Option<Period> {
    let s = match &node.value {
        Value::Int(i) => std::borrow::Cow::Owned(i.to_string()),
        _ => text_ref(ctx, node, what)?,
    };
    match s.parse::<Period>() {
        Ok(p) => Some(p),
        Err(e) => {
            ctx.report(
                &rules::INVALID_VALUE,
                node.span,
                format!("{what}: {e}"),
                None,
            );
            None
        }
    }
}

/// Read a date (`2026-05-17`).
pub fn date(ctx: &mut Ctx, node: &Node, what: &str) -> Option<Date> {
    let s = text_ref(ctx, node, what)?;
    match parse_date(&s) {
        Some(d) => Some(d),
        None => {
            ctx.report(
                &rules::INVALID_VALUE,
                node.span,
                format!("{what} `{s}` is not a date"),
                Some("write the date as YYYY-MM-DD, e.g. 2026-05-17".into()),
            );
            None
        }
    }
}

/// Parse a strict `YYYY-MM-DD` date.
pub fn parse_date(s: &str) -> Option<Date> {
    match s.parse::<Period>() {
        Ok(Period::Day(d)) => Some(d),
        _ => None,
    }
}

/// Whether `s` is a valid identifier: lower-case letters, digits and `-`, not starting with `-`.
pub fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && !s.starts_with('-')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert!(is_id("participants-formes"));
        assert!(is_id("2025"));
        assert!(!is_id("Participants"));
        assert!(!is_id("-x"));
        assert!(!is_id("a b"));
        assert!(!is_id(""));
    }
}
