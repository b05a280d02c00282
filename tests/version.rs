//! `pan --version` names the version, the commit and the build date; the outputs people
//! publish (digest, report, site, data package) name the pan version that made them.

mod common;

use std::path::Path;
use std::process::Command;

use common::{Fixture, stdout};

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// What git says about the source folder, when it is the top of a work tree.
fn git(args: &[&str]) -> Option<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .env("TZ", "UTC")
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn in_git_checkout() -> bool {
    git(&["rev-parse", "--show-toplevel"]).is_some_and(|top| {
        std::fs::canonicalize(top).ok() == std::fs::canonicalize(env!("CARGO_MANIFEST_DIR")).ok()
    })
}

#[test]
fn version_names_the_version_the_commit_and_the_build_date() {
    let f = Fixture::new();
    for flag in ["--version", "-V"] {
        let out = f.run(&[flag]);
        assert_eq!(out.status.code(), Some(0));
        let line = stdout(&out);
        let line = line.trim_end();
        let rest = line
            .strip_prefix(&format!("pan {VERSION}"))
            .unwrap_or_else(|| panic!("{line}"));
        if !in_git_checkout() {
            continue; // a tarball: the version alone, or what SOURCE_DATE_EPOCH gave
        }
        let head = git(&["rev-parse", "HEAD"]).unwrap();
        let day = match std::env::var("SOURCE_DATE_EPOCH") {
            Ok(s) => {
                let t = jiff::Timestamp::from_second(s.parse().unwrap()).unwrap();
                t.to_zoned(jiff::tz::TimeZone::UTC).date().to_string()
            }
            Err(_) => git(&["log", "-1", "--format=%cd", "--date=format-local:%Y-%m-%d"]).unwrap(),
        };
        assert_eq!(
            rest,
            format!(" (commit {}, built {day})", &head[..12]),
            "{line}"
        );
    }
}

#[test]
fn the_digest_and_the_report_name_the_pan_that_made_them() {
    let f = Fixture::new();
    for (args, words) in [
        (
            &["digest", "--as-of", "2026-11-23"][..],
            "Produit par pan {} à partir des fichiers du plan.",
        ),
        (
            &["report", "--as-of", "2026-11-23", "--lang", "en"][..],
            "Produced by pan {} from the plan's files.",
        ),
    ] {
        let out = f.run(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let text = stdout(&out);
        let last = text.trim_end().lines().last().unwrap_or_default();
        assert_eq!(
            last,
            format!("*{}*", words.replace("{}", VERSION)),
            "{args:?}"
        );
    }
}

#[test]
fn the_site_and_the_data_package_name_the_pan_that_made_them() {
    let f = Fixture::new();
    let out = f.run(&["site", "-o", "public", "--as-of", "2026-11-23"]);
    assert_eq!(out.status.code(), Some(0), "{}", common::stderr(&out));
    let home = f.read("public/fr/index.html");
    assert!(
        home.contains(&format!(
            r#"<meta name="generator" content="pan {VERSION}">"#
        )),
        "{home}"
    );
    assert!(
        home.contains(&format!(
            "Produit par pan {VERSION} à partir des fichiers du plan"
        )),
        "the footer names the version"
    );
    let en = f.read("public/en/index.html");
    assert!(en.contains(&format!("Built by pan {VERSION} from")), "{en}");

    let out = f.run(&["export", "--format", "datapackage", "-o", "od"]);
    assert_eq!(out.status.code(), Some(0), "{}", common::stderr(&out));
    let d: serde_json::Value = serde_json::from_str(&f.read("od/datapackage.json")).unwrap();
    assert_eq!(d["generator"], format!("pan {VERSION}"));
}
