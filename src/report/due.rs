//! The reporting cycle: which figure each indicator owes for which period, by when, and
//! whether it came in — the one computation behind `pan due`, the reporting page's
//! "overdue" and the completeness figures (DHIS2's: received ÷ expected, over the periods
//! whose due date has passed).
//!
//! An indicator's frequency is its own `every:` or else `[readings] every`. For each period
//! of that frequency from the start of its action (never before the plan starts: earlier
//! readings are baselines) its **due date** is the period's last day plus `[readings]
//! grace_days`. A figure is **received** when a reading known on the as-of date falls within
//! the period, **late** when its due date has passed without one, **due soon** when its due
//! date falls within `[readings] due_within_days` after the as-of date. A deliverable
//! (`once`) owes one reading, due when its action's calendar ends (the plan's end for an
//! action without an end). No period that begins after the action ends, or after it was
//! recorded done or cancelled, is owed; nor is anything of a cancelled action's
//! deliverables.

use jiff::ToSpan;
use jiff::civil::Date;

use crate::config::Settings;
use crate::model::reading::{effective, latest};
use crate::model::{Action, Frequency, Owner, Period, Plan, Readings, State};

/// Where one owed figure stands on the as-of date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Standing {
    /// Its due date has passed and no reading came in.
    Late,
    /// Its due date falls within the window after the as-of date.
    DueSoon,
    /// A reading for the period is known.
    Received,
}

/// One figure an indicator owes for one period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Owed {
    /// Index of the action in the plan.
    pub action: usize,
    /// Index of the indicator in the action.
    pub indicator: usize,
    /// The frequency in effect.
    pub frequency: Frequency,
    /// The period the figure is for (for a deliverable, its action's last period).
    pub period: Period,
    /// The day it is due (period end + grace).
    pub due: Date,
    /// Where it stands.
    pub standing: Standing,
    /// The latest period the indicator was measured for (any period), on the as-of date.
    pub last: Option<Period>,
}

/// Completeness of a set of figures: DHIS2's data-set completeness.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Completeness {
    /// Figures whose due date has passed (expected).
    pub expected: usize,
    /// Of which received.
    pub received: usize,
    /// Of which late (expected − received).
    pub late: usize,
    /// Figures due within the window, not yet received.
    pub due_soon: usize,
}

impl Completeness {
    /// Count one figure in.
    pub fn add(&mut self, o: &Owed, as_of: Date) {
        if o.due < as_of {
            self.expected += 1;
            match o.standing {
                Standing::Received => self.received += 1,
                _ => self.late += 1,
            }
        } else if o.standing == Standing::DueSoon {
            self.due_soon += 1;
        }
    }

    /// Add another set's counts.
    pub fn merge(&mut self, other: &Completeness) {
        self.expected += other.expected;
        self.received += other.received;
        self.late += other.late;
        self.due_soon += other.due_soon;
    }

    /// Received ÷ expected as a whole percentage, rounded down; `None` when nothing is
    /// expected yet.
    pub fn percent(&self) -> Option<usize> {
        (self.expected > 0).then(|| self.received * 100 / self.expected)
    }
}

/// Every figure owed up to the as-of date and the window after it.
#[derive(Clone, Debug)]
pub struct DueReport {
    /// The as-of date.
    pub as_of: Date,
    /// The last due date listed (as-of + window).
    pub horizon: Date,
    /// Figures, in plan order (action, indicator, period).
    pub items: Vec<Owed>,
}

impl DueReport {
    /// The figures not received (late or due soon), in plan order.
    pub fn outstanding(&self) -> impl Iterator<Item = &Owed> {
        self.items
            .iter()
            .filter(|o| o.standing != Standing::Received)
    }

    /// The figures of one indicator.
    pub fn of(&self, action: usize, indicator: usize) -> impl Iterator<Item = &Owed> {
        self.items
            .iter()
            .filter(move |o| o.action == action && o.indicator == indicator)
    }

    /// The earliest late period of one indicator, if any.
    pub fn first_late(&self, action: usize, indicator: usize) -> Option<Period> {
        self.of(action, indicator)
            .filter(|o| o.standing == Standing::Late)
            .map(|o| o.period)
            .min()
    }

