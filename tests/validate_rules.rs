//! One test per rule of `pan validate`: the smallest plan that triggers it, and the code,
//! file, line and exit status it must produce.

mod common;

use common::{ACTION, ACTION_PATH, Fixture, READINGS_PATH, stdout};

const HEADER: &str = "indicator,period,value,source,note,recorded,replaces\n";

/// Validate and check that `code` is reported at `file:line`, with exit status `exit`.
#[track_caller]
fn expect(f: &Fixture, code: &str, file: &str, line: u64, exit: i32) {
    let (status, diags) = f.validate(&[]);
    assert!(
        diags
            .iter()
            .any(|(c, fl, l)| c == code && fl == file && *l == line),
        "expected {code} at {file}:{line}, got {diags:?}"
    );
    assert_eq!(status, exit, "exit status; diagnostics: {diags:?}");
}

#[test]
fn the_minimal_plan_is_clean() {
    let f = Fixture::new();
    let (status, diags) = f.validate(&[]);
    assert_eq!((status, diags), (0, vec![]));
}

// --- file rules -------------------------------------------------------------------------

#[test]
fn f001_not_utf8() {
    let f = Fixture::new();
    let mut bytes = ACTION.as_bytes().to_vec();
    let at = ACTION.find("Organiser").unwrap();
    bytes[at] = 0xE9;
    f.write_bytes(ACTION_PATH, &bytes);
    expect(&f, "F001", ACTION_PATH, 3, 1);
}

#[test]
fn f002_empty_file() {
    let f = Fixture::new();
    f.write(ACTION_PATH, "\n  \n");
    expect(&f, "F002", ACTION_PATH, 1, 1);
}

#[test]
fn f003_yaml_syntax() {
    let f = Fixture::new();
    f.edit(
        ACTION_PATH,
        "label: 2024 – 2026",
        "label: 2024 – 2026 : puis: action",
    );
    expect(&f, "F003", ACTION_PATH, 16, 1);
}

#[test]
fn f004_duplicate_key() {
    let f = Fixture::new();
    f.write(ACTION_PATH, &format!("{ACTION}code: IN-B-11.02\n"));
    expect(&f, "F004", ACTION_PATH, 20, 1);
}

#[test]
fn f005_unknown_field() {
    let f = Fixture::new();
    f.edit(ACTION_PATH, "responsible:", "responsable:");
    expect(&f, "F005", ACTION_PATH, 4, 1);
}

#[test]
fn f006_missing_field() {
    let f = Fixture::new();
    f.edit(
        ACTION_PATH,
        "calendar:\n  label: 2024 – 2026\n  start: 2024\n  end: 2026\n",
        "",
    );
    expect(&f, "F006", ACTION_PATH, 1, 1);
}

#[test]
fn f007_wrong_type() {
    let f = Fixture::new();
    f.edit(
        ACTION_PATH,
        "responsible:\n  - MinDigital",
        "responsible: MinDigital, MENEJ",
    );
    expect(&f, "F007", ACTION_PATH, 4, 1);
}

#[test]
fn f008_invalid_value() {
    let f = Fixture::new();
    f.edit(ACTION_PATH, "kind: count", "kind: counter");
    expect(&f, "F008", ACTION_PATH, 11, 1);
}

#[test]
fn f009_file_name_mismatch() {
    let f = Fixture::new();
    f.remove(ACTION_PATH);
    f.write("plan/B/IN-B-11.03.yaml", ACTION);
    expect(&f, "F009", "plan/B/IN-B-11.03.yaml", 1, 1);
}

#[test]
fn f010_wrong_lever_folder() {
    let f = Fixture::new();
    f.remove(ACTION_PATH);
    f.write("plan/C/IN-B-11.02.yaml", ACTION);
    expect(&f, "F010", "plan/C/IN-B-11.02.yaml", 1, 1);
}

#[test]
fn f011_file_too_large() {
    let f = Fixture::new();
    let big = format!("{ACTION}# {}\n", "x".repeat(2 * 1024 * 1024));
    f.write(ACTION_PATH, &big);
    expect(&f, "F011", ACTION_PATH, 1, 1);
}

