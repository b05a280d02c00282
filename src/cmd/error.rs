//! The one error type of the command line: its variant, not its text, decides the exit
//! status ([`Error::status`] is the one rule), and its fields keep apart what went
//! wrong, where, what to do, and the error underneath.

use std::fmt;
use std::process::ExitCode;

/// What went wrong, where, what to do about it, and the error underneath it.
#[derive(Debug, Default)]
pub struct Problem {
    /// What went wrong, in a sentence without its place or its fix.
    pub what: String,
    /// Where: a file, a file and line, an option (`--report`), when there is one.
    pub place: Option<String>,
    /// What to do about it, printed on a line of its own.
    pub hint: Option<String>,
    /// The error underneath (an I/O error, a spreadsheet writer's), its causes kept.
    pub source: Option<anyhow::Error>,
}

impl fmt::Display for Problem {
    /// `PLACE: WHAT: SOURCE: ITS CAUSE`, then `  hint: HINT` on the next line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(place) = &self.place {
            write!(f, "{place}: ")?;
        }
        f.write_str(&self.what)?;
        if let Some(source) = &self.source {
            if !self.what.is_empty() {
                f.write_str(": ")?;
            }
            write!(f, "{source:#}")?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Why a command did not succeed.
#[derive(Debug)]
pub enum Error {
    /// The command line is wrong: an unknown code, lever, ministry, rule or value, a
    /// malformed date, an impossible combination of options.
    Usage(Problem),
    /// The input is refused: the plan has problems, a reading or state breaks a rule, an
    /// import has a bad row, a change rewrites history. Nothing was written.
    Refused(Problem),
    /// The check found problems, printed with the command's output (`pan validate`);
    /// a note may add what the output cannot show.
    Found(Option<Problem>),
    /// `pan` could not run: no plan repository, unreadable settings, a failed read or
    /// write.
    Fatal(Problem),
    /// The command line could not be parsed, or asked for help or the version: clap says
    /// which, and prints it.
    Parse(clap::Error),
    /// Standard output was closed by the reader (`pan status | head`): not a failure.
    Closed,
}

/// The result of a command.
pub type Result<T = ()> = std::result::Result<T, Error>;

impl Error {
    /// A wrong command line.
    pub fn usage(what: impl Into<String>) -> Error {
        Error::Usage(Problem {
            what: what.into(),
            ..Problem::default()
        })
    }

    /// Refused input (nothing was written).
    pub fn refused(what: impl Into<String>) -> Error {
        Error::Refused(Problem {
            what: what.into(),
            ..Problem::default()
        })
    }

    /// `pan` could not run.
    pub fn fatal(what: impl Into<String>) -> Error {
        Error::Fatal(Problem {
            what: what.into(),
            ..Problem::default()
        })
    }

    fn problem(&mut self) -> Option<&mut Problem> {
        match self {
            Error::Usage(p) | Error::Refused(p) | Error::Fatal(p) | Error::Found(Some(p)) => {
                Some(p)
            }
            Error::Found(None) | Error::Parse(_) | Error::Closed => None,
        }
    }

    /// The same error, with what to do about it.
    pub fn hint(mut self, hint: impl Into<String>) -> Error {
        if let Some(p) = self.problem() {
            p.hint = Some(hint.into());
        }
        self
    }

    /// The same error, with where it is.
    pub fn at(mut self, place: impl Into<String>) -> Error {
        if let Some(p) = self.problem() {
            p.place = Some(place.into());
        }
        self
    }

    /// The same error, with the error underneath it.
    pub fn because(mut self, source: impl Into<anyhow::Error>) -> Error {
        if let Some(p) = self.problem() {
            p.source = Some(source.into());
        }
        self
    }

    /// The exit status this error ends the command with — the one rule, which `pan
    /// --help` states to people:
    ///
    /// - 0: success, help or version asked for, or standard output closed by its reader;
    /// - 1: problems found or input refused (nothing was written);
    /// - 2: the command line is wrong, or `pan` could not run.
    pub fn status(&self) -> u8 {
        match self {
            Error::Closed => 0,
            Error::Parse(e) if !e.use_stderr() => 0,
            Error::Refused(_) | Error::Found(_) => 1,
            Error::Usage(_) | Error::Fatal(_) | Error::Parse(_) => 2,
        }
    }

    /// [`Error::status`] as the process's exit code.
    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(self.status())
    }

    /// What to print on standard error (nothing for a closed output, nor for clap's own
    /// messages, which clap prints).
    pub fn message(&self) -> Option<String> {
        match self {
            Error::Closed | Error::Parse(_) | Error::Found(None) => None,
            Error::Usage(p) | Error::Refused(p) | Error::Fatal(p) | Error::Found(Some(p)) => {
                Some(format!("error: {p}"))
            }
        }
    }
}

/// The exit status of a command's outcome: 0 for success, else [`Error::status`].
pub fn exit_status(outcome: &Result) -> u8 {
    match outcome {
        Ok(()) => 0,
        Err(e) => e.status(),
    }
}

