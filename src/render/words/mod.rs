//! Every word pan writes for people, one catalogue per language: `fr.rs` (the plan's
//! language) and `en.rs`. This file declares what a catalogue holds; [`of`] picks one.
//!
//! A new word is a field here (with its one-line doc) and its value in each language's
//! file; the compiler refuses a catalogue that lacks it. A phrase with numbers or names in
//! it is a `fn` field, so that each language orders and inflects them its own way. A new
//! language is a file beside `fr.rs` and `en.rs`, plus its arm in [`of`] and its variant
//! of [`Lang`]. Numbers, percentages and dates are written here too, from each
//! language's separators and its own `date`.
//!
//! Nowhere else does pan ask which language it writes (`tests/languages.rs` checks it).

mod en;
mod fr;

use jiff::civil::Date;

use crate::config::Lang;
use crate::model::reading::Figure;
use crate::model::{Direction, Frequency, IndicatorKind, Measure, Plan};
use crate::report::health::{Health, Reason};
use crate::report::progress::Class;
use crate::report::reporting::Reporting;
use crate::report::status::{Bucket, GroupKey, StateFilter};

/// One language's words: the words shared by every audience (digest, report, status,
/// card, site) at the top, then each audience's own.
pub struct Words {
    /// The language's name, in itself ("Français").
    pub name: &'static str,
    /// ":" with the language's spacing (a no-break space before it in French).
    pub colon: &'static str,
    /// The decimal separator.
    pub decimal_point: char,
    /// The thousands separator (used from four digits on: « 2 000 », "2,000").
    pub thousands: char,
    /// What follows a number to make it a percentage ("\u{a0}%" in French).
    pub percent_sign: &'static str,
    /// What separates the items of a list that contain commas ("\u{a0}; " in French).
    pub semicolon: &'static str,
    /// Whether the site's text takes a no-break space before « : ; ? ! % » and inside
    /// guillemets (French), including the plan's own texts, whose plain-text rendering lost
    /// them: only the kind of space changes, never a character of the text.
    pub spaced_punctuation: bool,
    /// A date for people: "23 novembre 2026", "23 November 2026".
    pub date: fn(Date) -> String,
    /// Whether a group's title, standing alone, starts with a capital.
    pub capitalise_titles: bool,

    /// Whether a count takes the singular: below 2 in French (« 0 problème »), 1 alone
    /// in English ("0 problems").
    pub singular: fn(usize) -> bool,
    /// "action" and "actions", after a number.
    pub action_nouns: (&'static str, &'static str),
    /// How each value of pan's enumerations is said.
    pub terms: Terms,

    /// "COPIL digest".
    pub digest: &'static str,
    /// "Report".
    pub report: &'static str,
    /// "as of".
    pub as_of: &'static str,
    /// "Period covered".
    pub period: &'static str,
    /// "since the previous COPIL meeting".
    pub since_copil: &'static str,
    /// "since the start of the plan (no COPIL meeting listed in pan.toml)".
    pub since_start: &'static str,
    /// "since the date given".
    pub since_given: &'static str,
    /// Said of the period a digest covers before the plan starts: nothing yet.
    pub since_not_started: &'static str,
    /// "Key figures".
    pub key_figures: &'static str,
    /// "Lever".
    pub lever: &'static str,
    /// "Whole plan".
    pub whole_plan: &'static str,
    /// "Actions".
    pub actions: &'static str,
    /// "Progress toward the context targets".
    pub context: &'static str,
    /// "Indicator".
    pub indicator: &'static str,
    /// "indicators" (plural, lower case).
    pub indicators: &'static str,
    /// "Trend".
    pub trend: &'static str,
    /// "Latest".
    pub latest: &'static str,
    /// "total" (of a flow's readings over periods).
    pub total: &'static str,
    /// "Latest reading" (column of the status table).
    pub latest_reading: &'static str,
    /// "Status as of" (first line of the status in Markdown).
    pub status_as_of: &'static str,
    /// "Target".
    pub target: &'static str,
    /// "Progress".
    pub progress: &'static str,
    /// "Health" (derived situation of an action).
    pub health: &'static str,
    /// "by".
    pub by: &'static str,
    /// "Breakdowns" (readings by territory or population).
    pub breakdowns: &'static str,
    /// The line under the breakdowns heading.
    pub breakdowns_intro: &'static str,
    /// The method footnote.
    pub method: &'static str,
    /// "What changed since the last COPIL".
    pub changes: &'static str,
    /// "State".
    pub state: &'static str,
    /// "Readings".
    pub readings: &'static str,
    /// "Decisions needed".
    pub decisions: &'static str,
    /// "Late actions".
    pub late_actions: &'static str,
    /// "Due this year, no state declared" (pan cannot know "not started" without a
    /// recorded state).
    pub due_no_state: &'static str,
    /// "Due this year, declared planned".
    pub due_planned: &'static str,
    /// "Baselines recorded": readings of periods before the plan began.
    pub baselines: &'static str,
    /// The line under it; `{}` is the plan's first day.
    pub baselines_hint: &'static str,
    /// "baseline", beside a reading of a period before the plan began.
    pub baseline: &'static str,
    /// "Targets of action indicators" (the roll-up's heading).
    pub targets: &'static str,
    /// The line under it: how the roll-up counts.
    pub rollup_intro: &'static str,
    /// "Lever / objective".
    pub lever_objective: &'static str,
    /// "Target of the period".
    pub target_of_period: &'static str,
    /// "Targets" (every target of an indicator).
    pub targets_col: &'static str,
    /// "Indicators without a recent reading".
    pub missing: &'static str,
    /// Explains the stale window: "no reading in the last {} days".
    pub missing_hint: &'static str,
    /// The ministries the plan declares that no action names (itself or its agencies, as
    /// responsible or partner): "{}" is their list.
    pub idle_ministries: &'static str,
    /// "Code".
    pub code: &'static str,
    /// "Action".
    pub action: &'static str,
    /// "Responsible".
    pub responsible: &'static str,
    /// "Calendar".
    pub calendar: &'static str,
    /// "Why".
    pub why: &'static str,
    /// "Per ministry".
    pub per_ministry: &'static str,
    /// "Ministry".
    pub ministry: &'static str,
    /// "Carried".
    pub carried: &'static str,
    /// "Late".
    pub late: &'static str,
    /// "Without data".
    pub without_data: &'static str,
    /// "With readings this period".
    pub with_readings: &'static str,
    /// "Calendar" (section).
    pub calendar_section: &'static str,
    /// "part".
    pub part: &'static str,
    /// "Legend: …".
    pub legend: &'static str,
    /// Said on a bar drawn to the end of the plan because the plan publishes no end.
    pub open_end: &'static str,
    /// The chart section of the as-of date.
    pub as_of_section: &'static str,
    /// "Not drawn: no date published" (actions listed beside a chart).
    pub undated: &'static str,
    /// "no calendar published".
    pub no_calendar: &'static str,
    /// "Summary".
    pub summary: &'static str,
    /// "Group".
    pub group: &'static str,
    /// "Objectives".
    pub objectives: &'static str,
    /// "Indicator details".
    pub indicator_details: &'static str,
    /// "Period".
    pub period_col: &'static str,
    /// "Value".
    pub value: &'static str,
    /// "Source".
    pub source: &'static str,
    /// "Note" (column of a reading's or a state's note).
    pub note: &'static str,
    /// "Recorded" (the day a reading was recorded).
    pub recorded: &'static str,
    /// "Corrects" (column of the value a reading corrects).
    pub corrects_col: &'static str,
    /// "No reading recorded".
    pub no_reading: &'static str,
    /// "(no text)".
    pub no_text: &'static str,
    /// "none".
    pub none: &'static str,
    /// "corrects".
    pub corrects: &'static str,
    /// "Generated by pan {version}" (the version only: the bytes stay the same across
    /// builds of one release).
    pub generated: &'static str,
    /// "shared" note for reports grouped by ministry.
    pub shared: &'static str,
    /// "Calendars" for report grouping.
    pub by_calendar: &'static str,
    /// "No action matches" (an empty listing).
    pub no_match: &'static str,
    /// The website's words.
    pub site: SiteWords,
    /// The words of `pan diff` (a pull request's comment).
    pub diff: DiffWords,
    /// The words of an action's card (`pan show`).
    pub card: CardWords,
    /// The words of the status workbook (`pan export --format xlsx`).
    pub workbook: WorkbookWords,
    /// The words of the open-data package and its DCAT-AP description.
    pub open_data: OpenDataWords,
    /// The words of the workbook a focal point fills in (`pan reading template`).
    pub template: TemplateWords,
    /// The words of the starter repository `pan init` writes.
    pub starter: StarterWords,
    /// The words of the reporting cycle: `pan due`, its drafts, completeness.
    pub due: DueWords,
}