#[cfg(unix)]
#[test]
fn f012_unreadable_symlink_loop() {
    let f = Fixture::new();
    std::os::unix::fs::symlink(f.path().join("plan/B"), f.path().join("plan/B/loop")).unwrap();
    expect(&f, "F012", "plan/B/loop", 1, 1);
}

#[test]
fn f013_stray_file() {
    let f = Fixture::new();
    f.write("plan/B/IN-B-11.05.yml", ACTION);
    expect(&f, "F013", "plan/B/IN-B-11.05.yml", 1, 0);
}

// --- plan rules -------------------------------------------------------------------------

#[test]
fn p001_duplicate_code() {
    let f = Fixture::new();
    f.write("plan/B/IN-B-11.02-copy.yaml", ACTION);
    expect(&f, "P001", ACTION_PATH, 1, 1);
}

#[test]
fn p002_malformed_code() {
    let f = Fixture::new();
    f.edit(ACTION_PATH, "code: IN-B-11.02", "code: IN-B-11.2");
    expect(&f, "P002", ACTION_PATH, 1, 1);
}

#[test]
fn p003_code_objective_mismatch() {
    let f = Fixture::new();
    f.edit(ACTION_PATH, "objective: B-11", "objective: B-12");
    expect(&f, "P003", ACTION_PATH, 2, 1);
}

#[test]
fn p004_unknown_objective() {
    let f = Fixture::new();
    f.remove(ACTION_PATH);
    f.remove(READINGS_PATH);
    let text = ACTION
        .replace("IN-B-11.02", "IN-B-13.01")
        .replace("B-11", "B-13");
    f.write("plan/B/IN-B-13.01.yaml", &text);
    expect(&f, "P004", "plan/B/IN-B-13.01.yaml", 1, 1);
}

#[test]
fn p005_no_responsible() {
    let f = Fixture::new();
    f.edit(
        ACTION_PATH,
        "responsible:\n  - MinDigital",
        "responsible: []",
    );
    expect(&f, "P005", ACTION_PATH, 4, 1);
}

#[test]
fn p006_unknown_responsible() {
    let f = Fixture::new();
    f.edit(ACTION_PATH, "  - MinDigital", "  - MinDigtal");
    expect(&f, "P006", ACTION_PATH, 5, 1);
}

#[test]
fn p007_unknown_partner() {
    let f = Fixture::new();
    f.edit(ACTION_PATH, "  - MENEJ-IFEN", "  - MENEJ-XYZ");
    expect(&f, "P007", ACTION_PATH, 7, 0);
}

#[test]
fn p008_no_indicator() {
    let f = Fixture::new();
    f.remove(READINGS_PATH);
    let start = ACTION.find("indicators:").unwrap();
    let end = ACTION.find("calendar:").unwrap();
    f.write(
        ACTION_PATH,
        &format!("{}indicators: []\n{}", &ACTION[..start], &ACTION[end..]),
    );
    expect(&f, "P008", ACTION_PATH, 8, 0);
}

#[test]
fn p009_duplicate_indicator() {
    let f = Fixture::new();
    f.edit(ACTION_PATH, "id: participants", "id: seances");
    expect(&f, "P009", ACTION_PATH, 12, 1);
}

#[test]
fn p010_calendar_reversed() {
    let f = Fixture::new();
    f.edit(
        ACTION_PATH,
        "label: 2024 – 2026\n  start: 2024",
        "label: 2027 – 2026\n  start: 2027",
    );
    expect(&f, "P010", ACTION_PATH, 18, 1);
}

#[test]
fn p011_calendar_outside_period() {
    let f = Fixture::new();
    f.edit(
        ACTION_PATH,
        "label: 2024 – 2026\n  start: 2024\n  end: 2026",
        "label: 2024 – 2035\n  start: 2024\n  end: 2035",
    );
    expect(&f, "P011", ACTION_PATH, 18, 0);
}

#[test]
fn p012_calendar_label_mismatch() {
    let f = Fixture::new();
    f.edit(ACTION_PATH, "  end: 2026", "  end: 2028");
    expect(&f, "P012", ACTION_PATH, 16, 0);
}

