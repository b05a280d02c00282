//! A plan repository as it was at a git revision, read with the `git` binary that every CI
//! runner has (`git ls-tree` for the files, one `git cat-file --batch` for their contents).

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::tree::{ContentId, Entry, EntryKind, ReadError, Tree};
use crate::config::{Settings, SettingsError, limits};

/// Why a revision could not be read.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    /// `git` is not installed or could not start.
    #[error("cannot run git: {0}\n  hint: pan diff needs the git command")]
    NoGit(std::io::Error),
    /// The folder is not in a git repository.
    #[error("{} is not in a git repository", .0.display())]
    NotARepository(PathBuf),
    /// The revision does not exist.
    #[error(
        "unknown revision `{0}`\n  hint: name a branch, tag or commit, e.g. HEAD, main or origin/main"
    )]
    UnknownRevision(String),
    /// git failed otherwise.
    #[error("git {0} failed: {1}")]
    Failed(String, String),
}

/// Why a revision's `pan.toml` could not be used.
#[derive(Debug)]
pub enum SettingsAtRevision {
    /// The revision has no `pan.toml` (it is older than the plan repository).
    Missing,
    /// It could not be read (too large, not text).
    Unreadable(String),
    /// It is not valid (the place and hint are in the error).
    Invalid(SettingsError),
}

fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, GitError> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(GitError::NoGit)?;
    if !out.status.success() {
        return Err(GitError::Failed(
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim().to_string(),
        ));
    }
    Ok(out.stdout)
}

/// The plan repository at `root` as it was at revision `rev`: its listing, and the
/// content of the files fetched, under the limits of [`crate::config::limits`]. Files are
/// fetched when the loader says it is about to read them ([`Tree::prefetch`]), all at
/// once; a blob over its limit is passed over as git sends it, never held.
pub struct GitTree {
    top: PathBuf,
    files: std::sync::RwLock<HashMap<String, Vec<u8>>>,
    /// The size of each blob found over the limit it was fetched with, by path.
    large: std::sync::RwLock<HashMap<String, u64>>,
    kinds: Vec<Entry>,
    /// Object id of each file, by path.
    blobs: HashMap<String, String>,
    /// Why a fetch failed, if one did.
    failure: std::sync::Mutex<Option<GitError>>,
    /// The commit the revision names.
    pub commit: String,
}

impl GitTree {
    /// Read every file under `root` (the folder holding pan.toml, possibly a subfolder of
    /// the git repository) at revision `rev`.
    pub fn open(root: &Path, rev: &str) -> Result<GitTree, GitError> {
        // One call for where the repository is, one for the revision.
        let located = match git(root, &["rev-parse", "--show-toplevel", "--show-prefix"]) {
            Err(GitError::NoGit(e)) => return Err(GitError::NoGit(e)),
            Err(_) => return Err(GitError::NotARepository(root.to_path_buf())),
            Ok(out) => String::from_utf8_lossy(&out).into_owned(),
        };
        let mut lines = located.lines();
        let top = PathBuf::from(lines.next().unwrap_or("").trim());
        let prefix = lines.next().unwrap_or("").trim().to_string();
        let commit = match git(
            root,
            &[
                "rev-parse",
                "--verify",
                "--quiet",
                &format!("{rev}^{{commit}}"),
            ],
        ) {
            Ok(out) => String::from_utf8_lossy(&out).trim().to_string(),
            Err(_) => return Err(GitError::UnknownRevision(rev.to_string())),
        };
        // Without `-l`: sizes would have git open every blob of the revision (50 ms of
        // its CPU time at 20,000 files); the size of a blob fetched comes before it.
        let mut args = vec!["ls-tree", "-r", "-z", "--full-tree", commit.as_str()];
        if !prefix.is_empty() {
            args.push("--");
            args.push(prefix.as_str());
        }
        let listing = git(&top, &args)?;
        let mut kinds = Vec::new();
        let mut blobs = HashMap::new();
        for item in listing.split(|&b| b == 0).filter(|s| !s.is_empty()) {
            let item = String::from_utf8_lossy(item);
            let Some((meta, path)) = item.split_once('\t') else {
                continue;
            };
            let parts: Vec<&str> = meta.split_whitespace().collect();
            let [mode, kind, oid] = parts.as_slice() else {
                continue;
            };
            let rel = path
                .strip_prefix(prefix.as_str())
                .unwrap_or(path)
                .to_string();
            let entry_kind = match (*mode, *kind) {
                ("120000", _) => EntryKind::Symlink,
                (_, "blob") => EntryKind::File,
                _ => EntryKind::Other,
            };
            if entry_kind == EntryKind::File {
                blobs.insert(rel.clone(), oid.to_string());
            }
            kinds.push(Entry {
                path: rel,
                kind: entry_kind,
            });
        }
        kinds.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(GitTree {
            top,
            files: Default::default(),
            large: Default::default(),
            kinds,
            blobs,
            failure: Default::default(),
            commit,
        })
    }

