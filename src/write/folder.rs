//! One policy for every folder a person names with `-o DIR` (`pan site`, `pan export
//! --format datapackage`, and any folder output to come): the folder is built whole in a
//! hidden folder beside its destination, then put in place, so a failed build leaves
//! nothing half-written. The destination is never the repository, a folder holding it,
//! or a folder inside the folders pan reads; it is never reached through a symbolic
//! link; and it is replaced only when it is new, empty, or holds exactly what an earlier
//! build wrote there — every file as its manifest lists it (path, size, SHA-1). A file
//! pan did not write, or changed since, is never removed.
//!
//! A build killed before it finished leaves its hidden folder (`.pan-*.tmp`): the next
//! build beside it removes it, once the lock it held is free.

use std::collections::HashMap;
use std::fs::File;
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, bail};
use sha1::Digest;

use super::atomic::{TMP_PREFIX, TMP_SUFFIX};

/// The file at the root of every folder pan builds: what it wrote there.
pub const MANIFEST: &str = ".pan-manifest";
/// The manifest's first line, naming its format.
const MANIFEST_HEAD: &str = "pan manifest 1";
/// The largest manifest read (a site of 100,000 actions lists about 200,000 files).
const MANIFEST_BYTES: u64 = 64 * 1024 * 1024;
/// The file a build holds locked inside its hidden folder while it runs.
const BUILD_LOCK: &str = "build.lock";
/// Entries named in a refusal, at most.
const NAMED: usize = 3;

/// The folders an output folder must keep out of: the repository (neither it nor a folder
/// holding it) and the folders pan reads (nothing inside them).
#[derive(Clone, Debug, Default)]
pub struct Guard {
    repo: Option<PathBuf>,
    read: Vec<PathBuf>,
}

impl Guard {
    /// The guard of the repository at `root`, whose plan files are read from `read`.
    pub fn new(root: &Path, read: &[PathBuf]) -> Guard {
        Guard {
            repo: Some(real(root)),
            read: read.iter().map(|p| real(p)).collect(),
        }
    }

    /// The guard of the plan repository that holds `path`, if any (the nearest folder
    /// above it with a `pan.toml`), so that a new folder is never made inside the folders
    /// it reads.
    pub fn enclosing(path: &Path) -> Guard {
        let path = real(path);
        let settings = crate::config::SETTINGS_FILE;
        for dir in path.ancestors().skip(1) {
            if std::fs::symlink_metadata(dir.join(settings)).is_ok_and(|m| m.is_file()) {
                let read = match crate::config::Repo::open(dir) {
                    Ok(r) => [r.plan_dir(), r.indicators_dir()],
                    Err(_) => [dir.join("plan"), dir.join("indicators")],
                };
                return Guard::new(dir, &read);
            }
        }
        Guard::default()
    }

    /// Refuse `path` when it is the repository, holds it, or lies in a folder pan reads.
    pub fn check_path(&self, path: &Path) -> anyhow::Result<()> {
        self.check(&real(path), &plain(&path.display().to_string()))
    }

    /// Refuse `dest` (resolved) when it is the repository, holds it, or lies in a folder
    /// pan reads.
    fn check(&self, dest: &Path, shown: &str) -> anyhow::Result<()> {
        if let Some(repo) = &self.repo
            && repo.starts_with(dest)
        {
            bail!(
                "{shown} is the plan's repository or a folder that holds it; pan never replaces it\n  hint: give the path of a new folder, e.g. -o _site"
            );
        }
        for dir in &self.read {
            if dest.starts_with(dir) || dir.starts_with(dest) {
                bail!(
                    "{shown} is inside, or holds, {}, a folder pan reads the plan from; pan would read what it writes as plan files\n  hint: give the path of a new folder beside them, e.g. -o _site",
                    dir.display()
                );
            }
        }
        Ok(())
    }
}

