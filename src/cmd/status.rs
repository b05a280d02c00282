//! `pan status`: where the plan stands, as of a date, filtered and grouped.

use std::path::PathBuf;

use jiff::civil::Date;

use super::args::Format;
use super::filters::FilterArgs;
use super::{Global, Result, emit};
use crate::render;
use crate::report::status::{self, GroupBy};

/// Arguments of `pan status`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  pan status --lever D\n  pan status --ministry MENEJ --health late\n  pan status --year 2027 --group-by calendar\n  pan status --search competences -o actions.csv\n\nFilters combine (all must match); a filter may list several values separated by commas. The format is told by the file name of -o (.txt, .md, .csv, .json), or --format."
)]
pub struct Args {
    /// Which actions.
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Group the actions, with counts per group.
    #[arg(long, value_enum, value_name = "BY")]
    pub group_by: Option<GroupBy>,
    /// The day to assess the plan on (default: today).
    #[arg(long, value_name = "DATE", value_parser = super::args::date)]
    pub as_of: Option<Date>,
    /// Output format (default: told by the extension of -o, otherwise table).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Language of the table and of Markdown (default: the table in English, as pan
    /// speaks; Markdown in pan.toml's); JSON and CSV keep the files' spellings.
    #[arg(long, value_enum)]
    pub lang: Option<crate::config::Lang>,
    /// Write to FILE instead of standard output (.txt, .md, .csv or .json).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Run `pan status`.
pub fn run(global: &Global, args: Args) -> Result {
    let output = args.output.as_deref();
    let format = super::output::format_for(args.format, output, Format::FILES, Format::Table)?;
    let term = super::output::term_for(&global.term, output);
    let repo = global.repo()?;
    let (loaded, left) = global.load(&repo)?;
    let filters = args.filters.resolve(&loaded.plan)?;
    let as_of = args.as_of.unwrap_or(global.today);
    let report = status::build(
        &loaded.plan,
        &loaded.readings,
        &repo.settings,
        as_of,
        &filters,
        args.group_by,
    );
    let plan = &loaded.plan;
    let text = match format {
        Format::Table => render::status::text(
            &report,
            plan,
            &term,
            args.lang.unwrap_or(crate::config::Lang::INTERFACE),
        ),
        Format::Markdown => render::status::markdown(
            &report,
            plan,
            args.lang.unwrap_or(repo.settings.plan.language),
        ),
        Format::Csv => super::on_terminal(
            render::status::csv(&report)?,
            super::output::to_terminal(output),
        ),
        Format::Json => {
            let mut owed = crate::report::due::build(plan, &loaded.readings, &repo.settings, as_of);
            let listed: std::collections::HashSet<&str> =
                report.rows.iter().map(|r| r.code.as_str()).collect();
            owed.items
                .retain(|o| listed.contains(plan.actions[o.action].code.to_string().as_str()));
            let summary = crate::report::due::summary(&owed, plan);
            render::status::json(&report, plan, &summary)?
        }
    };
    emit(&text, output)?;
    let listed: Vec<String> = report.rows.iter().map(|r| r.code.clone()).collect();
    let covered = super::filters::left_out_within(&left, plan, &filters, &listed);
    super::exit_now(super::global::complete(&left, &covered, false))
}