    /// The empty revision of a repository without a commit yet (`git init` just ran):
    /// no file at all, so that everything in the working tree is new.
    pub fn empty(root: &Path) -> GitTree {
        GitTree {
            top: root.to_path_buf(),
            files: Default::default(),
            large: Default::default(),
            kinds: Vec::new(),
            blobs: HashMap::new(),
            failure: Default::default(),
            commit: String::new(),
        }
    }

    /// The best common ancestor of two revisions (what `git diff A...B` compares `B`
    /// with): the commit a branch started from.
    pub fn merge_base(root: &Path, a: &str, b: &str) -> Result<String, GitError> {
        for rev in [a, b] {
            let spec = format!("{rev}^{{commit}}");
            if git(root, &["rev-parse", "--verify", "--quiet", &spec]).is_err() {
                return Err(match git(root, &["rev-parse", "--show-toplevel"]) {
                    Err(GitError::NoGit(e)) => GitError::NoGit(e),
                    Err(_) => GitError::NotARepository(root.to_path_buf()),
                    Ok(_) => GitError::UnknownRevision(rev.to_string()),
                });
            }
        }
        let out = git(root, &["merge-base", a, b])?;
        Ok(String::from_utf8_lossy(&out).trim().to_string())
    }

    /// Whether `root` is in a git repository whose current branch has no commit yet.
    pub fn unborn(root: &Path) -> bool {
        git(root, &["rev-parse", "--verify", "--quiet", "HEAD"]).is_err()
            && git(root, &["symbolic-ref", "--quiet", "HEAD"]).is_ok()
    }

    /// The content of `rel`, when it is a file of at most `limit` bytes.
    pub fn file(&self, rel: &str, limit: u64) -> Option<Vec<u8>> {
        self.prefetch(&[(rel, limit)]);
        self.read(rel, limit).ok()
    }

    /// The revision's own settings (`pan.toml` as it was then): the paths and code
    /// format of a revision may differ from today's.
    pub fn settings(&self) -> Result<Settings, SettingsAtRevision> {
        use crate::config::SETTINGS_FILE;
        let bytes = self
            .read(SETTINGS_FILE, limits::SETTINGS_FILE_BYTES)
            .map_err(|e| match e {
                ReadError::Io(io) if io.kind() == std::io::ErrorKind::NotFound => {
                    SettingsAtRevision::Missing
                }
                e => SettingsAtRevision::Unreadable(e.to_string()),
            })?;
        let text = String::from_utf8(bytes)
            .map_err(|_| SettingsAtRevision::Unreadable("it is not UTF-8 text".into()))?;
        Settings::parse(&text, Path::new(SETTINGS_FILE)).map_err(SettingsAtRevision::Invalid)
    }

    /// Why fetching files from git failed, if it did (the files it should have fetched
    /// then read as errors).
    pub fn failure(&self) -> Option<GitError> {
        self.failure.lock().ok()?.take()
    }
}

