//! A small plan repository in a temporary folder, and a way to run `pan` on it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// The day every test runs on: `pan` never reads the clock in tests.
pub const TODAY: &str = "2026-11-30";

pub const PAN_TOML: &str = "[plan]\ntitle = \"Plan de test\"\nstart = 2026\nend = 2030\n";

pub const LEVERS: &str = "\
levers:
  - code: B
    title: Approfondir les compétences numériques
    objectives:
      - code: B-11
        title: Soutenir la formation en compétences numériques
";

pub const ACTORS: &str = "\
actors:
  - acronym: MinDigital
    name: Ministère de la Digitalisation
    kind: ministry
    ministry: MinDigital
  - acronym: MENEJ
    name: Ministère de l'Éducation nationale, de l'Enfance et de la Jeunesse
    kind: ministry
    ministry: MENEJ
  - acronym: MENEJ-IFEN
    name: Institut de formation de l'Éducation nationale
    kind: agency
    ministry: MENEJ
";

pub const ACTION: &str = "\
code: IN-B-11.02
objective: B-11
action: Organiser des rencontres mensuelles « IT Trainer Meetups ».
responsible:
  - MinDigital
partners:
  - MENEJ-IFEN
indicators:
  - id: seances
    label: Nombre de séances réalisées
    kind: count
  - id: participants
    label: Nombre de participants
    kind: count
calendar:
  label: 2024 – 2026
  start: 2024
  end: 2026
states: []
";

pub const ACTION_PATH: &str = "plan/B/IN-B-11.02.yaml";
pub const READINGS_PATH: &str = "indicators/B/IN-B-11.02.csv";
pub const READINGS: &str = "indicator,period,value,source,note,recorded,replaces\nseances,2024,11,Rapport d'activité 2024,,2026-01-15,\n";

/// A plan repository in a temporary folder.
pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    /// The smallest valid plan: one lever, one objective, three actors, one action, one reading.
    pub fn new() -> Fixture {
        let f = Fixture {
            dir: tempfile::tempdir().unwrap(),
        };
        f.write("pan.toml", PAN_TOML);
        f.write("plan/levers.yaml", LEVERS);
        f.write("plan/actors.yaml", ACTORS);
        f.write(ACTION_PATH, ACTION);
        f.write(READINGS_PATH, READINGS);
        f
    }

    /// A copy of the bundled 2026–2030 plan.
    pub fn bundled() -> Fixture {
        let f = Fixture {
            dir: tempfile::tempdir().unwrap(),
        };
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        std::fs::copy(root.join("pan.toml"), f.path().join("pan.toml")).unwrap();
        for dir in ["plan", "indicators"] {
            copy_dir(&root.join(dir), &f.path().join(dir));
        }
        f
    }

    /// A copy of a fixture plan of `tests/fixtures`.
    pub fn copy_of(name: &str) -> Fixture {
        let f = Fixture {
            dir: tempfile::tempdir().unwrap(),
        };
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        copy_dir(&root.join("tests/fixtures").join(name), f.path());
        f
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, content: &str) {
        self.write_bytes(rel, content.as_bytes());
    }

    pub fn write_bytes(&self, rel: &str, content: &[u8]) {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, content).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).unwrap()
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.path().join(rel)).unwrap();
    }

    /// Replace the first occurrence of `from` by `to` in a file (which must contain it).
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    /// A `pan` command run in this repository, without colours and at a fixed width.
    pub fn pan(&self) -> Command {
        let mut c = Command::cargo_bin("pan").unwrap();
        c.current_dir(self.path())
            .env_remove("PAN_ROOT")
            .env("PAN_TODAY", TODAY)
            .env("NO_COLOR", "1")
            .env("COLUMNS", "120");
        c
    }

    /// Run `pan` with arguments.
    pub fn run(&self, args: &[&str]) -> Output {
        self.pan().args(args).output().unwrap()
    }

    /// Run `pan validate --format json` and return (exit code, diagnostics as (code, file, line)).
    pub fn validate(&self, extra: &[&str]) -> (i32, Vec<(String, String, u64)>) {
        let mut args = vec!["validate", "--format", "json", "--as-of", "2026-11-23"];
        args.extend_from_slice(extra);
        let out = self.run(&args);
        let code = out.status.code().unwrap_or(-1);
        let json: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", stdout(&out), stderr(&out)));
        let diags = json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["code"].as_str().unwrap().to_string(),
                    d["file"].as_str().unwrap().to_string(),
                    d["line"].as_u64().unwrap(),
                )
            })
            .collect();
        (code, diags)
    }
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Run a command line as a person types it (`pan …`, with quotes, pipes and
/// redirections) through `sh`, in `dir`, with this build's `pan` first on the `PATH`.
pub fn shell(dir: &Path, line: &str) -> Output {
    let bin = assert_cmd::cargo::cargo_bin("pan");
    let bin_dir = bin.parent().unwrap();
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut paths = vec![bin_dir.to_path_buf()];
    paths.extend(std::env::split_paths(&path));
    std::process::Command::new("sh")
        .arg("-c")
        .arg(line)
        .current_dir(dir)
        .env("PATH", std::env::join_paths(paths).unwrap())
        .env_remove("PAN_ROOT")
        .env("PAN_TODAY", TODAY)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "120")
        .output()
        .unwrap()
}

/// The lines of the first fenced block of `text` after `marker` that start with `pan `.
pub fn commands_after(text: &str, marker: &str) -> Vec<String> {
    let start = text.find(marker).unwrap_or_else(|| panic!("no {marker:?}"));
    let rest = &text[start..];
    let open = rest.find("```").unwrap();
    let body = &rest[open + 3..];
    let body = &body[body.find('\n').unwrap() + 1..];
    let close = body.find("```").unwrap();
    body[..close]
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("pan "))
        .map(str::to_string)
        .collect()
}
