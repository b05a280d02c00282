//! Adding readings to a readings file: rows are inserted in a stable order (indicator as
//! declared, then period), existing lines are kept byte for byte, so diffs stay minimal.

use crate::model::Period;
use crate::model::reading::{HEADER, NewReading};

/// One CSV line for a row (quoted where needed, no line ending), for a file without
/// dimension columns.
pub fn line(row: &NewReading) -> String {
    line_in(row, &[])
}

/// One CSV line for a row of a file whose dimension columns are `columns`.
pub fn line_in(row: &NewReading, columns: &[String]) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let mut rec = vec![
        row.indicator.clone(),
        row.period.to_string(),
        row.value.clone(),
        row.source.clone(),
        row.note.clone(),
        row.recorded.map(|d| d.to_string()).unwrap_or_default(),
        row.replaces.clone().unwrap_or_default(),
    ];
    for c in columns {
        rec.push(
            row.by
                .iter()
                .find(|(d, _)| d == c)
                .map(|(_, v)| v.clone())
                .unwrap_or_default(),
        );
    }
    let _ = w.write_record(&rec);
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8_lossy(&bytes)
        .trim_end_matches('\n')
        .to_string()
}

/// The key rows are ordered by: the indicator's position in its action, then the period.
pub type Key = (usize, Period);

/// Insert `rows` into a readings file: `text` without its byte-order mark (`bom` says
/// whether it had one; empty for a new file), `header_end` the byte after the header row,
/// and `existing` each data row's end and key. New rows go after the last row whose key
/// is not greater, by row boundaries (a quoted note may span lines); every existing byte
/// stays as it was. Linear in the size of the file and the rows.
///
/// A file gets a dimension column the first time one of its rows is broken down by that
/// dimension: the header gains the column and every existing row an empty cell (a total
/// for that dimension) before its line ending; nothing else changes.
pub fn insert(
    text: &str,
    bom: bool,
    header_end: usize,
    existing: &[(usize, Key)],
    rows: &[NewReading],
) -> String {
    let eol = super::eol_of(text);
    let mut base = String::with_capacity(text.len() + rows.len() * 64 + 64);
    if bom {
        base.push('\u{feff}');
    }
    let old = columns_of(text);
    let mut columns = old.clone();
    for r in rows {
        for (d, _) in &r.by {
            if !columns.contains(d) {
                columns.push(d.clone());
            }
        }
    }
    let widened;
    let (body, header_end, existing) = if text.is_empty() {
        let mut header = HEADER.join(",");
        for c in &columns {
            header.push(',');
            header.push_str(c);
        }
        header.push_str(eol);
        let n = header.len();
        (header, n, existing)
    } else if columns.len() > old.len() {
        let (t, h, e) = widen(
            text,
            header_end.min(text.len()),
            existing,
            &columns[old.len()..],
        );
        widened = e;
        (t, h, widened.as_slice())
    } else {
        (text.to_string(), header_end.min(text.len()), existing)
    };
    // Anchors: for keys in order, the furthest end among rows whose key is not greater.
    let mut by_key: Vec<(Key, usize)> = existing.iter().map(|&(end, k)| (k, end)).collect();
    by_key.sort();
    let mut furthest = Vec::with_capacity(by_key.len());
    let mut max_end = header_end;
    for &(_, end) in &by_key {
        max_end = max_end.max(end);
        furthest.push(max_end);
    }
    let mut sorted: Vec<&NewReading> = rows.iter().collect();
    sorted.sort_by_key(|r| (r.order, r.period));
    let mut inserts: Vec<(usize, &NewReading)> = sorted
        .into_iter()
        .map(|r| {
            let key = (r.order, r.period);
            let n = by_key.partition_point(|(k, _)| *k <= key);
            let at = if n == 0 { header_end } else { furthest[n - 1] };
            (at.min(body.len()), r)
        })
        .collect();
    // Stable: rows sharing an anchor keep their sorted order.
    inserts.sort_by_key(|(at, _)| *at);
    let mut pos = 0;
    for (at, r) in inserts {
        base.push_str(&body[pos..at]);
        pos = at;
        if !base.is_empty() && !base.ends_with('\n') {
            base.push_str(eol);
        }
        base.push_str(&line_in(r, &columns));
        base.push_str(eol);
    }
    base.push_str(&body[pos..]);
    base
}

