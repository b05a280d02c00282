//! What a plan repository's CI uses from pan's repository, checked against the schemas
//! of the programs that read it (vendored in tests/schemas, see its README; no network):
//! the release workflow and the example workflows against SchemaStore's GitHub workflow
//! schema, the action against SchemaStore's action schema, the GitLab template and the
//! GitLab examples against GitLab's CI schema, the pre-commit hooks against pre-commit's
//! manifest rules. And every file that names pan's repository or a release names the
//! same ones: Cargo.toml's `repository` and version.

use std::path::{Path, PathBuf};

const VERSION: &str = env!("CARGO_PKG_VERSION");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn validator(schema: &str) -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(&read(&format!("tests/schemas/{schema}"))).unwrap();
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

/// Every YAML document of a file, as JSON.
fn documents(rel: &str) -> Vec<serde_json::Value> {
    let docs: Vec<serde_json::Value> =
        serde_saphyr::from_multiple(&read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    assert!(!docs.is_empty(), "{rel} is empty");
    docs
}

fn assert_valid(v: &jsonschema::Validator, doc: &serde_json::Value, what: &str) {
    let errors: Vec<String> = v
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}:\n{}", errors.join("\n"));
}

/// The repository named in Cargo.toml, e.g. `https://github.com/owner/pan`.
fn repository() -> String {
    let manifest: toml::Value = toml::from_str(&read("Cargo.toml")).unwrap();
    manifest["package"]["repository"]
        .as_str()
        .expect("Cargo.toml names the repository")
        .to_string()
}

fn github_workflows() -> Vec<String> {
    let mut files = vec![
        ".github/workflows/release.yml".to_string(),
        "examples/ci/github-workflow.yml".to_string(),
        "examples/ci/github-pages.yml".to_string(),
    ];
    for dir in ["examples/starter/.github/workflows"] {
        for e in std::fs::read_dir(root().join(dir)).unwrap() {
            let name = e.unwrap().file_name().to_string_lossy().to_string();
            files.push(format!("{dir}/{name}"));
        }
    }
    files
}

#[test]
fn the_workflows_follow_the_github_workflow_schema() {
    let v = validator("github-workflow.json");
    let files = github_workflows();
    assert!(files.len() >= 5, "{files:?}");
    for rel in &files {
        for doc in documents(rel) {
            assert_valid(&v, &doc, rel);
        }
    }
    // The schema is not a rubber stamp: a job without runs-on is refused.
    let mut broken = documents(".github/workflows/release.yml").remove(0);
    broken["jobs"]["check"]
        .as_object_mut()
        .unwrap()
        .remove("runs-on");
    assert!(!v.is_valid(&broken));
}

#[test]
fn the_release_workflow_builds_every_platform_with_checksums_and_provenance() {
    let doc = documents(".github/workflows/release.yml").remove(0);
    let targets: Vec<&str> = doc["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["target"].as_str().unwrap())
        .collect();
    assert_eq!(
        targets,
        [
            "x86_64-unknown-linux-musl",
            "aarch64-unknown-linux-musl",
            "x86_64-apple-darwin",
            "aarch64-apple-darwin",
            "x86_64-pc-windows-msvc"
        ]
    );
    let text = read(".github/workflows/release.yml");
    for needed in [
        ".ci/package",
        "actions/attest-build-provenance@",
        "attestations: write",
        "id-token: write",
        "sha256sum -c",
        "SOURCE_DATE_EPOCH",
        "validate --deny warnings",
        "cp install.sh dist/",
    ] {
        assert!(text.contains(needed), "release.yml lacks {needed}");
    }
}

#[test]
fn the_action_follows_the_github_action_schema() {
    let v = validator("github-action.json");
    let doc = documents("action.yml").remove(0);
    assert_valid(&v, &doc, "action.yml");
    assert_eq!(doc["runs"]["using"], "composite");
    let inputs = doc["inputs"].as_object().unwrap();
    for name in ["version", "args", "working-directory"] {
        assert!(inputs.contains_key(name), "the action has no input {name}");
    }
    // Every script the action runs is in the repository and runs under bash or sh.
    let text = read("action.yml");
    let mut scripts = 0;
    for (i, _) in text.match_indices("$GITHUB_ACTION_PATH/") {
        let rest = &text[i + "$GITHUB_ACTION_PATH/".len()..];
        let path: String = rest
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '"')
            .collect();
        assert!(
            root().join(&path).is_file(),
            "action.yml runs {path}, which is missing"
        );
        scripts += 1;
    }
    assert!(scripts >= 5, "{scripts}");
    assert!(root().join("integrations/github/comment.cjs").is_file());
    // Inputs reach the scripts through the environment, never pasted into a script.
    for step in doc["runs"]["steps"].as_array().unwrap() {
        if let Some(run) = step["run"].as_str() {
            assert!(!run.contains("${{"), "an expression inside a script: {run}");
        }
    }
    let mut broken = doc.clone();
    broken["runs"].as_object_mut().unwrap().remove("steps");
    assert!(!v.is_valid(&broken));
}

