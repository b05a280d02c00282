//! The plan as open data: a Frictionless Data Package (v2) of CSV tables, each with its
//! Table Schema (types, constraints, categories, primary and foreign keys), and the
//! package's `datapackage.json` (title, licence, sources, as-of date). Deterministic:
//! the same files and date give the same bytes.
//!
//! Every table streams its rows to the writer it is given, one at a time: the package of
//! a plan with millions of readings is never held in memory.
//!
//! Free-text cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first)
//! get a leading `'`, as in every CSV `pan` writes: people open portals' CSV files in
//! spreadsheets. Typed cells (codes, dates, numbers, categories) are never changed, so
//! the schemas validate them as they are.

use std::borrow::Cow;
use std::io::{self, Write};

use jiff::civil::Date;
use serde_json::{Value as Json, json};

use crate::config::{Lang, Settings};
use crate::model::reading::{format_number, raw_text};
use crate::model::{ActorKind, IndicatorKind, Measure, Owner, Plan, Reading, Readings, State};
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

/// What the package is made from.
#[derive(Clone, Copy)]
pub struct Source<'a> {
    /// The plan.
    pub plan: &'a Plan,
    /// Its readings.
    pub readings: &'a Readings,
    /// Its settings.
    pub settings: &'a Settings,
    /// The day the actions' state and health are given for.
    pub as_of: Date,
    /// The language of titles and descriptions.
    pub lang: Lang,
}

/// Writes a table's rows, one at a time.
type RowsFn<'a> = Box<dyn Fn(&mut Rows) -> io::Result<()> + 'a>;

/// A table of the package: its description, and what streams its rows.
pub struct Table<'a> {
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
    rows: RowsFn<'a>,
}

/// Where a table's rows go: CSV lines, free text neutralised (see the module
/// documentation).
pub struct Rows<'w> {
    out: crate::render::csv_out::Writer<&'w mut dyn Write>,
    text: Vec<bool>,
}

impl Rows<'_> {
    /// Write one row, its cells in the table's column order (empty: no value).
    pub fn row(&mut self, cells: &[&str]) -> io::Result<()> {
        let cells: Vec<Cow<str>> = cells
            .iter()
            .zip(&self.text)
            .map(|(cell, &text)| {
                if text {
                    crate::render::csv_safe(cell)
                } else {
                    Cow::Borrowed(*cell)
                }
            })
            .collect();
        self.out.record(cells)
    }
}

impl Table<'_> {
    /// The table as CSV, streamed to `out`: a header, then one line per row.
    pub fn write_csv(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut rows = Rows {
            out: crate::render::csv_out::Writer::new(out),
            text: self.fields.iter().map(|f| f.kind == Type::Text).collect(),
        };
        rows.out.record(self.fields.iter().map(|f| f.name))?;
        (self.rows)(&mut rows)?;
        rows.out.flush()
    }

    /// The table as CSV text (what tests and small plans read).
    pub fn csv(&self) -> io::Result<String> {
        let mut out = Vec::new();
        self.write_csv(&mut out)?;
        Ok(String::from_utf8_lossy(&out).into_owned())
    }
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

    fn named(mut self, name: &'static str) -> Field {
        self.name = name;
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

/// What every table's function is given: the source and its words.
struct Cx<'a> {
    src: Source<'a>,
    w: &'static OpenDataWords,
}

impl Cx<'_> {
    fn lever_code(&self) -> Field {
        field("lever", Type::Code, self.w.lever_code.into())
            .required()
            .pattern(self.src.plan.codes.lever_pattern())
    }

    fn objective_code(&self) -> Field {
        field("objective", Type::Code, self.w.objective_code.into())
            .required()
            .pattern(self.src.plan.codes.objective_pattern())
    }

    fn action_code(&self) -> Field {
        field("action", Type::Code, self.w.action_code.into())
            .required()
            .pattern(self.src.plan.codes.pattern())
    }

    fn title(&self) -> Field {
        field("title", Type::Text, self.w.title.into())
    }

    fn note(&self) -> Field {
        field("note", Type::Text, self.w.remark.into())
    }

    fn period(&self, name: &'static str, description: &str) -> Field {
        field(name, Type::Code, description.into()).pattern(format!("^{PERIOD_PATTERN}$"))
    }
}

