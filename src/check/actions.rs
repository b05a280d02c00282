//! Rules on each action: references, indicators, calendars and state history.

use super::Input;
use crate::diag::rules;
use crate::diag::{Diagnostic, Span};
use crate::model::calendar::parse_label;
use crate::model::{ActorKind, Plan};
use crate::text::suggest;

fn diag(
    input: &Input,
    i: usize,
    rule: &'static rules::Rule,
    span: Span,
    message: String,
) -> Diagnostic {
    let file = &input.loaded.spans[i].file;
    Diagnostic::new(rule, file, span, message).action(Some(input.loaded.plan.actions[i].code))
}

/// P001: two files with the same code.
pub fn duplicate_codes(input: &Input, out: &mut Vec<Diagnostic>) {
    let actions = &input.loaded.plan.actions;
    for i in 1..actions.len() {
        if actions[i].code == actions[i - 1].code {
            let first = &input.loaded.spans[i - 1].file;
            out.push(
                diag(
                    input,
                    i,
                    &rules::DUPLICATE_CODE,
                    input.loaded.spans[i].code,
                    format!("action {} is also defined in {first}", actions[i].code),
                )
                .hint("give one of the two actions its own code (and file name)"),
            );
        }
    }
}

/// P003 and P004: the objective agrees with the code and is declared.
pub fn objectives(input: &Input, out: &mut Vec<Diagnostic>) {
    let plan = &input.loaded.plan;
    for (i, a) in plan.actions.iter().enumerate() {
        let spans = &input.loaded.spans[i];
        let expected = a.code.objective_code();
        if a.objective != expected {
            out.push(
                diag(
                    input,
                    i,
                    &rules::CODE_OBJECTIVE_MISMATCH,
                    spans.objective,
                    format!(
                        "action {} is in objective {}, but its objective says `{}`",
                        a.code, expected, a.objective
                    ),
                )
                .hint(format!(
                    "write `objective: {expected}` (or change the code)"
                )),
            );
        }
        if plan.objective(&expected).is_none() {
            let lever = a.code.lever_code();
            let msg = if plan.lever(&lever).is_none() {
                format!(
                    "lever {lever} of action {} is not declared in levers.yaml",
                    a.code
                )
            } else {
                format!(
                    "objective {expected} of action {} is not declared in levers.yaml",
                    a.code
                )
            };
            out.push(
                diag(input, i, &rules::UNKNOWN_OBJECTIVE, spans.code, msg).hint(format!(
                    "declare {expected} in {}, or fix the code",
                    input.loaded.decls.levers_file
                )),
            );
        }
    }
}

fn actor_names(plan: &Plan) -> Vec<&str> {
    plan.actors.iter().map(|a| a.acronym.as_str()).collect()
}

/// P005 and P006: someone carries the action, and they are declared.
pub fn responsible(input: &Input, out: &mut Vec<Diagnostic>) {
    let plan = &input.loaded.plan;
    let names = actor_names(plan);
    for (i, a) in plan.actions.iter().enumerate() {
        let spans = &input.loaded.spans[i];
        if a.responsible.is_empty() {
            out.push(diag(
                input,
                i,
                &rules::NO_RESPONSIBLE,
                spans.responsible_key,
                format!("action {} has no responsible actor", a.code),
            ));
        }
        for (j, r) in a.responsible.iter().enumerate() {
            if plan.resolve_actor(r).is_none() {
                let span = spans
                    .responsible
                    .get(j)
                    .copied()
                    .unwrap_or(spans.responsible_key);
                let hint = match suggest(r, &names) {
                    Some(s) => format!(
                        "did you mean `{s}`? or declare `{r}` in {}",
                        input.loaded.decls.actors_file
                    ),
                    None => format!("declare `{r}` in {}", input.loaded.decls.actors_file),
                };
                out.push(
                    diag(
                        input,
                        i,
                        &rules::UNKNOWN_RESPONSIBLE,
                        span,
                        format!("responsible actor `{r}` is not declared"),
                    )
                    .hint(hint),
                );
            }
        }
    }
}

/// Whether a partner's name looks like an acronym that should be declared.
pub fn acronym_like(s: &str, plan: &Plan) -> bool {
    crate::model::actor::looks_like_acronym(s, |prefix| {
        plan.actor(prefix)
            .is_some_and(|a| a.kind == ActorKind::Ministry)
    })
}

/// P007: partners that look like acronyms are declared.
pub fn partners(input: &Input, out: &mut Vec<Diagnostic>) {
    let plan = &input.loaded.plan;
    let names = actor_names(plan);
    for (i, a) in plan.actions.iter().enumerate() {
        for (j, p) in a.partners.iter().enumerate() {
            if acronym_like(p, plan) && plan.resolve_actor(p).is_none() {
                let span = input.loaded.spans[i]
                    .partners
                    .get(j)
                    .copied()
                    .unwrap_or_default();
                let hint = match suggest(p, &names) {
                    Some(s) => format!(
                        "did you mean `{s}`? or declare `{p}` in {}",
                        input.loaded.decls.actors_file
                    ),
                    None => format!(
                        "declare `{p}` in {}, or write the partner's full name",
                        input.loaded.decls.actors_file
                    ),
                };
                out.push(
                    diag(
                        input,
                        i,
                        &rules::UNKNOWN_PARTNER,
                        span,
                        format!("partner `{p}` looks like an acronym but is not declared"),
                    )
                    .hint(hint),
                );
            }
        }
    }
}

