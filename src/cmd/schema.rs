//! `pan schema`: the JSON Schema of the plan's files, generated from the Rust types.
//!
//! The committed schema files (`plan/*.schema.json`) are what the
//! `# yaml-language-server: $schema=…` line of each file points at, so that editors
//! complete and check fields as people type. `pan schema --write` regenerates them and
//! `pan schema --check` (run by CI) fails when they are out of date.

use anyhow::Context;
use schemars::JsonSchema;

use super::{Error, Global, Result, emit};
use crate::model::code::{Field, Part, Style};
use crate::model::dimension::DimensionsFile;
use crate::model::plan::ContextFile;
use crate::model::{Abbreviation, Action, Actor, CodeFormat, Lever};

/// Arguments of `pan schema`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  pan schema action > action.schema.json\n  pan schema --write      # update plan/*.schema.json\n  pan schema --check      # fail if they are out of date (for CI)"
)]
pub struct Args {
    /// Which file's schema to print.
    #[arg(value_enum, default_value_t = Which::Action)]
    pub which: Which,
    /// Write every schema into the plan folder (plan/<file>.schema.json).
    #[arg(long, conflicts_with = "check")]
    pub write: bool,
    /// Exit with status 1 if the committed schema files differ from the generated ones.
    #[arg(long)]
    pub check: bool,
}

/// The files that have a schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Which {
    /// An action file, plan/<lever>/<code>.yaml.
    Action,
    /// plan/levers.yaml.
    Levers,
    /// plan/actors.yaml.
    Actors,
    /// plan/context.yaml.
    Context,
    /// plan/dimensions.yaml.
    Dimensions,
}

impl Which {
    /// All of them.
    pub const ALL: [Which; 5] = [
        Which::Action,
        Which::Levers,
        Which::Actors,
        Which::Context,
        Which::Dimensions,
    ];

    /// The schema file's name in the plan folder.
    pub fn file_name(self) -> &'static str {
        match self {
            Which::Action => "action.schema.json",
            Which::Levers => "levers.schema.json",
            Which::Actors => "actors.schema.json",
            Which::Context => "context.schema.json",
            Which::Dimensions => "dimensions.schema.json",
        }
    }
}

/// `plan/levers.yaml`.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
struct LeversFile {
    /// The plan's strategic levers, in order.
    levers: Vec<Lever>,
}

/// `plan/actors.yaml`.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
struct ActorsFile {
    /// Every actor the plan names.
    actors: Vec<Actor>,
    /// Abbreviations of the plan that are not actors.
    #[serde(default)]
    abbreviations: Vec<Abbreviation>,
}

/// The schema of one file, as pretty JSON, for a plan that writes its codes as `codes`.
pub fn generate(which: Which, codes: &'static CodeFormat) -> String {
    let mut schema = match which {
        Which::Action => schemars::schema_for!(Action),
        Which::Levers => schemars::schema_for!(LeversFile),
        Which::Actors => schemars::schema_for!(ActorsFile),
        Which::Context => schemars::schema_for!(ContextFile),
        Which::Dimensions => schemars::schema_for!(DimensionsFile),
    };
    schema.insert(
        "$id".into(),
        format!("https://pan.invalid/schema/{}", which.file_name()).into(),
    );
    follow_codes(&mut schema, codes);
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}

/// Write the plan's code format into the patterns (and, for another format than the
/// default, the descriptions) of codes: the types carry the default format's.
fn follow_codes(schema: &mut schemars::Schema, codes: &'static CodeFormat) {
    let example = codes.example();
    let mut set = |pointer: &str, key: &str, value: serde_json::Value| {
        if let Some(serde_json::Value::Object(m)) = schema.pointer_mut(pointer)
            && m.contains_key(key)
        {
            m.insert(key.to_string(), value);
        }
    };
    set("/$defs/ActionCode", "pattern", codes.pattern().into());
    set(
        "/$defs/Objective/properties/code",
        "pattern",
        codes.objective_pattern().into(),
    );
    set(
        "/$defs/Lever/properties/code",
        "pattern",
        codes.lever_pattern().into(),
    );
    if codes.is_default() {
        return;
    }
    let shape = describe(codes);
    set(
        "/$defs/ActionCode",
        "description",
        format!("Action code: {shape}").into(),
    );
    set(
        "/$defs/ActionCode",
        "examples",
        serde_json::json!([example.to_string()]),
    );
    set(
        "/properties/code",
        "description",
        format!("The action's code, e.g. `{example}`.").into(),
    );
    set(
        "/properties/objective",
        "description",
        format!(
            "The objective it serves, e.g. `{}`.",
            example.objective_code()
        )
        .into(),
    );
    set(
        "/$defs/Objective/properties/code",
        "description",
        format!(
            "The objective's code, written {} (`{}`).",
            codes.objective_format(),
            example.objective_code()
        )
        .into(),
    );
    let lever = match codes.lever_style() {
        Style::Letter => "The lever's letter.",
        _ => "The lever's number.",
    };
    set("/$defs/Lever/properties/code", "description", lever.into());
}

/// A code format in words: `IN-<lever>-<objective>.<two-digit number>`.
fn describe(codes: &CodeFormat) -> String {
    let [_, objective, number] = codes.styles();
    let width = |s: Style, name: &str| match s {
        Style::Padded(w) => {
            let n = ["one", "two", "three", "four"][usize::from(w.clamp(1, 4)) - 1];
            format!("<{n}-digit {name}>")
        }
        _ => format!("<{name}>"),
    };
    codes
        .parts()
        .iter()
        .map(|p| match p {
            Part::Text(t) => t.to_string(),
            Part::Field(Field::Lever) => "<lever>".into(),
            Part::Field(Field::Objective) => width(objective, "objective"),
            Part::Field(Field::Number) => width(number, "number"),
        })
        .collect()
}

/// Run `pan schema`.
pub fn run(global: &Global, args: Args) -> Result {
    if !args.write && !args.check {
        // Inside a plan repository, its own code format; elsewhere the default.
        let cwd = std::env::current_dir()?;
        let codes = match crate::config::Repo::discover(global.root.as_deref(), &cwd) {
            Ok(r) => r.settings.plan.codes,
            Err(crate::config::SettingsError::NotFound(_)) => &crate::model::code::DEFAULT,
            Err(e) => return Err(e.into()),
        };
        emit(&generate(args.which, codes), None)?;
        return Ok(());
    }
    let repo = global.repo()?;
    // Never through a link: the plan folder is checked from the root down.
    let dir = crate::write::safe::dir(&repo.root, &repo.settings.paths.plan_str())
        .map_err(Error::from)?;
    let mut stale = Vec::new();
    for which in Which::ALL {
        let path = dir.join(which.file_name());
        let want = generate(which, repo.settings.plan.codes);
        let have = crate::files::read(&path, crate::config::limits::PLAN_FILE_BYTES, false)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
        if have == want {
            continue;
        }
        if args.write {
            crate::write::atomic::write(&path, want.as_bytes())
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("wrote {}", path.display());
        } else {
            stale.push(path.display().to_string());
        }
    }
    if !stale.is_empty() {
        return Err(Error::refused(format!(
            "schema files are out of date: {}",
            stale.join(", ")
        ))
        .hint("run `pan schema --write` and commit the result"));
    }
    if args.check {
        eprintln!("schema files are up to date");
    }
    Ok(())
}
