//! The hidden sheet of a readings template, written and read in one place so that the
//! two never disagree: the template's [`Stamp`] — its version, the plan it was made
//! from, the day, the periods asked for and the key of each row — and the periods its
//! period cells offer in their list.
//!
//! ```text
//!    A            B                    C           D          E   F
//! 1  pan          readings template
//! 2  version      1
//! 3  plan         <the plan's title>
//! 4  fingerprint  <16 hex digits>
//! 5  as of        2026-11-30
//! 6  sheet        Relevés
//! 7  periods      2025 2025-Q1         (the periods asked for, if any)
//! 9  row          code                 indicator   period         offered
//! 10 2            IN-B-11.02           seances     2025           2025
//! 11 3            IN-B-11.02           participants 2025          2025-H1 …
//! ```
//!
//! A workbook without such a sheet (made by hand) is read as any other.

use std::collections::HashSet;

use jiff::civil::Date;

use super::super::workbook::{Cell, Row as SheetRow, Sheet, Workbook, cell_name};
use super::{Field, Place, Problem, Row, SheetColumns};
use crate::model::Period;
use crate::model::reading::format_number;
use crate::model::stamp::{RowKey, Stamp, VERSION};

/// The name of the hidden sheet, as pan writes it (the import recognises it by its
/// first row, whatever its name).
pub const SHEET: &str = "pan";
/// What its first row says.
const MARKER: [&str; 2] = ["pan", "readings template"];
/// The row that names the columns of the keys (the keys follow it).
pub const KEYS_HEADER: u32 = 9;
/// The column of the periods offered (F).
pub const OFFERED_COLUMN: u32 = 5;

