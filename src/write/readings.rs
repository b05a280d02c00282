//! Adding readings to a readings file: rows are inserted in a stable order (indicator as
//! declared, then period), existing lines are kept byte for byte, so diffs stay minimal.

use crate::model::Period;
use crate::model::reading::{HEADER, NewReading};

/// One CSV line for a row (quoted where needed, no line ending).
pub fn line(row: &NewReading) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let rec = [
        row.indicator.clone(),
        row.period.to_string(),
        row.value.clone(),
        row.source.clone(),
        row.note.clone(),
        row.recorded.map(|d| d.to_string()).unwrap_or_default(),
        row.replaces.clone().unwrap_or_default(),
    ];
    let _ = w.write_record(&rec);
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8_lossy(&bytes)
        .trim_end_matches('\n')
        .to_string()
}

/// The key rows are ordered by.
type Key = (usize, Period);

/// Insert `rows` into a readings file's `text` (empty for a new file). `existing` gives the
/// key of every existing data row by its 1-based line number.
pub fn insert(text: &str, existing: &[(u32, Key)], rows: &[NewReading]) -> String {
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut lines: Vec<String> = if text.is_empty() {
        vec![format!("{}{eol}", HEADER.join(","))]
    } else {
        text.split_inclusive('\n').map(str::to_string).collect()
    };
    if let Some(last) = lines.last_mut()
        && !last.ends_with('\n')
    {
        last.push_str(eol);
    }
    let mut sorted: Vec<&NewReading> = rows.iter().collect();
    sorted.sort_by_key(|r| (r.order, r.period));
    // Insert from the bottom up so that earlier line numbers stay valid.
    let mut inserts: Vec<(usize, String)> = sorted
        .iter()
        .map(|r| {
            let key = (r.order, r.period);
            let after = existing
                .iter()
                .filter(|(_, k)| *k <= key)
                .map(|(l, _)| *l as usize)
                .max()
                .unwrap_or(1);
            (after, format!("{}{eol}", line(r)))
        })
        .collect();
    // Anchors grow with the keys, so inserting from the last row up keeps earlier line
    // numbers valid, and rows sharing an anchor keep their sorted order.
    for (after, text) in inserts.drain(..).rev() {
        let at = after.min(lines.len());
        lines.insert(at, text);
    }
    lines.concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(order: usize, period: &str, value: &str) -> NewReading {
        NewReading {
            order,
            indicator: format!("i{order}"),
            period: period.parse().unwrap(),
            value: value.into(),
            source: "Rapport, 2024".into(),
            note: String::new(),
            recorded: None,
            replaces: None,
        }
    }

    #[test]
    fn new_file_gets_a_header_and_sorted_rows() {
        let got = insert(
            "",
            &[],
            &[
                row(1, "2025", "3"),
                row(0, "2026", "2"),
                row(0, "2025", "1"),
            ],
        );
        assert_eq!(
            got,
            "indicator,period,value,source,note,recorded,replaces\ni0,2025,1,\"Rapport, 2024\",,,\ni0,2026,2,\"Rapport, 2024\",,,\ni1,2025,3,\"Rapport, 2024\",,,\n"
        );
    }

    #[test]
    fn rows_go_between_existing_ones_which_stay_untouched() {
        let text = "indicator,period,value,source,note,recorded,replaces\ni0,2024,1,  odd  spacing ,,,\ni1,2024,5,S,,,\n";
        let existing = [
            (2, (0, "2024".parse().unwrap())),
            (3, (1, "2024".parse().unwrap())),
        ];
        let got = insert(text, &existing, &[row(0, "2025", "2"), row(1, "2023", "4")]);
        let lines: Vec<&str> = got.lines().collect();
        assert_eq!(lines[1], "i0,2024,1,  odd  spacing ,,,");
        assert!(lines[2].starts_with("i0,2025,2,"));
        assert!(lines[3].starts_with("i1,2023,4,"));
        assert_eq!(lines[4], "i1,2024,5,S,,,");
    }

    #[test]
    fn keeps_crlf_and_adds_a_missing_final_newline() {
        let text = "indicator,period,value,source,note,recorded,replaces\r\ni0,2024,1,S,,,";
        let got = insert(
            text,
            &[(2, (0, "2024".parse().unwrap()))],
            &[row(0, "2025", "2")],
        );
        assert!(
            got.ends_with("i0,2024,1,S,,,\r\ni0,2025,2,\"Rapport, 2024\",,,\r\n"),
            "{got:?}"
        );
    }
}