#[test]
fn the_gitlab_template_and_examples_follow_gitlabs_ci_schema() {
    let v = validator("gitlab-ci.json");
    for rel in [
        "integrations/gitlab/pan.yml",
        "examples/ci/gitlab-ci.yml",
        "examples/ci/gitlab-pages.yml",
        "examples/starter/.gitlab-ci.yml",
    ] {
        for doc in documents(rel) {
            assert_valid(&v, &doc, rel);
        }
    }
    let docs = documents("integrations/gitlab/pan.yml");
    assert_eq!(docs.len(), 2, "a spec header, then the jobs");
    assert_eq!(
        docs[0]["spec"]["inputs"]["version"]["default"], VERSION,
        "the template at a release's tag uses that release"
    );
    let jobs = &docs[1];
    for job in ["pan-validate", "pan-diff"] {
        assert_eq!(jobs[job]["extends"], ".pan", "{job}");
    }
    let reports = &jobs["pan-validate"]["artifacts"]["reports"];
    assert_eq!(reports["codequality"], "gl-code-quality.json");
    assert_eq!(reports["junit"], "pan-junit.xml");
    let text = read("integrations/gitlab/pan.yml");
    assert!(text.contains("--format gitlab -o gl-code-quality.json"));
    assert!(text.contains("--format junit -o pan-junit.xml"));
    assert!(!text.contains("cargo "), "no compile");
    let mut broken = jobs.clone();
    broken["pan-validate"]["artifacts"]["when"] = "sometimes".into();
    assert!(!v.is_valid(&broken));
}

/// The hook languages pre-commit knows (pre-commit 4).
const LANGUAGES: &[&str] = &[
    "conda",
    "coursier",
    "dart",
    "docker",
    "docker_image",
    "dotnet",
    "fail",
    "golang",
    "haskell",
    "julia",
    "lua",
    "node",
    "perl",
    "pygrep",
    "python",
    "r",
    "ruby",
    "rust",
    "script",
    "swift",
    "system",
    "unsupported",
    "unsupported_script",
];

#[test]
fn the_pre_commit_hooks_follow_pre_commits_manifest() {
    let hooks = documents(".pre-commit-hooks.yaml").remove(0);
    let hooks = hooks.as_array().expect("a list of hooks");
    let mut ids = Vec::new();
    for h in hooks {
        let h = h.as_object().expect("a hook is a mapping");
        for key in ["id", "name", "entry", "language"] {
            assert!(h.get(key).is_some_and(|v| v.is_string()), "{key}: {h:?}");
        }
        for key in h.keys() {
            assert!(
                [
                    "id",
                    "name",
                    "entry",
                    "language",
                    "files",
                    "exclude",
                    "types",
                    "types_or",
                    "exclude_types",
                    "additional_dependencies",
                    "args",
                    "always_run",
                    "fail_fast",
                    "pass_filenames",
                    "description",
                    "language_version",
                    "log_file",
                    "minimum_pre_commit_version",
                    "require_serial",
                    "stages",
                    "verbose"
                ]
                .contains(&key.as_str()),
                "pre-commit knows no hook key {key}"
            );
        }
        let language = h["language"].as_str().unwrap();
        assert!(LANGUAGES.contains(&language), "{language}");
        if language == "script" {
            // A script hook runs a file of this repository: no compile, no toolchain.
            let entry = root().join(h["entry"].as_str().unwrap());
            assert!(entry.is_file(), "{entry:?}");
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let mode = std::fs::metadata(&entry).unwrap().permissions().mode();
                assert!(mode & 0o111 != 0, "{entry:?} is not executable");
            }
        }
        assert_ne!(language, "rust", "a hook that compiles pan");
        ids.push(h["id"].as_str().unwrap().to_string());
    }
    assert_eq!(ids, ["pan-validate", "pan-validate-system"]);

    // The example configuration uses these hooks, at this release.
    let config = documents("examples/ci/pre-commit-config.yaml").remove(0);
    let repo = &config["repos"][0];
    assert_eq!(repo["repo"], repository());
    assert_eq!(repo["rev"], format!("v{VERSION}"));
    assert_eq!(repo["hooks"][0]["id"], "pan-validate");
}

