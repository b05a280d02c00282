//! The plan as open data: a Frictionless Data Package (v2) of CSV tables, each with its
//! Table Schema (types, constraints, categories, primary and foreign keys), and the
//! package's `datapackage.json` (title, licence, sources, as-of date). Deterministic:
//! the same files and date give the same bytes.
//!
//! Free-text cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first)
//! get a leading `'`, as in every CSV `pan` writes: people open portals' CSV files in
//! spreadsheets. Typed cells (codes, dates, numbers, categories) are never changed, so
//! the schemas validate them as they are.

use serde_json::{Value as Json, json};

use crate::config::{Lang, Settings};
use crate::model::reading::Figure;
use crate::model::{ActorKind, IndicatorKind, Measure, Plan, Readings, State};
use crate::render::words::{self, OpenDataWords};
use crate::report::health::Health;
use crate::report::status::StateFilter;

/// The Data Package v2 profile.
pub const PROFILE: &str = "https://datapackage.org/profiles/2.0/datapackage.json";

/// A column's type in Table Schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    /// Text (free unless constrained).
    Text,
    /// A code, identifier or category: written as is.
    Code,
    /// A whole number.
    Integer,
    /// A number.
    Number,
    /// `true` / `false`.
    Boolean,
    /// YYYY-MM-DD.
    Date,
    /// A year.
    Year,
}

/// A column of a table.
#[derive(Clone, Debug)]
pub struct Field {
    /// Its name.
    pub name: &'static str,
    /// Its type.
    pub kind: Type,
    /// What it holds, in words.
    pub description: String,
    /// Whether every row has a value.
    pub required: bool,
    /// The values it may take.
    pub categories: Vec<String>,
    /// A regular expression its values match.
    pub pattern: Option<String>,
}

/// A table of the package.
#[derive(Clone, Debug)]
pub struct Table {
    /// Resource name (and file name without `.csv`).
    pub name: &'static str,
    /// Title.
    pub title: String,
    /// Columns.
    pub fields: Vec<Field>,
    /// Primary key.
    pub primary_key: Vec<&'static str>,
    /// Foreign keys: (columns, resource, its columns).
    pub foreign_keys: Vec<(Vec<&'static str>, &'static str, Vec<&'static str>)>,
    /// Rows, every cell as text (empty: no value).
    pub rows: Vec<Vec<String>>,
}

fn field(name: &'static str, kind: Type, description: String) -> Field {
    Field {
        name,
        kind,
        description,
        required: false,
        categories: Vec::new(),
        pattern: None,
    }
}

impl Field {
    fn required(mut self) -> Field {
        self.required = true;
        self
    }

    fn categories<S: ToString>(mut self, values: impl IntoIterator<Item = S>) -> Field {
        self.categories = values.into_iter().map(|v| v.to_string()).collect();
        self
    }

