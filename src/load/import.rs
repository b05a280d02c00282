//! Reading a table someone filled in to import readings (`pan reading import`): CSV as a
//! spreadsheet saves it, with the columns in any order and named as people name them.
//! Every row comes back as text with where it was found; checking the values against
//! the plan is the checks' job.

use std::collections::HashMap;
use std::path::Path;

use crate::config::limits;
use crate::files::{self as file, ReadError};

/// The columns an import reads; `code`, `indicator`, `period`, `value` and `source` are
/// required, `note` is optional.
pub const COLUMNS: [&str; 6] = ["code", "indicator", "period", "value", "source", "note"];

/// A row of the table, every cell as text (trimmed).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Row {
    /// Where it is: its line in the file.
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
}

/// The rows of a table, and how many were left empty.
#[derive(Clone, Debug, Default)]
pub struct Table {
    /// Rows with something in them.
    pub rows: Vec<Row>,
    /// Rows with neither a period nor a value (a template's rows not filled in).
    pub blank: usize,
}

/// A problem that stops the import: where (a line, or the file), what, and the fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The line, when the problem is in one row.
    pub line: Option<u64>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

impl Problem {
    fn file(message: impl Into<String>, hint: impl Into<String>) -> Problem {
        Problem {
            line: None,
            message: message.into(),
            hint: hint.into(),
        }
    }
}

/// The column a header names, by the names people give it (English or French, any case
/// or accents).
pub fn column_of(name: &str) -> Option<&'static str> {
    let n = crate::text::fold(name.trim().trim_start_matches('\u{feff}'));
    match n.as_str() {
        "code" | "action" | "code action" => Some("code"),
        "indicator" | "indicateur" | "indicator id" | "id" => Some("indicator"),
        "period" | "periode" => Some("period"),
        "value" | "valeur" => Some("value"),
        "source" => Some("source"),
        "note" | "remarque" | "commentaire" | "comment" => Some("note"),
        _ => None,
    }
}

/// Guess the separator from the header line: `;` or a tab when it has more of them than
/// commas (as spreadsheets in a French locale save CSV).
fn separator(header: &str) -> u8 {
    let count = |c: char| header.chars().filter(|&x| x == c).count();
    if count(';') > count(',') {
        b';'
    } else if count('\t') > count(',') {
        b'\t'
    } else {
        b','
    }
}

/// Read the CSV file at `path` (`shown` names it in messages). Every problem of form is
/// returned, not only the first.
pub fn read_csv(path: &Path, shown: &str) -> Result<Table, Vec<Problem>> {
    let bytes = match file::read(path, limits::READINGS_FILE_BYTES, true) {
        Ok(b) => b,
        Err(ReadError::TooLarge(n)) => {
            return Err(vec![Problem::file(
                format!(
                    "{shown} is {n} bytes; the limit is {}",
                    limits::READINGS_FILE_BYTES
                ),
                "split the file into smaller ones and import each",
            )]);
        }
        Err(e) => {
            return Err(vec![Problem::file(
                format!("cannot read {shown}: {e}"),
                "give the path of the CSV file saved from the spreadsheet",
            )]);
        }
    };
    let text = super::text_of(shown, bytes).map_err(|d| {
        vec![Problem {
            line: Some(u64::from(d.span.line)),
            message: d.message,
            hint: "save the spreadsheet as \"CSV UTF-8\"".into(),
        }]
    })?;
    parse_csv(&text)
}

/// Read CSV text (see [`read_csv`]).
pub fn parse_csv(text: &str) -> Result<Table, Vec<Problem>> {
    // The CSV reader miscounts lines after a CRLF; reported line numbers must match.
    let text = text.replace("\r\n", "\n");
    let header_line = text.lines().next().unwrap_or("");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator(header_line))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => {
            return Err(vec![Problem::file(
                format!("cannot read the header: {e}"),
                "the first line names the columns: code, indicator, period, value, source, note",
            )]);
        }
        None => {
            return Err(vec![Problem::file(
                "the file is empty",
                "`pan reading template` writes a file to fill in",
            )]);
        }
    };
    let width = header.len();
    let mut col: HashMap<&'static str, usize> = HashMap::new();
    for (i, name) in header.iter().enumerate() {
        if let Some(c) = column_of(name) {
            col.entry(c).or_insert(i);
        }
    }
    let missing: Vec<&str> = COLUMNS[..5]
        .iter()
        .copied()
        .filter(|c| !col.contains_key(c))
        .collect();
    if !missing.is_empty() {
        return Err(vec![Problem::file(
            format!("the header has no column {}", missing.join(", ")),
            "the columns are code, indicator, period, value, source, note (`pan reading template` writes them)",
        )]);
    }
    let mut table = Table::default();
    let mut problems = Vec::new();
    for rec in records {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                problems.push(Problem {
                    line: e.position().map(|p| p.line()),
                    message: format!("cannot read the row: {e}"),
                    hint:
                        "check the quotes of this row: a cell that starts with \" must end with \""
                            .into(),
                });
                break;
            }
        };
        let line = rec.position().map(|p| p.line()).unwrap_or(0);
        if rec.iter().all(|c| c.trim().is_empty()) {
            table.blank += 1;
            continue;
        }
        if rec.len() != width {
            problems.push(Problem {
                line: Some(line),
                message: format!("the row has {} cells, the header {width}", rec.len()),
                hint: "a cell that holds the separator (`,` or `;`) must be in double quotes, e.g. \"Rapport MENEJ; p. 3\"".into(),
            });
            continue;
        }
        let get = |c: &str| {
            col.get(c)
                .and_then(|&i| rec.get(i))
                .unwrap_or("")
                .trim()
                .to_string()
        };
        let row = Row {
            line,
            code: get("code"),
            indicator: get("indicator"),
            period: get("period"),
            value: get("value"),
            source: get("source"),
            note: get("note"),
        };
        if row.period.is_empty() && row.value.is_empty() {
            table.blank += 1;
            continue;
        }
        table.rows.push(row);
    }
    if problems.is_empty() {
        Ok(table)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_in_any_order_with_french_names_and_semicolons() {
        let t = parse_csv("\u{feff}Valeur;Période;Code;Indicateur;Source\n60,1;2025;IN-B-11.02;x;S\n;;IN-B-11.02;y;\n").unwrap();
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].value, "60,1");
        assert_eq!(t.rows[0].line, 2);
        assert_eq!(t.blank, 1);
    }

    #[test]
    fn ragged_rows_are_refused_with_their_line_and_count() {
        let err = parse_csv(
            "code;indicator;period;value;source;note\nIN-B-11.02;x;2025;3;Rapport MENEJ; p. 3;n\n",
        )
        .unwrap_err();
        assert_eq!(err[0].line, Some(2));
        assert!(err[0].message.contains("7 cells, the header 6"), "{err:?}");
    }

    #[test]
    fn a_missing_column_is_named() {
        let err = parse_csv("code,indicator,value,source\n").unwrap_err();
        assert!(err[0].message.contains("no column period"), "{err:?}");
    }
}
