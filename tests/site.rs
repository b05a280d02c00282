//! `pan site`: every page kind at a stable URL, the same bytes for the same files and date,
//! plan text never markup, every internal link resolving, no undated action drawn, the
//! output folder handled safely, the theme of `[site]`.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::{ACTION_PATH, Fixture, READINGS_PATH, stderr};

const AS_OF: &str = "2026-11-23";

/// Build the site of `f` into `out` (relative to the fixture), expecting success.
#[track_caller]
fn build(f: &Fixture, out: &str, extra: &[&str]) -> PathBuf {
    let mut args = vec!["site", "-o", out];
    if !extra.contains(&"--as-of") {
        args.extend(["--as-of", AS_OF]);
    }
    args.extend_from_slice(extra);
    let o = f.run(&args);
    assert!(o.status.success(), "pan site failed: {}", stderr(&o));
    assert!(stderr(&o).contains("pages"), "{}", stderr(&o));
    f.path().join(out)
}

/// Every file of a folder, by its path relative to it, with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(dir).unwrap();
            out.insert(
                rel.to_string_lossy().replace('\\', "/"),
                std::fs::read(e.path()).unwrap(),
            );
        }
    }
    out
}

/// The page kinds every site has, in each language.
const PAGES: [&str; 12] = [
    "index.html",
    "levers.html",
    "actions.html",
    "ministries.html",
    "context.html",
    "reporting.html",
    "timeline.html",
    "digest.html",
    "search.html",
    "downloads.html",
    "search-index.js",
    "actions/IN-B-11.02.html",
];

#[test]
fn the_fixture_has_every_page_kind_at_a_stable_url() {
    let f = Fixture::new();
    let site = build(&f, "_site", &[]);
    let all = files(&site);
    for lang in ["fr", "en"] {
        for page in PAGES
            .iter()
            .chain(&["levers/B.html", "objectives/B-11.html"])
            .chain(&["ministries/MinDigital.html", "ministries/MENEJ.html"])
        {
            let path = format!("{lang}/{page}");
            assert!(all.contains_key(&path), "{path} is missing");
        }
    }
    for path in [
        "index.html",
        ".pan-manifest",
        "assets/pan.css",
        "assets/search.js",
        "assets/icon.svg",
        "downloads/plan.json",
        "downloads/readings.csv",
    ] {
        assert!(all.contains_key(path), "{path} is missing");
    }
    let action = String::from_utf8(all["fr/actions/IN-B-11.02.html"].clone()).unwrap();
    assert!(action.contains("<html lang=\"fr\">"));
    assert!(action.contains("Nombre de séances réalisées"));
    // The reading, in its chart and in its table, with its source.
    assert!(action.contains("role=\"img\"") && action.contains("<td class=\"num\">11</td>"));
    assert!(action.contains("Rapport d'activité 2024"));
    // MENEJ is only a partner (through its agency): its page says so.
    let menej = String::from_utf8(all["en/ministries/MENEJ.html"].clone()).unwrap();
    assert!(menej.contains("Actions where it is a partner"), "{menej}");
    assert!(menej.contains("actions/IN-B-11.02.html"));
    // English pages mark the plan's French text as French.
    let en = String::from_utf8(all["en/actions/IN-B-11.02.html"].clone()).unwrap();
    assert!(en.contains("<html lang=\"en\">"));
    assert!(en.contains("<section class=\"text\" aria-label=\"Action\" lang=\"fr\">"));
}

