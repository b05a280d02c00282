//! Reporting status: for every indicator, whether it has data, the last period measured,
//! and whether a reading is overdue or too old — summed up per lever and per ministry, so
//! that the committee can see who reports and who does not.
//!
//! The words are the health's: an indicator is **overdue** when a figure it owes is late
//! ([`super::due`], the computation `pan due` lists), **stale** when its
//! latest reading is older than `[health] stale_after_days` ([`super::health::is_stale`]),
//! **without data** when its action has started and nothing was measured. No reading is
//! expected before an action starts, nor once it is recorded as done or cancelled (a
//! figure for a period it ran before stays owed). Each line, lever and ministry also
//! carries its completeness: figures owed, received and late.

use jiff::civil::Date;

use super::due::{self, Completeness, DueReport};
use super::health::{self, Health};
use super::status::Row;
use crate::config::Settings;
use crate::model::reading::{effective, latest};
use crate::model::{Owner, Period, Plan, Readings};

/// Where an indicator's reporting stands on the as-of date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reporting {
    /// A reading for this period is overdue (the indicator has a frequency).
    Overdue(Period),
    /// The latest reading is older than the stale window.
    Stale,
    /// The action has started and nothing was measured yet.
    NoData,
    /// Measured, recently enough, nothing overdue.
    Current,
    /// No reading expected yet: the action has not started.
    NotStarted,
    /// No reading expected any more: the action is recorded as done or cancelled.
    Closed,
}

/// One indicator's reporting.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// Index of the action in the plan (and in the status rows).
    pub action: usize,
    /// Index of the indicator in the action.
    pub indicator: usize,
    /// Number of readings in effect known on the as-of date.
    pub readings: usize,
    /// The latest period measured.
    pub last: Option<Period>,
    /// The latest day a known reading was recorded, when the files say.
    pub recorded: Option<Date>,
    /// Where it stands.
    pub state: Reporting,
    /// Its figures owed up to the as-of date: expected, received, late, due soon.
    pub completeness: Completeness,
}

/// Counts of indicators by reporting state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Indicators.
    pub indicators: usize,
    /// Of which with at least one reading.
    pub with_data: usize,
    /// Current.
    pub current: usize,
    /// Overdue.
    pub overdue: usize,
    /// Stale.
    pub stale: usize,
    /// Without data although expected.
    pub no_data: usize,
    /// Not expected yet.
    pub not_started: usize,
    /// Not expected any more.
    pub closed: usize,
    /// The latest period measured among them.
    pub last: Option<Period>,
    /// Their figures owed: expected, received, late, due soon.
    pub completeness: Completeness,
}

impl Tally {
    fn add(&mut self, l: &Line) {
        self.indicators += 1;
        if l.readings > 0 {
            self.with_data += 1;
        }
        match l.state {
            Reporting::Current => self.current += 1,
            Reporting::Overdue(_) => self.overdue += 1,
            Reporting::Stale => self.stale += 1,
            Reporting::NoData => self.no_data += 1,
            Reporting::NotStarted => self.not_started += 1,
            Reporting::Closed => self.closed += 1,
        }
        self.completeness.merge(&l.completeness);
        if let Some(p) = l.last
            && self
                .last
                .is_none_or(|q| (q.end(), q.start()) < (p.end(), p.start()))
        {
            self.last = Some(p);
        }
    }

    /// Indicators for which a reading is expected now (neither not started nor closed).
    pub fn expected(&self) -> usize {
        self.current + self.overdue + self.stale + self.no_data
    }
}

/// A context indicator's reporting: how many readings and the latest period.
#[derive(Clone, Debug, PartialEq)]
pub struct ContextLine {
    /// Index of the context indicator.
    pub indicator: usize,
    /// Readings in effect known on the as-of date.
    pub readings: usize,
    /// The latest period measured.
    pub last: Option<Period>,
}

/// The reporting status of the whole plan.
#[derive(Clone, Debug)]
pub struct ReportingReport {
    /// The as-of date.
    pub as_of: Date,
    /// Every indicator of every action, in plan order.
    pub lines: Vec<Line>,
    /// Where each action's lines start in `lines` (one more entry than actions).
    offsets: Vec<usize>,
    /// The whole plan.
    pub total: Tally,
    /// Per lever, in plan order: lever code and tally.
    pub by_lever: Vec<(String, Tally)>,
    /// Per ministry (agencies rolled up, by the actions it is responsible for), in the
    /// order of `actors.yaml`: acronym and tally; ministries without actions left out.
    pub by_ministry: Vec<(String, Tally)>,
    /// The plan's context indicators.
    pub context: Vec<ContextLine>,
    /// Every figure owed, the list `pan due` prints.
    pub due: DueReport,
}