/// Every `owner/pan@vX`, `…/pan/vX/…`, `releases/download/vX` and `--version X` in the
/// files a plan repository copies names Cargo.toml's repository and version.
#[test]
fn every_file_names_this_repository_and_this_release() {
    let url = repository();
    let slug = url
        .strip_prefix("https://github.com/")
        .expect("a GitHub repository");
    let files = [
        "install.sh",
        "action.yml",
        ".pre-commit-hooks.yaml",
        "integrations/gitlab/pan.yml",
        "examples/ci/github-workflow.yml",
        "examples/ci/github-pages.yml",
        "examples/ci/gitlab-ci.yml",
        "examples/ci/gitlab-pages.yml",
        "examples/ci/pre-commit-config.yaml",
    ];
    let mut pins = 0;
    for rel in files {
        let text = read(rel);
        // Every GitHub address of a repository named pan, and every `owner/pan@ref`.
        for host in ["github.com/", "githubusercontent.com/", "uses: "] {
            for (i, _) in text.match_indices(host) {
                let rest = &text[i + host.len()..];
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || "-_./".contains(*c))
                    .collect();
                let mut parts = name.split('/');
                let repo = match (parts.next(), parts.next()) {
                    (Some(owner), Some(repo)) => format!("{owner}/{repo}"),
                    _ => continue,
                };
                let repo = repo.split('@').next().unwrap_or_default().to_string();
                if repo.ends_with("/pan") {
                    assert_eq!(repo, slug, "{rel} names another repository");
                }
            }
        }
        for pin in [
            "pan@v",
            "/pan/v",
            "releases/download/v",
            "rev: v",
            "--version ",
        ] {
            for (i, _) in text.match_indices(pin) {
                let rest = &text[i + pin.len()..];
                let v: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '-')
                    .collect();
                if !v.starts_with(|c: char| c.is_ascii_digit()) {
                    continue; // `--version "$PAN_VERSION"`, `releases/download/v$version`
                }
                assert_eq!(v, VERSION, "{rel} pins {pin}{v}");
                pins += 1;
            }
        }
        assert!(
            !text.contains("cargo install") || rel == "install.sh",
            "{rel} compiles pan"
        );
    }
    assert!(pins >= 8, "{pins}");
    assert!(read("install.sh").contains(&format!("repository=${{PAN_REPOSITORY:-{url}}}")));
    assert!(
        read("integrations/gitlab/pan.yml").contains(&format!("default: {url}")),
        "the template's default repository"
    );
}

