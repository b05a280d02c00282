//! Health: what `pan` derives about an action for an as-of date, from its calendar, its
//! recorded state and its readings.
//!
//! The rules, in order (the first that applies wins):
//!
//! 1. **done** / **cancelled**: the state in effect on the as-of date says so.
//! 2. **upcoming** (« à venir »): the calendar begins after the as-of date. Never on
//!    track: nothing has been asked of the action yet.
//! 3. **late**: the calendar has a deadline (a bounded calendar: `2026 – 2027`, `2026`)
//!    and it has passed. Continuous, open-ended (`À partir de …`, `2026+`), recurring,
//!    dependent (`Selon le plan d'implémentation de …`) and unspecified calendars have no
//!    deadline and are never late.
//! 4. **due**: the deadline (or, for a continuous action, its first-phase milestone, as in
//!    `Action continue (Intégration complète 2026)`) falls in the as-of year or within
//!    `due_within_days` of the as-of date.
//! 5. **untrackable** (« non suivable »): no indicator, and the calendar holds it to no
//!    date still ahead (no deadline, no coming milestone): nothing can be measured, so pan
//!    never calls it on track.
//! 6. **stale**: the action has started, has readings, and its latest reading's period
//!    ended more than `stale_after_days` before the as-of date — or an indicator with a
//!    `frequency` has an overdue reading.
//! 7. **no data**: the action has started and has indicators but no reading at all.
//! 8. **on track**: none of the above: a calendar whose deadline is still ahead, and
//!    readings recent enough when it has indicators.
//!
//! Everything is computed from the files and the as-of date alone, so a report can be
//! rebuilt for any past date.

use jiff::Unit;
use jiff::civil::Date;

use crate::config::Settings;
use crate::model::reading::latest;
use crate::model::{Action, Owner, Reading, State};

/// The derived health of an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Health {
    /// Past its deadline and not done.
    Late,
    /// Deadline this year or within the due window, not done.
    Due,
    /// Readings are too old, or a periodic reading is overdue.
    Stale,
    /// Started, has indicators, no reading yet.
    NoData,
    /// Nothing to worry about.
    OnTrack,
    /// Its calendar begins after the as-of date (« à venir »).
    Upcoming,
    /// No indicator and no date to hold it to: nothing can be measured.
    Untrackable,
    /// Recorded as done.
    Done,
    /// Recorded as cancelled.
    Cancelled,
}

impl Health {
    /// All values, worst first.
    pub const ALL: [Health; 9] = [
        Health::Late,
        Health::Due,
        Health::Stale,
        Health::NoData,
        Health::OnTrack,
        Health::Upcoming,
        Health::Untrackable,
        Health::Done,
        Health::Cancelled,
    ];

    /// The spelling used on the command line and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Health::Late => "late",
            Health::Due => "due",
            Health::Stale => "stale",
            Health::NoData => "no_data",
            Health::OnTrack => "on_track",
            Health::Upcoming => "upcoming",
            Health::Untrackable => "untrackable",
            Health::Done => "done",
            Health::Cancelled => "cancelled",
        }
    }
}

/// Why an action has its health.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// Recorded as done.
    Done,
    /// Recorded as cancelled.
    Cancelled,
    /// The calendar ended on this day.
    Ended(Date),
    /// The calendar ends on this day.
    Ends(Date),
    /// A continuous action's milestone falls on this day.
    Milestone(Date),
    /// The action starts on this day.
    Starts(Date),
    /// The action has no indicator (its calendar still holds it to a date).
    NoIndicator,
    /// No indicator and no date ahead to hold the action to.
    NothingToMeasure,
    /// A periodic reading is overdue.
    Overdue(String, crate::model::Period),
    /// The latest reading is of this period.
    Latest(crate::model::Period),
    /// No reading yet.
    NoReading,
}

/// The health of an action and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assessment {
    /// The health.
    pub health: Health,
    /// Why.
    pub why: Reason,
}

impl Assessment {
    fn new(health: Health, why: Reason) -> Assessment {
        Assessment { health, why }
    }
}

