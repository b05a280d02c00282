//! Printing readings: the listing (table, Markdown, CSV, JSON) and the template a focal
//! point fills in.

use serde::Serialize;

use super::markdown::{self, Align};
use super::table::{self, Column, Styled};
use super::term::Term;
use super::words;
use super::{csv_out, csv_safe};
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
    let split = rows.iter().any(|r| !r.by.is_empty());
    let mut columns = columns.to_vec();
    if split {
        columns.insert(3, Column::new("Breakdown", 1, 30));
    }
    let body: Vec<Vec<Styled>> = rows
        .iter()
        .map(|r| {
            let mut c = cells(r).to_vec();
            c[3] = shown(r, Lang::INTERFACE);
            if split {
                c.insert(3, super::card::by_text(r));
            }
            c.into_iter().map(Styled::from).collect()
        })
        .collect();
    let mut s = table::draw(&columns, &body, term);
    s.push_str(&format!(
        "{}\n",
        super::words::count(rows.len(), "reading", "readings")
    ));
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
                if r.by_labels.is_empty() {
                    e(&r.label)
                } else {
                    format!("{} ({})", e(&r.label), e(&r.by_labels.join(", ")))
                },
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
    // One column per dimension used, after the file's columns, as in readings files.
    let mut dims: Vec<&str> = Vec::new();
    for r in rows {
        for (d, _) in &r.by {
            if !dims.contains(&d.as_str()) {
                dims.push(d);
            }
        }
    }
    let mut out = Vec::new();
    write_csv(&dims, rows, &mut out)?;
    Ok(String::from_utf8(out)?)
}

/// [`csv`], streamed to `out` row by row, with a column for each of `dims` (the
/// dimensions the rows use): rows too many to hold are never held.
pub fn write_csv<R: std::borrow::Borrow<ReadingRow>>(
    dims: &[&str],
    rows: impl IntoIterator<Item = R>,
    out: &mut dyn std::io::Write,
) -> anyhow::Result<()> {
    let mut w = csv_out::Writer::new(out);
    w.record(header().into_iter().chain(dims.iter().copied()))?;
    for r in rows {
        let r = r.borrow();
        let extra = dims.iter().map(|d| {
            r.by.iter()
                .find(|(x, _)| x == d)
                .map(|(_, v)| v.as_str())
                .unwrap_or("")
        });
        w.record(
            cells(r)
                .iter()
                .map(|c| csv_safe(c).into_owned())
                .chain(extra.map(|v| csv_safe(v).into_owned())),
        )?;
    }
    w.flush()?;
    Ok(())
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
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    by: std::collections::BTreeMap<&'a str, &'a str>,
}

/// The listing as JSON.
pub fn json(rows: &[ReadingRow]) -> anyhow::Result<String> {
    let readings: Vec<RowJson> = rows
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
            by: r.by.iter().map(|(d, v)| (d.as_str(), v.as_str())).collect(),
        })
        .collect();
    let doc = serde_json::json!({ "version": JSON_VERSION, "readings": readings });
    let mut s = serde_json::to_string_pretty(&doc)?;
    s.push('\n');
    Ok(s)
}

/// The version of the JSON of `pan reading list`, `pan status` and `pan show`: a stable
/// interface, as `pan export`'s and `pan validate`'s; a change that breaks a reader
/// raises it.
pub const JSON_VERSION: u32 = 1;

/// The CSV template a focal point fills in: one row per indicator, with the columns to
/// fill (period, value, source, note) empty and the indicator's kind, label and
/// responsible actors beside them. `excel`: `;` separators and a byte-order mark, as a
/// spreadsheet in a French locale expects.
pub fn template_csv(t: &Template, excel: bool) -> anyhow::Result<String> {
    let sep = if excel { b';' } else { b',' };
    let mut w = csv_out::Writer::with_separator(Vec::new(), sep);
    // The columns the import reads, by the names it reads, then what helps fill them in.
    let header = Field::ALL
        .iter()
        .map(|f| f.name())
        .chain(["kind", "label", "responsible"]);
    w.record(header)?;
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
        w.record(row.iter().map(|c| csv_safe(c).into_owned()))?;
    }
    let mut text = String::from_utf8(w.into_inner()?)?;
    if excel {
        text.insert(0, '\u{feff}');
    }
    Ok(text)
}

/// The format of a pivoted listing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A terminal table.
    Table,
    /// Markdown.
    Markdown,
    /// CSV.
    Csv,
    /// JSON.
    Json,
}

