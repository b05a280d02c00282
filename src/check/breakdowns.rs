//! Rules on breakdowns: the dimensions indicators declare, and the cells recorded.
//!
//! Values of a cell (an unknown column, a value outside its dimension's list, a dimension
//! its indicator does not declare) are checked by the loader as it reads each row; the
//! rules here look across rows and files.

use rustc_hash::FxHashMap as HashMap;

use super::Input;
use crate::diag::rules;
use crate::diag::{Diagnostic, Span};
use crate::model::reading::parse_value;
use crate::model::{Measure, Owner, Period, Reading, Strings, Value};

fn code_of(input: &Input, owner: Owner) -> Option<crate::model::ActionCode> {
    match owner {
        Owner::Action(a) => input.loaded.plan.actions.get(a as usize).map(|a| a.code),
        Owner::Context => None,
    }
}

/// P023: indicators declaring a breakdown by a dimension `plan/dimensions.yaml` lacks.
pub fn declared(input: &Input, out: &mut Vec<Diagnostic>) {
    let plan = &input.loaded.plan;
    let ids: Vec<&str> = plan.dimensions.iter().map(|d| d.id.as_str()).collect();
    let mut report = |file: &str, span: Span, id: &str, dim: &str, code| {
        let hint = match crate::text::suggest(dim, &ids) {
            Some(near) => format!(
                "did you mean `{near}`? dimensions: {}",
                crate::text::few(&ids)
            ),
            None if ids.is_empty() => {
                "declare the dimension in plan/dimensions.yaml (the plan has none yet)".into()
            }
            None => format!(
                "declare it in plan/dimensions.yaml, or use one of: {}",
                crate::text::few(&ids)
            ),
        };
        out.push(
            Diagnostic::new(
                &rules::UNKNOWN_DIMENSION,
                file,
                span,
                format!("`{id}` is to be broken down by `{dim}`, which plan/dimensions.yaml does not declare"),
            )
            .hint(hint)
            .action(code),
        );
    };
    for (i, a) in plan.actions.iter().enumerate() {
        let spans = &input.loaded.spans[i];
        for (j, ind) in a.indicators.iter().enumerate() {
            for dim in &ind.breakdowns {
                if plan.dimension_index(dim).is_none() {
                    let span = spans.indicators.get(j).copied().unwrap_or_default();
                    report(&spans.file, span, &ind.id, dim, Some(a.code));
                }
            }
        }
    }
    let decls = &input.loaded.decls;
    for (j, c) in plan.context.iter().enumerate() {
        for dim in &c.breakdowns {
            if plan.dimension_index(dim).is_none() {
                let span = decls.context.get(j).copied().unwrap_or_default();
                report(&decls.context_file, span, &c.id, dim, None);
            }
        }
    }
}

/// R016 (and R010 for a correction of a cell): one reading per indicator, period and
/// breakdown cell, unless a later row replaces the value before it.
pub fn cells_once(input: &Input, out: &mut Vec<Diagnostic>) {
    let readings = &input.loaded.readings;
    if readings.cuts.is_empty() {
        return;
    }
    let mut scratch = Strings::default();
    for ((owner, ind), group) in readings.cell_groups() {
        let Some((id, kind)) = indicator(input, owner, ind) else {
            continue;
        };
        // The cells of one period follow each other, in file and line order.
        let mut current: HashMap<u32, Value> = HashMap::default();
        let mut period: Option<Period> = None;
        for r in group {
            if period != Some(r.period) {
                current.clear();
                period = Some(r.period);
            }
            let cut = readings.cut_of(r);
            let prev = current.insert(cut, r.value);
            if prev.is_none() && r.replaces.is_none() {
                continue;
            }
            let cell = cell_text(input, cut);
            let (file, span) = (readings.file_of(r), Span::at(r.line, 1, 0));
            let d = match (prev, r.replaces) {
                (None, None) => continue,
                (Some(_), None) => Diagnostic::new(
                    &rules::READING_BREAKDOWN_TWICE,
                    &file,
                    span,
                    format!("a second reading of `{id}` for {} ({cell})", r.period),
                )
                .hint("keep one row, or record the correction with `pan reading add … --by … --replace` (it fills `replaces`)"),
                (None, Some(sym)) => Diagnostic::new(
                    &rules::READING_BAD_REPLACEMENT,
                    &file,
                    span,
                    format!(
                        "the row replaces `{}` but `{id}` has no earlier reading for {} ({cell})",
                        readings.strings.get(sym),
                        r.period
                    ),
                ),
                (Some(p), Some(sym)) => {
                    let raw = readings.strings.get(sym);
                    let same = match (p, parse_value(raw, kind, &mut scratch)) {
                        (Value::Number(a), Ok(Value::Number(b))) => (a - b).abs() < 1e-9,
                        (Value::Done, Ok(Value::Done)) => true,
                        (Value::Text(a), _) => readings.strings.get(a) == raw,
                        _ => false,
                    };
                    if same {
                        continue;
                    }
                    let shown = readings.raw_value(p);
                    Diagnostic::new(
                        &rules::READING_BAD_REPLACEMENT,
                        &file,
                        span,
                        format!(
                            "the row replaces `{raw}`, but the reading of `{id}` for {} ({cell}) is `{shown}`",
                            r.period
                        ),
                    )
                    .hint(format!("set `replaces` to {shown}"))
                }
            };
            out.push(d.action(code_of(input, owner)));
        }
    }
}

