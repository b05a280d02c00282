//! Entry points that take arbitrary bytes, shared by the fuzz targets (`fuzz/`) and the
//! regression tests that replay their corpus in CI. Each one must return without
//! panicking, whatever the input.

use crate::load;
use crate::model::code::DEFAULT;
use crate::model::{IndicatorKind, Owner, Period};

/// The calendar parser on any text: it keeps the label and never panics.
pub fn calendar(data: &[u8]) {
    let label = String::from_utf8_lossy(data);
    let (cal, _) = crate::model::calendar::parse_label(&label);
    assert_eq!(cal.label, label, "the label is kept");
    let _ = cal.shape();
    let _ = cal.ends_before_start();
}

/// The action-file loader on any bytes (encoding, YAML, decoding, file checks).
pub fn action_file(data: &[u8]) {
    let file = "plan/A/IN-A-1.01.yaml";
    let Ok(text) = load::text_of(file, data.to_vec()) else {
        return;
    };
    let (decoded, _) = load::decode_action_text(file, &text, &DEFAULT);
    if let Some((action, _)) = decoded {
        // What loads, writes out and loads back the same.
        let again = crate::write::yaml::action(&action);
        let (back, _) = load::decode_action_text(file, &again, &DEFAULT);
        assert_eq!(back.map(|(a, _)| a), Some(action), "round trip");
    }
}

/// The readings CSV reader on any bytes.
pub fn readings_csv(data: &[u8]) {
    let file = "indicators/A/IN-A-1.01.csv";
    let Ok(text) = load::text_of(file, data.to_vec()) else {
        return;
    };
    let subject = load::readings::Subject::plain(
        Owner::Action(0),
        vec![
            ("participants", IndicatorKind::Count),
            ("taux", IndicatorKind::Percent),
            ("budget", IndicatorKind::Number),
            ("rapport", IndicatorKind::Deliverable),
            ("retours", IndicatorKind::Qualitative),
        ],
    );
    let _ = load::readings::read(file, 0, &subject, &text);
}

/// Adding readings to any valid readings file: the new rows are rows of their own, every
/// old row is kept (a multi-line note never swallows a new row), and the file reads back
/// as exactly the old rows plus the new ones.
pub fn readings_insert(data: &[u8]) {
    let file = "indicators/A/IN-A-1.01.csv";
    let bom = data.starts_with(b"\xEF\xBB\xBF");
    let Ok(text) = load::text_of(file, data.to_vec()) else {
        return;
    };
    let subject = load::readings::Subject::plain(
        Owner::Action(0),
        vec![
            ("participants", IndicatorKind::Count),
            ("taux", IndicatorKind::Percent),
        ],
    );
    let Ok(now) = load::readings::current_of(file, &subject, text, bom) else {
        return;
    };
    // New rows for periods no file of the corpus uses, with a note full of separators.
    let rows: Vec<crate::model::reading::NewReading> =
        [(0, "1999-Q3"), (1, "1999-Q4"), (0, "1000")]
            .into_iter()
            .map(|(order, p)| crate::model::reading::NewReading {
                order,
                indicator: subject.indicators[order].0.to_string(),
                period: p.parse().unwrap_or(Period::Year(1999)),
                value: "1".into(),
                source: "S, \"x\"".into(),
                note: "a\nb; \"c\"".into(),
                recorded: None,
                replaces: None,
                by: Vec::new(),
            })
            .filter(|r| {
                !now.values
                    .contains_key(&(r.indicator.clone(), r.period, String::new()))
            })
            .collect();
    let out = crate::write::readings::insert(&now.text, now.bom, now.header_end, &now.rows, &rows);
    assert_eq!(
        crate::write::readings::verify(&now.text, now.bom, &out, &rows),
        Ok(()),
        "insertion keeps every row and adds each new one"
    );
    let text = out.strip_prefix('\u{feff}').unwrap_or(&out).to_string();
    let again = load::readings::current_of(file, &subject, text, bom);
    assert!(again.is_ok(), "the file stays valid");
}

/// The period parser on any text: what parses, prints and parses back the same.
pub fn period(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(p) = text.parse::<Period>() {
        let _ = (p.start(), p.end(), p.next());
        assert_eq!(p.to_string().parse::<Period>().ok(), Some(p), "round trip");
    }
}

/// The workbook reader and the import's reading of its sheets, on any bytes: an error
/// or a workbook within the limits, never a panic. Bytes that are not a zip archive are
/// taken as XML and packed as the parts of a workbook (every part of an `.xlsx`, or the
/// content of an `.ods` when they name OpenDocument), so that the fuzzer reaches the
/// XML readers without forging archives and their checksums.
pub fn workbook(data: &[u8]) {
    let limits = load::workbook::Limits {
        unzipped: 8 << 20,
        cells: 100_000,
        parts: 200,
    };
    let packed;
    let bytes = if data.starts_with(b"PK") {
        data
    } else {
        packed = pack(data);
        &packed
    };
    if let Ok(book) = load::workbook::read_with(bytes, limits) {
        let cells: usize = book
            .sheets
            .iter()
            .flat_map(|s| &s.rows)
            .map(|r| r.cells.len())
            .sum();
        assert!(cells <= limits.cells, "the limit of cells holds");
        let _ = load::import::from_workbook(&book);
    }
}

