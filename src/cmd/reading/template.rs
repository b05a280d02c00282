//! `pan reading template`: the CSV a focal point fills in.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::cmd::filters::FilterArgs;
use crate::cmd::{Global, Result, emit};
use crate::render;

/// Arguments of `pan reading template`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  pan reading template --ministry MENEJ -o menej.csv\n  pan reading template --lever B --excel -o lever-b.csv"
)]
pub struct Args {
    /// Which actions.
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Write for a spreadsheet in a French locale: `;` separators and a UTF-8 byte-order mark.
    #[arg(long)]
    pub excel: bool,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Run `pan reading template`.
pub fn run(global: &Global, args: Args) -> Result {
    let repo = global.repo()?;
    let loaded = global.load(&repo)?;
    let filters = args.filters.resolve(&loaded.plan)?;
    let report = crate::report::status::build(
        &loaded.plan,
        &loaded.readings,
        &repo.settings,
        global.today,
        &filters,
        None,
    );
    let (text, n) = render::readings::template_csv(&loaded.plan, &report, args.excel)?;
    emit(&text, args.output.as_deref())?;
    if args.output.is_some() {
        eprintln!(
            "{n} indicator row(s); fill in period, value and source, then `pan reading import`"
        );
    }
    Ok(ExitCode::SUCCESS)
}
