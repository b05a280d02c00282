//! French, the plan's language.

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

/// Every French word of pan.
/// The plural ending of a French noun after a number: none below 2 (« 1 ligne »,
/// « 0 action »), `s` from 2.
fn s(n: usize) -> &'static str {
    if n < 2 { "" } else { "s" }
}

pub static WORDS: Words = Words {
    name: "Français",
    colon: "\u{a0}:",
    decimal_point: ',',
    thousands: '\u{202f}',
    percent_sign: "\u{a0}%",
    semicolon: "\u{a0}; ",
    spaced_punctuation: true,
    date,
    capitalise_titles: true,

    singular: |n| n < 2,
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
        done: "réalisé",
        no_ministry: "aucun ministère responsable",
        group_state: "État",
        group_unrecorded: "État\u{a0}: aucun déclaré",
        group_health: "Situation",
    },

    digest: "Synthèse pour le comité de pilotage (COPIL)",
    report: "Rapport de suivi",
    as_of: "situation au",
    period: "Période couverte",
    since_copil: "depuis le précédent COPIL",
    since_start: "depuis le début du plan\u{a0}; aucune réunion du COPIL dans pan.toml",
    since_given: "depuis la date demandée",
    since_not_started: "le plan n'a pas encore commencé\u{a0}: rien à couvrir",
    key_figures: "Chiffres clés",
    lever: "Levier",
    whole_plan: "Ensemble du plan",
    actions: "Actions",
    context: "Progrès vers les cibles de contexte",
    indicator: "Indicateur",
    indicators: "indicateurs",
    trend: "Tendance",
    latest: "Dernière valeur",
    latest_reading: "Dernier relevé",
    total: "total",
    status_as_of: "Situation au",
    target: "Cible",
    progress: "Progrès",
    health: "Situation",
    by: "d'ici",
    breakdowns: "Ventilations",
    breakdowns_intro: "Dernière période ventilée de chaque indicateur, par dimension (territoire ou population).",
    method: "Méthode\u{a0}: comme pour le suivi officiel des Objectifs de développement durable (méthode d'Eurostat pour les indicateurs ODD de l'UE), le taux de croissance annuel moyen observé depuis le premier relevé est comparé au taux nécessaire pour atteindre la cible à son échéance\u{a0}: ≥ 95\u{a0}% du rythme requis, progrès substantiels\u{a0}; 60–95\u{a0}%, progrès modérés\u{a0}; 0–60\u{a0}%, progrès limités\u{a0}; négatif, détérioration. Sans cible, le taux observé dans le sens souhaité\u{a0}: > 1\u{a0}%/an substantiels, 0–1\u{a0}% modérés, 0 à −1\u{a0}% limités, < −1\u{a0}% détérioration. Moins de deux relevés\u{a0}: données insuffisantes.",
    changes: "Changements depuis le dernier COPIL",
    state: "État",
    readings: "Relevés",
    decisions: "Décisions à prendre",
    late_actions: "Actions en retard",
    due_no_state: "Échéance cette année, sans état déclaré",
    due_planned: "Échéance cette année, déclarées planifiées",
    baselines: "Valeurs de référence enregistrées",
    baselines_hint: "Relevés de périodes antérieures au début du plan ({})\u{a0}: ils disent d'où le plan part, pas ce qu'il a accompli, et ne comptent pas parmi les changements.",
    baseline: "valeur de référence",
    targets: "Cibles des indicateurs d'action",
    rollup_intro: "Nombre d'actions, par levier et par objectif, selon les cibles que le plan fixe à leurs indicateurs\u{a0}: une action est en retard dès qu'une cible échue n'est pas atteinte, sans chiffre quand l'année d'une cible s'est achevée sans relevé, à juger quand aucune année de cible n'est achevée. pan compte des actions et ne calcule aucun pourcentage\u{a0}: des actions si différentes ne se moyennent pas.",
    lever_objective: "Levier / objectif",
    target_of_period: "Cible de la période",
    targets_col: "Cibles",
    missing: "Indicateurs sans relevé récent",
    missing_hint: "aucun relevé sur les {} derniers jours",
    idle_ministries: "Ministères que le plan cite parmi ses auteurs sans qu'aucune action ne les nomme, ni eux ni leurs services, comme responsables ou partenaires (ils n'apparaissent donc dans aucun tableau par ministère)\u{a0}: {}.",
    code: "Code",
    action: "Action",
    responsible: "Responsable(s)",
    calendar: "Calendrier",
    why: "Motif",
    per_ministry: "Par ministère",
    ministry: "Ministère",
    carried: "Actions portées",
    late: "En retard",
    without_data: "Sans données",
    with_readings: "Avec relevés sur la période",
    calendar_section: "Calendrier",
    part: "partie",
    legend: "Légende\u{a0}: une barre va du début à la fin que le plan publie\u{a0}; une action publiée «\u{a0}à partir de\u{a0}» une date, sans fin, va jusqu'à la fin du plan et son nom se termine par «\u{a0}→\u{a0}sans fin publiée\u{a0}»\u{a0}; ◆ marque un jalon, et la date de situation de cette synthèse. Barres grises\u{a0}: actions réalisées\u{a0}; rouges\u{a0}: en retard\u{a0}; bleues\u{a0}: en cours (selon l'état enregistré)\u{a0}; les autres sont sans couleur. Les actions sans date publiée sont listées sous chaque graphique, jamais dessinées.",
    open_end: "→ sans fin publiée",
    as_of_section: "Situation",
    undated: "Non représentées, faute de date publiée",
    no_calendar: "aucun calendrier publié",
    summary: "Synthèse",
    group: "Groupe",
    objectives: "Objectifs",
    indicator_details: "Détail des indicateurs",
    period_col: "Période",
    value: "Valeur",
    source: "Source",
    note: "Note",
    recorded: "Enregistrée le",
    corrects_col: "Valeur corrigée",
    no_reading: "aucun relevé enregistré",
    no_text: "(texte non publié)",
    none: "aucun",
    corrects: "remplace",
    generated: "Produit par pan {} à partir des fichiers du plan.",
    shared: "Une action portée par plusieurs ministères figure sous chacun d'eux\u{a0}: la somme des groupes ({}) dépasse le nombre d'actions ({}).",
    by_calendar: "calendrier",
    no_match: "Aucune action ne correspond",
    site: SiteWords {
        language: "Langue",
        skip: "Aller au contenu",
        navigation: "Navigation principale",
        breadcrumb: "Fil d'Ariane",
        home: "Accueil",
        levers: "Leviers et objectifs",
        all_actions: "Toutes les actions",
        ministries: "Ministères",
        context: "Indicateurs de contexte",
        reporting: "Suivi des relevés",
        timeline: "Calendrier",
        digest: "Synthèse COPIL",
        search: "Recherche",
        downloads: "Téléchargements",
        search_label: "Rechercher une action, un indicateur, un acteur",
        search_intro: "Cherchez parmi les codes, les textes des actions, les acteurs et les indicateurs. Les accents et les majuscules sont ignorés.",
        search_noscript: "La recherche instantanée a besoin de JavaScript. Sans lui, la liste de toutes les actions permet de chercher avec la fonction «\u{a0}Rechercher\u{a0}» du navigateur.",
        results_none: "Aucun résultat.",
        results_one: "1 résultat.",
        results_many: "{} résultats.",
        results_more: "Les {} premiers sont affichés\u{a0}; précisez la recherche.",
        footer: "Produit par pan {} à partir des fichiers du plan, situation au {}. Les textes du plan sont reproduits tels que publiés.",
        intro: "Le tableau de bord public du plan\u{a0}: où en est chaque action, qui la porte, ce qui a été mesuré et ce qui est en retard, calculé à partir des fichiers du plan. Chaque graphique est accompagné du tableau de ses valeurs.",
        status_as_of: "Situation au {}",
        health_by_lever: "Situation des actions par levier",
        health_by_lever_desc: "Barres empilées\u{a0}: pour chacun des {} leviers, le nombre d'actions par situation (en retard, échéance proche, données anciennes, sans données, dans les temps, réalisée, annulée). Les valeurs sont dans le tableau qui suit.",
        no_changes: "Aucun changement sur la période.",
        more_changes: "{} actions ont changé\u{a0}; les premières sont listées ici, toutes le sont dans la synthèse COPIL.",
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
        readings_of: "Relevés\u{a0}: {}",
        bars_desc: (
            "Diagramme en barres de {} relevé, une barre par période\u{a0}: {}.",
            "Diagramme en barres de {} relevés, une barre par période\u{a0}: {}.",
        ),
        breakdown_desc: (
            "Diagramme en barres de {} catégorie, une barre par catégorie\u{a0}: {}.",
            "Diagramme en barres de {} catégories, une barre par catégorie\u{a0}: {}.",
        ),
        breakdown_of: "{} par {} ({})",
        line_desc: (
            "Courbe de {} relevé\u{a0}: {}.",
            "Courbe de {} relevés\u{a0}: {}.",
        ),
        target_by: "Cible\u{a0}: {} d'ici {}",
        target_path: "tirets\u{a0}: le chemin du premier relevé à la cible",
        date: "Date",
        note: "Note",
        reopened: "rouverte",
        content_note: "",
        responsible_for: "Actions dont il est responsable",
        partner_in: "Actions où il est partenaire",
        ministry_actors: "Le ministère et ses services, comme responsables d'actions",
        ministries_intro: "Ce que porte chaque ministère (ses administrations et services compris), comme responsable et comme partenaire, avec la situation de ces actions et le suivi de leurs indicateurs.",
        unassigned: "Actions sans ministère responsable",
        as_partner: "Partenaire",
        indicators_col: "Indicateurs",
        with_data: "Avec données",
        current: "À jour",
        overdue: "Relevé attendu",
        not_expected: "Pas encore attendue",
        last_measured: "Dernière période mesurée",
        reporting_intro: "Pour chaque indicateur\u{a0}: s'il a des données, la dernière période mesurée, et si un relevé est attendu ou trop ancien. Aucun relevé n'est attendu avant le début d'une action, ni après qu'elle est réalisée ou annulée.",
        by_lever: "Par levier",
        by_ministry: "Par ministère",
        every_indicator: "Tous les indicateurs",
        readings_col: "Relevés",
        context_intro: "Les chiffres nationaux que cite l'introduction du plan, leur évolution et leur cible.",
        target_source: "Source de la cible",
        measured_by: "Mesuré par",
        timeline_intro: "Le calendrier de chaque action dont le plan publie une date. Les actions sans date publiée (action continue sans jalon, calendrier d'une autre stratégie, aucun calendrier) sont listées sous chaque levier, jamais dessinées.",
        timeline_legend: "Une barre va du début à la fin publiés\u{a0}; une action publiée «\u{a0}à partir de\u{a0}» une date, sans fin, va jusqu'à la fin du plan\u{a0}; ◆ marque un jalon. Bleu\u{a0}: réalisée\u{a0}; orange vif\u{a0}: en retard\u{a0}; vert\u{a0}: en cours\u{a0}; bleu clair\u{a0}: autre. La ligne verticale marque la date de situation.",
        gantt_desc: (
            "Diagramme de Gantt de {} action datée, de {} à {}\u{a0}; la date de situation est marquée. Les dates sont dans le tableau qui suit.",
            "Diagramme de Gantt de {} actions datées, de {} à {}\u{a0}; la date de situation est marquée. Les dates sont dans le tableau qui suit.",
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
        download_json: "Le plan entier en JSON (le document de «\u{a0}pan export\u{a0}», version 1)\u{a0}: leviers, acteurs, actions, indicateurs de contexte et relevés connus à la date de situation.",
        download_csv: "Tous les relevés connus à la date de situation, en CSV (colonnes des fichiers de relevés, précédés du code de l'action).",
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
        objective_actions: "Actions de l'objectif {}",
        translated: "Les intitulés des leviers, objectifs et indicateurs de contexte sont traduits par {}, et non par les auteurs du plan.",
        translated_by: "les personnes qui tiennent les fichiers du plan",
        attention: "Ce qui est en retard ou arrive à échéance",
        all_of_them: "Toutes ({})",
        nothing_late: "Aucune action n'est en retard ni à échéance proche.",
        no_ministry: "sans ministère responsable",
        behind_reporting: "Ministères en retard dans le suivi",
        none_behind: "Aucun ministère n'a d'indicateur en attente de relevé.",
        behind_line: (
            "{} indicateur attendu sur {} sans relevé à jour",
            "{} indicateurs attendus sur {} sans relevé à jour",
        ),
        no_state_declared: "Aucun état n'est encore déclaré pour les actions du plan\u{a0}: leur situation est déduite de leur calendrier et de leurs relevés.",
        since_start: "depuis le début du plan, aucune réunion du comité de pilotage n'étant encore enregistrée",
        accessibility: "Déclaration d'accessibilité",
        published_by: "Publié par {}.",
        licence_line: "Licence des données\u{a0}: {}.",
        contact: "Contact",
        the_publisher: "L'éditeur de ce site",
        a11y_intro: "{} s'engage à rendre ce site accessible, conformément à la directive (UE) 2016/2102 relative à l'accessibilité des sites internet et des applications mobiles des organismes du secteur public. Cette déclaration s'applique au site {}.",
        a11y_status_title: "État de conformité",
        a11y_full: "Ce site est entièrement conforme à la norme EN\u{a0}301\u{a0}549 (WCAG\u{a0}2.1, niveau AA).",
        a11y_partial: "Ce site est partiellement conforme à la norme EN\u{a0}301\u{a0}549 (WCAG\u{a0}2.1, niveau AA), en raison des non-conformités énumérées ci-dessous.",
        a11y_not_compliant: "Ce site n'est pas conforme à la norme EN\u{a0}301\u{a0}549 (WCAG\u{a0}2.1, niveau AA)\u{a0}; les non-conformités sont énumérées ci-dessous.",
        a11y_not_assessed: "La conformité de ce site à la norme EN\u{a0}301\u{a0}549 (WCAG\u{a0}2.1, niveau AA) n'a pas encore été évaluée par un audit.",
        a11y_checks: "Le logiciel qui produit ces pages est vérifié automatiquement à chaque version\u{a0}: critères WCAG\u{a0}2.1 A et AA vérifiables par outil, dans un navigateur, à 1280 et 390\u{a0}pixels de large. Chaque graphique est accompagné du tableau de ses valeurs, et le site fonctionne sans JavaScript.",
        a11y_issues_title: "Contenus non accessibles",
        a11y_no_issues: "L'éditeur ne signale aucun contenu non accessible.",
        a11y_prepared_title: "Établissement de cette déclaration",
        a11y_prepared: "Cette déclaration a été établie le {}.",
        a11y_not_dated: "L'éditeur n'a pas encore daté cette déclaration.",
        a11y_feedback_title: "Retour d'information et contact",
        a11y_feedback: "Pour signaler un défaut d'accessibilité ou demander un contenu sous une autre forme, écrivez à\u{a0}:",
        a11y_no_contact: "L'éditeur n'a pas encore indiqué d'adresse de contact.",
        a11y_enforcement_title: "Procédure de recours",
        a11y_enforcement: "Si vous n'obtenez pas de réponse satisfaisante, vous pouvez saisir l'organisme que l'État membre a chargé du contrôle de l'accessibilité en application de la directive (UE) 2016/2102.",
        download: "Télécharger",
        download_indicator: "les relevés de cet indicateur en CSV",
        download_package: "Le paquet de données ouvertes (Data Package Frictionless)\u{a0}: un CSV par table, leur description et leur licence.",
        download_workbook: "Le classeur de situation (tableur)\u{a0}: une ligne par action, avec son état, sa situation et ses derniers relevés.",
        download_per_indicator: "Les relevés de chaque indicateur sont aussi téléchargeables un à un en CSV, depuis la page de son action ou la page des indicateurs de contexte.",
        breakdown_none: "Cet indicateur peut être ventilé par {}\u{a0}; aucune donnée ventilée n'est encore publiée.",
        breakdowns: "Ventilations",
        filter: "Filtrer les actions",
        filter_intro: "Chaque lien mène à la liste des actions correspondantes\u{a0}; avec JavaScript, les listes de choix ci-dessous filtrent cette page directement.",
        by_health: "Par situation",
        by_deadline: "Par échéance",
        filter_all: "Toutes",
        filter_shown: ("{} action affichée", "{} actions affichées"),
        status_due: "échéance proche",
        timeline_due: "Les barres en retard ou à échéance proche sont encadrées d'un trait épais. Une année publiée est dessinée sur toute l'année et écrite comme publiée, jamais comme un jour précis.",
        single_reading: "Un seul relevé ({})",
    },
    diff: DiffWords {
        changed: ("action modifiée", "actions modifiées"),
        added_n: ("ajoutée", "ajoutées"),
        removed_n: ("supprimée", "supprimées"),
        reading_added: ("relevé ajouté", "relevés ajoutés"),
        as_replacements: "dont {} en correction",
        state_recorded: ("état enregistré", "états enregistrés"),
        problem: ("problème", "problèmes"),
        introduced_n: ("introduit", "introduits"),
        fixed_n: ("corrigé", "corrigés"),
        rewrite: ("réécriture de l'historique", "réécritures de l'historique"),
        title: "Modifications du plan",
        rewritten: "⛔ Historique réécrit",
        rewritten_help: "Un relevé ou un état déjà enregistré a été modifié ou supprimé. Une correction s'enregistre comme une nouvelle ligne (`pan reading add … --replace`)\u{a0}; si la réécriture est voulue, lancez `pan diff --allow-history-rewrite`.",
        no_change: "Aucune modification des actions ni des relevés du plan.",
        action: "Action",
        change: "Modification",
        what_changed: "Ce qui change",
        context: "Indicateurs de contexte",
        declarations: "Leviers, objectifs et acteurs",
        validation: "Validation",
        rule: "Règle",
        file: "Fichier",
        problem_col: "Problème",
        footer: "pan diff · situation au",
        added: "ajoutée",
        removed: "supprimée",
        modified: "modifiée",
        introduced: "introduit",
        fixed: "corrigé",
        allowed: "accepté",
        moved: "déplacée",
        text: "texte",
        states: ("état", "états"),
        readings: ("relevé", "relevés"),
        readings_rewritten: ("réécrit", "réécrits"),
        health: "santé",
        line_added: "relevé ajouté",
        line_replaced: "relevé corrigé",
        line_removed: "relevé SUPPRIMÉ",
        line_edited: "relevé MODIFIÉ SUR PLACE",
        state_line,
        rewrite_line,
        declaration,
    },
    card: CardWords {
        objective: "Objectif",
        lever: "levier",
        partners: "Partenaires",
        field: "Champ",
        label: "Libellé",
        kind: "Type",
        measure: "Cumul",
        date: "Date",
        indicators: "Indicateurs",
        none: "(aucun)",
        state_history: "Historique des états",
        no_state: "(aucun état enregistré)",
        reopened: " (rouverte)",
        no_responsible: "aucun (le plan ne nomme pas d'acteur responsable)",
        no_calendar: "(aucun publié)",
        calendar_meaning,
    },
    workbook: WorkbookWords {
        title: |plan, day| format!("État du plan — {plan} — au {day}"),
        actions_sheet: "Actions",
        objective: "Objectif",
        since: "Depuis le",
        health: "Santé",
        why: "Pourquoi",
        latest: "Derniers relevés",
        readings_sheet: "Relevés",
        label: "Libellé de l'indicateur",
        note: "Note",
        recorded: "Enregistré le",
        replaces: "Valeur corrigée",
        about_sheet: "À propos",
        about: |actions, readings, day| {
            let (a, r) = (s(actions), s(readings));
            format!(
                "{actions} action{a}, {readings} relevé{r} connu{r} au {day}. État\u{a0}: tel qu'enregistré\u{a0}; santé\u{a0}: déduite par pan à cette date."
            )
        },
        as_published: "Textes tels que publiés\u{a0}; les colonnes ont des filtres.",
    },
    open_data: OpenDataWords {
        descriptor_title: "Description du paquet de données (Frictionless Data Package)",
        description: |title, start, end, as_of| {
            format!(
                "Le plan «\u{a0}{title}\u{a0}» ({start}–{end})\u{a0}: leviers, objectifs, acteurs, actions, indicateurs et leurs relevés, historique des états et indicateurs de contexte, tels que tenus avec pan\u{a0}; état et santé des actions au {as_of}. Les cellules de texte qui commencent par =, +, - ou @ sont précédées d'une apostrophe (protection contre les formules des tableurs)."
            )
        },
        keywords: ["plan d'action", "suivi", "indicateurs"],
        lever_code: "Code du levier",
        objective_code: "Code de l'objectif",
        action_code: "Code de l'action",
        levers: "Leviers",
        title: "Intitulé, tel que publié",
        objectives: "Objectifs",
        remark: "Remarque",
        actors: "Acteurs",
        acronym: "Acronyme utilisé par le plan",
        full_name: "Nom complet",
        actor_kind: "Nature",
        parent_ministry: "Ministère de rattachement",
        aliases: "Autres noms, séparés par «\u{a0};\u{a0}»",
        actions: "Actions",
        action_text: "Texte de l'action, tel que publié",
        responsible: "Acteurs responsables, séparés par «\u{a0};\u{a0}» (voir action_actors)",
        partners: "Autres parties impliquées, telles que publiées, séparées par «\u{a0};\u{a0}»",
        calendar: "Calendrier, tel que publié",
        calendar_start: "Début publié (année, semestre, trimestre, mois ou jour)",
        calendar_end: "Fin publiée",
        continuous: "Action continue",
        recurrence: "Récurrence",
        dependency: "Stratégie dont le calendrier dépend",
        start_date: "Premier jour prévu (début du plan si le calendrier n'en donne pas)",
        deadline: "Échéance (aucune pour une action continue ou sans fin)",
        state: "État enregistré à la date de situation",
        state_date: "Date de cet état",
        health: "Santé dérivée par pan à la date de situation",
        action_actors: "Acteurs des actions",
        actor: "Acronyme de l'acteur déclaré",
        role: "Rôle",
        indicators: "Indicateurs",
        indicator_id: "Identifiant, unique dans l'action",
        indicator_label: "Indicateur, tel que publié",
        measure: "flow\u{a0}: les relevés s'additionnent\u{a0}; level\u{a0}: le dernier fait foi",
        frequency: "Fréquence des relevés attendue",
        indicator: "Identifiant de l'indicateur",
        period: "Période mesurée (année, semestre, trimestre, mois ou jour)",
        period_start: "Premier jour de la période",
        period_end: "Dernier jour de la période",
        value: "Valeur, telle qu'enregistrée",
        number: "La valeur en nombre (indicateurs chiffrés)",
        source: "Source du relevé",
        recorded: "Jour d'enregistrement",
        replaces: "Valeur que cette ligne corrige",
        readings: "Relevés des indicateurs",
        states: "Historique des états",
        position: "Rang dans l'historique de l'action (1 = le plus ancien)",
        date: "Date",
        state_reached: "État atteint",
        why: "Pourquoi, ou ce qui s'est passé",
        reopened: "Rouvre une action réalisée ou annulée",
        context_indicators: "Indicateurs de contexte",
        context_id: "Identifiant",
        what_it_measures: "Ce qu'il mesure",
        direction: "Sens du progrès",
        target: "Cible",
        target_year: "Année de la cible",
        target_source: "Où la cible est fixée",
        measured_by: "Qui le mesure",
        context_readings: "Relevés des indicateurs de contexte",
        kind: "Nature des valeurs",
    },
    template: TemplateWords {
        sheet: "Relevés",
        help_sheet: "Mode d'emploi",
        title: |plan| format!("Relevés des indicateurs — {plan}"),
        indicator: "Indicateur",
        label: "Libellé de l'indicateur",
        period: "Période",
        value: "Valeur",
        source: "Source",
        note: "Note",
        expected: "Valeur attendue",
        latest: "Dernier relevé",
        responsible: "Responsable(s)",
        action_text: "Texte de l'action",
        kind: "Type",
        expected_value: |k| match k {
            IndicatorKind::Count => "Nombre entier ≥ 0",
            IndicatorKind::Number => "Nombre",
            IndicatorKind::Percent => "Pourcentage (0 à 100)",
            IndicatorKind::Deliverable => "done, une fois réalisé",
            IndicatorKind::Qualitative => "Texte (appréciation)",
        },
        how_often: |f| match f {
            Frequency::Annual => "chaque année",
            Frequency::HalfYearly => "chaque semestre",
            Frequency::Quarterly => "chaque trimestre",
            Frequency::Monthly => "chaque mois",
            Frequency::Once => "une fois, à la fin du calendrier de l'action",
        },
        value_prompt: |k| match k {
            IndicatorKind::Count => ("Nombre entier", "Un nombre entier, 0 ou plus (par ex. 12)."),
            IndicatorKind::Number => ("Nombre", "Un nombre (par ex. 12,5)."),
            IndicatorKind::Percent => (
                "Pourcentage",
                "Un pourcentage entre 0 et 100 (par ex. 60,1 pour 60,1\u{a0}%).",
            ),
            IndicatorKind::Deliverable => (
                "Livrable",
                "done quand le livrable est réalisé, avec la période de sa réalisation.",
            ),
            IndicatorKind::Qualitative => ("Appréciation", "Une appréciation, en texte libre."),
        },
        value_refused: |k| match k {
            IndicatorKind::Count => {
                "Cet indicateur compte\u{a0}: écrivez un nombre entier, 0 ou plus."
            }
            IndicatorKind::Number => "Écrivez un nombre.",
            IndicatorKind::Percent => "Écrivez un pourcentage entre 0 et 100.",
            IndicatorKind::Deliverable => "Un livrable s'enregistre une fois, par le mot done.",
            IndicatorKind::Qualitative => "",
        },
        refused: "Valeur refusée",
        period_prompt: (
            "Période",
            "Choisissez la période mesurée dans la liste, ou tapez-en une\u{a0}: une année (2025), un semestre (2025-H1), un trimestre (2025-Q2), un mois (2025-05) ou un jour (2025-05-17).",
        ),
        period_error: (
            "Période hors de la liste",
            "Cette période n'est pas dans la liste. La garder\u{a0}? (une année 2025, un semestre 2025-H1, un trimestre 2025-Q2, un mois 2025-05 ou un jour 2025-05-17)",
        ),
        source_prompt: (
            "Source (obligatoire)",
            "D'où vient le chiffre\u{a0}: rapport, registre, tableau de bord…",
        ),
        note_prompt: ("Note (facultative)", "Une précision utile sur le chiffre."),
        prepared: |day, plan, rows, actions| {
            format!(
                "Préparé le {day} à partir du plan «\u{a0}{plan}\u{a0}»\u{a0}: {rows} ligne{} pour {actions} action{}.",
                s(rows),
                s(actions)
            )
        },
        how_to_fill: "Comment remplir",
        on_the_sheet: |sheet, per_period| {
            format!(
                "Sur la feuille «\u{a0}{sheet}\u{a0}», une ligne par indicateur{}\u{a0}: remplissez Valeur et Source (les cellules jaunes), vérifiez la Période\u{a0}; la Note est facultative. Seules les cellules jaunes s'écrivent\u{a0}: les autres sont protégées (sans mot de passe).",
                if per_period {
                    " et par période demandée"
                } else {
                    ""
                }
            )
        },
        periods_offered: |last, this, day| {
            format!(
                "Période\u{a0}: choisissez-la dans la liste de la cellule — les périodes de {last} et de {this} commencées au {day} (l'année, ses semestres, trimestres et mois) — ou tapez-en une autre\u{a0}: une année (2025), un semestre (2025-H1), un trimestre (2025-Q2), un mois (2025-05) ou un jour (2025-05-17)."
            )
        },
        periods_asked: |asked| {
            format!(
                "Période demandée\u{a0}: {asked} — déjà écrite sur chaque ligne. La liste de la cellule propose aussi les semestres, trimestres et mois qu'elle contient\u{a0}; une autre période (un jour, 2025-05-17) se tape."
            )
        },
        value_help: "Valeur\u{a0}: ce que dit la colonne «\u{a0}Valeur attendue\u{a0}» (et la note de la cellule Indicateur) — un nombre entier ≥ 0 pour ce qui se compte, un pourcentage entre 0 et 100 (60,1 pour 60,1\u{a0}%), done (dans la liste) pour un livrable réalisé, un nombre pour une valeur numérique, un texte pour une appréciation.",
        source_help: "Source\u{a0}: obligatoire\u{a0}; d'où vient le chiffre (rapport, registre, tableau de bord…).",
        several_periods: "Plusieurs périodes pour un même indicateur\u{a0}: demandez un classeur avec une ligne par période, ou envoyez un second classeur.",
        empty_rows: "Les lignes laissées vides sont ignorées. N'insérez, ne supprimez ni ne triez de lignes\u{a0}: chaque ligne est reconnue à sa place, et une ligne dont le Code ou l'Indicateur a changé est refusée.",
        already_recorded: "Une valeur déjà enregistrée pour la même période n'est pas remplacée\u{a0}: pour la corriger, signalez-le.",
        sending_back: "Renvoyer le fichier",
        send_to: |to| match to {
            Some(c) => format!("renvoyez-le à {c}"),
            None => "renvoyez-le à la personne qui vous l'a envoyé".into(),
        },
        save_and: |to| {
            format!(
                "Enregistrez le classeur (.xlsx ou .ods) et {to}. Il est importé par «\u{a0}pan reading import\u{a0}»\u{a0}: chaque cellule est vérifiée, rien n'est enregistré tant qu'une ligne est refusée, et le message nomme la feuille et la cellule à corriger."
            )
        },
        about: "Ce classeur",
        plan_line: |plan, fingerprint| format!("Plan\u{a0}: {plan} (empreinte {fingerprint})."),
        as_it_stood: |day| {
            format!("État du plan au {day} (dernier relevé connu, indicateurs, actions).")
        },
        periods_asked_line: |asked| format!("Périodes demandées\u{a0}: {asked}."),
        version: |v| format!("Modèle pan, version {v}."),
    },
    starter: StarterWords {
        default_title: |start, end| format!("Plan d'action {start}-{end}"),
        lever: "Piloter le plan",
        objective: "Suivre la mise en œuvre du plan",
        ministry: "Ministère responsable du plan",
        action: "Réunir le comité de pilotage du plan au moins deux fois par an pour suivre la mise en œuvre des actions.",
        indicator_id: "reunions-du-comite",
        indicator: "Nombre de réunions du comité de pilotage",
        source: "Procès-verbal de la réunion de lancement",
        note: "Exemple\u{a0}: remplacez-le par un vrai relevé.",
        intro: |title, start, end| {
            format!(
                "Ce dépôt tient le plan «\u{a0}{}\u{a0}» ({}–{}) sous forme de fichiers, avec \
             `pan`\u{a0}: ce que le plan promet (`plan/`), ce qui a été \
             mesuré (`indicators/`), et, à toute date, ce qui est en retard.\n",
                title, start, end
            )
        },
        commands_heading: "Les cinq prochaines commandes",
        commands: |code, indicator, year| {
            format!(
                "1. `pan validate` — vérifie chaque fichier\u{a0}; la CI le lance à chaque demande de fusion.\n\
             2. `pan status` — où en est le plan\u{a0}: chaque action, son état et sa santé.\n\
             3. `pan show {code}` — une action en entier\u{a0}: texte, calendrier, historique, relevés.\n\
             4. `pan reading add {code} {indicator} 2 --period {year} --source \"…\"` — enregistrer un relevé.\n\
             5. `pan digest -o copil.md` — la synthèse du prochain comité de pilotage.\n"
            )
        },
        begin: "Pour commencer\u{a0}: remplacez le levier, l'objectif, l'acteur et l'action d'exemple \
             par ceux du plan (`plan/levers.yaml`, `plan/actors.yaml`, \
             `plan/<levier>/<code>.yaml`), supprimez le relevé d'exemple \
             (`indicators/`), puis `git add -A && git commit -m \"Plan\"` (`pan init` a fait \
             du dossier un dépôt git, s'il n'était pas déjà dans un dépôt).\n",
        here_heading: "Ce qu'il y a ici",
        here: |code_format| {
            format!(
                "- `pan.toml`\u{a0}: titre, période, langue, format des codes (`{}`), licence des données ouvertes.\n\
             - `plan/`\u{a0}: leviers et objectifs, acteurs, une action par fichier, et les schémas JSON \
             qui permettent aux éditeurs de compléter et vérifier les champs.\n\
             - `indicators/`\u{a0}: les relevés, un fichier CSV par action.\n\
             - `.github/workflows/pan.yml` (GitHub) et `.gitlab-ci.yml` (GitLab)\u{a0}: à chaque demande \
             de fusion, `pan validate` et `pan diff` en commentaire, avec le binaire publié de pan \
             (rien à compiler)\u{a0}; gardez celui de votre forge. \
             `.pre-commit-config.yaml` vérifie avant chaque commit\u{a0}; `.github/workflows/site.yml` publie \
             le site (voir plus bas).\n\
             - `.gitignore`\u{a0}: les fichiers de verrou et les sorties de pan.\n",
                code_format
            )
        },
        site_heading: "Site web",
        site: "`pan site -o site` construit le site du plan (pages statiques, en français et en \
             anglais)\u{a0}: accueil, leviers, actions, ministères, indicateurs de contexte, calendrier. \
             `.github/workflows/site.yml` le publie sur GitHub Pages à chaque fusion et chaque \
             matin (réglez «\u{a0}Source\u{a0}» sur «\u{a0}GitHub Actions\u{a0}» dans Settings → Pages)\u{a0}; pour GitLab \
             Pages, ajoutez le job `pages` de `examples/ci/gitlab-pages.yml` du dépôt de pan.\n",
        open_data_heading: "Données ouvertes",
        open_data: "`pan export --format datapackage -o opendata` écrit le plan en Data Package \
             Frictionless (CSV et schémas) avec sa description DCAT-AP (`dcat.jsonld`), prêt à \
             publier sur un portail de données ouvertes. Choisissez d'abord la licence \
             (`licence` dans `pan.toml`).",
    },
    due: DueWords {
        ministry: "Ministère",
        indicator: "Indicateur",
        action: "Action",
        period: "Période",
        due: "À rendre le",
        last: "Dernier relevé",
        standing: "Situation",
        standing_of: |s| match s {
            Standing::Late => "en retard",
            Standing::DueSoon => "à rendre bientôt",
            Standing::Received => "reçu",
        },
        nothing: |d| format!("Aucun relevé dû au {d}."),
        completeness: "Complétude",
        completeness_of: |c| {
            let pct = c
                .percent()
                .map(|p| format!(" ({p}\u{a0}%)"))
                .unwrap_or_default();
            format!(
                "{} relevé{} reçu{} sur {} attendu{}{pct}, {} en retard, {} à rendre bientôt",
                c.received,
                if c.received > 1 { "s" } else { "" },
                if c.received > 1 { "s" } else { "" },
                c.expected,
                if c.expected > 1 { "s" } else { "" },
                c.late,
                c.due_soon
            )
        },
        heading: "Complétude des relevés attendus",
        explain: "Un relevé est attendu pour chaque période de la fréquence de son indicateur (une seule fois pour un livrable, à la fin du calendrier de son action)\u{a0}; il est en retard une fois sa date limite passée (fin de la période et délai de grâce) sans relevé. La complétude compte les relevés reçus parmi ceux dont la date limite est passée.",
        expected: "Attendus",
        received: "Reçus",
        late: "En retard",
        due_soon: "À rendre bientôt",
        rate: "Complétude",
        subject: |plan, ministry, deadline| {
            format!("{plan} — relevés des indicateurs attendus de {ministry} pour le {deadline}")
        },
        body: |m| {
            let mut out = format!(
                "Madame, Monsieur,\n\nDans le cadre du suivi du {}, le tableau joint ({}) \
                 liste les relevés des indicateurs dont {} est responsable et qui sont attendus\u{a0}: \
                 {} en retard et {} à rendre bientôt.\n\n\
                 Merci de compléter une ligne par relevé (valeur, source) et de renvoyer le \
                 tableau au plus tard le {}",
                m.plan, m.workbook, m.ministry, m.late, m.due_soon, m.deadline
            );
            match m.send_to {
                Some(to) => out.push_str(&format!(" à\u{a0}: {to}.\n")),
                None => out.push_str(".\n"),
            }
            out.push_str("\nCordialement,\n");
            out
        },
    },
};

