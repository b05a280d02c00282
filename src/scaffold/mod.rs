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
use crate::render::words;

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
    (words::of(lang).starter.default_title)(start, end)
}

/// The example plan: one lever, one objective, one ministry, one action with one
/// indicator, and one reading. Its words are placeholders the owner replaces.
pub fn example(o: &Options) -> Content {
    let w = &words::of(o.language).starter;
    let codes = o.codes;
    let lever_value = match codes.lever_style() {
        crate::model::code::Style::Letter => u16::from(b'A'),
        _ => 1,
    };
    let Some(code) = codes.code(lever_value, 1, 1) else {
        return Content::default();
    };
    let ministry = "MIN".to_string();
    let calendar_label = if o.start == o.end {
        o.start.to_string()
    } else {
        format!("{} – {}", o.start, o.end)
    };
    let indicator = Indicator {
        id: w.indicator_id.into(),
        label: w.indicator.into(),
        kind: IndicatorKind::Count,
        measure: None,
        frequency: None,
        breakdowns: Vec::new(),
        targets: Default::default(),
    };
    // The month of the kick-off meeting: the README's first `pan reading add` records
    // the year's count beside it.
    let reading = NewReading {
        order: 0,
        indicator: indicator.id.clone(),
        period: Period::Month(o.today.year(), u8::try_from(o.today.month()).unwrap_or(1)),
        value: "1".into(),
        source: w.source.into(),
        note: w.note.into(),
        recorded: Some(o.today),
        replaces: None,
        by: Vec::new(),
    };
    let action = Action {
        code,
        objective: code.objective_code(),
        action: w.action.into(),
        responsible: vec![ministry.clone()],
        partners: Vec::new(),
        indicators: vec![indicator],
        calendar: parse_label(&calendar_label).0,
        states: Vec::new(),
    };
    Content {
        levers: vec![Lever {
            code: code.lever_code(),
            title: w.lever.into(),
            objectives: vec![Objective {
                code: code.objective_code(),
                title: w.objective.into(),
                note: String::new(),
            }],
        }],
        actors: vec![Actor {
            acronym: ministry.clone(),
            name: w.ministry.into(),
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
    let _ = writeln!(s, "language = \"{}\"", o.language.code());
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
    let w = &words::of(o.language).starter;
    let _ = writeln!(s, "{}", (w.intro)(&esc(&o.title), o.start, o.end));
    let _ = writeln!(s, "## {}\n", w.commands_heading);
    let _ = writeln!(s, "{}", (w.commands)(&code, &indicator, year));
    let _ = writeln!(s, "{}", w.begin);
    let _ = writeln!(s, "## {}\n", w.here_heading);
    let _ = writeln!(s, "{}", (w.here)(o.codes.code_format()));
    let _ = writeln!(s, "## {}\n", w.site_heading);
    let _ = writeln!(s, "{}", w.site);
    let _ = writeln!(s, "## {}\n", w.open_data_heading);
    let _ = writeln!(s, "{}", w.open_data);
    s
}
