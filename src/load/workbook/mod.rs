//! Reading a workbook someone filled in: an Excel workbook (`.xlsx`) or an OpenDocument
//! spreadsheet (`.ods`, LibreOffice), cell by cell, as the cells hold their values — a
//! number as a number, a date as a date, a percentage as the share it shows — each with
//! its sheet, row and column. Which cells mean what is the import's business.
//!
//! A workbook is a zip archive of XML parts. Everything read is bounded (the archive's
//! size, the bytes unpacked, the parts, the cells), no entity is expanded, and a broken
//! archive or part is an error that says so, never a panic.

mod ods;
mod xlsx;
pub mod xml;

use std::collections::HashMap;
use std::io::{Cursor, Read};

use jiff::civil::Date;

use crate::config::limits;

/// What a cell holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Text.
    Text(String),
    /// A number.
    Number(f64),
    /// A number shown as a percentage: the fraction it holds (0.601 shows as 60.1 %).
    Percent(f64),
    /// A date; `day` when its format shows the day (not only a month and a year).
    Date {
        /// The day.
        date: Date,
        /// Whether the cell shows the day.
        day: bool,
    },
    /// `TRUE` or `FALSE`.
    Bool(bool),
    /// An error a formula gave (`#DIV/0!`, `#N/A`).
    Error(String),
    /// A formula whose result the file does not hold.
    Uncomputed,
}

/// A row: its number (1 for the first) and its cells with something in them, by column
/// (0 for A).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Row {
    /// The row number, as the spreadsheet shows it.
    pub number: u32,
    /// The cells, in column order.
    pub cells: Vec<(u32, Cell)>,
}

impl Row {
    /// The cell in column `col`, if it holds something.
    pub fn get(&self, col: u32) -> Option<&Cell> {
        self.cells
            .binary_search_by_key(&col, |(c, _)| *c)
            .ok()
            .map(|i| &self.cells[i].1)
    }
}

/// A sheet: its name and its rows with something in them, in order, and what of it a
/// person does not see.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sheet {
    /// The name on its tab.
    pub name: String,
    /// The rows.
    pub rows: Vec<Row>,
    /// Whether the sheet is hidden (its tab not shown).
    pub hidden: bool,
    /// The hidden rows, as ranges of row numbers (first, last), in order.
    pub hidden_rows: Vec<(u32, u32)>,
    /// Cells that hold something but lie under a merged cell (not its first), so that
    /// what they hold is not shown: (row, column), in order.
    pub covered: Vec<(u32, u32)>,
}

impl Sheet {
    /// Whether the row numbered `number` is hidden.
    pub fn row_hidden(&self, number: u32) -> bool {
        let i = self
            .hidden_rows
            .partition_point(|(first, _)| *first <= number);
        i > 0 && self.hidden_rows[i - 1].1 >= number
    }
}

/// Add the rows `first..=last` to sorted, merged ranges of hidden rows.
fn hide_rows(ranges: &mut Vec<(u32, u32)>, first: u32, last: u32) {
    match ranges.last_mut() {
        Some(l) if first <= l.1.saturating_add(1) && first >= l.0 => l.1 = l.1.max(last),
        _ => ranges.push((first, last)),
    }
}

