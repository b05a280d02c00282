//! `pan init`: a new repository that works at once, a folder that is not empty refused,
//! other code formats, and a plan built from a table (CSV and workbook), with every bad
//! row named and nothing written.

mod common;

use std::path::Path;

use assert_cmd::Command;
use common::{TODAY, stderr, stdout};

fn pan(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("pan").unwrap();
    c.current_dir(dir)
        .env_remove("PAN_ROOT")
        .env("PAN_TODAY", TODAY)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "120");
    c
}

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    pan(dir).args(args).output().unwrap()
}

/// Every file under `dir`, relative, sorted (git's own folder aside).
fn listing(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_entry(|e| e.file_name() != ".git")
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_new_repository_validates_and_reports_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(
        tmp.path(),
        &["init", "plan", "--title", "Plan test 2026-2030"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let dir = tmp.path().join("plan");
    assert_eq!(
        listing(&dir),
        [
            ".github/workflows/pan.yml",
            ".github/workflows/site.yml",
            ".gitignore",
            ".gitlab-ci.yml",
            ".pre-commit-config.yaml",
            "README.md",
            "indicators/A/IN-A-1.01.csv",
            "pan.toml",
            "plan/A/IN-A-1.01.yaml",
            "plan/action.schema.json",
            "plan/actors.schema.json",
            "plan/actors.yaml",
            "plan/context.schema.json",
            "plan/dimensions.schema.json",
            "plan/levers.schema.json",
            "plan/levers.yaml",
        ]
    );
    let v = run(&dir, &["validate", "--deny", "warnings"]);
    assert!(v.status.success(), "{}{}", stdout(&v), stderr(&v));
    assert!(stdout(&v).contains("no problems"), "{}", stdout(&v));
    let s = run(&dir, &["status", "--format", "csv"]);
    assert!(s.status.success(), "{}", stderr(&s));
    assert!(stdout(&s).contains("IN-A-1.01,A,A-1,"), "{}", stdout(&s));
    let d = run(&dir, &["digest"]);
    assert!(d.status.success(), "{}", stderr(&d));
    let digest = stdout(&d);
    assert!(digest.contains("Plan test 2026-2030"), "{digest}");
    assert!(
        digest.contains("```mermaid") && digest.contains(":a1_01, "),
        "{digest}"
    );
    let c = run(&dir, &["schema", "--check"]);
    assert!(c.status.success(), "{}", stderr(&c));
    let show = run(&dir, &["show", "a-1.01"]);
    assert!(
        stdout(&show).contains("Réunir le comité de pilotage"),
        "{}",
        stdout(&show)
    );
    // The CI files are the ones of examples/ci/, as they are.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert_eq!(
        std::fs::read(dir.join(".github/workflows/pan.yml")).unwrap(),
        std::fs::read(root.join("examples/ci/github-workflow.yml")).unwrap()
    );
    let ignore = std::fs::read_to_string(dir.join(".gitignore")).unwrap();
    for pattern in [".pan.lock", ".pan-journal", ".pan-*.tmp", "/site/"] {
        assert!(ignore.lines().any(|l| l == pattern), "{pattern}: {ignore}");
    }
    // The README names the next five commands, with the example's code.
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    for n in 1..=5 {
        assert!(readme.contains(&format!("\n{n}. `pan ")), "{readme}");
    }
    assert!(readme.contains("`pan show IN-A-1.01`"), "{readme}");
}

#[test]
fn a_folder_that_is_not_empty_is_refused_unless_forced() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    let out = run(tmp.path(), &["init", "."]);
    assert_eq!(out.status.code(), Some(2), "as for site: {}", stderr(&out));
    assert!(stderr(&out).contains("is not empty"), "{}", stderr(&out));
    assert_eq!(listing(tmp.path()), ["notes.txt"], "nothing written");
    let out = run(tmp.path(), &["init", ".", "--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("notes.txt")).unwrap(),
        "mine"
    );
    assert!(
        run(tmp.path(), &["validate", "--deny", "warnings"])
            .status
            .success()
    );
}

#[test]
fn examples_starter_is_what_pan_init_creates() {
    let tmp = tempfile::tempdir().unwrap();
    let out = pan(tmp.path())
        .env("PAN_TODAY", "2026-11-23")
        .args(["init", "starter", "--start", "2026", "--end", "2030"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let made = tmp.path().join("starter");
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/starter");
    assert_eq!(listing(&made), listing(&committed));
    for f in listing(&made) {
        assert_eq!(
            std::fs::read_to_string(made.join(&f)).unwrap(),
            std::fs::read_to_string(committed.join(&f)).unwrap(),
            "{f} differs: run examples/regenerate"
        );
    }
}

#[test]
fn other_code_formats_and_languages() {
    for (format, lever, code) in [
        ("{lever:1}.{objective}.{number}", "1", "1.1.1"),
        ("M-{lever}{objective}-{number:02}", "A", "M-A1-01"),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let out = run(
            tmp.path(),
            &["init", "p", "--language", "en", "--code-format", format],
        );
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        let dir = tmp.path().join("p");
        assert!(
            dir.join(format!("plan/{lever}/{code}.yaml")).is_file(),
            "{format}"
        );
        assert!(dir.join(format!("indicators/{lever}/{code}.csv")).is_file());
        let toml = std::fs::read_to_string(dir.join("pan.toml")).unwrap();
        assert!(
            toml.contains(&format!("code_format = \"{format}\"")),
            "{toml}"
        );
        let v = run(&dir, &["validate", "--deny", "warnings"]);
        assert!(v.status.success(), "{format}: {}{}", stdout(&v), stderr(&v));
        let s = run(&dir, &["status"]);
        assert!(stdout(&s).contains(code), "{}", stdout(&s));
        assert!(
            stdout(&s).contains("Convene the plan's steering"),
            "{}",
            stdout(&s)
        );
    }
}

#[test]
fn wrong_arguments_write_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    for args in [
        &["init", "p", "--code-format", "{lever}-{objective}"][..],
        &[
            "init",
            "p",
            "--code-format",
            "IN/{lever}-{objective}.{number}",
        ],
        &["init", "p", "--start", "2030", "--end", "2026"],
        &["init", "p", "--title", " "],
    ] {
        let out = run(tmp.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(!tmp.path().join("p").exists(), "{args:?}");
    }
}

const TABLE: &str = "\
Code;Objectif;Action;Responsable;Partenaires;Indicateurs;Calendrier
IN-B-11.02;B-11 — Soutenir la formation aux compétences numériques;Organiser des rencontres mensuelles des formateurs.;MinDigital;MENEJ-IFEN, ErwuesseBildung ASBL;\"Nombre de séances réalisées\nNombre de participants\";2024 – 2026
IN-B-11.01;B-11 — Soutenir la formation aux compétences numériques;Publier un guide des formations.;MENEJ-IFEN;;Guide publié [deliverable];2026
IN-A-1.01;A-1 Coordonner le plan;Réunir le comité de pilotage.;MinDigital;;Nombre de réunions;Action continue
";

#[test]
fn a_plan_from_a_csv_table() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("plan.csv"), TABLE).unwrap();
    let out = run(tmp.path(), &["init", "p", "--from", "plan.csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let dir = tmp.path().join("p");
    let v = run(&dir, &["validate", "--deny", "warnings"]);
    assert!(v.status.success(), "{}{}", stdout(&v), stderr(&v));
    let s = run(&dir, &["status", "--format", "csv"]);
    let codes: Vec<String> = stdout(&s)
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap().to_string())
        .collect();
    assert_eq!(codes, ["IN-A-1.01", "IN-B-11.01", "IN-B-11.02"]);
    let action = std::fs::read_to_string(dir.join("plan/B/IN-B-11.02.yaml")).unwrap();
    assert!(
        action.contains("id: nombre-de-seances-realisees"),
        "{action}"
    );
    assert!(action.contains("kind: count"), "{action}");
    assert!(action.contains("  - ErwuesseBildung ASBL"), "{action}");
    let levers = std::fs::read_to_string(dir.join("plan/levers.yaml")).unwrap();
    assert!(
        levers.contains("title: Soutenir la formation aux compétences numériques"),
        "{levers}"
    );
    let actors = std::fs::read_to_string(dir.join("plan/actors.yaml")).unwrap();
    assert!(
        actors.contains(
            "acronym: MENEJ-IFEN\n    name: MENEJ-IFEN\n    kind: agency\n    ministry: MENEJ"
        ),
        "{actors}"
    );
    // The guessed kinds are said.
    assert!(stderr(&out).contains("read as count"), "{}", stderr(&out));
}

#[test]
fn bad_rows_are_named_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = "code,objective,action,responsible,partners,indicators,calendar\n\
               IN-B-11.2,x,t,M,,n,2026\n\
               IN-B-1.01,B-2 — x,t,M,,n,2026\n\
               IN-B-1.02,x,t,,,n,2026\n\
               IN-B-1.03,x,t,M,,Taux [ratio],2026\n";
    std::fs::write(tmp.path().join("plan.csv"), bad).unwrap();
    let out = run(tmp.path(), &["init", "p", "--from", "plan.csv"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    for (line, what) in [
        (2, "not an action code of this plan"),
        (3, "belongs to objective B-1"),
        (4, "no responsible actor"),
        (5, "`[ratio]` is not an indicator kind"),
    ] {
        assert!(
            err.lines()
                .any(|l| l.contains(&format!("(line {line})")) && l.contains(what)),
            "line {line}: {err}"
        );
    }
    assert!(err.contains("hint: "), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert!(!tmp.path().join("p").exists());
    // A table without the columns says which are missing.
    std::fs::write(tmp.path().join("t.csv"), "code,action\nIN-B-1.01,t\n").unwrap();
    let out = run(tmp.path(), &["init", "p", "--from", "t.csv"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no column responsible, indicators, calendar"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_plan_from_a_workbook_with_cells_named() {
    use rust_xlsxwriter::Workbook;
    let tmp = tempfile::tempdir().unwrap();
    let write = |rows: &[[&str; 7]], name: &str| {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        let header = [
            "code",
            "objective",
            "action",
            "responsible",
            "partners",
            "indicators",
            "calendar",
        ];
        for (c, h) in header.iter().enumerate() {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                sheet.write_string(r as u32 + 1, c as u16, *v).unwrap();
            }
        }
        book.save(tmp.path().join(name)).unwrap();
    };
    write(
        &[
            [
                "IN-C-2.01",
                "Accès",
                "Équiper",
                "MFSVA",
                "",
                "Nombre d'appareils",
                "2026 – 2027",
            ],
            [
                "IN-C-1.01",
                "Lieux",
                "Ouvrir",
                "MFSVA",
                "",
                "Nombre de lieux",
                "2026",
            ],
        ],
        "plan.xlsx",
    );
    let out = run(tmp.path(), &["init", "p", "--from", "plan.xlsx"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let dir = tmp.path().join("p");
    let v = run(&dir, &["validate", "--deny", "warnings"]);
    assert!(v.status.success(), "{}{}", stdout(&v), stderr(&v));
    assert!(dir.join("plan/C/IN-C-2.01.yaml").is_file());

    write(
        &[[
            "IN-C-2.1", "Accès", "Équiper", "MFSVA", "", "Nombre", "2026",
        ]],
        "bad.xlsx",
    );
    let out = run(tmp.path(), &["init", "q", "--from", "bad.xlsx"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("(cell A2)"), "{}", stderr(&out));
    assert!(!tmp.path().join("q").exists());
}