/// The blobs one `git cat-file --batch` fetched, by path, and the size of those over
/// their limit (read past, not kept).
type Fetched = (HashMap<String, Vec<u8>>, Vec<(String, u64)>);

/// Read many blobs (path, object id, limit) with one `git cat-file --batch`.
fn cat_blobs(top: &Path, blobs: &[(String, String, u64)]) -> Result<Fetched, GitError> {
    let mut child = Command::new("git")
        .arg("-C")
        .arg(top)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(GitError::NoGit)?;
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| GitError::Failed("cat-file".into(), "no stdin".into()))?;
    let ids: Vec<String> = blobs.iter().map(|(_, oid, _)| oid.clone()).collect();
    // Write from a thread so that a large batch cannot deadlock on full pipes.
    let writer = std::thread::spawn(move || {
        for id in ids {
            if writeln!(stdin, "{id}").is_err() {
                break;
            }
        }
    });
    let stdout = child
        .stdout
        .take()
        .ok_or_else(|| GitError::Failed("cat-file".into(), "no stdout".into()))?;
    let mut reader = BufReader::new(stdout);
    let mut out = HashMap::with_capacity(blobs.len());
    let mut large = Vec::new();
    for (path, _, limit) in blobs {
        let mut header = String::new();
        reader
            .read_line(&mut header)
            .map_err(|e| GitError::Failed("cat-file".into(), e.to_string()))?;
        let size: u64 = header
            .split_whitespace()
            .nth(2)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| {
                GitError::Failed("cat-file".into(), format!("unexpected answer {header:?}"))
            })?;
        let failed = |e: std::io::Error| GitError::Failed("cat-file".into(), e.to_string());
        if size > *limit {
            // Over the limit: passed over as it comes, never held in memory.
            let skipped = std::io::copy(&mut (&mut reader).take(size), &mut std::io::sink())
                .map_err(failed)?;
            if skipped != size {
                return Err(GitError::Failed(
                    "cat-file".into(),
                    "the answer ended early".into(),
                ));
            }
            large.push((path.clone(), size));
        } else {
            // Within the limit, which fits in memory.
            let mut buf = vec![0u8; usize::try_from(size).unwrap_or(usize::MAX)];
            reader.read_exact(&mut buf).map_err(failed)?;
            out.insert(path.clone(), buf);
        }
        let mut newline = [0u8; 1];
        let _ = reader.read_exact(&mut newline);
    }
    let _ = writer.join();
    let _ = child.wait();
    Ok((out, large))
}

impl Tree for GitTree {
    fn walk(&self, dir: &str) -> super::tree::Walk {
        let prefix = format!("{}/", dir.trim_end_matches('/'));
        let entries = self
            .kinds
            .iter()
            .filter(|e| e.path.starts_with(&prefix))
            .cloned()
            .collect();
        (entries, Vec::new())
    }