#[test]
fn the_bundled_plan_builds_every_action_and_ministry() {
    let f = Fixture::bundled();
    let site = build(&f, "_site", &[]);
    let all = files(&site);
    for lang in ["fr", "en"] {
        let actions = all
            .keys()
            .filter(|k| k.starts_with(&format!("{lang}/actions/")))
            .count();
        assert_eq!(actions, 249, "{lang}: one page per action");
        for page in PAGES {
            assert!(all.contains_key(&format!("{lang}/{page}")), "{lang}/{page}");
        }
        assert!(all.contains_key(&format!("{lang}/ministries/MENEJ.html")));
        assert!(all.contains_key(&format!("{lang}/objectives/B-11.html")));
    }
    let json: serde_json::Value = serde_json::from_slice(&all["downloads/plan.json"]).unwrap();
    assert_eq!(json["actions"].as_array().unwrap().len(), 249);
    // Every page declares its policy; none runs inline code or styles.
    for (path, bytes) in &all {
        if !path.ends_with(".html") {
            continue;
        }
        let text = String::from_utf8_lossy(bytes);
        assert!(
            text.contains("http-equiv=\"Content-Security-Policy\""),
            "{path}: no policy"
        );
        assert!(!text.contains(" style=\""), "{path}: inline style");
        for (i, _) in text.match_indices("<script") {
            assert!(
                text[i..].starts_with("<script src=\""),
                "{path}: inline script"
            );
        }
        let lower = text.to_lowercase();
        for handler in [
            " onclick=",
            " onload=",
            " onerror=",
            " onmouseover=",
            " onfocus=",
        ] {
            assert!(!lower.contains(handler), "{path}: {handler}");
        }
    }
}

#[test]
fn the_same_files_and_date_give_the_same_bytes() {
    let f = Fixture::bundled();
    let one = files(&build(&f, "one", &[]));
    let two = files(&build(&f, "two", &[]));
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        two.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &one {
        assert!(two[path] == *bytes, "{path} differs between two builds");
    }
    // Another date is another site.
    let three = files(&build(&f, "three", &["--as-of", "2027-03-01"]));
    assert_ne!(one["fr/index.html"], three["fr/index.html"]);
}

/// The `href` and `src` values of a page.
fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in [" href=\"", " src=\""] {
        for (i, _) in html.match_indices(attr) {
            let rest = &html[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].replace("&amp;", "&"));
            }
        }
    }
    out
}

/// The `id`s of a page.
fn ids(html: &str) -> BTreeSet<String> {
    html.match_indices(" id=\"")
        .filter_map(|(i, m)| {
            let rest = &html[i + m.len()..];
            rest.find('"').map(|end| rest[..end].to_string())
        })
        .collect()
}

/// Check that every `href` and `src` of every page names a file of the site (and an `id`
/// of it, for a `#` link); returns the number of links checked.
#[track_caller]
fn assert_links_resolve(all: &BTreeMap<String, Vec<u8>>) -> usize {
    let mut checked = 0;
    for (path, bytes) in all {
        if !path.ends_with(".html") {
            continue;
        }
        let text = String::from_utf8_lossy(bytes);
        for link in links(&text) {
            checked += 1;
            assert!(
                !link.contains("://") && !link.starts_with("//"),
                "{path}: external link {link}"
            );
            let (target, anchor) = match link.split_once('#') {
                Some((t, a)) => (t, Some(a)),
                None => (link.as_str(), None),
            };
            let target = target.split('?').next().unwrap_or("");
            let resolved = if target.is_empty() {
                path.clone()
            } else {
                // Resolve against the page's folder, `..` by `..`.
                let mut parts: Vec<&str> = path.split('/').collect();
                parts.pop();
                for part in target.split('/') {
                    match part {
                        ".." => {
                            assert!(parts.pop().is_some(), "{path}: {link} leaves the site");
                        }
                        "." | "" => {}
                        p => parts.push(p),
                    }
                }
                parts.join("/")
            };
            let Some(bytes) = all.get(&resolved) else {
                panic!("{path}: {link} does not resolve ({resolved})");
            };
            if let Some(anchor) = anchor {
                let target_text = String::from_utf8_lossy(bytes);
                assert!(
                    ids(&target_text).contains(anchor),
                    "{path}: {link}: no id {anchor}"
                );
            }
        }
    }
    checked
}

