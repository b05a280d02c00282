//! One action's full card: every field, what its calendar means, its history and readings.

use serde::Serialize;

use crate::config::Settings;
use crate::model::calendar::Shape;
use crate::model::{Action, ActionCode, Owner, Plan, Readings};

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
#[derive(Serialize, Debug)]
pub struct Card<'a> {
    /// The action.
    #[serde(flatten)]
    pub action: &'a Action,
    /// Lever letter and title.
    pub lever_title: String,
    /// Objective title.
    pub objective_title: String,
    /// Responsible actors, named.
    pub responsible_named: Vec<NamedActor>,
    /// Partners, named when declared.
    pub partners_named: Vec<NamedActor>,
    /// What the calendar means, in words.
    pub calendar_meaning: String,
    /// Every reading of the action, by indicator then period.
    pub readings: Vec<CardReading>,
}

fn named(plan: &Plan, s: &str) -> NamedActor {
    let actor = plan.resolve_actor(s);
    NamedActor {
        acronym: s.to_string(),
        name: actor.map(|a| a.name.clone()),
        ministry: plan.ministry_of(s),
    }
}

/// Explain a calendar in words.
pub fn calendar_meaning(action: &Action, settings: &Settings) -> String {
    let c = &action.calendar;
    let start = c.start.map(|s| s.to_string());
    let from = start
        .clone()
        .map(|s| format!(" from {s}"))
        .unwrap_or_default();
    match c.shape() {
        Shape::Bounded => format!(
            "bounded: {} to {}, deadline {}",
            start.unwrap_or_else(|| settings.plan.start.to_string()),
            c.end.map(|e| e.to_string()).unwrap_or_default(),
            c.deadline().map(|d| d.to_string()).unwrap_or_default()
        ),
        Shape::Continuous => match c.end {
            Some(e) => format!("continuous{from}, first phase or milestone by {e}; never late"),
            None => format!("continuous{from}; never late"),
        },
        Shape::OpenEnded => format!("open-ended{from}; never late"),
        Shape::Recurring => format!(
            "recurring ({}){from}; active every year of the plan; never late",
            c.recurrence.map(|r| r.as_str()).unwrap_or("")
        ),
        Shape::Dependent => format!(
            "follows the schedule of {}; never late by itself",
            c.dependency.as_deref().unwrap_or("another strategy")
        ),
        Shape::Unspecified => {
            "no calendar published; treated as running over the whole plan period".to_string()
        }
    }
}

/// Build the card of `code`.
pub fn build<'a>(
    plan: &'a Plan,
    readings: &Readings,
    settings: &Settings,
    code: &ActionCode,
) -> Option<Card<'a>> {
    let index = plan.action_index(code)?;
    let action = &plan.actions[index];
    let lever_title = plan
        .lever(&code.lever_code())
        .map(|l| l.title.clone())
        .unwrap_or_default();
    let objective_title = plan
        .objective(&action.objective)
        .map(|(_, o)| o.title.clone())
        .unwrap_or_default();
    let mut rows = Vec::new();
    for j in 0..action.indicators.len() {
        for r in readings.of(Owner::Action(index as u32), j as u32) {
            rows.push(super::readings::row(
                plan,
                readings,
                r,
                super::readings::Values::Display,
            ));
        }
    }
    Some(Card {
        action,
        lever_title,
        objective_title,
        responsible_named: action.responsible.iter().map(|s| named(plan, s)).collect(),
        partners_named: action.partners.iter().map(|s| named(plan, s)).collect(),
        calendar_meaning: calendar_meaning(action, settings),
        readings: rows,
    })
}

/// Normalise what a person types as a code: `b-11.02` and `in-b-11.02` mean `IN-B-11.02`.
pub fn normalise_code(input: &str) -> String {
    let up = input.trim().to_uppercase();
    if up.starts_with("IN-") {
        up
    } else {
        format!("IN-{up}")
    }
}

/// The index of the action a person named (`IN-B-11.02`, `b-11.02`), or a message that
/// suggests the nearest codes.
pub fn find(plan: &Plan, input: &str) -> Result<usize, String> {
    if let Some(i) = normalise_code(input)
        .parse::<ActionCode>()
        .ok()
        .and_then(|c| plan.action_index(&c))
    {
        return Ok(i);
    }
    let near = nearest_codes(plan, input, 3);
    let hint = if near.is_empty() {
        "`pan status` lists the actions".to_string()
    } else {
        format!("did you mean {}?", near.join(", "))
    };
    Err(format!("no action {}; {hint}", input.trim()))
}

/// The codes nearest to `input`, best first (at most `n`).
pub fn nearest_codes(plan: &Plan, input: &str, n: usize) -> Vec<String> {
    let codes: Vec<String> = plan.actions.iter().map(|a| a.code.to_string()).collect();
    crate::text::nearest(&normalise_code(input), codes.iter().map(String::as_str), n)
        .into_iter()
        .map(str::to_string)
        .collect()
}
