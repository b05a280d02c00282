//! The rows of a workbook: on every sheet whose first rows name the columns, each row
//! below, its cells turned into the text a person meant — a number as it is (`34`,
//! `60.1`), a percentage cell as the percentage it shows (`60.1%`), a date in the period
//! column as the day or month it shows.

use super::super::workbook::{Cell, Row as SheetRow, Sheet, Workbook, cell_name};
use super::{Field, Place, Problem, Row, SheetColumns, Table, column_of, stamp};
use crate::model::reading::format_number;

/// How many rows with something in them are looked at, at the top of a sheet, for the
/// one that names the columns (a title may stand above it).
const HEADER_SEARCH: usize = 10;

/// The columns a row names, and how many it names.
fn columns_of(row: &SheetRow) -> ([Option<u32>; 6], usize) {
    let mut cols: [Option<u32>; 6] = [None; 6];
    let mut n = 0;
    for (c, cell) in &row.cells {
        if let Cell::Text(t) = cell
            && let Some(f) = column_of(t)
            && cols[f.index()].is_none()
        {
            cols[f.index()] = Some(*c);
            n += 1;
        }
    }
    (cols, n)
}

/// The header of a sheet: its index among the rows and the column of each field.
fn header(sheet: &Sheet) -> Option<(usize, [Option<u32>; 6], usize)> {
    sheet
        .rows
        .iter()
        .take(HEADER_SEARCH)
        .enumerate()
        .map(|(i, r)| {
            let (cols, n) = columns_of(r);
            (i, cols, n)
        })
        .max_by_key(|(i, _, n)| (*n, std::cmp::Reverse(*i)))
        .filter(|(_, _, n)| *n > 0)
}

fn complete(cols: &[Option<u32>; 6]) -> bool {
    Field::ALL
        .into_iter()
        .all(|f| !f.required() || cols[f.index()].is_some())
}

/// Refuse what a person did not see on `sheet` below its header (the row at `at`): the
/// whole sheet when it is hidden (then `true`: its rows are not read), and every cell
/// under a merged one that holds something.
fn unseen(sheet: &Sheet, at: usize, refused: &mut Vec<Problem>) -> bool {
    let header_row = sheet.rows[at].number;
    if sheet.hidden && sheet.rows.len() > at + 1 {
        refused.push(Problem {
            place: Some(Place {
                sheet: Some(sheet.name.clone()),
                line: u64::from(header_row),
                cell: None,
            }),
            message: format!(
                "the sheet {} is hidden, and its rows hold readings nobody sees",
                sheet.name
            ),
            hint: "unhide the sheet and check its figures, or delete it".into(),
        });
        return true;
    }
    for &(row, col) in sheet.covered.iter().filter(|(r, _)| *r > header_row) {
        refused.push(Problem {
            place: Some(Place {
                sheet: Some(sheet.name.clone()),
                line: u64::from(row),
                cell: Some(cell_name(col, row)),
            }),
            message: "this cell lies under a merged cell: what it holds is not shown".into(),
            hint: "unmerge the cells and check what each holds, or clear the hidden one".into(),
        });
    }
    false
}

/// The rows of every sheet that names the columns; a row with a cell that cannot be
/// read (an error, a formula without its result) is refused with the cell named.
pub fn from_workbook(book: &Workbook) -> Result<Table, Vec<Problem>> {
    let mut table = Table::default();
    let mut refused = Vec::new();
    let stamped = stamp::find(book).map_err(|p| vec![p])?;
    // The best incomplete header seen, to say what it lacks when no sheet has one.
    let mut nearest: Option<(String, u32, [Option<u32>; 6], usize)> = None;
    for (i, sheet) in book.sheets.iter().enumerate() {
        if stamped.as_ref().is_some_and(|(at, _)| *at == i) {
            continue; // the template's hidden sheet
        }
        // The rows of a template's sheet are checked against the keys it wrote.
        let keys = stamped
            .as_ref()
            .map(|(_, s)| s)
            .filter(|s| s.sheet == sheet.name);
        let Some((at, cols, n)) = header(sheet) else {
            continue;
        };
        if !complete(&cols) {
            if nearest.as_ref().is_none_or(|b| n > b.3) {
                nearest = Some((sheet.name.clone(), sheet.rows[at].number, cols, n));
            }
            continue;
        }
        // The other named columns (a dimension's, perhaps).
        let others: Vec<(u32, String)> = sheet.rows[at]
            .cells
            .iter()
            .filter_map(|(c, cell)| match cell {
                Cell::Text(t) if !cols.contains(&Some(*c)) && !t.trim().is_empty() => {
                    Some((*c, t.trim().to_string()))
                }
                _ => None,
            })
            .collect();
        // What the person did not see is not imported unseen.
        if unseen(sheet, at, &mut refused) {
            continue;
        }
        let index = table.sheets.len();
        table.sheets.push(SheetColumns {
            name: sheet.name.clone(),
            columns: cols,
        });
        let known = keys.map(stamp::Known::of);
        for r in &sheet.rows[at + 1..] {
            if sheet.row_hidden(r.number) {
                refused.push(Problem {
                    place: Some(Place {
                        sheet: Some(sheet.name.clone()),
                        line: u64::from(r.number),
                        cell: None,
                    }),
                    message: "this row is hidden, and holds something nobody sees".into(),
                    hint: "unhide the row and check its figures, or delete it".into(),
                });
                continue;
            }
            let before = refused.len();
            let mut get = |f: Field| -> String {
                let Some((c, cell)) = cols[f.index()].and_then(|c| r.get(c).map(|x| (c, x))) else {
                    return String::new();
                };
                text(cell, f).unwrap_or_else(|(message, hint)| {
                    refused.push(Problem {
                        place: Some(Place {
                            sheet: Some(sheet.name.clone()),
                            line: u64::from(r.number),
                            cell: Some(cell_name(c, r.number)),
                        }),
                        message,
                        hint,
                    });
                    String::new()
                })
            };
            let row = Row {
                sheet: Some(index),
                line: u64::from(r.number),
                code: get(Field::Code),
                indicator: get(Field::Indicator),
                period: get(Field::Period),
                value: get(Field::Value),
                source: get(Field::Source),
                note: get(Field::Note),
                extra: others
                    .iter()
                    .filter_map(|(c, name)| {
                        let v = text(r.get(*c)?, Field::Note).ok()?;
                        (!v.is_empty()).then(|| (name.clone(), v))
                    })
                    .collect(),
            };
            if refused.len() > before {
                continue;
            }
            if (row.period.is_empty() && row.value.is_empty())
                || keys.is_some_and(|k| stamp::untouched(k, &row))
            {
                table.blank += 1;
                continue;
            }
            if let Some(p) = keys
                .zip(known.as_ref())
                .and_then(|(k, known)| stamp::edited(k, known, &table.sheets[index], &row))
            {
                refused.push(p);
                continue;
            }
            table.rows.push(row);
        }
    }
    if table.sheets.is_empty() {
        let names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
        return Err(vec![match nearest {
            Some((name, row, cols, _)) => {
                let missing: Vec<&str> = Field::ALL
                    .into_iter()
                    .filter(|f| f.required() && cols[f.index()].is_none())
                    .map(Field::name)
                    .collect();
                Problem {
                    place: Some(Place {
                        sheet: Some(name),
                        line: u64::from(row),
                        cell: None,
                    }),
                    message: format!("the header has no column {}", missing.join(", ")),
                    hint: "the columns are code, indicator, period, value, source, note, named in English or French (`pan reading template` writes them)".into(),
                }
            }
            None => Problem::file(
                format!(
                    "no sheet names the columns code, indicator, period, value, source in its first rows (sheets: {})",
                    if names.is_empty() {
                        "none".to_string()
                    } else {
                        names.join(", ")
                    }
                ),
                "fill in the workbook `pan reading template --format xlsx` (or ods) writes, or name the columns in the first row",
            ),
        }]);
    }
    table.refused = refused;
    table.stamp = stamped.map(|(_, s)| s);
    Ok(table)
}