#[test]
fn p013_states_out_of_order() {
    let f = Fixture::new();
    f.edit(
        ACTION_PATH,
        "states: []",
        "states:\n  - date: 2026-05-01\n    state: in_progress\n  - date: 2026-02-01\n    state: planned",
    );
    expect(&f, "P013", ACTION_PATH, 22, 1);
}

#[test]
fn p014_state_in_future() {
    let f = Fixture::new();
    f.edit(
        ACTION_PATH,
        "states: []",
        "states:\n  - date: 2099-01-01\n    state: done",
    );
    expect(&f, "P014", ACTION_PATH, 20, 1);
}

#[test]
fn p015_state_after_closed() {
    let f = Fixture::new();
    f.edit(
        ACTION_PATH,
        "states: []",
        "states:\n  - date: 2026-03-01\n    state: done\n  - date: 2026-04-01\n    state: in_progress",
    );
    expect(&f, "P015", ACTION_PATH, 22, 1);
}

#[test]
fn p015_reopening_is_accepted() {
    let f = Fixture::new();
    f.edit(
        ACTION_PATH,
        "states: []",
        "states:\n  - date: 2026-03-01\n    state: done\n    note: Fin\n  - date: 2026-04-01\n    state: in_progress\n    note: Reprise\n    reopened: true",
    );
    assert_eq!(f.validate(&[]), (0, vec![]));
}

#[test]
fn p021_nothing_to_reopen() {
    let f = Fixture::new();
    f.edit(
        ACTION_PATH,
        "states: []",
        "states:\n  - date: 2026-03-01\n    state: planned\n    note: Prévu\n  - date: 2026-04-01\n    state: in_progress\n    note: Lancé\n    reopened: true",
    );
    expect(&f, "P021", ACTION_PATH, 23, 1);
}

#[test]
fn p022_state_without_note() {
    let f = Fixture::new();
    f.edit(
        ACTION_PATH,
        "states: []",
        "states:\n  - date: 2026-03-01\n    state: planned\n    note: \"  \"",
    );
    expect(&f, "P022", ACTION_PATH, 20, 1);
}

#[test]
fn p016_objective_without_action() {
    let f = Fixture::new();
    f.write(
        "plan/levers.yaml",
        &format!(
            "{}      - code: B-12\n        title: Objectif vide\n",
            common::LEVERS
        ),
    );
    expect(&f, "P016", "plan/levers.yaml", 7, 0);
}

#[test]
fn p017_unused_actor() {
    let f = Fixture::new();
    f.write(
        "plan/actors.yaml",
        &format!(
            "{}  - acronym: XYZ\n    name: Organisme jamais cité\n    kind: external\n",
            common::ACTORS
        ),
    );
    expect(&f, "P017", "plan/actors.yaml", 14, 0);
}

#[test]
fn p018_duplicate_definition() {
    let f = Fixture::new();
    f.write(
        "plan/actors.yaml",
        &format!("{}  - acronym: MinDigital\n    name: Doublon\n    kind: ministry\n    ministry: MinDigital\n", common::ACTORS),
    );
    expect(&f, "P018", "plan/actors.yaml", 14, 1);
}

#[test]
fn p019_bad_ministry() {
    let f = Fixture::new();
    f.edit(
        "plan/actors.yaml",
        "kind: agency\n    ministry: MENEJ",
        "kind: agency\n    ministry: MENJ",
    );
    expect(&f, "P019", "plan/actors.yaml", 13, 1);
}

#[test]
fn p020_empty_text() {
    let f = Fixture::new();
    f.edit(
        ACTION_PATH,
        "action: Organiser des rencontres mensuelles « IT Trainer Meetups ».",
        "action: \"\"",
    );
    expect(&f, "P020", ACTION_PATH, 3, 0);
}

// --- readings rules ---------------------------------------------------------------------

#[test]
fn r001_reading_unknown_action() {
    let f = Fixture::new();
    f.write("indicators/B/IN-B-99.01.csv", common::READINGS);
    expect(&f, "R001", "indicators/B/IN-B-99.01.csv", 1, 1);
}

