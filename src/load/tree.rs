//! Where plan files come from: the working tree on disk, or (for `pan diff`) a git
//! revision. The loader only sees relative paths and bytes.

use std::path::{Path, PathBuf};

/// What kind of entry a path is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryKind {
    /// A regular file.
    File,
    /// A symbolic link (never followed).
    Symlink,
    /// A folder.
    Dir,
    /// Anything else (socket, device…).
    Other,
}

/// An entry of a tree, by its path relative to the repository root (`/`-separated).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Relative path.
    pub path: String,
    /// Its kind.
    pub kind: EntryKind,
}

pub use crate::files::ReadError;

/// Entries of a walk, and the folders that could not be listed.
pub type Walk = (Vec<Entry>, Vec<(String, std::io::Error)>);

/// A source of plan files.
pub trait Tree: Sync {
    /// Every entry under `dir` (relative), recursively, sorted by path. Folders that cannot
    /// be listed are returned as errors with their path.
    fn walk(&self, dir: &str) -> Walk;

    /// The content of a file, refusing files larger than `limit` bytes.
    fn read(&self, path: &str, limit: u64) -> Result<Vec<u8>, ReadError>;

    /// Whether `path` (relative) names a folder.
    fn is_dir(&self, path: &str) -> bool;

    /// What `path` (relative) is, looking at every component from the root: a symbolic
    /// link anywhere on the way makes it a link; `None` when it does not exist.
    fn kind(&self, path: &str) -> Option<EntryKind>;

    /// The id of a file's content when the tree knows it without reading the file (a git
    /// revision lists its blobs' ids); `None` otherwise.
    fn content_id(&self, _path: &str) -> Option<ContentId> {
        None
    }

    /// The files about to be read, each with its size limit: a tree that has to fetch its
    /// files (a git revision) gets them all at once, and only them.
    fn prefetch(&self, _files: &[(&str, u64)]) {}
}

/// What git names a file's content by: the SHA-1 of `blob <size>\0` followed by the
/// bytes. Two files with the same id hold the same bytes, so they parse the same.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ContentId([u8; 20]);

impl ContentId {
    /// The id of these bytes, as `git hash-object` computes it.
    pub fn of(bytes: &[u8]) -> ContentId {
        use sha1::Digest;
        let mut h = sha1::Sha1::new();
        h.update(format!("blob {}\0", bytes.len()).as_bytes());
        h.update(bytes);
        ContentId(h.finalize().into())
    }

    /// An id written as git writes it (40 hexadecimal digits); `None` for anything else
    /// (a repository that names objects by SHA-256 then never matches: nothing is reused,
    /// everything is still read).
    pub fn from_hex(hex: &str) -> Option<ContentId> {
        let hex = hex.as_bytes();
        if hex.len() != 40 {
            return None;
        }
        let mut out = [0u8; 20];
        for (i, pair) in hex.chunks(2).enumerate() {
            let digit = |c: u8| (c as char).to_digit(16);
            out[i] = u8::try_from(digit(pair[0])? * 16 + digit(pair[1])?).ok()?;
        }
        Some(ContentId(out))
    }
}

/// The working tree on disk.
pub struct FsTree {
    root: PathBuf,
}

impl FsTree {
    /// A tree rooted at `root`.
    pub fn new(root: &Path) -> FsTree {
        FsTree {
            root: root.to_path_buf(),
        }
    }