    fn pattern(mut self, anchored: String) -> Field {
        // Table Schema patterns are implicitly anchored (XML Schema regular expressions).
        let p = anchored
            .trim_start_matches('^')
            .trim_end_matches('$')
            .to_string();
        self.pattern = Some(p);
        self
    }
}

fn join(v: &[String]) -> String {
    v.join("; ")
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

const PERIOD_PATTERN: &str = r"[0-9]{4}(-(H[12]|Q[1-4]|(0[1-9]|1[0-2])(-[0-3][0-9])?))?";

/// Every table of the package, in a stable order.
pub fn tables(
    plan: &Plan,
    readings: &Readings,
    settings: &Settings,
    as_of: jiff::civil::Date,
    lang: Lang,
) -> Vec<Table> {
    let w = &words::of(lang).open_data;
    let codes = plan.codes;
    let lever_code = || {
        field("lever", Type::Code, w.lever_code.into())
            .required()
            .pattern(codes.lever_pattern())
    };
    let objective_code = || {
        field("objective", Type::Code, w.objective_code.into())
            .required()
            .pattern(codes.objective_pattern())
    };
    let action_code = || {
        field("action", Type::Code, w.action_code.into())
            .required()
            .pattern(codes.pattern())
    };
    let mut out = Vec::new();

    let mut lever_code_field = lever_code();
    lever_code_field.name = "code";
    out.push(Table {
        name: "levers",
        title: w.levers.into(),
        fields: vec![lever_code_field, field("title", Type::Text, w.title.into())],
        primary_key: vec!["code"],
        foreign_keys: vec![],
        rows: plan
            .levers
            .iter()
            .map(|l| vec![l.code.clone(), l.title.clone()])
            .collect(),
    });

    let mut objective_code_field = objective_code();
    objective_code_field.name = "code";
    out.push(Table {
        name: "objectives",
        title: w.objectives.into(),
        fields: vec![
            objective_code_field,
            lever_code(),
            field("title", Type::Text, w.title.into()),
            field("note", Type::Text, w.remark.into()),
        ],
        primary_key: vec!["code"],
        foreign_keys: vec![(vec!["lever"], "levers", vec!["code"])],
        rows: plan
            .levers
            .iter()
            .flat_map(|l| {
                l.objectives.iter().map(move |o| {
                    vec![
                        o.code.clone(),
                        l.code.clone(),
                        o.title.clone(),
                        o.note.clone(),
                    ]
                })
            })
            .collect(),
    });

    out.push(Table {
        name: "actors",
        title: w.actors.into(),
        fields: vec![
            field("acronym", Type::Code, w.acronym.into()).required(),
            field("name", Type::Text, w.full_name.into()),
            field("kind", Type::Code, w.actor_kind.into())
                .required()
                .categories(ActorKind::ALL.iter().map(|k| k.as_str())),
            field("ministry", Type::Code, w.parent_ministry.into()),
            field("aliases", Type::Text, w.aliases.into()),
            field("note", Type::Text, w.remark.into()),
        ],
        primary_key: vec!["acronym"],
        foreign_keys: vec![(vec!["ministry"], "actors", vec!["acronym"])],
        rows: plan
            .actors
            .iter()
            .map(|a| {
                vec![
                    a.acronym.clone(),
                    a.name.clone(),
                    a.kind.as_str().into(),
                    opt(a.ministry.as_deref()),
                    join(&a.aliases),
                    a.note.clone(),
                ]
            })
            .collect(),
    });

    let status = crate::report::status::rows(plan, readings, settings, as_of);
    let mut code_field = action_code();
    code_field.name = "code";
    out.push(Table {
        name: "actions",
        title: w.actions.into(),
        fields: vec![
            code_field,
            lever_code(),
            objective_code(),
            field("action", Type::Text, w.action_text.into()),
            field("responsible", Type::Text, w.responsible.into()),
            field("partners", Type::Text, w.partners.into()),
            field("calendar", Type::Text, w.calendar.into()),
            field("calendar_start", Type::Code, w.calendar_start.into())
                .pattern(format!("^{PERIOD_PATTERN}$")),
            field("calendar_end", Type::Code, w.calendar_end.into())
                .pattern(format!("^{PERIOD_PATTERN}$")),
            field("continuous", Type::Boolean, w.continuous.into()).required(),
            field("recurrence", Type::Code, w.recurrence.into()).categories(
                crate::model::calendar::Recurrence::ALL
                    .iter()
                    .map(|r| r.as_str()),
            ),
            field("dependency", Type::Text, w.dependency.into()),
            field("start_date", Type::Date, w.start_date.into()).required(),
            field("deadline", Type::Date, w.deadline.into()),
            field("state", Type::Code, w.state.into())
                .required()
                .categories(StateFilter::ALL.iter().map(|s| s.as_str())),
            field("state_date", Type::Date, w.state_date.into()),
            field("health", Type::Code, w.health.into())
                .required()
                .categories(Health::ALL.iter().map(|h| h.as_str())),
        ],
        primary_key: vec!["code"],
        foreign_keys: vec![
            (vec!["lever"], "levers", vec!["code"]),
            (vec!["objective"], "objectives", vec!["code"]),
        ],
        rows: plan
            .actions
            .iter()
            .zip(&status)
            .map(|(a, r)| {
                let c = &a.calendar;
                vec![
                    a.code.to_string(),
                    a.code.lever_code(),
                    a.objective.clone(),
                    a.action.clone(),
                    join(&a.responsible),
                    join(&a.partners),
                    c.label.clone(),
                    opt(c.start),
                    opt(c.end),
                    c.continuous.to_string(),
                    opt(c.recurrence.map(|r| r.as_str())),
                    opt(c.dependency.as_deref()),
                    c.start_date(settings.period_start()).to_string(),
                    opt(c.deadline()),
                    r.state.as_str().into(),
                    opt(r.state_date),
                    r.assessment.health.as_str().into(),
                ]
            })
            .collect(),
    });

    let mut links = Vec::new();
    for a in &plan.actions {
        for (role, names) in [("responsible", &a.responsible), ("partner", &a.partners)] {
            for n in names {
                if let Some(actor) = plan.resolve_actor(n) {
                    let row = vec![a.code.to_string(), actor.acronym.clone(), role.to_string()];
                    if !links.contains(&row) {
                        links.push(row);
                    }
                }
            }
        }
    }
    out.push(Table {
        name: "action_actors",
        title: w.action_actors.into(),
        fields: vec![
            action_code(),
            field("actor", Type::Code, w.actor.into()).required(),
            field("role", Type::Code, w.role.into())
                .required()
                .categories(["responsible", "partner"]),
        ],
        primary_key: vec!["action", "actor", "role"],
        foreign_keys: vec![
            (vec!["action"], "actions", vec!["code"]),
            (vec!["actor"], "actors", vec!["acronym"]),
        ],
        rows: links,
    });

    out.push(Table {
        name: "indicators",
        title: w.indicators.into(),
        fields: vec![
            action_code(),
            field("id", Type::Code, w.indicator_id.into())
                .required()
                .pattern("^[a-z0-9][a-z0-9-]*$".into()),
            field("label", Type::Text, w.indicator_label.into()),
            kind_field(w),
            field("measure", Type::Code, w.measure.into())
                .required()
                .categories(["flow", "level"]),
            field("frequency", Type::Code, w.frequency.into())
                .categories(crate::model::Frequency::ALL.iter().map(|f| f.as_str())),
        ],
        primary_key: vec!["action", "id"],
        foreign_keys: vec![(vec!["action"], "actions", vec!["code"])],
        rows: plan
            .actions
            .iter()
            .flat_map(|a| {
                a.indicators.iter().map(move |i| {
                    vec![
                        a.code.to_string(),
                        i.id.clone(),
                        i.label.clone(),
                        i.kind.as_str().into(),
                        measure(i.measure()).into(),
                        opt(i.frequency.map(|f| f.as_str())),
                    ]
                })
            })
            .collect(),
    });

    let reading_fields = |owner: Field| {
        vec![
            owner,
            field("indicator", Type::Code, w.indicator.into()).required(),
            field("period", Type::Code, w.period.into())
                .required()
                .pattern(format!("^{PERIOD_PATTERN}$")),
            field("period_start", Type::Date, w.period_start.into()).required(),
            field("period_end", Type::Date, w.period_end.into()).required(),
            field("value", Type::Text, w.value.into()).required(),
            field("number", Type::Number, w.number.into()),
            field("source", Type::Text, w.source.into()).required(),
            field("note", Type::Text, w.remark.into()),
            field("recorded", Type::Date, w.recorded.into()),
            field("replaces", Type::Text, w.replaces.into()),
        ]
    };
    let rows = crate::report::readings::rows(plan, readings);
    let reading_row = |r: &crate::report::readings::ReadingRow, owner: String| {
        vec![
            owner,
            r.indicator.clone(),
            r.period.to_string(),
            r.period.start().to_string(),
            r.period.end().to_string(),
            r.raw.clone(),
            match r.value {
                Figure::Number(n) => crate::model::reading::format_number(n),
                _ => String::new(),
            },
            r.source.clone(),
            r.note.clone(),
            opt(r.recorded),
            opt(r.replaces.as_deref()),
        ]
    };
    out.push(Table {
        name: "readings",
        title: w.readings.into(),
        fields: reading_fields(action_code()),
        primary_key: vec![],
        foreign_keys: vec![(
            vec!["action", "indicator"],
            "indicators",
            vec!["action", "id"],
        )],
        rows: rows
            .iter()
            .filter(|r| r.action != crate::model::reading::CONTEXT)
            .map(|r| reading_row(r, r.action.clone()))
            .collect(),
    });

    out.push(Table {
        name: "states",
        title: w.states.into(),
        fields: vec![
            action_code(),
            field("position", Type::Integer, w.position.into()).required(),
            field("date", Type::Date, w.date.into()).required(),
            field("state", Type::Code, w.state_reached.into())
                .required()
                .categories(State::ALL.iter().map(|s| s.as_str())),
            field("note", Type::Text, w.why.into()),
            field("reopened", Type::Boolean, w.reopened.into()).required(),
        ],
        primary_key: vec!["action", "position"],
        foreign_keys: vec![(vec!["action"], "actions", vec!["code"])],
        rows: plan
            .actions
            .iter()
            .flat_map(|a| {
                a.states.iter().enumerate().map(move |(i, s)| {
                    vec![
                        a.code.to_string(),
                        (i + 1).to_string(),
                        s.date.to_string(),
                        s.state.as_str().into(),
                        s.note.clone(),
                        s.reopened.to_string(),
                    ]
                })
            })
            .collect(),
    });

    out.push(Table {
        name: "context_indicators",
        title: w.context_indicators.into(),
        fields: vec![
            field("id", Type::Code, w.context_id.into())
                .required()
                .pattern("^[a-z0-9][a-z0-9-]*$".into()),
            field("label", Type::Text, w.what_it_measures.into()),
            kind_field(w),
            field("direction", Type::Code, w.direction.into())
                .required()
                .categories(["increase", "decrease"]),
            field("target_value", Type::Number, w.target.into()),
            field("target_year", Type::Year, w.target_year.into()),
            field("target_source", Type::Text, w.target_source.into()),
            field("source", Type::Text, w.measured_by.into()),
        ],
        primary_key: vec!["id"],
        foreign_keys: vec![],
        rows: plan
            .context
            .iter()
            .map(|c| {
                vec![
                    c.id.clone(),
                    c.label.clone(),
                    c.kind.as_str().into(),
                    match c.direction {
                        crate::model::Direction::Increase => "increase".into(),
                        crate::model::Direction::Decrease => "decrease".into(),
                    },
                    opt(c
                        .target
                        .as_ref()
                        .map(|t| crate::model::reading::format_number(t.value))),
                    opt(c.target.as_ref().map(|t| t.year)),
                    opt(c.target.as_ref().map(|t| t.source.clone())),
                    c.source.clone(),
                ]
            })
            .collect(),
    });

    let mut context_fields = reading_fields(field("action", Type::Code, String::new()));
    context_fields.remove(0);
    out.push(Table {
        name: "context_readings",
        title: w.context_readings.into(),
        fields: context_fields,
        primary_key: vec![],
        foreign_keys: vec![(vec!["indicator"], "context_indicators", vec!["id"])],
        rows: rows
            .iter()
            .filter(|r| r.action == crate::model::reading::CONTEXT)
            .map(|r| {
                let mut row = reading_row(r, String::new());
                row.remove(0);
                row
            })
            .collect(),
    });
    out
}

fn kind_field(w: &OpenDataWords) -> Field {
    field("kind", Type::Code, w.kind.into())
        .required()
        .categories(IndicatorKind::ALL.iter().map(|k| k.as_str()))
}

fn measure(m: Measure) -> &'static str {
    m.as_str()
}

/// The Table Schema of a table.
pub fn schema(t: &Table) -> Json {
    let fields: Vec<Json> = t
        .fields
        .iter()
        .map(|f| {
            let mut m = serde_json::Map::new();
            m.insert("name".into(), f.name.into());
            let ty = match f.kind {
                Type::Text | Type::Code => "string",
                Type::Integer => "integer",
                Type::Number => "number",
                Type::Boolean => "boolean",
                Type::Date => "date",
                Type::Year => "year",
            };
            m.insert("type".into(), ty.into());
            if !f.description.is_empty() {
                m.insert("description".into(), f.description.clone().into());
            }
            if !f.categories.is_empty() {
                m.insert("categories".into(), json!(f.categories));
            }
            let mut c = serde_json::Map::new();
            if f.required || t.primary_key.contains(&f.name) {
                c.insert("required".into(), true.into());
            }
            if t.primary_key == [f.name] {
                c.insert("unique".into(), true.into());
            }
            if !f.categories.is_empty() {
                c.insert("enum".into(), json!(f.categories));
            }
            if let Some(p) = &f.pattern {
                c.insert("pattern".into(), p.clone().into());
            }
            if !c.is_empty() {
                m.insert("constraints".into(), Json::Object(c));
            }
            Json::Object(m)
        })
        .collect();
    let mut s = serde_json::Map::new();
    s.insert(
        "$schema".into(),
        "https://datapackage.org/profiles/2.0/tableschema.json".into(),
    );
    s.insert("fields".into(), Json::Array(fields));
    if !t.primary_key.is_empty() {
        s.insert("primaryKey".into(), json!(t.primary_key));
    }
    if !t.foreign_keys.is_empty() {
        s.insert(
            "foreignKeys".into(),
            Json::Array(
                t.foreign_keys
                    .iter()
                    .map(|(fields, resource, theirs)| {
                        json!({"fields": fields, "reference": {"resource": resource, "fields": theirs}})
                    })
                    .collect(),
            ),
        );
    }
    Json::Object(s)
}

/// A table as CSV: a header, then one line per row; free text neutralised (see the
/// module documentation).
pub fn csv(t: &Table) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let _ = w.write_record(t.fields.iter().map(|f| f.name));
    for row in &t.rows {
        let cells = row.iter().zip(&t.fields).map(|(cell, f)| match f.kind {
            Type::Text => crate::render::csv_safe(cell).into_owned(),
            _ => cell.clone(),
        });
        let _ = w.write_record(cells);
    }
    String::from_utf8_lossy(&w.into_inner().unwrap_or_default()).into_owned()
}