/// The cells of `rows` (in order) that hold something under the merged ranges `merges`
/// ((first row, first column, last row, last column)), other than each range's first
/// cell. The work is bounded: ranges that overlap so much that they would visit more
/// cells than the budget allows are refused as damaged.
fn covered_cells(
    rows: &[Row],
    merges: &[(u32, u32, u32, u32)],
    budget: usize,
) -> Result<Vec<(u32, u32)>, Error> {
    let mut out = Vec::new();
    let mut work = 0usize;
    for &(r0, c0, r1, c1) in merges {
        let start = rows.partition_point(|r| r.number < r0);
        for row in rows[start..].iter().take_while(|r| r.number <= r1) {
            let from = row.cells.partition_point(|(c, _)| *c < c0);
            for (c, _) in row.cells[from..].iter().take_while(|(c, _)| *c <= c1) {
                work += 1;
                if (row.number, *c) != (r0, c0) {
                    out.push((row.number, *c));
                }
            }
            work += 1;
            if work > budget {
                return Err(Error::broken("its merged cells overlap"));
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// A workbook (`.xlsx` or `.ods`): its sheets, in tab order.
#[derive(Clone, Debug, PartialEq)]
pub struct Workbook {
    /// The sheets.
    pub sheets: Vec<Sheet>,
}

/// Why a workbook cannot be read: what, and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

const RESAVE: &str = "open it in Excel or LibreOffice and save it again as .xlsx or .ods";

impl Error {
    fn new(message: impl Into<String>, hint: impl Into<String>) -> Error {
        Error {
            message: message.into(),
            hint: hint.into(),
        }
    }

    /// The archive or one of its parts is damaged.
    fn broken(message: impl Into<String>) -> Error {
        Error::new(
            format!("the workbook is damaged: {}", message.into()),
            RESAVE,
        )
    }
}

/// The first bytes of a zip archive (every `.xlsx` and `.ods`).
const ZIP: &[u8] = b"PK\x03\x04";
/// The first bytes of an OLE compound file: an Excel 97–2003 `.xls`, or a workbook
/// encrypted with a password.
const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Whether `bytes` look like a workbook (or a workbook pan cannot read, which it then
/// explains) rather than text.
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(ZIP) || bytes.starts_with(OLE)
}

/// The bounds of a reading (see [`limits`]).
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Most bytes unpacked, all parts together.
    pub unzipped: u64,
    /// Most cells with something in them.
    pub cells: usize,
    /// Most parts in the archive.
    pub parts: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            unzipped: limits::WORKBOOK_UNZIPPED_BYTES,
            cells: limits::WORKBOOK_CELLS,
            parts: limits::WORKBOOK_PARTS,
        }
    }
}

/// Read a workbook from its bytes.
pub fn read(bytes: &[u8]) -> Result<Workbook, Error> {
    read_with(bytes, Limits::default())
}

/// Read a workbook within `limits`.
pub fn read_with(bytes: &[u8], limits: Limits) -> Result<Workbook, Error> {
    if bytes.starts_with(OLE) {
        return Err(Error::new(
            "this is an Excel 97–2003 workbook (.xls) or a workbook protected by a password; pan reads .xlsx and .ods",
            "save it as \"Excel Workbook (.xlsx)\" or \"OpenDocument Spreadsheet (.ods)\", without a password to open it",
        ));
    }
    let mut archive = Archive::open(bytes, limits)?;
    let sheets = if archive.has("xl/workbook.xml") || archive.has("[Content_Types].xml") {
        xlsx::read(&mut archive)?
    } else if let Some(mime) = archive.part("mimetype")? {
        let mime = String::from_utf8_lossy(&mime);
        let mime: String = mime.trim().chars().take(100).collect();
        if mime != "application/vnd.oasis.opendocument.spreadsheet" {
            return Err(Error::new(
                format!("this is an OpenDocument file of type {mime}, not a spreadsheet"),
                "give the spreadsheet (.ods or .xlsx) the template was filled in",
            ));
        }
        ods::read(&mut archive)?
    } else {
        return Err(Error::new(
            "this is a zip archive, but not a workbook (.xlsx or .ods)",
            "give the spreadsheet itself, saved as .xlsx or .ods (or as CSV)",
        ));
    };
    Ok(Workbook { sheets })
}

/// The archive, with the budget of bytes still allowed out of it.
struct Archive<'b> {
    zip: zip::ZipArchive<Cursor<&'b [u8]>>,
    /// Stored names by name, and by name without regard to case.
    names: HashMap<String, String>,
    folded: HashMap<String, String>,
    budget: std::cell::Cell<u64>,
    limits: Limits,
}

/// A part as it is unpacked: reading stops as soon as the budget of unpacked bytes is
/// spent, whatever the archive claims.
struct Part<'a, R: Read> {
    inner: R,
    budget: &'a std::cell::Cell<u64>,
    spent: bool,
    /// Bytes given since the reader's last event (see [`xml::Xml::watched`]).
    since: &'a std::cell::Cell<u64>,
    /// Set when one event would be longer than [`EVENT_BYTES`].
    long: bool,
}

/// The most bytes of a part one XML event (a text, an element with its attributes, a
/// comment) may take: a cell holds at most a megabyte of text, written with entities.
const EVENT_BYTES: u64 = 8 << 20;

