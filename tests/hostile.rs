//! Hostile input: `pan` never panics or hangs, and names the file and what is wrong.

mod common;

use std::time::Duration;

use common::{ACTION, ACTION_PATH, Fixture, stderr, stdout};

/// Run `pan validate` with a time limit and return (exit, stdout, stderr).
fn validate(f: &Fixture) -> (i32, String, String) {
    let out = f
        .pan()
        .args(["validate", "--as-of", "2026-11-23"])
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    let (o, e) = (stdout(&out), stderr(&out));
    assert!(!e.contains("panicked"), "pan panicked: {e}");
    (
        out.status
            .code()
            .expect("pan was not killed by a signal or the time limit"),
        o,
        e,
    )
}

#[track_caller]
fn refuses(f: &Fixture, file: &str, code: &str) {
    let (status, out, _) = validate(f);
    assert_eq!(status, 1, "{out}");
    assert!(
        out.contains(&format!("{file}:")) && out.contains(code),
        "expected {code} in {file}:\n{out}"
    );
}

#[test]
fn empty_and_whitespace_files() {
    let f = Fixture::new();
    f.write(ACTION_PATH, "");
    refuses(&f, ACTION_PATH, "F002");
    f.write(ACTION_PATH, "# only a comment\n");
    refuses(&f, ACTION_PATH, "F002");
}

#[test]
fn binary_file() {
    let f = Fixture::new();
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    f.write_bytes(ACTION_PATH, &bytes);
    refuses(&f, ACTION_PATH, "F001");
    f.write_bytes(ACTION_PATH, b"\0\0\0\0code: x\n");
    let (status, out, _) = validate(&f);
    assert_eq!(status, 1, "{out}");
}

#[test]
fn ten_megabyte_one_line_files() {
    let f = Fixture::new();
    f.write(ACTION_PATH, &"a".repeat(10 * 1024 * 1024));
    refuses(&f, ACTION_PATH, "F011");
    let f = Fixture::new();
    f.write(common::READINGS_PATH, &"b".repeat(10 * 1024 * 1024));
    refuses(&f, common::READINGS_PATH, "R007");
}

#[test]
fn deeply_nested_yaml() {
    let f = Fixture::new();
    f.write(
        ACTION_PATH,
        &format!("code: {}{}\n", "[".repeat(100_000), "]".repeat(100_000)),
    );
    refuses(&f, ACTION_PATH, "F003");
    let nested: String = (0..500)
        .map(|i| format!("{}k{i}:\n", "  ".repeat(i)))
        .collect();
    f.write(ACTION_PATH, &nested);
    refuses(&f, ACTION_PATH, "F003");
}

#[test]
fn alias_bomb() {
    let f = Fixture::new();
    let mut bomb = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let p = i - 1;
        bomb.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    f.write(ACTION_PATH, &bomb);
    refuses(&f, ACTION_PATH, "F003");
}

#[test]
fn crlf_and_bom_files_are_read_normally() {
    let f = Fixture::new();
    let crlf = format!("\u{feff}{}", ACTION.replace('\n', "\r\n"));
    f.write(ACTION_PATH, &crlf);
    f.write(
        "plan/levers.yaml",
        &format!("\u{feff}{}", common::LEVERS.replace('\n', "\r\n")),
    );
    let readings = format!("\u{feff}{}", common::READINGS.replace('\n', "\r\n"));
    f.write(common::READINGS_PATH, &readings);
    let (status, out, _) = validate(&f);
    assert_eq!(status, 0, "{out}");
    let shown = stdout(&f.run(&["show", "IN-B-11.02", "--format", "json"]));
    let json: serde_json::Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(
        json["action"],
        "Organiser des rencontres mensuelles « IT Trainer Meetups »."
    );
    assert_eq!(json["readings"].as_array().unwrap().len(), 1);
}

#[cfg(unix)]
#[test]
fn symlink_loop_under_plan() {
    let f = Fixture::new();
    std::os::unix::fs::symlink(f.path().join("plan"), f.path().join("plan/B/loop")).unwrap();
    std::os::unix::fs::symlink(f.path().join("plan/B/a"), f.path().join("plan/B/b")).unwrap();
    std::os::unix::fs::symlink(f.path().join("plan/B/b"), f.path().join("plan/B/a")).unwrap();
    let (status, out, _) = validate(&f);
    assert_eq!(status, 1);
    for link in ["plan/B/loop", "plan/B/a", "plan/B/b"] {
        assert!(
            out.contains(&format!("{link}:1:1: error[F012]")),
            "{link}:\n{out}"
        );
    }
}

