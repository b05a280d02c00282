//! `pan update`: record a dated state of an action, appended to its history without
//! touching anything else in its file.

use jiff::civil::Date;

use super::{Error, Global, Result};
use crate::model::action::StateProblem;
use crate::model::{State, StateEntry};
use crate::render::term::sanitize;
use crate::write::states::{self, RecordError, Refusal};

/// Arguments of `pan update`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  pan update IN-B-11.02 --state in_progress --date 2026-03-12 \\\n    --note \"Première séance le 12 mars\"\n  pan update IN-B-11.02 --state done --date 2026-11-20 --note \"Terminée\"\n  pan update IN-B-11.02 --state in_progress --reopen --note \"Reprise en 2027\""
)]
pub struct Args {
    /// The action's code.
    #[arg(add = clap_complete::engine::ArgValueCompleter::new(super::completions::codes))]
    pub code: String,
    /// The state reached.
    #[arg(long, value_enum)]
    pub state: StateArg,
    /// The day it was reached (default: today); not before the last entry, not in the future.
    #[arg(long, value_name = "DATE", value_parser = super::args::date)]
    pub date: Option<Date>,
    /// Why, or what happened.
    #[arg(long, value_name = "TEXT")]
    pub note: String,
    /// Reopen an action that is done or cancelled.
    #[arg(long)]
    pub reopen: bool,
    /// Check and show the entry without writing it.
    #[arg(long)]
    pub dry_run: bool,
}

/// The states, as typed on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum StateArg {
    /// Not started.
    Planned,
    /// Under way.
    #[value(name = "in_progress", alias = "in-progress")]
    InProgress,
    /// Finished.
    Done,
    /// Paused.
    Suspended,
    /// Abandoned.
    Cancelled,
}

impl From<StateArg> for State {
    fn from(s: StateArg) -> State {
        match s {
            StateArg::Planned => State::Planned,
            StateArg::InProgress => State::InProgress,
            StateArg::Done => State::Done,
            StateArg::Suspended => State::Suspended,
            StateArg::Cancelled => State::Cancelled,
        }
    }
}

/// Why an entry is refused, in the words of the command line.
fn refusal(p: &StateProblem, entry: &StateEntry, today: Date) -> String {
    match p {
        StateProblem::Future => format!(
            "the date {} is in the future (today is {today}); record a state when it happens",
            entry.date
        ),
        StateProblem::BeforePrevious(d) => format!(
            "the date {} is before the last entry ({d}); history is only appended",
            entry.date
        ),
        StateProblem::AfterClosed(s, d) => format!(
            "the action is {} since {d}; pass --reopen to record a new state deliberately",
            s.as_str()
        ),
        StateProblem::NothingToReopen(Some(s)) => {
            format!(
                "the action is {}, not done or cancelled: there is nothing to reopen",
                s.as_str()
            )
        }
        StateProblem::NothingToReopen(None) => {
            "the action has no state yet: there is nothing to reopen".into()
        }
        StateProblem::NoNote => "the note is empty; say what happened".into(),
    }
}

/// Why the file or the entry is refused, in the words of the command line.
fn refused(r: Refusal, file: &str, code: &str, entry: &StateEntry, today: Date) -> Error {
    match r {
        Refusal::NotRead(e) => {
            Error::refused(format!("not read: {e}; nothing was written")).at(file)
        }
        Refusal::NotText(m) => Error::refused(format!("{m}; nothing was written")).at(file),
        Refusal::Invalid => Error::refused(format!("{file} has problems"))
            .hint("run `pan validate` and fix them first"),
        Refusal::Entry(p) => Error::refused(format!(
            "{}; {file} is unchanged",
            refusal(&p, entry, today)
        ))
        .at(code),
        Refusal::NotAppended(e) => Error::refused(format!("{e}; the file is unchanged")).at(file),
        Refusal::NotSafe => {
            Error::refused("the entry could not be appended safely; the file is unchanged").at(file)
        }
    }
}

/// Run `pan update`.
pub fn run(global: &Global, args: Args) -> Result {
    let repo = global.repo()?;
    let (loaded, left) = global.load(&repo)?;
    let index = super::find_readable(&loaded.plan, &left, &args.code)?;
    let file = loaded.spans[index].file.clone();
    let code = loaded.plan.actions[index].code.to_string();
    let today = global.today;
    let entry = StateEntry {
        date: args.date.unwrap_or(today),
        state: args.state.into(),
        note: args.note.trim().to_string(),
        reopened: args.reopen,
    };
    let plan_start = repo.settings.period_start();
    let action_start = loaded.plan.actions[index].calendar.start.map(|p| p.start());
    if entry.date < plan_start && action_start.is_none_or(|s| entry.date < s) {
        // Recorded all the same (a state may precede both), but said: a mistyped year
        // would otherwise be found only when the state is missing from a digest.
        let starts = match action_start {
            Some(s) => format!("the plan ({plan_start}) and the action ({s}) start"),
            None => format!("the plan starts ({plan_start})"),
        };
        crate::cmd::say(&format!(
            "warning: {} is before {starts}\n  hint: if the year is mistyped, take the entry out of {file} before it is committed, and record it again",
            entry.date
        ));
    }
    let before = match states::record(&repo, &file, &entry, today, args.dry_run) {
        Ok(before) => before,
        Err(RecordError::Refused(r)) => return Err(refused(r, &file, &code, &entry, today)),
        Err(RecordError::Failed(e)) => return Err(e.into()),
    };
    let verb = if args.dry_run {
        "would record"
    } else {
        "recorded"
    };
    println!(
        "{verb} {} {} on {}{}: {} ({file})",
        before.code,
        entry.state.as_str(),
        entry.date,
        if entry.reopened { " (reopened)" } else { "" },
        sanitize(&entry.note)
    );
    Ok(())
}
