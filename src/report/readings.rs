//! Readings as rows, named by action and indicator: one shape for listings, exports,
//! action cards and diffs.

use jiff::civil::Date;

use crate::model::reading::{CONTEXT, Figure};
use crate::model::{IndicatorKind, Owner, Period, Plan, Reading, Readings};

/// A reading, named.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadingRow {
    /// Action code, or [`CONTEXT`] for a context indicator.
    pub action: String,
    /// Indicator id.
    pub indicator: String,
    /// Indicator label, as published.
    pub label: String,
    /// The indicator's kind, when it is declared.
    pub kind: Option<IndicatorKind>,
    /// Period.
    pub period: Period,
    /// Value.
    pub value: Figure,
    /// Value as written in the readings file.
    pub raw: String,
    /// Source.
    pub source: String,
    /// Note.
    pub note: String,
    /// Day recorded.
    pub recorded: Option<Date>,
    /// Value this reading corrects, as written.
    pub replaces: Option<String>,
    /// The breakdown cell, as (dimension id, value id) in the plan's dimension order;
    /// empty for a total.
    pub by: Vec<(String, String)>,
    /// The labels of the cell's values, as published, in the same order.
    pub by_labels: Vec<String>,
}

impl ReadingRow {
    /// Whether the reading was known on `as_of` (the rule of [`Reading::known_on`]).
    pub fn known_on(&self, as_of: Date) -> bool {
        crate::model::reading::known(self.period, self.recorded, as_of)
    }

    /// The order rows are listed and compared in: indicator, period, then the text.
    pub fn sort_key(&self) -> (&str, Period, &str, &str, &str) {
        (
            &self.indicator,
            self.period,
            &self.raw,
            &self.source,
            &self.note,
        )
    }
}

/// The row of one reading.
pub fn row(plan: &Plan, readings: &Readings, r: &Reading) -> ReadingRow {
    let (action, indicator, label, kind) = match r.owner {
        Owner::Action(i) => {
            let a = &plan.actions[i as usize];
            let ind = a.indicators.get(r.indicator as usize);
            (
                a.code.to_string(),
                ind.map(|x| x.id.clone()).unwrap_or_default(),
                ind.map(|x| x.label.clone()).unwrap_or_default(),
                ind.map(|x| x.kind),
            )
        }
        Owner::Context => {
            let c = plan.context.get(r.indicator as usize);
            (
                CONTEXT.to_string(),
                c.map(|x| x.id.clone()).unwrap_or_default(),
                c.map(|x| x.label.clone()).unwrap_or_default(),
                c.map(|x| x.kind),
            )
        }
    };
    let cell = readings.cuts.cell(readings.cut_of(r));
    let by = crate::load::readings::cell_pairs(&plan.dimensions, cell);
    let by_labels = cell
        .iter()
        .filter_map(|&(d, v)| {
            plan.dimensions
                .get(d as usize)
                .map(|x| x.value(v).label.clone())
        })
        .collect();
    ReadingRow {
        action,
        indicator,
        label,
        kind,
        period: r.period,
        value: readings.figure(r.value),
        raw: readings.raw_value(r.value),
        source: readings.strings.get(r.source).to_string(),
        note: readings.strings.get(r.note).to_string(),
        recorded: r.recorded,
        replaces: r.replaces.map(|s| readings.strings.get(s).to_string()),
        by,
        by_labels,
    }
}

/// Every total as a row, by action (plan order), indicator and period. Breakdown cells
/// are left out: what uses these rows (the open-data package, the site's downloads, the
/// status workbook, `pan diff`) has no column for a breakdown, and a cell without one
/// would read as a second total.
pub fn rows(plan: &Plan, readings: &Readings) -> Vec<ReadingRow> {
    let mut sorted: Vec<&Reading> = readings
        .items
        .iter()
        .filter(|r| readings.is_total(r))
        .collect();
    sorted.sort_by_key(|r| (r.owner, r.indicator, r.period, r.file, r.line));
    sorted.into_iter().map(|r| row(plan, readings, r)).collect()
}