impl<R: Read> Read for Part<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.since.get() > EVENT_BYTES {
            self.long = true;
            return Err(std::io::Error::other("an event is too long"));
        }
        let n = self.inner.read(buf)?;
        let left = self.budget.get();
        if n as u64 > left {
            self.budget.set(0);
            self.spent = true;
            return Err(std::io::Error::other(
                "the budget of unpacked bytes is spent",
            ));
        }
        self.budget.set(left - n as u64);
        self.since.set(self.since.get() + n as u64);
        Ok(n)
    }
}

impl<'b> Archive<'b> {
    fn open(bytes: &'b [u8], limits: Limits) -> Result<Archive<'b>, Error> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| Error::broken(format!("its zip archive cannot be read ({e})")))?;
        if zip.len() > limits.parts {
            return Err(Error::new(
                format!(
                    "the archive has {} parts; a workbook pan reads has at most {}",
                    zip.len(),
                    limits.parts
                ),
                RESAVE,
            ));
        }
        let mut names = HashMap::new();
        let mut folded = HashMap::new();
        for n in zip.file_names() {
            let n =
                n.map_err(|e| Error::broken(format!("its zip archive cannot be read ({e})")))?;
            folded
                .entry(n.to_ascii_lowercase())
                .or_insert_with(|| n.to_string());
            names.insert(n.to_string(), n.to_string());
        }
        Ok(Archive {
            zip,
            names,
            folded,
            budget: std::cell::Cell::new(limits.unzipped),
            limits,
        })
    }

    /// The stored name of a part, matched without regard to case (as the formats say).
    fn name_of(&self, name: &str) -> Option<String> {
        let name = name.trim_start_matches('/');
        self.names
            .get(name)
            .or_else(|| self.folded.get(&name.to_ascii_lowercase()))
            .cloned()
    }

    fn has(&self, name: &str) -> bool {
        self.name_of(name).is_some()
    }

    fn too_large(&self) -> Error {
        Error::new(
            format!(
                "the workbook unpacks to more than {} bytes; pan reads no more",
                self.limits.unzipped
            ),
            "split the workbook into smaller ones and import each",
        )
    }

    /// Read the part `name` as XML with `read`, as it is unpacked; `None` when the
    /// archive has no such part.
    fn parse<T>(
        &mut self,
        name: &str,
        read: impl FnOnce(&mut xml::Xml) -> Result<T, Error>,
    ) -> Result<Option<T>, Error> {
        let Some(stored) = self.name_of(name) else {
            return Ok(None);
        };
        let file = self
            .zip
            .by_name(&stored)
            .map_err(|e| Error::broken(format!("its part {stored} cannot be read ({e})")))?;
        let since = std::cell::Cell::new(0);
        let mut part = Part {
            inner: file,
            budget: &self.budget,
            spent: false,
            since: &since,
            long: false,
        };
        let out = {
            let mut x = xml::Xml::from_read(&mut part, &stored).watched(&since);
            read(&mut x)
        };
        let (spent, long) = (part.spent, part.long);
        drop(part);
        match out {
            Err(_) if spent => Err(self.too_large()),
            Err(_) if long => Err(Error::new(
                format!(
                    "its part {stored} has a text or an element longer than {} MiB; pan reads no more",
                    EVENT_BYTES >> 20
                ),
                "shorten the longest texts of the workbook, or save it again from a spreadsheet",
            )),
            Err(e) => Err(e),
            Ok(v) => Ok(Some(v)),
        }
    }

    /// The bytes of a part (a small one: `mimetype`), or `None` when there is none.
    fn part(&mut self, name: &str) -> Result<Option<Vec<u8>>, Error> {
        let Some(stored) = self.name_of(name) else {
            return Ok(None);
        };
        let file = self
            .zip
            .by_name(&stored)
            .map_err(|e| Error::broken(format!("its part {stored} cannot be read ({e})")))?;
        let since = std::cell::Cell::new(0);
        let mut part = Part {
            inner: file,
            budget: &self.budget,
            spent: false,
            since: &since,
            long: false,
        };
        let mut buf = Vec::new();
        let read = (&mut part).take(1 << 20).read_to_end(&mut buf);
        let spent = part.spent;
        drop(part);
        if spent {
            return Err(self.too_large());
        }
        read.map_err(|e| Error::broken(format!("its part {stored} cannot be unpacked ({e})")))?;
        Ok(Some(buf))
    }

    /// A part that must be there, read as XML with `read`.
    fn required<T>(
        &mut self,
        name: &str,
        read: impl FnOnce(&mut xml::Xml) -> Result<T, Error>,
    ) -> Result<T, Error> {
        self.parse(name, read)?
            .ok_or_else(|| Error::broken(format!("it has no part {name}")))
    }
}

