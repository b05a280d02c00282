//! English.

use super::{
    CardWords, DiffWords, DueWords, OpenDataWords, SiteWords, StarterWords, TemplateWords, Terms,
    Words, WorkbookWords, diff_row, diff_state, month,
};
use crate::model::calendar::Shape;
use crate::model::{Calendar, Direction, Frequency, IndicatorKind, Measure, StateEntry};
use crate::report::diff::{Declaration, Rewritten};
use crate::report::due::Standing;
use crate::report::health::{Health, Reason};
use crate::report::progress::Class;
use crate::report::reporting::Reporting;
use crate::report::status::{Bucket, StateFilter};

/// Every English word of pan.
/// The plural ending of an English noun after a number: none for 1, `s` otherwise.
fn s(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

pub static WORDS: Words = Words {
    name: "English",
    colon: ":",
    decimal_point: '.',
    thousands: ',',
    percent_sign: "%",
    semicolon: "; ",
    spaced_punctuation: false,
    date,
    capitalise_titles: false,

    singular: |n| n == 1,
    action_nouns: ("action", "actions"),
    terms: Terms {
        health,
        reason,
        class,
        state,
        bucket,
        kind,
        measure,
        direction,
        frequency,
        reporting,
        action_standing,
        standing,
        done: "done",
        no_ministry: "no responsible ministry",
        group_state: "state",
        group_unrecorded: "state: none declared",
        group_health: "health",
    },

    digest: "Steering committee (COPIL) digest",
    report: "Progress report",
    as_of: "as of",
    period: "Period covered",
    since_copil: "since the previous COPIL meeting",
    since_start: "since the start of the plan; no COPIL meeting listed in pan.toml",
    since_given: "since the date given",
    since_not_started: "the plan has not started yet: nothing to cover",
    key_figures: "Key figures",
    lever: "Lever",
    whole_plan: "Whole plan",
    actions: "Actions",
    context: "Progress toward the context targets",
    indicator: "Indicator",
    indicators: "indicators",
    trend: "Trend",
    latest: "Latest",
    latest_reading: "Latest reading",
    total: "total",
    status_as_of: "Status as of",
    target: "Target",
    progress: "Progress",
    health: "Health",
    by: "by",
    breakdowns: "Breakdowns",
    breakdowns_intro: "The latest period broken down of each indicator, by dimension (territory or population).",
    method: "Method: as in official progress reporting on the Sustainable Development Goals (Eurostat's method for the EU SDG indicators), the observed compound annual growth rate since the first reading is compared with the rate needed to reach the target by its year: ≥ 95 % of the required pace, substantial progress; 60–95 %, moderate progress; 0–60 %, limited progress; negative, deterioration. Without a target, the observed rate in the desired direction: > 1 %/year substantial, 0–1 % moderate, 0 to −1 % limited, < −1 % deterioration. Fewer than two readings: not enough data.",
    changes: "What changed since the last COPIL",
    state: "State",
    readings: "Readings",
    decisions: "Decisions needed",
    late_actions: "Late actions",
    due_no_state: "Due this year, no state declared",
    due_planned: "Due this year, declared planned",
    baselines: "Baselines recorded",
    baselines_hint: "Readings of periods before the plan began ({}): they say where the plan starts from, not what it achieved, and are not counted among the changes.",
    baseline: "baseline",
    targets: "Targets of action indicators",
    rollup_intro: "Number of actions, per lever and objective, against the targets the plan sets for their indicators: an action is behind as soon as a target whose year has ended is not reached, without a figure when a target's year ended with no reading, not yet judged when no target's year has ended. pan counts actions and computes no percentage: actions so different do not average.",
    lever_objective: "Lever / objective",
    target_of_period: "Target of the period",
    targets_col: "Targets",
    missing: "Indicators without a recent reading",
    idle_ministries: "Ministries the plan lists among its authors that no action names, neither they nor their agencies, as responsible or partner (so they appear in no per-ministry table): {}.",
    missing_hint: "no reading in the last {} days",
    code: "Code",
    action: "Action",
    responsible: "Responsible",
    calendar: "Calendar",
    why: "Why",
    per_ministry: "Per ministry",
    ministry: "Ministry",
    carried: "Actions carried",
    late: "Late",
    without_data: "Without data",
    with_readings: "With readings this period",
    calendar_section: "Calendar",
    part: "part",
    legend: "Legend: a bar runs from the start to the end the plan publishes; an action published as starting on a date, without an end, runs to the end of the plan and its name ends with “→ no published end”; ◆ marks a milestone, and the as-of date of this digest. Grey bars: actions done; red: late; blue: in progress (as recorded); the others are plain. Actions without a published date are listed below each chart, never drawn.",
    open_end: "→ no published end",
    as_of_section: "As of",
    undated: "Not drawn, for want of a published date",
    no_calendar: "no calendar published",
    summary: "Summary",
    group: "Group",
    objectives: "Objectives",
    indicator_details: "Indicator details",
    period_col: "Period",
    value: "Value",
    source: "Source",
    note: "Note",
    recorded: "Recorded",
    corrects_col: "Corrected value",
    no_reading: "no reading recorded",
    no_text: "(no published text)",
    none: "none",
    corrects: "corrects",
    generated: "Produced by pan {} from the plan's files.",
    shared: "An action carried by several ministries appears under each: the groups add up to {} for {} actions.",
    by_calendar: "calendar",
    no_match: "No action matches",
    site: SiteWords {
        language: "Language",
        skip: "Skip to content",
        navigation: "Main navigation",
        breadcrumb: "Breadcrumb",
        home: "Home",
        levers: "Levers and objectives",
        all_actions: "All actions",
        ministries: "Ministries",
        context: "Context indicators",
        reporting: "Reporting status",
        timeline: "Timeline",
        digest: "COPIL digest",
        search: "Search",
        downloads: "Downloads",
        search_label: "Search for an action, an indicator, an actor",
        search_intro: "Search the codes, the actions' texts, the actors and the indicators. Accents and capitals are ignored.",
        search_noscript: "Instant search needs JavaScript. Without it, the list of all actions lets you search with your browser's Find function.",
        results_none: "No result.",
        results_one: "1 result.",
        results_many: "{} results.",
        results_more: "The first {} are shown; narrow the search.",
        footer: "Built by pan {} from the plan's files, as of {}.",
        intro: "The plan's public dashboard: where each action stands, who carries it, what was measured and what is late, computed from the plan's files. Every chart comes with the table of its numbers.",
        status_as_of: "Status as of {}",
        health_by_lever: "Health of the actions by lever",
        health_by_lever_desc: "Stacked bars: for each of the {} levers, the number of actions by health (late, due, stale, no data, on track, done, cancelled). The numbers are in the table that follows.",
        no_changes: "No change in the period.",
        more_changes: "{} actions changed; the first are listed here, all of them in the COPIL digest.",
        objective: "Objective",
        objectives: "Objectives",
        no_action: "No action.",
        partners: "Partners",
        calendar_meaning: "What this calendar means",
        state_history: "State history",
        no_state: "No state recorded yet.",
        no_responsible: "The plan names no responsible actor.",
        indicators: "Indicators",
        no_indicator: "The plan publishes no indicator for this action.",
        kind: "Kind",
        frequency: "Frequency",
        reporting_col: "Reporting",
        readings_of: "Readings: {}",
        bars_desc: (
            "Bar chart of {} reading, one bar per period: {}.",
            "Bar chart of {} readings, one bar per period: {}.",
        ),
        breakdown_desc: (
            "Bar chart of {} category, one bar per category: {}.",
            "Bar chart of {} categories, one bar per category: {}.",
        ),
        breakdown_of: "{} by {} ({})",
        line_desc: (
            "Line chart of {} reading: {}.",
            "Line chart of {} readings: {}.",
        ),
        target_by: "Target: {} by {}",
        target_path: "dashes: the path from the first reading to the target",
        date: "Date",
        note: "Note",
        reopened: "reopened",
        content_note: "The plan's texts (actions, indicators, notes, and any title without a translation) are shown as published, in French, the plan's language.",
        responsible_for: "Actions it is responsible for",
        partner_in: "Actions where it is a partner",
        ministry_actors: "The ministry and its agencies, as responsible for actions",
        ministries_intro: "What each ministry carries (its agencies and services included), as responsible and as partner, with the health of those actions and the reporting of their indicators.",
        unassigned: "Actions without a responsible ministry",
        as_partner: "Partner",
        indicators_col: "Indicators",
        with_data: "With data",
        current: "Up to date",
        overdue: "Overdue",
        not_expected: "Not expected yet",
        last_measured: "Last period measured",
        reporting_intro: "For every indicator: whether it has data, the last period measured, and whether a reading is overdue or too old. No reading is expected before an action starts, nor once it is done or cancelled.",
        by_lever: "By lever",
        by_ministry: "By ministry",
        every_indicator: "Every indicator",
        readings_col: "Readings",
        context_intro: "The national figures the plan's introduction cites, how they changed, and their targets.",
        target_source: "Source of the target",
        measured_by: "Measured by",
        timeline_intro: "The calendar of every action whose date the plan publishes. Actions without a published date (continuous without a milestone, following another strategy's schedule, no calendar) are listed under each lever, never drawn.",
        timeline_legend: "A bar runs from the published start to the published end; an action published as starting on a date, without an end, runs to the end of the plan; ◆ marks a milestone. Blue: done; vermillion: late; green: in progress; light blue: other. The vertical line marks the as-of date.",
        gantt_desc: (
            "Gantt chart of {} dated action, from {} to {}; the as-of date is marked. The dates are in the table that follows.",
            "Gantt chart of {} dated actions, from {} to {}; the as-of date is marked. The dates are in the table that follows.",
        ),
        start: "Start",
        end: "End",
        span_bounded: "from the published start to the published end",
        span_to_plan_end: "from a date, to the end of the plan",
        span_milestone: "milestone",
        status_done: "done",
        status_late: "late",
        status_in_progress: "in progress",
        status_other: "other",
        dated_actions: "Dated actions",
        downloads_intro: "The plan's data as pan reads it, for reuse.",
        download_json: "The whole plan as JSON (the document of `pan export`, version 1): levers, actors, actions, context indicators and the readings known on the as-of date.",
        download_csv: "Every reading known on the as-of date, as CSV (the readings files' columns, after the action's code).",
        print_hint: "This page prints on A4.",
        digest_calendar: "The calendar of the dated actions is on the Timeline page.",
        all_actions_intro: "Every action of the plan, with its state, health and calendar.",
        chart: "Chart",
        kind_action: "Action",
        kind_indicator: "Indicator",
        kind_ministry: "Ministry",
        kind_agency: "Agency",
        kind_lever: "Lever",
        kind_objective: "Objective",
        kind_context: "Context indicator",
        choose_language: "Choose a language",
        method: "method",
        ministry_health: "Health of the actions it is responsible for",
        objective_actions: "Actions of objective {}",
        translated: "The English titles of levers, objectives and context indicators are translated by {}, not by the plan's authors, who publish it in French only.",
        translated_by: "the keepers of the plan's files",
        attention: "What is late or due",
        all_of_them: "All of them ({})",
        nothing_late: "No action is late or due soon.",
        no_ministry: "no responsible ministry",
        behind_reporting: "Ministries behind on reporting",
        none_behind: "No ministry has an indicator awaiting a reading.",
        behind_line: (
            "{} of {} expected indicators without an up-to-date reading",
            "{} of {} expected indicators without an up-to-date reading",
        ),
        no_state_declared: "No state has been declared for the plan's actions yet: their health is derived from their calendar and readings.",
        since_start: "since the start of the plan, no steering committee meeting being recorded yet",
        accessibility: "Accessibility statement",
        published_by: "Published by {}.",
        licence_line: "Data licence: {}.",
        contact: "Contact",
        the_publisher: "The publisher of this site",
        a11y_intro: "{} is committed to making this website accessible, in accordance with Directive (EU) 2016/2102 on the accessibility of the websites and mobile applications of public sector bodies. This statement applies to the website {}.",
        a11y_status_title: "Compliance status",
        a11y_full: "This website is fully compliant with standard EN\u{a0}301\u{a0}549 (WCAG\u{a0}2.1, level AA).",
        a11y_partial: "This website is partially compliant with standard EN\u{a0}301\u{a0}549 (WCAG\u{a0}2.1, level AA), due to the non-compliances listed below.",
        a11y_not_compliant: "This website is not compliant with standard EN\u{a0}301\u{a0}549 (WCAG\u{a0}2.1, level AA); the non-compliances are listed below.",
        a11y_not_assessed: "This website's compliance with standard EN\u{a0}301\u{a0}549 (WCAG\u{a0}2.1, level AA) has not been assessed by an audit yet.",
        a11y_checks: "The software that builds these pages is checked automatically at every release: the WCAG\u{a0}2.1 A and AA criteria a tool can check, in a browser, at 1280 and 390\u{a0}pixels wide. Every chart comes with the table of its values, and the site works without JavaScript.",
        a11y_issues_title: "Non-accessible content",
        a11y_no_issues: "The publisher reports no non-accessible content.",
        a11y_prepared_title: "Preparation of this statement",
        a11y_prepared: "This statement was prepared on {}.",
        a11y_not_dated: "The publisher has not dated this statement yet.",
        a11y_feedback_title: "Feedback and contact",
        a11y_feedback: "To report an accessibility problem or ask for content in another format, write to:",
        a11y_no_contact: "The publisher has not given a contact address yet.",
        a11y_enforcement_title: "Enforcement procedure",
        a11y_enforcement: "If you do not get a satisfactory answer, you may turn to the body the Member State has designated to monitor accessibility under Directive (EU) 2016/2102.",
        download: "Download",
        download_indicator: "this indicator's readings as CSV",
        download_package: "The open-data package (Frictionless Data Package): one CSV per table, their description and licence.",
        download_workbook: "The status workbook (spreadsheet): one row per action, with its state, health and latest readings.",
        download_per_indicator: "Each indicator's readings can also be downloaded one by one as CSV, from its action's page or the context indicators page.",
        breakdown_none: "This indicator may be broken down by {}; no broken-down figure has been published yet.",
        breakdowns: "Breakdowns",
        filter: "Filter the actions",
        filter_intro: "Each link leads to the list of matching actions; with JavaScript, the choices below filter this page directly.",
        by_health: "By health",
        by_deadline: "By deadline",
        filter_all: "All",
        filter_shown: ("{} action shown", "{} actions shown"),
        status_due: "due soon",
        timeline_due: "Late and due-soon bars have a thick outline. A published year is drawn over the whole year and written as published, never as an exact day.",
        single_reading: "A single reading ({})",
    },
    diff: DiffWords {
        changed: ("action changed", "actions changed"),
        added_n: ("added", "added"),
        removed_n: ("removed", "removed"),
        reading_added: ("reading added", "readings added"),
        as_replacements: "{} as replacements",
        state_recorded: ("state recorded", "states recorded"),
        problem: ("problem", "problems"),
        introduced_n: ("introduced", "introduced"),
        fixed_n: ("fixed", "fixed"),
        rewrite: ("history rewrite", "history rewrites"),
        title: "Plan changes",
        rewritten: "⛔ History rewritten",
        rewritten_help: "A reading or a state entry that was already recorded was edited or removed. Corrections are recorded as new rows (`pan reading add … --replace`); if this rewrite is deliberate, run `pan diff --allow-history-rewrite`.",
        no_change: "No change to the plan's actions or readings.",
        action: "Action",
        change: "Change",
        what_changed: "What changed",
        context: "Context indicators",
        declarations: "Levers, objectives and actors",
        validation: "Validation",
        rule: "Rule",
        file: "File",
        problem_col: "Problem",
        footer: "pan diff · health as of",
        added: "added",
        removed: "removed",
        modified: "modified",
        introduced: "introduced",
        fixed: "fixed",
        allowed: "allowed",
        moved: "moved",
        text: "text",
        states: ("state", "states"),
        readings: ("reading", "readings"),
        readings_rewritten: ("rewritten", "rewritten"),
        health: "health",
        line_added: "reading added",
        line_replaced: "reading replaced",
        line_removed: "reading REMOVED",
        line_edited: "reading EDITED IN PLACE",
        state_line,
        rewrite_line,
        declaration,
    },
    card: CardWords {
        objective: "Objective",
        lever: "lever",
        partners: "Partners",
        field: "Field",
        label: "Label",
        kind: "Kind",
        measure: "Measure",
        date: "Date",
        indicators: "Indicators",
        none: "(none)",
        state_history: "State history",
        no_state: "(no state recorded)",
        reopened: " (reopened)",
        no_responsible: "none (the plan names no responsible actor)",
        no_calendar: "(none published)",
        calendar_meaning,
    },
    workbook: WorkbookWords {
        title: |plan, day| format!("Plan status — {plan} — as of {day}"),
        actions_sheet: "Actions",
        objective: "Objective",
        since: "Since",
        health: "Health",
        why: "Why",
        latest: "Latest readings",
        readings_sheet: "Readings",
        label: "Indicator label",
        note: "Note",
        recorded: "Recorded",
        replaces: "Replaces",
        about_sheet: "About",
        about: |actions, readings, day| {
            format!(
                "{actions} action{}, {readings} reading{} known on {day}. State: as recorded; health: derived by pan for that day.",
                s(actions),
                s(readings)
            )
        },
        as_published: "Texts as published; the columns have filters.",
    },
    open_data: OpenDataWords {
        descriptor_title: "Data package descriptor (Frictionless Data Package)",
        description: |title, start, end, as_of| {
            format!(
                "The plan \"{title}\" ({start}–{end}): levers, objectives, actors, actions, indicators and their readings, state history and context indicators, as kept with pan; the actions' state and health as of {as_of}. Text cells that start with =, +, - or @ are preceded by an apostrophe (against spreadsheet formulas)."
            )
        },
        keywords: ["action plan", "monitoring", "indicators"],
        lever_code: "Lever code",
        objective_code: "Objective code",
        action_code: "Action code",
        levers: "Levers",
        title: "Title, as published",
        objectives: "Objectives",
        remark: "Remark",
        actors: "Actors",
        acronym: "Acronym the plan uses",
        full_name: "Full name",
        actor_kind: "Kind",
        parent_ministry: "Ministry it belongs to",
        aliases: "Other names, separated by `; `",
        actions: "Actions",
        action_text: "The action's text, as published",
        responsible: "Responsible actors, separated by `; ` (see action_actors)",
        partners: "Other parties involved, as published, separated by `; `",
        calendar: "Calendar, as published",
        calendar_start: "Published start (year, half, quarter, month or day)",
        calendar_end: "Published end",
        continuous: "Continuous action",
        recurrence: "Recurrence",
        dependency: "Strategy whose schedule it follows",
        start_date: "First day planned (the plan's start when the calendar gives none)",
        deadline: "Deadline (none for continuous or open-ended actions)",
        state: "Recorded state on the as-of date",
        state_date: "Date of that state",
        health: "Health pan derives for the as-of date",
        action_actors: "Actors of the actions",
        actor: "Acronym of the declared actor",
        role: "Role",
        indicators: "Indicators",
        indicator_id: "Identifier, unique within the action",
        indicator_label: "Indicator, as published",
        measure: "flow: readings add up; level: the latest counts",
        frequency: "Expected reporting frequency",
        indicator: "Indicator id",
        period: "Period measured (year, half, quarter, month or day)",
        period_start: "First day of the period",
        period_end: "Last day of the period",
        value: "Value, as recorded",
        number: "The value as a number (numeric indicators)",
        source: "Where the figure comes from",
        recorded: "Day recorded",
        replaces: "Value this row corrects",
        readings: "Readings of the indicators",
        states: "State history",
        position: "Position in the action's history (1 = oldest)",
        date: "Date",
        state_reached: "State reached",
        why: "Why, or what happened",
        reopened: "Reopens a done or cancelled action",
        context_indicators: "Context indicators",
        context_id: "Identifier",
        what_it_measures: "What it measures",
        direction: "Which way is progress",
        target: "Target",
        target_year: "Year of the target",
        target_source: "Where the target is set",
        measured_by: "Who measures it",
        context_readings: "Readings of the context indicators",
        kind: "Kind of values",
    },
    template: TemplateWords {
        sheet: "Readings",
        help_sheet: "How to fill in",
        title: |plan| format!("Indicator readings — {plan}"),
        indicator: "Indicator",
        label: "Indicator label",
        period: "Period",
        value: "Value",
        source: "Source",
        note: "Note",
        expected: "Expected value",
        latest: "Latest reading",
        responsible: "Responsible",
        action_text: "Action text",
        kind: "Kind",
        expected_value: |k| match k {
            IndicatorKind::Count => "Whole number ≥ 0",
            IndicatorKind::Number => "Number",
            IndicatorKind::Percent => "Percentage (0 to 100)",
            IndicatorKind::Deliverable => "done, once delivered",
            IndicatorKind::Qualitative => "Text (assessment)",
        },
        how_often: |f| match f {
            Frequency::Annual => "every year",
            Frequency::HalfYearly => "every half-year",
            Frequency::Quarterly => "every quarter",
            Frequency::Monthly => "every month",
            Frequency::Once => "once, when the action's calendar ends",
        },
        value_prompt: |k| match k {
            IndicatorKind::Count => ("Whole number", "A whole number, 0 or more (e.g. 12)."),
            IndicatorKind::Number => ("Number", "A number (e.g. 12.5)."),
            IndicatorKind::Percent => (
                "Percentage",
                "A percentage between 0 and 100 (e.g. 60.1 for 60.1%).",
            ),
            IndicatorKind::Deliverable => (
                "Deliverable",
                "done when it is delivered, with the period it was delivered in.",
            ),
            IndicatorKind::Qualitative => ("Assessment", "An assessment, in free text."),
        },
        value_refused: |k| match k {
            IndicatorKind::Count => "This indicator counts: write a whole number, 0 or more.",
            IndicatorKind::Number => "Write a number.",
            IndicatorKind::Percent => "Write a percentage between 0 and 100.",
            IndicatorKind::Deliverable => "A deliverable is recorded once, as the word done.",
            IndicatorKind::Qualitative => "",
        },
        refused: "Value refused",
        period_prompt: (
            "Period",
            "Choose the period measured in the list, or type one: a year (2025), a half-year (2025-H1), a quarter (2025-Q2), a month (2025-05) or a day (2025-05-17).",
        ),
        period_error: (
            "Period not in the list",
            "This period is not in the list. Keep it? (a year 2025, a half-year 2025-H1, a quarter 2025-Q2, a month 2025-05 or a day 2025-05-17)",
        ),
        source_prompt: (
            "Source (required)",
            "Where the figure comes from: a report, a register, a dashboard…",
        ),
        note_prompt: (
            "Note (optional)",
            "Anything useful to know about the figure.",
        ),
        prepared: |day, plan, rows, actions| {
            format!(
                "Prepared on {day} from the plan \"{plan}\": {rows} row{} for {actions} action{}.",
                s(rows),
                s(actions)
            )
        },
        how_to_fill: "How to fill it in",
        on_the_sheet: |sheet, per_period| {
            format!(
                "On the sheet \"{sheet}\", one row per indicator{}: fill in Value and Source (the yellow cells), check the Period; the Note is optional. Only the yellow cells can be typed in: the others are protected (without a password).",
                if per_period {
                    " and period asked for"
                } else {
                    ""
                }
            )
        },
        periods_offered: |last, this, day| {
            format!(
                "Period: choose it in the cell's list — the periods of {last} and of {this} begun by {day} (the year, its halves, quarters and months) — or type another: a year (2025), a half-year (2025-H1), a quarter (2025-Q2), a month (2025-05) or a day (2025-05-17)."
            )
        },
        periods_asked: |asked| {
            format!(
                "Period asked for: {asked} — already written on every row. The cell's list also offers the halves, quarters and months it holds; another period (a day, 2025-05-17) can be typed."
            )
        },
        value_help: "Value: what the \"Expected value\" column (and the note on the Indicator cell) says — a whole number ≥ 0 for what is counted, a percentage between 0 and 100 (60.1 for 60.1%), done (in the list) for a deliverable delivered, a number for a measure, a text for an assessment.",
        source_help: "Source: required; where the figure comes from (a report, a register, a dashboard…).",
        several_periods: "Several periods for one indicator: ask for a workbook with a row per period, or send a second workbook.",
        empty_rows: "Rows left empty are skipped. Do not insert, delete or sort rows: each row is recognised by its place, and a row whose Code or Indicator changed is refused.",
        already_recorded: "A value already recorded for the same period is not replaced: to correct it, say so.",
        sending_back: "Sending it back",
        send_to: |to| match to {
            Some(c) => format!("send it back to {c}"),
            None => "send it back to the person who sent it to you".into(),
        },
        save_and: |to| {
            format!(
                "Save the workbook (.xlsx or .ods) and {to}. It is imported with \"pan reading import\": every cell is checked, nothing is recorded while a row is refused, and the message names the sheet and cell to mend."
            )
        },
        about: "About this workbook",
        plan_line: |plan, fingerprint| format!("Plan: {plan} (fingerprint {fingerprint})."),
        as_it_stood: |day| {
            format!("The plan as it stood on {day} (latest readings known, indicators, actions).")
        },
        periods_asked_line: |asked| format!("Periods asked for: {asked}."),
        version: |v| format!("pan template, version {v}."),
    },
    starter: StarterWords {
        default_title: |start, end| format!("Action plan {start}-{end}"),
        lever: "Steering the plan",
        objective: "Follow the implementation of the plan",
        ministry: "Ministry responsible for the plan",
        action: "Convene the plan's steering committee at least twice a year to follow the actions' progress.",
        indicator_id: "committee-meetings",
        indicator: "Number of steering committee meetings",
        source: "Minutes of the kick-off meeting",
        note: "An example: replace it by a real figure.",
        intro: |title, start, end| {
            format!(
                "This repository keeps the plan \"{}\" ({}–{}) as files, with \
             `pan`: what the plan promises (`plan/`), what was measured \
             (`indicators/`), and, on any date, what is late.\n",
                title, start, end
            )
        },
        commands_heading: "The next five commands",
        commands: |code, indicator, year| {
            format!(
                "1. `pan validate` — check every file; CI runs it on every pull request.\n\
             2. `pan status` — where the plan stands: each action, its state and health.\n\
             3. `pan show {code}` — one action in full: text, calendar, history, readings.\n\
             4. `pan reading add {code} {indicator} 2 --period {year} --source \"…\"` — record a figure.\n\
             5. `pan digest -o copil.md` — the digest for the next steering committee.\n"
            )
        },
        begin: "To begin: replace the example lever, objective, actor and action by the plan's \
             (`plan/levers.yaml`, `plan/actors.yaml`, `plan/<lever>/<code>.yaml`), remove the \
             example reading (`indicators/`), then `git add -A && git commit -m \"Plan\"` (`pan \
             init` made the folder a git repository, unless it was in one already).\n",
        here_heading: "What is here",
        here: |code_format| {
            format!(
                "- `pan.toml`: title, period, language, code format (`{}`), open-data licence.\n\
             - `plan/`: levers and objectives, actors, one file per action, and the JSON Schemas \
             that let editors complete and check fields.\n\
             - `indicators/`: the readings, one CSV file per action.\n\
             - `.github/workflows/pan.yml` (GitHub) and `.gitlab-ci.yml` (GitLab): on every pull \
             request, `pan validate` and `pan diff` as a comment, with pan's released binary \
             (nothing to compile); keep your forge's. `.pre-commit-config.yaml` \
             checks before each commit; `.github/workflows/site.yml` publishes the website (below).\n\
             - `.gitignore`: pan's lock files and outputs.\n",
                code_format
            )
        },
        site_heading: "Website",
        site: "`pan site -o site` builds the plan's website (static pages, in French and English): \
             home, levers, actions, ministries, context indicators, timeline. \
             `.github/workflows/site.yml` publishes it on GitHub Pages on every merge and every \
             morning (set \"Source\" to \"GitHub Actions\" in Settings → Pages); for GitLab \
             Pages, add the `pages` job of `examples/ci/gitlab-pages.yml` in pan's repository.\n",
        open_data_heading: "Open data",
        open_data: "`pan export --format datapackage -o opendata` writes the plan as a Frictionless \
             Data Package (CSV and schemas) with its DCAT-AP description (`dcat.jsonld`), ready \
             for an open-data portal. Choose the licence first (`licence` in `pan.toml`).",
    },
    due: DueWords {
        ministry: "Ministry",
        indicator: "Indicator",
        action: "Action",
        period: "Period",
        due: "Due",
        last: "Last reading",
        standing: "Standing",
        standing_of: |s| match s {
            Standing::Late => "late",
            Standing::DueSoon => "due soon",
            Standing::Received => "received",
        },
        nothing: |d| format!("Nothing owed as of {d}."),
        completeness: "Completeness",
        completeness_of: |c| {
            let pct = c.percent().map(|p| format!(" ({p}%)")).unwrap_or_default();
            format!(
                "{} of {} figure{} received{pct}, {} late, {} due soon",
                c.received,
                c.expected,
                s(c.expected),
                c.late,
                c.due_soon
            )
        },
        heading: "Completeness of the figures owed",
        explain: "A figure is owed for each period of its indicator's frequency (once for a deliverable, when its action's calendar ends); it is late once its due date (the period's end plus the grace period) has passed without a reading. Completeness counts the figures received among those whose due date has passed.",
        expected: "Expected",
        received: "Received",
        late: "Late",
        due_soon: "Due soon",
        rate: "Completeness",
        subject: |plan, ministry, deadline| {
            format!("{plan} — indicator figures due from {ministry} by {deadline}")
        },
        body: |m| {
            let mut out = format!(
                "Dear colleagues,\n\nFor the monitoring of the {}, the attached workbook ({}) \
                 lists the indicator figures {} is responsible for that are expected: {} late \
                 and {} due soon.\n\nPlease fill in one row per figure (value, source) and \
                 return the workbook by {}",
                m.plan, m.workbook, m.ministry, m.late, m.due_soon, m.deadline
            );
            match m.send_to {
                Some(to) => out.push_str(&format!(" to: {to}.\n")),
                None => out.push_str(".\n"),
            }
            out.push_str("\nKind regards,\n");
            out
        },
    },
};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn date(d: jiff::civil::Date) -> String {
    format!("{} {} {}", d.day(), month(&MONTHS, d.month()), d.year())
}

fn action_standing(s: crate::report::targets::ActionStanding) -> &'static str {
    use crate::report::targets::ActionStanding as A;
    match s {
        A::OnTrack => "targets reached",
        A::Behind => "behind a target",
        A::NoFigure => "no figure",
        A::Pending => "not yet judged",
        A::NoTarget => "no target",
    }
}