/// The words of the reporting cycle: what is owed (`pan due`), the message sent with a
/// ministry's workbook, and completeness.
pub struct DueWords {
    /// Column: the ministry.
    pub ministry: &'static str,
    /// Column: the indicator.
    pub indicator: &'static str,
    /// Column: the action.
    pub action: &'static str,
    /// Column: the period.
    pub period: &'static str,
    /// Column: the due date.
    pub due: &'static str,
    /// Column: the latest reading's period.
    pub last: &'static str,
    /// Column: where the figure stands.
    pub standing: &'static str,
    /// A figure's standing.
    pub standing_of: fn(crate::report::due::Standing) -> &'static str,
    /// Nothing owed (the as-of date in words).
    pub nothing: fn(&str) -> String,
    /// "Completeness".
    pub completeness: &'static str,
    /// Completeness in words: received of expected (percent), late, due soon.
    pub completeness_of: fn(&crate::report::due::Completeness) -> String,
    /// Heading of the completeness section (digest, reporting page).
    pub heading: &'static str,
    /// How a figure is owed and counted, in a sentence.
    pub explain: &'static str,
    /// Column: figures expected (due date passed).
    pub expected: &'static str,
    /// Column: of which received.
    pub received: &'static str,
    /// Column: of which late.
    pub late: &'static str,
    /// Column: due soon.
    pub due_soon: &'static str,
    /// Column: received ÷ expected.
    pub rate: &'static str,
    /// A message's subject: plan title, ministry, deadline in words.
    pub subject: fn(&str, &str, &str) -> String,
    /// A message's body: the facts of [`Message`].
    pub body: fn(&Message) -> String,
}

/// What a message sent with a ministry's workbook says.
pub struct Message<'a> {
    /// The plan's title.
    pub plan: &'a str,
    /// The ministry's full name.
    pub ministry: &'a str,
    /// Figures late.
    pub late: usize,
    /// Figures due soon.
    pub due_soon: usize,
    /// The deadline, in words.
    pub deadline: String,
    /// The workbook's file name.
    pub workbook: &'a str,
    /// Whom to return it to (`[readings] send_to`), if said.
    pub send_to: Option<&'a str>,
}

/// The words of the starter repository `pan init` writes: the example plan (placeholders
/// its owner replaces) and its README.
pub struct StarterWords {
    /// The plan's title when none is asked for, from its first and last year.
    pub default_title: fn(i16, i16) -> String,
    /// The example lever's title.
    pub lever: &'static str,
    /// The example objective's title.
    pub objective: &'static str,
    /// The example ministry's name.
    pub ministry: &'static str,
    /// The example action's text.
    pub action: &'static str,
    /// The example indicator's id.
    pub indicator_id: &'static str,
    /// The example indicator's label.
    pub indicator: &'static str,
    /// The example reading's source.
    pub source: &'static str,
    /// The example reading's note.
    pub note: &'static str,
    /// README: what the repository is (the title, escaped for Markdown; first and last year).
    pub intro: fn(&str, i16, i16) -> String,
    /// README: the heading of the next commands.
    pub commands_heading: &'static str,
    /// README: the next five commands (the example action's code, its indicator, the year).
    pub commands: fn(&str, &str, i16) -> String,
    /// README: how to begin.
    pub begin: &'static str,
    /// README: the heading of what is here.
    pub here_heading: &'static str,
    /// README: what is here (the code format).
    pub here: fn(&str) -> String,
    /// README: the heading of the website.
    pub site_heading: &'static str,
    /// README: the website.
    pub site: &'static str,
    /// README: the heading of open data.
    pub open_data_heading: &'static str,
    /// README: open data.
    pub open_data: &'static str,
}

