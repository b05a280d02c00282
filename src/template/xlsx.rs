//! The template as an Excel workbook (`.xlsx`).

use crate::text::xml_safe;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties,
    ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Note, ProtectionOptions, Workbook,
    Worksheet, XlsxError,
};

use super::{
    Accept, Help, INDICATOR, Layout, NOTE, PERIOD, Prompt, Role, SOURCE, VALUE, validation,
};
use crate::load::workbook::Cell;
use crate::model::{IndicatorKind, index16, index32};

/// Grey of the header and of the columns pan fills in.
const HEADER: u32 = 0xD9D9D9;
const GIVEN: u32 = 0xF2F2F2;
/// Light yellow of the cells to fill in.
const INPUT: u32 = 0xFFF2CC;

/// The workbook's bytes. The same layout gives the same bytes (the archive's dates are
/// fixed, the creation date is the template's day).
pub fn write(l: &Layout) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let (y, m, d) = (l.created.year(), l.created.month(), l.created.day());
    let created = ExcelDateTime::from_ymd(y.max(1900) as u16, m as u8, d as u8)?;
    book.set_properties(
        &DocProperties::new()
            .set_title(&l.title)
            .set_author("pan")
            .set_creation_datetime(&created),
    );
    readings(book.add_worksheet(), l)?;
    help(book.add_worksheet(), l)?;
    hidden(book.add_worksheet(), l)?;
    book.save_to_buffer()
}

/// The format of a column's cells. Every cell pan writes is text-formatted and
/// quote-prefixed, so that a text from the plan that starts with `=` stays a text even
/// when a person edits the cell.
fn cell_format(c: &super::Column) -> Format {
    let mut f = Format::new().set_align(FormatAlign::Top);
    f = match c.role {
        Role::Given => f.set_background_color(Color::RGB(GIVEN)),
        Role::Input => f.set_background_color(Color::RGB(INPUT)).set_unlocked(),
        Role::Info => f,
    };
    if c.text {
        f = f.set_num_format("@");
    }
    if c.role != Role::Input {
        f = f.set_quote_prefix();
    }
    if c.wrap {
        f = f.set_text_wrap();
    }
    f
}

fn rule(
    dv: DataValidation,
    p: &Prompt,
    error: Option<&Prompt>,
) -> Result<DataValidation, XlsxError> {
    let safe = |s: &str| xml_safe(s).into_owned();
    let mut dv = dv
        .set_input_title(safe(p.title))?
        .set_input_message(safe(p.message))?;
    if let Some(e) = error {
        dv = dv
            .set_error_title(safe(e.title))?
            .set_error_message(safe(e.message))?;
    }
    Ok(dv)
}

/// The value cells of indicators of one kind, as Excel ranges (`E2:E4 E7`).
fn ranges(l: &Layout, kind: IndicatorKind) -> String {
    let col = crate::load::workbook::column_name(index32(VALUE));
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < l.lines.len() {
        if l.lines[i].kind != kind {
            i += 1;
            continue;
        }
        let start = i;
        while i < l.lines.len() && l.lines[i].kind == kind {
            i += 1;
        }
        let (a, b) = (start + 2, i + 1);
        out.push(if a == b {
            format!("{col}{a}")
        } else {
            format!("{col}{a}:{col}{b}")
        });
    }
    out.join(" ")
}

