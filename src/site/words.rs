//! The site's own words, in French and English. The words shared with the digest and the
//! report (health, states, calendar buckets, progress classes, the method, column names)
//! come from [`crate::render::words`].

use crate::config::Lang;
use crate::model::{Direction, Frequency, IndicatorKind, Measure};
use crate::report::reporting::Reporting;
use crate::report::status::StateFilter;

/// Every fixed text of the site.
pub struct SiteWords {
    /// The `lang` attribute and folder of the language.
    pub code: &'static str,
    /// The other language's name, in that language (the switcher).
    pub other_language: &'static str,
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
    /// Footer: `{}` = the as-of date.
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
    pub bars_desc: (&'static str, &'static str),
    /// Description of a breakdown's bar chart: {count}, {values}.
    pub breakdown_desc: (&'static str, &'static str),
    /// Caption of a breakdown table: {indicator}, {dimension}, {period}.
    pub breakdown_of: &'static str,
    /// Line chart description.
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
}

/// French.
pub const FR: SiteWords = SiteWords {
    code: "fr",
    other_language: "English",
    language: "Langue",
    skip: "Aller au contenu",
    navigation: "Navigation principale",
    breadcrumb: "Fil d'Ariane",
    home: "Accueil",
    levers: "Leviers et objectifs",
    all_actions: "Toutes les actions",
    ministries: "Ministères",
    context: "Indicateurs de contexte",
    reporting: "Suivi des mesures",
    timeline: "Calendrier",
    digest: "Synthèse COPIL",
    search: "Recherche",
    downloads: "Téléchargements",
    search_label: "Rechercher une action, un indicateur, un acteur",
    search_intro: "Cherchez parmi les codes, les textes des actions, les acteurs et les indicateurs. Les accents et les majuscules sont ignorés.",
    search_noscript: "La recherche instantanée a besoin de JavaScript. Sans lui, la liste de toutes les actions permet de chercher avec la fonction « Rechercher » du navigateur.",
    results_none: "Aucun résultat.",
    results_one: "1 résultat.",
    results_many: "{} résultats.",
    results_more: "Les {} premiers sont affichés ; précisez la recherche.",
    footer: "Produit par pan à partir des fichiers du plan, situation au {}. Les textes du plan sont reproduits tels que publiés.",
    intro: "Le tableau de bord public du plan : où en est chaque action, qui la porte, ce qui a été mesuré et ce qui est en retard, calculé à partir des fichiers du plan. Chaque graphique est accompagné du tableau de ses valeurs.",
    status_as_of: "Situation au {}",
    health_by_lever: "Situation des actions par levier",
    health_by_lever_desc: "Barres empilées : pour chacun des {} leviers, le nombre d'actions par situation (en retard, échéance proche, données anciennes, sans données, dans les temps, réalisée, annulée). Les valeurs sont dans le tableau qui suit.",
    no_changes: "Aucun changement sur la période.",
    more_changes: "{} actions ont changé ; les premières sont listées ici, toutes le sont dans la synthèse COPIL.",
    objective: "Objectif",
    objectives: "Objectifs",
    no_action: "Aucune action.",
    partners: "Partenaires",
    calendar_meaning: "Ce que signifie ce calendrier",
    state_history: "Historique des états",
    no_state: "Aucun état enregistré pour l'instant.",
    no_responsible: "Le plan ne nomme aucun responsable.",
    indicators: "Indicateurs",
    no_indicator: "Le plan ne publie aucun indicateur pour cette action.",
    kind: "Type",
    frequency: "Fréquence",
    reporting_col: "Suivi",
    readings_of: "Mesures : {}",
    bars_desc: (
        "Diagramme en barres de {} mesure, une barre par période : {}.",
        "Diagramme en barres de {} mesures, une barre par période : {}.",
    ),
    breakdown_desc: (
        "Diagramme en barres de {} catégorie, une barre par catégorie : {}.",
        "Diagramme en barres de {} catégories, une barre par catégorie : {}.",
    ),
    breakdown_of: "{} par {} ({})",
    line_desc: ("Courbe de {} mesure : {}.", "Courbe de {} mesures : {}."),
    target_by: "Cible : {} d'ici {}",
    target_path: "tirets : le chemin de la première mesure à la cible",
    date: "Date",
    note: "Note",
    reopened: "rouverte",
    content_note: "",
    responsible_for: "Actions dont il est responsable",
    partner_in: "Actions où il est partenaire",
    ministry_actors: "Ses acteurs responsables d'actions",
    ministries_intro: "Ce que porte chaque ministère (ses administrations et services compris), comme responsable et comme partenaire, avec la situation de ces actions et le suivi de leurs indicateurs.",
    unassigned: "Actions sans ministère responsable",
    as_partner: "Partenaire",
    indicators_col: "Indicateurs",
    with_data: "Avec données",
    current: "À jour",
    overdue: "Mesure attendue",
    not_expected: "Pas encore attendue",
    last_measured: "Dernière période mesurée",
    reporting_intro: "Pour chaque indicateur : s'il a des données, la dernière période mesurée, et si une mesure est attendue ou trop ancienne. Aucune mesure n'est attendue avant le début d'une action, ni après qu'elle est réalisée ou annulée.",
    by_lever: "Par levier",
    by_ministry: "Par ministère",
    every_indicator: "Tous les indicateurs",
    readings_col: "Mesures",
    context_intro: "Les chiffres nationaux que cite l'introduction du plan, leur évolution et leur cible.",
    target_source: "Source de la cible",
    measured_by: "Mesuré par",
    timeline_intro: "Le calendrier de chaque action dont le plan publie une date. Les actions sans date publiée (action continue sans jalon, calendrier d'une autre stratégie, aucun calendrier) sont listées sous chaque levier, jamais dessinées.",
    timeline_legend: "Une barre va du début à la fin publiés ; une action publiée « à partir de » une date, sans fin, va jusqu'à la fin du plan ; ◆ marque un jalon. Bleu : réalisée ; orange vif : en retard ; vert : en cours ; bleu clair : autre. La ligne verticale marque la date de situation.",
    gantt_desc: (
        "Diagramme de Gantt de {} action datée, de {} à {} ; la date de situation est marquée. Les dates sont dans le tableau qui suit.",
        "Diagramme de Gantt de {} actions datées, de {} à {} ; la date de situation est marquée. Les dates sont dans le tableau qui suit.",
    ),
    start: "Début",
    end: "Fin",
    span_bounded: "du début à la fin publiés",
    span_to_plan_end: "à partir d'une date, jusqu'à la fin du plan",
    span_milestone: "jalon",
    status_done: "réalisée",
    status_late: "en retard",
    status_in_progress: "en cours",
    status_other: "autre",
    dated_actions: "Actions datées",
    downloads_intro: "Les données du plan telles que pan les lit, pour les réutiliser.",
    download_json: "Le plan entier en JSON (le document de « pan export », version 1) : leviers, acteurs, actions, indicateurs de contexte et mesures connues à la date de situation.",
    download_csv: "Toutes les mesures connues à la date de situation, en CSV (colonnes des fichiers de mesures, précédées du code de l'action).",
    print_hint: "Cette page s'imprime sur A4.",
    digest_calendar: "Le calendrier des actions datées est sur la page Calendrier.",
    all_actions_intro: "Chaque action du plan, avec son état, sa situation et son calendrier.",
    chart: "Graphique",
    kind_action: "Action",
    kind_indicator: "Indicateur",
    kind_ministry: "Ministère",
    kind_agency: "Administration",
    kind_lever: "Levier",
    kind_objective: "Objectif",
    kind_context: "Indicateur de contexte",
    choose_language: "Choisir une langue",
    method: "méthode",
    ministry_health: "Situation des actions dont il est responsable",
};

