//! An exclusive lock on a folder, so that concurrent `pan` processes changing files in it
//! take turns: each reads the current file after taking the lock, so none loses another's
//! change. Taking the lock also finishes or undoes what a killed run left (see
//! [`super::journal`]).

use std::fs::File;
use std::path::Path;

use anyhow::{Context, bail};

/// The lock file's name (hidden: the loader ignores it; add it to `.gitignore`).
pub const LOCK_FILE: &str = ".pan.lock";

/// A held lock; released when dropped.
#[derive(Debug)]
pub struct Lock {
    file: File,
}

impl Lock {
    /// Wait for and take the lock of `dir` (a folder already checked by
    /// [`super::safe::dir`]), then recover what a killed run left in it.
    pub fn acquire(dir: &Path) -> anyhow::Result<Lock> {
        let path = dir.join(LOCK_FILE);
        let mut options = File::options();
        options.create(true).truncate(false).read(true).write(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            // Never through a link, never blocking on a FIFO.
            options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
            options.mode(0o666);
        }
        let file = match options.open(&path) {
            Ok(f) => f,
            #[cfg(unix)]
            Err(e) if e.raw_os_error() == Some(libc::ELOOP) => bail!(
                "{} is a symbolic link; pan does not write through links\n  hint: remove it (pan creates the lock file itself)",
                path.display()
            ),
            Err(e) => {
                return Err(e).with_context(|| format!("cannot open lock file {}", path.display()));
            }
        };
        if !file.metadata().is_ok_and(|m| m.is_file()) {
            bail!(
                "{} is not a regular file\n  hint: remove it (pan creates the lock file itself)",
                path.display()
            );
        }
        file.lock()
            .with_context(|| format!("cannot lock {}", path.display()))?;
        let lock = Lock { file };
        super::journal::recover(dir)?;
        Ok(lock)
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}