/// The range of the periods offered, as a formula names it on the hidden sheet
/// (`$F$10:$F$28`), or `None` when there are none.
pub fn offered_range(count: usize) -> Option<String> {
    let col = super::super::workbook::column_name(OFFERED_COLUMN);
    (count > 0).then(|| {
        format!(
            "${col}${}:${col}${}",
            KEYS_HEADER + 1,
            KEYS_HEADER as usize + count
        )
    })
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

/// The hidden sheet's rows: the stamp, and the periods offered.
pub fn rows(stamp: &Stamp, offered: &[Period]) -> Vec<SheetRow> {
    let pair = |number: u32, name: &str, value: Cell| SheetRow {
        number,
        cells: vec![(0, text(name)), (1, value)],
    };
    let asked: Vec<String> = stamp.asked.iter().map(ToString::to_string).collect();
    let mut out = vec![
        SheetRow {
            number: 1,
            cells: vec![(0, text(MARKER[0])), (1, text(MARKER[1]))],
        },
        pair(2, "version", Cell::Number(f64::from(stamp.version))),
        pair(3, "plan", text(&stamp.plan)),
        pair(4, "fingerprint", text(&stamp.fingerprint)),
        pair(5, "as of", text(stamp.as_of.to_string())),
        pair(6, "sheet", text(&stamp.sheet)),
        pair(7, "periods", text(asked.join(" "))),
        SheetRow {
            number: KEYS_HEADER,
            cells: vec![
                (0, text("row")),
                (1, text("code")),
                (2, text("indicator")),
                (3, text("period")),
                (OFFERED_COLUMN, text("offered")),
            ],
        },
    ];
    let n = stamp.rows.len().max(offered.len());
    for i in 0..n {
        let mut cells = Vec::new();
        if let Some(k) = stamp.rows.get(i) {
            cells.push((0, Cell::Number(f64::from(k.row))));
            cells.push((1, text(&k.code)));
            cells.push((2, text(&k.indicator)));
            if let Some(p) = k.period {
                cells.push((3, text(p.to_string())));
            }
        }
        if let Some(p) = offered.get(i) {
            cells.push((OFFERED_COLUMN, text(p.to_string())));
        }
        out.push(SheetRow {
            number: KEYS_HEADER + 1 + crate::model::index32(i),
            cells,
        });
    }
    out
}

/// What a cell of the hidden sheet says, as text.
fn said(row: &SheetRow, col: u32) -> String {
    match row.get(col) {
        Some(Cell::Text(t)) => t.trim().to_string(),
        Some(Cell::Number(n)) => format_number(*n),
        Some(Cell::Date { date, .. }) => date.to_string(),
        _ => String::new(),
    }
}

/// Whether a sheet is a template's hidden sheet.
fn is_stamp(sheet: &Sheet) -> bool {
    sheet
        .rows
        .first()
        .is_some_and(|r| r.number == 1 && said(r, 0) == MARKER[0] && said(r, 1) == MARKER[1])
}

const FRESH: &str =
    "fill in a fresh template (`pan reading template`), copying your figures into it";

fn damaged(sheet: &Sheet, row: u32, col: u32, what: &str) -> Problem {
    Problem {
        place: Some(Place {
            sheet: Some(sheet.name.clone()),
            line: u64::from(row),
            cell: Some(cell_name(col, row)),
        }),
        message: format!("the template's hidden sheet is damaged: {what}"),
        hint: FRESH.into(),
    }
}

/// The stamp of a workbook and the index of its hidden sheet, if it has one; a hidden
/// sheet this pan cannot read (another version, damaged) is a problem.
pub fn find(book: &Workbook) -> Result<Option<(usize, Stamp)>, Problem> {
    let Some(index) = book.sheets.iter().position(is_stamp) else {
        return Ok(None);
    };
    let sheet = &book.sheets[index];
    let value = |row: u32| {
        sheet
            .rows
            .iter()
            .find(|r| r.number == row)
            .map(|r| said(r, 1))
            .unwrap_or_default()
    };
    let version = value(2);
    if version.is_empty() || version.parse::<u32>().is_err() {
        return Err(damaged(
            sheet,
            2,
            1,
            "its version is missing or not a number",
        ));
    }
    if version != VERSION.to_string() {
        return Err(Problem {
            place: None,
            message: format!(
                "this workbook is a template of version {}, made by another version of pan; this pan reads templates of version {VERSION}",
                version
            ),
            hint: "import it with the version of pan that made it, or fill in a template made by this pan (`pan reading template`)".into(),
        });
    }
    let as_of: Date = value(5)
        .parse()
        .map_err(|_| damaged(sheet, 5, 1, "its date is not a date"))?;
    let mut asked = Vec::new();
    for p in value(7).split_whitespace() {
        asked.push(
            p.parse::<Period>()
                .map_err(|_| damaged(sheet, 7, 1, &format!("`{p}` is not a period")))?,
        );
    }
    let mut rows: Vec<RowKey> = Vec::new();
    for r in sheet.rows.iter().filter(|r| r.number > KEYS_HEADER) {
        let number = said(r, 0);
        if number.is_empty() {
            continue; // a row of offered periods only
        }
        let bad = |what: &str| damaged(sheet, r.number, 0, what);
        let row: u32 = number
            .parse()
            .map_err(|_| bad(&format!("`{number}` is not a row number")))?;
        if rows.last().is_some_and(|k| k.row >= row) {
            return Err(bad("its rows are out of order"));
        }
        let period = match said(r, 3) {
            p if p.is_empty() => None,
            p => Some(
                p.parse::<Period>()
                    .map_err(|_| damaged(sheet, r.number, 3, &format!("`{p}` is not a period")))?,
            ),
        };
        rows.push(RowKey {
            row,
            code: said(r, 1),
            indicator: said(r, 2),
            period,
        });
    }
    let stamp = Stamp {
        version: VERSION,
        plan: value(3),
        fingerprint: value(4),
        as_of,
        sheet: value(6),
        asked,
        rows,
    };
    if !book.sheets.iter().any(|s| s.name == stamp.sheet) {
        return Err(Problem {
            place: None,
            message: format!(
                "this template's sheet {} is missing (renamed or deleted?)",
                stamp.sheet
            ),
            hint: format!(
                "give the sheet of readings back its name, {}, and import again",
                stamp.sheet
            ),
        });
    }
    Ok(Some((index, stamp)))
}

/// Whether a row of the template's sheet is one pan wrote and nobody filled in: its
/// value, source and note empty and its period the one pan wrote.
pub fn untouched(stamp: &Stamp, row: &Row) -> bool {
    let key = u32::try_from(row.line).ok().and_then(|n| stamp.key_at(n));
    key.is_some_and(|k| {
        row.value.is_empty()
            && row.source.is_empty()
            && row.note.is_empty()
            && k.period.map(|p| p.to_string()).unwrap_or_default() == row.period
    })
}

/// The (code, indicator) pairs a template has rows for, to look one up at once (a
/// template of 400,000 rows checked against 150,000 rows added below it stays linear).
pub struct Known<'s>(HashSet<(&'s str, &'s str)>);

impl<'s> Known<'s> {
    /// The pairs of `stamp`.
    pub fn of(stamp: &'s Stamp) -> Known<'s> {
        Known(
            stamp
                .rows
                .iter()
                .map(|k| (k.code.as_str(), k.indicator.as_str()))
                .collect(),
        )
    }
}

/// Why a row of the template's sheet is refused because its locked cells (code,
/// indicator) no longer say what pan wrote there, if they do not; a row added below
/// the template's rows is accepted when it copies one of them (`known`).
pub fn edited(stamp: &Stamp, known: &Known, sheet: &SheetColumns, row: &Row) -> Option<Problem> {
    let number = u32::try_from(row.line).unwrap_or(u32::MAX);
    let place = |field: Field| Place {
        sheet: Some(sheet.name.clone()),
        line: row.line,
        cell: sheet.columns[field as usize].map(|c| cell_name(c, number)),
    };
    let Some(key) = stamp.key_at(number) else {
        if known
            .0
            .contains(&(row.code.as_str(), row.indicator.as_str()))
        {
            return None;
        }
        let first = stamp.rows.first().map_or(0, |k| k.row);
        return Some(Problem {
            place: Some(place(Field::Code)),
            message: format!(
                "this row is not one of the template's (rows {first}–{}), and the template has no row for {} `{}`",
                stamp.last_row(),
                row.code,
                row.indicator
            ),
            hint: "write each figure on the row of its indicator; for an indicator the workbook does not list, ask for a template that lists it".into(),
        });
    };
    let code = key.code != row.code;
    let indicator = key.indicator != row.indicator;
    let reads = |s: &str| {
        if s.is_empty() {
            "nothing".to_string()
        } else {
            format!("`{s}`")
        }
    };
    let (field, what) = match (code, indicator) {
        (false, false) => return None,
        (true, false) => (
            Field::Code,
            format!("its code now reads {}", reads(&row.code)),
        ),
        (false, true) => (
            Field::Indicator,
            format!("its indicator now reads {}", reads(&row.indicator)),
        ),
        (true, true) => (
            Field::Code,
            format!(
                "its code and indicator now read {} and {}",
                reads(&row.code),
                reads(&row.indicator)
            ),
        ),
    };
    Some(Problem {
        place: Some(place(field)),
        message: format!(
            "this row was made for {} `{}`, but {what}",
            key.code, key.indicator
        ),
        hint: format!(
            "the code and indicator columns are locked: put back {} `{}` (rows inserted, deleted or sorted move them too), and write each figure on the row of its indicator",
            key.code, key.indicator
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp() -> Stamp {
        Stamp {
            version: VERSION,
            plan: "Plan « test »".into(),
            fingerprint: "0123456789abcdef".into(),
            as_of: Date::constant(2026, 11, 30),
            sheet: "Relevés".into(),
            asked: vec!["2025".parse().unwrap(), "2026-Q1".parse().unwrap()],
            rows: vec![
                RowKey {
                    row: 2,
                    code: "IN-B-11.02".into(),
                    indicator: "seances".into(),
                    period: Some("2025".parse().unwrap()),
                },
                RowKey {
                    row: 3,
                    code: "context".into(),
                    indicator: "x".into(),
                    period: None,
                },
            ],
        }
    }

    fn book(rows: Vec<SheetRow>) -> Workbook {
        Workbook {
            sheets: vec![
                Sheet {
                    name: "Relevés".into(),
                    rows: vec![],
                    ..Sheet::default()
                },
                Sheet {
                    name: "pan".into(),
                    rows,
                    ..Sheet::default()
                },
            ],
        }
    }

    #[test]
    fn the_stamp_reads_back_as_written() {
        let s = stamp();
        let offered: Vec<Period> = ["2025", "2025-H1", "2025-H2", "2025-Q1"]
            .iter()
            .map(|p| p.parse().unwrap())
            .collect();
        let rows = rows(&s, &offered);
        assert_eq!(rows.last().map(|r| r.number), Some(KEYS_HEADER + 4));
        assert_eq!(offered_range(4).as_deref(), Some("$F$10:$F$13"));
        assert_eq!(find(&book(rows)).unwrap(), Some((1, s)));
    }

    #[test]
    fn another_version_or_a_damaged_sheet_is_named() {
        let mut rows = rows(&stamp(), &[]);
        rows[1].cells[1].1 = Cell::Number(2.0);
        let e = find(&book(rows)).unwrap_err();
        assert!(e.message.contains("template of version 2"), "{e:?}");
        let mut rows = super::rows(&stamp(), &[]);
        rows[1].cells[1].1 = text("");
        let e = find(&book(rows)).unwrap_err();
        assert_eq!(e.place.unwrap().cell.as_deref(), Some("B2"));
        assert!(e.message.contains("version is missing"), "{}", e.message);
        let mut rows = super::rows(&stamp(), &[]);
        rows[4].cells[1].1 = text("hier");
        let e = find(&book(rows)).unwrap_err();
        assert_eq!(e.place.unwrap().cell.as_deref(), Some("B5"));
        assert!(e.message.contains("damaged"), "{}", e.message);
        let mut rows = super::rows(&stamp(), &[]);
        rows[5].cells[1].1 = text("Feuil1");
        let e = find(&book(rows)).unwrap_err();
        assert!(
            e.message.contains("sheet Feuil1 is missing"),
            "{}",
            e.message
        );
        // Without the marker, a sheet named pan is an ordinary sheet.
        let mut rows = super::rows(&stamp(), &[]);
        rows[0].cells[1].1 = text("something else");
        assert_eq!(find(&book(rows)), Ok(None));
    }

    #[test]
    fn locked_cells_edited_are_named() {
        let s = stamp();
        let sheet = SheetColumns {
            name: "Relevés".into(),
            columns: [Some(0), Some(1), Some(3), Some(4), Some(5), Some(6)],
        };
        let row = |line, code: &str, indicator: &str| Row {
            sheet: Some(0),
            line,
            code: code.into(),
            indicator: indicator.into(),
            period: "2025".into(),
            value: "1".into(),
            ..Row::default()
        };
        assert!(edited(&s, &Known::of(&s), &sheet, &row(2, "IN-B-11.02", "seances")).is_none());
        let p = edited(&s, &Known::of(&s), &sheet, &row(2, "IN-B-11.03", "seances")).unwrap();
        assert_eq!(p.place.unwrap().cell.as_deref(), Some("A2"));
        let p = edited(&s, &Known::of(&s), &sheet, &row(2, "IN-B-11.02", "")).unwrap();
        assert_eq!(p.place.unwrap().cell.as_deref(), Some("B2"));
        assert!(
            p.message.ends_with("its indicator now reads nothing"),
            "{}",
            p.message
        );
        // A copy below the template's rows is a second period of the same indicator.
        assert!(edited(&s, &Known::of(&s), &sheet, &row(9, "IN-B-11.02", "seances")).is_none());
        let p = edited(&s, &Known::of(&s), &sheet, &row(9, "IN-B-11.09", "seances")).unwrap();
        assert!(p.message.contains("rows 2–3"), "{}", p.message);
    }
}