#[test]
fn r002_reading_unknown_indicator() {
    let f = Fixture::new();
    f.write(
        READINGS_PATH,
        &format!("{HEADER}seance,2024,11,Rapport,,,\n"),
    );
    expect(&f, "R002", READINGS_PATH, 2, 1);
}

#[test]
fn r003_reading_bad_value() {
    let f = Fixture::new();
    f.write(
        READINGS_PATH,
        &format!("{HEADER}seances,2024,-3,Rapport,,,\n"),
    );
    expect(&f, "R003", READINGS_PATH, 2, 1);
}

#[test]
fn r004_reading_bad_period() {
    let f = Fixture::new();
    f.write(
        READINGS_PATH,
        &format!("{HEADER}seances,2024-T1,3,Rapport,,,\n"),
    );
    expect(&f, "R004", READINGS_PATH, 2, 1);
}

#[test]
fn r005_reading_duplicate() {
    let f = Fixture::new();
    f.write(
        READINGS_PATH,
        &format!("{HEADER}seances,2024,11,Rapport,,,\nseances,2024,12,Rapport,,,\n"),
    );
    expect(&f, "R005", READINGS_PATH, 3, 1);
}

#[test]
fn r005_explicit_replacement_is_accepted() {
    let f = Fixture::new();
    f.write(
        READINGS_PATH,
        &format!("{HEADER}seances,2024,11,Rapport,,,\nseances,2024,12,Rapport,corrigé,,11\n"),
    );
    assert_eq!(f.validate(&[]), (0, vec![]));
}

#[test]
fn r006_reading_in_future() {
    let f = Fixture::new();
    f.write(
        READINGS_PATH,
        &format!("{HEADER}seances,2099,11,Rapport,,,\n"),
    );
    expect(&f, "R006", READINGS_PATH, 2, 1);
}

#[test]
fn r007_reading_bad_header() {
    let f = Fixture::new();
    f.write(
        READINGS_PATH,
        "indicateur,période,valeur\nseances,2024,11\n",
    );
    expect(&f, "R007", READINGS_PATH, 1, 1);
}

#[test]
fn r008_reading_ragged_row() {
    let f = Fixture::new();
    f.write(
        READINGS_PATH,
        &format!("{HEADER}seances,2024,11,Rapport, 2024,,,\n"),
    );
    expect(&f, "R008", READINGS_PATH, 2, 1);
}

#[test]
fn r009_reading_overdue() {
    let f = Fixture::new();
    f.edit(
        ACTION_PATH,
        "    kind: count\n",
        "    kind: count\n    every: year\n",
    );
    expect(&f, "R009", ACTION_PATH, 12, 0);
}

#[test]
fn r010_reading_bad_replacement() {
    let f = Fixture::new();
    f.write(
        READINGS_PATH,
        &format!("{HEADER}seances,2024,11,Rapport,,,\nseances,2025,12,Rapport,,,11\n"),
    );
    expect(&f, "R010", READINGS_PATH, 3, 1);
}

#[test]
fn r011_reading_no_source() {
    let f = Fixture::new();
    f.write(READINGS_PATH, &format!("{HEADER}seances,2024,11,,,,\n"));
    expect(&f, "R011", READINGS_PATH, 2, 1);
}

#[test]
fn r012_reading_deliverable_twice() {
    let f = Fixture::new();
    f.edit(
        ACTION_PATH,
        "calendar:",
        "  - id: rapport\n    label: Rapport publié\n    kind: deliverable\ncalendar:",
    );
    f.write(
        READINGS_PATH,
        &format!("{HEADER}rapport,2024,done,MinDigital,,,\nrapport,2025,done,MinDigital,,,\n"),
    );
    expect(&f, "R012", READINGS_PATH, 3, 0);
}

#[test]
fn every_rule_has_a_test_here() {
    let source = include_str!("validate_rules.rs");
    for rule in pan::diag::rules::ALL {
        let name = format!("fn {}_", rule.code.to_lowercase());
        assert!(source.contains(&name), "no test for {}", rule.code);
    }
}

