//! The plan's status as an Excel workbook (`pan export --format xlsx`), what a ministry
//! asks for first: a sheet of actions (code, lever, objective, text, responsible actors,
//! calendar as published, state, health and why, the latest reading of each
//! indicator), a sheet of every reading as recorded with its source, and a sheet that
//! says what the workbook is. Both tables have a frozen header and filters; every text
//! is a text cell, quote-prefixed so that editing it never makes a formula.
//!
//! The workbook is streamed: each row goes to a temporary file as it is written (the
//! library's constant-memory sheets) and the file is zipped to the writer, so its memory
//! does not grow with the readings. A sheet holds at most [`MAX_ROWS`] rows below its
//! header: past that, the readings go on to further sheets (`Relevés 2`, …). Rows are
//! as tall as their wrapped texts need, up to [`TALL_READINGS`] reading rows.

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

use crate::config::Lang;
use crate::model::{IndicatorKind, Plan, Readings, index16, index32};
use crate::render::words;
use crate::report::status::Row;

/// The most rows a sheet holds below its header (the format's 1,048,576 rows in all).
pub const MAX_ROWS: usize = 1_048_575;

/// The height of a row of one line, which a sheet gives every row it is not told about.
const LINE: f64 = 15.0;

/// The most reading rows given a height of their own (what their wrapped texts need):
/// the library keeps every such row's settings until the file is written, so past this
/// many, rows keep the height of one line and memory stays bounded.
pub const TALL_READINGS: usize = 100_000;

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
    /// The plan (whose known readings the readings sheets list, as recorded).
    pub plan: &'a Plan,
    /// Its readings.
    pub readings: &'a Readings,
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
    LINE * lines as f64
}

/// The readings of `s` known on its day, as the readings sheets list them: totals, by
/// action, indicator and period.
fn known<'a>(s: &'a Status) -> impl Iterator<Item = &'a crate::model::Reading> + 'a {
    s.readings.in_order().filter(|r| r.known_on(s.as_of))
}

/// The name of the `n`th sheet (0-based) of a table called `base`.
fn sheet_name(base: &str, n: usize) -> String {
    if n == 0 {
        base.to_string()
    } else {
        format!("{base} {}", n + 1)
    }
}

/// The cell formats of the tables.
struct Formats {
    text: Format,
    wrap: Format,
    date: Format,
    number: Format,
}

impl Formats {
    fn new() -> Formats {
        let text = Format::new()
            .set_align(FormatAlign::Top)
            .set_num_format("@")
            .set_quote_prefix();
        Formats {
            wrap: text.clone().set_text_wrap(),
            text,
            date: Format::new()
                .set_align(FormatAlign::Top)
                .set_num_format("yyyy-mm-dd"),
            number: Format::new().set_align(FormatAlign::Top),
        }
    }
}

/// How much a workbook holds: rows a sheet, reading rows with a height of their own.
#[derive(Clone, Copy)]
struct Limits {
    rows: usize,
    tall: usize,
}

/// Stream the workbook to `out`; the same status gives the same bytes.
pub fn write(s: &Status, out: &mut (dyn std::io::Write + Send)) -> Result<(), XlsxError> {
    let limits = Limits {
        rows: MAX_ROWS,
        tall: TALL_READINGS,
    };
    write_within(s, out, limits)
}

/// [`write`], within `limits`.
fn write_within(
    s: &Status,
    out: &mut (dyn std::io::Write + Send),
    limits: Limits,
) -> Result<(), XlsxError> {
    let t = &words::of(s.lang).workbook;
    let mut book = Workbook::new();
    let title = (t.title)(s.title, &words::date(s.as_of, s.lang));
    book.set_properties(
        &DocProperties::new()
            .set_title(fit(&title))
            .set_author("pan")
            .set_creation_datetime(&excel_date(s.as_of)?),
    );
    let formats = Formats::new();
    action_sheets(&mut book, s, &formats, limits.rows)?;
    let readings = known(s).count();
    reading_sheets(&mut book, s, &formats, readings, limits)?;

    let ws = book.add_worksheet();
    ws.set_name(t.about_sheet)?;
    ws.set_column_width(0, 100)?;
    let lines = [
        title,
        (t.about)(s.rows.len(), readings, &words::date(s.as_of, s.lang)),
        t.as_published.to_string(),
    ];
    for (i, l) in lines.iter().enumerate() {
        ws.write_string_with_format(index32(i), 0, fit(l), &formats.wrap)?;
    }
    book.save_to_writer(out)
}