/// The dimension columns of a readings file's header (after the seven of [`HEADER`]).
pub fn columns_of(text: &str) -> Vec<String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.split_inclusive('\n').next().unwrap_or("");
    records(first)
        .ok()
        .and_then(|r| r.into_iter().next())
        .map(|h| {
            h.into_iter()
                .skip(HEADER.len())
                .map(|c| c.trim().to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// Add the columns `more` to a readings file: to its header, and an empty cell to each
/// row (before the row's line ending). Returns the new text, header end and row ends.
fn widen(
    text: &str,
    header_end: usize,
    existing: &[(usize, Key)],
    more: &[String],
) -> (String, usize, Vec<(usize, Key)>) {
    let cells = ",".repeat(more.len());
    let mut names = String::new();
    for c in more {
        names.push(',');
        names.push_str(c);
    }
    // Where a row's content ends: before its line ending.
    let content_end = |end: usize| {
        let mut e = end;
        if e > 0 && text.as_bytes().get(e - 1) == Some(&b'\n') {
            e -= 1;
            if e > 0 && text.as_bytes().get(e - 1) == Some(&b'\r') {
                e -= 1;
            }
        }
        e
    };
    let mut cuts: Vec<(usize, &str)> = vec![(content_end(header_end), names.as_str())];
    let mut ends: Vec<usize> = existing.iter().map(|(e, _)| *e).collect();
    ends.sort_unstable();
    ends.dedup();
    for &e in &ends {
        cuts.push((content_end(e), cells.as_str()));
    }
    cuts.sort_by_key(|(at, _)| *at);
    let mut out = String::with_capacity(text.len() + cuts.len() * (cells.len() + 1));
    let mut pos = 0;
    let shift = |at: usize, cuts: &[(usize, &str)]| -> usize {
        at + cuts
            .iter()
            .filter(|(c, _)| *c <= at)
            .map(|(_, s)| s.len())
            .sum::<usize>()
    };
    for (at, add) in &cuts {
        out.push_str(&text[pos..*at]);
        out.push_str(add);
        pos = *at;
    }
    out.push_str(&text[pos..]);
    let new_header_end = shift(header_end, &cuts);
    let rows = existing
        .iter()
        .map(|&(e, k)| (shift(e, &cuts), k))
        .collect();
    (out, new_header_end, rows)
}

/// Parse CSV text into its records (cells as text), for [`verify`].
fn records(text: &str) -> Result<Vec<Vec<String>>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| e.to_string())?;
        if rec.len() == 1 && rec.get(0).is_some_and(|c| c.trim().is_empty()) {
            continue;
        }
        out.push(rec.iter().map(str::to_string).collect());
    }
    Ok(out)
}

