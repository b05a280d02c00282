//! Per-period targets of action indicators (`targets: {2026: 12, 2028: 30}`): how the
//! readings of each target's year compare with it, and the roll-up per objective and lever.
//!
//! The roll-up counts actions — on track, behind, without a figure, not yet judged, without
//! a target — and never averages them into a percentage: the actions of a lever differ too
//! much in kind and size for one number to mean anything, and a count says how many
//! actions the committee must look at.

use jiff::civil::Date;
use serde::Serialize;

use super::health::readings_of_action;
use crate::model::{Indicator, IndicatorKind, Measure, Period, Plan, Reading, Readings, Value};

/// Where one target stands on the as-of date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// The readings of its year are below it and its year has ended.
    Behind,
    /// Its year has ended without a reading to compare.
    NoFigure,
    /// Its year has not ended and it is not reached yet.
    Pending,
    /// The readings of its year reach it.
    Reached,
}

/// One target of an indicator and the figure of its year.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TargetProgress {
    /// The target's year.
    pub year: i16,
    /// The value to reach.
    pub target: f64,
    /// The figure of that year known on the as-of date: the sum of a flow's readings of
    /// the year, a level's latest reading in it.
    pub value: Option<f64>,
    /// Where it stands.
    pub standing: Standing,
}

/// An indicator's targets and the one of the period.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IndicatorTargets {
    /// Indicator id.
    pub indicator: String,
    /// Indicator label, as published.
    pub label: String,
    /// Its kind (how values read).
    pub kind: IndicatorKind,
    /// Every target, in year order.
    pub targets: Vec<TargetProgress>,
    /// Index in `targets` of the target of the period: the first whose year has not
    /// ended, else the last.
    pub current: usize,
    /// Where the indicator stands: its period's target when reached, else the latest
    /// target whose year has ended, else not yet judged.
    pub standing: Standing,
}

impl IndicatorTargets {
    /// The target of the period.
    pub fn of_period(&self) -> Option<&TargetProgress> {
        self.targets.get(self.current)
    }
}

/// How an action stands against its indicators' targets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionStanding {
    /// Every judged target reached.
    OnTrack,
    /// A target missed.
    Behind,
    /// A target's year ended without a figure.
    NoFigure,
    /// No target judged yet.
    Pending,
    /// No indicator has a target.
    NoTarget,
}

impl ActionStanding {
    /// Every value, in the roll-up's column order.
    pub const ALL: [ActionStanding; 5] = [
        ActionStanding::OnTrack,
        ActionStanding::Behind,
        ActionStanding::NoFigure,
        ActionStanding::Pending,
        ActionStanding::NoTarget,
    ];

    fn of(indicators: &[IndicatorTargets]) -> ActionStanding {
        match indicators.iter().map(|i| i.standing).min() {
            None => ActionStanding::NoTarget,
            Some(Standing::Behind) => ActionStanding::Behind,
            Some(Standing::NoFigure) => ActionStanding::NoFigure,
            Some(Standing::Pending) => ActionStanding::Pending,
            Some(Standing::Reached) => ActionStanding::OnTrack,
        }
    }
}

/// The figure of `year` among an indicator's readings: a flow's readings of the year
/// added up (one reading of the whole year when there is one; nothing when periods
/// overlap), a level's latest reading in the year.
fn figure_of_year(ind: &Indicator, rs: &[&Reading], year: i16, as_of: Date) -> Option<f64> {
    let mut within: Vec<(Period, f64)> = rs
        .iter()
        .filter(|r| r.known_on(as_of))
        .filter(|r| r.period.start().year() == year && r.period.end().year() == year)
        .filter_map(|r| match r.value() {
            Value::Number(n) => Some((r.period, n)),
            _ => None,
        })
        .collect();
    within.sort_by_key(|(p, _)| (p.start(), p.end()));
    if ind.measure() == Measure::Level {
        return within.iter().max_by_key(|(p, _)| p.end()).map(|(_, v)| *v);
    }
    if let Some((_, v)) = within.iter().find(|(p, _)| *p == Period::Year(year)) {
        return Some(*v);
    }
    if within.windows(2).any(|w| w[1].0.start() <= w[0].0.end()) {
        return None;
    }
    let values: Vec<f64> = within.iter().map(|(_, v)| *v).collect();
    (!values.is_empty())
        .then(|| crate::model::reading::exact_sum(values))
        .flatten()
}

