//! Writing files so that a reader never sees half of one: write a temporary file in the
//! same folder, flush it to disk, then rename it over the target. The target's mode is
//! kept; a new file gets the mode the umask gives (not the temporary file's 0600).

use std::io::Write;
use std::path::Path;

use anyhow::Context;

/// The prefix and suffix of every temporary file `pan` writes: hidden, so the loader
/// never reads one as data, and recognisable, so the next run under the lock removes
/// those a killed run left.
pub const TMP_PREFIX: &str = ".pan-";
/// See [`TMP_PREFIX`].
pub const TMP_SUFFIX: &str = ".tmp";

/// A temporary file beside `path`, holding `bytes`, flushed to disk, with the mode the
/// target has (or will have). It is removed when dropped unless persisted.
pub fn prepare(path: &Path, bytes: &[u8]) -> anyhow::Result<tempfile::NamedTempFile> {
    prepare_with(path, &mut |w| w.write_all(bytes))
}

/// Like [`prepare`], the bytes streamed by `fill` (buffered) rather than held whole.
pub fn prepare_with(
    path: &Path,
    fill: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create folder {}", dir.display()))?;
    let old = std::fs::symlink_metadata(path)
        .ok()
        .filter(|m| m.file_type().is_file());
    let mut builder = tempfile::Builder::new();
    builder.prefix(TMP_PREFIX).suffix(TMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Masked by the umask, as any new file.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    if let Some(m) = old {
        // The old file's mode exactly (not masked by the umask).
        std::fs::set_permissions(tmp.path(), m.permissions())
            .with_context(|| format!("cannot set the mode of {}", path.display()))?;
    }
    let mut out = std::io::BufWriter::new(tmp.as_file_mut());
    let written = fill(&mut out).and_then(|_| out.flush());
    drop(out);
    written
        .and_then(|_| tmp.as_file().sync_all())
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(tmp)
}

/// Replace `path` with `bytes` atomically (creating parent folders as needed).
pub fn write(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let tmp = prepare(path, bytes)?;
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot replace {}", path.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_content_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub/f.txt");
        write(&p, b"one").unwrap();
        write(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path().join("sub"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[cfg(unix)]
    #[test]
    fn keeps_the_mode_and_new_files_are_not_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f.txt");
        std::fs::write(&p, "x").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o664)).unwrap();
        write(&p, b"y").unwrap();
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o664);
        // A new file gets what any new file gets here (the umask decides), not 0600.
        let reference = dir.path().join("reference.txt");
        std::fs::write(&reference, "r").unwrap();
        let q = dir.path().join("new.txt");
        write(&q, b"z").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&q), mode(&reference));
    }
}
