//! `pan update`: record a dated state of an action, appended to its history without
//! touching anything else in its file.

use std::process::ExitCode;

use jiff::civil::Date;

use super::{Error, Global, Result, find_action};
use crate::load;
use crate::model::action::StateProblem;
use crate::model::{State, StateEntry};
use crate::render::term::sanitize;
use crate::write::{atomic, lock::Lock, safe, states};

/// Arguments of `pan update`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  pan update IN-B-11.02 --state in_progress --note \"Première séance le 12 mars\"\n  pan update IN-B-11.02 --state done --date 2026-11-20 --note \"Dernière séance\"\n  pan update IN-B-11.02 --state in_progress --reopen --note \"Reprise en 2027\""
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

/// Run `pan update`.
pub fn run(global: &Global, args: Args) -> Result {
    let repo = global.repo()?;
    let loaded = global.load(&repo)?;
    let index = find_action(&loaded.plan, &args.code)?;
    let file = loaded.spans[index].file.clone();
    let path = safe::join(&repo.root, &file).map_err(|e| Error::Fatal(e.into()))?;
    let today = global.today;
    let entry = StateEntry {
        date: args.date.unwrap_or(today),
        state: args.state.into(),
        note: args.note.trim().to_string(),
        reopened: args.reopen,
    };

    // Under the lock, read the file as it is now: another process may have just changed it.
    let plan_dir = safe::dir(&repo.root, &repo.settings.paths.plan_str())
        .map_err(|e| Error::Fatal(e.into()))?;
    let _lock = Lock::acquire(&plan_dir)?;
    let bytes = crate::files::read(&path, crate::config::limits::PLAN_FILE_BYTES, false)
        .map_err(|e| Error::refused(format!("{file}: not read: {e}; nothing was written")))?;
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
        "\u{feff}"
    } else {
        ""
    };
    let text = load::text_of(&file, bytes)
        .map_err(|d| Error::refused(format!("{file}: {}; nothing was written", d.message)))?;
    let (decoded, diags) = load::decode_action_text(&file, &text, repo.settings.plan.codes);
    let Some((before, _)) = decoded.filter(|_| {
        diags
            .iter()
            .all(|d| d.severity != crate::diag::Severity::Error)
    }) else {
        return Err(Error::refused(format!(
            "{file} has problems; run `pan validate` and fix them first"
        )));
    };
    if let Some(p) = entry.problems(before.states.last(), today).first() {
        return Err(Error::refused(format!(
            "{}: {}; {file} is unchanged",
            before.code,
            refusal(p, &entry, today)
        )));
    }
    let new_text = states::append(&text, &entry)
        .map_err(|e| Error::refused(format!("{file}: {e}; the file is unchanged")))?;

    // Never write a file that does not read back as the same action plus the new entry.
    let (after, _) = load::decode_action_text(&file, &new_text, repo.settings.plan.codes);
    let mut expected = before.clone();
    expected.states.push(entry.clone());
    if after.map(|(a, _)| a) != Some(expected) {
        return Err(Error::refused(format!(
            "{file}: the entry could not be appended safely; the file is unchanged"
        )));
    }
    let verb = if args.dry_run {
        "would record"
    } else {
        "recorded"
    };
    if !args.dry_run {
        atomic::write(&path, format!("{bom}{new_text}").as_bytes())?;
    }
    println!(
        "{verb} {} {} on {}{}: {} ({file})",
        before.code,
        entry.state.as_str(),
        entry.date,
        if entry.reopened { " (reopened)" } else { "" },
        sanitize(&entry.note)
    );
    Ok(ExitCode::SUCCESS)
}
