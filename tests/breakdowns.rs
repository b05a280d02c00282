//! Breakdowns: dimensions declared in plan/dimensions.yaml, readings broken down by them,
//! the rules on them, and a round trip through add, import, list, show and export.

mod common;

use common::{ACTION_PATH, Fixture, READINGS_PATH, stderr, stdout};

const DIMENSIONS: &str = "\
dimensions:
  - id: canton
    label: Canton de résidence
    values:
      - id: esch-sur-alzette
        label: Esch-sur-Alzette
      - id: wiltz
        label: Wiltz
  - id: age
    label: Tranche d'âge
    values:
      - id: 16-24
        label: 16 à 24 ans
      - id: 65+
        label: 65 ans et plus
";

const H: &str = "indicator,period,value,source,note,recorded,replaces";

/// The small plan, with dimensions, `participants` broken down by canton and age.
fn plan() -> Fixture {
    let f = Fixture::new();
    f.write("plan/dimensions.yaml", DIMENSIONS);
    f.edit(
        ACTION_PATH,
        "    label: Nombre de participants\n    kind: count\n",
        "    label: Nombre de participants\n    kind: count\n    breakdowns: [canton, age]\n",
    );
    f
}

fn codes(diags: &[(String, String, u64)]) -> Vec<String> {
    diags.iter().map(|(c, _, l)| format!("{c}:{l}")).collect()
}

#[test]
fn a_plain_plan_with_dimensions_is_clean_and_its_files_unchanged() {
    let f = plan();
    let before = f.read(READINGS_PATH);
    let (code, diags) = f.validate(&[]);
    assert_eq!((code, diags), (0, vec![]));
    assert_eq!(f.read(READINGS_PATH), before);
}

#[test]
fn an_unknown_column_is_refused_and_its_rows_not_read() {
    let f = plan();
    f.write(
        READINGS_PATH,
        &format!("{H},commune\nparticipants,2025,100,S,,,,\nparticipants,2025,40,S,,,,wiltz\n"),
    );
    let (code, diags) = f.validate(&[]);
    assert_eq!(code, 1);
    assert_eq!(codes(&diags), ["R013:1"]);
}

#[test]
fn a_value_outside_the_list_is_refused_with_the_nearest() {
    let f = plan();
    f.write(
        READINGS_PATH,
        &format!("{H},canton\nparticipants,2025,100,S,,,,\nparticipants,2025,40,S,,,,Wiltz\n"),
    );
    let (code, diags) = f.validate(&[]);
    assert_eq!((code, codes(&diags)), (1, vec!["R014:3".to_string()]));
    let text = stdout(&f.run(&["validate"]));
    assert!(text.contains("did you mean `wiltz`"), "{text}");
}

#[test]
fn a_dimension_the_indicator_does_not_declare_is_refused() {
    let f = plan();
    f.write(
        READINGS_PATH,
        &format!("{H},canton\nseances,2025,10,S,,,,\nseances,2025,4,S,,,,wiltz\n"),
    );
    let (code, diags) = f.validate(&[]);
    assert_eq!((code, codes(&diags)), (1, vec!["R015:3".to_string()]));
}

#[test]
fn the_same_cell_twice_is_refused_but_a_correction_is_not() {
    let f = plan();
    f.write(
        READINGS_PATH,
        &format!(
            "{H},canton,age\nparticipants,2025,100,S,,,,,\nparticipants,2025,40,S,,,,wiltz,65+\nparticipants,2025,41,S,,,,wiltz,65+\nparticipants,2025,30,S,,,,wiltz,\n"
        ),
    );
    let (code, diags) = f.validate(&[]);
    assert_eq!((code, codes(&diags)), (1, vec!["R016:4".to_string()]));
    f.write(
        READINGS_PATH,
        &format!(
            "{H},canton,age\nparticipants,2025,100,S,,,,,\nparticipants,2025,40,S,,,,wiltz,65+\nparticipants,2025,41,S,erratum,,40,wiltz,65+\n"
        ),
    );
    assert_eq!(f.validate(&[]), (0, vec![]));
    // A correction of a value that is not the cell's is refused.
    f.edit(READINGS_PATH, "erratum,,40,", "erratum,,39,");
    let (code, diags) = f.validate(&[]);
    assert_eq!((code, codes(&diags)), (1, vec!["R010:4".to_string()]));
}