#[test]
fn every_internal_link_and_asset_resolves() {
    let f = Fixture::bundled();
    let all = files(&build(&f, "_site", &[]));
    let checked = assert_links_resolve(&all);
    assert!(checked > 10_000, "only {checked} links checked");
    // A plan that names an undeclared objective (an error pan validate reports) still
    // gets a site without broken links.
    let f = Fixture::new();
    f.edit(ACTION_PATH, "objective: B-11", "objective: B-12");
    let all = files(&build(&f, "_site", &[]));
    assert!(assert_links_resolve(&all) > 100);
    assert!(!all.contains_key("fr/objectives/B-12.html"));
}

#[test]
fn the_timeline_never_draws_an_undated_action() {
    let f = Fixture::bundled();
    let site = build(&f, "_site", &[]);
    let timeline = std::fs::read_to_string(site.join("fr/timeline.html")).unwrap();
    let repo = pan::config::Repo::open(f.path()).unwrap();
    let tree = pan::load::tree::FsTree::new(f.path());
    let loaded = pan::load::load(&tree, &repo.settings);
    // What the charts draw: the text of every SVG.
    let drawn: String = timeline
        .match_indices("<svg")
        .map(|(i, _)| {
            let end = timeline[i..].find("</svg>").unwrap();
            &timeline[i..i + end]
        })
        .collect();
    let (mut dated, mut undated) = (0, 0);
    for a in &loaded.plan.actions {
        let code = format!(">{}<", a.code);
        if pan::report::digest::dated(a, &repo.settings).is_some() {
            dated += 1;
            assert!(drawn.contains(&code), "{} is dated but not drawn", a.code);
        } else {
            undated += 1;
            assert!(
                !drawn.contains(&code),
                "{} has no date but is drawn",
                a.code
            );
            assert!(
                timeline.contains(&format!("actions/{}.html", a.code)),
                "{} is not listed",
                a.code
            );
        }
    }
    assert!(
        dated > 100 && undated > 20,
        "{dated} dated, {undated} undated"
    );
}

/// Text meant to break out of HTML, attributes, titles and scripts.
const HOSTILE: &str = r#"<script>alert(1)</script>"><img src=x onerror=alert(2)></title>"#;

/// A quoted string, for YAML and TOML alike.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