    fn abs(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    fn rel(&self, p: &Path) -> String {
        p.strip_prefix(&self.root)
            .unwrap_or(p)
            .to_string_lossy()
            .replace('\\', "/")
    }
}

impl FsTree {
    /// Entries under `start`, down to `depth` levels, without following links (so a link
    /// loop cannot make the walk run forever).
    fn walk_from(&self, start: &Path, depth: usize) -> Walk {
        let mut entries = Vec::new();
        let mut errors = Vec::new();
        let walker = walkdir::WalkDir::new(start)
            .follow_links(false)
            .min_depth(1)
            .max_depth(depth);
        for item in walker {
            match item {
                Ok(e) => {
                    let ft = e.file_type();
                    let kind = if ft.is_symlink() {
                        EntryKind::Symlink
                    } else if ft.is_dir() {
                        EntryKind::Dir
                    } else if ft.is_file() {
                        EntryKind::File
                    } else {
                        EntryKind::Other
                    };
                    // No stat per file: sizes are checked when a file is read.
                    entries.push(Entry {
                        path: self.rel(e.path()),
                        kind,
                    });
                }
                Err(err) => {
                    let path = err.path().map(|p| self.rel(p)).unwrap_or_default();
                    let io = err
                        .into_io_error()
                        .unwrap_or_else(|| std::io::Error::other("cannot list this folder"));
                    errors.push((path, io));
                }
            }
        }
        (entries, errors)
    }
}

impl Tree for FsTree {
    fn walk(&self, dir: &str) -> Walk {
        use rayon::prelude::*;
        // The folder's own entries, then each sub-folder walked in parallel (a plan has one
        // folder per lever, a portfolio of plans many more).
        let (mut entries, mut errors) = self.walk_from(&self.abs(dir), 1);
        let subdirs: Vec<PathBuf> = entries
            .iter()
            .filter(|e| e.kind == EntryKind::Dir)
            .map(|e| self.abs(&e.path))
            .collect();
        // Folders deeper than pan reads are listed (and reported), not descended.
        let depth = crate::config::limits::WALK_DEPTH - 1;
        let parts: Vec<Walk> = subdirs
            .par_iter()
            .map(|d| self.walk_from(d, depth))
            .collect();
        for (e, err) in parts {
            entries.extend(e);
            errors.extend(err);
        }
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        (entries, errors)
    }

    fn read(&self, path: &str, limit: u64) -> Result<Vec<u8>, ReadError> {
        // Every folder on the way was listed by the walk without following links; the
        // file itself is opened without following one.
        crate::files::read(&self.abs(path), limit, false)
    }

    fn is_dir(&self, path: &str) -> bool {
        self.kind(path) == Some(EntryKind::Dir)
    }

    fn kind(&self, path: &str) -> Option<EntryKind> {
        let mut at = self.root.clone();
        let mut kind = Some(EntryKind::Dir);
        for part in path.split('/').filter(|p| !p.is_empty() && *p != ".") {
            at.push(part);
            let m = std::fs::symlink_metadata(&at).ok()?;
            let ft = m.file_type();
            if ft.is_symlink() {
                return Some(EntryKind::Symlink);
            }
            kind = Some(if ft.is_dir() {
                EntryKind::Dir
            } else if ft.is_file() {
                EntryKind::File
            } else {
                EntryKind::Other
            });
        }
        kind
    }
}

/// A tree that remembers a fingerprint of every file it hands out, so that what is shown
/// later (source lines beside a diagnostic) is exactly what was read, never a file that
/// changed or was swapped for a link since.
pub struct Recording<'t> {
    inner: &'t dyn Tree,
    prints: std::sync::Mutex<std::collections::HashMap<String, u64>>,
    /// The content id of every file read, when asked for (see [`Recording::with_ids`]).
    ids: Option<std::sync::Mutex<std::collections::HashMap<String, ContentId>>>,
}

/// The fingerprint of a file's bytes.
pub fn fingerprint(bytes: &[u8]) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = rustc_hash::FxBuildHasher.build_hasher();
    h.write(bytes);
    h.write_usize(bytes.len());
    h.finish()
}