/// The actions sheet (and more, past `max_rows` actions).
fn action_sheets(
    book: &mut Workbook,
    s: &Status,
    f: &Formats,
    max_rows: usize,
) -> Result<(), XlsxError> {
    let w = words::of(s.lang);
    let t = &w.workbook;
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
    let chunks: Vec<&[Row]> = if s.rows.is_empty() {
        vec![&[]]
    } else {
        s.rows.chunks(max_rows).collect()
    };
    for (n, chunk) in chunks.into_iter().enumerate() {
        let ws = book.add_worksheet_with_constant_memory()?;
        ws.set_name(sheet_name(t.actions_sheet, n))?;
        table(ws, &header, chunk.len())?;
        for (i, r) in chunk.iter().enumerate() {
            action_row(ws, index32(i) + 1, r, s.lang, f)?;
        }
    }
    Ok(())
}

/// One action's row.
fn action_row(
    ws: &mut Worksheet,
    row: u32,
    r: &Row,
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    let latest: Vec<String> = r
        .latest
        .iter()
        .map(|l| {
            format!(
                "{} ({}){} {}",
                l.label,
                l.period,
                words::of(lang).colon,
                words::figure(&l.value, l.kind, lang)
            )
        })
        .collect();
    let latest = latest.join("\n");
    let cells = [
        (r.code.clone(), &f.text),
        (r.lever.clone(), &f.text),
        (r.objective.clone(), &f.text),
        (r.action.clone(), &f.wrap),
        (r.responsible.join(", "), &f.wrap),
        (r.calendar.clone(), &f.wrap),
        (words::state_filter(r.state, lang).to_string(), &f.text),
    ];
    for (c, (value, format)) in cells.iter().enumerate() {
        ws.write_string_with_format(row, index16(c), fit(value), format)?;
    }
    match r.state_date {
        Some(d) => ws.write_datetime_with_format(row, 7, excel_date(d)?, &f.date)?,
        None => ws.write_blank(row, 7, &f.text)?,
    };
    ws.write_string_with_format(row, 8, words::health(r.assessment.health, lang), &f.text)?;
    ws.write_string_with_format(
        row,
        9,
        fit(&words::reason(&r.assessment.why, lang)),
        &f.wrap,
    )?;
    ws.write_string_with_format(row, 10, fit(&latest), &f.wrap)?;
    let h = height(&[(&r.action, 60.0), (&latest, 50.0), (&r.calendar, 22.0)]);
    // A row of one line is left as it is (the library keeps what it is told of a row).
    if h > LINE {
        ws.set_row_height(row, h)?;
    }
    Ok(())
}

/// The readings sheets: `count` readings, within `limits`.
fn reading_sheets(
    book: &mut Workbook,
    s: &Status,
    f: &Formats,
    count: usize,
    limits: Limits,
) -> Result<(), XlsxError> {
    let w = words::of(s.lang);
    let t = &w.workbook;
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
    let mut readings = known(s);
    let mut left = count;
    let mut tall = 0;
    for sheet in 0.. {
        let n = left.min(limits.rows);
        let ws = book.add_worksheet_with_constant_memory()?;
        ws.set_name(sheet_name(t.readings_sheet, sheet))?;
        table(ws, &header, n)?;
        for (i, r) in readings.by_ref().take(n).enumerate() {
            let r = crate::report::readings::row(s.plan, s.readings, r);
            reading_row(ws, index32(i) + 1, &r, f, (&mut tall, limits.tall))?;
        }
        left -= n;
        if left == 0 {
            break;
        }
    }
    Ok(())
}

