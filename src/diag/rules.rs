//! The catalogue of rules `pan validate` applies: stable codes, severities, and the
//! documentation `pan validate --explain CODE` prints.
//!
//! Codes never change meaning: F… rules concern a file's form, P… the plan's content,
//! R… the readings under `indicators/`.

use super::Severity;
use super::examples::{
    ACTION, ACTORS, DONE_ACTION, DONE_READINGS, Edit, Example, LEVERS, OTHER_ACTION, READINGS,
    SETTINGS,
};

/// A validation rule and its documentation.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    /// Stable code, e.g. `P006`.
    pub code: &'static str,
    /// Stable kebab-case name, e.g. `unknown-responsible`.
    pub name: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// One-line summary.
    pub summary: &'static str,
    /// Default hint: how to fix it.
    pub hint: &'static str,
    /// Why the rule exists and what exactly it checks.
    pub explanation: &'static str,
    /// An edit of the example plan ([`super::examples`]) that triggers this rule.
    pub bad: Example,
    /// The edit that fixes it (often the example plan as it is): no rule is triggered.
    pub good: Example,
    /// Rules that the bad example cannot help triggering too (empty for nearly every
    /// rule; the explanation says why).
    pub also: &'static [&'static str],
}

macro_rules! rule {
    ($id:ident, $code:literal, $name:literal, $sev:ident, $summary:literal, $hint:literal,
     $expl:literal, $bad:expr, $good:expr $(, also: [$($also:literal),*])? $(,)?) => {
        #[doc = $summary]
        pub static $id: Rule = Rule {
            code: $code,
            name: $name,
            severity: Severity::$sev,
            summary: $summary,
            hint: $hint,
            explanation: $expl,
            bad: $bad,
            good: $good,
            also: &[$($($also),*)?],
        };
    };
}

// ---------------------------------------------------------------------------------------
// File rules
// ---------------------------------------------------------------------------------------

rule!(
    NOT_UTF8,
    "F001",
    "not-utf8",
    Error,
    "The file is not valid UTF-8.",
    "save the file as UTF-8 (without another encoding such as Latin-1 or UTF-16)",
    "Plan files hold French text; pan reads them as UTF-8 so that accents survive every tool. A file saved as Latin-1 or UTF-16 by a spreadsheet or an old editor is refused rather than read with broken characters. The diagnostic points at the first invalid byte.",
    Example::new(ACTION, Edit::ReplaceBytes("séances", b"s\xe9ances")),
    Example::keep(ACTION)
);

rule!(
    EMPTY_FILE,
    "F002",
    "empty-file",
    Error,
    "The file is empty.",
    "fill the file in or delete it",
    "An empty file (or one holding only blanks and comments) describes nothing. It is usually a file created by mistake or truncated by a failed save.",
    Example::write(ACTION, ""),
    Example::keep(ACTION)
);

rule!(
    YAML_SYNTAX,
    "F003",
    "yaml-syntax",
    Error,
    "The file is not valid YAML.",
    "fix the YAML syntax at the marked position (indentation, a missing quote or colon)",
    "The file cannot be parsed as YAML. The position given is where the parser noticed the problem, which is often just after the real mistake (an unclosed quote or bracket, a tab used for indentation, a value containing ': ' that needs quotes). Resource limits (nesting depth, aliases, size) are reported under this rule too.",
    Example::replace(ACTION, "mensuelles « IT", "mensuelles : « IT"),
    Example::replace(
        ACTION,
        "action: Organiser des rencontres mensuelles « IT Trainer Meetups ».",
        "action: \"Organiser des rencontres mensuelles : « IT Trainer Meetups ».\""
    )
);

rule!(
    DUPLICATE_KEY,
    "F004",
    "duplicate-key",
    Error,
    "A key appears twice in the same mapping.",
    "keep one of the two entries; YAML would otherwise silently keep only one",
    "YAML parsers disagree on what a repeated key means (most keep the last one silently). pan refuses it so that no value is lost without anyone noticing.",
    Example::replace(ACTION, "partners:", "responsible:\n  - MENEJ\npartners:"),
    Example::replace(ACTION, "  - MinDigital\n", "  - MinDigital\n  - MENEJ\n")
);

rule!(
    UNKNOWN_FIELD,
    "F005",
    "unknown-field",
    Error,
    "A field that the file format does not have.",
    "fix the field name (see `pan schema` for the format)",
    "Every field of a plan file has a meaning; a misspelt field (`partenaires:` for `partners:`) would otherwise be ignored and the value lost. The message suggests the nearest known field. A misspelt required field (`responsable:` for `responsible:`) is also reported missing (F006).",
    Example::replace(ACTION, "partners:", "partenaires:"),
    Example::keep(ACTION)
);

rule!(
    MISSING_FIELD,
    "F006",
    "missing-field",
    Error,
    "A required field is missing.",
    "add the field (see `pan schema` for the format)",
    "Action files must give code, objective, action, responsible, indicators and calendar; levers need code, title and objectives; actors need acronym, name and kind. An empty list (`[]`) is written explicitly, so that a forgotten field is never mistaken for an empty one.",
    Example::replace(ACTION, "objective: B-11\n", ""),
    Example::keep(ACTION)
);