/// The largest column a spreadsheet has (XFD), counted from 0.
pub const MAX_COLUMN: u32 = 16_383;
/// The largest row a spreadsheet has.
pub const MAX_ROW: u32 = 1_048_576;

/// What is left to read of a workbook, all sheets together: cells, and bytes of text in
/// them (a cell repeated by a spreadsheet's shorthand counts each time it stands).
struct Budget {
    cells: usize,
    text: u64,
    limits: Limits,
}

impl Budget {
    fn new(limits: Limits) -> Budget {
        Budget {
            cells: limits.cells,
            text: limits.unzipped,
            limits,
        }
    }
}

/// The most text one cell holds (see [`limits::CELL_BYTES`]).
const CELL_TEXT: usize = limits::CELL_BYTES;

/// The rows of a sheet as they are read, within the workbook's budget.
struct Rows<'b> {
    rows: Vec<Row>,
    budget: &'b mut Budget,
}

impl<'b> Rows<'b> {
    fn new(budget: &'b mut Budget) -> Rows<'b> {
        Rows {
            rows: Vec::new(),
            budget,
        }
    }

    /// Add a cell (an empty text is not kept).
    fn push(&mut self, row: u32, col: u32, cell: Cell) -> Result<(), Error> {
        if matches!(&cell, Cell::Text(t) if t.is_empty()) {
            return Ok(());
        }
        if row == 0 || row > MAX_ROW || col > MAX_COLUMN {
            return Err(Error::broken(format!(
                "a cell lies outside the sheet (row {row}, column {})",
                u64::from(col) + 1
            )));
        }
        let too_much = || {
            Error::new(
                "the workbook holds more than pan reads",
                "split the workbook into smaller ones and import each",
            )
        };
        if self.budget.cells == 0 {
            let mut e = too_much();
            e.message = format!(
                "the workbook has more than {} cells with something in them; pan reads no more",
                self.budget.limits.cells
            );
            return Err(e);
        }
        let text = match &cell {
            Cell::Text(t) | Cell::Error(t) => t.len() as u64,
            _ => 0,
        };
        if text > CELL_TEXT as u64 {
            return Err(Error::new(
                format!(
                    "cell {} holds more than {CELL_TEXT} bytes of text (1 MiB); pan reads no more",
                    cell_name(col, row)
                ),
                "shorten the text of that cell",
            ));
        }
        if text > self.budget.text {
            let mut e = too_much();
            e.message = format!(
                "the workbook's cells hold more than {} bytes of text; pan reads no more",
                self.budget.limits.unzipped
            );
            return Err(e);
        }
        self.budget.cells -= 1;
        self.budget.text -= text;
        match self.rows.last_mut() {
            Some(last) if last.number == row => last.cells.push((col, cell)),
            _ => self.rows.push(Row {
                number: row,
                cells: vec![(col, cell)],
            }),
        }
        Ok(())
    }

    /// The rows in order, each cell once (the last written wins, as a spreadsheet would
    /// keep it).
    fn finish(mut self) -> Vec<Row> {
        self.rows.sort_by_key(|r| r.number);
        let mut out: Vec<Row> = Vec::with_capacity(self.rows.len());
        for mut r in self.rows {
            match out.last_mut() {
                Some(last) if last.number == r.number => last.cells.append(&mut r.cells),
                _ => out.push(r),
            }
        }
        for r in &mut out {
            // Stable: among cells of one column, the last one read stays last.
            r.cells.sort_by_key(|(c, _)| *c);
            let mut kept: Vec<(u32, Cell)> = Vec::with_capacity(r.cells.len());
            for (c, cell) in r.cells.drain(..) {
                match kept.last_mut() {
                    Some(last) if last.0 == c => *last = (c, cell),
                    _ => kept.push((c, cell)),
                }
            }
            r.cells = kept;
        }
        out
    }
}

/// A column's letters: 0 → `A`, 25 → `Z`, 26 → `AA`.
pub fn column_name(col: u32) -> String {
    let mut n = u64::from(col) + 1;
    let mut s = Vec::new();
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        s.push(b'A' + r);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// A cell's name: column 3, row 7 → `D7`.
pub fn cell_name(col: u32, row: u32) -> String {
    format!("{}{row}", column_name(col))
}

/// Read a cell reference (`D7`, `$D$7`): its column (from 0) and row (from 1).
fn parse_ref(s: &str) -> Option<(u32, u32)> {
    let s = s.replace('$', "");
    let split = s.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = s.split_at(split);
    if letters.is_empty() || letters.len() > 3 || !letters.bytes().all(|b| b.is_ascii_alphabetic())
    {
        return None;
    }
    let mut col: u32 = 0;
    for b in letters.bytes() {
        col = col * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1);
    }
    let row: u32 = digits.parse().ok()?;
    Some((col - 1, row))
}

/// A day counted from a spreadsheet's epoch (a date cell's serial number), the time of
/// day dropped. `date1904`: the epoch of workbooks made on old Macs.
fn serial_date(serial: f64, date1904: bool) -> Option<Date> {
    if !serial.is_finite() || !(0.0..3_000_000.0).contains(&serial) {
        return None;
    }
    #[expect(
        clippy::cast_possible_truncation,
        reason = "within 0..3,000,000, checked above"
    )]
    let days = serial.floor() as i64;
    let (epoch, days) = if date1904 {
        (Date::constant(1904, 1, 1), days)
    } else if days >= 60 {
        // 1900 is taken for a leap year (serial 60 is 29 February 1900, a day that
        // never was), as Lotus 1-2-3 did: from 1 March 1900 on, day 61 is 1900-03-01.
        (Date::constant(1899, 12, 30), days)
    } else {
        (Date::constant(1899, 12, 31), days)
    };
    epoch.checked_add(jiff::Span::new().days(days)).ok()
}

