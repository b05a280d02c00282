//! `pan update`: a dated state appended to the history, every other byte untouched.

mod common;

use common::{ACTION_PATH, Fixture, stderr, stdout};

const ODD: &str = "# yaml-language-server: $schema=../action.schema.json\n# Un commentaire qui doit rester.\ncode:   IN-B-11.02   # code\nobjective: 'B-11'\naction: >\n  Organiser des rencontres\n  mensuelles.\nresponsible: [MinDigital]\npartners:\n  - MENEJ-IFEN\nindicators:\n  - {id: seances, label: \"Nombre de séances réalisées\", kind: count}\n  - id: participants\n    label: Nombre de participants\n    kind: count\nstates:\n    - date: 2026-01-10\n      state: planned   # planifié\n      note: \"Calendrier arrêté\"\n\n# fin de l'historique\ncalendar:\n  label: 2024 – 2026\n  start: 2024\n  end: 2026\n";

#[test]
fn update_leaves_every_other_byte_as_it_was() {
    let f = Fixture::new();
    f.write(ACTION_PATH, ODD);
    let out = f.run(&[
        "update",
        "IN-B-11.02",
        "--state",
        "in_progress",
        "--date",
        "2026-03-12",
        "--note",
        "Première séance : 12 participants",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("recorded IN-B-11.02 in_progress on 2026-03-12"),
        "{}",
        stdout(&out)
    );
    let after = f.read(ACTION_PATH);
    let inserted = "    - date: 2026-03-12\n      state: in_progress\n      note: \"Première séance : 12 participants\"\n";
    let expected = ODD.replace(
        "      note: \"Calendrier arrêté\"\n",
        &format!("      note: \"Calendrier arrêté\"\n{inserted}"),
    );
    assert_eq!(after, expected);
    let (status, diags) = f.validate(&[]);
    assert_eq!((status, diags), (0, vec![]));
}

#[test]
fn update_turns_an_empty_history_into_a_list() {
    let f = Fixture::new();
    let before = f.read(ACTION_PATH);
    let out = f.run(&[
        "update",
        "b-11.02",
        "--state",
        "in-progress",
        "--date",
        "2026-03-12",
        "--note",
        "Lancement",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let after = f.read(ACTION_PATH);
    assert_eq!(
        after,
        before.replace(
            "states: []\n",
            "states:\n  - date: 2026-03-12\n    state: in_progress\n    note: Lancement\n"
        )
    );
    let show = stdout(&f.run(&["show", "IN-B-11.02"]));
    assert!(
        show.contains("2026-03-12  in progress  Lancement"),
        "{show}"
    );
}

fn refused(f: &Fixture, args: &[&str], want: &str) {
    let before = f.read(ACTION_PATH);
    let mut all = vec!["update", "IN-B-11.02"];
    all.extend_from_slice(args);
    let out = f.run(&all);
    assert_ne!(out.status.code(), Some(0), "{args:?}");
    assert!(stderr(&out).contains(want), "{args:?}: {}", stderr(&out));
    assert_eq!(f.read(ACTION_PATH), before, "{args:?} changed the file");
}

#[test]
fn update_refuses_and_leaves_the_file_untouched() {
    let f = Fixture::new();
    refused(
        &f,
        &["--state", "finished", "--note", "x"],
        "possible values: planned, in_progress, done, suspended, cancelled",
    );
    refused(
        &f,
        &["--state", "done", "--date", "2099-01-01", "--note", "x"],
        "is in the future",
    );
    refused(&f, &["--state", "done", "--note", " "], "the note is empty");
    refused(
        &f,
        &["--state", "done", "--note", "x", "--reopen"],
        "nothing to reopen",
    );
    assert!(
        f.run(&[
            "update",
            "IN-B-11.02",
            "--state",
            "done",
            "--date",
            "2026-05-01",
            "--note",
            "Fini"
        ])
        .status
        .success()
    );
    refused(
        &f,
        &[
            "--state",
            "in_progress",
            "--date",
            "2026-04-01",
            "--note",
            "x",
        ],
        "is before the last entry",
    );
    refused(
        &f,
        &[
            "--state",
            "in_progress",
            "--date",
            "2026-06-01",
            "--note",
            "x",
        ],
        "pass --reopen",
    );
    let out = f.run(&[
        "update",
        "IN-B-11.02",
        "--state",
        "in_progress",
        "--date",
        "2026-06-01",
        "--note",
        "Reprise",
        "--reopen",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        f.read(ACTION_PATH)
            .ends_with("    note: Reprise\n    reopened: true\n")
    );
    assert_eq!(f.validate(&[]).0, 0);
}

#[test]
fn update_dry_run_writes_nothing() {
    let f = Fixture::new();
    let before = f.read(ACTION_PATH);
    let out = f.run(&[
        "update",
        "IN-B-11.02",
        "--state",
        "done",
        "--date",
        "2026-05-01",
        "--note",
        "Fini",
        "--dry-run",
    ]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("would record"));
    assert_eq!(f.read(ACTION_PATH), before);
}

#[test]
fn unknown_code_suggests() {
    let f = Fixture::new();
    let out = f.run(&["update", "IN-B-11.2", "--state", "done", "--note", "x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("did you mean IN-B-11.02?"),
        "{}",
        stderr(&out)
    );
}