#[test]
fn cells_of_a_flow_adding_up_to_more_than_the_total_warn() {
    let f = plan();
    // By canton: 60 + 50 > 100 (warned); by age: 30 + 20 ≤ 100 (fine); 2024 has no total.
    f.write(
        READINGS_PATH,
        &format!(
            "{H},canton,age\nparticipants,2025,100,S,,,,,\nparticipants,2025,60,S,,,,esch-sur-alzette,\nparticipants,2025,50,S,,,,wiltz,\nparticipants,2025,30,S,,,,,16-24\nparticipants,2025,20,S,,,,,65+\nparticipants,2024,500,S,,,,wiltz,\n"
        ),
    );
    let (code, diags) = f.validate(&[]);
    assert_eq!((code, codes(&diags)), (0, vec!["R017:4".to_string()]));
    assert_eq!(f.validate(&["--deny", "warnings"]).0, 1);
}

#[test]
fn an_indicator_broken_down_by_an_undeclared_dimension_is_refused() {
    let f = plan();
    f.edit(
        ACTION_PATH,
        "breakdowns: [canton, age]",
        "breakdowns: [canton, sexe]",
    );
    let (code, diags) = f.validate(&[]);
    assert_eq!(code, 1);
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].0, "P023");
    assert_eq!(diags[0].1, ACTION_PATH);
}