fn standing(s: crate::report::targets::Standing) -> &'static str {
    use crate::report::targets::Standing as S;
    match s {
        S::Reached => "reached",
        S::Behind => "not reached",
        S::NoFigure => "year ended without a reading",
        S::Pending => "in progress",
    }
}

fn health(h: Health) -> &'static str {
    match h {
        Health::Late => "late",
        Health::Due => "due",
        Health::Stale => "stale",
        Health::NoData => "no data",
        Health::OnTrack => "on track",
        Health::Upcoming => "upcoming",
        Health::Untrackable => "not trackable",
        Health::Done => "done",
        Health::Cancelled => "cancelled",
    }
}

fn reason(r: &Reason) -> String {
    match r {
        Reason::Done => "recorded as done".into(),
        Reason::Cancelled => "recorded as cancelled".into(),
        Reason::Ended(d) => format!("calendar ended {d}"),
        Reason::Ends(d) => format!("ends {d}"),
        Reason::Milestone(d) => format!("milestone {d}"),
        Reason::Starts(d) => format!("starts {d}"),
        Reason::NoIndicator => "no indicator to follow".into(),
        Reason::NothingToMeasure => "no indicator, no calendar date ahead".into(),
        Reason::Overdue(id, p) => format!("{id} reading for {p} overdue"),
        Reason::Latest(p) => format!("latest reading {p}"),
        Reason::NoReading => "no reading yet".into(),
    }
}

