//! The command line: one module per subcommand, each parsing its arguments, calling the
//! loader, checks and reports, and choosing a renderer.

pub mod args;
pub mod completions;
pub mod diff;
pub mod digest;
pub mod error;
pub mod export;
pub mod filters;
pub mod init;
pub mod reading;
pub mod report;
pub mod schema;
pub mod show;
pub mod status;
pub mod update;
pub mod validate;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use self::error::{Error, Result};
use crate::config::Repo;
use crate::load::{self, Loaded, tree::FsTree};
use crate::render::term::{ColorChoice, Term};

/// Keep a national action plan as code: what it promised, who carries it, what was
/// measured, and what is late.
#[derive(Debug, Parser)]
#[command(name = "pan", version, about, long_about = None, max_term_width = 100)]
#[command(
    after_help = "Run `pan <command> --help` for the options and an example of each command.\n\
Exit status: 0 success; 1 problems found or input refused (nothing written); 2 the command\n\
line is wrong or pan could not run."
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
    /// Create a new plan repository (or one from a table of actions).
    Init(init::Args),
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
    pub fn repo(&self) -> Result<Repo> {
        let cwd = std::env::current_dir()?;
        Ok(Repo::discover(self.root.as_deref(), &cwd)?)
    }

    /// Load the repository for a command that needs a readable plan: problems of form are
    /// printed and refuse the command.
    pub fn load(&self, repo: &Repo) -> Result<Loaded> {
        recover(repo)?;
        let tree = FsTree::new(&repo.root);
        let loaded = load::load(&tree, &repo.settings);
        if loaded.has_load_errors() {
            let errors: Vec<_> = loaded
                .diagnostics
                .iter()
                .filter(|d| d.severity == crate::diag::Severity::Error)
                .cloned()
                .collect();
            let summary =
                crate::render::diagnostics::Summary::of(&errors, 0, loaded.files_checked, 0);
            let sources = load::sources_for(&tree, &loaded, &errors);
            let text =
                crate::render::diagnostics::human(&errors, &sources, &summary, &self.term_err());
            eprint!("{text}");
            return Err(Error::refused(format!(
                "the plan has {} problem(s) in its files; fix them (see above, or run `pan validate`)",
                errors.len()
            )));
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

/// Finish (under its lock) a multi-file change a killed run left in a folder, so every
/// command sees the readings entirely as before or entirely changed.
pub fn recover(repo: &Repo) -> Result<()> {
    for rel in [
        repo.settings.paths.indicators_str(),
        repo.settings.paths.plan_str(),
    ] {
        let journal = repo.root.join(&rel).join(crate::write::journal::JOURNAL);
        if std::fs::symlink_metadata(&journal).is_ok() {
            let dir =
                crate::write::safe::dir(&repo.root, &rel).map_err(|e| Error::Fatal(e.into()))?;
            drop(crate::write::lock::Lock::acquire(&dir)?);
        }
    }
    Ok(())
}

/// The variable that sets "today" for every command: tests, and reports rebuilt as if on
/// another day, set it; it is deliberately not documented in `--help`.
pub const TODAY_VAR: &str = "PAN_TODAY";

/// Today's date: `PAN_TODAY` (YYYY-MM-DD) when set, otherwise the clock in the local time
/// zone. The only place `pan` reads the clock; commands get it from [`Global::today`].
pub fn today() -> std::result::Result<jiff::civil::Date, String> {
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

/// Run the command line and turn the outcome into an exit status.
pub fn main() -> ExitCode {
    completions::answer();
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
        Command::Init(a) => init::run(&global, a),
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
            if let Some(m) = e.message() {
                eprintln!("{}", crate::render::term::sanitize_lines(&m));
            }
            e.exit_code()
        }
    }
}

/// Hand what a command holds to the operating system instead of freeing it, right before
/// the command returns its exit status: the system reclaims a process's memory at once,
/// where freeing a large model piece by piece (100,000 actions, millions of readings)
/// takes a tenth of a second for nothing. Only for values that own memory and nothing
/// else (a file, a lock or a temporary file must be dropped, to be closed or removed).
pub fn leave<T>(value: T) {
    std::mem::forget(value);
}

/// Write text to stdout, or to a file when `-o FILE` is given (atomically, and only over
/// a regular file or onto a new path).
pub fn emit(text: &str, output: Option<&Path>) -> Result<()> {
    use std::io::Write;
    match output {
        Some(path) if path.as_os_str() != "-" => {
            crate::write::output::file(path, text.as_bytes())?;
            eprintln!(
                "wrote {}",
                crate::render::term::sanitize(&path.display().to_string())
            );
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

/// Like [`emit`], for output written piece by piece (too large to hold whole).
pub fn emit_with(
    output: Option<&Path>,
    fill: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<()> {
    use std::io::Write;
    match output {
        Some(path) if path.as_os_str() != "-" => {
            crate::write::output::file_with(path, fill)?;
            eprintln!(
                "wrote {}",
                crate::render::term::sanitize(&path.display().to_string())
            );
            Ok(())
        }
        _ => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            fill(&mut out)?;
            out.flush()?;
            Ok(())
        }
    }
}

/// The index of the action a person named on the command line (`IN-B-11.02`,
/// `b-11.02`); an unknown code is a usage error that suggests the nearest ones.
pub fn find_action(plan: &crate::model::Plan, input: &str) -> Result<usize> {
    crate::report::card::find(plan, input).map_err(|near| {
        let shown = crate::render::term::sanitize(input.trim());
        Error::usage(if near.is_empty() {
            format!("no action {shown}; `pan status` lists the actions")
        } else {
            format!("no action {shown}; did you mean {}?", near.join(", "))
        })
    })
}