#[test]
fn file_names_with_spaces_and_accents() {
    let f = Fixture::new();
    f.write(
        "plan/B/IN-B-11.02 copie.yaml",
        &ACTION.replace("IN-B-11.02", "IN-B-11.03"),
    );
    f.write(
        "plan/B/Écolé.yaml",
        &ACTION.replace("IN-B-11.02", "IN-B-11.04"),
    );
    let (status, out, _) = validate(&f);
    assert_eq!(status, 1);
    assert!(
        out.contains("plan/B/IN-B-11.02 copie.yaml:1:7: error[F009]"),
        "{out}"
    );
    assert!(out.contains("plan/B/Écolé.yaml:1:7: error[F009]"), "{out}");
}

#[test]
fn control_characters_from_files_do_not_reach_the_terminal() {
    let f = Fixture::new();
    f.edit(ACTION_PATH, "  - MinDigital", "  - \"Min\\e[31mDigital\"");
    let (status, out, _) = validate(&f);
    assert_eq!(status, 1);
    assert!(!out.contains('\x1b'), "escape reached the output: {out:?}");
    assert!(out.contains("Min\\u{1b}[31mDigital"), "{out}");
}

#[test]
fn garbage_in_every_plan_file_at_once() {
    let f = Fixture::new();
    f.write("plan/levers.yaml", "levers: [");
    f.write("plan/actors.yaml", "- just\n- a list\n");
    f.write(ACTION_PATH, "code: [1, 2]\nobjective: {a: b}\naction: 3\n");
    f.write(common::READINGS_PATH, "\"unterminated\n");
    f.write("pan.toml", common::PAN_TOML);
    let (status, out, _) = validate(&f);
    assert_eq!(status, 1);
    assert!(out.contains("plan/levers.yaml:1:"), "{out}");
    assert!(out.contains("plan/actors.yaml:1:1: error[F007]"), "{out}");
    assert!(
        out.contains("plan/B/IN-B-11.02.yaml:1:7: error[F007]"),
        "{out}"
    );
}

#[test]
fn a_broken_pan_toml_is_a_clear_error() {
    let f = Fixture::new();
    f.write(
        "pan.toml",
        "[plan]\ntitle = \"x\"\nstart = 2026\nend = \"2030\"\n",
    );
    let out = f.run(&["validate"]);
    assert_eq!(out.status.code(), Some(2));
    let e = stderr(&out);
    assert!(e.contains("pan.toml:4:7") && e.contains("hint"), "{e}");
}