    /// Each indicator's completeness and earliest late period, keyed by (action,
    /// indicator), in one pass.
    pub fn per_indicator(
        &self,
    ) -> std::collections::HashMap<(usize, usize), (Completeness, Option<Period>)> {
        let mut out: std::collections::HashMap<_, (Completeness, Option<Period>)> =
            std::collections::HashMap::new();
        for o in &self.items {
            let e = out.entry((o.action, o.indicator)).or_default();
            e.0.add(o, self.as_of);
            if o.standing == Standing::Late && e.1.is_none_or(|p| o.period < p) {
                e.1 = Some(o.period);
            }
        }
        out
    }

    /// Completeness of the figures `keep` selects.
    pub fn completeness(&self, keep: impl Fn(&Owed) -> bool) -> Completeness {
        let mut c = Completeness::default();
        for o in self.items.iter().filter(|o| keep(o)) {
            c.add(o, self.as_of);
        }
        c
    }
}

/// What one ministry owes: the figures not received of the actions it is responsible for
/// (itself or through an agency), and the completeness of all its figures.
#[derive(Clone, Debug)]
pub struct MinistryDue {
    /// The ministry's acronym; empty for actions whose actors belong to no ministry.
    pub acronym: String,
    /// Its full name (empty when none).
    pub name: String,
    /// Indices in [`DueReport::items`] of the figures not received, in plan order.
    pub owed: Vec<usize>,
    /// Completeness of all its figures.
    pub completeness: Completeness,
}

/// The figures owed, grouped by ministry in `actors.yaml` order (an action of two
/// ministries is under each), kept to `ministries` and to actions one of `actors` is
/// responsible for when given; ministries owing nothing and expecting nothing are left
/// out.
pub fn by_ministry(
    report: &DueReport,
    plan: &Plan,
    ministries: &[String],
    actors: &[String],
) -> Vec<MinistryDue> {
    let carried: Vec<Vec<String>> = plan.actions.iter().map(|a| plan.ministries_of(a)).collect();
    let keep_action = |i: usize| {
        actors.is_empty()
            || plan.actions[i]
                .responsible
                .iter()
                .any(|r| actors.iter().any(|a| a == r))
    };
    let mut groups: Vec<(String, String)> = plan
        .ministries()
        .map(|m| (m.acronym.clone(), m.name.clone()))
        .collect();
    groups.push((String::new(), String::new()));
    groups
        .into_iter()
        .filter(|(m, _)| ministries.is_empty() || ministries.contains(m))
        .filter_map(|(acronym, name)| {
            let mine = |o: &Owed| {
                let c = &carried[o.action];
                keep_action(o.action)
                    && if acronym.is_empty() {
                        c.is_empty()
                    } else {
                        c.contains(&acronym)
                    }
            };
            let owed: Vec<usize> = (0..report.items.len())
                .filter(|&k| {
                    report.items[k].standing != Standing::Received && mine(&report.items[k])
                })
                .collect();
            let completeness = report.completeness(mine);
            (!owed.is_empty() || completeness.expected > 0).then_some(MinistryDue {
                acronym,
                name,
                owed,
                completeness,
            })
        })
        .collect()
}

/// Completeness of the whole plan, per lever and per ministry (agencies rolled up; an
/// action of two ministries counts for each), in plan and `actors.yaml` order; levers and
/// ministries expecting nothing yet are kept, with zeros, when they carry figures.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// The whole plan.
    pub total: Completeness,
    /// Per lever code.
    pub by_lever: Vec<(String, Completeness)>,
    /// Per ministry acronym.
    pub by_ministry: Vec<(String, Completeness)>,
}