/// Whether an error, or any error under it, is a closed pipe.
fn closed(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

impl From<anyhow::Error> for Error {
    fn from(e: anyhow::Error) -> Error {
        if closed(&e) {
            return Error::Closed;
        }
        Error::Fatal(Problem {
            source: Some(e),
            ..Problem::default()
        })
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        Error::from(anyhow::Error::new(e))
    }
}

impl From<clap::Error> for Error {
    fn from(e: clap::Error) -> Error {
        Error::Parse(e)
    }
}

impl From<crate::config::SettingsError> for Error {
    fn from(e: crate::config::SettingsError) -> Error {
        use crate::config::SettingsError as S;
        let shown = |p: &std::path::Path| crate::render::term::sanitize(&p.display().to_string());
        match e {
            S::Invalid {
                path,
                line,
                column,
                message,
                hint,
            } => Error::fatal(message)
                .at(format!("{}:{line}:{column}", shown(&path)))
                .hint(hint),
            S::Read { path, source } => {
                Error::fatal("cannot read").at(shown(&path)).because(source)
            }
            S::NotFound(_) | S::NoSettingsInRoot(_) => with_hint(Error::fatal(""), &e.to_string()),
        }
    }
}

/// A message that carries its hint after `\n  hint: `, split into the two fields.
fn with_hint(mut err: Error, text: &str) -> Error {
    match text.split_once("\n  hint: ") {
        Some((what, hint)) => {
            if let Some(p) = err.problem() {
                p.what = what.to_string();
            }
            err.hint(hint)
        }
        None => {
            if let Some(p) = err.problem() {
                p.what = text.to_string();
            }
            err
        }
    }
}

impl From<crate::load::git::GitError> for Error {
    fn from(e: crate::load::git::GitError) -> Error {
        with_hint(Error::fatal(""), &e.to_string())
    }
}

macro_rules! fatal_from {
    ($($t:ty),*) => {$(
        impl From<$t> for Error {
            fn from(e: $t) -> Error {
                Error::from(anyhow::Error::new(e))
            }
        }
    )*};
}

fatal_from!(
    serde_json::Error,
    csv::Error,
    std::string::FromUtf8Error,
    crate::write::safe::UnsafePath
);

impl<W: std::fmt::Debug + Send + Sync + 'static> From<csv::IntoInnerError<W>> for Error {
    fn from(e: csv::IntoInnerError<W>) -> Error {
        // The writer's error, with its kind (a closed pipe is no failure).
        Error::from(anyhow::Error::new(e.into_error()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hint_is_a_line_of_its_own_and_the_place_comes_first() {
        let e = Error::refused("3 rows are refused")
            .at("figures.csv")
            .hint("fix them and import again");
        assert_eq!(
            e.message().unwrap(),
            "error: figures.csv: 3 rows are refused\n  hint: fix them and import again"
        );
    }

    #[test]
    fn the_source_chain_is_kept() {
        let io = std::io::Error::new(std::io::ErrorKind::PermissionDenied, "denied");
        let e = Error::fatal("the workbook could not be made")
            .because(anyhow::Error::new(io).context("writing plan.xlsx"));
        let m = e.message().unwrap();
        assert_eq!(
            m,
            "error: the workbook could not be made: writing plan.xlsx: denied"
        );
        let Error::Fatal(p) = e else { panic!("fatal") };
        let chain: Vec<String> = p.source.unwrap().chain().map(|c| c.to_string()).collect();
        assert_eq!(chain, ["writing plan.xlsx", "denied"]);
    }

    #[test]
    fn a_closed_pipe_anywhere_in_the_chain_is_no_failure() {
        let pipe = std::io::Error::new(std::io::ErrorKind::BrokenPipe, "closed");
        let e = Error::from(anyhow::Error::new(pipe).context("writing the table"));
        assert!(matches!(e, Error::Closed));
        assert_eq!(e.exit_code(), ExitCode::SUCCESS);
        assert_eq!(e.message(), None);
    }

    #[test]
    fn the_variant_decides_the_exit_status() {
        assert_eq!(Error::usage("x").exit_code(), ExitCode::from(2));
        assert_eq!(Error::fatal("x").exit_code(), ExitCode::from(2));
        assert_eq!(Error::refused("x").exit_code(), ExitCode::from(1));
        assert_eq!(Error::Found(None).exit_code(), ExitCode::from(1));
        assert_eq!(exit_status(&Ok(())), 0);
        assert_eq!(exit_status(&Err(Error::refused("x"))), 1);
        assert_eq!(Error::Found(None).message(), None);
    }

    #[test]
    fn settings_errors_keep_their_place_and_hint_apart() {
        let e = Error::from(crate::config::SettingsError::Invalid {
            path: "pan.toml".into(),
            line: 3,
            column: 1,
            message: "unknown key `titel`".into(),
            hint: "see the README".into(),
        });
        assert_eq!(
            e.message().unwrap(),
            "error: pan.toml:3:1: unknown key `titel`\n  hint: see the README"
        );
        assert_eq!(e.exit_code(), ExitCode::from(2));
    }
}
