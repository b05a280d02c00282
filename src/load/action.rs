//! Decoding an action file (`plan/<lever>/<code>.yaml`).

use super::decode::{self, Ctx};
use crate::diag::Span;
use crate::diag::rules;
use crate::model::calendar::Recurrence;
use crate::model::{
    Action, Calendar, Frequency, Indicator, IndicatorKind, Measure, State, StateEntry,
};
use crate::syntax::yaml::Node;

/// Field names of an action file, in their canonical order.
pub const ACTION_FIELDS: &[&str] = &[
    "code",
    "objective",
    "action",
    "responsible",
    "partners",
    "indicators",
    "calendar",
    "states",
];
/// Field names of an indicator.
pub const INDICATOR_FIELDS: &[&str] = &[
    "id",
    "label",
    "kind",
    "measure",
    "every",
    "breakdowns",
    "targets",
];
/// Field names of a calendar.
pub const CALENDAR_FIELDS: &[&str] = &[
    "label",
    "start",
    "end",
    "continuous",
    "recurrence",
    "dependency",
];
/// Field names of a state entry.
pub const STATE_FIELDS: &[&str] = &["date", "state", "note", "reopened"];

/// Where the parts of an action are in its file, for diagnostics.
#[derive(Clone, Debug, Default)]
pub struct ActionSpans {
    /// The file, relative to the repository root.
    pub file: String,
    /// The `code:` value.
    pub code: Span,
    /// The `objective:` value.
    pub objective: Span,
    /// The `action:` value.
    pub action: Span,
    /// The `responsible:` key.
    pub responsible_key: Span,
    /// Each responsible actor.
    pub responsible: Vec<Span>,
    /// Each partner.
    pub partners: Vec<Span>,
    /// The `indicators:` key.
    pub indicators_key: Span,
    /// Each indicator's `id:` value.
    pub indicators: Vec<Span>,
    /// Each indicator's `every:` value, or its id when absent.
    pub frequencies: Vec<Span>,
    /// The `calendar:` key.
    pub calendar: Span,
    /// The calendar's `end:` value, or the `calendar:` key.
    pub calendar_end: Span,
    /// The calendar's `label:` value.
    pub calendar_label: Span,
    /// Each state entry's `date:` value.
    pub states: Vec<Span>,
}

/// Decode an action from its file's node tree. Returns `None` when a required part is
/// missing or unreadable (the problems are in `ctx`).
pub fn decode(ctx: &mut Ctx, root: &Node) -> Option<(Action, ActionSpans)> {
    let what = "the action";
    let f = decode::mapping(ctx, root, what)?;
    f.check_keys(ctx, ACTION_FIELDS, what);
    let mut spans = ActionSpans {
        file: ctx.file.to_string(),
        ..ActionSpans::default()
    };
    let code = f.required(ctx, "code", what).and_then(|n| {
        spans.code = n.span;
        let s = decode::text_ref(ctx, n, "`code`")?;
        match ctx.codes.parse(&s) {
            Ok(c) => Some(c),
            Err(e) => {
                let hint = format!(
                    "write it as the plan's code format {} says (pan.toml [plan] code_format), e.g. {}",
                    ctx.codes.code_format(),
                    ctx.codes.example()
                );
                ctx.report(&rules::MALFORMED_CODE, n.span, e.to_string(), Some(hint));
                None
            }
        }
    });
    let objective = f.required(ctx, "objective", what).and_then(|n| {
        spans.objective = n.span;
        decode::text(ctx, n, "`objective`")
    });
    let text = f.required(ctx, "action", what).and_then(|n| {
        spans.action = n.span;
        decode::text(ctx, n, "`action`")
    });
    let responsible = f.required(ctx, "responsible", what).and_then(|n| {
        spans.responsible_key = f.key_span("responsible").unwrap_or(n.span);
        decode::text_list(ctx, n, "`responsible`")
    });
    let partners = match f.get("partners") {
        Some(n) => decode::text_list(ctx, n, "`partners`"),
        None => Some(Vec::new()),
    };
    let indicators = f.required(ctx, "indicators", what).and_then(|n| {
        spans.indicators_key = f.key_span("indicators").unwrap_or(n.span);
        let items = decode::list(ctx, n, "`indicators`")?;
        let mut out = Vec::with_capacity(items.len());
        let mut all = true;
        for item in items {
            match indicator(ctx, item) {
                Some((ind, id_span, freq_span)) => {
                    spans.indicators.push(id_span);
                    spans.frequencies.push(freq_span);
                    out.push(ind);
                }
                None => all = false,
            }
        }
        all.then_some(out)
    });
    let calendar = f.required(ctx, "calendar", what).and_then(|n| {
        spans.calendar = f.key_span("calendar").unwrap_or(n.span);
        calendar(ctx, n, &mut spans)
    });
    let states = match f.get("states") {
        Some(n) => decode::list(ctx, n, "`states`").and_then(|items| {
            let mut out = Vec::with_capacity(items.len());
            let mut all = true;
            for item in items {
                match state_entry(ctx, item) {
                    Some((e, span)) => {
                        spans.states.push(span);
                        out.push(e);
                    }
                    None => all = false,
                }
            }
            all.then_some(out)
        }),
        None => Some(Vec::new()),
    };

    let (
        Some(code),
        Some(objective),
        Some(text),
        Some(responsible),
        Some(partners),
        Some(indicators),
        Some(calendar),
        Some(states),
    ) = (
        code,
        objective,
        text,
        responsible,
        partners,
        indicators,
        calendar,
        states,
    )
    else {
        return None;
    };
    spans.responsible = responsible.iter().map(|(_, s)| *s).collect();
    spans.partners = partners.iter().map(|(_, s)| *s).collect();
    Some((
        Action {
            code,
            objective,
            action: text,
            responsible: responsible.into_iter().map(|(s, _)| s).collect(),
            partners: partners.into_iter().map(|(s, _)| s).collect(),
            indicators,
            calendar,
            states,
        },
        spans,
    ))
}

