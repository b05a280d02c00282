//! The full report: a summary, then per group (lever, ministry or calendar) its objectives,
//! a table of its actions and the detail of every reading with its source.

use jiff::civil::Date;
use serde::Serialize;

use super::status::{self, Filters, GroupBy, StatusReport};
use crate::config::Settings;
use crate::model::{Owner, Plan, Readings};

/// How the full report is grouped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportBy {
    /// By lever.
    Lever,
    /// By ministry (an action of several ministries appears under each).
    Ministry,
    /// By calendar bucket.
    Calendar,
}

/// One reading in the indicator details.
#[derive(Clone, Debug)]
pub struct Detail {
    /// Indicator id.
    pub indicator: String,
    /// Indicator label.
    pub label: String,
    /// Indicator kind.
    pub kind: crate::model::IndicatorKind,
    /// Period.
    pub period: crate::model::Period,
    /// Value.
    pub value: crate::model::reading::Figure,
    /// Source.
    pub source: String,
    /// Note.
    pub note: String,
    /// Value corrected by this reading.
    pub replaces: Option<String>,
}

/// The full report.
#[derive(Clone, Debug)]
pub struct FullReport {
    /// Plan title.
    pub title: String,
    /// How it is grouped.
    pub by: ReportBy,
    /// The status rows and groups.
    pub status: StatusReport,
    /// Objectives (code, title) concerned by each group, in plan order.
    pub objectives: Vec<Vec<(String, String)>>,
    /// Readings of each row (same order as `status.rows`).
    pub details: Vec<Vec<Detail>>,
    /// Breakdown tables of the actions shown, then of the context indicators.
    pub breakdowns: Vec<super::breakdowns::Breakdown>,
    /// The context indicators' progress toward their targets (the plan's headline figures).
    pub context: Vec<super::digest::ContextProgress>,
}

/// Build the full report.
pub fn build(
    plan: &Plan,
    readings: &Readings,
    settings: &Settings,
    as_of: Date,
    filters: &Filters,
    by: ReportBy,
) -> FullReport {
    let group_by = match by {
        ReportBy::Lever => GroupBy::Lever,
        ReportBy::Ministry => GroupBy::Ministry,
        ReportBy::Calendar => GroupBy::Calendar,
    };
    let status = status::build(plan, readings, settings, as_of, filters, Some(group_by));
    let objectives = status
        .groups
        .iter()
        .map(|g| {
            let mut codes: Vec<&str> = g
                .rows
                .iter()
                .map(|&i| status.rows[i].objective.as_str())
                .collect();
            codes.dedup();
            let mut out: Vec<(String, String)> = Vec::new();
            for l in &plan.levers {
                for o in &l.objectives {
                    if codes.contains(&o.code.as_str()) {
                        out.push((o.code.clone(), o.title.clone()));
                    }
                }
            }
            out
        })
        .collect();
    let details = status
        .rows
        .iter()
        .map(|r| {
            let Some(i) = plan
                .codes
                .parse(&r.code)
                .ok()
                .and_then(|c| plan.action_index(&c))
            else {
                return Vec::new();
            };
            let a = &plan.actions[i];
            let mut out = Vec::new();
            for (j, ind) in a.indicators.iter().enumerate() {
                for rd in readings.of(Owner::action(i), crate::model::index32(j)) {
                    if !rd.known_on(as_of) {
                        continue;
                    }
                    out.push(Detail {
                        indicator: ind.id.clone(),
                        label: ind.label.clone(),
                        kind: ind.kind,
                        period: rd.period,
                        value: readings.figure(rd.value()),
                        source: readings.strings.get(rd.source).to_string(),
                        note: readings.strings.get(rd.note).to_string(),
                        replaces: rd.replaces().map(|s| readings.strings.get(s).to_string()),
                    });
                }
            }
            out
        })
        .collect();
    let shown: Vec<&str> = status.rows.iter().map(|r| r.code.as_str()).collect();
    let breakdowns = super::breakdowns::all(plan, readings, as_of)
        .into_iter()
        .filter(|b| match b.owner {
            Owner::Action(a) => plan
                .actions
                .get(a as usize)
                .is_some_and(|a| shown.contains(&a.code.to_string().as_str())),
            Owner::Context => true,
        })
        .collect();
    FullReport {
        title: settings.plan.title.clone(),
        by,
        status,
        objectives,
        details,
        breakdowns,
        context: super::digest::context(plan, readings, as_of),
    }
}
