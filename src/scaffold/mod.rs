//! A new plan repository as files (`pan init`): the settings, the plan's YAML files, a
//! reading, a `.gitignore`, the CI workflows of `examples/ci/` and a README for the new
//! owner, in the plan's language. Files are returned as (path, text); writing them is
//! `write::tree`'s job and the JSON Schemas are added by the command.

use std::fmt::Write as _;

use jiff::civil::Date;

use crate::config::Lang;
use crate::model::calendar::parse_label;
use crate::model::reading::NewReading;
use crate::model::{
    Action, ActionCode, Actor, ActorKind, CodeFormat, Indicator, IndicatorKind, Lever, Objective,
    Period,
};

/// What `pan init` asks, each with a default.
#[derive(Clone, Debug)]
pub struct Options {
    /// The plan's title.
    pub title: String,
    /// First year of the plan period.
    pub start: i16,
    /// Last year.
    pub end: i16,
    /// The plan's language.
    pub language: Lang,
    /// How the plan writes its codes.
    pub codes: &'static CodeFormat,
    /// The open-data licence (SPDX identifier), when chosen.
    pub licence: Option<String>,
    /// Who publishes the plan, when known.
    pub publisher: Option<String>,
    /// Today (the example reading is recorded on this day).
    pub today: Date,
}

/// The plan a new repository starts with.
#[derive(Clone, Debug, Default)]
pub struct Content {
    /// Levers and their objectives.
    pub levers: Vec<Lever>,
    /// Actors.
    pub actors: Vec<Actor>,
    /// Actions, in code order.
    pub actions: Vec<Action>,
    /// Readings, by action.
    pub readings: Vec<(ActionCode, Vec<NewReading>)>,
}

/// The title `pan init` gives a plan when none is asked for.
pub fn default_title(lang: Lang, start: i16, end: i16) -> String {
    match lang {
        Lang::Fr => format!("Plan d'action {start}-{end}"),
        Lang::En => format!("Action plan {start}-{end}"),
    }
}

/// The example plan: one lever, one objective, one ministry, one action with one
/// indicator, and one reading. Its words are placeholders the owner replaces.
pub fn example(o: &Options) -> Content {
    let fr = o.language == Lang::Fr;
    let t = |f: &'static str, e: &'static str| if fr { f } else { e }.to_string();
    let codes = o.codes;
    let lever_value = match codes.lever_style() {
        crate::model::code::Style::Letter => u16::from(b'A'),
        _ => 1,
    };
    let Some(code) = codes.code(lever_value, 1, 1) else {
        return Content::default();
    };
    let ministry = t("MIN", "MIN");
    let calendar_label = if o.start == o.end {
        o.start.to_string()
    } else {
        format!("{} – {}", o.start, o.end)
    };
    let indicator = Indicator {
        id: t("reunions-du-comite", "committee-meetings"),
        label: t(
            "Nombre de réunions du comité de pilotage",
            "Number of steering committee meetings",
        ),
        kind: IndicatorKind::Count,
        measure: None,
        frequency: None,
        breakdowns: Vec::new(),
    };
    // The month of the kick-off meeting: the README's first `pan reading add` records
    // the year's count beside it.
    let reading = NewReading {
        order: 0,
        indicator: indicator.id.clone(),
        period: Period::Month(o.today.year(), u8::try_from(o.today.month()).unwrap_or(1)),
        value: "1".into(),
        source: t(
            "Procès-verbal de la réunion de lancement",
            "Minutes of the kick-off meeting",
        ),
        note: t(
            "Exemple : remplacez-le par une vraie mesure.",
            "An example: replace it by a real figure.",
        ),
        recorded: Some(o.today),
        replaces: None,
        by: Vec::new(),
    };
    let action = Action {
        code,
        objective: code.objective_code(),
        action: t(
            "Réunir le comité de pilotage du plan au moins deux fois par an pour suivre la mise en œuvre des actions.",
            "Convene the plan's steering committee at least twice a year to follow the actions' progress.",
        ),
        responsible: vec![ministry.clone()],
        partners: Vec::new(),
        indicators: vec![indicator],
        calendar: parse_label(&calendar_label).0,
        states: Vec::new(),
    };
    Content {
        levers: vec![Lever {
            code: code.lever_code(),
            title: t("Piloter le plan", "Steering the plan"),
            objectives: vec![Objective {
                code: code.objective_code(),
                title: t(
                    "Suivre la mise en œuvre du plan",
                    "Follow the implementation of the plan",
                ),
                note: String::new(),
            }],
        }],
        actors: vec![Actor {
            acronym: ministry.clone(),
            name: t(
                "Ministère responsable du plan",
                "Ministry responsible for the plan",
            ),
            ministry: Some(ministry),
            kind: ActorKind::Ministry,
            aliases: Vec::new(),
            note: String::new(),
        }],
        actions: vec![action],
        readings: vec![(code, vec![reading])],
    }
}

