//! Paths `pan` writes to: always inside the folder they belong to, never through a
//! symbolic link, whatever code or argument produced them.

use std::path::{Component, Path, PathBuf};

/// Why a path is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsafePath(pub String);

impl std::fmt::Display for UnsafePath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UnsafePath {}

/// `base/rel`, refusing a `rel` that is absolute or climbs out (`..`), and any existing
/// component below `base` that is a symbolic link. `base` is trusted: the repository's
/// root (however it was reached) or a folder already checked.
pub fn join(base: &Path, rel: &str) -> Result<PathBuf, UnsafePath> {
    let relp = Path::new(rel);
    let mut out = base.to_path_buf();
    for c in relp.components() {
        match c {
            Component::Normal(part) => {
                out.push(part);
                if std::fs::symlink_metadata(&out).is_ok_and(|m| m.file_type().is_symlink()) {
                    return Err(UnsafePath(format!(
                        "{} is a symbolic link; pan does not write through links",
                        out.display()
                    )));
                }
            }
            Component::CurDir => {}
            _ => return Err(UnsafePath(format!("`{rel}` is not a plain relative path"))),
        }
    }
    if !out.starts_with(base) {
        return Err(UnsafePath(format!(
            "`{rel}` leads outside {}",
            base.display()
        )));
    }
    Ok(out)
}

/// The folder `root/rel`, created if missing, refusing a `rel` that climbs out and any
/// component from `root` down that is a symbolic link (checked again after creating it).
pub fn dir(root: &Path, rel: &str) -> Result<PathBuf, UnsafePath> {
    let path = join(root, rel)?;
    std::fs::create_dir_all(&path)
        .map_err(|e| UnsafePath(format!("cannot create folder {}: {e}", path.display())))?;
    let path = join(root, rel)?;
    if !std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) {
        return Err(UnsafePath(format!("{} is not a folder", path.display())));
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_escapes_and_links() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().join("indicators");
        std::fs::create_dir_all(base.join("B")).unwrap();
        assert!(join(&base, "B/IN-B-1.01.csv").is_ok());
        assert!(join(&base, "../pan.toml").is_err());
        assert!(join(&base, "/etc/passwd").is_err());
        assert!(join(&base, "B/../../x").is_err());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path(), base.join("C")).unwrap();
            assert!(join(&base, "C/IN-C-1.01.csv").is_err());
        }
    }
}
