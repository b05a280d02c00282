//! A folder written whole, such as a website: built in a hidden folder beside its
//! destination, then renamed into place. A failed build leaves nothing half-written, and
//! the destination is only ever replaced when it is empty or holds the marker file an
//! earlier build wrote — never a folder of someone else's files, never through a link.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, bail};

use super::atomic::{TMP_PREFIX, TMP_SUFFIX};

/// A folder being built; nothing is visible at its destination until [`Staged::commit`].
/// Dropped without a commit, everything written is removed.
pub struct Staged {
    holder: tempfile::TempDir,
    root: PathBuf,
    dest: PathBuf,
}

/// Whether `dest` may be (re)written by a command whose builds hold `marker`: a new path,
/// an empty folder, or a folder holding the marker file; never a symbolic link.
fn check_destination(dest: &Path, marker: &str) -> anyhow::Result<bool> {
    let shown = dest.display();
    match std::fs::symlink_metadata(dest) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => bail!("cannot use {shown}: {e}"),
        Ok(m) if m.file_type().is_symlink() => bail!(
            "{shown} is a symbolic link; pan does not write through links\n  hint: give the path of a new folder, e.g. -o _site"
        ),
        Ok(m) if !m.is_dir() => bail!(
            "{shown} exists and is not a folder\n  hint: give the path of a new folder, e.g. -o _site"
        ),
        Ok(_) => {
            let empty = std::fs::read_dir(dest)
                .with_context(|| format!("cannot list {shown}"))?
                .next()
                .is_none();
            let ours = std::fs::symlink_metadata(dest.join(marker)).is_ok_and(|m| m.is_file());
            if !empty && !ours {
                bail!(
                    "{shown} is a folder that pan did not build (it has files and no {marker}); pan replaces only an empty folder or a site it built\n  hint: give the path of a new folder, e.g. -o _site, or empty this one"
                );
            }
            Ok(true)
        }
    }
}

