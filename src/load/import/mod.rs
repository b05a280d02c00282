//! Reading a table someone filled in to import readings (`pan reading import`): a CSV
//! file as a spreadsheet saves it, or the workbook itself (`.xlsx`, `.ods`), with the
//! columns in any order and named as people name them. Every row comes back as text
//! with where it was found — a line of the CSV, or a sheet, row and cell of the
//! workbook; checking the values against the plan is the checks' job.

mod csv;
mod sheet;
pub mod stamp;

use std::path::Path;

pub use self::csv::parse_csv;
pub use self::sheet::{from_workbook, times_100};
use super::workbook;
use crate::config::limits;
use crate::files::{self as file, ReadError};

/// The columns an import reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// The action's code, or `context`.
    Code,
    /// The indicator's id.
    Indicator,
    /// The period measured.
    Period,
    /// The value.
    Value,
    /// Where the figure comes from.
    Source,
    /// A note (the one column that may be left out).
    Note,
}

impl Field {
    /// Every column, in the order of a template.
    pub const ALL: [Field; 6] = [
        Field::Code,
        Field::Indicator,
        Field::Period,
        Field::Value,
        Field::Source,
        Field::Note,
    ];

    /// The column's name in a CSV template.
    pub fn name(self) -> &'static str {
        match self {
            Field::Code => "code",
            Field::Indicator => "indicator",
            Field::Period => "period",
            Field::Value => "value",
            Field::Source => "source",
            Field::Note => "note",
        }
    }

    /// Whether the table must have this column.
    pub fn required(self) -> bool {
        self != Field::Note
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// A row of the table, every cell as text (trimmed).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Row {
    /// The sheet it is on (an index into [`Table::sheets`]); `None` in a CSV file.
    pub sheet: Option<usize>,
    /// Its line in the CSV file, or its row number in the sheet.
    pub line: u64,
    /// Action code, or `context`.
    pub code: String,
    /// Indicator id.
    pub indicator: String,
    /// Period.
    pub period: String,
    /// Value.
    pub value: String,
    /// Source.
    pub source: String,
    /// Note.
    pub note: String,
    /// The other columns filled in, as (column name, cell text): the command keeps those
    /// named after a dimension of the plan (a breakdown) and ignores the rest.
    pub extra: Vec<(String, String)>,
}

/// A sheet rows were read from: its name and the column of each field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SheetColumns {
    /// The name on its tab.
    pub name: String,
    /// The column (0 for A) of each field, in [`Field::ALL`] order.
    pub columns: [Option<u32>; 6],
}

/// The rows of a table, how many were left empty, and the rows refused as they were
/// read (a ragged CSV row, a workbook cell that shows an error).
#[derive(Clone, Debug, Default)]
pub struct Table {
    /// Rows with something in them, read in full.
    pub rows: Vec<Row>,
    /// Why rows could not be read, each with its place; those rows are not in `rows`.
    pub refused: Vec<Problem>,
    /// Rows with neither a period nor a value (a template's rows not filled in).
    pub blank: usize,
    /// The sheets read, for a workbook (empty for a CSV file).
    pub sheets: Vec<SheetColumns>,
    /// What a template made by pan says about itself (see [`stamp`]).
    pub stamp: Option<crate::model::stamp::Stamp>,
}

/// Where something is in the table: a line of a CSV file, or a row (and a cell) of a
/// sheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// The sheet, for a workbook.
    pub sheet: Option<String>,
    /// The line, or the row number.
    pub line: u64,
    /// The cell (`G7`), when one field is meant and the table is a workbook.
    pub cell: Option<String>,
}

impl Table {
    /// Where `row` is; with a field, the very cell of that field in a workbook.
    pub fn place(&self, row: &Row, field: Option<Field>) -> Place {
        let sheet = row.sheet.and_then(|i| self.sheets.get(i));
        let cell = match (sheet, field) {
            (Some(s), Some(f)) => s.columns[f.index()]
                .map(|c| workbook::cell_name(c, u32::try_from(row.line).unwrap_or(u32::MAX))),
            _ => None,
        };
        Place {
            sheet: sheet.map(|s| s.name.clone()),
            line: row.line,
            cell,
        }
    }
}

