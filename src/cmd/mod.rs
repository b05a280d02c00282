//! The command line: one module per subcommand, each parsing its arguments, calling the
//! loader, checks and reports, and choosing a renderer.

pub mod args;
pub mod completions;
pub mod diff;
pub mod digest;
pub mod due;
pub mod error;
pub mod export;
pub mod filters;
pub mod global;
pub mod init;
pub mod output;
pub mod reading;
pub mod report;
pub mod schema;
pub mod show;
pub mod site;
pub mod status;
pub mod update;
pub mod validate;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use self::error::{Error, Result};
pub use self::global::{Global, TODAY_VAR, recover, today};
pub use self::output::{emit, emit_bytes, emit_with, find_action, find_readable, on_terminal, say};
use crate::render::term::{ColorChoice, Term};

/// What `pan --version` prints after `pan `: the version, then the commit and the build
/// date when the build knew them (see `build.rs`).
pub const VERSION_LINE: &str = env!("PAN_VERSION_LINE");

/// The commit pan was built from (12 hex digits), or empty when the build did not know it.
pub const COMMIT: &str = env!("PAN_COMMIT");

/// The build date (YYYY-MM-DD: `SOURCE_DATE_EPOCH`, else the commit's date), or empty.
pub const BUILD_DATE: &str = env!("PAN_BUILD_DATE");

/// Keep a national action plan as code: what it promised, who carries it, what was
/// measured, and what is late.
#[derive(Debug, Parser)]
#[command(name = "pan", version = VERSION_LINE, about, long_about = None, max_term_width = 100)]
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
    /// What each ministry owes on a date: figures late and due soon; drafts to send.
    Due(due::Args),
    /// Show one action: every field, its calendar, state history and readings.
    Show(show::Args),
    /// Record a dated state of an action (appended to its history).
    Update(update::Args),
    /// Record, import, list and prepare the readings of indicators.
    Reading(reading::Args),
    /// Build the plan's public website (static, French and English) into a folder.
    Site(site::Args),
    /// Export the plan: one JSON document, an open-data package, or a status workbook.
    Export(export::Args),
    /// Print or write the JSON Schema of the plan's files.
    Schema(schema::Args),
    /// Print a shell completion script.
    Completions(completions::Args),
}

/// Run the command line and turn the outcome into an exit status.
pub fn main() -> ExitCode {
    completions::answer();
    ExitCode::from(conclude(&run()))
}

/// Say why a command failed, if it did, and give the exit status it ends with.
fn conclude(outcome: &Result) -> u8 {
    if let Err(e) = outcome {
        match e {
            Error::Parse(e) => {
                let _ = e.print();
            }
            _ => {
                if let Some(m) = e.message() {
                    say(&crate::render::term::sanitize_lines(&m));
                }
            }
        }
    }
    error::exit_status(outcome)
}

/// End the process here, with the command's outcome, once its output is written: what
/// the command still holds (a model of 100,000 actions, millions of readings) goes back
/// to the operating system with the process, where freeing it piece by piece would take
/// a tenth of a second for nothing. Only for a command that holds no lock and no
/// temporary file by then (those must be dropped, to be released or removed).
pub fn exit_now(outcome: Result) -> ! {
    let status = conclude(&outcome);
    let _ = std::io::Write::flush(&mut std::io::stdout());
    std::process::exit(i32::from(status))
}

/// The command line as clap sees it: [`Cli`], with the global `--root` hidden from `pan
/// init`, which creates the repository its DIR names.
pub fn command() -> clap::Command {
    use clap::CommandFactory;
    let mut cmd = Cli::command();
    cmd.build();
    if let Some(init) = cmd.find_subcommand_mut("init") {
        // In place: the built command keeps each argument where it was.
        *init = init.clone().mut_args(|a| {
            if a.get_id() == "root" {
                a.hide(true)
            } else {
                a
            }
        });
    }
    cmd
}

/// Parse the command line and run the command it names.
fn run() -> Result {
    use clap::FromArgMatches;
    let cli = Cli::from_arg_matches(&command().try_get_matches()?)?;
    output::colour_stderr(cli.color);
    let global = Global {
        root: cli.root,
        term: Term::detect(cli.color),
        today: today()?,
    };
    match cli.command {
        Command::Init(a) => init::run(&global, a),
        Command::Validate(a) => validate::run(&global, a),
        Command::Digest(a) => digest::run(&global, a),
        Command::Report(a) => report::run(&global, a),
        Command::Diff(a) => diff::run(&global, a),
        Command::Status(a) => status::run(&global, a),
        Command::Due(a) => due::run(&global, a),
        Command::Show(a) => show::run(&global, a),
        Command::Update(a) => update::run(&global, a),
        Command::Reading(a) => reading::run(&global, a),
        Command::Site(a) => site::run(&global, a),
        Command::Export(a) => export::run(&global, a),
        Command::Schema(a) => schema::run(&global, a),
        Command::Completions(a) => completions::run(a),
    }
}
