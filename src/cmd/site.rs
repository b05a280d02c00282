//! `pan site`: the plan's public website, built from the files into a folder.

use std::path::PathBuf;
use std::time::Instant;

use jiff::civil::Date;

use super::{Error, Global, Result};
use crate::load::tree::FsTree;
use crate::report::digest::{self, SinceFrom};
use crate::site::{self, Input};
use crate::write::folder::{Guard, Staged};

/// Arguments of `pan site`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  pan site -o _site                       # as of today; open _site/index.html\n  pan site -o _site --as-of 2026-06-30    # the site as it stood on a past day\n\nThe site is static: every page in French and English, charts with their numbers, a search, the data to download. It needs no server and no network, and prints on A4. The same files and date give the same bytes. The folder is built beside its destination and put in place whole; pan replaces only an empty folder or a site it built before, as its manifest (.pan-manifest) lists it, never the repository or a folder pan reads. Colours, logo and an extra style sheet come from [site] in pan.toml (see the README)."
)]
pub struct Args {
    /// The folder to build: a new path, an empty folder, or a site pan built before
    /// (replaced whole).
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
    /// The day the site describes (default: today).
    #[arg(long, value_name = "DATE", value_parser = super::args::date)]
    pub as_of: Option<Date>,
    /// Start of the period the COPIL digest page covers (default: the previous COPIL
    /// meeting in pan.toml, or the start of the plan).
    #[arg(long, value_name = "DATE", value_parser = super::args::date)]
    pub since: Option<Date>,
}

/// Run `pan site`.
pub fn run(global: &Global, args: Args) -> Result {
    let started = Instant::now();
    let repo = global.repo()?;
    let (loaded, left) = global.load(&repo)?;
    let as_of = args.as_of.unwrap_or(global.today);
    let (since, since_from) = match args.since {
        Some(s) => (s, SinceFrom::Given),
        None => digest::default_since(&repo.settings, as_of),
    };
    if since > as_of {
        return Err(Error::usage(format!(
            "--since {since} is after the as-of date {as_of}"
        )));
    }
    let theme =
        crate::load::site::theme(&FsTree::new(&repo.root), &repo.settings).map_err(Error::fatal)?;
    let guard = Guard::new(&repo.root, &[repo.plan_dir(), repo.indicators_dir()]);
    let staged =
        Staged::new(&args.output, "site", &guard).map_err(|e| Error::usage("").because(e))?;
    let input = Input {
        plan: &loaded.plan,
        readings: &loaded.readings,
        settings: &repo.settings,
        theme: &theme,
        as_of,
        since,
        since_from,
    };
    let built = site::build(&input, &|path, fill| staged.write_with(path, fill))?;
    staged.commit()?;
    eprintln!(
        "wrote {}: {} pages, {} files, {:.1} MB, as of {as_of}, in {:.2} s",
        crate::render::term::sanitize(&args.output.display().to_string()),
        built.pages,
        built.files,
        built.bytes as f64 / 1_000_000.0,
        started.elapsed().as_secs_f64()
    );
    let all: Vec<_> = left.actions.iter().copied().collect();
    super::global::complete(&left, &all, true)
}