/// The words of the workbook a focal point fills in. A prompt is a (title, message)
/// pair: Excel shows at most 32 characters of a title and 255 of a message.
pub struct TemplateWords {
    /// The readings sheet (the import knows the sheet by the template's stamp).
    pub sheet: &'static str,
    /// The help sheet.
    pub help_sheet: &'static str,
    /// The document's title, from the plan's.
    pub title: fn(&str) -> String,
    /// "Indicator" (column; the import knows it).
    pub indicator: &'static str,
    /// "Indicator label" (column).
    pub label: &'static str,
    /// "Period" (column; the import knows it).
    pub period: &'static str,
    /// "Value" (column; the import knows it).
    pub value: &'static str,
    /// "Source" (column; the import knows it).
    pub source: &'static str,
    /// "Note" (column; the import knows it).
    pub note: &'static str,
    /// "Expected value" (column).
    pub expected: &'static str,
    /// "Latest reading" (column).
    pub latest: &'static str,
    /// "Responsible" (column).
    pub responsible: &'static str,
    /// "Action text" (column).
    pub action_text: &'static str,
    /// "Kind" (in the indicator cell's note).
    pub kind: &'static str,
    /// What a value of a kind is ("Whole number ≥ 0").
    pub expected_value: fn(IndicatorKind) -> &'static str,
    /// How often a value is expected ("every year").
    pub how_often: fn(Frequency) -> &'static str,
    /// What a value cell of a kind says when selected.
    pub value_prompt: fn(IndicatorKind) -> (&'static str, &'static str),
    /// What a value cell of a kind says when it refuses a value (empty: it refuses none).
    pub value_refused: fn(IndicatorKind) -> &'static str,
    /// The title of a refusal.
    pub refused: &'static str,
    /// What a period cell says when selected.
    pub period_prompt: (&'static str, &'static str),
    /// What a period cell says when what is typed is not in its list.
    pub period_error: (&'static str, &'static str),
    /// What a source cell says when selected.
    pub source_prompt: (&'static str, &'static str),
    /// What a note cell says when selected.
    pub note_prompt: (&'static str, &'static str),
    /// Help: "Prepared on {day} from the plan {plan}: {rows} row(s) for {actions} action(s)."
    pub prepared: fn(&str, &str, usize, usize) -> String,
    /// Help: the heading "How to fill it in".
    pub how_to_fill: &'static str,
    /// Help: the sheet to fill in, and whether rows go per period asked for.
    pub on_the_sheet: fn(&str, bool) -> String,
    /// Help: the periods offered (last year, this year, the day of the template).
    pub periods_offered: fn(i16, i16, &str) -> String,
    /// Help: the periods asked for (already listed, comma-separated).
    pub periods_asked: fn(&str) -> String,
    /// Help: what a value is.
    pub value_help: &'static str,
    /// Help: what a source is.
    pub source_help: &'static str,
    /// Help: several periods for one indicator.
    pub several_periods: &'static str,
    /// Help: rows left empty, rows not to move.
    pub empty_rows: &'static str,
    /// Help: a value already recorded.
    pub already_recorded: &'static str,
    /// Help: the heading "Sending it back".
    pub sending_back: &'static str,
    /// Help: who to send it back to (`pan.toml [readings] send_to`), when known.
    pub send_to: fn(Option<&str>) -> String,
    /// Help: how it is saved, sent (the words of `send_to`) and imported.
    pub save_and: fn(&str) -> String,
    /// Help: the heading "About this workbook".
    pub about: &'static str,
    /// Help: the plan and its fingerprint.
    pub plan_line: fn(&str, &str) -> String,
    /// Help: the day the plan stood as shown.
    pub as_it_stood: fn(&str) -> String,
    /// Help: the periods asked for, at the end.
    pub periods_asked_line: fn(&str) -> String,
    /// Help: the template's version.
    pub version: fn(u32) -> String,
}

