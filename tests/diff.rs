//! `pan diff` on small git repositories built in temporary folders.

mod common;

use std::process::Command;

use common::{ACTION, ACTION_PATH, Fixture, READINGS_PATH, stderr, stdout};

fn git(f: &Fixture, args: &[&str]) {
    let out = Command::new("git")
        .current_dir(f.path())
        .args([
            "-c",
            "user.name=pan tests",
            "-c",
            "user.email=tests@pan.invalid",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn repo(f: &Fixture) {
    git(f, &["init", "-q", "-b", "main"]);
    git(f, &["add", "-A"]);
    git(f, &["commit", "-q", "-m", "base"]);
}

fn commit(f: &Fixture, msg: &str) {
    git(f, &["add", "-A"]);
    git(f, &["commit", "-q", "-m", msg]);
}

fn diff_json(f: &Fixture, args: &[&str]) -> (i32, serde_json::Value) {
    let mut all = vec!["diff", "--format", "json", "--as-of", "2026-11-23"];
    all.extend_from_slice(args);
    let out = f.run(&all);
    let v = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{}", stdout(&out), stderr(&out)));
    (out.status.code().unwrap(), v)
}

fn codes(v: &serde_json::Value) -> Vec<String> {
    v["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_commit_with_a_handful_of_changes_names_every_changed_action_and_no_other() {
    let f = Fixture::bundled();
    repo(&f);
    // A field, a state, a reading, an added and a removed action, a reworded text.
    f.edit(
        "plan/B/IN-B-11.03.yaml",
        "  - MinDigital\n",
        "  - MinDigital\n  - MFSVA\n",
    );
    assert!(
        f.run(&[
            "update",
            "IN-D-1.01",
            "--state",
            "in_progress",
            "--date",
            "2026-10-01",
            "--note",
            "Lancement"
        ])
        .status
        .success()
    );
    assert!(
        f.run(&[
            "reading",
            "add",
            "IN-A-1.01",
            "reunions-gt-an",
            "4",
            "--period",
            "2025",
            "--source",
            "PV 2025"
        ])
        .status
        .success()
    );
    std::fs::copy(
        f.path().join("plan/F/IN-F-3.06.yaml"),
        f.path().join("plan/F/IN-F-3.07.yaml"),
    )
    .unwrap();
    f.edit(
        "plan/F/IN-F-3.07.yaml",
        "code: IN-F-3.06",
        "code: IN-F-3.07",
    );
    f.remove("plan/C/IN-C-1.02.yaml");
    f.edit(
        "plan/E/IN-E-1.01.yaml",
        "Transcribo Vox",
        "Transcribo Vox 2",
    );
    commit(&f, "changes");
    let (status, v) = diff_json(&f, &["HEAD~1..HEAD"]);
    assert_eq!(status, 0, "{v}");
    assert_eq!(
        codes(&v),
        [
            "IN-A-1.01",
            "IN-B-11.03",
            "IN-C-1.02",
            "IN-D-1.01",
            "IN-E-1.01",
            "IN-F-3.07"
        ]
    );
    let by = |code: &str| {
        v["actions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["code"] == code)
            .unwrap()
            .clone()
    };
    assert_eq!(
        by("IN-B-11.03")["fields"][0],
        serde_json::json!({"field": "responsible", "before": "", "after": "MFSVA"})
    );
    assert_eq!(by("IN-D-1.01")["states_added"][0]["state"], "in_progress");
    assert_eq!(by("IN-A-1.01")["readings"]["added"][0]["value"], "4");
    assert_eq!(by("IN-C-1.02")["kind"], "removed");
    assert_eq!(by("IN-F-3.07")["kind"], "added");
    let text = by("IN-E-1.01")["text"].as_array().unwrap().clone();
    assert!(text.iter().any(|w| w["op"] == "added"), "{text:?}");
    assert_eq!(v["summary"]["actions_changed"], 6);
    assert_eq!(v["summary"]["states_recorded"], 1);
    assert_eq!(v["summary"]["history_rewrites"], 0);
    // Adding IN-F-3.07 to an objective introduces no problem; removing IN-C-1.02 neither.
    // Every format names the same actions and no other.
    for format in ["text", "markdown"] {
        let out = f.run(&[
            "diff",
            "HEAD~1..HEAD",
            "--format",
            format,
            "--as-of",
            "2026-11-23",
        ]);
        let s = stdout(&out);
        for c in codes(&v) {
            assert!(s.contains(&c), "{format}: {c} missing");
        }
        for unchanged in ["IN-B-11.02", "IN-D-1.02", "IN-A-1.02", "IN-F-3.06"] {
            assert!(!s.contains(unchanged), "{format}: {unchanged} is unchanged");
        }
    }
}

#[test]
fn the_working_tree_is_compared_with_head_by_default() {
    let f = Fixture::new();
    repo(&f);
    let (status, v) = diff_json(&f, &[]);
    assert_eq!((status, codes(&v).len()), (0, 0));
    assert!(
        f.run(&[
            "update",
            "IN-B-11.02",
            "--state",
            "in_progress",
            "--date",
            "2026-03-01",
            "--note",
            "x"
        ])
        .status
        .success()
    );
    let (status, v) = diff_json(&f, &[]);
    assert_eq!(status, 0);
    assert_eq!(codes(&v), ["IN-B-11.02"]);
    assert!(
        v["actions"][0]["health"].is_null(),
        "the health did not change: {v}"
    );
    assert_eq!(v["actions"][0]["states_added"][0]["note"], "x");
}

#[test]
fn editing_or_deleting_a_recorded_reading_is_a_history_rewrite() {
    let f = Fixture::new();
    repo(&f);
    f.edit(READINGS_PATH, "seances,2024,11,", "seances,2024,12,");
    let (status, v) = diff_json(&f, &[]);
    assert_eq!(status, 1);
    let what = v["history_rewrites"][0].to_string();
    assert!(
        what.contains("IN-B-11.02")
            && what.contains("seances 2024 = 11")
            && what.contains("edited in place"),
        "{what}"
    );
    let out = f.run(&["diff", "--format", "markdown", "--as-of", "2026-11-23"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("### ⛔ Historique réécrit"),
        "in the plan's language"
    );
    // Every line of it, not only the headings.
    let md = stdout(&out);
    assert!(
        md.contains("le relevé seances 2024 = 11 a été modifié sur place en seances 2024 = 12"),
        "{md}"
    );
    assert!(
        md.contains("relevé MODIFIÉ SUR PLACE\u{a0}: seances 2024 = 11 → seances 2024 = 12"),
        "{md}"
    );
    assert!(md.contains("- **IN-B-11.02**\u{a0}: le relevé"), "{md}");
    for english in [
        "reading added",
        "reading replaced",
        "EDITED",
        "health",
        "moved",
        "state recorded",
    ] {
        assert!(
            !md.contains(english),
            "`{english}` in the French comment: {md}"
        );
    }
    assert!(f.run(&["diff", "--allow-history-rewrite"]).status.success());

    f.write(
        READINGS_PATH,
        "indicator,period,value,source,note,recorded,replaces\n",
    );
    let (status, v) = diff_json(&f, &[]);
    assert_eq!(status, 1);
    assert!(
        v["history_rewrites"][0]["what"]
            .as_str()
            .unwrap()
            .contains("was removed")
    );
}

#[test]
fn an_explicit_replacement_is_not_a_rewrite() {
    let f = Fixture::new();
    repo(&f);
    let out = f.run(&[
        "reading",
        "add",
        "IN-B-11.02",
        "seances",
        "12",
        "--period",
        "2024",
        "--source",
        "Erratum",
        "--replace",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (status, v) = diff_json(&f, &[]);
    assert_eq!(status, 0, "{v}");
    assert_eq!(v["actions"][0]["readings"]["replaced"][0]["replaces"], "11");
    assert_eq!(v["summary"]["readings_replaced"], 1);
}

#[test]
fn rewriting_a_state_entry_is_a_history_rewrite() {
    let f = Fixture::new();
    assert!(
        f.run(&[
            "update",
            "IN-B-11.02",
            "--state",
            "in_progress",
            "--date",
            "2026-03-01",
            "--note",
            "x"
        ])
        .status
        .success()
    );
    repo(&f);
    f.edit(ACTION_PATH, "state: in_progress", "state: done");
    let (status, v) = diff_json(&f, &[]);
    assert_eq!(status, 1);
    assert!(
        v["history_rewrites"][0]["what"]
            .as_str()
            .unwrap()
            .contains("state entry 2026-03-01 in_progress was changed")
    );
}

#[test]
fn a_moved_file_is_reported_as_moved() {
    let f = Fixture::new();
    repo(&f);
    std::fs::create_dir_all(f.path().join("plan/C")).unwrap();
    std::fs::rename(
        f.path().join(ACTION_PATH),
        f.path().join("plan/C/IN-B-11.02.yaml"),
    )
    .unwrap();
    let (_, v) = diff_json(&f, &[]);
    assert_eq!(
        v["actions"][0]["moved"],
        serde_json::json!(["plan/B/IN-B-11.02.yaml", "plan/C/IN-B-11.02.yaml"])
    );
    assert!(
        v["problems_introduced"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["code"] == "F010"),
        "{v}"
    );
}

#[test]
fn the_validation_delta_names_problems_introduced_and_fixed() {
    let f = Fixture::new();
    f.edit(ACTION_PATH, "  - MinDigital", "  - MinDigtal");
    repo(&f);
    f.write(ACTION_PATH, ACTION);
    f.edit(ACTION_PATH, "kind: count", "kind: count\n    every: year");
    let (_, v) = diff_json(&f, &[]);
    assert_eq!(v["problems_fixed"][0]["code"], "P006");
    assert_eq!(v["problems_introduced"][0]["code"], "R009");
}

#[test]
fn pan_diff_cannot_run_outside_git_or_with_an_unknown_revision() {
    let f = Fixture::new();
    let out = f.run(&["diff"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not in a git repository"),
        "{}",
        stderr(&out)
    );
    repo(&f);
    let out = f.run(&["diff", "no-such-branch"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown revision `no-such-branch`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn identical_inputs_give_identical_markdown() {
    let f = Fixture::new();
    repo(&f);
    f.edit(
        ACTION_PATH,
        "  - MENEJ-IFEN",
        "  - MENEJ-IFEN\n  - \"A | <b>\"",
    );
    let a = stdout(&f.run(&["diff", "--format", "markdown", "--as-of", "2026-11-23"]));
    let b = stdout(&f.run(&["diff", "--format", "markdown", "--as-of", "2026-11-23"]));
    assert_eq!(a, b);
    assert!(a.contains("A \\| \\<b\\>"), "{a}");
}

#[test]
fn plan_text_cannot_inject_html_into_the_pull_request_comment() {
    let f = Fixture::new();
    let second = common::ACTION
        .replace("IN-B-11.02", "IN-B-11.03")
        .replace("IT Trainer Meetups", "Deuxième action");
    f.write("plan/B/IN-B-11.03.yaml", &second);
    repo(&f);
    f.edit(
        ACTION_PATH,
        "Organiser des rencontres mensuelles « IT Trainer Meetups ».",
        "<img src=x onerror=alert(1)> <!--",
    );
    f.edit(
        "plan/B/IN-B-11.03.yaml",
        "Deuxième action",
        "Deuxième action modifiée",
    );
    let out = f.run(&["diff", "--format", "markdown", "--as-of", "2026-11-23"]);
    let md = stdout(&out);
    // Rendered as a forge does, raw HTML allowed.
    let mut html = String::new();
    let gfm =
        pulldown_cmark::Options::ENABLE_STRIKETHROUGH | pulldown_cmark::Options::ENABLE_TABLES;
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new_ext(&md, gfm));
    assert!(!html.contains("<img"), "{html}");
    assert!(
        !html.contains("<!--"),
        "an unclosed comment would hide the rest: {html}"
    );
    assert!(
        html.contains("<b>IN-B-11.03</b>"),
        "the next action is still shown: {html}"
    );
}

#[test]
fn a_revision_s_oversized_file_is_reported_not_read() {
    let f = Fixture::new();
    // A plan file over the 1 MiB limit, committed, then removed in the working tree.
    f.write(
        "plan/B/IN-B-11.03.yaml",
        &format!("# {}\n", "x".repeat(1024 * 1024 + 10)),
    );
    repo(&f);
    f.remove("plan/B/IN-B-11.03.yaml");
    let (_, v) = diff_json(&f, &["--allow-history-rewrite"]);
    let fixed = v["problems_fixed"].to_string();
    assert!(
        fixed.contains("F011"),
        "the base's oversized file was refused by size: {v}"
    );
}

/// `pan diff` output with the parses of unchanged files reused, and with every file parsed.
fn both_ways(f: &Fixture, args: &[&str]) -> (String, String) {
    let mut outs = Vec::new();
    for extra in [&[][..], &["--no-reuse"][..]] {
        let mut all = vec!["diff", "--as-of", "2026-11-23"];
        all.extend_from_slice(args);
        all.extend_from_slice(extra);
        let out = f.run(&all);
        assert!(out.status.code().is_some(), "{}", stderr(&out));
        outs.push(format!(
            "exit {:?}\n{}\n{}",
            out.status.code(),
            stdout(&out),
            stderr(&out)
        ));
    }
    (outs.remove(0), outs.remove(0))
}

#[test]
fn reusing_unchanged_files_gives_the_output_of_parsing_everything() {
    let f = Fixture::bundled();
    repo(&f);
    // A commit that changes, adds and removes action files, and edits a readings file.
    f.edit(
        "plan/B/IN-B-11.03.yaml",
        "  - MinDigital\n",
        "  - MinDigital\n  - MFSVA\n",
    );
    std::fs::copy(
        f.path().join("plan/F/IN-F-3.06.yaml"),
        f.path().join("plan/F/IN-F-3.07.yaml"),
    )
    .unwrap();
    f.edit(
        "plan/F/IN-F-3.07.yaml",
        "code: IN-F-3.06",
        "code: IN-F-3.07",
    );
    f.remove("plan/C/IN-C-1.02.yaml");
    f.edit(
        "indicators/A/IN-A-1.01.csv",
        "reunions-gt-an,2024,3,",
        "reunions-gt-an,2024,5,",
    );
    commit(&f, "changes");
    // In the working tree: the readings folder moves (pan.toml names the new one), and a
    // reading is added.
    std::fs::rename(f.path().join("indicators"), f.path().join("mesures")).unwrap();
    f.edit(
        "pan.toml",
        "indicators = \"indicators\"",
        "indicators = \"mesures\"",
    );
    assert!(
        f.run(&[
            "reading",
            "add",
            "IN-A-1.01",
            "reunions-gt-an",
            "4",
            "--period",
            "2025",
            "--source",
            "PV 2025"
        ])
        .status
        .success()
    );
    for args in [&["HEAD~1..HEAD"][..], &[], &["HEAD~1"]] {
        for format in ["text", "json", "markdown"] {
            let mut all = args.to_vec();
            all.extend(["--format", format]);
            let (reused, parsed) = both_ways(&f, &all);
            assert_eq!(reused, parsed, "{all:?}");
            // The comparison found the changes (it is not two empty outputs).
            for code in ["IN-B-11.03", "IN-F-3.07", "IN-C-1.02"] {
                // Changed since HEAD~1; not since HEAD.
                assert_eq!(
                    reused.contains(code),
                    !args.is_empty(),
                    "{all:?}: {code}\n{reused}"
                );
            }
        }
    }
    // The readings change is found both ways: the edited value, then the added one.
    let (_, v) = diff_json(&f, &["HEAD~1..HEAD"]);
    let a = &v["actions"].as_array().unwrap();
    let a101 = a.iter().find(|a| a["code"] == "IN-A-1.01").unwrap();
    assert_eq!(a101["readings"]["altered"][0][1]["value"], "5", "{a101}");
    let (_, v) = diff_json(&f, &[]);
    assert_eq!(codes(&v), ["IN-A-1.01"], "{v}");
    assert_eq!(v["actions"][0]["readings"]["added"][0]["value"], "4");
}

#[test]
fn a_file_whose_bytes_or_subject_differ_is_parsed_again() {
    let f = Fixture::bundled();
    repo(&f);
    // An action file broken in the working tree: its problem appears on that side only.
    f.edit("plan/B/IN-B-11.03.yaml", "states:", "statez:");
    // The same readings bytes under another subject: IN-A-1.01's count becomes a
    // deliverable, so its reading `3` is no longer a valid value.
    f.edit(
        "plan/A/IN-A-1.01.yaml",
        "    label: Nombre de réunions du GT par an\n    kind: count",
        "    label: Nombre de réunions du GT par an\n    kind: deliverable",
    );
    let files = |v: &serde_json::Value, key: &str| -> Vec<String> {
        v[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["file"].as_str().unwrap().to_string())
            .collect()
    };
    let (_, v) = diff_json(&f, &[]);
    let introduced = files(&v, "problems_introduced");
    assert!(
        introduced.iter().any(|p| p == "plan/B/IN-B-11.03.yaml"),
        "{v}"
    );
    assert!(
        introduced.iter().any(|p| p == "indicators/A/IN-A-1.01.csv"),
        "{v}"
    );
    assert!(files(&v, "problems_fixed").is_empty(), "{v}");
    // The other way round (base broken, working tree fixed): the problems are fixed.
    commit(&f, "broken");
    git(&f, &["checkout", "-q", "HEAD~1", "--", "plan"]);
    let (_, v) = diff_json(&f, &[]);
    let fixed = files(&v, "problems_fixed");
    assert!(fixed.iter().any(|p| p == "plan/B/IN-B-11.03.yaml"), "{v}");
    assert!(
        fixed.iter().any(|p| p == "indicators/A/IN-A-1.01.csv"),
        "{v}"
    );
    assert!(files(&v, "problems_introduced").is_empty(), "{v}");
}

#[test]
fn a_revision_whose_settings_are_not_valid_is_refused_not_read_with_today_s() {
    let f = Fixture::new();
    let good = f.read("pan.toml");
    f.write("pan.toml", &format!("{good}titel = \"typo\"\n"));
    repo(&f);
    f.write("pan.toml", &good);
    // Read with the working tree's settings, the revision would look like a valid plan;
    // it is not, and the diff says so instead of comparing something else.
    let out = f.run(&["diff"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let e = stderr(&out);
    assert!(
        e.contains("error: HEAD (") && e.contains("):pan.toml:"),
        "names the revision and the file: {e}"
    );
    assert!(e.contains("the revision's settings are not valid"), "{e}");
    assert!(e.contains("\n  hint: "), "the hint on its own line: {e}");
    assert!(stdout(&out).is_empty(), "no diff printed");

    // A revision older than the plan repository (no pan.toml) is refused too.
    let g = Fixture::new();
    let settings = g.read("pan.toml");
    std::fs::remove_file(g.path().join("pan.toml")).unwrap();
    repo(&g);
    g.write("pan.toml", &settings);
    let out = g.run(&["diff"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("the revision has no pan.toml"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_pull_request_comment_keeps_the_spaces_around_every_changed_word() {
    let f = Fixture::new();
    repo(&f);
    f.edit(
        ACTION_PATH,
        "Organiser des rencontres mensuelles « IT Trainer Meetups ».",
        "Organiser et animer des rencontres « IT Trainer Meetups » pour harmoniser.",
    );
    let out = f.run(&["diff", "--format", "markdown", "--as-of", "2026-11-23"]);
    let md = stdout(&out);
    assert!(
        md.contains("Organiser **et animer** des rencontres ~~mensuelles~~ « IT"),
        "{md}"
    );
    // As GitHub shows it: the words on either side of a change stay apart.
    let opts = pulldown_cmark::Options::ENABLE_STRIKETHROUGH;
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new_ext(&md, opts));
    assert!(
        html.contains(
            "Organiser <strong>et animer</strong> des rencontres <del>mensuelles</del> « IT"
        ),
        "{html}"
    );
    assert!(
        html.contains("Meetups <del>».</del><strong>» pour harmoniser.</strong>"),
        "{html}"
    );
}

/// A word added to an action's text reads, once the Markdown is rendered, with its spaces:
/// the words around it are not glued to it.
#[test]
fn a_word_diff_keeps_its_spaces_in_markdown() {
    let f = Fixture::new();
    repo(&f);
    f.edit(
        ACTION_PATH,
        "Organiser des rencontres",
        "Organiser des nouvelles rencontres",
    );
    f.edit(ACTION_PATH, "mensuelles « IT", "« IT");
    let out = f.run(&["diff", "--format", "markdown", "--as-of", "2026-11-23"]);
    let md = stdout(&out);
    let mut html = String::new();
    let gfm =
        pulldown_cmark::Options::ENABLE_STRIKETHROUGH | pulldown_cmark::Options::ENABLE_TABLES;
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new_ext(&md, gfm));
    assert!(
        html.contains(
            "Organiser des <strong>nouvelles</strong> rencontres <del>mensuelles</del> « IT"
        ),
        "{md}\n{html}"
    );
}

#[test]
fn a_change_of_targets_is_a_field_change() {
    let f = Fixture::new();
    f.edit(
        ACTION_PATH,
        "kind: count",
        "kind: count\n    targets: {2026: 12}",
    );
    repo(&f);
    f.edit(
        ACTION_PATH,
        "targets: {2026: 12}",
        "targets: {2026: 12, 2028: 30.5}",
    );
    let (status, v) = diff_json(&f, &[]);
    assert_eq!(status, 0, "{v}");
    assert_eq!(
        v["actions"][0]["fields"][0],
        serde_json::json!({
            "field": "indicator seances targets",
            "before": "2026: 12",
            "after": "2026: 12, 2028: 30.5"
        }),
        "{v}"
    );
}