fn class(c: Class) -> &'static str {
    match c {
        Class::TargetAchieved => "target achieved",
        Class::Substantial => "substantial progress",
        Class::Moderate => "moderate progress",
        Class::Limited => "limited progress",
        Class::Deterioration => "deterioration",
        Class::NotEnoughData => "not enough data",
        Class::NoDirection => "not assessed (the plan gives no direction)",
    }
}

fn state(s: StateFilter) -> &'static str {
    match s {
        StateFilter::Unrecorded => "no state declared",
        StateFilter::Planned => "planned",
        StateFilter::InProgress => "in progress",
        StateFilter::Done => "done",
        StateFilter::Suspended => "suspended",
        StateFilter::Cancelled => "cancelled",
    }
}

fn bucket(b: Bucket) -> String {
    match b {
        Bucket::EndedBefore(y) => format!("ended before {y}"),
        Bucket::EndsIn(y) => format!("ends in {y}"),
        Bucket::EndsAfter(y) => format!("ends after {y}"),
        Bucket::Continuous => "continuous".into(),
        Bucket::OpenEnded => "open-ended (from a start date)".into(),
        Bucket::Recurring => "recurring".into(),
        Bucket::Dependent => "depends on another strategy".into(),
        Bucket::Unspecified => "no calendar published".into(),
    }
}