/// The files of the new repository pan words itself (settings, README, `.gitignore`, CI
/// workflows), as (path, text), in a stable order; the plan's own files are written from
/// `c` by `write::tree::plan_files`.
pub fn files(o: &Options, c: &Content) -> Vec<(String, String)> {
    let mut out = vec![("pan.toml".to_string(), settings(o))];
    out.push((".gitignore".into(), GITIGNORE.into()));
    out.push((".github/workflows/pan.yml".into(), GITHUB_WORKFLOW.into()));
    out.push((".github/workflows/site.yml".into(), GITHUB_PAGES.into()));
    out.push((".gitlab-ci.yml".into(), GITLAB_CI.into()));
    out.push((".pre-commit-config.yaml".into(), PRE_COMMIT.into()));
    out.push(("README.md".into(), readme(o, c)));
    out
}

/// The CI files of `examples/ci/`, as they are there.
const GITHUB_WORKFLOW: &str = include_str!("../../examples/ci/github-workflow.yml");
const GITLAB_CI: &str = include_str!("../../examples/ci/gitlab-ci.yml");
const GITHUB_PAGES: &str = include_str!("../../examples/ci/github-pages.yml");
const PRE_COMMIT: &str = include_str!("../../examples/ci/pre-commit-config.yaml");

/// What git should not keep: `pan`'s lock, journal and temporary files, and what `pan`
/// builds from the plan.
const GITIGNORE: &str = "\
# pan's lock, journal and temporary files: never data
.pan.lock
.pan-journal
.pan-*.tmp
# What pan builds from the plan (pan site -o site, pan export --format datapackage -o opendata)
/site/
/public/
/opendata/
";

/// A TOML string, quoted and escaped.
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn settings(o: &Options) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# Settings of this plan repository. `pan` finds this file by walking up from the\n\
         # current folder; every key is described in pan's README (section pan.toml).\n"
    );
    let _ = writeln!(s, "[plan]");
    let _ = writeln!(s, "title = {}", toml_string(&o.title));
    let _ = writeln!(s, "start = {}", o.start);
    let _ = writeln!(s, "end = {}", o.end);
    let _ = writeln!(s, "# Language of digests and reports: \"fr\" or \"en\".");
    let lang = match o.language {
        Lang::Fr => "fr",
        Lang::En => "en",
    };
    let _ = writeln!(s, "language = \"{lang}\"");
    let _ = writeln!(
        s,
        "# How action codes are written: {{lever}}, {{objective}} and {{number}} with the text\n\
         # around them (pan's README, section \"Code formats\"). Change it before the first action."
    );
    let _ = writeln!(s, "code_format = {}", toml_string(o.codes.code_format()));
    if o.codes.objective_format() != derived_objective_format(o.codes) {
        let _ = writeln!(
            s,
            "objective_format = {}",
            toml_string(o.codes.objective_format())
        );
    }
    let _ = writeln!(
        s,
        "# For the open-data package (pan export --format datapackage): the licence the data is\n\
         # published under (an SPDX identifier such as CC-BY-4.0 or CC0-1.0) and who publishes it."
    );
    match &o.licence {
        Some(l) => {
            let _ = writeln!(s, "licence = {}", toml_string(l));
        }
        None => {
            let _ = writeln!(s, "# licence = \"CC-BY-4.0\"");
        }
    }
    match &o.publisher {
        Some(p) => {
            let _ = writeln!(s, "publisher = {}", toml_string(p));
        }
        None => {
            let _ = writeln!(s, "# publisher = \"…\"");
        }
    }
    let _ = writeln!(
        s,
        "\n[copil]\n# Dates of the steering committee's meetings (YYYY-MM-DD): `pan digest` covers the\n\
         # time since the previous one.\nmeetings = []"
    );
    s
}

