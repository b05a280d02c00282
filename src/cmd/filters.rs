//! The filters of actions every command that lists actions takes, and how the names
//! people type are matched to the plan's.

use super::Error;
use super::args::{health, state};
use crate::load::scope::LeftOut;
use crate::model::ActionCode;
use crate::model::Plan;
use crate::report::health::Health;
use crate::report::status::{Filters, StateFilter};

/// Which actions a command is about: every filter given must match; a filter may list
/// several values separated by commas.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FilterArgs {
    /// Levers (A–F).
    #[arg(long, value_delimiter = ',', value_name = "LEVER", add = clap_complete::engine::ArgValueCompleter::new(super::completions::levers))]
    pub lever: Vec<String>,
    /// Objectives (e.g. B-11).
    #[arg(long, value_delimiter = ',', value_name = "OBJECTIVE", add = clap_complete::engine::ArgValueCompleter::new(super::completions::objectives))]
    pub objective: Vec<String>,
    /// Ministries; an agency counts for its ministry (MENEJ includes MENEJ-IFEN).
    #[arg(long, value_delimiter = ',', value_name = "MINISTRY", add = clap_complete::engine::ArgValueCompleter::new(super::completions::ministries))]
    pub ministry: Vec<String>,
    /// Actors, exactly, as responsible or partner (an agency: MENEJ-IFEN).
    #[arg(long, value_delimiter = ',', value_name = "ACTOR", add = clap_complete::engine::ArgValueCompleter::new(super::completions::actors))]
    pub actor: Vec<String>,
    /// Actions active during this year.
    #[arg(long, value_name = "YEAR", value_parser = super::args::year)]
    pub year: Option<i16>,
    /// Recorded states: unrecorded, planned, in_progress, done, suspended, cancelled.
    #[arg(long, value_delimiter = ',', value_name = "STATE", value_parser = state)]
    pub state: Vec<StateFilter>,
    /// Derived health: late, due, stale, no_data, on_track, upcoming, untrackable, done,
    /// cancelled.
    #[arg(long, value_delimiter = ',', value_name = "HEALTH", value_parser = health)]
    pub health: Vec<Health>,
    /// Text to find in the code, text, objective, indicators or actors (ignores case and
    /// accents: `competences` finds `compétences`).
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
}

impl FilterArgs {
    /// The filters, every value checked against the plan and spelled as the plan spells
    /// it (levers, objectives, ministries and actors ignore case); an unknown value is a
    /// usage error that lists the valid ones.
    pub fn resolve(&self, plan: &Plan) -> Result<Filters, Error> {
        let list = |v: Vec<&str>| v.join(", ");
        let mut levers = Vec::new();
        for l in &self.lever {
            let found = plan
                .levers
                .iter()
                .find(|x| x.code.eq_ignore_ascii_case(l.trim()));
            match found {
                Some(x) => levers.push(x.code.clone()),
                None => {
                    return Err(Error::usage(format!("unknown lever `{l}`")).hint(format!(
                        "levers: {}",
                        list(plan.levers.iter().map(|l| l.code.as_str()).collect())
                    )));
                }
            }
        }
        let mut objectives = Vec::new();
        let all_objectives: Vec<&str> = plan
            .levers
            .iter()
            .flat_map(|l| l.objectives.iter().map(|o| o.code.as_str()))
            .collect();
        for o in &self.objective {
            match all_objectives
                .iter()
                .find(|x| x.eq_ignore_ascii_case(o.trim()))
            {
                Some(x) => objectives.push(x.to_string()),
                None => {
                    return Err(Error::usage(format!("unknown objective `{o}`"))
                        .hint(format!("objectives: {}", list(all_objectives.clone()))));
                }
            }
        }
        let mut ministries = Vec::new();
        for m in &self.ministry {
            let m = m.trim();
            let ministry = plan
                .ministries()
                .find(|a| a.acronym.eq_ignore_ascii_case(m));
            match ministry {
                Some(a) => ministries.push(a.acronym.clone()),
                None => {
                    let valid = list(plan.ministries().map(|a| a.acronym.as_str()).collect());
                    let actor = plan.actors.iter().find(|a| {
                        a.acronym.eq_ignore_ascii_case(m)
                            || a.aliases.iter().any(|x| x.eq_ignore_ascii_case(m))
                    });
                    return Err(match actor {
                        Some(a) => Error::usage(format!(
                            "`{m}` is not a ministry but an actor ({})",
                            a.name
                        ))
                        .hint(format!(
                            "use --actor {} for its actions, or --ministry {}; ministries: {valid}",
                            a.acronym,
                            plan.ministry_of(&a.acronym).unwrap_or_else(|| "…".into())
                        )),
                        None => Error::usage(format!("`{m}` is not a ministry"))
                            .hint(format!("ministries: {valid}")),
                    });
                }
            }
        }
        let mut actors = Vec::new();
        for a in &self.actor {
            let a = a.trim();
            let known = plan.actors.iter().find(|x| {
                x.acronym.eq_ignore_ascii_case(a)
                    || x.aliases.iter().any(|y| y.eq_ignore_ascii_case(a))
            });
            let named = plan
                .actions
                .iter()
                .flat_map(|x| x.responsible.iter().chain(&x.partners))
                .find(|x| x.eq_ignore_ascii_case(a));
            match (known, named) {
                (Some(x), _) => actors.push(x.acronym.clone()),
                (None, Some(n)) => actors.push(n.clone()),
                (None, None) => {
                    let names: Vec<&str> = plan.actors.iter().map(|a| a.acronym.as_str()).collect();
                    let error = Error::usage(format!("unknown actor `{a}`"));
                    return Err(error.hint(match crate::text::suggest(a, &names) {
                        Some(n) => {
                            format!("did you mean `{n}`? (`pan export` lists every actor)")
                        }
                        None => format!("actors: {}", list(names)),
                    }));
                }
            }
        }
        Ok(Filters {
            levers,
            objectives,
            ministries,
            actors,
            year: self.year,
            states: self.state.clone(),
            healths: self.health.clone(),
            search: self.search.clone().filter(|s| !s.trim().is_empty()),
        })
    }
}

/// The actions a listing with these filters covers among those problems of form left
/// out: each one listed (its readings file has problems), and each one that could have
/// been — by its code's lever and objective, and by the other filters when pan could not
/// read the action, or when health, which its readings decide, is filtered on.
pub fn left_out_within(
    left: &LeftOut,
    plan: &Plan,
    filters: &Filters,
    listed: &[String],
) -> Vec<ActionCode> {
    left.actions
        .iter()
        .copied()
        .filter(|c| filters.could_hold(*c))
        .filter(|c| {
            let read = plan.actions.iter().any(|a| a.code == *c);
            !read || !filters.healths.is_empty() || listed.contains(&c.to_string())
        })
        .collect()
}
