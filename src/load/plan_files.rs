//! Decoding the plan-wide files: `levers.yaml`, `actors.yaml` and `context.yaml`.

use super::decode::{self, Ctx};
use crate::diag::Span;
use crate::diag::rules;
use crate::model::code::Style;
use crate::model::{
    Abbreviation, Actor, ActorKind, ContextIndicator, Direction, IndicatorKind, Lever, Objective,
    Target,
};
use crate::syntax::yaml::Node;

/// Where the declarations of the plan-wide files are, for diagnostics.
#[derive(Clone, Debug, Default)]
pub struct DeclSpans {
    /// `plan/levers.yaml`, relative to the root.
    pub levers_file: String,
    /// Each lever's code value, in file order.
    pub levers: Vec<Span>,
    /// Each objective's code value, as (objective code, span).
    pub objectives: Vec<(String, Span)>,
    /// `plan/actors.yaml`, relative to the root.
    pub actors_file: String,
    /// Each actor's acronym value, in file order.
    pub actors: Vec<Span>,
    /// Each actor's `ministry:` value (or acronym when absent).
    pub actor_ministries: Vec<Span>,
    /// Each actor's aliases.
    pub aliases: Vec<Vec<Span>>,
    /// Each abbreviation's acronym.
    pub abbreviations: Vec<Span>,
    /// `plan/context.yaml`, relative to the root.
    pub context_file: String,
    /// Each context indicator's id.
    pub context: Vec<Span>,
}

/// Decode `levers.yaml`.
pub fn levers(ctx: &mut Ctx, root: &Node, spans: &mut DeclSpans) -> Vec<Lever> {
    let Some(f) = decode::mapping(ctx, root, "levers.yaml") else {
        return Vec::new();
    };
    f.check_keys(ctx, &["levers"], "levers.yaml");
    let Some(items) = f
        .required(ctx, "levers", "levers.yaml")
        .and_then(|n| decode::list(ctx, n, "`levers`"))
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items {
        let what = "a lever";
        let Some(lf) = decode::mapping(ctx, item, what) else {
            continue;
        };
        lf.check_keys(ctx, &["code", "title", "objectives"], what);
        let code_node = lf.required(ctx, "code", what);
        let code = code_node.and_then(|n| {
            let c = decode::text(ctx, n, "the lever `code`")?;
            let ok = ctx.codes.parse_lever(&c).is_some();
            if !ok {
                let (what, hint) = match ctx.codes.lever_style() {
                    Style::Letter => (
                        "one capital letter".to_string(),
                        "name levers by one capital letter, A to Z; for numbered levers write {lever:1} in pan.toml [plan] code_format".to_string(),
                    ),
                    Style::Number => (
                        "a number without leading zero".to_string(),
                        "name levers 1, 2, 3 …, as pan.toml [plan] code_format says ({lever:1})".to_string(),
                    ),
                    Style::Padded(w) => (
                        format!("a number of {w} digits"),
                        format!("name levers {}, {} …, as pan.toml [plan] code_format says", ctx.codes.lever_text(1), ctx.codes.lever_text(2)),
                    ),
                };
                ctx.report(
                    &rules::INVALID_VALUE,
                    n.span,
                    format!("lever code `{c}` is not {what}, as this plan's code format {} writes levers", ctx.codes.code_format()),
                    Some(hint),
                );
            }
            ok.then_some(c)
        });
        let title = lf
            .required(ctx, "title", what)
            .and_then(|n| decode::text(ctx, n, "the lever `title`"));
        let objectives = lf
            .required(ctx, "objectives", what)
            .and_then(|n| decode::list(ctx, n, "`objectives`"))
            .map(|objs| {
                objs.iter()
                    .filter_map(|o| objective(ctx, o, code.as_deref(), spans))
                    .collect::<Vec<_>>()
            });
        if let (Some(code), Some(title), Some(objectives)) = (code, title, objectives) {
            spans
                .levers
                .push(code_node.map(|n| n.span).unwrap_or(lf.span));
            out.push(Lever {
                code,
                title,
                objectives,
            });
        }
    }
    out
}

