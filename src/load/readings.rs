//! Reading the measured record: `indicators/<lever>/<code>.csv` and `indicators/context.csv`.

use std::collections::HashMap;

use super::decode::parse_date;
use crate::check::rules;
use crate::diag::{Diagnostic, Span};
use crate::model::reading::parse_value;
use crate::model::{IndicatorKind, Owner, Period, Reading, Strings, Sym, Value};

/// The header every readings file starts with.
pub const HEADER: [&str; 7] = [
    "indicator",
    "period",
    "value",
    "source",
    "note",
    "recorded",
    "replaces",
];

/// What a readings file is about: its owner and the indicators it may name.
pub struct Subject<'a> {
    /// Whose readings these are.
    pub owner: Owner,
    /// `(id, kind)` of each indicator, in declaration order.
    pub indicators: Vec<(&'a str, IndicatorKind)>,
}

/// The readings of one file, with strings interned in a table of its own.
pub struct FileReadings {
    /// The readings.
    pub items: Vec<Reading>,
    /// Their strings.
    pub strings: Strings,
    /// Problems found.
    pub diags: Vec<Diagnostic>,
}

/// One raw row of a readings file, as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawRow {
    /// 1-based line.
    pub line: u32,
    /// The cells, in header order.
    pub cells: [String; 7],
}

/// Strip a UTF-8 byte-order mark.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Split a readings file into rows, reporting a wrong header and ragged rows.
///
/// Returns `None` when the header is wrong (the rows cannot be interpreted).
pub fn rows(file: &str, text: &str, diags: &mut Vec<Diagnostic>) -> Option<Vec<RawRow>> {
    let text = strip_bom(text);
    // The CSV reader miscounts lines after a CRLF; line numbers must match the file.
    let normalised;
    let text = if text.contains("\r\n") {
        normalised = text.replace("\r\n", "\n");
        normalised.as_str()
    } else {
        text
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.byte_records();
    let header = match records.next() {
        None => {
            diags.push(Diagnostic::new(
                &rules::EMPTY_FILE,
                file,
                Span::file(),
                "the readings file is empty",
            ));
            return None;
        }
        Some(Err(e)) => {
            diags.push(csv_error(file, &e));
            return None;
        }
        Some(Ok(h)) => h,
    };
    let got: Vec<String> = header
        .iter()
        .map(|c| String::from_utf8_lossy(c).trim().to_string())
        .collect();
    if got != HEADER {
        diags.push(
            Diagnostic::new(
                &rules::READING_BAD_HEADER,
                file,
                Span::at(
                    1,
                    1,
                    text.lines()
                        .next()
                        .map(|l| l.chars().count() as u32)
                        .unwrap_or(0),
                ),
                format!("the header is `{}`", got.join(",")),
            )
            .hint(format!("make the first line: {}", HEADER.join(","))),
        );
        return None;
    }
    let mut out = Vec::new();
    for rec in records {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                diags.push(csv_error(file, &e));
                // A CSV error leaves the reader at an unknown place: stop reading this file.
                break;
            }
        };
        let line = rec.position().map(|p| p.line() as u32).unwrap_or(0);
        if rec.len() == 1
            && rec
                .get(0)
                .is_some_and(|c| c.iter().all(u8::is_ascii_whitespace))
        {
            continue; // blank line
        }
        if rec.len() != HEADER.len() {
            diags.push(
                Diagnostic::new(
                    &rules::READING_RAGGED_ROW,
                    file,
                    Span::at(line, 1, 0),
                    format!("the row has {} cells, the header {}", rec.len(), HEADER.len()),
                )
                .hint("give every row exactly 7 cells; quote a cell that contains a comma: \"Rapport, 2024\""),
            );
            continue;
        }
        let mut cells: [String; 7] = Default::default();
        let mut bad_utf8 = false;
        for (i, c) in rec.iter().enumerate() {
            match std::str::from_utf8(c) {
                Ok(s) => cells[i] = s.to_string(),
                Err(_) => bad_utf8 = true,
            }
        }
        if bad_utf8 {
            diags.push(Diagnostic::new(
                &rules::NOT_UTF8,
                file,
                Span::at(line, 1, 0),
                "the row is not valid UTF-8",
            ));
            continue;
        }
        out.push(RawRow { line, cells });
    }
    Some(out)
}

fn csv_error(file: &str, e: &csv::Error) -> Diagnostic {
    let line = e.position().map(|p| p.line() as u32).unwrap_or(1);
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => Diagnostic::new(
            &rules::NOT_UTF8,
            file,
            Span::at(line, 1, 0),
            "the row is not valid UTF-8",
        ),
        _ => Diagnostic::new(
            &rules::READING_RAGGED_ROW,
            file,
            Span::at(line, 1, 0),
            format!("cannot read the row as CSV: {e}"),
        ),
    }
}