/// "23 novembre 2026"; the first of a month is "1er".
fn date(d: jiff::civil::Date) -> String {
    let m = month(&crate::model::calendar::FRENCH_MONTHS, d.month());
    match d.day() {
        1 => format!("1er {m} {}", d.year()),
        day => format!("{day} {m} {}", d.year()),
    }
}

fn action_standing(s: crate::report::targets::ActionStanding) -> &'static str {
    use crate::report::targets::ActionStanding as A;
    match s {
        A::OnTrack => "cibles atteintes",
        A::Behind => "en retard sur une cible",
        A::NoFigure => "sans chiffre",
        A::Pending => "à juger",
        A::NoTarget => "sans cible",
    }
}

fn standing(s: crate::report::targets::Standing) -> &'static str {
    use crate::report::targets::Standing as S;
    match s {
        S::Reached => "atteinte",
        S::Behind => "non atteinte",
        S::NoFigure => "année achevée sans relevé",
        S::Pending => "en cours",
    }
}

fn health(h: Health) -> &'static str {
    match h {
        Health::Late => "en retard",
        Health::Due => "échéance proche",
        Health::Stale => "données anciennes",
        Health::NoData => "sans données",
        Health::OnTrack => "dans les temps",
        Health::Upcoming => "à venir",
        Health::Untrackable => "non suivable",
        Health::Done => "réalisée",
        Health::Cancelled => "annulée",
    }
}