impl Staged {
    /// Start building `dest`, which must be a new path, an empty folder, or a folder an
    /// earlier build wrote (it holds `marker`, which the caller writes).
    pub fn new(dest: &Path, marker: &str) -> anyhow::Result<Staged> {
        check_destination(dest, marker)?;
        let parent = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent)
            .with_context(|| format!("cannot create folder {}", parent.display()))?;
        // Beside the destination, so the final rename stays on one file system.
        let holder = tempfile::Builder::new()
            .prefix(TMP_PREFIX)
            .suffix(TMP_SUFFIX)
            .tempdir_in(&parent)
            .with_context(|| format!("cannot create a temporary folder in {}", parent.display()))?;
        // A folder of its own inside the private holder, with the mode any new folder gets.
        let root = holder.path().join("new");
        std::fs::create_dir(&root)
            .with_context(|| format!("cannot create a folder in {}", parent.display()))?;
        Ok(Staged {
            holder,
            root,
            dest: dest.to_path_buf(),
        })
    }

    /// Write the file `rel` (`/`-separated, relative) of the folder. Every path is written
    /// once: a second write of the same path is an error, not an overwrite.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> anyhow::Result<()> {
        self.write_with(rel, &mut |w| w.write_all(bytes))?;
        Ok(())
    }

    /// Like [`Staged::write`], the bytes streamed by `fill` (buffered) rather than held
    /// whole; the number of bytes written.
    pub fn write_with(
        &self,
        rel: &str,
        fill: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> anyhow::Result<u64> {
        let mut path = self.root.clone();
        for c in Path::new(rel).components() {
            match c {
                Component::Normal(part) => path.push(part),
                _ => bail!("`{rel}` is not a plain relative path"),
            }
        }
        if path == self.root {
            bail!("`{rel}` names no file");
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create the folder of {rel}"))?;
        }
        let file =
            std::fs::File::create_new(&path).with_context(|| format!("cannot write {rel}"))?;
        let mut out = std::io::BufWriter::new(file);
        fill(&mut out)
            .and_then(|_| out.flush())
            .with_context(|| format!("cannot write {rel}"))?;
        let written = out
            .get_ref()
            .metadata()
            .with_context(|| format!("cannot write {rel}"))?;
        Ok(written.len())
    }

    /// Put the folder in place: renamed onto a new path, or swapped with the folder it
    /// replaces (which is then removed). On failure the previous folder is put back.
    pub fn commit(self) -> anyhow::Result<()> {
        let shown = self.dest.display();
        // A link or a stranger's folder may have appeared while the site was built.
        let exists = std::fs::symlink_metadata(&self.dest).is_ok();
        if exists {
            let m = std::fs::symlink_metadata(&self.dest)
                .with_context(|| format!("cannot use {shown}"))?;
            if m.file_type().is_symlink() || !m.is_dir() {
                bail!("{shown} changed while the site was built (it is no longer a folder)");
            }
            let old = self.holder.path().join("old");
            std::fs::rename(&self.dest, &old)
                .with_context(|| format!("cannot move the previous {shown} aside"))?;
            if let Err(e) = std::fs::rename(&self.root, &self.dest) {
                let _ = std::fs::rename(&old, &self.dest);
                return Err(e).with_context(|| format!("cannot put the new {shown} in place"));
            }
        } else {
            std::fs::rename(&self.root, &self.dest)
                .with_context(|| format!("cannot put {shown} in place"))?;
        }
        // Dropping the holder removes the previous folder (links inside it are removed,
        // not followed).
        drop(self.holder);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MARK: &str = ".built";

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn builds_then_replaces_its_own_folder_only() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("site");
        let s = Staged::new(&dest, MARK).unwrap();
        s.write(MARK, b"").unwrap();
        s.write("fr/index.html", b"one").unwrap();
        assert!(!dest.exists(), "nothing visible before the commit");
        assert!(
            s.write("fr/index.html", b"again").is_err(),
            "each path once"
        );
        assert!(s.write("../escape", b"x").is_err());
        assert!(s.write("/abs", b"x").is_err());
        s.commit().unwrap();
        assert_eq!(std::fs::read(dest.join("fr/index.html")).unwrap(), b"one");
        // Rebuilt: replaced whole (a stale page disappears), nothing left beside it.
        let s = Staged::new(&dest, MARK).unwrap();
        s.write(MARK, b"").unwrap();
        s.write("en/index.html", b"two").unwrap();
        s.commit().unwrap();
        assert_eq!(names(&dest), vec![MARK.to_string(), "en".to_string()]);
        assert_eq!(names(dir.path()), vec!["site".to_string()]);
        // A failed build (dropped) leaves the previous site as it was and no temporary.
        let s = Staged::new(&dest, MARK).unwrap();
        s.write("x.html", b"half").unwrap();
        drop(s);
        assert_eq!(names(&dest), vec![MARK.to_string(), "en".to_string()]);
        assert_eq!(names(dir.path()), vec!["site".to_string()]);
    }

    #[test]
    fn refuses_strangers_files_and_links() {
        let dir = tempfile::tempdir().unwrap();
        let other = dir.path().join("docs");
        std::fs::create_dir(&other).unwrap();
        std::fs::write(other.join("notes.txt"), "mine").unwrap();
        let err = Staged::new(&other, MARK).err().unwrap().to_string();
        assert!(err.contains("did not build"), "{err}");
        let file = dir.path().join("file");
        std::fs::write(&file, "x").unwrap();
        assert!(Staged::new(&file, MARK).is_err());
        // An empty folder is fine.
        let empty = dir.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        assert!(Staged::new(&empty, MARK).is_ok());
        #[cfg(unix)]
        {
            let link = dir.path().join("link");
            std::os::unix::fs::symlink(&empty, &link).unwrap();
            let err = Staged::new(&link, MARK).err().unwrap().to_string();
            assert!(err.contains("symbolic link"), "{err}");
        }
        assert_eq!(
            std::fs::read_to_string(other.join("notes.txt")).unwrap(),
            "mine"
        );
    }
}
