//! Rules on the plan-wide declarations: levers, objectives, actors, context indicators.

use std::collections::{HashMap, HashSet};

use super::Input;
use crate::diag::rules;
use crate::diag::{Diagnostic, Span};
use crate::model::ActorKind;

/// Codes and acronyms that become file names (plan files, readings files, the site's
/// pages) must name a file on every system: not a name Windows keeps for a device, not
/// too long (F008); and two may not differ only by case, or they would share a file on
/// macOS and Windows (P018 for levers, objectives and actors; P001 for actions).
pub fn file_names(input: &Input, out: &mut Vec<Diagnostic>) {
    let plan = &input.loaded.plan;
    let decls = &input.loaded.decls;
    let unfit = |out: &mut Vec<Diagnostic>, what: &str, name: &str, file: &str, span: Span| {
        if let Some(why) = crate::text::unfit_file_name(name) {
            out.push(
                Diagnostic::new(
                    &rules::INVALID_VALUE,
                    file,
                    span,
                    format!(
                        "{what} `{}` cannot name a file: {why}",
                        crate::text::short(name)
                    ),
                )
                .hint(format!("give the {what} another name")),
            );
        }
    };
    let folded = |out: &mut Vec<Diagnostic>,
                  seen: &mut HashMap<String, String>,
                  what: &str,
                  name: &str,
                  file: &str,
                  span: Span| {
        let key = name.to_lowercase();
        match seen.get(&key) {
            Some(first) if first != name => out.push(
                Diagnostic::new(
                    &rules::DUPLICATE_DEFINITION,
                    file,
                    span,
                    format!(
                        "{what} `{name}` differs from `{first}` only by case; on macOS and Windows their files would be one"
                    ),
                )
                .hint(format!("spell the two {what}s the same, or give one another name")),
            ),
            Some(_) => {}
            None => {
                seen.insert(key, name.to_string());
            }
        }
    };
    let mut seen = HashMap::new();
    for (l, span) in plan.levers.iter().zip(&decls.levers) {
        unfit(out, "lever", &l.code, &decls.levers_file, *span);
        folded(out, &mut seen, "lever", &l.code, &decls.levers_file, *span);
    }
    let mut seen = HashMap::new();
    for (code, span) in &decls.objectives {
        unfit(out, "objective", code, &decls.levers_file, *span);
        folded(out, &mut seen, "objective", code, &decls.levers_file, *span);
    }
    let mut seen = HashMap::new();
    for (i, a) in plan.actors.iter().enumerate() {
        let span = decls.actors.get(i).copied().unwrap_or_default();
        unfit(out, "acronym", &a.acronym, &decls.actors_file, span);
        folded(
            out,
            &mut seen,
            "acronym",
            &a.acronym,
            &decls.actors_file,
            span,
        );
    }
    let mut seen: HashMap<String, String> = HashMap::new();
    for (i, a) in plan.actions.iter().enumerate() {
        let code = a.code.to_string();
        let at = &input.loaded.spans[i];
        unfit(out, "action code", &code, &at.file, at.code);
        let key = code.to_lowercase();
        match seen.get(&key) {
            Some(first) if *first != code => out.push(
                Diagnostic::new(
                    &rules::DUPLICATE_CODE,
                    &at.file,
                    at.code,
                    format!(
                        "action {code} differs from {first} only by case; on macOS and Windows their files would be one"
                    ),
                )
                .hint("give one of the two actions its own code (and file name)")
                .action(Some(a.code)),
            ),
            Some(_) => {}
            None => {
                seen.insert(key, code);
            }
        }
    }
}

/// P018: a lever, objective, actor (or alias, or abbreviation) or context indicator is
/// declared twice.
pub fn duplicates(input: &Input, out: &mut Vec<Diagnostic>) {
    let plan = &input.loaded.plan;
    let decls = &input.loaded.decls;
    let mut seen: HashSet<&str> = HashSet::new();
    for (l, span) in plan.levers.iter().zip(&decls.levers) {
        if !seen.insert(&l.code) {
            out.push(Diagnostic::new(
                &rules::DUPLICATE_DEFINITION,
                &decls.levers_file,
                *span,
                format!("lever {} is declared twice", l.code),
            ));
        }
    }
    let mut seen: HashSet<&str> = HashSet::new();
    for (code, span) in &decls.objectives {
        if !seen.insert(code) {
            out.push(Diagnostic::new(
                &rules::DUPLICATE_DEFINITION,
                &decls.levers_file,
                *span,
                format!("objective {code} is declared twice"),
            ));
        }
    }
    // Acronyms and aliases share one name space, so that a name always denotes one actor.
    let mut names: HashMap<&str, &str> = HashMap::new();
    for (i, a) in plan.actors.iter().enumerate() {
        let span = decls.actors.get(i).copied().unwrap_or_default();
        if let Some(first) = names.insert(&a.acronym, &a.acronym) {
            out.push(Diagnostic::new(
                &rules::DUPLICATE_DEFINITION,
                &decls.actors_file,
                span,
                format!("`{}` is declared twice (first as {first})", a.acronym),
            ));
        }
        for (j, alias) in a.aliases.iter().enumerate() {
            let span = decls
                .aliases
                .get(i)
                .and_then(|v| v.get(j))
                .copied()
                .unwrap_or(span);
            if let Some(first) = names.insert(alias, &a.acronym) {
                out.push(Diagnostic::new(
                    &rules::DUPLICATE_DEFINITION,
                    &decls.actors_file,
                    span,
                    format!(
                        "alias `{alias}` of {} is already a name of {first}",
                        a.acronym
                    ),
                ));
            }
        }
    }
    for (i, ab) in plan.abbreviations.iter().enumerate() {
        let span = decls.abbreviations.get(i).copied().unwrap_or_default();
        if let Some(first) = names.insert(&ab.acronym, &ab.acronym) {
            out.push(Diagnostic::new(
                &rules::DUPLICATE_DEFINITION,
                &decls.actors_file,
                span,
                format!("abbreviation `{}` is already a name of {first}", ab.acronym),
            ));
        }
    }
    let mut seen: HashSet<&str> = HashSet::new();
    for (i, c) in plan.context.iter().enumerate() {
        if !seen.insert(&c.id) {
            let span = decls.context.get(i).copied().unwrap_or_default();
            out.push(Diagnostic::new(
                &rules::DUPLICATE_DEFINITION,
                &decls.context_file,
                span,
                format!("context indicator `{}` is declared twice", c.id),
            ));
        }
    }
}

