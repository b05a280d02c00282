//! The first hour of a new user: the README's commands after `pan init`, a plan that
//! starts in the future, `pan diff` at once, and the bundled plan before it starts.

mod common;

use std::path::Path;

use common::{Fixture, TODAY, commands_after, shell, stderr, stdout};

fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap()
}

/// Run `line` in `dir` and insist that it succeeds.
fn ok(dir: &Path, line: &str) -> String {
    let out = shell(dir, line);
    assert!(
        out.status.success(),
        "`{line}` failed ({:?}):\n{}\n{}",
        out.status.code(),
        stdout(&out),
        stderr(&out)
    );
    stdout(&out)
}

#[test]
fn every_command_the_readme_shows_after_pan_init_works() {
    let tmp = tempfile::tempdir().unwrap();
    let text = readme();
    let init = commands_after(&text, "## Starting a plan: pan init");
    assert_eq!(init.len(), 1, "{init:?}");
    ok(tmp.path(), &init[0]);
    let dir = tmp.path().join("my-plan");
    assert!(dir.join(".git").is_dir(), "pan init ran git init");
    let next = commands_after(
        &text,
        "The next five commands, as the new README lists them",
    );
    assert_eq!(next.len(), 5, "{next:?}");
    for line in &next {
        ok(&dir, line);
    }
    // The new repository's own README lists the same steps, with its own code.
    let own = std::fs::read_to_string(dir.join("README.md")).unwrap();
    let listed: Vec<String> = own
        .lines()
        .filter_map(|l| l.split_once(". `pan ").map(|(_, r)| r))
        .filter_map(|r| r.split_once("` — ").map(|(c, _)| format!("pan {c}")))
        .collect();
    assert_eq!(listed.len(), 5, "{own}");
    let again = tempfile::tempdir().unwrap();
    ok(again.path(), "pan init p --start 2026 --end 2030");
    for line in &listed {
        ok(&again.path().join("p"), &line.replace('…', "Procès-verbal"));
    }
    // `pan diff` works at once: everything is new against a repository without a commit.
    let diff = ok(&dir, "pan diff");
    assert!(diff.contains("HEAD (no commit yet)"), "{diff}");
    assert!(diff.contains("IN-A-1.01 added"), "{diff}");
    // Then the published site, as the README goes on.
    for line in commands_after(&text, "## The website: pan site")
        .iter()
        .take(1)
    {
        ok(&dir, line);
    }
    assert!(dir.join("_site/index.html").is_file());
}

const COMMIT: &str = "git add -A && git -c user.name=t -c user.email=t@example.org commit -qm";

#[test]
fn pan_diff_a_dot_dot_dot_b_compares_with_where_b_branched() {
    let tmp = tempfile::tempdir().unwrap();
    ok(tmp.path(), "pan init p --start 2026 --end 2030");
    let dir = tmp.path().join("p");
    ok(&dir, &format!("{COMMIT} Plan && git switch -qc readings"));
    ok(
        &dir,
        &format!(
            "pan reading add IN-A-1.01 reunions-du-comite 2 --period 2026 --source PV && {COMMIT} R"
        ),
    );
    // main moves on after the branch started: A...B leaves its changes out, A..B not.
    ok(
        &dir,
        &format!(
            "git switch -q main && pan update IN-A-1.01 --state in_progress --note Lancée && {COMMIT} S && git switch -q readings"
        ),
    );
    for spec in ["main...readings", "main..."] {
        let out = ok(&dir, &format!("pan diff {spec}"));
        assert!(
            out.contains("reading added: reunions-du-comite 2026 = 2"),
            "{spec}: {out}"
        );
        assert!(
            !out.contains("in_progress"),
            "{spec}: main's own change is not the branch's: {out}"
        );
        assert!(out.contains("merge base"), "{out}");
    }
    // A..B compares the two tips: main's new state entry looks removed by the branch.
    let out = shell(&dir, "pan diff main..readings");
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stdout(&out).contains("state entry 2026-11-30 in_progress was removed"));
    let out = shell(&dir, "pan diff nope...readings");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown revision `nope`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_plan_that_starts_in_the_future_builds_its_digest_and_site_every_day_before() {
    let tmp = tempfile::tempdir().unwrap();
    ok(
        tmp.path(),
        "PAN_TODAY=2026-01-01 pan init p --start 2027 --end 2031",
    );
    let dir = tmp.path().join("p");
    for day in ["2026-01-01", "2026-11-30", "2026-12-31"] {
        for line in [
            "pan digest",
            "pan site -o _site",
            "pan validate --deny warnings",
        ] {
            let out = shell(&dir, &format!("PAN_TODAY={day} {line}"));
            assert!(out.status.success(), "{day}: `{line}`: {}", stderr(&out));
            assert!(
                !stderr(&out).contains("--since"),
                "{day}: a flag nobody passed: {}",
                stderr(&out)
            );
        }
        let digest = ok(&dir, &format!("PAN_TODAY={day} pan digest"));
        assert!(
            digest.contains("le plan n'a pas encore commencé"),
            "{digest}"
        );
    }
    // --since given by the person is still checked.
    let out = shell(&dir, "pan digest --since 2027-03-01");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--since 2027-03-01 is after"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_bundled_plan_builds_its_digest_and_site_on_any_day_of_2025() {
    let f = Fixture::bundled();
    for day in ["2025-01-01", "2025-07-14", "2025-12-31"] {
        for args in [&["digest"][..], &["site", "-o", "_site"]] {
            let out = f.pan().env("PAN_TODAY", day).args(args).output().unwrap();
            assert!(out.status.success(), "{day} {args:?}: {}", stderr(&out));
        }
    }
}

