//! `pan show`: one action's full card.

use std::process::ExitCode;

use super::{Global, Refused, emit};
use crate::model::ActionCode;
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
    let wanted = card::normalise_code(&args.code);
    let code = wanted.parse::<ActionCode>().ok();
    let Some(card) =
        code.and_then(|c| card::build(&loaded.plan, &loaded.readings, &repo.settings, &c))
    else {
        let near = card::nearest_codes(&loaded.plan, &args.code, 3);
        let hint = if near.is_empty() {
            "`pan status` lists the actions".to_string()
        } else {
            format!("did you mean {}?", near.join(", "))
        };
        return Err(Refused(format!("no action {}\n  hint: {hint}", args.code.trim())).into());
    };
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