/// The licence of an SPDX identifier: (URL, title) for the usual open-data licences, the
/// SPDX page otherwise.
pub fn licence(id: &str) -> (String, String) {
    let known = [
        (
            "CC-BY-4.0",
            "https://creativecommons.org/licenses/by/4.0/",
            "Creative Commons Attribution 4.0 International",
        ),
        (
            "CC-BY-SA-4.0",
            "https://creativecommons.org/licenses/by-sa/4.0/",
            "Creative Commons Attribution Share-Alike 4.0 International",
        ),
        (
            "CC0-1.0",
            "https://creativecommons.org/publicdomain/zero/1.0/",
            "Creative Commons Zero v1.0 Universal",
        ),
        (
            "ODbL-1.0",
            "https://opendatacommons.org/licenses/odbl/1-0/",
            "Open Data Commons Open Database License v1.0",
        ),
        (
            "ODC-By-1.0",
            "https://opendatacommons.org/licenses/by/1-0/",
            "Open Data Commons Attribution License v1.0",
        ),
        (
            "PDDL-1.0",
            "https://opendatacommons.org/licenses/pddl/1-0/",
            "Open Data Commons Public Domain Dedication and License v1.0",
        ),
        (
            "etalab-2.0",
            "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
            "Licence Ouverte / Open Licence 2.0",
        ),
    ];
    match known.iter().find(|(k, _, _)| k.eq_ignore_ascii_case(id)) {
        Some((_, url, title)) => (url.to_string(), title.to_string()),
        None => (
            format!("https://spdx.org/licenses/{id}.html"),
            id.to_string(),
        ),
    }
}

