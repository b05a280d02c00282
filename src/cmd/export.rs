//! `pan export`: the whole plan as one JSON document (a stable interface, version 1).

use std::path::PathBuf;
use std::process::ExitCode;

use super::{Global, Result, emit_with};
use crate::render::export;

/// Arguments of `pan export`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  pan export --format json -o plan.json")]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    pub format: ExportFormat,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// One JSON document: levers, actors, actions, context indicators, readings.
    Json,
}

/// Run `pan export`.
pub fn run(global: &Global, args: Args) -> Result {
    let repo = global.repo()?;
    let loaded = global.load(&repo)?;
    let doc = export::build(&loaded.plan, &loaded.readings, &repo.settings);
    // Streamed: the document is written as it is walked, never held whole.
    emit_with(args.output.as_deref(), |w| {
        serde_json::to_writer_pretty(&mut *w, &doc).map_err(std::io::Error::other)?;
        w.write_all(b"\n")
    })?;
    Ok(ExitCode::SUCCESS)
}