impl ReportingReport {
    /// The lines of the action at `index`, in indicator order.
    pub fn of_action(&self, index: usize) -> &[Line] {
        match (self.offsets.get(index), self.offsets.get(index + 1)) {
            (Some(&a), Some(&b)) => &self.lines[a..b],
            _ => &[],
        }
    }

    /// The tally of one ministry (empty when it carries nothing).
    pub fn ministry(&self, acronym: &str) -> Tally {
        self.by_ministry
            .iter()
            .find(|(m, _)| m == acronym)
            .map(|(_, t)| t.clone())
            .unwrap_or_default()
    }
}

/// Build the reporting status. `rows` are the status rows of every action
/// ([`super::status::rows`]), for the health and ministries already derived there.
pub fn build(
    plan: &Plan,
    readings: &Readings,
    settings: &Settings,
    rows: &[Row],
    as_of: Date,
) -> ReportingReport {
    let owed = due::build(plan, readings, settings, as_of);
    let per_indicator = owed.per_indicator();
    let mut lines = Vec::new();
    let mut offsets = Vec::with_capacity(plan.actions.len() + 1);
    for (i, (a, row)) in plan.actions.iter().zip(rows).enumerate() {
        offsets.push(lines.len());
        let start = a.calendar.start_date(settings.period_start());
        let closed = matches!(row.assessment.health, Health::Done | Health::Cancelled);
        for j in 0..a.indicators.len() {
            let known: Vec<_> = readings
                .of(Owner::action(i), crate::model::index32(j))
                .into_iter()
                .filter(|r| r.known_on(as_of))
                .collect();
            let known = effective(known);
            let last = latest(known.iter().copied(), as_of).map(|r| r.period);
            let recorded = known.iter().filter_map(|r| r.recorded).max();
            let (completeness, first_late) =
                per_indicator.get(&(i, j)).copied().unwrap_or_default();
            let state = if let Some(p) = first_late {
                Reporting::Overdue(p)
            } else if closed {
                Reporting::Closed
            } else if start > as_of {
                Reporting::NotStarted
            } else {
                match last {
                    None => Reporting::NoData,
                    Some(p) if health::is_stale(p, settings, as_of) => Reporting::Stale,
                    Some(_) => Reporting::Current,
                }
            };
            lines.push(Line {
                action: i,
                indicator: j,
                readings: known.len(),
                last,
                recorded,
                state,
                completeness,
            });
        }
    }
    offsets.push(lines.len());

    let mut total = Tally::default();
    for l in &lines {
        total.add(l);
    }
    let by_lever = plan
        .levers
        .iter()
        .map(|lever| {
            let mut t = Tally::default();
            for l in lines.iter().filter(|l| rows[l.action].lever == lever.code) {
                t.add(l);
            }
            (lever.code.clone(), t)
        })
        .collect();
    let by_ministry = plan
        .ministries()
        .filter_map(|m| {
            let carries = rows.iter().any(|r| r.ministries.contains(&m.acronym));
            let mut t = Tally::default();
            for l in lines
                .iter()
                .filter(|l| rows[l.action].ministries.contains(&m.acronym))
            {
                t.add(l);
            }
            carries.then(|| (m.acronym.clone(), t))
        })
        .collect();

    let context = (0..plan.context.len())
        .map(|k| {
            let known: Vec<_> = readings
                .of(Owner::Context, crate::model::index32(k))
                .into_iter()
                .filter(|r| r.known_on(as_of))
                .collect();
            let known = effective(known);
            ContextLine {
                indicator: k,
                readings: known.len(),
                last: latest(known.iter().copied(), as_of).map(|r| r.period),
            }
        })
        .collect();

    ReportingReport {
        as_of,
        lines,
        offsets,
        total,
        by_lever,
        by_ministry,
        context,
        due: owed,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{
        Action, ActionCode, Actor, ActorKind, Frequency, Indicator, IndicatorKind, Lever,
        Objective, Reading, State, StateEntry, Value,
    };
    use jiff::civil::date;

    fn settings() -> Settings {
        Settings::parse(
            "[plan]\ntitle = \"t\"\nstart = 2026\nend = 2030\n",
            std::path::Path::new("pan.toml"),
        )
        .unwrap()
    }

    /// An action of objective B-1 carried by MENEJ-IFEN, with one count indicator per
    /// frequency given (also the fixture of `report::due`'s tests).
    pub(crate) fn action(code: &str, label: &str, frequencies: &[Option<Frequency>]) -> Action {
        let code: ActionCode = crate::model::code::DEFAULT.parse(code).unwrap();
        Action {
            code,
            objective: code.objective_code(),
            action: "x".into(),
            responsible: vec!["MENEJ-IFEN".into()],
            partners: vec![],
            indicators: frequencies
                .iter()
                .enumerate()
                .map(|(i, f)| Indicator {
                    id: format!("i{i}"),
                    label: "l".into(),
                    kind: IndicatorKind::Count,
                    measure: None,
                    frequency: *f,
                    breakdowns: vec![],
                    targets: Default::default(),
                })
                .collect(),
            calendar: crate::model::calendar::parse_label(label).0,
            states: vec![],
        }
    }

    fn reading(action: u32, indicator: u32, period: Period, recorded: Date) -> Reading {
        let mut r = Reading::new(Owner::Action(action), indicator, period, Value::Number(1.0));
        r.recorded = Some(recorded);
        r
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
        let actors = vec![
            Actor {
                acronym: "MENEJ".into(),
                name: "m".into(),
                ministry: Some("MENEJ".into()),
                kind: ActorKind::Ministry,
                aliases: vec![],
                note: String::new(),
            },
            Actor {
                acronym: "MENEJ-IFEN".into(),
                name: "a".into(),
                ministry: Some("MENEJ".into()),
                kind: ActorKind::Agency,
                aliases: vec![],
                note: String::new(),
            },
        ];
        Plan::new(
            &crate::model::code::DEFAULT,
            vec![lever],
            actors,
            vec![],
            actions,
            vec![],
        )
    }

    fn report(p: &Plan, readings: Vec<Reading>, as_of: Date) -> ReportingReport {
        let s = settings();
        let mut rs = Readings::default();
        rs.items = readings;
        let rows = super::super::status::rows(p, &rs, &s, as_of);
        build(p, &rs, &s, &rows, as_of)
    }

    #[test]
    fn each_state_of_an_indicator() {
        let p = plan(vec![
            // Started in 2026: one indicator measured, one quarterly and overdue, one
            // without data.
            action(
                "IN-B-1.01",
                "2026 – 2030",
                &[None, Some(Frequency::Quarterly), None],
            ),
            // Not started before 2028.
            action("IN-B-1.02", "2028 – 2029", &[None]),
            // Measured long ago.
            action("IN-B-1.03", "2024 – 2030", &[None]),
        ]);
        let as_of = date(2026, 11, 30);
        let r = report(
            &p,
            vec![
                reading(0, 0, Period::Year(2026), date(2026, 6, 1)),
                reading(0, 1, Period::Quarter(2026, 2), date(2026, 7, 1)),
                reading(2, 0, Period::Year(2024), date(2025, 1, 10)),
                // Recorded after the as-of date: not known yet.
                reading(1, 0, Period::Year(2026), date(2026, 12, 15)),
            ],
            as_of,
        );
        let states: Vec<Reporting> = r.lines.iter().map(|l| l.state).collect();
        assert_eq!(
            states,
            vec![
                Reporting::Current,
                // The earliest quarter without a figure (Q2 came in, Q1 did not).
                Reporting::Overdue(Period::Quarter(2026, 1)),
                Reporting::NoData,
                Reporting::NotStarted,
                Reporting::Stale,
            ]
        );
        assert_eq!(r.of_action(0).len(), 3);
        assert_eq!(
            r.of_action(1)[0].readings,
            0,
            "recorded after the as-of date"
        );
        assert_eq!(r.total.indicators, 5);
        assert_eq!(r.total.with_data, 3);
        assert_eq!(r.total.expected(), 4);
        assert_eq!(r.total.last, Some(Period::Year(2026)));
        // The agency's actions count for its ministry.
        assert_eq!(r.by_ministry.len(), 1);
        assert_eq!(r.ministry("MENEJ").indicators, 5);
        assert_eq!(r.by_lever[0].1.overdue, 1);
    }

    #[test]
    fn nothing_more_is_expected_of_a_closed_action() {
        let mut a = action("IN-B-1.01", "2026", &[Some(Frequency::Monthly)]);
        a.states.push(StateEntry {
            date: date(2026, 3, 1),
            state: State::Done,
            note: "n".into(),
            reopened: false,
        });
        let p = plan(vec![a]);
        // The months it ran still owe their figures.
        let r = report(&p, vec![], date(2026, 11, 30));
        assert_eq!(r.lines[0].state, Reporting::Overdue(Period::Month(2026, 1)));
        assert_eq!(r.total.completeness.expected, 3);
        let months = ["2026-01", "2026-02", "2026-03"]
            .iter()
            .map(|m| reading(0, 0, m.parse().unwrap(), date(2026, 4, 1)))
            .collect();
        let r = report(&p, months, date(2026, 11, 30));
        assert_eq!(r.lines[0].state, Reporting::Closed);
        assert_eq!(r.total.expected(), 0);
        assert_eq!(r.total.completeness.received, 3);
        // Before it was done, the monthly reading was overdue.
        let r = report(&p, vec![], date(2026, 2, 15));
        assert_eq!(r.lines[0].state, Reporting::Overdue(Period::Month(2026, 1)));
    }
}
