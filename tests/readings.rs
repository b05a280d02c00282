//! `pan reading`: add, import, list, template — checked before anything is written, safe
//! under concurrency.

mod common;

use common::{Fixture, READINGS_PATH, stderr, stdout};

fn add(f: &Fixture, args: &[&str]) -> std::process::Output {
    let mut all = vec!["reading", "add"];
    all.extend_from_slice(args);
    f.run(&all)
}

#[test]
fn add_records_a_reading_in_order_and_says_so() {
    let f = Fixture::new();
    let out = add(
        &f,
        &[
            "IN-B-11.02",
            "participants",
            "34",
            "--period",
            "2024",
            "--source",
            "Rapport 2024",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("recorded IN-B-11.02 participants 2024 = 34"),
        "{}",
        stdout(&out)
    );
    let out = add(
        &f,
        &[
            "IN-B-11.02",
            "seances",
            "12",
            "--period",
            "2025",
            "--source",
            "Rapport 2025",
            "--note",
            "a, b",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = f.read(READINGS_PATH);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "indicator,period,value,source,note,recorded,replaces"
    );
    assert_eq!(
        lines[1], "seances,2024,11,Rapport d'activité 2024,,2026-01-15,",
        "existing rows stay byte for byte"
    );
    assert!(
        lines[2].starts_with("seances,2025,12,Rapport 2025,\"a, b\","),
        "{text}"
    );
    assert!(
        lines[3].starts_with("participants,2024,34,Rapport 2024,,"),
        "{text}"
    );
}

#[test]
fn add_refuses_bad_input_and_writes_nothing() {
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "IN-B-99.01",
                "seances",
                "3",
                "--period",
                "2024",
                "--source",
                "S",
            ],
            "no action IN-B-99.01",
        ),
        (
            &[
                "IN-B-11.02",
                "seance",
                "3",
                "--period",
                "2024",
                "--source",
                "S",
            ],
            "did you mean `seances`?",
        ),
        (
            &[
                "IN-B-11.02",
                "seances",
                "-3",
                "--period",
                "2024",
                "--source",
                "S",
            ],
            "negative",
        ),
        (
            &[
                "IN-B-11.02",
                "seances",
                "trois",
                "--period",
                "2024",
                "--source",
                "S",
            ],
            "not a number",
        ),
        (
            &[
                "IN-B-11.02",
                "seances",
                "3",
                "--period",
                "2024-T1",
                "--source",
                "S",
            ],
            "is not a period",
        ),
        (
            &[
                "IN-B-11.02",
                "seances",
                "3",
                "--period",
                "2099",
                "--source",
                "S",
            ],
            "has not begun",
        ),
        (
            &[
                "IN-B-11.02",
                "seances",
                "3",
                "--period",
                "2024",
                "--source",
                " ",
            ],
            "source is empty",
        ),
        (
            &[
                "IN-B-11.02",
                "seances",
                "3",
                "--period",
                "2024",
                "--source",
                "S",
            ],
            "already recorded as 11 (line 2 of IN-B-11.02's readings file); if the new value corrects it, record it with --replace",
        ),
        (
            &[
                "IN-B-11.02",
                "seances",
                "3",
                "--period",
                "2023",
                "--source",
                "S",
                "--replace",
            ],
            "no reading for 2023 to replace",
        ),
    ];
    for (args, want) in cases {
        let f = Fixture::new();
        let before = f.read(READINGS_PATH);
        let out = add(&f, args);
        // A name that does not exist, or a period that is not one, on the command line is
        // a usage error (2); a value the rules refuse is refused input (1).
        let usage = want.starts_with("no action")
            || want.starts_with("did you mean")
            || want.contains("is not a period");
        assert_eq!(
            out.status.code(),
            Some(if usage { 2 } else { 1 }),
            "{args:?}"
        );
        assert!(stderr(&out).contains(want), "{args:?}: {}", stderr(&out));
        assert_eq!(f.read(READINGS_PATH), before, "{args:?} changed the file");
    }
}

