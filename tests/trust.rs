//! Every promise holds: no lost reading, no half-done import, no write outside the
//! repository, no leak, no hang, no panic. Each test is an attack that broke an earlier
//! version of `pan`.

mod common;

use std::path::Path;
use std::time::Duration;

use common::{ACTION_PATH, Fixture, READINGS, READINGS_PATH, stderr, stdout};

const HEADER: &str = "indicator,period,value,source,note,recorded,replaces\n";

fn add(f: &Fixture, args: &[&str]) -> std::process::Output {
    let mut all = vec!["reading", "add"];
    all.extend_from_slice(args);
    f.run(&all)
}

/// The readings of the fixture's action, as JSON rows.
fn listed(f: &Fixture) -> Vec<serde_json::Value> {
    let out = f.run(&["reading", "list", "IN-B-11.02", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["readings"]
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn a_reading_is_never_swallowed_by_a_multi_line_note() {
    let f = Fixture::new();
    // A spreadsheet import can leave a quoted note spanning lines, with quotes and commas.
    f.write(
        READINGS_PATH,
        &format!(
            "{HEADER}seances,2024,11,Rapport,\"ligne 1\nligne 2, avec « virgule »\n\"\"citée\"\"\",2026-01-15,\nseances,2026,3,Rapport,,2026-01-15,\n"
        ),
    );
    let out = add(
        &f,
        &[
            "IN-B-11.02",
            "seances",
            "7",
            "--period",
            "2025",
            "--source",
            "S",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let rows = listed(&f);
    let periods: Vec<&str> = rows.iter().map(|r| r["period"].as_str().unwrap()).collect();
    assert_eq!(
        periods,
        ["2024", "2025", "2026"],
        "the new reading is a row of its own"
    );
    assert!(rows[0]["note"].as_str().unwrap().ends_with("\"citée\""));
    assert_eq!(f.validate(&[]).0, 0);
}

#[test]
fn reading_add_keeps_a_byte_order_mark_and_identical_values_are_a_no_op() {
    let f = Fixture::new();
    f.write(READINGS_PATH, &format!("\u{feff}{READINGS}"));
    let out = add(
        &f,
        &[
            "IN-B-11.02",
            "participants",
            "5",
            "--period",
            "2025",
            "--source",
            "S",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(f.read(READINGS_PATH).starts_with("\u{feff}indicator,"));
    let before = f.read(READINGS_PATH);
    let out = add(
        &f,
        &[
            "IN-B-11.02",
            "participants",
            "5",
            "--period",
            "2025",
            "--source",
            "S",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("already recorded with this value"));
    assert_eq!(f.read(READINGS_PATH), before);
}

#[cfg(unix)]
#[test]
fn writes_keep_the_file_mode() {
    use std::os::unix::fs::PermissionsExt;
    let f = Fixture::new();
    let mode = |rel: &str| {
        std::fs::metadata(f.path().join(rel))
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    };
    for rel in [ACTION_PATH, READINGS_PATH] {
        std::fs::set_permissions(f.path().join(rel), std::fs::Permissions::from_mode(0o664))
            .unwrap();
    }
    let out = f.run(&[
        "update",
        "IN-B-11.02",
        "--state",
        "in_progress",
        "--note",
        "x",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = add(
        &f,
        &[
            "IN-B-11.02",
            "participants",
            "5",
            "--period",
            "2025",
            "--source",
            "S",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(mode(ACTION_PATH), 0o664);
    assert_eq!(mode(READINGS_PATH), 0o664);
}

#[cfg(unix)]
#[test]
fn nothing_is_written_through_a_link_on_the_way() {
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("created-by-pan");
    let reading = [
        "IN-B-11.02",
        "participants",
        "5",
        "--period",
        "2025",
        "--source",
        "S",
    ];

    // A symlinked lock file.
    let f = Fixture::new();
    std::os::unix::fs::symlink(&target, f.path().join("indicators/.pan.lock")).unwrap();
    let out = add(&f, &reading);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("symbolic link"), "{}", stderr(&out));
    assert!(!target.exists());

    // A [paths] folder through a symlinked parent.
    let f = Fixture::new();
    std::fs::create_dir_all(outside.path().join("data")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("data"), f.path().join("data")).unwrap();
    f.write(
        "pan.toml",
        &format!(
            "{}[paths]\nindicators = \"data/indicators\"\n",
            common::PAN_TOML
        ),
    );
    let out = add(&f, &reading);
    assert_ne!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!outside.path().join("data/indicators").exists());

    // `pan schema --write` with a symlinked plan folder.
    let f = Fixture::new();
    let plan = outside.path().join("plan");
    std::fs::rename(f.path().join("plan"), &plan).unwrap();
    std::os::unix::fs::symlink(&plan, f.path().join("plan")).unwrap();
    let out = f.run(&["schema", "--write"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(!plan.join("action.schema.json").exists());
}

#[cfg(unix)]
#[test]
fn output_goes_only_to_a_regular_file_or_a_new_path() {
    let f = Fixture::new();
    for target in ["/dev/null", "plan"] {
        let out = f.run(&["digest", "--as-of", "2026-11-23", "-o", target]);
        assert_eq!(out.status.code(), Some(2), "{target}: {}", stderr(&out));
    }
    assert!(
        std::fs::metadata("/dev/null")
            .map(|m| !m.is_file())
            .unwrap_or(true)
    );
    let elsewhere = tempfile::tempdir().unwrap();
    let secret = elsewhere.path().join("secret.txt");
    std::fs::write(&secret, "keep").unwrap();
    std::os::unix::fs::symlink(&secret, f.path().join("link.md")).unwrap();
    let out = f.run(&["digest", "--as-of", "2026-11-23", "-o", "link.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&secret).unwrap(), "keep");
}

#[test]
fn update_keeps_a_comment_after_an_empty_list() {
    let f = Fixture::new();
    f.edit(ACTION_PATH, "states: []", "states: [ ] # historique");
    let out = f.run(&[
        "update",
        "IN-B-11.02",
        "--state",
        "planned",
        "--note",
        "Prévu",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = f.read(ACTION_PATH);
    assert!(
        text.contains(&format!(
            "states: # historique\n  - date: {}",
            common::TODAY
        )),
        "{text}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_symlink_to_a_secret_is_never_shown() {
    let f = Fixture::new();
    f.remove(ACTION_PATH);
    std::os::unix::fs::symlink("/proc/self/environ", f.path().join(ACTION_PATH)).unwrap();
    let out = f
        .pan()
        .env("PAN_TEST_SECRET", "s3cr3t-token")
        .args(["validate"])
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert!(!all.contains("s3cr3t-token"), "{all}");
    assert!(all.contains("F012"), "{all}");
}

#[cfg(unix)]
#[test]
fn a_fifo_never_hangs_pan() {
    let f = Fixture::new();
    f.remove(ACTION_PATH);
    let made = std::process::Command::new("mkfifo")
        .arg(f.path().join(ACTION_PATH))
        .status();
    if !made.is_ok_and(|s| s.success()) {
        return; // no mkfifo here: nothing to prove
    }
    let out = f
        .pan()
        .args(["validate"])
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stdout(&out).contains("F012"), "{}", stdout(&out));
}

#[cfg(unix)]
#[test]
fn imports_check_the_size_first_and_refuse_devices() {
    let f = Fixture::new();
    // A sparse file: 300 MB by its size, nothing to read.
    let big = f.path().join("big.csv");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(300 * 1024 * 1024)
        .unwrap();
    for file in [big.to_str().unwrap(), "/dev/zero"] {
        let out = f
            .pan()
            .args(["reading", "import", file])
            .timeout(Duration::from_secs(20))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{file}: {}", stderr(&out));
    }
}

#[test]
fn a_setting_beyond_the_calendar_is_refused_naming_its_key() {
    let f = Fixture::new();
    f.write(
        "pan.toml",
        &format!("{}[health]\nstale_after_days = 7304485\n", common::PAN_TOML),
    );
    for cmd in [&["status"][..], &["digest"], &["report"], &["validate"]] {
        let out = f.run(cmd);
        assert_eq!(out.status.code(), Some(2), "{cmd:?}");
        assert!(
            stderr(&out).contains("pan.toml:6:") && stderr(&out).contains("stale_after_days"),
            "{cmd:?}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn escape_sequences_never_reach_the_terminal() {
    let f = Fixture::new();
    f.edit(
        ACTION_PATH,
        "calendar:",
        "  - id: avis\n    label: Avis\n    kind: qualitative\ncalendar:",
    );
    let out = add(
        &f,
        &[
            "IN-B-11.02",
            "avis",
            "ok\u{1b}]52;c;aGk=\u{7}",
            "--period",
            "2025",
            "--source",
            "S\u{1b}[2J",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!out.stdout.contains(&0x1b), "{:?}", stdout(&out));
    let out = f.run(&["show", "\u{1b}[2J"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!out.stderr.contains(&0x1b), "{:?}", stderr(&out));
    let out = f.run(&["reading", "list"]);
    assert!(!out.stdout.contains(&0x1b));
}

#[test]
fn paths_written_with_dot_parts_mean_the_same_folders() {
    let f = Fixture::new();
    f.write(
        "pan.toml",
        &format!(
            "{}[paths]\nplan = \"./plan/\"\nindicators = \"./indicators\"\n",
            common::PAN_TOML
        ),
    );
    assert_eq!(f.validate(&[]), (0, vec![]));
}

#[cfg(unix)]
#[test]
fn a_missing_or_linked_readings_folder_is_reported() {
    let f = Fixture::new();
    std::fs::remove_dir_all(f.path().join("indicators")).unwrap();
    let (code, diags) = f.validate(&["--deny", "warnings"]);
    assert_eq!(code, 1);
    assert!(
        diags
            .iter()
            .any(|(c, file, _)| c == "F012" && file == "indicators"),
        "{diags:?}"
    );
    // The reports still run, but say why everything looks unmeasured.
    for args in [&["status"][..], &["digest"], &["report"]] {
        let out = f.run(args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(
                "warning: indicators: the readings folder `indicators/` does not exist; no readings file is read"
            ),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(elsewhere.path().join("B")).unwrap();
    std::fs::write(elsewhere.path().join("B/IN-B-11.02.csv"), READINGS).unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), f.path().join("indicators")).unwrap();
    let (code, diags) = f.validate(&[]);
    assert_eq!(code, 1, "{diags:?}");
}

#[test]
fn folders_nested_too_deep_are_reported() {
    let f = Fixture::new();
    f.write("plan/B/old/2025/IN-B-11.02.yaml", common::ACTION);
    let (_, diags) = f.validate(&[]);
    assert!(
        diags
            .iter()
            .any(|(c, file, _)| c == "F013" && file == "plan/B/old/2025"),
        "{diags:?}"
    );
}

#[test]
fn temporary_files_of_a_killed_run_are_removed_never_read() {
    let f = Fixture::new();
    f.write("indicators/B/.pan-killed.tmp", "seances,2025,99,junk,,,\n");
    let out = add(
        &f,
        &[
            "IN-B-11.02",
            "participants",
            "5",
            "--period",
            "2025",
            "--source",
            "S",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!f.path().join("indicators/B/.pan-killed.tmp").exists());
}

#[test]
fn a_journal_committed_with_the_plan_never_rewrites_the_readings() {
    let f = Fixture::new();
    let file = "indicators/B/IN-B-11.02.csv";
    let before = f.read(file);
    // What a hostile (or careless) commit can bring: a journal naming a temporary file that
    // holds the readings minus one row, and an identity pan cannot have written here.
    let fewer: String = before.lines().take(1).map(|l| format!("{l}\n")).collect();
    f.write("indicators/B/.pan-evil.tmp", &fewer);
    f.write(
        "indicators/.pan-journal",
        &format!(
            "B/.pan-evil.tmp\tB/IN-B-11.02.csv\t1:2:{}\ncommit\n",
            fewer.len()
        ),
    );
    for args in [
        &["validate"][..],
        &["status"],
        &["reading", "list", "IN-B-11.02"],
    ] {
        let out = f.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("names files this run of pan did not write"),
            "{args:?}: {}",
            stderr(&out)
        );
        assert_eq!(f.read(file), before, "{args:?} left the readings alone");
    }
}

/// A small deterministic sequence of delays (no randomness from the machine).
fn delays(n: usize, max_ms: u64) -> Vec<u64> {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % max_ms.max(1)
        })
        .collect()
}

fn count_rows(dir: &Path) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "csv"))
        .map(|e| {
            let text = std::fs::read_to_string(e.path()).unwrap();
            csv::ReaderBuilder::new()
                .from_reader(text.as_bytes())
                .records()
                .count()
        })
        .sum()
}

#[test]
fn an_import_killed_at_any_moment_is_all_or_nothing() {
    // One reading for each of many actions: an import that writes one file per action.
    let f = Fixture::bundled();
    let list = f.run(&["status", "--format", "json", "--as-of", "2026-11-23"]);
    let status: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let export = f.run(&["export"]);
    let doc: serde_json::Value = serde_json::from_slice(&export.stdout).unwrap();
    let mut csv = String::from("code,indicator,period,value,source,note\n");
    let mut n = 0;
    for a in doc["actions"].as_array().unwrap() {
        let Some(ind) = a["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["kind"] == "count")
        else {
            continue;
        };
        csv.push_str(&format!(
            "{},{},2025-03,{},Import de test,\n",
            a["code"].as_str().unwrap(),
            ind["id"].as_str().unwrap(),
            n + 1
        ));
        n += 1;
    }
    assert!(n >= 150, "{n} actions with a count");
    assert!(status["rows"].as_array().unwrap().len() >= n);
    let before = count_rows(&f.path().join("indicators"));

    // How long a whole import takes here, on a copy.
    let g = Fixture::bundled();
    g.write("figures.csv", &csv);
    let started = std::time::Instant::now();
    assert!(
        g.run(&["reading", "import", "figures.csv"])
            .status
            .success()
    );
    let whole = started.elapsed().as_millis() as u64;
    assert_eq!(count_rows(&g.path().join("indicators")), before + n);

    let bin = assert_cmd::cargo::cargo_bin("pan");
    for delay in delays(12, whole + whole / 4) {
        let f = Fixture::bundled();
        f.write("figures.csv", &csv);
        let indicators = f.path().join("indicators");
        let mut child = std::process::Command::new(&bin)
            .current_dir(f.path())
            .env_remove("PAN_ROOT")
            .env("PAN_TODAY", common::TODAY)
            .args(["reading", "import", "figures.csv"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        // The next command finishes or forgets what the killed one left.
        let out = f.run(&["reading", "list", "--format", "json"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let rows = count_rows(&indicators);
        assert!(
            rows == before || rows == before + n,
            "after a kill at {delay} ms: {rows} rows, expected {before} or {}",
            before + n
        );
        assert_eq!(f.validate(&[]).0, 0, "the plan is valid whatever happened");
        // The next writer under the lock removes what the killed run left.
        let out = f.run(&["reading", "import", "figures.csv"]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(count_rows(&indicators), before + n);
        let leftovers: Vec<String> = walkdir::WalkDir::new(&indicators)
            .into_iter()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".pan-"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
}
