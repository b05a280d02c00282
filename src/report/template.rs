//! The template a focal point fills in: one row per indicator of the chosen actions,
//! with what a person needs beside it — the indicator's label and kind, how often it is
//! read, the latest reading known, who carries the action and what it says — and what
//! the workbook says about itself so that the import recognises it (its [`Stamp`]).

use jiff::civil::Date;

use crate::model::reading::Figure;
use crate::model::stamp::{self, RowKey, Stamp};
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
    /// The period asked for on this row, when periods were asked for.
    pub period: Option<Period>,
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
    /// The periods asked for (`--period`), in the order given; none when any period may
    /// be written.
    pub asked: Vec<Period>,
    /// The periods a period cell offers in its list (see [`offered`]).
    pub offered: Vec<Period>,
    /// The plan's title.
    pub plan: String,
    /// The plan's fingerprint ([`stamp::fingerprint`]).
    pub fingerprint: String,
}

impl Template {
    /// The stamp of a workbook of this template whose rows start at `first_row` of the
    /// sheet `sheet`.
    pub fn stamp(&self, sheet: &str, first_row: u32) -> Stamp {
        Stamp {
            version: stamp::VERSION,
            plan: self.plan.clone(),
            fingerprint: self.fingerprint.clone(),
            as_of: self.as_of,
            sheet: sheet.to_string(),
            asked: self.asked.clone(),
            rows: self
                .rows
                .iter()
                .zip(first_row..)
                .map(|(r, row)| RowKey {
                    row,
                    code: r.code.clone(),
                    indicator: r.indicator.clone(),
                    period: r.period,
                })
                .collect(),
        }
    }
}

/// A period and the shorter ones it holds: a year, its halves, quarters and months; a
/// half, its quarters and months; a quarter, its months.
pub fn within(p: Period) -> Vec<Period> {
    let mut out = vec![p];
    match p {
        Period::Year(y) => {
            out.extend((1..=2).map(|h| Period::Half(y, h)));
            out.extend((1..=4).map(|q| Period::Quarter(y, q)));
            out.extend((1..=12).map(|m| Period::Month(y, m)));
        }
        Period::Half(y, h) => {
            out.extend((1..=2).map(|i| Period::Quarter(y, (h - 1) * 2 + i)));
            out.extend((1..=6).map(|i| Period::Month(y, (h - 1) * 6 + i)));
        }
        Period::Quarter(y, q) => out.extend((1..=3).map(|i| Period::Month(y, (q - 1) * 3 + i))),
        Period::Month(..) | Period::Day(_) => {}
    }
    out
}

/// The periods a period cell offers in its list: those asked for and the shorter ones
/// they hold; when none was asked for, those of the year before the as-of date and of
/// its own year that have begun by then.
pub fn offered(asked: &[Period], as_of: Date) -> Vec<Period> {
    let mut out: Vec<Period> = Vec::new();
    let mut add = |p: Period| {
        if !out.contains(&p) {
            out.push(p);
        }
    };
    if asked.is_empty() {
        let y = as_of.year();
        for year in [y.saturating_sub(1), y] {
            within(Period::Year(year))
                .into_iter()
                .filter(|p| p.start() <= as_of)
                .for_each(&mut add);
        }
    } else {
        asked.iter().flat_map(|p| within(*p)).for_each(add);
    }
    out
}

/// The template of the actions of a status report: a row per indicator, or per
/// indicator and period asked for (`asked`, in the order given).
pub fn build(plan: &Plan, status: &StatusReport, title: &str, asked: &[Period]) -> Template {
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
            let periods: Vec<Option<Period>> = if asked.is_empty() {
                vec![None]
            } else {
                asked.iter().copied().map(Some).collect()
            };
            for period in periods {
                rows.push(TemplateRow {
                    code: a.code.to_string(),
                    indicator: ind.id.clone(),
                    label: ind.label.clone(),
                    kind: ind.kind,
                    frequency: ind.frequency,
                    latest: latest.clone(),
                    responsible: a.responsible.clone(),
                    action: a.action.clone(),
                    period,
                });
            }
        }
    }
    Template {
        as_of: status.as_of,
        rows,
        actions,
        asked: asked.to_vec(),
        offered: offered(asked, status.as_of),
        plan: title.to_string(),
        fingerprint: stamp::fingerprint(title, plan),
    }
}

/// The template of figures owed ([`super::due`]): a row per indicator and period owed
/// (`owed`, indices in `due.items`), its period filled in, so that the import knows the
/// rows nobody filled in. `status` holds every action's row (for the latest reading).
pub fn owed(
    plan: &Plan,
    status: &StatusReport,
    due: &super::due::DueReport,
    owed: &[usize],
    title: &str,
) -> Template {
    let mut rows = Vec::new();
    let mut asked: Vec<Period> = Vec::new();
    let mut actions: Vec<usize> = Vec::new();
    for o in owed.iter().filter_map(|&k| due.items.get(k)) {
        let a = &plan.actions[o.action];
        let ind = &a.indicators[o.indicator];
        let latest = status
            .rows
            .iter()
            .find(|r| r.code == a.code.to_string())
            .and_then(|r| r.latest.iter().find(|l| l.indicator == ind.id))
            .map(|l| (l.period, l.value.clone()));
        if !asked.contains(&o.period) {
            asked.push(o.period);
        }
        if !actions.contains(&o.action) {
            actions.push(o.action);
        }
        rows.push(TemplateRow {
            code: a.code.to_string(),
            indicator: ind.id.clone(),
            label: ind.label.clone(),
            kind: ind.kind,
            frequency: Some(o.frequency),
            latest,
            responsible: a.responsible.clone(),
            action: a.action.clone(),
            period: Some(o.period),
        });
    }
    asked.sort();
    Template {
        as_of: status.as_of,
        rows,
        actions: actions.len(),
        offered: offered(&asked, status.as_of),
        asked,
        plan: title.to_string(),
        fingerprint: stamp::fingerprint(title, plan),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_holds_the_shorter_ones() {
        let names = |p: &str| -> Vec<String> {
            within(p.parse().unwrap())
                .iter()
                .map(ToString::to_string)
                .collect()
        };
        assert_eq!(names("2025").len(), 19);
        assert_eq!(
            names("2025-H2"),
            [
                "2025-H2", "2025-Q3", "2025-Q4", "2025-07", "2025-08", "2025-09", "2025-10",
                "2025-11", "2025-12"
            ]
        );
        assert_eq!(
            names("2025-Q1"),
            ["2025-Q1", "2025-01", "2025-02", "2025-03"]
        );
        assert_eq!(names("2025-05"), ["2025-05"]);
        assert_eq!(names("2025-05-17"), ["2025-05-17"]);
    }

    #[test]
    fn without_periods_asked_the_last_year_and_this_one_so_far_are_offered() {
        let got: Vec<String> = offered(&[], Date::constant(2026, 2, 10))
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(got.len(), 19 + 5, "{got:?}");
        assert_eq!(got[0], "2025");
        assert_eq!(
            got[19..],
            ["2026", "2026-H1", "2026-Q1", "2026-01", "2026-02"][..],
            "what has begun by 10 February"
        );
        let asked: Vec<Period> = vec!["2025-Q1".parse().unwrap(), "2025".parse().unwrap()];
        let got = offered(&asked, Date::constant(2026, 2, 10));
        assert_eq!(got.len(), 4 + 15, "the months of Q1 are not offered twice");
    }
}