#[test]
fn a_broken_dimensions_file_names_the_problem() {
    let f = plan();
    f.write(
        "plan/dimensions.yaml",
        "dimensions:\n  - id: canton\n    label: Canton\n    values:\n      - id: Wiltz\n        label: Wiltz\n",
    );
    let out = f.run(&["validate"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("plan/dimensions.yaml"), "{text}");
    assert!(
        text.contains("`Wiltz` is not a valid value identifier"),
        "{text}"
    );
}

#[test]
fn totals_alone_make_status_and_the_latest_value() {
    let f = plan();
    // The cell for 2026 is later than the total of 2025: the latest total stays 2025's.
    f.write(
        READINGS_PATH,
        &format!(
            "{H},canton\nseances,2025,11,S,,,,\nparticipants,2025,100,S,,,,\nparticipants,2026,7,S,,,,wiltz\n"
        ),
    );
    assert_eq!(f.validate(&[]), (0, vec![]));
    let out = f.run(&["show", "IN-B-11.02", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let readings = json["readings"].as_array().unwrap();
    assert_eq!(readings.len(), 3);
    let cell = readings
        .iter()
        .find(|r| r["period"] == "2026")
        .expect("the cell is shown");
    assert_eq!(cell["by"]["canton"], "wiltz");
    let status = f.run(&["status", "--format", "json"]);
    let text = stdout(&status);
    assert!(!text.contains("\"7\"") && !text.contains(": 7,"), "{text}");
    // Remove the cell: status is the same, byte for byte.
    let with_cell = text.clone();
    f.write(
        READINGS_PATH,
        &format!("{H}\nseances,2025,11,S,,,\nparticipants,2025,100,S,,,\n"),
    );
    assert_eq!(stdout(&f.run(&["status", "--format", "json"])), with_cell);
    let digest_without = stdout(&f.run(&["digest", "--since", "2024-01-01"]));
    f.write(
        READINGS_PATH,
        &format!(
            "{H},canton\nseances,2025,11,S,,,,\nparticipants,2025,100,S,,,,\nparticipants,2026,7,S,,2026-11-01,,wiltz\n"
        ),
    );
    assert_eq!(
        stdout(&f.run(&["digest", "--since", "2024-01-01"])),
        digest_without
    );
}

#[test]
fn add_with_by_evolves_the_header_once_and_round_trips() {
    let f = plan();
    let add = |value: &str, by: &[&str]| {
        let mut args = vec![
            "reading",
            "add",
            "IN-B-11.02",
            "participants",
            value,
            "--period",
            "2025",
            "--source",
            "Rapport",
        ];
        for b in by {
            args.push("--by");
            args.push(b);
        }
        f.run(&args)
    };
    let out = add("100", &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(f.read(READINGS_PATH).starts_with(&format!("{H}\n")));
    let out = add("40", &["canton=wiltz", "age=65+"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = f.read(READINGS_PATH);
    assert_eq!(
        text,
        format!(
            "{H},canton,age\nseances,2024,11,Rapport d'activité 2024,,2026-01-15,,,\nparticipants,2025,100,Rapport,,2026-11-30,,,\nparticipants,2025,40,Rapport,,2026-11-30,,wiltz,65+\n"
        )
    );
    // The same cell again: nothing to write; another value: refused without --replace.
    assert!(add("40", &["age=65+", "canton=wiltz"]).status.success());
    assert_eq!(f.read(READINGS_PATH), text);
    let out = add("41", &["canton=wiltz", "age=65+"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("already recorded"),
        "{}",
        stderr(&out)
    );
    // Wrong breakdowns are refused, naming what is wrong; nothing is written.
    for (by, says) in [
        ("commune=wiltz", "not a dimension"),
        ("canton=Wiltz", "did you mean `wiltz`"),
        ("canton", "DIMENSION=VALUE"),
    ] {
        let out = add("3", &[by]);
        assert!(!out.status.success());
        assert!(stderr(&out).contains(says), "{by}: {}", stderr(&out));
    }
    let out = f.run(&[
        "reading",
        "add",
        "IN-B-11.02",
        "seances",
        "3",
        "--period",
        "2025",
        "--source",
        "S",
        "--by",
        "canton=wiltz",
    ]);
    // A breakdown the indicator does not have, typed on the command line: a usage error.
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not broken down"), "{}", stderr(&out));
    assert_eq!(f.read(READINGS_PATH), text);
    assert_eq!(f.validate(&[]), (0, vec![]));

    // Import a CSV with dimension-named columns (any case), the other columns ignored.
    f.write(
        "in.csv",
        "code,indicator,period,value,source,note,Canton,Age,commentaire interne\nIN-B-11.02,participants,2025,30,Rapport,,esch-sur-alzette,16-24,x\nIN-B-11.02,participants,2025,60,Rapport,,,65+,\n",
    );
    let out = f.run(&["reading", "import", "in.csv"]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert_eq!(f.validate(&[]), (0, vec![]));
    // A wrong value in an import refuses the whole file.
    f.write(
        "bad.csv",
        "code,indicator,period,value,source,canton\nIN-B-11.02,participants,2024,30,Rapport,Esch\n",
    );
    let before = f.read(READINGS_PATH);
    let out = f.run(&["reading", "import", "bad.csv"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(f.read(READINGS_PATH), before);

    // List shows every cell; --by pivots; JSON export carries them.
    let list = stdout(&f.run(&["reading", "list", "IN-B-11.02", "--format", "json"]));
    let json: serde_json::Value = serde_json::from_str(&list).unwrap();
    assert_eq!(json["version"], 1);
    let rows = json["readings"].as_array().unwrap();
    assert_eq!(rows.len(), 5);
    let by: Vec<String> = rows
        .iter()
        .map(|r| {
            let b = r.get("by").cloned().unwrap_or_default();
            format!(
                "{}:{}:{}",
                r["value"].as_str().unwrap(),
                b["canton"],
                b["age"]
            )
        })
        .collect();
    assert!(by.contains(&"40:\"wiltz\":\"65+\"".to_string()), "{by:?}");
    assert!(
        by.contains(&"30:\"esch-sur-alzette\":\"16-24\"".to_string()),
        "{by:?}"
    );
    assert!(by.contains(&"60:null:\"65+\"".to_string()), "{by:?}");
    let pivot = stdout(&f.run(&[
        "reading",
        "list",
        "IN-B-11.02",
        "--by",
        "age",
        "--format",
        "csv",
    ]));
    assert_eq!(
        pivot,
        "action,indicator,period,total,65+\nIN-B-11.02,participants,2025,100,60\n"
    );
    let export = stdout(&f.run(&["export", "--format", "json"]));
    let json: serde_json::Value = serde_json::from_str(&export).unwrap();
    let cells: Vec<&serde_json::Value> = json["readings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r.get("by").is_some())
        .collect();
    assert_eq!(cells.len(), 3);
    assert!(
        cells
            .iter()
            .any(|r| r["by"]["canton"] == "wiltz" && r["by"]["age"] == "65+" && r["value"] == "40")
    );
    // The dimensions themselves travel with them, so that a consumer can label every cell.
    let dims = json["dimensions"].as_array().unwrap();
    let label = |dim: &str, value: &str| -> Option<String> {
        let d = dims.iter().find(|d| d["id"] == dim)?;
        let v = d["values"].as_array()?.iter().find(|v| v["id"] == value)?;
        Some(format!(
            "{}: {}",
            d["label"].as_str()?,
            v["label"].as_str()?
        ))
    };
    for r in &cells {
        for (dim, value) in r["by"].as_object().unwrap() {
            assert!(
                label(dim, value.as_str().unwrap()).is_some(),
                "{dim}={value} cannot be labelled from {dims:?}"
            );
        }
    }
    assert_eq!(
        label("age", "65+").as_deref(),
        Some("Tranche d'âge: 65 ans et plus")
    );
    let show = stdout(&f.run(&["show", "IN-B-11.02"]));
    assert!(show.contains("[canton=wiltz, age=65+]"), "{show}");
}

#[test]
fn report_and_site_show_a_table_per_breakdown() {
    let f = plan();
    f.write(
        READINGS_PATH,
        &format!(
            "{H},canton\nseances,2025,11,S,,2026-01-15,,\nparticipants,2025,100,S,,2026-01-15,,\nparticipants,2025,60,S,,2026-01-15,,esch-sur-alzette\nparticipants,2025,30,S,,2026-01-15,,wiltz\nparticipants,2024,5,S,,2026-01-15,,wiltz\n"
        ),
    );
    assert_eq!(f.validate(&[]), (0, vec![]));
    let report = stdout(&f.run(&["report", "--as-of", "2026-11-23"]));
    let at = report
        .find("## Ventilations")
        .expect("a breakdowns section");
    let section = &report[at..];
    assert!(
        section.contains("### IN-B-11.02 — Nombre de participants · Canton de résidence · 2025"),
        "{section}"
    );
    assert!(section.contains("| Esch-sur-Alzette |"), "{section}");
    assert!(section.contains("| Wiltz |"), "{section}");
    assert!(section.contains("| **total** |"), "{section}");
    // The 2024 cell is older than the period shown.
    assert!(!section.contains("2024"), "{section}");
    let en = stdout(&f.run(&["report", "--as-of", "2026-11-23", "--lang", "en"]));
    assert!(en.contains("## Breakdowns"), "{en}");
    // As of a day before the cells were recorded, there is nothing to show.
    let before = stdout(&f.run(&["report", "--as-of", "2026-01-10"]));
    assert!(!before.contains("Ventilations"), "{before}");

    let out = f.run(&["site", "-o", "site", "--as-of", "2026-11-23"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = f.read("site/fr/actions/IN-B-11.02.html");
    let at = page
        .find("id=\"t-b-participants-canton\"")
        .expect("a breakdown table");
    let table = &page[at..at + page[at..].find("</table>").unwrap()];
    assert!(
        table.contains("Nombre de participants par Canton de résidence (2025)"),
        "{table}"
    );
    assert!(
        table.contains("<th scope=\"row\" lang=\"fr\">Wiltz</th>")
            || table.contains("<th scope=\"row\">Wiltz</th>"),
        "{table}"
    );
    assert!(
        page.contains("id=\"c-b-participants-canton-t\""),
        "a chart beside the table"
    );
    // The readings table of the indicator lists totals only.
    let readings = &page[page.find("id=\"t-participants\"").unwrap()..];
    let readings = &readings[..readings.find("</table>").unwrap()];
    assert_eq!(readings.matches("<tr>").count(), 2, "{readings}");
}

#[test]
fn outputs_without_a_breakdown_column_carry_totals_only() {
    let f = plan();
    f.write(
        READINGS_PATH,
        &format!(
            "{H},canton\nseances,2025,11,S,,2026-01-15,,\nparticipants,2025,100,S,,2026-01-15,,\nparticipants,2025,60,S,,2026-01-15,,wiltz\n"
        ),
    );
    let out = f.run(&[
        "export",
        "--format",
        "datapackage",
        "-o",
        "od",
        "--as-of",
        "2026-11-23",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = std::fs::read_to_string(
        walkdir::WalkDir::new(f.path().join("od"))
            .into_iter()
            .filter_map(Result::ok)
            .find(|e| e.file_name() == "readings.csv")
            .expect("a readings table")
            .path(),
    )
    .unwrap();
    assert!(csv.contains(",100,"), "{csv}");
    assert!(!csv.contains(",60,"), "{csv}");
}

#[test]
fn a_workbook_column_named_after_a_dimension_is_imported_as_a_breakdown() {
    let f = plan();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["code", "indicator", "period", "value", "source", "Canton"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, (value, canton)) in [(100.0, ""), (40.0, "wiltz")].iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, "IN-B-11.02").unwrap();
        sheet.write_string(r, 1, "participants").unwrap();
        sheet.write_string(r, 2, "2025").unwrap();
        sheet.write_number(r, 3, *value).unwrap();
        sheet.write_string(r, 4, "Rapport").unwrap();
        if !canton.is_empty() {
            sheet.write_string(r, 5, *canton).unwrap();
        }
    }
    f.write_bytes("in.xlsx", &book.save_to_buffer().unwrap());
    let out = f.run(&["reading", "import", "in.xlsx"]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let text = f.read(READINGS_PATH);
    assert!(text.starts_with(&format!("{H},canton\n")), "{text}");
    assert!(
        text.contains("participants,2025,100,Rapport,,2026-11-30,,\n"),
        "{text}"
    );
    assert!(
        text.contains("participants,2025,40,Rapport,,2026-11-30,,wiltz\n"),
        "{text}"
    );
    assert_eq!(f.validate(&[]), (0, vec![]));
}