/// A pivoted listing (`pan reading list --by DIM`): one row per indicator and period, the
/// total then one column per value of the dimension (value ids), as a terminal table,
/// Markdown (value labels, plan's language), CSV or JSON.
pub fn pivot(
    p: &crate::report::readings::Pivot,
    format: Shape,
    term: &Term,
    lang: Lang,
) -> anyhow::Result<String> {
    use Shape as F;
    let fig = |v: &Option<crate::model::reading::Figure>, kind, lang| match (v, kind) {
        (Some(v), Some(k)) => words::figure(v, k, lang),
        (Some(crate::model::reading::Figure::Number(n)), None) => words::number(*n, lang),
        _ => String::new(),
    };
    let raw = |v: &Option<crate::model::reading::Figure>| match v {
        Some(crate::model::reading::Figure::Number(n)) => crate::model::reading::format_number(*n),
        Some(crate::model::reading::Figure::Done) => "done".into(),
        Some(crate::model::reading::Figure::Text(t)) => t.clone(),
        None => String::new(),
    };
    match format {
        F::Table => {
            if p.rows.is_empty() {
                return Ok("No reading broken down by this dimension.\n".into());
            }
            let mut columns = vec![
                Column::new("Code", 0, 12),
                Column::new("Indicator", 0, 28),
                Column::new("Period", 0, 10),
                Column::new("Total", 0, 12).right(),
            ];
            for (id, _) in &p.values {
                columns.push(Column::new(id.clone(), 0, 12).right());
            }
            let body: Vec<Vec<Styled>> = p
                .rows
                .iter()
                .map(|r| {
                    let mut c = vec![
                        r.action.clone(),
                        r.indicator.clone(),
                        r.period.to_string(),
                        fig(&r.total, r.kind, Lang::INTERFACE),
                    ];
                    c.extend(r.cells.iter().map(|v| fig(v, r.kind, Lang::INTERFACE)));
                    c.into_iter().map(Styled::from).collect()
                })
                .collect();
            Ok(table::draw(&columns, &body, term))
        }
        F::Markdown => {
            let w = words::of(lang);
            let mut header: Vec<&str> = vec![w.action, w.indicator, w.period_col, w.total];
            header.extend(p.values.iter().map(|(_, l)| l.as_str()));
            let header: Vec<String> = header.iter().map(|h| markdown::escape(h)).collect();
            let header: Vec<&str> = header.iter().map(String::as_str).collect();
            let mut align = vec![Align::Left; 3];
            align.resize(header.len(), Align::Right);
            let body: Vec<Vec<String>> = p
                .rows
                .iter()
                .map(|r| {
                    let mut c = vec![
                        markdown::escape(&r.action),
                        markdown::escape(&r.indicator),
                        r.period.to_string(),
                        markdown::escape(&fig(&r.total, r.kind, lang)),
                    ];
                    c.extend(
                        r.cells
                            .iter()
                            .map(|v| markdown::escape(&fig(v, r.kind, lang))),
                    );
                    c
                })
                .collect();
            Ok(markdown::table(&header, &align, &body))
        }
        F::Csv => {
            let mut w = csv_out::Writer::new(Vec::new());
            let mut header = vec!["action", "indicator", "period", "total"];
            header.extend(p.values.iter().map(|(id, _)| id.as_str()));
            w.record(&header)?;
            for r in &p.rows {
                let mut c = vec![
                    csv_safe(&r.action).into_owned(),
                    csv_safe(&r.indicator).into_owned(),
                    r.period.to_string(),
                    csv_safe(&raw(&r.total)).into_owned(),
                ];
                c.extend(r.cells.iter().map(|v| csv_safe(&raw(v)).into_owned()));
                w.record(&c)?;
            }
            Ok(String::from_utf8(w.into_inner()?)?)
        }
        F::Json => {
            let rows: Vec<serde_json::Value> = p
                .rows
                .iter()
                .map(|r| {
                    let mut by = serde_json::Map::new();
                    for ((id, _), v) in p.values.iter().zip(&r.cells) {
                        if v.is_some() {
                            by.insert(id.clone(), raw(v).into());
                        }
                    }
                    serde_json::json!({
                        "action": r.action,
                        "indicator": r.indicator,
                        "period": r.period.to_string(),
                        "total": r.total.as_ref().map(|_| raw(&r.total)),
                        "by": by,
                    })
                })
                .collect();
            let doc = serde_json::json!({
                "version": JSON_VERSION,
                "rows": rows,
            });
            let mut s = serde_json::to_string_pretty(&doc)?;
            s.push('\n');
            Ok(s)
        }
    }
}