#[test]
fn f014_unused_allowance() {
    let f = Fixture::new();
    f.write(
        "pan.toml",
        &format!(
            "{}[validate]\nallow = [\n  {{ rule = \"P999\", reason = \"typo\" }},\n  {{ rule = \"P005\", action = \"IN-B-11.02\", reason = \"fixed since\" }},\n]\n",
            common::PAN_TOML
        ),
    );
    expect(&f, "F014", "pan.toml", 7, 0);
    expect(&f, "F014", "pan.toml", 8, 0);
    assert_eq!(
        f.validate(&["--deny", "warnings"]).0,
        1,
        "the list cannot rot"
    );
}

// --- breakdowns ---------------------------------------------------------------------------

const DIMENSIONS: &str = "dimensions:\n  - id: canton\n    label: Canton\n    values:\n      - id: wiltz\n        label: Wiltz\n      - id: remich\n        label: Remich\n";

/// The minimal plan with a dimension `canton` that `participants` may be broken down by.
fn with_canton() -> Fixture {
    let f = Fixture::new();
    f.write("plan/dimensions.yaml", DIMENSIONS);
    f.edit(
        ACTION_PATH,
        "label: Nombre de participants\n    kind: count\n",
        "label: Nombre de participants\n    kind: count\n    breakdowns: [canton]\n",
    );
    f
}

const BY_CANTON: &str = "indicator,period,value,source,note,recorded,replaces,canton\n";

#[test]
fn p023_unknown_dimension() {
    let f = with_canton();
    f.edit(ACTION_PATH, "breakdowns: [canton]", "breakdowns: [commune]");
    expect(&f, "P023", ACTION_PATH, 12, 1);
}

#[test]
fn p025_unused_translation() {
    let f = Fixture::new();
    f.write(
        "plan/translations/en.yaml",
        "levers:\n  B: Deepen digital skills\n  Z: Unknown\n",
    );
    // A warning: the rest of the file is used, and validation passes.
    expect(&f, "P025", "plan/translations/en.yaml", 3, 0);
}

#[test]
fn r013_reading_unknown_dimension() {
    let f = with_canton();
    f.write(
        READINGS_PATH,
        "indicator,period,value,source,note,recorded,replaces,commune\nparticipants,2024,3,S,,,,wiltz\n",
    );
    expect(&f, "R013", READINGS_PATH, 1, 1);
}

#[test]
fn r014_reading_unknown_dimension_value() {
    let f = with_canton();
    f.write(
        READINGS_PATH,
        &format!("{BY_CANTON}participants,2024,3,S,,,,clervaux\n"),
    );
    expect(&f, "R014", READINGS_PATH, 2, 1);
}

#[test]
fn r015_reading_undeclared_dimension() {
    let f = with_canton();
    f.write(
        READINGS_PATH,
        &format!("{BY_CANTON}seances,2024,3,S,,,,wiltz\n"),
    );
    expect(&f, "R015", READINGS_PATH, 2, 1);
}

#[test]
fn r016_reading_breakdown_twice() {
    let f = with_canton();
    f.write(
        READINGS_PATH,
        &format!("{BY_CANTON}participants,2024,3,S,,,,wiltz\nparticipants,2024,4,S,,,,remich\nparticipants,2024,5,S,,,,wiltz\n"),
    );
    expect(&f, "R016", READINGS_PATH, 4, 1);
}

#[test]
fn r017_reading_breakdown_exceeds_total() {
    let f = with_canton();
    f.write(
        READINGS_PATH,
        &format!("{BY_CANTON}participants,2024,5,S,,,,\nparticipants,2024,3,S,,,,wiltz\nparticipants,2024,4,S,,,,remich\n"),
    );
    expect(&f, "R017", READINGS_PATH, 4, 0);
}

