//! Changing several files as one. Every new file is first written beside its target as a
//! temporary file and flushed; then a journal naming each (temporary, target) pair is
//! written atomically — the commit point —; then the temporary files are renamed over
//! their targets and the journal removed. A run killed at any moment leaves either no
//! journal (nothing changed; its temporary files are removed) or a complete one (the next
//! run under the lock finishes the renames). So the files are always seen entirely as
//! before or entirely changed, by the next command that takes the lock.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use super::atomic::{self, TMP_PREFIX, TMP_SUFFIX};

/// The journal's name, in the locked folder.
pub const JOURNAL: &str = ".pan-journal";

/// The journal's last line: without it, the journal is not a commit.
const COMMIT: &str = "commit";

/// Replace several files under `dir` (the locked folder) as one change. `changes` are
/// paths inside `dir` (already checked) and their new bytes.
pub fn commit(dir: &Path, changes: &[(PathBuf, Vec<u8>)]) -> anyhow::Result<()> {
    if changes.len() == 1 {
        let (path, bytes) = &changes[0];
        return atomic::write(path, bytes);
    }
    // 1. Every new file, written and flushed beside its target, and closed at once: a
    // change of thousands of files never holds more than one open (the usual limit is
    // 256 open files on macOS, 1,024 on Linux).
    let mut prepared = Vec::with_capacity(changes.len());
    for (path, bytes) in changes {
        prepared.push((atomic::prepare(path, bytes)?.into_temp_path(), path));
    }
    // 2. Kept past this process (a failure below removes them by hand), then the journal.
    let mut pairs: Vec<(PathBuf, &PathBuf)> = Vec::with_capacity(prepared.len());
    for (tmp, target) in prepared {
        let kept = tmp.keep().context("cannot keep a temporary file")?;
        pairs.push((kept, target));
    }
    let mut journal = String::new();
    for (tmp, target) in &pairs {
        let id = identity(tmp).context("cannot read a temporary file's identity")?;
        journal.push_str(&format!(
            "{}\t{}\t{id}\n",
            rel(dir, tmp)?,
            rel(dir, target)?
        ));
    }
    journal.push_str(COMMIT);
    journal.push('\n');
    if let Err(e) = atomic::write(&dir.join(JOURNAL), journal.as_bytes()) {
        for (tmp, _) in &pairs {
            let _ = std::fs::remove_file(tmp);
        }
        return Err(e);
    }
    // 3. The renames, then the journal goes.
    finish(dir, &pairs)
}

/// What ties a journal to the files it was written for: the device, inode and size of the
/// file holding the new bytes (a rename keeps them). Files copied, checked out from git or
/// made by someone else have other inodes, so a journal that came with them (committed by
/// mistake or on purpose) is never replayed over the readings.
fn identity(path: &Path) -> std::io::Result<String> {
    let m = std::fs::symlink_metadata(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Ok(format!("{}:{}:{}", m.dev(), m.ino(), m.len()))
    }
    #[cfg(not(unix))]
    {
        Ok(format!("{}", m.len()))
    }
}

fn finish(dir: &Path, pairs: &[(PathBuf, impl AsRef<Path>)]) -> anyhow::Result<()> {
    for (tmp, target) in pairs {
        let target = target.as_ref();
        if tmp.exists() {
            std::fs::rename(tmp, target)
                .with_context(|| format!("cannot replace {}", target.display()))?;
        }
    }
    sync_dirs(pairs.iter().map(|(_, t)| t.as_ref()));
    std::fs::remove_file(dir.join(JOURNAL)).context("cannot remove the journal")?;
    sync_dirs(std::iter::once(dir.join(JOURNAL).as_path()));
    Ok(())
}

/// Flush the folders holding `paths`, so that renames survive a power cut.
fn sync_dirs<'p>(paths: impl Iterator<Item = &'p Path>) {
    let mut seen = std::collections::BTreeSet::new();
    for p in paths {
        if let Some(d) = p.parent()
            && seen.insert(d.to_path_buf())
            && let Ok(f) = std::fs::File::open(d)
        {
            let _ = f.sync_all();
        }
    }
}

fn rel(dir: &Path, p: &Path) -> anyhow::Result<String> {
    let r = p
        .strip_prefix(dir)
        .with_context(|| format!("{} is outside {}", p.display(), dir.display()))?;
    let s = r.to_string_lossy().replace('\\', "/");
    if s.contains(['\t', '\n']) {
        bail!("{} has a tab or a line break in its name", p.display());
    }
    Ok(s)
}

/// What [`recover`] did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Recovery {
    /// Files whose interrupted replacement was finished.
    pub finished: usize,
    /// Temporary files of killed runs removed.
    pub removed: usize,
}

