//! A YAML document as a tree of nodes that remember where they are in the file.
//!
//! `serde-saphyr` parses the text (with budgets against alias bombs and deep nesting)
//! straight into this tree; decoders in the sibling modules then read the tree field by
//! field, so that every problem in a file is reported with its line and column, and
//! several problems in one file are all reported in one run.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

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

/// What serde-saphyr produces: the same tree, wrapped in its span type.
struct RawNode(Value);

struct RawKey(String);

fn span_of(loc: &serde_saphyr::Location) -> Span {
    let len = loc.span().len();
    Span::at(
        loc.line() as u32,
        loc.column() as u32,
        u32::try_from(len).unwrap_or(0),
    )
}

fn bytes_of(loc: &serde_saphyr::Location) -> Option<(usize, usize)> {
    let span = loc.span();
    let start = usize::try_from(span.byte_offset()?).ok()?;
    let len = usize::try_from(span.byte_len()?).ok()?;
    Some((start, start + len))
}

fn node(s: Spanned<RawNode>) -> Node {
    Node {
        span: span_of(&s.referenced),
        bytes: bytes_of(&s.referenced),
        value: s.value.0,
    }
}

impl<'de> Deserialize<'de> for RawKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawKey;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping key")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RawKey, E> {
                Ok(RawKey(v.to_string()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<RawKey, E> {
                Ok(RawKey(v))
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<RawKey, E> {
                Ok(RawKey(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<RawKey, E> {
                Ok(RawKey(v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<RawKey, E> {
                Ok(RawKey(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<RawKey, E> {
                Ok(RawKey(v.to_string()))
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<RawKey, E> {
                Ok(RawKey(String::new()))
            }
            fn visit_none<E: serde::de::Error>(self) -> Result<RawKey, E> {
                Ok(RawKey(String::new()))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for RawNode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawNode;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any YAML value")
            }
            fn visit_unit<E>(self) -> Result<RawNode, E> {
                Ok(RawNode(Value::Null))
            }
            fn visit_none<E>(self) -> Result<RawNode, E> {
                Ok(RawNode(Value::Null))
            }
            fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<RawNode, D2::Error> {
                RawNode::deserialize(d)
            }
            fn visit_bool<E>(self, v: bool) -> Result<RawNode, E> {
                Ok(RawNode(Value::Bool(v)))
            }
            fn visit_i64<E>(self, v: i64) -> Result<RawNode, E> {
                Ok(RawNode(Value::Int(v)))
            }
            fn visit_u64<E>(self, v: u64) -> Result<RawNode, E> {
                Ok(RawNode(
                    i64::try_from(v)
                        .map(Value::Int)
                        .unwrap_or(Value::Float(v as f64)),
                ))
            }
            fn visit_i128<E>(self, v: i128) -> Result<RawNode, E> {
                Ok(RawNode(
                    i64::try_from(v)
                        .map(Value::Int)
                        .unwrap_or(Value::Float(v as f64)),
                ))
            }
            fn visit_u128<E>(self, v: u128) -> Result<RawNode, E> {
                Ok(RawNode(
                    i64::try_from(v)
                        .map(Value::Int)
                        .unwrap_or(Value::Float(v as f64)),
                ))
            }
            fn visit_f64<E>(self, v: f64) -> Result<RawNode, E> {
                Ok(RawNode(Value::Float(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<RawNode, E> {
                Ok(RawNode(Value::Str(v.to_string())))
            }
            fn visit_string<E>(self, v: String) -> Result<RawNode, E> {
                Ok(RawNode(Value::Str(v)))
            }
            fn visit_bytes<E>(self, v: &[u8]) -> Result<RawNode, E> {
                Ok(RawNode(Value::Str(String::from_utf8_lossy(v).into_owned())))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<RawNode, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = a.next_element::<Spanned<RawNode>>()? {
                    items.push(node(item));
                }
                Ok(RawNode(Value::Seq(items)))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<RawNode, A::Error> {
                let mut entries = Vec::new();
                while let Some(k) = a.next_key::<Spanned<RawKey>>()? {
                    let key = Key {
                        span: span_of(&k.referenced),
                        name: k.value.0,
                    };
                    let v = a.next_value::<Spanned<RawNode>>()?;
                    entries.push((key, node(v)));
                }
                Ok(RawNode(Value::Map(entries)))
            }
        }
        d.deserialize_any(V)
    }
}

/// Why a YAML text could not be parsed.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    /// What the parser says, on one line.
    pub message: String,
    /// Where.
    pub span: Span,
}

/// Limits on one YAML document, against resource exhaustion by hostile input.
pub const MAX_DEPTH: usize = 32;
/// Maximum number of nodes in one plan file.
pub const MAX_NODES: usize = 200_000;
/// Maximum number of aliases in one plan file (plan files need none).
pub const MAX_ALIASES: usize = 100;

/// Parse a YAML text into a node tree.
///
/// Duplicate keys are kept (and reported by decoders); booleans are only `true`/`false`
/// so that `no` or `y` stay text; budgets bound depth, size and alias expansion.
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    let options = serde_saphyr::options! {
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::PassThrough,
        strict_booleans: true,
        with_snippet: false,
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
            max_nodes: MAX_NODES,
            max_aliases: MAX_ALIASES,
            max_anchors: MAX_ALIASES,
            max_documents: 1,
        },
    };
    match serde_saphyr::from_str_with_options::<Spanned<RawNode>>(text, options) {
        Ok(n) => Ok(node(n)),
        Err(e) => {
            let span = e.location().map(|l| span_of(&l)).unwrap_or_else(Span::file);
            let message = e.without_snippet().to_string();
            // Messages start with "error: line L column C: " — the position is printed apart.
            let message = message
                .strip_prefix("error: ")
                .unwrap_or(&message)
                .to_string();
            let message = match message.split_once(": ") {
                Some((pos, rest)) if pos.starts_with("line ") => rest.to_string(),
                _ => message,
            };
            // Drop a trailing " at line L, column C": the position is printed apart.
            let message = match message.find(" at line ") {
                Some(i) => message[..i].to_string(),
                None => message,
            };
            Err(SyntaxError {
                message: message
                    .lines()
                    .next()
                    .unwrap_or("invalid YAML")
                    .trim()
                    .to_string(),
                span: Span {
                    len: span.len.max(1),
                    ..span
                },
            })
        }
    }
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