/// P019: agencies belong to a declared ministry; ministries to themselves; external
/// bodies to none.
pub fn ministries(input: &Input, out: &mut Vec<Diagnostic>) {
    let plan = &input.loaded.plan;
    let decls = &input.loaded.decls;
    for (i, a) in plan.actors.iter().enumerate() {
        let span = decls.actor_ministries.get(i).copied().unwrap_or_default();
        let problem = match (a.kind, &a.ministry) {
            (ActorKind::Ministry, Some(m)) if *m != a.acronym => Some(format!(
                "ministry {} names another ministry, `{m}`",
                a.acronym
            )),
            (ActorKind::Agency, None) => Some(format!("agency {} names no ministry", a.acronym)),
            (ActorKind::Agency, Some(m)) => match plan.actor(m) {
                Some(p) if p.kind == ActorKind::Ministry => None,
                Some(_) => Some(format!(
                    "the ministry of {} is `{m}`, which is not a ministry",
                    a.acronym
                )),
                None => Some(format!(
                    "the ministry of {} is `{m}`, which is not declared",
                    a.acronym
                )),
            },
            (ActorKind::External, Some(m)) => Some(format!(
                "external body {} names a ministry, `{m}`",
                a.acronym
            )),
            _ => None,
        };
        if let Some(msg) = problem {
            out.push(Diagnostic::new(
                &rules::BAD_MINISTRY,
                &decls.actors_file,
                span,
                msg,
            ));
        }
    }
}

/// P016 and P020: every objective has actions and a title.
pub fn empty_objectives(input: &Input, out: &mut Vec<Diagnostic>) {
    let plan = &input.loaded.plan;
    let decls = &input.loaded.decls;
    let used: HashSet<String> = plan
        .actions
        .iter()
        .map(|a| a.code.objective_code())
        .collect();
    let spans: HashMap<&str, Span> = decls
        .objectives
        .iter()
        .map(|(c, s)| (c.as_str(), *s))
        .collect();
    for l in &plan.levers {
        for o in &l.objectives {
            let span = spans.get(o.code.as_str()).copied().unwrap_or_default();
            if !used.contains(&o.code) {
                out.push(Diagnostic::new(
                    &rules::EMPTY_OBJECTIVE,
                    &decls.levers_file,
                    span,
                    format!("objective {} has no action", o.code),
                ));
            }
            if o.title.trim().is_empty() {
                let mut d = Diagnostic::new(
                    &rules::EMPTY_TEXT,
                    &decls.levers_file,
                    span,
                    format!("objective {} has no title", o.code),
                );
                if !o.note.is_empty() {
                    d.hint = format!("{} ({})", rules::EMPTY_TEXT.hint, o.note);
                }
                out.push(d);
            }
        }
    }
}

/// P017: declared actors nobody names.
pub fn unused_actors(input: &Input, out: &mut Vec<Diagnostic>) {
    let plan = &input.loaded.plan;
    let decls = &input.loaded.decls;
    let mut used: HashSet<&str> = HashSet::new();
    for a in &plan.actions {
        for name in a.responsible.iter().chain(&a.partners) {
            if let Some(actor) = plan.resolve_actor(name) {
                used.insert(&actor.acronym);
                if let Some(m) = &actor.ministry {
                    used.insert(m);
                }
            }
        }
    }
    for (i, a) in plan.actors.iter().enumerate() {
        if !used.contains(a.acronym.as_str()) {
            let span = decls.actors.get(i).copied().unwrap_or_default();
            out.push(Diagnostic::new(
                &rules::UNUSED_ACTOR,
                &decls.actors_file,
                span,
                format!("actor {} is not named by any action", a.acronym),
            ));
        }
    }
}