fn indicator(ctx: &mut Ctx, node: &Node) -> Option<(Indicator, Span, Span)> {
    let what = "an indicator";
    let f = decode::mapping(ctx, node, what)?;
    f.check_keys(ctx, INDICATOR_FIELDS, what);
    let id_node = f.required(ctx, "id", what);
    let id = id_node.and_then(|n| {
        let s = decode::text(ctx, n, "the indicator `id`")?;
        if decode::is_id(&s) {
            Some(s)
        } else {
            ctx.report(
                &rules::INVALID_VALUE,
                n.span,
                format!("indicator id `{s}` is not a valid identifier"),
                Some("use lower-case letters, digits and `-`, e.g. `participants-formes`".into()),
            );
            None
        }
    });
    let label = f
        .required(ctx, "label", what)
        .and_then(|n| decode::text(ctx, n, "the indicator `label`"));
    let kinds: Vec<&str> = IndicatorKind::ALL.iter().map(|k| k.as_str()).collect();
    let kind = f
        .required(ctx, "kind", what)
        .and_then(|n| decode::word(ctx, n, "indicator kind", IndicatorKind::parse, &kinds));
    let measure = match f.get("measure") {
        Some(n) => Some(decode::word(
            ctx,
            n,
            "measure",
            Measure::parse,
            &["flow", "level"],
        )?),
        None => None,
    };
    let freqs: Vec<&str> = Frequency::ALL.iter().map(|k| k.as_str()).collect();
    let freq_node = f.get("every");
    let frequency = match freq_node {
        Some(n) => Some(decode::word(
            ctx,
            n,
            "reporting frequency (`every:`)",
            Frequency::parse,
            &freqs,
        )?),
        None => None,
    };
    let breakdowns = match f.get("breakdowns") {
        Some(n) => Some(super::dimensions::breakdowns(ctx, n)?),
        None => None,
    };
    let targets = match f.get("targets") {
        Some(n) => Some(targets(ctx, n, kind)?),
        None => None,
    };
    let id_span = id_node.map(|n| n.span).unwrap_or(f.span);
    let freq_span = freq_node.map(|n| n.span).unwrap_or(id_span);
    Some((
        Indicator {
            id: id?,
            label: label?,
            kind: kind?,
            measure,
            frequency,
            breakdowns: breakdowns.unwrap_or_default(),
            targets: targets.unwrap_or_default(),
        },
        id_span,
        freq_span,
    ))
}

