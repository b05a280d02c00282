//! What every command shares: the global options, the repository and its loading, and
//! today's date (read in this one place).

use std::path::PathBuf;

use super::{Error, Result};
use crate::config::Repo;
use crate::diag::Diagnostic;
use crate::load::scope::LeftOut;
use crate::load::{self, Loaded, tree::FsTree};
use crate::model::ActionCode;
use crate::render::term::{Term, sanitize};

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

    /// Load the repository leniently: what files with problems of form hold is left out,
    /// the problems are summarised on stderr, and the command goes on with the rest (see
    /// [`complete`] for the exit status of its output).
    pub fn load(&self, repo: &Repo) -> Result<(Loaded, LeftOut)> {
        recover(repo)?;
        let tree = FsTree::new(&repo.root);
        let loaded = load::load(&tree, &repo.settings);
        let left = LeftOut::of(&loaded, &repo.settings);
        if !left.is_empty() {
            crate::cmd::say(summary(&left).trim_end());
        }
        // Files that could not be read would otherwise pass unseen (a mistyped readings
        // folder makes every action look unmeasured): said on stderr, the command goes on.
        for d in loaded.diagnostics.iter().filter(|d| {
            d.rule.code == crate::diag::rules::UNREADABLE.code
                && d.severity == crate::diag::Severity::Warning
        }) {
            crate::cmd::say(&format!(
                "warning: {}: {}\n  hint: {}",
                sanitize(&d.file),
                sanitize(&d.message),
                sanitize(&d.hint)
            ));
        }
        Ok((loaded, left))
    }

    /// The terminal settings for stderr (no colour unless forced).
    pub fn term_err(&self) -> Term {
        Term {
            color: false,
            ..self.term
        }
    }
}

/// Most problems of form listed one by one on stderr before a command's output.
const LISTED: usize = 10;

/// A problem of form in brief: `file:line:column: error[CODE]: message`, and its hint on
/// the next line.
fn problem_line(d: &Diagnostic) -> String {
    let at = if d.span.line > 0 {
        format!("{}:{}:{}", d.file, d.span.line, d.span.column)
    } else {
        d.file.clone()
    };
    let mut s = sanitize(&format!("{at}: error[{}]: {}", d.rule.code, d.message));
    if !d.hint.is_empty() {
        s.push_str(&format!("\n      hint: {}", sanitize(&d.hint)));
    }
    s
}

/// The summary of what a lenient load left out, for stderr.
fn summary(left: &LeftOut) -> String {
    let mut s = format!(
        "warning: {} in {}; pan leaves out what it could not read and goes on with the rest\n",
        crate::render::words::count(left.problems.len(), "problem", "problems"),
        crate::render::words::count(left.files.len(), "file", "files"),
    );
    for d in left.problems.iter().take(LISTED) {
        s.push_str(&format!("  {}\n", problem_line(d)));
    }
    if left.problems.len() > LISTED {
        s.push_str(&format!("  … and {} more\n", left.problems.len() - LISTED));
    }
    s.push_str("  hint: `pan validate` shows each problem with its fix\n");
    s
}

/// The outcome of a read command whose output covers `actions` (and the context
/// indicators, when `context`): when problems of form left out any of them, or a file
/// the whole plan depends on, the output shown is incomplete, and the command ends with
/// status 1 once it is written; otherwise it succeeds.
pub fn complete(left: &LeftOut, actions: &[ActionCode], context: bool) -> Result {
    let mut missing: Vec<String> = left.plan_files.iter().map(|f| sanitize(f)).collect();
    let mut codes: Vec<String> = actions
        .iter()
        .filter(|c| left.actions.contains(c))
        .map(|c| c.to_string())
        .collect();
    codes.dedup();
    missing.extend(codes);
    if context && left.context {
        missing.push("the context indicators".into());
    }
    if missing.is_empty() {
        return Ok(());
    }
    const SHOWN: usize = 6;
    let more = missing.len().saturating_sub(SHOWN);
    missing.truncate(SHOWN);
    let mut list = missing.join(", ");
    if more > 0 {
        list.push_str(&format!(" and {more} more"));
    }
    Err(Error::Found(Some(super::error::Problem {
        what: format!("the output is incomplete: it leaves out what pan could not read of {list}"),
        hint: Some("fix the problems above (`pan validate` shows each with its fix)".into()),
        ..Default::default()
    })))
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
            let dir = crate::write::safe::dir(&repo.root, &rel).map_err(Error::from)?;
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
pub fn today() -> Result<jiff::civil::Date> {
    match std::env::var_os(TODAY_VAR) {
        Some(v) => v
            .to_str()
            .and_then(|s| s.trim().parse::<jiff::civil::Date>().ok())
            .ok_or_else(|| {
                Error::usage(format!("{TODAY_VAR}={} is not a date", v.to_string_lossy()))
                    .hint("write it as YYYY-MM-DD, or unset it to use the clock")
            }),
        None => Ok(local_now().date()),
    }
}

/// Now, in the local time zone.
fn local_now() -> jiff::Zoned {
    jiff::Timestamp::now().to_zoned(local_zone())
}

/// The local time zone. Finding the zone's name, the time library lists every file of the
/// system's time zone database (a millisecond at every start, for a date that needs only
/// the zone's rules): unless `TZ` names the zone, its rules are read from `/etc/localtime`
/// directly, and the library is asked only when that fails.
fn local_zone() -> jiff::tz::TimeZone {
    const LOCALTIME: &str = "/etc/localtime";
    #[cfg(unix)]
    if std::env::var_os("TZ").is_none()
        && let Ok(bytes) = crate::files::read(std::path::Path::new(LOCALTIME), 1 << 20, true)
        && let Ok(tz) = jiff::tz::TimeZone::tzif(LOCALTIME, &bytes)
    {
        return tz;
    }
    jiff::tz::TimeZone::system()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_local_zone_is_the_one_the_library_finds() {
        // Fixed instants (no clock): both zones give the same offset, summer and winter.
        let system = jiff::tz::TimeZone::system();
        let ours = super::local_zone();
        for ts in [
            "2026-01-15T12:00:00Z",
            "2026-07-15T12:00:00Z",
            "2030-03-31T01:30:00Z",
        ] {
            let ts: jiff::Timestamp = ts.parse().unwrap();
            assert_eq!(ours.to_offset(ts), system.to_offset(ts), "{ts}");
        }
    }
}
