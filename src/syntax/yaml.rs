//! A YAML document as a tree of nodes that remember where they are in the file.
//!
//! The text is parsed by `granit-parser` — the panic-free, fuzz-tested YAML parser that
//! `serde-saphyr` is built on — whose events carry exact source spans. Building the tree
//! from those events directly (rather than through serde's `Spanned` wrappers) keeps the
//! position of every value at half the cost, which matters for 100,000-action portfolios.
//! Decoders in the sibling modules then read the tree field by field, so that every
//! problem in a file is reported with its line and column, and several problems in one
//! file are all reported in one run.
//!
//! Limits against hostile input: nesting depth, number of nodes, one document per file,
//! and no aliases (`*name`) at all — plan files never need them, and refusing them rules
//! out alias bombs.

use granit_parser::{Event, Parser, ScalarStyle, Span as PSpan};

use crate::config::limits::{YAML_DEPTH, YAML_NODES};
use crate::diag::Span;

/// A node of a YAML document and its position.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Where the value starts.
    pub span: Span,
    /// Byte range of the value in the source, when known (scalars).
    pub bytes: Option<(usize, usize)>,
}

/// A YAML value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `~`, `null` or nothing.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A floating-point number.
    Float(f64),
    /// A string.
    Str(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, keys in file order (duplicates kept, so that they can be reported).
    Map(Vec<(Key, Node)>),
}

/// A mapping key and its position.
#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    /// The key's text.
    pub name: String,
    /// Where the key is.
    pub span: Span,
}

impl Value {
    /// A word for the kind of value, for messages ("a list", "a text").
    pub fn describe(&self) -> &'static str {
        match self {
            Value::Null => "nothing (null)",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "a whole number",
            Value::Float(_) => "a number",
            Value::Str(_) => "a text",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

/// Why a YAML text could not be parsed.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    /// What is wrong, on one line.
    pub message: String,
    /// Where.
    pub span: Span,
}

fn span_of(s: &PSpan) -> Span {
    let len = s.end.index().saturating_sub(s.start.index());
    Span::at(
        crate::model::index32(s.start.line()),
        crate::model::index32(s.start.col()) + 1,
        u32::try_from(len).unwrap_or(u32::MAX),
    )
}

fn bytes_of(s: &PSpan) -> Option<(usize, usize)> {
    Some((s.start.byte_offset()?, s.end.byte_offset()?))
}

/// The value of a plain (unquoted) scalar, resolved as the YAML 1.2 core schema does,
/// except that booleans are only `true`/`false` (so `no` or `y` stay text).
fn plain(text: std::borrow::Cow<'_, str>) -> Value {
    let s: &str = &text;
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Value::Float(f64::INFINITY);
        }
        "-.inf" | "-.Inf" | "-.INF" => return Value::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
        _ => {}
    }
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return match s.parse::<i64>() {
            Ok(i) => Value::Int(i),
            Err(_) => s
                .parse::<f64>()
                .map(Value::Float)
                .unwrap_or_else(|_| Value::Str(s.to_string())),
        };
    }
    let is_float = {
        let (mantissa, exponent) = match digits.find(['e', 'E']) {
            Some(i) => (&digits[..i], Some(&digits[i + 1..])),
            None => (digits, None),
        };
        let mantissa_ok = {
            let mut parts = mantissa.splitn(2, '.');
            let int = parts.next().unwrap_or("");
            let frac = parts.next();
            int.bytes().all(|b| b.is_ascii_digit())
                && frac.is_none_or(|f| f.bytes().all(|b| b.is_ascii_digit()))
                && (!int.is_empty() || frac.is_some_and(|f| !f.is_empty()))
                && mantissa.contains('.') | exponent.is_some()
        };
        let exponent_ok = exponent.is_none_or(|e| {
            let e = e.strip_prefix(['-', '+']).unwrap_or(e);
            !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit())
        });
        mantissa_ok && exponent_ok
    };
    if is_float && let Ok(f) = s.parse::<f64>() {
        return Value::Float(f);
    }
    Value::Str(text.into_owned())
}

/// A collection being built.
enum Frame {
    Seq(Vec<Node>, Span),
    Map(Vec<(Key, Node)>, Span, Option<Key>),
}

fn error(message: impl Into<String>, span: Span) -> SyntaxError {
    SyntaxError {
        message: message.into(),
        span: Span {
            len: span.len.max(1),
            ..span
        },
    }
}