/// English.
pub const EN: SiteWords = SiteWords {
    code: "en",
    other_language: "Français",
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
    footer: "Built by pan from the plan's files, as of {}.",
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
    content_note: "The plan's texts (actions, indicators, notes) are shown as published, in French.",
    responsible_for: "Actions it is responsible for",
    partner_in: "Actions where it is a partner",
    ministry_actors: "Its actors carrying actions",
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
};

/// The site's words of a language.
pub fn of(lang: Lang) -> &'static SiteWords {
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

/// An indicator's kind, in a language.
pub fn kind(k: IndicatorKind, lang: Lang) -> &'static str {
    match (lang, k) {
        (Lang::Fr, IndicatorKind::Count) => "nombre",
        (Lang::Fr, IndicatorKind::Number) => "valeur numérique",
        (Lang::Fr, IndicatorKind::Percent) => "pourcentage",
        (Lang::Fr, IndicatorKind::Deliverable) => "livrable",
        (Lang::Fr, IndicatorKind::Qualitative) => "qualitatif",
        (Lang::En, IndicatorKind::Count) => "count",
        (Lang::En, IndicatorKind::Number) => "number",
        (Lang::En, IndicatorKind::Percent) => "percentage",
        (Lang::En, IndicatorKind::Deliverable) => "deliverable",
        (Lang::En, IndicatorKind::Qualitative) => "qualitative",
    }
}