#[test]
fn pan_init_says_what_it_did_about_git() {
    // Inside a repository: no repository of its own.
    let tmp = tempfile::tempdir().unwrap();
    ok(tmp.path(), "git init -q");
    let out = shell(tmp.path(), "pan init inner --start 2026 --end 2030");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!tmp.path().join("inner/.git").exists());
    assert!(
        stderr(&out).contains("is inside the git repository"),
        "{}",
        stderr(&out)
    );
    // Asked not to.
    let tmp = tempfile::tempdir().unwrap();
    let out = shell(tmp.path(), "pan init p --no-git");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!tmp.path().join("p/.git").exists());
    // Without git on the PATH.
    let tmp = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("pan");
    let out = std::process::Command::new(&bin)
        .args(["init", "p"])
        .current_dir(tmp.path())
        .env("PATH", tmp.path())
        .env("PAN_TODAY", TODAY)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("git is not installed"),
        "{}",
        stderr(&out)
    );
    assert!(!tmp.path().join("p/.git").exists());
}

#[test]
fn a_file_name_decides_the_format_or_a_mismatch_is_refused() {
    let f = Fixture::new();
    // The extension decides.
    for (args, file, starts) in [
        (&["export", "-o", "x.xlsx"][..], "x.xlsx", &b"PK"[..]),
        (&["export", "-o", "x.json"], "x.json", b"{"),
        (&["status", "-o", "s.json"], "s.json", b"{"),
        (&["status", "-o", "s.csv"], "s.csv", b"code,"),
        (&["status", "-o", "s.md"], "s.md", b"Situation au"),
        (&["reading", "list", "-o", "l.json"], "l.json", b"{"),
        (&["reading", "list", "-o", "l.csv"], "l.csv", b"action,"),
        (&["reading", "template", "-o", "t.xlsx"], "t.xlsx", b"PK"),
        (&["reading", "template", "-o", "t.csv"], "t.csv", b"code,"),
        (&["diff", "-o", "d.json"], "d.json", b"{"),
        (&["validate", "-o", "v.json"], "v.json", b"{"),
        (&["validate", "-o", "v.sarif"], "v.sarif", b"{"),
    ] {
        if args[0] == "diff" {
            shell(f.path(), &format!("git init -q && {COMMIT} Plan"));
        }
        let out = f.run(args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        let bytes = std::fs::read(f.path().join(file)).unwrap();
        assert!(
            bytes.starts_with(starts),
            "{args:?}: {}",
            String::from_utf8_lossy(&bytes[..bytes.len().min(80)])
        );
    }
    // A mismatch, or a name that says a format the command does not write, is refused
    // before anything is written.
    for args in [
        &["export", "--format", "json", "-o", "x2.xlsx"][..],
        &["export", "--format", "xlsx", "-o", "x2.json"],
        &["export", "--format", "datapackage", "-o", "x2.json"],
        &["reading", "template", "-o", "menej.pdf"],
        &["reading", "template", "--format", "csv", "-o", "menej.xlsx"],
        &["status", "--format", "csv", "-o", "s2.json"],
        &["status", "-o", "s2.xlsx"],
        &["reading", "list", "-o", "l2.pdf"],
        &["digest", "-o", "copil.pdf"],
        &["report", "-o", "report.docx"],
        &["diff", "-o", "d2.html"],
        &["validate", "--format", "human", "-o", "v2.json"],
        &["reading", "import", "x.csv", "--report", "r.pdf"],
    ] {
        let out = f.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        let e = stderr(&out);
        assert!(
            e.contains("does not match the file name")
                || e.contains("which this command does not write"),
            "{args:?}: {e}"
        );
        let named = args.iter().rev().find(|a| a.contains('.')).unwrap();
        assert!(!f.path().join(named).exists(), "{args:?}: nothing written");
    }
    // A name that says nothing leaves the format to --format.
    let out = f.run(&["status", "--format", "json", "-o", "status.out"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(f.read("status.out").starts_with('{'));
}

#[test]
fn counts_agree_with_their_nouns_in_french_and_english() {
    let f = Fixture::new();
    shell(f.path(), &format!("git init -q && {COMMIT} Plan"));
    f.edit(common::ACTION_PATH, "rencontres mensuelles", "rencontres");
    let md = stdout(&f.run(&["diff", "--format", "markdown"]));
    assert!(
        md.contains("1 action modifiée · 0 relevé ajouté · 0 état enregistré · 0 problème introduit, 0 corrigé"),
        "{md}"
    );
    let text = stdout(&f.run(&["diff"]));
    assert!(text.contains("0 problems introduced, 0 fixed"), "{text}");
    let list = stdout(&f.run(&["reading", "list"]));
    assert!(list.trim_end().ends_with("1 reading"), "{list}");
    let out = f.run(&["site", "-o", "_site"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = f.read("_site/fr/actions/IN-B-11.02.html");
    assert!(page.contains("Diagramme en barres de 1 relevé,"), "{page}");
    let page = f.read("_site/en/actions/IN-B-11.02.html");
    assert!(page.contains("Bar chart of 1 reading,"), "{page}");
    for out in [md, text, list] {
        assert!(!out.contains("(s)"), "{out}");
    }
    // The first of a month in French; no dash for a state nobody recorded.
    let digest = stdout(&f.run(&["digest"]));
    assert!(
        digest.contains("1er janvier 2026 → 30 novembre 2026"),
        "{digest}"
    );
    let grouped = stdout(&f.run(&["status", "--group-by", "state"]));
    assert!(grouped.contains("state: none declared ·"), "{grouped}");
    assert!(!grouped.contains("state: —"), "{grouped}");
    let fr = stdout(&f.run(&["status", "--group-by", "state", "--lang", "fr"]));
    assert!(fr.contains("État\u{a0}: aucun déclaré ·"), "{fr}");
}

fn add(f: &Fixture, period: &str) -> std::process::Output {
    f.run(&[
        "reading",
        "add",
        "IN-B-11.02",
        "participants",
        "12",
        "--period",
        period,
        "--source",
        "Rapport",
    ])
}

#[test]
fn typos_are_said_instead_of_giving_nothing() {
    let f = Fixture::new();
    // A year of two digits.
    let out = f.run(&["status", "--year", "27"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("did you mean 2027?"),
        "{}",
        stderr(&out)
    );
    assert!(f.run(&["status", "--year", "2026"]).status.success());
    // Periods ignore case, as codes do; French forms and dd/mm/yyyy get a hint.
    let out = add(&f, "2025-h1");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        f.read(common::READINGS_PATH)
            .contains("participants,2025-H1,12,")
    );
    let out = f.run(&["reading", "list", "--since", "2025-h1", "--format", "csv"]);
    assert!(stdout(&out).contains("2025-H1"), "{}", stdout(&out));
    for (typed, meant) in [
        ("2025-S2", "2025-H2"),
        ("2025-T3", "2025-Q3"),
        ("31/12/2025", "2025-12-31"),
        ("09/2025", "2025-09"),
    ] {
        let out = add(&f, typed);
        assert_eq!(out.status.code(), Some(2), "{typed}");
        assert!(
            stderr(&out).contains(&format!("did you mean {meant}?")),
            "{typed}: {}",
            stderr(&out)
        );
        let out = f.run(&["reading", "list", "--since", typed]);
        assert_eq!(out.status.code(), Some(2), "{typed}");
        assert!(
            stderr(&out).contains(&format!("did you mean {meant}?")),
            "{}",
            stderr(&out)
        );
    }
    // In a readings file, periods are written exactly; the hint says how.
    f.write(
        common::READINGS_PATH,
        "indicator,period,value,source,note,recorded,replaces\nseances,2024-h2,11,Rapport,,2026-01-15,\n",
    );
    let out = f.run(&["validate"]);
    assert!(stdout(&out).contains("R004"), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("did you mean 2024-H2?"),
        "{}",
        stdout(&out)
    );
    // A state dated before both the plan and the action start is recorded, and said.
    let f = Fixture::new();
    let out = f.run(&[
        "update",
        "IN-B-11.02",
        "--state",
        "planned",
        "--date",
        "2016-03-01",
        "--note",
        "Prévue",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "warning: 2016-03-01 is before the plan (2026-01-01) and the action (2024-01-01) start"
        ),
        "{}",
        stderr(&out)
    );
    let out = f.run(&[
        "update",
        "IN-B-11.02",
        "--state",
        "in_progress",
        "--date",
        "2024-03-01",
        "--note",
        "Lancée",
    ]);
    assert!(out.status.success());
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
}

#[test]
#[cfg(unix)]
fn the_new_outputs_never_write_through_a_link_or_over_a_folder() {
    let f = Fixture::new();
    f.write("victim.txt", "mine");
    std::os::unix::fs::symlink(f.path().join("victim.txt"), f.path().join("out.csv")).unwrap();
    std::fs::create_dir(f.path().join("folder.json")).unwrap();
    for args in [
        &["status", "-o", "out.csv"][..],
        &["reading", "list", "-o", "out.csv"],
        &["status", "-o", "folder.json"],
        &["reading", "list", "-o", "folder.json"],
    ] {
        let out = f.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert_eq!(f.read("victim.txt"), "mine", "{args:?}");
    }
    assert!(f.path().join("folder.json").is_dir());
}