#[test]
fn outside_any_plan_pan_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let out = assert_cmd::Command::cargo_bin("pan")
        .unwrap()
        .env("PAN_TODAY", "2026-11-30")
        .current_dir(dir.path())
        .env_remove("PAN_ROOT")
        .args(["show", "IN-B-11.02"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let e = stderr(&out);
    assert!(
        e.contains("no pan.toml found") && e.contains("--root"),
        "{e}"
    );
}

#[test]
fn a_readings_file_of_an_unreadable_action_is_not_called_unknown() {
    let f = Fixture::new();
    f.write(ACTION_PATH, "code: [\n");
    let (status, out, _) = validate(&f);
    assert_eq!(status, 1);
    assert!(out.contains("F003") && !out.contains("R001"), "{out}");
}

#[test]
fn the_number_of_files_is_limited() {
    let f = Fixture::new();
    f.write(
        "pan.toml",
        &format!("{}[limits]\nmax_files = 3\n", common::PAN_TOML),
    );
    let (status, out, _) = validate(&f);
    assert_eq!(status, 1);
    assert!(
        out.contains("more than 3 files under the plan folders")
            && out.contains("[limits] max_files"),
        "{out}"
    );
}

#[test]
fn nothing_is_written_outside_plan_and_indicators() {
    let f = Fixture::new();
    let before = f.read(ACTION_PATH);
    for code in [
        "../../pan",
        "/etc/passwd",
        "IN-B-11.02/../../x",
        "..",
        "IN-../-1.01",
    ] {
        let out = f.run(&[
            "reading", "add", code, "seances", "1", "--period", "2025", "--source", "S",
        ]);
        assert_eq!(out.status.code(), Some(2), "{code:?}");
        let out = f.run(&["update", code, "--state", "done", "--note", "x"]);
        assert_ne!(out.status.code(), Some(0), "{code:?}");
    }
    for indicator in ["../x", "/etc/passwd", "seances/../../x"] {
        let out = f.run(&[
            "reading",
            "add",
            "IN-B-11.02",
            indicator,
            "1",
            "--period",
            "2025",
            "--source",
            "S",
        ]);
        assert_eq!(out.status.code(), Some(2), "{indicator:?}");
    }
    assert_eq!(f.read(ACTION_PATH), before);
    let names: Vec<String> = walkdir::WalkDir::new(f.path())
        .into_iter()
        .map(|e| {
            e.unwrap()
                .path()
                .strip_prefix(f.path())
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|p| !p.is_empty())
        .collect();
    let mut expected = [
        "indicators",
        "indicators/B",
        "indicators/B/IN-B-11.02.csv",
        "pan.toml",
        "plan",
        "plan/B",
        "plan/B/IN-B-11.02.yaml",
        "plan/actors.yaml",
        "plan/levers.yaml",
        "indicators/.pan.lock",
        "plan/.pan.lock",
    ]
    .map(String::from)
    .to_vec();
    expected.sort();
    let mut got: Vec<String> = names
        .into_iter()
        .filter(|n| expected.contains(n) || !n.ends_with(".lock"))
        .collect();
    got.sort();
    assert!(
        got.iter().all(|g| expected.contains(g)),
        "unexpected files: {got:?}"
    );
}

#[cfg(unix)]
#[test]
fn update_does_not_write_through_a_symlinked_lever_folder() {
    let f = Fixture::new();
    let outside = tempfile::tempdir().unwrap();
    std::fs::rename(f.path().join("plan/B"), outside.path().join("B")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("B"), f.path().join("plan/B")).unwrap();
    let before = std::fs::read_to_string(outside.path().join("B/IN-B-11.02.yaml")).unwrap();
    let out = f.run(&["update", "IN-B-11.02", "--state", "done", "--note", "x"]);
    assert_ne!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("symbolic link"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(outside.path().join("B/IN-B-11.02.yaml")).unwrap(),
        before
    );
}

#[test]
fn settings_cannot_point_outside_the_repository() {
    let f = Fixture::new();
    f.write(
        "pan.toml",
        &format!(
            "{}[paths]\nindicators = \"../elsewhere\"\n",
            common::PAN_TOML
        ),
    );
    let out = f.run(&[
        "reading",
        "add",
        "IN-B-11.02",
        "seances",
        "1",
        "--period",
        "2025",
        "--source",
        "S",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("leads outside the repository"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_hostile_translations_file_is_warned_line_by_line_and_never_markup() {
    let f = Fixture::new();
    let long = "x".repeat(900);
    f.write(
        "plan/translations/en.yaml",
        &format!(
            "levers:\n  B: \"<script>alert(1)</script> & <b>bold</b>\"\n  Z: Unknown lever\n  {long}: long key\nobjectives:\n  B-11: \"\"\nsections: nope\ncontext: [1, 2]\n"
        ),
    );
    // The plan's own language, and a language no site is built in.
    f.write("plan/translations/fr.yaml", "levers:\n  B: Approfondir\n");
    f.write("plan/translations/xx.yaml", "levers:\n  B: x\n");
    f.write("plan/translations/deeper/en.yaml", "levers:\n  B: x\n");
    let (code, diags) = f.validate(&[]);
    let p025 = |file: &str, line: u64| {
        diags
            .iter()
            .any(|(c, f, l)| c == "P025" && f == file && *l == line)
    };
    assert!(p025("plan/translations/en.yaml", 3), "{diags:?}");
    assert!(p025("plan/translations/en.yaml", 4), "{diags:?}");
    assert!(p025("plan/translations/en.yaml", 6), "{diags:?}");
    assert!(p025("plan/translations/en.yaml", 7), "{diags:?}");
    assert!(p025("plan/translations/fr.yaml", 1), "{diags:?}");
    assert!(p025("plan/translations/xx.yaml", 1), "{diags:?}");
    assert!(
        diags
            .iter()
            .any(|(c, f, _)| c == "F013" && f == "plan/translations/deeper/en.yaml"),
        "{diags:?}"
    );
    // `context: [1, 2]` is a wrong type (an error); everything else is a warning.
    assert_eq!(code, 1, "{diags:?}");
    let out = f.run(&["validate", "--as-of", "2026-11-23"]);
    let text = stdout(&out);
    assert!(text.len() < 20_000, "bounded: {} bytes", text.len());
    f.write(
        "plan/translations/en.yaml",
        "levers:\n  B: \"<script>alert(1)</script> & <b>bold</b>\"\n  Z: Unknown lever\n",
    );
    f.remove("plan/translations/deeper/en.yaml");
    let o = f.run(&["site", "-o", "_site", "--as-of", "2026-11-23"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = std::fs::read_to_string(f.path().join("_site/en/levers/B.html")).unwrap();
    assert!(
        !page.contains("<script>alert") && !page.contains("<b>bold"),
        "{page}"
    );
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"),
        "{page}"
    );
    let fr = std::fs::read_to_string(f.path().join("_site/fr/levers/B.html")).unwrap();
    assert!(
        !fr.contains("alert(1)"),
        "the French site never shows a translation"
    );
}
