//! `pan validate`: check every file of the plan and report every problem, as text for
//! people, JSON for tools, annotations for GitHub, Markdown for a pull request, SARIF, or
//! the report formats of other CI systems (GitLab Code Quality, JUnit, Checkstyle).

use std::path::PathBuf;
use std::time::Instant;

use jiff::civil::Date;

use super::{Error, Global, Result, emit};
use crate::check;
use crate::diag::Diagnostic;
use crate::diag::rules;
use crate::load::{self, tree::FsTree};
use crate::render::diagnostics::{self as printer, Summary};

/// Arguments of `pan validate`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  pan validate\n  pan validate --format github          # in a GitHub Actions job\n  pan validate --format gitlab -o gl-code-quality.json   # GitLab's widget\n  pan validate --select P006,P007 --deny warnings\n  pan validate --explain P006\n\nExit status: 0 no error, 1 errors (or warnings with --deny warnings), 2 pan could not run. The format is told by the file name of -o (.txt, .json, .md, .sarif, .xml: JUnit), or --format (gitlab writes .json, checkstyle .xml)."
)]
pub struct Args {
    /// Output format (default: told by the extension of -o, otherwise human).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Show only these rules (codes or names, comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "CODE")]
    pub select: Vec<String>,
    /// Hide these rules (codes or names, comma-separated). Hidden errors still fail the
    /// check unless pan.toml allows them.
    #[arg(long, value_delimiter = ',', value_name = "CODE")]
    pub ignore: Vec<String>,
    /// Also fail on warnings.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub deny: Option<Deny>,
    /// Print the documentation of a rule, with an example, and exit.
    #[arg(long, value_name = "CODE")]
    pub explain: Option<String>,
    /// List every rule and exit.
    #[arg(long)]
    pub list_rules: bool,
    /// Check as of this day: states and readings recorded later are ignored, as reports
    /// for that day ignore them (default: today).
    #[arg(long, value_name = "DATE", value_parser = super::args::date)]
    pub as_of: Option<Date>,
    /// Print only the problems (no summary line; nothing at all for a clean plan).
    #[arg(long, short)]
    pub quiet: bool,
    /// Also print the problems pan.toml accepts knowingly (they are counted either way).
    #[arg(long)]
    pub show_allowed: bool,
    /// Write the report to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Output formats of `pan validate`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// `file:line:col: error[CODE]: message`, the source line, the hint.
    Human,
    /// One JSON document (version 1) with every diagnostic and the summary.
    Json,
    /// GitHub Actions annotations (`::error file=…`).
    Github,
    /// A Markdown table for a pull-request comment or job summary.
    Markdown,
    /// SARIF 2.1.0 for code-scanning tools.
    Sarif,
    /// GitLab Code Quality JSON, for the merge request's widget
    /// (`artifacts: reports: codequality`).
    Gitlab,
    /// JUnit XML: a test per file checked, a failure per problem that fails the check
    /// (`artifacts: reports: junit` on GitLab; Jenkins).
    Junit,
    /// Checkstyle XML, for tools that read linters' reports.
    Checkstyle,
}

impl Format {
    /// The extensions of `-o FILE` that name each format.
    pub const FILES: &[(&str, Format)] = &[
        ("txt", Format::Human),
        ("json", Format::Json),
        ("md", Format::Markdown),
        ("markdown", Format::Markdown),
        ("sarif", Format::Sarif),
        ("json", Format::Gitlab),
        ("xml", Format::Junit),
        ("xml", Format::Checkstyle),
    ];
}

/// What `--deny` makes fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Deny {
    /// Warnings fail the check too.
    Warnings,
}

fn rule(key: &str) -> Result<&'static rules::Rule> {
    rules::find(key.trim()).ok_or_else(|| {
        Error::usage(format!(
            "unknown rule `{}`",
            crate::render::term::sanitize(key)
        ))
        .hint("`pan validate --list-rules` lists them")
    })
}

fn resolve(keys: &[String]) -> Result<Vec<&'static rules::Rule>> {
    keys.iter()
        .filter(|k| !k.trim().is_empty())
        .map(|k| rule(k))
        .collect()
}