#[test]
fn binstall_finds_the_archives_the_release_publishes() {
    let manifest: toml::Value = toml::from_str(&read("Cargo.toml")).unwrap();
    let meta = &manifest["package"]["metadata"]["binstall"];
    assert_eq!(
        meta["pkg-url"].as_str(),
        Some("{ repo }/releases/download/v{ version }/{ name }-{ target }{ archive-suffix }")
    );
    assert_eq!(
        meta["bin-dir"].as_str(),
        Some("{ name }-{ target }/{ bin }{ binary-ext }")
    );
    assert_eq!(meta["pkg-fmt"].as_str(), Some("tgz"));
    assert_eq!(
        meta["overrides"]["x86_64-pc-windows-msvc"]["pkg-fmt"].as_str(),
        Some("zip")
    );
    // .ci/package writes exactly those names: pan-<target>.tar.gz (.zip) holding
    // pan-<target>/pan (.exe).
    let package = read(".ci/package");
    assert!(package.contains("name=pan-$target"));
    assert!(package.contains("archive=$out/$name.$ext"));
    assert!(package.contains(r#"cp "$bin" "$stage/$name/pan$exe""#));
    let rust_version = manifest["package"]["rust-version"].as_str().unwrap();
    assert!(rust_version >= "1.85", "edition 2024 needs 1.85");
}

#[test]
fn the_vendored_schemas_name_their_source_and_licence() {
    // tests/schemas/README.md names each file's source, licence and SHA-256
    // (`.ci/integrations` checks the sums with sha256sum).
    let readme = read("tests/schemas/README.md");
    let sums = read("tests/schemas/SHA256SUMS");
    for name in [
        "github-workflow.json",
        "github-action.json",
        "gitlab-ci.json",
        "junit-10.xsd",
        "gitlab-codequality.json",
        "checkstyle.xsd",
    ] {
        assert!(readme.contains(&format!("`{name}`")), "README: {name}");
        assert!(root().join("tests/schemas").join(name).is_file());
        assert!(
            sums.lines().any(|l| l.ends_with(&format!("  {name}"))),
            "SHA256SUMS: {name}"
        );
    }
    assert!(Path::new(&root().join("tests/schemas/LICENSE.schemastore")).is_file());
    assert!(Path::new(&root().join("tests/schemas/LICENSE.gitlab")).is_file());
}

/// Every `run:` script of the action and of the shipped workflows reads the action's
/// inputs and GitHub's context through environment variables, never as `${{ … }}` written
/// into the script: an expression expanded inside a script is a script injection (a branch
/// name or an input holding `"; curl … | sh; "`).
#[test]
fn no_script_of_the_action_or_the_workflows_expands_an_expression() {
    let mut files = vec!["action.yml".to_owned()];
    files.extend(github_workflows());
    let mut scripts = 0;
    for rel in &files {
        let text = read(rel);
        let lines: Vec<&str> = text.lines().collect();
        let mut i = 0;
        while i < lines.len() {
            let line = lines[i];
            let indent = line.len() - line.trim_start().len();
            let body = line.trim_start().trim_start_matches("- ");
            if let Some(rest) = body.strip_prefix("run:") {
                scripts += 1;
                let mut script = vec![rest.to_owned()];
                i += 1;
                while i < lines.len() {
                    let next = lines[i];
                    let next_indent = next.len() - next.trim_start().len();
                    if !next.trim().is_empty() && next_indent <= indent {
                        break;
                    }
                    script.push(next.to_owned());
                    i += 1;
                }
                let script = script.join("\n");
                assert!(
                    !script.contains("${{"),
                    "{rel}: a run script expands an expression; pass it through env:\n{script}"
                );
                continue;
            }
            i += 1;
        }
    }
    assert!(scripts >= 5, "only {scripts} run scripts found");
}

/// install.sh, given a release folder (`PAN_DOWNLOAD_URL`) with a stand-in archive:
/// installs it when the checksum matches, and refuses a tampered archive or a checksum
/// file holding something else, leaving the destination as it was.
#[cfg(unix)]
#[test]
fn install_sh_installs_only_an_archive_whose_checksum_matches() {
    use std::process::Command;
    let have = |tool: &str| {
        Command::new("sh")
            .args(["-c", &format!("command -v {tool}")])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !["tar", "sha256sum"].iter().all(|t| have(t)) {
        eprintln!("skipped: tar or sha256sum missing");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let release = tmp.path().join("release");
    let target = "x86_64-unknown-linux-musl";
    let stage = tmp.path().join("stage").join(format!("pan-{target}"));
    std::fs::create_dir_all(&stage).unwrap();
    std::fs::create_dir_all(&release).unwrap();
    let bin = stage.join("pan");
    std::fs::write(&bin, "#!/bin/sh\necho 'pan 0.0.0-test'\n").unwrap();
    let sh = |script: &str| {
        let out = Command::new("sh")
            .args(["-c", script])
            .current_dir(tmp.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "{script}: {out:?}");
    };
    sh(&format!(
        "chmod +x stage/pan-{target}/pan && tar -czf release/pan-{target}.tar.gz -C stage pan-{target} \
         && (cd release && sha256sum pan-{target}.tar.gz > pan-{target}.tar.gz.sha256)"
    ));
    let install = |to: &Path| {
        Command::new("sh")
            .arg(root().join("install.sh"))
            .args(["--target", target, "--to"])
            .arg(to)
            .env("PAN_DOWNLOAD_URL", &release)
            .output()
            .unwrap()
    };

    let good = tmp.path().join("good");
    let out = install(&good);
    assert!(out.status.success(), "{out:?}");
    assert!(good.join("pan").is_file());
    assert!(String::from_utf8_lossy(&out.stderr).contains("installed pan 0.0.0-test"));

    // The archive changed after its checksum was published: nothing is installed.
    let archive = release.join(format!("pan-{target}.tar.gz"));
    let mut bytes = std::fs::read(&archive).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    std::fs::write(&archive, &bytes).unwrap();
    let bad = tmp.path().join("bad");
    std::fs::create_dir_all(&bad).unwrap();
    std::fs::write(bad.join("pan"), "the pan that was here").unwrap();
    let out = install(&bad);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("nothing was installed"), "{err}");
    assert_eq!(
        std::fs::read_to_string(bad.join("pan")).unwrap(),
        "the pan that was here"
    );

    // A checksum file that holds no checksum (an HTML error page, say) is refused too.
    std::fs::write(
        release.join(format!("pan-{target}.tar.gz.sha256")),
        "<html>not found</html>\n",
    )
    .unwrap();
    let out = install(&bad);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("holds no SHA-256 checksum"));
    assert_eq!(
        std::fs::read_to_string(bad.join("pan")).unwrap(),
        "the pan that was here"
    );

    // A version that could be a path or a command is refused before anything is fetched.
    let out = Command::new("sh")
        .arg(root().join("install.sh"))
        .args(["--version", "1.0.0/../../x;id", "--to"])
        .arg(&bad)
        .env("PAN_DOWNLOAD_URL", &release)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a version"));
}
