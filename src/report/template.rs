//! The template a focal point fills in: one row per indicator of the chosen actions,
//! with what a person needs beside it — the indicator's label and kind, how often it is
//! read, the latest reading known, who carries the action and what it says.

use jiff::civil::Date;

use crate::model::reading::Figure;
use crate::model::{Frequency, IndicatorKind, Period, Plan};
use crate::report::status::StatusReport;

/// One indicator to read.
#[derive(Clone, Debug, PartialEq)]
pub struct TemplateRow {
    /// The action's code.
    pub code: String,
    /// The indicator's id.
    pub indicator: String,
    /// The indicator as published.
    pub label: String,
    /// What its value is.
    pub kind: IndicatorKind,
    /// How often it is read, when the plan says.
    pub frequency: Option<Frequency>,
    /// The latest reading known on the as-of date.
    pub latest: Option<(Period, Figure)>,
    /// The action's responsible actors.
    pub responsible: Vec<String>,
    /// The action's text, as published.
    pub action: String,
}

/// The template: its rows and what they cover.
#[derive(Clone, Debug, PartialEq)]
pub struct Template {
    /// The day it was prepared for.
    pub as_of: Date,
    /// The rows, in action then indicator order.
    pub rows: Vec<TemplateRow>,
    /// How many actions have a row.
    pub actions: usize,
}

/// The template of the actions of a status report.
pub fn build(plan: &Plan, status: &StatusReport) -> Template {
    let mut rows = Vec::new();
    let mut actions = 0;
    for r in &status.rows {
        let Some(a) = plan.codes.parse(&r.code).ok().and_then(|c| plan.action(&c)) else {
            continue;
        };
        if !a.indicators.is_empty() {
            actions += 1;
        }
        for ind in &a.indicators {
            let latest = r
                .latest
                .iter()
                .find(|l| l.indicator == ind.id)
                .map(|l| (l.period, l.value.clone()));
            rows.push(TemplateRow {
                code: a.code.to_string(),
                indicator: ind.id.clone(),
                label: ind.label.clone(),
                kind: ind.kind,
                frequency: ind.frequency,
                latest,
                responsible: a.responsible.clone(),
                action: a.action.clone(),
            });
        }
    }
    Template {
        as_of: status.as_of,
        rows,
        actions,
    }
}