    fn read(&self, path: &str, limit: u64) -> Result<Vec<u8>, ReadError> {
        // A file that was not announced is fetched now, alone.
        let fetched = self.files.read().is_ok_and(|f| f.contains_key(path));
        if !fetched && self.blobs.contains_key(path) {
            self.prefetch(&[(path, limit)]);
        }
        let poisoned = || ReadError::Io(std::io::Error::other("a fetch failed"));
        if let Some(&size) = self.large.read().map_err(|_| poisoned())?.get(path)
            && size > limit
        {
            return Err(ReadError::TooLarge(size));
        }
        let files = self.files.read().map_err(|_| poisoned())?;
        match (files.get(path), self.blobs.get(path)) {
            (Some(b), _) if b.len() as u64 > limit => Err(ReadError::TooLarge(b.len() as u64)),
            (Some(b), _) => Ok(b.clone()),
            (None, Some(_)) => Err(ReadError::Io(std::io::Error::other(
                "not fetched from this revision",
            ))),
            (None, None) => Err(ReadError::Io(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "not in this revision",
            ))),
        }
    }

    fn content_id(&self, path: &str) -> Option<ContentId> {
        ContentId::from_hex(self.blobs.get(path)?)
    }

    fn prefetch(&self, files: &[(&str, u64)]) {
        let wanted: Vec<(String, String, u64)> = {
            let (Ok(have), Ok(large)) = (self.files.read(), self.large.read()) else {
                return;
            };
            files
                .iter()
                .filter(|(path, _)| !have.contains_key(*path))
                // A blob known to be over this limit is not sent again.
                .filter(|(path, limit)| large.get(*path).is_none_or(|size| size <= limit))
                .filter_map(|(path, limit)| {
                    let oid = self.blobs.get(*path)?;
                    Some((path.to_string(), oid.clone(), *limit))
                })
                .collect()
        };
        if wanted.is_empty() {
            return;
        }
        match cat_blobs(&self.top, &wanted) {
            Ok((got, over)) => {
                if let Ok(mut files) = self.files.write() {
                    files.extend(got);
                }
                if let Ok(mut large) = self.large.write() {
                    large.extend(over);
                }
            }
            Err(e) => {
                if let Ok(mut failure) = self.failure.lock() {
                    failure.get_or_insert(e);
                }
            }
        }
    }

    fn is_dir(&self, path: &str) -> bool {
        self.kind(path) == Some(EntryKind::Dir)
    }

    fn kind(&self, path: &str) -> Option<EntryKind> {
        let path = path.trim_end_matches('/');
        // A link on the way (git stores links as entries of their own).
        let mut prefix = String::new();
        for part in path.split('/') {
            if !prefix.is_empty() {
                prefix.push('/');
            }
            prefix.push_str(part);
            if let Ok(i) = self
                .kinds
                .binary_search_by(|e| e.path.as_str().cmp(&prefix))
                && self.kinds[i].kind != EntryKind::File
            {
                return Some(self.kinds[i].kind);
            }
        }
        if self.blobs.contains_key(path) {
            return Some(EntryKind::File);
        }
        let dir = format!("{path}/");
        self.kinds
            .iter()
            .any(|e| e.path.starts_with(&dir))
            .then_some(EntryKind::Dir)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn git_in(dir: &Path, args: &[&str]) {
        let out = Command::new("git")
            .current_dir(dir)
            .args([
                "-c",
                "user.name=pan tests",
                "-c",
                "user.email=tests@pan.invalid",
            ])
            .args(["-c", "commit.gpgsign=false"])
            .args(args)
            .output()
            .expect("git runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    #[test]
    fn a_blob_over_its_limit_is_passed_over_and_the_next_blob_is_read_whole() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let big = "x".repeat(3 * 1024 * 1024 + 7);
        std::fs::write(dir.path().join("big.yaml"), &big).expect("written");
        std::fs::write(dir.path().join("small.yaml"), "code: IN-A-1.01\n").expect("written");
        git_in(dir.path(), &["init", "-q", "-b", "main"]);
        git_in(dir.path(), &["add", "-A"]);
        git_in(dir.path(), &["commit", "-q", "-m", "base"]);
        let tree = GitTree::open(dir.path(), "HEAD").expect("the revision opens");
        // Fetched at once, the big blob first: the small one after it must come whole.
        tree.prefetch(&[("big.yaml", 1024 * 1024), ("small.yaml", 1024 * 1024)]);
        assert!(
            matches!(tree.read("big.yaml", 1024 * 1024), Err(ReadError::TooLarge(n)) if n == big.len() as u64),
            "refused with its size"
        );
        assert!(
            tree.files
                .read()
                .expect("not poisoned")
                .get("big.yaml")
                .is_none(),
            "never held"
        );
        assert_eq!(
            tree.read("small.yaml", 1024 * 1024).expect("read"),
            b"code: IN-A-1.01\n"
        );
        // Asked again with a limit it fits in, it is fetched.
        assert_eq!(
            tree.read("big.yaml", 4 * 1024 * 1024).expect("read").len(),
            big.len()
        );
        assert!(matches!(
            tree.read("missing.yaml", 1024),
            Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound
        ));
    }
}
