//! The plan as a whole: levers and objectives, actors, actions, context indicators.

use std::collections::HashMap;

use super::action::{Action, IndicatorKind};
use super::actor::{Actor, ActorKind};
use super::code::{ActionCode, CodeFormat};

/// An objective of a lever, e.g. `B-11`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    /// The objective's code: lever letter, dash, number (`B-11`).
    #[schemars(pattern(r"^[A-Z]-[1-9][0-9]{0,2}$"))]
    pub code: String,
    /// Its title, as published.
    pub title: String,
    /// A remark, e.g. when the document prints no title.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// A strategic lever of the plan (`A`–`F`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Lever {
    /// The lever's letter.
    #[schemars(pattern(r"^[A-Z]$"))]
    pub code: String,
    /// Its title, as published.
    pub title: String,
    /// Its objectives, in order.
    pub objectives: Vec<Objective>,
}

/// An abbreviation of the plan that does not name an actor (Annex 2: DSP, PAN, …).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Abbreviation {
    /// The abbreviation.
    pub acronym: String,
    /// What it stands for.
    pub name: String,
    /// A remark.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// Which way a context indicator should move.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Higher is better.
    Increase,
    /// Lower is better.
    Decrease,
    /// The plan gives no direction (a middle category, such as intermediate internet
    /// users, can grow from below or shrink toward above): progress is not assessed.
    Unstated,
}

/// A target a context indicator should reach.
#[derive(Clone, Debug, PartialEq, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// The value to reach.
    pub value: f64,
    /// The year it should be reached by.
    pub year: i16,
    /// Where the target is set (e.g. the EU Digital Decade).
    pub source: String,
}

/// A plan-level indicator of the national situation (from the plan's introduction).
#[derive(Clone, Debug, PartialEq, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContextIndicator {
    /// Stable identifier (lower-case letters, digits, `-`).
    #[schemars(pattern(r"^[a-z0-9][a-z0-9-]*$"))]
    pub id: String,
    /// What it measures, in the plan's words.
    pub label: String,
    /// The kind of its values (usually percent).
    pub kind: IndicatorKind,
    /// Which way is progress.
    pub direction: Direction,
    /// The target, if the plan sets or cites one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<Target>,
    /// Who measures it.
    pub source: String,
    /// Dimensions (ids of `plan/dimensions.yaml`) its readings may be broken down by.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub breakdowns: Vec<String>,
}

/// `plan/context.yaml`.
#[derive(Clone, Debug, PartialEq, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContextFile {
    /// Plan-level indicators of the national situation.
    pub indicators: Vec<ContextIndicator>,
}

/// The plan: everything the files under `plan/` say.
#[derive(Clone, Debug)]
pub struct Plan {
    /// How the plan writes its codes (`pan.toml [plan] code_format`).
    pub codes: &'static CodeFormat,
    /// Levers and their objectives, in order.
    pub levers: Vec<Lever>,
    /// Actors, in file order.
    pub actors: Vec<Actor>,
    /// Abbreviations that are not actors.
    pub abbreviations: Vec<Abbreviation>,
    /// Actions, in code order.
    pub actions: Vec<Action>,
    /// Context indicators of the plan's introduction.
    pub context: Vec<ContextIndicator>,
    /// Dimensions readings may be broken down by (`plan/dimensions.yaml`).
    pub dimensions: Vec<super::Dimension>,
    /// Translations of the plan's texts (`plan/translations/<lang>.yaml`), by language.
    pub translations: Vec<super::Translation>,
    by_code: HashMap<ActionCode, usize>,
    by_actor: HashMap<String, usize>,
    by_alias: HashMap<String, usize>,
    by_objective: HashMap<String, (usize, usize)>,
}

impl Default for Plan {
    fn default() -> Plan {
        Plan::new(
            &super::code::DEFAULT,
            Vec::new(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
        )
    }
}

impl Plan {
    /// The translations into `lang` (a language code), if the plan has some.
    pub fn translation(&self, lang: &str) -> Option<&super::Translation> {
        self.translations.iter().find(|t| t.lang == lang)
    }

    /// Position of the dimension `id` in [`Plan::dimensions`].
    pub fn dimension_index(&self, id: &str) -> Option<usize> {
        self.dimensions.iter().position(|d| d.id == id)
    }

    /// The dimensions an indicator declares it may be broken down by (ids as written).
    pub fn breakdowns_of(&self, owner: super::reading::Owner, indicator: u32) -> &[String] {
        match owner {
            super::reading::Owner::Action(a) => self
                .actions
                .get(a as usize)
                .and_then(|a| a.indicators.get(indicator as usize))
                .map(|i| i.breakdowns.as_slice())
                .unwrap_or(&[]),
            super::reading::Owner::Context => self
                .context
                .get(indicator as usize)
                .map(|c| c.breakdowns.as_slice())
                .unwrap_or(&[]),
        }
    }

