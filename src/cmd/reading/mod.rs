//! `pan reading`: record, import, list and prepare the readings of indicators.

pub mod add;
pub mod import;
pub mod list;
pub mod template;

use std::path::PathBuf;

use super::{Error, Global, Result};
use crate::config::Repo;
use crate::load::readings::{Current, CurrentError};
use crate::load::scope::LeftOut;
use crate::model::Plan;
use crate::model::reading::NewReading;
use crate::render::term::sanitize;

/// Arguments of `pan reading`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  pan reading add IN-B-11.02 participants 41 --period 2025 \\\n    --source \"Rapport d'activité 2025\"\n  pan reading add context basic-digital-skills 62 --period 2025 \\\n    --source \"Eurostat\"\n  pan reading template --ministry MENEJ -o menej.xlsx\n  pan reading import menej.xlsx\n  pan reading list IN-B-11.02\n\nReadings live in indicators/<lever>/<code>.csv (one file per action) and indicators/context.csv."
)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub command: Sub,
}

/// The `pan reading` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Sub {
    /// Record one reading of an action's (or a context) indicator.
    Add(add::Args),
    /// Import the readings of a workbook (.xlsx, .ods) or CSV file: every row is checked, all or nothing.
    Import(import::Args),
    /// List readings.
    List(list::Args),
    /// Write the workbook (.xlsx, .ods) or CSV a focal point fills in: one row per indicator.
    Template(template::Args),
}

/// Run `pan reading`.
pub fn run(global: &Global, args: Args) -> Result {
    match args.command {
        Sub::Add(a) => add::run(global, a),
        Sub::Import(a) => import::run(global, a),
        Sub::List(a) => list::run(global, a),
        Sub::Template(a) => template::run(global, a),
    }
}

pub use crate::check::import::Target;

/// The target a person names on the command line: `context`, or an action's code. One
/// pan could not read (its files have problems) is refused as such, not called unknown.
pub fn target<'p>(plan: &'p Plan, left: &LeftOut, repo: &Repo, code: &str) -> Result<Target<'p>> {
    let dir = repo.settings.paths.indicators_str();
    if code
        .trim()
        .eq_ignore_ascii_case(crate::model::reading::CONTEXT)
        && left.context
    {
        return Err(Error::refused(
            "the context indicators could not be read: their files have problems (listed above)",
        )
        .hint("fix them; `pan validate` shows each with its fix"));
    }
    crate::check::import::target(plan, &dir, code).map_err(|e| {
        let unknown = Error::usage(e.message).hint(e.hint);
        match crate::cmd::find_readable(plan, left, code) {
            Err(Error::Refused(p)) => Error::Refused(p),
            _ => unknown,
        }
    })
}

/// The readings folder, checked (no link on the way) and created if missing.
pub fn indicators_dir(repo: &Repo) -> Result<PathBuf> {
    crate::write::safe::dir(&repo.root, &repo.settings.paths.indicators_str()).map_err(Error::from)
}

/// The readings file of a target, as it is now.
pub fn current(repo: &Repo, target: &Target) -> Result<(PathBuf, Current)> {
    let path = crate::write::safe::join(&repo.root, &target.file).map_err(Error::from)?;
    let current = crate::load::readings::current(&path, &target.file, &target.subject).map_err(
        |e| match e {
            CurrentError::Read(e) => {
                Error::refused(format!("not read: {e}; nothing was written")).at(&target.file)
            }
            CurrentError::Invalid(d) => {
                Error::refused(format!("{}; nothing was written", d.message))
                    .at(format!("{}:{}", target.file, d.span.line))
                    .hint("fix the file first (`pan validate` shows every problem)")
            }
        },
    )?;
    Ok((path, current))
}

/// The new text of a readings file with `rows` added, checked to read back as exactly the
/// old rows plus the new ones.
pub fn with_rows(target: &Target, now: &Current, rows: &[NewReading]) -> Result<String> {
    let text = crate::write::readings::insert(&now.text, now.bom, now.header_end, &now.rows, rows);
    crate::write::readings::verify(&now.text, now.bom, &text, rows).map_err(|e| {
        Error::refused(format!(
            "{} could not be added safely ({e}); nothing was written",
            if rows.len() == 1 {
                "the reading"
            } else {
                "the readings"
            }
        ))
        .at(&target.file)
    })?;
    Ok(text)
}

/// One line saying what a reading is: `IN-B-11.02 participants 2024 = 34 · source: …`.
pub fn describe(name: &str, row: &NewReading) -> String {
    let replaced = row
        .replaces
        .as_ref()
        .map(|v| format!(" (replaces {})", sanitize(v)))
        .unwrap_or_default();
    format!(
        "{name} {} {} = {}{replaced} · source: {}",
        row.indicator,
        row.period,
        sanitize(&row.value),
        sanitize(&row.source)
    )
}
