//! Every surface safe by construction, tried as an attacker would, on the real binary:
//! output folders, imports that would make files pan cannot read, unbounded messages,
//! workbooks built to exhaust memory or time, open-file limits, CSV read in another
//! locale, text XML cannot hold, hidden cells, values that must stay as recorded, inputs
//! that made commands quadratic, and the smaller ones. THREATS.md names these tests.

mod common;

use std::path::Path;
use std::process::Output;
use std::time::Duration;

use common::{Fixture, stderr, stdout};

const AS_OF: &str = "2026-11-23";

/// Run `pan` with a time limit; it must end by itself, without a panic.
#[track_caller]
fn run(f: &Fixture, args: &[&str]) -> Output {
    let out = f
        .pan()
        .args(args)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(
        !stderr(&out).contains("panicked"),
        "pan panicked: {}",
        stderr(&out)
    );
    assert!(out.status.code().is_some(), "pan was killed");
    out
}

/// Every path under `dir`, relative, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(|e| {
            e.unwrap()
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    v.sort();
    v
}

// ---------------------------------------------------------------------------------------
// Output folders

#[test]
fn an_output_folder_is_never_the_repository_or_a_folder_pan_reads() {
    let f = Fixture::new();
    std::fs::create_dir(f.path().join(".git")).unwrap();
    f.write(".git/HEAD", "ref: refs/heads/main\n");
    // A marker or a manifest anyone can commit is no proof of anything.
    f.write(".pan-site", "");
    f.write(".pan-manifest", "pan manifest 1\nkind site\n");
    let before = listing(f.path());
    let sub = f.path().join("plan/B");
    for (dir, args) in [
        (f.path(), vec!["site", "-o", "."]),
        (f.path(), vec!["site", "-o", ".."]),
        (f.path(), vec!["site", "-o", "plan"]),
        (f.path(), vec!["site", "-o", "indicators/B"]),
        (
            f.path(),
            vec!["export", "--format", "datapackage", "-o", "."],
        ),
        (
            f.path(),
            vec!["export", "--format", "datapackage", "-o", "indicators/A"],
        ),
        (sub.as_path(), vec!["site", "-o", "../.."]),
    ] {
        let out = f
            .pan()
            .current_dir(dir)
            .args(&args)
            .args(["--as-of", AS_OF])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("repository") || stderr(&out).contains("reads the plan"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    assert_eq!(
        listing(f.path()),
        before,
        "nothing written, nothing removed"
    );
}

#[test]
fn an_output_folder_replaces_only_what_pan_wrote() {
    let f = Fixture::new();
    // A user's folder with their own readings.csv.
    f.write("opendata/readings.csv", "mine\n");
    let export = |dir: &str| run(&f, &["export", "--format", "datapackage", "-o", dir]);
    let out = export("opendata");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("did not build"), "{}", stderr(&out));
    assert_eq!(f.read("opendata/readings.csv"), "mine\n");
    // Built, rebuilt: its own files are replaced.
    assert!(export("package").status.success());
    let listed = f.read("package/.pan-manifest");
    assert!(listed.contains("kind data package"), "{listed}");
    assert!(listed.contains(" readings.csv\n"), "{listed}");
    assert!(export("package").status.success());
    // A file added or changed since is never removed: the build is refused and names it.
    f.write("package/notes.md", "mine");
    let out = export("package");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("notes.md"), "{}", stderr(&out));
    f.remove("package/notes.md");
    f.write("package/readings.csv", "edited by hand\n");
    let out = export("package");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("readings.csv"), "{}", stderr(&out));
    assert_eq!(f.read("package/readings.csv"), "edited by hand\n");
    // A site is not written over a data package.
    f.remove("package/readings.csv");
    let out = run(&f, &["site", "-o", "package", "--as-of", AS_OF]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("data package"), "{}", stderr(&out));
}

#[test]
fn a_killed_build_is_cleaned_up_by_the_next() {
    let f = Fixture::new();
    // What a build killed halfway leaves beside its destination: its hidden folder, with
    // the lock it held (free now) and half a site.
    f.write(".pan-AbC123.tmp/build.lock", "");
    f.write(".pan-AbC123.tmp/new/fr/index.html", "half");
    // A folder of the same shape that no build made (no lock) is not pan's to remove.
    f.write(".pan-mine.tmp/notes.txt", "mine");
    let out = run(&f, &["site", "-o", "_site", "--as-of", AS_OF]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!f.path().join(".pan-AbC123.tmp").exists());
    assert_eq!(f.read(".pan-mine.tmp/notes.txt"), "mine");
}

