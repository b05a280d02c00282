//! Plans with their own code scheme (`pan.toml [plan] code_format`): numbered levers
//! written `2.3.1`, and a prefix with the lever touching the objective, `M-A12-03`. Each
//! validates, sorts in plan order, shows in status, show, digest and report, and diffs.

mod common;

use std::process::Command;

use common::{Fixture, stderr, stdout};

/// A plan in `format`, with these levers (code, objective codes) and actions
/// (lever folder, code, objective).
fn plan(format: &str, levers: &[(&str, &[&str])], actions: &[(&str, &str, &str)]) -> Fixture {
    let f = Fixture::new();
    f.remove(common::ACTION_PATH);
    f.remove(common::READINGS_PATH);
    f.write(
        "pan.toml",
        &format!(
            "[plan]\ntitle = \"Stratégie\"\nstart = 2026\nend = 2030\ncode_format = \"{format}\"\n"
        ),
    );
    let mut l = String::from("levers:\n");
    for (code, objectives) in levers {
        l.push_str(&format!(
            "  - code: \"{code}\"\n    title: Levier {code}\n    objectives:\n"
        ));
        for o in *objectives {
            l.push_str(&format!(
                "      - code: \"{o}\"\n        title: Objectif {o}\n"
            ));
        }
    }
    f.write("plan/levers.yaml", &l);
    for (folder, code, objective) in actions {
        f.write(
            &format!("plan/{folder}/{code}.yaml"),
            &format!(
                "code: \"{code}\"\nobjective: \"{objective}\"\naction: Action {code}\nresponsible: [MinDigital]\nindicators:\n  - id: n\n    label: Nombre de sessions\n    kind: count\ncalendar:\n  label: 2026 – 2027\n  start: 2026\n  end: 2027\n"
            ),
        );
    }
    f
}

fn dotted() -> Fixture {
    plan(
        "{lever:1}.{objective}.{number}",
        &[("2", &["2.3", "2.10"]), ("10", &["10.1"]), ("1", &["1.1"])],
        &[
            ("2", "2.3.1", "2.3"),
            ("2", "2.3.12", "2.3"),
            ("2", "2.10.1", "2.10"),
            ("10", "10.1.1", "10.1"),
            ("2", "2.3.2", "2.3"),
            ("1", "1.1.1", "1.1"),
        ],
    )
}

fn prefixed() -> Fixture {
    plan(
        "M-{lever}{objective}-{number:02}",
        &[("A", &["A1", "A12"]), ("B", &["B2"])],
        &[
            ("A", "M-A12-03", "A12"),
            ("A", "M-A1-10", "A1"),
            ("B", "M-B2-01", "B2"),
            ("A", "M-A1-02", "A1"),
        ],
    )
}

