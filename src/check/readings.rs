//! Rules on the measured record: duplicates, corrections, dates, overdue readings.

use std::collections::HashMap;

use super::Input;
use crate::diag::rules;
use crate::diag::{Diagnostic, Span};
use crate::model::reading::{effective, parse_value};
use crate::model::{IndicatorKind, Owner, Period, Reading, Readings, Strings, Value};

fn at(readings: &Readings, r: &Reading) -> (String, Span) {
    (readings.file_of(r), Span::at(r.line, 1, 0))
}

/// The kind and id of a reading's indicator.
fn indicator_of<'a>(input: &'a Input, r: &Reading) -> Option<(&'a str, IndicatorKind)> {
    let plan = &input.loaded.plan;
    match r.owner() {
        Owner::Action(a) => plan
            .actions
            .get(a as usize)
            .and_then(|a| a.indicators.get(r.indicator as usize))
            .map(|i| (i.id.as_str(), i.kind)),
        Owner::Context => plan
            .context
            .get(r.indicator as usize)
            .map(|c| (c.id.as_str(), c.kind)),
    }
}

fn code_of(input: &Input, r: &Reading) -> Option<crate::model::ActionCode> {
    match r.owner() {
        Owner::Action(a) => input.loaded.plan.actions.get(a as usize).map(|a| a.code),
        Owner::Context => None,
    }
}

fn same_value(a: Value, b: Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => (x - y).abs() < 1e-9,
        (Value::Done, Value::Done) => true,
        (Value::Text(x), Value::Text(y)) => x == y,
        _ => false,
    }
}

/// R005 and R010: one reading per indicator and period, unless a later row explicitly
/// replaces the value before it.
pub fn duplicates_and_replacements(input: &Input, out: &mut Vec<Diagnostic>) {
    let readings = &input.loaded.readings;
    let mut scratch = Strings::default();
    // Each indicator's readings come in period order, then file and line order: the
    // readings of one period follow each other, the original first.
    for (_, group) in readings.groups() {
        let mut current: Option<(Period, Value)> = None;
        for r in group {
            let prev = current.filter(|(p, _)| *p == r.period).map(|(_, v)| v);
            current = Some((r.period, r.value()));
            match (prev, r.replaces()) {
                (None, None) => {}
                (Some(_), None) => {
                    let Some((id, _)) = indicator_of(input, r) else {
                        continue;
                    };
                    let (file, span) = at(readings, r);
                    out.push(
                        Diagnostic::new(&rules::READING_DUPLICATE, &file, span, format!("a second reading of `{id}` for {}", r.period))
                            .hint("keep one row, or record the correction with `pan reading add … --replace` (it fills `replaces`)")
                            .action(code_of(input, r)),
                    );
                }
                (prev, Some(sym)) => {
                    let Some((id, kind)) = indicator_of(input, r) else {
                        continue;
                    };
                    let raw = readings.strings.get(sym);
                    let replaced = match kind {
                        // Qualitative texts are compared as written.
                        IndicatorKind::Qualitative => prev
                            .map(|p| matches!(p, Value::Text(s) if readings.strings.get(s) == raw)),
                        _ => prev.map(|p| {
                            parse_value(raw, kind, &mut scratch).is_ok_and(|v| same_value(p, v))
                        }),
                    };
                    match (prev, replaced) {
                        (None, _) => {
                            let (file, span) = at(readings, r);
                            out.push(
                                Diagnostic::new(
                                    &rules::READING_BAD_REPLACEMENT,
                                    &file,
                                    span,
                                    format!("the row replaces `{raw}` but `{id}` has no earlier reading for {}", r.period),
                                )
                                .action(code_of(input, r)),
                            )
                        }
                        (Some(p), Some(false)) => {
                            let shown = readings.raw_value(p);
                            let (file, span) = at(readings, r);
                            out.push(
                                Diagnostic::new(
                                    &rules::READING_BAD_REPLACEMENT,
                                    &file,
                                    span,
                                    format!("the row replaces `{raw}`, but the reading of `{id}` for {} is `{shown}`", r.period),
                                )
                                .hint(format!("set `replaces` to {shown}"))
                                .action(code_of(input, r)),
                            )
                        }
                        _ => {}
                    }
                }
            }
        }
    }
}