/// Under the lock of `dir`: finish a committed change a killed run left, and remove the
/// temporary files of runs killed before their commit.
pub fn recover(dir: &Path) -> anyhow::Result<Recovery> {
    let mut out = Recovery::default();
    let journal = dir.join(JOURNAL);
    match std::fs::symlink_metadata(&journal) {
        Ok(m) if m.file_type().is_file() => {
            let mut bytes = Vec::new();
            std::fs::File::open(&journal)
                .and_then(|f| {
                    std::io::Read::read_to_end(&mut std::io::Read::take(f, 64 << 20), &mut bytes)
                })
                .with_context(|| format!("cannot read {}", journal.display()))?;
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let lines: Vec<&str> = text.lines().collect();
            let committed = lines.last() == Some(&COMMIT);
            let mut pairs = Vec::new();
            for l in &lines[..lines.len().saturating_sub(1)] {
                let mut fields = l.split('\t');
                let (Some(tmp), Some(target), Some(id), None) =
                    (fields.next(), fields.next(), fields.next(), fields.next())
                else {
                    bail!(
                        "{} is damaged; remove it after checking the files it names",
                        journal.display()
                    );
                };
                let tmp =
                    super::safe::join(dir, tmp).with_context(|| journal.display().to_string())?;
                let target = super::safe::join(dir, target)
                    .with_context(|| journal.display().to_string())?;
                // The new bytes are in the temporary file, or already in the target.
                let holder = if tmp.exists() { &tmp } else { &target };
                if identity(holder).ok().as_deref() != Some(id) {
                    bail!(
                        "{} names files this run of pan did not write (it may have come from a commit or a copy); pan leaves everything as it is\n  hint: check {} and remove the journal and the .pan-*.tmp files it names; never commit them (pan init's .gitignore leaves them out)",
                        journal.display(),
                        target.display()
                    );
                }
                pairs.push((tmp, target));
            }
            if committed {
                out.finished = pairs.iter().filter(|(t, _)| t.exists()).count();
                finish(dir, &pairs)?;
            } else {
                // Written atomically, a journal is complete or absent: this one was not
                // written by pan. Leave the files as they are.
                bail!(
                    "{} is not a complete journal; remove it after checking the files it names",
                    journal.display()
                );
            }
        }
        Ok(_) => bail!("{} is not a regular file; remove it", journal.display()),
        Err(_) => {}
    }
    // Temporary files of runs killed before their commit: never data, removed.
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(false)
        .max_depth(crate::config::limits::WALK_DEPTH)
        .into_iter()
        .filter_map(Result::ok)
    {
        let name = entry.file_name().to_string_lossy();
        if entry.file_type().is_file()
            && name.starts_with(TMP_PREFIX)
            && name.ends_with(TMP_SUFFIX)
            && std::fs::remove_file(entry.path()).is_ok()
        {
            out.removed += 1;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commits_several_files_and_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("A")).unwrap();
        std::fs::write(d.join("A/x.csv"), "old").unwrap();
        commit(
            d,
            &[
                (d.join("A/x.csv"), b"new x".to_vec()),
                (d.join("B/y.csv"), b"new y".to_vec()),
            ],
        )
        .unwrap();
        assert_eq!(std::fs::read_to_string(d.join("A/x.csv")).unwrap(), "new x");
        assert_eq!(std::fs::read_to_string(d.join("B/y.csv")).unwrap(), "new y");
        assert!(!d.join(JOURNAL).exists());
        assert_eq!(recover(d).unwrap(), Recovery::default());
    }

    #[test]
    fn a_committed_journal_is_finished_and_stray_temporary_files_removed() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("A")).unwrap();
        std::fs::write(d.join("A/x.csv"), "old x").unwrap();
        std::fs::write(d.join("A/y.csv"), "old y").unwrap();
        // Killed after the commit and the first rename.
        std::fs::write(d.join("A/x.csv"), "new x").unwrap();
        std::fs::write(d.join("A/.pan-2.tmp"), "new y").unwrap();
        let journal = format!(
            "A/.pan-1.tmp\tA/x.csv\t{}\nA/.pan-2.tmp\tA/y.csv\t{}\ncommit\n",
            identity(&d.join("A/x.csv")).unwrap(),
            identity(&d.join("A/.pan-2.tmp")).unwrap()
        );
        std::fs::write(d.join(JOURNAL), journal).unwrap();
        // A killed run's temporary file, before any commit.
        std::fs::write(d.join("A/.pan-9.tmp"), "junk").unwrap();
        let r = recover(d).unwrap();
        assert_eq!(
            r,
            Recovery {
                finished: 1,
                removed: 1
            }
        );
        assert_eq!(std::fs::read_to_string(d.join("A/y.csv")).unwrap(), "new y");
        assert_eq!(std::fs::read_to_string(d.join("A/x.csv")).unwrap(), "new x");
        assert!(!d.join(JOURNAL).exists());
        assert!(!d.join("A/.pan-9.tmp").exists());
    }

    #[test]
    fn a_hostile_journal_cannot_move_files_outside() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().join("indicators");
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join(JOURNAL), "../../etc/x\t../pan.toml\t1:2:3\ncommit\n").unwrap();
        assert!(recover(&d).is_err());
        std::fs::write(d.join(JOURNAL), "../../etc/x\t../pan.toml\ncommit\n").unwrap();
        assert!(recover(&d).is_err());
    }

    #[test]
    fn a_journal_that_came_with_its_files_from_elsewhere_is_never_replayed() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("A")).unwrap();
        std::fs::write(d.join("A/x.csv"), "the readings").unwrap();
        // A journal and a temporary file as a commit would bring them: same names, same
        // sizes, but files this machine's pan never wrote.
        std::fs::write(d.join("A/.pan-1.tmp"), "fewer").unwrap();
        std::fs::write(d.join("A/y.csv"), "y").unwrap();
        std::fs::write(
            d.join(JOURNAL),
            "A/.pan-1.tmp\tA/x.csv\t1:99999999:5\nA/y.csv\tA/z.csv\t1:1:1\ncommit\n",
        )
        .unwrap();
        let e = recover(d).unwrap_err().to_string();
        assert!(
            e.contains("names files this run of pan did not write"),
            "{e}"
        );
        assert_eq!(
            std::fs::read_to_string(d.join("A/x.csv")).unwrap(),
            "the readings"
        );
        assert!(d.join("A/y.csv").exists() && !d.join("A/z.csv").exists());
        assert!(d.join(JOURNAL).exists(), "left for a person to look at");
    }
}