fn kind(k: IndicatorKind) -> &'static str {
    match k {
        IndicatorKind::Count => "count",
        IndicatorKind::Number => "number",
        IndicatorKind::Percent => "percentage",
        IndicatorKind::Deliverable => "deliverable",
        IndicatorKind::Qualitative => "qualitative",
    }
}

fn measure(m: Measure) -> &'static str {
    match m {
        Measure::Flow => "readings add up over periods",
        Measure::Level => "the latest reading is the value",
    }
}

fn direction(d: Direction) -> &'static str {
    match d {
        Direction::Increase => "higher is better",
        Direction::Decrease => "lower is better",
        Direction::Unstated => "the plan does not say which way is better",
    }
}

fn frequency(f: Frequency) -> &'static str {
    match f {
        Frequency::Annual => "annual",
        Frequency::HalfYearly => "half-yearly",
        Frequency::Quarterly => "quarterly",
        Frequency::Monthly => "monthly",
        Frequency::Once => "once (deliverable)",
    }
}

fn reporting(r: Reporting) -> String {
    match r {
        Reporting::Overdue(p) => format!("reading for {p} overdue"),
        Reporting::Stale => health(Health::Stale).into(),
        Reporting::NoData => health(Health::NoData).into(),
        Reporting::Current => "up to date".into(),
        Reporting::NotStarted => "action not started yet".into(),
        Reporting::Closed => "action done or cancelled".into(),
    }
}