/// Run `pan validate`.
pub fn run(global: &Global, args: Args) -> Result {
    if let Some(key) = &args.explain {
        emit(&crate::render::explain::explain(rule(key)?), None)?;
        return Ok(());
    }
    if args.list_rules {
        let mut out = String::new();
        for r in rules::ALL {
            out.push_str(&format!(
                "{}  {:<28} {:<8} {}\n",
                r.code, r.name, r.severity, r.summary
            ));
        }
        emit(&out, None)?;
        return Ok(());
    }
    let format = super::output::format_for(
        args.format,
        args.output.as_deref(),
        Format::FILES,
        Format::Human,
    )?;
    let select = resolve(&args.select)?;
    let ignore = resolve(&args.ignore)?;
    let started = Instant::now();
    let repo = global.repo()?;
    super::recover(&repo)?;
    let tree = FsTree::new(&repo.root);
    let loaded = load::load(&tree, &repo.settings);
    let input = check::Input {
        loaded: &loaded,
        settings: &repo.settings,
        today: global.today,
        as_of: args.as_of.unwrap_or(global.today).min(global.today),
    };
    let all = check::run(&input);
    let deny_warnings = args.deny == Some(Deny::Warnings);
    let fails = all.iter().any(|d| d.fails(deny_warnings));
    let selected: Vec<Diagnostic> = all
        .iter()
        .filter(|d| select.is_empty() || select.contains(&d.rule))
        .filter(|d| !ignore.contains(&d.rule))
        .cloned()
        .collect();
    let hidden = all.len() - selected.len();
    let summary = Summary::of(
        &selected,
        hidden,
        loaded.files_checked,
        started.elapsed().as_millis(),
    );
    // Problems accepted in pan.toml are counted; people see them only when they ask.
    // Machines (JSON, SARIF) always get them.
    let shown: Vec<Diagnostic> = match format {
        Format::Json | Format::Sarif => selected,
        _ if args.show_allowed => selected,
        _ => selected
            .into_iter()
            .filter(|d| d.allowed.is_none())
            .collect(),
    };
    let text = match format {
        Format::Human => {
            let sources = load::sources_for(&tree, &loaded, &shown);
            let term = if args.output.is_some() {
                crate::render::term::Term::plain(global.term.width)
            } else {
                global.term
            };
            let text = printer::human(&shown, &sources, &summary, &term);
            if args.quiet {
                quiet(&text, &summary)
            } else {
                text
            }
        }
        Format::Json => printer::json(&shown, &summary),
        Format::Github if args.quiet => {
            let text = printer::github(&shown, &summary);
            quiet(&text, &summary)
        }
        Format::Github => printer::github(&shown, &summary),
        Format::Markdown => printer::markdown(&shown, &summary),
        Format::Sarif => printer::sarif(&shown),
        Format::Gitlab => printer::gitlab(&shown),
        Format::Junit => {
            let files = checked_files(&loaded, &shown);
            printer::junit(&shown, &files, &summary, deny_warnings)
        }
        Format::Checkstyle => printer::checkstyle(&shown),
    };
    emit(&text, args.output.as_deref())?;
    let outcome = if !fails {
        Ok(())
    } else if shown.iter().any(|d| d.fails(deny_warnings)) {
        Err(Error::Found(None))
    } else {
        // The output shows nothing that fails: say why the check fails all the same.
        Err(Error::Found(Some(super::error::Problem {
            what: "the check fails on problems hidden by --select/--ignore".into(),
            hint: Some("only pan.toml [validate] allow accepts a problem".into()),
            ..Default::default()
        })))
    };
    super::exit_now(outcome)
}

/// Every file read and every file a diagnostic names, in path order.
fn checked_files(loaded: &load::Loaded, shown: &[Diagnostic]) -> Vec<String> {
    let mut files: Vec<String> = loaded
        .fingerprints
        .keys()
        .cloned()
        .chain(shown.iter().map(|d| d.file.clone()))
        .collect();
    files.sort();
    files.dedup();
    files
}

/// The output without its summary line (the last one).
fn quiet(text: &str, summary: &Summary) -> String {
    let line = format!("{}\n", summary.line());
    text.strip_suffix(&line).unwrap_or(text).to_string()
}
