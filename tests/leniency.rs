//! One bad file does not stop everyone: read commands show what they can, summarise the
//! problems on stderr and exit 1 only when their output leaves something out; writes to
//! an action whose own files are valid go through; `pan validate` stays strict.

mod common;

use common::{Fixture, stderr, stdout};

/// The bundled plan with one bad reading value (lever B) or one bad indicator kind in an
/// action file (lever A), or both.
fn broken(reading: bool, kind: bool) -> Fixture {
    let f = Fixture::bundled();
    if reading {
        f.edit(
            "indicators/B/IN-B-11.02.csv",
            "participants,2024,34,",
            "participants,2024,3x4,",
        );
    }
    if kind {
        f.edit("plan/A/IN-A-1.01.yaml", "kind: count", "kind: cout");
    }
    f
}

fn code(out: &std::process::Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

#[test]
fn read_commands_about_other_actions_succeed_and_say_what_is_wrong() {
    for (reading, kind) in [(true, false), (false, true), (true, true)] {
        let f = broken(reading, kind);
        for args in [
            &["status", "--lever", "C"][..],
            &["status", "--lever", "D", "--format", "json"],
            &["show", "IN-C-1.01"],
            &["reading", "list", "IN-C-1.01"],
            &["report", "--lever", "E"],
        ] {
            let out = f.run(args);
            assert_eq!(
                code(&out),
                0,
                "{args:?} ({reading}, {kind}): {}",
                stderr(&out)
            );
            assert!(!stdout(&out).is_empty(), "{args:?}");
            let e = stderr(&out);
            assert!(
                e.contains("warning: ") && e.contains("pan validate"),
                "{args:?}: the problems are summarised: {e}"
            );
            if reading {
                assert!(
                    e.contains("indicators/B/IN-B-11.02.csv:3:3: error[R003]"),
                    "{e}"
                );
            }
            if kind {
                assert!(
                    e.contains("plan/A/IN-A-1.01.yaml:17:11: error[F008]"),
                    "{e}"
                );
            }
        }
    }
}

#[test]
fn an_output_that_leaves_something_out_is_shown_and_exits_1() {
    let f = broken(true, true);
    for (args, missing) in [
        (&["status", "--lever", "A"][..], "IN-A-1.01"),
        (&["status"], "IN-A-1.01, IN-B-11.02"),
        (&["status", "--ministry", "MENEJ"], "IN-A-1.01"),
        (&["show", "IN-B-11.02"], "IN-B-11.02"),
        (&["reading", "list", "IN-B-11.02"], "IN-B-11.02"),
        (&["digest"], "IN-A-1.01, IN-B-11.02"),
        (&["report"], "IN-A-1.01, IN-B-11.02"),
        (&["export"], "IN-A-1.01, IN-B-11.02"),
    ] {
        let out = f.run(args);
        assert_eq!(code(&out), 1, "{args:?}: {}", stderr(&out));
        assert!(
            !stdout(&out).is_empty(),
            "{args:?}: what can be shown is shown"
        );
        let e = stderr(&out);
        assert!(
            e.contains(&format!(
                "error: the output is incomplete: it leaves out what pan could not read of {missing}"
            )),
            "{args:?}: {e}"
        );
    }
    // The action that cannot be read is not called unknown.
    let out = f.run(&["show", "IN-A-1.01"]);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("IN-A-1.01 could not be read: its file has problems"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).is_empty());
}

#[test]
fn writes_to_an_action_whose_files_are_valid_go_through() {
    let f = broken(true, true);
    let out = f.run(&[
        "reading",
        "add",
        "IN-C-1.01",
        "videos-realisees",
        "3",
        "--period",
        "2026",
        "--source",
        "Rapport",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        f.read("indicators/C/IN-C-1.01.csv")
            .contains("videos-realisees,2026,3,Rapport")
    );
    let out = f.run(&[
        "update",
        "IN-C-1.01",
        "--state",
        "in_progress",
        "--note",
        "Lancée",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(f.read("plan/C/IN-C-1.01.yaml").contains("note: Lancée"));

    // The broken action's own files refuse, and nothing is written.
    let before = f.read("plan/A/IN-A-1.01.yaml");
    let out = f.run(&[
        "update",
        "IN-A-1.01",
        "--state",
        "in_progress",
        "--note",
        "x",
    ]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("IN-A-1.01 could not be read"),
        "{}",
        stderr(&out)
    );
    assert_eq!(f.read("plan/A/IN-A-1.01.yaml"), before);
    let csv = f.read("indicators/B/IN-B-11.02.csv");
    let out = f.run(&[
        "reading",
        "add",
        "IN-B-11.02",
        "seances-realisees",
        "5",
        "--period",
        "2026",
        "--source",
        "Rapport",
    ]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("nothing was written"),
        "{}",
        stderr(&out)
    );
    assert_eq!(f.read("indicators/B/IN-B-11.02.csv"), csv);
}

#[test]
fn an_import_refuses_only_rows_of_actions_that_cannot_be_read() {
    let f = broken(false, true);
    f.write(
        "good.csv",
        "code,indicator,period,value,source\nIN-C-1.01,videos-realisees,2026,3,Rapport\n",
    );
    let out = f.run(&["reading", "import", "good.csv"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    f.write(
        "mixed.csv",
        "code,indicator,period,value,source\nIN-C-1.01,videos-realisees,2025,3,Rapport\nIN-A-1.01,reunions-gt-an,2026,4,PV\n",
    );
    let before = f.read("indicators/C/IN-C-1.01.csv");
    let out = f.run(&["reading", "import", "mixed.csv"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("mixed.csv:3: IN-A-1.01 could not be read"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        f.read("indicators/C/IN-C-1.01.csv"),
        before,
        "all or nothing"
    );
}

#[test]
fn a_file_the_whole_plan_depends_on_makes_every_output_incomplete() {
    let f = Fixture::bundled();
    f.edit("plan/actors.yaml", "kind: ministry", "kind: ministere");
    let out = f.run(&["status", "--lever", "C"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("leaves out what pan could not read of plan/actors.yaml"),
        "{}",
        stderr(&out)
    );
    // A state needs only the action's own file.
    let out = f.run(&[
        "update",
        "IN-C-1.01",
        "--state",
        "planned",
        "--note",
        "Prévue",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}

#[test]
fn validate_stays_strict() {
    let f = broken(true, false);
    let out = f.run(&["validate"]);
    assert_eq!(code(&out), 1);
    assert!(stdout(&out).contains("error[R003]"), "{}", stdout(&out));
    let f = broken(false, true);
    assert_eq!(code(&f.run(&["validate"])), 1);
}