#[test]
fn hostile_plan_text_is_never_markup() {
    let f = Fixture::new();
    let q = quoted(HOSTILE);
    f.write(
        "pan.toml",
        &format!("[plan]\ntitle = {q}\nstart = 2026\nend = 2030\n[site]\nname = {q}\n"),
    );
    f.edit(
        "plan/levers.yaml",
        "Approfondir les compétences numériques",
        &q,
    );
    f.edit(
        "plan/levers.yaml",
        "Soutenir la formation en compétences numériques",
        &q,
    );
    f.edit("plan/actors.yaml", "Ministère de la Digitalisation", &q);
    f.edit(
        ACTION_PATH,
        "Organiser des rencontres mensuelles « IT Trainer Meetups ».",
        &q,
    );
    f.edit(ACTION_PATH, "Nombre de séances réalisées", &q);
    f.edit(ACTION_PATH, "  - MENEJ-IFEN", &format!("  - {q}"));
    f.edit(
        ACTION_PATH,
        "states: []",
        &format!("states:\n  - date: 2026-02-01\n    state: in_progress\n    note: {q}"),
    );
    let cell = format!("\"{}\"", HOSTILE.replace('"', "\"\""));
    f.write(
        READINGS_PATH,
        &format!(
            "indicator,period,value,source,note,recorded,replaces\nseances,2024,11,{cell},{cell},2026-01-15,\n"
        ),
    );
    let site = build(&f, "_site", &[]);
    let all = files(&site);
    let mut seen = 0;
    for (path, bytes) in &all {
        let text = String::from_utf8_lossy(bytes);
        if path.starts_with("downloads/") {
            // Data, served as JSON and CSV: the text as published.
            continue;
        }
        for bad in [
            "<script>alert",
            "<img src=x",
            "\"><img",
            "alert(2)></title>",
        ] {
            assert!(!text.contains(bad), "{path} holds {bad:?} unescaped");
        }
        if path.ends_with(".js") {
            // The search index: no `<` at all, so no text can end a script.
            if path.ends_with("search-index.js") {
                assert!(!text.contains('<'), "{path} holds a raw <");
            }
        }
        if text.contains("&lt;script&gt;alert(1)&lt;/script&gt;") {
            seen += 1;
        }
    }
    assert!(
        seen > 10,
        "the hostile text was shown (escaped) on {seen} files only"
    );
    let page = String::from_utf8(all["fr/actions/IN-B-11.02.html"].clone()).unwrap();
    assert_eq!(page.matches("<title>").count(), 1, "{page}");
    assert!(page.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;&lt;/title&gt;"));
    // The data keeps the text exactly.
    let json: serde_json::Value = serde_json::from_slice(&all["downloads/plan.json"]).unwrap();
    assert_eq!(json["actions"][0]["action"], HOSTILE);
}

#[test]
fn only_an_empty_folder_or_an_earlier_site_is_replaced() {
    let f = Fixture::new();
    f.write("docs/notes.txt", "mine");
    let o = f.run(&["site", "-o", "docs", "--as-of", AS_OF]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("did not build"), "{}", stderr(&o));
    assert_eq!(f.read("docs/notes.txt"), "mine");
    // Into the plan's own folder: refused.
    let o = f.run(&["site", "-o", "plan/site", "--as-of", AS_OF]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(!f.path().join("plan/site").exists());
    // A site is rebuilt whole, nothing left beside it; a file pan did not write in it is
    // never removed (the build is refused and names it).
    let site = build(&f, "_site", &[]);
    f.write("_site/stale.html", "old");
    let o = f.run(&["site", "-o", "_site", "--as-of", AS_OF]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("stale.html"), "{}", stderr(&o));
    assert_eq!(f.read("_site/stale.html"), "old");
    f.remove("_site/stale.html");
    build(&f, "_site", &[]);
    assert!(site.join("fr/index.html").exists());
    let beside: Vec<String> = std::fs::read_dir(f.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".pan-"))
        .collect();
    assert!(beside.is_empty(), "{beside:?}");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&site, f.path().join("link")).unwrap();
        let o = f.run(&["site", "-o", "link", "--as-of", AS_OF]);
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).contains("symbolic link"), "{}", stderr(&o));
    }
}

#[test]
fn a_past_date_shows_only_what_was_known_then() {
    let f = Fixture::new();
    // The reading was recorded on 2026-01-15: unknown on 2026-01-10.
    let before = files(&build(&f, "before", &["--as-of", "2026-01-10"]));
    let after = files(&build(&f, "after", &[]));
    let page = |all: &BTreeMap<String, Vec<u8>>| {
        String::from_utf8(all["fr/actions/IN-B-11.02.html"].clone()).unwrap()
    };
    assert!(page(&after).contains("<td class=\"num\">11</td>"));
    assert!(!page(&before).contains("<td class=\"num\">11</td>"));
    let csv = |all: &BTreeMap<String, Vec<u8>>| {
        String::from_utf8(all["downloads/readings.csv"].clone()).unwrap()
    };
    assert!(csv(&after).contains("seances,2024,11"));
    assert!(!csv(&before).contains("seances,2024,11"));
}

