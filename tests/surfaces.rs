//! Every surface safe by construction, tried as an attacker would, on the real binary:
//! output folders, imports that would make files pan cannot read, unbounded messages,
//! workbooks built to exhaust memory or time, open-file limits, CSV read in another
//! locale, text XML cannot hold, hidden cells, values that must stay as recorded, inputs
//! that made commands quadratic, and the smaller ones. THREATS.md names these tests.

mod common;

use std::path::Path;
use std::process::Output;
use std::time::Duration;

use common::{Fixture, stderr, stdout};

const AS_OF: &str = "2026-11-23";

/// Run `pan` with a time limit; it must end by itself, without a panic.
#[track_caller]
fn run(f: &Fixture, args: &[&str]) -> Output {
    let out = f
        .pan()
        .args(args)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(
        !stderr(&out).contains("panicked"),
        "pan panicked: {}",
        stderr(&out)
    );
    assert!(out.status.code().is_some(), "pan was killed");
    out
}

/// Every path under `dir`, relative, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(|e| {
            e.unwrap()
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    v.sort();
    v
}

// ---------------------------------------------------------------------------------------
// Output folders

#[test]
fn an_output_folder_is_never_the_repository_or_a_folder_pan_reads() {
    let f = Fixture::new();
    std::fs::create_dir(f.path().join(".git")).unwrap();
    f.write(".git/HEAD", "ref: refs/heads/main\n");
    // A marker or a manifest anyone can commit is no proof of anything.
    f.write(".pan-site", "");
    f.write(".pan-manifest", "pan manifest 1\nkind site\n");
    let before = listing(f.path());
    let sub = f.path().join("plan/B");
    for (dir, args) in [
        (f.path(), vec!["site", "-o", "."]),
        (f.path(), vec!["site", "-o", ".."]),
        (f.path(), vec!["site", "-o", "plan"]),
        (f.path(), vec!["site", "-o", "indicators/B"]),
        (
            f.path(),
            vec!["export", "--format", "datapackage", "-o", "."],
        ),
        (
            f.path(),
            vec!["export", "--format", "datapackage", "-o", "indicators/A"],
        ),
        (sub.as_path(), vec!["site", "-o", "../.."]),
    ] {
        let out = f
            .pan()
            .current_dir(dir)
            .args(&args)
            .args(["--as-of", AS_OF])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("repository") || stderr(&out).contains("reads the plan"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    assert_eq!(
        listing(f.path()),
        before,
        "nothing written, nothing removed"
    );
}

#[test]
fn an_output_folder_replaces_only_what_pan_wrote() {
    let f = Fixture::new();
    // A user's folder with their own readings.csv.
    f.write("opendata/readings.csv", "mine\n");
    let export = |dir: &str| run(&f, &["export", "--format", "datapackage", "-o", dir]);
    let out = export("opendata");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("did not build"), "{}", stderr(&out));
    assert_eq!(f.read("opendata/readings.csv"), "mine\n");
    // Built, rebuilt: its own files are replaced.
    assert!(export("package").status.success());
    let listed = f.read("package/.pan-manifest");
    assert!(listed.contains("kind data package"), "{listed}");
    assert!(listed.contains(" readings.csv\n"), "{listed}");
    assert!(export("package").status.success());
    // A file added or changed since is never removed: the build is refused and names it.
    f.write("package/notes.md", "mine");
    let out = export("package");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("notes.md"), "{}", stderr(&out));
    f.remove("package/notes.md");
    f.write("package/readings.csv", "edited by hand\n");
    let out = export("package");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("readings.csv"), "{}", stderr(&out));
    assert_eq!(f.read("package/readings.csv"), "edited by hand\n");
    // A site is not written over a data package.
    f.remove("package/readings.csv");
    let out = run(&f, &["site", "-o", "package", "--as-of", AS_OF]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("data package"), "{}", stderr(&out));
}

#[test]
fn a_killed_build_is_cleaned_up_by_the_next() {
    let f = Fixture::new();
    // What a build killed halfway leaves beside its destination: its hidden folder, with
    // the lock it held (free now) and half a site.
    f.write(".pan-AbC123.tmp/build.lock", "");
    f.write(".pan-AbC123.tmp/new/fr/index.html", "half");
    // A folder of the same shape that no build made (no lock) is not pan's to remove.
    f.write(".pan-mine.tmp/notes.txt", "mine");
    let out = run(&f, &["site", "-o", "_site", "--as-of", AS_OF]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!f.path().join(".pan-AbC123.tmp").exists());
    assert_eq!(f.read(".pan-mine.tmp/notes.txt"), "mine");
}

