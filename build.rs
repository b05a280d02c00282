//! Build facts for `pan --version`: the commit pan was built from and the build date.
//!
//! Deterministic: two builds of one commit print the same line. The date is
//! `SOURCE_DATE_EPOCH` when it is set (reproducible builds; the release workflow sets it to
//! the commit's time), else the commit's own date, never the clock. The commit comes from
//! `PAN_BUILD_COMMIT` (for packagers), else from git when the crate's folder is the top of
//! a git work tree, else from the `.cargo_vcs_info.json` that `cargo package` writes into a
//! crate's tarball. A build with none of them (a bare source tarball) prints the version
//! alone: `pan 0.1.0`; a git checkout prints
//! `pan 0.1.0 (commit 0123456789ab, built 2026-05-04)`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
    println!("cargo:rerun-if-env-changed=PAN_BUILD_COMMIT");
    let dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let git = Git::at(&dir);
    if let Some(git) = &git {
        // Rebuild the line when HEAD moves, and only then (not on every source change).
        for path in git.watched() {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }
    let commit = std::env::var("PAN_BUILD_COMMIT")
        .ok()
        .filter(|c| !c.trim().is_empty())
        .or_else(|| git.as_ref().and_then(Git::commit))
        .or_else(|| vcs_info_commit(&dir))
        .map(|c| c.trim().chars().take(12).collect::<String>())
        .filter(|c| c.chars().all(|ch| ch.is_ascii_hexdigit()));
    let date = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(s) => {
            let day = day_of(&s);
            if day.is_none() {
                println!(
                    "cargo::error=SOURCE_DATE_EPOCH must be whole seconds since 1970, not `{s}`"
                );
            }
            day
        }
        Err(_) => git
            .as_ref()
            .and_then(Git::commit_time)
            .and_then(|s| day_of(&s)),
    };
    let mut facts = Vec::new();
    if let Some(c) = &commit {
        facts.push(format!("commit {c}"));
    }
    if let Some(d) = &date {
        facts.push(format!("built {d}"));
    }
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let line = if facts.is_empty() {
        version
    } else {
        format!("{version} ({})", facts.join(", "))
    };
    println!("cargo:rustc-env=PAN_COMMIT={}", commit.unwrap_or_default());
    println!(
        "cargo:rustc-env=PAN_BUILD_DATE={}",
        date.unwrap_or_default()
    );
    println!("cargo:rustc-env=PAN_VERSION_LINE={line}");
}

/// The UTC day (YYYY-MM-DD) of a Unix time in seconds.
fn day_of(seconds: &str) -> Option<String> {
    let n: i64 = seconds.trim().parse().ok()?;
    let t = jiff::Timestamp::from_second(n).ok()?;
    Some(t.to_zoned(jiff::tz::TimeZone::UTC).date().to_string())
}

/// The crate's folder when it is the top of a git work tree (not a tarball unpacked
/// inside some other repository).
struct Git {
    dir: PathBuf,
}

impl Git {
    fn at(dir: &Path) -> Option<Git> {
        let top = run(dir, &["rev-parse", "--show-toplevel"])?;
        let same = std::fs::canonicalize(top.trim()).ok()? == std::fs::canonicalize(dir).ok()?;
        same.then(|| Git {
            dir: dir.to_path_buf(),
        })
    }

    fn commit(&self) -> Option<String> {
        run(&self.dir, &["rev-parse", "HEAD"])
    }

    fn commit_time(&self) -> Option<String> {
        run(&self.dir, &["log", "-1", "--format=%ct"])
    }

    /// HEAD, the branch it names and the packed refs: the files that change with HEAD.
    fn watched(&self) -> Vec<PathBuf> {
        let mut names = vec!["HEAD".to_string(), "packed-refs".to_string()];
        if let Some(branch) = run(&self.dir, &["symbolic-ref", "-q", "HEAD"]) {
            names.push(branch.trim().to_string());
        }
        names
            .iter()
            .filter_map(|n| run(&self.dir, &["rev-parse", "--git-path", n]))
            .map(|p| self.dir.join(p.trim()))
            .filter(|p| p.exists())
            .collect()
    }
}

/// What git prints, when it runs and succeeds.
fn run(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    String::from_utf8(out.stdout)
        .ok()
        .filter(|s| !s.trim().is_empty())
}

/// The commit `cargo package` recorded in `.cargo_vcs_info.json` (a crate's tarball).
fn vcs_info_commit(dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(dir.join(".cargo_vcs_info.json")).ok()?;
    let after = &text[text.find("\"sha1\"")? + "\"sha1\"".len()..];
    let start = after.find('"')? + 1;
    let len = after[start..].find('"')?;
    Some(after[start..start + len].to_string())
}
