//! `pan validate`'s outputs and options: every format, narrowing, allowances, exit status.

mod common;

use common::{ACTION_PATH, Fixture, stderr, stdout};

/// Three problems and nothing else: two errors (P006 line 6, P009 line 14) and one
/// warning (P007 line 9).
fn three_problems() -> Fixture {
    let f = Fixture::new();
    f.edit(
        ACTION_PATH,
        "  - MinDigital",
        "  - MinDigital\n  - MinDigtal",
    );
    f.edit(
        ACTION_PATH,
        "  - MENEJ-IFEN",
        "  - MENEJ-IFEN\n  - MENEJ-XYZ",
    );
    f.edit(ACTION_PATH, "id: participants", "id: seances");
    f
}

fn run(f: &Fixture, args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["validate", "--as-of", "2026-11-23"];
    all.extend_from_slice(args);
    let out = f.run(&all);
    (out.status.code().unwrap(), stdout(&out), stderr(&out))
}

#[test]
fn human_output_shows_the_source_line_a_marker_and_the_hint() {
    let (code, out, _) = run(&three_problems(), &[]);
    assert_eq!(code, 1);
    assert!(
        out.contains(
            "plan/B/IN-B-11.02.yaml:6:5: error[P006]: responsible actor `MinDigtal` is not declared"
        ),
        "{out}"
    );
    assert!(
        out.contains("6 |   - MinDigtal\n  |     ^^^^^^^^^"),
        "{out}"
    );
    assert!(out.contains("= hint: did you mean `MinDigital`?"), "{out}");
    assert!(
        out.trim_end()
            .lines()
            .last()
            .unwrap()
            .starts_with("2 errors, 1 warning, 0 notes in 4 files ("),
        "{out}"
    );
}

#[test]
fn github_format_gives_one_annotation_per_problem() {
    let (code, out, _) = run(&three_problems(), &["--format", "github"]);
    assert_eq!(code, 1);
    let annotations: Vec<&str> = out.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(annotations.len(), 3, "{out}");
    assert_eq!(
        annotations
            .iter()
            .filter(|l| l.starts_with("::error "))
            .count(),
        2
    );
    assert_eq!(
        annotations
            .iter()
            .filter(|l| l.starts_with("::warning "))
            .count(),
        1
    );
    assert!(out.contains("::error file=plan/B/IN-B-11.02.yaml,line=6,col=5,endColumn=14,title=P006 unknown-responsible::"), "{out}");
    assert!(
        annotations.iter().all(|l| l.contains("%0Ahint: ")),
        "multi-line messages are escaped: {out}"
    );
}

/// The SARIF 2.1.0 schema, vendored (tests/fixtures/sarif/README.md says from where).
fn sarif_schema() -> jsonschema::Validator {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sarif/sarif-schema-2.1.0.json");
    let mut schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    // The schema's pattern for a language has a lone `]`, a literal in ECMAScript regular
    // expressions (which JSON Schema uses) but refused by Rust's: the same pattern with
    // the bracket escaped.
    fn escape(v: &mut serde_json::Value) -> usize {
        const LONE: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
        match v {
            serde_json::Value::Object(m) => {
                let mut n = 0;
                if m.get("pattern").is_some_and(|p| p == LONE) {
                    m.insert("pattern".into(), LONE.replace("}]?", "}\\]?").into());
                    n += 1;
                }
                n + m.values_mut().map(escape).sum::<usize>()
            }
            serde_json::Value::Array(a) => a.iter_mut().map(escape).sum(),
            _ => 0,
        }
    }
    assert!(escape(&mut schema) > 0, "the vendored schema changed");
    jsonschema::validator_for(&schema).expect("the SARIF schema compiles")
}

#[test]
fn the_sarif_schema_refuses_what_is_not_sarif() {
    let schema = sarif_schema();
    let fine = serde_json::json!({"version": "2.1.0", "runs": []});
    assert!(schema.is_valid(&fine));
    for bad in [
        serde_json::json!({"version": "2.0.0", "runs": []}),
        serde_json::json!({"version": "2.1.0"}),
        serde_json::json!({"version": "2.1.0", "runs": [{"results": []}]}),
        serde_json::json!({"version": "2.1.0", "runs": [], "extra": 1}),
    ] {
        assert!(!schema.is_valid(&bad), "{bad}");
    }
}

