//! The plan's status as an Excel workbook (`pan export --format xlsx`), what a ministry
//! asks for first: a sheet of actions (code, lever, objective, text, responsible actors,
//! calendar as published, state, health and why, the latest reading of each
//! indicator), a sheet of every reading as recorded with its source, and a sheet that
//! says what the workbook is. Both tables have a frozen header and filters; every text
//! is a text cell, quote-prefixed so that editing it never makes a formula.

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

use crate::config::Lang;
use crate::model::{IndicatorKind, index16, index32};
use crate::render::words;
use crate::report::readings::ReadingRow;
use crate::report::status::Row;

/// Excel keeps at most this many characters (UTF-16 units) in a cell.
const CELL_CHARS: usize = 32_767;

/// A text cut to what a cell holds.
fn fit(s: &str) -> String {
    // What XML cannot hold is made visible, not written raw (the file would not open).
    let s = &*crate::text::xml_safe(s);
    if s.encode_utf16().count() <= CELL_CHARS {
        return s.to_string();
    }
    let mut out = String::new();
    let mut n = 0;
    for c in s.chars() {
        n += c.len_utf16();
        if n > CELL_CHARS - 1 {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// What the workbook shows: the plan, the day, the actions and the readings.
pub struct Status<'a> {
    /// The plan's title.
    pub title: &'a str,
    /// The day the state and health are given for.
    pub as_of: jiff::civil::Date,
    /// The actions, in plan order.
    pub rows: &'a [Row],
    /// The readings known on that day, as recorded.
    pub readings: &'a [ReadingRow],
    /// The language of headers and words.
    pub lang: Lang,
}

fn excel_date(d: jiff::civil::Date) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(d.year().max(1900) as u16, d.month() as u8, d.day() as u8)
}

/// A table's header, widths and print setup: frozen, filterable, landscape, one page wide.
fn table(ws: &mut Worksheet, header: &[(&str, f64)], rows: usize) -> Result<(), XlsxError> {
    let bold = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xD9D9D9))
        .set_border_bottom(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    for (c, (h, width)) in header.iter().enumerate() {
        ws.set_column_width(index16(c), *width)?;
        ws.write_string_with_format(0, index16(c), *h, &bold)?;
    }
    let last_col = index16(header.len()) - 1;
    let last_row = index32(rows.max(1));
    ws.set_freeze_panes(1, 1)?;
    ws.autofilter(0, 0, last_row, last_col)?;
    ws.set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;
    Ok(())
}

/// The lines a row needs for its wrapped texts, estimated from the column widths (a
/// spreadsheet does not do it when it opens a file), at most 15.
fn height(cells: &[(&str, f64)]) -> f64 {
    let lines = cells
        .iter()
        .map(|(text, width)| {
            // About 1.1 characters of text fit in a unit of width (the width of a `0`).
            #[expect(
                clippy::cast_possible_truncation,
                reason = "a column width of a few dozen characters; a float cast saturates"
            )]
            let per_line = ((*width * 1.1) as usize).saturating_sub(2).max(1);
            text.split('\n')
                .map(|l| l.chars().count().div_ceil(per_line).max(1))
                .sum::<usize>()
        })
        .max()
        .unwrap_or(1)
        .clamp(1, 15);
    15.0 * lines as f64
}

/// The most rows a sheet holds below its header (a spreadsheet has 1,048,576 rows).
pub const SHEET_ROWS: usize = 1_048_575;

/// Why the status cannot be a workbook, if it cannot: more actions or readings than a
/// sheet has rows (said before anything is built, not as the library's error).
pub fn too_large(s: &Status) -> Option<String> {
    past_a_sheet(s.rows.len(), s.readings.len())
}

fn past_a_sheet(actions: usize, readings: usize) -> Option<String> {
    let (what, n) = if readings > SHEET_ROWS {
        ("readings", readings)
    } else if actions > SHEET_ROWS {
        ("actions", actions)
    } else {
        return None;
    };
    Some(format!(
        "the plan has {n} {what}, but a sheet holds at most {SHEET_ROWS} rows below its header; export them as CSV tables (--format datapackage) or JSON (--format json), or give an earlier --as-of"
    ))
}