/// Whether a number format (Excel's code) shows a date, and whether it shows the day;
/// `%` marks a percentage. Text in quotes, escaped characters and `[…]` sections
/// (colours, locales, elapsed hours) are not looked at.
fn classify_format(code: &str) -> NumberFormat {
    let mut plain = String::new();
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                for d in chars.by_ref() {
                    if d == '"' {
                        break;
                    }
                }
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            '[' => {
                for d in chars.by_ref() {
                    if d == ']' {
                        break;
                    }
                }
            }
            // Only the first section (positive numbers) says what the cell shows.
            ';' => break,
            c => plain.push(c.to_ascii_lowercase()),
        }
    }
    if plain.contains('y') || plain.contains('d') || plain.contains("mmm") {
        NumberFormat::Date {
            day: plain.contains('d'),
        }
    } else if plain.contains('%') {
        NumberFormat::Percent
    } else {
        NumberFormat::Plain
    }
}

/// How a number format shows a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
enum NumberFormat {
    /// As a number (or a time of day, read as the number it is).
    #[default]
    Plain,
    /// As a percentage.
    Percent,
    /// As a date.
    Date {
        /// Whether the day is shown.
        day: bool,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(MAX_COLUMN), "XFD");
        assert_eq!(parse_ref("XFD1048576"), Some((MAX_COLUMN, MAX_ROW)));
        assert_eq!(parse_ref("$D$7"), Some((3, 7)));
        assert_eq!(parse_ref("d7"), Some((3, 7)));
        assert_eq!(parse_ref("7"), None);
        assert_eq!(parse_ref("ABCD1"), None);
        assert_eq!(parse_ref("A99999999999"), None);
        assert_eq!(cell_name(6, 12), "G12");
    }

    #[test]
    fn serial_numbers_are_days() {
        let d = |y, m, day| Some(Date::constant(y, m, day));
        assert_eq!(serial_date(46_159.0, false), d(2026, 5, 17));
        assert_eq!(serial_date(46_159.75, false), d(2026, 5, 17));
        assert_eq!(serial_date(61.0, false), d(1900, 3, 1));
        assert_eq!(serial_date(1.0, false), d(1900, 1, 1));
        assert_eq!(serial_date(44_697.0, true), d(2026, 5, 17));
        assert_eq!(serial_date(-1.0, false), None);
        assert_eq!(serial_date(f64::NAN, false), None);
        assert_eq!(serial_date(1e300, false), None);
    }

    #[test]
    fn number_formats() {
        use NumberFormat::*;
        assert_eq!(classify_format("yyyy-mm-dd"), Date { day: true });
        assert_eq!(classify_format("mmm-yy"), Date { day: false });
        assert_eq!(classify_format("[$-40C]mmmm\\ yyyy;@"), Date { day: false });
        assert_eq!(classify_format("0.0%"), Percent);
        assert_eq!(classify_format("0.0\"%\""), Plain);
        assert_eq!(classify_format("[Red]0.00;[Blue]-0.00"), Plain);
        assert_eq!(classify_format("h:mm:ss"), Plain);
        assert_eq!(classify_format("General"), Plain);
    }

    fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in parts {
            zip.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            std::io::Write::write_all(&mut zip, data).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn ods(rows: &str) -> Vec<u8> {
        let content = format!(
            r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="S">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
        );
        zip_of(&[
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.spreadsheet",
            ),
            ("content.xml", content.as_bytes()),
        ])
    }

    const SMALL: Limits = Limits {
        unzipped: 1 << 20,
        cells: 1000,
        parts: 10,
    };

    #[test]
    fn an_archive_that_unpacks_to_more_than_the_limit_is_refused() {
        // Two megabytes of spaces in a part: a few kilobytes in the archive.
        let mut content = String::from(
            r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0">"#,
        );
        content.push_str(&" ".repeat(2 << 20));
        content.push_str("</office:document-content>");
        let bytes = zip_of(&[
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.spreadsheet",
            ),
            ("content.xml", content.as_bytes()),
        ]);
        assert!(bytes.len() < 50_000, "{}", bytes.len());
        let e = read_with(&bytes, SMALL).unwrap_err();
        assert!(
            e.message.contains("unpacks to more than 1048576 bytes"),
            "{e:?}"
        );
        assert!(read_with(&bytes, Limits::default()).is_ok());
    }

    #[test]
    fn too_many_parts_or_cells_are_refused() {
        let names: Vec<String> = (0..20).map(|i| format!("p{i}")).collect();
        let parts: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
        let e = read_with(&zip_of(&parts), SMALL).unwrap_err();
        assert!(e.message.contains("20 parts"), "{e:?}");
        // One cell repeated a million times down the rows.
        let bomb = ods(
            r#"<table:table-row table:number-rows-repeated="1000000"><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>"#,
        );
        let e = read_with(&bomb, SMALL).unwrap_err();
        assert!(e.message.contains("more than 1000 cells"), "{e:?}");
        // Repeated across the columns, past the last one a sheet has.
        let wide = ods(
            r#"<table:table-row><table:table-cell table:number-columns-repeated="20000" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>"#,
        );
        let e = read_with(&wide, Limits::default()).unwrap_err();
        assert!(e.message.contains("outside the sheet"), "{e:?}");
        // A long text repeated is counted each time it stands.
        let long = "x".repeat(600_000);
        let repeated = ods(&format!(
            r#"<table:table-row table:number-rows-repeated="2"><table:table-cell office:value-type="string"><text:p>{long}</text:p></table:table-cell></table:table-row>"#
        ));
        let e = read_with(&repeated, SMALL).unwrap_err();
        assert!(
            e.message.contains("more than 1048576 bytes of text"),
            "{e:?}"
        );
        // Spaces written as a count cannot make gigabytes.
        let spaces = ods(
            r#"<table:table-row><table:table-cell office:value-type="string"><text:p><text:s text:c="4000000000"/></text:p></table:table-cell></table:table-row>"#,
        );
        let e = read_with(&spaces, Limits::default()).unwrap_err();
        assert!(e.message.contains("a cell holds more than"), "{e:?}");
        // Empty cells and rows, however many, cost nothing.
        let empty = ods(
            r#"<table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#,
        );
        let book = read_with(&empty, SMALL).unwrap();
        assert!(book.sheets[0].rows.is_empty());
    }

    #[test]
    fn what_is_not_a_workbook_is_named() {
        let e = read(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest").unwrap_err();
        assert!(e.message.contains(".xls"), "{e:?}");
        let e = read(b"PK\x03\x04garbage").unwrap_err();
        assert!(e.message.contains("damaged"), "{e:?}");
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        zip.start_file("notes.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut zip, b"hello").unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        let e = read(&bytes).unwrap_err();
        assert!(e.message.contains("not a workbook"), "{e:?}");
    }
}
