//! Breakdown tables: for an indicator and one of its dimensions, the latest period with
//! cells broken down by that dimension alone, its total and the value of each category.

use jiff::civil::Date;

use crate::model::reading::{Figure, effective};
use crate::model::{IndicatorKind, Owner, Period, Plan, Readings};

/// One breakdown table.
#[derive(Clone, Debug, PartialEq)]
pub struct Breakdown {
    /// Whose indicator.
    pub owner: Owner,
    /// Index of the indicator in its owner's list.
    pub indicator: u32,
    /// The indicator's kind.
    pub kind: IndicatorKind,
    /// Index of the dimension in [`Plan::dimensions`].
    pub dimension: usize,
    /// The period shown: the latest with cells of this dimension known on the day.
    pub period: Period,
    /// The period's total, if recorded.
    pub total: Option<Figure>,
    /// Each category recorded, in the dimension's order: (value index, value).
    pub cells: Vec<(u16, Figure)>,
}

/// The breakdown tables of one indicator, one per dimension with cells, as known on
/// `as_of` (corrections applied).
pub fn of(
    plan: &Plan,
    readings: &Readings,
    owner: Owner,
    indicator: u32,
    as_of: Date,
) -> Vec<Breakdown> {
    let cells: Vec<_> = readings
        .cells_of(owner, indicator)
        .into_iter()
        .filter(|r| r.known_on(as_of))
        .collect();
    if cells.is_empty() {
        return Vec::new();
    }
    let kind = match owner {
        Owner::Action(a) => plan
            .actions
            .get(a as usize)
            .and_then(|a| a.indicators.get(indicator as usize))
            .map(|i| i.kind),
        Owner::Context => plan.context.get(indicator as usize).map(|c| c.kind),
    };
    let Some(kind) = kind else {
        return Vec::new();
    };
    let totals = effective(
        readings
            .of(owner, indicator)
            .into_iter()
            .filter(|r| r.known_on(as_of))
            .collect(),
    );
    let mut out = Vec::new();
    for d in 0..plan.dimensions.len() {
        // Cells of this dimension alone, the last row of each (period, value) in effect.
        let mine: Vec<(Period, u16, Figure)> = cells
            .iter()
            .filter_map(|r| match readings.cuts.cell(readings.cut_of(r)) {
                [(x, v)] if *x as usize == d => Some((r.period, *v, readings.figure(r.value()))),
                _ => None,
            })
            .collect();
        let Some(period) = mine.iter().map(|(p, _, _)| *p).max() else {
            continue;
        };
        let mut values: Vec<(u16, Figure)> = Vec::new();
        for (p, v, f) in mine {
            if p != period {
                continue;
            }
            values.retain(|(x, _)| *x != v);
            values.push((v, f));
        }
        values.sort_by_key(|(v, _)| *v);
        out.push(Breakdown {
            owner,
            indicator,
            kind,
            dimension: d,
            period,
            total: totals
                .iter()
                .rev()
                .find(|r| r.period == period)
                .map(|r| readings.figure(r.value())),
            cells: values,
        });
    }
    out
}

/// Every breakdown table of the plan: actions in plan order, then the context.
pub fn all(plan: &Plan, readings: &Readings, as_of: Date) -> Vec<Breakdown> {
    if readings.cuts.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, a) in plan.actions.iter().enumerate() {
        for j in 0..a.indicators.len() {
            out.extend(of(
                plan,
                readings,
                Owner::action(i),
                crate::model::index32(j),
                as_of,
            ));
        }
    }
    for k in 0..plan.context.len() {
        out.extend(of(
            plan,
            readings,
            Owner::Context,
            crate::model::index32(k),
            as_of,
        ));
    }
    out
}
