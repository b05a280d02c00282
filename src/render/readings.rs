//! Printing readings: the listing (table, Markdown, CSV, JSON) and the template a focal
//! point fills in.

use serde::Serialize;

use super::csv_safe;
use super::markdown::{self, Align};
use super::table::{self, Column, Styled};
use super::term::Term;
use super::words;
use crate::config::Lang;
use crate::load::import::Field;
use crate::model::reading::HEADER;
use crate::report::readings::ReadingRow;
use crate::report::template::Template;

/// A value for people: with its unit when the indicator is known.
fn shown(r: &ReadingRow, lang: Lang) -> String {
    match r.kind {
        Some(k) => words::figure(&r.value, k, lang),
        None => r.raw.clone(),
    }
}

/// The cells of a row, in the readings file's order after the action (values as written).
fn cells(r: &ReadingRow) -> [String; 8] {
    [
        r.action.clone(),
        r.indicator.clone(),
        r.period.to_string(),
        r.raw.clone(),
        r.source.clone(),
        r.note.clone(),
        r.recorded.map(|d| d.to_string()).unwrap_or_default(),
        r.replaces.clone().unwrap_or_default(),
    ]
}

fn header() -> Vec<&'static str> {
    std::iter::once("action").chain(HEADER).collect()
}

/// The listing as a terminal table.
pub fn table(rows: &[ReadingRow], term: &Term) -> String {
    if rows.is_empty() {
        return "No reading recorded.\n".to_string();
    }
    let columns = [
        Column::new("Code", 0, 12),
        Column::new("Indicator", 0, 28),
        Column::new("Period", 0, 10),
        Column::new("Value", 0, 16).right(),
        Column::flexible("Source"),
        Column::new("Note", 2, 30),
        Column::new("Recorded", 3, 10),
        Column::new("Replaces", 4, 10),
    ];
    let body: Vec<Vec<Styled>> = rows
        .iter()
        .map(|r| {
            let mut c = cells(r);
            c[3] = shown(r, Lang::En);
            c.into_iter().map(Styled::from).collect()
        })
        .collect();
    let mut s = table::draw(&columns, &body, term);
    s.push_str(&format!("{} reading(s)\n", rows.len()));
    s
}

/// The listing as Markdown: indicators by their published label, values as people write
/// them in the plan's language.
pub fn markdown(rows: &[ReadingRow], lang: Lang) -> String {
    let w = words::of(lang);
    let e = markdown::escape;
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                e(&r.action),
                e(&r.label),
                r.period.to_string(),
                e(&shown(r, lang)),
                e(&r.source),
                e(&r.note),
                r.recorded.map(|d| d.to_string()).unwrap_or_default(),
                e(r.replaces.as_deref().unwrap_or("")),
            ]
        })
        .collect();
    let header = [
        w.action,
        w.indicator,
        w.period_col,
        w.value,
        w.source,
        "Note",
        w.recorded,
        w.corrects_col,
    ];
    let mut align = [Align::Left; 8];
    align[3] = Align::Right;
    markdown::table(&header, &align, &body)
}

/// The listing as CSV: the readings files' columns after the action, values as written,
/// cells a spreadsheet would run as formulas neutralised.
pub fn csv(rows: &[ReadingRow]) -> anyhow::Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header())?;
    for r in rows {
        w.write_record(cells(r).iter().map(|c| csv_safe(c).into_owned()))?;
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

/// A reading in JSON: values as written in the readings file.
#[derive(Serialize)]
struct RowJson<'a> {
    action: &'a str,
    indicator: &'a str,
    period: String,
    value: &'a str,
    source: &'a str,
    note: &'a str,
    recorded: Option<String>,
    replaces: Option<&'a str>,
}

/// The listing as JSON.
pub fn json(rows: &[ReadingRow]) -> anyhow::Result<String> {
    let doc: Vec<RowJson> = rows
        .iter()
        .map(|r| RowJson {
            action: &r.action,
            indicator: &r.indicator,
            period: r.period.to_string(),
            value: &r.raw,
            source: &r.source,
            note: &r.note,
            recorded: r.recorded.map(|d| d.to_string()),
            replaces: r.replaces.as_deref(),
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&doc)?;
    s.push('\n');
    Ok(s)
}

/// The CSV template a focal point fills in: one row per indicator, with the columns to
/// fill (period, value, source, note) empty and the indicator's kind, label and
/// responsible actors beside them. `excel`: `;` separators and a byte-order mark, as a
/// spreadsheet in a French locale expects.
pub fn template_csv(t: &Template, excel: bool) -> anyhow::Result<String> {
    let sep = if excel { b';' } else { b',' };
    let mut w = csv::WriterBuilder::new()
        .delimiter(sep)
        .from_writer(Vec::new());
    // The columns the import reads, by the names it reads, then what helps fill them in.
    let header = Field::ALL
        .iter()
        .map(|f| f.name())
        .chain(["kind", "label", "responsible"]);
    w.write_record(header)?;
    for r in &t.rows {
        let row = [
            r.code.clone(),
            r.indicator.clone(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            r.kind.as_str().to_string(),
            r.label.clone(),
            r.responsible.join(", "),
        ];
        w.write_record(row.iter().map(|c| csv_safe(c).into_owned()))?;
    }
    let mut text = String::from_utf8(w.into_inner()?)?;
    if excel {
        text.insert(0, '\u{feff}');
    }
    Ok(text)
}
