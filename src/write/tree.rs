//! Creating a new repository's files at once (`pan init`): into a new or empty folder,
//! or, when told, beside the files a folder holds (never over one). Nothing is written through a symbolic
//! link; every file is first written and flushed as a temporary file beside its target,
//! and only when all are ready are they renamed into place, so an error on the way (a
//! full disk, a refused permission) leaves the folder as it was.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use super::atomic;

/// What was written.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Created {
    /// Files created, relative to the folder.
    pub created: Vec<String>,
}

/// The entries of `dir` (none when it does not exist), refusing a folder that is a link
/// or not a folder.
pub fn entries(dir: &Path) -> anyhow::Result<Vec<String>> {
    match std::fs::symlink_metadata(dir) {
        Ok(m) if m.file_type().is_symlink() => bail!(
            "{} is a symbolic link; pan does not write through links\n  hint: give the folder itself",
            dir.display()
        ),
        Ok(m) if !m.is_dir() => bail!("{} exists and is not a folder", dir.display()),
        Ok(_) => {
            let mut names: Vec<String> = std::fs::read_dir(dir)
                .with_context(|| format!("cannot read {}", dir.display()))?
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            Ok(names)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => bail!("cannot read {}: {e}", dir.display()),
    }
}

/// Write `files` (relative paths, `/`-separated, and their text) under `dir`, creating
/// it (and its parents) when missing. `dir` is reached through no symbolic link, is not
/// already a plan repository, and stays out of what `guard` protects. A folder with
/// entries is refused unless `force`, which writes beside them; a file of the same name
/// as one to write is never replaced (nothing is written, and the names are given).
pub fn create(
    dir: &Path,
    files: &[(String, Vec<u8>)],
    force: bool,
    guard: &super::folder::Guard,
) -> anyhow::Result<Created> {
    super::folder::no_link_on_the_way(dir)?;
    guard.check_path(dir)?;
    let existing = entries(dir)?;
    if existing.iter().any(|e| e == crate::config::SETTINGS_FILE) {
        bail!(
            "{} is already a plan repository (it holds {}); pan init makes a new one and never replaces a plan\n  hint: give the path of a new folder",
            dir.display(),
            crate::config::SETTINGS_FILE
        );
    }
    if !existing.is_empty() && !force {
        let shown: Vec<&str> = existing.iter().take(5).map(String::as_str).collect();
        bail!(
            "{} is not empty ({}{}); pan init writes only into a new or empty folder\n  hint: give another folder, or pass --force to write beside the files it holds (none is replaced)",
            dir.display(),
            shown.join(", "),
            if existing.len() > 5 { ", …" } else { "" }
        );
    }
    // Folders that do not exist yet, to remove again if anything fails.
    let mut made: Vec<PathBuf> = Vec::new();
    let result = write_all(dir, files, &mut made);
    if result.is_err() {
        for d in made.iter().rev() {
            let _ = std::fs::remove_dir(d);
        }
    }
    result
}

fn write_all(
    dir: &Path,
    files: &[(String, Vec<u8>)],
    made: &mut Vec<PathBuf>,
) -> anyhow::Result<Created> {
    // 1. Every target checked: inside, not through a link, not there yet.
    let mut targets = Vec::with_capacity(files.len());
    let mut taken = Vec::new();
    for (rel, _) in files {
        let path = super::safe::join(dir, rel)?;
        if std::fs::symlink_metadata(&path).is_ok() {
            taken.push(rel.as_str());
        }
        targets.push(path);
    }
    if !taken.is_empty() {
        bail!(
            "{} already holds {}{}; pan init never replaces a file it did not write, so nothing was written\n  hint: move {} aside, or give the path of a new folder",
            dir.display(),
            taken.iter().take(3).copied().collect::<Vec<_>>().join(", "),
            if taken.len() > 3 {
                format!(" and {} more", taken.len() - 3)
            } else {
                String::new()
            },
            if taken.len() == 1 { "it" } else { "them" }
        );
    }
    let missing: Vec<PathBuf> = dir
        .ancestors()
        .take_while(|a| !a.as_os_str().is_empty() && std::fs::symlink_metadata(a).is_err())
        .map(Path::to_path_buf)
        .collect();
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    made.extend(missing.into_iter().rev());
    // 2. Every file written beside its target, folders created as needed, and closed at
    // once (thousands of files never hold more than one open).
    let mut prepared = Vec::with_capacity(files.len());
    for ((rel, bytes), path) in files.iter().zip(&targets) {
        if let Some(parent) = path.parent() {
            let mut new_dirs: Vec<PathBuf> = parent
                .ancestors()
                .take_while(|a| a.starts_with(dir) && *a != dir && !a.exists())
                .map(Path::to_path_buf)
                .collect();
            new_dirs.reverse();
            for d in new_dirs {
                std::fs::create_dir(&d)
                    .with_context(|| format!("cannot create {}", d.display()))?;
                made.push(d);
            }
            // Checked again once they exist: no link on the way.
            super::safe::join(dir, rel)?;
        }
        prepared.push(atomic::prepare(path, bytes)?.into_temp_path());
    }
    // 3. All put into place, none over a file that appeared meanwhile.
    let mut out = Created::default();
    for ((tmp, path), (rel, _)) in prepared.into_iter().zip(targets).zip(files) {
        tmp.persist_noclobber(&path)
            .map_err(|e| e.error)
            .with_context(|| format!("cannot write {}", path.display()))?;
        out.created.push(rel.clone());
    }
    Ok(out)
}

/// The plan's own files of a new repository, as canonical text: `plan/levers.yaml`,
/// `plan/actors.yaml`, one file per action, and one readings file per action that has
/// readings (an empty readings folder is kept with `.gitkeep`, since git keeps no empty
/// folder and pan warns when the readings folder is missing).
pub fn plan_files(
    levers: &[crate::model::Lever],
    actors: &[crate::model::Actor],
    actions: &[crate::model::Action],
    readings: &[(
        crate::model::ActionCode,
        Vec<crate::model::reading::NewReading>,
    )],
) -> Vec<(String, String)> {
    let mut out = vec![
        ("plan/levers.yaml".to_string(), super::yaml::levers(levers)),
        (
            "plan/actors.yaml".to_string(),
            super::yaml::actors(actors, &[]),
        ),
    ];
    for a in actions {
        out.push((
            format!("plan/{}/{}.yaml", a.code.lever_code(), a.code),
            super::yaml::action(a),
        ));
    }
    for (code, rows) in readings {
        let mut text = crate::model::reading::HEADER.join(",");
        text.push('\n');
        for r in rows {
            text.push_str(&super::readings::line(r));
            text.push('\n');
        }
        out.push((format!("indicators/{}/{code}.csv", code.lever_code()), text));
    }
    if readings.is_empty() {
        out.push(("indicators/.gitkeep".into(), String::new()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::folder::Guard;
    use super::*;

    fn files() -> Vec<(String, Vec<u8>)> {
        vec![
            ("pan.toml".into(), b"x".to_vec()),
            ("plan/A/IN-A-1.01.yaml".into(), b"y".to_vec()),
        ]
    }

    #[test]
    fn writes_into_a_new_folder_and_refuses_a_full_one() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("new/plan");
        let c = create(&dir, &files(), false, &Guard::default()).unwrap();
        assert_eq!(c.created.len(), 2);
        assert_eq!(
            std::fs::read(dir.join("plan/A/IN-A-1.01.yaml")).unwrap(),
            b"y"
        );
        let err = create(&dir, &files(), true, &Guard::default())
            .unwrap_err()
            .to_string();
        assert!(err.contains("already a plan repository"), "{err}");
        // Forced: beside other files, never over one.
        let other = tmp.path().join("other");
        std::fs::create_dir(&other).unwrap();
        std::fs::write(other.join("keep.txt"), "k").unwrap();
        let err = create(&other, &files(), false, &Guard::default())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("is not empty") && err.contains("--force"),
            "{err}"
        );
        std::fs::create_dir_all(other.join("plan/A")).unwrap();
        std::fs::write(other.join("plan/A/IN-A-1.01.yaml"), "mine").unwrap();
        let err = create(&other, &files(), true, &Guard::default())
            .unwrap_err()
            .to_string();
        assert!(err.contains("never replaces"), "{err}");
        assert!(!other.join("pan.toml").exists(), "nothing written");
        std::fs::remove_dir_all(other.join("plan")).unwrap();
        let c = create(&other, &files(), true, &Guard::default()).unwrap();
        assert_eq!(c.created.len(), 2);
        assert_eq!(std::fs::read(other.join("keep.txt")).unwrap(), b"k");
        std::fs::write(other.join("pan.toml"), "mine").unwrap();
        assert_eq!(std::fs::read(other.join("pan.toml")).unwrap(), b"mine");
    }

    #[cfg(unix)]
    #[test]
    fn never_through_a_link_and_nothing_left_on_error() {
        let tmp = tempfile::tempdir().unwrap();
        let outside = tmp.path().join("outside");
        std::fs::create_dir(&outside).unwrap();
        let dir = tmp.path().join("repo");
        std::fs::create_dir(&dir).unwrap();
        std::os::unix::fs::symlink(&outside, dir.join("plan")).unwrap();
        let err = create(&dir, &files(), true, &Guard::default())
            .unwrap_err()
            .to_string();
        assert!(err.contains("symbolic link"), "{err}");
        assert!(!dir.join("pan.toml").exists(), "nothing written");
        assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0);
        // The folder itself a link.
        let link = tmp.path().join("link");
        std::os::unix::fs::symlink(&outside, &link).unwrap();
        assert!(create(&link, &files(), true, &Guard::default()).is_err());
        assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0);
    }

    #[test]
    fn a_failure_midway_leaves_the_folder_as_it_was() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("repo");
        std::fs::create_dir_all(&dir).unwrap();
        // `plan` is a file: its folder cannot be made, after pan.toml was prepared.
        std::fs::write(dir.join("plan"), "not a folder").unwrap();
        assert!(create(&dir, &files(), true, &Guard::default()).is_err());
        let left: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, ["plan"], "no file, no temporary file left");
    }
}

