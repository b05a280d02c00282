//! Files a person names with `-o FILE`: written atomically, and only over a regular file
//! or onto a new path — never through a link, over a folder, a device, a pipe or a socket.

use std::path::Path;

use anyhow::bail;

/// Write `bytes` to `path` (a new path or a regular file, whose mode is kept).
pub fn file(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    check(path)?;
    super::atomic::write(path, bytes)
}

/// Write to `path` what `fill` writes, streamed (for outputs too large to hold), with the
/// same guarantees as [`file`]: a temporary file renamed over the target when complete.
pub fn file_with(
    path: &Path,
    fill: impl FnOnce(&mut (dyn std::io::Write + Send)) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    use anyhow::Context;
    check(path)?;
    let tmp = super::atomic::prepare(path, b"")?;
    {
        let mut w = std::io::BufWriter::new(tmp.as_file());
        fill(&mut w)
            .and_then(|_| std::io::Write::flush(&mut w))
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot replace {}", path.display()))?;
    Ok(())
}

/// Refuse a target that is not a regular file or a new path.
fn check(path: &Path) -> anyhow::Result<()> {
    let shown = path.display();
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_file() => {}
        Ok(m) if m.file_type().is_symlink() => bail!(
            "{shown} is a symbolic link; pan writes only to a regular file or a new path\n  hint: remove the link, or give the path of the file itself"
        ),
        Ok(m) if m.is_dir() => bail!(
            "{shown} is a folder\n  hint: give a file name, e.g. {}/out.md",
            shown
        ),
        Ok(_) => bail!(
            "{shown} is not a regular file (a device, a pipe or a socket); pan writes only to a regular file or a new path\n  hint: write to a file, or leave out -o to print to standard output"
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => bail!("cannot write {shown}: {e}"),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_or_new_paths() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.md");
        file(&p, b"one").unwrap();
        file(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        let err = file(dir.path(), b"x").unwrap_err().to_string();
        assert!(err.contains("is a folder"), "{err}");
        #[cfg(unix)]
        {
            let link = dir.path().join("link.md");
            std::os::unix::fs::symlink(&p, &link).unwrap();
            let err = file(&link, b"x").unwrap_err().to_string();
            assert!(err.contains("symbolic link"), "{err}");
            assert_eq!(std::fs::read(&p).unwrap(), b"two");
            let err = file(Path::new("/dev/null"), b"x").unwrap_err().to_string();
            assert!(err.contains("not a regular file"), "{err}");
        }
    }
}