/// An indicator's targets on `as_of`, when it has any.
pub fn of_indicator(ind: &Indicator, rs: &[&Reading], as_of: Date) -> Option<IndicatorTargets> {
    if ind.targets.is_empty() {
        return None;
    }
    let ended = |y: i16| y < as_of.year();
    let targets: Vec<TargetProgress> = ind
        .targets
        .iter()
        .map(|(&year, &target)| {
            let value = figure_of_year(ind, rs, year, as_of);
            let standing = match (value, ended(year)) {
                (Some(v), _) if v >= target => Standing::Reached,
                (Some(_), true) => Standing::Behind,
                (None, true) => Standing::NoFigure,
                (_, false) => Standing::Pending,
            };
            TargetProgress {
                year,
                target,
                value,
                standing,
            }
        })
        .collect();
    let current = targets
        .iter()
        .position(|t| !ended(t.year))
        .unwrap_or(targets.len() - 1);
    let standing = match targets.get(current) {
        Some(t) if t.standing == Standing::Reached => Standing::Reached,
        _ => targets
            .iter()
            .rev()
            .find(|t| ended(t.year))
            .map_or(Standing::Pending, |t| t.standing),
    };
    Some(IndicatorTargets {
        indicator: ind.id.clone(),
        label: ind.label.clone(),
        kind: ind.kind,
        targets,
        current,
        standing,
    })
}

/// The targets of every indicator of an action that has any.
pub fn of_action(
    a: &crate::model::Action,
    readings: &super::health::ActionReadings,
    as_of: Date,
) -> Vec<IndicatorTargets> {
    a.indicators
        .iter()
        .zip(readings)
        .filter_map(|(ind, rs)| of_indicator(ind, rs, as_of))
        .collect()
}

/// An action with targets, for the digest's list.
#[derive(Clone, Debug, Serialize)]
pub struct ActionTargets {
    /// Code.
    pub code: String,
    /// Where it stands.
    pub standing: ActionStanding,
    /// Its indicators with targets.
    pub indicators: Vec<IndicatorTargets>,
}

/// One line of the roll-up: a lever or an objective.
#[derive(Clone, Debug, Serialize)]
pub struct RollupLine {
    /// Lever letter.
    pub lever: String,
    /// Objective code, or none for the lever's line.
    pub objective: Option<String>,
    /// Title.
    pub title: String,
    /// Number of actions per standing, in [`ActionStanding::ALL`] order.
    pub counts: [usize; 5],
}

/// The roll-up per lever and objective, and the actions with targets.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Rollup {
    /// Each lever, then its objectives.
    pub lines: Vec<RollupLine>,
    /// The actions that have targets, in code order.
    pub actions: Vec<ActionTargets>,
}

impl Rollup {
    /// Whether any action has a target.
    pub fn any(&self) -> bool {
        !self.actions.is_empty()
    }
}