fn reason(r: &Reason) -> String {
    match r {
        Reason::Done => "enregistrée comme réalisée".into(),
        Reason::Cancelled => "enregistrée comme annulée".into(),
        Reason::Ended(d) => format!("calendrier échu le {}", date(*d)),
        Reason::Ends(d) => format!("échéance le {}", date(*d)),
        Reason::Milestone(d) => format!("jalon le {}", date(*d)),
        Reason::Starts(d) => format!("commence le {}", date(*d)),
        Reason::NoIndicator => "aucun indicateur".into(),
        Reason::NothingToMeasure => "ni indicateur, ni échéance à venir".into(),
        Reason::Overdue(id, p) => format!("relevé {p} de {id} attendu"),
        Reason::Latest(p) => format!("dernier relevé\u{a0}: {p}"),
        Reason::NoReading => "aucun relevé".into(),
    }
}

fn class(c: Class) -> &'static str {
    match c {
        Class::TargetAchieved => "cible atteinte",
        Class::Substantial => "progrès substantiels",
        Class::Moderate => "progrès modérés",
        Class::Limited => "progrès limités",
        Class::Deterioration => "détérioration",
        Class::NotEnoughData => "données insuffisantes",
        Class::NoDirection => "non évalué (sens non donné par le plan)",
    }
}

