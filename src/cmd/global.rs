//! What every command shares: the global options, the repository and its loading, and
//! today's date (read in this one place).

use std::path::PathBuf;

use super::{Error, Result};
use crate::config::Repo;
use crate::load::{self, Loaded, tree::FsTree};
use crate::render::term::Term;

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
                "the plan has {} problem(s) in its files",
                errors.len()
            ))
            .hint("fix them (see above, or run `pan validate`)"));
        }
        // Files that could not be read would otherwise pass unseen (a mistyped readings
        // folder makes every action look unmeasured): said on stderr, the command goes on.
        for d in loaded.diagnostics.iter().filter(|d| {
            d.rule.code == crate::diag::rules::UNREADABLE.code
                && d.severity == crate::diag::Severity::Warning
        }) {
            eprintln!(
                "warning: {}: {}\n  hint: {}",
                crate::render::term::sanitize(&d.file),
                crate::render::term::sanitize(&d.message),
                crate::render::term::sanitize(&d.hint)
            );
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