/// R006: readings of periods that have not begun, or recorded after today.
pub fn future(input: &Input, out: &mut Vec<Diagnostic>) {
    let readings = &input.loaded.readings;
    for r in &readings.items {
        if r.period.start() > input.today {
            let (file, span) = at(readings, r);
            out.push(
                Diagnostic::new(
                    &rules::READING_IN_FUTURE,
                    &file,
                    span,
                    format!(
                        "the reading is for {}, which has not begun (today is {})",
                        r.period, input.today
                    ),
                )
                .action(code_of(input, r)),
            );
        } else if r.recorded.is_some_and(|d| d > input.today) {
            let (file, span) = at(readings, r);
            out.push(
                Diagnostic::new(
                    &rules::READING_IN_FUTURE,
                    &file,
                    span,
                    format!(
                        "the reading is recorded on {}, after today ({})",
                        r.recorded.map(|d| d.to_string()).unwrap_or_default(),
                        input.today
                    ),
                )
                .action(code_of(input, r)),
            );
        }
    }
}

/// R009: indicators with a frequency whose next reading is overdue.
pub fn overdue(input: &Input, out: &mut Vec<Diagnostic>) {
    let plan = &input.loaded.plan;
    let readings = &input.loaded.readings;
    let plan_start = input.settings.period_start();
    for (i, a) in plan.actions.iter().enumerate() {
        let start = a.calendar.start_date(plan_start);
        if start > input.as_of || a.state_on(input.as_of).is_some_and(|s| s.is_closed()) {
            continue;
        }
        for (j, ind) in a.indicators.iter().enumerate() {
            let Some(freq) = ind.frequency else { continue };
            // One indicator's readings at a time (not every reading's, listed at once).
            let mut known = readings.of(Owner::action(i), crate::model::index32(j));
            known.retain(|r| r.known_on(input.as_of));
            let last =
                crate::model::reading::latest(effective(known), input.as_of).map(|r| r.period);
            if let Some(p) = freq.overdue_period(last, start, input.as_of) {
                let msg = match last {
                    Some(l) => format!(
                        "`{}` of {} has no reading since {l} ({} reading for {p} is overdue)",
                        ind.id,
                        a.code,
                        freq.as_str()
                    ),
                    None => format!(
                        "`{}` of {} has no reading yet ({} reading for {p} is overdue)",
                        ind.id,
                        a.code,
                        freq.as_str()
                    ),
                };
                let spans = &input.loaded.spans[i];
                let span = spans.frequencies.get(j).copied().unwrap_or_default();
                out.push(
                    Diagnostic::new(&rules::READING_OVERDUE, &spans.file, span, msg)
                        .action(Some(a.code)),
                );
            }
        }
    }
}

/// R012: a deliverable recorded as done in more than one period.
pub fn deliverables(input: &Input, out: &mut Vec<Diagnostic>) {
    let readings = &input.loaded.readings;
    let mut first: HashMap<(Owner, u32), Period> = HashMap::new();
    let mut order: Vec<&Reading> = readings
        .items
        .iter()
        .filter(|r| r.value() == Value::Done && readings.is_total(r))
        .collect();
    order.sort_by_key(|r| (r.file, r.line));
    for r in order {
        match first.get(&(r.owner(), r.indicator)) {
            Some(p) if *p != r.period => {
                let (file, span) = at(readings, r);
                let id = indicator_of(input, r).map(|(id, _)| id).unwrap_or("?");
                out.push(
                    Diagnostic::new(
                        &rules::READING_DELIVERABLE_TWICE,
                        &file,
                        span,
                        format!("`{id}` was already recorded as done for {p}"),
                    )
                    .action(code_of(input, r)),
                );
            }
            Some(_) => {}
            None => {
                first.insert((r.owner(), r.indicator), r.period);
            }
        }
    }
}

/// The kind of a period, to compare the parts of a period one kind at a time (the halves
/// of a year do not overlap each other, but a half and a quarter may).
fn part_kind(p: Period) -> u8 {
    match p {
        Period::Year(_) => 0,
        Period::Half(..) => 1,
        Period::Quarter(..) => 2,
        Period::Month(..) => 3,
        Period::Day(_) => 4,
    }
}

/// The number of days of a period.
fn days(p: Period) -> i64 {
    p.start()
        .until(p.end())
        .map(|s| i64::from(s.get_days()))
        .unwrap_or(0)
        + 1
}