/// The plan and its readings as the files said on `as_of`: the readings known by then
/// (see [`Reading::known_on`]) and the state entries dated by then. What a document "as
/// of" a past date publishes as data.
pub fn as_known_on(plan: &Plan, readings: &Readings, as_of: Date) -> (Plan, Readings) {
    let actions = plan
        .actions
        .iter()
        .map(|a| {
            let mut a = a.clone();
            a.states.retain(|e| e.date <= as_of);
            a
        })
        .collect();
    let mut as_of_plan = Plan::new(
        plan.codes,
        plan.levers.clone(),
        plan.actors.clone(),
        plan.abbreviations.clone(),
        actions,
        plan.context.clone(),
    );
    as_of_plan.dimensions = plan.dimensions.clone();
    let plan = as_of_plan;
    let mut known = Readings::default();
    known.strings = readings.strings.clone();
    known.files = readings.files.clone();
    known.cuts = readings.cuts.clone();
    known.items = readings
        .items
        .iter()
        .filter(|r| r.known_on(as_of))
        .copied()
        .collect();
    (plan, known)
}

/// Readings pivoted on one dimension: for each indicator and period, the total and the
/// value of each of the dimension's values (cells broken down by that dimension alone).
#[derive(Clone, Debug, PartialEq)]
pub struct Pivot {
    /// The dimension's values that have a reading: (id, label).
    pub values: Vec<(String, String)>,
    /// One row per action, indicator and period.
    pub rows: Vec<PivotRow>,
}

/// A row of a [`Pivot`].
#[derive(Clone, Debug, PartialEq)]
pub struct PivotRow {
    /// Action code, or `context`.
    pub action: String,
    /// Indicator id.
    pub indicator: String,
    /// The indicator's kind, when declared.
    pub kind: Option<IndicatorKind>,
    /// Period.
    pub period: Period,
    /// The total in effect, if recorded.
    pub total: Option<Figure>,
    /// The value in effect for each of [`Pivot::values`].
    pub cells: Vec<Option<Figure>>,
}

/// Pivot `rows` (in file order within a period, so a later row corrects an earlier one)
/// on the dimension `dimension` of `plan`; `None` when the plan has no such dimension.
pub fn pivot(plan: &Plan, rows: &[ReadingRow], dimension: &str) -> Option<Pivot> {
    let dim = plan.dimensions.iter().find(|d| d.id == dimension)?;
    let mut used = vec![false; dim.values.len()];
    let mut out: Vec<PivotRow> = Vec::new();
    // Rows and cells looked up by key, never by scanning: linear in the readings (120,000
    // readings took 16.6 s with a scan per row).
    let mut rows_at: std::collections::HashMap<(&str, &str, Period), usize> =
        std::collections::HashMap::new();
    let mut cells: std::collections::HashMap<(usize, usize), Figure> =
        std::collections::HashMap::new();
    for r in rows {
        let slot = match r.by.as_slice() {
            [] => None,
            [(d, v)] if d == dimension => match dim.value_index(v) {
                Some(i) => Some(usize::from(i)),
                None => continue,
            },
            _ => continue,
        };
        let key = (r.action.as_str(), r.indicator.as_str(), r.period);
        let at = *rows_at.entry(key).or_insert_with(|| {
            out.push(PivotRow {
                action: r.action.clone(),
                indicator: r.indicator.clone(),
                kind: r.kind,
                period: r.period,
                total: None,
                cells: Vec::new(),
            });
            out.len() - 1
        });
        match slot {
            None => out[at].total = Some(r.value.clone()),
            Some(i) => {
                used[i] = true;
                // A later row corrects an earlier one.
                cells.insert((at, i), r.value.clone());
            }
        }
    }
    let kept: Vec<usize> = (0..used.len()).filter(|&i| used[i]).collect();
    let mut column = vec![usize::MAX; used.len()];
    for (k, &i) in kept.iter().enumerate() {
        column[i] = k;
    }
    for row in &mut out {
        row.cells = vec![None; kept.len()];
    }
    for ((at, i), v) in cells {
        out[at].cells[column[i]] = Some(v);
    }
    // Rows without any cell of this dimension say nothing about it.
    out.retain(|r| r.cells.iter().any(Option::is_some));
    Some(Pivot {
        values: kept
            .iter()
            .map(|&i| (dim.values[i].id.clone(), dim.values[i].label.clone()))
            .collect(),
        rows: out,
    })
}