#[cfg(unix)]
#[test]
fn init_never_writes_through_a_link_into_a_plan_or_over_a_file() {
    let f = Fixture::new();
    let outside = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(outside.path(), f.path().join("linkdir")).unwrap();
    let out = run(&f, &["init", "linkdir/sub"]);
    assert_ne!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("symbolic link"), "{}", stderr(&out));
    assert!(
        listing(outside.path()).is_empty(),
        "nothing written through the link"
    );
    // Inside the plan's folders of the repository around it, or into a plan repository.
    for dir in ["plan/new", "indicators/new", "."] {
        let out = run(&f, &["init", dir, "--force"]);
        assert_eq!(out.status.code(), Some(1), "{dir}: {}", stderr(&out));
        assert!(!f.path().join(dir).join("pan.toml").exists() || dir == ".");
    }
    assert_eq!(f.read("pan.toml"), common::PAN_TOML);
    // --force writes beside a folder's files, never over one.
    f.write("other/README.md", "mine");
    let out = run(&f, &["init", "other", "--force"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("README.md"), "{}", stderr(&out));
    assert_eq!(listing(&f.path().join("other")), ["README.md"]);
}

#[test]
fn the_plan_and_indicators_folders_are_apart() {
    let f = Fixture::new();
    for paths in [
        "indicators = \"plan\"",
        "indicators = \"PLAN\"",
        "indicators = \"plan/readings\"",
        "plan = \".\"",
    ] {
        f.write(
            "pan.toml",
            &format!("{}[paths]\n{paths}\n", common::PAN_TOML),
        );
        let out = run(&f, &["validate"]);
        assert_eq!(out.status.code(), Some(2), "{paths}: {}", stdout(&out));
        assert!(stderr(&out).contains("[paths]"), "{}", stderr(&out));
    }
}

// ---------------------------------------------------------------------------------------
// Open-file limits

/// A plan table of `n` actions, for `pan init --from`.
fn plan_table(n: usize) -> String {
    let mut t = String::from("code,objective,action,responsible,partners,indicators,calendar\n");
    for i in 0..n {
        let lever = ["A", "B", "C", "D", "E", "F"][i % 6];
        let objective = (i / 6) / 50 + 1;
        let number = (i / 6) % 50 + 1;
        t.push_str(&format!(
            "IN-{lever}-{objective}.{number:02},{lever}-{objective} Objectif,Agir.,MinDigital,,Nombre de participants,2026\n"
        ));
    }
    t
}

/// Run `pan` in `dir` with at most `files` open files (`ulimit -n`).
#[cfg(unix)]
fn run_with_open_files(dir: &Path, files: u32, args: &[&str]) -> Output {
    let pan = assert_cmd::cargo::cargo_bin("pan");
    let out = assert_cmd::Command::new("sh")
        .current_dir(dir)
        .env("PAN_TODAY", common::TODAY)
        .env("NO_COLOR", "1")
        .arg("-c")
        .arg(format!("ulimit -n {files} && exec \"$0\" \"$@\""))
        .arg(&pan)
        .args(args)
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    out
}

#[cfg(unix)]
#[test]
fn writes_of_many_files_fit_the_usual_open_file_limits() {
    let tmp = tempfile::tempdir().unwrap();
    // 1,100 actions: more files than the 256 files macOS lets a process open by default
    // (and than Linux's 1,024).
    std::fs::write(tmp.path().join("plan.csv"), plan_table(1_100)).unwrap();
    let out = run_with_open_files(
        tmp.path(),
        256,
        &["init", "p", "--from", "plan.csv", "--start", "2026"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let repo = tmp.path().join("p");
    assert_eq!(
        std::fs::read_dir(repo.join("plan/A")).unwrap().count(),
        184,
        "every action file written"
    );
    // An import that changes 1,100 readings files at once, all or nothing.
    let mut rows = String::from("code,indicator,period,value,source\n");
    for line in plan_table(1_100).lines().skip(1) {
        let code = line.split(',').next().unwrap();
        rows.push_str(&format!("{code},nombre-de-participants,2025,12,Rapport\n"));
    }
    std::fs::write(repo.join("figures.csv"), rows).unwrap();
    let out = run_with_open_files(&repo, 256, &["reading", "import", "figures.csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let written = walkdir::WalkDir::new(repo.join("indicators"))
        .into_iter()
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "csv"))
        })
        .count();
    assert_eq!(written, 1_100);
    let leftovers: Vec<String> = listing(&repo)
        .into_iter()
        .filter(|p| p.contains(".pan-") && !p.ends_with(".pan.lock"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