/// How readings of a measure combine, in a language.
pub fn measure(m: Measure, lang: Lang) -> &'static str {
    match (lang, m) {
        (Lang::Fr, Measure::Flow) => "les mesures s'additionnent d'une période à l'autre",
        (Lang::Fr, Measure::Level) => "la dernière mesure fait foi",
        (Lang::En, Measure::Flow) => "readings add up over periods",
        (Lang::En, Measure::Level) => "the latest reading is the value",
    }
}

/// Which way a context indicator should move, in a language.
pub fn direction(d: Direction, lang: Lang) -> &'static str {
    match (lang, d) {
        (Lang::Fr, Direction::Increase) => "une hausse est souhaitée",
        (Lang::Fr, Direction::Decrease) => "une baisse est souhaitée",
        (Lang::En, Direction::Increase) => "higher is better",
        (Lang::En, Direction::Decrease) => "lower is better",
    }
}

/// A reporting frequency, in a language.
pub fn frequency(f: Frequency, lang: Lang) -> &'static str {
    match (lang, f) {
        (Lang::Fr, Frequency::Annual) => "annuelle",
        (Lang::Fr, Frequency::HalfYearly) => "semestrielle",
        (Lang::Fr, Frequency::Quarterly) => "trimestrielle",
        (Lang::Fr, Frequency::Monthly) => "mensuelle",
        (Lang::En, Frequency::Annual) => "annual",
        (Lang::En, Frequency::HalfYearly) => "half-yearly",
        (Lang::En, Frequency::Quarterly) => "quarterly",
        (Lang::En, Frequency::Monthly) => "monthly",
    }
}

/// An indicator's reporting, in a language.
pub fn reporting(r: Reporting, lang: Lang) -> String {
    let h = |x| crate::render::words::health(x, lang).to_string();
    use crate::report::health::Health;
    match (lang, r) {
        (Lang::Fr, Reporting::Overdue(p)) => format!("mesure {p} attendue"),
        (Lang::En, Reporting::Overdue(p)) => format!("reading for {p} overdue"),
        (_, Reporting::Stale) => h(Health::Stale),
        (_, Reporting::NoData) => h(Health::NoData),
        (Lang::Fr, Reporting::Current) => "à jour".into(),
        (Lang::En, Reporting::Current) => "up to date".into(),
        (Lang::Fr, Reporting::NotStarted) => "action pas encore commencée".into(),
        (Lang::En, Reporting::NotStarted) => "action not started yet".into(),
        (Lang::Fr, Reporting::Closed) => "action réalisée ou annulée".into(),
        (Lang::En, Reporting::Closed) => "action done or cancelled".into(),
    }
}

/// The CSS class of a reporting state (its colour and mark).
pub fn reporting_class(r: Reporting) -> &'static str {
    match r {
        Reporting::Overdue(_) => "r-overdue",
        Reporting::Stale => "r-stale",
        Reporting::NoData => "r-nodata",
        Reporting::Current => "r-current",
        Reporting::NotStarted | Reporting::Closed => "r-none",
    }
}

/// A state, capitalised for a table cell, in a language.
pub fn state(s: StateFilter, lang: Lang) -> &'static str {
    crate::render::words::state_filter(s, lang)
}
