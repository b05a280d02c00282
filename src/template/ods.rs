//! The template as an OpenDocument spreadsheet (`.ods`, OpenDocument 1.3): a zip
//! archive whose first part, stored uncompressed, is its media type; the cells in
//! `content.xml`, the frozen header in `settings.xml`. The sheet of readings is
//! protected without a password (`table:protected`), its cells to fill in unprotected
//! by their style (`style:cell-protect="none"`); the stamp's sheet is hidden
//! (`table:display="false"`).

use std::fmt::Write as _;
use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::{
    Accept, Help, INDICATOR, Layout, NOTE, PERIOD, Prompt, Role, SOURCE, VALUE, validation,
};
use crate::load::workbook::Cell;
use crate::model::{IndicatorKind, index32};
use crate::render::markdown::html;

/// Text for the document's XML: escaped, and what XML cannot hold made visible.
fn esc(s: &str) -> String {
    html(&crate::text::xml_safe(s)).to_string()
}

const MIME: &str = "application/vnd.oasis.opendocument.spreadsheet";

const NS: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0" office:version="1.3""#;

/// The spreadsheet's bytes. The same layout gives the same bytes.
pub fn write(l: &Layout) -> anyhow::Result<Vec<u8>> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let fixed = SimpleFileOptions::default().last_modified_time(DateTime::default());
    // The media type comes first and uncompressed, so that a program can tell the file.
    zip.start_file(
        "mimetype",
        fixed.compression_method(CompressionMethod::Stored),
    )?;
    zip.write_all(MIME.as_bytes())?;
    let deflated = fixed.compression_method(CompressionMethod::Deflated);
    for (name, text) in [
        ("content.xml", content(l)),
        ("styles.xml", styles()),
        ("meta.xml", meta(l)),
        ("settings.xml", settings(l)),
        ("META-INF/manifest.xml", manifest()),
    ] {
        zip.start_file(name, deflated)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

/// A text as paragraphs (one per line), its spaces kept: OpenDocument reads a run of
/// spaces as one, so every space after the first of a run, and a leading one, is
/// written as `<text:s/>`.
fn paragraphs(s: &str) -> String {
    let mut out = String::new();
    for line in s.split('\n') {
        out.push_str("<text:p>");
        let mut spaces = 0usize;
        let flush = |out: &mut String, spaces: &mut usize, at_start: bool| {
            if *spaces == 0 {
                return;
            }
            let (plain, coded) = if at_start {
                (0, *spaces)
            } else {
                (1, *spaces - 1)
            };
            out.push_str(&" ".repeat(plain));
            match coded {
                0 => {}
                1 => out.push_str("<text:s/>"),
                n => {
                    let _ = write!(out, "<text:s text:c=\"{n}\"/>");
                }
            }
            *spaces = 0;
        };
        let mut at_start = true;
        for c in line.chars() {
            match c {
                ' ' => spaces += 1,
                '\t' => {
                    flush(&mut out, &mut spaces, at_start);
                    out.push_str("<text:tab/>");
                    at_start = false;
                }
                '\r' => {}
                c => {
                    flush(&mut out, &mut spaces, at_start);
                    out.push_str(&esc(&c.to_string()));
                    at_start = false;
                }
            }
        }
        // Trailing spaces are kept too, all coded.
        flush(&mut out, &mut spaces, true);
        out.push_str("</text:p>");
    }
    out
}

/// A sheet's name in a cell address, quoted.
fn sheet_ref(name: &str) -> String {
    format!("'{}'", name.replace('\'', "''"))
}

/// The style of a column's cells below the template's rows: locked, like every cell
/// pan did not leave to fill in.
fn column_style(role: Role, text: bool, wrap: bool) -> &'static str {
    match role {
        Role::Input => "locked",
        _ => cell_style(role, text, wrap),
    }
}

fn cell_style(role: Role, text: bool, wrap: bool) -> &'static str {
    match (role, text, wrap) {
        (Role::Given, ..) => "given",
        (Role::Input, true, _) => "input-text",
        (Role::Input, false, _) => "input",
        (Role::Info, _, true) => "info-wrap",
        (Role::Info, ..) => "info",
    }
}