/// The roll-up of the plan's targets on `as_of`.
pub fn rollup(plan: &Plan, readings: &Readings, as_of: Date) -> Rollup {
    let mut out = Rollup::default();
    let mut standing_of: Vec<(String, String, ActionStanding)> = Vec::new();
    for (i, a) in plan.actions.iter().enumerate() {
        let has = a.indicators.iter().any(|ind| !ind.targets.is_empty());
        let standing = if has {
            let rs = readings_of_action(plan, readings, i, as_of);
            let indicators = of_action(a, &rs, as_of);
            let standing = ActionStanding::of(&indicators);
            out.actions.push(ActionTargets {
                code: a.code.to_string(),
                standing,
                indicators,
            });
            standing
        } else {
            ActionStanding::NoTarget
        };
        standing_of.push((a.code.lever_code(), a.objective.clone(), standing));
    }
    let count = |keep: &dyn Fn(&(String, String, ActionStanding)) -> bool| {
        let mut c = [0; 5];
        for s in standing_of.iter().filter(|s| keep(s)) {
            if let Some(k) = ActionStanding::ALL.iter().position(|x| *x == s.2) {
                c[k] += 1;
            }
        }
        c
    };
    for l in &plan.levers {
        out.lines.push(RollupLine {
            lever: l.code.clone(),
            objective: None,
            title: l.title.clone(),
            counts: count(&|s| s.0 == l.code),
        });
        for o in &l.objectives {
            out.lines.push(RollupLine {
                lever: l.code.clone(),
                objective: Some(o.code.clone()),
                title: o.title.clone(),
                counts: count(&|s| s.1 == o.code),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn ind(measure: Measure, targets: &[(i16, f64)]) -> Indicator {
        Indicator {
            id: "i".into(),
            label: "l".into(),
            kind: IndicatorKind::Count,
            measure: Some(measure),
            frequency: None,
            breakdowns: vec![],
            targets: targets.iter().copied().collect(),
        }
    }

    #[test]
    fn no_targets_no_progress() {
        assert_eq!(
            of_indicator(&ind(Measure::Flow, &[]), &[], date(2026, 1, 1)),
            None
        );
        assert_eq!(ActionStanding::of(&[]), ActionStanding::NoTarget);
    }

    #[test]
    fn a_target_is_pending_then_judged() {
        let i = ind(Measure::Flow, &[(2026, 12.0), (2028, 30.0)]);
        let t = of_indicator(&i, &[], date(2026, 12, 6)).unwrap();
        assert_eq!(t.current, 0);
        assert_eq!(t.standing, Standing::Pending);
        let t = of_indicator(&i, &[], date(2027, 3, 1)).unwrap();
        assert_eq!(t.current, 1, "the period's target is 2028's");
        assert_eq!(
            t.standing,
            Standing::NoFigure,
            "2026 ended without a figure"
        );
        let t = of_indicator(&i, &[], date(2031, 1, 1)).unwrap();
        assert_eq!(t.current, 1, "after the last year, the last target");
        assert_eq!(t.targets[1].standing, Standing::NoFigure);
    }

    fn reading(period: &str, v: f64) -> Reading {
        crate::model::Reading::new(
            crate::model::Owner::Action(0),
            0,
            period.parse().unwrap(),
            Value::Number(v),
        )
    }

    #[test]
    fn the_figure_of_a_year_adds_a_flow_and_takes_a_level_s_latest() {
        let (h1, h2, y, q3) = (
            reading("2026-H1", 5.0),
            reading("2026-H2", 8.0),
            reading("2026", 20.0),
            reading("2026-Q3", 2.0),
        );
        let day = date(2027, 1, 1);
        let flow = ind(Measure::Flow, &[(2026, 12.0)]);
        assert_eq!(figure_of_year(&flow, &[&h1, &h2], 2026, day), Some(13.0));
        // The whole year's reading wins over its parts.
        assert_eq!(figure_of_year(&flow, &[&h1, &y], 2026, day), Some(20.0));
        // Overlapping parts are never added.
        assert_eq!(figure_of_year(&flow, &[&h2, &q3], 2026, day), None);
        assert_eq!(figure_of_year(&flow, &[&h1], 2027, day), None);
        let level = ind(Measure::Level, &[(2026, 12.0)]);
        assert_eq!(figure_of_year(&level, &[&h2, &h1], 2026, day), Some(8.0));
        // Reached, then behind once the year ended below the target.
        let t = of_indicator(&flow, &[&h1, &h2], date(2026, 12, 6)).unwrap();
        assert_eq!(t.standing, Standing::Reached);
        let t = of_indicator(&ind(Measure::Flow, &[(2026, 14.0)]), &[&h1, &h2], day).unwrap();
        assert_eq!(t.standing, Standing::Behind);
        assert_eq!(
            ActionStanding::of(std::slice::from_ref(&t)),
            ActionStanding::Behind
        );
    }
}