/// The words of the open-data package: its description, and the title of each table
/// and the description of each column.
pub struct OpenDataWords {
    /// The title of `datapackage.json`.
    pub descriptor_title: &'static str,
    /// What the package holds: the plan's title, first and last year, and the as-of date.
    pub description: fn(&str, i16, i16, Date) -> String,
    /// The package's keywords.
    pub keywords: [&'static str; 3],
    /// A lever's code.
    pub lever_code: &'static str,
    /// An objective's code.
    pub objective_code: &'static str,
    /// An action's code.
    pub action_code: &'static str,
    /// The table of levers.
    pub levers: &'static str,
    /// A title, as published.
    pub title: &'static str,
    /// The table of objectives.
    pub objectives: &'static str,
    /// A remark.
    pub remark: &'static str,
    /// The table of actors.
    pub actors: &'static str,
    /// An actor's acronym.
    pub acronym: &'static str,
    /// An actor's full name.
    pub full_name: &'static str,
    /// An actor's kind.
    pub actor_kind: &'static str,
    /// The ministry an actor belongs to.
    pub parent_ministry: &'static str,
    /// An actor's other names.
    pub aliases: &'static str,
    /// The table of actions.
    pub actions: &'static str,
    /// An action's text.
    pub action_text: &'static str,
    /// An action's responsible actors.
    pub responsible: &'static str,
    /// An action's partners.
    pub partners: &'static str,
    /// An action's calendar, as published.
    pub calendar: &'static str,
    /// The calendar's published start.
    pub calendar_start: &'static str,
    /// The calendar's published end.
    pub calendar_end: &'static str,
    /// Whether an action is continuous.
    pub continuous: &'static str,
    /// An action's recurrence.
    pub recurrence: &'static str,
    /// The strategy whose schedule an action follows.
    pub dependency: &'static str,
    /// An action's first day.
    pub start_date: &'static str,
    /// An action's deadline.
    pub deadline: &'static str,
    /// An action's recorded state on the as-of date.
    pub state: &'static str,
    /// The date of that state.
    pub state_date: &'static str,
    /// An action's derived health.
    pub health: &'static str,
    /// The table of the actions' actors.
    pub action_actors: &'static str,
    /// A declared actor's acronym.
    pub actor: &'static str,
    /// An actor's role in an action.
    pub role: &'static str,
    /// The table of indicators.
    pub indicators: &'static str,
    /// An indicator's id, unique within its action.
    pub indicator_id: &'static str,
    /// An indicator's label, as published.
    pub indicator_label: &'static str,
    /// What flow and level mean.
    pub measure: &'static str,
    /// An indicator's expected reporting frequency.
    pub frequency: &'static str,
    /// A reading's indicator.
    pub indicator: &'static str,
    /// The period a reading measures.
    pub period: &'static str,
    /// The period's first day.
    pub period_start: &'static str,
    /// The period's last day.
    pub period_end: &'static str,
    /// A reading's value, as recorded.
    pub value: &'static str,
    /// A reading's value as a number.
    pub number: &'static str,
    /// Where a reading's figure comes from.
    pub source: &'static str,
    /// The day a reading was recorded.
    pub recorded: &'static str,
    /// The value a reading corrects.
    pub replaces: &'static str,
    /// The table of readings.
    pub readings: &'static str,
    /// The table of state entries.
    pub states: &'static str,
    /// A state entry's position in its action's history.
    pub position: &'static str,
    /// A state entry's date.
    pub date: &'static str,
    /// The state an entry reaches.
    pub state_reached: &'static str,
    /// Why, or what happened.
    pub why: &'static str,
    /// Whether an entry reopens an action.
    pub reopened: &'static str,
    /// The table of context indicators.
    pub context_indicators: &'static str,
    /// A context indicator's id.
    pub context_id: &'static str,
    /// What a context indicator measures.
    pub what_it_measures: &'static str,
    /// Which way is progress.
    pub direction: &'static str,
    /// A context indicator's target.
    pub target: &'static str,
    /// The year of the target.
    pub target_year: &'static str,
    /// Where the target is set.
    pub target_source: &'static str,
    /// Who measures a context indicator.
    pub measured_by: &'static str,
    /// The table of the context indicators' readings.
    pub context_readings: &'static str,
    /// An indicator's kind of values.
    pub kind: &'static str,
}

/// The words of the status workbook (`pan export --format xlsx`) beyond the shared ones.
pub struct WorkbookWords {
    /// Its title: the plan's title and the as-of date (already written for people).
    pub title: fn(&str, &str) -> String,
    /// The sheet of actions.
    pub actions_sheet: &'static str,
    /// "Objective" (column).
    pub objective: &'static str,
    /// "Since" (the day of the state).
    pub since: &'static str,
    /// "Health" (column).
    pub health: &'static str,
    /// "Why" (column).
    pub why: &'static str,
    /// "Latest readings" (column).
    pub latest: &'static str,
    /// The sheet of readings.
    pub readings_sheet: &'static str,
    /// "Indicator label" (column).
    pub label: &'static str,
    /// "Note" (column).
    pub note: &'static str,
    /// "Recorded" (column).
    pub recorded: &'static str,
    /// "Replaces" (column).
    pub replaces: &'static str,
    /// The sheet that says what the workbook is.
    pub about_sheet: &'static str,
    /// How many actions and readings, known on which day.
    pub about: fn(usize, usize, &str) -> String,
    /// "Texts as published; the columns have filters."
    pub as_published: &'static str,
}

/// The words of an action's card (`pan show --format markdown`).
pub struct CardWords {
    /// "Objective" (before its code).
    pub objective: &'static str,
    /// "lever" (before its code, inside a line).
    pub lever: &'static str,
    /// "Partners".
    pub partners: &'static str,
    /// "Field" (column).
    pub field: &'static str,
    /// "Label" (column).
    pub label: &'static str,
    /// "Kind" (column).
    pub kind: &'static str,
    /// "Measure" (column).
    pub measure: &'static str,
    /// "Date" (column).
    pub date: &'static str,
    /// "Indicators" (heading of the terminal card).
    pub indicators: &'static str,
    /// "(none)": no indicator.
    pub none: &'static str,
    /// "State history" (heading).
    pub state_history: &'static str,
    /// "(no state recorded)".
    pub no_state: &'static str,
    /// " (reopened)", after a state that reopens the action.
    pub reopened: &'static str,
    /// Said where the plan names no responsible actor.
    pub no_responsible: &'static str,
    /// Said where the plan publishes no calendar.
    pub no_calendar: &'static str,
    /// What a calendar means: its shape, bounds, and whether it can be late; the plan's
    /// first year stands for a missing start.
    pub calendar_meaning: fn(&crate::model::Calendar, i16) -> String,
}

/// The words of `pan diff`. A pair is (one, several) after a number; a template fills
/// its `{}` in order.
pub struct DiffWords {
    /// "action changed", "actions changed".
    pub changed: (&'static str, &'static str),
    /// "added", after a number of actions (one, several).
    pub added_n: (&'static str, &'static str),
    /// "removed", after a number of actions (one, several).
    pub removed_n: (&'static str, &'static str),
    /// "reading added", "readings added".
    pub reading_added: (&'static str, &'static str),
    /// "{} as replacements".
    pub as_replacements: &'static str,
    /// "state recorded", "states recorded".
    pub state_recorded: (&'static str, &'static str),
    /// "problem", "problems".
    pub problem: (&'static str, &'static str),
    /// "introduced", after a number of problems (one, several).
    pub introduced_n: (&'static str, &'static str),
    /// "fixed", after a number of problems (one, several).
    pub fixed_n: (&'static str, &'static str),
    /// "history rewrite", "history rewrites".
    pub rewrite: (&'static str, &'static str),
    /// The comment's title.
    pub title: &'static str,
    /// "History rewritten" (heading).
    pub rewritten: &'static str,
    /// What a history rewrite is and how to accept one.
    pub rewritten_help: &'static str,
    /// Said when nothing changed.
    pub no_change: &'static str,
    /// "Action" (column).
    pub action: &'static str,
    /// "Change" (column).
    pub change: &'static str,
    /// "What changed" (column).
    pub what_changed: &'static str,
    /// "Context indicators" (heading).
    pub context: &'static str,
    /// "Levers, objectives and actors" (heading).
    pub declarations: &'static str,
    /// "Validation" (heading).
    pub validation: &'static str,
    /// "Rule" (column).
    pub rule: &'static str,
    /// "File" (column).
    pub file: &'static str,
    /// "Problem" (column).
    pub problem_col: &'static str,
    /// "pan diff · health as of" (before the date, at the foot).
    pub footer: &'static str,
    /// An action "added".
    pub added: &'static str,
    /// An action "removed".
    pub removed: &'static str,
    /// An action "modified".
    pub modified: &'static str,
    /// A problem "introduced".
    pub introduced: &'static str,
    /// A problem "fixed".
    pub fixed: &'static str,
    /// A problem "allowed" in pan.toml.
    pub allowed: &'static str,
    /// An action "moved" (to another objective).
    pub moved: &'static str,
    /// Its "text" changed.
    pub text: &'static str,
    /// "state", "states" (recorded).
    pub states: (&'static str, &'static str),
    /// "reading", "readings" (added).
    pub readings: (&'static str, &'static str),
    /// Readings "rewritten", after their number (one, several).
    pub readings_rewritten: (&'static str, &'static str),
    /// "health" (its change).
    pub health: &'static str,
    /// "reading added" (a line).
    pub line_added: &'static str,
    /// "reading replaced" (a line).
    pub line_replaced: &'static str,
    /// "reading REMOVED" (a line).
    pub line_removed: &'static str,
    /// "reading EDITED IN PLACE" (a line).
    pub line_edited: &'static str,
    /// A state recorded, without its note: state, day, and whether it reopens the action.
    pub state_line: fn(&crate::model::StateEntry) -> String,
    /// What a history rewrite did.
    pub rewrite_line: fn(&crate::report::diff::Rewritten) -> String,
    /// A change of the levers, objectives, actors or context indicators.
    pub declaration: fn(&crate::report::diff::Declaration) -> String,
}

/// How each value of pan's enumerations (health, state, kind, …) is said.
pub struct Terms {
    /// An action's health.
    pub health: fn(Health) -> &'static str,
    /// Why an action has its health.
    pub reason: fn(&Reason) -> String,
    /// A progress class.
    pub class: fn(Class) -> &'static str,
    /// A recorded state (or its absence).
    pub state: fn(StateFilter) -> &'static str,
    /// A calendar bucket (lower case, as inside a sentence).
    pub bucket: fn(Bucket) -> String,
    /// An indicator's kind: one name each, wherever it is shown (site, workbook, card).
    pub kind: fn(IndicatorKind) -> &'static str,
    /// How readings of a measure combine.
    pub measure: fn(Measure) -> &'static str,
    /// Which way a context indicator should move.
    pub direction: fn(Direction) -> &'static str,
    /// A reporting frequency.
    pub frequency: fn(Frequency) -> &'static str,
    /// An indicator's reporting.
    pub reporting: fn(Reporting) -> String,
    /// Where an action stands against its targets.
    pub action_standing: fn(crate::report::targets::ActionStanding) -> &'static str,
    /// Where one target stands.
    pub standing: fn(crate::report::targets::Standing) -> &'static str,
    /// "done" for a delivered deliverable.
    pub done: &'static str,
    /// "no responsible ministry" (a group of actions).
    pub no_ministry: &'static str,
    /// "state" in a group's title ("state: done").
    pub group_state: &'static str,
    /// The title of the group of actions without a recorded state ("state: not
    /// recorded", never "state: —").
    pub group_unrecorded: &'static str,
    /// "health" in a group's title ("health: late").
    pub group_health: &'static str,
}

/// The website's own words.
pub struct SiteWords {
    /// "Language".
    pub language: &'static str,
    /// Skip link.
    pub skip: &'static str,
    /// Label of the main navigation.
    pub navigation: &'static str,
    /// Label of the breadcrumb.
    pub breadcrumb: &'static str,
    /// "Home".
    pub home: &'static str,
    /// "Levers and objectives".
    pub levers: &'static str,
    /// "All actions".
    pub all_actions: &'static str,
    /// "Ministries".
    pub ministries: &'static str,
    /// "Context indicators".
    pub context: &'static str,
    /// "Reporting status".
    pub reporting: &'static str,
    /// "Timeline".
    pub timeline: &'static str,
    /// "COPIL digest".
    pub digest: &'static str,
    /// "Search".
    pub search: &'static str,
    /// "Downloads".
    pub downloads: &'static str,
    /// Label of the search field.
    pub search_label: &'static str,
    /// The search page's introduction.
    pub search_intro: &'static str,
    /// Without JavaScript.
    pub search_noscript: &'static str,
    /// Results: none.
    pub results_none: &'static str,
    /// Results: one.
    pub results_one: &'static str,
    /// Results: several (`{}` = how many).
    pub results_many: &'static str,
    /// Results: more than shown (`{}` = how many shown).
    pub results_more: &'static str,
    /// Footer: the pan version (`{}`), then the as-of date (`{}`).
    pub footer: &'static str,
    /// The home page's introduction.
    pub intro: &'static str,
    /// "Status as of {}".
    pub status_as_of: &'static str,
    /// Title of the health-by-lever chart.
    pub health_by_lever: &'static str,
    /// Its description: `{}` = number of levers.
    pub health_by_lever_desc: &'static str,
    /// "No change in the period."
    pub no_changes: &'static str,
    /// "{} actions changed; the first are listed, all are in the digest."
    pub more_changes: &'static str,
    /// "Objective".
    pub objective: &'static str,
    /// "Objectives".
    pub objectives: &'static str,
    /// "No action.".
    pub no_action: &'static str,
    /// "Partners".
    pub partners: &'static str,
    /// "What this calendar means".
    pub calendar_meaning: &'static str,
    /// "State history".
    pub state_history: &'static str,
    /// "No state recorded yet."
    pub no_state: &'static str,
    /// "The plan names no responsible actor."
    pub no_responsible: &'static str,
    /// "Indicators".
    pub indicators: &'static str,
    /// "No indicator published."
    pub no_indicator: &'static str,
    /// "Kind".
    pub kind: &'static str,
    /// "Frequency".
    pub frequency: &'static str,
    /// "Reporting".
    pub reporting_col: &'static str,
    /// "Readings of {}" (chart title).
    pub readings_of: &'static str,
    /// Bar chart description: `{}` = count, then the values.
    /// (singular, plural): after one or several.
    pub bars_desc: (&'static str, &'static str),
    /// Description of a breakdown's bar chart: {count}, {values}.
    /// (singular, plural): after one or several.
    pub breakdown_desc: (&'static str, &'static str),
    /// Caption of a breakdown table: {indicator}, {dimension}, {period}.
    pub breakdown_of: &'static str,
    /// Line chart description.
    /// (singular, plural): after one or several.
    pub line_desc: (&'static str, &'static str),
    /// "Target {} by {}".
    pub target_by: &'static str,
    /// "dashed line: from the first reading to the target".
    pub target_path: &'static str,
    /// "Date".
    pub date: &'static str,
    /// "Note".
    pub note: &'static str,
    /// "Reopened".
    pub reopened: &'static str,
    /// The note on English pages: the plan's text is French.
    pub content_note: &'static str,
    /// "Responsible for".
    pub responsible_for: &'static str,
    /// "Partner in".
    pub partner_in: &'static str,
    /// "Its actors carrying actions".
    pub ministry_actors: &'static str,
    /// Introduction of the ministries page.
    pub ministries_intro: &'static str,
    /// "Actions without a responsible ministry".
    pub unassigned: &'static str,
    /// "as partner".
    pub as_partner: &'static str,
    /// "Indicators" (column).
    pub indicators_col: &'static str,
    /// "With data".
    pub with_data: &'static str,
    /// "Up to date".
    pub current: &'static str,
    /// "Overdue".
    pub overdue: &'static str,
    /// "Not expected yet".
    pub not_expected: &'static str,
    /// "Last measured".
    pub last_measured: &'static str,
    /// Introduction of the reporting page.
    pub reporting_intro: &'static str,
    /// "By lever".
    pub by_lever: &'static str,
    /// "By ministry".
    pub by_ministry: &'static str,
    /// "Every indicator".
    pub every_indicator: &'static str,
    /// "Readings".
    pub readings_col: &'static str,
    /// Introduction of the context page.
    pub context_intro: &'static str,
    /// "Source of the target".
    pub target_source: &'static str,
    /// "Measured by".
    pub measured_by: &'static str,
    /// Introduction of the timeline.
    pub timeline_intro: &'static str,
    /// The timeline's legend.
    pub timeline_legend: &'static str,
    /// Gantt chart description: `{}` = number of actions, years.
    /// (singular, plural): after one or several.
    pub gantt_desc: (&'static str, &'static str),
    /// "Start".
    pub start: &'static str,
    /// "End".
    pub end: &'static str,
    /// Task spans.
    pub span_bounded: &'static str,
    /// From a start, to the end of the plan.
    pub span_to_plan_end: &'static str,
    /// A milestone.
    pub span_milestone: &'static str,
    /// Task status words.
    pub status_done: &'static str,
    /// Late.
    pub status_late: &'static str,
    /// In progress.
    pub status_in_progress: &'static str,
    /// Anything else.
    pub status_other: &'static str,
    /// "Dated actions".
    pub dated_actions: &'static str,
    /// Introduction of the downloads page.
    pub downloads_intro: &'static str,
    /// The JSON export.
    pub download_json: &'static str,
    /// The readings as CSV.
    pub download_csv: &'static str,
    /// "Print".
    pub print_hint: &'static str,
    /// "Calendar: see the timeline".
    pub digest_calendar: &'static str,
    /// Introduction of the list of all actions.
    pub all_actions_intro: &'static str,
    /// "Chart".
    pub chart: &'static str,
    /// Search kinds: action.
    pub kind_action: &'static str,
    /// Indicator.
    pub kind_indicator: &'static str,
    /// Ministry.
    pub kind_ministry: &'static str,
    /// Agency.
    pub kind_agency: &'static str,
    /// Lever.
    pub kind_lever: &'static str,
    /// Objective.
    pub kind_objective: &'static str,
    /// Context indicator.
    pub kind_context: &'static str,
    /// "Choose a language".
    pub choose_language: &'static str,
    /// "method" (a link to the method of progress classes).
    pub method: &'static str,
    /// "Health of the actions it is responsible for".
    pub ministry_health: &'static str,
    /// Caption of an objective's actions: "Actions of objective {}".
    pub objective_actions: &'static str,
    /// Said in the footer of a site that shows translations of the plan's titles: who
    /// made them ("{}"), and that they are not the plan's authors'.
    pub translated: &'static str,
    /// Who translated, when the translation file does not say (`by:`).
    pub translated_by: &'static str,
    /// What is late or due, and who carries it (home page heading).
    pub attention: &'static str,
    /// Link to every action of a list: `{}` = how many.
    pub all_of_them: &'static str,
    /// No action late or due.
    pub nothing_late: &'static str,
    /// An action without a responsible ministry, in a list.
    pub no_ministry: &'static str,
    /// "Ministries behind on reporting".
    pub behind_reporting: &'static str,
    /// No ministry has an indicator awaiting a reading.
    pub none_behind: &'static str,
    /// A ministry behind on reporting: (one, several); `{}` = indicators awaiting a reading,
    /// then those expected.
    pub behind_line: (&'static str, &'static str),
    /// The sentence replacing the state columns when no action has a declared state.
    pub no_state_declared: &'static str,
    /// The digest's period starts with the plan, no steering committee meeting being recorded.
    pub since_start: &'static str,
    /// "Accessibility statement" (page title and footer link).
    pub accessibility: &'static str,
    /// "Published by {}." (the publisher).
    pub published_by: &'static str,
    /// "Data licence: {}.".
    pub licence_line: &'static str,
    /// "Contact".
    pub contact: &'static str,
    /// The publisher, when the settings name none.
    pub the_publisher: &'static str,
    /// The statement's first paragraph: `{}` = the publisher, then the site's name.
    pub a11y_intro: &'static str,
    /// "Compliance status".
    pub a11y_status_title: &'static str,
    /// Fully compliant.
    pub a11y_full: &'static str,
    /// Partially compliant.
    pub a11y_partial: &'static str,
    /// Not compliant.
    pub a11y_not_compliant: &'static str,
    /// Not assessed yet.
    pub a11y_not_assessed: &'static str,
    /// What is checked automatically.
    pub a11y_checks: &'static str,
    /// "Non-accessible content".
    pub a11y_issues_title: &'static str,
    /// No known issue.
    pub a11y_no_issues: &'static str,
    /// "Preparation of this statement".
    pub a11y_prepared_title: &'static str,
    /// "This statement was prepared on {}.".
    pub a11y_prepared: &'static str,
    /// The statement has no date yet.
    pub a11y_not_dated: &'static str,
    /// "Feedback and contact".
    pub a11y_feedback_title: &'static str,
    /// How to report a problem (the contact follows).
    pub a11y_feedback: &'static str,
    /// No contact given.
    pub a11y_no_contact: &'static str,
    /// "Enforcement procedure".
    pub a11y_enforcement_title: &'static str,
    /// Where to turn without a satisfactory answer.
    pub a11y_enforcement: &'static str,
    /// "Download" (a section of a page).
    pub download: &'static str,
    /// An indicator's readings as CSV.
    pub download_indicator: &'static str,
    /// The open-data package.
    pub download_package: &'static str,
    /// The status workbook.
    pub download_workbook: &'static str,
    /// Where each indicator's CSV is.
    pub download_per_indicator: &'static str,
    /// Declared dimensions, no figure: `{}` = the dimensions.
    pub breakdown_none: &'static str,
    /// "Breakdowns".
    pub breakdowns: &'static str,
    /// "Filter the actions".
    pub filter: &'static str,
    /// How the filters work.
    pub filter_intro: &'static str,
    /// "By health".
    pub by_health: &'static str,
    /// "By deadline".
    pub by_deadline: &'static str,
    /// "All" (no filter).
    pub filter_all: &'static str,
    /// How many rows a filter shows: (one, several), `{}` = how many.
    pub filter_shown: (&'static str, &'static str),
    /// A timeline bar due soon.
    pub status_due: &'static str,
    /// The timeline's highlight of due and late bars.
    pub timeline_due: &'static str,
    /// A single reading, shown as a figure: `{}` = period.
    pub single_reading: &'static str,
}

/// The words of a language.
pub fn of(lang: Lang) -> &'static Words {
    match lang {
        Lang::Fr => &fr::WORDS,
        Lang::En => &en::WORDS,
    }
}

