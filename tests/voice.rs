//! The plan's voice, as a reader sees it: French typography on the French site, the
//! plan's titles translated for the English site (and marked where they are not), the
//! words of the digest and report, and the bundled data's readings of the text.

mod common;

use std::path::{Path, PathBuf};

use common::{Fixture, stderr, stdout};

const AS_OF: &str = "2026-11-23";

/// Build the site of `f` into `_site`, expecting success.
#[track_caller]
fn site(f: &Fixture) -> PathBuf {
    let o = f.run(&["site", "-o", "_site", "--as-of", AS_OF]);
    assert!(o.status.success(), "pan site failed: {}", stderr(&o));
    f.path().join("_site")
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The text a reader sees on a page: no script, style or tag; entities decoded.
fn page_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        out.push('\u{0}');
        rest = &rest[i..];
        let end = ["<script", "<style"]
            .iter()
            .find(|t| rest.starts_with(*t))
            .map(|t| format!("</{}", &t[1..]));
        let close = match end {
            Some(e) => rest
                .find(&e)
                .and_then(|j| rest[j..].find('>').map(|k| j + k)),
            None => rest.find('>'),
        };
        match close {
            Some(j) => rest = &rest[j + 1..],
            None => rest = "",
        }
    }
    out.push_str(rest);
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Ordinary spaces before « : ; ? ! % » » or after « « » in a text.
fn ordinary_spaces(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for i in 0..chars.len() {
        if chars[i] != ' ' {
            continue;
        }
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let mark_after = matches!(after, Some(':' | ';' | '?' | '!' | '%' | '»'))
            && before.is_some_and(|b| !b.is_whitespace() && b != '\u{0}');
        if mark_after || before == Some('«') {
            let from = i.saturating_sub(30);
            out.push(chars[from..(i + 10).min(chars.len())].iter().collect());
        }
    }
    out
}

#[test]
fn the_french_site_has_no_ordinary_space_before_its_marks() {
    let f = Fixture::bundled();
    let dir = site(&f);
    let mut bad = Vec::new();
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(dir.join("fr")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "html") {
            pages += 1;
            for s in ordinary_spaces(&page_text(&read(entry.path()))) {
                bad.push(format!("{}: {s:?}", entry.path().display()));
            }
        }
    }
    assert!(pages > 300, "{pages} pages");
    assert!(
        bad.is_empty(),
        "{} ordinary spaces, first: {:#?}",
        bad.len(),
        &bad[..bad.len().min(5)]
    );
    // Only the kind of space changed: the plan's text is otherwise as published.
    let action = read(&dir.join("fr/actions/IN-B-11.02.html"));
    assert!(
        action.contains("rencontres mensuelles «\u{a0}IT Trainer Meetups\u{a0}»"),
        "{action}"
    );
    // Dates in words, thousands grouped, one term for readings, captions that are phrases.
    let due = read(&dir.join("fr/digest.html"));
    assert!(
        due.contains("échéance le 31 décembre 2026"),
        "dates in words"
    );
    assert!(
        !due.contains("échéance le 2026-"),
        "no ISO date in a reason"
    );
    let objective = read(&dir.join("fr/objectives/B-1.html"));
    assert!(objective.contains(">Actions de l'objectif B-1</caption>"));
    assert!(
        objective.contains("</span>\u{a0}: 9</p>"),
        "a count follows its badge"
    );
    let nav = read(&dir.join("fr/index.html"));
    assert!(nav.contains("Suivi des relevés") && !nav.contains("Suivi des mesures"));
    // The site's digest counts indicators under its indicators heading.
    let digest = read(&dir.join("fr/digest.html"));
    assert!(
        digest.contains("<h3>Indicateurs sans relevé récent (359)</h3>"),
        "{digest}"
    );
    assert!(digest.contains("239 actions, 359 indicateurs"));
    assert!(digest.contains("Aucun ministère responsable</a>"));
    let ministries = read(&dir.join("fr/ministries.html"));
    assert!(
        ministries
            .contains("MA (Ministère de l'Agriculture, de l'Alimentation et de la Viticulture)")
    );
    // English pages keep English spacing in pan's own words.
    let en = read(&dir.join("en/levers/B.html"));
    assert!(en.contains("Actions of objective B-1"), "{en}");
}