fn status_codes(f: &Fixture) -> Vec<String> {
    let out = f.run(&["status", "--format", "csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap().to_string())
        .collect()
}

#[test]
fn numbered_levers_validate_and_sort_in_plan_order() {
    let f = dotted();
    let (code, diags) = f.validate(&["--deny", "warnings"]);
    // Only notes: the fixture's actors.yaml declares two actors no action names.
    assert!(
        code == 0 && diags.iter().all(|d| d.0 == "P017"),
        "{diags:?}"
    );
    assert_eq!(
        status_codes(&f),
        ["1.1.1", "2.3.1", "2.3.2", "2.3.12", "2.10.1", "10.1.1"]
    );
    let out = f.run(&["status", "--lever", "10", "--format", "csv"]);
    assert!(stdout(&out).contains("10.1.1,10,10.1,"), "{}", stdout(&out));
    let show = f.run(&["show", "2.3.12"]);
    assert!(
        stdout(&show).contains("Objective 2.3 · lever 2"),
        "{}",
        stdout(&show)
    );
    let digest = stdout(&f.run(&["digest", "--as-of", "2026-11-23"]));
    assert!(
        digest.contains("2.3.12 Action 2.3.12 :t2_3_12, "),
        "{digest}"
    );
    let report = stdout(&f.run(&["report", "--as-of", "2026-11-23"]));
    let at = |s: &str| report.find(s).unwrap_or_else(|| panic!("{s}: {report}"));
    assert!(at("| 2.3.2 |") < at("| 2.3.12 |") && at("| 2.3.12 |") < at("| 2.10.1 |"));
}

#[test]
fn a_prefix_with_the_lever_against_the_objective() {
    let f = prefixed();
    let (code, diags) = f.validate(&["--deny", "warnings"]);
    // Only notes: the fixture's actors.yaml declares two actors no action names.
    assert!(
        code == 0 && diags.iter().all(|d| d.0 == "P017"),
        "{diags:?}"
    );
    assert_eq!(
        status_codes(&f),
        ["M-A1-02", "M-A1-10", "M-A12-03", "M-B2-01"]
    );
    // People type codes as they come: case and prefix do not matter.
    let show = f.run(&["show", "a12-03"]);
    assert!(stdout(&show).starts_with("M-A12-03"), "{}", stdout(&show));
    let digest = stdout(&f.run(&["digest", "--as-of", "2026-11-23"]));
    assert!(digest.contains(":a12_03, "), "{digest}");
    let out = f.run(&[
        "reading", "add", "m-a1-02", "n", "4", "--period", "2026", "--source", "Rapport",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        f.read("indicators/A/M-A1-02.csv")
            .contains("n,2026,4,Rapport")
    );
}

#[test]
fn problems_name_the_plans_format() {
    let f = dotted();
    f.write(
        "plan/2/2.3.x.yaml",
        "code: 2.3.x\nobjective: \"2.3\"\naction: x\nresponsible: [MinDigital]\nindicators: []\ncalendar:\n  label: \"2026\"\n",
    );
    let out = f.run(&["validate"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("error[P002]: `2.3.x` is not an action code of this plan ({lever:1}.{objective}.{number}): after `2.3.`, the action's number"),
        "{text}"
    );
    assert!(text.contains("e.g. 2.11.2"), "{text}");
    // A lever written otherwise than the format says.
    let f = prefixed();
    f.edit("plan/levers.yaml", "code: \"B\"", "code: \"2\"");
    let (_, diags) = f.validate(&[]);
    assert!(
        diags
            .iter()
            .any(|d| d.0 == "F008" && d.1 == "plan/levers.yaml"),
        "{diags:?}"
    );
    // A format pan cannot read back is refused with its line.
    let f = Fixture::new();
    f.edit(
        "pan.toml",
        "end = 2030\n",
        "end = 2030\ncode_format = \"{lever:1}{objective}.{number}\"\n",
    );
    let out = f.run(&["validate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("pan.toml:5:1: [plan] code_format"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_schemas_follow_the_format() {
    let f = dotted();
    let out = f.run(&["schema", "action"]);
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        schema["$defs"]["ActionCode"]["pattern"],
        r"^[1-9][0-9]{0,2}\.[1-9][0-9]{0,2}\.[1-9][0-9]{0,2}$"
    );
    assert_eq!(schema["$defs"]["ActionCode"]["examples"][0], "2.11.2");
    let out = f.run(&["schema", "levers"]);
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        schema["$defs"]["Objective"]["properties"]["code"]["pattern"],
        r"^[1-9][0-9]{0,2}\.[1-9][0-9]{0,2}$"
    );
}

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

#[test]
fn diffs_in_plan_order_with_the_plans_codes() {
    // (plan, the action edited, the action removed, the action added: folder, code, objective)
    for (f, edited, removed, (folder, added, objective)) in [
        (
            dotted(),
            "plan/2/2.3.12.yaml",
            "plan/10/10.1.1.yaml",
            ("2", "2.3.3", "2.3"),
        ),
        (
            prefixed(),
            "plan/A/M-A12-03.yaml",
            "plan/B/M-B2-01.yaml",
            ("A", "M-A1-03", "A1"),
        ),
    ] {
        git(&f, &["init", "-q", "-b", "main"]);
        git(&f, &["add", "-A"]);
        git(&f, &["commit", "-q", "-m", "base"]);
        f.edit(
            edited,
            "responsible: [MinDigital]",
            "responsible: [MinDigital, MENEJ]",
        );
        f.remove(removed);
        f.write(
            &format!("plan/{folder}/{added}.yaml"),
            &format!("code: \"{added}\"\nobjective: \"{objective}\"\naction: Nouvelle\nresponsible: [MinDigital]\nindicators:\n  - id: n\n    label: Nombre\n    kind: count\ncalendar:\n  label: \"2026\"\n  start: 2026\n  end: 2026\n"),
        );
        let out = f.run(&["diff", "--format", "json", "--as-of", "2026-11-23"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let actions: Vec<(String, String)> = v["actions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                (
                    a["code"].as_str().unwrap().to_string(),
                    a["kind"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let code_of = |path: &str| {
            path.rsplit('/')
                .next()
                .unwrap()
                .trim_end_matches(".yaml")
                .to_string()
        };
        assert_eq!(
            actions,
            [
                (added.to_string(), "added".to_string()),
                (code_of(edited), "modified".to_string()),
                (code_of(removed), "removed".to_string()),
            ]
        );
        let md = stdout(&f.run(&["diff", "--format", "markdown", "--as-of", "2026-11-23"]));
        assert!(md.contains(&code_of(edited)), "{md}");
    }
}
