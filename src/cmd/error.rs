//! The one error type of the command line: its variant, not its text, decides the exit
//! status.

use std::process::ExitCode;

/// Why a command did not succeed.
#[derive(Debug)]
pub enum Error {
    /// The command line is wrong: an unknown code, lever, ministry, rule or value, a
    /// malformed date, an impossible combination of options. Exit status 2.
    Usage(String),
    /// The input is refused: the plan has problems, a reading or state breaks a rule, an
    /// import has a bad row. Nothing was written. Exit status 1.
    Refused(String),
    /// `pan` could not run: no plan repository, unreadable settings, a failed read or
    /// write. Exit status 2.
    Fatal(anyhow::Error),
    /// Standard output was closed by the reader (`pan status | head`): not a failure.
    Closed,
}

/// The result of a command: its exit status, or why it failed.
pub type Result<T = ExitCode> = std::result::Result<T, Error>;

impl Error {
    /// A wrong command line (exit 2).
    pub fn usage(message: impl Into<String>) -> Error {
        Error::Usage(message.into())
    }

    /// Refused input (exit 1).
    pub fn refused(message: impl Into<String>) -> Error {
        Error::Refused(message.into())
    }

    /// The exit status this error ends the command with.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Error::Closed => ExitCode::SUCCESS,
            Error::Refused(_) => ExitCode::from(1),
            Error::Usage(_) | Error::Fatal(_) => ExitCode::from(2),
        }
    }

    /// What to print on standard error (nothing for a closed output).
    pub fn message(&self) -> Option<String> {
        match self {
            Error::Closed => None,
            Error::Usage(m) | Error::Refused(m) => Some(format!("error: {m}")),
            Error::Fatal(e) => Some(format!("error: {e:#}")),
        }
    }
}

impl From<anyhow::Error> for Error {
    fn from(e: anyhow::Error) -> Error {
        match e.downcast_ref::<std::io::Error>() {
            Some(io) if io.kind() == std::io::ErrorKind::BrokenPipe => Error::Closed,
            _ => Error::Fatal(e),
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Error::Closed
        } else {
            Error::Fatal(e.into())
        }
    }
}

macro_rules! fatal_from {
    ($($t:ty),*) => {$(
        impl From<$t> for Error {
            fn from(e: $t) -> Error {
                Error::Fatal(e.into())
            }
        }
    )*};
}

fatal_from!(
    crate::config::SettingsError,
    serde_json::Error,
    csv::Error,
    std::string::FromUtf8Error
);

impl<W: std::fmt::Debug + Send + Sync + 'static> From<csv::IntoInnerError<W>> for Error {
    fn from(e: csv::IntoInnerError<W>) -> Error {
        Error::Fatal(anyhow::anyhow!("{e}"))
    }
}
