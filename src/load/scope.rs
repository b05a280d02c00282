//! Whom a problem of form concerns, so that one bad file stops only what depends on it:
//! an action's file or readings file concerns that action, the context files concern the
//! context indicators, and the files every action depends on (levers, actors,
//! dimensions, or a file pan cannot tie to one action) concern the whole plan.

use std::collections::BTreeSet;

use super::Loaded;
use crate::config::Settings;
use crate::diag::{Diagnostic, Severity};
use crate::model::ActionCode;

/// What a problem of form concerns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Concern {
    /// One action: its file or its readings file.
    Action(ActionCode),
    /// The context indicators: `plan/context.yaml` or their readings.
    Context,
    /// The whole plan: a file every action depends on, or one pan cannot tie to an action.
    Plan,
}

/// What a problem of form concerns, from the action it names or the file it is in.
pub fn concern(d: &Diagnostic, settings: &Settings) -> Concern {
    if let Some(code) = d.action {
        return Concern::Action(code);
    }
    let plan = settings.paths.plan_str();
    let indicators = settings.paths.indicators_str();
    let below = |dir: &str| {
        d.file
            .strip_prefix(dir)
            .and_then(|r| r.strip_prefix('/'))
            .map(str::to_string)
    };
    let (rel, ext) = match (below(&plan), below(&indicators)) {
        (Some(r), _) => (r, ".yaml"),
        (None, Some(r)) => (r, ".csv"),
        (None, None) => return Concern::Plan,
    };
    if rel == "context.yaml" || rel == "context.csv" {
        return Concern::Context;
    }
    // `<lever>/<code>.yaml` or `<lever>/<code>.csv`: the code is the file's name.
    let code = rel
        .split_once('/')
        .and_then(|(_, name)| name.strip_suffix(ext))
        .filter(|stem| !stem.contains('/'))
        .and_then(|stem| settings.plan.codes.parse(stem).ok());
    match code {
        Some(c) => Concern::Action(c),
        None => Concern::Plan,
    }
}

/// What the problems of form of a load leave out of the plan pan could read.
#[derive(Clone, Debug, Default)]
pub struct LeftOut {
    /// The errors of form, in the loader's order.
    pub problems: Vec<Diagnostic>,
    /// The files they are in, sorted.
    pub files: BTreeSet<String>,
    /// Actions whose own files have problems.
    pub actions: BTreeSet<ActionCode>,
    /// Whether the context indicators' files have problems.
    pub context: bool,
    /// Files the whole plan depends on that have problems (levers, actors, dimensions,
    /// or a file pan cannot tie to one action).
    pub plan_files: BTreeSet<String>,
}

impl LeftOut {
    /// What the errors of form of `loaded` leave out.
    pub fn of(loaded: &Loaded, settings: &Settings) -> LeftOut {
        let mut out = LeftOut::default();
        for d in loaded
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
        {
            match concern(d, settings) {
                Concern::Action(c) => {
                    out.actions.insert(c);
                }
                Concern::Context => out.context = true,
                Concern::Plan => {
                    out.plan_files.insert(d.file.clone());
                }
            }
            out.files.insert(d.file.clone());
            out.problems.push(d.clone());
        }
        out
    }

    /// Whether nothing is left out.
    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }

    /// Whether a file the whole plan depends on has problems.
    pub fn plan(&self) -> bool {
        !self.plan_files.is_empty()
    }

    /// The problems of one action's own files.
    pub fn of_action(&self, code: ActionCode) -> Vec<&Diagnostic> {
        self.problems
            .iter()
            .filter(|d| d.action == Some(code) || self.file_is_of(&d.file, code))
            .collect()
    }

    fn file_is_of(&self, file: &str, code: ActionCode) -> bool {
        let name = file.rsplit('/').next().unwrap_or("");
        let stem = name
            .strip_suffix(".yaml")
            .or_else(|| name.strip_suffix(".csv"))
            .unwrap_or("");
        stem == code.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Span, rules};

    fn settings() -> Settings {
        Settings::parse(
            "[plan]\ntitle = \"T\"\nstart = 2026\nend = 2030\n",
            std::path::Path::new("pan.toml"),
        )
        .unwrap()
    }

    fn at(file: &str) -> Diagnostic {
        Diagnostic::new(&rules::YAML_SYNTAX, file, Span::file(), "broken")
    }

    #[test]
    fn a_problem_concerns_the_action_its_file_is_named_after() {
        let s = settings();
        let code = s.plan.codes.parse("IN-B-11.02").unwrap();
        assert_eq!(
            concern(&at("plan/B/IN-B-11.02.yaml"), &s),
            Concern::Action(code)
        );
        assert_eq!(
            concern(&at("indicators/B/IN-B-11.02.csv"), &s),
            Concern::Action(code)
        );
        assert_eq!(concern(&at("indicators/context.csv"), &s), Concern::Context);
        assert_eq!(concern(&at("plan/context.yaml"), &s), Concern::Context);
        for file in [
            "plan/levers.yaml",
            "plan/actors.yaml",
            "plan/dimensions.yaml",
            "plan/B/not-a-code.yaml",
            "plan",
            "pan.toml",
        ] {
            assert_eq!(concern(&at(file), &s), Concern::Plan, "{file}");
        }
        let named = at("plan/B/elsewhere.yaml").action(Some(code));
        assert_eq!(concern(&named, &s), Concern::Action(code));
    }
}