#[test]
fn the_english_site_uses_the_plans_translations_and_marks_the_rest() {
    let f = Fixture::new();
    f.write(
        "plan/translations/en.yaml",
        "by: Équipe de test\nlevers:\n  B: Deepen digital skills\n",
    );
    let (code, diags) = f.validate(&[]);
    assert_eq!(code, 0, "{diags:?}");
    let dir = site(&f);
    let lever = read(&dir.join("en/levers/B.html"));
    assert!(
        lever.contains("<h1>Lever B — Deepen digital skills</h1>"),
        "{lever}"
    );
    // The objective has no translation: shown as published, marked French.
    let objective = read(&dir.join("en/objectives/B-11.html"));
    assert!(
        objective.contains(
            "<h1 lang=\"fr\">Objective B-11 — Soutenir la formation en compétences numériques</h1>"
        ),
        "{objective}"
    );
    assert!(objective.contains("translated by Équipe de test, not by the plan's authors"));
    assert!(
        objective.contains("any title without a translation) are shown as published, in French")
    );
    let home = read(&dir.join("en/index.html"));
    assert!(
        home.contains("<span>Deepen digital skills</span>"),
        "{home}"
    );
    // The French site shows the plan's own title, and says nothing of translations.
    let fr = read(&dir.join("fr/levers/B.html"));
    assert!(
        fr.contains("<h1>Levier B — Approfondir les compétences numériques</h1>"),
        "{fr}"
    );
    assert!(!fr.contains("Équipe de test"));
}

#[test]
fn the_digest_and_report_put_totals_last_and_count_every_action() {
    let f = Fixture::bundled();
    let digest = stdout(&f.run(&["digest", "--as-of", AS_OF]));
    let key = digest.split("## Chiffres clés").nth(1).unwrap();
    let table: Vec<&str> = key
        .lines()
        .take_while(|l| !l.starts_with("## "))
        .filter(|l| l.starts_with("| "))
        .collect();
    assert!(
        table
            .last()
            .unwrap()
            .starts_with("| **Ensemble du plan** | 249 |"),
        "{table:#?}"
    );
    let per = digest.split("## Par ministère").nth(1).unwrap();
    assert!(
        per.contains("| *Aucun ministère responsable* | 2 |"),
        "{per}"
    );
    assert!(
        per.contains("MA (Ministère de l'Agriculture, de l'Alimentation et de la Viticulture)")
    );
    let report = stdout(&f.run(&["report", "--as-of", AS_OF]));
    let context = report
        .split("## Progrès vers les cibles de contexte")
        .nth(1)
        .expect("the report has the context indicators");
    assert!(
        context.contains("| Population disposant de compétences numériques de base |")
            && context.contains("60,1\u{a0}% (2024) | 80\u{a0}% d'ici 2030 |"),
        "{context}"
    );
    assert!(report.contains("[^method]: "));
    let summary = report.split("## Synthèse").nth(1).unwrap();
    let rows: Vec<&str> = summary
        .lines()
        .take_while(|l| !l.starts_with("## "))
        .filter(|l| l.starts_with("| "))
        .collect();
    assert!(
        rows.last().unwrap().starts_with("| **Ensemble du plan** |"),
        "{rows:#?}"
    );
}

#[test]
fn the_bundled_data_follows_its_readings_of_the_text() {
    let f = Fixture::bundled();
    let out = f.run(&["export", "--as-of", AS_OF]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let action = |code: &str| {
        doc["actions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["code"] == code)
            .unwrap()
            .clone()
    };
    let partners = |code: &str| -> Vec<String> {
        action(code)["partners"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap().to_string())
            .collect()
    };
    assert!(!partners("IN-B-3.06").contains(&"etc.".to_string()));
    let b903 = partners("IN-B-9.03");
    assert!(b903.contains(&"ME-SIP".to_string()), "{b903:?}");
    assert!(
        b903.contains(
            &"Experts thématiques des autres ministères en fonction du sujet".to_string()
        )
    );
    let measure = |code: &str, id: &str| {
        let a = action(code);
        let ind = a["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .unwrap()
            .clone();
        ind["measure"].as_str().unwrap_or("flow").to_string()
    };
    for (code, id) in [
        ("IN-B-5.08", "utilisateurs"),
        ("IN-D-3.15", "demandeurs-emploi-utilisant-bornes"),
        ("IN-E-2.05", "volume-utilisateurs"),
        ("IN-E-4.03", "utilisateurs-uniques-trafic-web"),
        ("IN-D-3.11", "assistants-dsp-enregistres"),
    ] {
        assert_eq!(measure(code, id), "level", "{code} {id}");
    }
    for code in ["IN-B-12.05", "IN-C-3.03", "IN-D-3.09"] {
        assert_eq!(measure(code, "comptes-esante-actives"), "flow", "{code}");
    }
    let intermediate = doc["context"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "intermediate-internet-users")
        .unwrap()
        .clone();
    assert_eq!(intermediate["direction"], "unstated");
    // Reading notes are in the plan's language, nested quotations in “ ”.
    for r in doc["readings"].as_array().unwrap() {
        let note = r["note"].as_str().unwrap_or("");
        for english in [
            "The report",
            " held in ",
            "Approximate",
            "is counted",
            "not counted",
        ] {
            assert!(!note.contains(english), "{english}: {note}");
        }
        assert!(!note.contains("» »"), "doubled guillemets: {note}");
    }
}