rule!(
    WRONG_TYPE,
    "F007",
    "wrong-type",
    Error,
    "A field holds a value of the wrong type.",
    "write the value with the type the format expects (see `pan schema`)",
    "A field expects a text, a number, a list or a mapping, and the file gives something else (a list where one text is expected, a text where a list is expected, …).",
    Example::replace(
        ACTION,
        "responsible:\n  - MinDigital",
        "responsible: MinDigital, MENEJ"
    ),
    Example::replace(
        ACTION,
        "responsible:\n  - MinDigital",
        "responsible: [MinDigital, MENEJ]"
    )
);

rule!(
    INVALID_VALUE,
    "F008",
    "invalid-value",
    Error,
    "A field holds a value outside its allowed set (a kind, state, date or period).",
    "use one of the values listed in the message",
    "Some fields take one of a fixed set of values (indicator kind, reporting frequency `every`, state, actor kind, recurrence) or a value of a precise form (a date YYYY-MM-DD, a period such as 2026 or 2026-Q2, an identifier in lower case). The message lists what is accepted.",
    Example::replace(ACTION, "kind: count", "kind: counter"),
    Example::keep(ACTION)
);

rule!(
    FILE_NAME,
    "F009",
    "file-name-mismatch",
    Error,
    "The action file's name does not match the code inside it.",
    "rename the file to <code>.yaml (or fix the code)",
    "Each action lives in plan/<lever>/<code>.yaml so that people and tools find it by its code. A file whose name disagrees with its `code:` is usually a copy that was not fully edited.",
    Example::new("plan/B/IN-B-11.20.yaml", Edit::Move { from: ACTION }),
    Example::keep(ACTION)
);

rule!(
    WRONG_FOLDER,
    "F010",
    "wrong-lever-folder",
    Error,
    "The action file is not in its lever's folder.",
    "move the file to plan/<lever>/ where <lever> is the lever of its code, as the code writes it",
    "Actions of lever B live in plan/B/. A file in another folder is easy to overlook when reviewing a lever.",
    Example::new("plan/C/IN-B-11.02.yaml", Edit::Move { from: ACTION }),
    Example::keep(ACTION)
);

rule!(
    FILE_TOO_LARGE,
    "F011",
    "file-too-large",
    Error,
    "The file is larger than pan accepts.",
    "split the content or remove what does not belong in the plan (an action file is a few kilobytes)",
    "An action file of the bundled plan is under 3 KB; plan files are limited to 1 MB and readings files to 256 MB so that a runaway file (a paste gone wrong, a binary) cannot exhaust memory. The limit is checked before the file is read.",
    Example::new(ACTION, Edit::Grow(1024 * 1024 + 1)),
    Example::keep(ACTION)
);

rule!(
    UNREADABLE,
    "F012",
    "unreadable",
    Error,
    "A file or folder cannot be read (permissions, a broken or looping symlink, too many files).",
    "make it a regular file or folder pan may read (not a link, FIFO or device), or remove it",
    "pan reads plan/ and indicators/ without following any symbolic link and opens only regular files: a link (to a file, a folder or /proc), a FIFO, a device, a dangling link or a file it may not read is reported instead of being read, waited on or skipped silently. The number of files is also limited ([limits] max_files in pan.toml, 1,000,000 by default) to keep a mistaken copy of a whole disk from running for hours.",
    Example::new("plan/B/loop", Edit::Link(".")),
    Example::new("plan/B/loop", Edit::Remove)
);

rule!(
    STRAY_FILE,
    "F013",
    "stray-file",
    Warning,
    "A file in plan/ or indicators/ that pan does not read.",
    "move the file out of the plan folders, or rename it (.yaml for plan files, .csv for readings)",
    "Files with another extension, or YAML files at a place where pan does not look for them, are not part of the plan. They are flagged because they are usually a mistake (`IN-B-11.02.yml`, a file saved in the wrong folder).",
    Example::write(
        "plan/B/IN-B-11.03.yml",
        "code: IN-B-11.03\nobjective: B-11\naction: Ouvrir une permanence d'aide aux formateurs.\n"
    ),
    Example::new("plan/B/IN-B-11.03.yml", Edit::Remove)
);

// ---------------------------------------------------------------------------------------
// Plan rules
// ---------------------------------------------------------------------------------------

rule!(
    UNUSED_ALLOWANCE,
    "F014",
    "unused-allowance",
    Warning,
    "An entry of `[validate] allow` in pan.toml names no rule, or accepts no problem.",
    "remove the entry: the problem it accepted is gone (or fix the rule's code)",
    "Allowances accept known problems knowingly. An entry that accepts nothing — the problem was fixed, the action renamed, the rule's code mistyped — would silently accept the next problem that happens to match; like an unused `noqa`, it is reported so the list stays true.",
    Example::replace(
        SETTINGS,
        "allow = []",
        "allow = [\n  { rule = \"P005\", action = \"IN-B-11.02\", reason = \"No responsible actor in the published plan.\" },\n]"
    ),
    Example::keep(SETTINGS)
);

rule!(
    DUPLICATE_CODE,
    "P001",
    "duplicate-code",
    Error,
    "Two action files carry the same code.",
    "give one of the actions its own code",
    "An action code identifies one action everywhere: in reports, readings and reviews. Two files with the same code make every figure ambiguous. As each file must be named after its code (F009), two files with one code cannot both be named right: the second is also reported as misnamed.",
    Example::new(
        "plan/B/IN-B-11.03.yaml",
        Edit::Copy {
            of: ACTION,
            replace: &[]
        }
    ),
    Example::new(
        "plan/B/IN-B-11.03.yaml",
        Edit::Copy {
            of: ACTION,
            replace: &[("code: IN-B-11.02", "code: IN-B-11.03")]
        }
    ),
    // Two files cannot both be named after one code.
    also: ["F009"]
);