impl Words {
    /// Where the start of a digest's period comes from, as said beside it.
    pub fn since(&self, from: crate::report::digest::SinceFrom) -> &'static str {
        use crate::report::digest::SinceFrom;
        match from {
            SinceFrom::Copil => self.since_copil,
            SinceFrom::PlanStart => self.since_start,
            SinceFrom::Given => self.since_given,
            SinceFrom::NotStarted => self.since_not_started,
        }
    }
}

/// Whether a count takes the singular in a language (see [`Words::singular`]).
pub fn singular(n: usize, lang: Lang) -> bool {
    (of(lang).singular)(n)
}

/// A count and its noun, singular or plural as the language wants: « 0 relevé »,
/// « 2 relevés », "1 reading", "0 readings".
pub fn plural(n: usize, one: &str, many: &str, lang: Lang) -> String {
    format!("{n} {}", if singular(n, lang) { one } else { many })
}

/// The form of a phrase, `(singular, plural)`, that agrees with a count in a language.
pub fn pick<'a>((one, many): (&'a str, &'a str), n: usize, lang: Lang) -> &'a str {
    if singular(n, lang) { one } else { many }
}

/// A count and its noun in pan's own language, for the command line's messages: "1
/// file", "3 files".
pub fn count(n: usize, one: &str, many: &str) -> String {
    plural(n, one, many, Lang::INTERFACE)
}

