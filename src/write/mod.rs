//! The only place that changes files: atomic writes, locks, and appends that keep every
//! other byte of a file as it was.

pub mod atomic;
pub mod folder;
pub mod journal;
pub mod lock;
pub mod output;
pub mod readings;
pub mod safe;
pub mod states;
pub mod tree;
pub mod yaml;

/// The line ending a file uses, as its first line ends: `\r\n` or `\n` (a line break
/// inside a quoted note further on says nothing about the file's rows).
pub fn eol_of(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_line_ending_is_the_first_lines() {
        assert_eq!(super::eol_of("a,b\r\nx"), "\r\n");
        assert_eq!(super::eol_of("a,b\nx,\"one\r\ntwo\"\n"), "\n");
        assert_eq!(super::eol_of(""), "\n");
        assert_eq!(super::eol_of("\n"), "\n");
    }
}