/// Every table of the package, in a stable order; nothing is computed until a table's
/// rows are written.
pub fn tables(src: Source<'_>) -> Vec<Table<'_>> {
    let cx = Cx {
        src,
        w: &words::of(src.lang).open_data,
    };
    vec![
        levers(&cx),
        objectives(&cx),
        actors(&cx),
        actions(&cx),
        action_actors(&cx),
        indicators(&cx),
        readings(&cx),
        states(&cx),
        context_indicators(&cx),
        context_readings(&cx),
    ]
}

fn levers<'a>(cx: &Cx<'a>) -> Table<'a> {
    let plan = cx.src.plan;
    Table {
        name: "levers",
        title: cx.w.levers.into(),
        fields: vec![cx.lever_code().named("code"), cx.title()],
        primary_key: vec!["code"],
        foreign_keys: vec![],
        rows: Box::new(move |out| {
            for l in &plan.levers {
                out.row(&[&l.code, &l.title])?;
            }
            Ok(())
        }),
    }
}

fn objectives<'a>(cx: &Cx<'a>) -> Table<'a> {
    let plan = cx.src.plan;
    Table {
        name: "objectives",
        title: cx.w.objectives.into(),
        fields: vec![
            cx.objective_code().named("code"),
            cx.lever_code(),
            cx.title(),
            cx.note(),
        ],
        primary_key: vec!["code"],
        foreign_keys: vec![(vec!["lever"], "levers", vec!["code"])],
        rows: Box::new(move |out| {
            for l in &plan.levers {
                for o in &l.objectives {
                    out.row(&[&o.code, &l.code, &o.title, &o.note])?;
                }
            }
            Ok(())
        }),
    }
}

fn actors<'a>(cx: &Cx<'a>) -> Table<'a> {
    let (w, plan) = (cx.w, cx.src.plan);
    Table {
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
            cx.note(),
        ],
        primary_key: vec!["acronym"],
        foreign_keys: vec![(vec!["ministry"], "actors", vec!["acronym"])],
        rows: Box::new(move |out| {
            for a in &plan.actors {
                out.row(&[
                    &a.acronym,
                    &a.name,
                    a.kind.as_str(),
                    a.ministry.as_deref().unwrap_or(""),
                    &join(&a.aliases),
                    &a.note,
                ])?;
            }
            Ok(())
        }),
    }
}

fn action_fields(cx: &Cx) -> Vec<Field> {
    let w = cx.w;
    vec![
        cx.action_code().named("code"),
        cx.lever_code(),
        cx.objective_code(),
        field("action", Type::Text, w.action_text.into()),
        field("responsible", Type::Text, w.responsible.into()),
        field("partners", Type::Text, w.partners.into()),
        field("calendar", Type::Text, w.calendar.into()),
        cx.period("calendar_start", w.calendar_start),
        cx.period("calendar_end", w.calendar_end),
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
    ]
}

fn actions<'a>(cx: &Cx<'a>) -> Table<'a> {
    let src = cx.src;
    Table {
        name: "actions",
        title: cx.w.actions.into(),
        fields: action_fields(cx),
        primary_key: vec!["code"],
        foreign_keys: vec![
            (vec!["lever"], "levers", vec!["code"]),
            (vec!["objective"], "objectives", vec!["code"]),
        ],
        rows: Box::new(move |out| {
            let status =
                crate::report::status::rows(src.plan, src.readings, src.settings, src.as_of);
            for (a, r) in src.plan.actions.iter().zip(&status) {
                let c = &a.calendar;
                out.row(&[
                    &a.code.to_string(),
                    &a.code.lever_code(),
                    &a.objective,
                    &a.action,
                    &join(&a.responsible),
                    &join(&a.partners),
                    &c.label,
                    &opt(c.start),
                    &opt(c.end),
                    if c.continuous { "true" } else { "false" },
                    c.recurrence.map_or("", |r| r.as_str()),
                    c.dependency.as_deref().unwrap_or(""),
                    &c.start_date(src.settings.period_start()).to_string(),
                    &opt(c.deadline()),
                    r.state.as_str(),
                    &opt(r.state_date),
                    r.assessment.health.as_str(),
                ])?;
            }
            Ok(())
        }),
    }
}

fn action_actors<'a>(cx: &Cx<'a>) -> Table<'a> {
    let (w, plan) = (cx.w, cx.src.plan);
    Table {
        name: "action_actors",
        title: w.action_actors.into(),
        fields: vec![
            cx.action_code(),
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
        rows: Box::new(move |out| {
            // Each link once (an actor named twice, or by two of its names).
            let mut seen = rustc_hash::FxHashSet::default();
            for a in &plan.actions {
                let code = a.code.to_string();
                for (role, names) in [("responsible", &a.responsible), ("partner", &a.partners)] {
                    for n in names {
                        if let Some(actor) = plan.resolve_actor(n)
                            && seen.insert((code.clone(), actor.acronym.as_str(), role))
                        {
                            out.row(&[&code, &actor.acronym, role])?;
                        }
                    }
                }
            }
            Ok(())
        }),
    }
}