/// Interpret the rows of one readings file against its subject.
pub fn interpret(file: &str, file_index: u32, subject: &Subject, rows: &[RawRow]) -> FileReadings {
    let mut strings = Strings::default();
    let mut diags = Vec::new();
    let mut items = Vec::with_capacity(rows.len());
    let ids: Vec<&str> = subject.indicators.iter().map(|(id, _)| *id).collect();
    let mut source_cache: HashMap<&str, Sym> = HashMap::new();
    for row in rows {
        let [indicator, period, value, source, note, recorded, replaces] = &row.cells;
        let at = |col: usize| Span::at(row.line, col as u32, 0);
        let indicator = indicator.trim();
        let Some(index) = ids.iter().position(|i| *i == indicator) else {
            let hint = match crate::load::decode::suggest(indicator, &ids) {
                Some(near) => format!("did you mean `{near}`? indicators: {}", ids.join(", ")),
                None if ids.is_empty() => "this has no indicators to read".to_string(),
                None => format!("indicators: {}", ids.join(", ")),
            };
            diags.push(
                Diagnostic::new(
                    &rules::READING_UNKNOWN_INDICATOR,
                    file,
                    at(1),
                    format!("unknown indicator `{indicator}`"),
                )
                .hint(hint),
            );
            continue;
        };
        let kind = subject.indicators[index].1;
        let period = match period.trim().parse::<Period>() {
            Ok(p) => p,
            Err(e) => {
                diags.push(Diagnostic::new(
                    &rules::READING_BAD_PERIOD,
                    file,
                    at(2),
                    e.to_string(),
                ));
                continue;
            }
        };
        let value = match parse_value(value, kind, &mut strings) {
            Ok(v) => v,
            Err(e) => {
                diags.push(
                    Diagnostic::new(
                        &rules::READING_BAD_VALUE,
                        file,
                        at(3),
                        format!("{indicator} {period}: {}", e.message),
                    )
                    .hint(e.hint),
                );
                continue;
            }
        };
        let source = source.trim();
        if source.is_empty() {
            diags.push(Diagnostic::new(
                &rules::READING_NO_SOURCE,
                file,
                at(4),
                format!("the reading {indicator} {period} names no source"),
            ));
            continue;
        }
        let recorded = match recorded.trim() {
            "" => None,
            r => match parse_date(r) {
                Some(d) => Some(d),
                None => {
                    diags.push(
                        Diagnostic::new(
                            &rules::READING_BAD_PERIOD,
                            file,
                            at(6),
                            format!("`recorded` date `{r}` is not a date"),
                        )
                        .hint("write the date as YYYY-MM-DD"),
                    );
                    continue;
                }
            },
        };
        let source = match source_cache.get(source) {
            Some(&s) => s,
            None => {
                let s = strings.intern(source);
                source_cache.insert(source, s);
                s
            }
        };
        let note = if note.trim().is_empty() {
            Sym::EMPTY
        } else {
            strings.intern(note.trim())
        };
        let replaces = match replaces.trim() {
            "" => None,
            r => Some(strings.intern(r)),
        };
        items.push(Reading {
            owner: subject.owner,
            indicator: index as u32,
            period,
            value,
            source,
            note,
            recorded,
            replaces,
            file: file_index,
            line: row.line,
        });
    }
    FileReadings {
        items,
        strings,
        diags,
    }
}

/// Move one file's readings into the global store, re-interning their strings.
pub fn merge(into: &mut crate::model::Readings, file: FileReadings) {
    let mut map: HashMap<Sym, Sym> = HashMap::new();
    let mut remap = |sym: Sym, strings: &mut Strings| -> Sym {
        *map.entry(sym)
            .or_insert_with(|| strings.intern(file.strings.get(sym)))
    };
    into.items.reserve(file.items.len());
    for mut r in file.items {
        r.source = remap(r.source, &mut into.strings);
        r.note = remap(r.note, &mut into.strings);
        r.replaces = r.replaces.map(|s| remap(s, &mut into.strings));
        if let Value::Text(s) = r.value {
            r.value = Value::Text(remap(s, &mut into.strings));
        }
        into.items.push(r);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: &str = "indicator,period,value,source,note,recorded,replaces\n";

    fn subject() -> Subject<'static> {
        Subject {
            owner: Owner::Action(0),
            indicators: vec![
                ("participants", IndicatorKind::Count),
                ("taux", IndicatorKind::Percent),
            ],
        }
    }

    fn run(text: &str) -> (Vec<Reading>, Vec<String>) {
        let mut diags = Vec::new();
        let rows = rows("f.csv", text, &mut diags).unwrap_or_default();
        let fr = interpret("f.csv", 0, &subject(), &rows);
        diags.extend(fr.diags);
        diags.sort_by_key(|d| d.span.line);
        (
            fr.items,
            diags
                .iter()
                .map(|d| format!("{}:{}", d.rule.code, d.span.line))
                .collect(),
        )
    }

    #[test]
    fn reads_good_rows() {
        let (items, diags) = run(&format!(
            "\u{feff}{H}participants,2024,182,Rapport,,2026-01-15,\ntaux,2024-Q2,\"60,1\",STATEC,note,,\n"
        ));
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(items.len(), 2);
        assert_eq!(items[1].value, Value::Number(60.1));
        assert_eq!(items[1].line, 3);
    }

    #[test]
    fn reports_each_bad_row_with_its_line() {
        let text = format!(
            "{H}participant,2024,1,S,,,\nparticipants,2024-T1,1,S,,,\nparticipants,2024,-1,S,,,\ntaux,2024,101,S,,,\nparticipants,2024,1,,,,\nparticipants,2024,1,S\nparticipants,2024,1,S,,2024-13-01,\n"
        );
        let (items, diags) = run(&text);
        assert!(items.is_empty());
        assert_eq!(
            diags,
            [
                "R002:2", "R004:3", "R003:4", "R003:5", "R011:6", "R008:7", "R004:8"
            ]
        );
    }

    #[test]
    fn wrong_header_stops_the_file() {
        let (items, diags) = run("indicateur,période\nx,y\n");
        assert!(items.is_empty());
        assert_eq!(diags, ["R007:1"]);
    }
}

#[cfg(test)]
mod crlf_tests {
    use super::*;

    #[test]
    fn line_numbers_survive_crlf() {
        let mut diags = Vec::new();
        let text = "indicator,period,value,source,note,recorded,replaces\r\na,2024,1,S,,,\r\nb,2024,1,S,,,\r\n";
        let rows = rows("f.csv", text, &mut diags).unwrap();
        assert_eq!(rows.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 3]);
    }
}