/// Fill the `{}` of a template with values, in order.
pub fn fill(template: &str, values: &[String]) -> String {
    let mut out = template.to_string();
    for v in values {
        out = out.replacen("{}", v, 1);
    }
    out
}

/// A health, in a language.
pub fn health(h: Health, lang: Lang) -> &'static str {
    (of(lang).terms.health)(h)
}

/// Where an action stands against its targets, in a language.
pub fn action_standing(s: crate::report::targets::ActionStanding, lang: Lang) -> &'static str {
    (of(lang).terms.action_standing)(s)
}

/// Where one target stands, in a language.
pub fn standing(s: crate::report::targets::Standing, lang: Lang) -> &'static str {
    (of(lang).terms.standing)(s)
}

/// One target of an indicator: the figure of its year, the value to reach, where it
/// stands ("8 / 12 (2026): in progress"; "—" when its year has no figure).
pub fn target_line(
    t: &crate::report::targets::TargetProgress,
    kind: IndicatorKind,
    lang: Lang,
) -> String {
    let n = |v: f64| {
        if kind == IndicatorKind::Percent {
            percent(v, lang)
        } else {
            number(v, lang)
        }
    };
    let value = t.value.map_or_else(|| "—".to_string(), n);
    format!(
        "{value} / {} ({}){} {}",
        n(t.target),
        t.year,
        of(lang).colon,
        standing(t.standing, lang)
    )
}