/// `path` as the file system resolves it: its deepest existing ancestor made canonical,
/// the rest (not yet created) appended as written.
fn real(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut rest: Vec<&std::ffi::OsStr> = Vec::new();
    let mut at = absolute.as_path();
    loop {
        if let Ok(c) = at.canonicalize() {
            let mut out = c;
            for part in rest.iter().rev() {
                if *part == ".." {
                    out.pop();
                } else if *part != "." {
                    out.push(part);
                }
            }
            return out;
        }
        match (at.parent(), at.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name);
                at = parent;
            }
            _ => return absolute,
        }
    }
}

/// Refuse a path that goes through a symbolic link on the way: each component as written
/// (from the working folder for a relative path) is checked. A link directly under the
/// root of the file system (`/tmp` on macOS) is the system's own and is not refused.
pub fn no_link_on_the_way(path: &Path) -> anyhow::Result<()> {
    let mut at = PathBuf::new();
    for c in path.components() {
        match c {
            Component::Prefix(_) | Component::RootDir => {
                at.push(c.as_os_str());
                continue;
            }
            Component::CurDir => continue,
            Component::ParentDir | Component::Normal(_) => at.push(c.as_os_str()),
        }
        let system = path.is_absolute() && at.parent().is_some_and(|p| p.parent().is_none());
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() && !system => bail!(
                "{} is a symbolic link; pan does not write through links\n  hint: give the path of the folder itself",
                at.display()
            ),
            Ok(_) => {}
            Err(_) => return Ok(()),
        }
    }
    Ok(())
}

/// What a destination holds before a build.
enum Before {
    /// Nothing yet (a new path or an empty folder).
    Nothing,
    /// What an earlier build of the same kind wrote.
    Ours,
}

/// One line of a manifest: size and SHA-1 of a file.
type Listed = HashMap<String, (u64, String)>;

/// A name for a message: control characters shown as `?` (the command line escapes the
/// rest of what it prints).
fn plain(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Read the manifest of `dest`: the kind of folder and its files. `None` when there is
/// none (or it is not a manifest pan writes).
fn manifest(dest: &Path) -> anyhow::Result<Option<(String, Listed)>> {
    let path = dest.join(MANIFEST);
    let bytes = match crate::files::read(&path, MANIFEST_BYTES, false) {
        Ok(b) => b,
        Err(crate::files::ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(None);
        }
        Err(e) => bail!("cannot read {}: {e}", path.display()),
    };
    let text = String::from_utf8_lossy(&bytes);
    let mut lines = text.lines();
    if lines.next() != Some(MANIFEST_HEAD) {
        return Ok(None);
    }
    let Some(kind) = lines.next().and_then(|l| l.strip_prefix("kind ")) else {
        return Ok(None);
    };
    let mut listed = Listed::new();
    for line in lines {
        let mut parts = line.splitn(3, ' ');
        let (Some(hash), Some(size), Some(rel)) = (parts.next(), parts.next(), parts.next()) else {
            return Ok(None);
        };
        let Ok(size) = size.parse::<u64>() else {
            return Ok(None);
        };
        listed.insert(rel.to_string(), (size, hash.to_string()));
    }
    Ok(Some((kind.to_string(), listed)))
}

/// The SHA-1 of a regular file (never through a link), or `None` when it cannot be read.
fn file_hash(path: &Path) -> Option<String> {
    let mut file = crate::files::open_regular(path, false).ok()?;
    let mut h = sha1::Sha1::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = std::io::Read::read(&mut file, &mut buf).ok()?;
        if n == 0 {
            return Some(hex(&h.finalize()));
        }
        h.update(&buf[..n]);
    }
}

