//! The command line: one module per subcommand, each parsing its arguments, calling the
//! loader, checks and reports, and choosing a renderer.

pub mod completions;
pub mod diff;
pub mod digest;
pub mod export;
pub mod reading;
pub mod report;
pub mod schema;
pub mod show;
pub mod status;
pub mod update;
pub mod validate;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::Repo;
use crate::load::{self, Loaded, tree::FsTree};
use crate::render::term::{ColorChoice, Term};

/// Keep a national action plan as code: what it promised, who carries it, what was
/// measured, and what is late.
#[derive(Debug, Parser)]
#[command(name = "pan", version, about, long_about = None, max_term_width = 100)]
#[command(
    after_help = "Run `pan <command> --help` for the options and an example of each command.\n\
Exit status: 0 success, 1 problems found or input refused, 2 pan could not run."
)]
pub struct Cli {
    /// The plan repository (the folder holding pan.toml); default: the nearest one above
    /// the current folder.
    #[arg(long, global = true, env = "PAN_ROOT", value_name = "DIR")]
    pub root: Option<PathBuf>,

    /// When to use colours.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// The subcommand.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check every file of the plan and report every problem.
    Validate(validate::Args),
    /// The Markdown digest of a steering-committee (COPIL) meeting.
    Digest(digest::Args),
    /// The full Markdown report, grouped by lever, ministry or calendar.
    Report(report::Args),
    /// What a change does to the plan, compared with a git revision; guards history.
    Diff(diff::Args),
    /// Where the plan stands: actions with their state and health, filtered and grouped.
    Status(status::Args),
    /// Show one action: every field, its calendar, state history and readings.
    Show(show::Args),
    /// Record a dated state of an action (appended to its history).
    Update(update::Args),
    /// Record, import, list and prepare the readings of indicators.
    Reading(reading::Args),
    /// Export the whole plan as one JSON document.
    Export(export::Args),
    /// Print or write the JSON Schema of the plan's files.
    Schema(schema::Args),
    /// Print a shell completion script.
    Completions(completions::Args),
}

/// An error that means "the input is refused" (exit status 1), as opposed to "pan could
/// not run" (exit status 2).
#[derive(Debug)]
pub struct Refused(pub String);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refused {}

/// What every command needs from the global options.
pub struct Global {
    /// `--root`, if given.
    pub root: Option<PathBuf>,
    /// How the terminal looks.
    pub term: Term,
    /// Today's date, read once (see [`today`]).
    pub today: jiff::civil::Date,
}

impl Global {
    /// Find the plan repository.
    pub fn repo(&self) -> anyhow::Result<Repo> {
        let cwd = std::env::current_dir()?;
        Ok(Repo::discover(self.root.as_deref(), &cwd)?)
    }

    /// Load the repository for a command that needs a readable plan: problems of form are
    /// printed and refuse the command.
    pub fn load(&self, repo: &Repo) -> anyhow::Result<Loaded> {
        let tree = FsTree::new(&repo.root);
        let loaded = load::load(&tree, &repo.settings);
        if loaded.has_load_errors() {
            let errors: Vec<_> = loaded
                .diagnostics
                .iter()
                .filter(|d| d.severity == crate::diag::Severity::Error)
                .cloned()
                .collect();
            let sources = load::sources_for(&tree, &errors);
            let summary =
                crate::render::diagnostics::Summary::of(&errors, 0, loaded.files_checked, 0);
            let text =
                crate::render::diagnostics::human(&errors, &sources, &summary, &self.term_err());
            eprint!("{text}");
            return Err(Refused(format!(
                "the plan has {} problem(s) in its files; fix them (see above, or run `pan validate`)",
                errors.len()
            ))
            .into());
        }
        Ok(loaded)
    }

    /// The terminal settings for stderr (no colour unless forced).
    pub fn term_err(&self) -> Term {
        Term {
            color: false,
            ..self.term
        }
    }
}

/// Run the command line and turn the outcome into an exit status.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitCode::SUCCESS
                }
                _ => ExitCode::from(2),
            };
        }
    };
    let today = match today() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let global = Global {
        root: cli.root,
        term: Term::detect(cli.color),
        today,
    };
    let result = match cli.command {
        Command::Validate(a) => validate::run(&global, a),
        Command::Digest(a) => digest::run(&global, a),
        Command::Report(a) => report::run(&global, a),
        Command::Diff(a) => diff::run(&global, a),
        Command::Status(a) => status::run(&global, a),
        Command::Show(a) => show::run(&global, a),
        Command::Update(a) => update::run(&global, a),
        Command::Reading(a) => reading::run(&global, a),
        Command::Export(a) => export::run(&global, a),
        Command::Schema(a) => schema::run(&global, a),
        Command::Completions(a) => completions::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            if let Some(r) = e.downcast_ref::<Refused>() {
                eprintln!("error: {r}");
                return ExitCode::from(1);
            }
            if let Some(io) = e.downcast_ref::<std::io::Error>()
                && io.kind() == std::io::ErrorKind::BrokenPipe
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// What every Markdown document (digest, report) is asked for: its date, language and file.
#[derive(Debug, clap::Args)]
pub struct DocumentArgs {
    /// The day the document describes (default: today, printed in the heading).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<jiff::civil::Date>,
    /// Language (default: pan.toml's; French for the bundled plan).
    #[arg(long, value_enum)]
    pub lang: Option<crate::config::Lang>,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

impl DocumentArgs {
    /// The as-of date: the one given, or today.
    pub fn as_of(&self, today: jiff::civil::Date) -> jiff::civil::Date {
        self.as_of.unwrap_or(today)
    }

    /// The language: the one given, or the settings'.
    pub fn lang(&self, settings: &crate::config::Settings) -> crate::config::Lang {
        self.lang.unwrap_or(settings.plan.language)
    }
}

/// The variable that sets "today" for every command: tests, and reports rebuilt as if on
/// another day, set it; it is deliberately not documented in `--help`.
pub const TODAY_VAR: &str = "PAN_TODAY";

/// Today's date: `PAN_TODAY` (YYYY-MM-DD) when set, otherwise the clock in the local time
/// zone. The only place `pan` reads the clock; commands get it from [`Global::today`].
pub fn today() -> Result<jiff::civil::Date, String> {
    match std::env::var_os(TODAY_VAR) {
        Some(v) => v
            .to_str()
            .and_then(|s| s.trim().parse::<jiff::civil::Date>().ok())
            .ok_or_else(|| {
                format!(
                    "{TODAY_VAR}={} is not a date\n  hint: write it as YYYY-MM-DD, or unset it to use the clock",
                    v.to_string_lossy()
                )
            }),
        None => Ok(jiff::Zoned::now().date()),
    }
}

/// Write text to stdout, or to a file when `-o FILE` is given (atomically).
pub fn emit(text: &str, output: Option<&std::path::Path>) -> anyhow::Result<()> {
    use std::io::Write;
    match output {
        Some(path) if path.as_os_str() != "-" => {
            crate::write::atomic::write(path, text.as_bytes())?;
            eprintln!("wrote {}", path.display());
            Ok(())
        }
        _ => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
            Ok(())
        }
    }
}