/// What `pan init` did about git in the new repository.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GitInit {
    /// A new git repository, on branch `main`.
    Created,
    /// The folder is already in the git repository at this path: nothing done.
    Inside(PathBuf),
    /// git is not installed (or could not start): nothing done.
    NoGit,
    /// `git init` failed, with what it said.
    Failed(String),
}

/// Make `dir` a git repository (branch `main`) when git is installed and `dir` is not
/// already inside one, so that `pan diff` works at once.
pub fn git_init(dir: &Path) -> GitInit {
    use std::process::{Command, Stdio};
    let git = |args: &[&str]| {
        Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .stdin(Stdio::null())
            .output()
    };
    match git(&["rev-parse", "--show-toplevel"]) {
        Err(_) => return GitInit::NoGit,
        Ok(o) if o.status.success() => {
            let top = String::from_utf8_lossy(&o.stdout).trim().to_string();
            return GitInit::Inside(PathBuf::from(top));
        }
        Ok(_) => {}
    }
    // `--initial-branch` needs git 2.28 (2020); an older git makes its default branch.
    let made = git(&["init", "--quiet", "--initial-branch=main"])
        .ok()
        .filter(|o| o.status.success())
        .or_else(|| git(&["init", "--quiet"]).ok());
    match made {
        Some(o) if o.status.success() => GitInit::Created,
        Some(o) => GitInit::Failed(String::from_utf8_lossy(&o.stderr).trim().to_string()),
        None => GitInit::NoGit,
    }
}