#[test]
fn r018_reading_periods_disagree() {
    let head = "indicator,period,value,source,note,recorded,replaces\n";
    // The year and its two halves disagree (the case): said at the last row.
    let f = Fixture::new();
    f.write(
        READINGS_PATH,
        &format!("{head}seances,2024,11,S,,2026-01-15,\nseances,2024-H1,5,S,,2026-01-16,\nseances,2024-H2,8,S,,2026-01-17,\n"),
    );
    expect(&f, "R018", READINGS_PATH, 4, 0);
    let out = f.run(&["validate"]);
    assert!(
        stdout(&out).contains(
            "`seances` is 11 for 2024, but its readings for 2024-H1, 2024-H2 add up to 13, more"
        ),
        "{}",
        stdout(&out)
    );
    // The latest is the annual figure, not the half recorded after it.
    let status = stdout(&f.run(&["status", "--format", "json", "--as-of", "2026-11-23"]));
    let json: serde_json::Value = serde_json::from_str(&status).unwrap();
    assert_eq!(json["rows"][0]["latest"][0]["period"], "2024", "{status}");
    // Halves that cover the year and add up to something else.
    f.write(
        READINGS_PATH,
        &format!("{head}seances,2024,11,S,,2026-01-15,\nseances,2024-H1,5,S,,2026-01-16,\nseances,2024-H2,4,S,,2026-01-17,\n"),
    );
    expect(&f, "R018", READINGS_PATH, 4, 0);
    // Parts that agree, or a part that does not cover the whole and stays below it: nothing.
    for rows in [
        "seances,2024,11,S,,2026-01-15,\nseances,2024-H1,5,S,,2026-01-16,\nseances,2024-H2,6,S,,2026-01-17,\n",
        "seances,2024,11,S,,2026-01-15,\nseances,2024-Q1,2,S,,2026-01-16,\nseances,2024-Q2,3,S,,2026-01-17,\n",
        "seances,2024,11,S,,2026-01-15,\nseances,2024-H1,5,S,,2026-01-16,\nseances,2024-H1,6,S,,2026-01-17,5\nseances,2024-H2,5,S,,2026-01-17,\n",
    ] {
        f.write(READINGS_PATH, &format!("{head}{rows}"));
        assert_eq!(f.validate(&[]), (0, vec![]), "{rows}");
    }
    // A level does not add up: not checked.
    f.edit(
        common::ACTION_PATH,
        "    kind: count\n  - id: participants",
        "    kind: count\n    measure: level\n  - id: participants",
    );
    f.write(
        READINGS_PATH,
        &format!("{head}seances,2024,11,S,,2026-01-15,\nseances,2024-H1,50,S,,2026-01-16,\n"),
    );
    assert_eq!(f.validate(&[]), (0, vec![]));
}

#[test]
fn p024_bad_target() {
    let with = |targets: &str, kind: &str| {
        let f = Fixture::new();
        f.edit(
            ACTION_PATH,
            "label: Nombre de séances réalisées\n    kind: count\n",
            &format!(
                "label: Nombre de séances réalisées\n    kind: {kind}\n    targets: {targets}\n"
            ),
        );
        f
    };
    // A key that is not a year, a value that is not a number, a percent above 100, a
    // deliverable with a target, a list instead of a mapping: each named at its line.
    expect(&with("{20x6: 12}", "count"), "P024", ACTION_PATH, 12, 1);
    expect(&with("{2026: douze}", "count"), "P024", ACTION_PATH, 12, 1);
    expect(&with("{2026: 120}", "percent"), "P024", ACTION_PATH, 12, 1);
    expect(
        &with("{2026: 1}", "deliverable"),
        "P024",
        ACTION_PATH,
        12,
        1,
    );
    expect(&with("[12, 30]", "count"), "F007", ACTION_PATH, 12, 1);
    // Block style, the bad year on its own line.
    let f = Fixture::new();
    f.edit(
        ACTION_PATH,
        "label: Nombre de séances réalisées\n    kind: count\n",
        "label: Nombre de séances réalisées\n    kind: count\n    targets:\n      2026: 12\n      26: 30\n",
    );
    expect(&f, "P024", ACTION_PATH, 14, 1);
    // Years and numbers: clean.
    let (status, diags) = with("{2026: 12, 2028: 30.5}", "count").validate(&[]);
    assert_eq!((status, diags), (0, vec![]));
    let (status, diags) = with("{2026: 45.5}", "percent").validate(&[]);
    assert_eq!((status, diags), (0, vec![]));
}