fn objective(
    ctx: &mut Ctx,
    node: &Node,
    lever: Option<&str>,
    spans: &mut DeclSpans,
) -> Option<Objective> {
    let what = "an objective";
    let f = decode::mapping(ctx, node, what)?;
    f.check_keys(ctx, &["code", "title", "note"], what);
    let code_node = f.required(ctx, "code", what)?;
    let code = decode::text(ctx, code_node, "the objective `code`")?;
    let codes = ctx.codes;
    match codes.parse_objective(&code) {
        None => {
            let example = codes.example();
            ctx.report(
                &rules::INVALID_VALUE,
                code_node.span,
                format!(
                    "objective code `{code}` is not of the form {}",
                    codes.objective_format()
                ),
                Some(format!(
                    "write objective codes as {} (objective {} of lever {})",
                    example.objective_code(),
                    example.objective(),
                    example.lever_code()
                )),
            );
            return None;
        }
        Some((l, _)) if lever.is_some_and(|lv| codes.parse_lever(lv) != Some(l)) => {
            ctx.report(
                &rules::CODE_OBJECTIVE_MISMATCH,
                code_node.span,
                format!(
                    "objective `{code}` is listed under lever {}",
                    lever.unwrap_or("?")
                ),
                Some("list each objective under the lever its code names".into()),
            );
        }
        Some(_) => {}
    }
    let title_node = f.required(ctx, "title", what)?;
    let title = decode::text(ctx, title_node, "the objective `title`")?;
    let note = match f.get("note") {
        Some(n) => decode::text(ctx, n, "the objective `note`")?,
        None => String::new(),
    };
    spans.objectives.push((code.clone(), code_node.span));
    Some(Objective { code, title, note })
}

/// Decode `actors.yaml` into actors and abbreviations.
pub fn actors(
    ctx: &mut Ctx,
    root: &Node,
    spans: &mut DeclSpans,
) -> (Vec<Actor>, Vec<Abbreviation>) {
    let Some(f) = decode::mapping(ctx, root, "actors.yaml") else {
        return (Vec::new(), Vec::new());
    };
    f.check_keys(ctx, &["actors", "abbreviations"], "actors.yaml");
    let mut actors = Vec::new();
    if let Some(items) = f
        .required(ctx, "actors", "actors.yaml")
        .and_then(|n| decode::list(ctx, n, "`actors`"))
    {
        for item in items {
            if let Some(a) = actor(ctx, item, spans) {
                actors.push(a);
            }
        }
    }
    let mut abbreviations = Vec::new();
    if let Some(items) = f
        .get("abbreviations")
        .and_then(|n| decode::list(ctx, n, "`abbreviations`"))
    {
        for item in items {
            let what = "an abbreviation";
            let Some(af) = decode::mapping(ctx, item, what) else {
                continue;
            };
            af.check_keys(ctx, &["acronym", "name", "note"], what);
            let acro_node = af.required(ctx, "acronym", what);
            let acronym = acro_node.and_then(|n| decode::text(ctx, n, "the `acronym`"));
            let name = af
                .required(ctx, "name", what)
                .and_then(|n| decode::text(ctx, n, "the `name`"));
            let note = af
                .get("note")
                .and_then(|n| decode::text(ctx, n, "the `note`"))
                .unwrap_or_default();
            if let (Some(acronym), Some(name)) = (acronym, name) {
                spans
                    .abbreviations
                    .push(acro_node.map(|n| n.span).unwrap_or(af.span));
                abbreviations.push(Abbreviation {
                    acronym,
                    name,
                    note,
                });
            }
        }
    }
    (actors, abbreviations)
}

fn actor(ctx: &mut Ctx, node: &Node, spans: &mut DeclSpans) -> Option<Actor> {
    let what = "an actor";
    let f = decode::mapping(ctx, node, what)?;
    f.check_keys(
        ctx,
        &["acronym", "name", "kind", "ministry", "aliases", "note"],
        what,
    );
    let acro_node = f.required(ctx, "acronym", what);
    let acronym = acro_node.and_then(|n| decode::text(ctx, n, "the `acronym`"));
    let name = f
        .required(ctx, "name", what)
        .and_then(|n| decode::text(ctx, n, "the `name`"));
    let kinds: Vec<&str> = ActorKind::ALL.iter().map(|k| k.as_str()).collect();
    let kind = f
        .required(ctx, "kind", what)
        .and_then(|n| decode::word(ctx, n, "actor kind", ActorKind::parse, &kinds));
    let ministry_node = f.get("ministry");
    let ministry = match ministry_node {
        Some(n) => Some(decode::text(ctx, n, "the `ministry`")?),
        None => None,
    };
    let aliases = match f.get("aliases") {
        Some(n) => decode::text_list(ctx, n, "`aliases`")?,
        None => Vec::new(),
    };
    let note = match f.get("note") {
        Some(n) => decode::text(ctx, n, "the `note`")?,
        None => String::new(),
    };
    let acro_span = acro_node.map(|n| n.span).unwrap_or(f.span);
    let actor = Actor {
        acronym: acronym?,
        name: name?,
        ministry,
        kind: kind?,
        aliases: aliases.iter().map(|(s, _)| s.clone()).collect(),
        note,
    };
    spans.actors.push(acro_span);
    spans
        .actor_ministries
        .push(ministry_node.map(|n| n.span).unwrap_or(acro_span));
    spans
        .aliases
        .push(aliases.into_iter().map(|(_, s)| s).collect());
    Some(actor)
}