/// The workbook's bytes; the same status gives the same bytes.
pub fn xlsx(s: &Status) -> Result<Vec<u8>, XlsxError> {
    let w = words::of(s.lang);
    let t = &w.workbook;
    let mut book = Workbook::new();
    let title = (t.title)(s.title, &words::date(s.as_of, s.lang));
    book.set_properties(
        &DocProperties::new()
            .set_title(fit(&title))
            .set_author("pan")
            .set_creation_datetime(&excel_date(s.as_of)?),
    );
    let text = Format::new()
        .set_align(FormatAlign::Top)
        .set_num_format("@")
        .set_quote_prefix();
    let wrap = text.clone().set_text_wrap();
    let date = Format::new()
        .set_align(FormatAlign::Top)
        .set_num_format("yyyy-mm-dd");
    let number = Format::new().set_align(FormatAlign::Top);

    let ws = book.add_worksheet();
    ws.set_name(t.actions_sheet)?;
    let header = [
        (w.code, 12.0),
        (w.lever, 8.0),
        (t.objective, 10.0),
        (w.action, 60.0),
        (w.responsible, 18.0),
        (w.calendar, 22.0),
        (w.state, 14.0),
        (t.since, 12.0),
        (t.health, 16.0),
        (t.why, 28.0),
        (t.latest, 50.0),
    ];
    table(ws, &header, s.rows.len())?;
    for (i, r) in s.rows.iter().enumerate() {
        let row = index32(i) + 1;
        let latest: Vec<String> = r
            .latest
            .iter()
            .map(|l| {
                format!(
                    "{} ({}){} {}",
                    l.label,
                    l.period,
                    w.colon,
                    words::figure(&l.value, l.kind, s.lang)
                )
            })
            .collect();
        let latest = latest.join("\n");
        let cells = [
            (r.code.clone(), &text),
            (r.lever.clone(), &text),
            (r.objective.clone(), &text),
            (r.action.clone(), &wrap),
            (r.responsible.join(", "), &wrap),
            (r.calendar.clone(), &wrap),
            (words::state_filter(r.state, s.lang).to_string(), &text),
        ];
        for (c, (value, format)) in cells.iter().enumerate() {
            ws.write_string_with_format(row, index16(c), fit(value), format)?;
        }
        match r.state_date {
            Some(d) => ws.write_datetime_with_format(row, 7, excel_date(d)?, &date)?,
            None => ws.write_blank(row, 7, &text)?,
        };
        ws.write_string_with_format(row, 8, words::health(r.assessment.health, s.lang), &text)?;
        ws.write_string_with_format(
            row,
            9,
            fit(&words::reason(&r.assessment.why, s.lang)),
            &wrap,
        )?;
        ws.write_string_with_format(row, 10, fit(&latest), &wrap)?;
        ws.set_row_height(
            row,
            height(&[(&r.action, 60.0), (&latest, 50.0), (&r.calendar, 22.0)]),
        )?;
    }

    let ws = book.add_worksheet();
    ws.set_name(t.readings_sheet)?;
    let header = [
        (w.action, 12.0),
        (w.indicator, 20.0),
        (t.label, 45.0),
        (w.period_col, 11.0),
        (w.value, 12.0),
        (w.source, 35.0),
        (t.note, 35.0),
        (t.recorded, 12.0),
        (t.replaces, 10.0),
    ];
    table(ws, &header, s.readings.len())?;
    for (i, r) in s.readings.iter().enumerate() {
        let row = index32(i) + 1;
        for (c, value) in [&r.action, &r.indicator, &r.label, &r.period.to_string()]
            .into_iter()
            .enumerate()
        {
            ws.write_string_with_format(row, index16(c), fit(value), &text)?;
        }
        // A number as a number (to sort and add up), anything else as the text recorded.
        let numeric = matches!(
            r.kind,
            Some(IndicatorKind::Count | IndicatorKind::Number | IndicatorKind::Percent)
        );
        match r.raw.parse::<f64>() {
            Ok(v) if numeric && v.is_finite() => ws.write_number_with_format(row, 4, v, &number)?,
            _ => ws.write_string_with_format(row, 4, fit(&r.raw), &text)?,
        };
        ws.write_string_with_format(row, 5, fit(&r.source), &wrap)?;
        ws.write_string_with_format(row, 6, fit(&r.note), &wrap)?;
        match r.recorded {
            Some(d) => ws.write_datetime_with_format(row, 7, excel_date(d)?, &date)?,
            None => ws.write_blank(row, 7, &text)?,
        };
        ws.write_string_with_format(row, 8, fit(r.replaces.as_deref().unwrap_or("")), &text)?;
        ws.set_row_height(
            row,
            height(&[(&r.label, 45.0), (&r.source, 35.0), (&r.note, 35.0)]),
        )?;
    }

    let ws = book.add_worksheet();
    ws.set_name(t.about_sheet)?;
    ws.set_column_width(0, 100)?;
    let lines = [
        title,
        (t.about)(
            s.rows.len(),
            s.readings.len(),
            &words::date(s.as_of, s.lang),
        ),
        t.as_published.to_string(),
    ];
    for (i, l) in lines.iter().enumerate() {
        ws.write_string_with_format(index32(i), 0, fit(l), &wrap)?;
    }
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_rows_than_a_sheet_has_are_refused_in_words() {
        assert!(past_a_sheet(249, SHEET_ROWS).is_none());
        let why = past_a_sheet(249, SHEET_ROWS + 1).unwrap();
        assert!(
            why.contains("1048576 readings") && why.contains("--format datapackage"),
            "{why}"
        );
        assert!(past_a_sheet(SHEET_ROWS + 1, 0).unwrap().contains("actions"));
    }

    #[test]
    fn long_texts_are_cut_to_what_a_cell_holds() {
        let long = "é".repeat(40_000);
        let cut = fit(&long);
        assert_eq!(cut.encode_utf16().count(), CELL_CHARS);
        assert!(cut.ends_with('…'));
        assert_eq!(fit("court"), "court");
    }

    #[test]
    fn rows_grow_for_their_wrapped_texts() {
        assert_eq!(height(&[("a", 10.0)]), 15.0);
        assert_eq!(height(&[("a\nb\nc", 10.0)]), 45.0);
        assert_eq!(height(&[(&"x".repeat(10_000), 10.0)]), 15.0 * 15.0);
    }
}