/// The objective format pan derives when none is written.
fn derived_objective_format(codes: &CodeFormat) -> String {
    CodeFormat::new(codes.code_format(), None)
        .map(|f| f.objective_format().to_string())
        .unwrap_or_default()
}

fn readme(o: &Options, c: &Content) -> String {
    let fr = o.language == Lang::Fr;
    let esc = crate::render::markdown::escape;
    let mut s = String::new();
    let _ = writeln!(s, "# {}\n", esc(&o.title));
    let (code, indicator) = c
        .actions
        .first()
        .map(|a| {
            (
                a.code.to_string(),
                a.indicators
                    .first()
                    .map(|i| i.id.clone())
                    .unwrap_or_else(|| "<indicator>".into()),
            )
        })
        .unwrap_or_else(|| (o.codes.example().to_string(), "<indicator>".into()));
    let year = o.today.year();
    if fr {
        let _ = writeln!(
            s,
            "Ce dépôt tient le plan « {} » ({}–{}) sous forme de fichiers, avec \
             `pan` : ce que le plan promet (`plan/`), ce qui a été \
             mesuré (`indicators/`), et, à toute date, ce qui est en retard.\n",
            esc(&o.title),
            o.start,
            o.end
        );
        let _ = writeln!(s, "## Les cinq prochaines commandes\n");
        let _ = writeln!(
            s,
            "1. `pan validate` — vérifie chaque fichier ; la CI le lance à chaque demande de fusion.\n\
             2. `pan status` — où en est le plan : chaque action, son état et sa santé.\n\
             3. `pan show {code}` — une action en entier : texte, calendrier, historique, mesures.\n\
             4. `pan reading add {code} {indicator} 2 --period {year} --source \"…\"` — enregistrer une mesure.\n\
             5. `pan digest -o copil.md` — la synthèse du prochain comité de pilotage.\n"
        );
        let _ = writeln!(
            s,
            "Pour commencer : remplacez le levier, l'objectif, l'acteur et l'action d'exemple \
             par ceux du plan (`plan/levers.yaml`, `plan/actors.yaml`, \
             `plan/<levier>/<code>.yaml`), supprimez la mesure d'exemple \
             (`indicators/`), puis `git add -A && git commit -m \"Plan\"` (`pan init` a fait \
             du dossier un dépôt git, s'il n'était pas déjà dans un dépôt).\n"
        );
        let _ = writeln!(s, "## Ce qu'il y a ici\n");
        let _ = writeln!(
            s,
            "- `pan.toml` : titre, période, langue, format des codes (`{}`), licence des données ouvertes.\n\
             - `plan/` : leviers et objectifs, acteurs, une action par fichier, et les schémas JSON \
             qui permettent aux éditeurs de compléter et vérifier les champs.\n\
             - `indicators/` : les mesures, un fichier CSV par action.\n\
             - `.github/workflows/pan.yml` (GitHub) et `.gitlab-ci.yml` (GitLab) : à chaque demande \
             de fusion, `pan validate` et `pan diff` en commentaire ; gardez celui de votre forge et \
             définissez la variable `PAN_GIT` (l'adresse git du code de pan). \
             `.pre-commit-config.yaml` vérifie avant chaque commit ; `.github/workflows/site.yml` publie \
             le site (voir plus bas).\n\
             - `.gitignore` : les fichiers de verrou et les sorties de pan.\n",
            o.codes.code_format()
        );
        let _ = writeln!(s, "## Site web\n");
        let _ = writeln!(
            s,
            "`pan site -o site` construit le site du plan (pages statiques, en français et en \
             anglais) : accueil, leviers, actions, ministères, indicateurs de contexte, calendrier. \
             `.github/workflows/site.yml` le publie sur GitHub Pages à chaque fusion et chaque \
             matin (réglez « Source » sur « GitHub Actions » dans Settings → Pages) ; pour GitLab \
             Pages, ajoutez le job `pages` de `examples/ci/gitlab-pages.yml` du dépôt de pan.\n"
        );
        let _ = writeln!(s, "## Données ouvertes\n");
        let _ = writeln!(
            s,
            "`pan export --format datapackage -o opendata` écrit le plan en Data Package \
             Frictionless (CSV et schémas) avec sa description DCAT-AP (`dcat.jsonld`), prêt à \
             publier sur un portail de données ouvertes. Choisissez d'abord la licence \
             (`licence` dans `pan.toml`)."
        );
    } else {
        let _ = writeln!(
            s,
            "This repository keeps the plan \"{}\" ({}–{}) as files, with \
             `pan`: what the plan promises (`plan/`), what was measured \
             (`indicators/`), and, on any date, what is late.\n",
            esc(&o.title),
            o.start,
            o.end
        );
        let _ = writeln!(s, "## The next five commands\n");
        let _ = writeln!(
            s,
            "1. `pan validate` — check every file; CI runs it on every pull request.\n\
             2. `pan status` — where the plan stands: each action, its state and health.\n\
             3. `pan show {code}` — one action in full: text, calendar, history, readings.\n\
             4. `pan reading add {code} {indicator} 2 --period {year} --source \"…\"` — record a figure.\n\
             5. `pan digest -o copil.md` — the digest for the next steering committee.\n"
        );
        let _ = writeln!(
            s,
            "To begin: replace the example lever, objective, actor and action by the plan's \
             (`plan/levers.yaml`, `plan/actors.yaml`, `plan/<lever>/<code>.yaml`), remove the \
             example reading (`indicators/`), then `git add -A && git commit -m \"Plan\"` (`pan \
             init` made the folder a git repository, unless it was in one already).\n"
        );
        let _ = writeln!(s, "## What is here\n");
        let _ = writeln!(
            s,
            "- `pan.toml`: title, period, language, code format (`{}`), open-data licence.\n\
             - `plan/`: levers and objectives, actors, one file per action, and the JSON Schemas \
             that let editors complete and check fields.\n\
             - `indicators/`: the readings, one CSV file per action.\n\
             - `.github/workflows/pan.yml` (GitHub) and `.gitlab-ci.yml` (GitLab): on every pull \
             request, `pan validate` and `pan diff` as a comment; keep your forge's and set the \
             variable `PAN_GIT` (the git address of pan's source). `.pre-commit-config.yaml` \
             checks before each commit; `.github/workflows/site.yml` publishes the website (below).\n\
             - `.gitignore`: pan's lock files and outputs.\n",
            o.codes.code_format()
        );
        let _ = writeln!(s, "## Website\n");
        let _ = writeln!(
            s,
            "`pan site -o site` builds the plan's website (static pages, in French and English): \
             home, levers, actions, ministries, context indicators, timeline. \
             `.github/workflows/site.yml` publishes it on GitHub Pages on every merge and every \
             morning (set \"Source\" to \"GitHub Actions\" in Settings → Pages); for GitLab \
             Pages, add the `pages` job of `examples/ci/gitlab-pages.yml` in pan's repository.\n"
        );
        let _ = writeln!(s, "## Open data\n");
        let _ = writeln!(
            s,
            "`pan export --format datapackage -o opendata` writes the plan as a Frictionless \
             Data Package (CSV and schemas) with its DCAT-AP description (`dcat.jsonld`), ready \
             for an open-data portal. Choose the licence first (`licence` in `pan.toml`)."
        );
    }
    s
}