fn state(s: StateFilter) -> &'static str {
    match s {
        StateFilter::Unrecorded => "sans état déclaré",
        StateFilter::Planned => "planifiée",
        StateFilter::InProgress => "en cours",
        StateFilter::Done => "réalisée",
        StateFilter::Suspended => "suspendue",
        StateFilter::Cancelled => "annulée",
    }
}

fn bucket(b: Bucket) -> String {
    match b {
        Bucket::EndedBefore(y) => format!("échue avant {y}"),
        Bucket::EndsIn(y) => format!("échéance en {y}"),
        Bucket::EndsAfter(y) => format!("échéance après {y}"),
        Bucket::Continuous => "action continue".into(),
        Bucket::OpenEnded => "à partir d'une date, sans fin".into(),
        Bucket::Recurring => "récurrente".into(),
        Bucket::Dependent => "selon une autre stratégie".into(),
        Bucket::Unspecified => "calendrier non publié".into(),
    }
}

fn kind(k: IndicatorKind) -> &'static str {
    match k {
        IndicatorKind::Count => "comptage",
        IndicatorKind::Number => "valeur numérique",
        IndicatorKind::Percent => "pourcentage",
        IndicatorKind::Deliverable => "livrable",
        IndicatorKind::Qualitative => "qualitatif",
    }
}

