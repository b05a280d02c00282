//! `pan report`: the full Markdown report, grouped by lever, ministry or calendar.

use super::args::DocumentArgs;
use super::filters::FilterArgs;
use super::{Global, Result, emit};
use crate::render;
use crate::report::full::{self, ReportBy};

/// Arguments of `pan report`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  pan report --group-by ministry -o report.md\n  pan report --lever B --as-of 2026-06-30 --lang en"
)]
pub struct Args {
    /// How to group the actions.
    #[arg(long, value_enum, default_value_t = ReportBy::Lever)]
    pub group_by: ReportBy,
    /// Which actions.
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Date, language and destination.
    #[command(flatten)]
    pub document: DocumentArgs,
}

/// Run `pan report`.
pub fn run(global: &Global, args: Args) -> Result {
    super::args::Markdown::check(args.document.output.as_deref())?;
    let repo = global.repo()?;
    let (loaded, left) = global.load(&repo)?;
    let filters = args.filters.resolve(&loaded.plan)?;
    let as_of = args.document.as_of(global.today);
    let lang = args.document.lang(&repo.settings);
    let report = full::build(
        &loaded.plan,
        &loaded.readings,
        &repo.settings,
        as_of,
        &filters,
        args.group_by,
    );
    emit(
        &render::report::markdown(&report, &loaded.plan, lang),
        args.document.output.as_deref(),
    )?;
    let listed: Vec<String> = report.status.rows.iter().map(|r| r.code.clone()).collect();
    let covered = super::filters::left_out_within(&left, &loaded.plan, &filters, &listed);
    // The report ends with the context indicators' breakdowns.
    super::global::complete(&left, &covered, true)
}