/// R018: for a flow, the readings in effect of the periods inside a period (its halves,
/// quarters, months or days, each kind on its own) add up to more than the period's
/// reading, or cover it entirely and add up to something else.
pub fn periods_agree(input: &Input, out: &mut Vec<Diagnostic>) {
    let readings = &input.loaded.readings;
    let plan = &input.loaded.plan;
    for ((owner, ind), group) in readings.groups() {
        let flow = match owner {
            Owner::Action(a) => plan
                .actions
                .get(a as usize)
                .and_then(|a| a.indicators.get(ind as usize))
                .is_some_and(|i| i.measure() == crate::model::Measure::Flow),
            // Context indicators describe the situation (shares): levels.
            Owner::Context => false,
        };
        if !flow {
            continue;
        }
        let numbers: Vec<(Period, f64, &Reading)> = effective(group.collect())
            .into_iter()
            .filter_map(|r| match r.value() {
                Value::Number(n) => Some((r.period, n, r)),
                _ => None,
            })
            .collect();
        // Each kind's readings by start, so that the parts of a period are found without
        // going through every reading for each (a year of daily readings made that
        // quadratic: 10,000,000 readings took minutes).
        let mut by_kind: [Vec<usize>; 5] = Default::default();
        for (i, (p, ..)) in numbers.iter().enumerate() {
            by_kind[usize::from(part_kind(*p))].push(i);
        }
        for list in &mut by_kind {
            list.sort_by_key(|&i| (numbers[i].0.start(), i));
        }
        for &(whole, total, whole_row) in &numbers {
            for kind in part_kind(whole) + 1..=4 {
                let list = &by_kind[usize::from(kind)];
                let from = list.partition_point(|&i| numbers[i].0.start() < whole.start());
                let mut found: Vec<usize> = list[from..]
                    .iter()
                    .copied()
                    .take_while(|&i| numbers[i].0.start() <= whole.end())
                    .filter(|&i| numbers[i].0.end() <= whole.end())
                    .collect();
                // In the order of the readings, as they are listed.
                found.sort_unstable();
                let parts: Vec<&(Period, f64, &Reading)> =
                    found.iter().map(|&i| &numbers[i]).collect();
                if parts.is_empty() {
                    continue;
                }
                let sum: f64 = parts.iter().map(|(_, n, _)| n).sum();
                let covered = parts.iter().map(|(p, ..)| days(*p)).sum::<i64>() == days(whole);
                let over = sum > total + 1e-9;
                let differs = covered && (sum - total).abs() > 1e-9;
                if !(over || differs) {
                    continue;
                }
                let Some((id, _)) = indicator_of(input, whole_row) else {
                    continue;
                };
                // Said at the row written last of those that disagree.
                let last = parts
                    .iter()
                    .map(|(_, _, r)| *r)
                    .chain([whole_row])
                    .max_by_key(|r| (r.file, r.line))
                    .unwrap_or(whole_row);
                let listed: Vec<String> = parts.iter().map(|(p, ..)| p.to_string()).collect();
                let (file, span) = at(readings, last);
                let n = crate::model::reading::format_number;
                out.push(
                    Diagnostic::new(
                        &rules::READING_PERIODS_DISAGREE,
                        &file,
                        span,
                        format!(
                            "`{id}` is {} for {whole}, but its readings for {} add up to {}{}",
                            n(total),
                            listed.join(", "),
                            n(sum),
                            if over { ", more" } else { "" }
                        ),
                    )
                    .action(code_of(input, last)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Frequency;
    use jiff::civil::date;

    #[test]
    fn overdue_after_the_next_period_ends() {
        let start = date(2026, 1, 1);
        let q1: Period = "2026-Q1".parse().unwrap();
        assert_eq!(
            Frequency::Quarterly.overdue_period(Some(q1), start, date(2026, 6, 30)),
            None
        );
        assert_eq!(
            Frequency::Quarterly.overdue_period(Some(q1), start, date(2026, 7, 1)),
            Some("2026-Q2".parse().unwrap())
        );
        assert_eq!(
            Frequency::Annual.overdue_period(None, start, date(2026, 12, 31)),
            None
        );
        assert_eq!(
            Frequency::Annual.overdue_period(None, start, date(2027, 1, 1)),
            Some(Period::Year(2026))
        );
        // A reading of a finer period counts for the period that contains it.
        let may: Period = "2026-05".parse().unwrap();
        assert_eq!(
            Frequency::Quarterly.overdue_period(Some(may), start, date(2026, 10, 1)),
            Some("2026-Q3".parse().unwrap())
        );
    }
}
