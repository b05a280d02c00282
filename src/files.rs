//! Opening a file the way `pan` reads every file: never through a symbolic link, never
//! anything but a regular file (a FIFO or a device would hang or never end), and never
//! more than a limit, checked before reading and enforced while reading.

use std::fs::File;
use std::io::Read;
use std::path::Path;

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// The file is larger than the limit (its size, as far as it was seen).
    TooLarge(u64),
    /// The path is a symbolic link.
    Symlink,
    /// The path is not a regular file (a folder, a FIFO, a device, a socket).
    NotRegular,
    /// The operating system refused (not found, permission…).
    Io(std::io::Error),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::TooLarge(n) => write!(f, "the file is {n} bytes or more"),
            ReadError::Symlink => f.write_str("it is a symbolic link; pan does not follow links"),
            ReadError::NotRegular => {
                f.write_str("it is not a regular file (a folder, a pipe, a device or a socket)")
            }
            ReadError::Io(e) => write!(f, "{e}"),
        }
    }
}

/// Open `path` for reading: not through a link at its last component, and only a regular
/// file (opened without blocking, so a FIFO cannot hang the open itself).
pub fn open_regular(path: &Path, follow: bool) -> Result<File, ReadError> {
    open_sized(path, follow).map(|(file, _)| file)
}

/// [`open_regular`], with the file's size (taken from the open file, once).
fn open_sized(path: &Path, follow: bool) -> Result<(File, u64), ReadError> {
    let mut options = File::options();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let mut flags = libc::O_NONBLOCK;
        if !follow {
            flags |= libc::O_NOFOLLOW;
        }
        options.custom_flags(flags);
    }
    let file = match options.open(path) {
        Ok(f) => f,
        #[cfg(unix)]
        Err(e) if !follow && e.raw_os_error() == Some(libc::ELOOP) => {
            return Err(ReadError::Symlink);
        }
        Err(e) => return Err(ReadError::Io(e)),
    };
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular);
    }
    Ok((file, meta.len()))
}

/// Read a regular file of at most `limit` bytes (see [`open_regular`]).
pub fn read(path: &Path, limit: u64, follow: bool) -> Result<Vec<u8>, ReadError> {
    let (file, len) = open_sized(path, follow)?;
    if len > limit {
        return Err(ReadError::TooLarge(len));
    }
    // At most limit + 1 bytes: the file may have grown since its size was taken.
    let mut buf = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(limit + 1)
        .read_to_end(&mut buf)
        .map_err(ReadError::Io)?;
    if buf.len() as u64 > limit {
        return Err(ReadError::TooLarge(buf.len() as u64));
    }
    Ok(buf)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn refuses_links_fifos_devices_and_large_files() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("f.txt");
        std::fs::write(&f, "hello").unwrap();
        assert_eq!(read(&f, 10, false).unwrap(), b"hello");
        assert!(matches!(read(&f, 3, false), Err(ReadError::TooLarge(5))));
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&f, &link).unwrap();
        assert!(matches!(read(&link, 10, false), Err(ReadError::Symlink)));
        assert_eq!(read(&link, 10, true).unwrap(), b"hello");
        let fifo = dir.path().join("fifo");
        let status = std::process::Command::new("mkfifo").arg(&fifo).status();
        if status.is_ok_and(|s| s.success()) {
            assert!(matches!(read(&fifo, 10, true), Err(ReadError::NotRegular)));
        }
        assert!(matches!(
            read(Path::new("/dev/zero"), 10, true),
            Err(ReadError::NotRegular)
        ));
        assert!(matches!(
            read(dir.path(), 10, true),
            Err(ReadError::NotRegular)
        ));
    }
}