/// Parse a YAML text into a node tree.
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<Node> = None;
    let mut documents = 0;
    let mut nodes = 0usize;
    while let Some(item) = parser.next_event() {
        let (event, pspan) = item.map_err(|e| {
            let m = e.marker();
            let at = Span::at(
                crate::model::index32(m.line()),
                crate::model::index32(m.col()) + 1,
                1,
            );
            let message = e.to_string();
            // The parser's message ends with " at byte … line … column …": printed apart.
            let message = message
                .split(" at ")
                .next()
                .unwrap_or(&message)
                .trim()
                .to_string();
            error(
                if message.is_empty() {
                    "invalid YAML".to_string()
                } else {
                    message
                },
                at,
            )
        })?;
        let span = span_of(&pspan);
        let node = match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Anchor(..) => {
                continue;
            }
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    return Err(error(
                        "a plan file holds one YAML document; remove the second `---`",
                        span,
                    ));
                }
                continue;
            }
            Event::Alias(_) | Event::UnresolvedAlias(_) => {
                return Err(error(
                    "aliases (`*name`) are not allowed in plan files; write the value out",
                    span,
                ));
            }
            Event::Scalar(value, style, _, tag) => {
                let is_str_tag = tag
                    .as_ref()
                    .is_some_and(|t| t.to_string().ends_with(":str"));
                let value = if style == ScalarStyle::Plain && !is_str_tag {
                    plain(value)
                } else {
                    Value::Str(value.into_owned())
                };
                Node {
                    value,
                    span,
                    bytes: bytes_of(&pspan),
                }
            }
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                if stack.len() >= YAML_DEPTH {
                    return Err(error(
                        format!(
                            "the file nests lists and mappings more than {YAML_DEPTH} levels deep"
                        ),
                        span,
                    ));
                }
                if let Some(Frame::Map(_, _, None)) = stack.last() {
                    return Err(error(
                        "a key must be a plain text, not a list or a mapping",
                        span,
                    ));
                }
                stack.push(match event {
                    Event::SequenceStart(..) => Frame::Seq(Vec::new(), span),
                    _ => Frame::Map(Vec::new(), span, None),
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Frame::Seq(items, s)) => Node {
                    value: Value::Seq(items),
                    span: s,
                    bytes: None,
                },
                Some(Frame::Map(entries, s, _)) => Node {
                    value: Value::Map(entries),
                    span: s,
                    bytes: None,
                },
                None => return Err(error("unbalanced YAML structure", span)),
            },
            // Events of later parser versions carry no data pan needs.
            _ => continue,
        };
        nodes += 1;
        if nodes > YAML_NODES {
            return Err(error(
                format!("the file has more than {YAML_NODES} values"),
                span,
            ));
        }
        match stack.last_mut() {
            None => {
                if root.is_some() {
                    return Err(error("a plan file holds one YAML document", span));
                }
                root = Some(node);
            }
            Some(Frame::Seq(items, _)) => items.push(node),
            Some(Frame::Map(entries, _, pending)) => match pending.take() {
                None => {
                    let name = match node.value {
                        Value::Str(s) => s,
                        Value::Null => String::new(),
                        Value::Bool(b) => b.to_string(),
                        Value::Int(i) => i.to_string(),
                        Value::Float(f) => f.to_string(),
                        Value::Seq(_) | Value::Map(_) => {
                            return Err(error(
                                "a key must be a plain text, not a list or a mapping",
                                span,
                            ));
                        }
                    };
                    *pending = Some(Key {
                        name,
                        span: node.span,
                    });
                }
                Some(key) => entries.push((key, node)),
            },
        }
    }
    Ok(root.unwrap_or(Node {
        value: Value::Null,
        span: Span::file(),
        bytes: None,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_positions_and_duplicates() {
        let n = parse("# c\ncode: IN-B-1.01\nlist:\n  - a\n  - 2\ncode: again\n").unwrap();
        let Value::Map(entries) = n.value else {
            panic!("map expected")
        };
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[0].0.name, "code");
        assert_eq!(entries[0].0.span.line, 2);
        assert_eq!(entries[2].0.span.line, 6);
        let Value::Seq(items) = &entries[1].1.value else {
            panic!("seq expected")
        };
        assert_eq!(items[1].value, Value::Int(2));
        assert_eq!(items[1].span.line, 5);
        assert_eq!(items[1].span.column, 5);
    }

    #[test]
    fn yaml_1_1_booleans_stay_text() {
        let n = parse("a: no\nb: y\nc: true\n").unwrap();
        let Value::Map(e) = n.value else { panic!() };
        assert_eq!(e[0].1.value, Value::Str("no".into()));
        assert_eq!(e[1].1.value, Value::Str("y".into()));
        assert_eq!(e[2].1.value, Value::Bool(true));
    }

    #[test]
    fn syntax_errors_have_a_position() {
        let err = parse("a: [1, 2\nb: c\n").unwrap_err();
        assert_eq!(err.span.line, 2);
        assert!(!err.message.is_empty());
        assert!(!err.message.contains("line 2"), "{}", err.message);
    }

    #[test]
    fn plain_scalars_resolve_like_yaml() {
        let plain = |s: &str| plain(std::borrow::Cow::Borrowed(s));
        assert_eq!(plain("2026"), Value::Int(2026));
        assert_eq!(plain("-3"), Value::Int(-3));
        assert_eq!(plain("60.1"), Value::Float(60.1));
        assert_eq!(plain("1e3"), Value::Float(1000.0));
        assert_eq!(plain("2026-05"), Value::Str("2026-05".into()));
        assert_eq!(plain("2024 – 2026"), Value::Str("2024 – 2026".into()));
        assert_eq!(plain("."), Value::Str(".".into()));
        assert_eq!(plain("1.2.3"), Value::Str("1.2.3".into()));
        assert_eq!(plain("~"), Value::Null);
    }

    #[test]
    fn quoted_scalars_stay_text() {
        let n = parse("a: \"2026\"\nb: '~'\nc: !!str 12\n").unwrap();
        let Value::Map(e) = n.value else { panic!() };
        assert_eq!(e[0].1.value, Value::Str("2026".into()));
        assert_eq!(e[1].1.value, Value::Str("~".into()));
        assert_eq!(e[2].1.value, Value::Str("12".into()));
    }

    #[test]
    fn alias_bombs_and_deep_nesting_are_refused() {
        let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            bomb.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
        }
        assert!(parse(&bomb).is_err());
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(parse(&deep).is_err());
        let deep_block: String = (0..200)
            .map(|i| format!("{}k:\n", "  ".repeat(i)))
            .collect();
        assert!(parse(&deep_block).is_err());
    }
}
