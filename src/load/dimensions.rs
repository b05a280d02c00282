//! Reading `plan/dimensions.yaml`: the dimensions readings may be broken down by.

use super::decode::{self, Ctx};
use crate::diag::Span;
use crate::diag::rules;
use crate::model::dimension::{MAX_VALUES, is_value_id};
use crate::model::{Dimension, DimensionValue};
use crate::syntax::yaml::Node;

/// The file's name in the plan folder.
pub const FILE: &str = "dimensions.yaml";

/// At most this many dimensions: a readings file has one column per dimension it uses,
/// and a row is read without allocating.
pub const MAX: usize = 16;

/// Read and decode `dimensions.yaml` at `file`.
pub fn read(
    tree: &dyn super::tree::Tree,
    file: &str,
    settings: &crate::config::Settings,
    diags: &mut Vec<crate::diag::Diagnostic>,
) -> Vec<Dimension> {
    let Some((text, node)) = super::read_yaml(tree, file, diags) else {
        return Vec::new();
    };
    let mut ctx = Ctx::new(file, &text, settings.plan.codes);
    let out = dimensions(&mut ctx, &node);
    diags.append(&mut ctx.diags);
    out
}

/// Decode `dimensions.yaml`.
pub fn dimensions(ctx: &mut Ctx, root: &Node) -> Vec<Dimension> {
    let Some(f) = decode::mapping(ctx, root, FILE) else {
        return Vec::new();
    };
    f.check_keys(ctx, &["dimensions"], FILE);
    let Some(items) = f
        .required(ctx, "dimensions", FILE)
        .and_then(|n| decode::list(ctx, n, "`dimensions`"))
    else {
        return Vec::new();
    };
    let mut out: Vec<Dimension> = Vec::new();
    for item in items {
        let what = "a dimension";
        let Some(df) = decode::mapping(ctx, item, what) else {
            continue;
        };
        df.check_keys(ctx, &["id", "label", "source", "values"], what);
        let id_node = df.required(ctx, "id", what);
        let id = id_node.and_then(|n| {
            let s = decode::text(ctx, n, "the `id`")?;
            if !decode::is_id(&s) {
                ctx.report(
                    &rules::INVALID_VALUE,
                    n.span,
                    format!("`{s}` is not a valid dimension identifier"),
                    Some("use lower-case letters, digits and `-`: it names a column of readings files".into()),
                );
                return None;
            }
            if crate::model::reading::HEADER.contains(&s.as_str()) {
                ctx.report(
                    &rules::INVALID_VALUE,
                    n.span,
                    format!("`{s}` is already a column of readings files"),
                    Some("choose another identifier".into()),
                );
                return None;
            }
            if out.iter().any(|d| d.id == s) {
                ctx.report(
                    &rules::DUPLICATE_DEFINITION,
                    n.span,
                    format!("the dimension `{s}` is declared twice"),
                    None,
                );
                return None;
            }
            Some(s)
        });
        let label = df
            .required(ctx, "label", what)
            .and_then(|n| decode::text(ctx, n, "the `label`"));
        let source = match df.get("source") {
            Some(n) => decode::text(ctx, n, "the `source`"),
            None => Some(String::new()),
        };
        let values = df
            .required(ctx, "values", what)
            .and_then(|n| decode::list(ctx, n, "`values`"))
            .and_then(|items| {
                if items.is_empty() {
                    ctx.report(
                        &rules::INVALID_VALUE,
                        df.span,
                        "the dimension has no values".into(),
                        Some("list its values, each with an `id` and a `label`".into()),
                    );
                    return None;
                }
                values(ctx, items)
            });
        if out.len() >= MAX {
            ctx.report(
                &rules::INVALID_VALUE,
                df.span,
                format!("more than {MAX} dimensions"),
                Some(
                    "keep the dimensions the plan follows; a finer one can replace a coarser one"
                        .into(),
                ),
            );
            break;
        }
        if let (Some(id), Some(label), Some(source), Some(values)) = (id, label, source, values) {
            out.push(Dimension {
                id,
                label,
                source,
                values,
            });
        }
    }
    out
}

