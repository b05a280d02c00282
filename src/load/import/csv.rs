//! CSV as a spreadsheet saves it: `,`, `;` or tab separators, quoted cells, any line
//! endings.

use super::{Field, Problem, Row, Table, column_of};

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

/// Read CSV text (see [`super::read`]).
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
    let mut col: [Option<usize>; 6] = [None; 6];
    for (i, name) in header.iter().enumerate() {
        if let Some(f) = column_of(name) {
            col[f.index()].get_or_insert(i);
        }
    }
    let missing: Vec<&str> = Field::ALL
        .into_iter()
        .filter(|f| f.required() && col[f.index()].is_none())
        .map(Field::name)
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
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                problems.push(Problem::at_line(
                    line,
                    format!("cannot read the row: {e}"),
                    "check the quotes of this row: a cell that starts with \" must end with \"",
                ));
                break;
            }
        };
        let line = rec.position().map(|p| p.line()).unwrap_or(0);
        if rec.iter().all(|c| c.trim().is_empty()) {
            table.blank += 1;
            continue;
        }
        if rec.len() != width {
            let (message, hint) = if rec.iter().any(|c| c.contains('\n')) {
                // A quote left open swallows the lines after it into one cell.
                (
                    format!(
                        "the row has {} cells, the header {width}: a double quote opened on this line is not closed, so the lines after it were read as one cell",
                        rec.len()
                    ),
                    "close the quote (a quoted cell starts and ends with \"), or remove it",
                )
            } else if rec.len() < width {
                (
                    format!("the row has {} cells, the header {width}", rec.len()),
                    "every row has every column, even an empty one (…,source, for an empty note): add the missing separators",
                )
            } else {
                (
                    format!("the row has {} cells, the header {width}", rec.len()),
                    "a cell that holds the separator (`,` or `;`) must be in double quotes, e.g. \"Rapport MENEJ; p. 3\"",
                )
            };
            table.refused.push(Problem::at_line(line, message, hint));
            continue;
        }
        let get = |f: Field| {
            col[f.index()]
                .and_then(|i| rec.get(i))
                .unwrap_or("")
                .trim()
                .to_string()
        };
        let extra = header
            .iter()
            .enumerate()
            .filter(|(i, _)| !col.contains(&Some(*i)))
            .filter_map(|(i, name)| {
                let v = rec.get(i)?.trim();
                (!v.is_empty()).then(|| (name.trim().to_string(), v.to_string()))
            })
            .collect();
        let row = Row {
            sheet: None,
            line,
            code: get(Field::Code),
            indicator: get(Field::Indicator),
            period: get(Field::Period),
            value: get(Field::Value),
            source: get(Field::Source),
            note: get(Field::Note),
            extra,
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
        .unwrap()
        .refused;
        assert_eq!(err[0].place.as_ref().map(|p| p.line), Some(2));
        assert!(err[0].message.contains("7 cells, the header 6"), "{err:?}");
        // A ragged row is one row refused; the others are read.
        let t = parse_csv(
            "code;indicator;period;value;source\nIN-B-11.02;x;2025;3;a; b\nIN-B-11.02;x;2026;4;c\n",
        )
        .unwrap();
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.refused[0].place.as_ref().map(|p| p.line), Some(2));
    }

    #[test]
    fn a_missing_column_is_named() {
        let err = parse_csv("code,indicator,value,source\n").unwrap_err();
        assert!(err[0].message.contains("no column period"), "{err:?}");
    }
}