rule!(
    MALFORMED_CODE,
    "P002",
    "malformed-code",
    Error,
    "An action code does not follow the plan's code format (by default IN-<lever>-<objective>.<nn>).",
    "write the code as pan.toml [plan] code_format says; by default IN-<lever letter>-<objective number>.<two-digit number>, e.g. IN-B-11.02",
    "Codes follow the plan's scheme, `[plan] code_format` in pan.toml; the message names it. The default, the bundled plan's, is `IN-{lever}-{objective}.{number:02}`: IN, the lever letter, the objective number (no leading zero), a dot and a two-digit action number. Another plan may write `{lever:1}.{objective}.{number}` (2.3.1) or `M-{lever}{objective}-{number:02}` (M-A1-01); see Code formats in the README.",
    Example::replace(ACTION, "code: IN-B-11.02", "code: IN-B-11.2"),
    Example::keep(ACTION)
);

rule!(
    CODE_OBJECTIVE_MISMATCH,
    "P003",
    "code-objective-mismatch",
    Error,
    "The action's code, objective and lever disagree.",
    "make the objective match the code (IN-B-11.02 belongs to objective B-11)",
    "The code of an action names its lever and objective. An `objective:` that names another one is a copy-paste mistake, and reports would put the action under two different headings.",
    Example::replace(ACTION, "objective: B-11", "objective: B-12"),
    Example::keep(ACTION)
);

rule!(
    UNKNOWN_OBJECTIVE,
    "P004",
    "unknown-objective",
    Error,
    "The action's objective or lever is not declared in plan/levers.yaml.",
    "declare the objective in plan/levers.yaml, or fix the action's objective",
    "Every action belongs to an objective of plan/levers.yaml, so that reports can show its title and group actions.",
    Example::replace(
        LEVERS,
        "      - code: B-12\n        title: Renforcer les compétences des professionnels du secteur socio-éducatif\n",
        ""
    ),
    Example::keep(LEVERS)
);

rule!(
    NO_RESPONSIBLE,
    "P005",
    "no-responsible",
    Error,
    "The action has no responsible actor.",
    "name at least one responsible actor (an acronym of plan/actors.yaml)",
    "An action nobody carries cannot be followed up. The published plan itself prints no responsible actor for two actions (IN-D-3.10 and IN-D-3.11); the bundled pan.toml accepts them knowingly until the ministry says who carries them.",
    Example::replace(ACTION, "responsible:\n  - MinDigital", "responsible: []"),
    Example::keep(ACTION)
);

rule!(
    UNKNOWN_RESPONSIBLE,
    "P006",
    "unknown-responsible",
    Error,
    "A responsible actor is not declared in plan/actors.yaml.",
    "fix the acronym, or declare the actor in plan/actors.yaml",
    "Responsible actors are acronyms of plan/actors.yaml (or one of their aliases). An unknown one is usually a typo (`MinDigtal`), and would be missing from every per-ministry report. The message suggests the nearest declared acronym.",
    Example::replace(ACTION, "  - MinDigital", "  - MinDigtal"),
    Example::keep(ACTION)
);

rule!(
    UNKNOWN_PARTNER,
    "P007",
    "unknown-partner",
    Warning,
    "A partner that looks like an acronym is not declared in plan/actors.yaml.",
    "declare the actor in plan/actors.yaml, or write the partner's full name",
    "Partners are free text (\"Acteurs de la société civile\"), but one that looks like an acronym (several capitals, or a ministry prefix such as MENEJ-) is expected to be declared so that its name can be shown. Full names are never flagged.",
    Example::replace(ACTION, "  - MENEJ-IFEN", "  - MENEJ-XYZ"),
    Example::keep(ACTION)
);

rule!(
    NO_INDICATOR,
    "P008",
    "no-indicator",
    Warning,
    "The action has no indicator.",
    "add at least one indicator or deliverable",
    "The plan promises to follow every action with indicators; an action without one can never show progress.",
    Example::replace(
        OTHER_ACTION,
        "indicators:\n  - id: educateurs\n    label: Nombre d'éducateurs formés\n    kind: count\n",
        "indicators: []\n"
    ),
    Example::keep(OTHER_ACTION)
);

rule!(
    DUPLICATE_INDICATOR,
    "P009",
    "duplicate-indicator",
    Error,
    "Two indicators of the same action share an id.",
    "give each indicator of the action its own id",
    "Readings name their indicator by id; two indicators with the same id make readings ambiguous.",
    Example::replace(
        OTHER_ACTION,
        "    kind: count\n",
        "    kind: count\n  - id: educateurs\n    label: Nombre d'éducateurs formés dans l'année\n    kind: count\n"
    ),
    Example::replace(
        OTHER_ACTION,
        "    kind: count\n",
        "    kind: count\n  - id: educateurs-annee\n    label: Nombre d'éducateurs formés dans l'année\n    kind: count\n"
    )
);

rule!(
    CALENDAR_REVERSED,
    "P010",
    "calendar-reversed",
    Error,
    "The calendar ends before it starts.",
    "swap or fix start and end",
    "A calendar whose end comes before its start cannot be followed: the action would be late before it begins.",
    Example::replace(
        OTHER_ACTION,
        "2026 – 2030\n  start: 2026\n  end: 2030",
        "2030 – 2026\n  start: 2030\n  end: 2026"
    ),
    Example::keep(OTHER_ACTION)
);

