//! Every command's `--help`: it fits 80 columns without breaking an example, `pan init`'s
//! does not offer `--root`, and every example it shows runs, in order, on a copy of the
//! bundled plan (as the README's commands are run by tests/first_hour.rs).

mod common;

use std::path::Path;

use common::{Fixture, stderr, stdout};
use unicode_width::UnicodeWidthStr;

/// The commands `pan --help` (and `pan reading --help`) list, as argument lists.
fn commands(f: &Fixture) -> Vec<Vec<String>> {
    let listed = |args: &[&str]| -> Vec<String> {
        let help = stdout(&f.run(args));
        help.lines()
            .skip_while(|l| !l.starts_with("Commands:"))
            .skip(1)
            .take_while(|l| l.starts_with("  "))
            // A command's line, not the continuation of a description.
            .filter(|l| !l.starts_with("   "))
            .filter_map(|l| l.split_whitespace().next())
            .filter(|c| *c != "help")
            .map(str::to_string)
            .collect()
    };
    let mut out = Vec::new();
    for c in listed(&["--help"]) {
        out.push(vec![c.clone()]);
        if c == "reading" {
            for s in listed(&["reading", "--help"]) {
                out.push(vec![c.clone(), s]);
            }
        }
    }
    out
}

/// `pan <command> --help` as an 80-column terminal shows it.
fn help(f: &Fixture, command: &[String]) -> String {
    let out = f
        .pan()
        .env("COLUMNS", "80")
        .args(command)
        .arg("--help")
        .output()
        .unwrap();
    assert!(out.status.success(), "{command:?}: {}", stderr(&out));
    stdout(&out)
}

/// The examples of a help text: each a command line, continued by a trailing `\`.
fn examples(help: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut continued = false;
    for line in help
        .lines()
        .skip_while(|l| *l != "Examples:")
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
    {
        if continued {
            let last = out.last_mut().unwrap();
            last.push('\n');
            last.push_str(line);
        } else {
            assert!(
                line.starts_with("  pan ") || line.starts_with("  echo "),
                "an example broken mid-line: {line:?}\n{help}"
            );
            out.push(line.trim_start().to_string());
        }
        continued = line.ends_with(" \\");
    }
    out
}

#[test]
fn help_fits_80_columns_without_breaking_an_example() {
    let f = Fixture::new();
    let all = commands(&f);
    assert!(all.len() >= 16, "{all:?}");
    for c in &all {
        let text = help(&f, c);
        for line in text.lines() {
            assert!(line.width() <= 80, "{c:?}: {line:?}");
        }
        if c[0] != "reading" || c.len() > 1 {
            assert!(!examples(&text).is_empty(), "{c:?} has no example");
        }
        let offers_root = text.contains("--root");
        assert_eq!(offers_root, c[0] != "init", "{c:?}: --root");
    }
}

const PLAN_TABLE: &str = "\
Code;Objectif;Action;Responsable;Partenaires;Indicateurs;Calendrier
IN-B-11.02;B-11 — Soutenir la formation;Organiser des rencontres des formateurs.;MinDigital;;Nombre de séances réalisées;2024 – 2026
";

fn git(dir: &Path, args: &str) {
    let out = common::shell(
        dir,
        &format!("git -c user.name=t -c user.email=t@example.org -c commit.gpgsign=false {args}"),
    );
    assert!(out.status.success(), "git {args}: {}", stderr(&out));
}

#[test]
fn every_example_of_the_help_runs_on_the_bundled_plan() {
    let f = Fixture::bundled();
    let dir = f.path();
    // What the examples name: revisions, a table, a file of figures, a home folder.
    git(dir, "init -q -b main");
    git(dir, "add -A");
    git(dir, "commit -qm base");
    git(dir, "tag v1.0");
    f.edit("plan/C/IN-C-1.01.yaml", "states: []", "states: []\n");
    git(dir, "commit -qam second");
    git(dir, "tag v1.1");
    git(dir, "update-ref refs/remotes/origin/main v1.0");
    f.write("plan.csv", PLAN_TABLE);
    f.write(
        "figures.csv",
        "code,indicator,period,value,source\nIN-C-1.01,videos-realisees,2025,3,Rapport\n",
    );
    for d in [".local/share/bash-completion/completions", ".zfunc"] {
        std::fs::create_dir_all(dir.join("home").join(d)).unwrap();
    }
    let order = [
        "validate",
        "status",
        "due",
        "show",
        "update",
        "reading",
        "digest",
        "report",
        "export",
        "site",
        "schema",
        "diff",
        "completions",
        "init",
    ];
    let mut all = commands(&f);
    all.sort_by_key(|c| {
        let sub = ["add", "list", "template", "import"];
        (
            order.iter().position(|o| *o == c[0]).unwrap_or(order.len()),
            c.get(1)
                .map(|s| 1 + sub.iter().position(|x| x == s).unwrap_or(sub.len()))
                .unwrap_or(0),
        )
    });
    assert_eq!(all.len(), order.len() + 4, "every command is run: {all:?}");
    let mut ran = 0;
    for c in &all {
        for example in examples(&help(&f, c)) {
            let line = format!("HOME={}/home; {example}", dir.display());
            let out = common::shell(dir, &line);
            assert!(
                out.status.success(),
                "{c:?}: `{example}` failed ({:?}):\n{}\n{}",
                out.status.code(),
                stdout(&out),
                stderr(&out)
            );
            ran += 1;
        }
    }
    assert!(ran >= 45, "{ran} examples");
}