fn readings(ws: &mut Worksheet, l: &Layout) -> Result<(), XlsxError> {
    ws.set_name(l.sheet)?;
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(HEADER))
        .set_border_bottom(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let formats: Vec<Format> = l.columns.iter().map(cell_format).collect();
    for (c, col) in l.columns.iter().enumerate() {
        let c16 = index16(c);
        ws.set_column_width(c16, col.width)?;
        ws.write_string_with_format(0, c16, col.header, &header)?;
    }
    for (r, line) in l.lines.iter().enumerate() {
        let row = index32(r) + 1;
        let lines = line.height(&l.columns);
        if lines > 1 {
            ws.set_row_height(row, 15.0 * lines as f64)?;
        }
        for (c, text) in line.cells.iter().enumerate() {
            if text.is_empty() {
                ws.write_blank(row, index16(c), &formats[c])?;
            } else {
                ws.write_string_with_format(row, index16(c), xml_safe(text), &formats[c])?;
            }
        }
    }
    for (r, line) in l.lines.iter().enumerate() {
        ws.insert_note(index32(r) + 1, index16(INDICATOR), &note(&line.note))?;
    }
    let last = index32(l.lines.len());
    // Protected without a password: only the cells to fill in (unlocked by their format)
    // take what is typed; columns may be widened and rows filtered, not inserted, deleted
    // or sorted, for the import knows each row by its place.
    ws.protect_with_options(&ProtectionOptions {
        format_columns: true,
        format_rows: true,
        use_autofilter: true,
        ..ProtectionOptions::default()
    });
    ws.set_freeze_panes(1, 3)?;
    // Printed: landscape A4, one page wide, the header on every page.
    ws.set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;
    ws.set_print_area(0, 0, last.max(1), index16(l.columns.len()) - 1)?;
    ws.autofilter(0, 0, last.max(1), index16(l.columns.len()) - 1)?;
    if last == 0 {
        return Ok(());
    }
    let period = match &l.period_list {
        // The periods offered, listed on the hidden sheet; another may be typed after a
        // warning (a day, a period not offered).
        Some(range) => rule(
            DataValidation::new()
                .allow_list_formula(Formula::new(format!("={}!{range}", l.hidden_sheet)))
                .set_error_style(DataValidationErrorStyle::Warning),
            &l.period,
            Some(&l.period_error),
        )?,
        None => rule(DataValidation::new().allow_any_value(), &l.period, None)?,
    };
    ws.add_data_validation(1, index16(PERIOD), last, index16(PERIOD), &period)?;
    for (col, p) in [(SOURCE, &l.source), (NOTE, &l.note)] {
        let dv = rule(DataValidation::new().allow_any_value(), p, None)?;
        ws.add_data_validation(1, index16(col), last, index16(col), &dv)?;
    }
    for kind in IndicatorKind::ALL {
        let multi = ranges(l, kind);
        if multi.is_empty() {
            continue;
        }
        let v = validation(kind, l.lang);
        let dv = match v.accept {
            Accept::Whole { min } => DataValidation::new()
                .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(min)),
            Accept::Decimal { min, max } => {
                DataValidation::new().allow_decimal_number(DataValidationRule::Between(min, max))
            }
            Accept::List(word) => DataValidation::new().allow_list_strings(&[word])?,
            Accept::Any => DataValidation::new().allow_any_value(),
        };
        let error = (v.accept != Accept::Any).then_some(&v.error);
        // The multi-range (every cell of the kind) replaces the range given.
        let dv = rule(dv, &v.prompt, error)?.set_multi_range(&multi);
        ws.add_data_validation(1, index16(VALUE), 1, index16(VALUE), &dv)?;
    }
    Ok(())
}

/// The note on an indicator cell, sized for its text (a note does not grow by itself).
fn note(text: &str) -> Note {
    let lines: usize = text
        .split('\n')
        .map(|l| l.chars().count().div_ceil(48).max(1))
        .sum();
    Note::new(xml_safe(text))
        .set_author("pan")
        .add_author_prefix(false)
        .set_width(320)
        .set_height(16 * index32(lines.min(40)) + 12)
}

/// The hidden sheet: the template's stamp, which the import reads back. Very hidden
/// (Excel shows it in no menu) and protected.
fn hidden(ws: &mut Worksheet, l: &Layout) -> Result<(), XlsxError> {
    ws.set_name(l.hidden_sheet)?;
    let text = Format::new().set_num_format("@").set_quote_prefix();
    for row in &l.hidden {
        for (col, cell) in &row.cells {
            let (r, c) = (row.number - 1, u16::try_from(*col).unwrap_or(u16::MAX));
            match cell {
                Cell::Number(n) => ws.write_number(r, c, *n)?,
                Cell::Text(t) => ws.write_string_with_format(r, c, xml_safe(t), &text)?,
                _ => continue,
            };
        }
    }
    ws.set_very_hidden(true);
    ws.protect();
    Ok(())
}

fn help(ws: &mut Worksheet, l: &Layout) -> Result<(), XlsxError> {
    const WIDTH: f64 = 100.0;
    ws.set_name(l.help_sheet)?;
    ws.set_column_width(0, WIDTH)?;
    // Printed one page wide; each row as tall as its wrapped text (a spreadsheet does
    // not measure it when it opens the file).
    ws.set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0);
    let text = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_quote_prefix();
    let heading = text.clone().set_bold();
    let title = heading.clone().set_font_size(14);
    #[expect(
        clippy::cast_possible_truncation,
        reason = "a constant column width; a float cast saturates"
    )]
    let per_line = (WIDTH * 1.1) as usize;
    for (r, h) in l.help.iter().enumerate() {
        let row = index32(r);
        let (s, format, line) = match h {
            Help::Title(s) => (s.as_str(), &title, 20.0),
            Help::Heading(s) => (*s, &heading, 15.0),
            Help::Text(s) => (s.as_str(), &text, 15.0),
            Help::Blank => continue,
        };
        ws.write_string_with_format(row, 0, xml_safe(s), format)?;
        let lines = s.chars().count().div_ceil(per_line).max(1);
        ws.set_row_height(row, line * lines as f64)?;
    }
    Ok(())
}
