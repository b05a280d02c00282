//! The honest categories, baselines and targets, on a plan with one action per category
//! and fixed as-of dates: the status (table and JSON), the digest (Markdown and site), the
//! report, the action card, the site's action page and the status workbook say the same.

mod common;

use std::io::Read;

use common::{ACTION, Fixture, READINGS, READINGS_PATH, stdout};

const AS_OF: &str = "2026-12-06";
const LATER: &str = "2027-03-01";

/// An action of objective B-11 with one indicator (or none), a calendar and states.
fn action(number: u8, calendar: &str, indicator: &str, states: &str) -> String {
    let indicators = if indicator.is_empty() {
        "indicators: []\n".to_string()
    } else {
        format!(
            "indicators:\n  - id: nombre\n    label: Nombre de personnes\n    kind: count\n{indicator}"
        )
    };
    format!(
        "code: IN-B-11.{number:02}\nobjective: B-11\naction: Action {number}.\nresponsible:\n  - MinDigital\npartners: []\n{indicators}calendar:\n{calendar}states:{states}"
    )
}

const BOUNDED_2026_2030: &str = "  label: 2026 – 2030\n  start: 2026\n  end: 2030\n";

/// One action per category on 2026-12-06:
/// - 11.01 upcoming (2028 – 2029),
/// - 11.02 due, no state declared, with a 2024 baseline recorded in 2026 (the common
///   fixture's action, 2024 – 2026),
/// - 11.03 untrackable (no indicator, "Action continue"),
/// - 11.04 on track, its 2026 target reached,
/// - 11.05 late (2025),
/// - 11.06 due, declared planned, a 2025 target without a figure,
/// - 11.07 on track by its calendar, its 2026 target of 100 not reached (40),
/// - 11.08 no data.
fn plan() -> Fixture {
    let f = Fixture::new();
    f.write(common::ACTION_PATH, ACTION);
    f.write(READINGS_PATH, READINGS);
    let write = |n: u8, text: String| f.write(&format!("plan/B/IN-B-11.{n:02}.yaml"), &text);
    write(
        1,
        action(
            1,
            "  label: 2028 – 2029\n  start: 2028\n  end: 2029\n",
            "    targets: {2028: 5}\n",
            " []\n",
        ),
    );
    write(
        3,
        action(
            3,
            "  label: Action continue\n  continuous: true\n",
            "",
            " []\n",
        ),
    );
    write(
        4,
        action(
            4,
            BOUNDED_2026_2030,
            "    targets: {2026: 10, 2028: 30}\n",
            " []\n",
        ),
    );
    write(
        5,
        action(
            5,
            "  label: \"2025\"\n  start: 2025\n  end: 2025\n",
            "",
            " []\n",
        ),
    );
    write(
        6,
        action(
            6,
            "  label: \"2026\"\n  start: 2026\n  end: 2026\n",
            "    targets: {2025: 5}\n",
            "\n  - date: 2026-02-01\n    state: planned\n    note: Prévue pour l'automne\n",
        ),
    );
    write(
        7,
        action(7, BOUNDED_2026_2030, "    targets: {2026: 100}\n", " []\n"),
    );
    write(
        8,
        action(8, BOUNDED_2026_2030, "    targets: {}\n", " []\n"),
    );
    let header = "indicator,period,value,source,note,recorded,replaces\n";
    f.write(
        "indicators/B/IN-B-11.04.csv",
        &format!("{header}nombre,2026-H1,12,Rapport,,2026-07-01,\n"),
    );
    f.write(
        "indicators/B/IN-B-11.07.csv",
        &format!("{header}nombre,2026,40,Rapport,,2026-11-01,\n"),
    );
    f
}