fn measure(m: Measure) -> &'static str {
    match m {
        Measure::Flow => "les relevés s'additionnent d'une période à l'autre",
        Measure::Level => "le dernier relevé fait foi",
    }
}

fn direction(d: Direction) -> &'static str {
    match d {
        Direction::Increase => "une hausse est souhaitée",
        Direction::Decrease => "une baisse est souhaitée",
        Direction::Unstated => "le plan ne dit pas quel sens est souhaité",
    }
}

fn frequency(f: Frequency) -> &'static str {
    match f {
        Frequency::Annual => "annuelle",
        Frequency::HalfYearly => "semestrielle",
        Frequency::Quarterly => "trimestrielle",
        Frequency::Monthly => "mensuelle",
        Frequency::Once => "unique (livrable)",
    }
}

fn reporting(r: Reporting) -> String {
    match r {
        Reporting::Overdue(p) => format!("relevé {p} attendu"),
        Reporting::Stale => health(Health::Stale).into(),
        Reporting::NoData => health(Health::NoData).into(),
        Reporting::Current => "à jour".into(),
        Reporting::NotStarted => "action pas encore commencée".into(),
        Reporting::Closed => "action réalisée ou annulée".into(),
    }
}

fn state_line(s: &StateEntry) -> String {
    format!(
        "état enregistré{} {} le {}{}",
        WORDS.colon,
        state(StateFilter::of(Some(s.state))),
        date(s.date),
        if s.reopened { " (réouverte)" } else { "" }
    )
}