/// One reading's row.
fn reading_row(
    ws: &mut Worksheet,
    row: u32,
    r: &crate::report::readings::ReadingRow,
    f: &Formats,
    (tall, max_tall): (&mut usize, usize),
) -> Result<(), XlsxError> {
    for (c, value) in [&r.action, &r.indicator, &r.label, &r.period.to_string()]
        .into_iter()
        .enumerate()
    {
        ws.write_string_with_format(row, index16(c), fit(value), &f.text)?;
    }
    // A number as a number (to sort and add up), anything else as the text recorded.
    let numeric = matches!(
        r.kind,
        Some(IndicatorKind::Count | IndicatorKind::Number | IndicatorKind::Percent)
    );
    match r.raw.parse::<f64>() {
        Ok(v) if numeric && v.is_finite() => ws.write_number_with_format(row, 4, v, &f.number)?,
        _ => ws.write_string_with_format(row, 4, fit(&r.raw), &f.text)?,
    };
    ws.write_string_with_format(row, 5, fit(&r.source), &f.wrap)?;
    ws.write_string_with_format(row, 6, fit(&r.note), &f.wrap)?;
    match r.recorded {
        Some(d) => ws.write_datetime_with_format(row, 7, excel_date(d)?, &f.date)?,
        None => ws.write_blank(row, 7, &f.text)?,
    };
    ws.write_string_with_format(row, 8, fit(r.replaces.as_deref().unwrap_or("")), &f.text)?;
    let h = height(&[(&r.label, 45.0), (&r.source, 35.0), (&r.note, 35.0)]);
    if h > LINE && *tall < max_tall {
        ws.set_row_height(row, h)?;
        *tall += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_cut_to_what_a_cell_holds() {
        let long = "é".repeat(40_000);
        let cut = fit(&long);
        assert_eq!(cut.encode_utf16().count(), CELL_CHARS);
        assert!(cut.ends_with('…'));
        assert_eq!(fit("court"), "court");
    }

    #[test]
    fn readings_past_a_sheet_go_on_to_further_sheets_in_order() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let repo = crate::config::Repo::open(root).unwrap();
        let settings = repo.settings;
        let loaded = crate::load::load(&crate::load::tree::FsTree::new(root), &settings);
        let as_of = jiff::civil::date(2026, 11, 23);
        let rows = crate::report::status::rows(&loaded.plan, &loaded.readings, &settings, as_of);
        let s = Status {
            title: "Plan",
            as_of,
            rows: &rows,
            plan: &loaded.plan,
            readings: &loaded.readings,
            lang: settings.plan.language,
        };
        let t = &words::of(s.lang).workbook;
        let all: Vec<String> = known(&s)
            .map(|r| {
                let r = crate::report::readings::row(s.plan, s.readings, r);
                format!("{} {} {}", r.action, r.indicator, r.period)
            })
            .collect();
        assert!(
            all.len() > 5,
            "the bundled plan has readings: {}",
            all.len()
        );
        let mut bytes = Vec::new();
        let limits = Limits { rows: 5, tall: 2 };
        write_within(&s, &mut bytes, limits).unwrap();
        // Rows given a height of their own: at most 2 across the readings sheets.
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
        let first = 1 + rows.len().div_ceil(5);
        let mut tall = 0;
        for n in first..first + all.len().div_ceil(5) {
            let mut xml = String::new();
            std::io::Read::read_to_string(
                &mut zip.by_name(&format!("xl/worksheets/sheet{n}.xml")).unwrap(),
                &mut xml,
            )
            .unwrap();
            tall += xml.matches("customHeight=\"1\"").count();
        }
        assert_eq!(
            tall, 2,
            "the bundled plan has more than 2 tall reading rows"
        );
        // Read back with pan's own workbook reader.
        let book = crate::load::workbook::read(&bytes).unwrap();
        let text = |c: Option<&crate::load::workbook::Cell>| match c {
            Some(crate::load::workbook::Cell::Text(t)) => t.clone(),
            Some(other) => format!("{other:?}"),
            None => String::new(),
        };
        let names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
        let sheets = all.len().div_ceil(5);
        let readings: Vec<&crate::load::workbook::Sheet> = book
            .sheets
            .iter()
            .filter(|n| n.name.starts_with(t.readings_sheet))
            .collect();
        assert_eq!(readings.len(), sheets, "{names:?}");
        assert_eq!(readings[1].name, format!("{} 2", t.readings_sheet));
        let actions = names
            .iter()
            .filter(|n| n.starts_with(t.actions_sheet))
            .count();
        assert_eq!(actions, rows.len().div_ceil(5));
        let mut got = Vec::new();
        for sheet in &readings {
            assert!(
                sheet.rows.len() <= 6,
                "{}: {} rows",
                sheet.name,
                sheet.rows.len()
            );
            for row in sheet.rows.iter().skip(1) {
                got.push(format!(
                    "{} {} {}",
                    text(row.get(0)),
                    text(row.get(1)),
                    text(row.get(3))
                ));
            }
        }
        assert_eq!(got, all, "every reading once, in order, across the sheets");
        let about = book
            .sheets
            .iter()
            .find(|s| s.name == t.about_sheet)
            .unwrap();
        let said: Vec<String> = about.rows.iter().map(|r| text(r.get(0))).collect();
        let counted = (t.about)(rows.len(), all.len(), &words::date(as_of, s.lang));
        assert!(said.contains(&counted), "{said:?}");
    }

    #[test]
    fn rows_grow_for_their_wrapped_texts() {
        assert_eq!(height(&[("a", 10.0)]), 15.0);
        assert_eq!(height(&[("a\nb\nc", 10.0)]), 45.0);
        assert_eq!(height(&[(&"x".repeat(10_000), 10.0)]), 15.0 * 15.0);
    }
}
