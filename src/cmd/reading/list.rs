//! `pan reading list`: the readings recorded, as a table, Markdown, CSV or JSON.

use super::target;
use crate::cmd::args::Format;
use crate::cmd::{Error, Global, Result, emit};
use crate::model::{Period, Reading};
use crate::render;
use crate::report::readings;

/// Arguments of `pan reading list`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  pan reading list IN-B-11.02\n  pan reading list --since 2025 -o readings.csv\n  pan reading list context\n  pan reading list context --by age"
)]
pub struct Args {
    /// An action's code, or `context` for the plan's context indicators (default: all).
    #[arg(add = clap_complete::engine::ArgValueCompleter::new(crate::cmd::completions::targets))]
    pub code: Option<String>,
    /// Only this indicator.
    #[arg(long, value_name = "ID", add = clap_complete::engine::ArgValueCompleter::new(crate::cmd::completions::indicators))]
    pub indicator: Option<String>,
    /// Only periods starting on or after the start of this period.
    #[arg(long, value_name = "PERIOD", value_parser = crate::cmd::args::period)]
    pub since: Option<Period>,
    /// Pivot on a dimension (an id of plan/dimensions.yaml): one row per indicator and
    /// period, the total then one column per value of the dimension.
    #[arg(long, value_name = "DIM")]
    pub by: Option<String>,
    /// Output format (default: told by the extension of -o, otherwise table).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write to FILE instead of standard output (.txt, .md, .csv or .json).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
}

/// Run `pan reading list`.
pub fn run(global: &Global, args: Args) -> Result {
    let output = args.output.as_deref();
    let format = crate::cmd::output::format_for(args.format, output, Format::FILES, Format::Table)?;
    let term = crate::cmd::output::term_for(&global.term, output);
    let repo = global.repo()?;
    let (loaded, left) = global.load(&repo)?;
    let plan = &loaded.plan;
    let target = match args.code.as_deref() {
        None => None,
        Some(c) => Some(target(plan, &left, &repo, c)?),
    };
    // What the listing covers: one action's readings, the context's, or all of them.
    let (covered, context): (Vec<_>, bool) = match &target {
        None => (left.actions.iter().copied().collect(), true),
        Some(t) => match t.subject.owner {
            crate::model::Owner::Action(i) => (vec![plan.actions[i as usize].code], false),
            crate::model::Owner::Context => (Vec::new(), true),
        },
    };
    let complete = || crate::cmd::global::complete(&left, &covered, context);
    let indicator = match (&args.indicator, &target) {
        (Some(id), Some(t)) => {
            let ids: Vec<&str> = t.subject.indicators.iter().map(|(i, _)| *i).collect();
            match ids.iter().position(|i| i == id) {
                Some(i) => Some(crate::model::index32(i)),
                None => {
                    return Err(Error::usage(format!(
                        "{} has no indicator `{}`",
                        t.name,
                        render::term::sanitize(id),
                    ))
                    .hint(format!("indicators: {}", crate::text::few(&ids))));
                }
            }
        }
        (Some(_), None) => {
            return Err(Error::usage(
                "--indicator needs an action's code (or `context`)",
            ));
        }
        _ => None,
    };
    let owner = target.as_ref().map(|t| t.subject.owner);
    let mut items: Vec<&Reading> = loaded
        .readings
        .items
        .iter()
        .filter(|r| owner.is_none_or(|o| r.owner() == o))
        .filter(|r| indicator.is_none_or(|i| r.indicator == i))
        .filter(|r| args.since.is_none_or(|s| r.period.start() >= s.start()))
        .collect();
    items.sort_by_key(|r| (r.owner(), r.indicator, r.period, r.file, r.line));
    let rows: Vec<_> = items
        .iter()
        .map(|r| readings::row(plan, &loaded.readings, r))
        .collect();
    let lang = repo.settings.plan.language;
    if let Some(dim) = &args.by {
        let Some(p) = readings::pivot(plan, &rows, dim.trim()) else {
            let ids: Vec<&str> = plan.dimensions.iter().map(|d| d.id.as_str()).collect();
            return Err(Error::usage(format!(
                "`{}` is not a dimension of the plan",
                render::term::sanitize(dim),
            ))
            .hint(if ids.is_empty() {
                "the plan has no dimensions (plan/dimensions.yaml)".to_string()
            } else {
                format!("dimensions: {}", crate::text::few(&ids))
            }));
        };
        let shape = match format {
            Format::Table => render::readings::Shape::Table,
            Format::Markdown => render::readings::Shape::Markdown,
            Format::Csv => render::readings::Shape::Csv,
            Format::Json => render::readings::Shape::Json,
        };
        emit(&render::readings::pivot(&p, shape, &term, lang)?, output)?;
        return complete();
    }
    let text = match format {
        Format::Json => render::readings::json(&rows)?,
        Format::Csv => crate::cmd::on_terminal(
            render::readings::csv(&rows)?,
            crate::cmd::output::to_terminal(output),
        ),
        Format::Markdown => render::readings::markdown(&rows, lang),
        Format::Table => render::readings::table(&rows, &term),
    };
    emit(&text, output)?;
    complete()
}