fn values(ctx: &mut Ctx, items: &[Node]) -> Option<Vec<DimensionValue>> {
    if items.len() > MAX_VALUES {
        let at = items.get(MAX_VALUES).map_or(Span::default(), |n| n.span);
        ctx.report(
            &rules::INVALID_VALUE,
            at,
            format!(
                "the dimension has {} values, more than {MAX_VALUES}",
                items.len()
            ),
            Some("group the values into fewer, broader ones (a breakdown of readings stores each value's position in 16 bits)".into()),
        );
        return None;
    }
    let mut out: Vec<DimensionValue> = Vec::with_capacity(items.len());
    let mut ok = true;
    for item in items {
        let what = "a value of a dimension";
        let Some(vf) = decode::mapping(ctx, item, what) else {
            ok = false;
            continue;
        };
        vf.check_keys(ctx, &["id", "label"], what);
        let id = vf.required(ctx, "id", what).and_then(|n| {
            let s = decode::text(ctx, n, "the value `id`")?;
            if !is_value_id(&s) || s.len() > 64 {
                ctx.report(
                    &rules::INVALID_VALUE,
                    n.span,
                    format!("`{s}` is not a valid value identifier"),
                    Some("use lower-case ASCII letters, digits, `-` and `+`, e.g. `esch-sur-alzette` or `65+`; the label keeps the published spelling".into()),
                );
                return None;
            }
            if out.iter().any(|v| v.id == s) {
                ctx.report(
                    &rules::DUPLICATE_DEFINITION,
                    n.span,
                    format!("the value `{s}` is declared twice"),
                    None,
                );
                return None;
            }
            Some(s)
        });
        let label = vf
            .required(ctx, "label", what)
            .and_then(|n| decode::text(ctx, n, "the value `label`"));
        match (id, label) {
            (Some(id), Some(label)) => out.push(DimensionValue { id, label }),
            _ => ok = false,
        }
    }
    ok.then_some(out)
}

/// Decode an indicator's `breakdowns:` list: dimension ids, each once. Whether the plan
/// declares them is checked once every file is read (P023).
pub fn breakdowns(ctx: &mut Ctx, node: &Node) -> Option<Vec<String>> {
    let list = decode::text_list(ctx, node, "`breakdowns`")?;
    let mut out: Vec<String> = Vec::with_capacity(list.len());
    let mut ok = true;
    for (id, span) in list {
        if !decode::is_id(&id) {
            ctx.report(
                &rules::INVALID_VALUE,
                span,
                format!("`{id}` is not a dimension identifier"),
                Some("name dimensions of plan/dimensions.yaml, e.g. `[age, canton]`".into()),
            );
            ok = false;
        } else if out.contains(&id) {
            ctx.report(
                &rules::INVALID_VALUE,
                span,
                format!("the dimension `{id}` is listed twice"),
                Some("list each dimension once".into()),
            );
            ok = false;
        } else {
            out.push(id);
        }
    }
    ok.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A dimension's values are stored as 16-bit positions: one value more than fits is
    /// refused with a diagnostic, never cut to another value.
    #[test]
    fn a_dimension_with_more_values_than_16_bits_hold_is_refused() {
        let one = crate::syntax::yaml::parse("id: v\nlabel: V\n").expect("a value parses");
        let mut ctx = Ctx::new(FILE, "", &crate::model::code::DEFAULT);
        let many = vec![one; MAX_VALUES + 1];
        assert_eq!(values(&mut ctx, &many), None);
        let d = ctx.diags.last().expect("a diagnostic");
        assert!(
            d.message.contains("65537 values, more than 65536"),
            "{}",
            d.message
        );
        assert!(d.hint.contains("fewer, broader"), "{}", d.hint);

        // The last value that fits is found at its position; none is found past it.
        let dim = Dimension {
            id: "d".into(),
            label: "D".into(),
            source: String::new(),
            values: (0..=MAX_VALUES)
                .map(|i| DimensionValue {
                    id: format!("v{i}"),
                    label: format!("V{i}"),
                })
                .collect(),
        };
        assert_eq!(dim.value_index("v65535"), Some(u16::MAX));
        assert_eq!(dim.value_index("v65536"), None);
    }
}
