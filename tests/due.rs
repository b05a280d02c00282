//! The reporting cycle at the binary level: `pan due` on the bundled plan agrees with the
//! reporting page, its drafts read back with pan's own reader in both languages, and
//! nothing from the plan can add a header to a draft message.

mod common;

use std::collections::BTreeSet;
use std::io::{Read, Write};

use common::{Fixture, stderr, stdout};
use pan::load::workbook::{self, Cell};

const AS_OF: &str = "2027-03-01";

fn json(out: &std::process::Output) -> serde_json::Value {
    assert!(out.status.success(), "{}", stderr(out));
    serde_json::from_str(&stdout(out)).unwrap()
}

/// The late figures of a `pan due` JSON listing, as (action, indicator).
fn late(v: &serde_json::Value) -> BTreeSet<(String, String)> {
    v["ministries"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|m| m["owed"].as_array().unwrap().iter())
        .filter(|o| o["standing"] == "late")
        .map(|o| {
            (
                o["action"].as_str().unwrap().to_string(),
                o["indicator"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn menej_owes_its_2026_figures_and_the_reporting_page_agrees() {
    let f = Fixture::bundled();
    let v = json(&f.run(&[
        "due",
        "--ministry",
        "menej",
        "--as-of",
        AS_OF,
        "--format",
        "json",
    ]));
    let ministries = v["ministries"].as_array().unwrap();
    assert_eq!(ministries.len(), 1);
    assert_eq!(ministries[0]["ministry"], "MENEJ");
    let owed = ministries[0]["owed"].as_array().unwrap();
    assert!(owed.len() > 50, "{}", owed.len());
    for o in owed {
        if o["every"] == "year" {
            assert_eq!(o["period"], "2026", "{o}");
            assert_eq!(o["due"], "2026-12-31", "{o}");
            assert_eq!(o["standing"], "late", "{o}");
        }
    }
    let menej = late(&v);
    assert_eq!(
        ministries[0]["completeness"]["late"].as_u64().unwrap() as usize,
        owed.iter().filter(|o| o["standing"] == "late").count()
    );

    // The reporting page: every indicator marked overdue is one `pan due` lists as late,
    // and the other way round.
    let all = late(&json(
        &f.run(&["due", "--as-of", AS_OF, "--format", "json"]),
    ));
    assert!(menej.is_subset(&all));
    let out = f.run(&["site", "-o", "_site", "--as-of", AS_OF]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = f.read("_site/en/reporting.html");
    let row = regex::Regex::new(
        r#"href="actions/(IN-[A-F]-\d+\.\d+)\.html#i-([a-z0-9-]+)">[^<]*</a></th>(.*?)</tr>"#,
    )
    .unwrap();
    let overdue: BTreeSet<(String, String)> = row
        .captures_iter(&page)
        .filter(|c| c[3].contains("r-overdue"))
        .map(|c| (c[1].to_string(), c[2].to_string()))
        .collect();
    assert!(!overdue.is_empty());
    assert_eq!(overdue, all, "the reporting page and pan due agree");
    // MENEJ's row of the page's tally counts its indicators overdue: as many as pan due.
    let menej_row = page
        .split("ministries/MENEJ.html\">MENEJ</a></th>")
        .nth(2)
        .expect("the tally per ministry names MENEJ");
    let cells: Vec<&str> = menej_row
        .split("<td class=\"num\"")
        .skip(1)
        .map(|c| c.split_once('>').unwrap().1.split('<').next().unwrap())
        .collect();
    assert_eq!(cells[3], menej.len().to_string(), "{cells:?}");
    // The digest and the status JSON carry the same completeness.
    let status = json(&f.run(&["status", "--as-of", AS_OF, "--format", "json"]));
    assert_eq!(
        status["completeness"]["by_ministry"]["MENEJ"],
        ministries[0]["completeness"]
    );
    let digest = stdout(&f.run(&["digest", "--as-of", AS_OF]));
    assert!(
        digest.contains("## Complétude des relevés attendus"),
        "{digest}"
    );
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

/// The workbook with cells of its readings sheet typed in (inline strings).
fn filled(book: &[u8], cells: &[(&str, &str)]) -> Vec<u8> {
    const SHEET: &str = "xl/worksheets/sheet1.xml";
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (n, bytes) in parts(book) {
        let mut bytes = bytes;
        if n == SHEET {
            let mut xml = String::from_utf8(bytes).unwrap();
            for (at, text) in cells {
                let start = xml.find(&format!("<c r=\"{at}\"")).unwrap();
                let rest = &xml[start..];
                let open_end = rest.find('>').unwrap();
                let end = if rest[..open_end].ends_with('/') {
                    open_end + 1
                } else {
                    rest.find("</c>").unwrap() + 4
                };
                xml = format!(
                    "{}<c r=\"{at}\" t=\"inlineStr\"><is><t>{text}</t></is></c>{}",
                    &xml[..start],
                    &xml[start + end..]
                );
            }
            bytes = xml.into_bytes();
        }
        zip.start_file(n.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(&bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn run_on(f: &Fixture, args: &[&str]) -> std::process::Output {
    f.pan().env("PAN_TODAY", AS_OF).args(args).output().unwrap()
}

#[test]
fn drafts_read_back_and_speak_both_languages() {
    let f = Fixture::bundled();
    let out = run_on(&f, &["due", "--ministry", "MENEJ", "--drafts", "drafts"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("drafts for 1 ministry"),
        "{}",
        stderr(&out)
    );
    let book = std::fs::read(f.path().join("drafts/MENEJ.xlsx")).unwrap();
    let read = workbook::read(&book).unwrap();
    let rows = &read.sheets[0].rows;
    let text = |r: &workbook::Row, col: u32| match r.cells.iter().find(|(c, _)| *c == col) {
        Some((_, Cell::Text(t))) => t.clone(),
        other => format!("{other:?}"),
    };
    let owed = json(&run_on(
        &f,
        &["due", "--ministry", "MENEJ", "--format", "json"],
    ));
    let listed = owed["ministries"][0]["owed"].as_array().unwrap().len();
    assert_eq!(rows.len() - 1, listed, "a row per figure owed");
    assert_eq!(text(&rows[1], 0), "IN-A-2.04");
    assert_eq!(text(&rows[1], 3), "2026", "the period owed is filled in");

    // Filled in and imported with pan's own reader: the figure is received.
    f.write_bytes(
        "back.xlsx",
        &filled(&book, &[("E2", "3"), ("F2", "Rapport annuel")]),
    );
    let out = run_on(&f, &["reading", "import", "back.xlsx"]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let after = json(&run_on(
        &f,
        &["due", "--ministry", "MENEJ", "--format", "json"],
    ));
    let m = &after["ministries"][0];
    assert_eq!(m["owed"].as_array().unwrap().len(), listed - 1);
    assert_eq!(m["completeness"]["received"], 1);

    // The message, in the plan's language and in English.
    let fr = f.read("drafts/MENEJ.txt");
    assert!(fr.starts_with("Plan d'action national d'inclusion numérique 2026-2030 — relevés des indicateurs attendus de Ministère de l'Éducation nationale"), "{fr}");
    assert!(fr.contains("31 mars 2027"), "{fr}");
    assert!(fr.contains("Merci de compléter"), "{fr}");
    assert!(fr.contains("MENEJ.xlsx"), "{fr}");
    assert!(
        fr.contains("à\u{a0}: Ministère de la Digitalisation, coordination"),
        "send_to: {fr}"
    );
    let out = run_on(
        &f,
        &[
            "due",
            "--ministry",
            "MENEJ",
            "--drafts",
            "en",
            "--lang",
            "en",
            "--deadline",
            "2027-04-15",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let en = f.read("en/MENEJ.txt");
    assert!(en.contains("indicator figures due from Ministère"), "{en}");
    assert!(en.contains("Please fill in one row per figure"), "{en}");
    assert!(en.contains("15 April 2027"), "{en}");
    let eml = f.read("en/MENEJ.eml");
    let (headers, body) = eml.split_once("\r\n\r\n").unwrap();
    assert!(headers.contains("Subject: =?UTF-8?B?"), "{headers}");
    assert!(headers.contains("Content-Type: text/plain; charset=UTF-8"));
    assert!(
        !headers.contains("To:") && !headers.contains("From:"),
        "{headers}"
    );
    assert!(body.contains("Please fill in"), "{body}");
    assert!(eml.split("\r\n").all(|l| !l.contains('\n')), "CRLF only");
    // A second run replaces what the first wrote (the folder's manifest).
    let out = run_on(&f, &["due", "--ministry", "MENEJ", "--drafts", "drafts"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn a_draft_message_cannot_gain_a_header() {
    let f = Fixture::new();
    f.write(
        "pan.toml",
        &format!("{}[readings]\nevery = \"year\"\n", common::PAN_TOML),
    );
    // A ministry's name and the plan's title that try to add headers.
    f.edit(
        "plan/actors.yaml",
        "name: Ministère de la Digitalisation",
        "name: \"Digital\\r\\nBcc: victim@example.org\\nX-Injected: 1\"",
    );
    f.edit(
        "pan.toml",
        "title = \"Plan de test\"",
        "title = \"Plan\\r\\nReply-To: evil@example.org\"",
    );
    let out = run_on(&f, &["due", "--drafts", "out", "--lang", "en"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let eml = f.read("out/MinDigital.eml");
    let (headers, _) = eml.split_once("\r\n\r\n").unwrap();
    for line in headers.split("\r\n") {
        assert!(
            [
                "MIME-Version:",
                "Date:",
                "Subject:",
                " =?UTF-8?B?",
                "X-Unsent:",
                "Content-"
            ]
            .iter()
            .any(|h| line.starts_with(h)),
            "a header pan did not write: {line:?}\n{headers}"
        );
    }
    let txt = f.read("out/MinDigital.txt");
    let subject = txt.lines().next().unwrap();
    assert!(subject.contains("PlanReply-To"), "{subject}");
    assert!(!subject.contains('\r'));
    // The output folder is never the repository or a folder pan reads.
    for dir in [".", "plan", "indicators", "plan/B"] {
        let out = f.run(&["due", "--drafts", dir]);
        assert_eq!(out.status.code(), Some(2), "{dir}: {}", stderr(&out));
    }
    assert!(!f.path().join("plan/MinDigital.eml").exists());
}

#[test]
fn every_frequency_grace_and_once_on_the_command_line() {
    let f = Fixture::new();
    f.write(
        "pan.toml",
        &format!(
            "{}[readings]\nevery = \"quarter\"\ngrace_days = 15\ndue_within_days = 0\n",
            common::PAN_TOML
        ),
    );
    // `participants` is a deliverable-like `once`: due when the calendar ends (2026).
    f.edit(
        common::ACTION_PATH,
        "  - id: participants\n    label: Nombre de participants\n    kind: count\n",
        "  - id: participants\n    label: Nombre de participants\n    kind: count\n    every: once\n",
    );
    let v = json(&f.run(&["due", "--as-of", "2027-01-20", "--format", "json"]));
    let owed: Vec<(String, String, String)> = v["ministries"][0]["owed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["indicator"].as_str().unwrap().to_string(),
                o["period"].as_str().unwrap().to_string(),
                o["due"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want = |i: &str, p: &str, d: &str| (i.to_string(), p.to_string(), d.to_string());
    assert_eq!(
        owed,
        vec![
            want("seances", "2026-Q1", "2026-04-15"),
            want("seances", "2026-Q2", "2026-07-15"),
            want("seances", "2026-Q3", "2026-10-15"),
            want("seances", "2026-Q4", "2027-01-15"),
            want("participants", "2026", "2027-01-15"),
        ]
    );
    // An unknown frequency is an error naming the file, the line and the accepted words.
    f.edit(common::ACTION_PATH, "every: once", "every: yearly");
    let out = f.run(&["validate"]);
    assert_eq!(out.status.code(), Some(1));
    let e = stdout(&out) + &stderr(&out);
    assert!(e.contains("plan/B/IN-B-11.02.yaml:15:12"), "{e}");
    assert!(
        e.contains("F008") && e.contains("year, half-year, quarter, month, once"),
        "{e}"
    );
}
