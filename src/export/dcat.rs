//! The DCAT-AP description of the open-data package (`dcat.jsonld`), as national portals
//! (data.public.lu) and data.europa.eu harvest it: a catalogue with one dataset, its
//! publisher, temporal coverage and language, and one distribution per file of the
//! package with its licence, format and size.
//!
//! Addresses are relative to the description itself (JSON-LD resolves them against the
//! address the file is read from), unless `[plan] data_url` says where the package is
//! published; then they are absolute.

use serde_json::{Value as Json, json};

use crate::config::{Lang, Settings};

const DCAT: &str = "http://www.w3.org/ns/dcat#";
const EU_LANGUAGE: &str = "http://publications.europa.eu/resource/authority/language/";
const EU_FILE_TYPE: &str = "http://publications.europa.eu/resource/authority/file-type/";
const EU_LICENCE: &str = "http://publications.europa.eu/resource/authority/licence/";
const EU_THEME_GOVERNMENT: &str =
    "http://publications.europa.eu/resource/authority/data-theme/GOVE";

/// A file of the package: its name, title and size.
pub struct File<'a> {
    /// The file's name in the package folder.
    pub name: &'a str,
    /// Its title.
    pub title: &'a str,
    /// Its size in bytes.
    pub bytes: usize,
}

/// The EU Vocabularies licence a usual SPDX identifier corresponds to.
fn eu_licence(id: &str) -> Option<&'static str> {
    match id.to_ascii_uppercase().as_str() {
        "CC-BY-4.0" => Some("CC_BY_4_0"),
        "CC-BY-SA-4.0" => Some("CC_BYSA_4_0"),
        "CC0-1.0" => Some("CC0"),
        _ => None,
    }
}

fn text(s: &str, lang: &str) -> Json {
    json!({"@value": s, "@language": lang})
}

fn date(d: impl ToString) -> Json {
    json!({"@value": d.to_string(), "@type": "xsd:date"})
}

/// `dcat.jsonld` for a package made of `files` (the descriptor first), as of `as_of`.
pub fn describe(
    settings: &Settings,
    files: &[File],
    as_of: jiff::civil::Date,
    lang: Lang,
    description: &str,
) -> String {
    let p = &settings.plan;
    let plan_lang = p.language.code();
    let words_lang = lang.code();
    let mut context = serde_json::Map::new();
    if let Some(base) = &p.data_url {
        let base = if base.ends_with('/') {
            base.clone()
        } else {
            format!("{base}/")
        };
        context.insert("@base".into(), base.into());
    }
    for (k, v) in [
        ("dcat", DCAT),
        ("dct", "http://purl.org/dc/terms/"),
        ("foaf", "http://xmlns.com/foaf/0.1/"),
        ("skos", "http://www.w3.org/2004/02/skos/core#"),
        ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ] {
        context.insert(k.into(), v.into());
    }
    let mut graph = Vec::new();
    let publisher = p.publisher.as_ref().map(|name| {
        graph.push(json!({
            "@id": "#publisher",
            "@type": "foaf:Agent",
            "foaf:name": name,
        }));
        json!({"@id": "#publisher"})
    });
    let licence = p.licence.as_ref().map(|id| {
        let (url, title) = super::datapackage::licence(id);
        let mut l = serde_json::Map::new();
        l.insert("@id".into(), url.clone().into());
        l.insert("@type".into(), "dct:LicenseDocument".into());
        l.insert("dct:identifier".into(), id.clone().into());
        l.insert("dct:title".into(), title.into());
        if let Some(eu) = eu_licence(id) {
            l.insert(
                "skos:exactMatch".into(),
                json!({"@id": format!("{EU_LICENCE}{eu}")}),
            );
        }
        graph.push(Json::Object(l));
        json!({"@id": url})
    });
    let mut distributions = Vec::new();
    for f in files {
        let id = format!("#{}", f.name);
        let (media, format) = if f.name.ends_with(".json") {
            ("application/json", "JSON")
        } else {
            ("text/csv", "CSV")
        };
        let mut d = serde_json::Map::new();
        d.insert("@id".into(), id.clone().into());
        d.insert("@type".into(), "dcat:Distribution".into());
        d.insert("dct:title".into(), text(f.title, words_lang));
        d.insert("dcat:accessURL".into(), json!({"@id": f.name}));
        d.insert("dcat:downloadURL".into(), json!({"@id": f.name}));
        d.insert(
            "dcat:mediaType".into(),
            json!({"@id": format!("https://www.iana.org/assignments/media-types/{media}")}),
        );
        d.insert(
            "dct:format".into(),
            json!({"@id": format!("{EU_FILE_TYPE}{format}")}),
        );
        d.insert(
            "dcat:byteSize".into(),
            json!({"@value": f.bytes.to_string(), "@type": "xsd:nonNegativeInteger"}),
        );
        d.insert("dct:modified".into(), date(as_of));
        if let Some(l) = &licence {
            d.insert("dct:license".into(), l.clone());
        }
        if f.name == "datapackage.json" {
            d.insert(
                "dct:conformsTo".into(),
                json!({"@id": super::datapackage::PROFILE}),
            );
        }
        graph.push(Json::Object(d));
        distributions.push(json!({"@id": id}));
    }
    let mut dataset = serde_json::Map::new();
    dataset.insert("@id".into(), "#dataset".into());
    dataset.insert("@type".into(), "dcat:Dataset".into());
    dataset.insert("dct:title".into(), text(&p.title, plan_lang));
    dataset.insert("dct:description".into(), text(description, words_lang));
    dataset.insert(
        "dct:identifier".into(),
        super::datapackage::package_name(&p.title).into(),
    );
    dataset.insert("dct:modified".into(), date(as_of));
    dataset.insert(
        "dct:language".into(),
        json!({"@id": format!("{EU_LANGUAGE}{}", p.language.eu_code())}),
    );
    dataset.insert("dcat:theme".into(), json!({"@id": EU_THEME_GOVERNMENT}));
    dataset.insert(
        "dct:temporal".into(),
        json!({
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": date(settings.period_start()),
            "dcat:endDate": date(settings.period_end()),
        }),
    );
    if let Some(url) = &p.source {
        dataset.insert("dct:source".into(), json!({"@id": url}));
    }
    if let Some(pb) = &publisher {
        dataset.insert("dct:publisher".into(), pb.clone());
    }
    dataset.insert(
        "dct:conformsTo".into(),
        json!({"@id": super::datapackage::PROFILE}),
    );
    dataset.insert("dcat:distribution".into(), Json::Array(distributions));
    let mut catalog = serde_json::Map::new();
    catalog.insert("@id".into(), "#catalog".into());
    catalog.insert("@type".into(), "dcat:Catalog".into());
    catalog.insert("dct:title".into(), text(&p.title, plan_lang));
    catalog.insert("dct:description".into(), text(description, words_lang));
    if let Some(pb) = &publisher {
        catalog.insert("dct:publisher".into(), pb.clone());
    }
    if let Some(l) = &licence {
        catalog.insert("dct:license".into(), l.clone());
    }
    catalog.insert("dcat:dataset".into(), json!({"@id": "#dataset"}));
    let mut all = vec![Json::Object(catalog), Json::Object(dataset)];
    all.extend(graph);
    let doc = json!({"@context": Json::Object(context), "@graph": all});
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}
