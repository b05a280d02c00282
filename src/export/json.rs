//! The whole plan as one JSON document: a stable public interface for dashboards and
//! open data (version 1). The document's shape is a rendering of the model.

use serde::Serialize;

use crate::config::Settings;
use crate::model::{Action, Calendar, Indicator, Plan, Readings, StateEntry};

/// The exported document.
#[derive(Serialize)]
pub struct Export<'a> {
    /// Version of this document's shape.
    pub version: u32,
    /// The plan's title and period.
    pub plan: PlanInfo<'a>,
    /// Levers and objectives.
    pub levers: Vec<ExportLever<'a>>,
    /// Actors.
    pub actors: Vec<ExportActor<'a>>,
    /// Abbreviations that are not actors.
    pub abbreviations: &'a [crate::model::Abbreviation],
    /// Actions, in code order.
    pub actions: Vec<ExportAction<'a>>,
    /// Context indicators of the plan's introduction.
    pub context: &'a [crate::model::ContextIndicator],
    /// What readings may be broken down by (`plan/dimensions.yaml`): each dimension's id,
    /// label and source, and its values' ids and labels, so that a reading's `by` can be
    /// labelled.
    pub dimensions: &'a [crate::model::Dimension],
    /// Every reading, written one by one as the document is written (never all held).
    pub readings: ReadingsJson<'a>,
}

/// The readings of the export, serialised as they are walked: the memory of an export does
/// not grow with the number of readings.
pub struct ReadingsJson<'a> {
    plan: &'a Plan,
    readings: &'a Readings,
    /// Only the readings known on this day (see [`crate::model::Reading::known_on`]).
    as_of: Option<jiff::civil::Date>,
}

impl ReadingsJson<'_> {
    fn listed(&self, r: &crate::model::Reading) -> bool {
        self.as_of.is_none_or(|d| r.known_on(d))
    }
}

impl Serialize for ReadingsJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let len = match self.as_of {
            None => self.readings.items.len(),
            Some(_) => self
                .readings
                .items
                .iter()
                .filter(|r| self.listed(r))
                .count(),
        };
        let mut seq = s.serialize_seq(Some(len))?;
        for r in self.readings.all_in_order().filter(|r| self.listed(r)) {
            let r = crate::report::readings::row(self.plan, self.readings, r);
            seq.serialize_element(&ReadingJson {
                action: r.action,
                indicator: r.indicator,
                period: r.period.to_string(),
                value: r.raw,
                source: r.source,
                note: r.note,
                recorded: r.recorded.map(|d| d.to_string()),
                replaces: r.replaces,
                by: r.by.into_iter().collect(),
            })?;
        }
        seq.end()
    }
}

/// A reading in the export: every value as written in the readings file.
#[derive(Serialize)]
pub struct ReadingJson {
    /// Action code, or `context`.
    pub action: String,
    /// Indicator id.
    pub indicator: String,
    /// Period.
    pub period: String,
    /// Value, as written.
    pub value: String,
    /// Source.
    pub source: String,
    /// Note.
    pub note: String,
    /// Day recorded.
    pub recorded: Option<String>,
    /// Value corrected.
    pub replaces: Option<String>,
    /// The breakdown cell, dimension id → value id (absent for a total).
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub by: std::collections::BTreeMap<String, String>,
}

/// The plan's title and period.
#[derive(Serialize)]
pub struct PlanInfo<'a> {
    /// Title.
    pub title: &'a str,
    /// First year.
    pub start: i16,
    /// Last year.
    pub end: i16,
}

/// A lever.
#[derive(Serialize)]
pub struct ExportLever<'a> {
    /// Letter.
    pub code: &'a str,
    /// Title.
    pub title: &'a str,
    /// Objectives.
    pub objectives: Vec<ExportObjective<'a>>,
}

/// An objective.
#[derive(Serialize)]
pub struct ExportObjective<'a> {
    /// Code (`B-11`).
    pub code: &'a str,
    /// Title.
    pub title: &'a str,
}