fn rewrite_line(w: &Rewritten) -> String {
    match w {
        Rewritten::ActionRemoved(n) => {
            format!("l'action a été supprimée avec ses {n} entrées d'état")
        }
        Rewritten::StateChanged(a, b) => format!(
            "l'entrée d'état {} est devenue {}",
            diff_state(a),
            diff_state(b)
        ),
        Rewritten::StateRemoved(e) => {
            format!("l'entrée d'état {} a été supprimée", diff_state(e))
        }
        Rewritten::ReadingRemoved(r) => {
            format!("le relevé {} ({}) a été supprimé", diff_row(r), r.source)
        }
        Rewritten::ReadingEdited(pair) => format!(
            "le relevé {} a été modifié sur place en {}",
            diff_row(&pair.0),
            diff_row(&pair.1)
        ),
    }
}

fn declaration(d: &Declaration) -> String {
    match d {
        Declaration::LeverAdded(c, t) => format!("levier {c} ajouté\u{a0}: {t}"),
        Declaration::LeverRetitled(c, a, b) => {
            format!("levier {c}, titre\u{a0}: «\u{a0}{a}\u{a0}» → «\u{a0}{b}\u{a0}»")
        }
        Declaration::LeverRemoved(c) => format!("levier {c} supprimé"),
        Declaration::ObjectiveAdded(c, t) => format!("objectif {c} ajouté\u{a0}: {t}"),
        Declaration::ObjectiveRetitled(c, a, b) => {
            format!("objectif {c}, titre\u{a0}: «\u{a0}{a}\u{a0}» → «\u{a0}{b}\u{a0}»")
        }
        Declaration::ObjectiveRemoved(c) => format!("objectif {c} supprimé"),
        Declaration::ActorAdded(a, n) => format!("acteur {a} ajouté\u{a0}: {n}"),
        Declaration::ActorChanged(a) => format!("acteur {a} modifié"),
        Declaration::ActorRemoved(a) => format!("acteur {a} supprimé"),
        Declaration::ContextAdded(c) => format!("indicateur de contexte {c} ajouté"),
        Declaration::ContextChanged(c) => format!("indicateur de contexte {c} modifié"),
        Declaration::ContextRemoved(c) => format!("indicateur de contexte {c} supprimé"),
    }
}

