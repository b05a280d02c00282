//! What makes a template pan's own: the protected sheet, the hidden stamp that import
//! recognises (another plan refused whole, edited locked cells refused by row), the
//! period asked for, the Markdown report of an import, and the status workbook of
//! `pan export --format xlsx`.

mod common;

use std::io::{Read, Write};

use common::{Fixture, stderr, stdout};
use pan::load::workbook::{self, Cell};

const ACTION_A: &str = "indicators/B/IN-B-11.02.csv";
const ACTION_B: &str = "indicators/B/IN-B-11.03.csv";
const SHEET: &str = "xl/worksheets/sheet1.xml";

fn sheets() -> Fixture {
    Fixture::copy_of("sheets")
}

/// Every part of a zip archive, in order, with its bytes.
fn parts(archive: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(archive)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut file = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).unwrap();
            (file.name().unwrap().to_string(), bytes)
        })
        .collect()
}

fn part(archive: &[u8], name: &str) -> String {
    let (_, bytes) = parts(archive).into_iter().find(|(n, _)| n == name).unwrap();
    String::from_utf8(bytes).unwrap()
}

/// The archive with one part replaced.
fn with_part(archive: &[u8], name: &str, text: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (n, bytes) in parts(archive) {
        zip.start_file(n.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(if n == name { text.as_bytes() } else { &bytes })
            .unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A sheet's XML with the cell `at` (already written, e.g. `<c r="E2" s="5"/>`) now
/// holding `text`, as a person typing it would leave it (an inline string).
fn set(xml: &str, at: &str, text: &str) -> String {
    let start = xml
        .find(&format!("<c r=\"{at}\""))
        .unwrap_or_else(|| panic!("cell {at} not in the sheet"));
    let rest = &xml[start..];
    let open_end = rest.find('>').unwrap();
    let end = if rest[..open_end].ends_with('/') {
        open_end + 1
    } else {
        rest.find("</c>").unwrap() + 4
    };
    format!(
        "{}<c r=\"{at}\" t=\"inlineStr\"><is><t>{text}</t></is></c>{}",
        &xml[..start],
        &xml[start + end..]
    )
}

/// A template made by `pan reading template -o NAME`, its bytes.
fn template(f: &Fixture, name: &str, extra: &[&str]) -> Vec<u8> {
    let mut args = vec!["reading", "template", "-o", name];
    args.extend_from_slice(extra);
    let out = f.run(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::read(f.path().join(name)).unwrap()
}

/// The template filled in: each `(cell, text)` typed into the readings sheet.
fn filled(book: &[u8], cells: &[(&str, &str)]) -> Vec<u8> {
    let mut xml = part(book, SHEET);
    for (at, text) in cells {
        xml = set(&xml, at, text);
    }
    with_part(book, SHEET, &xml)
}

#[test]
fn only_the_cells_to_fill_are_open_and_the_stamp_sheet_is_hidden() {
    let f = sheets();
    let book = template(&f, "t.xlsx", &[]);
    let sheet = part(&book, SHEET);
    let protection = sheet
        .split("<sheetProtection")
        .nth(1)
        .expect("the readings sheet is protected");
    let protection = &protection[..protection.find("/>").unwrap()];
    assert!(
        !protection.contains("password"),
        "protected without a password: {protection}"
    );
    // The styles of the cells: which ones are unlocked.
    let styles = part(&book, "xl/styles.xml");
    let xfs = styles.split("<cellXfs").nth(1).unwrap();
    let xfs: Vec<&str> = xfs[..xfs.find("</cellXfs>").unwrap()]
        .split("<xf ")
        .skip(1)
        .collect();
    let unlocked = |at: &str| {
        let start = sheet.find(&format!("<c r=\"{at}\"")).unwrap();
        let cell = &sheet[start..start + sheet[start..].find('>').unwrap()];
        let s: usize = cell
            .split(" s=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .map_or(0, |s| s.parse().unwrap());
        xfs[s].contains("locked=\"0\"")
    };
    for at in ["D2", "E2", "F2", "G2", "D7", "E7", "F7", "G7"] {
        assert!(unlocked(at), "{at} is open");
    }
    for at in ["A2", "B2", "C2", "H2", "K7", "A1", "E1"] {
        assert!(!unlocked(at), "{at} is locked");
    }
    let names = part(&book, "xl/workbook.xml");
    assert!(
        names.contains("<sheet name=\"pan\" sheetId=\"3\" state=\"veryHidden\""),
        "{names}"
    );
    // The same in OpenDocument: the sheets protected, the stamp's not displayed, and
    // only the cells to fill unprotected.
    let ods = template(&f, "t.ods", &[]);
    let content = part(&ods, "content.xml");
    assert!(content.contains(
        "<table:table table:name=\"Relevés\" table:style-name=\"readings\" table:protected=\"true\""
    ));
    assert!(content.contains(
        "<table:table table:name=\"pan\" table:style-name=\"hidden\" table:protected=\"true\">"
    ));
    assert!(content.contains("<style:style style:name=\"hidden\" style:family=\"table\"><style:table-properties table:display=\"false\"/>"));
    assert!(content.contains("style:cell-protect=\"none\""));
    // What pan reads back: the three sheets, the stamp naming the plan.
    let read = workbook::read(&book).unwrap();
    let names: Vec<&str> = read.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Relevés", "Mode d'emploi", "pan"]);
    let stamp: Vec<String> = read.sheets[2]
        .rows
        .iter()
        .flat_map(|r| r.cells.iter())
        .filter_map(|(_, c)| match c {
            Cell::Text(t) => Some(t.clone()),
            _ => None,
        })
        .collect();
    assert!(
        stamp.iter().any(|t| t == "Plan de test des classeurs"),
        "{stamp:?}"
    );
}

#[test]
fn a_filled_template_is_recorded_once() {
    let f = sheets();
    let book = template(&f, "t.xlsx", &[]);
    let before = f.read(ACTION_A);
    f.write_bytes(
        "done.xlsx",
        &filled(
            &book,
            &[
                ("D2", "2025"),
                ("E2", "14"),
                ("F2", "Registre des séances"),
                ("D4", "2026-H1"),
                ("E4", "61,5"),
                ("F4", "Enquête"),
            ],
        ),
    );
    let out = f.run(&["reading", "import", "done.xlsx"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("2 readings recorded in 2 files"),
        "{}",
        stdout(&out)
    );
    assert!(
        f.read(ACTION_A)
            .starts_with(&format!("{before}seances,2025,14,Registre des séances,,")),
        "{}",
        f.read(ACTION_A)
    );
    assert!(
        f.read(ACTION_B)
            .contains("satisfaction,2026-H1,61.5,Enquête,,"),
        "{}",
        f.read(ACTION_B)
    );
}

#[test]
fn a_workbook_of_another_plan_is_refused_whole() {
    let f = sheets();
    let book = template(&f, "t.xlsx", &[]);
    f.write_bytes(
        "other.xlsx",
        &filled(&book, &[("D2", "2025"), ("E2", "14"), ("F2", "Registre")]),
    );
    f.edit(
        "pan.toml",
        "Plan de test des classeurs",
        "Un autre plan d'action",
    );
    let before = f.read(ACTION_A);
    let out = f.run(&["reading", "import", "other.xlsx"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let e = stderr(&out);
    assert!(
        e.contains("this workbook was made from the plan \"Plan de test des classeurs\""),
        "{e}"
    );
    assert!(
        e.contains("not from this repository's plan \"Un autre plan d'action\""),
        "{e}"
    );
    assert!(e.contains("nothing was written"), "{e}");
    assert_eq!(f.read(ACTION_A), before);
}

#[test]
fn rows_whose_locked_cells_were_edited_are_refused_and_nothing_is_written() {
    let f = sheets();
    let book = template(&f, "t.xlsx", &[]);
    let good = [
        ("D2", "2025"),
        ("E2", "14"),
        ("F2", "Registre"),
        ("D3", "2026-Q1"),
        ("E3", "120"),
        ("F3", "Registre"),
    ];
    let mut edited = good.to_vec();
    // The code of row 2 overwritten with another action's (a protection removed, or
    // a row pasted over): the figure would land on the wrong action.
    edited.push(("A2", "IN-B-11.03"));
    edited.push(("B3", "seances"));
    f.write_bytes("edited.xlsx", &filled(&book, &edited));
    let before = f.read(ACTION_A);
    let out = f.run(&["reading", "import", "edited.xlsx"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let e = stderr(&out);
    assert!(
        e.contains("edited.xlsx: sheet Relevés, cell A2: this row was made for IN-B-11.02 `seances`, but its code now reads `IN-B-11.03`"),
        "{e}"
    );
    assert!(
        e.contains("edited.xlsx: sheet Relevés, cell B3: this row was made for IN-B-11.02 `participants`, but its indicator now reads `seances`"),
        "{e}"
    );
    assert!(
        e.contains("the code and indicator columns are locked"),
        "{e}"
    );
    assert!(
        e.contains("2 rows of edited.xlsx are refused; nothing was written"),
        "{e}"
    );
    assert_eq!(f.read(ACTION_A), before);
    assert!(!f.path().join(ACTION_B).exists());
    // The same figures on untouched rows go in.
    f.write_bytes("good.xlsx", &filled(&book, &good));
    let out = f.run(&["reading", "import", "good.xlsx"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("2 readings recorded in 1 file"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn the_period_asked_for_is_filled_in_and_offered() {
    let f = sheets();
    let book = template(&f, "q.xlsx", &["--period", "2026-Q3"]);
    let read = workbook::read(&book).unwrap();
    let periods: Vec<String> = read.sheets[0]
        .rows
        .iter()
        .skip(1)
        .filter_map(|r| {
            r.cells.iter().find(|(c, _)| *c == 3).map(|(_, c)| match c {
                Cell::Text(t) => t.clone(),
                other => format!("{other:?}"),
            })
        })
        .collect();
    assert_eq!(periods, vec!["2026-Q3"; 6]);
    // The drop-down's list, kept on the hidden sheet: the quarter and its months.
    let offered: Vec<String> = read.sheets[2]
        .rows
        .iter()
        .filter_map(|r| match r.cells.iter().find(|(c, _)| *c == 5) {
            Some((_, Cell::Text(t))) if t != "offered" => Some(t.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(offered, ["2026-Q3", "2026-07", "2026-08", "2026-09"]);
    let sheet = part(&book, SHEET);
    assert!(
        sheet.contains("<formula1>pan!$F$10:$F$13</formula1>"),
        "the period cells offer that list"
    );
    // Given, it is the only period the list offers; a value typed on such a row goes in
    // for that period.
    let out = f.run(&["reading", "template", "--period", "2026-Q5", "-o", "x.xlsx"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("2026-Q5"), "{}", stderr(&out));
    assert!(!f.path().join("x.xlsx").exists());
    f.write_bytes(
        "q3.xlsx",
        &filled(&book, &[("E3", "40"), ("F3", "Feuille de présence")]),
    );
    let out = f.run(&["reading", "import", "q3.xlsx"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        f.read(ACTION_A)
            .contains("participants,2026-Q3,40,Feuille de présence,,"),
        "{}",
        f.read(ACTION_A)
    );
}

/// The Markdown of `--report`, rendered: its tables' cells, as text.
fn table_cells(markdown: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut cells = Vec::new();
    let mut inside = None::<String>;
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::TableCell) => inside = Some(String::new()),
            Event::End(TagEnd::TableCell) => cells.extend(inside.take()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = inside.as_mut() {
                    c.push_str(&t);
                }
            }
            _ => {}
        }
    }
    cells
}

#[test]
fn the_report_renders_as_markdown_and_names_every_refused_cell() {
    let f = sheets();
    let book = template(&f, "t.xlsx", &[]);
    f.write_bytes(
        "bad.xlsx",
        &filled(
            &book,
            &[
                ("D2", "2025"),
                ("E2", "-3"),
                ("F2", "Registre | *gras*"),
                ("E4", "61,5"),
                ("F4", "Enquête"),
            ],
        ),
    );
    let out = f.run(&["reading", "import", "bad.xlsx", "--report", "check.md"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let md = f.read("check.md");
    let cells = table_cells(&md);
    let at = |place: &str| {
        let i = cells
            .iter()
            .position(|c| c == place)
            .unwrap_or_else(|| panic!("{place} in {cells:?}"));
        cells[i + 1].clone()
    };
    assert!(at("Relevés!E2").contains("negative"), "{cells:?}");
    // The fix of a value has its own column (and its own `hint:` line on the terminal).
    let i = cells.iter().position(|c| c == "Relevés!E2").unwrap();
    assert_eq!(
        cells[i + 2],
        "a count is a whole number of things, 0 or more",
        "{cells:?}"
    );
    assert!(
        stderr(&out).contains("cell E2: seances: `-3` is negative, but a count cannot be\n  hint: a count is a whole number of things, 0 or more\n"),
        "{}",
        stderr(&out)
    );
    assert!(
        at("Relevés!D4").contains("the period is empty"),
        "{cells:?}"
    );
    assert!(md.contains("nothing was written"), "{md}");
    assert!(
        f.read(ACTION_A).lines().count() == 2,
        "nothing recorded: {}",
        f.read(ACTION_A)
    );
    // A clean import's report says what was recorded, the source as typed (a pipe and
    // asterisks from a cell do not break the table).
    f.write_bytes(
        "ok.xlsx",
        &filled(
            &book,
            &[("D2", "2025"), ("E2", "3"), ("F2", "Registre | *gras*")],
        ),
    );
    let out = f.run(&["reading", "import", "ok.xlsx", "--report", "ok.md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let cells = table_cells(&f.read("ok.md"));
    assert!(
        cells.iter().any(|c| c == "Registre | *gras*"),
        "{cells:?}\n{}",
        f.read("ok.md")
    );
}

#[test]
fn the_status_workbook_has_actions_and_readings_filterable() {
    let f = sheets();
    let out = f.run(&["export", "--format", "xlsx", "-o", "plan.xlsx"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let book = std::fs::read(f.path().join("plan.xlsx")).unwrap();
    let read = workbook::read(&book).unwrap();
    let names: Vec<&str> = read.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Actions", "Relevés", "À propos"]);
    // One row per action, one per reading, under a header.
    assert_eq!(read.sheets[0].rows.len(), 3);
    assert_eq!(read.sheets[1].rows.len(), 2);
    for (n, sheet) in [(1, "A1:K3"), (2, "A1:I2")] {
        let xml = part(&book, &format!("xl/worksheets/sheet{n}.xml"));
        assert!(
            xml.contains(&format!("<autoFilter ref=\"{sheet}\"")),
            "{xml}"
        );
        assert!(xml.contains("state=\"frozen\""), "{xml}");
    }
    let text = |row: usize, col: u32| match read.sheets[0].rows[row]
        .cells
        .iter()
        .find(|(c, _)| *c == col)
    {
        Some((_, Cell::Text(t))) => t.clone(),
        other => format!("{other:?}"),
    };
    assert_eq!(text(1, 0), "IN-B-11.02");
    assert_eq!(text(0, 6), "État");
    // In English on request, and never to a terminal-less nowhere: the same sheets.
    let out = f.run(&[
        "export", "--format", "xlsx", "--lang", "en", "-o", "en.xlsx",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let read = workbook::read(&std::fs::read(f.path().join("en.xlsx")).unwrap()).unwrap();
    let names: Vec<&str> = read.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Actions", "Readings", "About"]);
}
