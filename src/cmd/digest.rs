//! `pan digest`: the Markdown digest of a steering-committee (COPIL) meeting.

use jiff::civil::Date;

use super::{Error, Global, Result, emit};
use crate::render;
use crate::report::digest::{self, SinceFrom};

/// Arguments of `pan digest`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  pan digest -o copil.md             # since the last COPIL date in pan.toml\n  pan digest --since 2026-06-30 --as-of 2026-11-23 --lang en\n\nThe same files and dates give the same bytes; without --as-of, today is used and printed in the heading. Before the plan starts, the digest covers nothing yet."
)]
pub struct Args {
    /// Start of the period covered (default: the previous COPIL meeting in pan.toml, or the
    /// start of the plan).
    #[arg(long, value_name = "DATE", value_parser = super::args::date)]
    pub since: Option<Date>,
    /// Date, language and destination.
    #[command(flatten)]
    pub document: super::args::DocumentArgs,
}

/// Run `pan digest`.
pub fn run(global: &Global, args: Args) -> Result {
    super::args::Markdown::check(args.document.output.as_deref())?;
    let repo = global.repo()?;
    let (loaded, left) = global.load(&repo)?;
    let as_of = args.document.as_of(global.today);
    let (since, from) = match args.since {
        Some(s) => (s, SinceFrom::Given),
        None => digest::default_since(&repo.settings, as_of),
    };
    if since > as_of {
        return Err(Error::usage(format!(
            "--since {since} is after the as-of date {as_of}"
        )));
    }
    let lang = args.document.lang(&repo.settings);
    let d = digest::build(
        &loaded.plan,
        &loaded.readings,
        &repo.settings,
        as_of,
        since,
        from,
    );
    let text = render::digest::markdown(&d, lang, repo.settings.health.stale_after_days);
    emit(&text, args.document.output.as_deref())?;
    let all: Vec<_> = left.actions.iter().copied().collect();
    super::exit_now(super::global::complete(&left, &all, true))
}
