//! `pan reading template`: the file a focal point fills in — a workbook (`.xlsx`,
//! `.ods`) or CSV.

use crate::cmd::filters::FilterArgs;
use crate::cmd::{Error, Global, Result, emit_bytes};
use crate::config::{Lang, limits};
use crate::model::Period;
use crate::render;
use std::io::IsTerminal;
use std::path::PathBuf;

/// Arguments of `pan reading template`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  pan reading template --ministry MENEJ --period 2025 -o menej.xlsx\n  pan reading template --ministry MENEJ -o menej.ods --lang en\n  pan reading template --action IN-B-11.02 \\\n    --period 2026-Q1 --period 2026-Q2 -o b.xlsx\n  pan reading template --lever B --excel -o lever-b.csv\n\nA workbook has a sheet of readings — one row per indicator (and per period asked for), protected so that only the cells to fill in can be typed in, each value cell accepting what its indicator's kind accepts — a sheet that explains how to fill it in and who to send it back to (pan.toml [readings] send_to), and a hidden sheet by which `pan reading import` recognises it. It speaks the plan's language (pan.toml), or English with --lang en. The format is told by the file name of -o (.xlsx, .ods, .csv), or --format."
)]
pub struct Args {
    /// Which actions.
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Only these actions (codes, repeated or separated by commas).
    #[arg(long, value_delimiter = ',', value_name = "CODE", add = clap_complete::engine::ArgValueCompleter::new(crate::cmd::completions::targets))]
    pub action: Vec<String>,
    /// The period asked for, written on every row (2025, 2025-H1, 2025-Q3, 2025-05); repeat
    /// it for a row per indicator and period. The period cells offer it and the shorter
    /// periods it holds in a list (default: any period; the list offers last year's and
    /// this year's).
    #[arg(long, value_name = "PERIOD", value_parser = crate::cmd::args::period)]
    pub period: Vec<Period>,
    /// The file's format (default: told by the extension of -o, otherwise csv).
    #[arg(long, value_enum)]
    pub format: Option<TemplateFormat>,
    /// CSV for a spreadsheet in a French locale: `;` separators and a UTF-8 byte-order mark.
    #[arg(long)]
    pub excel: bool,
    /// The language of a workbook (default: pan.toml's); CSV keeps the column names
    /// `pan reading import` reads.
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// The formats of a template.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TemplateFormat {
    /// CSV (comma-separated, or `;` with --excel).
    Csv,
    /// An Excel workbook.
    Xlsx,
    /// An OpenDocument spreadsheet (LibreOffice).
    Ods,
}

/// The extensions of `-o FILE` that name each format.
const FILES: &[(&str, TemplateFormat)] = &[
    ("csv", TemplateFormat::Csv),
    ("xlsx", TemplateFormat::Xlsx),
    ("ods", TemplateFormat::Ods),
];

/// The format asked for: `--format`, or the extension of `-o`, or CSV.
fn format(args: &Args) -> Result<TemplateFormat> {
    let output = args.output.as_ref().filter(|p| p.as_os_str() != "-");
    let format = crate::cmd::output::format_for(
        args.format,
        output.map(|p| p.as_path()),
        FILES,
        TemplateFormat::Csv,
    )?;
    if args.excel && format != TemplateFormat::Csv {
        return Err(Error::usage(
            "--excel shapes CSV for a French-locale spreadsheet; a workbook needs no such option",
        ));
    }
    if format != TemplateFormat::Csv && output.is_none() && std::io::stdout().is_terminal() {
        return Err(
            Error::usage("a workbook is not text to print on a terminal")
                .hint("give -o FILE (e.g. -o menej.xlsx) or redirect the output"),
        );
    }
    Ok(format)
}

/// Run `pan reading template`.
pub fn run(global: &Global, args: Args) -> Result {
    let format = format(&args)?;
    let repo = global.repo()?;
    let (loaded, left) = global.load(&repo)?;
    let filters = args.filters.resolve(&loaded.plan)?;
    let mut report = crate::report::status::build(
        &loaded.plan,
        &loaded.readings,
        &repo.settings,
        global.today,
        &filters,
        None,
    );
    let listed: Vec<String> = report.rows.iter().map(|r| r.code.clone()).collect();
    let mut covered = crate::cmd::filters::left_out_within(&left, &loaded.plan, &filters, &listed);
    if !args.action.is_empty() {
        let mut codes = Vec::new();
        for a in &args.action {
            let i = crate::cmd::find_readable(&loaded.plan, &left, a)?;
            codes.push(loaded.plan.actions[i].code);
        }
        report
            .rows
            .retain(|r| codes.iter().any(|c| c.to_string() == r.code));
        covered = codes;
    }
    let mut periods: Vec<Period> = Vec::new();
    for p in args.period {
        if !periods.contains(&p) {
            periods.push(p);
        }
    }
    if periods.len() > limits::TEMPLATE_PERIODS {
        return Err(Error::usage(format!(
            "{} periods asked for; a template asks for at most {}",
            periods.len(),
            limits::TEMPLATE_PERIODS
        ))
        .hint("make one template per year"));
    }
    if format == TemplateFormat::Csv && !periods.is_empty() {
        return Err(Error::usage(
            "--period writes the period on every row of a workbook, which then knows the rows nobody filled in; CSV cannot",
        )
        .hint("give --format xlsx or ods, or leave out --period"));
    }
    let settings = &repo.settings;
    let template =
        crate::report::template::build(&loaded.plan, &report, &settings.plan.title, &periods);
    let lang = args.lang.unwrap_or(settings.plan.language);
    let send_to = settings.readings.send_to.as_deref();
    let layout = || crate::template::layout(&template, lang, send_to);
    let bytes = match format {
        TemplateFormat::Csv => crate::cmd::on_terminal(
            render::readings::template_csv(&template, args.excel)?,
            args.output.is_none() && std::io::stdout().is_terminal(),
        )
        .into_bytes(),
        TemplateFormat::Xlsx => crate::template::xlsx::write(&layout())
            .map_err(|e| Error::fatal("the workbook could not be made").because(e))?,
        TemplateFormat::Ods => crate::template::ods::write(&layout())?,
    };
    emit_bytes(&bytes, args.output.as_deref())?;
    if args.output.is_some() {
        eprintln!(
            "{}; fill in period, value and source, then `pan reading import`",
            crate::render::words::count(template.rows.len(), "indicator row", "indicator rows")
        );
    }
    crate::cmd::global::complete(&left, &covered, false)
}