#[test]
fn percent_over_100_is_refused() {
    let f = Fixture::new();
    f.edit(
        "plan/B/IN-B-11.02.yaml",
        "calendar:",
        "  - id: taux\n    label: Taux de satisfaction\n    kind: percent\ncalendar:",
    );
    let out = add(
        &f,
        &[
            "IN-B-11.02",
            "taux",
            "100,5",
            "--period",
            "2024",
            "--source",
            "S",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("outside 0–100"), "{}", stderr(&out));
    let out = add(
        &f,
        &[
            "IN-B-11.02",
            "taux",
            "60,1",
            "--period",
            "2024",
            "--source",
            "S",
        ],
    );
    assert!(out.status.success(), "a decimal comma is accepted");
    assert!(f.read(READINGS_PATH).contains("taux,2024,60.1,S,"));
}

#[test]
fn replace_keeps_the_old_row_and_says_what_it_replaces() {
    let f = Fixture::new();
    let out = add(
        &f,
        &[
            "IN-B-11.02",
            "seances",
            "12",
            "--period",
            "2024",
            "--source",
            "Rapport corrigé",
            "--replace",
            "--note",
            "erratum",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = f.read(READINGS_PATH);
    assert!(
        text.contains("seances,2024,11,Rapport d'activité 2024,,2026-01-15,\n"),
        "{text}"
    );
    assert!(
        text.contains(",erratum,") && text.trim_end().ends_with(",11"),
        "{text}"
    );
    let (status, diags) = f.validate(&[]);
    assert_eq!((status, diags), (0, vec![]));
    let list = stdout(&f.run(&["reading", "list", "IN-B-11.02", "--format", "json"]));
    let doc: serde_json::Value = serde_json::from_str(&list).unwrap();
    assert_eq!(doc["version"], 1);
    let rows = &doc["readings"];
    assert_eq!(rows.as_array().unwrap().len(), 2);
    assert_eq!(rows[1]["replaces"], "11");
}

#[test]
fn parallel_adds_lose_nothing() {
    let f = Fixture::new();
    f.remove(READINGS_PATH);
    let bin = assert_cmd::cargo::cargo_bin("pan");
    let processes = 8;
    let each = 50;
    let handles: Vec<_> = (0..processes)
        .map(|p| {
            let bin = bin.clone();
            let dir = f.path().to_path_buf();
            std::thread::spawn(move || {
                for i in 0..each {
                    // Distinct days of 2025 (and 2024) so that no two readings collide.
                    let n = p * each + i;
                    let day = jiff::civil::date(2024, 1, 1)
                        .checked_add(jiff::Span::new().days(n as i64))
                        .unwrap();
                    let status = std::process::Command::new(&bin)
                        .current_dir(&dir)
                        .env_remove("PAN_ROOT")
                        .env("PAN_TODAY", common::TODAY)
                        .args([
                            "reading",
                            "add",
                            "IN-B-11.02",
                            "participants",
                            &n.to_string(),
                            "--period",
                            &day.to_string(),
                            "--source",
                            "test",
                        ])
                        .output()
                        .unwrap();
                    assert!(
                        status.status.success(),
                        "{}",
                        String::from_utf8_lossy(&status.stderr)
                    );
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let text = f.read(READINGS_PATH);
    let rows: Vec<&str> = text.lines().skip(1).collect();
    assert_eq!(rows.len(), processes * each, "every row is there");
    let mut values: Vec<u32> = rows
        .iter()
        .map(|r| r.split(',').nth(2).unwrap().parse().unwrap())
        .collect();
    values.sort();
    assert_eq!(
        values,
        (0..(processes * each) as u32).collect::<Vec<_>>(),
        "each once"
    );
    let mut periods: Vec<&str> = rows.iter().map(|r| r.split(',').nth(1).unwrap()).collect();
    let sorted = {
        let mut s = periods.clone();
        s.sort();
        s
    };
    assert_eq!(periods, sorted, "rows stay in period order");
    periods.dedup();
    assert_eq!(periods.len(), processes * each);
    assert_eq!(f.validate(&[]).0, 0, "the file is valid");
}

const IMPORT: &str = "\u{feff}code;indicator;period;value;source;note\r\nIN-B-11.02;participants;2024;34;Rapport 2024;\r\nIN-B-11.02;seances;2025;\"12,0\";Rapport 2025;décimale\r\nIN-B-11.02;participants;;;;\r\n";

#[test]
fn import_accepts_what_french_spreadsheets_write() {
    let f = Fixture::new();
    f.write("figures.csv", IMPORT);
    let out = f.run(&["reading", "import", "figures.csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("2 readings recorded in 1 file (1 empty row skipped)"),
        "{}",
        stdout(&out)
    );
    let text = f.read(READINGS_PATH);
    assert!(
        text.contains("seances,2025,12.0,Rapport 2025,décimale,"),
        "the value is written as typed, its decimal comma a point: {text}"
    );
    assert!(
        text.contains("participants,2024,34,Rapport 2024,,"),
        "{text}"
    );
}

#[test]
fn import_with_one_bad_row_writes_nothing_and_names_the_row() {
    let f = Fixture::new();
    let bad = format!(
        "{IMPORT}IN-B-11.02;participants;2025;-5;Rapport;\r\nIN-B-11.02;seances;2026;1;Rapport;\r\n"
    );
    f.write("figures.csv", &bad);
    let before = f.read(READINGS_PATH);
    let out = f.run(&["reading", "import", "figures.csv"]);
    assert_eq!(out.status.code(), Some(1));
    let e = stderr(&out);
    assert!(
        e.contains("figures.csv:5:") && e.contains("negative"),
        "{e}"
    );
    assert!(e.contains("nothing was written"), "{e}");
    assert_eq!(f.read(READINGS_PATH), before);
}

#[test]
fn import_refuses_duplicates_within_the_file_and_with_what_is_recorded() {
    let f = Fixture::new();
    f.write("figures.csv", "code,indicator,period,value,source,note\nIN-B-11.02,seances,2024,3,S,\nIN-B-11.02,participants,2025,3,S,\nIN-B-11.02,participants,2025,4,S,\n");
    let out = f.run(&["reading", "import", "figures.csv"]);
    assert_eq!(out.status.code(), Some(1));
    let e = stderr(&out);
    assert!(
        e.contains("figures.csv:2:") && e.contains("already recorded"),
        "{e}"
    );
    assert!(
        e.contains("figures.csv:4:") && e.contains("already on line 3"),
        "{e}"
    );
}

#[test]
fn import_dry_run_writes_nothing() {
    let f = Fixture::new();
    f.write("figures.csv", IMPORT);
    let before = f.read(READINGS_PATH);
    let out = f.run(&["reading", "import", "figures.csv", "--dry-run"]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("would record IN-B-11.02 participants 2024 = 34"));
    assert_eq!(f.read(READINGS_PATH), before);
}

#[test]
fn template_round_trips_through_import() {
    let f = Fixture::new();
    let out = f.run(&[
        "reading",
        "template",
        "--ministry",
        "MinDigital",
        "--excel",
        "-o",
        "t.csv",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let t = f.read("t.csv");
    assert!(
        t.starts_with("\u{feff}code;indicator;period;value;source;note;kind;label;responsible"),
        "{t}"
    );
    assert_eq!(t.lines().count(), 3, "{t}");
    // A focal point fills in one row and sends the file back.
    let filled = t.replacen(
        "IN-B-11.02;participants;;;;",
        "IN-B-11.02;participants;2025;40;Tableau de bord;",
        1,
    );
    f.write("t.csv", &filled);
    let out = f.run(&["reading", "import", "t.csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        f.read(READINGS_PATH)
            .contains("participants,2025,40,Tableau de bord,")
    );
    let out = f.run(&["reading", "template", "--ministry", "MFSVA"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("ministries: MinDigital, MENEJ"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn list_filters_and_formats() {
    let f = Fixture::new();
    add(
        &f,
        &[
            "IN-B-11.02",
            "participants",
            "=cmd",
            "--period",
            "2025",
            "--source",
            "S",
        ],
    );
    add(
        &f,
        &[
            "IN-B-11.02",
            "participants",
            "34",
            "--period",
            "2025",
            "--source",
            "=HYPERLINK(\"x\")",
        ],
    );
    let out = f.run(&["reading", "list", "--since", "2025", "--format", "csv"]);
    let csv = stdout(&out);
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(
        csv.contains("'=HYPERLINK"),
        "formula cells are neutralised: {csv}"
    );
    let out = f.run(&[
        "reading",
        "list",
        "IN-B-11.02",
        "--indicator",
        "seances",
        "--format",
        "json",
    ]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["readings"].as_array().unwrap().len(), 1);
    let out = f.run(&["reading", "list", "IN-B-11.02", "--indicator", "nope"]);
    assert_eq!(out.status.code(), Some(2));
}

#[cfg(unix)]
#[test]
fn nothing_is_written_through_a_symlink() {
    let f = Fixture::new();
    let outside = tempfile::tempdir().unwrap();
    std::fs::remove_dir_all(f.path().join("indicators/B")).unwrap();
    std::os::unix::fs::symlink(outside.path(), f.path().join("indicators/B")).unwrap();
    let out = add(
        &f,
        &[
            "IN-B-11.02",
            "participants",
            "3",
            "--period",
            "2024",
            "--source",
            "S",
        ],
    );
    assert_ne!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("symbolic link"), "{}", stderr(&out));
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
}

#[test]
fn context_figures_are_recorded_with_the_same_checks() {
    let f = Fixture::bundled();
    let out = f.run(&[
        "reading",
        "add",
        "context",
        "basic-digital-skills",
        "62,5",
        "--period",
        "2025",
        "--source",
        "Eurostat, Digital Decade 2026",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        f.read("indicators/context.csv")
            .contains("basic-digital-skills,2025,62.5,")
    );
    let out = f.run(&[
        "reading",
        "add",
        "context",
        "basic-digital-skills",
        "101",
        "--period",
        "2026",
        "--source",
        "S",
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a percentage over 100 is refused"
    );
    f.write(
        "figures.csv",
        "code,indicator,period,value,source\ncontext,low-internet-users,2025,22,LISER\n",
    );
    let out = f.run(&["reading", "import", "figures.csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        f.read("indicators/context.csv")
            .contains("low-internet-users,2025,22,LISER")
    );
}

#[test]
fn validating_a_past_date_ignores_what_was_recorded_later() {
    let f = Fixture::new();
    f.write(
        READINGS_PATH,
        "indicator,period,value,source,note,recorded,replaces\nseances,2024,11,Rapport,,2026-11-25,\n",
    );
    // Recorded after the as-of date, before today: not an error, just not yet known.
    assert_eq!(f.validate(&[]), (0, vec![]));
    // Recorded after today: an error whatever the as-of date.
    f.write(
        READINGS_PATH,
        "indicator,period,value,source,note,recorded,replaces\nseances,2024,11,Rapport,,2026-12-05,\n",
    );
    let (code, diags) = f.validate(&[]);
    assert_eq!(code, 1);
    assert!(diags.iter().any(|(c, _, _)| c == "R006"), "{diags:?}");
}

#[test]
fn import_refuses_ambiguous_values_and_ragged_rows_with_their_line() {
    let f = Fixture::new();
    let before = f.read(READINGS_PATH);
    for (csv, want) in [
        (
            "code;indicator;period;value;source\nIN-B-11.02;participants;2025;1,234;S\n",
            ":2: ",
        ),
        (
            "code;indicator;period;value;source\nIN-B-11.02;participants;2025;12%;S\n",
            "is a percentage",
        ),
        (
            "code;indicator;period;value;source;note\nIN-B-11.02;participants;2025;3;Rapport MENEJ; p. 3;n\n",
            "7 cells, the header 6",
        ),
    ] {
        f.write("x.csv", csv);
        let out = f.run(&["reading", "import", "x.csv"]);
        assert_eq!(out.status.code(), Some(1), "{csv}");
        assert!(stderr(&out).contains(want), "{csv}: {}", stderr(&out));
        assert_eq!(f.read(READINGS_PATH), before);
    }
    // Re-importing the same file changes nothing and says so.
    f.write(
        "x.csv",
        "code,indicator,period,value,source\nIN-B-11.02,participants,2025,3,S\n",
    );
    assert!(f.run(&["reading", "import", "x.csv"]).status.success());
    let out = f.run(&["reading", "import", "x.csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("1 already recorded with the same value"),
        "{}",
        stdout(&out)
    );
    // A different value for the same period names the way to correct it.
    f.write(
        "x.csv",
        "code,indicator,period,value,source\nIN-B-11.02,participants,2025,4,S\n",
    );
    let out = f.run(&["reading", "import", "x.csv"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("--replace"), "{}", stderr(&out));
    let out = f.run(&["reading", "import", "x.csv", "--replace"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        f.read(READINGS_PATH)
            .contains("participants,2025,4,S,,2026-11-30,3")
    );
}

#[test]
fn import_says_what_is_wrong_with_the_file_and_its_rows() {
    let f = Fixture::new();
    let before = f.read(READINGS_PATH);
    let import = |name: &str| f.run(&["reading", "import", name]);
    let out = import("nothere.xlsx");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("nothere.xlsx: there is no such file\n"),
        "{}",
        stderr(&out)
    );
    // Named as a workbook, but text: never read as CSV.
    f.write("fake.xlsx", "code,indicator\nIN-B-11.02,seances\n");
    let out = import("fake.xlsx");
    assert!(
        stderr(&out).contains("fake.xlsx: the file is named as a workbook but is not one"),
        "{}",
        stderr(&out)
    );
    let header = "code,indicator,period,value,source,note\n";
    f.write(
        "rows.csv",
        &format!(
            "{header}IN-B-11.02,seances,2025,3,S\n,participants,2025,4,S,\nIN-B-11.02,seances,2024,3,\"open quote,\nIN-B-11.02,participants,2025,4,S,\n"
        ),
    );
    let e = stderr(&import("rows.csv"));
    for (line, said) in [
        (
            "rows.csv:2: the row has 5 cells, the header 6\n  hint: every row has every column",
            "short row",
        ),
        (
            "rows.csv:3: the code is empty\n  hint: write the action's code",
            "empty code",
        ),
        (
            "rows.csv:4: the row has 5 cells, the header 6: a double quote opened on this line is not closed",
            "open quote",
        ),
    ] {
        assert!(e.contains(line), "{said}: {e}");
    }
    assert_eq!(f.read(READINGS_PATH), before);
}