/// R017: for a flow, the cells of one breakdown of a period add up to more than the
/// period's total.
pub fn within_total(input: &Input, out: &mut Vec<Diagnostic>) {
    let readings = &input.loaded.readings;
    if readings.cuts.is_empty() {
        return;
    }
    let plan = &input.loaded.plan;
    for ((owner, ind), group) in readings.cell_groups() {
        let flow = match owner {
            Owner::Action(a) => plan
                .actions
                .get(a as usize)
                .and_then(|a| a.indicators.get(ind as usize))
                .is_some_and(|i| i.measure() == Measure::Flow),
            // Context indicators describe the situation (shares): levels.
            Owner::Context => false,
        };
        if !flow {
            continue;
        }
        let Some((id, _)) = indicator(input, owner, ind) else {
            continue;
        };
        // The total in effect for each period: the last row of the period.
        let totals: HashMap<Period, f64> = readings
            .of(owner, ind)
            .into_iter()
            .filter_map(|r| match r.value {
                Value::Number(n) => Some((r.period, n)),
                _ => None,
            })
            .collect();
        // The cell in effect for each (period, cut): the last row.
        let mut cells: HashMap<(Period, u32), &Reading> = HashMap::default();
        for r in &group {
            cells.insert((r.period, readings.cut_of(r)), r);
        }
        // Sum by period and set of dimensions.
        // A set of dimensions as a mask: at most 16 dimensions (see load::dimensions::MAX).
        let mut sums: HashMap<(Period, u32), (f64, &Reading)> = HashMap::default();
        for ((period, cut), r) in &cells {
            let Value::Number(n) = r.value else { continue };
            let dims: u32 = readings
                .cuts
                .cell(*cut)
                .iter()
                .fold(0, |m, (d, _)| m | (1 << (*d as u32 & 31)));
            let e = sums.entry((*period, dims)).or_insert((0.0, r));
            e.0 += n;
            if (r.file, r.line) > (e.1.file, e.1.line) {
                e.1 = r;
            }
        }
        let mut found: Vec<(&Reading, Period, u32, f64, f64)> = sums
            .into_iter()
            .filter_map(|((period, dims), (sum, r))| {
                let total = *totals.get(&period)?;
                (sum > total + 1e-9).then_some((r, period, dims, sum, total))
            })
            .collect();
        found.sort_by_key(|(r, ..)| (r.file, r.line));
        for (r, period, dims, sum, total) in found {
            let names: Vec<&str> = plan
                .dimensions
                .iter()
                .enumerate()
                .filter(|(d, _)| dims & (1 << (*d & 31)) != 0)
                .map(|(_, x)| x.id.as_str())
                .collect();
            out.push(
                Diagnostic::new(
                    &rules::READING_BREAKDOWN_EXCEEDS_TOTAL,
                    &readings.file_of(r),
                    Span::at(r.line, 1, 0),
                    format!(
                        "the cells of `{id}` for {period} by {} add up to {}, more than the total {}",
                        names.join(" × "),
                        crate::model::reading::format_number(sum),
                        crate::model::reading::format_number(total)
                    ),
                )
                .action(code_of(input, owner)),
            );
        }
    }
}

fn indicator<'a>(
    input: &'a Input,
    owner: Owner,
    ind: u32,
) -> Option<(&'a str, crate::model::IndicatorKind)> {
    let plan = &input.loaded.plan;
    match owner {
        Owner::Action(a) => plan
            .actions
            .get(a as usize)
            .and_then(|a| a.indicators.get(ind as usize))
            .map(|i| (i.id.as_str(), i.kind)),
        Owner::Context => plan
            .context
            .get(ind as usize)
            .map(|c| (c.id.as_str(), c.kind)),
    }
}

/// A cell as `age=65+, canton=wiltz`.
fn cell_text(input: &Input, cut: u32) -> String {
    let plan = &input.loaded.plan;
    crate::load::readings::cell_key(&crate::load::readings::cell_pairs(
        &plan.dimensions,
        input.loaded.readings.cuts.cell(cut),
    ))
    .replace(';', ", ")
}