/// Decode `context.yaml`: the plan-level indicators of the national situation.
pub fn context(ctx: &mut Ctx, root: &Node, spans: &mut DeclSpans) -> Vec<ContextIndicator> {
    let Some(f) = decode::mapping(ctx, root, "context.yaml") else {
        return Vec::new();
    };
    f.check_keys(ctx, &["indicators"], "context.yaml");
    let Some(items) = f
        .required(ctx, "indicators", "context.yaml")
        .and_then(|n| decode::list(ctx, n, "`indicators`"))
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items {
        let what = "a context indicator";
        let Some(cf) = decode::mapping(ctx, item, what) else {
            continue;
        };
        cf.check_keys(
            ctx,
            &[
                "id",
                "label",
                "kind",
                "direction",
                "target",
                "source",
                "breakdowns",
            ],
            what,
        );
        let id_node = cf.required(ctx, "id", what);
        let id = id_node.and_then(|n| {
            let s = decode::text(ctx, n, "the `id`")?;
            if decode::is_id(&s) {
                Some(s)
            } else {
                ctx.report(
                    &rules::INVALID_VALUE,
                    n.span,
                    format!("`{s}` is not a valid identifier"),
                    Some("use lower-case letters, digits and `-`".into()),
                );
                None
            }
        });
        let label = cf
            .required(ctx, "label", what)
            .and_then(|n| decode::text(ctx, n, "the `label`"));
        let kinds: Vec<&str> = IndicatorKind::ALL.iter().map(|k| k.as_str()).collect();
        let kind = cf
            .required(ctx, "kind", what)
            .and_then(|n| decode::word(ctx, n, "indicator kind", IndicatorKind::parse, &kinds));
        let direction = cf.required(ctx, "direction", what).and_then(|n| {
            decode::word(
                ctx,
                n,
                "direction",
                |s| match s {
                    "increase" => Some(Direction::Increase),
                    "decrease" => Some(Direction::Decrease),
                    "unstated" => Some(Direction::Unstated),
                    _ => None,
                },
                &["increase", "decrease", "unstated"],
            )
        });
        let source = cf
            .required(ctx, "source", what)
            .and_then(|n| decode::text(ctx, n, "the `source`"));
        let target = match cf.get("target") {
            Some(n) => target(ctx, n),
            None => Some(None),
        };
        let breakdowns = match cf.get("breakdowns") {
            Some(n) => super::dimensions::breakdowns(ctx, n),
            None => Some(Vec::new()),
        };
        if let (
            Some(id),
            Some(label),
            Some(kind),
            Some(direction),
            Some(source),
            Some(target),
            Some(breakdowns),
        ) = (id, label, kind, direction, source, target, breakdowns)
        {
            spans
                .context
                .push(id_node.map(|n| n.span).unwrap_or(cf.span));
            out.push(ContextIndicator {
                id,
                label,
                kind,
                direction,
                target,
                source,
                breakdowns,
            });
        }
    }
    out
}

fn target(ctx: &mut Ctx, node: &Node) -> Option<Option<Target>> {
    let what = "a target";
    let f = decode::mapping(ctx, node, what)?;
    f.check_keys(ctx, &["value", "year", "source"], what);
    let value = f
        .required(ctx, "value", what)
        .and_then(|n| decode::number(ctx, n, "the target `value`"));
    let year = f.required(ctx, "year", what).and_then(|n| {
        let v = decode::number(ctx, n, "the target `year`")?;
        if v.fract() == 0.0 && (1000.0..=9999.0).contains(&v) {
            #[expect(
                clippy::cast_possible_truncation,
                reason = "a whole number within 1000..=9999, checked above"
            )]
            let year = v as i16;
            Some(year)
        } else {
            ctx.report(
                &rules::INVALID_VALUE,
                n.span,
                format!("`{v}` is not a year"),
                None,
            );
            None
        }
    });
    let source = f
        .required(ctx, "source", what)
        .and_then(|n| decode::text(ctx, n, "the target `source`"));
    Some(Some(Target {
        value: value?,
        year: year?,
        source: source?,
    }))
}