/// The readings of one action, per indicator, in period order with corrections applied.
pub type ActionReadings<'a> = Vec<Vec<&'a Reading>>;

/// Derive the health of `action` on `as_of`.
pub fn assess(
    action: &Action,
    readings: &ActionReadings,
    settings: &Settings,
    as_of: Date,
) -> Assessment {
    let state = action.state_on(as_of);
    match state {
        Some(State::Done) => return Assessment::new(Health::Done, Reason::Done),
        Some(State::Cancelled) => return Assessment::new(Health::Cancelled, Reason::Cancelled),
        _ => {}
    }
    let cal = &action.calendar;
    let start = cal.start_date(settings.period_start());
    if start > as_of {
        return Assessment::new(Health::Upcoming, Reason::Starts(start));
    }
    if let Some(deadline) = cal.deadline() {
        if deadline < as_of {
            return Assessment::new(Health::Late, Reason::Ended(deadline));
        }
        if is_due(deadline, as_of, settings) {
            return Assessment::new(Health::Due, Reason::Ends(deadline));
        }
    }
    let milestone_ahead = cal.milestone().filter(|m| *m >= as_of);
    if let Some(milestone) = milestone_ahead
        && is_due(milestone, as_of, settings)
    {
        return Assessment::new(Health::Due, Reason::Milestone(milestone));
    }
    if action.indicators.is_empty() {
        return if cal.deadline().is_none() && milestone_ahead.is_none() {
            Assessment::new(Health::Untrackable, Reason::NothingToMeasure)
        } else {
            Assessment::new(Health::OnTrack, Reason::NoIndicator)
        };
    }
    // Readings up to the as-of date only: a report for a past date ignores later figures.
    let known = |rs: &[&Reading]| latest(rs.iter().copied(), as_of).map(|r| r.period);
    let newest = latest(readings.iter().flatten().copied(), as_of).map(|r| r.period);
    for (ind, rs) in action.indicators.iter().zip(readings) {
        if let Some(freq) = ind.frequency
            && let Some(p) = freq.overdue_period(known(rs), start, as_of)
        {
            return Assessment::new(Health::Stale, Reason::Overdue(ind.id.clone(), p));
        }
    }
    match newest {
        None => Assessment::new(Health::NoData, Reason::NoReading),
        Some(p) if is_stale(p, settings, as_of) => {
            Assessment::new(Health::Stale, Reason::Latest(p))
        }
        Some(p) => Assessment::new(Health::OnTrack, Reason::Latest(p)),
    }
}

/// Whether a latest reading of period `p` is too old on `as_of`: the period ended more
/// than `[health] stale_after_days` before. Fallible arithmetic: a threshold beyond the
/// calendar never makes a reading stale.
pub fn is_stale(p: crate::model::Period, settings: &Settings, as_of: Date) -> bool {
    jiff::Span::new()
        .try_days(i64::from(settings.health.stale_after_days))
        .ok()
        .and_then(|span| p.end().checked_add(span).ok())
        .is_some_and(|limit| limit < as_of)
}

fn is_due(deadline: Date, as_of: Date, settings: &Settings) -> bool {
    if deadline.year() == as_of.year() {
        return true;
    }
    let days = as_of
        .until((Unit::Day, deadline))
        .map(|s| s.get_days())
        .unwrap_or(i32::MAX);
    days >= 0 && days as u32 <= settings.health.due_within_days
}