#[test]
fn the_theme_of_site_settings_is_used_and_checked() {
    let f = Fixture::new();
    f.write(
        "site/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    f.write("site/style.css", "main { max-width: 60rem; }");
    f.write(
        "pan.toml",
        &format!(
            "{}[site]\nname = \"Tableau de bord\"\nlogo = \"site/logo.svg\"\nstyle = \"site/style.css\"\nprimary = \"#123456\"\n",
            common::PAN_TOML
        ),
    );
    let site = build(&f, "_site", &[]);
    let all = files(&site);
    assert_eq!(
        all["assets/logo.svg"],
        b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
    );
    assert_eq!(all["assets/custom.css"], b"main { max-width: 60rem; }");
    assert!(!all.contains_key("assets/icon.svg"));
    let css = String::from_utf8(all["assets/pan.css"].clone()).unwrap();
    assert!(css.starts_with(":root { --primary: #123456;"), "{css}");
    let home = String::from_utf8(all["fr/index.html"].clone()).unwrap();
    assert!(home.contains("<title>Tableau de bord</title>"));
    assert!(home.contains("href=\"../assets/custom.css\""));
    assert!(home.contains("<img src=\"../assets/logo.svg\" alt=\"\""));
    // A missing logo: a clear error, and nothing written.
    f.edit("pan.toml", "site/logo.svg", "site/none.svg");
    let o = f.run(&["site", "-o", "other", "--as-of", AS_OF]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("site/none.svg"), "{}", stderr(&o));
    assert!(!f.path().join("other").exists());
    // A colour too light for white text: refused by the settings.
    f.edit("pan.toml", "#123456", "#ffcc00");
    let o = f.run(&["site", "-o", "other", "--as-of", AS_OF]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("too light"), "{}", stderr(&o));
}

/// A plan in another code scheme: numbered levers (`2.3.1`), or a prefix (`M-A12-03`).
fn other_scheme(format: &str, levers: &[(&str, &[&str])], actions: &[(&str, &str)]) -> Fixture {
    let f = Fixture::new();
    f.remove(ACTION_PATH);
    f.remove(READINGS_PATH);
    f.write(
        "pan.toml",
        &format!("{}code_format = \"{format}\"\n", common::PAN_TOML),
    );
    let mut l = String::from("levers:\n");
    for (code, objectives) in levers {
        l.push_str(&format!(
            "  - code: \"{code}\"\n    title: Levier {code}\n    objectives:\n"
        ));
        for o in *objectives {
            l.push_str(&format!(
                "      - code: \"{o}\"\n        title: Objectif {o}\n"
            ));
        }
    }
    f.write("plan/levers.yaml", &l);
    for (code, objective) in actions {
        let lever = levers
            .iter()
            .find(|(_, os)| os.contains(objective))
            .map(|(l, _)| *l)
            .unwrap();
        f.write(
            &format!("plan/{lever}/{code}.yaml"),
            &format!(
                "code: \"{code}\"\nobjective: \"{objective}\"\naction: Action {code}\nresponsible: [MinDigital]\nindicators:\n  - id: n\n    label: Nombre de sessions\n    kind: count\ncalendar:\n  label: 2026 – 2027\n  start: 2026\n  end: 2027\n"
            ),
        );
    }
    f
}

#[test]
fn plans_in_other_code_schemes_get_the_same_site() {
    for (f, codes, objectives) in [
        (
            other_scheme(
                "{lever:1}.{objective}.{number}",
                &[("2", &["2.3", "2.10"]), ("10", &["10.1"])],
                &[("2.3.1", "2.3"), ("2.10.1", "2.10"), ("10.1.1", "10.1")],
            ),
            vec!["2.3.1", "2.10.1", "10.1.1"],
            vec!["2.3", "2.10", "10.1"],
        ),
        (
            other_scheme(
                "M-{lever}{objective}-{number:02}",
                &[("A", &["A1", "A12"])],
                &[("M-A12-03", "A12"), ("M-A1-10", "A1")],
            ),
            vec!["M-A12-03", "M-A1-10"],
            vec!["A1", "A12"],
        ),
    ] {
        let all = files(&build(&f, "_site", &[]));
        for lang in ["fr", "en"] {
            for code in &codes {
                let page = format!("{lang}/actions/{code}.html");
                let text = String::from_utf8(all[&page].clone()).unwrap();
                assert!(text.contains(&format!("<h1>{code}</h1>")), "{page}");
            }
            for o in &objectives {
                let page = format!("{lang}/objectives/{o}.html");
                let text = String::from_utf8(all[&page].clone()).unwrap();
                // Each objective lists exactly its own actions.
                let listed = codes
                    .iter()
                    .filter(|c| text.contains(&format!("actions/{c}.html")))
                    .count();
                assert_eq!(listed, 1, "{page}");
            }
        }
        assert_links_resolve(&all);
    }
}