fn indicators<'a>(cx: &Cx<'a>) -> Table<'a> {
    let (w, plan) = (cx.w, cx.src.plan);
    Table {
        name: "indicators",
        title: w.indicators.into(),
        fields: vec![
            cx.action_code(),
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
        rows: Box::new(move |out| {
            for a in &plan.actions {
                let code = a.code.to_string();
                for i in &a.indicators {
                    out.row(&[
                        &code,
                        &i.id,
                        &i.label,
                        i.kind.as_str(),
                        measure(i.measure()),
                        i.frequency.map_or("", |f| f.as_str()),
                    ])?;
                }
            }
            Ok(())
        }),
    }
}

/// The columns of a readings table, after the owner's (the action's code, or none).
fn reading_fields(cx: &Cx, owner: Option<Field>) -> Vec<Field> {
    let w = cx.w;
    let fields = [
        field("indicator", Type::Code, w.indicator.into()).required(),
        cx.period("period", w.period).required(),
        field("period_start", Type::Date, w.period_start.into()).required(),
        field("period_end", Type::Date, w.period_end.into()).required(),
        field("value", Type::Text, w.value.into()).required(),
        field("number", Type::Number, w.number.into()),
        field("source", Type::Text, w.source.into()).required(),
        cx.note(),
        field("recorded", Type::Date, w.recorded.into()),
        field("replaces", Type::Text, w.replaces.into()),
    ];
    owner.into_iter().chain(fields).collect()
}

/// One reading's row: the owner's cell (when the table has one), then the reading's.
fn reading_row(src: &Source, r: &Reading, owner: Option<&str>, out: &mut Rows) -> io::Result<()> {
    let (plan, readings) = (src.plan, src.readings);
    let indicator = match r.owner() {
        Owner::Action(i) => plan
            .actions
            .get(i as usize)
            .and_then(|a| a.indicators.get(r.indicator as usize))
            .map(|x| x.id.as_str()),
        Owner::Context => plan
            .context
            .get(r.indicator as usize)
            .map(|x| x.id.as_str()),
    };
    let value = r.value();
    let raw = raw_text(value, &readings.strings);
    let number = match value {
        crate::model::Value::Number(n) => format_number(n),
        _ => String::new(),
    };
    let (period, start, end) = (
        r.period.to_string(),
        r.period.start().to_string(),
        r.period.end().to_string(),
    );
    let recorded = opt(r.recorded);
    let cells = [
        indicator.unwrap_or(""),
        &period,
        &start,
        &end,
        &raw,
        &number,
        readings.strings.get(r.source),
        readings.strings.get(r.note),
        &recorded,
        r.replaces().map_or("", |s| readings.strings.get(s)),
    ];
    match owner {
        Some(code) => {
            let mut all = [""; 11];
            all[0] = code;
            all[1..].copy_from_slice(&cells);
            out.row(&all)
        }
        None => out.row(&cells),
    }
}

fn readings<'a>(cx: &Cx<'a>) -> Table<'a> {
    let src = cx.src;
    Table {
        name: "readings",
        title: cx.w.readings.into(),
        fields: reading_fields(cx, Some(cx.action_code())),
        primary_key: vec![],
        foreign_keys: vec![(
            vec!["action", "indicator"],
            "indicators",
            vec!["action", "id"],
        )],
        rows: Box::new(move |out| {
            // Totals only (a breakdown cell has no column here and would read as a second
            // total), by action, indicator and period; each action's code made once.
            let mut code = (u32::MAX, String::new());
            for r in src.readings.in_order() {
                let Owner::Action(i) = r.owner() else {
                    continue;
                };
                if code.0 != i {
                    let text = src.plan.actions.get(i as usize).map(|a| a.code.to_string());
                    code = (i, text.unwrap_or_default());
                }
                reading_row(&src, r, Some(&code.1), out)?;
            }
            Ok(())
        }),
    }
}

fn states<'a>(cx: &Cx<'a>) -> Table<'a> {
    let (w, plan) = (cx.w, cx.src.plan);
    Table {
        name: "states",
        title: w.states.into(),
        fields: vec![
            cx.action_code(),
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
        rows: Box::new(move |out| {
            for a in &plan.actions {
                let code = a.code.to_string();
                for (i, s) in a.states.iter().enumerate() {
                    out.row(&[
                        &code,
                        &(i + 1).to_string(),
                        &s.date.to_string(),
                        s.state.as_str(),
                        &s.note,
                        if s.reopened { "true" } else { "false" },
                    ])?;
                }
            }
            Ok(())
        }),
    }
}