/// An indicator's `targets:`: a mapping of years to numbers (`{2026: 12, 2028: 30}`),
/// only on indicators whose readings are numbers.
fn targets(
    ctx: &mut Ctx,
    node: &Node,
    kind: Option<IndicatorKind>,
) -> Option<std::collections::BTreeMap<i16, f64>> {
    let f = decode::mapping(ctx, node, "`targets`")?;
    if let Some(k) = kind
        && !matches!(
            k,
            IndicatorKind::Count | IndicatorKind::Number | IndicatorKind::Percent
        )
    {
        ctx.report(
            &rules::BAD_TARGET,
            node.span,
            format!("a {} indicator has no value to reach", k.as_str()),
            Some(
                "remove `targets:`: only count, number and percent indicators have targets".into(),
            ),
        );
        return None;
    }
    let mut out = std::collections::BTreeMap::new();
    let mut ok = true;
    for (key, value) in f.entries() {
        let year = key
            .name
            .parse::<i16>()
            .ok()
            .filter(|y| key.name.len() == 4 && (1000..=9999).contains(y));
        let Some(year) = year else {
            ctx.report(
                &rules::BAD_TARGET,
                key.span,
                format!(
                    "target key `{}` is not a year",
                    crate::text::short(&key.name)
                ),
                Some(
                    "write each target as `YEAR: VALUE`, e.g. `targets: {2026: 12, 2028: 30}`"
                        .into(),
                ),
            );
            ok = false;
            continue;
        };
        let v = match &value.value {
            crate::syntax::yaml::Value::Int(i) => Some(*i as f64),
            crate::syntax::yaml::Value::Float(x) if x.is_finite() => Some(*x),
            _ => None,
        };
        let v = v.filter(|v| kind != Some(IndicatorKind::Percent) || (0.0..=100.0).contains(v));
        let Some(v) = v else {
            ctx.report(
                &rules::BAD_TARGET,
                value.span,
                format!(
                    "the target for {year} is not a number{}",
                    if kind == Some(IndicatorKind::Percent) {
                        " from 0 to 100"
                    } else {
                        ""
                    }
                ),
                Some("write the value to reach as a plain number, e.g. `2026: 12`".into()),
            );
            ok = false;
            continue;
        };
        if out.insert(year, v).is_some() {
            ctx.report(
                &rules::DUPLICATE_KEY,
                key.span,
                format!("the target for {year} appears twice"),
                None,
            );
            ok = false;
        }
    }
    ok.then_some(out)
}

fn calendar(ctx: &mut Ctx, node: &Node, spans: &mut ActionSpans) -> Option<Calendar> {
    let what = "the calendar";
    let f = decode::mapping(ctx, node, what)?;
    f.check_keys(ctx, CALENDAR_FIELDS, what);
    let label_node = f.required(ctx, "label", what);
    spans.calendar_label = label_node.map(|n| n.span).unwrap_or(spans.calendar);
    let label = label_node.and_then(|n| decode::text(ctx, n, "the calendar `label`"));
    let mut ok = true;
    let mut opt_period = |ctx: &mut Ctx, key: &str| match f.get(key) {
        Some(n) => {
            let p = decode::period(ctx, n, &format!("calendar `{key}`"));
            ok &= p.is_some();
            p
        }
        None => None,
    };
    let start = opt_period(ctx, "start");
    let end = opt_period(ctx, "end");
    spans.calendar_end = f.get("end").map(|n| n.span).unwrap_or(spans.calendar);
    let continuous = match f.get("continuous") {
        Some(n) => decode::boolean(ctx, n, "calendar `continuous`")?,
        None => false,
    };
    let recs: Vec<&str> = Recurrence::ALL.iter().map(|r| r.as_str()).collect();
    let recurrence = match f.get("recurrence") {
        Some(n) => Some(decode::word(
            ctx,
            n,
            "recurrence",
            Recurrence::parse,
            &recs,
        )?),
        None => None,
    };
    let dependency = match f.get("dependency") {
        Some(n) => Some(decode::text(ctx, n, "calendar `dependency`")?),
        None => None,
    };
    if !ok {
        return None;
    }
    Some(Calendar {
        label: label?,
        start,
        end,
        continuous,
        recurrence,
        dependency,
    })
}

fn state_entry(ctx: &mut Ctx, node: &Node) -> Option<(StateEntry, Span)> {
    let what = "a state entry";
    let f = decode::mapping(ctx, node, what)?;
    f.check_keys(ctx, STATE_FIELDS, what);
    let date_node = f.required(ctx, "date", what);
    let date = date_node.and_then(|n| decode::date(ctx, n, "the state `date`"));
    let states: Vec<&str> = State::ALL.iter().map(|s| s.as_str()).collect();
    let state = f
        .required(ctx, "state", what)
        .and_then(|n| decode::word(ctx, n, "state", State::parse, &states));
    let note = match f.get("note") {
        Some(n) => Some(decode::text(ctx, n, "the state `note`")?),
        None => Some(String::new()),
    };
    let reopened = match f.get("reopened") {
        Some(n) => decode::boolean(ctx, n, "`reopened`")?,
        None => false,
    };
    Some((
        StateEntry {
            date: date?,
            state: state?,
            note: note?,
            reopened,
        },
        date_node.map(|n| n.span).unwrap_or(f.span),
    ))
}