#[cfg(unix)]
#[test]
fn init_never_writes_through_a_link_into_a_plan_or_over_a_file() {
    let f = Fixture::new();
    let outside = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(outside.path(), f.path().join("linkdir")).unwrap();
    let out = run(&f, &["init", "linkdir/sub"]);
    assert_ne!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("symbolic link"), "{}", stderr(&out));
    assert!(
        listing(outside.path()).is_empty(),
        "nothing written through the link"
    );
    // Inside the plan's folders of the repository around it, or into a plan repository.
    // A destination pan does not write to is a usage error (2), as for site and export.
    for dir in ["plan/new", "indicators/new", "."] {
        let out = run(&f, &["init", dir, "--force"]);
        assert_eq!(out.status.code(), Some(2), "{dir}: {}", stderr(&out));
        assert!(!f.path().join(dir).join("pan.toml").exists() || dir == ".");
    }
    assert_eq!(f.read("pan.toml"), common::PAN_TOML);
    // --force writes beside a folder's files, never over one.
    f.write("other/README.md", "mine");
    let out = run(&f, &["init", "other", "--force"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("README.md"), "{}", stderr(&out));
    assert_eq!(listing(&f.path().join("other")), ["README.md"]);
}

#[test]
fn the_plan_and_indicators_folders_are_apart() {
    let f = Fixture::new();
    for paths in [
        "indicators = \"plan\"",
        "indicators = \"PLAN\"",
        "indicators = \"plan/readings\"",
        "plan = \".\"",
    ] {
        f.write(
            "pan.toml",
            &format!("{}[paths]\n{paths}\n", common::PAN_TOML),
        );
        let out = run(&f, &["validate"]);
        assert_eq!(out.status.code(), Some(2), "{paths}: {}", stdout(&out));
        assert!(stderr(&out).contains("[paths]"), "{}", stderr(&out));
    }
}

// ---------------------------------------------------------------------------------------
// Open-file limits

/// A plan table of `n` actions, for `pan init --from`.
fn plan_table(n: usize) -> String {
    let mut t = String::from("code,objective,action,responsible,partners,indicators,calendar\n");
    for i in 0..n {
        let lever = ["A", "B", "C", "D", "E", "F"][i % 6];
        let objective = (i / 6) / 50 + 1;
        let number = (i / 6) % 50 + 1;
        t.push_str(&format!(
            "IN-{lever}-{objective}.{number:02},{lever}-{objective} Objectif,Agir.,MinDigital,,Nombre de participants,2026\n"
        ));
    }
    t
}

/// Run `pan` in `dir` with at most `files` open files (`ulimit -n`).
#[cfg(unix)]
fn run_with_open_files(dir: &Path, files: u32, args: &[&str]) -> Output {
    let pan = assert_cmd::cargo::cargo_bin("pan");
    let out = assert_cmd::Command::new("sh")
        .current_dir(dir)
        .env("PAN_TODAY", common::TODAY)
        .env("NO_COLOR", "1")
        .arg("-c")
        .arg(format!("ulimit -n {files} && exec \"$0\" \"$@\""))
        .arg(&pan)
        .args(args)
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    out
}

