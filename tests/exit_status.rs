//! One exit-status rule for every command (README, "Exit status"): 0 success; 1 problems
//! found, input refused or an output left incomplete by files with problems; 2 the
//! command line is wrong (an unknown option or name, a malformed date or period, an
//! output pan does not write to) or pan could not run. Each command, each status it has.

mod common;

use common::{ACTION_PATH, Fixture, READINGS_PATH, shell, stderr, stdout};

/// A fixture as each case needs it.
#[derive(Clone, Copy, Debug)]
enum Setup {
    /// The smallest valid plan.
    Plain,
    /// Its action file has a bad indicator kind.
    BrokenAction,
    /// Its readings file has a bad value.
    BrokenReadings,
    /// A git repository with one commit.
    Git,
    /// A git repository whose working tree removes a recorded reading.
    Rewritten,
}

fn fixture(setup: Setup) -> Fixture {
    let f = Fixture::new();
    match setup {
        Setup::Plain => {}
        Setup::BrokenAction => f.edit(ACTION_PATH, "kind: count", "kind: cout"),
        Setup::BrokenReadings => f.edit(READINGS_PATH, "seances,2024,11,", "seances,2024,1x1,"),
        Setup::Git | Setup::Rewritten => {
            let out = shell(
                f.path(),
                "git init -q -b main && git add -A && git -c user.name=t -c user.email=t@example.org commit -qm base",
            );
            assert!(out.status.success(), "{}", stderr(&out));
            if let Setup::Rewritten = setup {
                f.write(
                    READINGS_PATH,
                    "indicator,period,value,source,note,recorded,replaces\n",
                );
            }
        }
    }
    f.write(
        "good.csv",
        "code,indicator,period,value,source\nIN-B-11.02,participants,2025,12,Rapport\n",
    );
    f.write(
        "bad.csv",
        "code,indicator,period,value,source\nIN-B-11.02,participants,2025,-12,Rapport\n",
    );
    f.write(
        "table.csv",
        "code,objective,action,responsible,partners,indicators,calendar\nIN-B-11.02,B-11,Texte,,,Nombre [count],2026\n",
    );
    f
}