rule!(
    CALENDAR_OUTSIDE_PERIOD,
    "P011",
    "calendar-outside-period",
    Warning,
    "The calendar ends after the plan period (or starts after it ends).",
    "check the calendar; if the plan really says so, accept it in pan.toml",
    "Actions are expected to fit the plan period of pan.toml. Some actions of the published plan started before it (2021, 2024, 2025: that is not flagged) and one runs beyond it (IN-D-7.03, 2025 – 2035): that is flagged as a warning so that it is a decision, not an accident.",
    Example::replace(
        OTHER_ACTION,
        "2026 – 2030\n  start: 2026\n  end: 2030",
        "2026 – 2035\n  start: 2026\n  end: 2035"
    ),
    Example::keep(OTHER_ACTION)
);

rule!(
    CALENDAR_LABEL_MISMATCH,
    "P012",
    "calendar-label-mismatch",
    Warning,
    "The calendar's structured fields disagree with its published label, or the label is not understood.",
    "make start/end/continuous/recurrence/dependency say what the label says",
    "The label is what the plan publishes; the structured fields are what pan computes with. pan parses the label and compares. A label it does not understand is accepted as long as structured fields are given; a label it understands must agree with them.",
    Example::replace(OTHER_ACTION, "  end: 2030", "  end: 2028"),
    Example::keep(OTHER_ACTION)
);

rule!(
    STATES_OUT_OF_ORDER,
    "P013",
    "states-out-of-order",
    Error,
    "The state history is not in date order.",
    "order the entries by date, oldest first (history is only ever appended)",
    "The state of an action on a date is the last entry on or before it; entries out of order make that ambiguous and usually mean history was edited.",
    Example::append(
        ACTION,
        "  - date: 2026-02-01\n    state: planned\n    note: Calendrier des rencontres arrêté\n"
    ),
    Example::replace(
        ACTION,
        "states:\n",
        "states:\n  - date: 2026-02-01\n    state: planned\n    note: Calendrier des rencontres arrêté\n"
    )
);

rule!(
    STATE_IN_FUTURE,
    "P014",
    "state-in-future",
    Error,
    "A state entry is dated after today.",
    "record a state on the day it happens (pan update does so)",
    "A state records what happened; an entry dated in the future records an intention. Planned dates belong in the calendar. The check uses the day `pan validate` runs (or --as-of).",
    Example::replace(ACTION, "date: 2026-03-02", "date: 2062-03-02"),
    Example::keep(ACTION)
);

rule!(
    STATE_AFTER_CLOSED,
    "P015",
    "state-after-closed",
    Error,
    "A state entry follows `done` or `cancelled`.",
    "record the reopening explicitly (`pan update CODE --reopen …`), or remove the mistaken entry",
    "Once an action is done or cancelled its history is closed; a later entry must be a deliberate reopening, written with `reopened: true` (which `pan update --reopen` adds).",
    Example::append(
        DONE_ACTION,
        "  - date: 2026-09-01\n    state: in_progress\n    note: Mise à jour du guide\n"
    ),
    Example::append(
        DONE_ACTION,
        "  - date: 2026-09-01\n    state: in_progress\n    note: Mise à jour du guide\n    reopened: true\n"
    )
);

rule!(
    EMPTY_OBJECTIVE,
    "P016",
    "objective-without-action",
    Warning,
    "An objective of plan/levers.yaml has no action.",
    "add its actions, or remove the objective",
    "An objective without any action promises something nobody does.",
    Example::append(
        LEVERS,
        "      - code: B-13\n        title: Accompagner les seniors vers le numérique\n"
    ),
    Example::keep(LEVERS)
);

rule!(
    UNUSED_ACTOR,
    "P017",
    "unused-actor",
    Note,
    "An actor of plan/actors.yaml is not named by any action.",
    "nothing to do if the actor is listed on purpose (the plan's annexes name many bodies)",
    "Reported for information: an actor nobody refers to may be a leftover or a misspelling of one that is used.",
    Example::append(
        ACTORS,
        "  - acronym: SNJ\n    name: Service national de la jeunesse\n    kind: agency\n    ministry: MENEJ\n"
    ),
    Example::keep(ACTORS)
);

rule!(
    DUPLICATE_DEFINITION,
    "P018",
    "duplicate-definition",
    Error,
    "A lever, objective, actor, alias or context indicator is declared twice.",
    "keep one declaration",
    "Declarations are looked up by code or acronym; a second one with the same key would be ignored.",
    Example::append(
        ACTORS,
        "  - acronym: MinDigital\n    name: Ministère de la Digitalisation\n    kind: ministry\n    ministry: MinDigital\n"
    ),
    Example::keep(ACTORS)
);

rule!(
    BAD_MINISTRY,
    "P019",
    "bad-ministry",
    Error,
    "An actor's ministry is not a declared ministry (or a ministry names another one).",
    "set `ministry:` to the acronym of a ministry of plan/actors.yaml",
    "Reports roll agencies up to their ministry (MENEJ-IFEN → MENEJ). That needs every agency's ministry to be a declared actor of kind `ministry`, every ministry to name itself, and external bodies to name none.",
    Example::replace(
        ACTORS,
        "kind: agency\n    ministry: MENEJ",
        "kind: agency\n    ministry: MENJ"
    ),
    Example::keep(ACTORS)
);

