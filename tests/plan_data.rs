//! The bundled 2026–2030 plan: counts, uniqueness, round-trips, schema.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use pan::config::Repo;
use pan::load::{self, tree::FsTree};
use pan::model::calendar::parse_label;
use pan::write::yaml;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Compare two texts and name the first line that differs (a whole-file dump is unreadable).
fn assert_same_text(got: &str, want: &str, what: &str) {
    if got == want {
        return;
    }
    let (g, w): (Vec<&str>, Vec<&str>) = (got.lines().collect(), want.lines().collect());
    let i = g
        .iter()
        .zip(&w)
        .position(|(a, b)| a != b)
        .unwrap_or(g.len().min(w.len()));
    panic!(
        "{what}: line {} differs\n  generated: {:?}\n  on disk:   {:?}",
        i + 1,
        g.get(i),
        w.get(i)
    );
}

fn loaded() -> (Repo, load::Loaded) {
    let repo = Repo::open(&root()).expect("the bundled pan.toml is valid");
    let loaded = load::load(&FsTree::new(&repo.root), &repo.settings);
    (repo, loaded)
}

#[test]
fn the_bundled_plan_loads_without_errors_of_form() {
    let (_, loaded) = loaded();
    let errors: Vec<String> = loaded
        .diagnostics
        .iter()
        .map(|d| format!("{}:{}: {} {}", d.file, d.span.line, d.rule.code, d.message))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn it_has_249_actions_on_six_levers() {
    let (_, loaded) = loaded();
    let plan = &loaded.plan;
    assert_eq!(plan.actions.len(), 249);
    let count = |l: char| {
        plan.actions
            .iter()
            .filter(|a| a.code.lever() == u16::from(l as u8))
            .count()
    };
    assert_eq!(
        [
            count('A'),
            count('B'),
            count('C'),
            count('D'),
            count('E'),
            count('F')
        ],
        [19, 95, 29, 57, 26, 23]
    );
    let codes: HashSet<_> = plan.actions.iter().map(|a| a.code).collect();
    assert_eq!(codes.len(), 249, "codes are unique");
    assert_eq!(plan.levers.len(), 6);
    assert_eq!(
        plan.levers
            .iter()
            .map(|l| l.objectives.len())
            .sum::<usize>(),
        36
    );
    assert_eq!(plan.ministries().count(), 15);
}

#[test]
fn actions_are_in_plan_order() {
    let (_, loaded) = loaded();
    let codes: Vec<String> = loaded
        .plan
        .actions
        .iter()
        .map(|a| a.code.to_string())
        .collect();
    let b2 = codes.iter().position(|c| c == "IN-B-2.01").unwrap();
    let b10 = codes.iter().position(|c| c == "IN-B-10.01").unwrap();
    assert!(b2 < b10);
}

#[test]
fn every_action_file_round_trips_byte_for_byte() {
    let (repo, loaded) = loaded();
    let tree = FsTree::new(&repo.root);
    assert_eq!(loaded.spans.len(), 249);
    for spans in &loaded.spans {
        let text = std::fs::read_to_string(repo.root.join(&spans.file)).unwrap();
        let (decoded, diags) = load::load_action(&tree, &spans.file, repo.settings.plan.codes);
        assert!(diags.is_empty(), "{}: {diags:?}", spans.file);
        let (action, _) = decoded.unwrap();
        assert_same_text(&yaml::action(&action), &text, &spans.file);
    }
}

#[test]
fn levers_and_actors_round_trip() {
    let (repo, loaded) = loaded();
    let levers = std::fs::read_to_string(repo.root.join("plan/levers.yaml")).unwrap();
    assert_same_text(
        &yaml::levers(&loaded.plan.levers),
        &levers,
        "plan/levers.yaml",
    );
    let actors = std::fs::read_to_string(repo.root.join("plan/actors.yaml")).unwrap();
    assert_same_text(
        &yaml::actors(&loaded.plan.actors, &loaded.plan.abbreviations),
        &actors,
        "plan/actors.yaml",
    );
    if let Ok(context) = std::fs::read_to_string(repo.root.join("plan/context.yaml")) {
        assert_same_text(
            &yaml::context(&loaded.plan.context),
            &context,
            "plan/context.yaml",
        );
    }
}

#[test]
fn every_calendar_label_is_understood_and_matches_its_fields() {
    let (_, loaded) = loaded();
    for a in &loaded.plan.actions {
        let (parsed, understood) = parse_label(&a.calendar.label);
        assert!(understood, "{}: {:?}", a.code, a.calendar.label);
        assert_eq!(parsed, a.calendar, "{}", a.code);
    }
}

fn schema_validator(name: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join("plan").join(name)).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

fn yaml_as_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap();
    serde_saphyr::from_str(&text).unwrap()
}