/// Why an action has its health, in a language.
pub fn reason(r: &Reason, lang: Lang) -> String {
    (of(lang).terms.reason)(r)
}

/// A progress class, in a language.
pub fn class(c: Class, lang: Lang) -> &'static str {
    (of(lang).terms.class)(c)
}

/// A recorded state (or its absence), in a language.
pub fn state_filter(s: StateFilter, lang: Lang) -> &'static str {
    (of(lang).terms.state)(s)
}

/// A recorded state of the model, in a language.
pub fn state(s: crate::model::State, lang: Lang) -> &'static str {
    state_filter(StateFilter::of(Some(s)), lang)
}

/// A calendar bucket, in a language (lower case, as inside a sentence).
pub fn bucket(b: Bucket, lang: Lang) -> String {
    (of(lang).terms.bucket)(b)
}

/// An indicator's kind, in a language.
pub fn kind(k: IndicatorKind, lang: Lang) -> &'static str {
    (of(lang).terms.kind)(k)
}

/// How readings of a measure combine, in a language.
pub fn measure(m: Measure, lang: Lang) -> &'static str {
    (of(lang).terms.measure)(m)
}

/// Which way a context indicator should move, in a language.
pub fn direction(d: Direction, lang: Lang) -> &'static str {
    (of(lang).terms.direction)(d)
}

/// A reporting frequency, in a language.
pub fn frequency(f: Frequency, lang: Lang) -> &'static str {
    (of(lang).terms.frequency)(f)
}

/// An indicator's reporting, in a language.
pub fn reporting(r: Reporting, lang: Lang) -> String {
    (of(lang).terms.reporting)(r)
}

/// The key of a group, as in CSV and JSON (codes, acronyms, file spellings).
pub fn group_key(k: &GroupKey) -> String {
    match k {
        GroupKey::Lever(c) | GroupKey::Objective(c) | GroupKey::Ministry(c) => c.clone(),
        GroupKey::NoMinistry => "—".into(),
        GroupKey::Calendar(b) => bucket(*b, Lang::INTERFACE),
        GroupKey::State(s) => state_filter(*s, Lang::INTERFACE).into(),
        GroupKey::Health(h) => h.as_str().into(),
    }
}

/// The title of a group for people, in a language: `B — title`, a ministry's name, a
/// calendar bucket (capitalised where the language wants it, standing alone).
pub fn group_title(k: &GroupKey, plan: &Plan, lang: Lang) -> String {
    let w = of(lang);
    let capital = |s: String| -> String {
        let mut chars = s.chars();
        match chars.next() {
            Some(c) if w.capitalise_titles => c.to_uppercase().chain(chars).collect(),
            _ => s,
        }
    };
    match k {
        GroupKey::Lever(c) => plan
            .lever(c)
            .map(|l| format!("{} — {}", l.code, l.title))
            .unwrap_or_else(|| c.clone()),
        GroupKey::Objective(c) => plan
            .objective(c)
            .map(|(_, o)| format!("{} — {}", o.code, o.title))
            .unwrap_or_else(|| c.clone()),
        GroupKey::Ministry(m) => plan
            .actor(m)
            .map(|a| format!("{} — {}", a.acronym, a.name))
            .unwrap_or_else(|| m.clone()),
        GroupKey::NoMinistry => capital(w.terms.no_ministry.into()),
        GroupKey::Calendar(b) => capital(bucket(*b, lang)),
        GroupKey::State(StateFilter::Unrecorded) => w.terms.group_unrecorded.to_string(),
        GroupKey::State(s) => {
            format!(
                "{}{} {}",
                w.terms.group_state,
                w.colon,
                state_filter(*s, lang)
            )
        }
        GroupKey::Health(h) => {
            format!("{}{} {}", w.terms.group_health, w.colon, health(*h, lang))
        }
    }
}

/// "done" for a delivered deliverable, in a language.
pub fn done(lang: Lang) -> &'static str {
    of(lang).terms.done
}

/// A reading's value as people write it in a language: `60,1 %` / `60.1%`, `réalisé` /
/// `done`, a text as it is.
pub fn figure(f: &Figure, kind: IndicatorKind, lang: Lang) -> String {
    match f {
        Figure::Number(n) if kind == IndicatorKind::Percent => percent(*n, lang),
        Figure::Number(n) => number(*n, lang),
        Figure::Done => done(lang).into(),
        Figure::Text(t) => t.clone(),
    }
}