fn styles_automatic(l: &Layout) -> String {
    let mut s = String::from("<office:automatic-styles>");
    for (i, c) in l.columns.iter().enumerate() {
        let _ = write!(
            s,
            r#"<style:style style:name="co{i}" style:family="table-column"><style:table-column-properties style:column-width="{:.2}cm"/></style:style>"#,
            c.width * 0.25
        );
    }
    s.push_str(r#"<style:style style:name="co-help" style:family="table-column"><style:table-column-properties style:column-width="27.5cm"/></style:style>"#);
    s.push_str(r#"<style:style style:name="readings" style:family="table" style:master-page-name="Landscape"><style:table-properties table:display="true"/></style:style>"#);
    s.push_str(r#"<style:style style:name="hidden" style:family="table"><style:table-properties table:display="false"/></style:style>"#);
    s.push_str(
        r#"<number:text-style style:name="text"><number:text-content/></number:text-style>"#,
    );
    let cell = |name: &str, data_text: bool, props: &str, text_props: &str| {
        let data = if data_text {
            r#" style:data-style-name="text""#
        } else {
            ""
        };
        let text = if text_props.is_empty() {
            String::new()
        } else {
            format!("<style:text-properties {text_props}/>")
        };
        format!(
            r#"<style:style style:name="{name}" style:family="table-cell"{data}><style:table-cell-properties style:vertical-align="top" {props}/>{text}</style:style>"#
        )
    };
    let bold =
        r#"fo:font-weight="bold" style:font-weight-asian="bold" style:font-weight-complex="bold""#;
    s.push_str(&cell(
        "header",
        true,
        r##"fo:background-color="#d9d9d9" fo:border-bottom="0.75pt solid #000000" fo:wrap-option="wrap""##,
        bold,
    ));
    s.push_str(&cell(
        "given",
        true,
        r##"fo:background-color="#f2f2f2""##,
        "",
    ));
    s.push_str(&cell(
        "input",
        false,
        r##"fo:background-color="#fff2cc" style:cell-protect="none""##,
        "",
    ));
    s.push_str(&cell(
        "input-text",
        true,
        r##"fo:background-color="#fff2cc" style:cell-protect="none""##,
        "",
    ));
    s.push_str(&cell("locked", false, "", ""));
    s.push_str(&cell("info", true, "", ""));
    s.push_str(&cell("info-wrap", true, r#"fo:wrap-option="wrap""#, ""));
    s.push_str(&cell("help", true, r#"fo:wrap-option="wrap""#, ""));
    s.push_str(&cell(
        "help-heading",
        true,
        r#"fo:wrap-option="wrap""#,
        bold,
    ));
    s.push_str(&cell(
        "help-title",
        true,
        r#"fo:wrap-option="wrap""#,
        &format!(r#"{bold} fo:font-size="14pt""#),
    ));
    s.push_str("</office:automatic-styles>");
    s
}

/// The validation of a prompt, with its condition (none: any value) and its error:
/// `stop` refuses what the condition does not accept, `warning` asks first.
fn content_validation(
    name: &str,
    base: &str,
    condition: Option<&str>,
    prompt: &Prompt,
    error: Option<(&Prompt, &str)>,
) -> String {
    let condition = condition
        .map(|c| {
            format!(
                r#" table:condition="{}" table:allow-empty-cell="true""#,
                esc(c)
            )
        })
        .unwrap_or_default();
    let list = if condition.contains("in-list") {
        r#" table:display-list="unsorted""#
    } else {
        ""
    };
    let error = match error {
        Some((e, kind)) => format!(
            r#"<table:error-message table:message-type="{kind}" table:title="{}" table:display="true"><text:p>{}</text:p></table:error-message>"#,
            esc(e.title),
            esc(e.message)
        ),
        None => r#"<table:error-message table:message-type="stop" table:display="false"/>"#.into(),
    };
    format!(
        r#"<table:content-validation table:name="{name}"{condition}{list} table:base-cell-address="{base}"><table:help-message table:title="{}" table:display="true"><text:p>{}</text:p></table:help-message>{error}</table:content-validation>"#,
        esc(prompt.title),
        esc(prompt.message)
    )
}

/// The condition of a value cell of a kind (OpenFormula).
fn condition(accept: Accept) -> Option<String> {
    match accept {
        Accept::Whole { min } => Some(format!(
            "of:cell-content-is-whole-number() and cell-content()>={min}"
        )),
        Accept::Decimal { min, max } => Some(format!(
            "of:cell-content-is-decimal-number() and cell-content-is-between({},{})",
            number(min),
            number(max)
        )),
        Accept::List(w) => Some(format!("of:cell-content-is-in-list(\"{w}\")")),
        Accept::Any => None,
    }
}

/// A bound as a formula writes it: `100`, `-1E+15`.
fn number(v: f64) -> String {
    if v.abs() >= 1e15 {
        format!("{v:E}").replace('E', "E+").replace("E+-", "E-")
    } else {
        crate::model::reading::format_number(v)
    }
}

fn kind_name(k: IndicatorKind) -> String {
    format!("value-{}", k.as_str())
}

fn validations(l: &Layout) -> String {
    let sheet = sheet_ref(l.sheet);
    let mut s = String::from("<table:content-validations>");
    let base = |col: usize| {
        format!(
            "{sheet}.{}2",
            crate::load::workbook::column_name(index32(col))
        )
    };
    // The periods offered, listed on the hidden sheet; another may be typed after a
    // warning (a day, a period not offered).
    let list = l.period_list.as_ref().map(|range| {
        let (from, to) = range.split_once(':').unwrap_or((range, range));
        format!(
            "of:cell-content-is-in-list([${}.{from}:.{to}])",
            l.hidden_sheet
        )
    });
    s.push_str(&content_validation(
        "period",
        &base(PERIOD),
        list.as_deref(),
        &l.period,
        list.as_ref().map(|_| (&l.period_error, "warning")),
    ));
    for (name, col, p) in [("source", SOURCE, &l.source), ("note", NOTE, &l.note)] {
        s.push_str(&content_validation(name, &base(col), None, p, None));
    }
    let base = format!(
        "{sheet}.{}2",
        crate::load::workbook::column_name(index32(VALUE))
    );
    for kind in IndicatorKind::ALL {
        if !l.lines.iter().any(|line| line.kind == kind) {
            continue;
        }
        let v = validation(kind, l.lang);
        let c = condition(v.accept);
        let error = c.is_some().then_some((&v.error, "stop"));
        s.push_str(&content_validation(
            &kind_name(kind),
            &base,
            c.as_deref(),
            &v.prompt,
            error,
        ));
    }
    s.push_str("</table:content-validations>");
    s
}

fn readings_table(l: &Layout) -> String {
    let sheet = sheet_ref(l.sheet);
    let last_col = crate::load::workbook::column_name(index32(l.columns.len()) - 1);
    let mut s = format!(
        r#"<table:table table:name="{}" table:style-name="readings" table:protected="true" table:print-ranges="{sheet}.A1:{sheet}.{last_col}{}"><loext:table-protection loext:select-protected-cells="true" loext:select-unprotected-cells="true"/>"#,
        esc(l.sheet),
        l.lines.len() + 1
    );
    for (i, c) in l.columns.iter().enumerate() {
        let _ = write!(
            s,
            r#"<table:table-column table:style-name="co{i}" table:default-cell-style-name="{}"/>"#,
            column_style(c.role, c.text, c.wrap)
        );
    }
    s.push_str("<table:table-header-rows><table:table-row>");
    for c in &l.columns {
        let _ = write!(
            s,
            r#"<table:table-cell table:style-name="header" office:value-type="string">{}</table:table-cell>"#,
            paragraphs(c.header)
        );
    }
    s.push_str("</table:table-row></table:table-header-rows>");
    for line in &l.lines {
        s.push_str("<table:table-row>");
        for (i, (text, c)) in line.cells.iter().zip(&l.columns).enumerate() {
            let style = cell_style(c.role, c.text, c.wrap);
            let check = match i {
                PERIOD => "period".to_string(),
                VALUE => kind_name(line.kind),
                SOURCE => "source".to_string(),
                NOTE => "note".to_string(),
                _ => String::new(),
            };
            let check = if check.is_empty() {
                check
            } else {
                format!(r#" table:content-validation-name="{check}""#)
            };
            let note = if i == INDICATOR {
                annotation(&line.note)
            } else {
                String::new()
            };
            if text.is_empty() && note.is_empty() {
                let _ = write!(
                    s,
                    r#"<table:table-cell table:style-name="{style}"{check}/>"#
                );
            } else {
                let _ = write!(
                    s,
                    r#"<table:table-cell table:style-name="{style}"{check} office:value-type="string">{note}{}</table:table-cell>"#,
                    paragraphs(text)
                );
            }
        }
        s.push_str("</table:table-row>");
    }
    s.push_str("</table:table>");
    s
}

/// A note on a cell, shown when the pointer rests on it, sized for its text.
fn annotation(text: &str) -> String {
    if text.is_empty() {
        return String::new();
    }
    let lines: usize = text
        .split('\n')
        .map(|l| l.chars().count().div_ceil(48).max(1))
        .sum();
    format!(
        r#"<office:annotation office:display="false" svg:width="8.5cm" svg:height="{:.2}cm"><dc:creator>pan</dc:creator>{}</office:annotation>"#,
        0.45 * lines.min(40) as f64 + 0.3,
        paragraphs(text)
    )
}

/// The hidden sheet: the template's stamp, which the import reads back.
fn hidden_table(l: &Layout) -> String {
    let mut s = format!(
        r#"<table:table table:name="{}" table:style-name="hidden" table:protected="true">"#,
        esc(l.hidden_sheet)
    );
    s.push_str(r#"<table:table-column table:number-columns-repeated="6" table:default-cell-style-name="info"/>"#);
    let mut at = 1;
    for row in &l.hidden {
        if row.number > at {
            let _ = write!(
                s,
                r#"<table:table-row table:number-rows-repeated="{}"><table:table-cell/></table:table-row>"#,
                row.number - at
            );
        }
        at = row.number + 1;
        s.push_str("<table:table-row>");
        let mut col = 0;
        for (c, cell) in &row.cells {
            if *c > col {
                let _ = write!(
                    s,
                    r#"<table:table-cell table:number-columns-repeated="{}"/>"#,
                    c - col
                );
            }
            col = c + 1;
            match cell {
                Cell::Number(n) => {
                    let v = crate::model::reading::format_number(*n);
                    let _ = write!(
                        s,
                        r#"<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>"#
                    );
                }
                Cell::Text(t) => {
                    let _ = write!(
                        s,
                        r#"<table:table-cell office:value-type="string">{}</table:table-cell>"#,
                        paragraphs(t)
                    );
                }
                _ => s.push_str("<table:table-cell/>"),
            }
        }
        s.push_str("</table:table-row>");
    }
    s.push_str("</table:table>");
    s
}

fn help_table(l: &Layout) -> String {
    let mut s = format!(
        r#"<table:table table:name="{}"><table:table-column table:style-name="co-help" table:default-cell-style-name="help"/>"#,
        esc(l.help_sheet)
    );
    for h in &l.help {
        let (style, text) = match h {
            Help::Title(t) => ("help-title", t.as_str()),
            Help::Heading(t) => ("help-heading", *t),
            Help::Text(t) => ("help", t.as_str()),
            Help::Blank => ("help", ""),
        };
        if text.is_empty() {
            s.push_str("<table:table-row><table:table-cell/></table:table-row>");
        } else {
            let _ = write!(
                s,
                r#"<table:table-row><table:table-cell table:style-name="{style}" office:value-type="string">{}</table:table-cell></table:table-row>"#,
                paragraphs(text)
            );
        }
    }
    s.push_str("</table:table>");
    s
}

fn content(l: &Layout) -> String {
    let sheet = sheet_ref(l.sheet);
    let last_col = crate::load::workbook::column_name(index32(l.columns.len()) - 1);
    let last_row = l.lines.len() + 1;
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS}>{}<office:body><office:spreadsheet>{}{}{}{}<table:database-ranges><table:database-range table:name="__Anonymous_Sheet_DB__0" table:target-range-address="{sheet}.A1:{sheet}.{last_col}{last_row}" table:display-filter-buttons="true"/></table:database-ranges></office:spreadsheet></office:body></office:document-content>"#,
        styles_automatic(l),
        validations(l),
        readings_table(l),
        help_table(l),
        hidden_table(l),
    )
}

/// The page the readings sheet prints on: landscape A4, one page wide.
fn styles() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-styles {NS}><office:styles/><office:automatic-styles><style:page-layout style:name="landscape"><style:page-layout-properties fo:page-width="29.7cm" fo:page-height="21cm" style:print-orientation="landscape" fo:margin="1cm" style:scale-to-X="1" style:scale-to-Y="0"/></style:page-layout></office:automatic-styles><office:master-styles><style:master-page style:name="Landscape" style:page-layout-name="landscape"/><style:master-page style:name="Default" style:page-layout-name="landscape"/></office:master-styles></office:document-styles>"#
    )
}

fn meta(l: &Layout) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"><office:meta><meta:generator>pan</meta:generator><dc:title>{}</dc:title><dc:language>{}</dc:language><meta:creation-date>{}T00:00:00</meta:creation-date></office:meta></office:document-meta>"#,
        esc(&l.title),
        l.lang.code(),
        l.created
    )
}

/// The view: the header row and the three first columns frozen, the readings sheet
/// shown first.
fn settings(l: &Layout) -> String {
    let item = |name: &str, kind: &str, value: &str| {
        format!(
            r#"<config:config-item config:name="{name}" config:type="{kind}">{value}</config:config-item>"#
        )
    };
    let frozen = [
        item("HorizontalSplitMode", "short", "2"),
        item("VerticalSplitMode", "short", "2"),
        item("HorizontalSplitPosition", "int", "3"),
        item("VerticalSplitPosition", "int", "1"),
        item("ActiveSplitRange", "short", "2"),
        item("PositionLeft", "int", "0"),
        item("PositionRight", "int", "3"),
        item("PositionTop", "int", "0"),
        item("PositionBottom", "int", "1"),
    ]
    .concat();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-settings xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" office:version="1.3"><office:settings><config:config-item-set config:name="ooo:view-settings"><config:config-item-map-indexed config:name="Views"><config:config-item-map-entry>{}<config:config-item-map-named config:name="Tables"><config:config-item-map-entry config:name="{}">{frozen}</config:config-item-map-entry></config:config-item-map-named>{}</config:config-item-map-entry></config:config-item-map-indexed></config:config-item-set></office:settings></office:document-settings>"#,
        item("ViewId", "string", "view1"),
        esc(l.sheet),
        item("ActiveTable", "string", &esc(l.sheet)),
    )
}

fn manifest() -> String {
    let entry = |path: &str, kind: &str| {
        format!(
            r#"<manifest:file-entry manifest:full-path="{path}" manifest:media-type="{kind}"/>"#
        )
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="{MIME}"/>{}{}{}{}</manifest:manifest>"#,
        entry("content.xml", "text/xml"),
        entry("styles.xml", "text/xml"),
        entry("meta.xml", "text/xml"),
        entry("settings.xml", "text/xml"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_and_lines_are_kept_and_markup_escaped() {
        assert_eq!(paragraphs("a  b"), "<text:p>a <text:s/>b</text:p>");
        assert_eq!(paragraphs(" a"), "<text:p><text:s/>a</text:p>");
        assert_eq!(paragraphs("a\nb"), "<text:p>a</text:p><text:p>b</text:p>");
        assert_eq!(
            paragraphs("<=x & y>"),
            "<text:p>&lt;=x &amp; y&gt;</text:p>"
        );
        // A character XML cannot hold is made visible, as the terminal shows it.
        assert_eq!(paragraphs("a\u{1}b"), "<text:p>a\\u{1}b</text:p>");
        assert_eq!(paragraphs("a\u{fffe}b"), "<text:p>a\\u{fffe}b</text:p>");
        assert_eq!(
            paragraphs("a   "),
            "<text:p>a<text:s text:c=\"3\"/></text:p>"
        );
        assert_eq!(sheet_ref("Mode d'emploi"), "'Mode d''emploi'");
    }
}