rule!(
    EMPTY_TEXT,
    "P020",
    "empty-text",
    Warning,
    "A text the plan should give is empty (an action's text, an objective's title).",
    "write the text as published; if the document really lacks it, say so in a comment",
    "The published plan prints no text for two actions (IN-C-3.05 and IN-C-3.06) and no title for objective B-9; they are kept empty rather than invented, and flagged so that the gap stays visible.",
    Example::replace(
        ACTION,
        "action: Organiser des rencontres mensuelles « IT Trainer Meetups ».",
        "action: \"\""
    ),
    Example::keep(ACTION)
);

// ---------------------------------------------------------------------------------------
// Readings rules
// ---------------------------------------------------------------------------------------

rule!(
    READING_UNKNOWN_ACTION,
    "R001",
    "reading-unknown-action",
    Error,
    "A readings file belongs to no action of the plan.",
    "name the file after an action code (indicators/<lever>/<code>.csv), or remove it",
    "Readings of an action live in indicators/<lever>/<code>.csv; a file whose name is not the code of an action has readings nobody can attribute.",
    Example::new("indicators/B/IN-B-11.20.csv", Edit::Move { from: READINGS }),
    Example::keep(READINGS)
);

rule!(
    READING_UNKNOWN_INDICATOR,
    "R002",
    "reading-unknown-indicator",
    Error,
    "A reading names an indicator the action does not have.",
    "use one of the action's indicator ids (listed in the message)",
    "Each row's `indicator` must be the id of an indicator of the action (or of a context indicator in indicators/context.csv).",
    Example::replace(READINGS, "participants,2025", "participant,2025"),
    Example::keep(READINGS)
);

rule!(
    READING_BAD_VALUE,
    "R003",
    "reading-bad-value",
    Error,
    "A reading's value does not fit its indicator's kind.",
    "write a value of the indicator's kind (count: whole ≥ 0; percent: 0–100; deliverable: done)",
    "Counts are whole numbers, 0 or more; percentages lie between 0 and 100; numbers are numbers (a decimal comma is accepted); deliverables are recorded once as `done`; qualitative readings are any text.",
    Example::replace(
        READINGS,
        "participants,2025,182",
        "participants,2025,environ 180"
    ),
    Example::keep(READINGS)
);

rule!(
    READING_BAD_PERIOD,
    "R004",
    "reading-bad-period",
    Error,
    "A reading's period or date is malformed.",
    "write the period as 2026, 2026-H1, 2026-Q2, 2026-05 or 2026-05-17, and dates as YYYY-MM-DD",
    "The period says what time the figure measures; `recorded` says when it was recorded.",
    Example::replace(READINGS, "seances,2025,", "seances,2025-T4,"),
    Example::keep(READINGS)
);

rule!(
    READING_DUPLICATE,
    "R005",
    "reading-duplicate",
    Error,
    "The same indicator and period are read twice without an explicit replacement.",
    "keep one row, or record the correction with `pan reading add … --replace`",
    "A second reading for the same indicator and period silently contradicts the first. A correction is written as a new row whose `replaces` column holds the value it corrects; the old row stays, so history is never erased.",
    Example::append(
        READINGS,
        "participants,2025,190,Rapport d'activité 2025 révisé,,2026-03-01,\n"
    ),
    Example::append(
        READINGS,
        "participants,2025,190,Rapport d'activité 2025 révisé,corrigé,2026-03-01,182\n"
    )
);

rule!(
    READING_IN_FUTURE,
    "R006",
    "reading-in-future",
    Error,
    "A reading measures a period that has not begun, or was recorded after today.",
    "check the period: a reading measures what already happened",
    "A figure for a period that has not started yet cannot have been measured.",
    Example::replace(READINGS, "seances,2025,", "seances,2052,"),
    Example::keep(READINGS)
);

rule!(
    READING_BAD_HEADER,
    "R007",
    "reading-bad-header",
    Error,
    "A readings file does not have the expected header.",
    "make the first line: indicator,period,value,source,note,recorded,replaces",
    "Readings files are plain CSV with a fixed header so that every tool (and every reviewer) reads them the same way. Columns may not be renamed, reordered or omitted.",
    Example::replace(
        READINGS,
        "indicator,period,value",
        "indicateur,période,valeur"
    ),
    Example::keep(READINGS)
);

rule!(
    READING_RAGGED_ROW,
    "R008",
    "reading-ragged-row",
    Error,
    "A readings row has more or fewer cells than the header, or cannot be read as CSV.",
    "give every row exactly the header's number of cells (quote cells that contain commas)",
    "A row with a missing or an extra cell (usually an unquoted comma in a note) would shift values into the wrong columns.",
    Example::replace(
        READINGS,
        "11,Rapport d'activité 2025,",
        "11,Rapport d'activité, 2025,"
    ),
    Example::replace(
        READINGS,
        "11,Rapport d'activité 2025,",
        "11,\"Rapport d'activité, 2025\","
    )
);

rule!(
    READING_OVERDUE,
    "R009",
    "reading-overdue",
    Warning,
    "An indicator with a reporting frequency has no reading for a period that has passed.",
    "record the missing reading (pan reading add), or explain the gap in a note",
    "An indicator may declare `every: year | half-year | quarter | month | once` (an unknown value is F008, naming the accepted ones). This rule concerns an indicator that declares its own frequency: its reading is overdue when the period after its last reading has ended (or, without any reading, when the first full period after the action started has ended). A deliverable (`once`) and the plan-wide `[readings] every` of pan.toml are not checked here: `pan due` lists every figure owed, with its due date, under the one rule of the reporting cycle (README, \"Reporting cycle\").",
    Example::replace(
        ACTION,
        "    kind: count\n",
        "    kind: count\n    every: quarter\n"
    ),
    Example::replace(
        ACTION,
        "    kind: count\n",
        "    kind: count\n    every: year\n"
    )
);