#[test]
fn committed_schemas_are_up_to_date() {
    use pan::cmd::schema::{Which, generate};
    for which in Which::ALL {
        let committed =
            std::fs::read_to_string(root().join("plan").join(which.file_name())).unwrap();
        assert_eq!(
            committed,
            generate(which, &pan::model::code::DEFAULT),
            "run `pan schema --write` ({})",
            which.file_name()
        );
    }
}

#[test]
fn every_plan_file_validates_against_its_schema() {
    let action = schema_validator("action.schema.json");
    let mut n = 0;
    for entry in walkdir::WalkDir::new(root().join("plan")).min_depth(2) {
        let entry = entry.unwrap();
        // plan/translations/ holds translations, not actions (checked by pan's loader).
        let translation = entry.path().parent().and_then(|p| p.file_name())
            == Some(std::ffi::OsStr::new("translations"));
        if entry.path().extension().is_some_and(|e| e == "yaml") && !translation {
            let value = yaml_as_json(entry.path());
            let errors: Vec<String> = action.iter_errors(&value).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{}: {errors:?}", entry.path().display());
            n += 1;
        }
    }
    assert_eq!(n, 249);
    let levers = schema_validator("levers.schema.json");
    assert!(levers.is_valid(&yaml_as_json(&root().join("plan/levers.yaml"))));
    let actors = schema_validator("actors.schema.json");
    assert!(actors.is_valid(&yaml_as_json(&root().join("plan/actors.yaml"))));
}

#[test]
fn the_schema_rejects_what_the_loader_rejects() {
    let action = schema_validator("action.schema.json");
    let mut value = yaml_as_json(&root().join("plan/B/IN-B-11.02.yaml"));
    assert!(action.is_valid(&value));
    value["responsable"] = serde_json::json!(["MinDigital"]);
    assert!(!action.is_valid(&value), "unknown fields are refused");
    let mut value = yaml_as_json(&root().join("plan/B/IN-B-11.02.yaml"));
    value["indicators"][0]["kind"] = serde_json::json!("counter");
    assert!(!action.is_valid(&value), "unknown kinds are refused");
    let mut value = yaml_as_json(&root().join("plan/B/IN-B-11.02.yaml"));
    value.as_object_mut().unwrap().remove("calendar");
    assert!(!action.is_valid(&value), "missing fields are refused");
}

#[test]
fn the_schema_and_the_loader_know_the_same_fields() {
    let text =
        pan::cmd::schema::generate(pan::cmd::schema::Which::Action, &pan::model::code::DEFAULT);
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    let props = |v: &serde_json::Value| -> Vec<String> {
        let mut k: Vec<String> = v["properties"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        k.sort();
        k
    };
    let sorted = |f: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = f.iter().map(|s| s.to_string()).collect();
        v.sort();
        v
    };
    assert_eq!(props(&schema), sorted(load::action::ACTION_FIELDS));
    assert_eq!(
        props(&schema["$defs"]["Indicator"]),
        sorted(load::action::INDICATOR_FIELDS)
    );
    assert_eq!(
        props(&schema["$defs"]["Calendar"]),
        sorted(load::action::CALENDAR_FIELDS)
    );
    assert_eq!(
        props(&schema["$defs"]["StateEntry"]),
        sorted(load::action::STATE_FIELDS)
    );
}

#[test]
fn the_readme_documents_every_rule() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    for rule in pan::diag::rules::ALL {
        assert!(
            readme.contains(&format!("| `{}` | {} |", rule.code, rule.name)),
            "README.md does not list {} {}",
            rule.code,
            rule.name
        );
    }
}

#[test]
fn the_readme_states_the_limits_the_code_applies() {
    use pan::config::limits;
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let mib = |b: u64| format!("{} MiB", b / (1024 * 1024));
    let thousands = |n: usize| {
        let s = n.to_string();
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            if i > 0 && (s.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        out
    };
    for want in [
        format!("| plan file (YAML) | {} |", mib(limits::PLAN_FILE_BYTES)),
        format!("| {} |", mib(limits::READINGS_FILE_BYTES)),
        format!("| `pan.toml` | {} |", mib(limits::SETTINGS_FILE_BYTES)),
        format!("default {}", thousands(limits::FILES)),
        format!("| YAML nesting | {} levels |", limits::YAML_DEPTH),
        format!(
            "| values in one YAML file | {} |",
            thousands(limits::YAML_NODES)
        ),
        format!("| {} levels |", limits::WALK_DEPTH - 1),
        format!("over {}", thousands(limits::DAYS as usize)),
        format!("outside 1–{}", thousands(limits::FILES_CEILING)),
    ] {
        assert!(readme.contains(&want), "README.md does not say `{want}`");
    }
}
