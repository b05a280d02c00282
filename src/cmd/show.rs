//! `pan show`: one action's full card.

use super::{Global, Result, emit};
use crate::render;
use crate::report::card;

/// Arguments of `pan show`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  pan show IN-B-11.02\n  pan show b-11.02 --format markdown --lang en"
)]
pub struct Args {
    /// The action's code (IN-B-11.02; the IN- prefix and case are optional).
    #[arg(add = clap_complete::engine::ArgValueCompleter::new(super::completions::codes))]
    pub code: String,
    /// The day its health is assessed on (default: today).
    #[arg(long, value_name = "DATE", value_parser = super::args::date)]
    pub as_of: Option<jiff::civil::Date>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Language of the card and of Markdown (default: the card in English, as pan
    /// speaks; Markdown in pan.toml's); JSON keeps the files' spellings.
    #[arg(long, value_enum)]
    pub lang: Option<crate::config::Lang>,
}

/// Output formats of `pan show`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A card for the terminal.
    Text,
    /// JSON: the action's fields, named actors, calendar meaning, health and readings.
    Json,
    /// Markdown, in the plan's language.
    Markdown,
}

/// Run `pan show`.
pub fn run(global: &Global, args: Args) -> Result {
    let repo = global.repo()?;
    let (loaded, left) = global.load(&repo)?;
    let index = super::find_readable(&loaded.plan, &left, &args.code)?;
    let as_of = args.as_of.unwrap_or(global.today);
    let card = card::build(&loaded.plan, &loaded.readings, &repo.settings, index, as_of);
    let text = match args.format {
        Format::Text => render::card::text(
            &card,
            &repo.settings,
            &global.term,
            args.lang.unwrap_or(crate::config::Lang::INTERFACE),
        ),
        Format::Json => render::card::json(&card, &repo.settings)?,
        Format::Markdown => render::card::markdown(
            &card,
            &repo.settings,
            args.lang.unwrap_or(repo.settings.plan.language),
        ),
    };
    emit(&text, None)?;
    let code = loaded.plan.actions[index].code;
    super::global::complete(&left, &[code], false)
}
