//! The cells of an OpenDocument spreadsheet (`.ods`): `content.xml` holds the tables,
//! each row and cell possibly repeated (`number-rows-repeated`,
//! `number-columns-repeated`) — empty repetitions are counted, never laid out. A date
//! cell's data style (here or in `styles.xml`) says whether it shows the day.

use std::collections::{HashMap, HashSet};

use super::xml::{Ev, Ns, Tag, Xml};
use super::{Archive, Budget, CELL_TEXT, Cell, Error, MAX_COLUMN, MAX_ROW, Rows, Sheet};

/// Every sheet (table) of the spreadsheet, in tab order.
pub(super) fn read(archive: &mut Archive) -> Result<Vec<Sheet>, Error> {
    let mut styles = Styles::default();
    archive.parse("styles.xml", |x| collect_styles(x, &mut styles))?;
    let mut budget = Budget::new(archive.limits);
    archive.required("content.xml", |x| {
        // The automatic styles come before the body; the styles pass stops at the body.
        collect_styles(x, &mut styles)?;
        let mut sheets = Vec::new();
        loop {
            match x.event()? {
                Ev::Open(t) if t.is(Ns::Table, "table") => {
                    let name = t.attr(Ns::Table, "name").unwrap_or_default().to_string();
                    let hidden = t
                        .attr(Ns::Table, "style-name")
                        .is_some_and(|s| styles.hidden_tables.contains(s));
                    let mut sheet = if t.empty {
                        Sheet::default()
                    } else {
                        table(x, &styles, &mut budget)?
                    };
                    sheet.name = name;
                    sheet.hidden = hidden;
                    sheets.push(sheet);
                }
                Ev::Eof => return Ok(sheets),
                _ => {}
            }
        }
    })
}

/// The data styles that matter: which date styles show the day, and which cell style
/// uses which data style (or inherits it).
#[derive(Default)]
struct Styles {
    date_day: HashMap<String, bool>,
    cell: HashMap<String, (Option<String>, Option<String>)>,
    /// Table styles that hide their table (`table:display="false"`).
    hidden_tables: HashSet<String>,
}

impl Styles {
    /// Whether a date in a cell of style `name` shows its day (when it cannot be told,
    /// it does: a full date is what a date cell holds).
    fn shows_day(&self, name: Option<&str>) -> bool {
        let mut name = name.map(str::to_string);
        for _ in 0..16 {
            let Some(n) = name else { break };
            let Some((data, parent)) = self.cell.get(&n) else {
                break;
            };
            if let Some(day) = data.as_ref().and_then(|d| self.date_day.get(d)) {
                return *day;
            }
            name = parent.clone();
        }
        true
    }
}

