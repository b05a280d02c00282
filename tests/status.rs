//! `pan status` on the bundled plan and on small plans: filters, groups, widths, formats.

mod common;

use std::collections::BTreeSet;

use common::{Fixture, stderr, stdout};
use unicode_width::UnicodeWidthStr;

const AS_OF: &str = "2026-11-23";

fn bundled() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("pan").unwrap();
    c.env("PAN_TODAY", "2026-11-30");
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("PAN_ROOT")
        .env("NO_COLOR", "1");
    c
}

fn json_codes(args: &[&str]) -> BTreeSet<String> {
    let mut all = vec!["status", "--format", "json", "--as-of", AS_OF];
    all.extend_from_slice(args);
    let out = bundled().args(&all).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap().to_string())
        .collect()
}

fn plan() -> pan::model::Plan {
    let repo = pan::config::Repo::open(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
    pan::load::load(&pan::load::tree::FsTree::new(&repo.root), &repo.settings).plan
}

#[test]
fn lever_d_lists_its_57_actions() {
    let codes = json_codes(&["--lever", "D"]);
    assert_eq!(codes.len(), 57);
    assert!(codes.iter().all(|c| c.starts_with("IN-D-")));
}

#[test]
fn ministry_menej_includes_its_services() {
    let plan = plan();
    let expected: BTreeSet<String> = plan
        .actions
        .iter()
        .filter(|a| {
            a.responsible
                .iter()
                .any(|r| r == "MENEJ" || r.starts_with("MENEJ-"))
        })
        .map(|a| a.code.to_string())
        .collect();
    let got = json_codes(&["--ministry", "MENEJ"]);
    assert_eq!(got, expected);
    assert!(got.contains("IN-B-5.01"), "MENEJ-IFEN rolls up to MENEJ");
    assert!(expected.len() > 50);
}

#[test]
fn filters_combine() {
    let lever = json_codes(&["--lever", "B"]);
    let ministry = json_codes(&["--ministry", "MENEJ"]);
    let both = json_codes(&["--lever", "B", "--ministry", "MENEJ"]);
    let expected: BTreeSet<String> = lever.intersection(&ministry).cloned().collect();
    assert_eq!(both, expected);
    assert!(!both.is_empty() && both.len() < lever.len());
    let year = json_codes(&["--lever", "B", "--ministry", "MENEJ", "--year", "2029"]);
    assert!(year.is_subset(&both) && year.len() < both.len());
    let two_levers = json_codes(&["--lever", "A,F"]);
    assert_eq!(two_levers.len(), 19 + 23);
}

#[test]
fn search_ignores_case_and_accents() {
    let plain = json_codes(&["--search", "competences"]);
    let accented = json_codes(&["--search", "COMPÉTENCES"]);
    assert_eq!(plain, accented);
    assert!(plain.len() > 30, "{}", plain.len());
    assert!(plain.contains("IN-B-1.01"));
}

#[test]
fn actor_filter_matches_partners_exactly() {
    let codes = json_codes(&["--actor", "ErwuesseBildung ASBL"]);
    assert_eq!(
        codes,
        BTreeSet::from(["IN-B-11.02".to_string(), "IN-B-11.03".to_string()])
    );
}

#[test]
fn unknown_values_list_the_valid_ones() {
    for (args, want) in [
        (&["--lever", "G"][..], "levers: A, B, C, D, E, F"),
        (
            &["--ministry", "MENEJ-IFEN"][..],
            "is not a ministry but an actor (Institut de formation de l'Éducation nationale)\n  hint: use --actor MENEJ-IFEN",
        ),
        (&["--objective", "B-99"][..], "objectives: A-1"),
        (&["--actor", "MinDigtal"][..], "did you mean `MinDigital`?"),
    ] {
        let out = bundled().arg("status").args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(want), "{args:?}: {}", stderr(&out));
    }
    let out = bundled()
        .args(["status", "--health", "bad"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("healths: late, due, stale, no_data, on_track"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn piped_output_is_never_cut() {
    let out = bundled()
        .env_remove("COLUMNS")
        .args(["status", "--as-of", AS_OF])
        .output()
        .unwrap();
    let text = stdout(&out);
    let json: serde_json::Value = serde_json::from_slice(
        &bundled()
            .args(["status", "--as-of", AS_OF, "--format", "json"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    // Every responsible list, however long, appears whole on its action's line.
    for row in json["rows"].as_array().unwrap() {
        let code = row["code"].as_str().unwrap();
        let responsible: Vec<&str> = row["responsible"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{code} ")))
            .unwrap_or_else(|| panic!("{code} in {text}"));
        assert!(line.contains(&responsible.join(", ")), "{line}");
    }
    assert!(!text.contains('…'), "nothing cut: {text}");
}

#[test]
fn the_table_fits_80_and_200_columns() {
    for width in [80usize, 120, 200] {
        let out = bundled()
            .env("COLUMNS", width.to_string())
            .args(["status", "--as-of", AS_OF, "--group-by", "lever"])
            .output()
            .unwrap();
        let text = stdout(&out);
        for line in text.lines() {
            assert!(
                line.width() <= width,
                "{width}: {} > {width}: {line}",
                line.width()
            );
        }
        assert!(text.contains("249 actions"), "{text}");
    }
    let wide = stdout(
        &bundled()
            .env("COLUMNS", "200")
            .args(["status", "--as-of", AS_OF])
            .output()
            .unwrap(),
    );
    assert!(
        wide.lines().next().unwrap().contains("Latest reading"),
        "wide terminals show every column"
    );
}

#[test]
fn groups_add_up() {
    let out = bundled()
        .args([
            "status",
            "--format",
            "json",
            "--as-of",
            AS_OF,
            "--group-by",
            "calendar",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let groups = v["groups"].as_array().unwrap();
    let sum: usize = groups
        .iter()
        .map(|g| g["rows"].as_array().unwrap().len())
        .sum();
    assert_eq!(sum, 249);
    let titles: Vec<&str> = groups
        .iter()
        .map(|g| g["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles.first().copied(), Some("ends in 2026"), "{titles:?}");
    assert!(
        titles.contains(&"continuous") && titles.contains(&"depends on another strategy"),
        "{titles:?}"
    );
    let out = bundled()
        .args([
            "status",
            "--format",
            "json",
            "--as-of",
            AS_OF,
            "--group-by",
            "ministry",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let sum: usize = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["rows"].as_array().unwrap().len())
        .sum();
    assert!(sum > 249, "actions of two ministries are in both groups");
}

#[test]
fn colours_only_when_asked_or_on_a_terminal() {
    let plain = stdout(
        &bundled()
            .args(["status", "--lever", "A", "--as-of", AS_OF])
            .output()
            .unwrap(),
    );
    assert!(!plain.contains('\x1b'));
    let forced = stdout(
        &bundled()
            .args([
                "--color", "always", "status", "--lever", "A", "--as-of", AS_OF,
            ])
            .output()
            .unwrap(),
    );
    assert!(forced.contains('\x1b'));
}

#[test]
fn health_follows_the_as_of_date() {
    let f = Fixture::new();
    let health = |as_of: &str| -> String {
        let out = f.run(&["status", "--format", "json", "--as-of", as_of]);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["rows"][0]["health"].as_str().unwrap().to_string()
    };
    assert_eq!(
        health("2025-06-01"),
        "no_data",
        "the 2024 reading was only recorded on 2026-01-15"
    );
    assert_eq!(health("2026-01-20"), "due", "calendar ends in 2026");
    assert_eq!(health("2026-03-01"), "due", "calendar ends in 2026");
    assert_eq!(health("2027-01-01"), "late");
    f.run(&[
        "update",
        "IN-B-11.02",
        "--state",
        "done",
        "--date",
        "2026-02-01",
        "--note",
        "Terminé",
    ]);
    assert_eq!(health("2027-01-01"), "done");
    assert_eq!(
        health("2026-01-15"),
        "due",
        "a report for a past date ignores later states"
    );
}

#[test]
fn csv_and_markdown_are_well_formed() {
    let csv = stdout(
        &bundled()
            .args([
                "status", "--lever", "C", "--format", "csv", "--as-of", AS_OF,
            ])
            .output()
            .unwrap(),
    );
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(r.records().count(), 29);
    let md = stdout(
        &bundled()
            .args([
                "status", "--lever", "C", "--format", "markdown", "--as-of", AS_OF,
            ])
            .output()
            .unwrap(),
    );
    let table_lines: Vec<&str> = md.lines().filter(|l| l.starts_with('|')).collect();
    assert_eq!(table_lines.len(), 29 + 2);
}

#[test]
fn snapshot_of_the_lever_d_table() {
    let out = bundled()
        .env("COLUMNS", "120")
        .args(["status", "--lever", "D", "--as-of", AS_OF])
        .output()
        .unwrap();
    insta::assert_snapshot!("status_lever_d_120", stdout(&out));
}

#[test]
fn snapshot_of_the_lever_a_json() {
    let out = bundled()
        .args([
            "status", "--lever", "A", "--as-of", AS_OF, "--format", "json",
        ])
        .output()
        .unwrap();
    insta::assert_snapshot!("status_lever_a_json", stdout(&out));
}

#[test]
fn snapshot_of_groups_by_health_at_80_columns() {
    let out = bundled()
        .env("COLUMNS", "80")
        .args([
            "status",
            "--as-of",
            AS_OF,
            "--group-by",
            "health",
            "--lever",
            "B",
        ])
        .output()
        .unwrap();
    insta::assert_snapshot!("status_lever_b_by_health_80", stdout(&out));
}

#[test]
fn a_correction_recorded_later_does_not_hide_the_value_of_a_past_date() {
    let f = common::Fixture::new();
    f.write(
        common::READINGS_PATH,
        "indicator,period,value,source,note,recorded,replaces\nseances,2024,11,Rapport,,2026-01-15,\nseances,2024,12,Rapport corrigé,erratum,2026-11-25,11\n",
    );
    let latest = |as_of: &str| {
        let out = f.run(&["status", "--format", "json", "--as-of", as_of]);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["rows"][0]["latest"][0]["value"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        latest("2026-11-23"),
        "11",
        "the correction was not yet known"
    );
    assert_eq!(latest("2026-11-28"), "12");
}

#[test]
fn grouped_tables_share_their_columns() {
    let f = Fixture::bundled();
    let out = f
        .pan()
        .env("COLUMNS", "100")
        .args(["status", "--as-of", AS_OF, "--group-by", "lever"])
        .output()
        .unwrap();
    let text = stdout(&out);
    let headers: Vec<&str> = text
        .lines()
        .filter(|l| l.trim_start().starts_with("Code "))
        .collect();
    assert_eq!(headers.len(), 6, "{text}");
    for h in &headers {
        assert_eq!(h, &headers[0], "every group has the same columns:\n{text}");
    }
}

#[test]
fn at_40_columns_the_text_is_shortened_before_health_is_dropped() {
    let f = Fixture::bundled();
    let out = f
        .pan()
        .env("COLUMNS", "40")
        .args(["status", "--lever", "B", "--as-of", AS_OF])
        .output()
        .unwrap();
    let text = stdout(&out);
    let header = text.lines().next().unwrap();
    assert!(
        header.contains("Health") && header.contains("Action"),
        "{text}"
    );
    for line in text.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 40,
            "{line:?}"
        );
    }
    assert!(text.contains("IN-B-11.02") && text.contains('…'), "{text}");
}

#[test]
fn status_and_show_speak_the_language_asked_for() {
    let f = Fixture::bundled();
    let fr = stdout(&f.run(&["status", "--lever", "B", "--as-of", AS_OF, "--lang", "fr"]));
    assert!(fr.lines().next().unwrap().contains("Situation"), "{fr}");
    assert!(
        fr.contains("échéance proche") && fr.contains("situation au"),
        "{fr}"
    );
    let en = stdout(&f.run(&["status", "--lever", "B", "--as-of", AS_OF]));
    assert!(en.contains("Health") && en.contains("due"), "{en}");
    let md = stdout(&f.run(&[
        "status", "--lever", "B", "--as-of", AS_OF, "--format", "markdown", "--lang", "en",
    ]));
    assert!(md.starts_with("Status as of"), "{md}");
    let card = stdout(&f.run(&["show", "IN-B-11.02", "--as-of", AS_OF, "--lang", "fr"]));
    for w in [
        "Responsable(s)",
        "Calendrier",
        "Situation",
        "Indicateurs",
        "Relevés",
        "Objectif B-11",
    ] {
        assert!(card.contains(w), "{w}: {card}");
    }
    let md = stdout(&f.run(&[
        "show",
        "IN-B-11.02",
        "--as-of",
        AS_OF,
        "--format",
        "markdown",
        "--lang",
        "en",
    ]));
    assert!(md.contains("| Field | Value |"), "{md}");
}

#[test]
fn show_fits_every_line_to_the_terminal() {
    let f = Fixture::bundled();
    for width in [40usize, 60, 100] {
        let out = f
            .pan()
            .env("COLUMNS", width.to_string())
            .args(["show", "IN-B-11.02", "--as-of", AS_OF])
            .output()
            .unwrap();
        let text = stdout(&out);
        assert!(text.contains("participants"), "{text}");
        for line in text.lines() {
            assert!(
                unicode_width::UnicodeWidthStr::width(line) <= width,
                "{width}: {line:?}"
            );
        }
    }
    // Piped without a width, nothing is cut.
    let out = f
        .pan()
        .env_remove("COLUMNS")
        .args(["show", "IN-B-11.02", "--as-of", AS_OF])
        .output()
        .unwrap();
    assert!(
        stdout(&out)
            .contains("Le rapport ne dit pas s'il s'agit de personnes distinctes ou de présences.")
    );
}

/// French spaces its colons one way: a no-break space before each, in the first line
/// (date, then totals) and in every group's title and totals.
#[test]
fn french_markdown_spaces_every_colon_alike() {
    for group in ["health", "state"] {
        let out = bundled()
            .args([
                "status",
                "--format",
                "markdown",
                "--as-of",
                AS_OF,
                "--group-by",
                group,
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let text = stdout(&out);
        let lines: Vec<&str> = text
            .lines()
            .filter(|l| !l.starts_with('|') && l.contains(':'))
            .collect();
        assert!(lines.len() >= 3, "{text}");
        for l in lines {
            assert_eq!(
                l.matches(':').count(),
                l.matches("\u{a0}:").count(),
                "a colon spaced otherwise: {l:?}"
            );
        }
    }
}