fn healths(f: &Fixture, as_of: &str) -> Vec<(String, String)> {
    let out = f.run(&["status", "--as-of", as_of, "--format", "json"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    doc["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["code"].as_str().unwrap().to_string(),
                r["health"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn each_category_in_the_status() {
    let f = plan();
    assert_eq!(
        healths(&f, AS_OF),
        pairs(&[
            ("IN-B-11.01", "upcoming"),
            ("IN-B-11.02", "due"),
            ("IN-B-11.03", "untrackable"),
            ("IN-B-11.04", "on_track"),
            ("IN-B-11.05", "late"),
            ("IN-B-11.06", "due"),
            ("IN-B-11.07", "on_track"),
            ("IN-B-11.08", "no_data"),
        ])
    );
    // Later: 2026's deadlines passed; the upcoming action still has not begun.
    assert_eq!(
        healths(&f, LATER),
        pairs(&[
            ("IN-B-11.01", "upcoming"),
            ("IN-B-11.02", "late"),
            ("IN-B-11.03", "untrackable"),
            ("IN-B-11.04", "on_track"),
            ("IN-B-11.05", "late"),
            ("IN-B-11.06", "late"),
            ("IN-B-11.07", "on_track"),
            ("IN-B-11.08", "no_data"),
        ])
    );
    let table = stdout(&f.run(&["status", "--as-of", AS_OF, "--format", "markdown"]));
    assert!(table.contains("à venir"), "{table}");
    assert!(table.contains("non suivable"), "{table}");
    assert!(table.contains("sans état déclaré"), "{table}");
    let en = stdout(&f.run(&["status", "--as-of", AS_OF]));
    assert!(en.contains("1 upcoming, 1 not trackable"), "{en}");
    assert!(!en.contains("not started"), "{en}");
}

#[test]
fn the_digest_never_says_not_started_and_keeps_baselines_apart() {
    let f = plan();
    let md = stdout(&f.run(&["digest", "--as-of", AS_OF]));
    assert!(!md.contains("non commencée"), "{md}");
    let due = md
        .split("### Échéance cette année, sans état déclaré (1)")
        .nth(1)
        .expect(&md);
    let due = due.split("###").next().unwrap();
    assert!(due.contains("IN-B-11.02"), "{due}");
    assert!(!due.contains("IN-B-11.06"), "{due}");
    assert!(
        md.contains("### Échéance cette année, déclarées planifiées (1)"),
        "{md}"
    );
    // The 2024 reading recorded in 2026 is a baseline, never a change.
    let (changes, rest) = md
        .split_once("## Valeurs de référence enregistrées")
        .expect(&md);
    assert!(!changes.contains("(2024"), "{changes}");
    assert!(changes.contains("IN-B-11.04"), "{changes}");
    assert!(
        rest.contains("Nombre de séances réalisées (2024, valeur de référence) = 11"),
        "{rest}"
    );
    // Key figures count each category.
    assert!(md.contains("| à venir | non suivable |"), "{md}");
    let en = stdout(&f.run(&["digest", "--as-of", AS_OF, "--lang", "en"]));
    assert!(en.contains("## Baselines recorded"), "{en}");
    assert!(en.contains("(2024, baseline)"), "{en}");
    assert!(
        en.contains("### Due this year, no state declared (1)"),
        "{en}"
    );
}

#[test]
fn the_rollup_counts_actions_per_lever_and_objective() {
    let f = plan();
    let md = stdout(&f.run(&["digest", "--as-of", AS_OF, "--lang", "en"]));
    let section = md
        .split("## Targets of action indicators")
        .nth(1)
        .expect(&md);
    let section = section.split("\n## ").next().unwrap();
    // On track (11.04 reached early), behind, no figure (11.06: 2025 ended), not yet
    // judged (11.01, 11.07), no target (11.02, 11.03, 11.05, 11.08).
    assert!(
        section.contains(
            "| Lever / objective | Targets reached | Behind a target | No figure | Not yet judged | No target |"
        ),
        "{section}"
    );
    assert!(section.contains("| 1 | 0 | 1 | 2 | 4 |"), "{section}");
    assert!(
        section.contains(
            "| IN-B-11.04 | Nombre de personnes | 12 / 10 (2026): reached | targets reached |"
        ),
        "{section}"
    );
    assert!(
        !section.contains('%'),
        "counts, never a percentage: {section}"
    );
    let later = stdout(&f.run(&["digest", "--as-of", LATER, "--lang", "en"]));
    // 2026 ended: 11.07's 40 of 100 is behind.
    assert!(
        later.contains(
            "| IN-B-11.07 | Nombre de personnes | 40 / 100 (2026): not reached | behind a target |"
        ),
        "{later}"
    );
}

#[test]
fn the_card_shows_targets_and_baselines() {
    let f = plan();
    let card = stdout(&f.run(&["show", "IN-B-11.04", "--as-of", AS_OF]));
    assert!(
        card.contains(
            "Target of the period: 12 / 10 (2026): reached  (Targets: 2026: 10, 2028: 30)"
        ),
        "{card}"
    );
    let card = stdout(&f.run(&["show", "IN-B-11.02", "--as-of", AS_OF]));
    assert!(card.contains("(baseline)"), "{card}");
    let json = stdout(&f.run(&["show", "IN-B-11.02", "--as-of", AS_OF, "--format", "json"]));
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["readings"][0]["baseline"], true, "{json}");
    let json = stdout(&f.run(&["show", "IN-B-11.07", "--as-of", LATER, "--format", "json"]));
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["target_progress"][0]["standing"], "behind", "{json}");
    let md = stdout(&f.run(&[
        "show",
        "IN-B-11.04",
        "--as-of",
        AS_OF,
        "--format",
        "markdown",
        "--lang",
        "fr",
    ]));
    assert!(md.contains("12 / 10 (2026)\u{a0}: atteinte"), "{md}");
}

#[test]
fn the_site_and_the_report_say_the_same() {
    let f = plan();
    let out = f.run(&["site", "-o", "_site", "--as-of", AS_OF]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let page = f.read("_site/fr/actions/IN-B-11.01.html");
    assert!(page.contains("h-upcoming"), "{page}");
    assert!(page.contains("à venir"), "{page}");
    let page = f.read("_site/en/actions/IN-B-11.04.html");
    assert!(page.contains("Target of the period"), "{page}");
    assert!(page.contains("12 / 10 (2026): reached"), "{page}");
    let page = f.read("_site/en/actions/IN-B-11.02.html");
    assert!(
        page.contains("<span class=\"badge baseline\">baseline</span>"),
        "{page}"
    );
    let digest = f.read("_site/fr/digest.html");
    assert!(
        digest.contains("Valeurs de référence enregistrées"),
        "{digest}"
    );
    assert!(digest.contains("id=\"t-rollup\""), "{digest}");
    assert!(!digest.contains("non commencées"), "{digest}");
    let report = stdout(&f.run(&["report", "--as-of", AS_OF]));
    assert!(report.contains("à venir"), "{report}");
    assert!(report.contains("non suivable"), "{report}");
}

#[test]
fn the_status_workbook_has_the_categories() {
    let f = plan();
    let out = f.run(&[
        "export",
        "--format",
        "xlsx",
        "-o",
        "plan.xlsx",
        "--as-of",
        AS_OF,
    ]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let bytes = std::fs::read(f.path().join("plan.xlsx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut all = String::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        if part.name().unwrap().ends_with(".xml") {
            part.read_to_string(&mut all).unwrap();
        }
    }
    assert!(all.contains("à venir"), "upcoming in the workbook");
    assert!(all.contains("non suivable"), "untrackable in the workbook");
    assert!(
        all.contains("sans état déclaré"),
        "no state declared in the workbook"
    );
}

#[test]
fn hostile_targets_are_refused_short_and_their_labels_escaped() {
    // A thousand-letter key: refused with P024, the key quoted cut short.
    let f = plan();
    let key = "x".repeat(1000);
    f.edit(
        "plan/B/IN-B-11.04.yaml",
        "targets: {2026: 10, 2028: 30}",
        &format!("targets: {{{key}: 10}}"),
    );
    let out = f.run(&["validate"]);
    let text = format!("{}{}", stdout(&out), common::stderr(&out));
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("P024"), "{text}");
    assert!(text.contains("… (1000 characters)"), "{text}");
    assert!(text.len() < 4000, "{} bytes", text.len());
    // A label that would break a table or run a script lands escaped.
    let f = plan();
    f.edit(
        "plan/B/IN-B-11.04.yaml",
        "label: Nombre de personnes",
        "label: \"a | b <script>alert(1)</script>\"",
    );
    let md = stdout(&f.run(&["digest", "--as-of", AS_OF, "--lang", "en"]));
    let line = md
        .lines()
        .find(|l| l.starts_with("| IN-B-11.04 |"))
        .expect(&md);
    assert!(line.contains("a \\| b"), "{line}");
    assert!(!line.contains("<script>"), "{line}");
    let out = f.run(&["site", "-o", "_site", "--as-of", AS_OF]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let page = f.read("_site/en/digest.html");
    assert!(page.contains("&lt;script&gt;"), "escaped in the roll-up");
    assert!(!page.contains("<script>alert"), "no script in the page");
}