/// A problem that stops the import: where (a place, or the whole file), what, and the
/// fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where, when the problem is in one row or cell.
    pub place: Option<Place>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

impl Problem {
    fn file(message: impl Into<String>, hint: impl Into<String>) -> Problem {
        Problem {
            place: None,
            message: message.into(),
            hint: hint.into(),
        }
    }

    fn at_line(line: u64, message: impl Into<String>, hint: impl Into<String>) -> Problem {
        Problem {
            place: Some(Place {
                sheet: None,
                line,
                cell: None,
            }),
            message: message.into(),
            hint: hint.into(),
        }
    }
}

/// The column a header names, by the names people give it (English or French, any case
/// or accents).
pub fn column_of(name: &str) -> Option<Field> {
    let n = crate::text::fold(name.trim().trim_start_matches('\u{feff}'));
    match n.as_str() {
        "code" | "action" | "code action" | "code de l'action" => Some(Field::Code),
        "indicator" | "indicateur" | "indicator id" | "id" | "id de l'indicateur" => {
            Some(Field::Indicator)
        }
        "period" | "periode" => Some(Field::Period),
        "value" | "valeur" => Some(Field::Value),
        "source" => Some(Field::Source),
        "note" | "remarque" | "commentaire" | "comment" => Some(Field::Note),
        _ => None,
    }
}

/// A size as people read it: `64 MiB`, `300.5 MiB`.
fn mib(bytes: u64) -> String {
    let m = bytes as f64 / (1024.0 * 1024.0);
    if m.fract() == 0.0 {
        format!("{m:.0} MiB")
    } else {
        format!("{m:.1} MiB")
    }
}

/// Read the file at `path` (`shown` names it in messages): a workbook (`.xlsx`, `.ods`,
/// told by its content, not its name) or CSV. Every problem of form is returned, not
/// only the first.
pub fn read(path: &Path, shown: &str) -> Result<Table, Vec<Problem>> {
    let bytes = match file::read(path, limits::READINGS_FILE_BYTES, true) {
        Ok(b) => b,
        Err(ReadError::TooLarge(n)) => {
            return Err(vec![Problem::file(
                format!(
                    "the file is {} or more; the limit is {}",
                    mib(n),
                    mib(limits::READINGS_FILE_BYTES)
                ),
                "split the file into smaller ones and import each",
            )]);
        }
        Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(vec![Problem::file(
                "there is no such file".to_string(),
                "give the path of the spreadsheet (.xlsx, .ods or CSV), as `ls` shows it",
            )]);
        }
        Err(e) => {
            return Err(vec![Problem::file(
                format!("cannot be read: {e}"),
                "give the path of the spreadsheet (.xlsx, .ods or CSV)",
            )]);
        }
    };
    // Named as a workbook but not one: say so, rather than read it as CSV.
    let named = std::path::Path::new(shown)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if matches!(named.as_deref(), Some("xlsx" | "xlsm" | "ods" | "xls"))
        && !workbook::is_workbook(&bytes)
    {
        return Err(vec![Problem::file(
            "the file is named as a workbook but is not one (its content is not a spreadsheet archive)".to_string(),
            "open it in its spreadsheet program and save it again as .xlsx or .ods; if it is a CSV, name it .csv",
        )]);
    }
    if workbook::is_workbook(&bytes) {
        if bytes.len() as u64 > limits::WORKBOOK_FILE_BYTES {
            return Err(vec![Problem::file(
                format!(
                    "the workbook is {}; the limit for a workbook is {}",
                    mib(bytes.len() as u64),
                    mib(limits::WORKBOOK_FILE_BYTES)
                ),
                "split the workbook into smaller ones and import each",
            )]);
        }
        let book = workbook::read(&bytes).map_err(|e| vec![Problem::file(e.message, e.hint)])?;
        return from_workbook(&book);
    }
    let text = super::text_of(shown, bytes).map_err(|d| {
        vec![Problem::at_line(
            u64::from(d.span.line),
            d.message,
            "save the spreadsheet as \"CSV UTF-8\", or give the workbook itself (.xlsx, .ods)",
        )]
    })?;
    parse_csv(&text)
}