/// A name for the package: the title in lower case, words joined by `-`.
pub fn package_name(title: &str) -> String {
    let folded = crate::text::fold(title);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        "plan".into()
    } else {
        words.join("-")
    }
}

/// The title of the package's descriptor file, in a language.
pub fn descriptor_title(lang: Lang) -> &'static str {
    words::of(lang).open_data.descriptor_title
}

/// The package descriptor, `datapackage.json`.
pub fn descriptor(
    tables: &[Table],
    settings: &Settings,
    as_of: jiff::civil::Date,
    lang: Lang,
) -> String {
    let w = &words::of(lang).open_data;
    let p = &settings.plan;
    let mut d = serde_json::Map::new();
    d.insert("$schema".into(), PROFILE.into());
    d.insert("name".into(), package_name(&p.title).into());
    d.insert("title".into(), p.title.clone().into());
    d.insert(
        "description".into(),
        description(settings, as_of, lang).into(),
    );
    d.insert("version".into(), as_of.to_string().into());
    d.insert("created".into(), format!("{as_of}T00:00:00Z").into());
    d.insert("keywords".into(), json!(w.keywords));
    // Which pan made the package (the version only, so the bytes stay the same across
    // builds of one release).
    d.insert(
        "generator".into(),
        concat!("pan ", env!("CARGO_PKG_VERSION")).into(),
    );
    if let Some(id) = &p.licence {
        let (url, title) = licence(id);
        d.insert(
            "licenses".into(),
            json!([{"name": id, "path": url, "title": title}]),
        );
    }
    if let Some(publisher) = &p.publisher {
        d.insert(
            "contributors".into(),
            json!([{"title": publisher, "roles": ["publisher"]}]),
        );
    }
    let mut srcs = Vec::new();
    let mut plan_source = serde_json::Map::new();
    plan_source.insert("title".into(), p.title.clone().into());
    if let Some(url) = &p.source {
        plan_source.insert("path".into(), url.clone().into());
    }
    srcs.push(Json::Object(plan_source));
    for s in reading_sources(tables) {
        srcs.push(json!({"title": s}));
    }
    d.insert("sources".into(), Json::Array(srcs));
    d.insert(
        "resources".into(),
        Json::Array(
            tables
                .iter()
                .map(|t| {
                    json!({
                        "name": t.name,
                        "type": "table",
                        "path": format!("{}.csv", t.name),
                        "title": t.title,
                        "format": "csv",
                        "mediatype": "text/csv",
                        "encoding": "utf-8",
                        "schema": schema(t),
                    })
                })
                .collect(),
        ),
    );
    let mut s = serde_json::to_string_pretty(&Json::Object(d)).unwrap_or_default();
    s.push('\n');
    s
}

/// What the package holds, in words.
pub fn description(settings: &Settings, as_of: jiff::civil::Date, lang: Lang) -> String {
    let p = &settings.plan;
    (words::of(lang).open_data.description)(&p.title, p.start, p.end, as_of)
}

/// Every source the readings name, once each, in order.
pub fn reading_sources(tables: &[Table]) -> Vec<String> {
    let mut out = std::collections::BTreeSet::new();
    for t in tables
        .iter()
        .filter(|t| matches!(t.name, "readings" | "context_readings"))
    {
        if let Some(i) = t.fields.iter().position(|f| f.name == "source") {
            out.extend(
                t.rows
                    .iter()
                    .filter_map(|r| r.get(i))
                    .filter(|s| !s.is_empty())
                    .cloned(),
            );
        }
    }
    out.into_iter().collect()
}
