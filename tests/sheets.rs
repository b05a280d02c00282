//! The focal point's round trip in workbooks: `pan reading template --format xlsx|ods`
//! and `pan reading import` of what spreadsheet programs save. The filled workbooks of
//! `tests/fixtures/workbooks` were saved by openpyxl and LibreOffice Calc from pan's own
//! templates (`.ci/sheets --fixtures tests/fixtures/workbooks` makes them again).

mod common;

use std::io::{Read, Write};
use std::path::Path;

use common::{Fixture, stderr, stdout};
use pan::load::workbook::{self, Cell};

const FILLED: &str = "tests/fixtures/workbooks";
const ACTION_A: &str = "indicators/B/IN-B-11.02.csv";
const ACTION_B: &str = "indicators/B/IN-B-11.03.csv";

fn sheets() -> Fixture {
    Fixture::copy_of("sheets")
}

fn fixture_bytes(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(FILLED)
            .join(name),
    )
    .unwrap()
}

fn bytes(f: &Fixture, rel: &str) -> Vec<u8> {
    std::fs::read(f.path().join(rel)).unwrap()
}

/// A part of a zip archive, as text.
fn part(archive: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(archive)).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// A zip archive of parts (the first one stored, as a `.ods`'s media type must be).
fn zip_of(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (i, (name, text)) in parts.iter().enumerate() {
        let method = if i == 0 {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        zip.start_file(*name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The smallest `.xlsx`: one sheet, written by hand, with the namespace prefix `x:`
/// some writers use and neither styles nor shared strings.
fn minimal_xlsx(sheet_data: &str) -> Vec<u8> {
    xlsx_of_sheet(&format!(
        r#"<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>{sheet_data}</x:sheetData></x:worksheet>"#
    ))
}

/// An `.xlsx` whose one sheet is `sheet`.
fn xlsx_of_sheet(sheet: &str) -> Vec<u8> {
    zip_of(&[
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Feuil1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
        ("xl/worksheets/sheet1.xml", sheet),
    ])
}

/// A row of inline-string cells (`None` leaves a cell out).
fn xlsx_row(n: u32, cells: &[Option<&str>]) -> String {
    let mut s = format!(r#"<x:row r="{n}">"#);
    for (i, c) in cells.iter().enumerate() {
        if let Some(text) = c {
            let name = workbook::cell_name(i as u32, n);
            s.push_str(&format!(
                r#"<x:c r="{name}" t="inlineStr"><x:is><x:t>{text}</x:t></x:is></x:c>"#
            ));
        }
    }
    s.push_str("</x:row>");
    s
}

const HEADER: [Option<&str>; 6] = [
    Some("code"),
    Some("indicator"),
    Some("period"),
    Some("value"),
    Some("source"),
    Some("note"),
];

/// The smallest `.ods` with one table (`content` the rows).
fn minimal_ods(styles: &str, rows: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"><office:automatic-styles>{styles}</office:automatic-styles><office:body><office:spreadsheet><table:table table:name="Feuille 1">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    zip_of(&[
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("content.xml", &content),
    ])
}

fn ods_text(s: &str) -> String {
    format!(
        r#"<table:table-cell office:value-type="string"><text:p>{s}</text:p></table:table-cell>"#
    )
}

fn ods_header() -> String {
    let cells: String = HEADER.iter().map(|h| ods_text(h.unwrap_or(""))).collect();
    format!("<table:table-row>{cells}</table:table-row>")
}

fn template(f: &Fixture, args: &[&str]) -> std::process::Output {
    let mut all = vec!["reading", "template"];
    all.extend_from_slice(args);
    f.run(&all)
}

#[test]
fn the_format_follows_the_file_name_and_an_untouched_template_records_nothing() {
    let f = sheets();
    for (name, magic) in [("t.xlsx", "xl/workbook.xml"), ("t.ods", "mimetype")] {
        let out = template(&f, &["-o", name]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("6 indicator rows"),
            "{}",
            stderr(&out)
        );
        let b = bytes(&f, name);
        assert!(b.starts_with(b"PK\x03\x04"), "{name} is a zip archive");
        assert!(!part(&b, magic).is_empty(), "{name} has {magic}");
        let out = f.run(&["reading", "import", name, "--dry-run"]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            stdout(&out).contains(
                "0 readings checked in 0 files (6 empty rows skipped; sheet read: Relevés)"
            ),
            "{}",
            stdout(&out)
        );
    }
    assert_eq!(
        part(&bytes(&f, "t.ods"), "mimetype"),
        "application/vnd.oasis.opendocument.spreadsheet"
    );
    // Piped, a workbook goes to standard output like any other format.
    let out = template(&f, &["--format", "xlsx"]);
    assert!(out.status.success() && out.stdout.starts_with(b"PK\x03\x04"));
}

#[test]
fn the_same_plan_gives_the_same_bytes() {
    let f = sheets();
    for format in ["xlsx", "ods"] {
        let a = template(&f, &["--format", format]).stdout;
        let b = template(&f, &["--format", format]).stdout;
        assert!(a.len() > 1000);
        assert_eq!(a, b, "{format}");
    }
}

#[test]
fn contradictory_options_are_usage_errors() {
    let f = sheets();
    let out = template(&f, &["--format", "ods", "-o", "t.xlsx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("does not match the file name"),
        "{}",
        stderr(&out)
    );
    let out = template(&f, &["--excel", "-o", "t.xlsx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--excel"), "{}", stderr(&out));
    assert!(!f.path().join("t.xlsx").exists(), "nothing written");
    // An extension that says nothing leaves the format to --format (CSV by default); one
    // that names another format is refused.
    let out = template(&f, &["-o", "t.out"]);
    assert!(out.status.success());
    assert!(f.read("t.out").starts_with("code,indicator,period"));
    let out = template(&f, &["-o", "t.pdf"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!f.path().join("t.pdf").exists(), "nothing written");
}

/// The cells of the first sheet of a workbook, as text, by row.
fn cells(book: &workbook::Workbook, sheet: usize) -> Vec<Vec<String>> {
    book.sheets[sheet]
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![String::new(); 11];
            for (c, cell) in &r.cells {
                if let (Some(slot), Cell::Text(t)) = (row.get_mut(*c as usize), cell) {
                    *slot = t.clone();
                }
            }
            row
        })
        .collect()
}

#[test]
fn the_workbook_says_what_each_row_is_in_the_plans_language_or_english() {
    let f = sheets();
    for (lang, sheet, help, header, expected) in [
        (
            "fr",
            "Relevés",
            "Mode d'emploi",
            "Période",
            "Nombre entier ≥ 0, chaque trimestre",
        ),
        (
            "en",
            "Readings",
            "How to fill in",
            "Period",
            "Whole number ≥ 0, every quarter",
        ),
    ] {
        for format in ["xlsx", "ods"] {
            let name = format!("{lang}.{format}");
            let out = template(&f, &["--lang", lang, "-o", &name]);
            assert!(out.status.success(), "{}", stderr(&out));
            let book = workbook::read(&bytes(&f, &name)).unwrap();
            let names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
            assert_eq!(
                names,
                [sheet, help, "pan"],
                "{name}: the stamp's sheet last"
            );
            let rows = cells(&book, 0);
            assert_eq!(rows[0][3], header, "{name}");
            assert_eq!(rows.len(), 7, "{name}: a header and six indicators");
            let seances = &rows[1];
            assert_eq!(
                &seances[..3],
                ["IN-B-11.02", "seances", "Nombre de séances réalisées"]
            );
            assert!(
                seances[3..7].iter().all(String::is_empty),
                "{name}: nothing filled in"
            );
            let latest = if lang == "fr" {
                "2024\u{a0}: 11"
            } else {
                "2024: 11"
            };
            assert_eq!(seances[8], latest, "{name}: the latest reading");
            assert_eq!(seances[9], "MinDigital");
            assert_eq!(rows[2][7], expected, "{name}");
            let help_text: Vec<String> =
                cells(&book, 1).into_iter().map(|r| r[0].clone()).collect();
            assert!(
                help_text[0].contains("Plan de test des classeurs"),
                "{help_text:?}"
            );
            assert!(
                help_text.iter().any(|l| l.contains("pan reading import")),
                "{help_text:?}"
            );
        }
    }
    // Without --lang, the plan's language (French unless pan.toml says otherwise).
    f.edit("pan.toml", "end = 2030", "end = 2030\nlanguage = \"en\"");
    template(&f, &["-o", "default.xlsx"]);
    let book = workbook::read(&bytes(&f, "default.xlsx")).unwrap();
    assert_eq!(book.sheets[0].name, "Readings");
}

#[test]
fn each_value_cell_accepts_what_its_kind_accepts() {
    let f = sheets();
    template(&f, &["-o", "t.xlsx"]);
    let sheet = part(&bytes(&f, "t.xlsx"), "xl/worksheets/sheet1.xml");
    for (rule, cells) in [
        (
            r#"type="whole" operator="greaterThanOrEqual""#,
            r#"sqref="E2:E3""#,
        ),
        (r#"type="decimal""#, r#"sqref="E4""#),
        (r#"type="decimal""#, r#"sqref="E5""#),
        (r#"type="list""#, r#"sqref="E6""#),
        (r#"showInputMessage="1""#, r#"sqref="D2:D7""#),
        (r#"showInputMessage="1""#, r#"sqref="F2:F7""#),
    ] {
        let found = sheet
            .split("<dataValidation ")
            .skip(1)
            .any(|v| v.contains(rule) && v.contains(cells));
        assert!(found, "a rule {rule} on {cells} in {sheet}");
    }
    assert!(sheet.contains("<formula1>\"done\"</formula1>"));
    template(&f, &["-o", "t.ods"]);
    let content = part(&bytes(&f, "t.ods"), "content.xml");
    for (name, condition) in [
        (
            "value-count",
            "of:cell-content-is-whole-number() and cell-content()&gt;=0",
        ),
        (
            "value-percent",
            "of:cell-content-is-decimal-number() and cell-content-is-between(0,100)",
        ),
        ("value-number", "cell-content-is-between(-1E+15,1E+15)"),
        (
            "value-deliverable",
            "of:cell-content-is-in-list(&quot;done&quot;)",
        ),
    ] {
        let rule = content
            .split("<table:content-validation ")
            .find(|v| v.starts_with(&format!(r#"table:name="{name}""#)))
            .unwrap_or_else(|| panic!("{name} in {content}"));
        assert!(rule.contains(condition), "{name}: {condition} in {rule}");
        assert!(content.contains(&format!(r#"table:content-validation-name="{name}""#)));
    }
}

#[test]
fn text_from_the_plan_is_never_a_formula() {
    let f = sheets();
    f.edit(
        "plan/B/IN-B-11.02.yaml",
        "label: Nombre de séances réalisées",
        "label: \"=HYPERLINK(\\\"http://x\\\")\"",
    );
    template(&f, &["-o", "t.xlsx"]);
    template(&f, &["-o", "t.ods"]);
    let xlsx = bytes(&f, "t.xlsx");
    let sheet = part(&xlsx, "xl/worksheets/sheet1.xml");
    assert!(!sheet.contains("<f>"), "no formula in the sheet");
    let styles = part(&xlsx, "xl/styles.xml");
    assert!(styles.contains(r#"quotePrefix="1""#), "{styles}");
    let content = part(&bytes(&f, "t.ods"), "content.xml");
    assert!(!content.contains("table:formula"));
    assert!(content.contains("<text:p>=HYPERLINK(&quot;http://x&quot;)</text:p>"));
    let book = workbook::read(&xlsx).unwrap();
    assert!(
        matches!(book.sheets[0].rows[1].get(2), Some(Cell::Text(t)) if t.starts_with("=HYPERLINK"))
    );
}

/// What the fixtures hold, as the readings files record it.
const RECORDED_A: [&str; 3] = [
    "seances,2025,12,Rapport 2025,,2026-11-30,",
    "participants,2025-Q3,34,Registre des présences,Trois séances,2026-11-30,",
    "participants,2025-Q4,41,Registre des présences,Trois séances,2026-11-30,",
];
const RECORDED_B: [&str; 4] = [
    "satisfaction,2025,87.5,Enquête 2025,,2026-11-30,",
    "duree-moyenne,2025-09,3.5,Catalogue,,2026-11-30,",
    "rapport,2025-12-15,done,Site du ministère,,2026-11-30,",
    "retours,2025,Très bons retours ; demande de sessions le soir,Questionnaires,,2026-11-30,",
];

#[test]
fn workbooks_saved_by_real_programs_are_read_as_typed() {
    for name in [
        "filled-openpyxl.xlsx",
        "filled-libreoffice.ods",
        "filled-libreoffice.xlsx",
    ] {
        let f = sheets();
        f.write_bytes(name, &fixture_bytes(name));
        let out = f.run(&["reading", "import", name]);
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        assert!(
            stdout(&out).contains("7 readings recorded in 2 files"),
            "{name}: {}",
            stdout(&out)
        );
        let a = f.read(ACTION_A);
        let b = f.read(ACTION_B);
        for row in RECORDED_A {
            assert!(a.lines().any(|l| l == row), "{name}: {row} in\n{a}");
        }
        for row in RECORDED_B {
            assert!(b.lines().any(|l| l == row), "{name}: {row} in\n{b}");
        }
        let (code, diags) = f.validate(&[]);
        assert_eq!(code, 0, "{name}: {diags:?}");
        assert!(diags.iter().all(|(c, ..)| c == "R009"), "{name}: {diags:?}");
        // Sent twice, the same workbook changes nothing.
        let out = f.run(&["reading", "import", name]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            stdout(&out)
                .contains("0 readings recorded in 0 files (7 already recorded with the same value"),
            "{}",
            stdout(&out)
        );
        assert_eq!(f.read(ACTION_B), b);
    }
}

#[test]
fn refused_cells_are_named_and_nothing_is_written() {
    let f = sheets();
    f.write_bytes("bad.ods", &fixture_bytes("refused-libreoffice.ods"));
    let before = f.read(ACTION_A);
    let out = f.run(&["reading", "import", "bad.ods"]);
    assert_eq!(out.status.code(), Some(1));
    let e = stderr(&out);
    for (cell, what) in [
        ("cell E2", "negative"),
        ("cell D3", "2025-Q5"),
        ("cell E4", "outside 0–100"),
        ("cell F6", "the source is empty"),
    ] {
        let line = e
            .lines()
            .find(|l| l.starts_with(&format!("bad.ods: sheet Relevés, {cell}: ")))
            .unwrap_or_else(|| panic!("{cell} in {e}"));
        assert!(line.contains(what), "{line}");
    }
    assert!(
        e.contains("4 rows of bad.ods are refused; nothing was written"),
        "{e}"
    );
    assert_eq!(f.read(ACTION_A), before);
    assert!(!f.path().join(ACTION_B).exists());
}

#[test]
fn rows_and_codes_are_named_by_their_place() {
    let f = sheets();
    let rows = [
        xlsx_row(1, &HEADER),
        xlsx_row(
            2,
            &[
                Some("IN-B-11.02"),
                Some("seances"),
                Some("2025"),
                Some("3"),
                Some("S"),
                None,
            ],
        ),
        xlsx_row(
            3,
            &[
                Some("IN-B-99.01"),
                Some("seances"),
                Some("2025"),
                Some("3"),
                Some("S"),
                None,
            ],
        ),
        xlsx_row(
            4,
            &[
                Some("IN-B-11.02"),
                Some("seance"),
                Some("2025"),
                Some("3"),
                Some("S"),
                None,
            ],
        ),
        xlsx_row(
            5,
            &[
                Some("IN-B-11.02"),
                Some("seances"),
                Some("2025"),
                Some("4"),
                Some("S"),
                None,
            ],
        ),
    ]
    .concat();
    f.write_bytes("rows.xlsx", &minimal_xlsx(&rows));
    let out = f.run(&["reading", "import", "rows.xlsx"]);
    assert_eq!(out.status.code(), Some(1));
    let e = stderr(&out);
    assert!(
        e.contains("rows.xlsx: sheet Feuil1, cell A3: no action IN-B-99.01"),
        "{e}"
    );
    assert!(e.contains("rows.xlsx: sheet Feuil1, cell B4: IN-B-11.02 has no indicator `seance`; did you mean `seances`?"), "{e}");
    assert!(
        e.contains("rows.xlsx: sheet Feuil1, row 5: IN-B-11.02 `seances` for 2025 is already on row 2 of sheet Feuil1"),
        "{e}"
    );
}

#[test]
fn formulas_without_a_result_and_error_cells_are_refused_by_cell() {
    let f = sheets();
    let rows = [
        xlsx_row(1, &HEADER),
        // A formula whose result is not in the file (as some programs write them).
        r#"<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>IN-B-11.02</x:t></x:is></x:c><x:c r="B2" t="inlineStr"><x:is><x:t>seances</x:t></x:is></x:c><x:c r="C2"><x:v>2025</x:v></x:c><x:c r="D2"><x:f>SUM(Z1:Z9)</x:f></x:c><x:c r="E2" t="inlineStr"><x:is><x:t>S</x:t></x:is></x:c></x:row>"#.to_string(),
        // A formula that gave an error.
        r#"<x:row r="3"><x:c r="A3" t="inlineStr"><x:is><x:t>IN-B-11.02</x:t></x:is></x:c><x:c r="B3" t="inlineStr"><x:is><x:t>participants</x:t></x:is></x:c><x:c r="C3"><x:v>2025</x:v></x:c><x:c r="D3" t="e"><x:f>1/0</x:f><x:v>#DIV/0!</x:v></x:c><x:c r="E3" t="inlineStr"><x:is><x:t>S</x:t></x:is></x:c></x:row>"#.to_string(),
        // A formula with an empty result, as openpyxl writes one it cannot compute.
        r#"<x:row r="5"><x:c r="A5" t="inlineStr"><x:is><x:t>IN-B-11.03</x:t></x:is></x:c><x:c r="B5" t="inlineStr"><x:is><x:t>satisfaction</x:t></x:is></x:c><x:c r="C5"><x:v>2025</x:v></x:c><x:c r="D5"><x:f>2+3</x:f><x:v/></x:c><x:c r="E5" t="inlineStr"><x:is><x:t>S</x:t></x:is></x:c></x:row>"#.to_string(),
        // A formula with its result: the result is the value.
        r#"<x:row r="4"><x:c r="A4" t="inlineStr"><x:is><x:t>IN-B-11.03</x:t></x:is></x:c><x:c r="B4" t="inlineStr"><x:is><x:t>duree-moyenne</x:t></x:is></x:c><x:c r="C4"><x:v>2025</x:v></x:c><x:c r="D4"><x:f>7/2</x:f><x:v>3.5</x:v></x:c><x:c r="E4" t="inlineStr"><x:is><x:t>S</x:t></x:is></x:c></x:row>"#.to_string(),
    ]
    .concat();
    f.write_bytes("formulas.xlsx", &minimal_xlsx(&rows));
    let out = f.run(&["reading", "import", "formulas.xlsx"]);
    assert_eq!(out.status.code(), Some(1));
    let e = stderr(&out);
    assert!(e.contains("formulas.xlsx: sheet Feuil1, cell D2: the cell holds a formula whose result the file does not keep"), "{e}");
    assert!(
        e.contains("formulas.xlsx: sheet Feuil1, cell D3: the cell shows the error #DIV/0!"),
        "{e}"
    );
    assert!(e.contains("formulas.xlsx: sheet Feuil1, cell D5: the cell holds a formula whose result the file does not keep"), "{e}");
    assert!(!e.contains("cell D4"), "{e}");
    assert!(e.contains("3 rows of formulas.xlsx are refused"), "{e}");
}

#[test]
fn an_ods_is_read_with_its_repetitions_merged_cells_and_comments() {
    let f = sheets();
    let styles = r#"<number:date-style style:name="month"><number:month/><number:text>/</number:text><number:year/></number:date-style><style:style style:name="ce-month" style:family="table-cell" style:data-style-name="month"/>"#;
    // Empty rows, repeated: counted, never laid out.
    let empty = r#"<table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#;
    // A percentage, a number as a float cell, a comment that is not the note, and
    // spaces kept by <text:s/>.
    let satisfaction = [
        ods_text("IN-B-11.03"),
        ods_text("satisfaction"),
        r#"<table:table-cell office:value-type="float" office:value="2025"><text:p>2025</text:p></table:table-cell>"#.into(),
        r#"<table:table-cell office:value-type="percentage" office:value="0.601"><text:p>60,1 %</text:p></table:table-cell>"#.into(),
        ods_text("Enquête"),
        r#"<table:table-cell office:value-type="string"><office:annotation><text:p>not a note</text:p></office:annotation><text:p>deux<text:s text:c="2"/>espaces</text:p></table:table-cell>"#.into(),
    ]
    .concat();
    // A date shown as a month; the source merged over the note (a covered cell that
    // holds something is refused: see tests/surfaces.rs).
    let duration = [
        ods_text("IN-B-11.03"),
        ods_text("duree-moyenne"),
        r#"<table:table-cell table:style-name="ce-month" office:value-type="date" office:date-value="2025-09-01"><text:p>09/2025</text:p></table:table-cell>"#.into(),
        r#"<table:table-cell office:value-type="float" office:value="3.5"/>"#.into(),
        r#"<table:table-cell office:value-type="string" table:number-columns-spanned="2"><text:p>Catalogue</text:p></table:table-cell>"#.into(),
        r#"<table:covered-table-cell/>"#.into(),
    ]
    .concat();
    let tail = r#"<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#;
    let rows = format!(
        "{}{empty}<table:table-row>{satisfaction}</table:table-row><table:table-row>{duration}</table:table-row>{tail}",
        ods_header()
    );
    f.write_bytes("hand.ods", &minimal_ods(styles, &rows));
    let out = f.run(&["reading", "import", "hand.ods"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let b = f.read(ACTION_B);
    assert!(
        b.contains("satisfaction,2025,60.1,Enquête,deux  espaces,2026-11-30,"),
        "{b}"
    );
    assert!(
        b.contains("duree-moyenne,2025-09,3.5,Catalogue,,2026-11-30,"),
        "{b}"
    );
    // A row written once and repeated is every row it stands for.
    let repeated = format!(
        "{}<table:table-row table:number-rows-repeated=\"2\">{}</table:table-row>",
        ods_header(),
        [
            ods_text("IN-B-11.02"),
            ods_text("seances"),
            ods_text("2026"),
            ods_text("5"),
            ods_text("S")
        ]
        .concat()
    );
    f.write_bytes("twice.ods", &minimal_ods("", &repeated));
    let out = f.run(&["reading", "import", "twice.ods"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("twice.ods: sheet Feuille 1, row 3: IN-B-11.02 `seances` for 2026 is already on row 2 of sheet Feuille 1"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn what_is_not_a_workbook_pan_reads_is_named() {
    let f = sheets();
    let template = {
        template(&f, &["-o", "t.xlsx"]);
        bytes(&f, "t.xlsx")
    };
    let odt = zip_of(&[
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        ("content.xml", "<x/>"),
    ]);
    let no_columns = minimal_xlsx(&xlsx_row(1, &[Some("nom"), Some("prénom")]));
    let no_period = minimal_xlsx(&xlsx_row(
        1,
        &[
            Some("code"),
            Some("indicateur"),
            Some("valeur"),
            Some("source"),
        ],
    ));
    let broken_xml = minimal_xlsx("<x:row r=\"1\"><x:c r=\"A1\"></x:row>");
    let lost_text = minimal_xlsx(r#"<x:row r="1"><x:c r="A1" t="s"><x:v>5</x:v></x:c></x:row>"#);
    // An entity declared in a sheet is never expanded (no "billion laughs").
    let entity = xlsx_of_sheet(
        r#"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "eeeeeeee"><!ENTITY f "&e;&e;&e;&e;&e;&e;">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&f;</t></is></c></row></sheetData></worksheet>"#,
    );
    for (name, data, message) in [
        (
            "old.xls",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest".to_vec(),
            "Excel 97–2003 workbook (.xls)",
        ),
        (
            "half.xlsx",
            template[..template.len() / 2].to_vec(),
            "the workbook is damaged",
        ),
        ("letter.ods", odt, "not a spreadsheet"),
        (
            "names.xlsx",
            no_columns,
            "no sheet names the columns code, indicator, period, value, source in its first rows (sheets: Feuil1)",
        ),
        (
            "noperiod.xlsx",
            no_period,
            "noperiod.xlsx: sheet Feuil1, row 1: the header has no column period",
        ),
        ("xml.xlsx", broken_xml, "is not well-formed XML"),
        (
            "lost.xlsx",
            lost_text,
            "cell A1 of xl/worksheets/sheet1.xml names a shared text the workbook does not have",
        ),
        (
            "entity.xlsx",
            entity,
            "the entity &f; is not one XML predefines",
        ),
    ] {
        f.write_bytes(name, &data);
        let out = f.run(&["reading", "import", name]);
        assert_eq!(out.status.code(), Some(1), "{name}: {}", stderr(&out));
        let e = stderr(&out);
        assert!(e.contains(message), "{name}: {e}");
        assert!(e.contains("nothing was written"), "{name}: {e}");
        assert!(e.contains("hint: "), "{name}: {e}");
    }
}