rule!(
    READING_BAD_REPLACEMENT,
    "R010",
    "reading-bad-replacement",
    Error,
    "A correction row does not correct an existing reading.",
    "set `replaces` to the value of the earlier reading of the same indicator and period, or leave it empty",
    "A row with a `replaces` value declares that it corrects an earlier reading of the same indicator and period whose value was exactly that. A correction of nothing, or of another value, means the history does not add up.",
    Example::append(
        READINGS,
        "participants,2025,190,Rapport d'activité 2025 révisé,corrigé,2026-03-01,180\n"
    ),
    Example::append(
        READINGS,
        "participants,2025,190,Rapport d'activité 2025 révisé,corrigé,2026-03-01,182\n"
    )
);

rule!(
    READING_NO_SOURCE,
    "R011",
    "reading-no-source",
    Error,
    "A reading does not name its source.",
    "say where the figure comes from (a report, a survey, a system)",
    "Every figure of the plan's record must name its source, so that the COPIL and the evaluators can check it.",
    Example::replace(READINGS, "11,Rapport d'activité 2025,", "11,,"),
    Example::keep(READINGS)
);

rule!(
    READING_DELIVERABLE_TWICE,
    "R012",
    "reading-deliverable-twice",
    Warning,
    "A deliverable is recorded as done in more than one period.",
    "keep the reading of the period it was delivered in",
    "A deliverable is delivered once; a second `done` in another period is usually a copy of the first.",
    Example::append(
        DONE_READINGS,
        "guide,2026-Q3,done,Site du ministère de la Digitalisation,,2026-09-01,\n"
    ),
    Example::keep(DONE_READINGS)
);

rule!(
    NOTHING_TO_REOPEN,
    "P021",
    "nothing-to-reopen",
    Error,
    "A state entry says it reopens the action, but the action was not done or cancelled.",
    "remove `reopened: true`: only an entry after `done` or `cancelled` reopens",
    "`reopened: true` marks the deliberate reopening of a closed action (`pan update --reopen`). On an entry that follows an open state, or on the first entry, it records a reopening that did not happen; `pan update` refuses it, and so does validation.",
    Example::append(ACTION, "    reopened: true\n"),
    Example::keep(ACTION)
);

rule!(
    STATE_WITHOUT_NOTE,
    "P022",
    "state-without-note",
    Error,
    "A state entry has no note.",
    "say in `note:` what happened (`pan update` asks for it with --note)",
    "A state records what happened, for the committee that reads the history: a date and a state without a word say nothing of why. `pan update` refuses an empty note, and so does validation.",
    Example::replace(
        ACTION,
        "    note: Première rencontre de l'année le 2 mars\n",
        ""
    ),
    Example::keep(ACTION)
);

rule!(
    UNKNOWN_DIMENSION,
    "P023",
    "unknown-dimension",
    Error,
    "An indicator is to be broken down by a dimension the plan does not declare.",
    "declare the dimension in plan/dimensions.yaml, or fix its id in `breakdowns:`",
    "An indicator's `breakdowns:` lists the dimensions (ids of plan/dimensions.yaml) its readings may be broken down by: a territory, an age group, an education level. A dimension the plan does not declare has no list of values to check readings against, so it is refused.",
    Example::replace(ACTION, "breakdowns: [age]", "breakdowns: [ages]"),
    Example::keep(ACTION)
);

rule!(
    BAD_TARGET,
    "P024",
    "bad-target",
    Error,
    "An indicator's targets are not years and numbers, or the indicator cannot have one.",
    "write `targets: {2026: 12, 2028: 30}`: a year, a colon, the value to reach",
    "An indicator of kind count, number or percent may declare the values to reach by year, as the plan prints them: `targets: {2026: 12, 2028: 30}`. Each key is a year of four digits, each value a number (a percent from 0 to 100); a deliverable or a qualitative indicator has no value to reach. `pan show`, the site and the digest compare the readings of each target's year with it; the roll-up per objective and lever counts the actions on track, behind, without a figure, not yet judged and without a target. Record only targets the plan prints: pan invents none.",
    Example::replace(
        ACTION,
        "    kind: count\n",
        "    kind: count\n    targets: {2026: douze}\n"
    ),
    Example::replace(
        ACTION,
        "    kind: count\n",
        "    kind: count\n    targets: {2026: 12}\n"
    )
);

rule!(
    UNUSED_TRANSLATION,
    "P025",
    "unused-translation",
    Warning,
    "A line of plan/translations/<lang>.yaml cannot be used (unknown language, section or code, or an empty text).",
    "fix the code or the section's name, or remove the line: the site shows the plan's own text where no translation is used",
    "The plan's titles (levers, objectives, context indicators) may be translated for the site's other languages in plan/translations/<lang>.yaml, one section per kind of title, one `code: text` line per title. A translation of a code the plan does not declare — a typo, a lever renamed since — would never be shown, so it is reported with its line; the rest of the file is used, and every title without a translation is shown in the plan's language, marked as such.",
    Example::write("plan/translations/en.yaml", "levers:\n  Z: Trainers\n"),
    Example::write("plan/translations/en.yaml", "levers:\n  B: Trainers\n")
);