#[test]
fn every_command_follows_the_one_rule() {
    use Setup::*;
    let cases: &[(&[&str], Setup, i32)] = &[
        // init
        (&["init", "p", "--no-git"], Plain, 0),
        (&["init", ".", "--no-git"], Plain, 2), // not empty: a destination pan refuses
        (&["init", "p", "--start", "2030", "--end", "2026"], Plain, 2),
        (&["init", "p", "--from", "table.csv", "--no-git"], Plain, 1), // a row refused
        // validate
        (&["validate"], Plain, 0),
        (&["validate"], BrokenReadings, 1),
        (&["validate", "--explain", "Z999"], Plain, 2),
        (&["validate", "--format", "human", "-o", "v.json"], Plain, 2),
        // digest, report
        (&["digest"], Plain, 0),
        (&["digest"], BrokenAction, 1),
        (&["digest", "--since", "2027-01-01"], Plain, 2),
        (&["digest", "-o", "copil.pdf"], Plain, 2),
        (&["report"], Plain, 0),
        (&["report"], BrokenReadings, 1),
        (&["report", "--lever", "Z"], Plain, 2),
        // diff
        (&["diff"], Git, 0),
        (&["diff"], Rewritten, 1),
        (&["diff", "nope"], Git, 2),
        (&["diff"], Plain, 2), // not a git repository
        // due
        (&["due"], Plain, 0),
        (&["due"], BrokenAction, 1),
        (&["due", "--ministry", "ZZZ"], Plain, 2),
        (&["due", "--as-of", "2027-13-01"], Plain, 2),
        (&["due", "-o", "owed.pdf"], Plain, 2),
        (&["due", "--drafts", "plan"], Plain, 2),
        (&["due", "--drafts", "out"], Plain, 0),
        // status, show
        (&["status"], Plain, 0),
        (&["status"], BrokenAction, 1),
        (&["status", "--lever", "Z"], Plain, 2),
        (&["status", "--year", "27"], Plain, 2),
        (&["status", "--health", "bad"], Plain, 2),
        (&["show", "IN-B-11.02"], Plain, 0),
        (&["show", "IN-B-11.02"], BrokenAction, 1),
        (&["show", "IN-B-11.02"], BrokenReadings, 1),
        (&["show", "IN-B-99.01"], Plain, 2),
        // update
        (
            &["update", "IN-B-11.02", "--state", "planned", "--note", "x"],
            Plain,
            0,
        ),
        (
            &[
                "update",
                "IN-B-11.02",
                "--state",
                "planned",
                "--note",
                "x",
                "--date",
                "2027-01-01",
            ],
            Plain,
            1,
        ),
        (
            &[
                "update",
                "IN-B-11.02",
                "--state",
                "planned",
                "--note",
                "x",
                "--date",
                "2026-13-01",
            ],
            Plain,
            2,
        ),
        (
            &["update", "IN-B-99.01", "--state", "planned", "--note", "x"],
            Plain,
            2,
        ),
        (
            &["update", "IN-B-11.02", "--state", "nope", "--note", "x"],
            Plain,
            2,
        ),
        (
            &["update", "IN-B-11.02", "--state", "planned", "--note", "x"],
            BrokenAction,
            1,
        ),
        // reading add
        (
            &[
                "reading",
                "add",
                "IN-B-11.02",
                "participants",
                "3",
                "--period",
                "2025",
                "--source",
                "S",
            ],
            Plain,
            0,
        ),
        (
            &[
                "reading",
                "add",
                "IN-B-11.02",
                "participants",
                "-3",
                "--period",
                "2025",
                "--source",
                "S",
            ],
            Plain,
            1,
        ),
        (
            &[
                "reading",
                "add",
                "IN-B-11.02",
                "seances",
                "12",
                "--period",
                "2024",
                "--source",
                "S",
            ],
            Plain,
            1,
        ),
        (
            &[
                "reading",
                "add",
                "IN-B-11.02",
                "participants",
                "3",
                "--period",
                "2027",
                "--source",
                "S",
            ],
            Plain,
            1,
        ),
        (
            &[
                "reading",
                "add",
                "IN-B-11.02",
                "participants",
                "3",
                "--period",
                "2025-13",
                "--source",
                "S",
            ],
            Plain,
            2,
        ),
        (
            &[
                "reading",
                "add",
                "IN-B-11.02",
                "nope",
                "3",
                "--period",
                "2025",
                "--source",
                "S",
            ],
            Plain,
            2,
        ),
        (
            &[
                "reading",
                "add",
                "IN-B-11.02",
                "participants",
                "3",
                "--period",
                "2025",
                "--source",
                "S",
                "--by",
                "canton=x",
            ],
            Plain,
            2,
        ),
        (
            &[
                "reading",
                "add",
                "IN-B-99.01",
                "participants",
                "3",
                "--period",
                "2025",
                "--source",
                "S",
            ],
            Plain,
            2,
        ),
        // reading import, list, template
        (&["reading", "import", "good.csv"], Plain, 0),
        (&["reading", "import", "bad.csv"], Plain, 1),
        (
            &["reading", "import", "good.csv", "--report", "r.pdf"],
            Plain,
            2,
        ),
        (&["reading", "list"], Plain, 0),
        (&["reading", "list"], BrokenReadings, 1),
        (&["reading", "list", "--since", "2025-13"], Plain, 2),
        (&["reading", "list", "IN-B-99.01"], Plain, 2),
        (&["reading", "template", "-o", "t.csv"], Plain, 0),
        (&["reading", "template", "-o", "t.csv"], BrokenAction, 1),
        (&["reading", "template", "-o", "t.pdf"], Plain, 2),
        // site, export
        (&["site", "-o", "_site"], Plain, 0),
        (&["site", "-o", "_site"], BrokenReadings, 1),
        (&["site", "-o", "plan"], Plain, 2),
        (&["site", "-o", "_site", "--since", "2027-01-01"], Plain, 2),
        (&["export"], Plain, 0),
        (&["export"], BrokenAction, 1),
        (&["export", "--format", "json", "-o", "x.xlsx"], Plain, 2),
        // schema, completions
        (&["schema", "action"], Plain, 0),
        (&["schema", "--check"], Plain, 1), // the fixture has no schema files
        (&["schema", "nope"], Plain, 2),
        (&["completions", "bash"], Plain, 0),
        (&["completions", "nope"], Plain, 2),
        // the command line itself
        (&["--help"], Plain, 0),
        (&["nope"], Plain, 2),
    ];
    let mut failures = Vec::new();
    for (args, setup, want) in cases {
        let f = fixture(*setup);
        let out = f.run(args);
        let got = out.status.code().unwrap_or(-1);
        if got != *want {
            failures.push(format!(
                "pan {} ({setup:?}): {got}, not {want}\n{}{}",
                args.join(" "),
                stdout(&out),
                stderr(&out)
            ));
        }
    }
    // Every command is there.
    let listed: std::collections::BTreeSet<&str> = cases.iter().map(|(a, ..)| a[0]).collect();
    for command in [
        "init",
        "validate",
        "digest",
        "report",
        "diff",
        "status",
        "due",
        "show",
        "update",
        "reading",
        "site",
        "export",
        "schema",
        "completions",
    ] {
        assert!(listed.contains(command), "{command} is not tested");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn without_a_plan_pan_cannot_run() {
    let tmp = tempfile::tempdir().unwrap();
    let out = shell(tmp.path(), "pan status");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}
