//! `pan show`: one action's full card.

use std::process::ExitCode;

use super::{Global, Refused, emit};
use crate::render;
use crate::report::card;

/// Arguments of `pan show`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  pan show IN-B-11.02\n  pan show b-11.02 --format markdown")]
pub struct Args {
    /// The action's code (IN-B-11.02; the IN- prefix and case are optional).
    pub code: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Output formats of `pan show`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A card for the terminal.
    Text,
    /// JSON: the action's fields, named actors, calendar meaning and readings.
    Json,
    /// Markdown.
    Markdown,
}

/// Run `pan show`.
pub fn run(global: &Global, args: Args) -> anyhow::Result<ExitCode> {
    let repo = global.repo()?;
    let loaded = global.load(&repo)?;
    let index = card::find(&loaded.plan, &args.code).map_err(Refused)?;
    let code = loaded.plan.actions[index].code;
    let card = card::build(&loaded.plan, &loaded.readings, &repo.settings, &code)
        .ok_or_else(|| Refused(format!("no action {code}")))?;
    let text = match args.format {
        Format::Text => render::card::text(&card, &global.term),
        Format::Json => {
            let mut s = serde_json::to_string_pretty(&card)?;
            s.push('\n');
            s
        }
        Format::Markdown => render::card::markdown(&card),
    };
    emit(&text, None)?;
    Ok(ExitCode::SUCCESS)
}
