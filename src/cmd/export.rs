//! `pan export`: the whole plan as one JSON document (a stable interface, version 1), as
//! an open-data package (a Frictionless Data Package with its DCAT-AP description), or
//! as a workbook of the plan's status (actions and readings, filterable).

use jiff::civil::Date;
use std::io::IsTerminal;
use std::path::PathBuf;

use super::{Error, Global, Result, emit_with};
use crate::config::Lang;
use crate::export::{datapackage, json, workbook};
use crate::write::folder::{Guard, Staged};

/// Arguments of `pan export`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  pan export -o plan.json\n  pan export --format datapackage -o opendata    # CSV and their schemas\n  pan export -o plan.xlsx            # actions and readings, as a workbook\n\nThe format is told by the file name (.json, .xlsx), or --format. The data package's licence, publisher and source come from pan.toml [plan] licence, publisher, source and data_url (see \"Open data\" in the README)."
)]
pub struct Args {
    /// Output format (default: told by the extension of -o, otherwise json).
    #[arg(long, value_enum)]
    pub format: Option<ExportFormat>,
    /// Write to FILE (json, xlsx) or into the folder DIR (datapackage: a new or empty
    /// folder, or one pan built before, replaced whole) instead of standard output.
    #[arg(short, long, value_name = "FILE|DIR")]
    pub output: Option<PathBuf>,
    /// The day the actions' state and health are given for (datapackage, xlsx; default
    /// today).
    #[arg(long, value_name = "DATE", value_parser = super::args::date)]
    pub as_of: Option<Date>,
    /// Language of the package's titles and descriptions, or of the workbook (default: the
    /// plan's).
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<Lang>,
}

/// Export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// One JSON document: levers, actors, actions, context indicators, readings.
    Json,
    /// A Frictionless Data Package (v2): CSV tables with their schemas, and dcat.jsonld.
    Datapackage,
    /// An Excel workbook: a sheet of actions (state, health, calendar, latest readings),
    /// one of readings.
    Xlsx,
}

/// The extensions of `-o FILE` that name each format (a data package is a folder).
const FILES: &[(&str, ExportFormat)] =
    &[("json", ExportFormat::Json), ("xlsx", ExportFormat::Xlsx)];

/// Run `pan export`.
pub fn run(global: &Global, args: Args) -> Result {
    let format = super::output::format_for(
        args.format,
        args.output.as_deref(),
        FILES,
        ExportFormat::Json,
    )?;
    let to_stdout = args.output.as_ref().is_none_or(|p| p.as_os_str() == "-");
    if format == ExportFormat::Xlsx && to_stdout && std::io::stdout().is_terminal() {
        return Err(
            Error::usage("a workbook is not text to print on a terminal")
                .hint("give -o FILE (e.g. -o plan.xlsx) or redirect the output"),
        );
    }
    let repo = global.repo()?;
    let (loaded, left) = global.load(&repo)?;
    let all: Vec<_> = left.actions.iter().copied().collect();
    let complete = || super::global::complete(&left, &all, true);
    let settings = &repo.settings;
    if format == ExportFormat::Json {
        let doc = json::build(&loaded.plan, &loaded.readings, settings);
        // Streamed: the document is written as it is walked, never held whole.
        emit_with(args.output.as_deref(), |w| {
            // A closed pipe stays a closed pipe (`pan export | head` ends quietly).
            serde_json::to_writer_pretty(&mut *w, &doc).map_err(|e| match e.io_error_kind() {
                Some(kind) => std::io::Error::from(kind),
                None => std::io::Error::other(e),
            })?;
            w.write_all(b"\n")
        })?;
        super::exit_now(complete());
    }
    let as_of = args.as_of.unwrap_or(global.today);
    let lang = args.lang.unwrap_or(settings.plan.language);
    if format == ExportFormat::Xlsx {
        let rows = crate::report::status::rows(&loaded.plan, &loaded.readings, settings, as_of);
        let status = workbook::Status {
            title: &settings.plan.title,
            as_of,
            rows: &rows,
            plan: &loaded.plan,
            readings: &loaded.readings,
            lang,
        };
        // Streamed: rows go to temporary files as they are made, the zip to the output.
        emit_with(args.output.as_deref(), |w| {
            workbook::write(&status, w).map_err(|e| match e {
                rust_xlsxwriter::XlsxError::IoError(e) => e,
                e => std::io::Error::other(format!("the workbook could not be made: {e}")),
            })
        })?;
        return complete();
    }
    let Some(dir) = args.output else {
        return Err(Error::usage("a data package is a folder of files")
            .hint("give it with -o DIR, e.g. -o opendata"));
    };
    let package = datapackage::Package::new(datapackage::Source {
        plan: &loaded.plan,
        readings: &loaded.readings,
        settings,
        as_of,
        lang,
    });
    // Each file streamed to disk as it is made (millions of readings are never held as
    // text), into a folder staged beside the destination and put in place at once.
    let guard = Guard::new(&repo.root, &[repo.plan_dir(), repo.indicators_dir()]);
    let staged =
        Staged::new(&dir, "data package", &guard).map_err(|e| Error::usage("").because(e))?;
    let names = package.names();
    let mut sizes = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let size = staged.write_with(name, &mut |w| package.write(i, &sizes, w))?;
        sizes.push(size);
    }
    staged.commit()?;
    if settings.plan.licence.is_none() {
        crate::cmd::say(
            "warning: no licence: set [plan] licence in pan.toml (e.g. \"CC-BY-4.0\") before publishing; portals need one",
        );
    }
    eprintln!(
        "wrote {} files to {} (as of {as_of})",
        names.len(),
        crate::render::term::sanitize(&dir.display().to_string())
    );
    complete()
}
