//! The one CSV writer of pan's outputs (listings, the data package, the site's downloads,
//! templates): RFC 4180 records whose quoting holds in either locale. A spreadsheet in a
//! French locale splits a comma-separated file by `;` (and one in an English locale a
//! `;`-separated file by `,`), so a cell holding a `,`, a `;` or a tab is quoted whichever
//! separator the file uses: no locale splits it. Formula prefixes are neutralised before
//! (see [`super::csv_safe`]). The repository's own readings files are written by
//! `write::readings`, not here.

use std::io::{self, BufWriter, Write};

/// Writes records to `out` (buffered), each ended by `\n`.
pub struct Writer<W: Write> {
    out: BufWriter<W>,
    sep: u8,
}

impl<W: Write> Writer<W> {
    /// A comma-separated writer.
    pub fn new(out: W) -> Self {
        Self::with_separator(out, b',')
    }

    /// A writer separating cells by `sep` (`,` or `;`).
    pub fn with_separator(out: W, sep: u8) -> Self {
        Self {
            out: BufWriter::new(out),
            sep,
        }
    }

    /// Write one record.
    pub fn record<I, S>(&mut self, cells: I) -> io::Result<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        for (i, cell) in cells.into_iter().enumerate() {
            if i > 0 {
                self.out.write_all(&[self.sep])?;
            }
            write_cell(&mut self.out, cell.as_ref())?;
        }
        self.out.write_all(b"\n")
    }

    /// Flush what is buffered.
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    /// The underlying writer, once everything buffered is written to it.
    pub fn into_inner(self) -> io::Result<W> {
        self.out
            .into_inner()
            .map_err(io::IntoInnerError::into_error)
    }
}

/// Whether a cell needs quotes in a file read with either separator.
fn needs_quotes(cell: &str) -> bool {
    cell.contains(['"', ',', ';', '\t', '\r', '\n']) || cell.starts_with(' ') || cell.ends_with(' ')
}

fn write_cell(out: &mut impl Write, cell: &str) -> io::Result<()> {
    if !needs_quotes(cell) {
        return out.write_all(cell.as_bytes());
    }
    out.write_all(b"\"")?;
    let mut rest = cell;
    while let Some(at) = rest.find('"') {
        out.write_all(&rest.as_bytes()[..=at])?;
        out.write_all(b"\"")?;
        rest = &rest[at + 1..];
    }
    out.write_all(rest.as_bytes())?;
    out.write_all(b"\"")
}

#[cfg(test)]
mod tests {
    use super::Writer;

    fn line(sep: u8, cells: &[&str]) -> String {
        let mut w = Writer::with_separator(Vec::new(), sep);
        w.record(cells).unwrap();
        String::from_utf8(w.into_inner().unwrap()).unwrap()
    }

    #[test]
    fn a_cell_holding_either_separator_is_quoted_in_both() {
        for sep in [b',', b';'] {
            let s = char::from(sep);
            assert_eq!(line(sep, &["a", "b"]), format!("a{s}b\n"));
            assert_eq!(
                line(sep, &["Rapport;'=2+3;", "x"]),
                format!("\"Rapport;'=2+3;\"{s}x\n")
            );
            assert_eq!(line(sep, &["1,5", ""]), format!("\"1,5\"{s}\n"));
            assert_eq!(line(sep, &["a\tb"]), "\"a\tb\"\n");
            assert_eq!(line(sep, &["dit \"oui\""]), "\"dit \"\"oui\"\"\"\n");
            assert_eq!(line(sep, &["deux\nlignes"]), "\"deux\nlignes\"\n");
            assert_eq!(line(sep, &[" espace"]), "\" espace\"\n");
        }
    }

    #[test]
    fn what_it_writes_reads_back_with_either_separator() {
        let cells = ["a;b", "c,d", "e\"f", "g\th", "", "-3", "l'=1"];
        for sep in [b',', b';'] {
            let text = line(sep, &cells);
            // Read with the other locale's separator too: the quoted cells stay whole.
            for read_sep in [b',', b';'] {
                let mut r = csv::ReaderBuilder::new()
                    .delimiter(read_sep)
                    .has_headers(false)
                    .from_reader(text.as_bytes());
                let rec = r.records().next().unwrap().unwrap();
                let got: Vec<&str> = rec.iter().collect();
                if read_sep == sep {
                    assert_eq!(got, cells);
                } else {
                    // Read with the other locale's separator, no cell is cut at the
                    // separator it holds: "a;b" and "c,d" are never split in two.
                    assert!(
                        !got.iter().any(|c| ["a", "b", "c", "d"].contains(c)),
                        "{got:?}"
                    );
                }
            }
        }
    }
}