/// The readings of one action, per indicator, known on `as_of` with corrections applied
/// (see [`crate::model::Readings::effective_of`]): reports take one action's at a time.
pub fn readings_of_action<'a>(
    plan: &crate::model::Plan,
    readings: &'a crate::model::Readings,
    i: usize,
    as_of: Date,
) -> ActionReadings<'a> {
    let count = plan.actions.get(i).map_or(0, |a| a.indicators.len());
    (0..count)
        .map(|j| readings.effective_of(Owner::action(i), crate::model::index32(j), as_of))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::calendar::parse_label;
    use crate::model::{Calendar, Indicator, IndicatorKind, StateEntry};
    use jiff::civil::date;

    fn settings() -> Settings {
        Settings::parse(
            "[plan]\ntitle = \"t\"\nstart = 2026\nend = 2030\n",
            std::path::Path::new("pan.toml"),
        )
        .unwrap()
    }

    fn action(label: &str, indicators: usize) -> Action {
        Action {
            code: crate::model::code::DEFAULT.parse("IN-B-1.01").unwrap(),
            objective: "B-1".into(),
            action: "x".into(),
            responsible: vec!["M".into()],
            partners: vec![],
            indicators: (0..indicators)
                .map(|i| Indicator {
                    id: format!("i{i}"),
                    label: "l".into(),
                    kind: IndicatorKind::Count,
                    measure: None,
                    frequency: None,
                    breakdowns: vec![],
                    targets: Default::default(),
                })
                .collect(),
            calendar: parse_label(label).0,
            states: vec![],
        }
    }

    fn a_readings(a: &Action) -> ActionReadings<'static> {
        vec![vec![]; a.indicators.len()]
    }

    fn assess(rs: ActionReadings, a: &Action, as_of: Date) -> Assessment {
        super::assess(a, &rs, &settings(), as_of)
    }

    fn health(a: &Action, as_of: Date) -> Health {
        let empty: ActionReadings = vec![vec![]; a.indicators.len()];
        super::assess(a, &empty, &settings(), as_of).health
    }

    #[test]
    fn bounded_calendars_become_due_then_late() {
        let a = action("2026 – 2027", 1);
        assert_eq!(health(&a, date(2026, 6, 1)), Health::NoData);
        assert_eq!(health(&a, date(2027, 1, 2)), Health::Due);
        assert_eq!(health(&a, date(2028, 1, 1)), Health::Late);
        // Within the due window across a year boundary (90 days by default).
        let mut a = action("", 0);
        a.calendar.start = Some(crate::model::Period::Year(2025));
        a.calendar.end = Some(crate::model::Period::Month(2026, 2));
        assert_eq!(health(&a, date(2025, 12, 15)), Health::Due);
        assert_eq!(health(&a, date(2025, 6, 1)), Health::OnTrack);
    }

    #[test]
    fn done_and_cancelled_win() {
        let mut a = action("2026", 1);
        a.states.push(StateEntry {
            date: date(2026, 3, 1),
            state: State::Done,
            note: String::new(),
            reopened: false,
        });
        assert_eq!(health(&a, date(2030, 1, 1)), Health::Done);
        assert_eq!(
            health(&a, date(2026, 2, 1)),
            Health::Due,
            "before it was done"
        );
    }

    #[test]
    fn calendars_without_deadline_are_never_late() {
        for label in [
            "Action continue",
            "À partir de 2026",
            "2026+",
            "Événement annuel",
            "Selon le plan d'implémentation de la SNR",
            "",
        ] {
            let a = action(label, 0);
            assert_eq!(health(&a, date(2035, 1, 1)), Health::Untrackable, "{label}");
            let a = action(label, 1);
            assert_eq!(health(&a, date(2035, 1, 1)), Health::NoData, "{label}");
        }
    }

    #[test]
    fn continuous_milestones_are_due_in_their_year() {
        let a = action("Action continue (Intégration complète 2026)", 0);
        assert_eq!(health(&a, date(2026, 5, 1)), Health::Due);
        // The milestone passed, no indicator: nothing left to measure.
        assert_eq!(health(&a, date(2027, 5, 1)), Health::Untrackable);
    }

    #[test]
    fn not_started_is_upcoming_never_on_track() {
        for n in [0, 2] {
            let a = action("2028 – 2029", n);
            let got = assess(a_readings(&a), &a, date(2026, 5, 1));
            assert_eq!(got.health, Health::Upcoming);
            assert_eq!(got.why, Reason::Starts(date(2028, 1, 1)));
        }
        // A calendar with a deadline still holds an action without indicator to it.
        let a = action("2026 – 2030", 0);
        assert_eq!(health(&a, date(2026, 5, 1)), Health::OnTrack);
        let c = Calendar {
            label: "x".into(),
            ..Calendar::default()
        };
        assert_eq!(c.deadline(), None);
    }
}