/// Sum a report's completeness up per lever and ministry.
pub fn summary(report: &DueReport, plan: &Plan) -> Summary {
    let carried: Vec<Vec<String>> = plan.actions.iter().map(|a| plan.ministries_of(a)).collect();
    let mut total = Completeness::default();
    let mut by_lever: Vec<(String, Completeness)> = plan
        .levers
        .iter()
        .map(|l| (l.code.clone(), Completeness::default()))
        .collect();
    let mut by_ministry: Vec<(String, Completeness)> = plan
        .ministries()
        .map(|m| (m.acronym.clone(), Completeness::default()))
        .collect();
    let mut carries = vec![false; by_ministry.len()];
    let mut lever_has = vec![false; by_lever.len()];
    for o in &report.items {
        total.add(o, report.as_of);
        let lever = plan.actions[o.action].code.lever_code();
        if let Some(k) = by_lever.iter().position(|(l, _)| *l == lever) {
            by_lever[k].1.add(o, report.as_of);
            lever_has[k] = true;
        }
        for m in &carried[o.action] {
            if let Some(k) = by_ministry.iter().position(|(x, _)| x == m) {
                by_ministry[k].1.add(o, report.as_of);
                carries[k] = true;
            }
        }
    }
    let keep = |v: Vec<(String, Completeness)>, has: Vec<bool>| -> Vec<(String, Completeness)> {
        v.into_iter()
            .zip(has)
            .filter(|(_, h)| *h)
            .map(|(x, _)| x)
            .collect()
    };
    Summary {
        total,
        by_lever: keep(by_lever, lever_has),
        by_ministry: keep(by_ministry, carries),
    }
}

/// The frequency in effect for an indicator: its own, or the plan's.
pub fn frequency_of(own: Option<Frequency>, settings: &Settings) -> Option<Frequency> {
    own.or_else(|| settings.readings.frequency())
}

/// The periods of `freq` an action owes, with their due dates: from the period holding
/// `from` while the period starts by `until` and its due date is by `horizon`. Not for
/// `once` (see [`build`]).
pub fn periods(
    freq: Frequency,
    from: Date,
    until: Date,
    grace_days: u32,
    horizon: Date,
) -> Vec<(Period, Date)> {
    let mut out = Vec::new();
    if freq == Frequency::Once {
        return out;
    }
    let mut p = freq.period_of(from);
    while p.start() <= until {
        let due = due_date(p.end(), grace_days);
        if due > horizon {
            break;
        }
        out.push((p, due));
        let next = p.next();
        if next == p {
            break;
        }
        p = next;
    }
    out
}

fn due_date(end: Date, grace_days: u32) -> Date {
    end.checked_add(i64::from(grace_days).days()).unwrap_or(end)
}

/// The last day a closed action owes figures for: the day it was recorded done or
/// cancelled, on the as-of date.
fn closed_on(a: &Action, as_of: Date) -> Option<(State, Date)> {
    a.states
        .iter()
        .take_while(|e| e.date <= as_of)
        .last()
        .filter(|e| e.state.is_closed())
        .map(|e| (e.state, e.date))
}

