//! The command line on small plans: loading errors, show, export, schema, completions.

mod common;

use common::{ACTION_PATH, Fixture, stderr, stdout};

#[test]
fn a_typo_in_a_field_name_is_never_ignored() {
    let f = Fixture::new();
    f.edit(ACTION_PATH, "responsible:", "responsable:");
    let out = f.run(&["show", "IN-B-11.02"]);
    assert_eq!(out.status.code(), Some(1));
    let e = stderr(&out);
    assert!(
        e.contains("plan/B/IN-B-11.02.yaml:4:1: error[F005]: unknown field `responsable`"),
        "{e}"
    );
    assert!(e.contains("did you mean `responsible`?"), "{e}");
}

#[test]
fn loading_errors_name_file_line_and_column_for_every_command() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "kind: count",
            "kind: 12",
            "plan/B/IN-B-11.02.yaml:11:11: error[F008]",
        ),
        (
            "  start: 2024",
            "  start: [2024]",
            "plan/B/IN-B-11.02.yaml:17:10: error[F007]",
        ),
        (
            "label: 2024 – 2026",
            "label: 2024 – 2026: x",
            "plan/B/IN-B-11.02.yaml:16:",
        ),
        (
            "code: IN-B-11.02",
            "code: IN-B-11.02\ncode: IN-B-11.02",
            "plan/B/IN-B-11.02.yaml:2:1: error[F004]",
        ),
        (
            "objective: B-11\n",
            "",
            "plan/B/IN-B-11.02.yaml:1:1: error[F006]: the action has no `objective` field",
        ),
    ];
    for (from, to, want) in cases {
        let f = Fixture::new();
        f.edit(ACTION_PATH, from, to);
        for cmd in [&["show", "IN-B-11.02"][..], &["export"][..]] {
            let out = f.run(cmd);
            assert_eq!(out.status.code(), Some(1), "{cmd:?} with {to:?}");
            assert!(
                stderr(&out).contains(want),
                "{cmd:?} with {to:?}: {}",
                stderr(&out)
            );
            // What could be read is shown (tests/leniency.rs); the exit status says the
            // output is incomplete, or that the action cannot be read at all.
            let e = stderr(&out);
            assert!(
                e.contains("error: the output is incomplete")
                    || e.contains("IN-B-11.02 could not be read"),
                "{cmd:?} with {to:?}: {e}"
            );
        }
    }
}

#[test]
fn show_prints_the_action_as_published() {
    let f = Fixture::new();
    let out = f.run(&["show", "IN-B-11.02"]);
    assert!(out.status.success());
    let s = stdout(&out);
    assert!(
        s.contains("Organiser des rencontres mensuelles « IT Trainer Meetups »."),
        "{s}"
    );
    assert!(
        s.contains("MinDigital — Ministère de la Digitalisation"),
        "{s}"
    );
    assert!(
        s.contains("MENEJ-IFEN — Institut de formation de l'Éducation nationale (MENEJ)"),
        "{s}"
    );
    assert!(
        s.contains("2024 – 2026") && s.contains("deadline 2026-12-31"),
        "{s}"
    );
    assert!(
        s.contains("seances") && s.contains("Rapport d'activité 2024"),
        "{s}"
    );
}