fn context_indicators<'a>(cx: &Cx<'a>) -> Table<'a> {
    let (w, plan) = (cx.w, cx.src.plan);
    Table {
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
                .categories(["increase", "decrease", "unstated"]),
            field("target_value", Type::Number, w.target.into()),
            field("target_year", Type::Year, w.target_year.into()),
            field("target_source", Type::Text, w.target_source.into()),
            field("source", Type::Text, w.measured_by.into()),
        ],
        primary_key: vec!["id"],
        foreign_keys: vec![],
        rows: Box::new(move |out| {
            for c in &plan.context {
                let t = c.target.as_ref();
                out.row(&[
                    &c.id,
                    &c.label,
                    c.kind.as_str(),
                    match c.direction {
                        crate::model::Direction::Increase => "increase",
                        crate::model::Direction::Decrease => "decrease",
                        crate::model::Direction::Unstated => "unstated",
                    },
                    &opt(t.map(|t| format_number(t.value))),
                    &opt(t.map(|t| t.year)),
                    t.map_or("", |t| t.source.as_str()),
                    &c.source,
                ])?;
            }
            Ok(())
        }),
    }
}

fn context_readings<'a>(cx: &Cx<'a>) -> Table<'a> {
    let src = cx.src;
    Table {
        name: "context_readings",
        title: cx.w.context_readings.into(),
        fields: reading_fields(cx, None),
        primary_key: vec![],
        foreign_keys: vec![(vec!["indicator"], "context_indicators", vec!["id"])],
        rows: Box::new(move |out| {
            for r in src.readings.in_order() {
                if r.owner() == Owner::Context {
                    reading_row(&src, r, None, out)?;
                }
            }
            Ok(())
        }),
    }
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
pub fn descriptor(src: &Source, tables: &[Table]) -> String {
    let (settings, as_of, lang) = (src.settings, src.as_of, src.lang);
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
    for s in reading_sources(src.readings) {
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

/// Every source the readings tables name (totals only, as they list), once each, in
/// order.
pub fn reading_sources(readings: &Readings) -> Vec<&str> {
    let mut seen = vec![false; readings.strings.len()];
    let mut out = Vec::new();
    for r in readings.items.iter().filter(|r| readings.is_total(r)) {
        if let Some(slot) = seen.get_mut(r.source.index())
            && !*slot
        {
            *slot = true;
            let text = readings.strings.get(r.source);
            if !text.is_empty() {
                out.push(text);
            }
        }
    }
    out.sort_unstable();
    out
}

/// The package's files, in the order they are written: `datapackage.json`, one CSV file
/// per table, then `dcat.jsonld` (which gives the size of every other file).
pub struct Package<'a> {
    src: Source<'a>,
    tables: Vec<Table<'a>>,
}

impl<'a> Package<'a> {
    /// The package of `src` (nothing is computed yet).
    pub fn new(src: Source<'a>) -> Package<'a> {
        Package {
            src,
            tables: tables(src),
        }
    }

    /// The file names, in order.
    pub fn names(&self) -> Vec<String> {
        std::iter::once("datapackage.json".to_string())
            .chain(self.tables.iter().map(|t| format!("{}.csv", t.name)))
            .chain(["dcat.jsonld".to_string()])
            .collect()
    }

    /// Stream file `i` of [`Package::names`] to `out`, given the sizes in bytes of the
    /// files before it.
    pub fn write(&self, i: usize, sizes: &[u64], out: &mut dyn Write) -> io::Result<()> {
        if i == 0 {
            return out.write_all(descriptor(&self.src, &self.tables).as_bytes());
        }
        if let Some(t) = self.tables.get(i - 1) {
            return t.write_csv(out);
        }
        let names = self.names();
        let titles: Vec<String> = std::iter::once(descriptor_title(self.src.lang).to_string())
            .chain(self.tables.iter().map(|t| t.title.clone()))
            .collect();
        let files: Vec<super::dcat::File> = names
            .iter()
            .zip(&titles)
            .zip(sizes)
            .map(|((name, title), &bytes)| super::dcat::File {
                name,
                title,
                bytes: usize::try_from(bytes).unwrap_or(usize::MAX),
            })
            .collect();
        let (settings, as_of, lang) = (self.src.settings, self.src.as_of, self.src.lang);
        let description = description(settings, as_of, lang);
        let jsonld = super::dcat::describe(settings, &files, as_of, lang, &description);
        out.write_all(jsonld.as_bytes())
    }
}