/// Check that `new_text` reads back as exactly the records of `old_text` plus `rows`, and
/// keeps its byte-order mark: what a rewritten readings file must be before it replaces
/// the old one.
pub fn verify(
    old_text: &str,
    old_bom: bool,
    new_text: &str,
    rows: &[NewReading],
) -> Result<(), String> {
    // What pan writes, pan must read back: never a file past the loader's limit.
    let limit = crate::config::limits::READINGS_FILE_BYTES;
    if new_text.len() as u64 > limit {
        return Err(format!(
            "the file would be {} MiB, more than the {} MiB pan reads; split the readings, or shorten the notes",
            new_text.len() >> 20,
            limit >> 20
        ));
    }
    if old_bom != new_text.starts_with('\u{feff}') {
        return Err("the byte-order mark would change".into());
    }
    let mut want = if old_text.is_empty() {
        vec![HEADER.iter().map(|s| s.to_string()).collect()]
    } else {
        records(old_text)?
    };
    let mut got = records(new_text)?;
    // Dimension columns may be added (never removed or reordered): old rows read as
    // before with an empty cell in each new column.
    let columns = got
        .first()
        .map(|h| h.iter().skip(HEADER.len()).cloned().collect::<Vec<_>>())
        .unwrap_or_default();
    let width = HEADER.len() + columns.len();
    if let (Some(h), Some(old)) = (got.first(), want.first_mut())
        && h.len() > old.len()
        && h.starts_with(old)
    {
        *old = h.clone();
    }
    for r in want.iter_mut().skip(1) {
        if r.len() < width {
            r.resize(width, String::new());
        }
    }
    // The new rows parsed at once: a CSV parser costs more to build than a row to read.
    let added: String = rows.iter().map(|r| line_in(r, &columns) + "\n").collect();
    want.extend(records(&added)?);
    if got.first() != want.first() {
        return Err("the header would change".into());
    }
    for r in rows {
        if r.by.iter().any(|(d, _)| !columns.contains(d)) {
            return Err("a breakdown would have no column".into());
        }
    }
    want.sort();
    got.sort();
    if want != got {
        return Err(format!(
            "the file would hold {} rows instead of the {} expected, or other values",
            got.len(),
            want.len()
        ));
    }
    Ok(())
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
            by: Vec::new(),
        }
    }

    const H: &str = "indicator,period,value,source,note,recorded,replaces\n";

    #[test]
    fn new_file_gets_a_header_and_sorted_rows() {
        let rows = [
            row(1, "2025", "3"),
            row(0, "2026", "2"),
            row(0, "2025", "1"),
        ];
        let got = insert("", false, 0, &[], &rows);
        assert_eq!(
            got,
            format!(
                "{H}i0,2025,1,\"Rapport, 2024\",,,\ni0,2026,2,\"Rapport, 2024\",,,\ni1,2025,3,\"Rapport, 2024\",,,\n"
            )
        );
        verify("", false, &got, &rows).unwrap();
    }

    #[test]
    fn rows_go_between_existing_ones_which_stay_untouched() {
        let text = format!("{H}i0,2024,1,  odd  spacing ,,,\ni1,2024,5,S,,,\n");
        let first_end = H.len() + "i0,2024,1,  odd  spacing ,,,\n".len();
        let existing = [
            (first_end, (0, "2024".parse().unwrap())),
            (text.len(), (1, "2024".parse().unwrap())),
        ];
        let rows = [row(0, "2025", "2"), row(1, "2023", "4")];
        let got = insert(&text, false, H.len(), &existing, &rows);
        let lines: Vec<&str> = got.lines().collect();
        assert_eq!(lines[1], "i0,2024,1,  odd  spacing ,,,");
        assert!(lines[2].starts_with("i0,2025,2,"));
        assert!(lines[3].starts_with("i1,2023,4,"));
        assert_eq!(lines[4], "i1,2024,5,S,,,");
        verify(&text, false, &got, &rows).unwrap();
    }

    #[test]
    fn a_multi_line_note_is_never_split() {
        // The row's note spans three lines; the new row goes after the whole row.
        let row0 = "i0,2024,1,S,\"ligne 1\nligne 2, avec virgule\n\"\"citée\"\"\",,\n";
        let text = format!("{H}{row0}");
        let existing = [(text.len(), (0, "2024".parse().unwrap()))];
        let rows = [row(0, "2025", "2")];
        let got = insert(&text, false, H.len(), &existing, &rows);
        assert_eq!(got, format!("{text}i0,2025,2,\"Rapport, 2024\",,,\n"));
        verify(&text, false, &got, &rows).unwrap();
        // Inserting at a row's first line instead would swallow the new row into the note.
        let wrong = format!(
            "{H}i0,2024,1,S,\"ligne 1\ni0,2025,2,x,,,\nligne 2, avec virgule\n\"\"citée\"\"\",,\n"
        );
        assert!(verify(&text, false, &wrong, &rows).is_err());
    }

    #[test]
    fn keeps_crlf_bom_and_adds_a_missing_final_newline() {
        let text = "indicator,period,value,source,note,recorded,replaces\r\ni0,2024,1,S,,,";
        let header_end = text.find("i0").unwrap();
        let rows = [row(0, "2025", "2")];
        let got = insert(
            text,
            true,
            header_end,
            &[(text.len(), (0, "2024".parse().unwrap()))],
            &rows,
        );
        assert!(got.starts_with('\u{feff}'));
        assert!(
            got.ends_with("i0,2024,1,S,,,\r\ni0,2025,2,\"Rapport, 2024\",,,\r\n"),
            "{got:?}"
        );
        verify(text, true, &got, &rows).unwrap();
        assert!(verify(text, false, &got, &rows).is_err());
    }
}