#[test]
fn show_suggests_the_nearest_codes() {
    let f = Fixture::new();
    let out = f.run(&["show", "IN-B-11.2"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "an unknown code is a usage error"
    );
    assert!(
        stderr(&out).contains("did you mean IN-B-11.02?"),
        "{}",
        stderr(&out)
    );
    let out = f.run(&["show", "b-11.02"]);
    assert!(out.status.success(), "case and prefix are optional");
}

#[test]
fn export_is_one_json_document_in_code_order() {
    let f = Fixture::new();
    f.write(
        "plan/B/IN-B-2.01.yaml",
        &common::ACTION
            .replace("IN-B-11.02", "IN-B-2.01")
            .replace("B-11", "B-2"),
    );
    f.edit(
        "plan/levers.yaml",
        "      - code: B-11",
        "      - code: B-2\n        title: Former\n      - code: B-11",
    );
    let out = f.run(&["export", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes: Vec<&str> = doc["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["IN-B-2.01", "IN-B-11.02"]);
    let a = &doc["actions"][1];
    assert_eq!(a["lever"], "B");
    assert_eq!(a["objective"], "B-11");
    assert_eq!(a["responsible"], serde_json::json!(["MinDigital"]));
    assert_eq!(
        a["indicators"][0],
        serde_json::json!({"id": "seances", "label": "Nombre de séances réalisées", "kind": "count"})
    );
    assert_eq!(a["calendar"]["label"], "2024 – 2026");
    assert_eq!(a["calendar"]["deadline"], "2026-12-31");
    assert_eq!(
        doc["actors"][2],
        serde_json::json!({"acronym": "MENEJ-IFEN", "name": "Institut de formation de l'Éducation nationale", "ministry": "MENEJ", "kind": "agency", "aliases": []})
    );
    assert_eq!(doc["levers"][0]["objectives"][1]["code"], "B-11");
}

#[test]
fn export_writes_a_file_with_o() {
    let f = Fixture::new();
    let out = f.run(&["export", "-o", "out/plan.json"]);
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_str(&f.read("out/plan.json")).unwrap();
    assert_eq!(doc["version"], 1);
}

#[test]
fn root_option_and_env_find_the_plan_from_elsewhere() {
    let f = Fixture::new();
    let elsewhere = tempfile::tempdir().unwrap();
    let run = |args: &[&str], env: Option<&std::path::Path>| {
        let mut c = assert_cmd::Command::cargo_bin("pan").unwrap();
        c.env("PAN_TODAY", "2026-11-30");
        c.current_dir(elsewhere.path())
            .env_remove("PAN_ROOT")
            .args(args);
        if let Some(p) = env {
            c.env("PAN_ROOT", p);
        }
        c.output().unwrap()
    };
    let root = f.path().to_str().unwrap();
    assert!(
        run(&["--root", root, "show", "IN-B-11.02"], None)
            .status
            .success()
    );
    assert!(
        run(&["show", "IN-B-11.02"], Some(f.path()))
            .status
            .success()
    );
    let out = run(
        &[
            "--root",
            elsewhere.path().to_str().unwrap(),
            "show",
            "IN-B-11.02",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("has no pan.toml"), "{}", stderr(&out));
}

#[test]
fn pan_finds_the_plan_from_a_subfolder() {
    let f = Fixture::new();
    let out = f
        .pan()
        .current_dir(f.path().join("plan/B"))
        .args(["show", "IN-B-11.02"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn schema_prints_json_schema_and_checks_committed_files() {
    let f = Fixture::new();
    let out = f.run(&["schema", "action"]);
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema["additionalProperties"], false);
    assert!(
        schema["required"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("responsible"))
    );
    assert_eq!(
        f.run(&["schema", "--check"]).status.code(),
        Some(1),
        "no schema files yet"
    );
    assert!(f.run(&["schema", "--write"]).status.success());
    assert!(f.run(&["schema", "--check"]).status.success());
}

#[test]
fn completions_for_every_shell() {
    let f = Fixture::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = f.run(&["completions", shell]);
        assert!(out.status.success(), "{shell}");
        assert!(stdout(&out).contains("pan"), "{shell}");
    }
}

/// What the shell gets when it asks `pan` for candidates (as the registered script does).
fn complete(f: &Fixture, words: &[&str]) -> Vec<String> {
    let out = f
        .pan()
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", (words.len() - 1).to_string())
        .env("_CLAP_IFS", "\n")
        .arg("--")
        .args(words)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out).lines().map(str::to_string).collect()
}

#[test]
fn completion_offers_the_plan_s_own_names() {
    let f = Fixture::new();
    assert_eq!(complete(&f, &["pan", "show", "IN-B-"]), ["IN-B-11.02"]);
    assert_eq!(complete(&f, &["pan", "update", "in-b-11"]), ["IN-B-11.02"]);
    assert_eq!(
        complete(&f, &["pan", "status", "--ministry", "M"]),
        ["MENEJ", "MinDigital"]
    );
    assert_eq!(
        complete(&f, &["pan", "status", "--actor", "MENEJ-"]),
        ["MENEJ-IFEN"]
    );
    assert_eq!(
        complete(&f, &["pan", "reading", "add", "IN-B-11.02", "se"]),
        ["seances"]
    );
    assert!(complete(&f, &["pan", "reading", "add", "c"]).contains(&"context".to_string()));
}

#[test]
fn completion_offers_the_indicators_of_the_action_typed() {
    let f = Fixture::new();
    f.write(
        "plan/B/IN-B-11.03.yaml",
        &common::ACTION
            .replace("IN-B-11.02", "IN-B-11.03")
            .replace("id: seances", "id: sessions-en-ligne"),
    );
    f.write(
        "plan/context.yaml",
        "indicators:\n  - id: basic-digital-skills\n    label: Compétences numériques de base\n    kind: percent\n    direction: increase\n    source: Eurostat\n",
    );
    // Values only (an empty word is also offered the options).
    let values = |words: &[&str]| -> Vec<String> {
        complete(&f, words)
            .into_iter()
            .filter(|c| !c.starts_with('-'))
            .collect()
    };
    let all = values(&["pan", "reading", "add", "IN-B-11.02", ""]);
    assert_eq!(all, ["participants", "seances"], "only IN-B-11.02's");
    assert_eq!(
        complete(&f, &["pan", "reading", "add", "b-11.03", "s"]),
        ["sessions-en-ligne"]
    );
    assert_eq!(
        values(&["pan", "reading", "add", "context", ""]),
        ["basic-digital-skills"]
    );
    assert_eq!(
        complete(
            &f,
            &["pan", "reading", "list", "IN-B-11.03", "--indicator", "s"]
        ),
        ["sessions-en-ligne"]
    );
    assert!(values(&["pan", "reading", "add", "IN-B-99.01", ""]).is_empty());
}

#[test]
fn every_command_has_help_with_an_example() {
    let f = Fixture::new();
    let out = f.run(&["--help"]);
    let help = stdout(&out);
    let commands: Vec<String> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .map(|l| l.split_whitespace().next().unwrap().to_string())
        .filter(|c| c != "help")
        .collect();
    assert!(commands.len() >= 5, "{help}");
    for c in commands {
        let out = f.run(&[&c, "--help"]);
        assert!(out.status.success(), "{c}");
        assert!(
            stdout(&out).contains("Example"),
            "`pan {c} --help` has no example"
        );
    }
}

#[test]
fn the_starter_example_is_a_clean_plan() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/starter");
    let out = assert_cmd::Command::cargo_bin("pan")
        .unwrap()
        .env("PAN_TODAY", "2026-11-30")
        .args([
            "--root",
            root.to_str().unwrap(),
            "validate",
            "--deny",
            "warnings",
            "--as-of",
            "2026-11-23",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stdout(&out));
    assert!(
        stdout(&out).starts_with("no problems in 4 files"),
        "{}",
        stdout(&out)
    );
    let out = assert_cmd::Command::cargo_bin("pan")
        .unwrap()
        .env("PAN_TODAY", "2026-11-30")
        .args(["--root", root.to_str().unwrap(), "schema", "--check"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn today_comes_from_pan_today_and_a_bad_value_is_refused() {
    let f = Fixture::new();
    // Before the reading was recorded (2026-01-15) there is no data; after 2026 the action is late.
    let health = |today: &str| {
        let out = f
            .pan()
            .env("PAN_TODAY", today)
            .args(["status", "--format", "json"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["as_of"], today);
        v["rows"][0]["health"].as_str().unwrap().to_string()
    };
    assert_eq!(health("2025-06-01"), "no_data");
    assert_eq!(health("2027-06-01"), "late");
    let out = f
        .pan()
        .env("PAN_TODAY", "2026-13-01")
        .arg("status")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("PAN_TODAY=2026-13-01 is not a date"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_reader_that_stops_early_ends_every_listing_quietly() {
    use std::io::Read;
    let f = Fixture::bundled();
    for args in [
        &["export"][..],
        &["status"],
        &["digest"],
        &["reading", "list", "--format", "csv"],
    ] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("pan"))
            .current_dir(f.path())
            .env_remove("PAN_ROOT")
            .env("PAN_TODAY", common::TODAY)
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 16];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        // The reader is gone (as `| head` leaves): pan must not call it an error.
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).is_empty(), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn pan_s_own_error_and_warning_labels_are_coloured_like_clap_s() {
    let f = Fixture::new();
    // Forced colour (a terminal would have it): `error:` in bold red, as clap's.
    let out = f.run(&["show", "NOPE", "--color", "always"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("\u{1b}[1;31merror:\u{1b}[0m no action NOPE"),
        "{:?}",
        stderr(&out)
    );
    // Piped, or with NO_COLOR (the fixture sets it): plain.
    let out = f.run(&["show", "NOPE"]);
    assert!(
        stderr(&out).starts_with("error: no action NOPE"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains('\u{1b}'));
    f.edit(ACTION_PATH, "kind: count", "kind: cout");
    let out = f.run(&["status", "--color", "always"]);
    assert!(
        stderr(&out).contains("\u{1b}[1;33mwarning:\u{1b}[0m"),
        "{:?}",
        stderr(&out)
    );
}