    /// Assemble a plan, sorting actions into code order and indexing codes and actors.
    pub fn new(
        codes: &'static CodeFormat,
        levers: Vec<Lever>,
        actors: Vec<Actor>,
        abbreviations: Vec<Abbreviation>,
        mut actions: Vec<Action>,
        context: Vec<ContextIndicator>,
    ) -> Plan {
        actions.sort_by_key(|a| a.code);
        let mut by_code = HashMap::with_capacity(actions.len());
        for (i, a) in actions.iter().enumerate() {
            by_code.entry(a.code).or_insert(i);
        }
        let mut by_actor = HashMap::with_capacity(actors.len());
        for (i, a) in actors.iter().enumerate() {
            by_actor.entry(a.acronym.clone()).or_insert(i);
        }
        let mut by_alias = HashMap::new();
        for (i, a) in actors.iter().enumerate() {
            for alias in &a.aliases {
                by_alias.entry(alias.clone()).or_insert(i);
            }
        }
        let mut by_objective = HashMap::new();
        for (l, lever) in levers.iter().enumerate() {
            for (o, objective) in lever.objectives.iter().enumerate() {
                by_objective.entry(objective.code.clone()).or_insert((l, o));
            }
        }
        Plan {
            codes,
            levers,
            actors,
            abbreviations,
            actions,
            context,
            dimensions: Vec::new(),
            translations: Vec::new(),
            by_code,
            by_actor,
            by_alias,
            by_objective,
        }
    }

    /// The index of the action with this code.
    pub fn action_index(&self, code: &ActionCode) -> Option<usize> {
        self.by_code.get(code).copied()
    }

    /// The index of the action a person named (`IN-B-11.02`, `b-11.02`: case ignored,
    /// and the text before the lever may be left out), or the nearest codes (at most
    /// three, best first) when there is none.
    pub fn find_action(&self, input: &str) -> Result<usize, Vec<String>> {
        self.codes
            .parse_loose(input)
            .and_then(|c| self.action_index(&c))
            .ok_or_else(|| {
                let codes: Vec<String> = self.actions.iter().map(|a| a.code.to_string()).collect();
                crate::text::nearest(
                    &self.codes.normalise(input),
                    codes.iter().map(String::as_str),
                    3,
                )
                .into_iter()
                .map(str::to_string)
                .collect()
            })
    }

    /// The action with this code.
    pub fn action(&self, code: &ActionCode) -> Option<&Action> {
        self.action_index(code).map(|i| &self.actions[i])
    }

    /// The actor with this acronym.
    pub fn actor(&self, acronym: &str) -> Option<&Actor> {
        self.by_actor.get(acronym).map(|&i| &self.actors[i])
    }

    /// The lever with this code.
    pub fn lever(&self, code: &str) -> Option<&Lever> {
        self.levers.iter().find(|l| l.code == code)
    }

    /// The objective with this code, and its lever.
    pub fn objective(&self, code: &str) -> Option<(&Lever, &Objective)> {
        let &(l, o) = self.by_objective.get(code)?;
        let lever = &self.levers[l];
        Some((lever, &lever.objectives[o]))
    }

    /// The ministry an actor belongs to: the ministry named in `actors.yaml`, or, for an
    /// undeclared compound acronym such as `MENEJ-XYZ`, the ministry its prefix names.
    pub fn ministry_of(&self, acronym: &str) -> Option<String> {
        if let Some(a) = self.resolve_actor(acronym) {
            return match a.kind {
                ActorKind::Ministry => {
                    Some(a.ministry.clone().unwrap_or_else(|| a.acronym.clone()))
                }
                _ => a.ministry.clone(),
            };
        }
        let prefix = acronym.split('-').next()?;
        self.actor(prefix)
            .filter(|a| a.kind == ActorKind::Ministry)
            .map(|a| a.acronym.clone())
    }

    /// The ministries (acronyms) carrying an action, in the order of its responsible list.
    pub fn ministries_of(&self, action: &Action) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for r in &action.responsible {
            if let Some(m) = self.ministry_of(r)
                && !out.contains(&m)
            {
                out.push(m);
            }
        }
        out
    }

    /// The ministries of the plan, in `actors.yaml` order.
    pub fn ministries(&self) -> impl Iterator<Item = &Actor> {
        self.actors.iter().filter(|a| a.kind == ActorKind::Ministry)
    }

    /// Resolve a name used in an action (acronym or alias) to a declared actor.
    pub fn resolve_actor(&self, name: &str) -> Option<&Actor> {
        self.actor(name)
            .or_else(|| self.by_alias.get(name).map(|&i| &self.actors[i]))
    }
}