rule!(
    READING_UNKNOWN_DIMENSION,
    "R013",
    "reading-unknown-dimension",
    Error,
    "A readings file has a column that is not a dimension of the plan.",
    "name the column after a dimension of plan/dimensions.yaml, or remove it",
    "After the seven columns every readings file has, a file may have one column per dimension its readings are broken down by, named by the dimension's id. A column pan does not know cannot be checked: the file's rows that fill it in are not read, so that no cell of a breakdown is taken for a total.",
    Example::write(
        READINGS,
        "indicator,period,value,source,note,recorded,replaces,commune\nseances,2025,11,Rapport d'activité 2025,,2026-01-15,,\nparticipants,2025,182,Rapport d'activité 2025,,2026-01-15,,\nparticipants,2025,40,Rapport d'activité 2025,,2026-01-15,,wiltz\n"
    ),
    Example::write(
        READINGS,
        "indicator,period,value,source,note,recorded,replaces,age\nseances,2025,11,Rapport d'activité 2025,,2026-01-15,,\nparticipants,2025,182,Rapport d'activité 2025,,2026-01-15,,\nparticipants,2025,40,Rapport d'activité 2025,,2026-01-15,,65+\n"
    )
);

rule!(
    READING_UNKNOWN_DIMENSION_VALUE,
    "R014",
    "reading-unknown-dimension-value",
    Error,
    "A reading's breakdown value is not in its dimension's list.",
    "write one of the dimension's value ids (plan/dimensions.yaml)",
    "A dimension declares its values once, with stable ids (`65+`, `esch-sur-alzette`), so that every file and every report names a category the same way. A value outside the list (a typo, a label instead of an id, a category the plan does not follow) is refused; the hint suggests the nearest id.",
    Example::write(
        READINGS,
        "indicator,period,value,source,note,recorded,replaces,age\nseances,2025,11,Rapport d'activité 2025,,2026-01-15,,\nparticipants,2025,182,Rapport d'activité 2025,,2026-01-15,,\nparticipants,2025,40,Rapport d'activité 2025,,2026-01-15,,65 ans et plus\n"
    ),
    Example::write(
        READINGS,
        "indicator,period,value,source,note,recorded,replaces,age\nseances,2025,11,Rapport d'activité 2025,,2026-01-15,,\nparticipants,2025,182,Rapport d'activité 2025,,2026-01-15,,\nparticipants,2025,40,Rapport d'activité 2025,,2026-01-15,,65+\n"
    )
);

rule!(
    READING_UNDECLARED_DIMENSION,
    "R015",
    "reading-undeclared-dimension",
    Error,
    "A reading is broken down by a dimension its indicator does not declare.",
    "leave the cell empty, or add the dimension to the indicator's `breakdowns:`",
    "An indicator says which dimensions its readings may be broken down by (`breakdowns:`); a file holding readings of several indicators has a column for every dimension any of them uses, and the others leave it empty. A value there for an indicator that does not declare the dimension is usually a row shifted by one column, or a declaration forgotten.",
    Example::write(
        READINGS,
        "indicator,period,value,source,note,recorded,replaces,age\nseances,2025,11,Rapport d'activité 2025,,2026-01-15,,\nseances,2025,3,Rapport d'activité 2025,,2026-01-15,,65+\nparticipants,2025,182,Rapport d'activité 2025,,2026-01-15,,\n"
    ),
    Example::write(
        READINGS,
        "indicator,period,value,source,note,recorded,replaces,age\nseances,2025,11,Rapport d'activité 2025,,2026-01-15,,\nparticipants,2025,182,Rapport d'activité 2025,,2026-01-15,,\nparticipants,2025,40,Rapport d'activité 2025,,2026-01-15,,65+\n"
    )
);

rule!(
    READING_BREAKDOWN_TWICE,
    "R016",
    "reading-breakdown-twice",
    Error,
    "The same breakdown of an indicator is recorded twice for a period.",
    "keep one row per indicator, period and breakdown; to correct one, give the later row `replaces`",
    "Each cell of a breakdown (an indicator, a period and a value for each of its dimensions) has one value, like the total. A second row for the same cell is usually a copy; a correction says which value it replaces, as for totals.",
    Example::write(
        READINGS,
        "indicator,period,value,source,note,recorded,replaces,age\nseances,2025,11,Rapport d'activité 2025,,2026-01-15,,\nparticipants,2025,182,Rapport d'activité 2025,,2026-01-15,,\nparticipants,2025,40,Rapport d'activité 2025,,2026-01-15,,65+\nparticipants,2025,41,Rapport d'activité 2025,,2026-01-15,,65+\n"
    ),
    Example::write(
        READINGS,
        "indicator,period,value,source,note,recorded,replaces,age\nseances,2025,11,Rapport d'activité 2025,,2026-01-15,,\nparticipants,2025,182,Rapport d'activité 2025,,2026-01-15,,\nparticipants,2025,40,Rapport d'activité 2025,,2026-01-15,,65+\nparticipants,2025,41,Rapport d'activité 2025 révisé,corrigé,2026-02-01,40,65+\n"
    )
);