fn state_line(s: &StateEntry) -> String {
    format!(
        "state recorded: {} on {}{}",
        s.state.as_str(),
        s.date,
        if s.reopened { " (reopened)" } else { "" }
    )
}

fn rewrite_line(w: &Rewritten) -> String {
    match w {
        Rewritten::ActionRemoved(n) => format!("the action was removed with its {n} state entries"),
        Rewritten::StateChanged(a, b) => format!(
            "state entry {} was changed to {}",
            diff_state(a),
            diff_state(b)
        ),
        Rewritten::StateRemoved(e) => format!("state entry {} was removed", diff_state(e)),
        Rewritten::ReadingRemoved(r) => {
            format!("reading {} ({}) was removed", diff_row(r), r.source)
        }
        Rewritten::ReadingEdited(pair) => format!(
            "reading {} was edited in place to {}",
            diff_row(&pair.0),
            diff_row(&pair.1)
        ),
    }
}

fn declaration(d: &Declaration) -> String {
    match d {
        Declaration::LeverAdded(c, t) => format!("lever {c} added: {t}"),
        Declaration::LeverRetitled(c, a, b) => format!("lever {c} title: \"{a}\" → \"{b}\""),
        Declaration::LeverRemoved(c) => format!("lever {c} removed"),
        Declaration::ObjectiveAdded(c, t) => format!("objective {c} added: {t}"),
        Declaration::ObjectiveRetitled(c, a, b) => {
            format!("objective {c} title: \"{a}\" → \"{b}\"")
        }
        Declaration::ObjectiveRemoved(c) => format!("objective {c} removed"),
        Declaration::ActorAdded(a, n) => format!("actor {a} added: {n}"),
        Declaration::ActorChanged(a) => format!("actor {a} changed"),
        Declaration::ActorRemoved(a) => format!("actor {a} removed"),
        Declaration::ContextAdded(c) => format!("context indicator {c} added"),
        Declaration::ContextChanged(c) => format!("context indicator {c} changed"),
        Declaration::ContextRemoved(c) => format!("context indicator {c} removed"),
    }
}

fn calendar_meaning(c: &Calendar, plan_start: i16) -> String {
    let from = c.start.map(|s| format!(" from {s}")).unwrap_or_default();
    let end = c.end.map(|e| e.to_string()).unwrap_or_default();
    let deadline = c.deadline().map(|d| d.to_string()).unwrap_or_default();
    let first = c
        .start
        .map_or_else(|| plan_start.to_string(), |s| s.to_string());
    let recurrence = c.recurrence.map(|r| r.as_str()).unwrap_or("");
    match c.shape() {
        Shape::Bounded => format!("bounded: {first} to {end}, deadline {deadline}"),
        Shape::Continuous => match c.end {
            Some(e) => format!("continuous{from}, first phase or milestone by {e}; never late"),
            None => format!("continuous{from}; never late"),
        },
        Shape::OpenEnded => format!("open-ended{from}; never late"),
        Shape::Recurring => {
            format!("recurring ({recurrence}){from}; active every year of the plan; never late")
        }
        Shape::Dependent => format!(
            "follows the schedule of {}; never late by itself",
            c.dependency.as_deref().unwrap_or("another strategy")
        ),
        Shape::Unspecified => {
            "no calendar published; treated as running over the whole plan period".into()
        }
    }
}