/// The entries of `dest` that are not what its manifest lists (a file pan did not
/// write, changed since, a link, a device), at most a few, and how many in all.
fn strangers(dest: &Path, listed: &Listed) -> (Vec<String>, usize) {
    let mut named = Vec::new();
    let mut count = 0;
    for entry in walkdir::WalkDir::new(dest).follow_links(false).min_depth(1) {
        let (rel, ok) = match entry {
            Ok(e) => {
                let rel = e
                    .path()
                    .strip_prefix(dest)
                    .map(|r| r.to_string_lossy().replace('\\', "/"))
                    .unwrap_or_default();
                let t = e.file_type();
                let ok = if t.is_dir() {
                    true
                } else if !t.is_file() {
                    false
                } else if rel == MANIFEST {
                    true
                } else {
                    listed.get(&rel).is_some_and(|(size, hash)| {
                        e.metadata().is_ok_and(|m| m.len() == *size)
                            && file_hash(e.path()).as_deref() == Some(hash.as_str())
                    })
                };
                (rel, ok)
            }
            Err(e) => (e.to_string(), false),
        };
        if !ok {
            count += 1;
            if named.len() < NAMED {
                named.push(rel);
            }
        }
    }
    (named, count)
}

/// Whether `dest` may be (re)written by a build of `kind`: a new path, an empty folder,
/// or a folder holding only what a build of `kind` wrote; never a link, never a file.
fn check_destination(dest: &Path, kind: &str, guard: &Guard) -> anyhow::Result<Before> {
    let shown = plain(&dest.display().to_string());
    no_link_on_the_way(dest)?;
    guard.check(&real(dest), &shown)?;
    let hint = "give the path of a new folder, e.g. -o _site";
    match std::fs::symlink_metadata(dest) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Before::Nothing),
        Err(e) => bail!("cannot use {shown}: {e}"),
        Ok(m) if m.file_type().is_symlink() => {
            bail!("{shown} is a symbolic link; pan does not write through links\n  hint: {hint}")
        }
        Ok(m) if !m.is_dir() => bail!("{shown} exists and is not a folder\n  hint: {hint}"),
        Ok(_) => {}
    }
    let empty = std::fs::read_dir(dest)
        .with_context(|| format!("cannot list {shown}"))?
        .next()
        .is_none();
    if empty {
        return Ok(Before::Nothing);
    }
    let Some((built, listed)) = manifest(dest)? else {
        bail!(
            "{shown} is a folder that pan did not build (it has files and no {MANIFEST}); pan replaces only an empty folder or one it built\n  hint: {hint}, or empty this one"
        );
    };
    if built != kind {
        bail!(
            "{shown} holds a {built} that pan built, not a {kind}; pan replaces a folder only with the same kind of output\n  hint: {hint}"
        );
    }
    let (named, count) = strangers(dest, &listed);
    if count > 0 {
        let more = if count > named.len() {
            format!(" and {} more", count - named.len())
        } else {
            String::new()
        };
        bail!(
            "{shown} holds what pan did not write there, or changed since ({}{more}); pan replaces only what it wrote\n  hint: move those files elsewhere, or {hint}",
            named
                .iter()
                .map(|n| plain(n))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    Ok(Before::Ours)
}

/// Remove the hidden folders that builds killed before they finished left in `parent`:
/// those whose lock is free (a build still running holds its own).
fn clean_killed_builds(parent: &Path) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(TMP_PREFIX) && name.ends_with(TMP_SUFFIX)) {
            continue;
        }
        if !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let lock = entry.path().join(BUILD_LOCK);
        let Ok(file) = crate::files::open_regular(&lock, false) else {
            continue; // not a build's folder
        };
        if file.try_lock().is_ok() {
            // `remove_dir_all` removes links inside, never what they point to.
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// A folder being built; nothing is visible at its destination until [`Staged::commit`].
/// Dropped without a commit, everything written is removed.
pub struct Staged {
    holder: tempfile::TempDir,
    root: PathBuf,
    dest: PathBuf,
    kind: String,
    written: Mutex<Vec<(String, u64, String)>>,
    _lock: File,
}

impl Staged {
    /// Start building `dest`, a folder of `kind` (`site`, `data package`), which must be
    /// a new path, an empty folder, or a folder an earlier build of `kind` wrote, outside
    /// what `guard` protects.
    pub fn new(dest: &Path, kind: &str, guard: &Guard) -> anyhow::Result<Staged> {
        check_destination(dest, kind, guard)?;
        let parent = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent)
            .with_context(|| format!("cannot create folder {}", parent.display()))?;
        clean_killed_builds(&parent);
        // Beside the destination, so the final rename stays on one file system.
        let holder = tempfile::Builder::new()
            .prefix(TMP_PREFIX)
            .suffix(TMP_SUFFIX)
            .tempdir_in(&parent)
            .with_context(|| format!("cannot create a temporary folder in {}", parent.display()))?;
        let lock = File::create_new(holder.path().join(BUILD_LOCK))
            .and_then(|f| f.try_lock().map(|_| f).map_err(std::io::Error::other))
            .with_context(|| format!("cannot create a temporary folder in {}", parent.display()))?;
        // A folder of its own inside the private holder, with the mode any new folder gets.
        let root = holder.path().join("new");
        std::fs::create_dir(&root)
            .with_context(|| format!("cannot create a folder in {}", parent.display()))?;
        Ok(Staged {
            holder,
            root,
            dest: dest.to_path_buf(),
            kind: kind.to_string(),
            written: Mutex::new(Vec::new()),
            _lock: lock,
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
        fill: &mut dyn FnMut(&mut (dyn Write + Send)) -> std::io::Result<()>,
    ) -> anyhow::Result<u64> {
        let mut path = self.root.clone();
        for c in Path::new(rel).components() {
            match c {
                Component::Normal(part) => path.push(part),
                _ => bail!("`{rel}` is not a plain relative path"),
            }
        }
        if path == self.root || rel == MANIFEST || rel.contains(['\n', '\r']) {
            bail!("`{rel}` is not a name pan writes in a folder");
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create the folder of {rel}"))?;
        }
        let file =
            std::fs::File::create_new(&path).with_context(|| format!("cannot write {rel}"))?;
        // Hashed as it streams, for the manifest: the bytes are never held whole.
        let mut out = Hashing {
            inner: std::io::BufWriter::new(file),
            hash: sha1::Sha1::new(),
            bytes: 0,
        };
        fill(&mut out)
            .and_then(|_| out.flush())
            .with_context(|| format!("cannot write {rel}"))?;
        let hash = hex(&out.hash.finalize());
        if let Ok(mut w) = self.written.lock() {
            w.push((rel.to_string(), out.bytes, hash));
        }
        Ok(out.bytes)
    }

    /// Put the folder in place with its manifest: renamed onto a new path, or swapped
    /// with the folder it replaces (which is then removed). On failure the previous
    /// folder is put back.
    pub fn commit(self) -> anyhow::Result<()> {
        let shown = plain(&self.dest.display().to_string());
        let mut written = self.written.lock().map(|w| w.clone()).unwrap_or_default();
        written.sort();
        let mut text = format!("{MANIFEST_HEAD}\nkind {}\n", self.kind);
        for (rel, size, hash) in &written {
            text.push_str(&format!("{hash} {size} {rel}\n"));
        }
        std::fs::write(self.root.join(MANIFEST), text)
            .with_context(|| format!("cannot write the manifest of {shown}"))?;
        // A link or a stranger's file may have appeared while the folder was built.
        let exists = std::fs::symlink_metadata(&self.dest).is_ok();
        if exists {
            let m = std::fs::symlink_metadata(&self.dest)
                .with_context(|| format!("cannot use {shown}"))?;
            if m.file_type().is_symlink() || !m.is_dir() {
                bail!("{shown} changed while it was built (it is no longer a folder)");
            }
            let old = self.holder.path().join("old");
            std::fs::rename(&self.dest, &old)
                .with_context(|| format!("cannot move the previous {shown} aside"))?;
            // Checked again once aside: nothing may have been added during the build.
            let empty = std::fs::read_dir(&old).is_ok_and(|mut d| d.next().is_none());
            let ours = manifest(&old)
                .ok()
                .flatten()
                .is_some_and(|(kind, listed)| kind == self.kind && strangers(&old, &listed).1 == 0);
            if !(empty || ours) {
                let _ = std::fs::rename(&old, &self.dest);
                bail!(
                    "{shown} changed while it was built (files were added to it); nothing was replaced"
                );
            }
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

/// A writer that hashes and counts what goes through it (for the manifest).
struct Hashing<W> {
    inner: W,
    hash: sha1::Sha1,
    bytes: u64,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KIND: &str = "site";

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    fn none() -> Guard {
        Guard::default()
    }

    #[test]
    fn builds_then_replaces_its_own_folder_only() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("site");
        let s = Staged::new(&dest, KIND, &none()).unwrap();
        s.write("fr/index.html", b"one").unwrap();
        assert!(!dest.exists(), "nothing visible before the commit");
        assert!(
            s.write("fr/index.html", b"again").is_err(),
            "each path once"
        );
        assert!(s.write("../escape", b"x").is_err());
        assert!(s.write("/abs", b"x").is_err());
        assert!(s.write(MANIFEST, b"x").is_err());
        s.commit().unwrap();
        assert_eq!(std::fs::read(dest.join("fr/index.html")).unwrap(), b"one");
        let listed = std::fs::read_to_string(dest.join(MANIFEST)).unwrap();
        assert!(listed.contains(" 3 fr/index.html\n"), "{listed}");
        // Rebuilt: replaced whole (a stale page disappears), nothing left beside it.
        let s = Staged::new(&dest, KIND, &none()).unwrap();
        s.write("en/index.html", b"two").unwrap();
        s.commit().unwrap();
        assert_eq!(names(&dest), vec![MANIFEST.to_string(), "en".to_string()]);
        assert_eq!(names(dir.path()), vec!["site".to_string()]);
        // A failed build (dropped) leaves the previous site as it was and no temporary.
        let s = Staged::new(&dest, KIND, &none()).unwrap();
        s.write("x.html", b"half").unwrap();
        drop(s);
        assert_eq!(names(&dest), vec![MANIFEST.to_string(), "en".to_string()]);
        assert_eq!(names(dir.path()), vec!["site".to_string()]);
        // Another kind of output is not replaced by this one.
        let err = Staged::new(&dest, "data package", &none())
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("holds a site"), "{err}");
    }

    #[test]
    fn a_streamed_file_is_hashed_as_it_goes_and_a_failed_stream_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("opendata");
        let s = Staged::new(&dest, KIND, &none()).unwrap();
        let size = s
            .write_with("a.csv", &mut |w| {
                w.write_all(b"x,y\n")?;
                w.write_all(b"1,2\n")
            })
            .unwrap();
        assert_eq!(size, 8, "the size of what was streamed");
        let failed = s.write_with("b.csv", &mut |w| {
            w.write_all(b"half")?;
            Err(std::io::Error::other("the stream broke"))
        });
        assert!(failed.is_err());
        drop(s);
        assert!(!dest.exists(), "nothing visible after a failed build");
        assert_eq!(names(dir.path()), Vec::<String>::new(), "no temporary left");
        // The manifest's hash is the hash of the whole streamed file.
        let s = Staged::new(&dest, KIND, &none()).unwrap();
        s.write_with("a.csv", &mut |w| {
            w.write_all(b"x,y\n")?;
            w.write_all(b"1,2\n")
        })
        .unwrap();
        s.commit().unwrap();
        let listed = std::fs::read_to_string(dest.join(MANIFEST)).unwrap();
        let whole = hex(&sha1::Sha1::digest(b"x,y\n1,2\n"));
        assert!(listed.contains(&format!("{whole} 8 a.csv\n")), "{listed}");
    }

    #[test]
    fn a_file_pan_did_not_write_or_changed_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("site");
        let s = Staged::new(&dest, KIND, &none()).unwrap();
        s.write("index.html", b"one").unwrap();
        s.commit().unwrap();
        std::fs::write(dest.join("CNAME"), "plan.example.org").unwrap();
        let err = Staged::new(&dest, KIND, &none()).err().unwrap().to_string();
        assert!(
            err.contains("did not write") && err.contains("CNAME"),
            "{err}"
        );
        std::fs::remove_file(dest.join("CNAME")).unwrap();
        std::fs::write(dest.join("index.html"), "two").unwrap();
        let err = Staged::new(&dest, KIND, &none()).err().unwrap().to_string();
        assert!(err.contains("index.html"), "{err}");
        // A bare manifest anyone can write is no proof either: it must list every file.
        let other = dir.path().join("docs");
        std::fs::create_dir(&other).unwrap();
        std::fs::write(other.join("notes.txt"), "mine").unwrap();
        std::fs::write(
            other.join(MANIFEST),
            format!("{MANIFEST_HEAD}\nkind site\n"),
        )
        .unwrap();
        let err = Staged::new(&other, KIND, &none())
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("notes.txt"), "{err}");
        assert_eq!(
            std::fs::read_to_string(other.join("notes.txt")).unwrap(),
            "mine"
        );
    }

    #[test]
    fn refuses_strangers_files_links_and_the_repository() {
        let dir = tempfile::tempdir().unwrap();
        let other = dir.path().join("docs");
        std::fs::create_dir(&other).unwrap();
        std::fs::write(other.join("notes.txt"), "mine").unwrap();
        let err = Staged::new(&other, KIND, &none())
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("did not build"), "{err}");
        let file = dir.path().join("file");
        std::fs::write(&file, "x").unwrap();
        assert!(Staged::new(&file, KIND, &none()).is_err());
        // An empty folder is fine.
        let empty = dir.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        assert!(Staged::new(&empty, KIND, &none()).is_ok());
        #[cfg(unix)]
        {
            let link = dir.path().join("link");
            std::os::unix::fs::symlink(&empty, &link).unwrap();
            let err = Staged::new(&link, KIND, &none()).err().unwrap().to_string();
            assert!(err.contains("symbolic link"), "{err}");
            let err = Staged::new(&link.join("sub"), KIND, &none())
                .err()
                .unwrap()
                .to_string();
            assert!(err.contains("symbolic link"), "{err}");
        }
        let repo = dir.path().join("repo");
        std::fs::create_dir_all(repo.join("plan")).unwrap();
        let guard = Guard::new(&repo, &[repo.join("plan"), repo.join("indicators")]);
        for bad in [
            repo.clone(),
            dir.path().to_path_buf(),
            repo.join("plan"),
            repo.join("plan/site"),
            repo.join("indicators/A"),
            repo.join("plan/../plan/x"),
        ] {
            let err = Staged::new(&bad, KIND, &guard)
                .err()
                .unwrap_or_else(|| panic!("{}", bad.display()))
                .to_string();
            assert!(err.contains("pan"), "{err}");
        }
        assert!(Staged::new(&repo.join("_site"), KIND, &guard).is_ok());
    }

    #[test]
    fn a_killed_build_is_cleaned_up_by_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("site");
        let killed = Staged::new(&dest, KIND, &none()).unwrap();
        killed.write("a.html", b"a").unwrap();
        // Killed: nothing runs its drop; its lock is released by the system.
        let Staged { holder, _lock, .. } = killed;
        let left = holder.keep();
        drop(_lock);
        let running = Staged::new(&dir.path().join("other"), KIND, &none()).unwrap();
        assert!(!left.exists(), "the killed build's folder is removed");
        let again = Staged::new(&dest, KIND, &none()).unwrap();
        assert!(
            running.holder.path().exists(),
            "a running build is left alone"
        );
        drop(again);
        drop(running);
        assert!(names(dir.path()).is_empty(), "{:?}", names(dir.path()));
    }
}