/// The text a person meant by a cell of a column, or why it cannot be read.
fn text(cell: &Cell, field: Field) -> Result<String, (String, String)> {
    Ok(match cell {
        Cell::Text(t) => t.trim().to_string(),
        Cell::Number(n) => format_number(*n),
        // The cell shows the fraction times 100 with a `%`: that is what was typed.
        Cell::Percent(f) => format!("{}%", times_100(&format_number(*f))),
        Cell::Date { date, day } => {
            if field == Field::Period && !day {
                format!("{:04}-{:02}", date.year(), date.month())
            } else {
                date.to_string()
            }
        }
        Cell::Bool(b) => (if *b { "TRUE" } else { "FALSE" }).to_string(),
        Cell::Error(e) => {
            return Err((
                format!("the cell shows the error {}", e.trim()),
                "type the value itself, or mend the formula".into(),
            ));
        }
        Cell::Uncomputed => {
            return Err((
                "the cell holds a formula whose result the file does not keep".into(),
                "type the value itself, or open the file in a spreadsheet and save it again".into(),
            ));
        }
    })
}

/// A plain decimal number (as [`format_number`] writes it) times 100, exactly: the
/// point moves two places (`0.601` → `60.1`), with no rounding error.
pub fn times_100(s: &str) -> String {
    let (sign, digits) = match s.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", s),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let mut frac = frac.to_string();
    while frac.len() < 2 {
        frac.push('0');
    }
    let (moved, rest) = frac.split_at(2);
    let whole = format!("{int}{moved}");
    let whole = whole.trim_start_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    let rest = rest.trim_end_matches('0');
    if rest.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{rest}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::Date;

    #[test]
    fn percentages_move_the_point_exactly() {
        assert_eq!(times_100("0.601"), "60.1");
        assert_eq!(times_100("1"), "100");
        assert_eq!(times_100("0.005"), "0.5");
        assert_eq!(times_100("0"), "0");
        assert_eq!(times_100("-0.25"), "-25");
        assert_eq!(times_100("12.3456"), "1234.56");
        assert_eq!(times_100("0.0000001"), "0.00001");
    }

    #[test]
    fn cells_read_as_typed() {
        let ok = |c: Cell, f| text(&c, f).unwrap();
        assert_eq!(ok(Cell::Number(34.0), Field::Value), "34");
        assert_eq!(ok(Cell::Number(2026.0), Field::Period), "2026");
        assert_eq!(ok(Cell::Number(60.1), Field::Value), "60.1");
        assert_eq!(ok(Cell::Percent(0.601), Field::Value), "60.1%");
        let date = Date::constant(2026, 5, 17);
        assert_eq!(
            ok(Cell::Date { date, day: true }, Field::Period),
            "2026-05-17"
        );
        assert_eq!(
            ok(Cell::Date { date, day: false }, Field::Period),
            "2026-05"
        );
        assert_eq!(
            ok(Cell::Date { date, day: false }, Field::Note),
            "2026-05-17"
        );
        assert!(
            text(&Cell::Error("#DIV/0!".into()), Field::Value)
                .unwrap_err()
                .0
                .contains("#DIV/0!")
        );
        assert!(text(&Cell::Uncomputed, Field::Value).is_err());
    }
}
