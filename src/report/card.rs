//! One action's full card: every field, what its calendar means, its history and readings.

use jiff::civil::Date;
use serde::Serialize;

use super::health::Assessment;
use crate::config::Settings;
use crate::model::reading::Figure;
use crate::model::{Action, Owner, Period, Plan, Readings};

/// A named actor on a card.
#[derive(Serialize, Debug, Clone)]
pub struct NamedActor {
    /// As written in the action.
    pub acronym: String,
    /// Full name, when declared.
    pub name: Option<String>,
    /// Ministry, when known.
    pub ministry: Option<String>,
}

/// A reading on a card.
pub type CardReading = super::readings::ReadingRow;

/// Everything `pan show` prints about an action.
#[derive(Debug)]
pub struct Card<'a> {
    /// The action.
    pub action: &'a Action,
    /// Lever letter and title.
    pub lever_title: String,
    /// Objective title.
    pub objective_title: String,
    /// Responsible actors, named.
    pub responsible_named: Vec<NamedActor>,
    /// Partners, named when declared.
    pub partners_named: Vec<NamedActor>,
    /// Its health on the as-of date, and why.
    pub assessment: Assessment,
    /// The as-of date.
    pub as_of: Date,
    /// Every reading of the action, by indicator then period.
    pub readings: Vec<CardReading>,
    /// Per indicator (in declaration order), the readings in effect known on the as-of
    /// date, in period order (corrections applied): what a chart draws.
    pub series: Vec<Vec<(Period, Figure)>>,
    /// The targets of its indicators that have any, on the as-of date.
    pub targets: Vec<super::targets::IndicatorTargets>,
    /// The plan's first day: readings of earlier periods are baselines.
    pub plan_start: Date,
}

impl Card<'_> {
    /// Whether a reading of period `p` is a baseline (its period ended before the plan).
    pub fn is_baseline(&self, p: Period) -> bool {
        super::is_baseline(p, self.plan_start)
    }

    /// The targets of the indicator `id`, when it has any.
    pub fn targets_of(&self, id: &str) -> Option<&super::targets::IndicatorTargets> {
        self.targets.iter().find(|t| t.indicator == id)
    }
}

fn named(plan: &Plan, s: &str) -> NamedActor {
    let actor = plan.resolve_actor(s);
    NamedActor {
        acronym: s.to_string(),
        name: actor.map(|a| a.name.clone()),
        ministry: plan.ministry_of(s),
    }
}

/// Build the card of the action at `index`, its health assessed on `as_of`.
pub fn build<'a>(
    plan: &'a Plan,
    readings: &Readings,
    settings: &Settings,
    index: usize,
    as_of: Date,
) -> Card<'a> {
    let action = &plan.actions[index];
    let code = action.code;
    let lever_title = plan
        .lever(&code.lever_code())
        .map(|l| l.title.clone())
        .unwrap_or_default();
    let objective_title = plan
        .objective(&action.objective)
        .map(|(_, o)| o.title.clone())
        .unwrap_or_default();
    let mut rows = Vec::new();
    let mut by_indicator = Vec::with_capacity(action.indicators.len());
    let mut series = Vec::with_capacity(action.indicators.len());
    for j in 0..action.indicators.len() {
        let rs = readings.of(Owner::action(index), crate::model::index32(j));
        for r in &rs {
            rows.push(super::readings::row(plan, readings, r));
        }
        for r in readings.cells_of(Owner::action(index), crate::model::index32(j)) {
            rows.push(super::readings::row(plan, readings, r));
        }
        // Known first, then corrections: a correction recorded after the as-of date does
        // not hide the value it corrects.
        let known = rs.iter().copied().filter(|r| r.known_on(as_of)).collect();
        series.push(
            crate::model::reading::effective(known)
                .into_iter()
                .map(|r| (r.period, readings.figure(r.value())))
                .collect(),
        );
        by_indicator.push(crate::model::reading::effective(rs));
    }
    let targets = super::targets::of_action(action, &by_indicator, as_of);
    Card {
        action,
        lever_title,
        objective_title,
        responsible_named: action.responsible.iter().map(|s| named(plan, s)).collect(),
        partners_named: action.partners.iter().map(|s| named(plan, s)).collect(),
        assessment: super::health::assess(action, &by_indicator, settings, as_of),
        as_of,
        readings: rows,
        series,
        targets,
        plan_start: settings.period_start(),
    }
}