#[test]
fn json_markdown_and_sarif_formats() {
    let f = three_problems();
    let (_, out, _) = run(&f, &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["summary"]["errors"], 2);
    assert_eq!(v["diagnostics"][0]["name"], "unknown-responsible");
    assert_eq!(v["diagnostics"][0]["action"], "IN-B-11.02");
    let (_, out, _) = run(&f, &["--format", "markdown"]);
    assert!(out.starts_with("## pan validate\n\n❌ 2 errors"), "{out}");
    assert_eq!(
        out.lines().filter(|l| l.starts_with("| ")).count(),
        2 + 3,
        "{out}"
    );
    let (_, out, _) = run(&f, &["--format", "sarif"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let errors: Vec<String> = sarif_schema()
        .iter_errors(&v)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "not valid SARIF 2.1.0:\n{}",
        errors.join("\n")
    );
    assert_eq!(v["version"], "2.1.0");
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        6
    );
}

#[test]
fn select_and_ignore_narrow_the_output_but_hidden_errors_still_fail() {
    let f = three_problems();
    let (code, out, _) = run(&f, &["--select", "P007", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 1);
    assert_eq!(v["summary"]["hidden"], 2);
    assert_eq!(code, 1, "the hidden errors still fail the check");
    let (code, _, err) = run(&f, &["--ignore", "P006,duplicate-indicator"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("problems hidden by --select/--ignore"),
        "{err}"
    );
    let (code, _, err) = run(&f, &["--select", "Z999"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown rule `Z999`"), "{err}");
}

#[test]
fn warnings_fail_only_with_deny_warnings() {
    let f = Fixture::new();
    f.edit(ACTION_PATH, "  - MENEJ-IFEN", "  - MENEJ-XYZ");
    assert_eq!(run(&f, &[]).0, 0);
    assert_eq!(run(&f, &["--deny", "warnings"]).0, 1);
}

#[test]
fn allowances_in_pan_toml_accept_a_problem_knowingly() {
    let f = Fixture::new();
    f.edit(ACTION_PATH, "  - MinDigital", "  - MinDigtal");
    f.write(
        "pan.toml",
        &format!("{}[validate]\nallow = [{{ rule = \"P006\", action = \"IN-B-11.02\", reason = \"en attente\" }}]\n", common::PAN_TOML),
    );
    let (code, out, _) = run(&f, &[]);
    assert_eq!(code, 0, "{out}");
    // Counted, not printed, unless asked for.
    assert!(!out.contains("allowed[P006]"), "{out}");
    assert!(out.contains("1 allowed in pan.toml"), "{out}");
    let (code, out, _) = run(&f, &["--show-allowed"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("allowed[P006]") && out.contains("(en attente)"),
        "{out}"
    );
    // GitHub gets no notice for it on every run.
    let (_, out, _) = run(&f, &["--format", "github"]);
    assert!(!out.contains("P006"), "{out}");
    // An allowance for another action accepts nothing.
    f.write(
        "pan.toml",
        &format!("{}[validate]\nallow = [{{ rule = \"P006\", action = \"IN-B-11.03\", reason = \"x\" }}]\n", common::PAN_TOML),
    );
    assert_eq!(run(&f, &[]).0, 1);
}

#[test]
fn explain_and_list_rules() {
    let f = Fixture::new();
    let (code, out, _) = run(&f, &["--explain", "unknown-field"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("F005 unknown-field (error)"), "{out}");
    assert!(
        out.contains("Triggers it (plan/B/IN-B-11.02.yaml)")
            && out
                .lines()
                .any(|l| l.trim_start().starts_with('>') && l.ends_with("| partenaires:"))
            && out.contains("Fixed"),
        "{out}"
    );
    let (code, _, err) = run(&f, &["--explain", "F999"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown rule `F999`"), "{err}");
    let (_, out, _) = run(&f, &["--list-rules"]);
    assert_eq!(out.lines().count(), pan::diag::rules::ALL.len());
}