/// An actor.
#[derive(Serialize)]
pub struct ExportActor<'a> {
    /// Acronym.
    pub acronym: &'a str,
    /// Full name.
    pub name: &'a str,
    /// Ministry acronym (none for external bodies).
    pub ministry: Option<&'a str>,
    /// Kind.
    pub kind: &'a str,
    /// Other names.
    pub aliases: &'a [String],
}

/// An action.
#[derive(Serialize)]
pub struct ExportAction<'a> {
    /// Code.
    pub code: String,
    /// Lever letter.
    pub lever: String,
    /// Objective code.
    pub objective: &'a str,
    /// Full text.
    pub action: &'a str,
    /// Responsible actors.
    pub responsible: &'a [String],
    /// Ministries of the responsible actors.
    pub ministries: Vec<String>,
    /// Other parties.
    pub partners: &'a [String],
    /// Indicators.
    pub indicators: &'a [Indicator],
    /// Calendar.
    pub calendar: ExportCalendar<'a>,
    /// State history.
    pub states: Vec<&'a StateEntry>,
}

/// A calendar, with its derived first and last day.
#[derive(Serialize)]
pub struct ExportCalendar<'a> {
    /// The calendar as stored.
    #[serde(flatten)]
    pub calendar: &'a Calendar,
    /// First day the action is planned for (plan start when the calendar gives none).
    pub start_date: String,
    /// Deadline, for calendars that end (none for continuous or open-ended ones).
    pub deadline: Option<String>,
}

fn action<'a>(
    plan: &'a Plan,
    a: &'a Action,
    settings: &Settings,
    as_of: Option<jiff::civil::Date>,
) -> ExportAction<'a> {
    ExportAction {
        code: a.code.to_string(),
        lever: a.code.lever_code(),
        objective: &a.objective,
        action: &a.action,
        responsible: &a.responsible,
        ministries: plan.ministries_of(a),
        partners: &a.partners,
        indicators: &a.indicators,
        calendar: ExportCalendar {
            calendar: &a.calendar,
            start_date: a.calendar.start_date(settings.period_start()).to_string(),
            deadline: a.calendar.deadline().map(|d| d.to_string()),
        },
        states: a
            .states
            .iter()
            .filter(|e| as_of.is_none_or(|d| e.date <= d))
            .collect(),
    }
}

/// Build the export document.
pub fn build<'a>(plan: &'a Plan, readings: &'a Readings, settings: &'a Settings) -> Export<'a> {
    build_as_of(plan, readings, settings, None)
}

/// The export document as the files said on `as_of`, when given: only the readings known
/// by then and the state entries dated by then (what a document "as of" a past date
/// publishes), without copying the plan or its readings.
pub fn build_as_of<'a>(
    plan: &'a Plan,
    readings: &'a Readings,
    settings: &'a Settings,
    as_of: Option<jiff::civil::Date>,
) -> Export<'a> {
    let rows = ReadingsJson {
        plan,
        readings,
        as_of,
    };
    Export {
        version: 1,
        plan: PlanInfo {
            title: &settings.plan.title,
            start: settings.plan.start,
            end: settings.plan.end,
        },
        levers: plan
            .levers
            .iter()
            .map(|l| ExportLever {
                code: &l.code,
                title: &l.title,
                objectives: l
                    .objectives
                    .iter()
                    .map(|o| ExportObjective {
                        code: &o.code,
                        title: &o.title,
                    })
                    .collect(),
            })
            .collect(),
        actors: plan
            .actors
            .iter()
            .map(|a| ExportActor {
                acronym: &a.acronym,
                name: &a.name,
                ministry: a.ministry.as_deref(),
                kind: a.kind.as_str(),
                aliases: &a.aliases,
            })
            .collect(),
        abbreviations: &plan.abbreviations,
        dimensions: &plan.dimensions,
        actions: plan
            .actions
            .iter()
            .map(|a| action(plan, a, settings, as_of))
            .collect(),
        context: &plan.context,
        readings: rows,
    }
}
