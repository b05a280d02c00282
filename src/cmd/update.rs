//! `pan update`: record a dated state of an action, appended to its history without
//! touching anything else in its file.

use std::process::ExitCode;

use anyhow::Context;
use jiff::civil::Date;

use super::{Global, Refused};
use crate::load;
use crate::model::{State, StateEntry};
use crate::report::card;
use crate::write::{atomic, lock::Lock, states};

/// Arguments of `pan update`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  pan update IN-B-11.02 --state in_progress --note \"Première séance le 12 mars\"\n  pan update IN-B-11.02 --state done --date 2026-11-20 --note \"Dernière séance\"\n  pan update IN-B-11.02 --state in_progress --reopen --note \"Reprise en 2027\""
)]
pub struct Args {
    /// The action's code.
    pub code: String,
    /// The state reached.
    #[arg(long, value_enum)]
    pub state: StateArg,
    /// The day it was reached (default: today); not before the last entry, not in the future.
    #[arg(long, value_name = "DATE")]
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

/// Check a new entry against the history; the reason it is refused otherwise.
pub fn check_entry(
    history: &[StateEntry],
    entry: &StateEntry,
    today: Date,
    reopen: bool,
) -> Result<(), String> {
    if entry.date > today {
        return Err(format!(
            "the date {} is in the future (today is {today}); record a state when it happens",
            entry.date
        ));
    }
    if let Some(last) = history.last() {
        if entry.date < last.date {
            return Err(format!(
                "the date {} is before the last entry ({} on {}); history is only appended",
                entry.date,
                last.state.as_str(),
                last.date
            ));
        }
        if last.state.is_closed() && !reopen {
            return Err(format!(
                "the action is {} since {}; pass --reopen to record a new state deliberately",
                last.state.as_str(),
                last.date
            ));
        }
        if reopen && !last.state.is_closed() {
            return Err(format!(
                "the action is {}, not done or cancelled: there is nothing to reopen",
                last.state.as_str()
            ));
        }
    } else if reopen {
        return Err("the action has no state yet: there is nothing to reopen".into());
    }
    if entry.note.trim().is_empty() {
        return Err("the note is empty; say what happened".into());
    }
    Ok(())
}

/// Run `pan update`.
pub fn run(global: &Global, args: Args) -> anyhow::Result<std::process::ExitCode> {
    let repo = global.repo()?;
    let loaded = global.load(&repo)?;
    let index = card::find(&loaded.plan, &args.code).map_err(Refused)?;
    let file = loaded.spans[index].file.clone();
    let path = crate::write::safe::join(&repo.root, &file).map_err(|e| Refused(e.to_string()))?;
    let today = global.today;
    let entry = StateEntry {
        date: args.date.unwrap_or(today),
        state: args.state.into(),
        note: args.note.trim().to_string(),
        reopened: args.reopen,
    };

    // Under the lock, read the file as it is now: another process may have just changed it.
    let _lock = Lock::acquire(&repo.plan_dir())?;
    let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {file}"))?;
    let (decoded, diags) = load::decode_action_text(&file, &text);
    let Some((before, _)) = decoded.filter(|_| {
        diags
            .iter()
            .all(|d| d.severity != crate::diag::Severity::Error)
    }) else {
        return Err(Refused(format!(
            "{file} has problems; run `pan validate` and fix them first"
        ))
        .into());
    };
    check_entry(&before.states, &entry, today, args.reopen)
        .map_err(|e| Refused(format!("{}: {e}; {file} is unchanged", before.code)))?;
    let new_text = states::append(&text, &entry)
        .map_err(|e| Refused(format!("{file}: {e}; the file is unchanged")))?;

    // Never write a file that does not read back as the same action plus the new entry.
    let (after, _) = load::decode_action_text(&file, &new_text);
    let mut expected = before.clone();
    expected.states.push(entry.clone());
    if after.map(|(a, _)| a) != Some(expected) {
        return Err(Refused(format!(
            "{file}: the entry could not be appended safely; the file is unchanged"
        ))
        .into());
    }
    let verb = if args.dry_run {
        "would record"
    } else {
        "recorded"
    };
    if !args.dry_run {
        atomic::write(&path, new_text.as_bytes())?;
    }
    println!(
        "{verb} {} {} on {}{}: {} ({file})",
        before.code,
        entry.state.as_str(),
        entry.date,
        if entry.reopened { " (reopened)" } else { "" },
        crate::render::term::sanitize(&entry.note)
    );
    Ok(ExitCode::SUCCESS)
}