fn calendar_meaning(c: &Calendar, plan_start: i16) -> String {
    let from = c
        .start
        .map(|s| format!(" à partir de {s}"))
        .unwrap_or_default();
    let end = c.end.map(|e| e.to_string()).unwrap_or_default();
    let deadline = c.deadline().map(date).unwrap_or_default();
    let first = c
        .start
        .map_or_else(|| plan_start.to_string(), |s| s.to_string());
    let recurrence = c.recurrence.map(|r| r.as_str()).unwrap_or("");
    match c.shape() {
        Shape::Bounded => format!("bornée\u{a0}: de {first} à {end}, échéance le {deadline}"),
        Shape::Continuous => match c.end {
            Some(e) => {
                format!("continue{from}, première phase ou jalon en {e}\u{a0}; jamais en retard")
            }
            None => format!("continue{from}\u{a0}; jamais en retard"),
        },
        Shape::OpenEnded => format!("sans fin{from}\u{a0}; jamais en retard"),
        Shape::Recurring => format!(
            "récurrente ({recurrence}){from}\u{a0}; active chaque année du plan\u{a0}; jamais en retard"
        ),
        Shape::Dependent => format!(
            "suit le calendrier de {}\u{a0}; jamais en retard par elle-même",
            c.dependency.as_deref().unwrap_or("une autre stratégie")
        ),
        Shape::Unspecified => {
            "aucun calendrier publié\u{a0}; considérée comme couvrant toute la période du plan"
                .into()
        }
    }
}
