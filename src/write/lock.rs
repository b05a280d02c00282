//! An exclusive lock on a folder, so that concurrent `pan` processes changing files in it
//! take turns: each reads the current file after taking the lock, so none loses another's
//! change.

use std::fs::File;
use std::path::Path;

use anyhow::Context;

/// The lock file's name (hidden: the loader ignores it; add it to `.gitignore`).
pub const LOCK_FILE: &str = ".pan.lock";

/// A held lock; released when dropped.
#[derive(Debug)]
pub struct Lock {
    file: File,
}

impl Lock {
    /// Wait for and take the lock of `dir` (created if needed).
    pub fn acquire(dir: &Path) -> anyhow::Result<Lock> {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create folder {}", dir.display()))?;
        let path = dir.join(LOCK_FILE);
        let file = File::options()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(&path)
            .with_context(|| format!("cannot open lock file {}", path.display()))?;
        file.lock()
            .with_context(|| format!("cannot lock {}", path.display()))?;
        Ok(Lock { file })
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}