/// The shared strings of an `.xlsx` on any bytes: `data` is the shared-strings part of a
/// workbook whose sheet names shared texts 0 to 63 (and one far past them). Whatever
/// the part holds, the reading stays within its limits: no cell over a megabyte, no more
/// cells than allowed, never a panic.
pub fn workbook_shared_strings(data: &[u8]) {
    use std::io::Write;
    let limits = load::workbook::Limits {
        unzipped: 8 << 20,
        cells: 10_000,
        parts: 20,
    };
    let mut sheet = String::from(
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">"#,
    );
    for i in 0..64 {
        sheet.push_str(&format!(
            r#"<c r="{}1" t="s"><v>{i}</v></c>"#,
            load::workbook::column_name(i)
        ));
    }
    sheet.push_str(r#"<c r="ZZ1" t="s"><v>99999999999</v></c></row></sheetData></worksheet>"#);
    let parts: [(&str, &[u8]); 4] = [
        ("xl/workbook.xml", br#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>"#),
        ("xl/_rels/workbook.xml.rels", br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="/worksheet" Target="s.xml"/><Relationship Id="rId2" Type="/sharedStrings" Target="t.xml"/></Relationships>"#),
        ("xl/s.xml", sheet.as_bytes()),
        ("xl/t.xml", data),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in parts {
        if zip.start_file(name, stored).is_err() || zip.write_all(bytes).is_err() {
            return;
        }
    }
    let Ok(bytes) = zip.finish().map(|c| c.into_inner()) else {
        return;
    };
    if let Ok(book) = load::workbook::read_with(&bytes, limits) {
        for cell in book
            .sheets
            .iter()
            .flat_map(|s| &s.rows)
            .flat_map(|r| &r.cells)
        {
            if let load::workbook::Cell::Text(t) = &cell.1 {
                assert!(
                    t.len() <= crate::config::limits::CELL_BYTES,
                    "a cell past the limit"
                );
            }
        }
    }
}

/// A readings template's stamp on any text, checked against the rows of its sheet: each
/// line of `data` is a row of the hidden sheet (`row,code,indicator,period`, the first
/// lines its header) or, after a line `--`, a row of readings (`code,indicator,period,
/// value,source`). The import reads it, or says why not, never panicking.
pub fn workbook_stamp(data: &[u8]) {
    use load::workbook::{Cell, Row, Sheet, Workbook};
    let text = String::from_utf8_lossy(data);
    let (stamp_text, rows_text) = text.split_once("\n--\n").unwrap_or((&text, ""));
    let cells = |line: &str| -> Vec<(u32, Cell)> {
        line.split(',')
            .take(8)
            .enumerate()
            .filter(|(_, v)| !v.is_empty())
            .map(|(i, v)| (crate::model::index32(i), Cell::Text(v.to_string())))
            .collect()
    };
    let mut stamp = vec![Row {
        number: 1,
        cells: vec![
            (0, Cell::Text("pan".into())),
            (1, Cell::Text("readings template".into())),
        ],
    }];
    for (i, line) in stamp_text.lines().take(10_000).enumerate() {
        stamp.push(Row {
            number: crate::model::index32(i) + 2,
            cells: cells(line),
        });
    }
    let mut readings = vec![Row {
        number: 1,
        cells: cells("code,indicator,period,value,source,note"),
    }];
    for (i, line) in rows_text.lines().take(10_000).enumerate() {
        readings.push(Row {
            number: crate::model::index32(i) + 2,
            cells: cells(line),
        });
    }
    let book = Workbook {
        sheets: vec![
            Sheet {
                name: "Relevés".into(),
                rows: readings,
                ..Sheet::default()
            },
            Sheet {
                name: "pan".into(),
                rows: stamp,
                hidden: true,
                ..Sheet::default()
            },
        ],
    };
    let _ = load::import::from_workbook(&book);
}

/// XML packed as a workbook's parts (see [`workbook`]).
fn pack(xml: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let ods = xml.windows(12).any(|w| w == b"opendocument");
    let parts: Vec<(&str, &[u8])> = if ods {
        vec![
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.spreadsheet",
            ),
            ("styles.xml", xml),
            ("content.xml", xml),
        ]
    } else {
        vec![
            ("xl/workbook.xml", br#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>"#),
            ("xl/_rels/workbook.xml.rels", br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="/worksheet" Target="s.xml"/><Relationship Id="rId2" Type="/sharedStrings" Target="s.xml"/><Relationship Id="rId3" Type="/styles" Target="s.xml"/></Relationships>"#),
            ("xl/s.xml", xml),
        ]
    };
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in parts {
        if zip.start_file(name, stored).is_err() || zip.write_all(bytes).is_err() {
            return Vec::new();
        }
    }
    zip.finish().map(|c| c.into_inner()).unwrap_or_default()
}