/// P008 and P009: indicators exist and their ids are unique.
pub fn indicators(input: &Input, out: &mut Vec<Diagnostic>) {
    for (i, a) in input.loaded.plan.actions.iter().enumerate() {
        let spans = &input.loaded.spans[i];
        if a.indicators.is_empty() {
            out.push(diag(
                input,
                i,
                &rules::NO_INDICATOR,
                spans.indicators_key,
                format!("action {} has no indicator", a.code),
            ));
        }
        for (j, ind) in a.indicators.iter().enumerate() {
            if a.indicators[..j].iter().any(|o| o.id == ind.id) {
                let span = spans
                    .indicators
                    .get(j)
                    .copied()
                    .unwrap_or(spans.indicators_key);
                out.push(diag(
                    input,
                    i,
                    &rules::DUPLICATE_INDICATOR,
                    span,
                    format!("indicator id `{}` is used twice in {}", ind.id, a.code),
                ));
            }
        }
    }
}

/// P020: an action's text is empty.
pub fn texts(input: &Input, out: &mut Vec<Diagnostic>) {
    for (i, a) in input.loaded.plan.actions.iter().enumerate() {
        if a.action.trim().is_empty() {
            out.push(diag(
                input,
                i,
                &rules::EMPTY_TEXT,
                input.loaded.spans[i].action,
                format!("action {} has no text", a.code),
            ));
        }
    }
}

/// P010, P011 and P012: calendars are ordered, within the plan period, and agree with
/// their label.
pub fn calendars(input: &Input, out: &mut Vec<Diagnostic>) {
    let plan_start = input.settings.plan.start;
    let plan_end = input.settings.plan.end;
    for (i, a) in input.loaded.plan.actions.iter().enumerate() {
        let c = &a.calendar;
        let spans = &input.loaded.spans[i];
        if c.ends_before_start() {
            out.push(diag(
                input,
                i,
                &rules::CALENDAR_REVERSED,
                spans.calendar_end,
                format!(
                    "the calendar of {} ends ({}) before it starts ({})",
                    a.code,
                    c.end.map(|p| p.to_string()).unwrap_or_default(),
                    c.start.map(|p| p.to_string()).unwrap_or_default()
                ),
            ));
        }
        let end_year = c.end.map(|e| e.end().year());
        let start_year = c.start.map(|s| s.start().year());
        if end_year.is_some_and(|y| y > plan_end) || start_year.is_some_and(|y| y > plan_end) {
            out.push(diag(input, i, &rules::CALENDAR_OUTSIDE_PERIOD, spans.calendar_end, format!(
                "the calendar of {} (\"{}\") goes beyond the plan period {plan_start}–{plan_end}",
                a.code, c.label
            )));
        }
        let (parsed, understood) = parse_label(&c.label);
        let structure_given = *c
            != crate::model::Calendar {
                label: c.label.clone(),
                ..Default::default()
            };
        if understood && parsed != *c {
            out.push(diag(
                input,
                i,
                &rules::CALENDAR_LABEL_MISMATCH,
                spans.calendar_label,
                format!(
                    "calendar label \"{}\" means {}, but the fields say {}",
                    c.label,
                    parsed.describe(),
                    c.describe()
                ),
            ));
        } else if !understood && !structure_given {
            out.push(
                diag(input, i, &rules::CALENDAR_LABEL_MISMATCH, spans.calendar_label, format!("calendar label \"{}\" is not understood and no structure is given", c.label))
                    .hint("add start/end/continuous/recurrence/dependency fields that say what the label means"),
            );
        }
    }
}

/// P013, P014 and P015: the state history is ordered, past, and closed after done/cancelled.
pub fn states(input: &Input, out: &mut Vec<Diagnostic>) {
    use crate::model::action::StateProblem as P;
    for (i, a) in input.loaded.plan.actions.iter().enumerate() {
        let spans = &input.loaded.spans[i];
        for (j, e) in a.states.iter().enumerate() {
            let span = spans.states.get(j).copied().unwrap_or_default();
            let previous = j.checked_sub(1).map(|k| &a.states[k]);
            for p in e.problems(previous, input.today) {
                let (rule, message) = match p {
                    P::Future => (
                        &rules::STATE_IN_FUTURE,
                        format!(
                            "state `{}` of {} is dated {}, after today ({})",
                            e.state.as_str(),
                            a.code,
                            e.date,
                            input.today
                        ),
                    ),
                    P::BeforePrevious(d) => (
                        &rules::STATES_OUT_OF_ORDER,
                        format!("state entry dated {} comes after one dated {d}", e.date),
                    ),
                    P::AfterClosed(s, d) => (
                        &rules::STATE_AFTER_CLOSED,
                        format!(
                            "state `{}` on {} follows `{}` on {d} without reopening",
                            e.state.as_str(),
                            e.date,
                            s.as_str()
                        ),
                    ),
                    P::NothingToReopen(s) => (
                        &rules::NOTHING_TO_REOPEN,
                        match s {
                            Some(s) => format!(
                                "state `{}` on {} reopens the action, which was `{}`, not done or cancelled",
                                e.state.as_str(),
                                e.date,
                                s.as_str()
                            ),
                            None => format!(
                                "the first state entry ({} on {}) reopens the action, which had no state",
                                e.state.as_str(),
                                e.date
                            ),
                        },
                    ),
                    P::NoNote => (
                        &rules::STATE_WITHOUT_NOTE,
                        format!("state `{}` on {} has no note", e.state.as_str(), e.date),
                    ),
                };
                out.push(diag(input, i, rule, span, message));
            }
        }
    }
}