impl<'t> Recording<'t> {
    /// Record what `inner` hands out.
    pub fn new(inner: &'t dyn Tree) -> Recording<'t> {
        Recording {
            inner,
            prints: Default::default(),
            ids: None,
        }
    }

    /// Record what `inner` hands out, and the content id of every file (the tree's own
    /// when it knows it, computed from the bytes otherwise).
    pub fn with_ids(inner: &'t dyn Tree) -> Recording<'t> {
        Recording {
            ids: Some(Default::default()),
            ..Recording::new(inner)
        }
    }

    /// The fingerprints of the files read, by path.
    pub fn into_prints(self) -> std::collections::HashMap<String, u64> {
        self.into_parts().0
    }

    /// The fingerprints and the content ids (when recorded) of the files read, by path.
    pub fn into_parts(
        self,
    ) -> (
        std::collections::HashMap<String, u64>,
        std::collections::HashMap<String, ContentId>,
    ) {
        let prints = self.prints.into_inner().unwrap_or_else(|e| e.into_inner());
        let ids = self
            .ids
            .map(|m| m.into_inner().unwrap_or_else(|e| e.into_inner()))
            .unwrap_or_default();
        (prints, ids)
    }
}

impl Tree for Recording<'_> {
    fn walk(&self, dir: &str) -> Walk {
        self.inner.walk(dir)
    }

    fn read(&self, path: &str, limit: u64) -> Result<Vec<u8>, ReadError> {
        let bytes = self.inner.read(path, limit)?;
        let print = fingerprint(&bytes);
        if let Ok(mut m) = self.prints.lock() {
            m.insert(path.to_string(), print);
        }
        if let Some(ids) = &self.ids {
            let id = self
                .inner
                .content_id(path)
                .unwrap_or_else(|| ContentId::of(&bytes));
            if let Ok(mut m) = ids.lock() {
                m.insert(path.to_string(), id);
            }
        }
        Ok(bytes)
    }

    fn is_dir(&self, path: &str) -> bool {
        self.inner.is_dir(path)
    }

    fn kind(&self, path: &str) -> Option<EntryKind> {
        self.inner.kind(path)
    }

    fn content_id(&self, path: &str) -> Option<ContentId> {
        self.inner.content_id(path)
    }

    fn prefetch(&self, files: &[(&str, u64)]) {
        self.inner.prefetch(files)
    }
}

/// Files held in memory (a repository about to be written, checked before it is): paths
/// relative to the root, `/`-separated.
pub struct MemTree {
    files: std::collections::BTreeMap<String, Vec<u8>>,
}

impl MemTree {
    /// A tree of these files.
    pub fn new(files: impl IntoIterator<Item = (String, Vec<u8>)>) -> MemTree {
        MemTree {
            files: files.into_iter().collect(),
        }
    }

    fn dirs(&self) -> std::collections::BTreeSet<String> {
        let mut out = std::collections::BTreeSet::new();
        for path in self.files.keys() {
            let mut at = path.as_str();
            while let Some((parent, _)) = at.rsplit_once('/') {
                out.insert(parent.to_string());
                at = parent;
            }
        }
        out
    }
}

impl Tree for MemTree {
    fn walk(&self, dir: &str) -> Walk {
        let prefix = format!("{}/", dir.trim_end_matches('/'));
        let mut entries: Vec<Entry> = self
            .dirs()
            .into_iter()
            .filter(|d| d.starts_with(&prefix))
            .map(|path| Entry {
                path,
                kind: EntryKind::Dir,
            })
            .chain(
                self.files
                    .keys()
                    .filter(|p| p.starts_with(&prefix))
                    .map(|p| Entry {
                        path: p.clone(),
                        kind: EntryKind::File,
                    }),
            )
            .collect();
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        (entries, Vec::new())
    }

    fn read(&self, path: &str, limit: u64) -> Result<Vec<u8>, ReadError> {
        match self.files.get(path) {
            Some(b) if b.len() as u64 > limit => Err(ReadError::TooLarge(b.len() as u64)),
            Some(b) => Ok(b.clone()),
            None => Err(ReadError::Io(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "no such file",
            ))),
        }
    }

    fn is_dir(&self, path: &str) -> bool {
        self.kind(path) == Some(EntryKind::Dir)
    }

    fn kind(&self, path: &str) -> Option<EntryKind> {
        let path = path.trim_matches('/');
        if path.is_empty() || path == "." || self.dirs().contains(path) {
            Some(EntryKind::Dir)
        } else if self.files.contains_key(path) {
            Some(EntryKind::File)
        } else {
            None
        }
    }
}