/// Read styles until the end of the part or the start of the body.
fn collect_styles(x: &mut Xml, styles: &mut Styles) -> Result<(), Error> {
    loop {
        match x.event()? {
            Ev::Open(t) if t.is(Ns::Office, "body") => return Ok(()),
            Ev::Open(t) if t.is(Ns::Style, "style") => {
                let family = t.attr(Ns::Style, "family");
                let name = t.attr(Ns::Style, "name").unwrap_or_default().to_string();
                if family == Some("table-cell") {
                    let data = t.attr(Ns::Style, "data-style-name").map(str::to_string);
                    let parent = t.attr(Ns::Style, "parent-style-name").map(str::to_string);
                    styles.cell.insert(name, (data, parent));
                    x.skip(&t)?;
                } else if family == Some("table") && !t.empty {
                    // Its table properties say whether the table is shown.
                    let mut depth = 1usize;
                    while depth > 0 {
                        match x.event()? {
                            Ev::Open(c) => {
                                if c.is(Ns::Style, "table-properties")
                                    && c.attr(Ns::Table, "display") == Some("false")
                                {
                                    styles.hidden_tables.insert(name.clone());
                                }
                                if !c.empty {
                                    depth += 1;
                                }
                            }
                            Ev::Close(..) => depth -= 1,
                            Ev::Eof => return Err(Error::broken("a table style is not closed")),
                            Ev::Text(_) => {}
                        }
                    }
                } else {
                    x.skip(&t)?;
                }
            }
            Ev::Open(t) if t.is(Ns::Number, "date-style") => {
                let name = t.attr(Ns::Style, "name").unwrap_or_default().to_string();
                let mut day = false;
                if !t.empty {
                    let mut depth = 1usize;
                    while depth > 0 {
                        match x.event()? {
                            Ev::Open(c) => {
                                day |= c.is(Ns::Number, "day");
                                if !c.empty {
                                    depth += 1;
                                }
                            }
                            Ev::Close(..) => depth -= 1,
                            Ev::Eof => return Err(Error::broken("a date style is not closed")),
                            Ev::Text(_) => {}
                        }
                    }
                }
                styles.date_day.insert(name, day);
            }
            Ev::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// A count of repetitions, as written (1 when absent or unreadable as a count).
fn repeated(t: &Tag, name: &str) -> u64 {
    t.attr(Ns::Table, name)
        .and_then(|s| s.trim().parse::<u64>().ok())
        .filter(|n| *n > 0)
        .unwrap_or(1)
}

/// The rows of one table, its start just read, with its hidden rows and the cells under
/// merged ones that hold something.
fn table(x: &mut Xml, styles: &Styles, budget: &mut Budget) -> Result<Sheet, Error> {
    let most = budget.limits.cells;
    let mut rows = Rows::new(budget);
    let mut hidden_rows = Vec::new();
    let mut covered: Vec<(u32, u32)> = Vec::new();
    // Default cell styles of column ranges: (first column, count, style).
    let mut columns: Vec<(u64, u64, String)> = Vec::new();
    let mut next_column: u64 = 0;
    let mut row: u64 = 1;
    loop {
        match x.event()? {
            Ev::Open(t) if t.is(Ns::Table, "table-column") => {
                let n = repeated(&t, "number-columns-repeated");
                // In column order, within the sheet: at most one range per column.
                if let Some(s) = t.attr(Ns::Table, "default-cell-style-name")
                    && next_column <= u64::from(MAX_COLUMN)
                {
                    columns.push((next_column, n, s.to_string()));
                }
                next_column = next_column.saturating_add(n);
                x.skip(&t)?;
            }
            Ev::Open(t) if t.is(Ns::Table, "table-row") => {
                let n = repeated(&t, "number-rows-repeated");
                let default = t
                    .attr(Ns::Table, "default-cell-style-name")
                    .map(str::to_string);
                let (cells, under) = if t.empty {
                    (Vec::new(), Vec::new())
                } else {
                    row_cells(x, styles, &columns, default.as_deref())?
                };
                let clip = |n: u64| u32::try_from(n).unwrap_or(u32::MAX).min(MAX_ROW + 1);
                if matches!(t.attr(Ns::Table, "visibility"), Some("collapse" | "filter")) {
                    super::hide_rows(&mut hidden_rows, clip(row), clip(row.saturating_add(n - 1)));
                }
                // Cells under a merged one that hold something: named, at most as many
                // as the workbook may have cells.
                for i in 0..n {
                    for (col, times) in &under {
                        for j in 0..*times {
                            if covered.len() >= most {
                                return Err(Error::broken("too many cells lie under merged ones"));
                            }
                            let c = u32::try_from(col.saturating_add(j)).unwrap_or(u32::MAX);
                            covered.push((clip(row.saturating_add(i)), c.min(MAX_COLUMN + 1)));
                        }
                    }
                }
                if !cells.is_empty() {
                    for i in 0..n {
                        let number = row.saturating_add(i);
                        let number = u32::try_from(number).unwrap_or(u32::MAX).min(MAX_ROW + 1);
                        for (col, cell, times) in &cells {
                            for j in 0..*times {
                                let c = col.saturating_add(j);
                                let c = u32::try_from(c).unwrap_or(u32::MAX).min(MAX_COLUMN + 1);
                                rows.push(number, c, cell.clone())?;
                            }
                        }
                    }
                }
                row = row.saturating_add(n);
            }
            // Groups of rows or columns (header rows, row groups) hold rows and columns.
            Ev::Open(t)
                if t.ns == Ns::Table
                    && matches!(
                        t.name.as_str(),
                        "table-header-rows"
                            | "table-rows"
                            | "table-row-group"
                            | "table-header-columns"
                            | "table-columns"
                            | "table-column-group"
                    ) => {}
            Ev::Close(Ns::Table, n) if n == "table" => {
                covered.sort_unstable();
                return Ok(Sheet {
                    rows: rows.finish(),
                    hidden_rows,
                    covered,
                    ..Sheet::default()
                });
            }
            Ev::Open(t) => x.skip(&t)?,
            Ev::Eof => return Err(Error::broken("a table of content.xml is not closed")),
            _ => {}
        }
    }
}

/// The cells of a row with something in them: (first column, cell, repetitions); and
/// the cells under merged ones that hold something: (first column, repetitions).
type RowCells = (Vec<(u64, Cell, u64)>, Vec<(u64, u64)>);

fn row_cells(
    x: &mut Xml,
    styles: &Styles,
    columns: &[(u64, u64, String)],
    row_default: Option<&str>,
) -> Result<RowCells, Error> {
    let mut out = Vec::new();
    let mut under = Vec::new();
    let mut col: u64 = 0;
    loop {
        match x.event()? {
            Ev::Open(t) if t.ns == Ns::Table && t.name == "table-cell" => {
                let n = repeated(&t, "number-columns-repeated");
                let text = if t.empty { None } else { Some(cell_text(x)?) };
                let style = t
                    .attr(Ns::Table, "style-name")
                    .or(row_default)
                    .or_else(|| column_style(columns, col));
                let cell = value(&t, text, styles, style);
                if !matches!(&cell, Cell::Text(s) if s.is_empty()) {
                    out.push((col, cell, n));
                }
                col = col.saturating_add(n);
            }
            // A cell hidden under a merged one: its content is not shown, so not read,
            // but named when it holds something.
            Ev::Open(t) if t.ns == Ns::Table && t.name == "covered-table-cell" => {
                let n = repeated(&t, "number-columns-repeated");
                let text = if t.empty { None } else { Some(cell_text(x)?) };
                let held = t.attr(Ns::Office, "value-type").is_some()
                    || text.as_deref().is_some_and(|s| !s.trim().is_empty());
                if held {
                    under.push((col, n));
                }
                col = col.saturating_add(n);
            }
            Ev::Open(t) => x.skip(&t)?,
            Ev::Close(Ns::Table, n) if n == "table-row" => return Ok((out, under)),
            Ev::Eof => return Err(Error::broken("a row of content.xml is not closed")),
            _ => {}
        }
    }
}

/// The default style of column `col`, from the ranges of columns (in column order).
fn column_style(columns: &[(u64, u64, String)], col: u64) -> Option<&str> {
    let i = columns.partition_point(|(first, ..)| *first <= col);
    let (first, count, style) = columns.get(i.checked_sub(1)?)?;
    (col - first < *count).then_some(style.as_str())
}

/// The text a cell shows: its paragraphs, one per line, without its comments; at most
/// [`CELL_TEXT`] bytes (`<text:s text:c="1000"/>` repeated cannot make gigabytes).
fn cell_text(x: &mut Xml) -> Result<String, Error> {
    let mut text = String::new();
    let mut paragraphs = 0usize;
    let mut depth = 1usize;
    // Depth of the paragraph being read, if any.
    let mut in_p: Option<usize> = None;
    loop {
        match x.event()? {
            Ev::Open(t) if t.is(Ns::Office, "annotation") => x.skip(&t)?,
            Ev::Open(t) if in_p.is_none() && (t.is(Ns::Text, "p") || t.is(Ns::Text, "h")) => {
                if paragraphs > 0 {
                    text.push('\n');
                }
                paragraphs += 1;
                if !t.empty {
                    depth += 1;
                    in_p = Some(depth);
                }
            }
            Ev::Open(t) => {
                if in_p.is_some() {
                    match (t.ns, t.name.as_str()) {
                        (Ns::Text, "s") => {
                            let n = t
                                .attr(Ns::Text, "c")
                                .and_then(|c| c.parse::<usize>().ok())
                                .unwrap_or(1)
                                .min(CELL_TEXT + 1);
                            text.extend(std::iter::repeat_n(' ', n));
                        }
                        (Ns::Text, "tab") => text.push('\t'),
                        (Ns::Text, "line-break") => text.push('\n'),
                        _ => {}
                    }
                }
                if !t.empty {
                    depth += 1;
                }
            }
            Ev::Close(..) => {
                if in_p == Some(depth) {
                    in_p = None;
                }
                depth -= 1;
                if depth == 0 {
                    return Ok(text);
                }
            }
            Ev::Text(s) => {
                if in_p.is_some() {
                    // Runs of white space in a paragraph's text count as one space.
                    for c in s.chars() {
                        if matches!(c, ' ' | '\t' | '\n' | '\r') {
                            if !text.ends_with(' ') {
                                text.push(' ');
                            }
                        } else {
                            text.push(c);
                        }
                    }
                }
            }
            Ev::Eof => return Err(Error::broken("a cell of content.xml is not closed")),
        }
        if text.len() > CELL_TEXT {
            return Err(Error::new(
                format!("a cell holds more than {CELL_TEXT} bytes of text; pan reads no more"),
                "shorten the text of that cell",
            ));
        }
    }
}

/// What a cell holds, from its value attributes (its text for text cells).
fn value(t: &Tag, text: Option<String>, styles: &Styles, style: Option<&str>) -> Cell {
    let text = text.unwrap_or_default();
    if t.attr(Ns::Calcext, "value-type") == Some("error") {
        return Cell::Error(text);
    }
    let number = |name: &str| {
        t.attr(Ns::Office, name)
            .and_then(|v| v.trim().parse::<f64>().ok())
            .filter(|v| v.is_finite())
    };
    match t.attr(Ns::Office, "value-type") {
        Some("float" | "currency") => number("value").map_or(Cell::Text(text), Cell::Number),
        Some("percentage") => number("value").map_or(Cell::Text(text), Cell::Percent),
        Some("date") => {
            let day = styles.shows_day(style);
            t.attr(Ns::Office, "date-value")
                .and_then(|v| v.get(..10))
                .and_then(|v| v.parse().ok())
                .map_or(Cell::Text(text), |date| Cell::Date { date, day })
        }
        Some("boolean") => Cell::Bool(t.attr(Ns::Office, "boolean-value") == Some("true")),
        Some("string") => Cell::Text(
            t.attr(Ns::Office, "string-value")
                .map(str::to_string)
                .unwrap_or(text),
        ),
        _ if t.attr(Ns::Table, "formula").is_some() && text.is_empty() => Cell::Uncomputed,
        _ => Cell::Text(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_columns_default_style_is_found_by_its_range() {
        let cols = vec![(0, 2, "a".to_string()), (3, 1000, "b".to_string())];
        assert_eq!(column_style(&cols, 0), Some("a"));
        assert_eq!(column_style(&cols, 1), Some("a"));
        assert_eq!(column_style(&cols, 2), None);
        assert_eq!(column_style(&cols, 3), Some("b"));
        assert_eq!(column_style(&cols, 1002), Some("b"));
        assert_eq!(column_style(&cols, 1003), None);
        assert_eq!(column_style(&[], 5), None);
    }
}