#[cfg(unix)]
#[test]
fn writes_of_many_files_fit_the_usual_open_file_limits() {
    let tmp = tempfile::tempdir().unwrap();
    // 1,100 actions: more files than the 256 files macOS lets a process open by default
    // (and than Linux's 1,024).
    std::fs::write(tmp.path().join("plan.csv"), plan_table(1_100)).unwrap();
    let out = run_with_open_files(
        tmp.path(),
        256,
        &["init", "p", "--from", "plan.csv", "--start", "2026"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let repo = tmp.path().join("p");
    assert_eq!(
        std::fs::read_dir(repo.join("plan/A")).unwrap().count(),
        184,
        "every action file written"
    );
    // An import that changes 1,100 readings files at once, all or nothing.
    let mut rows = String::from("code,indicator,period,value,source\n");
    for line in plan_table(1_100).lines().skip(1) {
        let code = line.split(',').next().unwrap();
        rows.push_str(&format!("{code},nombre-de-participants,2025,12,Rapport\n"));
    }
    std::fs::write(repo.join("figures.csv"), rows).unwrap();
    let out = run_with_open_files(&repo, 256, &["reading", "import", "figures.csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let written = walkdir::WalkDir::new(repo.join("indicators"))
        .into_iter()
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "csv"))
        })
        .count();
    assert_eq!(written, 1_100);
    let leftovers: Vec<String> = listing(&repo)
        .into_iter()
        .filter(|p| p.contains(".pan-") && !p.ends_with(".pan.lock"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

// ---------------------------------------------------------------------------------------
// Workbooks: what pan writes it can read; readers bounded; hidden content

/// A zip archive of parts (the first one stored, as an `.ods`'s media type must be).
fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (i, (name, data)) in parts.iter().enumerate() {
        let method = if i == 0 {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(method)
            .large_file(data.len() > 1 << 30);
        zip.start_file(*name, options).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

const SML: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// An `.xlsx` of `sheets` ((tab entry attributes, sheet XML)), with shared strings.
fn xlsx(sheets: &[(&str, String)], shared: &str) -> Vec<u8> {
    let parts = xlsx_parts(sheets, shared);
    let refs: Vec<(&str, &[u8])> = parts
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_slice()))
        .collect();
    zip_of(&refs)
}

/// The parts of [`xlsx`].
fn xlsx_parts(sheets: &[(&str, String)], shared: &str) -> Vec<(String, Vec<u8>)> {
    let mut entries = String::new();
    let mut rels =
        format!(r#"<Relationship Id="rS" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>"#);
    let mut parts: Vec<(String, Vec<u8>)> = vec![
        (
            "[Content_Types].xml".into(),
            br#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#
                .to_vec(),
        ),
        (
            "_rels/.rels".into(),
            format!(r#"<Relationships xmlns="{PKG}"><Relationship Id="r" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#).into_bytes(),
        ),
    ];
    for (i, (attrs, xml)) in sheets.iter().enumerate() {
        entries.push_str(&format!(r#"<sheet {attrs} sheetId="{i}" r:id="r{i}"/>"#));
        rels.push_str(&format!(
            r#"<Relationship Id="r{i}" Type="{REL}/worksheet" Target="worksheets/s{i}.xml"/>"#
        ));
        parts.push((format!("xl/worksheets/s{i}.xml"), xml.clone().into_bytes()));
    }
    parts.push((
        "xl/workbook.xml".into(),
        format!(r#"<workbook xmlns="{SML}" xmlns:r="{REL}"><sheets>{entries}</sheets></workbook>"#)
            .into_bytes(),
    ));
    parts.push((
        "xl/_rels/workbook.xml.rels".into(),
        format!(r#"<Relationships xmlns="{PKG}">{rels}</Relationships>"#).into_bytes(),
    ));
    parts.push((
        "xl/sharedStrings.xml".into(),
        format!(r#"<sst xmlns="{SML}">{shared}</sst>"#).into_bytes(),
    ));
    parts
}

/// A sheet of inline-string rows (row number, cells), `extra` after its data.
fn sheet_xml(rows: &[(u32, &str, Vec<&str>)], extra: &str) -> String {
    let mut data = String::new();
    for (n, attrs, cells) in rows {
        data.push_str(&format!(r#"<row r="{n}" {attrs}>"#));
        for (c, v) in cells.iter().enumerate() {
            let col = (b'A' + c as u8) as char;
            data.push_str(&format!(
                r#"<c r="{col}{n}" t="inlineStr"><is><t>{v}</t></is></c>"#
            ));
        }
        data.push_str("</row>");
    }
    format!(r#"<worksheet xmlns="{SML}"><sheetData>{data}</sheetData>{extra}</worksheet>"#)
}

const HEAD: [&str; 6] = ["code", "indicator", "period", "value", "source", "note"];

fn reading_row(n: u32, note: &str) -> (u32, &'static str, Vec<&str>) {
    let note: &'static str = Box::leak(note.to_string().into_boxed_str());
    (
        n,
        "",
        vec!["IN-B-11.02", "participants", "2025", "40", "Rapport", note],
    )
}

/// Import `bytes` as `name`: refused (exit 1), nothing written; the message returned.
#[track_caller]
fn refused_import(f: &Fixture, name: &str, bytes: &[u8]) -> String {
    let before = f.read(common::READINGS_PATH);
    f.write_bytes(name, bytes);
    let out = run(f, &["reading", "import", name]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(f.read(common::READINGS_PATH), before, "nothing written");
    stderr(&out)
}

#[test]
fn an_import_never_makes_a_file_pan_cannot_read() {
    let f = Fixture::new();
    let long = "x".repeat(1_200_000);
    // A shared text of more than 1 MiB in a small .xlsx.
    let book = xlsx(
        &[(
            r#"name="Relevés""#,
            sheet_xml(&[(1, "", HEAD.to_vec())], "").replace(
                "</sheetData>",
                r#"<row r="2"><c r="A2" t="inlineStr"><is><t>IN-B-11.02</t></is></c><c r="B2" t="inlineStr"><is><t>participants</t></is></c><c r="C2" t="inlineStr"><is><t>2025</t></is></c><c r="D2"><v>40</v></c><c r="E2" t="inlineStr"><is><t>R</t></is></c><c r="F2" t="s"><v>0</v></c></row></sheetData>"#,
            ),
        )],
        &format!("<si><t>{long}</t></si>"),
    );
    assert!(book.len() < 50_000, "{}", book.len());
    let e = refused_import(&f, "notes.xlsx", &book);
    assert!(e.contains("1 MiB"), "{e}");
    // The same in an .ods office:string-value.
    let content = format!(
        r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="S"><table:table-row><table:table-cell office:value-type="string" office:string-value="note" /></table:table-row><table:table-row><table:table-cell office:value-type="string" office:string-value="{long}"/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let ods = zip_of(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("content.xml", content.as_bytes()),
    ]);
    let e = refused_import(&f, "notes.ods", &ods);
    assert!(e.contains("1 MiB"), "{e}");
    // A CSV note of more than 1 MiB: refused with its line, not recorded.
    let csv = format!(
        "code,indicator,period,value,source,note\nIN-B-11.02,participants,2025,40,Rapport,{long}\n"
    );
    let e = refused_import(&f, "notes.csv", csv.as_bytes());
    assert!(e.contains("notes.csv:2:") && e.contains("1 MiB"), "{e}");
    // Every command still reads the plan.
    assert!(run(&f, &["validate"]).status.success());
}

#[test]
fn workbook_readers_are_bounded_in_memory_and_time() {
    let f = Fixture::new();
    // Three million empty shared texts (15 MB unpacked, a few kilobytes packed): more
    // than the cells a workbook may have.
    let book = xlsx(
        &[(r#"name="S""#, sheet_xml(&[(1, "", HEAD.to_vec())], ""))],
        &"<si/>".repeat(3_000_000),
    );
    let e = refused_import(&f, "strings.xlsx", &book);
    assert!(e.contains("shared texts are more than 2000000"), "{e}");
    // Thousands of sheet entries naming one part: the part is read once, then refused.
    let mut book_xml = String::new();
    for i in 0..5_000 {
        book_xml.push_str(&format!(r#"<sheet name="S{i}" sheetId="{i}" r:id="r0"/>"#));
    }
    let mut parts = xlsx_parts(
        &[(r#"name="S""#, sheet_xml(&[(1, "", HEAD.to_vec())], ""))],
        "",
    );
    for (name, data) in &mut parts {
        if name == "xl/workbook.xml" {
            *data = format!(
                r#"<workbook xmlns="{SML}" xmlns:r="{REL}"><sheets>{book_xml}</sheets></workbook>"#
            )
            .into_bytes();
        }
    }
    let refs: Vec<(&str, &[u8])> = parts
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_slice()))
        .collect();
    let e = refused_import(&f, "sheets.xlsx", &zip_of(&refs));
    assert!(e.contains("which another sheet names too"), "{e}");
    // One long text is never held whole: refused as it is read (the reader stops after
    // 8 MiB, whether the text is 20 MiB or 500).
    let huge = format!(
        r#"<worksheet xmlns="{SML}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>{}</t></is></c></row></sheetData></worksheet>"#,
        "y".repeat(20 << 20)
    );
    let e = refused_import(&f, "huge.xlsx", &xlsx(&[(r#"name="S""#, huge)], ""));
    assert!(e.contains("longer than 8 MiB"), "{e}");
}

#[test]
fn hidden_content_is_never_imported_unseen() {
    let f = Fixture::new();
    let visible = || sheet_xml(&[(1, "", HEAD.to_vec())], "");
    // Readings on a very hidden sheet.
    let hidden = sheet_xml(&[(1, "", HEAD.to_vec()), reading_row(2, "")], "");
    let book = xlsx(
        &[
            (r#"name="Relevés""#, visible()),
            (r#"name="Secret" state="veryHidden""#, hidden),
        ],
        "",
    );
    let e = refused_import(&f, "hidden-sheet.xlsx", &book);
    assert!(e.contains("sheet Secret") && e.contains("is hidden"), "{e}");
    // In a hidden row.
    let rows = sheet_xml(
        &[
            (1, "", HEAD.to_vec()),
            (2, r#"hidden="1""#, reading_row(2, "").2),
        ],
        "",
    );
    let e = refused_import(&f, "hidden-row.xlsx", &xlsx(&[(r#"name="R""#, rows)], ""));
    assert!(e.contains("row 2") && e.contains("row is hidden"), "{e}");
    // Under a merged cell.
    let rows = sheet_xml(
        &[(1, "", HEAD.to_vec()), reading_row(2, "hidden note")],
        r#"<mergeCells count="1"><mergeCell ref="E2:F2"/></mergeCells>"#,
    );
    let e = refused_import(&f, "merged.xlsx", &xlsx(&[(r#"name="M""#, rows)], ""));
    assert!(e.contains("cell F2") && e.contains("merged"), "{e}");
    // An .ods cell covered by a merged one, holding text.
    let content = r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="S"><table:table-row><table:table-cell><text:p>code</text:p></table:table-cell><table:table-cell><text:p>indicator</text:p></table:table-cell><table:table-cell><text:p>period</text:p></table:table-cell><table:table-cell><text:p>value</text:p></table:table-cell><table:table-cell><text:p>source</text:p></table:table-cell><table:table-cell><text:p>note</text:p></table:table-cell></table:table-row><table:table-row><table:table-cell><text:p>IN-B-11.02</text:p></table:table-cell><table:table-cell><text:p>participants</text:p></table:table-cell><table:table-cell><text:p>2025</text:p></table:table-cell><table:table-cell><text:p>40</text:p></table:table-cell><table:table-cell table:number-columns-spanned="2"><text:p>Rapport</text:p></table:table-cell><table:covered-table-cell><text:p>hidden</text:p></table:covered-table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    let ods = zip_of(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("content.xml", content.as_bytes()),
    ]);
    let e = refused_import(&f, "covered.ods", &ods);
    assert!(e.contains("cell F2") && e.contains("merged"), "{e}");
}

// ---------------------------------------------------------------------------------------
// Messages

#[test]
fn every_message_and_hint_is_bounded() {
    let f = Fixture::new();
    // A dimension of 33,000 values, and 1,000 readings with a value outside it.
    let values: Vec<String> = (0..33_000)
        .map(|i| format!("{{id: c{i}, label: C}}"))
        .collect();
    let dims = format!(
        "dimensions:\n  - id: commune\n    label: Commune\n    values: [{}]\n",
        values.join(", ")
    );
    f.write("plan/dimensions.yaml", &dims);
    f.edit(
        common::ACTION_PATH,
        "    label: Nombre de participants\n    kind: count\n",
        "    label: Nombre de participants\n    kind: count\n    breakdowns: [commune]\n",
    );
    let mut csv = String::from("indicator,period,value,source,note,recorded,replaces,commune\n");
    for i in 0..1_000 {
        csv.push_str(&format!(
            "participants,2025,{i},Rapport,,2026-01-15,,nowhere-{i}\n"
        ));
    }
    // And an unknown indicator (R002) of a kilobyte, quoted cut short.
    csv.push_str(&format!(
        "{},2025,1,Rapport,,2026-01-15,,\n",
        "i".repeat(1_000)
    ));
    f.write(common::READINGS_PATH, &csv);
    let out = run(&f, &["validate"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let start: String = text.chars().take(3000).collect();
    assert!(text.contains("R014") && text.contains("R002"), "{start}");
    assert!(text.contains("(33000 in all)"), "{start}");
    assert!(
        text.len() < 1_000_000,
        "{} bytes for 1,001 problems",
        text.len()
    );
    assert!(
        text.lines().all(|l| l.chars().count() < 2_200),
        "a line is too long"
    );
    // An import of 1,000 refused rows prints a hundred of them and counts the rest.
    f.write(common::READINGS_PATH, common::READINGS);
    let mut rows = String::from("code,indicator,period,value,source,commune\n");
    for i in 0..1_000 {
        rows.push_str(&format!(
            "IN-B-11.02,participants,2025,{i},Rapport,{}{i}\n",
            "z".repeat(2_000)
        ));
    }
    f.write("bad.csv", &rows);
    let out = run(&f, &["reading", "import", "bad.csv"]);
    assert_eq!(out.status.code(), Some(1));
    let e = stderr(&out);
    let start: String = e.chars().take(3000).collect();
    assert!(e.contains("… and 900 more refused row(s)"), "{start}");
    assert!(e.len() < 200_000, "{} bytes on stderr", e.len());
}

// ---------------------------------------------------------------------------------------
// CSV in either locale

#[test]
fn csv_outputs_never_run_a_formula_in_either_locale() {
    // Whichever separator the file uses, a spreadsheet may split it by the other one.
    let f = Fixture::new();
    f.write(
        common::READINGS_PATH,
        "indicator,period,value,source,note,recorded,replaces\nseances,2024,11,Rapport;=2+3;,\"Bilan, =HYPERLINK(\"\"x\"\")\",2026-01-15,\n",
    );
    f.edit(
        common::ACTION_PATH,
        "label: Nombre de participants",
        "label: \"Nombre de participants; +A1\"",
    );
    assert!(run(&f, &["validate"]).status.success());
    let risky = |text: &str, what: &str| {
        // A cell holding either separator is quoted, whichever the file uses: a
        // spreadsheet of the other locale does not split it either.
        if text.contains("Rapport;") {
            assert!(
                text.contains("\"Rapport;'=2+3;\""),
                "{what}: not quoted in\n{text}"
            );
        }
        for sep in [",", ";", "\t"] {
            for prefix in ["=", "+", "@"] {
                for spaces in ["", " "] {
                    let live = format!("{sep}{spaces}{prefix}");
                    assert!(!text.contains(&live), "{what}: `{live}` in\n{text}");
                }
            }
        }
    };
    let out = run(&f, &["reading", "list", "--format", "csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Rapport;'=2+3;"), "{}", stdout(&out));
    risky(&stdout(&out), "reading list");
    assert!(
        run(&f, &["export", "--format", "datapackage", "-o", "pkg"])
            .status
            .success()
    );
    risky(&f.read("pkg/readings.csv"), "data package");
    assert!(
        run(&f, &["site", "-o", "_site", "--as-of", AS_OF])
            .status
            .success()
    );
    risky(&f.read("_site/downloads/readings.csv"), "site download");
    for excel in [false, true] {
        let mut args = vec!["reading", "template"];
        if excel {
            args.push("--excel");
        }
        let out = run(&f, &args);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            stdout(&out).contains("\"Nombre de participants; '+A1\""),
            "{}",
            stdout(&out)
        );
        risky(&stdout(&out), "template");
    }
}

// ---------------------------------------------------------------------------------------
// Text XML cannot hold

/// Every part of a zip archive, as bytes.
fn parts_of(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut p = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            std::io::Read::read_to_end(&mut p, &mut data).unwrap();
            (p.name().unwrap().to_string(), data)
        })
        .collect()
}

#[test]
fn text_xml_cannot_hold_is_made_visible_in_workbooks() {
    let f = Fixture::new();
    // YAML escapes: the file is plain text, the label holds U+FFFE, U+0001 and U+FDD0.
    f.edit(
        common::ACTION_PATH,
        "label: Nombre de participants",
        "label: \"Nombre\\uFFFE de\\x01 participants\\uFDD0\"",
    );
    f.write(
        common::READINGS_PATH,
        "indicator,period,value,source,note,recorded,replaces\nseances,2024,11,Rapport\u{1},\"note\u{7}\",2026-01-15,\n",
    );
    for (args, file) in [
        (vec!["reading", "template", "-o", "t.xlsx"], "t.xlsx"),
        (vec!["reading", "template", "-o", "t.ods"], "t.ods"),
        (vec!["export", "--format", "xlsx", "-o", "s.xlsx"], "s.xlsx"),
    ] {
        let out = run(&f, &args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        let bytes = std::fs::read(f.path().join(file)).unwrap();
        for (name, data) in parts_of(&bytes) {
            let text = String::from_utf8(data).unwrap_or_default();
            let bad: Vec<char> = text
                .chars()
                .filter(|c| {
                    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
                        || matches!(*c as u32, 0xFFFE | 0xFFFF | 0xFDD0..=0xFDEF)
                })
                .collect();
            assert!(bad.is_empty(), "{file} {name}: {bad:?}");
        }
    }
    let text = String::from_utf8_lossy(
        &parts_of(&std::fs::read(f.path().join("t.ods")).unwrap())
            .into_iter()
            .find(|(n, _)| n == "content.xml")
            .unwrap()
            .1,
    )
    .into_owned();
    assert!(
        text.contains("Nombre\\u{fffe} de\\u{1} participants"),
        "the text is kept, made visible"
    );
    // And pan reads its own templates back.
    for file in ["t.xlsx", "t.ods"] {
        let out = run(&f, &["reading", "import", file, "--dry-run"]);
        assert!(out.status.success(), "{file}: {}", stderr(&out));
    }
}

// ---------------------------------------------------------------------------------------
// Values as recorded

#[test]
fn values_are_shown_as_recorded_or_refused() {
    let f = Fixture::new();
    // A value past what pan keeps exactly is refused, by validate and by reading add.
    f.write(
        common::READINGS_PATH,
        "indicator,period,value,source,note,recorded,replaces\nparticipants,2024,9007199254740993,Rapport,,2026-01-15,\n",
    );
    let out = run(&f, &["validate"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("R003") && stdout(&out).contains("15 significant digits"),
        "{}",
        stdout(&out)
    );
    f.write(common::READINGS_PATH, common::READINGS);
    let out = run(
        &f,
        &[
            "reading",
            "add",
            "IN-B-11.02",
            "participants",
            "9007199254740993",
            "--period",
            "2024",
            "--source",
            "S",
        ],
    );
    assert_ne!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains("15 significant digits"),
        "{}",
        stderr(&out)
    );
    // A flow's total is added exactly (0.1 + 0.2 is 0.3), and never infinite.
    f.edit(
        common::ACTION_PATH,
        "label: Nombre de participants\n    kind: count",
        "label: Heures de formation\n    kind: number\n    measure: flow",
    );
    f.write(
        common::READINGS_PATH,
        "indicator,period,value,source,note,recorded,replaces\nparticipants,2024,0.1,R,,2026-01-15,\nparticipants,2025,0.2,R,,2026-01-15,\n",
    );
    let out = run(&f, &["report", "--as-of", AS_OF]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("2025 : 0,3 |") || stdout(&out).contains("2025\u{a0}: 0,3 |"),
        "{}",
        stdout(&out)
    );
    assert!(!stdout(&out).contains("0000000000"), "{}", stdout(&out));
    f.write(
        common::READINGS_PATH,
        "indicator,period,value,source,note,recorded,replaces\nparticipants,2024,1e308,R,,2026-01-15,\nparticipants,2025,1e308,R,,2026-01-15,\n",
    );
    for args in [
        vec!["show", "IN-B-11.02", "--as-of", AS_OF],
        vec!["report", "--as-of", AS_OF],
        vec!["export", "--format", "json"],
    ] {
        let out = run(&f, &args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        let text = stdout(&out).to_lowercase();
        assert!(!text.contains("inf"), "{args:?}: {text}");
    }
}

// ---------------------------------------------------------------------------------------
// Linear where it was quadratic (the times are measured by `benches/run --cases`)

#[test]
fn many_allowances_are_matched_and_located_one_by_one() {
    let f = Fixture::new();
    let mut toml = format!("{}[validate]\nallow = [\n", common::PAN_TOML);
    for i in 0..5_000 {
        toml.push_str(&format!(
            "  {{ rule = \"P005\", action = \"IN-Z-{}.{:02}\", reason = \"r\" }},\n",
            i / 99 + 1,
            i % 99 + 1
        ));
    }
    // The last one accepts a real problem: the action has no responsible actor.
    toml.push_str(
        "  { rule = \"no-responsible\", action = \"IN-B-11.02\", reason = \"as published\" },\n]\n",
    );
    f.write("pan.toml", &toml);
    f.edit(
        common::ACTION_PATH,
        "responsible:\n  - MinDigital\n",
        "responsible: []\n",
    );
    let (code, diags) = f.validate(&[]);
    assert_eq!(code, 0, "{diags:?}");
    let unused: Vec<&(String, String, u64)> = diags.iter().filter(|d| d.0 == "F014").collect();
    assert_eq!(unused.len(), 5_000);
    // Each entry located on its own line of pan.toml.
    assert_eq!(unused[0].2, 7);
    assert_eq!(unused[4_999].2, 5_006);
    // Accepted knowingly: reported, and the check passes (exit 0 above).
    assert!(diags.iter().any(|d| d.0 == "P005"), "{diags:?}");
}

#[test]
fn a_pivot_of_many_readings_keeps_each_cell_once() {
    let f = Fixture::new();
    f.write(
        "plan/dimensions.yaml",
        "dimensions:\n  - id: age\n    label: Âge\n    values:\n      - {id: jeunes, label: Jeunes}\n      - {id: seniors, label: Seniors}\n",
    );
    f.edit(
        common::ACTION_PATH,
        "    label: Nombre de participants\n    kind: count\n",
        "    label: Nombre de participants\n    kind: count\n    breakdowns: [age]\n",
    );
    let mut csv = String::from("indicator,period,value,source,note,recorded,replaces,age\n");
    let days = 20_000;
    let start = jiff::civil::date(1970, 1, 1);
    for d in 0..days {
        let day = start.checked_add(jiff::Span::new().days(d)).unwrap();
        csv.push_str(&format!("participants,{day},10,R,,2026-01-15,,\n"));
        csv.push_str(&format!("participants,{day},4,R,,2026-01-15,,jeunes\n"));
        csv.push_str(&format!("participants,{day},6,R,,2026-01-15,,seniors\n"));
    }
    // A correction of the last cell.
    let last = start.checked_add(jiff::Span::new().days(days - 1)).unwrap();
    csv.push_str(&format!("participants,{last},5,R,,2026-01-16,4,jeunes\n"));
    f.write(common::READINGS_PATH, &csv);
    let out = run(
        &f,
        &[
            "reading",
            "list",
            "IN-B-11.02",
            "--by",
            "age",
            "--format",
            "csv",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(
        text.lines().count(),
        1 + days as usize,
        "one row per period"
    );
    let tail = text.lines().last().unwrap();
    assert!(tail.ends_with(",10,5,6"), "{tail}");
}

// ---------------------------------------------------------------------------------------
// The smaller ones

#[test]
fn names_that_cannot_be_files_everywhere_are_refused() {
    let f = Fixture::new();
    f.edit(
        "plan/actors.yaml",
        "  - acronym: MENEJ\n",
        &format!(
            "  - acronym: CON\n    name: Console\n    kind: ministry\n    ministry: CON\n  - acronym: menej\n    name: Doublon\n    kind: ministry\n    ministry: menej\n  - acronym: {}\n    name: Long\n    kind: ministry\n    ministry: {}\n  - acronym: MENEJ\n",
            "L".repeat(250),
            "L".repeat(250)
        ),
    );
    let out = run(&f, &["validate"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("`CON` is a name Windows keeps for a device"),
        "{text}"
    );
    assert!(
        text.contains("`MENEJ` differs from `menej` only by case"),
        "{text}"
    );
    assert!(text.contains("file names hold at most 200"), "{text}");
}

#[test]
fn a_readings_line_ending_follows_the_file_not_a_note() {
    let f = Fixture::new();
    // An LF file whose note holds a CR LF inside its quotes.
    f.write(
        common::READINGS_PATH,
        "indicator,period,value,source,note,recorded,replaces\nseances,2024,11,Rapport,\"une\r\ndeux\",2026-01-15,\n",
    );
    let out = run(
        &f,
        &[
            "reading",
            "add",
            "IN-B-11.02",
            "participants",
            "40",
            "--period",
            "2025",
            "--source",
            "S",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = f.read(common::READINGS_PATH);
    assert!(text.ends_with("2026-11-30,\n"), "{text:?}");
    assert_eq!(text.matches("\r\n").count(), 1, "only the note's: {text:?}");
}

#[test]
fn an_svg_logo_that_runs_scripts_is_not_copied() {
    let f = Fixture::new();
    f.write(
        "site/logo.svg",
        r#"<svg xmlns="http://www.w3.org/2000/svg" onload="fetch('//x')"><rect width="1" height="1"/></svg>"#,
    );
    f.write(
        "pan.toml",
        &format!("{}[site]\nlogo = \"site/logo.svg\"\n", common::PAN_TOML),
    );
    let out = run(&f, &["site", "-o", "_site", "--as-of", AS_OF]);
    assert_ne!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("event handler"), "{}", stderr(&out));
    assert!(!f.path().join("_site").exists());
    f.write(
        "site/logo.svg",
        r#"<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>"#,
    );
    let out = run(&f, &["site", "-o", "_site", "--as-of", AS_OF]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn a_small_workbook_never_floods_the_terminal() {
    let f = Fixture::new();
    // A few kilobytes: one refused row (an unknown indicator) repeated 50,000 times.
    let cell = |v: &str| {
        format!(
            r#"<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>"#
        )
    };
    let header: String = HEAD.iter().map(|h| cell(h)).collect();
    let bad: String = ["IN-B-11.02", "nope", "2025", "1", "S"]
        .iter()
        .map(|v| cell(v))
        .collect();
    let content = format!(
        r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="S"><table:table-row>{header}</table:table-row><table:table-row table:number-rows-repeated="50000">{bad}</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let ods = zip_of(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("content.xml", content.as_bytes()),
    ]);
    assert!(ods.len() < 10_000, "{}", ods.len());
    let e = refused_import(&f, "small.ods", &ods);
    assert!(
        e.contains("… and 49900 more refused row(s)"),
        "{}",
        e.chars().take(2000).collect::<String>()
    );
    assert!(e.len() < 100_000, "{} bytes on stderr", e.len());
}