/// A percentage: `60,1 %` in French (a space before the sign), `60.1%` in English.
pub fn percent(v: f64, lang: Lang) -> String {
    format!("{}{}", number(v, lang), of(lang).percent_sign)
}

/// A number for people: `60,1` and `2 000` in French (a narrow no-break space), `60.1`
/// and `2,000` in English (thousands are grouped from four digits on).
pub fn number(v: f64, lang: Lang) -> String {
    let w = of(lang);
    let s = crate::model::reading::format_number(v);
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", s.as_str()),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let mut grouped = String::new();
    if int.len() >= 4 {
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i).is_multiple_of(3) {
                grouped.push(w.thousands);
            }
            grouped.push(c);
        }
    } else {
        grouped.push_str(int);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}{}{f}", w.decimal_point),
        None => format!("{sign}{grouped}"),
    }
}

/// A date for people: `23 novembre 2026` / `23 November 2026`.
pub fn date(d: Date, lang: Lang) -> String {
    (of(lang).date)(d)
}

/// A reading in a diff: `participants 2024 = 34`.
fn diff_row(r: &crate::report::diff::Row) -> String {
    format!("{} {} = {}", r.indicator, r.period, r.raw)
}

/// A state entry in a diff: `2026-03-01 in_progress`.
fn diff_state(e: &crate::model::StateEntry) -> String {
    format!("{} {}", e.date, e.state.as_str())
}

/// The name of month `m` (1–12) from a language's twelve; the last for anything past
/// December, so a bad month never panics.
fn month(months: &'static [&'static str; 12], m: i8) -> &'static str {
    let i = usize::try_from(m).unwrap_or(1).saturating_sub(1).min(11);
    months[i]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_has_one_name_of_its_own() {
        for lang in Lang::ALL {
            let names: std::collections::BTreeSet<&str> =
                IndicatorKind::ALL.iter().map(|k| kind(*k, lang)).collect();
            assert_eq!(names.len(), IndicatorKind::ALL.len(), "{lang:?}: {names:?}");
        }
    }

    #[test]
    fn numbers_are_written_as_each_language_writes_them() {
        assert_eq!(number(12500.5, Lang::Fr), "12\u{202f}500,5");
        assert_eq!(number(12500.5, Lang::En), "12,500.5");
        assert_eq!(number(-1234.0, Lang::Fr), "-1\u{202f}234");
        assert_eq!(number(2000.0, Lang::Fr), "2\u{202f}000");
        assert_eq!(number(2000.0, Lang::En), "2,000");
        assert_eq!(number(999.0, Lang::Fr), "999");
        assert_eq!(percent(60.1, Lang::Fr), "60,1\u{a0}%");
        assert_eq!(percent(60.1, Lang::En), "60.1%");
    }

    /// Whether French text spaces a mark otherwise than with a no-break space before
    /// `:`, `;`, `?`, `!`, `%` and `»` and after `«`.
    fn badly_spaced(text: &str) -> bool {
        let chars: Vec<char> = text.chars().collect();
        chars.iter().enumerate().any(|(i, c)| {
            let before = i.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i + 1).copied();
            let spaced_before = matches!(c, ':' | ';' | '?' | '!' | '%' | '»');
            (spaced_before && before == Some(' '))
                || (*c == '«' && after == Some(' '))
                // No space at all, before a mark that ends a phrase (`Note: x`).
                || (spaced_before
                    && *c != '%'
                    && before.is_some_and(|b| !b.is_whitespace())
                    && after.is_none_or(char::is_whitespace))
        })
    }

    #[test]
    fn the_spacing_rule_sees_each_mistake() {
        for bad in [
            "Légende : a",
            "Note: a",
            "a ; b",
            "60,1 %",
            "« a »",
            "Vrai ?",
        ] {
            assert!(badly_spaced(bad), "{bad}");
        }
        for good in [
            "Légende\u{a0}: a",
            "«\u{a0}a\u{a0}»",
            "https://x",
            "60,1\u{a0}%",
        ] {
            assert!(!badly_spaced(good), "{good}");
        }
    }

    /// French puts a no-break space before `:`, `;`, `?`, `!` and `%` and inside `« »`,
    /// never a plain one (a line would break there) and never none: one rule, checked on
    /// every literal of the French catalogue.
    #[test]
    fn french_punctuation_is_spaced_one_way() {
        let literals = string_literals(include_str!("fr.rs"));
        // The reader sees the catalogue's literals, whole.
        assert!(
            literals
                .iter()
                .any(|l| l == "Synthèse pour le comité de pilotage (COPIL)")
        );
        let wrong: Vec<&String> = literals.iter().filter(|l| badly_spaced(l)).collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    /// The string literals of Rust source, with `\u{..}` escapes read and `\`-newline
    /// continuations joined (enough for the catalogue's files).
    fn string_literals(source: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut chars = source.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '/' && chars.peek() == Some(&'/') {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
                continue;
            }
            if c == '\'' {
                // A char literal (',', '\u{202f}') is skipped whole; a lifetime
                // ('static) is not closed.
                let ahead: String = chars.clone().take(9).collect();
                let close = if ahead.starts_with('\\') {
                    ahead.find('\'')
                } else {
                    ahead
                        .char_indices()
                        .nth(1)
                        .filter(|(_, c)| *c == '\'')
                        .map(|(i, _)| i)
                };
                if let Some(n) = close {
                    for _ in 0..=ahead[..n].chars().count() {
                        chars.next();
                    }
                }
                continue;
            }
            if c != '"' {
                continue;
            }
            let mut s = String::new();
            while let Some(c) = chars.next() {
                match c {
                    '"' => break,
                    '\\' => match chars.next() {
                        Some('u') => {
                            let code: String =
                                chars.by_ref().skip(1).take_while(|c| *c != '}').collect();
                            let v = u32::from_str_radix(&code, 16).unwrap_or(0xfffd);
                            s.push(char::from_u32(v).unwrap_or('\u{fffd}'));
                        }
                        Some('\n') => {
                            while chars.peek().is_some_and(|c| c.is_whitespace()) {
                                chars.next();
                            }
                        }
                        Some('n') => s.push('\n'),
                        Some(other) => s.push(other),
                        None => {}
                    },
                    c => s.push(c),
                }
            }
            out.push(s);
        }
        out
    }

    #[test]
    fn dates_are_written_as_each_language_writes_them() {
        let d = Date::constant(2026, 11, 23);
        assert_eq!(date(d, Lang::Fr), "23 novembre 2026");
        assert_eq!(date(d, Lang::En), "23 November 2026");
        let first = Date::constant(2027, 1, 1);
        assert_eq!(date(first, Lang::Fr), "1er janvier 2027");
        assert_eq!(date(first, Lang::En), "1 January 2027");
    }
}