/// Every figure owed by every indicator of the plan, up to `as_of` plus
/// `[readings] due_within_days`.
pub fn build(plan: &Plan, readings: &Readings, settings: &Settings, as_of: Date) -> DueReport {
    let r = &settings.readings;
    let horizon = due_date(as_of, r.due_within_days);
    let plan_start = settings.period_start();
    let plan_end = settings.period_end();
    let mut items = Vec::new();
    for (i, a) in plan.actions.iter().enumerate() {
        let from = a.calendar.start_date(plan_start).max(plan_start);
        let end = a.calendar.end_date(plan_end);
        let closed = closed_on(a, as_of);
        let until = closed.map_or(end, |(_, d)| d.min(end));
        for (j, ind) in a.indicators.iter().enumerate() {
            let Some(freq) = frequency_of(ind.frequency, settings) else {
                continue;
            };
            let known = readings.effective_of(Owner::action(i), crate::model::index32(j), as_of);
            let last = latest(effective(known.clone()), as_of).map(|x| x.period);
            let mut push = |period: Period, due: Date, got: bool| {
                let standing = if got {
                    Standing::Received
                } else if due < as_of {
                    Standing::Late
                } else {
                    Standing::DueSoon
                };
                items.push(Owed {
                    action: i,
                    indicator: j,
                    frequency: freq,
                    period,
                    due,
                    standing,
                    last,
                });
            };
            if freq == Frequency::Once {
                let due = due_date(end, r.grace_days);
                if due <= horizon && !matches!(closed, Some((State::Cancelled, _))) {
                    let period = a.calendar.end.filter(|_| a.calendar.deadline().is_some());
                    let period = period.unwrap_or(Period::Year(end.year()));
                    push(period, due, !known.is_empty());
                }
                continue;
            }
            for (p, due) in periods(freq, from, until, r.grace_days, horizon) {
                let got = known
                    .iter()
                    .any(|x| x.period.start() >= p.start() && x.period.end() <= p.end());
                push(p, due, got);
            }
        }
    }
    DueReport {
        as_of,
        horizon,
        items,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, ActorKind, Lever, Objective, Reading, StateEntry, Value};
    use crate::report::reporting::tests::action;
    use jiff::civil::date;

    fn settings(extra: &str) -> Settings {
        Settings::parse(
            &format!("[plan]\ntitle = \"t\"\nstart = 2026\nend = 2030\n[readings]\n{extra}"),
            std::path::Path::new("pan.toml"),
        )
        .unwrap()
    }

    fn plan(actions: Vec<Action>) -> Plan {
        let lever = Lever {
            code: "B".into(),
            title: "t".into(),
            objectives: vec![Objective {
                code: "B-1".into(),
                title: "o".into(),
                note: String::new(),
            }],
        };
        let actors = vec![Actor {
            acronym: "MENEJ".into(),
            name: "m".into(),
            ministry: Some("MENEJ".into()),
            kind: ActorKind::Ministry,
            aliases: vec![],
            note: String::new(),
        }];
        Plan::new(
            &crate::model::code::DEFAULT,
            vec![lever],
            actors,
            vec![],
            actions,
            vec![],
        )
    }

    fn reading(action: u32, indicator: u32, period: &str, recorded: Date) -> Reading {
        let mut r = Reading::new(
            Owner::Action(action),
            indicator,
            period.parse().unwrap(),
            Value::Number(1.0),
        );
        r.recorded = Some(recorded);
        r
    }

    fn due(p: &Plan, s: &Settings, rs: Vec<Reading>, as_of: Date) -> Vec<(String, Date, Standing)> {
        let mut readings = Readings::default();
        readings.items = rs;
        build(p, &readings, s, as_of)
            .items
            .into_iter()
            .map(|o| (o.period.to_string(), o.due, o.standing))
            .collect()
    }

    #[test]
    fn each_repeating_frequency_owes_its_periods() {
        let as_of = date(2027, 1, 10);
        let cases = [
            (Frequency::Annual, vec!["2026".to_string()]),
            (
                Frequency::HalfYearly,
                vec!["2026-H1".into(), "2026-H2".into()],
            ),
            (
                Frequency::Quarterly,
                (1..=4).map(|q| format!("2026-Q{q}")).collect(),
            ),
            (
                Frequency::Monthly,
                (1..=12).map(|m| format!("2026-{m:02}")).collect(),
            ),
        ];
        for (f, want) in cases {
            let p = plan(vec![action("IN-B-1.01", "2026 – 2030", &[Some(f)])]);
            let got: Vec<String> = due(&p, &settings("due_within_days = 0\n"), vec![], as_of)
                .into_iter()
                .map(|(p, _, s)| {
                    assert_eq!(s, Standing::Late);
                    p
                })
                .collect();
            assert_eq!(got, want, "{f:?}");
        }
    }

    #[test]
    fn the_plan_wide_frequency_applies_unless_the_indicator_says_otherwise() {
        let p = plan(vec![action(
            "IN-B-1.01",
            "2026 – 2030",
            &[None, Some(Frequency::HalfYearly)],
        )]);
        let as_of = date(2027, 1, 10);
        assert!(
            due(&p, &settings(""), vec![], as_of).len() == 2,
            "only the own"
        );
        let got = due(&p, &settings("every = \"year\"\n"), vec![], as_of);
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].0, "2026");
    }

    #[test]
    fn grace_moves_the_due_date_and_the_window_lists_what_is_due_soon() {
        let p = plan(vec![action(
            "IN-B-1.01",
            "2026 – 2030",
            &[Some(Frequency::Annual)],
        )]);
        let s = settings("grace_days = 60\ndue_within_days = 30\n");
        // 2026 is due on 2027-03-01 (31 Dec + 60 days).
        assert_eq!(due(&p, &s, vec![], date(2027, 1, 15)), vec![]);
        assert_eq!(
            due(&p, &s, vec![], date(2027, 2, 10)),
            vec![("2026".into(), date(2027, 3, 1), Standing::DueSoon)]
        );
        assert_eq!(
            due(&p, &s, vec![], date(2027, 3, 1)),
            vec![("2026".into(), date(2027, 3, 1), Standing::DueSoon)],
            "due today is not late yet"
        );
        assert_eq!(due(&p, &s, vec![], date(2027, 3, 2))[0].2, Standing::Late);
        // A reading within the period, known on the as-of date, is received; one
        // recorded later is not known yet.
        let q4 = reading(0, 0, "2026-Q4", date(2027, 2, 1));
        assert_eq!(
            due(&p, &s, vec![q4], date(2027, 3, 2))[0].2,
            Standing::Received
        );
        assert_eq!(due(&p, &s, vec![q4], date(2027, 1, 15)), vec![]);
        let late_record = reading(0, 0, "2026", date(2027, 4, 1));
        assert_eq!(
            due(&p, &s, vec![late_record], date(2027, 3, 2))[0].2,
            Standing::Late
        );
    }

    #[test]
    fn once_is_due_when_the_calendar_ends() {
        let p = plan(vec![
            action("IN-B-1.01", "2026 – 2027", &[Some(Frequency::Once)]),
            // Without an end: the plan's end.
            action("IN-B-1.02", "Action continue", &[Some(Frequency::Once)]),
        ]);
        let s = settings("grace_days = 10\ndue_within_days = 0\n");
        assert_eq!(due(&p, &s, vec![], date(2027, 12, 31)), vec![]);
        assert_eq!(
            due(&p, &s, vec![], date(2028, 1, 20)),
            vec![("2027".into(), date(2028, 1, 10), Standing::Late)]
        );
        // Any reading delivers it.
        let done = reading(0, 0, "2027-06", date(2027, 7, 1));
        assert_eq!(
            due(&p, &s, vec![done], date(2028, 1, 20))[0].2,
            Standing::Received
        );
        let all = due(&p, &s, vec![], date(2031, 2, 1));
        assert_eq!(all[1], ("2030".into(), date(2031, 1, 10), Standing::Late));
    }

    #[test]
    fn baselines_and_closed_actions_owe_nothing_more() {
        // Begins before the plan: nothing owed for 2025 (a baseline year).
        let mut a = action("IN-B-1.01", "2024 – 2030", &[Some(Frequency::Annual)]);
        let p = plan(vec![a.clone()]);
        let got = due(&p, &settings(""), vec![], date(2027, 6, 1));
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "2026");
        // Done in March 2027: 2026 is still owed, 2027 and later are not.
        a.states.push(StateEntry {
            date: date(2027, 3, 1),
            state: State::Done,
            note: "n".into(),
            reopened: false,
        });
        let p = plan(vec![a]);
        let got = due(&p, &settings(""), vec![], date(2029, 6, 1));
        let periods: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(periods, vec!["2026", "2027"]);
    }

    #[test]
    fn completeness_counts_only_what_is_due() {
        let p = plan(vec![action(
            "IN-B-1.01",
            "2026 – 2030",
            &[Some(Frequency::Quarterly)],
        )]);
        let s = settings("due_within_days = 20\n");
        let mut readings = Readings::default();
        readings.items = vec![
            reading(0, 0, "2026-Q1", date(2026, 4, 2)),
            reading(0, 0, "2026-Q3", date(2026, 10, 2)),
        ];
        let r = build(&p, &readings, &s, date(2026, 12, 1));
        let c = r.completeness(|_| true);
        assert_eq!(
            c,
            Completeness {
                expected: 3,
                received: 2,
                late: 1,
                due_soon: 0
            }
        );
        assert_eq!(c.percent(), Some(66));
        assert_eq!(r.first_late(0, 0), Some("2026-Q2".parse().unwrap()));
        let r = build(&p, &readings, &s, date(2026, 12, 25));
        assert_eq!(r.completeness(|_| true).due_soon, 1);
        assert_eq!(Completeness::default().percent(), None);
    }
}
