//! `pan export --format datapackage`: the bundled plan's package holds together as its
//! schemas say (columns, required values, categories, primary and foreign keys), is the
//! same bytes twice, neutralises formulas in free text only, and its DCAT description
//! names every file with its size and licence. (`.ci/opendata` runs the real validators.)

mod common;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use common::{Fixture, stderr};
use serde_json::Value;

fn export(f: &Fixture, dir: &str) -> std::path::PathBuf {
    let out = f.run(&[
        "export",
        "--format",
        "datapackage",
        "-o",
        dir,
        "--as-of",
        "2026-11-23",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    f.path().join(dir)
}

type Rows = Vec<HashMap<String, String>>;

fn read_csv(path: &Path) -> (Vec<String>, Rows) {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|rec| {
            let rec = rec.unwrap();
            header
                .iter()
                .cloned()
                .zip(rec.iter().map(str::to_string))
                .collect()
        })
        .collect();
    (header, rows)
}

fn names(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_bundled_plans_package_holds_together() {
    let f = Fixture::bundled();
    let dir = export(&f, "opendata");
    let package: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("datapackage.json")).unwrap())
            .unwrap();
    assert_eq!(
        package["$schema"],
        "https://datapackage.org/profiles/2.0/datapackage.json"
    );
    assert_eq!(
        package["title"],
        "Plan d'action national d'inclusion numérique 2026-2030"
    );
    assert_eq!(package["licenses"][0]["name"], "CC-BY-4.0");
    assert_eq!(package["created"], "2026-11-23T00:00:00Z");
    assert!(package["sources"].as_array().unwrap().len() > 2);
    let mut tables: HashMap<String, Rows> = HashMap::new();
    let resources = package["resources"].as_array().unwrap();
    let resource_names: Vec<&str> = resources
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        resource_names,
        [
            "levers",
            "objectives",
            "actors",
            "actions",
            "action_actors",
            "indicators",
            "readings",
            "states",
            "context_indicators",
            "context_readings"
        ]
    );
    for r in resources {
        let name = r["name"].as_str().unwrap();
        let (header, rows) = read_csv(&dir.join(r["path"].as_str().unwrap()));
        let fields = &r["schema"]["fields"];
        let field_names: Vec<String> = fields
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(header, field_names, "{name}");
        for field in fields.as_array().unwrap() {
            let col = field["name"].as_str().unwrap();
            let c = &field["constraints"];
            for (i, row) in rows.iter().enumerate() {
                let v = &row[col];
                if c["required"] == true {
                    assert!(!v.is_empty(), "{name} row {i}: {col} is empty");
                }
                if let Some(values) = field.get("categories") {
                    assert!(
                        v.is_empty() || names(values).contains(v),
                        "{name} row {i}: {col} = {v}"
                    );
                }
                match field["type"].as_str().unwrap() {
                    "date" if !v.is_empty() => {
                        assert!(v.parse::<jiff::civil::Date>().is_ok(), "{name}: {v}")
                    }
                    "number" | "integer" | "year" if !v.is_empty() => {
                        assert!(v.parse::<f64>().is_ok(), "{name}: {v}")
                    }
                    "boolean" => assert!(v == "true" || v == "false", "{name}: {v}"),
                    _ => {}
                }
            }
        }
        if let Some(pk) = r["schema"].get("primaryKey") {
            let pk = names(pk);
            let mut seen = HashSet::new();
            for row in &rows {
                let key: Vec<&String> = pk.iter().map(|k| &row[k]).collect();
                assert!(seen.insert(key.clone()), "{name}: duplicate key {key:?}");
            }
        }
        tables.insert(name.to_string(), rows);
    }
    // Every foreign key holds.
    let mut checked = 0;
    for r in resources {
        let name = r["name"].as_str().unwrap();
        let Some(fks) = r["schema"].get("foreignKeys") else {
            continue;
        };
        for fk in fks.as_array().unwrap() {
            let mine = names(&fk["fields"]);
            let target = fk["reference"]["resource"].as_str().unwrap();
            let theirs = names(&fk["reference"]["fields"]);
            let keys: HashSet<Vec<&String>> = tables[target]
                .iter()
                .map(|row| theirs.iter().map(|k| &row[k]).collect())
                .collect();
            for row in &tables[name] {
                let key: Vec<&String> = mine.iter().map(|k| &row[k]).collect();
                if key.iter().all(|v| v.is_empty()) {
                    continue;
                }
                assert!(
                    keys.contains(&key),
                    "{name} {mine:?} = {key:?} not in {target}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 1000, "{checked} references checked");
    assert_eq!(tables["actions"].len(), 249);
    assert_eq!(tables["levers"].len(), 6);
    assert!(tables["readings"].len() > 10);
    assert!(!tables["context_readings"].is_empty());
    // The same files and date give the same bytes.
    let again = export(&f, "again");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name();
        assert_eq!(
            std::fs::read(dir.join(&name)).unwrap(),
            std::fs::read(again.join(&name)).unwrap(),
            "{name:?}"
        );
    }
}

#[test]
fn the_dcat_description_names_every_file() {
    let f = Fixture::bundled();
    f.edit(
        "pan.toml",
        "publisher = ",
        "data_url = \"https://data.example.lu/pan\"\npublisher = ",
    );
    let dir = export(&f, "od");
    let doc: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("dcat.jsonld")).unwrap()).unwrap();
    assert_eq!(doc["@context"]["dcat"], "http://www.w3.org/ns/dcat#");
    assert_eq!(doc["@context"]["@base"], "https://data.example.lu/pan/");
    let graph = doc["@graph"].as_array().unwrap();
    let of_type = |t: &'static str| graph.iter().filter(move |n| n["@type"] == t);
    let dataset = of_type("dcat:Dataset").next().unwrap();
    assert_eq!(
        dataset["dct:title"]["@value"],
        "Plan d'action national d'inclusion numérique 2026-2030"
    );
    assert_eq!(
        dataset["dct:temporal"]["dcat:startDate"]["@value"],
        "2026-01-01"
    );
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        // The manifest is pan's record of what it wrote, not a file of the package.
        .filter(|n| n != "dcat.jsonld" && n != ".pan-manifest")
        .collect();
    files.sort();
    let mut described = Vec::new();
    for d in of_type("dcat:Distribution") {
        let name = d["dcat:downloadURL"]["@id"].as_str().unwrap().to_string();
        let size: u64 = d["dcat:byteSize"]["@value"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(
            size,
            std::fs::metadata(dir.join(&name)).unwrap().len(),
            "{name}"
        );
        assert_eq!(
            d["dct:license"]["@id"],
            "https://creativecommons.org/licenses/by/4.0/"
        );
        described.push(name);
    }
    described.sort();
    assert_eq!(described, files);
    assert_eq!(
        of_type("foaf:Agent").next().unwrap()["foaf:name"],
        "Ministère de la Digitalisation"
    );
}

#[test]
fn formulas_are_neutralised_in_free_text_only() {
    let f = Fixture::new();
    f.edit(
        common::ACTION_PATH,
        "action: Organiser",
        "action: =HYPERLINK(\"http://x\") Organiser",
    );
    let dir = export(&f, "od");
    let (_, actions) = read_csv(&dir.join("actions.csv"));
    assert!(
        actions[0]["action"].starts_with("'=HYPERLINK"),
        "{:?}",
        actions[0]
    );
    assert_eq!(actions[0]["code"], "IN-B-11.02");
    // Without a licence the package is written, and the command says what is missing.
    let out = f.run(&["export", "--format", "datapackage", "-o", "od2"]);
    assert!(out.status.success());
    assert!(stderr(&out).contains("no licence"), "{}", stderr(&out));
    // A package is a folder: -o is required.
    let out = f.run(&["export", "--format", "datapackage"]);
    assert_eq!(out.status.code(), Some(2));
}