rule!(
    READING_BREAKDOWN_EXCEEDS_TOTAL,
    "R017",
    "reading-breakdown-exceeds-total",
    Warning,
    "The cells of a breakdown add up to more than the total.",
    "check the cells and the total of that period: one of them is probably wrong",
    "For an indicator whose readings add up (a flow, such as people trained), the cells of one breakdown of a period (all its values of one dimension, or of the same dimensions together) cannot add up to more than the period's total; they may add up to less, when some categories are not recorded. Levels and percentages are not checked: they do not add up.",
    Example::write(
        READINGS,
        "indicator,period,value,source,note,recorded,replaces,age\nseances,2025,11,Rapport d'activité 2025,,2026-01-15,,\nparticipants,2025,182,Rapport d'activité 2025,,2026-01-15,,\nparticipants,2025,150,Rapport d'activité 2025,,2026-01-15,,16-24\nparticipants,2025,40,Rapport d'activité 2025,,2026-01-15,,65+\n"
    ),
    Example::write(
        READINGS,
        "indicator,period,value,source,note,recorded,replaces,age\nseances,2025,11,Rapport d'activité 2025,,2026-01-15,,\nparticipants,2025,182,Rapport d'activité 2025,,2026-01-15,,\nparticipants,2025,120,Rapport d'activité 2025,,2026-01-15,,16-24\nparticipants,2025,40,Rapport d'activité 2025,,2026-01-15,,65+\n"
    )
);

rule!(
    READING_PERIODS_DISAGREE,
    "R018",
    "reading-periods-disagree",
    Warning,
    "The readings of the periods inside a period add up to more than its reading, or cover it and add up to something else.",
    "check the readings of that period and of the periods inside it: one of them is probably wrong (correct it with `pan reading add … --replace`)",
    "For an indicator whose readings add up (a flow, such as sessions held), a reading for a period and readings for the periods inside it (2025, and 2025-H1 and 2025-H2) count the same things twice over: the parts cannot add up to more than the whole, and when they cover it entirely (both halves, four quarters, twelve months) they add up to it. Totals are checked, each kind of part on its own (halves, quarters, months, days); levels and percentages are not checked: they do not add up.",
    Example::append(
        READINGS,
        "seances,2025-H1,5,Rapport semestriel,,2026-01-15,\nseances,2025-H2,8,Rapport semestriel,,2026-01-15,\n"
    ),
    Example::append(
        READINGS,
        "seances,2025-H1,5,Rapport semestriel,,2026-01-15,\nseances,2025-H2,6,Rapport semestriel,,2026-01-15,\n"
    )
);

/// Every rule, in code order.
pub static ALL: &[&Rule] = &[
    &NOT_UTF8,
    &EMPTY_FILE,
    &YAML_SYNTAX,
    &DUPLICATE_KEY,
    &UNKNOWN_FIELD,
    &MISSING_FIELD,
    &WRONG_TYPE,
    &INVALID_VALUE,
    &FILE_NAME,
    &WRONG_FOLDER,
    &FILE_TOO_LARGE,
    &UNREADABLE,
    &STRAY_FILE,
    &UNUSED_ALLOWANCE,
    &DUPLICATE_CODE,
    &MALFORMED_CODE,
    &CODE_OBJECTIVE_MISMATCH,
    &UNKNOWN_OBJECTIVE,
    &NO_RESPONSIBLE,
    &UNKNOWN_RESPONSIBLE,
    &UNKNOWN_PARTNER,
    &NO_INDICATOR,
    &DUPLICATE_INDICATOR,
    &CALENDAR_REVERSED,
    &CALENDAR_OUTSIDE_PERIOD,
    &CALENDAR_LABEL_MISMATCH,
    &STATES_OUT_OF_ORDER,
    &STATE_IN_FUTURE,
    &STATE_AFTER_CLOSED,
    &EMPTY_OBJECTIVE,
    &UNUSED_ACTOR,
    &DUPLICATE_DEFINITION,
    &BAD_MINISTRY,
    &EMPTY_TEXT,
    &NOTHING_TO_REOPEN,
    &STATE_WITHOUT_NOTE,
    &UNKNOWN_DIMENSION,
    &BAD_TARGET,
    &UNUSED_TRANSLATION,
    &READING_UNKNOWN_ACTION,
    &READING_UNKNOWN_INDICATOR,
    &READING_BAD_VALUE,
    &READING_BAD_PERIOD,
    &READING_DUPLICATE,
    &READING_IN_FUTURE,
    &READING_BAD_HEADER,
    &READING_RAGGED_ROW,
    &READING_OVERDUE,
    &READING_BAD_REPLACEMENT,
    &READING_NO_SOURCE,
    &READING_DELIVERABLE_TWICE,
    &READING_UNKNOWN_DIMENSION,
    &READING_UNKNOWN_DIMENSION_VALUE,
    &READING_UNDECLARED_DIMENSION,
    &READING_BREAKDOWN_TWICE,
    &READING_BREAKDOWN_EXCEEDS_TOTAL,
    &READING_PERIODS_DISAGREE,
];

/// Find a rule by code (`P006`, case-insensitive) or name (`unknown-responsible`).
pub fn find(key: &str) -> Option<&'static Rule> {
    ALL.iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(key) || r.name == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_sorted() {
        let mut codes: Vec<&str> = ALL.iter().map(|r| r.code).collect();
        let sorted = {
            let mut s = codes.clone();
            s.sort();
            s
        };
        assert_eq!(codes, sorted, "ALL must stay in code order");
        codes.dedup();
        assert_eq!(codes.len(), ALL.len());
        let mut names: Vec<&str> = ALL.iter().map(|r| r.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), ALL.len());
    }

    #[test]
    fn lookup_by_code_or_name() {
        assert_eq!(find("p006").map(|r| r.name), Some("unknown-responsible"));
        assert_eq!(find("unknown-field").map(|r| r.code), Some("F005"));
        assert!(find("Z999").is_none());
    }
}
